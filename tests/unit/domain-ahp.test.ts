import {
  buildMatrix,
  checkComparisons,
  committeeWeights,
  type ComparisonRule,
  consistency,
  evaluateMatrix,
  geometricMeanMatrix,
  memberWeights,
  type PairwiseMatrix,
  ratioToSaaty,
  saatyToRatio,
  toCriterionWeights,
  toJudgements,
} from "../../src/domain/ahp.js";
import { type CriterionId, idOf, type WeightSetId } from "../../src/domain/ids.js";
import type { Comparison } from "../../src/domain/prioritization.js";
import { aComparison, aRef } from "../support/builders.js";
import { criteriaIds, judgementsFromMatrix } from "../support/builders-ahp.js";
import { aStoredComparison, aVoter, votersRoster } from "../support/builders-tally.js";

/** Builds the matrix as the member would enter it, failing the test if it is incomplete. */
function matrixOf(rows: number[][]): PairwiseMatrix {
  const built = buildMatrix(criteriaIds(rows.length), judgementsFromMatrix(rows));
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return built.value;
}

/**
 * Worked examples with their published results.
 * - Leader: Wikipedia, "Analytic hierarchy process – leader example", criteria Experience,
 *   Education, Charisma, Age; published weights .547, .127, .270, .056 and CR .044.
 * - Wealth of nations: Saaty, The Analytic Hierarchy Process (McGraw-Hill 1980), after Saaty
 *   and Khouja (1976): US, USSR, China, France, UK, Japan, W. Germany; published eigenvector
 *   .427, .230, .021, .052, .052, .123, .094 and λmax 7.61.
 * - Light intensity: Saaty, "A scaling method for priorities in hierarchical structures",
 *   J. Math. Psychology 15 (1977) 234–281, four chairs lit by one lamp; published eigenvector
 *   .61, .24, .10, .05 and λmax 4.39.
 */
