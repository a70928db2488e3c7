/**
 * What was tried to prove the stress instance (300 candidates, capacity at 40–60 % in every
 * month; `optimizer.ts`) within 0.1 % in 10 s, measured with deterministic figures where there
 * are any (HiGHS single-threaded is deterministic for a given model and options: node counts,
 * LP iterations and the bound after a fixed number of nodes do not depend on the machine's
 * load). Run: `npx tsx scripts/bench/optimizer-trials.ts [--cpu 10]`; with `--cpu` it also
 * solves each variant for that many seconds of this process's CPU time (less sensitive to other
 * processes than wall time) and prints the gap proven then. Results and reading: docs/bench.md.
 *
 * - Options: HiGHS's defaults against fewer strong-branching probes (`mip_pscost_minreliable`,
 *   which the adapter keeps), less heuristic effort, no restarts.
 * - Warm start: the greedy pick by score handed to HiGHS (`setSolution`) as its first incumbent.
 * - Tighter capacity rows: lifted cover inequalities (`liftedCover`), separated from the LP
 *   optimum of each round and added as rows before HiGHS starts.
 * - Symmetry: on an instance where every candidate has two identical copies, ordering rows
 *   x_copy2 ≤ x_copy1 against HiGHS's own handling (its presolve merges identical columns).
 */
import { parseArgs } from "node:util";

import type { Highs, ModelData } from "highs";

import { highsLoader } from "../../src/adapters/solver/highs.js";
import { idOf } from "../../src/domain/ids.js";
import {
  buildSelectionModel,
  type ConstraintRow,
  forcedSelection,
  type SelectionInput,
  type SelectionModel,
  solveGreedyByScore,
} from "../../src/domain/selection.js";
import { optimizerInstance } from "./optimizer.js";

// ---------------------------------------------------------------- Lifted cover inequalities

/** A knapsack row Σ a_j x_j ≤ b (a_j > 0, x binary), its items as variable indices. */
export interface Knapsack {
  items: readonly { variable: number; a: number }[];
  b: number;
}

/**
 * The knapsack rows of a model (budget and capacity rows, all coefficients positive), with the
 * variables every feasible selection contains (`forcedSelection`) moved to the right-hand side.
 */
export function knapsacksOf(model: SelectionModel): Knapsack[] {
  const forced = forcedSelection(model);
  const out: Knapsack[] = [];
  for (const r of model.rows) {
    if (r.op !== "<=" || (r.kind !== "budget" && r.kind !== "capacity")) continue;
    const merged = new Map<number, number>();
    for (const t of r.terms) merged.set(t.variable, (merged.get(t.variable) ?? 0) + t.coef);
    if ([...merged.values()].some((a) => a <= 0)) continue;
    let b = r.rhs;
    const items: { variable: number; a: number }[] = [];
    for (const [variable, a] of merged) {
      if (forced[variable]) b -= a;
      else items.push({ variable, a });
    }
    if (items.length > 1) out.push({ items, b });
  }
  return out;
}

/**
 * A lifted cover inequality of knapsack `k` violated by the point `x`, or null. The cover C is
 * built greedily by (1 − x_j)/a_j and made minimal; items outside it get Balas's lifting
 * coefficient h where μ_h ≤ a_j < μ_{h+1} (μ_h: the sum of the h largest weights in C):
 * Σ_C x_j + Σ_{j∉C} h_j x_j ≤ |C| − 1. Valid for every 0/1 point of the knapsack: items with
 * coefficients summing to H weigh at least μ_H (μ is subadditive), and |C| − H cover items at
 * least μ_|C| − μ_H, together more than b.
 */
export function liftedCover(k: Knapsack, x: readonly number[]): ConstraintRow | null {
  const weight = (s: readonly { a: number }[]) => s.reduce((t, i) => t + i.a, 0);
  const candidates = k.items
    .filter((i) => (x[i.variable] ?? 0) > 1e-9)
    .sort((p, q) => (1 - (x[p.variable] ?? 0)) / p.a - (1 - (x[q.variable] ?? 0)) / q.a);
  const cover: { variable: number; a: number }[] = [];
  for (const i of candidates) {
    cover.push(i);
    if (weight(cover) > k.b) break;
  }
  if (weight(cover) <= k.b) return null;
  // Minimal: drop items (smallest x first) while the rest still exceeds b.
  cover.sort((p, q) => (x[p.variable] ?? 0) - (x[q.variable] ?? 0));
  for (let i = 0; i < cover.length;) {
    if (weight(cover) - (cover[i]?.a ?? 0) > k.b) cover.splice(i, 1);
    else i++;
  }
  const mu = [0];
  for (const i of [...cover].sort((p, q) => q.a - p.a)) mu.push((mu.at(-1) ?? 0) + i.a);
  const inCover = new Set(cover.map((i) => i.variable));
  const terms = cover.map((i) => ({ variable: i.variable, coef: 1 }));
  for (const i of k.items) {
    if (inCover.has(i.variable)) continue;
    let h = 0;
    while (h + 1 < mu.length && (mu[h + 1] ?? Infinity) <= i.a) h++;
    if (h > 0) terms.push({ variable: i.variable, coef: h });
  }
  const rhs = cover.length - 1;
  const lhs = terms.reduce((s, t) => s + t.coef * (x[t.variable] ?? 0), 0);
  if (lhs <= rhs + 1e-6) return null;
  return { name: "Dækning", kind: "capacity", terms, op: "<=", rhs, unit: "" };
}

