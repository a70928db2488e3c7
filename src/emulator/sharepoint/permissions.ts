/**
 * Permissions of the local SharePoint, enforced on every route, as SharePoint Online has them:
 * permission levels (`web/roledefinitions`: the built-in ones and custom ones), role assignments
 * of the web, of lists and of list items with unique permissions (`.../roleassignments`,
 * `addroleassignment`, `removeroleassignment`), breaking and resetting inheritance, and
 * `EffectiveBasePermissions`.
 *
 * Two things must both allow a request, as for any app acting for a user in SharePoint Online
 * ("user + app" policy: the app's rights and the user's rights must both allow the action,
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/add-in-authorization-policy-types-in-sharepoint):
 * - the user's permissions on the object: an SP.BasePermissions mask, the OR of the masks of
 *   every permission level bound to the user or to a group they are in, in the object's scope
 *   (model.ts `effectiveMask`); each route checks the SP.PermissionKind bits it needs
 *   (https://learn.microsoft.com/sharepoint/understanding-permission-levels);
 * - the token's delegated SharePoint scope: AllSites.Read reads; AllSites.Write also writes
 *   list items; AllSites.Manage also creates and changes lists, fields and views;
 *   AllSites.FullControl also manages permissions, permission levels, role assignments,
 *   inheritance, site groups and their members. Each includes the ones below it
 *   (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/add-in-permissions-in-sharepoint,
 *   https://learn.microsoft.com/entra/identity-platform/scopes-oidc).
 * A request either of them refuses gets SharePoint's 403 `-2147024891,
 * System.UnauthorizedAccessException` "Access denied. ...": SharePoint intersects the user's
 * permissions with what the app's scope allows and answers an operation outside it as it
 * answers a user without the permission (the intersection is described in
 * SharePoint/sp-dev-docs#5694, "EffectiveBasePermissions return incorrect value when accessed
 * using OAuth Access Token").
 */
import type { HttpResponse, RequestContext } from "../http.js";
import { sql, transaction } from "../store.js";
import {
  clearAllItemScopes,
  clearItemScope,
  effectiveMask,
  effectiveScope,
  hasPermission,
  hasUniqueColumn,
  hasUniqueItemPerms,
  type HighLow,
  highLowOf,
  itemScope,
  type ListRow,
  type Mask,
  maskFromHighLow,
  maskOfRole,
  PermissionKind,
  type PermissionKindValue,
  principalById,
  type PrincipalRow,
  ROLE,
  roleDefinitionById,
  roleDefinitionByName,
  type RoleDefinitionRow,
  roleDefinitions,
} from "./model.js";
import {
  accessDenied,
  badRequest,
  collectionResponse,
  type Entity,
  entityResponse,
  filterEntities,
  isVerbose,
  jsonBody,
  SP_ERR,
  spFail,
  voidResponse,
} from "./odata-json.js";
import { principalEntity } from "./principals.js";
import { argOf, intArg, type Segment, type SpRequest, stringArg } from "./router.js";

// ---------------------------------------------------------------------------------------------
// Delegated scopes

/** SharePoint's delegated scopes, each including the ones before it. */
export type SharePointScope = "Read" | "Write" | "Manage" | "FullControl";

const SCOPE_RANK: Record<SharePointScope, number> = {
  Read: 1,
  Write: 2,
  Manage: 3,
  FullControl: 4,
};

/** The highest `AllSites.*` scope the token carries (0: none). */
function scopeRank(scopes: ReadonlySet<string>): number {
  let best = 0;
  for (const s of scopes) {
    const m = /^AllSites\.(Read|Write|Manage|FullControl)$/i.exec(s.trim());
    if (!m?.[1]) continue;
    const name = (Object.keys(SCOPE_RANK) as SharePointScope[]).find(
      (k) => k.toLowerCase() === m[1]?.toLowerCase(),
    );
    if (name) best = Math.max(best, SCOPE_RANK[name]);
  }
  return best;
}

/** Whether the token's delegated scopes include `need` (a higher scope includes the lower). */
export function scopeAllows(scopes: ReadonlySet<string>, need: SharePointScope): boolean {
  return scopeRank(scopes) >= SCOPE_RANK[need];
}

