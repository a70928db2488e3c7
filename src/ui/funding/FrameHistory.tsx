/**
 * The frames' history: each counted change (by the secretary; who and when are the server's
 * Author and Created) with the amount before and after and the reason, newest first; and, apart,
 * change records that do not count, naming who wrote them.
 */
import { Text } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { FrameHistoryEntry } from "../../domain/funding-frames.js";
import type { BudgetFrameChange } from "../../domain/funding-frames.js";
import { type DataColumn, DataTable } from "../components/DataTable.js";
import { Stack } from "../components/Stack.js";
import { formatDate, formatDkk } from "../i18n/format.js";

export function FrameHistory(props: {
  history: Map<string, FrameHistoryEntry[]>;
  uncounted: readonly BudgetFrameChange[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const rows = [...props.history.values()]
    .flat()
    .sort((a, b) => b.change.created.localeCompare(a.change.created));
  const columns: DataColumn<FrameHistoryEntry>[] = [
    {
      key: "when",
      header: t("funding.history.when"),
      cell: (e) => formatDate(e.change.created, language),
      sortValue: (e) => e.change.created,
    },
    {
      key: "frame",
      header: t("funding.history.frame"),
      cell: (e) => `${e.change.kind} ${e.change.year}`,
      sortValue: (e) => `${e.change.year} ${e.change.kind}`,
    },
    {
      key: "who",
      header: t("funding.history.who"),
      cell: (e) => e.change.createdBy?.name ?? t("funding.history.unknown"),
      sortValue: (e) => e.change.createdBy?.name ?? "",
    },
    {
      key: "before",
      header: t("funding.history.before"),
      cell: (e) => (e.before === null ? "" : formatDkk(e.before, language)),
      sortValue: (e) => e.before,
      align: "end",
    },
    {
      key: "after",
      header: t("funding.history.after"),
      cell: (e) => formatDkk(e.change.amount, language),
      sortValue: (e) => e.change.amount,
      align: "end",
    },
    {
      key: "reason",
      header: t("funding.history.reason"),
      cell: (e) => e.change.reason,
      grow: 3,
      priority: 1,
    },
  ];
  return (
    <Stack gap="s">
      <h2 id="funding-history">{t("funding.history.heading")}</h2>
      <DataTable
        label={t("funding.history.label")}
        rows={rows}
        columns={columns}
        rowKey={(e) => e.change.id}
        empty={<Text>{t("funding.history.none")}</Text>}
      />
      {props.uncounted.length > 0 ? (
        <>
          <h3>{t("funding.history.uncounted")}</h3>
          <ul>
            {props.uncounted.map((c) => (
              <li key={c.id}>
                {t("funding.history.uncountedLine", {
                  kind: c.kind,
                  year: c.year,
                  amount: formatDkk(c.amount, language),
                  by: c.createdBy?.name ?? t("funding.history.unknown"),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Stack>
  );
}
