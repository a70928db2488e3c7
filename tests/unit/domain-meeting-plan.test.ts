import type { Person, Stored } from "../../src/domain/common.js";
import { nextMeetingOf } from "../../src/domain/dashboard.js";
import { idOf, type PersonId, versionOf } from "../../src/domain/ids.js";
import {
  addMonths,
  calendarStatus,
  copenhagenToUtc,
  copenhagenWallClock,
  datesOfPattern,
  decisionFilterOptions,
  filterDecisions,
  invitationHtml,
  isOverdue,
  joinLinkOf,
  mayChangeMeeting,
  mayPlanMeetings,
  meetingIdempotencyKey,
  meetingsOfYear,
  meetingTitle,
  minimumPerYear,
  moveFormOf,
  nthWeekdayOfMonth,
  openActionsByOwner,
  type PlanForm,
  planMove,
  previewPlan,
  progressOf,
  yearSummary,
} from "../../src/domain/meeting-plan.js";
import type { Decision, FollowUpAction, Meeting } from "../../src/domain/meetings.js";
import { toHtmlString } from "../../src/domain/safe-html.js";
import type { Setting } from "../../src/domain/strategy.js";
import { isTeamsJoinUrl } from "../../src/domain/teams-links.js";
import {
  aDecision,
  aFollowUpAction,
  aMeeting,
  aPerson,
  aRef,
  aSetting,
} from "../support/builders.js";

function stored<D extends object, T extends Stored<D, unknown>>(id: number, draft: D): T {
  return {
    ...draft,
    id,
    version: versionOf('"1"'),
    created: "2026-01-01T00:00:00Z",
    modified: "2026-01-01T00:00:00Z",
    createdBy: null,
    modifiedBy: null,
  } as unknown as T;
}

const meeting = (id: number, o: Parameters<typeof aMeeting>[0] = {}) =>
  stored<ReturnType<typeof aMeeting>, Meeting>(id, aMeeting(o));

const NOW = new Date("2026-01-02T10:00:00Z");

function form(o: Partial<PlanForm> = {}): PlanForm {
  return {
    pattern: { kind: "quarterly", year: 2026, weekday: 2, nth: 1, monthInQuarter: 0 },
    startTime: "09:00",
    durationMinutes: 120,
    location: "Rådhuset, mødelokale 2",
    kind: "Ordinært møde",
    ...o,
  };
}

describe("Danish wall clock", () => {
  test.each([
    ["winter", "2026-01-06", "09:00", "2026-01-06T08:00:00.000Z"],
    ["summer", "2026-07-07", "09:00", "2026-07-07T07:00:00.000Z"],
    // 29 March 2026: clocks go 02:00 → 03:00.
    ["before summer time starts", "2026-03-29", "01:30", "2026-03-29T00:30:00.000Z"],
    ["the skipped hour reads as the hour after", "2026-03-29", "02:30", "2026-03-29T01:30:00.000Z"],
    ["the day summer time starts", "2026-03-29", "09:00", "2026-03-29T07:00:00.000Z"],
    // 25 October 2026: clocks go 03:00 → 02:00.
    ["the day before summer time ends", "2026-10-24", "09:00", "2026-10-24T07:00:00.000Z"],
    ["the day summer time ends", "2026-10-25", "09:00", "2026-10-25T08:00:00.000Z"],
    ["new year's eve", "2026-12-31", "23:30", "2026-12-31T22:30:00.000Z"],
  ])("%s: %s %s Danish time is %s", (_name, date, time, utc) => {
    expect(copenhagenToUtc(date, time)).toBe(utc);
  });

  test("the wall clock of an instant round-trips", () => {
    for (const [date, time] of [
      ["2026-03-28", "09:00"],
      ["2026-03-30", "09:00"],
      ["2026-10-26", "14:15"],
      ["2026-12-31", "23:30"],
    ] as const) {
      const wall = copenhagenWallClock(copenhagenToUtc(date, time));
      expect([wall.date, wall.time]).toEqual([date, time]);
    }
  });

  test("a meeting at 00:30 on 1 January belongs to the new Danish year", () => {
    const m = meeting(1, {
      start: copenhagenToUtc("2027-01-01", "00:30"),
      end: copenhagenToUtc("2027-01-01", "01:30"),
    });
    expect(m.start).toBe("2026-12-31T23:30:00.000Z");
    expect(meetingsOfYear([m], 2027)).toHaveLength(1);
    expect(meetingsOfYear([m], 2026)).toHaveLength(0);
  });
});

