/**
 * Meetings, agendas, decisions and follow-up actions (DESIGN.md §2.6–2.7).
 */
import type { IsoDateTime, Person, Ref, Stored } from "./common.js";
import type {
  ActionId,
  AgendaItemId,
  AreaId,
  BenefitId,
  DecisionId,
  FundingProposalId,
  InitiativeId,
  MeetingId,
  MinutesApprovalId,
} from "./ids.js";
import {
  checkDates,
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";
import {
  ACTION_STATES,
  type ActionState,
  AGENDA_KINDS,
  type AgendaKind,
  type Forum,
  FORUMS,
  MEETING_KINDS,
  MEETING_STATES,
  type MeetingKind,
  type MeetingState,
} from "./vocabulary.js";

// ---------------------------------------------------------------- Meetings (Møder)

export interface MeetingDraft {
  title: string;
  start: IsoDateTime;
  end: IsoDateTime;
  kind: MeetingKind | null;
  location: string;
  state: MeetingState;
  /** The Outlook event created through Graph. */
  graphEventId: string;
  joinUrl: string;
  agendaSentAt: IsoDateTime | null;
  minutesApprovedAt: IsoDateTime | null;
  minutesApprovedBy: Person | null;
  /**
   * The record of the approved minutes' posting to Chefforum's channel: the posting's revision
   * and the message ids of its parts (see `parsePosting` in minutes.ts).
   */
  channelMessageId: string;
  /**
   * Who is posting the minutes to Chefforum right now (see `parseClaim` in minutes.ts), written
   * with the meeting's version so only one poster at a time holds it; "" when nobody does.
   * Optional in a draft: a write without it leaves the stored claim as it is.
   */
  postingClaim?: string;
}
export type Meeting = Stored<MeetingDraft, MeetingId>;

export const MEETING_RULES: Rules<MeetingDraft> = {
  title: { label: "fields.meeting.title", required: true, maxLength: TEXT_MAX },
  start: { label: "fields.meeting.start", required: true },
  end: { label: "fields.meeting.end", required: true },
  kind: { label: "fields.meeting.kind", oneOf: MEETING_KINDS },
  location: { label: "fields.meeting.location", maxLength: TEXT_MAX },
  state: { label: "fields.meeting.state", required: true, oneOf: MEETING_STATES },
  graphEventId: { label: "fields.meeting.graphEventId", maxLength: TEXT_MAX },
  joinUrl: { label: "fields.meeting.joinUrl", maxLength: NOTE_MAX },
  channelMessageId: { label: "fields.meeting.channelMessageId", maxLength: TEXT_MAX },
  postingClaim: { label: "fields.meeting.postingClaim", maxLength: TEXT_MAX },
};

export function validateMeeting(d: MeetingDraft): Validation {
  return validateWith(MEETING_RULES, d, (x) => [
    ...checkDates(x, {
      start: "fields.meeting.start",
      end: "fields.meeting.end",
      agendaSentAt: "fields.meeting.agendaSentAt",
      minutesApprovedAt: "fields.meeting.minutesApprovedAt",
    }),
    ...(x.start && x.end && Date.parse(x.end) <= Date.parse(x.start)
      ? [fieldProblem("validation.meeting.endBeforeStart", "end")]
      : []),
  ]);
}

// ---------------------------------------------------------------- MinutesApprovals

/**
 * The chair's approval of a meeting's minutes, in a list only Formand can write. What was
 * approved is pinned by `contentHash` (`minutesContentHash` in minutes.ts of the minutes as the
 * chair read them): an edit of the minutes afterwards makes the approval stale. Who approved is
 * the item's Author, a fact SharePoint sets; `approvedAt` is the chair's own statement of when.
 */
export interface MinutesApprovalDraft {
  title: string;
  meeting: Ref<MeetingId> | null;
  contentHash: string;
  approvedAt: IsoDateTime;
}
export type MinutesApproval = Stored<MinutesApprovalDraft, MinutesApprovalId>;

/** `sha256:` and 64 lowercase hex digits. */
export const CONTENT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

export const MINUTES_APPROVAL_RULES: Rules<MinutesApprovalDraft> = {
  title: { label: "fields.minutesApproval.title", required: true, maxLength: TEXT_MAX },
  meeting: { label: "fields.minutesApproval.meeting", required: true },
  contentHash: { label: "fields.minutesApproval.contentHash", required: true, maxLength: 100 },
  approvedAt: { label: "fields.minutesApproval.approvedAt", required: true },
};

export function validateMinutesApproval(d: MinutesApprovalDraft): Validation {
  return validateWith(MINUTES_APPROVAL_RULES, d, (x) => [
    ...checkDates(x, { approvedAt: "fields.minutesApproval.approvedAt" }),
    ...(x.contentHash && !CONTENT_HASH_PATTERN.test(x.contentHash)
      ? [fieldProblem("validation.minutesApproval.contentHash", "contentHash")]
      : []),
  ]);
}

// ---------------------------------------------------------------- AgendaItems (Dagsordenspunkter)

/** A point may take at most a whole working day. */
export const AGENDA_DURATION_MAX = 480;

export interface AgendaItemDraft {
  title: string;
  meeting: Ref<MeetingId> | null;
  sortOrder: number;
  kind: AgendaKind;
  initiative: Ref<InitiativeId> | null;
  fundingProposal: Ref<FundingProposalId> | null;
  benefit: Ref<BenefitId> | null;
  presenter: Person | null;
  durationMinutes: number | null;
  /** The secretariat's recommendation (indstilling). */
  recommendation: string;
  minutesText: string;
  invitedAreas: Ref<AreaId>[];
}
export type AgendaItem = Stored<AgendaItemDraft, AgendaItemId>;

export const AGENDA_ITEM_RULES: Rules<AgendaItemDraft> = {
  title: { label: "fields.agendaItem.title", required: true, maxLength: TEXT_MAX },
  meeting: { label: "fields.agendaItem.meeting", required: true },
  sortOrder: { label: "fields.agendaItem.sortOrder", required: true, min: 0 },
  kind: { label: "fields.agendaItem.kind", required: true, oneOf: AGENDA_KINDS },
  durationMinutes: { label: "fields.agendaItem.durationMinutes", min: 0, max: AGENDA_DURATION_MAX },
  recommendation: { label: "fields.agendaItem.recommendation", maxLength: NOTE_MAX },
  minutesText: { label: "fields.agendaItem.minutesText", maxLength: NOTE_MAX },
};

export function validateAgendaItem(d: AgendaItemDraft): Validation {
  return validateWith(AGENDA_ITEM_RULES, d);
}

// ---------------------------------------------------------------- Decisions (Beslutninger)

export interface DecisionDraft {
  title: string;
  meeting: Ref<MeetingId> | null;
  agendaItem: Ref<AgendaItemId> | null;
  initiative: Ref<InitiativeId> | null;
  text: string;
  carriedTo: Forum[];
  decidedAt: IsoDateTime;
}
export type Decision = Stored<DecisionDraft, DecisionId>;

export const DECISION_RULES: Rules<DecisionDraft> = {
  title: { label: "fields.decision.title", required: true, maxLength: TEXT_MAX },
  text: { label: "fields.decision.text", required: true, maxLength: NOTE_MAX },
  carriedTo: { label: "fields.decision.carriedTo", oneOf: FORUMS },
  decidedAt: { label: "fields.decision.decidedAt", required: true },
};

export function validateDecision(d: DecisionDraft): Validation {
  return validateWith(DECISION_RULES, d, (x) =>
    checkDates(x, { decidedAt: "fields.decision.decidedAt" }),
  );
}

// ---------------------------------------------------------------- Actions (Opfølgningspunkter)

export interface FollowUpActionDraft {
  title: string;
  description: string;
  owner: Person | null;
  due: IsoDateTime | null;
  state: ActionState;
  meeting: Ref<MeetingId> | null;
  decision: Ref<DecisionId> | null;
  initiative: Ref<InitiativeId> | null;
}
export type FollowUpAction = Stored<FollowUpActionDraft, ActionId>;

export const FOLLOW_UP_ACTION_RULES: Rules<FollowUpActionDraft> = {
  title: { label: "fields.followUpAction.title", required: true, maxLength: TEXT_MAX },
  description: { label: "fields.followUpAction.description", maxLength: NOTE_MAX },
  owner: { label: "fields.followUpAction.owner", required: true },
  state: { label: "fields.followUpAction.state", required: true, oneOf: ACTION_STATES },
};

export function validateFollowUpAction(d: FollowUpActionDraft): Validation {
  return validateWith(FOLLOW_UP_ACTION_RULES, d, (x) =>
    checkDates(x, { due: "fields.followUpAction.due" }),
  );
}
