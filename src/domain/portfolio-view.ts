/**
 * The portfolio's table and board (issue 4 §2), as pure rules: the filter model and applying it,
 * the multi-key sort (lifecycle order for phases, Danish collation for text, empty values last),
 * the table's column catalogue and which initiative fields a view needs (so the load asks for
 * only those), the saved view (a PersonalItem of kind "Visning") with a versioned, forgiving
 * parse, which filters the store can apply itself (indexed columns), the board by phase with the
 * moves each person may make, and the governance summary of the charter's aim.
 */
import type { Clock } from "./clock.js";
import {
  type ExportColumn,
  PORTFOLIO_COLUMNS,
  type PortfolioColumnKey,
  type PortfolioExportRow,
} from "./export-columns.js";
import { cellValue, type FieldKind, type FieldSpec, type KeysWith, keysWith } from "./fields.js";
import type { AreaId } from "./ids.js";
import { INITIATIVE_FIELDS, type InitiativeFields } from "./initiative-fields.js";
import {
  allowedTargets,
  type GovernanceMetrics,
  governanceMetrics,
  MAIN_CHAIN,
  mayMakeTransition,
  ownsInitiative,
  transitionKind,
} from "./lifecycle.js";
import type { PersonalItemDraft } from "./personal.js";
import type { Initiative } from "./portfolio.js";
import type { Me } from "./roles.js";
import type { FieldProblem } from "./validation.js";
import {
  type Governance,
  GOVERNANCES,
  type Phase,
  PHASES,
  type Rag,
  RAGS,
  type Source,
  SOURCES,
} from "./vocabulary.js";

/** A property of an initiative a view can read (the same as the repository's InitiativeField). */
export type PortfolioField = Exclude<keyof Initiative, "id" | "version">;

/**
 * An initiative as a view holds it: `id` and `version` always, the other properties when the
 * load asked for them.
 */
export type PortfolioRow = Pick<Initiative, "id" | "version"> & Partial<Initiative>;

// ---------------------------------------------------------------- filters

/** "Ingen" in a status or governance filter: the initiative has none. */
export const NONE = "none" as const;
export type StatusChoice = Rag | typeof NONE;
export type GovernanceChoice = Governance | typeof NONE;

/** Every list is "any of these"; an empty list does not filter. */
export interface PortfolioFilters {
  phases: Phase[];
  areas: AreaId[];
  sources: Source[];
  /** Latest status (RAG), or `none` for initiatives without a status report. */
  statuses: StatusChoice[];
  governances: GovernanceChoice[];
  /** true: only mandatory; false: only not mandatory; null: both. */
  mandatory: boolean | null;
  /** Words that must all occur in the title (case-insensitive). */
  text: string;
}

export const EMPTY_FILTERS: PortfolioFilters = {
  phases: [],
  areas: [],
  sources: [],
  statuses: [],
  governances: [],
  mandatory: null,
  text: "",
};

/** The fields the filters look at: every load reads them, so a filter never needs a refetch. */
export const FILTER_FIELDS: readonly PortfolioField[] = [
  "title",
  "phase",
  "area",
  "source",
  "latestStatus",
  "governance",
  "mandatory",
];

function words(text: string): string[] {
  return text.toLocaleLowerCase("da").split(/\s+/).filter(Boolean);
}

/** Whether a filter is set (anything but the empty filter). */
export function hasFilters(f: PortfolioFilters): boolean {
  return (
    f.phases.length > 0 ||
    f.areas.length > 0 ||
    f.sources.length > 0 ||
    f.statuses.length > 0 ||
    f.governances.length > 0 ||
    f.mandatory !== null ||
    words(f.text).length > 0
  );
}

/** A title in lower case (Danish), worked out once per row object: search runs per keystroke. */
const loweredTitles = new WeakMap<object, string>();
function loweredTitle(row: PortfolioRow): string {
  let t = loweredTitles.get(row);
  if (t === undefined) {
    t = (row.title ?? "").toLocaleLowerCase("da");
    loweredTitles.set(row, t);
  }
  return t;
}

