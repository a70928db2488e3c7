/**
 * The committee's gates and the portfolio's read-time checks: the recorded changes replayed
 * from Idé (who may make which change, from the last valid phase, with reason and decision),
 * the priority and mandatory flag only through the chair's or the secretary's records, and
 * budget lines, status reports and benefit measurements counted only when written by someone
 * allowed and valid by the rules they are saved with.
 */
import type { BenefitMeasurement, StatusReport } from "../../src/domain/benefits.js";
import { checkBenefitMeasurements, mayMeasureBenefit } from "../../src/domain/benefits.js";
import type { Person } from "../../src/domain/common.js";
import {
  type BenefitId,
  type BenefitMeasurementId,
  type BudgetLineId,
  idOf,
  type InitiativeId,
  type PersonId,
  type StatusReportId,
  versionOf,
} from "../../src/domain/ids.js";
import type { INITIAL_GATES } from "../../src/domain/lifecycle.js";
import {
  type GateSubject,
  maySetGates,
  pathFromIdea,
  planGateChange,
  replayGates,
  withValidGates,
} from "../../src/domain/lifecycle.js";
import {
  type BudgetLine,
  checkBudgetLines,
  type Initiative,
  mayWriteBudgetLine,
  type PhaseChange,
  validateBudgetLine,
  validatePhaseChange,
} from "../../src/domain/portfolio.js";
import { checkPortfolio, validLatestStatus } from "../../src/domain/portfolio-trust.js";
import { rosterFrom } from "../../src/domain/roles.js";
import { checkStatusReports, currentReports, mayReport } from "../../src/domain/status-reports.js";
import type { Phase } from "../../src/domain/vocabulary.js";
import {
  aBenefitMeasurement,
  aBudgetLine,
  aPerson,
  aPhaseChange,
  aRef,
  aStatusReport,
} from "../support/builders.js";
import {
  aClock,
  aRecordedPath,
  aStoredChange,
  aStoredInitiative,
  chair,
  lead,
  me,
  member,
  owner,
  secretary,
} from "../support/builders-lifecycle.js";

/** A proposer who neither owns nor wrote the initiative. */
const stranger = aPerson({ id: idOf<PersonId>(21), name: "Ulla Fremmed", email: "ulla@x.dk" });
/** The proposer who handed the initiative in (its author), not its owner. */
const author = aPerson({ id: idOf<PersonId>(22), name: "Per Forfatter", email: "per@x.dk" });

const roster = rosterFrom({
  chair: [chair],
  secretary: [secretary],
  member: [member, chair],
  contributor: [owner, lead, stranger, author],
});

const META = { version: versionOf('"1"') };
const at = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString();

function subject(o: Partial<Initiative> = {}): Initiative {
  return { ...aStoredInitiative({ id: 1, owner }), createdBy: author, modifiedBy: author, ...o };
}

const rules = (i: readonly { rule: string }[]) => i.map((x) => x.rule);

// ---------------------------------------------------------------- replaying the gates

