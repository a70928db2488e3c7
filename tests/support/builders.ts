/**
 * Test builders: a valid draft of every entity, with overrides (`anInitiative({ title: "" })`).
 * Shared by the domain unit tests and the adapter integration tests.
 */
import type {
  BenefitDraft,
  BenefitMeasurementDraft,
  StatusReportDraft,
} from "../../src/domain/benefits.js";
import type { Person, Ref } from "../../src/domain/common.js";
import type { FundingProposalDraft } from "../../src/domain/funding.js";
import { type Brand, idOf, type PersonId } from "../../src/domain/ids.js";
import type {
  AgendaItemDraft,
  DecisionDraft,
  FollowUpActionDraft,
  MeetingDraft,
} from "../../src/domain/meetings.js";
import type {
  AreaDraft,
  BudgetFrameDraft,
  BudgetLineDraft,
  CommentDraft,
  InitiativeDraft,
  PhaseChangeDraft,
  StrategyGoalDraft,
} from "../../src/domain/portfolio.js";
import type {
  BallotDraft,
  ComparisonDraft,
  CriterionDraft,
  RoundDraft,
  ScenarioDraft,
  WeightSetDraft,
} from "../../src/domain/prioritization.js";
import type {
  AllocationDraft,
  ResourceDraft,
  ResourceRequestDraft,
} from "../../src/domain/resources.js";
import type {
  ActionPlanDraft,
  BarrierDraft,
  LearningEntryDraft,
  SettingDraft,
} from "../../src/domain/strategy.js";

export function aPerson(o: Partial<Person> = {}): Person {
  return {
    id: idOf<PersonId>(11),
    name: "Jonas Lind",
    email: "jonas.lind@demokommune.onmicrosoft.com",
    ...o,
  };
}

export function aRef<I extends Brand<number, string>>(id: number, title = `Element ${id}`): Ref<I> {
  return { id: idOf<I>(id), title };
}

export function anArea(o: Partial<AreaDraft> = {}): AreaDraft {
  return {
    title: "Borger, Kultur og Velfærd",
    abbreviation: "BKV",
    head: null,
    representatives: [],
    active: true,
    ...o,
  };
}

export function aStrategyGoal(o: Partial<StrategyGoalDraft> = {}): StrategyGoalDraft {
  return {
    title: "Digitale borgerrettede services",
    description: "",
    period: "2026-2029",
    owner: null,
    sortOrder: 1,
    ...o,
  };
}

export function anInitiative(o: Partial<InitiativeDraft> = {}): InitiativeDraft {
  return {
    title: "Digital pladsanvisning i dagtilbud",
    strategyGoal: null,
    summary: "Forældre søger plads digitalt.",
    need: "Manuelle ansøgninger tager tid.",
    solution: "Selvbetjeningsløsning koblet til fagsystemet.",
    source: "Fagområdets behov",
    area: aRef(1, "Borger, Kultur og Velfærd"),
    owner: null,
    projectLead: null,
    phase: "Idé",
    governance: null,
    standaloneGroupFrom: null,
    standaloneGroupTo: null,
    mandatory: false,
    legalDeadline: null,
    requires: [],
    excludes: [],
    externalRef: "",
    resourceNeeds: "",
    expectedBenefits: "",
    priority: null,
    priorityScore: null,
    latestStatus: null,
    ...o,
  };
}

export function aBudgetLine(o: Partial<BudgetLineDraft> = {}): BudgetLineDraft {
  return { title: "Licens", initiative: aRef(1), year: 2026, kind: "Drift", amount: 250_000, ...o };
}

export function aBudgetFrame(o: Partial<BudgetFrameDraft> = {}): BudgetFrameDraft {
  return {
    title: "Central digitaliseringspulje 2026",
    year: 2026,
    kind: "Anlæg",
    amount: 5_000_000,
    source: "Central digitaliseringspulje",
    ...o,
  };
}

export function aPhaseChange(o: Partial<PhaseChangeDraft> = {}): PhaseChangeDraft {
  return {
    title: "Idé → Behovsanalyse",
    initiative: aRef(1),
    fromPhase: "Idé",
    toPhase: "Behovsanalyse",
    changedAt: "2026-02-01T10:00:00Z",
    decision: null,
    reason: "",
    ...o,
  };
}

export function aComment(o: Partial<CommentDraft> = {}): CommentDraft {
  return {
    title: "Spørgsmål",
    initiative: aRef(1),
    body: "Hvad koster drift?",
    replyTo: null,
    deleted: false,
    editedAt: null,
    ...o,
  };
}

