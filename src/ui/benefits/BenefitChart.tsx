/**
 * One benefit's planned curve (baseline to target, the pessimistic and optimistic targets as
 * the band's edges) against its measurements, as a Fluent chart (themed as Teams is) and, for
 * those who would rather read or use a screen reader, the same figures as a table.
 */
import { LineChart, type LineChartPoints } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

import type { Benefit, BenefitMeasurement } from "../../domain/benefits.js";
import { plannedCurve } from "../../domain/benefits-followup.js";
import { type DataColumn, DataTable, Stack } from "../components/index.js";
import { formatDate, formatNumber } from "../i18n/format.js";

interface Row {
  at: string;
  planned: number | null;
  low: number | null;
  high: number | null;
  measured: number | null;
}

export function BenefitChart(props: {
  benefit: Benefit;
  measurements: readonly BenefitMeasurement[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const { benefit, measurements } = props;
  const curve = useMemo(() => plannedCurve(benefit), [benefit]);
  const points = measurements.filter((m) => m.value !== null);
  const n = (x: number | null) => (x === null ? "–" : formatNumber(x, language, 1));
  const day = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`);

  const series: LineChartPoints[] = [
    {
      legend: t("benefits.chart.pessimistic"),
      color: tokens.colorPaletteMarigoldBorderActive,
      lineOptions: { strokeDasharray: "4 4" },
      data: curve.map((p) => ({ x: day(p.at), y: p.pessimistic })),
    },
    {
      legend: t("benefits.chart.expected"),
      color: tokens.colorBrandForeground1,
      data: curve.map((p) => ({ x: day(p.at), y: p.expected })),
    },
    {
      legend: t("benefits.chart.optimistic"),
      color: tokens.colorPaletteGreenBorderActive,
      lineOptions: { strokeDasharray: "4 4" },
      data: curve.map((p) => ({ x: day(p.at), y: p.optimistic })),
    },
    {
      legend: t("benefits.chart.measured"),
      color: tokens.colorPaletteBerryForeground1,
      lineOptions: { strokeWidth: 3 },
      data: points.map((m) => ({ x: day(m.measuredAt), y: m.value ?? 0 })),
    },
  ].filter((s) => s.data.length > 0);

  const rows: Row[] = [
    ...curve.map((p) => ({
      at: p.at,
      planned: p.expected,
      low: Math.min(p.pessimistic, p.optimistic),
      high: Math.max(p.pessimistic, p.optimistic),
      measured: null,
    })),
    ...points.map((m) => ({
      at: m.measuredAt.slice(0, 10),
      planned: null,
      low: null,
      high: null,
      measured: m.value,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const columns: DataColumn<Row>[] = [
    {
      key: "at",
      header: t("benefits.chart.date"),
      cell: (r) => formatDate(r.at, language, "short"),
      sortValue: (r) => r.at,
    },
    {
      key: "planned",
      header: t("benefits.chart.expected"),
      cell: (r) => n(r.planned),
      align: "end",
    },
    {
      key: "band",
      header: t("benefits.chart.band"),
      cell: (r) => (r.low === null ? "–" : `${n(r.low)} – ${n(r.high)}`),
      align: "end",
    },
    {
      key: "measured",
      header: t("benefits.chart.measured"),
      cell: (r) => n(r.measured),
      align: "end",
    },
  ];
  const title = t("benefits.chart.title", { title: benefit.title, unit: benefit.unit });

  return (
    <Stack gap="s">
      {series.length > 0 ? (
        <figure aria-label={title} style={{ margin: 0 }}>
          <LineChart
            data={{ chartTitle: title, lineChartData: series }}
            height={260}
            yAxisTitle={benefit.unit}
            culture={language === "da" ? "da-DK" : "en-GB"}
          />
        </figure>
      ) : null}
      <DataTable
        label={t("benefits.chart.table", { title: benefit.title })}
        rows={rows}
        columns={columns}
        rowKey={(r) => `${r.at}:${r.measured === null ? "p" : "m"}:${r.measured ?? ""}`}
        empty={t("benefits.chart.empty")}
        height="16rem"
      />
    </Stack>
  );
}