/** 403 unless the token carries `need` or a higher SharePoint scope. */
export function requireScope(
  ctx: Pick<RequestContext, "headers" | "scopes">,
  need: SharePointScope,
): void {
  if (!scopeAllows(ctx.scopes, need)) accessDenied(ctx);
}

// ---------------------------------------------------------------------------------------------
// The user's permissions

/** The caller's mask on the web, a list or an item. */
export function maskFor(req: SpRequest, list?: ListRow, itemId?: number): Mask {
  return effectiveMask(req.deps.db, req.me, list, itemId);
}

/**
 * 403 unless the token carries `scope` and the caller has `kind` on the item (its own scope
 * when it has unique permissions), else on the list (its own scope when inheritance is broken),
 * else on the web.
 */
export function demand(
  req: SpRequest,
  scope: SharePointScope,
  kind: PermissionKindValue,
  list?: ListRow,
  itemId?: number,
): void {
  requireScope(req.ctx, scope);
  if (!hasPermission(maskFor(req, list, itemId), kind)) accessDenied(req.ctx);
}

/** Whether the object has its own role assignments (the web always has). */
function isUnique(req: SpRequest, list?: ListRow, itemId?: number): boolean {
  if (!list) return true;
  if (itemId !== undefined) return hasUniqueItemPerms(req.deps.db, list.id, itemId);
  return list.has_unique_perms === 1;
}

/** The scope whose assignments an object shows and uses (see model.ts effectiveScope). */
function scopeFor(req: SpRequest, list?: ListRow, itemId?: number): string {
  return effectiveScope(req.deps.db, list, itemId);
}

// ---------------------------------------------------------------------------------------------
// Permission levels

/** SP.RoleDefinition as SharePoint Online returns it. */
export function roleDefinitionEntity(def: RoleDefinitionRow): Entity {
  return {
    type: "SP.RoleDefinition",
    path: `Web/RoleDefinitions(${def.id})`,
    props: {
      BasePermissions: highLowOf(maskOfRole(def)),
      Description: def.description,
      Hidden: def.hidden === 1,
      Id: def.id,
      Name: def.name,
      Order: def.ord,
      RoleTypeKind: def.role_type_kind,
    },
  };
}

function roleNotFound(req: SpRequest): never {
  spFail(
    req.ctx,
    404,
    SP_ERR.argument,
    "Permission level cannot be found: it does not exist or was deleted.",
  );
}

/** The first id a custom permission level gets; SharePoint's own start at 1073741825. */
const FIRST_CUSTOM_ROLE_ID = 1073741926;

/** SP.RoleDefinition properties a client may set (the others are read-only). */
const ROLE_WRITABLE = ["BasePermissions", "Description", "Name", "Order"];
const ROLE_READ_ONLY = ["Id", "Hidden", "RoleTypeKind"];

/**
 * `BasePermissions` of a body: `{ High, Low }` as decimal strings (SP.BasePermissions, Edm.Int64:
 * PnPjs converts both to strings; numbers are refused with 400 "Cannot convert a primitive value
 * to the expected type 'Edm.Int64'", pnp/pnpjs#1393). A missing half keeps `current`'s.
 */
function basePermissionsOf(req: SpRequest, raw: unknown, current?: HighLow): Mask {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    badRequest(
      req.ctx,
      "Cannot convert a primitive value to the expected type 'SP.BasePermissions'. See the inner exception for more details.",
    );
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k === "__metadata" || k.startsWith("odata.") || k.startsWith("@odata.")) continue;
    if (k !== "High" && k !== "Low") {
      badRequest(
        req.ctx,
        `The property '${k}' does not exist on type 'SP.BasePermissions'. Make sure to only use property names that are defined by the type.`,
      );
    }
  }
  const half = (name: "High" | "Low"): string => {
    const v = o[name];
    if (v === undefined) return current?.[name] ?? "0";
    if (typeof v !== "string" || !/^\d{1,10}$/.test(v) || Number(v) > 4294967295) {
      badRequest(
        req.ctx,
        "Cannot convert a primitive value to the expected type 'Edm.Int64'. See the inner exception for more details.",
      );
    }
    return v;
  };
  return maskFromHighLow(half("High"), half("Low"));
}

