/**
 * Rapporter: the portfolio-plan report to Direktørforum, the orientation of Chefforum about
 * larger projects, and the committee's year-one process and effect evaluation.
 *
 * Everything here is computed from the committee's own records as the trust checks leave them
 * (valid phase-change records, budget lines, status reports and measurements; see
 * portfolio-trust.ts), and stored as a snapshot: what was reported stays as it was, whatever
 * happens to the lists afterwards. Pure: the clock and every record are handed in.
 */
import type { Benefit, BenefitMeasurement, StatusReport } from "./benefits.js";
import type { IsoDateTime, Person, Stored } from "./common.js";
import { ok } from "./common.js";
import type { MailMessage } from "./communication.js";
import type { ExportColumn } from "./export-columns.js";
import type { FundingProposal } from "./funding.js";
import type { InitiativeId, PortfolioReportId } from "./ids.js";
import type { Irregularity } from "./irregularities.js";
import type { Decision, Meeting } from "./meetings.js";
import type { BudgetFrame, BudgetLine, PhaseChange } from "./portfolio.js";
import type { Round } from "./prioritization.js";
import { type Outcome, type Problem, problem, refuse } from "./problems.js";
import { hasRole, type Me, type Roster } from "./roles.js";
import { copenhagenOffsetHours, escapeHtml, MONTHS_DA, ONGOING_PHASES } from "./status-reports.js";
import { readStoredResult } from "./tally.js";
import { NOTE_MAX, type Rules, TEXT_MAX, validateWith, type Validation } from "./validation.js";
import type { Governance, Phase, Rag } from "./vocabulary.js";

// ---------------------------------------------------------------- who may

/** The secretary and the chair make, save and send reports; members (and everyone else) read. */
export function mayMakeReports(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair");
}

/** Whether a stored report's author was allowed to write it (the Author the server set). */
export function authoredByReporter(author: Person | null, roster: Roster): boolean {
  if (!author) return false;
  const roles = roster.rolesOf(author.id);
  return roles.includes("secretary") || roles.includes("chair");
}

// ---------------------------------------------------------------- the stored list

