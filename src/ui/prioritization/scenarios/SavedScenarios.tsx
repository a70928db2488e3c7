/**
 * Saved scenarios: pick two to compare side by side, and commit one as the committee's decision
 * at a meeting (the chosen initiatives move to Prioriteret with the decision recorded). The
 * commit is all or nothing: what blocks which initiative is listed before anything is written,
 * and a write that fails on the way is undone and said so.
 */
import {
  Button,
  Checkbox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { InitiativeId, ScenarioId } from "../../../domain/ids.js";
import type { Scenario } from "../../../domain/prioritization.js";
import { formatDkk } from "../../../domain/tally.js";
import type { CommitResult } from "../../../use-cases/scenarios.js";
import { type DataColumn, DataTable } from "../../components/DataTable.js";
import { ProblemMessage, useProblemText } from "../../components/ProblemMessage.js";
import { Stack } from "../../components/Stack.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import {
  useCommitScenario,
  useDecisionMeetings,
  useSavedScenarios,
} from "../../queries/prioritization.js";

const useStyles = makeStyles({
  form: { maxWidth: "40rem" },
});

/** A line of the comparison: what it is and each scenario's figure or mark. */
interface ComparisonRow {
  key: string;
  what: string;
  of: (s: Scenario) => string;
}

function value(s: Scenario): string {
  return s.totalValue === null ? "–" : (Math.round(s.totalValue * 10) / 10).toLocaleString("da-DK");
}

function Comparison({
  pair,
  known,
}: {
  pair: Scenario[];
  known: ReadonlyMap<InitiativeId, string>;
}) {
  const { t } = useTranslation();
  const all = [...new Map(pair.flatMap((s) => s.selected.map((r) => [r.id, r.title]))).entries()];
  const forced = (s: Scenario) =>
    [
      ...s.forcedIn.map((f) =>
        t("scenarios.saved.forcedInReason", { title: titleOf(f.initiative), reason: f.reason }),
      ),
      ...s.forcedOut.map((f) =>
        t("scenarios.saved.forcedOutReason", { title: titleOf(f.initiative), reason: f.reason }),
      ),
    ].join("; ") || t("scenarios.saved.none");
  const titles = new Map([...known, ...all]);
  const titleOf = (id: InitiativeId) => titles.get(id) ?? `#${id}`;
  const rows: ComparisonRow[] = [
    { key: "value", what: t("scenarios.saved.value"), of: value },
    {
      key: "cost",
      what: t("scenarios.saved.cost"),
      of: (s) => (s.totalCost === null ? "–" : formatDkk(s.totalCost)),
    },
    { key: "forced", what: t("scenarios.saved.forced"), of: forced },
    ...all.map(([id, title]) => ({
      key: `i-${id}`,
      what: title,
      of: (s: Scenario) =>
        s.selected.some((r) => r.id === id) ? t("scenarios.saved.in") : t("scenarios.saved.out"),
    })),
  ];
  const columns: DataColumn<ComparisonRow>[] = [
    { key: "what", header: t("scenarios.saved.what"), cell: (r) => r.what, grow: 2 },
    ...pair.map((s): DataColumn<ComparisonRow> => ({
      key: `s-${s.id}`,
      header: s.title,
      cell: (r) => r.of(s),
      grow: 2,
    })),
  ];
  return (
    <DataTable
      label={t("scenarios.saved.compareLabel")}
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key}
    />
  );
}

