/**
 * The tab's solver through a Web Worker (`worker-solver.ts`) with the worker's side
 * (`serveSolves`) and the real HiGHS adapter in this process behind a fake worker: the same
 * optimum as brute force, progress passed on, a stop that ends the worker at once and keeps the
 * best selection reported, and answers from the worker checked against the model.
 */
import { optimizerInstance } from "../../scripts/bench/optimizer.js";
import { createHighsSolver, SolverError } from "../../src/adapters/solver/highs.js";
import {
  type FromWorker,
  serveSolves,
  type ToWorker,
} from "../../src/adapters/solver/worker-protocol.js";
import { createWorkerSolver, type SolverWorker } from "../../src/adapters/solver/worker-solver.js";
import {
  buildSelectionModel,
  isFeasible,
  relativeGap,
  solveByBruteForce,
  valueOf,
} from "../../src/domain/selection.js";
import type { PortfolioSolver, SolveProgress } from "../../src/ports/solver.js";
import { aCandidate } from "../support/builders-selection.js";
import { randomInstances } from "../support/random-selection.js";

const highs = createHighsSolver();

interface FakeWorker extends SolverWorker {
  terminated: boolean;
  sent: ToWorker[];
  /** Delivers a message to the tab as the worker would. */
  answer(m: FromWorker): void;
  fail(message: string): void;
}

/**
 * A worker in this process. Messages to it arrive asynchronously, as with `postMessage`; its
 * answers reach the tab as they are posted (a real worker's progress arrives while it is still
 * searching). An ended worker's answers are lost, as they are when `terminate` ends a worker.
 */
function fakeWorker(serve?: PortfolioSolver): FakeWorker {
  const onMessage: ((e: { data: FromWorker }) => void)[] = [];
  const onError: ((e: { message?: string }) => void)[] = [];
  const toWorker: ((e: { data: ToWorker }) => void)[] = [];
  const w: FakeWorker = {
    terminated: false,
    sent: [],
    postMessage(m) {
      w.sent.push(m);
      setTimeout(() => {
        if (!w.terminated) for (const l of toWorker) l({ data: m });
      }, 0);
    },
    terminate() {
      w.terminated = true;
    },
    addEventListener(type: "message" | "error", listener: never) {
      if (type === "message") onMessage.push(listener);
      else onError.push(listener);
    },
    answer(m) {
      if (!w.terminated) for (const l of onMessage) l({ data: m });
    },
    fail(message) {
      if (!w.terminated) for (const l of onError) l({ message });
    },
  };
  if (serve) {
    serveSolves(serve, {
      postMessage: (m) => w.answer(m),
      addEventListener: (_type, listener) => toWorker.push(listener),
    });
  }
  return w;
}

function counting(make: () => FakeWorker) {
  const started: FakeWorker[] = [];
  const solver = createWorkerSolver(() => {
    const w = make();
    started.push(w);
    return w;
  });
  return { solver, started };
}

const small = buildSelectionModel({
  candidates: [aCandidate(1, 3, 10), aCandidate(2, 2, 10)],
  frames: [{ year: 2026, kind: "Anlæg", amount: 10 }],
  capacity: [],
});

