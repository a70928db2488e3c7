/**
 * The scenarios page's reducer and helpers: a new value source drops the forced choices; saving
 * without a name is marked tried and a saved run clears the name; the solver's options are read
 * from the text typed with their ranges; a candidate moves between forced in, forced out and
 * free, never both ways at once.
 */
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  INITIAL_SCENARIOS_STATE,
  NO_CHOICES,
  type ScenariosAction,
  scenariosReducer,
  solveOptionsOf,
  withForced,
  withoutForced,
} from "../../src/ui/prioritization/scenarios/form-state.js";

const a = idOf<InitiativeId>(1);
const b = idOf<InitiativeId>(2);

function run(...actions: ScenariosAction[]) {
  return actions.reduce(scenariosReducer, INITIAL_SCENARIOS_STATE);
}

describe("the scenarios page's state", () => {
  it("starts with the priority score, no choices, gap 0 % and 30 seconds", () => {
    expect(run()).toEqual({
      source: "",
      choices: NO_CHOICES,
      gapPercent: "0",
      seconds: "30",
      title: "",
      titleTried: false,
    });
  });

  it("a new value source drops the forced choices", () => {
    const choices = withForced(NO_CHOICES, "in", { initiative: a, reason: "Lovkrav" });
    const s = run({ type: "choices", choices }, { type: "source", source: "4" });
    expect(s.source).toBe("4");
    expect(s.choices).toEqual(NO_CHOICES);
  });

  it("saving without a name is marked tried; a saved run clears the name", () => {
    const tried = run({ type: "title", value: "Plan A" }, { type: "saveTried" });
    expect(tried).toMatchObject({ title: "Plan A", titleTried: true });
    expect(scenariosReducer(tried, { type: "saved" })).toMatchObject({
      title: "",
      titleTried: false,
    });
  });
});

describe("the solver's options as typed", () => {
  it.each([
    ["0", "30", 0, 30, false, false],
    ["2,5", "60", 0.025, 60, false, false],
    ["50", "600", 0.5, 600, false, false],
    ["51", "30", 0.51, 30, true, false],
    ["-1", "30", -0.01, 30, true, false],
    ["x", "30", Number.NaN, 30, true, false],
    ["0", "0", 0, 0, false, true],
    ["0", "601", 0, 601, false, true],
  ])("gap %s %% and %s s", (gapPercent, seconds, gap, limit, gapBad, limitBad) => {
    const r = solveOptionsOf({ gapPercent, seconds });
    expect(r.options.gap).toBe(gap);
    expect(r.options.timeLimitSeconds).toBe(limit);
    expect([r.gapBad, r.limitBad]).toEqual([gapBad, limitBad]);
  });
});

describe("forcing a candidate", () => {
  it("forced in, then out: it is only out, with the new reason", () => {
    const inside = withForced(NO_CHOICES, "in", { initiative: a, reason: "Lovkrav" });
    const out = withForced(inside, "out", { initiative: a, reason: "Udskudt" });
    expect(out).toEqual({ forcedIn: [], forcedOut: [{ initiative: a, reason: "Udskudt" }] });
  });

  it("freeing one leaves the others forced", () => {
    const both = withForced(withForced(NO_CHOICES, "in", { initiative: a, reason: "r1" }), "out", {
      initiative: b,
      reason: "r2",
    });
    expect(withoutForced(both, a)).toEqual({
      forcedIn: [],
      forcedOut: [{ initiative: b, reason: "r2" }],
    });
  });
});