describe("series dates", () => {
  test("the first Tuesday of each quarter", () => {
    expect(datesOfPattern(form().pattern)).toEqual([
      "2026-01-06",
      "2026-04-07",
      "2026-07-07",
      "2026-10-06",
    ]);
  });

  test("the last Thursday of each quarter's last month", () => {
    expect(
      datesOfPattern({ kind: "quarterly", year: 2026, weekday: 4, nth: 5, monthInQuarter: 2 }),
    ).toEqual(["2026-03-26", "2026-06-25", "2026-09-24", "2026-12-31"]);
  });

  test("nth weekday when the month starts on that day", () => {
    // 1 September 2026 is a Tuesday.
    expect(nthWeekdayOfMonth(2026, 8, 2, 1)).toBe("2026-09-01");
    expect(nthWeekdayOfMonth(2026, 8, 2, 2)).toBe("2026-09-08");
  });

  test("every 3 months from a start date crosses the year end and keeps the month's last day", () => {
    expect(
      datesOfPattern({ kind: "interval", firstDate: "2026-08-31", everyMonths: 3, count: 4 }),
    ).toEqual(["2026-08-31", "2026-11-30", "2027-02-28", "2027-05-31"]);
    expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
  });

  test("single dates are sorted and deduplicated", () => {
    expect(
      datesOfPattern({ kind: "dates", dates: ["2026-05-05", " ", "2026-02-03", "2026-05-05"] }),
    ).toEqual(["2026-02-03", "2026-05-05"]);
  });

  test("a quarterly series across summer time keeps 09:00 local time", () => {
    const preview = previewPlan(form(), [], NOW);
    expect(preview.canCreate).toBe(true);
    expect(preview.meetings.map((m) => [m.draft.start, m.draft.end])).toEqual([
      ["2026-01-06T08:00:00.000Z", "2026-01-06T10:00:00.000Z"],
      ["2026-04-07T07:00:00.000Z", "2026-04-07T09:00:00.000Z"],
      ["2026-07-07T07:00:00.000Z", "2026-07-07T09:00:00.000Z"],
      ["2026-10-06T07:00:00.000Z", "2026-10-06T09:00:00.000Z"],
    ]);
    expect(preview.meetings[0]!.draft).toMatchObject({
      title: "Styregruppemøde 6. januar 2026",
      state: "Planlagt",
      graphEventId: "",
      joinUrl: "",
      location: "Rådhuset, mødelokale 2",
      kind: "Ordinært møde",
    });
  });
});

describe("plan preview", () => {
  test("dates in the past and clashes with a planned meeting block; a cancelled one does not clash", () => {
    const planned = meeting(9, {
      title: "Ekstra",
      start: "2026-04-07T07:30:00Z",
      end: "2026-04-07T08:30:00Z",
    });
    const cancelled = meeting(10, {
      start: "2026-07-07T07:00:00Z",
      end: "2026-07-07T09:00:00Z",
      state: "Aflyst",
    });
    const preview = previewPlan(form(), [planned, cancelled], new Date("2026-02-01T00:00:00Z"));
    expect(preview.canCreate).toBe(false);
    expect(preview.meetings.map((m) => m.problems)).toEqual([
      [{ kind: "past" }],
      [{ kind: "clash", with: { id: 9, title: "Ekstra" } }],
      [],
      [],
    ]);
  });

  test("form problems: time, duration, a series without dates, too many", () => {
    expect(previewPlan(form({ startTime: "9" }), [], NOW).formProblems).toEqual(["startTime"]);
    expect(previewPlan(form({ durationMinutes: 5 }), [], NOW).formProblems).toEqual(["duration"]);
    expect(
      previewPlan(form({ pattern: { kind: "dates", dates: [] } }), [], NOW).formProblems,
    ).toEqual(["noDates"]);
    expect(
      previewPlan(
        form({ pattern: { kind: "interval", firstDate: "2026-02-01", everyMonths: 1, count: 40 } }),
        [],
        NOW,
      ).formProblems,
    ).toEqual(["tooMany"]);
    expect(
      previewPlan(
        form({ pattern: { kind: "interval", firstDate: "2026-02-30", everyMonths: 3, count: 2 } }),
        [],
        NOW,
      ).formProblems,
    ).toEqual(["pattern"]);
  });

  test("an invalid single date is a problem of that date", () => {
    const preview = previewPlan(
      form({ pattern: { kind: "dates", dates: ["2026-02-31", "2026-02-07"] } }),
      [],
      NOW,
    );
    expect(preview.meetings.map((m) => m.date)).toEqual(["2026-02-07", "2026-02-31"]);
    expect(preview.meetings[1]!.problems).toEqual([{ kind: "invalidDate", date: "2026-02-31" }]);
    expect(preview.canCreate).toBe(false);
  });

  test("a weekend is a warning, not a problem", () => {
    const preview = previewPlan(
      form({ pattern: { kind: "dates", dates: ["2026-02-07"] } }),
      [],
      NOW,
    );
    expect(preview.meetings[0]!.warnings).toEqual([{ kind: "weekend" }]);
    expect(preview.canCreate).toBe(true);
  });

  test("titles per kind", () => {
    expect(meetingTitle("2026-10-06", "Temamøde")).toBe("Temamøde 6. oktober 2026");
    expect(meetingTitle("2026-10-06", "Ekstraordinært møde")).toBe(
      "Ekstraordinært styregruppemøde 6. oktober 2026",
    );
  });
});

