/**
 * Site users and SharePoint groups of the local SharePoint: `web/currentuser`,
 * `web/ensureuser`, `web/siteusers`, `web/getuserbyid(n)`, `web/sitegroups` and a group's
 * `users`. Users and groups share one id space (SP.Principal.Id); users' login names are
 * claims (`i:0#.f|membership|<upn>`).
 *
 * Permissions (SP.PermissionKind on the web, https://learn.microsoft.com/sharepoint/understanding-permission-levels)
 * and delegated scopes (permissions.ts): reading users, groups and members needs Browse User
 * Information and AllSites.Read; `ensureuser` Browse User Information and AllSites.Write;
 * creating a group Create Groups, deleting one Manage Web, changing a group or its members its
 * owner (or a member of its owner group) or Manage Permissions, adding or removing site users
 * Manage Permissions, each with AllSites.FullControl.
 */
import { findUserByUpn } from "../directory.js";
import type { HttpResponse } from "../http.js";
import { sql } from "../store.js";
import {
  effectiveMask,
  ensureSiteUser,
  groupByName,
  groupsOf,
  hasPermission,
  membersOf,
  PermissionKind,
  type PermissionKindValue,
  principalById,
  principalByLogin,
  type PrincipalRow,
} from "./model.js";
import {
  accessDenied,
  badRequest,
  collectionResponse,
  type Entity,
  entityResponse,
  filterEntities,
  jsonBody,
  SP_ERR,
  spFail,
  voidResponse,
} from "./odata-json.js";
import { demand, requireScope, type SharePointScope } from "./permissions.js";
import { type Segment, type SpRequest, stringArg } from "./router.js";

const CLAIMS_PREFIX = "i:0#.f|membership|";

/** SP.User as SharePoint Online returns it. */
export function userEntity(req: SpRequest, u: PrincipalRow): Entity {
  return {
    type: "SP.User",
    path: `Web/GetUserById(${u.id})`,
    props: {
      Id: u.id,
      IsHiddenInUI: false,
      LoginName: u.login_name,
      Title: u.title,
      PrincipalType: 1,
      Email: u.email,
      Expiration: "",
      IsEmailAuthenticationGuestUser: false,
      IsShareByEmailGuestUser: false,
      IsSiteAdmin: u.is_site_admin === 1,
      UserId: {
        NameId: (0x10032000000000n + BigInt(u.id)).toString(16),
        NameIdIssuer: "urn:federation:microsoftonline",
      },
      UserPrincipalName: u.upn || null,
    },
    nav: { Groups: () => groupsOf(req.deps.db, u.id).map((g) => groupEntity(req, g)) },
  };
}

/** SP.Group as SharePoint Online returns it. */
export function groupEntity(req: SpRequest, g: PrincipalRow): Entity {
  const owner = principalById(req.deps.db, g.owner_id);
  return {
    type: "SP.Group",
    path: `Web/SiteGroups/GetById(${g.id})`,
    props: {
      Id: g.id,
      IsHiddenInUI: false,
      LoginName: g.login_name,
      Title: g.title,
      PrincipalType: 8,
      AllowMembersEditMembership: false,
      AllowRequestToJoinLeave: false,
      AutoAcceptRequestToJoinLeave: false,
      Description: g.description,
      OnlyAllowMembersViewMembership: false,
      OwnerTitle: owner?.title ?? g.title,
      RequestToJoinLeaveEmailSetting: null,
    },
    nav: {
      Users: () => membersOf(req.deps.db, g.id).map((u) => userEntity(req, u)),
      Owner: () => (owner ? principalEntity(req, owner) : undefined),
    },
  };
}

/** A user or group entity, by principal type. */
export function principalEntity(req: SpRequest, p: PrincipalRow): Entity {
  return p.principal_type === 8 ? groupEntity(req, p) : userEntity(req, p);
}

/** 403 unless the token carries `scope` and the caller has `kind` on the web. */
function requireWeb(req: SpRequest, scope: SharePointScope, kind: PermissionKindValue): void {
  demand(req, scope, kind);
}

function userNotFound(req: SpRequest): never {
  spFail(req.ctx, 404, SP_ERR.spException, "User cannot be found.");
}

