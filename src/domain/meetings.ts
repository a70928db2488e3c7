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
  /** The Chefforum channel post of the approved minutes. */
  channelMessageId: string;
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
