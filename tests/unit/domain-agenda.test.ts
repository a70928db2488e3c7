/**
 * The agenda builder's pure rules (issue 6 §2): candidates grouped and marked when already on
 * the agenda, order moves writing only changed positions, time totals against the meeting's
 * length, the attendee diff that adds representatives as optional attendees and releases only
 * those (never committee members, never attendees added by hand), the checks before sending,
 * and the invitation's body with typed markup escaped.
 */
import {
  agendaBodyHtml,
  agendaCandidates,
  agendaTiming,
  benefitFollowUpDue,
  type CandidateSources,
  changedAfterSending,
  draftFromCandidate,
  invitedAreaIds,
  invitedAreasFor,
  isOnAgenda,
  markedSent,
  mayEditAgenda,
  moveTo,
  nextSortOrder,
  overdueStatusReports,
  planAttendees,
  problemsBeforeSend,
  representativesOf,
  sortAgenda,
  sortOrderChanges,
} from "../../src/domain/agenda.js";
import type { Person } from "../../src/domain/common.js";
import {
  type AgendaItemId,
  type AreaId,
  idOf,
  type InitiativeId,
  type MeetingId,
  type PersonId,
} from "../../src/domain/ids.js";
import type { AgendaItem } from "../../src/domain/meetings.js";
import type { Area } from "../../src/domain/portfolio.js";
import { toHtmlString } from "../../src/domain/safe-html.js";
import { aMeeting, anAgendaItem, aPerson, aRef } from "../support/builders.js";

const MEETING = idOf<MeetingId>(5);
const START = "2026-06-09T07:00:00Z";

function item(id: number, o: Partial<AgendaItem> = {}): AgendaItem {
  return {
    ...anAgendaItem({ meeting: aRef(5, "Juni-mødet") }),
    id: idOf<AgendaItemId>(id),
    version: "1" as AgendaItem["version"],
    created: "2026-05-01T00:00:00Z",
    modified: "2026-05-01T00:00:00Z",
    createdBy: null,
    modifiedBy: null,
    ...o,
  };
}

function sources(o: Partial<CandidateSources> = {}): CandidateSources {
  return {
    meetingId: MEETING,
    asOf: new Date(START),
    readyForDecision: [],
    rounds: [],
    scenarios: [],
    fundingProposals: [],
    redInitiatives: [],
    overdueReports: [],
    benefits: [],
    measurements: [],
    actions: [],
    ...o,
  };
}

const person = (id: number, name: string): Person =>
  aPerson({
    id: idOf<PersonId>(id),
    name,
    email: `${name.split(" ")[0]!.toLowerCase()}@kommune.dk`,
  });

