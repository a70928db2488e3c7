/**
 * Pages a role cannot use are not requested for that role: a proposer (Bidragydere), who cannot
 * read the Ballots list at all, gets an Overblik read without it (no 404 in the console), and
 * is not shown a round's page (only the committee's members, the chair and the secretariat are).
 */
import type { Me } from "../../src/domain/roles.js";
import { loadDashboardInput } from "../../src/use-cases/dashboard.js";
import { maySeeRoundPage } from "../../src/use-cases/rounds.js";
import { aClock, chair, me, member, owner, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";

function dashboardAs(who: Me) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  const ports = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: aClock("2026-03-05T10:00:00Z"),
  };
  return { memory, ports };
}

describe("the Overblik reads ballots only for those who can read the list", () => {
  test.each([
    { who: me(owner, "contributor"), reads: false },
    { who: me(member, "member"), reads: true },
    { who: me(chair, "chair"), reads: true },
    { who: me(secretary, "secretary"), reads: true },
  ])("$who.roles → ballots read: $reads", async ({ who, reads }) => {
    const { memory, ports } = dashboardAs(who);
    const input = await loadDashboardInput(ports);
    expect(memory.ballots.calls.some(([m]) => m === "list")).toBe(reads);
    expect(input.ballots).toEqual([]);
  });
});

describe("who is shown a round's page", () => {
  test.each([
    { who: me(owner, "contributor"), may: false },
    { who: me(member, "member"), may: true },
    { who: me(chair, "chair"), may: true },
    { who: me(secretary, "secretary"), may: true },
    { who: me(owner, "owner"), may: true },
  ])("$who.roles → $may", ({ who, may }) => {
    expect(maySeeRoundPage(who)).toBe(may);
  });
});
