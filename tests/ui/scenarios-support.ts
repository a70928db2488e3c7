/**
 * A portfolio for the scenario tests, in memory: one frame (2026 Anlæg 1 000 000 kr.), an ongoing
 * initiative binding 200 000 kr. of it and 10 architect hours in March, and four candidates in
 * Klar til prioritering that meet every gate up to Prioriteret.
 *
 * | id | title    | score | 2026 Anlæg | other                          |
 * | 1  | Alfa     | 50    | 500 000    |                                |
 * | 2  | Beta     | 40    | 400 000    |                                |
 * | 3  | Gamma    | 30    | 300 000    | 30 timer It-arkitektur 2026-03 |
 * | 4  | Delta    | 5     | 100 000    | lovkrav (mandatory)            |
 *
 * 800 000 kr. is left: Delta is forced in, so the best is Beta + Gamma + Delta (value 75); Alfa is
 * left out because the budget row would be exceeded by 300 000 kr.
 */
import { idOf, type InitiativeId, type ResourceId } from "../../src/domain/ids.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import {
  aBenefit,
  aBudgetFrame,
  aBudgetLine,
  anAllocation,
  aRef,
  aResource,
} from "../support/builders.js";
import { aCompleteInitiative, lead } from "../support/builders-lifecycle.js";
import type { MemoryRepositories } from "../support/memory-repositories.js";

export const ALFA = idOf<InitiativeId>(1);
export const BETA = idOf<InitiativeId>(2);
export const GAMMA = idOf<InitiativeId>(3);
export const DELTA = idOf<InitiativeId>(4);
export const ONGOING = idOf<InitiativeId>(10);

export function seedPortfolio(memory: MemoryRepositories): Initiative[] {
  const candidates: [number, string, number, number, boolean][] = [
    [1, "Alfa", 50, 500_000, false],
    [2, "Beta", 40, 400_000, false],
    [3, "Gamma", 30, 300_000, false],
    [4, "Delta", 5, 100_000, true],
  ];
  const seeded = memory.initiatives.seed(
    ...candidates.map(([id, title, score, , mandatory]) =>
      aCompleteInitiative({
        id,
        title,
        phase: "Klar til prioritering",
        priorityScore: score,
        mandatory,
      }),
    ),
    aCompleteInitiative({ id: 10, title: "Igangværende", phase: "Gennemførelse" }),
    aCompleteInitiative({ id: 11, title: "Idéen", phase: "Idé" }),
  );
  memory.budgetLines.seed(
    ...candidates.map(([id, title, , amount]) =>
      aBudgetLine({ initiative: aRef(id, title), year: 2026, kind: "Anlæg", amount }),
    ),
    aBudgetLine({ initiative: aRef(1, "Alfa"), year: 2026, kind: "Gevinst", amount: -90_000 }),
    aBudgetLine({
      initiative: aRef(10, "Igangværende"),
      year: 2026,
      kind: "Anlæg",
      amount: 200_000,
    }),
  );
  memory.benefits.seed(
    ...candidates.map(([id, title]) =>
      aBenefit({ initiative: aRef(id, title), owner: lead, state: "Godkendt" }),
    ),
  );
  memory.budgetFrames.seed(aBudgetFrame({ year: 2026, kind: "Anlæg", amount: 1_000_000 }));
  memory.resources.seed({ id: idOf<ResourceId>(1), ...aResource({ capacityHoursPerMonth: 40 }) });
  memory.allocations.seed(
    anAllocation({ initiative: aRef(3, "Gamma"), hours: 30, month: "2026-03-01T00:00:00Z" }),
    anAllocation({
      initiative: aRef(10, "Igangværende"),
      hours: 10,
      month: "2026-03-01T00:00:00Z",
    }),
  );
  return seeded;
}
