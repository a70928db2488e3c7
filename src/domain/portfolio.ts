/**
 * The portfolio (DESIGN.md §2.1–2.2, §4): areas, strategy goals, initiatives with their budget
 * lines, the budget frames, the record of the committee's gates (phase, priority, mandatory)
 * and the discussion per initiative.
 */
import type { IsoDateTime, Person, Ref, Stored } from "./common.js";
import { rulesOf } from "./fields.js";
import type {
  AreaId,
  BudgetFrameId,
  BudgetLineId,
  CommentId,
  DecisionId,
  InitiativeId,
  PhaseChangeId,
  StrategyGoalId,
} from "./ids.js";
import { INITIATIVE_FIELDS } from "./initiative-fields.js";
import type { Irregularity } from "./irregularities.js";
import type { Me, Roster } from "./roles.js";
import {
  AMOUNT_MAX,
  checkDates,
  checkOrder,
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";
import {
  BUDGET_KINDS,
  type BudgetKind,
  FUNDING_SOURCES,
  type FundingSource,
  type Governance,
  type Phase,
  PHASES,
  type Rag,
  type Source,
} from "./vocabulary.js";

/** Budget years are plain calendar years; the lists accept 2000–2100. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

// ---------------------------------------------------------------- Areas (Områder)

export interface AreaDraft {
  /** The area's name. */
  title: string;
  abbreviation: string;
  head: Person | null;
  representatives: Person[];
  active: boolean;
}
export type Area = Stored<AreaDraft, AreaId>;

export const AREA_RULES: Rules<AreaDraft> = {
  title: { label: "fields.area.title", required: true, maxLength: TEXT_MAX },
  abbreviation: { label: "fields.area.abbreviation", required: true, maxLength: 16 },
};

export function validateArea(d: AreaDraft): Validation {
  return validateWith(AREA_RULES, d);
}

// ---------------------------------------------------------------- StrategyGoals (Strategimål)

export interface StrategyGoalDraft {
  title: string;
  description: string;
  period: string;
  owner: Person | null;
  sortOrder: number | null;
}
export type StrategyGoal = Stored<StrategyGoalDraft, StrategyGoalId>;

export const STRATEGY_GOAL_RULES: Rules<StrategyGoalDraft> = {
  title: { label: "fields.strategyGoal.title", required: true, maxLength: TEXT_MAX },
  description: { label: "fields.strategyGoal.description", maxLength: NOTE_MAX },
  period: { label: "fields.strategyGoal.period", maxLength: 50 },
  sortOrder: { label: "fields.strategyGoal.sortOrder", min: 0 },
};

export function validateStrategyGoal(d: StrategyGoalDraft): Validation {
  return validateWith(STRATEGY_GOAL_RULES, d);
}

// ---------------------------------------------------------------- Initiatives (Tiltag)

export interface InitiativeDraft {
  title: string;
  strategyGoal: Ref<StrategyGoalId> | null;
  summary: string;
  need: string;
  solution: string;
  source: Source;
  area: Ref<AreaId> | null;
  owner: Person | null;
  projectLead: Person | null;
  phase: Phase;
  governance: Governance | null;
  /** When a standalone steering group was set up and dissolved (the charter wants fewer). */
  standaloneGroupFrom: IsoDateTime | null;
  standaloneGroupTo: IsoDateTime | null;
  /** Mandatory (a legal demand): the optimizer must select it. */
  mandatory: boolean;
  legalDeadline: IsoDateTime | null;
  requires: Ref<InitiativeId>[];
  excludes: Ref<InitiativeId>[];
  /** KL/KOMBIT's (or another publisher's) id for the initiative. */
  externalRef: string;
  resourceNeeds: string;
  expectedBenefits: string;
  /**
   * The result of the latest prioritization: 1 is first. Like the phase and the mandatory flag,
   * it counts only as the committee's recorded changes set it (see `replayGates`).
   */
  priority: number | null;
  priorityScore: number | null;
  latestStatus: Rag | null;
}
export type Initiative = Stored<InitiativeDraft, InitiativeId>;

