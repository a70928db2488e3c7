/**
 * Minutes against the local Microsoft 365 (SharePoint lists provisioned from lists-schema, the
 * Graph channel of Chefforum): the secretary writes minutes (the meeting becomes Afholdt), the
 * chair approves (an item in MinutesApprovals by the chair) and the minutes are posted once to
 * Chefforum's minutes channel with a typed `<script>` as text; Graph throttled (429 past the
 * adapter's retries), down (503) or failing (500) while posting → nothing marked sent that was
 * not, and a retry completes the work with exactly one set of messages in the channel; long
 * minutes split into several messages that the server accepts (each within its 28 KiB limit); a
 * crash between post and store leaves no duplicate.
 *
 * Four eyes: SharePoint refuses the secretary's approval item; a state "Referat godkendt" the
 * secretary writes with the chair as approver is not posted and is reported as irregular naming
 * the secretary; an approval changed by someone outside Formand counts for nothing. Exactly one
 * post: two posts started at the same moment, repeated, leave exactly one set of messages.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { ChannelMessage } from "../../src/domain/communication.js";
import { isStoreError, StoreError } from "../../src/domain/errors.js";
import type { Meeting } from "../../src/domain/meetings.js";
import { approvalDraft } from "../../src/domain/minutes.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import {
  approveMinutes,
  loadMinutes,
  minutesIrregularities,
  type MinutesPostPorts,
  MinutesRefused,
  postApprovedMinutes,
  savePointMinutes,
} from "../../src/use-cases/minutes.js";
import { aMeeting, anAgendaItem, aSetting } from "../support/builders.js";
import { accepted } from "../support/outcome.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const CHEFFORUM = {
  teamId: "7c1d2e3f-0a1b-4c5d-8e9f-000000000002",
  channelId: "19:referater-chefforum@thread.tacv2",
};
const LINK = "https://teams.microsoft.com/l/entity/digistyr/referat?context=%7B%7D";
const clock = { now: () => new Date() };

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let chair: SharePointAdapters;
let chairChannel: ChannelPoster;

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  chair = sp.adaptersFor(sp.users.chair);
  chairChannel = createGraphAdapters({
    baseUrl: sp.m365.graph,
    tokens: devTokenProvider(sp.users.chair),
  }).channel;
  await secretary.repositories.settings.add(
    aSetting({ key: SETTING_KEYS.chefforumTeamId, value: CHEFFORUM.teamId }),
  );
  await secretary.repositories.settings.add(
    aSetting({ key: SETTING_KEYS.chefforumChannelId, value: CHEFFORUM.channelId }),
  );
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

afterEach(() => fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" }));

const chairPorts = (channel: ChannelPoster = chairChannel): MinutesPostPorts => ({
  ...chair,
  clock,
  channel,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
});

/** The chair approves the minutes as the Referat tab shows them now. */
async function approveAsRead(ports: MinutesPostPorts, meeting: Meeting) {
  const page = await loadMinutes(ports, meeting.id);
  return approveMinutes(ports, { ...page, meetingLink: LINK });
}

/** A channel that is down: approving then leaves the minutes approved and not posted. */
const downChannel: ChannelPoster = {
  post: () => Promise.reject(new StoreError("Unavailable", "Teams is down")),
  list: (address, limit) => chairChannel.list(address, limit),
};

/** A meeting held an hour ago whose minutes the secretary has written (so it is Afholdt). */
async function heldMeeting(title: string, texts: string[]): Promise<Meeting> {
  const start = new Date(Date.now() - 3 * 3_600_000).toISOString();
  const end = new Date(Date.now() - 3_600_000).toISOString();
  const meeting = await secretary.repositories.meetings.add(
    aMeeting({ title, start, end, state: "Dagsorden udsendt" }),
  );
  const ref = { id: meeting.id, title: meeting.title };
  let current = meeting;
  for (const [i, text] of texts.entries()) {
    const item = await secretary.repositories.agendaItems.add(
      anAgendaItem({ title: `Punkt ${i + 1}`, sortOrder: i + 1, kind: "Drøftelse", meeting: ref }),
    );
    const saved = await accepted(
      savePointMinutes(
        { ...secretary, clock },
        { meeting: current, item, minutesText: text, decision: null, existingDecision: null },
      ),
    );
    current = saved.meeting;
  }
  return chair.repositories.meetings.get(meeting.id);
}

