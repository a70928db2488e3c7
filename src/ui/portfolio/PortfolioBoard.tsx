/**
 * The board by phase: one column per phase (the main chain, Parkeret, Afvist), each showing its
 * first 50 cards and "Vis flere" for the next 50, so 10,000 initiatives never render at once.
 * A card moves by drag and drop onto a column it may go to (other columns are not drop targets;
 * entering or dropping on one says why), by its "Flyt til …" menu (only this user's allowed
 * phases), or by Ctrl+←/→ to the neighbouring phase.
 */
import {
  Button,
  Link,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  Text,
  tokens,
} from "@fluentui/react-components";
import { type DragEvent, type KeyboardEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  boardColumns,
  moveTargets,
  neighbourTarget,
  whyNotMove,
} from "../../domain/portfolio-view.js";
import type { Me } from "../../domain/roles.js";
import type { Phase } from "../../domain/vocabulary.js";
import { useParkedFrom } from "../queries/portfolio.js";
import { hrefForInitiative } from "../shell/routes.js";
import { StatusText } from "./cells.js";
import type { MoveCard } from "./useMove.js";

/** Cards a column shows before "Vis flere", and how many more each press adds. */
export const BOARD_PAGE = 50;

const useStyles = makeStyles({
  board: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    overflowX: "auto",
    paddingBlockEnd: tokens.spacingVerticalM,
    alignItems: "flex-start",
  },
  column: {
    flex: "0 0 16rem",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    border: `2px solid transparent`,
  },
  target: { border: `2px dashed ${tokens.colorBrandStroke1}` },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

interface CardProps {
  card: MoveCard;
  me: Me;
  busy: boolean;
  onMove: (card: MoveCard, to: Phase) => void;
  onRefuse: (card: MoveCard, to: Phase | null) => void;
  onDragStart: (card: MoveCard) => void;
  onDragEnd: () => void;
}

function BoardCard({ card, me, busy, onMove, onRefuse, onDragStart, onDragEnd }: CardProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [menuOpen, setMenuOpen] = useState(false);
  // A parked initiative may only resume into where it was parked from (or earlier): its valid
  // history says where, read when its menu is first opened.
  const parked = useParkedFrom(card, card.phase === "Parkeret" && menuOpen);
  const targets = moveTargets(card, me, parked.data ?? null);
  const titleId = `card-${card.id}-title`;
  const keyDown = (e: KeyboardEvent) => {
    if (!e.ctrlKey || (e.key !== "ArrowLeft" && e.key !== "ArrowRight")) return;
    e.preventDefault();
    const to = neighbourTarget(card, e.key === "ArrowLeft" ? -1 : 1, me);
    if (to) onMove(card, to);
    else onRefuse(card, null);
  };
  const dragStart = (e: DragEvent) => {
    e.dataTransfer.setData("text/plain", String(card.id));
    e.dataTransfer.effectAllowed = "move";
    onDragStart(card);
  };
  return (
    <article
      className={styles.card}
      tabIndex={0}
      data-card-id={card.id}
      aria-labelledby={titleId}
      aria-describedby="board-keyboard-hint"
      aria-busy={busy || undefined}
      draggable={targets.length > 0}
      onDragStart={dragStart}
      onDragEnd={onDragEnd}
      onKeyDown={keyDown}
    >
      <Link id={titleId} href={hrefForInitiative(card.id)}>
        {card.title}
      </Link>
      <span className={styles.meta}>{card.area?.title ?? ""}</span>
      <span className={styles.meta}>
        {t("portfolio.board.status")} <StatusText status={card.latestStatus} />
      </span>
      <Menu onOpenChange={(_, d) => setMenuOpen(d.open)}>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton size="small" aria-describedby={titleId} disabled={busy}>
            {t("portfolio.board.moveTo")}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {targets.length === 0 ? (
              <MenuItem disabled>{t("portfolio.board.noMoves")}</MenuItem>
            ) : (
              targets.map((p) => (
                <MenuItem key={p} onClick={() => onMove(card, p)}>
                  {t(`portfolio.phases.${p}`)}
                </MenuItem>
              ))
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
    </article>
  );
}

export interface PortfolioBoardProps {
  rows: readonly MoveCard[];
  me: Me;
  /** The card being moved, if any. */
  busyId: number | null;
  /** A card to give focus to (after a move). */
  focusId: number | null;
  onMove: (card: MoveCard, to: Phase) => void;
}

export function PortfolioBoard({ rows, me, busyId, focusId, onMove }: PortfolioBoardProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const columns = useMemo(() => boardColumns(rows), [rows]);
  const [shown, setShown] = useState<Partial<Record<Phase, number>>>({});
  const [dragging, setDragging] = useState<MoveCard | null>(null);
  const [explanation, setExplanation] = useState("");

  useEffect(() => {
    if (focusId === null) return;
    const el = document.querySelector<HTMLElement>(`[data-card-id="${focusId}"]`);
    el?.focus();
  }, [focusId, rows]);

  const phaseName = (p: Phase) => t(`portfolio.phases.${p}`);
  const explain = (card: MoveCard, to: Phase | null) => {
    const why = to === null ? "notAllowed" : (whyNotMove(card, to, me) ?? "notAllowed");
    if (to === null) {
      setExplanation(t("portfolio.board.noMoves"));
      return;
    }
    setExplanation(
      t(`portfolio.board.notHere.${why}`, {
        title: card.title,
        phase: phaseName(to),
        from: phaseName(card.phase),
      }),
    );
  };
  const allowed = (to: Phase) => dragging !== null && whyNotMove(dragging, to, me) === null;

  return (
    <div>
      <p id="board-keyboard-hint" className={styles.hidden}>
        {t("portfolio.board.keyboardHint")}
      </p>
      <div role="status" aria-live="polite">
        {explanation ? <Text>{explanation}</Text> : null}
      </div>
      <div role="region" aria-label={t("portfolio.board.label")} className={styles.board}>
        {columns.map(({ phase, rows: cards }) => {
          const limit = shown[phase] ?? BOARD_PAGE;
          const headingId = `board-column-${phase.replace(/\W+/g, "-")}`;
          const isTarget = allowed(phase);
          return (
            <section
              key={phase}
              aria-labelledby={headingId}
              data-phase={phase}
              className={mergeClasses(styles.column, isTarget && styles.target)}
              onDragOver={(e) => {
                if (!isTarget) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
              }}
              onDragEnter={() => {
                if (dragging && !isTarget && dragging.phase !== phase) explain(dragging, phase);
              }}
              onDrop={(e) => {
                e.preventDefault();
                const card = dragging;
                setDragging(null);
                if (!card) return;
                if (whyNotMove(card, phase, me) === null) onMove(card, phase);
                else explain(card, phase);
              }}
            >
              <h2 id={headingId} className={styles.heading}>
                {t("portfolio.board.column", { phase: phaseName(phase), count: cards.length })}
              </h2>
              {isTarget ? (
                <span className={styles.hidden}>
                  {t("portfolio.board.dropHere", { phase: phaseName(phase) })}
                </span>
              ) : null}
              <ul className={styles.list}>
                {cards.slice(0, limit).map((card) => (
                  <li key={card.id}>
                    <BoardCard
                      card={card}
                      me={me}
                      busy={busyId === card.id}
                      onMove={(c, to) => {
                        setExplanation("");
                        onMove(c, to);
                      }}
                      onRefuse={explain}
                      onDragStart={setDragging}
                      onDragEnd={() => setDragging(null)}
                    />
                  </li>
                ))}
              </ul>
              {cards.length > limit ? (
                <Button
                  size="small"
                  onClick={() => setShown((s) => ({ ...s, [phase]: limit + BOARD_PAGE }))}
                >
                  {t("portfolio.board.showMore", {
                    count: Math.min(BOARD_PAGE, cards.length - limit),
                  })}
                </Button>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
