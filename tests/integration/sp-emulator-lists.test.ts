/**
 * The local SharePoint's lists and fields, driven through @pnp/sp v4 itself (the requests
 * PnPjs really sends, ../shared/reference/wire/pnp-capture.txt) plus raw fetch where the
 * error shape on the wire is the point.
 */
import "@pnp/sp/webs/index.js";

import {
  BrowserFetchWithRetry,
  DefaultParse,
  HttpRequestError,
  type Queryable,
} from "@pnp/queryable";
import { DefaultHeaders, DefaultInit } from "@pnp/sp";
import { DateTimeFieldFormatType, Field, Fields } from "@pnp/sp/fields/types.js";
import { type IList, List, Lists } from "@pnp/sp/lists/types.js";
import { encodePath } from "@pnp/sp/utils/encode-path-str.js";
import { type IWeb, Web } from "@pnp/sp/webs/types.js";

import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";
import { webAs as webAtSite } from "../support/pnp-web.js";

let m365: M365;
let owner: IWeb;
let member: IWeb;

function webAs(upn: string): IWeb {
  return webAtSite(m365.sharepoint, upn);
}

/** The web as the provisioning identity (AllSites.FullControl): lists and fields need Manage. */
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

/** `web.getList(url)` as PnPjs' lists/web.js builds it. */
function listByUrl(web: IWeb, urlName: string): IList {
  return List(web, `getList('${encodePath(`/sites/digistyr/Lists/${urlName}`)}')`);
}

async function rejection(p: Promise<unknown>): Promise<HttpRequestError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpRequestError) return e;
    throw e;
  }
  throw new Error("expected the request to fail");
}

function raw(path: string, init: RequestInit & { upn?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Content-Type": "application/json",
    ...(init.headers as Record<string, string> | undefined),
  };
  // Without `upn` the owner through the provisioning identity; with one, that user's tab token.
  if (init.upn !== "") {
    headers.Authorization =
      init.upn === undefined ? adminToken(m365.users[0] ?? "") : devToken(init.upn);
  }
  return fetch(`${m365.sharepoint}/_api/${path}`, { ...init, headers });
}

type Json = Record<string, unknown>;

beforeAll(async () => {
  m365 = await startLocalM365();
  owner = adminWebAs(m365.users[0] ?? "");
  // jonas.lind: a committee member (Medlemmer: Read on the site).
  member = webAs("jonas.lind@demokommune.onmicrosoft.com");
});
afterAll(() => m365.close());

