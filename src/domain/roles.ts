/**
 * Roles come from the portfolio site's SharePoint groups (DESIGN.md §1), never from a flag
 * the client can set. This maps group titles to roles; the adapter reads the groups.
 */
import type { Person } from "./common.js";

export type Role = "owner" | "chair" | "secretary" | "member" | "contributor";

/** The site groups the roles come from. */
export const ROLE_GROUPS: Readonly<Record<Exclude<Role, "owner">, string>> = {
  chair: "Formand",
  secretary: "Sekretariat",
  member: "Medlemmer",
  contributor: "Bidragydere",
};

/** Danish names for display. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: "Ejer",
  chair: "Formand",
  secretary: "Sekretær",
  member: "Medlem",
  contributor: "Forslagsstiller",
};

export interface Me {
  person: Person;
  roles: Role[];
}

/**
 * Roles from the titles of the user's site groups. `ownerGroups` are the titles of the
 * site's owners group(s) (e.g. "Ejere" or "<site> Owners"); a site collection admin is owner.
 */
export function rolesFromGroups(
  groupTitles: readonly string[],
  options: { ownerGroups: readonly string[]; isSiteAdmin: boolean },
): Role[] {
  const titles = new Set(groupTitles.map((t) => t.toLowerCase()));
  const roles: Role[] = [];
  if (options.isSiteAdmin || options.ownerGroups.some((g) => titles.has(g.toLowerCase()))) {
    roles.push("owner");
  }
  for (const [role, group] of Object.entries(ROLE_GROUPS) as [Exclude<Role, "owner">, string][]) {
    if (titles.has(group.toLowerCase())) roles.push(role);
  }
  return roles;
}

export function hasRole(me: Me, role: Role): boolean {
  return me.roles.includes(role);
}
