/**
 * Dependencies for the optimizer from the Initiatives list (issue 5 §3 "requires, excludes,
 * all-or-none"): Forudsætter and Udelukker become requires/excludes rows, and candidates that
 * require each other (directly or around a cycle) become all-or-none groups.
 */
import { describe, expect, it } from "@jest/globals";

import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  buildSelectionModel,
  dependenciesFrom,
  selectedIds,
  type SelectionCandidate,
  solveByBruteForce,
  whyNotSelected,
} from "../../src/domain/selection.js";
import { loadSelectionBase } from "../../src/use-cases/scenarios.js";
import { aRef } from "../support/builders.js";
import { secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { ALFA, BETA, DELTA, GAMMA, seedPortfolio } from "../ui/scenarios-support.js";

const id = (n: number) => idOf<InitiativeId>(n);

describe("dependenciesFrom", () => {
  it("makes a mutual requirement an all-or-none group and drops the two requirements", () => {
    expect(
      dependenciesFrom([
        [id(1), id(2)],
        [id(2), id(1)],
      ]),
    ).toEqual({
      requires: [],
      groups: [[id(1), id(2)]],
    });
  });

  it("makes a cycle of requirements one group and keeps requirements between groups and singles", () => {
    const deps = dependenciesFrom([
      [id(1), id(2)],
      [id(2), id(3)],
      [id(3), id(1)],
      [id(3), id(4)],
      [id(5), id(1)],
      [id(5), id(1)],
      [id(6), id(6)],
    ]);
    expect(deps.groups).toEqual([[id(1), id(2), id(3)]]);
    expect(deps.requires).toEqual([
      [id(3), id(4)],
      [id(5), id(1)],
    ]);
  });

  it("leaves one-way requirements as they are, with no group", () => {
    expect(
      dependenciesFrom([
        [id(1), id(2)],
        [id(2), id(3)],
      ]),
    ).toEqual({
      requires: [
        [id(1), id(2)],
        [id(2), id(3)],
      ],
      groups: [],
    });
  });

  it("finds two separate groups", () => {
    const deps = dependenciesFrom([
      [id(1), id(2)],
      [id(3), id(4)],
      [id(2), id(1)],
      [id(4), id(3)],
    ]);
    expect(deps.groups).toEqual([
      [id(1), id(2)],
      [id(3), id(4)],
    ]);
  });
});

describe("an all-or-none group in the model", () => {
  const candidate = (n: number, value: number, amount: number): SelectionCandidate => ({
    id: id(n),
    title: `T${n}`,
    value,
    costs: [{ year: 2026, kind: "Anlæg", amount }],
    hours: [],
  });
  const input = {
    candidates: [candidate(1, 10, 60), candidate(2, 1, 60), candidate(3, 8, 50)],
    frames: [{ year: 2026, kind: "Anlæg" as const, amount: 110 }],
    capacity: [],
    ...dependenciesFrom([
      [id(1), id(2)],
      [id(2), id(1)],
    ]),
  };

  it("is selected entirely or not at all, and the best set respects it", () => {
    const model = buildSelectionModel(input);
    expect(model.rows.filter((r) => r.kind === "group").map((r) => r.name)).toEqual([
      "Alt eller intet: T1, T2",
    ]);
    // 1 alone (value 10) + 3 would be best without the group; with it, 1+2 cost 120 > 110.
    const best = solveByBruteForce(model)!;
    expect(selectedIds(model, best)).toEqual([id(3)]);
    const why = whyNotSelected(model, best, id(1));
    expect(why.kind).toBe("blocked");
    if (why.kind === "blocked") expect(why.message).toContain("T1 er ikke valgt");
  });

  it("takes the whole group when it fits", () => {
    const model = buildSelectionModel({
      ...input,
      frames: [{ year: 2026, kind: "Anlæg" as const, amount: 120 }],
    });
    expect(selectedIds(model, solveByBruteForce(model)!)).toEqual([id(1), id(2)]);
  });
});

describe("loadSelectionBase: dependencies from the Initiatives list", () => {
  it("derives requires, excludes and all-or-none from Forudsætter and Udelukker", async () => {
    const { memory, repositories } = memoryRepositories(() => secretary);
    seedPortfolio(memory);
    // Alfa and Beta require each other: all or none. Gamma requires Alfa; Delta excludes Gamma.
    memory.initiatives.touch(ALFA, { requires: [aRef(2, "Beta")] });
    memory.initiatives.touch(BETA, { requires: [aRef(1, "Alfa")] });
    memory.initiatives.touch(GAMMA, { requires: [aRef(1, "Alfa")] });
    memory.initiatives.touch(DELTA, { excludes: [aRef(3, "Gamma")] });
    const base = await loadSelectionBase(repositories);
    expect(base.input.groups).toEqual([[ALFA, BETA]]);
    expect(base.input.requires).toEqual([[GAMMA, ALFA]]);
    expect(base.input.excludes).toEqual([[DELTA, GAMMA]]);
  });

  it("takes a group out as a whole when one member requires an initiative that is not there", async () => {
    const { memory, repositories } = memoryRepositories(() => secretary);
    seedPortfolio(memory);
    memory.initiatives.touch(ALFA, { requires: [aRef(2, "Beta"), aRef(11, "Idéen")] });
    memory.initiatives.touch(BETA, { requires: [aRef(1, "Alfa")] });
    const base = await loadSelectionBase(repositories);
    expect(base.input.groups).toEqual([[ALFA, BETA]]);
    const model = buildSelectionModel(base.input);
    const best = solveByBruteForce(model)!;
    expect(selectedIds(model, best)).not.toContain(BETA);
    expect(selectedIds(model, best)).not.toContain(ALFA);
    expect(selectedIds(model, best)).toEqual([GAMMA, DELTA]);
  });
});
