/**
 * The intake form (Nyt forslag): every field of issue 4 §1 as Fluent UI Fields with labels and
 * hints. Checking is the domain's (`validateIntake`, draft or submit): on a failed attempt an
 * error summary at the top takes focus and links to each field, and each message also stands
 * under the field it concerns. Saving a draft and handing in go through the intake use case.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Toast,
  ToastBody,
  ToastTitle,
  tokens,
  useToastController,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
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
import { type DraftRef, type SubmitRefusal } from "../../use-cases/intake.js";
import { useProblemText } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { useSaveDraft, useSubmitProposal } from "../queries/intake.js";
import { hrefForInitiative, hrefForPage } from "../shell/routes.js";
import { APP_TOASTER_ID } from "../shell/toaster.js";
import { ErrorSummary } from "./ErrorSummary.js";
import {
  type CompetenceRow,
  draftOf,
  formStateOf,
  gridYears,
  type IntakeFormState,
} from "./form-state.js";
import {
  CompetenceSection,
  DependencySection,
  EconomySection,
  LawSection,
  type Messages,
  PlacementSection,
  ProposalSection,
  type SetField,
} from "./sections.js";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "48rem",
  },
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

const NO_MESSAGES: Messages = new Map();

export function IntakeForm({
  initial,
  draftRef: loadedRef,
  ctx,
  areas,
  onReload,
}: IntakeFormProps) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const styles = useStyles();
  const { dispatchToast } = useToastController(APP_TOASTER_ID);
  const [form, setForm] = useState<IntakeFormState>(() => formStateOf(initial));
  const [draftRef, setDraftRef] = useState<DraftRef | null>(loadedRef);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [refusal, setRefusal] = useState<Extract<SubmitRefusal, { kind: "budgetLine" }> | null>(
    null,
  );
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt && attempt.problems.length > 0) summary.current?.focus();
  }, [attempt]);

  const d = form.draft;
  const set = useCallback<SetField>(
    (key, value) => setForm((f) => ({ ...f, draft: { ...f.draft, [key]: value } })),
    [],
  );
  const onMoney = useCallback(
    (key: string, text: string) => setForm((f) => ({ ...f, money: { ...f.money, [key]: text } })),
    [],
  );
  const onRows = useCallback(
    (rows: CompetenceRow[]) => setForm((f) => ({ ...f, competences: rows })),
    [],
  );

  const problems = useMemo(() => attempt?.problems ?? [], [attempt]);
  const messages = useMemo<Messages>(() => {
    if (problems.length === 0) return NO_MESSAGES;
    const byField = new Map<string, string[]>();
    for (const p of problems) {
      byField.set(p.field, [...(byField.get(p.field) ?? []), problemText(p)]);
    }
    return byField;
  }, [problems, problemText]);
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

  const submit = useSubmitProposal(ctx, draftRef);
  const handInAs = (draft: IntakeDraft) =>
    submit.mutate(draft, {
      onSuccess: (result) => {
        if (!result.ok) {
          if (result.error.kind === "invalid") showProblems("submit", result.error.problems);
          else setRefusal(result.error);
          return;
        }
        const { initiative, draftLeft } = result.value;
        toast(
          t("intake.submitted.title"),
          `${t("intake.submitted.body", { title: initiative.title })}${
            draftLeft ? ` ${t("intake.submitted.draftLeft")}` : ""
          }`,
        );
        window.location.hash = hrefForInitiative(initiative.id);
      },
    });

  const save = useSaveDraft(ctx);
  const saveAs = (v: { draft: IntakeDraft; existing: DraftRef | null }) =>
    save.mutate(v, {
      onSuccess: (result) => {
        if (!result.ok) {
          showProblems("draft", result.error);
          return;
        }
        setDraftRef(result.value);
        toast(
          t("intake.draft.saved"),
          t("intake.draft.savedBody", { title: v.draft.title.trim() }),
        );
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
    if (mode === "submit") handInAs(draft);
    else saveAs({ draft, existing });
  };

  const conflict = isStoreError(save.error, "Conflict");
  const yearsKey = gridYears(form, ctx.budgetYears).join(",");
  const years = useMemo(() => yearsKey.split(",").filter(Boolean).map(Number), [yearsKey]);

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

      <ProposalSection
        title={d.title}
        summary={d.summary}
        need={d.need}
        solution={d.solution}
        messages={messages}
        set={set}
      />
      <PlacementSection
        source={d.source}
        area={d.area}
        owner={d.owner}
        externalRef={d.externalRef}
        areas={areas}
        messages={messages}
        set={set}
      />
      <LawSection
        mandatory={d.mandatory}
        legalDeadline={d.legalDeadline}
        messages={messages}
        set={set}
      />
      <EconomySection
        expectedBenefits={d.expectedBenefits}
        years={years}
        money={form.money}
        onMoney={onMoney}
        messages={messages}
        set={set}
      />
      <CompetenceSection rows={form.competences} onRows={onRows} messages={messages} />
      <DependencySection
        requires={d.requires}
        excludes={d.excludes}
        messages={messages}
        set={set}
      />

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
