/**
 * The year's meeting plan (issue 6 §1) and the decision log (§3): pure rules, no IO.
 *
 * - Series: the secretary plans a quarterly series ("the first Tuesday of each quarter") or a
 *   start date repeated every n months, or single dates; each with a local start time (Danish
 *   wall clock, DST-correct), a duration and a place. `previewPlan` turns the form into the
 *   meetings that would be created, with problems per date, before anything is written.
 * - One list item per occurrence, each with its own single Graph event (not a Graph series):
 *   every meeting has its own agenda, minutes and state, and moving or cancelling one meeting
 *   must not touch the others. A Graph series would make each move an "exception" of the
 *   series and tie the list items to occurrence ids that change when the series is edited.
 *   The retry-safe create uses `meetingIdempotencyKey(item)` (`digistyr-meeting-<id>-<created>`)
 *   as Graph's transactionId.
 * - The minimum per year (Settings `meetings.minPerYear`, default 4): planned or held
 *   meetings of the year count, cancelled ones do not.
 * - The decision log: decisions filtered and newest first; open actions per owner, overdue
 *   ones marked.
 */
import type { IsoDateTime, Person } from "./common.js";
import { DEFAULT_MIN_MEETINGS_PER_YEAR } from "./dashboard.js";
import type { Decision, FollowUpAction, Meeting, MeetingDraft } from "./meetings.js";
import { hasRole, type Me } from "./roles.js";
import { link, markup, type SafeHtml } from "./safe-html.js";
import { copenhagenOffsetHours } from "./status-reports.js";
import type { Setting } from "./strategy.js";
import { SETTING_KEYS } from "./strategy.js";
import type { ActionState, Forum, MeetingKind, MeetingState } from "./vocabulary.js";

/** The committee's zone: every wall-clock time in the plan is Danish time. */
export const MEETING_TIME_ZONE = "Europe/Copenhagen";

const HOUR_MS = 3_600_000;

export const DURATION_MIN = 15;
export const DURATION_MAX = 480;
/** The most meetings one plan may create (three years of monthly meetings). */
export const PLAN_MAX = 36;

const MONTHS_DA = [
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
];

// ---------------------------------------------------------------- Danish wall clock

/** A calendar date `yyyy-mm-dd` (no time, no zone). */
export type LocalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseDate(d: LocalDate): { y: number; m: number; day: number } | null {
  const m = DATE_RE.exec(d);
  if (!m) return null;
  const y = Number(m[1]);
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  const check = new Date(Date.UTC(y, month, day));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== month || check.getUTCDate() !== day)
    return null;
  return { y, m: month, day };
}

export function isLocalDate(d: string): boolean {
  return parseDate(d) !== null;
}

export function isLocalTime(t: string): boolean {
  return TIME_RE.test(t);
}

const pad = (n: number) => String(n).padStart(2, "0");

