/**
 * The doctor's rules (src/domain/readiness.ts), one fact broken at a time on a tenant that
 * otherwise matches the blueprint built from lists-schema, the provisioning levels and the
 * permission declaration.
 */
import { listSchemas } from "../../lists-schema/index.js";
import { COMMITTEE_GROUPS, tenantBlueprint } from "../../src/adapters/tenant/blueprint.js";
import {
  checkGroup,
  checkLevel,
  checkList,
  checkListPermissions,
  checkScope,
  checkWebPermissions,
  type DeclaredPermission,
  excessScopes,
  type FieldFacts,
  kindsOf,
  type ListBlueprint,
  maskHas,
  type PermissionContext,
  type RoleDefinitionFacts,
  scopeSatisfied,
} from "../../src/domain/readiness.js";
import { TAB_PERMISSIONS } from "../../src/host/permissions.js";
import { SITE_GROUPS } from "../../src/provisioning/index.js";
import {
  CONTRIBUTE,
  EDITOR,
  LEVEL_KEYS,
  LEVEL_OF,
  PermissionKind,
  READ,
  READ_ALL,
  READ_KINDS,
} from "../../src/provisioning/levels.js";
import { BLUEPRINT, OWNERS, readyTenant } from "../support/builders-doctor.js";

const list = (name: string): ListBlueprint => BLUEPRINT.lists.find((l) => l.name === name)!;

function listRow(
  name: string,
  change: (facts: {
    fields: FieldFacts[];
    list: ReturnType<typeof readyTenant>["lists"][0];
  }) => void,
  options = { seesEverything: true },
) {
  const t = readyTenant();
  const facts = t.lists.find((l) => l.name === name)!;
  const fields = t.fields.get(name)!.map((f) => ({ ...f }));
  change({ fields, list: facts });
  return checkList(list(name), facts, fields, new Map(t.lists.map((l) => [l.name, l.id])), options);
}

const field = (fields: FieldFacts[], name: string) => fields.find((f) => f.name === name)!;

describe("the blueprint", () => {
  test("holds every list of lists-schema, the four levels with their masks and the committee's groups", () => {
    expect(BLUEPRINT.lists.map((l) => l.name)).toEqual(listSchemas.map((s) => s.name));
    expect(BLUEPRINT.levels.map((l) => [l.key, l.name, l.mask])).toEqual(
      LEVEL_KEYS.map((k) => [k, LEVEL_OF[k].name, LEVEL_OF[k].mask]),
    );
    expect(COMMITTEE_GROUPS).toEqual(SITE_GROUPS.map((g) => g.name));
    expect(BLUEPRINT.permissions).toBe(TAB_PERMISSIONS);
  });

  test("gives each list's groups the levels lists-schema names", () => {
    expect(list("Ballots").grants).toEqual([
      { group: "Medlemmer", level: "contribute" },
      { group: "Formand", level: "readAll" },
      { group: "Sekretariat", level: "readAll" },
    ]);
  });

  test("takes the declaration it is given", () => {
    const only: DeclaredPermission[] = [
      { resource: "graph", scope: "User.Read", why: "x", adminConsent: false },
    ];
    expect(tenantBlueprint(only).permissions).toBe(only);
  });
});

