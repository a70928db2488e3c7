/**
 * Provisioning against the local Microsoft 365 over HTTP, through the real @pnp/sp code, as the
 * separate provisioning identity (`dev:<upn>;scp=AllSites.FullControl`): every list and field of
 * lists-schema is created with its type, title, flags and item-level security; Digistyr's
 * permission levels exist with their masks; each committee group has exactly its level on each
 * list and never Full Control or Manage Lists; the identity's own Full Control is gone from
 * every list; a second run writes nothing; someone who does not own the site is refused before
 * anything is written.
 */
import { listSchemas } from "../../lists-schema/index.js";
import type { FieldSchema, FieldType, SiteGroupName } from "../../lists-schema/types.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite, type ProvisionSummary } from "../../src/provisioning/index.js";
import { ProvisioningError } from "../../src/provisioning/index.js";
import {
  EDITOR,
  forbiddenIn,
  hasPermission,
  LEVEL_KEYS,
  LEVEL_OF,
  parseMask,
  PermissionKind,
  READ_ALL,
} from "../../src/provisioning/levels.js";
import { adminToken, devToken, type M365, startLocalM365 } from "../support/m365.js";

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

/** RoleTypeKind of Full Control (Administrator) and Edit (Editor) on a SharePoint site. */
const ROLE_KIND = { full: 5, edit: 6 } as const;

const COMMITTEE: readonly SiteGroupName[] = ["Medlemmer", "Formand", "Sekretariat", "Bidragydere"];

type Json = Record<string, unknown>;

