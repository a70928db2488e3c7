/**
 * Permission levels of the local SharePoint as SP.BasePermissions masks, over raw HTTP (and
 * PnPjs' own `roleDefinitions.add` where its body is the point):
 * - the built-in levels carry SharePoint Online's ids, masks, orders and role types
 *   (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#roledefinition-resource);
 * - a user's EffectiveBasePermissions are the OR of the masks of every level bound to them or
 *   their groups in the scope; site collection admins have every permission;
 * - custom levels are created (minimal and verbose JSON), read back by name and id, changed,
 *   deleted, bound in role assignments, and survive a restart; creating one needs Manage
 *   Permissions.
 */
import "@pnp/sp/webs/index.js";

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { BrowserFetchWithRetry, DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit } from "@pnp/sp";
import { RoleDefinitions } from "@pnp/sp/security/types.js";
import { Web } from "@pnp/sp/webs/types.js";

import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

type Json = Record<string, unknown>;

const DOMAIN = "demokommune.onmicrosoft.com";
const MEMBER = `jonas.lind@${DOMAIN}`;
const PROPOSER = `thomas.berg@${DOMAIN}`;

let m365: M365;
let owner: string;
let counter = 0;

function call(
  authorization: string,
  method: string,
  path: string,
  body?: Json,
  accept = "application/json;odata=nometadata",
): Promise<Response> {
  const tunnelled = method === "MERGE" || method === "DELETE";
  return fetch(`${m365.sharepoint}/_api/${path}`, {
    method: tunnelled ? "POST" : method,
    headers: {
      Accept: accept,
      "Content-Type": accept.includes("verbose")
        ? "application/json;odata=verbose"
        : "application/json",
      Authorization: authorization,
      ...(tunnelled ? { "X-HTTP-Method": method, "IF-MATCH": "*" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

const asAdmin = (method: string, path: string, body?: Json) =>
  call(adminToken(owner), method, path, body);

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

async function principalId(path: string, upnOrAuth?: string): Promise<number> {
  const res = await call(upnOrAuth ?? adminToken(owner), "GET", path);
  expect(res.status).toBe(200);
  return Number((await json(res)).Id);
}

const userId = (upn: string) => principalId("web/currentuser", devToken(upn));
const groupId = (name: string) => principalId(`web/sitegroups/getbyname('${name}')`);

/** A list with unique permissions where only the owner (Full Control) is assigned. */
async function privateList(): Promise<string> {
  counter += 1;
  const title = `Levels ${counter}`;
  expect((await asAdmin("POST", "web/lists", { Title: title, BaseTemplate: 100 })).status).toBe(
    201,
  );
  const broken = await asAdmin(
    "POST",
    `web/lists/getByTitle('${title}')/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
  );
  expect(broken.status).toBe(200);
  return title;
}

async function bind(list: string, principal: number, roleDefId: number): Promise<void> {
  const res = await asAdmin(
    "POST",
    `web/lists/getByTitle('${list}')/roleassignments/addroleassignment(principalid=${principal},roledefid=${roleDefId})`,
  );
  expect(res.status).toBe(200);
}

async function effective(upn: string, list: string): Promise<{ High: string; Low: string }> {
  const res = await call(
    devToken(upn),
    "GET",
    `web/lists/getByTitle('${list}')/effectivebasepermissions`,
  );
  expect(res.status).toBe(200);
  const body = await json(res);
  return { High: String(body.High), Low: String(body.Low) };
}

/** A custom level created as PnPjs' `roleDefinitions.add` posts it (plain JSON, strings). */
async function createLevel(
  name: string,
  mask: { High: string; Low: string },
  authorization = adminToken(owner),
): Promise<Response> {
  return call(authorization, "POST", "web/roledefinitions", {
    BasePermissions: mask,
    Description: `${name} (test)`,
    Name: name,
    Order: 200,
  });
}

const BUILT_IN = [
  {
    Name: "Full Control",
    Id: 1073741829,
    High: "2147483647",
    Low: "4294967295",
    Kind: 5,
    Order: 1,
  },
  { Name: "Design", Id: 1073741828, High: "432", Low: "1012866047", Kind: 4, Order: 32 },
  { Name: "Edit", Id: 1073741830, High: "432", Low: "1011030767", Kind: 6, Order: 48 },
  { Name: "Contribute", Id: 1073741827, High: "432", Low: "1011028719", Kind: 3, Order: 64 },
  { Name: "Read", Id: 1073741826, High: "176", Low: "138612833", Kind: 2, Order: 128 },
  { Name: "Limited Access", Id: 1073741825, High: "48", Low: "134287360", Kind: 1, Order: 160 },
];

/** Override List Behaviors alone: SP.PermissionKind.CancelCheckout (9) is bit 8 of Low. */
const OVERRIDE_ONLY = { High: "0", Low: "256" };

beforeAll(async () => {
  m365 = await startLocalM365();
  owner = m365.users[0] ?? "";
});
afterAll(() => m365.close());

describe("built-in permission levels", () => {
  test.each(BUILT_IN)(
    "$Name is id $Id with High $High, Low $Low, RoleTypeKind $Kind, Order $Order",
    async ({ Name, Id, High, Low, Kind, Order }) => {
      for (const path of [
        `web/roledefinitions(${Id})`,
        `web/roledefinitions/getbyid(${Id})`,
        `web/roledefinitions/getbyname('${encodeURIComponent(Name)}')`,
        `web/roledefinitions/getbytype(${Kind})`,
      ]) {
        const res = await call(devToken(MEMBER), "GET", path);
        expect(res.status).toBe(200);
        expect(await json(res)).toMatchObject({
          Id,
          Name,
          BasePermissions: { High, Low },
          RoleTypeKind: Kind,
          Order,
          Hidden: Name === "Limited Access",
        });
      }
    },
  );

  test.each(BUILT_IN.filter((l) => l.Name !== "Limited Access"))(
    "a user bound only to $Name on a list has exactly its mask there",
    async ({ Id, High, Low }) => {
      const list = await privateList();
      await bind(list, await userId(PROPOSER), Id);
      expect(await effective(PROPOSER, list)).toEqual({ High, Low });
    },
  );

  test("levels bound to the user and to their group add up (bitwise OR)", async () => {
    const created = await createLevel("Kun tilsidesæt", OVERRIDE_ONLY);
    expect(created.status).toBe(201);
    const overrideOnly = Number((await json(created)).Id);
    const list = await privateList();
    await bind(list, await userId(PROPOSER), 1073741826);
    await bind(list, await groupId("Bidragydere"), overrideOnly);
    expect(await effective(PROPOSER, list)).toEqual({
      High: "176",
      Low: String(138612833 | 256),
    });
  });

  test("a site collection administrator has every permission; a user without any has none", async () => {
    const list = await privateList();
    expect(await effective(owner, list)).toEqual({ High: "2147483647", Low: "4294967295" });
    // A member bound to nothing there does not even see the list (security trimming).
    const hidden = await call(
      devToken(MEMBER),
      "GET",
      `web/lists/getByTitle('${list}')/effectivebasepermissions`,
    );
    expect(hidden.status).toBe(404);
    const web = await call(devToken(MEMBER), "GET", "web/effectivebasepermissions");
    expect(await json(web)).toMatchObject({ High: "176", Low: "138612833" });
  });
});

describe("custom permission levels", () => {
  test("created with minimal JSON as PnPjs sends it and read back by name, by id and in the collection", async () => {
    const res = await createLevel("Digistyr Læs alle", { High: "176", Low: "138613089" });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({
      Name: "Digistyr Læs alle",
      Description: "Digistyr Læs alle (test)",
      Order: 200,
      RoleTypeKind: 0,
      Hidden: false,
      BasePermissions: { High: "176", Low: "138613089" },
    });
    const id = Number(created.Id);
    expect(id).toBeGreaterThan(1073741830);
    for (const path of [
      `web/roledefinitions/getbyname('${encodeURIComponent("Digistyr Læs alle")}')`,
      `web/roledefinitions/getbyid(${id})`,
      `web/roledefinitions(${id})`,
    ]) {
      expect(await json(await asAdmin("GET", path))).toMatchObject({
        Id: id,
        BasePermissions: { High: "176", Low: "138613089" },
      });
    }
    const all = (await json(await call(devToken(MEMBER), "GET", "web/roledefinitions")))
      .value as Json[];
    expect(all.map((d) => d.Name)).toContain("Digistyr Læs alle");
  });

  test("created with verbose JSON (SP.RoleDefinition with __metadata) answers verbose", async () => {
    const res = await call(
      adminToken(owner),
      "POST",
      "web/roledefinitions",
      {
        __metadata: { type: "SP.RoleDefinition" },
        BasePermissions: {
          __metadata: { type: "SP.BasePermissions" },
          High: "432",
          Low: "1011028975",
        },
        Description: "Contribute and Override List Behaviors",
        Name: "Digistyr Redaktør",
        Order: 180,
      },
      "application/json;odata=verbose",
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { d: Json };
    expect(body.d).toMatchObject({
      __metadata: { type: "SP.RoleDefinition" },
      Name: "Digistyr Redaktør",
      BasePermissions: { High: "432", Low: "1011028975" },
    });
  });

  test("PnPjs roleDefinitions.add creates one and its definition reads it back", async () => {
    const web = Web(m365.sharepoint).using(
      DefaultHeaders(),
      DefaultInit(),
      BrowserFetchWithRetry(),
      DefaultParse(),
      (instance: Queryable) => {
        instance.on.auth.replace((url, init) => {
          init.headers = {
            ...(init.headers as Record<string, string>),
            Authorization: adminToken(owner),
          };
          return Promise.resolve([url, init]);
        });
        return instance;
      },
    );
    const added = await RoleDefinitions(web).add("Via PnPjs", "Læs", 190, {
      High: 176,
      Low: 138612833,
    });
    const read = await added.definition<Json>();
    expect(read).toMatchObject({
      Id: (added.data as Json).Id,
      Name: "Via PnPjs",
      Order: 190,
      BasePermissions: { High: "176", Low: "138612833" },
    });
  });

  test("bound on a list it gives exactly its mask; MERGE changes it; DELETE removes it and its bindings", async () => {
    const created = await json(await createLevel("Skiftende", { High: "0", Low: "1" }));
    const id = Number(created.Id);
    const list = await privateList();
    await bind(list, await userId(PROPOSER), id);
    expect(await effective(PROPOSER, list)).toEqual({ High: "0", Low: "1" });
    const bindings = await asAdmin(
      "GET",
      `web/lists/getByTitle('${list}')/roleassignments?$expand=Member,RoleDefinitionBindings`,
    );
    const rows = (await json(bindings)).value as { RoleDefinitionBindings: Json[] }[];
    expect(rows.flatMap((r) => r.RoleDefinitionBindings.map((b) => b.Name))).toContain("Skiftende");

    const merged = await asAdmin("MERGE", `web/roledefinitions(${id})`, {
      Name: "Skiftet",
      BasePermissions: { High: "176", Low: "138612833" },
    });
    expect(merged.status).toBe(204);
    expect(await effective(PROPOSER, list)).toEqual({ High: "176", Low: "138612833" });
    expect((await asAdmin("GET", `web/roledefinitions/getbyname('Skiftet')`)).status).toBe(200);

    expect((await asAdmin("DELETE", `web/roledefinitions(${id})`)).status).toBe(200);
    expect((await asAdmin("GET", `web/roledefinitions(${id})`)).status).toBe(404);
    // The binding went with the level: the user no longer sees the list at all.
    const gone = await call(devToken(PROPOSER), "GET", `web/lists/getByTitle('${list}')`);
    expect(gone.status).toBe(404);
  });

  test.each([
    {
      problem: "numbers instead of Edm.Int64 strings",
      body: { Name: "Tal", BasePermissions: { High: 0, Low: 1 } },
      status: 400,
      text: "Edm.Int64",
    },
    {
      problem: "no name",
      body: { BasePermissions: { High: "0", Low: "1" } },
      status: 400,
      text: "Name",
    },
    {
      problem: "a name already used (case-insensitive)",
      body: { Name: "contribute", BasePermissions: { High: "0", Low: "1" } },
      status: 500,
      text: "already exists",
    },
    {
      problem: "a read-only property",
      body: { Name: "Med id", Id: 5, BasePermissions: { High: "0", Low: "1" } },
      status: 400,
      text: "read-only",
    },
  ])("a body with $problem is refused ($status)", async ({ body, status, text }) => {
    const res = await asAdmin("POST", "web/roledefinitions", body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(await res.json())).toContain(text);
  });

  test("creating one needs Manage Permissions: a member is refused even with AllSites.FullControl", async () => {
    const res = await createLevel("Medlemmets eget", OVERRIDE_ONLY, adminToken(MEMBER));
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).toContain("System.UnauthorizedAccessException");
    const check = await asAdmin("GET", "web/roledefinitions/getbyname('Medlemmets eget')");
    expect(check.status).toBe(404);
  });

  test("Full Control and Limited Access cannot be changed or deleted", async () => {
    for (const id of [1073741829, 1073741825]) {
      expect((await asAdmin("MERGE", `web/roledefinitions(${id})`, { Name: "X" })).status).toBe(
        400,
      );
      expect((await asAdmin("DELETE", `web/roledefinitions(${id})`)).status).toBe(400);
    }
  });
});

describe("custom permission levels are stored", () => {
  test("a level created before a restart is there after it, mask and all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "digistyr-levels-"));
    try {
      const first = await startLocalM365({ dataDir: dir });
      const upn = first.users[0] ?? "";
      const created = await fetch(`${first.sharepoint}/_api/web/roledefinitions`, {
        method: "POST",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          Authorization: adminToken(upn),
        },
        body: JSON.stringify({
          Name: "Varig",
          Description: "",
          Order: 170,
          BasePermissions: { High: "176", Low: "138613089" },
        }),
      });
      expect(created.status).toBe(201);
      const id = Number(((await created.json()) as Json).Id);
      await first.close();

      const second = await startLocalM365({ dataDir: dir });
      const read = await fetch(`${second.sharepoint}/_api/web/roledefinitions(${id})`, {
        headers: { Accept: "application/json", Authorization: devToken(upn) },
      });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({
        Name: "Varig",
        BasePermissions: { High: "176", Low: "138613089" },
      });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
