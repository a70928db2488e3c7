/**
 * Item-level permissions of the local SharePoint, as SharePoint REST has them on a list item
 * (SP.SecurableObject, https://learn.microsoft.com/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface):
 * `items(<id>)/breakroleinheritance(copyRoleAssignments=, clearSubscopes=)`,
 * `.../roleassignments[/addroleassignment(principalid=, roledefid=) | /removeroleassignment(...)]`,
 * `.../resetroleinheritance`, `HasUniqueRoleAssignments`, and the item's own scope honoured for
 * read, update and delete. Changing an item's permissions needs Full Control (Manage
 * Permissions): the Edit level (Manage Lists) is not enough. Without copying, the caller is
 * left with Full Control as the only assignment.
 */
import "@pnp/sp/webs/index.js";

import { BrowserFetchWithRetry, DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit } from "@pnp/sp";
import { Items } from "@pnp/sp/items/types.js";
import { Lists } from "@pnp/sp/lists/types.js";
import { breakRoleInheritance } from "@pnp/sp/security/funcs.js";
import { RoleAssignments, type SecurableQueryable } from "@pnp/sp/security/types.js";
import { SiteGroups } from "@pnp/sp/site-groups/types.js";
import { SiteUser } from "@pnp/sp/site-users/types.js";
import { type IWeb, Web } from "@pnp/sp/webs/types.js";

import { ROLE } from "../../src/emulator/sharepoint/model.js";
import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";
import { webAs as webAtSite } from "../support/pnp-web.js";

type Json = Record<string, unknown>;

const DOMAIN = "demokommune.onmicrosoft.com";
const CHAIR = `birgitte.holm@${DOMAIN}`;
const SECRETARY = `mads.kjaer@${DOMAIN}`;
const MEMBER = `jonas.lind@${DOMAIN}`;
const OTHER_MEMBER = `maja.lundgaard@${DOMAIN}`;

let m365: M365;
let owner: IWeb;
let ownerUpn: string;

function webAs(upn: string): IWeb {
  return webAtSite(m365.sharepoint, upn);
}

/** The web as `upn` through the provisioning identity's token (AllSites.FullControl). */
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

/**
 * A raw request as `upn`: the site owner through the provisioning identity (AllSites.FullControl),
 * anyone else with the tab's token, unless `authorization` says otherwise.
 */