function dateOf(y: number, m: number, day: number): LocalDate {
  const d = new Date(Date.UTC(y, m, day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The UTC instant of a Danish wall-clock time (`2026-03-31`, `09:00` → `2026-03-31T07:00:00.000Z`,
 * summer time). Times in the hour skipped when summer time starts are read as the hour after.
 */
export function copenhagenToUtc(date: LocalDate, time: string): IsoDateTime {
  const d = parseDate(date);
  const t = TIME_RE.exec(time);
  if (!d || !t) throw new RangeError(`Not a date and time: ${date} ${time}`);
  const wall = Date.UTC(d.y, d.m, d.day, Number(t[1]), Number(t[2]));
  // Try winter time (+1) first; keep it if the instant really is in winter time.
  for (const offset of [1, 2]) {
    const utc = wall - offset * HOUR_MS;
    if (copenhagenOffsetHours(new Date(utc)) === offset) return new Date(utc).toISOString();
  }
  // The skipped hour (02:00–03:00 on the last Sunday of March): one hour later in summer time.
  return new Date(wall - HOUR_MS).toISOString();
}

/** The Danish wall clock of an instant: its date, `HH:mm` and weekday (0 = Sunday). */
export function copenhagenWallClock(instant: IsoDateTime): {
  date: LocalDate;
  time: string;
  weekday: number;
  year: number;
} {
  const t = new Date(instant);
  const local = new Date(t.getTime() + copenhagenOffsetHours(t) * HOUR_MS);
  return {
    date: dateOf(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()),
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
    weekday: local.getUTCDay(),
    year: local.getUTCFullYear(),
  };
}

/** The year a meeting belongs to: the Danish calendar year of its start. */
export function meetingYear(m: Pick<MeetingDraft, "start">): number {
  return copenhagenWallClock(m.start).year;
}

/** The meeting's length in whole minutes. */
export function durationMinutesOf(m: Pick<MeetingDraft, "start" | "end">): number {
  return Math.round((Date.parse(m.end) - Date.parse(m.start)) / 60_000);
}

// ---------------------------------------------------------------- series

/** The nth given weekday of a month (nth 1–4), or its last one (nth 5). */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  weekday: number,
  nth: number,
): LocalDate {
  if (nth >= 5) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    const back = (last.getUTCDay() - weekday + 7) % 7;
    return dateOf(year, month, last.getUTCDate() - back);
  }
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return dateOf(year, month, 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7);
}

/**
 * `date` moved by whole months, the day of month kept, or the month's last day when the month
 * is shorter (31 January + 1 month = 28/29 February).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = parseDate(date);
  if (!d) throw new RangeError(`Not a date: ${date}`);
  const target = d.m + months;
  const lastDay = new Date(Date.UTC(d.y, target + 1, 0)).getUTCDate();
  return dateOf(d.y, target, Math.min(d.day, lastDay));
}

/** How the secretary picks the dates. */
export type PlanPattern =
  /** The nth weekday of a given month of each quarter of a year (e.g. first Tuesday of Jan/Apr/Jul/Oct). */
  | {
      kind: "quarterly";
      year: number;
      weekday: number;
      /** 1–4, or 5 for the last one. */
      nth: number;
      /** 0 = the quarter's first month, 1 = second, 2 = third. */
      monthInQuarter: number;
    }
  /** A start date, then every `everyMonths` months, `count` meetings in all. */
  | { kind: "interval"; firstDate: LocalDate; everyMonths: number; count: number }
  /** Single dates. */
  | { kind: "dates"; dates: LocalDate[] };

export interface PlanForm {
  pattern: PlanPattern;
  /** Danish local start time `HH:mm`. */
  startTime: string;
  durationMinutes: number;
  location: string;
  kind: MeetingKind;
}

/** The dates a pattern gives, in order (duplicates removed). */
export function datesOfPattern(p: PlanPattern): LocalDate[] {
  let dates: LocalDate[];
  if (p.kind === "quarterly") {
    dates = [0, 3, 6, 9].map((q) =>
      nthWeekdayOfMonth(p.year, q + p.monthInQuarter, p.weekday, p.nth),
    );
  } else if (p.kind === "interval") {
    if (!isLocalDate(p.firstDate)) return [];
    const n = Math.min(Math.max(0, Math.floor(p.count)), PLAN_MAX);
    dates = Array.from({ length: n }, (_, i) => addMonths(p.firstDate, i * p.everyMonths));
  } else {
    dates = p.dates.map((d) => d.trim()).filter((d) => d !== "");
  }
  return [...new Set(dates)].sort();
}

export type PlanProblem =
  | { kind: "invalidDate"; date: string }
  | { kind: "past" }
  | { kind: "clash"; with: { id: number; title: string } }
  | { kind: "weekend" };

export interface PlannedMeeting {
  date: LocalDate;
  draft: MeetingDraft;
  /** Problems that block creating this meeting (invalid, in the past, at the same time as another). */
  problems: PlanProblem[];
  /** Remarks that do not block (a weekend day). */
  warnings: PlanProblem[];
}

export type PlanFormProblem =
  "startTime" | "duration" | "location" | "pattern" | "noDates" | "tooMany";

export interface PlanPreview {
  /** Problems with the form itself; when any, `meetings` is empty. */
  formProblems: PlanFormProblem[];
  meetings: PlannedMeeting[];
  /** True when there is at least one meeting and none has a blocking problem. */
  canCreate: boolean;
}

/** The list item's title of a planned meeting: `Styregruppemøde 3. marts 2026`. */
export function meetingTitle(date: LocalDate, kind: MeetingKind): string {
  const d = parseDate(date);
  if (!d) return "Styregruppemøde";
  const name =
    kind === "Temamøde"
      ? "Temamøde"
      : kind === "Ekstraordinært møde"
        ? "Ekstraordinært styregruppemøde"
        : "Styregruppemøde";
  return `${name} ${danishDate(d)}`;
}

function danishDate(d: { day: number; m: number; y: number }): string {
  return `${d.day}. ${MONTHS_DA[d.m]} ${d.y}`;
}

/**
 * The title of a meeting moved from `oldStart` to `newStart`: the old Danish date in the title
 * (as `meetingTitle` writes it) becomes the new one, so the plan, the decision log, the minutes'
 * post and the scenario list never show the date the meeting no longer has. A title without the
 * old date is kept as it is.
 */
export function titleAfterMove(
  title: string,
  oldStart: IsoDateTime,
  newStart: IsoDateTime,
): string {
  const from = parseDate(copenhagenWallClock(oldStart).date);
  const to = parseDate(copenhagenWallClock(newStart).date);
  if (!from || !to) return title;
  const oldText = danishDate(from);
  return title.includes(oldText) ? title.replace(oldText, danishDate(to)) : title;
}

function formProblemsOf(form: PlanForm): PlanFormProblem[] {
  const out: PlanFormProblem[] = [];
  if (!isLocalTime(form.startTime)) out.push("startTime");
  if (
    !Number.isInteger(form.durationMinutes) ||
    form.durationMinutes < DURATION_MIN ||
    form.durationMinutes > DURATION_MAX
  )
    out.push("duration");
  if (form.location.length > 255) out.push("location");
  const p = form.pattern;
  if (
    (p.kind === "quarterly" &&
      (!Number.isInteger(p.year) ||
        p.year < 2000 ||
        p.year > 2100 ||
        p.weekday < 0 ||
        p.weekday > 6 ||
        p.nth < 1 ||
        p.nth > 5 ||
        p.monthInQuarter < 0 ||
        p.monthInQuarter > 2)) ||
    (p.kind === "interval" &&
      (!isLocalDate(p.firstDate) ||
        !Number.isInteger(p.everyMonths) ||
        p.everyMonths < 1 ||
        p.everyMonths > 12 ||
        !Number.isInteger(p.count) ||
        p.count < 1))
  )
    out.push("pattern");
  if (p.kind === "interval" && p.count > PLAN_MAX) out.push("tooMany");
  if (p.kind === "dates" && p.dates.filter((d) => d.trim() !== "").length > PLAN_MAX)
    out.push("tooMany");
  return out;
}

function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
}

