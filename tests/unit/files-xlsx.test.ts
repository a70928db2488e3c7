/**
 * Excel files in and out (issue 4 §2 export, §6 import): cells to the plain strings the import
 * domain parses, workbooks made with ExcelJS in the test and read back through readTable, and
 * the portfolio export's header, typed cells, formats, widths, autofilter and frozen header.
 */
import ExcelJS from "exceljs";

import {
  budgetColumn,
  cellText,
  type ExportColumn,
  isDateFormat,
  isoOfSerial,
  numberFormat,
  plainNumber,
  PORTFOLIO_COLUMNS,
  type PortfolioExportRow,
  readTable,
  sheetDateOf,
  writePortfolioWorkbook,
} from "../../src/adapters/files/index.js";
import { isStoreError } from "../../src/domain/errors.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import { parseNumber } from "../../src/domain/import.js";
import { anInitiative, aRef } from "../support/builders.js";
import { owner } from "../support/builders-lifecycle.js";

async function bytesOf(wb: ExcelJS.Workbook): Promise<ArrayBuffer> {
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf).slice().buffer;
}

async function load(bytes: ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  return wb;
}

describe("cell values to text", () => {
  test.each<[string, unknown, string | undefined, string]>([
    ["empty", null, undefined, ""],
    ["a string as it is", "  Ærø ", undefined, "  Ærø "],
    ["a whole number", 1234567, "#,##0", "1234567"],
    ["a decimal with a point, no grouping", 1234567.5, '#,##0.00 "kr."', "1234567.5"],
    ["float noise dropped at 15 digits", 0.1 + 0.2, undefined, "0.3"],
    ["a negative number", -2500, undefined, "-2500"],
    ["a large number without exponent", 1e21, undefined, "1000000000000000000000"],
    ["a small number without exponent", 0.0000001, undefined, "0.0000001"],
    ["three decimals get a fourth so they are not read as thousands", 12.345, undefined, "12.3450"],
    ["a percentage as its fraction", 0.25, "0%", "0.25"],
    ["a date", new Date(Date.UTC(2027, 6, 1)), "dd-mm-yyyy", "2027-07-01"],
    [
      "a date-time",
      new Date(Date.UTC(2027, 6, 1, 9, 30)),
      "dd-mm-yyyy hh:mm",
      "2027-07-01T09:30:00",
    ],
    [
      "a date a hair before midnight rounds to it",
      new Date(Date.UTC(2027, 6, 1) - 0.4),
      undefined,
      "2027-07-01",
    ],
    ["a serial in a date format", 46569, "[$-406]d. mmmm yyyy", "2027-07-01"],
    ["a serial in a plain format stays a number", 46569, "0", "46569"],
    ["true", true, undefined, "ja"],
    ["false", false, undefined, "nej"],
    ["a formula's cached number", { formula: "A1*2", result: 500 }, undefined, "500"],
    [
      "a formula's cached date",
      { formula: "A1+1", result: new Date(Date.UTC(2026, 0, 2)) },
      "yyyy-mm-dd",
      "2026-01-02",
    ],
    [
      "a formula's cached serial in a date format",
      { formula: "A1+1", result: 46569 },
      "dd-mm-yyyy",
      "2027-07-01",
    ],
    ["a shared formula's cached text", { sharedFormula: "B2", result: "Ja" }, undefined, "Ja"],
    ["a formula without a cached value", { formula: "A1*2" }, undefined, ""],
    ["a formula's error", { formula: "1/0", result: { error: "#DIV/0!" } }, undefined, "#DIV/0!"],
    ["an error", { error: "#N/A" }, undefined, "#N/A"],
    [
      "rich text",
      { richText: [{ text: "Ny " }, { text: "platform", font: { bold: true } }] },
      undefined,
      "Ny platform",
    ],
    [
      "a hyperlink's text",
      { text: "KL-17", hyperlink: "https://example.dk/17" },
      undefined,
      "KL-17",
    ],
    [
      "a hyperlink with rich text",
      { text: { richText: [{ text: "KL-" }, { text: "18" }] }, hyperlink: "x" },
      undefined,
      "KL-18",
    ],
  ])("%s", (_name, value, numFmt, text) => {
    expect(cellText(value, numFmt)).toBe(text);
  });

  test("1904 workbooks count from 1904", () => {
    expect(isoOfSerial(45107, true)).toBe("2027-07-01");
    expect(isoOfSerial(46569, false)).toBe("2027-07-01");
  });

  test.each([1.234, 12.345, 0.125, 999.999, -1.5, 1234.567, 1234567.5, 0.3, 7])(
    "the import domain reads the text of %p back as the same number",
    (n) => {
      expect(parseNumber(plainNumber(n))).toBe(n);
    },
  );

  test.each<[string, boolean]>([
    ["General", false],
    ["0", false],
    ["#,##0.00", false],
    ['#,##0 "kr."', false],
    ['"DKK" #,##0', false],
    ["[Red]#,##0;[Blue]-#,##0", false],
    ["#,##0.00_);(#,##0.00)", false],
    ["0.00E+00", false],
    ["@", false],
    ["dd-mm-yyyy", true],
    ["yyyy-mm-dd", true],
    ["[$-406]d. mmmm yyyy", true],
    ["mmm-yy", true],
    ["hh:mm", true],
    ["[h]:mm:ss", true],
  ])("number format %p shows a date: %p", (format, isDate) => {
    expect(isDateFormat(format)).toBe(isDate);
  });
});

