/**
 * Rapporter's rules: who makes reports, the Direktørforum address, the portfolio-plan report
 * (ongoing initiatives, budget against frame, benefits, decisions and changes since the last
 * report), snapshots split over note-sized parts and read back by their authors, Graph's mail
 * size limit, Chefforum's orientation and the year-one evaluation.
 */
import type { Benefit, BenefitMeasurement, StatusReport } from "../../src/domain/benefits.js";
import type { MailMessage } from "../../src/domain/communication.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import type { Decision, Meeting } from "../../src/domain/meetings.js";
import type { BudgetFrame, BudgetLine, PhaseChange } from "../../src/domain/portfolio.js";
import {
  assembleReports,
  buildEvaluation,
  buildPortfolioReport,
  checkDirectorsAddress,
  checkMailSize,
  checkSections,
  chefforumSummary,
  DEFAULT_LARGER_THRESHOLD,
  GRAPH_SENDMAIL_MAX_BYTES,
  mayMakeReports,
  parseLargerThreshold,
  type PortfolioReportContent,
  type PortfolioReportInput,
  type PortfolioReportItem,
  reportDrafts,
  type ReportInitiative,
  sendMailRequestBytes,
  splitContent,
} from "../../src/domain/reports.js";
import { type Role, rosterFrom } from "../../src/domain/roles.js";
import { NOTE_MAX } from "../../src/domain/validation.js";
import {
  aBenefit,
  aBenefitMeasurement,
  aBudgetFrame,
  aBudgetLine,
  aDecision,
  aMeeting,
  aPhaseChange,
  aRef,
  aStatusReport,
} from "../support/builders.js";
import { chair, member, secretary, stored } from "../support/builders-reports.js";

const roster = rosterFrom({ secretary: [secretary], chair: [chair], member: [member] });
const NOW = new Date("2026-12-08T10:00:00Z");

function initiative(
  id: number,
  phase: ReportInitiative["phase"],
  created = "2026-01-10T09:00:00Z",
): ReportInitiative {
  return { id: id as InitiativeId, title: `Tiltag ${id}`, phase, created };
}

function input(o: Partial<PortfolioReportInput> = {}): PortfolioReportInput {
  return {
    initiatives: [initiative(1, "Gennemførelse"), initiative(2, "Idé")],
    phaseRecords: [],
    statusReports: [],
    budgetLines: [],
    frames: [],
    benefits: [],
    measurements: [],
    decisions: [],
    since: null,
    largerThreshold: 1_000_000,
    now: NOW,
    ...o,
  };
}

function built(o: Partial<PortfolioReportInput> = {}): PortfolioReportContent {
  const r = buildPortfolioReport(input(o));
  if (!r.ok) throw new Error(`refused: ${r.error.code}`);
  return r.value;
}

describe("who makes reports", () => {
  it.each<[Role[], boolean]>([
    [["secretary"], true],
    [["chair"], true],
    [["member"], false],
    [["contributor"], false],
    [["owner"], false],
    [["member", "chair"], true],
  ])("roles %j may make and send reports: %s", (roles, may) => {
    expect(mayMakeReports({ person: member, roles })).toBe(may);
  });
});

describe("the Direktørforum address", () => {
  it.each<[string | null, string | null]>([
    [null, "reports.problem.noAddress"],
    ["", "reports.problem.noAddress"],
    ["   ", "reports.problem.noAddress"],
    ["direktoerforum", "reports.problem.badAddress"],
    ["df@kommune", "reports.problem.badAddress"],
    ["d f@kommune.dk", "reports.problem.badAddress"],
    ["df@kommune.dk", null],
    ["  df@kommune.dk ", null],
  ])("%j gives %s", (value, code) => {
    const r = checkDirectorsAddress(value);
    if (code === null) {
      expect(r).toEqual({ ok: true, value: (value ?? "").trim() });
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.field).toBe("direktoerforumAddress");
      }
    }
  });
});

