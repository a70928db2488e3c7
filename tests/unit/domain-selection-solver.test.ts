import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  buildSelectionModel,
  explainInfeasibility,
  forcedSelection,
  gapPercentAtMost,
  isFeasible,
  relativeGap,
  solveByBruteForce,
  solveExactly,
  verifiedSolution,
} from "../../src/domain/selection.js";
import { aCandidate } from "../support/builders-selection.js";
import { randomInstances } from "../support/random-selection.js";

const id = (n: number) => idOf<InitiativeId>(n);

const model = buildSelectionModel({
  candidates: [aCandidate(1, 40, 500_000), aCandidate(2, 30, 300_000), aCandidate(3, 25, 300_001)],
  frames: [{ year: 2026, kind: "Anlæg", amount: 800_000 }],
  capacity: [],
  requires: [[id(3), id(2)]],
});

describe("a solver's answer as a selection", () => {
  it("rounds values within the tolerance to 0/1 and values the selection by the model", () => {
    expect(verifiedSolution(model, [1 - 1e-7, 0.00001, 0])).toEqual({ x: [1, 0, 0], value: 40 });
    expect(verifiedSolution(model, Float64Array.from([1, 1, 0]))).toEqual({
      x: [1, 1, 0],
      value: 70,
    });
  });

  it("refuses fractional values, a wrong length and a selection that breaks a row", () => {
    expect(verifiedSolution(model, [0.5, 1, 0])).toBeNull();
    expect(verifiedSolution(model, [1, 0])).toBeNull();
    expect(verifiedSolution(model, [2, 0, 0])).toBeNull();
    // 1 kr. over the frame.
    expect(verifiedSolution(model, [1, 0, 1])).toBeNull();
    // C requires B.
    expect(verifiedSolution(model, [0, 0, 1])).toBeNull();
  });

  it("computes the relative gap against the bound, 0 when the bound is reached", () => {
    expect(relativeGap(99.9, 100)).toBeCloseTo(0.001, 12);
    expect(relativeGap(100, 100)).toBe(0);
    expect(relativeGap(100, 99.99)).toBe(0);
    expect(relativeGap(0, 0)).toBe(0);
  });

  it.each([
    [0, 0],
    [0.001, 0.1],
    [0.009434, 0.95],
    [0.0094, 0.94],
    [0.00940001, 0.95],
    [0.012, 1.2],
    [1 / 3, 33.34],
  ])("shows a proven gap of %p as at most %p %%, rounded up", (gap, percent) => {
    expect(gapPercentAtMost(gap)).toBe(percent);
  });

  it("refuses a negative or missing gap as a percentage", () => {
    expect(() => gapPercentAtMost(-0.01)).toThrow(RangeError);
    expect(() => gapPercentAtMost(NaN)).toThrow(RangeError);
  });

  it("wraps brute force as an outcome: optimal with a zero gap, or infeasible with the reason", () => {
    expect(solveExactly(model)).toEqual({
      status: "optimal",
      solution: { x: [1, 1, 0], value: 70 },
      bound: 70,
      gap: 0,
      explanation: [],
    });
    const forced = buildSelectionModel({
      candidates: [aCandidate(1, 40, 500_000, { mandatory: true }), aCandidate(2, 30, 300_001)],
      frames: [{ year: 2026, kind: "Anlæg", amount: 800_000 }],
      capacity: [],
      forcedIn: [{ candidate: id(2), reason: "Aftalt" }],
    });
    const out = solveExactly(forced);
    expect(out).toMatchObject({ status: "infeasible", solution: null, bound: null, gap: null });
    expect(out.explanation.map((r) => [r.kind, r.excess, r.involved])).toEqual([
      ["budget", 1, [id(1), id(2)]],
    ]);
  });
});

describe("explaining infeasibility is complete", () => {
  it("is empty exactly when brute force finds a selection, on 300 random instances", () => {
    let infeasible = 0;
    for (const input of randomInstances(404, 300, { rules: 0.5 })) {
      const m = buildSelectionModel(input);
      const best = solveByBruteForce(m);
      const why = explainInfeasibility(m);
      expect(why.length === 0).toBe(best !== null);
      if (best) {
        // Every feasible selection contains the forced set.
        const forced = forcedSelection(m);
        expect(forced.every((v, i) => !v || best.x[i] === 1)).toBe(true);
      } else {
        infeasible++;
        expect(isFeasible(m, forcedSelection(m))).toBe(false);
        for (const r of why) expect(r.excess).toBeGreaterThan(0);
      }
    }
    expect(infeasible).toBeGreaterThan(30);
  });

  it("names a frame that committed work alone exceeds, by how much, with no candidate involved", () => {
    const m = buildSelectionModel({
      candidates: [aCandidate(1, 40, 0, { costs: [] })],
      frames: [{ year: 2027, kind: "Drift", amount: 1_000_000 }],
      committed: [{ year: 2027, kind: "Drift", amount: 1_100_000 }],
      capacity: [],
    });
    expect(solveByBruteForce(m)).toBeNull();
    expect(explainInfeasibility(m).map((r) => r.message)).toEqual([
      "Budget 2027 Drift: ramme 1.000.000 kr. minus 1.100.000 kr. bundet af igangværende tiltag: overskrides med 100.000 kr.",
    ]);
  });
});
