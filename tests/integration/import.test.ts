/**
 * Import (issue 4 §6) with the real adapters against the local SharePoint: the files adapter
 * reads a KL/KOMBIT-style CSV of 200 rows (Danish Excel: UTF-8 with BOM, `;`, `1.234` and
 * `25.000,00`), 3 of them bad; the use case writes the other 197 initiatives with their budget
 * lines in batches; importing the file again creates none (skip, or update at the stored
 * version); a row whose budget lines fail is undone on the server; throttling is retried by the
 * adapter, and when it gives up the import stops and says so.
 */
import { readFileSync } from "node:fs";

import { createSpreadsheetFiles } from "../../src/adapters/files/index.js";
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { suggestMapping } from "../../src/domain/import.js";
import type { Area } from "../../src/domain/portfolio.js";
import type { ReadTable } from "../../src/ports/files.js";
import type { Repositories } from "../../src/ports/repositories.js";
import {
  type ImportPorts,
  loadImportBasis,
  prepareImport,
  runImport,
} from "../../src/use-cases/import.js";
import { anArea, aSetting } from "../support/builders.js";
import { inRow } from "../support/problem-words.js";
import { type ProvisionedSp, recordingRetry, startProvisionedSp } from "../support/sp.js";

const SLOW = 120_000;
const FIXTURE = new URL("../fixtures/import/kl-kombit-200.csv", import.meta.url);

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let ports: ImportPorts;
let table: ReadTable;
const areas = new Map<string, Area>();

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  ports = { repositories: secretary.repositories, people: secretary.people };
  for (const [title, abbreviation] of [
    ["Borger, Kultur og Velfærd", "BKV"],
    ["Økonomi og Stab", "ØS"],
    ["Social og Sundhed", "SOS"],
  ] as const) {
    areas.set(
      abbreviation,
      await secretary.repositories.areas.add(anArea({ title, abbreviation })),
    );
  }
  await secretary.repositories.settings.add(
    aSetting({ title: "Budgetår", key: "budget.years", value: "2026,2027,2028,2029" }),
  );
  const bytes = readFileSync(FIXTURE);
  table = await createSpreadsheetFiles().readTable(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    "kl-kombit-200.csv",
  );
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

async function preview(onExisting: "skip" | "update", p: ImportPorts = ports, t = table) {
  return prepareImport(p, await loadImportBasis(p.repositories), t, suggestMapping(t.headers), {
    onExisting,
    defaultSource: "KL/KOMBIT",
    defaultArea: null,
  });
}

/** The amounts a fixture row holds: [year, kind, amount] per filled budget cell. */
function expectedLines(i: number): [number, string, number][] {
  return [
    ...(i % 4 === 0 ? [] : [[2026, "Anlæg", i * 1000] as [number, string, number]]),
    [2027, "Drift", 25000],
    ...(i % 3 === 0 ? [[2028, "Gevinst", 50000] as [number, string, number]] : []),
  ];
}
const GOOD = Array.from({ length: 200 }, (_, k) => k + 1).filter(
  (i) => ![50, 100, 150].includes(i),
);