export const REPORT_KINDS = ["Direktørforum", "Evaluering"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * One item of PortfolioReports. A report's snapshot is JSON; a plain multi-line text column
 * holds at most 63,999 characters in SharePoint Online (NOTE_MAX), so a larger snapshot is
 * split over several items of the same `reportKey`: part 0 (the header) carries the report's
 * facts, parts 1.. only the rest of the content.
 */
export interface PortfolioReportDraft {
  title: string;
  kind: ReportKind;
  /** `<kind>:<until>`: a claim the client writes, checked when read (`assembleReports`). */
  reportKey: string;
  part: number;
  parts: number;
  content: string;
  /** The cut-off the report describes: "since the last report" counts from the previous one's. */
  until: IsoDateTime | null;
  sentAt: IsoDateTime | null;
  sentTo: string;
  /** The Chefforum orientation's channel message id ("" until posted). */
  chefforumMessageId: string;
}
export type PortfolioReportItem = Stored<PortfolioReportDraft, PortfolioReportId>;

export const PORTFOLIO_REPORT_RULES: Rules<PortfolioReportDraft> = {
  title: { label: "fields.portfolioReport.title", required: true, maxLength: TEXT_MAX },
  kind: { label: "fields.portfolioReport.kind", required: true, oneOf: REPORT_KINDS },
  reportKey: { label: "fields.portfolioReport.reportKey", required: true, maxLength: 100 },
  part: { label: "fields.portfolioReport.part", required: true, min: 0, integer: true },
  parts: { label: "fields.portfolioReport.parts", required: true, min: 1, integer: true },
  content: { label: "fields.portfolioReport.content", maxLength: NOTE_MAX },
  sentTo: { label: "fields.portfolioReport.sentTo", maxLength: TEXT_MAX },
  chefforumMessageId: { label: "fields.portfolioReport.chefforumMessageId", maxLength: TEXT_MAX },
};

export function validatePortfolioReport(d: PortfolioReportDraft): Validation {
  return validateWith(PORTFOLIO_REPORT_RULES, d);
}

/** The report key: one per kind and cut-off. */
export function reportKeyOf(kind: ReportKind, until: IsoDateTime): string {
  return `${kind === "Direktørforum" ? "DF" : "EV"}:${until}`;
}

/** The snapshot split into parts that each fit a note column. */
export function splitContent(json: string, max: number = NOTE_MAX): string[] {
  if (json.length <= max) return [json];
  const parts: string[] = [];
  for (let k = 0; k < json.length; k += max) parts.push(json.slice(k, k + max));
  return parts;
}

/** The header items' drafts for a snapshot (part 0 first). */
export function reportDrafts(
  header: Pick<PortfolioReportDraft, "title" | "kind" | "until" | "sentTo">,
  content: ReportContent,
): PortfolioReportDraft[] {
  const until = header.until ?? content.until;
  const reportKey = reportKeyOf(header.kind, until);
  const chunks = splitContent(JSON.stringify(content));
  return chunks.map((chunk, part) => ({
    title: part === 0 ? header.title : `${header.title} (${part + 1}/${chunks.length})`,
    kind: header.kind,
    reportKey,
    part,
    parts: chunks.length,
    content: chunk,
    until,
    sentAt: null,
    sentTo: header.sentTo,
    chefforumMessageId: "",
  }));
}

export type ReportRule = "reports.irregular.author" | "reports.irregular.parts";

/** A report as read back: its header item, the parsed snapshot, and who made it. */
export interface StoredReport {
  header: PortfolioReportItem;
  content: ReportContent;
  /** Author of the header (the server's Created By). */
  author: Person | null;
}

/**
 * The reports from the list's items, decided from the server's facts: a report counts when
 * its header was created by the secretary or the chair and every part is there, written by the
 * header's author. Anything else is irregular (shown, never counted). Newest first.
 */
export function assembleReports(
  items: readonly PortfolioReportItem[],
  roster: Roster,
): { reports: StoredReport[]; irregular: Irregularity<ReportRule>[] } {
  const byKey = new Map<string, PortfolioReportItem[]>();
  for (const item of items) {
    const list = byKey.get(item.reportKey) ?? [];
    list.push(item);
    byKey.set(item.reportKey, list);
  }
  const reports: StoredReport[] = [];
  const irregular: Irregularity<ReportRule>[] = [];
  const flag = (item: PortfolioReportItem, rule: ReportRule) =>
    irregular.push({ list: "PortfolioReports", item: item.id, rule, by: item.createdBy });
  for (const group of byKey.values()) {
    const sorted = [...group].sort(
      (a, b) => Date.parse(a.created) - Date.parse(b.created) || a.id - b.id,
    );
    // The first header written by a reporter is the report; any other header is ignored.
    const header = sorted.find((i) => i.part === 0 && authoredByReporter(i.createdBy, roster));
    for (const i of sorted) {
      if (!authoredByReporter(i.createdBy, roster)) flag(i, "reports.irregular.author");
    }
    if (!header) continue;
    const parts: string[] = [];
    for (let p = 0; p < header.parts; p += 1) {
      const item =
        p === 0
          ? header
          : sorted.find((i) => i.part === p && i.createdBy?.id === header.createdBy?.id);
      if (!item) break;
      parts.push(item.content);
    }
    if (parts.length !== header.parts) {
      flag(header, "reports.irregular.parts");
      continue;
    }
    const content = parseContent(parts.join(""));
    if (!content) {
      flag(header, "reports.irregular.parts");
      continue;
    }
    reports.push({ header, content, author: header.createdBy });
  }
  reports.sort(
    (a, b) =>
      Date.parse(b.header.created) - Date.parse(a.header.created) || b.header.id - a.header.id,
  );
  return { reports, irregular };
}

function parseContent(json: string): ReportContent | null {
  try {
    const v = JSON.parse(json) as { version?: unknown; kind?: unknown };
    if (v.version !== 1 || (v.kind !== "portfolio" && v.kind !== "evaluation")) return null;
    return v as ReportContent;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- amounts

/**
 * Cash benefits planned and realized (kr.): the expected target's distance from the baseline,
 * and how far the latest measurement has come from the baseline in the target's direction.
 */
export interface BenefitSums {
  planned: number;
  realized: number;
  /** Benefits counted (cash, not dis-benefits). */
  count: number;
  /** Of them, how many have a measurement. */
  measured: number;
}

function emptySums(): BenefitSums {
  return { planned: 0, realized: 0, count: 0, measured: 0 };
}

/** The newest valid measurement of each benefit (by measuredAt, then Created). */
export function latestMeasurements(
  measurements: readonly BenefitMeasurement[],
): Map<number, BenefitMeasurement> {
  const out = new Map<number, BenefitMeasurement>();
  for (const m of measurements) {
    if (!m.benefit || m.value === null) continue;
    const seen = out.get(m.benefit.id);
    if (
      !seen ||
      (Date.parse(m.measuredAt) - Date.parse(seen.measuredAt) ||
        Date.parse(m.created) - Date.parse(seen.created)) > 0
    ) {
      out.set(m.benefit.id, m);
    }
  }
  return out;
}

function addBenefit(
  sums: BenefitSums,
  b: Pick<Benefit, "id" | "isCash" | "isDisbenefit" | "baseline" | "targetExpected">,
  latest: ReadonlyMap<number, BenefitMeasurement>,
): void {
  if (!b.isCash || b.isDisbenefit) return;
  const base = b.baseline ?? 0;
  const target = b.targetExpected ?? base;
  // A benefit may be a fall (fewer hours, lower cost): progress counts in the target's direction.
  const direction = target < base ? -1 : 1;
  sums.count += 1;
  sums.planned += Math.abs(target - base);
  const m = latest.get(b.id);
  if (m && m.value !== null) {
    sums.measured += 1;
    sums.realized += (m.value - base) * direction;
  }
}

// ---------------------------------------------------------------- the Direktørforum report

export type ReportInitiative = {
  id: InitiativeId;
  title: string;
  /** The phase as the valid records leave it. */
  phase: Phase;
  created: IsoDateTime;
};

export interface PortfolioReportInput {
  initiatives: readonly ReportInitiative[];
  /** Valid phase-change records only (the gate replay's). */
  phaseRecords: readonly PhaseChange[];
  /** Valid status reports. */
  statusReports: readonly Pick<
    StatusReport,
    "initiative" | "period" | "state" | "overall" | "overallText" | "created" | "id"
  >[];
  budgetLines: readonly BudgetLine[];
  frames: readonly BudgetFrame[];
  benefits: readonly Benefit[];
  /** Valid measurements. */
  measurements: readonly BenefitMeasurement[];
  decisions: readonly Decision[];
  /** The previous Direktørforum report's cut-off; null for the first report. */
  since: IsoDateTime | null;
  /** Total budget (kr., Anlæg + Drift) from which a project is "larger". */
  largerThreshold: number;
  now: Date;
}

export interface ReportInitiativeRow {
  id: number;
  title: string;
  phase: Phase;
  status: { rag: Rag; text: string; period: string } | null;
  /** Anlæg + Drift over every year. */
  budget: number;
  /** Anlæg + Drift in the report's year. */
  budgetThisYear: number;
  benefits: BenefitSums;
  larger: boolean;
}

export interface FrameRow {
  year: number;
  kind: string;
  frame: number | null;
  /** Ongoing initiatives' budget lines of that year and kind. */
  committed: number;
}

export interface PortfolioReportContent {
  version: 1;
  kind: "portfolio";
  builtAt: IsoDateTime;
  since: IsoDateTime | null;
  until: IsoDateTime;
  initiatives: ReportInitiativeRow[];
  frames: FrameRow[];
  decisions: { id: number; title: string; initiative: string | null; decidedAt: IsoDateTime }[];
  changes: {
    new: { id: number; title: string; phase: Phase }[];
    moved: { id: number; title: string; from: Phase | null; to: Phase; at: IsoDateTime }[];
    closed: { id: number; title: string; to: Phase; at: IsoDateTime }[];
  };
  totals: { budget: number; benefits: BenefitSums; byRag: Record<Rag | "none", number> };
  largerThreshold: number;
}

/** Phases in which an initiative is closed for the "changes" section. */
export const CLOSING_PHASES: readonly Phase[] = ["Afsluttet", "Afvist", "Parkeret"];

const after = (iso: string, since: IsoDateTime | null) =>
  since === null || Date.parse(iso) > Date.parse(since);

/**
 * The portfolio-plan report: every ongoing initiative with its phase, its latest published
 * status (RAG and text), its budget, and its cash benefits planned against realized; the budget
 * frames against what the ongoing initiatives hold; the decisions and the changes (new, moved,
 * closed) since the last report. A report with no ongoing initiative is refused
 * (`reports.problem.noOngoing`): an empty report is not sent.
 */
export function buildPortfolioReport(input: PortfolioReportInput): Outcome<PortfolioReportContent> {
  const ongoingSet = new Set<Phase>(ONGOING_PHASES);
  const ongoing = input.initiatives.filter((i) => ongoingSet.has(i.phase));
  if (ongoing.length === 0) return refuse("reports.problem.noOngoing");
  const until = input.now.toISOString();
  const year = calendarYearOf(input.now);
  const ids = new Set<number>(ongoing.map((i) => i.id));

  const latestStatus = new Map<number, (typeof input.statusReports)[number]>();
  for (const r of input.statusReports) {
    if (r.state !== "Publiceret" || !r.initiative || !ids.has(r.initiative.id)) continue;
    const seen = latestStatus.get(r.initiative.id);
    if (
      !seen ||
      r.period > seen.period ||
      (r.period === seen.period && Date.parse(r.created) > Date.parse(seen.created))
    ) {
      latestStatus.set(r.initiative.id, r);
    }
  }

  const budget = new Map<number, { all: number; year: number }>();
  const committed = new Map<string, number>();
  for (const l of input.budgetLines) {
    if (!l.initiative || !ids.has(l.initiative.id) || l.kind === "Gevinst") continue;
    const amount = l.amount ?? 0;
    const b = budget.get(l.initiative.id) ?? { all: 0, year: 0 };
    b.all += amount;
    if (l.year === year) b.year += amount;
    budget.set(l.initiative.id, b);
    const key = `${l.year}|${l.kind}`;
    committed.set(key, (committed.get(key) ?? 0) + amount);
  }

  const latest = latestMeasurements(input.measurements);
  const benefitSums = new Map<number, BenefitSums>();
  const totalBenefits = emptySums();
  for (const b of input.benefits) {
    if (!b.initiative || !ids.has(b.initiative.id)) continue;
    const sums = benefitSums.get(b.initiative.id) ?? emptySums();
    addBenefit(sums, b, latest);
    benefitSums.set(b.initiative.id, sums);
    addBenefit(totalBenefits, b, latest);
  }

  const byRag: Record<Rag | "none", number> = { Grøn: 0, Gul: 0, Rød: 0, none: 0 };
  let totalBudget = 0;
  const rows: ReportInitiativeRow[] = ongoing
    .map((i) => {
      const s = latestStatus.get(i.id);
      const b = budget.get(i.id) ?? { all: 0, year: 0 };
      byRag[s ? s.overall : "none"] += 1;
      totalBudget += b.all;
      return {
        id: i.id,
        title: i.title,
        phase: i.phase,
        status: s ? { rag: s.overall, text: s.overallText, period: s.period } : null,
        budget: b.all,
        budgetThisYear: b.year,
        benefits: benefitSums.get(i.id) ?? emptySums(),
        larger: b.all >= input.largerThreshold,
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title, "da") || a.id - b.id);

  const frameKeys = new Set<string>([
    ...committed.keys(),
    ...input.frames.map((f) => `${f.year}|${f.kind}`),
  ]);
  const frames: FrameRow[] = [...frameKeys]
    .map((key) => {
      const [y, kind] = key.split("|") as [string, string];
      const frame = input.frames.find((f) => f.year === Number(y) && f.kind === kind);
      return {
        year: Number(y),
        kind,
        frame: frame?.amount ?? null,
        committed: committed.get(key) ?? 0,
      };
    })
    .filter((f) => f.kind !== "Gevinst")
    .sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind, "da"));

  const titles = new Map<number, string>(input.initiatives.map((i) => [i.id, i.title]));
  const decisions = input.decisions
    .filter(
      (d) => after(d.decidedAt, input.since) && Date.parse(d.decidedAt) <= input.now.getTime(),
    )
    .sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || a.id - b.id)
    .map((d) => ({
      id: d.id,
      title: d.title,
      initiative: d.initiative?.title ?? null,
      decidedAt: d.decidedAt,
    }));

  const records = input.phaseRecords
    .filter(
      (r) =>
        r.initiative &&
        (r.gate === undefined || r.gate === "Fase") &&
        after(r.created, input.since) &&
        Date.parse(r.created) <= input.now.getTime(),
    )
    .sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || a.id - b.id);
  const moved = records
    .filter((r) => !CLOSING_PHASES.includes(r.toPhase))
    .map((r) => ({
      id: r.initiative!.id,
      title: titles.get(r.initiative!.id) ?? r.initiative!.title,
      from: r.fromPhase,
      to: r.toPhase,
      at: r.created,
    }));
  const closed = records
    .filter((r) => CLOSING_PHASES.includes(r.toPhase))
    .map((r) => ({
      id: r.initiative!.id,
      title: titles.get(r.initiative!.id) ?? r.initiative!.title,
      to: r.toPhase,
      at: r.created,
    }));
  const added = input.initiatives
    .filter((i) => after(i.created, input.since) && Date.parse(i.created) <= input.now.getTime())
    .sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || a.id - b.id)
    .map((i) => ({ id: i.id, title: i.title, phase: i.phase }));

  return ok({
    version: 1,
    kind: "portfolio",
    builtAt: until,
    since: input.since,
    until,
    initiatives: rows,
    frames,
    decisions,
    changes: { new: added, moved, closed },
    totals: { budget: totalBudget, benefits: totalBenefits, byRag },
    largerThreshold: input.largerThreshold,
  });
}

