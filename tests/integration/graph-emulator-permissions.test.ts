/**
 * The local Microsoft Graph's delegated permissions over raw HTTP: every route answers with the
 * least-privileged permission its Microsoft API page lists, with a higher one the page lists, and
 * refuses a token without any of them with 403 in the shape of the workload behind it; directory
 * objects come back limited to `@odata.type` + `id` without permission to read their type; and
 * the teams routes `/me/joinedTeams` and `/teams/{id}/channels`.
 */
import {
  acceptedScopes,
  GRAPH_PERMISSIONS,
  type GraphRoute,
} from "../../src/emulator/graph/permissions.js";
import { TAB_SCOPES } from "../../src/host/permissions.js";
import { type M365, scopedToken, startLocalM365 } from "../support/m365.js";

const COMMITTEE = "7c1d2e3f-0a1b-4c5d-8e9f-000000000001";
const CHEFFORUM = "7c1d2e3f-0a1b-4c5d-8e9f-000000000002";
const CHEFFORUM_MINUTES = "19:referater-chefforum@thread.tacv2";

/** Every permission any route accepts, and the tab's: the most a token could carry here. */
const EVERY_SCOPE = [
  ...new Set([
    ...TAB_SCOPES,
    ...(Object.keys(GRAPH_PERMISSIONS) as GraphRoute[]).flatMap((r) => acceptedScopes(r)),
  ]),
];

let m365: M365;
let chair: string; // Birgitte Holm: in the committee's team and in Chefforum
let secretary: string; // Mads Kjær: in the committee's team only
let member: string;

