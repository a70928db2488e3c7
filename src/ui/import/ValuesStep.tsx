/**
 * Step 2, second part: what the file's source and area values mean, when some are not the
 * portfolio's own names. One dropdown per distinct value, pre-filled with the domain's
 * suggestion (a choice made for an earlier file, a known synonym, or a similar name) and saying
 * why; the choices are remembered in Settings for the next file (unless unticked). A value
 * left at "nothing" makes its rows' errors in the preview.
 */
import {
  Button,
  Checkbox,
  Dropdown,
  makeStyles,
  Option,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { type Ref, useState } from "react";
import { useTranslation } from "react-i18next";

import type { ImportArea, ValueMap, ValueQuestion } from "../../domain/import.js";
import { valueMapOf } from "../../domain/import.js";
import { SOURCES } from "../../domain/vocabulary.js";
import { DataTable, Stack, StoreErrorMessage } from "../components/index.js";

const NONE = "";

const useStyles = makeStyles({
  heading: { margin: 0 },
  table: { maxWidth: "60rem" },
  dropdown: { minWidth: "16rem", maxWidth: "100%" },
});

export interface ValuesStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  questions: readonly ValueQuestion[];
  areas: readonly ImportArea[];
  onBack: () => void;
  /** Makes the preview with these values (may reject with a StoreError). */
  onPreview: (values: ValueMap, remember: boolean) => Promise<void>;
}

export function ValuesStep({ headingRef, questions, areas, onBack, onPreview }: ValuesStepProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(questions.map((q) => [idOf(q), q.suggestion ?? NONE])),
  );
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const labelOf = (q: ValueQuestion, value: string): string => {
    if (value === NONE) return t("import.values.none");
    if (q.field === "source") return value;
    return areas.find((a) => String(a.id) === value)?.title ?? value;
  };
  const optionsOf = (q: ValueQuestion): string[] =>
    q.field === "source" ? [...SOURCES] : areas.map((a) => String(a.id));

  const next = async () => {
    setBusy(true);
    setError(null);
    try {
      const values = valueMapOf(
        questions.map((q) => {
          const v = answers[idOf(q)] ?? NONE;
          return { field: q.field, key: q.key, value: v === NONE ? null : v };
        }),
      );
      await onPreview(values, remember);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Stack as="section" gap="m" aria-labelledby="import-values-heading" aria-busy={busy}>
      <h2 id="import-values-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        <Text as="span" size={500} weight="semibold">
          {t("import.values.heading")}
        </Text>
      </h2>
      <Text as="p">{t("import.values.intro")}</Text>
      <DataTable
        label={t("import.values.tableLabel")}
        className={styles.table}
        rows={questions}
        rowKey={idOf}
        rowHeight={56}
        columns={[
          {
            key: "field",
            header: t("import.mapping.target"),
            cell: (q) => t(`import.fields.${q.field}`),
            sortValue: (q) => q.field,
            priority: 2,
          },
          {
            key: "value",
            header: t("import.values.value"),
            cell: (q) => q.raw,
            sortValue: (q) => q.raw,
          },
          {
            key: "rows",
            header: t("import.values.rows"),
            cell: (q) => q.rows.join(", "),
            sortValue: (q) => q.rows[0],
            priority: 1,
          },
          {
            key: "meaning",
            header: t("import.values.meaning"),
            minWidth: 18,
            cell: (q) => {
              const value = answers[idOf(q)] ?? NONE;
              const reason =
                value !== NONE && value === q.suggestion && q.reason && q.reason !== "exact"
                  ? t(`import.values.reasons.${q.reason}`)
                  : null;
              return (
                <Stack gap="xs">
                  <Dropdown
                    className={styles.dropdown}
                    aria-label={t("import.values.meaningFor", {
                      field: t(`import.fields.${q.field}`),
                      value: q.raw,
                    })}
                    value={labelOf(q, value)}
                    selectedOptions={[value]}
                    onOptionSelect={(_, d) =>
                      setAnswers((a) => ({ ...a, [idOf(q)]: d.optionValue ?? NONE }))
                    }
                  >
                    <Option value={NONE}>{t("import.values.none")}</Option>
                    {optionsOf(q).map((o) => (
                      <Option key={o} value={o}>
                        {labelOf(q, o)}
                      </Option>
                    ))}
                  </Dropdown>
                  {reason ? <Text size={200}>{reason}</Text> : null}
                </Stack>
              );
            },
          },
        ]}
      />
      <Checkbox
        checked={remember}
        onChange={(_, d) => setRemember(d.checked === true)}
        label={t("import.values.remember")}
      />
      {busy ? <Spinner size="small" label={t("import.mapping.previewing")} /> : null}
      {error ? <StoreErrorMessage error={error} title={t("import.mapping.previewError")} /> : null}
      <Stack direction="row" gap="m">
        <Button onClick={onBack} disabled={busy}>
          {t("import.mapping.back")}
        </Button>
        <Button appearance="primary" disabled={busy} onClick={() => void next()}>
          {t("import.mapping.next")}
        </Button>
      </Stack>
    </Stack>
  );
}

function idOf(q: ValueQuestion): string {
  return `${q.field}:${q.key}`;
}
