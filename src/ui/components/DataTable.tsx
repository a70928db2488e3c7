/**
 * The one table of the UI. ARIA table semantics on divs (so rows can be virtualised), with:
 * - sortable columns: each sortable header is a button (Enter or Space sorts, again flips the
 *   direction), `aria-sort` on the sorted column and the direction in the button's text;
 * - virtualised rows (TanStack Virtual): only the rows in view are in the DOM, so 10,000 rows
 *   cost what 30 do; the table's size is told with aria-rowcount and each row's place with
 *   aria-rowindex;
 * - a sticky header row inside the table's own scrolling region;
 * - responsive: the table is never wider than its container. Columns with a priority are hidden
 *   on narrow widths (the table says which), and what still does not fit scrolls sideways inside
 *   the table's focusable region, never the page;
 * - keyboard-accessible rows when they open something (`onRowActivate`): one tab stop for the
 *   rows, arrow keys (and Home, End, Page Up, Page Down) move between them, Enter opens.
 */
import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { ArrowSortDownRegular, ArrowSortUpRegular } from "@fluentui/react-icons";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";

import {
  type DataColumn,
  DEFAULT_MIN_WIDTH_REM,
  nextSort,
  sortRows,
  type SortState,
  visibleColumns,
} from "./data-table-model.js";

export type { DataColumn, SortState, SortValue } from "./data-table-model.js";

const DEFAULT_ROW_HEIGHT = 40;
const PAGE_ROWS = 10;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  scroller: {
    width: "100%",
    maxWidth: "100%",
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
  bodyRow: { position: "absolute", left: 0 },
  activatable: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  cell: {
    paddingInline: tokens.spacingHorizontalS,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    minWidth: 0,
  },
  end: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  headerCell: { paddingInline: tokens.spacingHorizontalXXS },
  headerText: {
    fontWeight: tokens.fontWeightSemibold,
    paddingInline: tokens.spacingHorizontalS,
  },
  sortButton: {
    justifyContent: "flex-start",
    width: "100%",
    minWidth: 0,
    fontWeight: tokens.fontWeightSemibold,
  },
  empty: { padding: tokens.spacingHorizontalM, margin: 0 },
  note: { color: tokens.colorNeutralForeground3 },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string | number;
  /** The sort, when the caller holds it (with `onSortChange`); the table holds it otherwise. */
  sort?: SortState | null;
  /** Where a table that holds its own sort starts. */
  defaultSort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  /** Rows already come in the chosen order (sorted by the caller or the server). */
  manualSorting?: boolean;
  /** Makes rows open something: one tab stop, arrow keys between rows, Enter or a click. */
  onRowActivate?: (row: T) => void;
  /** A row's accessible name when rows open something (e.g. the initiative's title). */
  rowLabel?: (row: T) => string;
  /** A row's `data-testid`, for end-to-end tests that find one row (e.g. `meeting-row-6`). */
  rowTestId?: (row: T) => string;
  /** Shown under the header when there are no rows (default: "there is nothing to show"). */
  empty?: ReactNode;
  /** Height of the scrolling region (default `min(70vh, 44rem)`; shorter tables shrink). */
  height?: string;
  rowHeight?: number;
  className?: string;
}

