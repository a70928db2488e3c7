/**
 * Rapporter through the ports: the page (who may make reports, the history of reports sent),
 * the Direktørforum report built from the checked portfolio, saved as a snapshot, mailed with
 * its workbook attached and followed by Chefforum's orientation (exactly once per report), and
 * the year-one evaluation, saved and mailed the same way.
 *
 * Refusals are coded problems (`Outcome`): not allowed, no or a bad Direktørforum address, no
 * ongoing initiative, a mail over Graph's size limit. A failed call of a port rejects with its
 * `StoreError`; a snapshot half-written is removed again.
 */
import type { Clock } from "../domain/clock.js";
import { err, ok } from "../domain/common.js";
import type { ChannelMessageId } from "../domain/communication.js";
import { minMeetingsPerYear } from "../domain/dashboard.js";
import type { PortfolioReportId } from "../domain/ids.js";
import type { Irregularity } from "../domain/irregularities.js";
import { type Outcome, problem, refuse } from "../domain/problems.js";
import {
  assembleReports,
  buildEvaluation,
  buildPortfolioReport,
  calendarYearOf,
  checkDirectorsAddress,
  checkMailSize,
  checkSections,
  chefforumSummary,
  directorsMail,
  EVALUATION_COLUMNS,
  type EvaluationContent,
  evaluationFigures,
  evaluationMail,
  type EvaluationSection,
  mayMakeReports,
  parseLargerThreshold,
  PORTFOLIO_REPORT_COLUMNS,
  type PortfolioReportContent,
  type PortfolioReportItem,
  type ReportContent,
  reportDrafts,
  type ReportKind,
  type ReportRule,
  type StoredReport,
} from "../domain/reports.js";
import type { Me, Roster } from "../domain/roles.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { ChannelPoster } from "../ports/channel.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { SpreadsheetFiles } from "../ports/files.js";
import type { Mailer } from "../ports/mail.js";
import type { Repositories } from "../ports/repositories.js";
import { loadPortfolioCheck, loadRoster } from "./portfolio-audit.js";

export interface ReportPorts {
  repositories: Repositories;
  people: SitePeople;
  currentUser: CurrentUser;
  clock: Clock;
}

export interface ReportSendPorts extends ReportPorts {
  mailer: Mailer;
  channel: ChannelPoster;
  files: Pick<SpreadsheetFiles, "writeWorkbook">;
}

/** The .xlsx MIME type. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** How many of Chefforum's channel's newest messages are searched for an orientation already posted. */
export const RECENT_CHANNEL_MESSAGES = 50;

async function settings(repositories: Repositories, keys: readonly string[]) {
  const found = await repositories.settings.list({ where: { key: [...keys] } });
  return new Map(found.map((s) => [s.key, s.value.trim()]));
}

// ---------------------------------------------------------------- the page

export interface ReportsPage {
  me: Me;
  mayMake: boolean;
  /** Every report saved, newest first, with who made it (Author) and when it was sent. */
  reports: StoredReport[];
  /** Report items not counted (shown to the chair and the secretary). */
  irregular: Irregularity<ReportRule>[];
  /** The Direktørforum address as set, and whether it is one. */
  address: Outcome<string>;
  largerThreshold: number;
}

export async function loadReportsPage(ports: ReportPorts): Promise<ReportsPage> {
  const [me, roster, items, values] = await Promise.all([
    ports.currentUser.me(),
    loadRoster(ports.people),
    ports.repositories.portfolioReports.list(),
    settings(ports.repositories, [
      SETTING_KEYS.direktoerforumAddress,
      SETTING_KEYS.largerProjectThreshold,
    ]),
  ]);
  const { reports, irregular } = assembleReports(items, roster);
  const mayMake = mayMakeReports(me);
  return {
    me,
    mayMake,
    reports,
    irregular: mayMake ? irregular : [],
    address: checkDirectorsAddress(values.get(SETTING_KEYS.direktoerforumAddress)),
    largerThreshold: parseLargerThreshold(values.get(SETTING_KEYS.largerProjectThreshold)),
  };
}

// ---------------------------------------------------------------- building

