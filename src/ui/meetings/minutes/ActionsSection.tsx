/**
 * The meeting's follow-up actions in the Referat tab: a list (task, owner, due date, the
 * decision it follows from) and, for the secretary, a form to add or change one (owner through
 * the people picker) and a button to remove one. Every change first asks when it clears the
 * chair's approval.
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  Select,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Person } from "../../../domain/common.js";
import type { Decision, FollowUpAction, Meeting } from "../../../domain/meetings.js";
import { ACTION_STATES, type ActionState } from "../../../domain/vocabulary.js";
import { Stack } from "../../components/Stack.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useVocabulary } from "../../components/vocabulary.js";
import { PersonPicker } from "../../intake/PersonPicker.js";
import { useRemoveAction, useSaveAction } from "../../queries/meetings.js";
import { MutationProblem } from "../MutationProblem.js";
import { useConfirmClear } from "./ConfirmClearDialog.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  form: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 16rem), 1fr))",
    gap: tokens.spacingHorizontalM,
    alignItems: "end",
  },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

export interface ActionsSectionProps {
  meeting: Meeting;
  actions: FollowUpAction[];
  decisions: Decision[];
  editable: boolean;
  /** Saving an edit clears the chair's approval (`editClearsApproval`): asked first. */
  clearsApproval: boolean;
}

/** yyyy-MM-dd of a stored due date (date-only, stored as midnight UTC). */
const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

