/**
 * The demo tenant: fictional people of a municipality shaped like the committee's charter, the
 * portfolio site's SharePoint groups and the Microsoft 365 groups / Teams that Graph answers
 * for. The first user owns the site (full control). Group names are the ones the app's roles
 * come from: Medlemmer, Formand, Sekretariat, Bidragydere.
 *
 * Data, not code of any layer: `directory.json` is the one copy. The local Microsoft 365 seeds
 * its SharePoint site and its Graph directory from it, and the tab server reads the team,
 * channel and tenant ids from it for the local Teams host page (the context Teams would hand the
 * tab). Both read this module; it imports nothing, so neither reaches into the other (the
 * emulator stays free of the app, the tab server free of the emulator). Reading the team from
 * the running server's Graph instead would tie the tab server's host page to the scopes and the
 * start-up order of the local server for three constant ids.
 */
import directory from "./directory.json" with { type: "json" };

export type SiteGroupName = "Ejere" | "Medlemmer" | "Formand" | "Sekretariat" | "Bidragydere";

const SITE_GROUP_NAMES: readonly SiteGroupName[] = [
  "Ejere",
  "Medlemmer",
  "Formand",
  "Sekretariat",
  "Bidragydere",
];

export interface DemoUser {
  /** Stable Entra object id (Graph `id`). */
  id: string;
  upn: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  department: string;
  /** SharePoint groups of the portfolio site the user belongs to. */
  groups: SiteGroupName[];
}

/** A Microsoft 365 group, optionally team-enabled with channels. */
export interface DemoGroup {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  memberUpns: string[];
  channels: { id: string; displayName: string; description: string }[];
}

function siteGroupName(name: string): SiteGroupName {
  const known = SITE_GROUP_NAMES.find((g) => g === name);
  if (!known) throw new Error(`demo-tenant/directory.json: unknown site group "${name}"`);
  return known;
}

export const TENANT_ID: string = directory.tenant.id;
export const TENANT_DOMAIN: string = directory.tenant.domain;
export const SITE_PATH: string = directory.site.path;
export const SITE_TITLE: string = directory.site.title;

/** The demo users, the site owner first. */
export const DEMO_USERS: readonly DemoUser[] = directory.users.map((u) => ({
  ...u,
  groups: u.groups.map(siteGroupName),
}));

export const SITE_GROUPS: readonly { name: SiteGroupName; description: string }[] =
  directory.site.groups.map((g) => ({ name: siteGroupName(g.name), description: g.description }));

/** Microsoft 365 groups; the first is the committee's team, whose first channel holds the tab. */
export const DEMO_GROUPS: readonly DemoGroup[] = directory.groups.map((g) => {
  for (const upn of g.memberUpns) {
    if (!DEMO_USERS.some((u) => u.upn === upn)) {
      throw new Error(`demo-tenant/directory.json: ${g.displayName} names unknown ${upn}`);
    }
  }
  return g;
});
