/**
 * Local mode: the runtime config the tab fetches, read from the local Microsoft 365 itself.
 * The demo identities are the site's users with their roles from SharePoint group membership
 * (`web/siteusers?$expand=Groups`, as SharePoint Online answers it), in the order the local
 * Microsoft 365 announced its users; job titles come from Graph `/users`. The team, channel and
 * tenant ids of the local Teams host page are the demo tenant's (`src/demo-tenant`, the data the
 * local Microsoft 365 seeds its Graph from), read as data rather than from the emulator's code.
 */
import { DEMO_GROUPS, TENANT_ID } from "../demo-tenant/index.js";
import { ROLE_LABELS, rolesFromGroups } from "../domain/roles.js";
import type { DemoIdentity, LocalRuntimeConfig } from "../host/runtime-config.js";

/** What `npm run m365` announces (and `startM365()` returns). */
export interface M365Announcement {
  sharepoint: string;
  graph: string;
  users: readonly string[];
}

interface SiteUser {
  Title: string;
  UserPrincipalName?: string | null;
  Email?: string;
  IsSiteAdmin?: boolean;
  Groups?: { Title: string }[];
}

interface GraphUser {
  userPrincipalName: string;
  jobTitle?: string | null;
  department?: string | null;
}

async function getJson<T>(fetchFn: typeof fetch, url: string, token: string): Promise<T> {
  const r = await fetchFn(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
  });
  if (!r.ok) throw new Error(`GET ${url} answered ${r.status}`);
  return (await r.json()) as T;
}

export async function readDemoIdentities(
  m365: M365Announcement,
  fetchFn: typeof fetch = fetch,
): Promise<DemoIdentity[]> {
  const owner = m365.users[0];
  if (!owner) throw new Error("The local Microsoft 365 announced no users");
  const token = `dev:${owner}`;
  const [site, graph] = await Promise.all([
    getJson<{ value: SiteUser[] }>(
      fetchFn,
      `${m365.sharepoint}/_api/web/siteusers?$select=Title,Email,UserPrincipalName,IsSiteAdmin,Groups/Title&$expand=Groups`,
      token,
    ),
    getJson<{ value: GraphUser[] }>(
      fetchFn,
      `${m365.graph}/users?$select=userPrincipalName,jobTitle,department&$top=999`,
      token,
    ).catch(() => ({ value: [] as GraphUser[] })),
  ]);
  const byUpn = new Map(
    site.value.map((u) => [(u.UserPrincipalName ?? u.Email ?? "").toLowerCase(), u]),
  );
  const details = new Map(graph.value.map((u) => [u.userPrincipalName.toLowerCase(), u]));
  return m365.users.flatMap((upn) => {
    const u = byUpn.get(upn.toLowerCase());
    if (!u) return [];
    const d = details.get(upn.toLowerCase());
    const titles = (u.Groups ?? []).map((g) => g.Title);
    return [
      {
        upn,
        displayName: u.Title,
        ...(d?.jobTitle ? { jobTitle: d.jobTitle } : {}),
        ...(d?.department ? { department: d.department } : {}),
        roles: rolesFromGroups(titles, {
          ownerGroups: ["Ejere"],
          isSiteAdmin: u.IsSiteAdmin === true,
        }),
      },
    ];
  });
}

export async function localRuntimeConfig(
  m365: M365Announcement,
  fetchFn: typeof fetch = fetch,
): Promise<LocalRuntimeConfig> {
  return {
    mode: "local",
    siteUrl: m365.sharepoint,
    graphBaseUrl: m365.graph,
    demoUsers: await readDemoIdentities(m365, fetchFn),
  };
}

/** What the local Teams host page puts in the teams-js context besides the chosen user. */
export interface TeamsHostConfig {
  siteUrl: string;
  tenantId: string;
  team: { groupId: string; internalId: string; name: string };
  channel: { id: string; name: string };
  /** Demo users with their roles' Danish names. */
  users: { upn: string; displayName: string; roles: string[] }[];
}

export function teamsHostConfig(config: LocalRuntimeConfig): TeamsHostConfig {
  const team = DEMO_GROUPS[0];
  const channel = team?.channels[0];
  if (!team || !channel) throw new Error("The local directory has no team with a channel");
  return {
    siteUrl: config.siteUrl,
    tenantId: TENANT_ID,
    team: { groupId: team.id, internalId: channel.id, name: team.displayName },
    channel: { id: channel.id, name: channel.displayName },
    users: config.demoUsers.map((u) => ({
      upn: u.upn,
      displayName: u.displayName,
      roles: u.roles.map((r) => ROLE_LABELS[r]),
    })),
  };
}
