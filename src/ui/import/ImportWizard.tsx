/**
 * The four steps of an import and what they share: the file read, the column mapping, the
 * preview, and the run (progress, summary, retry of the failed rows). Writes start only from a
 * button (never from an effect), so nothing is imported twice.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type ColumnMapping,
  type ImportPreview,
  suggestMapping,
  type ValueMap,
  type ValueQuestion,
  valueQuestions,
} from "../../domain/import.js";
import type { Problem } from "../../domain/problems.js";
import {
  type ImportBasis,
  type ImportProgress,
  type ImportSummary,
  mergeRetry,
  type PreviewOptions,
  rowsToRetry,
} from "../../use-cases/import.js";
import { ProblemMessage } from "../components/ProblemMessage.js";
import {
  useFreshImportBasis,
  useImportBasis,
  usePrepareImport,
  useRememberValueMap,
  useRunImport,
} from "../queries/import.js";
import { useMe } from "../queries/useMe.js";
import { FileStep, type LoadedFile } from "./FileStep.js";
import { MappingStep } from "./MappingStep.js";
import { PreviewStep } from "./PreviewStep.js";
import { RunStep } from "./RunStep.js";
import { ValuesStep } from "./ValuesStep.js";

/** The steps; "values" (what the file's values mean) is the second part of the columns step. */
export type Step = "file" | "mapping" | "values" | "preview" | "import";
export const STEPS: readonly Exclude<Step, "values">[] = ["file", "mapping", "preview", "import"];

const useStyles = makeStyles({
  steps: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalL,
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  step: { color: tokens.colorNeutralForeground3 },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: "underline",
  },
});

export interface RunState {
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  running: boolean;
  stopping: boolean;
  /** A failure outside any row (e.g. the portfolio could not be read again for a retry). */
  error: unknown;
}

const IDLE: RunState = {
  progress: null,
  summary: null,
  running: false,
  stopping: false,
  error: null,
};

export function ImportWizard() {
  const { t } = useTranslation();
  const styles = useStyles();
  const basis = useImportBasis();
  const freshBasis = useFreshImportBasis();
  const prepare = usePrepareImport();
  const runRows = useRunImport();
  const remember = useRememberValueMap();
  const me = useMe();

  const [step, setStep] = useState<Step>("file");
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [options, setOptions] = useState<PreviewOptions>({
    onExisting: "skip",
    defaultSource: "KL/KOMBIT",
    defaultArea: null,
  });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [questions, setQuestions] = useState<{
    basis: ImportBasis;
    list: ValueQuestion[];
  } | null>(null);
  const [notRemembered, setNotRemembered] = useState<Problem | null>(null);
  const [run, setRun] = useState<RunState>(IDLE);
  const abort = useRef<AbortController | null>(null);

  // Each step's heading takes the focus when the step opens (not on the first render).
  const headings = useRef<Partial<Record<Step, HTMLHeadingElement | null>>>({});
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headings.current[step]?.focus();
  }, [step]);
  const headingRef = (s: Step) => (el: HTMLHeadingElement | null) => {
    headings.current[s] = el;
  };

  const onLoaded = (loaded: LoadedFile) => {
    setFile(loaded);
    setMapping(suggestMapping(loaded.table.headers));
    setQuestions(null);
    setOptions((o) => ({ ...o, values: {} }));
    setPreview(null);
  };

  const toPreview = async (b: ImportBasis, values: ValueMap) => {
    if (!file) return;
    const next = { ...options, values, importer: me.data?.person ?? null };
    setOptions(next);
    setPreview(await prepare(b, file.table, mapping, next));
    setStep("preview");
  };

  const start = async (rows: ImportPreview["rows"], previous: ImportSummary | null) => {
    const controller = new AbortController();
    abort.current = controller;
    setRun((r) => ({ ...r, running: true, stopping: false, error: null }));
    try {
      const summary = await runRows(rows, {
        signal: controller.signal,
        onProgress: (progress) => setRun((r) => ({ ...r, progress })),
      });
      setRun((r) => ({
        ...r,
        running: false,
        stopping: false,
        summary: previous ? mergeRetry(previous, summary) : summary,
      }));
    } catch (error) {
      setRun((r) => ({ ...r, running: false, stopping: false, error }));
    } finally {
      abort.current = null;
    }
  };

  const onStart = () => {
    if (!preview) return;
    setRun(IDLE);
    setStep("import");
    void start(preview.rows, null);
  };

  const onRetry = async () => {
    if (!file || !run.summary) return;
    const previous = run.summary;
    setRun((r) => ({ ...r, running: true, error: null }));
    try {
      // The portfolio afresh: a row that did get written is now an update or a skip.
      const fresh = await freshBasis();
      const again = await prepare(fresh, file.table, mapping, options);
      await start(rowsToRetry(again, previous), previous);
    } catch (error) {
      setRun((r) => ({ ...r, running: false, error }));
    }
  };

  const onAnother = () => {
    setFile(null);
    setQuestions(null);
    setMapping([]);
    setPreview(null);
    setRun(IDLE);
    setStep("file");
  };

  const stepIndex = STEPS.indexOf(step === "values" ? "mapping" : step);
  return (
    <>
      <nav aria-label={t("import.steps.label")}>
        <ol className={styles.steps}>
          {STEPS.map((s, i) => (
            <li
              key={s}
              className={i === stepIndex ? styles.current : styles.step}
              aria-current={i === stepIndex ? "step" : undefined}
            >
              {`${i + 1}. ${t(`import.steps.${s}`)}`}
            </li>
          ))}
        </ol>
      </nav>
      {step === "file" ? (
        <FileStep
          headingRef={headingRef("file")}
          file={file}
          onLoaded={onLoaded}
          onNext={() => setStep("mapping")}
        />
      ) : null}
      {step === "mapping" && file ? (
        <MappingStep
          headingRef={headingRef("mapping")}
          table={file.table}
          basis={basis}
          mapping={mapping}
          onMappingChange={setMapping}
          options={options}
          onOptionsChange={setOptions}
          onBack={() => setStep("file")}
          onPreview={async (b) => {
            const list = valueQuestions(file.table, mapping, b);
            if (list.length > 0) {
              setQuestions({ basis: b, list });
              setStep("values");
            } else {
              setQuestions(null);
              await toPreview(b, {});
            }
          }}
        />
      ) : null}
      {step === "values" && file && questions ? (
        <ValuesStep
          headingRef={headingRef("values")}
          questions={questions.list}
          areas={questions.basis.areas}
          onBack={() => setStep("mapping")}
          onPreview={async (values, keep) => {
            setNotRemembered(null);
            if (keep) {
              const saved = await remember(values);
              if (!saved.ok) setNotRemembered(saved.error);
            }
            await toPreview(questions.basis, values);
          }}
        />
      ) : null}
      {step === "preview" && notRemembered ? (
        <ProblemMessage problems={[notRemembered]} intent="warning" />
      ) : null}
      {step === "preview" && file && preview ? (
        <PreviewStep
          headingRef={headingRef("preview")}
          table={file.table}
          mapping={mapping}
          preview={preview}
          onBack={() => setStep(questions ? "values" : "mapping")}
          onStart={onStart}
        />
      ) : null}
      {step === "import" && preview ? (
        <RunStep
          headingRef={headingRef("import")}
          preview={preview}
          run={run}
          onStop={() => {
            abort.current?.abort();
            setRun((r) => ({ ...r, stopping: true }));
          }}
          onRetry={() => void onRetry()}
          onAnother={onAnother}
        />
      ) : null}
    </>
  );
}
