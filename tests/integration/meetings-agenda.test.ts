/**
 * The agenda against the local Microsoft 365 (SharePoint lists provisioned from lists-schema,
 * the secretary's Graph calendar): a point about an initiative puts its area's representative
 * among the Teams meeting's attendees (optional, recorded on the point as InvitedAreas) and
 * removing the point takes them off again while the committee's members stay; the sent agenda
 * is the event's body with a typed `<script>` escaped; Graph failing (500, or 503 past the
 * adapter's retries) while sending leaves the meeting unmarked, and a retry marks it once.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import type { CalendarEventId } from "../../src/domain/communication.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import type { Meeting } from "../../src/domain/meetings.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import type { MeetingCalendar } from "../../src/ports/calendar.js";
import type { Directory } from "../../src/ports/directory.js";
import {
  addAgendaPoint,
  agendaItemsOf,
  type AgendaPorts,
  loadCandidates,
  removeAgendaPoint,
  sendAgenda,
  updateAgendaPoint,
} from "../../src/use-cases/agenda.js";
import { aMeeting, anArea, anInitiative, aSetting } from "../support/builders.js";
import { accepted } from "../support/outcome.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const COMMITTEE_GROUP = "7c1d2e3f-0a1b-4c5d-8e9f-000000000001";
const clock = { now: () => new Date() };

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let calendar: MeetingCalendar;
let directory: Directory;
let representative: Person;
let initiativeId: InitiativeId;
let committee: string[];

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  ({ calendar, directory } = createGraphAdapters({
    baseUrl: sp.m365.graph,
    tokens: devTokenProvider(sp.users.secretary),
  }));
  await secretary.repositories.settings.add(
    aSetting({ key: SETTING_KEYS.committeeTeamId, value: COMMITTEE_GROUP }),
  );
  committee = (await directory.membersOf(COMMITTEE_GROUP)).map((p) => p.email.toLowerCase());
  // A contributor (not on the committee) represents the area.
  const repUpn = sp.users.contributors.find((u) => !committee.includes(u.toLowerCase()))!;
  representative = await secretary.people.ensure(repUpn);
  const area = await secretary.repositories.areas.add(
    anArea({ title: "Børn og Unge", abbreviation: "BU", representatives: [representative] }),
  );
  const initiative = await secretary.repositories.initiatives.add(
    anInitiative({
      title: "Digital pladsanvisning",
      phase: "Klar til prioritering",
      area: { id: area.id, title: area.title },
    }),
  );
  initiativeId = initiative.id;
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

afterEach(() => fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" }));

function ports(): AgendaPorts & { linkTo: (route: string) => string } {
  return {
    ...secretary,
    calendar,
    directory,
    clock,
    linkTo: (route) => `https://teams.example/digistyr${route}`,
  };
}

/** A Teams meeting for the committee in the secretary's calendar, and its list item. */
async function plannedMeeting(title: string): Promise<Meeting> {
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCHours(7, 0, 0, 0);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const event = await calendar.schedule({
    subject: title,
    agendaHtml: "",
    start: start.toISOString(),
    end: end.toISOString(),
    timeZone: "Europe/Copenhagen",
    attendees: committee.map((email) => ({ email })),
    idempotencyKey: crypto.randomUUID(),
  });
  return secretary.repositories.meetings.add(
    aMeeting({
      title,
      start: start.toISOString(),
      end: end.toISOString(),
      graphEventId: event.id,
      joinUrl: event.joinUrl ?? "",
    }),
  );
}

async function attendeesOf(meeting: Meeting): Promise<{ email: string; optional: boolean }[]> {
  const event = await calendar.get(meeting.graphEventId as CalendarEventId);
  return event.attendees.map((a) => ({
    email: a.email.toLowerCase(),
    optional: a.optional === true,
  }));
}