describe("lists", () => {
  test("ensure creates a list the first time and finds the same list the second time", async () => {
    const first = await Lists(owner).ensure("Ensure test", "Første gang", 100, false, {
      EnableVersioning: true,
    });
    expect(first.created).toBe(true);
    const second = await Lists(owner).ensure("Ensure test", "Anden gang");
    expect(second.created).toBe(false);

    const read = await second.list<Json>();
    expect(read).toMatchObject({
      "odata.type": "SP.List",
      Title: "Ensure test",
      Description: "Anden gang",
      BaseTemplate: 100,
      EnableVersioning: true,
      ItemCount: 0,
      HasUniqueRoleAssignments: false,
      EntityTypeName: "Ensure_x0020_testList",
      ListItemEntityTypeFullName: "SP.Data.Ensure_x0020_testListItem",
      ParentWebUrl: "/sites/digistyr",
    });
    expect(read.Id).toMatch(/^[0-9a-f-]{36}$/);
    const all = await Lists(owner).filter("Title eq 'Ensure test'").select("Title")<Json[]>();
    expect(all.map((l) => l.Title)).toEqual(["Ensure test"]);
  });

  test("a list keeps its URL when its title changes, so getList by URL still finds it", async () => {
    await Lists(owner).add("Initiatives", "Alle tiltag");
    await Lists(owner).getByTitle("Initiatives").update({ Title: "Tiltag" });

    const byUrl = await listByUrl(owner, "Initiatives")
      .select("Title", "RootFolder/ServerRelativeUrl")
      .expand("RootFolder")<Json>();
    expect(byUrl.Title).toBe("Tiltag");
    expect(byUrl.RootFolder).toMatchObject({
      ServerRelativeUrl: "/sites/digistyr/Lists/Initiatives",
    });
    // SharePoint keeps the entity names from the URL as well.
    const full = await Lists(owner).getByTitle("Tiltag")<Json>();
    expect(full.ListItemEntityTypeFullName).toBe("SP.Data.InitiativesListItem");

    const gone = await rejection(Lists(owner).getByTitle("Initiatives")());
    expect(gone.status).toBe(404);
  });

  test("item-level security and versioning are updated with MERGE and read back", async () => {
    await Lists(owner).add("Ballots", "Stemmesedler");
    const list = Lists(owner).getByTitle("Ballots");
    await list.update({ ReadSecurity: 2, WriteSecurity: 2, EnableVersioning: true });
    const read = await list.select("ReadSecurity", "WriteSecurity", "EnableVersioning")<Json>();
    expect(read).toMatchObject({ ReadSecurity: 2, WriteSecurity: 2, EnableVersioning: true });
  });

  test("a list is found by its id in both address forms, and deleted", async () => {
    const { Id } = (await Lists(owner).add("Temporary", "")) as { Id: string };
    expect((await Lists(owner).getById(Id).select("Title")<Json>()).Title).toBe("Temporary");
    const guidForm = await raw(`web/lists(guid'${Id}')?$select=Title`);
    expect(((await guidForm.json()) as Json).Title).toBe("Temporary");

    await Lists(owner).getById(Id).delete();
    expect((await rejection(Lists(owner).getById(Id)())).status).toBe(404);
  });

  test("a missing list is a 404 in SharePoint's error shape, minimal and verbose", async () => {
    // SharePoint Online: 404 "-1, System.ArgumentException" "List 'X' does not exist at site
    // with URL '...'." (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest).
    const minimal = await raw("web/lists/getByTitle('Findes%20ikke')");
    expect(minimal.status).toBe(404);
    expect(await minimal.json()).toEqual({
      "odata.error": {
        code: "-1, System.ArgumentException",
        message: {
          lang: "en-US",
          value: `List 'Findes ikke' does not exist at site with URL '${m365.sharepoint}'.`,
        },
      },
    });
    const verbose = await raw("web/lists/getByTitle('Findes%20ikke')", {
      headers: { Accept: "application/json;odata=verbose" },
    });
    const body = (await verbose.json()) as { error: { code: string; message: { value: string } } };
    expect(verbose.status).toBe(404);
    expect(body.error.code).toBe("-1, System.ArgumentException");
    expect(body.error.message.value).toContain("does not exist");
  });

  test("a second list with the same title is refused as SharePoint does", async () => {
    await Lists(owner).add("Areas", "Områder");
    const res = await raw("web/lists", {
      method: "POST",
      body: JSON.stringify({ Title: "areas", BaseTemplate: 100 }),
    });
    // SPException -2130575342 "A list, survey, discussion board, or document library with the
    // specified title already exists in this Web site." (CSOM ServerErrorCode, seen in
    // pnp/PnP-Sites-Core#151).
    expect(res.status).toBe(500);
    const body = (await res.json()) as {
      "odata.error": { code: string; message: { value: string } };
    };
    expect(body["odata.error"].code).toBe("-2130575342, Microsoft.SharePoint.SPException");
    expect(body["odata.error"].message.value).toContain("already exists");
  });

  test("a new list has the built-in columns of a custom list", async () => {
    await Lists(owner).add("Builtins", "");
    const fields = await Fields(Lists(owner).getByTitle("Builtins")).select(
      "InternalName",
      "TypeAsString",
      "Required",
      "ReadOnlyField",
    )<Json[]>();
    const byName: Record<string, Json> = Object.fromEntries(
      fields.map((f) => [String(f.InternalName), f]),
    );
    expect(byName.ID).toMatchObject({ TypeAsString: "Counter", ReadOnlyField: true });
    expect(byName.Title).toMatchObject({ TypeAsString: "Text", Required: true });
    expect(byName.Author).toMatchObject({ TypeAsString: "User", ReadOnlyField: true });
    expect(byName.Editor).toMatchObject({ TypeAsString: "User", ReadOnlyField: true });
    expect(byName.Created).toMatchObject({ TypeAsString: "DateTime" });
    expect(byName.Modified).toMatchObject({ TypeAsString: "DateTime" });
    expect(byName.Attachments).toBeDefined();
  });

  test("lists are refused with 400 on unknown properties and malformed bodies, and the server lives on", async () => {
    const unknown = await raw("web/lists", {
      method: "POST",
      body: JSON.stringify({ Title: "Bad", Colour: "red" }),
    });
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { "odata.error": { message: { value: string } } };
    expect(body["odata.error"].message.value).toContain("The property 'Colour' does not exist");

    const notJson = await raw("web/lists", { method: "POST", body: "{not json" });
    expect(notJson.status).toBe(400);
    const unbalanced = await raw("web/lists/getByTitle('Open");
    expect(unbalanced.status).toBe(400);
    const badEscape = await raw("web/lists/getByTitle('%E0%A4%A')");
    expect(badEscape.status).toBe(400);
    const alive = await raw("web/lists?$select=Title");
    expect(alive.status).toBe(200);
  });

  test.each([
    ["an unclosed parenthesis", "web/lists(", "GET"],
    ["a number where a title belongs", "web/lists/getByTitle(42)", "GET"],
    ["a missing alias", "web/siteusers(@v)", "GET"],
    ["letters as a user id", "web/getuserbyid(abc)", "GET"],
    ["an unknown resource under web", "web/nothingHere", "GET"],
    [
      "a text role definition id",
      "web/roleassignments/addroleassignment(principalid='x',roledefid=1)",
      "POST",
    ],
    ["a list id that is no GUID", "web/lists('not-a-guid')", "GET"],
    ["an unknown root", "nothing", "GET"],
  ])(
    "a malformed address (%s) is answered 4xx in SharePoint's shape, never a crash",
    async (_what, path, method) => {
      const res = await raw(path, { method });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const body = (await res.json()) as Json;
      expect(body["odata.error"]).toBeDefined();
    },
  );

  test("no token gets 401", async () => {
    const res = await raw("web/lists", { upn: "" });
    expect(res.status).toBe(401);
  });
});

