/**
 * One meeting's header: title, date and time in Danish time, place, the state as a badge with
 * text, the checked Teams join link (a missing or untrusted link is said plainly), whether the
 * meeting is in the Teams calendar (with the secretary's retry), and the secretary's move and
 * cancel.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { VideoRegular } from "@fluentui/react-icons";

import { calendarStatus, joinLinkOf, mayChangeMeeting } from "../../../domain/meeting-plan.js";
import type { Meeting } from "../../../domain/meetings.js";
import { isTeamsJoinUrl } from "../../../domain/teams-links.js";
import { Stack } from "../../components/Stack.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useAddToCalendar, useMeetingEvent } from "../../queries/meetings.js";
import { useServices } from "../../services.js";
import { MutationProblem } from "../MutationProblem.js";
import { CancelMeetingDialog } from "./CancelMeetingDialog.js";
import { MeetingStateBadge } from "./MeetingStateBadge.js";
import { MoveMeetingDialog } from "./MoveMeetingDialog.js";
import { useMayPlan, useMeetingFormat } from "./useMeetingPlan.js";

const useStyles = makeStyles({
  title: { margin: 0 },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  cancelled: { textDecorationLine: "line-through" },
});

export function MeetingHeader({ meeting }: { meeting: Meeting }) {
  const styles = useStyles();
  const { t, date, timeRange } = useMeetingFormat();
  const { clock } = useServices();
  const mayPlan = useMayPlan();
  const retry = useAddToCalendar();
  const now = clock.now();
  const status = calendarStatus(meeting, now);
  const join = joinLinkOf(meeting, isTeamsJoinUrl);
  const changeable = mayPlan && mayChangeMeeting(meeting, now);
  const event = useMeetingEvent(meeting, changeable && status === "inCalendar");
  const cancelled = meeting.state === "Aflyst";

  return (
    <Stack as="header" gap="s">
      <h1 id="view-title" className={styles.title}>
        <span className={cancelled ? styles.cancelled : undefined}>{meeting.title}</span>
      </h1>
      <div className={styles.line}>
        <MeetingStateBadge state={meeting.state} />
        <Text className={cancelled ? styles.cancelled : undefined}>
          {t("meetings.header.when", {
            date: date(meeting.start),
            time: timeRange(meeting.start, meeting.end),
          })}
        </Text>
        <Text>
          {meeting.location
            ? t("meetings.header.location", { location: meeting.location })
            : t("meetings.header.noLocation")}
        </Text>
      </div>
      {cancelled ? (
        <Text as="p">{t("meetings.header.cancelled")}</Text>
      ) : (
        <div className={styles.line}>
          {join.kind === "ok" ? (
            <Button
              as="a"
              href={join.url}
              target="_blank"
              rel="noopener noreferrer"
              appearance="primary"
              icon={<VideoRegular aria-hidden />}
            >
              {t("meetings.header.join")}
            </Button>
          ) : (
            <Text>
              {join.kind === "missing"
                ? t("meetings.header.noJoinUrl")
                : t("meetings.header.untrustedJoinUrl")}
            </Text>
          )}
          {join.kind === "missing" && status === "inCalendar" && mayPlan ? (
            <Button disabled={retry.isPending} onClick={() => retry.mutate(meeting.id)}>
              {t("meetings.header.fetchJoinUrl")}
            </Button>
          ) : null}
          {changeable ? (
            <>
              <MoveMeetingDialog meeting={meeting} event={event} />
              <CancelMeetingDialog meeting={meeting} />
            </>
          ) : null}
        </div>
      )}
      {status === "notInCalendar" ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("meetings.calendar.notInCalendar")}</MessageBarTitle>
            {t("meetings.calendar.notInCalendarText")}
          </MessageBarBody>
          {mayPlan ? (
            <MessageBarActions>
              <Button disabled={retry.isPending} onClick={() => retry.mutate(meeting.id)}>
                {t("meetings.calendar.retry")}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
      <div role="status" aria-live="polite">
        {retry.isPending ? <Spinner size="tiny" label={t("meetings.calendar.retrying")} /> : null}
        {retry.data?.ok && status === "inCalendar" ? (
          <Text>
            {join.kind === "missing"
              ? t("meetings.header.stillNoJoinUrl")
              : t("meetings.calendar.added")}
          </Text>
        ) : null}
      </div>
      <MutationProblem mutation={retry} title={t("meetings.calendar.retryFailed")} />
      {event.isError ? (
        <StoreErrorMessage
          error={event.error}
          title={t("meetings.header.eventReadFailed")}
          onRetry={() => void event.refetch()}
        />
      ) : null}
    </Stack>
  );
}
