import {
  EMPTY_FRAME_FORM,
  frameEditOf,
  frameFormReducer,
  parseAmount,
} from "../../src/ui/funding/form-state.js";

describe("parseAmount", () => {
  it.each([
    ["9280000", 9_280_000],
    ["9.280.000", 9_280_000],
    ["9 280 000 kr.", 9_280_000],
    ["-5", -5],
    ["12,5", 12.5],
    ["", Number.NaN],
    ["ni millioner", Number.NaN],
  ])("%s → %s", (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });
});

describe("the frame form", () => {
  it("opens at a frame with the amount filled in, as the optimizer's link asks", () => {
    const state = frameFormReducer(EMPTY_FRAME_FORM, {
      type: "open",
      year: 2026,
      kind: "Anlæg",
      amount: 9_880_000,
      source: "Anlæg",
    });
    expect(frameEditOf({ ...state, reason: "Plads til det igangværende" })).toEqual({
      year: 2026,
      kind: "Anlæg",
      amount: 9_880_000,
      source: "Anlæg",
      reason: "Plads til det igangværende",
    });
  });

  it("asks for no year and no source when none is chosen", () => {
    expect(frameEditOf(EMPTY_FRAME_FORM)).toEqual(
      expect.objectContaining({ year: Number.NaN, source: null, amount: Number.NaN }),
    );
  });

  it("is empty again after a save", () => {
    const typed = frameFormReducer(EMPTY_FRAME_FORM, {
      type: "field",
      field: "amount",
      value: "5",
    });
    expect(frameFormReducer(frameFormReducer(typed, { type: "tried" }), { type: "saved" })).toEqual(
      EMPTY_FRAME_FORM,
    );
  });
});
