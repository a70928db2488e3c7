/**
 * Ballots and roles through the adapter against the local SharePoint, provisioned from
 * lists-schema (Ballots: ReadSecurity = 2 and WriteSecurity = 2, BallotKey indexed but not
 * unique, which item-level security does not allow; see lists-schema/Ballots.json).
 *
 * - Item-level security: "Read items that were created by the user" / "Create items and edit
 *   items that were created by the user"; an item the user may not read is answered as missing
 *   (https://learn.microsoft.com/previous-versions/office/sharepoint-server/ms439413(v=office.15)).
 * - One ballot per member per round is decided when the ballots are read, from their authors
 *   (src/domain/tally.ts): the store takes a second one.
 * - Roles come from the user's site groups (`web/currentUser/groups`).
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import type { Ballot, Round } from "../../src/domain/prioritization.js";
import { ballotKey } from "../../src/domain/prioritization.js";
import { aBallot, aComment, anArea, anInitiative, aRound } from "../support/builders.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;

let sp: ProvisionedSp;
let chair: SharePointAdapters;
let alice: SharePointAdapters;
let bob: SharePointAdapters;
let alicePerson: Person;
let bobPerson: Person;
let round: Round;
let alicesBallot: Ballot;

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error("Expected the call to fail");
}

function ballotOf(voter: Person, comment = "") {
  return aBallot({
    title: `Stemmeseddel ${voter.name}`,
    round: { id: round.id, title: round.title },
    voter,
    ballotKey: ballotKey(round.id, voter.id),
    comment,
  });
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  chair = sp.adaptersFor(sp.users.chair);
  alice = sp.adaptersFor(sp.users.members[0]!);
  bob = sp.adaptersFor(sp.users.members[1]!);
  alicePerson = (await alice.currentUser.me()).person;
  bobPerson = (await bob.currentUser.me()).person;
  round = await chair.repositories.rounds.add(aRound({ candidates: [], state: "Kladde" }));
  alicesBallot = await alice.repositories.ballots.add(ballotOf(alicePerson, "Alice stemmer"));
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("ballots", () => {
  it("lets a member read back and change their own ballot", async () => {
    const mine = await alice.repositories.ballots.get(alicesBallot.id);
    expect(mine).toMatchObject({
      comment: "Alice stemmer",
      voter: { id: alicePerson.id },
      round: { id: round.id, title: round.title },
      payload: { entries: [{ rank: 1 }] },
    });
    const v = await alice.repositories.ballots.update({ ...mine, comment: "Ændret" });
    const again = await alice.repositories.ballots.get(alicesBallot.id);
    expect(again.comment).toBe("Ændret");
    expect(again.version).toBe(v);
  });

  it("stores a second ballot with the same key (no unique column), written by its author", async () => {
    const again = await alice.repositories.ballots.add(ballotOf(alicePerson, "Igen"));
    expect(again.createdBy?.id).toBe(alicePerson.id);
    const mine = await alice.repositories.ballots.list({ where: { round: round.id } });
    expect(mine.map((b) => b.ballotKey)).toEqual([alicesBallot.ballotKey, again.ballotKey]);
    await alice.repositories.ballots.remove(again.id, again.version);
  });

  it("hides one member's ballot from another, who can neither read nor change it", async () => {
    await bob.repositories.ballots.add(ballotOf(bobPerson, "Bob stemmer"));
    const seenByBob = await bob.repositories.ballots.list({ where: { round: round.id } });
    expect(seenByBob.map((b) => b.comment)).toEqual(["Bob stemmer"]);

    expect((await rejection(bob.repositories.ballots.get(alicesBallot.id))).kind).toBe("NotFound");
    const current = await alice.repositories.ballots.get(alicesBallot.id);
    const edit = await rejection(
      bob.repositories.ballots.update({ ...current, comment: "Bob var her" }),
    );
    expect(edit.kind).toBe("NotFound");
    const del = await rejection(bob.repositories.ballots.remove(current.id, current.version));
    expect(del.kind).toBe("NotFound");
    expect((await alice.repositories.ballots.get(alicesBallot.id)).comment).toBe(current.comment);
  });

  it("shows the secretariat and the chair every ballot (their level passes own-items security)", async () => {
    const secretary = sp.adaptersFor(sp.users.secretary);
    for (const who of [secretary, chair]) {
      const all = await who.repositories.ballots.list({ where: { round: round.id } });
      expect(all.map((b) => b.voter?.id).sort()).toEqual([alicePerson.id, bobPerson.id].sort());
    }
  });
});

describe("comments (everyone reads, each edits their own: WriteSecurity = 2)", () => {
  it("lets a member read another member's comment but refuses the edit as Forbidden", async () => {
    const secretary = sp.adaptersFor(sp.users.secretary);
    const area = await secretary.repositories.areas.add(anArea());
    const initiative = await secretary.repositories.initiatives.add(
      anInitiative({ area: { id: area.id, title: area.title } }),
    );
    const on = { id: initiative.id, title: initiative.title };
    const comment = await alice.repositories.comments.add(
      aComment({ initiative: on, body: "Hvem ejer driften?" }),
    );
    const seen = await bob.repositories.comments.get(comment.id);
    expect(seen.body).toBe("Hvem ejer driften?");
    const e = await rejection(bob.repositories.comments.update({ ...seen, body: "Ændret af Bob" }));
    expect(e.kind).toBe("Forbidden");
    expect((await alice.repositories.comments.get(comment.id)).body).toBe("Hvem ejer driften?");
  });
});

describe("roles from the site's groups", () => {
  it.each([
    ["owner", () => sp.users.owner, ["owner"]],
    ["chair", () => sp.users.chair, ["chair", "member"]],
    ["secretary", () => sp.users.secretary, ["secretary"]],
    ["member", () => sp.users.members[0]!, ["member"]],
    ["contributor", () => sp.users.contributors[0]!, ["contributor"]],
  ] as const)("gives the %s the right roles", async (_name, upn, roles) => {
    const me = await sp.adaptersFor(upn()).currentUser.me();
    expect([...me.roles].sort()).toEqual([...roles].sort());
    expect(me.person.email.toLowerCase()).toBe(upn().toLowerCase());
  });
});
