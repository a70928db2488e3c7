/**
 * The year's meetings through the ports (issue 6 §1): planning meetings as list items and Teams
 * meetings in the secretary's calendar, completing one that Graph failed to create, moving and
 * cancelling one meeting.
 *
 * One list item per meeting, one single Graph event per item (see src/domain/meeting-plan.ts for
 * why not a Graph series). The list item is written first, so a meeting the secretary planned is
 * never lost; then the event is created with the idempotency key `digistyr-meeting-<itemId>-<created>`
 * (Graph's transactionId), so a retry after a failure (even one where Graph made the event but
 * the answer was lost) returns the same event instead of a second one. Until the event id is on
 * the item, the item is "ikke i kalenderen" and the page offers the retry.
 */
import type { Clock } from "../domain/clock.js";
import { err, ok } from "../domain/common.js";
import type {
  CalendarEventId,
  MeetingAttendee,
  ScheduledMeeting,
} from "../domain/communication.js";
import { isStoreError, type StoreError } from "../domain/errors.js";
import type { MeetingId } from "../domain/ids.js";
import {
  cancellationMessage,
  DURATION_MAX,
  DURATION_MIN,
  invitationHtml,
  mayChangeMeeting,
  mayPlanMeetings,
  MEETING_TIME_ZONE,
  meetingAsOf,
  meetingIdempotencyKey,
  meetingsOfYear,
  minimumPerYear,
  type MoveForm,
  type MoveProblem,
  type PlanForm,
  planMove,
  previewPlan,
  titleAfterMove,
  type YearSummary,
  yearSummary,
} from "../domain/meeting-plan.js";
import type { Meeting, MeetingDraft } from "../domain/meetings.js";
import { type Outcome, type Problem, problem, refuse } from "../domain/problems.js";
import type { Me } from "../domain/roles.js";
import { toHtmlString } from "../domain/safe-html.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { MeetingCalendar } from "../ports/calendar.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Directory } from "../ports/directory.js";
import type { Repositories } from "../ports/repositories.js";

export interface MeetingPlanPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  calendar: MeetingCalendar;
  directory: Directory;
  clock: Clock;
}

export interface MeetingLinks {
  /** An absolute link to a hash route of the tab (`#/moeder/12`), for the invitation. */
  link(route: string): string;
}

// ---------------------------------------------------------------- reading the plan

export interface MeetingPlanPage {
  me: Me;
  mayPlan: boolean;
  /** Every meeting (for clash checks when planning). */
  all: Meeting[];
  /** The year's meetings, earliest first, cancelled ones included. */
  meetings: Meeting[];
  summary: YearSummary;
}

export async function loadMeetingPlan(
  ports: Pick<MeetingPlanPorts, "repositories" | "currentUser" | "clock">,
  year: number,
): Promise<MeetingPlanPage> {
  const now = ports.clock.now();
  const [me, all, settings] = await Promise.all([
    ports.currentUser.me(),
    // As they stand now: a meeting whose end has passed is held.
    ports.repositories.meetings.list().then((ms) => ms.map((m) => meetingAsOf(m, now))),
    ports.repositories.settings.list({ where: { key: SETTING_KEYS.minMeetingsPerYear } }),
  ]);
  return {
    me,
    mayPlan: mayPlanMeetings(me),
    all,
    meetings: meetingsOfYear(all, year),
    summary: yearSummary(all, year, minimumPerYear(settings), now),
  };
}

// ---------------------------------------------------------------- planning

/** Why the meeting plan refuses (the code is the i18n key of its words). */
export type MeetingPlanProblem =
  | "meetings.problem.notPlanner"
  | "meetings.problem.noCommitteeTeam"
  | "meetings.problem.planNotCreatable"
  | "meetings.problem.cancelledNotInCalendar"
  | "meetings.problem.eventNotRead"
  | "meetings.problem.notCancellable"
  | `meetings.move.problems.${MoveProblem}`;

async function plannerProblem(
  ports: Pick<MeetingPlanPorts, "currentUser">,
): Promise<Problem<MeetingPlanProblem> | null> {
  const me = await ports.currentUser.me();
  return mayPlanMeetings(me) ? null : problem("meetings.problem.notPlanner");
}

/** The committee's team (Settings committee.teamId), or null when it is not set up. */
async function committeeTeamId(repositories: Repositories): Promise<string | null> {
  const found = await repositories.settings.list({
    where: { key: SETTING_KEYS.committeeTeamId },
    limit: 1,
  });
  return found[0]?.value.trim() || null;
}

/** The committee's members (the members group of its team), as invitees. */
async function committeeAttendees(
  ports: Pick<MeetingPlanPorts, "directory">,
  teamId: string,
): Promise<MeetingAttendee[]> {
  const members = await ports.directory.membersOf(teamId);
  const seen = new Set<string>();
  return members.flatMap((m) => {
    const email = m.email.trim();
    if (!email || seen.has(email.toLowerCase())) return [];
    seen.add(email.toLowerCase());
    return [{ email, name: m.name }];
  });
}

