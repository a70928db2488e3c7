import type { Benefit, StatusReport } from "../../src/domain/benefits.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Person, Stored } from "../../src/domain/common.js";
import {
  type AwaitingDecisionCard,
  composeDashboard,
  type Dashboard,
  type DashboardCard,
  type DashboardInput,
  type MeetingsThisYearCard,
  minMeetingsPerYear,
  type NextMeetingCard,
  type OverdueCard,
  perspectiveOf,
  previousReportingPeriodOf,
  reportingPeriodOf,
  type RoundsCard,
} from "../../src/domain/dashboard.js";
import { idOf, type PersonId, versionOf } from "../../src/domain/ids.js";
import type { AgendaItem, Meeting } from "../../src/domain/meetings.js";
import type { Area, Initiative } from "../../src/domain/portfolio.js";
import type { Ballot, Round } from "../../src/domain/prioritization.js";
import type { Me, Role } from "../../src/domain/roles.js";
import { periodOf } from "../../src/domain/status-reports.js";
import type { Setting } from "../../src/domain/strategy.js";
import {
  aBallot,
  aBenefit,
  aMeeting,
  anAgendaItem,
  anArea,
  anInitiative,
  aPerson,
  aRef,
  aRound,
  aSetting,
  aStatusReport,
} from "../support/builders.js";

/** A stored entity from a builder's draft: id and audit fields as the store adds them. */
function stored<D extends object, T extends Stored<D, unknown>>(
  id: number,
  draft: D,
  createdBy: Person | null = null,
): T {
  return {
    ...draft,
    id,
    version: versionOf('"1"'),
    created: "2026-01-01T00:00:00Z",
    modified: "2026-01-01T00:00:00Z",
    createdBy,
    modifiedBy: createdBy,
  } as unknown as T;
}

const NOW = "2026-05-12T10:00:00Z";
const clock: Clock = { now: () => new Date(NOW) };

const secretary = aPerson({ id: idOf<PersonId>(3), name: "Mads Kjær", email: "mads@x.dk" });
const chair = aPerson({ id: idOf<PersonId>(2), name: "Birgitte Holm", email: "birgitte@x.dk" });
const member = aPerson({ id: idOf<PersonId>(4), name: "Jonas Lind", email: "jonas@x.dk" });
const otherMember = aPerson({ id: idOf<PersonId>(5), name: "Maja Lundgaard", email: "maja@x.dk" });
const projectLead = aPerson({ id: idOf<PersonId>(11), name: "Thomas Berg", email: "thomas@x.dk" });

function me(person: Person, ...roles: Role[]): Me {
  return { person, roles };
}

function input(o: Partial<DashboardInput> = {}): DashboardInput {
  return {
    me: me(member, "member"),
    rounds: [],
    ballots: [],
    meetings: [],
    agendaItems: [],
    initiatives: [],
    areas: [],
    statusReports: [],
    benefits: [],
    settings: [],
    ...o,
  };
}

function card<K extends DashboardCard["kind"]>(
  d: Dashboard,
  kind: K,
): Extract<DashboardCard, { kind: K }> {
  const c = d.cards.find((x) => x.kind === kind);
  if (!c) throw new Error(`No ${kind} card for ${d.perspective}`);
  return c as Extract<DashboardCard, { kind: K }>;
}

const round = (id: number, o: Parameters<typeof aRound>[0] = {}) =>
  stored<Parameters<typeof aRound>[0] & object, Round>(
    id,
    aRound({ state: "Åben", opens: "2026-05-01T08:00:00Z", ...o }),
  );
const ballot = (id: number, roundId: number, voter: Person) =>
  stored<object, Ballot>(id, aBallot({ round: aRef(roundId), voter }), voter);
const meeting = (id: number, o: Parameters<typeof aMeeting>[0] = {}) =>
  stored<object, Meeting>(id, aMeeting(o));
const agendaItem = (id: number, o: Parameters<typeof anAgendaItem>[0] = {}) =>
  stored<object, AgendaItem>(id, anAgendaItem(o));
