/**
 * List items of the local SharePoint through @pnp/sp v4, configured as PLATFORM.md says for use
 * outside SPFx: DefaultHeaders, DefaultInit, BrowserFetchWithRetry, DefaultParse and a bearer
 * token behaviour. Lists and fields are created through the local SharePoint's own routes.
 */
// Defines the runtime `sp.web` property (see webOf below).
import "@pnp/sp/webs/index.js";

import { BrowserFetchWithRetry, DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit, type SPFI, spfi, spPost, SPQueryable } from "@pnp/sp";
import { Fields } from "@pnp/sp/fields/types.js";
import { type IItems, Items } from "@pnp/sp/items/types.js";
import { type IList, Lists } from "@pnp/sp/lists/types.js";
import { SiteGroups } from "@pnp/sp/site-groups/types.js";
import { SiteUser } from "@pnp/sp/site-users/types.js";
import type { IWeb } from "@pnp/sp/webs/types.js";

import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

/** SharePoint's Contribute permission level (role definition id). */
const CONTRIBUTE = 1073741827;

let m365: M365;
let owner: SPFI;
/** Site user ids of the owner and two committee members. */
let ownerId: number;
let memberA: SPFI;
let memberAId: number;
let memberB: SPFI;
let areaIds: number[];

/** PnPjs as a user; `authorization` defaults to the tab's token (AllSites.Write). */
function pnpAs(upn: string, authorization = devToken(upn)): SPFI {
  return spfi(m365.sharepoint).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry(),
    DefaultParse(),
    (instance: Queryable) => {
      instance.on.auth.replace((url, init) => {
        init.headers = {
          ...(init.headers as Record<string, string>),
          Authorization: authorization,
        };
        return Promise.resolve([url, init]);
      });
      return instance;
    },
  );
}

// PnPjs' fluent properties (sp.web, list.items, ...) are module augmentations that TypeScript
// does not apply under NodeNext resolution, so the tests reach them through PnPjs' factories.
function webOf(sp: SPFI): IWeb {
  return (sp as unknown as { web: IWeb }).web;
}
function listOf(sp: SPFI, title: string): IList {
  return Lists(webOf(sp)).getByTitle(title);
}
function itemsOf(sp: SPFI, title: string): IItems {
  return Items(listOf(sp, title));
}
function fieldsOf(sp: SPFI, title: string) {
  return Fields(listOf(sp, title));
}
async function addList(title: string, description = ""): Promise<void> {
  await Lists(webOf(owner)).add(title, description, 100, false);
}
/** Gives a site group a permission level on a list of its own (unique permissions). */
async function grant(listTitle: string, groupName: string, roleDefId: number): Promise<void> {
  const list = listOf(owner, listTitle);
  await spPost(
    SPQueryable(list, "breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)"),
  );
  const group = await SiteGroups(webOf(owner)).getByName(groupName)();
  await spPost(
    SPQueryable(
      list,
      `roleassignments/addroleassignment(principalid=${group.Id},roledefid=${roleDefId})`,
    ),
  );
}

/** An item as SharePoint's JSON has it; the tests read the properties they assert. */
interface SpItem {
  Id: number;
  [property: string]: unknown;
}

async function add(items: IItems, properties: Record<string, unknown>): Promise<SpItem> {
  return (await items.add(properties)) as SpItem;
}
async function readAll(query: IItems): Promise<SpItem[]> {
  return query<SpItem[]>();
}
async function readOne(query: () => Promise<unknown>): Promise<SpItem> {
  return (await query()) as SpItem;
}
async function update(
  item: ReturnType<IItems["getById"]>,
  properties: Record<string, unknown>,
  etag?: string,
): Promise<string> {
  return ((await item.update(properties, etag)) as { etag: string }).etag;
}

