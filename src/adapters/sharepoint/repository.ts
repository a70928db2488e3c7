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
 * - on a list over 5,000 items SharePoint also refuses an indexed filter whose first clause
 *   alone matches more than 5,000 items
 *   (https://learn.microsoft.com/troubleshoot/sharepoint/lists-and-libraries/items-exceeds-list-view-threshold).
 *   Yes/No clauses, the broadest by nature, go last. When SharePoint refuses a filter that way,
 *   the repository remembers its first clause as too broad and asks again with another clause
 *   first; when every clause is too broad, it reads the whole list in ID-ordered pages (the
 *   paging by ID that "Manage large lists and libraries" recommends,
 *   https://support.microsoft.com/office/manage-large-lists-and-libraries-b8588dae-9387-48c2-9248-c24122f07c59)
 *   and filters in memory. The answer is the same either way, and a clause is refused once;
 * - lists of any size are read page by page following `odata.nextLink` (PnPjs' async iterator),
 *   the next page asked for before the current one is mapped, so the mapping (CPU) overlaps
 *   the next page's transfer (I/O);
 * - items are mapped by mappers compiled once per field selection (`compileMapper`);
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
import { type ErrorContext, mapErrors, toStoreError } from "./errors.js";
import {
  compileMapper,
  type Descriptors,
  type FieldDescriptor,
  type FieldMap,
  type Mapper,
  type Reader,
  type SpItem,
} from "./field-map.js";
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
  { select: string[]; expand: string[]; read: Reader } | undefined
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
  /**
   * The draft fields of an item, as a new object on every call: the repository adds the meta
   * fields (id, version, created, modified, createdBy, modifiedBy) to it.
   */
  read(item: SpItem): Omit<T, keyof StoredMeta<unknown>>;
  /**
   * Set when the draft fields are exactly the field map's properties as `map.read` gives them:
   * the repository then reads the fields and the meta fields with one compiled mapper.
   */
  readsMap?: boolean;
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

function idOfItem(item: SpItem): number {
  return idOf(Number(item.Id ?? item.ID));
}

function metaOf<I>(item: SpItem): StoredMeta<I> {
  return {
    id: idOfItem(item) as I,
    version: etagOf(item),
    created: iso(item.Created),
    modified: iso(item.Modified),
    createdBy: personOf(item.Author),
    modifiedBy: personOf(item.Editor),
  };
}

/** The meta fields of every entity, in the order the entity lists them. */
const META_READERS: readonly (readonly [string, Reader])[] = [
  ["id", idOfItem],
  ["version", etagOf],
  ["created", (i) => iso(i.Created)],
  ["modified", (i) => iso(i.Modified)],
  ["createdBy", (i) => personOf(i.Author)],
  ["modifiedBy", (i) => personOf(i.Editor)],
];

/** Whether a failure is SharePoint's list view threshold refusing a query. */
function isListViewThreshold(e: StoreError): boolean {
  return /SPQueryThrottledException/i.test(e.details.code ?? "");
}

/**
 * Refuses an invalid draft with one Invalid error carrying every problem (`details.problems`,
 * codes the UI words); the message names the codes and fields, for logs.
 */
export function assertValid(v: Validation, noun: string): void {
  if (v.ok) return;
  throw new StoreError(
    "Invalid",
    `${noun}: ${v.problems.map((p) => `${p.code} (${p.field})`).join(", ")}`,
    { field: v.problems[0]?.field, problems: v.problems },
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
  /** One entry per request: the clauses its filter ands together; none for the whole list. */
  requests: string[][];
  /** The `$filter` of each request; `undefined` is an unfiltered read of the whole list. */
  filters: (string | undefined)[];
}

function planOf(requests: string[][]): QueryPlan {
  return {
    requests,
    filters: requests.map((c) => (c.length > 0 ? c.join(" and ") : undefined)),
  };
}

/**
 * Plans the requests of a query so that only indexed columns are ever filtered on by
 * SharePoint. Clauses keep the order of `where`, except that Yes/No clauses go last: SharePoint
 * narrows a large list by the first clause, and a Yes/No column is the broadest of all (one of
 * its two values matches at least half of the list). Exported for the unit test of the rule.
 */
export function planQuery<P extends Descriptors>(map: FieldMap<P>, where: object = {}): QueryPlan {
  const clauses: string[] = [];
  const last: string[] = [];
  let split: { column: string; literals: string[] } | undefined;
  for (const [prop, wanted] of Object.entries(where) as [string, unknown][]) {
    if (wanted === undefined || wanted === null) continue;
    const d = map.props[prop] as FieldDescriptor<unknown> | undefined;
    if (!d?.filter || !map.fieldOf(prop).indexed) continue;
    const list = values(wanted);
    if (list.length === 1) {
      (d.kind === "boolean" ? last : clauses).push(
        `${d.filter.column} eq ${d.filter.literal(list[0])}`,
      );
    } else if (!split && list.length > 1 && list.length <= MAX_SPLIT) {
      const { column, literal } = d.filter;
      split = { column, literals: list.map((x) => literal(x)) };
    }
  }
  clauses.push(...last);
  if (clauses.length > 0) return planOf([clauses]);
  if (split) {
    const { column, literals } = split;
    return planOf(literals.map((l) => [`${column} eq ${l}`]));
  }
  return planOf([[]]);
}

/**
 * The in-memory test of a `where`, built once per query: per property, the values a match
 * needs and how the entity's value turns into comparable keys (ids for references).
 */
function whereMatcher<P extends Descriptors>(
  map: FieldMap<P>,
  where: object,
): ((entity: Record<string, unknown>) => boolean) | undefined {
  const tests: ((entity: Record<string, unknown>) => boolean)[] = [];
  for (const [prop, wanted] of Object.entries(where) as [string, unknown][]) {
    if (wanted === undefined) continue;
    const d = map.props[prop] as FieldDescriptor<unknown> | undefined;
    const keys = d ? (v: unknown) => d.keys(v) : values;
    if (wanted === null) {
      tests.push((e) => keys(e[prop]).length === 0);
      continue;
    }
    const wants = values(wanted);
    tests.push((e) => keys(e[prop]).some((k) => wants.includes(k)));
  }
  if (tests.length === 0) return undefined;
  return (e) => tests.every((t) => t(e));
}

/** The in-memory test of a `search`: every word in one of the properties' texts. */
function searchMatcher(
  search: string | undefined,
  props: readonly string[],
): ((entity: Record<string, unknown>) => boolean) | undefined {
  const words = (search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  return (rec) => {
    const text = props
      .map((p) => rec[p])
      .filter((v): v is string => typeof v === "string")
      .join(" ")
      .toLowerCase();
    return words.every((w) => text.includes(w));
  };
}

/** A field selection's request columns and its compiled mapper. */
interface Selection {
  select: string[];
  expand: string[];
  map: Mapper;
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

  /** Compiled field selections of `listFields`, by their properties. */
  private readonly selections = new Map<string, Selection>();
  /** Filter clauses SharePoint refused as too broad to go first (the list view threshold). */
  private readonly tooBroad = new Set<string>();

  /** The entity mapper of an adapter that reads its field map as it is (`readsMap`). */
  private entityMapper: Mapper | undefined;

  /**
   * Maps one item as SharePoint returns it to the entity: the field map's properties and the
   * meta fields by one compiled mapper when the adapter reads its map as it is; otherwise the
   * adapter's fields, to which the meta fields are added.
   */
  toEntity(item: SpItem): T {
    if (this.adapter.readsMap) {
      this.entityMapper ??= compileMapper([...this.adapter.map.readers, ...META_READERS]);
      return this.entityMapper(item) as unknown as T;
    }
    const e = this.adapter.read(item) as Record<string, unknown>;
    for (const [prop, read] of META_READERS) e[prop] = read(item);
    return e as unknown as T;
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
   * The request columns and the mapper of a field selection: `$select` names the properties'
   * columns plus `Id` (the version comes as `odata.etag` with every item), `$expand` only the
   * people and lookups among them. Compiled once per selection and kept.
   */
  selectionFor(props: Iterable<string>): Selection {
    const wanted = [...new Set(props)].sort();
    const key = wanted.join(",");
    const known = this.selections.get(key);
    if (known) return known;
    const descriptors = this.adapter.map.props as Record<
      string,
      FieldDescriptor<unknown> | undefined
    >;
    const select = ["Id"];
    const expand: string[] = [];
    const readers: [string, Reader][] = [
      ["id", idOfItem],
      ["version", etagOf],
    ];
    for (const prop of wanted) {
      const meta = META_FIELDS[prop];
      const d = descriptors[prop];
      if (meta) {
        select.push(...meta.select);
        expand.push(...meta.expand);
        readers.push([prop, meta.read]);
      } else if (d) {
        select.push(...d.select);
        expand.push(...d.expand);
        readers.push([prop, d.read]);
      } else {
        throw new Error(`${this.listName}: no column for property "${prop}"`);
      }
    }
    const selection = {
      select: [...new Set(select)],
      expand: [...new Set(expand)],
      map: compileMapper(readers),
    };
    this.selections.set(key, selection);
    return selection;
  }

  /**
   * `list` reading only some properties (a view's columns), through `selectionFor`. Properties
   * the query's `where`, `orderBy` or `search` needs are read too, so the in-memory filtering
   * and sorting stay right. Only for adapters whose entity properties are their field map's
   * properties (a programming error otherwise).
   */
  protected listFields(
    query: ListQuery<D, T>,
    fields: readonly string[],
  ): Promise<Record<string, unknown>[]> {
    const needed = new Set<string>(fields);
    for (const [prop, wanted] of Object.entries<unknown>(query.where ?? {})) {
      if (wanted !== undefined) needed.add(prop);
    }
    for (const o of query.orderBy ?? []) needed.add(o.field);
    if ((query.search ?? "").trim() !== "") {
      for (const p of ["title", ...(this.adapter.searchIn ?? [])]) needed.add(p);
    }
    const { select, expand, map } = this.selectionFor(needed);
    return this.query(
      query,
      select,
      expand,
      map as unknown as (item: SpItem) => T,
    ) as unknown as Promise<Record<string, unknown>[]>;
  }

  /**
   * Reads every page of one request, following `odata.nextLink`. The next page is asked for
   * before `onPage` maps the current one, so the mapping runs while the next page travels.
   */
  private async readPages(
    select: readonly string[],
    expand: readonly string[],
    filter: string | undefined,
    onPage: (page: SpItem[]) => void,
  ): Promise<void> {
    let items = this.items().select(...select);
    if (expand.length > 0) items = items.expand(...expand);
    items = items.top(PAGE_SIZE);
    if (filter !== undefined) items = items.filter(filter);
    const pages = (items as AsyncIterable<SpItem[]>)[Symbol.asyncIterator]();
    let next = pages.next();
    for (;;) {
      const page = await next;
      if (page.done) return;
      next = pages.next();
      // A failure of the next page is seen when it is awaited, not as an unhandled rejection
      // while this page is mapped.
      next.catch(() => undefined);
      onPage(page.value);
    }
  }

  /**
   * A request's clauses with those SharePoint refused as too broad last; `undefined` when all
   * of them were (the request would be refused however they are ordered).
   */
  private byBreadth(clauses: readonly string[]): string[] | undefined {
    const narrow = clauses.filter((c) => !this.tooBroad.has(c));
    if (clauses.length > 0 && narrow.length === 0) return undefined;
    return [...narrow, ...clauses.filter((c) => this.tooBroad.has(c))];
  }

  private async query(
    query: ListQuery<D, T>,
    select: readonly string[],
    expand: readonly string[],
    toEntity: (item: SpItem) => T,
  ): Promise<T[]> {
    const where: Where<D> = query.where ?? {};
    let requests = planQuery(this.adapter.map, where).requests;
    let out: T[] = [];
    let read = 0;
    const onPage = (page: SpItem[]) => {
      for (const item of page) out.push(toEntity(item));
      read += page.length;
      query.onProgress?.({ read });
    };
    const ctx = this.ctx();
    await mapErrors(ctx, async () => {
      for (const request of requests) {
        for (;;) {
          const clauses = this.byBreadth(request);
          if (clauses === undefined) {
            // Every clause is too broad: the whole list in ID-ordered pages, which SharePoint
            // always serves, filtered below (once, for all the requests).
            requests = [[]];
            out = [];
            await this.readPages(select, expand, undefined, onPage);
            return;
          }
          const filter = clauses.length > 0 ? clauses.join(" and ") : undefined;
          const before = out.length;
          try {
            await this.readPages(select, expand, filter, onPage);
            break;
          } catch (e) {
            const error = await toStoreError(e, ctx);
            if (filter === undefined || !isListViewThreshold(error)) throw error;
            // Refused by the list view threshold: its first clause matches too many items.
            // Remembered, so that another clause goes first from now on.
            this.tooBroad.add(clauses[0] as string);
            out.length = before;
          }
        }
      }
    });
    if (requests.length > 1) {
      // One request per value: an item holding several of the values came more than once.
      const seen = new Set<number>();
      out = out.filter((e) => {
        if (seen.has(e.id)) return false;
        seen.add(e.id);
        return true;
      });
      out.sort((a, b) => a.id - b.id);
    }
    const matchesWhere = whereMatcher(this.adapter.map, where);
    const matchesSearch = searchMatcher(query.search, ["title", ...(this.adapter.searchIn ?? [])]);
    if (matchesWhere || matchesSearch) {
      out = out.filter((e) => {
        const rec = e as unknown as Record<string, unknown>;
        return (matchesWhere?.(rec) ?? true) && (matchesSearch?.(rec) ?? true);
      });
    }
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