/** The filters as one test, with the search words split once rather than per row. */
function filterTest(f: PortfolioFilters): (row: PortfolioRow) => boolean {
  const wanted = words(f.text);
  return (row) => {
    if (f.phases.length > 0 && (row.phase === undefined || !f.phases.includes(row.phase))) {
      return false;
    }
    if (f.areas.length > 0 && (!row.area || !f.areas.includes(row.area.id))) return false;
    if (f.sources.length > 0 && (row.source === undefined || !f.sources.includes(row.source))) {
      return false;
    }
    if (f.statuses.length > 0 && !f.statuses.includes(row.latestStatus ?? NONE)) return false;
    if (f.governances.length > 0 && !f.governances.includes(row.governance ?? NONE)) return false;
    if (f.mandatory !== null && (row.mandatory ?? false) !== f.mandatory) return false;
    if (wanted.length > 0) {
      const title = loweredTitle(row);
      if (!wanted.every((w) => title.includes(w))) return false;
    }
    return true;
  };
}

/** Whether one initiative passes the filters. */
export function matchesFilters(row: PortfolioRow, f: PortfolioFilters): boolean {
  return filterTest(f)(row);
}

/** The rows that pass the filters, in their order (so filtering sorted rows keeps them sorted). */
export function applyFilters<R extends PortfolioRow>(rows: readonly R[], f: PortfolioFilters): R[] {
  if (!hasFilters(f)) return [...rows];
  return rows.filter(filterTest(f));
}

/**
 * The part of the filters the store can apply itself, as a repository `where`: only the
 * indexed columns (Phase, Area, Source, LatestStatus, Governance, Mandatory; see
 * lists-schema/Initiatives.json), and only value lists (a `none` choice is an empty column,
 * which a `where` list cannot combine with values: it is left to `applyFilters`). The text
 * search never goes to the store. The result is always narrower or equal to what
 * `applyFilters` keeps, never wider, so applying the full filter afterwards is always right.
 */
export interface PortfolioWhere {
  phase?: Phase[];
  area?: AreaId[];
  source?: Source[];
  latestStatus?: Rag[];
  governance?: Governance[];
  mandatory?: boolean;
}

