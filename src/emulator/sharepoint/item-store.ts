/**
 * List items as the item routes see them: the list's fields normalised to the kinds that
 * matter for reading and writing, and a parsed-row cache per list so reading pages of a
 * 10,000-item list does not parse every row's JSON on every request.
 *
 * A list's cached items are dropped by SQLite itself: temporary triggers on this connection
 * report every row written to `sp_items` with its list (whichever route or script wrote it, and
 * foreign-key cascades included), and the list is read anew on its next use. The item routes'
 * own writes ({@link writeItems}) apply their change to the cached items instead. Items are
 * cached when read outside a transaction (committed rows) or inside one opened through
 * `transaction()` (store.ts), whose rollback drops every cached list.
 */
import type Database from "better-sqlite3";

import { mayKeep, onRollback, sql, transaction } from "../store.js";
import { keepListRow, kept } from "./meta-cache.js";
import { type FieldRow, fieldsOf, type ItemRow, type ListRow } from "./model.js";

export type FieldKind =
  | "text"
  | "note"
  | "number"
  | "currency"
  | "boolean"
  | "choice"
  | "multichoice"
  | "datetime"
  | "user"
  | "lookup"
  | "counter"
  | "guid"
  | "other";

export interface FieldDef {
  internalName: string;
  title: string;
  kind: FieldKind;
  /** Multi-valued person or lookup column (values are id arrays). */
  multi: boolean;
  required: boolean;
  maxLength?: number;
  choices?: string[];
  fillIn: boolean;
  min?: number;
  max?: number;
  defaultValue?: string;
  indexed: boolean;
  unique: boolean;
  /** Lookup target list id, title or URL name, as the field stores it. */
  lookupList?: string;
  lookupField: string;
  /** SelectionMode 1 lets a person column hold SharePoint groups too. */
  allowGroups: boolean;
  /** Built-in columns the caller cannot write (ID, Created, Author, ...). */
  readOnly: boolean;
  /** One of the columns every list has (sp_fields.builtin), as opposed to the list's own. */
  builtin: boolean;
  /** Key in the item's stored JSON: the internal name, or `<Name>Id` for person/lookup. */
  storageKey: string;
}

export interface ParsedItem {
  id: number;
  version: number;
  authorId: number;
  editorId: number;
  created: string;
  modified: string;
  data: Record<string, unknown>;
}

const KIND_BY_TYPE: Record<string, FieldKind> = {
  text: "text",
  note: "note",
  number: "number",
  currency: "currency",
  boolean: "boolean",
  choice: "choice",
  multichoice: "multichoice",
  datetime: "datetime",
  user: "user",
  usermulti: "user",
  lookup: "lookup",
  lookupmulti: "lookup",
  counter: "counter",
  guid: "guid",
};

// SP.FieldType numbers (https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee540543(v=office.15)).
const KIND_BY_TYPE_KIND: Record<number, FieldKind> = {
  1: "counter",
  2: "text",
  3: "note",
  4: "datetime",
  5: "counter",
  6: "choice",
  7: "lookup",
  8: "boolean",
  9: "number",
  10: "currency",
  14: "guid",
  15: "multichoice",
  20: "user",
};

function asStringArray(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String);
  if (v && typeof v === "object" && Array.isArray((v as { results?: unknown }).results))
    return (v as { results: unknown[] }).results.map(String);
  return undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function asBool(v: unknown): boolean {
  return v === true || v === "TRUE" || v === "true" || v === 1 || v === "1";
}

