import type Database from "better-sqlite3";

import type { ApiDeps } from "../api.js";
import { findUserByUpn } from "../directory.js";
import { header, HttpError, type HttpResponse, type RequestContext } from "../http.js";
import { sql } from "../store.js";
import {
  CODES,
  CONTENT_TYPE,
  fail,
  formatOf,
  MESSAGES,
  type ODataFormat,
  spErrorResponse,
} from "./item-errors.js";
import {
  fieldByName,
  type FieldDef,
  findItem,
  itemsOf,
  itemsVersion,
  type ListFields,
  loadFields,
  type ParsedItem,
  writeItems,
} from "./item-store.js";
import { kept } from "./meta-cache.js";
import {
  clearItemScope,
  effectiveMask,
  findList,
  hasPermission,
  hasUniqueItemPerms,
  itemMaskResolver,
  type ListRow,
  type Mask,
  PermissionKind,
  type PermissionKindValue,
  type PrincipalRow,
} from "./model.js";
import {
  compareValues,
  evaluateFilter,
  fieldPaths,
  type FilterExpr,
  firstClause,
  firstClauseField,
  ODataQueryError,
  type OrderKey,
  parseFilter,
  parseOrderBy,
  parsePathList,
} from "./odata-query.js";
import { scopeAllows, type SharePointScope } from "./permissions.js";

/** SharePoint Online's list view threshold and its largest page. */
const THRESHOLD = 5000;
const DEFAULT_PAGE = 100;

type Json = Record<string, unknown>;

interface LookupTarget {
  list: ListRow;
  fields: ListFields;
  /** Every item: what a written lookup id is checked against. */
  items: ParsedItem[];
  /**
   * The item if the caller may read it: none without View Items on the target list, only their
   * own under its ReadSecurity 2 (unless they may override list behaviors). Projections
   * (`$expand`, `$select=Area/Title`, `$filter` on them) read only these, so a lookup never
   * shows what the target list itself would hide.
   */
  readable: (id: number) => ParsedItem | undefined;
}

/** Everything one item request needs, resolved once. */
interface Scope {
  deps: ApiDeps;
  ctx: RequestContext;
  me: PrincipalRow;
  list: ListRow;
  fields: ListFields;
  fmt: ODataFormat;
  /** The caller's permissions on the list (SP.BasePermissions). */
  listMask: Mask;
  /** The caller's permissions on one item: its own scope when it has unique permissions. */
  itemMask: (itemId: number) => Mask;
  siteUrl: string;
  principals?: ReadonlyMap<number, PrincipalRow>;
  targets: Map<string, LookupTarget | undefined>;
}

/**
 * Item routes of one list: `.../items`, `.../items(<id>)`, `.../items/getById(<id>)`, with the
 * rest of the path after `items` in `subpath` (e.g. "", "(3)"). Called by the router in index.ts.
 *
 * - `GET .../items` mimics SharePoint REST's list item collection with `$select`, `$expand`,
 *   `$filter`, `$orderby`, `$top` and `$skiptoken` paging
 *   (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest,
 *   https://learn.microsoft.com/sharepoint/dev/sp-add-ins/use-odata-query-operations-in-sharepoint-rest-requests);
 * - `POST .../items` adds an item;
 * - `GET .../items(<id>)` reads one, `POST` + `X-HTTP-Method: MERGE` + `IF-Match` updates it,
 *   `POST` + `X-HTTP-Method: DELETE` deletes it (same page).
 *
 * Permissions, as SharePoint Online checks them (SP.PermissionKind,
 * https://learn.microsoft.com/sharepoint/understanding-permission-levels): reading needs View
 * Items (and AllSites.Read), adding Add Items, changing Edit Items, deleting Delete Items (each
 * with AllSites.Write), on the item's own permissions when it has them, else the list's. The
 * list's item-level permissions (ReadSecurity / WriteSecurity = 2: only one's own items; 4: no
 * writes) are passed only by Override List Behaviors (SP.PermissionKind.CancelCheckout), which
 * Design and Full Control have and Edit does not
 * (https://learn.microsoft.com/previous-versions/office/sharepoint-server/ms412690(v=office.15)).
 */
export function itemsRoute(
  deps: ApiDeps,
  ctx: RequestContext,
  me: PrincipalRow,
  list: ListRow,
  subpath: string,
): HttpResponse {
  const fmt = formatOf(header(ctx.headers, "accept"));
  try {
    const listMask = effectiveMask(deps.db, me, list);
    const scope: Scope = {
      deps,
      ctx,
      me,
      list,
      fields: loadFields(deps.db, list),
      fmt,
      listMask,
      itemMask: itemMaskResolver(deps.db, me, list, listMask),
      siteUrl: `${ctx.origin}${deps.sitePath}`,
      targets: new Map(),
    };
    return route(scope, subpath);
  } catch (e) {
    if (e instanceof HttpError) return e.response;
    if (e instanceof ODataQueryError)
      return spErrorResponse(fmt, 400, CODES.invalidQuery, `The query is not valid. ${e.message}`);
    throw e;
  }
}

function route(s: Scope, subpath: string): HttpResponse {
  const method = s.ctx.method;
  const path = subpath;
  if (path === "" || path === "/") {
    if (method === "GET") return listItems(s);
    if (method === "POST") return addItem(s);
    return notAllowed(s);
  }
  const m = /^(?:\((\d+)\)|\/getbyid\((\d+)\))(\/.*)?$/i.exec(path);
  if (!m) {
    fail(s.fmt, 404, CODES.invalidQuery, `Cannot find resource for the request items${path}.`);
  }
  const id = Number(m[1] ?? m[2]);
  if (m[3] && m[3] !== "/") {
    fail(s.fmt, 404, CODES.invalidQuery, `Cannot find resource segment '${m[3].slice(1)}'.`);
  }
  if (method === "GET") return getItem(s, id);
  if (method === "MERGE" || method === "PATCH" || method === "PUT") return updateItem(s, id);
  if (method === "DELETE") return deleteItem(s, id);
  return notAllowed(s);
}

