/**
 * The priority-round use case with in-memory repositories: opening a round (validated, stored
 * as Åben, a notice with the ballot link in the committee's channel), a member's ballot per
 * method (validated, edited, found by its author, refused after close), which ballots count
 * (the author is the voter; a ballot in another's name, out of range or extra is not counted
 * and is named for the chair and the secretariat), turnout and reminder mails (escaped),
 * closing (the result stored once with the counted ballots' ids and versions and the server's
 * time of the close; nothing locked, no «Ikke afgivet» ballots), the stored result frozen
 * after close (changes, deletions and late ballots flagged, never counted again), and the
 * voters: the team's people in Medlemmer or Formand (not the secretary).
 */
import type { Clock } from "../../src/domain/clock.js";
import type { Person } from "../../src/domain/common.js";
import type {
  ChannelAddress,
  ChannelPostRequest,
  MailMessage,
} from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type InitiativeId, type PersonId, type RoundId } from "../../src/domain/ids.js";
import type { Ballot, BallotEntry, RoundDraft } from "../../src/domain/prioritization.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import * as rounds from "../../src/use-cases/rounds.js";
import { isRoundClosedProblem, loadRoundPage, loadRoundsPage } from "../../src/use-cases/rounds.js";
import {
  aBudgetLine,
  aCriterion,
  anInitiative,
  aRef,
  aRound,
  aSetting,
  aWeightSet,
} from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { acceptedOnly } from "../support/outcome.js";

// The use-cases expected to be accepted; a refusal rejects with its code (support/outcome.ts).
const openRound = acceptedOnly(rounds.openRound);
const closeRound = acceptedOnly(rounds.closeRound);
const saveBallot = acceptedOnly(rounds.saveBallot);
const loadTurnout = acceptedOnly(rounds.loadTurnout);
const sendBallotReminders = acceptedOnly(rounds.sendBallotReminders);

/** The server's time and the app's clock, moved together by `at`. */
let time = "2026-03-05T10:00:00Z";
const clock: Clock = { now: () => new Date(time) };
const member2: Person = { id: idOf<PersonId>(5), name: "Ida <Berg>", email: "ida@x.dk" };
/** The committee's voters: the team's people in the site groups Medlemmer or Formand. */
const VOTERS = [member, chair, member2];
/**
 * The committee's team (Settings committee.teamId = "team-1") in the fake directory: the voters
 * and the secretary, who is in the team but only in the site group Sekretariat.
 */
const TEAM = [member, chair, member2, secretary];
/** The site groups' members, as SitePeople.groupMembers reads them. */
let siteGroups: Record<string, Person[]> = {};
const defaultSiteGroups = () => ({
  Medlemmer: [member, member2],
  Formand: [chair],
  Sekretariat: [secretary],
});

function setup(user: Me) {
  let current = user;
  siteGroups = defaultSiteGroups();
  time = "2026-03-05T10:00:00Z";
  const { memory, repositories } = memoryRepositories(() => current.person);
  for (const repository of Object.values(memory)) repository.now = () => time;
  const posts: { channel: ChannelAddress; request: ChannelPostRequest }[] = [];
  const channel: ChannelPoster = {
    post: (c, request) => {
      posts.push({ channel: c, request });
      return Promise.resolve({
        id: "m1" as never,
        postedAt: "2026-03-05T10:00:00Z",
        webUrl: "https://teams/m1",
      });
    },
    list: () => Promise.resolve([]),
  };
  const mails: MailMessage[] = [];
  const ports = {
    repositories,
    currentUser: { me: () => Promise.resolve(current) },
    clock,
    channel,
    mailer: { send: (m: MailMessage) => Promise.resolve(void mails.push(m)) },
    directory: {
      me: () => Promise.resolve({ directoryId: "x", name: "x", email: "x" }),
      findPeople: () => Promise.resolve([]),
      membersOf: (g: string) =>
        Promise.resolve(
          g === "team-1"
            ? TEAM.map((p) => ({ directoryId: `d${p.id}`, name: p.name, email: p.email }))
            : [],
        ),
    },
    people: {
      ensure: (email: string) => {
        const p = TEAM.find((x) => x.email === email);
        return p ? Promise.resolve(p) : Promise.reject(new StoreError("NotFound", email));
      },
      groupMembers: (title: string) => {
        const people = siteGroups[title];
        return people
          ? Promise.resolve(people)
          : Promise.reject(new StoreError("NotFound", `Gruppen ${title}`));
      },
    },
  };
  return {
    memory,
    ports,
    posts,
    mails,
    as: (u: Me) => (current = u),
    /** Moves the server's clock (Created, Modified) and the app's. */
    at: (iso: string) => (time = iso),
  };
}

const draft = (o: Partial<RoundDraft> = {}): Omit<RoundDraft, "state"> => {
  const { state: _s, ...rest } = aRound({
    title: "Forår <2026>",
    candidates: [aRef(1, "Digital post"), aRef(2, "Chatbot")],
    ...o,
  });
  return rest;
};

const linkOf = (id: RoundId) => `https://tab.example/#/prioritering/runder/${id}`;

