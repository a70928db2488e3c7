/**
 * The HiGHS adapter of `PortfolioSolver` (WebAssembly, loaded from node_modules in node) against
 * the brute-force reference, on infeasible models, at the edges of the frames in whole kroner,
 * with a gap and a time limit, and its lazy loading.
 */
import { optimizerInstance } from "../../scripts/bench/optimizer.js";
import { createHighsSolver, highsLoader, SolverError } from "../../src/adapters/solver/highs.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  buildSelectionModel,
  explainInfeasibility,
  isFeasible,
  relativeGap,
  selectedIds,
  type SelectionInput,
  type SelectionModel,
  solveByBruteForce,
  solveGreedyByScore,
  type SolveOutcome,
  valueOf,
} from "../../src/domain/selection.js";
import type { SolveProgress } from "../../src/ports/solver.js";
import { aCandidate } from "../support/builders-selection.js";
import { randomInstances } from "../support/random-selection.js";

const id = (n: number) => idOf<InitiativeId>(n);
const solver = createHighsSolver();

describe("HiGHS equals brute force", () => {
  it("on 200 random instances of 6–16 candidates with frames, capacity, forced items and dependencies", async () => {
    let optimal = 0;
    let infeasible = 0;
    for (const [k, input] of randomInstances(2026, 200).entries()) {
      const model = buildSelectionModel(input);
      const best = solveByBruteForce(model);
      const out = await solver.solve(model);
      if (!best) {
        infeasible++;
        expect({ k, status: out.status }).toEqual({ k, status: "infeasible" });
        expect(out.solution).toBeNull();
        // Which rows break and by how much, the same as the domain's explanation.
        expect(out.explanation.length).toBeGreaterThan(0);
        expect(out.explanation).toEqual(explainInfeasibility(model));
        continue;
      }
      optimal++;
      expect({ k, status: out.status }).toEqual({ k, status: "optimal" });
      const s = out.solution!;
      expect(isFeasible(model, s.x)).toBe(true);
      expect(s.x.every((v) => v === 0 || v === 1)).toBe(true);
      expect(s.value).toBe(valueOf(model, s.x));
      expect(s.value).toBeCloseTo(best.value, 9);
      expect(out.bound).toBe(s.value);
      expect(out.gap).toBe(0);
    }
    // The instances exercise both outcomes.
    expect(optimal).toBeGreaterThan(120);
    expect(infeasible).toBeGreaterThan(15);
  });
});

describe("infeasible models", () => {
  const base: SelectionInput = {
    candidates: [
      aCandidate(1, 40, 500_000),
      aCandidate(2, 30, 300_000),
      aCandidate(3, 25, 300_000, { mandatory: true }),
    ],
    frames: [{ year: 2026, kind: "Anlæg", amount: 1_000_000 }],
    committed: [{ year: 2026, kind: "Anlæg", amount: 200_000 }],
    capacity: [],
  };

  it("says infeasible and names the frame the forced items break and by how much", async () => {
    const model = buildSelectionModel({
      ...base,
      forcedIn: [
        { candidate: id(1), reason: "Borgmesterens ønske" },
        { candidate: id(2), reason: "Aftalt" },
      ],
    });
    const out = await solver.solve(model);
    expect(out.status).toBe("infeasible");
    expect(out.explanation.map((r) => [r.kind, r.excess, r.involved, r.message])).toEqual([
      [
        "budget",
        300_000,
        [id(1), id(2), id(3)],
        "Budget 2026 Anlæg: ramme 1.000.000 kr. minus 200.000 kr. bundet af igangværende tiltag: overskrides med 300.000 kr. (Tiltag A, Tiltag B, Tiltag C).",
      ],
    ]);
  });

  it("names the forced-out item a forced-in item requires", async () => {
    const model = buildSelectionModel({
      ...base,
      forcedIn: [{ candidate: id(1), reason: "x" }],
      forcedOut: [{ candidate: id(2), reason: "Udskudt" }],
      requires: [[id(1), id(2)]],
    });
    const out = await solver.solve(model);
    expect(out.status).toBe("infeasible");
    // A (forced) brings B along, which is forced out; with C (mandatory) the frame breaks too.
    expect(out.explanation.map((r) => [r.row, r.excess])).toEqual([
      [
        "Budget 2026 Anlæg: ramme 1.000.000 kr. minus 200.000 kr. bundet af igangværende tiltag",
        300_000,
      ],
      ["Tvunget ud: Tiltag B (Udskudt)", 1],
    ]);
  });

  it("says infeasible when committed work already exceeds a frame, with the excess", async () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [aCandidate(1, 40, 0, { costs: [] })],
      committed: [{ year: 2026, kind: "Anlæg", amount: 1_250_000 }],
    });
    const out = await solver.solve(model);
    expect(out.status).toBe("infeasible");
    expect(out.explanation.map((r) => [r.kind, r.excess, r.involved])).toEqual([
      ["budget", 250_000, []],
    ]);
  });
});

