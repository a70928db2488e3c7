/**
 * The shape the import domain expects (src/domain/import.ts, `ImportTable`): a header row and
 * data rows of string cells, all as wide as the widest row. Pure.
 */
import type { ImportTable } from "../../domain/import.js";

/**
 * First record as headers (trimmed), the rest as rows. Rows and headers are padded with "" to
 * the same width; columns with no header and no value, and empty rows at the end (Excel keeps
 * formatted but empty ones), are dropped. Empty rows in between are kept so that row numbers
 * stay the spreadsheet's (the domain counts them as empty).
 */
export function toImportTable(records: readonly (readonly string[])[]): ImportTable {
  const [first = [], ...rest] = records;
  const rows = rest.map((r) => [...r]);
  while (rows.at(-1)?.every((c) => c.trim() === "")) rows.pop();
  let width = Math.max(first.length, ...rows.map((r) => r.length));
  const isEmptyColumn = (col: number): boolean =>
    (first[col] ?? "").trim() === "" && rows.every((r) => (r[col] ?? "").trim() === "");
  while (width > 0 && isEmptyColumn(width - 1)) width -= 1;
  const fit = (r: readonly string[]): string[] =>
    Array.from({ length: width }, (_, i) => r[i] ?? "");
  return { headers: fit(first).map((h) => h.trim()), rows: rows.map(fit) };
}
