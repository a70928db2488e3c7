/**
 * The portfolio-selection model (issue 5 §3) as data, independent of any solver: one binary
 * variable per candidate, maximise total priority, subject to budget frames, competence
 * capacity, forced choices and dependencies. A solver adapter (HiGHS) takes the same model;
 * `solveByBruteForce` is the reference it is tested against, `solveGreedyByScore` the naive
 * baseline, and the explanations work on the model's named rows.
 *
 * Choices made here:
 * - A budget row exists for each (year, kind) that has a frame; its bound is the frame minus what
 *   ongoing initiatives already commit. Costs in a (year, kind) without a frame are not bounded.
 *   "Gevinst" lines are savings, not costs, so they never enter a budget row.
 * - A capacity row exists for each (competence, period) with registered capacity; hours needed
 *   where no capacity is registered are not bounded (the register may be incomplete).
 * - Dependencies must be among the candidates; the caller resolves those on initiatives that
 *   are already running (drop them) or absent (force the dependant out).
 */
import type { InitiativeId } from "./ids.js";
import { formatDkk } from "./tally.js";
import type { BudgetKind, Competence } from "./vocabulary.js";

export interface CandidateCost {
  year: number;
  kind: BudgetKind;
  /** DKK. */
  amount: number;
}

export interface CandidateHours {
  competence: Competence;
  /** A month (`2026-03`) or quarter (`2026-K1`): whatever the capacity is given in. */
  period: string;
  hours: number;
}

export interface SelectionCandidate {
  id: InitiativeId;
  title: string;
  /** Priority from the round (e.g. its share in percent); maximised. */
  value: number;
  costs: readonly CandidateCost[];
  hours: readonly CandidateHours[];
  /** A legal demand: always selected. */
  mandatory?: boolean;
  /** Already under way: always selected. */
  underWay?: boolean;
}

export interface Forced {
  candidate: InitiativeId;
  reason: string;
}

export interface SelectionInput {
  candidates: readonly SelectionCandidate[];
  /** BudgetFrames: the amount per year and kind. */
  frames: readonly CandidateCost[];
  /** What ongoing initiatives outside the candidates already commit per year and kind. */
  committed?: readonly CandidateCost[];
  /** Hours available per competence and period, after ongoing work. */
  capacity: readonly CandidateHours[];
  forcedIn?: readonly Forced[];
  forcedOut?: readonly Forced[];
  /** [a, b]: a can only be selected together with b. */
  requires?: readonly (readonly [InitiativeId, InitiativeId])[];
  /** [a, b]: a and b cannot both be selected. */
  excludes?: readonly (readonly [InitiativeId, InitiativeId])[];
  /** Each group is selected entirely or not at all. */
  groups?: readonly (readonly InitiativeId[])[];
}

export type RowKind =
  | "budget"
  | "capacity"
  | "mandatory"
  | "underWay"
  | "forcedIn"
  | "forcedOut"
  | "requires"
  | "excludes"
  | "group";

/** Σ coef·x (op) rhs, with a Danish name for explanations. */
export interface ConstraintRow {
  name: string;
  kind: RowKind;
  terms: readonly { variable: number; coef: number }[];
  op: "<=" | ">=" | "=";
  rhs: number;
  /** The unit the row counts in, for messages. */
  unit: "kr." | "timer" | "";
  /** A budget row's frame: its year and kind, the frame and what work outside the candidates binds. */
  budget?: { year: number; kind: BudgetKind; frame: number; committed: number };
}

export interface SelectionModel {
  /** Variable i is candidate i: x_i ∈ {0, 1}. */
  variables: readonly { candidate: InitiativeId; title: string }[];
  /** Maximise Σ objective_i · x_i. */
  objective: readonly number[];
  rows: readonly ConstraintRow[];
}

export interface Solution {
  /** 0/1 per variable. */
  x: number[];
  value: number;
}

const EPS = 1e-9;

function key(...parts: (string | number)[]): string {
  return parts.join("|");
}

