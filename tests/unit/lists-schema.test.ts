import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { Ajv } from "ajv";
import addFormatsImport from "ajv-formats";

import { listSchema, listSchemas } from "../../lists-schema/index.js";
import type { FieldSchema, ListSchema } from "../../lists-schema/types.js";
import { LEVEL_KEYS } from "../../src/provisioning/levels.js";

const folder = join(dirname(fileURLToPath(import.meta.url)), "../../lists-schema");
const listFiles = readdirSync(folder)
  .filter((f) => f.endsWith(".json") && f !== "list.schema.json")
  .sort();
const fromDisk = listFiles.map((file) => ({
  file,
  json: JSON.parse(readFileSync(join(folder, file), "utf8")) as ListSchema,
}));

// ajv-formats is CommonJS; under ESM its default export arrives wrapped.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ??
  addFormatsImport) as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(join(folder, "list.schema.json"), "utf8")) as object,
);

/**
 * Columns SharePoint adds to every list (or that clash with OData/system names); a custom
 * field with one of these internal names would be silently renamed or refused.
 * https://learn.microsoft.com/sharepoint/dev/schema/field-element-list
 */
const BUILT_IN = [
  "ID",
  "Id",
  "Title",
  "Author",
  "Editor",
  "Created",
  "Modified",
  "Attachments",
  "ContentType",
  "ContentTypeId",
  "FileRef",
  "FileLeafRef",
  "GUID",
  "Order",
  "Version",
  "OData",
  "LinkTitle",
];

const listCases = listSchemas.map((l) => [l.name, l] as const);
const allFields = listSchemas.flatMap((list) => list.fields.map((field) => ({ list, field })));
const lookups = allFields.filter(
  ({ field }) => field.type === "lookup" || field.type === "multilookup",
);

