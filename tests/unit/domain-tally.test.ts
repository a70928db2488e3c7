import type { Person } from "../../src/domain/common.js";
import { type CriterionId, idOf, type InitiativeId } from "../../src/domain/ids.js";
import type { Ballot, BallotEntry, Round } from "../../src/domain/prioritization.js";
import type { Role } from "../../src/domain/roles.js";
import {
  ballotStanding,
  canSeeMemberBallots,
  canSeeResults,
  foreignBallots,
  formatDkk,
  irregularBallots,
  isForeignBallot,
  isNotCastBallot,
  notCastPayload,
  readStoredResult,
  roundAcceptsBallots,
  roundResultOf,
  serializeStoredResult,
  spreadOf,
  STORED_RESULT_VERSION,
  storedResultOf,
  tallyRound,
  turnout,
  validateBallotForRound,
} from "../../src/domain/tally.js";
import { aStoredBallot, aStoredRound, aVoter, entries } from "../support/builders-tally.js";

const DURING = new Date("2026-03-10T12:00:00Z");
const c = (n: number) => idOf<InitiativeId>(n);
const k = (n: number) => idOf<CriterionId>(n);

function messages(round: Round, list: BallotEntry[], now = DURING, extra = {}): string[] {
  const v = validateBallotForRound(round, { entries: list }, { now, ...extra });
  return v.ok ? [] : v.problems.map((p) => p.message);
}

describe("whether a round takes ballots", () => {
  it.each([
    { state: "Åben", now: "2026-03-10T12:00:00Z", ok: true, why: "open and inside its dates" },
    { state: "Kladde", now: "2026-03-10T12:00:00Z", ok: false, why: "a draft" },
    { state: "Lukket", now: "2026-03-10T12:00:00Z", ok: false, why: "closed by the chair" },
    { state: "Annulleret", now: "2026-03-10T12:00:00Z", ok: false, why: "cancelled" },
    { state: "Åben", now: "2026-02-28T12:00:00Z", ok: false, why: "before it opens" },
    { state: "Åben", now: "2026-03-15T16:00:00Z", ok: false, why: "at its closing time" },
    { state: "Åben", now: "2026-03-20T12:00:00Z", ok: false, why: "after it closes" },
  ] as const)("$state at $now: $ok ($why)", ({ state, now, ok }) => {
    expect(roundAcceptsBallots(aStoredRound({ state }), new Date(now)).ok).toBe(ok);
  });

  it("says in Danish that a closed round takes no changes", () => {
    const round = aStoredRound();
    expect(messages(round, entries("rank", [1]), new Date("2026-03-16T00:00:00Z"))).toEqual([
      "Runden er lukket; stemmer kan ikke længere afgives eller ændres.",
    ]);
  });
});