/** The minutes channel's messages about one meeting (by the title in their subjects). */
async function postsAbout(title: string): Promise<ChannelMessage[]> {
  const all = await chairChannel.list(CHEFFORUM, 50);
  return all.filter((m) => m.subject?.includes(`: ${title}, `));
}

test(
  "the secretary's first save makes the meeting Afholdt; approval posts once, a <script> as text",
  async () => {
    const meeting = await heldMeeting("Referat med script", [
      'Drøftet. <script>alert("x")</script>',
    ]);
    expect(meeting.state).toBe("Afholdt");

    const approved = await approveAsRead(chairPorts(), meeting);
    expect(approved.posting).toMatchObject({ kind: "posted", corrected: false });
    expect(approved.approval).toMatchObject({
      meeting: { id: meeting.id },
      contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as unknown,
    });
    expect(approved.approval.createdBy?.name).toBe("Birgitte Holm");
    const posts = await postsAbout("Referat med script");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.html).toContain("&lt;script&gt;");
    expect(posts[0]!.html).not.toContain("<script");
    expect(posts[0]!.html).toContain(`href="${LINK}"`);
    const stored = await chair.repositories.meetings.get(meeting.id);
    expect(stored).toMatchObject({ state: "Referat udsendt", channelMessageId: posts[0]!.id });
    expect(stored.minutesApprovedBy?.name).toBe("Birgitte Holm");

    // A retry afterwards posts nothing more.
    expect(
      await postApprovedMinutes(chairPorts(), { meetingId: meeting.id, meetingLink: LINK }),
    ).toEqual({ kind: "alreadyPosted", messageIds: [posts[0]!.id] });
    expect(await postsAbout("Referat med script")).toHaveLength(1);
  },
  SLOW,
);

test.each([
  [429, "Throttled"],
  [503, "Unavailable"],
] as const)(
  "Graph answering %i past the retries: not marked sent; the retry posts exactly once",
  async (status, kind) => {
    const title = `Referat under fejl ${status}`;
    const meeting = await heldMeeting(title, ["Kort referat."]);
    // Graph asks for an hour: more than the adapter's budget of waiting, so it gives up at once.
    await sp.queueFault({ status, match: "/messages", method: "POST", retryAfter: 3600 });
    const approved = await approveAsRead(chairPorts(), meeting);
    expect(approved.posting).toMatchObject({ kind: "failed", posted: 0, total: 1 });
    expect(approved.posting.kind === "failed" && isStoreError(approved.posting.error, kind)).toBe(
      true,
    );
    expect(await chair.repositories.meetings.get(meeting.id)).toMatchObject({
      state: "Referat godkendt",
      channelMessageId: "",
    });
    expect(await postsAbout(title)).toHaveLength(0);

    const retry = await postApprovedMinutes(chairPorts(), {
      meetingId: meeting.id,
      meetingLink: LINK,
    });
    expect(retry).toMatchObject({ kind: "posted" });
    const posts = await postsAbout(title);
    expect(posts).toHaveLength(1);
    expect(await chair.repositories.meetings.get(meeting.id)).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: posts[0]!.id,
    });
  },
  SLOW,
);

test(
  "long minutes are split into several messages the server accepts; a 500 on part 2 keeps part 1, the retry posts the rest once",
  async () => {
    const title = "Langt referat";
    const long = "Styregruppen drøftede æbler, pærer og øvrige frugter indgående. ".repeat(300);
    const meeting = await heldMeeting(title, [long, long, long]); // ~20 KB each
    let posts = 0;
    const failingOnPart2: ChannelPoster = {
      post: async (address, request) => {
        posts += 1;
        if (posts === 2) await sp.queueFault({ status: 500, match: "/messages", method: "POST" });
        return chairChannel.post(address, request);
      },
      list: (address, limit) => chairChannel.list(address, limit),
    };
    const approved = await approveAsRead(chairPorts(failingOnPart2), meeting);
    expect(approved.posting).toMatchObject({ kind: "failed", posted: 1, total: 3 });
    const afterFailure = await postsAbout(title);
    expect(afterFailure.map((m) => m.subject)).toEqual([
      `Referat: ${title}, ${danishDate(meeting.start)} (del 1 af 3)`,
    ]);
    expect(await chair.repositories.meetings.get(meeting.id)).toMatchObject({
      state: "Referat godkendt",
      channelMessageId: afterFailure[0]!.id,
    });

    const retry = await postApprovedMinutes(chairPorts(), {
      meetingId: meeting.id,
      meetingLink: LINK,
    });
    expect(retry).toMatchObject({ kind: "posted" });
    const all = (await postsAbout(title)).reverse(); // oldest first
    expect(all.map((m) => /del (\d) af 3/.exec(m.subject ?? "")?.[1])).toEqual(["1", "2", "3"]);
    for (const m of all) expect(new TextEncoder().encode(m.html).length).toBeLessThan(28 * 1024);
    expect(all.map((m) => m.html).join("")).toContain("Punkt 3");
    expect(await chair.repositories.meetings.get(meeting.id)).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: all.map((m) => m.id).join(","),
    });
  },
  SLOW,
);

