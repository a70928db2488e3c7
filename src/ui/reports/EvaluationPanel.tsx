/**
 * The year-one evaluation: the year's figures from the committee's records, the committee's own
 * text sections (a reducer in form-state.ts), shown as its document and saved and sent like the
 * Direktørforum report.
 */
import { Button } from "@fluentui/react-components";
import { useReducer, useState } from "react";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import { calendarYearOf, type EvaluationContent } from "../../domain/reports.js";
import type { ReportsPage } from "../../use-cases/reports.js";
import {
  ConfirmDialog,
  ProblemMessage,
  QueryBoundary,
  Stack,
  TextField,
} from "../components/index.js";
import { useEvaluationPreview, useReportDownload, useSendReport } from "../queries/reports.js";
import { DocumentActions } from "./DocumentActions.js";
import { evaluationFormReducer, initialEvaluationForm } from "./form-state.js";
import { ReportDocument } from "./ReportDocument.js";
import { SendResult } from "./SendResult.js";

export function EvaluationPanel({ page }: { page: ReportsPage }) {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  const [form, dispatch] = useReducer(
    evaluationFormReducer,
    calendarYearOf(new Date()),
    initialEvaluationForm,
  );
  const [confirming, setConfirming] = useState(false);
  const preview = useEvaluationPreview(form.year, true);
  const send = useSendReport();
  const download = useReportDownload();
  const sections = form.sections.filter((s) => s.heading.trim() || s.text.trim());

  return (
    <Stack gap="m">
      <Stack gap="s" data-print-hide>
        <TextField
          label={t("reports.evaluation.year")}
          value={String(form.year)}
          type="number"
          onChange={(v) => dispatch({ type: "year", year: Number(v) })}
        />
        <Text2>{t("reports.evaluation.intro")}</Text2>
        <h3 style={{ margin: 0 }}>{t("reports.evaluation.sectionsHeading")}</h3>
        {form.sections.map((s, k) => (
          <Stack key={k} gap="xs">
            <TextField
              label={t("reports.evaluation.sectionHeading", { number: k + 1 })}
              value={s.heading}
              maxLength={255}
              onChange={(value) => dispatch({ type: "heading", index: k, value })}
            />
            <TextField
              label={t("reports.evaluation.sectionText", { number: k + 1 })}
              value={s.text}
              multiline
              onChange={(value) => dispatch({ type: "text", index: k, value })}
            />
            <div>
              <Button onClick={() => dispatch({ type: "removeSection", index: k })}>
                {t("reports.actions.removeSection", { number: k + 1 })}
              </Button>
            </div>
          </Stack>
        ))}
        <div>
          <Button onClick={() => dispatch({ type: "addSection" })}>
            {t("reports.actions.addSection")}
          </Button>
        </div>
      </Stack>
      <QueryBoundary query={preview} isEmpty={() => false} loadingLabel={t("reports.loading")}>
        {(outcome) => {
          if (!outcome.ok) return <ProblemMessage problems={[outcome.error]} />;
          const content: EvaluationContent = { ...outcome.value, sections };
          return (
            <Stack gap="m">
              {!page.address.ok ? <ProblemMessage problems={[page.address.error]} /> : null}
              <SendResult outcome={send.data} />
              <DocumentActions onExcel={() => download.mutate({ content, language })}>
                <Button
                  appearance="primary"
                  disabled={!page.address.ok || send.isPending || send.data?.ok === true}
                  onClick={() => setConfirming(true)}
                >
                  {send.isPending ? t("reports.actions.sending") : t("reports.actions.send")}
                </Button>
              </DocumentActions>
              <ReportDocument
                content={content}
                title={t("reports.evaluation.heading", { year: content.year })}
              />
              <ConfirmDialog
                open={confirming}
                title={t("reports.confirm.title")}
                confirmLabel={t("reports.confirm.confirm")}
                onConfirm={() =>
                  send.mutateAsync({ kind: "Evaluering", year: form.year, sections })
                }
                onClose={() => setConfirming(false)}
              >
                {t("reports.confirm.body", {
                  address: page.address.ok ? page.address.value : "",
                })}
              </ConfirmDialog>
            </Stack>
          );
        }}
      </QueryBoundary>
    </Stack>
  );
}

function Text2({ children }: { children: React.ReactNode }) {
  return <p style={{ margin: 0 }}>{children}</p>;
}