function checkRoleBody(req: SpRequest, body: Record<string, unknown>): void {
  for (const k of Object.keys(body)) {
    if (k === "__metadata" || k.startsWith("odata.") || k.startsWith("@odata.")) continue;
    if (ROLE_READ_ONLY.includes(k)) {
      badRequest(req.ctx, `The property '${k}' is read-only and cannot be set.`);
    }
    if (!ROLE_WRITABLE.includes(k)) {
      badRequest(
        req.ctx,
        `The property '${k}' does not exist on type 'SP.RoleDefinition'. Make sure to only use property names that are defined by the type.`,
      );
    }
  }
  if (body.Name !== undefined && typeof body.Name !== "string") {
    badRequest(req.ctx, "Cannot convert a primitive value to the expected type 'Edm.String'.");
  }
  if (body.Description !== undefined && typeof body.Description !== "string") {
    badRequest(req.ctx, "Cannot convert a primitive value to the expected type 'Edm.String'.");
  }
  if (
    body.Order !== undefined &&
    (typeof body.Order !== "number" || !Number.isInteger(body.Order) || body.Order < 0)
  ) {
    badRequest(req.ctx, "Cannot convert a primitive value to the expected type 'Edm.Int32'.");
  }
}

function checkRoleName(req: SpRequest, name: string, exceptId?: number): string {
  const trimmed = name.trim();
  if (trimmed === "") badRequest(req.ctx, "The parameter Name cannot be empty.");
  if (trimmed.length > 64) {
    badRequest(req.ctx, "The name of a permission level can be at most 64 characters.");
  }
  const clash = roleDefinitionByName(req.deps.db, trimmed);
  if (clash && clash.id !== exceptId) {
    spFail(
      req.ctx,
      500,
      SP_ERR.spException,
      "A permission level with this name already exists. Type a different name.",
    );
  }
  return trimmed;
}

/**
 * `POST /_api/web/roledefinitions` with an SP.RoleDefinition (minimal JSON as PnPjs
 * `roleDefinitions.add(name, description, order, basePermissions)` sends it, or verbose with
 * `__metadata`): 201 with the new permission level. Needs Manage Permissions on the web and
 * AllSites.FullControl
 * (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#roledefinitioncollection-resource).
 */
function createRoleDefinition(req: SpRequest): HttpResponse {
  const { ctx, deps } = req;
  demand(req, "FullControl", PermissionKind.ManagePermissions);
  const body = jsonBody(ctx);
  checkRoleBody(req, body);
  if (typeof body.Name !== "string") badRequest(ctx, "The parameter Name is required.");
  const name = checkRoleName(req, body.Name);
  const mask =
    body.BasePermissions === undefined ? 0n : basePermissionsOf(req, body.BasePermissions);
  const { High, Low } = highLowOf(mask);
  const max = sql(deps.db, "SELECT MAX(id) AS m FROM sp_role_definitions").get() as {
    m: number | null;
  };
  const id = Math.max(FIRST_CUSTOM_ROLE_ID, (max.m ?? 0) + 1);
  sql(
    deps.db,
    `INSERT INTO sp_role_definitions (id, name, description, ord, role_type_kind, hidden, high, low)
       VALUES (?, ?, ?, ?, 0, 0, ?, ?)`,
  ).run(
    id,
    name,
    typeof body.Description === "string" ? body.Description : "",
    typeof body.Order === "number" ? body.Order : 0,
    High,
    Low,
  );
  return entityResponse(
    ctx,
    deps.sitePath,
    roleDefinitionEntity(roleDefinitionById(deps.db, id) as RoleDefinitionRow),
    { status: 201, set: "SP.ApiData.RoleDefinitions" },
  );
}

/** Full Control and Limited Access cannot be changed or deleted (SharePoint offers neither). */
function assertChangeable(req: SpRequest, def: RoleDefinitionRow): void {
  if (def.id === ROLE.FullControl || def.id === ROLE.LimitedAccess) {
    spFail(
      req.ctx,
      400,
      SP_ERR.spException,
      `The permission level '${def.name}' cannot be changed.`,
    );
  }
}

/**
 * MERGE / PATCH / PUT on one permission level (PnPjs `roleDefinition.update(props)`: Name,
 * Description, Order, BasePermissions as strings): 204. Needs Manage Permissions and
 * AllSites.FullControl.
 */
