import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { SitePeople } from "../../src/ports/current-user.js";
import { loadFundingPage, saveFrame } from "../../src/use-cases/funding.js";
import { aBudgetFrame, aBudgetLine, aRef, aSetting } from "../support/builders.js";
import { aCompleteInitiative, chair, me, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";

const people: SitePeople = {
  ensure: () => Promise.reject(new Error("not used")),
  groupMembers: (group) =>
    Promise.resolve(
      group === "Sekretariat" ? [secretary] : group === "Formand" ? [chair] : ([] as Person[]),
    ),
};

function setup(who: Me = me(secretary, "secretary")) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.settings.seed(aSetting({ key: SETTING_KEYS.budgetYears, value: "2026,2027" }));
  memory.budgetFrames.seed(
    aBudgetFrame({ title: "Anlægsramme 2026", year: 2026, kind: "Anlæg", amount: 9_000_000 }),
  );
  const ports = { repositories, currentUser: { me: () => Promise.resolve(who) }, people };
  return { memory, repositories, ports };
}

describe("saveFrame", () => {
  it("sets the frame and records the change with its reason; the page shows it in the history", async () => {
    const { ports, memory } = setup();
    const saved = await saveFrame(ports, {
      year: 2026,
      kind: "Anlæg",
      amount: 9_880_000,
      source: null,
      reason: "Det igangværende arbejde skal kunne holdes",
    });
    expect(saved.ok).toBe(true);
    const [frame] = [...memory.budgetFrames.items.values()];
    expect(frame?.amount).toBe(9_880_000);
    const page = await loadFundingPage(ports);
    const history = page.history.get("2026|Anlæg") ?? [];
    expect(history.map((e) => [e.change.amount, e.change.reason, e.change.createdBy?.id])).toEqual([
      [9_880_000, "Det igangværende arbejde skal kunne holdes", secretary.id],
    ]);
    expect(page.picture.rows.find((r) => r.year === 2026 && r.kind === "Anlæg")?.frame).toBe(
      9_880_000,
    );
  });

  it("adds a frame for a budget year and kind that has none", async () => {
    const { ports, memory } = setup();
    const saved = await saveFrame(ports, {
      year: 2027,
      kind: "Drift",
      amount: 4_000_000,
      source: null,
      reason: "Ny driftsramme",
    });
    expect(saved.ok).toBe(true);
    const added = [...memory.budgetFrames.items.values()].find((f) => f.year === 2027);
    expect(added).toMatchObject({ kind: "Drift", amount: 4_000_000, source: "Driftsbudget" });
    expect(memory.budgetFrameChanges.items.size).toBe(1);
  });

  it.each([
    {
      name: "a negative frame",
      edit: { amount: -1 },
      code: "funding.problem.negativeFrame",
      field: "amount",
    },
    {
      name: "a year outside the budget years",
      edit: { year: 2030 },
      code: "funding.problem.yearOutside",
      field: "year",
    },
  ])("refuses $name naming the field, and writes nothing", async ({ edit, code, field }) => {
    const { ports, memory } = setup();
    const saved = await saveFrame(ports, {
      year: 2026,
      kind: "Anlæg",
      amount: 1,
      source: null,
      reason: "x",
      ...edit,
    });
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error).toMatchObject({ code, field });
    expect([...memory.budgetFrames.items.values()][0]?.amount).toBe(9_000_000);
    expect(memory.budgetFrameChanges.items.size).toBe(0);
  });

  it("refuses the chair: only the secretary keeps the frames", async () => {
    const { ports, memory } = setup(me(chair, "chair"));
    const saved = await saveFrame(ports, {
      year: 2026,
      kind: "Anlæg",
      amount: 1,
      source: null,
      reason: "x",
    });
    expect(saved).toEqual({ ok: false, error: { code: "funding.problem.onlySecretary" } });
    expect(memory.budgetFrameChanges.items.size).toBe(0);
  });

  it("leaves nothing half-written when the frame's write fails: the change record is removed", async () => {
    const { ports, memory } = setup();
    memory.budgetFrames.failNext("update", new StoreError("Conflict", "Ændret af en anden"));
    await expect(
      saveFrame(ports, { year: 2026, kind: "Anlæg", amount: 1, source: null, reason: "x" }),
    ).rejects.toMatchObject({ kind: "Conflict" });
    expect(memory.budgetFrameChanges.items.size).toBe(0);
    expect([...memory.budgetFrames.items.values()][0]?.amount).toBe(9_000_000);
  });
});

describe("loadFundingPage", () => {
  it("counts decided and ongoing initiatives as committed and scenario candidates as planned", async () => {
    const { ports, memory } = setup(me(chair, "chair"));
    memory.initiatives.seed(
      aCompleteInitiative({ id: 1, title: "I gang", phase: "Gennemførelse" }),
      aCompleteInitiative({ id: 2, title: "Kandidat", phase: "Klar til prioritering" }),
    );
    memory.budgetLines.seed(
      aBudgetLine({ initiative: aRef(1, "I gang"), year: 2026, kind: "Anlæg", amount: 5_000_000 }),
      aBudgetLine({
        initiative: aRef(2, "Kandidat"),
        year: 2026,
        kind: "Anlæg",
        amount: 1_000_000,
      }),
    );
    memory.scenarios.seed({
      title: "Anbefalet",
      round: null,
      weightSet: null,
      constraints: { budgetByYear: {}, respectCapacity: true, honourDependencies: true },
      forcedIn: [],
      forcedOut: [],
      selected: [aRef(2, "Kandidat")],
      totalValue: 1,
      totalCost: 1,
      committed: false,
      decision: null,
    } as never);
    const page = await loadFundingPage(ports);
    expect(page.mayEdit).toBe(false);
    expect(page.picture.rows.find((r) => r.year === 2026 && r.kind === "Anlæg")).toEqual({
      year: 2026,
      kind: "Anlæg",
      frame: 9_000_000,
      committed: 5_000_000,
      planned: 1_000_000,
      left: 3_000_000,
    });
  });
});
