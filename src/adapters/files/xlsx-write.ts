/**
 * Rows of a table view to an .xlsx workbook: a header row in the user's language, typed cells
 * (numbers as numbers, kroner with a DKK format, dates as dates), column widths from the
 * contents, an autofilter on the header and the header frozen.
 */
import type { ExportCellKind, ExportColumn, ExportValue } from "../../domain/export-columns.js";
import type { Language } from "../../domain/language.js";
import { loadExcelJs } from "./excel.js";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface WorkbookOptions {
  /** The worksheet's name; default "Portefølje" / "Portfolio". */
  sheetName?: string;
  /** Whose calendar a date-time is shown in; default Europe/Copenhagen. */
  timeZone?: string;
}

/** Excel number formats by cell kind; Excel shows them with the reader's own separators. */
export function numberFormat(kind: ExportCellKind, language: Language): string | undefined {
  switch (kind) {
    case "kroner":
      return language === "da" ? '#,##0 "kr."' : '"DKK" #,##0';
    case "date":
      return language === "da" ? "dd-mm-yyyy" : "yyyy-mm-dd";
    case "integer":
      return "0";
    case "decimal":
      return "#,##0.00";
    case "percent":
      return "0%";
    case "text":
    case "yesNo":
      return undefined;
  }
}

/**
 * The calendar date of an ISO date-time in a time zone, as the UTC midnight Excel shows as that
 * date (Excel has no zones: ExcelJS writes a Date's UTC wall clock). Null when not a date.
 */
export function sheetDateOf(iso: string, timeZone: string): Date | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
}

/** What goes in the cell: a number, a Date, a string, or nothing. */
export function sheetValueOf(
  kind: ExportCellKind,
  value: ExportValue,
  language: Language,
  timeZone: string,
): string | number | Date | null {
  if (value === null || value === undefined || value === "") return null;
  switch (kind) {
    case "yesNo":
      if (typeof value === "boolean") {
        return language === "da" ? (value ? "Ja" : "Nej") : value ? "Yes" : "No";
      }
      return String(value);
    case "date":
      return typeof value === "string" ? (sheetDateOf(value, timeZone) ?? value) : String(value);
    case "kroner":
      return typeof value === "number" ? Math.round(value) : String(value);
    case "integer":
    case "decimal":
    case "percent":
      return typeof value === "number" ? value : String(value);
    case "text":
      return typeof value === "string" ? value : String(value);
  }
}

/** Roughly how many characters a value takes when Excel shows it. */
function displayLength(v: string | number | Date | null, kind: ExportCellKind): number {
  if (v === null) return 0;
  if (v instanceof Date) return 10;
  if (typeof v === "number") {
    const digits = Math.round(Math.abs(v)).toString().length;
    const grouped = digits + Math.floor((digits - 1) / 3) + (v < 0 ? 1 : 0);
    if (kind === "kroner") return grouped + 4;
    if (kind === "decimal") return grouped + 3;
    if (kind === "percent") return String(Math.round(v * 100)).length + 1;
    return String(v).length;
  }
  return Math.max(...v.split(/\r?\n/).map((l) => l.length));
}

/** Column width in characters: the longest of the title and the values, within 8–60. */
export function columnWidth(
  title: string,
  values: readonly (string | number | Date | null)[],
  kind: ExportCellKind,
): number {
  const longest = Math.max(title.length, ...values.map((v) => displayLength(v, kind)));
  return Math.min(60, Math.max(8, longest + 2));
}

/**
 * The workbook as bytes, ready for a Blob of type XLSX_MIME. Column titles follow `language`;
 * values (phases, sources) stay as the lists store them.
 */
export async function writePortfolioWorkbook<R>(
  rows: readonly R[],
  columns: readonly ExportColumn<R>[],
  language: Language,
  options: WorkbookOptions = {},
): Promise<ArrayBuffer> {
  if (columns.length === 0) throw new Error("writePortfolioWorkbook: no columns");
  const timeZone = options.timeZone ?? "Europe/Copenhagen";
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Digistyr";
  const sheet = workbook.addWorksheet(
    options.sheetName ?? (language === "da" ? "Portefølje" : "Portfolio"),
    { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] },
  );
  const titles = columns.map((c) => c.title[language]);
  const values = rows.map((row) =>
    columns.map((c) => sheetValueOf(c.kind, c.value(row), language, timeZone)),
  );
  sheet.columns = columns.map((c, i) => ({
    key: c.key,
    width: columnWidth(
      titles[i] ?? "",
      values.slice(0, 1000).map((r) => r[i] ?? null),
      c.kind,
    ),
    style: numberFormat(c.kind, language) ? { numFmt: numberFormat(c.kind, language) } : {},
  }));
  const header = sheet.getRow(1);
  header.values = titles;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  });
  sheet.addRows(values);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  // A Node Buffer in Node, an ArrayBuffer or Uint8Array in the browser: copy to a plain ArrayBuffer.
  return new Uint8Array(buffer).slice().buffer;
}
