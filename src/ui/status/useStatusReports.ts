/**
 * The status page's data and actions through the ports: the page is read once (TanStack Query)
 * and the use cases do the writing; after a write the page and the dashboard are read again.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import { formattingLocale, languageFromLocale } from "../../domain/language.js";
import {
  loadStatusPage,
  publishStatusReportFromForm,
  type ReminderRequest,
  saveStatusReportDraft,
  sendStatusReminders,
  type StatusPage,
  type StatusReportRequest,
} from "../../use-cases/status-reports.js";
import { formatDate } from "../i18n/format.js";
import { useServices } from "../services.js";
import { hrefForPage } from "../shell/routes.js";

export const STATUS_QUERY_KEY = ["statusReports"] as const;

export function useStatusPage() {
  const { currentUser, repositories, people, clock } = useServices();
  return useQuery<StatusPage>({
    queryKey: STATUS_QUERY_KEY,
    queryFn: () => loadStatusPage({ currentUser, repositories, people, clock }),
  });
}

export function useStatusActions() {
  const services = useServices();
  const client = useQueryClient();
  const refresh = useCallback(() => {
    void client.invalidateQueries({ queryKey: STATUS_QUERY_KEY });
    void client.invalidateQueries({ queryKey: ["dashboard"] });
  }, [client]);
  return {
    saveDraft: async (request: StatusReportRequest) => {
      const r = await saveStatusReportDraft(services, request);
      refresh();
      return r;
    },
    publish: async (request: StatusReportRequest) => {
      const r = await publishStatusReportFromForm(services, request);
      refresh();
      return r;
    },
    sendReminders: async (request: ReminderRequest) => {
      const r = await sendStatusReminders(services, request);
      refresh();
      return r;
    },
  };
}

/** The tab's status page as an absolute address, for the reminder mail. */
export function statusPageLink(): string {
  return `${window.location.origin}${window.location.pathname}${hrefForPage("statusReports")}`;
}

/** Periods, dates and RAG words in the UI language. */
export function useStatusFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    language,
    date: (iso: string) => formatDate(iso, language, "long"),
    /** `2026-Q2` as "2. kvartal 2026" / "Q2 2026"; `2026-05` as "maj 2026" / "May 2026". */
    period: (key: string) => {
      const q = /^(\d{4})-Q([1-4])$/.exec(key);
      if (q) return t("status.quarter", { year: q[1], quarter: q[2] });
      const m = /^(\d{4})-(\d{2})$/.exec(key);
      if (!m) return key;
      return new Intl.DateTimeFormat(formattingLocale(language), {
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
    },
  };
}
