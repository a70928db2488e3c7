/**
 * One meeting (issue 6): its header (title, date and time in Danish time, place, state, the
 * checked Teams join link, whether it is in the calendar; move and cancel for the secretary) and
 * two tabs, the agenda (built and sent by the secretary, read by members before the meeting)
 * and the minutes (decisions and actions, approved by the chair and posted to Chefforum).
 */
import { Link, makeStyles, Spinner, Tab, TabList, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { useMeeting } from "../queries/meetings.js";
import { hrefFor, hrefForMeeting, type MeetingPage as MeetingPageKey } from "../shell/routes.js";
import { AgendaTab } from "./agenda/AgendaTab.js";
import { MinutesTab } from "./minutes/MinutesTab.js";
import { MeetingHeader } from "./plan/MeetingHeader.js";

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
  const meeting = useMeeting(id);
  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={meeting.isPending}>
      <Link href={hrefFor("meetings")}>{t("meetings.page.back")}</Link>
      {meeting.isPending ? (
        <>
          <h1 id="view-title">{t("meetings.page.title", { id })}</h1>
          <Spinner label={t("meetings.page.loading")} />
        </>
      ) : meeting.isError ? (
        <>
          <h1 id="view-title">{t("meetings.page.title", { id })}</h1>
          <StoreErrorMessage
            error={meeting.error}
            title={t("meetings.page.loadError")}
            onRetry={() => void meeting.refetch()}
          />
        </>
      ) : (
        <MeetingHeader meeting={meeting.data} />
      )}
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
