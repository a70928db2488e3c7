/** The evaluation form's reducer: the year, and sections added, edited and removed. */
import { evaluationFormReducer, initialEvaluationForm } from "../../src/ui/reports/form-state.js";

const start = initialEvaluationForm(2026);

it("starts at the year given with one empty section", () => {
  expect(start).toEqual({ year: 2026, sections: [{ heading: "", text: "" }] });
});

it.each([
  [2027, 2027],
  [Number.NaN, 2026],
  [2026.5, 2026],
])("a year of %d gives %d", (year, expected) => {
  expect(evaluationFormReducer(start, { type: "year", year }).year).toBe(expected);
});

it("adds, edits and removes sections, each on its own", () => {
  let s = evaluationFormReducer(start, { type: "addSection" });
  s = evaluationFormReducer(s, { type: "heading", index: 1, value: "Effekt" });
  s = evaluationFormReducer(s, { type: "text", index: 1, value: "Færre styregrupper." });
  s = evaluationFormReducer(s, { type: "heading", index: 0, value: "Proces" });
  expect(s.sections).toEqual([
    { heading: "Proces", text: "" },
    { heading: "Effekt", text: "Færre styregrupper." },
  ]);
  s = evaluationFormReducer(s, { type: "removeSection", index: 0 });
  expect(s.sections).toEqual([{ heading: "Effekt", text: "Færre styregrupper." }]);
});
