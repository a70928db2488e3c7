/**
 * Who the signed-in user is on the portfolio site and which roles they hold. Roles come from
 * the site's SharePoint groups (Medlemmer, Formand, Sekretariat, Bidragydere, the owners),
 * read from the store, never from anything the client sets (DESIGN.md §1).
 */
import type { Person } from "../domain/common.js";
import type { Me } from "../domain/roles.js";

export interface CurrentUser {
  me(): Promise<Me>;
}

/** Site users: turn an e-mail / UPN into a person the lists can refer to. */
export interface SitePeople {
  /** Ensures the person is a user of the site (SharePoint's ensureUser); `NotFound` if unknown. */
  ensure(emailOrUpn: string): Promise<Person>;
  /**
   * The members of one of the site's SharePoint groups, by title (e.g. "Medlemmer"), as site
   * people; `NotFound` if the site has no such group. Optional so that fakes which do not need
   * it stay valid; without it, callers cannot tell a person's site groups.
   */
  groupMembers?(groupTitle: string): Promise<Person[]>;
}
