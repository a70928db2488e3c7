/**
 * Roles come from the portfolio site's SharePoint groups (DESIGN.md §1).
 */
import { hasRole, type Role, rolesFromGroups } from "../../src/domain/roles.js";
import { aPerson } from "../support/builders.js";

const owners = { ownerGroups: ["Ejere"], isSiteAdmin: false };

describe("roles from site groups", () => {
  it.each<[string, string[], Partial<typeof owners>, Role[]]>([
    ["a member", ["Medlemmer"], {}, ["member"]],
    ["the chair, who is also a member", ["Formand", "Medlemmer"], {}, ["chair", "member"]],
    ["the secretary", ["Sekretariat"], {}, ["secretary"]],
    ["a contributor", ["Bidragydere"], {}, ["contributor"]],
    ["an owner by group", ["Ejere"], {}, ["owner"]],
    [
      "an owner by a tenant's own owners group",
      ["Digistyr Owners"],
      { ownerGroups: ["Digistyr Owners"] },
      ["owner"],
    ],
    ["a site collection admin in no group", [], { isSiteAdmin: true }, ["owner"]],
    ["group titles in another case", ["medlemmer", "SEKRETARIAT"], {}, ["secretary", "member"]],
    ["someone in unrelated groups only", ["Besøgende", "Medlemmer af intranet"], {}, []],
  ])("%s", (_name, groups, options, roles) => {
    expect(rolesFromGroups(groups, { ...owners, ...options })).toEqual(roles);
  });

  it("answers whether a user holds a role", () => {
    const me = { person: aPerson(), roles: ["member"] as Role[] };
    expect(hasRole(me, "member")).toBe(true);
    expect(hasRole(me, "chair")).toBe(false);
  });
});
