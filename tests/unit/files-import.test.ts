/**
 * From file to import preview (issue 4 §6 and §9's journey): a 200-row KL/KOMBIT list with 3 bad
 * rows, as Danish Excel's CSV and as .xlsx, goes through readTable and the domain's
 * previewImport with exactly those 3 row errors; and an exported portfolio view imports again
 * as the same initiatives (export → import round trip).
 */
import ExcelJS from "exceljs";

import {
  budgetColumn,
  type ExportColumn,
  PORTFOLIO_COLUMNS,
  type PortfolioExportRow,
  readTable,
  writePortfolioWorkbook,
} from "../../src/adapters/files/index.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import { previewImport, suggestMapping } from "../../src/domain/import.js";
import { anInitiative } from "../support/builders.js";
import { anExisting, anImportContext, aRow, KL_HEADERS } from "../support/builders-import.js";
import { owner } from "../support/builders-lifecycle.js";

/** Row n (2..201 in the sheet) of a KL/KOMBIT list; three of them are wrong. */
function listRow(sheetRow: number): string[] {
  const n = sheetRow - 1;
  const row = aRow({
    0: `KOMBIT-${n}`,
    1: `Tiltag ${n}; "fælles" løsning`,
    3: n % 2 === 0 ? "BKV" : "Økonomi og Stab",
    4: `Behov ${n}\nanden linje`,
    7: `${n}.000`,
  });
  if (sheetRow === 17) row[7] = "12,5 mio";
  if (sheetRow === 101) row[3] = "Teknik og Miljø";
  if (sheetRow === 180) [row[5], row[6]] = ["nej", "31-02-2027"];
  return row;
}
const sheetRows = Array.from({ length: 200 }, (_, i) => listRow(i + 2));

const expectedProblems = [
  {
    row: 17,
    field: "budget",
    code: "validation.import.notAmount",
    params: { label: "Anlæg 2026", value: "12,5 mio" },
  },
  {
    row: 101,
    field: "area",
    code: "validation.import.unknownArea",
    params: { label: { code: "fields.initiative.area" }, value: "Teknik og Miljø" },
  },
  {
    row: 180,
    field: "legalDeadline",
    code: "validation.import.notDate",
    params: { label: { code: "fields.initiative.legalDeadline" }, value: "31-02-2027" },
  },
];

function csvField(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
/** Danish Excel's "CSV (semikolonsepareret)": `;`, CRLF, Windows-1252. */
function danishCsv(headers: string[], rows: string[][]): ArrayBuffer {
  const text = [headers, ...rows].map((r) => r.map(csvField).join(";")).join("\r\n") + "\r\n";
  return Uint8Array.from([...text].map((ch) => ch.charCodeAt(0))).buffer;
}

/** The same list as an .xlsx with typed cells: amounts as numbers, deadlines as dates. */
async function asWorkbook(headers: string[], rows: string[][]): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KOMBIT");
  ws.addRow(headers);
  for (const r of rows) {
    const deadline = /^(\d{2})-(\d{2})-(\d{4})$/.exec(r[6] ?? "");
    const date = deadline && new Date(Date.UTC(+deadline[3]!, +deadline[2]! - 1, +deadline[1]!));
    const amount = /^\d+\.000$/.test(r[7] ?? "") ? Number(r[7]!.replace(".", "")) : r[7];
    ws.addRow([
      ...r.slice(0, 6),
      date && date.getUTCDate() === +deadline[1]! ? date : r[6],
      amount,
      Number(r[8]),
    ]);
  }
  ws.getColumn(7).numFmt = "dd-mm-yyyy";
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf).slice().buffer;
}

