/**
 * Strategi: the portfolio seen from the municipality's digitalization strategy — what each goal
 * holds (initiatives, money, benefits), the needs analyses under way, and the barriers that
 * block initiatives.
 *
 * Needs analyses reuse the lifecycle: a needs analysis is an initiative in the phase
 * "Behovsanalyse". The committee starts one by moving an idea into that phase (a recorded phase
 * change, as every phase is set), and follows it up from the date it entered the phase.
 */
import type { IsoDateTime, Person, Ref } from "./common.js";
import type { InitiativeId, StrategyGoalId } from "./ids.js";
import type { BudgetLine, Initiative, PhaseChange, StrategyGoal } from "./portfolio.js";
import type { Me } from "./roles.js";
import type { ActionPlan, Barrier } from "./strategy.js";
import type { BarrierState } from "./vocabulary.js";

/** Barriers still in the way: identified or being handled. */
export const OPEN_BARRIER_STATES: readonly BarrierState[] = ["Identificeret", "Under håndtering"];

export function isOpenBarrier(b: Pick<Barrier, "state">): boolean {
  return OPEN_BARRIER_STATES.includes(b.state);
}

/** The open barriers that block an initiative (a solved or accepted barrier blocks nothing). */
export function barriersBlocking<B extends Pick<Barrier, "state" | "blocks">>(
  initiative: InitiativeId,
  barriers: readonly B[],
): B[] {
  return barriers.filter((b) => isOpenBarrier(b) && b.blocks.some((r) => r.id === initiative));
}

/**
 * Who writes the strategy: goals are the chair's and the secretariat's (StrategyGoals);
 * action plans, barriers and the learning log every committee member's.
 */
export function mayEditStrategyGoals(me: Pick<Me, "roles">): boolean {
  return me.roles.includes("chair") || me.roles.includes("secretary");
}
export function mayEditStrategyWork(me: Pick<Me, "roles">): boolean {
  return me.roles.some((r) => r === "member" || r === "chair" || r === "secretary");
}

/** Initiatives no longer in the portfolio. */
const OUT_OF_PORTFOLIO = new Set<Initiative["phase"]>(["Afvist"]);

export interface GoalSummary {
  /** null: the initiatives without a goal. */
  goal: Pick<StrategyGoal, "id" | "title"> | null;
  initiatives: Pick<Initiative, "id" | "title" | "phase">[];
  count: number;
  /** Anlæg + Drift over every year, whole kroner. */
  cost: number;
  /** Gevinst over every year, whole kroner. */
  benefits: number;
  actionPlans: number;
  openBarriers: number;
}

/**
 * The portfolio grouped by goal, in the goals' order, with a last group for the initiatives
 * without a goal (only when there are some). Rejected initiatives are not counted; an initiative
 * whose goal is not among `goals` counts as without a goal.
 */
