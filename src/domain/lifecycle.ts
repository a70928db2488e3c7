/**
 * The lifecycle of an initiative (DESIGN.md §2.2, issue 4 §4): which phase changes are allowed,
 * who may make them, what must be filled before a phase is entered (the gates), the record a
 * change leaves in PhaseChanges, and the governance figures behind the charter's aim of fewer
 * and shorter-lived standalone steering groups.
 *
 * The transition table, as a portfolio office runs it:
 *
 * | from                                   | to                                              |
 * | -------------------------------------- | ----------------------------------------------- |
 * | each phase of the main chain           | the next phase of the chain                     |
 * | Behovsanalyse, Klar til prioritering,  | one step back (sent back for more analysis, or  |
 * | Prioriteret                            | de-prioritized into the next round)             |
 * | Idé … Gennemførelse                    | Parkeret (paused; not once the system is live)  |
 * | Parkeret                               | the phase it was parked from or an earlier one  |
 * | Idé, Behovsanalyse, Klar til prior.    | Afvist (rejected before the committee commits)  |
 * | Parkeret (parked before a decision)    | Afvist                                          |
 * | Prioriteret, Planlægning, Gennemførelse| Afsluttet (stopped by the committee)            |
 * | I drift                                | Afsluttet (no benefits left to follow up)       |
 * | Parkeret (parked after a decision)     | Afsluttet (stopped while parked)                |
 * | Afvist                                 | Idé (re-submitted)                              |
 *
 * Afsluttet is final. Backward moves, parking, rejection, stopping and re-submission need a
 * reason; entering Prioriteret, Afvist or Afsluttet needs a reference to the committee's
 * decision (not when resuming into Prioriteret: that decision was taken before parking).
 *
 * The phase, the priority and the mandatory flag are the committee's gates. Anyone who may
 * write an initiative item can write those columns with their own token, so they count only as
 * the recorded changes in PhaseChanges set them (`replayGates`): every initiative starts in
 * Idé, without priority and not mandatory; each record, in the order the server created them,
 * must be an allowed change from the last valid values, made by someone allowed to make it
 * (author and roles as the server and the site groups say). A stored value that differs from
 * the replayed one is irregular, and every count uses the replayed one.
 */
import type { BenefitDraft } from "./benefits.js";
import type { Clock } from "./clock.js";
import { err, type IsoDateTime, ok, type Person, type Ref, type Result } from "./common.js";
import type { DecisionId } from "./ids.js";
import type { Irregularity, IrregularityParams } from "./irregularities.js";
import {
  type BudgetLineDraft,
  gateOf,
  type Initiative,
  type PhaseChange,
  type PhaseChangeDraft,
  problemFields,
  validatePhaseChange,
} from "./portfolio.js";
import type { Problem } from "./problems.js";
import type { AllocationDraft } from "./resources.js";
import type { Me, Roster } from "./roles.js";
import { type FieldProblem, fieldProblem } from "./validation.js";
import type { Governance, Phase } from "./vocabulary.js";

/** The main chain, from idea to effect. */
export const MAIN_CHAIN = [
  "Idé",
  "Behovsanalyse",
  "Klar til prioritering",
  "Prioriteret",
  "Planlægning",
  "Gennemførelse",
  "I drift",
  "Gevinstopfølgning",
  "Afsluttet",
] as const satisfies readonly Phase[];

/** Phases before the committee has committed to the initiative. */
export const PRE_DECISION_PHASES: readonly Phase[] = [
  "Idé",
  "Behovsanalyse",
  "Klar til prioritering",
];

/** Phases an initiative can be parked from: once the system is live, it is closed instead. */
export const PARKABLE_PHASES: readonly Phase[] = [
  "Idé",
  "Behovsanalyse",
  "Klar til prioritering",
  "Prioriteret",
  "Planlægning",
  "Gennemførelse",
];

/** Phases the committee can stop an initiative from (it had been decided on). */
const STOPPABLE_PHASES: readonly Phase[] = ["Prioriteret", "Planlægning", "Gennemførelse"];

/** One step back along the chain, with the reason the portfolio office uses it. */
const BACK_STEPS: readonly Phase[] = ["Behovsanalyse", "Klar til prioritering", "Prioriteret"];

/** Phases that need a reference to the committee's decision. */
export const DECISION_PHASES: readonly Phase[] = ["Prioriteret", "Afvist", "Afsluttet"];

