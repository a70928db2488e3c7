/**
 * The local SharePoint's users, groups and permissions, driven through @pnp/sp v4 itself plus
 * raw fetch where the error shape on the wire is the point. Roles in the app come from the
 * site's groups (DESIGN.md §1), so `currentUser/groups` and the permission checks matter.
 */
import "@pnp/sp/webs/index.js";
import "@pnp/sp/site-users/web.js";

import {
  BrowserFetchWithRetry,
  DefaultParse,
  HttpRequestError,
  type Queryable,
} from "@pnp/queryable";
import { DefaultHeaders, DefaultInit } from "@pnp/sp";
import { type IList, Lists } from "@pnp/sp/lists/types.js";
import {
  breakRoleInheritance,
  getCurrentUserEffectivePermissions,
  hasPermissions,
  resetRoleInheritance,
} from "@pnp/sp/security/funcs.js";
import {
  PermissionKind,
  RoleAssignments,
  RoleDefinitions,
  type SecurableQueryable,
} from "@pnp/sp/security/types.js";
import { SiteGroups } from "@pnp/sp/site-groups/types.js";
import { SiteUser, SiteUsers } from "@pnp/sp/site-users/types.js";
import { type IWeb, Web } from "@pnp/sp/webs/types.js";

import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";
import { webAs as webAtSite } from "../support/pnp-web.js";

type Json = Record<string, unknown>;

const DOMAIN = "demokommune.onmicrosoft.com";
const CHAIR = `birgitte.holm@${DOMAIN}`;
const MEMBER = `jonas.lind@${DOMAIN}`;
const OTHER_MEMBER = `maja.lundgaard@${DOMAIN}`;
const CONTRIBUTOR = `thomas.berg@${DOMAIN}`;

let m365: M365;
let owner: IWeb;
let member: IWeb;

function webAs(upn: string): IWeb {
  return webAtSite(m365.sharepoint, upn);
}

/**
 * The web as `upn` with AllSites.FullControl (the provisioning identity's token): what is then
 * refused is refused by the user's permissions, not by the token's scope.
 */
function adminWebAs(upn: string): IWeb {
  return Web(m365.sharepoint).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry(),
    DefaultParse(),
    (instance: Queryable) => {
      instance.on.auth.replace((url, init) => {
        init.headers = {
          ...(init.headers as Record<string, string>),
          Authorization: adminToken(upn),
        };
        return Promise.resolve([url, init]);
      });
      return instance;
    },
  );
}

/** `web.ensureUser`, added to the Web prototype by "@pnp/sp/site-users/web.js". */
function ensureUser(web: IWeb, logonName: string): Promise<Json> {
  return (web as unknown as { ensureUser(l: string): Promise<Json> }).ensureUser(logonName);
}

/**
 * The security functions PnPjs puts on the List and Web prototypes ("@pnp/sp/security"), whose
 * typings reach them through module augmentation that NodeNext resolution does not apply.
 */
function securable(q: IList | IWeb): SecurableQueryable {
  return q as unknown as SecurableQueryable;
}

async function rejection(p: Promise<unknown>): Promise<HttpRequestError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpRequestError) return e;
    throw e;
  }
  throw new Error("expected the request to fail");
}

