/**
 * Provisioning against the local Microsoft 365 over HTTP, through the real @pnp/sp code
 * (issue 2 §3 and §6): every list and field of lists-schema is created with its type, title,
 * flags, item-level security and group permissions; a second run changes nothing; a user who
 * does not own the site gets a clear error naming the list.
 */
import { listSchemas } from "../../lists-schema/index.js";
import type { FieldSchema, FieldType, ListSchema } from "../../lists-schema/types.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite, type ProvisionSummary } from "../../src/provisioning/index.js";
import { ProvisioningError } from "../../src/provisioning/index.js";
import { devToken, type M365, startLocalM365 } from "../support/m365.js";

const SLOW = 60_000;

/**
 * SharePoint's TypeAsString per lists-schema type; multi-valued person and lookup fields
 * report UserMulti / LookupMulti.
 * https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee540543(v=office.15)
 */
const TYPE_AS_STRING: Record<FieldType, string> = {
  text: "Text",
  note: "Note",
  number: "Number",
  currency: "Currency",
  boolean: "Boolean",
  choice: "Choice",
  multichoice: "MultiChoice",
  datetime: "DateTime",
  person: "User",
  multiperson: "UserMulti",
  lookup: "Lookup",
  multilookup: "LookupMulti",
};

/** Role definition ids by RoleTypeKind on a SharePoint Online site (Read, Contribute, Full Control, Edit). */
const ROLE_KIND = { read: 2, edit: 3, full: 5, manage: 6 } as const;

type Json = Record<string, unknown>;

