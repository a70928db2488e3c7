/**
 * Import of many initiatives at once (issue 4 §6), e.g. the lists KL/KOMBIT publish. The domain
 * (src/domain/import.ts) maps the columns, checks every row and decides per row: create, update
 * or skip, by external reference. This use case reads what the preview needs through the ports
 * and writes the rows in batches:
 *
 * - creates: the batch's initiatives in one batched `addMany`, then all their budget lines in
 *   one more; a row whose budget line fails has what it wrote removed again, so a failed row
 *   never leaves half an initiative;
 * - updates: the stored initiative is written with the version the preview read (someone
 *   else's newer save makes the row fail as `Conflict`, nothing is overwritten), then its
 *   budget lines; a failing line puts the initiative and the lines back as they were;
 * - progress after every batch; a batch that only met throttling or an unreachable service
 *   (the adapter retried and gave up) stops the import, and the rows not tried are reported so
 *   they can be retried.
 *
 * Re-importing a file creates nothing new: its rows' external references now exist, so the
 * preview makes them updates or skips.
 *
 * Imported initiatives start as every initiative does, in Idé. The mandatory flag is one of the
 * committee's gates, which count only through a recorded change: a row that makes an
 * initiative mandatory (or no longer so) has that change recorded in PhaseChanges as the
 * person importing (the chair's or the secretary's task); if the record cannot be written the
 * flag shows as irregular until it is set again.
 */
import type { Clock } from "../domain/clock.js";
import type { Person, Ref } from "../domain/common.js";
import { isStoreError, type StoreError, type StoreErrorKind } from "../domain/errors.js";
import type { AreaId, InitiativeId, Version } from "../domain/ids.js";
import {
  type ColumnMapping,
  type ExistingInitiative,
  type ImportArea,
  type ImportContext,
  type ImportPreview,
  type ImportRow,
  type ImportTable,
  mergeSynonyms,
  parseSynonyms,
  parseValueMap,
  planBudgetLines,
  previewImport,
  rememberValues,
  serializeValueMap,
  type SkipReason,
  SOURCE_SYNONYMS,
  splitIntoBatches,
  type StoredBudgetLine,
  type Synonyms,
  updatedInitiative,
  type ValueMap,
} from "../domain/import.js";
import { parseBudgetYears } from "../domain/intake.js";
import type {
  BudgetLine,
  BudgetLineDraft,
  Initiative,
  PhaseChangeDraft,
} from "../domain/portfolio.js";
import { type Outcome, type Problem, refuse } from "../domain/problems.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import { type Source, SOURCES } from "../domain/vocabulary.js";
import type { SitePeople } from "../ports/current-user.js";
import type { ReadTable, SpreadsheetFiles } from "../ports/files.js";
import type { Repositories } from "../ports/repositories.js";
import type { PartResult } from "../ports/repository.js";

export interface ImportPorts {
  repositories: Repositories;
  /** Turns an e-mail in the Owner column into a site user. */
  people: SitePeople;
  /** Today, for the legal deadline already passed (the system clock when not given). */
  clock?: Clock;
}

/** What the preview needs from the portfolio, read once per file. */
export interface ImportBasis {
  areas: ImportArea[];
  /** Initiatives that have an external reference (the re-import check). */
  existing: ExistingInitiative[];
  /** The configured budget years (Settings `budget.years`; else the budget frames' years). */
  budgetYears: number[];
  /** People known without asking the site: the areas' heads and representatives. */
  people: Person[];
  /** Source synonyms: the built-in ones plus Settings `vocabulary.sources.synonyms`. */
  synonyms: Synonyms;
  /** What earlier files' values were mapped to (Settings `import.valueMap`). */
  remembered: ValueMap;
}

/** The settings the import reads. */
const IMPORT_SETTING_KEYS = [
  SETTING_KEYS.budgetYears,
  SETTING_KEYS.sourceSynonyms,
  SETTING_KEYS.importValueMap,
];

/**
 * Reads the areas, the existing initiatives' titles, areas and external references (a narrow
 * `$select`, however many there are), the budget years, the source synonyms and the values
 * remembered from earlier files.
 */
