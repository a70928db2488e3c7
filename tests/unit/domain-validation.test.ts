/**
 * Validation of every entity before anything is written (QUALITY.md: "Over-long or invalid
 * input gets a clear message naming the field; nothing is half-written"): each problem is a
 * code naming the field, which the UI words in its language.
 */
import {
  validateBenefit,
  validateBenefitMeasurement,
  validateStatusReport,
} from "../../src/domain/benefits.js";
import { validateFundingProposal } from "../../src/domain/funding.js";
import type { PersonId } from "../../src/domain/ids.js";
import {
  validateAgendaItem,
  validateDecision,
  validateFollowUpAction,
  validateMeeting,
} from "../../src/domain/meetings.js";
import {
  validateArea,
  validateBudgetFrame,
  validateBudgetLine,
  validateComment,
  validateInitiative,
  validatePhaseChange,
  validateStrategyGoal,
} from "../../src/domain/portfolio.js";
import {
  ballotKey,
  comparisonKey,
  validateBallot,
  validateComparison,
  validateCriterion,
  validateRound,
  validateScenario,
  validateWeightSet,
} from "../../src/domain/prioritization.js";
import {
  validateAllocation,
  validateResource,
  validateResourceRequest,
} from "../../src/domain/resources.js";
import {
  validateActionPlan,
  validateBarrier,
  validateLearningEntry,
  validateSetting,
} from "../../src/domain/strategy.js";
import type { Validation } from "../../src/domain/validation.js";
import * as b from "../support/builders.js";

const valid: [string, () => Validation][] = [
  ["an area", () => validateArea(b.anArea())],
  ["a strategy goal", () => validateStrategyGoal(b.aStrategyGoal())],
  ["an initiative", () => validateInitiative(b.anInitiative())],
  ["a budget line", () => validateBudgetLine(b.aBudgetLine())],
  ["a budget frame", () => validateBudgetFrame(b.aBudgetFrame())],
  ["a phase change", () => validatePhaseChange(b.aPhaseChange())],
  ["a comment", () => validateComment(b.aComment())],
  ["a criterion", () => validateCriterion(b.aCriterion())],
  ["a comparison", () => validateComparison(b.aComparison())],
  ["a weight set", () => validateWeightSet(b.aWeightSet())],
  ["a round", () => validateRound(b.aRound())],
  ["a ballot", () => validateBallot(b.aBallot())],
  ["a scenario", () => validateScenario(b.aScenario())],
  ["a meeting", () => validateMeeting(b.aMeeting())],
  ["an agenda item", () => validateAgendaItem(b.anAgendaItem())],
  ["a decision", () => validateDecision(b.aDecision())],
  ["a follow-up action", () => validateFollowUpAction(b.aFollowUpAction())],
  ["a resource", () => validateResource(b.aResource())],
  ["an allocation", () => validateAllocation(b.anAllocation())],
  ["a resource request", () => validateResourceRequest(b.aResourceRequest())],
  ["a funding proposal", () => validateFundingProposal(b.aFundingProposal())],
  ["a benefit", () => validateBenefit(b.aBenefit())],
  [
    "a dis-benefit whose targets lie on the worse side of its baseline",
    () =>
      validateBenefit(
        b.aBenefit({
          isDisbenefit: true,
          targetPessimistic: 500,
          targetExpected: 450,
          targetOptimistic: 420,
        }),
      ),
  ],
  ["a benefit measurement", () => validateBenefitMeasurement(b.aBenefitMeasurement())],
  ["a status report", () => validateStatusReport(b.aStatusReport())],
  ["an action plan", () => validateActionPlan(b.anActionPlan())],
  ["a barrier", () => validateBarrier(b.aBarrier())],
  ["a learning entry", () => validateLearningEntry(b.aLearningEntry())],
  ["a setting", () => validateSetting(b.aSetting())],
];

describe("a complete draft is accepted", () => {
  it.each(valid)("%s", (_name, check) => {
    expect(check()).toEqual({ ok: true });
  });
});

const x = (n: number) => "x".repeat(n);

