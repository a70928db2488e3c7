/**
 * The efficient frontier (issue 5 §3): the best total priority at each budget level, for the
 * chart in the prioritization view, with the chosen scenario marked.
 *
 * A budget level is a share `level` ∈ [minimum, 1] of every budget row's bound (frame minus
 * what ongoing work commits): at level 1 the model as it is, below it every frame shrunk by the
 * same share. Capacity, forced items and dependencies stay as they are. The lowest level is the
 * mandatory minimum: the smallest share at which the forced selection (mandatory, under way,
 * forced in, with what they require) still fits every budget row. Levels are spread evenly from
 * there to 1, and the chosen scenario's own level (the smallest share its spending fits in) is
 * added as a point of its own.
 *
 * Each level is solved by the function given (brute force in tests, the HiGHS solver in the
 * app). Bounds only grow with the level, so a selection that fits a lower level fits every
 * higher one: if a solve stopped early (gap or time limit) returns less than the point below,
 * that point's selection is carried up instead, so the frontier never goes down.
 *
 * Kroner stay exact: a row whose coefficients and bound are whole kroner gets a whole-krone
 * bound at each level (rounded down), so the model's own `isFeasible` decides what fits.
 */
import type { InitiativeId } from "./ids.js";
import {
  type BrokenRow,
  type ConstraintRow,
  explainInfeasibility,
  forcedSelection,
  isFeasible,
  lhs,
  selectedIds,
  type SelectionModel,
  type Solution,
  type SolveOutcome,
  type SolveStatus,
  valueOf,
} from "./selection.js";

/** One solve of a model: `solveExactly` (brute force), or a `PortfolioSolver` bound to options. */
export type SolveFunction = (model: SelectionModel) => SolveOutcome | Promise<SolveOutcome>;

export interface FrontierPoint {
  /** Share of every budget row's bound, 0..1. */
  level: number;
  /** The budget rows' bounds at this level, added up (kr.). */
  budget: number;
  /** How the solve at this level ended (`infeasible` cannot occur above the minimum). */
  status: SolveStatus;
  /** The best total priority found at this level; null when nothing was found. */
  value: number | null;
  /** What that selection spends in the budget rows, added up (kr.). */
  cost: number | null;
  selected: InitiativeId[];
  /** The upper bound proven at this level (equal to `value` when optimal). */
  bound: number | null;
  /** The selection is the one from the point below (this level's solve found less). */
  carried: boolean;
  /** This is the chosen scenario's level. */
  chosen: boolean;
}

export interface ChosenOnFrontier {
  /** Index of the chosen scenario's point in `points`. */
  point: number;
  level: number;
  /** The chosen scenario's own value and spending. */
  value: number;
  cost: number;
  /** The frontier's value at that level minus the scenario's: what the same money could buy more. */
  shortfall: number;
  /** Whether the scenario keeps every row of the model (frames, capacity, rules) at level 1. */
  fits: boolean;
}

export interface Frontier {
  /** By level, lowest first; values never decrease. Empty when even level 1 is infeasible. */
  points: FrontierPoint[];
  chosen: ChosenOnFrontier | null;
  /** When the forced selection does not fit at level 1: why (see `explainInfeasibility`). */
  explanation: BrokenRow[];
}

export interface FrontierOptions {
  /** Evenly spread levels from the minimum to 1 (at least 2). Default 11. */
  steps?: number;
  /** The chosen scenario's selection (0/1 per variable), marked on the frontier. */
  chosen?: Solution | readonly number[];
}

const LEVEL_EPS = 1e-12;

function isBudgetRow(r: ConstraintRow): boolean {
  return r.kind === "budget" && r.op === "<=" && r.rhs > 0;
}

function wholeKroner(r: ConstraintRow): boolean {
  return Number.isInteger(r.rhs) && r.terms.every((t) => Number.isInteger(t.coef));
}