export function toFieldDef(row: FieldRow): FieldDef {
  let props: Record<string, unknown> = {};
  try {
    props = JSON.parse(row.props) as Record<string, unknown>;
  } catch {
    props = {};
  }
  const typeName = row.type_as_string.toLowerCase();
  const kind = KIND_BY_TYPE[typeName] ?? KIND_BY_TYPE_KIND[row.type_kind] ?? "other";
  const multi =
    (kind === "user" || kind === "lookup") &&
    (typeName.endsWith("multi") || asBool(props.AllowMultipleValues));
  const name = row.internal_name;
  const builtinReadOnly = ["ID", "Id", "Created", "Modified", "Author", "Editor", "GUID"];
  const def: FieldDef = {
    internalName: name,
    title: row.title,
    kind,
    multi,
    required: asBool(props.Required),
    fillIn: asBool(props.FillInChoice),
    indexed: asBool(props.Indexed) || name === "ID",
    unique: asBool(props.EnforceUniqueValues),
    lookupField: typeof props.LookupField === "string" ? props.LookupField : "Title",
    allowGroups: asNumber(props.SelectionMode) === 1,
    readOnly:
      asBool(props.ReadOnlyField) ||
      builtinReadOnly.includes(name) ||
      (row.builtin === 1 && name !== "Title"),
    builtin: row.builtin === 1,
    storageKey: kind === "user" || kind === "lookup" ? `${name}Id` : name,
  };
  const maxLength = asNumber(props.MaxLength);
  if (maxLength !== undefined) def.maxLength = maxLength;
  const choices = asStringArray(props.Choices);
  if (choices) def.choices = choices;
  const min = asNumber(props.MinimumValue);
  if (min !== undefined && min > -Number.MAX_VALUE) def.min = min;
  const max = asNumber(props.MaximumValue);
  if (max !== undefined && max < Number.MAX_VALUE) def.max = max;
  if (typeof props.DefaultValue === "string" && props.DefaultValue !== "")
    def.defaultValue = props.DefaultValue;
  const lookupList = props.LookupList ?? props.LookupListId;
  if (typeof lookupList === "string" && lookupList !== "")
    def.lookupList = lookupList.replace(/^\{|\}$/g, "");
  return def;
}

function builtin(internalName: string, kind: FieldKind, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    internalName,
    title: internalName,
    kind,
    multi: false,
    required: false,
    fillIn: false,
    indexed: false,
    unique: false,
    lookupField: "Title",
    allowGroups: false,
    readOnly: true,
    builtin: true,
    storageKey: kind === "user" ? `${internalName}Id` : internalName,
    ...extra,
  };
}

/**
 * Every list has these columns (https://learn.microsoft.com/sharepoint/dev/schema/field-element-list):
 * when the list's field rows do not describe them they behave as in a new custom list.
 */
const BUILTINS: readonly FieldDef[] = [
  builtin("Title", "text", { title: "Title", readOnly: false, maxLength: 255 }),
  builtin("ID", "counter", { indexed: true }),
  builtin("Created", "datetime"),
  builtin("Modified", "datetime"),
  builtin("Author", "user", { title: "Created By" }),
  builtin("Editor", "user", { title: "Modified By" }),
  builtin("GUID", "guid"),
];

export interface ListFields {
  all: FieldDef[];
  /** Custom (writable) columns in the list's field order, Title first. */
  writable: FieldDef[];
  byName: Map<string, FieldDef>;
}

export function loadFields(db: Database.Database, list: ListRow): ListFields {
  return kept(db, `fields:${list.id}`, () => fieldsFrom(db, list));
}

function fieldsFrom(db: Database.Database, list: ListRow): ListFields {
  const rows = fieldsOf(db, list.id).map(toFieldDef);
  const seen = new Set(rows.map((f) => f.internalName.toLowerCase()));
  const all = [...rows, ...BUILTINS.filter((b) => !seen.has(b.internalName.toLowerCase()))];
  const byName = new Map<string, FieldDef>();
  for (const f of all) byName.set(f.internalName.toLowerCase(), f);
  // `Id` is the OData name of the ID column.
  const id = byName.get("id");
  if (id) byName.set("id", id);
  const title = all.find((f) => f.internalName === "Title");
  const writable = all.filter(
    (f) => !f.readOnly && !f.builtin && f.kind !== "counter" && f !== title,
  );
  return { all, writable: title ? [title, ...writable] : writable, byName };
}

/** Finds the column a name refers to: `Owner`, `OwnerId`, `Id`. */
export function fieldByName(fields: ListFields, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  const direct = fields.byName.get(lower === "id" ? "id" : lower);
  if (direct) return direct;
  if (lower.endsWith("id")) {
    const base = fields.byName.get(lower.slice(0, -2));
    if (base && (base.kind === "user" || base.kind === "lookup")) return base;
  }
  if (lower.endsWith("stringid")) {
    const base = fields.byName.get(lower.slice(0, -"stringid".length));
    if (base && base.kind === "user") return base;
  }
  return undefined;
}

interface CacheEntry {
  items: ParsedItem[];
  /** Changes whenever `items` is reloaded or changed (unique across lists and reloads). */
  version: number;
}

let versions = 0;

