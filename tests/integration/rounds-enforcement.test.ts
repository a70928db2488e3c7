/**
 * Ballots enforced by the store (issue 5 §2), against the local SharePoint provisioned from
 * lists-schema, with real tokens for members, the chair and the secretary:
 * - a member's ballot is editable while the round is open;
 * - the chair and the secretary read every ballot (Full Control of the Ballots list bypasses its
 *   own-items security), so turnout and the tally are complete; a member reads only their own;
 * - closing the round (the use case, as the chair) locks every ballot on the server: the
 *   member's own update through the repository (not the app) is refused with Forbidden by
 *   SharePoint, a non-voter's new ballot meets their "Ikke afgivet" ballot's unique key, and the
 *   member still reads their own ballot;
 * - a ballot the chair edits after close is flagged "changed" and left out of the tally;
 * - the close stores the result on the round (aggregates only): a member reads it after close,
 *   though they read only their own ballot; closing again recomputes it;
 * - the voters are the team's people in Medlemmer or Formand, read from the site groups: the
 *   secretary, in the team too, is not among the not-voted and gets no "Ikke afgivet" ballot;
 * - an interrupted close is finished by closing again;
 * - a site provisioned with the old Ballots permissions gets the new ones when provisioned again.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import { type InitiativeId } from "../../src/domain/ids.js";
import { type Ballot, ballotKey, type Round } from "../../src/domain/prioritization.js";
import { isNotCastBallot } from "../../src/domain/tally.js";
import { ROLE } from "../../src/emulator/sharepoint/model.js";
import { devAdminTokenProvider } from "../../src/host/dev-token.js";
import type { Directory } from "../../src/ports/directory.js";
import { provisionSite } from "../../src/provisioning/index.js";
import {
  closeRound,
  isRoundClosedError,
  loadRoundPage,
  loadTurnout,
  openRound,
  saveBallot,
} from "../../src/use-cases/rounds.js";
import { anArea, anInitiative, aSetting } from "../support/builders.js";
import { devToken } from "../support/m365.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const clock = { now: () => new Date() };

let sp: ProvisionedSp;
let owner: SharePointAdapters;
let chair: SharePointAdapters;
let secretary: SharePointAdapters;
let alice: SharePointAdapters;
let bob: SharePointAdapters;
let carl: SharePointAdapters;
let people: Record<"alice" | "bob" | "carl" | "chair" | "secretary", Person>;
let directory: Directory;
let candidates: { id: InitiativeId; title: string }[];

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error("Expected the call to fail");
}

/** The ports of the use cases for one user: SharePoint, the fake team, a clock. */
const ports = (a: SharePointAdapters) => ({ ...a, clock, directory });

async function openARound(title: string): Promise<Round> {
  const opened = await openRound(
    {
      ...ports(chair),
      channel: {
        post: () => Promise.reject(new Error("no channel is configured, nothing is posted")),
        list: () => Promise.resolve([]),
      },
    },
    {
      title,
      method: "Rangordning",
      candidates,
      opens: null,
      closes: null,
      resultsVisibility: "Efter lukning",
      weightSet: null,
      meeting: null,
      settings: {},
    },
    { link: (id) => `https://tab.example/#/prioritering/runder/${id}`, closesText: null },
  );
  return opened.round;
}

async function vote(who: SharePointAdapters, round: Round, first: 0 | 1): Promise<Ballot> {
  const page = await loadRoundPage(ports(who), round.id);
  const [a, b] = first === 0 ? candidates : [...candidates].reverse();
  return saveBallot(ports(who), {
    ...page,
    payload: {
      entries: [
        { candidate: a!.id, rank: 1 },
        { candidate: b!.id, rank: 2 },
      ],
    },
    comment: "",
    existing: null,
  });
}

