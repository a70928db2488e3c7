/**
 * The read-only sections of the initiative page: its data, phase history, decisions and
 * agenda points, status reports, budget, benefits and resources. Each is a titled region;
 * user text is rendered as text with its line breaks kept (`white-space: pre-wrap`).
 */
import { Badge, Card, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { Fragment, type ReactNode, useId } from "react";

import { gateOf, type Initiative } from "../../domain/portfolio.js";
import type { Rag } from "../../domain/vocabulary.js";
import {
  type InitiativePage,
  summariseBenefits,
  summariseBudget,
} from "../../use-cases/initiative.js";
import { DataTable } from "../components/index.js";
import { useVocabulary } from "../components/vocabulary.js";
import { irregularityBy, irregularityText } from "../portfolio/irregularity-text.js";
import { hrefFor, hrefForInitiative } from "../shell/routes.js";
import { useFieldValue } from "./field-values.js";
import { useInitiativeFormat } from "./useInitiative.js";

export const useSectionStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  dl: {
    display: "grid",
    gridTemplateColumns: "minmax(10rem, max-content) 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    "& dt": { fontWeight: tokens.fontWeightSemibold },
    "& dd": { margin: 0 },
  },
  muted: { color: tokens.colorNeutralForeground2 },
  number: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
});

export function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  const styles = useSectionStyles();
  const id = useId();
  return (
    <Card className={styles.card} role="region" aria-labelledby={id}>
      <h2 id={id} className={styles.heading}>
        <Text as="span" size={500} weight="semibold">
          {props.title}
        </Text>
      </h2>
      {props.children}
      {props.actions}
    </Card>
  );
}

/** User text, inert: a text node with its line breaks, never HTML. */
export function UserText({ text }: { text: string }) {
  const styles = useSectionStyles();
  return <p className={styles.text}>{text}</p>;
}

const RAG_COLOR = { Grøn: "success", Gul: "warning", Rød: "danger" } as const;

/** A RAG status as a badge that says its colour in words (never colour alone). */
export function RagBadge({ rag }: { rag: Rag }) {
  const { t } = useInitiativeFormat();
  return (
    <Badge appearance="tint" color={RAG_COLOR[rag]} shape="rounded">
      {t(`initiative.rag.${rag}`)}
    </Badge>
  );
}

const DETAIL_FIELDS = [
  "summary",
  "need",
  "solution",
  "source",
  "area",
  "strategyGoal",
  "owner",
  "projectLead",
  "phase",
  "governance",
  "standaloneGroupFrom",
  "standaloneGroupTo",
  "mandatory",
  "legalDeadline",
  "externalRef",
  "expectedBenefits",
  "priority",
  "priorityScore",
  "latestStatus",
] as const satisfies readonly (keyof Initiative)[];

const LONG_TEXT: ReadonlySet<string> = new Set(["summary", "need", "solution", "expectedBenefits"]);

export function DetailsSection({ initiative }: { initiative: Initiative }) {
  const { t, dateTime } = useInitiativeFormat();
  const styles = useSectionStyles();
  const value = useFieldValue();
  const links = (refs: Initiative["requires"]) =>
    refs.length === 0 ? (
      t("initiative.empty")
    ) : (
      <ul className={styles.list}>
        {refs.map((r) => (
          <li key={r.id}>
            <Link href={hrefForInitiative(r.id)}>{r.title}</Link>
          </li>
        ))}
      </ul>
    );
  return (
    <Section title={t("initiative.sections.details")}>
      <dl className={styles.dl}>
        {DETAIL_FIELDS.map((f) => (
          <Fragment key={f}>
            <dt>{t(`initiative.fields.${f}`)}</dt>
            <dd>
              {LONG_TEXT.has(f) && typeof initiative[f] === "string" && initiative[f] !== "" ? (
                <UserText text={initiative[f]} />
              ) : f === "latestStatus" && initiative.latestStatus ? (
                <RagBadge rag={initiative.latestStatus} />
              ) : (
                value(f, initiative[f])
              )}
            </dd>
          </Fragment>
        ))}
        <dt>{t("initiative.fields.requires")}</dt>
        <dd>{links(initiative.requires)}</dd>
        <dt>{t("initiative.fields.excludes")}</dt>
        <dd>{links(initiative.excludes)}</dd>
        <dt>{t("initiative.created")}</dt>
        <dd>
          {t("initiative.byAt", {
            who: initiative.createdBy?.name ?? t("initiative.unknownPerson"),
            when: dateTime(initiative.created),
          })}
        </dd>
        <dt>{t("initiative.modified")}</dt>
        <dd>
          {t("initiative.byAt", {
            who: initiative.modifiedBy?.name ?? t("initiative.unknownPerson"),
            when: dateTime(initiative.modified),
          })}
        </dd>
      </dl>
    </Section>
  );
}

