/**
 * Issue 5 §4: the optimizer and the tally (`npm run bench -- --only optimizer`). No server: pure
 * computation in this process.
 *
 * - Instances: generated from a seeded PRNG with realistic sizes: 4 budget years × 2 kinds
 *   (Anlæg, Drift) and 10 competences × 12 months as rows; each candidate costs 0.2–8 mio. kr.
 *   of Anlæg over one or two years plus yearly Drift after it, and needs 2–5 competences over
 *   2–8 months; budget frames bind at 40–60 % of the total demand per year and kind (after
 *   money already committed), capacity per competence and month is 80–160 % of the hours asked
 *   for in it (short in some months); a few candidates mandatory or under way, a few
 *   requirements, exclusions and all-or-none pairs. Priorities are shares of a round (sum 100),
 *   loosely rising with size. The stress instance has capacity at 40–60 % in every one of the
 *   120 competence-months as well (a 128-row multidimensional knapsack, hard to prove). Its aim
 *   is a selection proven within 0.1 % of the best in at most 10 s; it is solved `--runs` times
 *   with that gap and a 10 s time limit, and the row shows the median time and the median gap
 *   proven by then (the bound HiGHS has proven when it stops), next to the aim.
 * - Optimizer: `createHighsSolver().solve` (the app's adapter: model to HiGHS, solve, rounded
 *   selection checked against the model's rows), each run on a fresh copy of the model; the
 *   WebAssembly is loaded once before (its load time is a row of its own).
 *   60 candidates to a proven optimum; 300 candidates to a proven gap of 0.1 %. Next to each:
 *   `solveGreedyByScore` (highest priority first while everything fits, as CONSUL-style tools
 *   do), its time and the value it reaches.
 * - Tally: `tallyRound` of 8 ballots over 300 candidates per method, compared with a bare loop
 *   adding up the same numbers (the floor).
 */
import { createHighsSolver } from "../../src/adapters/solver/highs.js";
import type { Person } from "../../src/domain/common.js";
import {
  type BallotId,
  type CriterionId,
  idOf,
  type InitiativeId,
  type PersonId,
  type RoundId,
  versionOf,
} from "../../src/domain/ids.js";
import type {
  Ballot,
  BallotEntry,
  CriterionWeight,
  Round,
} from "../../src/domain/prioritization.js";
import {
  buildSelectionModel,
  type CandidateCost,
  type CandidateHours,
  explainInfeasibility,
  type SelectionCandidate,
  type SelectionInput,
  type SelectionModel,
  solveGreedyByScore,
  type SolveOutcome,
  type SolveStatus,
} from "../../src/domain/selection.js";
import { tallyRound } from "../../src/domain/tally.js";
import { type BudgetKind, COMPETENCES } from "../../src/domain/vocabulary.js";
import { median, now } from "./measure.js";
import type { Row } from "./table.js";