/** A problem's code, or its code and (some of) its parameters. */
type Expected = string | [string, Record<string, unknown>];

/** [case, validation, the field named, the problem's code (and parameters)]. */
const invalid: [string, () => Validation, string, Expected][] = [
  [
    "an initiative without a title",
    () => validateInitiative(b.anInitiative({ title: "  " })),
    "title",
    "validation.required",
  ],
  [
    "a title of 256 characters",
    () => validateInitiative(b.anInitiative({ title: x(256) })),
    "title",
    ["validation.maxLength", { max: 255 }],
  ],
  [
    "an initiative without an area",
    () => validateInitiative(b.anInitiative({ area: null })),
    "area",
    "validation.required",
  ],
  [
    "an unknown phase",
    () => validateInitiative(b.anInitiative({ phase: "Ukendt" as never })),
    "phase",
    "validation.oneOf",
  ],
  [
    "a negative priority",
    () => validateInitiative(b.anInitiative({ priority: -1 })),
    "priority",
    ["validation.min", { min: 0 }],
  ],
  [
    "a fractional priority",
    () => validateInitiative(b.anInitiative({ priority: 1.5 })),
    "priority",
    "validation.integer",
  ],
  [
    "an external reference of 101 characters",
    () => validateInitiative(b.anInitiative({ externalRef: x(101) })),
    "externalRef",
    ["validation.maxLength", { max: 100 }],
  ],
  [
    "a legal deadline that is not a UTC date",
    () => validateInitiative(b.anInitiative({ legalDeadline: "31-12-2026" })),
    "legalDeadline",
    "validation.date",
  ],
  [
    "a standalone group dissolved before it was set up",
    () =>
      validateInitiative(
        b.anInitiative({
          standaloneGroupFrom: "2026-05-01T00:00:00Z",
          standaloneGroupTo: "2026-04-01T00:00:00Z",
        }),
      ),
    "standaloneGroupTo",
    "validation.order",
  ],
  [
    "an initiative both required and excluded",
    () => validateInitiative(b.anInitiative({ requires: [b.aRef(2)], excludes: [b.aRef(2)] })),
    "excludes",
    "validation.initiative.requiredAndExcluded",
  ],
  [
    "an area abbreviation of 17 characters",
    () => validateArea(b.anArea({ abbreviation: x(17) })),
    "abbreviation",
    ["validation.maxLength", { max: 16 }],
  ],
  [
    "a budget year before 2000",
    () => validateBudgetLine(b.aBudgetLine({ year: 1999 })),
    "year",
    ["validation.min", { min: 2000 }],
  ],
  [
    "a budget year after 2100",
    () => validateBudgetLine(b.aBudgetLine({ year: 2101 })),
    "year",
    ["validation.max", { max: 2100 }],
  ],
  [
    "a budget line without an amount",
    () => validateBudgetLine(b.aBudgetLine({ amount: null })),
    "amount",
    "validation.required",
  ],
  [
    "an unknown budget kind",
    () => validateBudgetFrame(b.aBudgetFrame({ kind: "Andet" as never })),
    "kind",
    "validation.oneOf",
  ],
  [
    "a phase change to the same phase",
    () => validatePhaseChange(b.aPhaseChange({ fromPhase: "Idé", toPhase: "Idé" })),
    "toPhase",
    "validation.phaseChange.samePhase",
  ],
  [
    "an empty comment",
    () => validateComment(b.aComment({ body: "" })),
    "body",
    "validation.required",
  ],
  [
    "a comparison of 0",
    () => validateComparison(b.aComparison({ value: 0 })),
    "value",
    "validation.comparison.valueRange",
  ],
  [
    "a comparison beyond Saaty's 9",
    () => validateComparison(b.aComparison({ value: 10 })),
    "value",
    ["validation.max", { max: 9 }],
  ],
  [
    "a criterion compared with itself",
    () => validateComparison(b.aComparison({ criterionB: b.aRef(1) })),
    "criterionB",
    "validation.comparison.sameCriterion",
  ],
  [
    "weights not summing to 1",
    () => validateWeightSet(b.aWeightSet({ weights: [{ criterion: 1 as never, weight: 0.5 }] })),
    "weights",
    "validation.weightSet.weightSum",
  ],
  [
    "a negative weight",
    () => validateWeightSet(b.aWeightSet({ weights: [{ criterion: 1 as never, weight: -0.1 }] })),
    "weights",
    "validation.weightSet.weightRange",
  ],
  [
    "a round closing before it opens",
    () => validateRound(b.aRound({ closes: "2026-02-01T00:00:00Z" })),
    "closes",
    "validation.order",
  ],
  [
    "an open round without candidates",
    () => validateRound(b.aRound({ state: "Åben", candidates: [] })),
    "candidates",
    "validation.round.noCandidates",
  ],
  [
    "a ballot whose key is not <round>:<voter>",
    () => validateBallot(b.aBallot({ ballotKey: "1:999" })),
    "ballotKey",
    "validation.ballot.key",
  ],
  [
    "a ballot naming a candidate twice",
    () =>
      validateBallot(
        b.aBallot({
          payload: {
            entries: [
              { candidate: 1 as never, rank: 1 },
              { candidate: 1 as never, rank: 2 },
            ],
          },
        }),
      ),
    "payload",
    "validation.ballot.duplicateCandidate",
  ],
  [
    "a ballot without a round",
    () => validateBallot(b.aBallot({ round: null })),
    "round",
    "validation.required",
  ],
  [
    "a scenario forcing one initiative both in and out",
    () =>
      validateScenario(
        b.aScenario({
          forcedIn: [{ initiative: 1 as never, reason: "Lovkrav" }],
          forcedOut: [{ initiative: 1 as never, reason: "Nej" }],
        }),
      ),
    "forcedOut",
    "validation.scenario.forcedInAndOut",
  ],
  [
    "a forced choice without a reason",
    () => validateScenario(b.aScenario({ forcedIn: [{ initiative: 1 as never, reason: " " }] })),
    "forcedIn",
    "validation.scenario.forcedWithoutReason",
  ],
  [
    "a meeting ending when it starts",
    () => validateMeeting(b.aMeeting({ end: "2026-03-10T08:00:00Z" })),
    "end",
    "validation.meeting.endBeforeStart",
  ],
  [
    "an agenda point of more than 480 minutes",
    () => validateAgendaItem(b.anAgendaItem({ durationMinutes: 481 })),
    "durationMinutes",
    ["validation.max", { max: 480 }],
  ],
  [
    "a decision carried to an unknown forum",
    () => validateDecision(b.aDecision({ carriedTo: ["XX" as never] })),
    "carriedTo",
    "validation.unknownValues",
  ],
  [
    "a follow-up action without an owner",
    () => validateFollowUpAction(b.aFollowUpAction({ owner: null })),
    "owner",
    "validation.required",
  ],
  [
    "a capacity above 200 hours a month",
    () => validateResource(b.aResource({ capacityHoursPerMonth: 201 })),
    "capacityHoursPerMonth",
    ["validation.max", { max: 200 }],
  ],
  [
    "an unknown competence",
    () => validateResource(b.aResource({ competences: ["Trylleri" as never] })),
    "competences",
    "validation.unknownValues",
  ],
  [
    "an allocation of more hours than a month has",
    () => validateAllocation(b.anAllocation({ hours: 745 })),
    "hours",
    ["validation.max", { max: 744 }],
  ],
  [
    "a resource request ending before it starts",
    () => validateResourceRequest(b.aResourceRequest({ neededTo: "2026-03-01T00:00:00Z" })),
    "neededTo",
    "validation.order",
  ],
  [
    "a funding year out of range",
    () =>
      validateFundingProposal(b.aFundingProposal({ amountsByYear: [{ year: 1999, amount: 1 }] })),
    "amountsByYear",
    "validation.fundingProposal.yearRange",
  ],
  [
    "a funding year given twice",
    () =>
      validateFundingProposal(
        b.aFundingProposal({
          amountsByYear: [
            { year: 2026, amount: 1 },
            { year: 2026, amount: 2 },
          ],
        }),
      ),
    "amountsByYear",
    "validation.fundingProposal.yearTwice",
  ],
  [
    "a funding proposal without initiatives",
    () => validateFundingProposal(b.aFundingProposal({ initiatives: [] })),
    "initiatives",
    "validation.required",
  ],
  [
    "benefit targets out of order",
    () => validateBenefit(b.aBenefit({ targetOptimistic: 250 })),
    "targetExpected",
    "validation.benefit.targetsOrder",
  ],
  [
    "a benefit without an indicator",
    () => validateBenefit(b.aBenefit({ indicator: "" })),
    "indicator",
    "validation.required",
  ],
  [
    "a measurement without a value",
    () => validateBenefitMeasurement(b.aBenefitMeasurement({ value: null })),
    "value",
    "validation.required",
  ],
  [
    "a status report whose key is not <initiative>:<period>",
    () => validateStatusReport(b.aStatusReport({ reportKey: "1:2025-Q4" })),
    "reportKey",
    "validation.statusReport.reportKey",
  ],
  [
    "a published report without a date",
    () => validateStatusReport(b.aStatusReport({ state: "Publiceret" })),
    "publishedAt",
    "validation.statusReport.publishedWithoutDate",
  ],
  [
    "an unknown traffic light",
    () => validateStatusReport(b.aStatusReport({ scope: { rag: "Blå" as never, text: "" } })),
    "scope",
    "validation.oneOf",
  ],
  [
    "a period of 21 characters",
    () => validateStatusReport(b.aStatusReport({ period: x(21) })),
    "period",
    ["validation.maxLength", { max: 20 }],
  ],
  [
    "an unknown barrier kind",
    () => validateBarrier(b.aBarrier({ kind: "Vejret" as never })),
    "kind",
    "validation.oneOf",
  ],
  [
    "a learning link that is not https",
    () => validateLearningEntry(b.aLearningEntry({ link: "http://kl.dk" })),
    "link",
    "validation.learningEntry.https",
  ],
  [
    "a setting key with spaces",
    () => validateSetting(b.aSetting({ key: "min møder" })),
    "key",
    "validation.setting.key",
  ],
  [
    "an action plan without an area",
    () => validateActionPlan(b.anActionPlan({ area: null })),
    "area",
    "validation.required",
  ],
];