function groupNotFound(req: SpRequest): never {
  spFail(req.ctx, 404, SP_ERR.spException, "Group cannot be found.");
}

/**
 * Resolves a logon name as `web.ensureUser` accepts it: a claims login
 * (`i:0#.f|membership|x@t`), a bare UPN or an e-mail address of a tenant user.
 */
function resolveTenantUser(req: SpRequest, logonName: string): PrincipalRow {
  const upn = logonName.toLowerCase().startsWith(CLAIMS_PREFIX)
    ? logonName.slice(CLAIMS_PREFIX.length)
    : logonName;
  const tenantUser = findUserByUpn(upn.trim());
  if (!tenantUser) {
    // SharePoint Online: "The specified user <name> could not be found."
    spFail(req.ctx, 404, SP_ERR.spException, `The specified user ${logonName} could not be found.`);
  }
  return ensureSiteUser(req.deps.db, tenantUser);
}

function loginFromBody(req: SpRequest, key: string): string {
  const body = jsonBody(req.ctx);
  const found = Object.keys(body).find((k) => k.toLowerCase() === key.toLowerCase());
  const v = found === undefined ? undefined : body[found];
  if (typeof v !== "string" || v.trim() === "") {
    badRequest(req.ctx, `The parameter ${key} is required and must be a string.`);
  }
  return v;
}

/** Picks one user out of a collection by `getById(n)`, `getByEmail('x')`, `(@v)`. */
function pickUser(req: SpRequest, from: PrincipalRow[], seg: Segment): PrincipalRow | undefined {
  const arg = (names: string[]) => stringArg(req.ctx, seg, ...names);
  if (seg.name === "getbyid") {
    const id = Number(seg.positional[0] ?? seg.named.get("id"));
    return from.find((u) => u.id === id);
  }
  if (seg.name === "getbyemail") {
    const email = arg(["emailaddress", "email"]).toLowerCase();
    return from.find((u) => u.email.toLowerCase() === email);
  }
  if (seg.name === "getbyloginname") {
    const login = arg(["loginname"]).toLowerCase();
    return from.find((u) => u.login_name.toLowerCase() === login);
  }
  return undefined;
}

function isCollectionLookup(seg: Segment): boolean {
  return ["getbyid", "getbyemail", "getbyloginname"].includes(seg.name);
}

/**
 * One site user (SP.User) and its `groups`: `GET .../currentuser`, `.../getuserbyid(7)`,
 * `.../siteusers/getbyemail('x')/groups`
 * (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#user-resource).
 */
function userRoute(req: SpRequest, u: PrincipalRow, rest: Segment[]): HttpResponse {
  const { ctx } = req;
  const [next, ...more] = rest;
  if (!next) {
    if (ctx.method !== "GET") return methodNotAllowed(req);
    return entityResponse(ctx, req.deps.sitePath, userEntity(req, u), { set: "SP.ApiData.Users" });
  }
  if (next.name === "groups" && more.length === 0 && ctx.method === "GET") {
    const groups = groupsOf(req.deps.db, u.id).map((g) => groupEntity(req, g));
    return collectionResponse(
      ctx,
      req.deps.sitePath,
      filterEntities(ctx, groups),
      "SP.ApiData.Groups",
    );
  }
  return invalidExpression(req, next);
}

/**
 * A user collection (`web/siteusers` or a group's `users`): GET, POST `{LoginName}` to add,
 * `getbyid(n)`, `getbyemail('x')`, `getbyloginname('x')`, `('<login>')` / `(@v)`,
 * `removebyid(n)`, `removebyloginname(@v)` (SP.UserCollection,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#usercollection-resource).
 */
