/**
 * Criteria weights by pairwise comparison (AHP, Saaty). A member's judgements are stored
 * as in `Comparison`: a signed Saaty value −9…9 where 1 (or −1) is equal, a positive value
 * favours criterion A and a negative one favours criterion B. In the matrix that becomes
 * a_AB = v and a_BA = 1/v (or a_AB = 1/|v| when v is negative).
 */
import { err, ok, type Result } from "./common.js";
import type { CriterionId, PersonId, WeightSetId } from "./ids.js";
import {
  type Irregularity,
  type IrregularityParams,
  sortIrregularities,
} from "./irregularities.js";
import {
  type Comparison,
  type ComparisonDraft,
  comparisonKey,
  type CriterionWeight,
  SAATY_MAX,
  SAATY_MIN,
} from "./prioritization.js";
import type { Roster } from "./roles.js";
import { isVoter } from "./tally.js";

/** At most 7 active criteria (21 comparisons): Saaty's advice on the span of attention. */
export const MAX_CRITERIA = 7;
/** Saaty's threshold: a matrix with CR at or below this is accepted. */
export const CR_ACCEPTED = 0.1;
/** Saaty's random index by matrix order n (n = 1, 2 have RI 0 and CR 0 by definition). */
export const RANDOM_INDEX: Readonly<Record<number, number>> = {
  1: 0,
  2: 0,
  3: 0.58,
  4: 0.9,
  5: 1.12,
  6: 1.24,
  7: 1.32,
};

/** One member's judgement of one pair, as `Comparison` stores it. */
export interface Judgement {
  a: CriterionId;
  b: CriterionId;
  /** Signed Saaty value: 1…9 favours a, −1…−9 favours b; 0 is not a judgement. */
  value: number;
}

/** A positive reciprocal matrix over criteria in a fixed order: m[i][j] · m[j][i] = 1. */
export interface PairwiseMatrix {
  criteria: readonly CriterionId[];
  m: readonly (readonly number[])[];
}

export type AhpProblem =
  | { kind: "tooManyCriteria"; count: number }
  | { kind: "missing"; a: CriterionId; b: CriterionId }
  | { kind: "invalidValue"; a: CriterionId; b: CriterionId; value: number }
  | { kind: "unknownCriterion"; criterion: CriterionId }
  | { kind: "duplicate"; a: CriterionId; b: CriterionId };

/** A member's stored comparisons as judgements; rows without both criteria are left out. */
export function toJudgements(
  comparisons: readonly Pick<ComparisonDraft, "criterionA" | "criterionB" | "value">[],
): Judgement[] {
  return comparisons.flatMap((c) =>
    c.criterionA && c.criterionB
      ? [{ a: c.criterionA.id, b: c.criterionB.id, value: c.value }]
      : [],
  );
}

export function isSaatyValue(v: number): boolean {
  return Number.isInteger(v) && v >= SAATY_MIN && v <= SAATY_MAX && v !== 0;
}

/** The matrix entry a_AB of a signed Saaty value. */
export function saatyToRatio(value: number): number {
  if (!isSaatyValue(value)) throw new RangeError(`Not a Saaty value: ${value}`);
  return value > 0 ? value : 1 / -value;
}

/**
 * The signed Saaty value nearest to a ratio a_AB, nearest on the log scale (the scale the
 * judgements live on: 1/3 is as far below 1 as 3 is above it). Ties go to the smaller value.
 */
export function ratioToSaaty(ratio: number): number {
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new RangeError(`Not a ratio: ${ratio}`);
  const r = ratio >= 1 ? ratio : 1 / ratio;
  let best = 1;
  for (let v = 2; v <= SAATY_MAX; v++) {
    if (Math.abs(Math.log(r / v)) < Math.abs(Math.log(r / best)) - 1e-12) best = v;
  }
  return ratio >= 1 || best === 1 ? best : -best;
}

/**
 * Builds a member's reciprocal matrix from their judgements over the active criteria (in the
 * order given). Every pair must be judged exactly once; every gap is reported.
 */
