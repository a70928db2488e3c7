import { describe, expect, it } from "@jest/globals";

import { idOf, type MeetingId, type ResourceId, type RoundId } from "../../src/domain/ids.js";
import { solveExactly } from "../../src/domain/selection.js";
import type { PortfolioSolver } from "../../src/ports/solver.js";
import {
  commitScenario as commitScenarioOutcome,
  frontierFor,
  loadSelectionBase,
  runScenario,
  scenarioDraft,
} from "../../src/use-cases/scenarios.js";
import { aBudgetLine, aRef, aResource, aResourceRequest, aRound } from "../support/builders.js";
import { aClock, me, member, secretary } from "../support/builders-lifecycle.js";
import { aStoredBallot, aStoredResultJson } from "../support/builders-tally.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { acceptedOnly } from "../support/outcome.js";
import { ALFA, BETA, DELTA, GAMMA, seedPortfolio } from "../ui/scenarios-support.js";

/** Expected accepted; a refusal rejects with its code (support/outcome.ts). */
const commitScenario = acceptedOnly(commitScenarioOutcome);

/** The brute-force reference as the solver port. */
const bruteForce: PortfolioSolver = {
  solve: (model) => Promise.resolve(solveExactly(model)),
};
const none = { forcedIn: [], forcedOut: [] };

function setup() {
  const { memory, repositories } = memoryRepositories(() => secretary);
  seedPortfolio(memory);
  return { memory, repositories };
}

describe("loadSelectionBase", () => {
  it("takes the candidates in Klar til prioritering with their priority scores, costs, hours, frames minus ongoing work and capacity minus ongoing hours", async () => {
    const { repositories } = setup();
    const base = await loadSelectionBase(repositories);
    expect(base.valueSource).toBe("priorityScore");
    expect(base.input.candidates.map((c) => [c.id, c.value, c.mandatory])).toEqual([
      [ALFA, 50, false],
      [BETA, 40, false],
      [GAMMA, 30, false],
      [DELTA, 5, true],
    ]);
    expect(base.input.candidates[0]?.costs).toEqual([
      { year: 2026, kind: "Anlæg", amount: 500_000 },
    ]);
    expect(base.input.candidates[2]?.hours).toEqual([
      { competence: "It-arkitektur", period: "2026-03", hours: 30 },
    ]);
    expect(base.input.frames).toEqual([{ year: 2026, kind: "Anlæg", amount: 1_000_000 }]);
    expect(base.input.committed).toEqual([{ year: 2026, kind: "Anlæg", amount: 200_000 }]);
    expect(base.input.capacity).toEqual([
      { competence: "It-arkitektur", period: "2026-03", hours: 30 },
    ]);
  });

  it("counts open resource requests where a candidate has no allocation for the competence, spread over their months", async () => {
    const { memory, repositories } = setup();
    memory.resources.seed({
      id: idOf<ResourceId>(2),
      ...aResource({ competences: ["Jura og GDPR"], capacityHoursPerMonth: 20 }),
    });
    memory.resourceRequests.seed(
      aResourceRequest({
        initiative: aRef(1, "Alfa"),
        competence: "Jura og GDPR",
        hours: 30,
        neededFrom: "2026-04-01T00:00:00Z",
        neededTo: "2026-06-30T00:00:00Z",
        state: "Anmodet",
      }),
      // Gamma has an architect allocated: its request for the same competence is not added.
      aResourceRequest({
        initiative: aRef(3, "Gamma"),
        competence: "It-arkitektur",
        hours: 99,
        neededFrom: "2026-03-01T00:00:00Z",
        state: "Anmodet",
      }),
      aResourceRequest({
        initiative: aRef(2, "Beta"),
        competence: "Jura og GDPR",
        hours: 50,
        neededFrom: "2026-04-01T00:00:00Z",
        state: "Afvist",
      }),
    );
    const base = await loadSelectionBase(repositories);
    expect(base.input.candidates[0]?.hours).toEqual([
      { competence: "Jura og GDPR", period: "2026-04", hours: 10 },
      { competence: "Jura og GDPR", period: "2026-05", hours: 10 },
      { competence: "Jura og GDPR", period: "2026-06", hours: 10 },
    ]);
    expect(base.input.candidates[1]?.hours).toEqual([]);
    expect(base.input.candidates[2]?.hours).toEqual([
      { competence: "It-arkitektur", period: "2026-03", hours: 30 },
    ]);
    expect(base.input.capacity).toContainEqual({
      competence: "Jura og GDPR",
      period: "2026-05",
      hours: 20,
    });
  });

  it("turns requires and excludes into rows, and forces out a candidate whose requirement is neither a candidate nor under way", async () => {
    const { memory, repositories } = setup();
    memory.initiatives.touch(ALFA, { requires: [aRef(2, "Beta")], excludes: [aRef(3, "Gamma")] });
    memory.initiatives.touch(GAMMA, { excludes: [aRef(1, "Alfa")] });
    memory.initiatives.touch(BETA, { requires: [aRef(11, "Idéen"), aRef(10, "Igangværende")] });
    const base = await loadSelectionBase(repositories);
    expect(base.input.requires).toEqual([[ALFA, BETA]]);
    expect(base.input.excludes).toEqual([[ALFA, GAMMA]]);
    expect(base.input.forcedOut).toEqual([
      { candidate: BETA, reason: "forudsætter Idéen, som hverken er kandidat eller i gang" },
    ]);
  });

  it("values a closed round's candidates by their share of the result", async () => {
    const { memory, repositories } = setup();
    const [round] = memory.rounds.seed({
      id: idOf<RoundId>(5),
      ...aRound({
        state: "Lukket",
        method: "Prikker",
        candidates: [aRef(1, "Alfa"), aRef(2, "Beta")],
      }),
    });
    // The result stored when the round was closed (see closeRound).
    memory.rounds.touch(round!.id, {
      resultJson: aStoredResultJson(round!, [
        aStoredBallot(round!, 21, [
          { candidate: ALFA, points: 3 },
          { candidate: BETA, points: 1 },
        ]),
      ]),
    });
    const base = await loadSelectionBase(repositories, { round: idOf<RoundId>(5) });
    expect(base.valueSource).toBe("round");
    expect(base.input.candidates.map((c) => [c.id, c.value])).toEqual([
      [ALFA, 75],
      [BETA, 25],
    ]);
  });
});

