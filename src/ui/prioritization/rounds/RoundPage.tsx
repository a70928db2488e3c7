/**
 * One round, `#/prioritering/runder/<id>`: the member's ballot, turnout (who has voted, not
 * what) with the secretary's reminder, closing (which stores the result on the round), and
 * after close the result stored at close with the spread between members and, for the chair,
 * each counted ballot. Ballots that are not counted are listed for the chair and the
 * secretariat, each naming who wrote it and what is wrong; a member is told when their own
 * ballot is not counted, and why.
 */
import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";

import type { Person } from "../../../domain/common.js";
import { isStoreError } from "../../../domain/errors.js";
import type { Ballot, Round } from "../../../domain/prioritization.js";
import { isProblem } from "../../../domain/problems.js";
import { weightedScore } from "../../../domain/tally.js";
import {
  type CloseOutcome,
  mayManageRounds,
  maySeeRoundPage,
  mayVote,
  type RoundPage as Page,
} from "../../../use-cases/rounds.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { type DataColumn, DataTable } from "../../components/DataTable.js";
import { ProblemMessage } from "../../components/ProblemMessage.js";
import { QueryBoundary } from "../../components/QueryBoundary.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { formatDkk, formatNumber } from "../../i18n/format.js";
import {
  useCloseRound,
  useRoundPage,
  useSendBallotReminders,
  useTurnout,
} from "../../queries/prioritization.js";
import { useMe } from "../../queries/useMe.js";
import { hrefForPrioritization } from "../../shell/routes.js";
import { ActionError } from "../ActionError.js";
import { irregularityText } from "../irregularities.js";
import { BallotForm } from "./BallotForm.js";
import { useRoundFormat } from "./format.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export function RoundPage({ id }: { id: number }) {
  const styles = useStyles();
  const { t, date } = useRoundFormat();
  // Who I am first: a role that cannot read the ballots is told who can see the round, and
  // nothing it may not read is requested.
  const me = useMe();
  const allowed = me.data ? maySeeRoundPage(me.data) : false;
  const page = useRoundPage(id, allowed);
  if (me.isSuccess && !allowed) {
    return (
      <section className={styles.root} aria-labelledby="view-title">
        <Link href={hrefForPrioritization("rounds")}>{t("rounds.back")}</Link>
        <h1 id="view-title" className={styles.heading}>
          <Text as="span" size={700} weight="semibold">
            {t("rounds.onlyCommittee.title")}
          </Text>
        </h1>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("rounds.onlyCommittee.body")}</MessageBarBody>
        </MessageBar>
      </section>
    );
  }
  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={page.isPending}>
      <Link href={hrefForPrioritization("rounds")}>{t("rounds.back")}</Link>
      {me.isError ? (
        <StoreErrorMessage
          error={me.error}
          title={t("rounds.loadOneError")}
          onRetry={() => void me.refetch()}
        />
      ) : page.isPending ? (
        <Spinner label={t("rounds.loadingOne")} />
      ) : page.isError ? (
        <StoreErrorMessage
          error={page.error}
          title={t("rounds.loadOneError")}
          onRetry={() => void page.refetch()}
        />
      ) : (
        <>
          <h1 id="view-title" className={styles.heading}>
            <Text as="span" size={700} weight="semibold">
              {page.data.round.title}
            </Text>
          </h1>
          <Text>
            {t("rounds.summary", {
              method: t(`rounds.methods.${page.data.round.method}`),
              state: t(`rounds.states.${page.data.round.state}`),
              opens: date(page.data.round.opens) ?? t("rounds.noDate"),
              closes: date(page.data.round.closes) ?? t("rounds.noDate"),
            })}
          </Text>
          {mayManageRounds(page.data.me) && <CloseRound round={page.data.round} />}
          <Irregular page={page.data} />
          {mayVote(page.data.me) && page.data.round.method !== "Samtykke" && (
            <BallotForm key={page.data.round.id} page={page.data} />
          )}
          <TurnoutSection page={page.data} />
          <Results page={page.data} />
        </>
      )}
    </section>
  );
}

/**
 * Ballots that are not counted: the user's own, addressed to them; every other one for those
 * who read every ballot (the chair, the secretariat), naming who wrote it and what is wrong.
 */