export function serverWhere(f: PortfolioFilters): PortfolioWhere {
  const where: PortfolioWhere = {};
  const sorted = <T>(xs: readonly T[], order: readonly T[]) =>
    [...new Set(xs)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (f.phases.length > 0) where.phase = sorted(f.phases, PHASES);
  if (f.areas.length > 0) where.area = [...new Set(f.areas)].sort((a, b) => a - b);
  if (f.sources.length > 0) where.source = sorted(f.sources, SOURCES);
  if (f.statuses.length > 0 && !f.statuses.includes(NONE)) {
    where.latestStatus = sorted(f.statuses as Rag[], RAGS);
  }
  if (f.governances.length > 0 && !f.governances.includes(NONE)) {
    where.governance = sorted(f.governances as Governance[], GOVERNANCES);
  }
  if (f.mandatory !== null) where.mandatory = f.mandatory;
  return where;
}

// ---------------------------------------------------------------- columns

type SortKind = "phase" | "text" | "number" | "boolean" | "date";

export interface PortfolioColumn {
  key: PortfolioColumnKey;
  /** The initiative fields the column shows (what the load must `$select`). */
  fields: readonly PortfolioField[];
  sort: SortKind;
  /** The value sorted on; null/undefined sort last. */
  sortValue: (row: PortfolioRow) => string | number | boolean | null | undefined;
}

const column = (
  key: PortfolioColumnKey,
  sort: SortKind,
  fields: readonly PortfolioField[],
  sortValue: PortfolioColumn["sortValue"],
): PortfolioColumn => ({ key, fields, sort, sortValue });

/** How a registry field sorts: the phase in the lifecycle's order, the rest by kind. */
function sortOf(key: string, kind: FieldKind): SortKind {
  if (key === "phase") return "phase";
  if (kind === "number" || kind === "integer") return "number";
  if (kind === "boolean" || kind === "date") return kind;
  return "text";
}

/** A column of a registry field: sorted on what it shows (a reference's title, a name). */
function registryColumn(key: KeysWith<InitiativeFields, "export">): PortfolioColumn {
  const spec: FieldSpec = INITIATIVE_FIELDS[key];
  const text = spec.kind === "text" || spec.kind === "note";
  return column(key, sortOf(key, spec.kind), [key], (r) => {
    const v = cellValue(spec, r[key]);
    return text && v === "" ? null : v;
  });
}

/**
 * The table's columns, one per PORTFOLIO_COLUMNS key (same keys, same order), with the fields
 * each needs and how it sorts: the id, every field the initiative's registry gives a column
 * (initiative-fields.ts), and when it was last modified.
 */
export const COLUMN_CATALOGUE: Readonly<Record<PortfolioColumnKey, PortfolioColumn>> = {
  id: column("id", "number", [], (r) => r.id),
  ...(Object.fromEntries(
    keysWith(INITIATIVE_FIELDS, "export").map((k) => [k, registryColumn(k)]),
  ) as Record<KeysWith<InitiativeFields, "export">, PortfolioColumn>),
  modified: column("modified", "date", ["modified"], (r) => r.modified),
};

export const COLUMN_KEYS = Object.keys(PORTFOLIO_COLUMNS) as PortfolioColumnKey[];

export function isColumnKey(k: unknown): k is PortfolioColumnKey {
  return typeof k === "string" && (COLUMN_KEYS as string[]).includes(k);
}

/** The columns a new user sees. */
export const DEFAULT_COLUMNS: readonly PortfolioColumnKey[] = [
  "title",
  "phase",
  "area",
  "source",
  "owner",
  "governance",
  "mandatory",
  "latestStatus",
  "priority",
];

/** What a board card shows (and what deciding its moves needs: phase and owner). */
export const BOARD_FIELDS: readonly PortfolioField[] = [
  "title",
  "phase",
  "area",
  "owner",
  "latestStatus",
];

export type ViewMode = "table" | "board";

/**
 * The fields to read for a view: the filters' fields (so filtering never refetches), the
 * visible columns' fields, and, for the board, what the cards show. Sorted, so equal views
 * have equal cache keys.
 */
export function fieldsFor(
  columns: readonly PortfolioColumnKey[],
  mode: ViewMode,
  sort: readonly SortKey[] = [],
): PortfolioField[] {
  const set = new Set<PortfolioField>(FILTER_FIELDS);
  for (const k of columns) for (const f of COLUMN_CATALOGUE[k].fields) set.add(f);
  for (const s of sort) for (const f of COLUMN_CATALOGUE[s.column].fields) set.add(f);
  if (mode === "board") for (const f of BOARD_FIELDS) set.add(f);
  return [...set].sort();
}

/** The export's columns for the chosen table columns, in their order. */
export function exportColumnsFor(
  columns: readonly PortfolioColumnKey[],
): ExportColumn<PortfolioExportRow>[] {
  return columns.map((k) => PORTFOLIO_COLUMNS[k]);
}

/**
 * Rows for the export. The rows carry at least the fields of the chosen columns (the load
 * asked for them), which is all `exportColumnsFor` reads.
 */
export function exportRowsFor(rows: readonly PortfolioRow[]): PortfolioExportRow[] {
  return rows.map((r) => ({ initiative: r as unknown as PortfolioExportRow["initiative"] }));
}

/** "portefolje-2026-11-30.xlsx": the date of the export in the committee's time zone. */
export function exportFileName(clock: Clock, timeZone = "Europe/Copenhagen"): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(clock.now());
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `portefolje-${get("year")}-${get("month")}-${get("day")}.xlsx`;
}

// ---------------------------------------------------------------- sorting

export interface SortKey {
  column: PortfolioColumnKey;
  descending: boolean;
}

