/**
 * Field maps: how each domain property of an entity maps to a SharePoint column, derived from
 * and checked against `lists-schema` (the single source of truth). SharePoint internal names
 * live only in these maps (STYLE.md). Each descriptor knows how to read its column from
 * SharePoint's JSON (minimal metadata) and how to write it:
 * - person / lookup written as `<Name>Id` (arrays when multi-valued), read through
 *   `$select=<Name>/Id,<Name>/Title[,<Name>/EMail]&$expand=<Name>` (PLATFORM.md);
 * - multi-choice as arrays; JSON kept in plain note columns, parsed and serialised here;
 * - dates as ISO 8601 in UTC; currency as plain numbers (DKK).
 */
import type { FieldSchema, FieldType, ListSchema } from "../../../lists-schema/types.js";
import type { IsoDateTime, Person, Ref } from "../../domain/common.js";
import { type Brand, idOf, type PersonId } from "../../domain/ids.js";

/** How a descriptor stores its value; `json` is a note column holding JSON. */
export type FieldKind = FieldType | "json";

export type SpItem = Record<string, unknown>;

export interface FieldDescriptor<V> {
  kind: FieldKind;
  /** Internal name of the column. */
  name: string;
  /** For lookups: the list the lookup must point at (checked against lists-schema). */
  target?: string;
  /** Entries of `$select`. */
  select: string[];
  /** Entries of `$expand`. */
  expand: string[];
  /** The key written in an add/update body (`Owner` → `OwnerId`). */
  writeKey: string;
  read: (item: SpItem) => V;
  write(value: V): unknown;
  /** The OData literal of one filter value, and the column the filter is written on. */
  filter?: { column: string; literal: (value: unknown) => string };
  /** The value(s) a filter compares with, taken from a read value (ids for references). */
  keys(value: V): unknown[];
}

/** The schema types a descriptor kind may map to. */
const COMPATIBLE: Record<FieldKind, readonly FieldType[]> = {
  text: ["text"],
  note: ["note", "text"],
  json: ["note"],
  number: ["number", "currency"],
  currency: ["currency", "number"],
  boolean: ["boolean"],
  choice: ["choice"],
  multichoice: ["multichoice"],
  datetime: ["datetime"],
  person: ["person"],
  multiperson: ["multiperson"],
  lookup: ["lookup"],
  multilookup: ["multilookup"],
};

export function isCompatible(kind: FieldKind, type: FieldType): boolean {
  return COMPATIBLE[kind].includes(type);
}

