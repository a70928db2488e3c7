/**
 * Cancelling one meeting: a message to the attendees (Graph sends it with the cancellation);
 * the meeting stays in the plan as "Aflyst".
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
  makeStyles,
  Spinner,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { CalendarCancelRegular } from "@fluentui/react-icons";
import { type FormEvent, useState } from "react";

import type { Meeting } from "../../../domain/meetings.js";
import { useCancelMeeting } from "../../queries/meetings.js";
import { MutationProblem } from "../MutationProblem.js";
import { useMeetingFormat } from "./useMeetingPlan.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export function CancelMeetingDialog({ meeting }: { meeting: Meeting }) {
  const styles = useStyles();
  const { t } = useMeetingFormat();
  const cancel = useCancelMeeting();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    cancel.mutate({ meeting, message }, { onSuccess: (r) => r.ok && setOpen(false) });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        if (d.open) {
          setMessage("");
          cancel.reset();
        }
        setOpen(d.open);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<CalendarCancelRegular aria-hidden />}>{t("meetings.cancel.open")}</Button>
      </DialogTrigger>
      <DialogSurface>
        <form noValidate onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{t("meetings.cancel.title", { title: meeting.title })}</DialogTitle>
            <DialogContent className={styles.form}>
              <Text as="p">
                {meeting.graphEventId
                  ? t("meetings.cancel.explain")
                  : t("meetings.cancel.explainNoCalendar")}
              </Text>
              <Field label={t("meetings.cancel.message")} hint={t("meetings.cancel.messageHint")}>
                <Textarea
                  value={message}
                  maxLength={2000}
                  onChange={(_, d) => setMessage(d.value)}
                />
              </Field>
              <div role="status" aria-live="polite">
                {cancel.isPending ? (
                  <Spinner size="tiny" label={t("meetings.cancel.cancelling")} />
                ) : null}
              </div>
              <MutationProblem mutation={cancel} title={t("meetings.cancel.failed")} />
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={cancel.isPending}>
                {t("meetings.cancel.submit")}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button>{t("meetings.cancel.keep")}</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
