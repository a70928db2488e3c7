/**
 * The benefit form's state: what is typed (numbers as text, so "12,5" and a half-typed value
 * survive), turned into a draft for the domain to check. Pure, so it is unit-tested without a
 * browser.
 */
import {
  type Benefit,
  type BenefitClass,
  benefitClass,
  type BenefitDraft,
  classFields,
} from "../../domain/benefits.js";
import type { Person, Ref } from "../../domain/common.js";
import type { InitiativeId } from "../../domain/ids.js";
import type { BenefitDirection, BenefitState } from "../../domain/vocabulary.js";

export const NUMBER_FIELDS = [
  "baseline",
  "targetPessimistic",
  "targetExpected",
  "targetOptimistic",
  "measurementIntervalMonths",
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

export const DATE_FIELDS = ["baselineDate", "targetDate", "firstMeasurementDate"] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export const TEXT_FIELDS = ["title", "indicator", "unit", "measurementPlan"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface BenefitFormState {
  /** The benefit being edited (its id and version), or null for a new one. */
  existing: Pick<Benefit, "id" | "version"> | null;
  initiative: Ref<InitiativeId>;
  cls: BenefitClass;
  isDisbenefit: boolean;
  direction: BenefitDirection;
  owner: Person | null;
  state: BenefitState;
  modelVersion: number | null;
  text: Record<TextField, string>;
  numbers: Record<NumberField, string>;
  dates: Record<DateField, string | null>;
}

export type BenefitFormAction =
  | { type: "text"; field: TextField; value: string }
  | { type: "number"; field: NumberField; value: string }
  | { type: "date"; field: DateField; value: string | null }
  | { type: "class"; value: BenefitClass }
  | { type: "disbenefit"; value: boolean }
  | { type: "direction"; value: BenefitDirection }
  | { type: "owner"; value: Person | null }
  | { type: "state"; value: BenefitState };

const numberText = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));

/** A new benefit of an initiative, or the form of a stored one. */
export function initialForm(
  initiative: Ref<InitiativeId>,
  benefit: Benefit | null,
  modelVersion: number | null,
): BenefitFormState {
  if (!benefit) {
    return {
      existing: null,
      initiative,
      cls: "nonCash",
      isDisbenefit: false,
      direction: "Højere er bedre",
      owner: null,
      state: "Foreslået",
      modelVersion,
      text: { title: "", indicator: "", unit: "", measurementPlan: "" },
      numbers: {
        baseline: "",
        targetPessimistic: "",
        targetExpected: "",
        targetOptimistic: "",
        measurementIntervalMonths: "6",
      },
      dates: { baselineDate: null, targetDate: null, firstMeasurementDate: null },
    };
  }
  return {
    existing: { id: benefit.id, version: benefit.version },
    initiative,
    cls: benefitClass(benefit),
    isDisbenefit: benefit.isDisbenefit,
    direction: benefit.direction,
    owner: benefit.owner,
    state: benefit.state,
    modelVersion: benefit.modelVersion ?? modelVersion,
    text: {
      title: benefit.title,
      indicator: benefit.indicator,
      unit: benefit.unit,
      measurementPlan: benefit.measurementPlan,
    },
    numbers: {
      baseline: numberText(benefit.baseline),
      targetPessimistic: numberText(benefit.targetPessimistic),
      targetExpected: numberText(benefit.targetExpected),
      targetOptimistic: numberText(benefit.targetOptimistic),
      measurementIntervalMonths: numberText(benefit.measurementIntervalMonths),
    },
    dates: {
      baselineDate: benefit.baselineDate,
      targetDate: benefit.targetDate,
      firstMeasurementDate: benefit.firstMeasurementDate,
    },
  };
}

export function benefitFormReducer(s: BenefitFormState, a: BenefitFormAction): BenefitFormState {
  switch (a.type) {
    case "text":
      return { ...s, text: { ...s.text, [a.field]: a.value } };
    case "number":
      return { ...s, numbers: { ...s.numbers, [a.field]: a.value } };
    case "date":
      return { ...s, dates: { ...s.dates, [a.field]: a.value } };
    case "class":
      return { ...s, cls: a.value };
    case "disbenefit":
      return { ...s, isDisbenefit: a.value };
    case "direction":
      return { ...s, direction: a.value };
    case "owner":
      return { ...s, owner: a.value };
    case "state":
      return { ...s, state: a.value };
  }
}

/**
 * A typed number: Danish or English decimals, spaces and thousands dots ignored ("1.500,5").
 * Empty is null; anything else not a number is NaN (the domain's number rule names the field).
 */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, "");
  if (t === "") return null;
  const normal = t.includes(",") ? t.replace(/\./g, "").replace(",", ".") : t;
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

/** The draft the form stands for. */
export function draftOf(s: BenefitFormState): BenefitDraft {
  const n = (f: NumberField) => parseNumber(s.numbers[f]);
  return {
    title: s.text.title.trim(),
    initiative: s.initiative,
    ...classFields(s.cls),
    isDisbenefit: s.isDisbenefit,
    indicator: s.text.indicator.trim(),
    unit: s.text.unit.trim(),
    direction: s.direction,
    baseline: n("baseline"),
    baselineDate: s.dates.baselineDate,
    targetPessimistic: n("targetPessimistic"),
    targetExpected: n("targetExpected"),
    targetOptimistic: n("targetOptimistic"),
    targetDate: s.dates.targetDate,
    owner: s.owner,
    measurementPlan: s.text.measurementPlan,
    measurementIntervalMonths: n("measurementIntervalMonths"),
    firstMeasurementDate: s.dates.firstMeasurementDate,
    nextMeasurementDue: s.dates.firstMeasurementDate,
    modelVersion: s.modelVersion,
    state: s.state,
  };
}
