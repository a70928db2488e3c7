/**
 * The permission levels Digistyr grants, as `SP.BasePermissions` masks, and what each key of
 * lists-schema's `permissions` vocabulary becomes on a SharePoint site.
 *
 * A mask is 64 bits split in two 32-bit words, `High` and `Low`; SP.PermissionKind k is bit
 * k − 1 of the 64-bit value
 * (https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee536458(v=office.15)).
 * The built-in levels are written here by their permissions and checked (tests) against the
 * masks SharePoint Online reports for them; the two custom levels add one permission to a
 * built-in one:
 *
 * - "Digistyr Redaktør" = Contribute + Override List Behaviors (SP.PermissionKind
 *   CancelCheckout, 9). Override List Behaviors is the only permission that passes a list's
 *   item-level security (ReadSecurity/WriteSecurity = 2); Design and Full Control have it,
 *   Edit does not. Unlike Design it adds no Manage Lists, Approve Items or page customisation.
 * - "Digistyr Læs alle" = Read + Override List Behaviors: reads everyone's items on a list with
 *   ReadSecurity 2 and writes none.
 *
 * https://learn.microsoft.com/sharepoint/understanding-permission-levels
 *
 * Domain knowledge shared by provisioning (which makes the levels, `src/provisioning/levels.ts`
 * re-exports this module) and the doctor (which checks them, in the tab too).
 */

/**
 * The keys of lists-schema's `permissions` vocabulary (`PermissionLevelKey` in
 * lists-schema/types.ts, the same union; the domain imports nothing from the schema files).
 */
export type PermissionLevelKey = "read" | "contribute" | "editor" | "readAll";

/** SP.PermissionKind values used here (the bit is value − 1). */
export const PermissionKind = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ApproveItems: 5,
  OpenItems: 6,
  ViewVersions: 7,
  DeleteVersions: 8,
  /** Shown as "Override List Behaviors" (formerly "Cancel Checkout"). */
  CancelCheckout: 9,
  ManagePersonalViews: 10,
  ManageLists: 12,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  CreateSSCSite: 23,
  ManagePermissions: 26,
  BrowseDirectories: 27,
  BrowseUserInfo: 28,
  AddDelPrivateWebParts: 29,
  UpdatePersonalWebParts: 30,
  ManageWeb: 31,
  UseClientIntegration: 37,
  UseRemoteAPIs: 38,
  CreateAlerts: 40,
  EditMyUserInfo: 41,
} as const;

/** SP.BasePermissions as SharePoint's REST API carries it: two unsigned 32-bit words. */
export interface BasePermissions {
  High: number;
  Low: number;
}

/** The mask holding exactly these permission kinds. */
export function maskOf(kinds: readonly number[]): BasePermissions {
  let value = 0n;
  for (const kind of kinds) {
    if (!Number.isInteger(kind) || kind < 1 || kind > 64) {
      throw new RangeError(`SP.PermissionKind ${kind} is not a single permission`);
    }
    value |= 1n << BigInt(kind - 1);
  }
  return { High: Number(value >> 32n), Low: Number(value & 0xffffffffn) };
}

/** Whether the mask holds the permission kind. */
export function hasPermission(mask: BasePermissions, kind: number): boolean {
  const word = kind > 32 ? mask.High : mask.Low;
  const bit = (kind - 1) % 32;
  return ((BigInt(word) >> BigInt(bit)) & 1n) === 1n;
}

/** The mask a role definition reports (`BasePermissions.High/Low` are strings in JSON). */
export function parseMask(raw: { High: unknown; Low: unknown } | undefined): BasePermissions {
  return { High: Number(raw?.High ?? 0), Low: Number(raw?.Low ?? 0) };
}

export function sameMask(a: BasePermissions, b: BasePermissions): boolean {
  return a.High === b.High && a.Low === b.Low;
}

const P = PermissionKind;

/** SharePoint's built-in Read: High 176, Low 138612833. */
export const READ_KINDS: readonly number[] = [
  P.ViewListItems,
  P.OpenItems,
  P.ViewVersions,
  P.ViewFormPages,
  P.Open,
  P.ViewPages,
  P.CreateSSCSite,
  P.BrowseUserInfo,
  P.UseClientIntegration,
  P.UseRemoteAPIs,
  P.CreateAlerts,
];

