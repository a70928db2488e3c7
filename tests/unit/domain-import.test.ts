/**
 * Import of many initiatives (issue 4 §6): column mapping from Danish and English headers,
 * Danish and English number and date formats, row-numbered Danish errors, de-duplication by
 * external reference against the portfolio and within the file, and batches that never split
 * a row.
 */
import { type BudgetLineId, idOf, type InitiativeId, versionOf } from "../../src/domain/ids.js";
import {
  budgetTargetOf,
  type ColumnMapping,
  type ImportRow,
  parseDate,
  parseNumber,
  parseSource,
  parseYesNo,
  planBudgetLines,
  previewImport,
  splitIntoBatches,
  suggestMapping,
  updatedInitiative,
  validateMapping,
} from "../../src/domain/import.js";
import { aBudgetLine, anInitiative, aRef } from "../support/builders.js";
import {
  anExisting,
  anImportContext,
  aRow,
  aTable,
  KL_HEADERS,
} from "../support/builders-import.js";
import { owner } from "../support/builders-lifecycle.js";
import { inDanish, inRow } from "../support/problem-words.js";

const years = [2026, 2027, 2028, 2029];

describe("column mapping", () => {
  test("suggests targets from Danish headers", () => {
    expect(suggestMapping(KL_HEADERS)).toEqual([
      { field: "externalRef" },
      { field: "title" },
      { field: "source" },
      { field: "area" },
      { field: "need" },
      { field: "mandatory" },
      { field: "legalDeadline" },
      { field: "budget", kind: "Anlæg", year: 2026 },
      { field: "budget", kind: "Drift", year: 2027 },
    ]);
  });

  test("suggests targets from English headers, ignoring unknown ones and repeats", () => {
    expect(
      suggestMapping([
        "Name",
        "External ID",
        "Proposed solution",
        "Comments",
        "Title",
        "2028 savings",
        "Owner",
      ]),
    ).toEqual([
      { field: "title" },
      { field: "externalRef" },
      { field: "solution" },
      null,
      null,
      { field: "budget", kind: "Gevinst", year: 2028 },
      { field: "owner" },
    ]);
  });

  test.each([
    ["Anlæg 2026", { kind: "Anlæg", year: 2026 }],
    ["Anlæg (kr.) 2026", { kind: "Anlæg", year: 2026 }],
    ["drift_2027", { kind: "Drift", year: 2027 }],
    ["Besparelse 2029", { kind: "Gevinst", year: 2029 }],
    ["Capex 2026", { kind: "Anlæg", year: 2026 }],
    ["Budget 2026", null],
    ["Anlæg", null],
  ])("the header %j is budget column %j", (header, expected) => {
    expect(budgetTargetOf(header)).toEqual(expected);
  });

  test("a mapping without title, with a target twice, or a year outside the budget is refused", () => {
    const mapping: ColumnMapping = [
      { field: "need" },
      { field: "need" },
      { field: "budget", kind: "Anlæg", year: 2031 },
    ];
    expect(
      validateMapping(mapping, ["Behov", "Beskrivelse af behov", "Anlæg 2031"], years).map(
        inDanish,
      ),
    ).toEqual([
      "Vælg den kolonne, der indeholder titlen.",
      "Behov er valgt for både »Behov« og »Beskrivelse af behov«.",
      "Kolonnen »Anlæg 2031«: 2031 er ikke et af budgetårene (2026, 2027, 2028, 2029).",
    ]);
    expect(validateMapping(suggestMapping(KL_HEADERS), KL_HEADERS, years)).toEqual([]);
  });
});

