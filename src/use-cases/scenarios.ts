/**
 * Scenarios and the optimizer (issue 5 §3): builds the selection model's input from the stores,
 * solves it through the `PortfolioSolver` port, explains what was left out, draws the efficient
 * frontier, saves scenarios and commits one as the committee's decision.
 *
 * Where the numbers come from:
 * - Candidates: a closed round's candidates valued by their share of the result stored when
 *   the round was closed, in percent (only checked ballots count), or, without a round, the initiatives in
 *   Klar til prioritering valued by their priority score (0 when none is set). A Samtykke round
 *   counts objections, not priority, so its candidates are valued by priority score too.
 * - Costs: each candidate's BudgetLines per year and kind (Gevinst lines are savings and never
 *   enter a frame).
 * - Hours: each candidate's Allocations per competence (the allocation's, else its resource's
 *   first) and month (`2026-03`). Where a candidate has no allocation for a competence, its open
 *   ResourceRequests for it (Anmodet) count instead: their hours spread evenly over the
 *   months from Behov fra to Behov til (all in Behov fra's month without an end; a request with
 *   no start has no period and is left out).
 * - Frames: the BudgetFrames, minus the BudgetLines of ongoing initiatives (ONGOING_PHASES) that
 *   are not candidates.
 * - Capacity: per competence and month that a candidate needs, the capacity the heatmap shows
 *   (`competenceLoad`: the active Resources' monthly capacity after absence, a person with
 *   several competences split evenly between them) minus the hours ongoing initiatives already
 *   have allocated there (`capacityLeft`), never below 0.
 * - Mandatory candidates and candidates already in an ongoing phase are forced in.
 * - Dependencies, from the Initiatives list's Forudsætter (Requires) and Udelukker (Excludes):
 *   requires/excludes between candidates become rows; a requirement met by an ongoing initiative
 *   is dropped; a candidate requiring one that is neither a candidate nor ongoing, or excluding
 *   an ongoing one, is forced out with the reason. All-or-none: candidates that require each
 *   other (directly or around a cycle) form a group selected entirely or not at all
 *   (`dependenciesFrom`); that is how the list expresses all-or-none, with no field of its own.
 */
import type { Clock } from "../domain/clock.js";
import { ok, type Ref } from "../domain/common.js";
import { StoreError } from "../domain/errors.js";
import { efficientFrontier, type Frontier } from "../domain/frontier.js";
import type { DecisionId, InitiativeId, MeetingId, RoundId } from "../domain/ids.js";
import {
  planTransition,
  type TransitionFacts,
  type TransitionRefusal,
} from "../domain/lifecycle.js";
import type { Decision, Meeting } from "../domain/meetings.js";
import type { Initiative } from "../domain/portfolio.js";
import type { ForcedChoice, Round, Scenario, ScenarioDraft } from "../domain/prioritization.js";
import { type Outcome, type Problem, refuse } from "../domain/problems.js";
import {
  capacityLeft,
  cellAt,
  competenceLoad,
  competenceOf,
  monthOf,
  monthsBetween,
} from "../domain/resources-capacity.js";
import { hasRole, type Me } from "../domain/roles.js";
import {
  buildSelectionModel,
  type CandidateCost,
  type CandidateHours,
  type ConstraintRow,
  dependenciesFrom,
  explainInfeasibility,
  type Forced,
  type FrameOverrun,
  frameOverruns,
  lhs,
  selectedIds,
  type SelectionCandidate,
  type SelectionInput,
  type SelectionModel,
  type SolveOutcome,
  type WhyNot,
  whyNotSelected,
  withForcedFixed,
} from "../domain/selection.js";
import { readStoredResult } from "../domain/tally.js";
import { COMPETENCES, type Phase } from "../domain/vocabulary.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import type { PortfolioSolver, SolveOptions } from "../ports/solver.js";
import { changePhase, loadTransitionFacts } from "./phase-change.js";

/** Initiatives whose money and hours are already bound. */
export const ONGOING_PHASES: readonly Phase[] = [
  "Prioriteret",
  "Planlægning",
  "Gennemførelse",
  "I drift",
  "Gevinstopfølgning",
];

const CANDIDATE_PHASE: Phase = "Klar til prioritering";

export interface SelectionBase {
  /** The model's input without the user's forced choices. */
  input: SelectionInput;
  /** The candidates' initiatives, in the input's order. */
  initiatives: Initiative[];
  /** The closed round the values come from, or null (priority scores). */
  round: Round | null;
  valueSource: "round" | "priorityScore";
}