export function buildSelectionModel(input: SelectionInput): SelectionModel {
  const index = new Map<InitiativeId, number>();
  input.candidates.forEach((c, i) => {
    if (index.has(c.id)) throw new Error(`buildSelectionModel: candidate ${c.id} twice`);
    index.set(c.id, i);
  });
  const at = (id: InitiativeId): number => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`buildSelectionModel: ${id} is not a candidate`);
    return i;
  };
  const title = (id: InitiativeId): string => input.candidates[at(id)]?.title ?? String(id);
  const rows: ConstraintRow[] = [];

  const committed = new Map<string, number>();
  for (const c of input.committed ?? []) {
    const k = key(c.year, c.kind);
    committed.set(k, (committed.get(k) ?? 0) + c.amount);
  }
  const frames = new Map<string, CandidateCost>();
  for (const f of input.frames) {
    if (f.kind === "Gevinst") continue;
    const k = key(f.year, f.kind);
    const prev = frames.get(k);
    frames.set(k, { ...f, amount: (prev?.amount ?? 0) + f.amount });
  }
  for (const [k, f] of [...frames].sort(([a], [b]) => a.localeCompare(b))) {
    const bound = committed.get(k) ?? 0;
    const terms = input.candidates.flatMap((c, variable) => {
      const coef = c.costs
        .filter((x) => key(x.year, x.kind) === k)
        .reduce((s, x) => s + x.amount, 0);
      return coef !== 0 ? [{ variable, coef }] : [];
    });
    rows.push({
      name:
        `Budget ${f.year} ${f.kind}: ramme ${formatDkk(f.amount)}` +
        (bound ? ` minus ${formatDkk(bound)} bundet af igangværende tiltag` : ""),
      kind: "budget",
      terms,
      op: "<=",
      rhs: f.amount - bound,
      unit: "kr.",
      budget: { year: f.year, kind: f.kind, frame: f.amount, committed: bound },
    });
  }

  const capacity = new Map<string, CandidateHours>();
  for (const c of input.capacity) {
    const k = key(c.competence, c.period);
    const prev = capacity.get(k);
    capacity.set(k, { ...c, hours: (prev?.hours ?? 0) + c.hours });
  }
  for (const [k, cap] of [...capacity].sort(([a], [b]) => a.localeCompare(b))) {
    const terms = input.candidates.flatMap((c, variable) => {
      const coef = c.hours
        .filter((h) => key(h.competence, h.period) === k)
        .reduce((s, h) => s + h.hours, 0);
      return coef !== 0 ? [{ variable, coef }] : [];
    });
    rows.push({
      name: `Kapacitet ${cap.competence} ${cap.period}: ${cap.hours} timer`,
      kind: "capacity",
      terms,
      op: "<=",
      rhs: cap.hours,
      unit: "timer",
    });
  }

  const fix = (kind: RowKind, name: string, variable: number, value: 0 | 1): void => {
    rows.push({
      name,
      kind,
      terms: [{ variable, coef: 1 }],
      op: value ? ">=" : "<=",
      rhs: value,
      unit: "",
    });
  };
  input.candidates.forEach((c, i) => {
    if (c.mandatory) fix("mandatory", `Lovkrav: ${c.title} skal med`, i, 1);
    if (c.underWay) fix("underWay", `I gang: ${c.title} skal med`, i, 1);
  });
  for (const f of input.forcedIn ?? []) {
    fix("forcedIn", `Tvunget ind: ${title(f.candidate)} (${f.reason})`, at(f.candidate), 1);
  }
  for (const f of input.forcedOut ?? []) {
    fix("forcedOut", `Tvunget ud: ${title(f.candidate)} (${f.reason})`, at(f.candidate), 0);
  }
  for (const [a, b] of input.requires ?? []) {
    rows.push({
      name: `${title(a)} forudsætter ${title(b)}`,
      kind: "requires",
      terms: [
        { variable: at(a), coef: 1 },
        { variable: at(b), coef: -1 },
      ],
      op: "<=",
      rhs: 0,
      unit: "",
    });
  }
  for (const [a, b] of input.excludes ?? []) {
    rows.push({
      name: `${title(a)} og ${title(b)} udelukker hinanden`,
      kind: "excludes",
      terms: [
        { variable: at(a), coef: 1 },
        { variable: at(b), coef: 1 },
      ],
      op: "<=",
      rhs: 1,
      unit: "",
    });
  }
  for (const group of input.groups ?? []) {
    const name = `Alt eller intet: ${group.map(title).join(", ")}`;
    for (let g = 1; g < group.length; g++) {
      rows.push({
        name,
        kind: "group",
        terms: [
          { variable: at(group[0] as InitiativeId), coef: 1 },
          { variable: at(group[g] as InitiativeId), coef: -1 },
        ],
        op: "=",
        rhs: 0,
        unit: "",
      });
    }
  }
  return {
    variables: input.candidates.map((c) => ({ candidate: c.id, title: c.title })),
    objective: input.candidates.map((c) => c.value),
    rows,
  };
}

