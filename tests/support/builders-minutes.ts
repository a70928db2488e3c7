/**
 * Builders for the minutes' four eyes: stored meetings, points, decisions and actions with the
 * audit fields the store adds (who changed them last, when), the chair's approvals as
 * SharePoint records them (Author/Editor), and a roster with the chair in Formand.
 */
import type { Person } from "../../src/domain/common.js";
import { idOf, type MeetingId, type MinutesApprovalId, versionOf } from "../../src/domain/ids.js";
import type {
  AgendaItem,
  AgendaItemDraft,
  Decision,
  DecisionDraft,
  FollowUpAction,
  FollowUpActionDraft,
  Meeting,
  MeetingDraft,
  MinutesApproval,
  MinutesApprovalDraft,
} from "../../src/domain/meetings.js";
import { type Roster, rosterFrom } from "../../src/domain/roles.js";
import { aDecision, aFollowUpAction, aMeeting, anAgendaItem, aRef } from "./builders.js";
import { chair, secretary } from "./builders-lifecycle.js";

interface Audit {
  id?: number;
  created?: string;
  modified?: string;
  createdBy?: Person | null;
  modifiedBy?: Person | null;
}

function stored<T>(draft: object, o: Audit): T {
  const by = o.createdBy === undefined ? secretary : o.createdBy;
  return {
    ...draft,
    id: o.id ?? 1,
    version: versionOf("1"),
    created: o.created ?? "2026-03-10T12:00:00Z",
    modified: o.modified ?? o.created ?? "2026-03-10T12:00:00Z",
    createdBy: by,
    modifiedBy: o.modifiedBy === undefined ? by : o.modifiedBy,
  } as T;
}

export const aStoredMeeting = (o: Partial<MeetingDraft> & Audit = {}): Meeting =>
  stored<Meeting>({ ...aMeeting({ state: "Afholdt" }), ...strip(o) }, o);

export const aStoredPoint = (o: Partial<AgendaItemDraft> & Audit = {}): AgendaItem =>
  stored<AgendaItem>({ ...anAgendaItem({ meeting: aRef(1) }), ...strip(o) }, o);

export const aStoredDecision = (o: Partial<DecisionDraft> & Audit = {}): Decision =>
  stored<Decision>({ ...aDecision({ meeting: aRef(1) }), ...strip(o) }, o);

export const aStoredAction = (o: Partial<FollowUpActionDraft> & Audit = {}): FollowUpAction =>
  stored<FollowUpAction>({ ...aFollowUpAction({ meeting: aRef(1) }), ...strip(o) }, o);

/** The chair's approval of meeting 1 (unless said otherwise), written by the chair. */
export function anApproval(
  o: Partial<MinutesApprovalDraft> & Audit = {},
): MinutesApproval & { id: MinutesApprovalId } {
  return stored<MinutesApproval>(
    {
      title: "Referat godkendt: Styregruppemøde marts",
      meeting: { id: idOf<MeetingId>(1), title: "Styregruppemøde marts" },
      contentHash: `sha256:${"0".repeat(64)}`,
      approvedAt: "2026-03-11T10:00:00Z",
      ...strip(o),
    },
    { createdBy: chair, ...o },
  );
}

/** Formand: the chair only (the secretary and members are not in it). */
export const chairRoster = (...chairs: Person[]): Roster =>
  rosterFrom({ chair: chairs.length > 0 ? chairs : [chair], secretary: [secretary] });

function strip<T extends Audit>(o: T): Omit<T, keyof Audit> {
  const { id: _i, created: _c, modified: _m, createdBy: _cb, modifiedBy: _mb, ...rest } = o;
  return rest;
}
