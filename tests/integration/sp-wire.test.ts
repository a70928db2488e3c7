/**
 * Replays, as raw HTTP, the request shapes @pnp/sp v4 really sends
 * (../shared/reference/wire/pnp-capture.txt and pnp2-capture.txt: paths, query strings, headers
 * and bodies as captured, with `/sites/s` rewritten to the local site) and checks that the local
 * SharePoint answers each one as SharePoint Online does: status, headers such as ETag, and the
 * body's shape.
 */
import { adminToken, type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;

/**
 * The headers PnPjs sends on every request (pnp-capture.txt), plus the local bearer token: the
 * site owner through the provisioning identity, since the replay creates lists and fields
 * (AllSites.Manage).
 */
function pnpHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    "x-pnpjs-requestid": crypto.randomUUID(),
    accept: "application/json",
    "content-type": "application/json;charset=utf-8",
    "x-clientservice-clienttag": "s.s.w.l.g.items",
    "cache-control": "max-age=0",
    authorization: adminToken(m365.users[0]!),
    ...extra,
  };
}

/** Sends a captured request: `path` as captured below `/sites/s`. */
async function replay(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  return fetch(`${m365.sharepoint}${path.replace(/^\/sites\/s/, "")}`, {
    method,
    headers: pnpHeaders(options.headers),
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

interface Item {
  Id: number;
  Title: string | null;
  "odata.etag": string;
  [property: string]: unknown;
}

const items = "/sites/s/_api/web/lists/getByTitle('Projects')/items";
let programsId = "";

beforeAll(async () => {
  m365 = await startLocalM365();
  // Lists are created with the body PnPjs' `lists.ensure` posts (pnp-capture.txt, "ensure").
  for (const title of ["Projects", "Programs"]) {
    const res = await replay("POST", "/sites/s/_api/web/lists", {
      headers: { "x-clientservice-clienttag": "s.s.w.lists" },
      body: JSON.stringify({
        AllowContentTypes: false,
        BaseTemplate: 100,
        ContentTypesEnabled: false,
        Description: "desc",
        Title: title,
        EnableVersioning: true,
      }),
    });
    expect(res.status).toBe(201);
    if (title === "Programs") programsId = (await json<{ Id: string }>(res)).Id;
  }
  const program = await replay("POST", "/sites/s/_api/web/lists/getByTitle('Programs')/items", {
    body: JSON.stringify({ Title: "Digitalisering" }),
  });
  expect(program.status).toBe(201);
});

afterAll(() => m365.close());

describe("pnp-capture.txt request shapes", () => {
  test.each([
    [
      "SP.FieldText",
      '{"__metadata":{"type":"SP.FieldText"},"Title":"ProjectCode","FieldTypeKind":2,"MaxLength":50,"EnforceUniqueValues":true,"Indexed":true}',
    ],
    [
      "SP.FieldNumber",
      '{"__metadata":{"type":"SP.FieldNumber"},"Title":"Score","FieldTypeKind":9,"MinimumValue":0,"MaximumValue":100}',
    ],
    [
      "SP.FieldChoice",
      '{"__metadata":{"type":"SP.FieldChoice"},"Title":"Status","FieldTypeKind":6,"Choices":{"results":["Active","Closed"]}}',
    ],
    [
      "SP.FieldDateTime",
      '{"__metadata":{"type":"SP.FieldDateTime"},"Title":"StartDate","FieldTypeKind":4,"DateTimeCalendarType":1,"DisplayFormat":0,"FriendlyDisplayFormat":0}',
    ],
    [
      "SP.FieldUser",
      '{"__metadata":{"type":"SP.FieldUser"},"Title":"Owner","FieldTypeKind":20,"SelectionMode":1}',
    ],
    [
      "SP.FieldCurrency",
      '{"__metadata":{"type":"SP.FieldCurrency"},"Title":"Budget","FieldTypeKind":10,"CurrencyLocaleId":1033}',
    ],
    [
      "SP.FieldMultiLineText",
      '{"__metadata":{"type":"SP.FieldMultiLineText"},"Title":"Notes","FieldTypeKind":3,"AllowHyperlink":true,"AppendOnly":false,"NumberOfLines":6,"RestrictedMode":false,"RichText":true}',
    ],
  ])("fields: a verbose %s payload creates the field (201, verbose answer)", async (type, body) => {
    const res = await replay("POST", "/sites/s/_api/web/lists/getByTitle('Projects')/fields", {
      headers: {
        accept: "application/json;odata=verbose",
        "content-type": "application/json;odata=verbose",
        "x-clientservice-clienttag": "s.s.w.l.g.fields",
      },
      body,
    });
    expect(res.status).toBe(201);
    const created = await json<{ d: { __metadata: { type: string }; Title: string } }>(res);
    expect(created.d.__metadata.type).toBe(type);
  });

  test("fields/AddField creates the lookup column", async () => {
    const res = await replay(
      "POST",
      "/sites/s/_api/web/lists/getByTitle('Projects')/fields/AddField",
      {
        headers: { "x-clientservice-clienttag": "s.s.w.l.g.f.AddField" },
        body: JSON.stringify({
          parameters: {
            Title: "Program",
            FieldTypeKind: 7,
            LookupListId: programsId,
            LookupFieldName: "Title",
          },
        }),
      },
    );
    expect(res.status).toBeLessThan(300);
    expect((await json<{ InternalName: string }>(res)).InternalName).toBe("Program");
  });

  test('add: 201 with the new item, odata.etag "1", Id and ID', async () => {
    // Items 1-6 first, so the captured `items(7)` addresses the captured add.
    for (const t of ["a", "b", "c", "d", "e", "f"]) {
      const r = await replay("POST", items, { body: JSON.stringify({ Title: t }) });
      expect(r.status).toBe(201);
    }
    const res = await replay("POST", items, { body: '{"Title":"new","Budget":5}' });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toContain("application/json;odata=minimalmetadata");
    const added = await json<Item>(res);
    expect(added).toMatchObject({ "odata.etag": '"1"', Id: 7, ID: 7, Title: "new", Budget: 5 });
  });

  test("async iterate top(2): a page of 2 and an absolute odata.nextLink the next request follows", async () => {
    const first = await replay("GET", `${items}?%24top=2&%24select=Id%2CTitle`);
    expect(first.status).toBe(200);
    const page = await json<{ value: Item[]; "odata.nextLink": string }>(first);
    expect(page.value.map((i) => [i.Id, i.Title])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(page["odata.nextLink"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sites\/digistyr\/_api\//);
    expect(page["odata.nextLink"]).toContain("%24skiptoken=Paged%3dTRUE%26p_ID%3d2&%24top=2");
    // The captured second request: skiptoken and top only.
    const second = await replay("GET", `${items}?%24skiptoken=Paged%3dTRUE%26p_ID%3d2&%24top=2`);
    expect(second.status).toBe(200);
    const next = await json<{ value: Item[] }>(second);
    expect(next.value.map((i) => i.Id)).toEqual([3, 4]);
    // And the link as given carries $select on.
    const followed = await fetch(page["odata.nextLink"], { headers: pnpHeaders() });
    const viaLink = await json<{ value: Item[] }>(followed);
    expect(viaLink.value.map((i) => Object.keys(i).filter((k) => !k.startsWith("odata.")))).toEqual(
      [
        ["Id", "Title"],
        ["Id", "Title"],
      ],
    );
  });

  test("update with etag: MERGE with if-match answers 204 and the new ETag", async () => {
    const res = await replay("POST", `${items}(7)`, {
      headers: { "if-match": '"1"', "x-http-method": "MERGE" },
      body: '{"Title":"upd"}',
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("etag")).toBe('"2"');
    const stale = await replay("POST", `${items}(7)`, {
      headers: { "if-match": '"1"', "x-http-method": "MERGE" },
      body: '{"Title":"again"}',
    });
    expect(stale.status).toBe(412);
    const error = await json<{ "odata.error": { code: string } }>(stale);
    expect(error["odata.error"].code).toBe("-2130575305, Microsoft.SharePoint.SPException");
  });

  test("delete: DELETE with if-match answers 200 with an empty body", async () => {
    const res = await replay("POST", `${items}(7)`, {
      headers: { "if-match": '"2"', "x-http-method": "DELETE" },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const gone = await replay("GET", `${items}(7)`);
    expect(gone.status).toBe(404);
  });

  test("ensure: getByTitle of a missing list is 404, then the captured POST creates it", async () => {
    const missing = await replay(
      "GET",
      "/sites/s/_api/web/lists/getByTitle('New%20List')?%24select=Title",
    );
    expect(missing.status).toBe(404);
    const created = await replay("POST", "/sites/s/_api/web/lists", {
      body: '{"AllowContentTypes":false,"BaseTemplate":100,"ContentTypesEnabled":false,"Description":"desc","Title":"New List","EnableVersioning":true}',
    });
    expect(created.status).toBe(201);
    const found = await replay(
      "GET",
      "/sites/s/_api/web/lists/getByTitle('New%20List')?%24select=Title",
    );
    expect((await json<{ Title: string }>(found)).Title).toBe("New List");
  });

  test("batch: the captured multipart body gets one flat answer per request, in order", async () => {
    // Item 3 at version 4 and item 4 present, as the captured MERGE/DELETE expect.
    for (const [n, title] of [
      [1, "c1"],
      [2, "c2"],
      [3, "c3"],
    ] as const) {
      const r = await replay("POST", `${items}(3)`, {
        headers: { "if-match": `"${n}"`, "x-http-method": "MERGE" },
        body: JSON.stringify({ Title: title }),
      });
      expect(r.status).toBe(204);
    }
    const site = `${m365.sharepoint}`;
    const captured =
      '--batch_fb9e8b15-badc-4932-ba2f-8493dfd3e1b0\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nGET http://localhost:4321/sites/s/_api/web/lists/getByTitle(\'Projects\')/items?%24select=Id HTTP/1.1\naccept: application/json\ncontent-type: application/json;charset=utf-8\n\n--batch_fb9e8b15-badc-4932-ba2f-8493dfd3e1b0\nContent-Type: multipart/mixed; boundary="changeset_a84b9b61-296b-4c4e-87f6-3f2eab76beec"\n\n--changeset_a84b9b61-296b-4c4e-87f6-3f2eab76beec\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nPOST http://localhost:4321/sites/s/_api/web/lists/getByTitle(\'Projects\')/items HTTP/1.1\naccept: application/json\ncontent-type: application/json;charset=utf-8\n\n{"Title":"b1"}\n\n--changeset_a84b9b61-296b-4c4e-87f6-3f2eab76beec\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nMERGE http://localhost:4321/sites/s/_api/web/lists/getByTitle(\'Projects\')/items(3) HTTP/1.1\naccept: application/json\ncontent-type: application/json;charset=utf-8\nif-match: "4"\n\n{"Title":"u"}\n\n--changeset_a84b9b61-296b-4c4e-87f6-3f2eab76beec\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nDELETE http://localhost:4321/sites/s/_api/web/lists/getByTitle(\'Projects\')/items(4) HTTP/1.1\naccept: application/json\ncontent-type: application/json;charset=utf-8\nif-match: *\n\n--changeset_a84b9b61-296b-4c4e-87f6-3f2eab76beec--\n\n--batch_fb9e8b15-badc-4932-ba2f-8493dfd3e1b0--\n';
    const res = await fetch(`${site}/_api/$batch`, {
      method: "POST",
      headers: pnpHeaders({
        "content-type": "multipart/mixed; boundary=batch_fb9e8b15-badc-4932-ba2f-8493dfd3e1b0",
        "x-clientservice-clienttag": "s.s.$batch",
      }),
      body: captured.replaceAll("http://localhost:4321/sites/s", site),
    });
    expect(res.status).toBe(200);
    const boundary = /boundary=(batchresponse_[0-9a-f-]+)/.exec(
      res.headers.get("content-type") ?? "",
    )?.[1];
    expect(boundary).toBeDefined();
    const text = await res.text();
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
    const parts = text.split(`--${boundary}`).slice(1, -1);
    const statuses = parts.map((p) => /HTTP\/1\.1 (\d+) /.exec(p)?.[1]);
    expect(statuses).toEqual(["200", "201", "204", "200"]);
    expect(parts[0]).toContain("Content-Type: application/http");
    expect(parts[0]).toContain("Content-Transfer-Encoding: binary");
    expect(parts[2]).toContain('ETag: "5"');
    const listed = JSON.parse(parts[0]!.slice(parts[0]!.indexOf("{"))) as { value: Item[] };
    expect(listed.value.map((i) => i.Id)).toContain(4);
  });
});

describe("pnp2-capture.txt request shapes", () => {
  test("items with select, expand of a person and a lookup, filter, orderby and top", async () => {
    const me = await json<{ Id: number }>(await replay("GET", "/sites/s/_api/web/currentUser"));
    const add = await replay("POST", items, {
      body: JSON.stringify({
        Title: "Aktiv",
        Status: "Active",
        Budget: 2000,
        OwnerId: me.Id,
        ProgramId: 1,
      }),
    });
    expect(add.status).toBe(201);
    const res = await replay(
      "GET",
      `${items}?%24select=Id%2CTitle%2COwner%2FTitle%2COwner%2FEMail%2CProgram%2FTitle&%24expand=Owner%2CProgram&%24filter=Status+eq+%27Active%27+and+Budget+gt+1000&%24orderby=Modified+desc&%24top=50`,
    );
    expect(res.status).toBe(200);
    const body = await json<{
      value: {
        Title: string;
        Owner: { Title: string; EMail: string };
        Program: { Title: string };
      }[];
    }>(res);
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({
      Title: "Aktiv",
      Owner: { Title: "Niels Fogh", EMail: m365.users[0] },
      Program: { Title: "Digitalisering" },
    });
  });

  test("one item with $select answers the item and its ETag header", async () => {
    const res = await replay("GET", `${items}(1)?%24select=Id%2CTitle`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(await json<Item>(res)).toMatchObject({ Id: 1, Title: "a", "odata.etag": '"1"' });
  });

  test("a filter without other options answers the matching items", async () => {
    const res = await replay("GET", `${items}?%24filter=Status+eq+%27Active%27+and+Budget+gt+5`);
    expect(res.status).toBe(200);
    const body = await json<{ value: Item[] }>(res);
    expect(body.value.map((i) => i.Title)).toEqual(["Aktiv"]);
  });

  test("ensureuser and currentUser answer a site user", async () => {
    const ensured = await replay("POST", "/sites/s/_api/web/ensureuser", {
      body: JSON.stringify({ logonName: `i:0#.f|membership|${m365.users[3]!}` }),
    });
    expect(ensured.status).toBe(200);
    expect((await json<{ Id: number; Email: string }>(ensured)).Id).toBeGreaterThan(0);
    const me = await replay("GET", "/sites/s/_api/web/currentUser");
    expect(me.status).toBe(200);
    expect((await json<{ LoginName: string }>(me)).LoginName).toBe(
      `i:0#.f|membership|${m365.users[0]!}`,
    );
  });
});
