/**
 * The signed-in user's teams and their channels, for picking where the committee and Chefforum
 * post (Indstillinger). Only teams the user is a member of are listed: posting needs membership.
 *
 * Errors: `StoreError`; a token without the permission is `Forbidden`.
 */
export interface TeamSummary {
  id: string;
  displayName: string;
  description: string;
}

export interface ChannelSummary {
  id: string;
  displayName: string;
  /** "standard", "private" or "shared". */
  membershipType: string;
}

export interface TeamsCatalog {
  /** The teams the signed-in user is a member of, by name. */
  joinedTeams(): Promise<TeamSummary[]>;
  /** A team's channels, by name (the General channel first). */
  channels(teamId: string): Promise<ChannelSummary[]>;
}
