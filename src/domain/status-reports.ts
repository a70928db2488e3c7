/**
 * Status reports (issue 4 §5): reporting periods, the RAG dimensions, draft → publish with a
 * frozen snapshot, which ongoing initiatives have not reported for the current period, and who
 * is reminded.
 *
 * Periods follow the municipality's calendar, Danish time (Europe/Copenhagen): a report written
 * at 00:30 on 1 April belongs to the second quarter although it is still 31 March in UTC.
 */
import {
  type BenefitDraft,
  type RagWithText,
  type StatusReport,
  type StatusReportDraft,
  statusReportKey,
  validateStatusReport,
} from "./benefits.js";
import type { Clock } from "./clock.js";
import { err, type IsoDateTime, ok, type Person, type Result } from "./common.js";
import type { MailMessage } from "./communication.js";
import type { InitiativeId } from "./ids.js";
import type { Irregularity } from "./irregularities.js";
import {
  type BudgetLineDraft,
  firstNotAllowed,
  type Initiative,
  problemFields,
} from "./portfolio.js";
import type { Me, Roster } from "./roles.js";
import { type FieldProblem, fieldProblem } from "./validation.js";
import { BUDGET_KINDS, type BudgetKind, type Phase, type Rag } from "./vocabulary.js";

// ---------------------------------------------------------------- periods

export type PeriodGranularity = "quarter" | "month";

export interface ReportingPeriod {
  /** `2026-Q2` or `2026-04`: the StatusReports list's Period. */
  key: string;
  /** First instant of the period (Danish midnight, as UTC). */
  start: IsoDateTime;
  /** First instant after the period. */
  end: IsoDateTime;
  /** Danish, for headings: "2. kvartal 2026", "april 2026". */
  label: string;
}

/** The months in Danish, for dates written out in mails and reports. */
export const MONTHS_DA = [
  "januar",
  "februar",
  "marts",
  "april",
  "maj",
  "juni",
  "juli",
  "august",
  "september",
  "oktober",
  "november",
  "december",
] as const;

/** The configured granularity from a setting value (Danish or English); quarters by default. */
export function parseGranularity(value: string | null | undefined): PeriodGranularity {
  const v = (value ?? "").trim().toLowerCase();
  return v === "month" || v === "måned" || v === "maaned" || v === "monthly" ? "month" : "quarter";
}

/** The last Sunday of a month at 01:00 UTC: when EU summer time starts (March) or ends (October). */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Copenhagen's offset from UTC in hours at an instant (EU rules: +2 in summer time, else +1). */
export function copenhagenOffsetHours(t: Date): number {
  const y = t.getUTCFullYear();
  const ms = t.getTime();
  return ms >= lastSundayOneUtc(y, 2) && ms < lastSundayOneUtc(y, 9) ? 2 : 1;
}

/** The UTC instant of Danish midnight at the start of the given local day. */
function danishMidnight(year: number, month: number, day = 1): Date {
  // The offset at local midnight is the offset one hour before the day starts in UTC terms:
  // no DST change happens around midnight in Denmark, so the guess with +1 is always right.
  const guess = new Date(Date.UTC(year, month, day) - 3_600_000);
  return new Date(Date.UTC(year, month, day) - copenhagenOffsetHours(guess) * 3_600_000);
}

function makePeriod(g: PeriodGranularity, year: number, first: number): ReportingPeriod {
  const months = g === "quarter" ? 3 : 1;
  return {
    key:
      g === "quarter"
        ? `${year}-Q${first / 3 + 1}`
        : `${year}-${String(first + 1).padStart(2, "0")}`,
    start: danishMidnight(year, first).toISOString(),
    end: danishMidnight(year, first + months).toISOString(),
    label: g === "quarter" ? `${first / 3 + 1}. kvartal ${year}` : `${MONTHS_DA[first]} ${year}`,
  };
}

