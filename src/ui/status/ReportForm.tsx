/**
 * This period's report for one initiative: five ratings with their reasons, "Gem kladde" and
 * "Publicér". Published reports are frozen and shown read-only. What is missing is named in
 * Danish by the domain, both in a summary and at the field; a report another tab got to first
 * is loaded and shown instead of being overwritten.
 */
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState } from "react";

import type { RagWithText, StatusReport } from "../../domain/benefits.js";
import {
  EMPTY_STATUS_REPORT_FORM,
  formOf,
  isEditable,
  type ReportingPeriod,
  type StatusReportForm,
} from "../../domain/status-reports.js";
import type { FieldProblem } from "../../domain/validation.js";
import type { Rag } from "../../domain/vocabulary.js";
import type {
  LatestStatusOutcome,
  PublishFailure,
  StatusInitiative,
} from "../../use-cases/status-reports.js";
import { ConfirmDialog } from "../components/ConfirmDialog.js";
import { useProblemText } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { fieldError, RagRadioGroup } from "./Rag.js";
import { ReportSummary } from "./ReportSummary.js";
import { useStatusActions, useStatusFormat } from "./useStatusReports.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  dimension: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

const DIMENSIONS = ["scope", "time", "cost", "benefits"] as const;
type Dimension = (typeof DIMENSIONS)[number];

type Notice =
  | { kind: "saved" }
  | { kind: "published"; latestStatus: LatestStatusOutcome }
  | { kind: "problems"; title: "invalid" | "incomplete"; problems: FieldProblem[] }
  | { kind: "message"; key: "notPermitted" | "changedElsewhere" | "alreadyPublished" }
  | { kind: "error"; error: unknown };

export interface ReportFormProps {
  initiative: StatusInitiative;
  period: ReportingPeriod;
  /** This period's stored report when the page was read, or null. */
  current: StatusReport | null;
}

