/**
 * The intake form (Nyt forslag): every field of issue 4 §1 as Fluent UI Fields with labels and
 * hints. Checking is the domain's (`validateIntake`, draft or submit): on a failed attempt an
 * error summary at the top takes focus and links to each field, and each message also stands
 * under the field it concerns. Saving a draft and handing in go through the intake use case.
 */
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  type FieldProps,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  shorthands,
  Spinner,
  Text,
  Textarea,
  Toast,
  ToastBody,
  ToastTitle,
  tokens,
  useToastController,
} from "@fluentui/react-components";
import { ErrorCircle16Regular } from "@fluentui/react-icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactElement, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { isStoreError } from "../../domain/errors.js";
import {
  type IntakeContext,
  type IntakeDraft,
  type IntakeMode,
  validateIntake,
} from "../../domain/intake.js";
import type { Area } from "../../domain/portfolio.js";
import type { FieldProblem } from "../../domain/validation.js";
import { SOURCES } from "../../domain/vocabulary.js";
import {
  type DraftRef,
  saveDraft,
  submitProposal,
  type SubmitRefusal,
} from "../../use-cases/intake.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { errorMessageKey } from "../errors.js";
import { useServices } from "../services.js";
import { hrefForInitiative, hrefForPage } from "../shell/routes.js";
import { APP_TOASTER_ID } from "../shell/toaster.js";
import { BudgetGrid } from "./BudgetGrid.js";
import { CompetenceRows } from "./CompetenceRows.js";
import { ErrorSummary } from "./ErrorSummary.js";
import { draftOf, fieldId, formStateOf, gridYears, type IntakeFormState } from "./form-state.js";
import { InitiativePicker } from "./InitiativePicker.js";
import { PersonPicker } from "./PersonPicker.js";
import { draftKey, DRAFTS_KEY } from "./useIntake.js";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "48rem",
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  sectionHeading: { margin: `${tokens.spacingVerticalM} 0 0` },
  group: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  groupInvalid: { ...shorthands.borderColor(tokens.colorPaletteRedBorder2) },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  hint: { color: tokens.colorNeutralForeground3 },
  messages: {
    color: tokens.colorPaletteRedForeground1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  message: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
});

export interface IntakeFormProps {
  initial: IntakeDraft;
  /** The saved draft the form continues, with the version it was read at. */
  draftRef: DraftRef | null;
  ctx: Omit<IntakeContext, "mode">;
  areas: readonly Area[];
  /** Throw away the form and show the draft as it is saved now (after a Conflict). */
  onReload: () => void;
}

interface Attempt {
  mode: IntakeMode;
  problems: FieldProblem[];
  /** Counts attempts, so a repeated failed attempt moves focus to the summary again. */
  n: number;
}

/** Messages of a group of controls (budget grid, competences), under the group. */
function GroupMessages({ id, messages }: { id: string; messages: string[] }) {
  const styles = useStyles();
  return (
    <div id={id} className={styles.messages}>
      {messages.map((m, i) => (
        <Text key={i} className={styles.message}>
          <ErrorCircle16Regular aria-hidden />
          {m}
        </Text>
      ))}
    </div>
  );
}

