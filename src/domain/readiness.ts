/**
 * Is a tenant ready for Digistyr? The rules the doctor (`npm run doctor`, the Systemtjek page)
 * applies to what it read from SharePoint and Graph: lists and fields as lists-schema describes
 * them, Digistyr's permission levels and the committee's site groups, each list's role
 * assignments, and the token's delegated permissions against the declaration.
 *
 * Pure: the expectations come in as a `TenantBlueprint` (built from lists-schema, the
 * provisioning levels and the permission declaration by `src/adapters/tenant/blueprint.ts`), the
 * facts as plain values read by an adapter. Every rule answers a `CheckRow` with codes and
 * parameters; the UI and the CLI translate them (`src/ui/i18n/features/doctor.*.json`).
 */
import {
  type BasePermissions,
  hasPermission,
  type PermissionLevelKey,
} from "./permission-levels.js";

export type CheckStatus = "ok" | "warning" | "failure";

/** What a row is about; the page and the CLI group rows by it, in this order. */
export const CHECK_AREAS = [
  "site",
  "lists",
  "levels",
  "groups",
  "permissions",
  "scopes",
  "teams",
  "calendar",
  "mail",
  "browser",
] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

export type CheckParams = Readonly<Record<string, string | number>>;

/** A translatable text: a code under `doctor.` and its parameters. */
export interface CheckText {
  code: string;
  params?: CheckParams;
}

/** One row of the doctor's report. */
export interface CheckRow {
  /** Stable id, e.g. `list:Initiatives`, `scope:graph:Mail.Send`. */
  id: string;
  area: CheckArea;
  status: CheckStatus;
  /** What was checked. */
  subject: CheckText;
  /** What was found: problems, and notes (e.g. what was not checked). */
  findings: CheckText[];
  /** For a failure (and some warnings): what to do, in plain words. */
  fix?: CheckText;
}

function text(code: string, params?: CheckParams): CheckText {
  return params ? { code, params } : { code };
}

// ---------------------------------------------------------------------------------------------
// Permission masks (SP.BasePermissions)

/** SP.BasePermissions: two unsigned 32-bit words; SP.PermissionKind k is bit k − 1. */
export type Mask = BasePermissions;

/**
 * The names of SP.PermissionKind, for messages
 * (https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee536458(v=office.15)).
 * CancelCheckout is shown in SharePoint as "Override List Behaviors".
 */
export const PERMISSION_KIND_NAMES: Readonly<Record<number, string>> = {
  1: "ViewListItems",
  2: "AddListItems",
  3: "EditListItems",
  4: "DeleteListItems",
  5: "ApproveItems",
  6: "OpenItems",
  7: "ViewVersions",
  8: "DeleteVersions",
  9: "Override List Behaviors",
  10: "ManagePersonalViews",
  12: "ManageLists",
  13: "ViewFormPages",
  14: "AnonymousSearchAccessList",
  17: "Open",
  18: "ViewPages",
  19: "AddAndCustomizePages",
  20: "ApplyThemeAndBorder",
  21: "ApplyStyleSheets",
  22: "ViewUsageData",
  23: "CreateSSCSite",
  24: "ManageSubwebs",
  25: "CreateGroups",
  26: "ManagePermissions",
  27: "BrowseDirectories",
  28: "BrowseUserInfo",
  29: "AddDelPrivateWebParts",
  30: "UpdatePersonalWebParts",
  31: "ManageWeb",
  32: "AnonymousSearchAccessWebLists",
  37: "UseClientIntegration",
  38: "UseRemoteAPIs",
  39: "ManageAlerts",
  40: "CreateAlerts",
  41: "EditMyUserInfo",
  63: "EnumeratePermissions",
};

/** Whether the mask holds the permission kind. */
export const maskHas: (mask: Mask, kind: number) => boolean = hasPermission;

/** The permission kinds a mask holds, lowest first. */
export function kindsOf(mask: Mask): number[] {
  const kinds: number[] = [];
  for (let k = 1; k <= 64; k++) if (maskHas(mask, k)) kinds.push(k);
  return kinds;
}