describe("opening a round", () => {
  it("offers the initiatives in Klar til prioritering as default candidates", async () => {
    const { memory, ports } = setup(me(secretary, "secretary"));
    memory.initiatives.seed(
      {
        ...anInitiative({ title: "Klar", phase: "Klar til prioritering" }),
        id: idOf<InitiativeId>(1),
      },
      { ...anInitiative({ title: "Idé", phase: "Idé" }), id: idOf<InitiativeId>(2) },
    );
    const page = await loadRoundsPage(ports);
    expect(page.ready.map((i) => i.title)).toEqual(["Klar"]);
  });

  it("stores the round as Åben and posts a notice with the ballot's link in the committee's channel", async () => {
    const { memory, ports, posts } = setup(me(secretary, "secretary"));
    memory.settings.seed(
      aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }),
      aSetting({ key: SETTING_KEYS.committeeChannelId, value: "chan-1" }),
    );
    const { round, notice } = await openRound(ports, draft(), {
      link: linkOf,
      closesText: "15. marts 2026",
    });
    expect(round.state).toBe("Åben");
    expect(memory.rounds.all()).toHaveLength(1);
    expect(notice).toEqual({ kind: "posted", webUrl: "https://teams/m1" });
    expect(posts[0]!.channel).toEqual({ teamId: "team-1", channelId: "chan-1" });
    expect(posts[0]!.request.html).toContain(
      `<a href="https://tab.example/#/prioritering/runder/${round.id}">`,
    );
    expect(posts[0]!.request.html).toContain("Forår &lt;2026&gt;");
    expect(posts[0]!.request.html).not.toContain("<2026>");
  });

  it("keeps the round open and says so when the channel is not configured or the post fails", async () => {
    const { memory, ports } = setup(me(chair, "chair"));
    const first = await openRound(ports, draft(), { link: linkOf, closesText: null });
    expect(first.notice).toEqual({ kind: "noChannel" });
    memory.settings.seed(
      aSetting({ key: SETTING_KEYS.committeeTeamId, value: "t" }),
      aSetting({ key: SETTING_KEYS.committeeChannelId, value: "c" }),
    );
    ports.channel.post = () => Promise.reject(new StoreError("Forbidden", "not a member"));
    const second = await openRound(ports, draft(), { link: linkOf, closesText: null });
    expect(second.notice.kind).toBe("failed");
    expect(memory.rounds.all().map((r) => r.state)).toEqual(["Åben", "Åben"]);
  });

  it("refuses members, rounds without candidates and Kriteriescore without a weight set", async () => {
    const { ports, as } = setup(me(member, "member"));
    await expect(
      openRound(ports, draft(), { link: linkOf, closesText: null }),
    ).rejects.toMatchObject({ code: "rounds.problem.onlyManagersOpen" });
    as(me(secretary, "secretary"));
    await expect(
      openRound(ports, draft({ candidates: [] }), { link: linkOf, closesText: null }),
    ).rejects.toMatchObject({ field: "candidates" });
    await expect(
      openRound(ports, draft({ method: "Kriteriescore" }), { link: linkOf, closesText: null }),
    ).rejects.toMatchObject({ code: "rounds.problem.weightSetRequired", field: "weightSet" });
  });
});

async function openedRound(o: Partial<RoundDraft> = {}) {
  const ctx = setup(me(secretary, "secretary"));
  ctx.memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
  const { round } = await openRound(ctx.ports, draft(o), { link: linkOf, closesText: null });
  return { ...ctx, round };
}

type Ctx = Awaited<ReturnType<typeof openedRound>>;

const ranks = (first: 1 | 2): BallotEntry[] => [
  { candidate: idOf(first), rank: 1 },
  { candidate: idOf(3 - first), rank: 2 },
];

/** `who` votes through the app, reading the page first. */
async function vote(ctx: Ctx, who: Me, entries: BallotEntry[]): Promise<Ballot> {
  ctx.as(who);
  const page = await loadRoundPage(ctx.ports, ctx.round.id);
  return saveBallot(ctx.ports, {
    ...page,
    payload: { entries },
    comment: "",
    existing: page.myBallot,
  });
}

