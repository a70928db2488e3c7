/**
 * `PortfolioSolver` with HiGHS (npm `highs`: the HiGHS MILP solver compiled to WebAssembly).
 *
 * - Loading: nothing of HiGHS is imported until the first `solve` (a dynamic `import("highs")`,
 *   a lazy chunk in the tab bundle), and the runtime is then kept for later solves. In node it
 *   reads `highs.wasm` from node_modules; in the browser `wasmUrl` names the asset the bundle
 *   emitted (see `highs-browser.ts`) and is passed to the loader as `locateFile`.
 * - Model: one binary column per candidate (bounds 0..1, integer), maximise the objective; each
 *   row of the selection model becomes one row, its terms merged per variable. Rows with large
 *   coefficients (kroner) are divided by a power of two (exact) to a largest coefficient of at
 *   most 8192: better conditioned next to the 0/1 rows, and one krone still far above HiGHS's
 *   feasibility tolerance.
 * - Checking: the solver's column values are rounded to 0/1 and checked against the model's own
 *   rows in kroner and hours (`verifiedSolution`), and the objective recomputed (`valueOf`) and
 *   compared with HiGHS's. Should HiGHS's tolerances ever accept a selection that breaks a row
 *   by less than they allow (fractions of an hour or krone), that exact selection is cut off (a
 *   no-good cut, which removes no feasible selection) and the model solved again, at most
 *   `MAX_RESOLVES` times.
 * - Options: HiGHS's defaults, but for fewer strong-branching probes (`PSCOST_MIN_RELIABLE`).
 * - Solves block the thread they run on (HiGHS is synchronous); a round of 60 candidates takes
 *   well under a second, 300 to a 0.1 % gap about a second. With capacity short in every month
 *   (the bench's stress instance) no search proves 0.1 % in seconds: the time limit ends it with
 *   the gap proven by then, about 1 % (see `npm run bench -- --only optimizer` and
 *   docs/bench.md).
 */
import type { Highs, HighsCallbackMap, InitOptions, Model, ModelData } from "highs";

import {
  type ConstraintRow,
  explainInfeasibility,
  isFeasible,
  relativeGap,
  type SelectionModel,
  type Solution,
  type SolveOutcome,
  valueOf,
  verifiedSolution,
  violation,
} from "../../domain/selection.js";
import type { PortfolioSolver, SolveOptions, SolveProgress } from "../../ports/solver.js";

export interface HighsSolverOptions {
  /**
   * The URL of `highs.wasm` where the page can fetch it (the bundle's asset). Omitted in node,
   * where the loader reads the file next to itself in node_modules.
   */
  wasmUrl?: () => string | Promise<string>;
  /** Replaces the loader (for tests of loading failures). */
  load?: HighsLoader;
}

/** The solver could not load or answered something unusable: not a property of the model. */
export class SolverError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SolverError";
  }
}

export interface HighsPortfolioSolver extends PortfolioSolver {
  /** Whether the WebAssembly runtime has been loaded (by a first `solve`). */
  readonly loaded: boolean;
}

/** `onProgress` is told at most this often (seconds of search), besides each better selection. */
const PROGRESS_SECONDS = 0.25;
/** Re-solves after a cut-off selection, should HiGHS's tolerances let one through. */
export const MAX_RESOLVES = 5;
/** Bound − value at or below this counts as optimal (HiGHS's own absolute MIP gap default). */
const ABS_GAP = 1e-6;
/** Objective as HiGHS reports it and as the model values the rounded selection. */
const OBJECTIVE_TOLERANCE = 1e-6;

/**
 * Branching trusts a variable's pseudocosts after this many observations instead of HiGHS's
 * default 8, so it strong-branches less. On the bench's hard instances (300 candidates, capacity
 * short in every month: the search cannot close the gap in seconds) 200 nodes cost 34,066 LP
 * iterations instead of 82,109, and with a 10 s time limit the gap proven was smaller on each
 * of 4 seeds in each of 2 runs (mean 1.01 % against 1.16 %); instances solved at the root are
 * unchanged. See docs/bench.md.
 */
const PSCOST_MIN_RELIABLE = 1;

interface Row {
  indices: number[];
  values: number[];
  lower: number;
  upper: number;
}

