/**
 * The Referat tab of a meeting: the secretary writes minutes per agenda point, the decisions
 * (carried on to ØU, DF, CF; optionally moving the initiative's phase) and the follow-up
 * actions; the chair approves, which posts the minutes to Chefforum's channel once; everyone
 * else reads. Whether the minutes are approved comes from the chair's approval (the approvals
 * list), not from the meeting's state alone. An edit of approved minutes says first that it
 * clears the approval.
 */
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId } from "react";
import { useTranslation } from "react-i18next";

import { checkMinutesEdit, editClearsApproval } from "../../../domain/minutes.js";
import type { MinutesPage } from "../../../use-cases/minutes.js";
import { QueryBoundary } from "../../components/QueryBoundary.js";
import { Stack } from "../../components/Stack.js";
import { useMinutesPage } from "../../queries/meetings.js";
import { ActionsSection } from "./ActionsSection.js";
import { ApprovalPanel } from "./ApprovalPanel.js";
import { PointMinutes } from "./PointMinutes.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  text: { whiteSpace: "pre-wrap" },
  points: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
});

export function MinutesTab({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const page = useMinutesPage(meetingId);
  return (
    <QueryBoundary
      query={page}
      isEmpty={() => false}
      loadingLabel={t("minutes.loading")}
      errorTitle={t("minutes.loadFailed")}
    >
      {(data) => <MinutesContent page={data} />}
    </QueryBoundary>
  );
}

function MinutesContent({ page }: { page: MinutesPage }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const { me, meeting, items, decisions, actions, initiatives, standing } = page;
  const editable = checkMinutesEdit(meeting, me).ok;
  const clearsApproval = editClearsApproval(meeting, standing?.status);
  const pointIds = new Set(items.map((i) => i.id as number));
  const otherDecisions = decisions.filter((d) => !d.agendaItem || !pointIds.has(d.agendaItem.id));

  return (
    <Stack as="section" gap="l" aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t("minutes.title")}
      </h2>
      <ApprovalPanel page={page} />
      {editable && clearsApproval ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("minutes.clear.noticeTitle")}</MessageBarTitle>
            {t("minutes.clear.notice")}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {items.length === 0 ? (
        <Text>{t("minutes.noPoints")}</Text>
      ) : (
        <ol className={styles.points} aria-label={t("minutes.pointsLabel")}>
          {items.map((item, i) => {
            const decision = decisions.find((d) => d.agendaItem?.id === item.id) ?? null;
            const initiative = item.initiative
              ? (initiatives.find((x) => x.id === item.initiative?.id) ?? null)
              : null;
            return (
              <li key={item.id}>
                <PointMinutes
                  number={i + 1}
                  meeting={meeting}
                  item={item}
                  decision={decision}
                  initiative={initiative}
                  editable={editable}
                  clearsApproval={clearsApproval}
                />
              </li>
            );
          })}
        </ol>
      )}
      {otherDecisions.length > 0 ? (
        <Stack as="section" gap="l" aria-labelledby={`${headingId}-other`}>
          <h3 id={`${headingId}-other`} className={styles.heading}>
            {t("minutes.otherDecisions.title")}
          </h3>
          <Text>{t("minutes.otherDecisions.hint")}</Text>
          <ul className={styles.list}>
            {otherDecisions.map((d) => (
              <li key={d.id}>
                <Text className={styles.text}>{d.text}</Text>
                {d.carriedTo.length > 0 ? (
                  <Text> {t("minutes.point.carriedTo", { forums: d.carriedTo.join(", ") })}</Text>
                ) : null}
              </li>
            ))}
          </ul>
        </Stack>
      ) : null}
      <ActionsSection
        meeting={meeting}
        actions={actions}
        decisions={decisions}
        editable={editable}
        clearsApproval={clearsApproval}
      />
    </Stack>
  );
}
