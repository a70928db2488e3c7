/**
 * The plan form's state: the pattern (quarterly, every n months, or single dates), time,
 * duration, place and kind, kept as the text the secretary typed and turned into the domain's
 * PlanForm (src/domain/meeting-plan.ts) for the preview and for creating. After creating, the
 * form is marked `justCreated` until it is changed: the same form would otherwise preview the
 * new meetings as clashing with themselves.
 */
import type { PlanForm, PlanPattern } from "../../../domain/meeting-plan.js";
import type { MeetingKind } from "../../../domain/vocabulary.js";

export type PlanMode = PlanPattern["kind"];

export interface PlanFormState {
  mode: PlanMode;
  /** Quarterly: the year, the nth weekday of the month in the quarter. */
  year: string;
  nth: string;
  weekday: string;
  monthInQuarter: string;
  /** Interval: the first date, every n months, how many. */
  firstDate: string;
  everyMonths: string;
  count: string;
  /** Single dates (at least one row). */
  dates: readonly string[];
  startTime: string;
  duration: string;
  location: string;
  kind: MeetingKind;
  /** Created from this form and not changed since. */
  justCreated: boolean;
}

/** The fields that are text as typed. */
export type PlanTextField =
  | "year"
  | "nth"
  | "weekday"
  | "monthInQuarter"
  | "firstDate"
  | "everyMonths"
  | "count"
  | "startTime"
  | "duration"
  | "location";

export type PlanFormAction =
  | { type: "text"; field: PlanTextField; value: string }
  | { type: "mode"; mode: PlanMode }
  | { type: "kind"; kind: MeetingKind }
  | { type: "date"; index: number; value: string }
  | { type: "addDate" }
  | { type: "removeDate"; index: number }
  | { type: "created" };

/** A new plan for `year`: the first Tuesday of each quarter, 09.00, two hours. */
export function initialPlanForm(year: number): PlanFormState {
  return {
    mode: "quarterly",
    year: String(year),
    nth: "1",
    weekday: "2",
    monthInQuarter: "0",
    firstDate: "",
    everyMonths: "3",
    count: "4",
    dates: [""],
    startTime: "09:00",
    duration: "120",
    location: "",
    kind: "Ordinært møde",
    justCreated: false,
  };
}

function changed(state: PlanFormState, action: PlanFormAction): PlanFormState {
  switch (action.type) {
    case "text":
      return { ...state, [action.field]: action.value };
    case "mode":
      return { ...state, mode: action.mode };
    case "kind":
      return { ...state, kind: action.kind };
    case "date":
      return {
        ...state,
        dates: state.dates.map((d, i) => (i === action.index ? action.value : d)),
      };
    case "addDate":
      return { ...state, dates: [...state.dates, ""] };
    case "removeDate":
      // The last row stays: single dates always have one to fill in.
      return state.dates.length <= 1
        ? state
        : { ...state, dates: state.dates.filter((_, i) => i !== action.index) };
    case "created":
      return state;
  }
}

export function planFormReducer(state: PlanFormState, action: PlanFormAction): PlanFormState {
  if (action.type === "created") return { ...state, justCreated: true };
  const next = changed(state, action);
  return next === state ? state : { ...next, justCreated: false };
}

/** The domain's plan form (numbers from the typed text; text that is no number is NaN). */
export function planFormValue(state: PlanFormState): PlanForm {
  const pattern: PlanPattern =
    state.mode === "quarterly"
      ? {
          kind: "quarterly",
          year: Number(state.year),
          weekday: Number(state.weekday),
          nth: Number(state.nth),
          monthInQuarter: Number(state.monthInQuarter),
        }
      : state.mode === "interval"
        ? {
            kind: "interval",
            firstDate: state.firstDate,
            everyMonths: Number(state.everyMonths),
            count: Number(state.count),
          }
        : { kind: "dates", dates: [...state.dates] };
  return {
    pattern,
    startTime: state.startTime,
    durationMinutes: Number(state.duration),
    location: state.location,
    kind: state.kind,
  };
}
