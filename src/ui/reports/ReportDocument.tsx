/**
 * A report as a document: on screen, and as a print view (CSS @media print) that makes a good
 * PDF from the browser: only the document is printed, every table row is in it.
 */
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import type {
  EvaluationContent,
  FrameRow,
  PortfolioReportContent,
  ReportContent,
  ReportInitiativeRow,
} from "../../domain/reports.js";
import { type DataColumn, Stack, useVocabulary } from "../components/index.js";
import { formatDate, formatDkk, formatNumber } from "../i18n/format.js";
import { ReportTable } from "./ReportTable.js";

/** Everything but the document is hidden when printed. */
const PRINT_CSS = `@media print {
  body * { visibility: hidden; }
  .digistyr-print, .digistyr-print * { visibility: visible; }
  .digistyr-print { position: absolute; left: 0; top: 0; width: 100%; }
  [data-print-hide] { display: none !important; }
}`;

const useStyles = makeStyles({
  doc: {
    maxWidth: "100%",
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    "@media print": { border: "none", padding: 0 },
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500 },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400 },
  pre: { whiteSpace: "pre-wrap", margin: 0 },
});

export function ReportDocument({ content, title }: { content: ReportContent; title?: string }) {
  const styles = useStyles();
  return (
    <article className={`${styles.doc} digistyr-print`} aria-label={title}>
      <style>{PRINT_CSS}</style>
      {content.kind === "portfolio" ? (
        <PortfolioDocument content={content} />
      ) : (
        <EvaluationDocument content={content} />
      )}
    </article>
  );
}

function useFormat() {
  const { i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    language,
    kr: (n: number | null) => (n === null ? "–" : formatDkk(n, language)),
    date: (iso: string) => formatDate(iso, language, "long"),
    num: (n: number | null) => (n === null ? "–" : formatNumber(n, language, 1)),
  };
}