describe("a ballot against its round", () => {
  it("refuses an initiative that is not a candidate, and one listed twice", () => {
    const round = aStoredRound({ method: "Rangordning", n: 2 });
    expect(
      messages(round, [
        { candidate: c(1), rank: 1 },
        { candidate: c(9), rank: 2 },
        { candidate: c(1), rank: 3 },
      ]),
    ).toEqual([
      "Tiltag 9 er ikke kandidat i runden.",
      "Tiltag 1 står flere gange på stemmesedlen.",
    ]);
  });

  it.each([
    { ranks: [1, 2, 3], problem: null },
    { ranks: [2, 1], problem: null },
    { ranks: [1, undefined, 2], problem: null },
    {
      ranks: [1, 3],
      problem: "Placeringerne skal være 1, 2, 3 … uden huller eller delte pladser.",
    },
    {
      ranks: [1, 1, 2],
      problem: "Placeringerne skal være 1, 2, 3 … uden huller eller delte pladser.",
    },
    { ranks: [1.5], problem: "Hvert rangordnet tiltag skal have en placering (et helt tal)." },
  ])("rangordning $ranks: $problem", ({ ranks, problem }) => {
    const round = aStoredRound({ method: "Rangordning" });
    expect(messages(round, entries("rank", ranks))).toEqual(problem ? [problem] : []);
  });

  it.each([
    { dots: [5, 5], problem: null },
    { dots: [3, 0, 2], problem: null },
    { dots: [6, 5], problem: "Du har fordelt 11 prikker; der er højst 10 at fordele." },
    { dots: [-1, 5], problem: "Prikker skal være hele tal, 0 eller flere." },
    { dots: [2.5], problem: "Prikker skal være hele tal, 0 eller flere." },
  ])("prikker $dots of 10: $problem", ({ dots, problem }) => {
    const round = aStoredRound({ method: "Prikker", settings: { pointsPerMember: 10 } });
    expect(messages(round, entries("points", dots))).toEqual(problem ? [problem] : []);
  });

  const costs = new Map([
    [c(1), 600_000],
    [c(2), 500_000],
    [c(3), 300_000],
  ]);
  it.each([
    { picks: [1, 3], problem: null },
    { picks: [], problem: null },
    {
      picks: [1, 2],
      problem:
        "De valgte tiltag koster 1.100.000 kr.; rammen er 1.000.000 kr. (100.000 kr. for meget).",
    },
  ])("budget picks $picks within 1.000.000 kr.: $problem", ({ picks, problem }) => {
    const round = aStoredRound({ method: "Budget", settings: { budgetPerMember: 1_000_000 } });
    const list = picks.map((p) => ({ candidate: c(p) }));
    expect(messages(round, list, DURING, { costs })).toEqual(problem ? [problem] : []);
  });

  it("refuses a budget pick without a price", () => {
    const round = aStoredRound({
      method: "Budget",
      n: 4,
      settings: { budgetPerMember: 1_000_000 },
    });
    expect(messages(round, [{ candidate: c(4) }], DURING, { costs })).toEqual([
      "Tiltag 4 har ingen pris og kan ikke vælges.",
    ]);
  });

  it.each([
    { scores: { "1": 4, "2": 0 }, problem: null },
    { scores: { "1": 2 }, problem: null },
    { scores: {}, problem: null },
    {
      scores: { "1": 5 },
      problem:
        "Vurdering af tiltag 1 skal være et af niveauerne ingen, lav, moderat, stærk, ekstrem.",
    },
    {
      scores: { "1": -1 },
      problem:
        "Vurdering af tiltag 1 skal være et af niveauerne ingen, lav, moderat, stærk, ekstrem.",
    },
    { scores: { "7": 2 }, problem: "Kriterium 7 hører ikke til rundens vægtsæt." },
  ])("kriteriescore $scores: $problem", ({ scores, problem }) => {
    const round = aStoredRound({ method: "Kriteriescore" });
    const list: BallotEntry[] = [
      { candidate: c(1), criterionScores: scores as Record<string, number> },
    ];
    expect(messages(round, list, DURING, { criteria: [k(1), k(2)] })).toEqual(
      problem ? [problem] : [],
    );
  });

  it("refuses an objection without a reason in a samtykke round", () => {
    const round = aStoredRound({ method: "Samtykke" });
    expect(messages(round, [{ candidate: c(1), objection: "  " }])).toEqual([
      "En indsigelse skal have en begrundelse.",
    ]);
  });

  it("treats a missing method setting as a programmer error", () => {
    const round = aStoredRound({ method: "Prikker", settings: {} });
    expect(() => messages(round, entries("points", [1]))).toThrow();
  });
});

