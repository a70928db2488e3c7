import { createHighsSolver } from "../../src/adapters/solver/highs.js";
import { atBudgetLevel, efficientFrontier, levelOf } from "../../src/domain/frontier.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  buildSelectionModel,
  forcedSelection,
  isFeasible,
  type SelectionInput,
  solveByBruteForce,
  solveExactly,
  type SolveOutcome,
} from "../../src/domain/selection.js";
import { aCandidate } from "../support/builders-selection.js";
import { randomInstances } from "../support/random-selection.js";

const id = (n: number) => idOf<InitiativeId>(n);

/**
 * Frame 1.000.000 kr. (nothing committed). D (100.000 kr.) is mandatory, so the lowest level is
 * 0.1; above it D plus the best of A (40, 500.000), B (30, 300.000), C (25, 300.000) and
 * E (10, 100.000) within the rest: 0.4 → B; 0.5 → B+E; 0.6 → A or B+E; 0.7 → B+C; 0.8 → B+C+E;
 * 0.9 → A+B; 1 → A+B+E.
 */
const input: SelectionInput = {
  candidates: [
    aCandidate(1, 40, 500_000),
    aCandidate(2, 30, 300_000),
    aCandidate(3, 25, 300_000),
    aCandidate(4, 5, 100_000, { mandatory: true }),
    aCandidate(5, 10, 100_000),
  ],
  frames: [{ year: 2026, kind: "Anlæg", amount: 1_000_000 }],
  capacity: [],
};

describe("budget levels", () => {
  it("scales every framed row's bound, leaving other rows alone", () => {
    const model = buildSelectionModel({
      ...input,
      committed: [{ year: 2026, kind: "Anlæg", amount: 200_000 }],
      capacity: [{ competence: "Test", period: "2026-01", hours: 100 }],
    });
    const half = atBudgetLevel(model, 0.5);
    expect(half.rows.map((r) => [r.kind, r.rhs])).toEqual([
      ["budget", 400_000],
      ["capacity", 100],
      ["mandatory", 1],
    ]);
    // Whole kroner stay whole: a third of 800.000 kr. is 266.666 kr., rounded down.
    expect(atBudgetLevel(model, 1 / 3).rows[0]!.rhs).toBe(266_666);
  });

  it("puts a selection at the smallest level it fits, and the forced set fits its own level", () => {
    const model = buildSelectionModel(input);
    expect(levelOf(model, [1, 1, 0, 1, 0])).toBeCloseTo(0.9, 12);
    const forced = forcedSelection(model);
    expect(forced).toEqual([0, 0, 0, 1, 0]);
    expect(levelOf(model, forced)).toBeCloseTo(0.1, 12);
    expect(isFeasible(atBudgetLevel(model, levelOf(model, forced)), forced)).toBe(true);
    // An awkward amount: the level computed from it still admits it to the krone.
    const odd = buildSelectionModel({
      ...input,
      candidates: [aCandidate(1, 1, 333_333, { mandatory: true })],
      frames: [{ year: 2026, kind: "Anlæg", amount: 999_999 }],
    });
    const x = [1];
    expect(isFeasible(atBudgetLevel(odd, levelOf(odd, x)), x)).toBe(true);
  });
});