function chainIndex(p: Phase): number {
  return (MAIN_CHAIN as readonly Phase[]).indexOf(p);
}

/** What the change is, for messages, permission and the need of a reason. */
export type TransitionKind =
  "forward" | "back" | "park" | "resume" | "reject" | "stop" | "close" | "resubmit";

/**
 * The kind of a change from `from` to `to`, or null when the table does not allow it.
 * `parkedFrom` is where a parked initiative was parked from (see `parkedFromPhase`).
 */
export function transitionKind(
  from: Phase,
  to: Phase,
  parkedFrom: Phase | null = null,
): TransitionKind | null {
  if (from === to) return null;
  const i = chainIndex(from);
  const j = chainIndex(to);
  if (from === "Parkeret") {
    if (parkedFrom === null) {
      // History lost (e.g. imported as parked): resume into any parkable phase.
      if (PARKABLE_PHASES.includes(to)) return "resume";
      return to === "Afvist" ? "reject" : null;
    }
    if (PARKABLE_PHASES.includes(to) && j <= chainIndex(parkedFrom)) return "resume";
    if (to === "Afvist" && PRE_DECISION_PHASES.includes(parkedFrom)) return "reject";
    if (to === "Afsluttet" && STOPPABLE_PHASES.includes(parkedFrom)) return "stop";
    return null;
  }
  if (from === "Afvist") return to === "Idé" ? "resubmit" : null;
  if (from === "Afsluttet") return null;
  // from is on the main chain below Afsluttet
  if (j === i + 1) return to === "Afsluttet" ? "close" : "forward";
  if (j === i - 1 && BACK_STEPS.includes(from)) return "back";
  if (to === "Parkeret") return PARKABLE_PHASES.includes(from) ? "park" : null;
  if (to === "Afvist") return PRE_DECISION_PHASES.includes(from) ? "reject" : null;
  if (to === "Afsluttet") {
    if (STOPPABLE_PHASES.includes(from)) return "stop";
    if (from === "I drift") return "close";
  }
  return null;
}

/** Every phase the initiative may move to from `from` (for the board and the phase menu). */
export function allowedTargets(from: Phase, parkedFrom: Phase | null = null): Phase[] {
  const all: readonly Phase[] = [...MAIN_CHAIN, "Parkeret", "Afvist"];
  return all.filter((to) => transitionKind(from, to, parkedFrom) !== null);
}

/**
 * The changes that bring an initiative from Idé to `to` along the table: forward along the
 * main chain; Parkeret and Afvist from Behovsanalyse. (For demo data, migrations and tests.)
 */
export function pathFromIdea(to: Phase): { from: Phase; to: Phase }[] {
  const chain = MAIN_CHAIN as readonly Phase[];
  const along = (last: Phase) =>
    chain.slice(1, chain.indexOf(last) + 1).map((p, k) => ({ from: chain[k] as Phase, to: p }));
  if (to === "Parkeret" || to === "Afvist") {
    return [...along("Behovsanalyse"), { from: "Behovsanalyse", to }];
  }
  return along(to);
}

/** Kinds of change that must carry a reason (the audit must say why). */
const REASON_KINDS: readonly TransitionKind[] = ["back", "park", "reject", "stop", "resubmit"];

// ---------------------------------------------------------------- who may

/** Whether the person is the initiative's owner (Ejer). */
export function ownsInitiative(initiative: Pick<Initiative, "owner">, actor: Me): boolean {
  return initiative.owner !== null && initiative.owner.id === actor.person.id;
}

/**
 * The secretary and the chair make every allowed change; the owner of an initiative may move
 * their own idea into needs analysis; nobody else (not members, not proposers, not site
 * owners: the roles of the steering committee are not administration rights).
 */
export function mayMakeTransition(from: Phase, to: Phase, actor: Me, isOwner: boolean): boolean {
  if (actor.roles.includes("secretary") || actor.roles.includes("chair")) return true;
  return isOwner && from === "Idé" && to === "Behovsanalyse";
}

// ---------------------------------------------------------------- gates

