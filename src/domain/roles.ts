/**
 * Roles come from the portfolio site's SharePoint groups (DESIGN.md §1), never from a flag
 * the client can set. This maps group titles to roles; the adapter reads the groups.
 */
import type { Person } from "./common.js";
import type { PersonId } from "./ids.js";

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

/**
 * Who holds which role on the site, from the site groups' membership (a fact the server keeps,
 * not something a client writes on an item). Read-time checks use it to decide whether the
 * author of an item was allowed to write it.
 */
export interface Roster {
  rolesOf(person: PersonId): readonly Role[];
}

/** A roster from each role's members (e.g. `SitePeople.groupMembers` per group). */
export function rosterFrom(membersByRole: Partial<Record<Role, readonly Person[]>>): Roster {
  const roles = new Map<PersonId, Role[]>();
  for (const [role, people] of Object.entries(membersByRole) as [Role, readonly Person[]][]) {
    for (const p of people) {
      const have = roles.get(p.id) ?? [];
      if (!have.includes(role)) have.push(role);
      roles.set(p.id, have);
    }
  }
  return { rolesOf: (person) => roles.get(person) ?? [] };
}
