/**
 * The heatmaps' cells from the domain's load grids: the text "allocated / capacity" and the
 * level (none, within, at 90 % or more, over); the words for hover and focus (which name the
 * initiatives using the hours, most first) are made only for the cell shown.
 */
import type { LoadCell, LoadGrid } from "../../domain/resources-capacity.js";
import type { HeatLevel } from "../components/index.js";

/** 90 % of capacity or more is shown as nearly full. */
export const HIGH_SHARE = 0.9;

export function levelOf(cell: Pick<LoadCell, "allocated" | "capacity" | "over">): HeatLevel {
  if (cell.over > 0) return "over";
  if (cell.allocated === 0) return "empty";
  return cell.allocated >= cell.capacity * HIGH_SHARE ? "high" : "ok";
}

export interface HeatWords {
  number: (n: number) => string;
  month: (month: string) => string;
  /** "{{allocated}} of {{capacity}} hours" etc., already worded. */
  summary: (cell: LoadCell) => string;
  initiative: (title: string, hours: string) => string;
}

export interface HeatModelCell {
  text: string;
  level: HeatLevel;
  /** The row, month and load in words. */
  summary: () => string;
  /** The initiatives using the hours, in words, most first. */
  initiatives: () => string[];
}

export interface HeatModelRow {
  key: string | number;
  label: string;
  cells: HeatModelCell[];
}

export function heatModel<K extends string | number>(
  grid: LoadGrid<K>,
  words: HeatWords,
  label: (key: K, fallback: string) => string = (_, f) => f,
): HeatModelRow[] {
  return grid.rows.map((row) => {
    const name = label(row.key, row.label);
    return {
      key: row.key,
      label: name,
      cells: row.cells.map((cell) => ({
        text:
          cell.allocated === 0 && cell.capacity === 0
            ? "–"
            : `${words.number(cell.allocated)} / ${words.number(cell.capacity)}`,
        level: levelOf(cell),
        summary: () => `${name}, ${words.month(cell.month)}: ${words.summary(cell)}`,
        initiatives: () =>
          cell.initiatives.map((i) => words.initiative(i.initiative.title, words.number(i.hours))),
      })),
    };
  });
}
