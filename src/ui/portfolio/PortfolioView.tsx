/**
 * Portefølje (issue 4 §2): every initiative as a virtualised table or a board by phase, with
 * filters, search, column choice, saved views per user, export of the current view to Excel,
 * phase moves on the board through `changePhase`, and the governance summary of the charter's
 * aim. The data is read narrowly (only the fields in view) and cached; see usePortfolioData.
 */
import {
  Button,
  Field,
  makeStyles,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { useDeferredValue, useMemo } from "react";
import { useTranslation } from "react-i18next";

import { fieldsFor, toggleSort, type ViewMode } from "../../domain/portfolio-view.js";
import { hasRole, type Me } from "../../domain/roles.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { formatNumber } from "../i18n/format.js";
import { useAreaRefs, useExportPortfolio } from "../queries/portfolio.js";
import { useMe } from "../queries/useMe.js";
import { hrefForPage } from "../shell/routes.js";
import { ColumnChooser } from "./ColumnChooser.js";
import { FilterBar } from "./FilterBar.js";
import { GovernanceSummary } from "./GovernanceSummary.js";
import { MoveDialogs } from "./MoveDialogs.js";
import { PortfolioBoard } from "./PortfolioBoard.js";
import { PortfolioTable } from "./PortfolioTable.js";
import { SavedViews } from "./SavedViews.js";
import { type MoveCard, useMove } from "./useMove.js";
import { usePortfolioData } from "./usePortfolioData.js";
import { useViewState } from "./useViewState.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  intro: { margin: 0, maxWidth: "80ch" },
  bar: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    justifyContent: "space-between",
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  tools: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** Offers the workbook as a download named `name` (a Blob behind an <a download>). */
function download(buffer: ArrayBuffer, name: string): void {
  const url = URL.createObjectURL(new Blob([buffer], { type: XLSX }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Portfolio({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const styles = useStyles();
  const views = useViewState(me.person.id);
  const { state, update } = views;
  const fields = useMemo(
    () => fieldsFor(state.columns, state.mode, state.sort),
    [state.columns, state.mode, state.sort],
  );
  const filters = useDeferredValue(state.filters);
  const data = usePortfolioData(fields, filters, state.sort);
  const areas = useAreaRefs();
  const move = useMove();
  const n = (x: number) => formatNumber(x, language, 0);

  const exporting = useExportPortfolio();
  const exporter = {
    ...exporting,
    mutate: () =>
      exporting.mutate(
        { rows: data.rows, columns: state.columns, language },
        { onSuccess: ({ buffer, file }) => download(buffer, file) },
      ),
  };

  const secretaryOrChair = hasRole(me, "secretary") || hasRole(me, "chair");
  const busyId = move.state.kind === "working" ? move.state.card.id : null;
  const focusId = move.state.kind === "moved" ? move.state.card.id : null;

  return (
    <>
      <div className={styles.bar}>
        <nav aria-label={t("portfolio.actions.label")} className={styles.actions}>
          <Button as="a" appearance="primary" href={hrefForPage("intake")}>
            {t("portfolio.actions.intake")}
          </Button>
          {secretaryOrChair ? (
            <Button as="a" href={hrefForPage("import")}>
              {t("portfolio.actions.import")}
            </Button>
          ) : null}
          <Button as="a" href={hrefForPage("statusReports")}>
            {t("portfolio.actions.statusReports")}
          </Button>
        </nav>
        <Field label={t("portfolio.mode.label")} orientation="horizontal">
          <RadioGroup
            layout="horizontal"
            value={state.mode}
            onChange={(_, d) => update({ mode: d.value as ViewMode })}
          >
            <Radio value="table" label={t("portfolio.mode.table")} />
            <Radio value="board" label={t("portfolio.mode.board")} />
          </RadioGroup>
        </Field>
      </div>

      <GovernanceSummary />

      <SavedViews views={views} />

      <FilterBar
        filters={state.filters}
        areas={areas.data ?? []}
        onChange={(f) => update({ filters: f })}
      />

      <div className={styles.bar}>
        <div className={styles.progress}>
          <div role="status" aria-live="polite">
            {data.isPending ? (
              <Text>
                {data.read
                  ? t("portfolio.loading.progress", { count: n(data.read) })
                  : t("portfolio.loading.starting")}
              </Text>
            ) : data.loaded ? (
              <Text weight="semibold">
                {data.total !== undefined
                  ? t("portfolio.count.ofAll", { shown: n(data.rows.length), total: n(data.total) })
                  : t("portfolio.count.matching", { shown: n(data.rows.length) })}
              </Text>
            ) : null}
          </div>
          {data.isPending || data.isFetching ? (
            <ProgressBar aria-label={t("portfolio.loading.starting")} />
          ) : null}
        </div>
        <div className={styles.tools}>
          {state.mode === "table" ? (
            <ColumnChooser columns={state.columns} onChange={(columns) => update({ columns })} />
          ) : null}
          <Button
            icon={<ArrowDownloadRegular />}
            disabled={!data.loaded || exporter.isPending}
            onClick={() => exporter.mutate()}
          >
            {exporter.isPending ? t("portfolio.export.working") : t("portfolio.export.button")}
          </Button>
        </div>
      </div>
      <div role="status" aria-live="polite">
        {exporter.data ? (
          <Text>
            {t("portfolio.export.done", { count: exporter.data.count, file: exporter.data.file })}
          </Text>
        ) : null}
      </div>
      {exporter.isError ? (
        <StoreErrorMessage error={exporter.error} title={t("portfolio.export.errorTitle")} />
      ) : null}

      <MoveDialogs
        state={move.state}
        onConfirm={(r, d) => void move.confirm(r, d)}
        onClose={move.close}
      />

      {data.error ? (
        <StoreErrorMessage
          error={data.error}
          title={t("portfolio.loading.errorTitle")}
          onRetry={data.refetch}
        />
      ) : !data.loaded ? null : state.mode === "table" ? (
        <PortfolioTable
          rows={data.rows}
          columns={state.columns}
          sort={state.sort}
          onSort={(column, additive) => update({ sort: toggleSort(state.sort, column, additive) })}
        />
      ) : (
        <PortfolioBoard
          rows={data.rows as MoveCard[]}
          me={me}
          busyId={busyId}
          focusId={focusId}
          onMove={(card, to) => void move.move(card, to)}
        />
      )}
    </>
  );
}

export default function PortfolioView() {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("portfolio.title")}
        </Text>
      </h1>
      <Text as="p" className={styles.intro}>
        {t("portfolio.intro")}
      </Text>
      {me.isPending ? (
        <Spinner label={t("portfolio.loading.starting")} />
      ) : me.isError ? (
        <StoreErrorMessage error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <Portfolio key={me.data.person.id} me={me.data} />
      )}
    </section>
  );
}
