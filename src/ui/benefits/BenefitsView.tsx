/**
 * Gevinster (`#/gevinster`): the benefits register of every initiative with the model version
 * each follows; the due and overdue measurements per benefit owner, and for the secretariat
 * "Send påmindelser"; one benefit's planned curve against its measurements, with the form to
 * record a measurement for its owner and the secretary (`#/gevinster#gevinst-12` opens it, the
 * link reminder mails carry); the portfolio's planned and realised economic benefits per year;
 * the approved versions of the benefits model; and Excel exports of register and measurements.
 */
import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import { benefitClass } from "../../domain/benefits.js";
import type { DueMeasurement, OwnerDue, ReminderPlan } from "../../domain/benefits-followup.js";
import type { BenefitId } from "../../domain/ids.js";
import type { BenefitRow, BenefitsPage } from "../../use-cases/benefits.js";
import {
  type DataColumn,
  DataTable,
  ProblemMessage,
  QueryBoundary,
  Stack,
  StoreErrorMessage,
} from "../components/index.js";
import { formatDate, formatNumber } from "../i18n/format.js";
import {
  useBenefitClock,
  useBenefitsPage,
  useExportBenefits,
  useSendBenefitReminders,
} from "../queries/benefits.js";
import { useTabLink } from "../queries/meetings.js";
import { hrefForInitiative } from "../shell/routes.js";
import { BenefitChart } from "./BenefitChart.js";
import { EconomicChart } from "./EconomicChart.js";
import { benefitAnchor, hrefForBenefit, usePageAnchor } from "./links.js";
import { MeasurementForm } from "./MeasurementForm.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  heading: { margin: 0 },
  h: { margin: 0 },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
});

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

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function useFormat() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? ("en" as const) : ("da" as const);
  return {
    t,
    language,
    n: (x: number | null) => (x === null ? "–" : formatNumber(x, language, 1)),
    day: (iso: string) =>
      formatDate(iso.length === 10 ? `${iso}T12:00:00Z` : iso, language, "long"),
  };
}