/** What the gates look at besides the initiative itself (loaded by the hook). */
export interface TransitionFacts {
  budgetLines: readonly Pick<BudgetLineDraft, "kind" | "amount">[];
  benefits: readonly Pick<
    BenefitDraft,
    "title" | "isDisbenefit" | "owner" | "baseline" | "targetExpected" | "targetDate" | "state"
  >[];
  allocations: readonly Pick<AllocationDraft, "hours">[];
  /** The initiative's phase changes, any order (for where a parked initiative came from). */
  history: readonly Pick<PhaseChangeDraft, "fromPhase" | "toPhase" | "changedAt">[];
}

/** Where a parked initiative was parked from: the source of its latest change into Parkeret. */
export function parkedFromPhase(history: TransitionFacts["history"]): Phase | null {
  const parkings = history
    .filter((c) => c.toPhase === "Parkeret")
    .sort((a, b) => Date.parse(a.changedAt) - Date.parse(b.changedAt));
  return parkings.at(-1)?.fromPhase ?? null;
}

type GateCheck = (i: Initiative, f: TransitionFacts) => FieldProblem[];

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === "";
const need =
  (
    cond: (i: Initiative, f: TransitionFacts) => boolean,
    field: string,
    code: string,
    params?: Problem["params"],
  ) =>
  (i: Initiative, f: TransitionFacts): FieldProblem[] =>
    cond(i, f) ? [] : [fieldProblem(code, field, params)];
const required = (field: keyof Initiative) => ({
  label: { code: `fields.initiative.${field}` },
});

const realBenefits = (f: TransitionFacts) => f.benefits.filter((b) => !b.isDisbenefit);

/** What a phase of the main chain adds to the phases before it. */
const CHAIN_GATES: Partial<Record<Phase, readonly GateCheck[]>> = {
  Behovsanalyse: [need((i) => !blank(i.need), "need", "validation.gate.need")],
  "Klar til prioritering": [
    need((i) => !blank(i.solution), "solution", "validation.gate.solution"),
    need((i) => i.area !== null, "area", "validation.required", required("area")),
    need((i) => i.owner !== null, "owner", "validation.required", required("owner")),
    need(
      (_, f) => f.budgetLines.some((l) => l.kind !== "Gevinst" && l.amount !== null),
      "budgetLines",
      "validation.gate.costEstimate",
    ),
    need((_, f) => realBenefits(f).length > 0, "benefits", "validation.gate.expectedBenefit"),
    (_, f) =>
      realBenefits(f)
        .filter((b) => b.owner === null)
        .map((b) => fieldProblem("validation.gate.benefitOwner", "benefits", { benefit: b.title })),
  ],
  Planlægning: [need((i) => i.governance !== null, "governance", "validation.gate.governance")],
  Gennemførelse: [
    need(
      (i) => i.projectLead !== null,
      "projectLead",
      "validation.required",
      required("projectLead"),
    ),
    need(
      (_, f) => f.allocations.some((a) => a.hours > 0),
      "allocations",
      "validation.gate.allocations",
    ),
  ],
  Gevinstopfølgning: [
    (_, f) =>
      realBenefits(f).flatMap((b) => {
        const missing = [
          b.baseline === null ? "baseline" : null,
          b.targetExpected === null ? "targetExpected" : null,
          b.targetDate === null ? "targetDate" : null,
        ].filter((x): x is string => x !== null);
        return missing.map((what) =>
          fieldProblem("validation.gate.benefitMissing", "benefits", {
            benefit: b.title,
            what: { code: `fields.benefit.${what}` },
          }),
        );
      }),
  ],
};

/** Closing needs every benefit concluded, so the register does not keep orphans. */
const CLOSE_GATES: readonly GateCheck[] = [
  (_, f) =>
    f.benefits
      .filter((b) => b.state !== "Realiseret" && b.state !== "Ikke realiseret")
      .map((b) =>
        fieldProblem("validation.gate.benefitConcluded", "benefits", { benefit: b.title }),
      ),
];

/**
 * What is missing before the initiative may enter `to`: for a phase of the main chain, the
 * gates of that phase and every phase before it (an initiative resumed from Parkeret into
 * Gennemførelse must meet them all). Closing only asks for the benefits to be concluded: a
 * stopped project need not have reached the later gates. Decision and reason are checked by
 * `planTransition`.
 */
