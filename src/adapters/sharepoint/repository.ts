/**
 * The generic SharePoint list repository (PnPjs), parameterised by an entity adapter (field
 * map + validation + mapping). Every entity repository is one of these.
 *
 * What it guarantees, following SharePoint Online's rules:
 * - lists are addressed by URL (`web/getList('/sites/x/Lists/<Name>')`), not by display title;
 * - `$select` names exactly the mapped columns (or, for a narrow read, only the asked ones),
 *   `$expand` their person/lookup projections;
 * - filters are sent only on indexed columns (a filter on a non-indexed column over more than
 *   5,000 items is refused by SharePoint with SPQueryThrottledException); everything else is
 *   filtered in memory over ID-ordered pages of 5,000, which SharePoint always serves
 *   (https://learn.microsoft.com/sharepoint/dev/general-development/query-throttling-and-indexing);
 * - lists of any size are read page by page following `odata.nextLink` (PnPjs' async iterator);
 * - every update and delete sends the version read (`IF-Match: "<n>"`, never `*`), so a stale
 *   write is refused (412 → Conflict);
 * - drafts are validated before any request.
 */
import type { IItems } from "@pnp/sp/items/types.js";
import type { IWeb } from "@pnp/sp/webs/types.js";

import type { IsoDateTime, Person, StoredMeta } from "../../domain/common.js";
import { StoreError } from "../../domain/errors.js";
import { idOf, type PersonId, type Version, versionOf } from "../../domain/ids.js";
import type { Validation } from "../../domain/validation.js";
import type {
  ListQuery,
  PartResult,
  Repository,
  Versioned,
  Where,
} from "../../ports/repository.js";
import { runBatch } from "./batch.js";
import { type ErrorContext, mapErrors } from "./errors.js";
import type { Descriptors, FieldDescriptor, FieldMap, SpItem } from "./field-map.js";
import type { SpSite } from "./sp.js";

/** SharePoint's list view threshold, and the largest page `$top` may ask for. */
export const PAGE_SIZE = 5000;
/** A filter on an indexed column with several values becomes one query per value, up to this. */
const MAX_SPLIT = 20;

/** Built-in columns read for every entity. */
const META_SELECT = [
  "Id",
  "Created",
  "Modified",
  "Author/Id",
  "Author/Title",
  "Author/EMail",
  "Editor/Id",
  "Editor/Title",
  "Editor/EMail",
];
const META_EXPAND = ["Author", "Editor"];

/** The audit properties a narrow read may ask for, and how each is read. */
const META_FIELDS: Record<
  string,
  { select: string[]; expand: string[]; read: (item: SpItem) => unknown } | undefined
> = {
  created: { select: ["Created"], expand: [], read: (i) => iso(i.Created) },
  modified: { select: ["Modified"], expand: [], read: (i) => iso(i.Modified) },
  createdBy: {
    select: ["Author/Id", "Author/Title", "Author/EMail"],
    expand: ["Author"],
    read: (i) => personOf(i.Author),
  },
  modifiedBy: {
    select: ["Editor/Id", "Editor/Title", "Editor/EMail"],
    expand: ["Editor"],
    read: (i) => personOf(i.Editor),
  },
};

/** How one entity type is stored in its list. */
export interface EntityAdapter<T, D> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  map: FieldMap<any>;
  /** Danish noun for messages, e.g. "Tiltaget". */
  noun: string;
  validate(draft: D): Validation;
  /** The draft fields of an item (the meta fields are added by the repository). */
  read(item: SpItem): Omit<T, keyof StoredMeta<unknown>>;
  /** The body of an add or update. */
  write(draft: D): Record<string, unknown>;
  /** Properties whose text the `search` of a query looks in (besides the title). */
  searchIn?: readonly string[];
}

function personOf(v: unknown): Person | null {
  if (!v || typeof v !== "object") return null;
  const o = v as { Id?: unknown; Title?: unknown; EMail?: unknown };
  if (typeof o.Id !== "number") return null;
  return {
    id: idOf<PersonId>(o.Id),
    name: typeof o.Title === "string" ? o.Title : "",
    email: typeof o.EMail === "string" ? o.EMail : "",
  };
}

