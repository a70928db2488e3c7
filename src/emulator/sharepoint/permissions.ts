/**
 * Permissions of the local SharePoint, enforced on every route: permission levels
 * (`web/roledefinitions`), role assignments of the web and of lists with unique permissions
 * (`.../roleassignments`, `addroleassignment`, `removeroleassignment`), breaking and resetting
 * inheritance, and `EffectiveBasePermissions`, of the web, of a list and of a list item
 * (`.../items(<id>)/breakroleinheritance(...)`, `.../items(<id>)/roleassignments`, ...).
 * An item with unique permissions is governed by its own role assignments alone; changing
 * them needs Full Control (Manage Permissions) on the item.
 *
 * Who may do what, as in SharePoint Online's permission levels
 * (https://learn.microsoft.com/sharepoint/understanding-permission-levels):
 * - Read: view lists and items, browse users and groups;
 * - Contribute: add/edit/delete items (within ReadSecurity/WriteSecurity);
 * - Edit: also Manage Lists (create, change and delete lists and fields);
 * - Full Control: also Manage Permissions (break inheritance, role assignments, groups).
 * A member lacking the right gets 403 System.UnauthorizedAccessException.
 */
import type { HttpResponse } from "../http.js";
import {
  type Access,
  accessOf,
  atLeast,
  BASE_PERMISSIONS,
  clearAllItemScopes,
  clearItemScope,
  effectiveScope,
  hasUniqueItemPerms,
  itemScope,
  type ListRow,
  principalById,
  type PrincipalRow,
  ROLE_DEFINITIONS,
  ROLE_OF_ACCESS,
} from "./model.js";
import {
  accessDenied,
  badRequest,
  collectionResponse,
  type Entity,
  entityResponse,
  filterEntities,
  isVerbose,
  SP_ERR,
  spFail,
  voidResponse,
} from "./odata-json.js";
import { principalEntity } from "./principals.js";
import { argOf, intArg, type Segment, type SpRequest, stringArg } from "./router.js";

/**
 * Throws 403 (SharePoint's System.UnauthorizedAccessException) unless the caller has at least
 * `need` on the item (its own scope when it has unique permissions), else on the list (its own
 * scope when inheritance is broken) or, without a list, the web.
 */