export function ActionsSection(props: ActionsSectionProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const [editing, setEditing] = useState<FollowUpAction | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState("");
  const remove = useRemoveAction();
  const confirm = useConfirmClear(props.clearsApproval);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "da-DK", {
      dateStyle: "long",
      timeZone: "UTC",
    }).format(new Date(iso));

  return (
    <Stack as="section" gap="m" aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {t("minutes.actions.title")}
      </h3>
      {props.actions.length === 0 ? (
        <Text>{t("minutes.actions.none")}</Text>
      ) : (
        <ul className={styles.list} aria-labelledby={headingId}>
          {props.actions.map((a) => (
            <li key={a.id} className={styles.item}>
              <Text weight="semibold">{a.title}</Text>
              <Text>
                {t("minutes.actions.owner", { name: a.owner?.name ?? "–" })}
                {a.due ? ` · ${t("minutes.actions.due", { date: date(a.due) })}` : ""}
                {` · ${a.state}`}
                {a.decision
                  ? ` · ${t("minutes.actions.follows", { title: a.decision.title })}`
                  : ""}
              </Text>
              {props.editable ? (
                <>
                  <Button
                    size="small"
                    aria-label={t("minutes.actions.editNamed", { title: a.title })}
                    onClick={() => {
                      setEditing(a);
                      setFormKey((k) => k + 1);
                    }}
                  >
                    {t("minutes.actions.edit")}
                  </Button>
                  <Button
                    size="small"
                    aria-label={t("minutes.actions.removeNamed", { title: a.title })}
                    disabled={remove.isPending}
                    onClick={() =>
                      confirm.run(() =>
                        remove.mutate(
                          { meeting: props.meeting, action: a },
                          {
                            onSuccess: (r) => {
                              if (r.ok) setNotice(t("minutes.actions.removed", { title: a.title }));
                            },
                          },
                        ),
                      )
                    }
                  >
                    {t("minutes.actions.remove")}
                  </Button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <div role="status" aria-live="polite">
        {notice ? <Text>{notice}</Text> : null}
      </div>
      <MutationProblem mutation={remove} title={t("minutes.actions.removeFailed")} />
      {props.editable ? (
        <ActionForm
          key={formKey}
          meeting={props.meeting}
          decisions={props.decisions}
          existing={editing}
          clearsApproval={props.clearsApproval}
          onDone={(saved) => {
            if (saved) setNotice(t("minutes.actions.saved", { title: saved.title }));
            setEditing(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : null}
      {confirm.dialog}
    </Stack>
  );
}

function ActionForm(props: {
  meeting: Meeting;
  decisions: Decision[];
  existing: FollowUpAction | null;
  clearsApproval: boolean;
  /** Called with the saved action, or with nothing when editing was cancelled. */
  onDone: (saved?: FollowUpAction) => void;
}) {
  const vocab = useVocabulary();
  const { t } = useTranslation();
  const styles = useStyles();
  const ownerId = useId();
  const { existing } = props;
  const [title, setTitle] = useState(existing?.title ?? "");
  const [owner, setOwner] = useState<Person | null>(existing?.owner ?? null);
  const [ownerError, setOwnerError] = useState<unknown>(null);
  const [due, setDue] = useState(dayOf(existing?.due ?? null));
  const [state, setState] = useState<ActionState>(existing?.state ?? "Åben");
  const [decisionId, setDecisionId] = useState(
    existing?.decision ? String(existing.decision.id) : "",
  );
  const [tried, setTried] = useState(false);
  const save = useSaveAction();
  const confirm = useConfirmClear(props.clearsApproval);
  const titleMissing = title.trim() === "";
  const ownerMissing = owner === null;

  const submit = () =>
    save.mutate(
      {
        meeting: props.meeting,
        existing,
        action: {
          title,
          description: existing?.description ?? "",
          owner,
          due: due ? `${due}T00:00:00Z` : null,
          state,
          decision: props.decisions.find((d) => String(d.id) === decisionId) ?? null,
        },
      },
      { onSuccess: (result) => result.ok && props.onDone(result.value.action) },
    );

  return (
    <form
      noValidate
      aria-label={existing ? t("minutes.actions.editForm") : t("minutes.actions.addForm")}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (titleMissing || ownerMissing) return;
        confirm.run(submit);
      }}
    >
      <div className={styles.form}>
        <Field
          label={t("minutes.actions.task")}
          required
          {...(tried && titleMissing
            ? {
                validationState: "error" as const,
                validationMessage: t("minutes.actions.taskMissing"),
              }
            : {})}
        >
          <Input value={title} onChange={(_e, d) => setTitle(d.value)} />
        </Field>
        <Field
          label={t("minutes.actions.ownerLabel")}
          required
          {...(tried && ownerMissing
            ? {
                validationState: "error" as const,
                validationMessage: t("minutes.actions.ownerMissing"),
              }
            : {})}
        >
          <PersonPicker
            id={ownerId}
            value={owner}
            invalid={tried && ownerMissing}
            onChange={(p) => {
              setOwnerError(null);
              setOwner(p);
            }}
            onError={setOwnerError}
          />
        </Field>
        <Field label={t("minutes.actions.dueLabel")}>
          <Input type="date" value={due} onChange={(_e, d) => setDue(d.value)} />
        </Field>
        <Field label={t("minutes.actions.decision")}>
          <Select value={decisionId} onChange={(_e, d) => setDecisionId(d.value)}>
            <option value="">{t("minutes.actions.noDecision")}</option>
            {props.decisions.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.title}
              </option>
            ))}
          </Select>
        </Field>
        {existing ? (
          <Field label={t("minutes.actions.state")}>
            <Select value={state} onChange={(_e, d) => setState(d.value as ActionState)}>
              {ACTION_STATES.map((s) => (
                <option key={s} value={s}>
                  {vocab.actionState(s)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={save.isPending}>
          {existing ? t("minutes.actions.save") : t("minutes.actions.add")}
        </Button>
        {existing ? (
          <Button onClick={() => props.onDone()}>{t("minutes.actions.cancel")}</Button>
        ) : null}
        <div role="status" aria-live="polite">
          {save.isPending ? <Spinner size="tiny" label={t("minutes.actions.saving")} /> : null}
        </div>
      </div>
      {ownerError ? (
        <StoreErrorMessage error={ownerError} title={t("minutes.actions.ownerFailed")} />
      ) : null}
      <MutationProblem mutation={save} title={t("minutes.actions.saveFailed")} />
      {confirm.dialog}
    </form>
  );
}
