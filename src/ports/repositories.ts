/**
 * One repository per list of the data model (DESIGN.md §4), in domain words.
 */
import type { Benefit, BenefitDraft } from "../domain/benefits.js";
import type {
  BenefitMeasurement,
  BenefitMeasurementDraft,
  StatusReport,
  StatusReportDraft,
} from "../domain/benefits.js";
import type { FundingProposal, FundingProposalDraft } from "../domain/funding.js";
import type { BudgetFrameChange, BudgetFrameChangeDraft } from "../domain/funding-frames.js";
import type {
  ActionId,
  ActionPlanId,
  AgendaItemId,
  AllocationId,
  AreaId,
  BallotId,
  BarrierId,
  BenefitId,
  BenefitMeasurementId,
  BudgetFrameChangeId,
  BudgetFrameId,
  BudgetLineId,
  CommentId,
  ComparisonId,
  CriterionId,
  DecisionId,
  FundingProposalId,
  InitiativeId,
  LearningEntryId,
  MeetingId,
  MinutesApprovalId,
  PersonalItemId,
  PhaseChangeId,
  PortfolioReportId,
  ResourceId,
  ResourceRequestId,
  RoundId,
  ScenarioId,
  SettingId,
  StatusReportId,
  StrategyGoalId,
  WeightSetId,
} from "../domain/ids.js";
import type {
  AgendaItem,
  AgendaItemDraft,
  Decision,
  DecisionDraft,
  FollowUpAction,
  FollowUpActionDraft,
  Meeting,
  MeetingDraft,
  MinutesApproval,
  MinutesApprovalDraft,
} from "../domain/meetings.js";
import type { PersonalItem, PersonalItemDraft } from "../domain/personal.js";
import type {
  Area,
  AreaDraft,
  BudgetFrame,
  BudgetFrameDraft,
  BudgetLine,
  BudgetLineDraft,
  Comment,
  CommentDraft,
  Initiative,
  InitiativeDraft,
  PhaseChange,
  PhaseChangeDraft,
  StrategyGoal,
  StrategyGoalDraft,
} from "../domain/portfolio.js";
import type {
  Ballot,
  BallotDraft,
  Comparison,
  ComparisonDraft,
  Criterion,
  CriterionDraft,
  Round,
  RoundDraft,
  Scenario,
  ScenarioDraft,
  WeightSet,
  WeightSetDraft,
} from "../domain/prioritization.js";
import type { PortfolioReportDraft, PortfolioReportItem } from "../domain/reports.js";
import type {
  Allocation,
  AllocationDraft,
  Resource,
  ResourceDraft,
  ResourceRequest,
  ResourceRequestDraft,
} from "../domain/resources.js";
import type {
  ActionPlan,
  ActionPlanDraft,
  Barrier,
  BarrierDraft,
  LearningEntry,
  LearningEntryDraft,
  Setting,
  SettingDraft,
} from "../domain/strategy.js";
import type { ListQuery, PartResult, Repository } from "./repository.js";

export type AreaRepository = Repository<Area, AreaId, AreaDraft>;
export type StrategyGoalRepository = Repository<StrategyGoal, StrategyGoalId, StrategyGoalDraft>;
export type BudgetLineRepository = Repository<BudgetLine, BudgetLineId, BudgetLineDraft>;
export type BudgetFrameRepository = Repository<BudgetFrame, BudgetFrameId, BudgetFrameDraft>;
export type BudgetFrameChangeRepository = Repository<
  BudgetFrameChange,
  BudgetFrameChangeId,
  BudgetFrameChangeDraft
>;
export type PhaseChangeRepository = Repository<PhaseChange, PhaseChangeId, PhaseChangeDraft>;
export type CommentRepository = Repository<Comment, CommentId, CommentDraft>;
export type CriterionRepository = Repository<Criterion, CriterionId, CriterionDraft>;
export type ComparisonRepository = Repository<Comparison, ComparisonId, ComparisonDraft>;
export type WeightSetRepository = Repository<WeightSet, WeightSetId, WeightSetDraft>;
export type RoundRepository = Repository<Round, RoundId, RoundDraft>;
/**
 * Ballots: the store shows members only their own (item-level security); the chair and the
 * secretariat read them all. One ballot per member per round is not held by the store (no
 * unique column beside item-level security): it is decided when the ballots are read, from
 * their authors (`checkRoundBallots`).
 */
export type BallotRepository = Repository<Ballot, BallotId, BallotDraft>;
export type ScenarioRepository = Repository<Scenario, ScenarioId, ScenarioDraft>;
export type MeetingRepository = Repository<Meeting, MeetingId, MeetingDraft>;
/**
 * The chair's approvals of minutes: only Formand can write them (SharePoint refuses anyone
 * else with `Forbidden`), each chair only their own (item-level WriteSecurity).
 */
export type MinutesApprovalRepository = Repository<
  MinutesApproval,
  MinutesApprovalId,
  MinutesApprovalDraft
