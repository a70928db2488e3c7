/**
 * The portfolio optimizer (issue 5 §3): solves a selection model (src/domain/selection.ts) as an
 * integer programme. The adapter (src/adapters/solver, HiGHS as WebAssembly) loads its solver
 * only on the first `solve`, so nothing is downloaded until the prioritization view asks.
 */
import type { SelectionModel, SolveOutcome } from "../domain/selection.js";

export type { SolveOutcome, SolveStatus } from "../domain/selection.js";

export interface SolveOptions {
  /**
   * Stop when the selection is proven within this relative gap of the best value
   * (0.001 = 0.1 %). Default 0: a proven optimum.
   */
  gap?: number;
  /** Stop after this many seconds with the best selection found so far. Default: no limit. */
  timeLimitSeconds?: number;
}

export interface PortfolioSolver {
  /**
   * The best selection within the model's rows. The outcome's solution is always feasible in the
   * model's own rows (`isFeasible`) and valued by the model (`valueOf`); an infeasible model
   * comes back as `infeasible` with `explainInfeasibility`'s rows, not as an error. Rejects only
   * when the solver itself fails (cannot load, or answers something unusable).
   */
  solve(model: SelectionModel, options?: SolveOptions): Promise<SolveOutcome>;
}
