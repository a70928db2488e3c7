/**
 * `PortfolioSolver` through a Web Worker that runs HiGHS (`highs.worker.ts`; messages in
 * `worker-protocol.ts`), so the tab stays responsive while HiGHS searches and the user can stop
 * the search when the gap shown is good enough.
 *
 * - The worker is started on the first solve (it loads HiGHS then) and kept for later solves,
 *   which it takes one at a time in the order asked.
 * - Progress from the worker is passed to `onProgress`. Aborting `signal` ends the worker at
 *   once (HiGHS blocks it, so it cannot hear a message) and the solve comes back `stopped` with
 *   the best selection and the bound the last progress named; the next solve starts a new
 *   worker (and loads HiGHS again).
 * - Nothing from the worker is taken on trust: every selection, in progress and in the outcome,
 *   is checked against the model's own rows (`verifiedSolution`) and valued by the model, and a
 *   bound below its selection's value is refused. An answer that fails this, a worker that fails
 *   to start, load or run, reject the solve with a `SolverError`.
 */
import {
  relativeGap,
  type SelectionModel,
  type Solution,
  type SolveOutcome,
  verifiedSolution,
} from "../../domain/selection.js";
import type { PortfolioSolver, SolveOptions, SolveProgress } from "../../ports/solver.js";
import { type HighsPortfolioSolver, SolverError } from "./highs.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

/** What the tab needs of a `Worker`. */
export interface SolverWorker {
  postMessage(message: ToWorker): void;
  terminate(): void;
  addEventListener(type: "message", listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: "error", listener: (event: { message?: string }) => void): void;
}

interface Pending {
  message(m: FromWorker): void;
  failed(e: SolverError): void;
}

function checkedSolution(model: SelectionModel, s: Solution | null): Solution | null {
  if (s === null) return null;
  const checked = verifiedSolution(model, s.x);
  if (!checked || checked.value !== s.value) {
    throw new SolverError(
      "Optimeringen svarede med en udvælgelse, der ikke holder modellens rammer.",
    );
  }
  return checked;
}

function checkedBound(s: Solution | null, bound: number | null): number | null {
  if (bound !== null && s && bound < s.value) {
    throw new SolverError("Optimeringen svarede med en grænse under sin egen løsnings værdi.");
  }
  return bound;
}

function checkedProgress(model: SelectionModel, p: SolveProgress): SolveProgress {
  const solution = checkedSolution(model, p.solution);
  const bound = checkedBound(solution, p.bound);
  return {
    seconds: p.seconds,
    solution,
    bound,
    gap: solution && bound !== null ? relativeGap(solution.value, bound) : null,
  };
}

function checkedOutcome(model: SelectionModel, o: SolveOutcome): SolveOutcome {
  const solution = checkedSolution(model, o.solution);
  const bound = checkedBound(solution, o.bound);
  return {
    ...o,
    solution,
    bound,
    gap: solution && bound !== null ? relativeGap(solution.value, bound) : null,
  };
}

function stoppedAt(last: SolveProgress | null): SolveOutcome {
  return {
    status: "stopped",
    solution: last?.solution ?? null,
    bound: last?.bound ?? null,
    gap: last?.gap ?? null,
    explanation: [],
  };
}

function validate(o: SolveOptions): void {
  const gap = o.gap ?? 0;
  if (!(gap >= 0 && gap < 1)) throw new RangeError(`gap must be in [0, 1), not ${gap}`);
  const limit = o.timeLimitSeconds ?? Infinity;
  if (!(limit > 0)) throw new RangeError(`timeLimitSeconds must be positive, not ${limit}`);
}

export function createWorkerSolver(start: () => SolverWorker): HighsPortfolioSolver {
  let worker: SolverWorker | null = null;
  let loaded = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let queue: Promise<unknown> = Promise.resolve();

  const end = (w: SolverWorker) => {
    w.terminate();
    if (worker === w) {
      worker = null;
      loaded = false;
    }
  };

  const current = (): SolverWorker => {
    if (worker) return worker;
    let w: SolverWorker;
    try {
      w = start();
    } catch (e) {
      throw new SolverError("Optimeringen kunne ikke startes.", { cause: e });
    }
    w.addEventListener("message", ({ data }) => pending.get(data.id)?.message(data));
    w.addEventListener("error", (e) => {
      const error = new SolverError(`Optimeringen fejlede${e.message ? `: ${e.message}` : "."}`);
      const all = [...pending.values()];
      pending.clear();
      end(w);
      for (const p of all) p.failed(error);
    });
    worker = w;
    return w;
  };

  const solveNow = (model: SelectionModel, o: SolveOptions): Promise<SolveOutcome> =>
    new Promise<SolveOutcome>((resolve, reject) => {
      if (o.signal?.aborted) {
        resolve(stoppedAt(null));
        return;
      }
      const w = current();
      const id = nextId++;
      let last: SolveProgress | null = null;
      const finish = () => {
        pending.delete(id);
        o.signal?.removeEventListener("abort", stop);
      };
      const fail = (e: unknown) => {
        finish();
        // A worker that answered something unusable is not asked again.
        end(w);
        reject(e instanceof Error ? e : new SolverError(String(e)));
      };
      const stop = () => {
        finish();
        end(w);
        resolve(stoppedAt(last));
      };
      pending.set(id, {
        message(m) {
          try {
            if (m.kind === "progress") {
              last = checkedProgress(model, m.progress);
              o.onProgress?.(last);
            } else if (m.kind === "done") {
              const outcome = checkedOutcome(model, m.outcome);
              finish();
              loaded = true;
              resolve(outcome);
            } else {
              fail(new SolverError(m.message));
            }
          } catch (e) {
            fail(e);
          }
        },
        failed: (e) => {
          finish();
          reject(e);
        },
      });
      o.signal?.addEventListener("abort", stop, { once: true });
      w.postMessage({
        kind: "solve",
        id,
        model,
        ...(o.gap === undefined ? {} : { gap: o.gap }),
        ...(o.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: o.timeLimitSeconds }),
      });
    });

  const solve: PortfolioSolver["solve"] = (model, o = {}) => {
    try {
      validate(o);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const run = queue.then(() => solveNow(model, o));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    solve,
    get loaded() {
      return loaded;
    },
  };
}
