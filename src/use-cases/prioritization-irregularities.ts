/**
 * Every irregularity of prioritization, for the "Uregelmæssigheder" page and `npm run audit`:
 * each round's ballots that are not counted (checked as the round page checks them, with the
 * result stored at close), closed rounds without a readable stored result, ballots without a
 * round, and the comparisons of every weight set that are not counted. Complete only for a
 * reader who reads every ballot (the chair, the secretariat, the site's owners): SharePoint
 * shows anyone else only their own.
 */
import { checkComparisons, type ComparisonRule } from "../domain/ahp.js";
import type { OnItemsRead } from "../domain/audit.js";
import type { InitiativeId } from "../domain/ids.js";
import { type Irregularity, sortIrregularities } from "../domain/irregularities.js";
import type { Ballot, Comparison, Round } from "../domain/prioritization.js";
import type { BallotRule, RoundRule } from "../domain/tally.js";
import type { SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { checkBallotsOf } from "./rounds.js";
import { readVoterRoster } from "./voters.js";

export interface PrioritizationAuditPorts {
  repositories: Repositories;
  people: SitePeople;
}

export type PrioritizationRule = BallotRule | ComparisonRule | RoundRule;

function groupBy<T>(items: readonly T[], key: (t: T) => number | null): Map<number | null, T[]> {
  const out = new Map<number | null, T[]>();
  for (const t of items) {
    const k = key(t);
    out.set(k, [...(out.get(k) ?? []), t]);
  }
  return out;
}

/**
 * All irregular ballots, rounds and comparisons, sorted by list, item and rule. `onRead` is
 * handed the rounds, ballots and comparisons read (the audit dates and places its findings).
 */
export async function prioritizationIrregularities(
  ports: PrioritizationAuditPorts,
  onRead?: OnItemsRead,
): Promise<Irregularity<PrioritizationRule>[]> {
  const { repositories } = ports;
  const [{ roster }, rounds, ballots, weightSets, comparisons, lines] = await Promise.all([
    readVoterRoster(ports.people),
    repositories.rounds.list(),
    repositories.ballots.list(),
    repositories.weightSets.list(),
    repositories.comparisons.list(),
    repositories.budgetLines.list({ where: { kind: "Anlæg" } }),
  ]);
  onRead?.("Rounds", rounds);
  onRead?.("Ballots", ballots);
  onRead?.("Comparisons", comparisons);
  const out: Irregularity<PrioritizationRule>[] = [];

  const costOf = new Map<InitiativeId, number>();
  for (const l of lines) {
    if (l.initiative) {
      costOf.set(l.initiative.id, (costOf.get(l.initiative.id) ?? 0) + (l.amount ?? 0));
    }
  }
  const weightsOf = new Map(weightSets.map((w) => [w.id as number, w.weights]));
  const ballotsOf = groupBy<Ballot>(ballots, (b) => b.round?.id ?? null);
  const known = new Set<number>(rounds.map((r) => r.id));
  for (const [round, list] of ballotsOf) {
    if (round !== null && known.has(round)) continue;
    for (const b of list) {
      out.push({ list: "Ballots", item: b.id, rule: "ballot.noRound", by: b.createdBy ?? null });
    }
  }

  for (const round of rounds) {
    const costs = new Map<InitiativeId, number>();
    if (round.method === "Budget") {
      for (const c of round.candidates) {
        const cost = costOf.get(c.id);
        if (cost !== undefined) costs.set(c.id, cost);
      }
    }
    const { checked, stored } = checkBallotsOf({
      round,
      ballots: ballotsOf.get(round.id) ?? [],
      weights: (round.weightSet && weightsOf.get(round.weightSet.id)) || [],
      costs,
      roster,
      readsAll: true,
    });
    out.push(...checked.irregular);
    if (stored && !stored.ok) out.push(roundIrregularity(round, stored.problem));
  }

  const comparisonsOf = groupBy<Comparison>(comparisons, (c) => c.weightSet?.id ?? null);
  for (const [weightSet, list] of comparisonsOf) {
    const set = weightSets.find((w) => w.id === weightSet);
    if (!set) {
      for (const c of list) {
        out.push({
          list: "Comparisons",
          item: c.id,
          rule: "comparison.malformed",
          by: c.createdBy ?? null,
        });
      }
    } else out.push(...checkComparisons(set.id, list, roster).irregular);
  }
  return sortIrregularities(out);
}

function roundIrregularity(round: Round, problem: "missing" | "invalid"): Irregularity<RoundRule> {
  return {
    list: "Rounds",
    item: round.id,
    rule: problem === "missing" ? "round.resultMissing" : "round.resultInvalid",
    by: round.modifiedBy ?? null,
  };
}
