/**
 * What the intake page reads through the ports, cached by TanStack Query: who I am (the default
 * owner), the budget years, the areas, my drafts and the draft being continued. Writes go
 * through the intake use case.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { listMyDrafts, loadDraft, loadIntakeContext } from "../../use-cases/intake.js";
import { queryKeys } from "../queries/keys.js";
import { useMe } from "../queries/useMe.js";
import { useServices } from "../services.js";

export const INTAKE_KEY = queryKeys.intake()[0];
export const DRAFTS_KEY = queryKeys.intakeDrafts();
export const draftKey = queryKeys.intakeDraft;

/** Everything the form needs before it can be shown. */
export function useIntakeSetup() {
  const { repositories } = useServices();
  const me = useMe();
  const context = useQuery({
    queryKey: [INTAKE_KEY, "context"],
    queryFn: () => loadIntakeContext(repositories),
    staleTime: 5 * 60_000,
  });
  const areas = useQuery({
    queryKey: [INTAKE_KEY, "areas"],
    queryFn: () => repositories.areas.list({ orderBy: [{ field: "title" }] }),
    staleTime: 5 * 60_000,
  });
  return { me, context, areas };
}

export function useDraft(id: number | null) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: draftKey(id ?? 0),
    queryFn: () => loadDraft(repositories, id ?? 0),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useMyDrafts() {
  const { repositories } = useServices();
  return useQuery({ queryKey: DRAFTS_KEY, queryFn: () => listMyDrafts(repositories) });
}

/** `value`, once it has stopped changing for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
