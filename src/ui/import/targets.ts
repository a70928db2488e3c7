/** Column targets as option keys for the mapping dropdowns, and their labels. */
import type { TFunction } from "i18next";

import { IMPORT_FIELDS, type ImportTarget } from "../../domain/import.js";
import { BUDGET_KINDS, type BudgetKind } from "../../domain/vocabulary.js";

export const IGNORE = "ignore";

export function keyOfTarget(t: ImportTarget | null): string {
  if (t === null) return IGNORE;
  return t.field === "budget" ? `budget:${t.kind}:${t.year}` : t.field;
}

export function targetOfKey(key: string): ImportTarget | null {
  if (key === IGNORE) return null;
  const budget = /^budget:(.+):(\d{4})$/.exec(key);
  if (budget) {
    const kind = BUDGET_KINDS.find((k) => k === budget[1]);
    return kind ? { field: "budget", kind, year: Number(budget[2]) } : null;
  }
  const field = IMPORT_FIELDS.find((f) => f === key);
  return field ? { field } : null;
}

export function labelOfTarget(t: ImportTarget | null, tr: TFunction): string {
  if (t === null) return tr("import.mapping.ignore");
  if (t.field === "budget") {
    return tr("import.mapping.budget", { kind: kindLabel(t.kind, tr), year: t.year });
  }
  return tr(`import.fields.${t.field}`);
}

function kindLabel(kind: BudgetKind, tr: TFunction): string {
  return tr(`import.kinds.${kind}`);
}

/**
 * Every target a column may be given: ignore, the initiative fields, a budget column per
 * budget year and kind, and any target already chosen (a year outside the budget years stays
 * visible, with the mapping's problem naming it).
 */
export function targetOptions(
  budgetYears: readonly number[],
  chosen: readonly (ImportTarget | null)[],
): (ImportTarget | null)[] {
  const options: (ImportTarget | null)[] = [null, ...IMPORT_FIELDS.map((field) => ({ field }))];
  for (const year of budgetYears) {
    for (const kind of BUDGET_KINDS) options.push({ field: "budget", kind, year });
  }
  const keys = new Set(options.map(keyOfTarget));
  for (const c of chosen) {
    if (c !== null && !keys.has(keyOfTarget(c))) {
      options.push(c);
      keys.add(keyOfTarget(c));
    }
  }
  return options;
}