async function storedReports(ports: ReportPorts, roster?: Roster) {
  const [r, items] = await Promise.all([
    roster ?? loadRoster(ports.people),
    ports.repositories.portfolioReports.list(),
  ]);
  return assembleReports(items, r).reports;
}

/**
 * The Direktørforum report as it would be sent now: the checked portfolio (valid phases,
 * budget lines, published status reports and measurements), the budget frames, the benefits
 * and the decisions; "since the last report" from the newest Direktørforum report saved.
 */
export async function previewPortfolioReport(
  ports: ReportPorts,
): Promise<Outcome<PortfolioReportContent>> {
  const r = ports.repositories;
  const [check, initiatives, frames, benefits, decisions, previous, values] = await Promise.all([
    loadPortfolioCheck(ports),
    r.initiatives.list({ fields: ["title", "phase", "created"] }),
    r.budgetFrames.list(),
    r.benefits.list(),
    r.decisions.list(),
    storedReports(ports),
    settings(r, [SETTING_KEYS.largerProjectThreshold]),
  ]);
  const last = previous.find((p) => p.header.kind === "Direktørforum" && p.header.sentAt);
  return buildPortfolioReport({
    initiatives: initiatives.map((i) => ({
      id: i.id,
      title: i.title,
      phase: check.gates.get(i.id)?.valid.phase ?? i.phase,
      created: i.created,
    })),
    phaseRecords: [...check.gates.values()].flatMap((g) => g.records),
    statusReports: check.statusReports,
    budgetLines: check.budgetLines,
    frames,
    benefits,
    measurements: check.benefitMeasurements,
    decisions,
    since: last ? last.content.until : null,
    largerThreshold: parseLargerThreshold(values.get(SETTING_KEYS.largerProjectThreshold)),
    now: ports.clock.now(),
  });
}

/** The evaluation of a year as it would be saved now, with the committee's sections. */
export async function previewEvaluation(
  ports: ReportPorts,
  input: { year?: number; sections: readonly EvaluationSection[] },
): Promise<Outcome<EvaluationContent>> {
  const sectionProblems = checkSections(input.sections);
  if (sectionProblems[0]) return err(sectionProblems[0]);
  const r = ports.repositories;
  const now = ports.clock.now();
  const [
    check,
    roster,
    initiatives,
    meetings,
    decisions,
    rounds,
    benefits,
    proposals,
    agendaItems,
    allSettings,
  ] = await Promise.all([
    loadPortfolioCheck(ports),
    loadRoster(ports.people),
    r.initiatives.list({
      fields: [
        "title",
        "phase",
        "created",
        "createdBy",
        "governance",
        "standaloneGroupFrom",
        "standaloneGroupTo",
      ],
    }),
    r.meetings.list(),
    r.decisions.list(),
    r.rounds.list(),
    r.benefits.list(),
    r.fundingProposals.list(),
    r.agendaItems.list(),
    r.settings.list(),
  ]);
  const phaseRecords = [...check.gates.values()].flatMap((g) => g.records);
  return ok(
    buildEvaluation({
      year: input.year ?? calendarYearOf(now),
      now,
      minMeetings: minMeetingsPerYear(allSettings),
      meetings,
      decisions,
      phaseRecords,
      initiatives: initiatives.map((i) => ({
        ...i,
        phase: check.gates.get(i.id)?.valid.phase ?? i.phase,
      })),
      rounds,
      benefits,
      measurements: check.benefitMeasurements,
      fundingProposals: proposals,
      workItems: [
        ...initiatives,
        ...meetings,
        ...decisions,
        ...agendaItems,
        ...phaseRecords,
        ...proposals,
        ...rounds,
      ],
      roster,
      sections: input.sections,
    }),
  );
}

/** The report's workbook (.xlsx) in the language given. */
export async function reportWorkbook(
  files: Pick<SpreadsheetFiles, "writeWorkbook">,
  content: ReportContent,
  language: "da" | "en",
): Promise<ArrayBuffer> {
  return content.kind === "portfolio"
    ? files.writeWorkbook(content.initiatives, PORTFOLIO_REPORT_COLUMNS, language, {
        sheetName: language === "da" ? "Porteføljeplan" : "Portfolio plan",
      })
    : files.writeWorkbook(evaluationFigures(content), EVALUATION_COLUMNS, language, {
        sheetName: language === "da" ? "Evaluering" : "Evaluation",
      });
}