describe("runScenario", () => {
  it("finds the best set within the frame, with totals per row and why each left-out candidate was not chosen", async () => {
    const { repositories } = setup();
    const base = await loadSelectionBase(repositories);
    const run = await runScenario(bruteForce, base, none);
    expect(run.outcome.status).toBe("optimal");
    expect(run.selected).toEqual([BETA, GAMMA, DELTA]);
    expect(run.outcome.solution?.value).toBe(75);
    expect(run.cost).toBe(800_000);
    expect(run.totals.map((t) => [t.kind, t.used, t.limit])).toEqual([
      ["budget", 800_000, 800_000],
      ["capacity", 30, 30],
    ]);
    expect(run.whyNot).toHaveLength(1);
    const why = run.whyNot[0]!.why;
    expect(why.kind).toBe("blocked");
    if (why.kind === "blocked") expect(why.rows[0]?.excess).toBe(500_000);
  });

  it("keeps a forced-out candidate out and explains an impossible forced set", async () => {
    const { repositories } = setup();
    const base = await loadSelectionBase(repositories);
    const out = await runScenario(bruteForce, base, {
      forcedIn: [],
      forcedOut: [{ initiative: BETA, reason: "Afventer udbud" }],
    });
    expect(out.selected).toEqual([ALFA, DELTA]);
    const stuck = await runScenario(bruteForce, base, {
      forcedIn: [
        { initiative: ALFA, reason: "Politisk ønske" },
        { initiative: BETA, reason: "Politisk ønske" },
      ],
      forcedOut: [],
    });
    expect(stuck.outcome.status).toBe("infeasible");
    expect(stuck.outcome.explanation.map((b) => [b.kind, b.excess])).toEqual([["budget", 200_000]]);
  });

  it("says by how much work under way exceeds a frame, and optimises within what is left when asked", async () => {
    const { memory, repositories } = setup();
    memory.budgetLines.seed(
      aBudgetLine({
        initiative: aRef(10, "Igangværende"),
        year: 2026,
        kind: "Anlæg",
        amount: 900_000,
      }),
    );
    const base = await loadSelectionBase(repositories);
    const stuck = await runScenario(bruteForce, base, none);
    expect(stuck.outcome.status).toBe("infeasible");
    expect(stuck.overruns).toEqual([
      {
        year: 2026,
        kind: "Anlæg",
        frame: 1_000_000,
        underWay: 1_100_000,
        forced: 100_000,
        overrun: 200_000,
        needed: 1_200_000,
      },
    ]);
    expect(stuck.problems).toEqual([
      expect.objectContaining({
        code: "scenarios.problem.frameExceeded",
        field: "frames",
        params: expect.objectContaining({ year: 2026, kind: "Anlæg", overrun: 200_000 }),
      }),
    ]);
    const within = await runScenario(bruteForce, base, { ...none, withinWhatIsLeft: true });
    expect(within.outcome.status).toBe("optimal");
    expect(within.withinWhatIsLeft).toBe(true);
    expect(within.selected).toEqual([DELTA]);
    expect(within.overruns).toEqual(stuck.overruns);
    const frontier = await frontierFor(bruteForce, within);
    expect(frontier.points.length).toBeGreaterThan(0);
  });

  it("draws the frontier with the chosen scenario marked", async () => {
    const { repositories } = setup();
    const base = await loadSelectionBase(repositories);
    const run = await runScenario(bruteForce, base, none);
    const frontier = await frontierFor(bruteForce, run);
    expect(frontier.points.at(-1)?.value).toBe(75);
    expect(frontier.chosen?.shortfall).toBe(0);
    expect(frontier.points.some((p) => p.chosen)).toBe(true);
  });
});