/** mulberry32: the same instances on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const YEARS = [2026, 2027, 2028, 2029];
export const KINDS: BudgetKind[] = ["Anlæg", "Drift"];
export const MONTHS = Array.from(
  { length: 12 },
  (_, m) => `2026-${String(m + 1).padStart(2, "0")}`,
);

/** A realistic round of `n` candidates with 4 × 2 budget rows and 10 × 12 capacity rows. */
export function optimizerInstance(
  seed: number,
  n: number,
  o: { capacity?: readonly [number, number] } = {},
): SelectionInput {
  const [capLo, capHi] = o.capacity ?? [0.8, 1.6];
  const rnd = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const ids = Array.from({ length: n }, (_, i) => idOf<InitiativeId>(i + 1));
  const raw: (SelectionCandidate & { weight: number })[] = ids.map((id, i) => {
    // Anlæg 0.2–8 mio. kr., log-uniform (many small, some large), in whole kroner.
    const anlaeg = Math.round(200_000 * Math.exp(rnd() * Math.log(40)));
    const start = int(0, YEARS.length - 1);
    const split = start < YEARS.length - 1 && rnd() < 0.4;
    const costs: CandidateCost[] = split
      ? [
          { year: YEARS[start]!, kind: "Anlæg", amount: Math.round(anlaeg * 0.6) },
          { year: YEARS[start + 1]!, kind: "Anlæg", amount: anlaeg - Math.round(anlaeg * 0.6) },
        ]
      : [{ year: YEARS[start]!, kind: "Anlæg", amount: anlaeg }];
    const drift = Math.round(anlaeg * (0.05 + rnd() * 0.2));
    for (let y = start + (split ? 2 : 1); y < YEARS.length; y++) {
      costs.push({ year: YEARS[y]!, kind: "Drift", amount: drift });
    }
    const hours: CandidateHours[] = [];
    const competences = [...COMPETENCES].sort(() => rnd() - 0.5).slice(0, int(2, 5));
    const from = int(0, 11);
    const to = Math.min(11, from + int(1, 7));
    for (const competence of competences) {
      const perMonth = int(10, 160);
      for (let m = from; m <= to; m++) {
        hours.push({ competence, period: MONTHS[m]!, hours: perMonth });
      }
    }
    // Priority loosely rising with size, with much noise: greedy by score is then not optimal.
    const weight = (0.3 + rnd()) * Math.sqrt(anlaeg / 200_000);
    return {
      id,
      title: `Tiltag ${i + 1}`,
      value: 0,
      weight,
      costs,
      hours,
      mandatory: rnd() < 0.03,
      underWay: rnd() < 0.03,
    };
  });
  const total = raw.reduce((s, c) => s + c.weight, 0);
  const candidates: SelectionCandidate[] = raw.map(({ weight, ...c }) => ({
    ...c,
    value: Math.round((weight / total) * 100 * 1000) / 1000,
  }));

  const share = () => 0.4 + rnd() * 0.2;
  const frames: CandidateCost[] = [];
  const committed: CandidateCost[] = [];
  for (const year of YEARS)
    for (const kind of KINDS) {
      const demand = candidates
        .flatMap((c) => c.costs)
        .filter((c) => c.year === year && c.kind === kind)
        .reduce((s, c) => s + c.amount, 0);
      const bound = Math.round(demand * share());
      const ongoing = Math.round(bound * rnd() * 0.25);
      frames.push({ year, kind, amount: bound + ongoing });
      if (ongoing > 0) committed.push({ year, kind, amount: ongoing });
    }
  const capacity: CandidateHours[] = [];
  for (const competence of COMPETENCES)
    for (const period of MONTHS) {
      const demand = candidates
        .flatMap((c) => c.hours)
        .filter((h) => h.competence === competence && h.period === period)
        .reduce((s, h) => s + h.hours, 0);
      const f = capLo + rnd() * (capHi - capLo);
      capacity.push({ competence, period, hours: Math.round(demand * f) });
    }

  // Forced items must fit: at most a tenth of the candidates, and fewer while they break a row.
  const forced = candidates.filter((c) => c.mandatory || c.underWay);
  const unforce = () => {
    const c = forced.pop();
    if (c) c.mandatory = c.underWay = false;
  };
  while (forced.length > n / 10) unforce();
  while (
    explainInfeasibility(buildSelectionModel({ candidates, frames, committed, capacity })).length
  )
    unforce();
  const free = candidates.filter((c) => !c.mandatory && !c.underWay).map((c) => c.id);
  const pairs = (count: number): [InitiativeId, InitiativeId][] =>
    Array.from({ length: count }, () => {
      const a = free[int(0, free.length - 1)]!;
      let b = free[int(0, free.length - 1)]!;
      while (b === a) b = free[int(0, free.length - 1)]!;
      return [a, b];
    });
  return {
    candidates,
    frames,
    committed,
    capacity,
    requires: pairs(Math.round(n / 20)),
    excludes: pairs(Math.round(n / 30)),
    groups: pairs(Math.round(n / 40)),
  };
}

