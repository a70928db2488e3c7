/**
 * The chair approves the committee's weights at a meeting (chosen from the meetings list); the
 * weight set is stored with the date and the meeting.
 */
import { Button, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";

import type { AhpResult } from "../../../domain/ahp.js";
import type { MeetingId, WeightSetId } from "../../../domain/ids.js";
import type { Meeting } from "../../../domain/meetings.js";
import { useApproveWeightSet } from "../../queries/prioritization.js";
import { ActionError } from "../ActionError.js";
import { useAhpFormat } from "./format.js";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    maxWidth: "30rem",
  },
});

export function ApproveWeights(props: {
  weightSet: WeightSetId;
  committee: AhpResult | null;
  meetings: Meeting[];
  /** Called once the weights are approved (this form goes away with the open set). */
  onApproved: () => void;
}) {
  const styles = useStyles();
  const { t, dateTime, cr } = useAhpFormat();
  const approveWeightSet = useApproveWeightSet();
  const meetings = [...props.meetings].sort((x, y) => y.start.localeCompare(x.start));
  const [meeting, setMeeting] = useState<string>("");
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  if (!props.committee) return <Text as="p">{t("ahp.approve.nothingYet")}</Text>;

  const approve = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await approveWeightSet.mutateAsync({
        weightSet: props.weightSet,
        meeting: Number(meeting) as MeetingId,
      });
      if (r.ok) props.onApproved();
      else setError(r.error);
    } catch (x) {
      setError(x);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={styles.root}>
      {!props.committee.accepted ? (
        <Text as="p">{t("ahp.approve.crWarning", { cr: cr(props.committee.cr) })}</Text>
      ) : null}
      <Field label={t("ahp.approve.meeting")} required>
        <Select value={meeting} onChange={(_e, d) => setMeeting(d.value)}>
          <option value="">{t("ahp.approve.chooseMeeting")}</option>
          {meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {`${m.title} (${dateTime(m.start)})`}
            </option>
          ))}
        </Select>
      </Field>
      {meetings.length === 0 ? <Text as="p">{t("ahp.approve.noMeetings")}</Text> : null}
      <ActionError error={error} title={t("ahp.approve.error")} />
      <div>
        <Button
          appearance="primary"
          disabled={saving || meeting === ""}
          onClick={() => void approve()}
        >
          {t("ahp.approve.button")}
        </Button>
      </div>
    </div>
  );
}
