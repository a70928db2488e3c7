import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  buildSelectionModel,
  explainInfeasibility,
  isFeasible,
  selectedIds,
  type SelectionCandidate,
  type SelectionInput,
  solveByBruteForce,
  solveGreedyByScore,
  whyNotSelected,
} from "../../src/domain/selection.js";
import { aCandidate, seeded } from "../support/builders-selection.js";

const id = (n: number) => idOf<InitiativeId>(n);
const A = id(1);
const B = id(2);
const C = id(3);
const D = id(4);

/**
 * Frame 2026 Anlæg 1.000.000 kr., of which 200.000 kr. is committed to ongoing work: 800.000 kr.
 * Subsets within 800.000: A+B 70, A+C 65, A+D 60, B+C+D 75 (the optimum), … Greedy by value
 * takes A (500.000) then B (800.000): 70.
 */
const base: SelectionInput = {
  candidates: [
    aCandidate(1, 40, 500_000),
    aCandidate(2, 30, 300_000),
    aCandidate(3, 25, 300_000),
    aCandidate(4, 20, 200_000),
  ],
  frames: [{ year: 2026, kind: "Anlæg", amount: 1_000_000 }],
  committed: [{ year: 2026, kind: "Anlæg", amount: 200_000 }],
  capacity: [],
};

function optimum(input: SelectionInput): { selected: InitiativeId[]; value: number } | null {
  const model = buildSelectionModel(input);
  const s = solveByBruteForce(model);
  return s && { selected: selectedIds(model, s), value: s.value };
}

describe("the selection model", () => {
  it("has one budget row per framed year and kind, bounded by frame minus committed", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [
        aCandidate(1, 40, 500_000, {
          costs: [
            { year: 2026, kind: "Anlæg", amount: 500_000 },
            { year: 2027, kind: "Drift", amount: 100_000 },
            { year: 2027, kind: "Gevinst", amount: 900_000 },
            { year: 2030, kind: "Anlæg", amount: 1 },
          ],
        }),
      ],
      frames: [
        ...base.frames,
        { year: 2027, kind: "Drift", amount: 300_000 },
        { year: 2027, kind: "Gevinst", amount: 5 },
      ],
    });
    expect(model.objective).toEqual([40]);
    expect(model.rows.map((r) => [r.name, r.op, r.rhs, r.terms])).toEqual([
      [
        "Budget 2026 Anlæg: ramme 1.000.000 kr. minus 200.000 kr. bundet af igangværende tiltag",
        "<=",
        800_000,
        [{ variable: 0, coef: 500_000 }],
      ],
      ["Budget 2027 Drift: ramme 300.000 kr.", "<=", 300_000, [{ variable: 0, coef: 100_000 }]],
    ]);
  });

  it("has capacity rows per competence and period, and named rows for every rule", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [
        aCandidate(1, 40, 0, {
          hours: [{ competence: "It-arkitektur", period: "2026-03", hours: 80 }],
          mandatory: true,
        }),
        aCandidate(2, 30, 0, { underWay: true }),
        aCandidate(3, 25, 0),
        aCandidate(4, 20, 0),
      ],
      capacity: [{ competence: "It-arkitektur", period: "2026-03", hours: 100 }],
      forcedIn: [{ candidate: C, reason: "Aftalt med direktionen" }],
      forcedOut: [{ candidate: D, reason: "Afventer KOMBIT" }],
      requires: [[C, A]],
      excludes: [[A, D]],
      groups: [[B, C, D]],
    });
    expect(model.rows.map((r) => `${r.kind}: ${r.name}`)).toEqual([
      "budget: Budget 2026 Anlæg: ramme 1.000.000 kr. minus 200.000 kr. bundet af igangværende tiltag",
      "capacity: Kapacitet It-arkitektur 2026-03: 100 timer",
      "mandatory: Lovkrav: Tiltag A skal med",
      "underWay: I gang: Tiltag B skal med",
      "forcedIn: Tvunget ind: Tiltag C (Aftalt med direktionen)",
      "forcedOut: Tvunget ud: Tiltag D (Afventer KOMBIT)",
      "requires: Tiltag C forudsætter Tiltag A",
      "excludes: Tiltag A og Tiltag D udelukker hinanden",
      "group: Alt eller intet: Tiltag B, Tiltag C, Tiltag D",
      "group: Alt eller intet: Tiltag B, Tiltag C, Tiltag D",
    ]);
    expect(model.rows[1]).toMatchObject({ op: "<=", rhs: 100, terms: [{ variable: 0, coef: 80 }] });
  });

  it("refuses a dependency on an initiative that is not a candidate (programmer error)", () => {
    expect(() => buildSelectionModel({ ...base, requires: [[A, id(99)]] })).toThrow();
  });
});

