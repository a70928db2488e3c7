/**
 * Status reports (issue 4 §5) through the ports: the page's data (the owner's ongoing
 * initiatives with this period's report and the earlier ones; for the secretary and chair, who
 * has not reported), saving a draft, publishing (a frozen snapshot, then the initiative's
 * LatestStatus), and reminder mails through Graph.
 *
 * Every report is checked when read (`checkStatusReports`: written by someone who may report
 * for the initiative, valid by the rules it is saved with); which report is a period's is
 * decided from the server's facts (`currentReports`), so a report in someone else's name counts
 * for nothing and blocks no one. The initiatives' phases are the valid ones (`replayGates`).
 * A period's report that appeared since the page was read, or a stale version (`Conflict`),
 * comes back as `changedElsewhere` with the stored report, so the page can show it instead of
 * overwriting it.
 */
import type { StatusReport, StatusReportDraft } from "../domain/benefits.js";
import type { Clock } from "../domain/clock.js";
import { err, ok, type Person, type Result } from "../domain/common.js";
import { isStoreError } from "../domain/errors.js";
import type { InitiativeId } from "../domain/ids.js";
import { replayGates, withValidGates } from "../domain/lifecycle.js";
import { checkBudgetLines, type Initiative } from "../domain/portfolio.js";
import { checkGates } from "../domain/portfolio-trust.js";
import { hasRole, type Me, type Roster } from "../domain/roles.js";
import {
  checkStatusReports,
  comparePeriodKeys,
  currentReports,
  deadlineOf,
  isEditable,
  laggingLatestStatus,
  latestPublishedByInitiative,
  mayReport,
  type MissingReport,
  missingReports,
  ONGOING_PHASES,
  parseGranularity,
  type PeriodGranularity,
  periodOf,
  type PublishRefusal,
  publishStatusReport,
  reminderMail,
  type ReminderRecipient,
  type ReportingPeriod,
  shiftPeriod,
  snapshotOf,
  STATUS_REPORT_SETTING_KEYS,
  statusReportDraftOf,
  type StatusReportForm,
} from "../domain/status-reports.js";
import type { FieldProblem } from "../domain/validation.js";
import type { Rag } from "../domain/vocabulary.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Mailer } from "../ports/mail.js";
import type { InitiativeSlice, Repositories } from "../ports/repositories.js";
import { loadRoster } from "./portfolio-audit.js";

export interface StatusReportPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  /** The site groups, for who may report (the roster). */
  people: SitePeople;
  clock: Clock;
}

/**
 * The initiative properties the page reads (a narrow read of the ongoing initiatives): what it
 * shows, and what the checks need (the gates with the last editor, the author).
 */
export const STATUS_INITIATIVE_FIELDS = [
  "title",
  "phase",
  "owner",
  "projectLead",
  "latestStatus",
  "createdBy",
  "modifiedBy",
  "priority",
  "priorityScore",
  "mandatory",
] as const;
export type StatusInitiative = InitiativeSlice<(typeof STATUS_INITIATIVE_FIELDS)[number]>;

export interface OwnInitiative {
  initiative: StatusInitiative;
  /** This period's report, draft or published; null when none is written yet. */
  current: StatusReport | null;
  /** Reports of earlier periods, newest first (shown read-only). */
  earlier: StatusReport[];
}

export interface MissingRow extends MissingReport {
  owner: Person | null;
  projectLead: Person | null;
  /** The newest published report within the look-back (a year), or null. */
  lastReport: StatusReport | null;
}

export interface StatusPage {
  me: Me;
  granularity: PeriodGranularity;
  period: ReportingPeriod;
  /** `YYYY-MM-DD` the current period's reports are due, when the setting gives one. */
  deadline: string | null;
  /** Ongoing initiatives the person owns or leads. */
  own: OwnInitiative[];
  /** Who has not reported this period: for the secretary, the chair and site owners; else null. */
  missing: MissingRow[] | null;
  /**
   * Initiatives whose LatestStatus was behind their newest published report and was brought up
   * to date by this load (only for those who follow up: they may write every initiative).
   */
  latestStatusSynced: number;
}

/** Whether the person follows up on everyone's reports (the secretary's list). */
export function followsUpReports(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair") || hasRole(me, "owner");
}