export const DEFAULT_SORT: readonly SortKey[] = [
  { column: "phase", descending: false },
  { column: "title", descending: false },
];

const PHASE_ORDER = new Map<string, number>(PHASES.map((p, i) => [p, i]));
/** Danish collation (æ, ø, å after z; "Tiltag 2" before "Tiltag 10"), made once. */
let collator: Intl.Collator | undefined;

/**
 * Sorts by the keys in order (then by id, so the order is stable): phases in lifecycle order,
 * text with Danish collation (æ, ø, å after z), numbers, dates and yes/no by value. Empty
 * values come last whichever the direction.
 */
export function sortRows<R extends PortfolioRow>(
  rows: readonly R[],
  keys: readonly SortKey[],
): R[] {
  collator ??= new Intl.Collator("da", { sensitivity: "base", numeric: true });
  const compareText = collator.compare;
  const specs = keys.map((k) => ({ ...k, col: COLUMN_CATALOGUE[k.column] }));
  const decorated = rows.map((row) => ({
    row,
    values: specs.map((s) => {
      const v = s.col.sortValue(row);
      if (v === null || v === undefined || v === "") return null;
      if (s.col.sort === "phase") return PHASE_ORDER.get(String(v)) ?? null;
      if (s.col.sort === "boolean") return v ? 1 : 0;
      return v;
    }),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < specs.length; i += 1) {
      const x = a.values[i];
      const y = b.values[i];
      if (x === y) continue;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const c =
        typeof x === "number" && typeof y === "number"
          ? x - y
          : specs[i]!.col.sort === "date"
            ? String(x) < String(y)
              ? -1
              : String(x) > String(y)
                ? 1
                : 0
            : compareText(String(x), String(y));
      if (c !== 0) return specs[i]!.descending ? -c : c;
    }
    return a.row.id - b.row.id;
  });
  return decorated.map((d) => d.row);
}

/**
 * A header click: a plain click sorts by that column alone (toggling the direction when it
 * was already the only key); with Shift it adds the column as the next key, or toggles its
 * direction where it is.
 */
export function toggleSort(
  keys: readonly SortKey[],
  column: PortfolioColumnKey,
  additive: boolean,
): SortKey[] {
  const at = keys.findIndex((k) => k.column === column);
  if (additive) {
    if (at < 0) return [...keys, { column, descending: false }];
    return keys.map((k, i) => (i === at ? { column, descending: !k.descending } : k));
  }
  if (at === 0) return [{ column, descending: !keys[0]!.descending }];
  return [{ column, descending: false }];
}

/** Filter, then sort: the rows a table or board shows. */
export function portfolioRows<R extends PortfolioRow>(
  rows: readonly R[],
  filters: PortfolioFilters,
  sort: readonly SortKey[],
): R[] {
  return sortRows(applyFilters(rows, filters), sort);
}

// ---------------------------------------------------------------- saved views

export const SAVED_VIEW_VERSION = 1;

export interface SavedView {
  name: string;
  filters: PortfolioFilters;
  sort: SortKey[];
  columns: PortfolioColumnKey[];
  mode: ViewMode;
}

/** What a view holds besides its name (the current state of the page). */
export type ViewState = Omit<SavedView, "name">;

export const DEFAULT_VIEW_STATE: ViewState = {
  filters: EMPTY_FILTERS,
  sort: [...DEFAULT_SORT],
  columns: [...DEFAULT_COLUMNS],
  mode: "table",
};

/** The stored JSON (PersonalItem payload). */
export function serializeViewState(state: ViewState): string {
  return JSON.stringify({
    v: SAVED_VIEW_VERSION,
    filters: state.filters,
    sort: state.sort,
    columns: state.columns,
    mode: state.mode,
  });
}

/** The PersonalItem a saved view is stored as. */
export function savedViewItem(view: SavedView): PersonalItemDraft {
  return { title: view.name.trim(), kind: "Visning", payload: serializeViewState(view) };
}