describe("the optimum by brute force", () => {
  it.each<{ name: string; input: SelectionInput; selected: InitiativeId[]; value: number }>([
    { name: "one budget row", input: base, selected: [B, C, D], value: 75 },
    {
      name: "two budget years (2027 Drift 300.000 kr. rules out B+C)",
      input: {
        ...base,
        candidates: [
          aCandidate(1, 40, 500_000, {
            costs: [
              { year: 2026, kind: "Anlæg", amount: 500_000 },
              { year: 2027, kind: "Drift", amount: 100_000 },
            ],
          }),
          aCandidate(2, 30, 300_000, {
            costs: [
              { year: 2026, kind: "Anlæg", amount: 300_000 },
              { year: 2027, kind: "Drift", amount: 200_000 },
            ],
          }),
          aCandidate(3, 25, 300_000, {
            costs: [
              { year: 2026, kind: "Anlæg", amount: 300_000 },
              { year: 2027, kind: "Drift", amount: 200_000 },
            ],
          }),
          aCandidate(4, 20, 200_000),
        ],
        frames: [...base.frames, { year: 2027, kind: "Drift", amount: 300_000 }],
      },
      selected: [A, B],
      value: 70,
    },
    {
      name: "capacity (It-arkitektur 2026-03: 100 timer; A 80, B 40, C 70)",
      input: {
        ...base,
        candidates: [
          aCandidate(1, 40, 500_000, {
            hours: [{ competence: "It-arkitektur", period: "2026-03", hours: 80 }],
          }),
          aCandidate(2, 30, 300_000, {
            hours: [{ competence: "It-arkitektur", period: "2026-03", hours: 40 }],
          }),
          aCandidate(3, 25, 300_000, {
            hours: [{ competence: "It-arkitektur", period: "2026-03", hours: 70 }],
          }),
          aCandidate(4, 20, 200_000),
        ],
        capacity: [{ competence: "It-arkitektur", period: "2026-03", hours: 100 }],
      },
      selected: [A, D],
      value: 60,
    },
  ])("$name", ({ input, selected, value }) => {
    expect(optimum(input)).toEqual({ selected, value });
  });

  it.each<{
    name: string;
    extra: Partial<SelectionInput>;
    selected: InitiativeId[];
    value: number;
  }>([
    { name: "D requires A", extra: { requires: [[D, A]] }, selected: [A, B], value: 70 },
    { name: "B excludes C", extra: { excludes: [[B, C]] }, selected: [A, B], value: 70 },
    { name: "A and D all or none", extra: { groups: [[A, D]] }, selected: [A, D], value: 60 },
    {
      name: "B forced out",
      extra: { forcedOut: [{ candidate: B, reason: "Udskudt" }] },
      selected: [A, C],
      value: 65,
    },
    {
      name: "A forced in",
      extra: { forcedIn: [{ candidate: A, reason: "Borgmesterens ønske" }] },
      selected: [A, B],
      value: 70,
    },
  ])("honours $name", ({ extra, selected, value }) => {
    expect(optimum({ ...base, ...extra })).toEqual({ selected, value });
  });

  it.each([{ flag: "mandatory" as const }, { flag: "underWay" as const }])(
    "forces in a candidate that is $flag even at low value",
    ({ flag }) => {
      const candidates: SelectionCandidate[] = [
        ...base.candidates.slice(0, 3),
        aCandidate(4, 1, 200_000, { [flag]: true }),
      ];
      // With D in, 600.000 kr. remain: B+C (55) beats A alone (40).
      expect(optimum({ ...base, candidates })).toEqual({ selected: [B, C, D], value: 56 });
    },
  );

  it("finds no solution when forced items break a frame", () => {
    expect(
      optimum({
        ...base,
        forcedIn: [
          { candidate: A, reason: "x" },
          { candidate: B, reason: "y" },
          { candidate: C, reason: "z" },
        ],
      }),
    ).toBeNull();
  });

  it("equals a knapsack dynamic programme on random single-budget instances", () => {
    const rnd = seeded(5);
    for (let run = 0; run < 40; run++) {
      const n = 1 + Math.floor(rnd() * 12);
      const costs = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 20));
      const values = Array.from({ length: n }, () => Math.floor(rnd() * 50));
      const cap = Math.floor(rnd() * 60);
      const model = buildSelectionModel({
        candidates: costs.map((c, i) => aCandidate(i + 1, values[i] ?? 0, c)),
        frames: [{ year: 2026, kind: "Anlæg", amount: cap }],
        capacity: [],
      });
      // 0/1 knapsack by dynamic programming over the capacity: best[w] = best value within w.
      const best = new Array<number>(cap + 1).fill(0);
      costs.forEach((c, i) => {
        for (let w = cap; w >= c; w--) {
          best[w] = Math.max(best[w] ?? 0, (best[w - c] ?? 0) + (values[i] ?? 0));
        }
      });
      const s = solveByBruteForce(model);
      expect(s?.value).toBe(best[cap]);
      expect(s && isFeasible(model, s.x)).toBe(true);
    }
  });

  it("refuses more than 20 candidates (programmer error)", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: Array.from({ length: 21 }, (_, i) => aCandidate(i + 1, 1, 1)),
    });
    expect(() => solveByBruteForce(model)).toThrow();
  });
});

