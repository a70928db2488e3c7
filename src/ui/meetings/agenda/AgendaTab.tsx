/**
 * Dagsorden (issue 6 §2): the secretary builds the agenda from the lists' candidates and free
 * points, orders it (drag and drop, the move buttons, or Ctrl+↑/↓ with an announcement), sets
 * each point's time-box, type, presenter and indstilling, sees the total time against the
 * meeting's length, and sends it (the invitation's body in Outlook, then the meeting marked
 * "Dagsorden udsendt"). Members read the ordered points.
 */
import {
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type AgendaCandidate,
  agendaTiming,
  changedAfterSending,
  isAgendaSent,
  moveTo,
  pointAnchor,
  type SendProblem,
} from "../../../domain/agenda.js";
import { isStoreError } from "../../../domain/errors.js";
import { languageFromLocale } from "../../../domain/language.js";
import type { AgendaItem, Meeting } from "../../../domain/meetings.js";
import type { Problem } from "../../../domain/problems.js";
import type { AttendeeOutcome } from "../../../use-cases/agenda.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ProblemMessage } from "../../components/ProblemMessage.js";
import { QueryBoundary } from "../../components/QueryBoundary.js";
import { Stack } from "../../components/Stack.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { formatDate } from "../../i18n/format.js";
import { refusalOf } from "../MutationProblem.js";
import { AgendaErrorMessage } from "./AgendaErrorMessage.js";
import { AgendaPointEditor } from "./AgendaPointEditor.js";
import { AgendaReadOnly } from "./AgendaReadOnly.js";
import { CandidatePanel } from "./CandidatePanel.js";
import { type AgendaState, useAgenda } from "./useAgenda.js";

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase500 },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingInlineStart: 0,
    listStyleType: "none",
    margin: 0,
  },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
});

function errorKind(e: unknown): string {
  return isStoreError(e) ? e.kind : "Unknown";
}

/** Focuses the point named in the address (`#/moeder/12#punkt-3`), as a link from Outlook does. */
function useFocusAnchor(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    const m = /#(punkt-\d+)$/.exec(window.location.hash);
    if (!m?.[1]) return;
    const el = document.getElementById(m[1]);
    const target = el?.querySelector<HTMLElement>("article") ?? el;
    target?.scrollIntoView?.({ block: "start" });
    if (target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target?.focus();
  }, [ready]);
}

export function AgendaTab({ meetingId }: { meetingId: number }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const state = useAgenda(meetingId);
  const { meeting, items, me } = state;
  const loaded = meeting.data !== undefined && items.data !== undefined && me.data !== undefined;
  useFocusAnchor(loaded);

  if (!loaded || meeting.isError || items.isError || me.isError) {
    // The three reads as one for the kit's loading and error states.
    const failed = meeting.isError || items.isError || me.isError;
    const reads = {
      isPending: !failed,
      isError: failed,
      error: meeting.error ?? items.error ?? me.error,
      data: undefined,
      refetch: () => {
        void meeting.refetch();
        void items.refetch();
        void me.refetch();
      },
    };
    return (
      <QueryBoundary
        query={reads}
        loadingLabel={t("agenda.loading")}
        errorTitle={t("agenda.loadFailed")}
      >
        {() => null}
      </QueryBoundary>
    );
  }

  const language = languageFromLocale(i18n.language);
  const timing = agendaTiming(items.data, meeting.data);
  return (
    <Stack as="section" gap="l" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" className={styles.heading}>
        {t("agenda.heading")}
      </h2>
      <Text as="p">
        {isAgendaSent(meeting.data)
          ? t("agenda.sentAt", {
              date: formatDate(meeting.data.agendaSentAt ?? "", language, "dateTime"),
            })
          : t("agenda.notSent")}
      </Text>
      {state.editable ? (
        <AgendaBuilder state={state} meeting={meeting.data} items={items.data} />
      ) : (
        <>
          <AgendaReadOnly items={items.data} />
          <Text as="p">
            {t("agenda.timing.total", {
              total: timing.totalMinutes,
              length: timing.meetingMinutes,
            })}
          </Text>
        </>
      )}
    </Stack>
  );
}

