/**
 * The import use case with in-memory repositories: what the preview reads, writing in batches,
 * a failing budget line undoing its row, re-import creating nothing, a stale version failing
 * its row without overwriting, and stopping when the adapter gives up (then retrying only the
 * failed rows).
 */
import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import {
  type ImportTable,
  suggestMapping,
  type ValueMap,
  valueMapOf,
} from "../../src/domain/import.js";
import type { BudgetLineDraft, InitiativeDraft } from "../../src/domain/portfolio.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { SitePeople } from "../../src/ports/current-user.js";
import type { PartResult } from "../../src/ports/repository.js";
import {
  type ImportPorts,
  type ImportProgress,
  loadImportBasis,
  prepareImport,
  rememberValueMap,
  rowsToRetry,
  runImport,
} from "../../src/use-cases/import.js";
import { anArea, anInitiative, aPerson, aSetting } from "../support/builders.js";
import { memoryRepositories, type MemoryRepository } from "../support/memory-repositories.js";
import { inRow } from "../support/problem-words.js";

const HEADERS = ["ID", "Titel", "Område", "Anlæg 2026", "Drift 2027"];
const me = aPerson({ name: "Mads Kjær" });

function table(n: number, o: { from?: number; amount?: string } = {}): ImportTable {
  const from = o.from ?? 1;
  return {
    headers: HEADERS,
    rows: Array.from({ length: n }, (_, i) => [
      `KOMBIT-${from + i}`,
      `Tiltag ${from + i}`,
      "BKV",
      o.amount ?? "100.000",
      "25000",
    ]),
  };
}

const noPeople: SitePeople = {
  ensure: (upn) => Promise.reject(new StoreError("NotFound", `${upn} findes ikke`)),
};

function setup(people: SitePeople = noPeople) {
  const { memory, repositories } = memoryRepositories(() => me);
  memory.areas.seed({ ...anArea({ title: "Borger, Kultur og Velfærd", abbreviation: "BKV" }) });
  memory.settings.seed({ ...aSetting({ key: "budget.years", value: "2026,2027,2028,2029" }) });
  const ports: ImportPorts = { repositories, people };
  const preview = async (t: ImportTable, onExisting: "update" | "skip" = "update") =>
    prepareImport(ports, await loadImportBasis(repositories), t, suggestMapping(t.headers), {
      onExisting,
      defaultSource: "KL/KOMBIT",
      defaultArea: null,
    });
  return { memory, repositories, ports, preview };
}

/**
 * Makes the parts of `addMany` / `updateMany` for which `fails` is true fail with `error`
 * (nothing written for them), as a SharePoint batch answers part by part.
 */
function failParts<D>(
  repo: MemoryRepository<never, never, D> | MemoryRepository<never, never, never>,
  method: "addMany" | "updateMany",
  fails: (part: D) => boolean,
  error: StoreError,
): void {
  const r = repo as unknown as Record<string, (parts: D[]) => Promise<PartResult<unknown>[]>>;
  const single = method === "addMany" ? "add" : "update";
  const write = (r[single] as (p: D) => Promise<unknown>).bind(repo);
  r[method] = async (parts: D[]) => {
    const out: PartResult<unknown>[] = [];
    for (const p of parts) {
      if (fails(p)) out.push({ ok: false, error });
      else out.push({ ok: true, value: await write(p) });
    }
    return out;
  };
}

