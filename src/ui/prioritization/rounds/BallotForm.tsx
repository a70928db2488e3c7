/**
 * The signed-in member's ballot for the round's method: Kriteriescore (each candidate × each
 * criterion on the five levels, "ikke vurderet" apart from "ingen"), Rangordning (an ordered
 * list, moved with the buttons or Alt+↑/↓ on an item), Prikker (spread the dots), Budget (pick
 * within the amount). Editable until close; after close the form is shown read-only.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { type KeyboardEvent, useRef, useState } from "react";

import { isStoreError } from "../../../domain/errors.js";
import type { InitiativeId } from "../../../domain/ids.js";
import type { BallotEntry, BallotPayload } from "../../../domain/prioritization.js";
import { isProblem } from "../../../domain/problems.js";
import { isEmptyBallot } from "../../../domain/tally.js";
import { isRoundClosedProblem, type RoundPage } from "../../../use-cases/rounds.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { formatDkk } from "../../i18n/format.js";
import { useSaveBallot } from "../../queries/prioritization.js";
import { ActionError } from "../ActionError.js";
import { useRoundFormat } from "./format.js";
import { ScoreGrid, type Scores, withScore } from "./ScoreGrid.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  group: {
    // A fieldset is as wide as its content by default: a wide grid would widen the page.
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
  },
  rankList: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  rankItem: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalXS,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

function initialScores(page: RoundPage): Scores {
  const out: Scores = {};
  for (const e of page.myBallot?.payload.entries ?? []) {
    out[e.candidate] = { ...(e.criterionScores ?? {}) };
  }
  return out;
}

function initialOrder(page: RoundPage): InitiativeId[] {
  const ranks = new Map(
    (page.myBallot?.payload.entries ?? []).map((e) => [e.candidate as number, e.rank]),
  );
  return [...page.candidates]
    .sort((a, b) => (ranks.get(a.id) ?? Infinity) - (ranks.get(b.id) ?? Infinity))
    .map((c) => c.id);
}

function initialNumbers(page: RoundPage): Record<number, string> {
  const out: Record<number, string> = {};
  for (const c of page.candidates) out[c.id] = "0";
  for (const e of page.myBallot?.payload.entries ?? []) out[e.candidate] = String(e.points ?? 0);
  return out;
}

export function BallotForm({ page }: { page: RoundPage }) {
  const styles = useStyles();
  const { t, language } = useRoundFormat();
  const saveBallot = useSaveBallot();
  const { round, candidates } = page;
  const closed = !page.accepts.ok;
  const [scores, setScores] = useState<Scores>(() => initialScores(page));
  const [order, setOrder] = useState<InitiativeId[]>(() => initialOrder(page));
  const [dots, setDots] = useState<Record<number, string>>(() => initialNumbers(page));
  const [picked, setPicked] = useState<Set<number>>(
    () => new Set((page.myBallot?.payload.entries ?? []).map((e) => e.candidate)),
  );
  const [moved, setMoved] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const items = useRef(new Map<number, HTMLLIElement | null>());
  const titleOf = (id: number) => candidates.find((c) => c.id === id)?.title ?? String(id);

  const pointsMax = round.settings.pointsPerMember ?? 0;
  const pointsUsed = Object.values(dots).reduce((s, v) => s + (Number(v) || 0), 0);
  const budgetMax = round.settings.budgetPerMember ?? 0;
  const budgetUsed = [...picked].reduce(
    (s, id) => s + (page.costs.get(id as InitiativeId) ?? 0),
    0,
  );

  const move = (id: InitiativeId, by: -1 | 1) => {
    const i = order.indexOf(id);
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    const next = [...order];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setOrder(next);
    setMoved(t("rounds.ballot.moved", { title: titleOf(id), place: j + 1 }));
    requestAnimationFrame(() => items.current.get(id)?.focus());
  };

  const onItemKey = (id: InitiativeId) => (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget || !e.altKey) return;
    if (e.key === "ArrowUp") {
      e.preventDefault();
      move(id, -1);
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      move(id, 1);
    }
  };

  const payload = (): BallotPayload => {
    switch (round.method) {
      case "Kriteriescore":
        return {
          entries: candidates.flatMap((c): BallotEntry[] => {
            const s = scores[c.id] ?? {};
            return Object.keys(s).length ? [{ candidate: c.id, criterionScores: s }] : [];
          }),
        };
      case "Rangordning":
        return { entries: order.map((id, i) => ({ candidate: id, rank: i + 1 })) };
      case "Prikker":
        return {
          entries: candidates.map((c) => ({ candidate: c.id, points: Number(dots[c.id] ?? 0) })),
        };
      case "Budget":
        return {
          entries: candidates.filter((c) => picked.has(c.id)).map((c) => ({ candidate: c.id })),
        };
      case "Samtykke":
        return { entries: [] };
    }
  };

  const [confirmEmpty, setConfirmEmpty] = useState(false);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // A ballot with no view still counts as taking part: asked first, never cast by mistake.
    if (isEmptyBallot(round.method, payload())) setConfirmEmpty(true);
    else void save();
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const r = await saveBallot.mutateAsync({
        round,
        payload: payload(),
        comment: page.myBallot?.comment ?? "",
        existing: page.myBallot,
        criteria: page.criteria,
        costs: page.costs,
      });
      if (r.ok) setSaved(true);
      else setError(r.error);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const secondBallot =
    !page.myBallot &&
    (isStoreError(error, "Conflict") ||
      (isProblem(error) && error.code === "rounds.problem.secondBallot"));
  const closedNow = isRoundClosedProblem(error);

  return (
    <section aria-labelledby="ballot-heading">
      <h2 id="ballot-heading">{t("rounds.ballot.heading")}</h2>
      {closed && (
        <MessageBar intent="info">
          <MessageBarBody>{t("rounds.ballot.closed")}</MessageBarBody>
        </MessageBar>
      )}
      {page.myBallot && !closed && <Text>{t("rounds.ballot.editing")}</Text>}
      <form className={styles.form} onSubmit={submit} noValidate>
        <fieldset disabled={closed} className={styles.group}>
          <legend>{t(`rounds.methodHelp.${round.method}`, { points: pointsMax })}</legend>
          {round.method === "Kriteriescore" && (
            <ScoreGrid
              candidates={candidates}
              criteria={page.criteria}
              scores={scores}
              disabled={closed}
              onChange={(candidate, criterion, level) =>
                setScores((s) => withScore(s, candidate, criterion, level))
              }
            />
          )}
          {round.method === "Rangordning" && (
            <ol className={styles.rankList} aria-label={t("rounds.ballot.rankList")}>
              {order.map((id, i) => (
                <li
                  key={id}
                  ref={(el) => void items.current.set(id, el)}
                  tabIndex={closed ? -1 : 0}
                  className={styles.rankItem}
                  onKeyDown={onItemKey(id)}
                  aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                >
                  <Text>{titleOf(id)}</Text>
                  <Button
                    size="small"
                    disabled={closed || i === 0}
                    aria-label={t("rounds.ballot.moveUp", { title: titleOf(id) })}
                    onClick={() => move(id, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    size="small"
                    disabled={closed || i === order.length - 1}
                    aria-label={t("rounds.ballot.moveDown", { title: titleOf(id) })}
                    onClick={() => move(id, 1)}
                  >
                    ↓
                  </Button>
                </li>
              ))}
            </ol>
          )}
          {round.method === "Prikker" && (
            <>
              {candidates.map((c) => (
                <Field key={c.id} label={t("rounds.ballot.dotsFor", { title: c.title })}>
                  <Input
                    type="number"
                    min={0}
                    step={1}
                    value={dots[c.id] ?? "0"}
                    disabled={closed}
                    onChange={(_, d) => setDots((s) => ({ ...s, [c.id]: d.value }))}
                  />
                </Field>
              ))}
              <Text aria-live="polite">
                {t("rounds.ballot.dotsLeft", { left: pointsMax - pointsUsed, max: pointsMax })}
              </Text>
            </>
          )}
          {round.method === "Budget" && (
            <>
              {candidates.map((c) => {
                const cost = page.costs.get(c.id);
                return (
                  <Checkbox
                    key={c.id}
                    disabled={closed || cost === undefined}
                    checked={picked.has(c.id)}
                    label={
                      cost === undefined
                        ? t("rounds.ballot.noCost", { title: c.title })
                        : `${c.title} (${formatDkk(cost, language)})`
                    }
                    onChange={(_, d) =>
                      setPicked((s) => {
                        const next = new Set(s);
                        if (d.checked === true) next.add(c.id);
                        else next.delete(c.id);
                        return next;
                      })
                    }
                  />
                );
              })}
              <Text aria-live="polite">
                {t("rounds.ballot.budgetLeft", {
                  used: formatDkk(budgetUsed, language),
                  max: formatDkk(budgetMax, language),
                  left: formatDkk(budgetMax - budgetUsed, language),
                })}
              </Text>
            </>
          )}
        </fieldset>
        {!closed && (
          <div>
            <Button appearance="primary" type="submit" disabled={busy}>
              {page.myBallot ? t("rounds.ballot.update") : t("rounds.ballot.submit")}
            </Button>
          </div>
        )}
      </form>
      <ConfirmDialog
        open={confirmEmpty}
        title={t("rounds.ballot.emptyTitle")}
        confirmLabel={t("rounds.ballot.emptyConfirm")}
        onConfirm={save}
        onClose={() => setConfirmEmpty(false)}
      >
        {t(`rounds.ballot.emptyBody.${round.method}`, { count: candidates.length })}
      </ConfirmDialog>
      <div role="status" aria-live="polite">
        {moved}
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>{t("rounds.ballot.saved")}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {closedNow ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t("rounds.ballot.closedNowTitle")}</MessageBarTitle>
            {t("rounds.ballot.closedNow")}
          </MessageBarBody>
        </MessageBar>
      ) : secondBallot ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t("rounds.ballot.secondTitle")}</MessageBarTitle>
            {t("rounds.ballot.second")}
          </MessageBarBody>
        </MessageBar>
      ) : (
        error !== null && <ActionError error={error} title={t("rounds.ballot.error")} />
      )}
    </section>
  );
}
