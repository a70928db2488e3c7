import { Badge, Link, Text } from "@fluentui/react-components";
import { useId } from "react";

import type { OverdueCard as OverdueCardData } from "../../domain/dashboard.js";
import { hrefForInitiative } from "../shell/routes.js";
import { DashboardCard, useListStyles } from "./DashboardCard.js";
import { useDashboardFormat } from "./format.js";

function StatusReports({ card }: { card: OverdueCardData }) {
  const { t, period } = useDashboardFormat();
  const styles = useListStyles();
  const id = useId();
  const count = card.missingStatusReports.length;
  const total = card.totalMissingStatusReports;
  const intro =
    count === 0
      ? card.scope === "mine"
        ? t("dashboard.overdue.reportsNoneMine")
        : card.scope === "area" && total > 0
          ? t("dashboard.overdue.reportsNoneArea", { total })
          : t("dashboard.overdue.reportsNone")
      : card.scope === "mine"
        ? t("dashboard.overdue.reportsMine", { count })
        : card.scope === "area"
          ? t("dashboard.overdue.reportsArea", { count, total })
          : t("dashboard.overdue.reportsAll", { count });
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className={styles.subheading}>
        <Text as="span" weight="semibold">
          {t("dashboard.overdue.reportsHeading", { period: period(card.period) })}
        </Text>
      </h3>
      <Text as="p">{intro}</Text>
      {count > 0 ? (
        <ul className={styles.list}>
          {card.missingStatusReports.map((m) => (
            <li key={m.initiative.id} className={styles.item}>
              <span className={styles.line}>
                <Link href={hrefForInitiative(m.initiative.id)}>{m.initiative.title}</Link>
                {m.lastWasRed ? (
                  <Badge appearance="tint" color="danger">
                    {t("dashboard.overdue.lastRed")}
                  </Badge>
                ) : null}
              </span>
              {card.scope !== "mine" ? (
                <Text size={200}>
                  {m.responsible
                    ? t("dashboard.overdue.responsible", { name: m.responsible.name })
                    : t("dashboard.overdue.noResponsible")}
                </Text>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Benefits({ card }: { card: OverdueCardData }) {
  const { t, date, relative } = useDashboardFormat();
  const styles = useListStyles();
  const id = useId();
  const count = card.overdueBenefits.length;
  const total = card.totalOverdueBenefits;
  const scoped = card.scope !== "all";
  const intro =
    count === 0
      ? scoped
        ? t("dashboard.overdue.benefitsNoneScoped")
        : t("dashboard.overdue.benefitsNone")
      : scoped
        ? t("dashboard.overdue.benefitsScoped", { count, total })
        : t("dashboard.overdue.benefitsAll", { count });
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className={styles.subheading}>
        <Text as="span" weight="semibold">
          {t("dashboard.overdue.benefitsHeading")}
        </Text>
      </h3>
      <Text as="p">{intro}</Text>
      {count > 0 ? (
        <ul className={styles.list}>
          {card.overdueBenefits.map((b) => (
            <li key={b.id} className={styles.item}>
              <Text weight="semibold">
                {b.title}
                {b.initiative ? ` (${b.initiative})` : ""}
              </Text>
              <Text size={200}>
                {t("dashboard.overdue.benefitDue", {
                  date: date(b.due),
                  relative: relative(-b.daysOverdue),
                })}
                {b.owner && card.scope === "all"
                  ? ` · ${t("dashboard.overdue.owner", { name: b.owner.name })}`
                  : ""}
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Status reports and benefit measurements that are overdue; whose depends on the role. */
export function OverdueCard({ card }: { card: OverdueCardData }) {
  const { t } = useDashboardFormat();
  return (
    <DashboardCard
      testId="card-overdue"
      title={t("dashboard.overdue.title")}
      links={[
        { view: "reports", label: t("dashboard.overdue.reportsLink") },
        { view: "benefits", label: t("dashboard.overdue.benefitsLink") },
      ]}
    >
      <StatusReports card={card} />
      <Benefits card={card} />
    </DashboardCard>
  );
}