/** The closed rounds a scenario can take its values from, newest first. */
export async function closedRounds(repositories: Repositories): Promise<Round[]> {
  const rounds = await repositories.rounds.list({ where: { state: "Lukket" } });
  return rounds.sort((a, b) => (b.closes ?? b.modified).localeCompare(a.closes ?? a.modified));
}

/**
 * A closed round's values: each candidate's share in the result stored at close (the ballots
 * that counted then, checked; see closeRound). Null for a Samtykke round or a round without a
 * readable stored result.
 */
function roundValues(round: Round): Map<InitiativeId, number> | null {
  if (round.method === "Samtykke") return null;
  const stored = readStoredResult(round);
  if (!stored.ok) return null;
  return new Map(stored.result.candidates.map((c) => [c.candidate, c.share]));
}

/** Reads the stores and builds the selection input (see the module comment). */
export async function loadSelectionBase(
  repositories: Repositories,
  options: { round?: RoundId | null } = {},
): Promise<SelectionBase> {
  const round = options.round ? await repositories.rounds.get(options.round) : null;
  const [all, lines, frames, allocations, resources, requests, values] = await Promise.all([
    repositories.initiatives.list(),
    repositories.budgetLines.list(),
    repositories.budgetFrames.list(),
    repositories.allocations.list(),
    repositories.resources.list(),
    repositories.resourceRequests.list({ where: { state: "Anmodet" } }),
    Promise.resolve(round ? roundValues(round) : null),
  ]);
  const byId = new Map(all.map((i) => [i.id, i]));
  const initiatives = round
    ? round.candidates.flatMap((c) => {
        const i = byId.get(c.id);
        return i ? [i] : [];
      })
    : all.filter((i) => i.phase === CANDIDATE_PHASE);
  const isCandidate = new Set(initiatives.map((i) => i.id));
  const ongoing = (id: InitiativeId): boolean => {
    const i = byId.get(id);
    return !!i && !isCandidate.has(id) && ONGOING_PHASES.includes(i.phase);
  };

  const resourceById = new Map(resources.map((r) => [r.id, r]));

  const costs = new Map<InitiativeId, CandidateCost[]>();
  const committedBy = new Map<string, CandidateCost>();
  for (const l of lines) {
    if (!l.initiative || l.kind === "Gevinst" || !l.amount) continue;
    const id = l.initiative.id;
    if (isCandidate.has(id)) {
      const list = costs.get(id) ?? [];
      const same = list.find((c) => c.year === l.year && c.kind === l.kind);
      if (same) same.amount += l.amount;
      else list.push({ year: l.year, kind: l.kind, amount: l.amount });
      costs.set(id, list);
    } else if (ongoing(id)) {
      const k = `${l.year}|${l.kind}`;
      const prev = committedBy.get(k);
      committedBy.set(k, { year: l.year, kind: l.kind, amount: (prev?.amount ?? 0) + l.amount });
    }
  }

  const hours = new Map<InitiativeId, CandidateHours[]>();
  for (const a of allocations) {
    const competence = competenceOf(a, resourceById);
    if (!a.initiative || !competence || !a.hours) continue;
    const period = monthOf(a.month);
    const id = a.initiative.id;
    if (isCandidate.has(id)) {
      const list = hours.get(id) ?? [];
      const same = list.find((h) => h.competence === competence && h.period === period);
      if (same) same.hours += a.hours;
      else list.push({ competence, period, hours: a.hours });
      hours.set(id, list);
    }
  }

  const allocated = new Set(
    [...hours].flatMap(([id, list]) => list.map((h) => `${id}|${h.competence}`)),
  );
  for (const r of requests) {
    if (!r.initiative || !isCandidate.has(r.initiative.id) || !r.hours || !r.neededFrom) continue;
    const id = r.initiative.id;
    if (allocated.has(`${id}|${r.competence}`)) continue;
    const months = monthsBetween(r.neededFrom, r.neededTo ?? r.neededFrom);
    const list = hours.get(id) ?? [];
    for (const period of months) {
      const share = r.hours / months.length;
      const same = list.find((h) => h.competence === r.competence && h.period === period);
      if (same) same.hours += share;
      else list.push({ competence: r.competence, period, hours: share });
    }
    hours.set(id, list);
  }

  // The capacity rows are the heatmap's numbers (competenceLoad): each cell's capacity, less
  // what ongoing initiatives outside the candidates already have allocated there.
  const needed = new Map<string, CandidateHours>();
  for (const list of hours.values())
    for (const h of list) needed.set(`${h.competence}|${h.period}`, h);
  const load = competenceLoad(
    {
      resources,
      allocations,
      months: [...new Set([...needed.values()].map((h) => h.period))].sort(),
    },
    COMPETENCES,
  );
  const registered = new Set(
    resources.flatMap((r) => (r.active && r.capacityHoursPerMonth ? r.competences : [])),
  );
  const capacity: CandidateHours[] = [...needed.values()].flatMap((h) => {
    if (!registered.has(h.competence)) return [];
    const cell = cellAt(load, h.competence, h.period);
    if (!cell) return [];
    return [{ competence: h.competence, period: h.period, hours: capacityLeft(cell, ongoing) }];
  });

  const candidates: SelectionCandidate[] = initiatives.map((i) => ({
    id: i.id,
    title: i.title,
    value: values?.get(i.id) ?? i.priorityScore ?? 0,
    costs: costs.get(i.id) ?? [],
    hours: hours.get(i.id) ?? [],
    mandatory: i.mandatory,
    underWay: ONGOING_PHASES.includes(i.phase),
  }));

  const requires: [InitiativeId, InitiativeId][] = [];
  const excludes: [InitiativeId, InitiativeId][] = [];
  const forcedOut: Forced[] = [];
  const pairSeen = new Set<string>();
  for (const i of initiatives) {
    for (const r of i.requires) {
      if (isCandidate.has(r.id)) requires.push([i.id, r.id]);
      else if (!ongoing(r.id) && !forcedOut.some((f) => f.candidate === i.id))
        forcedOut.push({
          candidate: i.id,
          reason: `forudsætter ${byId.get(r.id)?.title ?? r.title}, som hverken er kandidat eller i gang`,
        });
    }
    for (const e of i.excludes) {
      if (isCandidate.has(e.id)) {
        const k = [i.id, e.id].sort((a, b) => a - b).join("|");
        if (!pairSeen.has(k)) {
          pairSeen.add(k);
          excludes.push([i.id, e.id]);
        }
      } else if (ongoing(e.id) && !forcedOut.some((f) => f.candidate === i.id))
        forcedOut.push({
          candidate: i.id,
          reason: `udelukker ${byId.get(e.id)?.title ?? e.title}, som er i gang`,
        });
    }
  }

  const dependencies = dependenciesFrom(requires);

  return {
    input: {
      candidates,
      frames: frames.flatMap((f) =>
        f.amount === null ? [] : [{ year: f.year, kind: f.kind, amount: f.amount }],
      ),
      committed: [...committedBy.values()],
      capacity,
      forcedOut,
      requires: dependencies.requires,
      excludes,
      groups: dependencies.groups,
    },
    initiatives,
    round,
    valueSource: values ? "round" : "priorityScore",
  };
}