describe("results", () => {
  it("adds Borda points: first of 3 gets 2, last 0, unranked 0; shares sum to 100 %", () => {
    const round = aStoredRound({ method: "Rangordning" });
    const result = tallyRound(round, [
      aStoredBallot(round, 1, entries("rank", [1, 2, 3])),
      aStoredBallot(round, 2, entries("rank", [2, 1, 3])),
      aStoredBallot(round, 3, entries("rank", [1, 3, 2])),
      aStoredBallot(round, 4, entries("rank", [undefined, 1])),
    ]);
    expect(result.candidates.map((x) => [x.candidate, x.value, x.place])).toEqual([
      [1, 5, 1],
      [2, 5, 1],
      [3, 1, 3],
    ]);
    expect(result.candidates.reduce((s, x) => s + x.share, 0)).toBeCloseTo(100, 10);
    expect(result.candidates[2]?.share).toBeCloseTo((100 * 1) / 11, 10);
    expect(result.ballotsCounted).toBe(4);
  });

  it("shows disagreement: equal dot totals, one agreed on, one splitting the committee", () => {
    const round = aStoredRound({ method: "Prikker", n: 2, settings: { pointsPerMember: 10 } });
    const result = tallyRound(round, [
      aStoredBallot(round, 1, entries("points", [5, 10])),
      aStoredBallot(round, 2, entries("points", [5, 0])),
    ]);
    const [first, second] = result.candidates;
    expect([first?.value, second?.value]).toEqual([10, 10]);
    expect(first?.spread).toMatchObject({ stdDev: 0, min: 5, max: 5, iqr: 0 });
    expect(second?.spread).toMatchObject({ stdDev: 5, min: 0, max: 10, iqr: 5 });
  });

  it("counts budget picks per candidate", () => {
    const round = aStoredRound({ method: "Budget", settings: { budgetPerMember: 1 } });
    const result = tallyRound(round, [
      aStoredBallot(round, 1, [{ candidate: c(2) }, { candidate: c(3) }]),
      aStoredBallot(round, 2, [{ candidate: c(2) }]),
    ]);
    expect(result.candidates.map((x) => [x.candidate, x.value])).toEqual([
      [2, 2],
      [3, 1],
      [1, 0],
    ]);
  });

  describe("kriteriescore", () => {
    const weights = [
      { criterion: k(1), weight: 0.75 },
      { criterion: k(2), weight: 0.25 },
    ];
    const round = aStoredRound({ method: "Kriteriescore", n: 2 });
    const ballots = [
      aStoredBallot(round, 1, [
        { candidate: c(1), criterionScores: { "1": 4, "2": 0 } },
        // Criterion 2 not rated: it must not count as "ingen".
        { candidate: c(2), criterionScores: { "1": 2 } },
      ]),
      aStoredBallot(round, 2, [
        { candidate: c(1), criterionScores: { "1": 2, "2": 4 } },
        { candidate: c(2), criterionScores: { "1": 2, "2": 2 } },
      ]),
    ];

    it("weights the mean level per criterion and leaves 'ikke vurderet' out of the mean", () => {
      const result = tallyRound(round, ballots, weights);
      // Candidate 1: 0.75·(3/4) + 0.25·(2/4) = 0.6875. Candidate 2: 0.75·(2/4) + 0.25·(2/4) = 0.5
      // (0.4375 if the unrated criterion were read as ingen).
      expect(result.candidates.map((x) => [x.candidate, x.value])).toEqual([
        [1, expect.closeTo(0.6875, 10) as unknown],
        [2, expect.closeTo(0.5, 10) as unknown],
      ]);
      expect(result.candidates[0]?.share).toBeCloseTo((100 * 0.6875) / 1.1875, 10);
      expect(result.candidates.reduce((s, x) => s + x.share, 0)).toBeCloseTo(100, 10);
    });

    it("spreads members' own weighted scores per candidate", () => {
      const result = tallyRound(round, ballots, weights);
      expect(result.candidates[0]?.spread?.min).toBeCloseTo(0.625, 10);
      expect(result.candidates[0]?.spread?.max).toBeCloseTo(0.75, 10);
      expect(result.candidates[1]?.spread?.stdDev).toBeCloseTo(0, 10);
    });

    it("needs the weights (programmer error)", () => {
      expect(() => tallyRound(round, ballots)).toThrow();
    });
  });

  it("counts one ballot per member (the latest) and only the round's own", () => {
    const round = aStoredRound({ method: "Prikker", n: 2, settings: { pointsPerMember: 3 } });
    const other = aStoredRound({
      id: 2,
      method: "Prikker",
      n: 2,
      settings: { pointsPerMember: 3 },
    });
    const result = tallyRound(round, [
      aStoredBallot(round, 1, entries("points", [3, 0]), "2026-03-02T08:00:00Z"),
      aStoredBallot(round, 1, entries("points", [0, 3]), "2026-03-05T08:00:00Z"),
      aStoredBallot(other, 2, entries("points", [3, 0])),
    ]);
    expect(result.ballotsCounted).toBe(1);
    expect(result.candidates.map((x) => [x.candidate, x.value])).toEqual([
      [2, 3],
      [1, 0],
    ]);
  });

  it("ranks fewest objections first in a samtykke round", () => {
    const round = aStoredRound({ method: "Samtykke", n: 2 });
    const result = tallyRound(round, [
      aStoredBallot(round, 1, [{ candidate: c(1), objection: "Ingen finansiering" }]),
      aStoredBallot(round, 2, []),
    ]);
    expect(result.candidates.map((x) => [x.candidate, x.value, x.place])).toEqual([
      [2, 0, 1],
      [1, 1, 2],
    ]);
  });

  it("gives every share 0 when nothing was given", () => {
    const round = aStoredRound({ method: "Prikker", n: 2, settings: { pointsPerMember: 3 } });
    expect(tallyRound(round, []).candidates.map((x) => x.share)).toEqual([0, 0]);
  });
});

