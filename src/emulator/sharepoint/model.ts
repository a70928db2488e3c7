/**
 * The SharePoint site's storage in the local Microsoft 365: lists, fields, items, site users,
 * site groups and role assignments, in SQLite tables prefixed `sp_`. Shared by the list/field
 * routes, the item routes and `$batch`.
 *
 * Facts mirrored from SharePoint Online:
 * - principals (users and groups) share one id space per site (SP.Principal.Id);
 * - built-in role definition ids are fixed: Full Control 1073741829, Design 1073741828,
 *   Edit 1073741830, Contribute 1073741827, Read 1073741826, Limited Access 1073741825
 *   (https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee536458(v=office.15));
 *   custom permission levels (`sp_role_definitions`) get new ids above them;
 * - a user's permissions in a scope are the OR of the masks of every permission level bound
 *   to them or to a group they are in there; site collection administrators have every
 *   permission (https://learn.microsoft.com/sharepoint/understanding-permission-levels);
 * - item ETags are `"<version>"` and start at `"1"` (../shared/reference/wire/pnp-capture.txt).
 *
 * `sp_fields.props` holds a field's properties under SharePoint's own names (SP.Field and its
 * subtypes, https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn600182(v=office.15)),
 * typed by {@link FieldProps}. The keys the item routes rely on:
 * - `Required` (boolean), `MaxLength` (Text: 1..255), `Choices` (string[]; Choice/MultiChoice),
 *   `FillInChoice` (boolean: values outside `Choices` allowed), `DefaultValue` (string | null,
 *   as SharePoint stores it: "Idé", "0", "1"), `MinimumValue` / `MaximumValue` (Number/Currency);
 * - `Indexed`, `EnforceUniqueValues` (unique implies indexed);
 * - `LookupList` (`{guid}` of the target list; person columns point at the hidden User
 *   Information List, `USER_INFO_LIST_ID` in fields.ts),
 *   `LookupField` (internal name shown, "Title"), `AllowMultipleValues` (Lookup/User: the
 *   column holds arrays, written as `<Name>Id: [..]`, TypeAsString LookupMulti/UserMulti);
 * - `SelectionMode` (User: 0 people only, 1 people and groups), `DisplayFormat` (DateTime:
 *   0 date only, 1 date and time), `ReadOnlyField`, `Hidden`, `Description`,
 *   `CurrencyLocaleId`, `RichText`, `NumberOfLines`, and any other property the client set.
 * `type_kind` is SP.FieldType (2 Text, 3 Note, 4 DateTime, 6 Choice, 7 Lookup, 8 Boolean,
 * 9 Number, 10 Currency, 15 MultiChoice, 20 User; built-ins also 5 Counter, 12 Computed,
 * 19 Attachments, 25 ContentTypeId) and `type_as_string` its TypeAsString (e.g. "UserMulti").
 */
import type Database from "better-sqlite3";

import { DEMO_USERS, type DemoUser, SITE_GROUPS, TENANT_DOMAIN } from "../directory.js";
import { sql, transaction } from "../store.js";
import { kept, keptListRow } from "./meta-cache.js";

export const ROLE = {
  FullControl: 1073741829,
  Design: 1073741828,
  Edit: 1073741830,
  Contribute: 1073741827,
  Read: 1073741826,
  LimitedAccess: 1073741825,
} as const;

/**
 * SP.PermissionKind: permission k is bit k-1 of the 64-bit SP.BasePermissions mask (Low holds
 * bits 0..31, High bits 32..63); FullMask (65) stands for every bit
 * (https://learn.microsoft.com/previous-versions/office/sharepoint-server/ms412690(v=office.15),
 * https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee536458(v=office.15)).
 * CancelCheckout is shown in SharePoint as "Override List Behaviors": it lets its holder read
 * and edit every item whatever the list's ReadSecurity/WriteSecurity
 * (https://learn.microsoft.com/sharepoint/understanding-permission-levels).
 */