/** A field's messages as Field's validationMessage: one line each. */
function messageNode(messages: string[]): string | ReactElement {
  return messages.length === 1 ? (
    (messages[0] ?? "")
  ) : (
    <>
      {messages.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </>
  );
}

export function IntakeForm({
  initial,
  draftRef: loadedRef,
  ctx,
  areas,
  onReload,
}: IntakeFormProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { repositories } = useServices();
  const queryClient = useQueryClient();
  const { dispatchToast } = useToastController(APP_TOASTER_ID);
  const [form, setForm] = useState<IntakeFormState>(() => formStateOf(initial));
  const [draftRef, setDraftRef] = useState<DraftRef | null>(loadedRef);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [ownerError, setOwnerError] = useState<unknown>(null);
  const [refusal, setRefusal] = useState<Extract<SubmitRefusal, { kind: "budgetLine" }> | null>(
    null,
  );
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt && attempt.problems.length > 0) summary.current?.focus();
  }, [attempt]);

  const d = form.draft;
  const set = <K extends keyof IntakeFormState["draft"]>(
    key: K,
    value: IntakeFormState["draft"][K],
  ) => setForm((f) => ({ ...f, draft: { ...f.draft, [key]: value } }));

  const problems = attempt?.problems ?? [];
  const messagesFor = (field: string) =>
    problems.filter((p) => p.field === field).map((p) => p.message);
  const fieldProps = (field: string): Pick<FieldProps, "validationState" | "validationMessage"> => {
    const messages = messagesFor(field);
    return messages.length > 0
      ? { validationState: "error", validationMessage: messageNode(messages) }
      : {};
  };
  const showProblems = (mode: IntakeMode, found: FieldProblem[]) =>
    setAttempt((a) => ({ mode, problems: found, n: (a?.n ?? 0) + 1 }));

  const toast = (title: string, body: string) =>
    dispatchToast(
      <Toast>
        <ToastTitle>{title}</ToastTitle>
        <ToastBody>{body}</ToastBody>
      </Toast>,
      { intent: "success", timeout: 8000 },
    );

  const submit = useMutation({
    mutationFn: (draft: IntakeDraft) => submitProposal(repositories, draft, ctx, draftRef),
    onSuccess: (result) => {
      if (!result.ok) {
        if (result.error.kind === "invalid") showProblems("submit", result.error.problems);
        else setRefusal(result.error);
        return;
      }
      const { initiative, draftLeft } = result.value;
      void queryClient.invalidateQueries();
      toast(
        t("intake.submitted.title"),
        `${t("intake.submitted.body", { title: initiative.title })}${
          draftLeft ? ` ${t("intake.submitted.draftLeft")}` : ""
        }`,
      );
      window.location.hash = hrefForInitiative(initiative.id);
    },
  });

  const save = useMutation({
    mutationFn: (v: { draft: IntakeDraft; existing: DraftRef | null }) =>
      saveDraft(repositories, v.draft, ctx, v.existing),
    onSuccess: (result, v) => {
      if (!result.ok) {
        showProblems("draft", result.error);
        return;
      }
      setDraftRef(result.value);
      void queryClient.invalidateQueries({ queryKey: DRAFTS_KEY });
      void queryClient.invalidateQueries({ queryKey: draftKey(result.value.id) });
      toast(t("intake.draft.saved"), t("intake.draft.savedBody", { title: v.draft.title.trim() }));
      // A new draft gets its own address, so it can be continued from there (and after reload).
      if (v.existing === null) window.location.hash = hrefForPage("intake", result.value.id);
    },
  });

  const busy = submit.isPending || save.isPending;
  const attemptTo = (mode: IntakeMode, existing: DraftRef | null = draftRef) => {
    if (busy) return;
    const draft = draftOf(form);
    const found = validateIntake(draft, { ...ctx, mode });
    setRefusal(null);
    submit.reset();
    save.reset();
    if (found.length > 0) {
      showProblems(mode, found);
      return;
    }
    setAttempt(null);
    if (mode === "submit") submit.mutate(draft);
    else save.mutate({ draft, existing });
  };

  const conflict = isStoreError(save.error, "Conflict");
  const years = gridYears(form, ctx.budgetYears);
  const activeAreas = areas.filter((a) => a.active || a.id === d.area?.id);
  const moneyMessages = messagesFor("money");
  const competenceMessages = messagesFor("competences");

  return (
    <form
      className={styles.form}
      noValidate
      aria-label={t("intake.form")}
      onSubmit={(e) => {
        e.preventDefault();
        attemptTo("submit");
      }}
    >
      {attempt && problems.length > 0 ? (
        <ErrorSummary
          ref={summary}
          title={t(
            attempt.mode === "submit" ? "intake.summary.titleSubmit" : "intake.summary.titleDraft",
          )}
          intro={t("intake.summary.intro")}
          problems={problems}
        />
      ) : null}

      <section className={styles.section} aria-labelledby="intake-s-proposal">
        <h2 id="intake-s-proposal" className={styles.sectionHeading}>
          <Text as="span" size={500} weight="semibold">
            {t("intake.sections.proposal")}
          </Text>
        </h2>
        <Field
          label={t("intake.fields.title")}
          hint={t("intake.fields.titleHint")}
          required
          {...fieldProps("title")}
        >
          <Input
            id={fieldId("title")}
            value={d.title}
            onChange={(_e, v) => set("title", v.value)}
          />
        </Field>
        <Field
          label={t("intake.fields.summary")}
          hint={t("intake.fields.summaryHint")}
          required
          {...fieldProps("summary")}
        >
          <Textarea
            id={fieldId("summary")}
            resize="vertical"
            value={d.summary}
            onChange={(_e, v) => set("summary", v.value)}
          />
        </Field>
        <Field
          label={t("intake.fields.need")}
          hint={t("intake.fields.needHint")}
          required
          {...fieldProps("need")}
        >
          <Textarea
            id={fieldId("need")}
            resize="vertical"
            value={d.need}
            onChange={(_e, v) => set("need", v.value)}
          />
        </Field>
        <Field
          label={t("intake.fields.solution")}
          hint={t("intake.fields.solutionHint")}
          {...fieldProps("solution")}
        >
          <Textarea
            id={fieldId("solution")}
            resize="vertical"
            value={d.solution}
            onChange={(_e, v) => set("solution", v.value)}
          />
        </Field>
      </section>

      <section className={styles.section} aria-labelledby="intake-s-placement">
        <h2 id="intake-s-placement" className={styles.sectionHeading}>
          <Text as="span" size={500} weight="semibold">
            {t("intake.sections.placement")}
          </Text>
        </h2>
        <Field
          label={t("intake.fields.source")}
          hint={t("intake.fields.sourceHint")}
          required
          {...fieldProps("source")}
        >
          <Dropdown
            id={fieldId("source")}
            placeholder={t("intake.fields.sourcePlaceholder")}
            value={d.source ?? ""}
            selectedOptions={d.source ? [d.source] : []}
            onOptionSelect={(_e, v) =>
              set("source", SOURCES.find((s) => s === v.optionValue) ?? null)
            }
          >
            {SOURCES.map((s) => (
              <Option key={s} value={s}>
                {s}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label={t("intake.fields.area")}
          hint={activeAreas.length === 0 ? t("intake.fields.noAreas") : t("intake.fields.areaHint")}
          required
          {...fieldProps("area")}
        >
          <Dropdown
            id={fieldId("area")}
            placeholder={t("intake.fields.areaPlaceholder")}
            value={d.area?.title ?? ""}
            selectedOptions={d.area ? [String(d.area.id)] : []}
            onOptionSelect={(_e, v) => {
              const a = areas.find((x) => String(x.id) === v.optionValue);
              set("area", a ? { id: a.id, title: a.title } : null);
            }}
          >
            {activeAreas.map((a) => (
              <Option key={a.id} value={String(a.id)}>
                {a.title}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label={t("intake.fields.owner")}
          hint={t("intake.fields.ownerHint")}
          required
          {...(ownerError
            ? {
                validationState: "error" as const,
                validationMessage: t(errorMessageKey(ownerError)),
              }
            : fieldProps("owner"))}
        >
          <PersonPicker
            id={fieldId("owner")}
            value={d.owner}
            invalid={ownerError !== null || messagesFor("owner").length > 0}
            onChange={(p) => {
              setOwnerError(null);
              set("owner", p);
            }}
            onError={setOwnerError}
          />
        </Field>
        <Field
          label={t("intake.fields.externalRef")}
          hint={t("intake.fields.externalRefHint")}
          {...fieldProps("externalRef")}
        >
          <Input
            id={fieldId("externalRef")}
            value={d.externalRef}
            onChange={(_e, v) => set("externalRef", v.value)}
          />
        </Field>
      </section>

      <section className={styles.section} aria-labelledby="intake-s-law">
        <h2 id="intake-s-law" className={styles.sectionHeading}>
          <Text as="span" size={500} weight="semibold">
            {t("intake.sections.law")}
          </Text>
        </h2>
        <Field hint={t("intake.fields.mandatoryHint")}>
          <Checkbox
            id={fieldId("mandatory")}
            label={t("intake.fields.mandatory")}
            checked={d.mandatory}
            onChange={(_e, v) => set("mandatory", v.checked === true)}
          />
        </Field>
        <Field
          label={t("intake.fields.legalDeadline")}
          hint={t("intake.fields.legalDeadlineHint")}
          required={d.mandatory}
          {...fieldProps("legalDeadline")}
        >
          <Input
            id={fieldId("legalDeadline")}
            type="date"
            value={d.legalDeadline?.slice(0, 10) ?? ""}
            onChange={(_e, v) => set("legalDeadline", v.value ? `${v.value}T00:00:00Z` : null)}
          />
        </Field>
      </section>

      <section className={styles.section} aria-labelledby="intake-s-economy">
        <h2 id="intake-s-economy" className={styles.sectionHeading}>
          <Text as="span" size={500} weight="semibold">
            {t("intake.sections.economy")}
          </Text>
        </h2>
        <Field
          label={t("intake.fields.expectedBenefits")}
          hint={t("intake.fields.expectedBenefitsHint")}
          {...fieldProps("expectedBenefits")}
        >
          <Textarea
            id={fieldId("expectedBenefits")}
            resize="vertical"
            value={d.expectedBenefits}
            onChange={(_e, v) => set("expectedBenefits", v.value)}
          />
        </Field>
        <fieldset
          id={fieldId("money")}
          className={
            moneyMessages.length > 0 ? `${styles.group} ${styles.groupInvalid}` : styles.group
          }
        >
          <legend className={styles.legend}>{t("intake.budget.legend")}</legend>
          <Text id="intake-money-hint" className={styles.hint}>
            {t("intake.budget.hint")}
          </Text>
          <BudgetGrid
            years={years}
            money={form.money}
            invalid={moneyMessages.length > 0}
            onChange={(key, text) => setForm((f) => ({ ...f, money: { ...f.money, [key]: text } }))}
          />
          <GroupMessages id="intake-money-messages" messages={moneyMessages} />
        </fieldset>
      </section>

      <section className={styles.section} aria-labelledby="intake-s-competences">
        <h2 id="intake-s-competences" className={styles.sectionHeading}>
          <Text as="span" size={500} weight="semibold">
            {t("intake.sections.competences")}
          </Text>
        </h2>
        <fieldset
          id={fieldId("competences")}
          aria-describedby="intake-competences-hint intake-competences-messages"
          className={
            competenceMessages.length > 0 ? `${styles.group} ${styles.groupInvalid}` : styles.group
          }
        >
          <legend className={styles.legend}>{t("intake.competences.legend")}</legend>
          <Text id="intake-competences-hint" className={styles.hint}>
            {t("intake.competences.hint")}
          </Text>
          <CompetenceRows
            rows={form.competences}
            invalid={competenceMessages.length > 0}
            onChange={(rows) => setForm((f) => ({ ...f, competences: rows }))}
          />
          <GroupMessages id="intake-competences-messages" messages={competenceMessages} />
        </fieldset>
      </section>

      <section className={styles.section} aria-labelledby="intake-s-dependencies">
        <h2 id="intake-s-dependencies" className={styles.sectionHeading}>
          <Text as="span" size={500} weight="semibold">
            {t("intake.sections.dependencies")}
          </Text>
        </h2>
        <Field
          label={t("intake.dependencies.requires")}
          hint={t("intake.dependencies.requiresHint")}
          {...fieldProps("requires")}
        >
          <InitiativePicker
            id={fieldId("requires")}
            value={d.requires}
            invalid={messagesFor("requires").length > 0}
            listLabel={t("intake.dependencies.requires")}
            onChange={(v) => set("requires", v)}
          />
        </Field>
        <Field
          label={t("intake.dependencies.excludes")}
          hint={t("intake.dependencies.excludesHint")}
          {...fieldProps("excludes")}
        >
          <InitiativePicker
            id={fieldId("excludes")}
            value={d.excludes}
            invalid={messagesFor("excludes").length > 0}
            listLabel={t("intake.dependencies.excludes")}
            onChange={(v) => set("excludes", v)}
          />
        </Field>
      </section>

      {refusal ? (
        <StoreErrorMessage
          error={refusal.error}
          title={`${t("intake.submitError.title")}. ${
            refusal.cleanedUp
              ? t("intake.submitError.nothingSaved")
              : t("intake.submitError.partlyLeft", {
                  title: refusal.left.initiative?.title ?? d.title,
                  id: refusal.left.initiative?.id ?? "–",
                  lines: refusal.left.budgetLines,
                })
          }`}
        />
      ) : null}
      {submit.isError ? (
        <StoreErrorMessage
          error={submit.error}
          title={`${t("intake.submitError.title")}. ${t("intake.submitError.nothingSaved")}`}
        />
      ) : null}
      {conflict ? (
        <MessageBar intent="warning" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("intake.draft.conflictTitle")}</MessageBarTitle>
            {t("intake.draft.conflictBody")}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onReload}>{t("intake.draft.reload")}</Button>
            <Button onClick={() => attemptTo("draft", null)}>{t("intake.draft.saveAsNew")}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : save.isError ? (
        <StoreErrorMessage error={save.error} title={t("intake.draft.saveError")} />
      ) : null}

      <div className={styles.actions} role="group" aria-label={t("intake.actions.label")}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {t("intake.actions.submit")}
        </Button>
        <Button type="button" disabledFocusable={busy} onClick={() => attemptTo("draft")}>
          {t("intake.actions.saveDraft")}
        </Button>
      </div>
      <div role="status">
        {submit.isPending ? (
          <Spinner size="tiny" label={t("intake.actions.submitting")} />
        ) : save.isPending ? (
          <Spinner size="tiny" label={t("intake.actions.savingDraft")} />
        ) : null}
      </div>
    </form>
  );
}
