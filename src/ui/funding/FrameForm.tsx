/**
 * The secretary's form for one frame: year (a budget year), kind, new amount, funding source and
 * reason. Every problem is shown at its field before anything is written (the domain's rules),
 * and a refusal from the write (e.g. the role) above the form.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
} from "@fluentui/react-components";
import { type Dispatch, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { FRAME_KINDS, validateFrameEdit } from "../../domain/funding-frames.js";
import type { Problem } from "../../domain/problems.js";
import { FUNDING_SOURCES } from "../../domain/vocabulary.js";
import { ProblemMessage, useProblemText } from "../components/ProblemMessage.js";
import { Stack } from "../components/Stack.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { formatDkk } from "../i18n/format.js";
import { useSaveFrame } from "../queries/funding.js";
import { frameEditOf, type FrameFormAction, type FrameFormState } from "./form-state.js";

export function FrameForm(props: {
  state: FrameFormState;
  dispatch: Dispatch<FrameFormAction>;
  budgetYears: readonly number[];
  /** Opened from the optimizer with the needed amount filled in. */
  fromOptimizer: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const text = useProblemText();
  const save = useSaveFrame();
  const { state, dispatch } = props;
  const edit = frameEditOf(state);
  const problems = state.tried ? validateFrameEdit(edit, props.budgetYears) : [];
  const at = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? text(p) : undefined;
  };
  const refused: Problem | null = save.data && !save.data.ok ? save.data.error : null;
  const saved = save.data?.ok ? save.data.value : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dispatch({ type: "tried" });
    if (validateFrameEdit(edit, props.budgetYears).length > 0) return;
    save.mutate(edit, {
      onSuccess: (result) => {
        if (result.ok) dispatch({ type: "saved" });
      },
    });
  };
  return (
    <form aria-labelledby="funding-form" noValidate onSubmit={submit}>
      <Stack gap="m">
        <h2 id="funding-form">{t("funding.form.heading")}</h2>
        <p>{t("funding.form.intro")}</p>
        {props.fromOptimizer ? (
          <MessageBar intent="info">
            <MessageBarBody>{t("funding.form.fromOptimizer")}</MessageBarBody>
          </MessageBar>
        ) : null}
        <Stack direction="row" gap="l" wrap align="end">
          <Field label={t("funding.form.year")} required validationMessage={at("year")}>
            <Select
              value={state.year}
              onChange={(_, d) => dispatch({ type: "field", field: "year", value: d.value })}
            >
              <option value="">{t("funding.form.chooseYear")}</option>
              {props.budgetYears.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("funding.form.kind")} required validationMessage={at("kind")}>
            <Select
              value={state.kind}
              onChange={(_, d) => dispatch({ type: "field", field: "kind", value: d.value })}
            >
              {FRAME_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("funding.form.amount")} required validationMessage={at("amount")}>
            <Input
              inputMode="numeric"
              value={state.amount}
              onChange={(_, d) => dispatch({ type: "field", field: "amount", value: d.value })}
            />
          </Field>
          <Field label={t("funding.form.source")} validationMessage={at("source")}>
            <Select
              value={state.source}
              onChange={(_, d) => dispatch({ type: "field", field: "source", value: d.value })}
            >
              <option value="">{t("funding.form.noSource")}</option>
              {FUNDING_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </Field>
        </Stack>
        <Field label={t("funding.form.reason")} required validationMessage={at("reason")}>
          <Textarea
            value={state.reason}
            onChange={(_, d) => dispatch({ type: "field", field: "reason", value: d.value })}
          />
        </Field>
        <div>
          <Button appearance="primary" type="submit" disabled={save.isPending}>
            {t("funding.form.submit")}
          </Button>
        </div>
        {refused ? <ProblemMessage problems={[refused]} /> : null}
        {save.isError ? <StoreErrorMessage error={save.error} /> : null}
        <div role="status" aria-live="polite">
          {saved
            ? t("funding.form.saved", {
                kind: saved.change.kind,
                year: saved.change.year,
                amount: formatDkk(saved.change.amount, language),
              })
            : null}
        </div>
      </Stack>
    </form>
  );
}