function notAllowed(s: Scope): never {
  fail(
    s.fmt,
    405,
    CODES.invalidQuery,
    `The HTTP method '${s.ctx.method}' cannot be used on this resource.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Permissions

function denied(s: Scope): never {
  fail(s.fmt, 403, CODES.accessDenied, MESSAGES.accessDenied);
}

function itemMissing(s: Scope): never {
  // SharePoint Online answers a missing item with 404 and this text; the CLI for Microsoft 365
  // replays it in its tests (pnp/cli-microsoft365, spo app remove).
  fail(s.fmt, 404, CODES.argument, MESSAGES.itemMissing);
}

/** 403 unless the token carries `scope` and the mask grants `kind`. */
function need(s: Scope, scope: SharePointScope, mask: Mask, kind: PermissionKindValue): void {
  if (!scopeAllows(s.ctx.scopes, scope) || !hasPermission(mask, kind)) denied(s);
}

/** Override List Behaviors (shown as such in SharePoint; SP.PermissionKind.CancelCheckout). */
function overrides(mask: Mask): boolean {
  return hasPermission(mask, PermissionKind.CancelCheckout);
}

/**
 * Whether a user with `mask` on the item sees it: View Items, and under ReadSecurity 2 only
 * the items they created unless they may override list behaviors.
 */
function seesItem(list: ListRow, me: PrincipalRow, mask: Mask, authorId: number): boolean {
  if (!hasPermission(mask, PermissionKind.ViewListItems)) return false;
  return list.read_security !== 2 || authorId === me.id || overrides(mask);
}

function canSee(s: Scope, item: ParsedItem): boolean {
  return seesItem(s.list, s.me, s.itemMask(item.id), item.authorId);
}

/**
 * Whether the user may read one item of the list, as the item routes decide it (unique item
 * permissions, ReadSecurity). For the routes below an item (its role assignments).
 */
export function canReadItem(
  db: Database.Database,
  me: PrincipalRow,
  list: ListRow,
  itemId: number,
): boolean {
  const item = findItem(itemsOf(db, list.id), itemId);
  if (!item) return false;
  return seesItem(list, me, effectiveMask(db, me, list, itemId), item.authorId);
}

/**
 * Adding needs Add Items on the list; changing an item Edit Items, deleting it Delete Items, on
 * the item (its own permissions when it has them). Without Override List Behaviors,
 * WriteSecurity 2 limits writes to one's own items and 4 allows none.
 */
function assertCanWrite(s: Scope, kind: PermissionKindValue, item?: ParsedItem): void {
  const mask = item ? s.itemMask(item.id) : s.listMask;
  need(s, "Write", mask, kind);
  if (overrides(mask)) return;
  if (s.list.write_security === 4) denied(s);
  if (item && s.list.write_security === 2 && item.authorId !== s.me.id) denied(s);
}

// ---------------------------------------------------------------------------------------------
// Names and metadata

/** `SP.Data.<Name>ListItem`: SharePoint encodes `_` and spaces in the list's URL name. */
function entityName(urlName: string): string {
  const encoded = urlName.replace(/_/g, "_x005f_").replace(/ /g, "_x0020_");
  return `${encoded.charAt(0).toUpperCase()}${encoded.slice(1)}`;
}

function itemTypeName(list: ListRow): string {
  return `SP.Data.${entityName(list.url_name)}ListItem`;
}

function editLink(list: ListRow, id: number): string {
  return `Web/Lists(guid'${list.id}')/Items(${id})`;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function etagOf(item: ParsedItem): string {
  return `"${item.version}"`;
}

function principalsOf(s: Scope): ReadonlyMap<number, PrincipalRow> {
  if (!s.principals) {
    const db = s.deps.db;
    s.principals = kept(db, "principals", () => {
      const rows = sql(db, "SELECT * FROM sp_principals").all() as PrincipalRow[];
      return new Map(rows.map((r) => [r.id, r]));
    });
  }
  return s.principals;
}

function targetOf(s: Scope, f: FieldDef): LookupTarget | undefined {
  const key = f.lookupList ?? "";
  if (s.targets.has(key)) return s.targets.get(key);
  const db = s.deps.db;
  const list =
    key === ""
      ? undefined
      : (findList(db, { id: key }) ??
        findList(db, { title: key }) ??
        findList(db, { urlName: key }));
  let target: LookupTarget | undefined;
  if (list) {
    const items = itemsOf(db, list.id);
    const listMask = effectiveMask(db, s.me, list);
    const itemMask = itemMaskResolver(db, s.me, list, listMask);
    const mayView = hasPermission(listMask, PermissionKind.ViewListItems);
    const readable = (id: number): ParsedItem | undefined => {
      const item = mayView ? findItem(items, id) : undefined;
      return item && seesItem(list, s.me, itemMask(item.id), item.authorId) ? item : undefined;
    };
    target = { list, fields: loadFields(db, list), items, readable };
  }
  s.targets.set(key, target);
  return target;
}

// ---------------------------------------------------------------------------------------------
// Reading values

function idsOf(item: ParsedItem, f: FieldDef): number[] {
  if (f.internalName === "Author") return [item.authorId];
  if (f.internalName === "Editor") return [item.editorId];
  const v = item.data[f.storageKey];
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === "number");
  return typeof v === "number" ? [v] : [];
}

/** The stored value of a plain column (ID, dates and GUID included). */
function plainValue(item: ParsedItem, f: FieldDef): unknown {
  switch (f.internalName) {
    case "ID":
      return item.id;
    case "Created":
      return item.created;
    case "Modified":
      return item.modified;
    default: {
      const v = item.data[f.storageKey];
      return v === undefined ? null : v;
    }
  }
}

const USER_PROPS = [
  "Id",
  "ID",
  "Title",
  "Name",
  "EMail",
  "UserName",
  "FirstName",
  "LastName",
  "JobTitle",
  "Department",
  "Office",
  "SipAddress",
  "IsSiteAdmin",
] as const;

function userProp(p: PrincipalRow, prop: string): unknown {
  const demo = p.upn ? findUserByUpn(p.upn) : undefined;
  switch (prop.toLowerCase()) {
    case "id":
      return p.id;
    case "title":
      return p.title;
    case "name":
      return p.login_name;
    case "email":
      return p.email;
    case "username":
      return p.upn || null;
    case "firstname":
      return demo?.givenName ?? null;
    case "lastname":
      return demo?.surname ?? null;
    case "jobtitle":
      return demo?.jobTitle ?? null;
    case "department":
      return demo?.department ?? null;
    case "office":
      return null;
    case "sipaddress":
      return p.email || null;
    case "issiteadmin":
      return p.is_site_admin === 1;
    default:
      return undefined;
  }
}

function canonicalUserProp(s: Scope, prop: string): string {
  const found = USER_PROPS.find((p) => p.toLowerCase() === prop.toLowerCase());
  if (!found)
    fail(s.fmt, 400, CODES.spException, `The field or property '${prop}' does not exist.`);
  return found;
}

/** A value seen through a person/lookup column: `Owner/EMail`, `Area/Title`, `Area/Id`. */
function projected(s: Scope, f: FieldDef, id: number, prop: string): unknown {
  if (prop.toLowerCase() === "id") return id;
  if (f.kind === "user") {
    const p = principalsOf(s).get(id);
    return p ? userProp(p, prop) : null;
  }
  const target = targetOf(s, f);
  const item = target?.readable(id);
  if (!target || !item) return null;
  const tf = fieldByName(target.fields, prop);
  if (!tf) return null;
  if (tf.kind === "user" || tf.kind === "lookup") {
    const ids = idsOf(item, tf);
    return tf.multi ? ids : (ids[0] ?? null);
  }
  return plainValue(item, tf);
}

/** Resolves `$filter` / `$orderby` paths against one item. */
function resolverFor(s: Scope, item: ParsedItem) {
  return (path: string[]): unknown => {
    const name = path[0] as string;
    const f = fieldByName(s.fields, name) as FieldDef;
    if (f.kind === "user" || f.kind === "lookup") {
      const ids = idsOf(item, f);
      const sub =
        path[1] ??
        (name.toLowerCase() === f.internalName.toLowerCase()
          ? f.kind === "user"
            ? "Title"
            : f.lookupField
          : "Id");
      const values = ids.map((id) => projected(s, f, id, sub));
      return f.multi ? values : (values[0] ?? null);
    }
    return plainValue(item, f);
  };
}

function columnMissing(s: Scope, name: string): never {
  fail(
    s.fmt,
    400,
    CODES.argument,
    `Column '${name}' does not exist. It may have been deleted by another user.`,
  );
}

function assertColumns(s: Scope, paths: string[][]): void {
  for (const p of paths) {
    const f = fieldByName(s.fields, p[0] as string);
    if (!f) columnMissing(s, p.join("/"));
    if (p.length > 2 || (p.length === 2 && f.kind !== "user" && f.kind !== "lookup"))
      columnMissing(s, p.join("/"));
    const prop = p[1];
    if (prop === undefined || prop.toLowerCase() === "id") continue;
    // A projection must name a property of the user or a column of the lookup's list;
    // otherwise SharePoint refuses the query instead of matching nothing.
    if (f.kind === "user") canonicalUserProp(s, prop);
    else {
      const target = targetOf(s, f);
      if (target && !fieldByName(target.fields, prop)) columnMissing(s, p.join("/"));
    }
  }
}

function isIndexedPath(s: Scope, path: string[]): boolean {
  return fieldByName(s.fields, path[0] as string)?.indexed ?? false;
}

// ---------------------------------------------------------------------------------------------
// Writing JSON

interface Selection {
  /** undefined = every column (no `$select`, or `*`). */
  paths?: string[][];
  /** Lower-case names of expanded person/lookup columns → their field. */
  expanded: Map<string, FieldDef>;
}

function parseSelection(s: Scope): Selection {
  const q = s.ctx.url.searchParams;
  const expanded = new Map<string, FieldDef>();
  const expandSrc = q.get("$expand");
  if (expandSrc) {
    for (const p of parsePathList(expandSrc)) {
      const f = fieldByName(s.fields, p[0] as string);
      if (!f || p.length > 1)
        fail(
          s.fmt,
          400,
          CODES.spException,
          `The field or property '${p.join("/")}' does not exist.`,
        );
      if (f.kind !== "user" && f.kind !== "lookup")
        fail(
          s.fmt,
          400,
          CODES.spException,
          `The field '${f.internalName}' of type '${f.kind}' cannot be expanded.`,
        );
      expanded.set(f.internalName.toLowerCase(), f);
    }
  }
  const selectSrc = q.get("$select");
  if (!selectSrc) return { expanded };
  const paths = parsePathList(selectSrc);
  for (const p of paths) {
    if (p[0] === "*") continue;
    const f = fieldByName(s.fields, p[0] as string);
    if (!f && !EXTRA_PROPS.has((p[0] as string).toLowerCase()))
      fail(s.fmt, 400, CODES.spException, `The field or property '${p[0]}' does not exist.`);
    if (p.length > 1) {
      if (!f || !expanded.has(f.internalName.toLowerCase())) {
        // SharePoint refuses a projection of a column that is not expanded.
        fail(
          s.fmt,
          400,
          CODES.spException,
          `The query to field '${p.join("/")}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${p[0]}.`,
        );
      }
      if (f.kind === "user" && p[1] !== "*") canonicalUserProp(s, p[1] as string);
    }
  }
  if (paths.some((p) => p.length === 1 && p[0] === "*")) return { expanded };
  return { paths, expanded };
}

