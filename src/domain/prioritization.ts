/**
 * Prioritization (DESIGN.md §2.3): criteria, each member's pairwise comparisons, the agreed
 * weight sets, priority rounds, one ballot per member per round, and saved optimizer
 * scenarios.
 */
import type { IsoDateTime, Person, Ref, Stored } from "./common.js";
import type {
  BallotId,
  ComparisonId,
  CriterionId,
  DecisionId,
  InitiativeId,
  MeetingId,
  PersonId,
  RoundId,
  ScenarioId,
  WeightSetId,
} from "./ids.js";
import {
  checkDates,
  checkOrder,
  type FieldProblem,
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";
import {
  RESULTS_VISIBILITIES,
  type ResultsVisibility,
  ROUND_STATES,
  type RoundState,
  VOTING_METHODS,
  type VotingMethod,
  WEIGHT_SET_STATES,
  type WeightSetState,
} from "./vocabulary.js";

// ---------------------------------------------------------------- Criteria (Kriterier)

export interface CriterionDraft {
  title: string;
  description: string;
  /** What each level means: ingen / lav / moderat / stærk / ekstrem. */
  levels: { none: string; low: string; moderate: string; strong: string; extreme: string };
  active: boolean;
  sortOrder: number | null;
}
export type Criterion = Stored<CriterionDraft, CriterionId>;

export const CRITERION_RULES: Rules<CriterionDraft> = {
  title: { label: "fields.criterion.title", required: true, maxLength: TEXT_MAX },
  description: { label: "fields.criterion.description", maxLength: NOTE_MAX },
  sortOrder: { label: "fields.criterion.sortOrder", min: 0 },
};

export function validateCriterion(d: CriterionDraft): Validation {
  return validateWith(CRITERION_RULES, d);
}

// ---------------------------------------------------------------- Comparisons (Parvise sammenligninger)

/** Saaty's scale, signed: 1 equal, ±3 moderate ... ±9 extreme; negative favours criterion B. */
export const SAATY_MIN = -9;
export const SAATY_MAX = 9;

export interface ComparisonDraft {
  title: string;
  weightSet: Ref<WeightSetId> | null;
  criterionA: Ref<CriterionId> | null;
  criterionB: Ref<CriterionId> | null;
  value: number;
  /**
   * `<weightSet>:<criterionA>:<criterionB>:<voter>`, written by the client: a claim, checked
   * against the comparison's author when read (`checkComparisons`); the store does not keep it
   * unique (a unique column cannot stand beside own-items-only write security).
   */
  comparisonKey: string;
}
export type Comparison = Stored<ComparisonDraft, ComparisonId>;

export function comparisonKey(
  weightSet: WeightSetId,
  a: CriterionId,
  b: CriterionId,
  voter: PersonId,
): string {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return `${weightSet}:${lo}:${hi}:${voter}`;
}

export const COMPARISON_RULES: Rules<ComparisonDraft> = {
  title: { label: "fields.comparison.title", required: true, maxLength: TEXT_MAX },
  weightSet: { label: "fields.comparison.weightSet", required: true },
  criterionA: { label: "fields.comparison.criterionA", required: true },
  criterionB: { label: "fields.comparison.criterionB", required: true },
  value: {
    label: "fields.comparison.value",
    required: true,
    min: SAATY_MIN,
    max: SAATY_MAX,
    integer: true,
  },
  comparisonKey: { label: "fields.comparison.comparisonKey", required: true, maxLength: 100 },
};

export function validateComparison(d: ComparisonDraft): Validation {
  return validateWith(COMPARISON_RULES, d, (x) => [
    ...(x.value === 0 ? [fieldProblem("validation.comparison.valueRange", "value")] : []),
    ...(x.criterionA && x.criterionB && x.criterionA.id === x.criterionB.id
      ? [fieldProblem("validation.comparison.sameCriterion", "criterionB")]
      : []),
  ]);
}

// ---------------------------------------------------------------- WeightSets (Vægtsæt)

export interface CriterionWeight {
  criterion: CriterionId;
  /** Share of the total, 0..1; the weights of a set sum to 1. */
  weight: number;
}

export interface WeightSetDraft {
  title: string;
  weights: CriterionWeight[];
  consistencyRatio: number | null;
  state: WeightSetState;
  approvedAt: IsoDateTime | null;
  meeting: Ref<MeetingId> | null;
}
export type WeightSet = Stored<WeightSetDraft, WeightSetId>;

export const WEIGHT_SET_RULES: Rules<WeightSetDraft> = {
  title: { label: "fields.weightSet.title", required: true, maxLength: TEXT_MAX },
  consistencyRatio: { label: "fields.weightSet.consistencyRatio", min: 0 },
  state: { label: "fields.weightSet.state", required: true, oneOf: WEIGHT_SET_STATES },
};

export function validateWeightSet(d: WeightSetDraft): Validation {
  return validateWith(WEIGHT_SET_RULES, d, (x) => {
    const problems = checkDates(x, { approvedAt: "fields.weightSet.approvedAt" });
    if (x.weights.some((w) => !Number.isFinite(w.weight) || w.weight < 0 || w.weight > 1)) {
      problems.push(fieldProblem("validation.weightSet.weightRange", "weights"));
    } else if (x.weights.length > 0) {
      const sum = x.weights.reduce((s, w) => s + w.weight, 0);
      if (Math.abs(sum - 1) > 1e-6) {
        problems.push(fieldProblem("validation.weightSet.weightSum", "weights"));
      }
    }
    return problems;
  });
}

// ---------------------------------------------------------------- Rounds (Prioriteringsrunder)

/** Method-specific settings, e.g. points per member for dot voting or a budget to spend. */
export interface RoundSettings {
  pointsPerMember?: number;
  budgetPerMember?: number;
  scaleMin?: number;
  scaleMax?: number;
}

export interface RoundDraft {
  title: string;
  method: VotingMethod;
  candidates: Ref<InitiativeId>[];
  opens: IsoDateTime | null;
  closes: IsoDateTime | null;
  state: RoundState;
  resultsVisibility: ResultsVisibility | null;
  weightSet: Ref<WeightSetId> | null;
  meeting: Ref<MeetingId> | null;
  settings: RoundSettings;
  /**
   * The result computed when the round was closed (by the chair or the secretariat, who read
   * every ballot), as the versioned JSON of `StoredRoundResult` (src/domain/tally.ts): what
   * members read after close, since they read only their own ballot. Aggregates only, never a
   * member's ballot. Empty or absent until the round is closed.
   */
  resultJson?: string;
}
export type Round = Stored<RoundDraft, RoundId>;

export const ROUND_RULES: Rules<RoundDraft> = {
  title: { label: "fields.round.title", required: true, maxLength: TEXT_MAX },
  method: { label: "fields.round.method", required: true, oneOf: VOTING_METHODS },
  state: { label: "fields.round.state", required: true, oneOf: ROUND_STATES },
  resultsVisibility: { label: "fields.round.resultsVisibility", oneOf: RESULTS_VISIBILITIES },
};

export function validateRound(d: RoundDraft): Validation {
  return validateWith(ROUND_RULES, d, (x) => [
    ...checkDates(x, { opens: "fields.round.opens", closes: "fields.round.closes" }),
    ...checkOrder(x.opens, x.closes, "closes", {
      from: "fields.round.opens",
      to: "fields.round.closes",
    }),
    ...(x.state === "Åben" && x.candidates.length === 0
      ? [fieldProblem("validation.round.noCandidates", "candidates")]
      : []),
  ]);
}

// ---------------------------------------------------------------- Ballots (Stemmesedler)

/** One candidate on a ballot; which numbers are set depends on the round's method. */
export interface BallotEntry {
  candidate: InitiativeId;
  /** Kriteriescore: score per criterion (criterion id → level 0..4). */
  criterionScores?: Record<string, number>;
  /** Rangordning: 1 is first. */
  rank?: number;
  /** Prikker / Budget: points or money given. */
  points?: number;
  /** Samtykke: an objection with its reason. */
  objection?: string;
}

export interface BallotPayload {
  entries: BallotEntry[];
  /**
   * Set by the store's adapter when the stored text is not JSON (never written): such a ballot
   * is not well formed and does not count.
   */
  unreadable?: true;
}

export interface BallotDraft {
  title: string;
  round: Ref<RoundId> | null;
  /**
   * `<round>:<voter>`, written by the client: a claim, like `voter`. Whose ballot it is, is its
   * author (Created By, set by SharePoint); one ballot per member per round is decided when the
   * ballots are read (`checkRoundBallots` in tally.ts), not by a unique column.
   */
  ballotKey: string;
  /** The voter the ballot claims to be from; it counts only when this is its author. */
  voter: Person | null;
  payload: BallotPayload;
  comment: string;
}
export type Ballot = Stored<BallotDraft, BallotId>;

/** A ballot's key: `<round>:<voter>` (a claim checked against the author when read). */
export function ballotKey(round: RoundId, voter: PersonId): string {
  return `${round}:${voter}`;
}

export const BALLOT_RULES: Rules<BallotDraft> = {
  title: { label: "fields.ballot.title", required: true, maxLength: TEXT_MAX },
  round: { label: "fields.ballot.round", required: true },
  ballotKey: { label: "fields.ballot.ballotKey", required: true, maxLength: 100 },
  voter: { label: "fields.ballot.voter", required: true },
  comment: { label: "fields.ballot.comment", maxLength: NOTE_MAX },
};

export function validateBallot(d: BallotDraft): Validation {
  return validateWith(BALLOT_RULES, d, (x) => {
    const problems: FieldProblem[] = [];
    if (x.round && x.voter && x.ballotKey !== ballotKey(x.round.id, x.voter.id)) {
      problems.push(fieldProblem("validation.ballot.key", "ballotKey"));
    }
    const seen = new Set<number>();
    for (const e of x.payload.entries) {
      if (seen.has(e.candidate)) {
        problems.push(
          fieldProblem("validation.ballot.duplicateCandidate", "payload", {
            candidate: e.candidate,
          }),
        );
        break;
      }
      seen.add(e.candidate);
    }
    return problems;
  });
}

// ---------------------------------------------------------------- Scenarios (Scenarier)

export interface ScenarioConstraints {
  /** Budget per year (year → DKK) the selection must stay within. */
  budgetByYear?: Record<string, number>;
  respectCapacity?: boolean;
  honourDependencies?: boolean;
}

export interface ForcedChoice {
  initiative: InitiativeId;
  reason: string;
}

export interface ScenarioDraft {
  title: string;
  round: Ref<RoundId> | null;
  weightSet: Ref<WeightSetId> | null;
  constraints: ScenarioConstraints;
  forcedIn: ForcedChoice[];
  forcedOut: ForcedChoice[];
  selected: Ref<InitiativeId>[];
  totalValue: number | null;
  totalCost: number | null;
  committed: boolean;
  decision: Ref<DecisionId> | null;
}
export type Scenario = Stored<ScenarioDraft, ScenarioId>;

export const SCENARIO_RULES: Rules<ScenarioDraft> = {
  title: { label: "fields.scenario.title", required: true, maxLength: TEXT_MAX },
};

export function validateScenario(d: ScenarioDraft): Validation {
  return validateWith(SCENARIO_RULES, d, (x) => {
    const clash = x.forcedIn.find((i) => x.forcedOut.some((o) => o.initiative === i.initiative));
    const noReason = [...x.forcedIn, ...x.forcedOut].some((f) => f.reason.trim() === "");
    return [
      ...(clash ? [fieldProblem("validation.scenario.forcedInAndOut", "forcedOut")] : []),
      ...(noReason ? [fieldProblem("validation.scenario.forcedWithoutReason", "forcedIn")] : []),
    ];
  });
}
