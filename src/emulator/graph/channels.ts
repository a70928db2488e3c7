import type { ApiDeps } from "../api.js";
import { DEMO_GROUPS, type DemoGroup, type DemoUser, TENANT_ID } from "../directory.js";
import type { HttpResponse } from "../http.js";
import { sql } from "../store.js";
import {
  fail,
  type GraphRequest,
  isRecord,
  jsonBody,
  key,
  metadata,
  offsetFromSkipToken,
  ok,
  page,
  project,
  selectOf,
  str,
  topOf,
} from "./context.js";
import { methodNotAllowed } from "./events.js";
import { findGroup, findUser, groupMail, isMember } from "./people.js";
import { type GraphRoute, requireScope } from "./permissions.js";
import { sanitizeTeamsHtml } from "./sanitize-html.js";

/**
 * Teams and their channel messages. Teams are the demo Microsoft 365 groups (team id = group
 * id). Resources: https://learn.microsoft.com/graph/api/resources/team,
 * .../resources/channel, .../resources/chatmessage
 */

/**
 * Teams refuses messages over about 28 KB with 413 "Request Entity too large"; the limit
 * counts the whole message HTML including mentions
 * (https://learn.microsoft.com/microsoftteams/limits-specifications-teams, footnote on
 * message size; PLATFORM.md, Channel post).
 */
export const MAX_MESSAGE_BYTES = 28 * 1024;

interface MessageRow {
  seq: number;
  id: string;
  team_id: string;
  channel_id: string;
  reply_to_id: string | null;
  data: string;
}

export class ChannelStore {
  private lastId = 0;

  constructor(private readonly deps: ApiDeps) {
    deps.db.exec(`
      CREATE TABLE IF NOT EXISTS graph_channel_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        reply_to_id TEXT,
        data TEXT NOT NULL,
        UNIQUE (team_id, channel_id, id)
      );
    `);
    const max = sql(
      deps.db,
      "SELECT MAX(CAST(id AS INTEGER)) AS m FROM graph_channel_messages",
    ).get() as {
      m: number | null;
    };
    this.lastId = max.m ?? 0;
  }

  /**
   * Routes `/teams/...`: the token's permission for the route first (permissions.ts), then the
   * team (404 when there is none), then membership (delegated access reaches only the teams the
   * signed-in user is a member of: 403).
   */
  handle(req: GraphRequest): HttpResponse | undefined {
    const [, teamId, sub, channelId, messages, messageId, replies, ...more] = req.segments;
    if (teamId === undefined || more.length > 0) return undefined;
    const needed = teamsPermission(req.method, req.segments.slice(2));
    if (needed) requireScope(req, needed);
    const group = requireTeam(teamId);
    if (sub === undefined) {
      if (req.method !== "GET") methodNotAllowed();
      this.requireMember(group, req.user);
      return this.team(req, group);
    }
    if (sub.toLowerCase() !== "channels") return undefined;
    this.requireMember(group, req.user);
    if (channelId === undefined) {
      if (req.method !== "GET") methodNotAllowed();
      return this.channels(req, group);
    }
    const channel = group.channels.find((c) => c.id.toLowerCase() === channelId.toLowerCase());
    if (!channel)
      fail(404, "NotFound", `Channel '${channelId}' was not found in team '${group.id}'.`);
    if (messages === undefined) {
      if (req.method !== "GET") methodNotAllowed();
      return ok(200, {
        "@odata.context": metadata(req, `teams(${key(group.id)})/channels/$entity`),
        ...channelResource(group, channel),
      });
    }
    if (messages.toLowerCase() !== "messages") return undefined;
    if (messageId === undefined) {
      if (req.method === "GET") return this.list(req, group, channel.id, null);
      if (req.method === "POST") return this.post(req, group, channel.id, null);
      methodNotAllowed();
    }
    const parent = this.find(group.id, channel.id, messageId);
    if (replies === undefined) {
      if (req.method !== "GET") methodNotAllowed();
      return ok(200, {
        "@odata.context": metadata(
          req,
          `teams(${key(group.id)})/channels(${key(channel.id)})/messages/$entity`,
        ),
        ...project(JSON.parse(parent.data) as Record<string, unknown>, selectOf(req), ["id"]),
      });
    }
    if (replies.toLowerCase() !== "replies") return undefined;
    if (req.method === "GET") return this.list(req, group, channel.id, parent.id);
    if (req.method === "POST") return this.post(req, group, channel.id, parent.id);
    methodNotAllowed();
  }

  /**
   * `GET /me/joinedTeams`, `GET /users/{id}/joinedTeams`: the teams the user is a direct member
   * of, each with id, displayName and description only ("this API call returns only the id,
   * displayName, and description properties of a team"; the rest through Get team)
   * (https://learn.microsoft.com/graph/api/user-list-joinedteams).
   */
  joinedTeams(req: GraphRequest, user: DemoUser): HttpResponse {
    const teams = DEMO_GROUPS.filter((g) => isMember(g, user)).map((g) => ({
      id: g.id,
      displayName: g.displayName,
      description: g.description,
    }));
    return ok(200, {
      "@odata.context": metadata(req, "teams"),
      "@odata.count": teams.length,
      value: teams,
    });
  }