describe("an invalid draft is refused with a problem code naming the field", () => {
  it.each(invalid)("%s", (_name, check, field, expected) => {
    const [code, params] = typeof expected === "string" ? [expected, {}] : expected;
    const result = check();
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining(
          Object.keys(params).length === 0
            ? { field, code }
            : { field, code, params: expect.objectContaining(params) as unknown },
        ),
      ]),
    );
  });
});

describe("a problem names its field by the field's label code", () => {
  it("gives the rule's label as a code parameter", () => {
    const v = validateInitiative(b.anInitiative({ title: x(256) }));
    expect(v).toEqual({
      ok: false,
      problems: [
        {
          code: "validation.maxLength",
          field: "title",
          params: { label: { code: "fields.initiative.title" }, max: 255, length: 256 },
        },
      ],
    });
  });

  it("names both dates of an order check", () => {
    const v = validateRound(
      b.aRound({ opens: "2026-03-02T08:00:00Z", closes: "2026-03-01T08:00:00Z" }),
    );
    expect(v.ok ? [] : v.problems).toContainEqual({
      code: "validation.order",
      field: "closes",
      params: { from: { code: "fields.round.opens" }, to: { code: "fields.round.closes" } },
    });
  });
});

describe("store keys", () => {
  it("makes one ballot key per member and round", () => {
    expect(ballotKey(3 as never, 17 as PersonId)).toBe("3:17");
  });

  it("makes the same comparison key whichever criterion comes first", () => {
    expect(comparisonKey(1 as never, 5 as never, 2 as never, 9 as PersonId)).toBe(
      comparisonKey(1 as never, 2 as never, 5 as never, 9 as PersonId),
    );
  });
});