function Register(props: {
  data: BenefitsPage;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { t, n } = useFormat();
  const columns: DataColumn<BenefitRow>[] = [
    {
      key: "initiative",
      header: t("fields.benefit.initiative"),
      cell: (r) =>
        r.benefit.initiative ? (
          <Link href={hrefForInitiative(r.benefit.initiative.id)}>
            {r.benefit.initiative.title}
          </Link>
        ) : (
          "–"
        ),
      sortValue: (r) => r.benefit.initiative?.title ?? "",
      grow: 2,
    },
    {
      key: "title",
      header: t("fields.benefit.title"),
      cell: (r) => r.benefit.title,
      sortValue: (r) => r.benefit.title,
      grow: 2,
    },
    {
      key: "kind",
      header: t("fields.benefit.kind"),
      cell: (r) =>
        `${t(`benefits.class.${benefitClass(r.benefit)}`)}${r.benefit.isDisbenefit ? ` (${t("benefits.register.disbenefit")})` : ""}`,
      sortValue: (r) => benefitClass(r.benefit),
      priority: 3,
    },
    {
      key: "owner",
      header: t("fields.benefit.owner"),
      cell: (r) => r.benefit.owner?.name ?? "–",
      sortValue: (r) => r.benefit.owner?.name ?? "",
      priority: 2,
    },
    {
      key: "baseline",
      header: t("fields.benefit.baseline"),
      cell: (r) => `${n(r.benefit.baseline)} ${r.benefit.unit}`,
      sortValue: (r) => r.benefit.baseline ?? 0,
      align: "end",
      priority: 4,
    },
    {
      key: "target",
      header: t("fields.benefit.targetExpected"),
      cell: (r) => `${n(r.benefit.targetExpected)} ${r.benefit.unit}`,
      sortValue: (r) => r.benefit.targetExpected ?? 0,
      align: "end",
    },
    {
      key: "latest",
      header: t("benefits.register.latest"),
      cell: (r) => {
        const m = r.measurements.at(-1);
        return m ? `${n(m.value)} ${r.benefit.unit}` : "–";
      },
      align: "end",
      priority: 1,
    },
    {
      key: "state",
      header: t("fields.benefit.state"),
      cell: (r) => t(`benefits.state.${r.benefit.state}`),
      sortValue: (r) => r.benefit.state,
    },
    {
      key: "model",
      header: t("benefits.register.model"),
      cell: (r) =>
        r.modelVersion === null
          ? t("benefits.register.noModel")
          : t("benefits.register.modelVersion", { version: r.modelVersion }),
      sortValue: (r) => r.modelVersion ?? 0,
      priority: 5,
    },
  ];
  return (
    <DataTable
      label={t("benefits.register.label")}
      rows={props.data.rows}
      columns={columns}
      rowKey={(r) => r.benefit.id}
      onRowActivate={(r) => props.onSelect(r.benefit.id)}
      rowLabel={(r) => t("benefits.register.open", { title: r.benefit.title })}
      rowTestId={(r) => `benefit-row-${r.benefit.id}`}
      empty={t("benefits.register.none")}
    />
  );
}

interface DueRow extends DueMeasurement {
  owner: string;
}

function DueList({ due }: { due: readonly OwnerDue[] }) {
  const { t, day } = useFormat();
  const rows: DueRow[] = due.flatMap((g) =>
    g.items.map((i) => ({ ...i, owner: g.owner?.name ?? t("benefits.due.noOwner") })),
  );
  const columns: DataColumn<DueRow>[] = [
    {
      key: "owner",
      header: t("fields.benefit.owner"),
      cell: (r) => r.owner,
      sortValue: (r) => r.owner,
    },
    {
      key: "benefit",
      header: t("fields.benefit.title"),
      cell: (r) => <Link href={hrefForBenefit(r.benefit.id)}>{r.benefit.title}</Link>,
      sortValue: (r) => r.benefit.title,
      grow: 2,
    },
    {
      key: "initiative",
      header: t("fields.benefit.initiative"),
      cell: (r) => r.benefit.initiative?.title ?? "–",
      priority: 2,
      grow: 2,
    },
    {
      key: "due",
      header: t("benefits.due.date"),
      cell: (r) => day(r.due),
      sortValue: (r) => r.due,
    },
    {
      key: "why",
      header: t("benefits.due.why"),
      cell: (r) =>
        r.source.kind === "plan"
          ? t("benefits.due.plan")
          : t(`benefits.due.${r.source.anchor}`, { count: r.source.months }),
      priority: 3,
    },
    {
      key: "state",
      header: t("benefits.due.state"),
      cell: (r) => (r.overdue ? t("benefits.due.overdue") : t("benefits.due.due")),
      sortValue: (r) => (r.overdue ? 0 : 1),
    },
  ];
  return (
    <DataTable
      label={t("benefits.due.label")}
      rows={rows}
      columns={columns}
      rowKey={(r) => `${r.benefit.id}:${r.due}`}
      empty={t("benefits.due.none")}
      height="20rem"
    />
  );
}

function Reminders({ sender }: { sender: string }) {
  const { t, day } = useFormat();
  const send = useSendBenefitReminders();
  const tabLink = useTabLink();
  const compose = (plan: ReminderPlan, linkTo: (b: BenefitId) => string) => ({
    to: [plan.owner.email],
    subject: t("benefits.mail.subject"),
    html: [
      `<p>${escapeHtml(t("benefits.mail.greeting", { name: plan.owner.name }))}</p>`,
      `<p>${escapeHtml(t("benefits.mail.intro"))}</p>`,
      `<ul>${plan.items
        .map(
          (i) =>
            `<li><a href="${escapeHtml(linkTo(i.benefit.id))}">${escapeHtml(i.benefit.title)}</a> (${escapeHtml(i.benefit.initiative?.title ?? "")}): ${escapeHtml(
              t(i.overdue ? "benefits.mail.overdue" : "benefits.mail.due", { date: day(i.due) }),
            )}</li>`,
        )
        .join("")}</ul>`,
      `<p>${escapeHtml(t("benefits.mail.signature"))}<br>${escapeHtml(sender)}</p>`,
    ].join(""),
  });
  const result = send.data;
  return (
    <Stack gap="s">
      <div>
        <Button
          appearance="primary"
          disabled={send.isPending}
          onClick={() => send.mutate({ linkTo: (id) => tabLink(hrefForBenefit(id)), compose })}
        >
          {t("benefits.due.send")}
        </Button>
      </div>
      {result?.ok ? (
        <MessageBar intent={result.value.failed.length > 0 ? "warning" : "success"} role="status">
          <MessageBarBody>
            {t("benefits.due.sent", {
              count: result.value.sent.length,
              already: result.value.alreadyReminded,
            })}
            {result.value.failed.length > 0
              ? ` ${t("benefits.due.failed", { names: result.value.failed.map((f) => f.owner.name).join(", ") })}`
              : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {result && !result.ok ? <ProblemMessage problems={result.problems} /> : null}
      {send.isError ? (
        <StoreErrorMessage error={send.error} title={t("benefits.due.sendFailed")} />
      ) : null}
    </Stack>
  );
}

function Detail(props: { row: BenefitRow; now: Date }) {
  const { t, n, day } = useFormat();
  const { benefit } = props.row;
  return (
    <Stack gap="s">
      <Text>
        {t("benefits.detail.summary", {
          indicator: benefit.indicator,
          baseline: n(benefit.baseline),
          target: n(benefit.targetExpected),
          unit: benefit.unit,
          date: benefit.targetDate ? day(benefit.targetDate) : "–",
          owner: benefit.owner?.name ?? "–",
        })}
      </Text>
      <BenefitChart benefit={benefit} measurements={props.row.measurements} />
      {props.row.mayMeasure ? (
        <section aria-labelledby="benefit-measure">
          <h3 id="benefit-measure" style={{ margin: 0 }}>
            {t("benefits.measure.heading")}
          </h3>
          <MeasurementForm benefit={benefit} now={props.now} />
        </section>
      ) : (
        <Text size={200}>{t("benefits.measure.notYours")}</Text>
      )}
    </Stack>
  );
}

function Models({ data }: { data: BenefitsPage }) {
  const { t, day } = useFormat();
  if (data.models.length === 0) return <Text>{t("benefits.model.none")}</Text>;
  return (
    <ul>
      {data.models.map((m) => (
        <li key={m.version}>
          {t("benefits.model.version", {
            version: m.version,
            decision: m.decision.title,
            meeting: m.meeting.title,
            date: day(m.approvedAt),
          })}{" "}
          {t("benefits.model.followUps", {
            list: m.followUps
              .map((f) => t(`benefits.due.${f.anchor}`, { count: f.months }))
              .join(", "),
          })}
        </li>
      ))}
    </ul>
  );
}

function Page({ data }: { data: BenefitsPage }) {
  const styles = useStyles();
  const { t, language } = useFormat();
  const clock = useBenefitClock();
  const anchor = usePageAnchor();
  const fromAnchor = anchor ? /^gevinst-(\d+)$/.exec(anchor)?.[1] : undefined;
  const [selected, setSelected] = useState<number | null>(fromAnchor ? Number(fromAnchor) : null);
  useEffect(() => {
    if (fromAnchor) setSelected(Number(fromAnchor));
  }, [fromAnchor]);
  const row = useMemo(
    () => data.rows.find((r) => r.benefit.id === selected) ?? null,
    [data, selected],
  );
  useEffect(() => {
    if (row) document.getElementById(benefitAnchor(row.benefit.id))?.scrollIntoView?.();
  }, [row]);
  const exporter = useExportBenefits();
  const exportAs = (what: "register" | "measurements") =>
    exporter.mutate(
      { what, rows: data.rows, language },
      { onSuccess: ({ buffer, file }) => download(buffer, file) },
    );
  return (
    <>
      <nav aria-label={t("benefits.actions")}>
        <Stack direction="row" gap="s">
          <Button onClick={() => exportAs("register")} disabled={exporter.isPending}>
            {t("benefits.export.register")}
          </Button>
          <Button onClick={() => exportAs("measurements")} disabled={exporter.isPending}>
            {t("benefits.export.measurements")}
          </Button>
        </Stack>
      </nav>
      {exporter.isError ? (
        <StoreErrorMessage error={exporter.error} title={t("benefits.export.failed")} />
      ) : null}
      {data.irregular.length > 0 && data.mayManage ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t("benefits.irregular", { count: data.irregular.length })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <section className={styles.section} aria-labelledby="benefits-due">
        <h2 id="benefits-due" className={styles.h}>
          {t("benefits.due.heading")}
        </h2>
        <DueList due={data.due} />
        {data.mayManage ? <Reminders sender={data.me.person.name} /> : null}
      </section>
      <section className={styles.section} aria-labelledby="benefits-register">
        <h2 id="benefits-register" className={styles.h}>
          {t("benefits.register.heading")}
        </h2>
        <Text size={200}>{t("benefits.register.hint")}</Text>
        <Register data={data} selected={selected} onSelect={setSelected} />
      </section>
      {row ? (
        <section
          id={benefitAnchor(row.benefit.id)}
          className={styles.section}
          aria-labelledby="benefit-detail"
        >
          <h2 id="benefit-detail" className={styles.h}>
            {row.benefit.title}
          </h2>
          <Detail row={row} now={clock.now()} />
        </section>
      ) : null}
      <section className={styles.section} aria-labelledby="benefits-economic">
        <h2 id="benefits-economic" className={styles.h}>
          {t("benefits.economic.title")}
        </h2>
        <EconomicChart years={data.economic} />
      </section>
      <section className={styles.section} aria-labelledby="benefits-model">
        <h2 id="benefits-model" className={styles.h}>
          {t("benefits.model.heading")}
        </h2>
        <Models data={data} />
      </section>
    </>
  );
}

export default function BenefitsView() {
  const styles = useStyles();
  const { t } = useTranslation();
  const query = useBenefitsPage();
  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={query.isPending}>
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("benefits.title")}
        </Text>
      </h1>
      <QueryBoundary query={query} isEmpty={() => false} errorTitle={t("benefits.loadError")}>
        {(data) => <Page data={data} />}
      </QueryBoundary>
    </section>
  );
}