/** The period a moment falls in, on the Danish calendar. */
export function periodOf(date: Date, g: PeriodGranularity): ReportingPeriod {
  const local = new Date(date.getTime() + copenhagenOffsetHours(date) * 3_600_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return makePeriod(g, year, g === "quarter" ? month - (month % 3) : month);
}

/** A period from its key, or null when the key is neither `YYYY-Qn` nor `YYYY-MM`. */
export function parsePeriod(key: string): ReportingPeriod | null {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q?.[1] && q[2]) return makePeriod("quarter", Number(q[1]), (Number(q[2]) - 1) * 3);
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m?.[1] && m[2]) return makePeriod("month", Number(m[1]), Number(m[2]) - 1);
  return null;
}

/** The period `step` periods before (negative) or after (positive) the given one. */
export function shiftPeriod(p: ReportingPeriod, step: number): ReportingPeriod {
  const quarter = p.key.includes("Q");
  const year = Number(p.key.slice(0, 4));
  const rest = p.key.slice(5);
  const first = quarter ? (Number(rest.slice(1)) - 1) * 3 : Number(rest) - 1;
  const total = year * 12 + first + step * (quarter ? 3 : 1);
  return makePeriod(quarter ? "quarter" : "month", Math.floor(total / 12), total % 12);
}

// ---------------------------------------------------------------- who may report

/**
 * The project lead, the owner, the initiative's author (the proposer who handed it in) and the
 * secretary write an initiative's reports; nobody else (not the chair, not other members).
 */
export function mayReport(
  initiative: Pick<Initiative, "owner" | "projectLead"> & Partial<Pick<Initiative, "createdBy">>,
  actor: Me,
): boolean {
  if (actor.roles.includes("secretary")) return true;
  const id = actor.person.id;
  return (
    initiative.owner?.id === id ||
    initiative.projectLead?.id === id ||
    (initiative.createdBy !== null && initiative.createdBy?.id === id)
  );
}

export type StatusReportRule =
  "statusReport.invalid" | "statusReport.noInitiative" | "statusReport.notPermitted";

/** What the check needs of a report's initiative. */
export type ReportingInitiative = Pick<
  Initiative,
  "id" | "title" | "owner" | "projectLead" | "createdBy"
>;

/**
 * Status reports as the committee counts them: each must pass the rules it is saved with
 * (`validateStatusReport`, including its key being `<initiative>:<period>`), belong to a known
 * initiative, and be written (author and last editor, as the server recorded them) by someone
 * `mayReport` allows for that initiative. An irregular report counts for nothing: not as the
 * period's report, not for the status, and it keeps no one from reporting.
 */
export function checkStatusReports<R extends StatusReport>(
  reports: readonly R[],
  initiatives: ReadonlyMap<number, ReportingInitiative>,
  roster: Roster,
): { valid: R[]; irregular: Irregularity<StatusReportRule>[] } {
  const valid: R[] = [];
  const irregular: Irregularity<StatusReportRule>[] = [];
  for (const r of reports) {
    const flag = (rule: StatusReportRule, by: Person | null, params: Irregularity["params"]) =>
      irregular.push({ list: "StatusReports", item: r.id, rule, by, params });
    const v = validateStatusReport(r);
    if (!v.ok) {
      flag("statusReport.invalid", r.modifiedBy ?? r.createdBy, { fields: problemFields(v) });
      continue;
    }
    const initiative = r.initiative ? initiatives.get(r.initiative.id) : undefined;
    if (!initiative) {
      flag("statusReport.noInitiative", r.createdBy, { initiative: r.initiative?.title ?? null });
      continue;
    }
    const bad = firstNotAllowed(r, (a) => mayReport(initiative, a), roster);
    if (bad) {
      flag("statusReport.notPermitted", bad.by, {
        initiative: initiative.title,
        period: r.period,
        overall: r.overall,
      });
      continue;
    }
    valid.push(r);
  }
  return { valid, irregular };
}

