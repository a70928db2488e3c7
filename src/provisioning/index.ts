/**
 * Provisioning: makes a SharePoint site match `lists-schema/` through @pnp/sp v4 (issue 2 §3).
 * Creates what is missing and changes only what differs, so a second run sends no writes and
 * says so. Used by `scripts/provision.ts` and, in-process, by the tests and the local start.
 */
import { body, headers } from "@pnp/queryable";
import { spPostMerge } from "@pnp/sp";

import { listSchemas } from "../../lists-schema/index.js";
import type { FieldSchema, ListSchema, SiteGroupName } from "../../lists-schema/types.js";
import type { TokenProvider } from "../ports/auth.js";
import { httpStatusOf, ProvisioningError, toProvisioningError } from "./errors.js";
import {
  creationProperties,
  isLookup,
  propertiesToChange,
  sameGuid,
  type ServerField,
  spTypeOf,
  updateBody,
} from "./fields.js";
import { createSiteApi, type IList, type ProvisioningRetryOptions, type SiteApi } from "./sp.js";

export { ProvisioningError } from "./errors.js";

export interface ProvisionOptions {
  /** Absolute URL of the site, e.g. https://contoso.sharepoint.com/sites/digistyr. */
  siteUrl: string;
  /** A raw delegated access token for SharePoint (without "Bearer "). */
  token?: string;
  /** Or a provider asked before every request (local mode: the dev token provider). */
  tokenProvider?: TokenProvider;
  /** Receives one Danish progress line per list. */
  log?: (line: string) => void;
  /** The lists to provision, in order; defaults to all of lists-schema. */
  schemas?: readonly ListSchema[];
  /**
   * How throttled requests are retried: within a budget of waiting per request (default 15
   * minutes), honouring Retry-After; `onRetry` is told of each wait. `retries` (a ceiling, none
   * by default) and `retryIntervalMs` (the first back-off) are shorthands for the same.
   */
  retry?: ProvisioningRetryOptions;
  retries?: number;
  retryIntervalMs?: number;
}

/** What provisioning did to one list. All arrays empty and `created` false: unchanged. */
export interface ListReport {
  list: string;
  title: string;
  created: boolean;
  /** List properties set (Title, Description, ReadSecurity, ...). */
  properties: string[];
  fieldsAdded: string[];
  fieldsChanged: string[];
  /** Role assignments added or removed, e.g. "Medlemmer: Read". */
  permissions: string[];
  changed: boolean;
}

export interface ProvisionSummary {
  groupsCreated: string[];
  lists: ListReport[];
  /** False when the site already matched lists-schema and nothing was written. */
  changed: boolean;
}

/** The committee's SharePoint groups; roles in the app come from membership (DESIGN.md §1). */
export const SITE_GROUPS: readonly { name: SiteGroupName; description: string }[] = [
  { name: "Medlemmer", description: "Styregruppens medlemmer" },
  { name: "Formand", description: "Styregruppens formand" },
  { name: "Sekretariat", description: "Digitaliseringssekretariatet" },
  { name: "Bidragydere", description: "Forslagsstillere og projektejere" },
];

/**
 * Permission levels by RoleTypeKind, which unlike the names is the same on a Danish site
 * ("Læse", "Bidrage", ...): Reader 2, Contributor 3, Administrator 5 (Full Control), Editor 6.
 * https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee541525(v=office.15)
 */
const ROLE_TYPE = { read: 2, edit: 3, full: 5, manage: 6 } as const;
const LEVEL_NAME: Record<number, string> = {
  2: "Read",
  3: "Contribute",
  5: "Full Control",
  6: "Edit",
};

const LIST_SELECT = [
  "Id",
  "Title",
  "Description",
  "ReadSecurity",
  "WriteSecurity",
  "EnableVersioning",
  "HasUniqueRoleAssignments",
] as const;

interface ServerList {
  Id: string;
  Title: string;
  Description?: string | null;
  ReadSecurity?: number;
  WriteSecurity?: number;
  EnableVersioning?: boolean;
  HasUniqueRoleAssignments?: boolean;
}

interface Principals {
  groups: Map<SiteGroupName, number>;
  ownerGroup: { id: number; title: string };
  /** RoleTypeKind → role definition id. */
  roles: Map<number, number>;
}

const VERBOSE = {
  Accept: "application/json;odata=verbose",
  "Content-Type": "application/json;odata=verbose",
};

