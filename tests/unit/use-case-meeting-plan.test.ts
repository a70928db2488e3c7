/**
 * The meeting plan's use cases with in-memory repositories and a fake Graph calendar: planning
 * creates one item and one Teams meeting per date with the item's idempotency key; a failed
 * Graph call leaves the item "not in the calendar" and a retry completes it exactly once (also
 * when Graph did make the event but the answer was lost); moving is guarded by the event's
 * changeKey; cancelling tells the attendees and keeps the item as Aflyst.
 */
import { isStoreError, StoreError } from "../../src/domain/errors.js";
import type { PlanForm } from "../../src/domain/meeting-plan.js";
import { calendarStatus } from "../../src/domain/meeting-plan.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import {
  addMeetingToCalendar,
  cancelMeeting,
  createPlannedMeetings,
  loadMeetingPlan,
  moveMeeting,
  readMeetingEvent,
} from "../../src/use-cases/meeting-plan.js";
import { aMeeting, aSetting } from "../support/builders.js";
import { aClock, chair, me, secretary } from "../support/builders-lifecycle.js";
import { FakeCalendar } from "../support/fake-calendar.js";
import { COMMITTEE_TEAM_ID, FakeDirectory, MEMBERS } from "../support/meeting-plan-fakes.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { accepted, refusal } from "../support/outcome.js";

const clock = aClock("2026-01-02T10:00:00Z");
const links = { link: (route: string) => `https://tab.example/app${route}` };

function setup(who: Me = me(secretary, "secretary")) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.settings.seed(
    aSetting({ key: SETTING_KEYS.committeeTeamId, value: COMMITTEE_TEAM_ID }),
    aSetting({ key: SETTING_KEYS.minMeetingsPerYear, value: "4" }),
  );
  const calendar = new FakeCalendar();
  const directory = new FakeDirectory();
  const ports = {
    repositories,
    calendar,
    directory,
    clock,
    currentUser: { me: () => Promise.resolve(who) },
  };
  return { memory, ports, calendar, directory };
}

const quarterly: PlanForm = {
  pattern: { kind: "quarterly", year: 2026, weekday: 2, nth: 1, monthInQuarter: 0 },
  startTime: "09:00",
  durationMinutes: 120,
  location: "Rådhuset, mødelokale 2",
  kind: "Ordinært møde",
};

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (isStoreError(e)) return e;
    throw e;
  }
  throw new Error("Expected a StoreError");
}