beforeAll(async () => {
  m365 = await startLocalM365();
  [, chair = "", secretary = "", member = ""] = m365.users;
});
afterAll(() => m365.close());

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  scopes: readonly string[],
  body?: unknown,
  as: string = chair,
): Promise<Answer> {
  const res = await fetch(`${m365.graph}${path}`, {
    method,
    headers: { Authorization: scopedToken(as, scopes), "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

function errorOf(a: Answer): { code: string; message: string; innerError: unknown } {
  return (a.body as { error: { code: string; message: string; innerError: unknown } }).error;
}

function meeting() {
  return {
    subject: "Styregruppemøde",
    start: { dateTime: "2026-03-04T10:00:00", timeZone: "Romance Standard Time" },
    end: { dateTime: "2026-03-04T12:00:00", timeZone: "Romance Standard Time" },
    attendees: [{ emailAddress: { address: member }, type: "required" }],
  };
}

async function newEvent(): Promise<string> {
  const created = await call("POST", "/me/events", EVERY_SCOPE, meeting());
  expect(created.status).toBe(201);
  return String(created.body.id);
}

async function newGroupEvent(): Promise<string> {
  const created = await call("POST", `/groups/${COMMITTEE}/events`, EVERY_SCOPE, meeting());
  expect(created.status).toBe(201);
  return String(created.body.id);
}

const messages = `/teams/${CHEFFORUM}/channels/${encodeURIComponent(CHEFFORUM_MINUTES)}/messages`;

async function newMessage(): Promise<string> {
  const posted = await call("POST", messages, EVERY_SCOPE, {
    body: { contentType: "html", content: "<p>Referat</p>" },
  });
  expect(posted.status).toBe(201);
  return String(posted.body.id);
}

interface Case {
  route: GraphRoute;
  /** As the route's Microsoft API page lists it (least privileged, delegated). */
  least: string;
  /** The error code Graph answers when the token lacks every accepted permission. */
  refusal: "Authorization_RequestDenied" | "ErrorAccessDenied" | "Forbidden";
  method: string;
  /** The path to call (resources it needs are made fresh for each call). */
  path: string | (() => Promise<string> | string);
  /** Made when called (the demo users are known once the server runs). */
  body?: () => unknown;
  success: number;
}

const CASES: Case[] = [
  {
    route: "GET /me",
    least: "User.Read",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: "/me",
    success: 200,
  },
  {
    route: "GET /users/{id}",
    least: "User.ReadBasic.All",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: () => `/users/${encodeURIComponent(secretary)}`,
    success: 200,
  },
  {
    route: "GET /users",
    least: "User.ReadBasic.All",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: "/users",
    success: 200,
  },
  {
    route: "GET /me/memberOf",
    least: "User.Read",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: "/me/memberOf",
    success: 200,
  },
  {
    route: "GET /users/{id}/memberOf",
    least: "GroupMember.Read.All",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: () => `/users/${encodeURIComponent(secretary)}/memberOf`,
    success: 200,
  },
  {
    route: "GET /groups",
    least: "GroupMember.Read.All",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: "/groups",
    success: 200,
  },
  {
    route: "GET /groups/{id}",
    least: "GroupMember.Read.All",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: `/groups/${COMMITTEE}`,
    success: 200,
  },
  {
    route: "GET /groups/{id}/members",
    least: "GroupMember.Read.All",
    refusal: "Authorization_RequestDenied",
    method: "GET",
    path: `/groups/${COMMITTEE}/members`,
    success: 200,
  },
  {
    route: "GET /me/events",
    least: "Calendars.ReadBasic",
    refusal: "ErrorAccessDenied",
    method: "GET",
    path: "/me/events",
    success: 200,
  },
  {
    route: "GET /me/events/{id}",
    least: "Calendars.ReadBasic",
    refusal: "ErrorAccessDenied",
    method: "GET",
    path: async () => `/me/events/${encodeURIComponent(await newEvent())}`,
    success: 200,
  },
  {
    route: "POST /me/events",
    least: "Calendars.ReadWrite",
    refusal: "ErrorAccessDenied",
    method: "POST",
    path: "/me/events",
    body: () => meeting(),
    success: 201,
  },
  {
    route: "PATCH /me/events/{id}",
    least: "Calendars.ReadWrite",
    refusal: "ErrorAccessDenied",
    method: "PATCH",
    path: async () => `/me/events/${encodeURIComponent(await newEvent())}`,
    body: () => ({ subject: "Flyttet" }),
    success: 200,
  },
  {
    route: "DELETE /me/events/{id}",
    least: "Calendars.ReadWrite",
    refusal: "ErrorAccessDenied",
    method: "DELETE",
    path: async () => `/me/events/${encodeURIComponent(await newEvent())}`,
    success: 204,
  },
  {
    route: "POST /me/events/{id}/cancel",
    least: "Calendars.ReadWrite",
    refusal: "ErrorAccessDenied",
    method: "POST",
    path: async () => `/me/events/${encodeURIComponent(await newEvent())}/cancel`,
    body: () => ({ Comment: "Aflyst" }),
    success: 202,
  },
  {
    route: "GET /groups/{id}/events",
    least: "Group.Read.All",
    refusal: "ErrorAccessDenied",
    method: "GET",
    path: `/groups/${COMMITTEE}/events`,
    success: 200,
  },
  {
    route: "GET /groups/{id}/events/{id}",
    least: "Group.Read.All",
    refusal: "ErrorAccessDenied",
    method: "GET",
    path: async () => `/groups/${COMMITTEE}/events/${encodeURIComponent(await newGroupEvent())}`,
    success: 200,
  },
  {
    route: "POST /groups/{id}/events",
    least: "Group.ReadWrite.All",
    refusal: "ErrorAccessDenied",
    method: "POST",
    path: `/groups/${COMMITTEE}/events`,
    body: () => meeting(),
    success: 201,
  },
  {
    route: "POST /me/sendMail",
    least: "Mail.Send",
    refusal: "ErrorAccessDenied",
    method: "POST",
    path: "/me/sendMail",
    body: () => ({
      message: { subject: "Runde åbnet", toRecipients: [{ emailAddress: { address: member } }] },
    }),
    success: 202,
  },
  {
    route: "GET /me/joinedTeams",
    least: "Team.ReadBasic.All",
    refusal: "Forbidden",
    method: "GET",
    path: "/me/joinedTeams",
    success: 200,
  },
  {
    route: "GET /teams/{id}",
    least: "Team.ReadBasic.All",
    refusal: "Forbidden",
    method: "GET",
    path: `/teams/${CHEFFORUM}`,
    success: 200,
  },
  {
    route: "GET /teams/{id}/channels",
    least: "Channel.ReadBasic.All",
    refusal: "Forbidden",
    method: "GET",
    path: `/teams/${CHEFFORUM}/channels`,
    success: 200,
  },
  {
    route: "GET /teams/{id}/channels/{id}",
    least: "Channel.ReadBasic.All",
    refusal: "Forbidden",
    method: "GET",
    path: `/teams/${CHEFFORUM}/channels/${encodeURIComponent(CHEFFORUM_MINUTES)}`,
    success: 200,
  },
  {
    route: "GET /teams/{id}/channels/{id}/messages",
    least: "ChannelMessage.Read.All",
    refusal: "Forbidden",
    method: "GET",
    path: messages,
    success: 200,
  },
  {
    route: "GET /teams/{id}/channels/{id}/messages/{id}",
    least: "ChannelMessage.Read.All",
    refusal: "Forbidden",
    method: "GET",
    path: async () => `${messages}/${await newMessage()}`,
    success: 200,
  },
  {
    route: "POST /teams/{id}/channels/{id}/messages",
    least: "ChannelMessage.Send",
    refusal: "Forbidden",
    method: "POST",
    path: messages,
    body: () => ({ body: { contentType: "html", content: "<p>Referat</p>" } }),
    success: 201,
  },
  {
    route: "POST /teams/{id}/channels/{id}/messages/{id}/replies",
    least: "ChannelMessage.Send",
    refusal: "Forbidden",
    method: "POST",
    path: async () => `${messages}/${await newMessage()}/replies`,
    body: () => ({ body: { contentType: "html", content: "<p>Svar</p>" } }),
    success: 201,
  },
];

async function pathOf(c: Case): Promise<string> {
  return typeof c.path === "string" ? c.path : c.path();
}

describe("local Graph: delegated permissions per route (each route's Microsoft API page)", () => {
  test("the table covers every route the local Graph guards", () => {
    expect(CASES.map((c) => c.route).sort()).toEqual(Object.keys(GRAPH_PERMISSIONS).sort());
  });

  test.each(CASES)(
    "$method $route answers $success with only its least-privileged permission ($least)",
    async (c) => {
      expect(GRAPH_PERMISSIONS[c.route].least).toBe(c.least);
      const a = await call(c.method, await pathOf(c), [c.least], c.body?.());
      expect(a.status).toBe(c.success);
    },
  );

  test.each(CASES.filter((c) => GRAPH_PERMISSIONS[c.route].higher.length > 0))(
    "$method $route answers $success with only a higher permission its page lists",
    async (c) => {
      const higher = GRAPH_PERMISSIONS[c.route].higher;
      const a = await call(c.method, await pathOf(c), [higher[higher.length - 1]!], c.body?.());
      expect(a.status).toBe(c.success);
    },
  );

  test.each(CASES)(
    "$method $route is 403 $refusal for a token with every other permission",
    async (c) => {
      const accepted = new Set(acceptedScopes(c.route));
      const others = EVERY_SCOPE.filter((s) => !accepted.has(s));
      const a = await call(c.method, await pathOf(c), others, c.body?.());
      expect(a.status).toBe(403);
      const error = errorOf(a);
      expect(error.code).toBe(c.refusal);
      expect(error.innerError).toEqual(
        expect.objectContaining({ "request-id": expect.any(String) as unknown }),
      );
      if (c.refusal === "Forbidden") {
        expect(error.message).toContain(`API requires one of '${[...accepted].join(", ")}'`);
      }
    },
  );

  test("a refused write changes nothing: no event is created, no mail is sent", async () => {
    const before = (await call("GET", "/me/events", EVERY_SCOPE)).body.value as unknown[];
    const created = await call("POST", "/me/events", ["Calendars.Read"], meeting());
    expect(created.status).toBe(403);
    const after = (await call("GET", "/me/events", EVERY_SCOPE)).body.value as unknown[];
    expect(after).toHaveLength(before.length);

    const outbox = async () =>
      (
        (await (await fetch(`${m365.origin}/_admin/outbox`)).json()) as {
          value: unknown[];
        }
      ).value.length;
    const sent = await outbox();
    const mail = await call("POST", "/me/sendMail", ["Mail.ReadWrite", "User.Read"], {
      message: { subject: "x", toRecipients: [{ emailAddress: { address: member } }] },
    });
    expect(mail.status).toBe(403);
    expect(await outbox()).toBe(sent);
  });

  test("User.Read reads the signed-in user (also as /users/{own UPN}) but nobody else", async () => {
    expect((await call("GET", "/me", ["User.Read"])).status).toBe(200);
    expect((await call("GET", `/users/${encodeURIComponent(chair)}`, ["User.Read"])).status).toBe(
      200,
    );
    const other = await call("GET", `/users/${encodeURIComponent(secretary)}`, ["User.Read"]);
    expect(other.status).toBe(403);
    expect(errorOf(other)).toEqual(
      expect.objectContaining({
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      }),
    );
  });

  test("inner $batch requests carry the outer token's permissions, each checked on its own", async () => {
    const res = await fetch(`${m365.graph}/$batch`, {
      method: "POST",
      headers: {
        Authorization: scopedToken(chair, ["User.Read"]),
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        requests: [
          { id: "me", method: "GET", url: "/me" },
          { id: "other", method: "GET", url: `/users/${encodeURIComponent(secretary)}` },
          {
            id: "mail",
            method: "POST",
            url: "/me/sendMail",
            headers: { "Content-Type": "application/json" },
            body: {
              message: { subject: "x", toRecipients: [{ emailAddress: { address: member } }] },
            },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as {
      responses: { id: string; status: number; body: { error?: { code: string } } }[];
    };
    const byId = Object.fromEntries(responses.map((r) => [r.id, r]));
    expect(byId.me?.status).toBe(200);
    expect(byId.other?.status).toBe(403);
    expect(byId.other?.body.error?.code).toBe("Authorization_RequestDenied");
    expect(byId.mail?.status).toBe(403);
    expect(byId.mail?.body.error?.code).toBe("ErrorAccessDenied");
  });

  test("the tab's declared scopes reach every route the app calls", async () => {
    const used: [string, string][] = [
      ["GET", "/me?$select=id,displayName,mail"],
      ["GET", `/users?$filter=${encodeURIComponent("startswith(displayName,'M')")}`],
      ["GET", `/users/${encodeURIComponent(secretary)}`],
      ["GET", `/groups/${COMMITTEE}/members?$top=100`],
      ["GET", "/me/events?$top=50"],
      ["GET", "/me/joinedTeams"],
      ["GET", `/teams/${CHEFFORUM}/channels`],
      ["GET", messages],
    ];
    for (const [method, path] of used) {
      expect({ path, status: (await call(method, path, TAB_SCOPES)).status }).toEqual({
        path,
        status: 200,
      });
    }
    expect((await call("POST", "/me/events", TAB_SCOPES, meeting())).status).toBe(201);
  });
});

describe("local Graph: directory objects without permission to read their type", () => {
  type Member = Record<string, unknown>;

  async function members(scopes: string[], query = ""): Promise<Member[]> {
    const a = await call("GET", `/groups/${COMMITTEE}/members${query}`, scopes);
    expect(a.status).toBe(200);
    return a.body.value as Member[];
  }

  test("without User.ReadBasic.All, group members are @odata.type and id only, every other property null", async () => {
    const value = await members(["GroupMember.Read.All"]);
    expect(value.length).toBeGreaterThan(5);
    for (const m of value) {
      expect(m["@odata.type"]).toBe("#microsoft.graph.user");
      expect(m.id).toEqual(expect.any(String));
      const others = Object.entries(m).filter(([k]) => k !== "@odata.type" && k !== "id");
      expect(others.length).toBeGreaterThan(0);
      expect(others.every(([, v]) => v === null)).toBe(true);
    }
  });

  test("$select and $filter see the same nulls, so a filter reveals nothing hidden", async () => {
    const selected = await members(["GroupMember.Read.All"], "?$select=id,displayName,mail");
    expect(selected[0]).toEqual({
      "@odata.type": "#microsoft.graph.user",
      id: expect.any(String) as unknown,
      displayName: null,
      mail: null,
    });
    const filter = encodeURIComponent("startswith(displayName,'B')");
    expect(await members(["GroupMember.Read.All"], `?$filter=${filter}`)).toEqual([]);
  });

  test.each([["User.ReadBasic.All"], ["User.Read.All"], ["Directory.Read.All"]])(
    "with %s next to GroupMember.Read.All, members carry their names and addresses",
    async (userScope) => {
      const value = await members(["GroupMember.Read.All", userScope]);
      const birgitte = value.find((m) => m.userPrincipalName === chair);
      expect(birgitte).toEqual(
        expect.objectContaining({ displayName: "Birgitte Holm", mail: chair }),
      );
      expect(value.every((m) => typeof m.displayName === "string")).toBe(true);
    },
  );

  test("/me still answers the whole own profile with User.Read alone", async () => {
    const me = await call("GET", "/me", ["User.Read"]);
    expect(me.body).toEqual(
      expect.objectContaining({
        id: expect.any(String) as unknown,
        displayName: "Birgitte Holm",
        mail: chair,
        userPrincipalName: chair,
      }),
    );
  });

  test("/me/memberOf with User.Read alone lists the groups limited; GroupMember.Read.All names them", async () => {
    const limited = (await call("GET", "/me/memberOf", ["User.Read"])).body.value as Member[];
    expect(limited.map((g) => g.id).sort()).toEqual([COMMITTEE, CHEFFORUM].sort());
    expect(limited.every((g) => g["@odata.type"] === "#microsoft.graph.group")).toBe(true);
    expect(limited.every((g) => g.displayName === null && g.mail === null)).toBe(true);

    const named = (await call("GET", "/me/memberOf", ["User.Read", "GroupMember.Read.All"])).body
      .value as Member[];
    expect(named.map((g) => g.displayName).sort()).toEqual(
      ["Chefforum", "Digitaliseringsstyregruppen"].sort(),
    );
  });
});

describe("local Graph: the signed-in user's teams and a team's channels", () => {
  test("GET /me/joinedTeams lists the teams the user is a member of, with id, displayName and description", async () => {
    const chairs = await call("GET", "/me/joinedTeams", ["Team.ReadBasic.All"]);
    expect(chairs.status).toBe(200);
    expect(chairs.body["@odata.context"]).toBe(`${m365.graph}/$metadata#teams`);
    expect(chairs.body.value).toEqual(
      expect.arrayContaining([
        {
          id: COMMITTEE,
          displayName: "Digitaliseringsstyregruppen",
          description: "Kommunens digitaliseringsstyregruppe",
        },
        { id: CHEFFORUM, displayName: "Chefforum", description: "Kommunens chefer" },
      ]),
    );
    expect(chairs.body.value).toHaveLength(2);

    const secretarys = await call(
      "GET",
      "/me/joinedTeams",
      ["Team.ReadBasic.All"],
      undefined,
      secretary,
    );
    expect((secretarys.body.value as { id: string }[]).map((t) => t.id)).toEqual([COMMITTEE]);
  });

  test("GET /me/joinedTeams without Team.ReadBasic.All is 403 Forbidden naming the permissions it needs", async () => {
    const a = await call("GET", "/me/joinedTeams", ["User.Read", "Channel.ReadBasic.All"]);
    expect(a.status).toBe(403);
    expect(errorOf(a).code).toBe("Forbidden");
    expect(errorOf(a).message).toMatch(
      /^Missing scope permissions on the request\. API requires one of 'Team\.ReadBasic\.All, /,
    );
    expect(errorOf(a).message).toContain(
      "Scopes on the request 'User.Read, Channel.ReadBasic.All'",
    );
  });

  test("GET /teams/{id}/channels lists id, displayName, description and membershipType", async () => {
    const a = await call("GET", `/teams/${CHEFFORUM}/channels`, ["Channel.ReadBasic.All"]);
    expect(a.status).toBe(200);
    const value = a.body.value as Record<string, unknown>[];
    expect(value.map((c) => c.displayName)).toEqual([
      "Generelt",
      "Referater fra Digitaliseringsstyregruppen",
    ]);
    for (const c of value) {
      expect(c).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^19:.+@thread\.tacv2$/) as unknown,
          displayName: expect.any(String) as unknown,
          description: expect.any(String) as unknown,
          membershipType: "standard",
        }),
      );
    }
  });

  test("a team the user is not in is 403 Forbidden, and a team that does not exist is 404 NotFound", async () => {
    const outsider = await call(
      "GET",
      `/teams/${CHEFFORUM}/channels`,
      ["Channel.ReadBasic.All"],
      undefined,
      secretary,
    );
    expect(outsider.status).toBe(403);
    expect(errorOf(outsider).code).toBe("Forbidden");

    const team = await call(
      "GET",
      `/teams/${CHEFFORUM}`,
      ["Team.ReadBasic.All"],
      undefined,
      secretary,
    );
    expect(team.status).toBe(403);

    const missing = "7c1d2e3f-0a1b-4c5d-8e9f-0000000000ff";
    const none = await call("GET", `/teams/${missing}/channels`, ["Channel.ReadBasic.All"]);
    expect(none.status).toBe(404);
    expect(errorOf(none)).toEqual(
      expect.objectContaining({
        code: "NotFound",
        message: `No team found with Group Id ${missing}`,
      }),
    );
  });

  test("GET /teams/{id}/channels without Channel.ReadBasic.All is 403 before the team is looked up", async () => {
    const missing = "7c1d2e3f-0a1b-4c5d-8e9f-0000000000ff";
    for (const team of [CHEFFORUM, missing]) {
      const a = await call("GET", `/teams/${team}/channels`, ["Team.ReadBasic.All"]);
      expect(a.status).toBe(403);
      expect(errorOf(a).message).toContain("API requires one of 'Channel.ReadBasic.All, ");
    }
  });
});