describe("replayGates: the phase counts only as the valid recorded changes set it", () => {
  const change = (o: Parameters<typeof aStoredChange>[0]) =>
    aStoredChange({ initiative: aRef<InitiativeId>(1), ...o });

  it.each<[string, Phase, PhaseChange[], Phase, string[]]>([
    ["a new idea without records", "Idé", [], "Idé", []],
    [
      "an initiative created straight into Gennemførelse",
      "Gennemførelse",
      [],
      "Idé",
      ["initiative.phaseNotRecorded"],
    ],
    [
      "the secretary's full path to Gennemførelse",
      "Gennemførelse",
      aRecordedPath({ id: 1, title: "x" }, "Gennemførelse"),
      "Gennemførelse",
      [],
    ],
    [
      "the owner moving their own idea into needs analysis",
      "Behovsanalyse",
      [change({ by: owner, fromPhase: "Idé", toPhase: "Behovsanalyse" })],
      "Behovsanalyse",
      [],
    ],
    [
      "the owner moving on to Klar til prioritering (the secretary's to do)",
      "Klar til prioritering",
      [
        change({ id: 1, by: owner, created: at(1), fromPhase: "Idé", toPhase: "Behovsanalyse" }),
        change({
          id: 2,
          by: owner,
          created: at(2),
          fromPhase: "Behovsanalyse",
          toPhase: "Klar til prioritering",
        }),
      ],
      "Behovsanalyse",
      ["initiative.phaseNotRecorded", "phaseChange.notPermitted"],
    ],
    [
      "a proposer moving someone else's idea",
      "Behovsanalyse",
      [change({ by: stranger, fromPhase: "Idé", toPhase: "Behovsanalyse" })],
      "Idé",
      ["initiative.phaseNotRecorded", "phaseChange.notPermitted"],
    ],
    [
      "a change from a phase the initiative was not validly in",
      "Planlægning",
      [change({ fromPhase: "Prioriteret", toPhase: "Planlægning" })],
      "Idé",
      ["initiative.phaseNotRecorded", "phaseChange.notFromValidPhase"],
    ],
    [
      "a jump the table does not allow, even by the secretary",
      "Gennemførelse",
      [change({ fromPhase: "Idé", toPhase: "Gennemførelse" })],
      "Idé",
      ["initiative.phaseNotRecorded", "phaseChange.notAllowed"],
    ],
    [
      "parking without a reason",
      "Parkeret",
      [change({ fromPhase: "Idé", toPhase: "Parkeret", reason: " " })],
      "Idé",
      ["initiative.phaseNotRecorded", "phaseChange.reasonMissing"],
    ],
    [
      "entering Prioriteret without the committee's decision",
      "Prioriteret",
      [
        ...aRecordedPath({ id: 1, title: "x" }, "Klar til prioritering"),
        change({
          id: 50,
          created: at(20),
          fromPhase: "Klar til prioritering",
          toPhase: "Prioriteret",
          decision: null,
        }),
      ],
      "Klar til prioritering",
      ["initiative.phaseNotRecorded", "phaseChange.decisionMissing"],
    ],
    [
      "a record rewritten by someone other than its author",
      "Behovsanalyse",
      [{ ...change({ fromPhase: "Idé", toPhase: "Behovsanalyse" }), modifiedBy: stranger }],
      "Idé",
      ["initiative.phaseNotRecorded", "phaseChange.edited"],
    ],
  ])("%s", (_name, stored, records, valid, expected) => {
    const replay = replayGates(subject({ phase: stored }), records, roster);
    expect(replay.valid.phase).toBe(valid);
    expect(replay.stored.phase).toBe(stored);
    expect(rules(replay.irregular).sort()).toEqual([...expected].sort());
  });

  it("names the initiative's last editor when its stored phase is irregular", () => {
    const replay = replayGates(subject({ phase: "Gennemførelse", modifiedBy: owner }), [], roster);
    expect(replay.irregular).toEqual([
      {
        list: "Initiatives",
        item: 1,
        rule: "initiative.phaseNotRecorded",
        by: owner,
        params: { stored: "Gennemførelse", valid: "Idé" },
      },
    ]);
  });

  it("names the record's author when a record does not count", () => {
    const record = change({ id: 7, by: stranger, fromPhase: "Idé", toPhase: "Behovsanalyse" });
    const replay = replayGates(subject({ phase: "Idé" }), [record], roster);
    expect(replay.irregular).toEqual([
      {
        list: "PhaseChanges",
        item: 7,
        rule: "phaseChange.notPermitted",
        by: stranger,
        params: { from: "Idé", to: "Behovsanalyse" },
      },
    ]);
  });

  it("replays in the server's order of creation, not the client's ChangedAt", () => {
    const [a, b] = aRecordedPath({ id: 1, title: "x" }, "Klar til prioritering");
    // The client claims the second change happened first; Created says otherwise.
    const claimed = [
      { ...b!, changedAt: "2025-01-01T00:00:00Z" },
      { ...a!, changedAt: "2027-01-01T00:00:00Z" },
    ];
    const replay = replayGates(subject({ phase: "Klar til prioritering" }), claimed, roster);
    expect(replay.valid.phase).toBe("Klar til prioritering");
    expect(replay.irregular).toEqual([]);
  });

  it("an irregular record leaves the valid phase where it was, and later valid records go on from it", () => {
    const records = [
      change({ id: 1, created: at(1), by: stranger, fromPhase: "Idé", toPhase: "Behovsanalyse" }),
      change({ id: 2, created: at(2), by: owner, fromPhase: "Idé", toPhase: "Behovsanalyse" }),
    ];
    const replay = replayGates(subject({ phase: "Behovsanalyse" }), records, roster);
    expect(replay.valid.phase).toBe("Behovsanalyse");
    expect(replay.records.map((r) => r.id)).toEqual([2]);
    expect(rules(replay.irregular)).toEqual(["phaseChange.notPermitted"]);
  });

  it("ignores the records of other initiatives", () => {
    const other = aRecordedPath({ id: 2, title: "y" }, "Gennemførelse");
    expect(replayGates(subject({ phase: "Idé" }), other, roster).irregular).toEqual([]);
  });

  it("resuming a parked initiative into Prioriteret needs no new decision (it was taken before parking)", () => {
    const path = aRecordedPath({ id: 1, title: "x" }, "Prioriteret");
    const park = change({
      id: 60,
      created: at(30),
      fromPhase: "Prioriteret",
      toPhase: "Parkeret",
      reason: "Afventer budget.",
    });
    const resume = change({
      id: 61,
      created: at(31),
      fromPhase: "Parkeret",
      toPhase: "Prioriteret",
    });
    const replay = replayGates(subject({ phase: "Prioriteret" }), [...path, park, resume], roster);
    expect(replay.irregular).toEqual([]);
    expect(replay.valid.phase).toBe("Prioriteret");
  });
});