/** OData string literal: single quotes doubled, so user text can never end the literal. */
export function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function str(v: unknown): string {
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

function num(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Multi values arrive as arrays in minimal metadata, as `{ results: [...] }` in verbose. */
function arr(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === "object" && Array.isArray((v as { results?: unknown }).results)) {
    return (v as { results: unknown[] }).results;
  }
  return [];
}

/** The shape SharePoint answers dates in: UTC, no fraction; `0` stands for any digit. */
const ISO_SHAPE = "0000-00-00T00:00:00Z";

/** Whether `v` already has SharePoint's shape: checked by character codes, no parsing. */
function isCanonicalIso(v: string): boolean {
  if (v.length !== ISO_SHAPE.length) return false;
  for (let i = 0; i < ISO_SHAPE.length; i += 1) {
    const want = ISO_SHAPE.charCodeAt(i);
    const c = v.charCodeAt(i);
    if (want === 48 ? c < 48 || c > 57 : c !== want) return false;
  }
  return true;
}

/** SharePoint answers `2026-03-01T00:00:00Z`; normalise anything parseable to that shape. */
function isoOrNull(v: unknown): IsoDateTime | null {
  if (typeof v !== "string" || v === "") return null;
  if (isCanonicalIso(v)) return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(".000Z", "Z");
}

function personOf(v: unknown): Person | null {
  if (!v || typeof v !== "object") return null;
  const o = v as { Id?: unknown; ID?: unknown; Title?: unknown; EMail?: unknown };
  const id = num(o.Id ?? o.ID);
  if (id === null) return null;
  return { id: idOf<PersonId>(id), name: str(o.Title), email: str(o.EMail) };
}

function refOf<I extends Brand<number, string>>(v: unknown, field: string): Ref<I> | null {
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  const id = num(o.Id ?? o.ID);
  if (id === null) return null;
  return { id: idOf<I>(id), title: str(o[field]) };
}

const numberLiteral = (v: unknown) => String(Number(v));
const stringLiteral = (v: unknown) => odataString(String(v));

function base<V>(
  kind: FieldKind,
  name: string,
  parts: Omit<FieldDescriptor<V>, "kind" | "name" | "select" | "expand" | "writeKey" | "keys"> &
    Partial<Pick<FieldDescriptor<V>, "select" | "expand" | "writeKey" | "keys">>,
): FieldDescriptor<V> {
  return {
    kind,
    name,
    select: [name],
    expand: [],
    writeKey: name,
    keys: (v) => (v === null || v === undefined ? [] : [v]),
    ...parts,
  };
}

/** Column descriptors. The type parameter is the domain value type. */
export const f = {
  text: (name: string) =>
    base<string>("text", name, {
      read: (i) => str(i[name]),
      write: (v) => (v === "" ? null : v),
      filter: { column: name, literal: stringLiteral },
      keys: (v) => (v === "" ? [] : [v]),
    }),
  note: (name: string) =>
    base<string>("note", name, {
      read: (i) => str(i[name]),
      write: (v) => (v === "" ? null : v),
      keys: (v) => (v === "" ? [] : [v]),
    }),
  /** A note column holding JSON; `fallback` when empty or unreadable. */
  json: <T>(name: string, fallback: () => T) =>
    base<T>("json", name, {
      read: (i) => {
        const raw = i[name];
        if (typeof raw !== "string" || raw.trim() === "") return fallback();
        try {
          return JSON.parse(raw) as T;
        } catch {
          return fallback();
        }
      },
      write: (v) => JSON.stringify(v),
      keys: () => [],
    }),
  number: (name: string) =>
    base<number | null>("number", name, {
      read: (i) => num(i[name]),
      write: (v) => v,
      filter: { column: name, literal: numberLiteral },
    }),
  /** A number the domain requires; 0 when the column is empty. */
  requiredNumber: (name: string) =>
    base<number>("number", name, {
      read: (i) => num(i[name]) ?? 0,
      write: (v) => v,
      filter: { column: name, literal: numberLiteral },
    }),
  currency: (name: string) =>
    base<number | null>("currency", name, {
      read: (i) => num(i[name]),
      write: (v) => v,
      filter: { column: name, literal: numberLiteral },
    }),
  boolean: (name: string) =>
    base<boolean>("boolean", name, {
      read: (i) => i[name] === true || i[name] === 1 || i[name] === "1",
      write: (v) => v,
      // SharePoint stores Yes/No as 1/0 and filters on it that way.
      filter: { column: name, literal: (v) => (v === true ? "1" : "0") },
    }),
  choice: <C extends string>(name: string) =>
    base<C | null>("choice", name, {
      read: (i) => (typeof i[name] === "string" && i[name] !== "" ? (i[name] as C) : null),
      write: (v) => v,
      filter: { column: name, literal: stringLiteral },
    }),
  /** A choice the domain requires; `fallback` when SharePoint holds none. */
  requiredChoice: <C extends string>(name: string, fallback: C) =>
    base<C>("choice", name, {
      read: (i) => (typeof i[name] === "string" && i[name] !== "" ? (i[name] as C) : fallback),
      write: (v) => v,
      filter: { column: name, literal: stringLiteral },
    }),
  multichoice: <C extends string>(name: string) =>
    base<C[]>("multichoice", name, {
      read: (i) => arr(i[name]).filter((x): x is C => typeof x === "string"),
      write: (v) => v,
      filter: { column: name, literal: stringLiteral },
      keys: (v) => v,
    }),
  datetime: (name: string) =>
    base<IsoDateTime | null>("datetime", name, {
      read: (i) => isoOrNull(i[name]),
      write: (v) => v,
      filter: { column: name, literal: (v) => `datetime'${String(v)}'` },
    }),
  /** A date-time the domain requires; "" when SharePoint holds none. */
  requiredDatetime: (name: string) =>
    base<IsoDateTime>("datetime", name, {
      read: (i) => isoOrNull(i[name]) ?? "",
      write: (v) => (v === "" ? null : v),
      filter: { column: name, literal: (v) => `datetime'${String(v)}'` },
    }),
  person: (name: string) =>
    base<Person | null>("person", name, {
      select: [`${name}/Id`, `${name}/Title`, `${name}/EMail`],
      expand: [name],
      writeKey: `${name}Id`,
      read: (i) => personOf(i[name]),
      write: (v) => (v ? v.id : null),
      filter: { column: `${name}Id`, literal: numberLiteral },
      keys: (v) => (v ? [v.id] : []),
    }),
  multiperson: (name: string) =>
    base<Person[]>("multiperson", name, {
      select: [`${name}/Id`, `${name}/Title`, `${name}/EMail`],
      expand: [name],
      writeKey: `${name}Id`,
      read: (i) => arr(i[name]).flatMap((p) => personOf(p) ?? []),
      write: (v) => v.map((p) => p.id),
      filter: { column: `${name}Id`, literal: numberLiteral },
      keys: (v) => v.map((p) => p.id),
    }),
  lookup: <I extends Brand<number, string>>(name: string, target: string, field = "Title") =>
    base<Ref<I> | null>("lookup", name, {
      target,
      select: [`${name}/Id`, `${name}/${field}`],
      expand: [name],
      writeKey: `${name}Id`,
      read: (i) => refOf<I>(i[name], field),
      write: (v) => (v ? v.id : null),
      filter: { column: `${name}Id`, literal: numberLiteral },
      keys: (v) => (v ? [v.id] : []),
    }),
  multilookup: <I extends Brand<number, string>>(name: string, target: string, field = "Title") =>
    base<Ref<I>[]>("multilookup", name, {
      target,
      select: [`${name}/Id`, `${name}/${field}`],
      expand: [name],
      writeKey: `${name}Id`,
      read: (i) => arr(i[name]).flatMap((r) => refOf<I>(r, field) ?? []),
      write: (v) => v.map((r) => r.id),
      filter: { column: `${name}Id`, literal: numberLiteral },
      keys: (v) => v.map((r) => r.id),
    }),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Descriptors = Record<string, FieldDescriptor<any>>;

export type Decoded<P extends Descriptors> = {
  [K in keyof P]: P[K] extends FieldDescriptor<infer V> ? V : never;
};

/** A list's field map: the list, its schema, and one checked descriptor per property. */
export interface FieldMap<P extends Descriptors> {
  list: string;
  schema: ListSchema;
  props: P;
  /** Schema of the column behind a property (the built-in Title has a synthetic one). */
  fieldOf(prop: keyof P & string): FieldSchema;
  /** Domain property for a column's internal name, `<Name>Id` or display title (errors). */
  propOf(internalName: string): string | undefined;
  select: string[];
  expand: string[];
  /**
   * Every property of the map, by the mapper compiled once for the whole map. Build on its
   * values rather than add properties to the object (see `compileMapper`).
   */
  read(item: SpItem): Decoded<P>;
  /** The property readers in the map's order, for mappers compiled with more properties. */
  readers: readonly (readonly [string, Reader])[];
  write(value: Partial<Decoded<P>>): Record<string, unknown>;
}

/** Reads one property of an item as SharePoint returns it. */
export type Reader = (item: SpItem) => unknown;

/** An item mapper: a fresh object with the selection's properties, in the selection's order. */
export type Mapper = (item: SpItem) => Record<string, unknown>;

/**
 * Compiles the mapper of one selection of properties, once per selection, so that mapping an
 * item does no per-item work besides the conversions themselves: the properties and their
 * converters are two arrays walked by a counted loop (no lookup of descriptors, no
 * `Object.entries`, no regular expression, no spread of partial objects into a new one).
 *
 * Every item starts as a copy of one template that already holds all the properties (parsed
 * from JSON, which gives V8's fast properties), so each property is a store into an existing
 * slot. An object grown from `{}` by computed keys turns into a slow dictionary after 16
 * properties (V8's soft limit for keyed stores).
 *
 * The copy is a spread, the fastest way V8 has. It gives such a copy a hidden class of its own,
 * though, so a property added to it later costs microseconds (measured: 6 properties added to
 * each of 10,000 copies took 0.3 s): a mapper's selection therefore names every property its
 * objects will have (the repository compiles the meta fields into the entity's mapper).
 *
 * A mapper generated as source (`new Function`) would be one straight-line object literal, but
 * the tab's Content-Security-Policy allows no 'unsafe-eval' (only 'wasm-unsafe-eval', see
 * src/tab-server/csp.ts), so mappers are made of closures.
 */
export function compileMapper(parts: readonly (readonly [string, Reader])[]): Mapper {
  const keys = parts.map(([k]) => k);
  const readers = parts.map(([, r]) => r);
  const n = keys.length;
  const template = JSON.parse(
    `{${keys.map((k) => `${JSON.stringify(k)}:null`).join(",")}}`,
  ) as Record<string, unknown>;
  return (item) => {
    const out = { ...template };
    for (let k = 0; k < n; k += 1) out[keys[k] as string] = (readers[k] as Reader)(item);
    return out;
  };
}

/** The built-in Title column every list has (required, 255 characters). */
export const TITLE_FIELD: FieldSchema = {
  name: "Title",
  title: "Titel",
  type: "text",
  required: true,
  maxLength: 255,
};

/**
 * Builds a list's field map from its lists-schema entry, checking that every mapped column
 * exists there with a compatible type (and lookups point at the right list). A mismatch is a
 * programming error and throws at start-up, before any request.
 */
export function defineFieldMap<P extends Descriptors>(schema: ListSchema, props: P): FieldMap<P> {
  const columns = new Map<string, FieldSchema>(schema.fields.map((c) => [c.name, c]));
  columns.set("Title", { ...TITLE_FIELD, title: schema.titleField ?? TITLE_FIELD.title });
  const byProp = new Map<string, FieldSchema>();
  for (const [prop, d] of Object.entries(props)) {
    const col = columns.get(d.name);
    if (!col) throw new Error(`${schema.name}.${prop}: no column "${d.name}" in lists-schema`);
    if (!isCompatible(d.kind, col.type)) {
      throw new Error(
        `${schema.name}.${prop}: ${d.kind} cannot map column ${d.name} (${col.type})`,
      );
    }
    if (d.target !== undefined && col.lookupList !== d.target) {
      throw new Error(
        `${schema.name}.${prop}: lookup ${d.name} points at ${col.lookupList ?? "?"}, expected ${d.target}`,
      );
    }
    byProp.set(prop, col);
  }
  const entries = Object.entries(props);
  const readers = entries.map(([prop, d]) => [prop, d.read] as const);
  const readAll = compileMapper(readers);
  return {
    list: schema.name,
    schema,
    props,
    fieldOf: (prop) => {
      const col = byProp.get(prop);
      if (!col) throw new Error(`${schema.name}: no mapped property "${prop}"`);
      return col;
    },
    // SharePoint names a column by its internal name in some messages and by its display
    // title in others (field validation), so both are recognised.
    propOf: (name) =>
      entries.find(
        ([prop, d]) => d.name === name || d.writeKey === name || byProp.get(prop)?.title === name,
      )?.[0],
    select: [...new Set(entries.flatMap(([, d]) => d.select))],
    expand: [...new Set(entries.flatMap(([, d]) => d.expand))],
    read: readAll as (item: SpItem) => Decoded<P>,
    readers,
    write: (value) => {
      const out: Record<string, unknown> = {};
      for (const [prop, d] of entries) {
        if (prop in value) out[d.writeKey] = d.write((value as Record<string, unknown>)[prop]);
      }
      return out;
    },
  };
}
