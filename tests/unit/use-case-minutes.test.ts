/**
 * Minutes use cases with in-memory repositories and a fake Chefforum channel: saving a point
 * (Afholdt after the start, the decision stored with the meeting's date), actions, an edit after
 * approval clears it, a decision moving the initiative's phase through changePhase; approval →
 * an approval item by the chair pinned to the minutes' fingerprint, posted once; a failure on
 * part 2 → part 1 recorded, the retry posts only part 2; a crash after a post and before storing
 * its id → no duplicate thanks to the channel's list; corrected minutes posted again marked
 * "Rettet referat". Four eyes: a state forged by the secretary, an approval by a non-chair and
 * minutes changed after approval allow no posting and are reported as irregular. One post: two
 * posts started at once post once (the loser reads the winner's ids); a claim left by a crashed
 * poster is waited for, then taken over.
 */
import type {
  ChannelAddress,
  ChannelMessage,
  ChannelMessageId,
  ChannelPostRequest,
} from "../../src/domain/communication.js";
import { isStoreError, StoreError } from "../../src/domain/errors.js";
import { idOf, type MeetingId } from "../../src/domain/ids.js";
import type { AgendaItem, Meeting } from "../../src/domain/meetings.js";
import { POSTING_CLAIM_TTL_MS } from "../../src/domain/minutes.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import { loadInitiativePage } from "../../src/use-cases/initiative.js";
import { loadMeeting } from "../../src/use-cases/meetings.js";
import {
  approveMinutes,
  CLAIM_WAIT_MS,
  loadMinutes,
  MAX_MINUTES_PARTS,
  minutesIrregularities,
  type MinutesPostPorts,
  MinutesRefused,
  postApprovedMinutes,
  removeAction,
  saveAction,
  savePointMinutes,
} from "../../src/use-cases/minutes.js";
import { aMeeting, anAgendaItem, anInitiative, aRef, aSetting } from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { accepted, refusal } from "../support/outcome.js";
import { fakeSitePeople } from "../support/site-people.js";

const CHEFFORUM = { teamId: "team-cf", channelId: "chan-ref" };
const LINK = "https://tab.example/#/moeder/1/referat";

/** A channel that keeps its messages; `failPost(n)` makes the n-th next post reject. */
class FakeChannel implements ChannelPoster {
  readonly messages: (ChannelMessage & { channel: ChannelAddress })[] = [];
  posts = 0;
  private failures = new Map<number, Error>();
  private seq = 100;

  failPost(nth: number, error: Error): void {
    this.failures.set(this.posts + nth, error);
  }

  post(channel: ChannelAddress, request: ChannelPostRequest) {
    this.posts += 1;
    const failure = this.failures.get(this.posts);
    if (failure) return Promise.reject(failure);
    this.seq += 1;
    const message = {
      channel,
      id: String(this.seq) as ChannelMessageId,
      postedAt: "2026-03-11T10:00:00Z",
      webUrl: `https://teams.example/${this.seq}`,
      html: request.html,
      ...(request.subject ? { subject: request.subject } : {}),
    };
    this.messages.unshift(message);
    return Promise.resolve({ id: message.id, postedAt: message.postedAt, webUrl: message.webUrl });
  }

  list(channel: ChannelAddress, limit = 50) {
    return Promise.resolve(
      this.messages
        .filter((m) => m.channel.channelId === channel.channelId)
        .slice(0, limit)
        .map(({ channel: _c, ...m }) => m),
    );
  }
}

function setup(who: Me, now = "2026-03-10T09:30:00Z") {
  let current = who;
  const { memory, repositories } = memoryRepositories(() => current.person);
  const channel = new FakeChannel();
  const clock = { at: new Date(now) };
  const ports = {
    repositories,
    currentUser: { me: () => Promise.resolve(current) },
    clock: { now: () => clock.at },
    channel,
    // Formand is the chair; the secretary is not in it.
    people: {
      ensure: () => Promise.reject(new Error("not used")),
      groupMembers: (group: string) => Promise.resolve(group === "Formand" ? [chair] : []),
    },
    sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 1)),
  } satisfies MinutesPostPorts;
  memory.settings.seed(
    aSetting({ key: SETTING_KEYS.chefforumTeamId, value: CHEFFORUM.teamId }),
    aSetting({ key: SETTING_KEYS.chefforumChannelId, value: CHEFFORUM.channelId }),
  );
  const [meeting] = memory.meetings.seed({
    ...aMeeting({ state: "Dagsorden udsendt" }),
    id: idOf<MeetingId>(1),
  });
  return {
    memory,
    ports,
    channel,
    meeting: meeting as Meeting,
    clock,
    as: (next: Me) => {
      current = next;
    },
  };
}

