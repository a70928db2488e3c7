/** Builders for the tally tests: stored rounds, ballots and comparisons as the store returns them. */
import type { Person } from "../../src/domain/common.js";
import {
  type BallotId,
  type ComparisonId,
  type CriterionId,
  idOf,
  type PersonId,
  type RoundId,
  versionOf,
  type WeightSetId,
} from "../../src/domain/ids.js";
import type {
  Ballot,
  BallotEntry,
  Comparison,
  Round,
  RoundDraft,
} from "../../src/domain/prioritization.js";
import { comparisonKey } from "../../src/domain/prioritization.js";
import { type Roster, rosterFrom } from "../../src/domain/roles.js";
import { serializeStoredResult, storedResultOf, tallyRound } from "../../src/domain/tally.js";
import { aBallot, aComparison, aPerson, aRef, aRound } from "./builders.js";

const META = {
  version: versionOf('"1"'),
  created: "2026-03-01T08:00:00Z",
  modified: "2026-03-01T08:00:00Z",
  createdBy: null,
  modifiedBy: null,
};

/** An open round (1 March to 15 March 2026) over candidates 1..n, created 1 March 08:00. */
export function aStoredRound(o: Partial<RoundDraft> & { id?: number; n?: number } = {}): Round {
  const { id = 1, n = 3, ...draft } = o;
  return {
    ...aRound({
      state: "Åben",
      candidates: Array.from({ length: n }, (_, i) => aRef(i + 1, `Tiltag ${i + 1}`)),
      ...draft,
    }),
    ...META,
    id: idOf<RoundId>(id),
  };
}

export function aVoter(id: number): Person {
  return aPerson({ id: idOf<PersonId>(id), name: `Medlem ${id}`, email: `m${id}@x.dk` });
}

/** A roster where these ids are in Medlemmer (and `chairs` in Formand). */
export function votersRoster(members: readonly number[], chairs: readonly number[] = []): Roster {
  return rosterFrom({ member: members.map(aVoter), chair: chairs.map(aVoter) });
}

let nextBallot = 1;

/**
 * A member's stored ballot in a round, written and last saved by that member on 2 March 08:00
 * (inside the round's window) unless `modified` says otherwise.
 */
export function aStoredBallot(
  round: Round,
  voter: number,
  entries: BallotEntry[],
  modified = "2026-03-02T08:00:00Z",
): Ballot {
  const person = aVoter(voter);
  return {
    ...aBallot({ round: aRef(round.id), voter: person, payload: { entries } }),
    ...META,
    created: "2026-03-02T08:00:00Z",
    modified,
    createdBy: person,
    modifiedBy: person,
    id: idOf<BallotId>(nextBallot++),
  };
}

/** A ballot as `by` wrote it (the server's Author and Editor), whatever it claims. */
export function writtenBy(b: Ballot, by: number, editor = by): Ballot {
  return { ...b, createdBy: aVoter(by), modifiedBy: aVoter(editor) };
}

let nextComparison = 1;

/** A comparison of criteria a and b in a weight set, written by `author` under their own key. */
export function aStoredComparison(
  o: { weightSet?: number; a: number; b: number; value: number; author: number } & Partial<
    Pick<Comparison, "comparisonKey" | "created" | "modifiedBy">
  >,
): Comparison {
  const ws = idOf<WeightSetId>(o.weightSet ?? 1);
  const a = idOf<CriterionId>(o.a);
  const b = idOf<CriterionId>(o.b);
  const author = aVoter(o.author);
  return {
    ...aComparison({
      weightSet: aRef(ws),
      criterionA: aRef(a),
      criterionB: aRef(b),
      value: o.value,
      comparisonKey: o.comparisonKey ?? comparisonKey(ws, a, b, author.id),
    }),
    ...META,
    created: o.created ?? "2026-03-02T08:00:00Z",
    createdBy: author,
    modifiedBy: o.modifiedBy ?? author,
    id: idOf<ComparisonId>(nextComparison++),
  };
}

/** The ResultJson a close would store for these ballots (each counted). */
export function aStoredResultJson(round: Round, ballots: readonly Ballot[]): string {
  return serializeStoredResult(
    storedResultOf(tallyRound(round, ballots), {
      closedAt: "2026-03-15T16:00:00Z",
      computedAt: new Date("2026-03-15T16:00:00Z"),
      counted: ballots,
      flagged: 0,
      turnout: null,
    }),
  );
}

/** Entries for candidates 1..n from plain numbers per candidate (undefined leaves it out). */
export function entries(
  field: "rank" | "points",
  values: readonly (number | undefined)[],
): BallotEntry[] {
  return values.flatMap((v, i) =>
    v === undefined ? [] : [{ candidate: idOf(i + 1), [field]: v }],
  );
}
