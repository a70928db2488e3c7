/**
 * The lifted cover inequalities tried on the stress instance (scripts/bench/optimizer-trials.ts):
 * each cut is violated by the point it was separated from and cuts off no feasible selection,
 * checked against every 0/1 point of random small knapsacks and every feasible selection of
 * random small instances (brute force).
 */
import { knapsacksOf, liftedCover } from "../../scripts/bench/optimizer-trials.js";
import {
  buildSelectionModel,
  isFeasible,
  lhs,
  solveByBruteForce,
} from "../../src/domain/selection.js";
import { seeded } from "../support/builders-selection.js";
import { randomInstances } from "../support/random-selection.js";

/** Every 0/1 vector of length n. */
function* points(n: number): Generator<number[]> {
  for (let mask = 0; mask < 2 ** n; mask++)
    yield Array.from({ length: n }, (_, i) => (mask >>> i) & 1);
}

describe("lifted cover inequalities", () => {
  it("cut off the fractional point and no 0/1 point of the knapsack, on 500 random knapsacks", () => {
    const rnd = seeded(2718);
    let cuts = 0;
    const cutOff: unknown[] = [];
    for (let k = 0; k < 500; k++) {
      const n = 3 + Math.floor(rnd() * 10);
      const items = Array.from({ length: n }, (_, variable) => ({
        variable,
        a: 1 + Math.floor(rnd() * 100),
      }));
      const total = items.reduce((s, i) => s + i.a, 0);
      const b = Math.floor(total * (0.2 + rnd() * 0.6));
      const x = items.map(() => (rnd() < 0.3 ? 1 : rnd()));
      const cut = liftedCover({ items, b }, x);
      if (!cut) continue;
      cuts++;
      expect(lhs(cut, x)).toBeGreaterThan(cut.rhs);
      for (const p of points(n)) {
        const fits = items.reduce((s, i) => s + i.a * (p[i.variable] ?? 0), 0) <= b;
        if (fits && lhs(cut, p) > cut.rhs) cutOff.push({ k, p });
      }
    }
    expect(cutOff).toEqual([]);
    expect(cuts).toBeGreaterThan(200);
  });

  it("keep every feasible selection of 150 random instances, so the optimum is unchanged", () => {
    const rnd = seeded(31);
    let cuts = 0;
    const cutOff: unknown[] = [];
    for (const [k, input] of randomInstances(1618, 150).entries()) {
      const model = buildSelectionModel(input);
      const n = model.variables.length;
      // Fractional points between the feasible selections and all-ones, as an LP optimum would be.
      const x = Array.from({ length: n }, () => rnd());
      const found = knapsacksOf(model).flatMap((kn) => liftedCover(kn, x) ?? []);
      cuts += found.length;
      if (found.length === 0) continue;
      for (const p of points(n)) {
        if (!isFeasible(model, p)) continue;
        for (const cut of found) if (lhs(cut, p) > cut.rhs) cutOff.push({ k, p, cut: cut.terms });
      }
      const best = solveByBruteForce(model);
      const withCuts = solveByBruteForce({ ...model, rows: [...model.rows, ...found] });
      expect({ k, value: withCuts?.value ?? null }).toEqual({ k, value: best?.value ?? null });
    }
    expect(cutOff).toEqual([]);
    expect(cuts).toBeGreaterThan(100);
  });
});
