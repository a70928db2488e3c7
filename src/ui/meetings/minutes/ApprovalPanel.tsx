/**
 * Where the minutes stand (awaiting approval, approved by whom and when, changed since the
 * approval, posted to Chefforum), decided from the chair's approval in the approvals list, never
 * from the meeting's state alone; the chair's "Godkend referatet" (which posts the minutes to
 * Chefforum's channel at once); when posting failed or is still due: what went wrong (Teams
 * throttled or down, no channel configured, another session posting right now) and "Prøv igen",
 * which finishes the posting exactly once. The chair and the secretary also see what is
 * irregular (a meeting marked approved without the chair's approval, an approval written by
 * someone outside Formand), naming who wrote it.
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
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { isStoreError } from "../../../domain/errors.js";
import {
  checkApproval,
  type MinutesApprovalStatus,
  type MinutesIrregularity,
  parsePosting,
  postingPending,
} from "../../../domain/minutes.js";
import { hasRole } from "../../../domain/roles.js";
import { type MinutesPage, MinutesRefused, type PostOutcome } from "../../../use-cases/minutes.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { Stack } from "../../components/Stack.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useApproveMinutes, usePostMinutes } from "../../queries/meetings.js";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

const NONE: MinutesApprovalStatus = { kind: "none" };

function useWhen() {
  const { i18n } = useTranslation();
  return (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "da-DK", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "Europe/Copenhagen",
    }).format(new Date(iso));
}

/** A minutes rule's refusal in the user's language; null for any other error. */
function refusalText(t: TFunction, error: unknown): string | null {
  return error instanceof MinutesRefused
    ? t(error.refusal.code, { ...error.refusal.params })
    : null;
}

export function ApprovalPanel({ page }: { page: MinutesPage }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const when = useWhen();
  const { me, meeting, standing } = page;
  const approve = useApproveMinutes(meeting.id);
  const post = usePostMinutes(meeting.id);
  const status = standing?.status ?? NONE;
  const chair = hasRole(me, "chair");
  const overseer = chair || hasRole(me, "secretary") || hasRole(me, "owner");

  const busy = approve.isPending || post.isPending;
  // Approving posts to Chefforum at once, and posting cannot be taken back: asked first.
  const [asking, setAsking] = useState<"approve" | "post" | null>(null);
  const outcome: PostOutcome | undefined = post.data ?? approve.data?.posting;
  const revision = parsePosting(meeting.channelMessageId).revision;

  const statusText = (() => {
    switch (meeting.state) {
      case "Planlagt":
      case "Dagsorden udsendt":
        return t("minutes.approval.notHeld");
      case "Aflyst":
        return t("minutes.approval.cancelled");
      default:
        break;
    }
    if (standing === null) return t("minutes.approval.unverifiable");
    if (status.kind === "approved") {
      const approved = t("minutes.approval.approvedBy", {
        name: status.by.name || t("minutes.approval.theChair"),
        when: when(status.at),
      });
      if (meeting.state === "Referat udsendt") {
        return `${approved} ${revision > 1 ? t("minutes.approval.postedCorrected") : t("minutes.approval.posted")}`;
      }
      return meeting.state === "Referat godkendt"
        ? `${approved} ${t("minutes.approval.notPosted")}`
        : approved;
    }
    if (status.kind === "stale") {
      return t("minutes.approval.stale", {
        name: status.by.name || t("minutes.approval.theChair"),
        when: when(status.at),
      });
    }
    return t("minutes.approval.awaiting");
  })();

  const mayApprove = standing !== null && checkApproval(meeting, status, me).ok;
  const retry = () => post.mutate();
  const showRetry = chair && postingPending(meeting, status) && !busy;

  return (
    <Stack gap="s">
      <div role="status" aria-live="polite">
        {busy ? (
          <Spinner
            size="tiny"
            label={
              approve.isPending ? t("minutes.approval.approving") : t("minutes.approval.posting")
            }
          />
        ) : (
          <Text>{statusText}</Text>
        )}
      </div>
      {overseer && standing && standing.irregular.length > 0 ? (
        <Irregularities items={standing.irregular} />
      ) : null}
      {mayApprove && !busy ? (
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => setAsking("approve")}>
            {t("minutes.approval.approve")}
          </Button>
          <Text size={200}>{t("minutes.approval.approveHint")}</Text>
        </div>
      ) : null}
      {approve.isError ? (
        <RefusalOrError
          error={approve.error}
          title={
            isStoreError(approve.error, "Conflict")
              ? t("minutes.approval.changedSince")
              : t("minutes.approval.approveFailed")
          }
        />
      ) : null}
      {!busy && outcome ? (
        <OutcomeMessage outcome={outcome} onRetry={showRetry ? retry : null} />
      ) : null}
      {!busy && !outcome && post.isError ? (
        <RefusalOrError
          error={post.error}
          title={t("minutes.approval.postFailed")}
          {...(showRetry ? { onRetry: retry } : {})}
        />
      ) : null}
      {showRetry && !outcome && !post.isError ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("minutes.approval.pendingTitle")}</MessageBarTitle>
            {t("minutes.approval.pendingBody")}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setAsking("post")}>{t("minutes.approval.postNow")}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={
          asking === "post"
            ? t("minutes.approval.confirm.postTitle", { title: meeting.title })
            : t("minutes.approval.confirm.approveTitle", { title: meeting.title })
        }
        confirmLabel={
          asking === "post" ? t("minutes.approval.postNow") : t("minutes.approval.approve")
        }
        onConfirm={() => (asking === "post" ? post.mutate() : approve.mutate(page))}
        onClose={() => setAsking(null)}
      >
        {t(
          asking === "post"
            ? "minutes.approval.confirm.postBody"
            : "minutes.approval.confirm.approveBody",
          {
            points: t("minutes.approval.confirm.points", { count: page.items.length }),
            decisions: t("minutes.approval.confirm.decisions", { count: page.decisions.length }),
            actions: t("minutes.approval.confirm.actions", { count: page.actions.length }),
          },
        )}
      </ConfirmDialog>
    </Stack>
  );
}