export function missingForPhase(
  initiative: Initiative,
  facts: TransitionFacts,
  to: Phase,
): FieldProblem[] {
  if (to === "Afsluttet") return CLOSE_GATES.flatMap((g) => g(initiative, facts));
  const j = chainIndex(to);
  if (j < 0) return [];
  return MAIN_CHAIN.slice(0, j + 1).flatMap((p) =>
    (CHAIN_GATES[p] ?? []).flatMap((g) => g(initiative, facts)),
  );
}

// ---------------------------------------------------------------- planning a change

export type TransitionRefusal =
  | { kind: "notAllowed"; message: string }
  | { kind: "notPermitted"; message: string }
  | { kind: "gate"; message: string; missing: FieldProblem[] };

export interface PlannedTransition {
  /** The record to store in PhaseChanges. */
  phaseChange: PhaseChangeDraft;
  /** Who made it: stored as the item's author, shown in the history. */
  changedBy: Person;
  /** The initiative's new phase. */
  phase: Phase;
}

/**
 * Decides a phase change: refused (not in the table, not this person's to make, or gates not
 * met, listing everything missing) or the PhaseChange to store with the new phase.
 */
export function planTransition(
  initiative: Initiative,
  facts: TransitionFacts,
  to: Phase,
  actor: Me,
  reason: string,
  decision: Ref<DecisionId> | null | undefined,
  clock: Clock,
): Result<PlannedTransition, TransitionRefusal> {
  const from = initiative.phase;
  const kind = transitionKind(
    from,
    to,
    from === "Parkeret" ? parkedFromPhase(facts.history) : null,
  );
  if (kind === null) {
    return err({
      kind: "notAllowed",
      message:
        from === to
          ? `Tiltaget er allerede i fasen ${to}.`
          : `Fase kan ikke skiftes fra ${from} til ${to}.`,
    });
  }
  if (!mayMakeTransition(from, to, actor, ownsInitiative(initiative, actor))) {
    return err({
      kind: "notPermitted",
      message: `Kun sekretæren og formanden kan flytte tiltaget fra ${from} til ${to}.`,
    });
  }
  const missing = missingForPhase(initiative, facts, to);
  // Resuming or stepping back into Prioriteret returns to a decision already taken.
  if (DECISION_PHASES.includes(to) && kind !== "resume" && kind !== "back" && !decision) {
    missing.push(fieldProblem("validation.gate.decision", "decision", { phase: to }));
  }
  if (REASON_KINDS.includes(kind) && blank(reason)) {
    missing.push(fieldProblem("validation.gate.reason", "reason"));
  }
  if (missing.length > 0) {
    return err({ kind: "gate", message: `Tiltaget kan ikke gå til ${to} endnu.`, missing });
  }
  return ok({
    phaseChange: {
      title: `${from} → ${to}`,
      initiative: { id: initiative.id, title: initiative.title },
      fromPhase: from,
      toPhase: to,
      changedAt: clock.now().toISOString(),
      decision: decision ?? null,
      reason: reason.trim(),
    },
    changedBy: actor.person,
    phase: to,
  });
}

// ---------------------------------------------------------------- the other gates

/** Priority and the mandatory flag are the committee's to set: the chair and the secretary. */
export function maySetGates(actor: Me): boolean {
  return actor.roles.includes("secretary") || actor.roles.includes("chair");
}

/** The committee's gates on an initiative. */
export interface Gates {
  phase: Initiative["phase"];
  priority: number | null;
  priorityScore: number | null;
  mandatory: boolean;
}

/** Where every initiative starts: an idea, without priority, not mandatory. */
export const INITIAL_GATES: Readonly<Gates> = {
  phase: "Idé",
  priority: null,
  priorityScore: null,
  mandatory: false,
};

export type GateRefusal = { kind: "notPermitted" } | { kind: "unchanged" };

/**
 * The record of a new priority (and score; both null clears it) or mandatory flag, made by the
 * chair or the secretary; the initiative's phase (its last valid one) is recorded with it.
 */