/** The default threshold of a larger project when the setting is absent or not a number. */
export const DEFAULT_LARGER_THRESHOLD = 5_000_000;

/** The larger-project threshold from its setting value (whole kroner, ≥ 0). */
export function parseLargerThreshold(value: string | null | undefined): number {
  const n = Number((value ?? "").replace(/[\s.]/g, "").replace(",", "."));
  return value && value.trim() !== "" && Number.isFinite(n) && n >= 0
    ? Math.round(n)
    : DEFAULT_LARGER_THRESHOLD;
}

// ---------------------------------------------------------------- mail and channel

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The Direktørforum address from settings, or the coded problem naming the setting. */
export function checkDirectorsAddress(value: string | null | undefined): Outcome<string> {
  const v = (value ?? "").trim();
  if (v === "") return refuse("reports.problem.noAddress", undefined, "direktoerforumAddress");
  if (!EMAIL.test(v)) {
    return refuse("reports.problem.badAddress", { value: v }, "direktoerforumAddress");
  }
  return ok(v);
}

/**
 * Graph's limit on a request: a `sendMail` JSON body with its attachments must stay under 4 MB
 * (https://learn.microsoft.com/graph/outlook-large-attachments — files of 3 MB or more need an
 * upload session on a draft instead; https://learn.microsoft.com/graph/api/user-sendmail).
 */
