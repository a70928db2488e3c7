/**
 * Priority rounds in the domain: what a ballot may hold (the same rules when saved and when
 * counted), which stored ballots count (the author is the voter; window, one per member,
 * content, frozen at close), the tally, turnout, who sees what, and the result stored at close.
 */
import { readFileSync } from "node:fs";

import { createInstance } from "i18next";

import { type CriterionId, idOf, type InitiativeId, versionOf } from "../../src/domain/ids.js";
import type { Ballot, BallotEntry, Round } from "../../src/domain/prioritization.js";
import type { Role } from "../../src/domain/roles.js";
import {
  ballotPayloadProblems,
  type BallotRule,
  canSeeMemberBallots,
  canSeeResults,
  checkRoundBallots,
  closedAtOf,
  type CountedBallot,
  formatDkk,
  readStoredResult,
  roundAcceptsBallots,
  roundResultOf,
  serializeStoredResult,
  spreadOf,
  STORED_RESULT_VERSION,
  storedResultOf,
  tallyRound,
  turnoutOf,
  validateBallotForRound,
} from "../../src/domain/tally.js";
import {
  aStoredBallot,
  aStoredRound,
  aVoter,
  entries,
  votersRoster,
  writtenBy,
} from "../support/builders-tally.js";

const DURING = new Date("2026-03-10T12:00:00Z");
const c = (n: number) => idOf<InitiativeId>(n);
const k = (n: number) => idOf<CriterionId>(n);

/** The UI's Danish words for the rounds feature, to word the problems a check returns. */
const danish = createInstance();
await danish.init({
  lng: "da",
  resources: {
    da: {
      translation: JSON.parse(
        readFileSync(new URL("../../src/ui/i18n/features/rounds.da.json", import.meta.url), "utf8"),
      ) as Record<string, unknown>,
    },
  },
  interpolation: { escapeValue: false },
});

