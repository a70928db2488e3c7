/**
 * Files in and out of the portfolio (issue 4 §2 export, §6 import): `readTable` turns a CSV or
 * .xlsx file into the table of string cells `previewImport` (src/domain/import.ts) takes, and
 * `writePortfolioWorkbook` turns the rows of a table view into an .xlsx. Only this folder
 * imports the spreadsheet library.
 */
import { StoreError } from "../../domain/errors.js";
import type { ImportTable } from "../../domain/import.js";
import type { SpreadsheetFiles } from "../../ports/files.js";
import { IMPORT_ACCEPT } from "./accept.js";
import { type Delimiter, detectDelimiter, parseCsv, separatorHint } from "./csv.js";
import { toImportTable } from "./table.js";
import { decodeText, type TextEncodingName } from "./text.js";
import { readWorkbookTable } from "./xlsx-read.js";
import { writePortfolioWorkbook } from "./xlsx-write.js";

export {
  budgetColumn,
  type ExportCellKind,
  type ExportColumn,
  type ExportValue,
  PORTFOLIO_COLUMNS,
  type PortfolioColumnKey,
  type PortfolioExportRow,
} from "../../domain/export-columns.js";
export { cellText, isDateFormat, isoOfSerial, plainNumber } from "./cells.js";
export { type Delimiter, detectDelimiter, parseCsv } from "./csv.js";
export { createDocumentFiles, DOCX_MIME, writeProposalDocx } from "./proposal-docx.js";
export { decodeText, type TextEncodingName } from "./text.js";
export {
  columnWidth,
  numberFormat,
  sheetDateOf,
  type WorkbookOptions,
  writePortfolioWorkbook,
  XLSX_MIME,
} from "./xlsx-write.js";

/** The table and how the file was read (shown in the import dialog). */
export type ReadTable = ImportTable &
  (
    | { format: "csv"; encoding: TextEncodingName; delimiter: Delimiter }
    | { format: "xlsx"; sheet: string; sheetNames: string[] }
  );

/** The files port (src/ports/files.ts) on this folder's reader and writer. */
export function createSpreadsheetFiles(): SpreadsheetFiles {
  return {
    readTable: (file, name, options) => readTable(file, name, options),
    writeWorkbook: (rows, columns, language, options) =>
      writePortfolioWorkbook(rows, columns, language, options),
    importAccept: IMPORT_ACCEPT,
  };
}

export interface ReadTableOptions {
  /** The worksheet to read from an .xlsx; default the first visible one with values. */
  sheet?: string;
}

export { IMPORT_ACCEPT } from "./accept.js";

type FileKind = "csv" | "xlsx" | "xls" | "unknown";

/** By content first (an .xlsx is a zip, an .xls an OLE2 file), then by extension. */
export function fileKindOf(bytes: Uint8Array, name: string): FileKind {
  const starts = (sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  if (["csv", "txt", "tsv", "tab"].includes(ext) || ext === "") return "csv";
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "xls") return "xls";
  return "unknown";
}

const invalid = (message: string, field = "file") => new StoreError("Invalid", message, { field });

/**
 * A CSV or .xlsx file as a header row and data rows of strings. CSV: encoding (UTF-8 with or
 * without BOM, UTF-16, Windows-1252) and separator (`;`, `,`, tab, `|`) are detected. Excel:
 * dates become `yyyy-mm-dd`, numbers plain text, formulas their cached values.
 *
 * @throws StoreError `Invalid` with a Danish message the import dialog can show as it is: an
 * empty file, the old .xls format, an unknown kind, a quote never closed, an unreadable workbook.
 */
export async function readTable(
  file: ArrayBuffer,
  name: string,
  options: ReadTableOptions = {},
): Promise<ReadTable> {
  const bytes = new Uint8Array(file);
  if (bytes.length === 0) throw invalid(`Filen »${name}« er tom.`);
  switch (fileKindOf(bytes, name)) {
    case "xlsx":
      return { format: "xlsx", ...(await readWorkbookTable(file, options.sheet)) };
    case "xls":
      throw invalid(
        `»${name}« er i det gamle Excel-format (.xls). Gem den i Excel som .xlsx eller CSV, og prøv igen.`,
      );
    case "unknown":
      throw invalid(`»${name}« er hverken en CSV-fil eller en Excel-projektmappe (.xlsx).`);
    case "csv":
      return readCsv(bytes);
  }
}

function readCsv(bytes: Uint8Array): ReadTable {
  const { text, encoding } = decodeText(bytes);
  const hint = separatorHint(text);
  const body = hint?.rest ?? text;
  const delimiter = hint?.delimiter ?? detectDelimiter(body);
  const parsed = parseCsv(body, delimiter);
  if (!parsed.ok) {
    const line = parsed.line + (hint ? 1 : 0);
    throw invalid(
      `Linje ${line}: et felt begynder med et citationstegn ("), der aldrig afsluttes. Ret filen, eller gem den igen fra Excel.`,
    );
  }
  if (parsed.records.every((r) => r.every((c) => c.trim() === ""))) {
    throw invalid("Filen har ingen kolonneoverskrifter eller rækker.");
  }
  return { format: "csv", encoding, delimiter, ...toImportTable(parsed.records) };
}