/** Item properties that are not columns but SharePoint returns on every item. */
const EXTRA_PROPS = new Map<string, string>([
  ["filesystemobjecttype", "FileSystemObjectType"],
  ["contenttypeid", "ContentTypeId"],
  ["attachments", "Attachments"],
  ["odata__uiversionstring", "OData__UIVersionString"],
  ["serverredirectedembeduri", "ServerRedirectedEmbedUri"],
  ["serverredirectedembedurl", "ServerRedirectedEmbedUrl"],
  // SP.SecurableObject: only when selected, as SharePoint returns it.
  ["hasuniqueroleassignments", "HasUniqueRoleAssignments"],
]);

function extraValue(item: ParsedItem, canonical: string): unknown {
  switch (canonical) {
    case "FileSystemObjectType":
      return 0;
    case "ContentTypeId":
      return "0x0100";
    case "Attachments":
      return false;
    case "OData__UIVersionString":
      return `${item.version}.0`;
    case "ServerRedirectedEmbedUri":
      return null;
    default:
      return "";
  }
}

function collection(s: Scope, type: string, values: unknown[]): unknown {
  return s.fmt === "verbose"
    ? { __metadata: { type: `Collection(${type})` }, results: values }
    : values;
}

/** A column's value in the item JSON under its own key(s). */
function writeColumn(s: Scope, out: Json, item: ParsedItem, f: FieldDef): void {
  if (f.kind === "user" || f.kind === "lookup") {
    const ids = idsOf(item, f);
    if (f.multi) {
      out[`${f.internalName}Id`] = collection(s, "Edm.Int32", ids);
      if (f.kind === "user")
        out[`${f.internalName}StringId`] = collection(s, "Edm.String", ids.map(String));
    } else {
      out[`${f.internalName}Id`] = ids[0] ?? null;
      if (f.kind === "user" && !["Author", "Editor"].includes(f.internalName))
        out[`${f.internalName}StringId`] = ids[0] === undefined ? null : String(ids[0]);
    }
    return;
  }
  if (f.internalName === "ID") {
    out.ID = item.id;
    return;
  }
  const v = plainValue(item, f);
  out[f.internalName] =
    f.kind === "multichoice" && Array.isArray(v) ? collection(s, "Edm.String", v) : v;
}

