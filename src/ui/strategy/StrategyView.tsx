/**
 * Strategi (`#/strategi`): the municipality's strategy goals with the portfolio grouped by goal
 * (counts, money, benefits, and the initiatives without a goal), the areas' action plans, the
 * needs analyses under way, the barrier register and the learning log. Everyone on the site
 * reads it; goals are written by the chair and the secretariat, the rest by the committee.
 */
import { Badge, Card, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import type { Me } from "../../domain/roles.js";
import type { ActionPlan, Barrier, LearningEntry } from "../../domain/strategy.js";
import {
  type GoalSummary,
  isOpenBarrier,
  mayEditStrategyGoals,
  mayEditStrategyWork,
  type NeedsAnalysis,
} from "../../domain/strategy-view.js";
import type { StrategyPage } from "../../use-cases/strategy.js";
import { type DataColumn, DataTable, QueryBoundary, Stack } from "../components/index.js";
import { formatDate, formatDkk } from "../i18n/format.js";
import { useMe } from "../queries/index.js";
import { useStrategy } from "../queries/strategy.js";
import { hrefForInitiative } from "../shell/routes.js";
import { ActionPlanForm, BarrierForm, GoalForm, LearningForm } from "./forms.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  inline: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground2 },
});

function Section(props: { title: string; intro?: string; children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <Card className={styles.card} role="region" aria-labelledby={id}>
      <h2 id={id} className={styles.heading}>
        <Text as="span" size={500} weight="semibold">
          {props.title}
        </Text>
      </h2>
      {props.intro ? <Text as="p">{props.intro}</Text> : null}
      {props.children}
    </Card>
  );
}

function useFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    dkk: (n: number) => formatDkk(n, language),
    date: (iso: string) => formatDate(iso, language),
  };
}

export default function StrategyView() {
  const { t } = useTranslation();
  const styles = useStyles();
  const strategy = useStrategy();
  const me = useMe();
  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("strategy.title")}
        </Text>
      </h1>
      <Text as="p">{t("strategy.intro")}</Text>
      <QueryBoundary query={strategy} isEmpty={() => false}>
        {(page) => <StrategyContent page={page} me={me.data ?? null} />}
      </QueryBoundary>
    </section>
  );
}

function StrategyContent({ page, me }: { page: StrategyPage; me: Me | null }) {
  const { t } = useTranslation();
  const goalsEditable = me !== null && mayEditStrategyGoals(me);
  const workEditable = me !== null && mayEditStrategyWork(me);
  const today = new Date().toISOString().slice(0, 10) + "T00:00:00Z";
  return (
    <Stack gap="l">
      <Section title={t("strategy.goals.title")} intro={t("strategy.goals.intro")}>
        <GoalsTable page={page} />
        <WithoutGoal groups={page.byGoal} />
        {goalsEditable && me ? <GoalForm me={me} /> : null}
      </Section>
      <Section title={t("strategy.plans.title")} intro={t("strategy.plans.intro")}>
        <PlansTable plans={page.actionPlans} />
        {workEditable && me ? <ActionPlanForm page={page} me={me} /> : null}
      </Section>
      <Section title={t("strategy.needs.title")} intro={t("strategy.needs.intro")}>
        <NeedsTable needs={page.needsAnalyses} />
        {page.ideas.length > 0 ? (
          <Text as="p">{t("strategy.needs.start", { count: page.ideas.length })}</Text>
        ) : null}
      </Section>
      <Section title={t("strategy.barriers.title")} intro={t("strategy.barriers.intro")}>
        <BarriersTable barriers={page.barriers} />
        {workEditable ? <BarrierForm page={page} /> : null}
      </Section>
      <Section title={t("strategy.learning.title")} intro={t("strategy.learning.intro")}>
        <LearningTable entries={page.learning} />
        {workEditable && me ? <LearningForm me={me} today={today} /> : null}
      </Section>
    </Stack>
  );
}

function InitiativeLinks({ refs }: { refs: readonly { id: number; title: string }[] }) {
  return (
    <>
      {refs.map((r, i) => (
        <span key={r.id}>
          {i > 0 ? ", " : ""}
          <Link href={hrefForInitiative(r.id)}>{r.title}</Link>
        </span>
      ))}
    </>
  );
}