/** The initiative's rules, from its field registry (initiative-fields.ts). */
export const INITIATIVE_RULES: Rules<InitiativeDraft> = rulesOf(INITIATIVE_FIELDS);

export function validateInitiative(d: InitiativeDraft): Validation {
  return validateWith(INITIATIVE_RULES, d, (x) => [
    ...checkDates(x, {
      standaloneGroupFrom: "fields.initiative.standaloneGroupFrom",
      standaloneGroupTo: "fields.initiative.standaloneGroupTo",
      legalDeadline: "fields.initiative.legalDeadline",
    }),
    ...checkOrder(x.standaloneGroupFrom, x.standaloneGroupTo, "standaloneGroupTo", {
      from: "fields.initiative.standaloneGroupFrom",
      to: "fields.initiative.standaloneGroupTo",
    }),
    ...(x.requires.some((r) => x.excludes.some((e) => e.id === r.id))
      ? [fieldProblem("validation.initiative.requiredAndExcluded", "excludes")]
      : []),
  ]);
}

// ---------------------------------------------------------------- BudgetLines (Budgetlinjer)

export interface BudgetLineDraft {
  title: string;
  initiative: Ref<InitiativeId> | null;
  year: number;
  kind: BudgetKind;
  /** Whole DKK, never negative; a saving (Gevinst) is entered as a positive amount. */
  amount: number | null;
}
export type BudgetLine = Stored<BudgetLineDraft, BudgetLineId>;

export const BUDGET_LINE_RULES: Rules<BudgetLineDraft> = {
  title: { label: "fields.budgetLine.title", required: true, maxLength: TEXT_MAX },
  initiative: { label: "fields.budgetLine.initiative", required: true },
  year: {
    label: "fields.budgetLine.year",
    required: true,
    min: YEAR_MIN,
    max: YEAR_MAX,
    integer: true,
  },
  kind: { label: "fields.budgetLine.kind", required: true, oneOf: BUDGET_KINDS },
  amount: {
    label: "fields.budgetLine.amount",
    required: true,
    min: 0,
    max: AMOUNT_MAX,
    amount: true,
    integer: true,
  },
};

export function validateBudgetLine(d: BudgetLineDraft): Validation {
  return validateWith(BUDGET_LINE_RULES, d);
}

/** The people an initiative's own items are theirs to write: its owner and its author. */
export type InitiativeWriters = Pick<Initiative, "id" | "title" | "owner" | "createdBy">;

function isPerson(p: Person | null | undefined, actor: Person): boolean {
  return p !== null && p !== undefined && p.id === actor.id;
}

/**
 * Who may write an initiative's budget lines: its owner, its author (the proposer who handed
 * it in with its cost estimate), the secretary and the chair.
 */
export function mayWriteBudgetLine(initiative: InitiativeWriters, actor: Me): boolean {
  if (actor.roles.includes("secretary") || actor.roles.includes("chair")) return true;
  return isPerson(initiative.owner, actor.person) || isPerson(initiative.createdBy, actor.person);
}

export type BudgetLineRule =
  "budgetLine.invalid" | "budgetLine.noInitiative" | "budgetLine.notPermitted";

/** The writers of a stored item as the server recorded them: its author, then its last editor. */
export function writersOf(item: { createdBy: Person | null; modifiedBy: Person | null }): Person[] {
  const out: Person[] = [];
  if (item.createdBy) out.push(item.createdBy);
  if (item.modifiedBy && item.modifiedBy.id !== item.createdBy?.id) out.push(item.modifiedBy);
  return out;
}

/** The first writer of an item not allowed to write it (null when all were); unknown = first. */
export function firstNotAllowed(
  item: { createdBy: Person | null; modifiedBy: Person | null },
  allowed: (actor: Me) => boolean,
  roster: Roster,
): { by: Person | null } | null {
  const writers = writersOf(item);
  if (writers.length === 0) return { by: null };
  const bad = writers.find((p) => !allowed({ person: p, roles: [...roster.rolesOf(p.id)] }));
  return bad ? { by: bad } : null;
}