export const PermissionKind = {
  EmptyMask: 0,
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ApproveItems: 5,
  OpenItems: 6,
  ViewVersions: 7,
  DeleteVersions: 8,
  CancelCheckout: 9,
  ManagePersonalViews: 10,
  ManageLists: 12,
  ViewFormPages: 13,
  AnonymousSearchAccessList: 14,
  Open: 17,
  ViewPages: 18,
  AddAndCustomizePages: 19,
  ApplyThemeAndBorder: 20,
  ApplyStyleSheets: 21,
  ViewUsageData: 22,
  CreateSSCSite: 23,
  ManageSubwebs: 24,
  CreateGroups: 25,
  ManagePermissions: 26,
  BrowseDirectories: 27,
  BrowseUserInfo: 28,
  AddDelPrivateWebParts: 29,
  UpdatePersonalWebParts: 30,
  ManageWeb: 31,
  AnonymousSearchAccessWebLists: 32,
  UseClientIntegration: 37,
  UseRemoteAPIs: 38,
  ManageAlerts: 39,
  CreateAlerts: 40,
  EditMyUserInfo: 41,
  EnumeratePermissions: 63,
  FullMask: 65,
} as const;

export type PermissionKindValue = (typeof PermissionKind)[keyof typeof PermissionKind];

/** An SP.BasePermissions value as a 64-bit mask. */
export type Mask = bigint;

/** SP.BasePermissions on the wire: both halves as decimal strings (Edm.Int64). */
export interface HighLow {
  High: string;
  Low: string;
}

const LOW_BITS = 0xffffffffn;

/** The mask of a `{ High, Low }` pair (numbers or decimal strings). */
export function maskFromHighLow(high: string | number, low: string | number): Mask {
  return ((BigInt(high) & LOW_BITS) << 32n) | (BigInt(low) & LOW_BITS);
}

/** The `{ High, Low }` SharePoint writes for a mask. */
export function highLowOf(mask: Mask): HighLow {
  return { High: ((mask >> 32n) & LOW_BITS).toString(), Low: (mask & LOW_BITS).toString() };
}

/** The mask holding exactly these permissions. */
export function maskOf(...kinds: PermissionKindValue[]): Mask {
  let m = 0n;
  for (const k of kinds) {
    if (k === PermissionKind.FullMask) return FULL_MASK;
    if (k > 0) m |= 1n << BigInt(k - 1);
  }
  return m;
}

/** SP.BasePermissions.has: whether the mask grants the permission (FullMask: every bit). */
export function hasPermission(mask: Mask, kind: PermissionKindValue): boolean {
  if (kind === PermissionKind.EmptyMask) return true;
  if (kind === PermissionKind.FullMask) return mask === FULL_MASK;
  return ((mask >> BigInt(kind - 1)) & 1n) === 1n;
}

/** Full Control's mask: every permission (High 2147483647, Low 4294967295). */
export const FULL_MASK: Mask = maskFromHighLow(2147483647, 4294967295);

/** A permission level as stored in `sp_role_definitions`. */
export interface RoleDefinitionRow {
  id: number;
  name: string;
  description: string;
  ord: number;
  /** SP.RoleType: 0 None (custom), 1 Guest, 2 Reader, 3 Contributor, 4 WebDesigner, 5 Administrator, 6 Editor. */
  role_type_kind: number;
  hidden: number;
  /** SP.BasePermissions halves as decimal strings. */
  high: string;
  low: string;
}

/**
 * The built-in permission levels of a SharePoint Online team site, with the ids, masks, orders,
 * descriptions and role types SharePoint Online returns from `web/roledefinitions`
 * (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#roledefinition-resource,
 * https://learn.microsoft.com/sharepoint/understanding-permission-levels). Limited Access is
 * SP.PermissionGroup64 Guest: Open, BrowseUserInfo, ViewFormPages, UseClientIntegration,
 * UseRemoteAPIs (High 48, Low 134287360,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ms412585(v=office.14)).
 */