/**
 * What is irregular about the initiative, each with who wrote it (the chair and the secretary
 * see it; the rest of the page counts only what is valid).
 */
export function IrregularitiesSection({ page }: { page: InitiativePage }) {
  const { t, language } = useInitiativeFormat();
  const styles = useSectionStyles();
  if (page.irregular.length === 0) return null;
  return (
    <Section title={t("initiative.irregular.title")}>
      <Text>{t("initiative.irregular.intro")}</Text>
      <ul className={styles.list} aria-label={t("initiative.irregular.title")}>
        {page.irregular.map((i) => (
          <li key={`${i.list}:${i.item}:${i.rule}`}>
            <Text>{irregularityText(t, language, i)}</Text>{" "}
            <Text className={styles.muted}>{irregularityBy(t, i)}</Text>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function PhaseHistorySection({ page }: { page: InitiativePage }) {
  const { t, dateTime, number } = useInitiativeFormat();
  const vocab = useVocabulary();
  /** What a record changed: the phase (from → to), the priority or the mandatory flag. */
  const changeText = (c: InitiativePage["phaseChanges"][number]) => {
    const gate = gateOf(c);
    if (gate === "Lovpligtig") {
      return t(c.mandatory ? "initiative.history.mandatory" : "initiative.history.notMandatory");
    }
    if (gate === "Prioritet") {
      if (c.priority === null || c.priority === undefined) {
        return t("initiative.history.priorityCleared");
      }
      return c.priorityScore === null || c.priorityScore === undefined
        ? t("initiative.history.priority", { priority: c.priority })
        : t("initiative.history.priorityScore", {
            priority: c.priority,
            score: number(c.priorityScore),
          });
    }
    return t("initiative.history.fromTo", {
      from: c.fromPhase ? vocab.phase(c.fromPhase) : t("initiative.history.start"),
      to: vocab.phase(c.toPhase),
    });
  };
  return (
    <Section title={t("initiative.sections.history")}>
      {page.phaseChanges.length === 0 ? (
        <Text>{t("initiative.history.none")}</Text>
      ) : (
        <DataTable
          label={t("initiative.sections.history")}
          rows={page.phaseChanges}
          rowKey={(c) => c.id}
          columns={[
            {
              key: "change",
              header: t("initiative.history.change"),
              minWidth: 12,
              grow: 1.5,
              cell: changeText,
              sortValue: changeText,
            },
            {
              key: "who",
              header: t("initiative.history.who"),
              cell: (c) => c.createdBy?.name ?? t("initiative.unknownPerson"),
              sortValue: (c) => c.createdBy?.name,
            },
            {
              key: "when",
              header: t("initiative.history.when"),
              minWidth: 11,
              cell: (c) => dateTime(c.changedAt),
              sortValue: (c) => c.changedAt,
            },
            {
              key: "reason",
              header: t("initiative.history.reason"),
              priority: 2,
              grow: 2,
              cell: (c) => (c.reason ? <span title={c.reason}>{c.reason}</span> : "—"),
              sortValue: (c) => c.reason,
            },
            {
              key: "decision",
              header: t("initiative.history.decision"),
              priority: 1,
              cell: (c) => c.decision?.title ?? "—",
              sortValue: (c) => c.decision?.title,
            },
          ]}
        />
      )}
    </Section>
  );
}

export function DecisionsSection({ page }: { page: InitiativePage }) {
  const { t, date } = useInitiativeFormat();
  const styles = useSectionStyles();
  return (
    <Section title={t("initiative.sections.decisions")}>
      <h3 className={styles.heading}>
        <Text weight="semibold">{t("initiative.decisions.title")}</Text>
      </h3>
      {page.decisions.length === 0 ? (
        <Text>{t("initiative.decisions.none")}</Text>
      ) : (
        <ul className={styles.list} aria-label={t("initiative.decisions.title")}>
          {page.decisions.map((d) => (
            <li key={d.id}>
              <Text weight="semibold">{d.title}</Text>{" "}
              <Text className={styles.muted}>
                {t("initiative.decisions.decidedAt", { date: date(d.decidedAt) })}
                {d.meeting ? ` · ${d.meeting.title}` : ""}
                {d.carriedTo.length > 0
                  ? ` · ${t("initiative.decisions.carriedTo", { forums: d.carriedTo.join(", ") })}`
                  : ""}
              </Text>
              <UserText text={d.text} />
            </li>
          ))}
        </ul>
      )}
      <h3 className={styles.heading}>
        <Text weight="semibold">{t("initiative.agenda.title")}</Text>
      </h3>
      {page.agenda.length === 0 ? (
        <Text>{t("initiative.agenda.none")}</Text>
      ) : (
        <ul className={styles.list} aria-label={t("initiative.agenda.title")}>
          {page.agenda.map(({ item, meeting }) => (
            <li key={item.id}>
              <Text weight="semibold">{item.title}</Text>{" "}
              <Text className={styles.muted}>
                {meeting
                  ? t("initiative.agenda.onMeeting", {
                      meeting: meeting.title,
                      date: date(meeting.start),
                    })
                  : (item.meeting?.title ?? "")}
                {` · ${item.kind}`}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function StatusReportsSection({ page }: { page: InitiativePage }) {
  const { t, date } = useInitiativeFormat();
  return (
    <Section title={t("initiative.sections.statusReports")}>
      {page.statusReports.length === 0 ? (
        <Text>{t("initiative.statusReports.none")}</Text>
      ) : (
        <DataTable
          label={t("initiative.sections.statusReports")}
          rows={page.statusReports}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "period",
              header: t("initiative.statusReports.period"),
              minWidth: 7,
              cell: (r) => r.period,
              sortValue: (r) => r.period,
            },
            {
              key: "overall",
              header: t("initiative.statusReports.overall"),
              minWidth: 12,
              grow: 2,
              cell: (r) => (
                <>
                  <RagBadge rag={r.overall} /> {r.overallText}
                </>
              ),
              sortValue: (r) => r.overall,
            },
            {
              key: "state",
              header: t("initiative.statusReports.state"),
              cell: (r) =>
                r.state === "Publiceret"
                  ? r.publishedAt
                    ? t("initiative.statusReports.publishedAt", { date: date(r.publishedAt) })
                    : t("initiative.statusReports.published")
                  : t("initiative.statusReports.draft"),
              sortValue: (r) => r.publishedAt ?? "",
            },
          ]}
        />
      )}
    </Section>
  );
}

/** A year of the budget, or the totals (the table's last row; the rows keep the years' order). */
interface BudgetRow {
  key: string;
  year: number | null;
  amounts: ReturnType<typeof summariseBudget>["totals"];
  total: number;
  isTotal: boolean;
}

/** An allocation, or the hours in all (the table's last row). */
type AllocationRow =
  | (InitiativePage["allocations"][number] & { isTotal: false })
  | { isTotal: true; id: number; hours: number };

export function BudgetSection({ page }: { page: InitiativePage }) {
  const { t, dkk } = useInitiativeFormat();
  const budget = summariseBudget(page.budgetLines);
  return (
    <Section title={t("initiative.sections.budget")}>
      {budget.years.length === 0 ? (
        <Text>{t("initiative.budget.none")}</Text>
      ) : (
        <DataTable<BudgetRow>
          label={t("initiative.sections.budget")}
          rows={[
            ...budget.byYear.map((y) => ({ key: String(y.year), ...y, isTotal: false })),
            {
              key: "total",
              year: null,
              amounts: budget.totals,
              total: budget.net,
              isTotal: true,
            },
          ]}
          rowKey={(y) => y.key}
          columns={[
            {
              key: "year",
              header: t("initiative.budget.year"),
              minWidth: 5,
              cell: (y) =>
                y.isTotal ? <Text weight="semibold">{t("initiative.budget.total")}</Text> : y.year,
            },
            ...(["Anlæg", "Drift", "Gevinst"] as const).map((kind) => ({
              key: kind,
              header: t(`initiative.budget.${kind}`),
              align: "end" as const,
              cell: (y: BudgetRow) => dkk(y.amounts[kind]),
            })),
            {
              key: "net",
              header: t("initiative.budget.net"),
              align: "end",
              cell: (y) =>
                y.isTotal ? <Text weight="semibold">{dkk(y.total)}</Text> : dkk(y.total),
            },
          ]}
        />
      )}
    </Section>
  );
}

export function BenefitsSection({ page }: { page: InitiativePage }) {
  const { t, dkk } = useInitiativeFormat();
  const styles = useSectionStyles();
  const s = summariseBenefits(page.benefits);
  return (
    <Section
      title={t("initiative.sections.benefits")}
      actions={<Link href={hrefFor("benefits")}>{t("initiative.benefits.link")}</Link>}
    >
      <dl className={styles.dl}>
        <dt>{t("initiative.benefits.count")}</dt>
        <dd>
          {t("initiative.benefits.countValue", { count: s.count })}
          {s.disbenefits > 0
            ? ` ${t("initiative.benefits.disbenefits", { count: s.disbenefits })}`
            : ""}
        </dd>
        <dt>{t("initiative.benefits.expected")}</dt>
        <dd>
          {dkk(s.expectedCash)}
          {s.cashWithoutTarget > 0
            ? ` ${t("initiative.benefits.withoutTarget", { count: s.cashWithoutTarget })}`
            : ""}
        </dd>
        <dt>{t("initiative.benefits.owners")}</dt>
        <dd>
          {s.owners.length === 0 ? t("initiative.empty") : s.owners.map((o) => o.name).join(", ")}
          {s.withoutOwner > 0
            ? ` ${t("initiative.benefits.withoutOwner", { count: s.withoutOwner })}`
            : ""}
        </dd>
      </dl>
    </Section>
  );
}

export function ResourcesSection({ page }: { page: InitiativePage }) {
  const { t, date, number } = useInitiativeFormat();
  const styles = useSectionStyles();
  const hours = page.allocations.reduce((s, a) => s + a.hours, 0);
  const allocations = [...page.allocations].sort(
    (a, b) => Date.parse(a.month) - Date.parse(b.month),
  );
  return (
    <Section title={t("initiative.sections.resources")}>
      <h3 className={styles.heading}>
        <Text weight="semibold">{t("initiative.fields.resourceNeeds")}</Text>
      </h3>
      {page.initiative.resourceNeeds ? (
        <UserText text={page.initiative.resourceNeeds} />
      ) : (
        <Text>{t("initiative.empty")}</Text>
      )}
      <h3 className={styles.heading}>
        <Text weight="semibold">{t("initiative.resources.allocations")}</Text>
      </h3>
      {allocations.length === 0 ? (
        <Text>{t("initiative.resources.none")}</Text>
      ) : (
        <DataTable<AllocationRow>
          label={t("initiative.resources.allocations")}
          rows={[
            ...allocations.map((a) => ({ ...a, isTotal: false as const })),
            { isTotal: true as const, id: -1, hours },
          ]}
          rowKey={(a) => a.id}
          columns={[
            {
              key: "resource",
              header: t("initiative.resources.resource"),
              cell: (a) =>
                a.isTotal ? (
                  <Text weight="semibold">{t("initiative.resources.total")}</Text>
                ) : (
                  (a.resource?.title ?? a.title)
                ),
            },
            {
              key: "competence",
              header: t("initiative.resources.competence"),
              cell: (a) => (a.isTotal ? null : (a.competence ?? "—")),
            },
            {
              key: "month",
              header: t("initiative.resources.month"),
              cell: (a) => (a.isTotal ? null : date(a.month)),
            },
            {
              key: "hours",
              header: t("initiative.resources.hours"),
              align: "end",
              minWidth: 6,
              cell: (a) =>
                a.isTotal ? <Text weight="semibold">{number(a.hours)}</Text> : number(a.hours),
            },
          ]}
        />
      )}
    </Section>
  );
}