export const GRAPH_SENDMAIL_MAX_BYTES = 4 * 1024 * 1024;

/** UTF-8 length of a string without an encoder. */
function utf8Length(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k += 1) {
    const c = s.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      k += 1;
    } else n += 3;
  }
  return n;
}

/** The base64 length of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/**
 * The size of the sendMail JSON request the message makes, as the Graph adapter writes it
 * (message with recipients, body and fileAttachments, plus saveToSentItems).
 */
export function sendMailRequestBytes(message: MailMessage): number {
  const attachments = message.attachments ?? [];
  const body = {
    message: {
      subject: message.subject,
      body: { contentType: "HTML", content: message.html },
      toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
      ccRecipients: (message.cc ?? []).map((address) => ({ emailAddress: { address } })),
      attachments: attachments.map((a) => ({
        "@odata.type": "#microsoft.graph.fileAttachment",
        name: a.name,
        contentType: a.contentType,
        contentBytes: "",
      })),
    },
    saveToSentItems: true,
  };
  return (
    utf8Length(JSON.stringify(body)) +
    attachments.reduce((n, a) => n + base64Length(a.bytes.byteLength), 0)
  );
}

/** Refuses a mail whose request would be over Graph's limit (`reports.problem.attachmentTooLarge`). */
export function checkMailSize(message: MailMessage): Problem | null {
  const size = sendMailRequestBytes(message);
  return size > GRAPH_SENDMAIL_MAX_BYTES
    ? problem("reports.problem.attachmentTooLarge", { size, limit: GRAPH_SENDMAIL_MAX_BYTES })
    : null;
}

