/**
 * The initiative page's data, one hook per use-case: the page (the initiative and its related
 * lists), its comments and their writes, a phase change, and what the edit form and the phase
 * change choose from (active areas, strategy goals, the latest decisions). Writes read the
 * initiative's queries again (`queryKeys.initiative(id)` covers the page and the comments).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { Result } from "../../domain/common.js";
import { idOf, type InitiativeId } from "../../domain/ids.js";
import type { Comment, Initiative } from "../../domain/portfolio.js";
import {
  addComment,
  type CommentRefusal,
  deleteComment,
  editComment,
  loadComments,
} from "../../use-cases/comments.js";
import {
  type InitiativePage,
  listActiveAreas,
  listRecentDecisions,
  listStrategyGoals,
  loadInitiativePage,
} from "../../use-cases/initiative.js";
import { changePhase, type PhaseChangeRequest } from "../../use-cases/phase-change.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";

export function useInitiativePage(id: number) {
  const { repositories, people } = useServices();
  return useQuery<InitiativePage>({
    queryKey: [...queryKeys.initiative(id), "page"],
    queryFn: () => loadInitiativePage({ repositories, people }, idOf<InitiativeId>(id)),
    staleTime: 30_000,
  });
}

export function useComments(id: number) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.initiative(id), "comments"],
    queryFn: () => loadComments(repositories, idOf<InitiativeId>(id)),
    staleTime: 15_000,
  });
}

/** Reads the initiative's page and comments again. */
export function useRefreshInitiative(id: number): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.initiative(id) });
}

export type CommentAction =
  | { kind: "add"; body: string; replyTo: Comment | null }
  | { kind: "edit"; comment: Comment; body: string }
  | { kind: "delete"; comment: Comment };

/** Adds, edits or deletes a comment (refusals are results); the comments are read again. */
export function useCommentAction(initiative: Pick<Initiative, "id" | "title">) {
  const services = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: CommentAction): Promise<Result<Comment, CommentRefusal>> => {
      switch (action.kind) {
        case "add":
          return addComment(services, {
            initiative: { id: initiative.id, title: initiative.title },
            body: action.body,
            replyTo: action.replyTo,
          });
        case "edit":
          return editComment(services, action.comment, action.body);
        case "delete":
          return deleteComment(services, action.comment);
      }
    },
    onSuccess: (result) => {
      if (!result.ok) return;
      return client.invalidateQueries({
        queryKey: [...queryKeys.initiative(initiative.id), "comments"],
      });
    },
  });
}

/** Changes the initiative's phase (refusals are results); the page is read again. */
export function useChangePhase(id: number) {
  const services = useServices();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: PhaseChangeRequest) => changePhase(services, request),
    onSuccess: (result) => {
      if (!result.ok) return;
      return client.invalidateQueries({ queryKey: queryKeys.initiative(id) });
    },
  });
}

/** The latest decisions a phase change may refer to (read when one is needed). */
export function useRecentDecisions(enabled: boolean) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.initiatives(), "decisions"],
    queryFn: () => listRecentDecisions(repositories),
    enabled,
    staleTime: 60_000,
  });
}

export function useActiveAreas() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.initiatives(), "areas"],
    queryFn: () => listActiveAreas(repositories),
    staleTime: 5 * 60_000,
  });
}

export function useStrategyGoals() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.initiatives(), "strategyGoals"],
    queryFn: () => listStrategyGoals(repositories),
    staleTime: 5 * 60_000,
  });
}