/**
 * Each initiative's report per period among valid reports, decided from the server's facts:
 * the published one created last, else the draft created last (Created, then id). A report
 * nobody may write never gets here, so a report in someone else's name blocks nothing.
 */
export function currentReports<
  R extends Pick<StatusReport, "id" | "initiative" | "period" | "state" | "created">,
>(valid: readonly R[]): R[] {
  const best = new Map<string, R>();
  const rank = (r: R) => (r.state === "Publiceret" ? 1 : 0);
  for (const r of valid) {
    if (r.initiative === null) continue;
    const key = statusReportKey(r.initiative.id, r.period);
    const seen = best.get(key);
    if (
      !seen ||
      rank(r) > rank(seen) ||
      (rank(r) === rank(seen) &&
        (Date.parse(r.created) - Date.parse(seen.created) || r.id - seen.id) > 0)
    ) {
      best.set(key, r);
    }
  }
  return [...best.values()];
}

/** A published report is frozen: it is history, and the Direktørforum report quotes it. */
export function isEditable(report: Pick<StatusReportDraft, "state">): boolean {
  return report.state === "Kladde";
}

// ---------------------------------------------------------------- publishing

/** What the report's snapshot freezes at publication. */
export interface ReportSnapshot {
  capturedAt: IsoDateTime;
  phase: Phase;
  projectLead: string | null;
  /** Sum of the budget lines per kind, all years (DKK). */
  budgetByKind: Record<BudgetKind, number>;
  benefits: { title: string; state: BenefitDraft["state"]; targetExpected: number | null }[];
}

export function snapshotOf(
  initiative: Pick<Initiative, "phase" | "projectLead">,
  budgetLines: readonly Pick<BudgetLineDraft, "kind" | "amount">[],
  benefits: readonly Pick<BenefitDraft, "title" | "state" | "targetExpected">[],
  clock: Clock,
): ReportSnapshot {
  const budgetByKind = Object.fromEntries(BUDGET_KINDS.map((k) => [k, 0])) as Record<
    BudgetKind,
    number
  >;
  for (const l of budgetLines) budgetByKind[l.kind] += l.amount ?? 0;
  return {
    capturedAt: clock.now().toISOString(),
    phase: initiative.phase,
    projectLead: initiative.projectLead?.name ?? null,
    budgetByKind,
    benefits: benefits.map((b) => ({
      title: b.title,
      state: b.state,
      targetExpected: b.targetExpected,
    })),
  };
}

const DIMENSIONS = [
  "scope",
  "time",
  "cost",
  "benefits",
] as const satisfies readonly (keyof StatusReportDraft)[];

/**
 * What a report needs before it can be published: every dimension rated, and a yellow or red
 * rating explained (a colour without a reason helps nobody on the committee).
 */
export function missingForPublish(r: StatusReportDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const explain = (rag: Rag | null) => rag === "Gul" || rag === "Rød";
  if (explain(r.overall) && r.overallText.trim() === "") {
    problems.push(
      fieldProblem("validation.statusReport.explain", "overallText", {
        label: { code: "fields.statusReport.overallText" },
        rag: r.overall,
      }),
    );
  }
  for (const field of DIMENSIONS) {
    const d: RagWithText = r[field];
    const label = { code: `fields.statusReport.${field}` };
    if (d.rag === null) {
      problems.push(fieldProblem("validation.statusReport.rate", field, { label }));
    } else if (explain(d.rag) && d.text.trim() === "") {
      problems.push(fieldProblem("validation.statusReport.explain", field, { label, rag: d.rag }));
    }
  }
  return problems;
}

export type PublishRefusal =
  | { kind: "alreadyPublished" }
  | { kind: "notPermitted" }
  | { kind: "incomplete"; missing: FieldProblem[] };