/** The user's choices on top of the base: forced in or out, each with a reason. */
export interface UserChoices {
  forcedIn: readonly ForcedChoice[];
  forcedOut: readonly ForcedChoice[];
  /**
   * Optimise the free candidates within what is left of each frame, taking what must be in
   * (work under way, legal demands, forced in) as fixed (`withForcedFixed`): the way on when
   * work under way already exceeds a frame.
   */
  withinWhatIsLeft?: boolean;
}

export function modelFor(base: SelectionBase, choices: UserChoices): SelectionModel {
  const known = new Set(base.input.candidates.map((c) => c.id));
  const toForced = (f: ForcedChoice): Forced[] =>
    known.has(f.initiative) ? [{ candidate: f.initiative, reason: f.reason }] : [];
  return buildSelectionModel({
    ...base.input,
    forcedIn: choices.forcedIn.flatMap(toForced),
    forcedOut: [...(base.input.forcedOut ?? []), ...choices.forcedOut.flatMap(toForced)],
  });
}

export interface RowTotal {
  row: string;
  kind: ConstraintRow["kind"];
  unit: ConstraintRow["unit"];
  used: number;
  limit: number;
}

export interface ScenarioRun {
  /** The model solved (with what must be in fixed when `withinWhatIsLeft`). */
  model: SelectionModel;
  /**
   * The frames that what must be in already exceeds, and by how much (of the model before
   * fixing). Not empty and not `withinWhatIsLeft`: the run is infeasible, and the ways on are
   * to optimise within what is left or to raise each frame to its `needed`.
   */
  overruns: FrameOverrun[];
  /** The free candidates were optimised within what is left of the frames. */
  withinWhatIsLeft: boolean;
  /** The overruns as problems (`scenarios.problem.frameExceeded`), for the UI to word. */
  problems: Problem[];
  outcome: SolveOutcome;
  selected: InitiativeId[];
  /** Budget and capacity rows: what the selection uses of each. */
  totals: RowTotal[];
  /** For each candidate left out: why (which rows bind, by how much). */
  whyNot: { candidate: InitiativeId; title: string; why: WhyNot }[];
  /** What the selection spends in the budget rows (kr.). */
  cost: number;
}