function PortfolioDocument({ content }: { content: PortfolioReportContent }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const vocab = useVocabulary();
  const f = useFormat();
  const c = (k: string) => t(`reports.portfolio.columns.${k}`);
  const initiativeColumns: DataColumn<ReportInitiativeRow>[] = [
    { key: "title", header: c("title"), cell: (r) => r.title, sortValue: (r) => r.title, grow: 3 },
    {
      key: "phase",
      header: c("phase"),
      cell: (r) => vocab.phase(r.phase),
      sortValue: (r) => r.phase,
    },
    {
      key: "status",
      header: c("status"),
      cell: (r) => (r.status ? t(`reports.rag.${r.status.rag}`) : t("reports.rag.none")),
      sortValue: (r) => r.status?.rag ?? "",
    },
    {
      key: "statusText",
      header: c("statusText"),
      cell: (r) => r.status?.text ?? "",
      grow: 3,
      priority: 3,
    },
    {
      key: "budget",
      header: c("budget"),
      cell: (r) => f.kr(r.budget),
      sortValue: (r) => r.budget,
      align: "end",
    },
    {
      key: "budgetThisYear",
      header: c("budgetThisYear"),
      cell: (r) => f.kr(r.budgetThisYear),
      sortValue: (r) => r.budgetThisYear,
      align: "end",
      priority: 2,
    },
    {
      key: "benefitsPlanned",
      header: c("benefitsPlanned"),
      cell: (r) => f.kr(r.benefits.planned),
      sortValue: (r) => r.benefits.planned,
      align: "end",
      priority: 1,
    },
    {
      key: "benefitsRealized",
      header: c("benefitsRealized"),
      cell: (r) => f.kr(r.benefits.realized),
      sortValue: (r) => r.benefits.realized,
      align: "end",
      priority: 1,
    },
  ];
  const frameColumns: DataColumn<FrameRow>[] = [
    { key: "year", header: c("year"), cell: (r) => String(r.year), sortValue: (r) => r.year },
    { key: "kind", header: c("kind"), cell: (r) => r.kind },
    {
      key: "frame",
      header: c("frame"),
      cell: (r) => (r.frame === null ? t("reports.portfolio.noFrame") : f.kr(r.frame)),
      align: "end",
    },
    { key: "committed", header: c("committed"), cell: (r) => f.kr(r.committed), align: "end" },
  ];
  type DecisionRow = PortfolioReportContent["decisions"][number];
  const decisionColumns: DataColumn<DecisionRow>[] = [
    { key: "decidedAt", header: c("decidedAt"), cell: (r) => f.date(r.decidedAt) },
    { key: "decision", header: c("decision"), cell: (r) => r.title, grow: 3 },
    { key: "initiative", header: c("initiative"), cell: (r) => r.initiative ?? "", grow: 2 },
  ];
  type MovedRow = PortfolioReportContent["changes"]["moved"][number];
  const movedColumns: DataColumn<MovedRow>[] = [
    { key: "title", header: c("title"), cell: (r) => r.title, grow: 3 },
    { key: "from", header: c("from"), cell: (r) => (r.from ? vocab.phase(r.from) : "–") },
    { key: "to", header: c("to"), cell: (r) => vocab.phase(r.to) },
    { key: "at", header: c("at"), cell: (r) => f.date(r.at) },
  ];
  const { changes } = content;
  return (
    <Stack gap="l">
      <Stack gap="xs">
        <h2 className={styles.h2}>{t("reports.portfolio.heading")}</h2>
        <Text>{t("reports.portfolio.asOf", { date: f.date(content.until) })}</Text>
        <Text>
          {content.since
            ? t("reports.portfolio.since", { date: f.date(content.since) })
            : t("reports.portfolio.firstReport")}
        </Text>
        <Text>
          {t("reports.portfolio.totals", {
            count: content.initiatives.length,
            budget: f.kr(content.totals.budget),
            planned: f.kr(content.totals.benefits.planned),
            realized: f.kr(content.totals.benefits.realized),
          })}
        </Text>
      </Stack>
      <section
        aria-label={t("reports.portfolio.ongoingHeading", { count: content.initiatives.length })}
      >
        <h3 className={styles.h3}>
          {t("reports.portfolio.ongoingHeading", { count: content.initiatives.length })}
        </h3>
        <ReportTable
          label={t("reports.portfolio.ongoingHeading", { count: content.initiatives.length })}
          rows={content.initiatives}
          columns={initiativeColumns}
          rowKey={(r) => r.id}
        />
      </section>
      <section>
        <h3 className={styles.h3}>{t("reports.portfolio.framesHeading")}</h3>
        <ReportTable
          label={t("reports.portfolio.framesHeading")}
          rows={content.frames}
          columns={frameColumns}
          rowKey={(r) => `${r.year}-${r.kind}`}
          empty={t("reports.portfolio.none")}
        />
      </section>
      <section>
        <h3 className={styles.h3}>
          {t("reports.portfolio.decisionsHeading", { count: content.decisions.length })}
        </h3>
        <ReportTable
          label={t("reports.portfolio.decisionsHeading", { count: content.decisions.length })}
          rows={content.decisions}
          columns={decisionColumns}
          rowKey={(r) => r.id}
          empty={t("reports.portfolio.none")}
        />
      </section>
      <section>
        <h3 className={styles.h3}>{t("reports.portfolio.changesHeading")}</h3>
        <Stack gap="s">
          <Text weight="semibold">
            {t("reports.portfolio.newHeading", { count: changes.new.length })}
          </Text>
          <Text>
            {changes.new.length
              ? changes.new.map((n) => `${n.title} (${vocab.phase(n.phase)})`).join(" · ")
              : t("reports.portfolio.none")}
          </Text>
          <Text weight="semibold">
            {t("reports.portfolio.movedHeading", { count: changes.moved.length })}
          </Text>
          <ReportTable
            label={t("reports.portfolio.movedHeading", { count: changes.moved.length })}
            rows={changes.moved}
            columns={movedColumns}
            rowKey={(r) => `${r.id}-${r.at}-${r.to}`}
            empty={t("reports.portfolio.none")}
          />
          <Text weight="semibold">
            {t("reports.portfolio.closedHeading", { count: changes.closed.length })}
          </Text>
          <Text>
            {changes.closed.length
              ? changes.closed.map((n) => `${n.title} (${vocab.phase(n.to)})`).join(" · ")
              : t("reports.portfolio.none")}
          </Text>
        </Stack>
      </section>
    </Stack>
  );
}