/** The problems of saving the ballot, in the Danish the member reads. */
function messages(round: Round, list: BallotEntry[], now = DURING, extra = {}): string[] {
  const v = validateBallotForRound(round, { entries: list }, { now, ...extra });
  return v.ok
    ? []
    : v.problems.map((p) => {
        const params = Object.fromEntries(
          Object.entries(p.params ?? {}).map(([k, x]) => [
            k,
            x !== null && typeof x === "object" ? danish.t(x.code) : x,
          ]),
        );
        // Intl puts a no-break space before "kr."; the expected sentences use a plain one.
        return danish.t(p.code, params).replace(/\u00a0/g, " ");
      });
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

  it.each([
    { state: "Kladde", now: "2026-03-10T12:00:00Z", code: "rounds.problem.roundNotOpen" },
    { state: "Annulleret", now: "2026-03-10T12:00:00Z", code: "rounds.problem.roundNotOpen" },
    { state: "Åben", now: "2026-02-28T12:00:00Z", code: "rounds.problem.notOpenedYet" },
    { state: "Åben", now: "2026-03-15T16:00:00Z", code: "rounds.problem.roundClosed" },
  ] as const)("$state at $now is refused with $code, about the round", ({ state, now, code }) => {
    const r = roundAcceptsBallots(aStoredRound({ state }), new Date(now));
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.field])).toEqual([[code, "round"]]);
  });

  it("names the state of a round that is not open as a code the UI words", () => {
    const r = roundAcceptsBallots(aStoredRound({ state: "Kladde" }), DURING);
    expect(r.ok ? null : r.problems[0]?.params).toEqual({
      state: { code: "rounds.states.Kladde" },
    });
  });

  it("says (in the member's Danish) that a closed round takes no changes", () => {
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

  it("counts only the round's own ballots", () => {
    const round = aStoredRound({ method: "Prikker", n: 2, settings: { pointsPerMember: 3 } });
    const other = aStoredRound({ id: 2, method: "Prikker", n: 2 });
    const result = tallyRound(round, [
      aStoredBallot(round, 1, entries("points", [0, 3])),
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
  it("lists who of the committee has voted and who has not, never what", () => {
    const members = [aVoter(1), aVoter(2), aVoter(3)];
    const t = turnoutOf(members, new Set([aVoter(1).id, aVoter(7).id]));
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

describe("a ballot's content: the same rules when it is saved and when it is counted", () => {
  const k12 = { criteria: [k(1), k(2)] };
  const costs = new Map([
    [c(1), 600_000],
    [c(2), 500_000],
  ]);
  it.each<[string, Partial<Round>, unknown, BallotRule[]]>([
    ["a ballot that fits", { method: "Rangordning" }, { entries: entries("rank", [2, 1]) }, []],
    ["no payload at all", { method: "Rangordning" }, null, ["ballot.malformed"]],
    ["text instead of JSON", { method: "Rangordning" }, "1,2,3", ["ballot.malformed"]],
    [
      "a payload the store could not parse",
      { method: "Rangordning" },
      { entries: [], unreadable: true },
      ["ballot.malformed"],
    ],
    ["entries not a list", { method: "Prikker" }, { entries: 5 }, ["ballot.malformed"]],
    [
      "a candidate id as text",
      { method: "Prikker" },
      { entries: [{ candidate: "1", points: 1 }] },
      ["ballot.malformed"],
    ],
    [
      "scores not an object",
      { method: "Kriteriescore" },
      { entries: [{ candidate: 1, criterionScores: 4 }] },
      ["ballot.malformed"],
    ],
    [
      "an initiative that is not a candidate",
      { method: "Rangordning" },
      { entries: [{ candidate: 9, rank: 1 }] },
      ["ballot.notCandidate"],
    ],
    [
      "a candidate twice",
      { method: "Prikker" },
      { entries: entries("points", [1]).concat(entries("points", [2])) },
      ["ballot.duplicateCandidate"],
    ],
    [
      "a score of 1,000,000",
      { method: "Kriteriescore" },
      { entries: [{ candidate: 1, criterionScores: { "1": 1_000_000 } }] },
      ["ballot.scoreOutOfRange"],
    ],
    [
      "a score of 2.5",
      { method: "Kriteriescore" },
      { entries: [{ candidate: 1, criterionScores: { "2": 2.5 } }] },
      ["ballot.scoreOutOfRange"],
    ],
    [
      "a score as text",
      { method: "Kriteriescore" },
      { entries: [{ candidate: 1, criterionScores: { "1": "4" } }] },
      ["ballot.scoreOutOfRange"],
    ],
    [
      "a criterion outside the weight set",
      { method: "Kriteriescore" },
      { entries: [{ candidate: 1, criterionScores: { "7": 2 } }] },
      ["ballot.unknownCriterion"],
    ],
    [
      "a rank that is not whole",
      { method: "Rangordning" },
      { entries: entries("rank", [1.5]) },
      ["ballot.rankMissing"],
    ],
    [
      "ranks with a gap",
      { method: "Rangordning" },
      { entries: entries("rank", [1, 3]) },
      ["ballot.ranksNotConsecutive"],
    ],
    [
      "negative dots",
      { method: "Prikker" },
      { entries: entries("points", [-5, 15]) },
      ["ballot.pointsInvalid"],
    ],
    [
      "more dots than allowed",
      { method: "Prikker" },
      { entries: entries("points", [9, 9]) },
      ["ballot.pointsOverLimit"],
    ],
    [
      "a pick without a price",
      { method: "Budget" },
      { entries: [{ candidate: 3 }] },
      ["ballot.noPrice"],
    ],
    [
      "picks over the budget",
      { method: "Budget" },
      { entries: [{ candidate: 1 }, { candidate: 2 }] },
      ["ballot.overBudget"],
    ],
    [
      "an objection without a reason",
      { method: "Samtykke" },
      { entries: [{ candidate: 1, objection: " " }] },
      ["ballot.objectionWithoutReason"],
    ],
  ])("%s: %j", (_why, o, payload, codes) => {
    const round = aStoredRound({
      settings: { pointsPerMember: 10, budgetPerMember: 1_000_000 },
      ...o,
    });
    const problems = ballotPayloadProblems(round, payload, { ...k12, costs });
    expect(problems.map((p) => p.code)).toEqual(codes);
  });

  it("names the value, criterion and range of a score out of range", () => {
    const round = aStoredRound({ method: "Kriteriescore" });
    const payload = { entries: [{ candidate: c(2), criterionScores: { "1": 1_000_000 } }] };
    expect(ballotPayloadProblems(round, payload, k12)).toEqual([
      {
        code: "ballot.scoreOutOfRange",
        params: { candidate: 2, criterion: "1", value: 1_000_000, min: 0, max: 4 },
      },
    ]);
  });
});

describe("which ballots count: the author is the voter, the rest is a claim", () => {
  const round = aStoredRound({ method: "Prikker", n: 2, settings: { pointsPerMember: 10 } });
  const roster = votersRoster([1, 2, 3, 4], [9]);
  const open = { roster, closedAt: null, counted: null };
  const mine = aStoredBallot(round, 2, entries("points", [3, 2]));
  const rules = (ballots: Ballot[], facts = open, r: Round = round) =>
    checkRoundBallots(r, ballots, facts).irregular.map((i) => [i.item, i.rule, i.by?.id ?? null]);

  it.each<[string, Ballot, BallotRule | null, number | null]>([
    ["its voter's own ballot", mine, null, null],
    ["the chair's own ballot", writtenBy(aStoredBallot(round, 9, []), 9), null, null],
    ["no author recorded", { ...mine, createdBy: null }, "ballot.noAuthor", null],
    [
      "an author outside Medlemmer and Formand",
      aStoredBallot(round, 7, entries("points", [1])),
      "ballot.authorNotVoter",
      7,
    ],
    ["written by member 4 in member 2's name", writtenBy(mine, 4), "ballot.voterMismatch", 4],
    [
      "a key naming another voter",
      { ...mine, ballotKey: `${round.id}:3` },
      "ballot.keyMismatch",
      2,
    ],
    [
      "created before the round was created",
      { ...mine, created: "2026-02-28T08:00:00Z" },
      "ballot.createdBeforeOpen",
      2,
    ],
    [
      "created at the round's Lukker time",
      { ...mine, created: "2026-03-15T16:00:00Z", modified: "2026-03-15T16:00:00Z" },
      "ballot.createdAfterClose",
      2,
    ],
    ["last saved by the secretary", writtenBy(mine, 2, 9), "ballot.editedByOther", 9],
    [
      "dots over the limit, written straight to the list",
      aStoredBallot(round, 2, entries("points", [1_000_000, 0])),
      "ballot.pointsOverLimit",
      2,
    ],
  ])("%s", (_why, ballot, rule, by) => {
    const checked = checkRoundBallots(round, [ballot], open);
    expect(checked.irregular.map((i) => [i.rule, i.by?.id ?? null])).toEqual(
      rule ? [[rule, by]] : [],
    );
    expect(checked.valid).toEqual(rule ? [] : [ballot]);
  });

  it("a ballot in another member's name counts for no one and blocks no one", () => {
    const forged = writtenBy(aStoredBallot(round, 3, entries("points", [0, 10])), 4);
    const victims = aStoredBallot(round, 3, entries("points", [10, 0]));
    const checked = checkRoundBallots(round, [forged, victims], open);
    expect(checked.valid).toEqual([victims]);
    expect(checked.own.get(aVoter(3).id)).toBe(victims);
    expect(checked.own.has(aVoter(4).id)).toBe(false);
    expect(checked.irregular).toEqual([
      {
        list: "Ballots",
        item: forged.id,
        rule: "ballot.voterMismatch",
        params: { claimed: "Medlem 3" },
        by: aVoter(4),
      },
    ]);
  });

  it("a ballot written for a round that was not open yet is not counted, and the member's own one is", () => {
    const later = aStoredRound({ method: "Prikker", n: 2, settings: { pointsPerMember: 10 } });
    const notYet = { ...later, opens: "2026-03-05T08:00:00Z" };
    const early = writtenBy(aStoredBallot(notYet, 3, entries("points", [5])), 4);
    const own = {
      ...aStoredBallot(notYet, 3, entries("points", [1])),
      created: "2026-03-06T08:00:00Z",
    };
    expect(rules([early, own], open, notYet)).toEqual([[early.id, "ballot.voterMismatch", 4]]);
    const selfEarly = aStoredBallot(notYet, 3, entries("points", [5]));
    expect(rules([selfEarly, own], open, notYet)).toEqual([
      [selfEarly.id, "ballot.createdBeforeOpen", 3],
    ]);
    expect(checkRoundBallots(notYet, [selfEarly, own], open).valid).toEqual([own]);
    const draft = { ...notYet, state: "Kladde" as const };
    expect(rules([own], open, draft)).toEqual([[own.id, "ballot.createdBeforeOpen", 3]]);
  });

  it("one ballot per member: the earliest created counts, later ones are extra (the lower id on a tie)", () => {
    const first = {
      ...aStoredBallot(round, 2, entries("points", [1])),
      created: "2026-03-03T08:00:00Z",
    };
    const second = {
      ...aStoredBallot(round, 2, entries("points", [9])),
      created: "2026-03-04T08:00:00Z",
    };
    const sameSecond = {
      ...aStoredBallot(round, 2, entries("points", [8])),
      created: first.created,
    };
    const checked = checkRoundBallots(round, [second, sameSecond, first], open);
    expect(checked.valid).toEqual([first]);
    expect(checked.own.get(aVoter(2).id)).toBe(first);
    expect(checked.irregular.map((i) => [i.item, i.rule, i.params])).toEqual([
      [second.id, "ballot.extra", { counted: first.id }],
      [sameSecond.id, "ballot.extra", { counted: first.id }],
    ]);
  });

  it("an invalid first ballot is the member's: nothing of theirs counts until they fix it", () => {
    const bad = {
      ...aStoredBallot(round, 2, entries("points", [50])),
      created: "2026-03-03T08:00:00Z",
    };
    const good = {
      ...aStoredBallot(round, 2, entries("points", [5])),
      created: "2026-03-04T08:00:00Z",
    };
    const checked = checkRoundBallots(round, [bad, good], open);
    expect(checked.valid).toEqual([]);
    expect(checked.irregular.map((i) => [i.item, i.rule])).toEqual([
      [bad.id, "ballot.pointsOverLimit"],
      [good.id, "ballot.extra"],
    ]);
  });

  it("one irregularity per rule and ballot, with how many times it came up", () => {
    const kround = aStoredRound({ method: "Kriteriescore", n: 2 });
    const huge = aStoredBallot(kround, 2, [
      { candidate: c(1), criterionScores: { "1": 1_000_000, "2": 1_000_000 } },
      { candidate: c(2), criterionScores: { "1": 1_000_000 } },
    ]);
    const checked = checkRoundBallots(kround, [huge], { ...open, criteria: [k(1), k(2)] });
    expect(checked.irregular).toEqual([
      {
        list: "Ballots",
        item: huge.id,
        rule: "ballot.scoreOutOfRange",
        params: { candidate: 1, criterion: "1", value: 1_000_000, min: 0, max: 4, count: 3 },
        by: aVoter(2),
      },
    ]);
  });

  it("the 1,000,000 attack does not move the tally: the ballot is left out and named", () => {
    const kround = aStoredRound({ method: "Kriteriescore", n: 2 });
    const weights = [
      { criterion: k(1), weight: 0.5 },
      { criterion: k(2), weight: 0.5 },
    ];
    const honest = [1, 3].map((v) =>
      aStoredBallot(kround, v, [
        { candidate: c(1), criterionScores: { "1": 4, "2": 4 } },
        { candidate: c(2), criterionScores: { "1": 1, "2": 1 } },
      ]),
    );
    const attack = aStoredBallot(kround, 2, [
      { candidate: c(2), criterionScores: { "1": 1_000_000, "2": 1_000_000 } },
    ]);
    const facts = { ...open, criteria: weights.map((w) => w.criterion) };
    const checked = checkRoundBallots(kround, [...honest, attack], facts);
    const result = tallyRound(kround, checked.valid, weights);
    expect(result.ballotsCounted).toBe(2);
    expect(result.candidates.map((x) => [x.candidate, x.value])).toEqual([
      [1, 1],
      [2, 0.25],
    ]);
    expect(checked.irregular.map((i) => [i.rule, i.by?.name])).toEqual([
      ["ballot.scoreOutOfRange", "Medlem 2"],
    ]);
  });

  it("a round that lacks what its method needs counts no ballot", () => {
    const noPoints = aStoredRound({ method: "Prikker", n: 2, settings: {} });
    const b = aStoredBallot(noPoints, 2, entries("points", [1]));
    expect(rules([b], open, noPoints)).toEqual([[b.id, "ballot.roundNotCountable", 2]]);
    const noWeights = aStoredRound({ method: "Kriteriescore", n: 2 });
    const kb = aStoredBallot(noWeights, 2, [{ candidate: c(1), criterionScores: { "1": 2 } }]);
    expect(rules([kb], { ...open, criteria: [] } as typeof open, noWeights)).toEqual([
      [kb.id, "ballot.roundNotCountable", 2],
    ]);
  });

  it("leaves out ballots of another round", () => {
    const other = aStoredRound({ id: 2, method: "Prikker", settings: { pointsPerMember: 10 } });
    const theirs = aStoredBallot(other, 3, entries("points", [1]));
    expect(checkRoundBallots(round, [mine, theirs], open).valid).toEqual([mine]);
  });
});

describe("frozen at close: the result stored at close stands", () => {
  const closed = aStoredRound({
    method: "Prikker",
    n: 2,
    state: "Lukket",
    settings: { pointsPerMember: 10 },
  });
  const roster = votersRoster([1, 2, 3, 4], [9]);
  const closedAt = "2026-03-10T12:00:00Z";
  const a = aStoredBallot(closed, 1, entries("points", [3, 2]));
  const b = aStoredBallot(closed, 2, entries("points", [0, 5]));
  const counted: CountedBallot[] = [a, b].map((x) => ({ id: x.id, version: x.version }));
  const check = (ballots: Ballot[]) =>
    checkRoundBallots(closed, ballots, { roster, closedAt, counted });
  const rulesOf = (ballots: Ballot[]) =>
    check(ballots).irregular.map((i) => [i.item, i.rule, i.by?.id ?? null]);

  it("the ballots counted at close, unchanged, still count", () => {
    expect(check([a, b]).valid).toEqual([a, b]);
    expect(check([a, b]).irregular).toEqual([]);
  });

  it.each<[string, (x: Ballot) => Ballot, number | null]>([
    [
      "changed by its author after the close (a new version, Modified after the close)",
      (x) => ({ ...x, version: versionOf('"2"'), modified: "2026-03-11T08:00:00Z" }),
      2,
    ],
    [
      "another version, even with a Modified before the close",
      (x) => ({ ...x, version: versionOf('"2"') }),
      2,
    ],
    [
      "changed by the secretary after the close",
      (x) => ({
        ...writtenBy(x, 2, 9),
        version: versionOf('"2"'),
        modified: "2026-03-11T08:00:00Z",
      }),
      9,
    ],
  ])("a counted ballot %s is flagged and never counted again", (_why, change, by) => {
    const changed = change(b);
    const checked = check([a, changed]);
    expect(checked.valid).toEqual([a]);
    expect(checked.irregular.find((i) => i.rule === "ballot.changedAfterClose")).toMatchObject({
      item: b.id,
      by: { id: by },
    });
  });

  it("a counted ballot deleted after close is flagged; who deleted it the list does not say", () => {
    expect(rulesOf([a])).toEqual([[b.id, "ballot.deletedAfterClose", null]]);
  });

  it("a ballot created after the close is flagged", () => {
    const late = {
      ...aStoredBallot(closed, 3, entries("points", [10])),
      created: "2026-03-10T12:00:01Z",
    };
    expect(rulesOf([a, b, late])).toEqual([[late.id, "ballot.createdAfterClose", 3]]);
  });

  it("a ballot created in the same second as the close counts as before it (SharePoint keeps seconds)", () => {
    const sameSecond = {
      ...aStoredBallot(closed, 3, entries("points", [10])),
      created: closedAt,
      modified: closedAt,
    };
    expect(
      checkRoundBallots(closed, [a, sameSecond], { roster, closedAt, counted: null }).valid,
    ).toEqual([a, sameSecond]);
  });

  it("a ballot that would count but was not counted at close is flagged", () => {
    const missed = aStoredBallot(closed, 3, entries("points", [10]));
    expect(rulesOf([a, b, missed])).toEqual([[missed.id, "ballot.notCountedAtClose", 3]]);
  });

  it("finishing a close without a stored result: a ballot changed after the close is not counted", () => {
    const changed = { ...b, modified: "2026-03-11T08:00:00Z", version: versionOf('"2"') };
    const checked = checkRoundBallots(closed, [a, changed], { roster, closedAt, counted: null });
    expect(checked.valid).toEqual([a]);
    expect(checked.irregular.map((i) => i.rule)).toEqual(["ballot.changedAfterClose"]);
  });

  it("a forged «Ikke afgivet» ballot reads as irregular after close too", () => {
    const notCast = writtenBy(
      { ...aStoredBallot(closed, 3, []), payload: { entries: [], notCast: true } as never },
      4,
    );
    expect(rulesOf([a, b, notCast])).toEqual([[notCast.id, "ballot.voterMismatch", 4]]);
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
    closedAt: "2026-03-15T16:00:00Z",
    computedAt: new Date("2026-03-15T16:05:00Z"),
    counted: ballots,
    flagged: 1,
    turnout: turnoutOf(voters, new Set(ballots.map((b) => b.createdBy!.id))),
  });
  const withJson = (resultJson: string) => ({ ...closed, resultJson });

  it("round-trips: the tally's ranking, spread, counts, turnout and the counted ballots' versions", () => {
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
    expect(read.result.counted).toEqual(ballots.map((b) => ({ id: b.id, version: '"1"' })));
    expect(read.result.flagged).toBe(1);
    expect(read.result.closedAt).toBe("2026-03-15T16:00:00Z");
    expect(read.result.computedAt).toBe("2026-03-15T16:05:00.000Z");
    expect(roundResultOf(read.result)).toEqual(tally);
  });

  it("holds aggregates and ballot ids only: no voter, name, e-mail, ballot key or a member's own value", () => {
    const json = serializeStoredResult(stored);
    for (const v of voters) {
      expect(json).not.toContain(v.name);
      expect(json).not.toContain(v.email);
    }
    expect(json).not.toMatch(/"voter"|"ballots"|"entries"|"rank"|"payload"|"ballotKey"/i);
    const parsed = JSON.parse(json) as {
      candidates: Record<string, unknown>[];
      counted: Record<string, unknown>[];
    };
    for (const x of parsed.candidates) {
      expect(Object.keys(x).sort()).toEqual(["candidate", "place", "share", "spread", "value"]);
    }
    for (const x of parsed.counted) expect(Object.keys(x).sort()).toEqual(["id", "version"]);
    expect(Object.keys(parsed).sort()).toEqual(
      [
        "ballotsCounted",
        "candidates",
        "closedAt",
        "computedAt",
        "counted",
        "flagged",
        "method",
        "turnout",
        "version",
      ].sort(),
    );
  });

  it("without voters read at close, turnout is null and still valid", () => {
    const noTurnout = storedResultOf(tally, {
      closedAt: "2026-03-15T16:00:00Z",
      computedAt: new Date("2026-03-15T16:00:00Z"),
      counted: ballots,
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
  const counted0 = (good.counted as Record<string, unknown>[])[0]!;
  it.each<[string, unknown]>([
    ["not JSON", "{oops"],
    ["JSON but not an object", [1, 2]],
    ["the earlier version without counted ballots", { ...good, version: 1, counted: undefined }],
    ["another version", { ...good, version: 3 }],
    ["no version", { ...good, version: undefined }],
    ["another method", { ...good, method: "Prikker" }],
    ["no close time", { ...good, closedAt: "" }],
    ["a close time that is not a time", { ...good, closedAt: "i går" }],
    ["counted ballots negative", { ...good, ballotsCounted: -1 }],
    ["flagged not a whole number", { ...good, flagged: 1.5 }],
    ["no counted ballots", { ...good, counted: undefined }],
    ["fewer counted ballots than the count", { ...good, counted: [counted0] }],
    ["a counted ballot twice", { ...good, counted: [counted0, counted0, counted0] }],
    [
      "a counted ballot without its version",
      { ...good, counted: [{ id: 1 }, ...(good.counted as unknown[]).slice(1)] },
    ],
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

  it("keeps the close time of a result it cannot read, for finishing the close", () => {
    const v1 = JSON.stringify({ ...good, version: 1, counted: undefined });
    expect(closedAtOf(withJson(v1))).toBe("2026-03-15T16:00:00Z");
    expect(closedAtOf(withJson("{oops"))).toBeNull();
    expect(closedAtOf(closed)).toBeNull();
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