describe("spread", () => {
  it.each([
    { values: [], expected: null },
    { values: [2], expected: { count: 1, mean: 2, stdDev: 0, min: 2, max: 2, iqr: 0 } },
    { values: [1, 2, 3, 4], expected: { count: 4, mean: 2.5, min: 1, max: 4, iqr: 1.5 } },
  ])("of $values", ({ values, expected }) => {
    const s = spreadOf(values);
    if (expected === null) expect(s).toBeNull();
    else expect(s).toMatchObject(expected);
  });

  it("standard deviation of 1, 2, 3, 4 is √1.25", () => {
    expect(spreadOf([1, 2, 3, 4])?.stdDev).toBeCloseTo(Math.sqrt(1.25), 12);
  });
});

describe("turnout and visibility", () => {
  it("lists who has voted and who has not, never what", () => {
    const round = aStoredRound();
    const other = aStoredRound({ id: 2 });
    const members = [aVoter(1), aVoter(2), aVoter(3)];
    const t = turnout(
      round,
      [
        aStoredBallot(round, 1, entries("rank", [1])),
        aStoredBallot(other, 2, entries("rank", [1])),
      ],
      members,
    );
    expect(t.voted.map((p) => p.name)).toEqual(["Medlem 1"]);
    expect(t.notVoted.map((p) => p.name)).toEqual(["Medlem 2", "Medlem 3"]);
    expect(t.rate).toBeCloseTo(1 / 3, 12);
    expect(Object.keys(t).sort()).toEqual(["notVoted", "rate", "voted"]);
  });

  it.each([
    {
      state: "Åben",
      visibility: "Efter lukning",
      roles: ["chair"],
      results: false,
      ballots: false,
    },
    {
      state: "Åben",
      visibility: "Efter lukning",
      roles: ["member"],
      results: false,
      ballots: false,
    },
    {
      state: "Åben",
      visibility: "Løbende for formanden",
      roles: ["chair"],
      results: true,
      ballots: false,
    },
    {
      state: "Åben",
      visibility: "Løbende for formanden",
      roles: ["secretary"],
      results: false,
      ballots: false,
    },
    {
      state: "Lukket",
      visibility: "Efter lukning",
      roles: ["member"],
      results: true,
      ballots: false,
    },
    {
      state: "Lukket",
      visibility: "Efter lukning",
      roles: ["chair"],
      results: true,
      ballots: true,
    },
    {
      state: "Annulleret",
      visibility: "Løbende for formanden",
      roles: ["chair"],
      results: false,
      ballots: false,
    },
  ] as const)(
    "$state round, $visibility, $roles: results $results, members' ballots $ballots",
    ({ state, visibility, roles, results, ballots }) => {
      const round = aStoredRound({ state, resultsVisibility: visibility });
      expect(canSeeResults(round, roles as readonly Role[])).toBe(results);
      expect(canSeeMemberBallots(round, roles as readonly Role[])).toBe(ballots);
    },
  );
});