function expandedObject(s: Scope, f: FieldDef, id: number, props: string[] | undefined): Json {
  const out: Json = {};
  if (f.kind === "user") {
    const p = principalsOf(s).get(id);
    const meta = {
      type: "SP.Data.UserInfoItem",
      id: `${s.siteUrl}/_api/Web/SiteUserInfoList/Items(${id})`,
    };
    if (s.fmt === "verbose") out.__metadata = { ...meta, uri: meta.id };
    else if (s.fmt === "minimal") {
      out["odata.type"] = meta.type;
      out["odata.id"] = meta.id;
    }
    for (const prop of props ?? ["Id", "Title", "EMail"]) {
      const canonical = canonicalUserProp(s, prop);
      out[canonical] = p ? userProp(p, canonical) : null;
    }
    return out;
  }
  const target = targetOf(s, f);
  if (target) {
    const meta = {
      type: itemTypeName(target.list),
      id: `${s.siteUrl}/_api/${editLink(target.list, id)}`,
    };
    if (s.fmt === "verbose") out.__metadata = { ...meta, uri: meta.id };
    else if (s.fmt === "minimal") {
      out["odata.type"] = meta.type;
      out["odata.id"] = meta.id;
    }
  }
  for (const prop of props ?? ["Id", f.lookupField]) {
    const tf = target ? fieldByName(target.fields, prop) : undefined;
    const key =
      prop.toLowerCase() === "id"
        ? prop === "ID"
          ? "ID"
          : "Id"
        : tf
          ? prop.toLowerCase().endsWith("id") && (tf.kind === "user" || tf.kind === "lookup")
            ? `${tf.internalName}Id`
            : tf.internalName
          : prop;
    if (prop.toLowerCase() !== "id" && !tf)
      fail(s.fmt, 400, CODES.spException, `The field or property '${prop}' does not exist.`);
    out[key] = projected(s, f, id, prop);
  }
  return out;
}

function writeExpanded(
  s: Scope,
  out: Json,
  item: ParsedItem,
  f: FieldDef,
  props: string[] | undefined,
): void {
  const ids = idsOf(item, f);
  const objects = ids.map((id) => expandedObject(s, f, id, props));
  if (f.multi) out[f.internalName] = s.fmt === "verbose" ? { results: objects } : objects;
  else out[f.internalName] = objects[0] ?? null;
}

function metadata(s: Scope, item: ParsedItem): Json {
  const guid = typeof item.data.GUID === "string" ? item.data.GUID : "";
  if (s.fmt === "verbose") {
    return {
      __metadata: {
        id: `${s.siteUrl}/_api/${editLink(s.list, item.id)}`,
        uri: `${s.siteUrl}/_api/${editLink(s.list, item.id)}`,
        etag: etagOf(item),
        type: itemTypeName(s.list),
      },
    };
  }
  if (s.fmt === "nometadata") return {};
  return {
    "odata.type": itemTypeName(s.list),
    "odata.id": guid,
    "odata.etag": etagOf(item),
    "odata.editLink": editLink(s.list, item.id),
  };
}

/** The item as SharePoint Online serialises it for the given `$select` / `$expand`. */
function itemJson(s: Scope, item: ParsedItem, sel: Selection): Json {
  const out = metadata(s, item);
  if (!sel.paths) {
    // Property order as SharePoint Online returns a custom list's item.
    out.FileSystemObjectType = 0;
    out.Id = item.id;
    out.ServerRedirectedEmbedUri = null;
    out.ServerRedirectedEmbedUrl = "";
    out.ContentTypeId = "0x0100";
    for (const f of s.fields.writable) writeColumn(s, out, item, f);
    for (const name of ["ID", "Modified", "Created", "Author", "Editor"]) {
      const f = fieldByName(s.fields, name);
      if (f) writeColumn(s, out, item, f);
    }
    out.OData__UIVersionString = `${item.version}.0`;
    out.Attachments = false;
    out.GUID = item.data.GUID ?? null;
    for (const f of sel.expanded.values()) writeExpanded(s, out, item, f, undefined);
    return out;
  }
  const subProps = new Map<string, string[]>();
  for (const p of sel.paths) {
    if (p.length === 2 && p[1] !== "*") {
      const key = (p[0] as string).toLowerCase();
      const f = fieldByName(s.fields, key) as FieldDef;
      const list = subProps.get(f.internalName.toLowerCase()) ?? [];
      list.push(p[1] as string);
      subProps.set(f.internalName.toLowerCase(), list);
    }
  }
  const done = new Set<string>();
  for (const p of sel.paths) {
    const name = p[0] as string;
    const lower = name.toLowerCase();
    const extra = EXTRA_PROPS.get(lower);
    if (extra) {
      out[extra] =
        extra === "HasUniqueRoleAssignments"
          ? hasUniqueItemPerms(s.deps.db, s.list.id, item.id)
          : extraValue(item, extra);
      continue;
    }
    const f = fieldByName(s.fields, name) as FieldDef;
    const fLower = f.internalName.toLowerCase();
    if (sel.expanded.has(fLower) && (p.length === 2 || lower === fLower)) {
      if (done.has(fLower)) continue;
      done.add(fLower);
      writeExpanded(s, out, item, f, subProps.get(fLower));
      continue;
    }
    if (f.internalName === "ID") {
      // `Id` and `ID` are both the item id; SharePoint answers under the name asked for.
      out[name === "ID" ? "ID" : "Id"] = item.id;
      continue;
    }
    if (f.kind === "user" || f.kind === "lookup") {
      const ids = idsOf(item, f);
      const asked = lower.endsWith("stringid") ? "StringId" : "Id";
      const values = asked === "StringId" ? ids.map(String) : ids;
      out[`${f.internalName}${asked}`] = f.multi
        ? collection(s, asked === "Id" ? "Edm.Int32" : "Edm.String", values)
        : (values[0] ?? null);
      continue;
    }
    writeColumn(s, out, item, f);
  }
  // Expanded columns asked for only through `$expand` still come back when selected with `*`.
  return out;
}

