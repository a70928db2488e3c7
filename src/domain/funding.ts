/**
 * Financing proposals (finansieringsforslag, DESIGN.md §2.5): multi-year amounts for one or
 * more initiatives, a funding source and the forum that decides.
 */
import type { Ref, Stored } from "./common.js";
import type { FundingProposalId, InitiativeId } from "./ids.js";
import { YEAR_MAX, YEAR_MIN } from "./portfolio.js";
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
}

export interface FundingProposalDraft {
  title: string;
  initiatives: Ref<InitiativeId>[];
  source: FundingSource;
  forum: FundingForum;
  state: FundingState;
  amountsByYear: YearAmount[];
  rationale: string;
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
    if (new Set(years).size !== years.length) {
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
