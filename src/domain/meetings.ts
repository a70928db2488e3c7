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
  title: { label: "Mødetitel", required: true, maxLength: TEXT_MAX },
  start: { label: "Start", required: true },
  end: { label: "Slut", required: true },
  kind: { label: "Mødetype", oneOf: MEETING_KINDS },
  location: { label: "Sted", maxLength: TEXT_MAX },
  state: { label: "Status", required: true, oneOf: MEETING_STATES },
  graphEventId: { label: "Kalenderaftale", maxLength: TEXT_MAX },
  joinUrl: { label: "Teams-link", maxLength: NOTE_MAX },
  channelMessageId: { label: "Kanalopslag", maxLength: TEXT_MAX },
  postingClaim: { label: "Opslag i gang", maxLength: TEXT_MAX },
};

export function validateMeeting(d: MeetingDraft): Validation {
  return validateWith(MEETING_RULES, d, (x) => [
    ...checkDates(x, {
      start: "Start",
      end: "Slut",
      agendaSentAt: "Dagsorden udsendt",
      minutesApprovedAt: "Referat godkendt",
    }),
    ...(x.start && x.end && Date.parse(x.end) <= Date.parse(x.start)
      ? [{ field: "end", message: "Slut skal ligge efter start." }]
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
  title: { label: "Beskrivelse", required: true, maxLength: TEXT_MAX },
  meeting: { label: "Møde", required: true },
  contentHash: { label: "Referatets fingeraftryk", required: true, maxLength: 100 },
  approvedAt: { label: "Godkendt", required: true },
};

export function validateMinutesApproval(d: MinutesApprovalDraft): Validation {
  return validateWith(MINUTES_APPROVAL_RULES, d, (x) => [
    ...checkDates(x, { approvedAt: "Godkendt" }),
    ...(x.contentHash && !CONTENT_HASH_PATTERN.test(x.contentHash)
      ? [{ field: "contentHash", message: "Referatets fingeraftryk er ikke et SHA-256-aftryk." }]
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
  title: { label: "Overskrift", required: true, maxLength: TEXT_MAX },
  meeting: { label: "Møde", required: true },
  sortOrder: { label: "Rækkefølge", required: true, min: 0 },
  kind: { label: "Punkttype", required: true, oneOf: AGENDA_KINDS },
  durationMinutes: { label: "Varighed (minutter)", min: 0, max: AGENDA_DURATION_MAX },
  recommendation: { label: "Indstilling", maxLength: NOTE_MAX },
  minutesText: { label: "Referat", maxLength: NOTE_MAX },
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
  title: { label: "Beslutning", required: true, maxLength: TEXT_MAX },
  text: { label: "Beslutningstekst", required: true, maxLength: NOTE_MAX },
  carriedTo: { label: "Videre til", oneOf: FORUMS },
  decidedAt: { label: "Besluttet", required: true },
};

export function validateDecision(d: DecisionDraft): Validation {
  return validateWith(DECISION_RULES, d, (x) => checkDates(x, { decidedAt: "Besluttet" }));
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
  title: { label: "Opgave", required: true, maxLength: TEXT_MAX },
  description: { label: "Beskrivelse", maxLength: NOTE_MAX },
  owner: { label: "Ansvarlig", required: true },
  state: { label: "Status", required: true, oneOf: ACTION_STATES },
};

export function validateFollowUpAction(d: FollowUpActionDraft): Validation {
  return validateWith(FOLLOW_UP_ACTION_RULES, d, (x) => checkDates(x, { due: "Frist" }));
}
