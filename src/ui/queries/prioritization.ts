/**
 * Prioritering's data: one hook per use-case (criteria and AHP weights, rounds and ballots,
 * scenarios), keyed from the one query-key factory. A write reads its page again. The optimizer
 * runs through the `PortfolioSolver` port, which loads HiGHS only on the first solve.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import type { Person } from "../../domain/common.js";
import type { Frontier } from "../../domain/frontier.js";
import type { CriterionId, MeetingId, RoundId, Version, WeightSetId } from "../../domain/ids.js";
import type {
  Criterion,
  CriterionDraft,
  Round,
  RoundDraft,
  Scenario,
} from "../../domain/prioritization.js";
import type { PortfolioSolver, SolveOptions, SolveProgress } from "../../ports/solver.js";
import type { TabLinks } from "../../ports/tab-links.js";
import {
  approveWeightSet,
  loadAhpPage,
  openComparison,
  saveComparisons,
  saveCriterion,
} from "../../use-cases/ahp.js";
import {
  type BallotInput,
  closeRound,
  isRoundClosedProblem,
  loadRoundPage,
  loadRoundsPage,
  loadTurnout,
  openRound,
  saveBallot,
  sendBallotReminders,
} from "../../use-cases/rounds.js";
import {
  closedRounds,
  commitScenario,
  decisionMeetings,
  frontierFor,
  listScenarios,
  loadSelectionBase,
  runScenario,
  saveScenario,
  type ScenarioRun,
  type SelectionBase,
  type UserChoices,
} from "../../use-cases/scenarios.js";
import { useServices } from "../services.js";
import { hrefForPrioritization } from "../shell/routes.js";
import { queryKeys } from "./keys.js";

// ---------------------------------------------------------------- criteria and AHP weights

export function useAhpPage() {
  const { currentUser, repositories, clock, people } = useServices();
  return useQuery({
    queryKey: queryKeys.ahp(),
    queryFn: () => loadAhpPage({ currentUser, repositories, clock, people }),
  });
}

/** Reads the criteria page again after a write (also after a refused one). */
function useAhpWrite<A, R>(write: (services: ReturnType<typeof useServices>, a: A) => Promise<R>) {
  const services = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (a: A) => write(services, a),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.ahp() }),
  });
}

export function useSaveCriterion() {
  return useAhpWrite((s, r: { draft: CriterionDraft; id?: CriterionId; version?: Version }) =>
    saveCriterion(s, r),
  );
}

export function useOpenComparison() {
  return useAhpWrite((s, title: string) => openComparison(s, { title }));
}

export function useSaveComparisons() {
  return useAhpWrite(
    (
      s,
      r: {
        weightSet: WeightSetId;
        judgements: readonly { a: Criterion; b: Criterion; value: number }[];
      },
    ) => saveComparisons(s, r),
  );
}

export function useApproveWeightSet() {
  return useAhpWrite((s, r: { weightSet: WeightSetId; meeting: MeetingId }) =>
    approveWeightSet(s, r),
  );
}

// ---------------------------------------------------------------- rounds and ballots

/**
 * The tab's page for one round as an absolute address: the link in the notice and mails. Inside
 * Teams a deep link through the services' `links` (straight to the ballot in the tab), else the
 * tab's own address with the round's hash route.
 */
export function roundLink(id: number, links?: TabLinks): string {
  const hash = hrefForPrioritization("rounds", id);
  return links ? links.to(hash) : `${window.location.origin}${window.location.pathname}${hash}`;
}

export function useRoundsPage() {
  const { currentUser, repositories, clock } = useServices();
  return useQuery({
    queryKey: queryKeys.rounds(),
    queryFn: () => loadRoundsPage({ currentUser, repositories, clock }),
  });
}

/** One round's page; `enabled` false (a role that may not see it) requests nothing. */
export function useRoundPage(id: number, enabled = true) {
  const { currentUser, repositories, clock, people } = useServices();
  return useQuery({
    queryKey: queryKeys.round(id),
    enabled,
    queryFn: () => loadRoundPage({ currentUser, repositories, clock, people }, id as RoundId),
  });
}

export function useTurnout(round: Round) {
  const services = useServices();
  return useQuery({
    queryKey: queryKeys.turnout(round.id),
    queryFn: () => loadTurnout(services, round),
  });
}

/** Opens a round; `closesText` is its closing date in words, for the notice. */
export function useOpenRound() {
  const services = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (r: { draft: Omit<RoundDraft, "state">; closesText: string | null }) =>
      openRound(services, r.draft, {
        link: (id) => roundLink(id, services.links),
        closesText: r.closesText,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.rounds() }),
  });
}

