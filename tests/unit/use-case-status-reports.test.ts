/**
 * The status report use case with in-memory repositories: what the owner and the secretary
 * see, saving a draft, publishing (frozen snapshot, LatestStatus), a second report for the same
 * period from another tab, and reminder mails (one per person, escaped, failures reported and
 * retried alone).
 */
import type { StatusReport } from "../../src/domain/benefits.js";
import type { MailMessage } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type InitiativeId, type PersonId } from "../../src/domain/ids.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import {
  EMPTY_STATUS_REPORT_FORM,
  parsePeriod,
  reminderRecipients,
  type StatusReportForm,
} from "../../src/domain/status-reports.js";
import type { Mailer } from "../../src/ports/mail.js";
import {
  loadStatusPage,
  publishStatusReportFromForm,
  saveStatusReportDraft,
  sendStatusReminders,
  type StatusReportPorts,
  type StatusReportRequest,
} from "../../src/use-cases/status-reports.js";
import {
  aBenefit,
  aBudgetLine,
  anInitiative,
  aPerson,
  aRef,
  aSetting,
  aStatusReport,
} from "../support/builders.js";
import {
  aClock,
  aRecordedPath,
  chair,
  lead,
  me,
  owner,
  secretary,
} from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { inDanish } from "../support/problem-words.js";
import { sitePeopleOf } from "../support/site-people.js";

const clock = aClock("2026-05-12T10:00:00Z"); // 2. kvartal 2026
const Q2 = parsePeriod("2026-Q2")!;

function setUp(who = me(owner, "contributor")) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  const ports: StatusReportPorts = {
    repositories,
    currentUser: { me: () => Promise.resolve(who) },
    people: sitePeopleOf(
      me(secretary, "secretary"),
      me(chair, "chair", "member"),
      me(owner, "contributor"),
      me(lead, "contributor"),
    ),
    clock,
  };
  const [booking, chatbot, idea, others] = memory.initiatives.seed(
    { ...anInitiative({ title: "Bookingsystem", phase: "Gennemførelse", owner }) },
    {
      ...anInitiative({ title: "Chatbot", phase: "Planlægning", owner, projectLead: lead }),
    },
    { ...anInitiative({ title: "Droner", phase: "Idé", owner }) },
    {
      ...anInitiative({
        title: "ESDH <ny>",
        phase: "I drift",
        owner: aPerson({ id: idOf<PersonId>(40), name: "Anne Holm", email: "anne@x.dk" }),
      }),
      createdBy: secretary,
    },
  ) as [Initiative, Initiative, Initiative, Initiative];
  // Their phases come through the secretary's recorded changes (only those count).
  for (const i of [booking, chatbot, idea, others]) {
    memory.phaseChanges.seed(...aRecordedPath(i, i.phase));
  }
  memory.budgetLines.seed(
    { ...aBudgetLine({ initiative: aRef(1), kind: "Anlæg", amount: 400_000 }) },
    { ...aBudgetLine({ initiative: aRef(1), kind: "Drift", amount: 50_000 }) },
    { ...aBudgetLine({ initiative: aRef(2), kind: "Drift", amount: 999 }) },
  );
  memory.benefits.seed({
    ...aBenefit({ initiative: aRef(1), title: "Færre opkald", targetExpected: 120 }),
  });
  return { memory, repositories, ports, booking, chatbot, idea, others };
}

const complete: StatusReportForm = {
  overall: "Gul",
  overallText: "Leverandøren er forsinket.",
  scope: { rag: "Grøn", text: "" },
  time: { rag: "Gul", text: "To uger bagud." },
  cost: { rag: "Grøn", text: "" },
  benefits: { rag: "Grøn", text: "" },
};

function request(
  initiative: Initiative,
  form: StatusReportForm,
  report: StatusReport | null = null,
): StatusReportRequest {
  return { initiative, period: Q2, form, report };
}