export function aCriterion(o: Partial<CriterionDraft> = {}): CriterionDraft {
  return {
    title: "Borgernytte",
    description: "",
    levels: { none: "", low: "", moderate: "", strong: "", extreme: "" },
    active: true,
    sortOrder: 1,
    ...o,
  };
}

export function aComparison(o: Partial<ComparisonDraft> = {}): ComparisonDraft {
  return {
    title: "Borgernytte mod økonomi",
    weightSet: aRef(1),
    criterionA: aRef(1),
    criterionB: aRef(2),
    value: 3,
    comparisonKey: "1:1:2:11",
    ...o,
  };
}

export function aWeightSet(o: Partial<WeightSetDraft> = {}): WeightSetDraft {
  return {
    title: "Vægte 2026",
    weights: [
      { criterion: idOf(1), weight: 0.6 },
      { criterion: idOf(2), weight: 0.4 },
    ],
    consistencyRatio: 0.04,
    state: "Kladde",
    approvedAt: null,
    meeting: null,
    ...o,
  };
}

export function aRound(o: Partial<RoundDraft> = {}): RoundDraft {
  return {
    title: "Prioritering forår 2026",
    method: "Rangordning",
    candidates: [aRef(1), aRef(2)],
    opens: "2026-03-01T08:00:00Z",
    closes: "2026-03-15T16:00:00Z",
    state: "Kladde",
    resultsVisibility: "Efter lukning",
    weightSet: null,
    meeting: null,
    settings: {},
    ...o,
  };
}

export function aBallot(o: Partial<BallotDraft> = {}): BallotDraft {
  const round = o.round ?? aRef(1);
  const voter = o.voter ?? aPerson();
  return {
    title: "Stemmeseddel",
    round,
    voter,
    ballotKey: round && voter ? `${round.id}:${voter.id}` : "",
    payload: { entries: [{ candidate: idOf(1), rank: 1 }] },
    comment: "",
    ...o,
  };
}

export function aScenario(o: Partial<ScenarioDraft> = {}): ScenarioDraft {
  return {
    title: "Scenarie A",
    round: null,
    weightSet: null,
    constraints: { budgetByYear: { "2026": 5_000_000 } },
    forcedIn: [],
    forcedOut: [],
    selected: [],
    totalValue: null,
    totalCost: null,
    committed: false,
    decision: null,
    ...o,
  };
}

export function aMeeting(o: Partial<MeetingDraft> = {}): MeetingDraft {
  return {
    title: "Styregruppemøde marts",
    start: "2026-03-10T08:00:00Z",
    end: "2026-03-10T10:00:00Z",
    kind: "Ordinært møde",
    location: "Rådhuset, mødelokale 2",
    state: "Planlagt",
    graphEventId: "",
    joinUrl: "",
    agendaSentAt: null,
    minutesApprovedAt: null,
    minutesApprovedBy: null,
    channelMessageId: "",
    ...o,
  };
}

export function anAgendaItem(o: Partial<AgendaItemDraft> = {}): AgendaItemDraft {
  return {
    title: "Godkendelse af dagsorden",
    meeting: aRef(1),
    sortOrder: 1,
    kind: "Beslutning",
    initiative: null,
    fundingProposal: null,
    benefit: null,
    presenter: null,
    durationMinutes: 10,
    recommendation: "",
    minutesText: "",
    invitedAreas: [],
    ...o,
  };
}

export function aDecision(o: Partial<DecisionDraft> = {}): DecisionDraft {
  return {
    title: "Tiltaget prioriteres",
    meeting: null,
    agendaItem: null,
    initiative: null,
    text: "Styregruppen besluttede at prioritere tiltaget.",
    carriedTo: ["DF"],
    decidedAt: "2026-03-10T09:30:00Z",
    ...o,
  };
}

export function aFollowUpAction(o: Partial<FollowUpActionDraft> = {}): FollowUpActionDraft {
  return {
    title: "Udarbejd business case",
    description: "",
    owner: aPerson(),
    due: "2026-04-01T00:00:00Z",
    state: "Åben",
    meeting: null,
    decision: null,
    initiative: null,
    ...o,
  };
}

export function aResource(o: Partial<ResourceDraft> = {}): ResourceDraft {
  return {
    title: "Gitte Iversen",
    person: aPerson(),
    area: null,
    competences: ["It-arkitektur"],
    capacityHoursPerMonth: 40,
    active: true,
    absences: [],
    ...o,
  };
}