/**
 * What the form would create, checked against the meetings already planned (cancelled ones
 * ignored) and the clock: nothing in the past, nothing at the same time as another meeting or
 * another date of the same plan.
 */
export function previewPlan(form: PlanForm, existing: readonly Meeting[], now: Date): PlanPreview {
  const formProblems = formProblemsOf(form);
  if (formProblems.length > 0) return { formProblems, meetings: [], canCreate: false };
  const dates = datesOfPattern(form.pattern);
  if (dates.length === 0) return { formProblems: ["noDates"], meetings: [], canCreate: false };
  const live = existing.filter((m) => m.state !== "Aflyst");
  const meetings = dates.map((date): PlannedMeeting => {
    if (!isLocalDate(date)) {
      return {
        date,
        draft: emptyDraft(form, date, "", ""),
        problems: [{ kind: "invalidDate", date }],
        warnings: [],
      };
    }
    const start = copenhagenToUtc(date, form.startTime);
    const end = new Date(Date.parse(start) + form.durationMinutes * 60_000).toISOString();
    const draft = emptyDraft(form, date, start, end);
    const problems: PlanProblem[] = [];
    if (Date.parse(start) <= now.getTime()) problems.push({ kind: "past" });
    const clash = live.find((m) => overlaps(m, draft));
    if (clash) problems.push({ kind: "clash", with: { id: clash.id, title: clash.title } });
    const weekday = copenhagenWallClock(start).weekday;
    const warnings: PlanProblem[] = weekday === 0 || weekday === 6 ? [{ kind: "weekend" }] : [];
    return { date, draft, problems, warnings };
  });
  return {
    formProblems: [],
    meetings,
    canCreate: meetings.every((m) => m.problems.length === 0),
  };
}

