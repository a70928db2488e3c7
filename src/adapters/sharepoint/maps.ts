/**
 * The field map and entity adapter of every list: which column each domain property lives
 * in. Column names come from `lists-schema` and are checked against it when this module loads
 * (and by tests/unit/field-map.test.ts); nowhere else in the app names a SharePoint column.
 */
import { listSchema } from "../../../lists-schema/index.js";
import {
  type Benefit,
  type BenefitDraft,
  type BenefitMeasurement,
  type BenefitMeasurementDraft,
  type StatusReport,
  type StatusReportDraft,
  validateBenefit,
  validateBenefitMeasurement,
  validateStatusReport,
} from "../../domain/benefits.js";
import type { StoredMeta } from "../../domain/common.js";
import {
  type FundingProposal,
  type FundingProposalDraft,
  fundingTotals,
  validateFundingProposal,
  type YearAmount,
} from "../../domain/funding.js";
import {
  type BudgetFrameChange,
  type BudgetFrameChangeDraft,
  type FrameKind,
  validateBudgetFrameChange,
} from "../../domain/funding-frames.js";
import type {
  AgendaItemId,
  AreaId,
  BenefitId,
  BudgetFrameId,
  CommentId,
  CriterionId,
  DecisionId,
  FundingProposalId,
  InitiativeId,
  MeetingId,
  ResourceId,
  ResourceRequestId,
  RoundId,
  StrategyGoalId,
  WeightSetId,
} from "../../domain/ids.js";
import {
  type AgendaItem,
  type AgendaItemDraft,
  type Decision,
  type DecisionDraft,
  type FollowUpAction,
  type FollowUpActionDraft,
  type Meeting,
  type MeetingDraft,
  type MinutesApproval,
  type MinutesApprovalDraft,
  validateAgendaItem,
  validateDecision,
  validateFollowUpAction,
  validateMeeting,
  validateMinutesApproval,
} from "../../domain/meetings.js";
import {
  type PersonalItem,
  type PersonalItemDraft,
  type PersonalItemKind,
  validatePersonalItem,
} from "../../domain/personal.js";
import {
  type Area,
  type AreaDraft,
  type BudgetFrame,
  type BudgetFrameDraft,
  type BudgetLine,
  type BudgetLineDraft,
  type ChangeGate,
  type Comment,
  type CommentDraft,
  type Initiative,
  type InitiativeDraft,
  type PhaseChange,
  type PhaseChangeDraft,
  type StrategyGoal,
  type StrategyGoalDraft,
  validateArea,
  validateBudgetFrame,
  validateBudgetLine,
  validateComment,
  validateInitiative,
  validatePhaseChange,
  validateStrategyGoal,
} from "../../domain/portfolio.js";
import {
  type Ballot,
  type BallotDraft,
  type BallotPayload,
  type Comparison,
  type ComparisonDraft,
  type Criterion,
  type CriterionDraft,
  type CriterionWeight,
  type ForcedChoice,
  type Round,
  type RoundDraft,
  type RoundSettings,
  type Scenario,
  type ScenarioConstraints,
  type ScenarioDraft,
  validateBallot,
  validateComparison,
  validateCriterion,
  validateRound,
  validateScenario,
  validateWeightSet,
  type WeightSet,
  type WeightSetDraft,
} from "../../domain/prioritization.js";
import {
  type PortfolioReportDraft,
  type PortfolioReportItem,
  type ReportKind,
  validatePortfolioReport,
} from "../../domain/reports.js";
import {
  type Absence,
  type Allocation,
  type AllocationDraft,
  type Resource,
  type ResourceDraft,
  type ResourceRequest,
  type ResourceRequestDraft,
  validateAllocation,
  validateResource,
  validateResourceRequest,
} from "../../domain/resources.js";
import {
  type ActionPlan,
  type ActionPlanDraft,
  type Barrier,
  type BarrierDraft,
  type LearningEntry,
  type LearningEntryDraft,
  type Setting,
  type SettingDraft,
  validateActionPlan,
  validateBarrier,
  validateLearningEntry,
  validateSetting,
} from "../../domain/strategy.js";
import type { Validation } from "../../domain/validation.js";
import type {
  ActionPlanState,
  ActionState,
  AgendaKind,
  BarrierKind,
  BarrierState,
  BenefitDirection,
  BenefitKind,
  BenefitState,
  BudgetKind,
  Competence,
  Forum,
  FundingForum,
  FundingSource,
  FundingState,
  Governance,
  LearningKind,
  MeasurementMilestone,
  MeetingKind,
  MeetingState,
  Phase,
  Rag,
  ReportState,
  ResourceRequestState,
  ResultsVisibility,
  RoundState,
  Source,
  VotingMethod,
  WeightSetState,
} from "../../domain/vocabulary.js";
import { type Decoded, defineFieldMap, type Descriptors, f, type FieldMap } from "./field-map.js";
import type { EntityAdapter } from "./repository.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * An adapter whose draft is exactly the decoded field map. `same` only compiles as `true`
 * when the domain draft and the map have the same properties and types: a domain property
 * that no column stores is a compile error, not silent data loss.
 */