describe("a member's ballot", () => {
  it("is added with the key <round>:<voter>, edited until close, and found again by its author", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    as(me(member, "member"));
    let page = await loadRoundPage(ports, round.id);
    expect(page.myBallot).toBeNull();
    expect(page.accepts).toEqual({ ok: true });
    await vote(ctx, me(member, "member"), ranks(2));
    page = await loadRoundPage(ports, round.id);
    expect(page.myBallot?.ballotKey).toBe(`${round.id}:${member.id}`);
    expect(page.myBallot?.createdBy?.id).toBe(member.id);
    expect(page.myIrregularities).toEqual([]);
    await vote(ctx, me(member, "member"), ranks(1));
    expect(memory.ballots.all()).toHaveLength(1);
    expect(memory.ballots.all()[0]!.payload.entries).toEqual(ranks(1));
  });

  it("refuses a second add when the member already has a ballot the page did not know of", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    as(me(member, "member"));
    const stale = await loadRoundPage(ports, round.id);
    await vote(ctx, me(member, "member"), ranks(1));
    await expect(
      saveBallot(ports, { ...stale, payload: { entries: ranks(2) }, comment: "", existing: null }),
    ).rejects.toMatchObject({ code: "rounds.problem.secondBallot", field: "ballotKey" });
    expect(memory.ballots.all()).toHaveLength(1);
  });

  it("refuses a payload that does not fit the method, and any ballot after close", async () => {
    const ctx = await openedRound({ method: "Prikker", settings: { pointsPerMember: 3 } });
    const { ports, memory, round, as } = ctx;
    await expect(
      vote(ctx, me(member, "member"), [{ candidate: idOf(1), points: 4 }]),
    ).rejects.toMatchObject({
      code: "rounds.problem.ballot.pointsOverLimit",
      params: { total: 4, max: 3 },
    });
    as(me(secretary, "secretary"));
    await closeRound(ports, round);
    as(me(member, "member"));
    const page = await loadRoundPage(ports, round.id);
    expect(page.accepts.ok).toBe(false);
    await expect(
      saveBallot(ports, {
        ...page,
        payload: { entries: [{ candidate: idOf(1), points: 1 }] },
        comment: "",
        existing: null,
      }),
    ).rejects.toMatchObject({ code: "rounds.problem.roundNotOpen", field: "round" });
    expect(memory.ballots.all()).toHaveLength(0);
  });

  it("a member voting on a page opened before close is told the round is closed, and nothing is written", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    await vote(ctx, me(member, "member"), ranks(1));
    as(me(member2, "member"));
    const stale = await loadRoundPage(ports, round.id);
    as(me(member, "member"));
    const mine = await loadRoundPage(ports, round.id);
    as(me(secretary, "secretary"));
    await closeRound(ports, round);

    for (const [who, page] of [
      [member2, stale],
      [member, mine],
    ] as const) {
      as(me(who, "member"));
      const refusal = await rounds.saveBallot(ports, {
        ...page,
        payload: { entries: ranks(2) },
        comment: "",
        existing: page.myBallot,
      });
      expect(!refusal.ok && isRoundClosedProblem(refusal.error)).toBe(true);
      expect(refusal).toMatchObject({
        ok: false,
        error: { code: "rounds.problem.closedMeanwhile" },
      });
    }
    expect(memory.ballots.all().map((b) => b.payload.entries)).toEqual([ranks(1)]);
  });

  it("a refusal while the round is still open stays the store's own error", async () => {
    const ctx = await openedRound();
    const ballot = await vote(ctx, me(member, "member"), ranks(1));
    const page = await loadRoundPage(ctx.ports, ctx.round.id);
    ctx.memory.ballots.touch(ballot.id, { comment: "other tab" });
    await expect(
      saveBallot(ctx.ports, {
        ...page,
        payload: { entries: ranks(2) },
        comment: "",
        existing: page.myBallot,
      }),
    ).rejects.toMatchObject({ kind: "Conflict" });
  });

  it("reads the budget round's costs from the candidates' Anlæg lines", async () => {
    const ctx = await openedRound({ method: "Budget", settings: { budgetPerMember: 1_000_000 } });
    ctx.memory.budgetLines.seed(
      aBudgetLine({ initiative: aRef(1), kind: "Anlæg", year: 2026, amount: 600_000 }),
      aBudgetLine({ initiative: aRef(1), kind: "Drift", year: 2026, amount: 50_000 }),
      aBudgetLine({ initiative: aRef(2), kind: "Anlæg", year: 2027, amount: 700_000 }),
    );
    ctx.as(me(member, "member"));
    const page = await loadRoundPage(ctx.ports, ctx.round.id);
    expect([...page.costs]).toEqual([
      [1, 600_000],
      [2, 700_000],
    ]);
    await expect(
      vote(ctx, me(member, "member"), [{ candidate: idOf(1) }, { candidate: idOf(2) }]),
    ).rejects.toMatchObject({
      code: "rounds.problem.ballot.overBudget",
      params: { total: 1_300_000, max: 1_000_000 },
    });
  });
});