describe("readTable on .xlsx", () => {
  async function aWorkbook(): Promise<ArrayBuffer> {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet("Skjult");
    hidden.state = "hidden";
    hidden.addRow(["ikke", "dette"]);
    wb.addWorksheet("Tom");
    const ws = wb.addWorksheet("Tiltag");
    ws.addRow(["Ekstern reference", "Titel", "Frist", "Anlæg 2026", "Drift 2027", "Lovpligtig"]);
    ws.addRow(["KL-1", "Platform", new Date(Date.UTC(2027, 6, 1)), 1234567, 250000.5, true]);
    ws.getCell("C2").numFmt = "dd-mm-yyyy";
    ws.getCell("D2").numFmt = '#,##0 "kr."';
    ws.addRow([
      { text: "KL-2", hyperlink: "https://example.dk/2" },
      { richText: [{ text: "Sag " }, { text: "to", font: { italic: true } }] },
      46569,
      { formula: "D2*2", result: 2469134 },
      { formula: "1/0", result: { error: "#DIV/0!" } },
      false,
    ]);
    ws.getCell("C3").numFmt = "yyyy-mm-dd";
    ws.addRow([]);
    ws.addRow(["KL-4", "Efter en tom række"]);
    // Formatted but empty rows and columns at the end, as Excel leaves them.
    ws.getCell("H10").numFmt = "0";
    ws.getCell("H10").value = null;
    const other = wb.addWorksheet("Andet");
    other.addRow(["Titel"]);
    other.addRow(["Fra det andet ark"]);
    return bytesOf(wb);
  }

  test("reads the first visible sheet with values: dates ISO, numbers plain, formulas cached", async () => {
    const table = await readTable(await aWorkbook(), "liste.xlsx");
    expect(table).toEqual({
      format: "xlsx",
      sheet: "Tiltag",
      sheetNames: ["Skjult", "Tom", "Tiltag", "Andet"],
      headers: ["Ekstern reference", "Titel", "Frist", "Anlæg 2026", "Drift 2027", "Lovpligtig"],
      rows: [
        ["KL-1", "Platform", "2027-07-01", "1234567", "250000.5", "ja"],
        ["KL-2", "Sag to", "2027-07-01", "2469134", "#DIV/0!", "nej"],
        ["", "", "", "", "", ""],
        ["KL-4", "Efter en tom række", "", "", "", ""],
      ],
    });
  });

  test("reads a chosen sheet", async () => {
    const table = await readTable(await aWorkbook(), "liste.xlsx", { sheet: "Andet" });
    expect(table).toMatchObject({
      sheet: "Andet",
      headers: ["Titel"],
      rows: [["Fra det andet ark"]],
    });
  });

  test("a sheet that does not exist is named with the sheets there are", async () => {
    const e: unknown = await readTable(await aWorkbook(), "liste.xlsx", { sheet: "Ark9" }).catch(
      (x: unknown) => x,
    );
    expect(isStoreError(e, "Invalid")).toBe(true);
    expect((e as Error).message).toBe(
      "Arket »Ark9« findes ikke i filen (arkene er: Skjult, Tom, Tiltag, Andet).",
    );
  });

  test("is recognised by content even when named .csv", async () => {
    const table = await readTable(await aWorkbook(), "download.csv");
    expect(table.format).toBe("xlsx");
  });

  test("a workbook on the 1904 date system gives the same dates", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("Ark1");
    ws.addRow(["Titel", "Frist", "Serie"]);
    ws.addRow(["A", new Date(Date.UTC(2027, 6, 1)), 45107]);
    ws.getCell("B2").numFmt = "dd-mm-yyyy";
    ws.getCell("C2").numFmt = "[$-406]d. mmmm yyyy";
    const table = await readTable(await bytesOf(wb), "x.xlsx");
    expect(table.rows).toEqual([["A", "2027-07-01", "2027-07-01"]]);
  });

  test("a merged title cell gives its text once", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Ark1");
    ws.addRow(["Titel", "Budget", ""]);
    ws.mergeCells("B1:C1");
    ws.addRow(["A", 1, 2]);
    const table = await readTable(await bytesOf(wb), "x.xlsx");
    expect(table.headers).toEqual(["Titel", "Budget", ""]);
    expect(table.rows).toEqual([["A", "1", "2"]]);
  });
});

