/**
 * The portfolio table: only the rows in view are in the DOM (TanStack Virtual), the table's
 * size is told with aria-rowcount and each row's place with aria-rowindex. Headers sort on
 * click or Enter/Space (Shift adds a further sort key); aria-sort marks the first key and the
 * button text names every key's direction and level.
 */
import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { ArrowSortDownRegular, ArrowSortUpRegular } from "@fluentui/react-icons";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type MouseEvent, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { PortfolioColumnKey } from "../../domain/export-columns.js";
import type { PortfolioRow, SortKey } from "../../domain/portfolio-view.js";
import { CellValue } from "./cells.js";

const ROW_HEIGHT = 40;

const useStyles = makeStyles({
  table: {
    height: "min(70vh, 44rem)",
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    position: "relative",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  header: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  row: {
    display: "grid",
    alignItems: "center",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  bodyRow: { position: "absolute", left: 0, height: `${ROW_HEIGHT}px` },
  cell: {
    paddingInline: tokens.spacingHorizontalS,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  headerCell: { paddingInline: tokens.spacingHorizontalXXS },
  sortButton: {
    justifyContent: "flex-start",
    width: "100%",
    fontWeight: tokens.fontWeightSemibold,
  },
  level: { fontSize: tokens.fontSizeBase100, marginInlineStart: tokens.spacingHorizontalXXS },
  empty: { padding: tokens.spacingHorizontalM, margin: 0 },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

export interface PortfolioTableProps {
  rows: readonly PortfolioRow[];
  columns: readonly PortfolioColumnKey[];
  sort: readonly SortKey[];
  onSort: (column: PortfolioColumnKey, additive: boolean) => void;
}

export function PortfolioTable({ rows, columns, sort, onSort }: PortfolioTableProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1200, height: 720 },
  });
  const template = columns
    .map((c) => (c === "title" ? "minmax(16rem, 3fr)" : "minmax(9rem, 1fr)"))
    .join(" ");
  const minWidth = `${columns.reduce((w, c) => w + (c === "title" ? 16 : 9), 0)}rem`;
  const grid = { gridTemplateColumns: template, minWidth };
  const header = (c: PortfolioColumnKey, i: number) => {
    const at = sort.findIndex((s) => s.column === c);
    const key = at >= 0 ? sort[at] : undefined;
    const direction = key
      ? key.descending
        ? t("portfolio.table.sortDescending")
        : t("portfolio.table.sortAscending")
      : null;
    const click = (e: MouseEvent) => onSort(c, e.shiftKey);
    return (
      <div
        key={c}
        role="columnheader"
        aria-colindex={i + 1}
        aria-sort={at === 0 ? (key?.descending ? "descending" : "ascending") : undefined}
        className={mergeClasses(styles.cell, styles.headerCell)}
      >
        <Button
          appearance="transparent"
          className={styles.sortButton}
          onClick={click}
          title={t("portfolio.table.sortHint")}
          icon={
            key ? key.descending ? <ArrowSortDownRegular /> : <ArrowSortUpRegular /> : undefined
          }
          iconPosition="after"
        >
          {t(`portfolio.columns.${c}`)}
          {direction ? (
            <span className={styles.level}>
              <span className={styles.hidden}>{`, ${direction}`}</span>
              {sort.length > 1 ? (
                <span>
                  <span aria-hidden="true">{at + 1}</span>
                  <span className={styles.hidden}>
                    {`, ${t("portfolio.table.sortLevel", { level: at + 1 })}`}
                  </span>
                </span>
              ) : null}
            </span>
          ) : null}
        </Button>
      </div>
    );
  };
  const items = virtualizer.getVirtualItems();
  return (
    <>
      <div
        ref={scroller}
        role="table"
        aria-label={t("portfolio.table.label")}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length}
        className={styles.table}
        tabIndex={0}
      >
        <div role="rowgroup" className={styles.header}>
          <div role="row" aria-rowindex={1} className={styles.row} style={grid}>
            {columns.map(header)}
          </div>
        </div>
        {/* An empty rowgroup would be a rowgroup without rows: leave it out. */}
        {rows.length === 0 ? null : (
          <div
            role="rowgroup"
            style={{ height: `${virtualizer.getTotalSize()}px`, position: "relative", minWidth }}
          >
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={row.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={mergeClasses(styles.row, styles.bodyRow)}
                  style={{ ...grid, width: "100%", transform: `translateY(${item.start}px)` }}
                >
                  {columns.map((c, i) => (
                    <div key={c} role="cell" aria-colindex={i + 1} className={styles.cell}>
                      <CellValue row={row} column={c} />
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
      {rows.length === 0 ? (
        <Text as="p" className={styles.empty}>
          {t("portfolio.table.empty")}
        </Text>
      ) : null}
    </>
  );
}