describe("planning the year", () => {
  test("four items and four Teams meetings for the members, each with its item's idempotency key", async () => {
    const { memory, ports, calendar } = setup();
    const result = await accepted(createPlannedMeetings(ports, quarterly, links));
    expect(result.notCreated).toEqual([]);
    expect(result.created.map((o) => o.calendarError)).toEqual([null, null, null, null]);
    const items = memory.meetings.all().sort((a, b) => a.id - b.id);
    expect(items).toHaveLength(4);
    const schedules = calendar.calls.filter(([m]) => m === "schedule").map(([, r]) => r);
    expect(schedules).toHaveLength(4);
    items.forEach((item, i) => {
      const request = schedules[i] as Record<string, unknown>;
      expect(request).toMatchObject({
        subject: item.title,
        start: item.start,
        end: item.end,
        timeZone: "Europe/Copenhagen",
        location: "Rådhuset, mødelokale 2",
        online: true,
        idempotencyKey: `digistyr-meeting-${item.id}-${Date.parse(item.created) / 1000}`,
        attendees: MEMBERS.map((m) => ({ email: m.email, name: m.name })),
      });
      expect(request.agendaHtml).toContain(`href="https://tab.example/app#/moeder/${item.id}"`);
      const event = calendar.events.get(item.graphEventId)!;
      expect(event).toBeDefined();
      expect(item.joinUrl).toBe(event.joinUrl);
      expect(item.state).toBe("Planlagt");
    });
    expect(items[1]!.start).toBe("2026-04-07T07:00:00.000Z");
    const page = await loadMeetingPlan(ports, 2026);
    expect(page.summary).toMatchObject({ planned: 4, missing: 0 });
    expect(page.mayPlan).toBe(true);
  });

  test("a chair may not plan; nothing is created", async () => {
    const { memory, ports, calendar } = setup(me(chair, "chair", "member"));
    const e = await refusal(createPlannedMeetings(ports, quarterly, links));
    expect(e.code).toBe("meetings.problem.notPlanner");
    expect(memory.meetings.all()).toHaveLength(0);
    expect(calendar.calls).toHaveLength(0);
  });

  test("without the committee's team in Settings nothing is created and it says why", async () => {
    const { memory, ports } = setup();
    memory.settings.items.clear();
    const e = await refusal(createPlannedMeetings(ports, quarterly, links));
    expect(e.code).toBe("meetings.problem.noCommitteeTeam");
    expect(memory.meetings.all()).toHaveLength(0);
  });

  test("a plan with a date in the past is refused before anything is written", async () => {
    const { memory, ports } = setup();
    const e = await refusal(
      createPlannedMeetings(
        ports,
        { ...quarterly, pattern: { kind: "dates", dates: ["2025-12-01", "2026-03-03"] } },
        links,
      ),
    );
    expect(e.code).toBe("meetings.problem.planNotCreatable");
    expect(memory.meetings.all()).toHaveLength(0);
  });

  test("a failed Graph call leaves that item marked; the retry completes it once", async () => {
    const { memory, ports, calendar } = setup();
    calendar.failNext("schedule", new StoreError("Unavailable", "Graph is down"));
    const result = await accepted(createPlannedMeetings(ports, quarterly, links));
    expect(result.created.map((o) => o.calendarError?.kind ?? null)).toEqual([
      "Unavailable",
      null,
      null,
      null,
    ]);
    const failed = result.created[0]!.meeting;
    const stored = await ports.repositories.meetings.get(failed.id);
    expect(stored.graphEventId).toBe("");
    expect(calendarStatus(stored, clock.now())).toBe("notInCalendar");
    expect(calendar.events.size).toBe(3);

    const done = await accepted(addMeetingToCalendar(ports, failed.id, links));
    expect(done.graphEventId).not.toBe("");
    expect(calendarStatus(done, clock.now())).toBe("inCalendar");
    expect(calendar.events.size).toBe(4);
    // A second retry finds it done and calls Graph no more.
    const schedulesBefore = calendar.calls.filter(([m]) => m === "schedule").length;
    const again = await accepted(addMeetingToCalendar(ports, failed.id, links));
    expect(again.graphEventId).toBe(done.graphEventId);
    expect(calendar.calls.filter(([m]) => m === "schedule")).toHaveLength(schedulesBefore);
    expect(memory.meetings.all().filter((m) => m.graphEventId === done.graphEventId)).toHaveLength(
      1,
    );
  });

  test("when Graph made the event but the answer was lost, the retry gets the same event (no duplicate)", async () => {
    const { ports, calendar } = setup();
    calendar.failNext("schedule", new StoreError("Unavailable", "Answer lost"), {
      afterWork: true,
    });
    const result = await accepted(
      createPlannedMeetings(
        ports,
        { ...quarterly, pattern: { kind: "dates", dates: ["2026-03-03"] } },
        links,
      ),
    );
    expect(result.created[0]!.calendarError?.kind).toBe("Unavailable");
    expect(calendar.events.size).toBe(1);
    const [made] = [...calendar.events.keys()];
    const done = await accepted(addMeetingToCalendar(ports, result.created[0]!.meeting.id, links));
    expect(done.graphEventId).toBe(made);
    expect(calendar.events.size).toBe(1);
  });

  test("when the directory fails every item is kept and marked, and can be completed", async () => {
    const { memory, ports, directory, calendar } = setup();
    directory.failNext(new StoreError("Throttled", "Too many requests"));
    const result = await accepted(
      createPlannedMeetings(
        ports,
        { ...quarterly, pattern: { kind: "dates", dates: ["2026-03-03", "2026-06-02"] } },
        links,
      ),
    );
    expect(result.created.map((o) => o.calendarError?.kind)).toEqual(["Throttled", "Throttled"]);
    expect(memory.meetings.all().map((m) => m.graphEventId)).toEqual(["", ""]);
    for (const o of result.created)
      await accepted(addMeetingToCalendar(ports, o.meeting.id, links));
    expect(calendar.events.size).toBe(2);
  });

  test("the item's write conflicting with someone else's save is done on the fresh item", async () => {
    const { memory, ports, calendar } = setup();
    const [item] = memory.meetings.seed(
      aMeeting({ start: "2026-03-03T08:00:00Z", end: "2026-03-03T10:00:00Z" }),
    );
    // Someone saves the item while the Teams meeting is being made.
    calendar.onSchedule = () => memory.meetings.touch(item!.id, { location: "Lokale 4" });
    const done = await accepted(addMeetingToCalendar(ports, item!.id, links));
    expect(memory.meetings.calls.filter(([m]) => m === "update")).toHaveLength(2);
    const stored = await ports.repositories.meetings.get(item!.id);
    expect(stored.location).toBe("Lokale 4");
    expect(stored.graphEventId).toBe([...calendar.events.keys()][0]);
    expect(done.graphEventId).toBe(stored.graphEventId);
  });

  test("a Teams meeting that came back without its join link gets it on the retry once Teams has it", async () => {
    const { memory, ports, calendar } = setup();
    calendar.withoutJoinUrl = true;
    const result = await accepted(
      createPlannedMeetings(
        ports,
        { ...quarterly, pattern: { kind: "dates", dates: ["2026-03-03"] } },
        links,
      ),
    );
    const item = result.created[0]!.meeting;
    expect(item.graphEventId).not.toBe("");
    expect(item.joinUrl).toBe("");
    // Still no link: nothing changes.
    expect((await accepted(addMeetingToCalendar(ports, item.id, links))).joinUrl).toBe("");
    const url = "https://teams.microsoft.com/l/meetup-join/19%3Ameeting_late/0";
    calendar.touch(item.graphEventId, { joinUrl: url });
    const done = await accepted(addMeetingToCalendar(ports, item.id, links));
    expect(done.joinUrl).toBe(url);
    expect(memory.meetings.all()[0]!.joinUrl).toBe(url);
    expect(calendar.calls.filter(([m]) => m === "schedule")).toHaveLength(1);
  });

  test("a cancelled meeting is not put in the calendar", async () => {
    const { memory, ports } = setup();
    const [item] = memory.meetings.seed(
      aMeeting({ state: "Aflyst", start: "2026-03-03T08:00:00Z", end: "2026-03-03T10:00:00Z" }),
    );
    expect((await refusal(addMeetingToCalendar(ports, item!.id, links))).code).toBe(
      "meetings.problem.cancelledNotInCalendar",
    );
  });
});