export interface PublishedReport {
  /** The fields to update on the report (with its version: no lost update). */
  patch: Pick<StatusReportDraft, "state" | "publishedAt" | "snapshot">;
  /** The initiative's LatestStatus, when this is its newest period; else null (leave it). */
  latestStatus: Rag | null;
}

/**
 * Publishing freezes the report with a snapshot of the initiative's figures. A second publish
 * is refused (the first snapshot is the record). `newestPeriod` is the latest period the
 * initiative has a published report for, so an old report published late does not overwrite
 * the current status.
 */
export function publishStatusReport(
  report: StatusReportDraft,
  initiative: Pick<Initiative, "owner" | "projectLead">,
  snapshot: ReportSnapshot,
  actor: Me,
  clock: Clock,
  newestPeriod: string | null = null,
): Result<PublishedReport, PublishRefusal> {
  if (report.state === "Publiceret") {
    return err({
      kind: "alreadyPublished",
    });
  }
  if (!mayReport(initiative, actor)) {
    return err({ kind: "notPermitted" });
  }
  const publishedAt = clock.now().toISOString();
  const asStored = validateStatusReport({ ...report, state: "Publiceret", publishedAt });
  const missing = [...missingForPublish(report), ...(asStored.ok ? [] : asStored.problems)];
  if (missing.length > 0) {
    return err({
      kind: "incomplete",
      missing,
    });
  }
  const newest = newestPeriod === null || comparePeriodKeys(report.period, newestPeriod) >= 0;
  return ok({
    patch: {
      state: "Publiceret",
      publishedAt,
      snapshot: { ...snapshot },
    },
    latestStatus: newest ? report.overall : null,
  });
}

/** Orders period keys of the same granularity (`2026-Q1` < `2026-Q2`; `2026-09` < `2026-10`). */
export function comparePeriodKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- who has not reported

/** Phases in which an initiative is under way and reports every period. */
export const ONGOING_PHASES: readonly Phase[] = [
  "Planlægning",
  "Gennemførelse",
  "I drift",
  "Gevinstopfølgning",
];

export interface MissingReport {
  initiative: Pick<Initiative, "id" | "title" | "phase">;
  /** Who should report: the project lead, else the owner; null when neither is set. */
  responsible: Person | null;
  /** A draft exists for the period but has not been published. */
  hasDraft: boolean;
}

/**
 * The secretary's list: ongoing initiatives without a published report for the period the
 * date falls in, in title order.
 */
export function missingReports(
  initiatives: readonly Pick<Initiative, "id" | "title" | "phase" | "owner" | "projectLead">[],
  reports: readonly Pick<StatusReport, "initiative" | "period" | "state">[],
  asOf: Date,
  g: PeriodGranularity,
): { period: ReportingPeriod; missing: MissingReport[] } {
  const period = periodOf(asOf, g);
  const forPeriod = reports.filter((r) => r.period === period.key && r.initiative !== null);
  const published = new Set<InitiativeId>();
  const drafted = new Set<InitiativeId>();
  for (const r of forPeriod) {
    if (r.initiative === null) continue;
    (r.state === "Publiceret" ? published : drafted).add(r.initiative.id);
  }
  const missing = initiatives
    .filter((i) => ONGOING_PHASES.includes(i.phase) && !published.has(i.id))
    .map((i) => ({
      initiative: { id: i.id, title: i.title, phase: i.phase },
      responsible: i.projectLead ?? i.owner,
      hasDraft: drafted.has(i.id),
    }))
    .sort((a, b) => a.initiative.title.localeCompare(b.initiative.title, "da"));
  return { period, missing };
}

export interface ReminderRecipient {
  person: Person;
  /** The initiatives this person is reminded of, in title order. */
  initiatives: string[];
}

/**
 * One reminder per person (a project lead of three initiatives gets one mail listing three),
 * in name order; initiatives with nobody to remind are returned for the secretary to handle.
 */