function emptyDraft(form: PlanForm, date: LocalDate, start: string, end: string): MeetingDraft {
  return {
    title: meetingTitle(date, form.kind),
    start,
    end,
    kind: form.kind,
    location: form.location.trim(),
    state: "Planlagt",
    graphEventId: "",
    joinUrl: "",
    agendaSentAt: null,
    minutesApprovedAt: null,
    minutesApprovedBy: null,
    channelMessageId: "",
  };
}

// ---------------------------------------------------------------- the year's plan

/** States in which the meeting has taken place. */
export const HELD_STATES: readonly MeetingState[] = [
  "Afholdt",
  "Referat godkendt",
  "Referat udsendt",
];

/** The configured minimum per year (Settings meetings.minPerYear), default 4. */
export function minimumPerYear(settings: readonly Setting[]): number {
  const raw = settings.find((s) => s.key === SETTING_KEYS.minMeetingsPerYear)?.value.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MIN_MEETINGS_PER_YEAR;
}

export interface YearSummary {
  year: number;
  minimum: number;
  /** Not cancelled and not yet held. */
  planned: number;
  /** Held (a held state, or ended and not cancelled). */
  held: number;
  cancelled: number;
  /** How many more must be planned to reach the minimum; 0 when it is reached. */
  missing: number;
}

/** States a meeting can be in before it is held; once its end has passed it is held. */
const BEFORE_HELD_STATES: readonly MeetingState[] = ["Planlagt", "Dagsorden udsendt"];

/**
 * The meeting's state at `now`: a planned meeting (or one whose agenda was sent) whose end has
 * passed is Afholdt, whether or not anyone saved it since. The stored State is what was last
 * written; this is what the meeting is. Cancelled and later states are kept.
 */
export function meetingStateAt(m: Pick<MeetingDraft, "state" | "end">, now: Date): MeetingState {
  return BEFORE_HELD_STATES.includes(m.state) && Date.parse(m.end) <= now.getTime()
    ? "Afholdt"
    : m.state;
}

/** The meeting as it stands at `now` (see `meetingStateAt`); a copy, the argument is kept. */
export function meetingAsOf<M extends Pick<MeetingDraft, "state" | "end">>(m: M, now: Date): M {
  const state = meetingStateAt(m, now);
  return state === m.state ? m : { ...m, state };
}

export function isHeld(m: Pick<MeetingDraft, "state" | "end">, now: Date): boolean {
  if (m.state === "Aflyst") return false;
  return HELD_STATES.includes(m.state) || Date.parse(m.end) <= now.getTime();
}

/** The meetings of a (Danish) year, earliest first. */
export function meetingsOfYear(meetings: readonly Meeting[], year: number): Meeting[] {
  return meetings
    .filter((m) => meetingYear(m) === year)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id - b.id);
}

