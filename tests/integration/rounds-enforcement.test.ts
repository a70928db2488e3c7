/**
 * Priority rounds and criteria weights against the local SharePoint provisioned from
 * lists-schema, with real tokens for members, the chair and the secretary. Each attack a member
 * can make with their own token through plain REST (the browser's developer tools) is tried
 * here, and none changes what the committee sees: SharePoint refuses it, or the app does not
 * count it and names who wrote it (read-time checks from Author, Created, Modified and the
 * version, which SharePoint sets).
 *
 * - A member's ballot is editable while the round is open; the chair and the secretary read
 *   every ballot, a member only their own.
 * - A member who rewrites their own ballot with criterion scores of 1,000,000 decides nothing.
 * - A ballot written with another member's key and name (also before the round opens) counts
 *   for no one and blocks no one: the victim votes as usual; after close it still reads as
 *   irregular, and the victim's own ballot counts.
 * - A forged «Ikke afgivet» ballot is irregular while open and after close.
 * - 105 pairwise comparisons in one `$batch` under seven voter ids move no weight; the real
 *   member whose id was used saves their own comparisons.
 * - Closing stores the result with the counted ballots' ids and versions and changes no
 *   permission; after close a ballot changed, deleted or created through REST is flagged, the
 *   stored result stands for everyone, and closing again does not recompute it.
 * - The voters are the team's people in Medlemmer or Formand: the secretary, in the team too, is
 *   not among them. An interrupted close is finished by closing again.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import type { Ballot, BallotEntry, Criterion, Round } from "../../src/domain/prioritization.js";
import type { Directory } from "../../src/ports/directory.js";
import { loadAhpPage, openComparison, saveComparisons } from "../../src/use-cases/ahp.js";
import * as rounds from "../../src/use-cases/rounds.js";
import { isRoundClosedProblem, loadRoundPage } from "../../src/use-cases/rounds.js";
import { aCriterion, anArea, anInitiative, aSetting, aWeightSet } from "../support/builders.js";
import { devToken } from "../support/m365.js";
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
let secretary: SharePointAdapters;
let alice: SharePointAdapters;
let bob: SharePointAdapters;
let carl: SharePointAdapters;
let people: Record<"alice" | "bob" | "carl" | "chair" | "secretary", Person>;
let upn: Record<"alice" | "bob" | "carl", string>;
let directory: Directory;
let candidates: { id: InitiativeId; title: string }[];

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

/** SharePoint keeps times to the second: wait until the next one (an item after the close). */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

/** The ports of the use cases for one user: SharePoint, the fake team, a clock. */
const ports = (a: SharePointAdapters) => ({ ...a, clock, directory });

// ---------------------------------------------------------------- plain REST, one's own token

interface RestItem {
  Id: number;
  "odata.etag": string;
}

/** Plain SharePoint REST with `who`'s own token, past everything the app checks. */
function rest(who: string) {
  const list = (title: string) =>
    `${sp.siteUrl}/_api/web/lists/getByTitle('${encodeURIComponent(title)}')`;
  const headers = {
    Accept: "application/json",
    "Content-Type": "application/json;charset=utf-8",
    Authorization: devToken(who),
  };
  return {
    async add(title: string, body: object): Promise<RestItem> {
      const res = await fetch(`${list(title)}/items`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as RestItem;
    },
    async get(title: string, id: number): Promise<RestItem> {
      const res = await fetch(`${list(title)}/items(${id})`, { headers });
      expect(res.status).toBe(200);
      return (await res.json()) as RestItem;
    },
    async merge(title: string, id: number, etag: string, body: object): Promise<number> {
      const res = await fetch(`${list(title)}/items(${id})`, {
        method: "POST",
        headers: { ...headers, "IF-MATCH": etag, "X-HTTP-Method": "MERGE" },
        body: JSON.stringify(body),
      });
      return res.status;
    },
    async remove(title: string, id: number, etag: string): Promise<number> {
      const res = await fetch(`${list(title)}/items(${id})`, {
        method: "POST",
        headers: { ...headers, "IF-MATCH": etag, "X-HTTP-Method": "DELETE" },
      });
      return res.status;
    },
    /** One `$batch` with one changeset adding every body; the status line of each part. */
    async batchAdd(title: string, bodies: readonly object[]): Promise<string[]> {
      const batch = "batch_7f3a";
      const changeset = "changeset_9b1c";
      const parts = bodies.map(
        (b) =>
          `--${changeset}\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\n` +
          `POST ${list(title)}/items HTTP/1.1\naccept: application/json\n` +
          `content-type: application/json;charset=utf-8\n\n${JSON.stringify(b)}\n`,
      );
      const body =
        `--${batch}\nContent-Type: multipart/mixed; boundary="${changeset}"\n\n` +
        `${parts.join("\n")}\n--${changeset}--\n\n--${batch}--\n`;
      const res = await fetch(`${sp.siteUrl}/_api/$batch`, {
        method: "POST",
        headers: {
          Accept: "application/json",
          Authorization: devToken(who),
          "Content-Type": `multipart/mixed; boundary=${batch}`,
        },
        body,
      });
      expect(res.status).toBe(200);
      return (await res.text()).match(/^HTTP\/1\.1 \d{3}/gm) ?? [];
    },
  };
}

const BALLOTS = "Stemmesedler";
const COMPARISONS = "Parvise sammenligninger";

/** A ballot's REST body, claiming `voter` with their key, whoever sends it. */
const ballotBody = (round: Round, voter: Person, payload: object) => ({
  Title: `Stemmeseddel ${voter.name}`,
  RoundId: round.id,
  BallotKey: `${round.id}:${voter.id}`,
  VoterId: voter.id,
  Payload: JSON.stringify(payload),
});

// ---------------------------------------------------------------- the app's way

async function openARound(
  title: string,
  o: Partial<Pick<Round, "method" | "weightSet" | "opens">> = {},
): Promise<Round> {
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
      ...o,
    },
    { link: (id) => `https://tab.example/#/prioritering/runder/${id}`, closesText: null },
  );
  return opened.round;
}