describe("the solver in a worker", () => {
  it("finds the same optimum as brute force on 40 random instances, one worker for all", async () => {
    const { solver, started } = counting(() => fakeWorker(highs));
    for (const [k, input] of randomInstances(4040, 40).entries()) {
      const model = buildSelectionModel(input);
      const best = solveByBruteForce(model);
      const out = await solver.solve(model);
      expect({ k, status: out.status }).toEqual({ k, status: best ? "optimal" : "infeasible" });
      if (best) {
        expect(isFeasible(model, out.solution!.x)).toBe(true);
        expect(out.solution!.value).toBeCloseTo(best.value, 9);
      }
    }
    expect(started).toHaveLength(1);
    expect(solver.loaded).toBe(true);
  });

  it("solves what it is asked at the same time one after the other, each with its own answer", async () => {
    const { solver, started } = counting(() => fakeWorker(highs));
    const models = randomInstances(99, 6).map(buildSelectionModel);
    const outs = await Promise.all(models.map((m) => solver.solve(m)));
    outs.forEach((out, i) => {
      const best = solveByBruteForce(models[i]!);
      expect(out.solution?.value ?? null).toBe(best?.value ?? null);
    });
    expect(started).toHaveLength(1);
  });

  it("passes progress on and, when stopped, ends the worker at once with the best selection reported and its proven gap", async () => {
    const { solver, started } = counting(() => fakeWorker(highs));
    const hard = buildSelectionModel(optimizerInstance(300, 300, { capacity: [0.4, 0.6] }));
    const stop = new AbortController();
    const seen: SolveProgress[] = [];
    const out = await solver.solve(hard, {
      // The worker in this process goes on to this limit after the stop; the tab does not wait.
      timeLimitSeconds: 3,
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.solution && p.bound !== null) stop.abort();
      },
    });
    const last = seen.at(-1)!;
    expect(out).toEqual({
      status: "stopped",
      solution: last.solution,
      bound: last.bound,
      gap: relativeGap(last.solution!.value, last.bound!),
      explanation: [],
    });
    expect(isFeasible(hard, out.solution!.x)).toBe(true);
    expect(out.bound!).toBeGreaterThanOrEqual(out.solution!.value);
    expect(started[0]!.terminated).toBe(true);
    expect(solver.loaded).toBe(false);

    // The next solve starts a new worker.
    const again = await solver.solve(small);
    expect(again.status).toBe("optimal");
    expect(started).toHaveLength(2);
  });

  it("does not start a worker for a solve stopped before it began", async () => {
    const { solver, started } = counting(() => fakeWorker(highs));
    const stop = new AbortController();
    stop.abort();
    const out = await solver.solve(small, { signal: stop.signal });
    expect(out).toEqual({
      status: "stopped",
      solution: null,
      bound: null,
      gap: null,
      explanation: [],
    });
    expect(started).toHaveLength(0);
  });

  it("refuses a selection from the worker that breaks the model's rows, and ends that worker", async () => {
    const { solver, started } = counting(() => {
      const w = fakeWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (m) => {
        post(m);
        // Both candidates: 20 kr. against a frame of 10 kr.
        const x = [1, 1];
        setTimeout(() =>
          w.answer({
            kind: "done",
            id: m.id,
            outcome: {
              status: "optimal",
              solution: { x, value: valueOf(small, x) },
              bound: 5,
              gap: 0,
              explanation: [],
            },
          }),
        );
      };
      return w;
    });
    await expect(solver.solve(small)).rejects.toThrow(SolverError);
    expect(started[0]!.terminated).toBe(true);
  });

  it("refuses a bound below the worker's own selection", async () => {
    const { solver } = counting(() => {
      const w = fakeWorker();
      w.postMessage = (m) =>
        setTimeout(() =>
          w.answer({
            kind: "progress",
            id: m.id,
            progress: { seconds: 1, solution: { x: [1, 0], value: 3 }, bound: 2, gap: 0 },
          }),
        );
      return w;
    });
    await expect(solver.solve(small)).rejects.toThrow(SolverError);
  });

  it("reports a failing worker as a SolverError, and starts a new one for the next solve", async () => {
    let n = 0;
    const { solver, started } = counting(() => {
      const w = fakeWorker(highs);
      if (n++ === 0) {
        w.postMessage = () => setTimeout(() => w.fail("highs.wasm: 404"));
      }
      return w;
    });
    await expect(solver.solve(small)).rejects.toThrow(/highs\.wasm: 404/);
    expect((await solver.solve(small)).status).toBe("optimal");
    expect(started).toHaveLength(2);
  });

  it("passes on a failure the worker reports (HiGHS could not load) as a SolverError", async () => {
    const failing = createHighsSolver({ load: () => Promise.reject(new Error("no wasm")) });
    const { solver } = counting(() => fakeWorker(failing));
    await expect(solver.solve(small)).rejects.toThrow(SolverError);
    await expect(solver.solve(small)).rejects.toThrow("Optimeringen (HiGHS) kunne ikke indlæses.");
  });

  it("refuses a gap or time limit out of range before asking the worker", async () => {
    const { solver, started } = counting(() => fakeWorker(highs));
    await expect(solver.solve(small, { gap: 1 })).rejects.toThrow(RangeError);
    await expect(solver.solve(small, { timeLimitSeconds: -1 })).rejects.toThrow(RangeError);
    expect(started).toHaveLength(0);
  });
});