/** The fields a validation names, as one parameter (`amount, year`). */
export function problemFields(v: Validation): string {
  return v.ok ? "" : [...new Set(v.problems.map((p) => p.field))].join(", ");
}

/**
 * Budget lines as the committee counts them: each must pass the rules it is saved with
 * (`validateBudgetLine`: whole, non-negative kroner, a budget year, a kind) and be written —
 * by its author and by its last editor, as the server recorded them — by someone allowed to
 * write that initiative's budget (`mayWriteBudgetLine`). Lines of initiatives not in
 * `initiatives` are irregular (`budgetLine.noInitiative`); everything irregular is left out of
 * every sum.
 */
export function checkBudgetLines<L extends BudgetLine>(
  lines: readonly L[],
  initiatives: ReadonlyMap<number, InitiativeWriters>,
  roster: Roster,
): { valid: L[]; irregular: Irregularity<BudgetLineRule>[] } {
  const valid: L[] = [];
  const irregular: Irregularity<BudgetLineRule>[] = [];
  for (const l of lines) {
    const flag = (rule: BudgetLineRule, by: Person | null, params?: Irregularity["params"]) =>
      irregular.push({ list: "BudgetLines", item: l.id, rule, by, ...(params ? { params } : {}) });
    const v = validateBudgetLine(l);
    if (!v.ok) {
      flag("budgetLine.invalid", l.modifiedBy ?? l.createdBy, { fields: problemFields(v) });
      continue;
    }
    const initiative = l.initiative ? initiatives.get(l.initiative.id) : undefined;
    if (!initiative) {
      flag("budgetLine.noInitiative", l.createdBy, { initiative: l.initiative?.title ?? null });
      continue;
    }
    const bad = firstNotAllowed(l, (a) => mayWriteBudgetLine(initiative, a), roster);
    if (bad) {
      flag("budgetLine.notPermitted", bad.by, { initiative: initiative.title });
      continue;
    }
    valid.push(l);
  }
  return { valid, irregular };
}

// ---------------------------------------------------------------- BudgetFrames (Budgetrammer)

export interface BudgetFrameDraft {
  title: string;
  year: number;
  kind: BudgetKind;
  amount: number | null;
  source: FundingSource | null;
}
export type BudgetFrame = Stored<BudgetFrameDraft, BudgetFrameId>;

export const BUDGET_FRAME_RULES: Rules<BudgetFrameDraft> = {
  title: { label: "fields.budgetFrame.title", required: true, maxLength: TEXT_MAX },
  year: {
    label: "fields.budgetFrame.year",
    required: true,
    min: YEAR_MIN,
    max: YEAR_MAX,
    integer: true,
  },
  kind: { label: "fields.budgetFrame.kind", required: true, oneOf: BUDGET_KINDS },
  // A frame is never negative (the column's minimum too), nor above the amounts' ceiling.
  amount: {
    label: "fields.budgetFrame.amount",
    required: true,
    min: 0,
    max: AMOUNT_MAX,
    amount: true,
  },
  source: { label: "fields.budgetFrame.source", oneOf: FUNDING_SOURCES },
};

export function validateBudgetFrame(d: BudgetFrameDraft): Validation {
  return validateWith(BUDGET_FRAME_RULES, d);
}

// ---------------------------------------------------------------- PhaseChanges (Faseskift)

/**
 * Which of the committee's gates a change record sets: the phase (a phase change, from → to),
 * the priority (Priority and PriorityScore, the result of a prioritization; both empty clears
 * it) or the mandatory flag. Stored in the list's `Gate` column; records written before the
 * column existed read as `Fase`.
 */
export const CHANGE_GATES = ["Fase", "Prioritet", "Lovpligtig"] as const;
export type ChangeGate = (typeof CHANGE_GATES)[number];