  private requireMember(group: DemoGroup, user: DemoUser): void {
    if (!isMember(group, user)) {
      // Delegated access to a team's data needs team membership.
      fail(403, "Forbidden", `User '${user.id}' is not a member of team '${group.id}'.`);
    }
  }

  /** `GET /teams/{team-id}` (https://learn.microsoft.com/graph/api/team-get). */
  private team(req: GraphRequest, g: DemoGroup): HttpResponse {
    return ok(200, {
      "@odata.context": metadata(req, "teams/$entity"),
      id: g.id,
      createdDateTime: "2024-01-08T09:00:00Z",
      displayName: g.displayName,
      description: g.description,
      internalId: `19:${g.mailNickname}@thread.tacv2`,
      classification: null,
      specialization: "none",
      visibility: "private",
      webUrl: `https://teams.microsoft.com/l/team/${encodeURIComponent(`19:${g.mailNickname}@thread.tacv2`)}/conversations?groupId=${g.id}&tenantId=${TENANT_ID}`,
      isArchived: false,
      isMembershipLimitedToOwners: false,
      tenantId: TENANT_ID,
      memberSettings: { allowCreateUpdateChannels: true },
      messagingSettings: { allowUserEditMessages: true, allowUserDeleteMessages: true },
    });
  }

  /** `GET /teams/{team-id}/channels` (https://learn.microsoft.com/graph/api/channel-list). */
  private channels(req: GraphRequest, g: DemoGroup): HttpResponse {
    return ok(200, {
      "@odata.context": metadata(req, `teams(${key(g.id)})/channels`),
      "@odata.count": g.channels.length,
      value: g.channels.map((c) => channelResource(g, c)),
    });
  }

  private find(teamId: string, channelId: string, id: string): MessageRow {
    const row = sql(
      this.deps.db,
      "SELECT * FROM graph_channel_messages WHERE team_id = ? AND channel_id = ? AND id = ?",
    ).get(teamId, channelId, id) as MessageRow | undefined;
    if (!row) fail(404, "NotFound", `Message '${id}' was not found.`);
    return row;
  }