describe("a list against lists-schema", () => {
  test("as provisioned: ok", () => {
    expect(listRow("Initiatives", () => undefined)).toMatchObject({ status: "ok", findings: [] });
  });

  test.each([
    [
      "item-level read access differs",
      (x: { list: { readSecurity: number } }) => (x.list.readSecurity = 1),
      "Ballots",
      "list.readSecurity",
      "failure",
    ],
    [
      "versioning is off",
      (x: { list: { versioning: boolean } }) => (x.list.versioning = false),
      "Initiatives",
      "list.versioningOff",
      "failure",
    ],
  ])("%s", (_name, change, name, code, status) => {
    const row = listRow(name, change);
    expect(row.status).toBe(status);
    expect(row.findings.map((f) => f.code)).toEqual([code]);
    expect(row.fix).toEqual({ code: "fix.provision" });
  });

  test.each<[string, (fields: FieldFacts[]) => void, string, "failure" | "warning"]>([
    [
      "a field missing",
      (f) => f.splice(f.indexOf(field(f, "Summary")), 1),
      "field.missing",
      "failure",
    ],
    [
      "an optional field made required",
      (f) => (field(f, "Summary").required = true),
      "field.required",
      "failure",
    ],
    [
      "a required field made optional",
      (f) => (field(f, "Area").required = false),
      "field.notRequired",
      "warning",
    ],
    ["an index dropped", (f) => (field(f, "Area").indexed = false), "field.notIndexed", "failure"],
    [
      "a choice missing",
      (f) => (field(f, "Phase").choices = field(f, "Phase").choices.slice(1)),
      "field.choicesMissing",
      "failure",
    ],
    [
      "an extra choice",
      (f) => (field(f, "Phase").choices = [...field(f, "Phase").choices, "Andet"]),
      "field.choicesExtra",
      "warning",
    ],
  ])("%s on Initiatives", (_name, change, code, status) => {
    const row = listRow("Initiatives", ({ fields }) => change(fields));
    expect(row.status).toBe(status);
    expect(row.findings.map((f) => f.code)).toEqual([code]);
  });

  test("a field of the wrong type: the fix says SharePoint cannot change a type", () => {
    const row = listRow(
      "Initiatives",
      ({ fields }) => (field(fields, "Summary").typeName = "Text"),
    );
    expect(row).toMatchObject({
      status: "failure",
      findings: [{ code: "field.type", params: { field: "Summary", have: "Text", want: "Note" } }],
      fix: { code: "fix.fieldType", params: { list: "Initiatives" } },
    });
  });

  test("a lookup pointing at another list fails", () => {
    const row = listRow(
      "Initiatives",
      ({ fields }) => (field(fields, "Area").lookupListId = "{X}"),
    );
    expect(row.findings).toEqual([
      { code: "field.lookupTarget", params: { field: "Area", list: "Areas" } },
    ]);
  });

  test("a unique column beside item-level security fails with its own fix", () => {
    const row = listRow("Ballots", ({ fields }) => (field(fields, "BallotKey").unique = true));
    expect(row).toMatchObject({
      status: "failure",
      findings: [{ code: "list.uniqueWithItemSecurity", params: { field: "BallotKey" } }],
      fix: { code: "fix.uniqueWithItemSecurity" },
    });
  });

  test("a unique column the schema does not ask for, on a list without item-level security, is a warning", () => {
    const row = listRow("Settings", ({ fields }) => (field(fields, "Value").unique = true));
    expect(row.status).toBe("warning");
    expect(row.findings.map((f) => f.code)).toEqual(["field.unique"]);
  });

  test("Settings' unique key not enforced is a warning", () => {
    const row = listRow("Settings", ({ fields }) => (field(fields, "SettingKey").unique = false));
    expect(row.status).toBe("warning");
    expect(row.findings.map((f) => f.code)).toEqual(["field.notUnique"]);
  });

  test("a list not found fails when an owner read the lists, and is a warning otherwise", () => {
    const t = readyTenant();
    const ids = new Map<string, string>();
    expect(
      checkList(list("Barriers"), undefined, undefined, ids, { seesEverything: true }),
    ).toMatchObject({
      status: "failure",
      findings: [{ code: "list.missing" }],
      fix: { code: "fix.provision" },
    });
    expect(
      checkList(list("Barriers"), undefined, undefined, ids, { seesEverything: false }),
    ).toMatchObject({
      status: "warning",
      findings: [{ code: "list.notVisible" }],
      fix: { code: "fix.runAsOwner" },
    });
    expect(t.lists.length).toBe(BLUEPRINT.lists.length);
  });
});