export function reminderRecipients(missing: readonly MissingReport[]): {
  recipients: ReminderRecipient[];
  withoutRecipient: string[];
} {
  const byPerson = new Map<number, ReminderRecipient>();
  const withoutRecipient: string[] = [];
  for (const m of missing) {
    if (m.responsible === null || m.responsible.email.trim() === "") {
      withoutRecipient.push(m.initiative.title);
      continue;
    }
    const entry = byPerson.get(m.responsible.id) ?? { person: m.responsible, initiatives: [] };
    entry.initiatives.push(m.initiative.title);
    byPerson.set(m.responsible.id, entry);
  }
  const recipients = [...byPerson.values()]
    .map((r) => ({
      ...r,
      initiatives: [...r.initiatives].sort((a, b) => a.localeCompare(b, "da")),
    }))
    .sort((a, b) => a.person.name.localeCompare(b.person.name, "da"));
  return { recipients, withoutRecipient };
}

// ---------------------------------------------------------------- settings

/**
 * Settings (the Settings list) the status pages read: the period granularity (`kvartal` or
 * `måned`, quarters when unset) and the deadline, as days before the period ends (unset: none).
 */
export const STATUS_REPORT_SETTING_KEYS = {
  granularity: "statusReports.period",
  deadlineDaysBeforeEnd: "statusReports.deadlineDays",
} as const;

/**
 * The date (`YYYY-MM-DD`, Danish calendar) reports for the period are due: `days` before its
 * last day (0 = the last day). Null when the setting is empty or not a whole number ≥ 0, or
 * when it would fall before the period starts.
 */