function iso(v: unknown): IsoDateTime {
  return typeof v === "string" ? v : "";
}

function etagOf(item: SpItem): Version {
  const e = item["odata.etag"] ?? (item.__metadata as { etag?: unknown } | undefined)?.etag;
  if (typeof e !== "string" || e === "") {
    throw new StoreError("Unavailable", "SharePoint sendte ikke elementets version (ETag).");
  }
  return versionOf(e);
}

function metaOf<I>(item: SpItem): StoredMeta<I> {
  return {
    id: idOf(Number(item.Id ?? item.ID)) as I,
    version: etagOf(item),
    created: iso(item.Created),
    modified: iso(item.Modified),
    createdBy: personOf(item.Author),
    modifiedBy: personOf(item.Editor),
  };
}

/** Refuses an invalid draft with one Invalid error naming every problem (in Danish). */
export function assertValid(v: Validation, noun: string): void {
  if (v.ok) return;
  throw new StoreError(
    "Invalid",
    `${noun} kan ikke gemmes: ${v.problems.map((p) => p.message).join(" ")}`,
    { field: v.problems[0]?.field },
  );
}

function assertVersion(version: Version | undefined): Version {
  // `*` would overwrite whatever is there: every write states the version it was based on.
  if (typeof version !== "string" || version === "" || version === "*") {
    throw new StoreError("Invalid", "Ændringen mangler elementets version; hent det igen.");
  }
  return version;
}

function values(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [v];
}

function sortKey(v: unknown): string | number | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "object") {
    const o = v as { title?: unknown; name?: unknown };
    if (typeof o.title === "string") return o.title;
    if (typeof o.name === "string") return o.name;
  }
  return null;
}

/** A query's plan: which OData filters are sent, the rest is applied in memory. */
export interface QueryPlan {
  /** One entry per request; `undefined` is an unfiltered read of the whole list. */
  filters: (string | undefined)[];
}

/**
 * Plans the requests of a query so that only indexed columns are ever filtered on by
 * SharePoint. Exported for the unit test of the rule.
 */
export function planQuery<P extends Descriptors>(map: FieldMap<P>, where: object = {}): QueryPlan {
  const clauses: string[] = [];
  let split: { column: string; literals: string[] } | undefined;
  for (const [prop, wanted] of Object.entries(where) as [string, unknown][]) {
    if (wanted === undefined || wanted === null) continue;
    const d = map.props[prop] as FieldDescriptor<unknown> | undefined;
    if (!d?.filter || !map.fieldOf(prop).indexed) continue;
    const list = values(wanted);
    if (list.length === 1) {
      clauses.push(`${d.filter.column} eq ${d.filter.literal(list[0])}`);
    } else if (!split && list.length > 1 && list.length <= MAX_SPLIT) {
      const { column, literal } = d.filter;
      split = { column, literals: list.map((x) => literal(x)) };
    }
  }
  if (clauses.length > 0) return { filters: [clauses.join(" and ")] };
  if (split) {
    const { column, literals } = split;
    return { filters: literals.map((l) => `${column} eq ${l}`) };
  }
  return { filters: [undefined] };
}

function matchesWhere<P extends Descriptors>(
  map: FieldMap<P>,
  entity: Record<string, unknown>,
  where: object,
): boolean {
  for (const [prop, wanted] of Object.entries(where) as [string, unknown][]) {
    if (wanted === undefined) continue;
    const d = map.props[prop] as FieldDescriptor<unknown> | undefined;
    const have = d ? d.keys(entity[prop]) : values(entity[prop]);
    if (wanted === null) {
      if (have.length > 0) return false;
      continue;
    }
    if (!values(wanted).some((w) => have.includes(w))) return false;
  }
  return true;
}

export class SpListRepository<
  T extends StoredMeta<I>,
  I extends number,
  D extends object,