export async function loadImportBasis(repositories: Repositories): Promise<ImportBasis> {
  const [areas, initiatives, settings] = await Promise.all([
    repositories.areas.list(),
    repositories.initiatives.list({ fields: ["title", "externalRef", "area"] }),
    repositories.settings.list({ where: { key: IMPORT_SETTING_KEYS } }),
  ]);
  const setting = (key: string) => settings.find((s) => s.key === key)?.value ?? "";
  let budgetYears = parseBudgetYears(setting(SETTING_KEYS.budgetYears));
  if (budgetYears.length === 0) {
    const frames = await repositories.budgetFrames.list();
    budgetYears = [...new Set(frames.map((f) => f.year))].sort((a, b) => a - b);
  }
  const people = new Map<number, Person>();
  for (const a of areas) {
    for (const p of [a.head, ...a.representatives]) if (p) people.set(p.id, p);
  }
  return {
    areas: areas
      .filter((a) => a.active)
      .map((a) => ({ id: a.id, title: a.title, abbreviation: a.abbreviation })),
    existing: initiatives.map((i) => ({
      id: i.id,
      title: i.title,
      externalRef: i.externalRef ?? "",
      version: i.version,
      area: i.area?.id ?? null,
    })),
    budgetYears,
    people: [...people.values()],
    synonyms: mergeSynonyms(
      SOURCE_SYNONYMS,
      parseSynonyms(setting(SETTING_KEYS.sourceSynonyms), SOURCES),
    ),
    remembered: parseValueMap(setting(SETTING_KEYS.importValueMap)),
  };
}

/**
 * Remembers the values chosen for this file (over the earlier ones) in Settings
 * `import.valueMap`, for the next file. Settings are the secretariat's to write: for anyone
 * else (or a conflicting save) the choices are not remembered, which the import goes on
 * without.
 */
export async function rememberValueMap(
  repositories: Repositories,
  chosen: ValueMap,
): Promise<Outcome<ValueMap, "import.problem.notRemembered">> {
  try {
    const [found] = await repositories.settings.list({
      where: { key: SETTING_KEYS.importValueMap },
    });
    const next = rememberValues(parseValueMap(found?.value ?? ""), chosen);
    const value = serializeValueMap(next);
    if (found) await repositories.settings.update({ ...found, value });
    else
      await repositories.settings.add({
        title: "Importens værdier",
        key: SETTING_KEYS.importValueMap,
        value,
        description: "",
      });
    return { ok: true, value: next };
  } catch (e) {
    if (!isStoreError(e)) throw e;
    return refuse("import.problem.notRemembered", { kind: e.kind });
  }
}

export interface PreviewOptions {
  onExisting: ImportContext["onExisting"];
  defaultSource: Source;
  defaultArea: Ref<AreaId> | null;
  /** What the file's source and area values mean (the wizard's value step). */
  values?: ValueMap;
  /** The person importing: owner of what is created when the file names none. */
  importer?: Person | null;
}

/**
 * The preview of a file: the e-mails in the Owner column that are not known yet are looked up
 * as site users (an unknown one becomes that row's error), then the domain decides every row.
 */
export async function prepareImport(
  ports: ImportPorts,
  basis: ImportBasis,
  table: ImportTable,
  mapping: ColumnMapping,
  options: PreviewOptions,
): Promise<ImportPreview> {
  const people = await resolveOwners(ports.people, basis.people, table, mapping);
  return previewImport(table, mapping, {
    areas: basis.areas,
    people,
    existing: basis.existing,
    onExisting: options.onExisting,
    defaultSource: options.defaultSource,
    defaultArea: options.defaultArea,
    values: options.values ?? {},
    synonyms: basis.synonyms,
    today: startOfDay(ports.clock ?? { now: () => new Date() }),
    importer: options.importer ?? null,
  });
}

function startOfDay(clock: Clock): string {
  return `${clock.now().toISOString().slice(0, 10)}T00:00:00Z`;
}