function client(server: M365, upn: string) {
  const sitePath = new URL(server.sharepoint).pathname;
  const call = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.sharepoint}/_api/${path}`, {
      ...init,
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json;charset=utf-8",
        Authorization: devToken(upn),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const get = async <T = Json>(path: string): Promise<T> => {
    const res = await call(path);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const list = (name: string) => `web/getList('${sitePath}/Lists/${name}')`;
  return {
    call,
    get,
    list,
    listInfo: (name: string) =>
      get(
        `${list(name)}?$select=Id,Title,Description,ReadSecurity,WriteSecurity,EnableVersioning,HasUniqueRoleAssignments`,
      ),
    fields: async (name: string) => (await get<{ value: Json[] }>(`${list(name)}/fields`)).value,
    roleAssignments: async (name: string) =>
      (
        await get<{ value: Json[] }>(
          `${list(name)}/roleassignments?$expand=Member,RoleDefinitionBindings`,
        )
      ).value,
  };
}

function choicesOf(v: unknown): unknown {
  return Array.isArray(v) ? v : (v as { results?: unknown } | undefined)?.results;
}

const guid = (v: unknown) => String(v).replace(/[{}]/g, "").toLowerCase();

describe("provisioning the site from lists-schema", () => {
  let server: M365;
  let owner: string;
  let sp: ReturnType<typeof client>;
  let first: ProvisionSummary;
  const firstLog: string[] = [];

  beforeAll(async () => {
    server = await startLocalM365();
    owner = server.users[0]!;
    sp = client(server, owner);
    first = await provisionSite({
      siteUrl: server.sharepoint,
      tokenProvider: devAdminTokenProvider(owner),
      log: (line) => firstLog.push(line),
    });
  }, SLOW);

  afterAll(async () => {
    await server.close();
  });

  it("creates every list and says so in one progress line per list", () => {
    expect(first.changed).toBe(true);
    expect(first.lists.map((l) => l.list)).toEqual(listSchemas.map((l) => l.name));
    expect(first.lists.every((l) => l.created)).toBe(true);
    expect(firstLog).toHaveLength(listSchemas.length);
    expect(firstLog[listSchemas.findIndex((l) => l.name === "Initiatives")]).toMatch(
      /^Tiltag \(Initiatives\): oprettet, \d+ felter tilføjet, rettigheder sat$/,
    );
  });

  it.each(listSchemas.map((l) => [l.name, l] as const))(
    "%s has its URL, Danish title, description and item-level security",
    async (name, schema) => {
      const info = await sp.listInfo(name);
      expect(info).toMatchObject({
        Title: schema.title,
        Description: schema.description,
        ReadSecurity: schema.readSecurity,
        WriteSecurity: schema.writeSecurity,
        EnableVersioning: true,
        HasUniqueRoleAssignments: true,
      });
    },
  );

  it.each(listSchemas.map((l) => [l.name, l] as const))(
    "%s has every field with its type, title and required/indexed/unique flags",
    async (name, schema) => {
      const fields = await sp.fields(name);
      const byName = new Map(fields.map((f) => [String(f.InternalName), f]));
      const problems: string[] = [];
      for (const field of schema.fields) {
        const server = byName.get(field.name);
        if (!server) {
          problems.push(`${field.name} mangler`);
          continue;
        }
        const expected = await expectedField(field);
        for (const [key, want] of Object.entries(expected)) {
          const have = key === "Choices" ? choicesOf(server[key]) : server[key];
          const same =
            key === "LookupList"
              ? guid(have) === guid(want)
              : JSON.stringify(have) === JSON.stringify(want);
          if (!same)
            problems.push(
              `${field.name}.${key}: ${JSON.stringify(have)} ≠ ${JSON.stringify(want)}`,
            );
        }
      }
      if (schema.titleField) {
        expect(byName.get("Title")?.Title).toBe(schema.titleField);
      }
      expect(problems).toEqual([]);
    },
  );

  /** What SharePoint should report for a field provisioned from `field`. */
  async function expectedField(field: FieldSchema): Promise<Json> {
    const expected: Json = {
      Title: field.title,
      TypeAsString: TYPE_AS_STRING[field.type],
      Required: field.required ?? false,
      Indexed: field.indexed ?? false,
      EnforceUniqueValues: field.unique ?? false,
    };
    if (field.type === "text") expected.MaxLength = field.maxLength ?? 255;
    if (field.choices) expected.Choices = field.choices;
    if (field.default !== undefined) expected.DefaultValue = field.default;
    if (field.type === "datetime") expected.DisplayFormat = field.dateOnly ? 0 : 1;
    if (field.lookupList) {
      const target = await sp.listInfo(field.lookupList);
      expected.LookupList = target.Id;
      expected.LookupField = field.lookupField ?? "Title";
    }
    return expected;
  }

  it.each(listSchemas.map((l) => [l.name, l] as const))(
    "%s grants each committee group exactly its permission level and the owners Full Control",
    async (name, schema) => {
      const assignments = await sp.roleAssignments(name);
      const levels = new Map<string, number[]>();
      for (const a of assignments) {
        const member = a.Member as { Title: string };
        const bindings = choicesOf(a.RoleDefinitionBindings) as { RoleTypeKind: number }[];
        levels.set(
          member.Title,
          bindings.map((b) => b.RoleTypeKind),
        );
      }
      expect(levels.get("Ejere")).toEqual([ROLE_KIND.full]);
      for (const group of ["Medlemmer", "Formand", "Sekretariat", "Bidragydere"] as const) {
        const want = wantedLevel(schema, group);
        expect([group, levels.get(group) ?? []]).toEqual([group, want ? [want] : []]);
      }
    },
  );

  function wantedLevel(schema: ListSchema, group: string): number | undefined {
    const p = schema.permissions;
    if (p.full?.includes(group as never)) return ROLE_KIND.full;
    if (p.manage?.includes(group as never)) return ROLE_KIND.manage;
    if (p.edit.includes(group as never)) return ROLE_KIND.edit;
    if (p.read.includes(group as never)) return ROLE_KIND.read;
    return undefined;
  }

  it(
    "a second run changes nothing, says so, and leaves every list, field and permission as it was",
    async () => {
      const before = await snapshot();
      const log: string[] = [];
      const second = await provisionSite({
        siteUrl: server.sharepoint,
        token: `dev:${owner}`,
        log: (line) => log.push(line),
      });
      expect(second.changed).toBe(false);
      expect(second.groupsCreated).toEqual([]);
      expect(log).toHaveLength(listSchemas.length);
      expect(log.every((line) => line.endsWith(": uændret"))).toBe(true);
      expect(await snapshot()).toEqual(before);
    },
    SLOW,
  );

  it(
    "rides out throttling: requests answered 429 or 503 with Retry-After are retried",
    async () => {
      // SharePoint Online throttles with 429/503 and Retry-After
      // (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online).
      const queue = (fault: object) =>
        fetch(`${server.origin}/_admin/faults/queue`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(fault),
        });
      expect((await queue({ status: 429, match: "/fields", count: 2, retryAfter: 0 })).ok).toBe(
        true,
      );
      expect(
        (await queue({ status: 503, match: "/roleassignments", count: 1, retryAfter: 0 })).ok,
      ).toBe(true);

      const again = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(owner),
        retryIntervalMs: 1,
      });

      expect(again.changed).toBe(false);
      // The queued faults were spent on provisioning's requests: the next ones go through.
      expect((await sp.call(`${sp.list("Areas")}/fields`)).status).toBe(200);
      expect((await sp.call(`${sp.list("Areas")}/roleassignments`)).status).toBe(200);
      // ...and a fault queued the same way does hit such a request, so the above is not vacuous.
      await queue({ status: 429, match: "/fields", count: 1, retryAfter: 0 });
      expect((await sp.call(`${sp.list("Areas")}/fields`)).status).toBe(429);
    },
    SLOW,
  );

  async function snapshot(): Promise<unknown> {
    const all: unknown[] = [];
    for (const schema of listSchemas) {
      all.push(
        await sp.listInfo(schema.name),
        await sp.fields(schema.name),
        await sp.roleAssignments(schema.name),
      );
    }
    return all;
  }

  it(
    "repairs what was changed by hand and reports exactly that",
    async () => {
      // A site owner renames the list, makes Phase optional and gives Bidragydere Edit on Ballots.
      const merge = (path: string, body: Json, verbose = false) =>
        sp.call(path, {
          method: "POST",
          headers: {
            "X-HTTP-Method": "MERGE",
            "IF-Match": "*",
            ...(verbose
              ? {
                  Accept: "application/json;odata=verbose",
                  "Content-Type": "application/json;odata=verbose",
                }
              : {}),
          },
          body: JSON.stringify(body),
        });
      expect((await merge(sp.list("Initiatives"), { Title: "Projekter" })).status).toBe(204);
      const phase = `${sp.list("Initiatives")}/fields/getByInternalNameOrTitle('Phase')`;
      const changedField = await merge(
        phase,
        { __metadata: { type: "SP.FieldChoice" }, Required: false },
        true,
      );
      expect(changedField.ok).toBe(true);
      const groups = await sp.get<{ value: { Id: number; Title: string }[] }>("web/sitegroups");
      const contributors = groups.value.find((g) => g.Title === "Bidragydere")!;
      const defs = await sp.get<{ value: { Id: number; RoleTypeKind: number }[] }>(
        "web/roledefinitions",
      );
      const edit = defs.value.find((d) => d.RoleTypeKind === ROLE_KIND.manage)!;
      const grant = await sp.call(
        `${sp.list("Ballots")}/roleassignments/addroleassignment(principalid=${contributors.Id},roledefid=${edit.Id})`,
        { method: "POST" },
      );
      expect(grant.ok).toBe(true);

      const log: string[] = [];
      const repair = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(owner),
        log: (line) => log.push(line),
      });

      const changed = repair.lists.filter((l) => l.changed);
      expect(changed.map((l) => l.list).sort()).toEqual(["Ballots", "Initiatives"]);
      const initiatives = changed.find((l) => l.list === "Initiatives")!;
      expect(initiatives.properties).toEqual(["Title"]);
      expect(initiatives.fieldsChanged).toEqual(["Phase"]);
      expect(changed.find((l) => l.list === "Ballots")!.permissions).toEqual([
        "Bidragydere: Edit fjernet",
      ]);
      expect(log).toContain(
        "Tiltag (Initiatives): egenskaber ændret (Title), 1 felt ændret (Phase)",
      );
      expect(await sp.listInfo("Initiatives")).toMatchObject({ Title: "Tiltag" });
      const phaseAfter = await sp.get(phase);
      expect(phaseAfter.Required).toBe(true);
      const ballots = await sp.roleAssignments("Ballots");
      expect(ballots.map((a) => (a.Member as { Title: string }).Title)).not.toContain(
        "Bidragydere",
      );
    },
    SLOW,
  );

  it(
    "refuses a field whose type differs from the schema, naming the list and the field",
    async () => {
      // SharePoint cannot change a field's type, so provisioning must stop and say which.
      const externalRef = `${sp.list("Initiatives")}/fields/getByInternalNameOrTitle('ExternalRef')`;
      const removed = await sp.call(externalRef, {
        method: "POST",
        headers: { "X-HTTP-Method": "DELETE", "IF-Match": "*" },
      });
      expect(removed.ok).toBe(true);
      const added = await sp.call(`${sp.list("Initiatives")}/fields`, {
        method: "POST",
        headers: {
          Accept: "application/json;odata=verbose",
          "Content-Type": "application/json;odata=verbose",
        },
        body: JSON.stringify({
          __metadata: { type: "SP.FieldNumber" },
          Title: "ExternalRef",
          FieldTypeKind: 9,
        }),
      });
      expect(added.status).toBe(201);

      const run = provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(owner),
      });
      await expect(run).rejects.toBeInstanceOf(ProvisioningError);
      await expect(run).rejects.toMatchObject({
        kind: "Invalid",
        step: { list: "Initiatives", field: "ExternalRef" },
        message: expect.stringMatching(
          /Tiltag.*Initiatives.*ExternalRef|ExternalRef.*Tiltag/,
        ) as unknown,
      });
    },
    SLOW,
  );
});

describe("provisioning by someone who does not own the site", () => {
  let server: M365;

  beforeAll(async () => {
    server = await startLocalM365();
  });

  afterAll(async () => {
    await server.close();
  });

  it(
    "fails with Forbidden and a Danish message naming the first list it could not create",
    async () => {
      // A member has only Read on the web (the site's default for its groups), so SharePoint
      // answers 403 to creating a list.
      const member = server.users.find((u) => u.startsWith("jonas.lind"))!;
      const run = provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devTokenProvider(member),
      });
      await expect(run).rejects.toMatchObject({
        name: "ProvisioningError",
        kind: "Forbidden",
        step: { list: "Areas" },
        message: expect.stringContaining('listen "Områder" (Areas)') as unknown,
      });
      const lists = await fetch(`${server.sharepoint}/_api/web/lists?$select=Title`, {
        headers: { Accept: "application/json", Authorization: devToken(server.users[0]!) },
      });
      const titles = ((await lists.json()) as { value: { Title: string }[] }).value.map(
        (l) => l.Title,
      );
      expect(titles).not.toContain("Områder");
      expect(titles).not.toContain("Areas");
    },
    SLOW,
  );
});
