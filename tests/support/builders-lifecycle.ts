/**
 * Builders for the lifecycle, intake, status report and import tests: stored entities (with
 * id and audit fields as the store adds them), people in their roles, the facts a gate looks at.
 */
import type { Clock } from "../../src/domain/clock.js";
import type { Person } from "../../src/domain/common.js";
import {
  type DecisionId,
  idOf,
  type InitiativeId,
  type PersonId,
  type PhaseChangeId,
  versionOf,
} from "../../src/domain/ids.js";
import { DECISION_PHASES, pathFromIdea, type TransitionFacts } from "../../src/domain/lifecycle.js";
import type {
  Initiative,
  InitiativeDraft,
  PhaseChange,
  PhaseChangeDraft,
} from "../../src/domain/portfolio.js";
import type { Me, Role } from "../../src/domain/roles.js";
import type { Phase } from "../../src/domain/vocabulary.js";
import {
  aBenefit,
  aBudgetLine,
  anAllocation,
  anInitiative,
  aPerson,
  aPhaseChange,
  aRef,
} from "./builders.js";

export const secretary = aPerson({ id: idOf<PersonId>(3), name: "Mads Kjær", email: "mads@x.dk" });
export const chair = aPerson({ id: idOf<PersonId>(2), name: "Birgitte Holm", email: "bh@x.dk" });
export const member = aPerson({ id: idOf<PersonId>(4), name: "Jonas Lind", email: "jonas@x.dk" });
export const owner = aPerson({ id: idOf<PersonId>(7), name: "Sara Dahl", email: "sara@x.dk" });
export const lead = aPerson({ id: idOf<PersonId>(11), name: "Thomas Berg", email: "tb@x.dk" });

export function me(person: Person, ...roles: Role[]): Me {
  return { person, roles };
}

export function aClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}

/** A stored initiative: the builder's draft with an id and audit fields. */
export function aStoredInitiative(o: Partial<InitiativeDraft> & { id?: number } = {}): Initiative {
  const { id = 1, ...draft } = o;
  return {
    ...anInitiative(draft),
    id: idOf<InitiativeId>(id),
    version: versionOf('"1"'),
    created: "2026-01-01T00:00:00Z",
    modified: "2026-01-01T00:00:00Z",
    createdBy: null,
    modifiedBy: null,
  };
}

/** An initiative whose every gate up to Gevinstopfølgning is met, in the given phase. */
export function aCompleteInitiative(
  o: Partial<InitiativeDraft> & { id?: number } = {},
): Initiative {
  return aStoredInitiative({
    owner,
    projectLead: lead,
    governance: "Styregruppe",
    area: aRef(1, "Borger, Kultur og Velfærd"),
    ...o,
  });
}

/** Facts that meet every gate (budget, an owned benefit with baseline and target, allocations). */
export function completeFacts(o: Partial<TransitionFacts> = {}): TransitionFacts {
  return {
    budgetLines: [aBudgetLine({ kind: "Anlæg", amount: 400_000 })],
    benefits: [aBenefit({ owner: lead, state: "Godkendt" })],
    allocations: [anAllocation({ hours: 20 })],
    history: [],
    ...o,
  };
}

export function noFacts(o: Partial<TransitionFacts> = {}): TransitionFacts {
  return { budgetLines: [], benefits: [], allocations: [], history: [], ...o };
}

/**
 * A stored change record as the server keeps it: written by `by` (Author and Editor) at
 * `created`, with an id (ids and Created in the order of creation).
 */
export function aStoredChange(
  o: Partial<PhaseChangeDraft> & { id?: number; by?: Person | null; created?: string } = {},
): PhaseChange {
  const { id = 1, by = secretary, created = "2026-02-01T10:00:00Z", ...draft } = o;
  return {
    ...aPhaseChange(draft),
    id: idOf<PhaseChangeId>(id),
    version: versionOf('"1"'),
    created,
    modified: created,
    createdBy: by,
    modifiedBy: by,
  };
}

/**
 * The valid record that brings an initiative from Idé to `to` (`pathFromIdea`), each change by
 * `by` (the secretary unless given), with a reason and, where the phase needs one, a decision;
 * ids from `firstId`, created a day apart from 1 January 2026.
 */
export function aRecordedPath(
  initiative: { id: number; title: string },
  to: Phase,
  o: { by?: Person; firstId?: number } = {},
): PhaseChange[] {
  const by = o.by ?? secretary;
  const first = o.firstId ?? initiative.id * 100;
  return pathFromIdea(to).map((step, k) =>
    aStoredChange({
      id: first + k,
      by,
      created: new Date(Date.UTC(2026, 0, 1 + k)).toISOString(),
      title: `${step.from} → ${step.to}`,
      initiative: aRef<InitiativeId>(initiative.id, initiative.title),
      fromPhase: step.from,
      toPhase: step.to,
      changedAt: new Date(Date.UTC(2026, 0, 1 + k)).toISOString(),
      reason: "Begrundet.",
      decision: DECISION_PHASES.includes(step.to) ? aRef<DecisionId>(99, "Beslutning") : null,
    }),
  );
}

/**
 * The valid record behind an initiative's stored gates: the path to its phase and, where set,
 * its priority and mandatory flag, all by `by` (the secretary unless given). With it, what is
 * stored is what counts.
 */
export function aRecordOf(
  initiative: Pick<
    Initiative,
    "id" | "title" | "phase" | "priority" | "priorityScore" | "mandatory"
  >,
  o: { by?: Person; firstId?: number } = {},
): PhaseChange[] {
  const path = aRecordedPath(initiative, initiative.phase, o);
  const by = o.by ?? secretary;
  const next = (o.firstId ?? initiative.id * 100) + path.length;
  const gate = (k: number, draft: Partial<PhaseChangeDraft>) =>
    aStoredChange({
      id: next + k,
      by,
      created: new Date(Date.UTC(2026, 0, 1 + path.length + k)).toISOString(),
      initiative: aRef<InitiativeId>(initiative.id, initiative.title),
      fromPhase: initiative.phase,
      toPhase: initiative.phase,
      ...draft,
    });
  return [
    ...path,
    ...(initiative.mandatory
      ? [gate(0, { title: "Lovpligtigt", gate: "Lovpligtig", mandatory: true })]
      : []),
    ...(initiative.priority !== null || initiative.priorityScore !== null
      ? [
          gate(1, {
            title: "Prioritet",
            gate: "Prioritet",
            priority: initiative.priority,
            priorityScore: initiative.priorityScore,
          }),
        ]
      : []),
  ];
}
