/**
 * Spreadsheet files in and out of the portfolio (issue 4 §2 export, §6 import), for the UI:
 * reading a CSV or .xlsx into the table of string cells the import preview takes, and writing
 * the rows of a table view into an .xlsx. The adapter (src/adapters/files) holds the library.
 */
import type { ExportColumn, ExportLanguage } from "../domain/export-columns.js";
import type { ImportTable } from "../domain/import.js";

/** The table and how the file was read (shown in the import dialog). */
export type ReadTable = ImportTable &
  (
    | { format: "csv"; encoding: string; delimiter: string }
    | { format: "xlsx"; sheet: string; sheetNames: string[] }
  );

export interface SpreadsheetFiles {
  /**
   * A CSV (encoding and separator detected) or .xlsx file (`sheet`: which worksheet; default the
   * first with values) as a header row and rows of strings. Rejects with `StoreError` `Invalid`
   * and a Danish message to show as it is (empty file, old .xls, unreadable).
   */
  readTable(file: ArrayBuffer, name: string, options?: { sheet?: string }): Promise<ReadTable>;
  /** The rows as an .xlsx workbook with typed cells, titled in `language`. */
  writeWorkbook<R>(
    rows: readonly R[],
    columns: readonly ExportColumn<R>[],
    language: ExportLanguage,
    options?: { sheetName?: string },
  ): Promise<ArrayBuffer>;
  /** What a file picker for an import should accept. */
  readonly importAccept: string;
}

/** A financing proposal laid out for a Word document, in the words of the UI's language. */
export interface ProposalDocument {
  title: string;
  /** [label, value]: forum, funding source, state, decision. */
  facts: [string, string][];
  initiativesHeading: string;
  initiatives: string[];
  amountsHeading: string;
  amounts: {
    header: [string, string, string];
    rows: [string, string, string][];
    totalLabel: string;
    total: string;
  };
  rationaleHeading: string;
  rationale: string;
}

/** Word documents out of the app. */
export interface DocumentFiles {
  /** One financing proposal as a .docx. */
  writeProposalDocument(doc: ProposalDocument): Promise<ArrayBuffer>;
}