describe("the greedy baseline", () => {
  it("takes the highest values first and ends below the optimum on a crafted case", () => {
    const model = buildSelectionModel(base);
    const greedy = solveGreedyByScore(model);
    const best = solveByBruteForce(model);
    expect(greedy && selectedIds(model, greedy)).toEqual([A, B]);
    expect(greedy?.value).toBe(70);
    expect(best?.value).toBe(75);
  });

  it("keeps forced items and dependencies", () => {
    const model = buildSelectionModel({
      ...base,
      forcedIn: [{ candidate: D, reason: "x" }],
      requires: [[B, C]],
    });
    const greedy = solveGreedyByScore(model);
    expect(greedy && isFeasible(model, greedy.x)).toBe(true);
    // D forced (200.000); A fits (700.000); B would need C too (1.300.000): left out.
    expect(greedy && selectedIds(model, greedy)).toEqual([A, D]);
  });

  it("is never better than the optimum on random instances", () => {
    const rnd = seeded(11);
    for (let run = 0; run < 30; run++) {
      const n = 2 + Math.floor(rnd() * 8);
      const candidates = Array.from({ length: n }, (_, i) =>
        aCandidate(i + 1, Math.floor(rnd() * 40), Math.floor(rnd() * 400_000), {
          hours: [{ competence: "Test", period: "2026-K1", hours: Math.floor(rnd() * 60) }],
        }),
      );
      const model = buildSelectionModel({
        candidates,
        frames: [{ year: 2026, kind: "Anlæg", amount: 800_000 }],
        capacity: [{ competence: "Test", period: "2026-K1", hours: 100 }],
        excludes: n > 3 ? [[id(1), id(2)]] : [],
      });
      const greedy = solveGreedyByScore(model);
      const best = solveByBruteForce(model);
      expect(greedy && isFeasible(model, greedy.x)).toBe(true);
      expect(greedy?.value ?? -1).toBeLessThanOrEqual(best?.value ?? -1);
    }
  });
});

describe("explaining infeasibility", () => {
  it("names the frame the forced items break and by how much", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [
        ...base.candidates.slice(0, 2),
        aCandidate(3, 25, 300_000, { mandatory: true }),
        base.candidates[3]!,
      ],
      forcedIn: [
        { candidate: A, reason: "x" },
        { candidate: B, reason: "y" },
      ],
    });
    expect(explainInfeasibility(model)).toEqual([
      {
        row: "Budget 2026 Anlæg: ramme 1.000.000 kr. minus 200.000 kr. bundet af igangværende tiltag",
        kind: "budget",
        excess: 300_000,
        unit: "kr.",
        involved: [A, B, C],
        message:
          "Budget 2026 Anlæg: ramme 1.000.000 kr. minus 200.000 kr. bundet af igangværende tiltag: overskrides med 300.000 kr. (Tiltag A, Tiltag B, Tiltag C).",
      },
    ]);
  });

  it("follows requirements: forcing A in, which requires B, clashes with B forced out", () => {
    const model = buildSelectionModel({
      ...base,
      forcedIn: [{ candidate: A, reason: "x" }],
      forcedOut: [{ candidate: B, reason: "Udskudt" }],
      requires: [[A, B]],
    });
    const rows = explainInfeasibility(model);
    expect(rows.map((r) => [r.kind, r.row, r.excess])).toEqual([
      ["forcedOut", "Tvunget ud: Tiltag B (Udskudt)", 1],
    ]);
    expect(solveByBruteForce(model)).toBeNull();
  });

  it("names the capacity row in hours", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [
        aCandidate(1, 40, 0, {
          underWay: true,
          hours: [{ competence: "Jura og GDPR", period: "2026-05", hours: 90 }],
        }),
        aCandidate(2, 30, 0, {
          mandatory: true,
          hours: [{ competence: "Jura og GDPR", period: "2026-05", hours: 30 }],
        }),
      ],
      capacity: [{ competence: "Jura og GDPR", period: "2026-05", hours: 100 }],
    });
    expect(explainInfeasibility(model).map((r) => r.message)).toEqual([
      "Kapacitet Jura og GDPR 2026-05: 100 timer: overskrides med 20 timer (Tiltag A, Tiltag B).",
    ]);
  });

  it("is empty when the forced items fit", () => {
    expect(
      explainInfeasibility(
        buildSelectionModel({ ...base, forcedIn: [{ candidate: A, reason: "x" }] }),
      ),
    ).toEqual([]);
  });
});

