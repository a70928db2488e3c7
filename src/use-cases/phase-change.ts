/**
 * Changing the committee's gates on an initiative (issue 4 §4): its phase, its priority and its
 * mandatory flag. The domain decides (`planTransition`: allowed transition, who may make it,
 * the gates; `planGateChange`: the chair or the secretary), then the initiative is written with
 * the version it was read at (a stale version is a `Conflict`, never a silent overwrite), and
 * the change is recorded in PhaseChanges (who and when as the server records them; from, to,
 * reason, decision). Only recorded changes count (`replayGates`), so the record is what makes
 * the change; the column on the initiative follows it. Used by the board (drag and drop,
 * keyboard), the initiative page and its edit form.
 */
import type { Clock } from "../domain/clock.js";
import { err, ok, type Ref, type Result } from "../domain/common.js";
import type { DecisionId, InitiativeId, Version } from "../domain/ids.js";
import {
  type GateRefusal,
  type GateReplay,
  type Gates,
  planGateChange,
  planTransition,
  replayGates,
  type TransitionFacts,
  type TransitionRefusal,
  withValidGates,
} from "../domain/lifecycle.js";
import {
  checkBudgetLines,
  type Initiative,
  type PhaseChange,
  type PhaseChangeDraft,
} from "../domain/portfolio.js";
import type { Phase } from "../domain/vocabulary.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { loadRoster, type TrustPorts } from "./portfolio-audit.js";

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

/** An initiative as the committee counts it, with the facts its gates look at. */
export interface CheckedTransition {
  /** The stored initiative with its gates as the valid records set them. */
  initiative: Initiative;
  /** Its valid budget lines and valid records; benefits and allocations as stored. */
  facts: TransitionFacts;
  replay: GateReplay;
}

/**
 * Reads an initiative and what its gates need, checked: the phase, priority and mandatory flag
 * its valid records set (`replayGates`), only those records as its history, and only budget
 * lines written by someone allowed to.
 */
export async function loadCheckedTransition(
  ports: TrustPorts,
  id: InitiativeId,
): Promise<CheckedTransition> {
  const r = ports.repositories;
  const [initiative, roster, budgetLines, benefits, allocations, history] = await Promise.all([
    r.initiatives.get(id),
    loadRoster(ports.people),
    r.budgetLines.list({ where: { initiative: id } }),
    r.benefits.list({ where: { initiative: id } }),
    r.allocations.list({ where: { initiative: id } }),
    r.phaseChanges.list({ where: { initiative: id } }),
  ]);
  const replay = replayGates(initiative, history, roster);
  return {
    initiative: withValidGates(initiative, replay),
    facts: {
      budgetLines: checkBudgetLines(budgetLines, new Map([[id as number, initiative]]), roster)
        .valid,
      benefits,
      allocations,
      history: replay.records,
    },
    replay,
  };
}

/**
 * Writes the initiative, then its change record; if the record cannot be written, the
 * initiative's gates are put back (with the version just written), so a change never stands
 * without its record. Store errors reject as `StoreError`.
 */
async function writeWithRecord(
  repositories: Repositories,
  before: Initiative,
  after: Initiative,
  record: PhaseChangeDraft,
): Promise<{ initiative: Initiative; phaseChange: PhaseChange }> {
  const version: Version = await repositories.initiatives.update(after);
  try {
    const phaseChange = await repositories.phaseChanges.add(record);
    return { initiative: { ...after, version }, phaseChange };
  } catch (error) {
    const gates: Gates = {
      phase: before.phase,
      priority: before.priority,
      priorityScore: before.priorityScore,
      mandatory: before.mandatory,
    };
    await repositories.initiatives.update({ ...after, ...gates, version }).catch(() => undefined);
    throw error;
  }
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
 * `request.initiative` must carry its valid gates (`loadCheckedTransition`, or the initiative
 * page's): the change is planned from its phase, and a record from any other phase would not
 * count. Store errors reject as `StoreError` (`Conflict` when someone else changed the
 * initiative). If recording the change fails after the phase was written, the phase is put
 * back, so the history never misses a change.
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
  return ok(
    await writeWithRecord(
      repositories,
      initiative,
      { ...initiative, phase: planned.value.phase },
      planned.value.phaseChange,
    ),
  );
}

export interface GateChangeRequest {
  /** The initiative with its valid gates, at the version the user saw. */
  initiative: Initiative;
  change: { priority: number | null; priorityScore: number | null } | { mandatory: boolean };
  reason?: string;
  decision?: Ref<DecisionId> | null;
}

/**
 * Sets an initiative's priority (with its score) or its mandatory flag, with its record: the
 * chair's or the secretary's to do (`planGateChange`), refused as `notPermitted` for anyone
 * else and as `unchanged` when it is already so.
 */
export async function changeGate(
  ports: PhaseChangePorts,
  request: GateChangeRequest,
): Promise<Result<PhaseChanged, GateRefusal>> {
  const me = await ports.currentUser.me();
  const { initiative, change } = request;
  const planned = planGateChange(
    initiative,
    change,
    me,
    request.reason ?? "",
    request.decision ?? null,
    ports.clock,
  );
  if (!planned.ok) return err(planned.error);
  return ok(
    await writeWithRecord(
      ports.repositories,
      initiative,
      { ...initiative, ...change },
      planned.value,
    ),
  );
}

/**
 * Writes an edited initiative whose mandatory flag changed from `before`, with the record of
 * that change (the caller has checked the person may: `maySetGates`).
 */
export async function saveWithMandatoryRecord(
  ports: PhaseChangePorts,
  before: Initiative,
  after: Initiative,
): Promise<Result<Initiative, GateRefusal>> {
  const me = await ports.currentUser.me();
  const planned = planGateChange(before, { mandatory: after.mandatory }, me, "", null, ports.clock);
  if (!planned.ok) return err(planned.error);
  return ok((await writeWithRecord(ports.repositories, before, after, planned.value)).initiative);
}
