import type { Brand, PersonId, Version } from "./ids.js";

/** A person as the portfolio site knows them (a site user). */
export interface Person {
  id: PersonId;
  name: string;
  email: string;
}

/** A reference to another stored entity: its id and its title, as a lookup column shows it. */
export interface Ref<I extends Brand<number, string>> {
  id: I;
  title: string;
}

/** An ISO 8601 date-time in UTC, e.g. `2026-03-01T09:00:00Z`. */
export type IsoDateTime = string;

/** What every stored entity carries besides its own fields. */
export interface StoredMeta<I> {
  id: I;
  /** Opaque; send it back with an update or delete (no lost updates). */
  version: Version;
  created: IsoDateTime;
  modified: IsoDateTime;
  createdBy: Person | null;
  modifiedBy: Person | null;
}

/** A stored entity: its draft fields plus id, version and audit fields. */
export type Stored<Draft, I> = Draft & StoredMeta<I>;

/** A value or the reasons it could not be produced. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