const published = [
  {
    name: "leader example (Wikipedia)",
    rows: [
      [1, 4, 3, 7],
      [1 / 4, 1, 1 / 3, 3],
      [1 / 3, 3, 1, 5],
      [1 / 7, 1 / 3, 1 / 5, 1],
    ],
    weights: [0.547, 0.127, 0.27, 0.056],
    precision: 0.005,
    lambdaMax: null,
    cr: 0.044,
    accepted: true,
  },
  {
    name: "wealth of nations (Saaty 1980)",
    rows: [
      [1, 4, 9, 6, 6, 5, 5],
      [1 / 4, 1, 7, 5, 5, 3, 4],
      [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
      [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
      [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
      [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
      [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
    ],
    weights: [0.427, 0.23, 0.021, 0.052, 0.052, 0.123, 0.094],
    precision: 0.001,
    lambdaMax: 7.61,
    cr: null,
    accepted: true,
  },
  {
    name: "light intensity (Saaty 1977)",
    rows: [
      [1, 5, 6, 7],
      [1 / 5, 1, 4, 6],
      [1 / 6, 1 / 4, 1, 4],
      [1 / 7, 1 / 6, 1 / 4, 1],
    ],
    weights: [0.61, 0.24, 0.1, 0.05],
    precision: 0.01,
    lambdaMax: 4.39,
    cr: null,
    accepted: false,
  },
];

describe("AHP weights against published worked examples", () => {
  it.each(published)(
    "$name: weights, λmax and CR as published",
    ({ rows, weights, precision, lambdaMax, cr, accepted }) => {
      const result = evaluateMatrix(matrixOf(rows));
      expect(result.weights).toHaveLength(weights.length);
      result.weights.forEach((w, i) => {
        expect(Math.abs(w - (weights[i] ?? NaN))).toBeLessThanOrEqual(precision);
      });
      expect(result.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 10);
      if (lambdaMax !== null) expect(Math.abs(result.lambdaMax - lambdaMax)).toBeLessThan(0.005);
      if (cr !== null) expect(Math.abs(result.cr - cr)).toBeLessThan(0.0005 + 1e-9);
      expect(result.cr).toBeCloseTo(
        (result.lambdaMax - rows.length) /
          (rows.length - 1) /
          [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32][rows.length]!,
        10,
      );
      expect(result.accepted).toBe(accepted);
    },
  );

  it("points the light-intensity example's member at chair 1 vs chair 4 and suggests 9 instead of 7", () => {
    const result = evaluateMatrix(matrixOf(published[2]!.rows));
    expect(result.cr).toBeGreaterThan(0.1);
    expect(result.advice).toMatchObject({ a: 1, b: 4, current: 7, suggested: 9 });
  });

  it("gives no advice when the matrix is accepted", () => {
    expect(evaluateMatrix(matrixOf(published[0]!.rows)).advice).toBeNull();
  });

  it("suggests a value in the other direction when the weights favour criterion B", () => {
    // A ≻ B (3) and A ≻ C (9) imply B ≻ C, but the member judged C ≻ B (−3).
    const result = evaluateMatrix(
      matrixOf([
        [1, 3, 9],
        [1 / 3, 1, 1 / 3],
        [1 / 9, 3, 1],
      ]),
    );
    expect(result.accepted).toBe(false);
    expect(result.advice).toMatchObject({ a: 2, b: 3, current: -3, suggested: -2 });
  });

  it("finds the exact weights and CR 0 for a perfectly consistent matrix", () => {
    // w = (4, 2, 1)/7: every judgement is w_i / w_j.
    const result = evaluateMatrix(
      matrixOf([
        [1, 2, 4],
        [1 / 2, 1, 2],
        [1 / 4, 1 / 2, 1],
      ]),
    );
    expect(result.weights.map((w) => w * 7)).toEqual([
      expect.closeTo(4, 8),
      expect.closeTo(2, 8),
      expect.closeTo(1, 8),
    ]);
    expect(result.lambdaMax).toBeCloseTo(3, 8);
    expect(result.cr).toBeCloseTo(0, 8);
  });
});

describe("consistency ratio", () => {
  it.each([
    { n: 1, lambdaMax: 1, cr: 0 },
    { n: 2, lambdaMax: 2, cr: 0 },
    { n: 3, lambdaMax: 3.116, cr: 0.1 },
    { n: 4, lambdaMax: 4.27, cr: 0.1 },
    { n: 5, lambdaMax: 5.448, cr: 0.1 },
    { n: 6, lambdaMax: 6.62, cr: 0.1 },
    { n: 7, lambdaMax: 7.792, cr: 0.1 },
  ])("n = $n, λmax = $lambdaMax gives CR $cr (RI by Saaty)", ({ n, lambdaMax, cr }) => {
    const c = consistency(n, lambdaMax);
    expect(c.cr).toBeCloseTo(cr, 10);
  });

  it.each([
    { cr: 0.1, accepted: true },
    { cr: 0.1001, accepted: false },
  ])("CR $cr is accepted: $accepted", ({ cr, accepted }) => {
    expect(consistency(3, 3 + cr * 0.58 * 2).accepted).toBe(accepted);
  });
});

describe("Saaty scale in both directions", () => {
  it.each([
    { value: 1, ratio: 1 },
    { value: -1, ratio: 1 },
    { value: 3, ratio: 3 },
    { value: -3, ratio: 1 / 3 },
    { value: 9, ratio: 9 },
    { value: -9, ratio: 1 / 9 },
  ])("signed value $value is the matrix entry $ratio", ({ value, ratio }) => {
    expect(saatyToRatio(value)).toBeCloseTo(ratio, 12);
  });

  it.each([0, 10, -10, 2.5])("%p is not a Saaty value (programmer error)", (value) => {
    expect(() => saatyToRatio(value)).toThrow(RangeError);
  });

  it.each([
    { ratio: 1, value: 1 },
    { ratio: 1.3, value: 1 },
    { ratio: 1.5, value: 2 },
    { ratio: 13.7, value: 9 },
    { ratio: 1 / 4.2, value: -4 },
    { ratio: 0.8, value: 1 },
  ])("ratio $ratio is nearest (on the log scale) to $value", ({ ratio, value }) => {
    expect(ratioToSaaty(ratio)).toBe(value);
  });
});

describe("building a member's matrix", () => {
  const ids = criteriaIds(3);
  const [c1, c2, c3] = ids as [CriterionId, CriterionId, CriterionId];

  it("fills reciprocals: a member's −5 for (1, 2) means 2 is strongly preferred to 1", () => {
    const built = buildMatrix(ids, [
      { a: c1, b: c2, value: -5 },
      { a: c3, b: c1, value: 2 },
      { a: c2, b: c3, value: 1 },
    ]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.m[0]?.[1]).toBeCloseTo(1 / 5, 12);
    expect(built.value.m[1]?.[0]).toBe(5);
    expect(built.value.m[2]?.[0]).toBe(2);
    expect(built.value.m[0]?.[2]).toBeCloseTo(0.5, 12);
  });

  it("reports every missing pair by its criteria", () => {
    const built = buildMatrix(ids, [{ a: c1, b: c2, value: 3 }]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error.map((p) => [p.kind, "a" in p ? p.a : null, "b" in p ? p.b : null])).toEqual([
      ["missing", c1, c3],
      ["missing", c2, c3],
    ]);
  });

  it.each([
    { judgement: { a: c1, b: c2, value: 0 }, kind: "invalidValue" },
    { judgement: { a: c1, b: c2, value: 11 }, kind: "invalidValue" },
    { judgement: { a: c1, b: c1, value: 3 }, kind: "invalidValue" },
    { judgement: { a: c1, b: idOf<CriterionId>(99), value: 3 }, kind: "unknownCriterion" },
    { judgement: { a: c2, b: c1, value: 3 }, kind: "duplicate" },
  ])("refuses $kind ($judgement.a, $judgement.b, $judgement.value)", ({ judgement, kind }) => {
    const complete = [
      { a: c1, b: c2, value: 3 },
      { a: c1, b: c3, value: 3 },
      { a: c2, b: c3, value: 3 },
    ];
    const built = buildMatrix(ids, [...complete, judgement]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error.map((p) => p.kind)).toContain(kind);
  });

  it("refuses more than 7 active criteria", () => {
    const built = buildMatrix(criteriaIds(8), []);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error[0]).toMatchObject({
      kind: "tooManyCriteria",
      count: 8,
    });
  });

  it("reads a member's stored comparisons as judgements", () => {
    const judgements = toJudgements([
      aComparison({ criterionA: aRef(1), criterionB: aRef(2), value: -4 }),
      aComparison({ criterionA: null }),
    ]);
    expect(judgements).toEqual([{ a: 1, b: 2, value: -4 }]);
  });

  it("gives weights from judgements in one step, and the weight set's shape", () => {
    const result = memberWeights(criteriaIds(2), [{ a: c1, b: c2, value: 3 }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.cr).toBe(0);
    const weights = toCriterionWeights(result.value);
    expect(weights.map((w) => w.criterion)).toEqual([c1, c2]);
    expect(weights[0]?.weight).toBeCloseTo(0.75, 10);
    expect(weights[1]?.weight).toBeCloseTo(0.25, 10);
  });
});

describe("the committee's weights", () => {
  it("takes the element-wise geometric mean: 3 and 1/3 meet at 1, 9 and 1 at 3", () => {
    const m1 = matrixOf([
      [1, 3, 9],
      [1 / 3, 1, 3],
      [1 / 9, 1 / 3, 1],
    ]);
    const m2 = matrixOf([
      [1, 1 / 3, 1],
      [3, 1, 1 / 3],
      [1, 3, 1],
    ]);
    const g = geometricMeanMatrix([m1, m2]);
    expect(g.m[0]?.[1]).toBeCloseTo(1, 12);
    expect(g.m[0]?.[2]).toBeCloseTo(3, 12);
    expect(g.m[1]?.[2]).toBeCloseTo(1, 12);
    // Still reciprocal.
    expect((g.m[2]?.[0] ?? 0) * (g.m[0]?.[2] ?? 0)).toBeCloseTo(1, 12);
  });

  it("of identical members is each member's own result", () => {
    const m = matrixOf(published[0]!.rows);
    const group = committeeWeights([m, m, m]);
    const one = evaluateMatrix(m);
    group.weights.forEach((w, i) => expect(w).toBeCloseTo(one.weights[i] ?? NaN, 10));
    expect(group.cr).toBeCloseTo(one.cr, 10);
  });

  it("has its own CR, which can be accepted though a member's is not", () => {
    const inconsistent = matrixOf([
      [1, 3, 9],
      [1 / 3, 1, 1 / 3],
      [1 / 9, 3, 1],
    ]);
    const consistent = matrixOf([
      [1, 3, 9],
      [1 / 3, 1, 3],
      [1 / 9, 1 / 3, 1],
    ]);
    expect(evaluateMatrix(inconsistent).accepted).toBe(false);
    const group = committeeWeights([inconsistent, consistent, consistent, consistent]);
    expect(group.accepted).toBe(true);
    expect(group.weights[0]).toBeGreaterThan(group.weights[1] ?? 1);
  });

  it("refuses matrices over different criteria (programmer error)", () => {
    const a = matrixOf([
      [1, 3],
      [1 / 3, 1],
    ]);
    const b: PairwiseMatrix = { ...a, criteria: [idOf(5), idOf(6)] };
    expect(() => geometricMeanMatrix([a, b])).toThrow();
  });
});

describe("which comparisons count: the author is the voter, the key is a claim", () => {
  const roster = votersRoster([1, 2, 3], [9]);
  const set = idOf<WeightSetId>(1);
  const mine = aStoredComparison({ a: 1, b: 2, value: 3, author: 2 });
  const check = (list: Comparison[]) => checkComparisons(set, list, roster);

  it.each<[string, Comparison, ComparisonRule | null, number | null]>([
    ["a member's own judgement", mine, null, null],
    [
      "the chair's own judgement",
      aStoredComparison({ a: 1, b: 2, value: -5, author: 9 }),
      null,
      null,
    ],
    ["no author recorded", { ...mine, createdBy: null }, "comparison.noAuthor", null],
    [
      "an author outside Medlemmer and Formand",
      aStoredComparison({ a: 1, b: 2, value: 3, author: 7 }),
      "comparison.authorNotVoter",
      7,
    ],
    [
      "written by member 2 under member 3's id",
      aStoredComparison({ a: 1, b: 2, value: 9, author: 2, comparisonKey: "1:1:2:3" }),
      "comparison.keyMismatch",
      2,
    ],
    [
      "under a made-up voter id",
      aStoredComparison({ a: 1, b: 2, value: 9, author: 2, comparisonKey: "1:1:2:999" }),
      "comparison.keyMismatch",
      2,
    ],
    [
      "a key for another pair",
      aStoredComparison({ a: 1, b: 2, value: 9, author: 2, comparisonKey: "1:1:3:2" }),
      "comparison.keyMismatch",
      2,
    ],
    [
      "of another weight set",
      aStoredComparison({ weightSet: 2, a: 1, b: 2, value: 3, author: 2 }),
      "comparison.malformed",
      2,
    ],
    ["without criterion B", { ...mine, criterionB: null }, "comparison.malformed", 2],
    [
      "a criterion with itself",
      aStoredComparison({ a: 1, b: 1, value: 3, author: 2 }),
      "comparison.sameCriterion",
      2,
    ],
    [
      "last saved by the secretary",
      aStoredComparison({ a: 1, b: 2, value: 3, author: 2, modifiedBy: aVoter(8) }),
      "comparison.editedByOther",
      8,
    ],
    ...[0, 10, -10, 2.5, 1_000_000].map((value): [string, Comparison, ComparisonRule, number] => [
      `the value ${value}`,
      aStoredComparison({ a: 1, b: 2, value, author: 2 }),
      "comparison.valueOutOfRange",
      2,
    ]),
  ])("%s", (_why, comparison, rule, by) => {
    const checked = check([comparison]);
    expect(checked.irregular.map((i) => [i.rule, i.by?.id ?? null])).toEqual(
      rule ? [[rule, by]] : [],
    );
    expect(checked.valid).toEqual(rule ? [] : [comparison]);
  });

  it("one judgement per author and pair: the earliest created counts, in either orientation", () => {
    const first = aStoredComparison({ a: 2, b: 1, value: 5, author: 2 });
    const again = aStoredComparison({
      a: 1,
      b: 2,
      value: 9,
      author: 2,
      created: "2026-03-03T08:00:00Z",
    });
    const checked = check([again, first]);
    expect(checked.valid).toEqual([first]);
    expect(checked.own.get(aVoter(2).id)?.get("1:2")).toBe(first);
    expect(checked.irregular).toEqual([
      {
        list: "Comparisons",
        item: again.id,
        rule: "comparison.extra",
        params: { counted: first.id },
        by: aVoter(2),
      },
    ]);
  });

  it("105 comparisons under seven voter ids in one batch count once, as the writer's own, and block no one", () => {
    // Six criteria: 15 pairs; seven voter ids, five made up and two real members (1 and 3).
    const ids = [2, 3, 1, 101, 102, 103, 104];
    const pairs = criteriaIds(6).flatMap((a, i) =>
      criteriaIds(6)
        .slice(i + 1)
        .map((b) => [a, b] as const),
    );
    const batch = ids.flatMap((voter) =>
      pairs.map(([a, b]) =>
        aStoredComparison({
          a,
          b,
          value: 9,
          author: 2,
          comparisonKey: `1:${a}:${b}:${voter}`,
        }),
      ),
    );
    expect(batch).toHaveLength(105);
    const honest = pairs.map(([a, b]) => aStoredComparison({ a, b, value: -3, author: 3 }));
    const checked = check([...batch, ...honest]);
    expect(checked.valid).toHaveLength(30);
    expect(new Set(checked.valid.map((c) => c.createdBy?.id))).toEqual(new Set([2, 3]));
    expect(checked.own.get(aVoter(3).id)?.size).toBe(15);
    expect(checked.irregular).toHaveLength(90);
    expect(new Set(checked.irregular.map((i) => `${i.rule} by ${i.by?.id}`))).toEqual(
      new Set(["comparison.keyMismatch by 2"]),
    );
    expect(checked.irregular.map((i) => i.params?.claimed)).toContain(101);
  });
});
