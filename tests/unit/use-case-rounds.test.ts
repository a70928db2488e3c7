/**
 * The priority-round use case with in-memory repositories: opening a round (validated, stored
 * as Åben, a notice with the ballot link in the committee's channel), a member's ballot per
 * method (validated, edited, a second one refused by the store, refused after close), closing
 * (an "Ikke afgivet" ballot for each member without one, every ballot locked, repeatable),
 * results and the chair's per-member view, ballots changed by someone else flagged and not
 * counted, turnout and reminder mails (escaped); the result stored at close for members
 * (aggregates only, recomputed on a repeated close, 'not computed yet' when missing or bad);
 * the voters are the team's people in Medlemmer or Formand (not the secretary).
 */
import type { Person } from "../../src/domain/common.js";
import type {
  ChannelAddress,
  ChannelPostRequest,
  MailMessage,
} from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type InitiativeId, type PersonId, type RoundId } from "../../src/domain/ids.js";
import type { RoundDraft } from "../../src/domain/prioritization.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { ballotStanding, isNotCastBallot } from "../../src/domain/tally.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import {
  closeRound,
  isRoundClosedError,
  loadRoundPage,
  loadRoundsPage,
  loadTurnout,
  openRound,
  saveBallot,
  sendBallotReminders,
} from "../../src/use-cases/rounds.js";
import {
  aBudgetLine,
  aCriterion,
  anInitiative,
  aRef,
  aRound,
  aSetting,
  aWeightSet,
} from "../support/builders.js";
import { aClock, chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";

const clock = aClock("2026-03-05T10:00:00Z");
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
  const { memory, repositories } = memoryRepositories(() => current.person);
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
  return { memory, ports, posts, mails, as: (u: Me) => (current = u) };
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
    ).rejects.toMatchObject({ kind: "Forbidden" });
    as(me(secretary, "secretary"));
    await expect(
      openRound(ports, draft({ candidates: [] }), { link: linkOf, closesText: null }),
    ).rejects.toMatchObject({ kind: "Invalid" });
    await expect(
      openRound(ports, draft({ method: "Kriteriescore" }), { link: linkOf, closesText: null }),
    ).rejects.toMatchObject({ kind: "Invalid" });
  });
});

async function openedRound(o: Partial<RoundDraft> = {}) {
  const ctx = setup(me(secretary, "secretary"));
  const { round } = await openRound(ctx.ports, draft(o), { link: linkOf, closesText: null });
  return { ...ctx, round };
}

