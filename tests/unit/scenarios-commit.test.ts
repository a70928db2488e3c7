/**
 * Committing a scenario as one decision, all or nothing (issue 5 §3): every chosen initiative's
 * gate is checked before anything is written (the refusal lists what blocks which initiative);
 * a write that fails mid-way puts the moves already made back through changePhase (recorded as
 * phase changes with the reason) and the decision is removed or marked as not carried out.
 */
import { describe, expect, it } from "@jest/globals";

import { StoreError } from "../../src/domain/errors.js";
import type { MeetingId } from "../../src/domain/ids.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import { solveExactly } from "../../src/domain/selection.js";
import type { PortfolioSolver } from "../../src/ports/solver.js";
import {
  commitScenario as commitScenarioOutcome,
  loadSelectionBase,
  runScenario,
  scenarioDraft,
} from "../../src/use-cases/scenarios.js";
import { aRef } from "../support/builders.js";
import { aClock, me, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { acceptedOnly } from "../support/outcome.js";
import { BETA, DELTA, GAMMA, seedPortfolio } from "../ui/scenarios-support.js";

/** Expected accepted; a refusal rejects with its code (support/outcome.ts). */
const commitScenario = acceptedOnly(commitScenarioOutcome);

const bruteForce: PortfolioSolver = { solve: (model) => Promise.resolve(solveExactly(model)) };
const none = { forcedIn: [], forcedOut: [] };
const meeting = aRef<MeetingId>(8, "Styregruppemøde marts");
const text = "Styregruppen prioriterer scenariet Forår.";

/** The portfolio with a saved scenario choosing Beta, Gamma and Delta. */
async function setup() {
  const { memory, repositories } = memoryRepositories(() => secretary);
  seedPortfolio(memory);
  const base = await loadSelectionBase(repositories);
  const run = await runScenario(bruteForce, base, none);
  const scenario = await repositories.scenarios.add(scenarioDraft("Forår", base, none, run));
  expect(scenario.selected.map((s) => s.id)).toEqual([BETA, GAMMA, DELTA]);
  const ports = {
    repositories,
    currentUser: { me: () => Promise.resolve(me(secretary, "secretary")) },
    clock: aClock("2026-03-20T10:00:00Z"),
  };
  const phases = async () =>
    Object.fromEntries((await repositories.initiatives.list()).map((i) => [i.title, i.phase]));
  return { memory, repositories, scenario, ports, phases };
}

describe("commitScenario: every gate first", () => {
  it("refuses before anything is written, listing what blocks which initiative", async () => {
    const { memory, repositories, scenario, ports, phases } = await setup();
    const before = await phases();
    memory.initiatives.touch(GAMMA, { solution: "", owner: null });
    memory.initiatives.touch(DELTA, { phase: "Parkeret" });
    const result = await commitScenario(ports, { scenario, meeting, text });
    expect(result).toEqual({
      kind: "blocked",
      blockers: [
        {
          initiative: GAMMA,
          title: "Gamma",
          problems: [
            { code: "validation.gate.solution", field: "solution" },
            {
              code: "validation.required",
              field: "owner",
              params: { label: { code: "fields.initiative.owner" } },
            },
          ],
        },
        {
          initiative: DELTA,
          title: "Delta",
          problems: [
            "Tiltaget er i fasen Parkeret; kun tiltag i Klar til prioritering kan prioriteres.",
          ],
        },
      ],
    });
    // Nothing written: no decision, no phase change, Beta (which could go) not moved.
    expect(await repositories.decisions.list()).toEqual([]);
    expect(await repositories.phaseChanges.list()).toEqual([]);
    expect((await phases()).Beta).toBe(before.Beta);
    expect((await repositories.scenarios.get(scenario.id)).committed).toBe(false);
  });

  it("names an initiative deleted since the scenario was saved", async () => {
    const { repositories, scenario, ports } = await setup();
    const gamma = await repositories.initiatives.get(GAMMA);
    await repositories.initiatives.remove(GAMMA, gamma.version);
    const result = await commitScenario(ports, { scenario, meeting, text });
    expect(result).toEqual({
      kind: "blocked",
      blockers: [
        { initiative: GAMMA, title: "Gamma", problems: ["Tiltaget findes ikke længere."] },
      ],
    });
    expect(await repositories.decisions.list()).toEqual([]);
  });

  it("leaves a chosen initiative already further along as it is", async () => {
    const { memory, scenario, ports, phases } = await setup();
    memory.initiatives.touch(DELTA, { phase: "Planlægning" });
    const result = await commitScenario(ports, { scenario, meeting, text });
    expect(result.kind).toBe("committed");
    if (result.kind === "committed") {
      expect(result.moved).toEqual([BETA, GAMMA]);
      expect(result.alreadyOn).toEqual([DELTA]);
    }
    expect(await phases()).toMatchObject({
      Beta: "Prioriteret",
      Gamma: "Prioriteret",
      Delta: "Planlægning",
    });
  });
});

describe("commitScenario: a write failing mid-way is undone", () => {
  it("puts back the moves already made when the second initiative's write fails, recorded as phase changes", async () => {
    const { memory, repositories, scenario, ports, phases } = await setup();
    const initiatives = memory.initiatives;
    const update = initiatives.update.bind(initiatives);
    let calls = 0;
    initiatives.update = (e: Initiative) =>
      ++calls === 2
        ? Promise.reject(new StoreError("Conflict", "Tiltaget er ændret af en anden."))
        : update(e);

    const result = await commitScenario(ports, { scenario, meeting, text });
    expect(result.kind).toBe("undone");
    if (result.kind !== "undone") return;
    expect(result.failedAt).toEqual({ initiative: GAMMA, title: "Gamma" });
    expect(result.message).toBe("Tiltaget er ændret af en anden.");
    expect(result.undone).toEqual([BETA]);
    expect(result.notUndone).toEqual([]);
    expect(result.decision).toBe("marked");

    expect(await phases()).toMatchObject({
      Beta: "Klar til prioritering",
      Gamma: "Klar til prioritering",
      Delta: "Klar til prioritering",
    });
    // Beta's history: forward with the decision, then back with the reason that says why.
    const changes = await repositories.phaseChanges.list();
    expect(changes.map((c) => [c.initiative?.title, c.fromPhase, c.toPhase])).toEqual([
      ["Beta", "Klar til prioritering", "Prioriteret"],
      ["Beta", "Prioriteret", "Klar til prioritering"],
    ]);
    const [decision] = await repositories.decisions.list();
    expect(changes.every((c) => c.decision?.id === decision?.id)).toBe(true);
    expect(changes[1]?.reason).toMatch(/^Fortrudt: beslutningen "Prioritering: Forår"/);
    expect(changes[1]?.reason).toContain("Gamma: Tiltaget er ændret af en anden.");
    expect(decision?.text).toContain("Ikke gennemført: Fortrudt");
    expect((await repositories.scenarios.get(scenario.id)).committed).toBe(false);
  });

  it("removes the decision again when the first move fails (nothing refers to it)", async () => {
    const { memory, repositories, scenario, ports, phases } = await setup();
    memory.phaseChanges.failNext("add", new StoreError("Unavailable", "SharePoint svarer ikke."));
    const result = await commitScenario(ports, { scenario, meeting, text });
    expect(result).toMatchObject({
      kind: "undone",
      failedAt: { initiative: BETA, title: "Beta" },
      message: "SharePoint svarer ikke.",
      undone: [],
      notUndone: [],
      decision: "removed",
    });
    expect(await repositories.decisions.list()).toEqual([]);
    expect(Object.values(await phases()).filter((p) => p === "Prioriteret")).toEqual([]);
    expect((await repositories.scenarios.get(scenario.id)).committed).toBe(false);
  });

  it("undoes every move when marking the scenario committed fails last", async () => {
    const { memory, repositories, scenario, ports, phases } = await setup();
    memory.scenarios.failNext("update", new StoreError("Conflict", "Scenariet er ændret."));
    const result = await commitScenario(ports, { scenario, meeting, text });
    expect(result).toMatchObject({
      kind: "undone",
      failedAt: null,
      undone: [DELTA, GAMMA, BETA],
      decision: "marked",
    });
    expect(Object.values(await phases()).filter((p) => p === "Prioriteret")).toEqual([]);
    expect(await repositories.phaseChanges.list()).toHaveLength(6);
  });

  it("says which moves could not be put back", async () => {
    const { memory, repositories, scenario, ports, phases } = await setup();
    const initiatives = memory.initiatives;
    const update = initiatives.update.bind(initiatives);
    let calls = 0;
    initiatives.update = (e: Initiative) =>
      ++calls === 3 || calls === 4
        ? Promise.reject(new StoreError("Unavailable", `Fejl ${calls}`))
        : update(e);
    // Call 1: Beta forward, 2: Gamma forward, 3: Delta forward fails, 4: Gamma back fails,
    // 5: Beta back.
    const result = await commitScenario(ports, { scenario, meeting, text });
    expect(result).toMatchObject({
      kind: "undone",
      failedAt: { initiative: DELTA, title: "Delta" },
      undone: [BETA],
      notUndone: [{ initiative: GAMMA, title: "Gamma", message: "Fejl 4" }],
      decision: "marked",
    });
    expect(await phases()).toMatchObject({ Beta: "Klar til prioritering", Gamma: "Prioriteret" });
    expect((await repositories.scenarios.get(scenario.id)).committed).toBe(false);
  });
});