export const BUILTIN_ROLE_DEFINITIONS: readonly RoleDefinitionRow[] = [
  {
    id: ROLE.FullControl,
    name: "Full Control",
    description: "Has full control.",
    ord: 1,
    role_type_kind: 5,
    hidden: 0,
    high: "2147483647",
    low: "4294967295",
  },
  {
    id: ROLE.Design,
    name: "Design",
    description: "Can view, add, update, delete, approve, and customize.",
    ord: 32,
    role_type_kind: 4,
    hidden: 0,
    high: "432",
    low: "1012866047",
  },
  {
    id: ROLE.Edit,
    name: "Edit",
    description:
      "Can add, edit and delete lists; can view, add, update and delete list items and documents.",
    ord: 48,
    role_type_kind: 6,
    hidden: 0,
    high: "432",
    low: "1011030767",
  },
  {
    id: ROLE.Contribute,
    name: "Contribute",
    description: "Can view, add, update, and delete list items and documents.",
    ord: 64,
    role_type_kind: 3,
    hidden: 0,
    high: "432",
    low: "1011028719",
  },
  {
    id: ROLE.Read,
    name: "Read",
    description: "Can view pages and list items and download documents.",
    ord: 128,
    role_type_kind: 2,
    hidden: 0,
    high: "176",
    low: "138612833",
  },
  {
    id: ROLE.LimitedAccess,
    name: "Limited Access",
    description:
      "Can view specific lists, document libraries, list items, folders, or documents when given permissions.",
    ord: 160,
    role_type_kind: 1,
    hidden: 1,
    high: "48",
    low: "134287360",
  },
];

/** The mask of a stored permission level. */
export function maskOfRole(def: Pick<RoleDefinitionRow, "high" | "low">): Mask {
  return maskFromHighLow(def.high, def.low);
}

/** Every permission level of the site, built-in and custom, in SharePoint's order. */
export function roleDefinitions(db: Database.Database): RoleDefinitionRow[] {
  return sql(db, "SELECT * FROM sp_role_definitions ORDER BY ord, id").all() as RoleDefinitionRow[];
}

export function roleDefinitionById(
  db: Database.Database,
  id: number,
): RoleDefinitionRow | undefined {
  return sql(db, "SELECT * FROM sp_role_definitions WHERE id = ?").get(id) as
    RoleDefinitionRow | undefined;
}

export function roleDefinitionByName(
  db: Database.Database,
  name: string,
): RoleDefinitionRow | undefined {
  return sql(db, "SELECT * FROM sp_role_definitions WHERE name = ? COLLATE NOCASE").get(name) as
    RoleDefinitionRow | undefined;
}

export interface ListRow {
  id: string;
  /** URL segment: `/sites/digistyr/Lists/<url_name>`. */
  url_name: string;
  title: string;
  description: string;
  base_template: number;
  read_security: number;
  write_security: number;
  enable_versioning: number;
  has_unique_perms: number;
  created: string;
  last_item_modified: string;
  next_item_id: number;
  /** JSON object of further list properties set through update (kept and echoed). */
  extra: string;
}

export interface FieldRow {
  list_id: string;
  internal_name: string;
  id: string;
  title: string;
  type_kind: number;
  type_as_string: string;
  /** JSON of the field's properties (Required, MaxLength, Choices, Indexed, ...). */
  props: string;
  sort: number;
  builtin: number;
}

export interface ItemRow {
  list_id: string;
  id: number;
  version: number;
  author_id: number;
  editor_id: number;
  created: string;
  modified: string;
  /** JSON object keyed by internal field name (person/lookup as `<Name>Id`). */
  data: string;
}

export interface PrincipalRow {
  id: number;
  /** 1 = user, 8 = SharePoint group (SP.Utilities.PrincipalType). */
  principal_type: number;
  login_name: string;
  title: string;
  email: string;
  upn: string;
  description: string;
  is_site_admin: number;
  owner_id: number;
}

