/**
 * The local SharePoint keeps what it derives from its store between requests (field
 * definitions, site users, permission masks, parsed items, serialised item JSON). Whatever
 * changes the store, through a route or straight in SQLite, the next request answers from the
 * store as it now is.
 */
import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;
let owner: string;
let member: string;
let api: string;

/** Creates a list with the site owner's provisioning token; returns its id. */
async function createList(title: string): Promise<string> {
  const res = await fetch(`${api}/web/lists`, {
    method: "POST",
    headers: json(adminToken(owner)),
    body: JSON.stringify({ Title: title, BaseTemplate: 100, Description: "" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { Id: string }).Id;
}

function json(authorization: string): Record<string, string> {
  return {
    Authorization: authorization,
    Accept: "application/json",
    "Content-Type": "application/json",
  };
}

async function addField(list: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${api}/web/lists/getByTitle('${list}')/fields/addfield`, {
    method: "POST",
    headers: json(adminToken(owner)),
    body: JSON.stringify({ parameters: body }),
  });
  expect(res.status).toBe(200);
}

async function addItem(list: string, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${api}/web/lists/getByTitle('${list}')/items`, {
    method: "POST",
    headers: json(devToken(owner)),
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { Id: number }).Id;
}

interface Item {
  Code?: string;
  Area?: { Title: string };
}

async function get(
  path: string,
  as = owner,
): Promise<{ status: number; body: Item & { value: Item[] } }> {
  const res = await fetch(`${api}/web/${path}`, { headers: json(devToken(as)) });
  return { status: res.status, body: (await res.json()) as Item & { value: Item[] } };
}

const PROJECTS = "lists/getByTitle('Projects')/items";
const PAGE = `${PROJECTS}?$select=Id,Title,Code,Area/Title&$expand=Area&$orderby=Id`;

let areaId: number;
let projectId: number;

beforeAll(async () => {
  m365 = await startLocalM365();
  [owner, member] = m365.users as [string, string];
  api = `${m365.sharepoint}/_api`;
  const areas = await createList("Areas");
  await createList("Projects");
  await addField("Projects", { Title: "Code", FieldTypeKind: 2 });
  await addField("Projects", {
    Title: "Area",
    FieldTypeKind: 7,
    LookupListId: areas,
    LookupFieldName: "Title",
  });
  areaId = await addItem("Areas", { Title: "Økonomi" });
  projectId = await addItem("Projects", { Title: "P1", Code: "A-1", AreaId: areaId });
  // Read once, so that everything the answer is made of is kept.
  expect((await get(PAGE)).status).toBe(200);
  expect((await get(`${PROJECTS}(${projectId})?$select=Title,Code`)).status).toBe(200);
});

afterAll(() => m365.close());

describe("what the local SharePoint keeps between requests", () => {
  test("an item changed straight in the store is answered as it now is", async () => {
    m365.db
      .prepare(
        "UPDATE sp_items SET data = json_set(data, '$.Code', 'A-2') WHERE id = ? AND list_id = (SELECT id FROM sp_lists WHERE title = 'Projects')",
      )
      .run(projectId);
    expect((await get(PAGE)).body.value[0]?.Code).toBe("A-2");
    expect((await get(`${PROJECTS}(${projectId})?$select=Title,Code`)).body.Code).toBe("A-2");
  });

  test("a renamed lookup target shows its new title in the next page of the list that looks it up", async () => {
    const res = await fetch(`${api}/web/lists/getByTitle('Areas')/items(${areaId})`, {
      method: "POST",
      headers: { ...json(devToken(owner)), "X-HTTP-Method": "MERGE", "IF-MATCH": "*" },
      body: JSON.stringify({ Title: "Økonomi og Styring" }),
    });
    expect(res.status).toBe(204);
    expect((await get(PAGE)).body.value[0]?.Area?.Title).toBe("Økonomi og Styring");
  });

  test("a column dropped straight in the store can no longer be selected", async () => {
    await addField("Projects", { Title: "Extra", FieldTypeKind: 2 });
    expect((await get(`${PROJECTS}?$select=Id,Extra`)).status).toBe(200);
    m365.db
      .prepare(
        "DELETE FROM sp_fields WHERE internal_name = 'Extra' AND list_id = (SELECT id FROM sp_lists WHERE title = 'Projects')",
      )
      .run();
    expect((await get(`${PROJECTS}?$select=Id,Extra`)).status).toBe(400);
  });

  test("a member's access taken away straight in the store is refused at once", async () => {
    expect((await get(PAGE, member)).status).toBe(200);
    // The member reads through the site's Members group (Read on the web).
    const memberships = m365.db
      .prepare(
        "SELECT group_id FROM sp_group_members WHERE user_id = (SELECT id FROM sp_principals WHERE upn = ? COLLATE NOCASE)",
      )
      .all(member) as { group_id: number }[];
    expect(memberships.length).toBeGreaterThan(0);
    const removed = m365.db
      .prepare(
        "DELETE FROM sp_group_members WHERE user_id = (SELECT id FROM sp_principals WHERE upn = ? COLLATE NOCASE)",
      )
      .run(member);
    expect(removed.changes).toBe(memberships.length);
    expect((await get(PAGE, member)).status).not.toBe(200);
    const insert = m365.db.prepare(
      "INSERT INTO sp_group_members (group_id, user_id) VALUES (?, (SELECT id FROM sp_principals WHERE upn = ? COLLATE NOCASE))",
    );
    for (const m of memberships) insert.run(m.group_id, member);
    expect((await get(PAGE, member)).status).toBe(200);
  });

  test("a list renamed straight in the store is found by its new title only", async () => {
    m365.db.prepare("UPDATE sp_lists SET title = 'Projekter' WHERE title = 'Projects'").run();
    expect((await get(PAGE)).status).toBe(404);
    expect((await get(PAGE.replace("'Projects'", "'Projekter'"))).status).toBe(200);
    m365.db.prepare("UPDATE sp_lists SET title = 'Projects' WHERE title = 'Projekter'").run();
    expect((await get(PAGE)).status).toBe(200);
  });

  test("a $batch whose write fails leaves the store and what is kept as before that write", async () => {
    const before = (await get(`${PROJECTS}(${projectId})?$select=Title,Code`)).body.Code;
    const url = `${api}/web/lists/getByTitle('Projects')/items(${projectId})`;
    const part = (method: string, extra: string[], body = "") =>
      [
        "--batch_c",
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        `${method} ${url} HTTP/1.1`,
        "Accept: application/json",
        ...extra,
        "",
        body,
      ].join("\n");
    const res = await fetch(`${api}/$batch`, {
      method: "POST",
      headers: {
        Authorization: devToken(owner),
        "Content-Type": 'multipart/mixed; boundary="batch_c"',
      },
      body: [
        // A stale ETag: refused (412), nothing of it written.
        part(
          "MERGE",
          ["Content-Type: application/json", 'IF-MATCH: "999"'],
          JSON.stringify({ Code: "X" }),
        ),
        part("GET", []),
        "--batch_c--",
        "",
      ].join("\n"),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("HTTP/1.1 412");
    expect(text).toContain(`"Code":"${before}"`);
    expect((await get(`${PROJECTS}(${projectId})?$select=Title,Code`)).body.Code).toBe(before);
  });
});