describe("the larger-project threshold", () => {
  it.each<[string | null, number]>([
    [null, DEFAULT_LARGER_THRESHOLD],
    ["", DEFAULT_LARGER_THRESHOLD],
    ["tre millioner", DEFAULT_LARGER_THRESHOLD],
    ["-5", DEFAULT_LARGER_THRESHOLD],
    ["2000000", 2_000_000],
    ["2.000.000", 2_000_000],
    ["2 000 000", 2_000_000],
  ])("%j reads as %d", (value, expected) => {
    expect(parseLargerThreshold(value)).toBe(expected);
  });
});

describe("the portfolio-plan report", () => {
  it("refuses a report with no ongoing initiative instead of sending an empty one", () => {
    const r = buildPortfolioReport(
      input({ initiatives: [initiative(2, "Idé"), initiative(3, "Afsluttet")] }),
    );
    expect(r).toEqual({ ok: false, error: { code: "reports.problem.noOngoing" } });
  });

  it.each(["Planlægning", "Gennemførelse", "I drift", "Gevinstopfølgning"] as const)(
    "counts an initiative in %s as ongoing",
    (phase) => {
      expect(built({ initiatives: [initiative(1, phase)] }).initiatives.map((i) => i.id)).toEqual([
        1,
      ]);
    },
  );

  it("gives each ongoing initiative its latest published status with its text, not a draft", () => {
    const reports = [
      stored<StatusReport>(
        aStatusReport({
          period: "2026-Q2",
          state: "Publiceret",
          overall: "Gul",
          overallText: "Forsinket",
        }),
        1,
      ),
      stored<StatusReport>(
        aStatusReport({
          period: "2026-Q3",
          state: "Publiceret",
          overall: "Rød",
          overallText: "Over budget",
        }),
        2,
      ),
      stored<StatusReport>(
        aStatusReport({ period: "2026-Q4", state: "Kladde", overall: "Grøn" }),
        3,
      ),
    ];
    const row = built({ statusReports: reports }).initiatives[0]!;
    expect(row.status).toEqual({ rag: "Rød", text: "Over budget", period: "2026-Q3" });
    expect(built({ statusReports: reports }).totals.byRag).toEqual({
      Grøn: 0,
      Gul: 0,
      Rød: 1,
      none: 0,
    });
  });

  it("sums the budget (Anlæg and Drift, not Gevinst) per initiative and against each frame", () => {
    const lines = [
      stored<BudgetLine>(aBudgetLine({ year: 2026, kind: "Anlæg", amount: 800_000 }), 1),
      stored<BudgetLine>(aBudgetLine({ year: 2026, kind: "Drift", amount: 100_000 }), 2),
      stored<BudgetLine>(aBudgetLine({ year: 2027, kind: "Drift", amount: 150_000 }), 3),
      stored<BudgetLine>(aBudgetLine({ year: 2027, kind: "Gevinst", amount: 500_000 }), 4),
      // The idea's lines are not committed.
      stored<BudgetLine>(
        aBudgetLine({ initiative: aRef(2), year: 2026, kind: "Anlæg", amount: 9_000_000 }),
        5,
      ),
    ];
    const frames = [
      stored<BudgetFrame>(aBudgetFrame({ year: 2026, kind: "Anlæg", amount: 5_000_000 }), 1),
    ];
    const report = built({ budgetLines: lines, frames });
    expect(report.initiatives[0]).toMatchObject({
      budget: 1_050_000,
      budgetThisYear: 900_000,
      larger: true,
    });
    expect(report.frames).toEqual([
      { year: 2026, kind: "Anlæg", frame: 5_000_000, committed: 800_000 },
      { year: 2026, kind: "Drift", frame: null, committed: 100_000 },
      { year: 2027, kind: "Drift", frame: null, committed: 150_000 },
    ]);
  });

  it.each<[number, boolean]>([
    [999_999, false],
    [1_000_000, true],
  ])("an initiative with a budget of %d is a larger project: %s", (amount, larger) => {
    const lines = [stored<BudgetLine>(aBudgetLine({ kind: "Anlæg", amount }), 1)];
    expect(built({ budgetLines: lines }).initiatives[0]!.larger).toBe(larger);
  });

  it("sets cash benefits planned against realized, in the target's direction, from the latest measurement", () => {
    const benefits = [
      stored<Benefit>(aBenefit({ isCash: true, baseline: 0, targetExpected: 300_000 }), 1),
      stored<Benefit>(aBenefit({ isCash: true, baseline: 1_000_000, targetExpected: 800_000 }), 2),
      stored<Benefit>(aBenefit({ isCash: false, baseline: 400, targetExpected: 200 }), 3),
      stored<Benefit>(
        aBenefit({ isCash: true, isDisbenefit: true, baseline: 0, targetExpected: 50_000 }),
        4,
      ),
    ];
    const measurements = [
      stored<BenefitMeasurement>(
        aBenefitMeasurement({
          benefit: aRef(1),
          measuredAt: "2026-06-01T00:00:00Z",
          value: 100_000,
        }),
        1,
      ),
      stored<BenefitMeasurement>(
        aBenefitMeasurement({
          benefit: aRef(1),
          measuredAt: "2026-09-01T00:00:00Z",
          value: 150_000,
        }),
        2,
      ),
      stored<BenefitMeasurement>(
        aBenefitMeasurement({
          benefit: aRef(2),
          measuredAt: "2026-09-01T00:00:00Z",
          value: 900_000,
        }),
        3,
      ),
    ];
    expect(built({ benefits, measurements }).initiatives[0]!.benefits).toEqual({
      planned: 500_000,
      realized: 250_000,
      count: 2,
      measured: 2,
    });
  });

  it("lists the decisions and changes since the last report, and only those", () => {
    const since = "2026-09-01T00:00:00Z";
    const decisions = [
      stored<Decision>(aDecision({ title: "Før", decidedAt: "2026-08-01T09:00:00Z" }), 1),
      stored<Decision>(
        aDecision({
          title: "Efter",
          decidedAt: "2026-10-01T09:00:00Z",
          initiative: aRef(1, "Tiltag 1"),
        }),
        2,
      ),
    ];
    const records = [
      stored<PhaseChange>(aPhaseChange({ fromPhase: "Planlægning", toPhase: "Gennemførelse" }), 1, {
        created: "2026-08-01T00:00:00Z",
      }),
      stored<PhaseChange>(aPhaseChange({ fromPhase: "Prioriteret", toPhase: "Planlægning" }), 2, {
        created: "2026-10-02T00:00:00Z",
      }),
      stored<PhaseChange>(
        aPhaseChange({ initiative: aRef(3), fromPhase: "I drift", toPhase: "Afsluttet" }),
        3,
        { created: "2026-10-03T00:00:00Z" },
      ),
      stored<PhaseChange>(
        aPhaseChange({ gate: "Prioritet", fromPhase: null, toPhase: "Planlægning" }),
        4,
        { created: "2026-10-04T00:00:00Z" },
      ),
    ];
    const report = built({
      since,
      decisions,
      phaseRecords: records,
      initiatives: [
        initiative(1, "Gennemførelse"),
        initiative(3, "Afsluttet"),
        initiative(4, "Idé", "2026-11-01T00:00:00Z"),
      ],
    });
    expect(report.decisions.map((d) => [d.title, d.initiative])).toEqual([["Efter", "Tiltag 1"]]);
    expect(report.changes.moved.map((m) => [m.id, m.from, m.to])).toEqual([
      [1, "Prioriteret", "Planlægning"],
    ]);
    expect(report.changes.closed.map((m) => [m.id, m.to])).toEqual([[3, "Afsluttet"]]);
    expect(report.changes.new.map((m) => m.id)).toEqual([4]);
    expect(report.since).toBe(since);
    expect(report.until).toBe(NOW.toISOString());
  });

  it("counts everything as a change on the first report", () => {
    const report = built({ since: null });
    expect(report.changes.new.map((n) => n.id)).toEqual([1, 2]);
  });
});

