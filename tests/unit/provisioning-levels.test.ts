/**
 * The permission levels provisioning grants, as SP.BasePermissions masks: the built-in ones
 * written by their permissions must equal what SharePoint Online reports for them, the custom
 * ones add exactly Override List Behaviors, and lists-schema's vocabulary maps onto them.
 * https://learn.microsoft.com/sharepoint/understanding-permission-levels
 */
import type { PermissionLevelKey } from "../../lists-schema/types.js";
import {
  CONTRIBUTE,
  CONTRIBUTE_KINDS,
  EDITOR,
  forbiddenIn,
  FULL_CONTROL,
  hasPermission,
  LEVEL_OF,
  maskOf,
  parseMask,
  PermissionKind,
  READ,
  READ_ALL,
  READ_KINDS,
  sameMask,
} from "../../src/provisioning/levels.js";

/** Masks SharePoint Online reports in RoleDefinition.BasePermissions for its built-in levels. */
const SHAREPOINT_ONLINE = {
  read: { High: 176, Low: 138612833 },
  contribute: { High: 432, Low: 1011028719 },
  edit: { High: 432, Low: 1011030767 },
  design: { High: 432, Low: 1012866047 },
  fullControl: { High: 2147483647, Low: 4294967295 },
};

describe("SP.BasePermissions masks", () => {
  it.each([
    ["Read", READ.mask, SHAREPOINT_ONLINE.read],
    ["Contribute", CONTRIBUTE.mask, SHAREPOINT_ONLINE.contribute],
    [
      "Edit (Contribute + Manage Lists)",
      maskOf([...CONTRIBUTE_KINDS, PermissionKind.ManageLists]),
      SHAREPOINT_ONLINE.edit,
    ],
    ["Full Control", FULL_CONTROL.mask, SHAREPOINT_ONLINE.fullControl],
  ])("%s written by its permissions is SharePoint Online's mask", (_name, ours, theirs) => {
    expect(ours).toEqual(theirs);
  });

  it.each([
    [1, { High: 0, Low: 1 }],
    [9, { High: 0, Low: 256 }],
    [32, { High: 0, Low: 2147483648 }],
    [33, { High: 1, Low: 0 }],
    [64, { High: 2147483648, Low: 0 }],
  ])("permission kind %i is bit kind − 1 of the 64-bit value", (kind, mask) => {
    expect(maskOf([kind])).toEqual(mask);
    expect(hasPermission(mask, kind)).toBe(true);
    expect(hasPermission(mask, kind === 1 ? 2 : kind - 1)).toBe(false);
  });

  it.each([0, 65, 1.5])("refuses %p as a permission kind", (kind) => {
    expect(() => maskOf([kind])).toThrow(RangeError);
  });

  it("reads the strings SharePoint's JSON carries and compares masks by value", () => {
    const parsed = parseMask({ High: "432", Low: "1011028975" });
    expect(parsed).toEqual({ High: 432, Low: 1011028975 });
    expect(sameMask(parsed, EDITOR.mask)).toBe(true);
    expect(sameMask(parsed, CONTRIBUTE.mask)).toBe(false);
    expect(parseMask(undefined)).toEqual({ High: 0, Low: 0 });
  });
});

describe("Digistyr's own permission levels", () => {
  it("Digistyr Redaktør is Contribute plus Override List Behaviors and nothing else", () => {
    expect(EDITOR.name).toBe("Digistyr Redaktør");
    expect(EDITOR.mask).toEqual({ High: 432, Low: 1011028719 + 256 });
    expect(hasPermission(EDITOR.mask, PermissionKind.CancelCheckout)).toBe(true);
    expect(hasPermission(CONTRIBUTE.mask, PermissionKind.CancelCheckout)).toBe(false);
  });

  it("Digistyr Læs alle is Read plus Override List Behaviors: it adds, edits and deletes nothing", () => {
    expect(READ_ALL.name).toBe("Digistyr Læs alle");
    expect(READ_ALL.mask).toEqual({ High: 176, Low: 138612833 + 256 });
    for (const write of [
      PermissionKind.AddListItems,
      PermissionKind.EditListItems,
      PermissionKind.DeleteListItems,
    ]) {
      expect(hasPermission(READ_ALL.mask, write)).toBe(false);
    }
    expect(READ_KINDS.every((k) => hasPermission(READ_ALL.mask, k))).toBe(true);
  });

  it.each([
    ["Read", READ.mask],
    ["Contribute", CONTRIBUTE.mask],
    ["Digistyr Redaktør", EDITOR.mask],
    ["Digistyr Læs alle", READ_ALL.mask],
  ])("%s holds no Manage Lists, Manage Permissions or Manage Web Site", (_name, mask) => {
    expect(forbiddenIn(mask)).toEqual([]);
  });

  it.each([
    ["Edit", SHAREPOINT_ONLINE.edit, [PermissionKind.ManageLists]],
    ["Design", SHAREPOINT_ONLINE.design, [PermissionKind.ManageLists]],
    [
      "Full Control",
      SHAREPOINT_ONLINE.fullControl,
      [PermissionKind.ManageLists, PermissionKind.ManagePermissions, PermissionKind.ManageWeb],
    ],
  ])("%s is refused for a committee group", (_name, mask, forbidden) => {
    expect(forbiddenIn(mask)).toEqual(forbidden);
  });
});

describe("lists-schema's permission vocabulary", () => {
  it.each<[PermissionLevelKey, string, string]>([
    ["read", "Read", "builtIn"],
    ["contribute", "Contribute", "builtIn"],
    ["editor", "Digistyr Redaktør", "custom"],
    ["readAll", "Digistyr Læs alle", "custom"],
  ])("%s becomes %s (%s)", (key, name, kind) => {
    expect(LEVEL_OF[key]).toMatchObject({ name, kind });
  });

  it("finds the built-in levels by RoleTypeKind (Reader 2, Contributor 3), whatever the site's language", () => {
    expect(LEVEL_OF.read).toMatchObject({ roleTypeKind: 2 });
    expect(LEVEL_OF.contribute).toMatchObject({ roleTypeKind: 3 });
    expect(FULL_CONTROL.roleTypeKind).toBe(5);
  });
});
