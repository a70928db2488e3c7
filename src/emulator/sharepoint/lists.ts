/**
 * Lists of the local SharePoint: `web/lists` (GET, POST add), one list by title, id or URL
 * (GET, MERGE, DELETE) and everything below a list (fields, items, role assignments,
 * inheritance, root folder).
 *
 * Facts mirrored from SharePoint Online
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest):
 * - the list's URL (`/Lists/<name>`) comes from its title at creation; renaming the title later
 *   keeps the URL (so provisioning creates with a code-like name, then sets the Danish title);
 * - `EntityTypeName` is `<Name>List` and `ListItemEntityTypeFullName` `SP.Data.<Name>ListItem`,
 *   with the name's first letter upper-cased and spaces/non-ASCII encoded as `_xHHHH_`;
 * - a missing list is a 404 `-1, System.ArgumentException` "List 'X' does not exist at site
 *   with URL '...'"; a duplicate title a 500 `-2130575342, Microsoft.SharePoint.SPException`;
 * - lists are security-trimmed: a list the caller cannot read is absent from `web/lists` and
 *   answers as missing;
 * - an item is a securable object too: `items(<id>)/breakroleinheritance(...)`,
 *   `.../roleassignments[/addroleassignment(...)]`, `.../resetroleinheritance`,
 *   `.../effectivebasepermissions` (permissions.ts); an item the caller cannot read answers as
 *   missing there as well;
 * - reading a list needs View Items on it and AllSites.Read; creating, changing and deleting
 *   lists Manage Lists and AllSites.Manage (permissions.ts);
 * - item-level permissions (ReadSecurity/WriteSecurity other than 1) and a unique column refuse
 *   each other.
 */
import { header, type HttpResponse } from "../http.js";
import { sql, transaction } from "../store.js";
import { createBuiltinFields, fieldEntity, fieldsRoute } from "./fields.js";
import { CODES, fail, formatOf, MESSAGES } from "./item-errors.js";
import { canReadItem, itemsRoute } from "./items.js";
import {
  canSeeList,
  clearAllItemScopes,
  fieldsOf,
  findList,
  hasUniqueColumn,
  type ListRow,
  PermissionKind,
} from "./model.js";
import {
  badRequest,
  collectionResponse,
  type Entity,
  entityResponse,
  filterEntities,
  jsonBody,
  SP_ERR,
  spDate,
  spFail,
  voidResponse,
} from "./odata-json.js";
import {
  breakInheritance,
  demand,
  effectivePermissionsRoute,
  requireScope,
  resetInheritance,
  roleAssignmentsRoute,
} from "./permissions.js";
import { type Segment, type SpRequest, stringArg } from "./router.js";

/** Properties a client may set on SP.List when adding or updating (others are a 400). */
const LIST_PROPS = [
  "Title",
  "Description",
  "BaseTemplate",
  "AllowContentTypes",
  "ContentTypesEnabled",
  "EnableVersioning",
  "EnableMinorVersions",
  "MajorVersionLimit",
  "MajorWithMinorVersionsLimit",
  "ReadSecurity",
  "WriteSecurity",
  "Hidden",
  "OnQuickLaunch",
  "EnableAttachments",
  "EnableFolderCreation",
  "EnableModeration",
  "ForceCheckout",
  "DraftVersionVisibility",
  "NoCrawl",
  "Direction",
  "ValidationFormula",
  "ValidationMessage",
  "IrmEnabled",
  "ListExperienceOptions",
  "DisableGridEditing",
  "DocumentTemplateUrl",
  "DefaultContentApprovalWorkflowId",
  "ImageUrl",
];

