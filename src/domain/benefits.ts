/**
 * Benefits realization and project status (DESIGN.md §2.8–2.9).
 */
import type { IsoDateTime, Person, Ref, Stored } from "./common.js";
import { type FieldRegistry, rulesOf } from "./fields.js";
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
  BENEFIT_DIRECTIONS,
  BENEFIT_KINDS,
  BENEFIT_STATES,
  type BenefitDirection,
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
  /** Økonomisk (cash or non-cash, `isCash`) or Kvalitativ: see `benefitClass`. */
  kind: BenefitKind;
  isCash: boolean;
  /** A dis-benefit (a negative consequence) is registered and followed like a benefit. */
  isDisbenefit: boolean;
  indicator: string;
  unit: string;
  /** Which way the indicator is better; a dis-benefit's targets lie on the worse side. */
  direction: BenefitDirection;
  baseline: number | null;
  /** When the baseline was measured: no measurement can be dated before it. */
  baselineDate: IsoDateTime | null;
  targetPessimistic: number | null;
  targetExpected: number | null;
  targetOptimistic: number | null;
  targetDate: IsoDateTime | null;
  /** Gevinstejer: a person of the site (checked when saved), never a group. */
  owner: Person | null;
  measurementPlan: string;
  /** The measurement plan: every `measurementIntervalMonths` months from `firstMeasurementDate`. */
  measurementIntervalMonths: number | null;
  firstMeasurementDate: IsoDateTime | null;
  nextMeasurementDue: IsoDateTime | null;
  /** The version of the committee's benefits model the benefit follows (null: none yet). */
  modelVersion: number | null;
  state: BenefitState;
}
export type Benefit = Stored<BenefitDraft, BenefitId>;

const FIELD = (name: string) => `fields.benefit.${name}`;

/**
 * The benefit's fields: label, kind and limits (validation) and the register's export column.
 * A field is its entry here plus its column in lists-schema/Benefits.json.
 */
export const BENEFIT_FIELDS = {
  title: { label: FIELD("title"), kind: "text", required: true, maxLength: TEXT_MAX },
  initiative: { label: FIELD("initiative"), kind: "lookup", required: true },
  kind: { label: FIELD("kind"), kind: "choice", required: true, oneOf: BENEFIT_KINDS },
  isCash: { label: FIELD("isCash"), kind: "boolean" },
  isDisbenefit: { label: FIELD("isDisbenefit"), kind: "boolean" },
  indicator: { label: FIELD("indicator"), kind: "text", required: true, maxLength: TEXT_MAX },
  unit: { label: FIELD("unit"), kind: "text", maxLength: 50 },
  direction: {
    label: FIELD("direction"),
    kind: "choice",
    required: true,
    oneOf: BENEFIT_DIRECTIONS,
  },
  baseline: { label: FIELD("baseline"), kind: "number", min: -AMOUNT_MAX, max: AMOUNT_MAX },
  baselineDate: { label: FIELD("baselineDate"), kind: "date" },
  targetPessimistic: {
    label: FIELD("targetPessimistic"),
    kind: "number",
    min: -AMOUNT_MAX,
    max: AMOUNT_MAX,
  },
  targetExpected: {
    label: FIELD("targetExpected"),
    kind: "number",
    min: -AMOUNT_MAX,
    max: AMOUNT_MAX,
  },
  targetOptimistic: {
    label: FIELD("targetOptimistic"),
    kind: "number",
    min: -AMOUNT_MAX,
    max: AMOUNT_MAX,
  },
  targetDate: { label: FIELD("targetDate"), kind: "date" },
  owner: { label: FIELD("owner"), kind: "person" },
  measurementPlan: { label: FIELD("measurementPlan"), kind: "note", maxLength: NOTE_MAX },
  measurementIntervalMonths: {
    label: FIELD("measurementIntervalMonths"),
    kind: "integer",
    min: 1,
    max: 36,
  },
  firstMeasurementDate: { label: FIELD("firstMeasurementDate"), kind: "date" },
  nextMeasurementDue: { label: FIELD("nextMeasurementDue"), kind: "date" },
  modelVersion: { label: FIELD("modelVersion"), kind: "integer", min: 1 },
  state: { label: FIELD("state"), kind: "choice", required: true, oneOf: BENEFIT_STATES },
} as const satisfies FieldRegistry<BenefitDraft>;

export const BENEFIT_RULES: Rules<BenefitDraft> = rulesOf<BenefitDraft>(BENEFIT_FIELDS);

/** Kontant, ikke-kontant (both economic) or kvalitativ. */
export type BenefitClass = "cash" | "nonCash" | "qualitative";

export function benefitClass(b: Pick<BenefitDraft, "kind" | "isCash">): BenefitClass {
  if (b.kind === "Kvalitativ") return "qualitative";
  return b.isCash ? "cash" : "nonCash";
}

/** The kind and cash flag of a class (what the form's one choice writes). */
export function classFields(c: BenefitClass): Pick<BenefitDraft, "kind" | "isCash"> {
  if (c === "qualitative") return { kind: "Kvalitativ", isCash: false };
  return { kind: "Økonomisk", isCash: c === "cash" };
}

