/**
 * Step 2: what each column of the file holds. One dropdown per column (an initiative field, an
 * amount of a budget year and kind, or ignore), pre-filled from the headers; the domain's
 * problems with the mapping are listed and block the preview. Without a source or area column
 * the whole file's source and area are chosen here, and what a row of an existing initiative
 * (same external reference) does.
 */
import {
  Button,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { UseQueryResult } from "@tanstack/react-query";
import { type Ref, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type ColumnMapping,
  type ImportTable,
  unmappedColumns,
  validateMapping,
} from "../../domain/import.js";
import { type Source, SOURCES } from "../../domain/vocabulary.js";
import type { ImportBasis, PreviewOptions } from "../../use-cases/import.js";
import { DataTable, QueryBoundary, Stack, StoreErrorMessage } from "../components/index.js";
import { useProblemText } from "../components/ProblemMessage.js";
import { keyOfTarget, labelOfTarget, targetOfKey, targetOptions } from "./targets.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
  table: { maxWidth: "60rem" },
  dropdown: { minWidth: "16rem", maxWidth: "100%" },
  defaults: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    maxWidth: "40rem",
    border: "none",
    padding: 0,
    margin: 0,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

export interface MappingStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  table: ImportTable;
  basis: UseQueryResult<ImportBasis>;
  mapping: ColumnMapping;
  onMappingChange: (mapping: ColumnMapping) => void;
  options: PreviewOptions;
  onOptionsChange: (options: PreviewOptions) => void;
  onBack: () => void;
  /** Makes the preview (may reject with a StoreError). */
  onPreview: (basis: ImportBasis) => Promise<void>;
}

