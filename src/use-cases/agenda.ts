/**
 * The agenda builder through the ports (issue 6 §2): one meeting's points, the candidates drawn
 * from the lists with narrow, indexed reads, adding / editing / removing / reordering points,
 * the area representatives among the Graph event's attendees, and sending the agenda.
 *
 * Order of writes, so that a failure leaves nothing claimed that did not happen:
 * - adding a point writes the point (with its InvitedAreas) first, then invites the area's
 *   representatives; when Graph fails the point stays and the outcome says so — inviting again
 *   (`inviteRepresentatives`) completes it, as it invites everyone the points' areas call for;
 * - removing a point first releases its area's representatives in Graph (when it was the
 *   area's last point), then deletes the point; when Graph fails nothing is removed;
 * - sending writes the event's body first and only then marks the meeting "Dagsorden udsendt"
 *   with AgendaSentAt; when Graph fails nothing is marked and sending again completes it once.
 * A stale changeKey (the event was changed in Outlook meanwhile) is re-read and retried once;
 * a second `Conflict` is handed to the caller.
 */
import {
  agendaBodyHtml,
  type AgendaCandidate,
  agendaCandidates,
  type AttendeePlan,
  type CandidateGroupOf,
  draftFromCandidate,
  FOLLOWED_BENEFIT_STATES,
  freePointDraft,
  invitedAreaIds,
  invitedAreasFor,
  markedSent,
  mayEditAgenda,
  nextSortOrder,
  OPEN_ACTION_STATES,
  OPEN_FUNDING_STATES,
  overdueStatusReports,
  planAttendees,
  pointAnchor,
  problemsBeforeSend,
  representativesOf,
  type SendProblem,
  sortAgenda,
  sortOrderChanges,
} from "../domain/agenda.js";
import type { Clock } from "../domain/clock.js";
import { err, ok, type Person } from "../domain/common.js";
import type { CalendarEventId, MeetingAttendee } from "../domain/communication.js";
import { isStoreError } from "../domain/errors.js";
import type { AgendaItemId, AreaId, MeetingId } from "../domain/ids.js";
import { meetingAsOf } from "../domain/meeting-plan.js";
import type { AgendaItem, AgendaItemDraft, Meeting } from "../domain/meetings.js";
import { type Outcome, problem } from "../domain/problems.js";
import type { Me } from "../domain/roles.js";
import { toHtmlString } from "../domain/safe-html.js";
import {
  ONGOING_PHASES,
  parseGranularity,
  periodOf,
  shiftPeriod,
  STATUS_REPORT_SETTING_KEYS,
} from "../domain/status-reports.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import { OPEN_BARRIER_STATES } from "../domain/strategy-view.js";
import type { MeetingCalendar } from "../ports/calendar.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Directory } from "../ports/directory.js";
import type { Repositories } from "../ports/repositories.js";

export interface AgendaPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  calendar: MeetingCalendar;
  directory: Directory;
  clock: Clock;
}

// ---------------------------------------------------------------- reading

export interface AgendaData {
  meeting: Meeting;
  /** In agenda order. */
  items: AgendaItem[];
  me: Me;
  mayEdit: boolean;
}

/** The meeting's points in agenda order (an indexed read by Meeting). */
export async function agendaItemsOf(
  repositories: Repositories,
  meetingId: MeetingId,
): Promise<AgendaItem[]> {
  return sortAgenda(await repositories.agendaItems.list({ where: { meeting: meetingId } }));
}

export async function loadAgenda(ports: AgendaPorts, meetingId: MeetingId): Promise<AgendaData> {
  const [meeting, items, me] = await Promise.all([
    // As it stands now: once its end has passed it is held and the agenda is closed.
    ports.repositories.meetings.get(meetingId).then((m) => meetingAsOf(m, ports.clock.now())),
    agendaItemsOf(ports.repositories, meetingId),
    ports.currentUser.me(),
  ]);
  return { meeting, items, me, mayEdit: mayEditAgenda(me) };
}

async function settingValues(
  repositories: Repositories,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const found = await repositories.settings.list({ where: { key: keys } });
  return new Map(found.map((s) => [s.key, s.value.trim()]));
}

/**
 * The candidates for the meeting's agenda, grouped, those already on it marked. Every read
 * filters on an indexed column (Phase, LatestStatus, State, Committed, Period, Benefit) and the
 * initiatives are read as narrow slices.
 */