function usersCollectionRoute(
  req: SpRequest,
  users: PrincipalRow[],
  rest: Segment[],
  onAdd: (user: PrincipalRow) => void,
  onRemove: (user: PrincipalRow) => void,
): HttpResponse {
  const { ctx } = req;
  const [head, ...more] = rest;
  if (!head) {
    if (ctx.method === "GET") {
      const entities = users.map((u) => userEntity(req, u));
      return collectionResponse(
        ctx,
        req.deps.sitePath,
        filterEntities(ctx, entities),
        "SP.ApiData.Users",
      );
    }
    if (ctx.method === "POST") {
      const user = resolveTenantUser(req, loginFromBody(req, "LoginName"));
      onAdd(user);
      return entityResponse(ctx, req.deps.sitePath, userEntity(req, user), {
        status: 201,
        set: "SP.ApiData.Users",
      });
    }
    return methodNotAllowed(req);
  }
  if (head.name === "removebyid" || head.name === "removebyloginname") {
    if (ctx.method !== "POST") return methodNotAllowed(req);
    const target =
      head.name === "removebyid"
        ? users.find((u) => u.id === Number(head.positional[0] ?? head.named.get("id")))
        : users.find(
            (u) => u.login_name.toLowerCase() === stringArg(ctx, head, "loginname").toLowerCase(),
          );
    if (!target) userNotFound(req);
    onRemove(target);
    return voidResponse(ctx, head.name === "removebyid" ? "RemoveById" : "RemoveByLoginName");
  }
  let user: PrincipalRow | undefined;
  if (isCollectionLookup(head)) user = pickUser(req, users, head);
  else if (head.hasParens && head.name === "") {
    // `siteusers('<login>')` / `siteusers(@v)`: the collection indexed by login name.
    const login = stringArg(ctx, head).toLowerCase();
    user = users.find((u) => u.login_name.toLowerCase() === login);
  } else return invalidExpression(req, head);
  if (!user) userNotFound(req);
  return userRoute(req, user, more);
}

function allSiteUsers(req: SpRequest): PrincipalRow[] {
  return sql(
    req.deps.db,
    "SELECT * FROM sp_principals WHERE principal_type = 1 ORDER BY id",
  ).all() as PrincipalRow[];
}

function allGroups(req: SpRequest): PrincipalRow[] {
  return sql(
    req.deps.db,
    "SELECT * FROM sp_principals WHERE principal_type = 8 ORDER BY id",
  ).all() as PrincipalRow[];
}

/**
 * May the caller change this group (its properties, its members)? Its owner, the members of
 * its owner group, or whoever has Manage Permissions on the web
 * (https://learn.microsoft.com/sharepoint/understanding-permission-levels: "Manage
 * Permissions - create and change permission levels ... and assign permissions to users and
 * groups"; a group's owner manages its membership).
 */
function canManageGroup(req: SpRequest, g: PrincipalRow): boolean {
  if (hasPermission(effectiveMask(req.deps.db, req.me), PermissionKind.ManagePermissions)) {
    return true;
  }
  if (g.owner_id === req.me.id) return true;
  return groupsOf(req.deps.db, req.me.id).some((mine) => mine.id === g.owner_id);
}

/**
 * One SharePoint group (SP.Group): GET, MERGE (Title, Description), DELETE, its `users` and
 * `owner` (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#group-resource).
 */
function groupRoute(req: SpRequest, g: PrincipalRow, rest: Segment[]): HttpResponse {
  const { ctx, deps } = req;
  const [next, ...more] = rest;
  if (!next) {
    if (ctx.method === "GET") {
      return entityResponse(ctx, deps.sitePath, groupEntity(req, g), { set: "SP.ApiData.Groups" });
    }
    if (ctx.method === "MERGE" || ctx.method === "PATCH") {
      requireScope(ctx, "FullControl");
      if (!canManageGroup(req, g)) accessDenied(ctx);
      const body = jsonBody(ctx);
      const title = typeof body.Title === "string" ? body.Title.trim() : g.title;
      const description = typeof body.Description === "string" ? body.Description : g.description;
      if (title !== g.title) {
        const clash = groupByName(deps.db, title);
        if (clash && clash.id !== g.id) nameInUse(req);
      }
      sql(
        deps.db,
        "UPDATE sp_principals SET title = ?, login_name = ?, description = ? WHERE id = ?",
      ).run(title, title, description, g.id);
      return { status: 204 };
    }
    if (ctx.method === "DELETE") {
      requireWeb(req, "FullControl", PermissionKind.ManageWeb);
      sql(deps.db, "DELETE FROM sp_principals WHERE id = ?").run(g.id);
      return { status: 200 };
    }
    return methodNotAllowed(req);
  }
  if (next.name === "users") {
    if (ctx.method !== "GET") {
      requireScope(ctx, "FullControl");
      if (!canManageGroup(req, g)) accessDenied(ctx);
    }
    return usersCollectionRoute(
      req,
      membersOf(deps.db, g.id),
      withIndexer(next, more),
      (u) =>
        sql(
          deps.db,
          "INSERT OR IGNORE INTO sp_group_members (group_id, user_id) VALUES (?, ?)",
        ).run(g.id, u.id),
      (u) =>
        sql(deps.db, "DELETE FROM sp_group_members WHERE group_id = ? AND user_id = ?").run(
          g.id,
          u.id,
        ),
    );
  }
  if (next.name === "owner" && more.length === 0 && ctx.method === "GET") {
    const owner = principalById(deps.db, g.owner_id);
    if (!owner) return entityResponse(ctx, deps.sitePath, groupEntity(req, g));
    return entityResponse(ctx, deps.sitePath, principalEntity(req, owner));
  }
  return invalidExpression(req, next);
}