describe("the efficient frontier with brute force", () => {
  it("goes from the mandatory minimum to the full frame in even steps, best value at each", async () => {
    const model = buildSelectionModel(input);
    const f = await efficientFrontier(model, solveExactly, { steps: 10 });
    expect(f.explanation).toEqual([]);
    expect(f.points.map((p) => [Number(p.level.toFixed(3)), p.budget, p.value])).toEqual([
      [0.1, 100_000, 5],
      [0.2, 200_000, 15],
      [0.3, 300_000, 15],
      [0.4, 400_000, 35],
      [0.5, 500_000, 45],
      [0.6, 600_000, 45],
      [0.7, 700_000, 60],
      [0.8, 800_000, 70],
      [0.9, 900_000, 75],
      [1, 1_000_000, 85],
    ]);
    expect(f.points[3]).toMatchObject({ cost: 400_000, selected: [id(2), id(4)] });
    expect(f.points.at(-1)).toMatchObject({ selected: [id(1), id(2), id(4), id(5)] });
    expect(f.points.every((p) => p.status === "optimal" && !p.carried && !p.chosen)).toBe(true);
    expect(f.chosen).toBeNull();
  });

  it("is non-decreasing and equals brute force at each level on random instances", async () => {
    for (const inp of randomInstances(77, 25)) {
      const model = buildSelectionModel(inp);
      const f = await efficientFrontier(model, solveExactly, { steps: 6 });
      if (!isFeasible(model, forcedSelection(model))) {
        expect(f.points).toEqual([]);
        expect(f.explanation.length).toBeGreaterThan(0);
        continue;
      }
      expect(f.points.at(-1)!.level).toBe(1);
      for (const [k, p] of f.points.entries()) {
        if (k > 0) {
          expect(p.level).toBeGreaterThan(f.points[k - 1]!.level);
          expect(p.budget).toBeGreaterThanOrEqual(f.points[k - 1]!.budget);
          expect(p.value ?? -1).toBeGreaterThanOrEqual(f.points[k - 1]!.value ?? -1);
        }
        const best = solveByBruteForce(atBudgetLevel(model, p.level));
        expect(p.value).toBe(best?.value ?? null);
      }
    }
  });

  it("marks the chosen scenario's level and what the same money could buy more", async () => {
    const model = buildSelectionModel(input);
    // The committee chose A + D + E (55) for 700.000 kr.: B + C + D (60) costs the same. Its
    // level, 0.7, is also one of the even steps (0.1 + 0.9 · 2/3): one point, not two.
    const f = await efficientFrontier(model, solveExactly, { steps: 4, chosen: [1, 0, 0, 1, 1] });
    expect(f.points.map((p) => [Number(p.level.toFixed(3)), p.value, p.chosen])).toEqual([
      [0.1, 5, false],
      [0.4, 35, false],
      [0.7, 60, true],
      [1, 85, false],
    ]);
    expect(f.chosen).toEqual({
      point: 2,
      level: expect.closeTo(0.7, 12) as number,
      value: 55,
      cost: 700_000,
      shortfall: 5,
      fits: true,
    });
  });

  it("adds the chosen scenario's level when it is between the steps", async () => {
    const model = buildSelectionModel(input);
    const f = await efficientFrontier(model, solveExactly, { steps: 2, chosen: [1, 0, 0, 1, 0] });
    expect(f.points.map((p) => [Number(p.level.toFixed(3)), p.value, p.chosen])).toEqual([
      [0.1, 5, false],
      [0.6, 45, true],
      [1, 85, false],
    ]);
    expect(f.chosen).toMatchObject({ point: 1, value: 45, cost: 600_000, shortfall: 0 });
  });

  it("marks the optimum at full frames as the last point, with no shortfall", async () => {
    const model = buildSelectionModel(input);
    const best = solveByBruteForce(model)!;
    const f = await efficientFrontier(model, solveExactly, { steps: 3, chosen: best });
    expect(f.chosen).toMatchObject({ point: f.points.length - 1, shortfall: 0, fits: true });
    expect(f.points.filter((p) => p.chosen)).toHaveLength(1);
  });

  it("carries a lower level's selection up when a solve stops early with less", async () => {
    const model = buildSelectionModel(input);
    // A solver that finds nothing at the top level (as if stopped by its time limit at once).
    const stopping = (m: typeof model): SolveOutcome => {
      const top = m.rows[0]!.rhs === 1_000_000;
      return top
        ? { status: "timeLimit", solution: null, bound: 90, gap: null, explanation: [] }
        : solveExactly(m);
    };
    const f = await efficientFrontier(model, stopping, { steps: 3 });
    expect(f.points.map((p) => [p.value, p.carried, p.status])).toEqual([
      [5, false, "optimal"],
      [45, false, "optimal"],
      [45, true, "timeLimit"],
    ]);
    expect(f.points[2]!.bound).toBe(90);
  });

  it("has no points, but the reason, when the forced items do not fit the full frames", async () => {
    const model = buildSelectionModel({
      ...input,
      forcedIn: [
        { candidate: id(1), reason: "x" },
        { candidate: id(2), reason: "y" },
        { candidate: id(3), reason: "z" },
      ],
    });
    const f = await efficientFrontier(model, solveExactly);
    expect(f.points).toEqual([]);
    expect(f.explanation.map((r) => [r.kind, r.excess])).toEqual([["budget", 200_000]]);
  });

  it("refuses fewer than two steps and a solve function that breaks a row", async () => {
    const model = buildSelectionModel(input);
    await expect(efficientFrontier(model, solveExactly, { steps: 1 })).rejects.toThrow(RangeError);
    const wrong = (): SolveOutcome => ({
      status: "optimal",
      solution: { x: [1, 1, 1, 1, 1], value: 110 },
      bound: 110,
      gap: 0,
      explanation: [],
    });
    await expect(efficientFrontier(model, wrong)).rejects.toThrow("infeasible selection");
  });
});

describe("the efficient frontier with HiGHS", () => {
  it("equals the brute-force frontier on random instances", async () => {
    const solver = createHighsSolver();
    const highs = (m: Parameters<typeof solveExactly>[0]) => solver.solve(m);
    for (const inp of randomInstances(91, 8, { rules: 0.2 })) {
      const model = buildSelectionModel(inp);
      const exact = await efficientFrontier(model, solveExactly, { steps: 5 });
      const viaHighs = await efficientFrontier(model, highs, { steps: 5 });
      expect(viaHighs.points.map((p) => [p.level, p.budget, p.status])).toEqual(
        exact.points.map((p) => [p.level, p.budget, p.status]),
      );
      viaHighs.points.forEach((p, k) => expect(p.value).toBeCloseTo(exact.points[k]!.value!, 9));
    }
  });
});