function AgendaBuilder({
  state,
  meeting,
  items,
}: {
  state: AgendaState;
  meeting: Meeting;
  items: AgendaItem[];
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  /** The order shown while a reorder is being written. */
  const [order, setOrder] = useState<AgendaItem[] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [focusId, setFocusId] = useState<number | null>(null);
  const [dragId, setDragId] = useState<number | null>(null);
  const [overId, setOverId] = useState<number | null>(null);
  const [attendees, setAttendees] = useState<AttendeeOutcome | null>(null);
  const [removedAfterSending, setRemovedAfterSending] = useState(false);
  const { reorder, update, remove, add, invite } = state;
  const shown = order ?? items;

  // The written order has come back from the list: show the list again.
  useEffect(() => {
    if (!reorder.isPending) setOrder(null);
  }, [items, reorder.isPending]);

  useEffect(() => {
    if (focusId === null) return;
    document.querySelector<HTMLElement>(`[data-point-id="${focusId}"]`)?.focus();
  }, [focusId, shown]);

  const move = (from: number, to: number) => {
    const item = shown[from];
    if (!item) return;
    if (reorder.isPending) {
      setAnnouncement(t("agenda.order.wait"));
      return;
    }
    if (to < 0 || to >= shown.length) {
      setAnnouncement(
        t(to < 0 ? "agenda.order.alreadyFirst" : "agenda.order.alreadyLast", { title: item.title }),
      );
      return;
    }
    const next = moveTo(shown, from, to);
    setOrder(next);
    setFocusId(item.id);
    setAnnouncement(
      t("agenda.order.moved", { title: item.title, position: to + 1, count: next.length }),
    );
    reorder.mutate(next);
  };

  const outcome = (o: AttendeeOutcome) => {
    setAttendees(o);
    if (o.kind === "updated") {
      setAnnouncement(
        [
          o.added.length > 0 ? t("agenda.attendees.added", { who: o.addedNames.join(", ") }) : null,
          o.removed.length > 0
            ? t("agenda.attendees.removed", { who: o.removedNames.join(", ") })
            : null,
        ]
          .filter(Boolean)
          .join(" "),
      );
    }
  };

  const addCandidate = (candidate: AgendaCandidate) =>
    add.mutate(
      { kind: "candidate", candidate },
      {
        onSuccess: (r) => {
          if (!r.ok) return;
          setAnnouncement(t("agenda.point.added", { title: r.value.item.title }));
          outcome(r.value.attendees);
        },
      },
    );
  const addFree = (title: string) =>
    add.mutate(
      { kind: "free", title },
      {
        onSuccess: (r) => {
          if (r.ok) setAnnouncement(t("agenda.point.added", { title: r.value.item.title }));
        },
      },
    );

  // A write the use-case refused (only the secretariat builds the agenda).
  const refusals = [add, update, remove, reorder, invite]
    .map(refusalOf)
    .filter((p): p is Problem => p !== null);

  const timing = agendaTiming(shown, meeting);
  const sent = isAgendaSent(meeting);
  const changed = sent && (removedAfterSending || changedAfterSending(meeting, items));
  const adding =
    add.isPending && add.variables
      ? add.variables.kind === "free"
        ? "free"
        : add.variables.candidate.key
      : null;

  return (
    <>
      <p id="agenda-keyboard-hint" className={styles.hidden}>
        {t("agenda.order.keyboardHint")}
      </p>
      <div role="status" aria-live="polite">
        {announcement ? <Text>{announcement}</Text> : null}
      </div>
      {changed ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("agenda.changedAfterSending")}</MessageBarTitle>
            {t("agenda.changedAfterSendingHint")}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Timing timing={timing} />
      {reorder.error ? (
        <StoreErrorMessage error={reorder.error} title={t("agenda.order.failed")} />
      ) : null}
      {remove.error ? (
        <AgendaErrorMessage error={remove.error} title={t("agenda.point.removeFailed")} />
      ) : null}
      {add.error ? (
        <StoreErrorMessage error={add.error} title={t("agenda.point.addFailed")} />
      ) : null}
      <ProblemMessage problems={refusals} />
      {attendees?.kind === "failed" ? (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t("agenda.attendees.failed")}</MessageBarTitle>
            {invite.error
              ? t("agenda.attendees.stillFailing")
              : t("agenda.attendees.failedHint")}{" "}
            {t(`agenda.errors.${errorKind(invite.error ?? attendees.error)}`)}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              disabled={invite.isPending}
              onClick={() =>
                invite.mutate(undefined, { onSuccess: (r) => r.ok && outcome(r.value) })
              }
            >
              {t("agenda.attendees.retry")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {shown.length === 0 ? (
        <Text as="p">{t("agenda.empty")}</Text>
      ) : (
        <ol className={styles.list} aria-label={t("agenda.pointsLabel")}>
          {shown.map((item, index) => (
            <li key={item.id} id={pointAnchor(item.id)}>
              <AgendaPointEditor
                item={item}
                index={index}
                count={shown.length}
                moving={reorder.isPending}
                saving={update.isPending && update.variables?.item.id === item.id}
                removing={remove.isPending && remove.variables?.id === item.id}
                saveError={update.variables?.item.id === item.id ? update.error : null}
                dropTarget={dragId !== null && dragId !== item.id && overId === item.id}
                onMove={(delta) => move(index, index + delta)}
                onSave={(changes) =>
                  update.mutate(
                    { item, changes },
                    {
                      onSuccess: (r) => {
                        if (r.ok)
                          setAnnouncement(t("agenda.point.saved", { title: changes.title }));
                      },
                    },
                  )
                }
                onRemove={() =>
                  remove.mutate(item, {
                    onSuccess: (o) => {
                      if (!o.ok) return;
                      if (sent) setRemovedAfterSending(true);
                      setAnnouncement(t("agenda.point.removed", { title: item.title }));
                      outcome(o.value);
                    },
                  })
                }
                onDragStart={() => setDragId(item.id)}
                onDragEnd={() => {
                  setDragId(null);
                  setOverId(null);
                }}
                onDragOver={(e) => {
                  if (dragId === null || dragId === item.id) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = "move";
                  setOverId(item.id);
                }}
                onDrop={() => {
                  const from = shown.findIndex((i) => i.id === dragId);
                  setDragId(null);
                  setOverId(null);
                  if (from >= 0 && from !== index) move(from, index);
                }}
              />
            </li>
          ))}
        </ol>
      )}
      <SendPanel
        state={state}
        points={items.length}
        sent={sent}
        overrun={timing.overrunMinutes}
        onSent={() => setRemovedAfterSending(false)}
      />
      <CandidatePanel
        groups={state.candidates.data}
        loading={state.candidates.isPending && state.candidates.fetchStatus !== "idle"}
        error={state.candidates.error}
        onRetry={() => void state.candidates.refetch()}
        items={items}
        adding={adding}
        onAdd={addCandidate}
        onAddFree={addFree}
      />
    </>
  );
}

function Timing({ timing }: { timing: ReturnType<typeof agendaTiming> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text as="p" weight="semibold">
        {t("agenda.timing.total", { total: timing.totalMinutes, length: timing.meetingMinutes })}
      </Text>
      {timing.untimed > 0 ? (
        <Text as="p">{t("agenda.timing.untimed", { count: timing.untimed })}</Text>
      ) : null}
      {timing.overrunMinutes > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("agenda.timing.overrunTitle")}</MessageBarTitle>
            {t("agenda.timing.overrun", { count: timing.overrunMinutes })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </Stack>
  );
}

function SendPanel({
  state,
  points,
  sent,
  overrun,
  onSent,
}: {
  state: AgendaState;
  /** How many points the agenda has now (said in the confirmation). */
  points: number;
  sent: boolean;
  overrun: number;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [confirmOverrun, setConfirmOverrun] = useState(false);
  const [problems, setProblems] = useState<SendProblem[]>([]);
  const [done, setDone] = useState(false);
  // Sending puts the agenda in every attendee's invitation: asked first.
  const [asking, setAsking] = useState(false);
  const { send } = state;

  const go = () => {
    setDone(false);
    setProblems([]);
    send.mutate(confirmOverrun, {
      onSuccess: (out) => {
        if (out.ok) {
          setDone(true);
          onSent();
        } else setProblems(out.problems);
      },
    });
  };

  return (
    <Stack as="section" gap="s" aria-labelledby="agenda-send-heading">
      <h2 id="agenda-send-heading" className={styles.heading}>
        {t("agenda.send.heading")}
      </h2>
      {overrun > 0 ? (
        <Checkbox
          checked={confirmOverrun}
          onChange={(_e, d) => setConfirmOverrun(d.checked === true)}
          label={t("agenda.send.confirmOverrun", { count: overrun })}
        />
      ) : null}
      <div className={styles.row}>
        <Button appearance="primary" disabled={send.isPending} onClick={() => setAsking(true)}>
          {send.isPending
            ? t("agenda.send.sending")
            : sent
              ? t("agenda.send.again")
              : t("agenda.send.send")}
        </Button>
      </div>
      <ConfirmDialog
        open={asking}
        title={sent ? t("agenda.send.confirm.titleAgain") : t("agenda.send.confirm.title")}
        confirmLabel={sent ? t("agenda.send.again") : t("agenda.send.send")}
        onConfirm={go}
        onClose={() => setAsking(false)}
      >
        {sent
          ? t("agenda.send.confirm.bodyAgain", { count: points })
          : t("agenda.send.confirm.body", { count: points })}
      </ConfirmDialog>
      <div role="status" aria-live="polite">
        {send.isPending ? <Text>{t("agenda.send.sending")}</Text> : null}
        {done ? <Text>{t("agenda.send.done")}</Text> : null}
      </div>
      <ProblemMessage problems={problems} title={t("agenda.send.problemsTitle")} />
      {send.error ? (
        <>
          <AgendaErrorMessage error={send.error} title={t("agenda.send.failed")} onRetry={go} />
          <Text as="p">{t("agenda.send.notMarked")}</Text>
        </>
      ) : null}
    </Stack>
  );
}
