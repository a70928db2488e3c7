/**
 * One meeting (issue 6): its header (title, date and time in Danish time, place, state, the
 * checked Teams join link, whether it is in the calendar; move and cancel for the secretary) and
 * two tabs, the agenda (built and sent by the secretary, read by members before the meeting)
 * and the minutes (decisions and actions, approved by the chair and posted to Chefforum).
 */
import { Link, Tab, TabList } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { QueryBoundary } from "../components/QueryBoundary.js";
import { Stack } from "../components/Stack.js";
import { useMeeting } from "../queries/meetings.js";
import { hrefFor, hrefForMeeting, type MeetingPage as MeetingPageKey } from "../shell/routes.js";
import { AgendaTab } from "./agenda/AgendaTab.js";
import { MinutesTab } from "./minutes/MinutesTab.js";
import { MeetingHeader } from "./plan/MeetingHeader.js";

export interface MeetingPageProps {
  id: number;
  page: MeetingPageKey;
}

export default function MeetingPage({ id, page }: MeetingPageProps) {
  const { t } = useTranslation();
  const meeting = useMeeting(id);
  return (
    <Stack as="section" gap="l" aria-labelledby="view-title" aria-busy={meeting.isPending}>
      <Link href={hrefFor("meetings")}>{t("meetings.page.back")}</Link>
      {meeting.isSuccess ? null : <h1 id="view-title">{t("meetings.page.title", { id })}</h1>}
      <QueryBoundary
        query={meeting}
        isEmpty={() => false}
        loadingLabel={t("meetings.page.loading")}
        errorTitle={t("meetings.page.loadError")}
      >
        {(m) => <MeetingHeader meeting={m} />}
      </QueryBoundary>
      <TabList
        selectedValue={page}
        onTabSelect={(_, data) => {
          window.location.hash = hrefForMeeting(id, data.value as MeetingPageKey);
        }}
        aria-label={t("meetings.page.tabs")}
      >
        <Tab value="agenda">{t("meetings.page.agenda")}</Tab>
        <Tab value="minutes">{t("meetings.page.minutes")}</Tab>
      </TabList>
      {page === "agenda" ? <AgendaTab meetingId={id} /> : <MinutesTab meetingId={id} />}
    </Stack>
  );
}
