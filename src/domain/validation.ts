/**
 * Validation of drafts before anything is written. Messages are Danish and name the field by
 * its Danish label, because they are shown to the user as they are. The limits are the
 * domain's own constants; a unit test checks that they agree with `lists-schema`, which
 * SharePoint enforces as well.
 */

export interface FieldProblem {
  /** The domain property (e.g. `title`). */
  field: string;
  /** Danish, naming the field: "Titel skal udfyldes." */
  message: string;
}

export type Validation = { ok: true } | { ok: false; problems: FieldProblem[] };

/** One property's rules. Text lengths count characters as SharePoint does (UTF-16 units). */
export interface FieldRule {
  /** Danish label used in messages. */
  label: string;
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  /** Allowed values for a choice (or each value of a multi-choice). */
  oneOf?: readonly string[];
}

export type Rules<T> = { readonly [K in keyof T]?: FieldRule };

/** SharePoint's single line of text holds at most 255 characters. */
export const TEXT_MAX = 255;
/** A plain multi-line text field holds at most 63,999 characters in SharePoint Online. */
export const NOTE_MAX = 63_999;

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === "string" && v.trim() === "") ||
    (Array.isArray(v) && v.length === 0)
  );
}

function checkOne(rule: FieldRule, v: unknown): string | undefined {
  if (isEmpty(v)) return rule.required ? `${rule.label} skal udfyldes.` : undefined;
  if (typeof v === "string") {
    if (rule.maxLength !== undefined && v.length > rule.maxLength) {
      return `${rule.label} må højst være ${rule.maxLength} tegn (er ${v.length}).`;
    }
    if (rule.oneOf && !rule.oneOf.includes(v)) {
      return `${rule.label} skal være en af: ${rule.oneOf.join(", ")}.`;
    }
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return `${rule.label} skal være et tal.`;
    if (rule.integer && !Number.isInteger(v)) return `${rule.label} skal være et helt tal.`;
    if (rule.min !== undefined && v < rule.min) {
      return `${rule.label} skal være mindst ${rule.min}.`;
    }
    if (rule.max !== undefined && v > rule.max) {
      return `${rule.label} må højst være ${rule.max}.`;
    }
  }
  if (Array.isArray(v) && rule.oneOf) {
    const bad = v.filter((x) => typeof x === "string" && !rule.oneOf?.includes(x));
    if (bad.length > 0) {
      return `${rule.label} indeholder ukendte værdier: ${bad.join(", ")}.`;
    }
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
    const message = checkOne(rule, (draft as Record<string, unknown>)[field]);
    if (message) problems.push({ field, message });
  }
  problems.push(...extra(draft));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** A JSON-able ISO date-time in UTC. */
export function isIsoDateTime(v: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(v) && !Number.isNaN(Date.parse(v))
  );
}

/** Every non-empty date property must be an ISO date-time in UTC. */
export function checkDates<T extends object>(
  draft: T,
  labels: { readonly [K in keyof T]?: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, label] of Object.entries<string | undefined>(labels)) {
    const v = (draft as Record<string, unknown>)[field];
    if (typeof v === "string" && v !== "" && !isIsoDateTime(v)) {
      problems.push({ field, message: `${label ?? field} skal være en dato (UTC).` });
    }
  }
  return problems;
}

/** `from` must not come after `to` when both are set. */
export function checkOrder(
  from: string | null | undefined,
  to: string | null | undefined,
  field: string,
  message: string,
): FieldProblem[] {
  if (from && to && Date.parse(from) > Date.parse(to)) return [{ field, message }];
  return [];
}
