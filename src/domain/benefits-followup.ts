/**
 * When a benefit's measurements fall due, which are met, due or overdue, per benefit owner;
 * whom to remind (at most once per owner per due date); and the figures the charts draw (a
 * benefit's planned curve, the portfolio's planned and realised economic benefits per year).
 * Pure: the time is passed in.
 *
 * Due dates come from two sources: the benefit's own measurement plan (every N months from the
 * first measurement date, until the target date) and the committee's model, whose follow-ups
 * count from the initiative's go-live (it entered I drift) and close (it entered Afsluttet), for
 * initiatives in I drift, Gevinstopfølgning or Afsluttet.
 */
import { type Benefit, benefitClass, type BenefitMeasurement } from "./benefits.js";
import { DEFAULT_FOLLOW_UPS, type FollowUp } from "./benefits-model.js";
import type { IsoDateTime, Person } from "./common.js";
import type { BenefitId, InitiativeId, PersonId } from "./ids.js";
import type { Phase } from "./vocabulary.js";

/** A due date is met by a measurement dated at most this many days before it (or after it). */
export const MEASURE_EARLY_DAYS = 30;
/** A due date this many days ahead is listed as due (so the owner can plan). */
export const DUE_AHEAD_DAYS = 14;

const DAY = 86_400_000;

/** `YYYY-MM-DD` of an ISO date-time (UTC). */
export function dayOf(iso: IsoDateTime): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 10);
}

/** The day `months` months after `day` (the month's last day when it has fewer days). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

const FOLLOWED_PHASES: readonly Phase[] = ["I drift", "Gevinstopfølgning", "Afsluttet"];
const OPEN_STATES: readonly Benefit["state"][] = ["Godkendt", "Under realisering"];
/**
 * A realised benefit is still followed up as the model says (closing needs every benefit
 * concluded, and the committee checks a year after close that it was actually harvested).
 */
const FOLLOWED_STATES: readonly Benefit["state"][] = [...OPEN_STATES, "Realiseret"];

export interface InitiativeDates {
  phase: Phase;
  /** When it entered I drift (from its phase changes), or null. */
  goLive: IsoDateTime | null;
  /** When it entered Afsluttet, or null. */
  closed: IsoDateTime | null;
}

export type DueSource =
  { kind: "plan" } | { kind: "followUp"; anchor: FollowUp["anchor"]; months: number };

export interface ScheduledPoint {
  due: string;
  source: DueSource;
}

type ScheduleBenefit = Pick<
  Benefit,
  "state" | "firstMeasurementDate" | "measurementIntervalMonths" | "targetDate"
>;

/**
 * A benefit's due dates up to `until` (a day), oldest first, without repeats: its plan's and,
 * once the initiative is in follow-up, the model's. A benefit that is only proposed, or not
 * realised, has none; a realised one only the model's.
 */
export function schedule(
  b: ScheduleBenefit,
  initiative: InitiativeDates | null,
  followUps: readonly FollowUp[] | null,
  until: string,
): ScheduledPoint[] {
  if (!FOLLOWED_STATES.includes(b.state)) return [];
  const points = new Map<string, ScheduledPoint>();
  if (b.firstMeasurementDate && OPEN_STATES.includes(b.state)) {
    const first = dayOf(b.firstMeasurementDate);
    const step = b.measurementIntervalMonths;
    const end = b.targetDate ? dayOf(b.targetDate) : until;
    const last = end < until ? end : until;
    if (first <= until) points.set(first, { due: first, source: { kind: "plan" } });
    if (step !== null && step > 0) {
      for (let k = 1; k < 600; k++) {
        const d = addMonths(first, k * step);
        if (d > last) break;
        points.set(d, { due: d, source: { kind: "plan" } });
      }
    }
  }
  if (initiative && FOLLOWED_PHASES.includes(initiative.phase)) {
    for (const f of followUps ?? DEFAULT_FOLLOW_UPS) {
      const from = f.anchor === "goLive" ? initiative.goLive : initiative.closed;
      if (!from) continue;
      const d = addMonths(dayOf(from), f.months);
      if (d <= until) points.set(d, { due: d, source: { kind: "followUp", ...f } });
    }
  }
  return [...points.values()].sort((a, b) => a.due.localeCompare(b.due));
}

export type PointState = "met" | "due" | "overdue";

export interface FollowUpPoint extends ScheduledPoint {
  state: PointState;
  /** The measurement that met it, when met. */
  measuredAt: IsoDateTime | null;
}

/**
 * Each due date with its state: met by a measurement dated no more than `MEASURE_EARLY_DAYS`
 * before it (a late one still meets it, when no later due date is open), overdue when its day
 * has passed, else due. `measurements` are the benefit's valid ones.
 */