export function buildMatrix(
  criteria: readonly CriterionId[],
  judgements: readonly Judgement[],
): Result<PairwiseMatrix, AhpProblem[]> {
  const n = criteria.length;
  const problems: AhpProblem[] = [];
  if (new Set(criteria).size !== n) throw new Error("buildMatrix: criteria must be distinct");
  if (n > MAX_CRITERIA) {
    problems.push({
      kind: "tooManyCriteria",
      count: n,
    });
  }
  const index = new Map(criteria.map((c, i) => [c, i]));
  const m: number[][] = criteria.map((_, i) => criteria.map((__, j) => (i === j ? 1 : NaN)));
  for (const j of judgements) {
    const ia = index.get(j.a);
    const ib = index.get(j.b);
    if (ia === undefined || ib === undefined) {
      const criterion = ia === undefined ? j.a : j.b;
      problems.push({
        kind: "unknownCriterion",
        criterion,
      });
      continue;
    }
    if (ia === ib || !isSaatyValue(j.value)) {
      problems.push({
        kind: "invalidValue",
        a: j.a,
        b: j.b,
        value: j.value,
      });
      continue;
    }
    const row = m[ia];
    const col = m[ib];
    if (!row || !col) throw new Error("unreachable");
    if (!Number.isNaN(row[ib])) {
      problems.push({
        kind: "duplicate",
        a: j.a,
        b: j.b,
      });
      continue;
    }
    const r = saatyToRatio(j.value);
    row[ib] = r;
    col[ia] = 1 / r;
  }
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      if (Number.isNaN(m[i]?.[k])) {
        const a = criteria[i] as CriterionId;
        const b = criteria[k] as CriterionId;
        problems.push({
          kind: "missing",
          a,
          b,
        });
      }
    }
  }
  return problems.length > 0 ? err(problems) : ok({ criteria: [...criteria], m });
}

function at(m: PairwiseMatrix["m"], i: number, j: number): number {
  const v = m[i]?.[j];
  if (v === undefined) throw new RangeError(`Matrix index out of range: ${i},${j}`);
  return v;
}

function multiply(m: PairwiseMatrix["m"], w: readonly number[]): number[] {
  return m.map((row) => row.reduce((s, x, j) => s + x * (w[j] ?? 0), 0));
}

export interface PriorityVector {
  /** Weights in the matrix's criterion order, summing to 1. */
  weights: number[];
  lambdaMax: number;
  iterations: number;
}

/**
 * The principal eigenvector by power iteration, w ← A·w / Σ(A·w), from the uniform vector
 * until no weight moves more than `tolerance`. A positive matrix has a unique positive Perron
 * vector and the iteration converges to it. λmax is the mean of (A·w)_i / w_i.
 */
export function principalEigenvector(
  matrix: PairwiseMatrix,
  tolerance = 1e-10,
  maxIterations = 10_000,
): PriorityVector {
  const n = matrix.criteria.length;
  if (n === 0) return { weights: [], lambdaMax: 0, iterations: 0 };
  let w = Array.from({ length: n }, () => 1 / n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const aw = multiply(matrix.m, w);
    const sum = aw.reduce((s, x) => s + x, 0);
    const next = aw.map((x) => x / sum);
    const moved = Math.max(...next.map((x, i) => Math.abs(x - (w[i] ?? 0))));
    w = next;
    if (moved < tolerance) break;
  }
  const aw = multiply(matrix.m, w);
  const lambdaMax = aw.reduce((s, x, i) => s + x / (w[i] ?? 1), 0) / n;
  return { weights: w, lambdaMax, iterations: iterations + 1 };
}

export interface Consistency {
  /** CI = (λmax − n)/(n − 1); 0 for n ≤ 2. */
  ci: number;
  /** CR = CI / RI; 0 for n ≤ 2. */
  cr: number;
  accepted: boolean;
}

export function consistency(n: number, lambdaMax: number): Consistency {
  if (n <= 2) return { ci: 0, cr: 0, accepted: true };
  const ri = RANDOM_INDEX[n];
  if (ri === undefined) throw new RangeError(`No random index for n = ${n}`);
  // λmax ≥ n for a reciprocal matrix; rounding may give −1e−16.
  const ci = Math.max(0, (lambdaMax - n) / (n - 1));
  const cr = ci / ri;
  // A CR that is 0.10 on paper must not fail on floating-point noise.
  return { ci, cr, accepted: cr <= CR_ACCEPTED + 1e-9 };
}

/** The judgement that fits the weights worst, and the Saaty value that would fit them. */
export interface Advice {
  a: CriterionId;
  b: CriterionId;
  /** As judged, signed (positive favours a). */
  current: number;
  /** The signed Saaty value nearest to w_a / w_b. */
  suggested: number;
  /** |ln(a_ab · w_b / w_a)|. */
  deviation: number;
}

