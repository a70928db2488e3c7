/**
 * The missing-reports list's state as a reducer: which initiatives are selected, the reminder
 * plan (which selected initiatives each person is reminded of), what Graph accepted (only those
 * initiatives are shown as reminded), what failed (to send again alone), and whether a send runs.
 * Pure, so every step is unit-tested without rendering.
 */
import type { ReminderRecipient } from "../../domain/status-reports.js";
import type { ReminderOutcome } from "../../use-cases/status-reports.js";

export interface ReminderState {
  selected: ReadonlySet<number>;
  /** Initiatives whose reminder Graph accepted. */
  sentFor: ReadonlySet<number>;
  /** The selected initiatives each person (by id) was, or will again be, reminded of. */
  planned: ReadonlyMap<number, readonly number[]>;
  failed: ReminderOutcome["failed"];
  /** How many mails the last send got through; null before any. */
  lastSent: number | null;
  /** Titles of selected initiatives with nobody to remind. */
  withoutRecipient: readonly string[];
  busy: boolean;
  error: unknown;
}

export const INITIAL_REMINDER_STATE: ReminderState = {
  selected: new Set(),
  sentFor: new Set(),
  planned: new Map(),
  failed: [],
  lastSent: null,
  withoutRecipient: [],
  busy: false,
  error: null,
};

export type ReminderAction =
  | { kind: "toggle"; id: number; on: boolean }
  | { kind: "selectAll"; ids: readonly number[] }
  | { kind: "selectNone" }
  /** The selection was planned: who is reminded of what, and what has nobody to remind. */
  | {
      kind: "planned";
      plan: ReadonlyMap<number, readonly number[]>;
      withoutRecipient: readonly string[];
    }
  | { kind: "sending" }
  | { kind: "sent"; outcome: ReminderOutcome }
  | { kind: "sendFailed"; error: unknown };

export function reminderReducer(state: ReminderState, action: ReminderAction): ReminderState {
  switch (action.kind) {
    case "toggle": {
      const selected = new Set(state.selected);
      if (action.on) selected.add(action.id);
      else selected.delete(action.id);
      return { ...state, selected };
    }
    case "selectAll":
      return { ...state, selected: new Set(action.ids) };
    case "selectNone":
      return { ...state, selected: new Set() };
    case "planned":
      return { ...state, planned: action.plan, withoutRecipient: action.withoutRecipient };
    case "sending":
      return { ...state, busy: true, error: null };
    case "sent": {
      const ids = action.outcome.sent.flatMap((r) => state.planned.get(r.person.id) ?? []);
      return {
        ...state,
        busy: false,
        sentFor: new Set([...state.sentFor, ...ids]),
        lastSent: action.outcome.sent.length,
        failed: action.outcome.failed,
      };
    }
    case "sendFailed":
      return { ...state, busy: false, error: action.error };
  }
}

/** Who is reminded of which selected initiative (by the responsible person's id). */
export function reminderPlan(
  chosen: readonly { initiative: { id: number }; responsible: { id: number } | null }[],
): Map<number, number[]> {
  const plan = new Map<number, number[]>();
  for (const r of chosen) {
    if (r.responsible)
      plan.set(r.responsible.id, [...(plan.get(r.responsible.id) ?? []), r.initiative.id]);
  }
  return plan;
}

/** The recipients of the failed mails, to send again alone. */
export function failedRecipients(state: ReminderState): ReminderRecipient[] {
  return state.failed.map((f) => f.recipient);
}