describe("what the preview reads", () => {
  it("areas, external references of existing initiatives, budget years and known people", async () => {
    const { memory, repositories } = setup();
    const head = aPerson({ id: idOf<PersonId>(5), name: "Maja Lund", email: "maja@x.dk" });
    memory.areas.seed({ ...anArea({ title: "Økonomi", abbreviation: "ØK", head }) });
    memory.areas.seed({ ...anArea({ title: "Nedlagt", abbreviation: "NL", active: false }) });
    memory.initiatives.seed(
      { ...anInitiative({ title: "Med ref", externalRef: "K-1" }) },
      { ...anInitiative({ title: "Uden ref", externalRef: "" }) },
    );
    const basis = await loadImportBasis(repositories);
    expect(basis.areas.map((a) => a.abbreviation)).toEqual(["BKV", "ØK"]);
    // Every initiative: one without a reference is still found again by its title and area.
    expect(basis.existing).toEqual([
      { id: 1, title: "Med ref", externalRef: "K-1", version: "1", area: 1 },
      { id: 2, title: "Uden ref", externalRef: "", version: "1", area: 1 },
    ]);
    expect(basis.budgetYears).toEqual([2026, 2027, 2028, 2029]);
    expect(basis.people).toEqual([head]);
    // The initiatives are read narrowly: only titles, external references and areas.
    expect(memory.initiatives.calls).toContainEqual([
      "list",
      { fields: ["title", "externalRef", "area"] },
    ]);
  });

  it("an Owner column's e-mails are looked up as site users; an unknown one is the row's error", async () => {
    const sara: Person = aPerson({ id: idOf<PersonId>(9), name: "Sara Dahl", email: "sara@x.dk" });
    const asked: string[] = [];
    const { preview } = setup({
      ensure: (upn) => {
        asked.push(upn);
        return upn === "sara@x.dk"
          ? Promise.resolve(sara)
          : Promise.reject(new StoreError("NotFound", "ukendt"));
      },
    });
    const p = await preview({
      headers: ["Titel", "Område", "Ejer"],
      rows: [
        ["A", "BKV", "Sara@x.dk"],
        ["B", "BKV", "sara@x.dk"],
        ["C", "BKV", "nobody@x.dk"],
      ],
    });
    expect(asked.sort()).toEqual(["nobody@x.dk", "sara@x.dk"]);
    expect(p.rows.map((r) => r.initiative.owner)).toEqual([sara, sara]);
    expect(p.problems.map(inRow)).toEqual([
      "4: Ejer: »nobody@x.dk« er ikke en kendt person på portalen.",
    ]);
  });
});

