/**
 * The local Microsoft 365 answers an over-deep or over-long `$filter` with 400, as the real
 * services refuse a query they cannot run, never with a 500 from a stack overflow. A `$batch`
 * body carries inner URLs far longer than a request line may be, so the limit has to hold there
 * too (QUALITY.md: "The local server survives malformed requests (400, not a crash)").
 */
import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;
let auth: string;

const deepNot = `${"not ".repeat(30_000)}Title eq 'x'`;
const deepParens = `${"(".repeat(30_000)}Title eq 'x'${")".repeat(30_000)}`;

/** Sends one GET inside a SharePoint `$batch` and returns the inner part's status line. */
async function spBatchGet(innerUrl: string): Promise<string> {
  const body = [
    "--batch_deep",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    `GET ${innerUrl} HTTP/1.1`,
    "accept: application/json",
    "",
    "--batch_deep--",
    "",
  ].join("\n");
  const res = await fetch(`${m365.sharepoint}/_api/$batch`, {
    method: "POST",
    headers: { Authorization: auth, "Content-Type": "multipart/mixed; boundary=batch_deep" },
    body,
  });
  expect(res.status).toBe(200);
  const status = /HTTP\/1\.1 (\d{3})/.exec(await res.text())?.[1];
  return status ?? "none";
}

beforeAll(async () => {
  m365 = await startLocalM365();
  auth = devToken(m365.users[0]!);
  // Creating a list needs AllSites.Manage: the provisioning identity's token.
  const created = await fetch(`${m365.sharepoint}/_api/web/lists`, {
    method: "POST",
    headers: {
      Authorization: adminToken(m365.users[0]!),
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify({ Title: "Projects", BaseTemplate: 100 }),
  });
  expect(created.status).toBe(201);
});

afterAll(() => m365.close());

describe("over-deep $filter", () => {
  test.each([
    ["`not` on list items", "web/lists/getByTitle('Projects')/items", deepNot],
    ["parentheses on list items", "web/lists/getByTitle('Projects')/items", deepParens],
    ["`not` on the list collection", "web/lists", deepNot],
    ["parentheses on the list collection", "web/lists", deepParens],
  ])("SharePoint: %s inside a $batch is a 400 part", async (_name, path, filter) => {
    const url = `${m365.sharepoint}/_api/${path}?$filter=${encodeURIComponent(filter)}`;
    expect(await spBatchGet(url)).toBe("400");
  });

  test("Graph: parentheses nested 3,000 deep on /users are a 400 with Graph's error shape", async () => {
    const filter = `${"(".repeat(3000)}startswith(displayName,'M')${")".repeat(3000)}`;
    const res = await fetch(`${m365.graph}/users?$filter=${encodeURIComponent(filter)}`, {
      headers: { Authorization: auth },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error?: { code?: string } };
    expect(body.error?.code).toBeTruthy();
  });

  test("a plain filter still works on both", async () => {
    const sp = await fetch(
      `${m365.sharepoint}/_api/web/lists?$filter=${encodeURIComponent("Title eq 'Projects'")}&$select=Title`,
      { headers: { Authorization: auth, Accept: "application/json" } },
    );
    expect(((await sp.json()) as { value: { Title: string }[] }).value).toEqual([
      expect.objectContaining({ Title: "Projects" }),
    ]);
    const graph = await fetch(
      `${m365.graph}/users?$filter=${encodeURIComponent("startswith(displayName,'Mads')")}`,
      { headers: { Authorization: auth } },
    );
    expect(graph.status).toBe(200);
    expect(((await graph.json()) as { value: unknown[] }).value.length).toBeGreaterThan(0);
  });
});