/**
 * Rows in kroner are divided by a power of two until their largest coefficient is at most this:
 * millions of kroner come down to thousands, next to the 0/1 rows of the rules, while one krone
 * stays far above HiGHS's feasibility tolerance (1e-7), so HiGHS itself keeps frames to the krone.
 */
const ROW_SCALE_TARGET = 8192;

/** The row's terms merged per variable, zeros dropped, scaled (see `ROW_SCALE_TARGET`). */
function rowOf(row: ConstraintRow): Row | null {
  const merged = new Map<number, number>();
  for (const t of row.terms) merged.set(t.variable, (merged.get(t.variable) ?? 0) + t.coef);
  const terms = [...merged].filter(([, c]) => c !== 0).sort(([a], [b]) => a - b);
  if (terms.length === 0) return null;
  const largest = Math.max(...terms.map(([, c]) => Math.abs(c)));
  // A power of two: exact in floating point, so the scaled row is the same row.
  const scale =
    largest > ROW_SCALE_TARGET ? 2 ** -Math.ceil(Math.log2(largest / ROW_SCALE_TARGET)) : 1;
  const rhs = row.rhs * scale;
  return {
    indices: terms.map(([v]) => v),
    values: terms.map(([, c]) => c * scale),
    lower: row.op === "<=" ? -Infinity : rhs,
    upper: row.op === ">=" ? Infinity : rhs,
  };
}

/** Excludes exactly the selection `x`: Σ_{x_i=0} x_i − Σ_{x_i=1} x_i ≥ 1 − |x|. */
function noGoodCut(x: readonly number[]): Row {
  const ones = x.reduce((s, v) => s + v, 0);
  return {
    indices: x.map((_, i) => i),
    values: x.map((v) => (v ? -1 : 1)),
    lower: 1 - ones,
    upper: Infinity,
  };
}

function modelData(highs: Highs, model: SelectionModel, rows: readonly Row[]): ModelData {
  const n = model.variables.length;
  const inf = highs.infinity;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    indices.push(...r.indices);
    values.push(...r.values);
    starts.push(indices.length);
  }
  const finite = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  return {
    numCols: n,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: [...model.objective],
    colLower: new Array<number>(n).fill(0),
    colUpper: new Array<number>(n).fill(1),
    integrality: new Array<0 | 1>(n).fill(highs.constants.variableType.integer),
    rowLower: rows.map((r) => finite(r.lower)),
    rowUpper: rows.map((r) => finite(r.upper)),
    matrix: { format: "csr", numRows: rows.length, numCols: n, starts, indices, values },
  };
}

interface Run {
  status: "optimal" | "timeLimit" | "stopped" | "infeasible";
  /** Column values of the incumbent, if HiGHS has a feasible one. */
  values: Float64Array | null;
  objective: number;
  dualBound: number;
  seconds: number;
}

function infoNumber(m: Model, name: string): number {
  const v = m.info.get(name);
  return typeof v === "bigint" ? Number(v) : v;
}

/** What a run tells while it searches (HiGHS's callbacks), for progress and stopping. */
interface Hooks {
  /** A better selection HiGHS found: its column values, and HiGHS's seconds so far. */
  incumbent(values: Float64Array, seconds: number): void;
  /** A checkpoint of the search with the bound proven so far; true stops the search. */
  checkpoint(seconds: number, dualBound: number): boolean;
}

function callbacks(highs: Highs, hooks: Hooks): HighsCallbackMap {
  const type = highs.constants.callbackType;
  return {
    [type.mipImprovingSolution]: (e) => {
      if (e.data.mip_solution) hooks.incumbent(e.data.mip_solution, e.data.running_time ?? 0);
      return undefined;
    },
    [type.mipInterrupt]: (e) => {
      const stop = hooks.checkpoint(e.data.running_time ?? 0, e.data.mip_dual_bound ?? Infinity);
      if (stop) e.interrupt();
      return undefined;
    },
  };
}