// ---------------------------------------------------------------- Dependencies

export interface Dependencies {
  /** [a, b]: a can only be selected together with b (between different groups). */
  requires: [InitiativeId, InitiativeId][];
  /** Each group (two or more) is selected entirely or not at all. */
  groups: InitiativeId[][];
}

/**
 * All-or-none groups from requirements: candidates that require each other, directly (A
 * forudsætter B and B forudsætter A) or around a cycle (A → B → C → A), can only be selected
 * together, so each strongly connected set of the requirement graph is one group. This is how
 * the Initiatives list expresses all-or-none: each member's Forudsætter names the others.
 * Requirements inside a group are left out (the group's rows say the same); those between
 * groups or single candidates stay. Groups and their members keep the order of first appearance.
 */
export function dependenciesFrom(
  requires: readonly (readonly [InitiativeId, InitiativeId])[],
): Dependencies {
  const order: InitiativeId[] = [];
  const next = new Map<InitiativeId, InitiativeId[]>();
  const note = (id: InitiativeId) => {
    if (!next.has(id)) {
      next.set(id, []);
      order.push(id);
    }
  };
  for (const [a, b] of requires) {
    note(a);
    note(b);
    if (a !== b) next.get(a)?.push(b);
  }
  const reach = (from: InitiativeId): Set<InitiativeId> => {
    const seen = new Set<InitiativeId>([from]);
    const stack = [from];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      for (const n of next.get(id) ?? [])
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
    }
    return seen;
  };
  const reachable = new Map(order.map((id) => [id, reach(id)]));
  const groupOf = new Map<InitiativeId, number>();
  const groups: InitiativeId[][] = [];
  for (const id of order) {
    if (groupOf.has(id)) continue;
    const members = order.filter(
      (o) => o === id || (reachable.get(id)?.has(o) && reachable.get(o)?.has(id)),
    );
    if (members.length < 2) continue;
    for (const m of members) groupOf.set(m, groups.length);
    groups.push(members);
  }
  const seenPair = new Set<string>();
  const kept: [InitiativeId, InitiativeId][] = [];
  for (const [a, b] of requires) {
    if (a === b) continue;
    const ga = groupOf.get(a);
    if (ga !== undefined && ga === groupOf.get(b)) continue;
    const k = key(a, b);
    if (seenPair.has(k)) continue;
    seenPair.add(k);
    kept.push([a, b]);
  }
  return { requires: kept, groups };
}

// ---------------------------------------------------------------- Evaluation

export function lhs(row: ConstraintRow, x: readonly number[]): number {
  return row.terms.reduce((s, t) => s + t.coef * (x[t.variable] ?? 0), 0);
}

/** How far a row is broken (0 when it holds), in the row's unit. */
export function violation(row: ConstraintRow, x: readonly number[]): number {
  const v = lhs(row, x);
  const d = row.op === "<=" ? v - row.rhs : row.op === ">=" ? row.rhs - v : Math.abs(v - row.rhs);
  return d > EPS ? d : 0;
}

export function valueOf(model: SelectionModel, x: readonly number[]): number {
  return model.objective.reduce((s, c, i) => s + c * (x[i] ?? 0), 0);
}

export function isFeasible(model: SelectionModel, x: readonly number[]): boolean {
  return model.rows.every((r) => violation(r, x) === 0);
}

export function selectedIds(model: SelectionModel, solution: Solution): InitiativeId[] {
  return model.variables.flatMap((v, i) => (solution.x[i] ? [v.candidate] : []));
}

// ---------------------------------------------------------------- Solvers

export const BRUTE_FORCE_MAX = 20;

/**
 * Every subset, the best feasible one (ties: the first found, i.e. the lowest bit pattern).
 * Null when no subset satisfies the rows. For at most 20 candidates: the reference.
 */