describe("a member's ballot", () => {
  it("is added with the key <round>:<voter>, edited until close, and read back as mine", async () => {
    const { ports, memory, round, as } = await openedRound();
    as(me(member, "member"));
    let page = await loadRoundPage(ports, round.id);
    expect(page.myBallot).toBeNull();
    expect(page.accepts).toEqual({ ok: true });
    const entries = [
      { candidate: idOf<InitiativeId>(2), rank: 1 },
      { candidate: idOf<InitiativeId>(1), rank: 2 },
    ];
    await saveBallot(ports, { ...page, payload: { entries }, comment: "", existing: null });
    page = await loadRoundPage(ports, round.id);
    expect(page.myBallot?.ballotKey).toBe(`${round.id}:${member.id}`);
    expect(page.myBallot?.voter?.id).toBe(member.id);
    const changed = [
      { candidate: idOf<InitiativeId>(1), rank: 1 },
      { candidate: idOf<InitiativeId>(2), rank: 2 },
    ];
    await saveBallot(ports, {
      ...page,
      payload: { entries: changed },
      comment: "ændret",
      existing: page.myBallot,
    });
    expect(memory.ballots.all()).toHaveLength(1);
    expect(memory.ballots.all()[0]!.payload.entries).toEqual(changed);
  });

  it("passes the store's Conflict on for a second ballot", async () => {
    const { ports, memory, round, as } = await openedRound();
    as(me(member, "member"));
    const page = await loadRoundPage(ports, round.id);
    memory.ballots.failNext("add", new StoreError("Conflict", "BallotKey must be unique"));
    await expect(
      saveBallot(ports, {
        ...page,
        payload: { entries: [{ candidate: idOf(1), rank: 1 }] },
        comment: "",
        existing: null,
      }),
    ).rejects.toMatchObject({ kind: "Conflict" });
  });

  it("refuses a payload that does not fit the method, and any ballot after close", async () => {
    const { ports, memory, round, as } = await openedRound({
      method: "Prikker",
      settings: { pointsPerMember: 3 },
    });
    as(me(member, "member"));
    let page = await loadRoundPage(ports, round.id);
    await expect(
      saveBallot(ports, {
        ...page,
        payload: { entries: [{ candidate: idOf(1), points: 4 }] },
        comment: "",
        existing: null,
      }),
    ).rejects.toThrow(/højst 3/);
    as(me(secretary, "secretary"));
    await closeRound(ports, page.round);
    as(me(member, "member"));
    page = await loadRoundPage(ports, round.id);
    expect(page.accepts.ok).toBe(false);
    await expect(
      saveBallot(ports, {
        ...page,
        payload: { entries: [{ candidate: idOf(1), points: 1 }] },
        comment: "",
        existing: null,
      }),
    ).rejects.toMatchObject({ kind: "Invalid", details: { code: "RoundClosed" } });
    expect(memory.ballots.all()).toHaveLength(0);
  });

  it("reads the budget round's costs from the candidates' Anlæg lines", async () => {
    const { ports, memory, round, as } = await openedRound({
      method: "Budget",
      settings: { budgetPerMember: 1_000_000 },
    });
    memory.budgetLines.seed(
      aBudgetLine({ initiative: aRef(1), kind: "Anlæg", year: 2026, amount: 600_000 }),
      aBudgetLine({ initiative: aRef(1), kind: "Drift", year: 2026, amount: 50_000 }),
      aBudgetLine({ initiative: aRef(2), kind: "Anlæg", year: 2027, amount: 700_000 }),
    );
    as(me(member, "member"));
    const page = await loadRoundPage(ports, round.id);
    expect([...page.costs]).toEqual([
      [1, 600_000],
      [2, 700_000],
    ]);
    await expect(
      saveBallot(ports, {
        ...page,
        payload: { entries: [{ candidate: idOf(1) }, { candidate: idOf(2) }] },
        comment: "",
        existing: null,
      }),
    ).rejects.toThrow(/for meget/);
  });
});

describe("results, turnout and reminders", () => {
  async function votedAndClosed() {
    const ctx = await openedRound();
    const { ports, round, as } = ctx;
    for (const [voter, first] of [
      [member, 1],
      [chair, 2],
    ] as const) {
      as(me(voter, voter === chair ? "chair" : "member"));
      const page = await loadRoundPage(ports, round.id);
      await saveBallot(ports, {
        ...page,
        payload: {
          entries: [
            { candidate: idOf(first), rank: 1 },
            { candidate: idOf(3 - first), rank: 2 },
          ],
        },
        comment: "",
        existing: null,
      });
    }
    return { ...ctx, member2 };
  }

  it("hides results until close; then shows the Borda tally with spread, and ballots only to the chair", async () => {
    const { ports, round, as } = await votedAndClosed();
    as(me(chair, "chair", "member"));
    expect((await loadRoundPage(ports, round.id)).result).toBeNull();
    as(me(secretary, "secretary"));
    await closeRound(ports, (await loadRoundPage(ports, round.id)).round);
    const secretaryView = await loadRoundPage(ports, round.id);
    expect(secretaryView.result?.candidates.map((c) => [c.candidate, c.value, c.share])).toEqual([
      [1, 1, 50],
      [2, 1, 50],
    ]);
    expect(secretaryView.result?.candidates[0]!.spread).toMatchObject({ min: 0, max: 1 });
    expect(secretaryView.memberBallots).toBeNull();
    as(me(chair, "chair"));
    const chairView = await loadRoundPage(ports, round.id);
    expect(chairView.memberBallots?.map((b) => b.voter?.name).sort()).toEqual([
      chair.name,
      member.name,
    ]);
  });

  it("turnout lists who has voted, not what; reminders go one by one, escaped", async () => {
    const { ports, memory, round, as, mails } = await votedAndClosed();
    as(me(secretary, "secretary"));
    memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
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
    await closeRound(ctx.ports, (await loadRoundPage(ctx.ports, round.id)).round);
    const closed = await loadRoundPage(ctx.ports, round.id);
    expect(closed.result?.candidates.map((c) => [c.candidate, c.value])).toEqual([
      [1, 1],
      [2, 0.5],
    ]);
  });
});

