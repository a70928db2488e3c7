/**
 * Where the minutes stand (awaiting approval, approved by whom and when, posted to Chefforum),
 * the chair's "Godkend referatet" (which posts the minutes to Chefforum's channel at once), and
 * when posting failed or is still due: what went wrong (Teams throttled or down, no channel
 * configured) and "Prøv igen", which finishes the posting exactly once.
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
import { useTranslation } from "react-i18next";

import { isStoreError } from "../../../domain/errors.js";
import type { Meeting } from "../../../domain/meetings.js";
import { mayApproveMinutes, parsePosting, postingPending } from "../../../domain/minutes.js";
import type { Me } from "../../../domain/roles.js";
import type { PostOutcome } from "../../../use-cases/minutes.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useApproveMinutes, usePostMinutes } from "./useMinutes.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
});

export function ApprovalPanel({ me, meeting }: { me: Me; meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const approve = useApproveMinutes(meeting.id);
  const post = usePostMinutes(meeting.id);
  const chair = mayApproveMinutes(me);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "da-DK", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "Europe/Copenhagen",
    }).format(new Date(iso));

  const busy = approve.isPending || post.isPending;
  const outcome: PostOutcome | undefined = post.data ?? approve.data?.posting;
  const revision = parsePosting(meeting.channelMessageId).revision;
  const approvedText =
    meeting.minutesApprovedAt !== null
      ? t("minutes.approval.approvedBy", {
          name: meeting.minutesApprovedBy?.name ?? t("minutes.approval.theChair"),
          when: when(meeting.minutesApprovedAt),
        })
      : "";

  const status = (() => {
    switch (meeting.state) {
      case "Planlagt":
      case "Dagsorden udsendt":
        return t("minutes.approval.notHeld");
      case "Afholdt":
        return t("minutes.approval.awaiting");
      case "Referat godkendt":
        return `${approvedText} ${t("minutes.approval.notPosted")}`;
      case "Referat udsendt":
        return `${approvedText} ${revision > 1 ? t("minutes.approval.postedCorrected") : t("minutes.approval.posted")}`;
      case "Aflyst":
        return t("minutes.approval.cancelled");
    }
  })();

  const retry = () => post.mutate();
  const showRetry = chair && postingPending(meeting) && !busy;

  return (
    <div className={styles.root}>
      <div role="status" aria-live="polite">
        {busy ? (
          <Spinner
            size="tiny"
            label={
              approve.isPending ? t("minutes.approval.approving") : t("minutes.approval.posting")
            }
          />
        ) : (
          <Text>{status}</Text>
        )}
      </div>
      {chair && meeting.state === "Afholdt" && !busy ? (
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => approve.mutate(meeting)}>
            {t("minutes.approval.approve")}
          </Button>
          <Text size={200}>{t("minutes.approval.approveHint")}</Text>
        </div>
      ) : null}
      {approve.isError ? (
        <StoreErrorMessage
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
        <StoreErrorMessage
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
            <Button onClick={retry}>{t("minutes.approval.postNow")}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
    </div>
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
      const own = isStoreError(outcome.error, "Invalid") ? outcome.error.message : null;
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
