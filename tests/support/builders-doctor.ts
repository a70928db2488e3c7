/**
 * A tenant in memory for the doctor's unit and UI tests: facts that match a blueprint exactly
 * (a ready site), to be broken one fact at a time, and a `TenantProbe` answering from them.
 */
import { tenantBlueprint } from "../../src/adapters/tenant/blueprint.js";
import {
  type FieldFacts,
  type GroupFacts,
  type ListFacts,
  type RoleAssignmentFacts,
  type RoleDefinitionFacts,
  type TenantBlueprint,
  TYPE_AS_STRING,
} from "../../src/domain/readiness.js";
import { TAB_PERMISSIONS } from "../../src/host/permissions.js";
import type {
  ChannelReach,
  EtagExposure,
  MailboxFacts,
  ProbeResult,
  ServiceReach,
  SiteAnswer,
  TenantProbe,
  TokenClaims,
} from "../../src/ports/tenant.js";

export const BLUEPRINT: TenantBlueprint = tenantBlueprint(TAB_PERMISSIONS);

export const OWNERS = { id: 3, title: "Ejere" };

export interface FakeTenant {
  site: SiteAnswer;
  lists: ListFacts[];
  fields: Map<string, FieldFacts[]>;
  definitions: RoleDefinitionFacts[];
  groups: GroupFacts[];
  /** By list name; `""` is the site itself. */
  assignments: Map<string, RoleAssignmentFacts[] | "denied">;
  claims: { sharepoint: TokenClaims; graph: TokenClaims };
  /** Probe answers by scope (only asked when a token says nothing). */
  probes: Map<string, ProbeResult>;
  settings: Map<string, string>;
  channels: Map<string, ChannelReach>;
  calendar: ServiceReach;
  mailbox: MailboxFacts;
  etag: EtagExposure;
}

const FULL_CONTROL: RoleDefinitionFacts = {
  id: 1073741829,
  name: "Full Control",
  roleTypeKind: 5,
  mask: { High: 2147483647, Low: 4294967295 },
};

/** A ready tenant: every fact as the blueprint wants it. */
export function readyTenant(bp: TenantBlueprint = BLUEPRINT): FakeTenant {
  const lists: ListFacts[] = bp.lists.map((l, i) => ({
    name: l.name,
    title: l.title,
    id: `0000000${i}-aaaa-4bbb-8ccc-000000000000`,
    readSecurity: l.readSecurity,
    writeSecurity: l.writeSecurity,
    versioning: true,
    uniquePermissions: true,
  }));
  const idOf = new Map(lists.map((l) => [l.name, l.id]));
  const fields = new Map(
    bp.lists.map((l) => [
      l.name,
      l.fields.map((f): FieldFacts => ({
        name: f.name,
        typeName: TYPE_AS_STRING[f.type],
        required: f.required,
        indexed: f.indexed,
        // SharePoint enforces unique values only on lists without item-level security.
        unique: f.unique && l.readSecurity === 1 && l.writeSecurity === 1,
        choices: f.choices ? [...f.choices] : [],
        ...(f.lookupList ? { lookupListId: `{${idOf.get(f.lookupList)!.toUpperCase()}}` } : {}),
      })),
    ]),
  );
  const definitions: RoleDefinitionFacts[] = [
    FULL_CONTROL,
    ...bp.levels.map((l, i) => ({
      id: l.roleTypeKind !== undefined ? 1073741824 + l.roleTypeKind : 1073741926 + i,
      name: l.name,
      roleTypeKind: l.roleTypeKind ?? 0,
      mask: { ...l.mask },
    })),
  ];
  const groups: GroupFacts[] = [
    { ...OWNERS, membershipVisibleToAll: true },
    ...bp.groups.map((g, i) => ({ id: 10 + i, title: g, membershipVisibleToAll: true })),
  ];
  const levelDef = (key: string) =>
    definitions.find((d) => d.name === bp.levels.find((l) => l.key === key)!.name)!;
  const groupId = (name: string) => groups.find((g) => g.title === name)!.id;
  const assignments = new Map<string, RoleAssignmentFacts[] | "denied">();
  assignments.set("", [
    { principalId: OWNERS.id, principal: OWNERS.title, levels: [FULL_CONTROL] },
    ...bp.groups.map((g) => ({
      principalId: groupId(g),
      principal: g,
      levels: [levelDef("read")],
    })),
  ]);
  for (const l of bp.lists) {
    assignments.set(l.name, [
      { principalId: OWNERS.id, principal: OWNERS.title, levels: [FULL_CONTROL] },
      ...l.grants.map((g) => ({
        principalId: groupId(g.group),
        principal: g.group,
        levels: [levelDef(g.level)],
      })),
    ]);
  }
  const scopes = (resource: string) =>
    bp.permissions.filter((p) => p.resource === resource).map((p) => p.scope);
  return {
    site: {
      reachable: true,
      site: {
        url: "https://kommune.sharepoint.com/sites/digistyr",
        title: "Digitaliseringsstyregruppen",
        user: { title: "Niels Fogh", login: "i:0#.f|membership|niels@kommune.dk" },
        userOwnsSite: true,
        ownerGroup: OWNERS,
      },
    },
    lists,
    fields,
    definitions,
    groups,
    assignments,
    claims: {
      sharepoint: { kind: "claimed", source: "jwt", scopes: scopes("sharepoint") },
      graph: { kind: "claimed", source: "jwt", scopes: scopes("graph") },
    },
    probes: new Map(),
    settings: new Map([
      ["committee.teamId", "team-1"],
      ["committee.channelId", "channel-1"],
      ["chefforum.teamId", "team-2"],
      ["chefforum.channelId", "channel-2"],
      ["direktoerforum.address", "direktoerforum@kommune.dk"],
    ]),
    channels: new Map([
      [
        "team-1/channel-1",
        { kind: "ok", team: "Digitaliseringsstyregruppen", channel: "Generelt" },
      ],
      ["team-2/channel-2", { kind: "ok", team: "Chefforum", channel: "Referater" }],
    ]),
    calendar: { kind: "ok" },
    mailbox: { kind: "ok", address: "niels@kommune.dk" },
    etag: { kind: "exposed", origin: "https://digistyr.kommune.dk" },
  };
}

/** A TenantProbe answering from the facts (read at call time, so tests may change them). */
export function fakeProbe(t: FakeTenant): TenantProbe {
  return {
    site: () => Promise.resolve(t.site),
    lists: () => Promise.resolve(t.lists),
    fields: (list) => Promise.resolve(t.fields.get(list) ?? []),
    roleDefinitions: () => Promise.resolve(t.definitions),
    siteGroups: () => Promise.resolve(t.groups),
    roleAssignments: (list) => Promise.resolve(t.assignments.get(list ?? "") ?? []),
    claims: (audience) => Promise.resolve(t.claims[audience]),
    probe: (_audience, scope) =>
      Promise.resolve(t.probes.get(scope) ?? { outcome: "present" as const }),
    settings: () => Promise.resolve(t.settings),
    channel: (team, channel) =>
      Promise.resolve(t.channels.get(`${team}/${channel}`) ?? { kind: "teamNotFound" as const }),
    calendar: () => Promise.resolve(t.calendar),
    mailbox: () => Promise.resolve(t.mailbox),
    etag: () => Promise.resolve(t.etag),
  };
}
