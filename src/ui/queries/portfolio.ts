/**
 * The portfolio page's reads and writes besides the checked initiatives (which
 * portfolio/usePortfolioData.ts caches by fields and filters), one hook per use-case: my saved
 * views and their writes, the areas to filter by, the decisions a phase change may refer to,
 * where a parked initiative may resume into, and the export of the rows in view.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { PortfolioColumnKey } from "../../domain/export-columns.js";
import type { InitiativeId } from "../../domain/ids.js";
import type { Language } from "../../domain/language.js";
import type { PersonalItem } from "../../domain/personal.js";
import type { PortfolioRow, ViewState } from "../../domain/portfolio-view.js";
import {
  addSavedView,
  exportPortfolio,
  listAreaRefs,
  listDecisions,
  listSavedViews,
  overwriteSavedView,
  parkedFrom,
  removeSavedView,
} from "../../use-cases/portfolio-page.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";

const viewsKey = () => [...queryKeys.portfolio(), "views"] as const;

/** My saved views. */
export function useSavedViews(personId: number) {
  const { repositories } = useServices();
  return useQuery<PersonalItem[]>({
    queryKey: [...viewsKey(), personId],
    queryFn: () => listSavedViews(repositories),
    staleTime: 5 * 60_000,
  });
}

function useRefreshViews() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: viewsKey() });
}

/** Saves a view under a new name; my views are read again. */
export function useAddSavedView() {
  const { repositories } = useServices();
  const refresh = useRefreshViews();
  return useMutation({
    mutationFn: (v: { name: string; state: ViewState }) =>
      addSavedView(repositories, v.name, v.state),
    onSuccess: () => refresh(),
  });
}

/** Saves a view over a saved one; my views are read again. */
export function useOverwriteSavedView() {
  const { repositories } = useServices();
  const refresh = useRefreshViews();
  return useMutation({
    mutationFn: (v: { item: PersonalItem; state: ViewState }) =>
      overwriteSavedView(repositories, v.item, v.state),
    onSuccess: () => refresh(),
  });
}

/** Deletes a saved view; my views are read again. */
export function useRemoveSavedView() {
  const { repositories } = useServices();
  const refresh = useRefreshViews();
  return useMutation({
    mutationFn: (item: PersonalItem) => removeSavedView(repositories, item),
    onSuccess: () => refresh(),
  });
}

/** The areas to filter by. */
export function useAreaRefs() {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.portfolio(), "areas"],
    queryFn: () => listAreaRefs(repositories),
    staleTime: 10 * 60_000,
  });
}

/** The decisions a phase change may refer to (read when asked for). */
export function useDecisionChoices(enabled: boolean) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: [...queryKeys.portfolio(), "decisions"],
    queryFn: () => listDecisions(repositories),
    enabled,
    staleTime: 60_000,
  });
}

/** Where a parked initiative may resume into (read when its menu is first opened). */
export function useParkedFrom(card: { id: InitiativeId; version: unknown }, enabled: boolean) {
  const { repositories, people } = useServices();
  return useQuery({
    queryKey: [...queryKeys.portfolio(), "parkedFrom", card.id, String(card.version)],
    queryFn: () => parkedFrom({ repositories, people }, card.id),
    enabled,
    staleTime: 60_000,
  });
}

/** The rows in view as a workbook (the caller offers it as a download). */
export function useExportPortfolio() {
  const { files, clock } = useServices();
  return useMutation({
    mutationFn: (v: {
      rows: readonly PortfolioRow[];
      columns: readonly PortfolioColumnKey[];
      language: Language;
    }) => exportPortfolio(files, clock, v.rows, v.columns, v.language),
  });
}