export type ViewParse =
  | {
      ok: true;
      state: ViewState;
      /** Parts that were dropped as unknown or broken. */ dropped: string[];
    }
  | { ok: false; reason: "json" | "version" | "shape" };

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

function pick<T>(x: unknown, allowed: readonly T[], what: string, dropped: string[]): T[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) {
    dropped.push(what);
    return [];
  }
  const kept = x.filter((v): v is T => allowed.includes(v as T));
  if (kept.length < x.length) dropped.push(what);
  return [...new Set(kept)];
}

/**
 * Reads a stored view forgivingly: a payload that is not JSON, is of another version or not an
 * object is refused (the page keeps its current state and says so); inside a good payload,
 * unknown values (a phase that no longer exists, a removed column) are dropped and named, and
 * missing parts take the defaults. Never throws.
 */
export function parseViewState(payload: string): ViewParse {
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return { ok: false, reason: "json" };
  }
  if (!isObject(data)) return { ok: false, reason: "shape" };
  if (data.v !== SAVED_VIEW_VERSION) return { ok: false, reason: "version" };
  const dropped: string[] = [];
  const f = isObject(data.filters) ? data.filters : {};
  if (data.filters !== undefined && !isObject(data.filters)) dropped.push("filters");
  const areas = Array.isArray(f.areas)
    ? f.areas.filter((a): a is AreaId => Number.isInteger(a) && (a as number) > 0)
    : [];
  if (f.areas !== undefined && (!Array.isArray(f.areas) || areas.length < f.areas.length)) {
    dropped.push("areas");
  }
  let mandatory: boolean | null = null;
  if (typeof f.mandatory === "boolean") mandatory = f.mandatory;
  else if (f.mandatory !== undefined && f.mandatory !== null) dropped.push("mandatory");
  let text = "";
  if (typeof f.text === "string") text = f.text.slice(0, 255);
  else if (f.text !== undefined) dropped.push("text");
  const filters: PortfolioFilters = {
    phases: pick(f.phases, PHASES, "phases", dropped),
    areas: [...new Set(areas)],
    sources: pick(f.sources, SOURCES, "sources", dropped),
    statuses: pick<StatusChoice>(f.statuses, [...RAGS, NONE], "statuses", dropped),
    governances: pick<GovernanceChoice>(
      f.governances,
      [...GOVERNANCES, NONE],
      "governances",
      dropped,
    ),
    mandatory,
    text,
  };
  let columns = pick(data.columns, COLUMN_KEYS, "columns", dropped);
  if (columns.length === 0) columns = [...DEFAULT_COLUMNS];
  let sort: SortKey[] = [];
  if (Array.isArray(data.sort)) {
    for (const s of data.sort) {
      if (isObject(s) && isColumnKey(s.column) && !sort.some((k) => k.column === s.column)) {
        sort.push({ column: s.column, descending: s.descending === true });
      } else dropped.push("sort");
    }
  } else if (data.sort !== undefined) dropped.push("sort");
  if (sort.length === 0) sort = [...DEFAULT_SORT];
  let mode: ViewMode = "table";
  if (data.mode === "table" || data.mode === "board") mode = data.mode;
  else if (data.mode !== undefined) dropped.push("mode");
  return { ok: true, state: { filters, sort, columns, mode }, dropped: [...new Set(dropped)] };
}

// ---------------------------------------------------------------- the board

/** The board's columns: the main chain, then Parkeret and Afvist. */
export const BOARD_PHASES: readonly Phase[] = [...MAIN_CHAIN, "Parkeret", "Afvist"];

export interface BoardColumn<R> {
  phase: Phase;
  rows: R[];
}

/** The rows grouped by phase, one column per board phase, each in the rows' order. */
export function boardColumns<R extends PortfolioRow>(rows: readonly R[]): BoardColumn<R>[] {
  const by = new Map<Phase, R[]>(BOARD_PHASES.map((p) => [p, []]));
  for (const r of rows) if (r.phase) by.get(r.phase)?.push(r);
  return BOARD_PHASES.map((phase) => ({ phase, rows: by.get(phase) ?? [] }));
}

