/**
 * Delegated SharePoint scopes on the local SharePoint, over raw HTTP: a token's `AllSites.*`
 * scope must allow a route besides the user's permissions. AllSites.Read reads;
 * AllSites.Write also writes items; AllSites.Manage also lists and fields; AllSites.FullControl
 * also permissions, permission levels, role assignments, inheritance and site groups. A higher
 * scope includes the lower ones. A token lacking the scope gets SharePoint's 403
 * System.UnauthorizedAccessException, as a user lacking the permission does
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/add-in-authorization-policy-types-in-sharepoint).
 * The site owner (a site collection administrator: every permission) makes the calls, so the
 * scope is the only thing that can refuse them.
 */
import { adminToken, type M365, scopedToken, startLocalM365 } from "../support/m365.js";

type Json = Record<string, unknown>;

const SCOPES = [
  "AllSites.Read",
  "AllSites.Write",
  "AllSites.Manage",
  "AllSites.FullControl",
] as const;
type Scope = (typeof SCOPES)[number];

let m365: M365;
let owner: string;
let counter = 0;

function call(
  authorization: string,
  method: string,
  path: string,
  body?: Json,
  headers: Record<string, string> = {},
): Promise<Response> {
  const tunnelled = method === "MERGE" || method === "DELETE";
  return fetch(`${m365.sharepoint}/_api/${path}`, {
    method: tunnelled ? "POST" : method,
    headers: {
      Accept: "application/json;odata=nometadata",
      "Content-Type": "application/json",
      Authorization: authorization,
      ...(tunnelled ? { "X-HTTP-Method": method, "IF-MATCH": "*" } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

const asAdmin = (method: string, path: string, body?: Json) =>
  call(adminToken(owner), method, path, body);

async function newList(): Promise<string> {
  counter += 1;
  const title = `Scoped ${counter}`;
  expect((await asAdmin("POST", "web/lists", { Title: title, BaseTemplate: 100 })).status).toBe(
    201,
  );
  return title;
}

async function newItem(list: string): Promise<number> {
  const res = await asAdmin("POST", `web/lists/getByTitle('${list}')/items`, { Title: "x" });
  expect(res.status).toBe(201);
  return Number(((await res.json()) as Json).Id);
}

async function groupId(name: string): Promise<number> {
  const res = await asAdmin("GET", `web/sitegroups/getbyname('${name}')`);
  return Number(((await res.json()) as Json).Id);
}

/** One route and the lowest scope that allows it; `request` prepares what it needs. */
interface Case {
  route: string;
  lowest: Scope;
  request: (authorization: string) => Promise<Response>;
}

const cases: Case[] = [
  {
    route: "GET web",
    lowest: "AllSites.Read",
    request: (a) => call(a, "GET", "web"),
  },
  {
    route: "GET web/lists",
    lowest: "AllSites.Read",
    request: (a) => call(a, "GET", "web/lists"),
  },
  {
    route: "GET items",
    lowest: "AllSites.Read",
    request: async (a) => call(a, "GET", `web/lists/getByTitle('${await newList()}')/items`),
  },
  {
    route: "GET fields",
    lowest: "AllSites.Read",
    request: async (a) => call(a, "GET", `web/lists/getByTitle('${await newList()}')/fields`),
  },
  {
    route: "GET sitegroups and a group's users",
    lowest: "AllSites.Read",
    request: (a) => call(a, "GET", "web/sitegroups/getbyname('Medlemmer')/users"),
  },
  {
    route: "GET roledefinitions",
    lowest: "AllSites.Read",
    request: (a) => call(a, "GET", "web/roledefinitions"),
  },
  {
    route: "GET EffectiveBasePermissions",
    lowest: "AllSites.Read",
    request: (a) => call(a, "GET", "web/effectivebasepermissions"),
  },
  {
    route: "POST contextinfo",
    lowest: "AllSites.Read",
    request: (a) => call(a, "POST", "contextinfo"),
  },
  {
    route: "POST items (add)",
    lowest: "AllSites.Write",
    request: async (a) =>
      call(a, "POST", `web/lists/getByTitle('${await newList()}')/items`, { Title: "t" }),
  },
  {
    route: "MERGE an item",
    lowest: "AllSites.Write",
    request: async (a) => {
      const list = await newList();
      return call(a, "MERGE", `web/lists/getByTitle('${list}')/items(${await newItem(list)})`, {
        Title: "u",
      });
    },
  },
  {
    route: "DELETE an item",
    lowest: "AllSites.Write",
    request: async (a) => {
      const list = await newList();
      return call(a, "DELETE", `web/lists/getByTitle('${list}')/items(${await newItem(list)})`);
    },
  },
  {
    route: "POST ensureuser",
    lowest: "AllSites.Write",
    request: (a) =>
      call(a, "POST", "web/ensureuser", {
        logonName: "i:0#.f|membership|maja.lundgaard@demokommune.onmicrosoft.com",
      }),
  },
  {
    route: "POST web/lists (create a list)",
    lowest: "AllSites.Manage",
    request: (a) => {
      counter += 1;
      return call(a, "POST", "web/lists", { Title: `Created ${counter}`, BaseTemplate: 100 });
    },
  },
  {
    route: "MERGE a list",
    lowest: "AllSites.Manage",
    request: async (a) =>
      call(a, "MERGE", `web/lists/getByTitle('${await newList()}')`, { Description: "d" }),
  },
  {
    route: "DELETE a list",
    lowest: "AllSites.Manage",
    request: async (a) => call(a, "DELETE", `web/lists/getByTitle('${await newList()}')`),
  },
  {
    route: "POST fields (create a column)",
    lowest: "AllSites.Manage",
    request: async (a) =>
      call(a, "POST", `web/lists/getByTitle('${await newList()}')/fields`, {
        Title: "Note",
        FieldTypeKind: 2,
      }),
  },
  {
    route: "POST roledefinitions",
    lowest: "AllSites.FullControl",
    request: (a) => {
      counter += 1;
      return call(a, "POST", "web/roledefinitions", {
        Name: `Level ${counter}`,
        Description: "",
        Order: 200,
        BasePermissions: { High: "0", Low: "1" },
      });
    },
  },
  {
    route: "GET a list's roleassignments",
    lowest: "AllSites.FullControl",
    request: async (a) =>
      call(a, "GET", `web/lists/getByTitle('${await newList()}')/roleassignments`),
  },
  {
    route: "POST breakroleinheritance",
    lowest: "AllSites.FullControl",
    request: async (a) =>
      call(
        a,
        "POST",
        `web/lists/getByTitle('${await newList()}')/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
      ),
  },
  {
    route: "POST addroleassignment",
    lowest: "AllSites.FullControl",
    request: async (a) => {
      const list = await newList();
      await asAdmin(
        "POST",
        `web/lists/getByTitle('${list}')/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
      );
      return call(
        a,
        "POST",
        `web/lists/getByTitle('${list}')/roleassignments/addroleassignment(principalid=${await groupId("Medlemmer")},roledefid=1073741826)`,
      );
    },
  },
  {
    route: "POST resetroleinheritance",
    lowest: "AllSites.FullControl",
    request: async (a) => {
      const list = await newList();
      await asAdmin(
        "POST",
        `web/lists/getByTitle('${list}')/breakroleinheritance(copyRoleAssignments=true,clearSubscopes=true)`,
      );
      return call(a, "POST", `web/lists/getByTitle('${list}')/resetroleinheritance`);
    },
  },
  {
    route: "POST sitegroups (create a group)",
    lowest: "AllSites.FullControl",
    request: (a) => {
      counter += 1;
      return call(a, "POST", "web/sitegroups", { Title: `Gruppe ${counter}` });
    },
  },
  {
    route: "POST a group's users (add a member)",
    lowest: "AllSites.FullControl",
    request: (a) =>
      call(a, "POST", "web/sitegroups/getbyname('Bidragydere')/users", {
        LoginName: "i:0#.f|membership|jonas.lind@demokommune.onmicrosoft.com",
      }),
  },
];

/** Every case with every scope: allowed exactly when the scope is at least the lowest. */
const table = cases.flatMap((c) =>
  SCOPES.map((scope) => ({
    ...c,
    scope,
    allowed: SCOPES.indexOf(scope) >= SCOPES.indexOf(c.lowest),
  })),
);

beforeAll(async () => {
  m365 = await startLocalM365();
  owner = m365.users[0] ?? "";
});
afterAll(() => m365.close());

describe("each SharePoint route needs its delegated scope; a higher scope includes the lower", () => {
  test.each(table)("$route with $scope: allowed $allowed", async ({ request, scope, allowed }) => {
    const res = await request(scopedToken(owner, [scope]));
    if (allowed) {
      expect(res.status).toBeLessThan(300);
    } else {
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
    }
  });

  test("a token with no SharePoint scope (Graph scopes only) reads nothing", async () => {
    const res = await call(scopedToken(owner, ["User.Read", "Sites.Read.All"]), "GET", "web");
    expect(res.status).toBe(403);
  });

  test("the refusal comes in the verbose dialect when asked for", async () => {
    const res = await call(
      scopedToken(owner, ["AllSites.Read"]),
      "POST",
      "web/lists",
      {
        Title: "Verbose",
      },
      { Accept: "application/json;odata=verbose" },
    );
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe("-2147024891, System.UnauthorizedAccessException");
  });

  test("$batch parts are judged by their own need: with AllSites.Write a read and an item add pass, a list create is refused", async () => {
    const list = await newList();
    const url = encodeURI(`${m365.sharepoint}/_api/web/lists/getByTitle('${list}')/items`);
    const part = (line: string, body?: Json) =>
      `Content-Type: application/http\nContent-Transfer-Encoding: binary\n\n${line} HTTP/1.1\naccept: application/json\ncontent-type: application/json;charset=utf-8\n\n${body ? JSON.stringify(body) : ""}\n`;
    const body =
      `--batch_s\n${part(`GET ${url}`)}` +
      `--batch_s\n${part(`POST ${url}`, { Title: "in batch" })}` +
      `--batch_s\n${part(`POST ${m365.sharepoint}/_api/web/lists`, { Title: "Batched list", BaseTemplate: 100 })}` +
      `--batch_s--\n`;
    const res = await fetch(`${m365.sharepoint}/_api/$batch`, {
      method: "POST",
      headers: {
        Authorization: scopedToken(owner, ["AllSites.Write"]),
        "Content-Type": "multipart/mixed; boundary=batch_s",
      },
      body,
    });
    expect(res.status).toBe(200);
    const statuses = [...(await res.text()).matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    expect(statuses).toEqual(["200", "201", "403"]);
  });
});
