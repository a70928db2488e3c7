/**
 * The year's meetings as a table: date, time, kind, place, state, agenda and minutes, and
 * whether the meeting is in the Teams calendar (with the secretary's retry when it is not).
 * A cancelled meeting stays in the table, struck through and saying "Aflyst" in words.
 */
import {
  Badge,
  Button,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { CalendarErrorRegular } from "@fluentui/react-icons";

import { calendarStatus, progressOf } from "../../../domain/meeting-plan.js";
import type { Meeting } from "../../../domain/meetings.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useServices } from "../../services.js";
import { hrefForMeeting } from "../../shell/routes.js";
import { MeetingStateBadge } from "./MeetingStateBadge.js";
import { useAddToCalendar } from "../../queries/meetings.js";
import { useMeetingFormat } from "./useMeetingPlan.js";

const useStyles = makeStyles({
  cancelled: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
  calendar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  wrap: { overflowX: "auto" },
});

export function YearPlanTable(props: { year: number; meetings: Meeting[]; mayPlan: boolean }) {
  const { t, shortDate, timeRange } = useMeetingFormat();
  const styles = useStyles();
  const { clock } = useServices();
  const retry = useAddToCalendar();
  const now = clock.now();
  if (props.meetings.length === 0) {
    return <Text as="p">{t("meetings.plan.noneInYear", { year: props.year })}</Text>;
  }
  return (
    <div className={styles.wrap}>
      {retry.isError ? (
        <StoreErrorMessage error={retry.error} title={t("meetings.calendar.retryFailed")} />
      ) : null}
      <Table aria-label={t("meetings.plan.tableLabel", { year: props.year })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("meetings.plan.columns.meeting")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.date")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.time")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.kind")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.location")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.state")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.agenda")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.minutes")}</TableHeaderCell>
            <TableHeaderCell>{t("meetings.plan.columns.calendar")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.meetings.map((m) => {
            const cancelled = m.state === "Aflyst";
            const cls = cancelled ? styles.cancelled : undefined;
            const progress = progressOf(m);
            const status = calendarStatus(m, now);
            const retrying = retry.isPending && retry.variables === m.id;
            return (
              <TableRow key={m.id} data-testid={`meeting-row-${m.id}`}>
                <TableCell>
                  <Link href={hrefForMeeting(m.id)} className={cls}>
                    {m.title}
                  </Link>
                </TableCell>
                <TableCell>
                  <span className={cls}>{shortDate(m.start)}</span>
                </TableCell>
                <TableCell>
                  <span className={cls}>{timeRange(m.start, m.end)}</span>
                </TableCell>
                <TableCell>
                  <span className={cls}>{m.kind ? t(`meetings.kinds.${m.kind}`) : ""}</span>
                </TableCell>
                <TableCell>
                  <span className={cls}>{m.location}</span>
                </TableCell>
                <TableCell>
                  <MeetingStateBadge state={m.state} />
                </TableCell>
                <TableCell>
                  {cancelled ? "–" : t(`meetings.plan.agenda.${progress.agenda}`)}
                </TableCell>
                <TableCell>
                  {cancelled ? "–" : t(`meetings.plan.minutes.${progress.minutes}`)}
                </TableCell>
                <TableCell>
                  {status === "notInCalendar" ? (
                    <span className={styles.calendar}>
                      <Badge
                        appearance="tint"
                        color="warning"
                        icon={<CalendarErrorRegular aria-hidden />}
                      >
                        {t("meetings.calendar.notInCalendar")}
                      </Badge>
                      {props.mayPlan ? (
                        <Button
                          size="small"
                          disabled={retry.isPending}
                          onClick={() => retry.mutate(m.id)}
                          aria-label={t("meetings.calendar.retryFor", { title: m.title })}
                        >
                          {retrying
                            ? t("meetings.calendar.retrying")
                            : t("meetings.calendar.retry")}
                        </Button>
                      ) : null}
                    </span>
                  ) : (
                    t(`meetings.calendar.status.${status}`)
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