describe("the status page's data", () => {
  test("an owner sees their ongoing initiatives with this period's report and the earlier ones", async () => {
    const { memory, ports } = setUp();
    memory.statusReports.seed(
      { ...aStatusReport({ initiative: aRef(1), period: "2026-Q2", reportKey: "1:2026-Q2" }) },
      {
        ...aStatusReport({
          initiative: aRef(1),
          period: "2025-Q4",
          reportKey: "1:2025-Q4",
          state: "Publiceret",
          publishedAt: "2025-12-01T00:00:00Z",
        }),
      },
      {
        ...aStatusReport({
          initiative: aRef(1),
          period: "2026-Q1",
          reportKey: "1:2026-Q1",
          state: "Publiceret",
          publishedAt: "2026-03-01T00:00:00Z",
        }),
      },
    );
    const page = await loadStatusPage(ports);
    expect(page.period.key).toBe("2026-Q2");
    expect(page.deadline).toBeNull();
    expect(page.own.map((o) => o.initiative.title)).toEqual(["Bookingsystem", "Chatbot"]);
    expect(page.own[0]?.current?.period).toBe("2026-Q2");
    expect(page.own[0]?.earlier.map((r) => r.period)).toEqual(["2026-Q1", "2025-Q4"]);
    expect(page.own[1]?.current).toBeNull();
    expect(page.missing).toBeNull();
  });

  test("the secretary sees who has not reported, with owner and last report; monthly and a deadline from the settings", async () => {
    const { memory, ports } = setUp(me(secretary, "secretary"));
    memory.settings.seed(
      { ...aSetting({ key: "statusReports.period", value: "måned" }) },
      { ...aSetting({ key: "statusReports.deadlineDays", value: "5" }) },
    );
    memory.statusReports.seed(
      {
        ...aStatusReport({
          initiative: aRef(2),
          period: "2026-05",
          reportKey: "2:2026-05",
          state: "Publiceret",
          publishedAt: "2026-05-03T00:00:00Z",
        }),
      },
      {
        ...aStatusReport({
          initiative: aRef(1),
          period: "2026-04",
          reportKey: "1:2026-04",
          state: "Publiceret",
          overall: "Rød",
          publishedAt: "2026-04-03T00:00:00Z",
        }),
      },
    );
    const page = await loadStatusPage(ports);
    expect(page.granularity).toBe("month");
    expect(page.period.label).toBe("maj 2026");
    expect(page.deadline).toBe("2026-05-26");
    expect(page.own).toEqual([]);
    expect(
      page.missing?.map((m) => [
        m.initiative.title,
        m.owner?.name,
        m.responsible?.name,
        m.lastReport ? `${m.lastReport.period} ${m.lastReport.overall}` : null,
      ]),
    ).toEqual([
      ["Bookingsystem", "Sara Dahl", "Sara Dahl", "2026-04 Rød"],
      ["ESDH <ny>", "Anne Holm", "Anne Holm", null],
    ]);
  });
});

describe("reports and phases written around the rules", () => {
  const stranger = aPerson({ id: idOf<PersonId>(41), name: "Ulla Fremmed", email: "ulla@x.dk" });

  test("a red report in someone else's name (taking the period's key) blocks nothing and counts for nothing", async () => {
    const { memory, ports, booking } = setUp();
    memory.statusReports.seed({
      ...aStatusReport({
        initiative: aRef(1),
        period: "2026-Q2",
        reportKey: "1:2026-Q2",
        overall: "Rød",
        overallText: "Alt brænder.",
        state: "Publiceret",
        publishedAt: "2026-05-02T00:00:00Z",
      }),
      createdBy: stranger,
      modifiedBy: stranger,
    });
    // The owner sees no report for the period and writes the real one.
    const page = await loadStatusPage(ports);
    expect(page.own.find((o) => o.initiative.id === booking.id)?.current).toBeNull();
    const saved = await saveStatusReportDraft(ports, request(booking, complete));
    expect(saved.ok).toBe(true);

    // The secretary: Bookingsystem has not reported (the forged report is no report), and its
    // LatestStatus is not made red.
    const sec = setUp(me(secretary, "secretary"));
    sec.memory.statusReports.seed(...memory.statusReports.all());
    const followUp = await loadStatusPage(sec.ports);
    expect(followUp.missing?.map((m) => [m.initiative.title, m.hasDraft])).toContainEqual([
      "Bookingsystem",
      true,
    ]);
    expect(followUp.latestStatusSynced).toBe(0);
    expect(sec.memory.initiatives.all().find((i) => i.id === booking.id)?.latestStatus).toBeNull();
  });

  test("an initiative stored in an ongoing phase without its recorded changes is not an ongoing one", async () => {
    const { memory, ports } = setUp(me(secretary, "secretary"));
    memory.initiatives.seed({
      ...anInitiative({ title: "Genvej", phase: "Gennemførelse", owner: stranger }),
      createdBy: stranger,
      modifiedBy: stranger,
    });
    const page = await loadStatusPage(ports);
    expect(page.missing?.map((m) => m.initiative.title)).not.toContain("Genvej");
  });
});