describe("writePortfolioWorkbook", () => {
  const rows: PortfolioExportRow[] = [
    {
      initiative: {
        ...anInitiative({
          title: "Ny ydelsesplatform",
          externalRef: "KOMBIT-1",
          mandatory: true,
          legalDeadline: "2027-06-30T22:00:00Z",
          area: aRef(1, "Borger, Kultur og Velfærd"),
          owner,
          priorityScore: 3.75,
        }),
        id: idOf<InitiativeId>(17),
      },
      budget: [
        { year: 2026, kind: "Anlæg", amount: 1_000_000 },
        { year: 2026, kind: "Anlæg", amount: 234_567 },
        { year: 2027, kind: "Drift", amount: 250_000 },
      ],
    },
    { initiative: anInitiative({ title: "Uden budget", externalRef: "" }) },
  ];
  const columns: ExportColumn<PortfolioExportRow>[] = [
    PORTFOLIO_COLUMNS.id,
    PORTFOLIO_COLUMNS.title,
    PORTFOLIO_COLUMNS.externalRef,
    PORTFOLIO_COLUMNS.area,
    PORTFOLIO_COLUMNS.owner,
    PORTFOLIO_COLUMNS.mandatory,
    PORTFOLIO_COLUMNS.legalDeadline,
    PORTFOLIO_COLUMNS.priorityScore,
    budgetColumn("Anlæg", 2026),
    budgetColumn("Drift", 2027),
  ];

  test("a Danish header row, typed cells with DKK and date formats", async () => {
    const wb = await load(await writePortfolioWorkbook(rows, columns, "da"));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Portefølje");
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "Digistyr-nr.",
      "Titel",
      "Ekstern reference",
      "Område",
      "Ejer",
      "Lovpligtig",
      "Lovkravsfrist",
      "Prioritetsscore",
      "Anlæg 2026",
      "Drift 2027",
    ]);
    expect(ws.getCell("A1").font?.bold).toBe(true);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe(17);
    expect(r2.getCell(2).value).toBe("Ny ydelsesplatform");
    expect(r2.getCell(4).value).toBe("Borger, Kultur og Velfærd");
    expect(r2.getCell(5).value).toBe("Sara Dahl");
    expect(r2.getCell(6).value).toBe("Ja");
    // 22:00 UTC on 30 June is midnight on 1 July in Copenhagen: the Danish date is kept.
    expect(r2.getCell(7).value).toEqual(new Date(Date.UTC(2027, 6, 1)));
    expect(r2.getCell(7).numFmt).toBe("dd-mm-yyyy");
    expect(r2.getCell(8).value).toBe(3.75);
    expect(r2.getCell(9).value).toBe(1_234_567);
    expect(r2.getCell(9).numFmt).toBe('#,##0 "kr."');
    expect(r2.getCell(10).value).toBe(250_000);
    const r3 = ws.getRow(3);
    expect(r3.getCell(2).value).toBe("Uden budget");
    expect(r3.getCell(6).value).toBe("Nej");
    expect(r3.getCell(7).value).toBeNull();
    expect(r3.getCell(9).value).toBeNull();
  });

  test("an autofilter on the header, the header frozen, widths from the contents", async () => {
    const wb = await load(await writePortfolioWorkbook(rows, columns, "da"));
    const ws = wb.worksheets[0]!;
    expect(ws.autoFilter).toBe("A1:J1");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const widths = ws.columns.map((c) => c.width);
    expect(widths[1]).toBe("Ny ydelsesplatform".length + 2);
    expect(widths[3]).toBe("Borger, Kultur og Velfærd".length + 2);
    expect(widths[5]).toBe(12); // "Lovpligtig" + 2
    expect(widths.every((w) => w !== undefined && w >= 8 && w <= 60)).toBe(true);
  });

  test("English titles and formats; values stay as the lists store them", async () => {
    const wb = await load(
      await writePortfolioWorkbook(
        rows,
        [PORTFOLIO_COLUMNS.phase, budgetColumn("Gevinst", 2028), PORTFOLIO_COLUMNS.mandatory],
        "en",
      ),
    );
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Portfolio");
    expect(ws.getRow(1).values).toEqual([undefined, "Phase", "Savings 2028", "Mandatory"]);
    expect(ws.getCell("A2").value).toBe("Idé");
    expect(ws.getCell("C2").value).toBe("Yes");
    expect(numberFormat("kroner", "en")).toBe('"DKK" #,##0');
  });

  test("an empty view still gives a header row with its filter", async () => {
    const wb = await load(await writePortfolioWorkbook([], [PORTFOLIO_COLUMNS.title], "da"));
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1);
    expect(ws.getCell("A1").value).toBe("Titel");
    expect(ws.autoFilter).toBe("A1:A1");
  });

  test.each([
    ["2027-07-01T00:00:00Z", "2027-07-01"],
    ["2027-06-30T22:00:00Z", "2027-07-01"],
    ["2026-12-31T23:30:00Z", "2027-01-01"],
    ["2026-03-01T09:00:00Z", "2026-03-01"],
  ])("the date-time %s is the Danish date %s", (iso, date) => {
    expect(sheetDateOf(iso, "Europe/Copenhagen")?.toISOString().slice(0, 10)).toBe(date);
  });
});
