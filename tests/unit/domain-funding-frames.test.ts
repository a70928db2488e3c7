import {
  type FrameEdit,
  frameHistory,
  framePicture,
  mayEditFrames,
  validateFrameEdit,
} from "../../src/domain/funding-frames.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import { rosterFrom } from "../../src/domain/roles.js";
import { aRef } from "../support/builders.js";
import { aStoredFrame, aStoredFrameChange, aStoredLine } from "../support/builders-funding.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";

const YEARS = [2026, 2027, 2028, 2029];

function anEdit(o: Partial<FrameEdit> = {}): FrameEdit {
  return {
    year: 2026,
    kind: "Anlæg",
    amount: 10_000_000,
    source: "Anlæg",
    reason: "Tillægsbevilling",
    ...o,
  };
}

describe("validateFrameEdit", () => {
  it.each([
    {
      name: "a negative frame",
      edit: { amount: -1 },
      code: "funding.problem.negativeFrame",
      field: "amount",
    },
    {
      name: "an amount that is not a number",
      edit: { amount: Number.NaN },
      code: "funding.problem.amountNotNumber",
      field: "amount",
    },
    { name: "øre", edit: { amount: 10.5 }, code: "funding.problem.wholeKroner", field: "amount" },
    {
      name: "a year outside the budget years",
      edit: { year: 2031 },
      code: "funding.problem.yearOutside",
      field: "year",
    },
    {
      name: "a year not given",
      edit: { year: Number.NaN },
      code: "funding.problem.yearOutside",
      field: "year",
    },
    {
      name: "a kind that has no frame",
      edit: { kind: "Gevinst" },
      code: "funding.problem.kind",
      field: "kind",
    },
    {
      name: "an unknown source",
      edit: { source: "Lotto" },
      code: "funding.problem.source",
      field: "source",
    },
    {
      name: "no reason",
      edit: { reason: "  " },
      code: "funding.problem.needReason",
      field: "reason",
    },
    {
      name: "a reason too long",
      edit: { reason: "x".repeat(4001) },
      code: "funding.problem.reasonTooLong",
      field: "reason",
    },
  ])("refuses $name, naming the field", ({ edit, code, field }) => {
    expect(validateFrameEdit(anEdit(edit), YEARS)).toEqual([
      expect.objectContaining({ code, field }),
    ]);
  });

  it("accepts a frame of 0 kr. in a budget year with no source", () => {
    expect(validateFrameEdit(anEdit({ amount: 0, source: null }), YEARS)).toEqual([]);
  });

  it("names every field that is wrong at once", () => {
    const problems = validateFrameEdit(anEdit({ year: 1999, amount: -5, reason: "" }), YEARS);
    expect(problems.map((p) => p.field)).toEqual(["year", "amount", "reason"]);
  });

  it("says which years are budget years", () => {
    expect(validateFrameEdit(anEdit({ year: 2031 }), YEARS)[0]?.params).toEqual({
      year: 2031,
      years: "2026, 2027, 2028, 2029",
    });
  });
});

describe("mayEditFrames", () => {
  it.each([
    { who: "the secretary", me: me(secretary, "secretary"), may: true },
    { who: "the chair", me: me(chair, "chair"), may: false },
    { who: "a member", me: me(member, "member"), may: false },
    { who: "a site owner", me: me(member, "owner"), may: false },
  ])("$who: $may", ({ me: m, may }) => {
    expect(mayEditFrames(m)).toBe(may);
  });
});

