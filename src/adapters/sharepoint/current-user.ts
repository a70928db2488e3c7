/**
 * `SpCurrentUser`: who am I on the portfolio site and which roles do I hold, read from
 * `web/currentUser` and `web/currentUser/groups`
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/complete-basic-operations-using-sharepoint-rest-endpoints).
 * `SpSitePeople`: `web/ensureuser`, which adds a tenant user to the site and returns its id,
 * and a site group's members (`web/sitegroups/getbyname('X')/users`).
 */
import { SiteGroups } from "@pnp/sp/site-groups/types.js";

import type { Person } from "../../domain/common.js";
import { idOf, type PersonId } from "../../domain/ids.js";
import { type Me, rolesFromGroups } from "../../domain/roles.js";
import type { CurrentUser, SitePeople } from "../../ports/current-user.js";
import { mapErrors } from "./errors.js";
import type { SpSite } from "./sp.js";

interface SpUser {
  Id: number;
  Title?: string;
  Email?: string;
  UserPrincipalName?: string | null;
  IsSiteAdmin?: boolean;
  LoginName?: string;
}

function personOf(u: SpUser): Person {
  return {
    id: idOf<PersonId>(u.Id),
    name: u.Title ?? "",
    email: u.Email || u.UserPrincipalName || "",
  };
}

export interface SpCurrentUserOptions {
  /**
   * Titles of the site's owners group(s). The local server calls it "Ejere"; a SharePoint
   * Online team site calls it "<site name> Owners" or, in Danish, "Ejere af <site name>".
   */
  ownerGroups?: readonly string[];
}

export class SpCurrentUser implements CurrentUser {
  constructor(
    private readonly site: SpSite,
    private readonly options: SpCurrentUserOptions = {},
  ) {}

  async me(): Promise<Me> {
    return mapErrors({ what: "Din bruger" }, async () => {
      const user = this.site.currentUser();
      const [u, groups] = await Promise.all([
        user.select(
          "Id",
          "Title",
          "Email",
          "UserPrincipalName",
          "IsSiteAdmin",
          "LoginName",
        )<SpUser>(),
        this.site.groupsOf(user).select("Id", "Title")<{ Id: number; Title: string }[]>(),
      ]);
      const titles = groups.map((g) => g.Title);
      const ownerGroups = this.options.ownerGroups ?? [
        "Ejere",
        ...titles.filter((t) => / Owners$/i.test(t) || /^Ejere af /i.test(t)),
      ];
      return {
        person: personOf(u),
        roles: rolesFromGroups(titles, { ownerGroups, isSiteAdmin: u.IsSiteAdmin === true }),
      };
    });
  }
}

export class SpSitePeople implements SitePeople {
  constructor(private readonly site: SpSite) {}

  async ensure(emailOrUpn: string): Promise<Person> {
    const login = emailOrUpn.includes("|")
      ? emailOrUpn
      : `i:0#.f|membership|${emailOrUpn.trim().toLowerCase()}`;
    return mapErrors({ what: `Personen ${emailOrUpn}` }, async () => {
      const u = (await this.site.ensureUser(login)) as SpUser;
      return personOf(u);
    });
  }

  /** `web/sitegroups/getbyname('<title>')/users`. */
  async groupMembers(groupTitle: string): Promise<Person[]> {
    return mapErrors({ what: `Gruppen ${groupTitle}` }, async () => {
      const users = await SiteGroups(this.site.web, "sitegroups")
        .getByName(groupTitle)
        .users.select("Id", "Title", "Email", "UserPrincipalName")<SpUser[]>();
      return users.map(personOf);
    });
  }
}