/** The element's content width, followed as it changes (undefined until known). */
function useContentWidth(ref: RefObject<HTMLElement | null>): number | undefined {
  const [width, setWidth] = useState<number>();
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function remInPx(): number {
  if (typeof window === "undefined") return 16;
  const size = Number.parseFloat(window.getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(size) && size > 0 ? size : 16;
}

/** A click on a link, button or field inside a row acts on that control, not on the row. */
function fromControl(e: MouseEvent): boolean {
  const target = e.target as HTMLElement | null;
  return !!target?.closest("a,button,input,select,textarea,[role='button'],[role='link']");
}

export function DataTable<T>(props: DataTableProps<T>) {
  const {
    label,
    rows,
    columns,
    rowKey,
    onRowActivate,
    rowLabel,
    rowTestId,
    empty,
    manualSorting = false,
    rowHeight = DEFAULT_ROW_HEIGHT,
  } = props;
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);

  const [ownSort, setOwnSort] = useState<SortState | null>(props.defaultSort ?? null);
  const sort = props.sort !== undefined ? props.sort : ownSort;
  const chooseSort = (column: string) => {
    const next = nextSort(sort, column);
    if (props.sort === undefined) setOwnSort(next);
    props.onSortChange?.(next);
  };

  const sorted = useMemo(
    () => (manualSorting ? rows : sortRows(rows, columns, sort, i18n.language)),
    [manualSorting, rows, columns, sort, i18n.language],
  );

  const width = useContentWidth(scroller);
  const rem = useMemo(remInPx, []);
  const shown = useMemo(() => visibleColumns(columns, width, rem), [columns, width, rem]);
  const hiddenColumns = columns.filter((c) => !shown.includes(c));

  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // The first render has no layout yet: a screenful until the region's size is known.
    initialRect: { width: 1200, height: 720 },
  });

  // Keyboard: the row that holds the rows' one tab stop, and a row waiting to take focus once
  // it is rendered (after scrolling to it).
  const [active, setActive] = useState(0);
  const [focusWanted, setFocusWanted] = useState<number | null>(null);
  const activeRow = Math.min(active, Math.max(0, sorted.length - 1));
  useEffect(() => {
    if (focusWanted === null) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-row-index="${focusWanted}"]`);
    if (el) {
      el.focus();
      setFocusWanted(null);
    }
  });
  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(sorted.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: "auto" });
    setFocusWanted(target);
  };
  const onRowKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number, row: T) => {
    if (e.target !== e.currentTarget) return;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: sorted.length - 1,
      PageDown: index + PAGE_ROWS,
      PageUp: index - PAGE_ROWS,
    };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      moveTo(to);
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onRowActivate?.(row);
    }
  };

  const template = shown
    .map((c) => `minmax(${c.minWidth ?? DEFAULT_MIN_WIDTH_REM}rem, ${c.grow ?? 1}fr)`)
    .join(" ");
  const minWidth = `${shown.reduce((w, c) => w + (c.minWidth ?? DEFAULT_MIN_WIDTH_REM), 0)}rem`;
  const grid = { gridTemplateColumns: template, minWidth };
  const bodyHeight = virtualizer.getTotalSize();
  const height = props.height ?? "min(70vh, 44rem)";

  const header = (c: DataColumn<T>, i: number) => {
    const current = sort?.column === c.key ? sort : null;
    const direction = current
      ? current.descending
        ? t("kit.table.sortDescending")
        : t("kit.table.sortAscending")
      : null;
    return (
      <div
        key={c.key}
        role="columnheader"
        aria-colindex={i + 1}
        aria-sort={current ? (current.descending ? "descending" : "ascending") : undefined}
        className={mergeClasses(styles.cell, styles.headerCell, c.align === "end" && styles.end)}
      >
        {c.sortValue ? (
          <Button
            appearance="transparent"
            className={styles.sortButton}
            onClick={() => chooseSort(c.key)}
            title={t("kit.table.sortHint", { column: c.header })}
            icon={
              current ? (
                current.descending ? (
                  <ArrowSortDownRegular />
                ) : (
                  <ArrowSortUpRegular />
                )
              ) : undefined
            }
            iconPosition="after"
          >
            {c.header}
            {direction ? <span className={styles.hidden}>{`, ${direction}`}</span> : null}
          </Button>
        ) : (
          <span className={styles.headerText}>{c.header}</span>
        )}
      </div>
    );
  };

  return (
    <div className={mergeClasses(styles.root, props.className)}>
      <div
        ref={scroller}
        role="table"
        aria-label={label}
        aria-rowcount={sorted.length + 1}
        aria-colcount={shown.length}
        className={styles.scroller}
        style={{ maxHeight: height }}
        // The region scrolls by keyboard; with focusable rows the rows take that part.
        tabIndex={onRowActivate && sorted.length > 0 ? -1 : 0}
      >
        <div role="rowgroup" className={styles.header} style={{ minWidth }}>
          <div role="row" aria-rowindex={1} className={styles.row} style={grid}>
            {shown.map(header)}
          </div>
        </div>
        {/* An empty rowgroup would be a rowgroup without rows: leave it out. */}
        {sorted.length === 0 ? null : (
          <div
            role="rowgroup"
            style={{ height: `${bodyHeight}px`, position: "relative", minWidth }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const row = sorted[item.index]!;
              const activatable = onRowActivate !== undefined;
              const name = activatable && rowLabel ? rowLabel(row) : undefined;
              return (
                <div
                  key={rowKey(row)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-row-index={item.index}
                  {...(rowTestId ? { "data-testid": rowTestId(row) } : {})}
                  {...(name ? { "aria-label": name } : {})}
                  className={mergeClasses(
                    styles.row,
                    styles.bodyRow,
                    activatable && styles.activatable,
                  )}
                  style={{
                    ...grid,
                    width: "100%",
                    height: `${rowHeight}px`,
                    transform: `translateY(${item.start}px)`,
                  }}
                  {...(activatable
                    ? {
                        tabIndex: item.index === activeRow ? 0 : -1,
                        onKeyDown: (e: KeyboardEvent<HTMLDivElement>) =>
                          onRowKeyDown(e, item.index, row),
                        onFocus: () => setActive(item.index),
                        onClick: (e: MouseEvent) => {
                          if (!fromControl(e)) onRowActivate(row);
                        },
                      }
                    : {})}
                >
                  {shown.map((c, i) => (
                    <div
                      key={c.key}
                      role="cell"
                      aria-colindex={i + 1}
                      className={mergeClasses(styles.cell, c.align === "end" && styles.end)}
                    >
                      {c.cell(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
      {sorted.length === 0 ? (
        typeof empty === "string" || empty === undefined ? (
          <Text as="p" className={styles.empty}>
            {empty ?? t("kit.empty")}
          </Text>
        ) : (
          empty
        )
      ) : null}
      {hiddenColumns.length > 0 ? (
        <Text size={200} className={styles.note}>
          {t("kit.table.hiddenColumns", {
            count: hiddenColumns.length,
            names: hiddenColumns.map((c) => c.header).join(", "),
          })}
        </Text>
      ) : null}
    </div>
  );
}