describe("cells", () => {
  test.each([
    ["1.234.567,50", 1234567.5],
    ["1234567,5", 1234567.5],
    ["1234567.5", 1234567.5],
    ["1,234,567.50", 1234567.5],
    ["1.234", 1234],
    ["12.5", 12.5],
    ["1.234.567", 1234567],
    ["250000", 250000],
    ["kr. 12.500", 12500],
    ["12.500 kr.", 12500],
    ["12.500,-", 12500],
    ["1 234 567", 1234567],
    ["\u2212300", -300],
    ["-1.000,25", -1000.25],
    ["0", 0],
    ["", null],
    ["abc", null],
    ["1.23.4", null],
    ["1,2,3", null],
    ["12,34.5", null],
  ])("the number %j is %p", (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  test.each([
    ["01-07-2027", "2027-07-01T00:00:00Z"],
    ["1.7.2027", "2027-07-01T00:00:00Z"],
    ["31/12/2026", "2026-12-31T00:00:00Z"],
    ["2027-07-01", "2027-07-01T00:00:00Z"],
    ["2027-07-01T10:30:00Z", "2027-07-01T00:00:00Z"],
    ["29-02-2028", "2028-02-29T00:00:00Z"],
    ["29-02-2027", null],
    ["31-04-2027", null],
    ["2027-13-01", null],
    ["07/01/27", null],
    ["1. juli 2027", null],
  ])("the date %j is %p", (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  test.each([
    ["ja", true],
    ["X", true],
    ["Yes", true],
    ["nej", false],
    ["", false],
    ["måske", null],
  ])("the yes/no %j is %p", (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });

  test.each([
    ["KL/KOMBIT", "KL/KOMBIT"],
    ["kombit", "KL/KOMBIT"],
    ["staten", "Staten"],
    ["nye lovkrav", "Nye lovkrav"],
    ["Naboen", null],
  ])("the source %j is %p", (text, expected) => {
    expect(parseSource(text)).toBe(expected);
  });
});

describe("preview", () => {
  const mapping = suggestMapping(KL_HEADERS);

  test("a valid row becomes an initiative with its budget lines", () => {
    const preview = previewImport(aTable([aRow()]), mapping, anImportContext());
    expect(preview.problems).toEqual([]);
    const [row] = preview.rows;
    expect(row?.row).toBe(2);
    expect(row?.action).toEqual({ kind: "create" });
    expect(row?.initiative).toMatchObject({
      title: "Ny ydelsesplatform",
      externalRef: "KOMBIT-1",
      source: "KL/KOMBIT",
      area: { id: 1, title: "Borger, Kultur og Velfærd" },
      mandatory: true,
      legalDeadline: "2027-07-01T00:00:00Z",
      phase: "Idé",
    });
    expect(row?.budgetLines).toEqual([
      { title: "Anlæg 2026", initiative: null, year: 2026, kind: "Anlæg", amount: 1234567 },
      { title: "Drift 2027", initiative: null, year: 2027, kind: "Drift", amount: 250000 },
    ]);
  });

  test("bad cells give row-numbered Danish errors naming the column; good rows go on", () => {
    const rows = [
      aRow({ 0: "K-1" }),
      aRow({ 0: "K-2", 2: "Naboen", 3: "Teknik", 7: "mange penge" }),
      aRow({ 0: "K-3", 1: "", 6: "31-02-2027", 5: "måske" }),
      aRow({ 0: "K-4", 5: "ja", 6: "" }),
      aRow({ 0: "K-5", 8: "-100" }),
    ];
    const preview = previewImport(aTable(rows), mapping, anImportContext());
    expect(preview.rows.map((r) => r.row)).toEqual([2]);
    expect(preview.invalidRows).toEqual([3, 4, 5, 6]);
    expect(preview.problems.map(inRow)).toEqual([
      "3: Kilde: »Naboen« er ikke en kendt kilde (KL/KOMBIT, Staten, Anden offentlig myndighed, Nye lovkrav, Modnet teknologi, Fagområdets behov, Borgernes forventninger, Lederforum).",
      "3: Område: »Teknik« er ikke et kendt område.",
      "3: Anlæg 2026: »mange penge« er ikke et beløb.",
      "4: Lovpligtig: »måske« skal være ja eller nej.",
      "4: Lovkravsfrist: »31-02-2027« er ikke en dato (dd-mm-åååå eller åååå-mm-dd).",
      "4: Titel skal udfyldes.",
      "5: Lovkravsfrist skal udfyldes, når tiltaget er lovpligtigt.",
      "6: Drift 2027: beløbet må ikke være negativt.",
    ]);
    expect(preview.counts).toEqual({ create: 1, update: 0, skip: 0, invalid: 4, empty: 0 });
  });

  test("øre are rounded to whole kroner with a warning; empty rows are passed over", () => {
    const preview = previewImport(
      aTable([aRow({ 7: "1.234.567,50" }), ["", " ", "", "", "", "", "", "", ""]]),
      mapping,
      anImportContext(),
    );
    expect(preview.rows[0]?.budgetLines[0]?.amount).toBe(1234568);
    expect(preview.rows[0]?.warnings.map(inDanish)).toEqual([
      "Anlæg 2026 er afrundet til hele kroner (1.234.568).",
    ]);
    expect(preview.counts.empty).toBe(1);
  });

  test("without an area column the dialog's area is used; without it the row names the field", () => {
    const headers = ["Titel"];
    const withDefault = previewImport(
      aTable([["A"]], headers),
      suggestMapping(headers),
      anImportContext({ defaultArea: aRef(2, "Økonomi og Stab") }),
    );
    expect(withDefault.rows[0]?.initiative.area).toEqual(aRef(2, "Økonomi og Stab"));
    const without = previewImport(
      aTable([["A"]], headers),
      suggestMapping(headers),
      anImportContext(),
    );
    expect(without.problems.map(inRow)).toEqual(["2: Område skal udfyldes."]);
  });

  test("the owner is found by e-mail or name among the portal's people", () => {
    const headers = ["Titel", "Område", "Ejer"];
    const preview = previewImport(
      aTable(
        [
          ["A", "BKV", owner.email.toUpperCase()],
          ["B", "BKV", "Sara Dahl"],
          ["C", "BKV", "ukendt@x.dk"],
        ],
        headers,
      ),
      suggestMapping(headers),
      anImportContext(),
    );
    expect(preview.rows.map((r) => r.initiative.owner)).toEqual([owner, owner]);
    expect(preview.problems.map(inRow)).toEqual([
      "4: Ejer: »ukendt@x.dk« er ikke en kendt person på portalen.",
    ]);
  });
});

describe("de-duplication by external reference", () => {
  const mapping = suggestMapping(KL_HEADERS);
  const existing = [anExisting(7, "KOMBIT-1", "Ydelsesplatform")];

  test.each([
    ["update", { kind: "update", id: 7, version: '"4"' }],
    [
      "skip",
      {
        kind: "skip",
        id: 7,
        reason: { code: "import.skip.sameRef", params: { title: "Ydelsesplatform" } },
      },
    ],
  ] as const)("re-importing with %s never creates a duplicate", (onExisting, action) => {
    const preview = previewImport(
      aTable([aRow({ 0: " kombit-1 " })]),
      mapping,
      anImportContext({ existing, onExisting }),
    );
    expect(preview.rows.map((r) => r.action)).toEqual([action]);
    expect(preview.counts.create).toBe(0);
  });

  test("an update writes only the columns the file has", () => {
    const headers = ["ID", "Titel", "Område"];
    const preview = previewImport(
      aTable([["KOMBIT-1", "Nyt navn", "BKV"]], headers),
      suggestMapping(headers),
      anImportContext({ existing }),
    );
    expect(preview.rows[0]?.fields).toEqual(["externalRef", "title", "area"]);
  });

  test("a reference twice in the file is an error on the later row", () => {
    const preview = previewImport(
      aTable([aRow({ 0: "K-9" }), aRow({ 0: "K-8" }), aRow({ 0: "k-9" })]),
      mapping,
      anImportContext(),
    );
    expect(preview.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(preview.problems.map(inRow)).toEqual([
      "4: Ekstern reference: »k-9« står også i række 2.",
    ]);
  });

  test("rows without a reference are created, with a warning that a same-titled one is matched", () => {
    const preview = previewImport(
      aTable([aRow({ 0: "" }), aRow({ 0: "", 1: "Andet tiltag" })]),
      mapping,
      anImportContext({ existing }),
    );
    expect(preview.counts.create).toBe(2);
    expect(preview.rows[0]?.warnings).toEqual([{ code: "import.warning.noExternalRef" }]);
  });
});

describe("batches", () => {
  const row = (n: number, lines: number, kind: "create" | "skip" = "create"): ImportRow => ({
    row: n,
    action:
      kind === "create"
        ? { kind }
        : { kind, id: 1 as never, reason: { code: "import.skip.sameRef" } },
    initiative: {} as ImportRow["initiative"],
    fields: [],
    budgetLines: Array.from({ length: lines }, () => ({
      title: "",
      initiative: null,
      year: 2026,
      kind: "Drift" as const,
      amount: 1,
    })),
    warnings: [],
  });

  test.each([
    ["rows fill batches up to the limit", [row(2, 1), row(3, 1), row(4, 1)], 4, [[2, 3], [4]]],
    ["a row is never split across batches", [row(2, 2), row(3, 3)], 5, [[2], [3]]],
    [
      "a row larger than the limit gets its own batch",
      [row(2, 0), row(3, 9), row(4, 0)],
      4,
      [[2], [3], [4]],
    ],
    ["skipped rows are left out", [row(2, 0, "skip"), row(3, 0)], 10, [[3]]],
    ["nothing to write, no batches", [], 10, []],
  ])("%s", (_n, rows, max, expected) => {
    expect(splitIntoBatches(rows, max).map((b) => b.map((r) => r.row))).toEqual(expected);
  });

  test("a 200-row file in batches of 100 writes keeps every row once", () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 2, i % 4));
    const batches = splitIntoBatches(rows, 100);
    expect(batches.flat().map((r) => r.row)).toEqual(rows.map((r) => r.row));
    for (const b of batches)
      expect(b.reduce((s, r) => s + 1 + r.budgetLines.length, 0)).toBeLessThanOrEqual(100);
  });
});

test("a mandatory row whose deadline is not a date gets one problem for it, not two", () => {
  const preview = previewImport(
    aTable([aRow({ 5: "ja", 6: "31-02-2027" })]),
    suggestMapping(KL_HEADERS),
    anImportContext(),
  );
  expect(preview.problems.map(inRow)).toEqual([
    "2: Lovkravsfrist: »31-02-2027« er ikke en dato (dd-mm-åååå eller åååå-mm-dd).",
  ]);
});

describe("updates of existing initiatives", () => {
  const existing = [anExisting(7, "KOMBIT-1", "Ydelsesplatform")];

  test("a file without the area column may update (the stored area stays), not create", () => {
    const headers = ["ID", "Titel"];
    const preview = previewImport(
      aTable(
        [
          ["KOMBIT-1", "Nyt navn"],
          ["KOMBIT-2", "Helt nyt"],
        ],
        headers,
      ),
      suggestMapping(headers),
      anImportContext({ existing }),
    );
    expect(preview.rows.map((r) => [r.row, r.action.kind])).toEqual([[2, "update"]]);
    expect(preview.problems.map(inRow)).toEqual(["3: Område skal udfyldes."]);
  });

  test("an update row still has to satisfy the rules of the fields it fills", () => {
    const headers = ["ID", "Titel", "Område"];
    const preview = previewImport(
      aTable([["KOMBIT-1", "", "BKV"]], headers),
      suggestMapping(headers),
      anImportContext({ existing }),
    );
    expect(preview.problems.map(inRow)).toEqual(["2: Titel skal udfyldes."]);
  });

  test("updatedInitiative replaces only the file's fields, at the version the preview read", () => {
    const headers = ["ID", "Titel", "Område"];
    const [row] = previewImport(
      aTable([["KOMBIT-1", "Nyt navn", "ØS"]], headers),
      suggestMapping(headers),
      anImportContext({ existing }),
    ).rows;
    const current = {
      ...anInitiative({ title: "Gammelt navn", summary: "Bevares", externalRef: "KOMBIT-1" }),
      id: idOf<InitiativeId>(7),
      version: versionOf('"9"'),
    };
    expect(updatedInitiative(current, row!)).toEqual({
      ...current,
      title: "Nyt navn",
      area: { id: 2, title: "Økonomi og Stab" },
      version: '"4"',
    });
  });

  test("planBudgetLines replaces the amount of the same year and kind and adds the rest", () => {
    const ref = aRef<InitiativeId>(7, "X");
    const stored = (id: number, year: number, kind: "Anlæg" | "Drift", amount: number) => ({
      ...aBudgetLine({ year, kind, amount, initiative: ref }),
      id: idOf<BudgetLineId>(id),
      version: versionOf(`"${id}"`),
    });
    const line = (year: number, kind: "Anlæg" | "Drift" | "Gevinst", amount: number) => ({
      title: `${kind} ${year}`,
      initiative: null,
      year,
      kind,
      amount,
    });
    const plan = planBudgetLines(
      [stored(3, 2026, "Anlæg", 100), stored(2, 2026, "Anlæg", 5), stored(4, 2027, "Drift", 50)],
      [line(2026, "Anlæg", 200), line(2027, "Drift", 50), line(2028, "Gevinst", 70)],
      ref,
    );
    expect(plan.update).toEqual([{ ...stored(2, 2026, "Anlæg", 5), amount: 200 }]);
    expect(plan.add).toEqual([{ ...line(2028, "Gevinst", 70), initiative: ref }]);
  });
});
