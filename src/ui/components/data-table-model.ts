/**
 * The pure part of DataTable: how rows sort (the UI language's collation, numbers as numbers,
 * empty values last in either direction) and which columns fit a width (the columns with the
 * highest priority number go first; columns without a priority always stay).
 */
import type { ReactNode } from "react";

export type SortValue = string | number | Date | boolean | null | undefined;

export interface DataColumn<T> {
  /** Stable id of the column (sort state, React keys). */
  key: string;
  /** The header text, in the UI language. */
  header: string;
  cell: (row: T) => ReactNode;
  /** The value the column sorts by; a column without one does not sort. */
  sortValue?: (row: T) => SortValue;
  /** The narrowest the column may be, in rem (default 9). */
  minWidth?: number;
  /** Its share of the width left over (default 1). */
  grow?: number;
  /**
   * On a narrow screen columns are hidden, the highest priority number first, until the rest
   * fit; a column without a priority is never hidden.
   */
  priority?: number;
  align?: "start" | "end";
}

export interface SortState {
  column: string;
  descending: boolean;
}

export const DEFAULT_MIN_WIDTH_REM = 9;

function isEmpty(v: SortValue): boolean {
  return v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
}

function comparable(v: Exclude<SortValue, null | undefined>): string | number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

/** Compares two values ascending; empty values are not compared here (see sortRows). */
export function compareValues(a: SortValue, b: SortValue, collator: Intl.Collator): number {
  const x = comparable(a as Exclude<SortValue, null | undefined>);
  const y = comparable(b as Exclude<SortValue, null | undefined>);
  if (typeof x === "number" && typeof y === "number") return x - y;
  return collator.compare(String(x), String(y));
}

/** The rows in the column's order (stable: equal rows keep their order); empty values last. */
export function sortRows<T>(
  rows: readonly T[],
  columns: readonly DataColumn<T>[],
  sort: SortState | null | undefined,
  language: string,
): readonly T[] {
  const column = sort ? columns.find((c) => c.key === sort.column) : undefined;
  const value = column?.sortValue;
  if (!sort || !value) return rows;
  const collator = new Intl.Collator(language, { numeric: true, sensitivity: "base" });
  const keyed = rows.map((row, index) => ({ row, index, v: value(row) }));
  keyed.sort((a, b) => {
    const ea = isEmpty(a.v);
    const eb = isEmpty(b.v);
    if (ea || eb) return ea === eb ? a.index - b.index : ea ? 1 : -1;
    const c = compareValues(a.v, b.v, collator);
    return c === 0 ? a.index - b.index : sort.descending ? -c : c;
  });
  return keyed.map((k) => k.row);
}

/** The next sort after choosing a column's header: ascending first, then it flips. */
export function nextSort(current: SortState | null | undefined, column: string): SortState {
  return current?.column === column
    ? { column, descending: !current.descending }
    : { column, descending: false };
}

/**
 * The columns that fit `widthPx` (with `remPx` pixels to a rem); all of them when the width is
 * not known. What still does not fit scrolls sideways inside the table.
 */
export function visibleColumns<T>(
  columns: readonly DataColumn<T>[],
  widthPx: number | undefined,
  remPx = 16,
): readonly DataColumn<T>[] {
  if (!widthPx || widthPx <= 0) return columns;
  const width = (cs: readonly DataColumn<T>[]) =>
    cs.reduce((w, c) => w + (c.minWidth ?? DEFAULT_MIN_WIDTH_REM) * remPx, 0);
  let shown = [...columns];
  while (width(shown) > widthPx) {
    const hideable = shown.filter((c) => c.priority !== undefined);
    if (hideable.length === 0) break;
    const next = hideable.reduce((a, b) => ((b.priority ?? 0) >= (a.priority ?? 0) ? b : a));
    shown = shown.filter((c) => c !== next);
  }
  return shown;
}