export function MappingStep(props: MappingStepProps) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const styles = useStyles();
  const { table, basis, mapping, options } = props;
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const heading = (
    <h2 id="import-mapping-heading" className={styles.heading} ref={props.headingRef} tabIndex={-1}>
      <Text as="span" size={500} weight="semibold">
        {t("import.mapping.heading")}
      </Text>
    </h2>
  );
  if (basis.isPending || basis.isError) {
    return (
      <Stack as="section" gap="m" aria-labelledby="import-mapping-heading">
        {heading}
        <QueryBoundary
          query={basis}
          loadingLabel={t("import.mapping.loadingBasis")}
          errorTitle={t("import.mapping.basisError")}
        >
          {() => null}
        </QueryBoundary>
        <Stack direction="row" gap="m">
          <Button onClick={props.onBack}>{t("import.mapping.back")}</Button>
        </Stack>
      </Stack>
    );
  }
  const data = basis.data;
  const problems = validateMapping(mapping, table.headers, data.budgetYears);
  const unmapped = unmappedColumns(table, mapping).filter((c) => c.filled > 0);
  const choices = targetOptions(data.budgetYears, mapping);
  const hasSource = mapping.some((m) => m?.field === "source");
  const hasArea = mapping.some((m) => m?.field === "area");
  const example = (col: number) =>
    table.rows.map((r) => (r[col] ?? "").trim()).find((c) => c !== "") ?? "";

  const setTarget = (col: number, key: string) => {
    const next = [...mapping];
    next[col] = targetOfKey(key);
    props.onMappingChange(next);
  };

  const preview = async () => {
    setPreviewing(true);
    setError(null);
    try {
      await props.onPreview(data);
    } catch (e) {
      setError(e);
      setPreviewing(false);
    }
  };

  return (
    <Stack as="section" gap="m" aria-labelledby="import-mapping-heading" aria-busy={previewing}>
      {heading}
      <Text as="p">{t("import.mapping.intro")}</Text>
      <DataTable
        label={t("import.mapping.heading")}
        className={styles.table}
        rows={table.headers.map((header, col) => ({
          col,
          name: header.trim() === "" ? `${col + 1}` : header,
          example: example(col),
        }))}
        rowKey={(r) => r.col}
        rowHeight={48}
        columns={[
          {
            key: "column",
            header: t("import.mapping.column"),
            cell: (r) => r.name,
            sortValue: (r) => r.col,
          },
          {
            key: "example",
            header: t("import.mapping.example"),
            priority: 1,
            cell: (r) => <span title={r.example}>{r.example}</span>,
            sortValue: (r) => r.example,
          },
          {
            key: "target",
            header: t("import.mapping.target"),
            minWidth: 17,
            cell: (r) => {
              const target = mapping[r.col] ?? null;
              return (
                <Dropdown
                  className={styles.dropdown}
                  aria-label={t("import.mapping.targetFor", { column: r.name })}
                  value={labelOfTarget(target, t)}
                  selectedOptions={[keyOfTarget(target)]}
                  onOptionSelect={(_, d) => d.optionValue && setTarget(r.col, d.optionValue)}
                >
                  {choices.map((c) => (
                    <Option key={keyOfTarget(c)} value={keyOfTarget(c)}>
                      {labelOfTarget(c, t)}
                    </Option>
                  ))}
                </Dropdown>
              );
            },
          },
        ]}
      />

      {problems.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("import.mapping.problemsTitle")}</MessageBarTitle>
            <ul className={styles.list}>
              {problems.map((p, i) => (
                <li key={`${p.code}-${i}`}>{problemText(p)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {unmapped.length > 0 ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("import.unmapped.heading")}</MessageBarTitle>
            {t("import.unmapped.intro")}
            <ul className={styles.list} aria-label={t("import.unmapped.heading")}>
              {unmapped.map((c) => (
                <li key={c.column}>
                  {t("import.unmapped.column", {
                    header: c.header.trim() === "" ? `${c.column + 1}` : c.header,
                    filled: c.filled,
                    hint: problemText(c.hint),
                  })}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <fieldset className={styles.defaults}>
        <legend>
          <Text weight="semibold">{t("import.mapping.defaults")}</Text>
        </legend>
        {!hasSource ? (
          <Field label={t("import.mapping.defaultSource")}>
            <Dropdown
              value={options.defaultSource}
              selectedOptions={[options.defaultSource]}
              onOptionSelect={(_, d) =>
                d.optionValue &&
                props.onOptionsChange({ ...options, defaultSource: d.optionValue as Source })
              }
            >
              {SOURCES.map((s) => (
                <Option key={s} value={s}>
                  {s}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : null}
        {!hasArea ? (
          <Field label={t("import.mapping.defaultArea")}>
            <Dropdown
              placeholder={t("import.mapping.noArea")}
              value={options.defaultArea?.title ?? ""}
              selectedOptions={options.defaultArea ? [String(options.defaultArea.id)] : []}
              onOptionSelect={(_, d) => {
                const area = data.areas.find((a) => String(a.id) === d.optionValue);
                props.onOptionsChange({
                  ...options,
                  defaultArea: area ? { id: area.id, title: area.title } : null,
                });
              }}
            >
              {data.areas.map((a) => (
                <Option key={a.id} value={String(a.id)}>
                  {a.title}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ) : null}
        <Field label={t("import.mapping.onExisting")}>
          <RadioGroup
            value={options.onExisting}
            onChange={(_, d) =>
              props.onOptionsChange({
                ...options,
                onExisting: d.value === "update" ? "update" : "skip",
              })
            }
          >
            <Radio value="skip" label={t("import.mapping.onExistingSkip")} />
            <Radio value="update" label={t("import.mapping.onExistingUpdate")} />
          </RadioGroup>
        </Field>
      </fieldset>

      {previewing ? <Spinner size="small" label={t("import.mapping.previewing")} /> : null}
      {error ? <StoreErrorMessage error={error} title={t("import.mapping.previewError")} /> : null}
      <Stack direction="row" gap="m">
        <Button onClick={props.onBack} disabled={previewing}>
          {t("import.mapping.back")}
        </Button>
        <Button
          appearance="primary"
          disabled={problems.length > 0 || previewing}
          onClick={() => void preview()}
        >
          {t("import.mapping.next")}
        </Button>
      </Stack>
    </Stack>
  );
}