/** Planned and held meetings of the year against the minimum; cancelled ones do not count. */
export function yearSummary(
  meetings: readonly Meeting[],
  year: number,
  minimum: number,
  now: Date,
): YearSummary {
  const ofYear = meetingsOfYear(meetings, year);
  const cancelled = ofYear.filter((m) => m.state === "Aflyst").length;
  const held = ofYear.filter((m) => isHeld(m, now)).length;
  const planned = ofYear.length - cancelled - held;
  return {
    year,
    minimum,
    planned,
    held,
    cancelled,
    missing: Math.max(0, minimum - planned - held),
  };
}

/** Where the agenda and minutes of a meeting stand, for the plan's table. */
export type AgendaProgress = "notSent" | "sent";
export type MinutesProgress = "none" | "draft" | "approved" | "posted";

export function progressOf(m: Meeting): { agenda: AgendaProgress; minutes: MinutesProgress } {
  const agenda: AgendaProgress =
    m.agendaSentAt || (m.state !== "Planlagt" && m.state !== "Aflyst") ? "sent" : "notSent";
  const minutes: MinutesProgress =
    m.state === "Referat udsendt"
      ? "posted"
      : m.state === "Referat godkendt"
        ? "approved"
        : m.state === "Afholdt"
          ? "draft"
          : "none";
  return { agenda, minutes };
}

// ---------------------------------------------------------------- calendar and join link

/**
 * The Graph transactionId of a meeting's one event: the same for every retry of the same list
 * item. The item's creation time is part of it, so an item that gets a reused id (the list made
 * again) never finds the event of an older item with that id.
 */
export function meetingIdempotencyKey(meeting: { id: number; created: IsoDateTime }): string {
  const created = Date.parse(meeting.created);
  return `digistyr-meeting-${meeting.id}-${Number.isNaN(created) ? 0 : Math.floor(created / 1000)}`;
}

/**
 * Whether the meeting is in the Teams calendar:
 * - `inCalendar`: it has its Graph event;
 * - `notInCalendar`: a coming meeting without an event (Graph failed when it was planned): retry;
 * - `none`: a past meeting without an event (nothing to do);
 * - `cancelled`.
 */
export type CalendarStatus = "inCalendar" | "notInCalendar" | "none" | "cancelled";

export function calendarStatus(
  m: Pick<MeetingDraft, "state" | "graphEventId" | "end">,
  now: Date,
): CalendarStatus {
  if (m.state === "Aflyst") return "cancelled";
  if (m.graphEventId.trim() !== "") return "inCalendar";
  return Date.parse(m.end) > now.getTime() ? "notInCalendar" : "none";
}

export type JoinLink = { kind: "ok"; url: string } | { kind: "missing" } | { kind: "untrusted" };

/**
 * The join link to show: only a checked Teams link (https on teams.microsoft.com); an empty one
 * is "missing", anything else "untrusted" (never rendered as a link).
 */
export function joinLinkOf(
  m: Pick<MeetingDraft, "joinUrl">,
  isTeamsJoinUrl: (url: string) => boolean,
): JoinLink {
  const url = m.joinUrl.trim();
  if (url === "") return { kind: "missing" };
  return isTeamsJoinUrl(url) ? { kind: "ok", url } : { kind: "untrusted" };
}

// ---------------------------------------------------------------- who may, and when

/** The secretary plans, moves and cancels; the site's owners may do everything. */
export function mayPlanMeetings(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "owner");
}

/** Moving or cancelling is for meetings not yet held and not cancelled. */
export function mayChangeMeeting(m: Pick<MeetingDraft, "state" | "end">, now: Date): boolean {
  return (
    (m.state === "Planlagt" || m.state === "Dagsorden udsendt") && Date.parse(m.end) > now.getTime()
  );
}

export type MoveProblem = "notChangeable" | "date" | "startTime" | "duration" | "past" | "same";

export interface MoveForm {
  date: LocalDate;
  startTime: string;
  durationMinutes: number;
}