async function resolveOwners(
  sitePeople: SitePeople,
  known: readonly Person[],
  table: ImportTable,
  mapping: ColumnMapping,
): Promise<Person[]> {
  const col = mapping.findIndex((t) => t?.field === "owner");
  if (col < 0) return [...known];
  const knownMails = new Set(known.map((p) => p.email.toLowerCase()));
  const mails = [
    ...new Set(
      table.rows
        .map((r) => (r[col] ?? "").trim().toLowerCase())
        .filter((m) => m.includes("@") && !knownMails.has(m)),
    ),
  ];
  const found = await mapLimit(mails, 4, async (mail) => {
    try {
      return await sitePeople.ensure(mail);
    } catch (e) {
      if (isStoreError(e, "NotFound")) return null;
      throw e;
    }
  });
  return [...known, ...found.filter((p): p is Person => p !== null)];
}

// ---------------------------------------------------------------- writing

/**
 * Why a row failed: its initiative was refused (e.g. `Conflict`: changed by someone else since
 * the preview), one of its budget lines was refused (what the row wrote is undone), or the
 * import stopped before the row was tried.
 */
export type FailureCause = "initiative" | "budgetLine" | "notAttempted";

export type RowOutcome =
  | { row: number; title: string; status: "created" | "updated"; id: InitiativeId }
  | { row: number; title: string; status: "skipped"; id: InitiativeId; reason: SkipReason }
  | {
      row: number;
      title: string;
      status: "failed";
      cause: FailureCause;
      /** What SharePoint refused, or a refusal of the import's own (`import.problem.*`). */
      error: StoreError | ImportProblem;
      /**
       * Set when undoing what the row wrote failed too: the initiative that was created (or
       * updated) and must be removed (or checked) by hand.
       */
      leftover: InitiativeId | null;
    };

export interface ImportCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface ImportProgress extends ImportCounts {
  /** Rows written, skipped or failed so far, of `rowsTotal`. */
  rowsDone: number;
  rowsTotal: number;
  batchesDone: number;
  batches: number;
}

/** The import's own reasons a row was not written. */
export type ImportProblem = Problem<
  "import.problem.cancelled" | "import.problem.changedSinceReview" | "import.problem.noAnswer"
>;

export interface ImportSummary extends ImportCounts {
  /** One per row given, in row order. */
  outcomes: RowOutcome[];
  /** Set when the import stopped early (the adapter gave up, or it was cancelled). */
  stoppedBy: StoreError | ImportProblem | null;
}

export interface ImportOptions {
  /** Writes per batch (an initiative and each budget line are one each). */
  maxOperations?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops between batches; the rows not tried are reported as failed, `notAttempted`. */
  signal?: AbortSignal;
  /** When the mandatory flag's changes are recorded (the system clock when not given). */
  clock?: Clock;
}

/** Collects the record of each mandatory flag a row sets or clears. */
type GateRecords = PhaseChangeDraft[];

function mandatoryRecord(
  initiative: Pick<Initiative, "id" | "title" | "phase">,
  mandatory: boolean,
  clock: Clock,
): PhaseChangeDraft {
  return {
    title: mandatory ? "Lovpligtigt (import)" : "Ikke lovpligtigt (import)",
    initiative: { id: initiative.id, title: initiative.title },
    fromPhase: initiative.phase,
    toPhase: initiative.phase,
    changedAt: clock.now().toISOString(),
    decision: null,
    reason: "Importeret fra fil.",
    gate: "Lovpligtig",
    mandatory,
  };
}

/** Kinds that say the service, not the row, is the problem: the adapter retried and gave up. */
const STOPPING: readonly StoreErrorKind[] = ["Throttled", "Unavailable", "Forbidden"];

/**
 * Writes the rows of a preview (rows with errors are never among them) in batches that never
 * split a row, and says what happened to each.
 */
