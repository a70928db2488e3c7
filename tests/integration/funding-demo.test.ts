/**
 * The demo data on first use: "Kør optimering" on the seeded site finds a selection (no frame
 * is exceeded by work under way) and draws a frontier.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import { createHighsSolver } from "../../src/adapters/solver/highs.js";
import type { Clock } from "../../src/domain/clock.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { type SeedAdapters, seedDemoData } from "../../src/seed/index.js";
import { frontierFor, loadSelectionBase, runScenario } from "../../src/use-cases/scenarios.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const NOW = new Date("2026-05-12T10:00:00Z");
const clock: Clock = { now: () => NOW };

let sp: ProvisionedSp;

function adaptersOn(server: ProvisionedSp): SeedAdapters {
  return {
    as: (upn) => ({
      ...server.adaptersFor(upn),
      calendar: createGraphAdapters({ baseUrl: server.m365.graph, tokens: devTokenProvider(upn) })
        .calendar,
    }),
  };
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  await seedDemoData(adaptersOn(sp), clock, () => undefined);
}, 120_000);

afterAll(async () => {
  await sp?.close();
}, 60_000);

describe("the demo data in the optimizer", () => {
  it("gives a feasible run with a frontier on first use, no frame exceeded by work under way", async () => {
    const repositories = sp.adaptersFor(sp.users.secretary).repositories;
    const base = await loadSelectionBase(repositories);
    const solver = createHighsSolver();
    const run = await runScenario(solver, base, { forcedIn: [], forcedOut: [] });
    expect(run.overruns).toEqual([]);
    expect(run.outcome.status).toBe("optimal");
    expect(run.selected.length).toBeGreaterThan(0);
    // The frames bind: not every candidate fits, so the choice matters.
    expect(run.selected.length).toBeLessThan(base.input.candidates.length);
    const frontier = await frontierFor(solver, run);
    expect(frontier.points.length).toBeGreaterThan(1);
  }, 60_000);
});