function runOnce(
  highs: Highs,
  data: ModelData,
  gap: number,
  timeLimit: number,
  hooks: Hooks | null,
): Run {
  const codes = highs.constants.modelStatus;
  return highs.withModel(data, (m): Run => {
    m.options.set({
      output_flag: false,
      mip_rel_gap: gap,
      mip_abs_gap: ABS_GAP,
      mip_pscost_minreliable: PSCOST_MIN_RELIABLE,
      ...(Number.isFinite(timeLimit) ? { time_limit: Math.max(timeLimit, 0.001) } : {}),
    });
    // Only this adapter interrupts a run: an interrupted run is one the caller stopped.
    const { modelStatus } = hooks ? m.run(callbacks(highs, hooks)) : m.run();
    const seconds = m.getRunTime();
    const feasible =
      infoNumber(m, "primal_solution_status") === highs.constants.solutionStatus.feasible;
    const values = feasible ? Float64Array.from(m.getSolution().colValue) : null;
    const objective = feasible ? m.getObjectiveValue() : NaN;
    const dualBound = infoNumber(m, "mip_dual_bound");
    switch (modelStatus) {
      case codes.optimal:
        return { status: "optimal", values, objective, dualBound, seconds };
      case codes.infeasible:
      case codes.unboundedOrInfeasible: // 0..1 columns cannot be unbounded
        return { status: "infeasible", values: null, objective, dualBound, seconds };
      case codes.timeLimit:
        return { status: "timeLimit", values, objective, dualBound, seconds };
      case codes.interrupted:
        return { status: "stopped", values, objective, dualBound, seconds };
      default:
        throw new SolverError(`HiGHS stoppede med status ${modelStatus}.`);
    }
  });
}

function infeasible(model: SelectionModel): SolveOutcome {
  return {
    status: "infeasible",
    solution: null,
    bound: null,
    gap: null,
    explanation: explainInfeasibility(model),
  };
}

export type HighsLoader = (init: InitOptions) => Promise<Highs>;

/**
 * The package's loader. Its types.d.ts is read as CommonJS under NodeNext, so TypeScript puts
 * the default export one level down; at run time the ESM build (`highs.mjs`) has it as default.
 */
export async function highsLoader(): Promise<HighsLoader> {
  const mod = (await import("highs")) as unknown as {
    default: HighsLoader | { default: HighsLoader };
  };
  return typeof mod.default === "function" ? mod.default : mod.default.default;
}

export function createHighsSolver(options: HighsSolverOptions = {}): HighsPortfolioSolver {
  let runtime: Promise<Highs> | null = null;
  let loaded = false;

  const highs = (): Promise<Highs> => {
    runtime ??= (async () => {
      const init: InitOptions = {};
      if (options.wasmUrl) {
        const url = await options.wasmUrl();
        init.locateFile = () => url;
      }
      const load = options.load ?? (await highsLoader());
      const h = await load(init);
      loaded = true;
      return h;
    })().catch((e: unknown) => {
      runtime = null; // a later solve tries again
      throw new SolverError("Optimeringen (HiGHS) kunne ikke indlæses.", { cause: e });
    });
    return runtime;
  };

  async function solve(model: SelectionModel, o: SolveOptions = {}): Promise<SolveOutcome> {
    const gap = o.gap ?? 0;
    if (!(gap >= 0 && gap < 1)) throw new RangeError(`gap must be in [0, 1), not ${gap}`);
    const limit = o.timeLimitSeconds ?? Infinity;
    if (!(limit > 0)) throw new RangeError(`timeLimitSeconds must be positive, not ${limit}`);
    const n = model.variables.length;

    // Rows without terms do not depend on the selection: broken for every selection or none.
    const rows: Row[] = [];
    for (const r of model.rows) {
      const row = rowOf(r);
      if (row) rows.push(row);
      else if (violation(r, []) > 0) return infeasible(model);
    }
    if (n === 0) {
      const x: number[] = [];
      return isFeasible(model, x)
        ? { status: "optimal", solution: { x, value: 0 }, bound: 0, gap: 0, explanation: [] }
        : infeasible(model);
    }

    if (o.signal?.aborted) return stopped(null, null);
    const h = await highs();
    if (o.signal?.aborted) return stopped(null, null);
    const watch = o.onProgress || o.signal ? watcher(model, o) : null;
    let spent = 0;
    for (let attempt = 0; attempt <= MAX_RESOLVES; attempt++) {
      const hooks = watch?.hooks(spent) ?? null;
      const run = runOnce(h, modelData(h, model, rows), gap, limit - spent, hooks);
      spent += run.seconds;
      if (run.status === "infeasible") return infeasible(model);
      const final = run.values && verifiedSolution(model, run.values);
      if (run.status === "stopped") {
        // The caller stopped: the better of HiGHS's last selection and those reported before.
        const found = [final, watch?.best() ?? null].filter((x): x is Solution => x !== null);
        const best = found.sort((a, b) => b.value - a.value)[0] ?? null;
        return stopped(best, Number.isFinite(run.dualBound) ? run.dualBound : null);
      }
      const solution = final;
      if (run.values && !solution) {
        // HiGHS's tolerances accepted what the exact rows refuse: cut it off and solve again.
        rows.push(noGoodCut(Array.from(run.values, (v) => (v >= 0.5 ? 1 : 0))));
        continue;
      }
      if (solution) checkObjective(model, solution, run.objective);
      return outcome(run, solution);
    }
    throw new SolverError(
      `HiGHS fandt ${MAX_RESOLVES + 1} gange en løsning, der ikke holder modellens rammer.`,
    );
  }

  return {
    solve,
    get loaded() {
      return loaded;
    },
  };
}