function GoalsTable({ page }: { page: StrategyPage }) {
  const { t, dkk } = useFormat();
  const goalById = new Map(page.goals.map((g) => [g.id, g]));
  const columns: DataColumn<GoalSummary>[] = [
    {
      key: "goal",
      header: t("strategy.goal"),
      cell: (g) => g.goal?.title ?? t("strategy.withoutGoal"),
      sortValue: (g) => g.goal?.title ?? "",
      grow: 3,
      minWidth: 14,
    },
    {
      key: "period",
      header: t("fields.strategyGoal.period"),
      cell: (g) => (g.goal ? (goalById.get(g.goal.id)?.period ?? "") : ""),
      priority: 3,
    },
    {
      key: "owner",
      header: t("strategy.owner"),
      cell: (g) => (g.goal ? (goalById.get(g.goal.id)?.owner?.name ?? "") : ""),
      priority: 2,
    },
    {
      key: "count",
      header: t("strategy.count"),
      cell: (g) => g.count,
      sortValue: (g) => g.count,
      align: "end",
      minWidth: 6,
    },
    {
      key: "cost",
      header: t("strategy.cost"),
      cell: (g) => dkk(g.cost),
      sortValue: (g) => g.cost,
      align: "end",
    },
    {
      key: "benefits",
      header: t("strategy.benefits"),
      cell: (g) => dkk(g.benefits),
      sortValue: (g) => g.benefits,
      align: "end",
    },
    {
      key: "plans",
      header: t("strategy.plansCount"),
      cell: (g) => g.actionPlans,
      align: "end",
      minWidth: 6,
      priority: 1,
    },
    {
      key: "barriers",
      header: t("strategy.openBarriers"),
      cell: (g) => g.openBarriers,
      align: "end",
      minWidth: 6,
      priority: 1,
    },
  ];
  return (
    <DataTable
      label={t("strategy.goals.table")}
      rows={page.byGoal}
      columns={columns}
      rowKey={(g) => g.goal?.id ?? "none"}
      empty={t("strategy.goals.none")}
    />
  );
}

function WithoutGoal({ groups }: { groups: readonly GoalSummary[] }) {
  const { t } = useTranslation();
  const without = groups.find((g) => g.goal === null);
  if (!without) return null;
  return (
    <Text as="p">
      {t("strategy.withoutGoalList", { count: without.count })}{" "}
      <InitiativeLinks refs={without.initiatives} />
    </Text>
  );
}

function PlansTable({ plans }: { plans: readonly ActionPlan[] }) {
  const { t } = useFormat();
  const columns: DataColumn<ActionPlan>[] = [
    {
      key: "title",
      header: t("fields.actionPlan.title"),
      cell: (p) => p.title,
      sortValue: (p) => p.title,
      grow: 3,
      minWidth: 14,
    },
    {
      key: "area",
      header: t("fields.actionPlan.area"),
      cell: (p) => p.area?.title ?? "",
      sortValue: (p) => p.area?.title,
    },
    {
      key: "goal",
      header: t("strategy.goal"),
      cell: (p) => p.goal?.title ?? "",
      sortValue: (p) => p.goal?.title,
      grow: 2,
      priority: 2,
    },
    {
      key: "initiatives",
      header: t("strategy.initiatives"),
      cell: (p) => <InitiativeLinks refs={p.initiatives} />,
      grow: 3,
      minWidth: 14,
    },
    { key: "period", header: t("fields.actionPlan.period"), cell: (p) => p.period, priority: 3 },
    {
      key: "state",
      header: t("fields.actionPlan.state"),
      cell: (p) => t(`strategy.planStates.${p.state}`),
      sortValue: (p) => p.state,
    },
    {
      key: "responsible",
      header: t("fields.actionPlan.responsible"),
      cell: (p) => p.responsible?.name ?? "",
      priority: 1,
    },
  ];
  return (
    <DataTable
      label={t("strategy.plans.table")}
      rows={plans}
      columns={columns}
      rowKey={(p) => p.id}
      empty={t("strategy.plans.none")}
      rowHeight={64}
    />
  );
}