describe("permission levels", () => {
  const defs = () => readyTenant().definitions.map((d) => ({ ...d, mask: { ...d.mask } }));
  const level = (key: string) => BLUEPRINT.levels.find((l) => l.key === key)!;

  test("as provisioned: ok", () => {
    for (const l of BLUEPRINT.levels) {
      expect(checkLevel(l, defs(), BLUEPRINT.forbiddenKinds).status).toBe("ok");
    }
  });

  test("a custom level missing fails with the fix to provision", () => {
    const without = defs().filter((d) => d.name !== EDITOR.name);
    expect(checkLevel(level("editor"), without, BLUEPRINT.forbiddenKinds)).toMatchObject({
      status: "failure",
      findings: [{ code: "level.missing", params: { level: "Digistyr Redaktør" } }],
      fix: { code: "fix.provision" },
    });
  });

  test("a custom level narrowed names the permission it lacks", () => {
    const d = defs();
    d.find((x) => x.name === READ_ALL.name)!.mask = { ...READ.mask };
    expect(checkLevel(level("readAll"), d, BLUEPRINT.forbiddenKinds)).toMatchObject({
      status: "failure",
      findings: [
        { code: "level.missingPermissions", params: { permissions: "Override List Behaviors" } },
      ],
    });
  });

  test("a built-in level widened with Manage Lists fails; widened otherwise it is a warning", () => {
    const widened = (kinds: number[]) => {
      const d = defs();
      const read = d.find((x) => x.roleTypeKind === READ.roleTypeKind)!;
      read.mask = {
        High: read.mask.High,
        Low: kinds.reduce((low, k) => low + 2 ** (k - 1), read.mask.Low),
      };
      return checkLevel(level("read"), d, BLUEPRINT.forbiddenKinds);
    };
    expect(widened([PermissionKind.ManageLists])).toMatchObject({
      status: "failure",
      findings: [{ code: "level.extraPermissions", params: { permissions: "ManageLists" } }],
      fix: { code: "fix.builtInLevel", params: { level: "Read", permissions: "ManageLists" } },
    });
    expect(widened([PermissionKind.ApproveItems]).status).toBe("warning");
  });

  test("masks: Read holds exactly its kinds; Contribute has no Override List Behaviors", () => {
    expect(kindsOf(READ.mask)).toEqual([...READ_KINDS].sort((a, b) => a - b));
    expect(maskHas(CONTRIBUTE.mask, PermissionKind.CancelCheckout)).toBe(false);
    expect(maskHas(EDITOR.mask, PermissionKind.CancelCheckout)).toBe(true);
  });
});

describe("site groups", () => {
  const groups = () => readyTenant().groups.map((g) => ({ ...g }));

  test.each([
    ["present and visible", (g: ReturnType<typeof groups>) => g, "ok", []],
    [
      "missing",
      (g: ReturnType<typeof groups>) => g.filter((x) => x.title !== "Formand"),
      "failure",
      ["group.missing"],
    ],
    [
      "membership visible to members only",
      (g: ReturnType<typeof groups>) =>
        g.map((x) => (x.title === "Formand" ? { ...x, membershipVisibleToAll: false } : x)),
      "failure",
      ["group.membershipHidden"],
    ],
  ])("Formand %s", (_name, change, status, findings) => {
    const row = checkGroup("Formand", change(groups()));
    expect(row.status).toBe(status);
    expect(row.findings.map((f) => f.code)).toEqual(findings);
  });
});

