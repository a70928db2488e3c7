import {
  describeConflict,
  diffFields,
  GOVERNANCE_FIELDS,
  INITIATIVE_EDIT_FIELDS,
  keepMine,
  pickFields,
  sameValue,
} from "../../src/domain/conflicts.js";
import { versionOf } from "../../src/domain/ids.js";
import { aRef } from "../support/builders.js";
import { aStoredInitiative, chair, lead, owner } from "../support/builders-lifecycle.js";

describe("sameValue compares as the user sees it", () => {
  it.each([
    ["equal text", "a", "a", true],
    ["different text", "a", "b", false],
    ["empty text and nothing", "", null, true],
    ["blank text and nothing", "  ", null, true],
    ["a person by id, whatever the name", owner, { ...owner, name: "Sara D." }, true],
    ["two people", owner, lead, false],
    ["a reference by id", aRef(1, "BKV"), aRef(1, "Borger og Kultur"), true],
    ["references as a set", [aRef(1), aRef(2)], [aRef(2, "x"), aRef(1, "y")], true],
    ["a reference added", [aRef(1)], [aRef(1), aRef(2)], false],
    ["no references and an empty list", [], [], true],
    ["the same instant written twice", "2026-10-01T00:00:00Z", "2026-10-01T00:00:00.000Z", true],
    ["two dates", "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z", false],
    ["yes and no", true, false, false],
    ["numbers", 3, 3, true],
    ["a value and nothing", "x", null, false],
  ])("%s", (_name, a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
    expect(sameValue(b, a)).toBe(same);
  });
});

describe("the fields of a conflict", () => {
  const base = aStoredInitiative({ title: "Booking", summary: "Gammel", owner, mandatory: false });
  const mine = { ...base, title: "Booking af lokaler", mandatory: true };
  const stored = {
    ...base,
    version: versionOf('"2"'),
    summary: "Ny af Birgitte",
    mandatory: true,
    modifiedBy: chair,
    modified: "2026-03-02T08:45:00Z",
  };

  it("lists every field of the form in order with both values, marking those that differ", () => {
    const diff = diffFields(INITIATIVE_EDIT_FIELDS, mine, stored, base);
    expect(diff.map((d) => d.field)).toEqual([...INITIATIVE_EDIT_FIELDS]);
    expect(diff.filter((d) => d.differs)).toEqual([
      {
        field: "title",
        mine: "Booking af lokaler",
        stored: "Booking",
        differs: true,
        changedByMe: true,
        changedByThem: false,
      },
      {
        field: "summary",
        mine: "Gammel",
        stored: "Ny af Birgitte",
        differs: true,
        changedByMe: false,
        changedByThem: true,
      },
    ]);
    // Both made the same change: not a difference, though each changed it.
    expect(diff.find((d) => d.field === "mandatory")).toMatchObject({
      differs: false,
      changedByMe: true,
      changedByThem: true,
    });
  });

  it("without the version the editor started from, who changed what is unknown", () => {
    const diff = diffFields(["title"] as const, mine, stored);
    expect(diff).toEqual([
      {
        field: "title",
        mine: "Booking af lokaler",
        stored: "Booking",
        differs: true,
        changedByMe: false,
        changedByThem: false,
      },
    ]);
  });

  it("says who saved the stored version and when, and which fields differ", () => {
    const c = describeConflict(INITIATIVE_EDIT_FIELDS, base, mine, stored);
    expect(c.differing).toEqual(["title", "summary"]);
    expect(c.storedBy).toEqual(chair);
    expect(c.storedAt).toBe("2026-03-02T08:45:00Z");
    expect(c.stored).toBe(stored);
  });

  it("governance conflicts compare the governance and the group's dates", () => {
    const g = { ...base, governance: "Selvstændig styregruppe" as const };
    const s = { ...base, governance: "Styregruppe" as const, standaloneGroupFrom: null };
    expect(describeConflict(GOVERNANCE_FIELDS, base, g, s).differing).toEqual(["governance"]);
  });
});

describe("keeping mine", () => {
  const base = aStoredInitiative({ title: "Booking", phase: "Idé" });
  const mine = { ...base, title: "Mit", summary: "Mit resumé" };
  const stored = {
    ...base,
    version: versionOf('"5"'),
    title: "Deres",
    summary: "Deres resumé",
    phase: "Behovsanalyse" as const,
    priority: 3,
  };

  it("writes my form fields over the stored version, with the stored version", () => {
    const kept = keepMine(INITIATIVE_EDIT_FIELDS, mine, stored);
    expect(kept).toMatchObject({ title: "Mit", summary: "Mit resumé", version: '"5"' });
  });

  it("keeps what is stored in fields outside the form (the phase, the priority)", () => {
    const kept = keepMine(INITIATIVE_EDIT_FIELDS, mine, stored);
    expect(kept).toMatchObject({ phase: "Behovsanalyse", priority: 3 });
  });

  it("picks a version's form fields (for resetting a form)", () => {
    expect(pickFields(["title", "phase"] as const, stored)).toEqual({
      title: "Deres",
      phase: "Behovsanalyse",
    });
  });
});