describe("results, turnout and reminders", () => {
  async function votedAndClosed() {
    const ctx = await openedRound();
    await vote(ctx, me(member, "member"), ranks(1));
    await vote(ctx, me(chair, "chair"), ranks(2));
    return ctx;
  }

  it("hides results until close; then shows the Borda tally with spread, and counted ballots only to the chair", async () => {
    const { ports, round, as } = await votedAndClosed();
    as(me(chair, "chair", "member"));
    expect((await loadRoundPage(ports, round.id)).result).toBeNull();
    as(me(secretary, "secretary"));
    await closeRound(ports, round);
    const secretaryView = await loadRoundPage(ports, round.id);
    expect(secretaryView.resultSource).toBe("stored");
    expect(secretaryView.result?.candidates.map((c) => [c.candidate, c.value, c.share])).toEqual([
      [1, 1, 50],
      [2, 1, 50],
    ]);
    expect(secretaryView.result?.candidates[0]!.spread).toMatchObject({ min: 0, max: 1 });
    expect(secretaryView.memberBallots).toBeNull();
    as(me(chair, "chair"));
    const chairView = await loadRoundPage(ports, round.id);
    expect(chairView.memberBallots?.map((b) => b.createdBy?.name).sort()).toEqual(
      [chair.name, member.name].sort(),
    );
  });

  it("the chair sees a live tally of the ballots that count while the round is open, if the round says so", async () => {
    const ctx = await openedRound({ resultsVisibility: "Løbende for formanden" });
    await vote(ctx, me(member, "member"), ranks(1));
    ctx.as(me(chair, "chair"));
    const page = await loadRoundPage(ctx.ports, ctx.round.id);
    expect(page.resultSource).toBe("live");
    expect(page.result?.ballotsCounted).toBe(1);
  });

  it("turnout lists who has voted, not what; reminders go one by one, escaped", async () => {
    const { ports, round, as, mails } = await votedAndClosed();
    as(me(secretary, "secretary"));
    const t = await loadTurnout(ports, round);
    expect(t.voted.map((p) => p.id).sort()).toEqual([chair.id, member.id].sort());
    expect(t.notVoted).toEqual([member2]);
    expect(Object.keys(t)).not.toContain("ballots");
    const out = await sendBallotReminders(ports, round, t.notVoted, {
      link: linkOf(round.id),
      closesText: "15. marts",
    });
    expect(out.sent).toEqual([member2]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["ida@x.dk"]);
    expect(mails[0]!.html).toContain("Ida &lt;Berg&gt;");
    expect(mails[0]!.html).toContain("Forår &lt;2026&gt;");
    expect(mails[0]!.html).toContain(`href="${linkOf(round.id)}"`);
  });

  it("Kriteriescore: unrated criteria are kept apart from ingen in the weighted result", async () => {
    const ctx = setup(me(secretary, "secretary"));
    const [c1, c2] = ctx.memory.criteria.seed(
      aCriterion({ title: "Nytte" }),
      aCriterion({ title: "Økonomi" }),
    );
    const [ws] = ctx.memory.weightSets.seed(
      aWeightSet({
        weights: [
          { criterion: c1!.id, weight: 0.5 },
          { criterion: c2!.id, weight: 0.5 },
        ],
      }),
    );
    const { round } = await openRound(
      ctx.ports,
      draft({ method: "Kriteriescore", weightSet: aRef(ws!.id) }),
      { link: linkOf, closesText: null },
    );
    ctx.as(me(member, "member"));
    const page = await loadRoundPage(ctx.ports, round.id);
    expect(page.criteria.map((c) => c.criterion.title)).toEqual(["Nytte", "Økonomi"]);
    await saveBallot(ctx.ports, {
      ...page,
      payload: {
        entries: [
          // candidate 1: Nytte ekstrem, Økonomi not rated → 1.0 (not 0.5)
          { candidate: idOf(1), criterionScores: { [c1!.id]: 4 } },
          // candidate 2: Nytte ekstrem, Økonomi ingen → 0.5
          { candidate: idOf(2), criterionScores: { [c1!.id]: 4, [c2!.id]: 0 } },
        ],
      },
      comment: "",
      existing: null,
    });
    ctx.as(me(secretary, "secretary"));
    await closeRound(ctx.ports, round);
    const closed = await loadRoundPage(ctx.ports, round.id);
    expect(closed.result?.candidates.map((c) => [c.candidate, c.value])).toEqual([
      [1, 1],
      [2, 0.5],
    ]);
  });
});

