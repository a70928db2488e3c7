/**
 * Who may vote and compare criteria, from the site groups Medlemmer and Formand (facts the
 * server keeps), for the read-time checks of ballots and comparisons: an item counts only when
 * its author (Author, set by SharePoint) is one of them.
 */
import type { Person } from "../domain/common.js";
import type { PersonId } from "../domain/ids.js";
import { type Me, ROLE_GROUPS, type Roster, rosterFrom } from "../domain/roles.js";
import type { SitePeople } from "../ports/current-user.js";

/** The site groups whose members cast ballots and compare criteria. */
export const VOTER_GROUPS: readonly string[] = [ROLE_GROUPS.member, ROLE_GROUPS.chair];

export interface VoterRoster {
  roster: Roster;
  /** The voters by id, for naming who a key claims to be. */
  people: ReadonlyMap<PersonId, Person>;
}

/**
 * The voters' roster from the site groups Medlemmer and Formand (`SitePeople.groupMembers`).
 * A group that cannot be read rejects (e.g. `Forbidden` when SharePoint hides its membership):
 * nothing is counted on a guess.
 */
export async function readVoterRoster(people: SitePeople): Promise<VoterRoster> {
  const groupMembers = people.groupMembers?.bind(people);
  if (!groupMembers) {
    throw new Error("The read-time checks need SitePeople.groupMembers (the site groups)");
  }
  const [members, chairs] = await Promise.all([
    groupMembers(ROLE_GROUPS.member),
    groupMembers(ROLE_GROUPS.chair),
  ]);
  const byId = new Map<PersonId, Person>();
  for (const p of [...members, ...chairs]) byId.set(p.id, p);
  return { roster: rosterFrom({ member: members, chair: chairs }), people: byId };
}

/**
 * A roster that knows only the signed-in user's roles (read from their own site groups): enough
 * for someone who reads only their own items, such as a member reading their own ballot.
 */
export function rosterOfMe(me: Me): Roster {
  return { rolesOf: (person) => (person === me.person.id ? me.roles : []) };
}
