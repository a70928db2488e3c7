/**
 * The intake form's state: the IntakeDraft, except that amounts and hours are kept as the text
 * the user typed (so "400.000" is not rewritten while typing) and turned into numbers when the
 * draft is validated, saved or handed in. Text that is not a number becomes NaN, which the
 * domain refuses with its own Danish message naming the cell.
 */
import type { IntakeDraft, IntakeMoney } from "../../domain/intake.js";
import { BUDGET_KINDS, type BudgetKind, type Competence } from "../../domain/vocabulary.js";

export interface CompetenceRow {
  /** Stable React key (rows can be removed from the middle). */
  key: number;
  competence: Competence | null;
  hours: string;
}

export interface IntakeFormState {
  draft: Omit<IntakeDraft, "money" | "competences">;
  /** Amount text per `year:kind`. */
  money: Readonly<Record<string, string>>;
  competences: readonly CompetenceRow[];
}

export const moneyKey = (year: number, kind: BudgetKind) => `${year}:${kind}`;

/** Whole kroner as typed: "400000", "400.000", "400 000 kr." → 400000; "" → null. */
export function parseAmount(text: string): number | null {
  const t = text
    .trim()
    .replace(/\s*kr\.?$/i, "")
    .replace(/[\s.\u00a0]/g, "");
  if (t === "") return null;
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(",", "."));
  return Number.NaN;
}

/** Hours as typed, decimal comma allowed: "12,5" → 12.5; "" → null. */
export function parseHours(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

let rowKey = 0;
export const nextRowKey = () => (rowKey += 1);

export function formStateOf(d: IntakeDraft): IntakeFormState {
  const { money, competences, ...draft } = d;
  return {
    draft,
    money: Object.fromEntries(
      money.map((m) => [moneyKey(m.year, m.kind), m.amount === null ? "" : String(m.amount)]),
    ),
    competences: competences.map((c) => ({
      key: nextRowKey(),
      competence: c.competence,
      hours: c.hours === null ? "" : String(c.hours).replace(".", ","),
    })),
  };
}

/** The years the grid shows: the configured ones and any a loaded draft still holds. */
export function gridYears(state: IntakeFormState, budgetYears: readonly number[]): number[] {
  const held = Object.keys(state.money).map((k) => Number(k.split(":")[0]));
  return [...new Set([...budgetYears, ...held])].sort((a, b) => a - b);
}

export function draftOf(state: IntakeFormState): IntakeDraft {
  const money: IntakeMoney[] = [];
  for (const [key, text] of Object.entries(state.money)) {
    const [year, kind] = key.split(":");
    const k = BUDGET_KINDS.find((b) => b === kind);
    if (!k || text.trim() === "") continue;
    money.push({ year: Number(year), kind: k, amount: parseAmount(text) });
  }
  money.sort(
    (a, b) => a.year - b.year || BUDGET_KINDS.indexOf(a.kind) - BUDGET_KINDS.indexOf(b.kind),
  );
  return {
    ...state.draft,
    money,
    competences: state.competences.map((c) => ({
      competence: c.competence,
      hours: parseHours(c.hours),
    })),
  };
}

/** The element a problem's link in the error summary moves focus to. */
export function fieldId(field: string): string {
  return `intake-${field}`;
}
