/**
 * The adapters' field maps against lists-schema (issue 2 §2: "every field the adapters map
 * exists"): every mapped column exists in its list with a compatible type, lookups point at
 * the right list, every column of every list is mapped (nothing a user enters is dropped),
 * and the read/write shapes are SharePoint's (PLATFORM.md: person and lookup columns are
 * written as `<Name>Id`, arrays when multi-valued, read through `$expand`).
 */
import { listSchema, listSchemas } from "../../lists-schema/index.js";
import type { FieldType } from "../../lists-schema/types.js";
import {
  compileMapper,
  defineFieldMap,
  f,
  type FieldDescriptor,
  type FieldKind,
  isCompatible,
  odataString,
} from "../../src/adapters/sharepoint/field-map.js";
import { allFieldMaps, ballotMap, initiativeMap } from "../../src/adapters/sharepoint/maps.js";
import { planQuery } from "../../src/adapters/sharepoint/repository.js";
import type { AreaId, InitiativeId } from "../../src/domain/ids.js";
import { aPerson, aRef } from "../support/builders.js";

function descriptorsOf(props: object): [string, FieldDescriptor<unknown>][] {
  return Object.entries(props) as [string, FieldDescriptor<unknown>][];
}

const mapped = allFieldMaps.flatMap((map) =>
  descriptorsOf(map.props).map(([prop, d]) => ({ list: map.list, prop, d })),
);

describe("every field the adapters map", () => {
  it.each(mapped.map((m) => [`${m.list}.${m.prop}`, m] as const))(
    "%s exists in lists-schema with a compatible type",
    (_name, { list, d }) => {
      const schema = listSchema(list);
      const column =
        d.name === "Title"
          ? { type: "text" as FieldType, lookupList: undefined }
          : schema.fields.find((c) => c.name === d.name);
      expect(column).toBeDefined();
      expect(isCompatible(d.kind, column!.type)).toBe(true);
      if (d.target !== undefined) expect(column!.lookupList).toBe(d.target);
    },
  );

  it("covers every list of lists-schema exactly once", () => {
    expect(allFieldMaps.map((m) => m.list).sort()).toEqual(listSchemas.map((l) => l.name).sort());
  });

  it.each(listSchemas.map((l) => [l.name] as const))(
    "maps every column of %s, so nothing entered is dropped",
    (name) => {
      const map = allFieldMaps.find((m) => m.list === name)!;
      const names = new Set(descriptorsOf(map.props).map(([, d]) => d.name));
      expect(
        listSchema(name)
          .fields.map((c) => c.name)
          .filter((c) => !names.has(c)),
      ).toEqual([]);
      expect(names.has("Title")).toBe(true);
    },
  );
});

describe("defineFieldMap refuses maps that disagree with lists-schema", () => {
  it.each([
    ["a column that does not exist", { x: f.text("NoSuchColumn") }, /no column "NoSuchColumn"/],
    ["a type that does not fit", { x: f.person("Phase") }, /person cannot map column Phase/],
    [
      "a lookup to the wrong list",
      { x: f.lookup<AreaId>("StrategyGoal", "Areas") },
      /points at StrategyGoals, expected Areas/,
    ],
  ] as const)("%s", (_name, props, message) => {
    expect(() => defineFieldMap(listSchema("Initiatives"), props)).toThrow(message);
  });
});

describe("compatibility of kinds and schema types", () => {
  it.each<[FieldKind, FieldType, boolean]>([
    ["json", "note", true],
    ["json", "text", false],
    ["number", "currency", true],
    ["person", "multiperson", false],
    ["lookup", "multilookup", false],
    ["multichoice", "choice", false],
  ])("%s on a %s column: %s", (kind, type, expected) => {
    expect(isCompatible(kind, type)).toBe(expected);
  });
});

