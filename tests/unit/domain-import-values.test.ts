/**
 * Import rules beyond parsing: a file's source and area values mapped to the known ones
 * (synonyms from the charter's kinds of source, remembered choices, similarity), columns nothing
 * reads listed with where they could go, duplicates found by title in the same area, a legal
 * deadline already passed, and the importer as owner.
 */
import { type AreaId, idOf, type InitiativeId, versionOf } from "../../src/domain/ids.js";
import {
  mergeSynonyms,
  parseSource,
  parseSynonyms,
  parseValueMap,
  previewImport,
  rememberValues,
  serializeValueMap,
  SOURCE_SYNONYMS,
  suggestMapping,
  titleKey,
  unmappedColumns,
  valueMapOf,
  valueQuestions,
} from "../../src/domain/import.js";
import { aRef } from "../support/builders.js";
import { anImportContext, aTable } from "../support/builders-import.js";
import { lead, owner } from "../support/builders-lifecycle.js";
import { inDanish, inRow } from "../support/problem-words.js";

const areas = anImportContext().areas;
const basis = { areas, synonyms: SOURCE_SYNONYMS, remembered: {} };

describe("source values", () => {
  test.each([
    ["Internt behov", "Fagområdets behov"],
    ["Borgerforventning", "Borgernes forventninger"],
    ["Teknologi", "Modnet teknologi"],
    ["LOVGIVNING", "Nye lovkrav"],
    ["Region", "Anden offentlig myndighed"],
    ["kl", "KL/KOMBIT"],
    ["Modnet teknologi", "Modnet teknologi"],
    ["Naboen", null],
  ])("»%s« is read as %s", (text, source) => {
    expect(parseSource(text)).toBe(source);
  });

  test("configured synonyms add to the built-in ones; unknown values and junk are left out", () => {
    const configured = parseSynonyms(
      JSON.stringify({ Staten: ["Ministeriet for X"], Månen: ["x"], Lederforum: "ikke en liste" }),
      ["Staten", "Lederforum"],
    );
    expect(configured).toEqual({ Staten: ["Ministeriet for X"] });
    expect(parseSynonyms("{ikke json", ["Staten"])).toEqual({});
    expect(parseSource("ministeriet for x", mergeSynonyms(SOURCE_SYNONYMS, configured))).toBe(
      "Staten",
    );
  });
});

describe("the value step", () => {
  const headers = ["Titel", "Kilde", "Område"];
  const mapping = suggestMapping(headers);
  const table = aTable(
    [
      ["A", "KL/KOMBIT", "BKV"],
      ["B", "Internt behov", "Borger, kultur & velfærd"],
      ["C", "internt  behov", "Teknik og Miljø"],
      ["D", "Borgerforventningerne", "BKV"],
      ["E", "Kaffeautomat", "BKV"],
    ],
    headers,
  );

  test.each([
    ["source", "internt behov", "Fagområdets behov", "synonym", [3, 4]],
    ["source", "borgerforventningerne", "Borgernes forventninger", "similar", [5]],
    ["source", "kaffeautomat", null, null, [6]],
    ["area", "borger kultur velfaerd", "1", "similar", [3]],
    ["area", "teknik og miljo", null, null, [4]],
  ])("%s »%s« is suggested as %s (%s)", (field, key, suggestion, reason, rows) => {
    const q = valueQuestions(table, mapping, basis).find((x) => x.field === field && x.key === key);
    expect(q).toMatchObject({ suggestion, reason, rows });
  });

  test("values that are the known ones' own names ask nothing", () => {
    const keys = valueQuestions(table, mapping, basis).map((q) => q.key);
    expect(keys).not.toContain("kl kombit");
    expect(keys).not.toContain("bkv");
  });

  test("a choice made for an earlier file is suggested first, and remembered with the new ones", () => {
    const remembered = parseValueMap(serializeValueMap({ source: { kaffeautomat: "Lederforum" } }));
    const q = valueQuestions(table, mapping, { ...basis, remembered }).find(
      (x) => x.key === "kaffeautomat",
    );
    expect(q).toMatchObject({ suggestion: "Lederforum", reason: "remembered" });
    const chosen = valueMapOf([
      { field: "source", key: "internt behov", value: "Fagområdets behov" },
      { field: "area", key: "teknik og miljo", value: "2" },
      { field: "source", key: "x", value: null },
    ]);
    expect(rememberValues(remembered, chosen)).toEqual({
      source: { kaffeautomat: "Lederforum", "internt behov": "Fagområdets behov" },
      area: { "teknik og miljo": 2 },
    });
  });

  test("the mapped values let every row in; an unmapped unknown value is the row's error", () => {
    const values = valueMapOf([
      { field: "source", key: "internt behov", value: "Fagområdets behov" },
      { field: "source", key: "borgerforventningerne", value: "Borgernes forventninger" },
      { field: "area", key: "borger kultur velfaerd", value: "1" },
      { field: "area", key: "teknik og miljo", value: "2" },
    ]);
    const preview = previewImport(table, mapping, anImportContext({ values }));
    expect(preview.rows.map((r) => [r.row, r.initiative.source, r.initiative.area?.id])).toEqual([
      [2, "KL/KOMBIT", 1],
      [3, "Fagområdets behov", 1],
      [4, "Fagområdets behov", 2],
      [5, "Borgernes forventninger", 1],
    ]);
    expect(preview.invalidRows).toEqual([6]);
  });

  test("an unreadable remembered map is empty", () => {
    expect(parseValueMap("nej")).toEqual({});
    expect(parseValueMap(JSON.stringify({ source: { a: "Månen" }, area: { b: -1 } }))).toEqual({
      source: {},
      area: {},
    });
  });
});

