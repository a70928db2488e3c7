/**
 * Status reports (issue 4 §5) through the ports: the page's data (the owner's ongoing
 * initiatives with this period's report and the earlier ones; for the secretary and chair, who
 * has not reported), saving a draft, publishing (a frozen snapshot, then the initiative's
 * LatestStatus), and reminder mails through Graph.
 *
 * One report per initiative and period is the store's rule (a unique ReportKey, so a second
 * add is a `Conflict`); a stale version is a `Conflict` too. Both come back as
 * `changedElsewhere` with the stored report, so the page can show it instead of overwriting it.
 */
import type { StatusReport, StatusReportDraft } from "../domain/benefits.js";
import type { Clock } from "../domain/clock.js";
import { err, ok, type Person, type Result } from "../domain/common.js";
import { isStoreError } from "../domain/errors.js";
import type { InitiativeId } from "../domain/ids.js";
import type { Initiative } from "../domain/portfolio.js";
import { hasRole, type Me } from "../domain/roles.js";
import {
  comparePeriodKeys,
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
import type { CurrentUser } from "../ports/current-user.js";
import type { Mailer } from "../ports/mail.js";
import type { InitiativeSlice, Repositories } from "../ports/repositories.js";

export interface StatusReportPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
}

/** The initiative properties the page shows (a narrow read of the ongoing initiatives). */
export const STATUS_INITIATIVE_FIELDS = [
  "title",
  "phase",
  "owner",
  "projectLead",
  "latestStatus",
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

/** Everything the status page shows, read through the ports. */
export async function loadStatusPage(ports: StatusReportPorts): Promise<StatusPage> {
  const r = ports.repositories;
  const now = ports.clock.now();
  const [me, settings, initiatives] = await Promise.all([
    ports.currentUser.me(),
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
  const [ownReports, recentReports] = await Promise.all([
    mine.length > 0
      ? r.statusReports.list({ where: { initiative: mine.map((i) => i.id) } })
      : Promise.resolve([]),
    followsUp ? r.statusReports.list({ where: { period: lookBack } }) : Promise.resolve([]),
  ]);

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
  /** The initiative as the page shows it (who owns and leads it decides who may report). */
  initiative: Pick<Initiative, "id" | "title" | "owner" | "projectLead">;
  period: ReportingPeriod;
  form: StatusReportForm;
  /** The stored report the form was opened on (its version guards the write), or null. */
  report: StatusReport | null;
}

async function storedByKey(r: Repositories, reportKey: string): Promise<StatusReport | null> {
  const found = await r.statusReports.list({ where: { reportKey } });
  return found[0] ?? null;
}

/**
 * Writes the report (new, or over the version it was read at); a Conflict is answered with the
 * stored report. `changes` are the fields written besides the form's (e.g. the publication).
 */
async function writeReport(
  r: Repositories,
  request: StatusReportRequest,
  draft: StatusReportDraft,
): Promise<Result<StatusReport, SaveRefusal>> {
  const { report } = request;
  try {
    if (report === null) return ok(await r.statusReports.add(draft));
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
        ? await storedByKey(r, draft.reportKey)
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
  return writeReport(ports.repositories, request, draft.value);
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
  const [me, initiative, budgetLines, benefits, published] = await Promise.all([
    ports.currentUser.me(),
    r.initiatives.get(id),
    r.budgetLines.list({ where: { initiative: id } }),
    r.benefits.list({ where: { initiative: id } }),
    r.statusReports.list({ where: { initiative: id, state: "Publiceret" } }),
  ]);
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
  const written = await writeReport(r, request, { ...draft.value, ...decided.value.patch });
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
