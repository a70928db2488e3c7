/**
 * Validation of drafts before anything is written. A failed check is a `Problem` (see
 * problems.ts): a `validation.*` code with plain parameters and the field it is about; the
 * field's label is a parameter `{ code: "fields.<entity>.<field>" }`, so the UI words both in
 * its language. The limits are the domain's own (the field registries and rule tables); a unit
 * test checks that they agree with `lists-schema`, which SharePoint enforces as well.
 */
import { type Problem, problem } from "./problems.js";

/** A problem with one field of a draft. */
export type FieldProblem = Problem & { readonly field: string };

export type Validation = { ok: true } | { ok: false; problems: FieldProblem[] };

/** One property's rules. Text lengths count characters as SharePoint does (UTF-16 units). */
export interface FieldRule {
  /** The i18n code of the field's label, e.g. `fields.initiative.title`. */
  label: string;
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  /** Allowed values for a choice (or each value of a multi-choice). */
  oneOf?: readonly string[];
  /** The earliest date a date field takes (an ISO date-time); `DATE_MIN` when not set. */
  minDate?: string;
  /** An amount of kroner: its maximum is worded as one (`validation.maxAmount`). */
  amount?: boolean;
}

export type Rules<T> = { readonly [K in keyof T]?: FieldRule };

/**
 * SharePoint's single line of text holds at most 255 characters: FieldText.MaxLength "must be
 * equal to or less than 255" (https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee541910(v=office.14)).
 */
export const TEXT_MAX = 255;
/**
 * A plain multiple-lines-of-text column of a list holds at most 63,999 characters in SharePoint
 * Online (the limit Microsoft's column-type guidance and the list form give for "Multiple lines
 * of text"; a library's column without "unlimited length" holds 255). Every note field is held
 * to it, so SharePoint never cuts or refuses what the form accepted.
 */
export const NOTE_MAX = 63_999;

/**
 * The largest amount of kroner any amount field takes: 1 billion kr., well above the whole
 * yearly budget of a digitalization portfolio and of any one initiative, so that a typing
 * error such as 99,999,999,999,999 kr. is caught before it skews every sum (SharePoint's
 * currency column itself would take up to 15 significant digits).
 */
export const AMOUNT_MAX = 1_000_000_000;

/**
 * The range every date field takes: a date before 2000 or after 2100 is a typing error (a
 * year typed with two digits, 0202 for 2026). Fields with a tighter bound say so with `minDate`.
 */
export const DATE_MIN = "2000-01-01T00:00:00Z";
export const DATE_MAX = "2100-12-31T23:59:59Z";

/**
 * The earliest legal deadline: the portfolio tracks requirements the municipality has yet to
 * meet or has just met, so a deadline before 2020 is a mistyped year (2001 for 2021).
 */
export const LEGAL_DEADLINE_MIN = "2020-01-01T00:00:00Z";

/** The codes of the rule table's checks (their words are in the shared i18n texts). */
export type ValidationCode =
  | "validation.required"
  | "validation.maxLength"
  | "validation.oneOf"
  | "validation.number"
  | "validation.integer"
  | "validation.min"
  | "validation.max"
  | "validation.maxAmount"
  | "validation.unknownValues"
  | "validation.date"
  | "validation.dateRange";

/** A problem with a field: `fieldProblem("validation.required", "title", { label: … })`. */
export function fieldProblem(
  code: string,
  field: string,
  params?: Problem["params"],
): FieldProblem {
  return problem(code, params, field) as FieldProblem;
}

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === "string" && v.trim() === "") ||
    (Array.isArray(v) && v.length === 0)
  );
}

function checkOne(field: string, rule: FieldRule, v: unknown): FieldProblem | undefined {
  const label = { code: rule.label };
  const fail = (code: ValidationCode, params: Problem["params"] = {}) =>
    fieldProblem(code, field, { label, ...params });
  if (isEmpty(v)) return rule.required ? fail("validation.required") : undefined;
  if (typeof v === "string") {
    if (rule.maxLength !== undefined && v.length > rule.maxLength) {
      return fail("validation.maxLength", { max: rule.maxLength, length: v.length });
    }
    if (rule.oneOf && !rule.oneOf.includes(v)) {
      return fail("validation.oneOf", { values: rule.oneOf.join(", ") });
    }
    if (rule.minDate !== undefined && isIsoDateTime(v)) {
      const out = outOfRange(v, rule.minDate);
      if (out) return fail("validation.dateRange", out);
    }
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return fail("validation.number");
    if (rule.integer && !Number.isInteger(v)) return fail("validation.integer");
    if (rule.min !== undefined && v < rule.min) return fail("validation.min", { min: rule.min });
    if (rule.max !== undefined && v > rule.max) {
      return fail(rule.amount ? "validation.maxAmount" : "validation.max", { max: rule.max });
    }
  }
  if (Array.isArray(v) && rule.oneOf) {
    const bad = v.filter((x) => typeof x === "string" && !rule.oneOf?.includes(x));
    if (bad.length > 0) return fail("validation.unknownValues", { values: bad.join(", ") });
  }
  return undefined;
}

/** Checks a draft against a rule table plus optional cross-field checks. */
export function validateWith<T extends object>(
  rules: Rules<T>,
  draft: T,
  extra: (draft: T) => FieldProblem[] = () => [],
): Validation {
  const problems: FieldProblem[] = [];
  for (const [field, rule] of Object.entries<FieldRule | undefined>(rules)) {
    if (!rule) continue;
    const found = checkOne(field, rule, (draft as Record<string, unknown>)[field]);
    if (found) problems.push(found);
  }
  // A cross-field check may find what a field's own rule found already: say it once.
  for (const p of extra(draft)) {
    if (!problems.some((q) => q.field === p.field && q.code === p.code)) problems.push(p);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** A JSON-able ISO date-time in UTC. */
export function isIsoDateTime(v: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(v) && !Number.isNaN(Date.parse(v))
  );
}

/** The range a date is outside of (`from`, `to` as yyyy-mm-dd), or null when it is inside. */
function outOfRange(v: string, min: string = DATE_MIN): { from: string; to: string } | null {
  const t = Date.parse(v);
  return t < Date.parse(min) || t > Date.parse(DATE_MAX)
    ? { from: min.slice(0, 10), to: DATE_MAX.slice(0, 10) }
    : null;
}

/**
 * Every non-empty date property must be an ISO date-time in UTC, between `DATE_MIN` and
 * `DATE_MAX` (`validation.dateRange`, naming the field and the range); `labels` are label codes.
 */
export function checkDates<T extends object>(
  draft: T,
  labels: { readonly [K in keyof T]?: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, label] of Object.entries<string | undefined>(labels)) {
    const v = (draft as Record<string, unknown>)[field];
    if (typeof v !== "string" || v === "") continue;
    const params = { label: { code: label ?? field } };
    if (!isIsoDateTime(v)) {
      problems.push(fieldProblem("validation.date", field, params));
      continue;
    }
    const out = outOfRange(v);
    if (out) problems.push(fieldProblem("validation.dateRange", field, { ...params, ...out }));
  }
  return problems;
}

/**
 * `from` must not come after `to` when both are set: `validation.order` on `field`, naming
 * both labels (codes).
 */
export function checkOrder(
  from: string | null | undefined,
  to: string | null | undefined,
  field: string,
  labels: { from: string; to: string },
): FieldProblem[] {
  if (from && to && Date.parse(from) > Date.parse(to)) {
    return [
      fieldProblem("validation.order", field, {
        from: { code: labels.from },
        to: { code: labels.to },
      }),
    ];
  }
  return [];
}
