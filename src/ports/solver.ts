/**
 * The portfolio optimizer (issue 5 §3): solves a selection model (src/domain/selection.ts) as an
 * integer programme. The adapter (src/adapters/solver, HiGHS as WebAssembly) loads its solver
 * only on the first `solve`, so nothing is downloaded until the prioritization view asks.
 */
import type { SelectionModel, Solution, SolveOutcome } from "../domain/selection.js";

export type { SolveOutcome, SolveStatus } from "../domain/selection.js";

export interface SolveOptions {
  /**
   * Stop when the selection is proven within this relative gap of the best value
   * (0.001 = 0.1 %). Default 0: a proven optimum.
   */
  gap?: number;
  /** Stop after this many seconds with the best selection found so far. Default: no limit. */
  timeLimitSeconds?: number;
  /**
   * Stops the search when aborted: the outcome is `stopped`, with the best selection found by
   * then and the gap proven by then (as at a time limit). Aborted before the solve starts, it
   * comes back `stopped` with nothing found.
   */
  signal?: AbortSignal;
  /**
   * Told how the search goes, a few times a second and at each better selection: for showing
   * the gap proven so far while the user decides when to stop.
   */
  onProgress?: (progress: SolveProgress) => void;
}

/** Where a running search stands. */
export interface SolveProgress {
  /** Seconds since the solve started. */
  seconds: number;
  /** The best selection found so far, checked against the model's rows; null before one. */
  solution: Solution | null;
  /** The upper bound on the best value proven so far; null before one. */
  bound: number | null;
  /** `relativeGap(solution.value, bound)`; null without both. */
  gap: number | null;
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