/** The chair approves the minutes as the page shows them now. */
async function approveAsRead(ports: MinutesPostPorts) {
  const page = await loadMinutes(ports, 1 as never);
  return approveMinutes(ports, { ...page, meetingLink: LINK });
}

const theSecretary = me(secretary, "secretary");
const theChair = me(chair, "chair");

function seedPoints(memory: ReturnType<typeof setup>["memory"], texts: string[]): AgendaItem[] {
  return memory.agendaItems.seed(
    ...texts.map((t, i) =>
      anAgendaItem({
        title: `Punkt ${i + 1}`,
        sortOrder: i + 1,
        kind: "Drøftelse",
        meeting: aRef(1),
        minutesText: t,
      }),
    ),
  );
}

describe("writing the minutes", () => {
  it("the first save after the start makes the meeting Afholdt; a decision gets the meeting's date", async () => {
    const { memory, ports, meeting } = setup(theSecretary);
    const [initiative] = memory.initiatives.seed(anInitiative({ title: "Chatbot", phase: "Idé" }));
    const [item] = memory.agendaItems.seed(
      anAgendaItem({
        title: "Chatbot",
        kind: "Beslutning",
        meeting: aRef(1),
        initiative: aRef(initiative!.id, "Chatbot"),
      }),
    );
    const saved = await accepted(
      savePointMinutes(ports, {
        meeting,
        item: item!,
        minutesText: "Drøftet grundigt.",
        decision: { text: "Tiltaget fortsætter.", carriedTo: ["ØU"] },
        existingDecision: null,
      }),
    );
    expect(memory.meetings.all()[0]!.state).toBe("Afholdt");
    expect(memory.agendaItems.all()[0]!.minutesText).toBe("Drøftet grundigt.");
    expect(memory.decisions.all()).toEqual([
      expect.objectContaining({
        title: "Chatbot",
        meeting: { id: 1, title: meeting.title },
        agendaItem: { id: item!.id, title: "Chatbot" },
        initiative: { id: initiative!.id, title: "Chatbot" },
        text: "Tiltaget fortsætter.",
        carriedTo: ["ØU"],
        decidedAt: meeting.start,
      }),
    ]);
    expect(saved.meeting.state).toBe("Afholdt");
    // The decision shows on the initiative's page.
    const initiativePage = await loadInitiativePage(
      { repositories: ports.repositories, people: fakeSitePeople({}) },
      initiative!.id,
    );
    expect(initiativePage.decisions.map((d) => d.text)).toEqual(["Tiltaget fortsætter."]);
  });

  it("a save before the meeting's start keeps its state; members may not write", async () => {
    const { memory, ports, meeting, as } = setup(theSecretary, "2026-03-09T12:00:00Z");
    const [item] = seedPoints(memory, [""]);
    await accepted(
      savePointMinutes(ports, {
        meeting,
        item: item!,
        minutesText: "Forberedt.",
        decision: null,
        existingDecision: null,
      }),
    );
    expect(memory.meetings.all()[0]!.state).toBe("Dagsorden udsendt");
    as(me(member, "member"));
    expect(
      await refusal(
        savePointMinutes(ports, {
          meeting: memory.meetings.all()[0]!,
          item: memory.agendaItems.all()[0]!,
          minutesText: "x",
          decision: null,
          existingDecision: null,
        }),
      ),
    ).toEqual({ code: "minutes.problem.notWriter" });
  });

  it("actions are stored with the meeting, the decision and its initiative; removed again", async () => {
    const { memory, ports, meeting } = setup(theSecretary);
    const [item] = memory.agendaItems.seed(
      anAgendaItem({ kind: "Beslutning", meeting: aRef(1), initiative: aRef(9, "Digital post") }),
    );
    const { decision, meeting: m1 } = await accepted(
      savePointMinutes(ports, {
        meeting,
        item: item!,
        minutesText: "",
        decision: { text: "Godkendt.", carriedTo: [] },
        existingDecision: null,
      }),
    );
    const { action, meeting: m2 } = await accepted(
      saveAction(ports, {
        meeting: m1,
        existing: null,
        action: {
          title: "Skriv business case",
          description: "",
          owner: secretary,
          due: "2026-04-01T00:00:00Z",
          state: "Åben",
          decision,
        },
      }),
    );
    expect(action).toMatchObject({
      meeting: { id: 1 },
      decision: { id: decision!.id },
      initiative: { id: 9, title: "Digital post" },
      owner: secretary,
    });
    await accepted(removeAction(ports, { meeting: m2, action }));
    expect(memory.actions.all()).toEqual([]);
  });

  it("an edit after approval clears it (Afholdt, no approver), and an unseen approval is a Conflict", async () => {
    const { memory, ports, meeting } = setup(theSecretary);
    const [item] = seedPoints(memory, ["Første udgave"]);
    memory.meetings.touch(1, {
      state: "Referat godkendt",
      minutesApprovedAt: "2026-03-11T10:00:00Z",
      minutesApprovedBy: chair,
    });
    // The secretary's page still showed the minutes as not approved: not silently cleared.
    expect(
      await refusal(
        savePointMinutes(ports, {
          meeting,
          item: item!,
          minutesText: "Anden udgave",
          decision: null,
          existingDecision: null,
        }),
      ),
    ).toEqual({ code: "minutes.problem.approvedSince" });
    expect(memory.agendaItems.all()[0]!.minutesText).toBe("Første udgave");
    // Having read it again (and been told), the edit clears the approval.
    await accepted(
      savePointMinutes(ports, {
        meeting: memory.meetings.all()[0]!,
        item: item!,
        minutesText: "Anden udgave",
        decision: null,
        existingDecision: null,
      }),
    );
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Afholdt",
      minutesApprovedAt: null,
      minutesApprovedBy: null,
    });
  });

  it("a decision moves the initiative's phase through changePhase, recorded with the decision", async () => {
    const { memory, ports, meeting } = setup(theSecretary);
    const [initiative] = memory.initiatives.seed(
      anInitiative({ title: "Chatbot", phase: "Idé", need: "Borgerne venter for længe" }),
    );
    const [item] = memory.agendaItems.seed(
      anAgendaItem({
        title: "Chatbot",
        kind: "Beslutning",
        meeting: aRef(1),
        initiative: aRef(initiative!.id, "Chatbot"),
      }),
    );
    const saved = await accepted(
      savePointMinutes(ports, {
        meeting,
        item: item!,
        minutesText: "",
        decision: { text: "Behovet analyseres.", carriedTo: [] },
        existingDecision: null,
        phaseMove: { to: "Behovsanalyse", reason: "Behovet analyseres." },
      }),
    );
    expect(saved.phase).toMatchObject({ ok: true });
    expect(memory.initiatives.all()[0]!.phase).toBe("Behovsanalyse");
    expect(memory.phaseChanges.all()).toEqual([
      expect.objectContaining({
        fromPhase: "Idé",
        toPhase: "Behovsanalyse",
        decision: { id: saved.decision!.id, title: "Chatbot" },
        reason: "Behovet analyseres.",
      }),
    ]);
  });

  it("a refused phase change is reported; the minutes are saved anyway", async () => {
    const { memory, ports, meeting } = setup(theSecretary);
    const [initiative] = memory.initiatives.seed(anInitiative({ phase: "Idé", need: "" }));
    const [item] = memory.agendaItems.seed(
      anAgendaItem({ kind: "Beslutning", meeting: aRef(1), initiative: aRef(initiative!.id) }),
    );
    const saved = await accepted(
      savePointMinutes(ports, {
        meeting,
        item: item!,
        minutesText: "Skrevet",
        decision: { text: "Videre", carriedTo: [] },
        existingDecision: null,
        phaseMove: { to: "Behovsanalyse", reason: "" },
      }),
    );
    expect(saved.phase).toMatchObject({ ok: false, refusal: { kind: "gate" } });
    expect(memory.initiatives.all()[0]!.phase).toBe("Idé");
    expect(memory.agendaItems.all()[0]!.minutesText).toBe("Skrevet");
  });
});