function kindNames(kinds: readonly number[]): string {
  return kinds.map((k) => PERMISSION_KIND_NAMES[k] ?? `#${k}`).join(", ");
}

function sameMask(a: Mask, b: Mask): boolean {
  return a.High === b.High && a.Low === b.Low;
}

// ---------------------------------------------------------------------------------------------
// The blueprint: what a ready site has

export type FieldKind =
  | "text"
  | "note"
  | "number"
  | "currency"
  | "boolean"
  | "choice"
  | "multichoice"
  | "datetime"
  | "person"
  | "multiperson"
  | "lookup"
  | "multilookup";

/**
 * SharePoint's TypeAsString per field kind; multi-valued person and lookup fields report
 * UserMulti / LookupMulti (SP.Field.TypeAsString,
 * https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee540543(v=office.15)).
 */
export const TYPE_AS_STRING: Readonly<Record<FieldKind, string>> = {
  text: "Text",
  note: "Note",
  number: "Number",
  currency: "Currency",
  boolean: "Boolean",
  choice: "Choice",
  multichoice: "MultiChoice",
  datetime: "DateTime",
  person: "User",
  multiperson: "UserMulti",
  lookup: "Lookup",
  multilookup: "LookupMulti",
};

export interface FieldBlueprint {
  /** Internal name. */
  name: string;
  type: FieldKind;
  required: boolean;
  indexed: boolean;
  unique: boolean;
  choices?: readonly string[];
  /** Internal (URL) name of the list a lookup points at. */
  lookupList?: string;
}

/** The levels lists-schema grants ("read", "contribute", "editor", "readAll"). */
export type LevelKey = PermissionLevelKey;

export interface ListBlueprint {
  /** Internal name: the list's URL segment (`/Lists/<name>`). */
  name: string;
  title: string;
  readSecurity: number;
  writeSecurity: number;
  fields: readonly FieldBlueprint[];
  /** Each committee group's level on the list; a group not named has none. */
  grants: readonly { group: string; level: LevelKey }[];
}

export interface LevelBlueprint {
  key: LevelKey;
  /** The name Digistyr gives a custom level; for a built-in one its English name. */
  name: string;
  /** Built-in levels are found by RoleTypeKind (the same on a Danish site), custom by name. */
  roleTypeKind?: number;
  mask: Mask;
}

/** One delegated permission of the declaration (`manifest/permissions.json`). */
export interface DeclaredPermission {
  resource: "graph" | "sharepoint";
  scope: string;
  why: string;
  adminConsent: boolean;
}

export interface TenantBlueprint {
  lists: readonly ListBlueprint[];
  levels: readonly LevelBlueprint[];
  /** The committee's site groups (Medlemmer, Formand, Sekretariat, Bidragydere). */
  groups: readonly string[];
  /** Full Control, which the owners group keeps on every list. */
  fullControl: { roleTypeKind: number; mask: Mask };
  /** Permission kinds no committee group may hold (Manage Lists, Manage Permissions, ...). */
  forbiddenKinds: readonly number[];
  /** What the tab's tokens must carry. */
  permissions: readonly DeclaredPermission[];
}

// ---------------------------------------------------------------------------------------------
// Facts: what the site says

export interface ListFacts {
  /** The URL segment after `/Lists/`. */
  name: string;
  title: string;
  id: string;
  readSecurity: number;
  writeSecurity: number;
  versioning: boolean;
  uniquePermissions: boolean;
}

export interface FieldFacts {
  name: string;
  /** SP.Field.TypeAsString. */
  typeName: string;
  required: boolean;
  indexed: boolean;
  unique: boolean;
  choices: readonly string[];
  /** The GUID of the list a lookup points at. */
  lookupListId?: string;
}

export interface RoleDefinitionFacts {
  id: number;
  name: string;
  roleTypeKind: number;
  mask: Mask;
}