const ranks = (first: 0 | 1): BallotEntry[] => {
  const [a, b] = first === 0 ? candidates : [...candidates].reverse();
  return [
    { candidate: a!.id, rank: 1 },
    { candidate: b!.id, rank: 2 },
  ];
};

async function vote(who: SharePointAdapters, round: Round, entries: BallotEntry[]) {
  const page = await loadRoundPage(ports(who), round.id);
  return saveBallot(ports(who), {
    ...page,
    payload: { entries },
    comment: "",
    existing: page.myBallot,
  });
}

/** What the chair is shown as not counted: [ballot, rule, who wrote it]. */
async function irregularFor(who: SharePointAdapters, round: Round) {
  const page = await loadRoundPage(ports(who), round.id);
  return page.irregularities.map((i) => [i.item, i.rule, i.by?.id ?? null]);
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  owner = sp.adaptersFor(sp.users.owner);
  chair = sp.adaptersFor(sp.users.chair);
  secretary = sp.adaptersFor(sp.users.secretary);
  upn = { alice: sp.users.members[0]!, bob: sp.users.members[1]!, carl: sp.users.members[2]! };
  alice = sp.adaptersFor(upn.alice);
  bob = sp.adaptersFor(upn.bob);
  carl = sp.adaptersFor(upn.carl);
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
  let bobsBallot: Ballot;

  beforeAll(async () => {
    round = await openARound("Forår 2026");
  }, SLOW);

  it("a member's ballot is editable while the round is open; the chair and the secretary read every ballot, a member only their own", async () => {
    alicesBallot = await vote(alice, round, ranks(0));
    const mine = await alice.repositories.ballots.get(alicesBallot.id);
    const v = await alice.repositories.ballots.update({ ...mine, comment: "Ændret" });
    alicesBallot = await alice.repositories.ballots.get(alicesBallot.id);
    expect(alicesBallot).toMatchObject({ comment: "Ændret", version: v });
    bobsBallot = await vote(bob, round, ranks(0));
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
  });

  it("closing stores the result with the counted ballots' ids and versions, and changes no permission", async () => {
    const outcome = await closeRound(ports(chair), round);
    expect(outcome).toMatchObject({
      computed: true,
      membersError: null,
      stored: {
        version: 2,
        ballotsCounted: 2,
        flagged: 0,
        turnout: { voters: 4, voted: 2, notVoted: 2 },
      },
    });
    expect(outcome.stored?.counted).toEqual([
      { id: alicesBallot.id, version: alicesBallot.version },
      { id: bobsBallot.id, version: bobsBallot.version },
    ]);
    // Nothing was added for those who did not vote, and no ballot has permissions of its own.
    const all = await chair.repositories.ballots.list({ where: { round: round.id } });
    expect(all.map((b) => b.id).sort()).toEqual([alicesBallot.id, bobsBallot.id].sort());
    const res = await fetch(
      `${sp.siteUrl}/_api/web/lists/getByTitle('${BALLOTS}')/items(${alicesBallot.id})?$select=HasUniqueRoleAssignments`,
      {
        headers: {
          Accept: "application/json;odata=nometadata",
          Authorization: devToken(sp.users.owner),
        },
      },
    );
    expect(
      ((await res.json()) as { HasUniqueRoleAssignments: boolean }).HasUniqueRoleAssignments,
    ).toBe(false);
  });

  it("a member reads the stored result after close, though they read only their own ballot; it names no one", async () => {
    for (const [who, own] of [
      [alice, 1],
      [carl, 0],
    ] as const) {
      const page = await loadRoundPage(ports(who), round.id);
      expect(page.readsAll).toBe(false);
      expect(page.ballotsRead).toBe(own);
      expect(page.resultSource).toBe("stored");
      expect(page.result?.ballotsCounted).toBe(2);
      expect(page.storedResult?.turnout).toEqual({ voters: 4, voted: 2, notVoted: 2 });
      expect(page.memberBallots).toBeNull();
    }
    const json = (await alice.repositories.rounds.get(round.id)).resultJson ?? "";
    for (const p of Object.values(people)) {
      expect(json).not.toContain(p.name);
      expect(json).not.toContain(p.email);
    }
    expect(json).not.toMatch(/"voter"|"entries"|"rank"|"payload"/);
  });

  it("a member who did not vote is told the round is closed; a ballot they add through REST after the close is not counted", async () => {
    const stale = { ...(await loadRoundPage(ports(carl), round.id)), round };
    const viaApp = await rejection(
      saveBallot(ports(carl), {
        ...stale,
        payload: { entries: ranks(0) },
        comment: "",
        existing: null,
      }),
    );
    expect(isRoundClosedProblem({ code: viaApp.code })).toBe(true);

    await nextSecond();
    const late = await rest(upn.carl).add(
      BALLOTS,
      ballotBody(round, people.carl, { entries: ranks(1) }),
    );
    expect(await irregularFor(chair, round)).toEqual([
      [late.Id, "ballot.createdAfterClose", people.carl.id],
    ]);
    expect(
      (await loadRoundPage(ports(carl), round.id)).myIrregularities.map((i) => i.rule),
    ).toEqual(["ballot.createdAfterClose"]);
    expect((await loadRoundPage(ports(bob), round.id)).result?.ballotsCounted).toBe(2);
  });

  it("a member who changes or deletes their ballot through REST after close changes no result: both are flagged", async () => {
    const before = (await loadRoundPage(ports(bob), round.id)).storedResult!;
    const a = await rest(upn.alice).get(BALLOTS, alicesBallot.id);
    expect(
      await rest(upn.alice).merge(BALLOTS, alicesBallot.id, a["odata.etag"], {
        Payload: JSON.stringify({ entries: ranks(1) }),
      }),
    ).toBe(204);
    const b = await rest(upn.bob).get(BALLOTS, bobsBallot.id);
    expect(await rest(upn.bob).remove(BALLOTS, bobsBallot.id, b["odata.etag"])).toBe(200);

    const flagged = await irregularFor(secretary, round);
    expect(flagged).toEqual(
      expect.arrayContaining([
        [alicesBallot.id, "ballot.changedAfterClose", people.alice.id],
        [bobsBallot.id, "ballot.deletedAfterClose", null],
      ]),
    );
    // The stored result stands for everyone, and closing again does not recompute it.
    const again = await closeRound(ports(secretary), round);
    expect(again.computed).toBe(false);
    expect(again.stored).toEqual(before);
    for (const who of [bob, chair]) {
      const page = await loadRoundPage(ports(who), round.id);
      expect(page.resultSource).toBe("stored");
      expect(page.storedResult).toEqual(before);
    }
    // Turnout keeps the names the stored result counted (a deleted ballot's author is unknown).
    const t = await loadTurnout(ports(chair), round);
    expect(t.voted.map((p) => p.id)).toEqual([people.alice.id]);
  });
});

