/**
 * Moving one meeting: new date, start time and length (Danish time). The Teams meeting is
 * changed with the changeKey read when the page opened; when it was changed in Outlook since,
 * the move is refused (Conflict), the meeting is read again and the dialog says so.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { CalendarArrowRightRegular } from "@fluentui/react-icons";
import type { UseQueryResult } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import type { ScheduledMeeting } from "../../../domain/communication.js";
import { isStoreError } from "../../../domain/errors.js";
import {
  DURATION_MAX,
  DURATION_MIN,
  moveFormOf,
  type MoveProblem,
  planMove,
} from "../../../domain/meeting-plan.js";
import type { Meeting } from "../../../domain/meetings.js";
import { useMoveMeeting } from "../../queries/meetings.js";
import { useServices } from "../../services.js";
import { MutationProblem } from "../MutationProblem.js";
import { useMeetingFormat } from "./useMeetingPlan.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export function MoveMeetingDialog(props: {
  meeting: Meeting;
  event: UseQueryResult<ScheduledMeeting | null>;
}) {
  const { meeting, event } = props;
  const styles = useStyles();
  const { t } = useMeetingFormat();
  const { clock } = useServices();
  const move = useMoveMeeting();
  const [open, setOpen] = useState(false);
  const initial = moveFormOf(meeting);
  const [date, setDate] = useState(initial.date);
  const [startTime, setStartTime] = useState(initial.startTime);
  const [duration, setDuration] = useState(String(initial.durationMinutes));
  const [problems, setProblems] = useState<MoveProblem[]>([]);
  const [conflict, setConflict] = useState(false);

  const inCalendar = meeting.graphEventId.trim() !== "";
  const eventReady = !inCalendar || event.isSuccess;

  const reset = () => {
    const f = moveFormOf(meeting);
    setDate(f.date);
    setStartTime(f.startTime);
    setDuration(String(f.durationMinutes));
    setProblems([]);
    setConflict(false);
    move.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const form = { date, startTime, durationMinutes: Number(duration) };
    const plan = planMove(meeting, form, clock.now());
    if (!plan.ok) {
      setProblems(plan.problems);
      return;
    }
    setProblems([]);
    setConflict(false);
    move.mutate(
      { meeting, form, changeKey: event.data?.changeKey ?? null },
      {
        onSuccess: (r) => r.ok && setOpen(false),
        onError: (err) => {
          if (isStoreError(err, "Conflict")) {
            setConflict(true);
            void event.refetch();
          }
        },
      },
    );
  };

  const problem = (p: MoveProblem) => problems.includes(p);

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        if (d.open) reset();
        setOpen(d.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<CalendarArrowRightRegular aria-hidden />}>{t("meetings.move.open")}</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{t("meetings.move.title", { title: meeting.title })}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field
                label={t("meetings.move.date")}
                validationMessage={
                  problem("date")
                    ? t("meetings.move.problems.date")
                    : problem("past")
                      ? t("meetings.move.problems.past")
                      : problem("same")
                        ? t("meetings.move.problems.same")
                        : undefined
                }
              >
                <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
              </Field>
              <Field
                label={t("meetings.move.startTime")}
                validationMessage={
                  problem("startTime") ? t("meetings.move.problems.startTime") : undefined
                }
              >
                <Input type="time" value={startTime} onChange={(_, d) => setStartTime(d.value)} />
              </Field>
              <Field
                label={t("meetings.move.duration")}
                validationMessage={
                  problem("duration")
                    ? t("meetings.move.problems.duration", {
                        min: DURATION_MIN,
                        max: DURATION_MAX,
                      })
                    : undefined
                }
              >
                <Input
                  type="number"
                  min={DURATION_MIN}
                  max={DURATION_MAX}
                  step={15}
                  value={duration}
                  onChange={(_, d) => setDuration(d.value)}
                />
              </Field>
              {problem("notChangeable") ? (
                <MessageBar intent="error">
                  <MessageBarBody>{t("meetings.move.problems.notChangeable")}</MessageBarBody>
                </MessageBar>
              ) : null}
              <div role="status" aria-live="polite">
                {inCalendar && event.isPending ? (
                  <Spinner size="tiny" label={t("meetings.move.readingEvent")} />
                ) : null}
                {move.isPending ? <Spinner size="tiny" label={t("meetings.move.moving")} /> : null}
              </div>
              {conflict ? (
                <MessageBar intent="warning" role="alert" layout="multiline">
                  <MessageBarBody>{t("meetings.move.conflict")}</MessageBarBody>
                </MessageBar>
              ) : (
                <MutationProblem mutation={move} title={t("meetings.move.failed")} />
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={!eventReady || move.isPending}>
                {t("meetings.move.submit")}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button>{t("meetings.move.close")}</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
