/**
 * One agenda point in the Referat tab: the secretary's form (the minutes text; for a Beslutning
 * point the decision, the forums it is carried on to, and optionally moving the initiative's
 * phase with it) or, for everyone else, the point's minutes as text.
 */
import {
  Button,
  Checkbox,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { allowedTargets } from "../../../domain/lifecycle.js";
import type { AgendaItem, Decision, Meeting } from "../../../domain/meetings.js";
import type { Initiative } from "../../../domain/portfolio.js";
import { type Forum, FORUMS, type Phase } from "../../../domain/vocabulary.js";
import type { PointMinutesSaved } from "../../../use-cases/minutes.js";
import { ProblemText } from "../../components/ProblemMessage.js";
import { useVocabulary } from "../../components/vocabulary.js";
import { useSavePoint } from "../../queries/meetings.js";
import { hrefForInitiative } from "../../shell/routes.js";
import { MutationProblem } from "../MutationProblem.js";
import { useConfirmClear } from "./ConfirmClearDialog.js";

const useStyles = makeStyles({
  point: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    padding: 0,
    marginBlockEnd: tokens.spacingVerticalXS,
  },
  forums: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    border: 0,
    padding: 0,
    margin: 0,
  },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  text: { whiteSpace: "pre-wrap" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

export interface PointMinutesProps {
  number: number;
  meeting: Meeting;
  item: AgendaItem;
  decision: Decision | null;
  initiative: Initiative | null;
  editable: boolean;
  /** Saving an edit clears the chair's approval (`editClearsApproval`): asked first. */
  clearsApproval: boolean;
}

export function PointMinutes(props: PointMinutesProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const { item, number } = props;
  return (
    <section className={styles.point} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {t("minutes.point.heading", { number, title: item.title })}
      </h3>
      <Text size={200}>
        {t(`minutes.kinds.${item.kind}`)}
        {item.initiative ? (
          <>
            {" · "}
            <Link href={hrefForInitiative(item.initiative.id)}>{item.initiative.title}</Link>
          </>
        ) : null}
      </Text>
      {props.editable ? <PointForm {...props} /> : <PointView {...props} />}
    </section>
  );
}

function PointView({ item, decision }: PointMinutesProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <>
      {item.minutesText.trim() ? (
        <Text as="p" className={styles.text}>
          {item.minutesText}
        </Text>
      ) : (
        <Text as="p" italic>
          {t("minutes.point.noMinutes")}
        </Text>
      )}
      {decision ? (
        <div>
          <Text weight="semibold" block>
            {t("minutes.point.decision")}
          </Text>
          <Text as="p" block className={styles.text}>
            {decision.text}
          </Text>
          {decision.carriedTo.length > 0 ? (
            <Text as="p" block>
              {t("minutes.point.carriedTo", {
                forums: decision.carriedTo.map((f) => t(`minutes.forums.${f}`)).join(", "),
              })}
            </Text>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function PointForm(props: PointMinutesProps) {
  const vocab = useVocabulary();
  const { t } = useTranslation();
  const styles = useStyles();
  const { item, meeting, initiative } = props;
  const isDecision = item.kind === "Beslutning";
  const [text, setText] = useState(item.minutesText);
  const [decisionText, setDecisionText] = useState(props.decision?.text ?? "");
  const [carriedTo, setCarriedTo] = useState<Forum[]>(props.decision?.carriedTo ?? []);
  const [phaseTo, setPhaseTo] = useState<Phase | "">("");
  const [saved, setSaved] = useState<PointMinutesSaved | null>(null);
  const save = useSavePoint();
  const confirm = useConfirmClear(props.clearsApproval);
  const targets = initiative ? allowedTargets(initiative.phase) : [];
  /** Moving the phase is recorded with the decision: it needs one. */
  const needsDecision = isDecision && phaseTo !== "" && decisionText.trim() === "";

  const submit = () => {
    setSaved(null);
    save.mutate(
      {
        meeting,
        item,
        minutesText: text,
        decision: isDecision ? { text: decisionText, carriedTo } : null,
        existingDecision: props.decision,
        phaseMove:
          isDecision && phaseTo !== "" ? { to: phaseTo, reason: decisionText.trim() } : null,
      },
      {
        onSuccess: (result) => {
          if (!result.ok) return;
          setSaved(result.value);
          if (result.value.phase?.ok) setPhaseTo("");
        },
      },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (needsDecision) return;
        confirm.run(submit);
      }}
      className={styles.form}
    >
      <Field label={t("minutes.point.minutes")}>
        <Textarea value={text} resize="vertical" rows={4} onChange={(_e, d) => setText(d.value)} />
      </Field>
      {isDecision ? (
        <>
          <Field
            label={t("minutes.point.decision")}
            hint={t("minutes.point.decisionHint")}
            {...(needsDecision
              ? {
                  validationState: "error" as const,
                  validationMessage: t("minutes.point.decisionForPhase"),
                }
              : {})}
          >
            <Textarea
              value={decisionText}
              resize="vertical"
              rows={3}
              onChange={(_e, d) => setDecisionText(d.value)}
            />
          </Field>
          <fieldset className={styles.forums}>
            <legend className={styles.legend}>{t("minutes.point.carriedToLegend")}</legend>
            {FORUMS.map((f) => (
              <Checkbox
                key={f}
                label={t(`minutes.forums.${f}`)}
                checked={carriedTo.includes(f)}
                onChange={(_e, d) =>
                  setCarriedTo((now) =>
                    d.checked === true
                      ? FORUMS.filter((x) => x === f || now.includes(x))
                      : now.filter((x) => x !== f),
                  )
                }
              />
            ))}
          </fieldset>
          {initiative && targets.length > 0 ? (
            <Field
              label={t("minutes.point.phase")}
              hint={t("minutes.point.phaseHint", { phase: vocab.phase(initiative.phase) })}
            >
              <Select value={phaseTo} onChange={(_e, d) => setPhaseTo(d.value as Phase | "")}>
                <option value="">{t("minutes.point.phaseNone")}</option>
                {targets.map((p) => (
                  <option key={p} value={p}>
                    {vocab.phase(p)}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
        </>
      ) : null}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={save.isPending}>
          {t("minutes.point.save")}
        </Button>
        <div role="status" aria-live="polite">
          {save.isPending ? (
            <Spinner size="tiny" label={t("minutes.point.saving")} />
          ) : saved ? (
            <Text>
              {saved.phase?.ok
                ? t("minutes.point.savedMoved", { phase: saved.phase.initiative.phase })
                : t("minutes.point.saved")}
            </Text>
          ) : null}
        </div>
      </div>
      {saved?.phase && !saved.phase.ok ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("minutes.point.phaseRefused")}</MessageBarTitle>
            {saved.phase.refusal.message}
            {saved.phase.refusal.kind === "gate" ? (
              <ul className={styles.list}>
                {saved.phase.refusal.missing.map((m, i) => (
                  <li key={`${m.field}:${m.code}:${i}`}>
                    <ProblemText problem={m} />
                  </li>
                ))}
              </ul>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <MutationProblem mutation={save} title={t("minutes.point.saveFailed")} />
      {confirm.dialog}
    </form>
  );
}
