/**
 * The Kriteriescore ballot as one grid: candidates as rows, criteria as columns, each cell a
 * level ("Ikke vurderet" apart from "Ingen"). Every cell is labelled "candidate – criterion"
 * and the row and column headers are real headers, so a screen reader names both. By keyboard:
 * Tab and Shift+Tab go from cell to cell, row by row (the order the grid is read in); the arrow
 * keys or a level's first letter choose the level. On a narrow window the grid scrolls
 * sideways inside its own box, with the candidates' column kept in view; the page itself never
 * gets wider than the window.
 */
import { makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { useId } from "react";

import { LEVELS } from "../../../domain/tally.js";
import type { RoundCriterion } from "../../../use-cases/rounds.js";
import { useRoundFormat } from "./format.js";

/** Scores per candidate id, then per criterion id (level 0..4); absent = not rated. */
export type Scores = Record<number, Record<string, number>>;

const useStyles = makeStyles({
  scroller: {
    maxWidth: "100%",
    overflowX: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { borderCollapse: "collapse", minWidth: "100%" },
  colHeader: {
    textAlign: "start",
    verticalAlign: "bottom",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
    minWidth: "8rem",
  },
  rowHeader: {
    textAlign: "start",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightSemibold,
    position: "sticky",
    insetInlineStart: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    zIndex: 1,
    minWidth: "8rem",
    maxWidth: "14rem",
    overflowWrap: "anywhere",
  },
  corner: {
    position: "sticky",
    insetInlineStart: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    zIndex: 1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  select: { minWidth: "8rem" },
  hint: { color: tokens.colorNeutralForeground2 },
  /** Read by screen readers, not shown (the legend above says the same to sighted users). */
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

export interface ScoreGridProps {
  candidates: readonly { id: number; title: string }[];
  criteria: readonly RoundCriterion[];
  scores: Scores;
  disabled: boolean;
  onChange: (candidate: number, criterion: string, level: number | null) => void;
}

export function ScoreGrid({ candidates, criteria, scores, disabled, onChange }: ScoreGridProps) {
  const styles = useStyles();
  const { t } = useRoundFormat();
  const hintId = useId();
  const captionId = useId();
  return (
    <>
      <Text id={hintId} className={styles.hint}>
        {t("rounds.grid.hint")}
      </Text>
      <div className={styles.scroller}>
        <table className={styles.table} aria-labelledby={captionId} aria-describedby={hintId}>
          <caption id={captionId} className={styles.hidden}>
            {t("rounds.grid.caption")}
          </caption>
          <thead>
            <tr>
              <td className={styles.corner} />
              {criteria.map(({ criterion }) => (
                <th key={criterion.id} scope="col" className={styles.colHeader}>
                  {criterion.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.id}>
                <th scope="row" className={styles.rowHeader}>
                  {c.title}
                </th>
                {criteria.map(({ criterion }) => {
                  const key = String(criterion.id);
                  const v = scores[c.id]?.[key];
                  return (
                    <td key={criterion.id} className={styles.cell}>
                      <Select
                        className={styles.select}
                        size="small"
                        aria-label={t("rounds.ballot.scoreLabel", {
                          criterion: criterion.title,
                          candidate: c.title,
                        })}
                        value={v === undefined ? "" : String(v)}
                        disabled={disabled}
                        onChange={(_, d) =>
                          onChange(c.id, key, d.value === "" ? null : Number(d.value))
                        }
                      >
                        <option value="">{t("rounds.levels.notRated")}</option>
                        {LEVELS.map((l, i) => (
                          <option key={l} value={String(i)}>
                            {t(`rounds.levels.${l}`)}
                          </option>
                        ))}
                      </Select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The scores with one cell changed (null = not rated). */
export function withScore(
  scores: Scores,
  candidate: number,
  criterion: string,
  level: number | null,
): Scores {
  const own = { ...(scores[candidate] ?? {}) };
  if (level === null) delete own[criterion];
  else own[criterion] = level;
  return { ...scores, [candidate]: own };
}