export async function runScenario(
  solver: PortfolioSolver,
  base: SelectionBase,
  choices: UserChoices,
  options: SolveOptions = {},
): Promise<ScenarioRun> {
  const full = modelFor(base, choices);
  const overruns = frameOverruns(full);
  const withinWhatIsLeft = choices.withinWhatIsLeft === true;
  const model = withinWhatIsLeft ? withForcedFixed(full) : full;
  const outcome = await solver.solve(model, options);
  const solution = outcome.solution;
  const x = solution?.x ?? model.variables.map(() => 0);
  const totals = model.rows
    .filter((r) => r.kind === "budget" || r.kind === "capacity")
    .map((r) => ({ row: r.name, kind: r.kind, unit: r.unit, used: lhs(r, x), limit: r.rhs }));
  return {
    model,
    overruns,
    withinWhatIsLeft,
    problems: overruns.map(overrunProblem),
    outcome:
      outcome.status === "infeasible" && outcome.explanation.length === 0
        ? { ...outcome, explanation: explainInfeasibility(model) }
        : outcome,
    selected: solution ? selectedIds(model, solution) : [],
    totals,
    whyNot: solution
      ? model.variables.flatMap((v, i) =>
          solution.x[i]
            ? []
            : [
                {
                  candidate: v.candidate,
                  title: v.title,
                  why: whyNotSelected(model, solution, v.candidate),
                },
              ],
        )
      : [],
    cost: totals.filter((t) => t.kind === "budget").reduce((s, t) => s + t.used, 0),
  };
}

/** A frame exceeded by what must be in, as a problem naming the frame (`year`, `kind`). */
export function overrunProblem(o: FrameOverrun): Problem {
  return {
    code: "scenarios.problem.frameExceeded",
    params: {
      year: o.year,
      kind: o.kind,
      frame: o.frame,
      underWay: o.underWay,
      forced: o.forced,
      overrun: o.overrun,
      needed: o.needed,
    },
    field: "frames",
  };
}

export function frontierFor(
  solver: PortfolioSolver,
  run: ScenarioRun,
  options: SolveOptions = {},
  steps = 8,
): Promise<Frontier> {
  return efficientFrontier(run.model, (m) => solver.solve(m, options), {
    steps,
    ...(run.outcome.solution ? { chosen: run.outcome.solution } : {}),
  });
}

/** A scenario draft from a run, to save. */
export function scenarioDraft(
  title: string,
  base: SelectionBase,
  choices: UserChoices,
  run: ScenarioRun,
): ScenarioDraft {
  const titleOf = new Map(base.initiatives.map((i) => [i.id, i.title]));
  return {
    title,
    round: base.round ? { id: base.round.id, title: base.round.title } : null,
    weightSet: base.round?.weightSet ?? null,
    constraints: {
      budgetByYear: Object.fromEntries(
        run.totals
          .filter((t) => t.kind === "budget")
          .reduce((m, t) => {
            const year = /\b(\d{4})\b/.exec(t.row)?.[1] ?? "";
            m.set(year, (m.get(year) ?? 0) + t.limit);
            return m;
          }, new Map<string, number>()),
      ),
      respectCapacity: true,
      honourDependencies: true,
    },
    forcedIn: [...choices.forcedIn],
    forcedOut: [...choices.forcedOut],
    selected: run.selected.map((id) => ({ id, title: titleOf.get(id) ?? String(id) })),
    totalValue: run.outcome.solution?.value ?? null,
    totalCost: run.outcome.solution ? run.cost : null,
    committed: false,
    decision: null,
  };
}

/** The saved scenarios, as stored. */
export function listScenarios(repositories: Repositories): Promise<Scenario[]> {
  return repositories.scenarios.list();
}

/** Saves a run as a scenario (see scenarioDraft). */
export function saveScenario(
  repositories: Repositories,
  request: { title: string; base: SelectionBase; choices: UserChoices; run: ScenarioRun },
): Promise<Scenario> {
  return repositories.scenarios.add(
    scenarioDraft(request.title, request.base, request.choices, request.run),
  );
}