/** A board card: its phase, and its owner when loaded (an unknown owner is not the user). */
type Card = Pick<Initiative, "phase"> & Partial<Pick<Initiative, "owner">>;

/**
 * The phases this person may move the card to: allowed by the lifecycle and theirs to make.
 * `parkedFrom` (where a parked initiative came from) narrows a parked card's targets when the
 * history is known; without it every parkable phase is offered and the move itself checks.
 */
export function moveTargets(card: Card, actor: Me, parkedFrom: Phase | null = null): Phase[] {
  const owner = ownsInitiative({ owner: card.owner ?? null }, actor);
  return allowedTargets(card.phase, parkedFrom).filter((to) =>
    mayMakeTransition(card.phase, to, actor, owner),
  );
}

/** Why a card cannot go to `to`: same phase, not in the lifecycle, not this person's to make. */
export type MoveRefusal = "samePhase" | "notAllowed" | "notPermitted";

export function whyNotMove(
  card: Card,
  to: Phase,
  actor: Me,
  parkedFrom: Phase | null = null,
): MoveRefusal | null {
  if (card.phase === to) return "samePhase";
  if (transitionKind(card.phase, to, parkedFrom) === null) return "notAllowed";
  if (
    !mayMakeTransition(card.phase, to, actor, ownsInitiative({ owner: card.owner ?? null }, actor))
  ) {
    return "notPermitted";
  }
  return null;
}

/**
 * The neighbouring board column in a direction (Ctrl+← / Ctrl+→), if this person may move the
 * card there; null otherwise.
 */
export function neighbourTarget(card: Card, direction: -1 | 1, actor: Me): Phase | null {
  const i = BOARD_PHASES.indexOf(card.phase);
  const to = BOARD_PHASES[i + direction];
  if (to === undefined) return null;
  return whyNotMove(card, to, actor) === null ? to : null;
}

/**
 * A gate refusal split into what the user can give in the move dialog (a reason, a decision
 * reference) and what must be filled on the initiative first (the rest of `missing`).
 */
export function splitMissing(missing: readonly FieldProblem[]): {
  needsReason: boolean;
  needsDecision: boolean;
  blocking: FieldProblem[];
} {
  return {
    needsReason: missing.some((m) => m.field === "reason"),
    needsDecision: missing.some((m) => m.field === "decision"),
    blocking: missing.filter((m) => m.field !== "reason" && m.field !== "decision"),
  };
}

// ---------------------------------------------------------------- governance summary

/** The fields the governance summary reads. */
export const GOVERNANCE_FIELDS: readonly PortfolioField[] = [
  "title",
  "phase",
  "governance",
  "standaloneGroupFrom",
  "standaloneGroupTo",
];

export interface GovernanceSummary extends GovernanceMetrics {
  period: { from: string; to: string };
  /** Standalone groups still in place at the end of the period. */
  standing: number;
}

const YEAR_MS = 365 * 86_400_000;

/**
 * The charter's aim over the last twelve months up to now: governed initiatives, the share the
 * committee governs itself, standalone groups standing, set up and dissolved, and the mean
 * lifetime of those dissolved.
 */
export function governanceSummary(rows: readonly PortfolioRow[], clock: Clock): GovernanceSummary {
  const to = clock.now();
  const period = { from: new Date(to.getTime() - YEAR_MS).toISOString(), to: to.toISOString() };
  const input = rows
    .filter((r): r is PortfolioRow & Pick<Initiative, "phase" | "title"> => !!r.phase)
    .map((r) => ({
      id: r.id,
      title: r.title ?? "",
      phase: r.phase,
      governance: r.governance ?? null,
      standaloneGroupFrom: r.standaloneGroupFrom ?? null,
      standaloneGroupTo: r.standaloneGroupTo ?? null,
    }));
  const metrics = governanceMetrics(input, period);
  return { ...metrics, period, standing: metrics.active.filter((a) => !a.dissolved).length };
}
