/**
 * The local Microsoft Graph answered over raw HTTP: shapes, status codes and the rules of
 * JSON batching, events, channel messages and mail, as real Graph answers them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { devToken, type M365, startLocalM365 } from "../support/m365.js";

const COMMITTEE_GROUP = "7c1d2e3f-0a1b-4c5d-8e9f-000000000001";
const CHEFFORUM_TEAM = "7c1d2e3f-0a1b-4c5d-8e9f-000000000002";
const CHEFFORUM_MINUTES = "19:referater-chefforum@thread.tacv2";

let m365: M365;
let chair: string; // Birgitte Holm: Formand, Afdelingschef (member of Chefforum)
let secretary: string; // Mads Kjær: Sekretariat (not in Chefforum)
let member: string; // Jonas Lind: Medlemmer

beforeAll(async () => {
  m365 = await startLocalM365();
  [, chair = "", secretary = "", member = ""] = m365.users;
});
afterAll(() => m365.close());

interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

async function graph<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  as: string = chair,
): Promise<Answer<T>> {
  const res = await fetch(path.startsWith("http") ? path : `${m365.graph}${path}`, {
    method,
    headers: { Authorization: devToken(as), "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}

interface GraphErrorBody {
  error: { code: string; message: string; innerError: { "request-id": string; date: string } };
}

function meeting(overrides: Record<string, unknown> = {}) {
  return {
    subject: "Styregruppemøde",
    body: { contentType: "html", content: "<p>Dagsorden</p>" },
    start: { dateTime: "2026-03-04T10:00:00", timeZone: "Romance Standard Time" },
    end: { dateTime: "2026-03-04T12:00:00", timeZone: "Romance Standard Time" },
    attendees: [{ emailAddress: { address: member }, type: "required" }],
    ...overrides,
  };
}

describe("local Graph: directory", () => {
  test("GET /me answers the signed-in user with an @odata.context", async () => {
    const me = await graph("GET", "/me");
    expect(me.status).toBe(200);
    expect(me.body["@odata.context"]).toBe(`${m365.graph}/$metadata#users/$entity`);
    expect(me.body.userPrincipalName).toBe(chair);
    expect(me.body.displayName).toBe("Birgitte Holm");
    expect(me.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("GET /users pages with $top and an absolute @odata.nextLink until every user is seen", async () => {
    const seen: string[] = [];
    let next: string | undefined = `${m365.graph}/users?$top=5&$select=displayName,mail`;
    while (next) {
      const pageAnswer: Answer<{ value: { mail: string }[]; "@odata.nextLink"?: string }> =
        await graph("GET", next);
      expect(pageAnswer.status).toBe(200);
      expect(pageAnswer.body.value.length).toBeLessThanOrEqual(5);
      seen.push(...pageAnswer.body.value.map((u) => u.mail));
      next = pageAnswer.body["@odata.nextLink"];
      if (next) expect(next.startsWith(`${m365.graph}/users?`)).toBe(true);
    }
    expect(new Set(seen).size).toBe(m365.users.length);
  });

  test("GET /users filters with startswith and returns only the $select-ed properties", async () => {
    const res = await graph<{ value: Record<string, unknown>[] }>(
      "GET",
      `/users?$filter=${encodeURIComponent("startswith(displayName,'ma')")}&$select=displayName`,
    );
    expect(res.body.value).toEqual([
      { displayName: "Mads Kjær" },
      { displayName: "Maja Lundgaard" },
    ]);
  });

  test("group members are users with @odata.type, and include the committee's chair", async () => {
    const res = await graph<{ value: { "@odata.type": string; userPrincipalName: string }[] }>(
      "GET",
      `/groups/${COMMITTEE_GROUP}/members`,
    );
    expect(res.status).toBe(200);
    expect(res.body.value.every((m) => m["@odata.type"] === "#microsoft.graph.user")).toBe(true);
    expect(res.body.value.map((m) => m.userPrincipalName)).toContain(chair);
  });

  test("an unknown user is 404 Request_ResourceNotFound in Graph's error shape", async () => {
    const res = await graph<GraphErrorBody>("GET", "/users/nobody@demokommune.onmicrosoft.com");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("Request_ResourceNotFound");
    expect(res.body.error.innerError["request-id"]).toBeTruthy();
  });

  test("an unknown segment is 400 and malformed JSON is 400 BadRequest, never a crash", async () => {
    const unknown = await graph<GraphErrorBody>("GET", "/me/nothingHere");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("nothingHere");
    const malformed = await graph<GraphErrorBody>("POST", "/me/events", "{ not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("BadRequest");
    expect((await graph("GET", "/me")).status).toBe(200);
  });

  test("a request without a token is 401 InvalidAuthenticationToken", async () => {
    const res = await fetch(`${m365.graph}/me/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as GraphErrorBody).error.code).toBe("InvalidAuthenticationToken");
  });
});

describe("local Graph: calendar events", () => {
  test("an online meeting gets a Teams join URL and keeps the time zone it was given", async () => {
    const res = await graph(
      "POST",
      "/me/events",
      meeting({ isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness" }),
    );
    expect(res.status).toBe(201);
    const onlineMeeting = res.body.onlineMeeting as { joinUrl: string };
    expect(onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(res.body.start).toEqual({
      dateTime: "2026-03-04T10:00:00.0000000",
      timeZone: "Romance Standard Time",
    });
    expect(res.body["@odata.etag"]).toBe(`W/"${String(res.body.changeKey)}"`);
  });

  test("an event created twice with one transactionId exists once, and the retry answers 201 with it", async () => {
    // transactionId: "avoid redundant POST operations in case of client retries"
    // (https://learn.microsoft.com/graph/api/resources/event); a repeated POST answers 201
    // and creates nothing new.
    const body = meeting({ subject: "Idempotent møde", transactionId: "møde-2026-q1" });
    const first = await graph("POST", "/me/events", body);
    const second = await graph("POST", "/me/events", body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const list = await graph<{ value: { subject: string }[] }>(
      "GET",
      `/me/events?$top=100&$filter=${encodeURIComponent("subject eq 'Idempotent møde'")}`,
    );
    expect(list.body.value).toHaveLength(1);
  });

  test("a quarterly recurrence is stored and echoed with Graph's defaults filled in", async () => {
    const recurrence = {
      pattern: { type: "absoluteMonthly", interval: 3, dayOfMonth: 4 },
      range: { type: "endDate", startDate: "2026-03-04", endDate: "2027-03-04" },
    };
    const created = await graph("POST", "/me/events", meeting({ recurrence }));
    const read = await graph("GET", `/me/events/${String(created.body.id)}`);
    expect(read.body.type).toBe("seriesMaster");
    expect(read.body.recurrence).toEqual({
      pattern: {
        type: "absoluteMonthly",
        interval: 3,
        month: 0,
        dayOfMonth: 4,
        daysOfWeek: [],
        firstDayOfWeek: "sunday",
        index: "first",
      },
      range: {
        type: "endDate",
        startDate: "2026-03-04",
        endDate: "2027-03-04",
        recurrenceTimeZone: "Romance Standard Time",
        numberOfOccurrences: 0,
      },
    });
  });

  test("an attendee finds the invitation in their own calendar", async () => {
    const created = await graph("POST", "/me/events", meeting({ subject: "Invitation til Jonas" }));
    const theirs = await graph<{ value: { subject: string; isOrganizer: boolean }[] }>(
      "GET",
      `/me/events?$top=100&$filter=${encodeURIComponent("subject eq 'Invitation til Jonas'")}`,
      undefined,
      member,
    );
    expect(created.status).toBe(201);
    expect(theirs.body.value).toEqual([
      expect.objectContaining({ subject: "Invitation til Jonas", isOrganizer: false }),
    ]);
  });

  test("PATCH merges fields, bumps changeKey and lastModifiedDateTime, and tells attendees", async () => {
    const created = await graph("POST", "/me/events", meeting({ subject: "Før" }));
    const id = String(created.body.id);
    const patched = await graph("PATCH", `/me/events/${id}`, { subject: "Efter" });
    expect(patched.status).toBe(200);
    expect(patched.body.subject).toBe("Efter");
    expect(patched.body.start).toEqual(created.body.start);
    expect(patched.body.changeKey).not.toBe(created.body.changeKey);
    expect(
      String(patched.body.lastModifiedDateTime) >= String(created.body.lastModifiedDateTime),
    ).toBe(true);
    const notices = (await (
      await fetch(`${m365.origin}/_admin/graph/notices?eventId=${encodeURIComponent(id)}`)
    ).json()) as { value: { kind: string; recipient: string }[] };
    expect(notices.value.map((n) => n.kind)).toEqual(["created", "updated"]);
    expect(notices.value.every((n) => n.recipient === member)).toBe(true);
  });

  test("cancel answers 202, tells attendees with the comment, and their copy shows isCancelled", async () => {
    const created = await graph("POST", "/me/events", meeting({ subject: "Aflyses" }));
    const id = String(created.body.id);
    const cancelled = await graph("POST", `/me/events/${id}/cancel`, {
      Comment: "Vi flytter mødet",
    });
    expect(cancelled.status).toBe(202);
    expect((await graph("GET", `/me/events/${id}`)).status).toBe(404);
    const notices = (await (
      await fetch(`${m365.origin}/_admin/graph/notices?eventId=${encodeURIComponent(id)}`)
    ).json()) as { value: { kind: string; comment: string | null }[] };
    expect(notices.value.at(-1)).toEqual(
      expect.objectContaining({ kind: "cancelled", comment: "Vi flytter mødet" }),
    );
    const theirs = await graph<{ value: { isCancelled: boolean }[] }>(
      "GET",
      `/me/events?$top=100&$filter=${encodeURIComponent("subject eq 'Aflyst: Aflyses'")}`,
      undefined,
      member,
    );
    expect(theirs.body.value).toEqual([expect.objectContaining({ isCancelled: true })]);
  });

  test("DELETE answers 204 and the event is gone", async () => {
    const created = await graph("POST", "/me/events", meeting({ subject: "Slettes" }));
    const id = String(created.body.id);
    expect((await graph("DELETE", `/me/events/${id}`)).status).toBe(204);
    const gone = await graph<GraphErrorBody>("GET", `/me/events/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("ErrorItemNotFound");
  });

  test("PATCH and DELETE with a stale If-Match answer 412 ErrorIrresolvableConflict and change nothing", async () => {
    const created = await graph("POST", "/me/events", meeting({ subject: "Version 1" }));
    const id = String(created.body.id);
    const staleTag = String(created.body["@odata.etag"]);
    expect(staleTag).toBe(`W/"${String(created.body.changeKey)}"`);
    const changed = await graph("PATCH", `/me/events/${id}`, { subject: "Version 2" });
    expect(changed.status).toBe(200);
    const send = async (method: string, ifMatch: string, body?: unknown) => {
      const res = await fetch(`${m365.graph}/me/events/${id}`, {
        method,
        headers: {
          Authorization: devToken(chair),
          "Content-Type": "application/json",
          "If-Match": ifMatch,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as GraphErrorBody };
    };
    for (const [method, ifMatch, body] of [
      ["PATCH", staleTag, { subject: "Overskrevet" }],
      ["PATCH", String(created.body.changeKey), { subject: "Overskrevet" }],
      ["DELETE", staleTag, undefined],
    ] as const) {
      const refused = await send(method, ifMatch, body);
      expect([method, ifMatch, refused.status]).toEqual([method, ifMatch, 412]);
      expect(refused.body.error.code).toBe("ErrorIrresolvableConflict");
      expect(refused.body.error.innerError["request-id"]).toEqual(expect.any(String));
    }
    const still = await graph("GET", `/me/events/${id}`);
    expect(still.body.subject).toBe("Version 2");
    expect(still.body.changeKey).toBe(changed.body.changeKey);
  });

  test('PATCH and DELETE with the current If-Match (W/"changeKey", bare changeKey or *) are applied', async () => {
    const created = await graph("POST", "/me/events", meeting({ subject: "Version 1" }));
    const id = String(created.body.id);
    const send = async (method: string, ifMatch: string, body?: unknown) =>
      (
        await fetch(`${m365.graph}/me/events/${id}`, {
          method,
          headers: {
            Authorization: devToken(chair),
            "Content-Type": "application/json",
            "If-Match": ifMatch,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      ).json() as Promise<Record<string, unknown>>;
    const second = await send("PATCH", String(created.body["@odata.etag"]), {
      subject: "Version 2",
    });
    expect(second.subject).toBe("Version 2");
    const third = await send("PATCH", String(second.changeKey), { subject: "Version 3" });
    expect(third.subject).toBe("Version 3");
    const fourth = await send("PATCH", "*", { subject: "Version 4" });
    expect(fourth.subject).toBe("Version 4");
    const deleted = await fetch(`${m365.graph}/me/events/${id}`, {
      method: "DELETE",
      headers: { Authorization: devToken(chair), "If-Match": String(fourth["@odata.etag"]) },
    });
    expect(deleted.status).toBe(204);
    expect((await graph("GET", `/me/events/${id}`)).status).toBe(404);
  });

  test("events list sorted by start/dateTime pages with an absolute $skip next link", async () => {
    const writer = m365.users[5]!; // a member with an otherwise empty calendar
    for (const day of ["05", "03", "04", "01", "02"]) {
      await graph(
        "POST",
        "/me/events",
        meeting({
          subject: `Dag ${day}`,
          start: { dateTime: `2026-05-${day}T09:00:00`, timeZone: "Europe/Copenhagen" },
          end: { dateTime: `2026-05-${day}T10:00:00`, timeZone: "Europe/Copenhagen" },
        }),
        writer,
      );
    }
    const first = await graph<{ value: { subject: string }[]; "@odata.nextLink"?: string }>(
      "GET",
      "/me/events?$orderby=start/dateTime&$top=3&$select=subject",
      undefined,
      writer,
    );
    expect(first.body.value.map((e) => e.subject)).toEqual(["Dag 01", "Dag 02", "Dag 03"]);
    expect(first.body["@odata.nextLink"]).toMatch(
      new RegExp(`^${m365.graph}/me/events\\?.*\\$skip=3`),
    );
    const second = await graph<{ value: { subject: string }[]; "@odata.nextLink"?: string }>(
      "GET",
      first.body["@odata.nextLink"]!,
      undefined,
      writer,
    );
    expect(second.body.value.map((e) => e.subject)).toEqual(["Dag 04", "Dag 05"]);
    expect(second.body["@odata.nextLink"]).toBeUndefined();
  });

  test("an unknown time zone is refused with TimeZoneNotSupportedException", async () => {
    const res = await graph<GraphErrorBody>(
      "POST",
      "/me/events",
      meeting({ start: { dateTime: "2026-03-04T10:00:00", timeZone: "Mars/Olympus" } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("TimeZoneNotSupportedException");
  });

  test("another user's calendar is not reachable with delegated access", async () => {
    const res = await graph<GraphErrorBody>("GET", `/users/${member}/events`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("ErrorAccessDenied");
  });
});

describe("local Graph: Teams channel messages", () => {
  const messages = `/teams/${CHEFFORUM_TEAM}/channels/${encodeURIComponent(CHEFFORUM_MINUTES)}/messages`;

  test("a channel post with <script> and onerror= in user text is stored inert", async () => {
    const content =
      '<p>Referat <b>godkendt</b><script>alert(1)</script><img src=x onerror="alert(2)">' +
      '<a href="javascript:alert(3)">klik</a> <a href="https://intra.example/ref">link</a></p>' +
      "<style>p{display:none}</style><iframe src=https://evil.example></iframe>";
    const posted = await graph("POST", messages, { body: { contentType: "html", content } });
    expect(posted.status).toBe(201);
    const read = await graph<{ body: { content: string } }>(
      "GET",
      `${messages}/${String(posted.body.id)}`,
    );
    const stored = read.body.body.content;
    expect(stored).toBe(
      '<p>Referat <b>godkendt</b><a>klik</a> <a href="https://intra.example/ref">link</a></p>',
    );
    expect(stored).not.toMatch(/script|onerror|javascript:|<style|<iframe|alert/i);
  });

  test("a post answers 201 with id, createdDateTime, from.user and webUrl, and is listed newest first", async () => {
    const posted = await graph("POST", messages, {
      subject: "Referat",
      body: { contentType: "html", content: "<p>Nyeste</p>" },
    });
    expect(posted.status).toBe(201);
    const message = posted.body as {
      id: string;
      createdDateTime: string;
      webUrl: string;
      from: { user: { displayName: string } };
    };
    expect(message.id).toMatch(/^\d+$/);
    expect(Number.isNaN(Date.parse(message.createdDateTime))).toBe(false);
    expect(message.webUrl).toContain("https://teams.microsoft.com/l/message/");
    expect(message.from.user.displayName).toBe("Birgitte Holm");
    const list = await graph<{ value: { id: string }[] }>("GET", messages);
    expect(list.body.value[0]?.id).toBe(posted.body.id);
  });

  test("someone outside the team may not post (403)", async () => {
    const res = await graph(
      "POST",
      messages,
      { body: { contentType: "text", content: "Hej" } },
      secretary,
    );
    expect(res.status).toBe(403);
  });

  test("a message over Teams' ~28 KB is refused with 413", async () => {
    // Teams' message limit is about 28 KB including HTML and mentions; larger posts fail with
    // "Request Entity too large" (https://learn.microsoft.com/microsoftteams/limits-specifications-teams).
    const content = `<p>${"x".repeat(29 * 1024)}</p>`;
    const res = await graph<GraphErrorBody>("POST", messages, {
      body: { contentType: "html", content },
    });
    expect(res.status).toBe(413);
  });

  test("a mention needs its <at id> in the content", async () => {
    const mention = {
      id: 0,
      mentionText: "Jonas Lind",
      mentioned: { user: { id: "5f0c0004-7d1a-4c2e-8b3f-9a0000000004" } },
    };
    const ok = await graph("POST", messages, {
      body: { contentType: "html", content: '<p><at id="0">Jonas Lind</at> se referatet</p>' },
      mentions: [mention],
    });
    expect(ok.status).toBe(201);
    expect((ok.body.body as { content: string }).content).toBe(
      '<p><at id="0">Jonas Lind</at> se referatet</p>',
    );
    const missing = await graph("POST", messages, {
      body: { contentType: "html", content: "<p>ingen at-tag</p>" },
      mentions: [mention],
    });
    expect(missing.status).toBe(400);
  });
});

describe("local Graph: mail", () => {
  test("sendMail answers 202 with no body and the mail is in the outbox, newest last", async () => {
    await fetch(`${m365.origin}/_admin/outbox`, { method: "DELETE" });
    const send = (subject: string) =>
      fetch(`${m365.graph}/me/sendMail`, {
        method: "POST",
        headers: { Authorization: devToken(secretary), "Content-Type": "application/json" },
        body: JSON.stringify({
          message: {
            subject,
            body: { contentType: "html", content: "<p>Statusrapport</p>" },
            toRecipients: [{ emailAddress: { address: "direktion@demokommune.dk" } }],
          },
          saveToSentItems: false,
        }),
      });
    const first = await send("Første");
    expect(first.status).toBe(202);
    expect(await first.text()).toBe("");
    await send("Anden");
    const outbox = (await (await fetch(`${m365.origin}/_admin/outbox`)).json()) as {
      value: { subject: string; from: { emailAddress: { address: string } } }[];
    };
    expect(outbox.value.map((m) => m.subject)).toEqual(["Første", "Anden"]);
    expect(outbox.value[0]?.from.emailAddress.address).toBe(secretary);
  });

  test("sendMail without recipients is 400 ErrorInvalidRecipients", async () => {
    const res = await graph<GraphErrorBody>("POST", "/me/sendMail", { message: { subject: "x" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("ErrorInvalidRecipients");
  });
});

describe("local Graph: JSON $batch (https://learn.microsoft.com/graph/json-batching)", () => {
  const get = (id: string, url = "/me") => ({ id, method: "GET", url });

  test("21 requests are refused as a whole with 400", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => get(String(i + 1)));
    const res = await graph<GraphErrorBody>("POST", "/$batch", { requests });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
  });

  test("duplicate ids are refused as a whole with 400", async () => {
    const res = await graph<GraphErrorBody>("POST", "/$batch", { requests: [get("1"), get("1")] });
    expect(res.status).toBe(400);
  });

  test("an inner url carrying /v1.0 answers that request 400, as graph-client's BatchRequestContent would trigger", async () => {
    // Real Graph: "Resource not found for the segment 'v1.0'." for that request
    // (microsoftgraph/msgraph-sdk-javascript#1178; reference/wire/graph-capture.txt shows
    // graph-client 3.0.7 sending "/v1.0/me/events").
    const res = await graph<{ responses: { id: string; status: number; body: GraphErrorBody }[] }>(
      "POST",
      "/$batch",
      { requests: [get("1"), get("2", "/v1.0/me")] },
    );
    expect(res.status).toBe(200);
    const byId = new Map(res.body.responses.map((r) => [r.id, r]));
    expect(byId.get("1")?.status).toBe(200);
    expect(byId.get("2")?.status).toBe(400);
    expect(byId.get("2")?.body.error.message).toContain("v1.0");
  });

  test("an absolute inner url makes the whole batch 400", async () => {
    const res = await graph("POST", "/$batch", { requests: [get("1", `${m365.graph}/me`)] });
    expect(res.status).toBe(400);
  });

  test("a request whose dependency failed answers 424 Failed Dependency", async () => {
    const res = await graph<{ responses: { id: string; status: number }[] }>("POST", "/$batch", {
      requests: [
        get("1", "/users/nobody@demokommune.onmicrosoft.com"),
        { ...get("2"), dependsOn: ["1"] },
      ],
    });
    const byId = new Map(res.body.responses.map((r) => [r.id, r.status]));
    expect(byId.get("1")).toBe(404);
    expect(byId.get("2")).toBe(424);
  });

  test("parts run through the same handlers, writes included, and answers are not in request order", async () => {
    const res = await graph<{
      responses: { id: string; status: number; body: { subject?: string } }[];
    }>("POST", "/$batch", {
      requests: [
        {
          id: "a",
          method: "POST",
          url: "/me/events",
          headers: { "Content-Type": "application/json" },
          body: meeting({ subject: "Fra batch" }),
        },
        get("b"),
        get("c", `/groups/${COMMITTEE_GROUP}`),
      ],
    });
    expect(res.body.responses.map((r) => r.id)).not.toEqual(["a", "b", "c"]);
    const a = res.body.responses.find((r) => r.id === "a");
    expect(a?.status).toBe(201);
    expect(a?.body.subject).toBe("Fra batch");
  });

  test("a throttled part answers 429 with Retry-After inside a 200 batch", async () => {
    await fetch(`${m365.origin}/_admin/faults/queue`, {
      method: "POST",
      body: JSON.stringify({ status: 429, match: `/groups/${COMMITTEE_GROUP}`, retryAfter: 0 }),
    });
    const res = await graph<{
      responses: { id: string; status: number; headers: Record<string, string> }[];
    }>("POST", "/$batch", { requests: [get("1"), get("2", `/groups/${COMMITTEE_GROUP}`)] });
    expect(res.status).toBe(200);
    const throttled = res.body.responses.find((r) => r.id === "2");
    expect(throttled?.status).toBe(429);
    expect(throttled?.headers["Retry-After"]).toBe("0");
    expect(res.body.responses.find((r) => r.id === "1")?.status).toBe(200);
  });
});

describe("local Graph: storage", () => {
  test("events, channel posts and sent mail are still there after a restart on the same data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digistyr-graph-"));
    try {
      const first = await startLocalM365({ dataDir: dir });
      const headers = { Authorization: devToken(chair), "Content-Type": "application/json" };
      const post = (path: string, body: unknown) =>
        fetch(`${first.graph}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
      const event = (await (
        await post("/me/events", meeting({ subject: "Varigt møde" }))
      ).json()) as {
        id: string;
      };
      const channelPath = `/teams/${CHEFFORUM_TEAM}/channels/${encodeURIComponent(CHEFFORUM_MINUTES)}/messages`;
      const message = (await (
        await post(channelPath, { body: { contentType: "text", content: "Varigt opslag" } })
      ).json()) as { id: string };
      await post("/me/sendMail", {
        message: { subject: "Varig mail", toRecipients: [{ emailAddress: { address: member } }] },
      });
      await first.close();

      const second = await startLocalM365({ dataDir: dir });
      const get = async (path: string) =>
        (await fetch(`${second.graph}${path}`, { headers })).json() as Promise<{
          subject?: string;
          body?: { content: string };
        }>;
      expect((await get(`/me/events/${event.id}`)).subject).toBe("Varigt møde");
      expect((await get(`${channelPath}/${message.id}`)).body?.content).toBe("Varigt opslag");
      const outbox = (await (await fetch(`${second.origin}/_admin/outbox`)).json()) as {
        value: { subject: string }[];
      };
      expect(outbox.value.map((m) => m.subject)).toEqual(["Varig mail"]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
