/**
 * Status reports (issue 4 §5): periods on the Danish calendar around their boundaries, what
 * publishing needs and freezes, who has not reported, and who is reminded.
 */
import type { StatusReportDraft } from "../../src/domain/benefits.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import {
  copenhagenOffsetHours,
  deadlineOf,
  EMPTY_STATUS_REPORT_FORM,
  escapeHtml,
  formOf,
  latestPublishedByInitiative,
  missingReports,
  parseGranularity,
  parsePeriod,
  periodOf,
  publishStatusReport,
  reminderMail,
  reminderRecipients,
  shiftPeriod,
  snapshotOf,
  statusReportDraftOf,
} from "../../src/domain/status-reports.js";
import type { Phase } from "../../src/domain/vocabulary.js";
import { aBenefit, aBudgetLine, aPerson, aRef, aStatusReport } from "../support/builders.js";
import {
  aClock,
  aStoredInitiative,
  chair,
  lead,
  me,
  member,
  owner,
  secretary,
} from "../support/builders-lifecycle.js";
import { inDanish } from "../support/problem-words.js";

const clock = aClock("2026-04-10T08:00:00Z");

describe("reporting periods", () => {
  test.each([
    // [instant, granularity, key, start, end]
    [
      "2026-02-15T12:00:00Z",
      "quarter",
      "2026-Q1",
      "2025-12-31T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ],
    // 00:30 on 1 April in Copenhagen (summer time) is still 31 March in UTC
    [
      "2026-03-31T22:30:00Z",
      "quarter",
      "2026-Q2",
      "2026-03-31T22:00:00.000Z",
      "2026-06-30T22:00:00.000Z",
    ],
    [
      "2026-03-31T21:59:59Z",
      "quarter",
      "2026-Q1",
      "2025-12-31T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ],
    // New Year in winter time
    [
      "2025-12-31T23:00:00Z",
      "quarter",
      "2026-Q1",
      "2025-12-31T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ],
    [
      "2025-12-31T22:59:59Z",
      "quarter",
      "2025-Q4",
      "2025-09-30T22:00:00.000Z",
      "2025-12-31T23:00:00.000Z",
    ],
    [
      "2026-10-31T23:30:00Z",
      "month",
      "2026-11",
      "2026-10-31T23:00:00.000Z",
      "2026-11-30T23:00:00.000Z",
    ],
    [
      "2026-03-15T00:00:00Z",
      "month",
      "2026-03",
      "2026-02-28T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ],
  ] as const)("%s falls in %s period %s", (instant, g, key, start, end) => {
    const p = periodOf(new Date(instant), g);
    expect([p.key, p.start, p.end]).toEqual([key, start, end]);
  });

  test.each([
    ["2026-03-29T00:59:59Z", 1],
    ["2026-03-29T01:00:00Z", 2],
    ["2026-10-25T00:59:59Z", 2],
    ["2026-10-25T01:00:00Z", 1],
  ])("at %s Copenhagen is UTC+%i", (instant, offset) => {
    expect(copenhagenOffsetHours(new Date(instant))).toBe(offset);
  });

  test.each([
    ["2026-Q2", "2. kvartal 2026"],
    ["2026-04", "april 2026"],
    ["2026-12", "december 2026"],
  ])("%s reads as %s", (key, label) => {
    expect(parsePeriod(key)?.label).toBe(label);
  });

  test.each(["2026-Q5", "2026-13", "26-Q1", "2026-4", ""])("%j is no period", (key) => {
    expect(parsePeriod(key)).toBeNull();
  });

  test.each([
    ["2026-Q1", -1, "2025-Q4"],
    ["2026-Q4", 1, "2027-Q1"],
    ["2026-01", -1, "2025-12"],
    ["2026-12", 1, "2027-01"],
    ["2026-05", -13, "2025-04"],
  ])("%s shifted by %i is %s", (key, step, expected) => {
    const p = parsePeriod(key);
    expect(p && shiftPeriod(p, step).key).toBe(expected);
  });

  test.each([
    ["måned", "month"],
    ["Month", "month"],
    ["kvartal", "quarter"],
    ["", "quarter"],
    [null, "quarter"],
  ] as const)("the setting %j means %s", (value, g) => {
    expect(parseGranularity(value)).toBe(g);
  });
});

describe("publishing", () => {
  const initiative = aStoredInitiative({ owner, projectLead: lead, phase: "Gennemførelse" });
  const snapshot = snapshotOf(
    initiative,
    [
      aBudgetLine({ kind: "Anlæg", amount: 400_000 }),
      aBudgetLine({ kind: "Anlæg", amount: 100_000, year: 2027 }),
      aBudgetLine({ kind: "Drift", amount: null }),
    ],
    [aBenefit({ title: "Tid", state: "Godkendt", targetExpected: 200 })],
    clock,
  );
  const complete = (o: Partial<StatusReportDraft> = {}) =>
    aStatusReport({ benefits: { rag: "Grøn", text: "" }, ...o });

  test("the snapshot freezes phase, project lead, budget per kind and benefits", () => {
    expect(snapshot).toEqual({
      capturedAt: "2026-04-10T08:00:00.000Z",
      phase: "Gennemførelse",
      projectLead: "Thomas Berg",
      budgetByKind: { Anlæg: 500_000, Drift: 0, Gevinst: 0 },
      benefits: [{ title: "Tid", state: "Godkendt", targetExpected: 200 }],
    });
  });

  test("publishing a complete draft sets state, date and snapshot, and the latest status", () => {
    const result = publishStatusReport(
      complete({ overall: "Gul", overallText: "Forsinket" }),
      initiative,
      snapshot,
      me(lead, "contributor"),
      clock,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        patch: { state: "Publiceret", publishedAt: "2026-04-10T08:00:00.000Z", snapshot },
        latestStatus: "Gul",
      },
    });
  });

  test("a second publish is refused", () => {
    const published = complete({ state: "Publiceret", publishedAt: "2026-04-01T09:00:00Z" });
    expect(
      publishStatusReport(published, initiative, snapshot, me(secretary, "secretary"), clock),
    ).toEqual({
      ok: false,
      error: { kind: "alreadyPublished" },
    });
  });

  test.each([
    ["the project lead", me(lead, "contributor"), true],
    ["the owner", me(owner, "contributor"), true],
    ["the secretary", me(secretary, "secretary"), true],
    ["the chair (reads, does not report)", me(chair, "chair"), false],
    ["another member", me(member, "member"), false],
  ])("%s may publish: %s", (_n, actor, allowed) => {
    expect(publishStatusReport(complete(), initiative, snapshot, actor, clock).ok).toBe(allowed);
  });

  const incomplete: [string, Partial<StatusReportDraft>, string[]][] = [
    [
      "an unrated dimension",
      { benefits: { rag: null, text: "" } },
      ["benefits: Gevinster skal vurderes (grøn, gul eller rød)."],
    ],
    [
      "a yellow dimension without reason",
      { time: { rag: "Gul", text: " " } },
      ["time: Tid skal begrundes, når status er Gul."],
    ],
    [
      "a red overall without reason",
      { overall: "Rød", overallText: "" },
      ["overallText: Samlet vurdering skal begrundes, når status er Rød."],
    ],
  ];
  test.each(incomplete)("refuses %s, naming the field", (_n, o, expected) => {
    const result = publishStatusReport(complete(o), initiative, snapshot, me(lead), clock);
    expect(
      result.ok === false &&
        result.error.kind === "incomplete" &&
        result.error.missing.map((m) => `${m.field}: ${inDanish(m)}`),
    ).toEqual(expected);
  });

  test("a report whose key does not match its initiative and period is not published", () => {
    const result = publishStatusReport(
      complete({ reportKey: "9:2026-Q1" }),
      initiative,
      snapshot,
      me(lead),
      clock,
    );
    expect(
      result.ok === false && result.error.kind === "incomplete" && result.error.missing,
    ).toEqual([{ field: "reportKey", code: "validation.statusReport.reportKey" }]);
  });

  test("a late report for an older period does not overwrite the latest status", () => {
    const result = publishStatusReport(
      complete({ period: "2025-Q4", reportKey: "1:2025-Q4", overall: "Grøn" }),
      initiative,
      snapshot,
      me(lead),
      clock,
      "2026-Q1",
    );
    expect(result.ok && result.value.latestStatus).toBeNull();
  });
});

describe("who has not reported", () => {
  const asOf = new Date("2026-05-12T10:00:00Z"); // 2026-Q2
  const other = aPerson({ id: idOf<PersonId>(20), name: "Anne Holm", email: "anne@x.dk" });
  const phases: [number, string, Phase][] = [
    [1, "Bookingsystem", "Planlægning"],
    [2, "Chatbot", "Gennemførelse"],
    [3, "ESDH", "I drift"],
    [4, "Fælles login", "Gevinstopfølgning"],
    [5, "Idé om droner", "Idé"],
    [6, "Prioriteret løsning", "Prioriteret"],
    [7, "Afsluttet projekt", "Afsluttet"],
    [8, "Parkeret projekt", "Parkeret"],
  ];
  const initiatives = phases.map(([id, title, phase]) =>
    aStoredInitiative({
      id,
      title,
      phase,
      owner,
      projectLead: id === 2 ? other : id === 4 ? null : lead,
    }),
  );
  const reports = [
    aStatusReport({ initiative: aRef(1), period: "2026-Q2", state: "Publiceret" }),
    aStatusReport({ initiative: aRef(2), period: "2026-Q2", state: "Kladde" }),
    aStatusReport({ initiative: aRef(3), period: "2026-Q1", state: "Publiceret" }),
  ];

  test("ongoing initiatives without a published report for the current period, drafts marked", () => {
    const { period, missing } = missingReports(initiatives, reports, asOf, "quarter");
    expect(period.key).toBe("2026-Q2");
    expect(
      missing.map((m) => [m.initiative.title, m.responsible?.name ?? null, m.hasDraft]),
    ).toEqual([
      ["Chatbot", "Anne Holm", true],
      ["ESDH", "Thomas Berg", false],
      ["Fælles login", "Sara Dahl", false],
    ]);
  });

  test("monthly reporting asks again the next month", () => {
    const monthly = [
      aStatusReport({ initiative: aRef(1), period: "2026-04", state: "Publiceret" }),
    ];
    const { period, missing } = missingReports(initiatives.slice(0, 1), monthly, asOf, "month");
    expect(period.key).toBe("2026-05");
    expect(missing).toHaveLength(1);
  });

  test("reminders go once per person, listing their initiatives; nobody to remind is reported", () => {
    const missing = [
      {
        initiative: {
          id: initiatives[0]!.id,
          title: "Bookingsystem",
          phase: "Planlægning" as const,
        },
        responsible: lead,
        hasDraft: false,
      },
      {
        initiative: { id: initiatives[2]!.id, title: "Analyse", phase: "I drift" as const },
        responsible: lead,
        hasDraft: false,
      },
      {
        initiative: { id: initiatives[1]!.id, title: "Chatbot", phase: "Gennemførelse" as const },
        responsible: other,
        hasDraft: true,
      },
      {
        initiative: { id: initiatives[3]!.id, title: "Uden ejer", phase: "I drift" as const },
        responsible: null,
        hasDraft: false,
      },
    ];
    expect(reminderRecipients(missing)).toEqual({
      recipients: [
        { person: other, initiatives: ["Chatbot"] },
        { person: lead, initiatives: ["Analyse", "Bookingsystem"] },
      ],
      withoutRecipient: ["Uden ejer"],
    });
  });
});

describe("the deadline setting", () => {
  test.each([
    ["0", "2026-Q2", "2026-06-30"],
    ["14", "2026-Q2", "2026-06-16"],
    ["30", "2026-Q2", "2026-05-31"],
    ["5", "2026-05", "2026-05-26"],
    [" 3 ", "2026-05", "2026-05-28"],
    ["", "2026-Q2", null],
    [null, "2026-Q2", null],
    ["fem", "2026-Q2", null],
    ["-2", "2026-Q2", null],
    ["1.5", "2026-Q2", null],
    ["95", "2026-Q2", null], // before the quarter starts
  ] as const)("%p days before the end of %s is %p", (days, period, due) => {
    expect(deadlineOf(parsePeriod(period)!, days)).toBe(due);
  });
});

describe("the owner's form becomes a draft", () => {
  const q2 = parsePeriod("2026-Q2")!;
  const initiative = { id: aStoredInitiative({ id: 42 }).id, title: "Digital byggesag" };

  test("a draft needs an overall status, named in Danish", () => {
    const r = statusReportDraftOf(initiative, q2, EMPTY_STATUS_REPORT_FORM);
    expect(r).toEqual({
      ok: false,
      error: [
        {
          field: "overall",
          code: "validation.statusReport.rate",
          params: { label: { code: "fields.statusReport.overall" } },
        },
      ],
    });
  });

  test("the draft carries the period, the unique key and the form, unpublished", () => {
    const form = {
      ...EMPTY_STATUS_REPORT_FORM,
      overall: "Gul" as const,
      overallText: "Forsinket",
      time: { rag: "Gul" as const, text: "Leverandør" },
    };
    const r = statusReportDraftOf(initiative, q2, form);
    expect(r.ok && r.value).toMatchObject({
      title: "Statusrapport 2. kvartal 2026",
      initiative: { id: 42, title: "Digital byggesag" },
      period: "2026-Q2",
      reportKey: "42:2026-Q2",
      overall: "Gul",
      overallText: "Forsinket",
      time: { rag: "Gul", text: "Leverandør" },
      scope: { rag: null, text: "" },
      state: "Kladde",
      publishedAt: null,
    });
    expect(r.ok && formOf(r.value)).toEqual(form);
  });

  test("an over-long text is refused naming the dimension", () => {
    const form = {
      ...EMPTY_STATUS_REPORT_FORM,
      overall: "Grøn" as const,
      cost: { rag: "Grøn" as const, text: "x".repeat(70_000) },
    };
    const r = statusReportDraftOf(initiative, q2, form);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.map((p) => p.field)).toEqual(["cost"]);
    expect(!r.ok && r.error[0]).toMatchObject({
      field: "cost",
      code: "validation.maxLength",
      params: { label: { code: "fields.statusReport.cost" } },
    });
  });
});

describe("the last published report per initiative", () => {
  test("is the newest published period; drafts do not count", () => {
    const latest = latestPublishedByInitiative([
      aStatusReport({ initiative: aRef(1), period: "2025-Q4", state: "Publiceret" }),
      aStatusReport({ initiative: aRef(1), period: "2026-Q1", state: "Publiceret" }),
      aStatusReport({ initiative: aRef(1), period: "2026-Q2", state: "Kladde" }),
      aStatusReport({ initiative: aRef(2), period: "2026-Q2", state: "Kladde" }),
    ]);
    expect([...latest.entries()].map(([id, r]) => [id, r.period])).toEqual([[1, "2026-Q1"]]);
  });
});

describe("the reminder mail", () => {
  const q2 = parsePeriod("2026-Q2")!;
  const mallory = aPerson({
    id: idOf<PersonId>(30),
    name: 'Eve <img src=x onerror="alert(1)">',
    email: "eve@x.dk",
  });

  test("goes to the one person, names the period, deadline, initiatives and the page", () => {
    const mail = reminderMail({ person: lead, initiatives: ["Bookingsystem", "Chatbot"] }, q2, {
      deadline: "2026-06-16",
      link: "https://tab.kommune.dk/#/portefolje/status",
      senderName: "Mads Kjær",
    });
    expect(mail.to).toEqual(["tb@x.dk"]);
    expect(mail.cc).toBeUndefined();
    expect(mail.subject).toBe("Påmindelse: statusrapport for 2. kvartal 2026");
    expect(mail.html).toContain("<p>Kære Thomas Berg</p>");
    expect(mail.html).toContain("for 2. kvartal 2026 for disse tiltag");
    expect(mail.html).toContain("<ul><li>Bookingsystem</li><li>Chatbot</li></ul>");
    expect(mail.html).toContain("<p>Fristen er 16. juni 2026.</p>");
    expect(mail.html).toContain('<a href="https://tab.kommune.dk/#/portefolje/status">');
    expect(mail.html).toContain("Mads Kjær</p>");
  });

  test("escapes every user-typed text and leaves out a link that is not http(s)", () => {
    const mail = reminderMail(
      { person: mallory, initiatives: ['<script>alert("x")</script> & Co', "A'B"] },
      q2,
      { deadline: null, link: "javascript:alert(1)", senderName: "<b>Sekretær</b>" },
    );
    expect(mail.html).not.toMatch(/<script|<img|<b>|javascript:/);
    expect(mail.html).toContain("Kære Eve &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(mail.html).toContain(
      "<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</li><li>A&#39;B</li>",
    );
    expect(mail.html).not.toContain("Fristen");
    expect(mail.html).not.toContain("<a ");
    expect(mail.html).toContain("&lt;b&gt;Sekretær&lt;/b&gt;");
  });

  test("escapeHtml escapes the five characters HTML gives meaning", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});