function NeedsTable({ needs }: { needs: readonly NeedsAnalysis[] }) {
  const { t, date } = useFormat();
  const columns: DataColumn<NeedsAnalysis>[] = [
    {
      key: "initiative",
      header: t("strategy.needs.initiative"),
      cell: (n) => <Link href={hrefForInitiative(n.initiative.id)}>{n.initiative.title}</Link>,
      sortValue: (n) => n.initiative.title,
      grow: 3,
      minWidth: 14,
    },
    {
      key: "goal",
      header: t("strategy.goal"),
      cell: (n) => n.goal?.title ?? "",
      priority: 2,
      grow: 2,
    },
    { key: "owner", header: t("strategy.owner"), cell: (n) => n.owner?.name ?? "", priority: 1 },
    {
      key: "started",
      header: t("strategy.needs.started"),
      cell: (n) => (n.startedAt ? date(n.startedAt) : t("strategy.needs.notRecorded")),
      sortValue: (n) => n.startedAt,
    },
    {
      key: "followUp",
      header: t("strategy.needs.followUp"),
      cell: (n) =>
        n.followUpDue ? (
          <Badge appearance="tint" color="warning">
            {t("strategy.needs.due", { count: n.days ?? 0 })}
          </Badge>
        ) : n.days !== null ? (
          t("strategy.needs.days", { count: n.days })
        ) : (
          ""
        ),
      sortValue: (n) => n.days,
    },
  ];
  return (
    <DataTable
      label={t("strategy.needs.table")}
      rows={needs}
      columns={columns}
      rowKey={(n) => n.initiative.id}
      empty={t("strategy.needs.none")}
    />
  );
}

function BarriersTable({ barriers }: { barriers: readonly Barrier[] }) {
  const { t } = useFormat();
  const columns: DataColumn<Barrier>[] = [
    {
      key: "title",
      header: t("fields.barrier.title"),
      cell: (b) => b.title,
      sortValue: (b) => b.title,
      grow: 3,
      minWidth: 14,
    },
    {
      key: "kind",
      header: t("fields.barrier.kind"),
      cell: (b) => t(`strategy.barrierKinds.${b.kind}`),
      sortValue: (b) => b.kind,
    },
    {
      key: "state",
      header: t("fields.barrier.state"),
      cell: (b) => (
        <Badge appearance="tint" color={isOpenBarrier(b) ? "warning" : "success"}>
          {t(`strategy.barrierStates.${b.state}`)}
        </Badge>
      ),
      sortValue: (b) => b.state,
    },
    { key: "owner", header: t("strategy.owner"), cell: (b) => b.owner?.name ?? "", priority: 1 },
    {
      key: "blocks",
      header: t("strategy.barriers.blocks"),
      cell: (b) => <InitiativeLinks refs={b.blocks} />,
      grow: 3,
      minWidth: 14,
    },
  ];
  return (
    <DataTable
      label={t("strategy.barriers.table")}
      rows={barriers}
      columns={columns}
      rowKey={(b) => b.id}
      empty={t("strategy.barriers.none")}
      rowHeight={64}
    />
  );
}

function LearningTable({ entries }: { entries: readonly LearningEntry[] }) {
  const { t, date } = useFormat();
  const columns: DataColumn<LearningEntry>[] = [
    {
      key: "title",
      header: t("fields.learningEntry.title"),
      cell: (e) => e.title,
      sortValue: (e) => e.title,
      grow: 2,
      minWidth: 12,
    },
    {
      key: "kind",
      header: t("fields.learningEntry.kind"),
      cell: (e) => t(`strategy.learningKinds.${e.kind}`),
      priority: 2,
    },
    {
      key: "date",
      header: t("fields.learningEntry.eventDate"),
      cell: (e) => date(e.eventDate),
      sortValue: (e) => e.eventDate,
    },
    {
      key: "who",
      header: t("strategy.learning.attendees"),
      cell: (e) => e.attendees.map((p) => p.name).join(", "),
      grow: 2,
    },
    {
      key: "learnings",
      header: t("fields.learningEntry.learnings"),
      cell: (e) => e.learnings,
      grow: 4,
      minWidth: 16,
    },
  ];
  return (
    <DataTable
      label={t("strategy.learning.table")}
      rows={entries}
      columns={columns}
      rowKey={(e) => e.id}
      defaultSort={{ column: "date", descending: true }}
      empty={t("strategy.learning.none")}
      rowHeight={64}
    />
  );
}
