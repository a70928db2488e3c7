/**
 * The SharePoint site's storage in the local Microsoft 365: lists, fields, items, site users,
 * site groups and role assignments, in SQLite tables prefixed `sp_`. Shared by the list/field
 * routes, the item routes and `$batch`.
 *
 * Facts mirrored from SharePoint Online:
 * - principals (users and groups) share one id space per site (SP.Principal.Id);
 * - role definition ids are fixed: Full Control 1073741829, Design 1073741828,
 *   Edit 1073741830, Contribute 1073741827, Read 1073741826
 *   (https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee536458(v=office.15));
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

export const ROLE = {
  FullControl: 1073741829,
  Design: 1073741828,
  Edit: 1073741830,
  Contribute: 1073741827,
  Read: 1073741826,
} as const;

export const ROLE_DEFINITIONS: readonly { id: number; name: string; roleTypeKind: number }[] = [
  { id: ROLE.FullControl, name: "Full Control", roleTypeKind: 5 },
  { id: ROLE.Design, name: "Design", roleTypeKind: 4 },
  { id: ROLE.Edit, name: "Edit", roleTypeKind: 6 },
  { id: ROLE.Contribute, name: "Contribute", roleTypeKind: 3 },
  { id: ROLE.Read, name: "Read", roleTypeKind: 2 },
];

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
    -- items with unique permissions (HasUniqueRoleAssignments); the others inherit the list's
    CREATE TABLE IF NOT EXISTS sp_item_scopes (
      list_id TEXT NOT NULL,
      item_id INTEGER NOT NULL,
      PRIMARY KEY (list_id, item_id)
    );
  `);
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
  const has = db.prepare("SELECT COUNT(*) AS n FROM sp_principals").get() as { n: number };
  if (has.n > 0) return;
  const insert = db.prepare(
    `INSERT INTO sp_principals (id, principal_type, login_name, title, email, upn, description, is_site_admin, owner_id)
     VALUES (@id, @principal_type, @login_name, @title, @email, @upn, @description, @is_site_admin, @owner_id)`,
  );
  db.transaction(() => {
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
        db.prepare("INSERT INTO sp_group_members (group_id, user_id) VALUES (?, ?)").run(
          id,
          userIds.get(u.upn),
        );
      }
      db.prepare(
        "INSERT INTO sp_role_assignments (scope, principal_id, role_def_id) VALUES ('', ?, ?)",
      ).run(id, g.name === "Ejere" ? ROLE.FullControl : ROLE.Read);
    }
  })();
}

export function principalByUpn(db: Database.Database, upn: string): PrincipalRow | undefined {
  return db
    .prepare("SELECT * FROM sp_principals WHERE principal_type = 1 AND upn = ? COLLATE NOCASE")
    .get(upn) as PrincipalRow | undefined;
}

/** Ensures a site user exists for a tenant user (web.ensureUser), returning the row. */
export function ensureSiteUser(db: Database.Database, user: DemoUser): PrincipalRow {
  const found = principalByUpn(db, user.upn);
  if (found) return found;
  const max = db.prepare("SELECT MAX(id) AS m FROM sp_principals").get() as { m: number | null };
  const id = (max.m ?? 6) + 1;
  db.prepare(
    `INSERT INTO sp_principals (id, principal_type, login_name, title, email, upn) VALUES (?, 1, ?, ?, ?, ?)`,
  ).run(id, claimsLogin(user.upn), user.displayName, user.upn, user.upn);
  return principalByUpn(db, user.upn) as PrincipalRow;
}

export function isTenantUpn(upn: string): boolean {
  return upn.toLowerCase().endsWith(`@${TENANT_DOMAIN}`);
}

/** Group ids the principal belongs to. */
export function groupIdsOf(db: Database.Database, userId: number): number[] {
  return (
    db.prepare("SELECT group_id FROM sp_group_members WHERE user_id = ?").all(userId) as {
      group_id: number;
    }[]
  ).map((r) => r.group_id);
}