function direct<P extends Descriptors, D extends object, T>(
  map: FieldMap<P>,
  noun: string,
  validate: (d: D) => Validation,
  same: Same<Decoded<P>, D>,
  searchIn: readonly (keyof D & string)[] = [],
): EntityAdapter<T, D> {
  void same;
  return {
    map,
    noun,
    validate,
    read: (item) => map.read(item) as unknown as Omit<T, keyof StoredMeta<unknown>>,
    readsMap: true,
    write: (d) => map.write(d),
    searchIn,
  };
}

// ---------------------------------------------------------------- portfolio

export const areaMap = defineFieldMap(listSchema("Areas"), {
  title: f.text("Title"),
  abbreviation: f.text("Abbreviation"),
  head: f.person("Head"),
  representatives: f.multiperson("Representatives"),
  active: f.boolean("Active"),
});
export const areaAdapter = direct<typeof areaMap.props, AreaDraft, Area>(
  areaMap,
  "Området",
  validateArea,
  true,
  ["abbreviation"],
);

export const strategyGoalMap = defineFieldMap(listSchema("StrategyGoals"), {
  title: f.text("Title"),
  description: f.note("Description"),
  period: f.text("Period"),
  owner: f.person("Owner"),
  sortOrder: f.number("SortOrder"),
});
export const strategyGoalAdapter = direct<
  typeof strategyGoalMap.props,
  StrategyGoalDraft,
  StrategyGoal
>(strategyGoalMap, "Strategimålet", validateStrategyGoal, true, ["description"]);

export const initiativeMap = defineFieldMap(listSchema("Initiatives"), {
  title: f.text("Title"),
  strategyGoal: f.lookup<StrategyGoalId>("StrategyGoal", "StrategyGoals"),
  summary: f.note("Summary"),
  need: f.note("Need"),
  solution: f.note("Solution"),
  source: f.requiredChoice<Source>("Source", "Fagområdets behov"),
  area: f.lookup<AreaId>("Area", "Areas"),
  owner: f.person("Owner"),
  projectLead: f.person("ProjectLead"),
  phase: f.requiredChoice<Phase>("Phase", "Idé"),
  governance: f.choice<Governance>("Governance"),
  standaloneGroupFrom: f.datetime("StandaloneGroupFrom"),
  standaloneGroupTo: f.datetime("StandaloneGroupTo"),
  mandatory: f.boolean("Mandatory"),
  legalDeadline: f.datetime("LegalDeadline"),
  requires: f.multilookup<InitiativeId>("Requires", "Initiatives"),
  excludes: f.multilookup<InitiativeId>("Excludes", "Initiatives"),
  externalRef: f.text("ExternalRef"),
  resourceNeeds: f.note("ResourceNeeds"),
  expectedBenefits: f.note("ExpectedBenefits"),
  priority: f.number("Priority"),
  priorityScore: f.number("PriorityScore"),
  latestStatus: f.choice<Rag>("LatestStatus"),
});
export const initiativeAdapter = direct<typeof initiativeMap.props, InitiativeDraft, Initiative>(
  initiativeMap,
  "Tiltaget",
  validateInitiative,
  true,
  ["summary", "need", "solution", "externalRef"],
);