/** What a plan created: each item with its calendar outcome, and items the list refused. */
export interface PlanResult {
  created: PlannedOutcome[];
  notCreated: { title: string; error: StoreError }[];
}

/** What happened to one planned meeting. */
export interface PlannedOutcome {
  meeting: Meeting;
  /** Null when the Teams meeting was created; else why it was not (the item is kept). */
  calendarError: StoreError | null;
}

/**
 * Creates the planned meetings: all list items first (one batch), then one Teams meeting per
 * item for the committee's members. A Graph failure leaves that item without an event
 * ("ikke i kalenderen") and is reported per meeting; `addMeetingToCalendar` completes it.
 */
export async function createPlannedMeetings(
  ports: MeetingPlanPorts,
  form: PlanForm,
  links: MeetingLinks,
): Promise<Outcome<PlanResult, MeetingPlanProblem>> {
  const refused = await plannerProblem(ports);
  if (refused) return err(refused);
  const teamId = await committeeTeamId(ports.repositories);
  if (teamId === null) return refuse("meetings.problem.noCommitteeTeam");
  const existing = await ports.repositories.meetings.list();
  const preview = previewPlan(form, existing, ports.clock.now());
  if (!preview.canCreate) return refuse("meetings.problem.planNotCreatable");
  const added = await ports.repositories.meetings.addMany(preview.meetings.map((m) => m.draft));
  const created: Meeting[] = [];
  const notCreated: PlanResult["notCreated"] = [];
  added.forEach((r, i) => {
    if (r.ok) created.push(r.value);
    else notCreated.push({ title: preview.meetings[i]?.draft.title ?? "", error: r.error });
  });
  if (created.length === 0 && notCreated[0]) throw notCreated[0].error;
  let attendees: MeetingAttendee[];
  try {
    attendees = await committeeAttendees(ports, teamId);
  } catch (e) {
    if (!isStoreError(e)) throw e;
    return ok({ created: created.map((meeting) => ({ meeting, calendarError: e })), notCreated });
  }
  const outcomes: PlannedOutcome[] = [];
  // One at a time: a handful of meetings, and Graph throttles bursts of creates.
  for (const meeting of created) {
    try {
      outcomes.push({
        meeting: await scheduleAndStore(ports, meeting, attendees, links),
        calendarError: null,
      });
    } catch (e) {
      if (!isStoreError(e)) throw e;
      outcomes.push({ meeting, calendarError: e });
    }
  }
  return ok({ created: outcomes, notCreated });
}

async function scheduleAndStore(
  ports: MeetingPlanPorts,
  meeting: Meeting,
  attendees: MeetingAttendee[],
  links: MeetingLinks,
): Promise<Meeting> {
  const event = await ports.calendar.schedule({
    subject: meeting.title,
    agendaHtml: toHtmlString(invitationHtml(meeting, links.link(`#/moeder/${meeting.id}`))),
    start: meeting.start,
    end: meeting.end,
    timeZone: MEETING_TIME_ZONE,
    attendees,
    location: meeting.location,
    online: true,
    idempotencyKey: meetingIdempotencyKey(meeting),
  });
  return saveMeeting(
    ports.repositories,
    meeting,
    { graphEventId: event.id, joinUrl: event.joinUrl ?? "" },
    (fresh) => fresh.graphEventId === "" || fresh.graphEventId === event.id,
  );
}

/**
 * Completes a meeting that is not in the calendar: creates its Teams meeting with the same
 * idempotency key as the first try (so at most one event ever exists) and stores the event
 * on the item. A meeting that has its event but no join link yet (Teams had not provisioned
 * it) gets the link when the event now has one; otherwise it is returned as it is.
 */
export async function addMeetingToCalendar(
  ports: MeetingPlanPorts,
  meetingId: MeetingId,
  links: MeetingLinks,
): Promise<Outcome<Meeting, MeetingPlanProblem>> {
  const refused = await plannerProblem(ports);
  if (refused) return err(refused);
  const meeting = await ports.repositories.meetings.get(meetingId);
  if (meeting.state === "Aflyst") return refuse("meetings.problem.cancelledNotInCalendar");
  if (meeting.graphEventId.trim() !== "") {
    if (meeting.joinUrl.trim() !== "") return ok(meeting);
    const event = await ports.calendar.get(meeting.graphEventId as CalendarEventId);
    if (!event.joinUrl) return ok(meeting);
    const joinUrl = event.joinUrl;
    return ok(
      await saveMeeting(ports.repositories, meeting, { joinUrl }, (fresh) => fresh.joinUrl === ""),
    );
  }
  const teamId = await committeeTeamId(ports.repositories);
  if (teamId === null) return refuse("meetings.problem.noCommitteeTeam");
  const attendees = await committeeAttendees(ports, teamId);
  return ok(await scheduleAndStore(ports, meeting, attendees, links));
}

// ---------------------------------------------------------------- moving and cancelling