> implements Repository<T, I, D> {
  constructor(
    protected readonly site: SpSite,
    protected readonly adapter: EntityAdapter<T, D>,
  ) {}

  protected get listName(): string {
    return this.adapter.map.list;
  }

  protected items(web?: IWeb): IItems {
    return this.site.items(this.listName, web);
  }

  protected ctx(what?: string): ErrorContext {
    return {
      what: what ?? this.adapter.noun,
      fieldOf: (internal) => this.adapter.map.propOf(internal),
    };
  }

  protected get select(): string[] {
    return [...new Set([...META_SELECT, ...this.adapter.map.select])];
  }

  protected get expand(): string[] {
    return [...new Set([...META_EXPAND, ...this.adapter.map.expand])];
  }

  /** Maps one item as SharePoint returns it to the entity. */
  toEntity(item: SpItem): T {
    return { ...this.adapter.read(item), ...metaOf<I>(item) } as unknown as T;
  }

  async get(id: I): Promise<T> {
    return mapErrors(this.ctx(`${this.adapter.noun} ${id}`), async () => {
      const item = await this.items()
        .getById(id)
        .select(...this.select)
        .expand(...this.expand)<SpItem>();
      return this.toEntity(item);
    });
  }

  async list(query: ListQuery<D, T> = {}): Promise<T[]> {
    return this.query(query, this.select, this.expand, (item) => this.toEntity(item));
  }

  /**
   * `list` reading only some properties (a view's columns): `$select` names their columns plus
   * `Id` (the version comes as `odata.etag` with every item), `$expand` only the people and
   * lookups among them. Properties the query's `where`, `orderBy` or `search` needs are read
   * too, so the in-memory filtering and sorting stay right. Only for adapters whose entity
   * properties are their field map's properties (a programming error otherwise).
   */
  protected listFields(
    query: ListQuery<D, T>,
    fields: readonly string[],
  ): Promise<Record<string, unknown>[]> {
    const props = this.adapter.map.props as Record<string, FieldDescriptor<unknown> | undefined>;
    const needed = new Set<string>(fields);
    for (const [prop, wanted] of Object.entries<unknown>(query.where ?? {})) {
      if (wanted !== undefined) needed.add(prop);
    }
    for (const o of query.orderBy ?? []) needed.add(o.field);
    if ((query.search ?? "").trim() !== "") {
      for (const p of ["title", ...(this.adapter.searchIn ?? [])]) needed.add(p);
    }
    const select = ["Id"];
    const expand: string[] = [];
    const readers: [string, (item: SpItem) => unknown][] = [];
    for (const prop of needed) {
      const meta = META_FIELDS[prop];
      const d = props[prop];
      if (meta) {
        select.push(...meta.select);
        expand.push(...meta.expand);
        readers.push([prop, meta.read]);
      } else if (d) {
        select.push(...d.select);
        expand.push(...d.expand);
        readers.push([prop, (item) => d.read(item)]);
      } else {
        throw new Error(`${this.listName}: no column for property "${prop}"`);
      }
    }
    return this.query(query, [...new Set(select)], [...new Set(expand)], (item) => {
      const out: Record<string, unknown> = {
        id: idOf(Number(item.Id ?? item.ID)),
        version: etagOf(item),
      };
      for (const [prop, read] of readers) out[prop] = read(item);
      return out as unknown as T;
    }) as unknown as Promise<Record<string, unknown>[]>;
  }

  private async query(
    query: ListQuery<D, T>,
    select: readonly string[],
    expand: readonly string[],
    toEntity: (item: SpItem) => T,
  ): Promise<T[]> {
    const where: Where<D> = query.where ?? {};
    const plan = planQuery(this.adapter.map, where);
    const byId = new Map<number, T>();
    let read = 0;
    await mapErrors(this.ctx(), async () => {
      for (const filter of plan.filters) {
        let items = this.items().select(...select);
        if (expand.length > 0) items = items.expand(...expand);
        items = items.top(PAGE_SIZE);
        if (filter !== undefined) items = items.filter(filter);
        for await (const page of items as AsyncIterable<SpItem[]>) {
          for (const item of page) {
            const entity = toEntity(item);
            byId.set(entity.id, entity);
          }
          read += page.length;
          query.onProgress?.({ read });
        }
      }
    });
    const words = (query.search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const searchIn = ["title", ...(this.adapter.searchIn ?? [])];
    let out = [...byId.values()].filter((e) => {
      const rec = e as unknown as Record<string, unknown>;
      if (!matchesWhere(this.adapter.map, rec, where)) return false;
      if (words.length === 0) return true;
      const text = searchIn
        .map((p) => rec[p])
        .filter((v): v is string => typeof v === "string")
        .join(" ")
        .toLowerCase();
      return words.every((w) => text.includes(w));
    });
    out.sort((a, b) => a.id - b.id);
    if (query.orderBy && query.orderBy.length > 0) {
      const order = query.orderBy;
      out.sort((a, b) => {
        for (const { field, descending } of order) {
          const x = sortKey((a as Record<string, unknown>)[field]);
          const y = sortKey((b as Record<string, unknown>)[field]);
          if (x === y) continue;
          if (x === null) return 1;
          if (y === null) return -1;
          const c =
            typeof x === "number" && typeof y === "number"
              ? x - y
              : String(x).localeCompare(String(y), "da");
          if (c !== 0) return descending ? -c : c;
        }
        return 0;
      });
    }
    if (query.limit !== undefined) out = out.slice(0, query.limit);
    return out;
  }

  async add(draft: D): Promise<T> {
    assertValid(this.adapter.validate(draft), this.adapter.noun);
    const created: unknown = await mapErrors(this.ctx(), () =>
      this.items().add(this.adapter.write(draft)),
    );
    // Read it back: lookups and people come back with the titles SharePoint holds.
    return this.get(Number((created as SpItem).Id) as I);
  }

  async update(entity: Versioned<D, I>): Promise<Version> {
    const version = assertVersion(entity.version);
    assertValid(this.adapter.validate(entity), this.adapter.noun);
    return mapErrors(this.ctx(`${this.adapter.noun} ${entity.id}`), async () => {
      const r: unknown = await this.items()
        .getById(entity.id)
        .update(this.adapter.write(entity), version);
      return this.newVersion(r, entity.id);
    });
  }

  async remove(id: I, version: Version): Promise<void> {
    const v = assertVersion(version);
    await mapErrors(this.ctx(`${this.adapter.noun} ${id}`), () =>
      this.items().getById(id).delete(v),
    );
  }

  async addMany(drafts: readonly D[]): Promise<PartResult<T>[]> {
    drafts.forEach((d) => assertValid(this.adapter.validate(d), this.adapter.noun));
    return runBatch(
      this.site,
      drafts.map((d) => async (web: IWeb) => {
        const created = (await this.items(web).add(this.adapter.write(d))) as SpItem;
        // The add answer carries id, version and dates but no expanded people: who created
        // the item is known once it is read back.
        return { ...d, ...metaOf<I>(created) } as unknown as T;
      }),
      (i) => this.ctx(`${this.adapter.noun} nr. ${i + 1}`),
    );
  }

  async updateMany(entities: readonly Versioned<D, I>[]): Promise<PartResult<Version>[]> {
    entities.forEach((e) => {
      assertVersion(e.version);
      assertValid(this.adapter.validate(e), this.adapter.noun);
    });
    return runBatch(
      this.site,
      entities.map((e) => async (web: IWeb) => {
        const r: unknown = await this.items(web)
          .getById(e.id)
          .update(this.adapter.write(e), e.version);
        return this.newVersion(r, e.id);
      }),
      (i) => this.ctx(`${this.adapter.noun} ${entities[i]?.id}`),
    );
  }

  async removeMany(items: readonly { id: I; version: Version }[]): Promise<PartResult<void>[]> {
    items.forEach((x) => assertVersion(x.version));
    return runBatch(
      this.site,
      items.map((x) => async (web: IWeb) => {
        await this.items(web).getById(x.id).delete(x.version);
      }),
      (i) => this.ctx(`${this.adapter.noun} ${items[i]?.id}`),
    );
  }

  private newVersion(r: unknown, id: I): Version {
    const etag = (r as { etag?: unknown } | undefined)?.etag;
    if (typeof etag !== "string" || etag === "") {
      throw new StoreError(
        "Unavailable",
        `SharePoint sendte ikke den nye version af ${this.adapter.noun.toLowerCase()} ${id}.`,
      );
    }
    return versionOf(etag);
  }
}