describe("replayGates: priority and mandatory count only through the chair's or secretary's records", () => {
  const gate = (o: Parameters<typeof aStoredChange>[0]) =>
    aStoredChange({ initiative: aRef<InitiativeId>(1), fromPhase: "Idé", toPhase: "Idé", ...o });

  it.each<[string, Partial<Initiative>, PhaseChange[], Partial<typeof INITIAL_GATES>, string[]]>([
    [
      "priority set directly on the item",
      { priority: 1, priorityScore: 99 },
      [],
      { priority: null, priorityScore: null },
      ["initiative.priorityNotRecorded"],
    ],
    [
      "priority recorded by the secretary",
      { priority: 2, priorityScore: 3.5 },
      [gate({ gate: "Prioritet", priority: 2, priorityScore: 3.5 })],
      { priority: 2, priorityScore: 3.5 },
      [],
    ],
    [
      "priority recorded by the owner",
      { priority: 1, priorityScore: null },
      [gate({ by: owner, gate: "Prioritet", priority: 1, priorityScore: null })],
      { priority: null },
      ["initiative.priorityNotRecorded", "phaseChange.gateNotPermitted"],
    ],
    [
      "mandatory set directly on the item",
      { mandatory: true },
      [],
      { mandatory: false },
      ["initiative.mandatoryNotRecorded"],
    ],
    [
      "mandatory recorded by the chair",
      { mandatory: true },
      [gate({ by: chair, gate: "Lovpligtig", mandatory: true })],
      { mandatory: true },
      [],
    ],
    [
      "mandatory recorded by a member",
      { mandatory: true },
      [gate({ by: member, gate: "Lovpligtig", mandatory: true })],
      { mandatory: false },
      ["initiative.mandatoryNotRecorded", "phaseChange.gateNotPermitted"],
    ],
    [
      "a priority record that breaks its own rules (negative)",
      { priority: null },
      [gate({ gate: "Prioritet", priority: -1, priorityScore: null })],
      { priority: null },
      ["phaseChange.invalid"],
    ],
  ])("%s", (_name, stored, records, valid, expected) => {
    const replay = replayGates(subject(stored), records, roster);
    expect(replay.valid).toMatchObject(valid);
    expect(rules(replay.irregular).sort()).toEqual([...expected].sort());
  });

  it("withValidGates replaces only the gates a narrow read has", () => {
    const replay = replayGates(subject({ phase: "Gennemførelse", mandatory: true }), [], roster);
    const slice = { id: idOf<InitiativeId>(1), phase: "Gennemførelse" as Phase, title: "x" };
    expect(withValidGates(slice, replay)).toEqual({ id: 1, phase: "Idé", title: "x" });
  });
});