const initiative = (id: number, o: Parameters<typeof anInitiative>[0] = {}) =>
  stored<object, Initiative>(id, anInitiative(o));
const report = (id: number, o: Parameters<typeof aStatusReport>[0] = {}) =>
  stored<object, StatusReport>(id, aStatusReport(o));
const benefit = (id: number, o: Parameters<typeof aBenefit>[0] = {}) =>
  stored<object, Benefit>(id, aBenefit(o));

describe("perspectiveOf", () => {
  it.each<[string, ReturnType<typeof perspectiveOf>, Role[]]>([
    ["the secretary", "secretary", ["secretary"]],
    ["the site owner (administers everything)", "secretary", ["owner"]],
    ["the chair, who is also a member", "chair", ["chair", "member"]],
    ["a member", "member", ["member"]],
    ["a proposer", "contributor", ["contributor"]],
    ["someone with no role", "contributor", []],
  ])("gives %s the %s view", (_who, expected, roles) => {
    expect(perspectiveOf(me(member, ...roles))).toBe(expected);
  });
});

describe("reportingPeriodOf (quarters on Copenhagen time, as the status-report rules)", () => {
  it.each([
    ["2025-12-31T22:59:59Z", "2025-Q4", "2025-Q3"],
    ["2025-12-31T23:00:00Z", "2026-Q1", "2025-Q4"],
    ["2026-01-01T00:00:00Z", "2026-Q1", "2025-Q4"],
    ["2026-03-31T21:59:59Z", "2026-Q1", "2025-Q4"],
    ["2026-03-31T22:00:00Z", "2026-Q2", "2026-Q1"],
    ["2026-03-31T22:30:00Z", "2026-Q2", "2026-Q1"],
    ["2026-03-31T23:59:59Z", "2026-Q2", "2026-Q1"],
    ["2026-04-01T00:00:00Z", "2026-Q2", "2026-Q1"],
    ["2026-09-30T21:59:59Z", "2026-Q3", "2026-Q2"],
    ["2026-09-30T22:00:00Z", "2026-Q4", "2026-Q3"],
    ["2026-12-31T12:00:00Z", "2026-Q4", "2026-Q3"],
  ])("puts %s in %s, after %s", (iso, period, previous) => {
    expect(reportingPeriodOf(new Date(iso))).toBe(period);
    expect(previousReportingPeriodOf(new Date(iso))).toBe(previous);
  });

  it.each(["2026-02-14T12:00:00Z", "2026-03-31T22:30:00Z", "2026-07-01T09:00:00Z"])(
    "agrees with the status-report rules' periodOf at %s",
    (iso) => {
      expect(reportingPeriodOf(new Date(iso))).toBe(periodOf(new Date(iso), "quarter").key);
    },
  );
});

describe("the cards each role sees, in order", () => {
  it.each<[Role[], DashboardCard["kind"][]]>([
    [["secretary"], ["nextMeeting", "overdue", "awaitingDecision", "meetingsThisYear", "rounds"]],
    [
      ["chair", "member"],
      ["rounds", "nextMeeting", "awaitingDecision", "overdue", "meetingsThisYear"],
    ],
    [["member"], ["rounds", "nextMeeting", "awaitingDecision", "overdue", "meetingsThisYear"]],
    [["contributor"], ["overdue", "nextMeeting", "awaitingDecision"]],
  ])("%j sees %j", (roles, kinds) => {
    const d = composeDashboard(input({ me: me(member, ...roles) }), clock);
    expect(d.cards.map((c) => c.kind)).toEqual(kinds);
  });
});

