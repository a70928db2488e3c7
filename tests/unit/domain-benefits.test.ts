/**
 * Gevinster: the register's rules (targets on the right side of the baseline for the benefit's
 * direction, a dis-benefit flipped), measurements checked against their benefit, the versioned
 * benefits model, the follow-up schedule, due and overdue measurements per owner, whom to
 * remind, and the figures the charts draw.
 */
import {
  benefitClass,
  checkBenefitMeasurements,
  classFields,
  validateBenefit,
  validateMeasurementFor,
} from "../../src/domain/benefits.js";
import {
  addMonths,
  dueByOwner,
  economicByYear,
  followUpStates,
  initiativeDates,
  plannedCurve,
  reminderKey,
  remindersToSend,
  schedule,
} from "../../src/domain/benefits-followup.js";
import {
  checkModels,
  missingByModel,
  modelOf,
  parseModel,
  serializeModel,
  validateModel,
} from "../../src/domain/benefits-model.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import { rosterFrom } from "../../src/domain/roles.js";
import { aBenefit, aBenefitMeasurement, aRef } from "../support/builders.js";
import {
  aModel,
  aModelSetting,
  aRisingBenefit,
  aStoredMeasurement,
  owner,
  secretary,
  stranger,
} from "../support/builders-benefits.js";

const problemsOf = (v: ReturnType<typeof validateBenefit>) =>
  v.ok ? [] : v.problems.map((p) => [p.code, p.field]);

describe("a benefit's targets lie on the side of the baseline its direction says", () => {
  const rows: [string, Parameters<typeof aBenefit>[0], [string, string][]][] = [
    [
      "a rising benefit above its baseline",
      {
        direction: "Højere er bedre",
        baseline: 0,
        targetPessimistic: 10,
        targetExpected: 20,
        targetOptimistic: 30,
      },
      [],
    ],
    [
      "a rising benefit whose expected target is below its baseline",
      {
        direction: "Højere er bedre",
        baseline: 50,
        targetPessimistic: 60,
        targetExpected: 40,
        targetOptimistic: 70,
      },
      [
        ["validation.benefit.targetWrongSide", "targetExpected"],
        ["validation.benefit.targetsOrder", "targetExpected"],
      ],
    ],
    [
      "a falling benefit below its baseline",
      {
        direction: "Lavere er bedre",
        baseline: 400,
        targetPessimistic: 300,
        targetExpected: 200,
        targetOptimistic: 100,
      },
      [],
    ],
    [
      "a falling benefit whose optimistic target is above its baseline",
      {
        direction: "Lavere er bedre",
        baseline: 400,
        targetPessimistic: 300,
        targetExpected: 200,
        targetOptimistic: 450,
      },
      [
        ["validation.benefit.targetWrongSide", "targetOptimistic"],
        ["validation.benefit.targetsOrder", "targetExpected"],
      ],
    ],
    [
      "a dis-benefit of a rising indicator below its baseline (flipped)",
      {
        isDisbenefit: true,
        direction: "Højere er bedre",
        baseline: 90,
        targetPessimistic: 70,
        targetExpected: 80,
        targetOptimistic: 85,
      },
      [],
    ],
    [
      "a dis-benefit of a rising indicator above its baseline",
      {
        isDisbenefit: true,
        direction: "Højere er bedre",
        baseline: 90,
        targetPessimistic: 92,
        targetExpected: 95,
        targetOptimistic: 99,
      },
      [
        ["validation.benefit.targetWrongSide", "targetPessimistic"],
        ["validation.benefit.targetWrongSide", "targetExpected"],
        ["validation.benefit.targetWrongSide", "targetOptimistic"],
      ],
    ],
    ["targets without a baseline are not placed", { baseline: null }, []],
    [
      "a qualitative benefit marked cash",
      { kind: "Kvalitativ", isCash: true },
      [["validation.benefit.cashQualitative", "isCash"]],
    ],
    [
      "a first measurement before the baseline date",
      { firstMeasurementDate: "2025-12-01T00:00:00Z" },
      [["validation.benefit.firstBeforeBaseline", "firstMeasurementDate"]],
    ],
    [
      "an interval without a first measurement date",
      { measurementIntervalMonths: 6 },
      [["validation.benefit.intervalWithoutFirst", "firstMeasurementDate"]],
    ],
    [
      "an interval of 0 months",
      { measurementIntervalMonths: 0, firstMeasurementDate: "2026-02-01T00:00:00Z" },
      [["validation.min", "measurementIntervalMonths"]],
    ],
  ];
  it.each(rows)("%s", (_name, o, expected) => {
    expect(problemsOf(validateBenefit(aBenefit(o)))).toEqual(expected);
  });
});