describe("runImport", () => {
  it("writes in batches that never split a row, with progress after each", async () => {
    const { memory, repositories, preview } = setup();
    const p = await preview(table(10));
    const progress: ImportProgress[] = [];
    const batchedCalls: string[] = [];
    for (const [name, repo] of [
      ["initiatives", memory.initiatives],
      ["budgetLines", memory.budgetLines],
    ] as const) {
      const addMany = repo.addMany.bind(repo) as (d: never[]) => Promise<PartResult<unknown>[]>;
      (repo as unknown as { addMany: typeof addMany }).addMany = (drafts) => {
        batchedCalls.push(`${name}:${drafts.length}`);
        return addMany(drafts);
      };
    }
    // 3 writes per row (initiative + 2 lines): 3 rows per batch of 9.
    const summary = await runImport(repositories, p.rows, {
      maxOperations: 9,
      onProgress: (x) => progress.push(x),
    });
    expect(summary).toMatchObject({ created: 10, updated: 0, skipped: 0, failed: 0 });
    expect(summary.stoppedBy).toBeNull();
    expect(progress.map((x) => [x.batchesDone, x.batches, x.rowsDone, x.created])).toEqual([
      [0, 4, 0, 0],
      [1, 4, 3, 3],
      [2, 4, 6, 6],
      [3, 4, 9, 9],
      [4, 4, 10, 10],
    ]);
    // One batched call per batch for the initiatives and one for their lines.
    expect(batchedCalls).toEqual([
      "initiatives:3",
      "budgetLines:6",
      "initiatives:3",
      "budgetLines:6",
      "initiatives:3",
      "budgetLines:6",
      "initiatives:1",
      "budgetLines:2",
    ]);
    const initiatives = memory.initiatives.all();
    expect(initiatives.map((i) => i.externalRef)).toEqual(
      Array.from({ length: 10 }, (_, i) => `KOMBIT-${i + 1}`),
    );
    const lines = memory.budgetLines.all();
    expect(lines).toHaveLength(20);
    for (const i of initiatives) {
      expect(
        lines
          .filter((l) => l.initiative?.id === i.id)
          .map((l) => [l.year, l.kind, l.amount, l.initiative?.title]),
      ).toEqual([
        [2026, "Anlæg", 100000, i.title],
        [2027, "Drift", 25000, i.title],
      ]);
    }
  });

  it("a failing budget line removes what its row wrote; the other rows are created", async () => {
    const { memory, repositories, preview } = setup();
    const p = await preview(table(3));
    // The second line (Drift 2027) of "Tiltag 2" is refused, its first line was written.
    failParts<BudgetLineDraft>(
      memory.budgetLines as never,
      "addMany",
      (l) => l.initiative?.title === "Tiltag 2" && l.kind === "Drift",
      new StoreError("Invalid", "Beløb er for stort."),
    );
    const summary = await runImport(repositories, p.rows);
    expect(summary).toMatchObject({ created: 2, failed: 1 });
    expect(summary.outcomes[1]).toMatchObject({
      row: 3,
      status: "failed",
      cause: "budgetLine",
      error: { kind: "Invalid", message: "Beløb er for stort." },
      leftover: null,
    });
    expect(memory.initiatives.all().map((i) => i.title)).toEqual(["Tiltag 1", "Tiltag 3"]);
    const ids = new Set(memory.initiatives.all().map((i) => i.id as number));
    expect(memory.budgetLines.all()).toHaveLength(4);
    expect(memory.budgetLines.all().every((l) => ids.has(l.initiative!.id))).toBe(true);
  });

  it("when undoing fails too, the row names the initiative left behind", async () => {
    const { memory, repositories, preview } = setup();
    const p = await preview(table(1));
    failParts<BudgetLineDraft>(
      memory.budgetLines as never,
      "addMany",
      (l) => l.kind === "Drift",
      new StoreError("Invalid", "Nej."),
    );
    memory.budgetLines.failNext("remove", new StoreError("Unavailable", "væk"));
    const summary = await runImport(repositories, p.rows);
    const [only] = memory.initiatives.all();
    expect(summary.outcomes).toEqual([
      expect.objectContaining({ status: "failed", cause: "budgetLine", leftover: only!.id }),
    ]);
  });

  it("an initiative refused in the batch fails its row only", async () => {
    const { memory, repositories, preview } = setup();
    const p = await preview(table(3));
    failParts<InitiativeDraft>(
      memory.initiatives as never,
      "addMany",
      (d) => d.title === "Tiltag 1",
      new StoreError("Invalid", "Titel er ugyldig."),
    );
    const summary = await runImport(repositories, p.rows);
    expect(summary.outcomes.map((o) => [o.row, o.status])).toEqual([
      [2, "failed"],
      [3, "created"],
      [4, "created"],
    ]);
    expect(memory.budgetLines.all()).toHaveLength(4);
  });

  it("a batch the store refuses whole for one invalid part is sent part by part: only that row fails", async () => {
    const { memory, repositories, preview } = setup();
    const p = await preview(table(3));
    // As the SharePoint adapter does: every draft validated first, one bad one refuses the call.
    const r = memory.initiatives as unknown as {
      add: (d: InitiativeDraft) => Promise<unknown>;
      addMany: (d: InitiativeDraft[]) => Promise<PartResult<unknown>[]>;
    };
    const calls: number[] = [];
    r.addMany = async (drafts) => {
      calls.push(drafts.length);
      if (drafts.some((d) => d.title === "Tiltag 2")) {
        throw new StoreError("Invalid", "Titel: ugyldige tegn.");
      }
      const out: PartResult<unknown>[] = [];
      for (const d of drafts) out.push({ ok: true, value: await r.add(d) });
      return out;
    };
    const summary = await runImport(repositories, p.rows);
    expect(calls).toEqual([3, 1, 1, 1]);
    expect(summary.outcomes.map((o) => [o.row, o.status])).toEqual([
      [2, "created"],
      [3, "failed"],
      [4, "created"],
    ]);
    expect(summary.outcomes[1]).toMatchObject({ error: { message: "Titel: ugyldige tegn." } });
    expect(memory.budgetLines.all()).toHaveLength(4);
  });

  it("re-importing the same file creates nothing new (skip or update by external reference)", async () => {
    const { memory, repositories, preview } = setup();
    await runImport(repositories, (await preview(table(5))).rows);
    expect(memory.initiatives.all()).toHaveLength(5);

    const skipped = await preview(table(5), "skip");
    expect(skipped.counts).toMatchObject({ create: 0, skip: 5 });
    const s1 = await runImport(repositories, skipped.rows);
    expect(s1).toMatchObject({ created: 0, skipped: 5, failed: 0 });

    const updates = await preview(table(5), "update");
    expect(updates.counts).toMatchObject({ create: 0, update: 5 });
    const s2 = await runImport(repositories, updates.rows);
    expect(s2).toMatchObject({ created: 0, updated: 5, failed: 0 });
    expect(memory.initiatives.all()).toHaveLength(5);
    // Same amounts: the budget lines are neither added again nor rewritten.
    expect(memory.budgetLines.all()).toHaveLength(10);
    expect(memory.budgetLines.calls.filter(([m]) => m === "update")).toHaveLength(0);
  });

  it("an update writes the file's fields and replaces the amount of the same year and kind", async () => {
    const { memory, repositories, preview } = setup();
    await runImport(repositories, (await preview(table(2))).rows);
    memory.initiatives.touch(1, { summary: "Skrevet i portalen" });
    const p = await preview({
      headers: ["ID", "Titel", "Anlæg 2026", "Gevinst 2028"],
      rows: [["KOMBIT-1", "Nyt navn", "150.000", "40000"]],
    });
    const summary = await runImport(repositories, p.rows);
    expect(summary).toMatchObject({ updated: 1, failed: 0 });
    const one = memory.initiatives.all().find((i) => i.id === 1)!;
    expect(one).toMatchObject({
      title: "Nyt navn",
      summary: "Skrevet i portalen",
      area: { id: 1 },
    });
    expect(
      memory.budgetLines
        .all()
        .filter((l) => l.initiative?.id === 1)
        .map((l) => [l.year, l.kind, l.amount]),
    ).toEqual([
      [2026, "Anlæg", 150000],
      [2027, "Drift", 25000],
      [2028, "Gevinst", 40000],
    ]);
  });

  it("an update of an initiative changed since the preview fails as Conflict and overwrites nothing", async () => {
    const { memory, repositories, preview } = setup();
    await runImport(repositories, (await preview(table(2))).rows);
    const p = await preview(table(2, { amount: "999" }));
    memory.initiatives.touch(2, { title: "Rettet af formanden" });
    const summary = await runImport(repositories, p.rows);
    expect(summary).toMatchObject({ updated: 1, failed: 1 });
    expect(summary.outcomes[1]).toMatchObject({
      row: 3,
      status: "failed",
      cause: "initiative",
      error: { code: "import.problem.changedSinceReview" },
    });
    expect(memory.initiatives.all().find((i) => i.id === 2)?.title).toBe("Rettet af formanden");
    expect(
      memory.budgetLines
        .all()
        .filter((l) => l.initiative?.id === 2)
        .map((l) => l.amount),
    ).toEqual([100000, 25000]);
  });

  it("a stale version the store itself refuses is reported the same way", async () => {
    const { memory, repositories, preview } = setup();
    await runImport(repositories, (await preview(table(1))).rows);
    const p = await preview(table(1));
    memory.initiatives.failNext("update", new StoreError("Conflict", "412"));
    const summary = await runImport(repositories, p.rows);
    expect(summary.outcomes).toMatchObject([
      { status: "failed", cause: "initiative", error: { kind: "Conflict", message: "412" } },
    ]);
    expect(memory.initiatives.all()[0]?.version).toBe("1");
  });

  it("an update whose budget line fails puts the initiative and its lines back", async () => {
    const { memory, repositories, preview } = setup();
    await runImport(repositories, (await preview(table(1))).rows);
    const p = await preview({
      headers: ["ID", "Titel", "Anlæg 2026", "Gevinst 2028"],
      rows: [["KOMBIT-1", "Nyt navn", "150.000", "40000"]],
    });
    failParts<BudgetLineDraft>(
      memory.budgetLines as never,
      "addMany",
      () => true,
      new StoreError("Invalid", "Nej."),
    );
    const summary = await runImport(repositories, p.rows);
    expect(summary.outcomes).toEqual([
      expect.objectContaining({ status: "failed", cause: "budgetLine", leftover: null }),
    ]);
    expect(memory.initiatives.all()[0]?.title).toBe("Tiltag 1");
    expect(memory.budgetLines.all().map((l) => [l.kind, l.amount])).toEqual([
      ["Anlæg", 100000],
      ["Drift", 25000],
    ]);
  });

  it("stops when the adapter gives up on throttling; retrying runs only the failed rows", async () => {
    const { memory, repositories, preview } = setup();
    const p = await preview(table(6));
    const throttled = new StoreError("Throttled", "429", { retryAfter: 30 });
    let calls = 0;
    failParts<InitiativeDraft>(
      memory.initiatives as never,
      "addMany",
      (d) => {
        calls += 1;
        return d.title !== "Tiltag 1" && d.title !== "Tiltag 2";
      },
      throttled,
    );
    const summary = await runImport(repositories, p.rows, { maxOperations: 6 });
    expect(summary.stoppedBy).toBe(throttled);
    expect(summary.outcomes.map((o) => (o.status === "failed" ? o.cause : o.status))).toEqual([
      "created",
      "created",
      "initiative",
      "initiative",
      "notAttempted",
      "notAttempted",
    ]);
    // The third batch was never sent.
    expect(calls).toBe(4);

    // The throttling is over: try again, with the portfolio read afresh.
    failParts<InitiativeDraft>(memory.initiatives as never, "addMany", () => false, throttled);
    const fresh = await preview(table(6));
    const retry = rowsToRetry(fresh, summary);
    expect(retry.map((r) => r.row)).toEqual([4, 5, 6, 7]);
    const again = await runImport(repositories, retry);
    expect(again).toMatchObject({ created: 4, failed: 0 });
    expect(memory.initiatives.all()).toHaveLength(6);
  });

  it("stops between batches when cancelled", async () => {
    const { memory, repositories, preview } = setup();
    const p = await preview(table(4));
    const abort = new AbortController();
    const summary = await runImport(repositories, p.rows, {
      maxOperations: 3,
      onProgress: (x) => {
        if (x.batchesDone === 1) abort.abort();
      },
      signal: abort.signal,
    });
    expect(summary).toMatchObject({ created: 1, failed: 3 });
    expect(summary.stoppedBy).toEqual({ code: "import.problem.cancelled" });
    expect(memory.initiatives.all()).toHaveLength(1);
  });
});