describe("snapshots", () => {
  it.each<[number, number]>([
    [10, 1],
    [NOTE_MAX, 1],
    [NOTE_MAX + 1, 2],
    [3 * NOTE_MAX, 3],
  ])("a snapshot of %d characters takes %d parts, joined back as it was", (length, parts) => {
    const text = "x".repeat(length);
    const split = splitContent(text);
    expect(split).toHaveLength(parts);
    expect(split.every((p) => p.length <= NOTE_MAX)).toBe(true);
    expect(split.join("")).toBe(text);
  });

  function itemsOf(
    content: PortfolioReportContent,
    by = secretary,
    firstId = 1,
  ): PortfolioReportItem[] {
    return reportDrafts(
      { title: "Rapport", kind: "Direktørforum", until: content.until, sentTo: "df@k.dk" },
      content,
    ).map((d, k) =>
      stored<PortfolioReportItem>(d, firstId + k, { by, created: `2026-12-08T10:00:0${k}Z` }),
    );
  }

  it("reads back a large report from its parts, as it was saved", () => {
    const many = Array.from({ length: 400 }, (_, k) => initiative(k + 1, "Gennemførelse"));
    const content = built({ initiatives: many });
    const items = itemsOf(content);
    expect(items.length).toBeGreaterThan(1);
    const { reports, irregular } = assembleReports(items, roster);
    expect(irregular).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.content).toEqual(content);
    expect(reports[0]!.author).toEqual(secretary);
  });

  it.each([
    ["the chair", 1, 0, chair],
    ["the secretary", 1, 0, secretary],
    ["a member", 0, 1, member],
  ])(
    "a report made by %s counts %d time(s) and is irregular %d time(s)",
    (_, counted, irregularCount, by) => {
      const { reports, irregular } = assembleReports(itemsOf(built(), by), roster);
      expect(reports).toHaveLength(counted);
      expect(irregular).toHaveLength(irregularCount);
      if (irregularCount)
        expect(irregular[0]).toMatchObject({
          list: "PortfolioReports",
          rule: "reports.irregular.author",
          by: member,
        });
    },
  );

  it("a report with a part missing is irregular, not shown half", () => {
    const many = Array.from({ length: 400 }, (_, k) => initiative(k + 1, "Gennemførelse"));
    const items = itemsOf(built({ initiatives: many }));
    const { reports, irregular } = assembleReports(items.slice(0, -1), roster);
    expect(reports).toEqual([]);
    expect(irregular.map((i) => i.rule)).toEqual(["reports.irregular.parts"]);
  });
});

