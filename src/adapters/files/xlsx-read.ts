/**
 * An .xlsx workbook to the table of string cells the import domain parses.
 */
import { StoreError } from "../../domain/errors.js";
import type { ImportTable } from "../../domain/import.js";
import { cellText } from "./cells.js";
import { loadExcelJs } from "./excel.js";
import { toImportTable } from "./table.js";

export interface SheetTable extends ImportTable {
  /** The sheet read, and all the workbook's worksheets in order (for a sheet picker). */
  sheet: string;
  sheetNames: string[];
}

/**
 * Reads one worksheet: the one named `sheet`, or else the first visible worksheet with any
 * value. Row 1 holds the headers. Formulas give their cached values, dates ISO dates.
 *
 * @throws StoreError `Invalid` with a Danish message when the bytes are not a workbook or the
 * named sheet does not exist.
 */
export async function readWorkbookTable(file: ArrayBuffer, sheet?: string): Promise<SheetTable> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS hands the bytes to JSZip, which takes an ArrayBuffer in Node and in the browser.
    await workbook.xlsx.load(file);
  } catch (e) {
    throw new StoreError(
      "Invalid",
      "Filen kan ikke læses som en Excel-projektmappe (.xlsx). Gem den igen fra Excel, eller som CSV.",
      { field: "file", code: e instanceof Error ? e.message : String(e) },
    );
  }
  const sheets = workbook.worksheets;
  const sheetNames = sheets.map((s) => s.name);
  const hasValues = (s: (typeof sheets)[number]) => s.actualRowCount > 0;
  const ws =
    sheet !== undefined
      ? sheets.find((s) => s.name === sheet)
      : (sheets.find((s) => s.state === "visible" && hasValues(s)) ?? sheets[0]);
  if (!ws) {
    throw new StoreError(
      "Invalid",
      sheet !== undefined
        ? `Arket »${sheet}« findes ikke i filen (arkene er: ${sheetNames.join(", ")}).`
        : "Filen har ingen ark.",
      { field: "sheet" },
    );
  }
  const date1904 = workbook.properties.date1904 === true;
  const records: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) {
      const cell = row.getCell(c);
      // A merged range's value is in its top-left cell; the others read as empty.
      const merged = cell.isMerged && cell.master.address !== cell.address;
      cells.push(merged ? "" : cellText(cell.value, cell.numFmt, date1904));
    }
    records.push(cells);
  }
  return { ...toImportTable(records), sheet: ws.name, sheetNames };
}
