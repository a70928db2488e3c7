import type { ApiDeps, SubApi } from "../api.js";
import type { DemoUser } from "../directory.js";
import { HttpError, type HttpResponse, type RequestContext } from "../http.js";
import { runBatch } from "./batch.js";
import { ChannelStore } from "./channels.js";
import { fail, graphError, type GraphRequest, ok, withRequestIds } from "./context.js";
import { type CalendarOwner, EventStore, methodNotAllowed } from "./events.js";
import { Outbox } from "./mail.js";
import { handlePeople, isMember, requireGroup, requireUser } from "./people.js";
import { type GraphRoute, requireScope } from "./permissions.js";

/**
 * The local Microsoft Graph v1.0: the subset Digistyr uses, answering in Graph's shapes.
 * - `/me`, `/users`, `/groups/{id}/members`, `/me/memberOf` (people.ts)
 * - `/me/joinedTeams`, `/teams/{id}`, channels and channel messages (channels.ts)
 * Every route requires the delegated permission its Microsoft API page lists (permissions.ts).
 * - calendar events with attendees, online meetings, recurrence, `transactionId` (events.ts)
 * - `/me/sendMail` into a local outbox (mail.ts)
 * - JSON `$batch` (batch.ts)
 * Data lives in SQLite tables prefixed `graph_`.
 *
 * Admin routes (unauthenticated, under `/_admin`):
 * - `GET /_admin/outbox` → `{ value: [...] }`, newest last; `DELETE /_admin/outbox` clears it.
 * - `GET /_admin/graph/notices[?eventId=...]` → the notices attendees received
 *   (created / updated / cancelled) per organizer's event id.
 * - `POST /_admin/graph/defer-join-url {"count":n}` → the next n online meetings are answered
 *   201 without `onlineMeeting.joinUrl` (Teams provisions it a moment later), as Graph can.
 */
