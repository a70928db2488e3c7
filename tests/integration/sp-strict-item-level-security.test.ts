/**
 * Item-level permissions of a list (ReadSecurity / WriteSecurity = 2: users read and edit only
 * the items they created; WriteSecurity = 4: no one writes) are passed only by the permission
 * Override List Behaviors (SP.PermissionKind.CancelCheckout), which Design and Full Control have
 * and Edit does not (https://learn.microsoft.com/sharepoint/understanding-permission-levels).
 * Over raw HTTP with the tab's token (AllSites.Write): a member creates an item; another user,
 * bound to one permission level on the list, tries to read and change it.
 */
import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

type Json = Record<string, unknown>;

const DOMAIN = "demokommune.onmicrosoft.com";
const AUTHOR = `jonas.lind@${DOMAIN}`;
const OTHER = `thomas.berg@${DOMAIN}`;

const ROLE = {
  FullControl: 1073741829,
  Design: 1073741828,
  Edit: 1073741830,
  Contribute: 1073741827,
  Read: 1073741826,
};
/** Override List Behaviors: SP.PermissionKind.CancelCheckout (9), bit 8 of Low. */
const OVERRIDE = 256;

let m365: M365;
let owner: string;
let counter = 0;
const custom: Record<string, number> = {};

function call(upnOrAuth: string, method: string, path: string, body?: Json): Promise<Response> {
  const tunnelled = method === "MERGE" || method === "DELETE";
  return fetch(`${m365.sharepoint}/_api/${path}`, {
    method: tunnelled ? "POST" : method,
    headers: {
      Accept: "application/json;odata=nometadata",
      "Content-Type": "application/json",
      Authorization: upnOrAuth.startsWith("Bearer ") ? upnOrAuth : devToken(upnOrAuth),
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

async function userId(upn: string): Promise<number> {
  return Number((await json(await call(upn, "GET", "web/currentuser"))).Id);
}

/**
 * A list with the given item-level settings and its own permissions: the author has Contribute,
 * the other user `level`; the author has added one item. Returns the list title and item id.
 */
async function listWith(
  level: number,
  readSecurity: number,
  writeSecurity: number,
): Promise<{ list: string; item: number }> {
  counter += 1;
  const list = `Own items ${counter}`;
  expect((await asAdmin("POST", "web/lists", { Title: list, BaseTemplate: 100 })).status).toBe(201);
  const at = `web/lists/getByTitle('${list}')`;
  await asAdmin(
    "POST",
    `${at}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
  );
  for (const [upn, role] of [
    [AUTHOR, ROLE.Contribute],
    [OTHER, level],
  ] as const) {
    const res = await asAdmin(
      "POST",
      `${at}/roleassignments/addroleassignment(principalid=${await userId(upn)},roledefid=${role})`,
    );
    expect(res.status).toBe(200);
  }
  const added = await call(AUTHOR, "POST", `${at}/items`, { Title: "The author's" });
  expect(added.status).toBe(201);
  const settings = await asAdmin("MERGE", at, {
    ReadSecurity: readSecurity,
    WriteSecurity: writeSecurity,
  });
  expect(settings.status).toBe(204);
  return { list, item: Number((await json(added)).Id) };
}

beforeAll(async () => {
  m365 = await startLocalM365();
  owner = m365.users[0] ?? "";
  for (const [name, High, Low] of [
    ["Læs alle", "176", String(138612833 + OVERRIDE)],
    ["Redaktør", "432", String(1011028719 + OVERRIDE)],
  ] as const) {
    const res = await asAdmin("POST", "web/roledefinitions", {
      Name: name,
      Description: "",
      Order: 200,
      BasePermissions: { High, Low },
    });
    expect(res.status).toBe(201);
    custom[name] = Number((await json(res)).Id);
  }
});
afterAll(() => m365.close());

/** Which levels pass ReadSecurity/WriteSecurity 2 on another user's item. */
const LEVELS = () => [
  { level: "Read", id: ROLE.Read, reads: false, edits: false },
  { level: "Contribute", id: ROLE.Contribute, reads: false, edits: false },
  { level: "Edit", id: ROLE.Edit, reads: false, edits: false },
  { level: "Design", id: ROLE.Design, reads: true, edits: true },
  { level: "Full Control", id: ROLE.FullControl, reads: true, edits: true },
  {
    level: "Read + Override List Behaviors",
    id: custom["Læs alle"] ?? 0,
    reads: true,
    edits: false,
  },
  {
    level: "Contribute + Override List Behaviors",
    id: custom.Redaktør ?? 0,
    reads: true,
    edits: true,
  },
];

describe("ReadSecurity = WriteSecurity = 2: only Override List Behaviors reads and edits others' items", () => {
  // Resolved when the test runs: the custom levels' ids come from beforeAll.
  test.each(LEVELS().map((l) => [l.level, l.reads, l.edits] as const))(
    "%s: reads another's item %s, edits it %s",
    async (levelName) => {
      const row = LEVELS().find((l) => l.level === levelName);
      if (!row) throw new Error(levelName);
      const { list, item } = await listWith(row.id, 2, 2);
      const at = `web/lists/getByTitle('${list}')/items`;

      const all = await call(OTHER, "GET", `${at}?$select=Title`);
      expect(all.status).toBe(200);
      expect(((await json(all)).value as Json[]).length).toBe(row.reads ? 1 : 0);
      // An item hidden by ReadSecurity answers as missing.
      expect((await call(OTHER, "GET", `${at}(${item})`)).status).toBe(row.reads ? 200 : 404);

      const edit = await call(OTHER, "MERGE", `${at}(${item})`, { Title: "Changed" });
      // Hidden: 404; seen but not editable (no Edit Items, or WriteSecurity 2): 403.
      expect(edit.status).toBe(row.edits ? 204 : row.reads ? 403 : 404);
      // The author still reads and edits their own.
      expect((await call(AUTHOR, "MERGE", `${at}(${item})`, { Title: "Mine" })).status).toBe(204);
    },
  );
});

describe("WriteSecurity alone", () => {
  test.each([
    { name: "Edit", roleId: ROLE.Edit, status: 403 },
    { name: "Design", roleId: ROLE.Design, status: 204 },
    { name: "Contribute + Override List Behaviors", roleId: -1, status: 204 },
  ])(
    "WriteSecurity 2, ReadSecurity 1: $name reads another's item; editing it answers $status",
    async ({ roleId, status }) => {
      const { list, item } = await listWith(roleId === -1 ? (custom.Redaktør ?? 0) : roleId, 1, 2);
      const at = `web/lists/getByTitle('${list}')/items(${item})`;
      expect((await call(OTHER, "GET", at)).status).toBe(200);
      const edit = await call(OTHER, "MERGE", at, { Title: "Changed" });
      expect(edit.status).toBe(status);
      if (status === 403) {
        expect(JSON.stringify(await edit.json())).toContain("System.UnauthorizedAccessException");
      }
    },
  );

  test("WriteSecurity 4: the author and Edit cannot add; Override List Behaviors can", async () => {
    const { list } = await listWith(ROLE.Edit, 1, 4);
    const at = `web/lists/getByTitle('${list}')/items`;
    expect((await call(AUTHOR, "POST", at, { Title: "x" })).status).toBe(403);
    expect((await call(OTHER, "POST", at, { Title: "x" })).status).toBe(403);
    const { list: overridden } = await listWith(custom.Redaktør ?? 0, 1, 4);
    const created = await call(OTHER, "POST", `web/lists/getByTitle('${overridden}')/items`, {
      Title: "x",
    });
    expect(created.status).toBe(201);
  });
});
