/**
 * Registers or edits a benefit of an initiative (the secretariat): its kind, whether it is a
 * dis-benefit, indicator and unit, direction, baseline, the three targets, target date, benefit
 * owner (a person of the site), measurement plan and state. What the domain finds is shown at
 * its field; nothing is written until it is all right.
 */
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Radio,
  RadioGroup,
  Textarea,
} from "@fluentui/react-components";
import { useReducer, useState } from "react";
import { useTranslation } from "react-i18next";

import { type Benefit, type BenefitClass, validateBenefit } from "../../domain/benefits.js";
import type { Ref } from "../../domain/common.js";
import type { InitiativeId } from "../../domain/ids.js";
import type { Problem } from "../../domain/problems.js";
import type { FieldProblem } from "../../domain/validation.js";
import { BENEFIT_DIRECTIONS, BENEFIT_STATES } from "../../domain/vocabulary.js";
import { ProblemMessage, Stack, StoreErrorMessage, useProblemText } from "../components/index.js";
import { DateField, PersonField } from "../initiative/inputs.js";
import { useSaveBenefit } from "../queries/benefits.js";
import {
  benefitFormReducer,
  type DateField as DateKey,
  draftOf,
  initialForm,
  type NumberField,
  type TextField,
} from "./form-state.js";

const CLASSES: readonly BenefitClass[] = ["cash", "nonCash", "qualitative"];
const SHOWN_AT_FIELD = new Set([
  "title",
  "indicator",
  "unit",
  "measurementPlan",
  "baseline",
  "targetPessimistic",
  "targetExpected",
  "targetOptimistic",
  "measurementIntervalMonths",
  "baselineDate",
  "targetDate",
  "firstMeasurementDate",
  "owner",
  "isCash",
]);

export function BenefitForm(props: {
  initiative: Ref<InitiativeId>;
  benefit: Benefit | null;
  modelVersion: number | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const save = useSaveBenefit();
  const [state, dispatch] = useReducer(
    benefitFormReducer,
    initialForm(props.initiative, props.benefit, props.modelVersion),
  );
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const fieldProblems = problems.filter((p): p is FieldProblem => p.field !== undefined);
  const at = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? { validationState: "error" as const, validationMessage: text(p) } : {};
  };
  const textField = (field: TextField, required = false, long = false) => (
    <Field label={t(`fields.benefit.${field}`)} required={required} {...at(field)}>
      {long ? (
        <Textarea
          value={state.text[field]}
          resize="vertical"
          onChange={(_e, d) => dispatch({ type: "text", field, value: d.value })}
        />
      ) : (
        <Input
          value={state.text[field]}
          onChange={(_e, d) => dispatch({ type: "text", field, value: d.value })}
        />
      )}
    </Field>
  );
  const numberField = (field: NumberField) => (
    <Field label={t(`fields.benefit.${field}`)} {...at(field)}>
      <Input
        inputMode="decimal"
        value={state.numbers[field]}
        onChange={(_e, d) => dispatch({ type: "number", field, value: d.value })}
      />
    </Field>
  );
  const dateField = (field: DateKey) => (
    <DateField
      label={t(`fields.benefit.${field}`)}
      value={state.dates[field]}
      onChange={(value) => dispatch({ type: "date", field, value })}
      problems={fieldProblems}
      field={field}
    />
  );
  const submit = () => {
    const draft = draftOf(state);
    const v = validateBenefit(draft);
    if (!v.ok) {
      setProblems(v.problems);
      return;
    }
    save.mutate(
      { draft, existing: state.existing },
      {
        onSuccess: (r) => {
          if (r.ok) {
            setProblems([]);
            props.onDone();
          } else setProblems(r.problems);
        },
      },
    );
  };
  return (
    <form
      id="gevinst-ny"
      aria-label={t(props.benefit ? "benefits.form.edit" : "benefits.form.new")}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="s">
        {textField("title", true)}
        <Field label={t("fields.benefit.kind")} required>
          <RadioGroup
            layout="horizontal"
            value={state.cls}
            onChange={(_e, d) => dispatch({ type: "class", value: d.value as BenefitClass })}
          >
            {CLASSES.map((c) => (
              <Radio key={c} value={c} label={t(`benefits.class.${c}`)} />
            ))}
          </RadioGroup>
        </Field>
        <Checkbox
          checked={state.isDisbenefit}
          label={t("fields.benefit.isDisbenefit")}
          onChange={(_e, d) => dispatch({ type: "disbenefit", value: d.checked === true })}
        />
        {textField("indicator", true)}
        {textField("unit")}
        <Field label={t("fields.benefit.direction")} required>
          <RadioGroup
            layout="horizontal"
            value={state.direction}
            onChange={(_e, d) =>
              dispatch({ type: "direction", value: d.value as (typeof BENEFIT_DIRECTIONS)[number] })
            }
          >
            {BENEFIT_DIRECTIONS.map((d) => (
              <Radio key={d} value={d} label={t(`benefits.direction.${d}`)} />
            ))}
          </RadioGroup>
        </Field>
        {numberField("baseline")}
        {dateField("baselineDate")}
        {numberField("targetPessimistic")}
        {numberField("targetExpected")}
        {numberField("targetOptimistic")}
        {dateField("targetDate")}
        <PersonField
          label={t("fields.benefit.owner")}
          value={state.owner}
          onChange={(value) => dispatch({ type: "owner", value })}
          problems={fieldProblems}
          field="owner"
        />
        {numberField("measurementIntervalMonths")}
        {dateField("firstMeasurementDate")}
        {textField("measurementPlan", false, true)}
        <Field label={t("fields.benefit.state")} required>
          <Dropdown
            value={t(`benefits.state.${state.state}`)}
            selectedOptions={[state.state]}
            onOptionSelect={(_e, d) =>
              dispatch({ type: "state", value: d.optionValue as (typeof BENEFIT_STATES)[number] })
            }
          >
            {BENEFIT_STATES.map((s) => (
              <Option key={s} value={s}>
                {t(`benefits.state.${s}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <ProblemMessage
          title={problems.length > 0 ? t("benefits.form.invalid") : undefined}
          problems={problems.filter(
            (p) => !p.field || !SHOWN_AT_FIELD.has(p.field) || p.field === "isCash",
          )}
        />
        {save.isError ? (
          <StoreErrorMessage error={save.error} title={t("benefits.form.failed")} />
        ) : null}
        <Stack direction="row" gap="s">
          <Button type="submit" appearance="primary" disabled={save.isPending}>
            {t("benefits.form.save")}
          </Button>
          <Button onClick={props.onDone}>{t("benefits.form.cancel")}</Button>
        </Stack>
      </Stack>
    </form>
  );
}
