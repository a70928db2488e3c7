/**
 * Identifiers of stored entities. SharePoint item ids are plain integers per list, so an
 * initiative's id 7 and a meeting's id 7 are different things: the brand keeps them from being
 * mixed up at compile time. Brands cost nothing at run time.
 */
declare const brand: unique symbol;

export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type InitiativeId = Brand<number, "InitiativeId">;
export type AreaId = Brand<number, "AreaId">;
export type BudgetLineId = Brand<number, "BudgetLineId">;
export type BudgetFrameId = Brand<number, "BudgetFrameId">;
export type BudgetFrameChangeId = Brand<number, "BudgetFrameChangeId">;
export type PhaseChangeId = Brand<number, "PhaseChangeId">;
export type CommentId = Brand<number, "CommentId">;
export type CriterionId = Brand<number, "CriterionId">;
export type ComparisonId = Brand<number, "ComparisonId">;
export type WeightSetId = Brand<number, "WeightSetId">;
export type RoundId = Brand<number, "RoundId">;
export type BallotId = Brand<number, "BallotId">;
export type ScenarioId = Brand<number, "ScenarioId">;
export type MeetingId = Brand<number, "MeetingId">;
export type MinutesApprovalId = Brand<number, "MinutesApprovalId">;
export type AgendaItemId = Brand<number, "AgendaItemId">;
export type DecisionId = Brand<number, "DecisionId">;
export type ActionId = Brand<number, "ActionId">;
export type ResourceId = Brand<number, "ResourceId">;
export type AllocationId = Brand<number, "AllocationId">;
export type FundingProposalId = Brand<number, "FundingProposalId">;
export type BenefitId = Brand<number, "BenefitId">;
export type BenefitMeasurementId = Brand<number, "BenefitMeasurementId">;
export type StatusReportId = Brand<number, "StatusReportId">;
export type StrategyGoalId = Brand<number, "StrategyGoalId">;
export type ActionPlanId = Brand<number, "ActionPlanId">;
export type BarrierId = Brand<number, "BarrierId">;
export type SettingId = Brand<number, "SettingId">;
export type ResourceRequestId = Brand<number, "ResourceRequestId">;
export type LearningEntryId = Brand<number, "LearningEntryId">;
export type PersonalItemId = Brand<number, "PersonalItemId">;
export type PortfolioReportId = Brand<number, "PortfolioReportId">;
/** A site user's id (SharePoint's SP.User.Id on the portfolio site). */
export type PersonId = Brand<number, "PersonId">;

/**
 * An opaque version of a stored entity (SharePoint's ETag, e.g. `"3"`). Updates and deletes
 * hand it back so the store can refuse a write based on a stale read.
 */
export type Version = Brand<string, "Version">;

/** Brands a raw id; only adapters and test builders should need this. */
export function idOf<I extends Brand<number, string>>(n: number): I {
  return n as I;
}

export function versionOf(etag: string): Version {
  return etag as Version;
}
