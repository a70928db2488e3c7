/**
 * The list view threshold for broad indexed filters, over raw HTTP: on a list of more than 5,000
 * items, SharePoint first narrows a query by the first clause of its filter through that
 * column's index; when that clause alone matches more than 5,000 items the query is refused
 * with 500 SPQueryThrottledException, however few items the page (`$top`) asks for
 * (https://learn.microsoft.com/troubleshoot/sharepoint/lists-and-libraries/items-exceeds-list-view-threshold).
 * A first clause on a non-indexed column is refused as before.
 */
import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

type Json = Record<string, unknown>;

const MEMBER = "jonas.lind@demokommune.onmicrosoft.com";
const BIG = "web/lists/getByTitle('Big')";
const SMALL = "web/lists/getByTitle('Small')";

let m365: M365;
let owner: string;

function admin(method: string, path: string, body?: Json): Promise<Response> {
  return fetch(`${m365.sharepoint}/_api/${path}`, {
    method,
    headers: {
      Accept: "application/json;odata=nometadata",
      "Content-Type": "application/json",
      Authorization: adminToken(owner),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** GET items as a member (the tab's token), with the filter and `$top` given. */
function query(list: string, filter: string, top = 100): Promise<Response> {
  const q = new URLSearchParams({ $select: "Id,Title", $filter: filter, $top: String(top) });
  return fetch(`${m365.sharepoint}/_api/${list}/items?${q.toString()}`, {
    headers: { Accept: "application/json;odata=nometadata", Authorization: devToken(MEMBER) },
  });
}

async function createList(title: string): Promise<void> {
  expect((await admin("POST", "web/lists", { Title: title, BaseTemplate: 100 })).status).toBe(201);
  for (const [name, indexed] of [
    ["Round", true],
    ["Key", true],
    ["Phase", false],
  ] as const) {
    const res = await admin("POST", `web/lists/getByTitle('${title}')/fields`, {
      Title: name,
      FieldTypeKind: 2,
      Indexed: indexed,
    });
    expect(res.status).toBe(201);
  }
}

/** Adds the items in `$batch` calls of 1,000 adds each. */
async function bulkAdd(title: string, bodies: Json[]): Promise<void> {
  const url = `${m365.sharepoint}/_api/web/lists/getByTitle('${title}')/items`;
  for (let i = 0; i < bodies.length; i += 1000) {
    const cs = `changeset_${crypto.randomUUID()}`;
    const parts = bodies
      .slice(i, i + 1000)
      .map(
        (b) =>
          `--${cs}\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nPOST ${url} HTTP/1.1\naccept: application/json\ncontent-type: application/json;charset=utf-8\n\n${JSON.stringify(b)}\n\n`,
      );
    const res = await fetch(`${m365.sharepoint}/_api/$batch`, {
      method: "POST",
      headers: {
        Authorization: adminToken(owner),
        "Content-Type": "multipart/mixed; boundary=batch_t",
      },
      body: `--batch_t\nContent-Type: multipart/mixed; boundary="${cs}"\n\n${parts.join("")}--${cs}--\n\n--batch_t--\n`,
    });
    expect(res.status).toBe(200);
  }
}

/** 6,000 items: 5,500 in round R1, 500 in R2; Key unique; Phase alternating. */
function rows(n: number, broad: number): Json[] {
  return Array.from({ length: n }, (_, i) => ({
    Title: `T${i + 1}`,
    Round: i < broad ? "R1" : "R2",
    Key: `K${i + 1}`,
    Phase: i % 2 ? "Idé" : "Drift",
  }));
}

beforeAll(async () => {
  m365 = await startLocalM365();
  owner = m365.users[0] ?? "";
  await createList("Big");
  await bulkAdd("Big", rows(6000, 5500));
  await createList("Small");
  await bulkAdd("Small", rows(100, 90));
}, 120_000);
afterAll(() => m365.close());

async function expectThrottled(res: Response): Promise<void> {
  expect(res.status).toBe(500);
  const body = (await res.json()) as {
    "odata.error": { code: string; message: { value: string } };
  };
  expect(body["odata.error"].code).toBe(
    "-2147024860, Microsoft.SharePoint.SPQueryThrottledException",
  );
  expect(body["odata.error"].message.value).toContain("exceeds the list view threshold");
}

describe("a list over 5,000 items: the first filter clause must narrow it through its index", () => {
  test.each([
    { filter: "Round eq 'R1'", top: 100, why: "an indexed clause matching 5,500" },
    { filter: "Round eq 'R1'", top: 10, why: "the same, paged small" },
    { filter: "Round eq 'R1' and Key eq 'K5'", top: 100, why: "broad first, narrow second" },
    { filter: "Round ne 'R2'", top: 100, why: "a negation matching 5,500" },
    { filter: "Round eq 'R2' or Round eq 'R1'", top: 100, why: "an or matching all 6,000" },
    { filter: "Id gt 0", top: 100, why: "ID (always indexed) matching all" },
    { filter: "Phase eq 'Idé'", top: 100, why: "a first clause on a non-indexed column" },
  ])("refused: $why ($filter, $top)", async ({ filter, top }) => {
    await expectThrottled(await query(BIG, filter, top));
  });

  test.each([
    { filter: "Round eq 'R2'", count: 100, why: "an indexed clause matching 500, first page" },
    { filter: "Round eq 'R2' and Phase eq 'Drift'", count: 100, why: "narrow, then non-indexed" },
    { filter: "Key eq 'K5' and Round eq 'R1'", count: 1, why: "narrow first, broad second" },
    { filter: "Id gt 5990", count: 10, why: "ID matching 10" },
  ])("answered: $why ($filter)", async ({ filter, count }) => {
    const res = await query(BIG, filter);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: Json[] }).value).toHaveLength(count);
  });

  test("a narrow first clause pages through all its matches", async () => {
    let url: string | undefined =
      `${m365.sharepoint}/_api/${BIG}/items?` +
      new URLSearchParams({ $select: "Id", $filter: "Round eq 'R2'", $top: "200" }).toString();
    let total = 0;
    while (url) {
      const res: Response = await fetch(url, {
        headers: { Accept: "application/json", Authorization: devToken(MEMBER) },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { value: Json[]; "odata.nextLink"?: string };
      total += body.value.length;
      url = body["odata.nextLink"];
    }
    expect(total).toBe(500);
  });

  test("a list under the threshold answers a broad clause", async () => {
    const res = await query(SMALL, "Round eq 'R1'");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: Json[] }).value).toHaveLength(90);
  });
});