function isMine(i: Pick<Initiative, "owner" | "projectLead">, me: Me): boolean {
  return i.owner?.id === me.person.id || i.projectLead?.id === me.person.id;
}

/**
 * The reports that count, by initiative: checked against the initiatives given (a report of
 * an initiative not among them does not count here) and each period's current one chosen.
 */
function countedReports(
  reports: readonly StatusReport[],
  initiatives: readonly StatusInitiative[],
  roster: Roster,
): StatusReport[] {
  const byId = new Map<number, StatusInitiative>(initiatives.map((i) => [i.id, i]));
  return currentReports(checkStatusReports(reports, byId, roster).valid);
}

/** Everything the status page shows, read through the ports. */
export async function loadStatusPage(ports: StatusReportPorts): Promise<StatusPage> {
  const r = ports.repositories;
  const now = ports.clock.now();
  const [me, roster, settings, stored] = await Promise.all([
    ports.currentUser.me(),
    loadRoster(ports.people),
    r.settings.list({
      where: {
        key: [
          STATUS_REPORT_SETTING_KEYS.granularity,
          STATUS_REPORT_SETTING_KEYS.deadlineDaysBeforeEnd,
        ],
      },
    }),
    r.initiatives.list({
      where: { phase: ONGOING_PHASES },
      fields: STATUS_INITIATIVE_FIELDS,
      orderBy: [{ field: "title" }],
    }),
  ]);
  // The phase filter above is the stored one; the valid phase (the recorded changes) decides.
  const records =
    stored.length > 0
      ? await r.phaseChanges.list({ where: { initiative: stored.map((i) => i.id) } })
      : [];
  const { gates } = checkGates(stored, records, roster);
  const initiatives = stored.flatMap((i) => {
    const replay = gates.get(i.id);
    const checked = replay ? withValidGates(i, replay) : i;
    return ONGOING_PHASES.includes(checked.phase) ? [checked] : [];
  });
  const setting = (key: string) => settings.find((s) => s.key === key)?.value ?? null;
  const granularity = parseGranularity(setting(STATUS_REPORT_SETTING_KEYS.granularity));
  const period = periodOf(now, granularity);
  const deadline = deadlineOf(period, setting(STATUS_REPORT_SETTING_KEYS.deadlineDaysBeforeEnd));
  const mine = initiatives.filter((i) => isMine(i, me));
  const followsUp = followsUpReports(me);

  // The owner's own history (all periods), and for follow-up this period and a year back.
  const lookBack = Array.from({ length: granularity === "quarter" ? 4 : 12 }, (_, k) =>
    shiftPeriod(period, -k),
  ).map((p) => p.key);
  const [ownRead, recentRead] = await Promise.all([
    mine.length > 0
      ? r.statusReports.list({ where: { initiative: mine.map((i) => i.id) } })
      : Promise.resolve([]),
    followsUp ? r.statusReports.list({ where: { period: lookBack } }) : Promise.resolve([]),
  ]);
  const ownReports = countedReports(ownRead, mine, roster);
  const recentReports = countedReports(recentRead, initiatives, roster);

  const own = mine.map((initiative) => {
    const reports = ownReports.filter((x) => x.initiative?.id === initiative.id);
    return {
      initiative,
      current: reports.find((x) => x.period === period.key) ?? null,
      earlier: reports
        .filter((x) => comparePeriodKeys(x.period, period.key) < 0)
        .sort((a, b) => comparePeriodKeys(b.period, a.period)),
    };
  });

  let missing: MissingRow[] | null = null;
  let latestStatusSynced = 0;
  if (followsUp) {
    // An owner who did not create the initiative cannot write its LatestStatus when publishing
    // (the list's item-level write security); whoever follows up can, so it is done here.
    for (const lag of laggingLatestStatus(initiatives, recentReports)) {
      const outcome = await updateLatestStatus(r, lag.id, lag.rag);
      if (outcome.kind === "updated") latestStatusSynced += 1;
    }
    const byId = new Map<InitiativeId, StatusInitiative>(initiatives.map((i) => [i.id, i]));
    const latest = latestPublishedByInitiative(recentReports);
    missing = missingReports(initiatives, recentReports, now, granularity).missing.map((m) => ({
      ...m,
      owner: byId.get(m.initiative.id)?.owner ?? null,
      projectLead: byId.get(m.initiative.id)?.projectLead ?? null,
      lastReport: latest.get(m.initiative.id) ?? null,
    }));
  }
  return { me, granularity, period, deadline, own, missing, latestStatusSynced };
}

