/**
 * The HiGHS solver in the tab, in a Web Worker (`highs.worker.ts`, a chunk of its own that
 * webpack emits for the `new Worker(new URL(...))` below): the page stays responsive while HiGHS
 * searches, shows the gap proven so far, and the user can stop the search (see
 * `worker-solver.ts`). The worker starts, and loads `highs.wasm`, on the first solve. This
 * module itself is small: the composition root may import it eagerly.
 */
import type { HighsPortfolioSolver } from "./highs.js";
import { createWorkerSolver, type SolverWorker } from "./worker-solver.js";

export function createBrowserHighsSolver(): HighsPortfolioSolver {
  return createWorkerSolver(
    (): SolverWorker =>
      new Worker(new URL("./highs.worker.js", import.meta.url), { name: "highs" }),
  );
}
