/**
 * The Strategi use-cases with in-memory repositories: the page's portfolio by goal and needs
 * analyses from the stored lists; saves checked by role and by the entity's rules before
 * anything is written; an initiative's open barriers.
 */
import type { Clock } from "../../src/domain/clock.js";
import { idOf, type InitiativeId, type PersonId } from "../../src/domain/ids.js";
import { barriersOf, loadStrategy, saveBarrier, saveGoal } from "../../src/use-cases/strategy.js";
import {
  aBarrier,
  aBudgetLine,
  anInitiative,
  aPerson,
  aPhaseChange,
  aRef,
  aStrategyGoal,
} from "../support/builders.js";
import { memoryRepositories } from "../support/memory-repositories.js";

const gitte = aPerson({ id: idOf<PersonId>(5), name: "Gitte Iversen" });
const clock: Clock = { now: () => new Date("2026-06-01T00:00:00Z") };

function aSite() {
  const { memory, repositories } = memoryRepositories(() => gitte);
  memory.strategyGoals.seed({ ...aStrategyGoal({ title: "Bedre service", sortOrder: 1 }) });
  memory.initiatives.seed(
    { ...anInitiative({ title: "Booking", strategyGoal: aRef(1), phase: "Behovsanalyse" }) },
    { ...anInitiative({ title: "Droner", strategyGoal: null, phase: "Idé" }) },
  );
  memory.budgetLines.seed({ ...aBudgetLine({ initiative: aRef(1), kind: "Drift", amount: 50 }) });
  memory.barriers.seed(
    { ...aBarrier({ title: "Åben", blocks: [aRef(1)] }) },
    { ...aBarrier({ title: "Løst", state: "Løst", blocks: [aRef(1)] }) },
  );
  return { memory, repositories };
}

describe("the Strategi page", () => {
  it("groups the portfolio by goal and lists the needs analyses and ideas", async () => {
    const { memory, repositories } = aSite();
    memory.phaseChanges.seed({
      ...aPhaseChange({ initiative: aRef(1), toPhase: "Behovsanalyse" }),
    });
    const page = await loadStrategy(repositories, clock);
    expect(page.byGoal.map((g) => [g.goal?.title ?? null, g.count, g.cost])).toEqual([
      ["Bedre service", 1, 50],
      [null, 1, 0],
    ]);
    expect(page.needsAnalyses.map((n) => n.initiative.title)).toEqual(["Booking"]);
    expect(page.ideas.map((i) => i.title)).toEqual(["Droner"]);
  });

  it("gives an initiative its open barriers only", async () => {
    const { repositories } = aSite();
    const barriers = await barriersOf(repositories, idOf<InitiativeId>(1));
    expect(barriers.map((b) => b.title)).toEqual(["Åben"]);
  });
});

describe("saving", () => {
  it.each([
    [["member"], true],
    [["contributor"], false],
  ] as const)("a barrier by %j is written: %s", async (roles, written) => {
    const { repositories } = aSite();
    const result = await saveBarrier(
      repositories,
      { roles: [...roles] },
      aBarrier({ title: "Ny" }),
    );
    expect(result.ok).toBe(written);
    expect((await repositories.barriers.list()).some((b) => b.title === "Ny")).toBe(written);
  });

  it("refuses a barrier breaking its rule without writing, naming the field", async () => {
    const { repositories } = aSite();
    const result = await saveBarrier(
      repositories,
      { roles: ["member"] },
      aBarrier({ title: "Ny", state: "Under håndtering", owner: null }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ code: "validation.barrier.ownerWhenHandled", field: "owner" }),
      ],
    });
    expect((await repositories.barriers.list()).length).toBe(2);
  });

  it("lets only the chair and the secretariat write goals", async () => {
    const { repositories } = aSite();
    const member = await saveGoal(
      repositories,
      { roles: ["member"] },
      aStrategyGoal({ title: "X" }),
    );
    const chair = await saveGoal(repositories, { roles: ["chair"] }, aStrategyGoal({ title: "Y" }));
    expect([member.ok, chair.ok]).toEqual([false, true]);
    expect((await repositories.strategyGoals.list()).map((g) => g.title)).toEqual([
      "Bedre service",
      "Y",
    ]);
  });

  it("updates at the version read", async () => {
    const { repositories } = aSite();
    const [barrier] = await repositories.barriers.list();
    await saveBarrier(repositories, { roles: ["member"] }, { ...barrier!, state: "Accepteret" });
    expect((await repositories.barriers.get(barrier!.id)).state).toBe("Accepteret");
  });
});