/** The pair with the largest |ln(a_ij · w_j / w_i)| (i < j; the reciprocal deviates equally). */
export function mostInconsistent(
  matrix: PairwiseMatrix,
  weights: readonly number[],
): Advice | null {
  const n = matrix.criteria.length;
  let best: { i: number; j: number; deviation: number } | null = null;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const wi = weights[i] ?? NaN;
      const wj = weights[j] ?? NaN;
      const deviation = Math.abs(Math.log((at(matrix.m, i, j) * wj) / wi));
      if (!best || deviation > best.deviation + 1e-12) best = { i, j, deviation };
    }
  }
  if (!best) return null;
  const { i, j, deviation } = best;
  const a = matrix.criteria[i] as CriterionId;
  const b = matrix.criteria[j] as CriterionId;
  const current = ratioToSaaty(at(matrix.m, i, j));
  const suggested = ratioToSaaty((weights[i] ?? NaN) / (weights[j] ?? NaN));
  return {
    a,
    b,
    current,
    suggested,
    deviation,
  };
}

export interface AhpResult {
  criteria: readonly CriterionId[];
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  accepted: boolean;
  /** Set only when the CR is above the threshold. */
  advice: Advice | null;
}

/** Weights, consistency and, when not accepted, the comparison to reconsider. */
export function evaluateMatrix(matrix: PairwiseMatrix): AhpResult {
  const { weights, lambdaMax } = principalEigenvector(matrix);
  const c = consistency(matrix.criteria.length, lambdaMax);
  return {
    criteria: matrix.criteria,
    weights,
    lambdaMax,
    ...c,
    advice: c.accepted ? null : mostInconsistent(matrix, weights),
  };
}

/** A member's weights straight from their judgements; problems when the set is incomplete. */
export function memberWeights(
  criteria: readonly CriterionId[],
  judgements: readonly Judgement[],
): Result<AhpResult, AhpProblem[]> {
  const built = buildMatrix(criteria, judgements);
  return built.ok ? ok(evaluateMatrix(built.value)) : built;
}

/**
 * The committee's matrix: the element-wise geometric mean of the members' matrices (Aczél and
 * Saaty 1983: the only aggregation that keeps the result reciprocal). All must share one
 * criterion order; that is the caller's job, so a mismatch is a programmer error.
 */
export function geometricMeanMatrix(matrices: readonly PairwiseMatrix[]): PairwiseMatrix {
  const first = matrices[0];
  if (!first) throw new Error("geometricMeanMatrix: no matrices");
  const order = first.criteria.join(",");
  if (matrices.some((x) => x.criteria.join(",") !== order)) {
    throw new Error("geometricMeanMatrix: matrices over different criteria");
  }
  const n = first.criteria.length;
  const m = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (__, j) => {
      const logSum = matrices.reduce((s, x) => s + Math.log(at(x.m, i, j)), 0);
      return Math.exp(logSum / matrices.length);
    }),
  );
  return { criteria: first.criteria, m };
}

/** The committee's weights and CR from the members' complete matrices. */
export function committeeWeights(matrices: readonly PairwiseMatrix[]): AhpResult {
  return evaluateMatrix(geometricMeanMatrix(matrices));
}

/** The weights as a `WeightSet` stores them. */
export function toCriterionWeights(result: AhpResult): CriterionWeight[] {
  return result.criteria.map((criterion, i) => ({ criterion, weight: result.weights[i] ?? 0 }));
}

// ---------------------------------------------------------------- Which comparisons count

/** Why a stored comparison is not counted, as a stable code (the UI translates it). */
export type ComparisonRule =
  /** The server did not say who wrote it. */
  | "comparison.noAuthor"
  /** Its author is not in Medlemmer or Formand. */
  | "comparison.authorNotVoter"
  /** Its key is not `<weightSet>:<a>:<b>:<author>` (e.g. written under another voter's id). */
  | "comparison.keyMismatch"
  /** It lacks a criterion, or belongs to another weight set. */
  | "comparison.malformed"
  /** It compares a criterion with itself. */
  | "comparison.sameCriterion"
  /** A second judgement of the same pair by the same author; the first one is theirs. */
  | "comparison.extra"
  /** Last saved by someone else than its author. */
  | "comparison.editedByOther"
  /** Its value is not a Saaty value (a whole number −9…−1 or 1…9). */
  | "comparison.valueOutOfRange";

