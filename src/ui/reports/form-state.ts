/**
 * The evaluation form as a reducer (pure, unit-tested): the year and the committee's own text
 * sections, added, edited and removed.
 */
import type { EvaluationSection } from "../../domain/reports.js";

export interface EvaluationFormState {
  year: number;
  sections: EvaluationSection[];
}

export type EvaluationFormAction =
  | { type: "year"; year: number }
  | { type: "addSection" }
  | { type: "removeSection"; index: number }
  | { type: "heading"; index: number; value: string }
  | { type: "text"; index: number; value: string };

export function initialEvaluationForm(year: number): EvaluationFormState {
  return { year, sections: [{ heading: "", text: "" }] };
}

export function evaluationFormReducer(
  state: EvaluationFormState,
  action: EvaluationFormAction,
): EvaluationFormState {
  switch (action.type) {
    case "year":
      return Number.isInteger(action.year) ? { ...state, year: action.year } : state;
    case "addSection":
      return { ...state, sections: [...state.sections, { heading: "", text: "" }] };
    case "removeSection":
      return { ...state, sections: state.sections.filter((_, k) => k !== action.index) };
    case "heading":
    case "text": {
      const field = action.type === "heading" ? "heading" : "text";
      return {
        ...state,
        sections: state.sections.map((s, k) =>
          k === action.index ? { ...s, [field]: action.value } : s,
        ),
      };
    }
  }
}
