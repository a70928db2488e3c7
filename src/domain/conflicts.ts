/**
 * Two people editing the same initiative (issue 4 §7): the second save is refused by the store
 * (a stale version is a `Conflict`), and the editor is shown both versions side by side, field
 * by field, with the fields that differ marked. Nothing is ever overwritten silently: keeping
 * one's own values is an explicit choice that writes them over the version now stored.
 *
 * Values are compared as the user sees them: people and references by id (a renamed area is
 * the same area), lists of references as sets, dates by instant, empty text as no value.
 */
import type { IsoDateTime, Person } from "./common.js";
import { keysWith } from "./fields.js";
import { INITIATIVE_FIELDS, type InitiativeFields } from "./initiative-fields.js";
import type { Initiative } from "./portfolio.js";

type ConflictField<Form> = {
  [K in keyof InitiativeFields]: InitiativeFields[K] extends { conflict: Form } ? K : never;
}[keyof InitiativeFields];

/**
 * The initiative's fields the edit form changes (the registry's `conflict: "edit"`; the phase
 * only changes through the lifecycle), in the registry's order.
 */
export const INITIATIVE_EDIT_FIELDS = keysWith(
  INITIATIVE_FIELDS,
  "conflict",
  "edit",
) as readonly ConflictField<"edit">[];
export type InitiativeEditField = ConflictField<"edit">;

/** The governance fields the lifecycle panel changes (the registry's `conflict: "governance"`). */
export const GOVERNANCE_FIELDS = keysWith(
  INITIATIVE_FIELDS,
  "conflict",
  "governance",
) as readonly ConflictField<"governance">[];

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function normalise(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return null;
    return ISO.test(t) ? Date.parse(t) : v;
  }
  if (Array.isArray(v)) {
    const items = v.map(normalise);
    return items.every((x) => typeof x === "number") ? [...items].sort((a, b) => a - b) : items;
  }
  if (typeof v === "object" && "id" in v) return v.id;
  return v;
}

/** Whether two field values are the same to the user (see the module comment). */
export function sameValue(a: unknown, b: unknown): boolean {
  const x = normalise(a);
  const y = normalise(b);
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return x === y;
}

export interface FieldDifference<K extends PropertyKey> {
  field: K;
  /** The value in the editor's form. */
  mine: unknown;
  /** The value now stored (someone else's save). */
  stored: unknown;
  /** Mine and the stored value differ: the field is marked. */
  differs: boolean;
  /** The editor changed it from the version they started from. */
  changedByMe: boolean;
  /** Someone else changed it since the editor read it. */
  changedByThem: boolean;
}

/**
 * Every field, in the order given, with both values and whether they differ. `base` is the
 * version the editor started from; without it, who changed what is unknown (false).
 */
export function diffFields<T extends object, K extends keyof T & string>(
  fields: readonly K[],
  mine: T,
  stored: T,
  base?: T,
): FieldDifference<K>[] {
  return fields.map((field) => ({
    field,
    mine: mine[field],
    stored: stored[field],
    differs: !sameValue(mine[field], stored[field]),
    changedByMe: base !== undefined && !sameValue(mine[field], base[field]),
    changedByThem: base !== undefined && !sameValue(stored[field], base[field]),
  }));
}

export interface EditConflict<K extends keyof Initiative> {
  /** Field by field, every field of the form. */
  fields: FieldDifference<K>[];
  /** Just the fields that differ. */
  differing: K[];
  /** Who saved the stored version, and when. */
  storedBy: Person | null;
  storedAt: IsoDateTime;
  /** The version "keep mine" writes over. */
  stored: Initiative;
}

/** The conflict between the editor's form and the version someone else saved meanwhile. */
export function describeConflict<K extends keyof Initiative>(
  fields: readonly K[],
  base: Initiative,
  mine: Initiative,
  stored: Initiative,
): EditConflict<K> {
  const diff = diffFields(fields, mine, stored, base);
  return {
    fields: diff,
    differing: diff.filter((d) => d.differs).map((d) => d.field),
    storedBy: stored.modifiedBy,
    storedAt: stored.modified,
    stored,
  };
}

/**
 * "Behold mine": the stored version with the form's fields taken from mine, carrying the stored
 * version, so the save goes over what is stored now. Fields outside the form (the phase, the
 * priority) keep what is stored: the editor never saw them change.
 */
export function keepMine<K extends keyof Initiative>(
  fields: readonly K[],
  mine: Initiative,
  stored: Initiative,
): Initiative {
  const taken = Object.fromEntries(fields.map((f) => [f, mine[f]])) as Pick<Initiative, K>;
  return { ...stored, ...taken, version: stored.version };
}

/** The form's fields of an initiative, for resetting a form to a version ("Brug den gemte"). */
export function pickFields<K extends keyof Initiative>(
  fields: readonly K[],
  initiative: Initiative,
): Pick<Initiative, K> {
  return Object.fromEntries(fields.map((f) => [f, initiative[f]])) as Pick<Initiative, K>;
}