describe("numbers in whole kroner", () => {
  it("takes a pair that fills a frame of billions to the krone", async () => {
    const model = buildSelectionModel({
      candidates: [
        aCandidate(1, 10, 1_999_999_999),
        aCandidate(2, 10, 1_000_000_001),
        aCandidate(3, 1, 1),
      ],
      frames: [{ year: 2026, kind: "Anlæg", amount: 3_000_000_000 }],
      capacity: [],
    });
    const out = await solver.solve(model);
    expect(out.status).toBe("optimal");
    expect(selectedIds(model, out.solution!)).toEqual([id(1), id(2)]);
  });

  it("refuses a pair that exceeds a frame of billions by two kroner", async () => {
    const model = buildSelectionModel({
      candidates: [
        aCandidate(1, 10, 1_999_999_999),
        aCandidate(2, 10, 1_000_000_002),
        aCandidate(3, 1, 1),
      ],
      frames: [{ year: 2026, kind: "Anlæg", amount: 3_000_000_000 }],
      capacity: [],
    });
    const out = await solver.solve(model);
    expect(out.status).toBe("optimal");
    expect(isFeasible(model, out.solution!.x)).toBe(true);
    expect(out.solution!.value).toBe(solveByBruteForce(model)!.value);
    expect(out.solution!.value).toBe(11);
  });

  it("refuses what only HiGHS's tolerance lets through, and still finds the best", async () => {
    // HiGHS takes all three (value 21): 1.5e-9 hours over, inside its feasibility tolerance
    // (1e-7). The model's own check refuses that; the adapter cuts the selection off and
    // solves again.
    const hours = (h: number) => ({
      costs: [],
      hours: [{ competence: "Test" as const, period: "2026-01", hours: h }],
    });
    const model = buildSelectionModel({
      candidates: [
        aCandidate(1, 10, 0, hours(1)),
        aCandidate(2, 10, 0, hours(0.5000000015)),
        aCandidate(3, 1, 0, hours(0.0000000005)),
      ],
      frames: [],
      capacity: [{ competence: "Test", period: "2026-01", hours: 1.5000000005 }],
    });
    expect(isFeasible(model, [1, 1, 1])).toBe(false);
    const out = await solver.solve(model);
    expect(out.status).toBe("optimal");
    expect(isFeasible(model, out.solution!.x)).toBe(true);
    expect(out.solution!.value).toBe(solveByBruteForce(model)!.value);
    expect(out.solution!.value).toBe(11);
  });

  it("solves a model without candidates, and one whose rows have no terms", async () => {
    const empty = buildSelectionModel({ candidates: [], frames: [], capacity: [] });
    expect(await solver.solve(empty)).toMatchObject({
      status: "optimal",
      solution: { x: [], value: 0 },
    });
    const model = buildSelectionModel({
      candidates: [aCandidate(1, 5, 100, { costs: [] })],
      frames: [{ year: 2026, kind: "Drift", amount: 10 }],
      capacity: [{ competence: "Test", period: "2026-01", hours: 0 }],
    });
    expect(await solver.solve(model)).toMatchObject({
      status: "optimal",
      solution: { x: [1], value: 5 },
    });
  });
});

describe("gap and time limit on a realistic round", () => {
  it("reaches a 1 % gap on 60 candidates with 128 budget and capacity rows, above greedy", async () => {
    const model = buildSelectionModel(optimizerInstance(7, 60));
    const out = await solver.solve(model, { gap: 0.01 });
    expect(["optimal", "gapReached"]).toContain(out.status);
    const s = out.solution!;
    expect(isFeasible(model, s.x)).toBe(true);
    expect(s.value).toBe(valueOf(model, s.x));
    expect(out.bound!).toBeGreaterThanOrEqual(s.value);
    expect(out.gap!).toBeLessThanOrEqual(0.01);
    expect((out.bound! - s.value) / out.bound!).toBeCloseTo(out.gap!, 12);
    expect(s.value).toBeGreaterThanOrEqual(solveGreedyByScore(model)!.value);
  });

  it("stops at the time limit with a verified selection or none, never a wrong one", async () => {
    const model = buildSelectionModel(optimizerInstance(300, 300, { capacity: [0.4, 0.6] }));
    const out = await solver.solve(model, { timeLimitSeconds: 0.5 });
    expect(out.status).toBe("timeLimit");
    if (out.solution) {
      expect(isFeasible(model, out.solution.x)).toBe(true);
      expect(out.bound!).toBeGreaterThanOrEqual(out.solution.value);
      expect(out.gap!).toBeGreaterThan(0);
    }
  });

  it("refuses a gap or time limit out of range (programmer error)", async () => {
    const model = buildSelectionModel({
      candidates: [aCandidate(1, 1, 1)],
      frames: [],
      capacity: [],
    });
    await expect(solver.solve(model, { gap: -0.1 })).rejects.toThrow(RangeError);
    await expect(solver.solve(model, { timeLimitSeconds: 0 })).rejects.toThrow(RangeError);
  });
});