describe("open priority rounds", () => {
  const rounds = [
    round(1, { title: "Forårsrunden", closes: "2026-05-20T16:00:00Z" }),
    round(2, { title: "Ekstra runde", closes: "2026-05-11T16:00:00Z" }),
    round(3, { title: "Lukket runde", state: "Lukket", closes: "2026-04-01T16:00:00Z" }),
    round(4, { title: "Kladde", state: "Kladde", closes: null }),
  ];
  const ballots = [ballot(1, 1, member)];

  it("shows a member only open rounds, soonest closing first, with whether they have voted", () => {
    const c = card(composeDashboard(input({ rounds, ballots }), clock), "rounds");
    expect(c.rounds.map((r) => [r.title, r.voted])).toEqual([
      ["Ekstra runde", false],
      ["Forårsrunden", true],
    ]);
    expect(c.votes).toBe(true);
    expect(c.closes).toBe(false);
  });

  it.each<[string, Person, Role[], Partial<RoundsCard>]>([
    ["a member who voted in one of two", member, ["member"], { awaitingMyBallot: 0, votes: true }],
    ["a member who has not voted", otherMember, ["member"], { awaitingMyBallot: 1, votes: true }],
    ["the chair", chair, ["chair", "member"], { closes: true, readyToClose: 1 }],
    [
      "the secretary (does not vote)",
      secretary,
      ["secretary"],
      { votes: false, awaitingMyBallot: 0 },
    ],
  ])("counts for %s", (_who, person, roles, expected) => {
    const c = card(
      composeDashboard(input({ me: me(person, ...roles), rounds, ballots }), clock),
      "rounds",
    );
    expect(c).toMatchObject(expected);
  });

  it("does not count a round whose closing date has passed as awaiting my ballot", () => {
    const c = card(
      composeDashboard(input({ me: me(otherMember, "member"), rounds, ballots }), clock),
      "rounds",
    );
    const late = c.rounds.find((r) => r.title === "Ekstra runde");
    expect(late).toMatchObject({ readyToClose: true, voted: false, daysLeft: -1 });
    expect(c.rounds.find((r) => r.title === "Forårsrunden")?.daysLeft).toBe(8);
  });

  it("gives the secretary no voting state", () => {
    const c = card(
      composeDashboard(input({ me: me(secretary, "secretary"), rounds, ballots }), clock),
      "rounds",
    );
    expect(c.rounds.every((r) => r.voted === null)).toBe(true);
  });

  it("does not take another member's ballot as mine", () => {
    const c = card(
      composeDashboard(
        input({ me: me(otherMember, "member"), rounds, ballots: [ballot(1, 2, member)] }),
        clock,
      ),
      "rounds",
    );
    expect(c.rounds.every((r) => r.voted === false)).toBe(true);
  });
});

describe("next meeting", () => {
  const past = meeting(1, {
    start: "2026-03-10T08:00:00Z",
    end: "2026-03-10T10:00:00Z",
    state: "Referat udsendt",
  });
  const next = meeting(2, {
    title: "Styregruppemøde juni",
    start: "2026-06-09T07:00:00Z",
    end: "2026-06-09T09:00:00Z",
    joinUrl: "https://teams.example/join/2",
  });
  const later = meeting(3, { start: "2026-09-08T07:00:00Z", end: "2026-09-08T09:00:00Z" });

  it("is the first meeting that has not ended, with its date, join link and days until", () => {
    const c = card(
      composeDashboard(input({ meetings: [later, past, next] }), clock),
      "nextMeeting",
    );
    expect(c.meeting).toMatchObject({
      id: 2,
      title: "Styregruppemøde juni",
      start: "2026-06-09T07:00:00Z",
      joinUrl: "https://teams.example/join/2",
      daysUntil: 28,
    });
  });

  it("says there is no join link rather than showing an empty one", () => {
    const c = card(
      composeDashboard(input({ meetings: [meeting(2, { ...next, joinUrl: "" })] }), clock),
      "nextMeeting",
    );
    expect(c.meeting?.joinUrl).toBeNull();
  });

  it.each<
    [
      string,
      Partial<Meeting>,
      number,
      NextMeetingCard["meeting"] extends infer M ? Partial<M & object> : never,
    ]
  >([
    ["no points yet", {}, 0, { agendaState: "empty", agendaItemCount: 0 }],
    [
      "points being prepared",
      {},
      2,
      { agendaState: "draft", agendaItemCount: 2, decisionItemCount: 2 },
    ],
    [
      "the agenda sent",
      { state: "Dagsorden udsendt", agendaSentAt: "2026-05-01T08:00:00Z" },
      2,
      { agendaState: "sent", agendaSentAt: "2026-05-01T08:00:00Z" },
    ],
  ])("shows the agenda state: %s", (_case, changes, points, expected) => {
    const m = { ...next, ...changes };
    const items = Array.from({ length: points }, (_, k) => agendaItem(k + 1, { meeting: aRef(2) }));
    const foreign = agendaItem(99, { meeting: aRef(1) });
    const c = card(
      composeDashboard(input({ meetings: [m], agendaItems: [...items, foreign] }), clock),
      "nextMeeting",
    );
    expect(c.meeting).toMatchObject(expected);
  });

  it.each<[string, boolean, Role[], string]>([
    ["the secretary 5 days before, agenda not sent", true, ["secretary"], "2026-05-17T07:00:00Z"],
    ["the secretary 28 days before", false, ["secretary"], "2026-06-09T07:00:00Z"],
    ["a member 5 days before", false, ["member"], "2026-05-17T07:00:00Z"],
  ])("agenda reminder for %s: %s", (_who, due, roles, start) => {
    const m = meeting(2, { start, end: start.replace("T07", "T09") });
    const c = card(
      composeDashboard(input({ me: me(member, ...roles), meetings: [m] }), clock),
      "nextMeeting",
    );
    expect(c.agendaDue).toBe(due);
  });

  it("tells the secretary, not a member, that nothing is scheduled", () => {
    const forSecretary = card(
      composeDashboard(input({ me: me(secretary, "secretary"), meetings: [past] }), clock),
      "nextMeeting",
    );
    const forMember = card(composeDashboard(input({ meetings: [past] }), clock), "nextMeeting");
    expect(forSecretary).toMatchObject({ meeting: null, noneScheduled: true });
    expect(forMember).toMatchObject({ meeting: null, noneScheduled: false });
  });
});