describe("role assignments", () => {
  function context(): { ctx: PermissionContext; t: ReturnType<typeof readyTenant> } {
    const t = readyTenant();
    return { t, ctx: { blueprint: BLUEPRINT, groups: t.groups, ownerGroup: OWNERS } };
  }
  const def = (t: ReturnType<typeof readyTenant>, name: string) =>
    t.definitions.find((d) => d.name === name)!;
  const assignmentsOf = (t: ReturnType<typeof readyTenant>, name: string) => {
    const a = t.assignments.get(name);
    if (!Array.isArray(a)) throw new Error("no assignments");
    return a.map((x) => ({ ...x, levels: [...x.levels] }));
  };
  const groupId = (t: ReturnType<typeof readyTenant>, g: string) =>
    t.groups.find((x) => x.title === g)!.id;
  const facts = (t: ReturnType<typeof readyTenant>, name: string) =>
    t.lists.find((l) => l.name === name)!;

  test("as provisioned: ok", () => {
    const { t, ctx } = context();
    for (const l of BLUEPRINT.lists) {
      expect(
        checkListPermissions(l, facts(t, l.name), assignmentsOf(t, l.name), ctx),
      ).toMatchObject({ status: "ok" });
    }
    expect(checkWebPermissions(assignmentsOf(t, ""), ctx).status).toBe("ok");
  });

  test("Formand given Full Control fails, naming Formand and the level", () => {
    const { t, ctx } = context();
    const a = assignmentsOf(t, "Initiatives");
    a.find((x) => x.principalId === groupId(t, "Formand"))!.levels.push(def(t, "Full Control"));
    const row = checkListPermissions(list("Initiatives"), facts(t, "Initiatives"), a, ctx);
    expect(row.status).toBe("failure");
    expect(row.findings).toEqual([
      {
        code: "permissions.forbidden",
        params: {
          principal: "Formand",
          levels: "Full Control",
          permissions: "ManageLists, ManagePermissions, ManageWeb",
        },
      },
    ]);
    expect(row.fix).toEqual({ code: "fix.forbiddenGrant" });
  });

  test("a level with Manage Lists (like Edit) for Sekretariat fails the same way", () => {
    const { t, ctx } = context();
    const edit: RoleDefinitionFacts = {
      id: 1073741830,
      name: "Edit",
      roleTypeKind: 6,
      mask: { High: 432, Low: 1011030767 },
    };
    const a = assignmentsOf(t, "Initiatives");
    a.find((x) => x.principalId === groupId(t, "Sekretariat"))!.levels.splice(0, 1, edit);
    const row = checkListPermissions(list("Initiatives"), facts(t, "Initiatives"), a, ctx);
    expect(row.findings.map((f) => f.code)).toEqual([
      "permissions.forbidden",
      "permissions.missingGrant",
    ]);
  });

  test.each<
    [
      string,
      (
        t: ReturnType<typeof readyTenant>,
        a: ReturnType<typeof assignmentsOf>,
      ) => ReturnType<typeof assignmentsOf>,
      string[],
    ]
  >([
    [
      "a group without its level",
      (t, a) => a.filter((x) => x.principalId !== groupId(t, "Medlemmer")),
      ["permissions.missingGrant"],
    ],
    [
      "a group with a level the schema does not give",
      (t, a) => [
        ...a,
        {
          principalId: groupId(t, "Bidragydere"),
          principal: "Bidragydere",
          levels: [def(t, "Read")],
        },
      ],
      ["permissions.extraGrant"],
    ],
    [
      "the owners without Full Control",
      (_t, a) => a.filter((x) => x.principalId !== OWNERS.id),
      ["permissions.ownerMissing"],
    ],
  ])("%s fails", (_name, change, codes) => {
    const { t, ctx } = context();
    const row = checkListPermissions(
      list("Ballots"),
      facts(t, "Ballots"),
      change(t, assignmentsOf(t, "Ballots")),
      ctx,
    );
    expect(row.status).toBe("failure");
    expect(row.findings.map((f) => f.code)).toEqual(codes);
  });

  test("someone else with their own assignment is a warning, a powerful one named so", () => {
    const { t, ctx } = context();
    const a = [
      ...assignmentsOf(t, "Ballots"),
      { principalId: 99, principal: "Jonas Lind", levels: [def(t, "Full Control")] },
      { principalId: 98, principal: "Maja Lundgaard", levels: [def(t, "Read")] },
    ];
    const row = checkListPermissions(list("Ballots"), facts(t, "Ballots"), a, ctx);
    expect(row.status).toBe("warning");
    expect(row.findings.map((f) => f.code)).toEqual([
      "permissions.otherPowerful",
      "permissions.other",
    ]);
  });

  test("a list that inherits from the site fails", () => {
    const { t, ctx } = context();
    const f = { ...facts(t, "Ballots"), uniquePermissions: false };
    expect(checkListPermissions(list("Ballots"), f, [], ctx).findings).toEqual([
      { code: "permissions.inherits" },
    ]);
  });

  test("on the site itself a committee group with Full Control fails", () => {
    const { t, ctx } = context();
    const a = assignmentsOf(t, "");
    a.find((x) => x.principalId === groupId(t, "Sekretariat"))!.levels.push(def(t, "Full Control"));
    expect(checkWebPermissions(a, ctx)).toMatchObject({
      status: "failure",
      findings: [{ code: "permissions.forbidden", params: { principal: "Sekretariat" } }],
      fix: { code: "fix.webGrant" },
    });
  });
});

