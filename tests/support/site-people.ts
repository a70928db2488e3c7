/**
 * A fake `SitePeople` port whose site groups have the given members, for tests of the checks
 * that judge who wrote an item by their roles (the roster comes from the groups' membership).
 */
import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import type { Me } from "../../src/domain/roles.js";
import { ROLE_GROUPS } from "../../src/domain/roles.js";
import type { SitePeople } from "../../src/ports/current-user.js";

export type SiteGroup = "Formand" | "Sekretariat" | "Medlemmer" | "Bidragydere";

export function fakeSitePeople(groups: Partial<Record<SiteGroup, readonly Person[]>>): SitePeople {
  return {
    ensure: (upn) => Promise.reject(new StoreError("NotFound", upn)),
    groupMembers: (title) => Promise.resolve([...(groups[title as SiteGroup] ?? [])]),
  };
}

/** The site groups of people in their roles (`Me`, as the tests' users are built). */
export function sitePeopleOf(...people: readonly Me[]): SitePeople {
  const groups: Partial<Record<SiteGroup, Person[]>> = {};
  for (const p of people) {
    for (const role of p.roles) {
      if (role === "owner") continue;
      const group = ROLE_GROUPS[role] as SiteGroup;
      groups[group] = [...(groups[group] ?? []), p.person];
    }
  }
  return fakeSitePeople(groups);
}
