/**
 * The secretary's or chair's form to open a round: title, method with its setting, the
 * candidates (by default every initiative in Klar til prioritering), opens and closes dates.
 * On success it links to the round and says whether the notice reached the channel.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useState } from "react";

import type { RoundSettings, WeightSet } from "../../../domain/prioritization.js";
import { VOTING_METHODS, type VotingMethod } from "../../../domain/vocabulary.js";
import type { CandidateInitiative, OpenedRound } from "../../../use-cases/rounds.js";
import { useOpenRound } from "../../queries/prioritization.js";
import { hrefForPrioritization } from "../../shell/routes.js";
import { ActionError } from "../ActionError.js";
import { useRoundFormat } from "./format.js";

/** The methods a round can be opened with here (Samtykke has no ballot page yet). */
export const ROUND_METHODS = VOTING_METHODS.filter(
  (m): m is Exclude<VotingMethod, "Samtykke"> => m !== "Samtykke",
);

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "40rem",
  },
  candidates: { display: "flex", flexDirection: "column", border: "none", padding: 0, margin: 0 },
});

/** A date field's value (yyyy-mm-dd, local) as the start or the end of that day. */
function dayToIso(day: string, end: boolean): string | null {
  if (!day) return null;
  const d = new Date(`${day}T${end ? "23:59:59" : "00:00:00"}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function OpenRoundForm(props: { ready: CandidateInitiative[]; weightSets: WeightSet[] }) {
  const styles = useStyles();
  const { t, date } = useRoundFormat();
  const openRound = useOpenRound();
  const [title, setTitle] = useState("");
  const [method, setMethod] = useState<VotingMethod>("Kriteriescore");
  const [points, setPoints] = useState("10");
  const [budget, setBudget] = useState("");
  const [weightSet, setWeightSet] = useState<string>(
    props.weightSets[0] ? String(props.weightSets[0].id) : "",
  );
  const [opens, setOpens] = useState("");
  const [closes, setCloses] = useState("");
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(props.ready.map((i) => i.id)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<OpenedRound | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setOpened(null);
    const settings: RoundSettings =
      method === "Prikker"
        ? { pointsPerMember: Number(points) }
        : method === "Budget"
          ? { budgetPerMember: Number(budget) }
          : {};
    const ws = props.weightSets.find((w) => String(w.id) === weightSet);
    try {
      const r = await openRound.mutateAsync({
        draft: {
          title: title.trim(),
          method,
          candidates: props.ready
            .filter((i) => chosen.has(i.id))
            .map((i) => ({ id: i.id, title: i.title })),
          opens: dayToIso(opens, false),
          closes: dayToIso(closes, true),
          resultsVisibility: "Efter lukning",
          weightSet: method === "Kriteriescore" && ws ? { id: ws.id, title: ws.title } : null,
          meeting: null,
          settings,
        },
        closesText: date(dayToIso(closes, true)),
      });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setOpened(r.value);
      setTitle("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: number, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section aria-labelledby="open-round">
      <h2 id="open-round">{t("rounds.open.heading")}</h2>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t("rounds.open.title")} required>
          <Input value={title} onChange={(_, d) => setTitle(d.value)} />
        </Field>
        <Field label={t("rounds.open.method")}>
          <RadioGroup value={method} onChange={(_, d) => setMethod(d.value as VotingMethod)}>
            {ROUND_METHODS.map((m) => (
              <Radio key={m} value={m} label={t(`rounds.methods.${m}`)} />
            ))}
          </RadioGroup>
        </Field>
        {method === "Kriteriescore" && (
          <Field label={t("rounds.open.weightSet")} required>
            <Select value={weightSet} onChange={(_, d) => setWeightSet(d.value)}>
              <option value="">{t("rounds.open.noWeightSet")}</option>
              {props.weightSets.map((w) => (
                <option key={w.id} value={String(w.id)}>
                  {w.title} ({t(`rounds.weightSetStates.${w.state}`)})
                </option>
              ))}
            </Select>
          </Field>
        )}
        {method === "Prikker" && (
          <Field label={t("rounds.open.points")} required>
            <Input type="number" min={1} value={points} onChange={(_, d) => setPoints(d.value)} />
          </Field>
        )}
        {method === "Budget" && (
          <Field label={t("rounds.open.budget")} required>
            <Input type="number" min={0} value={budget} onChange={(_, d) => setBudget(d.value)} />
          </Field>
        )}
        <Field label={t("rounds.open.opens")}>
          <Input type="date" value={opens} onChange={(_, d) => setOpens(d.value)} />
        </Field>
        <Field label={t("rounds.open.closes")}>
          <Input type="date" value={closes} onChange={(_, d) => setCloses(d.value)} />
        </Field>
        <fieldset className={styles.candidates}>
          <legend>{t("rounds.open.candidates", { count: chosen.size })}</legend>
          {props.ready.length === 0 && <span>{t("rounds.open.noReady")}</span>}
          {props.ready.map((i) => (
            <Checkbox
              key={i.id}
              label={i.title}
              checked={chosen.has(i.id)}
              onChange={(_, d) => toggle(i.id, d.checked === true)}
            />
          ))}
        </fieldset>
        <div>
          <Button appearance="primary" type="submit" disabled={busy}>
            {busy ? t("rounds.open.opening") : t("rounds.open.submit")}
          </Button>
        </div>
      </form>
      <div role="status">
        {opened && (
          <MessageBar intent={opened.notice.kind === "posted" ? "success" : "warning"}>
            <MessageBarBody>
              {t("rounds.open.done")}{" "}
              <Link href={hrefForPrioritization("rounds", opened.round.id)}>
                {opened.round.title}
              </Link>
              . {t(`rounds.open.notice.${opened.notice.kind}`)}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <ActionError error={error} title={t("rounds.open.error")} />
    </section>
  );
}