export function anAllocation(o: Partial<AllocationDraft> = {}): AllocationDraft {
  return {
    title: "Arkitektur marts",
    initiative: aRef(1),
    resource: aRef(1),
    competence: "It-arkitektur",
    month: "2026-03-01T00:00:00Z",
    hours: 20,
    request: null,
    ...o,
  };
}

export function aResourceRequest(o: Partial<ResourceRequestDraft> = {}): ResourceRequestDraft {
  return {
    title: "Behov for jurist",
    area: aRef(1),
    initiative: null,
    competence: "Jura og GDPR",
    hours: 30,
    neededFrom: "2026-04-01T00:00:00Z",
    neededTo: "2026-06-30T00:00:00Z",
    state: "Anmodet",
    resource: null,
    message: "",
    reason: "",
    ...o,
  };
}

export function aFundingProposal(o: Partial<FundingProposalDraft> = {}): FundingProposalDraft {
  return {
    title: "Finansiering af digital pladsanvisning",
    initiatives: [aRef(1)],
    source: "Central digitaliseringspulje",
    forum: "ØU",
    state: "Kladde",
    amountsByYear: [
      { year: 2026, amount: 400_000 },
      { year: 2027, amount: 150_000 },
    ],
    rationale: "",
    ...o,
  };
}

export function aBenefit(o: Partial<BenefitDraft> = {}): BenefitDraft {
  return {
    title: "Færre manuelle ansøgninger",
    initiative: aRef(1),
    kind: "Økonomisk",
    isCash: false,
    isDisbenefit: false,
    indicator: "Manuelle ansøgninger pr. måned",
    unit: "stk.",
    direction: "Lavere er bedre",
    baseline: 400,
    baselineDate: "2026-01-01T00:00:00Z",
    targetPessimistic: 300,
    targetExpected: 200,
    targetOptimistic: 100,
    targetDate: "2027-01-01T00:00:00Z",
    owner: null,
    measurementPlan: "",
    measurementIntervalMonths: null,
    firstMeasurementDate: null,
    nextMeasurementDue: null,
    modelVersion: null,
    state: "Foreslået",
    ...o,
  };
}

export function aBenefitMeasurement(
  o: Partial<BenefitMeasurementDraft> = {},
): BenefitMeasurementDraft {
  return {
    title: "Måling efter idriftsættelse",
    benefit: aRef(1),
    measuredAt: "2026-09-01T00:00:00Z",
    value: 180,
    milestone: "Efter idriftsættelse",
    comment: "",
    ...o,
  };
}

export function aStatusReport(o: Partial<StatusReportDraft> = {}): StatusReportDraft {
  return {
    title: "Status 1. kvartal",
    initiative: aRef(1),
    period: "2026-Q1",
    reportKey: "1:2026-Q1",
    overall: "Grøn",
    overallText: "",
    scope: { rag: "Grøn", text: "" },
    time: { rag: "Gul", text: "Leverandør forsinket to uger." },
    cost: { rag: "Grøn", text: "" },
    benefits: { rag: null, text: "" },
    state: "Kladde",
    publishedAt: null,
    snapshot: {},
    ...o,
  };
}

export function anActionPlan(o: Partial<ActionPlanDraft> = {}): ActionPlanDraft {
  return {
    title: "Handleplan BKV 2026",
    area: aRef(1),
    goal: null,
    initiatives: [],
    period: "2026",
    state: "Udkast",
    responsible: null,
    description: "",
    ...o,
  };
}

export function aBarrier(o: Partial<BarrierDraft> = {}): BarrierDraft {
  return {
    title: "Mangel på data-kompetencer",
    kind: "Kompetencer",
    description: "",
    owner: null,
    state: "Identificeret",
    blocks: [],
    ...o,
  };
}

export function aLearningEntry(o: Partial<LearningEntryDraft> = {}): LearningEntryDraft {
  return {
    title: "KL's Digitaliseringskonference",
    kind: "Konference",
    eventDate: "2026-05-20T00:00:00Z",
    attendees: [],
    learnings: "",
    link: "",
    ...o,
  };
}

export function aSetting(o: Partial<SettingDraft> = {}): SettingDraft {
  return {
    title: "Mindste antal møder pr. år",
    key: "meetings.minPerYear",
    value: "4",
    description: "",
    ...o,
  };
}