describe("progress and stopping", () => {
  const hard = buildSelectionModel(optimizerInstance(300, 300, { capacity: [0.4, 0.6] }));

  /** Each progress report: a checked selection, a bound not below it, the gap between them. */
  function expectSound(model: SelectionModel, p: SolveProgress | SolveOutcome): void {
    if (p.solution) {
      expect(isFeasible(model, p.solution.x)).toBe(true);
      expect(p.solution.value).toBe(valueOf(model, p.solution.x));
    }
    if (p.solution && p.bound !== null) {
      expect(p.bound).toBeGreaterThanOrEqual(p.solution.value);
      expect(p.gap).toBeCloseTo(relativeGap(p.solution.value, p.bound), 12);
    } else {
      expect(p.gap).toBeNull();
    }
  }

  it("reports the best selection so far and the bound proven so far while it searches", async () => {
    const seen: SolveProgress[] = [];
    const out = await solver.solve(hard, {
      gap: 0.001,
      timeLimitSeconds: 1.5,
      onProgress: (p) => seen.push(p),
    });
    expect(out.status).toBe("timeLimit");
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expectSound(hard, p);
    // Time runs forward, selections only get better, and the bound only comes down.
    for (const [a, b] of seen.slice(1).map((p, i) => [seen[i]!, p] as const)) {
      expect(b.seconds).toBeGreaterThanOrEqual(a.seconds);
      expect(b.solution?.value ?? -Infinity).toBeGreaterThanOrEqual(a.solution?.value ?? -Infinity);
      if (a.bound !== null && b.bound !== null && a.solution && b.solution) {
        expect(b.bound - b.solution.value).toBeLessThanOrEqual(a.bound - a.solution.value + 1e-9);
      }
    }
    const last = seen.at(-1)!;
    expect(out.solution!.value).toBeGreaterThanOrEqual(last.solution?.value ?? -Infinity);
  });

  it("stops when the caller aborts: the best selection found by then, with the gap proven then", async () => {
    const stop = new AbortController();
    let atStop: SolveProgress | null = null;
    const out = await solver.solve(hard, {
      gap: 0,
      timeLimitSeconds: 120,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.solution && p.bound !== null && !stop.signal.aborted) {
          atStop = p;
          stop.abort();
        }
      },
    });
    expect(out.status).toBe("stopped");
    expectSound(hard, out);
    expect(atStop).not.toBeNull();
    const before = atStop as unknown as SolveProgress;
    expect(out.solution!.value).toBeGreaterThanOrEqual(before.solution!.value);
    // Far from proven optimal this early: the gap says how far at most.
    expect(out.gap!).toBeGreaterThan(0);
    expect(out.bound!).toBeLessThanOrEqual(before.bound! + 1e-9);
  });

  it("does not search when the signal is already aborted", async () => {
    const stop = new AbortController();
    stop.abort();
    const out = await solver.solve(hard, { signal: stop.signal });
    expect(out).toEqual({
      status: "stopped",
      solution: null,
      bound: null,
      gap: null,
      explanation: [],
    });
  });

  it("finds the same optimum as brute force when watched but not stopped, on 60 random instances", async () => {
    for (const [k, input] of randomInstances(77, 60).entries()) {
      const model = buildSelectionModel(input);
      const best = solveByBruteForce(model);
      const seen: SolveProgress[] = [];
      const out = await solver.solve(model, {
        signal: new AbortController().signal,
        onProgress: (p) => seen.push(p),
      });
      expect({ k, status: out.status }).toEqual({
        k,
        status: best ? "optimal" : "infeasible",
      });
      if (best) expect(out.solution!.value).toBeCloseTo(best.value, 9);
      for (const p of seen) expectSound(model, p);
    }
  });
});

describe("loading", () => {
  const model = buildSelectionModel({
    candidates: [aCandidate(1, 3, 10), aCandidate(2, 2, 10)],
    frames: [{ year: 2026, kind: "Anlæg", amount: 10 }],
    capacity: [],
  });

  it("loads the WebAssembly on the first solve, not before, and once", async () => {
    const real = await highsLoader();
    const calls: unknown[] = [];
    const lazy = createHighsSolver({
      wasmUrl: () => "/assets/highs.0123abcd.wasm",
      load: (init) => {
        calls.push(init.locateFile?.("highs.wasm"));
        return real({});
      },
    });
    expect(lazy.loaded).toBe(false);
    expect(calls).toEqual([]);
    expect((await lazy.solve(model)).solution?.value).toBe(3);
    expect(lazy.loaded).toBe(true);
    await lazy.solve(model);
    // The bundle's URL is handed to the loader as locateFile, and the runtime is kept.
    expect(calls).toEqual(["/assets/highs.0123abcd.wasm"]);
  });

  it("reports a failed load as a SolverError and tries again on the next solve", async () => {
    let attempts = 0;
    const failing = createHighsSolver({
      load: () => {
        attempts++;
        return Promise.reject(new Error("fetch failed"));
      },
    });
    await expect(failing.solve(model)).rejects.toThrow(SolverError);
    await expect(failing.solve(model)).rejects.toThrow("Optimeringen (HiGHS) kunne ikke indlæses.");
    expect(attempts).toBe(2);
    expect(failing.loaded).toBe(false);
  });
});
