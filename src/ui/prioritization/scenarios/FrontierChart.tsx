/**
 * The efficient frontier as an inline SVG (best total priority per budget level) with the chosen
 * scenario marked by shape and label, not colour alone, and the same figures as a table.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { useId } from "react";
import { useTranslation } from "react-i18next";

import type { Frontier, FrontierPoint } from "../../../domain/frontier.js";
import { formatDkk } from "../../../domain/tally.js";
import { type DataColumn, DataTable } from "../../components/DataTable.js";

const W = 520;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

const useStyles = makeStyles({
  svg: { maxWidth: "100%", height: "auto" },
  line: { stroke: tokens.colorBrandForeground1, strokeWidth: 2, fill: "none" },
  dot: { fill: tokens.colorBrandForeground1 },
  chosen: {
    fill: tokens.colorPaletteRedForeground1,
    stroke: tokens.colorNeutralForeground1,
    strokeWidth: 1,
  },
  axis: { stroke: tokens.colorNeutralForeground3 },
  text: { fill: tokens.colorNeutralForeground1, fontSize: "11px" },
});

function round1(n: number): string {
  return (Math.round(n * 10) / 10).toLocaleString("da-DK");
}

export function FrontierChart({ frontier }: { frontier: Frontier }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const titleId = useId();
  const tableId = useId();
  const pts = frontier.points.filter((p) => p.value !== null);
  if (pts.length === 0) return null;
  const maxBudget = Math.max(...pts.map((p) => p.budget), 1);
  const maxValue = Math.max(...pts.map((p) => p.value ?? 0), 1);
  const x = (b: number) => PAD.left + (b / maxBudget) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / maxValue) * (H - PAD.top - PAD.bottom);
  const chosen = pts.find((p) => p.chosen);
  const columns: DataColumn<FrontierPoint>[] = [
    {
      key: "budget",
      header: t("scenarios.frontier.budget"),
      cell: (p) => formatDkk(p.budget),
      sortValue: (p) => p.budget,
      align: "end",
    },
    {
      key: "value",
      header: t("scenarios.frontier.value"),
      cell: (p) => round1(p.value ?? 0),
      sortValue: (p) => p.value,
      align: "end",
    },
    {
      key: "cost",
      header: t("scenarios.frontier.cost"),
      cell: (p) => (p.cost === null ? "" : formatDkk(p.cost)),
      sortValue: (p) => p.cost,
      align: "end",
    },
    {
      key: "count",
      header: t("scenarios.frontier.count"),
      cell: (p) => p.selected.length,
      sortValue: (p) => p.selected.length,
      align: "end",
      priority: 1,
    },
    {
      key: "mark",
      header: t("scenarios.frontier.mark"),
      cell: (p) => (p.chosen ? t("scenarios.frontier.chosen") : ""),
      priority: 2,
    },
  ];
  return (
    <figure>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={tableId}
      >
        <title id={titleId}>{t("scenarios.frontier.chartTitle")}</title>
        <line
          className={styles.axis}
          x1={PAD.left}
          y1={H - PAD.bottom}
          x2={W - PAD.right}
          y2={H - PAD.bottom}
        />
        <line
          className={styles.axis}
          x1={PAD.left}
          y1={PAD.top}
          x2={PAD.left}
          y2={H - PAD.bottom}
        />
        <text className={styles.text} x={PAD.left} y={H - 8}>
          {t("scenarios.frontier.xAxis")}
        </text>
        <text className={styles.text} x={4} y={PAD.top + 4}>
          {round1(maxValue)}
        </text>
        <text className={styles.text} x={W - PAD.right} y={H - 8} textAnchor="end">
          {formatDkk(maxBudget)}
        </text>
        <polyline
          className={styles.line}
          points={pts.map((p) => `${x(p.budget)},${y(p.value ?? 0)}`).join(" ")}
        />
        {pts.map((p) => (
          <circle
            key={p.level}
            className={styles.dot}
            cx={x(p.budget)}
            cy={y(p.value ?? 0)}
            r={3}
          />
        ))}
        {chosen ? (
          <g>
            <rect
              className={styles.chosen}
              x={x(chosen.budget) - 6}
              y={y(chosen.value ?? 0) - 6}
              width={12}
              height={12}
              transform={`rotate(45 ${x(chosen.budget)} ${y(chosen.value ?? 0)})`}
            />
            <text
              className={styles.text}
              x={x(chosen.budget) - 10}
              y={y(chosen.value ?? 0) - 12}
              textAnchor="end"
            >
              {t("scenarios.frontier.chosen")}
            </text>
          </g>
        ) : null}
      </svg>
      <div id={tableId}>
        <DataTable
          label={t("scenarios.frontier.tableLabel")}
          rows={pts}
          columns={columns}
          rowKey={(p) => p.level}
        />
      </div>
      {frontier.chosen ? (
        <figcaption>
          {frontier.chosen.shortfall > 0
            ? t("scenarios.frontier.shortfall", { value: round1(frontier.chosen.shortfall) })
            : t("scenarios.frontier.onFrontier")}
        </figcaption>
      ) : null}
    </figure>
  );
}
