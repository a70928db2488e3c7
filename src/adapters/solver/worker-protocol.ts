/**
 * The messages between the tab and the Web Worker that runs HiGHS (`highs.worker.ts`), and the
 * worker's side of them. The tab sends a model to solve; the worker answers with progress (the
 * best checked selection and the bound proven so far) while HiGHS searches, then with the
 * outcome or a failure. A worker solves one model at a time, and HiGHS blocks it meanwhile, so a
 * message cannot reach a running search: the tab stops a search by ending the worker, keeping
 * the best selection the last progress named (see `worker-solver.ts`).
 *
 * Every value is plain data (numbers, arrays, strings), copied by the structured clone of
 * `postMessage`.
 */
import type { SelectionModel, SolveOutcome } from "../../domain/selection.js";
import type { PortfolioSolver, SolveProgress } from "../../ports/solver.js";

export interface SolveRequest {
  kind: "solve";
  /** Chosen by the tab; the answers carry it back. */
  id: number;
  model: SelectionModel;
  gap?: number;
  timeLimitSeconds?: number;
}

export type ToWorker = SolveRequest;

export type FromWorker =
  | { kind: "progress"; id: number; progress: SolveProgress }
  | { kind: "done"; id: number; outcome: SolveOutcome }
  | { kind: "failed"; id: number; message: string };

/** What the worker needs of its global scope (`self` in a dedicated worker). */
export interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: "message", listener: (event: { data: ToWorker }) => void): void;
}

/** The worker's side: each model it is sent is solved with `solver`, its progress passed on. */
export function serveSolves(solver: PortfolioSolver, scope: WorkerScope): void {
  // One solve at a time, in the order sent (HiGHS is synchronous anyway).
  let queue: Promise<void> = Promise.resolve();
  scope.addEventListener("message", ({ data }) => {
    if (data.kind !== "solve") return;
    const { id, model } = data;
    queue = queue.then(async () => {
      try {
        const outcome = await solver.solve(model, {
          ...(data.gap === undefined ? {} : { gap: data.gap }),
          ...(data.timeLimitSeconds === undefined
            ? {}
            : { timeLimitSeconds: data.timeLimitSeconds }),
          onProgress: (progress) => scope.postMessage({ kind: "progress", id, progress }),
        });
        scope.postMessage({ kind: "done", id, outcome });
      } catch (e) {
        scope.postMessage({
          kind: "failed",
          id,
          message: e instanceof Error ? e.message : String(e),
        });
      }
    });
  });
}
