/** Builders for import tests: a parsed table as the CSV/Excel adapter hands it over, a context. */
import { type AreaId, idOf, type InitiativeId, versionOf } from "../../src/domain/ids.js";
import type { ImportContext, ImportTable } from "../../src/domain/import.js";
import { lead, owner } from "./builders-lifecycle.js";

export const KL_HEADERS = [
  "ID",
  "Titel",
  "Kilde",
  "Område",
  "Behov",
  "Lovpligtig",
  "Frist",
  "Anlæg 2026",
  "Drift 2027",
];

/** A KL/KOMBIT-style table: the header row plus data rows. */
export function aTable(rows: string[][], headers: string[] = KL_HEADERS): ImportTable {
  return { headers, rows };
}

/** A valid data row for KL_HEADERS with overrides by column index. */
export function aRow(o: Record<number, string> = {}): string[] {
  const row = [
    "KOMBIT-1",
    "Ny ydelsesplatform",
    "KL/KOMBIT",
    "BKV",
    "Lovkrav om ny platform",
    "ja",
    "01-07-2027",
    "1.234.567",
    "250000",
  ];
  for (const [i, v] of Object.entries(o)) row[Number(i)] = v;
  return row;
}

export function anImportContext(o: Partial<ImportContext> = {}): ImportContext {
  return {
    areas: [
      { id: idOf<AreaId>(1), title: "Borger, Kultur og Velfærd", abbreviation: "BKV" },
      { id: idOf<AreaId>(2), title: "Økonomi og Stab", abbreviation: "ØS" },
    ],
    people: [owner, lead],
    existing: [],
    onExisting: "update",
    defaultSource: "KL/KOMBIT",
    defaultArea: null,
    ...o,
  };
}

export function anExisting(id: number, externalRef: string, title = `Tiltag ${id}`) {
  return { id: idOf<InitiativeId>(id), title, externalRef, version: versionOf('"4"') };
}
