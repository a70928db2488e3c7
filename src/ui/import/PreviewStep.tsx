/**
 * Step 3: what will happen to each row, before anything is written: counts ("197 klar, 3 med
 * fejl"), then the rows a page at a time (a 200-row file stays light), each with its action in
 * words (opret / opdatér / spring over / fejl) and its problems, which name row and column.
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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { type Ref, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import type { ColumnMapping, ImportPreview, ImportTable } from "../../domain/import.js";
import type { Problem } from "../../domain/problems.js";
import { useProblemText } from "../components/ProblemMessage.js";

export const PAGE_SIZE = 50;

type Kind = "create" | "update" | "skip" | "invalid";
type Filter = "all" | Kind;
const FILTERS: readonly Filter[] = ["all", "invalid", "create", "update", "skip"];
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
    notes: [...(r.action.kind === "skip" ? [r.action.reason] : []), ...r.warnings],
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
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  counts: { margin: 0 },
  filter: { maxWidth: "16rem" },
  rowNumber: { width: "6rem" },
  action: { width: "12rem" },
  invalid: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  notes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  pager: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalM },
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
  const [page, setPage] = useState(0);
  const problemText = useProblemText();
  const lines = useMemo(
    () => previewLines(table, mapping, preview, problemText),
    [table, mapping, preview, problemText],
  );
  const shown = filter === "all" ? lines : lines.filter((l) => l.kind === filter);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const { counts } = preview;
  const ready = counts.create + counts.update;
  const toWrite = ready;
  const countOf = (f: Filter) =>
    f === "all" ? lines.length : lines.filter((l) => l.kind === f).length;

  return (
    <section className={styles.root} aria-labelledby="import-preview-heading">
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
            setPage(0);
          }}
        >
          {FILTERS.map((f) => (
            <Option key={f} value={f}>
              {`${t(FILTER_LABEL[f])} (${countOf(f)})`}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Table aria-label={t("import.preview.tableLabel")} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.rowNumber}>
              {t("import.preview.row")}
            </TableHeaderCell>
            <TableHeaderCell>{t("import.preview.titleColumn")}</TableHeaderCell>
            <TableHeaderCell className={styles.action}>
              {t("import.preview.action")}
            </TableHeaderCell>
            <TableHeaderCell>{t("import.preview.notes")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {visible.length === 0 ? (
            <TableRow>
              <TableCell colSpan={4}>{t("import.preview.none")}</TableCell>
            </TableRow>
          ) : (
            visible.map((l) => (
              <TableRow key={l.row}>
                <TableCell>{l.row}</TableCell>
                <TableCell>{l.title}</TableCell>
                <TableCell>
                  <span className={l.kind === "invalid" ? styles.invalid : undefined}>
                    {t(`import.preview.actions.${l.kind}`)}
                  </span>
                </TableCell>
                <TableCell>
                  {l.notes.length > 0 ? (
                    <ul className={styles.notes}>
                      {l.notes.map((n) => (
                        <li key={n}>{n}</li>
                      ))}
                    </ul>
                  ) : null}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      {pages > 1 ? (
        <nav className={styles.pager} aria-label={t("import.preview.tableLabel")}>
          <Button disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t("import.preview.previous")}
          </Button>
          <Text aria-live="polite">{t("import.preview.page", { page: current + 1, pages })}</Text>
          <Button disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t("import.preview.nextPage")}
          </Button>
        </nav>
      ) : null}

      {toWrite === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>{t("import.preview.nothing")}</MessageBarTitle>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button onClick={onBack}>{t("import.preview.back")}</Button>
        <Button appearance="primary" disabled={toWrite === 0} onClick={onStart}>
          {t("import.preview.start", { count: toWrite })}
        </Button>
      </div>
    </section>
  );
}
