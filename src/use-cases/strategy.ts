/**
 * Strategi: the strategy goals, the areas' action plans, the barrier register, the needs
 * analyses under way and the learning log, with the portfolio grouped by goal; and saving each
 * of them. Who may write what is the domain's rule (strategy-view.ts) and the lists' own
 * permissions; each save is checked by the entity's rules first, and writes at the version read.
 */
import type { Clock } from "../domain/clock.js";
import type { Ref } from "../domain/common.js";
import type {
  ActionPlanId,
  BarrierId,
  InitiativeId,
  LearningEntryId,
  StrategyGoalId,
  Version,
} from "../domain/ids.js";
import type { Area, Initiative, StrategyGoal, StrategyGoalDraft } from "../domain/portfolio.js";
import { validateStrategyGoal } from "../domain/portfolio.js";
import { type Problem, problem } from "../domain/problems.js";
import type { Me } from "../domain/roles.js";
import {
  type ActionPlan,
  type ActionPlanDraft,
  type Barrier,
  type BarrierDraft,
  type LearningEntry,
  type LearningEntryDraft,
  validateActionPlan,
  validateBarrier,
  validateLearningEntry,
} from "../domain/strategy.js";
import {
  barriersBlocking,
  type GoalSummary,
  mayEditStrategyGoals,
  mayEditStrategyWork,
  needsAnalyses,
  type NeedsAnalysis,
  needsAnalysisCandidates,
  portfolioByGoal,
} from "../domain/strategy-view.js";
import type { Validation } from "../domain/validation.js";
import type { Repositories } from "../ports/repositories.js";

export interface StrategyPage {
  goals: StrategyGoal[];
  actionPlans: ActionPlan[];
  barriers: Barrier[];
  learning: LearningEntry[];
  byGoal: GoalSummary[];
  needsAnalyses: NeedsAnalysis[];
  /** Ideas a needs analysis can be started for. */
  ideas: Pick<Initiative, "id" | "title">[];
  /** Every initiative, for linking plans and barriers. */
  initiatives: Ref<InitiativeId>[];
  areas: Pick<Area, "id" | "title">[];
}

/** Everything the Strategi page shows. */
export async function loadStrategy(
  repositories: Repositories,
  clock: Clock,
): Promise<StrategyPage> {
  const r = repositories;
  const [goals, actionPlans, barriers, learning, initiatives, budgetLines, areas] =
    await Promise.all([
      r.strategyGoals.list(),
      r.actionPlans.list(),
      r.barriers.list(),
      r.learningLog.list({ orderBy: [{ field: "eventDate", descending: true }] }),
      r.initiatives.list({ fields: ["title", "phase", "strategyGoal", "owner"] }),
      r.budgetLines.list(),
      r.areas.list(),
    ]);
  const analysing = initiatives.filter((i) => i.phase === "Behovsanalyse").map((i) => i.id);
  const phaseChanges =
    analysing.length === 0 ? [] : await r.phaseChanges.list({ where: { initiative: analysing } });
  return {
    goals: [...goals].sort((a, b) => (a.sortOrder ?? 1e9) - (b.sortOrder ?? 1e9)),
    actionPlans,
    barriers,
    learning,
    byGoal: portfolioByGoal({ goals, initiatives, budgetLines, actionPlans, barriers }),
    needsAnalyses: needsAnalyses({ initiatives, phaseChanges, asOf: clock.now() }),
    ideas: needsAnalysisCandidates(initiatives).map((i) => ({ id: i.id, title: i.title })),
    initiatives: initiatives
      .map((i) => ({ id: i.id, title: i.title }))
      .sort((a, b) => a.title.localeCompare(b.title, "da")),
    areas: areas.map((a) => ({ id: a.id, title: a.title })),
  };
}

/** The open barriers blocking one initiative (its page shows them). */
export async function barriersOf(
  repositories: Repositories,
  initiative: InitiativeId,
): Promise<Barrier[]> {
  // Blocks is a multi-lookup; the register is small, so it is read whole and filtered here.
  return barriersBlocking(initiative, await repositories.barriers.list());
}

export type SaveResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

function checked(v: Validation): Problem[] {
  return v.ok ? [] : v.problems;
}

async function save(
  allowed: boolean,
  validation: Validation,
  write: () => Promise<unknown>,
): Promise<SaveResult<null>> {
  if (!allowed) return { ok: false, problems: [problem("strategy.problem.notAllowed")] };
  const problems = checked(validation);
  if (problems.length > 0) return { ok: false, problems };
  await write();
  return { ok: true, value: null };
}

/** An entity to save: a new one (no id) or an update at the version read. */
export type Edit<D, I> = D & { id?: I; version?: Version };

function split<D, I>(edit: Edit<D, I>): { draft: D; at: { id: I; version: Version } | null } {
  const { id, version, ...draft } = edit;
  return {
    draft: draft as D,
    at: id !== undefined && version !== undefined ? { id, version } : null,
  };
}

export function saveGoal(
  r: Repositories,
  me: Pick<Me, "roles">,
  edit: Edit<StrategyGoalDraft, StrategyGoalId>,
): Promise<SaveResult<null>> {
  const { draft, at } = split(edit);
  return save(mayEditStrategyGoals(me), validateStrategyGoal(draft), () =>
    at ? r.strategyGoals.update({ ...draft, ...at }) : r.strategyGoals.add(draft),
  );
}

export function saveActionPlan(
  r: Repositories,
  me: Pick<Me, "roles">,
  edit: Edit<ActionPlanDraft, ActionPlanId>,
): Promise<SaveResult<null>> {
  const { draft, at } = split(edit);
  return save(mayEditStrategyWork(me), validateActionPlan(draft), () =>
    at ? r.actionPlans.update({ ...draft, ...at }) : r.actionPlans.add(draft),
  );
}

export function saveBarrier(
  r: Repositories,
  me: Pick<Me, "roles">,
  edit: Edit<BarrierDraft, BarrierId>,
): Promise<SaveResult<null>> {
  const { draft, at } = split(edit);
  return save(mayEditStrategyWork(me), validateBarrier(draft), () =>
    at ? r.barriers.update({ ...draft, ...at }) : r.barriers.add(draft),
  );
}

export function saveLearningEntry(
  r: Repositories,
  me: Pick<Me, "roles">,
  edit: Edit<LearningEntryDraft, LearningEntryId>,
): Promise<SaveResult<null>> {
  const { draft, at } = split(edit);
  return save(mayEditStrategyWork(me), validateLearningEntry(draft), () =>
    at ? r.learningLog.update({ ...draft, ...at }) : r.learningLog.add(draft),
  );
}