export function createGraphApi(deps: ApiDeps): SubApi {
  const events = new EventStore(deps);
  const channels = new ChannelStore(deps);
  const outbox = new Outbox(deps);

  function calendarRoute(req: GraphRequest, owner: CalendarOwner, rest: string[]) {
    const [collection, ...tail] = rest;
    if (collection?.toLowerCase() !== "events") return undefined;
    return events.handle(req, owner, tail);
  }

  function route(req: GraphRequest): Promise<HttpResponse> | HttpResponse {
    const [first, second, ...rest] = req.segments;
    const top = first?.toLowerCase();
    if (top === undefined) {
      return ok(200, { "@odata.context": `${req.origin}/v1.0/$metadata`, value: [] });
    }
    if (top === "$batch") {
      // The batch itself needs no permission; each part is checked with the same token.
      if (req.method !== "POST") methodNotAllowed();
      return runBatch(req, deps.faults, (inner) => handleInner(inner));
    }
    if (top === "me" || (top === "users" && second !== undefined)) {
      const self = top === "me" || names(second!, req.user);
      const tail = top === "me" ? req.segments.slice(1) : rest;
      const action = tail[0]?.toLowerCase();
      if (action === "sendmail") {
        if (req.method !== "POST") methodNotAllowed();
        requireScope(req, "POST /me/sendMail");
        if (!self)
          fail(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        return outbox.send(req);
      }
      if (action === "events") {
        const needed = eventsPermission(req.method, tail.slice(1), "user");
        if (needed) requireScope(req, needed);
        // Delegated access reaches only the signed-in user's own calendar here (no shared
        // calendars in the demo tenant).
        if (!self)
          fail(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        return (
          calendarRoute(req, { kind: "user", user: req.user }, tail) ??
          unknownSegment(tail.at(-1) ?? "")
        );
      }
      if (action === "joinedteams" && tail.length === 1) {
        if (req.method !== "GET") methodNotAllowed();
        requireScope(req, "GET /me/joinedTeams");
        return channels.joinedTeams(req, top === "me" ? req.user : requireUser(second!));
      }
      if (req.method !== "GET" && (tail.length === 0 || action === "memberof")) methodNotAllowed();
      if (tail.length === 0) requireScope(req, self ? "GET /me" : "GET /users/{id}");
      if (action === "memberof" && tail.length === 1) {
        requireScope(req, self ? "GET /me/memberOf" : "GET /users/{id}/memberOf");
      }
      const user = top === "me" ? req.user : requireUser(second!);
      return handlePeople(req, user, tail) ?? unknownSegment(tail.at(-1) ?? top);
    }
    if (top === "users") {
      if (req.method === "GET") requireScope(req, "GET /users");
      return handlePeople(req, undefined, []) ?? methodNotAllowed();
    }
    if (top === "groups") {
      if (second !== undefined && rest[0]?.toLowerCase() === "events") {
        const needed = eventsPermission(req.method, rest.slice(1), "group");
        if (needed) requireScope(req, needed);
        const group = requireGroup(second);
        if (!isMember(group, req.user)) {
          fail(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }
        return (
          calendarRoute(req, { kind: "group", group }, rest) ?? unknownSegment(rest.at(-1) ?? "")
        );
      }
      if (req.method === "GET") {
        if (second === undefined) requireScope(req, "GET /groups");
        else if (rest.length === 0) requireScope(req, "GET /groups/{id}");
        else if (rest.length === 1 && rest[0]?.toLowerCase() === "members") {
          requireScope(req, "GET /groups/{id}/members");
        }
      }
      return handlePeople(req, undefined, []) ?? unknownSegment(req.segments.at(-1) ?? top);
    }
    if (top === "teams") {
      return channels.handle(req) ?? unknownSegment(req.segments.at(-1) ?? top);
    }
    return unknownSegment(first!);
  }

  async function handleInner(req: GraphRequest): Promise<HttpResponse> {
    try {
      return await route(req);
    } catch (e) {
      if (e instanceof HttpError) return e.response;
      throw e;
    }
  }

  return {
    /** Microsoft Graph v1.0 (https://learn.microsoft.com/graph/api/overview). */
    async handle(ctx: RequestContext): Promise<HttpResponse> {
      let segments: string[];
      try {
        segments = ctx.url.pathname
          .slice("/v1.0".length)
          .split("/")
          .filter(Boolean)
          .map((s) => decodeURIComponent(s));
      } catch {
        return withRequestIds(ctx, graphError(400, "BadRequest", "Invalid request URL."));
      }
      const req: GraphRequest = {
        method: ctx.method,
        segments,
        query: ctx.url.searchParams,
        url: ctx.url,
        body: ctx.body,
        user: ctx.user,
        scopes: ctx.scopes,
        origin: ctx.origin,
        headers: ctx.headers,
      };
      return withRequestIds(ctx, await handleInner(req));
    },

    admin(method, path, body, url) {
      if (path === "/outbox") {
        if (method === "GET") return { status: 200, body: { value: outbox.all() } };
        if (method === "DELETE") {
          outbox.clear();
          return { status: 204 };
        }
      }
      if (path === "/graph/notices" && method === "GET") {
        return {
          status: 200,
          body: { value: events.notices(url.searchParams.get("eventId") ?? undefined) },
        };
      }
      if (path === "/graph/defer-join-url" && method === "POST") {
        const count =
          typeof body === "object" && body !== null
            ? Number((body as { count?: unknown }).count ?? 1)
            : 1;
        events.deferJoinUrl = Number.isInteger(count) && count > 0 ? count : 1;
        return { status: 204 };
      }
      return undefined;
    },
  };
}

/** Whether `/users/{idOrUpn}` names the signed-in user. */
function names(idOrUpn: string, user: DemoUser): boolean {
  const low = idOrUpn.toLowerCase();
  return low === user.id.toLowerCase() || low === user.upn.toLowerCase();
}

/**
 * The permission a calendar request needs (`rest` = the path after `events`): a user's own
 * calendar (user-list-events, event-get, user-post-events, event-update, event-delete,
 * event-cancel) or a group's (group-list-events, group-get-event, group-post-events and the
 * group event updates, which need Group.ReadWrite.All). Undefined for what no route answers.
 */
function eventsPermission(
  method: string,
  rest: string[],
  owner: "user" | "group",
): GraphRoute | undefined {
  const [id, action, ...more] = rest;
  if (more.length > 0) return undefined;
  if (owner === "group") {
    if (method === "GET" && action === undefined) {
      return id === undefined ? "GET /groups/{id}/events" : "GET /groups/{id}/events/{id}";
    }
    return ["POST", "PATCH", "DELETE"].includes(method) ? "POST /groups/{id}/events" : undefined;
  }
  if (id === undefined) {
    if (method === "GET") return "GET /me/events";
    if (method === "POST") return "POST /me/events";
    return undefined;
  }
  if (action === undefined) {
    if (method === "GET") return "GET /me/events/{id}";
    if (method === "PATCH") return "PATCH /me/events/{id}";
    if (method === "DELETE") return "DELETE /me/events/{id}";
    return undefined;
  }
  if (action.toLowerCase() === "cancel" && method === "POST") return "POST /me/events/{id}/cancel";
  return undefined;
}

/** Graph's answer for a path segment it doesn't know. */
function unknownSegment(segment: string): never {
  fail(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
}