/** Encodes a name as SharePoint does in entity type names (`_xHHHH_`). */
function entityName(urlName: string): string {
  let out = "";
  for (let i = 0; i < urlName.length; i++) {
    const ch = urlName.charAt(i);
    out += /[A-Za-z0-9_]/.test(ch)
      ? ch
      : `_x${urlName.charCodeAt(i).toString(16).padStart(4, "0")}_`;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function extraOf(list: ListRow): Record<string, unknown> {
  return JSON.parse(list.extra) as Record<string, unknown>;
}

function itemCount(req: SpRequest, list: ListRow): number {
  const r = sql(req.deps.db, "SELECT COUNT(*) AS n FROM sp_items WHERE list_id = ?").get(
    list.id,
  ) as { n: number };
  return r.n;
}

function folderEntity(req: SpRequest, list: ListRow): Entity {
  return {
    type: "SP.Folder",
    path: `Web/Lists(guid'${list.id}')/RootFolder`,
    props: {
      Exists: true,
      ItemCount: itemCount(req, list),
      Name: list.url_name,
      ServerRelativeUrl: `${req.deps.sitePath}/Lists/${list.url_name}`,
      UniqueId: list.id,
    },
  };
}

/** SP.List as SharePoint Online returns it. */
export function listEntity(req: SpRequest, list: ListRow): Entity {
  const extra = extraOf(list);
  const name = entityName(list.url_name);
  const url = `${req.deps.sitePath}/Lists/${list.url_name}`;
  return {
    type: "SP.List",
    path: `Web/Lists(guid'${list.id}')`,
    props: {
      AllowContentTypes: true,
      BaseTemplate: list.base_template,
      BaseType: 0,
      ContentTypesEnabled: false,
      Created: list.created,
      DefaultViewUrl: `${url}/AllItems.aspx`,
      Description: list.description,
      DraftVersionVisibility: 0,
      EnableAttachments: true,
      EnableFolderCreation: false,
      EnableMinorVersions: false,
      EnableModeration: false,
      EnableVersioning: list.enable_versioning === 1,
      EntityTypeName: `${name}List`,
      ForceCheckout: false,
      HasUniqueRoleAssignments: list.has_unique_perms === 1,
      Hidden: false,
      Id: list.id,
      ItemCount: itemCount(req, list),
      LastItemDeletedDate: list.last_item_modified,
      LastItemModifiedDate: list.last_item_modified,
      LastItemUserModifiedDate: list.last_item_modified,
      ListItemEntityTypeFullName: `SP.Data.${name}ListItem`,
      MajorVersionLimit: list.enable_versioning === 1 ? 50 : 0,
      NoCrawl: false,
      OnQuickLaunch: false,
      ParentWebUrl: req.deps.sitePath,
      ReadSecurity: list.read_security,
      Title: list.title,
      WriteSecurity: list.write_security,
      ...extra,
    },
    nav: {
      RootFolder: () => folderEntity(req, list),
      Fields: () => fieldsOf(req.deps.db, list.id).map((f) => fieldEntity(req, list, f)),
    },
  };
}

function listMissingByTitle(req: SpRequest, title: string): never {
  spFail(
    req.ctx,
    404,
    SP_ERR.argument,
    `List '${title}' does not exist at site with URL '${req.webUrl}'.`,
  );
}

function listMissingById(req: SpRequest): never {
  spFail(
    req.ctx,
    404,
    SP_ERR.argument,
    "List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.",
  );
}

function visible(req: SpRequest, list: ListRow | undefined): ListRow | undefined {
  return list && canSeeList(req.deps.db, req.me, list) ? list : undefined;
}

/** The list a `getByTitle('X')`, `getById('g')`, `('g')` / `(guid'g')` segment names. */
function resolveListSegment(req: SpRequest, seg: Segment): ListRow {
  const { db } = req.deps;
  if (seg.name === "getbytitle") {
    const title = stringArg(req.ctx, seg, "title");
    const list = visible(req, findList(db, { title }));
    if (!list) listMissingByTitle(req, title);
    return list;
  }
  if (seg.name === "getbyid" || seg.name === "lists") {
    const id = stringArg(req.ctx, seg, "id").replace(/^\{|\}$/g, "");
    const list = visible(req, findList(db, { id }));
    if (!list) listMissingById(req);
    return list;
  }
  badRequest(req.ctx, `The expression "${seg.raw}" is not valid.`);
}

/**
 * The list `web/getList('<server-relative or absolute url>')` names
 * (SP.Web.GetList, https://learn.microsoft.com/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest).
 * An unknown URL is SharePoint's 404 System.IO.FileNotFoundException.
 */
export function listByUrlRoute(req: SpRequest, seg: Segment, rest: Segment[]): HttpResponse {
  let url = stringArg(req.ctx, seg, "strurl");
  if (/^https?:\/\//i.test(url)) {
    try {
      url = decodeURIComponent(new URL(url).pathname);
    } catch {
      badRequest(req.ctx, `The URL '${url}' is not valid.`);
    }
  }
  const prefix = `${req.deps.sitePath}/Lists/`.toLowerCase();
  const path = url.replace(/\/+$/, "");
  const urlName = path.toLowerCase().startsWith(prefix) ? path.slice(prefix.length) : undefined;
  const list =
    urlName && !urlName.includes("/")
      ? visible(req, findList(req.deps.db, { urlName }))
      : undefined;
  if (!list) spFail(req.ctx, 404, SP_ERR.fileNotFound, "File Not Found.");
  return listRoute(req, list, rest);
}

function checkListBody(req: SpRequest, body: Record<string, unknown>): void {
  for (const k of Object.keys(body)) {
    if (k === "__metadata" || k.startsWith("odata.") || k.startsWith("@odata.")) continue;
    if (!LIST_PROPS.includes(k)) {
      badRequest(
        req.ctx,
        `The property '${k}' does not exist on type 'SP.List'. Make sure to only use property names that are defined by the type.`,
      );
    }
  }
  const sec = (k: string, allowed: number[]) => {
    const v = body[k];
    if (v !== undefined && (typeof v !== "number" || !allowed.includes(v))) {
      badRequest(req.ctx, `The value of ${k} must be one of ${allowed.join(", ")}.`);
    }
  };
  sec("ReadSecurity", [1, 2]);
  sec("WriteSecurity", [1, 2, 4]);
  for (const k of ["EnableVersioning", "AllowContentTypes", "ContentTypesEnabled"]) {
    if (body[k] !== undefined && typeof body[k] !== "boolean") {
      badRequest(
        req.ctx,
        `Cannot convert a primitive value to the expected type 'Edm.Boolean' (${k}).`,
      );
    }
  }
  for (const k of ["Title", "Description"]) {
    if (body[k] !== undefined && typeof body[k] !== "string") {
      badRequest(
        req.ctx,
        `Cannot convert a primitive value to the expected type 'Edm.String' (${k}).`,
      );
    }
  }
}

function titleTaken(req: SpRequest, title: string, exceptId?: string): void {
  const clash = findList(req.deps.db, { title });
  if (clash && clash.id !== exceptId) {
    spFail(
      req.ctx,
      500,
      SP_ERR.listExists,
      "A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.",
    );
  }
}

/** The URL segment SharePoint derives from a new list's title (characters a URL cannot hold dropped). */
function urlNameFor(req: SpRequest, title: string): string {
  const base =
    title
      .replace(/[~"#%&*:<>?/\\{|}\t\r\n]/g, "")
      .replace(/^[\s.]+|[\s.]+$/g, "")
      .replace(/\.{2,}/g, ".")
      .slice(0, 128) || "List";
  let candidate = base;
  for (let n = 1; findList(req.deps.db, { urlName: candidate }); n++) candidate = `${base}${n}`;
  return candidate;
}

function splitProps(body: Record<string, unknown>): Record<string, unknown> {
  const stored = new Set([
    "Title",
    "Description",
    "BaseTemplate",
    "ReadSecurity",
    "WriteSecurity",
    "EnableVersioning",
    "__metadata",
  ]);
  return Object.fromEntries(
    Object.entries(body).filter(([k]) => !stored.has(k) && !k.startsWith("odata.")),
  );
}

/**
 * `POST /_api/web/lists` with an SP.List body (PnPjs `lists.add` / `lists.ensure`, plain JSON):
 * 201 with the new list. Needs Manage Lists on the web and AllSites.Manage
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest).
 */
function createList(req: SpRequest): HttpResponse {
  demand(req, "Manage", PermissionKind.ManageLists);
  const body = jsonBody(req.ctx);
  checkListBody(req, body);
  const title = typeof body.Title === "string" ? body.Title.trim() : "";
  if (title === "") badRequest(req.ctx, "The parameter Title is required: a list needs a title.");
  if (title.length > 255) badRequest(req.ctx, "A list title can be at most 255 characters.");
  const template = body.BaseTemplate ?? 100;
  if (typeof template !== "number" || !Number.isInteger(template)) {
    badRequest(req.ctx, "BaseTemplate must be an integer list template type (100 = custom list).");
  }
  titleTaken(req, title);
  const { db } = req.deps;
  const id = crypto.randomUUID();
  const now = spDate(req.deps.now());
  transaction(db, () => {
    sql(
      db,
      `INSERT INTO sp_lists (id, url_name, title, description, base_template, read_security, write_security,
         enable_versioning, has_unique_perms, created, last_item_modified, next_item_id, extra)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, ?)`,
    ).run(
      id,
      urlNameFor(req, title),
      title,
      typeof body.Description === "string" ? body.Description : "",
      template,
      typeof body.ReadSecurity === "number" ? body.ReadSecurity : 1,
      typeof body.WriteSecurity === "number" ? body.WriteSecurity : 1,
      body.EnableVersioning === true ? 1 : 0,
      now,
      now,
      JSON.stringify(splitProps(body)),
    );
    createBuiltinFields(req, id);
  });
  const list = findList(db, { id }) as ListRow;
  return entityResponse(req.ctx, req.deps.sitePath, listEntity(req, list), {
    status: 201,
    set: "SP.ApiData.Lists",
  });
}

/**
 * Item-level permissions (ReadSecurity or WriteSecurity other than 1) are refused on a list with
 * a column that enforces unique values: SharePoint supports unique columns only on lists
 * without item-level permissions ("Enforcing Uniqueness in Column Values", SharePoint 2010 SDK, https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ee536168(v=office.14),
 * still so in SharePoint Online, whose list settings offer neither with the other). The
 * wording is this server's: no capture of SharePoint Online's text was found.
 */
function refuseItemLevelWithUniqueColumn(
  req: SpRequest,
  list: ListRow,
  body: Record<string, unknown>,
): void {
  const read = typeof body.ReadSecurity === "number" ? body.ReadSecurity : list.read_security;
  const write = typeof body.WriteSecurity === "number" ? body.WriteSecurity : list.write_security;
  if ((read === 1 && write === 1) || !hasUniqueColumn(req.deps.db, list.id)) return;
  spFail(
    req.ctx,
    500,
    SP_ERR.spException,
    "Item-level permissions cannot be set on a list that has a column enforcing unique values. Stop enforcing unique values on the column first.",
  );
}

/**
 * MERGE on a list (PnPjs `list.update`, `IF-Match: *`): 204 with no body. Needs Manage Lists on
 * the list and AllSites.Manage.
 */
function updateList(req: SpRequest, list: ListRow): HttpResponse {
  demand(req, "Manage", PermissionKind.ManageLists, list);
  const body = jsonBody(req.ctx);
  checkListBody(req, body);
  refuseItemLevelWithUniqueColumn(req, list, body);
  if (body.BaseTemplate !== undefined && body.BaseTemplate !== list.base_template) {
    badRequest(req.ctx, "The template of an existing list cannot be changed.");
  }
  let title = list.title;
  if (typeof body.Title === "string") {
    title = body.Title.trim();
    if (title === "") badRequest(req.ctx, "The parameter Title cannot be empty.");
    titleTaken(req, title, list.id);
  }
  const extra = { ...extraOf(list), ...splitProps(body) };
  sql(
    req.deps.db,
    `UPDATE sp_lists SET title = ?, description = ?, read_security = ?, write_security = ?,
         enable_versioning = ?, extra = ? WHERE id = ?`,
  ).run(
    title,
    typeof body.Description === "string" ? body.Description : list.description,
    typeof body.ReadSecurity === "number" ? body.ReadSecurity : list.read_security,
    typeof body.WriteSecurity === "number" ? body.WriteSecurity : list.write_security,
    typeof body.EnableVersioning === "boolean"
      ? Number(body.EnableVersioning)
      : list.enable_versioning,
    JSON.stringify(extra),
    list.id,
  );
  return { status: 204 };
}

/**
 * DELETE on a list: the list, its fields, items and own role assignments go. Needs Manage Lists
 * on the list and AllSites.Manage.
 */
function deleteList(req: SpRequest, list: ListRow): HttpResponse {
  demand(req, "Manage", PermissionKind.ManageLists, list);
  const { db } = req.deps;
  transaction(db, () => {
    sql(db, "DELETE FROM sp_role_assignments WHERE scope = ?").run(list.id);
    clearAllItemScopes(db, list.id);
    sql(db, "DELETE FROM sp_items WHERE list_id = ?").run(list.id);
    sql(db, "DELETE FROM sp_fields WHERE list_id = ?").run(list.id);
    sql(db, "DELETE FROM sp_lists WHERE id = ?").run(list.id);
  });
  return { status: 200 };
}

/** Segments below an item that address it as a securable object. */
const ITEM_SECURABLE = new Set([
  "breakroleinheritance",
  "resetroleinheritance",
  "roleassignments",
  "effectivebasepermissions",
]);

/**
 * `items(<id>)/<rest>` or `items/getbyid(<id>)/<rest>` when `<rest>` addresses the item's
 * permissions; else undefined (the item routes take it).
 */
function itemSecurableTarget(
  head: Segment,
  more: Segment[],
): { id: number; seg: Segment; rest: Segment[] } | undefined {
  let id: unknown;
  let after: Segment[];
  if (head.hasParens) {
    id = head.positional[0];
    after = more;
  } else if (more[0]?.name === "getbyid") {
    id = more[0].positional[0];
    after = more.slice(1);
  } else return undefined;
  const [seg, ...rest] = after;
  if (typeof id !== "number" || !Number.isInteger(id) || !seg || !ITEM_SECURABLE.has(seg.name)) {
    return undefined;
  }
  return { id, seg, rest };
}

/** The permission routes of one item (permissions.ts), for an item the caller can read. */
function itemSecurableRoute(
  req: SpRequest,
  list: ListRow,
  target: { id: number; seg: Segment; rest: Segment[] },
): HttpResponse {
  const { ctx, deps } = req;
  requireScope(ctx, "Read");
  if (!canReadItem(deps.db, req.me, list, target.id)) {
    fail(formatOf(header(ctx.headers, "accept")), 404, CODES.argument, MESSAGES.itemMissing);
  }
  const { id, seg, rest } = target;
  switch (seg.name) {
    case "roleassignments":
      return roleAssignmentsRoute(req, list, seg, rest, id);
    case "breakroleinheritance":
      return breakInheritance(req, list, seg, id);
    case "resetroleinheritance":
      return resetInheritance(req, list, id);
    default:
      return effectivePermissionsRoute(req, list, id);
  }
}

/** Everything addressed below one list. */
export function listRoute(req: SpRequest, list: ListRow, rest: Segment[]): HttpResponse {
  const { ctx, deps } = req;
  const [head, ...more] = rest;
  if (!head) {
    switch (ctx.method) {
      case "GET":
        requireScope(ctx, "Read");
        return entityResponse(ctx, deps.sitePath, listEntity(req, list), {
          set: "SP.ApiData.Lists",
        });
      case "MERGE":
      case "PATCH":
        return updateList(req, list);
      case "DELETE":
        return deleteList(req, list);
      default:
        badRequest(ctx, `The HTTP method '${ctx.method}' is not supported on a list.`);
    }
  }
  switch (head.name) {
    case "items": {
      const securable = itemSecurableTarget(head, more);
      if (securable) return itemSecurableRoute(req, list, securable);
      // The item routes decode their subpath themselves: hand it over percent-safe.
      const sub = [head.raw.slice("items".length), ...more.map((s) => s.raw)]
        .join("/")
        .replace(/%/g, "%25");
      return itemsRoute(deps, ctx, req.me, list, sub);
    }
    case "fields":
      return fieldsRoute(req, list, head, more);
    case "roleassignments":
      return roleAssignmentsRoute(req, list, head, more);
    case "breakroleinheritance":
      return breakInheritance(req, list, head);
    case "resetroleinheritance":
      return resetInheritance(req, list);
    case "effectivebasepermissions":
      return effectivePermissionsRoute(req, list);
    case "rootfolder":
      if (more.length === 0 && ctx.method === "GET") {
        requireScope(ctx, "Read");
        return entityResponse(ctx, deps.sitePath, folderEntity(req, list));
      }
      break;
    case "recycle":
      if (ctx.method === "POST") {
        deleteList(req, list);
        return voidResponse(ctx, "Recycle");
      }
      break;
    default:
      break;
  }
  badRequest(ctx, `The expression "${head.raw}" is not valid.`);
}

/**
 * `/_api/web/lists[...]`: GET the lists the caller can see (`$select`, `$filter`, `$top`),
 * POST a new list, or one list by `getByTitle('X')`, `getById('g')`, `('g')`, `(guid'g')`
 * (SP.ListCollection,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531433(v=office.15)).
 * `seg` is the `lists` segment (it may carry an indexer).
 */
export function listsRoute(req: SpRequest, seg: Segment, rest: Segment[]): HttpResponse {
  const { ctx, deps } = req;
  if (seg.hasParens) return listRoute(req, resolveListSegment(req, seg), rest);
  const [head, ...more] = rest;
  if (!head) {
    if (ctx.method === "GET") {
      demand(req, "Read", PermissionKind.Open);
      const lists = (sql(deps.db, "SELECT * FROM sp_lists ORDER BY title").all() as ListRow[])
        .filter((l) => canSeeList(deps.db, req.me, l))
        .map((l) => listEntity(req, l));
      return collectionResponse(ctx, deps.sitePath, filterEntities(ctx, lists), "SP.ApiData.Lists");
    }
    if (ctx.method === "POST") return createList(req);
    badRequest(ctx, `The HTTP method '${ctx.method}' is not supported on the list collection.`);
  }
  return listRoute(req, resolveListSegment(req, head), more);
}