describe("minimum per year", () => {
  const settings = (value: string): Setting[] => [
    stored(1, aSetting({ key: "meetings.minPerYear", value })),
  ];

  test("the setting, or 4", () => {
    expect(minimumPerYear(settings("6"))).toBe(6);
    expect(minimumPerYear(settings("x"))).toBe(4);
    expect(minimumPerYear([])).toBe(4);
  });

  test("planned and held count, cancelled ones do not; says how many are missing", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const all = [
      meeting(1, {
        start: "2026-02-03T08:00:00Z",
        end: "2026-02-03T10:00:00Z",
        state: "Referat udsendt",
      }),
      // Ended but never marked held: still held.
      meeting(2, { start: "2026-05-05T07:00:00Z", end: "2026-05-05T09:00:00Z" }),
      meeting(3, { start: "2026-09-01T07:00:00Z", end: "2026-09-01T09:00:00Z" }),
      meeting(4, { start: "2026-11-03T08:00:00Z", end: "2026-11-03T10:00:00Z", state: "Aflyst" }),
      meeting(5, { start: "2025-11-03T08:00:00Z", end: "2025-11-03T10:00:00Z" }),
    ];
    expect(yearSummary(all, 2026, 4, now)).toEqual({
      year: 2026,
      minimum: 4,
      planned: 1,
      held: 2,
      cancelled: 1,
      missing: 1,
    });
    expect(yearSummary(all, 2027, 4, now).missing).toBe(4);
    expect(
      yearSummary(
        [...all, meeting(6, { start: "2026-12-01T08:00:00Z", end: "2026-12-01T09:00:00Z" })],
        2026,
        4,
        now,
      ).missing,
    ).toBe(0);
  });
});