describe("initiatives awaiting a decision", () => {
  const next = meeting(2, { start: "2026-06-09T07:00:00Z", end: "2026-06-09T09:00:00Z" });
  const initiatives = [
    initiative(1, { title: "Fælles booking af lokaler", phase: "Klar til prioritering" }),
    initiative(2, {
      title: "Ny ydelsesplatform fra KOMBIT",
      phase: "Klar til prioritering",
      mandatory: true,
      legalDeadline: "2027-01-01T00:00:00Z",
      owner: projectLead,
    }),
    initiative(3, { title: "Tale-til-tekst i hjemmeplejen", phase: "Behovsanalyse" }),
    initiative(4, { title: "Digital post med hjælp", phase: "Idé" }),
  ];
  const agendaItems = [
    agendaItem(1, { meeting: aRef(2), kind: "Beslutning", initiative: aRef(3) }),
    agendaItem(2, { meeting: aRef(2), kind: "Orientering", initiative: aRef(4) }),
    agendaItem(3, { meeting: aRef(2), kind: "Beslutning", initiative: aRef(1) }),
  ];

  it("lists those ready for prioritization, legal deadlines first, and decision points on the next agenda", () => {
    const c = card(
      composeDashboard(input({ initiatives, agendaItems, meetings: [next] }), clock),
      "awaitingDecision",
    );
    expect(c.readyForPrioritization.map((i) => i.title)).toEqual([
      "Ny ydelsesplatform fra KOMBIT",
      "Fælles booking af lokaler",
    ]);
    expect(c.onNextAgenda.map((i) => i.title)).toEqual([
      "Fælles booking af lokaler",
      "Tale-til-tekst i hjemmeplejen",
    ]);
    expect(c.total).toBe(3);
    expect(c.scope).toBe("all");
  });

  it("shows a proposer only their own initiatives", () => {
    const c: AwaitingDecisionCard = card(
      composeDashboard(
        input({ me: me(projectLead, "contributor"), initiatives, agendaItems, meetings: [next] }),
        clock,
      ),
      "awaitingDecision",
    );
    expect(c.readyForPrioritization.map((i) => i.id)).toEqual([2]);
    expect(c).toMatchObject({ total: 1, scope: "mine" });
  });
});