function Irregular({ page }: { page: Page }) {
  const styles = useStyles();
  const { t, language } = useRoundFormat();
  const names = { candidates: new Map(page.candidates.map((c) => [c.id as number, c.title])) };
  const mine = new Set(page.myIrregularities.map((i) => i.item));
  const others = page.irregularities.filter((i) => !mine.has(i.item));
  return (
    <>
      {page.myIrregularities.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <ul className={styles.list}>
              {page.myIrregularities.map((i) => (
                <li key={`${i.item}:${i.rule}`}>{irregularityText(t, language, i, names, true)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {others.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("rounds.irregularHeading")}</MessageBarTitle>
            <Text block>{t("rounds.irregularHelp")}</Text>
            <ul className={styles.list} aria-label={t("rounds.irregularHeading")}>
              {others.map((i) => (
                <li key={`${i.item}:${i.rule}`}>{irregularityText(t, language, i, names)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** Closes the round, or finishes a close that was interrupted (it can be repeated). */
function CloseRound({ round, finish = false }: { round: Round; finish?: boolean }) {
  const { t } = useRoundFormat();
  const closeRound = useCloseRound();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<CloseOutcome | null>(null);
  const [asking, setAsking] = useState(false);
  // The real numbers for the confirmation (the same query the turnout section reads).
  const turnout = useTurnout(round);
  if (round.state !== "Åben" && !finish && done === null && error === null) return null;
  const close = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await closeRound.mutateAsync(round);
      if (r.ok) setDone(r.value);
      else setError(r.error);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const retry = round.state !== "Åben" || error !== null;
  return (
    <div>
      {(round.state === "Åben" || finish || error !== null) && (
        <Button onClick={() => (retry ? void close() : setAsking(true))} disabled={busy}>
          {retry ? t("rounds.finishClose") : t("rounds.close")}
        </Button>
      )}
      <ConfirmDialog
        open={asking}
        title={t("rounds.closeConfirm.title", { title: round.title })}
        confirmLabel={t("rounds.closeConfirm.confirm")}
        onConfirm={close}
        onClose={() => setAsking(false)}
      >
        {turnout.data?.ok && turnout.data.value.view.kind === "everyone"
          ? t("rounds.closeConfirm.body", {
              voted: turnout.data.value.voted.length,
              total: turnout.data.value.voted.length + turnout.data.value.notVoted.length,
            })
          : t("rounds.closeConfirm.bodyUnknown")}
      </ConfirmDialog>
      <div role="status" aria-live="polite">
        {busy && <Spinner size="small" label={t("rounds.closing")} />}
        {done && (
          <MessageBar
            intent={done.membersError === null && done.stored !== null ? "success" : "warning"}
          >
            <MessageBarBody>
              {done.stored === null
                ? t("rounds.closeNoResult")
                : done.computed
                  ? t("rounds.closeDone", { count: done.stored.ballotsCounted })
                  : t("rounds.closeKept")}{" "}
              {done.membersError !== null && t("rounds.closeNoMembers")}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <ActionError error={error} title={t("rounds.closeError")} />
      {(isStoreError(error, "Forbidden") ||
        (isProblem(error) && error.code === "rounds.problem.onlyManagersClose")) && (
        <MessageBar intent="info">
          <MessageBarBody>{t("rounds.closeForbidden")}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** Whether this page's user should read turnout as stored at close (a member, closed round). */
function storedTurnoutOf(page: Page) {
  return !page.readsAll && page.round.state === "Lukket"
    ? (page.storedResult?.turnout ?? null)
    : null;
}

/** A closed round's turnout for a member: the counts stored at close (the names are not). */
function StoredTurnoutSection({ page }: { page: Page }) {
  const { t } = useRoundFormat();
  const stored = storedTurnoutOf(page);
  if (!stored) return null;
  return (
    <section aria-labelledby="turnout-heading">
      <h2 id="turnout-heading">{t("rounds.turnout.heading")}</h2>
      <Text>{t("rounds.turnout.storedLine", { voted: stored.voted, total: stored.voters })}</Text>
    </section>
  );
}

function TurnoutSection({ page }: { page: Page }) {
  return storedTurnoutOf(page) ? (
    <StoredTurnoutSection page={page} />
  ) : (
    <LiveTurnoutSection page={page} />
  );
}

/** Whether a closed round's stored result is missing or unreadable (closing again stores it). */
function resultNotStored(page: Page): boolean {
  return page.round.state === "Lukket" && page.storedProblem !== null;
}

function LiveTurnoutSection({ page }: { page: Page }) {
  const styles = useStyles();
  const { t, date } = useRoundFormat();
  const turnout = useTurnout(page.round);
  const sendReminders = useSendBallotReminders();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const remind = async (notVoted: readonly Person[]) => {
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      const out = await sendReminders.mutateAsync({
        round: page.round,
        notVoted,
        closesText: date(page.round.closes),
      });
      if (!out.ok) {
        setError(out.error);
        return;
      }
      setSent(t("rounds.turnout.sent", { count: out.value.sent.length }));
      if (out.value.failed.length) setError(out.value.failed[0]!.error);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="turnout-heading">
      <h2 id="turnout-heading">{t("rounds.turnout.heading")}</h2>
      <QueryBoundary
        query={turnout}
        loadingLabel={t("rounds.turnout.loading")}
        errorTitle={t("rounds.turnout.error")}
        isEmpty={() => false}
      >
        {(read) =>
          !read.ok ? (
            <ProblemMessage problems={[read.error]} title={t("rounds.turnout.error")} />
          ) : read.value.view.kind === "own" ? (
            // A member reads only their own ballot: their own state, nothing they cannot know.
            <>
              <Text block weight="semibold">
                {read.value.view.voted
                  ? t("rounds.turnout.ownVoted")
                  : t("rounds.turnout.ownNotVoted")}
              </Text>
              <Text block>{t("rounds.turnout.followedBy")}</Text>
            </>
          ) : (
            <>
              {resultNotStored(page) && mayManageRounds(page.me) && (
                <CloseRound round={page.round} finish />
              )}
              <Text>
                {t("rounds.turnout.line", {
                  voted: read.value.voted.length,
                  total: read.value.voted.length + read.value.notVoted.length,
                })}
              </Text>
              <h3>{t("rounds.turnout.voted")}</h3>
              <ul className={styles.list} aria-label={t("rounds.turnout.voted")}>
                {read.value.voted.map((p) => (
                  <li key={p.id}>{p.name}</li>
                ))}
              </ul>
              <h3>{t("rounds.turnout.notVoted")}</h3>
              <ul className={styles.list} aria-label={t("rounds.turnout.notVoted")}>
                {read.value.notVoted.map((p) => (
                  <li key={p.id}>{p.name}</li>
                ))}
              </ul>
              {mayManageRounds(page.me) &&
                page.round.state === "Åben" &&
                read.value.notVoted.length > 0 && (
                  <div>
                    <Button onClick={() => void remind(read.value.notVoted)} disabled={busy}>
                      {t("rounds.turnout.remind", { count: read.value.notVoted.length })}
                    </Button>
                  </div>
                )}
              <div role="status">{sent}</div>
              <ActionError error={error} title={t("rounds.turnout.remindError")} />
            </>
          )
        }
      </QueryBoundary>
    </section>
  );
}

function Results({ page }: { page: Page }) {
  const { t, language, date } = useRoundFormat();
  const { round, result } = page;
  const titleOf = (id: number) => page.candidates.find((c) => c.id === id)?.title ?? String(id);
  const fmt = (v: number) =>
    round.method === "Kriteriescore"
      ? `${formatNumber(v * 100, language, 1)} %`
      : round.method === "Budget"
        ? t("rounds.results.picks", { count: v })
        : formatNumber(v, language, 2);
  const fmtSpread = (v: number) =>
    round.method === "Kriteriescore"
      ? `${formatNumber(v * 100, language, 1)} %`
      : formatNumber(v, language, 2);
  if (!result) {
    return (
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t("rounds.results.heading")}</h2>
        <Text>
          {page.resultSource === "notComputed"
            ? t("rounds.results.notComputed")
            : t("rounds.results.hidden")}
        </Text>
      </section>
    );
  }
  type Line = (typeof result.candidates)[number];
  const spreadText = (c: Line) =>
    c.spread
      ? t("rounds.results.spreadLine", {
          min: fmtSpread(c.spread.min),
          max: fmtSpread(c.spread.max),
          sd: formatNumber(
            round.method === "Kriteriescore" ? c.spread.stdDev * 100 : c.spread.stdDev,
            language,
            2,
          ),
          count: c.spread.count,
        })
      : t("rounds.results.noSpread");
  const resultColumns: DataColumn<Line>[] = [
    {
      key: "place",
      header: t("rounds.results.place"),
      cell: (c) => c.place,
      sortValue: (c) => c.place,
      minWidth: 5,
    },
    {
      key: "candidate",
      header: t("rounds.results.candidate"),
      cell: (c) => titleOf(c.candidate),
      sortValue: (c) => titleOf(c.candidate),
      grow: 2,
    },
    {
      key: "value",
      header: t(`rounds.results.value.${round.method}`),
      cell: (c) => fmt(c.value),
      sortValue: (c) => c.value,
      align: "end",
    },
    {
      key: "share",
      header: t("rounds.results.share"),
      cell: (c) => `${formatNumber(c.share, language, 1)} %`,
      sortValue: (c) => c.share,
      align: "end",
      priority: 1,
    },
    { key: "spread", header: t("rounds.results.spread"), cell: spreadText, grow: 2, priority: 2 },
  ];
  const stored = page.resultSource === "stored" ? page.storedResult : null;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{t("rounds.results.heading")}</h2>
      <Text>{t("rounds.results.counted", { count: result.ballotsCounted })}</Text>
      {stored && (
        <Text>
          {t("rounds.results.storedAt", { date: date(stored.computedAt) ?? "" })}
          {stored.flagged > 0 && ` ${t("rounds.results.flagged", { count: stored.flagged })}`}
        </Text>
      )}
      {page.resultSource === "live" && !page.readsAll && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("rounds.privateBallots", { count: page.ballotsRead })}</MessageBarBody>
        </MessageBar>
      )}
      <DataTable
        label={t("rounds.results.heading")}
        rows={result.candidates}
        columns={resultColumns}
        rowKey={(c) => c.candidate}
      />
      {page.memberBallots && <MemberBallots page={page} ballots={page.memberBallots} />}
    </section>
  );
}

/** The chair's view after close: each counted ballot's value per candidate. */
function MemberBallots({ page, ballots }: { page: Page; ballots: Ballot[] }) {
  const { t, language } = useRoundFormat();
  const weights = page.criteria.map((c) => ({ criterion: c.criterion.id, weight: c.weight }));
  const cell = (b: Ballot, candidate: number): string => {
    const e = b.payload.entries.find((x) => x.candidate === candidate);
    switch (page.round.method) {
      case "Kriteriescore": {
        const v = e ? weightedScore([e.criterionScores ?? {}], weights) : null;
        return v === null ? t("rounds.levels.notRated") : `${formatNumber(v * 100, language, 1)} %`;
      }
      case "Rangordning":
        return e?.rank !== undefined ? t("rounds.results.rankCell", { rank: e.rank }) : "–";
      case "Prikker":
        return String(e?.points ?? 0);
      case "Budget":
        return e
          ? t("rounds.results.picked", {
              cost: formatDkk(page.costs.get(e.candidate) ?? 0, language),
            })
          : "–";
      case "Samtykke":
        return e?.objection ?? "–";
    }
  };
  const memberColumns: DataColumn<Ballot>[] = [
    {
      key: "member",
      header: t("rounds.results.member"),
      cell: (b) => b.createdBy?.name ?? "–",
      sortValue: (b) => b.createdBy?.name,
    },
    ...page.candidates.map((c): DataColumn<Ballot> => ({
      key: `c-${c.id}`,
      header: c.title,
      cell: (b) => cell(b, c.id),
    })),
  ];
  return (
    <>
      <h3 id="members-heading">{t("rounds.results.members")}</h3>
      <Text>{t("rounds.results.membersHelp")}</Text>
      <DataTable
        label={t("rounds.results.members")}
        rows={ballots}
        columns={memberColumns}
        rowKey={(b) => b.id}
      />
    </>
  );
}