export async function runImport(
  repositories: Repositories,
  rows: readonly ImportRow[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batches = splitIntoBatches(rows, options.maxOperations ?? 100);
  const outcomes = new Map<number, RowOutcome>();
  for (const row of rows) {
    if (row.action.kind === "skip") {
      outcomes.set(row.row, {
        row: row.row,
        title: row.initiative.title,
        status: "skipped",
        id: row.action.id,
        reason: row.action.reason,
      });
    }
  }
  const counts = (): ImportCounts => {
    const c = { created: 0, updated: 0, skipped: 0, failed: 0 };
    for (const o of outcomes.values()) c[o.status] += 1;
    return c;
  };
  const report = (batchesDone: number) =>
    options.onProgress?.({
      ...counts(),
      rowsDone: outcomes.size,
      rowsTotal: rows.length,
      batchesDone,
      batches: batches.length,
    });
  report(0);

  const clock: Clock = options.clock ?? { now: () => new Date() };
  let stoppedBy: StoreError | ImportProblem | null = null;
  for (const [index, batch] of batches.entries()) {
    if (stoppedBy === null && options.signal?.aborted) {
      stoppedBy = { code: "import.problem.cancelled" };
    }
    if (stoppedBy !== null) {
      for (const row of batch) outcomes.set(row.row, failed(row, "notAttempted", stoppedBy));
      continue;
    }
    const records: GateRecords = [];
    const written = [
      ...(await writeCreates(
        repositories,
        batch.filter((r) => r.action.kind === "create"),
        records,
        clock,
      )),
      ...(await writeUpdates(
        repositories,
        batch.filter((r) => r.action.kind === "update"),
        records,
        clock,
      )),
    ];
    if (records.length > 0) {
      // A record that fails leaves the flag irregular (shown to the chair and the secretary).
      await settled(records, (xs) => repositories.phaseChanges.addMany(xs));
    }
    for (const o of written) outcomes.set(o.row, o);
    const errors = written.flatMap((o) => (o.status === "failed" ? [o.error] : []));
    const stopping = errors.filter(
      (e): e is StoreError => isStoreError(e) && STOPPING.includes(e.kind),
    );
    if (errors.length > 0 && stopping.length === written.length) {
      stoppedBy = stopping[0] ?? null;
    }
    report(index + 1);
  }
  const ordered = rows.flatMap((r) => {
    const o = outcomes.get(r.row);
    return o ? [o] : [];
  });
  return { ...counts(), outcomes: ordered, stoppedBy };
}

function failed(
  row: ImportRow,
  cause: FailureCause,
  error: StoreError | ImportProblem,
  leftover: InitiativeId | null = null,
): RowOutcome {
  return { row: row.row, title: row.initiative.title, status: "failed", cause, error, leftover };
}

/**
 * A batched call's results, or every part failed with the error the whole call rejected with.
 * The adapters validate every part before sending any and refuse the whole call (`Invalid`)
 * for one bad part: then each part is sent on its own, so only the bad one fails.
 */
async function settled<X, T>(
  items: readonly X[],
  call: (items: readonly X[]) => Promise<PartResult<T>[]>,
): Promise<PartResult<T>[]> {
  if (items.length === 0) return [];
  try {
    return await call(items);
  } catch (e) {
    if (!isStoreError(e)) throw e;
    if (isStoreError(e, "Invalid") && items.length > 1) {
      const one: PartResult<T>[] = [];
      for (const item of items) one.push(...(await settled([item], call)));
      return one;
    }
    return items.map((): PartResult<T> => ({ ok: false, error: e }));
  }
}

const refOf = (i: { id: InitiativeId; title: string }): Ref<InitiativeId> => ({
  id: i.id,
  title: i.title,
});

/** New initiatives, then their budget lines; a row with a failed line is removed again. */
async function writeCreates(
  r: Repositories,
  rows: readonly ImportRow[],
  records: GateRecords,
  clock: Clock,
): Promise<RowOutcome[]> {
  const results = await settled(
    rows.map((x) => x.initiative),
    (xs) => r.initiatives.addMany(xs),
  );
  const outcomes: RowOutcome[] = [];
  const created: { row: ImportRow; initiative: Initiative }[] = [];
  rows.forEach((row, i) => {
    const res = results[i];
    if (res?.ok) created.push({ row, initiative: res.value });
    else outcomes.push(failed(row, "initiative", errorOf(res)));
  });

  const owners: number[] = [];
  const drafts: BudgetLineDraft[] = created.flatMap((c, k) =>
    c.row.budgetLines.map((line) => {
      owners.push(k);
      return { ...line, initiative: refOf(c.initiative) };
    }),
  );
  const lineResults = await settled(drafts, (xs) => r.budgetLines.addMany(xs));
  const linesOf = created.map(() => [] as PartResult<BudgetLine>[]);
  lineResults.forEach((res, j) => linesOf[owners[j] ?? 0]?.push(res));

  const undo: {
    row: ImportRow;
    initiative: Initiative;
    lines: BudgetLine[];
    error: StoreError | ImportProblem;
  }[] = [];
  created.forEach((c, k) => {
    const lines = linesOf[k] ?? [];
    const bad = lines.find((l) => !l.ok);
    if (bad) {
      undo.push({
        ...c,
        lines: lines.flatMap((l) => (l.ok ? [l.value] : [])),
        error: errorOf(bad),
      });
    } else {
      outcomes.push({
        row: c.row.row,
        title: c.initiative.title,
        status: "created",
        id: c.initiative.id,
      });
      if (c.initiative.mandatory) records.push(mandatoryRecord(c.initiative, true, clock));
    }
  });
  if (undo.length === 0) return outcomes;

  // Undo: the row's lines first, then its initiative (only once its lines are gone).
  const lines = undo.flatMap((u) => u.lines);
  const removedLines = await settled(
    lines.map((l) => ({ id: l.id, version: l.version })),
    (xs) => r.budgetLines.removeMany(xs),
  );
  const lineFailed = new Set(lines.filter((_, j) => !removedLines[j]?.ok).map((l) => l.id));
  const removable = undo.filter((u) => !u.lines.some((l) => lineFailed.has(l.id)));
  const removed = await settled(
    removable.map((u) => ({ id: u.initiative.id, version: u.initiative.version })),
    (xs) => r.initiatives.removeMany(xs),
  );
  const gone = new Set(removable.filter((_, k) => removed[k]?.ok).map((u) => u.initiative.id));
  for (const u of undo) {
    const leftover = gone.has(u.initiative.id) ? null : u.initiative.id;
    outcomes.push(failed(u.row, "budgetLine", u.error, leftover));
  }
  return outcomes;
}

interface UpdateWork {
  row: ImportRow & { action: { kind: "update"; id: InitiativeId; version: Version } };
  current: Initiative;
  lines: BudgetLine[];
}

/**
 * Updates of existing initiatives at the version the preview read, then their budget lines;
 * a row with a failed line gets its initiative and lines put back.
 */
async function writeUpdates(
  r: Repositories,
  rows: readonly ImportRow[],
  records: GateRecords,
  clock: Clock,
): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  const reads = await mapLimit(rows, 6, async (row): Promise<UpdateWork | RowOutcome> => {
    if (row.action.kind !== "update") throw new Error("writeUpdates: not an update row");
    const id = row.action.id;
    try {
      const [current, lines] = await Promise.all([
        r.initiatives.get(id),
        row.budgetLines.length > 0
          ? r.budgetLines.list({ where: { initiative: id } })
          : Promise.resolve([]),
      ]);
      if (current.version !== row.action.version) {
        return failed(row, "initiative", {
          code: "import.problem.changedSinceReview",
          params: { id },
        });
      }
      return { row: row as UpdateWork["row"], current, lines };
    } catch (e) {
      if (!isStoreError(e)) throw e;
      return failed(row, "initiative", e);
    }
  });
  const work: UpdateWork[] = [];
  for (const x of reads) {
    if ("current" in x) work.push(x);
    else outcomes.push(x);
  }

  const versions = await settled(
    work.map((w) => updatedInitiative(w.current, w.row)),
    (xs) => r.initiatives.updateMany(xs),
  );
  const written: (UpdateWork & { version: Version })[] = [];
  work.forEach((w, i) => {
    const v = versions[i];
    if (v?.ok) written.push({ ...w, version: v.value });
    else outcomes.push(failed(w.row, "initiative", errorOf(v)));
  });

  const plans = written.map((w) =>
    planBudgetLines(w.lines as StoredBudgetLine[], w.row.budgetLines, refOf(w.current)),
  );
  const adds = plans.flatMap((p, k) => p.add.map((draft) => ({ k, draft })));
  const changes = plans.flatMap((p, k) => p.update.map((line) => ({ k, line })));
  const added = await settled(
    adds.map((a) => a.draft),
    (xs) => r.budgetLines.addMany(xs),
  );
  const changed = await settled(
    changes.map((c) => c.line),
    (xs) => r.budgetLines.updateMany(xs),
  );

  const errorFor = new Map<number, StoreError | ImportProblem>();
  adds.forEach((a, j) => {
    const res = added[j];
    if (!res?.ok && !errorFor.has(a.k)) errorFor.set(a.k, errorOf(res));
  });
  changes.forEach((c, j) => {
    const res = changed[j];
    if (!res?.ok && !errorFor.has(c.k)) errorFor.set(c.k, errorOf(res));
  });
  written.forEach((w, k) => {
    if (!errorFor.has(k)) {
      outcomes.push({
        row: w.row.row,
        title: w.current.title,
        status: "updated",
        id: w.current.id,
      });
      const mandatory = w.row.initiative.mandatory;
      if (w.row.fields.includes("mandatory") && mandatory !== w.current.mandatory) {
        records.push(mandatoryRecord(w.current, mandatory, clock));
      }
    }
  });
  if (errorFor.size === 0) return outcomes;

  // Put back what the failed rows wrote: added lines removed, changed lines' old amounts, and
  // the initiative's old fields (at the version this import gave it).
  const toRemove = adds.flatMap((a, j) => {
    const res = added[j];
    return errorFor.has(a.k) && res?.ok
      ? [{ k: a.k, id: res.value.id, version: res.value.version }]
      : [];
  });
  const toRestore = changes.flatMap((c, j) => {
    const res = changed[j];
    const old = written[c.k]?.lines.find((l) => l.id === c.line.id);
    return errorFor.has(c.k) && res?.ok && old
      ? [{ k: c.k, line: { ...old, version: res.value } }]
      : [];
  });
  const back = [...errorFor.keys()].flatMap((k) => {
    const w = written[k];
    return w ? [{ k, initiative: { ...w.current, version: w.version } }] : [];
  });
  const [removed, restored, reverted] = [
    await settled(
      toRemove.map(({ id, version }) => ({ id, version })),
      (xs) => r.budgetLines.removeMany(xs),
    ),
    await settled(
      toRestore.map((x) => x.line),
      (xs) => r.budgetLines.updateMany(xs),
    ),
    await settled(
      back.map((b) => b.initiative),
      (xs) => r.initiatives.updateMany(xs),
    ),
  ];
  const leftovers = new Set<number>([
    ...toRemove.filter((_, j) => !removed[j]?.ok).map((x) => x.k),
    ...toRestore.filter((_, j) => !restored[j]?.ok).map((x) => x.k),
    ...back.filter((_, j) => !reverted[j]?.ok).map((x) => x.k),
  ]);
  for (const [k, error] of errorFor) {
    const w = written[k];
    if (!w) continue;
    outcomes.push(failed(w.row, "budgetLine", error, leftovers.has(k) ? w.current.id : null));
  }
  return outcomes;
}