describe("attacks through the list itself are not counted and are named", () => {
  it("a member who rewrites their own ballot with scores of 1,000,000 decides nothing", async () => {
    const ctx = setup(me(secretary, "secretary"));
    ctx.memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
    const [crit] = ctx.memory.criteria.seed(aCriterion({ title: "Værdi" }));
    const [ws] = ctx.memory.weightSets.seed(
      aWeightSet({ state: "Godkendt", weights: [{ criterion: crit!.id, weight: 1 }] }),
    );
    const { round } = await openRound(
      ctx.ports,
      draft({ method: "Kriteriescore", weightSet: aRef(ws!.id) }),
      { link: linkOf, closesText: null },
    );
    const c = { ...ctx, round };
    const score = (candidate: number, level: number): BallotEntry => ({
      candidate: idOf(candidate),
      criterionScores: { [String(crit!.id)]: level },
    });
    await vote(c, me(member2, "member"), [score(1, 4), score(2, 1)]);
    const own = await vote(c, me(member, "member"), [score(1, 1), score(2, 2)]);
    // Straight to the list with the member's own token, past the app's checks.
    const stored = ctx.memory.ballots.all().find((b) => b.id === own.id)!;
    await ctx.ports.repositories.ballots.update({
      ...stored,
      payload: { entries: [score(2, 1_000_000)] },
    });

    ctx.as(me(chair, "chair"));
    const live = await loadRoundPage(ctx.ports, round.id);
    expect(live.irregularities.map((i) => [i.item, i.rule, i.by?.id, i.params?.value])).toEqual([
      [own.id, "ballot.scoreOutOfRange", member.id, 1_000_000],
    ]);
    const closed = await closeRound(ctx.ports, round);
    expect(closed.stored).toMatchObject({ ballotsCounted: 1, flagged: 1 });
    expect(closed.stored?.candidates.map((x) => [x.candidate, x.value])).toEqual([
      [1, 1],
      [2, 0.25],
    ]);
    ctx.as(me(member, "member"));
    const mine = await loadRoundPage(ctx.ports, round.id);
    expect(mine.myIrregularities.map((i) => i.rule)).toEqual(["ballot.scoreOutOfRange"]);
    expect(mine.irregularities).toEqual([]);
  });

  it("a ballot carrying another member's key counts for no one and blocks no one, before the round opens too", async () => {
    const ctx = await openedRound({ opens: "2026-03-06T08:00:00Z" });
    const { ports, memory, round, as, at } = ctx;
    // member2 writes a ballot in member's name before the round opens, and another once open.
    as(me(member2, "member"));
    const forged = (payload: BallotEntry[]) =>
      ports.repositories.ballots.add({
        title: "x",
        round: { id: round.id, title: round.title },
        ballotKey: `${round.id}:${member.id}`,
        voter: member,
        payload: { entries: payload },
        comment: "",
      });
    const early = await forged(ranks(2));
    at("2026-03-07T09:00:00Z");
    const during = await forged(ranks(2));
    // The victim does not see them, votes as usual, and nothing stands in the way.
    const own = await vote(ctx, me(member, "member"), ranks(1));
    as(me(member, "member"));
    const victim = await loadRoundPage(ports, round.id);
    expect(victim.myBallot?.id).toBe(own.id);
    expect(victim.myIrregularities).toEqual([]);

    as(me(chair, "chair"));
    const page = await loadRoundPage(ports, round.id);
    expect(page.irregularities.map((i) => [i.item, i.rule, i.by?.id])).toEqual([
      [early.id, "ballot.voterMismatch", member2.id],
      [during.id, "ballot.voterMismatch", member2.id],
    ]);
    at("2026-03-08T09:00:00Z");
    const closed = await closeRound(ports, round);
    expect(closed.stored).toMatchObject({
      ballotsCounted: 1,
      counted: [{ id: own.id, version: own.version }],
      flagged: 2,
      turnout: { voters: 3, voted: 1, notVoted: 2 },
    });
    // After close the forged ballots still read as what they are, naming who wrote them.
    const after = await loadRoundPage(ports, round.id);
    expect(after.irregularities.map((i) => [i.item, i.rule, i.by?.id])).toEqual([
      [early.id, "ballot.voterMismatch", member2.id],
      [during.id, "ballot.voterMismatch", member2.id],
    ]);
    expect((await loadTurnout(ports, round)).voted.map((p) => p.id)).toEqual([member.id]);
    expect(memory.ballots.all()).toHaveLength(3);
  });

  it("a forged «Ikke afgivet» ballot is flagged while open and after close, and the victim shows as not voted", async () => {
    const ctx = await openedRound();
    const { ports, round, as, at } = ctx;
    as(me(member2, "member"));
    const notCast = await ports.repositories.ballots.add({
      title: "Ikke afgivet",
      round: { id: round.id, title: round.title },
      ballotKey: `${round.id}:${member.id}`,
      voter: member,
      payload: { entries: [], notCast: true } as never,
      comment: "Ikke afgivet",
    });
    as(me(secretary, "secretary"));
    const rules = async () =>
      (await loadRoundPage(ports, round.id)).irregularities.map((i) => [i.rule, i.by?.id]);
    expect(await rules()).toEqual([["ballot.voterMismatch", member2.id]]);
    at("2026-03-06T09:00:00Z");
    await closeRound(ports, round);
    expect(await rules()).toEqual([["ballot.voterMismatch", member2.id]]);
    const t = await loadTurnout(ports, round);
    expect(t.voted).toEqual([]);
    expect(notCast.createdBy?.id).toBe(member2.id);
  });

  it("extra ballots by the same member are flagged; the first one counts", async () => {
    const ctx = await openedRound();
    const first = await vote(ctx, me(member, "member"), ranks(1));
    ctx.at("2026-03-05T11:00:00Z");
    ctx.as(me(member, "member"));
    const extra = await ctx.ports.repositories.ballots.add({
      title: first.title,
      round: first.round,
      ballotKey: first.ballotKey,
      voter: first.voter,
      payload: { entries: ranks(2) },
      comment: "",
    });
    ctx.as(me(chair, "chair"));
    const page = await loadRoundPage(ctx.ports, ctx.round.id);
    expect(page.irregularities.map((i) => [i.item, i.rule, i.params])).toEqual([
      [extra.id, "ballot.extra", { counted: first.id }],
    ]);
    ctx.as(me(member, "member"));
    expect((await loadRoundPage(ctx.ports, ctx.round.id)).myBallot?.id).toBe(first.id);
  });
});

