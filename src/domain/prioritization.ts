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
  title: { label: "Kriterium", required: true, maxLength: TEXT_MAX },
  description: { label: "Beskrivelse", maxLength: NOTE_MAX },
  sortOrder: { label: "Rækkefølge", min: 0 },
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
  title: { label: "Beskrivelse", required: true, maxLength: TEXT_MAX },
  weightSet: { label: "Vægtsæt", required: true },
  criterionA: { label: "Kriterium A", required: true },
  criterionB: { label: "Kriterium B", required: true },
  value: { label: "Vurdering", required: true, min: SAATY_MIN, max: SAATY_MAX, integer: true },
  comparisonKey: { label: "Nøgle", required: true, maxLength: 100 },
};

export function validateComparison(d: ComparisonDraft): Validation {
  return validateWith(COMPARISON_RULES, d, (x) => [
    ...(x.value === 0
      ? [{ field: "value", message: "Vurdering skal være mellem 1 og 9 (eller -1 til -9)." }]
      : []),
    ...(x.criterionA && x.criterionB && x.criterionA.id === x.criterionB.id
      ? [{ field: "criterionB", message: "Et kriterium kan ikke sammenlignes med sig selv." }]
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
  title: { label: "Navn", required: true, maxLength: TEXT_MAX },
  consistencyRatio: { label: "Konsistensforhold", min: 0 },
  state: { label: "Status", required: true, oneOf: WEIGHT_SET_STATES },
};

export function validateWeightSet(d: WeightSetDraft): Validation {
  return validateWith(WEIGHT_SET_RULES, d, (x) => {
    const problems = checkDates(x, { approvedAt: "Godkendt" });
    if (x.weights.some((w) => !Number.isFinite(w.weight) || w.weight < 0 || w.weight > 1)) {
      problems.push({ field: "weights", message: "Vægte skal ligge mellem 0 og 1." });
    } else if (x.weights.length > 0) {
      const sum = x.weights.reduce((s, w) => s + w.weight, 0);
      if (Math.abs(sum - 1) > 1e-6) {
        problems.push({ field: "weights", message: "Vægtene skal tilsammen give 1 (100 %)." });
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
  title: { label: "Navn", required: true, maxLength: TEXT_MAX },
  method: { label: "Metode", required: true, oneOf: VOTING_METHODS },
  state: { label: "Status", required: true, oneOf: ROUND_STATES },
  resultsVisibility: { label: "Resultater vises", oneOf: RESULTS_VISIBILITIES },
};

export function validateRound(d: RoundDraft): Validation {
  return validateWith(ROUND_RULES, d, (x) => [
    ...checkDates(x, { opens: "Åbner", closes: "Lukker" }),
    ...checkOrder(x.opens, x.closes, "closes", "Lukker må ikke ligge før Åbner."),
    ...(x.state === "Åben" && x.candidates.length === 0
      ? [{ field: "candidates", message: "En åben runde skal have mindst ét kandidattiltag." }]
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
  title: { label: "Beskrivelse", required: true, maxLength: TEXT_MAX },
  round: { label: "Runde", required: true },
  ballotKey: { label: "Stemmesedlens nøgle", required: true, maxLength: 100 },
  voter: { label: "Stemmeafgiver", required: true },
  comment: { label: "Kommentar", maxLength: NOTE_MAX },
};

export function validateBallot(d: BallotDraft): Validation {
  return validateWith(BALLOT_RULES, d, (x) => {
    const problems = [];
    if (x.round && x.voter && x.ballotKey !== ballotKey(x.round.id, x.voter.id)) {
      problems.push({
        field: "ballotKey",
        message: "Stemmesedlens nøgle skal være <runde>:<stemmeafgiver>.",
      });
    }
    const seen = new Set<number>();
    for (const e of x.payload.entries) {
      if (seen.has(e.candidate)) {
        problems.push({ field: "payload", message: "Et tiltag står flere gange på stemmesedlen." });
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
  title: { label: "Navn", required: true, maxLength: TEXT_MAX },
};

export function validateScenario(d: ScenarioDraft): Validation {
  return validateWith(SCENARIO_RULES, d, (x) => {
    const clash = x.forcedIn.find((i) => x.forcedOut.some((o) => o.initiative === i.initiative));
    const noReason = [...x.forcedIn, ...x.forcedOut].some((f) => f.reason.trim() === "");
    return [
      ...(clash
        ? [{ field: "forcedOut", message: "Et tiltag kan ikke både være tvunget ind og ud." }]
        : []),
      ...(noReason
        ? [{ field: "forcedIn", message: "Tvungne valg skal have en begrundelse." }]
        : []),
    ];
  });
}
