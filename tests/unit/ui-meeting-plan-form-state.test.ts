/**
 * The plan form's reducer: each change sets one field and clears `justCreated`, the single
 * dates keep at least one row, and the state becomes the domain's PlanForm with numbers.
 */
import {
  initialPlanForm,
  type PlanFormAction,
  planFormReducer,
  type PlanFormState,
  planFormValue,
} from "../../src/ui/meetings/plan/form-state.js";

const run = (actions: PlanFormAction[], from: PlanFormState = initialPlanForm(2026)) =>
  actions.reduce(planFormReducer, from);

describe("the plan form's state", () => {
  test("a new form plans the first Tuesday of each quarter of its year, 09.00 for two hours", () => {
    expect(planFormValue(initialPlanForm(2027))).toEqual({
      pattern: { kind: "quarterly", year: 2027, weekday: 2, nth: 1, monthInQuarter: 0 },
      startTime: "09:00",
      durationMinutes: 120,
      location: "",
      kind: "Ordinært møde",
    });
  });

  test.each<[string, PlanFormAction[], Partial<PlanFormState>]>([
    [
      "a text field",
      [{ type: "text", field: "location", value: "Byrådssalen" }],
      { location: "Byrådssalen" },
    ],
    ["the mode", [{ type: "mode", mode: "interval" }], { mode: "interval" }],
    ["the kind", [{ type: "kind", kind: "Temamøde" }], { kind: "Temamøde" }],
    ["a date row", [{ type: "date", index: 0, value: "2026-03-03" }], { dates: ["2026-03-03"] }],
    ["a new date row", [{ type: "addDate" }], { dates: ["", ""] }],
    [
      "a removed date row",
      [
        { type: "addDate" },
        { type: "date", index: 1, value: "2026-05-05" },
        { type: "removeDate", index: 0 },
      ],
      { dates: ["2026-05-05"] },
    ],
  ])("%s is changed", (_name, actions, expected) => {
    expect(run(actions)).toMatchObject(expected);
  });

  test("the last date row is not removed", () => {
    const state = initialPlanForm(2026);
    expect(planFormReducer(state, { type: "removeDate", index: 0 })).toBe(state);
  });

  test("created marks the form until it is changed", () => {
    const created = run([{ type: "created" }]);
    expect(created.justCreated).toBe(true);
    expect(run([{ type: "text", field: "startTime", value: "10:00" }], created).justCreated).toBe(
      false,
    );
  });

  test("every n months and single dates become their patterns; text that is no number is NaN", () => {
    const interval = run([
      { type: "mode", mode: "interval" },
      { type: "text", field: "firstDate", value: "2026-02-03" },
      { type: "text", field: "everyMonths", value: "2" },
      { type: "text", field: "count", value: "x" },
    ]);
    expect(planFormValue(interval).pattern).toEqual({
      kind: "interval",
      firstDate: "2026-02-03",
      everyMonths: 2,
      count: Number.NaN,
    });
    const dates = run([
      { type: "mode", mode: "dates" },
      { type: "date", index: 0, value: "2026-03-03" },
    ]);
    expect(planFormValue(dates).pattern).toEqual({ kind: "dates", dates: ["2026-03-03"] });
  });
});
