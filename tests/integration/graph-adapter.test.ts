/**
 * The Graph adapters (graph-client 3.0.7 with our middleware chain) against the local
 * Microsoft 365 on a random loopback port. Only the base URL and the token provider differ
 * from production.
 */
import {
  createGraphAdapters,
  GraphHttp,
  type GraphRetryOptions,
} from "../../src/adapters/graph/index.js";
import type { RetryWait } from "../../src/adapters/retry-policy.js";
import type { CalendarEventId, MeetingRequest } from "../../src/domain/communication.js";
import { isStoreError, type StoreError } from "../../src/domain/errors.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { type M365, startLocalM365 } from "../support/m365.js";

const COMMITTEE_GROUP = "7c1d2e3f-0a1b-4c5d-8e9f-000000000001";
const CHEFFORUM_MINUTES = {
  teamId: "7c1d2e3f-0a1b-4c5d-8e9f-000000000002",
  channelId: "19:referater-chefforum@thread.tacv2",
};

let m365: M365;
let chair: string;
let secretary: string;
let member: string;

beforeAll(async () => {
  m365 = await startLocalM365();
  [, chair = "", secretary = "", member = ""] = m365.users;
});
afterAll(() => m365.close());
afterEach(() => fetch(`${m365.origin}/_admin/faults`, { method: "DELETE" }));

function adaptersFor(upn: string) {
  return createGraphAdapters({ baseUrl: m365.graph, tokens: devTokenProvider(upn) });
}