describe("closing stores the result once; nothing is locked", () => {
  const storedOf = (memory: Ctx["memory"]) =>
    JSON.parse(memory.rounds.all()[0]!.resultJson ?? "null") as Record<string, unknown>;

  it("stores the tally with the counted ballots' ids and versions and the server's time of the close", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as, at } = ctx;
    const a = await vote(ctx, me(member, "member"), ranks(1));
    const b = await vote(ctx, me(member2, "member"), ranks(2));
    at("2026-03-06T12:00:00Z");
    as(me(secretary, "secretary"));
    const outcome = await closeRound(ports, round);
    expect(outcome.computed).toBe(true);
    expect(memory.rounds.all()[0]!.state).toBe("Lukket");
    const stored = storedOf(memory);
    expect(outcome.stored).toEqual(stored);
    expect(stored).toMatchObject({
      version: 2,
      method: "Rangordning",
      closedAt: "2026-03-06T12:00:00Z",
      computedAt: "2026-03-06T12:00:00.000Z",
      ballotsCounted: 2,
      counted: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version },
      ],
      flagged: 0,
      // The chair did not vote; the secretary is not a voter.
      turnout: { voters: 3, voted: 2, notVoted: 1 },
    });
    expect(stored.candidates).toEqual([
      expect.objectContaining({ candidate: 1, value: 1, place: 1, share: 50 }),
      expect.objectContaining({ candidate: 2, value: 1, place: 1, share: 50 }),
    ]);
    // Nothing written but the round: no «Ikke afgivet» ballots, no ballot touched.
    expect(memory.ballots.all()).toHaveLength(2);
    expect(memory.ballots.calls.map(([m]) => m)).not.toContain("update");
    const json = memory.rounds.all()[0]!.resultJson!;
    for (const p of [member, member2, chair, secretary]) {
      expect(json).not.toContain(p.name);
      expect(json).not.toContain(p.email);
    }
    expect(json).not.toMatch(/"voter"|"ballots"|"entries"|"rank"|"payload"|"comment"/);
  });

  it("after close, a ballot changed, deleted or created is flagged and the stored result stands, for everyone", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as, at } = ctx;
    const a = await vote(ctx, me(member, "member"), ranks(1));
    const b = await vote(ctx, me(member2, "member"), ranks(1));
    as(me(chair, "chair"));
    const first = await closeRound(ports, round);
    expect(first.stored?.candidates[0]).toMatchObject({ candidate: 1, value: 2 });

    // With their own tokens, straight to the list: member rewrites, member2 deletes, chair adds.
    at("2026-03-06T09:00:00Z");
    as(me(member, "member"));
    const mine = memory.ballots.all().find((x) => x.id === a.id)!;
    await ports.repositories.ballots.update({ ...mine, payload: { entries: ranks(2) } });
    as(me(member2, "member"));
    const theirs = memory.ballots.all().find((x) => x.id === b.id)!;
    await ports.repositories.ballots.remove(theirs.id, theirs.version);
    as(me(chair, "chair"));
    const late = await ports.repositories.ballots.add({
      title: "sent",
      round: { id: round.id, title: round.title },
      ballotKey: `${round.id}:${chair.id}`,
      voter: chair,
      payload: { entries: ranks(2) },
      comment: "",
    });

    const page = await loadRoundPage(ports, round.id);
    expect(page.irregularities.map((i) => [i.item, i.rule, i.by?.id ?? null])).toEqual([
      [a.id, "ballot.changedAfterClose", member.id],
      [b.id, "ballot.deletedAfterClose", null],
      [late.id, "ballot.createdAfterClose", chair.id],
    ]);
    expect(page.resultSource).toBe("stored");
    expect(page.result).toEqual(first.stored && expect.objectContaining({ ballotsCounted: 2 }));
    expect(page.memberBallots).toEqual([]);

    // Closing again keeps the stored result: a recount would let members undo their votes.
    at("2026-03-07T09:00:00Z");
    const again = await closeRound(ports, round);
    expect(again.computed).toBe(false);
    expect(again.stored).toEqual(first.stored);
    expect(storedOf(memory)).toEqual(first.stored);
    as(me(member2, "member"));
    const theirView = await loadRoundPage(ports, round.id);
    expect(theirView.result?.candidates[0]).toMatchObject({ candidate: 1, value: 2 });
    // Turnout keeps the names the stored result counted (the deleted ballot's author is unknown).
    as(me(secretary, "secretary"));
    const t = await loadTurnout(ports, round);
    expect(t.voted.map((p) => p.id)).toEqual([member.id]);
  });

  it("an interrupted close is finished by closing again, counting only what was there at the close", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as, at } = ctx;
    const a = await vote(ctx, me(member, "member"), ranks(1));
    await vote(ctx, me(member2, "member"), ranks(2));
    at("2026-03-06T09:00:00Z");
    as(me(secretary, "secretary"));
    memory.ballots.failNext("list", new StoreError("Unavailable", "SharePoint is down"));
    await expect(closeRound(ports, round)).rejects.toMatchObject({ kind: "Unavailable" });
    expect(memory.rounds.all()[0]!.state).toBe("Lukket");
    expect(memory.rounds.all()[0]!.resultJson ?? "").toBe("");
    as(me(member, "member"));
    const page = await loadRoundPage(ports, round.id);
    expect(page.resultSource).toBe("notComputed");

    // Meanwhile: member changes their ballot, the chair adds a late one.
    at("2026-03-06T10:00:00Z");
    const mine = memory.ballots.all().find((x) => x.id === a.id)!;
    await ports.repositories.ballots.update({ ...mine, payload: { entries: ranks(2) } });
    as(me(chair, "chair"));
    await ports.repositories.ballots.add({
      title: "sent",
      round: { id: round.id, title: round.title },
      ballotKey: `${round.id}:${chair.id}`,
      voter: chair,
      payload: { entries: ranks(2) },
      comment: "",
    });
    at("2026-03-06T11:00:00Z");
    as(me(secretary, "secretary"));
    // The page's round is stale (still Åben): closing reads it again.
    const finished = await closeRound(ports, round);
    expect(finished).toMatchObject({
      computed: true,
      stored: { closedAt: "2026-03-06T09:00:00Z", ballotsCounted: 1, flagged: 2 },
    });
    // The state is written once (the first close); the second close stores the result.
    const updates = memory.rounds.calls.filter(([m]) => m === "update");
    expect(updates).toHaveLength(2);
  });

  it("without the committee's team it still closes and stores the result, without turnout", async () => {
    const ctx = setup(me(secretary, "secretary"));
    const { round } = await openRound(ctx.ports, draft(), { link: linkOf, closesText: null });
    const c = { ...ctx, round };
    await vote(c, me(member, "member"), ranks(1));
    ctx.as(me(chair, "chair"));
    const outcome = await closeRound(ctx.ports, round);
    expect(outcome.membersError).toMatchObject({ code: "rounds.problem.noCommitteeTeam" });
    expect(outcome.stored).toMatchObject({ ballotsCounted: 1, turnout: null });
  });

  it("refuses to close a draft or cancelled round, and anyone but the secretary or chair", async () => {
    const { ports, memory, round, as } = await openedRound();
    as(me(member, "member"));
    await expect(closeRound(ports, round)).rejects.toMatchObject({
      code: "rounds.problem.onlyManagersClose",
    });
    memory.rounds.touch(round.id, { state: "Annulleret" });
    as(me(chair, "chair"));
    await expect(closeRound(ports, round)).rejects.toMatchObject({
      code: "rounds.problem.onlyOpenCloses",
      params: { state: { code: "rounds.states.Annulleret" } },
    });
  });

  it("a ballot last saved by someone else than its author is not counted, and its author is told", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    const ballot = await vote(ctx, me(member, "member"), ranks(1));
    memory.ballots.touch(ballot.id, { modifiedBy: secretary, payload: { entries: ranks(2) } });
    as(me(chair, "chair", "member"));
    const chairView = await loadRoundPage(ports, round.id);
    expect(chairView.irregularities.map((i) => [i.item, i.rule, i.by?.id])).toEqual([
      [ballot.id, "ballot.editedByOther", secretary.id],
    ]);
    expect((await loadTurnout(ports, round)).voted).toEqual([]);
    const outcome = await closeRound(ports, round);
    expect(outcome.stored).toMatchObject({ ballotsCounted: 0, flagged: 1 });
    as(me(member, "member"));
    const mine = await loadRoundPage(ports, round.id);
    expect(mine.myBallot?.id).toBe(ballot.id);
    expect(mine.myIrregularities.map((i) => i.rule)).toEqual(["ballot.editedByOther"]);
  });
});

