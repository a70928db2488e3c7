/**
 * The year's meetings as a table: date, time, kind, place, state, agenda and minutes, and
 * whether the meeting is in the Teams calendar (with the secretary's retry when it is not).
 * A cancelled meeting stays in the table, struck through and saying "Aflyst" in words.
 */
import { Badge, Button, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { CalendarErrorRegular } from "@fluentui/react-icons";

import { calendarStatus, progressOf } from "../../../domain/meeting-plan.js";
import type { Meeting } from "../../../domain/meetings.js";
import { type DataColumn, DataTable } from "../../components/DataTable.js";
import { Stack } from "../../components/Stack.js";
import { useAddToCalendar } from "../../queries/meetings.js";
import { useServices } from "../../services.js";
import { hrefForMeeting } from "../../shell/routes.js";
import { MutationProblem } from "../MutationProblem.js";
import { MeetingStateBadge } from "./MeetingStateBadge.js";
import { useMeetingFormat } from "./useMeetingPlan.js";

const useStyles = makeStyles({
  cancelled: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
});

export function YearPlanTable(props: { year: number; meetings: Meeting[]; mayPlan: boolean }) {
  const { t, shortDate, timeRange } = useMeetingFormat();
  const styles = useStyles();
  const { clock } = useServices();
  const retry = useAddToCalendar();
  const now = clock.now();
  const columns = ((): DataColumn<Meeting>[] => {
    const cls = (m: Meeting) => (m.state === "Aflyst" ? styles.cancelled : undefined);
    const cancelled = (m: Meeting) => m.state === "Aflyst";
    return [
      {
        key: "meeting",
        header: t("meetings.plan.columns.meeting"),
        cell: (m) => (
          <Link href={hrefForMeeting(m.id)} className={cls(m)}>
            {m.title}
          </Link>
        ),
        sortValue: (m) => m.title,
        minWidth: 14,
        grow: 2,
      },
      {
        key: "date",
        header: t("meetings.plan.columns.date"),
        cell: (m) => <span className={cls(m)}>{shortDate(m.start)}</span>,
        sortValue: (m) => m.start,
      },
      {
        key: "time",
        header: t("meetings.plan.columns.time"),
        cell: (m) => <span className={cls(m)}>{timeRange(m.start, m.end)}</span>,
        minWidth: 7,
        priority: 3,
      },
      {
        key: "kind",
        header: t("meetings.plan.columns.kind"),
        cell: (m) => <span className={cls(m)}>{m.kind ? t(`meetings.kinds.${m.kind}`) : ""}</span>,
        sortValue: (m) => (m.kind ? t(`meetings.kinds.${m.kind}`) : ""),
        priority: 4,
      },
      {
        key: "location",
        header: t("meetings.plan.columns.location"),
        cell: (m) => <span className={cls(m)}>{m.location}</span>,
        sortValue: (m) => m.location,
        priority: 5,
      },
      {
        key: "state",
        header: t("meetings.plan.columns.state"),
        cell: (m) => <MeetingStateBadge state={m.state} />,
        sortValue: (m) => t(`meetings.states.${m.state}`),
        minWidth: 7,
      },
      {
        key: "agenda",
        header: t("meetings.plan.columns.agenda"),
        cell: (m) => (cancelled(m) ? "–" : t(`meetings.plan.agenda.${progressOf(m).agenda}`)),
        priority: 2,
      },
      {
        key: "minutes",
        header: t("meetings.plan.columns.minutes"),
        cell: (m) => (cancelled(m) ? "–" : t(`meetings.plan.minutes.${progressOf(m).minutes}`)),
        priority: 2,
      },
      {
        key: "calendar",
        header: t("meetings.plan.columns.calendar"),
        minWidth: 12,
        priority: 1,
        cell: (m) => {
          const status = calendarStatus(m, now);
          if (status !== "notInCalendar") return t(`meetings.calendar.status.${status}`);
          const retrying = retry.isPending && retry.variables === m.id;
          return (
            <Stack direction="row" gap="s" wrap>
              <Badge appearance="tint" color="warning" icon={<CalendarErrorRegular aria-hidden />}>
                {t("meetings.calendar.notInCalendar")}
              </Badge>
              {props.mayPlan ? (
                <Button
                  size="small"
                  disabled={retry.isPending}
                  onClick={() => retry.mutate(m.id)}
                  aria-label={t("meetings.calendar.retryFor", { title: m.title })}
                >
                  {retrying ? t("meetings.calendar.retrying") : t("meetings.calendar.retry")}
                </Button>
              ) : null}
            </Stack>
          );
        },
      },
    ];
  })();
  if (props.meetings.length === 0) {
    return <Text as="p">{t("meetings.plan.noneInYear", { year: props.year })}</Text>;
  }
  return (
    <Stack gap="s">
      <MutationProblem mutation={retry} title={t("meetings.calendar.retryFailed")} />
      <DataTable
        label={t("meetings.plan.tableLabel", { year: props.year })}
        rows={props.meetings}
        columns={columns}
        rowKey={(m) => m.id}
        rowTestId={(m) => `meeting-row-${m.id}`}
      />
    </Stack>
  );
}