export interface GroupFacts {
  id: number;
  title: string;
  /** False when only the group's members may see who is in it. */
  membershipVisibleToAll: boolean;
}

export interface RoleAssignmentFacts {
  principalId: number;
  principal: string;
  levels: readonly RoleDefinitionFacts[];
}

// ---------------------------------------------------------------------------------------------
// Lists and fields

function sameGuid(a: string | undefined, b: string | undefined): boolean {
  const norm = (v: string | undefined) => v?.replace(/[{}]/g, "").toLowerCase();
  return norm(a) !== undefined && norm(a) === norm(b);
}

/**
 * A list against its blueprint: it exists; ReadSecurity/WriteSecurity as the schema says (they
 * decide who sees and edits whose items); versioning on (counts rest on item versions); every
 * field there with its type, required, indexed, unique and choices; lookups pointing at the
 * right list; and no unique column beside item-level security, which SharePoint refuses
 * (https://learn.microsoft.com/sharepoint/dev/general-development/enforcing-uniqueness-in-column-values).
 *
 * `seesEverything`: the lists were read by a site owner; otherwise a list not found may only be
 * hidden from the reader, which is a warning.
 */
export function checkList(
  bp: ListBlueprint,
  list: ListFacts | undefined,
  fields: readonly FieldFacts[] | undefined,
  listIds: ReadonlyMap<string, string>,
  options: { seesEverything: boolean },
): CheckRow {
  const subject = text("list.subject", { title: bp.title, list: bp.name });
  const id = `list:${bp.name}`;
  if (!list) {
    return options.seesEverything
      ? {
          id,
          area: "lists",
          status: "failure",
          subject,
          findings: [text("list.missing", { list: bp.name })],
          fix: text("fix.provision"),
        }
      : {
          id,
          area: "lists",
          status: "warning",
          subject,
          findings: [text("list.notVisible", { list: bp.name })],
          fix: text("fix.runAsOwner"),
        };
  }
  const failures: CheckText[] = [];
  const warnings: CheckText[] = [];
  let typeWrong = false;
  let uniqueBesideSecurity = false;
  if (list.readSecurity !== bp.readSecurity) {
    failures.push(text("list.readSecurity", { have: list.readSecurity, want: bp.readSecurity }));
  }
  if (list.writeSecurity !== bp.writeSecurity) {
    failures.push(text("list.writeSecurity", { have: list.writeSecurity, want: bp.writeSecurity }));
  }
  if (!list.versioning) failures.push(text("list.versioningOff"));
  const itemLevel = list.readSecurity !== 1 || list.writeSecurity !== 1;
  const byName = new Map((fields ?? []).map((f) => [f.name.toLowerCase(), f] as const));
  for (const field of bp.fields) {
    const have = byName.get(field.name.toLowerCase());
    if (!have) {
      failures.push(text("field.missing", { field: field.name }));
      continue;
    }
    const want = TYPE_AS_STRING[field.type];
    if (have.typeName !== want) {
      failures.push(text("field.type", { field: field.name, have: have.typeName, want }));
      typeWrong = true;
      continue;
    }
    if (field.required && !have.required) {
      warnings.push(text("field.notRequired", { field: field.name }));
    }
    if (!field.required && have.required) {
      failures.push(text("field.required", { field: field.name }));
    }
    if (field.indexed && !have.indexed) {
      failures.push(text("field.notIndexed", { field: field.name }));
    }
    if (field.choices) {
      const missing = field.choices.filter((c) => !have.choices.includes(c));
      const extra = have.choices.filter((c) => !field.choices!.includes(c));
      if (missing.length > 0) {
        failures.push(
          text("field.choicesMissing", { field: field.name, choices: missing.join(", ") }),
        );
      }
      if (extra.length > 0) {
        warnings.push(text("field.choicesExtra", { field: field.name, choices: extra.join(", ") }));
      }
    }
    if (field.lookupList) {
      const target = listIds.get(field.lookupList);
      if (target !== undefined && !sameGuid(have.lookupListId, target)) {
        failures.push(text("field.lookupTarget", { field: field.name, list: field.lookupList }));
        typeWrong = true;
      }
    }
    if (have.unique && itemLevel) {
      failures.push(text("list.uniqueWithItemSecurity", { field: field.name }));
      uniqueBesideSecurity = true;
    } else if (field.unique && !have.unique && !itemLevel) {
      // Beside item-level security SharePoint cannot enforce it: nothing to ask for.
      warnings.push(text("field.notUnique", { field: field.name }));
    } else if (!field.unique && have.unique) {
      warnings.push(text("field.unique", { field: field.name }));
    }
  }
  if (failures.length > 0) {
    return {
      id,
      area: "lists",
      status: "failure",
      subject,
      findings: [...failures, ...warnings],
      fix: typeWrong
        ? text("fix.fieldType", { list: bp.name })
        : uniqueBesideSecurity
          ? text("fix.uniqueWithItemSecurity", { list: bp.name })
          : text("fix.provision"),
    };
  }
  if (warnings.length > 0) {
    return {
      id,
      area: "lists",
      status: "warning",
      subject,
      findings: warnings,
      fix: text("fix.provision"),
    };
  }
  return { id, area: "lists", status: "ok", subject, findings: [] };
}