it.each([
  { amount: 0, text: "0 kr." },
  { amount: 999, text: "999 kr." },
  { amount: 1_000, text: "1.000 kr." },
  { amount: 12_345_678, text: "12.345.678 kr." },
  { amount: -2_500, text: "-2.500 kr." },
])("formats $amount as $text", ({ amount, text }) => {
  expect(formatDkk(amount)).toBe(text);
});

describe("ballots cast in another member's name", () => {
  const round = aStoredRound({ method: "Prikker", n: 2 });
  const own = { ...aStoredBallot(round, 2, entries("points", [3, 2])), createdBy: aVoter(2) };
  // member 4 wrote a ballot naming member 3 as the voter
  const forged = { ...aStoredBallot(round, 3, entries("points", [5, 0])), createdBy: aVoter(4) };

  it("are neither counted nor taken as the named member's vote, and are listed for the chair", () => {
    const result = tallyRound(round, [own, forged]);
    expect(result.ballotsCounted).toBe(1);
    expect(result.candidates.map((c) => c.value)).toEqual([3, 2]);
    const t = turnout(round, [own, forged], [aVoter(2), aVoter(3)]);
    expect(t.voted.map((p) => p.id)).toEqual([aVoter(2).id]);
    expect(t.notVoted.map((p) => p.id)).toEqual([aVoter(3).id]);
    expect(foreignBallots(round, [own, forged])).toEqual([forged]);
    expect(isForeignBallot(own)).toBe(false);
  });
});