/** The text PnPjs puts in the error of a refused request (status and SharePoint's body). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the request to be refused");
}

/** Adds many items in a few `$batch` calls (one HTTP call per 1,000 adds). */
async function bulkAdd(listTitle: string, bodies: Record<string, unknown>[]): Promise<void> {
  const url = `${m365.sharepoint}/_api/web/lists/getByTitle('${listTitle}')/items`;
  for (let i = 0; i < bodies.length; i += 1000) {
    const chunk = bodies.slice(i, i + 1000);
    const cs = `changeset_${crypto.randomUUID()}`;
    const parts = chunk.map(
      (b) =>
        `--${cs}\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nPOST ${url} HTTP/1.1\naccept: application/json\ncontent-type: application/json;charset=utf-8\n\n${JSON.stringify(b)}\n\n`,
    );
    const body = `--batch_x\nContent-Type: multipart/mixed; boundary="${cs}"\n\n${parts.join("")}--${cs}--\n\n--batch_x--\n`;
    const res = await fetch(`${m365.sharepoint}/_api/$batch`, {
      method: "POST",
      headers: {
        Authorization: devToken(m365.users[0]!),
        "Content-Type": "multipart/mixed; boundary=batch_x",
      },
      body,
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.match(/HTTP\/1\.1 201/g)).toHaveLength(chunk.length);
  }
}

beforeAll(async () => {
  m365 = await startLocalM365();
  // The owner creates lists, fields and permissions: the provisioning identity's token.
  owner = pnpAs(m365.users[0]!, adminToken(m365.users[0]!));
  ownerId = (await SiteUser(webOf(owner), "currentUser")<{ Id: number }>()).Id;
  const members = await SiteGroups(webOf(owner))
    .getByName("Medlemmer")
    .users<{ Id: number; Email: string }[]>();
  const [a, b] = members.filter((u) => u.Id !== ownerId);
  memberA = pnpAs(a!.Email);
  memberAId = a!.Id;
  memberB = pnpAs(b!.Email);

  await addList("Areas", "Områder");
  const areasInfo = await listOf(owner, "Areas").select("Id")<{ Id: string }>();
  areaIds = [];
  for (const t of ["Økonomi", "Skole", "Kultur"])
    areaIds.push(((await add(itemsOf(owner, "Areas"), { Title: t })) as { Id: number }).Id);

  await addList("Projects", "Tiltag");
  const projects = { fields: fieldsOf(owner, "Projects") };
  await projects.fields.addText("Code", {
    MaxLength: 10,
    Indexed: true,
    EnforceUniqueValues: true,
  });
  await projects.fields.addText("Note", { MaxLength: 255 });
  await projects.fields.addChoice("Status", { Choices: ["Active", "Closed"], Required: true });
  await projects.fields.addMultiChoice("Tags", { Choices: ["it", "jura", "økonomi"] });
  await projects.fields.addNumber("Budget", { MinimumValue: 0, MaximumValue: 1000000 });
  await projects.fields.addDateTime("StartDate");
  await projects.fields.addUser("Owner", { SelectionMode: 0 });
  await projects.fields.addLookup("Area", { LookupListId: areasInfo.Id, LookupFieldName: "Title" });
  await projects.fields.addLookup("Areas", {
    LookupListId: areasInfo.Id,
    LookupFieldName: "Title",
  });
  await projects.fields
    .getByInternalNameOrTitle("Areas")
    .update({ AllowMultipleValues: true }, "SP.FieldLookup");
}, 60_000);

afterAll(() => m365.close());

describe("list items through @pnp/sp v4", () => {
  const projects = () => ({ items: itemsOf(owner, "Projects") });

  test('add answers the new item with ETag "1", author and editor set from the caller', async () => {
    const added = await add(projects().items, {
      Title: "Ny portal",
      Code: "P-1",
      Status: "Active",
      Budget: 250,
    });
    expect(added["odata.etag"]).toBe('"1"');
    expect(added.Id).toBeGreaterThan(0);
    expect(added.ID).toBe(added.Id);
    expect(added.Title).toBe("Ny portal");
    expect(added.AuthorId).toBe(ownerId);
    expect(added.EditorId).toBe(ownerId);
    expect(added.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(added["odata.type"]).toBe("SP.Data.ProjectsListItem");
  });

  test("get, update with the ETag, then delete: the item is gone", async () => {
    const added = await add(projects().items, { Title: "Cykel", Code: "P-2", Status: "Active" });
    const item = projects().items.getById(added.Id);
    const etag = await update(
      item,
      { Title: "Cykelsti", Budget: 10 },
      added["odata.etag"] as string,
    );
    expect(etag).toBe('"2"');
    const read = await readOne(item);
    expect(read).toMatchObject({ Title: "Cykelsti", Budget: 10, "odata.etag": '"2"' });
    await item.delete('"2"');
    const gone = await refusal(item());
    expect(gone).toContain("[404]");
    expect(gone).toContain("Item does not exist. It may have been deleted by another user.");
  });

  test("an update with a stale ETag is refused with 412 and changes nothing", async () => {
    const added = await add(projects().items, { Title: "Før", Code: "P-3", Status: "Active" });
    const item = projects().items.getById(added.Id);
    await update(item, { Title: "Anden bruger" }, '"1"');
    const message = await refusal(item.update({ Title: "Min ændring" }, '"1"'));
    // SharePoint's body for a stale IF-Match (../shared/reference/wire/batchtest-output.txt).
    expect(message).toContain("[412]");
    expect(message).toContain("-2130575305, Microsoft.SharePoint.SPException");
    expect((await readOne(item)).Title).toBe("Anden bruger");
    const deleteMessage = await refusal(item.delete('"1"'));
    expect(deleteMessage).toContain("[412]");
  });

  test("filter with and/or/not, substringof, startswith, quotes, dates; order by several keys; top", async () => {
    await addList("Queries", "");
    const q = { items: itemsOf(owner, "Queries"), fields: fieldsOf(owner, "Queries") };
    await q.fields.addNumber("Score");
    await q.fields.addDateTime("Due");
    await q.fields.addBoolean("Done");
    const rows = [
      { Title: "O'Brien", Score: 5, Due: "2026-01-10T00:00:00Z", Done: true },
      { Title: "Alpha", Score: 9, Due: "2025-12-01T00:00:00Z", Done: false },
      { Title: "alphabet", Score: 5, Due: "2026-03-01T00:00:00Z", Done: false },
      { Title: "Beta", Score: 1, Due: null, Done: true },
    ];
    for (const r of rows) await q.items.add(r);
    const titles = async (filter: string, order?: [string, boolean][]) => {
      let query = q.items.select("Title").filter(filter);
      for (const [field, asc] of order ?? []) query = query.orderBy(field, asc);
      return (await readAll(query)).map((i) => i.Title);
    };
    expect(await titles("Title eq 'O''Brien'")).toEqual(["O'Brien"]);
    expect(await titles("substringof('alpha',Title)")).toEqual(["Alpha", "alphabet"]);
    expect(await titles("startswith(Title,'B')")).toEqual(["Beta"]);
    expect(await titles("Score ge 5 and not (Done eq true)")).toEqual(["Alpha", "alphabet"]);
    expect(await titles("Score lt 2 or Title eq 'Alpha'")).toEqual(["Alpha", "Beta"]);
    expect(await titles("Due gt datetime'2026-01-01T00:00:00Z'")).toEqual(["O'Brien", "alphabet"]);
    expect(await titles("Due eq null")).toEqual(["Beta"]);
    expect(
      await titles("Score gt 0", [
        ["Score", false],
        ["Title", true],
      ]),
    ).toEqual(["Alpha", "alphabet", "O'Brien", "Beta"]);
    expect((await readAll(q.items.select("Id").top(2))).length).toBe(2);
  });

  test("person and lookup fields expand to their projections; single and multi values", async () => {
    const added = await add(projects().items, {
      Title: "Med ejer",
      Code: "P-4",
      Status: "Closed",
      Tags: ["it", "jura"],
      OwnerId: memberAId,
      AreaId: areaIds[1],
      AreasId: [areaIds[0], areaIds[2]],
      StartDate: "2026-02-01T08:30:00.000Z",
    });
    expect(added.AreasId).toEqual([areaIds[0], areaIds[2]]);
    expect(added.Tags).toEqual(["it", "jura"]);
    expect(added.StartDate).toBe("2026-02-01T08:30:00Z");
    const item = await projects()
      .items.getById(added.Id)
      .select(
        "Id",
        "Title",
        "Owner/Title",
        "Owner/EMail",
        "Owner/Id",
        "Area/Title",
        "Areas/Title",
        "Author/Title",
      )
      .expand("Owner", "Area", "Areas", "Author")<{
      Owner: { Id: number; EMail: string };
      Area: { Title: string };
      Areas: { Title: string }[];
      Author: { Title: string };
    }>();
    expect(item.Owner).toMatchObject({ Id: memberAId });
    expect(item.Owner.EMail).toMatch(/@demokommune\.onmicrosoft\.com$/);
    expect(item.Area.Title).toBe("Skole");
    expect(item.Areas.map((a) => a.Title)).toEqual(["Økonomi", "Kultur"]);
    expect(typeof item.Author.Title).toBe("string");

    const codes = async (query: IItems) => (await readAll(query)).map((i) => i.Code);
    expect(await codes(projects().items.select("Code").filter(`AreaId eq ${areaIds[1]}`))).toEqual([
      "P-4",
    ]);
    expect(
      await codes(
        projects().items.select("Code").expand("Area").filter(`Area/Id eq ${areaIds[1]}`),
      ),
    ).toEqual(["P-4"]);
    expect(
      await codes(
        projects()
          .items.select("Code")
          .expand("Owner")
          .filter(`Owner/EMail eq '${item.Owner.EMail}'`),
      ),
    ).toEqual(["P-4"]);
    expect(await codes(projects().items.select("Code").filter(`AreasId eq ${areaIds[2]}`))).toEqual(
      ["P-4"],
    );
  });

  test.each([
    ["a required field left out", { Title: "x", Code: "V-1" }, "Status"],
    [
      "text over its max length",
      { Title: "x", Code: "V-2-too-long-code", Status: "Active" },
      "Code",
    ],
    ["a value outside the choices", { Title: "x", Code: "V-3", Status: "Maybe" }, "Status"],
    [
      "a multi-choice value outside the choices",
      { Title: "x", Code: "V-4", Status: "Active", Tags: ["it", "sport"] },
      "Tags",
    ],
    [
      "a number below its minimum",
      { Title: "x", Code: "V-5", Status: "Active", Budget: -1 },
      "Budget",
    ],
    [
      "a person id that is no site user",
      { Title: "x", Code: "V-6", Status: "Active", OwnerId: 9999 },
      "Owner",
    ],
    [
      "a lookup id that is not in the target list",
      { Title: "x", Code: "V-7", Status: "Active", AreaId: 9999 },
      "Area",
    ],
  ])("refuses %s with 400 naming the field", async (_case, body, field) => {
    const message = await refusal(projects().items.add(body));
    expect(message).toContain("[400]");
    expect(message).toContain("SPFieldValidationException");
    expect(message).toContain(field);
  });

  test("an update that empties a required field is refused", async () => {
    const added = await add(projects().items, { Title: "Krav", Code: "V-8", Status: "Active" });
    const message = await refusal(projects().items.getById(added.Id).update({ Status: null }));
    expect(message).toContain("[400]");
    expect(message).toContain("Status");
  });

  test.each([
    ["a filter on a person property that does not exist", "Owner/Shoe eq 'x'", undefined],
    ["a filter on a column the lookup list does not have", "Area/Colour eq 'x'", undefined],
    ["a sort on a column the lookup list does not have", undefined, "Area/Colour"],
  ])("%s is refused with 400, not answered empty", async (_n, f, o) => {
    let query = projects().items.select("Id");
    if (f) query = query.filter(f);
    if (o) query = query.orderBy(o);
    expect(await refusal(readAll(query))).toContain("[400]");
  });

  test("an unknown property is refused as SharePoint does", async () => {
    const message = await refusal(projects().items.add({ Title: "x", Nope: 1 }));
    expect(message).toContain("[400]");
    expect(message).toContain(
      "The property 'Nope' does not exist on type 'SP.Data.ProjectsListItem'.",
    );
  });

  test("a duplicate value in a unique column is refused, case-insensitively, also on update", async () => {
    await add(projects().items, { Title: "Første", Code: "U-1", Status: "Active" });
    const message = await refusal(
      projects().items.add({ Title: "Anden", Code: "u-1", Status: "Active" }),
    );
    // SharePoint Online answers 500 with SPDuplicateValuesFoundException
    // (https://github.com/nittygritty-uk/Atvero-Issues/issues/135).
    expect(message).toContain("[500]");
    expect(message).toContain("-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException");
    const other = await add(projects().items, { Title: "Tredje", Code: "U-2", Status: "Active" });
    const onUpdate = await refusal(projects().items.getById(other.Id).update({ Code: "U-1" }));
    expect(onUpdate).toContain("SPDuplicateValuesFoundException");
    const matches = await projects().items.filter("Code eq 'U-1'")();
    expect(matches).toHaveLength(1);
  });
});

describe("own-items-only lists (ReadSecurity/WriteSecurity 2) like Ballots", () => {
  beforeAll(async () => {
    await addList("Ballots", "Stemmesedler");
    await listOf(owner, "Ballots").update({ ReadSecurity: 2, WriteSecurity: 2 });
    await grant("Ballots", "Medlemmer", CONTRIBUTE);
  });

  test("a member reads and edits their own ballot but neither sees nor edits another member's", async () => {
    const mine = await add(itemsOf(memberA, "Ballots"), { Title: "A's stemme" });
    const theirs = await add(itemsOf(memberB, "Ballots"), { Title: "B's stemme" });

    const seenByA = await itemsOf(memberA, "Ballots").select("Id", "Title")();
    expect(seenByA.map((i: { Title: string }) => i.Title)).toEqual(["A's stemme"]);

    const readOther = await refusal(itemsOf(memberA, "Ballots").getById(theirs.Id)());
    expect(readOther).toContain("[404]");
    const editOther = await refusal(
      itemsOf(memberA, "Ballots").getById(theirs.Id).update({ Title: "snyd" }),
    );
    expect(editOther).toMatch(/\[40[34]\]/);
    const deleteOther = await refusal(itemsOf(memberA, "Ballots").getById(theirs.Id).delete());
    expect(deleteOther).toMatch(/\[40[34]\]/);

    const own = itemsOf(memberA, "Ballots").getById(mine.Id);
    expect(await update(own, { Title: "A's nye stemme" }, '"1"')).toBe('"2"');
    // The site owner (Full Control) sees every ballot.
    const all = await itemsOf(owner, "Ballots").select("Title")();
    expect(all.map((i: { Title: string }) => i.Title).sort()).toEqual([
      "A's nye stemme",
      "B's stemme",
    ]);
  });

  test("WriteSecurity 2 refuses edits of items one can read but did not create with 403", async () => {
    await addList("Comparisons", "Parvise sammenligninger");
    await listOf(owner, "Comparisons").update({ WriteSecurity: 2 });
    await grant("Comparisons", "Medlemmer", CONTRIBUTE);
    const theirs = await add(itemsOf(memberB, "Comparisons"), { Title: "B" });
    const item = itemsOf(memberA, "Comparisons").getById(theirs.Id);
    expect((await readOne(item)).Title).toBe("B");
    const message = await refusal(item.update({ Title: "A" }));
    expect(message).toContain("[403]");
    expect(message).toContain("System.UnauthorizedAccessException");
  });

  test("a lookup into an own-items-only or unreadable list shows a member nothing they could not read there", async () => {
    const ballotsInfo = await listOf(owner, "Ballots").select("Id")<{ Id: string }>();
    // Unique permissions without copying: only the owner may read it.
    await addList("Secrets", "Kun ejeren");
    await spPost(
      SPQueryable(
        listOf(owner, "Secrets"),
        "breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)",
      ),
    );
    const secretsInfo = await listOf(owner, "Secrets").select("Id")<{ Id: string }>();
    const secret = await add(itemsOf(owner, "Secrets"), { Title: "Hemmelig plan" });
    const ballotA = await add(itemsOf(memberA, "Ballots"), { Title: "A: Skole først" });

    await addList("Notes", "Noter med opslag");
    await fieldsOf(owner, "Notes").addLookup("Ballot", {
      LookupListId: ballotsInfo.Id,
      LookupFieldName: "Title",
    });
    await fieldsOf(owner, "Notes").addLookup("Secret", {
      LookupListId: secretsInfo.Id,
      LookupFieldName: "Title",
    });
    const note = await add(itemsOf(owner, "Notes"), {
      Title: "Note",
      BallotId: ballotA.Id,
      SecretId: secret.Id,
    });

    const readAs = (sp: SPFI) =>
      itemsOf(sp, "Notes")
        .getById(note.Id)
        .select("Id", "BallotId", "Ballot/Title", "Secret/Title")
        .expand("Ballot", "Secret")<{
        BallotId: number;
        Ballot: { Title: string | null } | null;
        Secret: { Title: string | null } | null;
      }>();
    // Member B (Read on the site, Contribute on Ballots) sees the lookup ids, never the titles.
    const seenByB = await readAs(memberB);
    expect(seenByB.BallotId).toBe(ballotA.Id);
    expect(seenByB.Ballot?.Title ?? null).toBeNull();
    expect(seenByB.Secret?.Title ?? null).toBeNull();
    // The author of the ballot sees its title; the owner sees everything.
    expect((await readAs(memberA)).Ballot?.Title).toBe("A: Skole først");
    const seenByOwner = await readAs(owner);
    expect(seenByOwner.Ballot?.Title).toBe("A: Skole først");
    expect(seenByOwner.Secret?.Title).toBe("Hemmelig plan");
    // Nor can B probe hidden values through a filter on the projection.
    const probe = (sp: SPFI) =>
      readAll(itemsOf(sp, "Notes").filter("Ballot/Title eq 'A: Skole først'").select("Id"));
    expect(await probe(memberB)).toHaveLength(0);
    expect(await probe(memberA)).toHaveLength(1);
  });

  test("read access alone cannot add items", async () => {
    const message = await refusal(itemsOf(memberA, "Projects").add({ Title: "x" }));
    expect(message).toContain("[403]");
  });
});

describe("lists over the 5,000-item list view threshold", () => {
  beforeAll(async () => {
    await addList("Big", "");
    const big = { fields: fieldsOf(owner, "Big") };
    await big.fields.addText("Key", { Indexed: true, MaxLength: 20 });
    await big.fields.addChoice("Phase", { Choices: ["Idé", "Drift"] });
    await bulkAdd(
      "Big",
      Array.from({ length: 6000 }, (_, i) => ({
        Title: `T${i + 1}`,
        Key: `K${i + 1}`,
        Phase: i % 2 ? "Idé" : "Drift",
      })),
    );
  }, 120_000);

  const big = () => ({ items: itemsOf(owner, "Big") });

  test("paging with top(5000) returns each of 6,000 items exactly once", async () => {
    const ids: number[] = [];
    let pages = 0;
    for await (const page of big().items.select("Id", "Title").top(5000)) {
      pages += 1;
      ids.push(...(page as { Id: number }[]).map((i) => i.Id));
    }
    expect(pages).toBe(2);
    expect(ids).toHaveLength(6000);
    expect(new Set(ids).size).toBe(6000);
  });

  test("a filter whose first clause is on a non-indexed column is refused like SharePoint", async () => {
    const message = await refusal(big().items.filter("Phase eq 'Idé'").top(100)());
    // SharePoint Online: 500, SPQueryThrottledException (the list view threshold).
    expect(message).toContain("[500]");
    expect(message).toContain("-2147024860, Microsoft.SharePoint.SPQueryThrottledException");
    expect(message).toContain("exceeds the list view threshold");
    const sorted = await refusal(big().items.orderBy("Phase").top(100)());
    expect(sorted).toContain("SPQueryThrottledException");
    const tooBig = await refusal(big().items.top(5001)());
    expect(tooBig).toContain("SPQueryThrottledException");
  });

  test("filters on an indexed column or on ID work", async () => {
    // Item 4711 was added with Phase "Drift": the non-indexed second clause still filters.
    const both = await big().items.select("Title").filter("Key eq 'K4711' and Phase eq 'Drift'")();
    expect(both.map((i: { Title: string }) => i.Title)).toEqual(["T4711"]);
    const none = await big().items.select("Title").filter("Key eq 'K4711' and Phase eq 'Idé'")();
    expect(none).toEqual([]);
    const exact = await big().items.select("Title").filter("Key eq 'K4711'")();
    expect(exact.map((i: { Title: string }) => i.Title)).toEqual(["T4711"]);
    const byId = await readAll(big().items.select("Id").filter("Id gt 5990").orderBy("Id", false));
    expect(byId.map((i) => i.Id)).toEqual([
      6000, 5999, 5998, 5997, 5996, 5995, 5994, 5993, 5992, 5991,
    ]);
  });
});