export async function provisionSite(options: ProvisionOptions): Promise<ProvisionSummary> {
  const tokens = tokenProviderOf(options);
  const sp = createSiteApi(options.siteUrl, tokens, {
    retry: options.retry,
    retries: options.retries,
    retryIntervalMs: options.retryIntervalMs,
  });
  const log = options.log ?? (() => undefined);
  const sitePath = new URL(options.siteUrl).pathname.replace(/\/+$/, "");
  const schemas = options.schemas ?? listSchemas;

  const groupsCreated: string[] = [];
  const principals = await step({ action: "læse og oprette sitets grupper" }, () =>
    ensurePrincipals(sp, groupsCreated),
  );
  if (groupsCreated.length > 0) log(`Grupper oprettet: ${groupsCreated.join(", ")}`);

  const listIds = new Map<string, string>();
  const reports: ListReport[] = [];
  for (const schema of schemas) {
    const report = await provisionList(sp, sitePath, schema, principals, listIds);
    reports.push(report);
    log(describe(report));
  }
  const changed = groupsCreated.length > 0 || reports.some((r) => r.changed);
  return { groupsCreated, lists: reports, changed };
}

function tokenProviderOf(options: ProvisionOptions): TokenProvider {
  if (options.tokenProvider) return options.tokenProvider;
  if (options.token) {
    const raw = options.token.replace(/^Bearer\s+/i, "");
    return { getToken: () => Promise.resolve(raw) };
  }
  throw new Error("provisionSite: angiv token eller tokenProvider");
}

/** Runs one step, turning any failure into a ProvisioningError that names the step. */
async function step<T>(
  where: ConstructorParameters<typeof ProvisioningError>[2],
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toProvisioningError(e, where);
  }
}

async function ensurePrincipals(sp: SiteApi, created: string[]): Promise<Principals> {
  const existing = await sp.siteGroups.select("Id", "Title")<
    {
      Id: number;
      Title: string;
    }[]
  >();
  const groups = new Map<SiteGroupName, number>();
  for (const g of SITE_GROUPS) {
    const found = existing.find((e) => e.Title === g.name);
    if (found) {
      groups.set(g.name, found.Id);
      continue;
    }
    // Everyone on the site may see who is in the committee's groups: closing a round reads
    // Medlemmer and Formand to know who may vote (SharePoint Online can restrict this).
    const added = await sp.siteGroups.add({
      Title: g.name,
      Description: g.description,
      OnlyAllowMembersViewMembership: false,
    });
    groups.set(g.name, added.Id);
    created.push(g.name);
  }
  // The local site calls its owners group "Ejere"; a real site's is "<site> Owners" or, in
  // Danish, "Ejere af <site>", which the web knows as its associated owner group.
  const owners =
    existing.find((e) => e.Title === "Ejere") ??
    (await sp.associatedOwnerGroup.select("Id", "Title")<{ Id: number; Title: string }>());
  const defs = await sp.roleDefinitions.select("Id", "Name", "RoleTypeKind")<
    {
      Id: number;
      RoleTypeKind: number;
    }[]
  >();
  const roles = new Map(defs.map((d) => [d.RoleTypeKind, d.Id]));
  for (const kind of Object.values(ROLE_TYPE)) {
    if (!roles.has(kind)) {
      throw new Error(`sitet mangler tilladelsesniveauet ${LEVEL_NAME[kind]}`);
    }
  }
  return { groups, ownerGroup: { id: owners.Id, title: owners.Title }, roles };
}

async function provisionList(
  sp: SiteApi,
  sitePath: string,
  schema: ListSchema,
  principals: Principals,
  listIds: Map<string, string>,
): Promise<ListReport> {
  const report: ListReport = {
    list: schema.name,
    title: schema.title,
    created: false,
    properties: [],
    fieldsAdded: [],
    fieldsChanged: [],
    permissions: [],
    changed: false,
  };
  const at = (action: string, field?: string) => ({
    list: schema.name,
    listTitle: schema.title,
    field,
    action,
  });
  // Addressed by URL, which a renamed display title does not change.
  const list = sp.getList(`${sitePath}/Lists/${schema.name}`);

  let info = await step(at("læse listen"), () => readList(list));
  if (!info) {
    // Created under its internal name so the URL is /Lists/<name>; the Danish title follows.
    await step(at("oprette listen"), () =>
      sp.lists.add(schema.name, schema.description, 100, false, { EnableVersioning: true }),
    );
    report.created = true;
    info = await step(at("læse den nye liste"), async () => {
      const created = await readList(list);
      if (!created) throw new Error("listen findes ikke efter oprettelsen");
      return created;
    });
  }
  listIds.set(schema.name, info.Id);

  const wanted: Record<string, unknown> = {
    Title: schema.title,
    Description: schema.description,
    ReadSecurity: schema.readSecurity,
    WriteSecurity: schema.writeSecurity,
    EnableVersioning: true,
  };
  const listChanges = Object.fromEntries(
    Object.entries(wanted).filter(
      ([k, v]) => (info as unknown as Record<string, unknown>)[k] !== v,
    ),
  );
  if (Object.keys(listChanges).length > 0) {
    await step(at("ændre listens egenskaber"), () => list.update(listChanges));
    report.properties.push(...Object.keys(listChanges));
  }

  const serverFields = await step(at("læse felterne"), () => sp.fields(list)<ServerField[]>());
  const byName = new Map(
    serverFields.map((f) => [String(f.InternalName).toLowerCase(), f] as const),
  );

  if (schema.titleField) {
    const titleField = byName.get("title");
    if (titleField && titleField.Title !== schema.titleField) {
      await step(at("omdøbe titelfeltet", "Title"), () =>
        mergeField(sp, list, "Title", {
          __metadata: { type: "SP.FieldText" },
          Title: schema.titleField,
        }),
      );
      if (!report.created) report.fieldsChanged.push("Title");
    }
  }

  for (const field of schema.fields) {
    await provisionField(
      sp,
      list,
      schema,
      field,
      byName.get(field.name.toLowerCase()),
      listIds,
      report,
    );
  }

  await step(at("sætte rettigheder"), () =>
    provisionPermissions(
      sp,
      list,
      schema,
      info.HasUniqueRoleAssignments === true,
      principals,
      report,
    ),
  );

  report.changed =
    report.created ||
    report.properties.length > 0 ||
    report.fieldsAdded.length > 0 ||
    report.fieldsChanged.length > 0 ||
    report.permissions.length > 0;
  return report;
}