// ---------------------------------------------------------------- HiGHS runs

function modelData(h: Highs, model: SelectionModel, extra: readonly ConstraintRow[]): ModelData {
  const n = model.variables.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (const r of [...model.rows, ...extra]) {
    const merged = new Map<number, number>();
    for (const t of r.terms) merged.set(t.variable, (merged.get(t.variable) ?? 0) + t.coef);
    const terms = [...merged].filter(([, c]) => c !== 0).sort(([a], [b]) => a - b);
    if (terms.length === 0) continue;
    // As the adapter: kroner rows divided by a power of two to a largest coefficient ≤ 8192.
    const largest = Math.max(...terms.map(([, c]) => Math.abs(c)));
    const scale = largest > 8192 ? 2 ** -Math.ceil(Math.log2(largest / 8192)) : 1;
    for (const [v, c] of terms) {
      indices.push(v);
      values.push(c * scale);
    }
    starts.push(indices.length);
    lower.push(r.op === "<=" ? -h.infinity : r.rhs * scale);
    upper.push(r.op === ">=" ? h.infinity : r.rhs * scale);
  }
  return {
    numCols: n,
    numRows: lower.length,
    sense: h.constants.objectiveSense.maximize,
    colCost: [...model.objective],
    colLower: new Array<number>(n).fill(0),
    colUpper: new Array<number>(n).fill(1),
    integrality: new Array<0 | 1>(n).fill(h.constants.variableType.integer),
    rowLower: lower,
    rowUpper: upper,
    matrix: { format: "csr", numRows: lower.length, numCols: n, starts, indices, values },
  };
}