describe("closing enforced by the store", () => {
  /** A Rangordning round (team-1 configured) in which `member` has voted. */
  async function oneVote() {
    const ctx = await openedRound();
    ctx.memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
    ctx.as(me(member, "member"));
    const page = await loadRoundPage(ctx.ports, ctx.round.id);
    const ballot = await saveBallot(ctx.ports, {
      ...page,
      payload: {
        entries: [
          { candidate: idOf(1), rank: 1 },
          { candidate: idOf(2), rank: 2 },
        ],
      },
      comment: "",
      existing: null,
    });
    return { ...ctx, ballot };
  }

  it("writes a locked 'Ikke afgivet' ballot for each member without one and locks every ballot", async () => {
    const { ports, memory, round, ballot, as } = await oneVote();
    as(me(chair, "chair", "member"));
    const outcome = await closeRound(ports, round);
    expect(memory.rounds.all()[0]!.state).toBe("Lukket");
    expect(outcome.membersError).toBeNull();
    expect(outcome.notCast.map((p) => p.id)).toEqual([chair.id, member2.id]);
    expect(outcome.locked).toBe(3);
    const stored = memory.ballots.all();
    expect(stored.map((b) => b.ballotKey).sort()).toEqual(
      VOTERS.map((p) => `${round.id}:${p.id}`).sort(),
    );
    expect([...memory.ballots.locked].sort()).toEqual(stored.map((b) => b.id).sort());
    const placeholders = stored.filter((b) => b.id !== ballot.id);
    expect(placeholders.every(isNotCastBallot)).toBe(true);
    expect(placeholders.map((b) => b.payload)).toEqual([
      { entries: [], notCast: true },
      { entries: [], notCast: true },
    ]);

    // "Ikke afgivet" is not a vote: turnout says who did not vote, the tally counts one ballot.
    const t = await loadTurnout(ports, round);
    expect(t.voted.map((p) => p.id)).toEqual([member.id]);
    expect(t.notVoted.map((p) => p.id)).toEqual([chair.id, member2.id]);
    expect(t.unsettled).toEqual([]);
    expect(t.readsAll).toBe(true);
    const chairView = await loadRoundPage(ports, round.id);
    expect(chairView.result?.ballotsCounted).toBe(1);
    expect(chairView.irregular).toEqual([]);
    expect(chairView.myBallot).toBeNull();
    expect(
      chairView.memberBallots?.map((b) => [b.voter?.id, ballotStanding(chairView.round, b)]),
    ).toEqual([
      [member.id, "vote"],
      [chair.id, "notCast"],
      [member2.id, "notCast"],
    ]);
  });

  it("a member voting on a page opened before close is told the round is closed", async () => {
    const { ports, memory, round, as } = await oneVote();
    as(me(member2, "member"));
    const stale = await loadRoundPage(ports, round.id);
    as(me(member, "member"));
    const mine = await loadRoundPage(ports, round.id);
    as(me(secretary, "secretary"));
    await closeRound(ports, round);

    // A first ballot: the store's unique key meets the "Ikke afgivet" ballot (Conflict).
    as(me(member2, "member"));
    memory.ballots.failNext("add", new StoreError("Conflict", "BallotKey must be unique"));
    const added = saveBallot(ports, {
      ...stale,
      payload: { entries: [{ candidate: idOf(1), rank: 1 }] },
      comment: "",
      existing: null,
    });
    const refusal: unknown = await added.catch((e: unknown) => e);
    expect(isRoundClosedError(refusal)).toBe(true);
    expect(refusal).toMatchObject({ kind: "Forbidden" });
    expect((refusal as Error).message).toMatch(/Runden er lukket/);

    // A change to one's own ballot: the store refuses the locked ballot (Forbidden).
    as(me(member, "member"));
    const changed = saveBallot(ports, {
      ...mine,
      payload: { entries: [{ candidate: idOf(2), rank: 1 }] },
      comment: "",
      existing: mine.myBallot,
    });
    await expect(changed).rejects.toMatchObject({
      kind: "Forbidden",
      details: { code: "RoundClosed" },
    });
    expect(memory.ballots.all().find((b) => b.voter?.id === member.id)?.comment).toBe("");
  });

  it("a refusal while the round is still open stays the store's own error", async () => {
    const { ports, memory, round, ballot, as } = await oneVote();
    as(me(member, "member"));
    const page = await loadRoundPage(ports, round.id);
    memory.ballots.touch(ballot.id, { comment: "other tab" });
    await expect(
      saveBallot(ports, {
        ...page,
        payload: { entries: [{ candidate: idOf(2), rank: 1 }] },
        comment: "",
        existing: page.myBallot,
      }),
    ).rejects.toMatchObject({ kind: "Conflict" });
  });

  it("closing again finishes an interrupted close: nothing twice, every ballot locked", async () => {
    const { ports, memory, round, as } = await oneVote();
    as(me(secretary, "secretary"));
    memory.ballots.failNext("lock", new StoreError("Unavailable", "SharePoint is down"));
    await expect(closeRound(ports, round)).rejects.toMatchObject({ kind: "Unavailable" });
    expect(memory.rounds.all()[0]!.state).toBe("Lukket");
    expect(memory.ballots.locked.size).toBe(0);

    // The page's round is stale (still Åben): closing reads it again.
    const again = await closeRound(ports, round);
    expect(again.notCast).toEqual([]);
    expect(again.locked).toBe(3);
    expect(memory.ballots.all()).toHaveLength(3);
    expect(memory.ballots.locked.size).toBe(3);
    // The state is written once (the first close); the second close stores the result.
    const updates = memory.rounds.calls.filter(([m]) => m === "update");
    expect(updates).toHaveLength(2);
    expect(memory.rounds.all()[0]!.resultJson).toBeTruthy();
  });

  it("without the committee's team it still closes and locks, says so, and turnout shows who is left", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    as(me(member, "member"));
    const page = await loadRoundPage(ports, round.id);
    await saveBallot(ports, {
      ...page,
      payload: { entries: [{ candidate: idOf(1), rank: 1 }] },
      comment: "",
      existing: null,
    });
    as(me(chair, "chair"));
    const first = await closeRound(ports, round);
    expect(first.membersError).toMatchObject({ kind: "NotFound" });
    expect(first.notCast).toEqual([]);
    expect(first.locked).toBe(1);

    memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
    const closed = (await loadRoundPage(ports, round.id)).round;
    expect((await loadTurnout(ports, closed)).unsettled.map((p) => p.id)).toEqual([
      chair.id,
      member2.id,
    ]);
    const second = await closeRound(ports, closed);
    expect(second.notCast.map((p) => p.id)).toEqual([chair.id, member2.id]);
    expect((await loadTurnout(ports, closed)).unsettled).toEqual([]);
    // A member reads only their own ballots: no "unsettled" judgement from a partial view.
    as(me(member, "member"));
    const asMember = await loadTurnout(ports, closed);
    expect(asMember.readsAll).toBe(false);
    expect(asMember.unsettled).toEqual([]);
  });

  it("refuses to close a draft or cancelled round, and anyone but the secretary or chair", async () => {
    const { ports, memory, round, as } = await oneVote();
    as(me(member, "member"));
    await expect(closeRound(ports, round)).rejects.toMatchObject({ kind: "Forbidden" });
    memory.rounds.touch(round.id, { state: "Annulleret" });
    as(me(chair, "chair"));
    await expect(closeRound(ports, round)).rejects.toMatchObject({ kind: "Invalid" });
    expect(memory.ballots.locked.size).toBe(0);
  });

  it("a ballot changed by someone else is flagged 'changed' and left out of the tally, but its voter voted", async () => {
    const { ports, memory, round, ballot, as } = await oneVote();
    as(me(chair, "chair", "member"));
    await closeRound(ports, round);
    memory.ballots.touch(ballot.id, {
      modifiedBy: chair,
      payload: { entries: [{ candidate: idOf(2), rank: 1 }] },
    });
    const chairView = await loadRoundPage(ports, round.id);
    expect(chairView.irregular.map((i) => [i.ballot.id, i.standing])).toEqual([
      [ballot.id, "changed"],
    ]);
    expect(chairView.result?.ballotsCounted).toBe(0);
    expect(chairView.memberBallots?.map((b) => ballotStanding(chairView.round, b))).toEqual([
      "changed",
      "notCast",
      "notCast",
    ]);
    expect((await loadTurnout(ports, round)).voted.map((p) => p.id)).toEqual([member.id]);
    as(me(member, "member"));
    const mine = await loadRoundPage(ports, round.id);
    expect(mine.myBallot?.id).toBe(ballot.id);
    expect(mine.myBallotChanged).toBe(true);
  });
});

