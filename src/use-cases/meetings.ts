/**
 * Reading the committee's meetings outside the plan: one meeting's list item (Møder) and the
 * decision log (the decisions of approved minutes, drafts on request, with the follow-up
 * actions still open). Views reach them only
 * through these use-cases, never the repositories.
 */
import type { Clock } from "../domain/clock.js";
import type { MeetingId } from "../domain/ids.js";
import {
  approvedMinutesMeetings,
  mayShowDraftDecisions,
  meetingAsOf,
  OPEN_ACTION_STATES,
} from "../domain/meeting-plan.js";
import type { Decision, FollowUpAction, Meeting } from "../domain/meetings.js";
import type { CurrentUser } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";

/** One meeting's list item, as it stands now (held once its end has passed). */
export async function loadMeeting(
  ports: { repositories: Pick<Repositories, "meetings">; clock: Clock },
  id: MeetingId,
): Promise<Meeting> {
  return meetingAsOf(await ports.repositories.meetings.get(id), ports.clock.now());
}

export interface DecisionLog {
  /** Every decision the user can read; `approvedMeetings` says which are of approved minutes. */
  decisions: Decision[];
  /** The meetings whose minutes are approved (see `approvedMinutesMeetings`). */
  approvedMeetings: ReadonlySet<number>;
  /** Whether this user may ask for the drafts (decisions of minutes not yet approved). */
  mayShowDrafts: boolean;
  /** The follow-up actions still to be done (Åben, I gang). */
  actions: FollowUpAction[];
}

/**
 * Every decision, which meetings' minutes are approved (the meetings that say so, read by their
 * indexed State, and the chair's approvals), and the open follow-up actions, read in parallel.
 * The log shows decisions of approved minutes; the secretary and the chair may ask for drafts.
 */
export async function loadDecisionLog(ports: {
  repositories: Pick<Repositories, "decisions" | "actions" | "meetings" | "minutesApprovals">;
  currentUser: CurrentUser;
}): Promise<DecisionLog> {
  const { repositories } = ports;
  const [me, decisions, actions, approvedState, approvals] = await Promise.all([
    ports.currentUser.me(),
    repositories.decisions.list(),
    repositories.actions.list({ where: { state: OPEN_ACTION_STATES } }),
    repositories.meetings.list({ where: { state: ["Referat godkendt", "Referat udsendt"] } }),
    repositories.minutesApprovals.list(),
  ]);
  return {
    decisions,
    approvedMeetings: approvedMinutesMeetings(approvedState, approvals),
    mayShowDrafts: mayShowDraftDecisions(me),
    actions,
  };
}