/**
 * The answers' item JSON, kept as UTF-8 bytes per item and per request shape, so that reading
 * the same items again does not build and serialise them again. An entry is keyed by the item
 * object (a write puts a new object in its place) and holds one serialisation per shape: the
 * format, the site URL, `$select` and `$expand` as sent, and, when a lookup column is expanded
 * (whose target items the caller may or may not see), the caller and the version of each
 * target list's items. Everything else the JSON is made of (the columns, the site users, the
 * permissions) is metadata: the store is dropped whenever metadata changes (meta-cache.ts).
 * Each item keeps at most {@link SHAPES_PER_ITEM} shapes, the oldest dropped first.
 */
type ItemBytes = WeakMap<ParsedItem, Map<string, Buffer>>;
const SHAPES_PER_ITEM = 4;

function itemBytesStore(s: Scope): ItemBytes {
  return kept(s.deps.db, `item-bytes:${s.list.id}`, (): ItemBytes => new WeakMap());
}

/** What, besides the item itself, its JSON for this request depends on (see {@link ItemBytes}). */
function shapeOf(s: Scope, sel: Selection): string {
  const q = s.ctx.url.searchParams;
  const parts = [s.fmt, s.siteUrl, q.get("$select") ?? "", q.get("$expand") ?? ""];
  let lookups = false;
  for (const f of sel.expanded.values()) {
    if (f.kind !== "lookup") continue;
    lookups = true;
    const target = targetOf(s, f);
    parts.push(target ? `${target.list.id}@${itemsVersion(s.deps.db, target.list.id)}` : "");
  }
  if (lookups) parts.push(`as ${s.me.id}`);
  return parts.join("\u0000");
}

/** The item's JSON as {@link itemJson} builds it, serialised; kept per shape. */
function itemBytes(
  s: Scope,
  store: ItemBytes,
  shape: string,
  item: ParsedItem,
  sel: Selection,
): Buffer {
  let shapes = store.get(item);
  const hit = shapes?.get(shape);
  if (hit) return hit;
  const bytes = Buffer.from(JSON.stringify(itemJson(s, item, sel)), "utf8");
  if (!shapes) {
    shapes = new Map();
    store.set(item, shapes);
  } else if (shapes.size >= SHAPES_PER_ITEM) {
    shapes.delete(shapes.keys().next().value as string);
  }
  shapes.set(shape, bytes);
  return bytes;
}

const utf8 = (text: string) => Buffer.from(text, "utf8");

function jsonAnswer(s: Scope, status: number, body: unknown, extra: Record<string, string> = {}) {
  return { status, headers: { "Content-Type": CONTENT_TYPE[s.fmt], ...extra }, body };
}

// ---------------------------------------------------------------------------------------------
// GET items

interface SkipKey {
  id: number;
  values: unknown[];
  previous: boolean;
}

function sortValueKind(s: Scope, path: string[]): "number" | "boolean" | "string" {
  const f = fieldByName(s.fields, path[0] as string) as FieldDef;
  const viaId =
    (path.length === 2 && path[1]?.toLowerCase() === "id") ||
    (path.length === 1 && f.internalName.toLowerCase() !== (path[0] as string).toLowerCase());
  if (viaId || ["number", "currency", "counter"].includes(f.kind)) return "number";
  if (f.kind === "boolean") return "boolean";
  return "string";
}

function encodeSkipValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return encodeSkipValue(v[0]);
  if (typeof v === "boolean") return v ? "1" : "0";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function decodeSkipValue(raw: string | null, kind: "number" | "boolean" | "string"): unknown {
  if (raw === null || raw === "") return null;
  if (kind === "number") return Number(raw);
  if (kind === "boolean") return raw === "1";
  return raw;
}

/**
 * `$skiptoken=Paged=TRUE&p_ID=<last id>` (plus `p_<Column>=<value>` for each `$orderby` key, as
 * SharePoint writes them) names the last item of the previous page; `PagedPrev=TRUE` pages back.
 */
function parseSkipToken(s: Scope, token: string, order: OrderKey[]): SkipKey {
  const q = new URLSearchParams(token);
  const id = Number(q.get("p_ID"));
  if (q.get("Paged")?.toUpperCase() !== "TRUE" || !Number.isInteger(id))
    fail(s.fmt, 400, CODES.invalidQuery, `The $skiptoken '${token}' is not valid.`);
  return {
    id,
    values: order.map((k) =>
      decodeSkipValue(q.get(`p_${k.path.join("_")}`), sortValueKind(s, k.path)),
    ),
    previous: q.get("PagedPrev")?.toUpperCase() === "TRUE",
  };
}

function skipTokenFor(order: OrderKey[], values: unknown[], id: number): string {
  const parts = ["Paged=TRUE"];
  order.forEach((k, i) =>
    parts.push(`p_${k.path.join("_")}=${encodeURIComponent(encodeSkipValue(values[i]))}`),
  );
  parts.push(`p_ID=${id}`);
  return parts.join("&");
}