describe("calendar, join link, rights", () => {
  const now = new Date("2026-03-01T00:00:00Z");

  test("calendar status", () => {
    expect(calendarStatus(aMeeting({ graphEventId: "AAMk1" }), now)).toBe("inCalendar");
    expect(calendarStatus(aMeeting(), now)).toBe("notInCalendar");
    expect(calendarStatus(aMeeting({ end: "2026-02-01T10:00:00Z" }), now)).toBe("none");
    expect(calendarStatus(aMeeting({ state: "Aflyst", graphEventId: "x" }), now)).toBe("cancelled");
  });

  test("the join link is shown only when it is a Teams link", () => {
    const ok = "https://teams.microsoft.com/l/meetup-join/19%3Ameeting/0";
    expect(joinLinkOf({ joinUrl: ok }, isTeamsJoinUrl)).toEqual({ kind: "ok", url: ok });
    expect(joinLinkOf({ joinUrl: " " }, isTeamsJoinUrl)).toEqual({ kind: "missing" });
    expect(joinLinkOf({ joinUrl: "javascript:alert(1)" }, isTeamsJoinUrl)).toEqual({
      kind: "untrusted",
    });
    expect(
      joinLinkOf({ joinUrl: "https://evil.example/teams.microsoft.com" }, isTeamsJoinUrl),
    ).toEqual({
      kind: "untrusted",
    });
  });

  test("the idempotency key comes from the list item: its id and when it was created", () => {
    expect(meetingIdempotencyKey({ id: 12, created: "2026-03-02T09:00:00Z" })).toBe(
      "digistyr-meeting-12-1772442000",
    );
    // The same item read again (another string form) gives the same key; a newer item with a
    // reused id does not.
    expect(meetingIdempotencyKey({ id: 12, created: "2026-03-02T09:00:00.000Z" })).toBe(
      "digistyr-meeting-12-1772442000",
    );
    expect(meetingIdempotencyKey({ id: 12, created: "2026-05-02T09:00:00Z" })).not.toBe(
      "digistyr-meeting-12-1772442000",
    );
  });

  test("the secretary and the owners plan; the chair and members do not", () => {
    const me = (roles: ("secretary" | "owner" | "chair" | "member")[]) => ({
      person: aPerson(),
      roles,
    });
    expect(mayPlanMeetings(me(["secretary"]))).toBe(true);
    expect(mayPlanMeetings(me(["owner"]))).toBe(true);
    expect(mayPlanMeetings(me(["chair", "member"]))).toBe(false);
  });

  test("only coming meetings that are not held or cancelled may be moved or cancelled", () => {
    expect(mayChangeMeeting(aMeeting(), now)).toBe(true);
    expect(mayChangeMeeting(aMeeting({ state: "Dagsorden udsendt" }), now)).toBe(true);
    expect(mayChangeMeeting(aMeeting({ state: "Aflyst" }), now)).toBe(false);
    expect(mayChangeMeeting(aMeeting({ state: "Afholdt" }), now)).toBe(false);
    expect(mayChangeMeeting(aMeeting({ end: "2026-02-01T00:00:00Z" }), now)).toBe(false);
  });

  test("agenda and minutes progress", () => {
    expect(progressOf(meeting(1))).toEqual({ agenda: "notSent", minutes: "none" });
    expect(progressOf(meeting(1, { state: "Dagsorden udsendt" }))).toEqual({
      agenda: "sent",
      minutes: "none",
    });
    expect(progressOf(meeting(1, { state: "Referat godkendt" })).minutes).toBe("approved");
    expect(progressOf(meeting(1, { state: "Referat udsendt" })).minutes).toBe("posted");
    expect(progressOf(meeting(1, { state: "Afholdt" })).minutes).toBe("draft");
  });
});

describe("moving", () => {
  const now = new Date("2026-03-01T00:00:00Z");
  const m = aMeeting({ start: "2026-03-10T08:00:00Z", end: "2026-03-10T10:00:00Z" });

  test("the form starts with the meeting's Danish date, time and length", () => {
    expect(moveFormOf(m)).toEqual({ date: "2026-03-10", startTime: "09:00", durationMinutes: 120 });
  });

  test("a move into summer time", () => {
    expect(
      planMove(m, { date: "2026-04-14", startTime: "09:00", durationMinutes: 90 }, now),
    ).toEqual({
      ok: true,
      start: "2026-04-14T07:00:00.000Z",
      end: "2026-04-14T08:30:00.000Z",
    });
  });

  test("refused: the past, the same time, bad input, a cancelled meeting", () => {
    expect(
      planMove(m, { date: "2026-02-10", startTime: "09:00", durationMinutes: 60 }, now),
    ).toEqual({
      ok: false,
      problems: ["past"],
    });
    expect(planMove(m, moveFormOf(m), now)).toEqual({ ok: false, problems: ["same"] });
    expect(planMove(m, { date: "x", startTime: "25:00", durationMinutes: 0 }, now)).toEqual({
      ok: false,
      problems: ["date", "startTime", "duration"],
    });
    expect(
      planMove(
        { ...m, state: "Aflyst" },
        { date: "2026-04-14", startTime: "09:00", durationMinutes: 60 },
        now,
      ),
    ).toEqual({ ok: false, problems: ["notChangeable"] });
  });
});