/** The role assignments of one ballot, as the site owner reads them over REST. */
async function assignmentsOf(id: number): Promise<Record<string, string[]>> {
  const res = await fetch(
    `${sp.siteUrl}/_api/web/lists/getByTitle('Stemmesedler')/items(${id})/roleassignments?$expand=Member,RoleDefinitionBindings`,
    {
      headers: {
        Accept: "application/json;odata=nometadata",
        Authorization: devToken(sp.users.owner),
      },
    },
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    value: { Member: { Title: string }; RoleDefinitionBindings: { Name: string }[] }[];
  };
  return Object.fromEntries(
    body.value.map((a) => [a.Member.Title, a.RoleDefinitionBindings.map((r) => r.Name)]),
  );
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  owner = sp.adaptersFor(sp.users.owner);
  chair = sp.adaptersFor(sp.users.chair);
  secretary = sp.adaptersFor(sp.users.secretary);
  alice = sp.adaptersFor(sp.users.members[0]!);
  bob = sp.adaptersFor(sp.users.members[1]!);
  carl = sp.adaptersFor(sp.users.members[2]!);
  const [a, b, c, ch, se] = await Promise.all(
    [alice, bob, carl, chair, secretary].map(async (x) => (await x.currentUser.me()).person),
  );
  people = { alice: a!, bob: b!, carl: c!, chair: ch!, secretary: se! };
  // The committee's team: three members, the chair and the secretary (as the directory lists
  // them); the secretary is in the site group Sekretariat only, so not a voter.
  directory = {
    me: () => Promise.reject(new Error("unused")),
    findPeople: () => Promise.resolve([]),
    membersOf: (group) =>
      Promise.resolve(
        group === "team"
          ? [a!, b!, c!, ch!, se!].map((p) => ({
              directoryId: String(p.id),
              name: p.name,
              email: p.email,
            }))
          : [],
      ),
  };
  const area = await secretary.repositories.areas.add(anArea());
  const added = await Promise.all(
    ["Digital post", "Chatbot"].map((title) =>
      secretary.repositories.initiatives.add(
        anInitiative({
          title,
          phase: "Klar til prioritering",
          area: { id: area.id, title: area.title },
        }),
      ),
    ),
  );
  candidates = added.map((i) => ({ id: i.id, title: i.title }));
  await secretary.repositories.settings.add(aSetting({ key: "committee.teamId", value: "team" }));
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("one round, open then closed", () => {
  let round: Round;
  let alicesBallot: Ballot;

  beforeAll(async () => {
    round = await openARound("Forår 2026");
  }, SLOW);

  it("the site groups Medlemmer and Formand are read through SitePeople.groupMembers", async () => {
    for (const who of [chair, alice]) {
      const members = await who.people.groupMembers!("Medlemmer");
      expect(members.map((p) => p.id)).toEqual(
        expect.arrayContaining([people.alice.id, people.bob.id, people.carl.id]),
      );
      expect(members.map((p) => p.id)).not.toContain(people.secretary.id);
      expect((await who.people.groupMembers!("Formand")).map((p) => p.id)).toContain(
        people.chair.id,
      );
    }
    expect((await rejection(chair.people.groupMembers!("Ingen sådan gruppe"))).kind).toBe(
      "NotFound",
    );
  });

  it("a member's ballot is editable while the round is open", async () => {
    alicesBallot = await vote(alice, round, 0);
    const mine = await alice.repositories.ballots.get(alicesBallot.id);
    const v = await alice.repositories.ballots.update({ ...mine, comment: "Ændret" });
    alicesBallot = await alice.repositories.ballots.get(alicesBallot.id);
    expect(alicesBallot).toMatchObject({ comment: "Ændret", version: v });
    await vote(bob, round, 1);
  });

  it("the chair and the secretary read every ballot, so turnout is complete; a member reads only their own", async () => {
    for (const who of [chair, secretary]) {
      const t = await loadTurnout(ports(who), round);
      expect(t.readsAll).toBe(true);
      expect(t.ballotsRead).toBe(2);
      expect(t.voted.map((p) => p.id).sort()).toEqual([people.alice.id, people.bob.id].sort());
      expect(t.notVoted.map((p) => p.id).sort()).toEqual([people.carl.id, people.chair.id].sort());
      // The secretary is in the team but is not a voter.
      expect([...t.voted, ...t.notVoted].map((p) => p.id)).not.toContain(people.secretary.id);
    }
    const asAlice = await alice.repositories.ballots.list({ where: { round: round.id } });
    expect(asAlice.map((b) => b.id)).toEqual([alicesBallot.id]);
    expect((await loadTurnout(ports(alice), round)).readsAll).toBe(false);
  });

  it("after the chair closes the round, SharePoint refuses the member's update with Forbidden", async () => {
    const outcome = await closeRound(ports(chair), round);
    expect(outcome.membersError).toBeNull();
    expect(outcome.notCast.map((p) => p.id).sort()).toEqual(
      [people.carl.id, people.chair.id].sort(),
    );
    expect(outcome.locked).toBe(4);
    // No "Ikke afgivet" ballot for the secretary, who is not a voter.
    const all = await chair.repositories.ballots.list({ where: { round: round.id } });
    expect(all.map((b) => b.voter?.id)).not.toContain(people.secretary.id);
    expect(outcome.stored).toMatchObject({
      ballotsCounted: 2,
      flagged: 0,
      turnout: { voters: 4, voted: 2, notVoted: 2 },
    });

    // Straight to the repository, past the app's own check.
    const mine = await alice.repositories.ballots.get(alicesBallot.id);
    const update = await rejection(
      alice.repositories.ballots.update({ ...mine, comment: "Efter lukning" }),
    );
    expect(update.kind).toBe("Forbidden");
    const remove = await rejection(alice.repositories.ballots.remove(mine.id, mine.version));
    expect(remove.kind).toBe("Forbidden");
    expect((await owner.repositories.ballots.get(alicesBallot.id)).comment).toBe("Ændret");
  });

  it("the member still reads their own ballot, and only that", async () => {
    expect((await alice.repositories.ballots.get(alicesBallot.id)).comment).toBe("Ændret");
    const asAlice = await alice.repositories.ballots.list({ where: { round: round.id } });
    expect(asAlice.map((b) => b.id)).toEqual([alicesBallot.id]);
    expect(await assignmentsOf(alicesBallot.id)).toEqual({
      Ejere: ["Full Control"],
      Formand: ["Full Control"],
      Sekretariat: ["Full Control"],
      [people.alice.name]: ["Read"],
    });
  });

  it("a member reads the stored result after the chair closes, though they read only their own ballot", async () => {
    for (const [who, own] of [
      [alice, 1],
      // Carl's «Ikke afgivet» ballot was written by the chair: he reads none.
      [carl, 0],
    ] as const) {
      const page = await loadRoundPage(ports(who), round.id);
      expect(page.readsAll).toBe(false);
      expect(page.ballotsRead).toBe(own);
      expect(page.resultSource).toBe("stored");
      expect(page.result?.ballotsCounted).toBe(2);
      expect(page.result?.candidates.map((c) => [c.value, c.place])).toEqual([
        [1, 1],
        [1, 1],
      ]);
      expect(page.storedResult?.turnout).toEqual({ voters: 4, voted: 2, notVoted: 2 });
      expect(page.memberBallots).toBeNull();
    }
    // What the member reads on the round holds no one's ballot or name.
    const json = (await alice.repositories.rounds.get(round.id)).resultJson ?? "";
    expect(json).not.toBe("");
    for (const p of Object.values(people)) {
      expect(json).not.toContain(p.name);
      expect(json).not.toContain(p.email);
    }
    expect(json).not.toMatch(/"voter"|"entries"|"rank"|"payload"/);
  });

  it("a member who did not vote cannot add a ballot after close: the server's unique key refuses it", async () => {
    const direct = await rejection(
      carl.repositories.ballots.add({
        title: "For sent",
        round: { id: round.id, title: round.title },
        ballotKey: ballotKey(round.id, people.carl.id),
        voter: people.carl,
        payload: { entries: [{ candidate: candidates[0]!.id, rank: 1 }] },
        comment: "",
      }),
    );
    expect(direct.kind).toBe("Conflict");
    expect(direct.details.field).toBe("ballotKey");

    // Through the app with a page read before the close: told the round is closed.
    const stale = { ...(await loadRoundPage(ports(carl), round.id)), round };
    const viaApp = await rejection(
      saveBallot(ports(carl), {
        ...stale,
        payload: { entries: [{ candidate: candidates[0]!.id, rank: 1 }] },
        comment: "",
        existing: null,
      }),
    );
    expect(isRoundClosedError(viaApp)).toBe(true);
    expect(viaApp.message).toMatch(/Runden er lukket/);
  });

  it("the secretary and the chair read all ballots and the tally is complete", async () => {
    for (const who of [secretary, chair]) {
      const all = await who.repositories.ballots.list({ where: { round: round.id } });
      expect(all).toHaveLength(4);
      expect(
        all
          .filter(isNotCastBallot)
          .map((b) => b.voter?.id)
          .sort(),
      ).toEqual([people.carl.id, people.chair.id].sort());
      const page = await loadRoundPage(ports(who), round.id);
      expect(page.readsAll).toBe(true);
      expect(page.irregular).toEqual([]);
      expect(page.result?.ballotsCounted).toBe(2);
      expect(page.result?.candidates.map((c) => c.value)).toEqual([1, 1]);
      const t = await loadTurnout(ports(who), round);
      expect(t.voted.map((p) => p.id).sort()).toEqual([people.alice.id, people.bob.id].sort());
      expect(t.unsettled).toEqual([]);
    }
    const chairPage = await loadRoundPage(ports(chair), round.id);
    expect(chairPage.memberBallots).toHaveLength(4);
  });

  it("a ballot edited by the chair after close is flagged and left out of the tally", async () => {
    const current = await chair.repositories.ballots.get(alicesBallot.id);
    await chair.repositories.ballots.update({
      ...current,
      payload: { entries: [{ candidate: candidates[1]!.id, rank: 1 }] },
    });
    const page = await loadRoundPage(ports(chair), round.id);
    expect(page.irregular.map((i) => [i.ballot.id, i.standing])).toEqual([
      [alicesBallot.id, "changed"],
    ]);
    expect(page.irregular[0]!.ballot.modifiedBy?.id).toBe(people.chair.id);
    expect(page.result?.ballotsCounted).toBe(1);
    const alicesView = await loadRoundPage(ports(alice), round.id);
    expect(alicesView.myBallotChanged).toBe(true);
    // She voted; someone else changed it afterwards.
    const t = await loadTurnout(ports(secretary), round);
    expect(t.voted.map((p) => p.id)).toContain(people.alice.id);
    // Members read the result stored at the close until it is closed again.
    expect((await loadRoundPage(ports(bob), round.id)).result?.ballotsCounted).toBe(2);
  });

  it("closing again recomputes the stored result: the changed ballot is left out", async () => {
    const before = (await loadRoundPage(ports(bob), round.id)).storedResult!;
    const again = await closeRound(ports(secretary), round);
    expect(again.notCast).toEqual([]);
    expect(again.stored).toMatchObject({
      ballotsCounted: 1,
      flagged: 1,
      closedAt: before.closedAt,
    });
    const bobs = await loadRoundPage(ports(bob), round.id);
    expect(bobs.resultSource).toBe("stored");
    expect(bobs.result?.ballotsCounted).toBe(1);
    expect(bobs.storedResult?.flagged).toBe(1);
  });
});

it(
  "an interrupted close is finished by closing again",
  async () => {
    const round = await openARound("Efterår 2026");
    const ballot = await vote(alice, round, 0);
    // One refused permission change, with no retries, stops the close half-way.
    await sp.queueFault({
      status: 503,
      match: "breakroleinheritance",
      method: "POST",
      count: 1,
    });
    const impatient = sp.adaptersFor(sp.users.chair, { retry: { retries: 0 } });
    const failed = await rejection(closeRound(ports(impatient), round));
    expect(failed.kind).toBe("Unavailable");
    expect((await owner.repositories.rounds.get(round.id)).state).toBe("Lukket");

    // The secretary finishes it: nothing is added twice, every ballot ends up locked.
    const again = await closeRound(ports(secretary), round);
    expect(again.notCast).toEqual([]);
    expect(again.locked).toBe(4);
    const all = await secretary.repositories.ballots.list({ where: { round: round.id } });
    expect(all).toHaveLength(4);
    for (const b of all) {
      const a = await assignmentsOf(b.id);
      expect(Object.keys(a).sort()).toEqual(
        ["Ejere", "Formand", "Sekretariat", b.voter!.name].sort(),
      );
    }
    const mine = await alice.repositories.ballots.get(ballot.id);
    expect(
      (await rejection(alice.repositories.ballots.update({ ...mine, comment: "x" }))).kind,
    ).toBe("Forbidden");
  },
  SLOW,
);

it(
  "a site provisioned with the old Ballots permissions gets the new ones when provisioned again",
  async () => {
    const call = (path: string) =>
      fetch(`${sp.siteUrl}/_api/${path}`, {
        method: "POST",
        headers: { Accept: "application/json", Authorization: devToken(sp.users.owner) },
      });
    const groups = (await (
      await fetch(`${sp.siteUrl}/_api/web/sitegroups?$select=Id,Title`, {
        headers: {
          Accept: "application/json;odata=nometadata",
          Authorization: devToken(sp.users.owner),
        },
      })
    ).json()) as { value: { Id: number; Title: string }[] };
    const id = (t: string) => groups.value.find((g) => g.Title === t)!.Id;
    const list = "web/lists/getByTitle('Stemmesedler')/roleassignments";
    // As lists-schema had it: Sekretariat Read, Formand Contribute.
    for (const [group, from, to] of [
      ["Formand", ROLE.FullControl, ROLE.Contribute],
      ["Sekretariat", ROLE.FullControl, ROLE.Read],
    ] as const) {
      expect(
        (await call(`${list}/removeroleassignment(principalid=${id(group)},roledefid=${from})`))
          .status,
      ).toBe(200);
      expect(
        (await call(`${list}/addroleassignment(principalid=${id(group)},roledefid=${to})`)).status,
      ).toBe(200);
    }

    const repair = await provisionSite({
      siteUrl: sp.siteUrl,
      tokenProvider: devAdminTokenProvider(sp.users.owner),
      log: () => undefined,
    });
    const ballots = repair.lists.find((l) => l.list === "Ballots")!;
    expect([...ballots.permissions].sort()).toEqual(
      [
        "Formand: Contribute fjernet",
        "Formand: Full Control",
        "Sekretariat: Full Control",
        "Sekretariat: Read fjernet",
      ].sort(),
    );
    // The secretary reads every ballot again.
    const all = await secretary.repositories.ballots.list();
    expect(all.length).toBeGreaterThanOrEqual(8);
  },
  SLOW,
);
