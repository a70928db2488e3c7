/**
 * The doctor against the local Microsoft 365: a provisioned, configured site passes every
 * check; sites broken on purpose (a list deleted, a field deleted or of another type, a
 * permission level narrowed, Formand given Full Control, a token without a declared
 * permission, a channel setting missing or naming a channel that does not exist) fail exactly
 * the row that names the break, with its fix; a site that does not answer stops the doctor.
 */
import { TAB_PERMISSIONS, TAB_SCOPES } from "../../src/host/permissions.js";
import { READ_ALL } from "../../src/provisioning/levels.js";
import { countByStatus, doctorExitCode, type DoctorReport } from "../../src/use-cases/doctor.js";
import {
  doctorAs,
  type DoctorSite,
  healthySiteImage,
  ownerAdmin,
  rest,
  siteFromImage,
  type SiteImage,
} from "../support/doctor.js";
import { scopedToken, startLocalM365 } from "../support/m365.js";

const SLOW = 60_000;

function row(report: DoctorReport, id: string) {
  const found = report.rows.find((r) => r.id === id);
  if (!found) throw new Error(`No row ${id}; rows: ${report.rows.map((r) => r.id).join(", ")}`);
  return found;
}

function codes(report: DoctorReport, id: string): string[] {
  return row(report, id).findings.map((f) => f.code);
}

/** Rows that are not ok, as "id status", for readable failures. */
function notOk(report: DoctorReport): string[] {
  return report.rows.filter((r) => r.status !== "ok").map((r) => `${r.id} ${r.status}`);
}

let image: SiteImage;
beforeAll(async () => {
  image = await healthySiteImage();
}, SLOW);

describe("the doctor on a healthy site", () => {
  let sp: DoctorSite;
  beforeAll(async () => {
    sp = await siteFromImage(image);
  });
  afterAll(() => sp.close());

  test(
    "every check passes as the chair with the owner's administrator token, and the exit code is 0",
    async () => {
      const report = await doctorAs(sp.siteUrl, {
        token: `dev:${sp.users.chair}`,
        adminToken: ownerAdmin(sp),
      });
      expect(notOk(report)).toEqual([]);
      expect(doctorExitCode(report)).toBe(0);
      const ids = report.rows.map((r) => r.id);
      // One row per list, per list's permissions, per level, per group, per declared permission.
      expect(ids.filter((id) => id.startsWith("list:"))).toHaveLength(32);
      expect(ids.filter((id) => id.startsWith("permissions:"))).toHaveLength(33);
      expect(ids.filter((id) => id.startsWith("level:"))).toEqual([
        "level:read",
        "level:contribute",
        "level:editor",
        "level:readAll",
      ]);
      expect(ids.filter((id) => id.startsWith("group:"))).toHaveLength(4);
      expect(ids.filter((id) => id.startsWith("scope:"))).toHaveLength(TAB_PERMISSIONS.length);
      expect(ids).toEqual(
        expect.arrayContaining([
          "site",
          "channel:chefforum",
          "channel:committee",
          "calendar",
          "mail",
          "browser:etag",
        ]),
      );
      // A plain dev token names no scopes: each was proven by a harmless request.
      expect(codes(report, "scope:graph:Mail.Send")).toEqual(["scope.source.probe"]);
      expect(codes(report, "mail")).toContain("mail.notChecked");
      expect(codes(report, "browser:etag")).toEqual(["browser.exposed"]);
    },
    SLOW,
  );

  test("the probes change nothing: no mail sent, no item written, no message posted", async () => {
    const outbox = async () =>
      ((await (await fetch(`${sp.m365.origin}/_admin/outbox`)).json()) as { value: unknown[] })
        .value.length;
    const r = rest(sp);
    const itemCount = async (list: string) =>
      ((await r.ok(`${r.list(list)}?$select=ItemCount`, ownerAdmin(sp))) as { ItemCount: number })
        .ItemCount;
    const before = {
      mail: await outbox(),
      personal: await itemCount("PersonalItems"),
      settings: await itemCount("Settings"),
    };
    await doctorAs(sp.siteUrl, { token: `dev:${sp.users.chair}` });
    expect({
      mail: await outbox(),
      personal: await itemCount("PersonalItems"),
      settings: await itemCount("Settings"),
    }).toEqual(before);
  });

  test("the tab's own token (an owner, no administrator token) cannot read role assignments: one warning, no failure", async () => {
    const report = await doctorAs(sp.siteUrl, { token: `dev:${sp.users.owner}` });
    expect(row(report, "permissions")).toMatchObject({
      status: "warning",
      findings: [{ code: "permissions.notChecked" }],
      fix: { code: "fix.adminToken" },
    });
    expect(report.rows.filter((r) => r.id.startsWith("permissions:"))).toEqual([]);
    // The owner is not in Chefforum's team: the team exists, the channel is not checked.
    expect(row(report, "channel:chefforum").status).toBe("warning");
    expect(codes(report, "channel:chefforum")).toEqual(["channel.notMember"]);
    expect(report.rows.filter((r) => r.status === "failure")).toEqual([]);
    expect(doctorExitCode(report)).toBe(0);
  });

  test("a member who owns nothing cannot tell a hidden list from a missing one: warnings", async () => {
    const report = await doctorAs(sp.siteUrl, { token: `dev:${sp.users.contributors[0]!}` });
    expect(row(report, "site").findings.map((f) => f.code)).toContain("site.notOwner");
    const hidden = report.rows.filter(
      (r) => r.area === "lists" && r.findings.some((f) => f.code === "list.notVisible"),
    );
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((r) => r.status === "warning")).toBe(true);
  });
});

