/**
 * The frame form: year, kind, amount (as typed, Danish or plain digits), source and reason, and
 * the edit it asks for. Opened from a link (the optimizer's "raise the frame") with the year,
 * kind and amount filled in.
 */
import type { FrameEdit } from "../../domain/funding-frames.js";

export interface FrameFormState {
  year: string;
  kind: string;
  amount: string;
  source: string;
  reason: string;
  /** Submitted once: show what is missing. */
  tried: boolean;
}

export type FrameFormAction =
  | { type: "field"; field: "year" | "kind" | "amount" | "source" | "reason"; value: string }
  | { type: "open"; year: number; kind: string; amount: number | null; source: string | null }
  | { type: "tried" }
  | { type: "saved" };

export const EMPTY_FRAME_FORM: FrameFormState = {
  year: "",
  kind: "Anlæg",
  amount: "",
  source: "",
  reason: "",
  tried: false,
};

export function frameFormReducer(state: FrameFormState, action: FrameFormAction): FrameFormState {
  switch (action.type) {
    case "field":
      return { ...state, [action.field]: action.value };
    case "open":
      return {
        ...EMPTY_FRAME_FORM,
        year: String(action.year),
        kind: action.kind,
        amount: action.amount === null ? "" : String(action.amount),
        source: action.source ?? "",
      };
    case "tried":
      return { ...state, tried: true };
    case "saved":
      return { ...EMPTY_FRAME_FORM };
  }
}

/**
 * An amount as typed: digits with Danish thousands dots or spaces and an optional "kr.", a
 * leading minus kept (so a negative frame is refused by its rule, not misread). NaN when it is
 * not a number.
 */
export function parseAmount(text: string): number {
  const t = text.replace(/kr\.?/i, "").replace(/[\s.]/g, "").replace(",", ".").trim();
  if (t === "" || !/^-?\d+(\.\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

export function frameEditOf(state: FrameFormState): FrameEdit {
  return {
    year: state.year === "" ? Number.NaN : Number(state.year),
    kind: state.kind,
    amount: parseAmount(state.amount),
    source: state.source === "" ? null : state.source,
    reason: state.reason,
  };
}
