/**
 * Spreadsheet cell values to the plain strings the import domain parses, and back. Pure: the
 * value shapes are ExcelJS's, but only as data.
 */

/** A cell value as ExcelJS reads it (its `CellValue`, restated so this stays pure). */
export type SheetCellValue =
  | null
  | undefined
  | number
  | string
  | boolean
  | Date
  | { error: string }
  | { richText: readonly { text: string }[] }
  | { text: unknown; hyperlink: string }
  | { formula?: string; sharedFormula?: string; result?: unknown };

const plain = new Intl.NumberFormat("en-US", {
  useGrouping: false,
  maximumSignificantDigits: 15,
});

/**
 * A number as plain text: no grouping, `.` as the decimal mark, at most 15 significant digits
 * (what Excel keeps, so 0.1 + 0.2 is "0.3"), never in exponent notation. The domain's
 * `parseNumber` reads "1.234" as a Danish one thousand two hundred and thirty-four, so a number
 * with one to three whole digits and exactly three decimals gets a trailing zero ("1.2340"),
 * which it reads as the decimal it is.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  const s = plain.format(n);
  return /^-?\d{1,3}\.\d{3}$/.test(s) ? `${s}0` : s;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * A date as ExcelJS gives it (the sheet's wall-clock time as if it were UTC) to `yyyy-mm-dd`,
 * or `yyyy-mm-ddThh:mm:ss` when it has a time of day (rounded to the second).
 */
export function isoOfSheetDate(d: Date): string {
  const t = Math.round(d.getTime() / 1000) * 1000;
  const r = new Date(t);
  const date = `${pad(r.getUTCFullYear(), 4)}-${pad(r.getUTCMonth() + 1)}-${pad(r.getUTCDate())}`;
  if (t % 86_400_000 === 0) return date;
  return `${date}T${pad(r.getUTCHours())}:${pad(r.getUTCMinutes())}:${pad(r.getUTCSeconds())}`;
}

/**
 * An Excel date serial (days since 1899-12-30, or since 1904-01-01 in a 1904 workbook) to
 * `yyyy-mm-dd`. Serials below 61 fall before Excel's phantom 29 February 1900 and are a day off
 * there, as in Excel itself; nothing this portfolio imports is that old.
 */
export function isoOfSerial(serial: number, date1904 = false): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return isoOfSheetDate(new Date(epoch + serial * 86_400_000));
}

/**
 * Whether a number format shows a date or time: it has d, m, y, h or s outside quotes,
 * brackets (colours, locales) and escaped characters. `[h]:mm` (a duration) counts as a time.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === "General") return false;
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?:h+|m+|s+)\]/gi, "h")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_./g, "");
  return /[dmyhs]/i.test(bare);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !(v instanceof Date);
}

/**
 * The text the import domain gets for one cell: strings as they are, numbers plain, dates as
 * ISO dates (also numbers in a date format ExcelJS did not recognise), booleans as ja/nej,
 * formulas as their cached result (empty when the file has none), rich text and hyperlinks as
 * their text, errors as Excel shows them (#N/A, #DIV/0!, …).
 */
export function cellText(value: unknown, numFmt?: string, date1904 = false): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    return isDateFormat(numFmt) ? isoOfSerial(value, date1904) : plainNumber(value);
  }
  if (typeof value === "boolean") return value ? "ja" : "nej";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : isoOfSheetDate(value);
  if (isObject(value)) {
    if ("formula" in value || "sharedFormula" in value) {
      return cellText(value.result, numFmt, date1904);
    }
    if (typeof value.error === "string") return value.error;
    if (Array.isArray(value.richText)) {
      return value.richText
        .map((r: unknown) => (isObject(r) ? (typeof r.text === "string" ? r.text : "") : ""))
        .join("");
    }
    if ("hyperlink" in value) return cellText(value.text, numFmt, date1904);
  }
  throw new Error(`cellText: unexpected cell value ${JSON.stringify(value)}`);
}