export function planGateChange(
  initiative: Pick<Initiative, "id" | "title" | "phase"> & Partial<Gates>,
  change: { priority: number | null; priorityScore: number | null } | { mandatory: boolean },
  actor: Me,
  reason: string,
  decision: Ref<DecisionId> | null,
  clock: Clock,
): Result<PhaseChangeDraft, GateRefusal> {
  if (!maySetGates(actor)) return err({ kind: "notPermitted" });
  const base = {
    initiative: { id: initiative.id, title: initiative.title },
    fromPhase: initiative.phase,
    toPhase: initiative.phase,
    changedAt: clock.now().toISOString(),
    decision,
    reason: reason.trim(),
  };
  if ("mandatory" in change) {
    if (initiative.mandatory === change.mandatory) return err({ kind: "unchanged" });
    return ok({
      ...base,
      title: change.mandatory ? "Lovpligtigt" : "Ikke lovpligtigt",
      gate: "Lovpligtig",
      mandatory: change.mandatory,
    });
  }
  if (
    initiative.priority === change.priority &&
    initiative.priorityScore === change.priorityScore
  ) {
    return err({ kind: "unchanged" });
  }
  return ok({
    ...base,
    title: change.priority === null ? "Prioritet fjernet" : `Prioritet ${change.priority}`,
    gate: "Prioritet",
    priority: change.priority,
    priorityScore: change.priorityScore,
  });
}

// ---------------------------------------------------------------- replaying the record

export type GateRule =
  | "initiative.phaseNotRecorded"
  | "initiative.priorityNotRecorded"
  | "initiative.mandatoryNotRecorded"
  | "phaseChange.invalid"
  | "phaseChange.edited"
  | "phaseChange.notFromValidPhase"
  | "phaseChange.notAllowed"
  | "phaseChange.notPermitted"
  | "phaseChange.reasonMissing"
  | "phaseChange.decisionMissing"
  | "phaseChange.gateNotPermitted";

/** What the replay reads of an initiative: its stored gates, owner and last editor. */
export type GateSubject = Pick<
  Initiative,
  "id" | "owner" | "phase" | "priority" | "priorityScore" | "mandatory" | "modifiedBy"
>;

/** The outcome of replaying one initiative's record. */
export interface GateReplay {
  /** The gates as the valid records leave them: what every count and page uses. */
  valid: Gates;
  /** The gates as stored on the initiative item. */
  stored: Gates;
  /** The valid records, in the order they were replayed (for the history and parking). */
  records: PhaseChange[];
  /** Irregular records and, when the stored gates differ from `valid`, the initiative. */
  irregular: Irregularity<GateRule>[];
}

/** The server's order of creation: Created, then the id SharePoint hands out in order. */
function byCreation(a: PhaseChange, b: PhaseChange): number {
  return Date.parse(a.created) - Date.parse(b.created) || a.id - b.id;
}

function actorOf(p: Person, roster: Roster): Me {
  return { person: p, roles: [...roster.rolesOf(p.id)] };
}

/** Why one record does not count, given the gates so far; null when it counts. */
function judgeRecord(
  r: PhaseChange,
  gates: Gates,
  validHistory: readonly PhaseChange[],
  subject: GateSubject,
  roster: Roster,
): { rule: GateRule; by: Person | null; params?: IrregularityParams } | null {
  // The app only ever adds records: one changed by anyone but its author is not the record.
  if (r.modifiedBy && r.createdBy && r.modifiedBy.id !== r.createdBy.id) {
    return { rule: "phaseChange.edited", by: r.modifiedBy };
  }
  const by = r.createdBy;
  const v = validatePhaseChange(r);
  if (!v.ok) return { rule: "phaseChange.invalid", by, params: { fields: problemFields(v) } };
  const gate = gateOf(r);
  if (gate !== "Fase") {
    if (!by || !maySetGates(actorOf(by, roster))) {
      return { rule: "phaseChange.gateNotPermitted", by, params: { gate } };
    }
    return null;
  }
  const from = gates.phase;
  const to = r.toPhase;
  if (r.fromPhase !== from) {
    return {
      rule: "phaseChange.notFromValidPhase",
      by,
      params: { from: r.fromPhase, to, valid: from },
    };
  }
  const parkedFrom = from === "Parkeret" ? parkedFromPhase(validHistory) : null;
  const kind = transitionKind(from, to, parkedFrom);
  if (kind === null) return { rule: "phaseChange.notAllowed", by, params: { from, to } };
  const isOwner = by !== null && subject.owner !== null && subject.owner.id === by.id;
  if (!by || !mayMakeTransition(from, to, actorOf(by, roster), isOwner)) {
    return { rule: "phaseChange.notPermitted", by, params: { from, to } };
  }
  if (REASON_KINDS.includes(kind) && blank(r.reason)) {
    return { rule: "phaseChange.reasonMissing", by, params: { from, to } };
  }
  if (DECISION_PHASES.includes(to) && kind !== "resume" && kind !== "back" && !r.decision) {
    return { rule: "phaseChange.decisionMissing", by, params: { from, to } };
  }
  return null;
}

