/**
 * `SpInitiativeRepository` and the factory of every list's repository on one site.
 */
import type { BudgetLineId, InitiativeId } from "../../domain/ids.js";
import type {
  BudgetLine,
  BudgetLineDraft,
  Initiative,
  InitiativeDraft,
} from "../../domain/portfolio.js";
import type {
  InitiativeField,
  InitiativeFieldsQuery,
  InitiativeRepository,
  InitiativeSlice,
  InitiativeWithBudget,
  Repositories,
} from "../../ports/repositories.js";
import type { ListQuery } from "../../ports/repository.js";
import { SpBallotRepository } from "./ballots.js";
import {
  actionAdapter,
  actionPlanAdapter,
  agendaItemAdapter,
  allocationAdapter,
  areaAdapter,
  barrierAdapter,
  benefitAdapter,
  benefitMeasurementAdapter,
  budgetFrameAdapter,
  budgetFrameChangeAdapter,
  budgetLineAdapter,
  commentAdapter,
  comparisonAdapter,
  criterionAdapter,
  decisionAdapter,
  fundingProposalAdapter,
  initiativeAdapter,
  learningLogAdapter,
  meetingAdapter,
  minutesApprovalAdapter,
  personalItemAdapter,
  phaseChangeAdapter,
  portfolioReportAdapter,
  resourceAdapter,
  resourceRequestAdapter,
  roundAdapter,
  scenarioAdapter,
  settingAdapter,
  statusReportAdapter,
  strategyGoalAdapter,
  weightSetAdapter,
} from "./maps.js";
import { assertValid, SpListRepository } from "./repository.js";
import type { SpSite } from "./sp.js";

/** Initiatives (Tiltag), with the initiative-plus-budget write. */
export class SpInitiativeRepository
  extends SpListRepository<Initiative, InitiativeId, InitiativeDraft>
  implements InitiativeRepository
{
  private readonly budgetLines: SpListRepository<BudgetLine, BudgetLineId, BudgetLineDraft>;

  constructor(site: SpSite) {
    super(site, initiativeAdapter);
    this.budgetLines = new SpListRepository(site, budgetLineAdapter);
  }

  override list<K extends InitiativeField>(
    query: InitiativeFieldsQuery<K>,
  ): Promise<InitiativeSlice<K>[]>;
  override list(query?: ListQuery<InitiativeDraft, Initiative>): Promise<Initiative[]>;
  override list(
    query: ListQuery<InitiativeDraft, Initiative> & { fields?: readonly InitiativeField[] } = {},
  ): Promise<unknown[]> {
    const { fields, ...rest } = query;
    return fields === undefined ? super.list(rest) : this.listFields(rest, fields);
  }

  async addWithBudget(
    draft: InitiativeDraft,
    lines: readonly Omit<BudgetLineDraft, "initiative">[],
  ): Promise<InitiativeWithBudget> {
    // Validate everything before anything is written. The initiative's own lookup is filled
    // in after it exists, so it is checked with a placeholder reference.
    assertValid(initiativeAdapter.validate(draft), initiativeAdapter.noun);
    const placeholder = { id: 0 as InitiativeId, title: draft.title };
    for (const line of lines) {
      assertValid(
        budgetLineAdapter.validate({ ...line, initiative: placeholder }),
        budgetLineAdapter.noun,
      );
    }
    const initiative = await this.add(draft);
    const ref = { id: initiative.id, title: initiative.title };
    const budgetLines = await this.budgetLines.addMany(
      lines.map((line) => ({ ...line, initiative: ref })),
    );
    return { initiative, budgetLines };
  }
}

/** Every list's repository for one site. */
export function createSpRepositories(site: SpSite): Repositories {
  return {
    areas: new SpListRepository(site, areaAdapter),
    strategyGoals: new SpListRepository(site, strategyGoalAdapter),
    initiatives: new SpInitiativeRepository(site),
    budgetLines: new SpListRepository(site, budgetLineAdapter),
    budgetFrames: new SpListRepository(site, budgetFrameAdapter),
    budgetFrameChanges: new SpListRepository(site, budgetFrameChangeAdapter),
    phaseChanges: new SpListRepository(site, phaseChangeAdapter),
    comments: new SpListRepository(site, commentAdapter),
    criteria: new SpListRepository(site, criterionAdapter),
    comparisons: new SpListRepository(site, comparisonAdapter),
    weightSets: new SpListRepository(site, weightSetAdapter),
    rounds: new SpListRepository(site, roundAdapter),
    ballots: new SpBallotRepository(site),
    scenarios: new SpListRepository(site, scenarioAdapter),
    meetings: new SpListRepository(site, meetingAdapter),
    minutesApprovals: new SpListRepository(site, minutesApprovalAdapter),
    agendaItems: new SpListRepository(site, agendaItemAdapter),
    decisions: new SpListRepository(site, decisionAdapter),
    actions: new SpListRepository(site, actionAdapter),
    resources: new SpListRepository(site, resourceAdapter),
    allocations: new SpListRepository(site, allocationAdapter),
    resourceRequests: new SpListRepository(site, resourceRequestAdapter),
    fundingProposals: new SpListRepository(site, fundingProposalAdapter),
    benefits: new SpListRepository(site, benefitAdapter),
    benefitMeasurements: new SpListRepository(site, benefitMeasurementAdapter),
    statusReports: new SpListRepository(site, statusReportAdapter),
    actionPlans: new SpListRepository(site, actionPlanAdapter),
    barriers: new SpListRepository(site, barrierAdapter),
    learningLog: new SpListRepository(site, learningLogAdapter),
    settings: new SpListRepository(site, settingAdapter),
    personalItems: new SpListRepository(site, personalItemAdapter),
    portfolioReports: new SpListRepository(site, portfolioReportAdapter),
  };
}