// ---------------------------------------------------------------------------------------------
// Permission levels

/**
 * One level of the blueprint on the site. A built-in level (found by RoleTypeKind) is compared
 * with SharePoint's own mask: widened with a permission no committee group may hold it is a
 * failure (provisioning refuses to use it), otherwise a difference is a warning. A custom level
 * must exist with exactly its mask (provisioning creates or corrects it).
 */
export function checkLevel(
  bp: LevelBlueprint,
  definitions: readonly RoleDefinitionFacts[],
  forbiddenKinds: readonly number[],
): CheckRow {
  const id = `level:${bp.key}`;
  const subject = text("level.subject", { level: bp.name });
  const found =
    bp.roleTypeKind !== undefined
      ? definitions.find((d) => d.roleTypeKind === bp.roleTypeKind)
      : definitions.find((d) => d.name.toLowerCase() === bp.name.toLowerCase());
  if (!found) {
    return {
      id,
      area: "levels",
      status: "failure",
      subject,
      findings: [text("level.missing", { level: bp.name })],
      fix: text("fix.provision"),
    };
  }
  if (sameMask(found.mask, bp.mask))
    return { id, area: "levels", status: "ok", subject, findings: [] };
  const have = new Set(kindsOf(found.mask));
  const want = new Set(kindsOf(bp.mask));
  const added = [...have].filter((k) => !want.has(k));
  const removed = [...want].filter((k) => !have.has(k));
  const findings: CheckText[] = [];
  if (added.length > 0)
    findings.push(text("level.extraPermissions", { permissions: kindNames(added) }));
  if (removed.length > 0) {
    findings.push(text("level.missingPermissions", { permissions: kindNames(removed) }));
  }
  const forbidden = added.filter((k) => forbiddenKinds.includes(k));
  if (bp.roleTypeKind !== undefined) {
    return forbidden.length > 0
      ? {
          id,
          area: "levels",
          status: "failure",
          subject,
          findings,
          fix: text("fix.builtInLevel", { level: found.name, permissions: kindNames(forbidden) }),
        }
      : { id, area: "levels", status: "warning", subject, findings };
  }
  return { id, area: "levels", status: "failure", subject, findings, fix: text("fix.provision") };
}

// ---------------------------------------------------------------------------------------------
// Site groups

/**
 * A committee group exists, and everyone on the site may see who is in it: the app reads
 * Medlemmer and Formand to know who may vote and who wrote what (roles come from membership).
 * SharePoint's "Who can view the membership of the group" (OnlyAllowMembersViewMembership).
 */
