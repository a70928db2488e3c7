/** Builders for the tally tests: stored rounds and ballots as the store returns them. */
import type { Person } from "../../src/domain/common.js";
import { idOf, type PersonId, type RoundId, versionOf } from "../../src/domain/ids.js";
import type { Ballot, BallotEntry, Round, RoundDraft } from "../../src/domain/prioritization.js";
import { aBallot, aPerson, aRef, aRound } from "./builders.js";

const META = {
  version: versionOf('"1"'),
  created: "2026-03-01T08:00:00Z",
  modified: "2026-03-01T08:00:00Z",
  createdBy: null,
  modifiedBy: null,
};

/** An open round (1 March to 15 March 2026) over candidates 1..n. */
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

let nextBallot = 1;

/** A member's stored ballot in a round. */
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
    modified,
    id: idOf(nextBallot++),
  };
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