/** Percent-encodes as SharePoint writes its next links: lower-case hex (`Paged%3dTRUE%26p_ID%3d2`). */
function encodeLower(v: string): string {
  return encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

function throttled(s: Scope): never {
  // The list view threshold: SharePoint Online answers 500 with SPQueryThrottledException
  // (https://learn.microsoft.com/troubleshoot/sharepoint/lists-and-libraries/items-exceeds-list-view-threshold).
  fail(s.fmt, 500, CODES.throttled, MESSAGES.threshold);
}

function listItems(s: Scope): HttpResponse {
  need(s, "Read", s.listMask, PermissionKind.ViewListItems);
  const q = s.ctx.url.searchParams;
  const sel = parseSelection(s);

  const filterSrc = q.get("$filter");
  const filter: FilterExpr | undefined = filterSrc ? parseFilter(filterSrc) : undefined;
  if (filter) assertColumns(s, fieldPaths(filter));
  const orderSrc = q.get("$orderby");
  const order: OrderKey[] = orderSrc ? parseOrderBy(orderSrc) : [];
  assertColumns(
    s,
    order.map((k) => k.path),
  );
  const topSrc = q.get("$top");
  const top = topSrc === null ? DEFAULT_PAGE : Number(topSrc);
  if (!Number.isInteger(top) || top < 0)
    fail(s.fmt, 400, CODES.invalidQuery, `The $top query option '${topSrc}' is not valid.`);

  const all = itemsOf(s.deps.db, s.list.id);
  if (all.length > THRESHOLD) {
    // Over the threshold, SharePoint can only answer queries it can serve from an index: the
    // filter's first clause and every sort key must be indexed columns (ID always is), no page
    // may be larger than the threshold, and the first clause alone must narrow the list to at
    // most the threshold, however the result is paged
    // (https://learn.microsoft.com/troubleshoot/sharepoint/lists-and-libraries/items-exceeds-list-view-threshold,
    // https://support.microsoft.com/office/manage-large-lists-and-libraries-b8588dae-9387-48c2-9248-c24122f07c59).
    const first = filter ? firstClauseField(filter) : undefined;
    if (first && !isIndexedPath(s, first)) throttled(s);
    if (order.some((k) => !isIndexedPath(s, k.path))) throttled(s);
    if (top > THRESHOLD) throttled(s);
    if (filter) {
      const clause = firstClause(filter);
      let matched = 0;
      for (const item of all) {
        if (evaluateFilter(clause, resolverFor(s, item)) && ++matched > THRESHOLD) throttled(s);
      }
    }
  }

  const visible = all.filter((i) => canSee(s, i));
  const matched = filter
    ? visible.filter((item) => evaluateFilter(filter, resolverFor(s, item)))
    : visible;

  // Rows carry their sort tuple so paging can compare against the skiptoken's key.
  let rows = matched.map((item) => ({
    item,
    key: order.length ? order.map((k) => resolverFor(s, item)(k.path)) : [],
  }));
  const cmp = (a: unknown[], aId: number, b: unknown[], bId: number): number => {
    for (let i = 0; i < order.length; i += 1) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return (order[i] as OrderKey).descending ? -c : c;
    }
    return aId - bId;
  };
  if (order.length) rows = rows.sort((a, b) => cmp(a.key, a.item.id, b.key, b.item.id));

  const token = q.get("$skiptoken");
  let page: typeof rows;
  let more: boolean;
  if (token) {
    const skip = parseSkipToken(s, token, order);
    if (skip.previous) {
      const before = rows.filter((r) => cmp(r.key, r.item.id, skip.values, skip.id) < 0);
      page = before.slice(Math.max(0, before.length - top));
      more = rows.length > before.length;
    } else {
      const start = rows.findIndex((r) => cmp(r.key, r.item.id, skip.values, skip.id) > 0);
      const from = start < 0 ? rows.length : start;
      page = rows.slice(from, from + top);
      more = from + top < rows.length;
    }
  } else {
    page = rows.slice(0, top);
    more = top < rows.length;
  }

  const store = itemBytesStore(s);
  const shape = shapeOf(s, sel);
  const values = page.map((r) => itemBytes(s, store, shape, r.item, sel));
  let nextLink: string | undefined;
  const last = page[page.length - 1];
  if (more && last && !(token && new URLSearchParams(token).get("PagedPrev"))) {
    // An absolute link carrying the other query options, as SharePoint Online writes it; PnPjs'
    // async iterator follows it as given (../shared/reference/wire/pnp-capture.txt).
    const parts = [
      `%24skiptoken=${encodeLower(skipTokenFor(order, last.key, last.item.id))}`,
      `%24top=${top}`,
    ];
    for (const name of ["$select", "$expand", "$filter", "$orderby"]) {
      const v = q.get(name);
      if (v !== null) parts.push(`%24${name.slice(1)}=${encodeLower(v)}`);
    }
    nextLink = `${s.ctx.origin}${s.ctx.url.pathname}?${parts.join("&")}`;
  }
  const metadataUrl = `${s.siteUrl}/_api/$metadata#SP.ListData.${entityName(s.list.url_name)}ListItems`;
  // The same bytes as JSON.stringify of
  //   verbose:     { d: { results: [...], __next? } }
  //   nometadata:  { value: [...], "odata.nextLink"? }
  //   minimal:     { "odata.metadata": url, value: [...], "odata.nextLink"? }
  // with the items' kept serialisations in the array.
  const next = (name: string) =>
    nextLink ? `,${JSON.stringify(name)}:${JSON.stringify(nextLink)}` : "";
  let head: string;
  let tail: string;
  if (s.fmt === "verbose") {
    head = '{"d":{"results":[';
    tail = `]${next("__next")}}}`;
  } else if (s.fmt === "nometadata") {
    head = '{"value":[';
    tail = `]${next("odata.nextLink")}}`;
  } else {
    head = `{"odata.metadata":${JSON.stringify(metadataUrl)},"value":[`;
    tail = `]${next("odata.nextLink")}}`;
  }
  const parts: Buffer[] = [utf8(head)];
  values.forEach((v, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(v);
  });
  parts.push(utf8(tail));
  return jsonAnswer(s, 200, Buffer.concat(parts));
}

const COMMA = Buffer.from(",");

function visibleItem(s: Scope, id: number): ParsedItem {
  const item = findItem(itemsOf(s.deps.db, s.list.id), id);
  // An item hidden by ReadSecurity is answered like a missing one, as SharePoint does.
  if (!item || !canSee(s, item)) itemMissing(s);
  return item;
}

function singleBody(s: Scope, json: Json): unknown {
  if (s.fmt === "verbose") return { d: json };
  if (s.fmt === "nometadata") return json;
  return {
    "odata.metadata": `${s.siteUrl}/_api/$metadata#SP.ListData.${entityName(s.list.url_name)}ListItems/@Element`,
    ...json,
  };
}

function getItem(s: Scope, id: number): HttpResponse {
  need(s, "Read", s.listMask, PermissionKind.ViewListItems);
  const item = visibleItem(s, id);
  const sel = parseSelection(s);
  const json = itemBytes(s, itemBytesStore(s), shapeOf(s, sel), item, sel);
  // The same bytes as JSON.stringify(singleBody(s, itemJson(...))).
  let body: Buffer;
  if (s.fmt === "verbose") body = Buffer.concat([utf8('{"d":'), json, utf8("}")]);
  else if (s.fmt === "nometadata") body = json;
  else {
    const url = `${s.siteUrl}/_api/$metadata#SP.ListData.${entityName(s.list.url_name)}ListItems/@Element`;
    const head = utf8(`{"odata.metadata":${JSON.stringify(url)}`);
    // `json` is an object: `{}` or `{"key":...}`.
    body =
      json.length <= 2
        ? Buffer.concat([head, utf8("}")])
        : Buffer.concat([head, COMMA, json.subarray(1)]);
  }
  return jsonAnswer(s, 200, body, { ETag: etagOf(item) });
}

