/**
 * Moving an initiative to another phase (issue 4 §4): the domain decides (`planTransition`:
 * allowed transition, who may make it, the gates), then the initiative's phase is written with
 * the version it was read at (a stale version is a `Conflict`, never a silent overwrite), and the
 * change is recorded in PhaseChanges (who, when, from, to, reason, decision). Used by the board
 * (drag and drop, keyboard) and by the initiative page.
 */
import type { Clock } from "../domain/clock.js";
import { err, ok, type Ref, type Result } from "../domain/common.js";
import type { DecisionId, InitiativeId, Version } from "../domain/ids.js";
import {
  planTransition,
  type TransitionFacts,
  type TransitionRefusal,
} from "../domain/lifecycle.js";
import type { Initiative, PhaseChange } from "../domain/portfolio.js";
import type { Phase } from "../domain/vocabulary.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";

export interface PhaseChangePorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
}

/** What the gates need besides the initiative: its budget lines, benefits, allocations, history. */
export async function loadTransitionFacts(
  repositories: Repositories,
  initiative: InitiativeId,
): Promise<TransitionFacts> {
  const [budgetLines, benefits, allocations, history] = await Promise.all([
    repositories.budgetLines.list({ where: { initiative } }),
    repositories.benefits.list({ where: { initiative } }),
    repositories.allocations.list({ where: { initiative } }),
    repositories.phaseChanges.list({ where: { initiative } }),
  ]);
  return { budgetLines, benefits, allocations, history };
}

export interface PhaseChangeRequest {
  /** The initiative as the user saw it: its `version` guards against a concurrent change. */
  initiative: Initiative;
  to: Phase;
  reason: string;
  decision?: Ref<DecisionId> | null;
  /** Facts already loaded (the initiative page has them); loaded here otherwise. */
  facts?: TransitionFacts;
}

export interface PhaseChanged {
  initiative: Initiative;
  phaseChange: PhaseChange;
}

/**
 * Makes the change, or says why not (`TransitionRefusal`, with everything missing at a gate).
 * Store errors reject as `StoreError` (`Conflict` when someone else changed the initiative).
 * If recording the change fails after the phase was written, the phase is put back, so the
 * history never misses a change.
 */
export async function changePhase(
  ports: PhaseChangePorts,
  request: PhaseChangeRequest,
): Promise<Result<PhaseChanged, TransitionRefusal>> {
  const { repositories } = ports;
  const { initiative, to } = request;
  const [me, facts] = await Promise.all([
    ports.currentUser.me(),
    request.facts ?? loadTransitionFacts(repositories, initiative.id),
  ]);
  const planned = planTransition(
    initiative,
    facts,
    to,
    me,
    request.reason,
    request.decision ?? null,
    ports.clock,
  );
  if (!planned.ok) return err(planned.error);

  const version: Version = await repositories.initiatives.update({
    ...initiative,
    phase: planned.value.phase,
  });
  try {
    const phaseChange = await repositories.phaseChanges.add(planned.value.phaseChange);
    return ok({ initiative: { ...initiative, phase: planned.value.phase, version }, phaseChange });
  } catch (error) {
    await repositories.initiatives
      .update({ ...initiative, phase: initiative.phase, version })
      .catch(() => undefined);
    throw error;
  }
}