>;
export type AgendaItemRepository = Repository<AgendaItem, AgendaItemId, AgendaItemDraft>;
export type DecisionRepository = Repository<Decision, DecisionId, DecisionDraft>;
export type FollowUpActionRepository = Repository<FollowUpAction, ActionId, FollowUpActionDraft>;
export type ResourceRepository = Repository<Resource, ResourceId, ResourceDraft>;
export type AllocationRepository = Repository<Allocation, AllocationId, AllocationDraft>;
export type ResourceRequestRepository = Repository<
  ResourceRequest,
  ResourceRequestId,
  ResourceRequestDraft
>;
export type FundingProposalRepository = Repository<
  FundingProposal,
  FundingProposalId,
  FundingProposalDraft
>;
export type BenefitRepository = Repository<Benefit, BenefitId, BenefitDraft>;
export type BenefitMeasurementRepository = Repository<
  BenefitMeasurement,
  BenefitMeasurementId,
  BenefitMeasurementDraft
>;
export type StatusReportRepository = Repository<StatusReport, StatusReportId, StatusReportDraft>;
export type ActionPlanRepository = Repository<ActionPlan, ActionPlanId, ActionPlanDraft>;
export type BarrierRepository = Repository<Barrier, BarrierId, BarrierDraft>;
export type LearningLogRepository = Repository<LearningEntry, LearningEntryId, LearningEntryDraft>;
export type SettingRepository = Repository<Setting, SettingId, SettingDraft>;
export type PersonalItemRepository = Repository<PersonalItem, PersonalItemId, PersonalItemDraft>;
/** Reports to Direktørforum and the evaluation, as snapshots (one or more items per report). */
export type PortfolioReportRepository = Repository<
  PortfolioReportItem,
  PortfolioReportId,
  PortfolioReportDraft
>;

/** An initiative written together with its budget lines. */
export interface InitiativeWithBudget {
  initiative: Initiative;
  /** One result per budget line given, in order. */
  budgetLines: PartResult<BudgetLine>[];
}

/** A property of an initiative a view may ask for (its own fields and the audit fields). */
export type InitiativeField = Exclude<keyof Initiative, "id" | "version">;

/**
 * An initiative read for one view: only the properties asked for, plus `id` and `version`
 * (always read, so a row can be opened and updated). Unasked properties are absent from the
 * type; at run time they are either absent or carry the stored value (a property the query's
 * `where`, `orderBy` or `search` needs is read too) — never a made-up default.
 */
export type InitiativeSlice<K extends InitiativeField> = Pick<Initiative, K | "id" | "version">;

/** A list query that reads only the properties a view shows (a narrow `$select`). */
export interface InitiativeFieldsQuery<K extends InitiativeField> extends ListQuery<
  InitiativeDraft,
  Initiative
> {
  /**
   * The properties to read, e.g. the portfolio overview's columns. People and lookups among
   * them are expanded; nothing else is. An empty list reads only `id` and `version`.
   * A slice is for showing; to update, read the whole initiative with `get`.
   */
  fields: readonly K[];
}

export interface InitiativeRepository extends Repository<
  Initiative,
  InitiativeId,
  InitiativeDraft
> {
  /** Every initiative matching the query, with only the properties in `query.fields`. */
  list<K extends InitiativeField>(query: InitiativeFieldsQuery<K>): Promise<InitiativeSlice<K>[]>;
  /** Every initiative matching the query, with all its properties. */
  list(query?: ListQuery<InitiativeDraft, Initiative>): Promise<Initiative[]>;
  /**
   * Adds an initiative and then its budget lines in one batch. Everything is validated
   * before anything is written; a failing budget line fails alone and is reported.
   */
  addWithBudget(
    draft: InitiativeDraft,
    lines: readonly Omit<BudgetLineDraft, "initiative">[],
  ): Promise<InitiativeWithBudget>;
}

/** Every list's repository. */
export interface Repositories {
  areas: AreaRepository;
  strategyGoals: StrategyGoalRepository;
  initiatives: InitiativeRepository;
  budgetLines: BudgetLineRepository;
  budgetFrames: BudgetFrameRepository;
  /** The history of the frames: each change with its reason. */
  budgetFrameChanges: BudgetFrameChangeRepository;
  phaseChanges: PhaseChangeRepository;
  comments: CommentRepository;
  criteria: CriterionRepository;
  comparisons: ComparisonRepository;
  weightSets: WeightSetRepository;
  rounds: RoundRepository;
  ballots: BallotRepository;
  scenarios: ScenarioRepository;
  meetings: MeetingRepository;
  minutesApprovals: MinutesApprovalRepository;
  agendaItems: AgendaItemRepository;
  decisions: DecisionRepository;
  actions: FollowUpActionRepository;
  resources: ResourceRepository;
  allocations: AllocationRepository;
  resourceRequests: ResourceRequestRepository;
  fundingProposals: FundingProposalRepository;
  benefits: BenefitRepository;
  benefitMeasurements: BenefitMeasurementRepository;
  statusReports: StatusReportRepository;
  actionPlans: ActionPlanRepository;
  barriers: BarrierRepository;
  learningLog: LearningLogRepository;
  settings: SettingRepository;
  /** The signed-in user's own saved views and drafts (item-level security). */
  personalItems: PersonalItemRepository;
  portfolioReports: PortfolioReportRepository;
}
