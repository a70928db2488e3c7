/**
 * Benefits realization and project status (DESIGN.md §2.8–2.9).
 */
import type { IsoDateTime, Person, Ref, Stored } from "./common.js";
import type { BenefitId, BenefitMeasurementId, InitiativeId, StatusReportId } from "./ids.js";
import type { Irregularity } from "./irregularities.js";
import { firstNotAllowed, problemFields } from "./portfolio.js";
import type { Me, Roster } from "./roles.js";
import {
  AMOUNT_MAX,
  checkDates,
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";
import {
  BENEFIT_KINDS,
  BENEFIT_STATES,
  type BenefitKind,
  type BenefitState,
  MEASUREMENT_MILESTONES,
  type MeasurementMilestone,
  type Rag,
  RAGS,
  REPORT_STATES,
  type ReportState,
} from "./vocabulary.js";

// ---------------------------------------------------------------- Benefits (Gevinster)

export interface BenefitDraft {
  title: string;
  initiative: Ref<InitiativeId> | null;
  kind: BenefitKind;
  isCash: boolean;
  /** A dis-benefit (a negative consequence) is registered and followed like a benefit. */
  isDisbenefit: boolean;
  indicator: string;
  unit: string;
  baseline: number | null;
  targetPessimistic: number | null;
  targetExpected: number | null;
  targetOptimistic: number | null;
  targetDate: IsoDateTime | null;
  /** Gevinstejer. */
  owner: Person | null;
  measurementPlan: string;
  nextMeasurementDue: IsoDateTime | null;
  state: BenefitState;
}
export type Benefit = Stored<BenefitDraft, BenefitId>;

export const BENEFIT_RULES: Rules<BenefitDraft> = {
  title: { label: "fields.benefit.title", required: true, maxLength: TEXT_MAX },
  initiative: { label: "fields.benefit.initiative", required: true },
  kind: { label: "fields.benefit.kind", required: true, oneOf: BENEFIT_KINDS },
  indicator: { label: "fields.benefit.indicator", required: true, maxLength: TEXT_MAX },
  unit: { label: "fields.benefit.unit", maxLength: 50 },
  measurementPlan: { label: "fields.benefit.measurementPlan", maxLength: NOTE_MAX },
  state: { label: "fields.benefit.state", required: true, oneOf: BENEFIT_STATES },
  baseline: { label: "fields.benefit.baseline", min: -AMOUNT_MAX, max: AMOUNT_MAX },
  targetPessimistic: {
    label: "fields.benefit.targetPessimistic",
    min: -AMOUNT_MAX,
    max: AMOUNT_MAX,
  },
  targetExpected: { label: "fields.benefit.targetExpected", min: -AMOUNT_MAX, max: AMOUNT_MAX },
  targetOptimistic: {
    label: "fields.benefit.targetOptimistic",
    min: -AMOUNT_MAX,
    max: AMOUNT_MAX,
  },
};

export function validateBenefit(d: BenefitDraft): Validation {
  return validateWith(BENEFIT_RULES, d, (x) => {
    const problems = checkDates(x, {
      targetDate: "fields.benefit.targetDate",
      nextMeasurementDue: "fields.benefit.nextMeasurementDue",
    });
    const { targetPessimistic: p, targetExpected: e, targetOptimistic: o } = x;
    // For a benefit more is better; for a dis-benefit the scale runs the other way.
    const ordered = (a: number | null, b: number | null) =>
      a === null || b === null || (x.isDisbenefit ? a >= b : a <= b);
    if (!ordered(p, e) || !ordered(e, o) || !ordered(p, o)) {
      problems.push(fieldProblem("validation.benefit.targetsOrder", "targetExpected"));
    }
    return problems;
  });
}

// ---------------------------------------------------------------- BenefitMeasurements (Gevinstmålinger)

export interface BenefitMeasurementDraft {
  title: string;
  benefit: Ref<BenefitId> | null;
  measuredAt: IsoDateTime;
  value: number | null;
  milestone: MeasurementMilestone | null;
  comment: string;
}
export type BenefitMeasurement = Stored<BenefitMeasurementDraft, BenefitMeasurementId>;

export const BENEFIT_MEASUREMENT_RULES: Rules<BenefitMeasurementDraft> = {
  title: { label: "fields.benefitMeasurement.title", required: true, maxLength: TEXT_MAX },
  benefit: { label: "fields.benefitMeasurement.benefit", required: true },
  measuredAt: { label: "fields.benefitMeasurement.measuredAt", required: true },
  value: {
    label: "fields.benefitMeasurement.value",
    required: true,
    min: -AMOUNT_MAX,
    max: AMOUNT_MAX,
  },
  milestone: { label: "fields.benefitMeasurement.milestone", oneOf: MEASUREMENT_MILESTONES },
  comment: { label: "fields.benefitMeasurement.comment", maxLength: NOTE_MAX },
};

export function validateBenefitMeasurement(d: BenefitMeasurementDraft): Validation {
  return validateWith(BENEFIT_MEASUREMENT_RULES, d, (x) =>
    checkDates(x, { measuredAt: "fields.benefitMeasurement.measuredAt" }),
  );
}

/** Who may measure a benefit: its benefit owner (gevinstejer) and the secretary. */
export function mayMeasureBenefit(benefit: Pick<Benefit, "owner">, actor: Me): boolean {
  if (actor.roles.includes("secretary")) return true;
  return benefit.owner !== null && benefit.owner.id === actor.person.id;
}

export type BenefitMeasurementRule =
  | "benefitMeasurement.invalid"
  | "benefitMeasurement.noBenefit"
  | "benefitMeasurement.notPermitted"
  | "benefitMeasurement.inFuture"
  | "benefitMeasurement.beforeBaseline";

/**
 * Measurements as the committee counts them (follow-up due, realised values): each must pass
 * the rules it is saved with, belong to a known benefit, be written (author and last editor)
 * by the benefit's owner or the secretary, not be dated after `now` (a measurement cannot
 * come from the future, and one that did would clear a follow-up that is due), and not be
 * dated before the benefit's baseline (its earliest valid `Baseline` measurement).
 */
export function checkBenefitMeasurements<M extends BenefitMeasurement>(
  measurements: readonly M[],
  benefits: ReadonlyMap<number, Pick<Benefit, "id" | "title" | "owner">>,
  roster: Roster,
  now: Date,
): { valid: M[]; irregular: Irregularity<BenefitMeasurementRule>[] } {
  const irregular: Irregularity<BenefitMeasurementRule>[] = [];
  const flag = (
    m: M,
    rule: BenefitMeasurementRule,
    by: Person | null,
    params: Irregularity["params"],
  ) => irregular.push({ list: "BenefitMeasurements", item: m.id, rule, by, params });
  const passing: M[] = [];
  for (const m of measurements) {
    const v = validateBenefitMeasurement(m);
    if (!v.ok) {
      flag(m, "benefitMeasurement.invalid", m.modifiedBy ?? m.createdBy, {
        fields: problemFields(v),
      });
      continue;
    }
    const benefit = m.benefit ? benefits.get(m.benefit.id) : undefined;
    if (!benefit) {
      flag(m, "benefitMeasurement.noBenefit", m.createdBy, { benefit: m.benefit?.title ?? null });
      continue;
    }
    const bad = firstNotAllowed(m, (a) => mayMeasureBenefit(benefit, a), roster);
    if (bad) {
      flag(m, "benefitMeasurement.notPermitted", bad.by, { benefit: benefit.title });
      continue;
    }
    if (Date.parse(m.measuredAt) > now.getTime()) {
      flag(m, "benefitMeasurement.inFuture", m.modifiedBy ?? m.createdBy, {
        benefit: benefit.title,
        measuredAt: m.measuredAt,
      });
      continue;
    }
    passing.push(m);
  }
  const baselineAt = new Map<number, number>();
  for (const m of passing) {
    if (m.milestone !== "Baseline" || !m.benefit) continue;
    const t = Date.parse(m.measuredAt);
    const seen = baselineAt.get(m.benefit.id);
    if (seen === undefined || t < seen) baselineAt.set(m.benefit.id, t);
  }
  const valid: M[] = [];
  for (const m of passing) {
    const base = m.benefit ? baselineAt.get(m.benefit.id) : undefined;
    if (base !== undefined && m.milestone !== "Baseline" && Date.parse(m.measuredAt) < base) {
      flag(m, "benefitMeasurement.beforeBaseline", m.modifiedBy ?? m.createdBy, {
        benefit: m.benefit?.title ?? null,
        measuredAt: m.measuredAt,
        baselineAt: new Date(base).toISOString(),
      });
      continue;
    }
    valid.push(m);
  }
  return { valid, irregular };
}

// ---------------------------------------------------------------- StatusReports (Statusrapporter)

export interface RagWithText {
  rag: Rag | null;
  text: string;
}

export interface StatusReportDraft {
  title: string;
  initiative: Ref<InitiativeId> | null;
  /** E.g. `2026-Q1` or `2026-03`. */
  period: string;
  /**
   * `<initiative>:<period>`: a claim the client writes, checked when read and used to find the
   * period's report. Not a unique column (the list has item-level security, which SharePoint
   * does not combine with unique columns): which report of a period counts is decided from the
   * server's facts (`currentReports`).
   */
  reportKey: string;
  overall: Rag;
  overallText: string;
  scope: RagWithText;
  time: RagWithText;
  cost: RagWithText;
  benefits: RagWithText;
  state: ReportState;
  publishedAt: IsoDateTime | null;
  /** Figures frozen at publication (budget, phase, benefits), for the report history. */
  snapshot: Record<string, unknown>;
}
export type StatusReport = Stored<StatusReportDraft, StatusReportId>;

export function statusReportKey(initiative: InitiativeId, period: string): string {
  return `${initiative}:${period}`;
}

export const STATUS_REPORT_RULES: Rules<StatusReportDraft> = {
  title: { label: "fields.statusReport.title", required: true, maxLength: TEXT_MAX },
  initiative: { label: "fields.statusReport.initiative", required: true },
  period: { label: "fields.statusReport.period", required: true, maxLength: 20 },
  reportKey: { label: "fields.statusReport.reportKey", required: true, maxLength: 100 },
  overall: { label: "fields.statusReport.overall", required: true, oneOf: RAGS },
  overallText: { label: "fields.statusReport.overallText", maxLength: NOTE_MAX },
  state: { label: "fields.statusReport.state", required: true, oneOf: REPORT_STATES },
};

export function validateStatusReport(d: StatusReportDraft): Validation {
  return validateWith(STATUS_REPORT_RULES, d, (x) => {
    const problems = checkDates(x, { publishedAt: "fields.statusReport.publishedAt" });
    for (const field of ["scope", "time", "cost", "benefits"] as const) {
      const label = { code: `fields.statusReport.${field}` };
      const { rag, text } = x[field];
      if (rag !== null && !RAGS.includes(rag)) {
        problems.push(fieldProblem("validation.oneOf", field, { label, values: RAGS.join(", ") }));
      }
      if (text.length > NOTE_MAX) {
        problems.push(
          fieldProblem("validation.maxLength", field, {
            label,
            max: NOTE_MAX,
            length: text.length,
          }),
        );
      }
    }
    if (x.initiative && x.period && x.reportKey !== statusReportKey(x.initiative.id, x.period)) {
      problems.push(fieldProblem("validation.statusReport.reportKey", "reportKey"));
    }
    if (x.state === "Publiceret" && !x.publishedAt) {
      problems.push(fieldProblem("validation.statusReport.publishedWithoutDate", "publishedAt"));
    }
    return problems;
  });
}