/** The workbook's file name. */
export function reportFileName(content: ReportContent): string {
  const day = content.until.slice(0, 10);
  return content.kind === "portfolio"
    ? `porteføljeplan-${day}.xlsx`
    : `evaluering-${content.year}.xlsx`;
}

// ---------------------------------------------------------------- sending

export interface SentReport {
  report: PortfolioReportItem;
  /** The Chefforum orientation: posted now, found posted before, none to post, or failed. */
  chefforum: ChefforumOutcome;
}

export type ChefforumOutcome =
  | { kind: "posted" | "alreadyPosted"; messageId: string }
  | { kind: "nothingToPost" | "noChannel" | "notApplicable" }
  | { kind: "failed"; error: unknown };

/**
 * Saves the report as a snapshot, mails it to Direktørforum with its workbook attached, marks
 * it sent and (for the Direktørforum report) orients Chefforum. Checks first, writes after:
 * nothing is saved when the user may not, the address is not one, the report is empty or the
 * mail would be over Graph's size limit. A snapshot whose later parts fail is removed again.
 * When the mail fails, the snapshot stays saved and unsent (`resendReport` sends it).
 */
export async function sendReport(
  ports: ReportSendPorts,
  input:
    | { kind: "Direktørforum"; link: string }
    | { kind: "Evaluering"; link: string; year?: number; sections: readonly EvaluationSection[] },
): Promise<Outcome<SentReport>> {
  const me = await ports.currentUser.me();
  if (!mayMakeReports(me)) return refuse("reports.problem.notPermitted");
  const values = await settings(ports.repositories, [SETTING_KEYS.direktoerforumAddress]);
  const address = checkDirectorsAddress(values.get(SETTING_KEYS.direktoerforumAddress));
  if (!address.ok) return address;
  const built =
    input.kind === "Direktørforum"
      ? await previewPortfolioReport(ports)
      : await previewEvaluation(ports, input);
  if (!built.ok) return built;
  const content = built.value;
  const prepared = await prepareMail(ports, content, {
    to: address.value,
    link: input.link,
    senderName: me.person.name,
  });
  if (!prepared.ok) return prepared;

  const title =
    content.kind === "portfolio"
      ? `Porteføljeplan til Direktørforum ${content.until.slice(0, 10)}`
      : `Evaluering ${content.year}`;
  const report = await saveSnapshot(ports.repositories, input.kind, title, address.value, content);
  return finishSending(ports, report, content, prepared.value, input.link);
}

/** Sends again a report saved but not sent (its snapshot as it was saved). */
export async function resendReport(
  ports: ReportSendPorts,
  input: { id: PortfolioReportId; link: string },
): Promise<Outcome<SentReport>> {
  const me = await ports.currentUser.me();
  if (!mayMakeReports(me)) return refuse("reports.problem.notPermitted");
  const stored = (await storedReports(ports)).find((r) => r.header.id === input.id);
  if (!stored) return refuse("reports.problem.notFound");
  if (stored.header.sentAt) {
    // Already sent: only Chefforum's orientation may be missing.
    return ok({
      report: stored.header,
      chefforum: await orientChefforum(ports, stored.header, stored.content, input.link),
    });
  }
  const values = await settings(ports.repositories, [SETTING_KEYS.direktoerforumAddress]);
  const address = checkDirectorsAddress(values.get(SETTING_KEYS.direktoerforumAddress));
  if (!address.ok) return address;
  const prepared = await prepareMail(ports, stored.content, {
    to: address.value,
    link: input.link,
    senderName: me.person.name,
  });
  if (!prepared.ok) return prepared;
  return finishSending(ports, stored.header, stored.content, prepared.value, input.link);
}

async function prepareMail(
  ports: ReportSendPorts,
  content: ReportContent,
  options: { to: string; link: string; senderName: string },
) {
  const bytes = new Uint8Array(await reportWorkbook(ports.files, content, "da"));
  const base =
    content.kind === "portfolio"
      ? directorsMail(content, options)
      : evaluationMail(content, options);
  const mail = {
    ...base,
    attachments: [{ name: reportFileName(content), contentType: XLSX_TYPE, bytes }],
  };
  const tooLarge = checkMailSize(mail);
  return tooLarge ? err(tooLarge) : ok(mail);
}

