/**
 * The rounds pages' data and actions through the ports: pages are read with TanStack Query,
 * the use cases in src/use-cases/rounds.ts do the writing, and a write reads the page again.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import type { Person } from "../../../domain/common.js";
import type { RoundId } from "../../../domain/ids.js";
import { languageFromLocale } from "../../../domain/language.js";
import type { Round, RoundDraft } from "../../../domain/prioritization.js";
import type { TabLinks } from "../../../ports/tab-links.js";
import {
  type BallotInput,
  closeRound,
  isRoundClosedError,
  loadRoundPage,
  loadRoundsPage,
  loadTurnout,
  openRound,
  saveBallot,
  sendBallotReminders,
} from "../../../use-cases/rounds.js";
import { formatDate } from "../../i18n/format.js";
import { useServices } from "../../services.js";
import { hrefForPrioritization } from "../../shell/routes.js";

export const ROUNDS_QUERY_KEY = ["rounds"] as const;

export function useRoundsPage() {
  const { currentUser, repositories, clock } = useServices();
  return useQuery({
    queryKey: ROUNDS_QUERY_KEY,
    queryFn: () => loadRoundsPage({ currentUser, repositories, clock }),
  });
}

export function useRoundPage(id: number) {
  const { currentUser, repositories, clock, people } = useServices();
  return useQuery({
    queryKey: [...ROUNDS_QUERY_KEY, id],
    queryFn: () => loadRoundPage({ currentUser, repositories, clock, people }, id as RoundId),
  });
}

export function useTurnout(round: Round) {
  const services = useServices();
  return useQuery({
    queryKey: [...ROUNDS_QUERY_KEY, round.id, "turnout"],
    queryFn: () => loadTurnout(services, round),
  });
}

/**
 * The tab's page for one round as an absolute address: the link in the notice and mails. Inside
 * Teams a deep link through the services' `links` (straight to the ballot in the tab), else the
 * tab's own address with the round's hash route.
 */
export function roundLink(id: number, links?: TabLinks): string {
  const hash = hrefForPrioritization("rounds", id);
  return links ? links.to(hash) : `${window.location.origin}${window.location.pathname}${hash}`;
}

export function useRoundFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    language,
    date: (iso: string | null) => (iso ? formatDate(iso, language, "long") : null),
  };
}

export function useRoundActions() {
  const services = useServices();
  const client = useQueryClient();
  const { date } = useRoundFormat();
  const refresh = useCallback(
    () => void client.invalidateQueries({ queryKey: ROUNDS_QUERY_KEY }),
    [client],
  );
  return {
    open: async (draft: Omit<RoundDraft, "state">) => {
      const r = await openRound(services, draft, {
        link: (id) => roundLink(id, services.links),
        closesText: date(draft.closes),
      });
      refresh();
      return r;
    },
    close: async (round: Round) => {
      try {
        return await closeRound(services, round);
      } finally {
        // Also after a failure: the round may be closed without its result stored yet.
        refresh();
      }
    },
    saveBallot: async (input: BallotInput) => {
      try {
        const r = await saveBallot(services, input);
        refresh();
        return r;
      } catch (e) {
        // Closed meanwhile: read the round again, so the form shows it closed.
        if (isRoundClosedError(e)) refresh();
        throw e;
      }
    },
    remind: (round: Round, notVoted: readonly Person[]) =>
      sendBallotReminders(services, round, notVoted, {
        link: roundLink(round.id, services.links),
        closesText: date(round.closes),
      }),
  };
}