export function checkGroup(name: string, groups: readonly GroupFacts[]): CheckRow {
  const id = `group:${name}`;
  const subject = text("group.subject", { group: name });
  const found = groups.find((g) => g.title.toLowerCase() === name.toLowerCase());
  if (!found) {
    return {
      id,
      area: "groups",
      status: "failure",
      subject,
      findings: [text("group.missing", { group: name })],
      fix: text("fix.provision"),
    };
  }
  if (!found.membershipVisibleToAll) {
    return {
      id,
      area: "groups",
      status: "failure",
      subject,
      findings: [text("group.membershipHidden", { group: name })],
      fix: text("fix.membershipVisible", { group: name }),
    };
  }
  return { id, area: "groups", status: "ok", subject, findings: [] };
}

// ---------------------------------------------------------------------------------------------
// Role assignments

/** The forbidden kinds a set of levels holds, and whether one of them is Full Control. */
function forbiddenHeld(
  levels: readonly RoleDefinitionFacts[],
  bp: TenantBlueprint,
): { levels: string[]; kinds: number[] } {
  const bad = levels.filter(
    (l) =>
      l.roleTypeKind === bp.fullControl.roleTypeKind ||
      bp.forbiddenKinds.some((k) => maskHas(l.mask, k)),
  );
  const kinds = new Set<number>();
  for (const l of bad) for (const k of bp.forbiddenKinds) if (maskHas(l.mask, k)) kinds.add(k);
  return { levels: bad.map((l) => l.name), kinds: [...kinds].sort((a, b) => a - b) };
}

/** Whether a site role definition is the blueprint level `key`. */
function isLevel(def: RoleDefinitionFacts, level: LevelBlueprint): boolean {
  return level.roleTypeKind !== undefined
    ? def.roleTypeKind === level.roleTypeKind
    : def.name.toLowerCase() === level.name.toLowerCase();
}

export interface PermissionContext {
  blueprint: TenantBlueprint;
  groups: readonly GroupFacts[];
  /** The site's owners group (keeps Full Control on every list). */
  ownerGroup: { id: number; title: string } | undefined;
}

/**
 * A list's role assignments against lists-schema: the list has permissions of its own; each
 * committee group has exactly its level and nothing else; no committee group holds Full Control
 * or a level with Manage Lists, Manage Permissions or Manage Web; the owners group keeps Full
 * Control. Anyone else with a direct assignment is named (a warning: provisioning leaves them).
 */
export function checkListPermissions(
  bp: ListBlueprint,
  list: ListFacts,
  assignments: readonly RoleAssignmentFacts[],
  ctx: PermissionContext,
): CheckRow {
  const id = `permissions:${bp.name}`;
  const subject = text("permissions.subject", { title: bp.title, list: bp.name });
  if (!list.uniquePermissions) {
    return {
      id,
      area: "permissions",
      status: "failure",
      subject,
      findings: [text("permissions.inherits")],
      fix: text("fix.provision"),
    };
  }
  const failures: CheckText[] = [];
  const warnings: CheckText[] = [];
  let forbiddenFound = false;
  const levelOf = (key: LevelKey) => ctx.blueprint.levels.find((l) => l.key === key);
  const managed = new Set<number>();
  for (const group of ctx.blueprint.groups) {
    const g = ctx.groups.find((x) => x.title.toLowerCase() === group.toLowerCase());
    if (!g) continue; // reported by the groups check
    managed.add(g.id);
    const held = assignments.filter((a) => a.principalId === g.id).flatMap((a) => a.levels);
    const forbidden = forbiddenHeld(held, ctx.blueprint);
    if (forbidden.levels.length > 0) {
      forbiddenFound = true;
      failures.push(
        text("permissions.forbidden", {
          principal: g.title,
          levels: forbidden.levels.join(", "),
          permissions: kindNames(forbidden.kinds) || "Full Control",
        }),
      );
    }
    const grant = bp.grants.find((x) => x.group.toLowerCase() === group.toLowerCase());
    const wanted = grant ? levelOf(grant.level) : undefined;
    if (wanted && !held.some((d) => isLevel(d, wanted))) {
      failures.push(text("permissions.missingGrant", { group: g.title, level: wanted.name }));
    }
    for (const d of held) {
      if (wanted && isLevel(d, wanted)) continue;
      if (forbidden.levels.includes(d.name)) continue;
      failures.push(text("permissions.extraGrant", { group: g.title, level: d.name }));
    }
  }
  if (ctx.ownerGroup) {
    const owner = ctx.ownerGroup;
    managed.add(owner.id);
    const held = assignments.filter((a) => a.principalId === owner.id).flatMap((a) => a.levels);
    if (!held.some((d) => d.roleTypeKind === ctx.blueprint.fullControl.roleTypeKind)) {
      failures.push(text("permissions.ownerMissing", { group: owner.title }));
    }
  }
  for (const a of assignments) {
    if (managed.has(a.principalId)) continue;
    const forbidden = forbiddenHeld(a.levels, ctx.blueprint);
    warnings.push(
      text(forbidden.levels.length > 0 ? "permissions.otherPowerful" : "permissions.other", {
        principal: a.principal,
        levels: a.levels.map((l) => l.name).join(", "),
      }),
    );
  }
  if (failures.length > 0) {
    return {
      id,
      area: "permissions",
      status: "failure",
      subject,
      findings: [...failures, ...warnings],
      fix: text(forbiddenFound ? "fix.forbiddenGrant" : "fix.provision"),
    };
  }
  if (warnings.length > 0) {
    return {
      id,
      area: "permissions",
      status: "warning",
      subject,
      findings: warnings,
      fix: text("fix.otherPrincipals", { list: bp.name }),
    };
  }
  return { id, area: "permissions", status: "ok", subject, findings: [] };
}