describe("delegated permissions", () => {
  test.each<[string, string[], boolean]>([
    ["Mail.Send", ["Mail.Send"], true],
    ["Mail.Send", ["mail.send"], true],
    ["Mail.Send", ["User.Read"], false],
    ["User.ReadBasic.All", ["User.Read.All"], true],
    ["User.ReadBasic.All", ["User.Read"], false],
    ["GroupMember.Read.All", ["Group.Read.All"], true],
    ["ChannelMessage.Read.All", ["ChannelMessage.Send"], false],
    ["AllSites.Write", ["AllSites.FullControl"], true],
    ["AllSites.Write", ["AllSites.Manage"], true],
    ["AllSites.Write", ["AllSites.Read"], false],
  ])("%s is satisfied by %j: %s", (declared, granted, expected) => {
    expect(scopeSatisfied(declared, granted)).toBe(expected);
  });

  const declared = (scope: string) => TAB_PERMISSIONS.find((p) => p.scope === scope)!;

  test("a claimed permission present: ok, saying where it was read", () => {
    expect(
      checkScope(declared("Mail.Send"), { kind: "claimed", source: "jwt", scopes: ["Mail.Send"] }),
    ).toMatchObject({ status: "ok", findings: [{ code: "scope.source.jwt" }] });
  });

  test.each([
    ["Mail.Send", "fix.scopeUserConsent"],
    ["GroupMember.Read.All", "fix.scopeAdminConsent"],
    ["ChannelMessage.Read.All", "fix.scopeAdminConsent"],
    ["AllSites.Write", "fix.scopeUserConsent"],
  ])("%s missing from the claim fails with %s", (scope, fix) => {
    const row = checkScope(declared(scope), { kind: "claimed", source: "dev", scopes: [] });
    expect(row).toMatchObject({
      status: "failure",
      findings: [{ code: "scope.notInToken", params: { scope } }, { code: "scope.why" }],
      fix: { code: fix, params: { scope } },
    });
  });

  test("a probe refused fails; a probe that cannot tell is a warning", () => {
    expect(
      checkScope(declared("Mail.Send"), { kind: "probed", outcome: "missing" }).findings[0],
    ).toEqual({ code: "scope.refused", params: { scope: "Mail.Send" } });
    expect(
      checkScope(declared("Mail.Send"), { kind: "probed", outcome: "unknown", detail: "HTTP 500" }),
    ).toMatchObject({
      status: "warning",
      findings: [{ code: "scope.unknown", params: { detail: "HTTP 500" } }, { code: "scope.why" }],
    });
  });

  test.each<[string[], string[]]>([
    [["AllSites.Write", "Mail.Send"], []],
    [["AllSites.FullControl"], ["AllSites.FullControl"]],
    [["AllSites.Manage", "User.Read"], ["AllSites.Manage"]],
  ])("beyond the tab's needs in %j: %j", (granted, extra) => {
    expect(excessScopes(TAB_PERMISSIONS, granted)).toEqual(extra);
  });
});