export function followUpStates(
  points: readonly ScheduledPoint[],
  measurements: readonly Pick<BenefitMeasurement, "measuredAt">[],
  now: Date,
): FollowUpPoint[] {
  const times = measurements.map((m) => Date.parse(m.measuredAt)).sort((a, b) => a - b);
  const earliest = points.map((p) => Date.parse(`${p.due}T00:00:00Z`) - MEASURE_EARLY_DAYS * DAY);
  const metBy = new Map<number, number>();
  // Each measurement meets the latest open due date it can (one measured in July meets July's
  // follow-up, not January's that was missed).
  for (const t of times) {
    for (let k = points.length - 1; k >= 0; k--) {
      if (!metBy.has(k) && earliest[k]! <= t) {
        metBy.set(k, t);
        break;
      }
    }
  }
  const today = now.toISOString().slice(0, 10);
  return points.map((p, k) => {
    const t = metBy.get(k);
    if (t !== undefined) return { ...p, state: "met", measuredAt: new Date(t).toISOString() };
    return { ...p, state: p.due < today ? "overdue" : "due", measuredAt: null };
  });
}

export interface DueMeasurement {
  benefit: Pick<Benefit, "id" | "title" | "initiative" | "owner" | "unit" | "indicator">;
  due: string;
  source: DueSource;
  overdue: boolean;
}

export interface OwnerDue {
  /** Null: the benefits without an owner (no one to remind). */
  owner: Person | null;
  items: DueMeasurement[];
}

export type DueBenefit = Pick<
  Benefit,
  | "id"
  | "title"
  | "initiative"
  | "owner"
  | "unit"
  | "indicator"
  | "state"
  | "firstMeasurementDate"
  | "measurementIntervalMonths"
  | "targetDate"
  | "modelVersion"
>;

/**
 * The due and overdue measurements of every benefit, grouped per owner (by name; those without
 * an owner last), each owner's oldest first. `measurements` must be the checked (valid) ones:
 * a measurement by someone not allowed clears nothing.
 */
export function dueByOwner(
  benefits: readonly DueBenefit[],
  initiatives: ReadonlyMap<InitiativeId, InitiativeDates>,
  followUpsOf: (b: DueBenefit) => readonly FollowUp[] | null,
  measurements: readonly Pick<BenefitMeasurement, "benefit" | "measuredAt">[],
  now: Date,
): OwnerDue[] {
  const until = new Date(now.getTime() + DUE_AHEAD_DAYS * DAY).toISOString().slice(0, 10);
  const byBenefit = new Map<BenefitId, Pick<BenefitMeasurement, "measuredAt">[]>();
  for (const m of measurements) {
    if (!m.benefit) continue;
    const list = byBenefit.get(m.benefit.id) ?? [];
    list.push(m);
    byBenefit.set(m.benefit.id, list);
  }
  const owners = new Map<PersonId | null, OwnerDue>();
  for (const b of benefits) {
    const ini = b.initiative ? (initiatives.get(b.initiative.id) ?? null) : null;
    const points = followUpStates(
      schedule(b, ini, followUpsOf(b), until),
      byBenefit.get(b.id) ?? [],
      now,
    );
    for (const p of points) {
      if (p.state === "met") continue;
      const key = b.owner?.id ?? null;
      const group = owners.get(key) ?? { owner: b.owner, items: [] };
      group.items.push({
        benefit: {
          id: b.id,
          title: b.title,
          initiative: b.initiative,
          owner: b.owner,
          unit: b.unit,
          indicator: b.indicator,
        },
        due: p.due,
        source: p.source,
        overdue: p.state === "overdue",
      });
      owners.set(key, group);
    }
  }
  const out = [...owners.values()];
  for (const o of out) o.items.sort((a, b) => a.due.localeCompare(b.due));
  return out.sort((a, b) => {
    if (a.owner === null) return 1;
    if (b.owner === null) return -1;
    return a.owner.name.localeCompare(b.owner.name, "da");
  });
}

/** The phase dates of each initiative from its (valid) phase changes. */
export function initiativeDates(
  initiatives: readonly { id: InitiativeId; phase: Phase }[],
  changes: readonly {
    initiative: { id: InitiativeId } | null;
    toPhase: string;
    changedAt: IsoDateTime;
    gate?: string;
  }[],
): Map<InitiativeId, InitiativeDates> {
  const out = new Map<InitiativeId, InitiativeDates>();
  for (const i of initiatives) out.set(i.id, { phase: i.phase, goLive: null, closed: null });
  for (const c of changes) {
    if (!c.initiative || (c.gate !== undefined && c.gate !== "Fase")) continue;
    const d = out.get(c.initiative.id);
    if (!d) continue;
    // The latest entry counts (an initiative may go back and forth).
    if (c.toPhase === "I drift" && (!d.goLive || c.changedAt > d.goLive)) d.goLive = c.changedAt;
    if (c.toPhase === "Afsluttet" && (!d.closed || c.changedAt > d.closed)) d.closed = c.changedAt;
  }
  return out;
}

// ---------------------------------------------------------------- reminders

/** The key of one reminder: its owner and due date (what makes a retry send nothing twice). */
export function reminderKey(owner: PersonId, due: string): string {
  // A Settings key is letters, digits and dots (validateSetting).
  return `benefits.reminder.p${owner}.d${due.replaceAll("-", "")}`;
}

