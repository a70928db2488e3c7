/** Strategi's data: one query for the page, one per save, and an initiative's barriers. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { InitiativeId } from "../../domain/ids.js";
import type { Me } from "../../domain/roles.js";
import type { Repositories } from "../../ports/repositories.js";
import {
  barriersOf,
  loadStrategy,
  saveActionPlan,
  saveBarrier,
  saveGoal,
  saveLearningEntry,
  type SaveResult,
  type StrategyPage,
} from "../../use-cases/strategy.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";
import { useMe } from "./useMe.js";

export function useStrategy() {
  const { repositories, clock } = useServices();
  return useQuery<StrategyPage>({
    queryKey: queryKeys.strategy(),
    queryFn: () => loadStrategy(repositories, clock),
  });
}

/** The open barriers blocking an initiative (its page). */
export function useInitiativeBarriers(id: InitiativeId) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.initiativeBarriers(id),
    queryFn: () => barriersOf(repositories, id),
  });
}

type Saver<E> = (
  repositories: Repositories,
  me: Pick<Me, "roles">,
  edit: E,
) => Promise<SaveResult<null>>;

function useSave<E>(save: Saver<E>) {
  const { repositories } = useServices();
  const me = useMe();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edit: E) => save(repositories, me.data ?? { roles: [] }, edit),
    onSuccess: async (result) => {
      if (!result.ok) return;
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.strategy() }),
        client.invalidateQueries({ queryKey: queryKeys.initiatives() }),
        client.invalidateQueries({ queryKey: queryKeys.portfolio() }),
      ]);
    },
  });
}

export const useSaveGoal = () => useSave(saveGoal);
export const useSaveActionPlan = () => useSave(saveActionPlan);
export const useSaveBarrier = () => useSave(saveBarrier);
export const useSaveLearningEntry = () => useSave(saveLearningEntry);