describe("attacks while a round is open", () => {
  it(
    "a member who rewrites their own ballot with scores of 1,000,000 decides nothing",
    async () => {
      const criterion = await secretary.repositories.criteria.add(aCriterion({ title: "Værdi" }));
      const weightSet = await secretary.repositories.weightSets.add(
        aWeightSet({ state: "Godkendt", weights: [{ criterion: criterion.id, weight: 1 }] }),
      );
      const round = await openARound("Kriteriescore", {
        method: "Kriteriescore",
        weightSet: { id: weightSet.id, title: weightSet.title },
      });
      const score = (c: number, level: number): BallotEntry => ({
        candidate: candidates[c]!.id,
        criterionScores: { [String(criterion.id)]: level },
      });
      await vote(alice, round, [score(0, 1), score(1, 1)]);
      const bobs = await vote(bob, round, [score(0, 4), score(1, 1)]);
      // Bob rewrites his own ballot with his own token, straight to the list.
      const item = await rest(upn.bob).get(BALLOTS, bobs.id);
      expect(
        await rest(upn.bob).merge(BALLOTS, bobs.id, item["odata.etag"], {
          Payload: JSON.stringify({ entries: [score(1, 1_000_000)] }),
        }),
      ).toBe(204);

      expect(await irregularFor(chair, round)).toEqual([
        [bobs.id, "ballot.scoreOutOfRange", people.bob.id],
      ]);
      const outcome = await closeRound(ports(chair), round);
      expect(outcome.stored).toMatchObject({ ballotsCounted: 1, flagged: 1 });
      expect(outcome.stored?.candidates.map((c) => [c.candidate, c.value])).toEqual([
        [candidates[0]!.id, 0.25],
        [candidates[1]!.id, 0.25],
      ]);
      const bobsView = await loadRoundPage(ports(bob), round.id);
      expect(bobsView.myIrregularities.map((i) => i.rule)).toEqual(["ballot.scoreOutOfRange"]);
      expect(bobsView.result?.candidates.every((c) => c.value <= 1)).toBe(true);
    },
    SLOW,
  );

  it(
    "a ballot with another member's key, written before the round opens, blocks no one and counts for no one, after close too",
    async () => {
      const round = await openARound("Forår, åbner om lidt", {
        opens: new Date(Date.now() + 2_000).toISOString(),
      });
      // Bob writes a ballot in Carl's name (key and voter) before the round opens...
      const early = await rest(upn.bob).add(
        BALLOTS,
        ballotBody(round, people.carl, { entries: ranks(1) }),
      );
      // ...and Carl, who cannot see it, cannot vote yet either.
      const notYet = await rejection(vote(carl, round, ranks(0)));
      expect(notYet.code).toBe("rounds.problem.notOpenedYet");
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const during = await rest(upn.bob).add(
        BALLOTS,
        ballotBody(round, people.carl, { entries: ranks(1) }),
      );
      // Carl votes as usual: nothing stands in the way, and his page shows his own ballot.
      const carls = await vote(carl, round, ranks(0));
      const carlsView = await loadRoundPage(ports(carl), round.id);
      expect(carlsView.myBallot?.id).toBe(carls.id);
      expect(carlsView.myIrregularities).toEqual([]);
      expect((await carl.repositories.ballots.list({ where: { round: round.id } })).length).toBe(1);

      const forged = [
        [early.Id, "ballot.voterMismatch", people.bob.id],
        [during.Id, "ballot.voterMismatch", people.bob.id],
      ];
      expect(await irregularFor(chair, round)).toEqual(forged);
      const outcome = await closeRound(ports(chair), round);
      expect(outcome.stored).toMatchObject({
        ballotsCounted: 1,
        counted: [{ id: carls.id }],
        flagged: 2,
        turnout: { voters: 4, voted: 1, notVoted: 3 },
      });
      // After close: still irregular, naming Bob; Carl voted.
      expect(await irregularFor(secretary, round)).toEqual(forged);
      const t = await loadTurnout(ports(secretary), round);
      expect(t.voted.map((p) => p.id)).toEqual([people.carl.id]);
    },
    SLOW,
  );

  it(
    "a forged «Ikke afgivet» ballot is irregular while open and after close",
    async () => {
      const round = await openARound("Ikke afgivet");
      const forged = await rest(upn.bob).add(
        BALLOTS,
        ballotBody(round, people.alice, { entries: [], notCast: true }),
      );
      const expected = [[forged.Id, "ballot.voterMismatch", people.bob.id]];
      expect(await irregularFor(chair, round)).toEqual(expected);
      await closeRound(ports(chair), round);
      expect(await irregularFor(chair, round)).toEqual(expected);
      const t = await loadTurnout(ports(chair), round);
      expect(t.voted).toEqual([]);
      expect(t.notVoted.map((p) => p.id)).toContain(people.alice.id);
      // Alice herself never sees it.
      expect((await loadRoundPage(ports(alice), round.id)).ballotsRead).toBe(0);
    },
    SLOW,
  );
});

