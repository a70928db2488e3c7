/**
 * The criteria page's data and actions through the ports: the page is read once (TanStack
 * Query) and the AHP use cases do the writing; after a write the page is read again.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import type { CriterionId, MeetingId, Version, WeightSetId } from "../../../domain/ids.js";
import { languageFromLocale } from "../../../domain/language.js";
import type { Criterion, CriterionDraft } from "../../../domain/prioritization.js";
import {
  type AhpPage,
  approveWeightSet,
  loadAhpPage,
  openComparison,
  saveComparisons,
  saveCriterion,
} from "../../../use-cases/ahp.js";
import { formatDate, formatNumber } from "../../i18n/format.js";
import { useServices } from "../../services.js";

export const AHP_QUERY_KEY = ["ahp"] as const;

export function useAhpPage() {
  const { currentUser, repositories, clock, people } = useServices();
  return useQuery<AhpPage>({
    queryKey: AHP_QUERY_KEY,
    queryFn: () => loadAhpPage({ currentUser, repositories, clock, people }),
  });
}

export function useAhpActions() {
  const services = useServices();
  const client = useQueryClient();
  const refresh = useCallback(
    () => client.invalidateQueries({ queryKey: AHP_QUERY_KEY }),
    [client],
  );
  return {
    saveCriterion: async (request: {
      draft: CriterionDraft;
      id?: CriterionId;
      version?: Version;
    }) => {
      const r = await saveCriterion(services, request);
      await refresh();
      return r;
    },
    openComparison: async (title: string) => {
      const r = await openComparison(services, { title });
      await refresh();
      return r;
    },
    /** Saves the given judgements; the page is read again even after a failure. */
    saveComparisons: async (
      weightSet: WeightSetId,
      judgements: readonly { a: Criterion; b: Criterion; value: number }[],
    ) => {
      try {
        await saveComparisons(services, { weightSet, judgements });
      } finally {
        await refresh();
      }
    },
    approve: async (weightSet: WeightSetId, meeting: MeetingId) => {
      const r = await approveWeightSet(services, { weightSet, meeting });
      await refresh();
      return r;
    },
  };
}

/** Weights, CR and dates in the UI language. */
export function useAhpFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    language,
    percent: (share: number) => `${formatNumber(share * 100, language, 1)} %`,
    cr: (cr: number) => formatNumber(cr, language, 3),
    date: (iso: string) => formatDate(iso, language, "long"),
    dateTime: (iso: string) => formatDate(iso, language, "dateTime"),
  };
}