/**
 * The site's own (web) role assignments: no committee group holds Full Control or Manage
 * Lists / Manage Permissions / Manage Web there either (Manage Permissions on the web would let
 * them change Digistyr's permission levels, which are defined on the web).
 */
export function checkWebPermissions(
  assignments: readonly RoleAssignmentFacts[],
  ctx: PermissionContext,
): CheckRow {
  const subject = text("permissions.webSubject");
  const failures: CheckText[] = [];
  for (const group of ctx.blueprint.groups) {
    const g = ctx.groups.find((x) => x.title.toLowerCase() === group.toLowerCase());
    if (!g) continue;
    const held = assignments.filter((a) => a.principalId === g.id).flatMap((a) => a.levels);
    const forbidden = forbiddenHeld(held, ctx.blueprint);
    if (forbidden.levels.length > 0) {
      failures.push(
        text("permissions.forbidden", {
          principal: g.title,
          levels: forbidden.levels.join(", "),
          permissions: kindNames(forbidden.kinds) || "Full Control",
        }),
      );
    }
  }
  return failures.length > 0
    ? {
        id: "permissions:web",
        area: "permissions",
        status: "failure",
        subject,
        findings: failures,
        fix: text("fix.webGrant"),
      }
    : { id: "permissions:web", area: "permissions", status: "ok", subject, findings: [] };
}

// ---------------------------------------------------------------------------------------------
// Delegated permissions (scopes)

/**
 * Which granted permissions also satisfy a declared one: the higher-privileged delegated
 * permissions each Microsoft Graph API page lists beside the least-privileged one, and for
 * SharePoint the AllSites scopes that include the lower ones (Read < Write < Manage <
 * FullControl). Pages: user-get, user-list, group-list-members, user-post-events,
 * event-update, channel-post-messages, channel-list-messages, user-sendmail,
 * user-list-joinedteams, channel-list, channel-get (https://learn.microsoft.com/graph/api/<page>);
 * SharePoint: https://learn.microsoft.com/sharepoint/dev/sp-add-ins/add-in-permissions-in-sharepoint.
 */
