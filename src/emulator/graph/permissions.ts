import type { GraphRequest } from "./context.js";
import { fail } from "./context.js";

/**
 * Delegated permissions of the local Microsoft Graph: every route requires the least-privileged
 * delegated permission its Microsoft API page lists under "Permissions" (work or school account),
 * and accepts the higher-privileged ones the same page lists. A token without any of them is
 * refused with 403 before anything else happens, in the error shape of the workload behind the
 * route (https://learn.microsoft.com/graph/errors):
 * - directory (Microsoft Entra: users, groups): `Authorization_RequestDenied`,
 *   "Insufficient privileges to complete the operation.";
 * - Outlook (calendar, mail): `ErrorAccessDenied`, "Access is denied. Check credentials and try
 *   again.";
 * - Teams: `Forbidden`, "Missing scope permissions on the request. API requires one of '...'.
 *   Scopes on the request '...'".
 *
 * The tables are the includes `api-reference/v1.0/includes/permissions/<page>-permissions.md`
 * of microsoftgraph/microsoft-graph-docs-contrib, published at
 * `https://learn.microsoft.com/graph/api/<page>`.
 */

export type DenialShape = "directory" | "outlook" | "teams";

export interface RoutePermission {
  /** The API page (`https://learn.microsoft.com/graph/api/<page>`). */
  page: string;
  /** Least-privileged delegated permission (work or school account). */
  least: string;
  /** Higher-privileged delegated permissions the page also accepts. */
  higher: readonly string[];
  denial: DenialShape;
}

/** Permissions that read other users' profiles (User.ReadBasic.All and above). */
const READ_OTHER_USERS = [
  "User.ReadBasic.All",
  "User.Read.All",
  "User.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
] as const;

/** Permissions that read groups (GroupMember.Read.All and above). */
const READ_GROUPS = [
  "GroupMember.Read.All",
  "GroupMember.ReadWrite.All",
  "Group.Read.All",
  "Group.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
] as const;