describe("which initiatives owe a status report (the status-report rules' ongoing phases)", () => {
  it.each<[Initiative["phase"], boolean]>([
    ["Planlægning", true],
    ["Gennemførelse", true],
    ["I drift", true],
    ["Gevinstopfølgning", true],
    ["Prioriteret", false],
    ["Parkeret", false],
    ["Afsluttet", false],
  ])("an initiative in %s without a published report is missing: %s", (phase, owes) => {
    const c: OverdueCard = card(
      composeDashboard(
        input({ me: me(secretary, "secretary"), initiatives: [initiative(1, { phase })] }),
        clock,
      ),
      "overdue",
    );
    expect(c.missingStatusReports.length).toBe(owes ? 1 : 0);
  });
});

describe("overdue status reports and benefit follow-ups", () => {
  const bkv = stored<object, Area>(1, anArea({ title: "BKV", head: member }));
  const bmb = stored<object, Area>(
    2,
    anArea({ title: "BMB", abbreviation: "BMB", head: otherMember }),
  );
  const initiatives = [
    initiative(1, {
      title: "Robotter til bogføring",
      phase: "Gennemførelse",
      area: aRef(1, "BKV"),
      projectLead,
    }),
    initiative(2, {
      title: "MitID Erhverv",
      phase: "Planlægning",
      area: aRef(2, "BMB"),
      owner: otherMember,
    }),
    initiative(3, { title: "Tale-til-tekst", phase: "Gennemførelse", area: aRef(2, "BMB") }),
    initiative(4, { title: "Idé uden rapport", phase: "Idé", area: aRef(1, "BKV") }),
  ];
  const statusReports = [
    // Initiative 3 has reported this quarter; 1 reported red last quarter; 2 only has a draft.
    report(1, {
      initiative: aRef(3),
      period: "2026-Q2",
      state: "Publiceret",
      publishedAt: "2026-04-10T00:00:00Z",
    }),
    report(2, {
      initiative: aRef(1),
      period: "2026-Q1",
      state: "Publiceret",
      overall: "Rød",
      publishedAt: "2026-01-10T00:00:00Z",
    }),
    report(3, { initiative: aRef(2), period: "2026-Q2", state: "Kladde" }),
  ];
  const benefits = [
    benefit(1, {
      title: "Færre fakturafejl",
      initiative: aRef(1, "Robotter til bogføring"),
      state: "Under realisering",
      nextMeasurementDue: "2026-04-01T00:00:00Z",
      owner: projectLead,
    }),
    benefit(2, {
      title: "Kortere sagsbehandling",
      initiative: aRef(3, "Tale-til-tekst"),
      state: "Godkendt",
      nextMeasurementDue: "2026-05-01T00:00:00Z",
    }),
    benefit(3, {
      title: "Ikke forfalden",
      initiative: aRef(3),
      state: "Godkendt",
      nextMeasurementDue: "2026-08-01T00:00:00Z",
    }),
    benefit(4, {
      title: "Realiseret",
      initiative: aRef(3),
      state: "Realiseret",
      nextMeasurementDue: "2026-01-01T00:00:00Z",
    }),
    benefit(5, {
      title: "Foreslået",
      initiative: aRef(3),
      state: "Foreslået",
      nextMeasurementDue: "2026-01-01T00:00:00Z",
    }),
  ];
  const data = { initiatives, statusReports, benefits, areas: [bkv, bmb] };

  it("shows the secretary every ongoing initiative without a published report this quarter, with who should report", () => {
    const c: OverdueCard = card(
      composeDashboard(input({ me: me(secretary, "secretary"), ...data }), clock),
      "overdue",
    );
    expect(c.period).toBe("2026-Q2");
    expect(c.scope).toBe("all");
    expect(
      c.missingStatusReports.map((m) => [
        m.initiative.title,
        m.responsible?.name ?? null,
        m.lastWasRed,
      ]),
    ).toEqual([
      ["MitID Erhverv", "Maja Lundgaard", false],
      ["Robotter til bogføring", "Thomas Berg", true],
    ]);
  });

  it("shows the secretary benefits whose measurement is past due, oldest first, only while followed", () => {
    const c = card(
      composeDashboard(input({ me: me(secretary, "secretary"), ...data }), clock),
      "overdue",
    );
    expect(c.overdueBenefits.map((b) => [b.title, b.daysOverdue, b.owner?.name ?? null])).toEqual([
      ["Færre fakturafejl", 41, "Thomas Berg"],
      ["Kortere sagsbehandling", 11, null],
    ]);
    expect(c).toMatchObject({ totalMissingStatusReports: 2, totalOverdueBenefits: 2 });
  });

  it.each<[string, Person, Role[], OverdueCard["scope"], string[], string[]]>([
    [
      "the head of BKV (member)",
      member,
      ["member"],
      "area",
      ["Robotter til bogføring"],
      ["Færre fakturafejl"],
    ],
    [
      "the head of BMB (member and owner)",
      otherMember,
      ["member"],
      "area",
      ["MitID Erhverv"],
      ["Kortere sagsbehandling"],
    ],
    [
      "the project lead (proposer)",
      projectLead,
      ["contributor"],
      "mine",
      ["Robotter til bogføring"],
      ["Færre fakturafejl"],
    ],
    [
      "the chair",
      chair,
      ["chair", "member"],
      "all",
      ["MitID Erhverv", "Robotter til bogføring"],
      ["Færre fakturafejl", "Kortere sagsbehandling"],
    ],
  ])(
    "narrows the lists for %s, keeping the totals",
    (_who, person, roles, scope, reports, benefitTitles) => {
      const c = card(
        composeDashboard(input({ me: me(person, ...roles), ...data }), clock),
        "overdue",
      );
      expect(c.scope).toBe(scope);
      expect(c.missingStatusReports.map((m) => m.initiative.title)).toEqual(reports);
      expect(c.overdueBenefits.map((b) => b.title)).toEqual(benefitTitles);
      expect(c).toMatchObject({ totalMissingStatusReports: 2, totalOverdueBenefits: 2 });
    },
  );
});

