/**
 * A member's pairwise comparisons on Saaty's 1–9 scale: for each pair of active criteria, which
 * is more important (a radio group naming both) and how much (a labelled select, 2–9). Saved
 * together; one Comparison per pair, the reciprocal implied. When the member's CR is above
 * 0.10 the most deviating comparison is pointed out with the value that would fit, which the
 * member can take over with one button.
 */
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";

import type { AhpResult } from "../../../domain/ahp.js";
import type { CriterionId, WeightSetId } from "../../../domain/ids.js";
import type { Criterion } from "../../../domain/prioritization.js";
import type { CriteriaPair } from "../../../use-cases/ahp.js";
import { useSaveComparisons } from "../../queries/prioritization.js";
import { ActionError } from "../ActionError.js";
import { useAhpFormat } from "./format.js";

type Side = "a" | "equal" | "b";
interface PairState {
  side: Side | null;
  intensity: number;
}

const INTENSITIES = [2, 3, 4, 5, 6, 7, 8, 9] as const;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  pair: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

function stateOf(value: number | null): PairState {
  if (value === null) return { side: null, intensity: 3 };
  if (Math.abs(value) === 1) return { side: "equal", intensity: 3 };
  return value > 0 ? { side: "a", intensity: value } : { side: "b", intensity: -value };
}

function valueOf(s: PairState): number | null {
  if (s.side === null) return null;
  if (s.side === "equal") return 1;
  return s.side === "a" ? s.intensity : -s.intensity;
}

const pairKey = (a: CriterionId, b: CriterionId) => `${a}-${b}`;

/** A signed value of the pair (a, b) in words. */
export function useDescribeJudgement() {
  const { t } = useAhpFormat();
  return (a: string, b: string, value: number) =>
    Math.abs(value) === 1
      ? t("ahp.compare.equalWords", { a, b })
      : t("ahp.compare.moreWords", {
          more: value > 0 ? a : b,
          less: value > 0 ? b : a,
          intensity: Math.abs(value),
          degree: t(`ahp.scale.${Math.abs(value)}`),
        });
}

export function PairwiseComparisons(props: {
  weightSet: WeightSetId;
  pairs: CriteriaPair[];
  active: Criterion[];
  own: AhpResult | null;
}) {
  const styles = useStyles();
  const { t, cr } = useAhpFormat();
  const describe = useDescribeJudgement();
  const saveComparisons = useSaveComparisons();
  const initial = () =>
    Object.fromEntries(props.pairs.map((p) => [pairKey(p.a.id, p.b.id), stateOf(p.value)]));
  const [state, setState] = useState<Record<string, PairState>>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState("");

  const current = (p: CriteriaPair) => state[pairKey(p.a.id, p.b.id)] ?? stateOf(p.value);
  const set = (p: CriteriaPair, s: PairState) =>
    setState((prev) => ({ ...prev, [pairKey(p.a.id, p.b.id)]: s }));
  const changed = props.pairs.flatMap((p) => {
    const v = valueOf(current(p));
    return v !== null && v !== p.value ? [{ a: p.a, b: p.b, value: v }] : [];
  });
  const judged = props.pairs.filter((p) => valueOf(current(p)) !== null).length;

  const save = async () => {
    setSaving(true);
    setError(null);
    setStatus(t("ahp.compare.saving"));
    try {
      const r = await saveComparisons.mutateAsync({
        weightSet: props.weightSet,
        judgements: changed,
      });
      if (r.ok) {
        setStatus(t("ahp.compare.saved", { count: changed.length }));
      } else {
        setError(r.error);
        setStatus("");
      }
    } catch (x) {
      setError(x);
      setStatus("");
    } finally {
      setSaving(false);
    }
  };

  const titleOf = (id: CriterionId) => props.active.find((c) => c.id === id)?.title ?? String(id);
  const advice = props.own?.advice ?? null;
  const advicePair = advice
    ? props.pairs.find(
        (p) =>
          (p.a.id === advice.a && p.b.id === advice.b) ||
          (p.a.id === advice.b && p.b.id === advice.a),
      )
    : undefined;
  const applySuggestion = () => {
    if (!advice || !advicePair) return;
    const v = advicePair.a.id === advice.a ? advice.suggested : -advice.suggested;
    set(advicePair, stateOf(v));
  };

  if (props.pairs.length === 0) return <Text as="p">{t("ahp.compare.tooFew")}</Text>;

  return (
    <div className={styles.form}>
      <Text as="p">{t("ahp.compare.intro")}</Text>
      {props.own && !props.own.accepted && advice ? (
        <MessageBar intent="warning" data-testid="cr-warning">
          <MessageBarBody>
            <MessageBarTitle>
              {t("ahp.compare.inconsistentTitle", { cr: cr(props.own.cr) })}
            </MessageBarTitle>
            {t("ahp.compare.inconsistentBody", {
              current: describe(titleOf(advice.a), titleOf(advice.b), advice.current),
              suggested: describe(titleOf(advice.a), titleOf(advice.b), advice.suggested),
            })}
          </MessageBarBody>
          {advicePair ? (
            <MessageBarActions>
              <Button onClick={applySuggestion}>{t("ahp.compare.useSuggestion")}</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
      {props.pairs.map((p, i) => {
        const s = current(p);
        const more = s.side === "b" ? p.b.title : p.a.title;
        const less = s.side === "b" ? p.a.title : p.b.title;
        return (
          <fieldset key={pairKey(p.a.id, p.b.id)} className={styles.pair}>
            <legend>{t("ahp.compare.pairLegend", { n: i + 1, a: p.a.title, b: p.b.title })}</legend>
            <Field label={t("ahp.compare.which", { a: p.a.title, b: p.b.title })}>
              <RadioGroup
                layout="horizontal"
                value={s.side ?? ""}
                onChange={(_e, d) => set(p, { ...s, side: d.value as Side })}
              >
                <Radio value="a" label={p.a.title} />
                <Radio value="equal" label={t("ahp.compare.equal")} />
                <Radio value="b" label={p.b.title} />
              </RadioGroup>
            </Field>
            <Field
              label={
                s.side === "a" || s.side === "b"
                  ? t("ahp.compare.howMuch", { more, less })
                  : t("ahp.compare.howMuchDisabled", { a: p.a.title, b: p.b.title })
              }
            >
              <Select
                value={String(s.intensity)}
                disabled={s.side !== "a" && s.side !== "b"}
                onChange={(_e, d) => set(p, { ...s, intensity: Number(d.value) })}
              >
                {INTENSITIES.map((n) => (
                  <option key={n} value={n}>
                    {`${n} – ${t(`ahp.scale.${n}`)}`}
                  </option>
                ))}
              </Select>
            </Field>
          </fieldset>
        );
      })}
      <ActionError error={error} title={t("ahp.compare.saveError")} />
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={saving || changed.length === 0}
          onClick={() => void save()}
        >
          {t("ahp.compare.save")}
        </Button>
        <Text>{t("ahp.compare.progress", { judged, total: props.pairs.length })}</Text>
      </div>
      <div role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