describe("approval and posting to Chefforum", () => {
  function held(texts: string[]) {
    const s = setup(theSecretary);
    seedPoints(s.memory, texts);
    s.memory.meetings.touch(1, { state: "Afholdt" });
    s.as(theChair);
    return s;
  }

  it("the chair approves: an approval by the chair pinned to the minutes, posted once, then Referat udsendt", async () => {
    const { memory, ports, channel } = held(['Hej <script>alert("x")</script>']);
    const page = await loadMinutes(ports, 1 as never);
    expect(page.standing?.status.kind).toBe("none");
    const result = await approveMinutes(ports, { ...page, meetingLink: LINK });
    expect(result.posting).toEqual({ kind: "posted", messageIds: ["101"], corrected: false });
    expect(memory.minutesApprovals.all()).toEqual([
      expect.objectContaining({
        meeting: { id: 1, title: "Styregruppemøde marts" },
        contentHash: page.standing?.contentHash,
        approvedAt: "2026-03-10T09:30:00.000Z",
        createdBy: chair,
      }),
    ]);
    const after = await loadMinutes(ports, 1 as never);
    expect(after.standing).toMatchObject({
      status: { kind: "approved", by: chair },
      irregular: [],
    });
    expect(channel.messages).toHaveLength(1);
    expect(channel.messages[0]!.channel).toEqual(CHEFFORUM);
    expect(channel.messages[0]!.html).toContain("&lt;script&gt;");
    expect(channel.messages[0]!.html).toContain(`<a href="${LINK}">`);
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      minutesApprovedAt: "2026-03-10T09:30:00.000Z",
      minutesApprovedBy: chair,
      channelMessageId: "101",
    });
    // A retry afterwards posts nothing.
    expect(await postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK })).toEqual({
      kind: "alreadyPosted",
      messageIds: ["101"],
    });
    expect(channel.posts).toBe(1);
    expect(memory.meetings.all()[0]!.postingClaim).toBe("");
  });

  it("only the chair approves (not the secretary, nor a site owner outside Formand); a newer edit is a Conflict", async () => {
    const { memory, ports, as } = held(["x"]);
    for (const who of [theSecretary, me(secretary, "owner")]) {
      as(who);
      const refused = await approveAsRead(ports).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MinutesRefused);
      expect(refused).toMatchObject({
        kind: "Forbidden",
        refusal: { code: "minutes.refusal.notChair" },
      });
    }
    expect(memory.minutesApprovals.all()).toEqual([]);
    as(theChair);
    const seen = await loadMinutes(ports, 1 as never);
    memory.meetings.touch(1, {}); // the secretary saved an edit since
    await expect(approveMinutes(ports, { ...seen, meetingLink: LINK })).rejects.toMatchObject({
      kind: "Conflict",
    });
    expect(memory.meetings.all()[0]!.state).toBe("Afholdt");
    expect(memory.minutesApprovals.all()).toEqual([]);
  });

  it("approved minutes are not approved twice", async () => {
    const { ports } = held(["x"]);
    await approveAsRead(ports);
    await expect(approveAsRead(ports)).rejects.toMatchObject({
      kind: "Invalid",
      refusal: { code: "minutes.refusal.alreadyApproved" },
    });
  });

  it("a failure on part 2 records part 1; the retry posts only part 2", async () => {
    const long = "Æbler og pærer. ".repeat(1200); // ~19 KB: one point per message
    const { memory, ports, channel } = held([long, long, long]);
    channel.failPost(2, new StoreError("Throttled", "Too many requests", { retryAfter: 5 }));
    const first = await approveAsRead(ports);
    expect(first.posting).toMatchObject({ kind: "failed", posted: 1, total: 3 });
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat godkendt",
      channelMessageId: "101",
      postingClaim: "", // released, so the retry need not wait
    });
    expect(channel.messages.map((m) => m.subject)).toEqual([
      "Referat: Styregruppemøde marts, 10. marts 2026 (del 1 af 3)",
    ]);

    const retry = await postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK });
    expect(retry).toEqual({ kind: "posted", messageIds: ["101", "102", "103"], corrected: false });
    expect(channel.posts).toBe(4); // 1 ok, 1 failed, 2 on retry
    expect(
      channel.messages
        .map((m) => m.subject)
        .reverse()
        .map((s) => /del (\d) af 3/.exec(s ?? "")?.[1]),
    ).toEqual(["1", "2", "3"]);
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: "101,102,103",
    });
  });

  it("a crash after posting and before storing the id: the retry finds the part by its subject", async () => {
    const { memory, ports, channel } = held(["Kort referat"]);
    // The first update is the approval, the second the claim; the third, storing the posted
    // part's id, fails.
    const seen = await loadMinutes(ports, 1 as never);
    const realUpdate = memory.meetings.update.bind(memory.meetings);
    let updates = 0;
    memory.meetings.update = (e) => {
      updates += 1;
      return updates === 3
        ? Promise.reject(new StoreError("Unavailable", "SharePoint is down"))
        : realUpdate(e);
    };
    const result = await approveMinutes(ports, { ...seen, meetingLink: LINK });
    expect(result.posting).toMatchObject({ kind: "failed", posted: 1, total: 1 });
    expect(channel.messages).toHaveLength(1);
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat godkendt",
      channelMessageId: "",
    });

    const retry = await postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK });
    expect(retry).toEqual({ kind: "posted", messageIds: ["101"], corrected: false });
    expect(channel.posts).toBe(1); // not posted again
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: "101",
    });
  });

  it("without Chefforum's channel in Settings nothing is posted or marked", async () => {
    const { memory, ports, channel } = held(["x"]);
    for (const s of memory.settings.all()) await memory.settings.remove(s.id, s.version);
    const result = await approveAsRead(ports);
    expect(result.posting).toEqual({ kind: "noChannel" });
    expect(channel.posts).toBe(0);
    expect(memory.meetings.all()[0]!.state).toBe("Referat godkendt");
  });

  it("a failed read after approval is an outcome, not a rejection: approved, nothing marked sent", async () => {
    const { memory, ports, channel } = held(["x"]);
    const page = await loadMinutes(ports, 1 as never);
    memory.agendaItems.failNext("list", new StoreError("Throttled", "busy", { retryAfter: 2 }));
    const result = await approveMinutes(ports, { ...page, meetingLink: LINK });
    expect(result.posting).toMatchObject({ kind: "failed", posted: 0, total: null });
    expect(memory.meetings.all()[0]!.state).toBe("Referat godkendt");
    expect(channel.posts).toBe(0);
    expect(await postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK })).toEqual({
      kind: "posted",
      messageIds: ["101"],
      corrected: false,
    });
  });

  it("minutes too long for the stored message ids are refused before anything is posted", async () => {
    const huge = "æ".repeat(60_000); // 120 KB each: ~5 messages per point
    const { memory, ports, channel } = held([huge, huge, huge, huge]);
    const result = await approveAsRead(ports);
    expect(result.posting).toMatchObject({ kind: "failed", posted: 0 });
    expect(result.posting.kind === "failed" && result.posting.total).toBeGreaterThan(
      MAX_MINUTES_PARTS,
    );
    expect(result.posting.kind === "failed" && result.posting.error).toMatchObject({
      refusal: { code: "minutes.refusal.tooLong", params: { max: MAX_MINUTES_PARTS } },
    });
    expect(channel.posts).toBe(0);
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat godkendt",
      channelMessageId: "",
    });
  });

  it("minutes edited and approved again after posting are posted once more, marked Rettet referat", async () => {
    const { memory, ports, channel, as } = held(["Første udgave"]);
    await approveAsRead(ports);
    as(theSecretary);
    const page = await loadMinutes(ports, 1 as never);
    await accepted(
      savePointMinutes(ports, {
        meeting: page.meeting,
        item: page.items[0]!,
        minutesText: "Rettet udgave",
        decision: null,
        existingDecision: null,
      }),
    );
    expect(memory.meetings.all()[0]).toMatchObject({ state: "Afholdt", minutesApprovedAt: null });
    as(theChair);
    const stale = await loadMinutes(ports, 1 as never);
    expect(stale.standing).toMatchObject({ status: { kind: "stale" }, irregular: [] });
    const again = await approveMinutes(ports, { ...stale, meetingLink: LINK });
    expect(again.posting).toEqual({ kind: "posted", messageIds: ["102"], corrected: true });
    expect(channel.messages).toHaveLength(2);
    expect(channel.messages[0]!.subject).toBe(
      "Rettet referat (1. rettelse): Styregruppemøde marts, 10. marts 2026",
    );
    expect(channel.messages[0]!.html).toContain("Rettet udgave");
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: "2:102",
    });
    expect(memory.minutesApprovals.all()).toHaveLength(2);
  });
});

