/**
 * Scenarier og optimering: run the optimizer over the candidates (with a gap and a time limit
 * the user chooses; a run stopped by either shows the gap proven then), the chosen set with
 * totals per constraint, items forced in or out with a recorded reason, why each left-out
 * candidate was not chosen, infeasibility explained, the efficient frontier, and saved scenarios
 * to compare and commit.
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useReducer, useState } from "react";
import { useTranslation } from "react-i18next";

import type { InitiativeId, RoundId } from "../../../domain/ids.js";
import type { ForcedChoice } from "../../../domain/prioritization.js";
import { gapPercentAtMost } from "../../../domain/selection.js";
import { formatDkk } from "../../../domain/tally.js";
import type { SolveProgress } from "../../../ports/solver.js";
import type {
  RowTotal,
  ScenarioRun,
  SelectionBase,
  UserChoices,
} from "../../../use-cases/scenarios.js";
import { type DataColumn, DataTable } from "../../components/DataTable.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { formatNumber } from "../../i18n/format.js";
import {
  useClosedRounds,
  useOptimizer,
  useSaveScenario,
  useSelectionBase,
} from "../../queries/prioritization.js";
import {
  INITIAL_SCENARIOS_STATE,
  scenariosReducer,
  solveOptionsOf,
  withForced,
  withoutForced,
} from "./form-state.js";
import { FrontierChart } from "./FrontierChart.js";
import { OverrunPanel } from "./OverrunPanel.js";
import { SavedScenarios } from "./SavedScenarios.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "end" },
});

function num(n: number): string {
  return (Math.round(n * 10) / 10).toLocaleString("da-DK");
}

function amount(n: number, unit: string): string {
  return unit === "kr." ? formatDkk(n) : `${num(n)} ${unit}`.trim();
}

/**
 * How the run ended. A run stopped by the gap or the time limit the user chose says how far its
 * selection is at most from the best, as proven by the solver's bound ("højst X % fra det
 * bedste"), the percentage rounded up so it never claims more than was proven.
 */
function StatusLine({ run }: { run: ScenarioRun }) {
  const { t, i18n } = useTranslation();
  const o = run.outcome;
  if (o.status === "timeLimit" && o.gap === null) {
    return <Text>{t("scenarios.status.timeLimitNoGap")}</Text>;
  }
  if (o.status === "stopped" && o.gap === null) {
    return <Text>{t("scenarios.status.stoppedNoGap")}</Text>;
  }
  const language = i18n.language === "en" ? "en" : "da";
  const gap = o.gap === null ? "" : `${formatNumber(gapPercentAtMost(o.gap), language)} %`;
  return <Text>{t(`scenarios.status.${o.status}`, { gap })}</Text>;
}

/** Where a search under way stands: the best found so far and how far at most from the best. */
function ProgressLine({ progress }: { progress: SolveProgress | null }) {
  const { t, i18n } = useTranslation();
  if (!progress) return null;
  const language = i18n.language === "en" ? "en" : "da";
  const seconds = formatNumber(Math.floor(progress.seconds), language, 0);
  const s = progress.solution;
  if (!s) return <Text>{t("scenarios.progress.nothingYet", { seconds })}</Text>;
  const value = formatNumber(s.value, language, 1);
  if (progress.gap === null) {
    return <Text>{t("scenarios.progress.noGap", { value, seconds })}</Text>;
  }
  const gap = `${formatNumber(gapPercentAtMost(progress.gap), language)} %`;
  return <Text>{t("scenarios.progress.best", { value, gap, seconds })}</Text>;
}