test(
  "the area's representative joins the event's attendees with the point and leaves with it; members stay",
  async () => {
    const meeting = await plannedMeeting("Styregruppemøde med repræsentant");
    const candidates = await loadCandidates(ports(), meeting, []);
    const candidate = candidates
      .flatMap((g) => g.candidates)
      .find((c) => c.key === `initiative:${initiativeId}`);
    expect(candidate).toMatchObject({ group: "decision", kind: "Beslutning" });

    const added = await accepted(
      addAgendaPoint(ports(), meeting.id, {
        kind: "candidate",
        candidate: candidate!,
      }),
    );
    expect(added.attendees).toEqual({
      kind: "updated",
      added: [representative.email],
      removed: [],
      addedNames: [representative.name],
      removedNames: [],
    });
    expect((await secretary.repositories.agendaItems.get(added.item.id)).invitedAreas).toEqual([
      expect.objectContaining({ title: "Børn og Unge" }),
    ]);
    expect(await attendeesOf(meeting)).toContainEqual({
      email: representative.email.toLowerCase(),
      optional: true,
    });

    const removed = await accepted(removeAgendaPoint(ports(), meeting.id, added.item));
    expect(removed).toMatchObject({
      kind: "updated",
      removed: [representative.email],
      removedNames: [representative.name],
    });
    const after = await attendeesOf(meeting);
    expect(after.map((a) => a.email)).not.toContain(representative.email.toLowerCase());
    expect(after.map((a) => a.email).sort()).toEqual([...committee].sort());
    expect(await agendaItemsOf(secretary.repositories, meeting.id)).toEqual([]);
  },
  SLOW,
);

test(
  "the sent agenda is the event's body (a typed <script> escaped); a Graph fault while sending marks nothing, the retry marks once",
  async () => {
    const meeting = await plannedMeeting("Styregruppemøde med dagsorden");
    const { item } = await accepted(
      addAgendaPoint(ports(), meeting.id, {
        kind: "free",
        title: "Orientering <script>alert(1)</script>",
      }),
    );
    await accepted(
      updateAgendaPoint(ports(), item, {
        kind: "Beslutning",
        durationMinutes: 30,
        recommendation: 'Sekretariatet indstiller, at "planen" godkendes.',
      }),
    );

    // Graph fails outright (500) on the event's update: nothing is marked.
    await sp.queueFault({ status: 500, match: "/events/", method: "PATCH" });
    await expect(
      sendAgenda(ports(), meeting.id, { confirmOverrun: false, meetingRoute: "#/moeder/1" }),
    ).rejects.toMatchObject({ kind: "Unavailable" });
    expect(await secretary.repositories.meetings.get(meeting.id)).toMatchObject({
      state: "Planlagt",
      agendaSentAt: null,
    });
    // Graph down (503) for longer than the adapter waits: still nothing marked.
    await sp.queueFault({ status: 503, match: "/events/", method: "PATCH", retryAfter: 3600 });
    await expect(
      sendAgenda(ports(), meeting.id, { confirmOverrun: false, meetingRoute: "#/moeder/1" }),
    ).rejects.toMatchObject({ kind: "Unavailable" });
    expect((await secretary.repositories.meetings.get(meeting.id)).agendaSentAt).toBeNull();
    await fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" });

    const before = await secretary.repositories.meetings.get(meeting.id);
    // The failed sends wrote nothing to the meeting's item.
    expect(before.version).toBe(meeting.version);
    const sent = await sendAgenda(ports(), meeting.id, {
      confirmOverrun: false,
      meetingRoute: `#/moeder/${meeting.id}`,
    });
    expect(sent.ok).toBe(true);
    const marked = await secretary.repositories.meetings.get(meeting.id);
    expect(marked.state).toBe("Dagsorden udsendt");
    expect(marked.agendaSentAt).not.toBeNull();
    // Marked once: exactly one write after the one that created the item.
    const revision = (v: string) => Number(/(\d+)"?$/.exec(v)?.[1]);
    expect(Number.isInteger(revision(before.version))).toBe(true);
    expect(revision(marked.version)).toBe(revision(before.version) + 1);

    const event = await calendar.get(meeting.graphEventId as CalendarEventId);
    expect(event.agendaHtml).toContain("Dagsorden: Styregruppemøde med dagsorden");
    expect(event.agendaHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(event.agendaHtml).not.toContain("<script");
    expect(event.agendaHtml).toContain("Sekretariatet indstiller");
    expect(event.agendaHtml).toContain(
      `href="https://teams.example/digistyr#/moeder/${meeting.id}#punkt-${item.id}"`,
    );
  },
  SLOW,
);