/**
 * Effective access, in the order SharePoint's permission levels nest:
 * - read: View Items;
 * - contribute: Add/Edit/Delete Items, subject to the list's item-level security
 *   (ReadSecurity/WriteSecurity = 2 limits the user to items they created);
 * - manage: Edit level (adds Manage Lists), which bypasses item-level security;
 * - full: Design / Full Control.
 */
export type Access = "none" | "read" | "contribute" | "manage" | "full";

const ACCESS_RANK: Record<Access, number> = { none: 0, read: 1, contribute: 2, manage: 3, full: 4 };

function accessOfRole(roleDefId: number): Access {
  if (roleDefId === ROLE.FullControl || roleDefId === ROLE.Design) return "full";
  if (roleDefId === ROLE.Edit) return "manage";
  if (roleDefId === ROLE.Contribute) return "contribute";
  if (roleDefId === ROLE.Read) return "read";
  return "none";
}

/**
 * The user's effective access to a scope (a list with unique permissions, else the web):
 * the highest role granted to the user or any group they are in. Site collection admins
 * have full control everywhere.
 */
export function accessOf(
  db: Database.Database,
  user: PrincipalRow,
  list?: ListRow,
  itemId?: number,
): Access {
  if (user.is_site_admin) return "full";
  return accessInScope(db, user, effectiveScope(db, list, itemId));
}

/** The user's access in one stored scope ('' web, a list id, or an item's scope). */
export function accessInScope(db: Database.Database, user: PrincipalRow, scope: string): Access {
  if (user.is_site_admin) return "full";
  const principals = [user.id, ...groupIdsOf(db, user.id)];
  const rows = db
    .prepare(
      `SELECT role_def_id FROM sp_role_assignments WHERE scope = ? AND principal_id IN (${principals
        .map(() => "?")
        .join(",")})`,
    )
    .all(scope, ...principals) as { role_def_id: number }[];
  let best: Access = "none";
  for (const r of rows) {
    const a = accessOfRole(r.role_def_id);
    if (ACCESS_RANK[a] > ACCESS_RANK[best]) best = a;
  }
  return best;
}

export function atLeast(have: Access, need: Access): boolean {
  return ACCESS_RANK[have] >= ACCESS_RANK[need];
}

/** Finds a list by title (getByTitle), by id (lists(guid'...')) or by URL name (getList). */
export function findList(
  db: Database.Database,
  by: { title?: string; id?: string; urlName?: string },
): ListRow | undefined {
  if (by.id !== undefined)
    return db.prepare("SELECT * FROM sp_lists WHERE id = ? COLLATE NOCASE").get(by.id) as
      ListRow | undefined;
  if (by.title !== undefined)
    return db.prepare("SELECT * FROM sp_lists WHERE title = ?").get(by.title) as
      ListRow | undefined;
  if (by.urlName !== undefined)
    return db.prepare("SELECT * FROM sp_lists WHERE url_name = ?").get(by.urlName) as
      ListRow | undefined;
  return undefined;
}

export function fieldsOf(db: Database.Database, listId: string): FieldRow[] {
  return db
    .prepare("SELECT * FROM sp_fields WHERE list_id = ? ORDER BY sort")
    .all(listId) as FieldRow[];
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
  return (db
    .prepare("SELECT * FROM sp_fields WHERE list_id = ? AND internal_name = ?")
    .get(listId, nameOrTitle) ??
    db
      .prepare("SELECT * FROM sp_fields WHERE list_id = ? AND title = ? COLLATE NOCASE")
      .get(listId, nameOrTitle)) as FieldRow | undefined;
}

/**
 * The base permission masks of the permission levels, as SharePoint Online reports them in
 * `RoleDefinition.BasePermissions` and `EffectiveBasePermissions` (SP.BasePermissions).
 */
export const BASE_PERMISSIONS: Record<number, { High: string; Low: string }> = {
  [ROLE.FullControl]: { High: "2147483647", Low: "4294967295" },
  [ROLE.Design]: { High: "432", Low: "1012866047" },
  [ROLE.Edit]: { High: "432", Low: "1011030767" },
  [ROLE.Contribute]: { High: "432", Low: "1011028991" },
  [ROLE.Read]: { High: "176", Low: "138612833" },
};

