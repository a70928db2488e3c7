/**
 * The reports saved and sent, newest first: which, who made it (the Author the server set),
 * when it was saved and sent, to whom, and whether Chefforum was told. A report opens as its
 * document; one saved but not sent (or whose orientation failed) can be sent again.
 */
import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import type { StoredReport } from "../../domain/reports.js";
import type { ReportsPage } from "../../use-cases/reports.js";
import { type DataColumn, DataTable, Stack } from "../components/index.js";
import { formatDate } from "../i18n/format.js";
import { useReportDownload, useResendReport } from "../queries/reports.js";
import { DocumentActions } from "./DocumentActions.js";
import { ReportDocument } from "./ReportDocument.js";
import { SendResult } from "./SendResult.js";

export function ReportHistory({ page }: { page: ReportsPage }) {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  const [open, setOpen] = useState<StoredReport | null>(null);
  const resend = useResendReport();
  const download = useReportDownload();
  const when = (iso: string) => formatDate(iso, language, "dateTime");
  const c = (k: string) => t(`reports.history.columns.${k}`);
  const columns: DataColumn<StoredReport>[] = [
    {
      key: "title",
      header: c("title"),
      cell: (r) => (
        <Button appearance="transparent" onClick={() => setOpen(r)}>
          {r.header.title}
        </Button>
      ),
      sortValue: (r) => r.header.title,
      grow: 3,
    },
    { key: "kind", header: c("kind"), cell: (r) => t(`reports.kind.${r.header.kind}`) },
    { key: "author", header: c("author"), cell: (r) => r.author?.name ?? "–", grow: 2 },
    {
      key: "created",
      header: c("created"),
      cell: (r) => when(r.header.created),
      sortValue: (r) => r.header.created,
      priority: 2,
    },
    {
      key: "sentAt",
      header: c("sentAt"),
      cell: (r) => (r.header.sentAt ? when(r.header.sentAt) : t("reports.history.notSent")),
      sortValue: (r) => r.header.sentAt ?? "",
    },
    { key: "sentTo", header: c("sentTo"), cell: (r) => r.header.sentTo, priority: 3 },
    {
      key: "chefforum",
      header: c("chefforum"),
      cell: (r) =>
        r.header.kind !== "Direktørforum"
          ? "–"
          : r.header.chefforumMessageId
            ? t("reports.history.posted")
            : t("reports.history.notPosted"),
      priority: 1,
    },
  ];
  const needsResend = (r: StoredReport) =>
    !r.header.sentAt || (r.header.kind === "Direktørforum" && !r.header.chefforumMessageId);

  return (
    <Stack gap="m">
      <h2 style={{ margin: 0 }} data-print-hide>
        {t("reports.history.heading")}
      </h2>
      <div data-print-hide>
        <DataTable
          label={t("reports.history.heading")}
          rows={page.reports}
          columns={columns}
          rowKey={(r) => r.header.id}
          rowTestId={(r) => `report-row-${r.header.id}`}
          empty={t("reports.history.empty")}
        />
      </div>
      {page.irregular.length > 0 ? (
        <MessageBar intent="warning" data-print-hide>
          <MessageBarBody>
            <Text weight="semibold">{t("reports.history.irregularHeading")}</Text>
            <ul>
              {page.irregular.map((i) => (
                <li key={`${i.item}-${i.rule}`}>
                  {t("reports.history.irregular", {
                    item: i.item,
                    by: i.by?.name ?? "–",
                    rule: t(`reports.irregularRule.${i.rule}`),
                  })}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {open ? (
        <Stack gap="m">
          <SendResult outcome={resend.data} />
          <DocumentActions onExcel={() => download.mutate({ content: open.content, language })}>
            {page.mayMake && needsResend(open) ? (
              <Button
                appearance="primary"
                disabled={resend.isPending}
                onClick={() => resend.mutate(open.header.id)}
              >
                {t("reports.actions.resend")}
              </Button>
            ) : null}
            <Button onClick={() => setOpen(null)}>{t("reports.actions.close")}</Button>
          </DocumentActions>
          <ReportDocument content={open.content} title={open.header.title} />
        </Stack>
      ) : null}
    </Stack>
  );
}
