/**
 * Financing proposals (finansieringsforslag, DESIGN.md §2.5): multi-year amounts for one or
 * more initiatives, a funding source and the forum that decides.
 */
import type { Ref, Stored } from "./common.js";
import type { FundingProposalId, InitiativeId } from "./ids.js";
import { YEAR_MAX, YEAR_MIN } from "./portfolio.js";
import { NOTE_MAX, type Rules, TEXT_MAX, validateWith, type Validation } from "./validation.js";
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
  title: { label: "Titel", required: true, maxLength: TEXT_MAX },
  initiatives: { label: "Tiltag", required: true },
  source: { label: "Finansieringskilde", required: true, oneOf: FUNDING_SOURCES },
  forum: { label: "Forum", required: true, oneOf: FUNDING_FORUMS },
  state: { label: "Status", required: true, oneOf: FUNDING_STATES },
  rationale: { label: "Begrundelse", maxLength: NOTE_MAX },
};

export function validateFundingProposal(d: FundingProposalDraft): Validation {
  return validateWith(FUNDING_PROPOSAL_RULES, d, (x) => {
    const years = x.amountsByYear.map((a) => a.year);
    const problems = [];
    if (years.some((y) => !Number.isInteger(y) || y < YEAR_MIN || y > YEAR_MAX)) {
      problems.push({
        field: "amountsByYear",
        message: `Årstal skal ligge mellem ${YEAR_MIN} og ${YEAR_MAX}.`,
      });
    }
    if (new Set(years).size !== years.length) {
      problems.push({ field: "amountsByYear", message: "Hvert år må kun stå én gang." });
    }
    if (x.amountsByYear.some((a) => !Number.isFinite(a.amount))) {
      problems.push({ field: "amountsByYear", message: "Beløb skal være tal." });
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
