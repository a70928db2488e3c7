/**
 * Provisioning: makes a SharePoint site match `lists-schema/` through @pnp/sp v4: the
 * committee's site groups, Digistyr's two permission levels, the lists and their fields, and
 * each group's level on each list. Creates what is missing and changes only what differs, so a
 * second run sends no writes and says so. Used by `scripts/provision.ts` and, in-process, by the
 * tests and the local start.
 *
 * It runs as a separate admin identity (a site owner or site collection administrator whose
 * token carries AllSites.FullControl), never as the tab: it is the only thing that manages
 * groups, permission levels and list permissions. No committee group is given Full Control or
 * Manage Lists, and the identity's own Full Control on each list, which SharePoint leaves when
 * inheritance is broken without copying, is removed at the end of that list.
 */
import { body, headers } from "@pnp/queryable";
import { spPostMerge } from "@pnp/sp";

import { listSchemas } from "../../lists-schema/index.js";
import type {
  FieldSchema,
  ListSchema,
  PermissionLevelKey,
  SiteGroupName,
} from "../../lists-schema/types.js";
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
import {
  type CustomLevel,
  forbiddenIn,
  FULL_CONTROL,
  LEVEL_KEYS,
  LEVEL_OF,
  parseMask,
  PermissionKind,
  type PermissionLevel,
  sameMask,
} from "./levels.js";
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
  /**
   * Role assignments added or removed, e.g. "Medlemmer: Read", "Formand: Full Control fjernet",
   * "egen Full Control fjernet (Niels Fogh)".
   */
  permissions: string[];
  /**
   * Other principals with their own assignments on the list, which provisioning leaves alone
   * but names, e.g. "Jonas Lind: Full Control" (someone a site owner added by hand).
   */
  others: string[];
  changed: boolean;
}

export interface ProvisionSummary {
  groupsCreated: string[];
  /** Digistyr's permission levels created on this run. */
  levelsCreated: string[];
  /** Digistyr's permission levels whose permissions differed and were set again. */
  levelsCorrected: string[];
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
  /** The provisioning identity (its own assignments are removed from each list). */
  me: { id: number; title: string };
}

/** A permission level on the site: its role definition id and the name reports use. */
interface RoleRef {
  id: number;
  name: string;
}

/** The site's role definitions for lists-schema's keys and for the owners' Full Control. */
type Levels = Map<PermissionLevelKey | "full", RoleRef>;

interface ServerRoleDefinition {
  Id: number;
  Name: string;
  RoleTypeKind: number;
  BasePermissions?: { High: unknown; Low: unknown };
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

  const levelsCreated: string[] = [];
  const levelsCorrected: string[] = [];
  const levels = await step({ action: "læse og oprette tilladelsesniveauerne" }, () =>
    ensureLevels(sp, levelsCreated, levelsCorrected),
  );
  if (levelsCreated.length > 0) {
    log(`Tilladelsesniveauer oprettet: ${levelsCreated.join(", ")}`);
  }
  if (levelsCorrected.length > 0) {
    log(`Tilladelsesniveauer rettet: ${levelsCorrected.join(", ")}`);
  }

  const listIds = new Map<string, string>();
  const reports: ListReport[] = [];
  for (const schema of schemas) {
    const report = await provisionList(sp, sitePath, schema, principals, levels, listIds);
    reports.push(report);
    log(describe(report));
  }
  const changed =
    groupsCreated.length > 0 ||
    levelsCreated.length > 0 ||
    levelsCorrected.length > 0 ||
    reports.some((r) => r.changed);
  return { groupsCreated, levelsCreated, levelsCorrected, lists: reports, changed };
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
  // The local site calls its owners group "Ejere"; a real site's is "<site> Owners" or, in
  // Danish, "Ejere af <site>", which the web knows as its associated owner group.
  const owners =
    existing.find((e) => e.Title === "Ejere") ??
    (await sp.associatedOwnerGroup.select("Id", "Title")<{ Id: number; Title: string }>());
  // Before anything is written: only an owner may provision.
  const me = await whoAmI(sp, owners);
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
  return { groups, ownerGroup: { id: owners.Id, title: owners.Title }, me };
}

/**
 * The provisioning identity, which must own the site: a site collection administrator or a
 * member of the owners group. Its own Full Control on each list is removed at the end, so
 * without one of those it would lock itself out of the lists it has just set up.
 */