/**
 * Writes `changes` on the meeting's item. When someone else saved the item meanwhile
 * (Conflict), it is read again and the changes are written on the fresh item only when
 * `stillApplies(fresh)` says nobody changed what these changes change; otherwise the Conflict
 * is passed on (no lost update).
 */
async function saveMeeting(
  repositories: Repositories,
  meeting: Meeting,
  changes: Partial<MeetingDraft>,
  stillApplies: (fresh: Meeting) => boolean,
): Promise<Meeting> {
  const write = async (base: Meeting) => {
    const next = { ...base, ...changes };
    const version = await repositories.meetings.update(next);
    return { ...next, version };
  };
  try {
    return await write(meeting);
  } catch (e) {
    if (!isStoreError(e, "Conflict")) throw e;
    const fresh = await repositories.meetings.get(meeting.id);
    if (!stillApplies(fresh)) throw e;
    return write(fresh);
  }
}

/** The store may write an instant differently (`…:00Z` / `…:00.000Z`): compare instants. */
function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

export interface MoveMeeting {
  meeting: Meeting;
  form: MoveForm;
  /**
   * The changeKey of the Teams meeting as the secretary read it; required when the meeting is
   * in the calendar. A meeting changed in Outlook since is refused with Conflict.
   */
  changeKey: string | null;
}

export interface MovedMeeting {
  meeting: Meeting;
  event: ScheduledMeeting | null;
}

/**
 * Moves one meeting: the Teams meeting first (guarded by its changeKey; attendees are told by
 * Graph), then the item's start and end. A meeting not in the calendar only moves its item.
 */
export async function moveMeeting(
  ports: MeetingPlanPorts,
  input: MoveMeeting,
): Promise<Outcome<MovedMeeting, MeetingPlanProblem>> {
  const refused = await plannerProblem(ports);
  if (refused) return err(refused);
  const { meeting } = input;
  const plan = planMove(meeting, input.form, ports.clock.now());
  if (!plan.ok) {
    // The first problem, the meeting's own state before the form's fields.
    const first = plan.problems[0] ?? "date";
    return refuse(
      `meetings.move.problems.${first}`,
      first === "duration" ? { min: DURATION_MIN, max: DURATION_MAX } : undefined,
      first === "notChangeable" ? undefined : first,
    );
  }
  let event: ScheduledMeeting | null = null;
  // The title follows the new date (a title that carries the old date would show it everywhere).
  const title = titleAfterMove(meeting.title, meeting.start, plan.start);
  if (meeting.graphEventId.trim() !== "") {
    if (!input.changeKey) return refuse("meetings.problem.eventNotRead", undefined, "changeKey");
    event = await ports.calendar.update(
      meeting.graphEventId as CalendarEventId,
      {
        start: plan.start,
        end: plan.end,
        timeZone: MEETING_TIME_ZONE,
        ...(title !== meeting.title ? { subject: title } : {}),
      },
      { changeKey: input.changeKey },
    );
  }
  const saved = await saveMeeting(
    ports.repositories,
    meeting,
    { start: plan.start, end: plan.end, title },
    (fresh) =>
      (sameInstant(fresh.start, meeting.start) && sameInstant(fresh.end, meeting.end)) ||
      (sameInstant(fresh.start, plan.start) && sameInstant(fresh.end, plan.end)),
  );
  return ok({ meeting: saved, event });
}

/**
 * Cancels one meeting: the Teams meeting is cancelled with the message to the attendees (Graph
 * tells them), then the item is marked "Aflyst" and kept, so the plan shows it struck through.
 * A retry after the item's write failed finds the event already gone (NotFound) and only
 * marks the item.
 */
export async function cancelMeeting(
  ports: MeetingPlanPorts,
  input: { meeting: Meeting; message: string },
): Promise<Outcome<Meeting, MeetingPlanProblem>> {
  const refused = await plannerProblem(ports);
  if (refused) return err(refused);
  const { meeting } = input;
  if (meeting.state === "Aflyst") return ok(meeting);
  if (!mayChangeMeeting(meeting, ports.clock.now())) {
    return refuse("meetings.problem.notCancellable");
  }
  const message = cancellationMessage(meeting, input.message);
  if (meeting.graphEventId.trim() !== "") {
    try {
      await ports.calendar.cancel(meeting.graphEventId as CalendarEventId, message);
    } catch (e) {
      // Already cancelled (a retry after the item's write failed): nothing left to cancel.
      if (!isStoreError(e, "NotFound")) throw e;
    }
  }
  return ok(
    await saveMeeting(ports.repositories, meeting, { state: "Aflyst" }, (fresh) =>
      mayChangeMeeting(fresh, ports.clock.now()),
    ),
  );
}

/** The Teams meeting of a meeting item, or null when it has none. */
export async function readMeetingEvent(
  ports: Pick<MeetingPlanPorts, "calendar">,
  meeting: Pick<Meeting, "graphEventId" | "state">,
): Promise<ScheduledMeeting | null> {
  if (meeting.graphEventId.trim() === "" || meeting.state === "Aflyst") return null;
  return ports.calendar.get(meeting.graphEventId as CalendarEventId);
}