interface Trial {
  bound: number;
  value: number;
  gap: number;
  nodes: number;
  lpIterations: number;
  cpuSeconds: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function solve(
  h: Highs,
  data: ModelData,
  options: Record<string, string | number | boolean>,
  o: { start?: readonly number[]; cpuSeconds?: number } = {},
): Trial {
  return h.withModel(data, (m) => {
    m.options.set({ output_flag: false, mip_rel_gap: 0.001, time_limit: 600, ...options });
    if (o.start) m.setSolution({ colValue: [...o.start] });
    const cpu0 = cpuNow();
    const limit = o.cpuSeconds;
    m.run(
      limit
        ? {
            [h.constants.callbackType.mipInterrupt]: (e) => {
              if (cpuNow() - cpu0 > limit) e.interrupt();
              return undefined;
            },
          }
        : undefined,
    );
    const num = (k: string) => Number(m.info.get(k));
    return {
      bound: num("mip_dual_bound"),
      value: m.getObjectiveValue(),
      gap: num("mip_gap"),
      nodes: num("mip_node_count"),
      lpIterations: num("simplex_iteration_count"),
      cpuSeconds: cpuNow() - cpu0,
    };
  });
}

function lpOptimum(h: Highs, model: SelectionModel, extra: readonly ConstraintRow[]) {
  const data: ModelData = {
    ...modelData(h, model, extra),
    integrality: new Array<0 | 1>(model.variables.length).fill(0),
  };
  return h.withModel(data, (m) => {
    m.options.set({ output_flag: false });
    m.run();
    return { value: m.getObjectiveValue(), x: Array.from(m.getSolution().colValue) };
  });
}

/** Rounds of cover separation against the LP optimum until none is violated (or 30 rounds). */
function coverRounds(h: Highs, model: SelectionModel) {
  const knapsacks = knapsacksOf(model);
  const cuts: ConstraintRow[] = [];
  const first = lpOptimum(h, model, cuts).value;
  let last = first;
  for (let round = 0; round < 30; round++) {
    const { x, value } = lpOptimum(h, model, cuts);
    last = value;
    const found = knapsacks.flatMap((k) => liftedCover(k, x) ?? []);
    if (found.length === 0) break;
    cuts.push(...found);
  }
  return { cuts, lpBefore: first, lpAfter: last };
}

/** `input` with every candidate twice more (identical copies, in no rule), frames and capacity ×3. */
function tripled(input: SelectionInput): SelectionInput {
  const k = 3;
  const at = (id: number, copy: number) => idOf<never>((id - 1) * k + copy + 1);
  return {
    ...input,
    candidates: input.candidates.flatMap((c) =>
      Array.from({ length: k }, (_, copy) => ({
        ...c,
        id: at(Number(c.id), copy),
        title: `${c.title} (${copy + 1})`,
        ...(copy > 0 ? { mandatory: false, underWay: false } : {}),
      })),
    ),
    frames: input.frames.map((f) => ({ ...f, amount: f.amount * k })),
    committed: (input.committed ?? []).map((f) => ({ ...f, amount: f.amount * k })),
    capacity: input.capacity.map((c) => ({ ...c, hours: c.hours * k })),
    requires: (input.requires ?? []).map(([a, b]) => [at(Number(a), 0), at(Number(b), 0)]),
    excludes: (input.excludes ?? []).map(([a, b]) => [at(Number(a), 0), at(Number(b), 0)]),
    groups: (input.groups ?? []).map((g) => g.map((a) => at(Number(a), 0))),
  };
}

async function main() {
  const { values } = parseArgs({ options: { cpu: { type: "string" } } });
  const cpuSeconds = values.cpu ? Number(values.cpu) : null;
  const h = await (await highsLoader())({});
  const f = (v: number, d = 3) => v.toFixed(d);
  const line = (name: string, t: Trial) =>
    `${name.padEnd(34)} bound ${f(t.bound)}  best ${f(t.value)}  gap ${f(t.gap * 100, 2)} %  ` +
    `nodes ${t.nodes}  LP iterations ${t.lpIterations}  (${f(t.cpuSeconds, 1)} s CPU)`;

  const stress = buildSelectionModel(optimizerInstance(300, 300, { capacity: [0.4, 0.6] }));
  const greedy = solveGreedyByScore(stress);
  const covers = coverRounds(h, stress);
  const plain = modelData(h, stress, []);
  const withCovers = modelData(h, stress, covers.cuts);

  process.stdout.write(
    `Stress instance: greedy pick ${f(greedy?.value ?? NaN)}; LP bound ${f(covers.lpBefore, 4)}, ` +
      `${f(covers.lpAfter, 4)} with ${covers.cuts.length} lifted covers\n\n` +
      "Root node (mip_max_nodes 1):\n",
  );
  process.stdout.write(`${line("HiGHS", solve(h, plain, { mip_max_nodes: 1 }))}\n`);
  process.stdout.write(
    `${line("HiGHS + lifted covers", solve(h, withCovers, { mip_max_nodes: 1 }))}\n`,
  );

  const variants: [string, ModelData, Record<string, number | boolean>, (readonly number[])?][] = [
    ["defaults", plain, {}],
    ["mip_pscost_minreliable 1 (kept)", plain, { mip_pscost_minreliable: 1 }],
    ["warm start: greedy pick", plain, {}, greedy?.x],
    ["lifted covers", withCovers, {}],
    ["mip_heuristic_effort 0.01", plain, { mip_heuristic_effort: 0.01 }],
    ["mip_allow_restart off", plain, { mip_allow_restart: false }],
  ];
  process.stdout.write("\nAfter 200 nodes:\n");
  for (const [name, data, options, start] of variants) {
    const t = solve(h, data, { ...options, mip_max_nodes: 200 }, start ? { start } : {});
    process.stdout.write(`${line(name, t)}\n`);
  }
  if (cpuSeconds) {
    process.stdout.write(`\nAfter ${cpuSeconds} s of CPU:\n`);
    for (const [name, data, options, start] of variants) {
      const t = solve(h, data, options, { cpuSeconds, ...(start ? { start } : {}) });
      process.stdout.write(`${line(name, t)}\n`);
    }
  }

  const copies = buildSelectionModel(tripled(optimizerInstance(60, 60)));
  const ordering: ConstraintRow[] = [];
  for (let i = 0; i < copies.variables.length; i += 3) {
    ordering.push({
      name: "Rækkefølge",
      kind: "group",
      terms: [
        { variable: i + 2, coef: 1 },
        { variable: i + 1, coef: -1 },
      ],
      op: "<=",
      rhs: 0,
      unit: "",
    });
  }
  const optimum = { mip_rel_gap: 0 };
  process.stdout.write("\n60 candidates × 3 identical copies, to a proven optimum:\n");
  process.stdout.write(`${line("HiGHS", solve(h, modelData(h, copies, []), optimum))}\n`);
  process.stdout.write(
    `${line("HiGHS + ordering rows", solve(h, modelData(h, copies, ordering), optimum))}\n`,
  );
  process.stdout.write(
    `${line(
      "HiGHS, symmetry detection off",
      solve(h, modelData(h, copies, []), { ...optimum, mip_detect_symmetry: false }),
    )}\n`,
  );
}

if (process.argv[1]?.endsWith("optimizer-trials.ts")) {
  main().catch((e: unknown) => {
    process.stderr.write(`optimizer-trials: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