describe("the kind is cash, non-cash or qualitative", () => {
  it.each([
    ["cash", { kind: "Økonomisk", isCash: true }],
    ["nonCash", { kind: "Økonomisk", isCash: false }],
    ["qualitative", { kind: "Kvalitativ", isCash: false }],
  ] as const)("%s", (cls, fields) => {
    expect(benefitClass(fields)).toBe(cls);
    expect(classFields(cls)).toEqual(fields);
  });
});

describe("a measurement is checked against its benefit before it is saved", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const benefit = { baselineDate: "2026-01-01T00:00:00Z" };
  it.each([
    ["on a day after the baseline", "2026-03-01T00:00:00Z", []],
    [
      "before the baseline date",
      "2025-12-31T00:00:00Z",
      [["validation.benefitMeasurement.beforeBaseline", "measuredAt"]],
    ],
    [
      "in the future",
      "2026-07-01T00:00:00Z",
      [["validation.benefitMeasurement.inFuture", "measuredAt"]],
    ],
    ["not a date", "juni", [["validation.date", "measuredAt"]]],
  ])("%s", (_name, measuredAt, expected) => {
    const v = validateMeasurementFor(aBenefitMeasurement({ measuredAt }), benefit, now);
    expect(v.ok ? [] : v.problems.map((p) => [p.code, p.field])).toEqual(expected);
  });
});

describe("measurements count only when written by the benefit's owner or the secretary", () => {
  const roster = rosterFrom({ secretary: [secretary], member: [owner], contributor: [stranger] });
  const benefits = new Map([[1, aRisingBenefit()]]);
  const now = new Date("2026-06-01T00:00:00Z");
  it.each([
    ["by the owner", owner, "2026-03-01T00:00:00Z", null],
    ["by the secretary", secretary, "2026-03-01T00:00:00Z", null],
    ["by someone else", stranger, "2026-03-01T00:00:00Z", "benefitMeasurement.notPermitted"],
    [
      "dated before the baseline date",
      owner,
      "2025-11-01T00:00:00Z",
      "benefitMeasurement.beforeBaseline",
    ],
  ])("%s", (_name, by, measuredAt, rule) => {
    const m = aStoredMeasurement({ by, measuredAt });
    const checked = checkBenefitMeasurements([m], benefits, roster, now);
    expect(checked.irregular.map((i) => i.rule)).toEqual(rule ? [rule] : []);
    expect(checked.valid).toHaveLength(rule ? 0 : 1);
  });
});