export function requireAccess(req: SpRequest, need: Access, list?: ListRow, itemId?: number): void {
  if (!atLeast(accessOf(req.deps.db, req.me, list, itemId), need)) accessDenied(req.ctx);
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

const ROLE_DESCRIPTIONS: Record<string, string> = {
  "Full Control": "Has full control.",
  Design: "Can view, add, update, delete, approve, and customize.",
  Edit: "Can add, edit and delete lists; can view, add, update and delete list items and documents.",
  Contribute: "Can view, add, update, and delete list items and documents.",
  Read: "Can view pages and list items and download documents.",
};

type RoleDef = (typeof ROLE_DEFINITIONS)[number];

/** SP.RoleDefinition as SharePoint Online returns it. */
export function roleDefinitionEntity(def: RoleDef): Entity {
  return {
    type: "SP.RoleDefinition",
    path: `Web/RoleDefinitions(${def.id})`,
    props: {
      BasePermissions: BASE_PERMISSIONS[def.id],
      Description: ROLE_DESCRIPTIONS[def.name] ?? "",
      Hidden: false,
      Id: def.id,
      Name: def.name,
      Order: ROLE_DEFINITIONS.indexOf(def) + 1,
      RoleTypeKind: def.roleTypeKind,
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

/**
 * `GET /_api/web/roledefinitions`, `.../getbyname('Read')`, `.../getbytype(2)`,
 * `.../getbyid(n)` / `(n)`: the site's permission levels (SP.RoleDefinitionCollection,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#roledefinitioncollection-resource).
 */
export function roleDefinitionsRoute(req: SpRequest, seg: Segment, rest: Segment[]): HttpResponse {
  const { ctx, deps } = req;
  requireAccess(req, "read");
  if (ctx.method !== "GET") accessDenied(ctx);
  const [head, ...more] = seg.hasParens ? [seg, ...rest] : rest;
  if (!head) {
    const all = ROLE_DEFINITIONS.map(roleDefinitionEntity);
    return collectionResponse(
      ctx,
      deps.sitePath,
      filterEntities(ctx, all),
      "SP.ApiData.RoleDefinitions",
    );
  }
  if (more.length > 0) badRequest(ctx, `The expression "${more[0]?.raw}" is not valid.`);
  let def: RoleDef | undefined;
  if (head.name === "getbyname") {
    const name = stringArg(ctx, head, "name").toLowerCase();
    def = ROLE_DEFINITIONS.find((d) => d.name.toLowerCase() === name);
  } else if (head.name === "getbytype") {
    const kind = intArg(ctx, head, "roletype");
    def = ROLE_DEFINITIONS.find((d) => d.roleTypeKind === kind);
  } else if (head.name === "getbyid" || head.name === "roledefinitions") {
    const id = intArg(ctx, head, "id");
    def = ROLE_DEFINITIONS.find((d) => d.id === id);
  } else badRequest(ctx, `The expression "${head.raw}" is not valid.`);
  if (!def) roleNotFound(req);
  return entityResponse(ctx, deps.sitePath, roleDefinitionEntity(def), {
    set: "SP.ApiData.RoleDefinitions",
  });
}

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
  const roleIds = (
    req.deps.db
      .prepare(
        "SELECT role_def_id FROM sp_role_assignments WHERE scope = ? AND principal_id = ? ORDER BY role_def_id",
      )
      .all(scopeFor(req, list, itemId), principal.id) as { role_def_id: number }[]
  ).map((r) => r.role_def_id);
  return {
    type: "SP.RoleAssignment",
    path: `${scopePath(list, itemId)}/RoleAssignments/GetByPrincipalId(${principal.id})`,
    props: { PrincipalId: principal.id },
    nav: {
      Member: () => principalEntity(req, principal),
      RoleDefinitionBindings: () =>
        ROLE_DEFINITIONS.filter((d) => roleIds.includes(d.id)).map(roleDefinitionEntity),
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
 * `.../roleassignments` of the web, a list or an item (`itemId`): GET (with `$expand=Member,RoleDefinitionBindings`),
 * `getbyprincipalid(n)` / `(n)`, `addroleassignment(principalid=, roledefid=)`,
 * `removeroleassignment(principalid=, roledefid=)` (SP.RoleAssignmentCollection,
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface).
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
    requireAccess(req, "full", list, itemId);
    const ids = (
      deps.db
        .prepare(
          "SELECT DISTINCT principal_id FROM sp_role_assignments WHERE scope = ? ORDER BY principal_id",
        )
        .all(scope) as { principal_id: number }[]
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
    requireAccess(req, "full", list, itemId);
    if (!isUnique(req, list, itemId)) inheritsError(req);
    const principalId = intArg(ctx, head, "principalid");
    const roleDefId = intArg(ctx, { ...head, positional: head.positional.slice(1) }, "roledefid");
    if (!principalById(deps.db, principalId)) {
      spFail(ctx, 404, SP_ERR.argument, "Cannot find the principal with id: " + principalId);
    }
    if (!ROLE_DEFINITIONS.some((d) => d.id === roleDefId)) roleNotFound(req);
    if (head.name === "addroleassignment") {
      deps.db
        .prepare(
          "INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES (?, ?, ?)",
        )
        .run(scope, principalId, roleDefId);
      return voidResponse(ctx, "AddRoleAssignment");
    }
    deps.db
      .prepare(
        "DELETE FROM sp_role_assignments WHERE scope = ? AND principal_id = ? AND role_def_id = ?",
      )
      .run(scope, principalId, roleDefId);
    return voidResponse(ctx, "RemoveRoleAssignment");
  }
  if (head.name === "getbyprincipalid" || head.name === "roleassignments") {
    requireAccess(req, "full", list, itemId);
    const id = intArg(ctx, head, "principalid");
    const p = principalById(deps.db, id);
    const has =
      p &&
      deps.db
        .prepare("SELECT 1 FROM sp_role_assignments WHERE scope = ? AND principal_id = ?")
        .get(scope, id);
    if (!p || !has) {
      spFail(ctx, 404, SP_ERR.argument, "Can not find the principal with id: " + id + ".");
    }
    const entity = roleAssignmentEntity(req, list, p, itemId);
    const [sub] = more;
    if (!sub) {
      if (ctx.method === "DELETE") {
        if (!isUnique(req, list, itemId)) inheritsError(req);
        deps.db
          .prepare("DELETE FROM sp_role_assignments WHERE scope = ? AND principal_id = ?")
          .run(scope, id);
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

/**
 * `POST .../breakroleinheritance(copyroleassignments=, clearsubscopes=)` on a list or, with
 * `itemId`, on one of its items (SP.SecurableObject.BreakRoleInheritance,
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface).
 * Without copying, SharePoint leaves the caller with Full Control so they are not locked out
 * ("the collection of role assignments must contain only 1 role assignment containing the
 * current user"). Breaking an already unique scope changes nothing. `clearsubscopes=true` on a
 * list makes its items with unique permissions inherit again.
 */
export function breakInheritance(
  req: SpRequest,
  list: ListRow,
  seg: Segment,
  itemId?: number,
): HttpResponse {
  const { ctx, deps } = req;
  if (ctx.method !== "POST") badRequest(ctx, `The HTTP method '${ctx.method}' is not supported.`);
  requireAccess(req, "full", list, itemId);
  const copyArg = argOf(seg, "copyroleassignments");
  const copy = copyArg === undefined ? true : copyArg === true;
  if (itemId !== undefined) {
    if (!hasUniqueItemPerms(deps.db, list.id, itemId)) {
      const from = effectiveScope(deps.db, list);
      const to = itemScope(list.id, itemId);
      deps.db.transaction(() => {
        if (copy) {
          deps.db
            .prepare(
              `INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id)
               SELECT ?, principal_id, role_def_id FROM sp_role_assignments WHERE scope = ?`,
            )
            .run(to, from);
        } else {
          deps.db
            .prepare(
              "INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES (?, ?, ?)",
            )
            .run(to, req.me.id, ROLE_DEFINITIONS[0]?.id);
        }
        deps.db
          .prepare("INSERT OR IGNORE INTO sp_item_scopes (list_id, item_id) VALUES (?, ?)")
          .run(list.id, itemId);
      })();
    }
    return voidResponse(ctx, "BreakRoleInheritance");
  }
  const clearArg = seg.named.get("clearsubscopes") ?? seg.positional[1];
  if (!list.has_unique_perms) {
    deps.db.transaction(() => {
      if (copy) {
        deps.db
          .prepare(
            `INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id)
             SELECT ?, principal_id, role_def_id FROM sp_role_assignments WHERE scope = ''`,
          )
          .run(list.id);
      } else {
        deps.db
          .prepare(
            "INSERT OR IGNORE INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES (?, ?, ?)",
          )
          .run(list.id, req.me.id, ROLE_DEFINITIONS[0]?.id);
      }
      deps.db.prepare("UPDATE sp_lists SET has_unique_perms = 1 WHERE id = ?").run(list.id);
      if (clearArg === true) clearItemScopes(req, list);
    })();
  }
  return voidResponse(ctx, "BreakRoleInheritance");
}

/** Every item of the list inherits again (clearsubscopes). */
function clearItemScopes(req: SpRequest, list: ListRow): void {
  clearAllItemScopes(req.deps.db, list.id);
}

/**
 * `POST .../resetroleinheritance` on a list or an item: drops its own assignments and inherits
 * its parent's again (SP.SecurableObject.ResetRoleInheritance).
 */
export function resetInheritance(req: SpRequest, list: ListRow, itemId?: number): HttpResponse {
  const { ctx, deps } = req;
  if (ctx.method !== "POST") badRequest(ctx, `The HTTP method '${ctx.method}' is not supported.`);
  requireAccess(req, "full", list, itemId);
  if (itemId !== undefined) {
    deps.db.transaction(() => clearItemScope(deps.db, list.id, itemId))();
    return voidResponse(ctx, "ResetRoleInheritance");
  }
  deps.db.transaction(() => {
    deps.db.prepare("DELETE FROM sp_role_assignments WHERE scope = ?").run(list.id);
    deps.db.prepare("UPDATE sp_lists SET has_unique_perms = 0 WHERE id = ?").run(list.id);
  })();
  return voidResponse(ctx, "ResetRoleInheritance");
}

/**
 * `GET .../EffectiveBasePermissions` of the web, a list or an item: the caller's permission
 * mask (SP.BasePermissions), which PnPjs' `currentUserHasPermissions` reads.
 */
export function effectivePermissionsRoute(
  req: SpRequest,
  list?: ListRow,
  itemId?: number,
): HttpResponse {
  const role = ROLE_OF_ACCESS[accessOf(req.deps.db, req.me, list, itemId)];
  const mask = role === undefined ? { High: "0", Low: "0" } : BASE_PERMISSIONS[role];
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
