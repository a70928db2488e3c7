/**
 * Every irregularity of prioritization in one list (for the "Uregelmæssigheder" page and
 * `npm run audit`): each round's ballots that are not counted, closed rounds without a readable
 * stored result, ballots of no round, and the comparisons of every weight set that are not
 * counted, sorted by list, item and rule, each naming who wrote it.
 */
import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type RoundId, versionOf } from "../../src/domain/ids.js";
import type { Round } from "../../src/domain/prioritization.js";
import { prioritizationIrregularities } from "../../src/use-cases/prioritization-irregularities.js";
import { aRound, aWeightSet } from "../support/builders.js";
import {
  aStoredBallot,
  aStoredComparison,
  aStoredResultJson,
  aVoter,
  entries,
  writtenBy,
} from "../support/builders-tally.js";
import { memoryRepositories } from "../support/memory-repositories.js";

const GROUPS: Record<string, Person[]> = {
  Medlemmer: [aVoter(1), aVoter(2), aVoter(3)],
  Formand: [aVoter(9)],
};

function setup() {
  const { memory, repositories } = memoryRepositories();
  const ports = {
    repositories,
    people: {
      ensure: () => Promise.reject(new StoreError("NotFound", "unused")),
      groupMembers: (title: string) => Promise.resolve(GROUPS[title] ?? []),
    },
  };
  return { memory, ports };
}

const closedRound = (o: Partial<Round>): Partial<Round> => ({
  ...aRound({ method: "Prikker", state: "Lukket", settings: { pointsPerMember: 10 } }),
  created: "2026-03-01T08:00:00Z",
  modified: "2026-03-15T16:00:00Z",
  modifiedBy: aVoter(9),
  ...o,
});

it("lists the irregular ballots of every round, closed rounds without a result, and the comparisons of every weight set", async () => {
  const { memory, ports } = setup();
  const [open, closed, unfinished] = memory.rounds.seed(
    {
      ...aRound({ method: "Prikker", state: "Åben", settings: { pointsPerMember: 10 } }),
      created: "2026-03-01T08:00:00Z",
    },
    closedRound({}),
    closedRound({ resultJson: "" }),
  ) as [Round, Round, Round];
  // Open round: member 2 votes in member 1's name, member 3 spends 1,000,000 dots.
  const forged = writtenBy(aStoredBallot(open, 1, entries("points", [5])), 2);
  const huge = aStoredBallot(open, 3, entries("points", [1_000_000]));
  // Closed round: two counted; one changed after the close, one deleted since.
  const kept = aStoredBallot(closed, 1, entries("points", [5, 5]));
  const changed = aStoredBallot(closed, 2, entries("points", [10, 0]));
  const deleted = aStoredBallot(closed, 3, entries("points", [0, 10]));
  memory.rounds.touch(closed.id, {
    resultJson: aStoredResultJson(closed, [kept, changed, deleted]),
  });
  const after = {
    ...changed,
    payload: { entries: entries("points", [0, 10]) },
    version: versionOf("2"),
    modified: "2026-03-16T08:00:00Z",
  };
  const orphan = { ...aStoredBallot(open, 2, []), round: { id: idOf<RoundId>(99), title: "Væk" } };
  memory.ballots.seed(forged, huge, kept, after, orphan);
  const [set] = memory.weightSets.seed(aWeightSet({ state: "Til sammenligning" }));
  const underOther = aStoredComparison({
    weightSet: set!.id,
    a: 1,
    b: 2,
    value: 9,
    author: 2,
    comparisonKey: `${set!.id}:1:2:1`,
  });
  const byOutsider = aStoredComparison({ weightSet: set!.id, a: 1, b: 2, value: 3, author: 7 });
  const lost = aStoredComparison({ weightSet: 77, a: 1, b: 2, value: 3, author: 1 });
  memory.comparisons.seed(underOther, byOutsider, lost);

  const found = await prioritizationIrregularities(ports);
  expect(found.map((i) => [i.list, i.item, i.rule, i.by?.id ?? null])).toEqual(
    [
      ["Ballots", forged.id, "ballot.voterMismatch", 2],
      ["Ballots", huge.id, "ballot.pointsOverLimit", 3],
      ["Ballots", changed.id, "ballot.changedAfterClose", 2],
      ["Ballots", deleted.id, "ballot.deletedAfterClose", null],
      ["Ballots", orphan.id, "ballot.noRound", 2],
      ["Comparisons", underOther.id, "comparison.keyMismatch", 2],
      ["Comparisons", byOutsider.id, "comparison.authorNotVoter", 7],
      ["Comparisons", lost.id, "comparison.malformed", 1],
      ["Rounds", unfinished.id, "round.resultMissing", 9],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || Number(x[1]) - Number(y[1])),
  );
  expect(found.find((i) => i.rule === "ballot.voterMismatch")?.params).toEqual({
    claimed: "Medlem 1",
  });
});

it("finds nothing in a round where every ballot holds", async () => {
  const { memory, ports } = setup();
  const [round] = memory.rounds.seed({
    ...aRound({ method: "Rangordning", state: "Åben" }),
    created: "2026-03-01T08:00:00Z",
  }) as [Round];
  memory.ballots.seed(aStoredBallot(round, 1, entries("rank", [1, 2])));
  expect(await prioritizationIrregularities(ports)).toEqual([]);
});