// ---------------------------------------------------------------- saving and publishing

export type SaveRefusal =
  | { kind: "invalid"; problems: FieldProblem[] }
  | { kind: "notPermitted" }
  /** The report is published: frozen, nothing was written. */
  | { kind: "published"; latest: StatusReport }
  /**
   * Someone else (another tab) created or changed this period's report first: nothing was
   * written; `latest` is the stored report to show instead.
   */
  | { kind: "changedElsewhere"; latest: StatusReport };

export interface StatusReportRequest {
  /**
   * The initiative as the page shows it (who owns, leads and wrote it decides who may report).
   */
  initiative: Pick<Initiative, "id" | "title" | "owner" | "projectLead"> &
    Partial<Pick<Initiative, "createdBy">>;
  period: ReportingPeriod;
  form: StatusReportForm;
  /** The stored report the form was opened on (its version guards the write), or null. */
  report: StatusReport | null;
}

/** The period's report that counts for the initiative now, or null. */
async function currentByKey(
  ports: StatusReportPorts,
  initiative: StatusReportRequest["initiative"],
  reportKey: string,
): Promise<StatusReport | null> {
  const [found, roster] = await Promise.all([
    ports.repositories.statusReports.list({ where: { reportKey } }),
    loadRoster(ports.people),
  ]);
  const self = new Map([[initiative.id, { createdBy: null, ...initiative }]]);
  return currentReports(checkStatusReports(found, self, roster).valid)[0] ?? null;
}

/**
 * Writes the report (new, or over the version it was read at); a Conflict is answered with the
 * stored report. A new report is not written when the period already has one that counts
 * (another tab wrote it since the page was read): that one is answered instead. The key is no
 * unique column, so two tabs writing at the very same moment both succeed; the one created
 * last is then the period's report.
 */
async function writeReport(
  ports: StatusReportPorts,
  request: StatusReportRequest,
  draft: StatusReportDraft,
): Promise<Result<StatusReport, SaveRefusal>> {
  const r = ports.repositories;
  const { report } = request;
  try {
    if (report === null) {
      const latest = await currentByKey(ports, request.initiative, draft.reportKey);
      if (latest !== null) return err({ kind: "changedElsewhere", latest });
      return ok(await r.statusReports.add(draft));
    }
    const version = await r.statusReports.update({
      ...draft,
      id: report.id,
      version: report.version,
    });
    return ok({ ...report, ...draft, version });
  } catch (error) {
    if (!isStoreError(error, "Conflict")) throw error;
    const latest =
      report === null
        ? await currentByKey(ports, request.initiative, draft.reportKey)
        : await r.statusReports.get(report.id);
    if (latest === null) throw error;
    return err({ kind: "changedElsewhere", latest });
  }
}

/** Saves the form as a draft (state Kladde). */
export async function saveStatusReportDraft(
  ports: StatusReportPorts,
  request: StatusReportRequest,
): Promise<Result<StatusReport, SaveRefusal>> {
  const me = await ports.currentUser.me();
  if (!mayReport(request.initiative, me)) return err({ kind: "notPermitted" });
  if (request.report && !isEditable(request.report)) {
    return err({ kind: "published", latest: request.report });
  }
  const draft = statusReportDraftOf(request.initiative, request.period, request.form);
  if (!draft.ok) return err({ kind: "invalid", problems: draft.error });
  return writeReport(ports, request, draft.value);
}

/** How the initiative's LatestStatus fared after a publication. */
export type LatestStatusOutcome =
  | { kind: "updated"; rag: Rag }
  /** Already that colour, or the report is for an older period than the newest published. */
  | { kind: "unchanged" }
  /** The report is published; the initiative could not be updated (e.g. `Forbidden`). */
  | { kind: "failed"; rag: Rag; error: unknown };

export interface Published {
  report: StatusReport;
  latestStatus: LatestStatusOutcome;
}

export type PublishFailure = SaveRefusal | { kind: "refused"; refusal: PublishRefusal };