function ForceForm(props: {
  base: SelectionBase;
  onForce: (direction: "in" | "out", choice: ForcedChoice) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [candidate, setCandidate] = useState("");
  const [direction, setDirection] = useState<"in" | "out">("out");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!candidate || reason.trim() === "") return;
    props.onForce(direction, {
      initiative: Number(candidate) as InitiativeId,
      reason: reason.trim(),
    });
    setCandidate("");
    setReason("");
    setTried(false);
  };
  return (
    <form className={styles.row} onSubmit={submit} aria-labelledby="scenarios-force" noValidate>
      <h3 id="scenarios-force">{t("scenarios.force.title")}</h3>
      <Field
        label={t("scenarios.force.candidate")}
        required
        validationMessage={tried && !candidate ? t("scenarios.force.needCandidate") : undefined}
      >
        <Select value={candidate} onChange={(_, d) => setCandidate(d.value)}>
          <option value="">{t("scenarios.force.choose")}</option>
          {props.base.input.candidates.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("scenarios.force.direction")}>
        <Select
          value={direction}
          onChange={(_, d) => setDirection(d.value === "in" ? "in" : "out")}
        >
          <option value="out">{t("scenarios.force.out")}</option>
          <option value="in">{t("scenarios.force.in")}</option>
        </Select>
      </Field>
      <Field
        label={t("scenarios.force.reason")}
        required
        validationMessage={
          tried && reason.trim() === "" ? t("scenarios.force.needReason") : undefined
        }
      >
        <Input value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <Button type="submit">{t("scenarios.force.submit")}</Button>
    </form>
  );
}