/** Checks a move and gives the new start and end. */
export function planMove(
  m: Pick<MeetingDraft, "state" | "start" | "end">,
  form: MoveForm,
  now: Date,
): { ok: true; start: IsoDateTime; end: IsoDateTime } | { ok: false; problems: MoveProblem[] } {
  const problems: MoveProblem[] = [];
  if (!mayChangeMeeting(m, now)) problems.push("notChangeable");
  if (!isLocalDate(form.date)) problems.push("date");
  if (!isLocalTime(form.startTime)) problems.push("startTime");
  if (
    !Number.isInteger(form.durationMinutes) ||
    form.durationMinutes < DURATION_MIN ||
    form.durationMinutes > DURATION_MAX
  )
    problems.push("duration");
  if (problems.length > 0) return { ok: false, problems };
  const start = copenhagenToUtc(form.date, form.startTime);
  const end = new Date(Date.parse(start) + form.durationMinutes * 60_000).toISOString();
  if (Date.parse(start) <= now.getTime()) return { ok: false, problems: ["past"] };
  if (Date.parse(start) === Date.parse(m.start) && Date.parse(end) === Date.parse(m.end))
    return { ok: false, problems: ["same"] };
  return { ok: true, start, end };
}

/** The move form's starting values: the meeting's own date, time and length. */
export function moveFormOf(m: Pick<MeetingDraft, "start" | "end">): MoveForm {
  const wall = copenhagenWallClock(m.start);
  return { date: wall.date, startTime: wall.time, durationMinutes: durationMinutesOf(m) };
}

// ---------------------------------------------------------------- the invitation

/**
 * The words of what goes into the members' calendars (the invitation's body, the cancellation
 * message). They are the committee's documents in its language, not the UI's, so they are
 * Danish whatever language the secretary's UI is in, and worded here only.
 */
export const CALENDAR_WORDING = {
  place: (location: string) => markup`<p>Sted: ${location}</p>`,
  agendaFollows: "Dagsordenen følger, når sekretariatet udsender den.",
  openMeeting: "Åbn mødet i Digistyr",
  cancelled: (title: string) => `${title} er aflyst.`,
} as const;

/**
 * The Teams invitation's body until the agenda is sent: the meeting's place and a link to the
 * meeting in the tab (SafeHtml: every value escaped, only https or local-mode links).
 */
export function invitationHtml(
  m: Pick<MeetingDraft, "title" | "location">,
  meetingLink: string,
): SafeHtml {
  const place = m.location.trim() ? CALENDAR_WORDING.place(m.location) : markup``;
  return markup`<p>${m.title}</p>${place}<p>${CALENDAR_WORDING.agendaFollows}</p><p>${link(
    meetingLink,
    CALENDAR_WORDING.openMeeting,
    { allowLocalhost: true },
  )}</p>`;
}

/** The message the attendees get when a meeting is cancelled: the secretary's, or the default. */
export function cancellationMessage(m: Pick<MeetingDraft, "title">, message: string): string {
  return message.trim() || CALENDAR_WORDING.cancelled(m.title);
}

// ---------------------------------------------------------------- the decision log

/** States in which a meeting says its minutes are approved (a claim the approval must back). */
const MINUTES_APPROVED_STATES: readonly MeetingState[] = ["Referat godkendt", "Referat udsendt"];

/**
 * The meetings whose minutes are approved: the meeting says so and the chair's approval exists
 * (an item in MinutesApprovals, a list only Formand can write, so the item itself is the fact;
 * the meeting's State alone is a claim the secretary could write).
 */
export function approvedMinutesMeetings(
  meetings: readonly Pick<Meeting, "id" | "state">[],
  approvals: readonly { meeting: { id: number } | null }[],
): Set<number> {
  const approved = new Set(approvals.flatMap((a) => (a.meeting ? [a.meeting.id] : [])));
  return new Set(
    meetings
      .filter((m) => MINUTES_APPROVED_STATES.includes(m.state) && approved.has(m.id))
      .map((m) => m.id),
  );
}

/** A decision in the log; a draft belongs to minutes not (yet) approved. */
export interface DecisionLogEntry {
  decision: Decision;
  draft: boolean;
}