test(
  "a crash after posting and before storing the id: the retry finds the message and posts nothing",
  async () => {
    const title = "Referat efter nedbrud";
    const meeting = await heldMeeting(title, ["Kort referat."]);
    const meetings = chair.repositories.meetings;
    let updates = 0;
    const crashing: MinutesPostPorts = {
      ...chairPorts(),
      repositories: {
        ...chair.repositories,
        meetings: {
          ...meetings,
          get: (id) => meetings.get(id),
          list: (q) => meetings.list(q),
          update: (e) => {
            updates += 1;
            // The approval, the claim, then the posted part's id: that write never happens
            // (the session died).
            return updates === 3 ? Promise.reject(new Error("tab closed")) : meetings.update(e);
          },
        },
      },
    };
    const approved = await approveAsRead(crashing, meeting);
    expect(approved.posting).toMatchObject({ kind: "failed", posted: 1 });
    expect(await postsAbout(title)).toHaveLength(1);
    expect((await meetings.get(meeting.id)).channelMessageId).toBe("");

    const retry = await postApprovedMinutes(chairPorts(), {
      meetingId: meeting.id,
      meetingLink: LINK,
    });
    expect(retry).toMatchObject({ kind: "posted" });
    const posts = await postsAbout(title);
    expect(posts).toHaveLength(1);
    expect(await meetings.get(meeting.id)).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: posts[0]!.id,
    });
  },
  SLOW,
);