export async function loadCandidates(
  ports: AgendaPorts,
  meeting: Pick<Meeting, "id" | "start">,
  items: readonly AgendaItem[],
): Promise<CandidateGroupOf[]> {
  const r = ports.repositories;
  const asOf = new Date(meeting.start);
  const settings = await settingValues(r, [
    STATUS_REPORT_SETTING_KEYS.granularity,
    STATUS_REPORT_SETTING_KEYS.deadlineDaysBeforeEnd,
  ]);
  const granularity = parseGranularity(settings.get(STATUS_REPORT_SETTING_KEYS.granularity));
  const current = periodOf(asOf, granularity);
  const periods = [shiftPeriod(current, -1).key, current.key];
  const [ready, ongoing, rounds, scenarios, funding, reports, benefits, actions, barriers] =
    await Promise.all([
      r.initiatives.list({
        where: { phase: "Klar til prioritering" },
        fields: ["title"],
      }),
      r.initiatives.list({
        where: { phase: ONGOING_PHASES },
        fields: ["title", "phase", "owner", "projectLead", "latestStatus"],
      }),
      r.rounds.list({ where: { state: "Lukket" } }),
      r.scenarios.list({ where: { committed: true } }),
      r.fundingProposals.list({ where: { state: OPEN_FUNDING_STATES } }),
      r.statusReports.list({ where: { period: periods } }),
      r.benefits.list({ where: { state: FOLLOWED_BENEFIT_STATES } }),
      r.actions.list({ where: { state: OPEN_ACTION_STATES } }),
      r.barriers.list({ where: { state: OPEN_BARRIER_STATES } }),
    ]);
  const due = benefits.filter(
    (b) => b.nextMeasurementDue !== null && Date.parse(b.nextMeasurementDue) <= asOf.getTime(),
  );
  const measurements =
    due.length === 0
      ? []
      : await r.benefitMeasurements.list({ where: { benefit: due.map((b) => b.id) } });
  return agendaCandidates(
    {
      meetingId: meeting.id,
      asOf,
      readyForDecision: ready,
      rounds,
      scenarios,
      fundingProposals: funding,
      redInitiatives: ongoing.filter((i) => i.latestStatus === "Rød"),
      overdueReports: overdueStatusReports(
        ongoing,
        reports,
        asOf,
        granularity,
        settings.get(STATUS_REPORT_SETTING_KEYS.deadlineDaysBeforeEnd) ?? null,
      ),
      benefits: due,
      measurements,
      actions,
      barriers,
    },
    items,
  );
}

// ---------------------------------------------------------------- attendees

/** What happened to the meeting's attendees after a change of the agenda. */
export type AttendeeOutcome =
  | { kind: "unchanged" }
  /** The meeting has no calendar event (nothing to invite to). */
  | { kind: "noEvent" }
  /** E-mails added and removed, and the same people by name for the UI. */
  | {
      kind: "updated";
      added: string[];
      removed: string[];
      addedNames: string[];
      removedNames: string[];
    }
  /** The point was written but Graph refused: invite again to complete. */
  | { kind: "failed"; error: unknown };

/** Only the secretariat builds and sends the agenda: the refusal, or null for the secretariat. */
async function editorProblem(ports: AgendaPorts): Promise<SendProblem | null> {
  const me = await ports.currentUser.me();
  return mayEditAgenda(me) ? null : problem("agenda.problem.notEditor");
}

/** The committee's members' e-mails (the members group of Settings committee.teamId). */
async function committeeEmails(ports: AgendaPorts): Promise<string[]> {
  const settings = await settingValues(ports.repositories, [SETTING_KEYS.committeeTeamId]);
  const teamId = settings.get(SETTING_KEYS.committeeTeamId);
  if (!teamId) return [];
  return (await ports.directory.membersOf(teamId)).map((p) => p.email);
}

/**
 * Changes the event with what `plan` makes of its current state; a stale changeKey (someone
 * changed the meeting in Outlook since it was read) is read again and retried once.
 */
async function withFreshEvent<T>(
  calendar: MeetingCalendar,
  eventId: CalendarEventId,
  plan: (
    current: Awaited<ReturnType<MeetingCalendar["get"]>>,
  ) => { changes: Parameters<MeetingCalendar["update"]>[1]; result: T } | null,
): Promise<T | null> {
  for (let attempt = 0; ; attempt++) {
    const event = await calendar.get(eventId);
    const planned = plan(event);
    if (planned === null) return null;
    try {
      await calendar.update(eventId, planned.changes, { changeKey: event.changeKey });
      return planned.result;
    } catch (e) {
      if (attempt === 0 && isStoreError(e, "Conflict")) continue;
      throw e;
    }
  }
}

/**
 * Brings the event's attendees in line with the points: invites the representatives of every
 * area the points record (InvitedAreas) and releases those of `releasedAreas` (see
 * `planAttendees` for who may be removed).
 */