export function useCloseRound() {
  const services = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (round: Round) => closeRound(services, round),
    // Also after a failure: the round may be closed without its result stored yet. Not awaited:
    // the page shows the outcome before it reads the round (now closed) again.
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.rounds() }),
  });
}

export function useSaveBallot() {
  const services = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BallotInput) => saveBallot(services, input),
    // Saved, or refused because the round closed meanwhile: read the round again (the form then
    // shows it closed).
    onSuccess: (r) =>
      r.ok || isRoundClosedProblem(r.error)
        ? client.invalidateQueries({ queryKey: queryKeys.rounds() })
        : undefined,
  });
}

export function useSendBallotReminders() {
  const services = useServices();
  return useMutation({
    mutationFn: (r: { round: Round; notVoted: readonly Person[]; closesText: string | null }) =>
      sendBallotReminders(services, r.round, r.notVoted, {
        link: roundLink(r.round.id, services.links),
        closesText: r.closesText,
      }),
  });
}

// ---------------------------------------------------------------- scenarios

export function useSolver(): PortfolioSolver {
  const { solver } = useServices();
  if (!solver) throw new Error("No PortfolioSolver in AppServices");
  return solver;
}

export function useSelectionBase(round: RoundId | null) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.selectionBase(round),
    queryFn: () => loadSelectionBase(repositories, { round }),
  });
}

export function useClosedRounds() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.closedRounds(),
    queryFn: () => closedRounds(repositories),
  });
}

export function useSavedScenarios() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.savedScenarios(),
    queryFn: () => listScenarios(repositories),
  });
}

export function useDecisionMeetings() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.decisionMeetings(),
    queryFn: () => decisionMeetings(repositories),
  });
}

export type RunState =
  | { kind: "idle" }
  /** `progress`: where the search stands (null until the solver first says). */
  | { kind: "running"; progress: SolveProgress | null }
  | { kind: "done"; run: ScenarioRun }
  | { kind: "error"; error: unknown };

/**
 * Runs the optimizer, showing its progress; `stop` ends the search under way with the best
 * selection found so far (and the gap proven by then). A newer run replaces an older one still
 * under way: the older is stopped and its result dropped.
 */
export function useOptimizer() {
  const solver = useSolver();
  const [state, setState] = useState<RunState>({ kind: "idle" });
  const searching = useRef<AbortController | null>(null);
  const [frontier, setFrontier] = useState<
    | { kind: "idle" }
    | { kind: "running" }
    | { kind: "done"; frontier: Frontier }
    | { kind: "error"; error: unknown }
  >({ kind: "idle" });
  const latest = useRef(0);
  const run = useCallback(
    async (base: SelectionBase, choices: UserChoices, options: SolveOptions) => {
      const mine = ++latest.current;
      searching.current?.abort();
      const controller = new AbortController();
      searching.current = controller;
      setState({ kind: "running", progress: null });
      setFrontier({ kind: "idle" });
      try {
        const result = await runScenario(solver, base, choices, {
          ...options,
          signal: controller.signal,
          onProgress: (progress) => {
            if (mine === latest.current) setState({ kind: "running", progress });
          },
        });
        if (mine === latest.current) setState({ kind: "done", run: result });
      } catch (error) {
        if (mine === latest.current) setState({ kind: "error", error });
      } finally {
        if (searching.current === controller) searching.current = null;
      }
    },
    [solver],
  );
  /** Stops the search under way: the run ends with the best selection found so far. */
  const stop = useCallback(() => searching.current?.abort(), []);
  // Leaving the page stops a search still under way.
  useEffect(() => () => searching.current?.abort(), []);
  const drawFrontier = useCallback(
    async (r: ScenarioRun, options: SolveOptions) => {
      setFrontier({ kind: "running" });
      try {
        setFrontier({ kind: "done", frontier: await frontierFor(solver, r, options) });
      } catch (error) {
        setFrontier({ kind: "error", error });
      }
    },
    [solver],
  );
  /** Forgets the result (and drops any solve under way), e.g. when the candidates change. */
  const reset = useCallback(() => {
    latest.current++;
    searching.current?.abort();
    setState({ kind: "idle" });
    setFrontier({ kind: "idle" });
  }, []);
  return { state, run, stop, frontier, drawFrontier, reset };
}

export function useSaveScenario() {
  const { repositories } = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      title: string;
      base: SelectionBase;
      choices: UserChoices;
      run: ScenarioRun;
    }) => saveScenario(repositories, v),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.savedScenarios() }),
  });
}

export function useCommitScenario() {
  const ports = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      scenario: Scenario;
      meeting: { id: MeetingId; title: string };
      text: string;
    }) => commitScenario(ports, v),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.scenarios() }),
  });
}