describe("the doctor on sites broken on purpose", () => {
  let sp: DoctorSite;
  beforeEach(async () => {
    sp = await siteFromImage(image);
  });
  afterEach(() => sp.close());

  const asChair = () =>
    doctorAs(sp.siteUrl, { token: `dev:${sp.users.chair}`, adminToken: ownerAdmin(sp) });

  test(
    "a list missing fails its row with the fix to provision, and only that list",
    async () => {
      const r = rest(sp);
      await r.ok(r.list("LearningLog"), ownerAdmin(sp), { method: "DELETE" });
      const report = await asChair();
      expect(row(report, "list:LearningLog")).toMatchObject({
        status: "failure",
        findings: [{ code: "list.missing", params: { list: "LearningLog" } }],
        fix: { code: "fix.provision" },
      });
      expect(notOk(report)).toEqual(["list:LearningLog failure"]);
      expect(doctorExitCode(report)).toBe(1);
    },
    SLOW,
  );

  test(
    "a field missing and a field of the wrong type fail the list's row; the type's fix says SharePoint cannot change it",
    async () => {
      const r = rest(sp);
      const fields = `${r.list("Initiatives")}/fields`;
      await r.ok(`${fields}/getbyinternalnameortitle('Summary')`, ownerAdmin(sp), {
        method: "DELETE",
      });
      await r.ok(`${fields}/getbyinternalnameortitle('Need')`, ownerAdmin(sp), {
        method: "DELETE",
      });
      await r.ok(fields, ownerAdmin(sp), {
        method: "POST",
        headers: {
          Accept: "application/json;odata=verbose",
          "Content-Type": "application/json;odata=verbose",
        },
        body: { __metadata: { type: "SP.FieldText" }, Title: "Need", FieldTypeKind: 2 },
      });
      const report = await asChair();
      const initiatives = row(report, "list:Initiatives");
      expect(initiatives.status).toBe("failure");
      expect(initiatives.findings).toEqual(
        expect.arrayContaining([
          { code: "field.missing", params: { field: "Summary" } },
          { code: "field.type", params: { field: "Need", have: "Text", want: "Note" } },
        ]),
      );
      expect(initiatives.fix).toEqual({ code: "fix.fieldType", params: { list: "Initiatives" } });
      expect(notOk(report)).toEqual(["list:Initiatives failure"]);
    },
    SLOW,
  );

  test(
    "a permission level with a wrong mask fails its row, naming the permission it lacks",
    async () => {
      const r = rest(sp);
      // "Digistyr Læs alle" narrowed to plain Read: Override List Behaviors gone.
      await r.ok(
        `web/roledefinitions/getbyname('${encodeURIComponent(READ_ALL.name)}')`,
        ownerAdmin(sp),
        {
          method: "POST",
          headers: { "X-HTTP-Method": "MERGE", "If-Match": "*" },
          body: { BasePermissions: { High: "176", Low: "138612833" } },
        },
      );
      const report = await asChair();
      expect(row(report, "level:readAll")).toMatchObject({
        status: "failure",
        findings: [
          {
            code: "level.missingPermissions",
            params: { permissions: "Override List Behaviors" },
          },
        ],
        fix: { code: "fix.provision" },
      });
      expect(doctorExitCode(report)).toBe(1);
    },
    SLOW,
  );

  test(
    "Formand given Full Control on a list fails that list's permissions, with the fix",
    async () => {
      const r = rest(sp);
      const groups = (await r.ok("web/sitegroups?$select=Id,Title", ownerAdmin(sp))) as {
        value: { Id: number; Title: string }[];
      };
      const formand = groups.value.find((g) => g.Title === "Formand")!;
      await r.ok(
        `${r.list("Initiatives")}/roleassignments/addroleassignment(principalid=${formand.Id},roledefid=1073741829)`,
        ownerAdmin(sp),
        { method: "POST" },
      );
      const report = await asChair();
      const permissions = row(report, "permissions:Initiatives");
      expect(permissions.status).toBe("failure");
      expect(permissions.findings).toHaveLength(1);
      expect(permissions.findings[0]).toMatchObject({
        code: "permissions.forbidden",
        params: { principal: "Formand", levels: "Full Control" },
      });
      expect(permissions.fix).toEqual({ code: "fix.forbiddenGrant" });
      expect(notOk(report)).toEqual(["permissions:Initiatives failure"]);
    },
    SLOW,
  );

  test(
    "a token without a declared permission fails its row, naming it and whether it needs admin consent",
    async () => {
      const without = (scope: string) => TAB_SCOPES.filter((s) => s !== scope);
      const report = await doctorAs(sp.siteUrl, {
        token: scopedToken(sp.users.chair, without("Mail.Send")),
        adminToken: ownerAdmin(sp),
      });
      expect(row(report, "scope:graph:Mail.Send")).toMatchObject({
        status: "failure",
        findings: [
          { code: "scope.notInToken", params: { scope: "Mail.Send" } },
          { code: "scope.why" },
        ],
        fix: { code: "fix.scopeUserConsent", params: { scope: "Mail.Send" } },
      });
      expect(codes(report, "scope:graph:User.Read")).toEqual(["scope.source.dev"]);
      expect(codes(report, "mail")).toContain("mail.sendMissing");

      const consent = await doctorAs(sp.siteUrl, {
        token: scopedToken(sp.users.chair, without("GroupMember.Read.All")),
        adminToken: ownerAdmin(sp),
      });
      expect(row(consent, "scope:graph:GroupMember.Read.All").fix).toEqual({
        code: "fix.scopeAdminConsent",
        params: { scope: "GroupMember.Read.All", resource: "Microsoft Graph" },
      });
    },
    SLOW,
  );

  test(
    "a token carrying more than the tab needs (AllSites.FullControl) is a warning",
    async () => {
      const report = await doctorAs(sp.siteUrl, {
        token: scopedToken(sp.users.owner, [...TAB_SCOPES, "AllSites.FullControl"]),
      });
      expect(row(report, "scope:excess")).toMatchObject({
        status: "warning",
        findings: [{ code: "scope.excess", params: { scopes: "AllSites.FullControl" } }],
      });
    },
    SLOW,
  );

  test(
    "a missing channel setting and a channel that does not exist fail their rows",
    async () => {
      const r = rest(sp);
      const items = (await r.ok(
        `${r.list("Settings")}/items?$select=Id,SettingKey`,
        ownerAdmin(sp),
      )) as { value: { Id: number; SettingKey: string }[] };
      const idOf = (key: string) => items.value.find((i) => i.SettingKey === key)!.Id;
      await r.ok(`${r.list("Settings")}/items(${idOf("chefforum.channelId")})`, ownerAdmin(sp), {
        method: "DELETE",
        headers: { "If-Match": "*" },
      });
      await r.ok(`${r.list("Settings")}/items(${idOf("committee.channelId")})`, ownerAdmin(sp), {
        method: "POST",
        headers: { "X-HTTP-Method": "MERGE", "If-Match": "*" },
        body: { Value: "19:findes-ikke@thread.tacv2" },
      });
      const report = await asChair();
      expect(row(report, "channel:chefforum")).toMatchObject({
        status: "failure",
        findings: [{ code: "channel.settingMissing", params: { key: "chefforum.channelId" } }],
        fix: { code: "fix.setting", params: { keys: "chefforum.channelId" } },
      });
      expect(row(report, "channel:committee")).toMatchObject({
        status: "failure",
        findings: [
          {
            code: "channel.channelNotFound",
            params: {
              key: "committee.channelId",
              channel: "19:findes-ikke@thread.tacv2",
              team: "Digitaliseringsstyregruppen",
            },
          },
        ],
        fix: { code: "fix.channelId", params: { key: "committee.channelId" } },
      });
      expect(notOk(report).sort()).toEqual([
        "channel:chefforum failure",
        "channel:committee failure",
      ]);
    },
    SLOW,
  );

  test(
    "a team that does not exist fails the row with the fix to pick another",
    async () => {
      const r = rest(sp);
      const items = (await r.ok(
        `${r.list("Settings")}/items?$select=Id,SettingKey`,
        ownerAdmin(sp),
      )) as { value: { Id: number; SettingKey: string }[] };
      const id = items.value.find((i) => i.SettingKey === "chefforum.teamId")!.Id;
      await r.ok(`${r.list("Settings")}/items(${id})`, ownerAdmin(sp), {
        method: "POST",
        headers: { "X-HTTP-Method": "MERGE", "If-Match": "*" },
        body: { Value: "7c1d2e3f-0a1b-4c5d-8e9f-0000000000ff" },
      });
      const report = await asChair();
      expect(row(report, "channel:chefforum")).toMatchObject({
        status: "failure",
        findings: [{ code: "channel.teamNotFound", params: { key: "chefforum.teamId" } }],
        fix: { code: "fix.teamId" },
      });
    },
    SLOW,
  );
});