describe("why a candidate was not selected", () => {
  it("names the budget row and the amount it would take", () => {
    const model = buildSelectionModel(base);
    const s = solveByBruteForce(model)!;
    const why = whyNotSelected(model, s, A);
    expect(why).toMatchObject({ kind: "blocked", valueGain: 40 });
    if (why.kind !== "blocked") return;
    expect(why.rows.map((r) => [r.kind, r.excess, r.involved])).toEqual([
      ["budget", 500_000, [A, B, C, D]],
    ]);
    expect(why.message).toContain("Tiltag A er ikke valgt: Budget 2026 Anlæg");
    expect(why.message).toContain("overskrides med 500.000 kr.");
  });

  it("names every row that binds: budget and capacity", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [
        aCandidate(1, 40, 500_000, {
          hours: [{ competence: "Test", period: "2026-03", hours: 80 }],
        }),
        aCandidate(2, 30, 300_000, {
          hours: [{ competence: "Test", period: "2026-03", hours: 40 }],
        }),
        aCandidate(3, 25, 300_000, {
          hours: [{ competence: "Test", period: "2026-03", hours: 70 }],
        }),
        aCandidate(4, 20, 200_000),
      ],
      capacity: [{ competence: "Test", period: "2026-03", hours: 100 }],
    });
    const s = solveByBruteForce(model)!;
    expect(selectedIds(model, s)).toEqual([A, D]);
    const why = whyNotSelected(model, s, B);
    expect(why.kind === "blocked" && why.rows.map((r) => [r.kind, r.excess])).toEqual([
      ["budget", 200_000],
      ["capacity", 20],
    ]);
  });

  it("names the exclusion and the forced-out reason", () => {
    const model = buildSelectionModel({
      ...base,
      excludes: [[A, B]],
      forcedOut: [{ candidate: A, reason: "Afventer lovgivning" }],
    });
    const s = solveByBruteForce(model)!;
    const why = whyNotSelected(model, s, A);
    expect(why.kind === "blocked" && why.rows.map((r) => r.row)).toEqual([
      "Budget 2026 Anlæg: ramme 1.000.000 kr. minus 200.000 kr. bundet af igangværende tiltag",
      "Tvunget ud: Tiltag A (Afventer lovgivning)",
      "Tiltag A og Tiltag B udelukker hinanden",
    ]);
  });

  it("brings along what a candidate requires when judging it", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [...base.candidates, aCandidate(5, 5, 0)],
      requires: [[id(5), A]],
    });
    const s = solveByBruteForce(model)!;
    const why = whyNotSelected(model, s, id(5));
    // E costs nothing itself but requires A (500.000 kr.).
    expect(why.kind === "blocked" && why.rows.map((r) => [r.kind, r.excess])).toEqual([
      ["budget", 500_000],
    ]);
  });

  it("says when a candidate would fit but adds no value, and when it is selected", () => {
    const model = buildSelectionModel({
      ...base,
      candidates: [...base.candidates, aCandidate(5, 0, 0)],
    });
    const s = solveByBruteForce(model)!;
    expect(whyNotSelected(model, s, id(5))).toMatchObject({ kind: "noGain", valueGain: 0 });
    expect(whyNotSelected(model, s, B)).toEqual({ kind: "selected" });
  });
});