describe("four eyes: only the chair's approval of the minutes as they are counts", () => {
  function held(texts: string[]) {
    const s = setup(theSecretary);
    seedPoints(s.memory, texts);
    s.memory.meetings.touch(1, { state: "Afholdt" });
    return s;
  }

  it("the secretary writes Referat godkendt and the chair as approver: no posting, shown as irregular naming the secretary", async () => {
    const { memory, ports, channel, as } = held(["Referat"]);
    memory.meetings.touch(1, {
      state: "Referat godkendt",
      minutesApprovedAt: "2026-03-10T09:30:00Z",
      minutesApprovedBy: chair,
      modifiedBy: secretary,
    });
    const refused = await postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      kind: "Invalid",
      refusal: { code: "minutes.refusal.noValidApproval" },
    });
    expect(channel.posts).toBe(0);
    const irregular = [
      {
        list: "Meetings",
        item: 1,
        rule: "minutes.irregular.approvedWithoutApproval",
        params: { meeting: "Styregruppemøde marts", state: "Referat godkendt" },
        by: secretary,
      },
    ];
    expect(await minutesIrregularities(ports)).toEqual(irregular);
    as(theChair);
    const page = await loadMinutes(ports, 1 as never);
    expect(page.standing).toMatchObject({ status: { kind: "none" }, irregular });
    // The chair's own approval settles it.
    const approved = await approveMinutes(ports, { ...page, meetingLink: LINK });
    expect(approved.posting).toMatchObject({ kind: "posted" });
    expect(await minutesIrregularities(ports)).toEqual([]);
  });

  it("an approval item written by someone outside Formand counts for nothing and is reported", async () => {
    const { memory, ports, channel } = held(["Referat"]);
    const page = await loadMinutes(ports, 1 as never);
    // What SharePoint refuses (only Formand writes the list), seeded as if it had got through.
    memory.minutesApprovals.seed({
      title: "Referat godkendt",
      meeting: aRef(1, "Styregruppemøde marts"),
      contentHash: page.standing!.contentHash,
      approvedAt: "2026-03-10T09:30:00Z",
      createdBy: secretary,
      modifiedBy: secretary,
    } as never);
    memory.meetings.touch(1, { state: "Referat godkendt", modifiedBy: secretary });
    await expect(
      postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK }),
    ).rejects.toMatchObject({ refusal: { code: "minutes.refusal.noValidApproval" } });
    expect(channel.posts).toBe(0);
    expect((await minutesIrregularities(ports)).map((i) => [i.list, i.rule, i.by?.name])).toEqual([
      ["Meetings", "minutes.irregular.approvedWithoutApproval", "Mads Kjær"],
      ["MinutesApprovals", "minutes.irregular.approvalByNonChair", "Mads Kjær"],
    ]);
  });

  it("minutes changed behind the app's back after approval: no posting of text the chair did not approve", async () => {
    const { memory, ports, channel, as } = held(["Godkendt tekst"]);
    as(theChair);
    const page = await loadMinutes(ports, 1 as never);
    channel.failPost(1, new StoreError("Unavailable", "Teams is down"));
    const approved = await approveMinutes(ports, { ...page, meetingLink: LINK });
    expect(approved.posting).toMatchObject({ kind: "failed", posted: 0 });
    // The secretary changes the text directly in the list (no new approval, state untouched).
    memory.agendaItems.touch(1, { minutesText: "Anden tekst", modifiedBy: secretary });
    await expect(
      postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK }),
    ).rejects.toMatchObject({ refusal: { code: "minutes.refusal.noValidApproval" } });
    expect(channel.messages).toEqual([]);
    expect(await minutesIrregularities(ports)).toEqual([
      expect.objectContaining({
        list: "Meetings",
        rule: "minutes.irregular.approvedButChanged",
        params: expect.objectContaining({ approvedBy: "Birgitte Holm" }) as unknown,
        by: secretary,
      }),
    ]);
  });

  it("without a way to read Formand's members no approval counts (fail closed)", async () => {
    const { ports } = held(["x"]);
    const blind = { ...ports, people: { ensure: ports.people.ensure } };
    await expect(loadMinutes(blind, 1 as never)).resolves.toMatchObject({
      standing: { status: { kind: "none" } },
    });
  });
});