async function readList(list: IList): Promise<ServerList | undefined> {
  try {
    return await list.select(...LIST_SELECT)<ServerList>();
  } catch (e) {
    if (httpStatusOf(e) === 404) return undefined;
    throw e;
  }
}

function mergeField(
  sp: SiteApi,
  list: IList,
  internalName: string,
  payload: object,
): Promise<unknown> {
  return spPostMerge(
    sp.fields(list).getByInternalNameOrTitle(internalName),
    body(payload, headers(VERBOSE)),
  );
}

async function provisionField(
  sp: SiteApi,
  list: IList,
  schema: ListSchema,
  field: FieldSchema,
  existing: ServerField | undefined,
  listIds: Map<string, string>,
  report: ListReport,
): Promise<void> {
  const at = (action: string) => ({
    list: schema.name,
    listTitle: schema.title,
    field: field.name,
    action,
  });
  const type = spTypeOf(field);
  const targetId = isLookup(field) ? listIds.get(field.lookupList ?? "") : undefined;
  if (isLookup(field) && !targetId) {
    throw new ProvisioningError(
      "Invalid",
      `Opslagsfeltet ${schema.name}.${field.name} peger på listen ${field.lookupList}, som ikke er oprettet før ${schema.name} (ret rækkefølgen i lists-schema/index.ts)`,
      at("oprette opslagsfeltet"),
    );
  }

  let server = existing;
  if (!server) {
    // Created with the internal name as its title: SharePoint fixes the internal name from the
    // title at creation (PLATFORM.md), and the Danish title is set just after.
    await step(at("oprette feltet"), () =>
      isLookup(field)
        ? sp.fields(list).addLookup(field.name, {
            LookupListId: targetId!,
            LookupFieldName: field.lookupField ?? "Title",
          })
        : sp.fields(list).add(field.name, type.kind, creationProperties(field)),
    );
    server = await step(at("læse det nye felt"), () =>
      sp.fields(list).getByInternalNameOrTitle(field.name)<ServerField>(),
    );
    if (String(server.InternalName) !== field.name) {
      throw new ProvisioningError(
        "Invalid",
        `SharePoint gav feltet ${field.name} i listen "${schema.title}" (${schema.name}) det interne navn ${String(server.InternalName)}; et felt eller en kolonne med det navn findes måske allerede`,
        at("oprette feltet"),
      );
    }
    report.fieldsAdded.push(field.name);
  } else {
    if (server.FieldTypeKind !== type.kind) {
      throw new ProvisioningError(
        "Invalid",
        `Feltet ${field.name} i listen "${schema.title}" (${schema.name}) har typen ${String(server.TypeAsString)}, men lists-schema kræver ${field.type}; SharePoint kan ikke ændre et felts type, så feltet må rettes eller slettes manuelt`,
        at("kontrollere feltets type"),
      );
    }
    if (isLookup(field) && !sameGuid(server.LookupList, targetId)) {
      throw new ProvisioningError(
        "Invalid",
        `Opslagsfeltet ${field.name} i listen "${schema.title}" (${schema.name}) peger på en anden liste end ${field.lookupList}; det må rettes manuelt`,
        at("kontrollere opslagsfeltet"),
      );
    }
  }

  const changes = propertiesToChange(field, server);
  const wantUnique = field.unique ?? false;
  const haveUnique = server.EnforceUniqueValues === true;
  // SharePoint refuses EnforceUniqueValues on a column that is not indexed, and refuses to
  // drop the index of a unique column: lift uniqueness first, set it last.
  if (haveUnique && !wantUnique) {
    await step(at("fjerne krav om unikke værdier"), () =>
      mergeField(sp, list, field.name, updateBody(field, { EnforceUniqueValues: false })),
    );
  }
  if (Object.keys(changes).length > 0) {
    await step(at(`ændre feltet (${Object.keys(changes).join(", ")})`), () =>
      mergeField(sp, list, field.name, updateBody(field, changes)),
    );
  }
  if (wantUnique && !haveUnique) {
    await step(at("kræve unikke værdier"), () =>
      mergeField(sp, list, field.name, updateBody(field, { EnforceUniqueValues: true })),
    );
  }
  const touched = Object.keys(changes).length > 0 || wantUnique !== haveUnique;
  if (existing && touched) report.fieldsChanged.push(field.name);
}

