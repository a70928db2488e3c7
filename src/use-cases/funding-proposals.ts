/**
 * Financing proposals (finansieringsforslag): written by the chair or the secretary, with
 * amounts per year and kind taken from the initiatives' budget lines and adjusted, and a state
 * that moves Kladde → Indstillet → Godkendt (besluttet) or Afvist with the decision that
 * settled it: at a meeting, recording the decision on the proposal's agenda point moves it.
 */
import type { Ref } from "../domain/common.js";
import { ok } from "../domain/common.js";
import {
  amountsFromLines,
  type FundingProposal,
  type FundingProposalDraft,
  mayEditProposals,
  proposalMoveProblem,
  proposalProblems,
  type YearAmount,
} from "../domain/funding.js";
import type { FundingProposalId, InitiativeId } from "../domain/ids.js";
import { parseBudgetYears } from "../domain/intake.js";
import { type Outcome, type Problem, refuse } from "../domain/problems.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { FundingState } from "../domain/vocabulary.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";

export interface ProposalPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
}

async function budgetYears(repositories: Repositories): Promise<number[]> {
  const settings = await repositories.settings.list({ where: { key: SETTING_KEYS.budgetYears } });
  const s = settings.find((x) => x.key === SETTING_KEYS.budgetYears);
  return s ? parseBudgetYears(s.value) : [];
}

/** The proposals, newest first. */
export async function listProposals(repositories: Repositories): Promise<FundingProposal[]> {
  return (await repositories.fundingProposals.list()).sort((a, b) =>
    b.created.localeCompare(a.created),
  );
}

/** The amounts per year and kind the initiatives' budget lines give (to start a proposal from). */
export async function proposalAmounts(
  repositories: Repositories,
  initiatives: readonly Ref<InitiativeId>[],
): Promise<YearAmount[]> {
  if (initiatives.length === 0) return [];
  const lines = await repositories.budgetLines.list();
  return amountsFromLines(initiatives, lines);
}

export type ProposalRefusal = Problem & { problems?: Problem[] };

/**
 * Saves a new proposal (or `existing` changed): only by the chair or the secretary, and only
 * when nothing is wrong with it (every problem named by its field; nothing is written then).
 * A new proposal starts as Kladde; its state moves only through `moveProposal`.
 */
export async function saveProposal(
  ports: ProposalPorts,
  draft: FundingProposalDraft,
  existing: FundingProposal | null = null,
): Promise<Outcome<FundingProposal>> {
  const me = await ports.currentUser.me();
  if (!mayEditProposals(me)) return refuse("funding.problem.onlyManagersPropose");
  const problems = proposalProblems(draft, await budgetYears(ports.repositories));
  if (problems.length > 0) {
    const [first] = problems;
    return { ok: false, error: { ...first!, problems } as ProposalRefusal };
  }
  if (!existing) {
    return ok(
      await ports.repositories.fundingProposals.add({
        ...draft,
        state: "Kladde",
        decisionId: null,
      }),
    );
  }
  const next: FundingProposal = {
    ...existing,
    ...draft,
    state: existing.state,
    decisionId: existing.decisionId ?? null,
  };
  const version = await ports.repositories.fundingProposals.update(next);
  return ok({ ...next, version });
}

/**
 * Moves a proposal's state (PROPOSAL_STATE_MOVES): Godkendt and Afvist only with the decision
 * that settled it, which is kept on the proposal.
 */
export async function moveProposal(
  ports: ProposalPorts,
  proposal: FundingProposal,
  to: FundingState,
  decisionId: number | null = null,
): Promise<Outcome<FundingProposal>> {
  const me = await ports.currentUser.me();
  if (!mayEditProposals(me)) return refuse("funding.problem.onlyManagersPropose");
  const refused = proposalMoveProblem(proposal.state, to, decisionId);
  if (refused) return { ok: false, error: refused };
  const next: FundingProposal = {
    ...proposal,
    state: to,
    decisionId: decisionId ?? proposal.decisionId ?? null,
  };
  const version = await ports.repositories.fundingProposals.update(next);
  return ok({ ...next, version });
}

/**
 * The outcome of a meeting's decision on a proposal's agenda point: Godkendt or Afvist with the
 * decision. A proposal still in Kladde is first Indstillet (it was put before the meeting).
 */
export async function decideProposal(
  ports: ProposalPorts,
  proposalId: FundingProposalId,
  outcome: "Godkendt" | "Afvist",
  decisionId: number,
): Promise<Outcome<FundingProposal>> {
  let proposal = await ports.repositories.fundingProposals.get(proposalId);
  if (proposal.state === "Kladde") {
    const recommended = await moveProposal(ports, proposal, "Indstillet");
    if (!recommended.ok) return recommended;
    proposal = recommended.value;
  }
  return moveProposal(ports, proposal, outcome, decisionId);
}