describe("exactly one post", () => {
  async function approvedNotPosted(texts: string[]) {
    const s = setup(theSecretary);
    seedPoints(s.memory, texts);
    s.memory.meetings.touch(1, { state: "Afholdt" });
    s.as(theChair);
    s.channel.failPost(1, new StoreError("Unavailable", "Teams is down"));
    const approved = await approveAsRead(s.ports);
    expect(approved.posting).toMatchObject({ kind: "failed", posted: 0 });
    return s;
  }

  it("two posts started at the same moment post once; the second reads the first one's message ids", async () => {
    const { memory, ports, channel } = await approvedNotPosted(["Et", "To"]);
    const input = { meetingId: 1 as never, meetingLink: LINK };
    const outcomes = await Promise.all([
      postApprovedMinutes({ ...ports, newToken: () => "tab-a" }, input),
      postApprovedMinutes({ ...ports, newToken: () => "tab-b" }, input),
    ]);
    expect(channel.posts).toBe(2); // the failed one during approval, then exactly one
    expect(channel.messages).toHaveLength(1);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["alreadyPosted", "posted"]);
    const ids = outcomes.map((o) => ("messageIds" in o ? o.messageIds : null));
    expect(ids[0]).toEqual(ids[1]);
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: channel.messages[0]!.id,
      postingClaim: "",
    });
  });

  it("a claim left by a poster that crashed after posting: waited for, then taken over without posting again", async () => {
    const { memory, ports, channel, clock } = await approvedNotPosted(["Kort referat"]);
    // Another tab took the claim and posted, then died before storing the id or releasing.
    const stored = memory.meetings.all()[0]!;
    memory.meetings.touch(1, {
      postingClaim: `dead-tab|2|${clock.at.toISOString()}`,
    });
    await channel.post(CHEFFORUM, {
      subject: "Referat: Styregruppemøde marts, 10. marts 2026",
      html: "<p>Referat</p>",
    });
    expect(stored.state).toBe("Referat godkendt");
    const input = { meetingId: 1 as never, meetingLink: LINK };

    const waiting = await postApprovedMinutes(ports, input);
    expect(waiting).toEqual({
      kind: "inProgress",
      by: expect.anything() as unknown,
      since: clock.at.toISOString(),
    });
    expect(channel.posts).toBe(2);

    clock.at = new Date(clock.at.getTime() + POSTING_CLAIM_TTL_MS + CLAIM_WAIT_MS + 1_000);
    const takenOver = await postApprovedMinutes(ports, input);
    expect(takenOver).toEqual({ kind: "posted", messageIds: ["101"], corrected: false });
    expect(channel.posts).toBe(2); // found by its subject, not posted again
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: "101",
      postingClaim: "",
    });
  });

  it("a claim write refused for another reason than a Conflict is a failed outcome, nothing posted", async () => {
    const { memory, ports, channel } = await approvedNotPosted(["x"]);
    memory.meetings.failNext("update", new StoreError("Forbidden", "no"));
    const outcome = await postApprovedMinutes(ports, { meetingId: 1 as never, meetingLink: LINK });
    expect(outcome).toMatchObject({ kind: "failed", posted: 0, total: null });
    expect(outcome.kind === "failed" && isStoreError(outcome.error, "Forbidden")).toBe(true);
    expect(channel.posts).toBe(1);
  });
});

describe("a meeting whose end has passed is held without anyone saving it", () => {
  it("the minutes page shows it held and the chair approves and posts", async () => {
    // The agenda was sent; the secretary wrote nothing after the start; the meeting ended.
    const { ports, as, channel, memory } = setup(theChair, "2026-03-10T11:00:00Z");
    as(theChair);
    const page = await loadMinutes(ports, 1 as never);
    expect(page.meeting.state).toBe("Afholdt");
    const approved = await approveMinutes(ports, { ...page, meetingLink: LINK });
    expect(approved.posting).toMatchObject({ kind: "posted" });
    expect(channel.messages.length).toBeGreaterThan(0);
    expect((await memory.meetings.list())[0]?.state).toBe("Referat udsendt");
  });

  it("loadMeeting gives the held state too", async () => {
    const { ports } = setup(theChair, "2026-03-10T11:00:00Z");
    expect((await loadMeeting(ports, 1 as never)).state).toBe("Afholdt");
  });
});