export const ALSO_SATISFIED_BY: Readonly<Record<string, readonly string[]>> = {
  "User.Read": [
    "User.ReadWrite",
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  "User.ReadBasic.All": [
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  "GroupMember.Read.All": [
    "GroupMember.ReadWrite.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  "Calendars.ReadWrite": [],
  "ChannelMessage.Send": ["Group.ReadWrite.All"],
  "ChannelMessage.Read.All": ["ChannelMessage.ReadWrite", "Group.Read.All", "Group.ReadWrite.All"],
  "Mail.Send": [],
  "Team.ReadBasic.All": [
    "TeamSettings.Read.All",
    "TeamSettings.ReadWrite.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  "Channel.ReadBasic.All": [
    "ChannelSettings.Read.All",
    "ChannelSettings.ReadWrite.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  "AllSites.Read": ["AllSites.Write", "AllSites.Manage", "AllSites.FullControl"],
  "AllSites.Write": ["AllSites.Manage", "AllSites.FullControl"],
  "AllSites.Manage": ["AllSites.FullControl"],
};

/** Whether the granted scopes (case-insensitive) satisfy the declared one. */
export function scopeSatisfied(declared: string, granted: readonly string[]): boolean {
  const have = new Set(granted.map((s) => s.toLowerCase()));
  return [declared, ...(ALSO_SATISFIED_BY[declared] ?? [])].some((s) => have.has(s.toLowerCase()));
}

/** Where the doctor learnt a token's scopes. */
export type ScopeSource = "jwt" | "dev";

/** What is known about one declared permission. */
export type ScopeEvidence =
  | { kind: "claimed"; source: ScopeSource; scopes: readonly string[] }
  /** A harmless request that needs the permission was answered (or refused for lack of it). */
  | { kind: "probed"; outcome: "present" | "missing" | "unknown"; detail?: string };

/** One declared permission against what the token carries (or what a probe showed). */
export function checkScope(declared: DeclaredPermission, evidence: ScopeEvidence): CheckRow {
  const id = `scope:${declared.resource}:${declared.scope}`;
  const subject = text("scope.subject", {
    scope: declared.scope,
    resource: declared.resource === "graph" ? "Microsoft Graph" : "SharePoint",
  });
  const missing = (how: CheckText): CheckRow => ({
    id,
    area: "scopes",
    status: "failure",
    subject,
    findings: [how, text("scope.why", { why: declared.why })],
    fix: text(declared.adminConsent ? "fix.scopeAdminConsent" : "fix.scopeUserConsent", {
      scope: declared.scope,
      resource: declared.resource === "graph" ? "Microsoft Graph" : "SharePoint",
    }),
  });
  if (evidence.kind === "claimed") {
    const source = `scope.source.${evidence.source}`;
    return scopeSatisfied(declared.scope, evidence.scopes)
      ? { id, area: "scopes", status: "ok", subject, findings: [text(source)] }
      : missing(text("scope.notInToken", { scope: declared.scope }));
  }
  if (evidence.outcome === "present") {
    return { id, area: "scopes", status: "ok", subject, findings: [text("scope.source.probe")] };
  }
  if (evidence.outcome === "missing") {
    return missing(text("scope.refused", { scope: declared.scope }));
  }
  return {
    id,
    area: "scopes",
    status: "warning",
    subject,
    findings: [
      text("scope.unknown", { scope: declared.scope, detail: evidence.detail ?? "" }),
      text("scope.why", { why: declared.why }),
    ],
  };
}

/**
 * SharePoint scopes above what the tab needs: the tab must not carry AllSites.Manage or
 * AllSites.FullControl (nothing changes lists or permissions at run time). Only judged from a
 * token's claim; empty when it carries nothing more.
 */
export function excessScopes(
  declared: readonly DeclaredPermission[],
  granted: readonly string[],
): string[] {
  const needed = declared.filter((d) => d.resource === "sharepoint").map((d) => d.scope);
  const rank = ["AllSites.Read", "AllSites.Write", "AllSites.Manage", "AllSites.FullControl"];
  const top = Math.max(...needed.map((s) => rank.indexOf(s)));
  return granted.filter((g) => {
    const r = rank.findIndex((x) => x.toLowerCase() === g.toLowerCase());
    return r > top;
  });
}