describe("the result stored at close, for members", () => {
  /** member and member2 vote (different rankings); the chair does not. */
  async function twoVotes() {
    const ctx = await openedRound();
    ctx.memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
    for (const [who, first] of [
      [member, 1],
      [member2, 2],
    ] as const) {
      ctx.as(me(who, "member"));
      const page = await loadRoundPage(ctx.ports, ctx.round.id);
      await saveBallot(ctx.ports, {
        ...page,
        payload: {
          entries: [
            { candidate: idOf(first), rank: 1 },
            { candidate: idOf(first === 1 ? 2 : 1), rank: 2 },
          ],
        },
        comment: "",
        existing: null,
      });
    }
    return ctx;
  }

  const storedOf = (memory: ReturnType<typeof setup>["memory"]) =>
    JSON.parse(memory.rounds.all()[0]!.resultJson ?? "null") as Record<string, unknown>;

  it("closing stores the tally on the round: ranking, spread, counts and turnout, no ballot", async () => {
    const { ports, memory, round, as } = await twoVotes();
    as(me(secretary, "secretary"));
    const outcome = await closeRound(ports, round);
    const stored = storedOf(memory);
    expect(outcome.stored).toEqual(stored);
    expect(stored).toMatchObject({
      version: 1,
      method: "Rangordning",
      closedAt: "2026-03-05T10:00:00.000Z",
      computedAt: "2026-03-05T10:00:00.000Z",
      ballotsCounted: 2,
      flagged: 0,
      // The chair did not vote; the secretary is not a voter.
      turnout: { voters: 3, voted: 2, notVoted: 1 },
    });
    expect(stored.candidates).toEqual([
      expect.objectContaining({ candidate: 1, value: 1, place: 1, share: 50 }),
      expect.objectContaining({ candidate: 2, value: 1, place: 1, share: 50 }),
    ]);
    expect((stored.candidates as { spread: unknown }[])[0]!.spread).toMatchObject({
      count: 2,
      min: 0,
      max: 1,
    });
    // Per-member data is never in it: no names, e-mails, ids as voters, ballots or entries.
    const json = memory.rounds.all()[0]!.resultJson!;
    for (const p of [member, member2, chair, secretary]) {
      expect(json).not.toContain(p.name);
      expect(json).not.toContain(p.email);
    }
    expect(json).not.toMatch(/"voter"|"ballots"|"entries"|"rank"|"payload"|"comment"/);
  });

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
    // Two ballots counted, though the member reads only their own.
    expect(page.result?.ballotsCounted).toBe(2);
    expect(page.result?.candidates.map((c) => [c.candidate, c.value, c.place])).toEqual([
      [1, 1, 1],
      [2, 1, 1],
    ]);
    expect(page.storedResult?.turnout).toEqual({ voters: 3, voted: 2, notVoted: 1 });
    expect(page.memberBallots).toBeNull();

    // What the member sees is what is stored, not a tally of the ballots they can read (the
    // store lets a member read only their own; this fake store does not, so tell them apart).
    const stored = JSON.parse(page.round.resultJson!) as { ballotsCounted: number };
    memory.rounds.touch(round.id, {
      resultJson: JSON.stringify({ ...stored, ballotsCounted: 7 }),
    });
    expect((await loadRoundPage(ports, round.id)).result?.ballotsCounted).toBe(7);
  });

  it("the chair and the secretary keep the live view, with each member's ballot for the chair", async () => {
    const { ports, memory, round, as } = await twoVotes();
    as(me(chair, "chair", "member"));
    await closeRound(ports, round);
    // Someone writes a wrong stored result: the chair's view is live from the ballots anyway.
    memory.rounds.touch(round.id, { resultJson: "{not json" });
    const page = await loadRoundPage(ports, round.id);
    expect(page.resultSource).toBe("live");
    expect(page.result?.ballotsCounted).toBe(2);
    expect(page.storedProblem).toBe("invalid");
    expect(page.memberBallots?.map((b) => b.voter?.id).sort()).toEqual(
      [member.id, chair.id, member2.id].sort(),
    );
  });

  it("closing again recomputes it (a ballot changed since is left out), keeping the first close's time", async () => {
    const { ports, memory, round, as } = await twoVotes();
    as(me(chair, "chair", "member"));
    await closeRound(ports, round);
    const changed = memory.ballots.all().find((b) => b.voter?.id === member2.id)!;
    memory.ballots.touch(changed.id, { modifiedBy: chair });
    const later = { ...ports, clock: aClock("2026-03-06T09:30:00Z") };
    const again = await closeRound(later, round);
    expect(again.notCast).toEqual([]);
    const stored = storedOf(memory);
    expect(again.stored).toEqual(stored);
    expect(stored).toMatchObject({
      closedAt: "2026-03-05T10:00:00.000Z",
      computedAt: "2026-03-06T09:30:00.000Z",
      ballotsCounted: 1,
      flagged: 1,
      // A ballot changed by someone else still shows its voter voted.
      turnout: { voters: 3, voted: 2, notVoted: 1 },
    });
    expect(stored.candidates).toEqual([
      expect.objectContaining({ candidate: 1, value: 1, place: 1, share: 100 }),
      expect.objectContaining({ candidate: 2, value: 0, place: 2, share: 0 }),
    ]);
    as(me(member, "member"));
    expect((await loadRoundPage(ports, round.id)).result?.ballotsCounted).toBe(1);
  });

  it.each([
    ["missing", ""],
    ["invalid", "{not json"],
    ["invalid", JSON.stringify({ version: 2, method: "Rangordning" })],
  ] as const)(
    "a %s stored result is 'not computed yet' for a member, never a crash",
    async (problem, text) => {
      const { ports, memory, round, as } = await twoVotes();
      as(me(chair, "chair", "member"));
      await closeRound(ports, round);
      memory.rounds.touch(round.id, { resultJson: text });
      as(me(member, "member"));
      const page = await loadRoundPage(ports, round.id);
      expect(page.resultSource).toBe("notComputed");
      expect(page.storedProblem).toBe(problem);
      expect(page.result).toBeNull();
      expect(page.storedResult).toBeNull();
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
    ctx.as(me(member, "member"));
    const page = await loadRoundPage(ctx.ports, round.id);
    await saveBallot(ctx.ports, {
      ...page,
      payload: { entries: [{ candidate: idOf(1), criterionScores: { [String(crit.id)]: 4 } }] },
      comment: "",
      existing: null,
    });
    ctx.as(me(chair, "chair"));
    const outcome = await closeRound(ctx.ports, round);
    expect(outcome.stored?.candidates[0]).toMatchObject({ candidate: 1, value: 1, place: 1 });
    ctx.as(me(member, "member"));
    expect((await loadRoundPage(ctx.ports, round.id)).resultSource).toBe("stored");
  });
});