function EvaluationDocument({ content }: { content: EvaluationContent }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const vocab = useVocabulary();
  const f = useFormat();
  const c = (k: string) => t(`reports.evaluation.columns.${k}`);
  type Turnout = EvaluationContent["turnout"][number];
  type PhaseRow = EvaluationContent["phases"]["now"][number];
  type MoveRow = EvaluationContent["phases"]["moves"][number];
  type FundingRow = EvaluationContent["funding"]["byState"][number];
  type WorkRow = EvaluationContent["workload"][number];
  const turnoutColumns: DataColumn<Turnout>[] = [
    { key: "round", header: c("round"), cell: (r) => r.title, grow: 3 },
    { key: "voters", header: c("voters"), cell: (r) => String(r.voters), align: "end" },
    { key: "voted", header: c("voted"), cell: (r) => String(r.voted), align: "end" },
    {
      key: "rate",
      header: c("rate"),
      cell: (r) => (r.voters ? `${Math.round((100 * r.voted) / r.voters)} %` : "–"),
      align: "end",
    },
  ];
  const phaseColumns: DataColumn<PhaseRow>[] = [
    { key: "phase", header: c("phase"), cell: (r) => vocab.phase(r.phase), grow: 2 },
    { key: "count", header: c("count"), cell: (r) => String(r.count), align: "end" },
  ];
  const moveColumns: DataColumn<MoveRow>[] = [
    {
      key: "move",
      header: c("move"),
      cell: (r) => `${r.from ? vocab.phase(r.from) : "–"} → ${vocab.phase(r.to)}`,
      grow: 3,
    },
    { key: "count", header: c("count"), cell: (r) => String(r.count), align: "end" },
  ];
  const fundingColumns: DataColumn<FundingRow>[] = [
    { key: "state", header: c("state"), cell: (r) => r.state, grow: 2 },
    { key: "count", header: c("count"), cell: (r) => String(r.count), align: "end" },
  ];
  const workColumns: DataColumn<WorkRow>[] = [
    { key: "month", header: c("month"), cell: (r) => r.month },
    { key: "items", header: c("items"), cell: (r) => String(r.items), align: "end" },
  ];
  const d = content.decisions.toDecision;
  return (
    <Stack gap="l">
      <h2 className={styles.h2}>{t("reports.evaluation.heading", { year: content.year })}</h2>
      <Stack gap="xs" data-testid="evaluation-figures">
        <Text>
          {t("reports.evaluation.meetings", {
            held: content.meetings.held,
            minimum: content.meetings.minimum,
          })}
        </Text>
        <Text>{t("reports.evaluation.decisions", { count: content.decisions.count })}</Text>
        <Text>
          {d.count
            ? t("reports.evaluation.toDecision", {
                median: f.num(d.medianDays),
                mean: f.num(d.meanDays),
                count: d.count,
              })
            : t("reports.evaluation.toDecisionNone")}
        </Text>
        <Text>
          {t("reports.evaluation.benefits", {
            planned: f.kr(content.benefits.planned),
            realized: f.kr(content.benefits.realized),
          })}
        </Text>
        <Text>{t("reports.evaluation.steering", content.steeringGroups)}</Text>
        <Text>
          {t("reports.evaluation.fundingApproved", {
            amount: f.kr(content.funding.approvedAmount),
          })}
        </Text>
      </Stack>
      <Section title={t("reports.evaluation.turnoutHeading")}>
        <ReportTable
          label={t("reports.evaluation.turnoutHeading")}
          rows={content.turnout}
          columns={turnoutColumns}
          rowKey={(r) => r.round}
          empty={t("reports.portfolio.none")}
        />
      </Section>
      <Section title={t("reports.evaluation.phasesHeading")}>
        <ReportTable
          label={t("reports.evaluation.phasesHeading")}
          rows={content.phases.now}
          columns={phaseColumns}
          rowKey={(r) => r.phase}
        />
      </Section>
      <Section title={t("reports.evaluation.movesHeading")}>
        <ReportTable
          label={t("reports.evaluation.movesHeading")}
          rows={content.phases.moves}
          columns={moveColumns}
          rowKey={(r) => `${r.from ?? ""}-${r.to}`}
          empty={t("reports.portfolio.none")}
        />
      </Section>
      <Section title={t("reports.evaluation.fundingHeading")}>
        <ReportTable
          label={t("reports.evaluation.fundingHeading")}
          rows={content.funding.byState}
          columns={fundingColumns}
          rowKey={(r) => r.state}
          empty={t("reports.portfolio.none")}
        />
      </Section>
      <Section title={t("reports.evaluation.workloadHeading")}>
        <ReportTable
          label={t("reports.evaluation.workloadHeading")}
          rows={content.workload}
          columns={workColumns}
          rowKey={(r) => r.month}
          empty={t("reports.portfolio.none")}
        />
      </Section>
      {content.sections.map((s, k) => (
        <Section key={k} title={s.heading}>
          <Text as="p" className={styles.pre}>
            {s.text}
          </Text>
        </Section>
      ))}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const styles = useStyles();
  return (
    <section>
      <Stack gap="xs">
        <h3 className={styles.h3}>{title}</h3>
        {children}
      </Stack>
    </section>
  );
}
