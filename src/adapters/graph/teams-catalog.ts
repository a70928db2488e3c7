import type { ChannelSummary, TeamsCatalog, TeamSummary } from "../../ports/teams.js";
import type { GraphHttp } from "./graph-http.js";

/**
 * TeamsCatalog on Graph with the least-privileged delegated permissions:
 * `GET /me/joinedTeams` (Team.ReadBasic.All; id, displayName and description only,
 * https://learn.microsoft.com/graph/api/user-list-joinedteams) and
 * `GET /teams/{team-id}/channels` (Channel.ReadBasic.All,
 * https://learn.microsoft.com/graph/api/channel-list).
 */
interface GraphTeam {
  id: string;
  displayName?: string | null;
  description?: string | null;
}
interface GraphChannel {
  id: string;
  displayName?: string | null;
  membershipType?: string | null;
}

const byName = (a: { displayName: string }, b: { displayName: string }) =>
  a.displayName.localeCompare(b.displayName, "da");

export class GraphTeamsCatalog implements TeamsCatalog {
  constructor(private readonly http: GraphHttp) {}

  async joinedTeams(): Promise<TeamSummary[]> {
    const teams = await this.http.all<GraphTeam>("/me/joinedTeams");
    return teams
      .map((t) => ({
        id: t.id,
        displayName: t.displayName ?? t.id,
        description: t.description ?? "",
      }))
      .sort(byName);
  }

  async channels(teamId: string): Promise<ChannelSummary[]> {
    const channels = await this.http.all<GraphChannel>(
      `/teams/${encodeURIComponent(teamId)}/channels`,
    );
    const general = (c: ChannelSummary) => (/^(general|generelt)$/i.test(c.displayName) ? 0 : 1);
    return channels
      .map((c) => ({
        id: c.id,
        displayName: c.displayName ?? c.id,
        membershipType: c.membershipType ?? "standard",
      }))
      .sort((a, b) => general(a) - general(b) || byName(a, b));
  }
}
