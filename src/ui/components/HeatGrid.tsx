/**
 * A heatmap as a plain table with grid keyboard semantics: row headers, one column per period,
 * a short text in each cell and its level shown by colour AND by a mark (never colour alone).
 * - One tab stop for the whole grid; arrow keys, Home/End (in the row) and Ctrl+Home/End move
 *   between cells (roving tabindex, moved in the DOM so the 1,000 cells are not re-rendered).
 * - Hovering or focusing a cell shows its detail (e.g. which initiatives use the hours) in a
 *   box beside it; the focused cell is described by that box (aria-describedby), Escape hides it.
 * The cells are rendered once per data change (memoised): showing a detail re-renders only the
 * box. Built for about 50 rows × 36 columns.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import {
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";

export type HeatLevel = "empty" | "ok" | "high" | "over";

export interface HeatCell {
  /** The cell's short text, e.g. "60 / 40". */
  text: string;
  level: HeatLevel;
  /** What the cell means in words, shown on hover and focus (made when shown). */
  detail: () => ReactNode;
}

export interface HeatRow {
  key: string | number;
  label: string;
  cells: readonly HeatCell[];
}

export interface HeatGridProps {
  /** The grid's accessible name. */
  label: string;
  /** The header of the row-label column. */
  rowHeader: string;
  columns: readonly { key: string; label: string }[];
  rows: readonly HeatRow[];
  /** Words for the over mark's meaning, read after an over cell's text (e.g. "overbooket"). */
  overText: string;
  testId?: string;
}

const useStyles = makeStyles({
  wrap: {
    position: "relative",
    maxWidth: "100%",
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: {
    borderCollapse: "collapse",
    fontVariantNumeric: "tabular-nums",
    fontSize: tokens.fontSizeBase200,
  },
  th: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: "center",
    whiteSpace: "nowrap",
    fontWeight: tokens.fontWeightSemibold,
    zIndex: 1,
  },
  rowHeader: {
    position: "sticky",
    left: 0,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: "start",
    whiteSpace: "nowrap",
    fontWeight: tokens.fontWeightSemibold,
  },
  corner: { left: 0, zIndex: 2, textAlign: "start" },
  cell: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: "center",
    whiteSpace: "nowrap",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: "default",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  empty: { color: tokens.colorNeutralForeground3 },
  ok: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorNeutralForeground1,
  },
  high: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorNeutralForeground1,
  },
  over: {
    backgroundColor: tokens.colorPaletteRedBackground2,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightBold,
    boxShadow: `inset 3px 0 0 ${tokens.colorPaletteRedBorder2}`,
  },
  detail: {
    position: "absolute",
    zIndex: 3,
    minWidth: "14rem",
    maxWidth: "22rem",
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
    pointerEvents: "none",
    fontSize: tokens.fontSizeBase200,
  },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

interface Shown {
  row: number;
  col: number;
  top: number;
  left: number;
}

function cellOf(target: EventTarget | null): HTMLTableCellElement | null {
  const el = (target as HTMLElement | null)?.closest?.("td[data-col]");
  return (el as HTMLTableCellElement | null) ?? null;
}

export function HeatGrid({ label, rowHeader, columns, rows, overText, testId }: HeatGridProps) {
  const styles = useStyles();
  const detailId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  const body = useMemo(
    () =>
      rows.map((row, r) => (
        <tr key={row.key}>
          <th scope="row" className={styles.rowHeader}>
            {row.label}
          </th>
          {row.cells.map((cell, c) => (
            <td
              key={columns[c]?.key ?? c}
              role="gridcell"
              data-row={r}
              data-col={c}
              tabIndex={r === 0 && c === 0 ? 0 : -1}
              className={mergeClasses(styles.cell, styles[cell.level])}
            >
              {cell.level === "over" ? (
                <>
                  <span aria-hidden="true">▲ </span>
                  {cell.text}
                  <span className={styles.hidden}> {overText}</span>
                </>
              ) : (
                cell.text
              )}
            </td>
          ))}
        </tr>
      )),
    [rows, columns, styles, overText],
  );

  const show = (td: HTMLTableCellElement) => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const row = Number(td.dataset.row);
    const col = Number(td.dataset.col);
    if (shown?.row === row && shown.col === col) return;
    setShown({
      row,
      col,
      top: td.offsetTop + td.offsetHeight + 2,
      left: Math.max(0, Math.min(td.offsetLeft, wrap.scrollWidth - 240)),
    });
  };

  const move = (from: HTMLTableCellElement, row: number, col: number) => {
    const table = from.closest("table");
    const r = Math.max(0, Math.min(rows.length - 1, row));
    const c = Math.max(0, Math.min(columns.length - 1, col));
    const next = table?.querySelector<HTMLTableCellElement>(`td[data-row="${r}"][data-col="${c}"]`);
    if (!next || next === from) return;
    table?.querySelectorAll<HTMLTableCellElement>("td[tabindex='0']").forEach((el) => {
      el.tabIndex = -1;
    });
    next.tabIndex = 0;
    next.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const td = cellOf(e.target);
    if (!td) return;
    const r = Number(td.dataset.row);
    const c = Number(td.dataset.col);
    const last = columns.length - 1;
    const moves: Record<string, [number, number] | undefined> = {
      ArrowRight: [r, c + 1],
      ArrowLeft: [r, c - 1],
      ArrowDown: [r + 1, c],
      ArrowUp: [r - 1, c],
      Home: e.ctrlKey ? [0, 0] : [r, 0],
      End: e.ctrlKey ? [rows.length - 1, last] : [r, last],
    };
    if (e.key === "Escape") {
      setShown(null);
      return;
    }
    const to = moves[e.key];
    if (!to) return;
    e.preventDefault();
    move(td, to[0], to[1]);
  };

  const detail = shown ? rows[shown.row]?.cells[shown.col] : undefined;
  const showing = shown && detail;
  return (
    <div ref={wrapRef} className={styles.wrap} data-testid={testId}>
      <table
        role="grid"
        aria-label={label}
        className={styles.table}
        onKeyDown={onKeyDown}
        onMouseOver={(e: MouseEvent) => {
          const td = cellOf(e.target);
          if (td) show(td);
        }}
        onMouseLeave={() => setShown(null)}
        onFocus={(e: FocusEvent) => {
          const td = cellOf(e.target);
          if (td) {
            show(td);
            td.setAttribute("aria-describedby", detailId);
          }
        }}
        onBlur={(e: FocusEvent) => {
          cellOf(e.target)?.removeAttribute("aria-describedby");
          if (!wrapRef.current?.contains(e.relatedTarget)) setShown(null);
        }}
      >
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.th, styles.corner)}>
              {rowHeader}
            </th>
            {columns.map((col) => (
              <th key={col.key} scope="col" className={styles.th}>
                {col.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
      <div
        id={detailId}
        role={showing ? "tooltip" : undefined}
        data-testid={testId ? `${testId}-detail` : undefined}
        className={showing ? styles.detail : styles.hidden}
        style={showing ? { top: shown.top, left: shown.left } : undefined}
      >
        {showing ? detail.detail() : null}
      </div>
    </div>
  );
}
