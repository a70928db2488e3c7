/**
 * Random small selection instances for the solver and frontier tests (seeded, so the same on
 * every run): 6–16 candidates, costs of 0.2–8 mio. kr. (arbitrary whole kroner, not round
 * numbers) in two years × two kinds, hours in two competences × three months, frames and
 * capacity binding at 40–60 % of the demand, some committed money, and now and then mandatory,
 * under-way, forced in/out items, requirements, exclusions and all-or-none groups.
 */
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import type {
  CandidateCost,
  CandidateHours,
  SelectionCandidate,
  SelectionInput,
} from "../../src/domain/selection.js";
import type { BudgetKind, Competence } from "../../src/domain/vocabulary.js";
import { seeded } from "./builders-selection.js";

const YEARS = [2026, 2027];
const KINDS: BudgetKind[] = ["Anlæg", "Drift"];
const COMPETENCES: Competence[] = ["It-arkitektur", "Jura og GDPR"];
const MONTHS = ["2026-01", "2026-02", "2026-03"];

export interface RandomOptions {
  /** Probability of each kind of forced item / dependency being present. */
  rules?: number;
}

export function randomInstances(
  seed: number,
  count: number,
  o: RandomOptions = {},
): SelectionInput[] {
  const rnd = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const rules = o.rules ?? 0.35;
  return Array.from({ length: count }, () => {
    const n = int(6, 16);
    const ids = Array.from({ length: n }, (_, i) => idOf<InitiativeId>(i + 1));
    const candidates: SelectionCandidate[] = ids.map((id, i) => {
      const costs: CandidateCost[] = [];
      for (const year of YEARS)
        for (const kind of KINDS)
          if (rnd() < 0.6) costs.push({ year, kind, amount: int(200_000, 8_000_000) });
      const hours: CandidateHours[] = [];
      for (const competence of COMPETENCES)
        for (const period of MONTHS)
          if (rnd() < 0.4) hours.push({ competence, period, hours: int(10, 300) });
      return {
        id,
        title: `Tiltag ${i + 1}`,
        // Shares of a round in percent: not whole numbers.
        value: Math.round(rnd() * 20_000) / 1000,
        costs,
        hours,
        mandatory: rnd() < rules * 0.05,
        underWay: rnd() < rules * 0.05,
      };
    });
    const share = () => 0.4 + rnd() * 0.2;
    const frames: CandidateCost[] = [];
    const committed: CandidateCost[] = [];
    for (const year of YEARS)
      for (const kind of KINDS) {
        const demand = candidates
          .flatMap((c) => c.costs)
          .filter((c) => c.year === year && c.kind === kind)
          .reduce((s, c) => s + c.amount, 0);
        const amount = Math.round(demand * share()) + int(0, 999);
        frames.push({ year, kind, amount });
        if (rnd() < 0.3) committed.push({ year, kind, amount: int(0, Math.round(amount / 5)) });
      }
    const capacity: CandidateHours[] = [];
    for (const competence of COMPETENCES)
      for (const period of MONTHS) {
        const demand = candidates
          .flatMap((c) => c.hours)
          .filter((h) => h.competence === competence && h.period === period)
          .reduce((s, h) => s + h.hours, 0);
        if (demand > 0) capacity.push({ competence, period, hours: Math.round(demand * share()) });
      }
    const pair = (): [InitiativeId, InitiativeId] => {
      const a = pick(ids);
      let b = pick(ids);
      while (b === a) b = pick(ids);
      return [a, b];
    };
    const some = <T>(make: () => T, p = rules): T[] =>
      rnd() < p ? Array.from({ length: int(1, 2) }, make) : [];
    return {
      candidates,
      frames,
      committed,
      capacity,
      forcedIn: some(() => ({ candidate: pick(ids), reason: "Besluttet" }), rules / 2),
      forcedOut: some(() => ({ candidate: pick(ids), reason: "Udskudt" })),
      requires: some(pair),
      excludes: some(pair),
      groups: some(() => pair()),
    };
  });
}