/** "8. december 2026" in Danish time. */
export function danishDateOf(iso: IsoDateTime): string {
  const t = new Date(iso);
  const local = new Date(t.getTime() + copenhagenOffsetHours(t) * 3_600_000);
  return `${local.getUTCDate()}. ${MONTHS_DA[local.getUTCMonth()]} ${local.getUTCFullYear()}`;
}

const RAG_DOT: Record<Rag, string> = { Grøn: "🟢", Gul: "🟡", Rød: "🔴" };

/** The mail to Direktørforum (Danish: the committee's language), the workbook attached by the caller. */
export function directorsMail(
  content: PortfolioReportContent,
  options: { to: string; link: string; senderName: string },
): Omit<MailMessage, "attachments"> {
  const date = danishDateOf(content.until);
  const link = /^https?:\/\//i.test(options.link) ? options.link : null;
  const html = [
    `<p>Kære Direktørforum</p>`,
    `<p>Hermed porteføljeplanens status pr. ${escapeHtml(date)}: ${content.initiatives.length} igangværende tiltag ` +
      `(grøn ${content.totals.byRag.Grøn}, gul ${content.totals.byRag.Gul}, rød ${content.totals.byRag.Rød}, uden status ${content.totals.byRag.none}), ` +
      `${content.decisions.length} beslutninger og ${content.changes.new.length + content.changes.moved.length + content.changes.closed.length} ændringer siden sidste rapport.</p>`,
    `<p>Den fulde rapport er vedhæftet som Excel-fil.</p>`,
    link ? `<p><a href="${escapeHtml(link)}">Åbn rapporten i Digistyr</a></p>` : "",
    `<p>Venlig hilsen<br>${escapeHtml(options.senderName)}</p>`,
  ].join("");
  return { to: [options.to], subject: `Porteføljeplan – status ${date}`, html };
}

/** The subject that marks a report's Chefforum orientation (found again on a retry). */
export function chefforumSubject(reportKey: string): string {
  return `Orientering om større projekter · ${reportKey}`;
}

/**
 * The short orientation of Chefforum about the report's larger projects (budget at or over the
 * threshold), with a link to the report; null when the report has none.
 */
export function chefforumSummary(
  content: PortfolioReportContent,
  reportKey: string,
  link: string,
): { subject: string; html: string } | null {
  const larger = content.initiatives.filter((i) => i.larger);
  if (larger.length === 0) return null;
  const kr = (n: number) => `${Math.round(n).toLocaleString("da-DK")} kr.`;
  const items = larger
    .map(
      (i) =>
        `<li>${escapeHtml(i.title)} – ${escapeHtml(i.phase)}` +
        (i.status ? `, ${RAG_DOT[i.status.rag]} ${escapeHtml(i.status.rag)}` : "") +
        `, ${escapeHtml(kr(i.budget))}</li>`,
    )
    .join("");
  const safeLink = /^https?:\/\//i.test(link) ? link : null;
  return {
    subject: chefforumSubject(reportKey),
    html:
      `<p>Styregruppen har sendt porteføljeplanens status til Direktørforum (${escapeHtml(danishDateOf(content.until))}). ` +
      `Større projekter (fra ${escapeHtml(kr(content.largerThreshold))}):</p><ul>${items}</ul>` +
      (safeLink ? `<p><a href="${escapeHtml(safeLink)}">Se hele rapporten</a></p>` : ""),
  };
}

