/**
 * Step 4: the import running in batches, with a progress bar and the counts in a live region;
 * then the summary (created, updated, skipped, failed with reasons naming the row), the
 * StoreError when the adapter gave up, and a way to retry only the failed rows.
 */
import {
  Button,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { TFunction } from "i18next";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";

import { isStoreError, type StoreError } from "../../domain/errors.js";
import type { ImportPreview } from "../../domain/import.js";
import type { ImportProblem, RowOutcome } from "../../use-cases/import.js";
import { problemText } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { errorMessageKey } from "../errors.js";
import { hrefFor, hrefForInitiative } from "../shell/routes.js";
import type { RunState } from "./ImportWizard.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  progress: { maxWidth: "40rem" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
});

function errorText(error: StoreError | ImportProblem, t: TFunction): string {
  if (!isStoreError(error)) return problemText(t, error);
  return isStoreError(error, "Invalid") && error.message
    ? error.message
    : t(errorMessageKey(error));
}

/** Why a row failed, in words naming the row (and what was undone). */
export function failureText(
  o: Extract<RowOutcome, { status: "failed" }>,
  wasUpdate: boolean,
  t: TFunction,
): string {
  const base = { row: o.row, title: o.title, error: errorText(o.error, t) };
  if (o.leftover !== null) return t("import.run.causes.leftover", { ...base, id: o.leftover });
  switch (o.cause) {
    case "notAttempted":
      return t("import.run.causes.notAttempted", base);
    case "budgetLine":
      return t(
        wasUpdate ? "import.run.causes.budgetLineUpdate" : "import.run.causes.budgetLine",
        base,
      );
    case "initiative":
      return (isStoreError(o.error) && o.error.kind === "Conflict") ||
        (!isStoreError(o.error) && o.error.code === "import.problem.changedSinceReview")
        ? t("import.run.causes.conflict", base)
        : t("import.run.causes.initiative", base);
  }
}

export interface RunStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  preview: ImportPreview;
  run: RunState;
  onStop: () => void;
  onRetry: () => void;
  onAnother: () => void;
}

export function RunStep({ headingRef, preview, run, onStop, onRetry, onAnother }: RunStepProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { progress, summary, running } = run;
  const updates = new Set(preview.rows.filter((r) => r.action.kind === "update").map((r) => r.row));
  const failed = summary?.outcomes.filter(
    (o): o is Extract<RowOutcome, { status: "failed" }> => o.status === "failed",
  );
  const skipped = summary?.outcomes.filter(
    (o): o is Extract<RowOutcome, { status: "skipped" }> => o.status === "skipped",
  );
  const stoppedBy = summary?.stoppedBy ?? null;
  const cancelled = stoppedBy !== null && !isStoreError(stoppedBy);

  return (
    <section className={styles.root} aria-labelledby="import-run-heading" aria-busy={running}>
      <h2 id="import-run-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        <Text as="span" size={500} weight="semibold">
          {t("import.run.heading")}
        </Text>
      </h2>

      {progress ? (
        <Field
          className={styles.progress}
          label={t("import.run.progressLabel")}
          validationState="none"
        >
          <ProgressBar
            value={progress.rowsTotal === 0 ? 1 : progress.rowsDone / progress.rowsTotal}
            max={1}
            thickness="large"
          />
        </Field>
      ) : running ? (
        <Spinner size="small" label={t("import.run.retrying")} />
      ) : null}
      <div role="status" aria-live="polite" aria-atomic="true">
        {progress ? (
          <Text as="p">
            {t("import.run.progress", {
              done: progress.rowsDone,
              total: progress.rowsTotal,
              created: progress.created,
              updated: progress.updated,
              skipped: progress.skipped,
              failed: progress.failed,
            })}{" "}
            {t("import.run.batches", { done: progress.batchesDone, total: progress.batches })}
          </Text>
        ) : null}
      </div>
      {running ? (
        <div className={styles.actions}>
          <Button onClick={onStop} disabled={run.stopping}>
            {run.stopping ? t("import.run.stopping") : t("import.run.stop")}
          </Button>
        </div>
      ) : null}

      {run.error ? <StoreErrorMessage error={run.error} onRetry={onRetry} /> : null}

      {summary && !running ? (
        <>
          {stoppedBy && !cancelled ? (
            isStoreError(stoppedBy) ? (
              <StoreErrorMessage error={stoppedBy} title={t("import.run.stoppedTitle")} />
            ) : null
          ) : null}
          <MessageBar intent={summary.failed > 0 ? "warning" : "success"} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {stoppedBy
                  ? t("import.run.stoppedTitle")
                  : summary.failed > 0
                    ? t("import.run.doneWithFailures")
                    : t("import.run.doneTitle")}
              </MessageBarTitle>
              {t("import.run.summary", {
                created: summary.created,
                updated: summary.updated,
                skipped: summary.skipped,
                failed: summary.failed,
              })}
              {preview.counts.invalid > 0
                ? ` ${t("import.run.notImported", { count: preview.counts.invalid })}`
                : null}
            </MessageBarBody>
          </MessageBar>
          {failed && failed.length > 0 ? (
            <section aria-labelledby="import-failed-heading">
              <h3 id="import-failed-heading">{t("import.run.failedHeading")}</h3>
              <ul className={styles.list}>
                {failed.map((o) => (
                  <li key={o.row}>{failureText(o, updates.has(o.row), t)}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {skipped && skipped.length > 0 ? (
            <details>
              <summary>
                {t("import.run.skippedHeading")} ({skipped.length})
              </summary>
              <ul className={styles.list}>
                {skipped.map((o) => (
                  <li key={o.row}>
                    {t("import.run.skipped", {
                      row: o.row,
                      title: o.title,
                      reason: problemText(t as never, o.reason),
                    })}{" "}
                    <Link href={hrefForInitiative(o.id)}>
                      {t("import.run.openInitiative", { title: o.title })}
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className={styles.actions}>
            {failed && failed.length > 0 ? (
              <Button appearance="primary" onClick={onRetry}>
                {t("import.run.retry", { count: failed.length })}
              </Button>
            ) : null}
            <Button onClick={onAnother}>{t("import.run.another")}</Button>
            <Link href={hrefFor("portfolio")}>{t("import.backToPortfolio")}</Link>
          </div>
          {failed && failed.length > 0 ? <Text size={200}>{t("import.run.retryNote")}</Text> : null}
        </>
      ) : null}
    </section>
  );
}