describe("moving and cancelling", () => {
  async function planned() {
    const s = setup();
    const result = await accepted(
      createPlannedMeetings(
        s.ports,
        { ...quarterly, pattern: { kind: "dates", dates: ["2026-03-03"] } },
        links,
      ),
    );
    return { ...s, meeting: result.created[0]!.meeting };
  }

  test("a move updates the Teams meeting with its changeKey and the item's start and end", async () => {
    const { ports, calendar, meeting } = await planned();
    const event = (await readMeetingEvent(ports, meeting))!;
    const moved = await accepted(
      moveMeeting(ports, {
        meeting,
        form: { date: "2026-04-14", startTime: "13:00", durationMinutes: 90 },
        changeKey: event.changeKey,
      }),
    );
    expect(moved.meeting.start).toBe("2026-04-14T11:00:00.000Z");
    expect(moved.meeting.end).toBe("2026-04-14T12:30:00.000Z");
    const after = calendar.events.get(meeting.graphEventId)!;
    expect([after.start, after.end]).toEqual([moved.meeting.start, moved.meeting.end]);
    expect(calendar.notices.filter((n) => n.kind === "updated").map((n) => n.recipient)).toEqual(
      MEMBERS.map((m) => m.email),
    );
    const stored = await ports.repositories.meetings.get(meeting.id);
    expect(stored.start).toBe("2026-04-14T11:00:00.000Z");
  });

  test("a moved meeting's title, item and Teams meeting, follows its new date", async () => {
    const { ports, calendar, meeting } = await planned();
    expect(meeting.title).toBe("Styregruppemøde 3. marts 2026");
    const event = (await readMeetingEvent(ports, meeting))!;
    const moved = await accepted(
      moveMeeting(ports, {
        meeting,
        form: { date: "2026-04-14", startTime: "13:00", durationMinutes: 90 },
        changeKey: event.changeKey,
      }),
    );
    expect(moved.meeting.title).toBe("Styregruppemøde 14. april 2026");
    expect((await ports.repositories.meetings.get(meeting.id)).title).toBe(
      "Styregruppemøde 14. april 2026",
    );
    expect(calendar.events.get(meeting.graphEventId)!.subject).toBe(
      "Styregruppemøde 14. april 2026",
    );
  });

  test("the plan shows a meeting whose end has passed as held, though nobody saved it", async () => {
    const s = setup();
    s.memory.meetings.seed(
      aMeeting({
        state: "Dagsorden udsendt",
        start: "2026-01-01T08:00:00Z",
        end: "2026-01-01T10:00:00Z",
      }),
    );
    const page = await loadMeetingPlan(s.ports, 2026);
    expect(page.meetings.map((m) => m.state)).toEqual(["Afholdt"]);
    expect(page.summary.held).toBe(1);
  });

  test("a stale changeKey is a Conflict and changes nothing", async () => {
    const { ports, calendar, meeting } = await planned();
    const event = (await readMeetingEvent(ports, meeting))!;
    calendar.touch(meeting.graphEventId, { location: "Flyttet i Outlook" });
    const e = await rejection(
      accepted(
        moveMeeting(ports, {
          meeting,
          form: { date: "2026-04-14", startTime: "13:00", durationMinutes: 90 },
          changeKey: event.changeKey,
        }),
      ),
    );
    expect(e.kind).toBe("Conflict");
    expect(calendar.events.get(meeting.graphEventId)!.start).toBe(meeting.start);
    expect((await ports.repositories.meetings.get(meeting.id)).start).toBe(meeting.start);
    // Re-read and try again: now it moves.
    const fresh = (await readMeetingEvent(ports, meeting))!;
    const moved = await accepted(
      moveMeeting(ports, {
        meeting,
        form: { date: "2026-04-14", startTime: "13:00", durationMinutes: 90 },
        changeKey: fresh.changeKey,
      }),
    );
    expect(moved.event!.location).toBe("Flyttet i Outlook");
  });

  test("moving without having read the Teams meeting, or into the past, is refused", async () => {
    const { ports, meeting } = await planned();
    expect(
      (
        await refusal(
          moveMeeting(ports, {
            meeting,
            form: { date: "2026-04-14", startTime: "13:00", durationMinutes: 90 },
            changeKey: null,
          }),
        )
      ).code,
    ).toBe("meetings.problem.eventNotRead");
    expect(
      await refusal(
        moveMeeting(ports, {
          meeting,
          form: { date: "2026-01-01", startTime: "13:00", durationMinutes: 90 },
          changeKey: "x",
        }),
      ),
    ).toEqual({ code: "meetings.move.problems.past", field: "past" });
  });

  test("a meeting not in the calendar moves only its item", async () => {
    const { memory, ports, calendar } = setup();
    const [item] = memory.meetings.seed(
      aMeeting({ start: "2026-03-03T08:00:00Z", end: "2026-03-03T10:00:00Z" }),
    );
    const moved = await accepted(
      moveMeeting(ports, {
        meeting: item!,
        form: { date: "2026-03-05", startTime: "09:00", durationMinutes: 60 },
        changeKey: null,
      }),
    );
    expect(moved.event).toBeNull();
    expect(moved.meeting.start).toBe("2026-03-05T08:00:00.000Z");
    expect(calendar.calls).toHaveLength(0);
  });

  test("cancelling tells the attendees with the message and keeps the item as Aflyst", async () => {
    const { ports, calendar, meeting } = await planned();
    const cancelled = await accepted(
      cancelMeeting(ports, {
        meeting,
        message: "Vi mødes i april i stedet.",
      }),
    );
    expect(cancelled.state).toBe("Aflyst");
    expect(calendar.events.has(meeting.graphEventId)).toBe(false);
    expect(
      calendar.notices.filter((n) => n.kind === "cancelled").map((n) => [n.recipient, n.comment]),
    ).toEqual(MEMBERS.map((m) => [m.email, "Vi mødes i april i stedet."]));
    const stored = await ports.repositories.meetings.get(meeting.id);
    expect(stored.state).toBe("Aflyst");
    expect(stored.graphEventId).toBe(meeting.graphEventId);
    const page = await loadMeetingPlan(ports, 2026);
    expect(page.meetings).toHaveLength(1);
    expect(page.summary).toMatchObject({ planned: 0, cancelled: 1, missing: 4 });
  });

  test("a cancel whose item write failed is completed by a retry (the event is already gone)", async () => {
    const { memory, ports, calendar, meeting } = await planned();
    memory.meetings.failNext("update", new StoreError("Unavailable", "SharePoint down"));
    expect((await rejection(accepted(cancelMeeting(ports, { meeting, message: "" })))).kind).toBe(
      "Unavailable",
    );
    expect(calendar.events.has(meeting.graphEventId)).toBe(false);
    expect((await ports.repositories.meetings.get(meeting.id)).state).toBe("Planlagt");
    const done = await accepted(cancelMeeting(ports, { meeting, message: "" }));
    expect(done.state).toBe("Aflyst");
    expect(calendar.notices.filter((n) => n.kind === "cancelled")).toHaveLength(MEMBERS.length);
  });

  test("a member may not cancel", async () => {
    const { ports, meeting } = await planned();
    const memberPorts = {
      ...ports,
      currentUser: { me: () => Promise.resolve(me(chair, "member")) },
    };
    expect((await refusal(cancelMeeting(memberPorts, { meeting, message: "" }))).code).toBe(
      "meetings.problem.notPlanner",
    );
  });

  test("the Teams meeting of an item: none without an event", async () => {
    const { ports } = setup();
    expect(await readMeetingEvent(ports, aMeeting())).toBeNull();
    const e = await rejection(readMeetingEvent(ports, aMeeting({ graphEventId: "AAMk-gone" })));
    expect(e.kind).toBe("NotFound");
  });
});