describe("a 200-row list with 3 bad rows", () => {
  test.each<[string, () => Promise<ArrayBuffer>, string, object]>([
    [
      "Danish Excel CSV (; and Windows-1252)",
      () => Promise.resolve(danishCsv(KL_HEADERS, sheetRows)),
      "kombit.csv",
      { format: "csv", encoding: "windows-1252", delimiter: ";" },
    ],
    [
      "Excel workbook with typed cells",
      () => asWorkbook(KL_HEADERS, sheetRows),
      "kombit.xlsx",
      { format: "xlsx", sheet: "KOMBIT" },
    ],
  ])("%s: the preview shows exactly the 3 row errors", async (_name, file, name, how) => {
    const table = await readTable(await file(), name);
    expect(table).toMatchObject(how);
    expect(table.headers).toEqual(KL_HEADERS);
    expect(table.rows).toHaveLength(200);

    const preview = previewImport(table, suggestMapping(table.headers), anImportContext());

    expect(preview.problems).toEqual(expectedProblems);
    expect(preview.invalidRows).toEqual([17, 101, 180]);
    expect(preview.counts).toEqual({ create: 197, update: 0, skip: 0, invalid: 3, empty: 0 });
    const row2 = preview.rows[0]!;
    expect(row2.initiative).toMatchObject({
      title: 'Tiltag 1; "fælles" løsning',
      externalRef: "KOMBIT-1",
      area: { title: "Økonomi og Stab" },
      need: "Behov 1\nanden linje",
      mandatory: true,
      legalDeadline: "2027-07-01T00:00:00Z",
    });
    expect(row2.budgetLines.map((l) => [l.kind, l.year, l.amount])).toEqual([
      ["Anlæg", 2026, 1000],
      ["Drift", 2027, 250000],
    ]);
  });
});

describe("export → import round trip", () => {
  const initiatives: PortfolioExportRow[] = [1, 2, 3].map((n) => ({
    initiative: {
      ...anInitiative({
        title: `Tiltag ${n}: Ærø "pilot"`,
        externalRef: `KL-${n}`,
        source: n === 2 ? "Staten" : "KL/KOMBIT",
        area: {
          id: idOf(n === 3 ? 2 : 1),
          title: n === 3 ? "Økonomi og Stab" : "Borger, Kultur og Velfærd",
        },
        owner: n === 1 ? owner : null,
        mandatory: n === 1,
        legalDeadline: n === 1 ? "2027-06-30T22:00:00Z" : null,
        need: "Linje 1\nLinje 2",
      }),
      id: idOf<InitiativeId>(100 + n),
    },
    budget: [
      { year: 2026, kind: "Anlæg", amount: n * 1_000_000 + 0.4 },
      { year: 2027, kind: "Drift", amount: n * 12_345 },
    ],
  }));
  const columns: ExportColumn<PortfolioExportRow>[] = [
    PORTFOLIO_COLUMNS.id,
    PORTFOLIO_COLUMNS.title,
    PORTFOLIO_COLUMNS.externalRef,
    PORTFOLIO_COLUMNS.phase,
    PORTFOLIO_COLUMNS.source,
    PORTFOLIO_COLUMNS.area,
    PORTFOLIO_COLUMNS.owner,
    PORTFOLIO_COLUMNS.need,
    PORTFOLIO_COLUMNS.mandatory,
    PORTFOLIO_COLUMNS.legalDeadline,
    budgetColumn("Anlæg", 2026),
    budgetColumn("Drift", 2027),
  ];

  test.each(["da", "en"] as const)(
    "a view exported in %s imports again as updates of the same initiatives",
    async (language) => {
      const file = await writePortfolioWorkbook(initiatives, columns, language);
      const table = await readTable(file, "portefolje.xlsx");
      const mapping = suggestMapping(table.headers);
      // The Digistyr number and the phase are not import fields; the reference is its own column.
      expect(mapping[0]).toBeNull();
      expect(mapping[2]).toEqual({ field: "externalRef" });
      expect(mapping[3]).toBeNull();

      const existing = [1, 2, 3].map((n) => anExisting(100 + n, `KL-${n}`));
      const preview = previewImport(table, mapping, anImportContext({ existing }));

      expect(preview.problems).toEqual([]);
      expect(preview.rows.map((r) => r.action)).toEqual(
        existing.map((e) => ({ kind: "update", id: e.id, version: e.version })),
      );
      preview.rows.forEach((row, i) => {
        const original = initiatives[i]!.initiative;
        expect(row.initiative).toMatchObject({
          title: original.title,
          externalRef: original.externalRef,
          source: original.source,
          area: original.area,
          owner: original.owner,
          need: original.need,
          mandatory: original.mandatory,
          // Exported as the Danish calendar date, imported as that date.
          legalDeadline: original.legalDeadline === null ? null : "2027-07-01T00:00:00Z",
        });
        expect(row.budgetLines.map((l) => [l.kind, l.year, l.amount])).toEqual([
          ["Anlæg", 2026, (i + 1) * 1_000_000],
          ["Drift", 2027, (i + 1) * 12_345],
        ]);
      });
    },
  );
});
