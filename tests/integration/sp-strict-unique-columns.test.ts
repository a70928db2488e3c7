/**
 * Unique columns (EnforceUniqueValues) and item-level security refuse each other, in either
 * order, as SharePoint supports unique values only on lists without item-level permissions and
 * without items with unique permissions ("Enforcing Uniqueness in Column Values", SharePoint
 * 2010 SDK, https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ee536168(v=office.14); SharePoint Online's list settings offer neither with the other). Each refusal is
 * SharePoint's 500 `Microsoft.SharePoint.SPException` and changes nothing. Over raw HTTP as the
 * provisioning identity (AllSites.FullControl, site owner).
 */
import { adminToken, type M365, startLocalM365 } from "../support/m365.js";

type Json = Record<string, unknown>;

let m365: M365;
let owner: string;
let counter = 0;

function call(method: string, path: string, body?: Json): Promise<Response> {
  const tunnelled = method === "MERGE" || method === "DELETE";
  return fetch(`${m365.sharepoint}/_api/${path}`, {
    method: tunnelled ? "POST" : method,
    headers: {
      Accept: "application/json;odata=nometadata",
      "Content-Type": "application/json",
      Authorization: adminToken(owner),
      ...(tunnelled ? { "X-HTTP-Method": method, "IF-MATCH": "*" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

async function newList(readSecurity = 1, writeSecurity = 1): Promise<string> {
  counter += 1;
  const title = `Unique ${counter}`;
  const res = await call("POST", "web/lists", {
    Title: title,
    BaseTemplate: 100,
    ReadSecurity: readSecurity,
    WriteSecurity: writeSecurity,
  });
  expect(res.status).toBe(201);
  return `web/lists/getByTitle('${title}')`;
}

function addKey(list: string, unique: boolean): Promise<Response> {
  return call("POST", `${list}/fields`, {
    Title: "Key",
    FieldTypeKind: 2,
    Indexed: true,
    EnforceUniqueValues: unique,
  });
}

async function addItem(list: string): Promise<number> {
  const res = await call("POST", `${list}/items`, { Title: "x" });
  expect(res.status).toBe(201);
  return Number((await json(res)).Id);
}

async function expectSpRefusal(res: Response, text: string): Promise<void> {
  expect(res.status).toBe(500);
  const body = (await res.json()) as {
    "odata.error": { code: string; message: { value: string } };
  };
  expect(body["odata.error"].code).toBe("-2146232832, Microsoft.SharePoint.SPException");
  expect(body["odata.error"].message.value).toContain(text);
}

async function keyIsUnique(list: string): Promise<unknown> {
  const res = await call("GET", `${list}/fields/getByInternalNameOrTitle('Key')`);
  return (await json(res)).EnforceUniqueValues;
}

beforeAll(async () => {
  m365 = await startLocalM365();
  owner = m365.users[0] ?? "";
});
afterAll(() => m365.close());

describe("a unique column on a list with item-level permissions is refused", () => {
  test.each([
    { settings: "ReadSecurity 2", read: 2, write: 1 },
    { settings: "WriteSecurity 2", read: 1, write: 2 },
    { settings: "WriteSecurity 4", read: 1, write: 4 },
  ])("creating one on a list with $settings", async ({ read, write }) => {
    const list = await newList(read, write);
    await expectSpRefusal(await addKey(list, true), "item-level permissions");
    const fields = (await json(await call("GET", `${list}/fields?$select=Title`))).value as Json[];
    expect(fields.map((f) => f.Title)).not.toContain("Key");
  });

  test("making an existing column unique on a list with ReadSecurity 2", async () => {
    const list = await newList(2, 2);
    expect((await addKey(list, false)).status).toBe(201);
    const res = await call("MERGE", `${list}/fields/getByInternalNameOrTitle('Key')`, {
      EnforceUniqueValues: true,
    });
    await expectSpRefusal(res, "item-level permissions");
    expect(await keyIsUnique(list)).toBe(false);
  });
});

describe("item-level permissions on a list with a unique column are refused", () => {
  test.each([
    { settings: "ReadSecurity 2", body: { ReadSecurity: 2 } },
    { settings: "WriteSecurity 2", body: { WriteSecurity: 2 } },
    { settings: "both 2", body: { ReadSecurity: 2, WriteSecurity: 2 } },
  ])("setting $settings", async ({ body }) => {
    const list = await newList();
    expect((await addKey(list, true)).status).toBe(201);
    await expectSpRefusal(await call("MERGE", list, body), "unique values");
    expect(
      await json(await call("GET", `${list}?$select=ReadSecurity,WriteSecurity`)),
    ).toMatchObject({ ReadSecurity: 1, WriteSecurity: 1 });
    // Settings that keep every item open still pass.
    expect((await call("MERGE", list, { ReadSecurity: 1, Description: "d" })).status).toBe(204);
  });
});

describe("unique permissions on items and unique columns refuse each other", () => {
  test("breaking inheritance on an item of a list with a unique column", async () => {
    const list = await newList();
    expect((await addKey(list, true)).status).toBe(201);
    const id = await addItem(list);
    const res = await call(
      "POST",
      `${list}/items(${id})/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
    );
    await expectSpRefusal(res, "unique values");
    const item = await json(
      await call("GET", `${list}/items(${id})?$select=HasUniqueRoleAssignments`),
    );
    expect(item.HasUniqueRoleAssignments).toBe(false);
  });

  test("making a column unique on a list that has an item with unique permissions; allowed once it inherits again", async () => {
    const list = await newList();
    expect((await addKey(list, false)).status).toBe(201);
    const id = await addItem(list);
    const broken = await call(
      "POST",
      `${list}/items(${id})/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
    );
    expect(broken.status).toBe(200);
    const field = `${list}/fields/getByInternalNameOrTitle('Key')`;
    await expectSpRefusal(
      await call("MERGE", field, { EnforceUniqueValues: true }),
      "unique permissions",
    );
    expect(await keyIsUnique(list)).toBe(false);

    expect((await call("POST", `${list}/items(${id})/resetroleinheritance`)).status).toBe(200);
    expect((await call("MERGE", field, { EnforceUniqueValues: true })).status).toBe(204);
    expect(await keyIsUnique(list)).toBe(true);
  });

  test("a list without item-level permissions or item scopes takes a unique column", async () => {
    const list = await newList();
    expect((await addKey(list, true)).status).toBe(201);
    expect(await keyIsUnique(list)).toBe(true);
  });
});