describe("frameHistory", () => {
  const roster = rosterFrom({ chair: [chair], secretary: [secretary] });

  it("lists a frame's changes newest first, each with the amount before it", () => {
    const { byFrame, uncounted } = frameHistory(
      [
        aStoredFrameChange({ id: 2, amount: 11_000_000, created: "2026-04-01T10:00:00Z" }),
        aStoredFrameChange({ id: 1, amount: 10_000_000, created: "2026-03-01T10:00:00Z" }),
        aStoredFrameChange({ id: 3, kind: "Drift", amount: 5_000_000 }),
      ],
      roster,
    );
    expect(uncounted).toEqual([]);
    expect(byFrame.get("2026|Anlæg")?.map((e) => [e.change.id, e.before])).toEqual([
      [2, 10_000_000],
      [1, null],
    ]);
    expect(byFrame.get("2026|Drift")).toHaveLength(1);
  });

  it("does not count a change written by someone who is not the secretary, and keeps it apart", () => {
    const { byFrame, uncounted } = frameHistory(
      [
        aStoredFrameChange({ id: 1, amount: 10_000_000, created: "2026-03-01T10:00:00Z" }),
        aStoredFrameChange({ id: 2, amount: 99_000_000, createdBy: member }),
        aStoredFrameChange({ id: 3, amount: 1, createdBy: null }),
      ],
      roster,
    );
    expect(uncounted.map((c) => c.id)).toEqual([2, 3]);
    expect(byFrame.get("2026|Anlæg")?.map((e) => e.change.id)).toEqual([1]);
  });
});

describe("framePicture", () => {
  const A = idOf<InitiativeId>(1);
  const B = idOf<InitiativeId>(2);
  const C = idOf<InitiativeId>(3);

  it("holds each year's frame against committed and planned, and the expected benefits", () => {
    const picture = framePicture({
      budgetYears: [2026, 2027],
      frames: [
        aStoredFrame({ id: 1, year: 2026, kind: "Anlæg", amount: 6_000_000 }),
        aStoredFrame({ id: 2, year: 2026, kind: "Anlæg", amount: 1_000_000, source: "Puljer" }),
        aStoredFrame({ id: 3, year: 2026, kind: "Drift", amount: 2_000_000 }),
        aStoredFrame({ id: 4, year: 2026, kind: "Gevinst", amount: 500_000 }),
      ],
      lines: [
        aStoredLine({ id: 1, initiative: aRef(1), year: 2026, kind: "Anlæg", amount: 4_000_000 }),
        aStoredLine({ id: 2, initiative: aRef(2), year: 2026, kind: "Anlæg", amount: 2_000_000 }),
        aStoredLine({ id: 3, initiative: aRef(3), year: 2026, kind: "Anlæg", amount: 9_000_000 }),
        aStoredLine({ id: 4, initiative: aRef(1), year: 2027, kind: "Gevinst", amount: -300_000 }),
        aStoredLine({ id: 5, initiative: aRef(2), year: 2027, kind: "Gevinst", amount: 100_000 }),
      ],
      initiatives: [
        { id: A, phase: "Gennemførelse" },
        { id: B, phase: "Klar til prioritering" },
        { id: C, phase: "Idé" },
      ],
      // C is in no scenario; A is already committed (not counted twice).
      planned: [A, B],
    });
    expect(picture.rows).toEqual([
      {
        year: 2026,
        kind: "Anlæg",
        frame: 7_000_000,
        committed: 4_000_000,
        planned: 2_000_000,
        left: 1_000_000,
      },
      { year: 2026, kind: "Drift", frame: 2_000_000, committed: 0, planned: 0, left: 2_000_000 },
      { year: 2027, kind: "Anlæg", frame: 0, committed: 0, planned: 0, left: 0 },
      { year: 2027, kind: "Drift", frame: 0, committed: 0, planned: 0, left: 0 },
    ]);
    expect(picture.benefits).toEqual([
      { year: 2026, committed: 0, planned: 0 },
      { year: 2027, committed: 300_000, planned: 100_000 },
    ]);
  });

  it("shows a year that has a frame but is not a budget year", () => {
    const picture = framePicture({
      budgetYears: [],
      frames: [aStoredFrame({ year: 2030, kind: "Drift", amount: 1 })],
      lines: [],
      initiatives: [],
      planned: [],
    });
    expect(picture.rows.map((r) => [r.year, r.kind])).toEqual([
      [2030, "Anlæg"],
      [2030, "Drift"],
    ]);
  });
});