describe("reading and writing SharePoint's shapes", () => {
  it("writes people and lookups as <Name>Id, multi-valued ones as arrays, JSON as text", () => {
    const body = initiativeMap.write({
      title: "T",
      owner: aPerson({ id: 12 as never }),
      area: aRef<AreaId>(3),
      requires: [aRef<InitiativeId>(4), aRef<InitiativeId>(5)],
      legalDeadline: "2027-01-01T00:00:00Z",
      externalRef: "",
    });
    expect(body).toEqual({
      Title: "T",
      OwnerId: 12,
      AreaId: 3,
      RequiresId: [4, 5],
      LegalDeadline: "2027-01-01T00:00:00Z",
      ExternalRef: null,
    });
    expect(
      ballotMap.write({ payload: { entries: [{ candidate: 1 as InitiativeId, rank: 1 }] } }),
    ).toEqual({ Payload: '{"entries":[{"candidate":1,"rank":1}]}' });
  });

  it("reads expanded projections, verbose multi-values and empty columns", () => {
    const read = initiativeMap.read({
      Title: "T",
      Owner: { Id: 12, Title: "Jonas Lind", EMail: "jonas@x.dk" },
      Area: { Id: 3, Title: "BKV" },
      Requires: { results: [{ Id: 4, Title: "A" }] },
      Excludes: [],
      Phase: "Prioriteret",
      Mandatory: true,
      LegalDeadline: "2027-01-01T00:00:00.000Z",
      Priority: null,
    });
    expect(read).toMatchObject({
      title: "T",
      owner: { id: 12, name: "Jonas Lind", email: "jonas@x.dk" },
      area: { id: 3, title: "BKV" },
      requires: [{ id: 4, title: "A" }],
      excludes: [],
      phase: "Prioriteret",
      mandatory: true,
      legalDeadline: "2027-01-01T00:00:00Z",
      priority: null,
      projectLead: null,
      summary: "",
      governance: null,
    });
    // A ballot whose text is not JSON is marked, so it is not counted as an empty ballot.
    expect(ballotMap.read({ Payload: "not json" }).payload).toEqual({
      entries: [],
      unreadable: true,
    });
  });

  it("selects exactly the mapped columns and expands people and lookups", () => {
    expect(initiativeMap.select).toEqual(
      expect.arrayContaining(["Title", "Phase", "Area/Id", "Area/Title", "Owner/EMail"]),
    );
    expect(initiativeMap.select).not.toContain("Area");
    expect(initiativeMap.expand.sort()).toEqual(
      ["Area", "Excludes", "Owner", "ProjectLead", "Requires", "StrategyGoal"].sort(),
    );
  });
});

describe("OData filters", () => {
  it.each([
    ["plain", "KL-1", "'KL-1'"],
    ["one quote", "O'Brien", "'O''Brien'"],
    ["a closing attempt", "x' or 1 eq 1 or Title eq '", "'x'' or 1 eq 1 or Title eq '''"],
  ])("quotes a %s string literal", (_name, value, literal) => {
    expect(odataString(value)).toBe(literal);
  });

  it.each([
    ["an indexed choice", { phase: "Idé" }, ["Phase eq 'Idé'"]],
    ["an indexed lookup by id", { area: 3 }, ["AreaId eq 3"]],
    ["an indexed boolean as SharePoint stores it", { mandatory: true }, ["Mandatory eq 1"]],
    ["two indexed columns", { phase: "Idé", area: 3 }, ["Phase eq 'Idé' and AreaId eq 3"]],
    [
      "a Yes/No column last, the broadest first clause there is",
      { mandatory: false, phase: "Idé" },
      ["Phase eq 'Idé' and Mandatory eq 0"],
    ],
    [
      "several values of one indexed column, one query each",
      { phase: ["Idé", "Afvist"] },
      ["Phase eq 'Idé'", "Phase eq 'Afvist'"],
    ],
    ["a non-indexed column: nothing sent", { priorityScore: 7 }, [undefined]],
    ["a non-indexed person: nothing sent", { projectLead: 12 }, [undefined]],
    [
      "indexed and non-indexed: only the indexed one",
      { priorityScore: 7, source: "Staten" },
      ["Source eq 'Staten'"],
    ],
    ["no filter", {}, [undefined]],
  ] as const)("%s", (_name, where, filters) => {
    expect(planQuery(initiativeMap, where).filters).toEqual(filters);
  });
});

describe("compiled mappers", () => {
  const item = {
    Title: "Selvbetjening",
    Owner: { Id: 12, Title: "Jonas Lind", EMail: "jonas@x.dk" },
    Area: { Id: 3, Title: "BKV" },
    Requires: [{ Id: 4, Title: "A" }],
    Phase: "Prioriteret",
    Mandatory: 1,
    LegalDeadline: "2027-01-01T00:00:00Z",
    StandaloneGroupFrom: "2026-02-03T10:00:00.500Z",
    Priority: "7",
  };

  it("gives the same properties as each descriptor's own reader, in the selection's order", () => {
    const parts = descriptorsOf(initiativeMap.props).map(([prop, d]) => [prop, d.read] as const);
    const mapped = compileMapper(parts)(item);
    expect(Object.keys(mapped)).toEqual(parts.map(([prop]) => prop));
    for (const [prop, read] of parts) expect(mapped[prop]).toEqual(read(item));
  });

  it("gives a new object for every item", () => {
    const map = compileMapper([["title", (i) => i.Title]]);
    const a = map({ Title: "A" });
    const b = map({ Title: "B" });
    expect([a, b]).toEqual([{ title: "A" }, { title: "B" }]);
    expect(a).not.toBe(b);
  });

  it.each([
    ["keeps SharePoint's own shape as it is", "2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z"],
    ["drops whole milliseconds", "2027-01-01T00:00:00.000Z", "2027-01-01T00:00:00Z"],
    ["normalises an offset to UTC", "2027-01-01T01:00:00+01:00", "2027-01-01T00:00:00Z"],
    ["reads an unreadable date as empty", "ikke en dato", null],
    ["reads an empty column as empty", "", null],
  ])("a date-time column %s", (_name, value, expected) => {
    expect(initiativeMap.read({ LegalDeadline: value }).legalDeadline).toBe(expected);
  });
});