// ---------------------------------------------------------------------------------------------
// Writes

function readBody(s: Scope): Json {
  const text = s.ctx.body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail(
      s.fmt,
      400,
      CODES.invalidQuery,
      "Invalid JSON. A token was not recognized in the JSON content.",
    );
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    fail(s.fmt, 400, CODES.invalidQuery, "The request body must be a JSON object.");
  return parsed as Json;
}

function fieldLabel(f: FieldDef): string {
  return f.title === f.internalName ? `'${f.internalName}'` : `'${f.title}' (${f.internalName})`;
}

function invalid(s: Scope, f: FieldDef, problem: string): never {
  fail(s.fmt, 400, CODES.fieldValidation, `Field ${fieldLabel(f)}: ${problem}`);
}

function typeMismatch(s: Scope, edmType: string): never {
  fail(
    s.fmt,
    400,
    CODES.invalidQuery,
    `Cannot convert a primitive value to the expected type '${edmType}'. See the inner exception for more details.`,
  );
}

function manyOf(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v as unknown[];
  if (v && typeof v === "object" && Array.isArray((v as { results?: unknown }).results))
    return (v as { results: unknown[] }).results;
  return undefined;
}

function toId(s: Scope, v: unknown): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) typeMismatch(s, "Edm.Int32");
  return n;
}

function checkIds(s: Scope, f: FieldDef, ids: number[]): void {
  for (const id of ids) {
    if (f.kind === "user") {
      const p = principalsOf(s).get(id);
      if (!p || (p.principal_type !== 1 && !(f.allowGroups && p.principal_type === 8)))
        invalid(s, f, `${id} is not a user of this site.`);
    } else {
      const target = targetOf(s, f);
      if (!target || !findItem(target.items, id))
        invalid(
          s,
          f,
          `Item ${id} does not exist in the lookup list${target ? ` '${target.list.title}'` : ""}.`,
        );
    }
  }
}

/** Converts one body value to what the column stores, refusing what SharePoint refuses. */
function coerceValue(s: Scope, f: FieldDef, raw: unknown): unknown {
  if (f.kind === "user" || f.kind === "lookup") {
    if (f.multi) {
      if (raw === null) return [];
      const many = manyOf(raw);
      if (!many) typeMismatch(s, "Collection(Edm.Int32)");
      const ids = many.map((v) => toId(s, v));
      checkIds(s, f, ids);
      return ids;
    }
    if (raw === null) return null;
    const id = toId(s, raw);
    checkIds(s, f, [id]);
    return id;
  }
  if (raw === null) return null;
  switch (f.kind) {
    case "text":
    case "note": {
      if (typeof raw !== "string" && typeof raw !== "number") typeMismatch(s, "Edm.String");
      const v = String(raw);
      if (v === "") return null;
      const max = f.kind === "text" ? (f.maxLength ?? 255) : undefined;
      if (max !== undefined && v.length > max)
        invalid(s, f, `The value is ${v.length} characters long; the maximum is ${max}.`);
      return v;
    }
    case "number":
    case "currency": {
      const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      if (typeof n !== "number" || Number.isNaN(n)) typeMismatch(s, "Edm.Double");
      if (f.min !== undefined && n < f.min)
        invalid(s, f, `The value ${n} is below the minimum ${f.min}.`);
      if (f.max !== undefined && n > f.max)
        invalid(s, f, `The value ${n} is above the maximum ${f.max}.`);
      return n;
    }
    case "boolean":
      if (typeof raw !== "boolean") typeMismatch(s, "Edm.Boolean");
      return raw;
    case "datetime": {
      if (typeof raw !== "string") typeMismatch(s, "Edm.DateTime");
      if (raw === "") return null;
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) typeMismatch(s, "Edm.DateTime");
      return isoSeconds(new Date(ms));
    }
    case "choice": {
      if (typeof raw !== "string") typeMismatch(s, "Edm.String");
      if (raw === "") return null;
      if (f.choices && !f.fillIn && !f.choices.includes(raw))
        invalid(s, f, `'${raw}' is not one of the choices: ${f.choices.join(", ")}.`);
      return raw;
    }
    case "multichoice": {
      const many = manyOf(raw);
      if (!many || many.some((v) => typeof v !== "string"))
        typeMismatch(s, "Collection(Edm.String)");
      const values = many as string[];
      for (const v of values)
        if (f.choices && !f.fillIn && !f.choices.includes(v))
          invalid(s, f, `'${v}' is not one of the choices: ${f.choices.join(", ")}.`);
      return values.length ? values : null;
    }
    default:
      return raw;
  }
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

/** The body's values keyed by storage key, validated against the columns. */
function valuesFromBody(s: Scope, body: Json): Map<FieldDef, unknown> {
  const out = new Map<FieldDef, unknown>();
  for (const [key, raw] of Object.entries(body)) {
    if (key === "__metadata" || key.startsWith("odata.") || key.includes("@odata")) continue;
    const f = fieldByName(s.fields, key);
    if (!f) {
      fail(
        s.fmt,
        400,
        CODES.invalidQuery,
        `The property '${key}' does not exist on type '${itemTypeName(s.list)}'. Make sure to only use property names that are defined by the type.`,
      );
    }
    if (
      (f.kind === "user" || f.kind === "lookup") &&
      key.toLowerCase() === f.internalName.toLowerCase()
    ) {
      // Person and lookup columns are written through `<Name>Id`; the bare name is the
      // navigation property, which SharePoint refuses to take a primitive value.
      fail(
        s.fmt,
        400,
        CODES.invalidQuery,
        `A 'PrimitiveValue' node with non-null value was found when trying to read the value of the navigation property '${key}'; however, a 'StartArray' node, a 'StartObject' node, or a 'PrimitiveValue' node with null value was expected.`,
      );
    }
    // Read-only built-ins (ID, Created, Author, ...) are ignored, as SharePoint ignores them.
    if (f.readOnly) continue;
    out.set(f, coerceValue(s, f, raw));
  }
  return out;
}