describe("the benefits model is versioned and counts only when approved by who may", () => {
  const roster = rosterFrom({ secretary: [secretary], contributor: [stranger] });
  test("a version round-trips through its Settings value", () => {
    const m = aModel();
    expect(parseModel(serializeModel(m))).toEqual(m);
    expect(parseModel("ikke json")).toBeNull();
  });
  it.each([
    ["the next version with a decision", aModel({ version: 2 }), 1, []],
    ["a skipped version", aModel({ version: 3 }), 1, ["benefits.problem.modelVersion"]],
    ["no follow-ups", aModel({ followUps: [] }), null, ["benefits.problem.modelNoFollowUps"]],
    [
      "a negative month",
      aModel({ followUps: [{ anchor: "close", months: -1 }] }),
      null,
      ["benefits.problem.modelFollowUp"],
    ],
  ])("%s", (_name, m, latest, codes) => {
    expect(validateModel(m, latest).map((p) => p.code)).toEqual(codes);
  });
  test("versions by the secretary count, oldest first; one by a contributor is irregular", () => {
    const { versions, irregular } = checkModels(
      [
        aModelSetting(aModel({ version: 2 })),
        aModelSetting(aModel({ version: 1 })),
        aModelSetting(aModel({ version: 3 }), { by: stranger }),
        aModelSetting(aModel({ version: 4 }), { value: "{}" }),
      ],
      roster,
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(irregular.map((i) => [i.rule, i.params?.key])).toEqual([
      ["benefitModel.notPermitted", "benefits.model.v3"],
      ["benefitModel.invalid", "benefits.model.v4"],
    ]);
  });
  test("a benefit follows its own version, else the newest", () => {
    const versions = [aModel({ version: 1 }), aModel({ version: 2 })];
    expect(modelOf(versions, 1)?.version).toBe(1);
    expect(modelOf(versions, null)?.version).toBe(2);
    expect(modelOf([], null)).toBeNull();
  });
  test("the fields the model requires that a benefit lacks", () => {
    expect(missingByModel(aRisingBenefit({ owner: null, baseline: null }), aModel())).toEqual([
      "baseline",
      "owner",
    ]);
  });
});

describe("follow-up dates", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2026-11-15", 3, "2027-02-15"],
    ["2026-05-01", 12, "2027-05-01"],
  ])("%s plus %i months is %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  test("the plan's dates run every interval from the first until the target date", () => {
    const b = aRisingBenefit({
      firstMeasurementDate: "2026-02-01T00:00:00Z",
      measurementIntervalMonths: 4,
      targetDate: "2026-12-31T00:00:00Z",
    });
    expect(schedule(b, null, null, "2027-06-01").map((p) => p.due)).toEqual([
      "2026-02-01",
      "2026-06-01",
      "2026-10-01",
    ]);
  });

  it.each([
    ["in operation: go-live and six months after", "I drift", null, ["2026-03-01", "2026-09-01"]],
    [
      "closed: also a year after close",
      "Afsluttet",
      "2026-10-15T00:00:00Z",
      ["2026-03-01", "2026-09-01", "2027-10-15"],
    ],
    ["not yet in operation: none", "Gennemførelse", null, []],
  ] as const)("the model's follow-ups, %s", (_name, phase, closed, expected) => {
    const b = aRisingBenefit({ state: phase === "Afsluttet" ? "Realiseret" : "Under realisering" });
    const ini = { phase, goLive: "2026-03-01T10:00:00Z", closed };
    expect(schedule(b, ini, null, "2028-01-01").map((p) => p.due)).toEqual(expected);
  });

  test("a proposed benefit has no follow-ups", () => {
    const b = aRisingBenefit({ state: "Foreslået", firstMeasurementDate: "2026-02-01T00:00:00Z" });
    expect(schedule(b, null, null, "2027-01-01")).toEqual([]);
  });

  test("each measurement meets one due date; a missed date past is overdue, one ahead due", () => {
    const points = ["2026-02-01", "2026-05-01", "2026-06-10"].map((due) => ({
      due,
      source: { kind: "plan" as const },
    }));
    const states = followUpStates(
      points,
      [{ measuredAt: "2026-01-20T00:00:00Z" }],
      new Date("2026-06-01T00:00:00Z"),
    );
    expect(states.map((s) => s.state)).toEqual(["met", "overdue", "due"]);
  });

  test("the go-live and close dates are the latest phase changes into I drift and Afsluttet", () => {
    const id = 7 as InitiativeId;
    const dates = initiativeDates(
      [{ id, phase: "Afsluttet" }],
      [
        { initiative: { id }, toPhase: "I drift", changedAt: "2026-01-01T00:00:00Z" },
        { initiative: { id }, toPhase: "I drift", changedAt: "2026-02-01T00:00:00Z" },
        { initiative: { id }, toPhase: "Afsluttet", changedAt: "2026-09-01T00:00:00Z" },
        {
          initiative: { id },
          toPhase: "I drift",
          changedAt: "2026-12-01T00:00:00Z",
          gate: "Prioritet",
        },
      ],
    );
    expect(dates.get(id)).toEqual({
      phase: "Afsluttet",
      goLive: "2026-02-01T00:00:00Z",
      closed: "2026-09-01T00:00:00Z",
    });
  });
});

