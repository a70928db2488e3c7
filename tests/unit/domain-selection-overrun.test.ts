/**
 * Frames that what must be in already exceeds: how much, and the way on that optimises the free
 * candidates within what is left (`frameOverruns`, `withForcedFixed`).
 */
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  buildSelectionModel,
  explainInfeasibility,
  frameOverruns,
  selectedIds,
  type SelectionInput,
  solveByBruteForce,
  withForcedFixed,
} from "../../src/domain/selection.js";
import { aCandidate } from "../support/builders-selection.js";

const id = (n: number) => idOf<InitiativeId>(n);

/** 2026 Anlæg: frame 9.000.000, ongoing work 9.280.000 (as the demo data once had). */
function input(o: Partial<SelectionInput> = {}): SelectionInput {
  return {
    candidates: [
      aCandidate(1, 40, 500_000),
      aCandidate(2, 30, 300_000, {
        costs: [{ year: 2026, kind: "Drift", amount: 100_000 }],
      }),
      aCandidate(3, 25, 0, { costs: [] }),
    ],
    frames: [
      { year: 2026, kind: "Anlæg", amount: 9_000_000 },
      { year: 2026, kind: "Drift", amount: 1_000_000 },
    ],
    committed: [{ year: 2026, kind: "Anlæg", amount: 9_280_000 }],
    capacity: [],
    ...o,
  };
}

describe("frameOverruns", () => {
  it.each([
    {
      name: "ongoing work alone exceeds the frame",
      input: input(),
      expected: [
        {
          year: 2026,
          kind: "Anlæg",
          frame: 9_000_000,
          underWay: 9_280_000,
          forced: 0,
          overrun: 280_000,
          needed: 9_280_000,
        },
      ],
    },
    {
      name: "a candidate under way counts as work under way",
      input: input({
        committed: [{ year: 2026, kind: "Anlæg", amount: 8_800_000 }],
        candidates: [aCandidate(1, 40, 500_000, { underWay: true }), aCandidate(3, 25, 0)],
      }),
      expected: [
        {
          year: 2026,
          kind: "Anlæg",
          frame: 9_000_000,
          underWay: 9_300_000,
          forced: 0,
          overrun: 300_000,
          needed: 9_300_000,
        },
      ],
    },
    {
      name: "a legal demand adds to work under way as forced",
      input: input({
        committed: [{ year: 2026, kind: "Anlæg", amount: 8_800_000 }],
        candidates: [aCandidate(1, 40, 500_000, { mandatory: true })],
      }),
      expected: [
        {
          year: 2026,
          kind: "Anlæg",
          frame: 9_000_000,
          underWay: 8_800_000,
          forced: 500_000,
          overrun: 300_000,
          needed: 9_300_000,
        },
      ],
    },
    {
      name: "nothing when what must be in fits every frame",
      input: input({ committed: [{ year: 2026, kind: "Anlæg", amount: 8_000_000 }] }),
      expected: [],
    },
  ])("$name", ({ input: i, expected }) => {
    expect(frameOverruns(buildSelectionModel(i))).toEqual(expected);
  });

  it("names the same rows the infeasibility explanation breaks", () => {
    const model = buildSelectionModel(input());
    expect(explainInfeasibility(model).map((b) => b.kind)).toEqual(["budget"]);
    expect(frameOverruns(model)).toHaveLength(1);
  });
});

describe("withForcedFixed", () => {
  it("turns an overrun frame into a feasible run that spends nothing more in it", () => {
    const model = buildSelectionModel(input());
    expect(solveByBruteForce(model)).toBeNull();
    const fixed = withForcedFixed(model);
    const solution = solveByBruteForce(fixed);
    expect(solution).not.toBeNull();
    // A costs 500.000 in the exceeded frame: left out; B (Drift) and C (free) fit.
    expect(selectedIds(fixed, solution!)).toEqual([id(2), id(3)]);
    const anlaeg = fixed.rows.find((r) => r.budget?.kind === "Anlæg");
    expect(anlaeg?.rhs).toBe(0);
  });

  it("takes what must be in out of the rows and leaves what is left of the frame", () => {
    const model = buildSelectionModel(
      input({
        committed: [{ year: 2026, kind: "Anlæg", amount: 8_000_000 }],
        candidates: [
          aCandidate(1, 40, 500_000, { mandatory: true }),
          aCandidate(2, 30, 400_000),
          aCandidate(3, 25, 600_000),
        ],
      }),
    );
    const fixed = withForcedFixed(model);
    const row = fixed.rows.find((r) => r.budget?.kind === "Anlæg");
    expect(row?.rhs).toBe(500_000);
    expect(row?.terms.map((t) => t.variable)).toEqual([1, 2]);
    expect(row?.budget?.committed).toBe(8_500_000);
    // The same optimum either way when nothing is exceeded.
    expect(solveByBruteForce(fixed)?.x).toEqual(solveByBruteForce(model)?.x);
  });

  it("keeps variables, objective and the other rows", () => {
    const model = buildSelectionModel(input());
    const fixed = withForcedFixed(model);
    expect(fixed.variables).toEqual(model.variables);
    expect(fixed.objective).toEqual(model.objective);
    expect(fixed.rows.filter((r) => r.kind !== "budget")).toEqual(
      model.rows.filter((r) => r.kind !== "budget"),
    );
  });
});
