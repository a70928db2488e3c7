import {
  commentSubject,
  countComments,
  deletedComment,
  editedComment,
  mayComment,
  mayDeleteComment,
  mayEditComment,
  newComment,
  threadComments,
} from "../../src/domain/comments.js";
import { type CommentId, idOf, versionOf } from "../../src/domain/ids.js";
import { type Comment, validateComment } from "../../src/domain/portfolio.js";
import type { Role } from "../../src/domain/roles.js";
import { aComment, aRef } from "../support/builders.js";
import { aClock, chair, me, member, owner, secretary } from "../support/builders-lifecycle.js";

function stored(id: number, o: Partial<Comment> = {}): Comment {
  return {
    ...aComment({ initiative: aRef(1) }),
    id: idOf<CommentId>(id),
    version: versionOf('"1"'),
    created: `2026-02-0${id}T08:00:00Z`,
    modified: `2026-02-0${id}T08:00:00Z`,
    createdBy: member,
    modifiedBy: member,
    ...o,
  };
}

describe("who takes part", () => {
  it.each<[Role[], boolean]>([
    [["member"], true],
    [["chair"], true],
    [["secretary"], true],
    [["contributor"], true],
    [["owner"], false],
    [[], false],
  ])("roles %j may comment: %s", (roles, may) => {
    expect(mayComment(me(member, ...roles))).toBe(may);
  });

  it.each([
    ["the author edits their own", member, ["member"], true, true],
    ["another member neither edits nor deletes", owner, ["member"], false, false],
    ["the chair cannot touch others' comments", chair, ["chair"], false, false],
    ["the secretary deletes any but edits only their own", secretary, ["secretary"], false, true],
  ] as const)("%s", (_name, person, roles, edit, del) => {
    const c = stored(1);
    expect(mayEditComment(c, me(person, ...roles))).toBe(edit);
    expect(mayDeleteComment(c, me(person, ...roles))).toBe(del);
  });

  it("a deleted comment can be neither edited nor deleted again", () => {
    const c = stored(1, { deleted: true, body: "" });
    expect(mayEditComment(c, me(member, "member"))).toBe(false);
    expect(mayDeleteComment(c, me(secretary, "secretary"))).toBe(false);
  });
});

describe("writing", () => {
  it("takes the subject from the first line of a new comment, shortened", () => {
    expect(commentSubject("\n  Første linje  \nAnden", null)).toBe("Første linje");
    expect(commentSubject("x".repeat(200), null)).toBe(`${"x".repeat(79)}…`);
  });

  it("names a reply after the comment it answers, without repeating Svar:", () => {
    expect(commentSubject("Enig", { title: "Foreningerne" })).toBe("Svar: Foreningerne");
    expect(commentSubject("Også enig", { title: "Svar: Foreningerne" })).toBe("Svar: Foreningerne");
  });

  it("a new reply refers to its parent and is neither edited nor deleted", () => {
    expect(newComment(aRef(1, "Booking"), "Ja", stored(4, { title: "Spørgsmål" }))).toEqual({
      title: "Svar: Spørgsmål",
      initiative: aRef(1, "Booking"),
      body: "Ja",
      replyTo: { id: 4, title: "Spørgsmål" },
      deleted: false,
      editedAt: null,
    });
  });

  it("editing marks the time from the clock and follows the text in the subject", () => {
    const e = editedComment(stored(1), "Ny tekst", aClock("2026-03-02T09:00:00Z"));
    expect(e).toMatchObject({
      body: "Ny tekst",
      title: "Ny tekst",
      editedAt: "2026-03-02T09:00:00.000Z",
    });
  });

  it("deleting wipes the text and keeps the item for its replies", () => {
    const d = deletedComment(stored(1, { body: "Hemmeligt" }));
    expect(d).toMatchObject({ id: 1, deleted: true, body: "", title: "Slettet kommentar" });
    expect(validateComment(d)).toEqual({ ok: true });
  });

  it("requires text unless the comment is deleted", () => {
    expect(validateComment(aComment({ body: "  " }))).toEqual({
      ok: false,
      problems: [
        {
          field: "body",
          code: "validation.required",
          params: { label: { code: "fields.comment.body" } },
        },
      ],
    });
    expect(validateComment(aComment({ editedAt: "i går" }))).toMatchObject({
      ok: false,
      problems: [{ field: "editedAt" }],
    });
  });
});

describe("threading", () => {
  const viewer = me(member, "member");

  it("shows top-level comments oldest first (newest last), replies under their parent", () => {
    const thread = threadComments(
      [stored(3, { replyTo: aRef(1) }), stored(2), stored(1), stored(4, { replyTo: aRef(1) })],
      viewer,
    );
    expect(thread.map((t) => [t.comment.id, t.replies.map((r) => r.comment.id)])).toEqual([
      [1, [3, 4]],
      [2, []],
    ]);
  });

  it("shows a reply to a reply one level deep under the root, saying whom it answers", () => {
    const thread = threadComments(
      [
        stored(1),
        stored(2, { replyTo: aRef(1), createdBy: owner }),
        stored(3, { replyTo: aRef(2) }),
      ],
      viewer,
    );
    expect(thread).toHaveLength(1);
    expect(thread[0]!.replies.map((r) => [r.comment.id, r.answers?.id ?? null])).toEqual([
      [2, null],
      [3, 2],
    ]);
  });

  it("shows a reply whose parent cannot be read at the top level", () => {
    const thread = threadComments([stored(2, { replyTo: aRef(9) })], viewer);
    expect(thread.map((t) => t.comment.id)).toEqual([2]);
  });

  it("marks edited and deleted comments, keeping a deleted one's replies in place", () => {
    const thread = threadComments(
      [
        stored(1, { deleted: true, body: "", editedAt: "2026-02-03T00:00:00Z" }),
        stored(2, { replyTo: aRef(1), editedAt: "2026-02-04T10:00:00Z" }),
      ],
      viewer,
    );
    expect(thread[0]).toMatchObject({ deleted: true, editedAt: null, mayEdit: false });
    expect(thread[0]!.replies[0]).toMatchObject({
      deleted: false,
      editedAt: "2026-02-04T10:00:00Z",
      mayEdit: true,
      mayDelete: true,
    });
    expect(countComments(thread)).toBe(1);
  });

  it("survives a loop of replies (bad data) without hanging", () => {
    const thread = threadComments(
      [stored(1, { replyTo: aRef(2) }), stored(2, { replyTo: aRef(1) })],
      viewer,
    );
    expect(
      thread.flatMap((t) => [t.comment.id, ...t.replies.map((r) => r.comment.id)]).sort(),
    ).toEqual([1, 2]);
  });
});
