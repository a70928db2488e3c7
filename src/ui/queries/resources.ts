/**
 * Ressourcer's data: one hook per use-case (src/use-cases/resources.ts), keys from keys.ts.
 * Every query is under `queryKeys.resources()`; a write reads that root again, the initiative
 * page of the initiative it touched and the dashboard (open requests).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { Ref } from "../../domain/common.js";
import type { InitiativeId, ResourceRequestId } from "../../domain/ids.js";
import type { Resource, ResourceDraft } from "../../domain/resources.js";
import type { MonthKey } from "../../domain/resources-capacity.js";
import type { GridRow } from "../../domain/resources-grid.js";
import {
  type Answer,
  answerResourceRequest,
  loadInitiativeAllocations,
  loadOpenRequests,
  loadRegister,
  loadResourceOverview,
  type NewRequest,
  saveInitiativeAllocations,
  saveResource,
  sendResourceRequest,
} from "../../use-cases/resources.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";
import { useTabLink } from "./meetings.js";

/** The route a request's mail links to: Ressourcer, scrolled to the request. */
export function requestRoute(id: number): string {
  return `#/ressourcer#anmodning-${id}`;
}

export function useResourceOverview(from: MonthKey | null, months: number) {
  const services = useServices();
  return useQuery({
    queryKey: queryKeys.resourceOverview(from, months),
    queryFn: () => loadResourceOverview(services, { ...(from ? { from } : {}), months }),
    staleTime: 15_000,
  });
}

export function useResourceRegister() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.resourceRegister(),
    queryFn: () => loadRegister(repositories),
    staleTime: 30_000,
  });
}

export function useInitiativeAllocations(id: number) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.initiativeAllocations(id),
    queryFn: () => loadInitiativeAllocations(repositories, id as InitiativeId),
    staleTime: 15_000,
  });
}

export function useOpenResourceRequests() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.openResourceRequests(),
    queryFn: () => loadOpenRequests(repositories),
    staleTime: 30_000,
  });
}

function useAfterWrite() {
  const client = useQueryClient();
  return (initiative?: number | null) =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.resources() }),
      initiative ? client.invalidateQueries({ queryKey: queryKeys.initiative(initiative) }) : null,
      client.invalidateQueries({ queryKey: queryKeys.dashboard() }),
    ]);
}

export function useSaveResource() {
  const services = useServices();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (v: { draft: ResourceDraft; existing: Pick<Resource, "id" | "version"> | null }) =>
      saveResource(services, v.draft, v.existing),
    onSuccess: () => after(),
  });
}

export function useSaveAllocations(initiative: Ref<InitiativeId>) {
  const services = useServices();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (v: { rows: readonly GridRow[]; months: readonly MonthKey[] }) =>
      saveInitiativeAllocations(services, initiative, v.rows, v.months),
    onSuccess: () => after(initiative.id),
  });
}

export function useSendResourceRequest() {
  const services = useServices();
  const link = useTabLink();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (draft: NewRequest) =>
      sendResourceRequest(services, draft, (id) => link(requestRoute(id))),
    onSuccess: (_, draft) => after(draft.initiative?.id),
  });
}

export function useAnswerResourceRequest() {
  const services = useServices();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (v: { id: ResourceRequestId; answer: Answer; initiative: number | null }) =>
      answerResourceRequest(services, v.id, v.answer),
    onSuccess: (_, v) => after(v.initiative),
  });
}