describe("Graph's mail size limit", () => {
  const mail = (bytes: number): MailMessage => ({
    to: ["df@kommune.dk"],
    subject: "Porteføljeplan",
    html: "<p>Hej</p>",
    attachments: [
      { name: "r.xlsx", contentType: "application/xlsx", bytes: new Uint8Array(bytes) },
    ],
  });

  it("measures the request as Graph gets it: the attachment in base64", () => {
    expect(sendMailRequestBytes(mail(3000)) - sendMailRequestBytes(mail(0))).toBe(4000);
  });

  it.each<[string, number, boolean]>([
    ["a small workbook", 50_000, false],
    ["a workbook just under the limit", 3_000_000, false],
    ["a workbook whose base64 is over 4 MB", 3_200_000, true],
  ])("%s (%d bytes) is refused: %s", (_, bytes, refused) => {
    const p = checkMailSize(mail(bytes));
    if (refused) {
      expect(p).toMatchObject({
        code: "reports.problem.attachmentTooLarge",
        params: { limit: GRAPH_SENDMAIL_MAX_BYTES },
      });
    } else {
      expect(p).toBeNull();
    }
  });
});

describe("Chefforum's orientation", () => {
  it("names each larger project with phase, status and budget, escaped, with the link", () => {
    const lines = [stored<BudgetLine>(aBudgetLine({ kind: "Anlæg", amount: 2_000_000 }), 1)];
    const content = built({
      budgetLines: lines,
      initiatives: [{ ...initiative(1, "Gennemførelse"), title: "Ny <b>ESDH</b>" }],
    });
    const summary = chefforumSummary(content, "DF:2026-12-08", "https://teams.example/rapporter");
    expect(summary!.subject).toBe("Orientering om større projekter · DF:2026-12-08");
    expect(summary!.html).toContain("Ny &lt;b&gt;ESDH&lt;/b&gt; – Gennemførelse");
    expect(summary!.html).toContain('href="https://teams.example/rapporter"');
  });

  it("is not posted when the report has no larger project", () => {
    expect(chefforumSummary(built(), "DF:x", "https://x")).toBeNull();
  });

  it("leaves out a link that is not http(s)", () => {
    const lines = [stored<BudgetLine>(aBudgetLine({ kind: "Anlæg", amount: 2_000_000 }), 1)];
    const summary = chefforumSummary(built({ budgetLines: lines }), "DF:x", "javascript:alert(1)");
    expect(summary!.html).not.toContain("javascript");
  });
});