function defaultOf(s: Scope, f: FieldDef): unknown {
  if (f.defaultValue === undefined) return undefined;
  const d = f.defaultValue;
  switch (f.kind) {
    case "number":
    case "currency":
      return Number.isNaN(Number(d)) ? undefined : Number(d);
    case "boolean":
      return d === "1" || d.toLowerCase() === "true";
    case "multichoice":
      return d.split(";#").filter((x) => x !== "");
    case "datetime":
      return d === "[today]" ? isoSeconds(s.deps.now()) : d;
    default:
      return d;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return a === b;
}

/** EnforceUniqueValues: unique case-insensitively among the list's other items. */
function assertUnique(s: Scope, data: Json, changed: Iterable<FieldDef>, selfId?: number): void {
  const items = itemsOf(s.deps.db, s.list.id);
  for (const f of changed) {
    if (!f.unique) continue;
    const v = data[f.storageKey];
    if (isBlank(v)) continue;
    const clash = items.some((i) => i.id !== selfId && sameValue(i.data[f.storageKey], v));
    if (clash) {
      fail(
        s.fmt,
        500,
        CODES.duplicate,
        `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${f.title}].`,
      );
    }
  }
}

/**
 * Required columns must have a value. The built-in Title is exempt: every new list marks it
 * Required, yet SharePoint Online's REST endpoint creates items without one.
 */
function assertRequired(s: Scope, data: Json, fields: Iterable<FieldDef>): void {
  for (const f of fields) {
    if (f.required && !f.builtin && isBlank(data[f.storageKey]))
      invalid(s, f, "You can't leave this blank.");
  }
}

function addItem(s: Scope): HttpResponse {
  assertCanWrite(s, PermissionKind.AddListItems);
  const values = valuesFromBody(s, readBody(s));
  const data: Json = {};
  for (const f of s.fields.writable) {
    const d = defaultOf(s, f);
    if (d !== undefined) data[f.storageKey] = d;
  }
  for (const [f, v] of values) data[f.storageKey] = v;
  for (const [key, v] of Object.entries(data)) if (isBlank(v)) delete data[key];
  assertRequired(s, data, s.fields.writable);
  assertUnique(s, data, s.fields.writable);
  data.GUID = crypto.randomUUID();
  const now = isoSeconds(s.deps.now());
  const db = s.deps.db;
  const item = writeItems(db, s.list.id, () => {
    const { next_item_id: id } = sql(db, "SELECT next_item_id FROM sp_lists WHERE id = ?").get(
      s.list.id,
    ) as { next_item_id: number };
    const added: ParsedItem = {
      id,
      version: 1,
      authorId: s.me.id,
      editorId: s.me.id,
      created: now,
      modified: now,
      data,
    };
    sql(
      db,
      `INSERT INTO sp_items (list_id, id, version, author_id, editor_id, created, modified, data)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
    ).run(s.list.id, id, s.me.id, s.me.id, now, now, JSON.stringify(data));
    const list = sql(
      db,
      "UPDATE sp_lists SET next_item_id = ?, last_item_modified = ? WHERE id = ? RETURNING *",
    ).get(id + 1, now, s.list.id) as ListRow;
    return { result: added, change: { put: added, list } };
  });
  return jsonAnswer(s, 201, singleBody(s, itemJson(s, item, { expanded: new Map() })), {
    ETag: etagOf(item),
  });
}

/** IF-Match: `*` matches any version; a stale `"<n>"` is a 412 (PLATFORM.md, pnp-capture.txt). */
function assertETag(s: Scope, item: ParsedItem, required: boolean): void {
  const raw = header(s.ctx.headers, "if-match");
  if (raw === undefined && !required) return;
  const value = (raw ?? "").trim();
  if (value === "*") return;
  const version = /^(?:W\/)?"?(\d+)(?:,\d+)?"?$/.exec(value)?.[1];
  if (version !== undefined && Number(version) === item.version) return;
  fail(
    s.fmt,
    412,
    CODES.versionConflict,
    `The request ETag value '${value}' does not match the object's ETag value '${etagOf(item)}'.`,
  );
}

function updateItem(s: Scope, id: number): HttpResponse {
  need(s, "Read", s.listMask, PermissionKind.ViewListItems);
  const current = visibleItem(s, id);
  assertCanWrite(s, PermissionKind.EditListItems, current);
  assertETag(s, current, true);
  const values = valuesFromBody(s, readBody(s));
  const replace = s.ctx.method === "PUT";
  const data: Json = replace ? { GUID: current.data.GUID } : { ...current.data };
  for (const [f, v] of values) {
    if (isBlank(v)) delete data[f.storageKey];
    else data[f.storageKey] = v;
  }
  assertRequired(s, data, replace ? s.fields.writable : values.keys());
  assertUnique(s, data, values.keys(), id);
  const now = isoSeconds(s.deps.now());
  const db = s.deps.db;
  const updated = writeItems(db, s.list.id, () => {
    const next: ParsedItem = {
      ...current,
      version: current.version + 1,
      editorId: s.me.id,
      modified: now,
      data,
    };
    const r = sql(
      db,
      `UPDATE sp_items SET version = ?, editor_id = ?, modified = ?, data = ?
         WHERE list_id = ? AND id = ? AND version = ?`,
    ).run(next.version, s.me.id, now, JSON.stringify(data), s.list.id, id, current.version);
    if (r.changes !== 1) assertETag(s, { ...current, version: -1 }, true);
    const list = sql(db, "UPDATE sp_lists SET last_item_modified = ? WHERE id = ? RETURNING *").get(
      now,
      s.list.id,
    ) as ListRow;
    return { result: next, change: { put: next, list } };
  });
  return { status: 204, headers: { ETag: etagOf(updated) } };
}

function deleteItem(s: Scope, id: number): HttpResponse {
  need(s, "Read", s.listMask, PermissionKind.ViewListItems);
  const current = visibleItem(s, id);
  assertCanWrite(s, PermissionKind.DeleteListItems, current);
  assertETag(s, current, false);
  const db = s.deps.db;
  const now = isoSeconds(s.deps.now());
  writeItems(db, s.list.id, () => {
    sql(db, "DELETE FROM sp_items WHERE list_id = ? AND id = ?").run(s.list.id, id);
    clearItemScope(db, s.list.id, id);
    const list = sql(db, "UPDATE sp_lists SET last_item_modified = ? WHERE id = ? RETURNING *").get(
      now,
      s.list.id,
    ) as ListRow;
    return { result: undefined, change: { remove: id, list } };
  });
  // SharePoint Online answers a delete with 200 and an empty body.
  return { status: 200, body: "" };
}