/** What came of a commit: done, refused before any write (with the blockers), or undone. */
function CommitOutcome({ result }: { result: CommitResult }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  if (result.kind === "committed") {
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          {t("scenarios.commit.done", { count: result.moved.length })}
          {result.alreadyOn.length
            ? ` ${t("scenarios.commit.alreadyOn", { count: result.alreadyOn.length })}`
            : null}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (result.kind === "blocked") {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <p>{t("scenarios.commit.blocked", { count: result.blockers.length })}</p>
          <ul aria-label={t("scenarios.commit.blockersLabel")}>
            {result.blockers.map((b) => (
              <li key={b.initiative}>
                <strong>{b.title}</strong>
                {`: ${b.problems.map((p) => (typeof p === "string" ? p : problemText(p))).join(" ")}`}
              </li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    );
  }
  // The store's message ends in a full stop; the sentence around it has its own.
  const message = result.message.replace(/\.\s*$/, "");
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <p>
          {result.failedAt
            ? t("scenarios.commit.failedAt", {
                title: result.failedAt.title,
                message,
              })
            : t("scenarios.commit.failed", { message })}
        </p>
        <p>
          {t("scenarios.commit.undone", { count: result.undone.length })}{" "}
          {t(`scenarios.commit.decision_${result.decision}`)}
        </p>
        {result.notUndone.length ? (
          <>
            <p>{t("scenarios.commit.notUndone")}</p>
            <ul>
              {result.notUndone.map((f) => (
                <li key={f.initiative}>{`${f.title}: ${f.message}`}</li>
              ))}
            </ul>
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

export function SavedScenarios({
  initial,
  titles,
}: {
  initial: number | null;
  /** The current candidates' titles, for forced choices outside both selections. */
  titles: ReadonlyMap<InitiativeId, string>;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const saved = useSavedScenarios();
  const meetings = useDecisionMeetings();
  const commit = useCommitScenario();
  const [marked, setMarked] = useState<ScenarioId[]>(initial ? [initial as ScenarioId] : []);
  const [toCommit, setToCommit] = useState<string>("");
  const [meeting, setMeeting] = useState<string>("");
  const [text, setText] = useState("");
  const [tried, setTried] = useState(false);

  if (saved.isError)
    return <StoreErrorMessage error={saved.error} onRetry={() => void saved.refetch()} />;
  const list = saved.data ?? [];
  const pair = list.filter((s) => marked.includes(s.id));
  const chosen = list.find((s) => String(s.id) === toCommit);
  const chosenMeeting = meetings.data?.find((m) => String(m.id) === meeting);
  const toggle = (id: ScenarioId, on: boolean) =>
    setMarked((m) =>
      on ? [...m.filter((x) => x !== id), id].slice(-2) : m.filter((x) => x !== id),
    );

  const submit = () => {
    setTried(true);
    if (!chosen || !chosenMeeting || text.trim() === "") return;
    commit.mutate({
      scenario: chosen,
      meeting: { id: chosenMeeting.id, title: chosenMeeting.title },
      text: text.trim(),
    });
  };

  return (
    <Stack as="section" aria-labelledby="scenarios-saved">
      <h2 id="scenarios-saved">{t("scenarios.saved.title")}</h2>
      {list.length === 0 ? <p>{t("scenarios.saved.empty")}</p> : null}
      <ul>
        {list.map((s) => (
          <li key={s.id}>
            <Checkbox
              checked={marked.includes(s.id)}
              onChange={(_, d) => toggle(s.id, d.checked === true)}
              label={
                t("scenarios.saved.item", {
                  title: s.title,
                  value: value(s),
                  cost: s.totalCost === null ? "–" : formatDkk(s.totalCost),
                }) + (s.committed ? ` ${t("scenarios.saved.committed")}` : "")
              }
            />
          </li>
        ))}
      </ul>
      {pair.length === 2 ? (
        <>
          <h3>{t("scenarios.saved.compareTitle")}</h3>
          <Comparison pair={pair} known={titles} />
        </>
      ) : list.length >= 2 ? (
        <p>{t("scenarios.saved.pickTwo")}</p>
      ) : null}

      <h3>{t("scenarios.commit.title")}</h3>
      <Stack gap="s" className={styles.form}>
        <Field
          label={t("scenarios.commit.scenario")}
          required
          validationMessage={tried && !chosen ? t("scenarios.commit.needScenario") : undefined}
        >
          <Select value={toCommit} onChange={(_, d) => setToCommit(d.value)}>
            <option value="">{t("scenarios.commit.choose")}</option>
            {list
              .filter((s) => !s.committed)
              .map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.title}
                </option>
              ))}
          </Select>
        </Field>
        <Field
          label={t("scenarios.commit.meeting")}
          required
          validationMessage={
            tried && !chosenMeeting ? t("scenarios.commit.needMeeting") : undefined
          }
        >
          <Select value={meeting} onChange={(_, d) => setMeeting(d.value)}>
            <option value="">{t("scenarios.commit.choose")}</option>
            {(meetings.data ?? []).map((m) => (
              <option key={m.id} value={String(m.id)}>
                {`${m.title} (${m.start.slice(0, 10)})`}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t("scenarios.commit.text")}
          required
          validationMessage={
            tried && text.trim() === "" ? t("scenarios.commit.needText") : undefined
          }
        >
          <Textarea value={text} onChange={(_, d) => setText(d.value)} />
        </Field>
        <Button appearance="primary" onClick={submit} disabled={commit.isPending}>
          {t("scenarios.commit.submit")}
        </Button>
      </Stack>
      {meetings.isError ? <StoreErrorMessage error={meetings.error} /> : null}
      <div role="status" aria-live="polite">
        {commit.isPending ? t("scenarios.commit.working") : null}
        {commit.data?.ok ? <CommitOutcome result={commit.data.value} /> : null}
        {commit.data && !commit.data.ok ? <ProblemMessage problems={[commit.data.error]} /> : null}
      </div>
      {commit.isError ? <StoreErrorMessage error={commit.error} /> : null}
    </Stack>
  );
}
