/**
 * The comment thread of an initiative (issue 4 §3): who may take part, how comments are
 * threaded (newest last, replies one level deep under the comment they answer), and what
 * editing and deleting write. Deleting is soft: the item stays so its replies keep their
 * parent, its text is wiped, and the thread says the comment was deleted.
 *
 * The store enforces the same rights: the Comments list lets each writer edit only their own
 * items (WriteSecurity 2) and gives the secretariat the Edit level, which bypasses that.
 */
import type { Clock } from "./clock.js";
import type { IsoDateTime, Ref } from "./common.js";
import type { CommentId, InitiativeId } from "./ids.js";
import type { Comment, CommentDraft } from "./portfolio.js";
import type { Me } from "./roles.js";
import { TEXT_MAX } from "./validation.js";

/** Members, the chair, the secretary and contributors discuss; site owners as such do not. */
export function mayComment(me: Me): boolean {
  return (["member", "chair", "secretary", "contributor"] as const).some((r) =>
    me.roles.includes(r),
  );
}

export function isOwnComment(comment: Pick<Comment, "createdBy">, me: Me): boolean {
  return comment.createdBy !== null && comment.createdBy.id === me.person.id;
}

/** Only the author edits the text, and only while the comment exists. */
export function mayEditComment(comment: Pick<Comment, "createdBy" | "deleted">, me: Me): boolean {
  return !comment.deleted && isOwnComment(comment, me);
}

/** The author deletes their own comment; the secretary may delete any. */
export function mayDeleteComment(comment: Pick<Comment, "createdBy" | "deleted">, me: Me): boolean {
  return !comment.deleted && (isOwnComment(comment, me) || me.roles.includes("secretary"));
}

const SUBJECT_MAX = 80;

/**
 * The subject line stored with a comment (the list's Title, shown in SharePoint's own views):
 * the first line of the text, shortened; a reply is "Svar: <the parent's subject>".
 */
export function commentSubject(body: string, replyTo: Pick<Comment, "title"> | null): string {
  if (replyTo) {
    const subject = `Svar: ${replyTo.title.replace(/^(Svar: )+/, "")}`;
    return subject.length <= TEXT_MAX ? subject : `${subject.slice(0, TEXT_MAX - 1)}…`;
  }
  const firstLine =
    body
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "") ?? "";
  return firstLine.length <= SUBJECT_MAX ? firstLine : `${firstLine.slice(0, SUBJECT_MAX - 1)}…`;
}

/** A new comment on an initiative, or a reply to one of its comments. */
export function newComment(
  initiative: Ref<InitiativeId>,
  body: string,
  replyTo: Pick<Comment, "id" | "title"> | null,
): CommentDraft {
  return {
    title: commentSubject(body, replyTo),
    initiative,
    body,
    replyTo: replyTo ? { id: replyTo.id, title: replyTo.title } : null,
    deleted: false,
    editedAt: null,
  };
}

/** The comment with new text, marked as edited now. The subject follows a top-level text. */
export function editedComment(comment: Comment, body: string, clock: Clock): Comment {
  return {
    ...comment,
    body,
    title: comment.replyTo ? comment.title : commentSubject(body, null) || comment.title,
    editedAt: clock.now().toISOString(),
  };
}

/** The comment soft-deleted: text and subject wiped, the item kept for its replies. */
export function deletedComment(comment: Comment): Comment {
  return { ...comment, body: "", title: "Slettet kommentar", deleted: true };
}

export interface ThreadEntry {
  comment: Comment;
  /** When the text was last edited (null: never). */
  editedAt: IsoDateTime | null;
  deleted: boolean;
  /** For a reply to a reply: the comment it answers (shown as "svar til …"). */
  answers: Comment | null;
  mayEdit: boolean;
  mayDelete: boolean;
}

export interface ThreadItem extends ThreadEntry {
  /** Replies, oldest first; replies to replies are shown here too, one level deep. */
  replies: ThreadEntry[];
}

const byCreated = (a: Comment, b: Comment) =>
  Date.parse(a.created) - Date.parse(b.created) || a.id - b.id;

/**
 * The thread as shown: top-level comments oldest first (newest last), each with every comment
 * that answers it or one of its replies, oldest first. A reply whose parent is not among the
 * comments (not readable) is shown at the top level. A deleted comment keeps its place,
 * marked as deleted, so the conversation around it still reads in order.
 */
export function threadComments(comments: readonly Comment[], me: Me): ThreadItem[] {
  const byId = new Map<number, Comment>(comments.map((c) => [c.id, c]));
  const rootOf = (c: Comment): Comment => {
    const seen = new Set<number>();
    let at = c;
    while (at.replyTo && byId.has(at.replyTo.id) && !seen.has(at.id)) {
      seen.add(at.id);
      at = byId.get(at.replyTo.id)!;
    }
    return at;
  };
  const entry = (c: Comment, root: Comment | null): ThreadEntry => ({
    comment: c,
    editedAt: c.deleted ? null : c.editedAt,
    deleted: c.deleted,
    answers:
      root && c.replyTo && c.replyTo.id !== root.id ? (byId.get(c.replyTo.id) ?? null) : null,
    mayEdit: mayEditComment(c, me),
    mayDelete: mayDeleteComment(c, me),
  });
  const sorted = [...comments].sort(byCreated);
  const replies = new Map<CommentId, ThreadEntry[]>();
  const roots: Comment[] = [];
  for (const c of sorted) {
    const root = rootOf(c);
    if (root.id === c.id) {
      roots.push(c);
    } else {
      const list = replies.get(root.id) ?? [];
      list.push(entry(c, root));
      replies.set(root.id, list);
    }
  }
  return roots.map((c) => ({ ...entry(c, null), replies: replies.get(c.id) ?? [] }));
}

/** How many comments a thread shows as written (not deleted). */
export function countComments(thread: readonly ThreadItem[]): number {
  return thread.reduce(
    (n, t) => n + (t.deleted ? 0 : 1) + t.replies.filter((r) => !r.deleted).length,
    0,
  );
}
