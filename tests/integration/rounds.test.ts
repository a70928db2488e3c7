/**
 * The priority-round use case against the local SharePoint (lists provisioned from
 * lists-schema): the chair opens a round; two members vote through `saveBallot`; a member's
 * second ballot is refused by the use case, which finds the member's own ballot by its author
 * (Conflict), and editing their own works; turnout (who has voted) as the site owner and the
 * chair read it (the Ballots list is "read own" for members; the chair and the secretary read
 * all); after the chair closes the round, the use case refuses a ballot. What holds against a
 * member writing to the list directly is in rounds-enforcement.test.ts.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import type { Round } from "../../src/domain/prioritization.js";
import type { Directory } from "../../src/ports/directory.js";
import * as rounds from "../../src/use-cases/rounds.js";
import { loadRoundPage } from "../../src/use-cases/rounds.js";
import { anArea, anInitiative, aSetting } from "../support/builders.js";
import { acceptedOnly, Refused } from "../support/outcome.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

// The use-cases expected to be accepted; a refusal rejects with its code (support/outcome.ts).
const closeRound = acceptedOnly(rounds.closeRound);
const loadTurnout = acceptedOnly(rounds.loadTurnout);
const openRound = acceptedOnly(rounds.openRound);
const saveBallot = acceptedOnly(rounds.saveBallot);

const SLOW = 60_000;
const clock = { now: () => new Date() };

let sp: ProvisionedSp;
let owner: SharePointAdapters;
let chair: SharePointAdapters;
let alice: SharePointAdapters;
let bob: SharePointAdapters;
let carl: Person;
let round: Round;
let directory: Directory;

const ports = (a: SharePointAdapters) => ({ ...a, clock, directory });

/** What stopped a call: the store's error (its kind) or the use-case's refusal (its code). */
async function rejection(
  p: Promise<unknown>,
): Promise<{ kind?: string; code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError || e instanceof Refused) return e;
    throw e;
  }
  throw new Error("Expected the call to fail");
}

async function vote(who: SharePointAdapters, first: number, second: number) {
  const page = await loadRoundPage(ports(who), round.id);
  return saveBallot(ports(who), {
    ...page,
    payload: {
      entries: [
        { candidate: idOf<InitiativeId>(first), rank: 1 },
        { candidate: idOf<InitiativeId>(second), rank: 2 },
      ],
    },
    comment: "",
    existing: null,
  });
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  owner = sp.adaptersFor(sp.users.owner);
  chair = sp.adaptersFor(sp.users.chair);
  alice = sp.adaptersFor(sp.users.members[0]!);
  bob = sp.adaptersFor(sp.users.members[1]!);
  carl = (await sp.adaptersFor(sp.users.members[2]!).currentUser.me()).person;
  const secretary = sp.adaptersFor(sp.users.secretary);
  const area = await secretary.repositories.areas.add(anArea());
  const [a, b] = await Promise.all(
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
  await secretary.repositories.settings.add(aSetting({ key: "committee.teamId", value: "team" }));
  const opened = await openRound(
    {
      ...ports(chair),
      channel: {
        post: () => Promise.reject(new Error("no channel is configured, nothing is posted")),
        list: () => Promise.resolve([]),
      },
    },
    {
      title: "Forår 2026",
      method: "Rangordning",
      candidates: [a!, b!].map((i) => ({ id: i.id, title: i.title })),
      opens: null,
      closes: null,
      resultsVisibility: "Efter lukning",
      weightSet: null,
      meeting: null,
      settings: {},
    },
    { link: (id) => `https://tab.example/#/prioritering/runder/${id}`, closesText: null },
  );
  expect(opened.notice).toEqual({ kind: "noChannel" });
  round = opened.round;
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

it("stores the round as Åben on the site", async () => {
  expect((await owner.repositories.rounds.get(round.id)).state).toBe("Åben");
});

it("takes one ballot per member: a second add is a Conflict, editing one's own works", async () => {
  const [c1, c2] = round.candidates.map((c) => c.id);
  const first = await vote(alice, c1!, c2!);
  expect(first.ballotKey).toBe(`${round.id}:${first.voter!.id}`);
  const second = await rejection(vote(alice, c2!, c1!));
  expect(second.code).toBe("rounds.problem.secondBallot");

  const page = await loadRoundPage(ports(alice), round.id);
  expect(page.myBallot?.id).toBe(first.id);
  await saveBallot(ports(alice), {
    ...page,
    payload: {
      entries: [
        { candidate: c2!, rank: 1 },
        { candidate: c1!, rank: 2 },
      ],
    },
    comment: "ændret",
    existing: page.myBallot,
  });
  const mine = await alice.repositories.ballots.list({ where: { round: round.id } });
  expect(mine).toHaveLength(1);
  expect(mine[0]!.payload.entries.map((e) => e.candidate)).toEqual([c2, c1]);
  await vote(bob, c1!, c2!);
});

it("turnout read by the site owner and by the chair names who has voted", async () => {
  const members = [alice, bob].map((a) => a.currentUser.me());
  const [alicePerson, bobPerson] = (await Promise.all(members)).map((m) => m.person);
  directory = {
    me: () => Promise.reject(new Error("unused")),
    findPeople: () => Promise.resolve([]),
    membersOf: (group) =>
      Promise.resolve(
        group === "team"
          ? [alicePerson!, bobPerson!, carl].map((p) => ({
              directoryId: String(p.id),
              name: p.name,
              email: p.email,
            }))
          : [],
      ),
  };
  for (const who of [owner, chair]) {
    const t = await loadTurnout(ports(who), round);
    expect(t.voted.map((p) => p.id).sort()).toEqual([alicePerson!.id, bobPerson!.id].sort());
    expect(t.notVoted.map((p) => p.id)).toEqual([carl.id]);
    expect(t.ballotsRead).toBe(2);
    expect(t.readsAll).toBe(true);
  }
});

it("after the chair closes the round, results appear and a ballot is refused", async () => {
  await closeRound(ports(chair), await chair.repositories.rounds.get(round.id));
  const ownerView = await loadRoundPage(ports(owner), round.id);
  expect(ownerView.round.state).toBe("Lukket");
  expect(ownerView.result?.ballotsCounted).toBe(2);
  // Carl did not vote: nothing is written for him at close.
  expect(ownerView.ballotsRead).toBe(2);
  const late = await rejection(
    vote(sp.adaptersFor(sp.users.members[2]!), round.candidates[0]!.id, round.candidates[1]!.id),
  );
  expect(late.code).toBe("rounds.problem.roundNotOpen");
});
