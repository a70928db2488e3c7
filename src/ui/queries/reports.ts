/**
 * Rapporter's data: one hook per use-case (src/use-cases/reports.ts), keys from keys.ts. Every
 * query is under `queryKeys.reports()`; a report sent reads the history again, while the report
 * on screen stays the one that was sent.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { PortfolioReportId } from "../../domain/ids.js";
import type { Outcome } from "../../domain/problems.js";
import type {
  EvaluationContent,
  EvaluationSection,
  PortfolioReportContent,
  ReportContent,
} from "../../domain/reports.js";
import {
  loadReportsPage,
  previewEvaluation,
  previewPortfolioReport,
  reportFileName,
  type ReportsPage,
  reportWorkbook,
  resendReport,
  sendReport,
  type SentReport,
} from "../../use-cases/reports.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";
import { useTabLink } from "./meetings.js";

/** The route of Rapporter, linked from the mails and Chefforum's post. */
export const REPORTS_ROUTE = "#/rapporter";

function usePorts() {
  const { repositories, people, currentUser, clock, mailer, channel, files } = useServices();
  return { repositories, people, currentUser, clock, mailer, channel, files };
}

export function useReportsPage() {
  const ports = usePorts();
  return useQuery<ReportsPage>({
    queryKey: queryKeys.reports(),
    queryFn: () => loadReportsPage(ports),
  });
}

/** The Direktørforum report as it would be sent now (built when asked for). */
export function usePortfolioReportPreview(enabled: boolean) {
  const ports = usePorts();
  return useQuery<Outcome<PortfolioReportContent>>({
    queryKey: queryKeys.reportPreview(),
    queryFn: () => previewPortfolioReport(ports),
    enabled,
  });
}

/** The evaluation's figures for a year (the sections are added when it is sent). */
export function useEvaluationPreview(year: number, enabled: boolean) {
  const ports = usePorts();
  return useQuery<Outcome<EvaluationContent>>({
    queryKey: queryKeys.evaluationPreview(year),
    queryFn: () => previewEvaluation(ports, { year, sections: [] }),
    enabled,
  });
}

export type SendInput =
  | { kind: "Direktørforum" }
  | { kind: "Evaluering"; year: number; sections: readonly EvaluationSection[] };

/** Saves and sends a report (then Chefforum's orientation); the history reads again. */
export function useSendReport() {
  const ports = usePorts();
  const link = useTabLink();
  const client = useQueryClient();
  return useMutation<Outcome<SentReport>, unknown, SendInput>({
    mutationFn: (input) => sendReport(ports, { ...input, link: link(REPORTS_ROUTE) }),
    // The history reads again; the preview stays as it was sent.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.reports(), exact: true }),
  });
}

/** Sends again a report saved but not sent, or posts its missing Chefforum orientation. */
export function useResendReport() {
  const ports = usePorts();
  const link = useTabLink();
  const client = useQueryClient();
  return useMutation<Outcome<SentReport>, unknown, PortfolioReportId>({
    mutationFn: (id) => resendReport(ports, { id, link: link(REPORTS_ROUTE) }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.reports() }),
  });
}

/** The report's workbook as a download. */
export function useReportDownload() {
  const { files } = useServices();
  return useMutation<void, unknown, { content: ReportContent; language: "da" | "en" }>({
    mutationFn: async ({ content, language }) => {
      const buffer = await reportWorkbook(files, content, language);
      const url = URL.createObjectURL(
        new Blob([buffer], {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = reportFileName(content);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
}