function raw(
  upn: string,
  path: string,
  init: RequestInit = {},
  authorization = upn === ownerUpn ? adminToken(upn) : devToken(upn),
): Promise<Response> {
  return fetch(`${m365.sharepoint}/_api/${path}`, {
    ...init,
    headers: {
      Accept: "application/json;odata=nometadata",
      "Content-Type": "application/json",
      Authorization: authorization,
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

const post = (upn: string, path: string, body?: Json, authorization?: string) =>
  raw(
    upn,
    path,
    { method: "POST", ...(body ? { body: JSON.stringify(body) } : {}) },
    authorization,
  );

const itemPath = (list: string, id: number) => `web/lists/getByTitle('${list}')/items(${id})`;

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

async function groupId(name: string): Promise<number> {
  return Number((await SiteGroups(owner).getByName(name)<Json>()).Id);
}

async function userId(upn: string): Promise<number> {
  return Number((await SiteUser(webAs(upn), "currentUser")<Json>()).Id);
}

/** A list with its own permissions: Medlemmer Contribute, Formand Edit (Manage Lists). */
async function aList(title: string, readSecurity = 1, writeSecurity = 1): Promise<void> {
  await Lists(owner).add(title, "", 100, false);
  const list = Lists(owner).getByTitle(title);
  await breakRoleInheritance.call(list as unknown as SecurableQueryable, false, true);
  await RoleAssignments(list).add(await groupId("Medlemmer"), ROLE.Contribute);
  await RoleAssignments(list).add(await groupId("Formand"), ROLE.Edit);
  if (readSecurity !== 1 || writeSecurity !== 1) {
    const res = await raw(ownerUpn, `web/lists/getByTitle('${title}')`, {
      method: "POST",
      headers: { "X-HTTP-Method": "MERGE", "IF-MATCH": "*" },
      body: JSON.stringify({ ReadSecurity: readSecurity, WriteSecurity: writeSecurity }),
    });
    expect(res.status).toBe(204);
  }
}

async function addItem(upn: string, list: string, title: string): Promise<number> {
  const res = await post(upn, `web/lists/getByTitle('${list}')/items`, { Title: title });
  expect(res.status).toBe(201);
  return Number((await json(res)).Id);
}

function merge(upn: string, list: string, id: number, body: Json): Promise<Response> {
  return raw(upn, itemPath(list, id), {
    method: "POST",
    headers: { "X-HTTP-Method": "MERGE", "IF-MATCH": "*" },
    body: JSON.stringify(body),
  });
}

async function titlesFor(upn: string, list: string): Promise<unknown[]> {
  const res = await raw(upn, `web/lists/getByTitle('${list}')/items?$select=Title&$orderby=Id`);
  expect(res.status).toBe(200);
  return ((await json(res)).value as Json[]).map((i) => i.Title);
}

async function assignments(upn: string, list: string, id: number) {
  const res = await raw(
    upn,
    `${itemPath(list, id)}/roleassignments?$expand=Member,RoleDefinitionBindings`,
  );
  expect(res.status).toBe(200);
  return ((await json(res)).value as Json[]).map((a) => ({
    principal: (a.Member as Json).Title,
    roles: (a.RoleDefinitionBindings as Json[]).map((r) => r.Name),
  }));
}

beforeAll(async () => {
  m365 = await startLocalM365();
  ownerUpn = m365.users[0] ?? "";
  owner = adminWebAs(ownerUpn);
});
afterAll(() => m365.close());

describe("an item's own permissions", () => {
  test("breaking without copying leaves only the caller (Full Control); others lose the item", async () => {
    await aList("Break");
    const mine = await addItem(MEMBER, "Break", "Jonas' item");
    const other = await addItem(MEMBER, "Break", "Untouched");

    const before = await raw(MEMBER, `${itemPath("Break", mine)}?$select=HasUniqueRoleAssignments`);
    expect((await json(before)).HasUniqueRoleAssignments).toBe(false);

    // As PnPjs' item.breakRoleInheritance(false, true) sends it.
    await breakRoleInheritance.call(
      Items(Lists(owner).getByTitle("Break")).getById(mine) as unknown as SecurableQueryable,
      false,
      true,
    );
    const after = await raw(
      ownerUpn,
      `${itemPath("Break", mine)}?$select=HasUniqueRoleAssignments`,
    );
    expect((await json(after)).HasUniqueRoleAssignments).toBe(true);
    expect(await assignments(ownerUpn, "Break", mine)).toEqual([
      { principal: "Niels Fogh", roles: ["Full Control"] },
    ]);

    // The member who created it no longer reads, changes or deletes it: it answers as missing.
    expect((await raw(MEMBER, itemPath("Break", mine))).status).toBe(404);
    expect((await merge(MEMBER, "Break", mine, { Title: "x" })).status).toBe(404);
    expect(await titlesFor(MEMBER, "Break")).toEqual(["Untouched"]);
    // The other item still inherits the list's permissions.
    expect((await merge(MEMBER, "Break", other, { Title: "Changed" })).status).toBe(204);
    expect(await titlesFor(ownerUpn, "Break")).toEqual(["Jonas' item", "Changed"]);
  });

  test("Read granted on the item lets its user read it but not change or delete it (403)", async () => {
    await aList("ReadOnly");
    const id = await addItem(MEMBER, "ReadOnly", "Locked");
    expect(
      (
        await post(
          ownerUpn,
          `${itemPath("ReadOnly", id)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
        )
      ).status,
    ).toBe(200);
    const add = await post(
      ownerUpn,
      `${itemPath("ReadOnly", id)}/roleassignments/addroleassignment(principalid=${await userId(MEMBER)},roledefid=${ROLE.Read})`,
    );
    expect(add.status).toBe(200);

    const read = await raw(MEMBER, itemPath("ReadOnly", id));
    expect(read.status).toBe(200);
    expect((await json(read)).Title).toBe("Locked");
    const edit = await merge(MEMBER, "ReadOnly", id, { Title: "Changed" });
    expect(edit.status).toBe(403);
    expect(JSON.stringify(await edit.json())).toContain("System.UnauthorizedAccessException");
    const del = await raw(MEMBER, itemPath("ReadOnly", id), {
      method: "POST",
      headers: { "X-HTTP-Method": "DELETE", "IF-MATCH": "*" },
    });
    expect(del.status).toBe(403);
    // Another member, not granted, does not see it at all.
    expect((await raw(OTHER_MEMBER, itemPath("ReadOnly", id))).status).toBe(404);
    expect((await raw(ownerUpn, itemPath("ReadOnly", id))).status).toBe(200);
  });

  test("changing an item's permissions needs Full Control: a contributor and the Edit level are refused", async () => {
    await aList("Manage");
    const id = await addItem(MEMBER, "Manage", "Item");
    const breakIt = `${itemPath("Manage", id)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`;
    // Tokens with AllSites.FullControl: the user's permission level is what refuses.
    expect((await post(MEMBER, breakIt, undefined, adminToken(MEMBER))).status).toBe(403);
    // The chair has Edit (Manage Lists) on the list: still not Manage Permissions.
    expect((await post(CHAIR, breakIt, undefined, adminToken(CHAIR))).status).toBe(403);
    expect(
      (await raw(CHAIR, `${itemPath("Manage", id)}/roleassignments`, {}, adminToken(CHAIR))).status,
    ).toBe(403);
    const check = await raw(ownerUpn, `${itemPath("Manage", id)}?$select=HasUniqueRoleAssignments`);
    expect((await json(check)).HasUniqueRoleAssignments).toBe(false);
  });

  test("an item that inherits cannot take assignments; removeroleassignment and reset work on a unique one", async () => {
    await aList("Assign");
    const id = await addItem(MEMBER, "Assign", "Item");
    const member = await userId(MEMBER);
    const addPath = `${itemPath("Assign", id)}/roleassignments/addroleassignment(principalid=${member},roledefid=${ROLE.Read})`;
    const inherits = await post(ownerUpn, addPath);
    expect(inherits.status).toBe(400);
    expect(JSON.stringify(await inherits.json())).toContain("inherits permissions");

    // Copying keeps what the list grants.
    await post(
      ownerUpn,
      `${itemPath("Assign", id)}/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
    );
    expect(await assignments(ownerUpn, "Assign", id)).toEqual(
      expect.arrayContaining([
        { principal: "Medlemmer", roles: ["Contribute"] },
        { principal: "Formand", roles: ["Edit"] },
      ]),
    );
    expect((await merge(MEMBER, "Assign", id, { Title: "Still mine" })).status).toBe(204);

    const medlemmer = await groupId("Medlemmer");
    const remove = await post(
      ownerUpn,
      `${itemPath("Assign", id)}/roleassignments/removeroleassignment(principalid=${medlemmer},roledefid=${ROLE.Contribute})`,
    );
    expect(remove.status).toBe(200);
    expect((await raw(MEMBER, itemPath("Assign", id))).status).toBe(404);

    expect((await post(ownerUpn, `${itemPath("Assign", id)}/resetroleinheritance`)).status).toBe(
      200,
    );
    const reset = await raw(
      MEMBER,
      `${itemPath("Assign", id)}?$select=Title,HasUniqueRoleAssignments`,
    );
    expect(await json(reset)).toEqual({ Title: "Still mine", HasUniqueRoleAssignments: false });
    expect((await merge(MEMBER, "Assign", id, { Title: "Mine again" })).status).toBe(204);
  });

  test("items/getbyid(n) addresses the same securable item, and a missing item is 404", async () => {
    await aList("ById");
    const id = await addItem(MEMBER, "ById", "Item");
    const res = await post(
      ownerUpn,
      `web/lists/getByTitle('ById')/items/getbyid(${id})/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    expect(res.status).toBe(200);
    expect((await raw(MEMBER, itemPath("ById", id))).status).toBe(404);
    expect((await raw(ownerUpn, `${itemPath("ById", 999)}/roleassignments`)).status).toBe(404);
  });

  test("under ReadSecurity 2 a group's Full Control on an item lets its members read and change it", async () => {
    await aList("Private", 2, 2);
    const id = await addItem(MEMBER, "Private", "Jonas' ballot");
    await post(
      ownerUpn,
      `${itemPath("Private", id)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    await post(
      ownerUpn,
      `${itemPath("Private", id)}/roleassignments/addroleassignment(principalid=${await userId(MEMBER)},roledefid=${ROLE.Read})`,
    );
    await post(
      ownerUpn,
      `${itemPath("Private", id)}/roleassignments/addroleassignment(principalid=${await groupId("Formand")},roledefid=${ROLE.FullControl})`,
    );
    // The chair (Full Control on the item: Override List Behaviors passes WriteSecurity 2)
    // changes it; the member reads it.
    expect((await merge(CHAIR, "Private", id, { Title: "Changed by the chair" })).status).toBe(204);
    expect(await titlesFor(MEMBER, "Private")).toEqual(["Changed by the chair"]);
    expect((await merge(MEMBER, "Private", id, { Title: "Back" })).status).toBe(403);
    // The secretary has no right on the list nor the item.
    expect((await raw(SECRETARY, itemPath("Private", id))).status).toBe(404);
    const effective = await raw(MEMBER, `${itemPath("Private", id)}/effectivebasepermissions`);
    expect(await json(effective)).toMatchObject({ High: "176", Low: "138612833" });
  });

  test("breaking a list's inheritance with clearSubscopes makes its items inherit again", async () => {
    await Lists(owner).add("Subscopes", "", 100, false);
    const id = await addItem(ownerUpn, "Subscopes", "Item");
    await post(
      ownerUpn,
      `${itemPath("Subscopes", id)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    await post(
      ownerUpn,
      `web/lists/getByTitle('Subscopes')/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
    );
    const res = await raw(
      ownerUpn,
      `${itemPath("Subscopes", id)}?$select=HasUniqueRoleAssignments`,
    );
    expect((await json(res)).HasUniqueRoleAssignments).toBe(false);
  });

  test("a deleted item takes its own permissions with it", async () => {
    await aList("Deleted");
    const id = await addItem(MEMBER, "Deleted", "Item");
    await post(
      ownerUpn,
      `${itemPath("Deleted", id)}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    const del = await raw(ownerUpn, itemPath("Deleted", id), {
      method: "POST",
      headers: { "X-HTTP-Method": "DELETE", "IF-MATCH": "*" },
    });
    expect(del.status).toBe(200);
    expect((await raw(ownerUpn, `${itemPath("Deleted", id)}/roleassignments`)).status).toBe(404);
  });
});
