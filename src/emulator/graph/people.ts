import {
  DEMO_GROUPS,
  DEMO_USERS,
  type DemoGroup,
  type DemoUser,
  findUserByUpn,
  TENANT_DOMAIN,
} from "../directory.js";
import type { HttpResponse } from "../http.js";
import {
  fail,
  type GraphRequest,
  key,
  metadata,
  offsetFromSkipToken,
  ok,
  page,
  project,
  selectOf,
  topOf,
} from "./context.js";
import { compileFilter, FilterSyntaxError } from "./odata-filter.js";
import { canReadGroups, canReadUsers } from "./permissions.js";

/** Graph's default user properties (https://learn.microsoft.com/graph/api/resources/user). */
export function userResource(u: DemoUser): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.upn,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: "da-DK",
    surname: u.surname,
    userPrincipalName: u.upn,
    id: u.id,
  };
}

/** Properties that exist but come back only when `$select`ed, as on Graph. */
function userWithExtras(u: DemoUser): Record<string, unknown> {
  return {
    ...userResource(u),
    department: u.department,
    accountEnabled: true,
    usageLocation: "DK",
  };
}

export function groupMail(g: DemoGroup): string {
  return `${g.mailNickname}@${TENANT_DOMAIN}`;
}

function groupResource(g: DemoGroup): Record<string, unknown> {
  return {
    id: g.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: "2024-01-08T09:00:00Z",
    description: g.description,
    displayName: g.displayName,
    groupTypes: ["Unified"],
    mail: groupMail(g),
    mailEnabled: true,
    mailNickname: g.mailNickname,
    resourceProvisioningOptions: ["Team"],
    securityEnabled: false,
    visibility: "Private",
  };
}

/** A user by object id or UPN, as `/users/{id | userPrincipalName}` accepts. */
export function findUser(idOrUpn: string): DemoUser | undefined {
  const low = idOrUpn.toLowerCase();
  return DEMO_USERS.find((u) => u.id === low) ?? findUserByUpn(idOrUpn);
}

export function findUserByMail(address: string): DemoUser | undefined {
  return findUserByUpn(address);
}

export function findGroup(id: string): DemoGroup | undefined {
  return DEMO_GROUPS.find((g) => g.id.toLowerCase() === id.toLowerCase());
}

export function isMember(g: DemoGroup, u: DemoUser): boolean {
  return g.memberUpns.some((m) => m.toLowerCase() === u.upn.toLowerCase());
}

export function requireUser(idOrUpn: string): DemoUser {
  const u = findUser(idOrUpn);
  if (!u) {
    fail(
      404,
      "Request_ResourceNotFound",
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return u;
}

export function requireGroup(id: string): DemoGroup {
  const g = findGroup(id);
  if (!g) {
    fail(
      404,
      "Request_ResourceNotFound",
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return g;
}

function filtered<T extends Record<string, unknown>>(req: GraphRequest, rows: T[]): T[] {
  const expression = req.query.get("$filter");
  if (!expression) return rows;
  try {
    const f = compileFilter(expression);
    return rows.filter(f);
  } catch (e) {
    if (e instanceof FilterSyntaxError)
      fail(400, "Request_UnsupportedQuery", `Invalid filter clause: ${e.message}`);
    throw e;
  }
}

function selectSuffix(select: string[] | undefined): string {
  return select ? `(${select.join(",")})` : "";
}

/** A directory collection page: `$filter`, `$select`, `$top` and `$skiptoken` paging. */
function directoryPage(
  req: GraphRequest,
  rows: Record<string, unknown>[],
  context: string,
  defaultView: (row: Record<string, unknown>) => Record<string, unknown>,
): HttpResponse {
  const select = selectOf(req);
  const matching = filtered(req, rows);
  const { value, nextLink } = page(req, matching, {
    pageSize: topOf(req, 100, 999),
    offset: offsetFromSkipToken(req),
    paging: "$skiptoken",
  });
  return ok(200, {
    "@odata.context": metadata(req, `${context}${selectSuffix(select)}`),
    ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
    value: value.map((r) => (select ? project(r, select) : defaultView(r))),
  });
}

const defaultUserView = (r: Record<string, unknown>) => {
  const { department: _d, accountEnabled: _a, usageLocation: _u, ...rest } = r;
  return rest;
};

/**
 * A directory object the token may not read: "only the @odata.type property for the object type
 * and the id is returned, while other properties are indicated as null"
 * (https://learn.microsoft.com/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects).
 * `$filter` and `$select` then see the nulls too, so a filter cannot reveal a hidden property.
 */
function limited(entity: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entity).map(([k, v]) => [k, k === "@odata.type" || k === "id" ? v : null]),
  );
}

/**
 * `GET /me`, `GET /users`, `GET /users/{id | userPrincipalName}`, `GET /me/memberOf`,
 * `GET /groups`, `GET /groups/{id}`, `GET /groups/{id}/members`.
 * https://learn.microsoft.com/graph/api/user-get, .../user-list, .../user-list-memberof,
 * .../group-get, .../group-list-members. The caller has checked the token's permission for the
 * route; here only what it may see: users in `/groups/{id}/members` without permission to read
 * users (User.ReadBasic.All or higher), and groups in `memberOf` without permission to read
 * groups (GroupMember.Read.All or higher), are {@link limited}.
 */
export function handlePeople(
  req: GraphRequest,
  user: DemoUser | undefined,
  rest: string[],
): HttpResponse | undefined {
  const [collection] = req.segments;
  if (req.method !== "GET") return undefined;
  const select = selectOf(req);

  if (user && rest.length === 0) {
    const context = collection === "me" ? "users/$entity" : `users${selectSuffix(select)}/$entity`;
    const entity = select ? project(userWithExtras(user), select) : userResource(user);
    return ok(200, { "@odata.context": metadata(req, context), ...entity });
  }
  if (user && rest.length === 1 && rest[0]?.toLowerCase() === "memberof") {
    const groups = DEMO_GROUPS.filter((g) => isMember(g, user)).map((g) => ({
      "@odata.type": "#microsoft.graph.group",
      ...groupResource(g),
    }));
    const visible = canReadGroups(req.scopes) ? groups : groups.map(limited);
    return directoryPage(req, visible, "directoryObjects", (r) => r);
  }
  if (!user && collection === "users" && req.segments.length === 1) {
    return directoryPage(req, DEMO_USERS.map(userWithExtras), "users", defaultUserView);
  }
  if (collection === "groups") {
    if (req.segments.length === 1) {
      return directoryPage(req, DEMO_GROUPS.map(groupResource), "groups", (r) => r);
    }
    const g = requireGroup(req.segments[1]!);
    if (req.segments.length === 2) {
      return ok(200, {
        "@odata.context": metadata(req, `groups${selectSuffix(select)}/$entity`),
        ...project(groupResource(g), select),
      });
    }
    if (req.segments.length === 3 && req.segments[2]?.toLowerCase() === "members") {
      const members = g.memberUpns
        .map((upn) => findUserByUpn(upn))
        .filter((u): u is DemoUser => u !== undefined)
        .map((u) => ({ "@odata.type": "#microsoft.graph.user", ...userWithExtras(u) }));
      const visible = canReadUsers(req.scopes) ? members : members.map(limited);
      return directoryPage(req, visible, "directoryObjects", defaultUserView);
    }
  }
  return undefined;
}

export function groupContext(g: DemoGroup): string {
  return `groups(${key(g.id)})`;
}
