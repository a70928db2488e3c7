/**
 * The initiative page's data and writes, through the ports: the page (initiative and related
 * lists, read in parallel), its comments, who I am, and saving edits with the version read
 * (a stale version comes back as an `EditConflict`, shown side by side by the page).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { EditConflict } from "../../domain/conflicts.js";
import { languageFromLocale } from "../../domain/language.js";
import type { Initiative } from "../../domain/portfolio.js";
import type { FieldProblem } from "../../domain/validation.js";
import { type InitiativePage, saveInitiative, saveMineOver } from "../../use-cases/initiative.js";
import { type DateStyle, formatDate, formatDkk, formatNumber } from "../i18n/format.js";
import { queryKeys } from "../queries/keys.js";
import { useMe } from "../queries/useMe.js";
import { useServices } from "../services.js";

export const initiativeKey = queryKeys.initiative;

export { useComments, useInitiativePage } from "../queries/initiative.js";

/** Who I am, read fresh when the page opens (roles decide the page's actions). */
export function useInitiativeMe() {
  return useMe({ fresh: true });
}

/** The page's dates, amounts and numbers in the UI language (Danish: "3. marts 2026"). */
export function useInitiativeFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    language,
    date: (iso: string, style: DateStyle = "long") => formatDate(iso, language, style),
    dateTime: (iso: string) => formatDate(iso, language, "dateTime"),
    dkk: (amount: number) => formatDkk(amount, language),
    number: (n: number) => formatNumber(n, language),
  };
}

export type SaveState<K extends keyof Initiative> =
  | { kind: "idle" }
  | { kind: "saved" }
  | { kind: "invalid"; problems: FieldProblem[] }
  /** The edit changed a field only the chair and the secretary may change. */
  | { kind: "notPermitted"; field: "mandatory" }
  | { kind: "conflict"; conflict: EditConflict<K>; mine: Initiative }
  | { kind: "failed"; error: unknown };

/**
 * Saving a set of the initiative's fields: `save` with the version the form started from;
 * on a conflict the state holds both versions until the user chooses `keepMine`, `useStored`
 * or `keepEditing`. Every success refreshes the page.
 */
export function useInitiativeSave<K extends keyof Initiative>(id: number, fields: readonly K[]) {
  const { repositories, currentUser, clock } = useServices();
  const ports = { repositories, currentUser, clock };
  const client = useQueryClient();
  const [state, setState] = useState<SaveState<K>>({ kind: "idle" });

  const settle = (
    result: Awaited<ReturnType<typeof saveInitiative<K>>>,
    mine: Initiative,
  ): boolean => {
    if (result.ok) {
      const saved = result.value;
      client.setQueryData<InitiativePage>([...initiativeKey(id), "page"], (page) =>
        page ? { ...page, initiative: saved } : page,
      );
      setState({ kind: "saved" });
      // The audit fields (modified, modifiedBy) come with the refetch.
      void client.invalidateQueries({ queryKey: initiativeKey(id) });
      return true;
    }
    const refusal = result.error;
    setState(
      refusal.kind === "conflict"
        ? { kind: "conflict", conflict: refusal.conflict, mine }
        : refusal.kind === "notPermitted"
          ? refusal
          : { kind: "invalid", problems: refusal.problems },
    );
    return false;
  };

  const mutation = useMutation({
    mutationFn: async (
      request: { kind: "save"; base: Initiative; mine: Initiative } | { kind: "keepMine" },
    ): Promise<boolean> => {
      if (request.kind === "save") {
        return settle(
          await saveInitiative(ports, { fields, base: request.base, mine: request.mine }),
          request.mine,
        );
      }
      if (state.kind !== "conflict") return false;
      const mine = state.mine;
      return settle(
        await saveMineOver(ports, { fields, mine, stored: state.conflict.stored }),
        mine,
      );
    },
    onError: (error) => setState({ kind: "failed", error }),
  });

  return {
    state,
    pending: mutation.isPending,
    save: (base: Initiative, mine: Initiative) =>
      mutation.mutateAsync({ kind: "save", base, mine }).catch(() => false),
    keepMine: () => mutation.mutateAsync({ kind: "keepMine" }).catch(() => false),
    /** Discards mine: the page shows the stored version. */
    useStored: () => {
      if (state.kind === "conflict") {
        const stored = state.conflict.stored;
        client.setQueryData<InitiativePage>([...initiativeKey(id), "page"], (page) =>
          page ? { ...page, initiative: stored } : page,
        );
      }
      setState({ kind: "idle" });
      return client.invalidateQueries({ queryKey: initiativeKey(id) });
    },
    keepEditing: () => setState({ kind: "idle" }),
    reset: () => setState({ kind: "idle" }),
  };
}