function updateRoleDefinition(req: SpRequest, def: RoleDefinitionRow): HttpResponse {
  const { ctx, deps } = req;
  demand(req, "FullControl", PermissionKind.ManagePermissions);
  assertChangeable(req, def);
  const body = jsonBody(ctx);
  checkRoleBody(req, body);
  const name = typeof body.Name === "string" ? checkRoleName(req, body.Name, def.id) : def.name;
  const current = { High: def.high, Low: def.low };
  const { High, Low } =
    body.BasePermissions === undefined
      ? current
      : highLowOf(basePermissionsOf(req, body.BasePermissions, current));
  sql(
    deps.db,
    "UPDATE sp_role_definitions SET name = ?, description = ?, ord = ?, high = ?, low = ? WHERE id = ?",
  ).run(
    name,
    typeof body.Description === "string" ? body.Description : def.description,
    typeof body.Order === "number" ? body.Order : def.ord,
    High,
    Low,
    def.id,
  );
  return { status: 204 };
}

/**
 * DELETE on one permission level (or `POST .../deleteobject`): the level and every binding of
 * it in role assignments go. Needs Manage Permissions and AllSites.FullControl.
 */
function deleteRoleDefinition(req: SpRequest, def: RoleDefinitionRow): void {
  const { deps } = req;
  demand(req, "FullControl", PermissionKind.ManagePermissions);
  assertChangeable(req, def);
  transaction(deps.db, () => {
    sql(deps.db, "DELETE FROM sp_role_assignments WHERE role_def_id = ?").run(def.id);
    sql(deps.db, "DELETE FROM sp_role_definitions WHERE id = ?").run(def.id);
  });
}

/**
 * `/_api/web/roledefinitions`: GET the site's permission levels; POST a new one;
 * `getbyname('Read')`, `getbytype(2)`, `getbyid(n)` / `(n)` for one, which answers GET, MERGE
 * (update), DELETE and `deleteobject` (SP.RoleDefinitionCollection, SP.RoleDefinition,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#roledefinition-resource).
 * Reading needs Open on the web and AllSites.Read; changing needs Manage Permissions and
 * AllSites.FullControl.
 */
export function roleDefinitionsRoute(req: SpRequest, seg: Segment, rest: Segment[]): HttpResponse {
  const { ctx, deps } = req;
  const [head, ...more] = seg.hasParens ? [{ ...seg, name: "getbyid" }, ...rest] : rest;
  if (!head) {
    if (ctx.method === "POST") return createRoleDefinition(req);
    if (ctx.method !== "GET") methodNotAllowed(req);
    demand(req, "Read", PermissionKind.Open);
    return collectionResponse(
      ctx,
      deps.sitePath,
      filterEntities(ctx, roleDefinitions(deps.db).map(roleDefinitionEntity)),
      "SP.ApiData.RoleDefinitions",
    );
  }
  demand(req, "Read", PermissionKind.Open);
  let def: RoleDefinitionRow | undefined;
  if (head.name === "getbyname") {
    def = roleDefinitionByName(deps.db, stringArg(ctx, head, "name"));
  } else if (head.name === "getbytype") {
    const kind = intArg(ctx, head, "roletype", "roletypekind");
    // SP.RoleType 0 (None) names no built-in level.
    def = kind === 0 ? undefined : roleDefinitions(deps.db).find((d) => d.role_type_kind === kind);
  } else if (head.name === "getbyid") {
    def = roleDefinitionById(deps.db, intArg(ctx, head, "id"));
  } else badRequest(ctx, `The expression "${head.raw}" is not valid.`);
  if (!def) roleNotFound(req);
  const [sub, ...tail] = more;
  if (sub) {
    if (sub.name === "deleteobject" && tail.length === 0 && ctx.method === "POST") {
      deleteRoleDefinition(req, def);
      return voidResponse(ctx, "DeleteObject");
    }
    badRequest(ctx, `The expression "${sub.raw}" is not valid.`);
  }
  switch (ctx.method) {
    case "GET":
      return entityResponse(ctx, deps.sitePath, roleDefinitionEntity(def), {
        set: "SP.ApiData.RoleDefinitions",
      });
    case "MERGE":
    case "PATCH":
    case "PUT":
      return updateRoleDefinition(req, def);
    case "DELETE":
      deleteRoleDefinition(req, def);
      return { status: 200 };
    default:
      methodNotAllowed(req);
  }
}