describe("agenda candidates", () => {
  const full = sources({
    readyForDecision: [
      { id: idOf<InitiativeId>(1), title: "Digital pladsanvisning" },
      { id: idOf<InitiativeId>(2), title: "Chatbot til borgerservice" },
    ],
    rounds: [
      {
        id: idOf(1),
        title: "Forår 2026",
        state: "Lukket",
        closes: "2026-05-20T16:00:00Z",
        modified: "2026-05-20T16:00:00Z",
        meeting: null,
      },
      // Still open: not a candidate.
      {
        id: idOf(2),
        title: "Efterår",
        state: "Åben",
        closes: null,
        modified: "2026-05-01T00:00:00Z",
        meeting: null,
      },
      // Closed long ago and not for this meeting.
      {
        id: idOf(3),
        title: "Gammel runde",
        state: "Lukket",
        closes: "2025-01-10T16:00:00Z",
        modified: "2025-01-10T16:00:00Z",
        meeting: null,
      },
      // Closed long ago but named for this meeting.
      {
        id: idOf(4),
        title: "Til dette møde",
        state: "Lukket",
        closes: "2025-01-10T16:00:00Z",
        modified: "2025-01-10T16:00:00Z",
        meeting: aRef(5),
      },
    ],
    scenarios: [
      { id: idOf(1), title: "Scenarie A", committed: true, modified: "2026-05-30T10:00:00Z" },
      { id: idOf(2), title: "Scenarie B", committed: false, modified: "2026-05-30T10:00:00Z" },
    ],
    fundingProposals: [
      {
        id: idOf(1),
        title: "Pulje 2027",
        state: "Indstillet",
        initiatives: [aRef(1, "Digital pladsanvisning")],
        totalAmount: 500_000,
      },
      { id: idOf(2), title: "Afvist forslag", state: "Afvist", initiatives: [], totalAmount: 1 },
    ],
    redInitiatives: [{ id: idOf<InitiativeId>(7), title: "Nyt ESDH" }],
    overdueReports: [
      { initiative: { id: idOf<InitiativeId>(7), title: "Nyt ESDH" }, period: "1. kvartal 2026" },
      { initiative: { id: idOf<InitiativeId>(8), title: "Robotter" }, period: "1. kvartal 2026" },
    ],
    benefits: [
      {
        id: idOf(1),
        title: "Færre opkald",
        initiative: aRef(7, "Nyt ESDH"),
        state: "Under realisering",
        nextMeasurementDue: "2026-06-01T00:00:00Z",
      },
      {
        id: idOf(2),
        title: "Ikke endnu",
        initiative: aRef(7, "Nyt ESDH"),
        state: "Under realisering",
        nextMeasurementDue: "2026-09-01T00:00:00Z",
      },
    ],
    actions: [
      {
        id: idOf(1),
        title: "Afklar licenser",
        state: "Åben",
        due: "2026-06-01T00:00:00Z",
        owner: person(3, "Mads Kjær"),
        initiative: null,
      },
      {
        id: idOf(2),
        title: "Færdig opgave",
        state: "Afsluttet",
        due: null,
        owner: null,
        initiative: null,
      },
    ],
  });

  test("are grouped in the builder's order, each group sorted by title, with pre-filled titles and types", () => {
    const groups = agendaCandidates(full, []);
    expect(groups.map((g) => g.group)).toEqual([
      "decision",
      "prioritization",
      "funding",
      "status",
      "benefits",
      "actions",
    ]);
    const titles = Object.fromEntries(
      groups.map((g) => [g.group, g.candidates.map((c) => [c.title, c.kind])]),
    );
    expect(titles).toEqual({
      decision: [
        ["Chatbot til borgerservice", "Beslutning"],
        ["Digital pladsanvisning", "Beslutning"],
      ],
      prioritization: [
        ["Prioriteringsrunde: Forår 2026", "Beslutning"],
        ["Prioriteringsrunde: Til dette møde", "Beslutning"],
        ["Scenarie: Scenarie A", "Orientering"],
      ],
      funding: [["Finansiering: Pulje 2027", "Beslutning"]],
      status: [
        ["Status: Nyt ESDH", "Orientering"],
        ["Status: Robotter", "Orientering"],
      ],
      benefits: [["Gevinstopfølgning: Færre opkald", "Orientering"]],
      actions: [["Opfølgning: Afklar licenser", "Orientering"]],
    });
  });

  test("a red initiative that also has not reported is one status candidate with both reasons", () => {
    const status = agendaCandidates(full, []).find((g) => g.group === "status")!;
    expect(status.candidates[0]!.reason).toEqual({
      kind: "status",
      red: true,
      overduePeriod: "1. kvartal 2026",
    });
    expect(status.candidates[1]!.reason).toEqual({
      kind: "status",
      red: false,
      overduePeriod: "1. kvartal 2026",
    });
  });

  test("link the point to the initiative, the proposal (its only initiative) or the benefit", () => {
    const all = agendaCandidates(full, []).flatMap((g) => g.candidates);
    const byKey = new Map(all.map((c) => [c.key, c]));
    expect(byKey.get("initiative:1")!.initiative).toEqual({
      id: 1,
      title: "Digital pladsanvisning",
    });
    expect(byKey.get("funding:1")).toMatchObject({
      fundingProposal: { id: 1, title: "Pulje 2027" },
      initiative: { id: 1, title: "Digital pladsanvisning" },
    });
    expect(byKey.get("benefit:1")).toMatchObject({
      benefit: { id: 1, title: "Færre opkald" },
      initiative: { id: 7, title: "Nyt ESDH" },
    });
    expect(byKey.get("round:1")!.initiative).toBeNull();
  });

  test("those already on this agenda are marked, not offered twice", () => {
    const items = [
      item(1, { title: "Pladsanvisning — beslutning", initiative: aRef(1) }),
      item(2, { title: "Finansiering", fundingProposal: aRef(1), initiative: aRef(1) }),
      item(3, { title: "  prioriteringsrunde:  forår 2026 " }),
      item(4, { title: "Måling", benefit: aRef(1), initiative: aRef(7) }),
    ];
    const marked = agendaCandidates(full, items)
      .flatMap((g) => g.candidates)
      .filter((c) => c.onAgenda)
      .map((c) => c.key);
    // A benefit point about ESDH does not make the ESDH status point "on the agenda".
    expect(marked.sort()).toEqual(["benefit:1", "funding:1", "initiative:1", "round:1"]);
    expect(
      isOnAgenda(
        {
          ...full.readyForDecision[0]!,
          group: "decision",
          title: "x",
          initiative: aRef(2),
          fundingProposal: null,
          benefit: null,
        },
        items,
      ),
    ).toBe(false);
  });

  test("a benefit follow-up is due when followed and due by the meeting, unless measured since", () => {
    const b = {
      id: idOf<never>(1),
      state: "Godkendt" as const,
      nextMeasurementDue: "2026-06-01T00:00:00Z",
    };
    const asOf = new Date(START);
    expect(benefitFollowUpDue(b, [], asOf)).toBe(true);
    expect(benefitFollowUpDue({ ...b, state: "Foreslået" }, [], asOf)).toBe(false);
    expect(benefitFollowUpDue({ ...b, nextMeasurementDue: "2026-06-10T00:00:00Z" }, [], asOf)).toBe(
      false,
    );
    expect(
      benefitFollowUpDue(b, [{ benefit: aRef(1), measuredAt: "2026-06-02T00:00:00Z" }], asOf),
    ).toBe(false);
    expect(
      benefitFollowUpDue(b, [{ benefit: aRef(1), measuredAt: "2026-05-02T00:00:00Z" }], asOf),
    ).toBe(true);
  });

  test("a status report is overdue for the ended period, and for the current one after its deadline", () => {
    const initiatives = [
      {
        id: idOf<InitiativeId>(1),
        title: "A",
        phase: "Gennemførelse" as const,
        owner: null,
        projectLead: null,
      },
      {
        id: idOf<InitiativeId>(2),
        title: "B",
        phase: "Gennemførelse" as const,
        owner: null,
        projectLead: null,
      },
      {
        id: idOf<InitiativeId>(3),
        title: "C",
        phase: "Idé" as const,
        owner: null,
        projectLead: null,
      },
    ];
    const reports = [
      { initiative: aRef<InitiativeId>(1), period: "2026-Q1", state: "Publiceret" as const },
    ];
    // 9 June: Q1 has ended; Q2's deadline (10 days before 30 June) has not passed.
    const june = overdueStatusReports(initiatives, reports, new Date(START), "quarter", "10");
    expect(june).toEqual([{ initiative: { id: 2, title: "B" }, period: "1. kvartal 2026" }]);
    // 25 June: past Q2's deadline, A has not reported for Q2 either.
    const late = overdueStatusReports(
      initiatives,
      reports,
      new Date("2026-06-25T07:00:00Z"),
      "quarter",
      "10",
    );
    expect(late).toEqual([
      { initiative: { id: 2, title: "B" }, period: "1. kvartal 2026" },
      { initiative: { id: 1, title: "A" }, period: "2. kvartal 2026" },
    ]);
    // No deadline configured: only ended periods count.
    expect(
      overdueStatusReports(initiatives, reports, new Date("2026-06-25T07:00:00Z"), "quarter", null),
    ).toHaveLength(1);
  });

  test("a new point from a candidate keeps its title, type and links, and records the invited area", () => {
    const c = agendaCandidates(full, [])[0]!.candidates[1]!;
    const draft = draftFromCandidate(c, { id: MEETING, title: "Juni" }, 4, [
      aRef<AreaId>(2, "Børn"),
    ]);
    expect(draft).toMatchObject({
      title: "Digital pladsanvisning",
      kind: "Beslutning",
      sortOrder: 4,
      meeting: { id: 5, title: "Juni" },
      initiative: { id: 1 },
      invitedAreas: [{ id: 2, title: "Børn" }],
      recommendation: "",
      durationMinutes: null,
    });
  });
});