describe("how each ballot stands: vote, Ikke afgivet, foreign, changed by another, bad key", () => {
  const closed = aStoredRound({ method: "Prikker", n: 2, state: "Lukket" });
  const open = { ...closed, state: "Åben" as const };
  const chair = aVoter(9);
  const by = (b: Ballot, createdBy: Person, modifiedBy: Person = createdBy): Ballot => ({
    ...b,
    createdBy,
    modifiedBy,
  });
  const vote = by(aStoredBallot(closed, 2, entries("points", [3, 2])), aVoter(2));
  const changed = by(aStoredBallot(closed, 3, entries("points", [0, 5])), aVoter(3), chair);
  const notCast = by({ ...aStoredBallot(closed, 4, []), payload: notCastPayload() }, chair);
  const forged = by(aStoredBallot(closed, 5, entries("points", [5, 0])), aVoter(6));
  const badKey = { ...by(aStoredBallot(closed, 7, entries("points", [5, 0])), aVoter(7)) };
  badKey.ballotKey = `${closed.id}:07`;
  const all = [vote, changed, notCast, forged, badKey];

  it("classifies each ballot", () => {
    expect(all.map((b) => ballotStanding(closed, b))).toEqual([
      "vote",
      "changed",
      "notCast",
      "foreign",
      "badKey",
    ]);
    // A missing Created By / Modified By (a store that does not say) is not held against it.
    expect(ballotStanding(closed, { ...vote, createdBy: null, modifiedBy: null })).toBe("vote");
  });

  it("an Ikke afgivet ballot is only written at close: by someone else in an open round it is foreign", () => {
    expect(ballotStanding(open, notCast)).toBe("foreign");
    const own = by({ ...aStoredBallot(closed, 4, []), payload: notCastPayload() }, aVoter(4));
    expect(ballotStanding(open, own)).toBe("notCast");
    expect(isNotCastBallot(own)).toBe(true);
    // Given entries later, or changed by another than its writer, it is no longer one.
    const filledIn = {
      ...notCast,
      payload: { ...notCastPayload(), entries: entries("points", [1]) },
    };
    expect(isNotCastBallot(filledIn)).toBe(false);
    expect(ballotStanding(closed, filledIn)).toBe("foreign");
    expect(ballotStanding(closed, by(notCast, chair, aVoter(8)))).toBe("changed");
  });

  it("only votes are tallied; turnout counts votes and changed ones, never Ikke afgivet", () => {
    const result = tallyRound(closed, all);
    expect(result.ballotsCounted).toBe(1);
    expect(result.candidates.map((c) => c.value)).toEqual([3, 2]);
    const members = [2, 3, 4, 5, 7].map(aVoter);
    const t = turnout(closed, all, members);
    expect(t.voted.map((p) => p.id)).toEqual([aVoter(2).id, aVoter(3).id]);
    expect(t.notVoted.map((p) => p.id)).toEqual([aVoter(4).id, aVoter(5).id, aVoter(7).id]);
  });

  it("lists what is left out of the tally, with why", () => {
    expect(irregularBallots(closed, all).map((i) => [i.ballot.id, i.standing])).toEqual([
      [changed.id, "changed"],
      [forged.id, "foreign"],
      [badKey.id, "badKey"],
    ]);
    expect(isForeignBallot(notCast)).toBe(false);
    expect(foreignBallots(closed, all)).toEqual([forged]);
  });
});