export interface SolveFigure {
  candidates: number;
  rows: { budget: number; capacity: number; other: number };
  gap: number;
  ms: number;
  all: number[];
  /** The status of the run whose gap is the median (the last run's when all are proven). */
  status: SolveStatus;
  value: number;
  bound: number | null;
  /** The median over the runs of the gap proven when the solve stopped (null: none proven). */
  gapReached: number | null;
  /** Each run's proven gap. */
  gaps: (number | null)[];
  greedy: { ms: number; value: number };
}

export interface TallyFigure {
  method: Round["method"];
  ms: number;
  floorMs: number;
}

export interface OptimizerFigures {
  loadMs: number;
  optimum60: SolveFigure;
  gap300: SolveFigure;
  stress300: SolveFigure & { timeLimitSeconds: number; aim: StressAim };
  tally: TallyFigure[];
}

/** The stress instance's aim: a selection proven within `gap` of the best in `seconds`. */
export interface StressAim {
  gap: number;
  seconds: number;
}

export const STRESS_AIM: StressAim = { gap: 0.001, seconds: 10 };

function rowCounts(model: SelectionModel): SolveFigure["rows"] {
  const budget = model.rows.filter((r) => r.kind === "budget").length;
  const capacity = model.rows.filter((r) => r.kind === "capacity").length;
  return { budget, capacity, other: model.rows.length - budget - capacity };
}

async function timeSolve(
  solve: (m: SelectionModel) => Promise<SolveOutcome>,
  input: SelectionInput,
  gap: number,
  runs: number,
): Promise<SolveFigure> {
  const all: number[] = [];
  const outcomes: SolveOutcome[] = [];
  for (let i = 0; i < runs; i++) {
    const model = buildSelectionModel(input);
    const start = now();
    outcomes.push(await solve(model));
    all.push(now() - start);
  }
  // The run with the median gap (no gap counts as the largest) stands for the figure.
  const byGap = [...outcomes].sort((a, b) => (a.gap ?? Infinity) - (b.gap ?? Infinity));
  const last = byGap[Math.floor((byGap.length - 1) / 2)];
  const model = buildSelectionModel(input);
  const greedyTimes: number[] = [];
  let greedyValue = NaN;
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const start = now();
    greedyValue = solveGreedyByScore(model)?.value ?? NaN;
    greedyTimes.push(now() - start);
  }
  if (!last?.solution) throw new Error(`optimizer bench: ${last?.status ?? "no"} solution`);
  return {
    candidates: input.candidates.length,
    rows: rowCounts(model),
    gap,
    ms: median(all),
    all,
    status: last.status,
    value: last.solution.value,
    bound: last.bound,
    gapReached: last.gap,
    gaps: outcomes.map((o) => o.gap),
    greedy: { ms: median(greedyTimes), value: greedyValue },
  };
}

// ---------------------------------------------------------------- Tally

const META = {
  version: versionOf('"1"'),
  created: "2026-03-01T08:00:00Z",
  modified: "2026-03-01T08:00:00Z",
  createdBy: null,
  modifiedBy: null,
};