describe("LatestStatus an owner could not write", () => {
  test("the secretary's load brings each initiative's LatestStatus up to its newest published report", async () => {
    const { memory, ports } = setUp(me(secretary, "secretary"));
    memory.statusReports.seed(
      {
        ...aStatusReport({
          initiative: aRef(1),
          period: "2026-Q1",
          reportKey: "1:2026-Q1",
          state: "Publiceret",
          overall: "Grøn",
          publishedAt: "2026-03-01T00:00:00Z",
        }),
      },
      {
        ...aStatusReport({
          initiative: aRef(1),
          period: "2026-Q2",
          reportKey: "1:2026-Q2",
          state: "Publiceret",
          overall: "Rød",
          publishedAt: "2026-05-01T00:00:00Z",
        }),
      },
      // A draft does not count.
      {
        ...aStatusReport({
          initiative: aRef(2),
          period: "2026-Q2",
          reportKey: "2:2026-Q2",
          overall: "Gul",
        }),
      },
    );
    const page = await loadStatusPage(ports);
    expect(page.latestStatusSynced).toBe(1);
    expect(memory.initiatives.all().map((i) => [i.title, i.latestStatus])).toEqual([
      ["Bookingsystem", "Rød"],
      ["Chatbot", null],
      ["Droner", null],
      ["ESDH <ny>", null],
    ]);
    // Already up to date: nothing written the next time.
    const again = await loadStatusPage(ports);
    expect(again.latestStatusSynced).toBe(0);
  });

  test("an owner's load writes nothing", async () => {
    const { memory, ports } = setUp();
    memory.statusReports.seed({
      ...aStatusReport({
        initiative: aRef(1),
        period: "2026-Q1",
        reportKey: "1:2026-Q1",
        state: "Publiceret",
        overall: "Rød",
        publishedAt: "2026-03-01T00:00:00Z",
      }),
    });
    const page = await loadStatusPage(ports);
    expect(page.latestStatusSynced).toBe(0);
    expect(memory.initiatives.calls.filter(([m]) => m === "update")).toEqual([]);
  });
});

describe("saving a draft", () => {
  test("adds the period's report as a draft, then updates it with its version", async () => {
    const { memory, ports, booking } = setUp();
    const first = await saveStatusReportDraft(ports, request(booking, { ...complete }));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value).toMatchObject({ state: "Kladde", reportKey: "1:2026-Q2", overall: "Gul" });
    const second = await saveStatusReportDraft(
      ports,
      request(booking, { ...complete, overall: "Rød" }, first.value),
    );
    expect(second.ok && second.value.overall).toBe("Rød");
    expect(memory.statusReports.all()).toHaveLength(1);
    expect(memory.statusReports.all()[0]).toMatchObject({ overall: "Rød", state: "Kladde" });
  });

  test("without an overall status nothing is written and the field is named", async () => {
    const { memory, ports, booking } = setUp();
    const r = await saveStatusReportDraft(ports, request(booking, EMPTY_STATUS_REPORT_FORM));
    expect(r).toEqual({
      ok: false,
      error: {
        kind: "invalid",
        problems: [
          {
            field: "overall",
            code: "validation.statusReport.rate",
            params: { label: { code: "fields.statusReport.overall" } },
          },
        ],
      },
    });
    expect(memory.statusReports.all()).toEqual([]);
  });

  test("someone who neither owns, leads nor wrote the initiative may not write its report", async () => {
    const { memory, ports, others } = setUp();
    const r = await saveStatusReportDraft(ports, request(others, complete));
    expect(r).toEqual({ ok: false, error: { kind: "notPermitted" } });
    expect(memory.statusReports.calls.filter(([m]) => m === "add")).toEqual([]);
  });

  test("a second report for the same period (another tab was first): the stored one is returned", async () => {
    const { memory, ports, booking } = setUp();
    const [theirs] = memory.statusReports.seed({
      ...aStatusReport({
        initiative: aRef(1),
        period: "2026-Q2",
        reportKey: "1:2026-Q2",
        overall: "Grøn",
        overallText: "Skrevet i en anden fane",
      }),
    });
    // The period already has a report that counts: nothing is added (no unique key needed).
    const r = await saveStatusReportDraft(ports, request(booking, complete));
    expect(r).toEqual({ ok: false, error: { kind: "changedElsewhere", latest: theirs } });
    expect(memory.statusReports.all()).toHaveLength(1);
    expect(memory.statusReports.all()[0]?.overallText).toBe("Skrevet i en anden fane");
  });

  test("a draft changed in another tab since it was opened is not overwritten", async () => {
    const { memory, ports, booking } = setUp();
    const saved = await saveStatusReportDraft(ports, request(booking, complete));
    if (!saved.ok) throw new Error("expected a saved draft");
    memory.statusReports.touch(saved.value.id, { overallText: "Den anden fane" });
    const r = await saveStatusReportDraft(
      ports,
      request(booking, { ...complete, overallText: "Min tekst" }, saved.value),
    );
    expect(!r.ok && r.error.kind).toBe("changedElsewhere");
    expect(!r.ok && r.error.kind === "changedElsewhere" && r.error.latest.overallText).toBe(
      "Den anden fane",
    );
    expect(memory.statusReports.all()[0]?.overallText).toBe("Den anden fane");
  });
});