export interface CheckedComparisons {
  /** The comparisons that count: at most one per author and pair, every check passed. */
  valid: Comparison[];
  irregular: Irregularity<ComparisonRule>[];
  /** Each author's own comparison per pair (`<lo>:<hi>`), whether it counts or not. */
  own: ReadonlyMap<PersonId, ReadonlyMap<string, Comparison>>;
}

/** The voter id a comparison's key claims (its last part), or null. */
export function claimedVoterOf(key: string): number | null {
  const parts = key.split(":");
  const n = Number(parts[3]);
  return parts.length === 4 && Number.isInteger(n) && n > 0 ? n : null;
}

/** The unordered pair a comparison judges, as `<lower id>:<higher id>`. */
export function pairKey(a: CriterionId, b: CriterionId): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * Which of a weight set's stored comparisons count, from the facts the server sets: the
 * comparison's voter is its author (Author), who must be in Medlemmer or Formand; its key must
 * be `<weightSet>:<a>:<b>:<author>` (a key naming another voter counts for no one and blocks no
 * one); it must name two different criteria of this weight set. Per author and pair the first
 * one (earliest Created, lower id on a tie) is theirs, any later one is `extra`; theirs counts
 * if last saved by its author and its value is a Saaty value (the same rule as when saved).
 * `by` is the author, or the last editor for `editedByOther`. Sorted by comparison id, then rule.
 */
export function checkComparisons(
  weightSet: WeightSetId,
  comparisons: readonly Comparison[],
  roster: Roster,
): CheckedComparisons {
  const irregular: Irregularity<ComparisonRule>[] = [];
  const flag = (
    c: Comparison,
    rule: ComparisonRule,
    params: IrregularityParams = {},
    edit = false,
  ) =>
    irregular.push({
      list: "Comparisons",
      item: c.id,
      rule,
      ...(Object.keys(params).length ? { params } : {}),
      by: (edit ? c.modifiedBy : c.createdBy) ?? null,
    });
  const mine = new Map<PersonId, Map<string, Comparison[]>>();
  for (const c of comparisons) {
    const author = c.createdBy;
    const a = c.criterionA?.id;
    const b = c.criterionB?.id;
    if (!author) flag(c, "comparison.noAuthor");
    else if (!isVoter(roster, author.id)) flag(c, "comparison.authorNotVoter");
    else if (c.weightSet?.id !== weightSet || a === undefined || b === undefined) {
      flag(c, "comparison.malformed");
    } else if (a === b) flag(c, "comparison.sameCriterion", { criterion: a });
    else if (c.comparisonKey !== comparisonKey(weightSet, a, b, author.id)) {
      flag(c, "comparison.keyMismatch", {
        key: c.comparisonKey,
        claimed: claimedVoterOf(c.comparisonKey),
      });
    } else {
      const pairs = mine.get(author.id) ?? new Map<string, Comparison[]>();
      const pair = pairKey(a, b);
      pairs.set(pair, [...(pairs.get(pair) ?? []), c]);
      mine.set(author.id, pairs);
    }
  }
  const valid: Comparison[] = [];
  const own = new Map<PersonId, Map<string, Comparison>>();
  for (const [author, pairs] of mine) {
    const theirs = new Map<string, Comparison>();
    own.set(author, theirs);
    for (const [pair, list] of pairs) {
      const [first, ...extra] = [...list].sort(
        (x, y) => Date.parse(x.created) - Date.parse(y.created) || x.id - y.id,
      );
      if (!first) continue;
      theirs.set(pair, first);
      for (const c of extra) flag(c, "comparison.extra", { counted: first.id });
      const before = irregular.length;
      if (first.modifiedBy && first.modifiedBy.id !== author) {
        flag(first, "comparison.editedByOther", {}, true);
      }
      if (!isSaatyValue(first.value)) {
        flag(first, "comparison.valueOutOfRange", {
          value: Number.isFinite(first.value) ? first.value : String(first.value),
          min: SAATY_MIN,
          max: SAATY_MAX,
        });
      }
      if (irregular.length === before) valid.push(first);
    }
  }
  return { valid, irregular: sortIrregularities(irregular), own };
}