/** +1 when a higher value is better for the organisation, -1 when a lower one is. */
export function betterSign(b: Pick<BenefitDraft, "direction">): 1 | -1 {
  return b.direction === "Lavere er bedre" ? -1 : 1;
}

/**
 * Which way the targets lie from the baseline: a benefit's on the better side, a dis-benefit's
 * (the harm it is expected to do) on the worse side.
 */
export function targetSide(b: Pick<BenefitDraft, "direction" | "isDisbenefit">): 1 | -1 {
  const s = betterSign(b);
  return b.isDisbenefit ? (s === 1 ? -1 : 1) : s;
}

export type BenefitProblemCode =
  | "validation.benefit.targetWrongSide"
  | "validation.benefit.targetsOrder"
  | "validation.benefit.cashQualitative"
  | "validation.benefit.firstBeforeBaseline"
  | "validation.benefit.intervalWithoutFirst";

const TARGETS = ["targetPessimistic", "targetExpected", "targetOptimistic"] as const;

export function validateBenefit(d: BenefitDraft): Validation {
  return validateWith(BENEFIT_RULES, d, (x) => {
    const problems = checkDates(x, {
      baselineDate: FIELD("baselineDate"),
      targetDate: FIELD("targetDate"),
      firstMeasurementDate: FIELD("firstMeasurementDate"),
      nextMeasurementDue: FIELD("nextMeasurementDue"),
    });
    const side = targetSide(x);
    if (x.baseline !== null) {
      for (const t of TARGETS) {
        const v = x[t];
        if (v !== null && (v - x.baseline) * side < 0) {
          problems.push(
            fieldProblem("validation.benefit.targetWrongSide", t, {
              label: { code: FIELD(t) },
              baseline: x.baseline,
              side: {
                code:
                  side === 1 ? "validation.benefit.side.above" : "validation.benefit.side.below",
              },
            }),
          );
        }
      }
    }
    // The pessimistic target is the worst outcome for the organisation, the optimistic the best.
    const s = betterSign(x);
    const ordered = (a: number | null, b: number | null) =>
      a === null || b === null || a * s <= b * s;
    const { targetPessimistic: p, targetExpected: e, targetOptimistic: o } = x;
    if (!ordered(p, e) || !ordered(e, o) || !ordered(p, o)) {
      problems.push(fieldProblem("validation.benefit.targetsOrder", "targetExpected"));
    }
    if (x.kind === "Kvalitativ" && x.isCash) {
      problems.push(fieldProblem("validation.benefit.cashQualitative", "isCash"));
    }
    if (
      x.baselineDate &&
      x.firstMeasurementDate &&
      Date.parse(x.firstMeasurementDate) < Date.parse(x.baselineDate)
    ) {
      problems.push(fieldProblem("validation.benefit.firstBeforeBaseline", "firstMeasurementDate"));
    }
    if (x.measurementIntervalMonths !== null && !x.firstMeasurementDate) {
      problems.push(
        fieldProblem("validation.benefit.intervalWithoutFirst", "firstMeasurementDate"),
      );
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

/**
 * A measurement checked against its benefit before it is saved: not dated before the
 * benefit's baseline date, nor after today (`now`).
 */
export function validateMeasurementFor(
  d: BenefitMeasurementDraft,
  benefit: Pick<Benefit, "baselineDate">,
  now: Date,
): Validation {
  const v = validateBenefitMeasurement(d);
  const problems = v.ok ? [] : [...v.problems];
  if (v.ok || !problems.some((p) => p.field === "measuredAt")) {
    const at = Date.parse(d.measuredAt);
    if (benefit.baselineDate && at < Date.parse(benefit.baselineDate)) {
      problems.push(
        fieldProblem("validation.benefitMeasurement.beforeBaseline", "measuredAt", {
          baselineDate: benefit.baselineDate,
        }),
      );
    }
    if (at > now.getTime()) {
      problems.push(fieldProblem("validation.benefitMeasurement.inFuture", "measuredAt"));
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/**
 * Who may measure a benefit: its benefit owner (gevinstejer) and the secretary. Benefit owners
 * are heads of department (members, the chair) as often as project owners (contributors), so
 * all three groups may add items to BenefitMeasurements, each only their own (WriteSecurity 2);
 * which of them counts for a benefit is decided when read, from the author
 * (`checkBenefitMeasurements`), since a list permission cannot name each benefit's owner.
 */
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
 * dated before the benefit's baseline (its baseline date, or its earliest valid `Baseline`
 * measurement when that is earlier).
 */
export function checkBenefitMeasurements<M extends BenefitMeasurement>(
  measurements: readonly M[],
  benefits: ReadonlyMap<
    number,
    Pick<Benefit, "id" | "title" | "owner"> & Partial<Pick<Benefit, "baselineDate">>
  >,
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
  for (const b of benefits.values()) {
    if (b.baselineDate) baselineAt.set(b.id, Date.parse(b.baselineDate));
  }
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
