import {
  amountsFromLines,
  mayEditProposals,
  proposalMoveProblem,
  proposalProblems,
} from "../../src/domain/funding.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import type { FundingState } from "../../src/domain/vocabulary.js";
import { aFundingProposal, aRef } from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";

const YEARS = [2026, 2027, 2028, 2029];

describe("proposalProblems", () => {
  it.each([
    {
      name: "a proposal without an initiative",
      draft: { initiatives: [] },
      code: "funding.problem.noInitiative",
      field: "initiatives",
    },
    {
      name: "an amount in a year outside the budget years",
      draft: { amountsByYear: [{ year: 2031, amount: 1 }] },
      code: "funding.problem.proposalYearOutside",
      field: "amountsByYear",
    },
    {
      name: "a negative amount",
      draft: { amountsByYear: [{ year: 2026, amount: -1 }] },
      code: "funding.problem.negativeAmount",
      field: "amountsByYear",
    },
    { name: "no title", draft: { title: " " }, code: "funding.problem.needTitle", field: "title" },
  ])("names the field of $name", ({ draft, code, field }) => {
    expect(proposalProblems(aFundingProposal(draft), YEARS)).toEqual([
      expect.objectContaining({ code, field }),
    ]);
  });

  it("has nothing to say about a proposal for budget years with an initiative", () => {
    expect(proposalProblems(aFundingProposal(), YEARS)).toEqual([]);
  });
});

describe("amountsFromLines", () => {
  it("sums the initiatives' lines per year and kind, leaving out savings and other initiatives", () => {
    const line = (initiative: number, year: number, kind: string, amount: number) => ({
      initiative: aRef<InitiativeId>(initiative),
      year,
      kind,
      amount,
    });
    expect(
      amountsFromLines(
        [aRef(1), aRef(2)],
        [
          line(1, 2027, "Drift", 100),
          line(1, 2026, "Anlæg", 500),
          line(2, 2026, "Anlæg", 300),
          line(2, 2026, "Gevinst", -50),
          line(3, 2026, "Anlæg", 9_000),
        ],
      ),
    ).toEqual([
      { year: 2026, kind: "Anlæg", amount: 800 },
      { year: 2027, kind: "Drift", amount: 100 },
    ]);
    expect(amountsFromLines([{ id: idOf<InitiativeId>(9), title: "x" }], [])).toEqual([]);
  });
});

describe("proposal states", () => {
  const cases: [FundingState, FundingState, number | null, string | null][] = [
    ["Kladde", "Indstillet", null, null],
    ["Indstillet", "Godkendt", 7, null],
    ["Indstillet", "Afvist", 7, null],
    ["Indstillet", "Kladde", null, null],
    ["Kladde", "Trukket tilbage", null, null],
    ["Indstillet", "Godkendt", null, "funding.problem.needDecision"],
    ["Kladde", "Godkendt", 7, "funding.problem.stateMove"],
    ["Godkendt", "Afvist", 7, "funding.problem.stateMove"],
    ["Afvist", "Kladde", null, "funding.problem.stateMove"],
  ];
  it.each(cases)("%s → %s (decision %s): %s", (from, to, decision, code) => {
    expect(proposalMoveProblem(from, to, decision)?.code ?? null).toBe(code);
  });

  it.each([
    [me(secretary, "secretary"), true],
    [me(chair, "chair"), true],
    [me(member, "member"), false],
  ])("who may write proposals: %#", (who, may) => {
    expect(mayEditProposals(who)).toBe(may);
  });
});