async function whoAmI(
  sp: SiteApi,
  owners: { Id: number; Title: string },
): Promise<Principals["me"]> {
  const me = await sp.currentUser.select("Id", "Title", "IsSiteAdmin")<{
    Id: number;
    Title: string;
    IsSiteAdmin?: boolean;
  }>();
  if (me.IsSiteAdmin === true) return { id: me.Id, title: me.Title };
  const mine = await sp.currentUser.groups.select("Id")<{ Id: number }[]>();
  if (mine.some((g) => g.Id === owners.Id)) return { id: me.Id, title: me.Title };
  throw new ProvisioningError(
    "Forbidden",
    `${me.Title} er hverken administrator af webstedssamlingen eller medlem af sitets ejergruppe (${owners.Title}); provisioneringen skal køre som en af dem`,
    { action: "kontrollere, at brugeren ejer sitet" },
  );
}

/**
 * The built-in Read, Contribute and Full Control (by RoleTypeKind, which unlike the names is
 * the same on a Danish site) and Digistyr's own levels (by name): created with
 * `POST _api/web/roledefinitions` when missing, their permissions set again when they differ
 * (SP.RoleDefinition,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn531432(v=office.15)#roledefinitioncollection-resource).
 */
async function ensureLevels(sp: SiteApi, created: string[], corrected: string[]): Promise<Levels> {
  const defs = await sp.roleDefinitions.select("Id", "Name", "RoleTypeKind", "BasePermissions")<
    ServerRoleDefinition[]
  >();
  const levels: Levels = new Map();
  const builtIn = (level: PermissionLevel & { kind: "builtIn" }): ServerRoleDefinition => {
    const found = defs.find((d) => d.RoleTypeKind === level.roleTypeKind);
    if (!found) throw new Error(`sitet mangler tilladelsesniveauet ${level.name}`);
    return found;
  };
  for (const key of LEVEL_KEYS) {
    const level = LEVEL_OF[key];
    if (level.kind === "builtIn") {
      const def = builtIn(level);
      refuseForbidden(level.name, parseMask(def.BasePermissions));
      levels.set(key, { id: def.Id, name: level.name });
    } else {
      levels.set(key, await ensureCustomLevel(sp, defs, level, created, corrected));
    }
  }
  const full = builtIn(FULL_CONTROL);
  levels.set("full", { id: full.Id, name: FULL_CONTROL.name });
  return levels;
}

async function ensureCustomLevel(
  sp: SiteApi,
  defs: readonly ServerRoleDefinition[],
  level: CustomLevel,
  created: string[],
  corrected: string[],
): Promise<RoleRef> {
  // Guarded here too: a level given to Formand or Sekretariat never manages lists or rights.
  refuseForbidden(level.name, level.mask);
  const found = defs.find((d) => d.Name.toLowerCase() === level.name.toLowerCase());
  if (!found) {
    const added = await sp.roleDefinitions.add(level.name, level.description, level.order, {
      ...level.mask,
    });
    created.push(level.name);
    return { id: (added.data as { Id: number }).Id, name: level.name };
  }
  if (!sameMask(parseMask(found.BasePermissions), level.mask)) {
    await sp.roleDefinitions.getById(found.Id).update({ BasePermissions: { ...level.mask } });
    corrected.push(level.name);
  }
  return { id: found.Id, name: found.Name };
}

/** Names of the permissions no committee group may hold, for messages. */
const FORBIDDEN_NAMES: Record<number, string> = {
  [PermissionKind.ManageLists]: "Manage Lists",
  [PermissionKind.ManagePermissions]: "Manage Permissions",
  [PermissionKind.ManageWeb]: "Manage Web Site",
};

/** Stops before a committee group could get a level that manages lists or permissions. */
function refuseForbidden(name: string, mask: { High: number; Low: number }): void {
  const forbidden = forbiddenIn(mask);
  if (forbidden.length === 0) return;
  throw new ProvisioningError(
    "Invalid",
    `Tilladelsesniveauet ${name} på sitet har ${forbidden.map((k) => FORBIDDEN_NAMES[k]).join(", ")}, som ingen af styregruppens grupper må have; ret niveauet på sitet (Site settings → Site permissions → Permission Levels) og kør igen`,
    { action: "kontrollere tilladelsesniveauerne" },
  );
}

async function provisionList(
  sp: SiteApi,
  sitePath: string,
  schema: ListSchema,
  principals: Principals,
  levels: Levels,
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
    others: [],
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
      levels,
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
  Member?: { Title?: string };
  RoleDefinitionBindings?: RoleBinding[] | { results: RoleBinding[] };
}