/** The real retry logic with its waits recorded instead of slept and the jitter fixed. */
function recording(waits: number[], budgetMs = 5000): GraphRetryOptions {
  return {
    budgetMs,
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

function recordingAdaptersFor(upn: string, waits: number[], budgetMs = 5000) {
  return createGraphAdapters({
    baseUrl: m365.graph,
    tokens: devTokenProvider(upn),
    retry: recording(waits, budgetMs),
  });
}

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${m365.origin}/_admin${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Queues a one-off fault; `retryAfter: 0` unless given keeps retries instant (no real waiting). */
function queueFault(fault: {
  status: number;
  match: string;
  count?: number;
  method?: string;
  retryAfter?: number;
}) {
  return admin("POST", "/faults/queue", { retryAfter: 0, ...fault });
}

async function caught(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (isStoreError(e)) return e;
    throw e;
  }
  throw new Error("expected a StoreError");
}

function aMeeting(overrides: Partial<MeetingRequest> = {}): MeetingRequest {
  return {
    subject: "Digitaliseringsstyregruppen, 1. kvartal",
    agendaHtml: "<h2>Dagsorden</h2><ol><li>Portefølje</li></ol>",
    start: "2026-03-04T09:00:00.000Z",
    end: "2026-03-04T11:00:00.000Z",
    timeZone: "Europe/Copenhagen",
    attendees: [{ email: member, name: "Jonas Lind" }, { email: secretary }],
    location: "Rådhuset, mødelokale 2",
    idempotencyKey: crypto.randomUUID(),
    ...overrides,
  };
}

interface Notice {
  kind: string;
  recipient: string;
  comment: string | null;
}

async function noticesOf(id: string): Promise<Notice[]> {
  const answer = (await admin("GET", `/graph/notices?eventId=${encodeURIComponent(id)}`)) as {
    value: Notice[];
  };
  return answer.value;
}

describe("GraphMeetingCalendar", () => {
  test("schedules a Teams meeting with attendees, a join URL and the agenda, at the given local time", async () => {
    const { calendar } = adaptersFor(chair);
    const meeting = await calendar.schedule(aMeeting());
    expect(meeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(meeting.online).toBe(true);
    expect(meeting.start).toBe("2026-03-04T09:00:00.000Z");
    expect(meeting.end).toBe("2026-03-04T11:00:00.000Z");
    expect(meeting.agendaHtml).toBe("<h2>Dagsorden</h2><ol><li>Portefølje</li></ol>");
    expect(meeting.attendees.map((a) => a.email)).toEqual([member, secretary]);
    expect(meeting.organizerEmail).toBe(chair);
    expect((await noticesOf(meeting.id)).map((n) => [n.kind, n.recipient])).toEqual([
      ["created", member],
      ["created", secretary],
    ]);
  });

  test("a retried schedule with the same idempotency key returns the same meeting, not a second one", async () => {
    const { calendar } = adaptersFor(chair);
    const request = aMeeting({
      subject: "Kun én gang",
      start: "2026-06-10T08:00:00.000Z",
      end: "2026-06-10T09:00:00.000Z",
    });
    const first = await calendar.schedule(request);
    const retried = await calendar.schedule(request);
    expect(retried.id).toBe(first.id);
    const inJune = await calendar.listBetween("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z");
    expect(inJune.filter((m) => m.subject === "Kun én gang")).toHaveLength(1);
  });

  test("when Graph answers without a join URL, the meeting is read again and gets its link", async () => {
    await admin("POST", "/graph/defer-join-url", { count: 1 });
    const { calendar } = adaptersFor(chair);
    const meeting = await calendar.schedule(aMeeting({ subject: "Link kommer lidt senere" }));
    expect(meeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  });

  test("a quarterly series keeps its recurrence", async () => {
    const { calendar } = adaptersFor(chair);
    const series = await calendar.schedule(
      aMeeting({ recurrence: { every: "month", interval: 3, until: "2027-03-04" } }),
    );
    expect((await calendar.get(series.id)).recurrence).toEqual({
      every: "month",
      interval: 3,
      until: "2027-03-04",
    });
  });

  test("update changes the meeting, keeps what was not changed, and tells the attendees", async () => {
    const { calendar } = adaptersFor(chair);
    const meeting = await calendar.schedule(aMeeting());
    const moved = await calendar.update(
      meeting.id,
      {
        start: "2026-03-05T09:00:00.000Z",
        end: "2026-03-05T10:30:00.000Z",
        agendaHtml: "<p>Ny dagsorden</p>",
      },
      meeting,
    );
    expect(moved.start).toBe("2026-03-05T09:00:00.000Z");
    expect(moved.agendaHtml).toBe("<p>Ny dagsorden</p>");
    expect(moved.subject).toBe(meeting.subject);
    expect(moved.joinUrl).toBe(meeting.joinUrl);
    expect(moved.changeKey).not.toBe(meeting.changeKey);
    expect((await noticesOf(meeting.id)).filter((n) => n.kind === "updated")).toHaveLength(2);
  });

  test("a meeting edited by someone else since it was read is refused as Conflict and left unchanged", async () => {
    const { calendar } = adaptersFor(chair);
    const read = await calendar.schedule(aMeeting({ subject: "Læst af to" }));
    const theirs = await calendar.update(read.id, { location: "Mødelokale 2" }, read);
    const error = await caught(calendar.update(read.id, { subject: "Overskrevet" }, read));
    expect(error.kind).toBe("Conflict");
    const now = await calendar.get(read.id);
    expect(now.subject).toBe("Læst af to");
    expect(now.location).toBe("Mødelokale 2");
    expect(now.changeKey).toBe(theirs.changeKey);
    const retried = await calendar.update(read.id, { subject: "Efter genindlæsning" }, now);
    expect(retried.subject).toBe("Efter genindlæsning");
  });

  test("cancel tells the attendees with the message, and the meeting leaves the organizer's calendar", async () => {
    const { calendar } = adaptersFor(chair);
    const meeting = await calendar.schedule(aMeeting());
    await calendar.cancel(meeting.id, "Mødet er flyttet til april.");
    const cancelled = (await noticesOf(meeting.id)).filter((n) => n.kind === "cancelled");
    expect(cancelled.map((n) => n.recipient)).toEqual([member, secretary]);
    expect(cancelled[0]?.comment).toBe("Mødet er flyttet til april.");
    expect((await caught(calendar.get(meeting.id))).kind).toBe("NotFound");
  });

  test("an unknown meeting is NotFound", async () => {
    const { calendar } = adaptersFor(chair);
    expect((await caught(calendar.get("AAMkADfindesikke" as CalendarEventId))).kind).toBe(
      "NotFound",
    );
  });

  test("a meeting that ends before it starts is Invalid before anything is sent", async () => {
    const { calendar } = adaptersFor(chair);
    const error = await caught(calendar.schedule(aMeeting({ end: "2026-03-04T08:00:00.000Z" })));
    expect(error.kind).toBe("Invalid");
    expect(error.details.field).toBe("end");
  });

  test("lists meetings in a period across more than one page, each once, earliest first", async () => {
    const organizer = m365.users[6]!; // a member whose calendar holds only these
    const { calendar } = adaptersFor(organizer);
    const made: string[] = [];
    for (let i = 0; i < 57; i++) {
      const start = new Date(Date.UTC(2026, 8, 1, 6, 0) + (56 - i) * 3_600_000);
      const meeting = await calendar.schedule(
        aMeeting({
          subject: `Møde ${String(56 - i).padStart(2, "0")}`,
          start: start.toISOString(),
          end: new Date(start.getTime() + 1_800_000).toISOString(),
          attendees: [],
          online: false,
        }),
      );
      made.push(meeting.id);
    }
    const listed = await calendar.listBetween("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z");
    expect(listed).toHaveLength(57);
    expect(new Set(listed.map((m) => m.id))).toEqual(new Set(made));
    expect(listed.map((m) => m.subject)).toEqual(
      Array.from({ length: 57 }, (_, i) => `Møde ${String(i).padStart(2, "0")}`),
    );
  });
});

describe("GraphChannelPoster", () => {
  test("posts HTML to the Chefforum minutes channel and finds it first in the list", async () => {
    const { channel } = adaptersFor(chair);
    const posted = await channel.post(CHEFFORUM_MINUTES, {
      subject: "Referat 4. marts",
      html: "<h2>Referat</h2><p>Godkendt af styregruppen.</p>",
    });
    expect(posted.id).toMatch(/^\d+$/);
    expect(posted.webUrl).toContain("https://teams.microsoft.com/l/message/");
    const [newest] = await channel.list(CHEFFORUM_MINUTES, 5);
    expect(newest).toEqual(
      expect.objectContaining({
        id: posted.id,
        subject: "Referat 4. marts",
        html: "<h2>Referat</h2><p>Godkendt af styregruppen.</p>",
        author: { directoryId: expect.any(String) as string, name: "Birgitte Holm" },
      }),
    );
  });

  test("a throttled post is retried after Retry-After and succeeds", async () => {
    const { channel } = adaptersFor(chair);
    const before = m365.faults.injected;
    await queueFault({ status: 429, match: "/messages" });
    const posted = await channel.post(CHEFFORUM_MINUTES, { html: "<p>Trods throttling</p>" });
    expect(m365.faults.injected).toBe(before + 1);
    const listed = await channel.list(CHEFFORUM_MINUTES, 3);
    expect(listed.map((m) => m.id)).toContain(posted.id);
  });

  test("a throttled request is reported to onRetry (the UI's retry banner) with its wait", async () => {
    const notices: RetryWait[] = [];
    const { channel } = createGraphAdapters({
      baseUrl: m365.graph,
      tokens: devTokenProvider(chair),
      retry: { onRetry: (w) => notices.push(w) },
    });
    await queueFault({ status: 429, match: "/messages" });
    await channel.post(CHEFFORUM_MINUTES, { html: "<p>Med besked om ventetid</p>" });
    expect(notices).toEqual([{ status: 429, waitMs: 0, attempt: 1, spentMs: 0 }]);
  });

  test("someone outside the team is Forbidden", async () => {
    const { channel } = adaptersFor(secretary);
    const error = await caught(channel.post(CHEFFORUM_MINUTES, { html: "<p>Hej</p>" }));
    expect(error.kind).toBe("Forbidden");
  });

  test("a post larger than Teams accepts is Invalid with a Danish message", async () => {
    const { channel } = adaptersFor(chair);
    const error = await caught(
      channel.post(CHEFFORUM_MINUTES, { html: `<p>${"x".repeat(30 * 1024)}</p>` }),
    );
    expect(error.kind).toBe("Invalid");
    expect(error.message).toContain("for stort til Teams");
  });
});

describe("GraphMailer", () => {
  test("sends a mail that lands in the local outbox", async () => {
    await admin("DELETE", "/outbox");
    const { mailer } = adaptersFor(secretary);
    await mailer.send({
      to: ["direktoerforum@demokommune.dk"],
      cc: [chair],
      subject: "Statusrapport for porteføljen",
      html: "<p>Se vedhæftede status.</p>",
    });
    const outbox = (await admin("GET", "/outbox")) as {
      value: {
        subject: string;
        body: { content: string };
        toRecipients: { emailAddress: { address: string } }[];
        ccRecipients: { emailAddress: { address: string } }[];
      }[];
    };
    expect(outbox.value).toHaveLength(1);
    expect(outbox.value[0]?.subject).toBe("Statusrapport for porteføljen");
    expect(outbox.value[0]?.body.content).toBe("<p>Se vedhæftede status.</p>");
    expect(outbox.value[0]?.toRecipients[0]?.emailAddress.address).toBe(
      "direktoerforum@demokommune.dk",
    );
    expect(outbox.value[0]?.ccRecipients[0]?.emailAddress.address).toBe(chair);
  });

  test("a mail without recipients is Invalid", async () => {
    const { mailer } = adaptersFor(secretary);
    expect((await caught(mailer.send({ to: [], subject: "x", html: "" }))).kind).toBe("Invalid");
  });
});

describe("GraphDirectory", () => {
  test("me is the signed-in person", async () => {
    const me = await adaptersFor(secretary).directory.me();
    expect(me).toEqual(
      expect.objectContaining({
        name: "Mads Kjær",
        email: secretary,
        department: "Økonomi & Stab",
      }),
    );
  });

  test("the committee group's members include the chair, the secretary and the members", async () => {
    const members = await adaptersFor(member).directory.membersOf(COMMITTEE_GROUP);
    const emails = members.map((p) => p.email);
    expect(emails).toEqual(expect.arrayContaining([chair, secretary, member]));
    expect(emails).not.toContain(m365.users[0]);
  });

  test("finds people by the start of their name, with quotes in the search treated as text", async () => {
    const { directory } = adaptersFor(chair);
    expect((await directory.findPeople("ma")).map((p) => p.name)).toEqual([
      "Mads Kjær",
      "Maja Lundgaard",
    ]);
    expect(await directory.findPeople("o'brien")).toEqual([]);
  });

  test("a batch whose part is throttled is retried part-wise and every person is found", async () => {
    const { directory } = adaptersFor(chair);
    const before = m365.faults.injected;
    await queueFault({ status: 429, match: "/users/jonas.lind" });
    const people = await directory.lookup([chair, member, "ukendt@demokommune.onmicrosoft.com"]);
    expect(m365.faults.injected).toBe(before + 1);
    expect(people.map((p) => p?.email)).toEqual([chair, member, undefined]);
  });

  test("more than 20 look-ups are split into several batches", async () => {
    const { directory } = adaptersFor(chair);
    const emails = Array.from({ length: 45 }, (_, i) => m365.users[i % m365.users.length]!);
    const people = await directory.lookup(emails);
    expect(people.map((p) => p?.email)).toEqual(emails);
  });

  test("throttling is waited out for as many retries as fit in the budget, not a count", async () => {
    const waits: number[] = [];
    await queueFault({ status: 429, match: "/v1.0/me", count: 8, retryAfter: 1 });
    const me = await recordingAdaptersFor(chair, waits, 120_000).directory.me();
    expect(me.email).toBe(chair);
    expect(waits).toEqual(Array<number>(8).fill(1000));
  });

  test("persistent throttling surfaces as Throttled with the service's Retry-After once the budget is spent", async () => {
    const waits: number[] = [];
    await queueFault({ status: 429, match: "/v1.0/me", count: 10, retryAfter: 2 });
    const error = await caught(recordingAdaptersFor(chair, waits, 5000).directory.me());
    expect(error.kind).toBe("Throttled");
    expect(error.details.retryAfter).toBe(2);
    expect(waits).toEqual([2000, 2000]);
  });

  test("a Retry-After longer than the whole budget is not waited for at all", async () => {
    const waits: number[] = [];
    await queueFault({ status: 503, match: "/v1.0/me", retryAfter: 3600 });
    const error = await caught(recordingAdaptersFor(chair, waits).directory.me());
    expect(error.kind).toBe("Unavailable");
    expect(error.details.retryAfter).toBe(3600);
    expect(waits).toEqual([]);
  });

  test("a batch part that stays throttled surfaces as Throttled once the budget is spent", async () => {
    const waits: number[] = [];
    await queueFault({ status: 429, match: "/users/jonas.lind", count: 10, retryAfter: 2 });
    const error = await caught(recordingAdaptersFor(chair, waits, 5000).directory.lookup([member]));
    expect(error.kind).toBe("Throttled");
    expect(waits).toEqual([2000, 2000]);
  });

  test("an unreachable service is Unavailable after a short back-off for reads", async () => {
    const waits: number[] = [];
    const { directory } = createGraphAdapters({
      baseUrl: "http://127.0.0.1:9/v1.0",
      tokens: devTokenProvider(chair),
      retry: recording(waits, 120_000),
    });
    expect((await caught(directory.me())).kind).toBe("Unavailable");
    // A read is safe to send again: back-off (jitter fixed at its middle) within 10 s.
    expect(waits).toEqual([750, 1500, 3000]);
  });

  test("a post that got no answer is not sent again (it may have arrived)", async () => {
    const waits: number[] = [];
    const { channel } = createGraphAdapters({
      baseUrl: "http://127.0.0.1:9/v1.0",
      tokens: devTokenProvider(chair),
      retry: recording(waits),
    });
    const error = await caught(channel.post(CHEFFORUM_MINUTES, { html: "<p>Hej</p>" }));
    expect(error.kind).toBe("Unavailable");
    expect(waits).toEqual([]);
  });
});

describe("GraphHttp.batch", () => {
  const http = () => new GraphHttp({ baseUrl: m365.graph, tokens: devTokenProvider(chair) });

  test("inner URLs given with the version or absolute are sent relative and succeed", async () => {
    // Real Graph refuses "/v1.0/..." inside a batch (microsoftgraph/msgraph-sdk-javascript#1178).
    const outcomes = await http().batch([
      { method: "GET", url: "/v1.0/me" },
      { method: "GET", url: `${m365.graph}/groups/${COMMITTEE_GROUP}` },
      { method: "GET", url: "/me" },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200]);
    expect((outcomes[1]?.body as { displayName: string }).displayName).toBe(
      "Digitaliseringsstyregruppen",
    );
  });

  test("a part that failed only because its throttled dependency did is retried with it", async () => {
    await queueFault({ status: 429, match: "/me/events", method: "POST" });
    const before = m365.faults.injected;
    const outcomes = await http().batch([
      {
        method: "POST",
        url: "/me/events",
        body: {
          subject: "Oprettet i batch",
          start: { dateTime: "2026-11-02T10:00:00", timeZone: "Europe/Copenhagen" },
          end: { dateTime: "2026-11-02T11:00:00", timeZone: "Europe/Copenhagen" },
          transactionId: crypto.randomUUID(),
        },
      },
      { method: "GET", url: "/me", dependsOn: [0] },
    ]);
    expect(m365.faults.injected).toBe(before + 1);
    expect(outcomes.map((o) => o.status)).toEqual([201, 200]);
  });

  test("only the throttled part of a batch is sent again, after its Retry-After; the others are created once", async () => {
    await queueFault({ status: 429, match: "/me/events", method: "POST", retryAfter: 4 });
    const before = m365.faults.injected;
    const waits: number[] = [];
    const notices: RetryWait[] = [];
    const batchHttp = new GraphHttp({
      baseUrl: m365.graph,
      tokens: devTokenProvider(chair),
      retry: { ...recording(waits, 120_000), onRetry: (w) => notices.push(w) },
    });
    const subject = `Batch ${crypto.randomUUID()}`;
    const event = (n: number) => ({
      method: "POST" as const,
      url: "/me/events",
      body: {
        subject: `${subject} ${n}`,
        start: { dateTime: `2026-11-0${n}T10:00:00`, timeZone: "Europe/Copenhagen" },
        end: { dateTime: `2026-11-0${n}T11:00:00`, timeZone: "Europe/Copenhagen" },
      },
    });
    const outcomes = await batchHttp.batch([event(1), event(2), event(3)]);
    expect(outcomes.map((o) => o.status)).toEqual([201, 201, 201]);
    expect(m365.faults.injected).toBe(before + 1);
    expect(waits).toEqual([4000]);
    expect(notices).toEqual([{ status: 429, waitMs: 4000, attempt: 1, spentMs: 4000, parts: 1 }]);
    const created = await batchHttp.all<{ subject: string }>(
      `/me/events?$filter=startswith(subject,'${subject}')`,
    );
    expect(created.map((e) => e.subject).sort()).toEqual([1, 2, 3].map((n) => `${subject} ${n}`));
  });

  test("a part whose dependency truly failed stays 424 and maps to a StoreError", async () => {
    const outcomes = await http().batch([
      { method: "GET", url: "/users/nobody@demokommune.onmicrosoft.com" },
      { method: "GET", url: "/me", dependsOn: [0] },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([404, 424]);
    expect(() => GraphHttp.check(outcomes[0]!)).toThrow(
      expect.objectContaining({ kind: "NotFound" }) as Error,
    );
  });
});