/** The meetings a scenario can be decided at, newest first. */
export async function decisionMeetings(repositories: Repositories): Promise<Meeting[]> {
  return (await repositories.meetings.list()).sort((a, b) => b.start.localeCompare(a.start));
}

export interface CommitPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
}

export interface CommitRequest {
  scenario: Scenario;
  meeting: Ref<MeetingId>;
  /** The decision's text; the reason recorded on each phase change. */
  text: string;
}

/** A chosen initiative that cannot go to Prioriteret, with everything that stops it. */
export interface CommitBlocker {
  initiative: InitiativeId;
  title: string;
  /**
   * Each gate's missing item (a Problem), or the refusal or why it is not a candidate now (a
   * Danish sentence still).
   */
  problems: (string | Problem)[];
}

/** A move that could not be undone: the initiative stays in Prioriteret. */
export interface UndoFailure {
  initiative: InitiativeId;
  title: string;
  message: string;
}

export type CommitResult =
  /** Every chosen initiative in Klar til prioritering is now Prioriteret, the decision recorded. */
  | {
      kind: "committed";
      decision: Decision;
      scenario: Scenario;
      moved: InitiativeId[];
      /** Chosen initiatives already further along (left as they are). */
      alreadyOn: InitiativeId[];
    }
  /** Refused before anything was written: what blocks which initiative. */
  | { kind: "blocked"; blockers: CommitBlocker[] }
  /**
   * A write failed mid-way; the moves already made were put back (each recorded as a phase
   * change back with the reason) and the scenario is not committed.
   */
  | {
      kind: "undone";
      /** Where it failed: the initiative (or null: the decision's record or the scenario). */
      failedAt: { initiative: InitiativeId; title: string } | null;
      error: unknown;
      message: string;
      /** Moves made and put back. */
      undone: InitiativeId[];
      /** Moves that could not be put back (they stay in Prioriteret). */
      notUndone: UndoFailure[];
      /**
       * The decision's record: `removed` when nothing refers to it, `marked` when the phase
       * changes (forth and back) refer to it, so its text now says it was not carried out;
       * `left` when that last write failed too.
       */
      decision: "removed" | "marked" | "left";
    };

/** Why a chosen initiative cannot go to Prioriteret now, or null when it can (or is past it). */
function blockerOf(
  initiative: Initiative,
  facts: TransitionFacts,
  me: Me,
  text: string,
  clock: Clock,
): (string | Problem)[] | null {
  if (ONGOING_PHASES.includes(initiative.phase)) return null;
  if (initiative.phase !== CANDIDATE_PHASE) {
    return [
      `Tiltaget er i fasen ${initiative.phase}; kun tiltag i ${CANDIDATE_PHASE} kan prioriteres.`,
    ];
  }
  // The decision is recorded only after every check passes; a stand-in reference here.
  const pending: Ref<DecisionId> = { id: 0 as DecisionId, title: "Beslutningen" };
  const planned = planTransition(initiative, facts, "Prioriteret", me, text, pending, clock);
  if (planned.ok) return null;
  const r = planned.error;
  return "missing" in r && r.missing.length ? r.missing : [r.message];
}

/** A move refused by the lifecycle mid-way: caught below, and the moves made are put back. */
class StepRefused extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Commits a scenario at a meeting as one decision, all or nothing:
 * 1. Every chosen initiative is read with its gate facts and checked (`planTransition` to
 *    Prioriteret). If any cannot go (a gate not met, a phase other than Klar til prioritering or
 *    past it, deleted), nothing is written: the result lists what blocks which initiative.
 * 2. The Decision is recorded at the meeting; each chosen initiative in Klar til prioritering
 *    moves to Prioriteret through `changePhase` with the decision referenced (those already
 *    further along are left as they are); last, the scenario is marked committed.
 * 3. If a write fails on the way (a store error, or a refusal because someone changed an
 *    initiative meanwhile), the moves already made are put back to Klar til prioritering
 *    through `changePhase` (recorded as phase changes with a reason that says why), the decision
 *    is removed (or, when phase changes refer to it, marked as not carried out), and the result
 *    says so.
 */