describe("a file without external references, values to map and settings", () => {
  const headers = ["Titel", "Kilde", "Område", "Lovpligtig", "Frist"];
  const file: ImportTable = {
    headers,
    rows: [
      ["Digital post 2.0", "Internt behov", "BKV", "ja", "01-01-2026"],
      ["Robot i bogholderiet", "Kaffeautomat", "BKV", "nej", ""],
    ],
  };
  const clock = { now: () => new Date("2026-12-08T10:00:00Z") };

  async function previewOf(
    s: ReturnType<typeof setup>,
    onExisting: "update" | "skip",
    values?: ValueMap,
  ) {
    const basis = await loadImportBasis(s.repositories);
    return prepareImport({ ...s.ports, clock }, basis, file, suggestMapping(headers), {
      onExisting,
      defaultSource: "KL/KOMBIT",
      defaultArea: null,
      importer: me,
      ...(values ? { values } : {}),
    });
  }

  it("importing the same file twice creates nothing the second time", async () => {
    const s = setup();
    const values = valueMapOf([{ field: "source", key: "kaffeautomat", value: "Lederforum" }]);
    const first = await previewOf(s, "skip", values);
    expect(first.counts).toMatchObject({ create: 2, invalid: 0 });
    expect((await runImport(s.repositories, first.rows)).created).toBe(2);
    const again = await previewOf(s, "skip", values);
    expect(again.counts).toMatchObject({ create: 0, skip: 2 });
    const run = await runImport(s.repositories, again.rows);
    expect(run).toMatchObject({ created: 0, skipped: 2 });
    expect(s.memory.initiatives.all()).toHaveLength(2);
  });

  it("the importer owns the rows, the past deadline is warned about, Internt behov is a known source", async () => {
    const s = setup();
    const p = await previewOf(s, "skip");
    expect(p.rows.map((r) => [r.initiative.source, r.initiative.owner?.name])).toEqual([
      ["Fagområdets behov", "Mads Kjær"],
    ]);
    expect(p.rows[0]?.warnings.map((w) => w.code)).toContain("import.warning.legalDeadlinePast");
    expect(p.problems.map(inRow)).toEqual([
      expect.stringMatching(/^3: Kilde: »Kaffeautomat« er ikke en kendt kilde/),
    ]);
  });

  it("the values chosen are remembered in Settings and suggested for the next file", async () => {
    const s = setup();
    const chosen = valueMapOf([{ field: "source", key: "kaffeautomat", value: "Lederforum" }]);
    expect(await rememberValueMap(s.repositories, chosen)).toMatchObject({ ok: true });
    expect(await rememberValueMap(s.repositories, chosen)).toMatchObject({ ok: true });
    const stored = s.memory.settings.all().filter((x) => x.key === SETTING_KEYS.importValueMap);
    expect(stored).toHaveLength(1);
    const basis = await loadImportBasis(s.repositories);
    expect(basis.remembered.source).toEqual({ kaffeautomat: "Lederforum" });
  });

  it("synonyms configured in Settings are used", async () => {
    const s = setup();
    s.memory.settings.seed({
      ...aSetting({
        key: SETTING_KEYS.sourceSynonyms,
        value: JSON.stringify({ Lederforum: ["Kaffeautomat"] }),
      }),
    });
    const p = await previewOf(s, "skip");
    expect(p.rows.map((r) => r.initiative.source)).toEqual(["Fagområdets behov", "Lederforum"]);
  });

  it("a refused save of the choices is a result, not a thrown error", async () => {
    const s = setup();
    s.memory.settings.failNext("add", new StoreError("Forbidden", "nej"));
    const r = await rememberValueMap(s.repositories, { source: { a: "Staten" } });
    expect(r).toEqual({
      ok: false,
      error: { code: "import.problem.notRemembered", params: { kind: "Forbidden" } },
    });
  });
});