describe("publishing", () => {
  test("freezes the report with a snapshot of phase, budget and benefits and sets LatestStatus", async () => {
    const { memory, ports, booking } = setUp();
    const draft = await saveStatusReportDraft(ports, request(booking, complete));
    if (!draft.ok) throw new Error("expected a draft");
    const r = await publishStatusReportFromForm(ports, request(booking, complete, draft.value));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.latestStatus).toEqual({ kind: "updated", rag: "Gul" });
    const stored = memory.statusReports.all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      state: "Publiceret",
      publishedAt: "2026-05-12T10:00:00.000Z",
      snapshot: {
        capturedAt: "2026-05-12T10:00:00.000Z",
        phase: "Gennemførelse",
        budgetByKind: { Anlæg: 400_000, Drift: 50_000 },
        benefits: [{ title: "Færre opkald", targetExpected: 120 }],
      },
    });
    expect((await memory.initiatives.get(idOf<InitiativeId>(1))).latestStatus).toBe("Gul");

    // Frozen: neither a draft save nor a second publication writes anything.
    const again = await saveStatusReportDraft(ports, request(booking, complete, r.value.report));
    expect(!again.ok && again.error.kind).toBe("published");
    const twice = await publishStatusReportFromForm(
      ports,
      request(booking, complete, r.value.report),
    );
    expect(!twice.ok && twice.error.kind).toBe("published");
    expect(memory.statusReports.calls.filter(([m]) => m === "update")).toHaveLength(1);
  });

  test("publishing straight from the form adds the report already published", async () => {
    const { memory, ports, chatbot } = setUp();
    const r = await publishStatusReportFromForm(ports, request(chatbot, complete));
    expect(r.ok && r.value.report.state).toBe("Publiceret");
    expect(memory.statusReports.all()[0]?.snapshot).toMatchObject({
      budgetByKind: { Drift: 999 },
      projectLead: "Thomas Berg",
    });
  });

  test("an incomplete report is refused naming each missing field in Danish, and nothing is written", async () => {
    const { memory, ports, booking } = setUp();
    const r = await publishStatusReportFromForm(
      ports,
      request(booking, {
        ...EMPTY_STATUS_REPORT_FORM,
        overall: "Rød",
        time: { rag: "Gul", text: " " },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== "refused" || r.error.refusal.kind !== "incomplete") {
      throw new Error("expected an incomplete refusal");
    }
    expect(r.error.refusal.missing.map(inDanish)).toEqual([
      "Samlet vurdering skal begrundes, når status er Rød.",
      "Omfang skal vurderes (grøn, gul eller rød).",
      "Tid skal begrundes, når status er Gul.",
      "Økonomi skal vurderes (grøn, gul eller rød).",
      "Gevinster skal vurderes (grøn, gul eller rød).",
    ]);
    expect(memory.statusReports.all()).toEqual([]);
    expect(memory.initiatives.calls.filter(([m]) => m === "update")).toEqual([]);
  });

  test("a conflict on the initiative (someone saved it meanwhile) is retried once on a fresh read", async () => {
    const { memory, ports, booking } = setUp();
    memory.initiatives.touch(1, { summary: "Rettet af en anden" });
    memory.initiatives.failNext("update", new StoreError("Conflict", "stale"));
    const r = await publishStatusReportFromForm(ports, request(booking, complete));
    expect(r.ok && r.value.latestStatus).toEqual({ kind: "updated", rag: "Gul" });
    const stored = await memory.initiatives.get(idOf<InitiativeId>(1));
    expect(stored).toMatchObject({ latestStatus: "Gul", summary: "Rettet af en anden" });
    expect(memory.initiatives.calls.filter(([m]) => m === "update")).toHaveLength(2);
  });

  test("when the initiative cannot be updated the report stays published and the failure is said", async () => {
    const { memory, ports, booking } = setUp();
    memory.initiatives.failNext("update", new StoreError("Conflict", "stale"));
    memory.initiatives.failNext("update", new StoreError("Conflict", "stale again"));
    const r = await publishStatusReportFromForm(ports, request(booking, complete));
    expect(r.ok && r.value.latestStatus.kind).toBe("failed");
    expect(memory.statusReports.all()[0]?.state).toBe("Publiceret");
    expect((await memory.initiatives.get(idOf<InitiativeId>(1))).latestStatus).toBeNull();
  });

  test("a report for an older period published late leaves the newer LatestStatus alone", async () => {
    const { memory, ports, booking } = setUp();
    memory.initiatives.touch(1, { latestStatus: "Grøn" });
    memory.statusReports.seed({
      ...aStatusReport({
        initiative: aRef(1),
        period: "2026-Q3",
        reportKey: "1:2026-Q3",
        state: "Publiceret",
        publishedAt: "2026-05-01T00:00:00Z",
      }),
    });
    const r = await publishStatusReportFromForm(ports, request(booking, complete));
    expect(r.ok && r.value.latestStatus).toEqual({ kind: "unchanged" });
    expect((await memory.initiatives.get(idOf<InitiativeId>(1))).latestStatus).toBe("Grøn");
  });
});