export function deadlineOf(
  period: ReportingPeriod,
  days: string | null | undefined,
): string | null {
  const raw = (days ?? "").trim();
  if (!/^\d{1,3}$/.test(raw)) return null;
  const end = new Date(period.end);
  // The period's last local day, then `days` before it (whole days: DST moves no date).
  const lastLocal = new Date(end.getTime() - 1 + copenhagenOffsetHours(end) * 3_600_000);
  const due = new Date(
    Date.UTC(
      lastLocal.getUTCFullYear(),
      lastLocal.getUTCMonth(),
      lastLocal.getUTCDate() - Number(raw),
    ),
  );
  const start = new Date(period.start);
  const firstLocal = new Date(start.getTime() + copenhagenOffsetHours(start) * 3_600_000);
  const first = Date.UTC(
    firstLocal.getUTCFullYear(),
    firstLocal.getUTCMonth(),
    firstLocal.getUTCDate(),
  );
  return due.getTime() < first ? null : due.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- the owner's form

/** What the owner fills in; `overall` may be unset until chosen (nothing is preselected). */
export interface StatusReportForm {
  overall: Rag | null;
  overallText: string;
  scope: RagWithText;
  time: RagWithText;
  cost: RagWithText;
  benefits: RagWithText;
}

export const EMPTY_STATUS_REPORT_FORM: StatusReportForm = {
  overall: null,
  overallText: "",
  scope: { rag: null, text: "" },
  time: { rag: null, text: "" },
  cost: { rag: null, text: "" },
  benefits: { rag: null, text: "" },
};

export function formOf(
  r: Pick<StatusReportDraft, "overall" | "overallText" | "scope" | "time" | "cost" | "benefits">,
): StatusReportForm {
  return {
    overall: r.overall,
    overallText: r.overallText,
    scope: { ...r.scope },
    time: { ...r.time },
    cost: { ...r.cost },
    benefits: { ...r.benefits },
  };
}

/**
 * The report to store for an initiative and period from the form. The list requires an overall
 * status even on a draft, so a draft without one is refused with a Danish message naming it;
 * the other dimensions may wait until publication (`missingForPublish`).
 */
export function statusReportDraftOf(
  initiative: { id: InitiativeId; title: string },
  period: ReportingPeriod,
  form: StatusReportForm,
): Result<StatusReportDraft, FieldProblem[]> {
  if (form.overall === null) {
    return err([
      fieldProblem("validation.statusReport.rate", "overall", {
        label: { code: "fields.statusReport.overall" },
      }),
    ]);
  }
  const draft: StatusReportDraft = {
    title: `Statusrapport ${period.label}`,
    initiative: { id: initiative.id, title: initiative.title },
    period: period.key,
    reportKey: statusReportKey(initiative.id, period.key),
    overall: form.overall,
    overallText: form.overallText,
    scope: { ...form.scope },
    time: { ...form.time },
    cost: { ...form.cost },
    benefits: { ...form.benefits },
    state: "Kladde",
    publishedAt: null,
    snapshot: {},
  };
  const v = validateStatusReport(draft);
  return v.ok ? ok(draft) : err(v.problems);
}

// ---------------------------------------------------------------- reminder mail

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** `2026-06-16` as "16. juni 2026". */
function danishDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${d}. ${MONTHS_DA[(m ?? 1) - 1]} ${y}`;
}

/**
 * The reminder to one person (one mail each: nobody sees who else is behind, or their
 * initiatives). Every user-typed text — names, initiative titles — and the link are escaped;
 * the link must be http(s), anything else is left out.
 */
export function reminderMail(
  recipient: ReminderRecipient,
  period: ReportingPeriod,
  options: { deadline: string | null; link: string; senderName: string },
): MailMessage {
  const titles = recipient.initiatives.map((t) => `<li>${escapeHtml(t)}</li>`).join("");
  const one = recipient.initiatives.length === 1;
  const link = /^https?:\/\//i.test(options.link) ? options.link : null;
  const html = [
    `<p>Kære ${escapeHtml(recipient.person.name)}</p>`,
    `<p>Vi mangler en publiceret statusrapport for ${escapeHtml(period.label)} for ${one ? "dette tiltag" : "disse tiltag"}, som du er ansvarlig for:</p>`,
    `<ul>${titles}</ul>`,
    options.deadline ? `<p>Fristen er ${escapeHtml(danishDate(options.deadline))}.</p>` : "",
    link ? `<p><a href="${escapeHtml(link)}">Åbn statusrapporterne i Digistyr</a></p>` : "",
    `<p>Venlig hilsen<br>${escapeHtml(options.senderName)}</p>`,
  ].join("");
  return {
    to: [recipient.person.email],
    subject: `Påmindelse: statusrapport for ${period.label}`,
    html,
  };
}

/** Each initiative's newest published report (by period), for "last report" columns. */
export function latestPublishedByInitiative<
  R extends Pick<StatusReport, "initiative" | "period" | "state">,
>(reports: readonly R[]): Map<InitiativeId, R> {
  const out = new Map<InitiativeId, R>();
  for (const r of reports) {
    if (r.state !== "Publiceret" || r.initiative === null) continue;
    const seen = out.get(r.initiative.id);
    if (!seen || comparePeriodKeys(r.period, seen.period) > 0) out.set(r.initiative.id, r);
  }
  return out;
}

/**
 * Initiatives whose LatestStatus lags behind their newest published report: the owner who
 * published may not write the initiative (the Initiatives list lets Bidragydere edit only the
 * items they created), so someone who can — the secretary or chair opening the status page —
 * brings it up to date. Reports older than the look-back given are not considered.
 */
export function laggingLatestStatus(
  initiatives: readonly { id: InitiativeId; latestStatus: Rag | null }[],
  reports: readonly Pick<StatusReport, "initiative" | "period" | "state" | "overall">[],
): { id: InitiativeId; rag: Rag }[] {
  const latest = latestPublishedByInitiative(reports);
  return initiatives.flatMap((i) => {
    const report = latest.get(i.id);
    return report && report.overall !== i.latestStatus ? [{ id: i.id, rag: report.overall }] : [];
  });
}