describe("columns nothing reads", () => {
  test.each([
    ["Kompetencer", "kan indlæses som Ressourcebehov – vælg det ovenfor."],
    ["Kommentarer", "kan indlæses som Resumé – vælg det ovenfor."],
    ["Fase", expect.stringContaining("starter i fasen Idé")],
    ["Strategimål", expect.stringContaining("Strategisk mål kan ikke importeres")],
    ["Budget", expect.stringContaining("»Anlæg 2026«")],
    ["Farve", expect.stringContaining("har intet sted")],
  ])("»%s«: %s", (header, words) => {
    const table = aTable(
      [
        ["A", "x"],
        ["B", ""],
      ],
      ["Titel", header],
    );
    const [col] = unmappedColumns(table, suggestMapping(table.headers));
    expect(col).toMatchObject({ column: 1, header, filled: 1 });
    expect(col && inDanish(col.hint)).toEqual(words);
  });
});

describe("duplicates without an external reference", () => {
  const headers = ["Titel", "Område"];
  const mapping = suggestMapping(headers);
  const existing = [
    {
      id: idOf<InitiativeId>(9),
      title: "Ny  Ydelsesplatform",
      externalRef: "",
      version: versionOf('"3"'),
      area: idOf<AreaId>(1),
    },
  ];

  test.each([
    ["the same title in the same area is skipped", "ny ydelsesplatform ", "BKV", "skip", "skip"],
    ["…or updated, as chosen", "NY YDELSESPLATFORM", "BKV", "update", "update"],
    ["the same title in another area is new", "Ny ydelsesplatform", "ØS", "skip", "create"],
    ["another title is new", "Ny ydelsesplatform 2", "BKV", "skip", "create"],
  ] as const)("%s", (_, title, area, onExisting, kind) => {
    const preview = previewImport(
      aTable([[title, area]], headers),
      mapping,
      anImportContext({ existing, onExisting }),
    );
    expect(preview.rows.map((r) => r.action.kind)).toEqual([kind]);
  });

  test("a skipped row says it exists already", () => {
    const preview = previewImport(
      aTable([["ny ydelsesplatform", "BKV"]], headers),
      mapping,
      anImportContext({ existing, onExisting: "skip" }),
    );
    const action = preview.rows[0]?.action;
    expect(action?.kind === "skip" && inDanish(action.reason)).toBe(
      "Findes allerede som »Ny  Ydelsesplatform« (samme titel i samme område).",
    );
  });

  test("the same title twice in one area of the file is an error on the later row", () => {
    const preview = previewImport(
      aTable(
        [
          ["A", "BKV"],
          ["a ", "BKV"],
          ["A", "ØS"],
        ],
        headers,
      ),
      mapping,
      anImportContext(),
    );
    expect(preview.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(preview.problems.map(inRow)).toEqual([
      "3: Titel: »a« står også i række 2 (samme titel i samme område).",
    ]);
  });

  test("titles compare without case and repeated spaces", () => {
    expect(titleKey("  Ny   Platform ")).toBe(titleKey("ny platform"));
  });
});

describe("warnings and the owner", () => {
  const headers = ["Titel", "Område", "Lovpligtig", "Frist", "Ejer"];
  const mapping = suggestMapping(headers);
  const today = "2026-12-08T00:00:00Z";

  test.each([
    [
      "a deadline before today is warned about",
      "01-07-2026",
      ["Lovkravsfristen 2026-07-01 er allerede overskredet."],
    ],
    ["a deadline today is not", "08-12-2026", []],
    ["a later one is not", "01-07-2027", []],
  ])("%s", (_, deadline, words) => {
    const preview = previewImport(
      aTable([["A", "BKV", "ja", deadline, owner.email]], headers),
      mapping,
      anImportContext({ today }),
    );
    const codes = preview.rows[0]?.warnings.filter(
      (w) => w.code !== "import.warning.noExternalRef",
    );
    expect(codes?.map(inDanish)).toEqual(words);
  });

  test("the importer owns a created row whose file names no owner", () => {
    const preview = previewImport(
      aTable(
        [
          ["A", "BKV", "nej", "", ""],
          ["B", "BKV", "nej", "", owner.email],
        ],
        headers,
      ),
      mapping,
      anImportContext({ importer: lead }),
    );
    expect(preview.rows.map((r) => r.initiative.owner)).toEqual([lead, owner]);
    expect(preview.rows[0]?.warnings.map((w) => w.code)).toContain("import.warning.importerOwner");
  });

  test("an update does not get the importer as owner", () => {
    const preview = previewImport(
      aTable([["A", "BKV"]], ["Titel", "Område"]),
      suggestMapping(["Titel", "Område"]),
      anImportContext({
        importer: lead,
        onExisting: "update",
        existing: [
          {
            id: idOf<InitiativeId>(3),
            title: "A",
            externalRef: "",
            version: versionOf('"1"'),
            area: idOf<AreaId>(1),
          },
        ],
      }),
    );
    expect(preview.rows[0]?.fields).not.toContain("owner");
    expect(preview.rows[0]?.warnings).toEqual([]);
    expect(aRef(1, "x").id).toBe(1);
  });
});