function methodNotAllowed(req: SpRequest): never {
  spFail(
    req.ctx,
    405,
    SP_ERR.clientService,
    `The HTTP method '${req.ctx.method}' cannot be used to access the resource '${req.ctx.url.pathname}'.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Role assignments

function scopePath(list?: ListRow, itemId?: number): string {
  if (!list) return "Web";
  const base = `Web/Lists(guid'${list.id}')`;
  return itemId === undefined ? base : `${base}/Items(${itemId})`;
}

function roleAssignmentEntity(
  req: SpRequest,
  list: ListRow | undefined,
  principal: PrincipalRow,
  itemId?: number,
): Entity {
  const bound = sql(
    req.deps.db,
    `SELECT d.* FROM sp_role_assignments a JOIN sp_role_definitions d ON d.id = a.role_def_id
       WHERE a.scope = ? AND a.principal_id = ? ORDER BY d.ord, d.id`,
  ).all(scopeFor(req, list, itemId), principal.id) as RoleDefinitionRow[];
  return {
    type: "SP.RoleAssignment",
    path: `${scopePath(list, itemId)}/RoleAssignments/GetByPrincipalId(${principal.id})`,
    props: { PrincipalId: principal.id },
    nav: {
      Member: () => principalEntity(req, principal),
      RoleDefinitionBindings: () => bound.map(roleDefinitionEntity),
    },
  };
}

function inheritsError(req: SpRequest): never {
  // SharePoint refuses to change assignments of an object that inherits them.
  spFail(
    req.ctx,
    400,
    SP_ERR.spException,
    "This operation is not allowed on an object that inherits permissions.",
  );
}

/**
 * `.../roleassignments` of the web, a list or an item (`itemId`): GET (with
 * `$expand=Member,RoleDefinitionBindings`), `getbyprincipalid(n)` / `(n)` (GET, DELETE, its
 * `member` and `roledefinitionbindings`), `addroleassignment(principalid=, roledefid=)`,
 * `removeroleassignment(principalid=, roledefid=)` (SP.RoleAssignmentCollection,
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface).
 * Any permission level of the site may be bound, custom ones included. Reading needs Enumerate
 * Permissions on the object, changing Manage Permissions; both AllSites.FullControl.
 */
export function roleAssignmentsRoute(
  req: SpRequest,
  list: ListRow | undefined,
  seg: Segment,
  rest: Segment[],
  itemId?: number,
): HttpResponse {
  const { ctx, deps } = req;
  const [head, ...more] = seg.hasParens ? [seg, ...rest] : rest;
  const scope = scopeFor(req, list, itemId);
  if (!head) {
    if (ctx.method !== "GET") badRequest(ctx, `The HTTP method '${ctx.method}' is not supported.`);
    demand(req, "FullControl", PermissionKind.EnumeratePermissions, list, itemId);
    const ids = (
      sql(
        deps.db,
        "SELECT DISTINCT principal_id FROM sp_role_assignments WHERE scope = ? ORDER BY principal_id",
      ).all(scope) as { principal_id: number }[]
    ).map((r) => r.principal_id);
    const entities = ids
      .map((id) => principalById(deps.db, id))
      .filter((p): p is PrincipalRow => p !== undefined)
      .map((p) => roleAssignmentEntity(req, list, p, itemId));
    return collectionResponse(
      ctx,
      deps.sitePath,
      filterEntities(ctx, entities),
      "SP.ApiData.RoleAssignments",
    );
  }
  if (head.name === "addroleassignment" || head.name === "removeroleassignment") {
    if (ctx.method !== "POST") badRequest(ctx, `The HTTP method '${ctx.method}' is not supported.`);
    demand(req, "FullControl", PermissionKind.ManagePermissions, list, itemId);
    if (!isUnique(req, list, itemId)) inheritsError(req);
    const principalId = intArg(ctx, head, "principalid");
    const roleDefId = intArg(ctx, { ...head, positional: head.positional.slice(1) }, "roledefid");
    if (!principalById(deps.db, principalId)) {
      spFail(ctx, 404, SP_ERR.argument, "Cannot find the principal with id: " + principalId);
    }
    if (!roleDefinitionById(deps.db, roleDefId)) roleNotFound(req);
    if (head.name === "addroleassignment") {
      sql(
        deps.db,
        "INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES (?, ?, ?)",
      ).run(scope, principalId, roleDefId);
      return voidResponse(ctx, "AddRoleAssignment");
    }
    sql(
      deps.db,
      "DELETE FROM sp_role_assignments WHERE scope = ? AND principal_id = ? AND role_def_id = ?",
    ).run(scope, principalId, roleDefId);
    return voidResponse(ctx, "RemoveRoleAssignment");
  }
  if (head.name === "getbyprincipalid" || head.name === "roleassignments") {
    demand(
      req,
      "FullControl",
      ctx.method === "GET" ? PermissionKind.EnumeratePermissions : PermissionKind.ManagePermissions,
      list,
      itemId,
    );
    const id = intArg(ctx, head, "principalid");
    const p = principalById(deps.db, id);
    const has =
      p &&
      sql(deps.db, "SELECT 1 FROM sp_role_assignments WHERE scope = ? AND principal_id = ?").get(
        scope,
        id,
      );
    if (!p || !has) {
      spFail(ctx, 404, SP_ERR.argument, "Can not find the principal with id: " + id + ".");
    }
    const entity = roleAssignmentEntity(req, list, p, itemId);
    const [sub] = more;
    if (!sub) {
      if (ctx.method === "DELETE") {
        if (!isUnique(req, list, itemId)) inheritsError(req);
        sql(deps.db, "DELETE FROM sp_role_assignments WHERE scope = ? AND principal_id = ?").run(
          scope,
          id,
        );
        return { status: 200 };
      }
      return entityResponse(ctx, deps.sitePath, entity, { set: "SP.ApiData.RoleAssignments" });
    }
    if (sub.name === "member") {
      return entityResponse(ctx, deps.sitePath, principalEntity(req, p));
    }
    if (sub.name === "roledefinitionbindings") {
      const bindings = entity.nav?.RoleDefinitionBindings?.();
      return collectionResponse(
        ctx,
        deps.sitePath,
        Array.isArray(bindings) ? bindings : [],
        "SP.ApiData.RoleDefinitions",
      );
    }
  }
  badRequest(ctx, `The expression "${head.raw}" is not valid.`);
}

// ---------------------------------------------------------------------------------------------
// Inheritance

/**
 * Unique permissions on an item of a list with a unique column are refused: SharePoint does not
 * enforce unique values on lists whose items have unique permissions ("Enforcing Uniqueness in
 * Column Values", SharePoint 2010 SDK, https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ee536168(v=office.14); the list settings page offers neither with the other).
 * The wording is this server's: no capture of SharePoint Online's text was found.
 */
function refuseItemScopeWithUniqueColumn(req: SpRequest, list: ListRow): void {
  if (!hasUniqueColumn(req.deps.db, list.id)) return;
  spFail(
    req.ctx,
    500,
    SP_ERR.spException,
    "Unique permissions cannot be set on an item of a list that has a column enforcing unique values. Stop enforcing unique values on the column first.",
  );
}

/**
 * `POST .../breakroleinheritance(copyroleassignments=, clearsubscopes=)` on a list or, with
 * `itemId`, on one of its items (SP.SecurableObject.BreakRoleInheritance,
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface).
 * Needs Manage Permissions on the object and AllSites.FullControl.
 * Without copying, SharePoint leaves the caller with Full Control so they are not locked out
 * ("the collection of role assignments must contain only 1 role assignment containing the
 * current user"). Breaking an already unique scope changes nothing. `clearsubscopes=true` on a
 * list makes its items with unique permissions inherit again. An item of a list with a unique
 * column cannot get its own permissions.
 */
export function breakInheritance(
  req: SpRequest,
  list: ListRow,
  seg: Segment,
  itemId?: number,
): HttpResponse {
  const { ctx, deps } = req;
  if (ctx.method !== "POST") badRequest(ctx, `The HTTP method '${ctx.method}' is not supported.`);
  demand(req, "FullControl", PermissionKind.ManagePermissions, list, itemId);
  const copyArg = argOf(seg, "copyroleassignments");
  const copy = copyArg === undefined ? true : copyArg === true;
  if (itemId !== undefined) {
    if (!hasUniqueItemPerms(deps.db, list.id, itemId)) {
      refuseItemScopeWithUniqueColumn(req, list);
      const from = effectiveScope(deps.db, list);
      const to = itemScope(list.id, itemId);
      transaction(deps.db, () => {
        if (copy) {
          sql(
            deps.db,
            `INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id)
               SELECT ?, principal_id, role_def_id FROM sp_role_assignments WHERE scope = ?`,
          ).run(to, from);
        } else {
          sql(
            deps.db,
            "INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES (?, ?, ?)",
          ).run(to, req.me.id, ROLE.FullControl);
        }
        sql(deps.db, "INSERT OR IGNORE INTO sp_item_scopes (list_id, item_id) VALUES (?, ?)").run(
          list.id,
          itemId,
        );
      });
    }
    return voidResponse(ctx, "BreakRoleInheritance");
  }
  const clearArg = seg.named.get("clearsubscopes") ?? seg.positional[1];
  if (!list.has_unique_perms) {
    transaction(deps.db, () => {
      if (copy) {
        sql(
          deps.db,
          `INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id)
             SELECT ?, principal_id, role_def_id FROM sp_role_assignments WHERE scope = ''`,
        ).run(list.id);
      } else {
        sql(
          deps.db,
          "INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES (?, ?, ?)",
        ).run(list.id, req.me.id, ROLE.FullControl);
      }
      sql(deps.db, "UPDATE sp_lists SET has_unique_perms = 1 WHERE id = ?").run(list.id);
      if (clearArg === true) clearAllItemScopes(deps.db, list.id);
    });
  }
  return voidResponse(ctx, "BreakRoleInheritance");
}

/**
 * `POST .../resetroleinheritance` on a list or an item: drops its own assignments and inherits
 * its parent's again (SP.SecurableObject.ResetRoleInheritance,
 * https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee539426(v=office.15)).
 * Needs Manage Permissions on the object and AllSites.FullControl.
 */
export function resetInheritance(req: SpRequest, list: ListRow, itemId?: number): HttpResponse {
  const { ctx, deps } = req;
  if (ctx.method !== "POST") badRequest(ctx, `The HTTP method '${ctx.method}' is not supported.`);
  demand(req, "FullControl", PermissionKind.ManagePermissions, list, itemId);
  if (itemId !== undefined) {
    transaction(deps.db, () => clearItemScope(deps.db, list.id, itemId));
    return voidResponse(ctx, "ResetRoleInheritance");
  }
  transaction(deps.db, () => {
    sql(deps.db, "DELETE FROM sp_role_assignments WHERE scope = ?").run(list.id);
    sql(deps.db, "UPDATE sp_lists SET has_unique_perms = 0 WHERE id = ?").run(list.id);
  });
  return voidResponse(ctx, "ResetRoleInheritance");
}

/**
 * `GET .../EffectiveBasePermissions` of the web, a list or an item: the caller's permission
 * mask (SP.BasePermissions), the OR of every permission level bound to them or their groups in
 * the object's scope, which PnPjs' `currentUserHasPermissions` reads
 * (https://learn.microsoft.com/previous-versions/office/sharepoint-csom/jj246892(v=office.15)).
 * The mask is the user's; SharePoint Online also masks it with what the app's scope allows
 * (sp-dev-docs#5694), which this server does not model: the scope is checked on each route.
 */
export function effectivePermissionsRoute(
  req: SpRequest,
  list?: ListRow,
  itemId?: number,
): HttpResponse {
  requireScope(req.ctx, "Read");
  const mask = highLowOf(maskFor(req, list, itemId));
  if (isVerbose(req.ctx)) {
    return {
      status: 200,
      headers: { "Content-Type": "application/json;odata=verbose;charset=utf-8" },
      body: {
        d: { EffectiveBasePermissions: { __metadata: { type: "SP.BasePermissions" }, ...mask } },
      },
    };
  }
  return {
    status: 200,
    body: {
      "odata.metadata": `${req.ctx.origin}${req.deps.sitePath}/_api/$metadata#SP.ApiData.BasePermissions`,
      ...mask,
    },
  };
}