describe("reminders", () => {
  function fakeMailer(failFor: Set<string> = new Set()) {
    const sent: MailMessage[] = [];
    const mailer: Mailer = {
      send: (m) => {
        if (m.to.some((a) => failFor.has(a))) {
          return Promise.reject(new StoreError("Throttled", "Graph throttled", { retryAfter: 30 }));
        }
        sent.push(m);
        return Promise.resolve();
      },
    };
    return { sent, mailer };
  }

  test("one mail per responsible person, listing their initiatives escaped, with period, deadline and link", async () => {
    const { ports } = setUp(me(secretary, "secretary"));
    const page = await loadStatusPage(ports);
    const { recipients } = reminderRecipients(page.missing ?? []);
    const { sent, mailer } = fakeMailer();
    const outcome = await sendStatusReminders(
      { mailer },
      {
        recipients,
        period: page.period,
        deadline: "2026-06-16",
        link: "https://tab.kommune.dk/#/portefolje/status",
        senderName: "Mads Kjær",
      },
    );
    expect(outcome.failed).toEqual([]);
    expect(outcome.sent.map((r) => r.person.name)).toEqual([
      "Anne Holm",
      "Sara Dahl",
      "Thomas Berg",
    ]);
    expect(sent.map((m) => m.to)).toEqual([["anne@x.dk"], ["sara@x.dk"], ["tb@x.dk"]]);
    expect(sent.every((m) => m.cc === undefined)).toBe(true);
    expect(sent[0]?.html).toContain("<li>ESDH &lt;ny&gt;</li>");
    expect(sent[0]?.html).not.toContain("<ny>");
    expect(sent[1]?.html).toContain("<li>Bookingsystem</li>");
    expect(sent[2]?.html).toContain("<li>Chatbot</li>");
    expect(sent[1]?.html).toContain("Fristen er 16. juni 2026.");
    expect(sent[1]?.html).toContain('href="https://tab.kommune.dk/#/portefolje/status"');
    expect(sent[1]?.subject).toBe("Påmindelse: statusrapport for 2. kvartal 2026");
  });

  test("a failed send is reported, nothing marked sent that was not, and a retry sends only the failed", async () => {
    const recipients = [
      { person: owner, initiatives: ["Bookingsystem"] },
      { person: lead, initiatives: ["Chatbot"] },
    ];
    const failing = new Set(["sara@x.dk"]);
    const { sent, mailer } = fakeMailer(failing);
    const request = {
      period: Q2,
      deadline: null,
      link: "https://tab.kommune.dk/#/portefolje/status",
      senderName: "Mads Kjær",
    };
    const first = await sendStatusReminders({ mailer }, { ...request, recipients });
    expect(first.sent.map((r) => r.person.email)).toEqual(["tb@x.dk"]);
    expect(
      first.failed.map((f) => [f.recipient.person.email, (f.error as StoreError).kind]),
    ).toEqual([["sara@x.dk", "Throttled"]]);

    failing.clear();
    const retry = await sendStatusReminders(
      { mailer },
      { ...request, recipients: first.failed.map((f) => f.recipient) },
    );
    expect(retry).toEqual({ sent: [recipients[0]], failed: [] });
    expect(sent.map((m) => m.to[0])).toEqual(["tb@x.dk", "sara@x.dk"]);
  });
});
