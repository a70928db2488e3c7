/**
 * Step 3: what will happen to each row, before anything is written: counts ("197 klar, 3 med
 * fejl"), then the rows in the kit's virtualised table (a file of thousands of rows stays light),
 * each with its action in words (opret / opdatér / spring over / fejl) and its problems, which
 * name row and column.
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
  Text,
  tokens,
} from "@fluentui/react-components";
import { type Ref, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import type { ColumnMapping, ImportPreview, ImportTable } from "../../domain/import.js";
import type { Problem } from "../../domain/problems.js";
import { DataTable, Stack } from "../components/index.js";
import { useProblemText } from "../components/ProblemMessage.js";

type Kind = "create" | "update" | "skip" | "invalid";
type Filter = "all" | Kind;
const FILTERS: readonly Filter[] = ["all", "invalid", "create", "update", "skip"];
/** Rows with errors first when sorted by action. */
const KIND_ORDER: Readonly<Record<Kind, number>> = { invalid: 0, create: 1, update: 2, skip: 3 };
const FILTER_LABEL: Readonly<Record<Filter, string>> = {
  all: "import.preview.showAll",
  invalid: "import.preview.showInvalid",
  create: "import.preview.showCreate",
  update: "import.preview.showUpdate",
  skip: "import.preview.showSkip",
};

export interface PreviewLine {
  row: number;
  title: string;
  kind: Kind;
  notes: string[];
}

/** One line per non-empty row of the file, in file order, with its action and notes. */
export function previewLines(
  table: ImportTable,
  mapping: ColumnMapping,
  preview: ImportPreview,
  problemText: (p: Problem) => string,
): PreviewLine[] {
  const titleCol = mapping.findIndex((m) => m?.field === "title");
  const lines: PreviewLine[] = preview.rows.map((r) => ({
    row: r.row,
    title: r.initiative.title,
    kind: r.action.kind,
    notes: [...(r.action.kind === "skip" ? [r.action.reason] : []), ...r.warnings].map(problemText),
  }));
  for (const row of preview.invalidRows) {
    lines.push({
      row,
      title: titleCol >= 0 ? (table.rows[row - 2]?.[titleCol] ?? "").trim() : "",
      kind: "invalid",
      notes: preview.problems.filter((p) => p.row === row).map(problemText),
    });
  }
  return lines.sort((a, b) => a.row - b.row);
}

const useStyles = makeStyles({
  heading: { margin: 0 },
  counts: { margin: 0 },
  filter: { maxWidth: "16rem" },
  invalid: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  notes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, whiteSpace: "normal" },
});

export interface PreviewStepProps {
  headingRef: Ref<HTMLHeadingElement>;
  table: ImportTable;
  mapping: ColumnMapping;
  preview: ImportPreview;
  onBack: () => void;
  onStart: () => void;
}

export function PreviewStep({
  headingRef,
  table,
  mapping,
  preview,
  onBack,
  onStart,
}: PreviewStepProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>(preview.counts.invalid > 0 ? "invalid" : "all");
  const problemText = useProblemText();
  const lines = useMemo(
    () => previewLines(table, mapping, preview, problemText),
    [table, mapping, preview, problemText],
  );
  const shown = filter === "all" ? lines : lines.filter((l) => l.kind === filter);
  // Rows have one height: room for the most notes a row has (the notes wrap in their cell).
  const mostNotes = shown.reduce((most, l) => Math.max(most, l.notes.length), 1);
  const rowHeight = 20 + 24 * mostNotes;
  const { counts } = preview;
  const ready = counts.create + counts.update;
  const toWrite = ready;
  const countOf = (f: Filter) =>
    f === "all" ? lines.length : lines.filter((l) => l.kind === f).length;

  return (
    <Stack as="section" gap="m" aria-labelledby="import-preview-heading">
      <h2 id="import-preview-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        <Text as="span" size={500} weight="semibold">
          {t("import.preview.heading")}
        </Text>
      </h2>
      <div role="status">
        <Text as="p" size={400} weight="semibold" className={styles.counts}>
          {t("import.preview.counts", { ready, invalid: counts.invalid })}
        </Text>
        <Text as="p" className={styles.counts}>
          {t("import.preview.breakdown", counts)}
        </Text>
      </div>
      {counts.invalid > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t("import.preview.invalidNote")}</MessageBarBody>
        </MessageBar>
      ) : null}

      <Field label={t("import.preview.show")} className={styles.filter}>
        <Dropdown
          value={`${t(FILTER_LABEL[filter])} (${countOf(filter)})`}
          selectedOptions={[filter]}
          onOptionSelect={(_, d) => {
            setFilter((d.optionValue as Filter | undefined) ?? "all");
          }}
        >
          {FILTERS.map((f) => (
            <Option key={f} value={f}>
              {`${t(FILTER_LABEL[f])} (${countOf(f)})`}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <DataTable
        label={t("import.preview.tableLabel")}
        rows={shown}
        rowKey={(l) => l.row}
        empty={t("import.preview.none")}
        rowHeight={rowHeight}
        columns={[
          {
            key: "row",
            header: t("import.preview.row"),
            minWidth: 5,
            grow: 0.4,
            align: "end",
            cell: (l) => l.row,
            sortValue: (l) => l.row,
          },
          {
            key: "title",
            header: t("import.preview.titleColumn"),
            minWidth: 12,
            grow: 1.5,
            cell: (l) => <span title={l.title}>{l.title}</span>,
            sortValue: (l) => l.title,
          },
          {
            key: "action",
            header: t("import.preview.action"),
            minWidth: 11,
            cell: (l) => (
              <span className={l.kind === "invalid" ? styles.invalid : undefined}>
                {t(`import.preview.actions.${l.kind}`)}
              </span>
            ),
            sortValue: (l) => KIND_ORDER[l.kind],
          },
          {
            key: "notes",
            header: t("import.preview.notes"),
            minWidth: 16,
            grow: 3,
            cell: (l) =>
              l.notes.length > 0 ? (
                <ul className={styles.notes}>
                  {l.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null,
          },
        ]}
      />

      {toWrite === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>{t("import.preview.nothing")}</MessageBarTitle>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Stack direction="row" gap="m">
        <Button onClick={onBack}>{t("import.preview.back")}</Button>
        <Button appearance="primary" disabled={toWrite === 0} onClick={onStart}>
          {t("import.preview.start", { count: toWrite })}
        </Button>
      </Stack>
    </Stack>
  );
}