/**
 * The decision log: decisions of approved minutes; with `withDrafts` (the secretary or the
 * chair asking) also the others, marked as drafts.
 */
export function decisionLogEntries(
  decisions: readonly Decision[],
  approvedMeetings: ReadonlySet<number>,
  withDrafts: boolean,
): DecisionLogEntry[] {
  return decisions
    .map((decision) => ({
      decision,
      draft: !(decision.meeting && approvedMeetings.has(decision.meeting.id)),
    }))
    .filter((e) => withDrafts || !e.draft);
}

/** Who may see draft decisions (minutes not yet approved): the secretary and the chair. */
export function mayShowDraftDecisions(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair") || hasRole(me, "owner");
}

export interface DecisionFilter {
  meeting: number | null;
  initiative: number | null;
  forum: Forum | null;
}

/** Decisions matching the filter, newest first (by decision time, then newest item). */
export function filterDecisions(
  decisions: readonly Decision[],
  filter: DecisionFilter,
): Decision[] {
  return decisions
    .filter(
      (d) =>
        (filter.meeting === null || d.meeting?.id === filter.meeting) &&
        (filter.initiative === null || d.initiative?.id === filter.initiative) &&
        (filter.forum === null || d.carriedTo.includes(filter.forum)),
    )
    .sort((a, b) => Date.parse(b.decidedAt) - Date.parse(a.decidedAt) || b.id - a.id);
}

/** The distinct meetings and initiatives decisions refer to, for the filters, by title. */
export function decisionFilterOptions(decisions: readonly Decision[]): {
  meetings: { id: number; title: string }[];
  initiatives: { id: number; title: string }[];
} {
  const collect = (refs: ({ id: number; title: string } | null)[]) =>
    [...new Map(refs.flatMap((r) => (r ? [[r.id, r] as const] : []))).values()].sort((a, b) =>
      a.title.localeCompare(b.title, "da"),
    );
  return {
    meetings: collect(decisions.map((d) => d.meeting)),
    initiatives: collect(decisions.map((d) => d.initiative)),
  };
}

export const OPEN_ACTION_STATES: readonly ActionState[] = ["Åben", "I gang"];

export interface OpenAction {
  action: FollowUpAction;
  /** The due date (Danish calendar day) is before today. */
  overdue: boolean;
}

export interface ActionsOfOwner {
  owner: Person | null;
  actions: OpenAction[];
  overdue: number;
}

/** An action is overdue when its due day (Danish date) is before today's Danish date. */
export function isOverdue(a: Pick<FollowUpAction, "due" | "state">, now: Date): boolean {
  if (!a.due || !OPEN_ACTION_STATES.includes(a.state)) return false;
  return copenhagenWallClock(a.due).date < copenhagenWallClock(now.toISOString()).date;
}

/**
 * Open actions (Åben, I gang) grouped per owner (by name; those without an owner last), each
 * owner's actions by due date (none last).
 */
export function openActionsByOwner(
  actions: readonly FollowUpAction[],
  now: Date,
): ActionsOfOwner[] {
  const groups = new Map<string, ActionsOfOwner>();
  for (const action of actions) {
    if (!OPEN_ACTION_STATES.includes(action.state)) continue;
    const key = action.owner ? `p${action.owner.id}` : "none";
    const group = groups.get(key) ?? { owner: action.owner, actions: [], overdue: 0 };
    const overdue = isOverdue(action, now);
    group.actions.push({ action, overdue });
    if (overdue) group.overdue += 1;
    groups.set(key, group);
  }
  const due = (a: OpenAction) => (a.action.due ? Date.parse(a.action.due) : Infinity);
  for (const g of groups.values()) {
    g.actions.sort((a, b) => due(a) - due(b) || a.action.id - b.action.id);
  }
  return [...groups.values()].sort((a, b) =>
    a.owner === null
      ? 1
      : b.owner === null
        ? -1
        : a.owner.name.localeCompare(b.owner.name, "da") || a.owner.id - b.owner.id,
  );
}
