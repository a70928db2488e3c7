/**
 * SharePoint `$batch` of the local SharePoint through PnPjs' own batching (createBatch), the
 * shape in ../shared/reference/wire/pnp-capture.txt: a GET, then a changeset with an add, a
 * MERGE and a DELETE. SharePoint runs each part on its own, so one failing part fails only its
 * own promise (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis).
 */
// Defines the runtime `sp.web` property (see webOf below).
import "@pnp/sp/webs/index.js";

import { BrowserFetchWithRetry, DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit, type SPFI, spfi } from "@pnp/sp";
import { createBatch } from "@pnp/sp/batching.js";
import { type IItems, Items } from "@pnp/sp/items/types.js";
import { Lists } from "@pnp/sp/lists/types.js";
import { type IWeb, Web } from "@pnp/sp/webs/types.js";

import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;
let sp: SPFI;

interface SpItem {
  Id: number;
  [property: string]: unknown;
}

// PnPjs' fluent properties are module augmentations TypeScript does not apply under NodeNext
// resolution; the factories reach the same objects.
function webOf(s: SPFI): IWeb {
  return (s as unknown as { web: IWeb }).web;
}
function items(web: IWeb, title: string): IItems {
  return Items(Lists(web).getByTitle(title));
}

/** A web whose requests join one batch, and the function that sends it. */
function batchedWeb(): [IWeb, () => Promise<void>] {
  const base = webOf(sp);
  const [behavior, execute] = createBatch(base);
  return [Web(base).using(behavior), execute];
}

beforeAll(async () => {
  m365 = await startLocalM365();
  const upn = m365.users[0]!;
  sp = spfi(m365.sharepoint).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry(),
    DefaultParse(),
    (instance: Queryable) => {
      instance.on.auth.replace((url, init) => {
        init.headers = {
          ...(init.headers as Record<string, string>),
          // The site owner acting through the provisioning identity: creating the list needs
          // AllSites.Manage; the batched item writes would need only AllSites.Write.
          Authorization: adminToken(upn),
        };
        return Promise.resolve([url, init]);
      });
      return instance;
    },
  );
  await Lists(webOf(sp)).add("Projects", "", 100, false);
  for (const t of ["b0", "b2", "b3"]) await items(webOf(sp), "Projects").add({ Title: t });
});

afterAll(() => m365.close());

describe("$batch through PnPjs", () => {
  test("a GET and a changeset with add, MERGE and DELETE each get their own answer", async () => {
    const [web, execute] = batchedWeb();
    // One queryable per request: PnPjs refuses to put one instance in a batch twice.
    const projects = () => items(web, "Projects");
    const get = projects().select("Id", "Title").orderBy("Id")<SpItem[]>();
    const add = projects().add({ Title: "b1" }) as Promise<SpItem>;
    const update = projects().getById(2).update({ Title: "u" }, '"1"') as Promise<{ etag: string }>;
    const del = projects().getById(3).delete("*") as Promise<unknown>;
    await execute();

    expect((await get).map((i) => i.Title)).toEqual(["b0", "b2", "b3"]);
    const added = await add;
    expect(added.Title).toBe("b1");
    expect(added["odata.etag"]).toBe('"1"');
    expect((await update).etag).toBe('"2"');
    await expect(del).resolves.toBeDefined();

    const after = await items(webOf(sp), "Projects").select("Id", "Title")<SpItem[]>();
    expect(after.map((i) => i.Title)).toEqual(["b0", "u", "b1"]);
  });

  test("a part with a stale ETag fails alone; the parts around it are applied", async () => {
    const projects0 = items(webOf(sp), "Projects");
    const a = (await projects0.add({ Title: "a" })) as SpItem;
    const b = (await projects0.add({ Title: "b" })) as SpItem;
    await projects0.getById(b.Id).update({ Title: "b changed elsewhere" }, '"1"');

    const [web, execute] = batchedWeb();
    const projects = () => items(web, "Projects");
    const first = projects().getById(a.Id).update({ Title: "a2" }, '"1"') as Promise<{
      etag: string;
    }>;
    const stale = projects().getById(b.Id).update({ Title: "b2" }, '"1"') as Promise<unknown>;
    const added = projects().add({ Title: "c" }) as Promise<SpItem>;
    await execute();

    expect((await first).etag).toBe('"2"');
    // SharePoint's stale-ETag body (../shared/reference/wire/batchtest-output.txt).
    await expect(stale).rejects.toThrow(/\[412\].*-2130575305, Microsoft\.SharePoint\.SPException/);
    expect((await added).Title).toBe("c");
    const stored = await projects0.getById(b.Id)<SpItem>();
    expect(stored.Title).toBe("b changed elsewhere");
  });

  test("answers 400 to a malformed multipart body and keeps serving", async () => {
    const res = await fetch(`${m365.sharepoint}/_api/$batch`, {
      method: "POST",
      headers: {
        Authorization: devToken(m365.users[0]!),
        "Content-Type": "multipart/mixed; boundary=batch_1",
      },
      body: "--batch_1\nContent-Type: application/http\n\nNOT A REQUEST LINE\n",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { "odata.error": { code: string } };
    expect(body["odata.error"].code).toContain("Microsoft.SharePoint.Client");
    const noBoundary = await fetch(`${m365.sharepoint}/_api/$batch`, {
      method: "POST",
      headers: { Authorization: devToken(m365.users[0]!), "Content-Type": "application/json" },
      body: "{}",
    });
    expect(noBoundary.status).toBe(400);
    const still = await items(webOf(sp), "Projects").top(1)<SpItem[]>();
    expect(still).toHaveLength(1);
  });
});
