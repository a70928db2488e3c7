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
} from "@fluentui/react-components";
import { type FormEvent, useReducer } from "react";

import type { WeightSet } from "../../../domain/prioritization.js";
import { VOTING_METHODS, type VotingMethod } from "../../../domain/vocabulary.js";
import type { CandidateInitiative } from "../../../use-cases/rounds.js";
import { Stack } from "../../components/Stack.js";
import { useOpenRound } from "../../queries/prioritization.js";
import { hrefForPrioritization } from "../../shell/routes.js";
import { ActionError } from "../ActionError.js";
import {
  dayToIso,
  initialOpenRoundState,
  openRoundReducer,
  type OpenRoundTextField,
  roundDraftOf,
} from "./form-state.js";
import { useRoundFormat } from "./format.js";

/** The methods a round can be opened with here (Samtykke has no ballot page yet). */
export const ROUND_METHODS = VOTING_METHODS.filter(
  (m): m is Exclude<VotingMethod, "Samtykke"> => m !== "Samtykke",
);

const useStyles = makeStyles({
  form: { maxWidth: "40rem" },
  candidates: { border: "none", padding: 0, margin: 0 },
});

export function OpenRoundForm(props: { ready: CandidateInitiative[]; weightSets: WeightSet[] }) {
  const styles = useStyles();
  const { t, date } = useRoundFormat();
  const openRound = useOpenRound();
  const [state, dispatch] = useReducer(openRoundReducer, undefined, () =>
    initialOpenRoundState(props.ready, props.weightSets),
  );
  const { title, method, points, budget, weightSet, opens, closes, chosen, busy, error, opened } =
    state;
  const set = (field: OpenRoundTextField) => (value: string) =>
    dispatch({ type: "set", field, value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    dispatch({ type: "submitted" });
    try {
      const r = await openRound.mutateAsync({
        draft: roundDraftOf(state, props.ready, props.weightSets),
        closesText: date(dayToIso(closes, true)),
      });
      dispatch(r.ok ? { type: "opened", opened: r.value } : { type: "failed", error: r.error });
    } catch (err) {
      dispatch({ type: "failed", error: err });
    }
  };

  return (
    <section aria-labelledby="open-round">
      <h2 id="open-round">{t("rounds.open.heading")}</h2>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Field label={t("rounds.open.title")} required>
            <Input value={title} onChange={(_, d) => set("title")(d.value)} />
          </Field>
          <Field label={t("rounds.open.method")}>
            <RadioGroup
              value={method}
              onChange={(_, d) => dispatch({ type: "method", method: d.value as VotingMethod })}
            >
              {ROUND_METHODS.map((m) => (
                <Radio key={m} value={m} label={t(`rounds.methods.${m}`)} />
              ))}
            </RadioGroup>
          </Field>
          {method === "Kriteriescore" && (
            <Field label={t("rounds.open.weightSet")} required>
              <Select value={weightSet} onChange={(_, d) => set("weightSet")(d.value)}>
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
              <Input
                type="number"
                min={1}
                value={points}
                onChange={(_, d) => set("points")(d.value)}
              />
            </Field>
          )}
          {method === "Budget" && (
            <Field label={t("rounds.open.budget")} required>
              <Input
                type="number"
                min={0}
                value={budget}
                onChange={(_, d) => set("budget")(d.value)}
              />
            </Field>
          )}
          <Field label={t("rounds.open.opens")}>
            <Input type="date" value={opens} onChange={(_, d) => set("opens")(d.value)} />
          </Field>
          <Field label={t("rounds.open.closes")}>
            <Input type="date" value={closes} onChange={(_, d) => set("closes")(d.value)} />
          </Field>
          <fieldset className={styles.candidates}>
            <legend>{t("rounds.open.candidates", { count: chosen.size })}</legend>
            <Stack gap="none">
              {props.ready.length === 0 && <span>{t("rounds.open.noReady")}</span>}
              {props.ready.map((i) => (
                <Checkbox
                  key={i.id}
                  label={i.title}
                  checked={chosen.has(i.id)}
                  onChange={(_, d) =>
                    dispatch({ type: "choose", candidate: i.id, on: d.checked === true })
                  }
                />
              ))}
            </Stack>
          </fieldset>
          <div>
            <Button appearance="primary" type="submit" disabled={busy}>
              {busy ? t("rounds.open.opening") : t("rounds.open.submit")}
            </Button>
          </div>
        </Stack>
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
