/**
 * The intake page's data (Nyt forslag), one hook per use-case: the form's context and areas,
 * my drafts and the draft being continued, the searches of the people and initiative pickers,
 * and the writes (save a draft, remove one, hand a proposal in), which refresh what they change.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import type { IntakeContext, IntakeDraft } from "../../domain/intake.js";
import type { PersonalItem } from "../../domain/personal.js";
import {
  type DraftRef,
  ensurePerson,
  findPeople,
  listAreas,
  listMyDrafts,
  loadDraft,
  loadIntakeContext,
  removeDraft,
  saveDraft,
  searchInitiatives,
  submitProposal,
} from "../../use-cases/intake.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";

const CONTEXT_STALE_MS = 5 * 60_000;

/** The budget years a proposal is checked against. */
export function useIntakeContext() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.intake(), "context"],
    queryFn: () => loadIntakeContext(repositories),
    staleTime: CONTEXT_STALE_MS,
  });
}

/** The areas to choose from. */
export function useIntakeAreas() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.intake(), "areas"],
    queryFn: () => listAreas(repositories),
    staleTime: CONTEXT_STALE_MS,
  });
}

/** A saved draft (an Outcome: refused when the item is not a readable intake draft). */
export function useDraft(id: number | null) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.intakeDraft(id ?? 0),
    queryFn: () => loadDraft(repositories, id ?? 0),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useMyDrafts() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.intakeDrafts(),
    queryFn: () => listMyDrafts(repositories),
  });
}

/** Removes a draft; my drafts are read again whether it worked or not. */
export function useRemoveDraft() {
  const { repositories } = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (item: PersonalItem) => removeDraft(repositories, item),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.intakeDrafts() }),
  });
}

/** Saves the form as a draft (new, or over the one continued). */
export function useSaveDraft(ctx: Omit<IntakeContext, "mode">) {
  const { repositories } = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { draft: IntakeDraft; existing: DraftRef | null }) =>
      saveDraft(repositories, v.draft, ctx, v.existing),
    onSuccess: (result) => {
      if (!result.ok) return;
      void client.invalidateQueries({ queryKey: queryKeys.intakeDrafts() });
      void client.invalidateQueries({ queryKey: queryKeys.intakeDraft(result.value.id) });
    },
  });
}

/** Hands the proposal in; everything that lists initiatives is read again. */
export function useSubmitProposal(ctx: Omit<IntakeContext, "mode">, fromDraft: DraftRef | null) {
  const { repositories } = useServices();
  const client = useQueryClient();
  const intakeRoot = queryKeys.intake()[0];
  return useMutation({
    mutationFn: (draft: IntakeDraft) => submitProposal(repositories, draft, ctx, fromDraft),
    onSuccess: (result) => {
      if (!result.ok) return;
      // The draft just handed in is gone, but its own query is left alone, so the page does
      // not flash "not found" on the way out.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== intakeRoot });
      void client.invalidateQueries({ queryKey: queryKeys.intakeDrafts() });
    },
  });
}

/** People in the directory matching the text (from two characters on). */
export function usePeopleSearch(search: string, enabled: boolean) {
  const { directory } = useServices();
  return useQuery({
    queryKey: [...queryKeys.intake(), "people", search],
    queryFn: () => findPeople(directory, search, 10),
    enabled,
    staleTime: 60_000,
  });
}

/** The site's own entry for a person chosen from the directory. */
export function useEnsurePerson() {
  const { people } = useServices();
  return useMutation({ mutationFn: (email: string) => ensurePerson(people, email) });
}

/** Initiatives whose titles match the text. */
export function useInitiativeSearch(search: string, enabled: boolean, limit: number) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.intake(), "initiatives", search],
    queryFn: () => searchInitiatives(repositories, search, limit),
    enabled,
    staleTime: 30_000,
  });
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
