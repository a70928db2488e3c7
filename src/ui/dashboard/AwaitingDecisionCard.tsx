import { Badge, Link, Text } from "@fluentui/react-components";
import { useId } from "react";

import type {
  AwaitingDecisionCard as AwaitingDecisionCardData,
  InitiativeSummary,
} from "../../domain/dashboard.js";
import { hrefForInitiative } from "../shell/routes.js";
import { DashboardCard, useListStyles } from "./DashboardCard.js";
import { useDashboardFormat } from "./format.js";

function InitiativeList({ heading, items }: { heading: string; items: InitiativeSummary[] }) {
  const { t, date } = useDashboardFormat();
  const styles = useListStyles();
  const id = useId();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className={styles.subheading}>
        <Text as="span" weight="semibold">
          {heading}
        </Text>
      </h3>
      <ul className={styles.list}>
        {items.map((i) => (
          <li key={i.id} className={styles.line}>
            <Link href={hrefForInitiative(i.id)}>{i.title}</Link>
            {i.area ? <Text size={200}>{i.area}</Text> : null}
            {i.legalDeadline ? (
              <Badge appearance="tint" color="danger">
                {t("dashboard.awaiting.legal", { date: date(i.legalDeadline) })}
              </Badge>
            ) : i.mandatory ? (
              <Badge appearance="tint" color="danger">
                {t("dashboard.awaiting.mandatory")}
              </Badge>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Initiatives awaiting a decision: ready for prioritization, or on the next agenda. */
export function AwaitingDecisionCard({ card }: { card: AwaitingDecisionCardData }) {
  const { t } = useDashboardFormat();
  return (
    <DashboardCard
      testId="card-awaiting-decision"
      title={t("dashboard.awaiting.title")}
      links={[{ view: "portfolio", label: t("dashboard.awaiting.link") }]}
    >
      {card.total === 0 ? (
        <Text as="p">
          {card.scope === "mine" ? t("dashboard.awaiting.noneMine") : t("dashboard.awaiting.none")}
        </Text>
      ) : (
        <>
          <InitiativeList
            heading={t("dashboard.awaiting.ready", { count: card.readyForPrioritization.length })}
            items={card.readyForPrioritization}
          />
          <InitiativeList
            heading={t("dashboard.awaiting.onAgenda", { count: card.onNextAgenda.length })}
            items={card.onNextAgenda}
          />
        </>
      )}
    </DashboardCard>
  );
}
