/**
 * One meeting (issue 6): its header (time, Teams join link, state) and two tabs, the agenda
 * (built and sent by the secretary, read by members before the meeting) and the minutes
 * (decisions and actions, approved by the chair and posted to Chefforum).
 */
import { makeStyles, Tab, TabList, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { hrefForMeeting, type MeetingPage as MeetingPageKey } from "../shell/routes.js";
import { AgendaTab } from "./agenda/AgendaTab.js";
import { MinutesTab } from "./minutes/MinutesTab.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

export interface MeetingPageProps {
  id: number;
  page: MeetingPageKey;
}

export default function MeetingPage({ id, page }: MeetingPageProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="view-title">
      <h1 id="view-title">{t("meetings.page.title", { id })}</h1>
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
    </section>
  );
}