/** A minutes rule's refusal translated; any other error as the store's error. */
function RefusalOrError(props: { error: unknown; title: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = refusalText(t, props.error);
  if (text === null) return <StoreErrorMessage {...props} />;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {text}
      </MessageBarBody>
    </MessageBar>
  );
}

/** What is irregular about the approval, each naming who wrote it. */
function Irregularities({ items }: { items: readonly MinutesIrregularity[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const when = useWhen();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("minutes.irregular.title")}</MessageBarTitle>
        <ul className={styles.list}>
          {items.map((i) => {
            const approvedAt = i.params?.approvedAt;
            return (
              <li key={`${i.list}-${i.item}-${i.rule}`}>
                {t(i.rule, {
                  ...i.params,
                  approvedAt: typeof approvedAt === "string" ? when(approvedAt) : "",
                  by: i.by?.name || t("minutes.irregular.unknownPerson"),
                })}
              </li>
            );
          })}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

function OutcomeMessage({
  outcome,
  onRetry,
}: {
  outcome: PostOutcome;
  onRetry: (() => void) | null;
}) {
  const { t } = useTranslation();
  const action = onRetry ? (
    <MessageBarActions>
      <Button onClick={onRetry}>{t("minutes.approval.retry")}</Button>
    </MessageBarActions>
  ) : null;
  switch (outcome.kind) {
    case "posted":
      return (
        <MessageBar intent="success">
          <MessageBarBody>
            {outcome.corrected
              ? t("minutes.approval.postedNowCorrected", { count: outcome.messageIds.length })
              : t("minutes.approval.postedNow", { count: outcome.messageIds.length })}
          </MessageBarBody>
        </MessageBar>
      );
    case "alreadyPosted":
      return (
        <MessageBar intent="info">
          <MessageBarBody>{t("minutes.approval.alreadyPosted")}</MessageBarBody>
        </MessageBar>
      );
    case "inProgress":
      return (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {t("minutes.approval.inProgress", {
              name: outcome.by?.name || t("minutes.approval.someoneElse"),
            })}
          </MessageBarBody>
          {action}
        </MessageBar>
      );
    case "noChannel":
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("minutes.approval.noChannelTitle")}</MessageBarTitle>
            {t("minutes.approval.noChannelBody")}
          </MessageBarBody>
          {action}
        </MessageBar>
      );
    case "failed": {
      const kind = isStoreError(outcome.error) ? outcome.error.kind : "Unknown";
      const wait = isStoreError(outcome.error) ? outcome.error.details.retryAfter : undefined;
      // A minutes rule (too long for the channel) in words; else the store's kind.
      const own = refusalText(t, outcome.error);
      return (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("minutes.approval.failedTitle")}</MessageBarTitle>
            {own ?? t(`minutes.graphErrors.${kind}`)}
            {wait !== undefined ? ` ${t("minutes.approval.wait", { seconds: wait })}` : ""}{" "}
            {outcome.total === null
              ? t("minutes.approval.failedBefore")
              : t("minutes.approval.failedParts", { posted: outcome.posted, total: outcome.total })}
          </MessageBarBody>
          {action}
        </MessageBar>
      );
    }
  }
}
