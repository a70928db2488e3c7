/**
 * An empty ballot (nothing rated, no dots, nothing picked) still counts as taking part: the
 * member is asked first, so nobody casts one without meaning to.
 */
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import type { BallotPayload } from "../../src/domain/prioritization.js";
import { isEmptyBallot } from "../../src/domain/tally.js";
import type { VotingMethod } from "../../src/domain/vocabulary.js";

const c = (n: number) => idOf<InitiativeId>(n);

describe("an empty ballot", () => {
  const cases: { method: VotingMethod; payload: BallotPayload; empty: boolean; why: string }[] = [
    { method: "Kriteriescore", payload: { entries: [] }, empty: true, why: "nothing rated" },
    {
      method: "Kriteriescore",
      payload: { entries: [{ candidate: c(1), criterionScores: {} }] },
      empty: true,
      why: "a candidate with no criterion rated",
    },
    {
      method: "Kriteriescore",
      payload: { entries: [{ candidate: c(1), criterionScores: { "7": 0 } }] },
      empty: false,
      why: "Ingen is a view",
    },
    {
      method: "Prikker",
      payload: {
        entries: [
          { candidate: c(1), points: 0 },
          { candidate: c(2), points: 0 },
        ],
      },
      empty: true,
      why: "no dots given",
    },
    {
      method: "Prikker",
      payload: { entries: [{ candidate: c(1), points: 2 }] },
      empty: false,
      why: "dots given",
    },
    { method: "Budget", payload: { entries: [] }, empty: true, why: "nothing picked" },
    { method: "Budget", payload: { entries: [{ candidate: c(1) }] }, empty: false, why: "a pick" },
    {
      method: "Rangordning",
      payload: { entries: [{ candidate: c(1), rank: 1 }] },
      empty: false,
      why: "a ranking always orders every candidate",
    },
    { method: "Samtykke", payload: { entries: [] }, empty: false, why: "consent is no objection" },
  ];
  test.each(cases)("$method: $why → empty $empty", ({ method, payload, empty }) => {
    expect(isEmptyBallot(method, payload)).toBe(empty);
  });
});
