/**
 * Reading the committee's meetings outside the plan: one meeting's list item (Møder) and the
 * decision log (every decision, with the follow-up actions still open). Views reach them only
 * through these use-cases, never the repositories.
 */
import type { Clock } from "../domain/clock.js";
import type { MeetingId } from "../domain/ids.js";
import { meetingAsOf, OPEN_ACTION_STATES } from "../domain/meeting-plan.js";
import type { Decision, FollowUpAction, Meeting } from "../domain/meetings.js";
import type { Repositories } from "../ports/repositories.js";

/** One meeting's list item, as it stands now (held once its end has passed). */
export async function loadMeeting(
  ports: { repositories: Pick<Repositories, "meetings">; clock: Clock },
  id: MeetingId,
): Promise<Meeting> {
  return meetingAsOf(await ports.repositories.meetings.get(id), ports.clock.now());
}

export interface DecisionLog {
  decisions: Decision[];
  /** The follow-up actions still to be done (Åben, I gang). */
  actions: FollowUpAction[];
}

/** Every decision and the open follow-up actions, read in parallel. */
export async function loadDecisionLog(
  repositories: Pick<Repositories, "decisions" | "actions">,
): Promise<DecisionLog> {
  const [decisions, actions] = await Promise.all([
    repositories.decisions.list(),
    repositories.actions.list({ where: { state: OPEN_ACTION_STATES } }),
  ]);
  return { decisions, actions };
}