describe("planGateChange", () => {
  const clock = aClock("2026-03-01T09:00:00Z");
  const initiative = { id: idOf<InitiativeId>(1), title: "x", phase: "Prioriteret" as Phase };

  it("records the chair's or secretary's new priority with the phase it was in", () => {
    const planned = planGateChange(
      { ...initiative, priority: null, priorityScore: null },
      { priority: 3, priorityScore: 2.25 },
      me(chair, "chair", "member"),
      "",
      null,
      clock,
    );
    expect(planned).toEqual({
      ok: true,
      value: expect.objectContaining({
        gate: "Prioritet",
        priority: 3,
        priorityScore: 2.25,
        fromPhase: "Prioriteret",
        toPhase: "Prioriteret",
        changedAt: "2026-03-01T09:00:00.000Z",
      }) as unknown,
    });
    expect(planned.ok && validatePhaseChange(planned.value)).toEqual({ ok: true });
  });

  it.each([
    ["the owner", me(owner, "contributor"), { mandatory: true }, "notPermitted"],
    ["a member", me(member, "member"), { mandatory: true }, "notPermitted"],
    [
      "the secretary, to what it already is",
      me(secretary, "secretary"),
      { mandatory: false },
      "unchanged",
    ],
  ] as const)("refuses %s", (_n, actor, change, kind) => {
    const planned = planGateChange(
      { ...initiative, mandatory: false },
      change,
      actor,
      "",
      null,
      clock,
    );
    expect(planned).toEqual({ ok: false, error: { kind } });
  });

  it("maySetGates: the chair and the secretary only", () => {
    expect(
      [me(chair, "chair"), me(secretary, "secretary"), me(member, "member"), me(owner)].map(
        maySetGates,
      ),
    ).toEqual([true, true, false, false]);
  });

  it("pathFromIdea goes along the table, each step allowed", () => {
    expect(pathFromIdea("Idé")).toEqual([]);
    expect(pathFromIdea("Parkeret")).toEqual([
      { from: "Idé", to: "Behovsanalyse" },
      { from: "Behovsanalyse", to: "Parkeret" },
    ]);
    expect(pathFromIdea("Afsluttet").at(-1)).toEqual({
      from: "Gevinstopfølgning",
      to: "Afsluttet",
    });
  });
});

// ---------------------------------------------------------------- budget lines

describe("checkBudgetLines: only lines by someone allowed for that initiative, valid when read", () => {
  const initiative = subject();
  const line = (by: Person, o: Partial<BudgetLine> = {}): BudgetLine => ({
    ...aBudgetLine({ initiative: aRef<InitiativeId>(1), kind: "Anlæg", amount: 100_000 }),
    ...META,
    id: idOf<BudgetLineId>(5),
    created: at(1),
    modified: at(1),
    createdBy: by,
    modifiedBy: by,
    ...o,
  });
  const check = (l: BudgetLine) =>
    checkBudgetLines([l], new Map([[1, initiative]]), roster).irregular.map((i) => i.rule);

  it.each<[string, BudgetLine, string[]]>([
    ["by the owner", line(owner), []],
    ["by the initiative's author", line(author), []],
    ["by the secretary", line(secretary), []],
    ["by the chair", line(chair), []],
    ["by a proposer whose initiative it is not", line(stranger), ["budgetLine.notPermitted"]],
    ["by a member", line(member), ["budgetLine.notPermitted"]],
    [
      "by the owner, then edited by a stranger",
      line(owner, { modifiedBy: stranger }),
      ["budgetLine.notPermitted"],
    ],
    ["a negative amount", line(owner, { amount: -5_000_000 }), ["budgetLine.invalid"]],
    ["øre instead of whole kroner", line(owner, { amount: 100.5 }), ["budgetLine.invalid"]],
    ["a year outside 2000–2100", line(owner, { year: 1999 }), ["budgetLine.invalid"]],
    [
      "on an initiative that is not known",
      line(secretary, { initiative: aRef<InitiativeId>(404) }),
      ["budgetLine.noInitiative"],
    ],
  ])("%s", (_name, l, expected) => {
    expect(check(l)).toEqual(expected);
  });

  it("names who wrote the line and the initiative it claims", () => {
    const { valid, irregular } = checkBudgetLines(
      [line(stranger)],
      new Map([[1, initiative]]),
      roster,
    );
    expect(valid).toEqual([]);
    expect(irregular).toEqual([
      {
        list: "BudgetLines",
        item: 5,
        rule: "budgetLine.notPermitted",
        by: stranger,
        params: { initiative: initiative.title },
      },
    ]);
  });

  it("a negative amount is refused on save as well", () => {
    expect(validateBudgetLine(aBudgetLine({ amount: -1 })).ok).toBe(false);
    expect(mayWriteBudgetLine(initiative, me(stranger, "contributor"))).toBe(false);
  });
});

