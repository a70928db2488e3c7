/**
 * Finansiering: the budget frames per year and kind (frame, committed, planned, left, source),
 * the chart of frame against committed, planned and expected benefits with its table, the
 * secretary's form to change a frame (opened at a frame with an amount by the optimizer's link)
 * and the history of changes.
 */
import { Button, Text } from "@fluentui/react-components";
import { useEffect, useReducer, useRef } from "react";
import { useTranslation } from "react-i18next";

import { framesOf, type FrameYearRow } from "../../domain/funding-frames.js";
import type { Route } from "../../domain/routes.js";
import type { FundingPage } from "../../use-cases/funding.js";
import { type DataColumn, DataTable } from "../components/DataTable.js";
import { QueryBoundary } from "../components/QueryBoundary.js";
import { Stack } from "../components/Stack.js";
import { formatDkk } from "../i18n/format.js";
import { useFundingPage } from "../queries/funding.js";
import { EMPTY_FRAME_FORM, frameFormReducer } from "./form-state.js";
import { FrameForm } from "./FrameForm.js";
import { FrameHistory } from "./FrameHistory.js";
import { FramePictureChart } from "./FramePictureChart.js";
import { Proposals } from "./Proposals.js";

type FrameRoute = Extract<Route, { kind: "fundingFrame" }>;

function Frames(props: { page: FundingPage; frame: FrameRoute | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const { page } = props;
  const [form, dispatch] = useReducer(frameFormReducer, EMPTY_FRAME_FORM);
  const formRef = useRef<HTMLDivElement>(null);
  const sourceOf = (year: number, kind: string) =>
    framesOf(page.frames, year, kind)[0]?.source ?? null;
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !props.frame) return;
    opened.current = true;
    dispatch({
      type: "open",
      year: props.frame.year,
      kind: props.frame.budgetKind,
      amount: props.frame.amount,
      source: sourceOf(props.frame.year, props.frame.budgetKind),
    });
  }, [props.frame]);
  const money = (n: number) => formatDkk(n, language);
  const columns: DataColumn<FrameYearRow>[] = [
    {
      key: "year",
      header: t("funding.frames.year"),
      cell: (r) => String(r.year),
      sortValue: (r) => r.year,
    },
    {
      key: "kind",
      header: t("funding.frames.kind"),
      cell: (r) => r.kind,
      sortValue: (r) => r.kind,
    },
    {
      key: "frame",
      header: t("funding.frames.frame"),
      cell: (r) => money(r.frame),
      sortValue: (r) => r.frame,
      align: "end",
    },
    {
      key: "committed",
      header: t("funding.frames.committed"),
      cell: (r) => money(r.committed),
      sortValue: (r) => r.committed,
      align: "end",
    },
    {
      key: "planned",
      header: t("funding.frames.planned"),
      cell: (r) => money(r.planned),
      sortValue: (r) => r.planned,
      align: "end",
      priority: 1,
    },
    {
      key: "left",
      header: t("funding.frames.left"),
      cell: (r) => money(r.left),
      sortValue: (r) => r.left,
      align: "end",
    },
    {
      key: "source",
      header: t("funding.frames.source"),
      cell: (r) => sourceOf(r.year, r.kind) ?? "",
      priority: 2,
    },
  ];
  if (page.mayEdit) {
    columns.push({
      key: "edit",
      header: t("funding.frames.edit"),
      cell: (r) => (
        <Button
          size="small"
          aria-label={t("funding.frames.editLabel", { kind: r.kind, year: r.year })}
          onClick={() => {
            dispatch({
              type: "open",
              year: r.year,
              kind: r.kind,
              amount: r.frame,
              source: sourceOf(r.year, r.kind),
            });
            formRef.current?.querySelector("input")?.focus();
          }}
        >
          {t("funding.frames.edit")}
        </Button>
      ),
    });
  }
  return (
    <Stack gap="l">
      <section aria-labelledby="funding-frames">
        <h2 id="funding-frames">{t("funding.frames.heading")}</h2>
        {page.picture.rows.length === 0 ? <Text as="p">{t("funding.frames.none")}</Text> : null}
        <DataTable
          label={t("funding.frames.label")}
          rows={page.picture.rows}
          columns={columns}
          rowKey={(r) => `${r.year}-${r.kind}`}
        />
      </section>
      <section aria-labelledby="funding-chart">
        <h2 id="funding-chart">{t("funding.chart.heading")}</h2>
        <FramePictureChart picture={page.picture} />
      </section>
      <div ref={formRef}>
        {page.mayEdit ? (
          <FrameForm
            state={form}
            dispatch={dispatch}
            budgetYears={page.budgetYears}
            fromOptimizer={!!props.frame?.amount && form.amount === String(props.frame.amount)}
          />
        ) : (
          <Text as="p">{t("funding.form.readOnly")}</Text>
        )}
      </div>
      <section aria-labelledby="funding-proposals">
        <Proposals />
      </section>
      <section aria-labelledby="funding-history">
        <FrameHistory
          history={page.history}
          uncounted={page.mayEdit || page.me.roles.includes("chair") ? page.uncounted : []}
        />
      </section>
    </Stack>
  );
}

export default function FundingView(props: { frame?: FrameRoute }) {
  const { t } = useTranslation();
  const page = useFundingPage();
  return (
    <Stack as="section" gap="l" aria-labelledby="view-title">
      <h1 id="view-title">{t("funding.title")}</h1>
      <Text as="p">{t("funding.intro")}</Text>
      <QueryBoundary query={page} loadingLabel={t("funding.loading")}>
        {(data: FundingPage) => <Frames page={data} frame={props.frame ?? null} />}
      </QueryBoundary>
    </Stack>
  );
}
