/**
 * The TeamsCatalog adapter against the local Graph: the signed-in user's teams
 * (GET /me/joinedTeams, Team.ReadBasic.All) and a team's channels (GET /teams/{id}/channels,
 * Channel.ReadBasic.All), with the tab's declared scopes; without Channel.ReadBasic.All (or a
 * higher permission) listing channels is Forbidden; a team the user is not in is Forbidden.
 */
import { GraphHttp, GraphTeamsCatalog } from "../../src/adapters/graph/index.js";
import { isStoreError } from "../../src/domain/errors.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { CHEFFORUM, COMMITTEE_TEAM } from "../../src/seed/people.js";
import { type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;

beforeAll(async () => {
  m365 = await startLocalM365();
});
afterAll(() => m365.close());

const SECRETARY = "mads.kjaer@demokommune.onmicrosoft.com";

function catalog(token: string) {
  return new GraphTeamsCatalog(
    new GraphHttp({ baseUrl: m365.graph, tokens: { getToken: () => Promise.resolve(token) } }),
  );
}

describe("the user's teams and channels", () => {
  it("lists the teams the secretary is a member of, by name", async () => {
    const teams = await new GraphTeamsCatalog(
      new GraphHttp({ baseUrl: m365.graph, tokens: devTokenProvider(SECRETARY) }),
    ).joinedTeams();
    expect(teams.map((t) => t.id)).toContain(COMMITTEE_TEAM.teamId);
    expect(teams.map((t) => t.id)).not.toContain(CHEFFORUM.teamId);
  });

  it("lists a team's channels, General first", async () => {
    const channels = await catalog(`dev:${SECRETARY}`).channels(COMMITTEE_TEAM.teamId);
    expect(channels[0]).toMatchObject({ id: COMMITTEE_TEAM.channelId, displayName: "Generelt" });
  });

  it.each([
    [
      "without Channel.ReadBasic.All",
      `dev:${SECRETARY};scp=Team.ReadBasic.All`,
      COMMITTEE_TEAM.teamId,
    ],
    ["of a team the user is not in", `dev:${SECRETARY}`, CHEFFORUM.teamId],
  ])("refuses the channels %s", async (_name, token, team) => {
    const failure = await catalog(token)
      .channels(team)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isStoreError(failure, "Forbidden")).toBe(true);
  });
});