describe("the committee's voters", () => {
  it("are the team's people in Medlemmer or Formand: the secretary is neither in turnout nor given 'Ikke afgivet'", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
    as(me(secretary, "secretary"));
    const open = await loadTurnout(ports, round);
    expect([...open.voted, ...open.notVoted].map((p) => p.id)).toEqual(VOTERS.map((p) => p.id));
    expect(open.notVoted.map((p) => p.id)).not.toContain(secretary.id);
    const outcome = await closeRound(ports, round);
    expect(outcome.notCast.map((p) => p.id)).toEqual(VOTERS.map((p) => p.id));
    expect(memory.ballots.all().map((b) => b.voter?.id)).not.toContain(secretary.id);
    expect(outcome.stored?.turnout).toEqual({ voters: 3, voted: 0, notVoted: 3 });
    expect((await loadTurnout(ports, round)).unsettled).toEqual([]);
  });

  it("include the secretary when also in Medlemmer; people outside the team are not voters", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
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
    expect(outcome.notCast.map((p) => p.id)).toContain(secretary.id);
    expect(outcome.notCast.map((p) => p.id)).not.toContain(outsider.id);
  });

  it("a site group that cannot be read is a failed turnout, and a close without 'Ikke afgivet' ballots that says so", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
    delete siteGroups.Formand;
    as(me(chair, "chair"));
    await expect(loadTurnout(ports, round)).rejects.toMatchObject({ kind: "NotFound" });
    const outcome = await closeRound(ports, round);
    expect(outcome.membersError).toMatchObject({ kind: "NotFound" });
    expect(outcome.notCast).toEqual([]);
    expect(outcome.stored?.turnout).toBeNull();
  });

  it("a member from whom SharePoint hides a group's membership still gets turnout (over the team); the chair does not", async () => {
    const ctx = await openedRound();
    const { ports, memory, round, as } = ctx;
    memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
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
    expect(asMember.notVoted.map((p) => p.id)).toEqual(TEAM.map((p) => p.id));
    as(me(chair, "chair"));
    await expect(loadTurnout(hidden, round)).rejects.toMatchObject({ kind: "Forbidden" });
    const outcome = await closeRound(hidden, round);
    expect(outcome.membersError).toMatchObject({ kind: "Forbidden" });
    expect(outcome.notCast).toEqual([]);
  });
});