export function ReportForm({ initiative, period, current }: ReportFormProps) {
  const styles = useStyles();
  const { t, period: periodText } = useStatusFormat();
  const problemText = useProblemText();
  const actions = useStatusActions();
  const id = useId();
  const [report, setReport] = useState<StatusReport | null>(current);
  const [form, setForm] = useState<StatusReportForm>(
    current ? formOf(current) : EMPTY_STATUS_REPORT_FORM,
  );
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  // Publishing freezes the report: asked first, saying what it will do.
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const frozenRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice?.kind === "published") frozenRef.current?.focus();
  }, [notice]);

  const problems = notice?.kind === "problems" ? notice.problems : [];
  const problemFor = (...fields: string[]) =>
    problems
      .filter((p) => fields.includes(p.field))
      .map((p) => problemText(p))
      .join(" ") || undefined;

  const loadStored = (latest: StatusReport) => {
    setReport(latest);
    setForm(formOf(latest));
  };

  const onFailure = (failure: PublishFailure) => {
    switch (failure.kind) {
      case "invalid":
        return setNotice({ kind: "problems", title: "invalid", problems: failure.problems });
      case "notPermitted":
        return setNotice({ kind: "message", key: "notPermitted" });
      case "published":
        loadStored(failure.latest);
        return setNotice({ kind: "message", key: "alreadyPublished" });
      case "changedElsewhere":
        loadStored(failure.latest);
        return setNotice({ kind: "message", key: "changedElsewhere" });
      case "refused": {
        const refusal = failure.refusal;
        if (refusal.kind === "incomplete") {
          return setNotice({ kind: "problems", title: "incomplete", problems: refusal.missing });
        }
        return setNotice({
          kind: "message",
          key: refusal.kind === "notPermitted" ? "notPermitted" : "alreadyPublished",
        });
      }
    }
  };

  const run = async (which: "save" | "publish") => {
    setBusy(which);
    setNotice(null);
    const request = { initiative: { ...initiative }, period, form, report };
    try {
      if (which === "save") {
        const r = await actions.saveDraft(request);
        if (r.ok) {
          setReport(r.value);
          setNotice({ kind: "saved" });
        } else onFailure(r.error);
      } else {
        const r = await actions.publish(request);
        if (r.ok) {
          loadStored(r.value.report);
          setNotice({ kind: "published", latestStatus: r.value.latestStatus });
        } else onFailure(r.error);
      }
    } catch (error) {
      setNotice({ kind: "error", error });
    } finally {
      setBusy(null);
    }
  };

  const setDimension = (d: Dimension, change: Partial<RagWithText>) =>
    setForm((f) => ({ ...f, [d]: { ...f[d], ...change } }));

  const status = (
    <div role="status" aria-live="polite">
      {busy ? <Text>{t("status.form.saving")}</Text> : null}
      {notice?.kind === "saved" ? (
        <MessageBar intent="success">
          <MessageBarBody>{t("status.form.saved")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {notice?.kind === "published" ? (
        <MessageBar intent={notice.latestStatus.kind === "failed" ? "warning" : "success"}>
          <MessageBarBody>
            {t("status.form.published")}{" "}
            {notice.latestStatus.kind === "updated"
              ? t("status.form.latestStatusUpdated", {
                  rag: t(`status.rag.${notice.latestStatus.rag}`),
                })
              : notice.latestStatus.kind === "failed"
                ? t("status.form.latestStatusFailed")
                : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );

  const alert =
    notice?.kind === "problems" ? (
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t(`status.form.${notice.title}`)}</MessageBarTitle>
          <ul className={styles.problems}>
            {notice.problems.map((p, i) => (
              <li key={i}>{problemText(p)}</li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    ) : notice?.kind === "message" ? (
      <MessageBar
        intent={notice.key === "notPermitted" ? "error" : "warning"}
        role="alert"
        layout="multiline"
      >
        <MessageBarBody>{t(`status.form.${notice.key}`)}</MessageBarBody>
      </MessageBar>
    ) : notice?.kind === "error" ? (
      <StoreErrorMessage error={notice.error} title={t("status.form.saveError")} />
    ) : null;

  const disabled = busy !== null;
  const editable = report === null || isEditable(report);
  return (
    <div className={styles.form}>
      {editable ? (
        <form
          className={styles.form}
          aria-describedby={`${id}-hint`}
          onSubmit={(e) => {
            e.preventDefault();
            void run("save");
          }}
        >
          <fieldset className={styles.dimension}>
            <legend className={styles.legend}>{t("status.dimensions.overall")}</legend>
            <RagRadioGroup
              label={t("status.form.rating", { dimension: t("status.dimensions.overall") })}
              value={form.overall}
              required
              disabled={disabled}
              onChange={(rag: Rag) => setForm((f) => ({ ...f, overall: rag }))}
              validationMessage={problemFor("overall")}
            />
            <Field
              label={t("status.form.explanation", { dimension: t("status.dimensions.overall") })}
              hint={t("status.form.explanationHint")}
              {...fieldError(problemFor("overallText"))}
            >
              <Textarea
                value={form.overallText}
                disabled={disabled}
                resize="vertical"
                onChange={(_, d) => setForm((f) => ({ ...f, overallText: d.value }))}
              />
            </Field>
          </fieldset>
          {DIMENSIONS.map((d) => {
            const name = t(`status.dimensions.${d}`);
            return (
              <fieldset key={d} className={styles.dimension}>
                <legend className={styles.legend}>{name}</legend>
                <RagRadioGroup
                  label={t("status.form.rating", { dimension: name })}
                  value={form[d].rag}
                  disabled={disabled}
                  onChange={(rag) => setDimension(d, { rag })}
                  validationMessage={problemFor(d)}
                />
                <Field
                  label={t("status.form.explanation", { dimension: name })}
                  hint={t("status.form.explanationHint")}
                >
                  <Textarea
                    value={form[d].text}
                    disabled={disabled}
                    resize="vertical"
                    onChange={(_, data) => setDimension(d, { text: data.value })}
                  />
                </Field>
              </fieldset>
            );
          })}
          <Text id={`${id}-hint`}>{t("status.form.publishHint")}</Text>
          <div className={styles.actions}>
            <Button type="submit" disabled={disabled}>
              {t("status.form.saveDraft")}
            </Button>
            <Button appearance="primary" disabled={disabled} onClick={() => setAsking(true)}>
              {t("status.form.publish")}
            </Button>
          </div>
        </form>
      ) : (
        // Focus moves here after publishing (the buttons are gone), so keyboard users stay put.
        <div ref={frozenRef} tabIndex={-1}>
          <ReportSummary report={report} />
        </div>
      )}
      <ConfirmDialog
        open={asking}
        title={t("status.form.publishConfirm.title", {
          title: initiative.title,
          period: periodText(period.key),
        })}
        confirmLabel={t("status.form.publishConfirm.confirm")}
        onConfirm={() => run("publish")}
        onClose={() => setAsking(false)}
      >
        {form.overall
          ? t("status.form.publishConfirm.body", { rag: t(`status.rag.${form.overall}`) })
          : t("status.form.publishConfirm.bodyNoOverall")}
      </ConfirmDialog>
      {status}
      {alert}
    </div>
  );
}
