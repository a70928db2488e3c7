/**
 * The Direktørforum report: built when asked for, shown as its document (print view, Excel),
 * then saved and sent after a confirmation. A refusal (no ongoing initiative, no or a bad
 * address, a mail too large) is shown in words and nothing is sent.
 */
import { Button } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import type { ReportsPage } from "../../use-cases/reports.js";
import { ConfirmDialog, ProblemMessage, QueryBoundary, Stack } from "../components/index.js";
import { usePortfolioReportPreview, useReportDownload, useSendReport } from "../queries/reports.js";
import { DocumentActions } from "./DocumentActions.js";
import { ReportDocument } from "./ReportDocument.js";
import { SendResult } from "./SendResult.js";

export function PortfolioPanel({ page }: { page: ReportsPage }) {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  const [built, setBuilt] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const preview = usePortfolioReportPreview(built);
  const send = useSendReport();
  const download = useReportDownload();

  if (!built) {
    return (
      <Stack direction="row" gap="s" data-print-hide>
        <Button appearance="primary" onClick={() => setBuilt(true)}>
          {t("reports.actions.preview")}
        </Button>
      </Stack>
    );
  }
  return (
    <QueryBoundary query={preview} isEmpty={() => false} loadingLabel={t("reports.loading")}>
      {(outcome) =>
        !outcome.ok ? (
          <ProblemMessage problems={[outcome.error]} />
        ) : (
          <Stack gap="m">
            {!page.address.ok ? <ProblemMessage problems={[page.address.error]} /> : null}
            <SendResult outcome={send.data} />
            <DocumentActions onExcel={() => download.mutate({ content: outcome.value, language })}>
              <Button
                appearance="primary"
                disabled={!page.address.ok || send.isPending || send.data?.ok === true}
                onClick={() => setConfirming(true)}
              >
                {send.isPending ? t("reports.actions.sending") : t("reports.actions.send")}
              </Button>
            </DocumentActions>
            <ReportDocument content={outcome.value} title={t("reports.portfolio.heading")} />
            <ConfirmDialog
              open={confirming}
              title={t("reports.confirm.title")}
              confirmLabel={t("reports.confirm.confirm")}
              onConfirm={() => send.mutateAsync({ kind: "Direktørforum" })}
              onClose={() => setConfirming(false)}
            >
              {t("reports.confirm.body", {
                address: page.address.ok ? page.address.value : "",
              })}
            </ConfirmDialog>
          </Stack>
        )
      }
    </QueryBoundary>
  );
}