function nameInUse(req: SpRequest): never {
  // SharePoint: "The specified name is already in use." (SPException, 500)
  spFail(
    req.ctx,
    500,
    SP_ERR.spException,
    "The specified name is already in use.\n\nPlease try again with a new name.",
  );
}

/**
 * `web/sitegroups`: GET, POST `{Title, Description}` to create, `getbyname('X')`,
 * `getbyid(n)` / `(n)`, `removebyid(n)`, `removebyloginname('X')` (SP.GroupCollection,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#groupcollection-resource).
 */
function siteGroupsRoute(req: SpRequest, rest: Segment[]): HttpResponse {
  const { ctx, deps } = req;
  const [head, ...more] = rest;
  if (!head) {
    if (ctx.method === "GET") {
      const groups = allGroups(req).map((g) => groupEntity(req, g));
      return collectionResponse(
        ctx,
        deps.sitePath,
        filterEntities(ctx, groups),
        "SP.ApiData.Groups",
      );
    }
    if (ctx.method === "POST") {
      requireWeb(req, "FullControl", PermissionKind.CreateGroups);
      const body = jsonBody(ctx);
      const title = typeof body.Title === "string" ? body.Title.trim() : "";
      if (title === "") badRequest(ctx, "The parameter Title is required for a new group.");
      if (groupByName(deps.db, title) || principalByLogin(deps.db, title)) nameInUse(req);
      const max = sql(deps.db, "SELECT MAX(id) AS m FROM sp_principals").get() as {
        m: number | null;
      };
      const id = (max.m ?? 6) + 1;
      sql(
        deps.db,
        `INSERT INTO sp_principals (id, principal_type, login_name, title, description, owner_id)
           VALUES (?, 8, ?, ?, ?, ?)`,
      ).run(
        id,
        title,
        title,
        typeof body.Description === "string" ? body.Description : "",
        req.me.id,
      );
      const created = principalById(deps.db, id) as PrincipalRow;
      return entityResponse(ctx, deps.sitePath, groupEntity(req, created), {
        status: 201,
        set: "SP.ApiData.Groups",
      });
    }
    return methodNotAllowed(req);
  }
  if (head.name === "removebyid" || head.name === "removebyloginname") {
    if (ctx.method !== "POST") return methodNotAllowed(req);
    requireWeb(req, "FullControl", PermissionKind.ManageWeb);
    const g =
      head.name === "removebyid"
        ? allGroups(req).find((x) => x.id === Number(head.positional[0] ?? head.named.get("id")))
        : groupByName(deps.db, stringArg(ctx, head, "loginname"));
    if (!g || g.principal_type !== 8) groupNotFound(req);
    sql(deps.db, "DELETE FROM sp_principals WHERE id = ?").run(g.id);
    return voidResponse(ctx, head.name === "removebyid" ? "RemoveById" : "RemoveByLoginName");
  }
  let g: PrincipalRow | undefined;
  if (head.name === "getbyname") g = groupByName(deps.db, stringArg(ctx, head, "name"));
  else if (head.name === "getbyid" || (head.name === "" && head.hasParens)) {
    const id = Number(head.positional[0] ?? head.named.get("id"));
    g = allGroups(req).find((x) => x.id === id);
  } else return invalidExpression(req, head);
  if (!g) groupNotFound(req);
  return groupRoute(req, g, more);
}