describe("the result stored at close, for everyone", () => {
  async function twoVotes() {
    const ctx = await openedRound();
    await vote(ctx, me(member, "member"), ranks(1));
    await vote(ctx, me(member2, "member"), ranks(2));
    return ctx;
  }

  it("a member reads the stored ranking after close (not one computed from their own ballot)", async () => {
    const { ports, memory, round, as } = await twoVotes();
    as(me(member, "member"));
    const before = await loadRoundPage(ports, round.id);
    expect(before.result).toBeNull();
    expect(before.resultSource).toBe("hidden");

    as(me(chair, "chair", "member"));
    await closeRound(ports, round);
    as(me(member, "member"));
    const page = await loadRoundPage(ports, round.id);
    expect(page.readsAll).toBe(false);
    expect(page.resultSource).toBe("stored");
    expect(page.storedProblem).toBeNull();
    expect(page.result?.ballotsCounted).toBe(2);
    expect(page.result?.candidates.map((c) => [c.candidate, c.value, c.place])).toEqual([
      [1, 1, 1],
      [2, 1, 1],
    ]);
    expect(page.storedResult?.turnout).toEqual({ voters: 3, voted: 2, notVoted: 1 });
    expect(page.memberBallots).toBeNull();

    // What the member sees is what is stored, not a tally of the ballots they can read.
    const stored = JSON.parse(page.round.resultJson!) as { ballotsCounted: number };
    memory.rounds.touch(round.id, {
      resultJson: JSON.stringify({ ...stored, ballotsCounted: 7 }),
    });
    // (7 counted with two ballot versions does not add up: not a readable result.)
    expect((await loadRoundPage(ports, round.id)).resultSource).toBe("notComputed");
  });

  it.each([
    ["missing", ""],
    ["invalid", "{not json"],
    ["invalid", JSON.stringify({ version: 2, method: "Rangordning" })],
  ] as const)(
    "a %s stored result is 'not computed yet' for everyone, never a crash; closing again stores it",
    async (problem, text) => {
      const { ports, memory, round, as } = await twoVotes();
      as(me(chair, "chair", "member"));
      await closeRound(ports, round);
      memory.rounds.touch(round.id, { resultJson: text });
      for (const who of [me(member, "member"), me(chair, "chair")]) {
        as(who);
        const page = await loadRoundPage(ports, round.id);
        expect(page.resultSource).toBe("notComputed");
        expect(page.storedProblem).toBe(problem);
        expect(page.result).toBeNull();
        expect(page.storedResult).toBeNull();
      }
      const again = await closeRound(ports, round);
      expect(again).toMatchObject({ computed: true, stored: { ballotsCounted: 2 } });
    },
  );

  it("a Kriteriescore round stores a result weighted with its weight set", async () => {
    const ctx = setup(me(secretary, "secretary"));
    const crit = ctx.memory.criteria.seed(aCriterion({ title: "Værdi" }))[0]!;
    const ws = ctx.memory.weightSets.seed(
      aWeightSet({ state: "Godkendt", weights: [{ criterion: crit.id, weight: 1 }] }),
    )[0]!;
    ctx.memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
    const { round } = await openRound(
      ctx.ports,
      draft({ method: "Kriteriescore", weightSet: aRef(ws.id, ws.title) }),
      { link: linkOf, closesText: null },
    );
    await vote({ ...ctx, round }, me(member, "member"), [
      { candidate: idOf(1), criterionScores: { [String(crit.id)]: 4 } },
    ]);
    ctx.as(me(chair, "chair"));
    const outcome = await closeRound(ctx.ports, round);
    expect(outcome.stored?.candidates[0]).toMatchObject({ candidate: 1, value: 1, place: 1 });
    ctx.as(me(member, "member"));
    expect((await loadRoundPage(ctx.ports, round.id)).resultSource).toBe("stored");
  });
});