function errorOf(res: PartResult<unknown> | undefined): StoreError | ImportProblem {
  return res && !res.ok ? res.error : { code: "import.problem.noAnswer" };
}

/** `fn` over `items` with at most `limit` running at once; results in order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// ---------------------------------------------------------------- retrying

/**
 * The rows to try again: the preview is made afresh (the portfolio read again, so a row that
 * did get created is now an update or a skip, and an update uses the current version) and
 * only the rows that failed are kept.
 */
export function rowsToRetry(preview: ImportPreview, summary: ImportSummary): ImportRow[] {
  const failedRows = new Set(
    summary.outcomes.filter((o) => o.status === "failed").map((o) => o.row),
  );
  return preview.rows.filter((r) => failedRows.has(r.row));
}

/** The first run's summary with the retried rows' outcomes put in their place. */
export function mergeRetry(first: ImportSummary, retried: ImportSummary): ImportSummary {
  const byRow = new Map(first.outcomes.map((o) => [o.row, o]));
  for (const o of retried.outcomes) byRow.set(o.row, o);
  const outcomes = [...byRow.values()].sort((a, b) => a.row - b.row);
  const counts = { created: 0, updated: 0, skipped: 0, failed: 0 };
  for (const o of outcomes) counts[o.status] += 1;
  return { ...counts, outcomes, stoppedBy: retried.stoppedBy };
}

/**
 * Reads a spreadsheet the user chose (CSV, or an Excel workbook's sheet) as a table of text
 * cells, through the files port.
 */
export function readImportFile(
  files: SpreadsheetFiles,
  bytes: ArrayBuffer,
  name: string,
  sheet?: string,
): Promise<ReadTable> {
  return files.readTable(bytes, name, sheet ? { sheet } : {});
}