describe("the invitation", () => {
  test("escapes the title and place and links to the meeting", () => {
    const html = toHtmlString(
      invitationHtml(
        { title: "Møde <script>x</script>", location: 'Lokale "2" & 3' },
        "https://teams.microsoft.com/l/entity/app/tab?context=%7B%7D",
      ),
    );
    expect(html).toContain("Møde &lt;script&gt;x&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("Lokale &quot;2&quot; &amp; 3");
    expect(html).toContain(
      '<a href="https://teams.microsoft.com/l/entity/app/tab?context=%7B%7D">',
    );
  });

  test("a link that is not https is left out as a link", () => {
    const html = toHtmlString(invitationHtml({ title: "M", location: "" }, "javascript:alert(1)"));
    expect(html).not.toContain("<a ");
    expect(html).not.toContain("Sted:");
  });
});

describe("decision log", () => {
  const decision = (id: number, o: Parameters<typeof aDecision>[0]) =>
    stored<ReturnType<typeof aDecision>, Decision>(id, aDecision(o));
  const decisions = [
    decision(1, {
      meeting: aRef(1, "Møde feb"),
      initiative: aRef(5, "Chatbot"),
      carriedTo: ["ØU"],
      decidedAt: "2026-02-03T09:00:00Z",
    }),
    decision(2, {
      meeting: aRef(2, "Møde maj"),
      initiative: null,
      carriedTo: [],
      decidedAt: "2026-05-05T09:00:00Z",
    }),
    decision(3, {
      meeting: aRef(2, "Møde maj"),
      initiative: aRef(5, "Chatbot"),
      carriedTo: ["DF", "CF"],
      decidedAt: "2026-05-05T09:00:00Z",
    }),
  ];

  test("newest first; filters by meeting, initiative and forum", () => {
    const none = { meeting: null, initiative: null, forum: null };
    expect(filterDecisions(decisions, none).map((d) => d.id)).toEqual([3, 2, 1]);
    expect(filterDecisions(decisions, { ...none, meeting: 2 }).map((d) => d.id)).toEqual([3, 2]);
    expect(filterDecisions(decisions, { ...none, initiative: 5 }).map((d) => d.id)).toEqual([3, 1]);
    expect(filterDecisions(decisions, { ...none, forum: "CF" }).map((d) => d.id)).toEqual([3]);
    expect(filterDecisions(decisions, { meeting: 1, initiative: 5, forum: "DF" })).toEqual([]);
  });

  test("filter options: distinct meetings and initiatives by title", () => {
    expect(decisionFilterOptions(decisions)).toEqual({
      meetings: [
        { id: 1, title: "Møde feb" },
        { id: 2, title: "Møde maj" },
      ],
      initiatives: [{ id: 5, title: "Chatbot" }],
    });
  });

  test("open actions per owner, overdue by the Danish date, closed ones left out", () => {
    const ann: Person = aPerson({ id: idOf<PersonId>(1), name: "Anne Holm" });
    const bo: Person = aPerson({ id: idOf<PersonId>(2), name: "Bo Ravn" });
    const action = (id: number, o: Parameters<typeof aFollowUpAction>[0]) =>
      stored<ReturnType<typeof aFollowUpAction>, FollowUpAction>(id, aFollowUpAction(o));
    // 10:00 Danish time on 1 April 2026.
    const now = new Date("2026-04-01T08:00:00Z");
    const groups = openActionsByOwner(
      [
        action(1, { owner: bo, due: "2026-03-31T22:00:00Z", state: "Åben" }), // 1 April, Danish: today
        action(2, { owner: ann, due: "2026-03-30T22:00:00Z", state: "I gang" }), // 31 March: overdue
        action(3, { owner: ann, due: null, state: "Åben" }),
        action(4, { owner: ann, due: "2026-01-01T00:00:00Z", state: "Afsluttet" }),
        action(5, { owner: null, due: "2026-01-01T00:00:00Z", state: "Åben" }),
        action(6, { owner: bo, due: "2026-03-01T00:00:00Z", state: "Annulleret" }),
      ],
      now,
    );
    expect(
      groups.map((g) => [
        g.owner?.name ?? null,
        g.overdue,
        g.actions.map((a) => [a.action.id, a.overdue]),
      ]),
    ).toEqual([
      [
        "Anne Holm",
        1,
        [
          [2, true],
          [3, false],
        ],
      ],
      ["Bo Ravn", 0, [[1, false]]],
      [null, 1, [[5, true]]],
    ]);
    expect(
      isOverdue(aFollowUpAction({ due: "2020-01-01T00:00:00Z", state: "Afsluttet" }), now),
    ).toBe(false);
  });
});

describe("the dashboard and cancelled meetings", () => {
  test("a cancelled meeting is not the next meeting", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const cancelled = meeting(1, {
      start: "2026-03-03T08:00:00Z",
      end: "2026-03-03T10:00:00Z",
      state: "Aflyst",
    });
    const later = meeting(2, { start: "2026-06-02T07:00:00Z", end: "2026-06-02T09:00:00Z" });
    expect(nextMeetingOf([cancelled, later], now)?.id).toBe(2);
  });
});