/**
 * Sets the initiative's LatestStatus with the version just read. Only that field changes, so a
 * Conflict (someone saved the initiative in between) is retried once on a fresh read.
 */
async function updateLatestStatus(
  r: Repositories,
  id: InitiativeId,
  rag: Rag,
): Promise<LatestStatusOutcome> {
  try {
    for (let attempt = 0; ; attempt++) {
      const initiative = await r.initiatives.get(id);
      if (initiative.latestStatus === rag) return { kind: "unchanged" };
      try {
        await r.initiatives.update({ ...initiative, latestStatus: rag });
        return { kind: "updated", rag };
      } catch (error) {
        if (attempt > 0 || !isStoreError(error, "Conflict")) throw error;
      }
    }
  } catch (error) {
    return { kind: "failed", rag, error };
  }
}

/**
 * Publishes this period's report from the form: the domain checks it is complete and the
 * person may publish; the snapshot freezes the initiative's phase, budget and benefits; then
 * the report is written as published (with its version) and the initiative's LatestStatus set.
 * Nothing is written when the report is incomplete.
 */
export async function publishStatusReportFromForm(
  ports: StatusReportPorts,
  request: StatusReportRequest,
): Promise<Result<Published, PublishFailure>> {
  const r = ports.repositories;
  const id = request.initiative.id;
  if (request.report && !isEditable(request.report)) {
    return err({ kind: "published", latest: request.report });
  }
  const draft = statusReportDraftOf(request.initiative, request.period, request.form);
  if (!draft.ok) return err({ kind: "invalid", problems: draft.error });
  const [me, roster, stored, records, budgetRead, benefits, publishedRead] = await Promise.all([
    ports.currentUser.me(),
    loadRoster(ports.people),
    r.initiatives.get(id),
    r.phaseChanges.list({ where: { initiative: id } }),
    r.budgetLines.list({ where: { initiative: id } }),
    r.benefits.list({ where: { initiative: id } }),
    r.statusReports.list({ where: { initiative: id, state: "Publiceret" } }),
  ]);
  // The snapshot freezes what the committee counts: the valid phase and budget lines.
  const initiative = withValidGates(stored, replayGates(stored, records, roster));
  const self = new Map([[id, stored]]);
  const budgetLines = checkBudgetLines(budgetRead, self, roster).valid;
  const published = currentReports(checkStatusReports(publishedRead, self, roster).valid);
  const newest = latestPublishedByInitiative(published).get(id)?.period ?? null;
  const decided = publishStatusReport(
    draft.value,
    initiative,
    snapshotOf(initiative, budgetLines, benefits, ports.clock),
    me,
    ports.clock,
    newest,
  );
  if (!decided.ok) return err({ kind: "refused", refusal: decided.error });
  const written = await writeReport(ports, request, { ...draft.value, ...decided.value.patch });
  if (!written.ok) return written;
  const rag = decided.value.latestStatus;
  const latestStatus: LatestStatusOutcome =
    rag === null ? { kind: "unchanged" } : await updateLatestStatus(r, id, rag);
  return ok({ report: written.value, latestStatus });
}

// ---------------------------------------------------------------- reminders

export interface ReminderRequest {
  recipients: readonly ReminderRecipient[];
  period: ReportingPeriod;
  deadline: string | null;
  /** The tab's status page (an absolute http(s) address). */
  link: string;
  senderName: string;
}

export interface ReminderOutcome {
  sent: ReminderRecipient[];
  /** Not sent (e.g. Graph `Throttled` after its retries, or `Unavailable`): send these again. */
  failed: { recipient: ReminderRecipient; error: unknown }[];
}

/**
 * One mail per person, one after the other (kinder to Graph's throttling than a burst). A
 * failure does not stop the others; only what Graph accepted is reported as sent.
 */
export async function sendStatusReminders(
  ports: { mailer: Mailer },
  request: ReminderRequest,
): Promise<ReminderOutcome> {
  const outcome: ReminderOutcome = { sent: [], failed: [] };
  for (const recipient of request.recipients) {
    try {
      await ports.mailer.send(
        reminderMail(recipient, request.period, {
          deadline: request.deadline,
          link: request.link,
          senderName: request.senderName,
        }),
      );
      outcome.sent.push(recipient);
    } catch (error) {
      outcome.failed.push({ recipient, error });
    }
  }
  return outcome;
}