const caches = new WeakMap<Database.Database, Map<string, CacheEntry>>();

/** The connection's cached lists, watched by triggers from the first use on. */
function cachesOf(db: Database.Database): Map<string, CacheEntry> {
  let perDb = caches.get(db);
  if (!perDb) {
    const entries = new Map<string, CacheEntry>();
    perDb = entries;
    caches.set(db, entries);
    onRollback(db, () => entries.clear());
    db.function("sp_items_changed", { deterministic: false, varargs: false }, (listId) => {
      entries.delete(String(listId));
      return null;
    });
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS sp_items_insert_watch AFTER INSERT ON main.sp_items
      BEGIN SELECT sp_items_changed(NEW.list_id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS sp_items_update_watch AFTER UPDATE ON main.sp_items
      BEGIN SELECT sp_items_changed(OLD.list_id), sp_items_changed(NEW.list_id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS sp_items_delete_watch AFTER DELETE ON main.sp_items
      BEGIN SELECT sp_items_changed(OLD.list_id); END;
    `);
  }
  return perDb;
}

/** Starts watching `sp_items` on this connection (the table must exist). */
export function watchItems(db: Database.Database): void {
  cachesOf(db);
}

function parseRow(r: ItemRow): ParsedItem {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(r.data) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return {
    id: r.id,
    version: r.version,
    authorId: r.author_id,
    editorId: r.editor_id,
    created: r.created,
    modified: r.modified,
    data,
  };
}

function currentEntry(db: Database.Database, listId: string): CacheEntry {
  const perDb = cachesOf(db);
  const hit = perDb.get(listId);
  if (hit) return hit;
  const rows = sql(db, "SELECT * FROM sp_items WHERE list_id = ? ORDER BY id").all(
    listId,
  ) as ItemRow[];
  const entry = { items: rows.map(parseRow), version: ++versions };
  if (mayKeep(db)) perDb.set(listId, entry);
  return entry;
}

/** All items of a list in ID order, from the cache when nothing has changed since it was read. */
export function itemsOf(db: Database.Database, listId: string): ParsedItem[] {
  return currentEntry(db, listId).items;
}

/**
 * A number that changes whenever any item of the list changes (or the list is read anew): what
 * an answer built from the list's items can be kept under.
 */
export function itemsVersion(db: Database.Database, listId: string): number {
  return currentEntry(db, listId).version;
}

function indexOfId(items: ParsedItem[], id: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = (items[mid] as ParsedItem).id;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function findItem(items: ParsedItem[], id: number): ParsedItem | undefined {
  const i = indexOfId(items, id);
  return i < 0 ? undefined : items[i];
}

/** What an item write changed: the item written or removed, and the list's row after it. */
export interface ItemChange {
  put?: ParsedItem;
  remove?: number;
  list?: ListRow;
}

/**
 * Runs a write in one SQLite transaction (committed before the HTTP answer: the store is WAL
 * with synchronous FULL; inside a `$batch`, a savepoint of the batch's transaction, committed
 * before the batch's answer), then applies the same change to the cached items when they were
 * cached before the write, so a run of writes does not read the list anew each time. `work`
 * writes only the item of `change` in this list (and metadata). Run inside a transaction not
 * opened through `transaction()`, which could roll back unseen, the list is dropped instead.
 */
export function writeItems<T>(
  db: Database.Database,
  listId: string,
  work: () => { result: T; change: ItemChange },
): T {
  const perDb = cachesOf(db);
  const keep = mayKeep(db);
  const entry = perDb.get(listId);
  const { result, change } = transaction(db, work);
  if (change.list) keepListRow(db, change.list);
  // The triggers dropped the list while `work` wrote it; the entry read before, with the same
  // change applied, is the list as written.
  if (!entry || !keep) {
    perDb.delete(listId);
    return result;
  }
  entry.version = ++versions;
  const items = entry.items;
  if (change.put) {
    const i = indexOfId(items, change.put.id);
    if (i >= 0) items[i] = change.put;
    else if (items.length === 0 || (items[items.length - 1] as ParsedItem).id < change.put.id)
      items.push(change.put);
    else {
      items.push(change.put);
      items.sort((a, b) => a.id - b.id);
    }
  }
  if (change.remove !== undefined) {
    const i = indexOfId(items, change.remove);
    if (i >= 0) items.splice(i, 1);
  }
  perDb.set(listId, entry);
  return result;
}