function tallyInput(
  method: Round["method"],
  members: number,
  n: number,
): { round: Round; ballots: Ballot[]; weights: CriterionWeight[] } {
  const rnd = seeded(4242);
  const round: Round = {
    ...META,
    id: idOf<RoundId>(1),
    title: "Prioritering",
    method,
    candidates: Array.from({ length: n }, (_, i) => ({
      id: idOf<InitiativeId>(i + 1),
      title: `Tiltag ${i + 1}`,
    })),
    opens: "2026-03-01T08:00:00Z",
    closes: "2026-03-15T16:00:00Z",
    state: "Lukket",
    resultsVisibility: "Efter lukning",
    weightSet: null,
    meeting: null,
    settings: {},
  };
  const weights: CriterionWeight[] = Array.from({ length: 7 }, (_, k) => ({
    criterion: idOf<CriterionId>(k + 1),
    weight: 1 / 7,
  }));
  const ballots: Ballot[] = Array.from({ length: members }, (_, v) => {
    const voter: Person = {
      id: idOf<PersonId>(v + 1),
      name: `Medlem ${v + 1}`,
      email: `m${v + 1}@x.dk`,
    };
    const order = round.candidates.map((c) => c.id).sort(() => rnd() - 0.5);
    const entries: BallotEntry[] = order.flatMap((candidate, i): BallotEntry[] => {
      switch (method) {
        case "Kriteriescore":
          return [
            {
              candidate,
              criterionScores: Object.fromEntries(
                weights.flatMap((w) =>
                  rnd() < 0.9 ? [[String(w.criterion), Math.floor(rnd() * 5)]] : [],
                ),
              ),
            },
          ];
        case "Rangordning":
          return [{ candidate, rank: i + 1 }];
        case "Prikker":
          return i < 20 ? [{ candidate, points: 1 + Math.floor(rnd() * 5) }] : [];
        default:
          return i < 40 ? [{ candidate }] : [];
      }
    });
    return {
      ...META,
      id: idOf<BallotId>(v + 1),
      title: "Stemmeseddel",
      round: { id: round.id, title: round.title },
      ballotKey: `${round.id}:${voter.id}`,
      voter,
      payload: { entries },
      comment: "",
      createdBy: voter,
    };
  });
  return { round, ballots, weights };
}