// ---------------------------------------------------------------- status reports

describe("checkStatusReports and currentReports: a report in someone else's name counts for nothing", () => {
  const initiative = subject({ projectLead: lead });
  const report = (id: number, by: Person, o: Partial<StatusReport> = {}): StatusReport => ({
    ...aStatusReport({
      initiative: aRef<InitiativeId>(1),
      period: "2026-Q1",
      reportKey: "1:2026-Q1",
      overall: "Grøn",
      state: "Publiceret",
      publishedAt: at(10),
    }),
    ...META,
    id: idOf<StatusReportId>(id),
    created: at(id),
    modified: at(id),
    createdBy: by,
    modifiedBy: by,
    ...o,
  });
  const map = new Map([[1, initiative]]);

  it.each<[string, StatusReport, string[]]>([
    ["by the owner", report(1, owner), []],
    ["by the project lead", report(1, lead), []],
    ["by the initiative's author", report(1, author), []],
    ["by the secretary", report(1, secretary), []],
    ["by the chair", report(1, chair), ["statusReport.notPermitted"]],
    ["by a stranger", report(1, stranger, { overall: "Rød" }), ["statusReport.notPermitted"]],
    [
      "with a key that is not <initiative>:<period>",
      report(1, owner, { reportKey: "2:2026-Q1" }),
      ["statusReport.invalid"],
    ],
  ])("%s", (_name, r, expected) => {
    expect(rules(checkStatusReports([r], map, roster).irregular)).toEqual(expected);
  });

  it("a forged red report taking the period's key blocks nothing: the owner's report is the period's", () => {
    const forged = report(1, stranger, { overall: "Rød", overallText: "Alt brænder." });
    const real = report(2, owner, { overall: "Grøn" });
    const { valid } = checkStatusReports([forged, real], map, roster);
    expect(currentReports(valid).map((r) => r.id)).toEqual([2]);
    expect(validLatestStatus({ id: idOf<InitiativeId>(1), latestStatus: null }, valid)).toBe(
      "Grøn",
    );
  });

  it("the period's report is the published one created last, else the draft created last", () => {
    const published = report(1, owner);
    const laterDraft = report(2, secretary, { state: "Kladde", publishedAt: null });
    const laterPublished = report(3, secretary, { overall: "Gul" });
    expect(currentReports([published, laterDraft]).map((r) => r.id)).toEqual([1]);
    expect(currentReports([published, laterDraft, laterPublished]).map((r) => r.id)).toEqual([3]);
    expect(currentReports([laterDraft]).map((r) => r.id)).toEqual([2]);
  });

  it("mayReport: owner, project lead, author and secretary", () => {
    expect(
      [owner, lead, author, secretary, chair, stranger].map((p) =>
        mayReport(
          initiative,
          me(p, p === secretary ? "secretary" : p === chair ? "chair" : "contributor"),
        ),
      ),
    ).toEqual([true, true, true, true, false, false]);
  });
});

// ---------------------------------------------------------------- benefit measurements