async function saveSnapshot(
  repositories: Repositories,
  kind: ReportKind,
  title: string,
  sentTo: string,
  content: ReportContent,
): Promise<PortfolioReportItem> {
  const [head, ...rest] = reportDrafts({ title, kind, until: content.until, sentTo }, content);
  const header = await repositories.portfolioReports.add(head!);
  if (rest.length === 0) return header;
  const parts = await repositories.portfolioReports.addMany(rest);
  const failed = parts.find((p) => !p.ok);
  if (failed && !failed.ok) {
    // Nothing half-written: remove what was written, then say why.
    await repositories.portfolioReports.removeMany([
      { id: header.id, version: header.version },
      ...parts.flatMap((p) => (p.ok ? [{ id: p.value.id, version: p.value.version }] : [])),
    ]);
    throw failed.error;
  }
  return header;
}

async function finishSending(
  ports: ReportSendPorts,
  header: PortfolioReportItem,
  content: ReportContent,
  mail: Parameters<Mailer["send"]>[0],
  link: string,
): Promise<Outcome<SentReport>> {
  await ports.mailer.send(mail);
  const sentAt = ports.clock.now().toISOString();
  const version = await ports.repositories.portfolioReports.update({
    ...header,
    sentAt,
    sentTo: mail.to.join(", "),
  });
  const sent = { ...header, sentAt, sentTo: mail.to.join(", "), version };
  const chefforum = await orientChefforum(ports, sent, content, link);
  return ok({
    report:
      chefforum.kind === "posted" || chefforum.kind === "alreadyPosted"
        ? { ...sent, chefforumMessageId: chefforum.messageId }
        : sent,
    chefforum,
  });
}

/**
 * Posts the report's orientation about larger projects to Chefforum's channel, exactly once:
 * a report that records its message is not posted again, and before posting the channel's
 * newest messages are searched for the report's subject (a post whose id was not recorded, e.g.
 * after a failed write, is found and recorded instead of posted twice). Never throws.
 */
export async function orientChefforum(
  ports: Pick<ReportSendPorts, "repositories" | "channel">,
  header: PortfolioReportItem,
  content: ReportContent,
  link: string,
): Promise<ChefforumOutcome> {
  if (content.kind !== "portfolio") return { kind: "notApplicable" };
  if (header.chefforumMessageId) {
    return { kind: "alreadyPosted", messageId: header.chefforumMessageId };
  }
  const summary = chefforumSummary(content, header.reportKey, link);
  if (!summary) return { kind: "nothingToPost" };
  try {
    const values = await settings(ports.repositories, [
      SETTING_KEYS.chefforumTeamId,
      SETTING_KEYS.chefforumChannelId,
    ]);
    const teamId = values.get(SETTING_KEYS.chefforumTeamId);
    const channelId = values.get(SETTING_KEYS.chefforumChannelId);
    if (!teamId || !channelId) return { kind: "noChannel" };
    const address = { teamId, channelId };
    const recent = await ports.channel.list(address, RECENT_CHANNEL_MESSAGES);
    const found = recent.find((m) => m.subject === summary.subject);
    const messageId: ChannelMessageId = found
      ? found.id
      : (await ports.channel.post(address, { subject: summary.subject, html: summary.html })).id;
    const current = await ports.repositories.portfolioReports.get(header.id);
    await ports.repositories.portfolioReports.update({ ...current, chefforumMessageId: messageId });
    return { kind: found ? "alreadyPosted" : "posted", messageId };
  } catch (error) {
    return { kind: "failed", error };
  }
}

/** A problem as the page shows it when a report refuses (for tests and the UI's words). */
export const REPORT_PROBLEMS = [
  problem("reports.problem.notPermitted").code,
  problem("reports.problem.noAddress").code,
  problem("reports.problem.badAddress").code,
  problem("reports.problem.noOngoing").code,
  problem("reports.problem.attachmentTooLarge").code,
  problem("reports.problem.notFound").code,
  problem("reports.problem.sectionHeading").code,
] as const;