export function solveByBruteForce(model: SelectionModel): Solution | null {
  const n = model.variables.length;
  if (n > BRUTE_FORCE_MAX)
    throw new Error(`solveByBruteForce: ${n} > ${BRUTE_FORCE_MAX} candidates`);
  let best: Solution | null = null;
  const x = new Array<number>(n).fill(0);
  for (let mask = 0; mask < 2 ** n; mask++) {
    for (let i = 0; i < n; i++) x[i] = (mask >>> i) & 1;
    if (!isFeasible(model, x)) continue;
    const value = valueOf(model, x);
    if (!best || value > best.value + EPS) best = { x: [...x], value };
  }
  return best;
}

/** The variables that must come along when `start` is selected: requirements and groups. */
function closure(model: SelectionModel, start: readonly number[]): Set<number> {
  const set = new Set(start);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of model.rows) {
      if (r.kind !== "requires" && r.kind !== "group") continue;
      const [a, b] = r.terms;
      if (!a || !b) continue;
      const pull = (from: number, to: number): void => {
        if (set.has(from) && !set.has(to)) {
          set.add(to);
          grew = true;
        }
      };
      pull(a.variable, b.variable);
      if (r.kind === "group") pull(b.variable, a.variable);
    }
  }
  return set;
}

function forcedVariables(model: SelectionModel): number[] {
  return model.rows.flatMap((r) =>
    r.op === ">=" && r.rhs === 1 && r.terms.length === 1 ? [r.terms[0]?.variable ?? -1] : [],
  );
}

function vectorOf(n: number, set: ReadonlySet<number>): number[] {
  return Array.from({ length: n }, (_, i) => (set.has(i) ? 1 : 0));
}

/**
 * The smallest selection every feasible one contains: the mandatory, under-way and forced-in
 * candidates with what they require and their groups (0/1 per variable).
 */
export function forcedSelection(model: SelectionModel): number[] {
  return vectorOf(model.variables.length, closure(model, forcedVariables(model)));
}

/**
 * What a CONSUL-style tool does: the forced items, then candidates by value, highest first,
 * each (with what it requires and its group) if everything still fits. Not optimal.
 */