describe("importing the KL/KOMBIT file", () => {
  it("reads the file as Danish Excel writes it", () => {
    expect(table).toMatchObject({ format: "csv", encoding: "utf-8", delimiter: ";" });
    expect(table.headers).toEqual([
      "ID",
      "Titel",
      "Kilde",
      "Område",
      "Behov",
      "Lovpligtig",
      "Frist",
      "Anlæg 2026",
      "Drift 2027",
      "Gevinst 2028",
    ]);
    expect(table.rows).toHaveLength(200);
  });

  it(
    "creates the 197 good rows with their budget lines and reports the 3 bad ones",
    async () => {
      const p = await preview("skip");
      expect(p.counts).toEqual({ create: 197, update: 0, skip: 0, invalid: 3, empty: 0 });
      expect(p.problems.map(inRow)).toEqual([
        "51: Område: »Teknik og Miljø« er ikke et kendt område.",
        "101: Anlæg 2026: »ca. 2 mio.« er ikke et beløb.",
        "151: Lovkravsfrist: »31-02-2027« er ikke en dato (dd-mm-åååå eller åååå-mm-dd).",
      ]);

      const progress: number[] = [];
      const summary = await runImport(ports.repositories, p.rows, {
        onProgress: (x) => progress.push(x.rowsDone),
      });
      expect(summary).toMatchObject({ created: 197, updated: 0, skipped: 0, failed: 0 });
      expect(summary.stoppedBy).toBeNull();
      expect(progress.length).toBeGreaterThan(5); // batches of ≤ 100 writes, reported one by one
      expect(progress.at(-1)).toBe(197);

      const stored = await secretary.repositories.initiatives.list();
      expect(stored).toHaveLength(197);
      const byRef = new Map(stored.map((s) => [s.externalRef, s]));
      expect(GOOD.every((i) => byRef.has(`KOMBIT-2026-${String(i).padStart(3, "0")}`))).toBe(true);
      const seven = byRef.get("KOMBIT-2026-007");
      expect(seven).toMatchObject({
        title: "Ydelsesplatform 7",
        source: "Staten",
        area: { id: areas.get("ØS")!.id, title: "Økonomi og Stab" },
        need: 'Borgerne venter; sagsbehandlerne "taster om"',
        mandatory: false,
        phase: "Idé",
      });
      expect(byRef.get("KOMBIT-2026-005")).toMatchObject({
        mandatory: true,
        legalDeadline: "2027-07-01T00:00:00Z",
      });

      const lines = await secretary.repositories.budgetLines.list();
      const linesOf = new Map<number, [number, string, number][]>();
      for (const l of lines) {
        const list = linesOf.get(l.initiative!.id) ?? [];
        list.push([l.year, l.kind, l.amount!]);
        linesOf.set(l.initiative!.id, list);
      }
      for (const i of GOOD) {
        const initiative = byRef.get(`KOMBIT-2026-${String(i).padStart(3, "0")}`)!;
        const have = (linesOf.get(initiative.id) ?? []).sort((a, b) => a[0] - b[0]);
        expect([i, have]).toEqual([i, expectedLines(i)]);
      }
      expect(lines).toHaveLength(GOOD.reduce((n, i) => n + expectedLines(i).length, 0));
    },
    SLOW,
  );

  it(
    "importing it again creates none: skipped by external reference",
    async () => {
      const p = await preview("skip");
      expect(p.counts).toEqual({ create: 0, update: 0, skip: 197, invalid: 3, empty: 0 });
      const summary = await runImport(ports.repositories, p.rows);
      expect(summary).toMatchObject({ created: 0, skipped: 197, failed: 0 });
      expect(await secretary.repositories.initiatives.list({ fields: [] })).toHaveLength(197);
    },
    SLOW,
  );

  it(
    "importing it again as updates writes at the stored versions and still creates none",
    async () => {
      const [one] = await secretary.repositories.initiatives.list({
        where: { externalRef: "KOMBIT-2026-001" },
      });
      // Someone edits one initiative in the portal after the preview was made.
      const p = await preview("update");
      expect(p.counts).toEqual({ create: 0, update: 197, skip: 0, invalid: 3, empty: 0 });
      await secretary.repositories.initiatives.update({ ...one!, summary: "Rettet i portalen" });

      const linesBefore = (await secretary.repositories.budgetLines.list()).length;
      const summary = await runImport(ports.repositories, p.rows);
      expect(summary).toMatchObject({ created: 0, updated: 196, failed: 1 });
      expect(summary.outcomes.find((o) => o.status === "failed")).toMatchObject({
        row: 2,
        cause: "initiative",
        error: { code: "import.problem.changedSinceReview" },
      });
      const after = await secretary.repositories.initiatives.get(one!.id);
      expect(after.summary).toBe("Rettet i portalen");
      expect(await secretary.repositories.initiatives.list({ fields: [] })).toHaveLength(197);
      expect(await secretary.repositories.budgetLines.list()).toHaveLength(linesBefore);
    },
    SLOW,
  );
});

describe("failures on the server", () => {
  const small = (from: number, n: number): ReadTable => ({
    ...table,
    rows: Array.from({ length: n }, (_, k) => [
      `TEST-${from + k}`,
      `Prøvetiltag ${from + k}`,
      "KL/KOMBIT",
      "BKV",
      "",
      "nej",
      "",
      "10.000",
      "5000",
      "",
    ]),
  });

  it(
    "a batch of budget lines refused by the server leaves no half initiatives behind",
    async () => {
      const real = secretary.repositories;
      const failing: Repositories = {
        ...real,
        budgetLines: new Proxy(real.budgetLines, {
          get: (target, prop, receiver) =>
            prop === "addMany"
              ? async (drafts: Parameters<typeof target.addMany>[0]) => {
                  // The whole $batch of budget lines is answered 500.
                  await sp.queueFault({ status: 500, match: "$batch", count: 1 });
                  return target.addMany(drafts);
                }
              : (Reflect.get(target, prop, receiver) as unknown),
        }),
      };
      const t = small(1, 3);
      const p = await preview("skip", { ...ports, repositories: failing }, t);
      expect(p.counts.create).toBe(3);
      const summary = await runImport(failing, p.rows);
      expect(summary).toMatchObject({ created: 0, failed: 3 });
      expect(
        summary.outcomes.map((o) => (o.status === "failed" ? [o.cause, o.leftover] : o)),
      ).toEqual([
        ["budgetLine", null],
        ["budgetLine", null],
        ["budgetLine", null],
      ]);
      expect(
        await real.initiatives.list({ where: { externalRef: ["TEST-1", "TEST-2", "TEST-3"] } }),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    "throttling is retried by the adapter; when it gives up, the import stops with Throttled",
    async () => {
      const waits: number[] = [];
      const retrying = sp.adaptersFor(sp.users.secretary, recordingRetry(waits));
      const p1 = await preview(
        "skip",
        { ...ports, repositories: retrying.repositories },
        small(10, 2),
      );
      await sp.queueFault({ status: 429, match: "$batch", count: 1, retryAfter: 2 });
      const ok = await runImport(retrying.repositories, p1.rows);
      expect(ok).toMatchObject({ created: 2, failed: 0 });
      expect(waits).toEqual([2000]);

      const p2 = await preview(
        "skip",
        { ...ports, repositories: retrying.repositories },
        small(20, 2),
      );
      await sp.queueFault({ status: 429, match: "$batch", count: 10, retryAfter: 1 });
      const stopped = await runImport(retrying.repositories, p2.rows, { maxOperations: 3 });
      expect(stopped.stoppedBy).toMatchObject({ kind: "Throttled" });
      expect(stopped.outcomes.map((o) => (o.status === "failed" ? o.cause : o.status))).toEqual([
        "initiative",
        "notAttempted",
      ]);
      await fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" });
      expect(
        await secretary.repositories.initiatives.list({
          where: { externalRef: ["TEST-20", "TEST-21"] },
        }),
      ).toEqual([]);
    },
    SLOW,
  );
});
