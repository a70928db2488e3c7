/**
 * The meeting plan's use cases against the local Microsoft 365 (SharePoint lists provisioned
 * from lists-schema, the Graph calendar and directory), as the secretary: a quarterly series
 * makes 4 list items and 4 Teams meetings in the secretary's calendar with the committee's
 * members as attendees; a retried create with the item's key returns the same event; a create
 * Graph refuses leaves the item "not in the calendar" and the retry completes it once; a move is
 * seen in the calendar (and a stale changeKey refused), a cancel too, with the attendees told.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { CalendarEventId } from "../../src/domain/communication.js";
import { isStoreError, type StoreError } from "../../src/domain/errors.js";
import {
  calendarStatus,
  meetingIdempotencyKey,
  type PlanForm,
} from "../../src/domain/meeting-plan.js";
import type { Meeting } from "../../src/domain/meetings.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { isTeamsJoinUrl } from "../../src/domain/teams-links.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import {
  addMeetingToCalendar,
  cancelMeeting,
  createPlannedMeetings,
  loadMeetingPlan,
  type MeetingPlanPorts,
  moveMeeting,
  readMeetingEvent,
} from "../../src/use-cases/meeting-plan.js";
import { aSetting } from "../support/builders.js";
import { accepted, refusal } from "../support/outcome.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const COMMITTEE_GROUP = "7c1d2e3f-0a1b-4c5d-8e9f-000000000001";
const clock = { now: () => new Date("2026-06-01T08:00:00Z") };
const links = { link: (route: string) => `https://tab.example/app${route}` };

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let ports: MeetingPlanPorts;
let members: string[];
let planned: Meeting[];

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sp.m365.origin}/_admin${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

interface Notice {
  kind: string;
  recipient: string;
  comment: string | null;
}

async function noticesOf(id: string): Promise<Notice[]> {
  const answer = (await admin("GET", `/graph/notices?eventId=${encodeURIComponent(id)}`)) as {
    value: Notice[];
  };
  return answer.value;
}

/** Instants as one string form (the list answers `…:00Z`). */
const iso = (instant: string) => new Date(instant).toISOString();

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (isStoreError(e)) return e;
    throw e;
  }
  throw new Error("Expected a StoreError");
}