describe("lists-schema files", () => {
  it("holds at least every list of DESIGN.md §4", () => {
    const names = listSchemas.map((l) => l.name);
    for (const expected of [
      "Areas",
      "Initiatives",
      "BudgetLines",
      "BudgetFrames",
      "PhaseChanges",
      "Comments",
      "Criteria",
      "Comparisons",
      "WeightSets",
      "Rounds",
      "Ballots",
      "Scenarios",
      "Meetings",
      "AgendaItems",
      "Decisions",
      "Actions",
      "Resources",
      "Allocations",
      "FundingProposals",
      "Benefits",
      "BenefitMeasurements",
      "StatusReports",
      "StrategyGoals",
      "ActionPlans",
      "Barriers",
      "Settings",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(fromDisk.map((d) => [d.file, d.json] as const))(
    "%s is valid against list.schema.json",
    (_file, json) => {
      const ok = validate(json);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  it.each(fromDisk.map((d) => [d.file, d.json] as const))(
    "%s is named after its list and points at the JSON Schema",
    (file, json) => {
      expect(file).toBe(`${json.name}.json`);
      expect((json as unknown as { $schema: string }).$schema).toBe("./list.schema.json");
    },
  );

  it("exports every file exactly once, and nothing that is not a file", () => {
    expect(listSchemas.map((l) => `${l.name}.json`).sort()).toEqual(listFiles);
    expect(new Set(listSchemas.map((l) => l.name)).size).toBe(listSchemas.length);
  });

  it("gives every list a distinct Danish display title", () => {
    const titles = listSchemas.map((l) => l.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("finds a list by internal name and refuses an unknown one", () => {
    expect(listSchema("Initiatives").title).toBe("Tiltag");
    expect(() => listSchema("NoSuchList")).toThrow(/NoSuchList/);
  });
});

describe("internal names", () => {
  it.each(listCases)(
    "%s: list and field names are code-like, at most 32 characters and unique",
    (_name, list) => {
      // SharePoint fixes internal names at creation and cuts them at 32 characters; spaces
      // and non-ASCII become _x0020_ / _xHHHH_ (PLATFORM.md "SharePoint rules").
      const names = [list.name, ...list.fields.map((f) => f.name)];
      for (const name of names) {
        expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
        expect(name.length).toBeLessThanOrEqual(32);
      }
      const lower = list.fields.map((f) => f.name.toLowerCase());
      expect(new Set(lower).size).toBe(lower.length);
    },
  );

  it.each(listCases)("%s: no field clashes with a SharePoint built-in column", (_n, list) => {
    const builtIn = BUILT_IN.map((b) => b.toLowerCase());
    // Person and lookup values are written and filtered as <Name>Id (pnp-capture.txt), so no
    // other column of the list may be called that.
    const idColumns = list.fields
      .filter((o) => ["person", "multiperson", "lookup", "multilookup"].includes(o.type))
      .map((o) => `${o.name}Id`.toLowerCase());
    const clashes = list.fields
      .map((f) => f.name)
      .filter((n) => builtIn.includes(n.toLowerCase()) || idColumns.includes(n.toLowerCase()));
    expect(clashes).toEqual([]);
  });
});

describe("lookups", () => {
  it.each(lookups.map(({ list, field }) => [`${list.name}.${field.name}`, field] as const))(
    "%s targets an existing list and field",
    (_n, field) => {
      const target = listSchemas.find((l) => l.name === field.lookupList);
      expect(target).toBeDefined();
      const shown = field.lookupField ?? "Title";
      const shownExists = shown === "Title" || target!.fields.some((f) => f.name === shown);
      expect(shownExists).toBe(true);
    },
  );

  it("orders the lists so each lookup target is provisioned before the lists using it", () => {
    const position = new Map(listSchemas.map((l, i) => [l.name, i]));
    const late = lookups
      .filter(({ list, field }) => field.lookupList !== list.name)
      .filter(({ list, field }) => position.get(field.lookupList!)! > position.get(list.name)!)
      .map(({ list, field }) => `${list.name}.${field.name} → ${field.lookupList}`);
    expect(late).toEqual([]);
  });
});

describe("field rules SharePoint enforces", () => {
  /** Names the fields of a list that break a rule, so a failure says which. */
  const breaking = (list: ListSchema, ok: (f: FieldSchema) => boolean): string[] =>
    list.fields.filter((f) => !ok(f)).map((f) => f.name);

  it.each(listCases)("%s: unique only on indexed, indexable columns", (_n, list) => {
    // EnforceUniqueValues needs an index, and multi-line text and multi-valued columns cannot
    // be indexed (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-enforce-unique-values).
    const unindexable = ["note", "multichoice", "multiperson", "multilookup"];
    expect(breaking(list, (f) => !f.unique || f.indexed === true)).toEqual([]);
    expect(breaking(list, (f) => !f.indexed || !unindexable.includes(f.type))).toEqual([]);
  });

  it.each(listCases)("%s: every default is a valid value of its field", (_n, list) => {
    const valid = (f: FieldSchema): boolean => {
      if (f.default === undefined) return true;
      if (f.type === "choice") return f.choices?.includes(f.default) ?? false;
      if (f.type === "boolean") return f.default === "0" || f.default === "1";
      if (f.type === "number" || f.type === "currency") return !Number.isNaN(Number(f.default));
      return f.type === "text" || f.type === "note";
    };
    expect(breaking(list, valid)).toEqual([]);
  });

  it.each(listCases)("%s: no minimum above its maximum", (_n, list) => {
    expect(breaking(list, (f) => (f.min ?? -Infinity) <= (f.max ?? Infinity))).toEqual([]);
  });
});

describe("permissions", () => {
  const granted = (list: ListSchema) =>
    LEVEL_KEYS.flatMap((key) => (list.permissions[key] ?? []).map((group) => ({ key, group })));
  const itemLevelSecurity = (list: ListSchema) =>
    list.readSecurity !== 1 || list.writeSecurity !== 1;

  it.each(listCases)("%s grants each group at most one permission level", (_n, list) => {
    const groups = granted(list).map((g) => g.group);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it.each(listCases)(
    "%s uses Override List Behaviors (editor, readAll) only where item-level security needs it",
    (_n, list) => {
      // Without ReadSecurity/WriteSecurity 2, Read and Contribute already reach every item.
      const bypassing = granted(list).filter((g) => g.key === "editor" || g.key === "readAll");
      if (!itemLevelSecurity(list)) expect(bypassing).toEqual([]);
      // ReadSecurity 1: everyone reads every item with Read, so readAll would add nothing.
      if (list.readSecurity === 1) expect(list.permissions.readAll ?? []).toEqual([]);
    },
  );

  it("keeps ballots private to members: they write their own, the chair and secretariat read all and write none", () => {
    const ballots = listSchema("Ballots");
    expect(ballots.readSecurity).toBe(2);
    expect(ballots.writeSecurity).toBe(2);
    expect(ballots.permissions).toEqual({
      read: [],
      contribute: ["Medlemmer"],
      readAll: ["Formand", "Sekretariat"],
    });
    // No unique key beside item-level security: one ballot per member is decided when read.
    const key = ballots.fields.find((f) => f.name === "BallotKey");
    expect(key).toMatchObject({ indexed: true, required: true });
    expect(key?.unique ?? false).toBe(false);
  });

  it("lets everyone who may change an initiative's phase record the change as their own item", () => {
    // The owner of an idea (a member or a proposer) moves it into needs analysis; the chair and
    // the secretary make every other change (mayMakeTransition). Each record is its author's.
    const changes = listSchema("PhaseChanges");
    expect(changes.writeSecurity).toBe(2);
    expect([...changes.permissions.contribute].sort()).toEqual(
      ["Bidragydere", "Formand", "Medlemmer", "Sekretariat"].sort(),
    );
    expect(changes.permissions.editor ?? []).toEqual([]);
  });

  it("lets only the chair write minutes approvals, each approval the chair's own", () => {
    const approvals = listSchema("MinutesApprovals");
    expect(approvals.writeSecurity).toBe(2);
    expect(approvals.permissions).toEqual({
      read: ["Medlemmer", "Sekretariat", "Bidragydere"],
      contribute: ["Formand"],
    });
  });

  it("lets every committee group read the portfolio of initiatives", () => {
    const p = listSchema("Initiatives").permissions;
    const readers = [...p.read, ...p.contribute, ...(p.editor ?? []), ...(p.readAll ?? [])];
    expect(readers).toEqual(
      expect.arrayContaining(["Medlemmer", "Formand", "Sekretariat", "Bidragydere"]),
    );
  });

  it("gives the secretary the editor level exactly where it edits other people's items", () => {
    const editorLists = listSchemas
      .filter((l) => (l.permissions.editor ?? []).includes("Sekretariat"))
      .map((l) => l.name)
      .sort();
    expect(editorLists).toEqual(
      [
        "Allocations",
        "BenefitMeasurements",
        "BudgetLines",
        "Comments",
        "Initiatives",
        "StatusReports",
      ].sort(),
    );
  });

  it("indexes the columns the portfolio filters on, so 10,000 initiatives stay queryable", () => {
    // A filter on a non-indexed column over more than 5,000 items fails with
    // SPQueryThrottledException (PLATFORM.md; https://learn.microsoft.com/sharepoint/troubleshoot/lists-and-libraries/items-exceeds-list-view-threshold).
    const initiatives = listSchema("Initiatives");
    for (const name of [
      "Phase",
      "Area",
      "Source",
      "Governance",
      "Mandatory",
      "LatestStatus",
      "ExternalRef",
    ]) {
      expect(initiatives.fields.find((f) => f.name === name)?.indexed).toBe(true);
    }
  });
});

describe("list.schema.json refuses what SharePoint would refuse", () => {
  const aList = (fields: object[], extra: object = {}): object => ({
    $schema: "./list.schema.json",
    name: "Probe",
    title: "Prøve",
    description: "",
    readSecurity: 1,
    writeSecurity: 1,
    permissions: { read: ["Medlemmer"], contribute: [] },
    fields,
    ...extra,
  });
  const field = (o: object) => ({ name: "Probe", title: "Prøve", type: "text", ...o });

  it.each([
    ["full", "Full Control"],
    ["manage", "Edit (Manage Lists)"],
  ])("has no key %s: a committee group can never be given %s", (key) => {
    const list = aList([], { permissions: { read: [], contribute: [], [key]: ["Formand"] } });
    expect(validate(list)).toBe(false);
  });

  it("accepts a minimal valid list", () => {
    expect(validate(aList([field({ indexed: true, unique: true })]))).toBe(true);
  });

  it.each([
    ["a unique column that is not indexed", aList([field({ unique: true })])],
    ["an indexed multi-line text column", aList([field({ type: "note", indexed: true })])],
    [
      "an indexed multi-valued lookup",
      aList([field({ type: "multilookup", lookupList: "Areas", indexed: true })]),
    ],
    ["a choice column without choices", aList([field({ type: "choice" })])],
    ["a lookup without a target list", aList([field({ type: "lookup" })])],
    ["a text longer than SharePoint's 255", aList([field({ maxLength: 300 })])],
    ["a max length on a note", aList([field({ type: "note", maxLength: 10 })])],
    ["an internal name with a space", aList([field({ name: "Due Date" })])],
    ["an internal name over 32 characters", aList([field({ name: `A${"b".repeat(32)}` })])],
    ["an internal name with Danish letters", aList([field({ name: "Område" })])],
    ["an unknown group", aList([], { permissions: { read: ["Alle"], contribute: [] } })],
    ["item-level read security 4", aList([], { readSecurity: 4 })],
    ["an unknown field type", aList([field({ type: "url" })])],
  ])("refuses %s", (_what, json) => {
    expect(validate(json)).toBe(false);
  });
});