/** A budget row's bound at `level`. */
function boundAt(r: ConstraintRow, level: number): number {
  if (level >= 1) return r.rhs;
  const b = r.rhs * level;
  // Whole kroner: spending is a whole number, so rounding the bound down changes nothing that
  // fits; the small lift keeps a level computed as spending / bound from losing a krone.
  return wholeKroner(r) ? Math.floor(b + 1e-6) : b + 1e-9 * r.rhs;
}

/** The model with every budget row's bound at `level`. */
export function atBudgetLevel(model: SelectionModel, level: number): SelectionModel {
  return {
    ...model,
    rows: model.rows.map((r) => (isBudgetRow(r) ? { ...r, rhs: boundAt(r, level) } : r)),
  };
}

/** The smallest level at which selection `x` fits every budget row (1 if it needs more). */
export function levelOf(model: SelectionModel, x: readonly number[]): number {
  let level = 0;
  for (const r of model.rows) {
    if (isBudgetRow(r)) level = Math.max(level, lhs(r, x) / r.rhs);
  }
  return Math.min(level, 1);
}

function budgetOf(model: SelectionModel): number {
  return model.rows.filter(isBudgetRow).reduce((s, r) => s + r.rhs, 0);
}

function spendingOf(model: SelectionModel, x: readonly number[]): number {
  return model.rows.filter((r) => r.kind === "budget").reduce((s, r) => s + lhs(r, x), 0);
}

/** The best value at each budget level; see the module comment. */
export async function efficientFrontier(
  model: SelectionModel,
  solve: SolveFunction,
  options: FrontierOptions = {},
): Promise<Frontier> {
  const steps = options.steps ?? 11;
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`steps must be ≥ 2: ${steps}`);
  const forced = forcedSelection(model);
  if (!isFeasible(model, forced)) {
    return { points: [], chosen: null, explanation: explainInfeasibility(model) };
  }
  const minimum = levelOf(model, forced);
  const even = Array.from({ length: steps }, (_, k) =>
    k === steps - 1 ? 1 : minimum + ((1 - minimum) * k) / (steps - 1),
  );
  const chosenX = options.chosen && ("x" in options.chosen ? options.chosen.x : options.chosen);
  const chosenLevel = chosenX ? Math.max(levelOf(model, chosenX), minimum) : null;
  const levels: number[] = [];
  for (const l of [...even, ...(chosenLevel === null ? [] : [chosenLevel])].sort((a, b) => a - b))
    if (!levels.some((m) => Math.abs(m - l) <= LEVEL_EPS)) levels.push(l);

  const points: FrontierPoint[] = [];
  let below: Solution | null = null;
  for (const level of levels) {
    const scaled = atBudgetLevel(model, level);
    const out = await solve(scaled);
    let solution = out.solution;
    let carried = false;
    if (solution && !isFeasible(scaled, solution.x)) {
      throw new Error("efficientFrontier: the solve function returned an infeasible selection");
    }
    if (below && (!solution || solution.value < below.value)) {
      solution = below;
      carried = true;
    }
    points.push({
      level,
      budget: budgetOf(scaled),
      status: out.status,
      value: solution ? solution.value : null,
      cost: solution ? spendingOf(model, solution.x) : null,
      selected: solution ? selectedIds(model, solution) : [],
      bound: out.bound === null ? null : Math.max(out.bound, solution?.value ?? -Infinity),
      carried,
      chosen: chosenLevel !== null && Math.abs(level - chosenLevel) <= LEVEL_EPS,
    });
    below = solution;
  }

  let chosen: ChosenOnFrontier | null = null;
  if (chosenX) {
    const point = points.findIndex((p) => p.chosen);
    const p = points[point];
    const value = valueOf(model, chosenX);
    chosen = {
      point,
      level: p?.level ?? 1,
      value,
      cost: spendingOf(model, chosenX),
      shortfall: Math.max((p?.value ?? value) - value, 0),
      fits: isFeasible(model, chosenX),
    };
  }
  return { points, chosen, explanation: [] };
}