export function solveGreedyByScore(model: SelectionModel): Solution | null {
  const n = model.variables.length;
  const chosen = closure(model, forcedVariables(model));
  if (!isFeasible(model, vectorOf(n, chosen))) return null;
  const order = model.objective
    .map((v, i) => ({ v, i }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .map((o) => o.i);
  for (const i of order) {
    if (chosen.has(i)) continue;
    const next = closure(model, [...chosen, i]);
    if (isFeasible(model, vectorOf(n, next))) for (const j of next) chosen.add(j);
  }
  const x = vectorOf(n, chosen);
  return isFeasible(model, x) ? { x, value: valueOf(model, x) } : null;
}

// ---------------------------------------------------------------- Explanations

export interface BrokenRow {
  row: string;
  kind: RowKind;
  /** How much the row is exceeded, in its unit (kr., timer; 1 for a logical row). */
  excess: number;
  unit: ConstraintRow["unit"];
  /** The candidates in the set that the row counts. */
  involved: InitiativeId[];
  message: string;
}

function broken(model: SelectionModel, x: readonly number[], r: ConstraintRow): BrokenRow {
  const excess = violation(r, x);
  const involved = r.terms.flatMap((t) =>
    x[t.variable] && t.coef !== 0 ? [model.variables[t.variable]?.candidate as InitiativeId] : [],
  );
  const titles = involved.map((id) => model.variables.find((v) => v.candidate === id)?.title);
  const amount = r.unit === "kr." ? formatDkk(excess) : r.unit === "timer" ? `${excess} timer` : "";
  const head =
    r.unit === "" ? `${r.name}: kan ikke overholdes` : `${r.name}: overskrides med ${amount}`;
  return {
    row: r.name,
    kind: r.kind,
    excess,
    unit: r.unit,
    involved,
    message: titles.length
      ? `${head} (${titles.join(", ")}).`
      : head.endsWith(".")
        ? head
        : `${head}.`,
  };
}

/**
 * Why the forced items (mandatory, under way, forced in, with what they require and their
 * groups) cannot all be selected: each row they break and by how much. Empty when the forced
 * set fits.
 *
 * For models built by `buildSelectionModel` with non-negative costs and hours this is the whole
 * story: every feasible selection contains the forced set closed under requirements and groups,
 * and adding candidates only adds to budget, capacity and exclusion rows, so the model is
 * infeasible exactly when this list is not empty (tests check it against brute force). A frame
 * already used up by committed work shows as its budget row broken by the empty selection.
 * Only negative coefficients (a candidate that frees money in a framed row) could make a model
 * infeasible through combinations with this list empty.
 */
export function explainInfeasibility(model: SelectionModel): BrokenRow[] {
  const x = forcedSelection(model);
  return model.rows.filter((r) => violation(r, x) > 0).map((r) => broken(model, x, r));
}

export type WhyNot =
  | { kind: "selected" }
  | { kind: "blocked"; rows: BrokenRow[]; valueGain: number; message: string }
  | { kind: "noGain"; valueGain: number; message: string };

/**
 * Why a candidate was left out of a solution: add it (with what it requires and its group) and
 * report each row that then breaks and by how much; that is what it would take (a larger frame,
 * more hours, or leaving out others the row counts). `noGain` when it would fit but adds
 * nothing (or the solution was not optimal).
 */
export function whyNotSelected(
  model: SelectionModel,
  solution: Solution,
  candidate: InitiativeId,
): WhyNot {
  const i = model.variables.findIndex((v) => v.candidate === candidate);
  if (i < 0) throw new Error(`whyNotSelected: ${candidate} is not a candidate`);
  if (solution.x[i]) return { kind: "selected" };
  const n = model.variables.length;
  const current = new Set(solution.x.flatMap((v, j) => (v ? [j] : [])));
  const withIt = closure(model, [...current, i]);
  const x = vectorOf(n, withIt);
  const valueGain = valueOf(model, x) - solution.value;
  const rows = model.rows.filter((r) => violation(r, x) > 0).map((r) => broken(model, x, r));
  const title = model.variables[i]?.title ?? String(candidate);
  if (rows.length === 0) {
    return {
      kind: "noGain",
      valueGain,
      message: `${title} passer inden for alle begrænsninger og kan vælges (værdi +${valueGain}).`,
    };
  }
  return {
    kind: "blocked",
    rows,
    valueGain,
    message: `${title} er ikke valgt: ${rows.map((r) => r.message).join(" ")}`,
  };
}

// ---------------------------------------------------------------- Frames exceeded by what must be in

/**
 * A budget frame that what must be selected anyway already exceeds: work under way (ongoing
 * initiatives outside the candidates, and candidates under way) and the other forced items
 * (legal demands, forced in, with what they require and their groups).
 */
export interface FrameOverrun {
  year: number;
  kind: BudgetKind;
  /** The frame (kr.). */
  frame: number;
  /** What work under way binds in it: ongoing initiatives and candidates under way (kr.). */
  underWay: number;
  /** What the other forced items add (kr.). */
  forced: number;
  /** underWay + forced − frame, > 0 (kr.). */
  overrun: number;
  /** The smallest frame that holds everything that must be in: frame + overrun (kr.). */
  needed: number;
}

function underWayVariables(model: SelectionModel): Set<number> {
  return new Set(
    model.rows.flatMap((r) =>
      r.kind === "underWay" && r.terms.length === 1 ? [r.terms[0]?.variable ?? -1] : [],
    ),
  );
}

/**
 * Each budget frame exceeded by what must be selected anyway (`forcedSelection`), in the order
 * of the model's rows; empty when every frame holds it. When this is not empty the model is
 * infeasible however the free candidates are chosen: raising each frame to `needed`, or
 * `withForcedFixed`, are the ways on.
 */
export function frameOverruns(model: SelectionModel): FrameOverrun[] {
  const forced = forcedSelection(model);
  const underWay = underWayVariables(model);
  return model.rows.flatMap((r) => {
    if (r.kind !== "budget" || !r.budget) return [];
    const overrun = violation(r, forced);
    if (overrun <= 0) return [];
    const underWayUse = r.terms.reduce(
      (s, t) => s + (underWay.has(t.variable) ? t.coef * (forced[t.variable] ?? 0) : 0),
      0,
    );
    const forcedUse = lhs(r, forced) - underWayUse;
    return [
      {
        year: r.budget.year,
        kind: r.budget.kind,
        frame: r.budget.frame,
        underWay: r.budget.committed + underWayUse,
        forced: forcedUse,
        overrun,
        needed: r.budget.frame + overrun,
      },
    ];
  });
}

/**
 * The model with what must be selected anyway taken as fixed in every budget row: its costs leave
 * the row and the row's bound becomes what is left of the frame after them, never below 0. The
 * free candidates are then optimised within what is left, and a frame that work under way
 * already exceeds leaves them nothing in it (its overrun is `frameOverruns` of the original
 * model) instead of making every selection infeasible. Variables, objective and the other rows
 * are unchanged, so a solution of either model is a selection of the same candidates.
 */
export function withForcedFixed(model: SelectionModel): SelectionModel {
  const forced = forcedSelection(model);
  return {
    ...model,
    rows: model.rows.map((r) => {
      if (r.kind !== "budget") return r;
      const fixed = lhs(r, forced);
      return {
        ...r,
        terms: r.terms.filter((t) => !forced[t.variable]),
        rhs: Math.max(0, r.rhs - fixed),
        ...(r.budget ? { budget: { ...r.budget, committed: r.budget.committed + fixed } } : {}),
      };
    }),
  };
}

// ---------------------------------------------------------------- Solver outcomes

/**
 * How a solve ended: `optimal` (proven best), `gapReached` (a selection proven within the asked
 * relative gap of the best), `timeLimit` (stopped by the time limit, with the best selection
 * found so far if any), `stopped` (stopped by the caller, e.g. the user, likewise with the best
 * selection found so far), `infeasible` (no selection satisfies the rows).
 */
export type SolveStatus = "optimal" | "gapReached" | "timeLimit" | "stopped" | "infeasible";

export interface SolveOutcome {
  status: SolveStatus;
  /**
   * The best selection found, checked against the model's own rows (`isFeasible`) and valued by
   * `valueOf`; null when infeasible or when nothing was found before the time limit or stop.
   */
  solution: Solution | null;
  /** A proven upper bound on the best value (equal to the value when optimal); null if none. */
  bound: number | null;
  /** `relativeGap(solution.value, bound)`; 0 when optimal, null without a solution. */
  gap: number | null;
  /** When infeasible: `explainInfeasibility(model)`, which rows break and by how much. */
  explanation: BrokenRow[];
}

/** (bound − value) / max(|bound|, |value|), 0 when they are equal: the solver's relative gap. */
export function relativeGap(value: number, bound: number): number {
  const d = bound - value;
  if (d <= 0) return 0;
  return d / Math.max(Math.abs(bound), Math.abs(value), EPS);
}

/**
 * A proven relative gap as the percentage to show ("højst X % fra det bedste"): rounded UP to
 * two decimals, so the figure shown is never smaller than what was proven (0.009434 → 0.95).
 * A difference below 1e-9 of a hundredth is float noise, not an excess (0.001 → 0.1).
 */
export function gapPercentAtMost(gap: number): number {
  if (!(gap >= 0)) throw new RangeError(`gapPercentAtMost: ${gap} is not a gap`);
  const hundredths = gap * 100 * 100;
  return Math.max(0, Math.ceil(hundredths - 1e-9 * Math.max(1, hundredths))) / 100;
}

/** A solver's value for a binary variable is accepted as 0 or 1 only this close to it. */
export const INTEGRALITY_TOLERANCE = 1e-4;

/**
 * A solver's column values as a selection of this model: each rounded to 0 or 1 (null if one is
 * not within `INTEGRALITY_TOLERANCE` of either), then checked exactly against the model's own
 * rows in their own units (kr., timer), so a solver's tolerances cannot let a frame be exceeded
 * by a few kroner. Null when the rounded selection breaks a row.
 */
export function verifiedSolution(
  model: SelectionModel,
  values: ArrayLike<number>,
): Solution | null {
  const n = model.variables.length;
  if (values.length !== n) return null;
  const x = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? NaN;
    const r = Math.round(v);
    if (!(Math.abs(v - r) <= INTEGRALITY_TOLERANCE) || (r !== 0 && r !== 1)) return null;
    x[i] = r;
  }
  return isFeasible(model, x) ? { x, value: valueOf(model, x) } : null;
}

/** `solveByBruteForce` as a solver outcome (the reference solve for small models). */
export function solveExactly(model: SelectionModel): SolveOutcome {
  const solution = solveByBruteForce(model);
  return solution
    ? { status: "optimal", solution, bound: solution.value, gap: 0, explanation: [] }
    : {
        status: "infeasible",
        solution: null,
        bound: null,
        gap: null,
        explanation: explainInfeasibility(model),
      };
}