/** Route → least-privileged delegated permission + the higher ones its page accepts. */
export const GRAPH_PERMISSIONS = {
  /** `GET /me`, `GET /users/{own id or UPN}`. */
  "GET /me": {
    page: "user-get",
    least: "User.Read",
    higher: [
      "User.ReadWrite",
      "User.ReadBasic.All",
      "User.Read.All",
      "User.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    denial: "directory",
  },
  /**
   * `GET /users/{id | userPrincipalName}` of someone else. The page lists User.Read as least
   * privileged but notes that User.Read reads "the signed-in user only": another user's profile
   * needs User.ReadBasic.All or one of the higher ones the page lists.
   */
  "GET /users/{id}": {
    page: "user-get",
    least: "User.ReadBasic.All",
    higher: READ_OTHER_USERS.slice(1),
    denial: "directory",
  },
  "GET /users": {
    page: "user-list",
    least: "User.ReadBasic.All",
    higher: READ_OTHER_USERS.slice(1),
    denial: "directory",
  },
  /** `GET /me/memberOf` (the page: User.Read reads the signed-in user's memberships only). */
  "GET /me/memberOf": {
    page: "user-list-memberof",
    least: "User.Read",
    higher: ["Directory.Read.All", "Directory.ReadWrite.All", "GroupMember.Read.All"],
    denial: "directory",
  },
  /** `GET /users/{someone else}/memberOf`: only the higher permissions reach another user. */
  "GET /users/{id}/memberOf": {
    page: "user-list-memberof",
    least: "GroupMember.Read.All",
    higher: ["Directory.Read.All", "Directory.ReadWrite.All"],
    denial: "directory",
  },
  /**
   * The page has listed GroupMember.Read.All as least privileged and now lists it among the
   * accepted ones; every permission it has listed is accepted here.
   */
  "GET /groups": {
    page: "group-list",
    least: "GroupMember.Read.All",
    higher: [
      "Group-NestingSupport.ReadWrite.All",
      "Group.ManageProtection.All",
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    denial: "directory",
  },
  "GET /groups/{id}": {
    page: "group-get",
    least: "GroupMember.Read.All",
    higher: [
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    denial: "directory",
  },
  "GET /groups/{id}/members": {
    page: "group-list-members",
    least: "GroupMember.Read.All",
    higher: [
      "GroupMember.ReadWrite.All",
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
    ],
    denial: "directory",
  },
  "GET /me/events": {
    page: "user-list-events",
    least: "Calendars.ReadBasic",
    higher: ["Calendars.Read", "Calendars.ReadWrite"],
    denial: "outlook",
  },
  /**
   * The page lists Calendars.ReadBasic and Calendars.Read; Calendars.ReadWrite "allows the app to
   * create, read, update, and delete events in user calendars"
   * (https://learn.microsoft.com/graph/permissions-reference#calendarsreadwrite) and reads too.
   */
  "GET /me/events/{id}": {
    page: "event-get",
    least: "Calendars.ReadBasic",
    higher: ["Calendars.Read", "Calendars.ReadWrite"],
    denial: "outlook",
  },
  "POST /me/events": {
    page: "user-post-events",
    least: "Calendars.ReadWrite",
    higher: [],
    denial: "outlook",
  },
  "PATCH /me/events/{id}": {
    page: "event-update",
    least: "Calendars.ReadWrite",
    higher: [],
    denial: "outlook",
  },
  "DELETE /me/events/{id}": {
    page: "event-delete",
    least: "Calendars.ReadWrite",
    higher: [],
    denial: "outlook",
  },
  "POST /me/events/{id}/cancel": {
    page: "event-cancel",
    least: "Calendars.ReadWrite",
    higher: [],
    denial: "outlook",
  },
  "GET /groups/{id}/events": {
    page: "group-list-events",
    least: "Group.Read.All",
    higher: ["Group.ReadWrite.All"],
    denial: "outlook",
  },
  "GET /groups/{id}/events/{id}": {
    page: "group-get-event",
    least: "Group.Read.All",
    higher: ["Group.ReadWrite.All"],
    denial: "outlook",
  },
  /** Creating, updating, cancelling and deleting a group's events (group-update-event, ...). */
  "POST /groups/{id}/events": {
    page: "group-post-events",
    least: "Group.ReadWrite.All",
    higher: [],
    denial: "outlook",
  },
  "POST /me/sendMail": {
    page: "user-sendmail",
    least: "Mail.Send",
    higher: [],
    denial: "outlook",
  },
  "GET /me/joinedTeams": {
    page: "user-list-joinedteams",
    least: "Team.ReadBasic.All",
    higher: [
      "TeamSettings.Read.All",
      "TeamSettings.ReadWrite.All",
      "User.Read.All",
      "User.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    denial: "teams",
  },
  "GET /teams/{id}": {
    page: "team-get",
    least: "Team.ReadBasic.All",
    higher: [
      "TeamSettings.Read.All",
      "TeamSettings.ReadWrite.All",
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    denial: "teams",
  },
  "GET /teams/{id}/channels": {
    page: "channel-list",
    least: "Channel.ReadBasic.All",
    higher: [
      "ChannelSettings.Read.All",
      "ChannelSettings.ReadWrite.All",
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    denial: "teams",
  },
  "GET /teams/{id}/channels/{id}": {
    page: "channel-get",
    least: "Channel.ReadBasic.All",
    higher: [
      "ChannelSettings.Read.All",
      "ChannelSettings.ReadWrite.All",
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    denial: "teams",
  },
  "GET /teams/{id}/channels/{id}/messages": {
    page: "channel-list-messages",
    least: "ChannelMessage.Read.All",
    higher: ["ChannelMessage.ReadWrite", "Group.Read.All", "Group.ReadWrite.All"],
    denial: "teams",
  },
  /** One message, and the replies to one (chatmessage-list-replies lists the same). */
  "GET /teams/{id}/channels/{id}/messages/{id}": {
    page: "chatmessage-get",
    least: "ChannelMessage.Read.All",
    higher: ["ChannelMessage.ReadWrite", "Group.Read.All", "Group.ReadWrite.All"],
    denial: "teams",
  },
  "POST /teams/{id}/channels/{id}/messages": {
    page: "channel-post-messages",
    least: "ChannelMessage.Send",
    higher: ["Group.ReadWrite.All"],
    denial: "teams",
  },
  "POST /teams/{id}/channels/{id}/messages/{id}/replies": {
    page: "chatmessage-post-replies",
    least: "ChannelMessage.Send",
    higher: ["Group.ReadWrite.All"],
    denial: "teams",
  },
} as const satisfies Record<string, RoutePermission>;

export type GraphRoute = keyof typeof GRAPH_PERMISSIONS;

/** Every delegated permission that satisfies a route. */
export function acceptedScopes(route: GraphRoute): readonly string[] {
  const p: RoutePermission = GRAPH_PERMISSIONS[route];
  return [p.least, ...p.higher];
}

function holds(scopes: ReadonlySet<string>, wanted: readonly string[]): boolean {
  return wanted.some((w) => scopes.has(w));
}

/** Refuses the request with Graph's 403 unless the token carries a permission the route accepts. */
export function requireScope(req: Pick<GraphRequest, "scopes">, route: GraphRoute): void {
  const p: RoutePermission = GRAPH_PERMISSIONS[route];
  const accepted = acceptedScopes(route);
  if (holds(req.scopes, accepted)) return;
  if (p.denial === "directory") {
    fail(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  if (p.denial === "outlook") {
    fail(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
  }
  fail(
    403,
    "Forbidden",
    `Missing scope permissions on the request. API requires one of '${accepted.join(", ")}'. Scopes on the request '${[...req.scopes].join(", ")}'`,
  );
}

/**
 * Whether the token may read user objects' properties: without one of these, users inside a
 * directoryObject collection (group members) come back as `@odata.type` and `id` only, every
 * other property null ("Limited information returned for inaccessible member objects",
 * https://learn.microsoft.com/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects).
 */
export function canReadUsers(scopes: ReadonlySet<string>): boolean {
  return holds(scopes, READ_OTHER_USERS);
}

/** Whether the token may read group objects (else groups in `memberOf` come back limited). */
export function canReadGroups(scopes: ReadonlySet<string>): boolean {
  return holds(scopes, READ_GROUPS);
}