/**
 * `siteusers(@v)` / `sitegroups(7)` parse as one segment with parentheses: split off the
 * indexer (an unnamed segment) so both address forms share one code path.
 */
function withIndexer(seg: Segment, rest: Segment[]): Segment[] {
  if (!seg.hasParens) return rest;
  return [{ ...seg, name: "", raw: seg.raw.slice(seg.raw.indexOf("(")) }, ...rest];
}

function methodNotAllowed(req: SpRequest): never {
  spFail(
    req.ctx,
    405,
    SP_ERR.clientService,
    `The HTTP method '${req.ctx.method}' cannot be used to access the resource '${req.ctx.url.pathname}'.`,
  );
}

function invalidExpression(req: SpRequest, seg: Segment): never {
  badRequest(req.ctx, `The expression "${seg.raw}" is not valid.`);
}

/**
 * Web-level principal routes mimicking SharePoint REST's users and groups
 * (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)):
 * `web/currentuser[/groups]`, `web/ensureuser` (POST `{logonName}`; an unknown tenant user is
 * SharePoint's 404 "The specified user ... could not be found."), `web/siteusers[...]`,
 * `web/getuserbyid(n)`, `web/sitegroups[...]`, `web/associated{owner,member,visitor}group`.
 * `seg` is the segment after `web`; undefined when it is not a principal route.
 */
export function principalsRoute(
  req: SpRequest,
  seg: Segment,
  rest: Segment[],
): HttpResponse | undefined {
  const { ctx, deps } = req;
  const after = withIndexer(seg, rest);
  switch (seg.name) {
    // `GET /_api/web/currentuser` (SP.Web.CurrentUser): Open on the web
    case "currentuser":
      requireWeb(req, "Read", PermissionKind.Open);
      return userRoute(req, req.me, after);
    // `POST /_api/web/ensureuser` with `{logonName}` (SP.Web.EnsureUser)
    case "ensureuser": {
      if (ctx.method !== "POST") return methodNotAllowed(req);
      // Adds the user to the site's users: a write (AllSites.Write) by someone who may browse
      // user information.
      requireWeb(req, "Write", PermissionKind.BrowseUserInfo);
      const logon =
        typeof seg.positional[0] === "string" ? seg.positional[0] : loginFromBody(req, "logonName");
      const user = resolveTenantUser(req, logon);
      return entityResponse(ctx, deps.sitePath, userEntity(req, user), { set: "SP.ApiData.Users" });
    }
    // `/_api/web/siteusers[...]` (SP.Web.SiteUsers, SP.UserCollection)
    case "siteusers":
      if (ctx.method === "GET") requireWeb(req, "Read", PermissionKind.BrowseUserInfo);
      else requireWeb(req, "FullControl", PermissionKind.ManagePermissions);
      return usersCollectionRoute(
        req,
        allSiteUsers(req),
        after,
        () => undefined,
        (u) => sql(deps.db, "DELETE FROM sp_principals WHERE id = ?").run(u.id),
      );
    // `GET /_api/web/getuserbyid(n)` (SP.Web.GetUserById)
    case "getuserbyid": {
      requireWeb(req, "Read", PermissionKind.BrowseUserInfo);
      const id = Number(seg.positional[0]);
      const user = allSiteUsers(req).find((u) => u.id === id);
      if (!user) userNotFound(req);
      return userRoute(req, user, rest);
    }
    // `/_api/web/sitegroups[...]` (SP.Web.SiteGroups, SP.GroupCollection)
    case "sitegroups":
      requireWeb(req, "Read", PermissionKind.BrowseUserInfo);
      return siteGroupsRoute(req, after);
    // `GET /_api/web/associatedownergroup` etc. (SP.Web.AssociatedOwnerGroup)
    case "associatedownergroup":
    case "associatedmembergroup":
    case "associatedvisitorgroup": {
      requireWeb(req, "Read", PermissionKind.BrowseUserInfo);
      const name = seg.name === "associatedownergroup" ? "Ejere" : "Medlemmer";
      if (seg.name === "associatedvisitorgroup") {
        return { status: 200, body: { "odata.null": true } };
      }
      const g = groupByName(deps.db, name);
      if (!g) groupNotFound(req);
      return groupRoute(req, g, rest);
    }
    default:
      return undefined;
  }
}