describe("checkBenefitMeasurements: the benefit owner's or the secretary's, dated after the baseline and not in the future", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  const benefit = { id: idOf<BenefitId>(4), title: "Færre opkald", owner: lead };
  const measurement = (
    id: number,
    by: Person,
    o: Partial<BenefitMeasurement> = {},
  ): BenefitMeasurement => ({
    ...aBenefitMeasurement({
      benefit: aRef<BenefitId>(4, "Færre opkald"),
      measuredAt: "2026-03-01T00:00:00Z",
      milestone: "Løbende",
    }),
    ...META,
    id: idOf<BenefitMeasurementId>(id),
    created: at(id),
    modified: at(id),
    createdBy: by,
    modifiedBy: by,
    ...o,
  });
  const baseline = measurement(1, secretary, {
    milestone: "Baseline",
    measuredAt: "2026-01-15T00:00:00Z",
  });
  const check = (m: BenefitMeasurement) =>
    rules(checkBenefitMeasurements([baseline, m], new Map([[4, benefit]]), roster, now).irregular);

  it.each<[string, BenefitMeasurement, string[]]>([
    ["by the benefit owner", measurement(2, lead), []],
    ["by the secretary", measurement(2, secretary), []],
    [
      "by a proposer who does not own the benefit",
      measurement(2, stranger),
      ["benefitMeasurement.notPermitted"],
    ],
    ["by the chair", measurement(2, chair), ["benefitMeasurement.notPermitted"]],
    [
      "dated in the future",
      measurement(2, lead, { measuredAt: "2026-06-01T00:00:00Z" }),
      ["benefitMeasurement.inFuture"],
    ],
    [
      "dated before the baseline",
      measurement(2, lead, { measuredAt: "2025-12-01T00:00:00Z" }),
      ["benefitMeasurement.beforeBaseline"],
    ],
    ["without a value", measurement(2, lead, { value: null }), ["benefitMeasurement.invalid"]],
    [
      "of a benefit that is not known",
      measurement(2, lead, { benefit: aRef<BenefitId>(9) }),
      ["benefitMeasurement.noBenefit"],
    ],
  ])("%s", (_name, m, expected) => {
    expect(check(m)).toEqual(expected);
  });

  it("mayMeasureBenefit: the benefit owner and the secretary", () => {
    expect(mayMeasureBenefit(benefit, me(lead))).toBe(true);
    expect(mayMeasureBenefit(benefit, me(secretary, "secretary"))).toBe(true);
    expect(mayMeasureBenefit(benefit, me(owner, "contributor"))).toBe(false);
  });
});

// ---------------------------------------------------------------- the whole portfolio

describe("checkPortfolio", () => {
  it("lists every irregularity sorted by list, item and rule, and counts only what is valid", () => {
    const idea = subject({ phase: "Gennemførelse", modifiedBy: owner });
    const other: GateSubject & Initiative = subject({ id: idOf<InitiativeId>(2) });
    const orphan = aStoredChange({ id: 900, initiative: aRef<InitiativeId>(77), by: stranger });
    const forgedLine: BudgetLine = {
      ...aBudgetLine({ initiative: aRef<InitiativeId>(2), amount: 5_000_000, kind: "Anlæg" }),
      ...META,
      id: idOf<BudgetLineId>(3),
      created: at(1),
      modified: at(1),
      createdBy: stranger,
      modifiedBy: stranger,
    };
    const check = checkPortfolio({
      initiatives: [idea, other],
      phaseChanges: [orphan, aStoredChange({ ...aPhaseChange(), id: 901, by: owner })],
      budgetLines: [forgedLine],
      statusReports: [],
      benefits: [],
      benefitMeasurements: [],
      roster,
      now: new Date("2026-05-01T00:00:00Z"),
    });
    expect(check.budgetLines).toEqual([]);
    expect(check.gates.get(idOf<InitiativeId>(1))?.valid.phase).toBe("Behovsanalyse");
    expect(check.irregular.map((i) => [i.list, i.item, i.rule, i.by?.name ?? null])).toEqual([
      ["BudgetLines", 3, "budgetLine.notPermitted", stranger.name],
      ["Initiatives", 1, "initiative.phaseNotRecorded", owner.name],
      ["PhaseChanges", 900, "phaseChange.noInitiative", stranger.name],
    ]);
  });
});
