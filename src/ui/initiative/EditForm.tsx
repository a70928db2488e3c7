/**
 * Editing an initiative's fields (the secretary, the chair or its owner). The form keeps the
 * version it was read at; saving with it either succeeds or, when someone else saved in
 * between, opens the conflict dialog with both versions. Domain problems are shown at their
 * field; any other store error (e.g. throttling, with its wait) with `StoreErrorMessage`.
 */
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useState } from "react";

import { INITIATIVE_EDIT_FIELDS } from "../../domain/conflicts.js";
import { INITIATIVE_FIELDS } from "../../domain/initiative-fields.js";
import type { Initiative } from "../../domain/portfolio.js";
import { type Source, SOURCES } from "../../domain/vocabulary.js";
import { characterCount, HintWithCount } from "../components/fields.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { useVocabulary } from "../components/vocabulary.js";
import { useActiveAreas, useStrategyGoals } from "../queries/initiative.js";
import { ConflictDialog } from "./ConflictDialog.js";
import { DateField, PersonField, ProblemList, problemProps, RefField } from "./inputs.js";
import { Section } from "./Sections.js";
import { useInitiativeFormat, useInitiativeSave } from "./useInitiative.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 18rem), 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

type TextField = "title" | "summary" | "need" | "solution" | "externalRef" | "expectedBenefits";
const LONG: readonly TextField[] = ["summary", "need", "solution", "expectedBenefits"];

export function EditForm(props: {
  initiative: Initiative;
  /** The chair or the secretary: they alone set the mandatory flag (a recorded change). */
  maySetGates: boolean;
  onClose: (saved: boolean) => void;
}) {
  const vocab = useVocabulary();
  const { t } = useInitiativeFormat();
  const styles = useStyles();
  const [base] = useState(props.initiative);
  const [mine, setMine] = useState<Initiative>(props.initiative);
  const saver = useInitiativeSave(base.id, INITIATIVE_EDIT_FIELDS);
  const areas = useActiveAreas();
  const goals = useStrategyGoals();
  const problems = saver.state.kind === "invalid" ? saver.state.problems : [];
  const set = <K extends keyof Initiative>(field: K, value: Initiative[K]) =>
    setMine((m) => ({ ...m, [field]: value }));
  const label = (f: string) => t(`initiative.fields.${f}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await saver.save(base, mine)) props.onClose(true);
  };

  const text = (f: TextField) => (
    <Field
      key={f}
      label={label(f)}
      required={f === "title"}
      hint={<HintWithCount value={mine[f]} maxLength={INITIATIVE_FIELDS[f].maxLength} />}
      {...(characterCount(mine[f], INITIATIVE_FIELDS[f].maxLength).over > 0
        ? { validationState: "error" as const }
        : {})}
      {...problemProps(problems, f)}
    >
      {LONG.includes(f) ? (
        <Textarea value={mine[f]} resize="vertical" onChange={(_e, d) => set(f, d.value)} />
      ) : (
        <Input value={mine[f]} onChange={(_e, d) => set(f, d.value)} />
      )}
    </Field>
  );

  return (
    <Section title={t("initiative.form.title")}>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        {text("title")}
        <div className={styles.grid}>
          <Field label={label("source")} required {...problemProps(problems, "source")}>
            <Dropdown
              value={vocab.source(mine.source)}
              selectedOptions={[mine.source]}
              onOptionSelect={(_e, d) => set("source", d.optionValue as Source)}
            >
              {SOURCES.map((s) => (
                <Option key={s} value={s} text={vocab.source(s)}>
                  {vocab.source(s)}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <RefField
            label={label("area")}
            field="area"
            value={mine.area}
            options={areas.data ?? []}
            onChange={(v) => set("area", v)}
            problems={problems}
          />
          <RefField
            label={label("strategyGoal")}
            field="strategyGoal"
            value={mine.strategyGoal}
            options={goals.data ?? []}
            onChange={(v) => set("strategyGoal", v)}
            problems={problems}
          />
          <PersonField
            label={label("owner")}
            field="owner"
            value={mine.owner}
            onChange={(v) => set("owner", v)}
            problems={problems}
          />
          <PersonField
            label={label("projectLead")}
            field="projectLead"
            value={mine.projectLead}
            onChange={(v) => set("projectLead", v)}
            problems={problems}
          />
          {text("externalRef")}
          <DateField
            label={label("legalDeadline")}
            field="legalDeadline"
            value={mine.legalDeadline}
            onChange={(v) => set("legalDeadline", v)}
            problems={problems}
          />
          <Field hint={t("initiative.form.mandatoryHint")} {...problemProps(problems, "mandatory")}>
            <Checkbox
              label={label("mandatory")}
              checked={mine.mandatory}
              disabled={!props.maySetGates}
              onChange={(_e, d) => set("mandatory", d.checked === true)}
            />
          </Field>
        </div>
        {text("summary")}
        {text("need")}
        {text("solution")}
        {text("expectedBenefits")}
        <Field
          label={label("resourceNeeds")}
          hint={
            <HintWithCount
              value={mine.resourceNeeds}
              maxLength={INITIATIVE_FIELDS.resourceNeeds.maxLength}
            />
          }
          {...problemProps(problems, "resourceNeeds")}
        >
          <Textarea
            value={mine.resourceNeeds}
            resize="vertical"
            onChange={(_e, d) => set("resourceNeeds", d.value)}
          />
        </Field>
        {saver.state.kind === "invalid" ? (
          <ProblemList title={t("initiative.form.invalid")} problems={problems} />
        ) : null}
        {saver.state.kind === "notPermitted" ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{t("initiative.form.mandatoryNotPermitted")}</MessageBarBody>
          </MessageBar>
        ) : null}
        {saver.state.kind === "failed" ? (
          <StoreErrorMessage title={t("initiative.form.failed")} error={saver.state.error} />
        ) : null}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={saver.pending}>
            {saver.pending ? t("initiative.form.saving") : t("initiative.form.save")}
          </Button>
          <Button onClick={() => props.onClose(false)} disabled={saver.pending}>
            {t("initiative.form.cancel")}
          </Button>
        </div>
      </form>
      {saver.state.kind === "conflict" ? (
        <ConflictDialog
          conflict={saver.state.conflict}
          busy={saver.pending}
          onKeepMine={() => {
            void saver.keepMine().then((saved) => {
              if (saved) props.onClose(true);
            });
          }}
          onUseStored={() => {
            void saver.useStored();
            props.onClose(false);
          }}
          onCancel={saver.keepEditing}
        />
      ) : null}
    </Section>
  );
}
