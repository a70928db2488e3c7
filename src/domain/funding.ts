/**
 * Financing proposals (finansieringsforslag, DESIGN.md §2.5): multi-year amounts for one or
 * more initiatives, a funding source and the forum that decides.
 */
import type { Ref, Stored } from "./common.js";
import type { FundingProposalId, InitiativeId } from "./ids.js";
import { YEAR_MAX, YEAR_MIN } from "./portfolio.js";
import { type Problem, problem } from "./problems.js";
import { hasRole, type Me } from "./roles.js";
import {
  AMOUNT_MAX,
  type FieldProblem,
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";
import {
  FUNDING_FORUMS,
  FUNDING_SOURCES,
  FUNDING_STATES,
  type FundingForum,
  type FundingSource,
  type FundingState,
} from "./vocabulary.js";

export interface YearAmount {
  year: number;
  /** DKK. */
  amount: number;
  /** Anlæg or Drift; absent on amounts recorded before proposals kept the kind. */
  kind?: "Anlæg" | "Drift";
}

export interface FundingProposalDraft {
  title: string;
  initiatives: Ref<InitiativeId>[];
  source: FundingSource;
  forum: FundingForum;
  state: FundingState;
  amountsByYear: YearAmount[];
  rationale: string;
  /**
   * The decision (a Decisions item's id) that settled it, Godkendt or Afvist. A plain number, not
   * a lookup: Decisions already look up agenda items, which look up proposals, and a lookup back
   * would make the lists depend on each other in a ring. Absent on older items.
   */
  decisionId?: number | null;
}
/** The stored proposal also carries what the list derives for sorting and filtering. */
export type FundingProposal = Stored<FundingProposalDraft, FundingProposalId> & {
  totalAmount: number | null;
  firstYear: number | null;
};

export const FUNDING_PROPOSAL_RULES: Rules<FundingProposalDraft> = {
  title: { label: "fields.fundingProposal.title", required: true, maxLength: TEXT_MAX },
  initiatives: { label: "fields.fundingProposal.initiatives", required: true },
  source: { label: "fields.fundingProposal.source", required: true, oneOf: FUNDING_SOURCES },
  forum: { label: "fields.fundingProposal.forum", required: true, oneOf: FUNDING_FORUMS },
  state: { label: "fields.fundingProposal.state", required: true, oneOf: FUNDING_STATES },
  rationale: { label: "fields.fundingProposal.rationale", maxLength: NOTE_MAX },
  decisionId: { label: "fields.fundingProposal.decision", min: 1, integer: true },
};

export function validateFundingProposal(d: FundingProposalDraft): Validation {
  return validateWith(FUNDING_PROPOSAL_RULES, d, (x) => {
    const years = x.amountsByYear.map((a) => a.year);
    const problems: FieldProblem[] = [];
    if (years.some((y) => !Number.isInteger(y) || y < YEAR_MIN || y > YEAR_MAX)) {
      problems.push(
        fieldProblem("validation.fundingProposal.yearRange", "amountsByYear", {
          min: YEAR_MIN,
          max: YEAR_MAX,
        }),
      );
    }
    const keys = x.amountsByYear.map((a) => `${a.year}|${a.kind ?? ""}`);
    if (new Set(keys).size !== keys.length) {
      problems.push(fieldProblem("validation.fundingProposal.yearTwice", "amountsByYear"));
    }
    if (x.amountsByYear.some((a) => !Number.isFinite(a.amount))) {
      problems.push(fieldProblem("validation.fundingProposal.amountNumber", "amountsByYear"));
    } else if (x.amountsByYear.some((a) => Math.abs(a.amount) > AMOUNT_MAX)) {
      problems.push(
        fieldProblem("validation.maxAmount", "amountsByYear", {
          label: { code: "fields.fundingProposal.amountsByYear" },
          max: AMOUNT_MAX,
        }),
      );
    }
    return problems;
  });
}

/** The sum and first year the list stores beside the per-year amounts. */
export function fundingTotals(amounts: readonly YearAmount[]): {
  totalAmount: number | null;
  firstYear: number | null;
} {
  if (amounts.length === 0) return { totalAmount: null, firstYear: null };
  return {
    totalAmount: amounts.reduce((s, a) => s + a.amount, 0),
    firstYear: Math.min(...amounts.map((a) => a.year)),
  };
}

// ---------------------------------------------------------------- Proposals: content and state

/** Budget line fields a proposal's amounts are taken from. */
export interface LineForProposal {
  initiative: Ref<InitiativeId> | null;
  year: number;
  kind: string;
  amount: number | null;
}

/**
 * A proposal's amounts from its initiatives' budget lines: per year and kind (Anlæg, Drift;
 * Gevinst lines are savings, not money asked for), summed over the initiatives, in year then
 * kind order. The secretary adjusts them afterwards.
 */
export function amountsFromLines(
  initiatives: readonly Ref<InitiativeId>[],
  lines: readonly LineForProposal[],
): YearAmount[] {
  const ids = new Set(initiatives.map((i) => i.id));
  const sums = new Map<string, YearAmount>();
  for (const l of lines) {
    if (!l.initiative || !ids.has(l.initiative.id) || !l.amount) continue;
    if (l.kind !== "Anlæg" && l.kind !== "Drift") continue;
    const k = `${l.year}|${l.kind}`;
    const prev = sums.get(k);
    sums.set(k, { year: l.year, kind: l.kind, amount: (prev?.amount ?? 0) + l.amount });
  }
  return [...sums.values()].sort(
    (a, b) => a.year - b.year || (a.kind ?? "").localeCompare(b.kind ?? ""),
  );
}

/**
 * What is wrong with a proposal for the budget: every problem names its field. No initiative
 * (`initiatives`), an amount in a year that is not a budget year or a negative amount
 * (`amountsByYear`), besides the list's own rules (validateFundingProposal).
 */
export function proposalProblems(
  d: FundingProposalDraft,
  budgetYears: readonly number[],
): Problem[] {
  const problems: Problem[] = [];
  if (d.title.trim() === "")
    problems.push(problem("funding.problem.needTitle", undefined, "title"));
  if (d.initiatives.length === 0) {
    problems.push(problem("funding.problem.noInitiative", undefined, "initiatives"));
  }
  const outside = d.amountsByYear.filter((a) => !budgetYears.includes(a.year));
  if (outside.length > 0) {
    problems.push(
      problem(
        "funding.problem.proposalYearOutside",
        { year: outside[0]?.year ?? null, years: budgetYears.join(", ") },
        "amountsByYear",
      ),
    );
  }
  if (d.amountsByYear.some((a) => !Number.isFinite(a.amount) || a.amount < 0)) {
    problems.push(problem("funding.problem.negativeAmount", undefined, "amountsByYear"));
  }
  return problems;
}

/** The chair and the secretary write proposals (FundingProposals: Formand, Sekretariat). */
export function mayEditProposals(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair");
}

/**
 * How a proposal's state may move: Kladde → Indstillet (recommended to the forum) → Godkendt
 * (besluttet) or Afvist, each of the last two only with the decision that settled it; Indstillet
 * can go back to Kladde; Kladde and Indstillet can be withdrawn. Decided proposals stay decided.
 */
export const PROPOSAL_STATE_MOVES: Readonly<Record<FundingState, readonly FundingState[]>> = {
  Kladde: ["Indstillet", "Trukket tilbage"],
  Indstillet: ["Godkendt", "Afvist", "Kladde", "Trukket tilbage"],
  Godkendt: [],
  Afvist: [],
  "Trukket tilbage": [],
};

/** States that need the decision that settled them. */
export const DECIDED_STATES: readonly FundingState[] = ["Godkendt", "Afvist"];

/** Why a proposal cannot move from `from` to `to` (null when it can). */
export function proposalMoveProblem(
  from: FundingState,
  to: FundingState,
  decision: number | null,
): Problem | null {
  if (!PROPOSAL_STATE_MOVES[from].includes(to)) {
    return problem("funding.problem.stateMove", { from, to }, "state");
  }
  if (DECIDED_STATES.includes(to) && decision === null) {
    return problem("funding.problem.needDecision", { to }, "decision");
  }
  return null;
}
