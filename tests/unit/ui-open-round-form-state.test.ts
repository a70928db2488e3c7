/**
 * The open-round form's reducer: a new form chooses every ready initiative and the first weight
 * set; typing and choosing change only their field; a submission is busy until it is opened
 * (the title cleared for the next round) or refused; the draft takes the method's setting, the
 * chosen candidates and the dates as the start and end of their days.
 */
import { idOf, type InitiativeId, type RoundId, type WeightSetId } from "../../src/domain/ids.js";
import type { Round, WeightSet } from "../../src/domain/prioritization.js";
import { problem } from "../../src/domain/problems.js";
import {
  dayToIso,
  initialOpenRoundState,
  type OpenRoundAction,
  type OpenRoundFormState,
  openRoundReducer,
  roundDraftOf,
} from "../../src/ui/prioritization/rounds/form-state.js";
import type { CandidateInitiative } from "../../src/use-cases/rounds.js";
import { aWeightSet } from "../support/builders.js";

const ready = [1, 2, 3].map(
  (n) => ({ id: idOf<InitiativeId>(n), title: `Tiltag ${n}` }) as CandidateInitiative,
);
const weightSets = [7, 8].map(
  (n) => ({ ...aWeightSet({ title: `Vægte ${n}` }), id: idOf<WeightSetId>(n) }) as WeightSet,
);

function run(...actions: OpenRoundAction[]): OpenRoundFormState {
  return actions.reduce(openRoundReducer, initialOpenRoundState(ready, weightSets));
}

describe("the open-round form's state", () => {
  it("starts with every ready initiative chosen, the first weight set and 10 dots", () => {
    const s = run();
    expect([...s.chosen]).toEqual([1, 2, 3]);
    expect(s).toMatchObject({ method: "Kriteriescore", weightSet: "7", points: "10", title: "" });
    expect(initialOpenRoundState(ready, []).weightSet).toBe("");
  });

  it.each([
    ["title", "Prioritering 2027"],
    ["points", "12"],
    ["budget", "1000000"],
    ["weightSet", "8"],
    ["opens", "2026-03-01"],
    ["closes", "2026-03-15"],
  ] as const)("typing in %s changes only that field", (field, value) => {
    const before = run();
    const after = openRoundReducer(before, { type: "set", field, value });
    expect(after[field]).toBe(value);
    expect({ ...after, [field]: before[field] }).toEqual(before);
  });

  it("leaves a candidate out and takes it back", () => {
    expect([...run({ type: "choose", candidate: 2, on: false }).chosen]).toEqual([1, 3]);
    expect([
      ...run(
        { type: "choose", candidate: 2, on: false },
        { type: "choose", candidate: 2, on: true },
      ).chosen,
    ]).toEqual([1, 3, 2]);
  });

  it("is busy while submitting; opened clears the title, a refusal keeps it", () => {
    const typed = run({ type: "set", field: "title", value: "Runde" }, { type: "submitted" });
    expect(typed).toMatchObject({ busy: true, error: null, opened: null });
    const opened = {
      round: { id: idOf<RoundId>(4), title: "Runde" } as Round,
      notice: { kind: "noChannel" as const },
    };
    expect(openRoundReducer(typed, { type: "opened", opened })).toMatchObject({
      busy: false,
      opened,
      title: "",
    });
    const refusal = problem("rounds.problem.weightSetRequired", undefined, "weightSet");
    expect(openRoundReducer(typed, { type: "failed", error: refusal })).toMatchObject({
      busy: false,
      error: refusal,
      title: "Runde",
    });
  });
});

describe("the round the form describes", () => {
  it("a Kriteriescore round takes the chosen weight set and no settings", () => {
    const d = roundDraftOf(
      run(
        { type: "set", field: "title", value: "  Runde  " },
        { type: "set", field: "weightSet", value: "8" },
      ),
      ready,
      weightSets,
    );
    expect(d).toMatchObject({
      title: "Runde",
      method: "Kriteriescore",
      weightSet: { id: 8, title: "Vægte 8" },
      settings: {},
      resultsVisibility: "Efter lukning",
    });
    expect(d.candidates.map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it.each([
    ["Prikker", { pointsPerMember: 10 }],
    ["Budget", { budgetPerMember: 500000 }],
    ["Rangordning", {}],
  ] as const)("a %s round takes its own setting and no weight set", (method, settings) => {
    const d = roundDraftOf(
      run({ type: "method", method }, { type: "set", field: "budget", value: "500000" }),
      ready,
      weightSets,
    );
    expect(d.settings).toEqual(settings);
    expect(d.weightSet).toBeNull();
  });

  it("takes only the chosen candidates, and the dates as the start and end of their days", () => {
    const d = roundDraftOf(
      run(
        { type: "choose", candidate: 1, on: false },
        { type: "set", field: "opens", value: "2026-03-01" },
        { type: "set", field: "closes", value: "2026-03-15" },
      ),
      ready,
      weightSets,
    );
    expect(d.candidates).toEqual([
      { id: 2, title: "Tiltag 2" },
      { id: 3, title: "Tiltag 3" },
    ]);
    expect(d.opens).toBe(new Date("2026-03-01T00:00:00").toISOString());
    expect(d.closes).toBe(new Date("2026-03-15T23:59:59").toISOString());
    expect(dayToIso("", true)).toBeNull();
  });
});