async function reconcileAttendees(
  ports: AgendaPorts,
  meeting: Pick<Meeting, "graphEventId">,
  points: readonly Pick<AgendaItem, "invitedAreas">[],
  releasedAreas: readonly AreaId[],
): Promise<AttendeeOutcome> {
  if (meeting.graphEventId.trim() === "") return { kind: "noEvent" };
  const stillInvited = invitedAreaIds(points);
  const needed = [...stillInvited, ...releasedAreas];
  if (needed.length === 0) return { kind: "unchanged" };
  // The Areas list is short (the municipality's areas): read whole.
  const areas = await ports.repositories.areas.list();
  const invite: Person[] = representativesOf(stillInvited, areas);
  const release = representativesOf(
    releasedAreas.filter((a) => !stillInvited.includes(a)),
    areas,
  ).map((p) => p.email);
  const keep = release.length > 0 ? await committeeEmails(ports) : [];
  const done = await withFreshEvent<AttendeePlan>(
    ports.calendar,
    meeting.graphEventId as CalendarEventId,
    (event) => {
      const p = planAttendees({ current: event.attendees, invite, release, keep });
      return p === null ? null : { changes: { attendees: p.attendees }, result: p };
    },
  );
  return done === null
    ? { kind: "unchanged" }
    : {
        kind: "updated",
        added: done.added,
        removed: done.removed,
        addedNames: done.addedNames,
        removedNames: done.removedNames,
      };
}

/**
 * Invites every representative the points' areas call for who is not yet an attendee: after
 * a failed invitation, this completes it.
 */
export async function inviteRepresentatives(
  ports: AgendaPorts,
  meetingId: MeetingId,
): Promise<Outcome<AttendeeOutcome>> {
  const refused = await editorProblem(ports);
  if (refused) return err(refused);
  const [meeting, items] = await Promise.all([
    ports.repositories.meetings.get(meetingId),
    agendaItemsOf(ports.repositories, meetingId),
  ]);
  return ok(await reconcileAttendees(ports, meeting, items, []));
}

// ---------------------------------------------------------------- writing points

export type NewPoint =
  { kind: "candidate"; candidate: AgendaCandidate } | { kind: "free"; title: string };

export interface AddedPoint {
  item: AgendaItem;
  attendees: AttendeeOutcome;
}

/**
 * Adds a point after the last one. A point about an initiative records the initiative's
 * area (when it has representatives) and invites them to the meeting.
 */
export async function addAgendaPoint(
  ports: AgendaPorts,
  meetingId: MeetingId,
  point: NewPoint,
): Promise<Outcome<AddedPoint>> {
  const refused = await editorProblem(ports);
  if (refused) return err(refused);
  const r = ports.repositories;
  const [meeting, items] = await Promise.all([
    r.meetings.get(meetingId),
    agendaItemsOf(r, meetingId),
  ]);
  let draft: AgendaItemDraft;
  if (point.kind === "free") {
    draft = freePointDraft(point.title, meeting, nextSortOrder(items));
  } else {
    const initiative = point.candidate.initiative;
    let invited: AgendaItemDraft["invitedAreas"] = [];
    if (initiative !== null) {
      const { area } = await r.initiatives.get(initiative.id);
      if (area !== null) invited = invitedAreasFor(area, await r.areas.list());
    }
    draft = draftFromCandidate(point.candidate, meeting, nextSortOrder(items), invited);
  }
  const item = await r.agendaItems.add(draft);
  let attendees: AttendeeOutcome;
  try {
    attendees =
      item.invitedAreas.length === 0
        ? { kind: "unchanged" }
        : await reconcileAttendees(ports, meeting, [...items, item], []);
  } catch (error) {
    attendees = { kind: "failed", error };
  }
  return ok({ item, attendees });
}

/** The fields of a point the builder edits. */
export type PointChanges = Partial<
  Pick<AgendaItemDraft, "title" | "kind" | "durationMinutes" | "recommendation" | "presenter">
>;

/** Saves a point's edits (a stale version is a `Conflict`: nothing is overwritten). */
export async function updateAgendaPoint(
  ports: AgendaPorts,
  item: AgendaItem,
  changes: PointChanges,
): Promise<Outcome<void>> {
  const refused = await editorProblem(ports);
  if (refused) return err(refused);
  await ports.repositories.agendaItems.update({ ...item, ...changes });
  return ok(undefined);
}

/**
 * Removes a point. When it was the last point of an area, that area's representatives are
 * first removed from the event's attendees (only those the app added); if Graph fails, the
 * point stays.
 */