interface RoleAssignment {
  PrincipalId: number;
  RoleDefinitionBindings?: { Id: number }[] | { results: { Id: number }[] };
}

async function provisionPermissions(
  sp: SiteApi,
  list: IList,
  schema: ListSchema,
  hasUniquePermissions: boolean,
  principals: Principals,
  report: ListReport,
): Promise<void> {
  if (!hasUniquePermissions) {
    // Copy nothing from the site: the list's readers and editors are exactly the schema's.
    await sp.breakRoleInheritance(list, false, true);
    report.permissions.push("egne rettigheder (arv brudt)");
  }
  const desired = new Map<number, { name: string; role: number }>();
  const role = (kind: number) => principals.roles.get(kind)!;
  desired.set(principals.ownerGroup.id, {
    name: principals.ownerGroup.title,
    role: role(ROLE_TYPE.full),
  });
  const grant = (groups: SiteGroupName[] | undefined, kind: number) => {
    for (const g of groups ?? []) {
      desired.set(principals.groups.get(g)!, { name: g, role: role(kind) });
    }
  };
  grant(schema.permissions.read, ROLE_TYPE.read);
  grant(schema.permissions.edit, ROLE_TYPE.edit);
  grant(schema.permissions.manage, ROLE_TYPE.manage);
  grant(schema.permissions.full, ROLE_TYPE.full);

  const assignments = await sp.roleAssignments(list).expand("Member", "RoleDefinitionBindings")<
    RoleAssignment[]
  >();
  const bound = new Map<number, Set<number>>();
  for (const a of assignments) {
    const raw = a.RoleDefinitionBindings ?? [];
    const bindings = Array.isArray(raw) ? raw : raw.results;
    const set = bound.get(a.PrincipalId) ?? new Set<number>();
    for (const b of bindings) set.add(b.Id);
    bound.set(a.PrincipalId, set);
  }
  const levelOf = (roleId: number) => {
    const kind = [...principals.roles].find(([, id]) => id === roleId)?.[0];
    return kind !== undefined ? (LEVEL_NAME[kind] ?? String(roleId)) : String(roleId);
  };

  // Only the owners group and the four committee groups are managed here; anyone else
  // (e.g. the user SharePoint adds when inheritance is broken) is left alone.
  const managed = new Map<number, string>([
    [principals.ownerGroup.id, principals.ownerGroup.title],
    ...[...principals.groups].map(([name, id]) => [id, name] as [number, string]),
  ]);
  for (const [principalId, name] of managed) {
    const want = desired.get(principalId)?.role;
    const have = bound.get(principalId) ?? new Set<number>();
    if (want !== undefined && !have.has(want)) {
      await sp.roleAssignments(list).add(principalId, want);
      report.permissions.push(`${name}: ${levelOf(want)}`);
    }
    for (const r of have) {
      if (r === want) continue;
      await sp.roleAssignments(list).remove(principalId, r);
      report.permissions.push(`${name}: ${levelOf(r)} fjernet`);
    }
  }
}

/** One Danish progress line per list, e.g. "Tiltag (Initiatives): oprettet, 22 felter tilføjet". */
export function describe(report: ListReport): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  if (report.created) parts.push("oprettet");
  else if (report.properties.length > 0) {
    parts.push(`egenskaber ændret (${report.properties.join(", ")})`);
  }
  if (report.fieldsAdded.length > 0) {
    parts.push(`${count(report.fieldsAdded.length, "felt", "felter")} tilføjet`);
  }
  if (report.fieldsChanged.length > 0) {
    parts.push(
      `${count(report.fieldsChanged.length, "felt", "felter")} ændret (${report.fieldsChanged.join(", ")})`,
    );
  }
  if (report.permissions.length > 0) {
    parts.push(
      report.created ? "rettigheder sat" : `rettigheder ændret (${report.permissions.join("; ")})`,
    );
  }
  return `${report.title} (${report.list}): ${parts.length > 0 ? parts.join(", ") : "uændret"}`;
}