/** Plain REST as `upn`; `admin` sends the provisioning identity's scopes. */
function client(server: M365, upn: string, admin = true) {
  const sitePath = new URL(server.sharepoint).pathname;
  const call = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.sharepoint}/_api/${path}`, {
      ...init,
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json;charset=utf-8",
        Authorization: admin ? adminToken(upn) : devToken(upn),
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
    roleDefinitions: async () =>
      (
        await get<{ value: RoleDefinition[] }>(
          "web/roledefinitions?$select=Id,Name,RoleTypeKind,BasePermissions",
        )
      ).value,
  };
}

interface RoleDefinition {
  Id: number;
  Name: string;
  RoleTypeKind: number;
  BasePermissions: { High: string; Low: string };
}

/** The writes (anything but GET) PnPjs sends while `run` runs, as "METHOD url". */
async function writesDuring(run: () => Promise<unknown>): Promise<string[]> {
  const writes: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const method = (init?.method ?? "GET").toUpperCase();
    if (method !== "GET") {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      writes.push(`${method} ${url}`);
    }
    return realFetch(input, init);
  };
  try {
    await run();
  } finally {
    globalThis.fetch = realFetch;
  }
  return writes;
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
    // The site's own groups exist locally; the levels are created first, then one line per list.
    expect(firstLog[0]).toBe(`Tilladelsesniveauer oprettet: ${EDITOR.name}, ${READ_ALL.name}`);
    const listLines = firstLog.slice(1);
    expect(listLines).toHaveLength(listSchemas.length);
    expect(listLines[listSchemas.findIndex((l) => l.name === "Initiatives")]).toMatch(
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

  it("creates Digistyr's two permission levels with their masks and says so", async () => {
    expect(first.levelsCreated).toEqual([EDITOR.name, READ_ALL.name]);
    expect(first.levelsCorrected).toEqual([]);
    expect(firstLog).toContain(`Tilladelsesniveauer oprettet: ${EDITOR.name}, ${READ_ALL.name}`);
    for (const level of [EDITOR, READ_ALL]) {
      const def = await sp.get<RoleDefinition>(
        `web/roledefinitions/getbyname('${encodeURIComponent(level.name)}')`,
      );
      expect([level.name, parseMask(def.BasePermissions)]).toEqual([level.name, level.mask]);
      expect(hasPermission(parseMask(def.BasePermissions), PermissionKind.CancelCheckout)).toBe(
        true,
      );
    }
  });

  /** Role definition id per lists-schema key, as the site knows them. */
  async function roleIds(): Promise<Record<string, number>> {
    const defs = await sp.roleDefinitions();
    const ids: Record<string, number> = {};
    for (const key of LEVEL_KEYS) {
      const level = LEVEL_OF[key];
      const def =
        level.kind === "builtIn"
          ? defs.find((d) => d.RoleTypeKind === level.roleTypeKind)
          : defs.find((d) => d.Name === level.name);
      ids[key] = def!.Id;
    }
    ids.full = defs.find((d) => d.RoleTypeKind === ROLE_KIND.full)!.Id;
    return ids;
  }

  it.each(listSchemas.map((l) => [l.name, l] as const))(
    "%s gives each committee group exactly its level, the owners Full Control, and nobody else a grant",
    async (name, schema) => {
      const ids = await roleIds();
      const bound = new Map<string, number[]>();
      for (const a of await sp.roleAssignments(name)) {
        const member = a.Member as { Title: string };
        const bindings = choicesOf(a.RoleDefinitionBindings) as { Id: number }[];
        bound.set(
          member.Title,
          bindings.map((b) => b.Id),
        );
      }
      const expected = new Map<string, number[]>([["Ejere", [ids.full!]]]);
      for (const key of LEVEL_KEYS) {
        for (const group of schema.permissions[key] ?? []) expected.set(group, [ids[key]!]);
      }
      expect(Object.fromEntries(bound)).toEqual(Object.fromEntries(expected));
    },
  );

  it("removes the provisioning identity's own Full Control from every list", async () => {
    const me = await sp.get<{ Id: number }>("web/currentuser?$select=Id");
    const withMe: string[] = [];
    for (const schema of listSchemas) {
      const assignments = await sp.roleAssignments(schema.name);
      if (assignments.some((a) => a.PrincipalId === me.Id)) withMe.push(schema.name);
    }
    expect(withMe).toEqual([]);
    // It still manages every list, through the owners group (and as site collection admin).
    expect((await sp.call(`${sp.list("Ballots")}/roleassignments`)).status).toBe(200);
  });

  it.each(listSchemas.map((l) => [l.name, l] as const))(
    "%s: no committee group holds Full Control, Manage Lists or Manage Permissions",
    async (name) => {
      const bad: string[] = [];
      for (const a of await sp.roleAssignments(name)) {
        const member = (a.Member as { Title: string }).Title;
        if (!COMMITTEE.includes(member as SiteGroupName)) continue;
        for (const b of choicesOf(a.RoleDefinitionBindings) as RoleDefinition[]) {
          const forbidden = forbiddenIn(parseMask(b.BasePermissions));
          if (forbidden.length > 0) bad.push(`${member}: ${b.Name} (${forbidden.join(", ")})`);
        }
      }
      expect(bad).toEqual([]);
    },
  );

  it.each(["birgitte.holm", "mads.kjaer"])(
    "%s (chair / secretary) cannot manage any list or its permissions: SharePoint's effective mask says so",
    async (who) => {
      const upn = server.users.find((u) => u.startsWith(who))!;
      const as = client(server, upn, false);
      const managing: string[] = [];
      for (const schema of listSchemas) {
        const mask = parseMask(
          await as.get<{ High: string; Low: string }>(
            `${as.list(schema.name)}/EffectiveBasePermissions`,
          ),
        );
        if (forbiddenIn(mask).length > 0) managing.push(schema.name);
      }
      expect(managing).toEqual([]);
    },
  );

  it(
    "a second run writes nothing, says so, and leaves every list, field and permission as it was",
    async () => {
      const before = await snapshot();
      const log: string[] = [];
      let second: ProvisionSummary | undefined;
      const writes = await writesDuring(async () => {
        second = await provisionSite({
          siteUrl: server.sharepoint,
          tokenProvider: devAdminTokenProvider(owner),
          log: (line) => log.push(line),
        });
      });
      expect(writes).toEqual([]);
      expect(second).toMatchObject({
        changed: false,
        groupsCreated: [],
        levelsCreated: [],
        levelsCorrected: [],
      });
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
      // A site owner renames the list, makes Phase optional, gives Bidragydere Edit and Formand
      // Full Control on Ballots (as an earlier permission model did), gives themself Full
      // Control of Areas and widens Digistyr Redaktør to Design's mask.
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
      const groupId = (title: string) => groups.value.find((g) => g.Title === title)!.Id;
      const defs = await sp.roleDefinitions();
      const edit = defs.find((d) => d.RoleTypeKind === ROLE_KIND.edit)!;
      const full = defs.find((d) => d.RoleTypeKind === ROLE_KIND.full)!;
      const editor = defs.find((d) => d.Name === EDITOR.name)!;
      const grant = (list: string, principal: number, role: number) =>
        sp.call(
          `${sp.list(list)}/roleassignments/addroleassignment(principalid=${principal},roledefid=${role})`,
          { method: "POST" },
        );
      expect((await grant("Ballots", groupId("Bidragydere"), edit.Id)).ok).toBe(true);
      expect((await grant("Ballots", groupId("Formand"), full.Id)).ok).toBe(true);
      const me = await sp.get<{ Id: number; Title: string }>("web/currentuser?$select=Id,Title");
      expect((await grant("Areas", me.Id, full.Id)).ok).toBe(true);
      const widened = await merge(`web/roledefinitions(${editor.Id})`, {
        BasePermissions: { High: "432", Low: "1012866047" },
      });
      expect(widened.ok).toBe(true);

      const log: string[] = [];
      let repair!: ProvisionSummary;
      const writes = await writesDuring(async () => {
        repair = await provisionSite({
          siteUrl: server.sharepoint,
          tokenProvider: devAdminTokenProvider(owner),
          log: (line) => log.push(line),
        });
      });
      // The writes are seen (so "a second run writes nothing" above is not vacuous).
      expect(writes).toContainEqual(
        expect.stringMatching(
          /^POST .*Ballots.*removeroleassignment\(principalid=\d+,(%20)?roledefid=\d+\)$/,
        ),
      );

      expect(repair.levelsCorrected).toEqual([EDITOR.name]);
      expect(log).toContain(`Tilladelsesniveauer rettet: ${EDITOR.name}`);
      const editorAfter = await sp.get<RoleDefinition>(`web/roledefinitions(${editor.Id})`);
      expect(parseMask(editorAfter.BasePermissions)).toEqual(EDITOR.mask);

      const changed = repair.lists.filter((l) => l.changed);
      expect(changed.map((l) => l.list).sort()).toEqual(["Areas", "Ballots", "Initiatives"]);
      const initiatives = changed.find((l) => l.list === "Initiatives")!;
      expect(initiatives.properties).toEqual(["Title"]);
      expect(initiatives.fieldsChanged).toEqual(["Phase"]);
      expect([...changed.find((l) => l.list === "Ballots")!.permissions].sort()).toEqual(
        ["Bidragydere: Edit fjernet", "Formand: Full Control fjernet"].sort(),
      );
      expect(changed.find((l) => l.list === "Areas")!.permissions).toEqual([
        `egen Full Control fjernet (${me.Title})`,
      ]);
      expect(log).toContain(
        "Tiltag (Initiatives): egenskaber ændret (Title), 1 felt ændret (Phase)",
      );
      expect(await sp.listInfo("Initiatives")).toMatchObject({ Title: "Tiltag" });
      const phaseAfter = await sp.get(phase);
      expect(phaseAfter.Required).toBe(true);
      const ballots = await sp.roleAssignments("Ballots");
      expect(ballots.map((a) => (a.Member as { Title: string }).Title).sort()).toEqual(
        ["Ejere", "Formand", "Medlemmer", "Sekretariat"].sort(),
      );
      const formand = ballots.find((a) => (a.Member as { Title: string }).Title === "Formand")!;
      expect(
        (choicesOf(formand.RoleDefinitionBindings) as RoleDefinition[]).map((b) => b.Name),
      ).toEqual([READ_ALL.name]);
    },
    SLOW,
  );

  it(
    "names someone else with their own grant on a list but leaves them alone",
    async () => {
      const member = await sp.get<{ Id: number; Title: string }>(
        `web/siteusers/getbyemail('${encodeURIComponent(server.users.find((u) => u.startsWith("jonas.lind"))!)}')`,
      );
      const defs = await sp.roleDefinitions();
      const read = defs.find((d) => d.RoleTypeKind === 2)!;
      const added = await sp.call(
        `${sp.list("Settings")}/roleassignments/addroleassignment(principalid=${member.Id},roledefid=${read.Id})`,
        { method: "POST" },
      );
      expect(added.ok).toBe(true);
      const log: string[] = [];
      const run = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(owner),
        log: (line) => log.push(line),
      });
      const settings = run.lists.find((l) => l.list === "Settings")!;
      expect(settings).toMatchObject({ changed: false, others: [`${member.Title}: Read`] });
      expect(log).toContain(
        `Indstillinger (Settings): uændret; andre med egne rettigheder (ikke ændret): ${member.Title}: Read`,
      );
    },
    SLOW,
  );

  it(
    "makes an item with permissions of its own inherit the list's again, and says so",
    async () => {
      // As an earlier model locked closed ballots: the item's own grants, Formand Full Control.
      const added = await sp.call(`${sp.list("Criteria")}/items`, {
        method: "POST",
        body: JSON.stringify({ Title: "Låst kriterium" }),
      });
      expect(added.status).toBe(201);
      const item = (await added.json()) as { Id: number };
      const itemPath = `${sp.list("Criteria")}/items(${item.Id})`;
      const broken = await sp.call(
        `${itemPath}/breakroleinheritance(copyroleassignments=false,clearsubscopes=true)`,
        { method: "POST" },
      );
      expect(broken.ok).toBe(true);
      const groups = await sp.get<{ value: { Id: number; Title: string }[] }>("web/sitegroups");
      const formand = groups.value.find((g) => g.Title === "Formand")!.Id;
      const full = (await sp.roleDefinitions()).find((d) => d.RoleTypeKind === ROLE_KIND.full)!;
      const granted = await sp.call(
        `${itemPath}/roleassignments/addroleassignment(principalid=${formand},roledefid=${full.Id})`,
        { method: "POST" },
      );
      expect(granted.ok).toBe(true);
      const unique = async () =>
        (
          await sp.get<{ HasUniqueRoleAssignments: boolean }>(
            `${itemPath}?$select=Id,HasUniqueRoleAssignments`,
          )
        ).HasUniqueRoleAssignments;
      expect(await unique()).toBe(true);

      const run = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(owner),
      });

      expect(run.lists.find((l) => l.list === "Criteria")!.permissions).toEqual([
        "1 element arver listens rettigheder igen",
      ]);
      expect(await unique()).toBe(false);
    },
    SLOW,
  );

  it(
    "refuses to run when the site's own Contribute has been widened to manage lists",
    async () => {
      const contribute = (await sp.roleDefinitions()).find((d) => d.RoleTypeKind === 3)!;
      const setMask = (mask: { High: string; Low: string }) =>
        sp.call(`web/roledefinitions(${contribute.Id})`, {
          method: "POST",
          headers: { "X-HTTP-Method": "MERGE", "IF-Match": "*" },
          body: JSON.stringify({ BasePermissions: mask }),
        });
      // Edit's mask: Contribute + Manage Lists.
      expect((await setMask({ High: "432", Low: "1011030767" })).ok).toBe(true);
      try {
        let error: unknown;
        const writes = await writesDuring(async () => {
          try {
            await provisionSite({
              siteUrl: server.sharepoint,
              tokenProvider: devAdminTokenProvider(owner),
            });
          } catch (e) {
            error = e;
          }
        });
        expect(error).toMatchObject({
          name: "ProvisioningError",
          kind: "Invalid",
          message: expect.stringMatching(/Contribute.*Manage Lists/) as unknown,
        });
        expect(writes).toEqual([]);
      } finally {
        expect((await setMask(contribute.BasePermissions)).ok).toBe(true);
      }
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

  it.each([
    ["the tab's token", (upn: string) => devTokenProvider(upn)],
    ["a token carrying AllSites.FullControl", (upn: string) => devAdminTokenProvider(upn)],
  ])(
    "a member with %s is refused before anything is written, in Danish, naming the owners group",
    async (_what, tokens) => {
      // Delegated scopes never exceed the user's own rights: a member has Read on the web.
      const member = server.users.find((u) => u.startsWith("jonas.lind"))!;
      let error: unknown;
      const writes = await writesDuring(async () => {
        try {
          await provisionSite({ siteUrl: server.sharepoint, tokenProvider: tokens(member) });
        } catch (e) {
          error = e;
        }
      });
      expect(error).toMatchObject({
        name: "ProvisioningError",
        kind: "Forbidden",
        message: expect.stringMatching(/Jonas Lind.*ejergruppe \(Ejere\)/) as unknown,
      });
      expect(writes).toEqual([]);
      const lists = await fetch(`${server.sharepoint}/_api/web/lists?$select=Title`, {
        headers: { Accept: "application/json", Authorization: adminToken(server.users[0]!) },
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
