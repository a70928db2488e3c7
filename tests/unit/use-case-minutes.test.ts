/**
 * Minutes use cases with in-memory repositories and a fake Chefforum channel: saving a point
 * (Afholdt after the start, the decision stored with the meeting's date), actions, an edit after
 * approval clears it, a decision moving the initiative's phase through changePhase; approval →
 * posted once; a failure on part 2 → part 1 recorded, the retry posts only part 2; a crash after
 * a post and before storing its id → no duplicate thanks to the channel's list; corrected
 * minutes posted again marked "Rettet referat".
 */
import type {
  ChannelAddress,
  ChannelMessage,
  ChannelMessageId,
  ChannelPostRequest,
} from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type MeetingId } from "../../src/domain/ids.js";
import type { AgendaItem, Meeting } from "../../src/domain/meetings.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import { loadInitiativePage } from "../../src/use-cases/initiative.js";
import {
  approveMinutes,
  loadMinutes,
  MAX_MINUTES_PARTS,
  postApprovedMinutes,
  removeAction,
  saveAction,
  savePointMinutes,
} from "../../src/use-cases/minutes.js";
import { aMeeting, anAgendaItem, anInitiative, aRef, aSetting } from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
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
  const { memory, repositories } = memoryRepositories(() => who.person);
  const channel = new FakeChannel();
  let current = who;
  const ports = {
    repositories,
    currentUser: { me: () => Promise.resolve(current) },
    clock: { now: () => new Date(now) },
    channel,
  };
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
    as: (next: Me) => {
      current = next;
    },
  };
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
    const saved = await savePointMinutes(ports, {
      meeting,
      item: item!,
      minutesText: "Drøftet grundigt.",
      decision: { text: "Tiltaget fortsætter.", carriedTo: ["ØU"] },
      existingDecision: null,
    });
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
    await savePointMinutes(ports, {
      meeting,
      item: item!,
      minutesText: "Forberedt.",
      decision: null,
      existingDecision: null,
    });
    expect(memory.meetings.all()[0]!.state).toBe("Dagsorden udsendt");
    as(me(member, "member"));
    await expect(
      savePointMinutes(ports, {
        meeting: memory.meetings.all()[0]!,
        item: memory.agendaItems.all()[0]!,
        minutesText: "x",
        decision: null,
        existingDecision: null,
      }),
    ).rejects.toMatchObject({ kind: "Forbidden" });
  });

  it("actions are stored with the meeting, the decision and its initiative; removed again", async () => {
    const { memory, ports, meeting } = setup(theSecretary);
    const [item] = memory.agendaItems.seed(
      anAgendaItem({ kind: "Beslutning", meeting: aRef(1), initiative: aRef(9, "Digital post") }),
    );
    const { decision, meeting: m1 } = await savePointMinutes(ports, {
      meeting,
      item: item!,
      minutesText: "",
      decision: { text: "Godkendt.", carriedTo: [] },
      existingDecision: null,
    });
    const { action, meeting: m2 } = await saveAction(ports, {
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
    });
    expect(action).toMatchObject({
      meeting: { id: 1 },
      decision: { id: decision!.id },
      initiative: { id: 9, title: "Digital post" },
      owner: secretary,
    });
    await removeAction(ports, { meeting: m2, action });
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
    await expect(
      savePointMinutes(ports, {
        meeting,
        item: item!,
        minutesText: "Anden udgave",
        decision: null,
        existingDecision: null,
      }),
    ).rejects.toMatchObject({ kind: "Conflict" });
    expect(memory.agendaItems.all()[0]!.minutesText).toBe("Første udgave");
    // Having read it again (and been told), the edit clears the approval.
    await savePointMinutes(ports, {
      meeting: memory.meetings.all()[0]!,
      item: item!,
      minutesText: "Anden udgave",
      decision: null,
      existingDecision: null,
    });
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
    const saved = await savePointMinutes(ports, {
      meeting,
      item: item!,
      minutesText: "",
      decision: { text: "Behovet analyseres.", carriedTo: [] },
      existingDecision: null,
      phaseMove: { to: "Behovsanalyse", reason: "Behovet analyseres." },
    });
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
    const saved = await savePointMinutes(ports, {
      meeting,
      item: item!,
      minutesText: "Skrevet",
      decision: { text: "Videre", carriedTo: [] },
      existingDecision: null,
      phaseMove: { to: "Behovsanalyse", reason: "" },
    });
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

  it("the chair approves: recorded with time and person, posted once, then Referat udsendt", async () => {
    const { memory, ports, channel } = held(['Hej <script>alert("x")</script>']);
    const result = await approveMinutes(ports, {
      meeting: memory.meetings.all()[0]!,
      meetingLink: LINK,
    });
    expect(result.posting).toEqual({ kind: "posted", messageIds: ["101"], corrected: false });
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
    });
    expect(channel.posts).toBe(1);
  });

  it("only the chair approves, and only held minutes; a newer edit is a Conflict", async () => {
    const { memory, ports, as } = held(["x"]);
    as(theSecretary);
    await expect(
      approveMinutes(ports, { meeting: memory.meetings.all()[0]!, meetingLink: LINK }),
    ).rejects.toMatchObject({ kind: "Forbidden" });
    as(theChair);
    const seen = memory.meetings.all()[0]!;
    memory.meetings.touch(1, {}); // the secretary saved an edit since
    await expect(approveMinutes(ports, { meeting: seen, meetingLink: LINK })).rejects.toMatchObject(
      { kind: "Conflict" },
    );
    expect(memory.meetings.all()[0]!.state).toBe("Afholdt");
  });

  it("a failure on part 2 records part 1; the retry posts only part 2", async () => {
    const long = "Æbler og pærer. ".repeat(1200); // ~19 KB: one point per message
    const { memory, ports, channel } = held([long, long, long]);
    channel.failPost(2, new StoreError("Throttled", "Too many requests", { retryAfter: 5 }));
    const first = await approveMinutes(ports, {
      meeting: memory.meetings.all()[0]!,
      meetingLink: LINK,
    });
    expect(first.posting).toMatchObject({ kind: "failed", posted: 1, total: 3 });
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat godkendt",
      channelMessageId: "101",
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
    // The first update is the approval; the second, storing the posted part's id, fails.
    const seen = memory.meetings.all()[0]!;
    const realUpdate = memory.meetings.update.bind(memory.meetings);
    let updates = 0;
    memory.meetings.update = (e) => {
      updates += 1;
      return updates === 2
        ? Promise.reject(new StoreError("Unavailable", "SharePoint is down"))
        : realUpdate(e);
    };
    const result = await approveMinutes(ports, { meeting: seen, meetingLink: LINK });
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
    const result = await approveMinutes(ports, {
      meeting: memory.meetings.all()[0]!,
      meetingLink: LINK,
    });
    expect(result.posting).toEqual({ kind: "noChannel" });
    expect(channel.posts).toBe(0);
    expect(memory.meetings.all()[0]!.state).toBe("Referat godkendt");
  });

  it("a failed read after approval is an outcome, not a rejection: approved, nothing marked sent", async () => {
    const { memory, ports, channel } = held(["x"]);
    memory.agendaItems.failNext("list", new StoreError("Throttled", "busy", { retryAfter: 2 }));
    const result = await approveMinutes(ports, {
      meeting: memory.meetings.all()[0]!,
      meetingLink: LINK,
    });
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
    const result = await approveMinutes(ports, {
      meeting: memory.meetings.all()[0]!,
      meetingLink: LINK,
    });
    expect(result.posting).toMatchObject({ kind: "failed", posted: 0 });
    expect(result.posting.kind === "failed" && result.posting.total).toBeGreaterThan(
      MAX_MINUTES_PARTS,
    );
    expect(
      result.posting.kind === "failed" && (result.posting.error as StoreError).message,
    ).toMatch(/^Referatet er for langt til Chefforums kanal/);
    expect(channel.posts).toBe(0);
    expect(memory.meetings.all()[0]).toMatchObject({
      state: "Referat godkendt",
      channelMessageId: "",
    });
  });

  it("minutes edited and approved again after posting are posted once more, marked Rettet referat", async () => {
    const { memory, ports, channel, as } = held(["Første udgave"]);
    await approveMinutes(ports, { meeting: memory.meetings.all()[0]!, meetingLink: LINK });
    as(theSecretary);
    const page = await loadMinutes(ports, 1 as never);
    await savePointMinutes(ports, {
      meeting: page.meeting,
      item: page.items[0]!,
      minutesText: "Rettet udgave",
      decision: null,
      existingDecision: null,
    });
    expect(memory.meetings.all()[0]).toMatchObject({ state: "Afholdt", minutesApprovedAt: null });
    as(theChair);
    const again = await approveMinutes(ports, {
      meeting: memory.meetings.all()[0]!,
      meetingLink: LINK,
    });
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
  });
});