export function migrate(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS sp_lists (
      id TEXT PRIMARY KEY,
      url_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      title TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      base_template INTEGER NOT NULL DEFAULT 100,
      read_security INTEGER NOT NULL DEFAULT 1,
      write_security INTEGER NOT NULL DEFAULT 1,
      enable_versioning INTEGER NOT NULL DEFAULT 0,
      has_unique_perms INTEGER NOT NULL DEFAULT 0,
      created TEXT NOT NULL,
      last_item_modified TEXT NOT NULL,
      next_item_id INTEGER NOT NULL DEFAULT 1,
      extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE IF NOT EXISTS sp_fields (
      list_id TEXT NOT NULL REFERENCES sp_lists(id) ON DELETE CASCADE,
      internal_name TEXT NOT NULL COLLATE NOCASE,
      id TEXT NOT NULL,
      title TEXT NOT NULL,
      type_kind INTEGER NOT NULL,
      type_as_string TEXT NOT NULL,
      props TEXT NOT NULL DEFAULT '{}',
      sort INTEGER NOT NULL,
      builtin INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (list_id, internal_name)
    );
    CREATE TABLE IF NOT EXISTS sp_items (
      list_id TEXT NOT NULL REFERENCES sp_lists(id) ON DELETE CASCADE,
      id INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      author_id INTEGER NOT NULL,
      editor_id INTEGER NOT NULL,
      created TEXT NOT NULL,
      modified TEXT NOT NULL,
      data TEXT NOT NULL DEFAULT '{}',
      PRIMARY KEY (list_id, id)
    );
    CREATE TABLE IF NOT EXISTS sp_principals (
      id INTEGER PRIMARY KEY,
      principal_type INTEGER NOT NULL,
      login_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      title TEXT NOT NULL,
      email TEXT NOT NULL DEFAULT '',
      upn TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      is_site_admin INTEGER NOT NULL DEFAULT 0,
      owner_id INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS sp_group_members (
      group_id INTEGER NOT NULL REFERENCES sp_principals(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES sp_principals(id) ON DELETE CASCADE,
      PRIMARY KEY (group_id, user_id)
    );
    -- scope '' is the web; a list id; or '<list id>/<item id>' for an item (itemScope)
    CREATE TABLE IF NOT EXISTS sp_role_assignments (
      scope TEXT NOT NULL,
      principal_id INTEGER NOT NULL REFERENCES sp_principals(id) ON DELETE CASCADE,
      role_def_id INTEGER NOT NULL,
      PRIMARY KEY (scope, principal_id, role_def_id)
    );
    -- permission levels (SP.RoleDefinition): the built-in ones, seeded on every start, and custom ones
    CREATE TABLE IF NOT EXISTS sp_role_definitions (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      ord INTEGER NOT NULL,
      role_type_kind INTEGER NOT NULL DEFAULT 0,
      hidden INTEGER NOT NULL DEFAULT 0,
      high TEXT NOT NULL,
      low TEXT NOT NULL
    );
    -- items with unique permissions (HasUniqueRoleAssignments); the others inherit the list's
    CREATE TABLE IF NOT EXISTS sp_item_scopes (
      list_id TEXT NOT NULL,
      item_id INTEGER NOT NULL,
      PRIMARY KEY (list_id, item_id)
    );
  `);
  const seed = sql(
    db,
    `INSERT OR IGNORE INTO sp_role_definitions (id, name, description, ord, role_type_kind, hidden, high, low)
     VALUES (@id, @name, @description, @ord, @role_type_kind, @hidden, @high, @low)`,
  );
  transaction(db, () => {
    for (const def of BUILTIN_ROLE_DEFINITIONS) seed.run(def);
  });
}

export function claimsLogin(upn: string): string {
  return `i:0#.f|membership|${upn.toLowerCase()}`;
}

/**
 * First start: the site's users (ids from 7 on, as a new site's own principals take the first
 * ids), its groups with their members, and web-level permissions: the owners group has Full
 * Control, the other groups Read. Idempotent.
 */
export function seedSite(db: Database.Database): void {
  const has = sql(db, "SELECT COUNT(*) AS n FROM sp_principals").get() as { n: number };
  if (has.n > 0) return;
  const insert = sql(
    db,
    `INSERT INTO sp_principals (id, principal_type, login_name, title, email, upn, description, is_site_admin, owner_id)
     VALUES (@id, @principal_type, @login_name, @title, @email, @upn, @description, @is_site_admin, @owner_id)`,
  );
  transaction(db, () => {
    let id = 6;
    const userIds = new Map<string, number>();
    DEMO_USERS.forEach((u: DemoUser, i) => {
      id += 1;
      userIds.set(u.upn, id);
      insert.run({
        id,
        principal_type: 1,
        login_name: claimsLogin(u.upn),
        title: u.displayName,
        email: u.upn,
        upn: u.upn,
        description: "",
        is_site_admin: i === 0 ? 1 : 0,
        owner_id: 0,
      });
    });
    const ownerGroupId = id + 1;
    for (const g of SITE_GROUPS) {
      id += 1;
      insert.run({
        id,
        principal_type: 8,
        login_name: g.name,
        title: g.name,
        email: "",
        upn: "",
        description: g.description,
        is_site_admin: 0,
        owner_id: ownerGroupId,
      });
      for (const u of DEMO_USERS.filter((d) => d.groups.includes(g.name))) {
        sql(db, "INSERT INTO sp_group_members (group_id, user_id) VALUES (?, ?)").run(
          id,
          userIds.get(u.upn),
        );
      }
      sql(
        db,
        "INSERT INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES ('', ?, ?)",
      ).run(id, g.name === "Ejere" ? ROLE.FullControl : ROLE.Read);
    }
  });
}

export function principalByUpn(db: Database.Database, upn: string): PrincipalRow | undefined {
  return kept(
    db,
    `upn:${upn}`,
    () =>
      sql(
        db,
        "SELECT * FROM sp_principals WHERE principal_type = 1 AND upn = ? COLLATE NOCASE",
      ).get(upn) as PrincipalRow | undefined,
  );
}

/** Ensures a site user exists for a tenant user (web.ensureUser), returning the row. */
export function ensureSiteUser(db: Database.Database, user: DemoUser): PrincipalRow {
  const found = principalByUpn(db, user.upn);
  if (found) return found;
  const max = sql(db, "SELECT MAX(id) AS m FROM sp_principals").get() as { m: number | null };
  const id = (max.m ?? 6) + 1;
  sql(
    db,
    `INSERT INTO sp_principals (id, principal_type, login_name, title, email, upn) VALUES (?, 1, ?, ?, ?, ?)`,
  ).run(id, claimsLogin(user.upn), user.displayName, user.upn, user.upn);
  return principalByUpn(db, user.upn) as PrincipalRow;
}

export function isTenantUpn(upn: string): boolean {
  return upn.toLowerCase().endsWith(`@${TENANT_DOMAIN}`);
}

/** Group ids the principal belongs to. */
export function groupIdsOf(db: Database.Database, userId: number): readonly number[] {
  return kept(db, `groups:${userId}`, () =>
    (
      sql(db, "SELECT group_id FROM sp_group_members WHERE user_id = ?").all(userId) as {
        group_id: number;
      }[]
    ).map((r) => r.group_id),
  );
}

/** Every principal whose role assignments count for the user: the user and their groups. */
function principalIdsOf(db: Database.Database, user: PrincipalRow): number[] {
  return [user.id, ...groupIdsOf(db, user.id)];
}

/**
 * The user's effective permissions on an object (SP.SecurableObject.EffectiveBasePermissions):
 * an item with unique permissions by its own role assignments, any other item by its list's, a
 * list by its own when inheritance is broken, else the web's. Site collection admins: all.
 */
export function effectiveMask(
  db: Database.Database,
  user: PrincipalRow,
  list?: ListRow,
  itemId?: number,
): Mask {
  if (user.is_site_admin) return FULL_MASK;
  return maskInScope(db, user, effectiveScope(db, list, itemId));
}

/**
 * The user's permissions in one stored scope ('' web, a list id, or an item's scope): the OR of
 * the masks of every permission level bound there to the user or a group they are in.
 */
export function maskInScope(db: Database.Database, user: PrincipalRow, scope: string): Mask {
  if (user.is_site_admin) return FULL_MASK;
  return kept(db, `mask:${user.id}:${scope}`, () => storedMask(db, user, scope));
}

function storedMask(db: Database.Database, user: PrincipalRow, scope: string): Mask {
  const principals = principalIdsOf(db, user);
  const rows = sql(
    db,
    `SELECT d.high, d.low FROM sp_role_assignments a JOIN sp_role_definitions d ON d.id = a.role_def_id
       WHERE a.scope = ? AND a.principal_id IN (${principals.map(() => "?").join(",")})`,
  ).all(scope, ...principals) as { high: string; low: string }[];
  let mask = 0n;
  for (const r of rows) mask |= maskOfRole(r);
  return mask;
}

/** Finds a list by title (getByTitle), by id (lists(guid'...')) or by URL name (getList). */
export function findList(
  db: Database.Database,
  by: { title?: string; id?: string; urlName?: string },
): ListRow | undefined {
  // Which list a name means changes only with the lists' metadata; the row itself is kept only
  // until the next write to it, as every item write moves its next id and last-modified date.
  let id: string | undefined;
  if (by.id !== undefined) id = listIdBy(db, "id", by.id);
  else if (by.title !== undefined) id = listIdBy(db, "title", by.title);
  else if (by.urlName !== undefined) id = listIdBy(db, "url_name", by.urlName);
  if (id === undefined) return undefined;
  const listId = id;
  return keptListRow(
    db,
    listId,
    () => sql(db, "SELECT * FROM sp_lists WHERE id = ?").get(listId) as ListRow | undefined,
  );
}

function listIdBy(
  db: Database.Database,
  column: "id" | "title" | "url_name",
  value: string,
): string | undefined {
  return kept(db, `list:${column}:${value}`, () => {
    const where = column === "id" ? "id = ? COLLATE NOCASE" : `${column} = ?`;
    const row = sql(db, `SELECT id FROM sp_lists WHERE ${where}`).get(value) as
      { id: string } | undefined;
    return row?.id;
  });
}

export function fieldsOf(db: Database.Database, listId: string): FieldRow[] {
  return sql(db, "SELECT * FROM sp_fields WHERE list_id = ? ORDER BY sort").all(
    listId,
  ) as FieldRow[];
}

/** What `sp_fields.props` holds (see the module comment); unknown keys are kept as set. */
export interface FieldProps {
  Required?: boolean;
  Indexed?: boolean;
  EnforceUniqueValues?: boolean;
  MaxLength?: number;
  Choices?: string[];
  FillInChoice?: boolean;
  DefaultValue?: string | null;
  MinimumValue?: number;
  MaximumValue?: number;
  LookupList?: string;
  LookupField?: string;
  AllowMultipleValues?: boolean;
  SelectionMode?: number;
  DisplayFormat?: number;
  ReadOnlyField?: boolean;
  Hidden?: boolean;
  Description?: string;
  [key: string]: unknown;
}

/** The field's properties from `sp_fields.props`. */
export function fieldProps(field: FieldRow): FieldProps {
  return JSON.parse(field.props) as FieldProps;
}

/** Finds a field by internal name or, failing that, by display title (case-insensitive). */
export function findField(
  db: Database.Database,
  listId: string,
  nameOrTitle: string,
): FieldRow | undefined {
  return (sql(db, "SELECT * FROM sp_fields WHERE list_id = ? AND internal_name = ?").get(
    listId,
    nameOrTitle,
  ) ??
    sql(db, "SELECT * FROM sp_fields WHERE list_id = ? AND title = ? COLLATE NOCASE").get(
      listId,
      nameOrTitle,
    )) as FieldRow | undefined;
}

export function principalById(db: Database.Database, id: number): PrincipalRow | undefined {
  return sql(db, "SELECT * FROM sp_principals WHERE id = ?").get(id) as PrincipalRow | undefined;
}

export function principalByLogin(
  db: Database.Database,
  loginName: string,
): PrincipalRow | undefined {
  return sql(db, "SELECT * FROM sp_principals WHERE login_name = ?").get(loginName) as
    PrincipalRow | undefined;
}

/** A SharePoint group of the site by name (case-insensitive, as SharePoint matches it). */
export function groupByName(db: Database.Database, name: string): PrincipalRow | undefined {
  return sql(
    db,
    "SELECT * FROM sp_principals WHERE principal_type = 8 AND title = ? COLLATE NOCASE",
  ).get(name) as PrincipalRow | undefined;
}

/** Users of a SharePoint group. */
export function membersOf(db: Database.Database, groupId: number): PrincipalRow[] {
  return sql(
    db,
    `SELECT p.* FROM sp_principals p JOIN sp_group_members m ON m.user_id = p.id
       WHERE m.group_id = ? ORDER BY p.id`,
  ).all(groupId) as PrincipalRow[];
}

/** Groups a user belongs to. */
export function groupsOf(db: Database.Database, userId: number): PrincipalRow[] {
  return sql(
    db,
    `SELECT p.* FROM sp_principals p JOIN sp_group_members m ON m.group_id = p.id
       WHERE m.user_id = ? ORDER BY p.id`,
  ).all(userId) as PrincipalRow[];
}

/** The scope a list's permissions live in: its own id when inheritance is broken, else the web. */
export function scopeOf(list?: ListRow): string {
  return list && list.has_unique_perms ? list.id : "";
}

/** Where an item's own role assignments are stored when it has unique permissions. */
export function itemScope(listId: string, itemId: number): string {
  return `${listId}/${itemId}`;
}

/** Whether the item has its own permissions (HasUniqueRoleAssignments). */
export function hasUniqueItemPerms(db: Database.Database, listId: string, itemId: number): boolean {
  return uniqueItemIds(db, listId).has(itemId);
}

/** Ids of the list's items that have their own permissions. */
export function uniqueItemIds(db: Database.Database, listId: string): ReadonlySet<number> {
  return kept(
    db,
    `unique:${listId}`,
    () =>
      new Set(
        (
          sql(db, "SELECT item_id FROM sp_item_scopes WHERE list_id = ?").all(listId) as {
            item_id: number;
          }[]
        ).map((r) => r.item_id),
      ),
  );
}

/**
 * The scope whose assignments govern an object: an item with unique permissions is governed by
 * its own, any other item by its list's; a list by its own when inheritance is broken; else the
 * web's.
 */
export function effectiveScope(db: Database.Database, list?: ListRow, itemId?: number): string {
  if (list && itemId !== undefined && hasUniqueItemPerms(db, list.id, itemId)) {
    return itemScope(list.id, itemId);
  }
  return scopeOf(list);
}

/** Drops an item's own permissions (when the item is deleted or inherits again). */
export function clearItemScope(db: Database.Database, listId: string, itemId: number): void {
  sql(db, "DELETE FROM sp_role_assignments WHERE scope = ?").run(itemScope(listId, itemId));
  sql(db, "DELETE FROM sp_item_scopes WHERE list_id = ? AND item_id = ?").run(listId, itemId);
}

/** Drops the own permissions of every item of a list. */
export function clearAllItemScopes(db: Database.Database, listId: string): void {
  sql(
    db,
    `DELETE FROM sp_role_assignments WHERE scope IN
       (SELECT list_id || '/' || item_id FROM sp_item_scopes WHERE list_id = ?)`,
  ).run(listId);
  sql(db, "DELETE FROM sp_item_scopes WHERE list_id = ?").run(listId);
}

/**
 * Resolves each item's permissions for one user in one request: items that inherit share the
 * list's mask; each item with unique permissions is looked up once.
 */
export function itemMaskResolver(
  db: Database.Database,
  user: PrincipalRow,
  list: ListRow,
  listMask: Mask,
): (itemId: number) => Mask {
  const unique = uniqueItemIds(db, list.id);
  const seen = new Map<number, Mask>();
  return (itemId) => {
    if (!unique.has(itemId)) return listMask;
    let m = seen.get(itemId);
    if (m === undefined) {
      m = maskInScope(db, user, itemScope(list.id, itemId));
      seen.set(itemId, m);
    }
    return m;
  };
}

/**
 * Who may see a list at all: SharePoint security-trims lists the user cannot view items of
 * (View Items on the list).
 */
export function canSeeList(db: Database.Database, user: PrincipalRow, list: ListRow): boolean {
  return hasPermission(effectiveMask(db, user, list), PermissionKind.ViewListItems);
}

/** Whether any column of the list enforces unique values (EnforceUniqueValues). */
export function hasUniqueColumn(db: Database.Database, listId: string): boolean {
  return fieldsOf(db, listId).some((f) => fieldProps(f).EnforceUniqueValues === true);
}