describe("criteria weights", () => {
  it(
    "105 comparisons in one $batch under seven voter ids move no weight; the real member saves their own",
    async () => {
      // Only these six are compared: criteria of other tests are made inactive.
      for (const c of await secretary.repositories.criteria.list({ where: { active: true } })) {
        await secretary.repositories.criteria.update({ ...c, active: false });
      }
      const criteria: Criterion[] = [];
      for (let i = 0; i < 6; i++) {
        criteria.push(
          await secretary.repositories.criteria.add(
            aCriterion({ title: `Kriterium ${i + 1}`, sortOrder: i + 1 }),
          ),
        );
      }
      const opened = await openComparison(ports(secretary), { title: "Vægte 2027" });
      if (!opened.ok) throw new Error(opened.error.code);
      const set = opened.value;
      const pairs = criteria.flatMap((a, i) => criteria.slice(i + 1).map((b) => [a, b] as const));
      // Bob, with his own token, in one $batch: 15 pairs under seven voter ids, five made up
      // and two real members (Alice and Carl), each strongly favouring criterion 6.
      const voters = [people.alice.id, people.carl.id, 9001, 9002, 9003, 9004, 9005];
      const bodies = voters.flatMap((voter) =>
        pairs.map(([a, b]) => ({
          Title: `${a.title} / ${b.title}`,
          WeightSetId: set.id,
          CriterionAId: a.id,
          CriterionBId: b.id,
          Value: b.title === "Kriterium 6" ? -9 : 1,
          ComparisonKey: `${set.id}:${a.id}:${b.id}:${voter}`,
        })),
      );
      expect(bodies).toHaveLength(105);
      const statuses = await rest(upn.bob).batchAdd(COMPARISONS, bodies);
      expect(statuses.filter((s) => s.endsWith("201"))).toHaveLength(105);

      // Alice, whose id Bob used, saves her own comparisons: nothing refuses her.
      const judgements = pairs.map(([a, b]) => ({
        a,
        b,
        value: a.title === "Kriterium 1" ? 5 : 1,
      }));
      const saved = await saveComparisons(ports(alice), {
        weightSet: set.id,
        judgements,
      });
      expect(saved.ok && saved.value).toHaveLength(15);
      const alicesPage = await loadAhpPage(ports(alice));
      expect(alicesPage.pairs.map((p) => p.value)).toEqual(judgements.map((j) => j.value));

      const page = await loadAhpPage(ports(chair));
      expect(page.committeeOf).toBe(1);
      expect(page.members.map((m) => [m.voter.id, m.judged])).toEqual([[people.alice.id, 15]]);
      const weights = page.committee!.weights;
      const heaviest = weights.indexOf(Math.max(...weights));
      expect(page.committee!.criteria[heaviest]).toBe(criteria[0]!.id);
      expect(page.irregularities).toHaveLength(105);
      expect(new Set(page.irregularities.map((i) => `${i.rule} ${i.by?.id}`))).toEqual(
        new Set([`comparison.keyMismatch ${people.bob.id}`]),
      );
      expect(
        page.irregularities.filter((i) => i.params?.claimedName === people.alice.name),
      ).toHaveLength(15);
      // A member does not see the list.
      expect(alicesPage.irregularities).toEqual([]);
    },
    SLOW,
  );
});

it(
  "an interrupted close is finished by closing again",
  async () => {
    const round = await openARound("Efterår 2026");
    const ballot = await vote(alice, round, ranks(0));
    // The close reads the ballots after it has set the round to Lukket; one refused read, with
    // no retries, stops it there.
    await sp.queueFault({ status: 503, match: "Ballots", method: "GET", count: 1 });
    const impatient = sp.adaptersFor(sp.users.chair, { retry: { retries: 0 } });
    const failed = await rejection(closeRound(ports(impatient), round));
    expect(failed.kind).toBe("Unavailable");
    const closed = await owner.repositories.rounds.get(round.id);
    expect(closed.state).toBe("Lukket");
    expect(closed.resultJson ?? "").toBe("");
    expect((await loadRoundPage(ports(alice), round.id)).resultSource).toBe("notComputed");

    // The secretary finishes it: the result is stored once, with the ballot counted.
    const again = await closeRound(ports(secretary), round);
    expect(again).toMatchObject({ computed: true, stored: { ballotsCounted: 1 } });
    expect(again.stored?.counted).toEqual([{ id: ballot.id, version: ballot.version }]);
    expect((await loadRoundPage(ports(alice), round.id)).resultSource).toBe("stored");
  },
  SLOW,
);