// ---------------------------------------------------------------- the year-one evaluation

export interface EvaluationSection {
  heading: string;
  text: string;
}

export interface EvaluationInput {
  year: number;
  now: Date;
  minMeetings: number;
  meetings: readonly Pick<Meeting, "id" | "start" | "state">[];
  decisions: readonly Pick<Decision, "id" | "initiative" | "decidedAt">[];
  /** Valid phase-change records. */
  phaseRecords: readonly PhaseChange[];
  initiatives: readonly (ReportInitiative & {
    governance: Governance | null;
    standaloneGroupFrom: IsoDateTime | null;
    standaloneGroupTo: IsoDateTime | null;
  })[];
  rounds: readonly Round[];
  benefits: readonly Benefit[];
  measurements: readonly BenefitMeasurement[];
  fundingProposals: readonly Pick<FundingProposal, "id" | "state" | "totalAmount" | "created">[];
  /** Items of the committee's lists (Author, Created), for the secretary's workload. */
  workItems: readonly { createdBy: Person | null; created: IsoDateTime }[];
  roster: Roster;
  sections: readonly EvaluationSection[];
}

export interface EvaluationContent {
  version: 1;
  kind: "evaluation";
  builtAt: IsoDateTime;
  until: IsoDateTime;
  year: number;
  meetings: { held: number; minimum: number };
  decisions: {
    count: number;
    /** Days from "Klar til prioritering" to the initiative's first decision after it. */
    toDecision: { count: number; medianDays: number | null; meanDays: number | null };
  };
  turnout: { round: number; title: string; voters: number; voted: number }[];
  phases: {
    now: { phase: Phase; count: number }[];
    moves: { from: Phase | null; to: Phase; count: number }[];
  };
  benefits: BenefitSums;
  steeringGroups: {
    /** The committee is the steering group: no standalone group was set up. */
    avoided: number;
    /** A standalone group set up later than the start, or dissolved. */
    shortened: number;
    standalone: number;
  };
  funding: { byState: { state: string; count: number }[]; approvedAmount: number };
  workload: { month: string; items: number }[];
  sections: EvaluationSection[];
}

/** The first instant of a Danish calendar year, as UTC. */
export function yearStart(year: number): Date {
  const guess = new Date(Date.UTC(year, 0, 1));
  return new Date(guess.getTime() - copenhagenOffsetHours(guess) * 3_600_000);
}

/** The Danish calendar year of an instant. */
export function calendarYearOf(t: Date): number {
  return new Date(t.getTime() + copenhagenOffsetHours(t) * 3_600_000).getUTCFullYear();
}

/** `2026-03`: the Danish calendar month of an instant. */
export function monthOf(iso: IsoDateTime): string {
  const t = new Date(iso);
  const local = new Date(t.getTime() + copenhagenOffsetHours(t) * 3_600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
}

const HELD: readonly string[] = ["Afholdt", "Referat godkendt", "Referat udsendt"];
const DAY_MS = 86_400_000;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The process and effect evaluation of a year (Danish calendar year, up to `now`), from the
 * committee's own records: meetings held against the minimum, decisions and the time from
 * Klar til prioritering to a decision, turnout per closed round (its stored result), the
 * initiatives by phase and their moves, cash benefits, standalone steering groups avoided or
 * shortened, financing proposals by state, and the secretary's items per month (Author and
 * Created, set by the server). The committee's own text sections are kept as written.
 */