/**
 * One recorded change of an initiative's gates. Who made it and when are the server's facts
 * (Author and Created); `changedAt` is the client's claim, shown but never used for order.
 * A priority or mandatory change records the phase the initiative was in as both `fromPhase`
 * and `toPhase`.
 */
export interface PhaseChangeDraft {
  title: string;
  initiative: Ref<InitiativeId> | null;
  fromPhase: Phase | null;
  toPhase: Phase;
  changedAt: IsoDateTime;
  decision: Ref<DecisionId> | null;
  reason: string;
  /** The gate this record sets; absent means the phase. */
  gate?: ChangeGate;
  /** For `Prioritet`: the new priority (1 is first) and its score; null clears them. */
  priority?: number | null;
  priorityScore?: number | null;
  /** For `Lovpligtig`: whether the initiative is mandatory from now on. */
  mandatory?: boolean;
}
export type PhaseChange = Stored<PhaseChangeDraft, PhaseChangeId>;

export const PHASE_CHANGE_RULES: Rules<PhaseChangeDraft> = {
  title: { label: "fields.phaseChange.title", required: true, maxLength: TEXT_MAX },
  initiative: { label: "fields.phaseChange.initiative", required: true },
  fromPhase: { label: "fields.phaseChange.fromPhase", oneOf: PHASES },
  toPhase: { label: "fields.phaseChange.toPhase", required: true, oneOf: PHASES },
  changedAt: { label: "fields.phaseChange.changedAt", required: true },
  reason: { label: "fields.phaseChange.reason", maxLength: NOTE_MAX },
  gate: { label: "fields.phaseChange.gate", oneOf: CHANGE_GATES },
  priority: { label: "fields.phaseChange.priority", min: 0, integer: true },
  priorityScore: { label: "fields.phaseChange.priorityScore" },
};

/** The gate a record sets (`Fase` when the record predates the column). */
export function gateOf(d: Pick<PhaseChangeDraft, "gate">): ChangeGate {
  return d.gate ?? "Fase";
}

export function validatePhaseChange(d: PhaseChangeDraft): Validation {
  return validateWith(PHASE_CHANGE_RULES, d, (x) => [
    ...checkDates(x, { changedAt: "fields.phaseChange.changedAt" }),
    ...(gateOf(x) === "Fase" && x.fromPhase !== null && x.fromPhase === x.toPhase
      ? [fieldProblem("validation.phaseChange.samePhase", "toPhase")]
      : []),
    ...(gateOf(x) === "Lovpligtig" && typeof x.mandatory !== "boolean"
      ? [fieldProblem("validation.phaseChange.mandatoryYesNo", "mandatory")]
      : []),
  ]);
}

// ---------------------------------------------------------------- Comments (Kommentarer)

export interface CommentDraft {
  /** The subject line. */
  title: string;
  initiative: Ref<InitiativeId> | null;
  /** Plain text as typed; empty once the comment is deleted. */
  body: string;
  replyTo: Ref<CommentId> | null;
  /**
   * Soft delete: the item stays so replies keep their parent; its text is wiped and the thread
   * says "Kommentaren er slettet".
   */
  deleted: boolean;
  /** When the author last edited the text; null when never edited. */
  editedAt: IsoDateTime | null;
}
export type Comment = Stored<CommentDraft, CommentId>;

export const COMMENT_RULES: Rules<CommentDraft> = {
  title: { label: "fields.comment.title", required: true, maxLength: TEXT_MAX },
  initiative: { label: "fields.comment.initiative", required: true },
  body: { label: "fields.comment.body", maxLength: NOTE_MAX },
};

export function validateComment(d: CommentDraft): Validation {
  return validateWith(COMMENT_RULES, d, (x) => [
    ...(!x.deleted && x.body.trim() === ""
      ? [fieldProblem("validation.required", "body", { label: { code: "fields.comment.body" } })]
      : []),
    ...checkDates(x, { editedAt: "fields.comment.editedAt" }),
  ]);
}
