/**
 * The discussion of an initiative (issue 4 §3): members, the chair, the secretary and
 * proposers write comments and replies (one level, under the comment answered), newest last,
 * each with its author and time; the author edits (marked "redigeret" with the time) or deletes
 * their own, the secretary may delete any. A deleted comment keeps its place: "Kommentaren er
 * slettet". What people type is rendered as text, never as HTML.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useId, useState } from "react";

import { mayComment, threadComments, type ThreadEntry } from "../../domain/comments.js";
import type { Result } from "../../domain/common.js";
import type { Comment, Initiative } from "../../domain/portfolio.js";
import type { Me } from "../../domain/roles.js";
import type { CommentRefusal } from "../../use-cases/comments.js";
import { useProblemText } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { type CommentAction, useCommentAction } from "../queries/initiative.js";
import { Section } from "./Sections.js";
import { useComments, useInitiativeFormat } from "./useInitiative.js";

const useStyles = makeStyles({
  thread: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  replies: {
    listStyleType: "none",
    margin: 0,
    marginTop: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalXL,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  comment: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  meta: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  body: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0 },
  deleted: { fontStyle: "italic", color: tokens.colorNeutralForeground2, margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

type Action = CommentAction;

export function CommentThread({ initiative, me }: { initiative: Initiative; me: Me }) {
  const { t } = useInitiativeFormat();
  const problemText = useProblemText();
  const styles = useStyles();
  const comments = useComments(initiative.id);
  const [replyingTo, setReplyingTo] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const [announce, setAnnounce] = useState("");
  const [refusal, setRefusal] = useState<CommentRefusal | null>(null);
  const [draft, setDraft] = useState("");

  const commentAction = useCommentAction(initiative);
  const mutation = commentAction;
  const onDone = (result: Result<Comment, CommentRefusal>, action: Action) => {
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    setRefusal(null);
    if (action.kind === "add") {
      if (action.replyTo) setReplyingTo(null);
      else setDraft("");
    }
    if (action.kind === "edit") setEditing(null);
    if (action.kind === "delete") setDeleting(null);
    setAnnounce(t(`initiative.comments.done.${action.kind}`));
  };
  const run = (action: Action) => {
    setAnnounce("");
    return mutation.mutateAsync(action).then(
      (r) => {
        onDone(r, action);
        return r.ok;
      },
      () => false,
    );
  };

  const canComment = mayComment(me);
  const thread = comments.data ? threadComments(comments.data, me) : [];

  const entry = (e: ThreadEntry, isReply: boolean) => (
    <CommentEntry
      entry={e}
      isReply={isReply}
      canReply={canComment}
      busy={mutation.isPending}
      replying={replyingTo === e.comment.id}
      editing={editing === e.comment.id}
      onReply={() => {
        setEditing(null);
        setReplyingTo(e.comment.id);
      }}
      onEdit={() => {
        setReplyingTo(null);
        setEditing(e.comment.id);
      }}
      onDelete={() => setDeleting(e.comment)}
      onCancel={() => {
        setReplyingTo(null);
        setEditing(null);
      }}
      onSendReply={(body) => run({ kind: "add", body, replyTo: e.comment })}
      onSaveEdit={(body) => run({ kind: "edit", comment: e.comment, body })}
    />
  );

  return (
    <Section title={t("initiative.sections.comments")}>
      {comments.isPending ? (
        <Spinner size="small" label={t("initiative.comments.loading")} />
      ) : comments.isError ? (
        <StoreErrorMessage
          title={t("initiative.comments.loadFailed")}
          error={comments.error}
          onRetry={() => void comments.refetch()}
        />
      ) : thread.length === 0 ? (
        <Text as="p">{t("initiative.comments.none")}</Text>
      ) : (
        <ol className={styles.thread} aria-label={t("initiative.sections.comments")}>
          {thread.map((item) => (
            <li key={item.comment.id}>
              {entry(item, false)}
              {item.replies.length > 0 ? (
                <ol
                  className={styles.replies}
                  aria-label={t("initiative.comments.repliesTo", {
                    who: item.comment.createdBy?.name ?? t("initiative.unknownPerson"),
                  })}
                >
                  {item.replies.map((r) => (
                    <li key={r.comment.id}>{entry(r, true)}</li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {refusal ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {refusal.kind === "notPermitted"
              ? refusal.message
              : refusal.problems.map((p) => problemText(p)).join(" ")}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {mutation.isError ? (
        <StoreErrorMessage title={t("initiative.comments.failed")} error={mutation.error} />
      ) : null}
      {canComment ? (
        <CommentForm
          label={t("initiative.comments.new")}
          submit={t("initiative.comments.add")}
          value={draft}
          onChange={setDraft}
          busy={mutation.isPending}
          onSubmit={(body) => run({ kind: "add", body, replyTo: null })}
        />
      ) : (
        <Text as="p">{t("initiative.comments.readOnly")}</Text>
      )}
      <div role="status" aria-live="polite">
        {announce ? <Text>{announce}</Text> : null}
      </div>
      {deleting ? (
        <Dialog open modalType="alert" onOpenChange={(_e, d) => !d.open && setDeleting(null)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{t("initiative.comments.deleteTitle")}</DialogTitle>
              <DialogContent>{t("initiative.comments.deleteBody")}</DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  disabled={mutation.isPending}
                  onClick={() => void run({ kind: "delete", comment: deleting })}
                >
                  {t("initiative.comments.delete")}
                </Button>
                <Button disabled={mutation.isPending} onClick={() => setDeleting(null)}>
                  {t("initiative.form.cancel")}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      ) : null}
    </Section>
  );
}

function CommentEntry(props: {
  entry: ThreadEntry;
  isReply: boolean;
  canReply: boolean;
  busy: boolean;
  replying: boolean;
  editing: boolean;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onCancel: () => void;
  onSendReply: (body: string) => Promise<boolean>;
  onSaveEdit: (body: string) => Promise<boolean>;
}) {
  const { t, dateTime } = useInitiativeFormat();
  const styles = useStyles();
  const { entry } = props;
  const c = entry.comment;
  const author = c.createdBy?.name ?? t("initiative.unknownPerson");
  const [reply, setReply] = useState("");
  const [edit, setEdit] = useState(c.body);
  return (
    <article
      className={styles.comment}
      aria-label={t(props.isReply ? "initiative.comments.replyBy" : "initiative.comments.by", {
        who: author,
      })}
      data-comment-id={c.id}
    >
      <div className={styles.meta}>
        <Text weight="semibold">{author}</Text>
        <Text className={styles.muted}>
          <time dateTime={c.created}>{dateTime(c.created)}</time>
        </Text>
        {entry.answers ? (
          <Text className={styles.muted}>
            {t("initiative.comments.answers", {
              who: entry.answers.createdBy?.name ?? t("initiative.unknownPerson"),
            })}
          </Text>
        ) : null}
        {entry.editedAt ? (
          <Text className={styles.muted}>
            {t("initiative.comments.edited", { when: dateTime(entry.editedAt) })}
          </Text>
        ) : null}
      </div>
      {entry.deleted ? (
        <p className={styles.deleted}>{t("initiative.comments.deleted")}</p>
      ) : props.editing ? (
        <CommentForm
          label={t("initiative.comments.editLabel")}
          submit={t("initiative.comments.save")}
          value={edit}
          onChange={setEdit}
          busy={props.busy}
          onSubmit={props.onSaveEdit}
          onCancel={props.onCancel}
        />
      ) : (
        <p className={styles.body}>{c.body}</p>
      )}
      {!entry.deleted && !props.editing ? (
        <div className={styles.actions}>
          {props.canReply ? (
            <Button size="small" appearance="subtle" onClick={props.onReply}>
              {t("initiative.comments.reply")}
            </Button>
          ) : null}
          {entry.mayEdit ? (
            <Button
              size="small"
              appearance="subtle"
              onClick={() => {
                setEdit(c.body);
                props.onEdit();
              }}
            >
              {t("initiative.comments.edit")}
            </Button>
          ) : null}
          {entry.mayDelete ? (
            <Button size="small" appearance="subtle" onClick={props.onDelete}>
              {t("initiative.comments.delete")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {props.replying ? (
        <CommentForm
          label={t("initiative.comments.replyLabel", { who: author })}
          submit={t("initiative.comments.sendReply")}
          value={reply}
          onChange={setReply}
          busy={props.busy}
          onSubmit={async (body) => {
            const ok = await props.onSendReply(body);
            if (ok) setReply("");
            return ok;
          }}
          onCancel={props.onCancel}
        />
      ) : null}
    </article>
  );
}

function CommentForm(props: {
  label: string;
  submit: string;
  value: string;
  onChange: (v: string) => void;
  busy: boolean;
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { t } = useInitiativeFormat();
  const styles = useStyles();
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (props.value.trim() !== "") void props.onSubmit(props.value);
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby={`${id}-label`}>
      <Field label={{ children: props.label, id: `${id}-label` }}>
        <Textarea
          value={props.value}
          resize="vertical"
          onChange={(_e, d) => props.onChange(d.value)}
        />
      </Field>
      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          disabled={props.busy || props.value.trim() === ""}
        >
          {props.submit}
        </Button>
        {props.onCancel ? (
          <Button onClick={props.onCancel} disabled={props.busy}>
            {t("initiative.form.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