export async function commitScenario(
  ports: CommitPorts,
  request: CommitRequest,
): Promise<Outcome<CommitResult>> {
  const { repositories, clock } = ports;
  const { scenario, meeting, text } = request;
  if (scenario.committed) throw new Error("Scenariet er allerede besluttet.");
  // Only they can move initiatives to Prioriteret: refuse before any decision is recorded.
  const me = await ports.currentUser.me();
  if (!hasRole(me, "secretary") && !hasRole(me, "chair")) {
    return refuse("scenarios.problem.onlyManagersDecide");
  }

  // 1. Check every chosen initiative before anything is written.
  const checked = await Promise.all(
    scenario.selected.map(async (ref) => {
      try {
        const [initiative, facts] = await Promise.all([
          repositories.initiatives.get(ref.id),
          loadTransitionFacts(repositories, ref.id),
        ]);
        return { ref, initiative, facts, problems: blockerOf(initiative, facts, me, text, clock) };
      } catch (error) {
        if (error instanceof StoreError && error.kind === "NotFound") {
          return {
            ref,
            initiative: null,
            facts: null,
            problems: ["Tiltaget findes ikke længere."],
          };
        }
        throw error;
      }
    }),
  );
  const blockers: CommitBlocker[] = checked.flatMap((c) =>
    c.problems ? [{ initiative: c.ref.id, title: c.ref.title, problems: c.problems }] : [],
  );
  if (blockers.length) return ok({ kind: "blocked", blockers });

  // 2. The decision, the moves, the scenario.
  const decision = await repositories.decisions.add({
    title: `Prioritering: ${scenario.title}`.slice(0, 255),
    meeting,
    agendaItem: null,
    initiative: null,
    text,
    carriedTo: [],
    decidedAt: clock.now().toISOString(),
  });
  const decisionRef: Ref<DecisionId> = { id: decision.id, title: decision.title };
  const moved: { ref: Ref<InitiativeId>; initiative: Initiative }[] = [];
  const alreadyOn: InitiativeId[] = [];
  let failedAt: { initiative: InitiativeId; title: string } | null = null;
  try {
    for (const c of checked) {
      if (!c.initiative || c.initiative.phase !== CANDIDATE_PHASE) {
        alreadyOn.push(c.ref.id);
        continue;
      }
      failedAt = { initiative: c.ref.id, title: c.ref.title };
      const result = await changePhase(ports, {
        initiative: c.initiative,
        to: "Prioriteret",
        reason: text,
        decision: decisionRef,
      });
      if (!result.ok) throw new StepRefused(refusalText(result.error));
      moved.push({ ref: c.ref, initiative: result.value.initiative });
    }
    failedAt = null;
    const version = await repositories.scenarios.update({
      ...scenario,
      committed: true,
      decision: decisionRef,
    });
    return ok({
      kind: "committed",
      decision,
      scenario: { ...scenario, committed: true, decision: decisionRef, version },
      moved: moved.map((m) => m.ref.id),
      alreadyOn,
    });
  } catch (error) {
    // 3. Put back what was moved, newest first.
    const message = messageOf(error);
    const reason =
      `Fortrudt: beslutningen "${decision.title}" kunne ikke gennemføres for alle valgte tiltag (${
        failedAt ? `${failedAt.title}: ` : ""
      }${message}).`.slice(0, 4000);
    const undone: InitiativeId[] = [];
    const notUndone: UndoFailure[] = [];
    for (const m of [...moved].reverse()) {
      try {
        const back = await changePhase(ports, {
          initiative: m.initiative,
          to: CANDIDATE_PHASE,
          reason,
          decision: decisionRef,
        });
        if (back.ok) undone.push(m.ref.id);
        else
          notUndone.push({
            initiative: m.ref.id,
            title: m.ref.title,
            message: back.error.message,
          });
      } catch (undoError) {
        notUndone.push({ initiative: m.ref.id, title: m.ref.title, message: messageOf(undoError) });
      }
    }
    let decisionState: "removed" | "marked" | "left" = "left";
    try {
      if (moved.length === 0) {
        await repositories.decisions.remove(decision.id, decision.version);
        decisionState = "removed";
      } else {
        await repositories.decisions.update({
          ...decision,
          text: `${decision.text}\n\nIkke gennemført: ${reason}`.slice(0, 60_000),
        });
        decisionState = "marked";
      }
    } catch {
      // The result says the decision's record is left as it was.
    }
    return ok({
      kind: "undone",
      failedAt,
      error,
      message,
      undone,
      notUndone,
      decision: decisionState,
    });
  }
}

/** A lifecycle refusal as one line for the undo report: its message and the codes it lists. */
function refusalText(r: TransitionRefusal): string {
  return "missing" in r && r.missing.length
    ? `${r.message} ${r.missing.map((m) => m.code).join(" ")}`
    : r.message;
}
