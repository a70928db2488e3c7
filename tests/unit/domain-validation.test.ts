/**
 * Validation of every entity before anything is written (QUALITY.md: "Over-long or invalid
 * input gets a clear Danish message naming the field; nothing is half-written").
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
    "a dis-benefit with targets running downwards",
    () =>
      validateBenefit(
        b.aBenefit({
          isDisbenefit: true,
          targetPessimistic: 300,
          targetExpected: 200,
          targetOptimistic: 100,
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

/** [case, validation, the field named, (part of) the Danish message]. */
const invalid: [string, () => Validation, string, string][] = [
  [
    "an initiative without a title",
    () => validateInitiative(b.anInitiative({ title: "  " })),
    "title",
    "Titel skal udfyldes.",
  ],
  [
    "a title of 256 characters",
    () => validateInitiative(b.anInitiative({ title: x(256) })),
    "title",
    "Titel må højst være 255 tegn (er 256).",
  ],
  [
    "an initiative without an area",
    () => validateInitiative(b.anInitiative({ area: null })),
    "area",
    "Område skal udfyldes.",
  ],
  [
    "an unknown phase",
    () => validateInitiative(b.anInitiative({ phase: "Ukendt" as never })),
    "phase",
    "Fase skal være en af: Idé, Behovsanalyse",
  ],
  [
    "a negative priority",
    () => validateInitiative(b.anInitiative({ priority: -1 })),
    "priority",
    "Prioritet skal være mindst 0.",
  ],
  [
    "a fractional priority",
    () => validateInitiative(b.anInitiative({ priority: 1.5 })),
    "priority",
    "Prioritet skal være et helt tal.",
  ],
  [
    "an external reference of 101 characters",
    () => validateInitiative(b.anInitiative({ externalRef: x(101) })),
    "externalRef",
    "Ekstern reference må højst være 100 tegn",
  ],
  [
    "a legal deadline that is not a UTC date",
    () => validateInitiative(b.anInitiative({ legalDeadline: "31-12-2026" })),
    "legalDeadline",
    "Lovkravsfrist skal være en dato (UTC).",
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
    "må ikke ligge før fra-datoen",
  ],
  [
    "an initiative both required and excluded",
    () => validateInitiative(b.anInitiative({ requires: [b.aRef(2)], excludes: [b.aRef(2)] })),
    "excludes",
    "både være forudsat og udelukket",
  ],
  [
    "an area abbreviation of 17 characters",
    () => validateArea(b.anArea({ abbreviation: x(17) })),
    "abbreviation",
    "Forkortelse må højst være 16 tegn",
  ],
  [
    "a budget year before 2000",
    () => validateBudgetLine(b.aBudgetLine({ year: 1999 })),
    "year",
    "År skal være mindst 2000.",
  ],
  [
    "a budget year after 2100",
    () => validateBudgetLine(b.aBudgetLine({ year: 2101 })),
    "year",
    "År må højst være 2100.",
  ],
  [
    "a budget line without an amount",
    () => validateBudgetLine(b.aBudgetLine({ amount: null })),
    "amount",
    "Beløb skal udfyldes.",
  ],
  [
    "an unknown budget kind",
    () => validateBudgetFrame(b.aBudgetFrame({ kind: "Andet" as never })),
    "kind",
    "Art skal være en af: Anlæg, Drift, Gevinst.",
  ],
  [
    "a phase change to the same phase",
    () => validatePhaseChange(b.aPhaseChange({ fromPhase: "Idé", toPhase: "Idé" })),
    "toPhase",
    "Til fase skal være en anden end fra fase.",
  ],
  [
    "an empty comment",
    () => validateComment(b.aComment({ body: "" })),
    "body",
    "Kommentar skal udfyldes.",
  ],
  [
    "a comparison of 0",
    () => validateComparison(b.aComparison({ value: 0 })),
    "value",
    "mellem 1 og 9",
  ],
  [
    "a comparison beyond Saaty's 9",
    () => validateComparison(b.aComparison({ value: 10 })),
    "value",
    "Vurdering må højst være 9.",
  ],
  [
    "a criterion compared with itself",
    () => validateComparison(b.aComparison({ criterionB: b.aRef(1) })),
    "criterionB",
    "sammenlignes med sig selv",
  ],
  [
    "weights not summing to 1",
    () => validateWeightSet(b.aWeightSet({ weights: [{ criterion: 1 as never, weight: 0.5 }] })),
    "weights",
    "tilsammen give 1",
  ],
  [
    "a negative weight",
    () => validateWeightSet(b.aWeightSet({ weights: [{ criterion: 1 as never, weight: -0.1 }] })),
    "weights",
    "mellem 0 og 1",
  ],
  [
    "a round closing before it opens",
    () => validateRound(b.aRound({ closes: "2026-02-01T00:00:00Z" })),
    "closes",
    "Lukker må ikke ligge før Åbner.",
  ],
  [
    "an open round without candidates",
    () => validateRound(b.aRound({ state: "Åben", candidates: [] })),
    "candidates",
    "mindst ét kandidattiltag",
  ],
  [
    "a ballot whose key is not <round>:<voter>",
    () => validateBallot(b.aBallot({ ballotKey: "1:999" })),
    "ballotKey",
    "<runde>:<stemmeafgiver>",
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
    "flere gange",
  ],
  [
    "a ballot without a round",
    () => validateBallot(b.aBallot({ round: null })),
    "round",
    "Runde skal udfyldes.",
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
    "både være tvunget ind og ud",
  ],
  [
    "a forced choice without a reason",
    () => validateScenario(b.aScenario({ forcedIn: [{ initiative: 1 as never, reason: " " }] })),
    "forcedIn",
    "begrundelse",
  ],
  [
    "a meeting ending when it starts",
    () => validateMeeting(b.aMeeting({ end: "2026-03-10T08:00:00Z" })),
    "end",
    "Slut skal ligge efter start.",
  ],
  [
    "an agenda point of more than 480 minutes",
    () => validateAgendaItem(b.anAgendaItem({ durationMinutes: 481 })),
    "durationMinutes",
    "Varighed (minutter) må højst være 480.",
  ],
  [
    "a decision carried to an unknown forum",
    () => validateDecision(b.aDecision({ carriedTo: ["XX" as never] })),
    "carriedTo",
    "Videre til indeholder ukendte værdier: XX.",
  ],
  [
    "a follow-up action without an owner",
    () => validateFollowUpAction(b.aFollowUpAction({ owner: null })),
    "owner",
    "Ansvarlig skal udfyldes.",
  ],
  [
    "a capacity above 200 hours a month",
    () => validateResource(b.aResource({ capacityHoursPerMonth: 201 })),
    "capacityHoursPerMonth",
    "må højst være 200.",
  ],
  [
    "an unknown competence",
    () => validateResource(b.aResource({ competences: ["Trylleri" as never] })),
    "competences",
    "ukendte værdier: Trylleri",
  ],
  [
    "an allocation of more hours than a month has",
    () => validateAllocation(b.anAllocation({ hours: 745 })),
    "hours",
    "Timer må højst være 744.",
  ],
  [
    "a resource request ending before it starts",
    () => validateResourceRequest(b.aResourceRequest({ neededTo: "2026-03-01T00:00:00Z" })),
    "neededTo",
    "Behov til må ikke ligge før Behov fra.",
  ],
  [
    "a funding year out of range",
    () =>
      validateFundingProposal(b.aFundingProposal({ amountsByYear: [{ year: 1999, amount: 1 }] })),
    "amountsByYear",
    "mellem 2000 og 2100",
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
    "kun stå én gang",
  ],
  [
    "a funding proposal without initiatives",
    () => validateFundingProposal(b.aFundingProposal({ initiatives: [] })),
    "initiatives",
    "Tiltag skal udfyldes.",
  ],
  [
    "benefit targets out of order",
    () => validateBenefit(b.aBenefit({ targetOptimistic: 150 })),
    "targetExpected",
    "pessimistisk over forventet til optimistisk",
  ],
  [
    "a benefit without an indicator",
    () => validateBenefit(b.aBenefit({ indicator: "" })),
    "indicator",
    "Indikator skal udfyldes.",
  ],
  [
    "a measurement without a value",
    () => validateBenefitMeasurement(b.aBenefitMeasurement({ value: null })),
    "value",
    "Værdi skal udfyldes.",
  ],
  [
    "a status report whose key is not <initiative>:<period>",
    () => validateStatusReport(b.aStatusReport({ reportKey: "1:2025-Q4" })),
    "reportKey",
    "<tiltag>:<periode>",
  ],
  [
    "a published report without a date",
    () => validateStatusReport(b.aStatusReport({ state: "Publiceret" })),
    "publishedAt",
    "publiceret rapport skal have en dato",
  ],
  [
    "an unknown traffic light",
    () => validateStatusReport(b.aStatusReport({ scope: { rag: "Blå" as never, text: "" } })),
    "scope",
    "Omfang skal være en af: Grøn, Gul, Rød.",
  ],
  [
    "a period of 21 characters",
    () => validateStatusReport(b.aStatusReport({ period: x(21) })),
    "period",
    "Periode må højst være 20 tegn",
  ],
  [
    "an unknown barrier kind",
    () => validateBarrier(b.aBarrier({ kind: "Vejret" as never })),
    "kind",
    "Type skal være en af: Kompetencer",
  ],
  [
    "a learning link that is not https",
    () => validateLearningEntry(b.aLearningEntry({ link: "http://kl.dk" })),
    "link",
    "https-adresse",
  ],
  [
    "a setting key with spaces",
    () => validateSetting(b.aSetting({ key: "min møder" })),
    "key",
    "bogstaver, tal og punktum",
  ],
  [
    "an action plan without an area",
    () => validateActionPlan(b.anActionPlan({ area: null })),
    "area",
    "Område skal udfyldes.",
  ],
];

describe("an invalid draft is refused with a Danish message naming the field", () => {
  it.each(invalid)("%s", (_name, check, field, message) => {
    const result = check();
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([{ field, message: expect.stringContaining(message) as unknown }]),
    );
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