describe("the committee's voters", () => {
  it("are the team's people in Medlemmer or Formand: the secretary is not in turnout", async () => {
    const { ports, round, as } = await openedRound();
    as(me(secretary, "secretary"));
    const open = await loadTurnout(ports, round);
    expect([...open.voted, ...open.notVoted].map((p) => p.id)).toEqual(VOTERS.map((p) => p.id));
    const outcome = await closeRound(ports, round);
    expect(outcome.stored?.turnout).toEqual({ voters: 3, voted: 0, notVoted: 3 });
  });

  it("include the secretary when also in Medlemmer; people outside the team are not in turnout", async () => {
    const { ports, round, as } = await openedRound();
    const outsider: Person = { id: idOf<PersonId>(9), name: "Ude", email: "ude@x.dk" };
    siteGroups.Medlemmer = [member, member2, secretary, outsider];
    as(me(secretary, "secretary", "member"));
    const turnoutNow = await loadTurnout(ports, round);
    expect(turnoutNow.notVoted.map((p) => p.id)).toEqual([
      member.id,
      chair.id,
      member2.id,
      secretary.id,
    ]);
    const outcome = await closeRound(ports, round);
    expect(outcome.stored?.turnout).toEqual({ voters: 4, voted: 0, notVoted: 4 });
  });

  it("a ballot by someone outside Medlemmer and Formand is not counted", async () => {
    const ctx = await openedRound();
    await vote(ctx, me(member2, "member"), ranks(1));
    siteGroups.Medlemmer = [member];
    ctx.as(me(chair, "chair"));
    const page = await loadRoundPage(ctx.ports, ctx.round.id);
    expect(page.irregularities.map((i) => [i.rule, i.by?.id])).toEqual([
      ["ballot.authorNotVoter", member2.id],
    ]);
  });

  it("a site group that cannot be read fails turnout, and the close leaves the round open", async () => {
    const { ports, memory, round, as } = await openedRound();
    delete siteGroups.Formand;
    as(me(chair, "chair"));
    await expect(loadTurnout(ports, round)).rejects.toMatchObject({ kind: "NotFound" });
    await expect(closeRound(ports, round)).rejects.toMatchObject({ kind: "NotFound" });
    expect(memory.rounds.all()[0]!.state).toBe("Åben");
  });

  it("a member from whom SharePoint hides a group's membership still gets their own turnout; the chair does not", async () => {
    const { ports, round, as } = await openedRound();
    const hidden = {
      ...ports,
      people: {
        ...ports.people,
        groupMembers: (title: string) =>
          title === "Formand"
            ? Promise.reject(new StoreError("Forbidden", "Access denied"))
            : ports.people.groupMembers(title),
      },
    };
    as(me(member, "member"));
    const asMember = await loadTurnout(hidden, round);
    // Only what a member can know: their own state (no team, no site groups read).
    expect(asMember.view).toEqual({ kind: "own", voted: false });
    expect((await loadRoundPage(hidden, round.id)).readsAll).toBe(false);
    as(me(chair, "chair"));
    await expect(loadTurnout(hidden, round)).rejects.toMatchObject({ kind: "Forbidden" });
    await expect(closeRound(hidden, round)).rejects.toMatchObject({ kind: "Forbidden" });
  });
});

describe("a member's turnout is only what a member can know", () => {
  it("is their own state, read without the site groups or the team, which a member may not read", async () => {
    const ctx = await openedRound();
    await vote(ctx, me(member2, "member"), ranks(1));
    ctx.as(me(member, "member"));
    const reads: string[] = [];
    const ports = {
      ...ctx.ports,
      people: {
        ...ctx.ports.people,
        groupMembers: (g: string) => (reads.push(`group:${g}`), ctx.ports.people.groupMembers(g)),
      },
      directory: {
        ...ctx.ports.directory,
        membersOf: (g: string) => (reads.push(`team:${g}`), ctx.ports.directory.membersOf(g)),
      },
    };
    const before = await loadTurnout(ports, ctx.round);
    expect(before.view).toEqual({ kind: "own", voted: false });
    await vote(ctx, me(member, "member"), ranks(2));
    ctx.as(me(member, "member"));
    const after = await loadTurnout(ports, ctx.round);
    expect(after.view).toEqual({ kind: "own", voted: true });
    expect(reads).toEqual([]);
  });

  it("the secretary sees who has voted and who has not", async () => {
    const ctx = await openedRound();
    await vote(ctx, me(member, "member"), ranks(1));
    ctx.as(me(secretary, "secretary"));
    const t = await loadTurnout(ctx.ports, ctx.round);
    expect(t.view).toEqual({ kind: "everyone", voted: [member], notVoted: [chair, member2] });
  });
});