describe("agenda order", () => {
  const items = [item(1, { sortOrder: 1 }), item(2, { sortOrder: 2 }), item(3, { sortOrder: 3 })];

  test("sorts by SortOrder then by creation, and adds after the last", () => {
    const mixed = [item(9, { sortOrder: 2 }), item(4, { sortOrder: 2 }), item(5, { sortOrder: 1 })];
    expect(sortAgenda(mixed).map((i) => i.id)).toEqual([5, 4, 9]);
    expect(nextSortOrder(mixed)).toBe(3);
    expect(nextSortOrder([])).toBe(1);
  });

  test("moving a point writes only the positions that changed", () => {
    const up = moveTo(items, 2, 1); // the third one up
    expect(up.map((i) => i.id)).toEqual([1, 3, 2]);
    expect(sortOrderChanges(up).map((c) => [c.item.id, c.sortOrder])).toEqual([
      [3, 2],
      [2, 3],
    ]);
    const toTop = moveTo(items, 2, 0);
    expect(sortOrderChanges(toTop).map((c) => [c.item.id, c.sortOrder])).toEqual([
      [3, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(sortOrderChanges(items)).toEqual([]);
  });

  test("moves past either end are clamped", () => {
    expect(moveTo(items, 0, -1).map((i) => i.id)).toEqual([1, 2, 3]);
    expect(moveTo(items, 2, 5).map((i) => i.id)).toEqual([1, 2, 3]);
    expect(moveTo(items, 7, 0).map((i) => i.id)).toEqual([1, 2, 3]);
  });

  test("gaps left by removed points are closed on the next reorder", () => {
    const gappy = [item(1, { sortOrder: 1 }), item(3, { sortOrder: 3 })];
    expect(sortOrderChanges(gappy).map((c) => [c.item.id, c.sortOrder])).toEqual([[3, 2]]);
  });
});

describe("agenda time", () => {
  const meeting = aMeeting({ start: "2026-06-09T07:00:00Z", end: "2026-06-09T09:00:00Z" });

  test("adds up the time-boxes against the meeting's length", () => {
    const t = agendaTiming(
      [
        item(1, { durationMinutes: 30 }),
        item(2, { durationMinutes: 45 }),
        item(3, { durationMinutes: null }),
      ],
      meeting,
    );
    expect(t).toEqual({ totalMinutes: 75, meetingMinutes: 120, overrunMinutes: 0, untimed: 1 });
  });

  test("an over-run is the minutes beyond the meeting's length", () => {
    const t = agendaTiming(
      [item(1, { durationMinutes: 90 }), item(2, { durationMinutes: 45 })],
      meeting,
    );
    expect(t.overrunMinutes).toBe(15);
  });
});

describe("area representatives among the attendees", () => {
  const lone = person(20, "Lone Berg"); // Børn og Unge
  const per = person(21, "Per Dam"); // Børn og Unge, and Teknik
  const karin = person(22, "Karin Ravn"); // Teknik
  const areas: Pick<Area, "id" | "title" | "representatives">[] = [
    { id: idOf<AreaId>(1), title: "Børn og Unge", representatives: [lone, per] },
    { id: idOf<AreaId>(2), title: "Teknik", representatives: [karin, per] },
    { id: idOf<AreaId>(3), title: "Ingen", representatives: [] },
  ];
  const committee = [
    { email: "birgitte@kommune.dk", name: "Birgitte Holm" },
    { email: "mads@kommune.dk", name: "Mads Kjær" },
  ];

  test("an area is recorded on a point only when it has representatives", () => {
    expect(invitedAreasFor(aRef<AreaId>(1), areas)).toEqual([{ id: 1, title: "Børn og Unge" }]);
    expect(invitedAreasFor(aRef<AreaId>(3), areas)).toEqual([]);
    expect(invitedAreasFor(null, areas)).toEqual([]);
    expect(
      invitedAreaIds([
        item(1, { invitedAreas: [aRef(1)] }),
        item(2, { invitedAreas: [aRef(1), aRef(2)] }),
      ]),
    ).toEqual([1, 2]);
    expect(representativesOf([idOf<AreaId>(1), idOf<AreaId>(2)], areas).map((p) => p.name)).toEqual(
      ["Lone Berg", "Per Dam", "Karin Ravn"],
    );
  });

  test("inviting adds the missing representatives as optional attendees", () => {
    const plan = planAttendees({
      current: [...committee, { email: "LONE@kommune.dk", name: "Lone" }],
      invite: representativesOf([idOf<AreaId>(1)], areas),
      release: [],
      keep: [],
    });
    expect(plan!.added).toEqual(["per@kommune.dk"]);
    expect(plan!.addedNames).toEqual(["Per Dam"]);
    expect(plan!.attendees).toEqual([
      ...committee,
      { email: "LONE@kommune.dk", name: "Lone" },
      { email: "per@kommune.dk", name: "Per Dam", optional: true },
    ]);
    // Nothing to do: null.
    expect(
      planAttendees({ current: plan!.attendees, invite: [lone, per], release: [], keep: [] }),
    ).toBeNull();
  });

  test("releasing removes only optional attendees the app added: not members, not manual attendees, not still-invited", () => {
    const current = [
      ...committee,
      // Added by the app for Børn og Unge.
      { email: "lone@kommune.dk", name: "Lone Berg", optional: true },
      { email: "per@kommune.dk", name: "Per Dam", optional: true },
      // Teknik is still on the agenda.
      { email: "karin@kommune.dk", name: "Karin Ravn", optional: true },
      // A committee member who is also a representative, and invited optionally.
      { email: "mads@kommune.dk", name: "Mads Kjær", optional: true },
      // Added by hand in Outlook (required).
      { email: "ole@kommune.dk", name: "Ole" },
    ];
    const plan = planAttendees({
      current,
      invite: representativesOf([idOf<AreaId>(2)], areas),
      release: [
        ...representativesOf([idOf<AreaId>(1)], areas).map((p) => p.email),
        "mads@kommune.dk",
        "ole@kommune.dk",
      ],
      keep: committee.map((c) => c.email),
    });
    expect(plan!.removed).toEqual(["lone@kommune.dk"]);
    expect(plan!.added).toEqual([]);
    expect(plan!.attendees.map((a) => a.email)).toEqual([
      "birgitte@kommune.dk",
      "mads@kommune.dk",
      "per@kommune.dk",
      "karin@kommune.dk",
      "mads@kommune.dk",
      "ole@kommune.dk",
    ]);
  });
});

describe("before sending", () => {
  const meeting = aMeeting({
    start: "2026-06-09T07:00:00Z",
    end: "2026-06-09T08:00:00Z",
    graphEventId: "AAMk-1",
  });

  test("every Beslutning point needs an indstilling", () => {
    const problems = problemsBeforeSend(
      meeting,
      [
        item(1, { title: "Beslut", kind: "Beslutning", recommendation: "  " }),
        item(2, { title: "Orienter", kind: "Orientering", recommendation: "" }),
        item(3, { title: "Beslut igen", kind: "Beslutning", recommendation: "Godkend." }),
      ],
      { confirmOverrun: false },
    );
    expect(problems).toEqual([
      { code: "agenda.problem.missingRecommendation", params: { itemId: 1, title: "Beslut" } },
    ]);
  });

  test("an over-run must be confirmed", () => {
    const items = [item(1, { kind: "Orientering", durationMinutes: 75 })];
    expect(problemsBeforeSend(meeting, items, { confirmOverrun: false })).toEqual([
      { code: "agenda.problem.overrun", params: { count: 15 } },
    ]);
    expect(problemsBeforeSend(meeting, items, { confirmOverrun: true })).toEqual([]);
  });

  test("no points, no calendar event, or a held meeting cannot be sent", () => {
    expect(
      problemsBeforeSend({ ...meeting, graphEventId: "", state: "Afholdt" }, [], {
        confirmOverrun: false,
      }),
    ).toEqual([
      { code: "agenda.problem.notOpen", params: { state: { code: "meetings.states.Afholdt" } } },
      { code: "agenda.problem.noCalendarEvent" },
      { code: "agenda.problem.noPoints" },
    ]);
  });

  test("sending marks a planned meeting Dagsorden udsendt with the time; sending again keeps the state", () => {
    const now = new Date("2026-06-01T10:00:00Z");
    expect(markedSent(meeting, now)).toMatchObject({
      state: "Dagsorden udsendt",
      agendaSentAt: "2026-06-01T10:00:00.000Z",
    });
    expect(markedSent({ ...meeting, state: "Dagsorden udsendt" }, now).state).toBe(
      "Dagsorden udsendt",
    );
  });

  test("points added or edited after sending are 'changed after sending'", () => {
    const sent = { agendaSentAt: "2026-06-01T10:00:00Z" };
    const before = item(1, { modified: "2026-06-01T09:00:00Z", created: "2026-05-01T00:00:00Z" });
    expect(changedAfterSending(sent, [before])).toBe(false);
    expect(changedAfterSending(sent, [before, item(2, { modified: "2026-06-02T09:00:00Z" })])).toBe(
      true,
    );
    expect(changedAfterSending({ agendaSentAt: null }, [item(2)])).toBe(false);
  });

  test("only the secretary and the site's owners build the agenda", () => {
    const p = person(1, "X Y");
    expect(mayEditAgenda({ person: p, roles: ["secretary"] })).toBe(true);
    expect(mayEditAgenda({ person: p, roles: ["owner"] })).toBe(true);
    expect(mayEditAgenda({ person: p, roles: ["chair", "member"] })).toBe(false);
  });
});

describe("the invitation's body", () => {
  test("numbers each point with its time-box, type, presenter, indstilling and a link; typed markup is escaped", () => {
    const html = toHtmlString(
      agendaBodyHtml({
        meeting: {
          title: "Styregruppemøde juni",
          start: "2026-06-09T07:00:00Z",
          end: "2026-06-09T09:00:00Z",
          location: "Rådhuset & co",
        },
        items: [
          item(11, {
            title: "Pladsanvisning <script>alert(1)</script>",
            kind: "Beslutning",
            durationMinutes: 20,
            presenter: person(3, "Mads Kjær"),
            recommendation: "Sekretariatet indstiller,\nat tiltaget godkendes.\n\n<b>Fed</b>",
          }),
          item(12, { title: "Eventuelt", kind: "Orientering", durationMinutes: null }),
        ],
        linkTo: (i) => `https://teams.example/tab#/moeder/5#punkt-${i.id}`,
      }),
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toBe(
      "<h2>Dagsorden: Styregruppemøde juni</h2>" +
        "<p>tirsdag den 9. juni 2026, kl. 09:00–11:00, Rådhuset &amp; co</p><ol>" +
        "<li><p><strong>1. Pladsanvisning &lt;script&gt;alert(1)&lt;/script&gt;</strong> (Beslutning, 20 min.)</p>" +
        "<p>Fremlægger: Mads Kjær</p>" +
        "<p><strong>Indstilling:</strong></p><p>Sekretariatet indstiller,<br>at tiltaget godkendes.</p><p>&lt;b&gt;Fed&lt;/b&gt;</p>" +
        '<p><a href="https://teams.example/tab#/moeder/5#punkt-11">Se punktet i Digistyr</a></p></li>' +
        "<li><p><strong>2. Eventuelt</strong> (Orientering)</p>" +
        '<p><a href="https://teams.example/tab#/moeder/5#punkt-12">Se punktet i Digistyr</a></p></li>' +
        "</ol>",
    );
  });

  test("a link that is not https is shown as text", () => {
    const html = toHtmlString(
      agendaBodyHtml({
        meeting: { title: "M", start: START, end: START, location: "" },
        items: [item(1, { title: "P" })],
        linkTo: () => "javascript:alert(1)",
      }),
    );
    expect(html).not.toContain("<a ");
    expect(html).toContain("<p>Se punktet i Digistyr</p>");
  });
});