/**
 * Reports progress to `onProgress` (at most every `PROGRESS_SECONDS`, and at each better
 * selection) and stops the search when `signal` aborts. Selections HiGHS reports are checked
 * against the model's rows (`verifiedSolution`) before they count.
 */
function watcher(model: SelectionModel, o: SolveOptions) {
  let best: Solution | null = null;
  let bound: number | null = null;
  let reported = -Infinity;
  const report = (seconds: number) => {
    reported = seconds;
    if (!o.onProgress) return;
    const b = best && bound !== null ? Math.max(bound, best.value) : bound;
    const progress: SolveProgress = {
      seconds,
      solution: best,
      bound: b,
      gap: best && b !== null ? relativeGap(best.value, b) : null,
    };
    o.onProgress(progress);
  };
  return {
    best: () => best,
    /** Hooks for a run that starts `offset` seconds into the solve. */
    hooks: (offset: number): Hooks => ({
      incumbent(values, seconds) {
        const s = verifiedSolution(model, values);
        if (s && (!best || s.value > best.value)) {
          best = s;
          report(offset + seconds);
        }
      },
      checkpoint(seconds, dualBound) {
        // A bound proven for the model stays proven in a later run with a no-good cut.
        if (Number.isFinite(dualBound)) bound = Math.min(bound ?? Infinity, dualBound);
        if (offset + seconds - reported >= PROGRESS_SECONDS) report(offset + seconds);
        return o.signal?.aborted ?? false;
      },
    }),
  };
}

function stopped(solution: Solution | null, dualBound: number | null): SolveOutcome {
  const bound = solution && dualBound !== null ? Math.max(dualBound, solution.value) : dualBound;
  return {
    status: "stopped",
    solution,
    bound,
    gap: solution && bound !== null ? relativeGap(solution.value, bound) : null,
    explanation: [],
  };
}

function checkObjective(model: SelectionModel, s: Solution, reported: number): void {
  if (Math.abs(s.value - reported) > OBJECTIVE_TOLERANCE * Math.max(1, Math.abs(s.value))) {
    throw new SolverError(
      `HiGHS angav værdien ${reported}, men det valgte sæt er ${valueOf(model, s.x)} værd.`,
    );
  }
}

function outcome(run: Run, solution: Solution | null): SolveOutcome {
  const bound = Number.isFinite(run.dualBound) ? run.dualBound : null;
  if (!solution) {
    // Only a time limit ends without a selection (and with a bound, if one was proven).
    return { status: "timeLimit", solution: null, bound, gap: null, explanation: [] };
  }
  const b = Math.max(bound ?? Infinity, solution.value);
  const proven = b - solution.value <= ABS_GAP;
  const reached = Number.isFinite(b) ? relativeGap(solution.value, b) : null;
  if (run.status === "optimal") {
    return {
      status: proven ? "optimal" : "gapReached",
      solution,
      bound: proven ? solution.value : b,
      gap: proven ? 0 : reached,
      explanation: [],
    };
  }
  return {
    status: "timeLimit",
    solution,
    bound: Number.isFinite(b) ? b : null,
    gap: reached,
    explanation: [],
  };
}
