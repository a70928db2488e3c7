/**
 * The portfolio's economic benefits (in kroner) per year, planned against realised, as a
 * grouped bar chart and the same figures as a table.
 */
import { GroupedVerticalBarChart } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { YearFigures } from "../../domain/benefits-followup.js";
import { type DataColumn, DataTable, Stack } from "../components/index.js";
import { formatNumber } from "../i18n/format.js";

export function EconomicChart({ years }: { years: readonly YearFigures[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const kr = (x: number) => `${formatNumber(Math.round(x), language, 0)} kr.`;
  const planned = t("benefits.economic.planned");
  const realised = t("benefits.economic.realised");
  const columns: DataColumn<YearFigures>[] = [
    {
      key: "year",
      header: t("benefits.economic.year"),
      cell: (r) => String(r.year),
      sortValue: (r) => r.year,
    },
    {
      key: "planned",
      header: planned,
      cell: (r) => kr(r.planned),
      sortValue: (r) => r.planned,
      align: "end",
    },
    {
      key: "realised",
      header: realised,
      cell: (r) => kr(r.realised),
      sortValue: (r) => r.realised,
      align: "end",
    },
  ];
  return (
    <Stack gap="s">
      {years.length > 0 ? (
        <figure aria-label={t("benefits.economic.title")} style={{ margin: 0 }}>
          <GroupedVerticalBarChart
            chartTitle={t("benefits.economic.title")}
            height={260}
            data={years.map((y) => ({
              name: String(y.year),
              series: [
                {
                  key: "planned",
                  legend: planned,
                  data: Math.round(y.planned),
                  color: tokens.colorBrandBackground,
                },
                {
                  key: "realised",
                  legend: realised,
                  data: Math.round(y.realised),
                  color: tokens.colorPaletteGreenBackground3,
                },
              ],
            }))}
          />
        </figure>
      ) : null}
      <DataTable
        label={t("benefits.economic.table")}
        rows={years}
        columns={columns}
        rowKey={(r) => r.year}
        empty={t("benefits.economic.empty")}
        height="14rem"
      />
    </Stack>
  );
}