interface RoleBinding {
  Id: number;
  Name?: string;
}

function bindingsOf(a: RoleAssignment): RoleBinding[] {
  const raw = a.RoleDefinitionBindings ?? [];
  return Array.isArray(raw) ? raw : raw.results;
}

/**
 * Gives each committee group exactly its level from lists-schema and the owners group Full
 * Control, on a list with its own permissions; removes a level of these groups the schema does
 * not give (first, so a group never holds the old and the new level at once); and finally
 * removes the provisioning identity's own assignment, which SharePoint leaves it when
 * inheritance is broken without copying ("BreakRoleInheritance",
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface).
 * Anyone else with their own assignment is left alone and named in the report. Items with
 * permissions of their own inherit the list's again.
 */
async function provisionPermissions(
  sp: SiteApi,
  list: IList,
  schema: ListSchema,
  hasUniquePermissions: boolean,
  principals: Principals,
  levels: Levels,
  report: ListReport,
): Promise<void> {
  if (!hasUniquePermissions) {
    // Copy nothing from the site: the list's readers and editors are exactly the schema's.
    await sp.breakRoleInheritance(list, false, true);
    report.permissions.push("egne rettigheder (arv brudt)");
  }
  const role = (key: PermissionLevelKey | "full"): RoleRef => levels.get(key)!;
  const desired = new Map<number, RoleRef>([[principals.ownerGroup.id, role("full")]]);
  for (const key of LEVEL_KEYS) {
    for (const g of schema.permissions[key] ?? []) {
      desired.set(principals.groups.get(g)!, role(key));
    }
  }

  const assignments = await sp.roleAssignments(list).expand("Member", "RoleDefinitionBindings")<
    RoleAssignment[]
  >();
  const bound = new Map<number, RoleBinding[]>();
  for (const a of assignments) {
    bound.set(a.PrincipalId, [...(bound.get(a.PrincipalId) ?? []), ...bindingsOf(a)]);
  }
  const nameOf = (b: RoleBinding) =>
    [...levels.values()].find((r) => r.id === b.Id)?.name ?? b.Name ?? String(b.Id);

  const managed = new Map<number, string>([
    [principals.ownerGroup.id, principals.ownerGroup.title],
    ...[...principals.groups].map(([name, id]) => [id, name] as [number, string]),
  ]);
  for (const [principalId, name] of managed) {
    const want = desired.get(principalId);
    const have = bound.get(principalId) ?? [];
    for (const b of have) {
      if (b.Id === want?.id) continue;
      await sp.roleAssignments(list).remove(principalId, b.Id);
      report.permissions.push(`${name}: ${nameOf(b)} fjernet`);
    }
    if (want && !have.some((b) => b.Id === want.id)) {
      await sp.roleAssignments(list).add(principalId, want.id);
      report.permissions.push(`${name}: ${want.name}`);
    }
  }

  // Last: the provisioning identity keeps its access through the owners group or as site
  // collection administrator (checked at the start), not through a grant of its own.
  for (const b of bound.get(principals.me.id) ?? []) {
    await sp.roleAssignments(list).remove(principals.me.id, b.Id);
    report.permissions.push(`egen ${nameOf(b)} fjernet (${principals.me.title})`);
  }

  // No list in lists-schema gives single items permissions of their own (an earlier model
  // locked closed ballots that way): such an item inherits the list's permissions again, so no
  // item-level grant outlives the matrix (and a unique column stays possible).
  const ownPermissions = await sp.itemsWithOwnPermissions(list);
  for (const id of ownPermissions) await sp.resetItemInheritance(list, id);
  if (ownPermissions.length > 0) {
    report.permissions.push(
      `${ownPermissions.length} ${ownPermissions.length === 1 ? "element" : "elementer"} arver listens rettigheder igen`,
    );
  }

  for (const a of assignments) {
    if (managed.has(a.PrincipalId) || a.PrincipalId === principals.me.id) continue;
    const names = bindingsOf(a).map(nameOf).join(", ");
    report.others.push(`${a.Member?.Title ?? `#${a.PrincipalId}`}: ${names}`);
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
  const line = `${report.title} (${report.list}): ${parts.length > 0 ? parts.join(", ") : "uændret"}`;
  return report.others.length > 0
    ? `${line}; andre med egne rettigheder (ikke ændret): ${report.others.join("; ")}`
    : line;
}
