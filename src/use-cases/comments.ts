/**
 * The comment thread of an initiative (issue 4 §3): reading it, writing a comment or a reply,
 * editing one's own text (marked as edited) and deleting (soft: the item stays for its
 * replies). The domain decides who may; the store enforces the same (own items only, the
 * secretariat beyond that), so a refusal here is the polite early answer, not the only guard.
 */
import type { Clock } from "../domain/clock.js";
import {
  deletedComment,
  editedComment,
  mayComment,
  mayDeleteComment,
  mayEditComment,
  newComment,
} from "../domain/comments.js";
import { err, ok, type Ref, type Result } from "../domain/common.js";
import type { InitiativeId } from "../domain/ids.js";
import { type Comment, validateComment } from "../domain/portfolio.js";
import type { FieldProblem } from "../domain/validation.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";

export interface CommentPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
}

export type CommentRefusal =
  { kind: "notPermitted"; message: string } | { kind: "invalid"; problems: FieldProblem[] };

/** Every comment on the initiative (filtered on the indexed lookup column). */
export function loadComments(repositories: Repositories, initiative: InitiativeId) {
  return repositories.comments.list({ where: { initiative } });
}

export async function addComment(
  ports: CommentPorts,
  request: {
    initiative: Ref<InitiativeId>;
    body: string;
    replyTo: Pick<Comment, "id" | "title"> | null;
  },
): Promise<Result<Comment, CommentRefusal>> {
  const me = await ports.currentUser.me();
  if (!mayComment(me)) {
    return err({
      kind: "notPermitted",
      message:
        "Kun styregruppens medlemmer, formanden, sekretariatet og forslagsstillere kan kommentere.",
    });
  }
  const draft = newComment(request.initiative, request.body.trim(), request.replyTo);
  const valid = validateComment(draft);
  if (!valid.ok) return err({ kind: "invalid", problems: valid.problems });
  return ok(await ports.repositories.comments.add(draft));
}

export async function editComment(
  ports: CommentPorts,
  comment: Comment,
  body: string,
): Promise<Result<Comment, CommentRefusal>> {
  const me = await ports.currentUser.me();
  if (!mayEditComment(comment, me)) {
    return err({ kind: "notPermitted", message: "Du kan kun redigere dine egne kommentarer." });
  }
  const edited = editedComment(comment, body.trim(), ports.clock);
  const valid = validateComment(edited);
  if (!valid.ok) return err({ kind: "invalid", problems: valid.problems });
  const version = await ports.repositories.comments.update(edited);
  return ok({ ...edited, version });
}

export async function deleteComment(
  ports: CommentPorts,
  comment: Comment,
): Promise<Result<Comment, CommentRefusal>> {
  const me = await ports.currentUser.me();
  if (!mayDeleteComment(comment, me)) {
    return err({
      kind: "notPermitted",
      message: "Du kan kun slette dine egne kommentarer; sekretariatet kan slette alle.",
    });
  }
  const deleted = deletedComment(comment);
  const version = await ports.repositories.comments.update(deleted);
  return ok({ ...deleted, version });
}
