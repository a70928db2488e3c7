/**
 * The generic repository port every list's repository follows, in domain words. Adapters
 * implement it (SharePoint lists through PnPjs); the UI and use cases depend only on this.
 *
 * Errors: every method rejects with a `StoreError` (`NotFound | Conflict | Forbidden |
 * Throttled | Invalid | Unavailable`). A draft that fails domain validation is refused with
 * `Invalid` before anything is sent. An update or delete with a stale `version` is refused
 * with `Conflict`: nothing is ever silently overwritten.
 */
import type { Person, Ref, StoredMeta } from "../domain/common.js";
import type { StoreError } from "../domain/errors.js";
import type { PersonId, Version } from "../domain/ids.js";

/** What a filter compares a property with: ids for references and people. */
export type FilterScalar<V> = V extends readonly (infer E)[]
  ? FilterScalar<E>
  : V extends Ref<infer I>
    ? I
    : V extends Person
      ? PersonId
      : V;

/**
 * Equality filters per property: a value, or a list of values (any of them). For a
 * multi-valued property (multi-choice, multi-lookup) a value matches when the property
 * contains it. `null` matches an empty property.
 */
export type Where<D> = {
  [K in keyof D]?:
    NonNullable<FilterScalar<D[K]>> | readonly NonNullable<FilterScalar<D[K]>>[] | null;
};

export interface ListQuery<D, T> {
  where?: Where<D>;
  /** Case-insensitive words searched in the entity's title and main texts. */
  search?: string;
  /** Sort order; the default is the order of creation. */
  orderBy?: readonly { field: keyof T & string; descending?: boolean }[];
  /** At most this many results (after filtering and sorting). */
  limit?: number;
  /** Called as pages arrive, with how many items have been read so far. */
  onProgress?: (progress: { read: number }) => void;
}

/** The outcome of one part of a batched write, in the order the parts were given. */
export type PartResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

/** An entity as handed back for an update: its fields plus id and the version it was read at. */
export type Versioned<D, I> = D & { id: I; version: Version };

export interface Repository<T extends StoredMeta<I>, I, D> {
  /** One entity; `NotFound` when it does not exist or the user may not see it. */
  get(id: I): Promise<T>;
  /** Every entity matching the query, however large the list (read in pages). */
  list(query?: ListQuery<D, T>): Promise<T[]>;
  add(draft: D): Promise<T>;
  /** Writes all fields of the entity if its version is still current; returns the new version. */
  update(entity: Versioned<D, I>): Promise<Version>;
  remove(id: I, version: Version): Promise<void>;
  /**
   * Batched writes (fewer round-trips). All drafts are validated first: one invalid draft
   * refuses the whole call before anything is sent. Then each part succeeds or fails on its
   * own; throttled parts are retried, parts that succeeded are never repeated.
   */
  addMany(drafts: readonly D[]): Promise<PartResult<T>[]>;
  updateMany(entities: readonly Versioned<D, I>[]): Promise<PartResult<Version>[]>;
  removeMany(items: readonly { id: I; version: Version }[]): Promise<PartResult<void>[]>;
}