export const budgetLineMap = defineFieldMap(listSchema("BudgetLines"), {
  title: f.text("Title"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  year: f.requiredNumber("Year"),
  kind: f.requiredChoice<BudgetKind>("Kind", "Drift"),
  amount: f.currency("Amount"),
});
export const budgetLineAdapter = direct<typeof budgetLineMap.props, BudgetLineDraft, BudgetLine>(
  budgetLineMap,
  "Budgetlinjen",
  validateBudgetLine,
  true,
);

export const budgetFrameMap = defineFieldMap(listSchema("BudgetFrames"), {
  title: f.text("Title"),
  year: f.requiredNumber("Year"),
  kind: f.requiredChoice<BudgetKind>("Kind", "Drift"),
  amount: f.currency("Amount"),
  source: f.choice<FundingSource>("Source"),
});
export const budgetFrameAdapter = direct<
  typeof budgetFrameMap.props,
  BudgetFrameDraft,
  BudgetFrame
>(budgetFrameMap, "Budgetrammen", validateBudgetFrame, true);

export const budgetFrameChangeMap = defineFieldMap(listSchema("BudgetFrameChanges"), {
  title: f.text("Title"),
  frame: f.lookup<BudgetFrameId>("Frame", "BudgetFrames"),
  year: f.requiredNumber("Year"),
  kind: f.requiredChoice<FrameKind>("Kind", "Drift"),
  amount: f.requiredNumber("Amount"),
  source: f.choice<FundingSource>("Source"),
  reason: f.note("Reason"),
});
export const budgetFrameChangeAdapter = direct<
  typeof budgetFrameChangeMap.props,
  BudgetFrameChangeDraft,
  BudgetFrameChange
>(budgetFrameChangeMap, "Ændringen af budgetrammen", validateBudgetFrameChange, true, ["reason"]);

export const phaseChangeMap = defineFieldMap(listSchema("PhaseChanges"), {
  title: f.text("Title"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  fromPhase: f.choice<Phase>("FromPhase"),
  toPhase: f.requiredChoice<Phase>("ToPhase", "Idé"),
  changedAt: f.requiredDatetime("ChangedAt"),
  decision: f.lookup<DecisionId>("Decision", "Decisions"),
  reason: f.note("Reason"),
  gate: f.requiredChoice<ChangeGate>("Gate", "Fase"),
  priority: f.number("Priority"),
  priorityScore: f.number("PriorityScore"),
  mandatory: f.boolean("Mandatory"),
});
/**
 * The gate columns are optional in the domain (a phase change is written without them): the
 * map is checked against the draft with them required, and a write without them leaves the
 * columns to their defaults (the map writes only the properties present).
 */
export const phaseChangeAdapter: EntityAdapter<PhaseChange, PhaseChangeDraft> = direct<
  typeof phaseChangeMap.props,
  Required<PhaseChangeDraft>,
  PhaseChange
>(phaseChangeMap, "Faseskiftet", validatePhaseChange, true, ["reason"]);

export const commentMap = defineFieldMap(listSchema("Comments"), {
  title: f.text("Title"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  body: f.note("Body"),
  replyTo: f.lookup<CommentId>("ReplyTo", "Comments"),
  deleted: f.boolean("Deleted"),
  editedAt: f.datetime("EditedAt"),
});
export const commentAdapter = direct<typeof commentMap.props, CommentDraft, Comment>(
  commentMap,
  "Kommentaren",
  validateComment,
  true,
  ["body"],
);

// ---------------------------------------------------------------- prioritization

export const criterionMap = defineFieldMap(listSchema("Criteria"), {
  title: f.text("Title"),
  description: f.note("Description"),
  levelNone: f.note("LevelNone"),
  levelLow: f.note("LevelLow"),
  levelModerate: f.note("LevelModerate"),
  levelStrong: f.note("LevelStrong"),
  levelExtreme: f.note("LevelExtreme"),
  active: f.boolean("Active"),
  sortOrder: f.number("SortOrder"),
});
/** The five level texts are five columns; the domain keeps them together. */
export const criterionAdapter: EntityAdapter<Criterion, CriterionDraft> = {
  map: criterionMap,
  noun: "Kriteriet",
  validate: validateCriterion,
  read: (item) => {
    const c = criterionMap.read(item);
    return {
      title: c.title,
      description: c.description,
      levels: {
        none: c.levelNone,
        low: c.levelLow,
        moderate: c.levelModerate,
        strong: c.levelStrong,
        extreme: c.levelExtreme,
      },
      active: c.active,
      sortOrder: c.sortOrder,
    };
  },
  write: (d) =>
    criterionMap.write({
      title: d.title,
      description: d.description,
      levelNone: d.levels.none,
      levelLow: d.levels.low,
      levelModerate: d.levels.moderate,
      levelStrong: d.levels.strong,
      levelExtreme: d.levels.extreme,
      active: d.active,
      sortOrder: d.sortOrder,
    }),
  searchIn: ["description"],
};

export const comparisonMap = defineFieldMap(listSchema("Comparisons"), {
  title: f.text("Title"),
  weightSet: f.lookup<WeightSetId>("WeightSet", "WeightSets"),
  criterionA: f.lookup<CriterionId>("CriterionA", "Criteria"),
  criterionB: f.lookup<CriterionId>("CriterionB", "Criteria"),
  value: f.requiredNumber("Value"),
  comparisonKey: f.text("ComparisonKey"),
});
export const comparisonAdapter = direct<typeof comparisonMap.props, ComparisonDraft, Comparison>(
  comparisonMap,
  "Sammenligningen",
  validateComparison,
  true,
);

export const weightSetMap = defineFieldMap(listSchema("WeightSets"), {
  title: f.text("Title"),
  weights: f.json<CriterionWeight[]>("Weights", () => []),
  consistencyRatio: f.number("ConsistencyRatio"),
  state: f.requiredChoice<WeightSetState>("State", "Kladde"),
  approvedAt: f.datetime("ApprovedAt"),
  meeting: f.lookup<MeetingId>("Meeting", "Meetings"),
});
export const weightSetAdapter = direct<typeof weightSetMap.props, WeightSetDraft, WeightSet>(
  weightSetMap,
  "Vægtsættet",
  validateWeightSet,
  true,
);

export const roundMap = defineFieldMap(listSchema("Rounds"), {
  title: f.text("Title"),
  method: f.requiredChoice<VotingMethod>("Method", "Kriteriescore"),
  candidates: f.multilookup<InitiativeId>("Candidates", "Initiatives"),
  opens: f.datetime("Opens"),
  closes: f.datetime("Closes"),
  state: f.requiredChoice<RoundState>("State", "Kladde"),
  resultsVisibility: f.choice<ResultsVisibility>("ResultsVisibility"),
  weightSet: f.lookup<WeightSetId>("WeightSet", "WeightSets"),
  meeting: f.lookup<MeetingId>("Meeting", "Meetings"),
  settings: f.json<RoundSettings>("MethodSettings", () => ({})),
  resultJson: f.note("ResultJson"),
});
/**
 * `resultJson` is optional in the domain (a round is written without it until it is closed):
 * the map is checked against the draft with it required, and a write without it leaves the
 * column as it is (the map writes only the properties present).
 */
export const roundAdapter: EntityAdapter<Round, RoundDraft> = direct<
  typeof roundMap.props,
  Required<RoundDraft>,
  Round
>(roundMap, "Runden", validateRound, true);

export const ballotMap = defineFieldMap(listSchema("Ballots"), {
  title: f.text("Title"),
  round: f.lookup<RoundId>("Round", "Rounds"),
  ballotKey: f.text("BallotKey"),
  voter: f.person("Voter"),
  // Empty or not JSON: marked unreadable, so it is not counted as an empty ballot.
  payload: f.json<BallotPayload>("Payload", () => ({ entries: [], unreadable: true })),
  comment: f.note("Comment"),
});
export const ballotAdapter = direct<typeof ballotMap.props, BallotDraft, Ballot>(
  ballotMap,
  "Stemmesedlen",
  validateBallot,
  true,
);

export const scenarioMap = defineFieldMap(listSchema("Scenarios"), {
  title: f.text("Title"),
  round: f.lookup<RoundId>("Round", "Rounds"),
  weightSet: f.lookup<WeightSetId>("WeightSet", "WeightSets"),
  constraints: f.json<ScenarioConstraints>("Constraints", () => ({})),
  forcedIn: f.json<ForcedChoice[]>("ForcedIn", () => []),
  forcedOut: f.json<ForcedChoice[]>("ForcedOut", () => []),
  selected: f.multilookup<InitiativeId>("Selected", "Initiatives"),
  totalValue: f.number("TotalValue"),
  totalCost: f.currency("TotalCost"),
  committed: f.boolean("Committed"),
  decision: f.lookup<DecisionId>("Decision", "Decisions"),
});
export const scenarioAdapter = direct<typeof scenarioMap.props, ScenarioDraft, Scenario>(
  scenarioMap,
  "Scenariet",
  validateScenario,
  true,
);

// ---------------------------------------------------------------- meetings

export const meetingMap = defineFieldMap(listSchema("Meetings"), {
  title: f.text("Title"),
  start: f.requiredDatetime("Start"),
  end: f.requiredDatetime("End"),
  kind: f.choice<MeetingKind>("Kind"),
  location: f.text("Location"),
  state: f.requiredChoice<MeetingState>("State", "Planlagt"),
  graphEventId: f.text("GraphEventId"),
  joinUrl: f.note("JoinUrl"),
  agendaSentAt: f.datetime("AgendaSentAt"),
  minutesApprovedAt: f.datetime("MinutesApprovedAt"),
  minutesApprovedBy: f.person("MinutesApprovedBy"),
  channelMessageId: f.text("ChannelMessageId"),
  postingClaim: f.text("PostingClaim"),
});
/**
 * `postingClaim` is optional in the domain (the meeting plan writes meetings without it): the
 * map is checked against the draft with it required, and a write without it leaves the column
 * as it is (the map writes only the properties present).
 */
export const meetingAdapter: EntityAdapter<Meeting, MeetingDraft> = direct<
  typeof meetingMap.props,
  Required<MeetingDraft>,
  Meeting
>(meetingMap, "Mødet", validateMeeting, true, ["location"]);

export const minutesApprovalMap = defineFieldMap(listSchema("MinutesApprovals"), {
  title: f.text("Title"),
  meeting: f.lookup<MeetingId>("Meeting", "Meetings"),
  contentHash: f.text("ContentHash"),
  approvedAt: f.requiredDatetime("ApprovedAt"),
});
export const minutesApprovalAdapter = direct<
  typeof minutesApprovalMap.props,
  MinutesApprovalDraft,
  MinutesApproval
>(minutesApprovalMap, "Godkendelsen af referatet", validateMinutesApproval, true);

export const agendaItemMap = defineFieldMap(listSchema("AgendaItems"), {
  title: f.text("Title"),
  meeting: f.lookup<MeetingId>("Meeting", "Meetings"),
  sortOrder: f.requiredNumber("SortOrder"),
  kind: f.requiredChoice<AgendaKind>("Kind", "Orientering"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  fundingProposal: f.lookup<FundingProposalId>("FundingProposal", "FundingProposals"),
  benefit: f.lookup<BenefitId>("Benefit", "Benefits"),
  presenter: f.person("Presenter"),
  durationMinutes: f.number("DurationMinutes"),
  recommendation: f.note("Recommendation"),
  minutesText: f.note("MinutesText"),
  invitedAreas: f.multilookup<AreaId>("InvitedAreas", "Areas"),
});
export const agendaItemAdapter = direct<typeof agendaItemMap.props, AgendaItemDraft, AgendaItem>(
  agendaItemMap,
  "Dagsordenspunktet",
  validateAgendaItem,
  true,
  ["recommendation", "minutesText"],
);

export const decisionMap = defineFieldMap(listSchema("Decisions"), {
  title: f.text("Title"),
  meeting: f.lookup<MeetingId>("Meeting", "Meetings"),
  agendaItem: f.lookup<AgendaItemId>("AgendaItem", "AgendaItems"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  text: f.note("Text"),
  carriedTo: f.multichoice<Forum>("CarriedTo"),
  decidedAt: f.requiredDatetime("DecidedAt"),
});
export const decisionAdapter = direct<typeof decisionMap.props, DecisionDraft, Decision>(
  decisionMap,
  "Beslutningen",
  validateDecision,
  true,
  ["text"],
);

export const actionMap = defineFieldMap(listSchema("Actions"), {
  title: f.text("Title"),
  description: f.note("Description"),
  owner: f.person("Owner"),
  due: f.datetime("Due"),
  state: f.requiredChoice<ActionState>("State", "Åben"),
  meeting: f.lookup<MeetingId>("Meeting", "Meetings"),
  decision: f.lookup<DecisionId>("Decision", "Decisions"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
});
export const actionAdapter = direct<typeof actionMap.props, FollowUpActionDraft, FollowUpAction>(
  actionMap,
  "Opfølgningspunktet",
  validateFollowUpAction,
  true,
  ["description"],
);

// ---------------------------------------------------------------- resources

export const resourceMap = defineFieldMap(listSchema("Resources"), {
  title: f.text("Title"),
  person: f.person("Person"),
  area: f.lookup<AreaId>("Area", "Areas"),
  competences: f.multichoice<Competence>("Competences"),
  capacityHoursPerMonth: f.number("CapacityHoursPerMonth"),
  active: f.boolean("Active"),
  absences: f.json<Absence[]>("Absences", () => []),
});
export const resourceAdapter = direct<typeof resourceMap.props, ResourceDraft, Resource>(
  resourceMap,
  "Ressourcen",
  validateResource,
  true,
);

export const allocationMap = defineFieldMap(listSchema("Allocations"), {
  title: f.text("Title"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  resource: f.lookup<ResourceId>("Resource", "Resources"),
  competence: f.choice<Competence>("Competence"),
  month: f.requiredDatetime("Month"),
  hours: f.requiredNumber("Hours"),
  request: f.lookup<ResourceRequestId>("Request", "ResourceRequests"),
});
export const allocationAdapter = direct<typeof allocationMap.props, AllocationDraft, Allocation>(
  allocationMap,
  "Allokeringen",
  validateAllocation,
  true,
);

export const resourceRequestMap = defineFieldMap(listSchema("ResourceRequests"), {
  title: f.text("Title"),
  area: f.lookup<AreaId>("Area", "Areas"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  competence: f.requiredChoice<Competence>("Competence", "Projektledelse"),
  hours: f.number("Hours"),
  neededFrom: f.datetime("NeededFrom"),
  neededTo: f.datetime("NeededTo"),
  state: f.requiredChoice<ResourceRequestState>("State", "Anmodet"),
  resource: f.lookup<ResourceId>("Resource", "Resources"),
  message: f.note("Message"),
  reason: f.note("Reason"),
});
export const resourceRequestAdapter = direct<
  typeof resourceRequestMap.props,
  ResourceRequestDraft,
  ResourceRequest
>(resourceRequestMap, "Ressourceindkaldelsen", validateResourceRequest, true, [
  "message",
  "reason",
]);

// ---------------------------------------------------------------- funding

export const fundingProposalMap = defineFieldMap(listSchema("FundingProposals"), {
  title: f.text("Title"),
  initiatives: f.multilookup<InitiativeId>("Initiatives", "Initiatives"),
  source: f.requiredChoice<FundingSource>("Source", "Driftsbudget"),
  forum: f.requiredChoice<FundingForum>("Forum", "ØU"),
  state: f.requiredChoice<FundingState>("State", "Kladde"),
  amountsByYear: f.json<YearAmount[]>("AmountsByYear", () => []),
  totalAmount: f.currency("TotalAmount"),
  firstYear: f.number("FirstYear"),
  rationale: f.note("Rationale"),
  decisionId: f.number("DecisionId"),
});
/** Total and first year are derived from the per-year amounts and stored for filtering. */
export const fundingProposalAdapter: EntityAdapter<FundingProposal, FundingProposalDraft> = {
  map: fundingProposalMap,
  noun: "Finansieringsforslaget",
  validate: validateFundingProposal,
  read: (item) => fundingProposalMap.read(item),
  write: (d) =>
    fundingProposalMap.write({
      title: d.title,
      initiatives: d.initiatives,
      source: d.source,
      forum: d.forum,
      state: d.state,
      amountsByYear: d.amountsByYear,
      rationale: d.rationale,
      decisionId: d.decisionId ?? null,
      ...fundingTotals(d.amountsByYear),
    }),
  searchIn: ["rationale"],
};

// ---------------------------------------------------------------- benefits and status

export const benefitMap = defineFieldMap(listSchema("Benefits"), {
  title: f.text("Title"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  kind: f.requiredChoice<BenefitKind>("Kind", "Økonomisk"),
  isCash: f.boolean("IsCash"),
  isDisbenefit: f.boolean("IsDisbenefit"),
  indicator: f.text("Indicator"),
  unit: f.text("Unit"),
  direction: f.requiredChoice<BenefitDirection>("Direction", "Højere er bedre"),
  baseline: f.number("Baseline"),
  baselineDate: f.datetime("BaselineDate"),
  targetPessimistic: f.number("TargetPessimistic"),
  targetExpected: f.number("TargetExpected"),
  targetOptimistic: f.number("TargetOptimistic"),
  targetDate: f.datetime("TargetDate"),
  owner: f.person("Owner"),
  measurementPlan: f.note("MeasurementPlan"),
  measurementIntervalMonths: f.number("MeasurementIntervalMonths"),
  firstMeasurementDate: f.datetime("FirstMeasurementDate"),
  nextMeasurementDue: f.datetime("NextMeasurementDue"),
  modelVersion: f.number("ModelVersion"),
  state: f.requiredChoice<BenefitState>("State", "Foreslået"),
});
export const benefitAdapter = direct<typeof benefitMap.props, BenefitDraft, Benefit>(
  benefitMap,
  "Gevinsten",
  validateBenefit,
  true,
  ["indicator"],
);

export const benefitMeasurementMap = defineFieldMap(listSchema("BenefitMeasurements"), {
  title: f.text("Title"),
  benefit: f.lookup<BenefitId>("Benefit", "Benefits"),
  measuredAt: f.requiredDatetime("MeasuredAt"),
  value: f.number("Value"),
  milestone: f.choice<MeasurementMilestone>("Milestone"),
  comment: f.note("Comment"),
});
export const benefitMeasurementAdapter = direct<
  typeof benefitMeasurementMap.props,
  BenefitMeasurementDraft,
  BenefitMeasurement
>(benefitMeasurementMap, "Gevinstmålingen", validateBenefitMeasurement, true);

export const statusReportMap = defineFieldMap(listSchema("StatusReports"), {
  title: f.text("Title"),
  initiative: f.lookup<InitiativeId>("Initiative", "Initiatives"),
  period: f.text("Period"),
  reportKey: f.text("ReportKey"),
  overall: f.requiredChoice<Rag>("Overall", "Grøn"),
  overallText: f.note("OverallText"),
  scope: f.choice<Rag>("Scope"),
  scopeText: f.note("ScopeText"),
  time: f.choice<Rag>("Time"),
  timeText: f.note("TimeText"),
  cost: f.choice<Rag>("Cost"),
  costText: f.note("CostText"),
  benefits: f.choice<Rag>("Benefits"),
  benefitsText: f.note("BenefitsText"),
  state: f.requiredChoice<ReportState>("State", "Kladde"),
  publishedAt: f.datetime("PublishedAt"),
  snapshot: f.json<Record<string, unknown>>("Snapshot", () => ({})),
});
/** Each dimension's colour and text are two columns; the domain keeps them together. */
export const statusReportAdapter: EntityAdapter<StatusReport, StatusReportDraft> = {
  map: statusReportMap,
  noun: "Statusrapporten",
  validate: validateStatusReport,
  read: (item) => {
    const r = statusReportMap.read(item);
    return {
      title: r.title,
      initiative: r.initiative,
      period: r.period,
      reportKey: r.reportKey,
      overall: r.overall,
      overallText: r.overallText,
      scope: { rag: r.scope, text: r.scopeText },
      time: { rag: r.time, text: r.timeText },
      cost: { rag: r.cost, text: r.costText },
      benefits: { rag: r.benefits, text: r.benefitsText },
      state: r.state,
      publishedAt: r.publishedAt,
      snapshot: r.snapshot,
    };
  },
  write: (d) =>
    statusReportMap.write({
      title: d.title,
      initiative: d.initiative,
      period: d.period,
      reportKey: d.reportKey,
      overall: d.overall,
      overallText: d.overallText,
      scope: d.scope.rag,
      scopeText: d.scope.text,
      time: d.time.rag,
      timeText: d.time.text,
      cost: d.cost.rag,
      costText: d.cost.text,
      benefits: d.benefits.rag,
      benefitsText: d.benefits.text,
      state: d.state,
      publishedAt: d.publishedAt,
      snapshot: d.snapshot,
    }),
  searchIn: ["overallText"],
};

// ---------------------------------------------------------------- strategy, learning, settings

export const actionPlanMap = defineFieldMap(listSchema("ActionPlans"), {
  title: f.text("Title"),
  area: f.lookup<AreaId>("Area", "Areas"),
  goal: f.lookup<StrategyGoalId>("Goal", "StrategyGoals"),
  initiatives: f.multilookup<InitiativeId>("Initiatives", "Initiatives"),
  period: f.text("Period"),
  state: f.requiredChoice<ActionPlanState>("State", "Udkast"),
  responsible: f.person("Responsible"),
  description: f.note("Description"),
});
export const actionPlanAdapter = direct<typeof actionPlanMap.props, ActionPlanDraft, ActionPlan>(
  actionPlanMap,
  "Handleplanen",
  validateActionPlan,
  true,
  ["description"],
);

export const barrierMap = defineFieldMap(listSchema("Barriers"), {
  title: f.text("Title"),
  kind: f.requiredChoice<BarrierKind>("Kind", "Organisation"),
  description: f.note("Description"),
  owner: f.person("Owner"),
  state: f.requiredChoice<BarrierState>("State", "Identificeret"),
  blocks: f.multilookup<InitiativeId>("Blocks", "Initiatives"),
});
export const barrierAdapter = direct<typeof barrierMap.props, BarrierDraft, Barrier>(
  barrierMap,
  "Barrieren",
  validateBarrier,
  true,
  ["description"],
);

export const learningLogMap = defineFieldMap(listSchema("LearningLog"), {
  title: f.text("Title"),
  kind: f.requiredChoice<LearningKind>("Kind", "Andet"),
  eventDate: f.requiredDatetime("EventDate"),
  attendees: f.multiperson("Attendees"),
  learnings: f.note("Learnings"),
  link: f.note("Link"),
});
export const learningLogAdapter = direct<
  typeof learningLogMap.props,
  LearningEntryDraft,
  LearningEntry
>(learningLogMap, "Læringsindlægget", validateLearningEntry, true, ["learnings"]);

export const settingMap = defineFieldMap(listSchema("Settings"), {
  title: f.text("Title"),
  key: f.text("SettingKey"),
  value: f.note("Value"),
  description: f.note("Description"),
});
export const settingAdapter = direct<typeof settingMap.props, SettingDraft, Setting>(
  settingMap,
  "Indstillingen",
  validateSetting,
  true,
);

export const personalItemMap = defineFieldMap(listSchema("PersonalItems"), {
  title: f.text("Title"),
  kind: f.requiredChoice<PersonalItemKind>("ItemKind", "Visning"),
  payload: f.note("Payload"),
});
export const personalItemAdapter = direct<
  typeof personalItemMap.props,
  PersonalItemDraft,
  PersonalItem
>(personalItemMap, "Elementet", validatePersonalItem, true);

export const portfolioReportMap = defineFieldMap(listSchema("PortfolioReports"), {
  title: f.text("Title"),
  kind: f.requiredChoice<ReportKind>("ReportKind", "Direktørforum"),
  reportKey: f.text("ReportKey"),
  part: f.requiredNumber("Part"),
  parts: f.requiredNumber("Parts"),
  content: f.note("Content"),
  until: f.datetime("ReportedUntil"),
  sentAt: f.datetime("SentAt"),
  sentTo: f.text("SentTo"),
  chefforumMessageId: f.text("ChefforumMessageId"),
});
export const portfolioReportAdapter = direct<
  typeof portfolioReportMap.props,
  PortfolioReportDraft,
  PortfolioReportItem
>(portfolioReportMap, "Rapporten", validatePortfolioReport, true);

/** Every field map, for the test that checks them against lists-schema. */
export const allFieldMaps = [
  areaMap,
  strategyGoalMap,
  initiativeMap,
  budgetLineMap,
  budgetFrameMap,
  budgetFrameChangeMap,
  phaseChangeMap,
  commentMap,
  criterionMap,
  comparisonMap,
  weightSetMap,
  roundMap,
  ballotMap,
  scenarioMap,
  meetingMap,
  minutesApprovalMap,
  agendaItemMap,
  decisionMap,
  actionMap,
  resourceMap,
  allocationMap,
  resourceRequestMap,
  fundingProposalMap,
  benefitMap,
  benefitMeasurementMap,
  statusReportMap,
  actionPlanMap,
  barrierMap,
  learningLogMap,
  settingMap,
  personalItemMap,
  portfolioReportMap,
] as const;