export function portfolioByGoal(input: {
  goals: readonly Pick<StrategyGoal, "id" | "title" | "sortOrder">[];
  initiatives: readonly Pick<Initiative, "id" | "title" | "phase" | "strategyGoal">[];
  budgetLines: readonly Pick<BudgetLine, "initiative" | "kind" | "amount">[];
  actionPlans: readonly Pick<ActionPlan, "goal">[];
  barriers: readonly Pick<Barrier, "state" | "blocks">[];
}): GoalSummary[] {
  const goals = [...input.goals].sort(
    (a, b) =>
      (a.sortOrder ?? Number.MAX_SAFE_INTEGER) - (b.sortOrder ?? Number.MAX_SAFE_INTEGER) ||
      a.title.localeCompare(b.title, "da"),
  );
  const known = new Set(goals.map((g) => g.id));
  const money = new Map<InitiativeId, { cost: number; benefits: number }>();
  for (const l of input.budgetLines) {
    if (!l.initiative || l.amount === null) continue;
    const m = money.get(l.initiative.id) ?? { cost: 0, benefits: 0 };
    if (l.kind === "Gevinst") m.benefits += l.amount;
    else m.cost += l.amount;
    money.set(l.initiative.id, m);
  }
  const inPortfolio = input.initiatives.filter((i) => !OUT_OF_PORTFOLIO.has(i.phase));
  const summary = (
    goal: Pick<StrategyGoal, "id" | "title"> | null,
    members: typeof inPortfolio,
  ): GoalSummary => {
    const ids = new Set(members.map((i) => i.id));
    return {
      goal,
      initiatives: members
        .map((i) => ({ id: i.id, title: i.title, phase: i.phase }))
        .sort((a, b) => a.title.localeCompare(b.title, "da")),
      count: members.length,
      cost: members.reduce((s, i) => s + (money.get(i.id)?.cost ?? 0), 0),
      benefits: members.reduce((s, i) => s + (money.get(i.id)?.benefits ?? 0), 0),
      actionPlans: goal ? input.actionPlans.filter((p) => p.goal?.id === goal.id).length : 0,
      openBarriers: input.barriers.filter(
        (b) => isOpenBarrier(b) && b.blocks.some((r) => ids.has(r.id)),
      ).length,
    };
  };
  const groups = goals.map((g) =>
    summary(
      { id: g.id, title: g.title },
      inPortfolio.filter((i) => i.strategyGoal?.id === g.id),
    ),
  );
  const without = inPortfolio.filter(
    (i) => i.strategyGoal === null || !known.has(i.strategyGoal.id),
  );
  if (without.length > 0) groups.push(summary(null, without));
  return groups;
}

/** A needs analysis is followed up when it has been in the phase this long. */
export const NEEDS_ANALYSIS_FOLLOW_UP_DAYS = 90;

const DAY_MS = 86_400_000;

export interface NeedsAnalysis {
  initiative: Pick<Initiative, "id" | "title" | "owner">;
  goal: Ref<StrategyGoalId> | null;
  /** When it entered Behovsanalyse (the latest recorded change to it); null if not recorded. */
  startedAt: IsoDateTime | null;
  /** Whole days in the phase at `asOf`; null when the start is not recorded. */
  days: number | null;
  /** In the phase for `NEEDS_ANALYSIS_FOLLOW_UP_DAYS` or more: to be followed up. */
  followUpDue: boolean;
  owner: Person | null;
}

/**
 * The needs analyses under way (initiatives in Behovsanalyse), the longest running first, each
 * with when it started from the recorded phase changes.
 */
export function needsAnalyses(input: {
  initiatives: readonly Pick<Initiative, "id" | "title" | "phase" | "owner" | "strategyGoal">[];
  /** The recorded changes; when a change happened is the server's Created, not `changedAt`. */
  phaseChanges: readonly Pick<PhaseChange, "initiative" | "toPhase" | "created" | "gate">[];
  asOf: Date;
}): NeedsAnalysis[] {
  const out: NeedsAnalysis[] = input.initiatives
    .filter((i) => i.phase === "Behovsanalyse")
    .map((i) => {
      const starts = input.phaseChanges
        .filter(
          (c) =>
            c.initiative?.id === i.id &&
            c.toPhase === "Behovsanalyse" &&
            (c.gate === undefined || c.gate === "Fase"),
        )
        .map((c) => c.created)
        .sort();
      const startedAt = starts.at(-1) ?? null;
      const days =
        startedAt === null
          ? null
          : Math.max(0, Math.floor((input.asOf.getTime() - Date.parse(startedAt)) / DAY_MS));
      return {
        initiative: { id: i.id, title: i.title, owner: i.owner },
        goal: i.strategyGoal,
        startedAt,
        days,
        followUpDue: days !== null && days >= NEEDS_ANALYSIS_FOLLOW_UP_DAYS,
        owner: i.owner,
      };
    });
  return out.sort(
    (a, b) =>
      (b.days ?? -1) - (a.days ?? -1) || a.initiative.title.localeCompare(b.initiative.title, "da"),
  );
}

/** Ideas the committee can start a needs analysis for (moving them into Behovsanalyse). */
export function needsAnalysisCandidates<I extends Pick<Initiative, "phase">>(
  initiatives: readonly I[],
): I[] {
  return initiatives.filter((i) => i.phase === "Idé");
}
