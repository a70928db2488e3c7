import { Text } from "@fluentui/react-components";

import type { MeetingsThisYearCard } from "../../domain/dashboard.js";
import { DashboardCard } from "./DashboardCard.js";
import { useDashboardFormat } from "./format.js";
import { Notice } from "./Notice.js";

/** Meetings held and planned this year against the charter's minimum (4). */
export function MeetingsYearCard({
  card,
  secretary,
}: {
  card: MeetingsThisYearCard;
  secretary: boolean;
}) {
  const { t } = useDashboardFormat();
  return (
    <DashboardCard
      testId="card-meetings-year"
      title={t("dashboard.meetingsYear.title", { year: card.year })}
      links={[{ view: "meetings", label: t("dashboard.meetingsYear.link") }]}
    >
      <Text as="p">
        {t("dashboard.meetingsYear.summary", {
          held: card.held,
          planned: card.planned,
          minimum: card.minimum,
        })}
      </Text>
      {card.belowMinimum ? (
        <Notice intent="warning">
          <Text>
            {t("dashboard.meetingsYear.below", { count: card.missing, minimum: card.minimum })}
            {secretary ? ` ${t("dashboard.meetingsYear.belowSecretary")}` : ""}
          </Text>
        </Notice>
      ) : (
        <Text as="p">{t("dashboard.meetingsYear.ok")}</Text>
      )}
    </DashboardCard>
  );
}
