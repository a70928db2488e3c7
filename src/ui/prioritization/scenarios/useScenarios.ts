/**
 * The scenarios page's data: the selection base (from the stores, per value source), the closed
 * rounds to take values from, saved scenarios and meetings; the optimizer runs through the
 * `PortfolioSolver` port, which loads HiGHS only on the first solve.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import type { Frontier } from "../../../domain/frontier.js";
import type { MeetingId, RoundId } from "../../../domain/ids.js";
import type { Scenario } from "../../../domain/prioritization.js";
import type { PortfolioSolver, SolveOptions, SolveProgress } from "../../../ports/solver.js";
import {
  closedRounds,
  commitScenario,
  frontierFor,
  loadSelectionBase,
  runScenario,
  scenarioDraft,
  type ScenarioRun,
  type SelectionBase,
  type UserChoices,
} from "../../../use-cases/scenarios.js";
import { useServices } from "../../services.js";

export const SCENARIOS_KEY = ["scenarios"] as const;

export function useSolver(): PortfolioSolver {
  const { solver } = useServices();
  if (!solver) throw new Error("No PortfolioSolver in AppServices");
  return solver;
}

export function useSelectionBase(round: RoundId | null) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...SCENARIOS_KEY, "base", round],
    queryFn: () => loadSelectionBase(repositories, { round }),
  });
}

export function useClosedRounds() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...SCENARIOS_KEY, "rounds"],
    queryFn: () => closedRounds(repositories),
  });
}

export function useSavedScenarios() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...SCENARIOS_KEY, "saved"],
    queryFn: () => repositories.scenarios.list(),
  });
}

export function useMeetings() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...SCENARIOS_KEY, "meetings"],
    queryFn: async () =>
      (await repositories.meetings.list()).sort((a, b) => b.start.localeCompare(a.start)),
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
    }) => repositories.scenarios.add(scenarioDraft(v.title, v.base, v.choices, v.run)),
    onSuccess: () => client.invalidateQueries({ queryKey: [...SCENARIOS_KEY, "saved"] }),
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
    onSettled: () => client.invalidateQueries({ queryKey: SCENARIOS_KEY }),
  });
}