  /**
   * `POST /teams/{team-id}/channels/{channel-id}/messages` and `.../messages/{id}/replies`
   * → 201 chatMessage (https://learn.microsoft.com/graph/api/channel-post-messages,
   * .../chatmessage-post-replies).
   */
  private post(
    req: GraphRequest,
    g: DemoGroup,
    channelId: string,
    replyTo: string | null,
  ): HttpResponse {
    const input = jsonBody(req);
    if (!isRecord(input.body)) fail(400, "BadRequest", "Missing message body.");
    const type = (str(input.body.contentType) ?? "text").toLowerCase();
    if (type !== "html" && type !== "text") {
      fail(400, "BadRequest", `Invalid body contentType '${type}'.`);
    }
    const content = str(input.body.content) ?? "";
    const mentions = Array.isArray(input.mentions) ? input.mentions : [];
    const size =
      Buffer.byteLength(content, "utf8") + Buffer.byteLength(JSON.stringify(mentions), "utf8");
    if (size > MAX_MESSAGE_BYTES) {
      fail(413, "RequestEntityTooLarge", "Request Entity too large");
    }
    if (content.trim() === "") fail(400, "BadRequest", "Message body content must not be empty.");
    const cleanMentions = mentions.map((m, i) => checkMention(m, i, content));
    const safe = type === "html" ? sanitizeTeamsHtml(content) : content;
    const now = this.deps.now();
    const id = String(Math.max(now.getTime(), this.lastId + 1));
    this.lastId = Number(id);
    const created = now.toISOString();
    const message = {
      id,
      replyToId: replyTo,
      etag: id,
      messageType: "message",
      createdDateTime: created,
      lastModifiedDateTime: created,
      lastEditedDateTime: null,
      deletedDateTime: null,
      subject: replyTo ? null : (str(input.subject) ?? null),
      summary: null,
      chatId: null,
      importance: str(input.importance) ?? "normal",
      locale: "en-us",
      webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}?groupId=${g.id}&tenantId=${TENANT_ID}&createdTime=${now.getTime()}&parentMessageId=${replyTo ?? id}`,
      policyViolation: null,
      eventDetail: null,
      from: {
        application: null,
        device: null,
        user: {
          "@odata.type": "#microsoft.graph.teamworkUserIdentity",
          id: req.user.id,
          displayName: req.user.displayName,
          userIdentityType: "aadUser",
          tenantId: TENANT_ID,
        },
      },
      body: { contentType: type, content: safe },
      channelIdentity: { teamId: g.id, channelId },
      attachments: [],
      mentions: cleanMentions,
      reactions: [],
    };
    sql(
      this.deps.db,
      "INSERT INTO graph_channel_messages (id, team_id, channel_id, reply_to_id, data) VALUES (?, ?, ?, ?, ?)",
    ).run(id, g.id, channelId, replyTo, JSON.stringify(message));
    const context = replyTo
      ? `teams(${key(g.id)})/channels(${key(channelId)})/messages(${key(replyTo)})/replies/$entity`
      : `teams(${key(g.id)})/channels(${key(channelId)})/messages/$entity`;
    return ok(201, { "@odata.context": metadata(req, context), ...message });
  }

  /**
   * `GET .../messages` (newest first, at most 50 a page, `$skiptoken` paging) and
   * `GET .../messages/{id}/replies` (https://learn.microsoft.com/graph/api/channel-list-messages).
   */
  private list(
    req: GraphRequest,
    g: DemoGroup,
    channelId: string,
    replyTo: string | null,
  ): HttpResponse {
    const rows = (
      replyTo === null
        ? sql(
            this.deps.db,
            "SELECT * FROM graph_channel_messages WHERE team_id = ? AND channel_id = ? AND reply_to_id IS NULL ORDER BY seq DESC",
          ).all(g.id, channelId)
        : sql(
            this.deps.db,
            "SELECT * FROM graph_channel_messages WHERE team_id = ? AND channel_id = ? AND reply_to_id = ? ORDER BY seq DESC",
          ).all(g.id, channelId, replyTo)
    ) as MessageRow[];
    const { value, nextLink } = page(req, rows, {
      pageSize: topOf(req, 20, 50),
      offset: offsetFromSkipToken(req),
      paging: "$skiptoken",
    });
    const context = replyTo
      ? `teams(${key(g.id)})/channels(${key(channelId)})/messages(${key(replyTo)})/replies`
      : `teams(${key(g.id)})/channels(${key(channelId)})/messages`;
    return ok(200, {
      "@odata.context": metadata(req, context),
      "@odata.count": value.length,
      ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
      value: value.map((r) => JSON.parse(r.data) as unknown),
    });
  }
}

/** A team by its id (= the group's id); Teams answers 404 "No team found with Group Id ...". */
function requireTeam(id: string): DemoGroup {
  const g = findGroup(id);
  if (!g) fail(404, "NotFound", `No team found with Group Id ${id}`);
  return g;
}

/** The permission a `/teams/{id}/...` request needs (`rest` = the path after the team id). */
function teamsPermission(method: string, rest: string[]): GraphRoute | undefined {
  const [sub, channelId, messages, messageId, replies] = rest;
  if (sub === undefined) return method === "GET" ? "GET /teams/{id}" : undefined;
  if (sub.toLowerCase() !== "channels") return undefined;
  if (channelId === undefined) return method === "GET" ? "GET /teams/{id}/channels" : undefined;
  if (messages === undefined) return method === "GET" ? "GET /teams/{id}/channels/{id}" : undefined;
  if (messages.toLowerCase() !== "messages") return undefined;
  if (messageId === undefined) {
    if (method === "GET") return "GET /teams/{id}/channels/{id}/messages";
    if (method === "POST") return "POST /teams/{id}/channels/{id}/messages";
    return undefined;
  }
  if (replies === undefined || replies.toLowerCase() === "replies") {
    if (method === "GET") return "GET /teams/{id}/channels/{id}/messages/{id}";
    if (method === "POST" && replies !== undefined) {
      return "POST /teams/{id}/channels/{id}/messages/{id}/replies";
    }
  }
  return undefined;
}

function channelResource(g: DemoGroup, c: DemoGroup["channels"][number]): Record<string, unknown> {
  return {
    id: c.id,
    createdDateTime: "2024-01-08T09:00:00Z",
    displayName: c.displayName,
    description: c.description,
    isFavoriteByDefault: null,
    email: groupMail(g),
    tenantId: TENANT_ID,
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(c.id)}/${encodeURIComponent(c.displayName)}?groupId=${g.id}&tenantId=${TENANT_ID}`,
    membershipType: "standard",
  };
}

/**
 * A mention needs an id that an `<at id="n">` in the content refers to, and a mentioned user
 * of this tenant (https://learn.microsoft.com/graph/api/resources/chatmessagemention).
 */
function checkMention(m: unknown, index: number, content: string): Record<string, unknown> {
  if (
    !isRecord(m) ||
    typeof m.id !== "number" ||
    !isRecord(m.mentioned) ||
    !isRecord(m.mentioned.user)
  ) {
    fail(400, "BadRequest", `mentions[${index}] needs a numeric id and mentioned.user.`);
  }
  if (!new RegExp(`<at\\s+id=["']?${m.id}["']?\\s*>`, "i").test(content)) {
    fail(
      400,
      "BadRequest",
      `Mention id ${m.id} has no matching <at id="${m.id}"> in the message body.`,
    );
  }
  const userId = str(m.mentioned.user.id) ?? "";
  const u = findUser(userId);
  if (!u) fail(400, "BadRequest", `Mentioned user '${userId}' was not found.`);
  return {
    id: m.id,
    mentionText: str(m.mentionText) ?? u.displayName,
    mentioned: {
      application: null,
      device: null,
      conversation: null,
      tag: null,
      user: {
        "@odata.type": "#microsoft.graph.teamworkUserIdentity",
        id: u.id,
        displayName: u.displayName,
        userIdentityType: "aadUser",
        tenantId: TENANT_ID,
      },
    },
  };
}