function raw(
  upn: string,
  path: string,
  init: RequestInit = {},
  authorization = devToken(upn),
): Promise<Response> {
  return fetch(`${m365.sharepoint}/_api/${path}`, {
    ...init,
    headers: {
      Accept: "application/json",
      "Content-Type": "application/json",
      Authorization: authorization,
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

const titles = (rows: Json[]) => rows.map((r) => r.Title);

beforeAll(async () => {
  m365 = await startLocalM365();
  owner = adminWebAs(m365.users[0] ?? "");
  member = webAs(MEMBER);
});
afterAll(() => m365.close());

describe("users", () => {
  test("currentUser describes the caller with a claims login name; the site owner is site admin", async () => {
    const me = await SiteUser(owner, "currentUser")<Json>();
    expect(me).toMatchObject({
      "odata.type": "SP.User",
      LoginName: `i:0#.f|membership|${m365.users[0]}`,
      Email: m365.users[0],
      UserPrincipalName: m365.users[0],
      Title: "Niels Fogh",
      IsSiteAdmin: true,
      PrincipalType: 1,
    });
    expect(typeof me.Id).toBe("number");
    const them = await SiteUser(member, "currentUser").select("Title", "IsSiteAdmin")<Json>();
    expect(them).toMatchObject({ Title: "Jonas Lind", IsSiteAdmin: false });
    expect(them.LoginName).toBeUndefined();
  });

  test("currentUser's groups give the roles: the chair is in Formand and Medlemmer", async () => {
    const groups = await SiteGroups(SiteUser(webAs(CHAIR), "currentUser"), "groups")<Json[]>();
    expect(titles(groups).sort()).toEqual(["Formand", "Medlemmer"]);
    expect(groups.every((g) => g.PrincipalType === 8)).toBe(true);
  });

  test("ensureUser takes a claims login or a bare UPN and answers the same site user", async () => {
    const byClaims = await ensureUser(member, `i:0#.f|membership|${OTHER_MEMBER}`);
    const byUpn = await ensureUser(member, OTHER_MEMBER);
    expect(byClaims.Id).toBe(byUpn.Id);
    expect(byClaims).toMatchObject({ Title: "Maja Lundgaard", Email: OTHER_MEMBER });
  });

  test("ensureUser of someone outside the tenant is a 404 naming the user", async () => {
    const err = await rejection(ensureUser(owner, "i:0#.f|membership|nobody@example.invalid"));
    expect(err.status).toBe(404);
    expect(err.message).toContain(
      "The specified user i:0#.f|membership|nobody@example.invalid could not be found.",
    );
  });

  test("site users are found by id, e-mail and login name", async () => {
    const all = await SiteUsers(owner)<Json[]>();
    expect(all.map((u) => u.Email)).toEqual(expect.arrayContaining(m365.users));
    const byEmail = await SiteUsers(owner).getByEmail(CONTRIBUTOR)<Json>();
    expect(byEmail.Title).toBe("Thomas Berg");
    const byId = await SiteUsers(owner).getById(Number(byEmail.Id))<Json>();
    expect(byId.Email).toBe(CONTRIBUTOR);
    const byLogin = await SiteUsers(owner).getByLoginName(
      `i:0#.f|membership|${CONTRIBUTOR}`,
    )<Json>();
    expect(byLogin.Id).toBe(byEmail.Id);
    const byWeb = await SiteUser(owner, `getUserById(${String(byEmail.Id)})`)<Json>();
    expect(byWeb.Email).toBe(CONTRIBUTOR);
    expect((await rejection(SiteUsers(owner).getById(9999)())).status).toBe(404);
  });
});

describe("groups", () => {
  test("the site starts with its groups and their members", async () => {
    const groups = await SiteGroups(owner)<Json[]>();
    expect(titles(groups)).toEqual(
      expect.arrayContaining(["Ejere", "Medlemmer", "Formand", "Sekretariat", "Bidragydere"]),
    );
    const members = await SiteGroups(owner).getByName("Medlemmer").users<Json[]>();
    expect(members.map((u) => u.Email)).toEqual(expect.arrayContaining([CHAIR, MEMBER]));
    const chairGroup = await SiteGroups(owner).getByName("Formand")<Json>();
    expect(chairGroup).toMatchObject({
      "odata.type": "SP.Group",
      PrincipalType: 8,
      LoginName: "Formand",
      OwnerTitle: "Ejere",
    });
    const byId = await SiteGroups(owner).getById(Number(chairGroup.Id))<Json>();
    expect(byId.Title).toBe("Formand");
  });

  test("the owner creates a group and adds a user to it; the user then has that group", async () => {
    const created = await SiteGroups(owner).add({
      Title: "Gevinstejere",
      Description: "Ejere af gevinster",
    });
    expect(created).toMatchObject({ Title: "Gevinstejere", Description: "Ejere af gevinster" });
    await SiteGroups(owner).getByName("Gevinstejere").users.add(`i:0#.f|membership|${CONTRIBUTOR}`);
    const users = await SiteGroups(owner).getByName("Gevinstejere").users<Json[]>();
    expect(users.map((u) => u.Email)).toEqual([CONTRIBUTOR]);
    const theirs = await SiteGroups(SiteUser(webAs(CONTRIBUTOR), "currentUser"), "groups")<
      Json[]
    >();
    expect(titles(theirs)).toContain("Gevinstejere");
  });

  test("a member can neither create a group nor add themself to Formand, even with AllSites.FullControl", async () => {
    const fullScope = adminWebAs(MEMBER);
    expect((await rejection(SiteGroups(fullScope).add({ Title: "Mine" }))).status).toBe(403);
    const err = await rejection(
      SiteGroups(fullScope).getByName("Formand").users.add(`i:0#.f|membership|${MEMBER}`),
    );
    expect(err.status).toBe(403);
    const chairs = await SiteGroups(owner).getByName("Formand").users<Json[]>();
    expect(chairs.map((u) => u.Email)).not.toContain(MEMBER);
  });

  test("a missing group is a 404", async () => {
    expect((await rejection(SiteGroups(owner).getByName("Findes ikke")())).status).toBe(404);
  });
});

describe("permissions", () => {
  test("the permission levels are SharePoint's, by type and by name", async () => {
    // Role definition ids are fixed in SharePoint (model.ts cites the CSOM reference).
    const read = await RoleDefinitions(owner).getByType(2)<Json>();
    expect(read).toMatchObject({ Id: 1073741826, Name: "Read", RoleTypeKind: 2 });
    const full = await RoleDefinitions(owner).getByName("Full Control")<Json>();
    expect(full.Id).toBe(1073741829);
    const contribute = await RoleDefinitions(owner).getById(1073741827)<Json>();
    expect(contribute.Name).toBe("Contribute");
  });

  test("a member cannot create a list, even with AllSites.FullControl: 403 in SharePoint's shape", async () => {
    const res = await raw(
      MEMBER,
      "web/lists",
      {
        method: "POST",
        body: JSON.stringify({ Title: "Members own list", BaseTemplate: 100 }),
      },
      adminToken(MEMBER),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      "odata.error": {
        code: "-2147024891, System.UnauthorizedAccessException",
        message: {
          lang: "en-US",
          value:
            "Access denied. You do not have permission to perform this action or access this resource.",
        },
      },
    });
    const verbose = await raw(
      MEMBER,
      "web/lists",
      {
        method: "POST",
        headers: { Accept: "application/json;odata=verbose" },
        body: JSON.stringify({ Title: "Members own list" }),
      },
      adminToken(MEMBER),
    );
    const body = (await verbose.json()) as { error: { code: string } };
    expect(body.error.code).toBe("-2147024891, System.UnauthorizedAccessException");
  });

  test("a member cannot break a list's inheritance nor grant themself rights, even with AllSites.FullControl", async () => {
    await Lists(owner).add("Criteria", "Kriterier");
    const asMember = Lists(adminWebAs(MEMBER)).getByTitle("Criteria");
    expect(
      (await rejection(breakRoleInheritance.call(securable(asMember), false, true))).status,
    ).toBe(403);
    const me = await SiteUser(member, "currentUser")<Json>();
    const grant = await rejection(RoleAssignments(asMember).add(Number(me.Id), 1073741829));
    expect(grant.status).toBe(403);
    const list = await Lists(owner)
      .getByTitle("Criteria")
      .select("HasUniqueRoleAssignments")<Json>();
    expect(list.HasUniqueRoleAssignments).toBe(false);
  });

  test("a list with broken inheritance is hidden from a member who was not granted it", async () => {
    await Lists(owner).add("Scenarios", "Scenarier");
    const list = Lists(owner).getByTitle("Scenarios");
    await breakRoleInheritance.call(securable(list), false, true);
    expect((await list.select("HasUniqueRoleAssignments")<Json>()).HasUniqueRoleAssignments).toBe(
      true,
    );
    // SharePoint security-trims lists: the member neither finds it by title nor sees it listed.
    const err = await rejection(Lists(member).getByTitle("Scenarios")());
    expect(err.status).toBe(404);
    const visible = await Lists(member).select("Title")<Json[]>();
    expect(titles(visible)).not.toContain("Scenarios");
    // The owner who broke inheritance without copying keeps Full Control.
    expect((await list.select("Title")<Json>()).Title).toBe("Scenarios");
  });

  test("granting a group on a unique list lets its members in; resetting inheritance restores the web's rights", async () => {
    await Lists(owner).add("Comparisons", "Parvise sammenligninger");
    const list = Lists(owner).getByTitle("Comparisons");
    await breakRoleInheritance.call(securable(list), false, true);
    expect((await rejection(Lists(member).getByTitle("Comparisons")())).status).toBe(404);

    const members = await SiteGroups(owner).getByName("Medlemmer")<Json>();
    const contribute = await RoleDefinitions(owner).getByType(3)<Json>();
    await RoleAssignments(list).add(Number(members.Id), Number(contribute.Id));

    const assignments = await RoleAssignments(list).expand("Member", "RoleDefinitionBindings")<
      Json[]
    >();
    const forMembers = assignments.find((a) => a.PrincipalId === members.Id) as
      { Member: Json; RoleDefinitionBindings: Json[] } | undefined;
    expect(forMembers?.Member.Title).toBe("Medlemmer");
    expect(forMembers?.RoleDefinitionBindings.map((r) => r.Name)).toEqual(["Contribute"]);

    const asMember = Lists(member).getByTitle("Comparisons");
    expect((await asMember.select("Title")<Json>()).Title).toBe("Comparisons");
    const perms = await getCurrentUserEffectivePermissions.call(securable(asMember));
    expect(hasPermissions(perms, PermissionKind.AddListItems)).toBe(true);
    expect(hasPermissions(perms, PermissionKind.ManageLists)).toBe(false);

    await RoleAssignments(list).remove(Number(members.Id), Number(contribute.Id));
    expect((await rejection(asMember())).status).toBe(404);

    await resetRoleInheritance.call(securable(list));
    expect(
      (await asMember.select("HasUniqueRoleAssignments")<Json>()).HasUniqueRoleAssignments,
    ).toBe(false);
  });

  test("a member's effective permissions on the web allow reading but not managing lists", async () => {
    const perms = await getCurrentUserEffectivePermissions.call(securable(member));
    expect(hasPermissions(perms, PermissionKind.ViewListItems)).toBe(true);
    expect(hasPermissions(perms, PermissionKind.ManageLists)).toBe(false);
    const ownerPerms = await getCurrentUserEffectivePermissions.call(securable(owner));
    expect(hasPermissions(ownerPerms, PermissionKind.ManagePermissions)).toBe(true);
  });

  test("the request digest endpoint answers a form digest", async () => {
    const res = await raw(MEMBER, "contextinfo", { method: "POST" });
    const body = (await res.json()) as { FormDigestValue: string; WebFullUrl: string };
    expect(res.status).toBe(200);
    expect(body.FormDigestValue).toMatch(/^0x[0-9A-F]+,/);
    expect(body.WebFullUrl).toBe(m365.sharepoint);
  });

  test("no token gets 401", async () => {
    const res = await fetch(`${m365.sharepoint}/_api/web/sitegroups`);
    expect(res.status).toBe(401);
  });
});
