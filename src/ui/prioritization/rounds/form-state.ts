/**
 * The open-round form's state as a reducer: the fields as typed (numbers and dates kept as the
 * text of their inputs), the chosen candidates, and the submission (busy, the refusal or
 * failure, the round opened). `roundDraftOf` turns the fields into the draft `openRound` takes.
 */
import type { RoundDraft, RoundSettings, WeightSet } from "../../../domain/prioritization.js";
import type { VotingMethod } from "../../../domain/vocabulary.js";
import type { CandidateInitiative, OpenedRound } from "../../../use-cases/rounds.js";

/** The fields kept as the text of their inputs. */
export type OpenRoundTextField = "title" | "points" | "budget" | "weightSet" | "opens" | "closes";

export interface OpenRoundFormState {
  title: string;
  method: VotingMethod;
  /** Prikker: dots per member, as typed. */
  points: string;
  /** Budget: kroner per member, as typed. */
  budget: string;
  /** Kriteriescore: the weight set's id as the select's value ("" for none). */
  weightSet: string;
  /** Dates as the date inputs give them (yyyy-mm-dd, local), "" when not set. */
  opens: string;
  closes: string;
  chosen: ReadonlySet<number>;
  busy: boolean;
  /** The refusal (a Problem) or the failure of the last submission. */
  error: unknown;
  opened: OpenedRound | null;
}

export type OpenRoundAction =
  | { type: "set"; field: OpenRoundTextField; value: string }
  | { type: "method"; method: VotingMethod }
  | { type: "choose"; candidate: number; on: boolean }
  | { type: "submitted" }
  | { type: "failed"; error: unknown }
  | { type: "opened"; opened: OpenedRound };

/** A new form: every initiative ready for prioritization chosen, the first weight set picked. */
export function initialOpenRoundState(
  ready: readonly CandidateInitiative[],
  weightSets: readonly WeightSet[],
): OpenRoundFormState {
  return {
    title: "",
    method: "Kriteriescore",
    points: "10",
    budget: "",
    weightSet: weightSets[0] ? String(weightSets[0].id) : "",
    opens: "",
    closes: "",
    chosen: new Set(ready.map((i) => i.id)),
    busy: false,
    error: null,
    opened: null,
  };
}

export function openRoundReducer(
  state: OpenRoundFormState,
  action: OpenRoundAction,
): OpenRoundFormState {
  switch (action.type) {
    case "set":
      return { ...state, [action.field]: action.value };
    case "method":
      return { ...state, method: action.method };
    case "choose": {
      const chosen = new Set(state.chosen);
      if (action.on) chosen.add(action.candidate);
      else chosen.delete(action.candidate);
      return { ...state, chosen };
    }
    case "submitted":
      return { ...state, busy: true, error: null, opened: null };
    case "failed":
      return { ...state, busy: false, error: action.error };
    case "opened":
      // Ready for the next round: the title is cleared, the other choices stay.
      return { ...state, busy: false, error: null, opened: action.opened, title: "" };
  }
}

/** A date input's value (yyyy-mm-dd, local) as the start or the end of that day; null if none. */
export function dayToIso(day: string, end: boolean): string | null {
  if (!day) return null;
  const d = new Date(`${day}T${end ? "23:59:59" : "00:00:00"}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The round the form describes, as `openRound` takes it (validated there). */
export function roundDraftOf(
  state: OpenRoundFormState,
  ready: readonly CandidateInitiative[],
  weightSets: readonly WeightSet[],
): Omit<RoundDraft, "state"> {
  const settings: RoundSettings =
    state.method === "Prikker"
      ? { pointsPerMember: Number(state.points) }
      : state.method === "Budget"
        ? { budgetPerMember: Number(state.budget) }
        : {};
  const ws = weightSets.find((w) => String(w.id) === state.weightSet);
  return {
    title: state.title.trim(),
    method: state.method,
    candidates: ready
      .filter((i) => state.chosen.has(i.id))
      .map((i) => ({ id: i.id, title: i.title })),
    opens: dayToIso(state.opens, false),
    closes: dayToIso(state.closes, true),
    resultsVisibility: "Efter lukning",
    weightSet: state.method === "Kriteriescore" && ws ? { id: ws.id, title: ws.title } : null,
    meeting: null,
    settings,
  };
}
