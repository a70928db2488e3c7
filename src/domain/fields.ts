/**
 * Field registries: one entry per property of an entity's draft, saying everything the app
 * derives from a field — its label (an i18n code), its kind, the limits validation checks
 * (which a unit test holds against lists-schema), and whether and how it is a table column,
 * an export column, an import target and a field an edit conflict compares. Adding a field is
 * its registry entry plus its column in lists-schema.
 */
import type { ExportCellKind } from "./export-columns.js";
import type { FieldRule, Rules } from "./validation.js";

/**
 * What a field holds: text (one line), note (many lines), choice / multichoice (of `oneOf`),
 * number, integer, boolean, date (an ISO date-time), person, lookup / multilookup (a reference
 * to another list's item, shown by its title).
 */
export type FieldKind =
  | "text"
  | "note"
  | "choice"
  | "multichoice"
  | "number"
  | "integer"
  | "boolean"
  | "date"
  | "person"
  | "lookup"
  | "multilookup";

export interface FieldSpec {
  /** The i18n code of the field's label, e.g. `fields.initiative.title`. */
  readonly label: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly oneOf?: readonly string[];
  /** The earliest date a date field takes (see `DATE_MIN`). */
  readonly minDate?: string;
  /**
   * A column of the portfolio table and of its export: the export's cell kind and heading per
   * language (the table sorts it by its kind). The headings are the ones the import
   * recognises, so an exported view can be imported again.
   */
  readonly export?: {
    readonly kind: ExportCellKind;
    readonly title: { readonly da: string; readonly en: string };
  };
  /** An import target: the header names (normalised: lower case, æøå folded) it is found by. */
  readonly importAliases?: readonly string[];
  /** Compared field by field when two people saved the same item: in which form it is edited. */
  readonly conflict?: "edit" | "governance";
}

export type FieldRegistry<T> = { readonly [K in keyof T]-?: FieldSpec };

/** The registry's keys whose spec has property `P`, in the registry's order. */
export type KeysWith<R, P extends keyof FieldSpec> = {
  [K in keyof R]: R[K] extends Record<P, unknown> ? K : never;
}[keyof R] &
  string;

/** The keys of a registry whose spec has `property` set, in the registry's order. */
export function keysWith<R extends Record<string, FieldSpec>, P extends keyof FieldSpec>(
  registry: R,
  property: P,
  value?: FieldSpec[P],
): KeysWith<R, P>[] {
  return Object.entries(registry)
    .filter(([, spec]) => spec[property] !== undefined)
    .filter(([, spec]) => value === undefined || spec[property] === value)
    .map(([key]) => key as KeysWith<R, P>);
}

/** The validation rules of a registry: its label and limits per field. */
export function rulesOf<T>(registry: FieldRegistry<T>): Rules<T> {
  const rules: Record<string, FieldRule> = {};
  for (const [field, spec] of Object.entries<FieldSpec>(registry)) {
    const rule: FieldRule = { label: spec.label };
    if (spec.required) rule.required = true;
    if (spec.maxLength !== undefined) rule.maxLength = spec.maxLength;
    if (spec.min !== undefined) rule.min = spec.min;
    if (spec.max !== undefined) rule.max = spec.max;
    if (spec.kind === "integer") rule.integer = true;
    if (spec.oneOf) rule.oneOf = spec.oneOf;
    if (spec.minDate !== undefined) rule.minDate = spec.minDate;
    rules[field] = rule;
  }
  return rules;
}

/** A field's value as one export cell: a reference by its title, a person by name. */
export function cellValue(
  spec: FieldSpec,
  value: unknown,
): string | number | boolean | null | undefined {
  if (value === null || value === undefined) return value;
  if (spec.kind === "lookup") return (value as { title?: string }).title;
  if (spec.kind === "person") return (value as { name?: string }).name;
  if (spec.kind === "multilookup") {
    return (value as { title?: string }[]).map((r) => r.title).join(", ");
  }
  if (spec.kind === "multichoice") return (value as string[]).join(", ");
  return value as string | number | boolean;
}