describe("the doctor where a plain token says nothing about its permissions", () => {
  test("a harmless probe finds the permission the server does not grant", async () => {
    const sp = await siteFromImage(image, {
      defaultScopes: TAB_SCOPES.filter((s) => s !== "ChannelMessage.Send"),
    });
    try {
      const report = await doctorAs(sp.siteUrl, { token: `dev:${sp.users.chair}` });
      expect(row(report, "scope:graph:ChannelMessage.Send")).toMatchObject({
        status: "failure",
        findings: [
          { code: "scope.refused", params: { scope: "ChannelMessage.Send" } },
          { code: "scope.why" },
        ],
      });
      expect(row(report, "scope:graph:ChannelMessage.Read.All").status).toBe("ok");
    } finally {
      await sp.close();
    }
  });
});

describe("a site that cannot be reached", () => {
  test("stops the doctor with one failing row and exit code 2", async () => {
    const m365 = await startLocalM365();
    const siteUrl = m365.sharepoint;
    await m365.close();
    const report = await doctorAs(siteUrl, {
      token: "dev:niels.fogh@demokommune.onmicrosoft.com",
    });
    expect(report.reachable).toBe(false);
    expect(report.rows).toEqual([
      expect.objectContaining({
        id: "site",
        status: "failure",
        findings: [expect.objectContaining({ code: "site.unreachable.network" })],
        fix: { code: "fix.unreachable.network" },
      }),
    ]);
    expect(doctorExitCode(report)).toBe(2);
    expect(countByStatus(report.rows)).toEqual({ ok: 0, warning: 0, failure: 1 });
  });

  test("a token the site refuses (401) also stops it with exit code 2", async () => {
    const m365 = await startLocalM365();
    try {
      const report = await doctorAs(m365.sharepoint, { token: "not-a-token" });
      expect(report.rows[0]?.findings[0]?.code).toBe("site.unreachable.unauthorized");
      expect(doctorExitCode(report)).toBe(2);
    } finally {
      await m365.close();
    }
  });
});