describe("fields", () => {
  let fields: ReturnType<typeof Fields>;
  let areasId: string;

  beforeAll(async () => {
    await Lists(owner).add("FieldTypes", "");
    fields = Fields(Lists(owner).getByTitle("FieldTypes"));
    areasId = ((await Lists(owner).add("Områder", "")) as { Id: string }).Id;
  });

  async function readField(name: string): Promise<Json> {
    return await fields.getByInternalNameOrTitle(name)<Json>();
  }

  test.each<[string, () => Promise<unknown>, Json]>([
    [
      "text",
      () => fields.addText("Code", { MaxLength: 50 }),
      { TypeAsString: "Text", FieldTypeKind: 2, MaxLength: 50 },
    ],
    [
      "multi-line text",
      () => fields.addMultilineText("Summary"),
      { TypeAsString: "Note", FieldTypeKind: 3, RichText: true, NumberOfLines: 6 },
    ],
    [
      "number with bounds",
      () => fields.addNumber("Score", { MinimumValue: 0, MaximumValue: 100 }),
      { TypeAsString: "Number", FieldTypeKind: 9, MinimumValue: 0, MaximumValue: 100 },
    ],
    [
      "currency",
      () => fields.addCurrency("Amount", { CurrencyLocaleId: 1030 }),
      { TypeAsString: "Currency", FieldTypeKind: 10, CurrencyLocaleId: 1030 },
    ],
    [
      "boolean with a default",
      async () => {
        const created = await fields.addBoolean("Mandatory");
        await fields.getByInternalNameOrTitle("Mandatory").update({ DefaultValue: "0" });
        return created;
      },
      { TypeAsString: "Boolean", FieldTypeKind: 8, DefaultValue: "0" },
    ],
    [
      "choice",
      async () => {
        const created = await fields.addChoice("Phase", {
          Choices: ["Idé", "Behovsanalyse"],
          Required: true,
        });
        await fields.getByInternalNameOrTitle("Phase").update({ DefaultValue: "Idé" });
        return created;
      },
      {
        TypeAsString: "Choice",
        FieldTypeKind: 6,
        Choices: ["Idé", "Behovsanalyse"],
        DefaultValue: "Idé",
        Required: true,
      },
    ],
    [
      "multi-choice",
      () => fields.addMultiChoice("Channels", { Choices: ["Mail", "Teams"] }),
      { TypeAsString: "MultiChoice", FieldTypeKind: 15, Choices: ["Mail", "Teams"] },
    ],
    [
      "date only",
      () =>
        fields.addDateTime("LegalDeadline", { DisplayFormat: DateTimeFieldFormatType.DateOnly }),
      { TypeAsString: "DateTime", FieldTypeKind: 4, DisplayFormat: 0 },
    ],
    [
      "person",
      () => fields.addUser("Owner", { SelectionMode: 0 }),
      { TypeAsString: "User", FieldTypeKind: 20, SelectionMode: 0, AllowMultipleValues: false },
    ],
    [
      "multi-person",
      async () => {
        const created = await fields.addUser("ProjectLeads", { SelectionMode: 0 });
        await fields.getByInternalNameOrTitle("ProjectLeads").update({ AllowMultipleValues: true });
        return created;
      },
      { TypeAsString: "UserMulti", FieldTypeKind: 20, AllowMultipleValues: true },
    ],
  ])(
    "creates a %s column with PnPjs and reads its properties back",
    async (_kind, create, expected) => {
      const created = (await create()) as { InternalName: string; __metadata: { type: string } };
      // Field creation is verbose JSON both ways (../shared/reference/wire/pnp-capture.txt, "fields").
      expect(created.__metadata.type).toMatch(/^SP\.Field/);
      const read = await readField(created.InternalName);
      expect(read).toMatchObject(expected);
      expect(read["odata.type"]).toBe(created.__metadata.type);
    },
  );

  test("a lookup is created with AddField and becomes multi-valued by update", async () => {
    const created = (await fields.addLookup("Area", {
      LookupListId: areasId,
      LookupFieldName: "Title",
    })) as Json;
    expect(created).toMatchObject({ TypeAsString: "Lookup", LookupList: `{${areasId}}` });

    await fields.addLookup("Requires", { LookupListId: areasId, LookupFieldName: "Title" });
    await fields.getByInternalNameOrTitle("Requires").update({ AllowMultipleValues: true });
    expect(await readField("Requires")).toMatchObject({
      TypeAsString: "LookupMulti",
      AllowMultipleValues: true,
      LookupField: "Title",
      LookupList: `{${areasId}}`,
    });
  });

  test("a lookup to a list that does not exist is refused", async () => {
    const err = await rejection(
      fields.addLookup("Nowhere", {
        LookupListId: "00000000-0000-0000-0000-000000000000",
        LookupFieldName: "Title",
      }),
    );
    expect(err.status).toBe(404);
  });

  test.each([
    ["a space becomes _x0020_", "Ansvarlig område", "Ansvarlig_x0020_omr_x00e5_de"],
    ["a leading digit is encoded", "2025 budget", "_x0032_025_x0020_budget"],
    [
      "names are cut to 32 characters",
      "Dette er en meget lang kolonnetitel",
      "Dette_x0020_er_x0020_en_x0020_me",
    ],
  ])("internal names from titles: %s", async (_rule, title, internalName) => {
    const created = (await fields.addText(title)) as Json;
    expect(created.InternalName).toBe(internalName);
    expect((await readField(internalName)).Title).toBe(title);
  });

  test("a cut internal name that is taken is made unique, and names never change afterwards", async () => {
    const created = (await fields.addText("Dette er en meget lang kolonnetitel nr. 2")) as Json;
    expect(created.InternalName).toBe("Dette_x0020_er_x0020_en_x0020_m0");

    await fields.getByInternalNameOrTitle("Code").update({ Title: "Kode" });
    const renamed = await readField("Code");
    expect(renamed).toMatchObject({ InternalName: "Code", StaticName: "Code", Title: "Kode" });
    expect((await readField("Kode")).InternalName).toBe("Code");
  });

  test("unique values are refused on a column that is not indexed, as SharePoint does", async () => {
    const unindexed = await rejection(fields.addText("ExternalRef", { EnforceUniqueValues: true }));
    expect(unindexed.message).toContain("This field must be indexed to enforce unique values.");

    const ok = (await fields.addText("BallotKey", {
      EnforceUniqueValues: true,
      Indexed: true,
    })) as Json;
    expect(ok).toMatchObject({ EnforceUniqueValues: true, Indexed: true });

    await fields.addText("Plain");
    const later = await rejection(
      fields.getByInternalNameOrTitle("Plain").update({ EnforceUniqueValues: true }),
    );
    expect(later.message).toContain("must be indexed");
    await fields
      .getByInternalNameOrTitle("Plain")
      .update({ Indexed: true, EnforceUniqueValues: true });
    expect(await readField("Plain")).toMatchObject({ Indexed: true, EnforceUniqueValues: true });
  });

  test("a column's title, requiredness, choices and description are updated", async () => {
    await fields.addChoice("State", { Choices: ["Åben"] });
    await Field(fields.getByInternalNameOrTitle("State")).update({
      Title: "Tilstand",
      Required: true,
      Choices: ["Åben", "Lukket"],
      Description: "Rundens tilstand",
    });
    expect(await readField("State")).toMatchObject({
      Title: "Tilstand",
      Required: true,
      Choices: ["Åben", "Lukket"],
      Description: "Rundens tilstand",
    });
  });

  test("a duplicate column name is refused", async () => {
    await fields.addNumber("Weight");
    const err = await rejection(fields.addText("weight"));
    expect(err.status).toBe(500);
    expect(err.message).toContain("-2130575340, Microsoft.SharePoint.SPException");
    expect(err.message).toContain("A duplicate field name");
  });

  test("a column is deleted, and built-in columns cannot be", async () => {
    await fields.addText("Scratch");
    await fields.getByInternalNameOrTitle("Scratch").delete();
    expect((await rejection(readField("Scratch"))).status).toBe(404);
    await expect(fields.getByInternalNameOrTitle("Title").delete()).rejects.toThrow();
  });

  test("the verbose creation answer carries __metadata and results-wrapped choices", async () => {
    const res = await raw("web/lists/getByTitle('FieldTypes')/fields", {
      method: "POST",
      headers: {
        Accept: "application/json;odata=verbose",
        "Content-Type": "application/json;odata=verbose",
      },
      body: JSON.stringify({
        __metadata: { type: "SP.FieldChoice" },
        Title: "Kind",
        FieldTypeKind: 6,
        Choices: { results: ["anlæg", "drift"] },
      }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { d: Json & { __metadata: Json; Choices: Json } };
    expect(body.d.__metadata.type).toBe("SP.FieldChoice");
    expect(body.d.Choices).toEqual({ results: ["anlæg", "drift"] });
  });

  test("an unknown property of a field type is a 400 in the verbose error shape", async () => {
    const res = await raw("web/lists/getByTitle('FieldTypes')/fields", {
      method: "POST",
      headers: {
        Accept: "application/json;odata=verbose",
        "Content-Type": "application/json;odata=verbose",
      },
      body: JSON.stringify({
        __metadata: { type: "SP.FieldText" },
        Title: "Odd",
        FieldTypeKind: 2,
        Choices: { results: ["a"] },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: { value: string } } };
    expect(body.error.message.value).toContain(
      "The property 'Choices' does not exist on type 'SP.FieldText'",
    );
  });

  test("a member can read the columns but not add one", async () => {
    const memberFields = Fields(Lists(member).getByTitle("FieldTypes"));
    const all = await memberFields.select("InternalName")<Json[]>();
    expect(all.length).toBeGreaterThan(10);
    const err = await rejection(memberFields.addText("Sneaky"));
    expect(err.status).toBe(403);
  });
});
