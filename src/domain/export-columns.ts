/**
 * Columns of an exported table and the portfolio's catalogue of them. A column says how to get
 * its value from a row and what kind of cell it is; the workbook writer turns the kind into a
 * typed cell with a number format. Pure: the table view chooses columns from the catalogue, the
 * files adapter (src/adapters/files) writes them.
 */
import type { IsoDateTime } from "./common.js";
import { cellValue, type KeysWith, keysWith } from "./fields.js";
import type { InitiativeId } from "./ids.js";
import { INITIATIVE_FIELDS, type InitiativeFields } from "./initiative-fields.js";
import type { InitiativeDraft } from "./portfolio.js";
import type { BudgetKind } from "./vocabulary.js";

/** The languages an export is titled in (the UI's languages). */
export type ExportLanguage = "da" | "en";

/**
 * text: as it is; integer, decimal, percent (0.25 is 25 %); kroner: whole kroner with a DKK
 * format; date: an ISO date-time shown as the Danish calendar date; yesNo: Ja/Nej (Yes/No).
 */
export type ExportCellKind =
  "text" | "integer" | "decimal" | "percent" | "kroner" | "date" | "yesNo";

export type ExportValue = string | number | boolean | null | undefined;

export interface ExportColumn<R> {
  key: string;
  title: Readonly<Record<ExportLanguage, string>>;
  kind: ExportCellKind;
  value: (row: R) => ExportValue;
}

/** What the portfolio table holds per initiative, as far as an export needs it. */
export interface PortfolioExportRow {
  initiative: InitiativeDraft & { id?: InitiativeId; modified?: IsoDateTime };
  /** The initiative's amounts per budget year and kind (its budget lines). */
  budget?: readonly { year: number; kind: BudgetKind; amount: number }[];
}

type Col = ExportColumn<PortfolioExportRow>;
const col = (
  key: string,
  da: string,
  en: string,
  kind: ExportCellKind,
  value: (i: PortfolioExportRow["initiative"]) => ExportValue,
): Col => ({ key, title: { da, en }, kind, value: (row) => value(row.initiative) });

type Exported = InitiativeFields[KeysWith<InitiativeFields, "export">];

/** The export column of each initiative field that has one in the registry, in its order. */
function registryColumns(): { [K in KeysWith<InitiativeFields, "export">]: Col } {
  const out: Record<string, Col> = {};
  for (const key of keysWith(INITIATIVE_FIELDS, "export")) {
    const spec: Exported = INITIATIVE_FIELDS[key];
    out[key] = col(key, spec.export.title.da, spec.export.title.en, spec.export.kind, (i) =>
      cellValue(spec, i[key]),
    );
  }
  return out as { [K in KeysWith<InitiativeFields, "export">]: Col };
}

/**
 * The initiative columns a user can choose: the id, every field the registry exports
 * (initiative-fields.ts), and when it was last modified. Titles are the ones the import
 * recognises, so an exported view can be imported again; the id is "Digistyr-nr.", not "ID",
 * which the import would take for the external reference.
 */
export const PORTFOLIO_COLUMNS = {
  id: col("id", "Digistyr-nr.", "Digistyr no.", "integer", (i) => i.id),
  ...registryColumns(),
  modified: col("modified", "Senest ændret", "Last modified", "date", (i) => i.modified),
} satisfies Record<string, Col>;

export type PortfolioColumnKey = keyof typeof PORTFOLIO_COLUMNS;

const KIND_EN: Readonly<Record<BudgetKind, string>> = {
  Anlæg: "Capex",
  Drift: "Running",
  Gevinst: "Savings",
};

/**
 * The amount of one budget kind and year (the sum of the row's lines of that kind and year),
 * titled "Anlæg 2026" / "Capex 2026" as the import reads it back.
 */
export function budgetColumn(kind: BudgetKind, year: number): Col {
  return {
    key: `budget:${kind}:${year}`,
    title: { da: `${kind} ${year}`, en: `${KIND_EN[kind]} ${year}` },
    kind: "kroner",
    value: (row) => {
      const lines = (row.budget ?? []).filter((l) => l.kind === kind && l.year === year);
      return lines.length === 0 ? null : lines.reduce((sum, l) => sum + l.amount, 0);
    },
  };
}