export async function removeAgendaPoint(
  ports: AgendaPorts,
  meetingId: MeetingId,
  item: Pick<AgendaItem, "id" | "version" | "invitedAreas">,
): Promise<Outcome<AttendeeOutcome>> {
  const refused = await editorProblem(ports);
  if (refused) return err(refused);
  const r = ports.repositories;
  const [meeting, items] = await Promise.all([
    r.meetings.get(meetingId),
    agendaItemsOf(r, meetingId),
  ]);
  const others = items.filter((i) => i.id !== item.id);
  const released = item.invitedAreas.map((a) => a.id);
  const outcome =
    released.length === 0
      ? ({ kind: "unchanged" } as const)
      : await reconcileAttendees(ports, meeting, others, released);
  await r.agendaItems.remove(item.id, item.version);
  if (meeting.agendaSentAt !== null) {
    // After sending, the points below close the gap: their new SortOrder also keeps the
    // removal visible as "changed after sending". Best effort: a gap does not harm the order.
    const changes = sortOrderChanges(others);
    if (changes.length > 0) {
      await r.agendaItems
        .updateMany(changes.map(({ item: i, sortOrder }) => ({ ...i, sortOrder })))
        .catch(() => undefined);
    }
  }
  return ok(outcome);
}

/**
 * Stores a new order: SortOrder 1, 2, 3 … written in one batch, only for the points whose
 * position changed. Rejects with the first part's error when a part failed.
 */
export async function reorderAgenda(
  ports: AgendaPorts,
  inNewOrder: readonly AgendaItem[],
): Promise<Outcome<number>> {
  const refused = await editorProblem(ports);
  if (refused) return err(refused);
  const changes = sortOrderChanges(inNewOrder);
  if (changes.length === 0) return ok(0);
  const results = await ports.repositories.agendaItems.updateMany(
    changes.map(({ item, sortOrder }) => ({ ...item, sortOrder })),
  );
  const failed = results.find((p) => !p.ok);
  if (failed && !failed.ok) throw failed.error;
  return ok(changes.length);
}

// ---------------------------------------------------------------- sending

export type SendOutcome = { ok: true; meeting: Meeting } | { ok: false; problems: SendProblem[] };

/**
 * Sends the agenda: checks it (`problemsBeforeSend`), writes the event's body (the agenda as
 * escaped HTML, a link to each point in the tab), then marks the meeting "Dagsorden udsendt"
 * with AgendaSentAt. Graph failing rejects with its error and nothing is marked; sending again
 * completes it (the body is written again, the meeting marked once).
 */
export async function sendAgenda(
  ports: AgendaPorts & { linkTo: (route: string) => string },
  meetingId: MeetingId,
  options: { confirmOverrun: boolean; meetingRoute: string },
): Promise<SendOutcome> {
  const refused = await editorProblem(ports);
  if (refused) return { ok: false, problems: [refused] };
  const r = ports.repositories;
  const [meeting, items] = await Promise.all([
    r.meetings.get(meetingId),
    agendaItemsOf(r, meetingId),
  ]);
  const problems = problemsBeforeSend(meetingAsOf(meeting, ports.clock.now()), items, options);
  if (problems.length > 0) return { ok: false, problems };
  const base = ports.linkTo(options.meetingRoute);
  const html = toHtmlString(
    agendaBodyHtml({
      meeting,
      items,
      linkTo: (item: { id: AgendaItemId }) => `${base}#${pointAnchor(item.id)}`,
    }),
  );
  await withFreshEvent(ports.calendar, meeting.graphEventId as CalendarEventId, () => ({
    changes: { agendaHtml: html },
    result: true,
  }));
  // Never earlier than the newest point sent (the list's clock may run ahead of this one), so
  // the points just sent do not read as "changed after sending".
  const sentAt = new Date(
    Math.max(
      ports.clock.now().getTime(),
      ...items
        .flatMap((i) => [Date.parse(i.modified), Date.parse(i.created)])
        .filter(Number.isFinite),
    ),
  );
  return { ok: true, meeting: await markSent(ports, meetingId, sentAt) };
}

/** Marks the meeting sent; a concurrent change of the meeting is read again and retried once. */
async function markSent(ports: AgendaPorts, meetingId: MeetingId, sentAt: Date): Promise<Meeting> {
  for (let attempt = 0; ; attempt++) {
    const fresh = await ports.repositories.meetings.get(meetingId);
    const marked = markedSent(fresh, sentAt);
    try {
      const version = await ports.repositories.meetings.update(marked);
      return { ...marked, version };
    } catch (e) {
      if (attempt === 0 && isStoreError(e, "Conflict")) continue;
      throw e;
    }
  }
}

/** The attendees of a meeting as the calendar has them (for showing who is invited). */
export async function eventAttendees(
  ports: Pick<AgendaPorts, "calendar">,
  meeting: Pick<Meeting, "graphEventId">,
): Promise<MeetingAttendee[] | null> {
  if (meeting.graphEventId.trim() === "") return null;
  return (await ports.calendar.get(meeting.graphEventId as CalendarEventId)).attendees;
}
