import { Link, Text } from "@fluentui/react-components";

import type { NextMeetingCard as NextMeetingCardData } from "../../domain/dashboard.js";
import { isTeamsJoinUrl } from "../../domain/teams-links.js";
import { DashboardCard } from "./DashboardCard.js";
import { useDashboardFormat } from "./format.js";
import { Notice } from "./Notice.js";

/**
 * The next meeting: when, the Teams link (only an https link on a Teams host; any other address
 * in the list is not offered as a link), and how far the agenda is.
 */
export function NextMeetingCard({ card }: { card: NextMeetingCardData }) {
  const { t, date, relative } = useDashboardFormat();
  const m = card.meeting;
  let agenda = "";
  if (m) {
    agenda =
      m.agendaState === "sent"
        ? m.agendaSentAt
          ? t("dashboard.nextMeeting.agendaSent", { date: date(m.agendaSentAt) })
          : t("dashboard.nextMeeting.agendaSentNoDate")
        : m.agendaState === "draft"
          ? t("dashboard.nextMeeting.agendaDraft", {
              count: m.agendaItemCount,
              decisions: m.decisionItemCount,
            })
          : t("dashboard.nextMeeting.agendaEmpty");
  }
  return (
    <DashboardCard
      testId="card-next-meeting"
      title={t("dashboard.nextMeeting.title")}
      links={[{ view: "meetings", label: t("dashboard.nextMeeting.link") }]}
    >
      {!m ? (
        <Text as="p">
          {card.noneScheduled
            ? t("dashboard.nextMeeting.noneSecretary")
            : t("dashboard.nextMeeting.none")}
        </Text>
      ) : (
        <>
          <Text weight="semibold">{m.title}</Text>
          <Text>
            {t("dashboard.nextMeeting.when", {
              date: date(m.start, "dateTime"),
              relative: relative(m.daysUntil),
            })}
          </Text>
          {m.location ? <Text>{m.location}</Text> : null}
          {m.joinUrl && isTeamsJoinUrl(m.joinUrl) ? (
            <Link href={m.joinUrl} target="_blank" rel="noopener noreferrer">
              {t("dashboard.nextMeeting.join")}
            </Link>
          ) : (
            <Text>{t("dashboard.nextMeeting.noJoinUrl")}</Text>
          )}
          <Text>{agenda}</Text>
          {card.agendaDue ? (
            <Notice intent="warning">
              <Text>
                {t("dashboard.nextMeeting.agendaDue", { relative: relative(m.daysUntil) })}
              </Text>
            </Notice>
          ) : null}
        </>
      )}
    </DashboardCard>
  );
}