describe("the result stored at close", () => {
  const closed = aStoredRound({ method: "Rangordning", state: "Lukket", n: 3 });
  const ballots = [
    aStoredBallot(closed, 1, entries("rank", [1, 2, 3])),
    aStoredBallot(closed, 2, entries("rank", [2, 1, 3])),
    aStoredBallot(closed, 3, entries("rank", [1, 3, 2])),
  ];
  const voters = [aVoter(1), aVoter(2), aVoter(3), aVoter(4)];
  const tally = tallyRound(closed, ballots);
  const stored = storedResultOf(tally, {
    closedAt: "2026-03-15T16:00:00.000Z",
    computedAt: new Date("2026-03-15T16:05:00Z"),
    flagged: 1,
    turnout: turnout(closed, ballots, voters),
  });
  const withJson = (resultJson: string) => ({ ...closed, resultJson });

  it("round-trips: what is read back is the tally's ranking, spread, counts and turnout", () => {
    const read = readStoredResult(withJson(serializeStoredResult(stored)));
    expect(read).toEqual({ ok: true, result: stored });
    if (!read.ok) throw new Error("unreachable");
    expect(read.result.version).toBe(STORED_RESULT_VERSION);
    expect(read.result.candidates.map((x) => [x.candidate, x.value, x.place])).toEqual([
      [1, 5, 1],
      [2, 3, 2],
      [3, 1, 3],
    ]);
    expect(read.result.candidates[0]!.spread).toMatchObject({ count: 3, min: 1, max: 2 });
    expect(read.result.turnout).toEqual({ voters: 4, voted: 3, notVoted: 1 });
    expect(read.result.flagged).toBe(1);
    expect(read.result.closedAt).toBe("2026-03-15T16:00:00.000Z");
    expect(read.result.computedAt).toBe("2026-03-15T16:05:00.000Z");
    expect(roundResultOf(read.result)).toEqual(tally);
  });

  it("holds aggregates only: no voter, name, e-mail, ballot key or a member's own value", () => {
    const json = serializeStoredResult(stored);
    for (const v of voters) {
      expect(json).not.toContain(v.name);
      expect(json).not.toContain(v.email);
    }
    expect(json).not.toMatch(/"voter"|"ballots"|"entries"|"rank"|"payload"/i);
    const parsed = JSON.parse(json) as { candidates: Record<string, unknown>[] };
    for (const x of parsed.candidates) {
      expect(Object.keys(x).sort()).toEqual(["candidate", "place", "share", "spread", "value"]);
    }
    expect(Object.keys(JSON.parse(json) as object).sort()).toEqual(
      [
        "ballotsCounted",
        "candidates",
        "closedAt",
        "computedAt",
        "flagged",
        "method",
        "turnout",
        "version",
      ].sort(),
    );
  });

  it("without voters read at close, turnout is null and still valid", () => {
    const noTurnout = storedResultOf(tally, {
      closedAt: new Date("2026-03-15T16:00:00Z"),
      computedAt: new Date("2026-03-15T16:00:00Z"),
      flagged: 0,
      turnout: null,
    });
    const read = readStoredResult(withJson(serializeStoredResult(noTurnout)));
    expect(read.ok && read.result.turnout).toBeNull();
  });

  it("says 'missing' when nothing is stored", () => {
    expect(readStoredResult(closed)).toEqual({ ok: false, problem: "missing" });
    expect(readStoredResult(withJson(""))).toEqual({ ok: false, problem: "missing" });
    expect(readStoredResult(withJson("   "))).toEqual({ ok: false, problem: "missing" });
  });

  const good = JSON.parse(serializeStoredResult(stored)) as Record<string, unknown>;
  const cand0 = (good.candidates as Record<string, unknown>[])[0]!;
  const otherCands = (good.candidates as unknown[]).slice(1);
  it.each<[string, unknown]>([
    ["not JSON", "{oops"],
    ["JSON but not an object", [1, 2]],
    ["another version", { ...good, version: 2 }],
    ["no version", { ...good, version: undefined }],
    ["another method", { ...good, method: "Prikker" }],
    ["no close time", { ...good, closedAt: "" }],
    ["a close time that is not a time", { ...good, closedAt: "i går" }],
    ["counted ballots negative", { ...good, ballotsCounted: -1 }],
    ["flagged not a whole number", { ...good, flagged: 1.5 }],
    ["candidates not a list", { ...good, candidates: {} }],
    ["a candidate not in the round", { ...good, candidates: [{ ...cand0, candidate: 99 }] }],
    ["a candidate twice", { ...good, candidates: [cand0, cand0] }],
    ["a value that is text", { ...good, candidates: [{ ...cand0, value: "5" }, ...otherCands] }],
    ["place 0", { ...good, candidates: [{ ...cand0, place: 0 }, ...otherCands] }],
    [
      "a spread with min above max",
      {
        ...good,
        candidates: [
          { ...cand0, spread: { count: 1, mean: 1, stdDev: 0, min: 3, max: 1, iqr: 0 } },
        ],
      },
    ],
    ["turnout that does not add up", { ...good, turnout: { voters: 4, voted: 3, notVoted: 3 } }],
    ["turnout as text", { ...good, turnout: "3 af 4" }],
  ])("says 'invalid' for %s, and never throws", (_why, value) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    expect(readStoredResult(withJson(text))).toEqual({ ok: false, problem: "invalid" });
  });

  it("keeps only the known fields of a stored result", () => {
    const extra = {
      ...good,
      ballots: [{ voter: "Medlem 1", rank: 1 }],
      candidates: (good.candidates as Record<string, unknown>[]).map((x) => ({
        ...x,
        voters: ["Medlem 1"],
      })),
    };
    const read = readStoredResult(withJson(JSON.stringify(extra)));
    expect(read).toEqual({ ok: true, result: stored });
  });
});
