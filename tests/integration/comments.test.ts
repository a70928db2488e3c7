/**
 * The comment thread through the real SharePoint adapter against the local SharePoint,
 * provisioned from lists-schema: comments and replies, edit marking, soft delete keeping the
 * replies' parent, the store refusing a member's edit of another member's comment
 * (WriteSecurity 2) while the secretariat (Edit level) may delete any.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { threadComments } from "../../src/domain/comments.js";
import { StoreError } from "../../src/domain/errors.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import type { Me } from "../../src/domain/roles.js";
import {
  addComment,
  deleteComment,
  editComment,
  loadComments,
} from "../../src/use-cases/comments.js";
import { anArea, anInitiative } from "../support/builders.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const clock = { now: () => new Date("2026-03-02T09:00:00Z") };

let sp: ProvisionedSp;
let initiative: Initiative;

interface Actor {
  adapters: SharePointAdapters;
  me: Me;
  ports: {
    repositories: SharePointAdapters["repositories"];
    currentUser: { me(): Promise<Me> };
    clock: typeof clock;
  };
}

async function actor(upn: string, roles: Me["roles"]): Promise<Actor> {
  const adapters = sp.adaptersFor(upn);
  const person = await adapters.people.ensure(upn);
  const me: Me = { person, roles };
  return {
    adapters,
    me,
    ports: {
      repositories: adapters.repositories,
      currentUser: { me: () => Promise.resolve(me) },
      clock,
    },
  };
}

let secretary: Actor;
let anna: Actor;
let bo: Actor;

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = await actor(sp.users.secretary, ["secretary"]);
  anna = await actor(sp.users.members[0]!, ["member"]);
  bo = await actor(sp.users.members[1]!, ["member"]);
  const area = await secretary.adapters.repositories.areas.add(anArea({ title: "Social" }));
  initiative = await secretary.adapters.repositories.initiatives.add(
    anInitiative({ title: "Tale-til-tekst", area: { id: area.id, title: "" } }),
  );
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

function must<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!r.ok) throw new Error(`Refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe("comments through the SharePoint adapter", () => {
  it("stores comments and replies, edit marking and soft delete; replies keep their parent", async () => {
    const ref = { id: initiative.id, title: initiative.title };
    const question = must(
      await addComment(anna.ports, {
        initiative: ref,
        body: "Hvem ejer data?\nOg hvor længe?",
        replyTo: null,
      }),
    );
    const reply = must(
      await addComment(bo.ports, { initiative: ref, body: "Området gør.", replyTo: question }),
    );
    expect(reply.replyTo).toEqual({ id: question.id, title: "Hvem ejer data?" });

    const edited = must(await editComment(anna.ports, question, "Hvem ejer data? (rettet)"));
    expect(edited.version).not.toBe(question.version);

    must(await deleteComment(anna.ports, edited));

    const stored = await loadComments(bo.adapters.repositories, initiative.id);
    const thread = threadComments(stored, bo.me);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({
      deleted: true,
      comment: { id: question.id, body: "", deleted: true, editedAt: "2026-03-02T09:00:00Z" },
    });
    expect(thread[0]!.replies.map((r) => [r.comment.id, r.comment.body])).toEqual([
      [reply.id, "Området gør."],
    ]);
    expect(thread[0]!.comment.createdBy?.email.toLowerCase()).toBe(
      sp.users.members[0]!.toLowerCase(),
    );
  });

  it("a member cannot edit another member's comment: the store refuses it", async () => {
    const ref = { id: initiative.id, title: initiative.title };
    const annas = must(
      await addComment(anna.ports, { initiative: ref, body: "Annas tekst", replyTo: null }),
    );
    // Past the use case's own check, straight to the store, as a tampered client would.
    const error = await bo.adapters.repositories.comments
      .update({ ...annas, body: "Overskrevet af Bo" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe("Forbidden");
    // And the use case says no before trying.
    expect(await editComment(bo.ports, annas, "Igen")).toMatchObject({
      ok: false,
      error: { kind: "notPermitted" },
    });
    expect((await anna.adapters.repositories.comments.get(annas.id)).body).toBe("Annas tekst");
  });

  it("the secretary may delete anyone's comment", async () => {
    const ref = { id: initiative.id, title: initiative.title };
    const bos = must(
      await addComment(bo.ports, { initiative: ref, body: "Bos tekst", replyTo: null }),
    );
    must(await deleteComment(secretary.ports, bos));
    expect(await anna.adapters.repositories.comments.get(bos.id)).toMatchObject({
      deleted: true,
      body: "",
    });
  });
});