/**
 * Replays an initiative's recorded changes (records of other initiatives are ignored) from
 * `INITIAL_GATES`, in the order the server created them. A record counts only when it passes
 * the rules it is written with (`validatePhaseChange`), was not changed by anyone but its
 * author, and — for a phase — goes from the last valid phase along the transition table with
 * the reason and decision the change needs, made by someone `mayMakeTransition` allows (the
 * owner as the initiative names them now); for a priority or the mandatory flag, made by the
 * chair or the secretary. The stored gates are then compared with the replayed ones: each
 * difference is irregular, naming the initiative's last editor.
 */
export function replayGates(
  subject: GateSubject,
  records: readonly PhaseChange[],
  roster: Roster,
): GateReplay {
  const gates: Gates = { ...INITIAL_GATES };
  const valid: PhaseChange[] = [];
  const irregular: Irregularity<GateRule>[] = [];
  const own = records.filter((r) => r.initiative?.id === subject.id).sort(byCreation);
  for (const r of own) {
    const problem = judgeRecord(r, gates, valid, subject, roster);
    if (problem) {
      irregular.push({
        list: "PhaseChanges",
        item: r.id,
        rule: problem.rule,
        by: problem.by,
        ...(problem.params ? { params: problem.params } : {}),
      });
      continue;
    }
    valid.push(r);
    const gate = gateOf(r);
    if (gate === "Fase") gates.phase = r.toPhase;
    else if (gate === "Prioritet") {
      gates.priority = r.priority ?? null;
      gates.priorityScore = r.priorityScore ?? null;
    } else gates.mandatory = r.mandatory === true;
  }
  const stored: Gates = {
    phase: subject.phase,
    priority: subject.priority,
    priorityScore: subject.priorityScore,
    mandatory: subject.mandatory,
  };
  const flag = (rule: GateRule, params: IrregularityParams) =>
    irregular.push({ list: "Initiatives", item: subject.id, rule, by: subject.modifiedBy, params });
  if (stored.phase !== gates.phase) {
    flag("initiative.phaseNotRecorded", { stored: stored.phase, valid: gates.phase });
  }
  if (stored.priority !== gates.priority || stored.priorityScore !== gates.priorityScore) {
    flag("initiative.priorityNotRecorded", {
      stored: stored.priority,
      valid: gates.priority,
      storedScore: stored.priorityScore,
      validScore: gates.priorityScore,
    });
  }
  if (stored.mandatory !== gates.mandatory) {
    flag("initiative.mandatoryNotRecorded", { stored: stored.mandatory, valid: gates.mandatory });
  }
  return { valid: gates, stored, records: valid, irregular };
}

/** The initiative with its gates as the valid records set them (what the committee counts). */
export function withValidGates<I extends Partial<Gates>>(initiative: I, check: GateReplay): I {
  const out = { ...initiative };
  // Only the gates the slice has are replaced: a narrow read stays narrow.
  for (const k of ["phase", "priority", "priorityScore", "mandatory"] as const) {
    if (k in initiative) (out as Record<string, unknown>)[k] = check.valid[k];
  }
  return out;
}

// ---------------------------------------------------------------- governance

/** The committee governs these itself; a standalone group is what the charter wants fewer of. */
export const COMMITTEE_GOVERNANCES: readonly Governance[] = ["Styregruppe", "Referencegruppe"];
const INTERIM: Governance = "Styregruppe indtil selvstændig styregruppe";

type GovernanceFields = Pick<
  Initiative,
  "governance" | "standaloneGroupFrom" | "standaloneGroupTo" | "phase"
>;

/** The dates of a standalone group belong only to the governances that have one. */
export function checkGovernance(i: GovernanceFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const hasGroup = i.governance === INTERIM || i.governance === "Selvstændig styregruppe";
  if (!hasGroup && (i.standaloneGroupFrom || i.standaloneGroupTo)) {
    problems.push(fieldProblem("validation.governance.datesWithoutGroup", "standaloneGroupFrom"));
  }
  if (i.governance === "Selvstændig styregruppe" && !i.standaloneGroupFrom) {
    problems.push(fieldProblem("validation.governance.fromForGroup", "standaloneGroupFrom"));
  }
  if (i.standaloneGroupTo && !i.standaloneGroupFrom) {
    problems.push(fieldProblem("validation.governance.fromWhenDissolved", "standaloneGroupFrom"));
  }
  return problems;
}