describe("meetings this year against the minimum", () => {
  const m = (id: number, start: string, state: Meeting["state"] = "Planlagt") =>
    meeting(id, { start, end: start.replace("T08", "T10"), state });
  const setting = (value: string) =>
    stored<object, Setting>(1, aSetting({ key: "meetings.minPerYear", value }));

  it.each<[string, Meeting[], Setting[], Partial<MeetingsThisYearCard>]>([
    [
      "two held and one planned: one short of 4",
      [
        m(1, "2026-02-10T08:00:00Z", "Referat udsendt"),
        m(2, "2026-04-14T08:00:00Z", "Afholdt"),
        m(3, "2026-09-08T08:00:00Z"),
        m(4, "2027-02-09T08:00:00Z"),
      ],
      [],
      { year: 2026, held: 2, planned: 1, minimum: 4, belowMinimum: true, missing: 1 },
    ],
    [
      "a past meeting still marked planned counts as held",
      [
        m(1, "2026-02-10T08:00:00Z"),
        m(2, "2026-06-10T08:00:00Z"),
        m(3, "2026-09-10T08:00:00Z"),
        m(4, "2026-11-10T08:00:00Z"),
      ],
      [],
      { held: 1, planned: 3, belowMinimum: false, missing: 0 },
    ],
    [
      "the configured minimum is used",
      [m(1, "2026-02-10T08:00:00Z", "Afholdt")],
      [setting("2")],
      { minimum: 2, belowMinimum: true, missing: 1 },
    ],
    ["no meetings at all", [], [], { held: 0, planned: 0, belowMinimum: true, missing: 4 }],
  ])("%s", (_case, meetings, settings, expected) => {
    const c = card(composeDashboard(input({ meetings, settings }), clock), "meetingsThisYear");
    expect(c).toMatchObject(expected);
  });

  it.each([
    ["6", 6],
    ["", 4],
    ["fire", 4],
    ["0", 4],
    ["2.5", 4],
  ])("reads the minimum %j as %d", (value, expected) => {
    expect(minMeetingsPerYear([setting(value)])).toBe(expected);
  });
});