const quarterly2027: PlanForm = {
  pattern: { kind: "quarterly", year: 2027, weekday: 2, nth: 1, monthInQuarter: 0 },
  startTime: "09:00",
  durationMinutes: 120,
  location: "Rådhuset, mødelokale 2",
  kind: "Ordinært møde",
};

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  const graph = createGraphAdapters({
    baseUrl: sp.m365.graph,
    tokens: devTokenProvider(sp.users.secretary),
  });
  ports = { ...secretary, calendar: graph.calendar, directory: graph.directory, clock };
  await secretary.repositories.settings.add(
    aSetting({ key: SETTING_KEYS.committeeTeamId, value: COMMITTEE_GROUP }),
  );
  members = (await graph.directory.membersOf(COMMITTEE_GROUP)).map((m) => m.email);
}, 60_000);
afterAll(() => sp.close());
afterEach(() => fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" }));

test("a quarterly series: 4 items and 4 Teams meetings in the secretary's calendar, members invited", async () => {
  const result = await accepted(createPlannedMeetings(ports, quarterly2027, links));
  expect(result.notCreated).toEqual([]);
  expect(result.created.map((o) => o.calendarError)).toEqual([null, null, null, null]);
  planned = result.created.map((o) => o.meeting);

  const page = await loadMeetingPlan(ports, 2027);
  expect(page.meetings.map((m) => [m.title, iso(m.start), m.state])).toEqual([
    ["Styregruppemøde 5. januar 2027", "2027-01-05T08:00:00.000Z", "Planlagt"],
    ["Styregruppemøde 6. april 2027", "2027-04-06T07:00:00.000Z", "Planlagt"],
    ["Styregruppemøde 6. juli 2027", "2027-07-06T07:00:00.000Z", "Planlagt"],
    ["Styregruppemøde 5. oktober 2027", "2027-10-05T07:00:00.000Z", "Planlagt"],
  ]);
  expect(page.summary).toMatchObject({ planned: 4, missing: 0 });
  for (const m of page.meetings) {
    expect(m.graphEventId).not.toBe("");
    expect(isTeamsJoinUrl(m.joinUrl)).toBe(true);
  }

  const events = await ports.calendar.listBetween("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
  expect(events.map((e) => e.id).sort()).toEqual(page.meetings.map((m) => m.graphEventId).sort());
  for (const e of events) {
    expect(e.organizerEmail).toBe(sp.users.secretary);
    expect(e.attendees.map((a) => a.email).sort()).toEqual([...members].sort());
    expect(e.location).toBe("Rådhuset, mødelokale 2");
    expect(e.online).toBe(true);
    expect(e.agendaHtml).toContain("https://tab.example/app#/moeder/");
  }
  expect(members).toContain(sp.users.chair);
  const notices = await noticesOf(events[0]!.id);
  expect(
    notices
      .filter((n) => n.kind === "created")
      .map((n) => n.recipient)
      .sort(),
  ).toEqual([...members].sort());
}, 60_000);

test("a retried create with the item's key returns the same event, not a second one", async () => {
  const item = planned[0]!;
  const again = await ports.calendar.schedule({
    subject: item.title,
    agendaHtml: "",
    start: item.start,
    end: item.end,
    timeZone: "Europe/Copenhagen",
    attendees: [],
    idempotencyKey: meetingIdempotencyKey(item),
  });
  expect(again.id).toBe(item.graphEventId);
  const inJanuary = await ports.calendar.listBetween(
    "2027-01-01T00:00:00Z",
    "2027-02-01T00:00:00Z",
  );
  expect(inJanuary).toHaveLength(1);
  // And the use case's retry on a meeting already in the calendar calls Graph no more.
  const same = await accepted(addMeetingToCalendar(ports, item.id, links));
  expect(same.graphEventId).toBe(item.graphEventId);
}, 60_000);

test("Graph refuses the create: the item is kept 'not in the calendar'; the retry completes it once", async () => {
  await admin("POST", "/faults/queue", {
    status: 500,
    match: "/me/events",
    method: "POST",
    count: 1,
    retryAfter: 0,
  });
  const result = await accepted(
    createPlannedMeetings(
      ports,
      { ...quarterly2027, pattern: { kind: "dates", dates: ["2027-11-16"] } },
      links,
    ),
  );
  const [outcome] = result.created;
  expect(outcome!.calendarError).not.toBeNull();
  const kept = await secretary.repositories.meetings.get(outcome!.meeting.id);
  expect(kept.graphEventId).toBe("");
  expect(calendarStatus(kept, clock.now())).toBe("notInCalendar");
  const inNovember = () =>
    ports.calendar.listBetween("2027-11-01T00:00:00Z", "2027-12-01T00:00:00Z");
  expect(await inNovember()).toHaveLength(0);

  const done = await accepted(addMeetingToCalendar(ports, kept.id, links));
  expect(done.graphEventId).not.toBe("");
  expect(isTeamsJoinUrl(done.joinUrl)).toBe(true);
  await accepted(addMeetingToCalendar(ports, kept.id, links));
  const events = await inNovember();
  expect(events.map((e) => e.id)).toEqual([done.graphEventId]);
  expect((await secretary.repositories.meetings.get(kept.id)).graphEventId).toBe(done.graphEventId);
}, 60_000);

test("a move is seen in the calendar and told to the attendees; a stale changeKey is refused", async () => {
  const meeting = await secretary.repositories.meetings.get(planned[1]!.id);
  const event = (await readMeetingEvent(ports, meeting))!;
  const moved = await accepted(
    moveMeeting(ports, {
      meeting,
      form: { date: "2027-04-13", startTime: "13:00", durationMinutes: 90 },
      changeKey: event.changeKey,
    }),
  );
  expect([iso(moved.meeting.start), iso(moved.meeting.end)]).toEqual([
    "2027-04-13T11:00:00.000Z",
    "2027-04-13T12:30:00.000Z",
  ]);
  const inCalendar = await ports.calendar.get(meeting.graphEventId as CalendarEventId);
  expect([iso(inCalendar.start), iso(inCalendar.end)]).toEqual([
    "2027-04-13T11:00:00.000Z",
    "2027-04-13T12:30:00.000Z",
  ]);
  expect(
    (await noticesOf(meeting.graphEventId))
      .filter((n) => n.kind === "updated")
      .map((n) => n.recipient)
      .sort(),
  ).toEqual([...members].sort());
  const stored = await secretary.repositories.meetings.get(meeting.id);
  expect(iso(stored.start)).toBe("2027-04-13T11:00:00.000Z");

  // The first read's changeKey is stale now: refused, nothing changed.
  const e = await rejection(
    accepted(
      moveMeeting(ports, {
        meeting: stored,
        form: { date: "2027-04-20", startTime: "09:00", durationMinutes: 60 },
        changeKey: event.changeKey,
      }),
    ),
  );
  expect(e.kind).toBe("Conflict");
  expect(iso((await ports.calendar.get(meeting.graphEventId as CalendarEventId)).start)).toBe(
    "2027-04-13T11:00:00.000Z",
  );
  expect(iso((await secretary.repositories.meetings.get(meeting.id)).start)).toBe(
    "2027-04-13T11:00:00.000Z",
  );
}, 60_000);

test("a cancel leaves the calendar, tells the attendees with the message, and keeps the item as Aflyst", async () => {
  const meeting = await secretary.repositories.meetings.get(planned[2]!.id);
  const cancelled = await accepted(
    cancelMeeting(ports, {
      meeting,
      message: "Mødet aflyses; vi ses i oktober.",
    }),
  );
  expect(cancelled.state).toBe("Aflyst");
  const gone = await rejection(ports.calendar.get(meeting.graphEventId as CalendarEventId));
  expect(gone.kind).toBe("NotFound");
  const told = (await noticesOf(meeting.graphEventId)).filter((n) => n.kind === "cancelled");
  expect(told.map((n) => n.recipient).sort()).toEqual([...members].sort());
  expect(told.every((n) => n.comment === "Mødet aflyses; vi ses i oktober.")).toBe(true);
  const page = await loadMeetingPlan(ports, 2027);
  expect(page.meetings.find((m) => m.id === meeting.id)?.state).toBe("Aflyst");
  // Cancelled ones do not count: 5 meetings, 1 cancelled.
  expect(page.summary).toMatchObject({ planned: 4, cancelled: 1, missing: 0 });
}, 60_000);

test("a member may not plan", async () => {
  const member = sp.adaptersFor(sp.users.members[0]!);
  const e = await refusal(createPlannedMeetings({ ...ports, ...member }, quarterly2027, links));
  expect(e.code).toBe("meetings.problem.notPlanner");
}, 60_000);