/** The same totals with nothing around them: one pass over the entries into a Map. */
function bareTotals(round: Round, ballots: readonly Ballot[], weights: CriterionWeight[]) {
  const m = round.candidates.length;
  const sums = new Map<number, number>();
  const counts = new Map<string, number>();
  for (const b of ballots)
    for (const e of b.payload.entries) {
      let v = 0;
      if (e.criterionScores) {
        for (const w of weights) {
          const s = e.criterionScores[String(w.criterion)];
          if (s === undefined) continue;
          v += (w.weight * s) / 4;
          const k = `${e.candidate}|${w.criterion}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      } else if (e.rank !== undefined) v = m - e.rank;
      else v = e.points ?? 1;
      sums.set(e.candidate, (sums.get(e.candidate) ?? 0) + v);
    }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

function timeSync(runs: number, work: () => unknown): number {
  work();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    work();
    all.push(now() - start);
  }
  return median(all);
}

export async function benchOptimizer(options: { runs: number }): Promise<OptimizerFigures> {
  const runs = options.runs;
  const solver = createHighsSolver();
  const loadStart = now();
  // The first solve loads the WebAssembly (a trivial model, so the time is the load).
  await solver.solve({ variables: [{ candidate: idOf(1), title: "x" }], objective: [1], rows: [] });
  const loadMs = now() - loadStart;

  const optimum60 = await timeSolve((m) => solver.solve(m), optimizerInstance(60, 60), 0, runs);
  const gap300 = await timeSolve(
    (m) => solver.solve(m, { gap: 0.001, timeLimitSeconds: 300 }),
    optimizerInstance(300, 300),
    0.001,
    runs,
  );

  const aim = STRESS_AIM;
  const stress300 = {
    ...(await timeSolve(
      (m) => solver.solve(m, { gap: aim.gap, timeLimitSeconds: aim.seconds }),
      optimizerInstance(300, 300, { capacity: [0.4, 0.6] }),
      aim.gap,
      runs,
    )),
    timeLimitSeconds: aim.seconds,
    aim,
  };

  const tally: TallyFigure[] = [];
  for (const method of ["Kriteriescore", "Rangordning", "Prikker", "Budget"] as const) {
    const { round, ballots, weights } = tallyInput(method, 8, 300);
    tally.push({
      method,
      ms: timeSync(Math.max(runs, 5), () => tallyRound(round, ballots, weights)),
      floorMs: timeSync(Math.max(runs, 5), () => bareTotals(round, ballots, weights)),
    });
  }
  return { loadMs, optimum60, gap300, stress300, tally };
}

// ---------------------------------------------------------------- Rows

const ms = (t: number) =>
  t >= 1000
    ? `${(t / 1000).toFixed(2)} s`
    : t >= 1
      ? `${t.toFixed(1)} ms`
      : `${(t * 1000).toFixed(0)} µs`;
const x = (r: number) => `${r.toFixed(2)}×`;
const pct = (g: number | null) => (g === null ? "?" : `${(g * 100).toFixed(3)} %`);

function solveRows(s: SolveFigure, what: string): Row[] {
  const rows = `${s.rows.budget} budget + ${s.rows.capacity} capacity + ${s.rows.other} rule rows`;
  const outcome =
    s.status === "optimal"
      ? "proven optimal"
      : s.status === "gapReached"
        ? `gap ${pct(s.gapReached)}`
        : `${s.status}, gap ${pct(s.gapReached)}`;
  return [
    {
      figure: `Optimizer, ${s.candidates} candidates (${rows}): ${what}`,
      value: `${ms(s.ms)} (${outcome})`,
      against: `greedy pick by score: ${ms(s.greedy.ms)}`,
      ratio: x(s.ms / s.greedy.ms),
    },
    {
      figure: `  total priority reached (of 100)`,
      value: s.value.toFixed(3),
      against: `greedy pick by score: ${s.greedy.value.toFixed(3)}`,
      ratio: x(s.value / s.greedy.value),
    },
  ];
}

/** The stress instance against its aim: time and proven gap, and whether both are met. */
function stressRows(s: OptimizerFigures["stress300"]): Row[] {
  const rows = `${s.rows.budget} budget + ${s.rows.capacity} capacity + ${s.rows.other} rule rows`;
  const proven = s.gapReached === null ? "no gap proven" : `proven gap ${pct(s.gapReached)}`;
  const met = s.gapReached !== null && s.gapReached <= s.aim.gap && s.ms <= s.aim.seconds * 1000;
  const runs = s.gaps.map((g) => pct(g)).join(", ");
  return [
    {
      figure:
        `Optimizer, ${s.candidates} candidates (${rows}): stress, capacity 40–60 % in every ` +
        `month, stopped at ${s.aim.seconds} s`,
      value: `${ms(s.ms)} (${s.status === "timeLimit" ? "time limit" : s.status}, ${proven})`,
      against: `aim: proven gap ≤ ${pct(s.aim.gap)} in ≤ ${s.aim.seconds} s (runs: ${runs})`,
      ratio: met
        ? "met"
        : s.gapReached === null
          ? "not met"
          : `not met: gap ${x(s.gapReached / s.aim.gap)} the aim`,
    },
    {
      figure: `  total priority reached (of 100), proven bound`,
      value: `${s.value.toFixed(3)}, bound ${s.bound === null ? "?" : s.bound.toFixed(3)}`,
      against: `greedy pick by score: ${s.greedy.value.toFixed(3)}`,
      ratio: x(s.value / s.greedy.value),
    },
  ];
}

export function optimizerRows(f: OptimizerFigures): Row[] {
  return [
    {
      figure: "Optimizer: HiGHS WebAssembly load (node, first solve)",
      value: ms(f.loadMs),
      against: `60-candidate optimum: ${ms(f.optimum60.ms)}`,
      ratio: x(f.loadMs / f.optimum60.ms),
    },
    ...solveRows(f.optimum60, "time to a proven optimum"),
    ...solveRows(f.gap300, "time to a solution within 0.1 %"),
    ...stressRows(f.stress300),
    ...f.tally.map((t) => ({
      figure: `Tally, 8 members × 300 candidates, ${t.method}`,
      value: ms(t.ms),
      against: `bare loop adding the same numbers: ${ms(t.floorMs)}`,
      ratio: x(t.ms / t.floorMs),
    })),
  ];
}