describe("the year-one evaluation", () => {
  const base = {
    year: 2026,
    now: NOW,
    minMeetings: 4,
    meetings: [] as Meeting[],
    decisions: [] as Decision[],
    phaseRecords: [] as PhaseChange[],
    initiatives: [],
    rounds: [],
    benefits: [],
    measurements: [],
    fundingProposals: [],
    workItems: [],
    roster,
    sections: [],
  };

  it("counts the meetings held in the year against the minimum", () => {
    const meetings = [
      ["2026-02-01T09:00:00Z", "Referat udsendt"],
      ["2026-05-01T09:00:00Z", "Afholdt"],
      ["2026-08-01T09:00:00Z", "Aflyst"],
      ["2026-12-20T09:00:00Z", "Planlagt"],
      ["2025-11-01T09:00:00Z", "Referat udsendt"],
    ].map(([start, state], k) =>
      stored<Meeting>(aMeeting({ start, state: state as Meeting["state"] }), k + 1),
    );
    expect(buildEvaluation({ ...base, meetings }).meetings).toEqual({ held: 2, minimum: 4 });
  });

  it("measures the days from Klar til prioritering to the initiative's first decision after it", () => {
    const phaseRecords = [
      stored<PhaseChange>(
        aPhaseChange({
          initiative: aRef(1),
          fromPhase: "Behovsanalyse",
          toPhase: "Klar til prioritering",
        }),
        1,
        { created: "2026-03-01T00:00:00Z" },
      ),
      stored<PhaseChange>(
        aPhaseChange({
          initiative: aRef(2),
          fromPhase: "Behovsanalyse",
          toPhase: "Klar til prioritering",
        }),
        2,
        { created: "2026-04-01T00:00:00Z" },
      ),
    ];
    const decisions = [
      stored<Decision>(aDecision({ initiative: aRef(1), decidedAt: "2026-03-11T00:00:00Z" }), 1),
      stored<Decision>(aDecision({ initiative: aRef(1), decidedAt: "2026-06-11T00:00:00Z" }), 2),
      stored<Decision>(aDecision({ initiative: aRef(2), decidedAt: "2026-05-01T00:00:00Z" }), 3),
    ];
    const e = buildEvaluation({ ...base, phaseRecords, decisions });
    expect(e.decisions).toEqual({
      count: 3,
      toDecision: { count: 2, medianDays: 20, meanDays: 20 },
    });
  });

  it.each<[string | null, string | null, "avoided" | "shortened" | "standalone" | null]>([
    ["Styregruppe", null, "avoided"],
    ["Referencegruppe", null, "avoided"],
    ["Styregruppe indtil selvstændig styregruppe", null, "shortened"],
    ["Selvstændig styregruppe", "2026-06-01T00:00:00Z", "shortened"],
    ["Selvstændig styregruppe", null, "standalone"],
    [null, null, null],
  ])("governance %s (dissolved %s) counts as %s", (governance, to, bucket) => {
    const initiatives = [
      {
        ...initiative(1, "Gennemførelse"),
        governance: governance as never,
        standaloneGroupFrom: null,
        standaloneGroupTo: to,
      },
    ];
    const e = buildEvaluation({ ...base, initiatives });
    const expected = { avoided: 0, shortened: 0, standalone: 0 };
    if (bucket) expected[bucket] = 1;
    expect(e.steeringGroups).toEqual(expected);
  });

  it("counts the secretary's items per Danish month, from Author and Created", () => {
    const workItems = [
      { createdBy: secretary, created: "2026-01-31T23:30:00Z" }, // 1 February in Denmark
      { createdBy: secretary, created: "2026-02-10T10:00:00Z" },
      { createdBy: secretary, created: "2026-03-10T10:00:00Z" },
      { createdBy: chair, created: "2026-03-10T10:00:00Z" },
      { createdBy: null, created: "2026-03-10T10:00:00Z" },
      { createdBy: secretary, created: "2025-12-10T10:00:00Z" },
    ];
    expect(buildEvaluation({ ...base, workItems }).workload).toEqual([
      { month: "2026-02", items: 2 },
      { month: "2026-03", items: 1 },
    ]);
  });

  it("counts the phase moves of the year and the initiatives by phase", () => {
    const phaseRecords = [
      stored<PhaseChange>(aPhaseChange({ fromPhase: "Idé", toPhase: "Behovsanalyse" }), 1, {
        created: "2026-02-01T00:00:00Z",
      }),
      stored<PhaseChange>(
        aPhaseChange({ initiative: aRef(2), fromPhase: "Idé", toPhase: "Behovsanalyse" }),
        2,
        { created: "2026-03-01T00:00:00Z" },
      ),
      stored<PhaseChange>(aPhaseChange({ fromPhase: "Idé", toPhase: "Behovsanalyse" }), 3, {
        created: "2025-03-01T00:00:00Z",
      }),
    ];
    const initiatives = [1, 2].map((id) => ({
      ...initiative(id, "Behovsanalyse"),
      governance: null,
      standaloneGroupFrom: null,
      standaloneGroupTo: null,
    }));
    const e = buildEvaluation({ ...base, phaseRecords, initiatives });
    expect(e.phases.moves).toEqual([{ from: "Idé", to: "Behovsanalyse", count: 2 }]);
    expect(e.phases.now).toEqual([{ phase: "Behovsanalyse", count: 2 }]);
  });

  it("counts the year's financing proposals by state and the amount approved", () => {
    const fundingProposals = [
      { id: 1, state: "Godkendt", totalAmount: 400_000, created: "2026-02-01T00:00:00Z" },
      { id: 2, state: "Godkendt", totalAmount: 100_000, created: "2026-03-01T00:00:00Z" },
      { id: 3, state: "Afvist", totalAmount: 900_000, created: "2026-03-01T00:00:00Z" },
      { id: 4, state: "Godkendt", totalAmount: 700_000, created: "2025-03-01T00:00:00Z" },
    ] as never;
    const e = buildEvaluation({ ...base, fundingProposals });
    expect(e.funding).toEqual({
      byState: [
        { state: "Godkendt", count: 2 },
        { state: "Afvist", count: 1 },
      ],
      approvedAmount: 500_000,
    });
  });

  it("keeps the committee's own sections, trimmed, and leaves out empty ones", () => {
    const e = buildEvaluation({
      ...base,
      sections: [
        { heading: " Proces ", text: "Godt år. " },
        { heading: "", text: "  " },
      ],
    });
    expect(e.sections).toEqual([{ heading: "Proces", text: "Godt år." }]);
  });

  it("refuses a section with text and no heading, naming the section", () => {
    expect(
      checkSections([
        { heading: "A", text: "x" },
        { heading: " ", text: "tekst" },
      ]),
    ).toEqual([
      {
        code: "reports.problem.sectionHeading",
        params: { number: 2 },
        field: "sections.1.heading",
      },
    ]);
  });
});