/** The permission level an access grade stands for (for EffectiveBasePermissions). */
export const ROLE_OF_ACCESS: Record<Access, number | undefined> = {
  none: undefined,
  read: ROLE.Read,
  contribute: ROLE.Contribute,
  manage: ROLE.Edit,
  full: ROLE.FullControl,
};

export function principalById(db: Database.Database, id: number): PrincipalRow | undefined {
  return db.prepare("SELECT * FROM sp_principals WHERE id = ?").get(id) as PrincipalRow | undefined;
}

export function principalByLogin(
  db: Database.Database,
  loginName: string,
): PrincipalRow | undefined {
  return db.prepare("SELECT * FROM sp_principals WHERE login_name = ?").get(loginName) as
    PrincipalRow | undefined;
}

/** A SharePoint group of the site by name (case-insensitive, as SharePoint matches it). */
export function groupByName(db: Database.Database, name: string): PrincipalRow | undefined {
  return db
    .prepare("SELECT * FROM sp_principals WHERE principal_type = 8 AND title = ? COLLATE NOCASE")
    .get(name) as PrincipalRow | undefined;
}

/** Users of a SharePoint group. */
export function membersOf(db: Database.Database, groupId: number): PrincipalRow[] {
  return db
    .prepare(
      `SELECT p.* FROM sp_principals p JOIN sp_group_members m ON m.user_id = p.id
       WHERE m.group_id = ? ORDER BY p.id`,
    )
    .all(groupId) as PrincipalRow[];
}

/** Groups a user belongs to. */
export function groupsOf(db: Database.Database, userId: number): PrincipalRow[] {
  return db
    .prepare(
      `SELECT p.* FROM sp_principals p JOIN sp_group_members m ON m.group_id = p.id
       WHERE m.user_id = ? ORDER BY p.id`,
    )
    .all(userId) as PrincipalRow[];
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
  return (
    db
      .prepare("SELECT 1 FROM sp_item_scopes WHERE list_id = ? AND item_id = ?")
      .get(listId, itemId) !== undefined
  );
}

/** Ids of the list's items that have their own permissions. */
export function uniqueItemIds(db: Database.Database, listId: string): Set<number> {
  return new Set(
    (
      db.prepare("SELECT item_id FROM sp_item_scopes WHERE list_id = ?").all(listId) as {
        item_id: number;
      }[]
    ).map((r) => r.item_id),
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
  db.prepare("DELETE FROM sp_role_assignments WHERE scope = ?").run(itemScope(listId, itemId));
  db.prepare("DELETE FROM sp_item_scopes WHERE list_id = ? AND item_id = ?").run(listId, itemId);
}

/** Drops the own permissions of every item of a list. */
export function clearAllItemScopes(db: Database.Database, listId: string): void {
  db.prepare(
    `DELETE FROM sp_role_assignments WHERE scope IN
       (SELECT list_id || '/' || item_id FROM sp_item_scopes WHERE list_id = ?)`,
  ).run(listId);
  db.prepare("DELETE FROM sp_item_scopes WHERE list_id = ?").run(listId);
}

/**
 * Resolves each item's access for one user in one request: items that inherit share the list's
 * access; each item with unique permissions is looked up once.
 */
export function itemAccessResolver(
  db: Database.Database,
  user: PrincipalRow,
  list: ListRow,
  listAccess: Access,
): (itemId: number) => Access {
  const unique = uniqueItemIds(db, list.id);
  const seen = new Map<number, Access>();
  return (itemId) => {
    if (!unique.has(itemId)) return listAccess;
    let a = seen.get(itemId);
    if (a === undefined) {
      a = accessInScope(db, user, itemScope(list.id, itemId));
      seen.set(itemId, a);
    }
    return a;
  };
}

/** Who may see a list at all: SharePoint security-trims lists the user cannot read. */
export function canSeeList(db: Database.Database, user: PrincipalRow, list: ListRow): boolean {
  return atLeast(accessOf(db, user, list), "read");
}
