/**
 * Frame against committed (under way and decided), planned (candidates in saved scenarios) and
 * expected benefits, one group of bars per budget year (Fluent's charts), with the same figures
 * as a table: the chart's text alternative and a way to read exact amounts.
 */
import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import { useId } from "react";
import { useTranslation } from "react-i18next";

import type { FramePicture } from "../../domain/funding-frames.js";
import { type DataColumn, DataTable } from "../components/DataTable.js";
import { Stack } from "../components/Stack.js";
import { formatDkk } from "../i18n/format.js";

interface YearFigures {
  year: number;
  frame: number;
  committed: number;
  planned: number;
  benefits: number;
}

export function yearFigures(picture: FramePicture): YearFigures[] {
  const years = [...new Set(picture.rows.map((r) => r.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const rows = picture.rows.filter((r) => r.year === year);
    const b = picture.benefits.find((x) => x.year === year);
    return {
      year,
      frame: rows.reduce((s, r) => s + r.frame, 0),
      committed: rows.reduce((s, r) => s + r.committed, 0),
      planned: rows.reduce((s, r) => s + r.planned, 0),
      benefits: (b?.committed ?? 0) + (b?.planned ?? 0),
    };
  });
}

export function FramePictureChart({ picture }: { picture: FramePicture }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const tableId = useId();
  const figures = yearFigures(picture);
  if (figures.length === 0) return null;
  const series = [
    { key: "frame", color: tokens.colorNeutralForeground3 },
    { key: "committed", color: tokens.colorBrandBackground },
    { key: "planned", color: tokens.colorPaletteMarigoldBorderActive },
    { key: "benefits", color: tokens.colorPaletteGreenBorderActive },
  ] as const;
  const data: GroupedVerticalBarChartData[] = figures.map((f) => ({
    name: String(f.year),
    series: series.map((s) => ({
      key: s.key,
      data: f[s.key],
      color: s.color,
      legend: t(`funding.chart.${s.key}`),
      xAxisCalloutData: String(f.year),
      yAxisCalloutData: formatDkk(f[s.key], language),
    })),
  }));
  const columns: DataColumn<YearFigures>[] = [
    {
      key: "year",
      header: t("funding.chart.year"),
      cell: (f) => String(f.year),
      sortValue: (f) => f.year,
    },
    ...series.map((s): DataColumn<YearFigures> => ({
      key: s.key,
      header: t(`funding.chart.${s.key}`),
      cell: (f) => formatDkk(f[s.key], language),
      sortValue: (f) => f[s.key],
      align: "end",
    })),
  ];
  return (
    <Stack gap="s">
      <figure aria-describedby={tableId} style={{ margin: 0 }}>
        <GroupedVerticalBarChart
          data={data}
          chartTitle={t("funding.chart.title")}
          height={300}
          barWidth={16}
          yAxisTickFormat={(v: number) => formatDkk(v, language)}
        />
      </figure>
      <div id={tableId}>
        <DataTable
          label={t("funding.chart.tableLabel")}
          rows={figures}
          columns={columns}
          rowKey={(f) => f.year}
        />
      </div>
    </Stack>
  );
}