/** SharePoint's built-in Contribute: High 432, Low 1011028719. */
export const CONTRIBUTE_KINDS: readonly number[] = [
  ...READ_KINDS,
  P.AddListItems,
  P.EditListItems,
  P.DeleteListItems,
  P.DeleteVersions,
  P.ManagePersonalViews,
  P.BrowseDirectories,
  P.AddDelPrivateWebParts,
  P.UpdatePersonalWebParts,
  P.EditMyUserInfo,
];

/** A built-in level, found by its RoleTypeKind (the same on a Danish site, whatever its name). */
export interface BuiltInLevel {
  kind: "builtIn";
  /** SP.RoleType: Reader 2, Contributor 3, Administrator 5 (Full Control). */
  roleTypeKind: number;
  /** The English name, for reports. */
  name: string;
  mask: BasePermissions;
}

/** A level Digistyr creates (`POST _api/web/roledefinitions`), found again by its name. */
export interface CustomLevel {
  kind: "custom";
  name: string;
  description: string;
  /** Where SharePoint lists it among the levels (after the built-in ones). */
  order: number;
  mask: BasePermissions;
}

export type PermissionLevel = BuiltInLevel | CustomLevel;

export const READ: BuiltInLevel = {
  kind: "builtIn",
  roleTypeKind: 2,
  name: "Read",
  mask: maskOf(READ_KINDS),
};

export const CONTRIBUTE: BuiltInLevel = {
  kind: "builtIn",
  roleTypeKind: 3,
  name: "Contribute",
  mask: maskOf(CONTRIBUTE_KINDS),
};

/** The owners group's level on every list (Administrator). */
export const FULL_CONTROL: BuiltInLevel = {
  kind: "builtIn",
  roleTypeKind: 5,
  name: "Full Control",
  mask: { High: 2147483647, Low: 4294967295 },
};

export const EDITOR: CustomLevel = {
  kind: "custom",
  name: "Digistyr Redaktør",
  description:
    "Digistyr: kan se, tilføje, redigere og slette elementer, også andres i lister, hvor man ellers kun må redigere sine egne (Bidrag + Override List Behaviors). Kan ikke ændre lister eller tilladelser.",
  order: 200,
  mask: maskOf([...CONTRIBUTE_KINDS, P.CancelCheckout]),
};

export const READ_ALL: CustomLevel = {
  kind: "custom",
  name: "Digistyr Læs alle",
  description:
    "Digistyr: kan se alle elementer, også andres i lister, hvor man ellers kun ser sine egne (Læse + Override List Behaviors). Kan ikke skrive.",
  order: 201,
  mask: maskOf([...READ_KINDS, P.CancelCheckout]),
};

/** The levels Digistyr creates, in the order it creates them. */
export const CUSTOM_LEVELS: readonly CustomLevel[] = [EDITOR, READ_ALL];

/** What each key of lists-schema's `permissions` becomes. */
export const LEVEL_OF: Readonly<Record<PermissionLevelKey, PermissionLevel>> = {
  read: READ,
  contribute: CONTRIBUTE,
  editor: EDITOR,
  readAll: READ_ALL,
};

/** The keys in the order a list's assignments are reported. */
export const LEVEL_KEYS: readonly PermissionLevelKey[] = [
  "read",
  "contribute",
  "editor",
  "readAll",
];

/**
 * Permissions no committee group (Medlemmer, Formand, Sekretariat, Bidragydere) may hold on a
 * list: they change the list itself or who may do what, which only the owners group and the
 * provisioning identity do.
 */
export const FORBIDDEN_FOR_COMMITTEE: readonly number[] = [
  P.ManageLists,
  P.ManagePermissions,
  P.ManageWeb,
];

/** The forbidden permissions a mask holds (empty: a committee group may be given it). */
export function forbiddenIn(mask: BasePermissions): number[] {
  return FORBIDDEN_FOR_COMMITTEE.filter((kind) => hasPermission(mask, kind));
}