describe("commitScenario", () => {
  it("records the decision at the meeting, marks the scenario committed and moves the chosen initiatives to Prioriteret with the decision", async () => {
    const { repositories } = setup();
    const base = await loadSelectionBase(repositories);
    const run = await runScenario(bruteForce, base, none);
    const scenario = await repositories.scenarios.add(scenarioDraft("Forår", base, none, run));
    expect(scenario.selected.map((s) => s.id)).toEqual([BETA, GAMMA, DELTA]);
    expect(scenario.totalValue).toBe(75);
    const ports = {
      repositories,
      currentUser: { me: () => Promise.resolve(me(secretary, "secretary")) },
      clock: aClock("2026-03-20T10:00:00Z"),
    };
    const result = await commitScenario(ports, {
      scenario,
      meeting: aRef<MeetingId>(8, "Styregruppemøde marts"),
      text: "Styregruppen prioriterer scenariet Forår.",
    });
    if (result.kind !== "committed") throw new Error(`not committed: ${result.kind}`);
    expect(result.moved).toEqual([BETA, GAMMA, DELTA]);
    const decisions = await repositories.decisions.list();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]?.meeting?.id).toBe(8);
    const phases = await repositories.initiatives.list();
    expect(phases.filter((i) => i.phase === "Prioriteret").map((i) => i.id)).toEqual([
      BETA,
      GAMMA,
      DELTA,
    ]);
    const changes = await repositories.phaseChanges.list();
    expect(changes.every((c) => c.decision?.id === decisions[0]?.id)).toBe(true);
    expect((await repositories.scenarios.get(scenario.id)).committed).toBe(true);
    await expect(
      commitScenario(ports, { scenario: result.scenario, meeting: aRef(8), text: "x" }),
    ).rejects.toThrow();
  });

  it("refuses a member before any decision is recorded", async () => {
    const { repositories } = setup();
    const base = await loadSelectionBase(repositories);
    const run = await runScenario(bruteForce, base, none);
    const scenario = await repositories.scenarios.add(scenarioDraft("Forår", base, none, run));
    const ports = {
      repositories,
      currentUser: { me: () => Promise.resolve(me(member, "member")) },
      clock: aClock("2026-03-20T10:00:00Z"),
    };
    await expect(
      commitScenario(ports, { scenario, meeting: aRef(8), text: "Besluttet" }),
    ).rejects.toMatchObject({ code: "scenarios.problem.onlyManagersDecide" });
    expect(await repositories.decisions.list()).toEqual([]);
    expect((await repositories.scenarios.get(scenario.id)).committed).toBe(false);
  });
});