const DAY_MS = 86_400_000;

export interface StandaloneGroupLife {
  initiative: Pick<Initiative, "id" | "title">;
  from: IsoDateTime;
  to: IsoDateTime | null;
  /** Days from set-up to dissolution, or to the end of the period while it still exists. */
  days: number;
  dissolved: boolean;
}

export interface GovernanceMetrics {
  /** Standalone groups set up within the period. */
  setUp: number;
  /** Standalone groups dissolved within the period. */
  dissolved: number;
  /** Standalone groups that existed at some time in the period. */
  active: StandaloneGroupLife[];
  /** Mean lifetime in days of the groups dissolved in the period; null when none were. */
  meanLifetimeDays: number | null;
  /** Initiatives under way with a governance set at the end of the period. */
  governed: number;
  /** …of which the committee governs itself (no standalone group at that time). */
  governedByCommittee: number;
  /** governedByCommittee / governed, 0–1; null when nothing is governed. */
  committeeShare: number | null;
}

/** Phases in which an initiative is governed (decided on and not yet finished). */
const GOVERNED_PHASES: readonly Phase[] = [
  "Prioriteret",
  "Planlægning",
  "Gennemførelse",
  "I drift",
  "Gevinstopfølgning",
];

/**
 * The charter's aim in figures over the period [from, to): how many standalone steering groups
 * were set up and dissolved, how long they lived, and the share of governed initiatives the
 * committee steers itself. Phases are taken as they are now (the list keeps no phase per
 * date); the standalone groups use their own dates.
 */
export function governanceMetrics(
  initiatives: readonly (GovernanceFields & Pick<Initiative, "id" | "title">)[],
  period: { from: IsoDateTime; to: IsoDateTime },
): GovernanceMetrics {
  const start = Date.parse(period.from);
  const end = Date.parse(period.to);
  if (!(end > start)) throw new Error("governanceMetrics: the period must end after it starts");
  const within = (t: number) => t >= start && t < end;
  const active: StandaloneGroupLife[] = [];
  let setUp = 0;
  const dissolvedDays: number[] = [];
  for (const i of initiatives) {
    if (!i.standaloneGroupFrom) continue;
    const f = Date.parse(i.standaloneGroupFrom);
    const t = i.standaloneGroupTo ? Date.parse(i.standaloneGroupTo) : null;
    if (within(f)) setUp += 1;
    if (t !== null && within(t)) dissolvedDays.push(Math.round((t - f) / DAY_MS));
    if (f < end && (t === null || t >= start)) {
      const dissolved = t !== null && t < end;
      active.push({
        initiative: { id: i.id, title: i.title },
        from: i.standaloneGroupFrom,
        to: i.standaloneGroupTo,
        days: Math.round(((dissolved && t !== null ? t : end) - f) / DAY_MS),
        dissolved,
      });
    }
  }
  const governedList = initiatives.filter(
    (i) => i.governance !== null && GOVERNED_PHASES.includes(i.phase),
  );
  const hasGroupAtEnd = (i: GovernanceFields) =>
    i.standaloneGroupFrom !== null &&
    Date.parse(i.standaloneGroupFrom) < end &&
    (i.standaloneGroupTo === null || Date.parse(i.standaloneGroupTo) >= end);
  const byCommittee = governedList.filter(
    (i) =>
      (i.governance !== null && COMMITTEE_GOVERNANCES.includes(i.governance)) ||
      (i.governance === INTERIM && !hasGroupAtEnd(i)),
  ).length;
  return {
    setUp,
    dissolved: dissolvedDays.length,
    active,
    meanLifetimeDays:
      dissolvedDays.length === 0
        ? null
        : dissolvedDays.reduce((s, d) => s + d, 0) / dissolvedDays.length,
    governed: governedList.length,
    governedByCommittee: byCommittee,
    committeeShare: governedList.length === 0 ? null : byCommittee / governedList.length,
  };
}