export interface ReminderPlan {
  owner: Person;
  items: DueMeasurement[];
  /** The keys to record once the mail is sent: one per due date of the mail. */
  keys: string[];
}

/**
 * Whom to remind: each owner with a due or overdue measurement whose (owner, due date) has
 * not been reminded of yet; the mail lists all the owner's due measurements.
 */
export function remindersToSend(
  due: readonly OwnerDue[],
  alreadySent: ReadonlySet<string>,
): ReminderPlan[] {
  const plans: ReminderPlan[] = [];
  for (const group of due) {
    if (!group.owner || group.items.length === 0) continue;
    const owner = group.owner;
    const keys = [...new Set(group.items.map((i) => reminderKey(owner.id, i.due)))].filter(
      (k) => !alreadySent.has(k),
    );
    if (keys.length > 0) plans.push({ owner, items: group.items, keys });
  }
  return plans;
}

// ---------------------------------------------------------------- charts

export interface PlanPoint {
  at: string;
  pessimistic: number;
  expected: number;
  optimistic: number;
}

type PlanBenefit = Pick<
  Benefit,
  | "baseline"
  | "baselineDate"
  | "targetPessimistic"
  | "targetExpected"
  | "targetOptimistic"
  | "targetDate"
>;

/**
 * The planned curve: a straight line from the baseline (at its date) to each target (at the
 * target date), one point a month; empty when a date, the baseline or the expected target is
 * missing. The pessimistic and optimistic targets default to the expected.
 */
export function plannedCurve(b: PlanBenefit): PlanPoint[] {
  if (b.baseline === null || b.targetExpected === null || !b.baselineDate || !b.targetDate) {
    return [];
  }
  const start = dayOf(b.baselineDate);
  const end = dayOf(b.targetDate);
  if (end <= start) return [];
  const t0 = Date.parse(`${start}T00:00:00Z`);
  const span = Date.parse(`${end}T00:00:00Z`) - t0;
  const base = b.baseline;
  const at = (day: string, target: number) =>
    base + ((target - base) * (Date.parse(`${day}T00:00:00Z`) - t0)) / span;
  const p = b.targetPessimistic ?? b.targetExpected;
  const e = b.targetExpected;
  const o = b.targetOptimistic ?? b.targetExpected;
  const days: string[] = [];
  for (let k = 0; k < 240; k++) {
    const d = addMonths(start, k);
    if (d >= end) break;
    days.push(d);
  }
  days.push(end);
  return days.map((d) => ({
    at: d,
    pessimistic: at(d, p),
    expected: at(d, e),
    optimistic: at(d, o),
  }));
}

/** Whether a unit is money (the portfolio's economic benefits are summed in kroner). */
export function isMoneyUnit(unit: string): boolean {
  return /^(kr\.?|dkk|kroner)$/i.test(unit.trim());
}

export interface YearFigures {
  year: number;
  planned: number;
  realised: number;
}

type EconomicBenefit = PlanBenefit &
  Pick<Benefit, "id" | "kind" | "isCash" | "unit" | "isDisbenefit">;

/**
 * The portfolio's economic benefits (in kroner) per year: planned is each benefit's expected
 * curve at the year's end less its baseline; realised its newest valid measurement of the year
 * less its baseline. A dis-benefit counts against. Years from the first baseline to the last
 * target.
 */
export function economicByYear(
  benefits: readonly EconomicBenefit[],
  measurements: readonly Pick<BenefitMeasurement, "benefit" | "measuredAt" | "value">[],
): YearFigures[] {
  const money = benefits.filter(
    (b) => benefitClass(b) !== "qualitative" && isMoneyUnit(b.unit) && b.baseline !== null,
  );
  const years = new Map<number, YearFigures>();
  const row = (year: number) => {
    let r = years.get(year);
    if (!r) years.set(year, (r = { year, planned: 0, realised: 0 }));
    return r;
  };
  for (const b of money) {
    const sign = b.isDisbenefit ? -1 : 1;
    const base = b.baseline ?? 0;
    const curve = plannedCurve(b);
    if (curve.length > 0) {
      const first = Number(curve[0]!.at.slice(0, 4));
      const last = Number(curve.at(-1)!.at.slice(0, 4));
      for (let y = first; y <= last; y++) {
        const within = curve.filter((p) => Number(p.at.slice(0, 4)) <= y).at(-1);
        if (within) row(y).planned += sign * Math.abs(within.expected - base);
      }
    }
    const newest = new Map<number, { t: number; value: number }>();
    for (const m of measurements) {
      if (m.benefit?.id !== b.id || m.value === null) continue;
      const t = Date.parse(m.measuredAt);
      const y = new Date(t).getUTCFullYear();
      const seen = newest.get(y);
      if (!seen || t > seen.t) newest.set(y, { t, value: m.value });
    }
    for (const [y, m] of newest) row(y).realised += sign * Math.abs(m.value - base);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
