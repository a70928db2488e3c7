/**
 * The whole data model of Digistyr as SharePoint lists: one JSON file per list, validated by
 * `list.schema.json` (see tests/unit/lists-schema.test.ts). The single source of truth for
 * provisioning, the adapters' field maps and the local server's test fixtures.
 */
import actionPlans from "./ActionPlans.json" with { type: "json" };
import actions from "./Actions.json" with { type: "json" };
import agendaItems from "./AgendaItems.json" with { type: "json" };
import allocations from "./Allocations.json" with { type: "json" };
import areas from "./Areas.json" with { type: "json" };
import ballots from "./Ballots.json" with { type: "json" };
import barriers from "./Barriers.json" with { type: "json" };
import benefitMeasurements from "./BenefitMeasurements.json" with { type: "json" };
import benefits from "./Benefits.json" with { type: "json" };
import budgetFrameChanges from "./BudgetFrameChanges.json" with { type: "json" };
import budgetFrames from "./BudgetFrames.json" with { type: "json" };
import budgetLines from "./BudgetLines.json" with { type: "json" };
import comments from "./Comments.json" with { type: "json" };
import comparisons from "./Comparisons.json" with { type: "json" };
import criteria from "./Criteria.json" with { type: "json" };
import decisions from "./Decisions.json" with { type: "json" };
import fundingProposals from "./FundingProposals.json" with { type: "json" };
import initiatives from "./Initiatives.json" with { type: "json" };
import learningLog from "./LearningLog.json" with { type: "json" };
import meetings from "./Meetings.json" with { type: "json" };
import minutesApprovals from "./MinutesApprovals.json" with { type: "json" };
import personalItems from "./PersonalItems.json" with { type: "json" };
import phaseChanges from "./PhaseChanges.json" with { type: "json" };
import portfolioReports from "./PortfolioReports.json" with { type: "json" };
import resourceRequests from "./ResourceRequests.json" with { type: "json" };
import resources from "./Resources.json" with { type: "json" };
import rounds from "./Rounds.json" with { type: "json" };
import scenarios from "./Scenarios.json" with { type: "json" };
import settings from "./Settings.json" with { type: "json" };
import statusReports from "./StatusReports.json" with { type: "json" };
import strategyGoals from "./StrategyGoals.json" with { type: "json" };
import type { ListSchema } from "./types.js";
import weightSets from "./WeightSets.json" with { type: "json" };

export type { FieldSchema, FieldType, ListSchema, SiteGroupName } from "./types.js";

/**
 * Every list, ordered so that each lookup's target list comes before the lists that point at
 * it (self-lookups such as Initiatives.Requires excepted): provisioning creates them in this
 * order. JSON imports widen literal types, so the files are typed here; the unit test
 * validates each file against list.schema.json, which mirrors the type.
 */
export const listSchemas: readonly ListSchema[] = [
  areas,
  strategyGoals,
  initiatives,
  budgetLines,
  budgetFrames,
  budgetFrameChanges,
  meetings,
  minutesApprovals,
  fundingProposals,
  benefits,
  agendaItems,
  decisions,
  phaseChanges,
  comments,
  criteria,
  weightSets,
  comparisons,
  rounds,
  ballots,
  scenarios,
  actions,
  resources,
  resourceRequests,
  allocations,
  benefitMeasurements,
  statusReports,
  actionPlans,
  barriers,
  learningLog,
  settings,
  personalItems,
  portfolioReports,
] as unknown[] as ListSchema[];

/** The list with this internal name; throws on an unknown name (a programming error). */
export function listSchema(name: string): ListSchema {
  const found = listSchemas.find((l) => l.name === name);
  if (!found) throw new Error(`Unknown list "${name}" in lists-schema`);
  return found;
}