export function buildEvaluation(input: EvaluationInput): EvaluationContent {
  const from = yearStart(input.year).getTime();
  const to = Math.min(yearStart(input.year + 1).getTime(), input.now.getTime());
  const inYear = (iso: string | null | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= from && t < to;
  };

  const held = input.meetings.filter((m) => HELD.includes(m.state) && inYear(m.start)).length;

  const decisions = input.decisions.filter((d) => inYear(d.decidedAt));
  const readyAt = new Map<number, number>();
  for (const r of input.phaseRecords) {
    if (!r.initiative || r.toPhase !== "Klar til prioritering") continue;
    if (r.gate !== undefined && r.gate !== "Fase") continue;
    const t = Date.parse(r.created);
    const seen = readyAt.get(r.initiative.id);
    if (seen === undefined || t < seen) readyAt.set(r.initiative.id, t);
  }
  const waits: number[] = [];
  const firstDecision = new Map<number, number>();
  for (const d of decisions) {
    if (!d.initiative) continue;
    const ready = readyAt.get(d.initiative.id);
    const t = Date.parse(d.decidedAt);
    if (ready === undefined || t < ready) continue;
    const seen = firstDecision.get(d.initiative.id);
    if (seen === undefined || t < seen) firstDecision.set(d.initiative.id, t);
  }
  for (const [id, t] of firstDecision) waits.push((t - readyAt.get(id)!) / DAY_MS);
  const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

  const turnout = input.rounds.flatMap((r) => {
    const read = readStoredResult(r);
    if (!read.ok || !inYear(read.result.closedAt) || !read.result.turnout) return [];
    return [
      {
        round: r.id,
        title: r.title,
        voters: read.result.turnout.voters,
        voted: read.result.turnout.voted,
      },
    ];
  });

  const phaseCounts = new Map<Phase, number>();
  for (const i of input.initiatives) phaseCounts.set(i.phase, (phaseCounts.get(i.phase) ?? 0) + 1);
  const moveCounts = new Map<string, { from: Phase | null; to: Phase; count: number }>();
  for (const r of input.phaseRecords) {
    if (!inYear(r.created) || (r.gate !== undefined && r.gate !== "Fase")) continue;
    const key = `${r.fromPhase ?? ""}→${r.toPhase}`;
    const m = moveCounts.get(key) ?? { from: r.fromPhase, to: r.toPhase, count: 0 };
    m.count += 1;
    moveCounts.set(key, m);
  }

  const latest = latestMeasurements(
    input.measurements.filter((m) => Date.parse(m.measuredAt) < to),
  );
  const benefits = emptySums();
  for (const b of input.benefits) addBenefit(benefits, b, latest);

  let avoided = 0;
  let shortened = 0;
  let standalone = 0;
  for (const i of input.initiatives) {
    switch (i.governance) {
      case "Styregruppe":
      case "Referencegruppe":
        avoided += 1;
        break;
      case "Styregruppe indtil selvstændig styregruppe":
        shortened += 1;
        break;
      case "Selvstændig styregruppe":
        if (i.standaloneGroupTo) shortened += 1;
        else standalone += 1;
        break;
      default:
        break;
    }
  }

  const byState = new Map<string, number>();
  let approvedAmount = 0;
  for (const p of input.fundingProposals) {
    if (!inYear(p.created)) continue;
    byState.set(p.state, (byState.get(p.state) ?? 0) + 1);
    if (p.state === "Godkendt") approvedAmount += p.totalAmount ?? 0;
  }

  const workload = new Map<string, number>();
  for (const item of input.workItems) {
    if (!item.createdBy || !inYear(item.created)) continue;
    if (!input.roster.rolesOf(item.createdBy.id).includes("secretary")) continue;
    const month = monthOf(item.created);
    workload.set(month, (workload.get(month) ?? 0) + 1);
  }

  return {
    version: 1,
    kind: "evaluation",
    builtAt: input.now.toISOString(),
    until: new Date(to).toISOString(),
    year: input.year,
    meetings: { held, minimum: input.minMeetings },
    decisions: {
      count: decisions.length,
      toDecision: {
        count: waits.length,
        medianDays: round1(median(waits)),
        meanDays: round1(waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null),
      },
    },
    turnout,
    phases: {
      now: [...phaseCounts].map(([phase, count]) => ({ phase, count })),
      moves: [...moveCounts.values()].sort((a, b) => b.count - a.count),
    },
    benefits,
    steeringGroups: { avoided, shortened, standalone },
    funding: {
      byState: [...byState].map(([state, count]) => ({ state, count })),
      approvedAmount,
    },
    workload: [...workload]
      .map(([month, items]) => ({ month, items }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    sections: input.sections
      .map((s) => ({ heading: s.heading.trim(), text: s.text.trim() }))
      .filter((s) => s.heading !== "" || s.text !== ""),
  };
}

/** An evaluation section without a heading is refused (`reports.problem.sectionHeading`). */
export function checkSections(sections: readonly EvaluationSection[]): Problem[] {
  return sections.flatMap((s, k) =>
    s.text.trim() !== "" && s.heading.trim() === ""
      ? [problem("reports.problem.sectionHeading", { number: k + 1 }, `sections.${k}.heading`)]
      : [],
  );
}

/** The mail that carries the evaluation to Direktørforum. */
export function evaluationMail(
  content: EvaluationContent,
  options: { to: string; link: string; senderName: string },
): Omit<MailMessage, "attachments"> {
  const link = /^https?:\/\//i.test(options.link) ? options.link : null;
  const html = [
    `<p>Kære Direktørforum</p>`,
    `<p>Hermed styregruppens proces- og effektevaluering af ${content.year}: ${content.meetings.held} møder afholdt (mindst ${content.meetings.minimum}), ${content.decisions.count} beslutninger.</p>`,
    ...content.sections.map((s) => `<h3>${escapeHtml(s.heading)}</h3><p>${escapeHtml(s.text)}</p>`),
    `<p>Tallene er vedhæftet som Excel-fil.</p>`,
    link ? `<p><a href="${escapeHtml(link)}">Åbn evalueringen i Digistyr</a></p>` : "",
    `<p>Venlig hilsen<br>${escapeHtml(options.senderName)}</p>`,
  ].join("");
  return { to: [options.to], subject: `Evaluering af styregruppens år ${content.year}`, html };
}

export type ReportContent = PortfolioReportContent | EvaluationContent;

// ---------------------------------------------------------------- Excel

/** The Direktørforum report's workbook: one row per ongoing initiative. */
export const PORTFOLIO_REPORT_COLUMNS: readonly ExportColumn<ReportInitiativeRow>[] = [
  { key: "title", title: { da: "Tiltag", en: "Initiative" }, kind: "text", value: (r) => r.title },
  { key: "phase", title: { da: "Fase", en: "Phase" }, kind: "text", value: (r) => r.phase },
  {
    key: "rag",
    title: { da: "Status", en: "Status" },
    kind: "text",
    value: (r) => r.status?.rag ?? "",
  },
  {
    key: "statusText",
    title: { da: "Statustekst", en: "Status text" },
    kind: "text",
    value: (r) => r.status?.text ?? "",
  },
  {
    key: "period",
    title: { da: "Periode", en: "Period" },
    kind: "text",
    value: (r) => r.status?.period ?? "",
  },
  {
    key: "budget",
    title: { da: "Budget i alt", en: "Total budget" },
    kind: "kroner",
    value: (r) => r.budget,
  },
  {
    key: "budgetThisYear",
    title: { da: "Budget i år", en: "Budget this year" },
    kind: "kroner",
    value: (r) => r.budgetThisYear,
  },
  {
    key: "benefitsPlanned",
    title: { da: "Gevinst planlagt", en: "Benefits planned" },
    kind: "kroner",
    value: (r) => r.benefits.planned,
  },
  {
    key: "benefitsRealized",
    title: { da: "Gevinst realiseret", en: "Benefits realized" },
    kind: "kroner",
    value: (r) => r.benefits.realized,
  },
  {
    key: "larger",
    title: { da: "Større projekt", en: "Larger project" },
    kind: "yesNo",
    value: (r) => r.larger,
  },
];

/** One figure of the evaluation, for its workbook. */
export interface EvaluationFigure {
  /** The i18n-free measure key, e.g. `meetings.held`. */
  measure: string;
  detail: string;
  value: number | null;
}

/** The evaluation's figures as rows (its workbook, and the print view's tables). */
export function evaluationFigures(c: EvaluationContent): EvaluationFigure[] {
  return [
    { measure: "meetings.held", detail: "", value: c.meetings.held },
    { measure: "meetings.minimum", detail: "", value: c.meetings.minimum },
    { measure: "decisions.count", detail: "", value: c.decisions.count },
    { measure: "decisions.medianDays", detail: "", value: c.decisions.toDecision.medianDays },
    { measure: "decisions.meanDays", detail: "", value: c.decisions.toDecision.meanDays },
    ...c.turnout.map((t) => ({ measure: "turnout.voted", detail: t.title, value: t.voted })),
    ...c.turnout.map((t) => ({ measure: "turnout.voters", detail: t.title, value: t.voters })),
    ...c.phases.now.map((p) => ({ measure: "phases.now", detail: p.phase, value: p.count })),
    ...c.phases.moves.map((m) => ({
      measure: "phases.moves",
      detail: `${m.from ?? ""} → ${m.to}`,
      value: m.count,
    })),
    { measure: "benefits.planned", detail: "", value: c.benefits.planned },
    { measure: "benefits.realized", detail: "", value: c.benefits.realized },
    { measure: "steeringGroups.avoided", detail: "", value: c.steeringGroups.avoided },
    { measure: "steeringGroups.shortened", detail: "", value: c.steeringGroups.shortened },
    { measure: "steeringGroups.standalone", detail: "", value: c.steeringGroups.standalone },
    ...c.funding.byState.map((f) => ({
      measure: "funding.state",
      detail: f.state,
      value: f.count,
    })),
    { measure: "funding.approvedAmount", detail: "", value: c.funding.approvedAmount },
    ...c.workload.map((w) => ({ measure: "workload.items", detail: w.month, value: w.items })),
  ];
}

export const EVALUATION_COLUMNS: readonly ExportColumn<EvaluationFigure>[] = [
  { key: "measure", title: { da: "Mål", en: "Measure" }, kind: "text", value: (r) => r.measure },
  { key: "detail", title: { da: "Detalje", en: "Detail" }, kind: "text", value: (r) => r.detail },
  { key: "value", title: { da: "Værdi", en: "Value" }, kind: "decimal", value: (r) => r.value },
];