function Result(props: { base: SelectionBase; run: ScenarioRun; choices: UserChoices }) {
  const { t } = useTranslation();
  const { base, run, choices } = props;
  const selected = new Set(run.selected);
  const why = new Map(run.whyNot.map((w) => [w.candidate, w.why]));
  const forcedNote = (id: InitiativeId): string => {
    const fin = choices.forcedIn.find((f) => f.initiative === id);
    const fout = [
      ...choices.forcedOut,
      ...(base.input.forcedOut ?? []).map((f) => ({ initiative: f.candidate, reason: f.reason })),
    ].find((f) => f.initiative === id);
    const c = base.input.candidates.find((x) => x.id === id);
    if (fin) return t("scenarios.result.forcedIn", { reason: fin.reason });
    if (fout) return t("scenarios.result.forcedOut", { reason: fout.reason });
    if (c?.mandatory) return t("scenarios.result.mandatory");
    if (c?.underWay) return t("scenarios.result.underWay");
    return "";
  };
  type Candidate = SelectionBase["input"]["candidates"][number];
  const costOf = (c: Candidate) => c.costs.reduce((sum, x) => sum + x.amount, 0);
  const whyNot = (c: Candidate) => {
    const w = why.get(c.id);
    return w && w.kind !== "selected" ? w.message : "";
  };
  const candidateColumns: DataColumn<Candidate>[] = [
    {
      key: "candidate",
      header: t("scenarios.result.candidate"),
      cell: (c) => c.title,
      sortValue: (c) => c.title,
      grow: 2,
    },
    {
      key: "value",
      header: t("scenarios.result.value"),
      cell: (c) => num(c.value),
      sortValue: (c) => c.value,
      align: "end",
      minWidth: 6,
    },
    {
      key: "cost",
      header: t("scenarios.result.cost"),
      cell: (c) => formatDkk(costOf(c)),
      sortValue: costOf,
      align: "end",
      priority: 1,
    },
    {
      key: "chosen",
      header: t("scenarios.result.chosen"),
      cell: (c) =>
        (selected.has(c.id) ? t("scenarios.result.yes") : t("scenarios.result.no")) +
        (forcedNote(c.id) ? ` (${forcedNote(c.id)})` : ""),
      sortValue: (c) => selected.has(c.id),
    },
    { key: "whyNot", header: t("scenarios.result.whyNot"), cell: whyNot, grow: 3, priority: 2 },
  ];
  const totalColumns: DataColumn<RowTotal>[] = [
    {
      key: "constraint",
      header: t("scenarios.result.constraint"),
      cell: (r) => r.row,
      sortValue: (r) => r.row,
      grow: 2,
    },
    {
      key: "used",
      header: t("scenarios.result.used"),
      cell: (r) => amount(r.used, r.unit),
      sortValue: (r) => r.used,
      align: "end",
    },
    {
      key: "limit",
      header: t("scenarios.result.limit"),
      cell: (r) => amount(r.limit, r.unit),
      sortValue: (r) => r.limit,
      align: "end",
    },
  ];
  if (run.outcome.status === "infeasible") {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t("scenarios.result.infeasible")}</MessageBarTitle>
          <ul>
            {run.outcome.explanation.map((b) => (
              <li key={b.row}>{b.message}</li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!run.outcome.solution) return <Text>{t("scenarios.result.nothingFound")}</Text>;
  return (
    <>
      <Text>
        {t("scenarios.result.summary", {
          count: run.selected.length,
          value: num(run.outcome.solution.value),
          cost: formatDkk(run.cost),
        })}
      </Text>
      <DataTable
        label={t("scenarios.result.candidatesLabel")}
        rows={base.input.candidates}
        columns={candidateColumns}
        rowKey={(c) => c.id}
      />
      <DataTable
        label={t("scenarios.result.totalsLabel")}
        rows={run.totals}
        columns={totalColumns}
        rowKey={(r) => r.row}
      />
    </>
  );
}

export default function ScenariosView(props: { id: number | null }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [state, dispatch] = useReducer(scenariosReducer, INITIAL_SCENARIOS_STATE);
  const { source, choices, gapPercent, seconds, title, titleTried } = state;
  const round = source ? (Number(source) as RoundId) : null;
  const rounds = useClosedRounds();
  const base = useSelectionBase(round);
  const optimizer = useOptimizer();
  const save = useSaveScenario();
  const { options, gapBad, limitBad } = solveOptionsOf(state);
  const run = (c: UserChoices) => {
    if (!base.data || gapBad || limitBad) return;
    void optimizer.run(base.data, c, options);
  };
  /** New choices; a result already shown is solved again with them. */
  const choose = (next: UserChoices) => {
    dispatch({ type: "choices", choices: next });
    if (optimizer.state.kind !== "idle") run(next);
  };
  const force = (direction: "in" | "out", choice: ForcedChoice) =>
    choose(withForced(choices, direction, choice));
  const unforce = (id: InitiativeId) => choose(withoutForced(choices, id));
  const titleOf = (id: InitiativeId) =>
    base.data?.input.candidates.find((c) => c.id === id)?.title ?? `#${id}`;
  const done = optimizer.state.kind === "done" ? optimizer.state.run : null;

  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title">{t("scenarios.title")}</h1>
      <Text as="p">{t("scenarios.intro")}</Text>

      <div className={styles.row}>
        <Field label={t("scenarios.source.label")}>
          <Select
            value={source}
            onChange={(_, d) => {
              dispatch({ type: "source", source: d.value });
              optimizer.reset();
            }}
          >
            <option value="">{t("scenarios.source.priorityScore")}</option>
            {(rounds.data ?? []).map((r) => (
              <option key={r.id} value={String(r.id)}>
                {t("scenarios.source.round", { title: r.title })}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t("scenarios.options.gap")}
          validationMessage={gapBad ? t("scenarios.options.gapBad") : undefined}
        >
          <Input
            type="number"
            value={gapPercent}
            onChange={(_, d) => dispatch({ type: "gapPercent", value: d.value })}
          />
        </Field>
        <Field
          label={t("scenarios.options.timeLimit")}
          validationMessage={limitBad ? t("scenarios.options.timeLimitBad") : undefined}
        >
          <Input
            type="number"
            value={seconds}
            onChange={(_, d) => dispatch({ type: "seconds", value: d.value })}
          />
        </Field>
        <Button
          appearance="primary"
          disabled={!base.data || base.isFetching || optimizer.state.kind === "running"}
          onClick={() => run(choices)}
        >
          {t("scenarios.run")}
        </Button>
      </div>
      {rounds.isError ? <StoreErrorMessage error={rounds.error} /> : null}
      {base.isError ? (
        <StoreErrorMessage error={base.error} onRetry={() => void base.refetch()} />
      ) : null}
      {base.isPending ? <Spinner size="small" label={t("scenarios.loading")} /> : null}
      {base.data && round !== null && base.data.valueSource === "priorityScore" ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t("scenarios.source.fallback")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {base.data ? (
        <Text>{t("scenarios.candidates", { count: base.data.input.candidates.length })}</Text>
      ) : null}

      {base.data ? <ForceForm base={base.data} onForce={force} /> : null}
      {choices.forcedIn.length + choices.forcedOut.length > 0 ? (
        <ul aria-label={t("scenarios.force.listLabel")}>
          {[
            ...choices.forcedIn.map((f) => ({ ...f, dir: "in" as const })),
            ...choices.forcedOut.map((f) => ({ ...f, dir: "out" as const })),
          ].map((f) => (
            <li key={f.initiative}>
              {t(f.dir === "in" ? "scenarios.force.isIn" : "scenarios.force.isOut", {
                title: titleOf(f.initiative),
                reason: f.reason,
              })}{" "}
              <Button
                size="small"
                onClick={() => unforce(f.initiative)}
                aria-label={t("scenarios.force.remove", { title: titleOf(f.initiative) })}
              >
                {t("scenarios.force.removeShort")}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}

      <div role="status" aria-live="polite">
        {optimizer.state.kind === "running" ? t("scenarios.running") : null}
        {done ? <StatusLine run={done} /> : null}
      </div>
      {optimizer.state.kind === "running" ? (
        <div className={styles.row}>
          {/* Outside the live region: it changes several times a second. */}
          <ProgressLine progress={optimizer.state.progress} />
          <Button onClick={optimizer.stop}>{t("scenarios.stop")}</Button>
        </div>
      ) : null}
      {optimizer.state.kind === "error" ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t("scenarios.solverFailed")}</MessageBarBody>
        </MessageBar>
      ) : null}

      {done && base.data ? (
        <section aria-labelledby="scenarios-result">
          <h2 id="scenarios-result">{t("scenarios.result.title")}</h2>
          <OverrunPanel
            run={done}
            onWithin={(within) => choose({ ...choices, withinWhatIsLeft: within })}
          />
          <Result base={base.data} run={done} choices={choices} />
          {done.outcome.solution ? (
            <>
              <h2>{t("scenarios.frontier.title")}</h2>
              <Button
                disabled={optimizer.frontier.kind === "running"}
                onClick={() => void optimizer.drawFrontier(done, options)}
              >
                {t("scenarios.frontier.draw")}
              </Button>
              <div aria-live="polite">
                {optimizer.frontier.kind === "running" ? t("scenarios.frontier.running") : null}
              </div>
              {optimizer.frontier.kind === "done" ? (
                <FrontierChart frontier={optimizer.frontier.frontier} />
              ) : null}
              {optimizer.frontier.kind === "error" ? (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{t("scenarios.solverFailed")}</MessageBarBody>
                </MessageBar>
              ) : null}
              <form
                noValidate
                className={styles.row}
                onSubmit={(e) => {
                  e.preventDefault();
                  dispatch({ type: "saveTried" });
                  if (title.trim() === "") return;
                  save.mutate(
                    { title: title.trim(), base: base.data, choices, run: done },
                    {
                      onSuccess: () => dispatch({ type: "saved" }),
                    },
                  );
                }}
              >
                <Field
                  label={t("scenarios.save.name")}
                  required
                  validationMessage={
                    titleTried && title.trim() === "" ? t("scenarios.save.needName") : undefined
                  }
                >
                  <Input
                    value={title}
                    onChange={(_, d) => dispatch({ type: "title", value: d.value })}
                  />
                </Field>
                <Button type="submit" disabled={save.isPending}>
                  {t("scenarios.save.submit")}
                </Button>
              </form>
              <div role="status" aria-live="polite">
                {save.isSuccess ? t("scenarios.save.done", { title: save.data.title }) : null}
              </div>
              {save.isError ? <StoreErrorMessage error={save.error} /> : null}
            </>
          ) : null}
        </section>
      ) : null}

      <SavedScenarios
        initial={props.id}
        titles={new Map(base.data?.initiatives.map((i) => [i.id, i.title]) ?? [])}
      />
    </section>
  );
}