describe("four eyes: only the chair's approval counts", () => {
  test(
    "SharePoint refuses the secretary's approval item, and the use case refuses the secretary",
    async () => {
      const meeting = await heldMeeting("Sekretærens godkendelse", ["Referat."]);
      const page = await loadMinutes({ ...secretary, clock }, meeting.id);
      const forged = approvalDraft(meeting, page.standing!.contentHash, new Date());
      await expect(secretary.repositories.minutesApprovals.add(forged)).rejects.toMatchObject({
        kind: "Forbidden",
      });
      const refused = await approveMinutes(
        { ...secretary, clock, channel: chairChannel },
        { ...page, meetingLink: LINK },
      ).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MinutesRefused);
      expect(
        await chair.repositories.minutesApprovals.list({ where: { meeting: meeting.id } }),
      ).toEqual([]);
    },
    SLOW,
  );

  test(
    "the secretary writes Referat godkendt with the chair as approver: not posted, reported naming the secretary",
    async () => {
      const title = "Forfalsket godkendelse";
      const meeting = await heldMeeting(title, ["Referat."]);
      const chairPerson = (await chair.currentUser.me()).person;
      const fresh = await secretary.repositories.meetings.get(meeting.id);
      const { created: _c, modified: _m, createdBy: _cb, modifiedBy: _mb, ...rest } = fresh;
      await secretary.repositories.meetings.update({
        ...rest,
        state: "Referat godkendt",
        minutesApprovedAt: new Date().toISOString(),
        minutesApprovedBy: chairPerson,
      });

      const refused = await postApprovedMinutes(chairPorts(), {
        meetingId: meeting.id,
        meetingLink: LINK,
      }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ refusal: { code: "minutes.refusal.noValidApproval" } });
      expect(await postsAbout(title)).toHaveLength(0);

      const found = await minutesIrregularities(chair);
      expect(found.filter((i) => i.item === meeting.id && i.list === "Meetings")).toEqual([
        expect.objectContaining({
          rule: "minutes.irregular.approvedWithoutApproval",
          by: expect.objectContaining({ name: "Mads Kjær" }) as unknown,
        }),
      ]);
      // The secretary sees it too.
      const seen = await loadMinutes({ ...secretary, clock }, meeting.id);
      expect(seen.standing).toMatchObject({
        status: { kind: "none" },
        irregular: [expect.objectContaining({ rule: "minutes.irregular.approvedWithoutApproval" })],
      });

      // The chair's own approval settles it: posted once, nothing irregular about it.
      const approved = await approveAsRead(chairPorts(), meeting);
      expect(approved.posting).toMatchObject({ kind: "posted" });
      expect(await postsAbout(title)).toHaveLength(1);
      expect((await minutesIrregularities(chair)).filter((i) => i.item === meeting.id)).toEqual([]);
    },
    SLOW,
  );

  test(
    "an approval changed by a site owner outside Formand counts for nothing and is reported",
    async () => {
      const title = "Ændret godkendelse";
      const meeting = await heldMeeting(title, ["Referat."]);
      const approved = await approveAsRead(chairPorts(downChannel), meeting);
      const owner = sp.adaptersFor(sp.users.owner);
      const a = approved.approval;
      await owner.repositories.minutesApprovals.update({
        title: a.title,
        meeting: a.meeting,
        contentHash: a.contentHash,
        approvedAt: a.approvedAt,
        id: a.id,
        version: a.version,
      });
      await expect(
        postApprovedMinutes(chairPorts(), { meetingId: meeting.id, meetingLink: LINK }),
      ).rejects.toMatchObject({ refusal: { code: "minutes.refusal.noValidApproval" } });
      expect(await postsAbout(title)).toHaveLength(0);
      const found = (await minutesIrregularities(chair)).filter(
        (i) => i.item === a.id || i.item === meeting.id,
      );
      expect(found.map((i) => [i.list, i.rule, i.by?.name])).toEqual(
        expect.arrayContaining([
          ["MinutesApprovals", "minutes.irregular.approvalEditedByNonChair", "Niels Fogh"],
          ["Meetings", "minutes.irregular.approvedWithoutApproval", "Birgitte Holm"],
        ]),
      );
    },
    SLOW,
  );
});

describe("exactly one post", () => {
  test.each([1, 2, 3, 4, 5, 6])(
    "two posts started at the same moment leave exactly one set of messages (try %i)",
    async (attempt) => {
      const title = `Samtidige opslag ${attempt}`;
      const texts = attempt % 2 === 0 ? ["Kort referat."] : [LONG, LONG]; // one part, or two
      const meeting = await heldMeeting(title, texts);
      const approved = await approveAsRead(chairPorts(downChannel), meeting);
      expect(approved.posting).toMatchObject({ kind: "failed", posted: 0 });

      // Two tabs of the chair's (each its own adapters), started together.
      const otherTab: MinutesPostPorts = {
        ...sp.adaptersFor(sp.users.chair),
        clock,
        channel: createGraphAdapters({
          baseUrl: sp.m365.graph,
          tokens: devTokenProvider(sp.users.chair),
        }).channel,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
      };
      const input = { meetingId: meeting.id, meetingLink: LINK };
      const outcomes = await Promise.all([
        postApprovedMinutes(chairPorts(), input),
        postApprovedMinutes(otherTab, input),
      ]);

      const posts = (await postsAbout(title)).reverse();
      expect(posts).toHaveLength(texts.length);
      const ids = posts.map((m) => m.id);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(["alreadyPosted", "posted"]);
      for (const o of outcomes) expect("messageIds" in o && o.messageIds).toEqual(ids);
      expect(await chair.repositories.meetings.get(meeting.id)).toMatchObject({
        state: "Referat udsendt",
        channelMessageId: ids.join(","),
        postingClaim: "",
      });
    },
    SLOW,
  );
});

const LONG = "Styregruppen drøftede æbler, pærer og øvrige frugter indgående. ".repeat(300);

function danishDate(iso: string): string {
  return new Intl.DateTimeFormat("da-DK", {
    dateStyle: "long",
    timeZone: "Europe/Copenhagen",
  }).format(new Date(iso));
}