describe("due and overdue measurements per owner, and whom to remind", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const planned = (id: number, first: string, o = {}) =>
    aRisingBenefit({ id, firstMeasurementDate: first, measurementIntervalMonths: 12, ...o });
  const benefits = [
    planned(1, "2026-04-01T00:00:00Z"),
    planned(2, "2026-06-10T00:00:00Z"),
    planned(3, "2026-09-01T00:00:00Z"),
    planned(4, "2026-04-01T00:00:00Z", { owner: null }),
  ];
  const due = dueByOwner(benefits, new Map(), () => null, [], now);

  test("grouped per owner, the owner-less last; a date more than two weeks ahead is not listed", () => {
    expect(
      due.map((g) => [g.owner?.name ?? null, g.items.map((i) => [i.benefit.id, i.due, i.overdue])]),
    ).toEqual([
      [
        "Camilla Engberg",
        [
          [1, "2026-04-01", true],
          [2, "2026-06-10", false],
        ],
      ],
      [null, [[4, "2026-04-01", true]]],
    ]);
  });

  test("a measurement clears its due date", () => {
    const after = dueByOwner(
      benefits,
      new Map(),
      () => null,
      [{ benefit: aRef(1), measuredAt: "2026-04-02T00:00:00Z" }],
      now,
    );
    expect(after[0]?.items.map((i) => i.benefit.id)).toEqual([2]);
  });

  test("one mail per owner with a due date not reminded of; none again on retry", () => {
    const first = remindersToSend(due, new Set());
    expect(first.map((p) => [p.owner.name, p.keys])).toEqual([
      [
        "Camilla Engberg",
        [reminderKey(owner.id, "2026-04-01"), reminderKey(owner.id, "2026-06-10")],
      ],
    ]);
    expect(remindersToSend(due, new Set(first.flatMap((p) => p.keys)))).toEqual([]);
  });
});

describe("chart figures", () => {
  test("the planned curve runs straight from the baseline to each target, one point a month", () => {
    const curve = plannedCurve(aRisingBenefit());
    expect(curve[0]).toEqual({ at: "2026-01-01", pessimistic: 0, expected: 0, optimistic: 0 });
    expect(curve.at(-1)).toEqual({
      at: "2027-01-01",
      pessimistic: 60,
      expected: 80,
      optimistic: 100,
    });
    expect(curve).toHaveLength(13);
  });

  test("no curve without a baseline date", () => {
    expect(plannedCurve(aRisingBenefit({ baselineDate: null }))).toEqual([]);
  });

  test("planned and realised economic benefits per year, in kroner only", () => {
    const years = economicByYear(
      [
        aRisingBenefit({ id: 1 }),
        aRisingBenefit({ id: 2, unit: "timer", kind: "Kvalitativ", isCash: false }),
      ],
      [
        { benefit: aRef(1), measuredAt: "2026-05-01T00:00:00Z", value: 20 },
        { benefit: aRef(1), measuredAt: "2026-11-01T00:00:00Z", value: 50 },
        { benefit: aRef(2), measuredAt: "2026-11-01T00:00:00Z", value: 999 },
      ],
    );
    expect(years.map((y) => [y.year, Math.round(y.planned), y.realised])).toEqual([
      [2026, 73, 50],
      [2027, 80, 0],
    ]);
  });
});
