/**
 * The agenda builder's rules (issue 6 §2), pure: which list items are candidates for a meeting's
 * agenda and in which group, which are already on it, the order of the points (only changed
 * positions are written), the total time against the meeting's length, which area
 * representatives the meeting's attendees gain or lose, what must hold before the agenda is
 * sent, and the invitation's body as escaped HTML.
 *
 * Area representatives are invited as *optional* attendees: that is how the app knows the ones
 * it added. When their area's last point goes, only optional attendees who represent that area
 * (and no other area still on the agenda) and are not committee members are removed; required
 * attendees — the committee, and anyone the secretary added in Outlook — are never touched.
 */
import type { Benefit, BenefitMeasurement, StatusReport } from "./benefits.js";
import type { IsoDateTime, Person, Ref } from "./common.js";
import type { MeetingAttendee } from "./communication.js";
import type { FundingProposal } from "./funding.js";
import type {
  AgendaItemId,
  AreaId,
  BenefitId,
  FundingProposalId,
  InitiativeId,
  MeetingId,
} from "./ids.js";
import type { AgendaItem, AgendaItemDraft, Meeting } from "./meetings.js";
import type { FollowUpAction } from "./meetings.js";
import type { Area, Initiative } from "./portfolio.js";
import type { Round, Scenario } from "./prioritization.js";
import { type Problem, problem, type ProblemParam } from "./problems.js";
import type { Me } from "./roles.js";
import { joinHtml, link, markup, paragraphs, type SafeHtml } from "./safe-html.js";
import {
  deadlineOf,
  missingReports,
  type PeriodGranularity,
  periodOf,
  shiftPeriod,
} from "./status-reports.js";
import type { Barrier } from "./strategy.js";
import { isOpenBarrier } from "./strategy-view.js";
import { closedAtOf } from "./tally.js";
import { TEXT_MAX } from "./validation.js";
import type {
  ActionState,
  AgendaKind,
  BarrierKind,
  BarrierState,
  BenefitState,
  FundingState,
  MeetingState,
} from "./vocabulary.js";

// ---------------------------------------------------------------- who builds the agenda

/** The secretary builds and sends the agenda; the site's owners may do all. */
export function mayEditAgenda(me: Me): boolean {
  return me.roles.includes("secretary") || me.roles.includes("owner");
}

/** States in which the agenda may still be built and sent (before the meeting is held). */
export const AGENDA_OPEN_STATES: readonly MeetingState[] = ["Planlagt", "Dagsorden udsendt"];

export function isAgendaOpen(meeting: Pick<Meeting, "state">): boolean {
  return AGENDA_OPEN_STATES.includes(meeting.state);
}

/** The agenda was sent (the meeting is marked, with the time). */
export function isAgendaSent(meeting: Pick<Meeting, "agendaSentAt">): boolean {
  return meeting.agendaSentAt !== null;
}

/**
 * Points added or edited after the agenda was sent: the members' invitation no longer shows
 * the agenda as it is, so the builder says "ændret efter udsendelse" and offers to send again.
 */
export function changedAfterSending(
  meeting: Pick<Meeting, "agendaSentAt">,
  items: readonly Pick<AgendaItem, "created" | "modified">[],
): boolean {
  if (meeting.agendaSentAt === null) return false;
  const sent = Date.parse(meeting.agendaSentAt);
  return items.some((i) => Date.parse(i.modified) > sent || Date.parse(i.created) > sent);
}

// ---------------------------------------------------------------- candidates

/** The candidate groups, in the order the builder shows them. */
export const CANDIDATE_GROUPS = [
  "decision",
  "prioritization",
  "funding",
  "status",
  "benefits",
  "actions",
  "barriers",
] as const;
export type CandidateGroup = (typeof CANDIDATE_GROUPS)[number];

/** Why an item is a candidate: shown beside its title. */
export type CandidateReason =
  | { kind: "readyForDecision" }
  | { kind: "roundClosed"; closes: IsoDateTime | null }
  | { kind: "scenarioCommitted" }
  | { kind: "fundingOpen"; state: FundingState; totalAmount: number | null }
  | { kind: "status"; red: boolean; overduePeriod: string | null }
  | { kind: "benefitDue"; due: IsoDateTime }
  | { kind: "actionOpen"; state: ActionState; due: IsoDateTime | null; owner: string | null }
  | { kind: "barrierOpen"; barrierKind: BarrierKind; state: BarrierState; blocks: number };

export interface AgendaCandidate {
  /** Unique among the candidates, e.g. `initiative:12`, `round:3`. */
  key: string;
  group: CandidateGroup;
  /** The point's pre-filled title. */
  title: string;
  /** The point's suggested type. */
  kind: AgendaKind;
  initiative: Ref<InitiativeId> | null;
  fundingProposal: Ref<FundingProposalId> | null;
  benefit: Ref<BenefitId> | null;
  reason: CandidateReason;
  /** Already a point of this agenda: marked, not offered again. */
  onAgenda: boolean;
}

export interface CandidateGroupOf {
  group: CandidateGroup;
  candidates: AgendaCandidate[];
}

/** Funding proposals not yet decided. */
export const OPEN_FUNDING_STATES: readonly FundingState[] = ["Kladde", "Indstillet"];
/** Follow-up actions still to be done. */
export const OPEN_ACTION_STATES: readonly ActionState[] = ["Åben", "I gang"];
/** Benefits whose measurements are followed (as the dashboard's overdue card counts them). */
export const FOLLOWED_BENEFIT_STATES: readonly BenefitState[] = ["Godkendt", "Under realisering"];
/** Closed rounds and committed scenarios are offered for this many days. */
export const RECENT_DAYS = 120;

const DAY_MS = 86_400_000;

/**
 * A benefit's follow-up is due at `asOf` (the meeting's start) when it is followed, its next
 * measurement falls on or before that time, and no measurement has been registered since that
 * due date.
 */
export function benefitFollowUpDue(
  benefit: Pick<Benefit, "id" | "state" | "nextMeasurementDue">,
  measurements: readonly Pick<BenefitMeasurement, "benefit" | "measuredAt">[],
  asOf: Date,
): boolean {
  if (!FOLLOWED_BENEFIT_STATES.includes(benefit.state)) return false;
  if (benefit.nextMeasurementDue === null) return false;
  const due = Date.parse(benefit.nextMeasurementDue);
  if (!(due <= asOf.getTime())) return false;
  return !measurements.some((m) => m.benefit?.id === benefit.id && Date.parse(m.measuredAt) >= due);
}

/**
 * Ongoing initiatives whose status report is overdue at `asOf`: no published report for the
 * period before (it has ended), or for the current period once its deadline (the setting's
 * days before the period's end) has passed. One entry per initiative, the earliest period.
 */
export function overdueStatusReports(
  initiatives: readonly Pick<Initiative, "id" | "title" | "phase" | "owner" | "projectLead">[],
  reports: readonly Pick<StatusReport, "initiative" | "period" | "state">[],
  asOf: Date,
  granularity: PeriodGranularity,
  deadlineDays: string | null,
): { initiative: { id: InitiativeId; title: string }; period: string }[] {
  const current = periodOf(asOf, granularity);
  const previous = shiftPeriod(current, -1);
  const out = new Map<
    InitiativeId,
    { initiative: { id: InitiativeId; title: string }; period: string }
  >();
  const add = (asOfPeriod: Date, label: string) => {
    for (const m of missingReports(initiatives, reports, asOfPeriod, granularity).missing) {
      if (!out.has(m.initiative.id)) {
        out.set(m.initiative.id, {
          initiative: { id: m.initiative.id, title: m.initiative.title },
          period: label,
        });
      }
    }
  };
  add(new Date(previous.start), previous.label);
  const deadline = deadlineOf(current, deadlineDays);
  if (deadline !== null && asOf.toISOString().slice(0, 10) > deadline) {
    add(new Date(current.start), current.label);
  }
  return [...out.values()];
}

/** What the candidates are drawn from (already narrowed by the loader's indexed reads). */
export interface CandidateSources {
  meetingId: MeetingId;
  /** The meeting's start: what is due is due by then. */
  asOf: Date;
  /** Initiatives in Klar til prioritering. */
  readyForDecision: readonly Pick<Initiative, "id" | "title">[];
  rounds: readonly Pick<
    Round,
    "id" | "title" | "state" | "closes" | "meeting" | "modified" | "resultJson"
  >[];
  scenarios: readonly Pick<Scenario, "id" | "title" | "committed" | "modified">[];
  fundingProposals: readonly Pick<
    FundingProposal,
    "id" | "title" | "state" | "initiatives" | "totalAmount"
  >[];
  /** Ongoing initiatives whose latest status is red. */
  redInitiatives: readonly Pick<Initiative, "id" | "title">[];
  /** From `overdueStatusReports`. */
  overdueReports: readonly { initiative: { id: InitiativeId; title: string }; period: string }[];
  benefits: readonly Pick<
    Benefit,
    "id" | "title" | "initiative" | "state" | "nextMeasurementDue"
  >[];
  measurements: readonly Pick<BenefitMeasurement, "benefit" | "measuredAt">[];
  actions: readonly Pick<
    FollowUpAction,
    "id" | "title" | "state" | "due" | "owner" | "initiative"
  >[];
  /** Barriers: the open ones are offered (a barrier in the way is the committee's to clear). */
  barriers?: readonly Pick<Barrier, "id" | "title" | "kind" | "state" | "blocks">[];
}

/**
 * The pre-filled titles of points from candidates. A point's title is the committee's document
 * (it goes into the agenda the members get and the minutes), in its language: Danish whatever
 * the secretary's UI language is, and worded here only.
 */
export const CANDIDATE_TITLE_PREFIXES = {
  prioritization: "Prioriteringsrunde: ",
  scenario: "Scenarie: ",
  funding: "Finansiering: ",
  status: "Status: ",
  benefits: "Gevinstopfølgning: ",
  actions: "Opfølgning: ",
  barriers: "Barriere: ",
} as const;

/** A title cut to the list's limit. */
function titled(prefix: string, title: string): string {
  const t = `${prefix}${title}`.trim();
  return t.length <= TEXT_MAX ? t : `${t.slice(0, TEXT_MAX - 1)}…`;
}

function normalTitle(t: string): string {
  return t.trim().replace(/\s+/g, " ").toLocaleLowerCase("da");
}

/** Whether a candidate is already a point of the agenda. */
export function isOnAgenda(
  candidate: Pick<
    AgendaCandidate,
    "group" | "title" | "initiative" | "fundingProposal" | "benefit"
  >,
  items: readonly Pick<AgendaItem, "title" | "initiative" | "fundingProposal" | "benefit">[],
): boolean {
  switch (candidate.group) {
    case "funding":
      return items.some((i) => i.fundingProposal?.id === candidate.fundingProposal?.id);
    case "benefits":
      return items.some((i) => i.benefit?.id === candidate.benefit?.id);
    case "decision":
    case "status":
      // Any point about the initiative itself (not one of its proposals or benefits).
      return items.some(
        (i) =>
          i.initiative?.id === candidate.initiative?.id &&
          i.fundingProposal === null &&
          i.benefit === null,
      );
    default:
      // Rounds, scenarios and actions have no link column on a point: the pre-filled title.
      return items.some((i) => normalTitle(i.title) === normalTitle(candidate.title));
  }
}

/**
 * The candidates for an agenda, grouped (only non-empty groups, in `CANDIDATE_GROUPS` order,
 * each sorted by title), those already on it marked.
 */
export function agendaCandidates(
  sources: CandidateSources,
  items: readonly Pick<AgendaItem, "title" | "initiative" | "fundingProposal" | "benefit">[],
): CandidateGroupOf[] {
  const asOf = sources.asOf.getTime();
  const recent = (at: IsoDateTime | null) =>
    at === null || (Date.parse(at) <= asOf && Date.parse(at) > asOf - RECENT_DAYS * DAY_MS);
  const all: Omit<AgendaCandidate, "onAgenda">[] = [];
  const none = { initiative: null, fundingProposal: null, benefit: null };

  for (const i of sources.readyForDecision) {
    all.push({
      ...none,
      key: `initiative:${i.id}`,
      group: "decision",
      title: titled("", i.title),
      kind: "Beslutning",
      initiative: { id: i.id, title: i.title },
      reason: { kind: "readyForDecision" },
    });
  }
  for (const r of sources.rounds) {
    if (r.state !== "Lukket") continue;
    const forThis = r.meeting?.id === sources.meetingId;
    // When it was closed, from the closing record (the stored result's time, else the server's
    // Modified of the close), not the planned close.
    const closedAt = closedAtOf(r) ?? r.modified;
    if (!forThis && (r.meeting !== null || !recent(closedAt))) continue;
    all.push({
      ...none,
      key: `round:${r.id}`,
      group: "prioritization",
      title: titled(CANDIDATE_TITLE_PREFIXES.prioritization, r.title),
      kind: "Beslutning",
      reason: { kind: "roundClosed", closes: closedAt },
    });
  }
  for (const s of sources.scenarios) {
    if (!s.committed || !recent(s.modified)) continue;
    all.push({
      ...none,
      key: `scenario:${s.id}`,
      group: "prioritization",
      title: titled(CANDIDATE_TITLE_PREFIXES.scenario, s.title),
      kind: "Orientering",
      reason: { kind: "scenarioCommitted" },
    });
  }
  for (const f of sources.fundingProposals) {
    if (!OPEN_FUNDING_STATES.includes(f.state)) continue;
    const only = f.initiatives.length === 1 ? f.initiatives[0]! : null;
    all.push({
      ...none,
      key: `funding:${f.id}`,
      group: "funding",
      title: titled(CANDIDATE_TITLE_PREFIXES.funding, f.title),
      kind: "Beslutning",
      initiative: only ? { id: only.id, title: only.title } : null,
      fundingProposal: { id: f.id, title: f.title },
      reason: { kind: "fundingOpen", state: f.state, totalAmount: f.totalAmount },
    });
  }
  const status = new Map<InitiativeId, { title: string; red: boolean; overdue: string | null }>();
  for (const i of sources.redInitiatives) {
    status.set(i.id, { title: i.title, red: true, overdue: null });
  }
  for (const o of sources.overdueReports) {
    const seen = status.get(o.initiative.id);
    status.set(o.initiative.id, {
      title: o.initiative.title,
      red: seen?.red ?? false,
      overdue: o.period,
    });
  }
  for (const [id, s] of status) {
    all.push({
      ...none,
      key: `status:${id}`,
      group: "status",
      title: titled(CANDIDATE_TITLE_PREFIXES.status, s.title),
      kind: "Orientering",
      initiative: { id, title: s.title },
      reason: { kind: "status", red: s.red, overduePeriod: s.overdue },
    });
  }
  for (const b of sources.benefits) {
    if (!benefitFollowUpDue(b, sources.measurements, sources.asOf)) continue;
    all.push({
      ...none,
      key: `benefit:${b.id}`,
      group: "benefits",
      title: titled(CANDIDATE_TITLE_PREFIXES.benefits, b.title),
      kind: "Orientering",
      initiative: b.initiative ? { id: b.initiative.id, title: b.initiative.title } : null,
      benefit: { id: b.id, title: b.title },
      reason: { kind: "benefitDue", due: b.nextMeasurementDue ?? "" },
    });
  }
  for (const a of sources.actions) {
    if (!OPEN_ACTION_STATES.includes(a.state)) continue;
    all.push({
      ...none,
      key: `action:${a.id}`,
      group: "actions",
      title: titled(CANDIDATE_TITLE_PREFIXES.actions, a.title),
      kind: "Orientering",
      reason: { kind: "actionOpen", state: a.state, due: a.due, owner: a.owner?.name ?? null },
    });
  }
  for (const b of sources.barriers ?? []) {
    if (!isOpenBarrier(b)) continue;
    all.push({
      ...none,
      key: `barrier:${b.id}`,
      group: "barriers",
      title: titled(CANDIDATE_TITLE_PREFIXES.barriers, b.title),
      kind: "Drøftelse",
      reason: { kind: "barrierOpen", barrierKind: b.kind, state: b.state, blocks: b.blocks.length },
    });
  }

  return CANDIDATE_GROUPS.map((group) => ({
    group,
    candidates: all
      .filter((c) => c.group === group)
      .map((c) => ({ ...c, onAgenda: isOnAgenda(c, items) }))
      .sort((a, b) => a.title.localeCompare(b.title, "da")),
  })).filter((g) => g.candidates.length > 0);
}

// ---------------------------------------------------------------- new points

/** The areas whose representatives a point about an initiative in `area` invites. */
export function invitedAreasFor(
  area: Ref<AreaId> | null,
  areas: readonly Pick<Area, "id" | "title" | "representatives">[],
): Ref<AreaId>[] {
  if (area === null) return [];
  const found = areas.find((a) => a.id === area.id);
  return found && found.representatives.length > 0 ? [{ id: found.id, title: found.title }] : [];
}

/** A new point from a candidate, after the last point. */
export function draftFromCandidate(
  candidate: AgendaCandidate,
  meeting: Pick<Meeting, "id" | "title">,
  sortOrder: number,
  invitedAreas: Ref<AreaId>[],
): AgendaItemDraft {
  return {
    title: candidate.title,
    meeting: { id: meeting.id, title: meeting.title },
    sortOrder,
    kind: candidate.kind,
    initiative: candidate.initiative,
    fundingProposal: candidate.fundingProposal,
    benefit: candidate.benefit,
    presenter: null,
    durationMinutes: null,
    recommendation: "",
    minutesText: "",
    invitedAreas,
  };
}

/** A free point (any subject the secretary writes), after the last point. */
export function freePointDraft(
  title: string,
  meeting: Pick<Meeting, "id" | "title">,
  sortOrder: number,
): AgendaItemDraft {
  return {
    title: title.trim(),
    meeting: { id: meeting.id, title: meeting.title },
    sortOrder,
    kind: "Orientering",
    initiative: null,
    fundingProposal: null,
    benefit: null,
    presenter: null,
    durationMinutes: null,
    recommendation: "",
    minutesText: "",
    invitedAreas: [],
  };
}

// ---------------------------------------------------------------- order

/** The points in agenda order (SortOrder, then the order they were added). */
export function sortAgenda<T extends Pick<AgendaItem, "id" | "sortOrder">>(
  items: readonly T[],
): T[] {
  return [...items].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

/** The SortOrder for a point added last. */
export function nextSortOrder(items: readonly Pick<AgendaItem, "sortOrder">[]): number {
  return items.reduce((m, i) => Math.max(m, i.sortOrder), 0) + 1;
}

/** The list with the element at `from` moved to `to` (both clamped into the list). */
export function moveTo<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved as T);
  return out;
}

/**
 * The SortOrder writes a new order needs: positions 1, 2, 3 … and only the points whose stored
 * SortOrder differs from their new position.
 */
export function sortOrderChanges<T extends Pick<AgendaItem, "id" | "sortOrder">>(
  inNewOrder: readonly T[],
): { item: T; sortOrder: number }[] {
  return inNewOrder.flatMap((item, i) =>
    item.sortOrder === i + 1 ? [] : [{ item, sortOrder: i + 1 }],
  );
}

// ---------------------------------------------------------------- time

export interface AgendaTiming {
  /** The points' time-boxes added up. */
  totalMinutes: number;
  /** End − start. */
  meetingMinutes: number;
  /** Minutes over the meeting's length (0 when it fits). */
  overrunMinutes: number;
  /** Points without a time-box. */
  untimed: number;
}

export function agendaTiming(
  items: readonly Pick<AgendaItem, "durationMinutes">[],
  meeting: Pick<Meeting, "start" | "end">,
): AgendaTiming {
  const totalMinutes = items.reduce((s, i) => s + (i.durationMinutes ?? 0), 0);
  const length = Math.round((Date.parse(meeting.end) - Date.parse(meeting.start)) / 60_000);
  const meetingMinutes = Number.isFinite(length) ? Math.max(0, length) : 0;
  return {
    totalMinutes,
    meetingMinutes,
    overrunMinutes: Math.max(0, totalMinutes - meetingMinutes),
    untimed: items.filter((i) => i.durationMinutes === null).length,
  };
}

// ---------------------------------------------------------------- attendees

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The representatives of the given areas, once each (by e-mail), in area order. */
export function representativesOf(
  areaIds: readonly AreaId[],
  areas: readonly Pick<Area, "id" | "representatives">[],
): Person[] {
  const seen = new Set<string>();
  const out: Person[] = [];
  for (const id of areaIds) {
    for (const p of areas.find((a) => a.id === id)?.representatives ?? []) {
      const k = emailKey(p.email);
      if (k === "" || seen.has(k)) continue;
      seen.add(k);
      out.push(p);
    }
  }
  return out;
}

/** The areas the points invite (their InvitedAreas), once each. */
export function invitedAreaIds(items: readonly Pick<AgendaItem, "invitedAreas">[]): AreaId[] {
  return [...new Set(items.flatMap((i) => i.invitedAreas.map((a) => a.id)))];
}

export interface AttendeePlan {
  attendees: MeetingAttendee[];
  /** E-mails of the attendees added and removed. */
  added: string[];
  removed: string[];
  /** The same people by name (their e-mail when the name is not known), for the UI. */
  addedNames: string[];
  removedNames: string[];
}

/**
 * The meeting's attendees after inviting `invite` (the representatives of the areas still on
 * the agenda; added as optional attendees when missing) and releasing `release` (the e-mails
 * of representatives of areas no longer on it). Released are only optional attendees — the
 * ones the app adds — who are neither still invited nor committee members (`keep`). Null when
 * nothing changes.
 */
export function planAttendees(input: {
  current: readonly MeetingAttendee[];
  invite: readonly Pick<Person, "email" | "name">[];
  release: readonly string[];
  keep: readonly string[];
}): AttendeePlan | null {
  const invited = new Set(input.invite.map((p) => emailKey(p.email)));
  const released = new Set(input.release.map(emailKey));
  const kept = new Set(input.keep.map(emailKey));
  const removed: string[] = [];
  const removedNames: string[] = [];
  const attendees = input.current.filter((a) => {
    const k = emailKey(a.email);
    const drop = a.optional === true && released.has(k) && !invited.has(k) && !kept.has(k);
    if (drop) {
      removed.push(a.email);
      removedNames.push(a.name?.trim() || a.email);
    }
    return !drop;
  });
  const present = new Set(attendees.map((a) => emailKey(a.email)));
  const added: string[] = [];
  const addedNames: string[] = [];
  for (const p of input.invite) {
    const k = emailKey(p.email);
    if (k === "" || present.has(k)) continue;
    present.add(k);
    attendees.push({ email: p.email, name: p.name, optional: true });
    added.push(p.email);
    addedNames.push(p.name.trim() || p.email);
  }
  return added.length === 0 && removed.length === 0
    ? null
    : { attendees, added, removed, addedNames, removedNames };
}

// ---------------------------------------------------------------- before sending

/** A meeting's state as words (the meetings feature's `meetings.states.<state>`). */
function meetingStateWords(state: MeetingState): ProblemParam {
  return { code: `meetings.states.${state}` };
}

/**
 * Why the agenda is refused (the code is the i18n key of its words): not the secretariat, or
 * what stops it from being sent.
 */
export type AgendaProblemCode =
  | "agenda.problem.notEditor"
  | "agenda.problem.notOpen"
  | "agenda.problem.noCalendarEvent"
  | "agenda.problem.noPoints"
  | "agenda.problem.missingRecommendation"
  | "agenda.problem.overrun";

export type SendProblem = Problem<AgendaProblemCode>;

/**
 * What stops the agenda from being sent: the meeting is held or cancelled, it has no calendar
 * event, there are no points, a Beslutning point lacks its indstilling, or the time-boxes add
 * up to more than the meeting's length and that has not been confirmed.
 */
export function problemsBeforeSend(
  meeting: Pick<Meeting, "state" | "graphEventId" | "start" | "end">,
  items: readonly Pick<
    AgendaItem,
    "id" | "title" | "kind" | "recommendation" | "durationMinutes"
  >[],
  options: { confirmOverrun: boolean },
): SendProblem[] {
  const problems: SendProblem[] = [];
  if (!isAgendaOpen(meeting)) {
    problems.push(problem("agenda.problem.notOpen", { state: meetingStateWords(meeting.state) }));
  }
  if (meeting.graphEventId.trim() === "") problems.push(problem("agenda.problem.noCalendarEvent"));
  if (items.length === 0) problems.push(problem("agenda.problem.noPoints"));
  for (const i of items) {
    if (i.kind === "Beslutning" && i.recommendation.trim() === "") {
      problems.push(
        problem("agenda.problem.missingRecommendation", { itemId: i.id, title: i.title }),
      );
    }
  }
  const timing = agendaTiming(items, meeting);
  if (timing.overrunMinutes > 0 && !options.confirmOverrun) {
    problems.push(problem("agenda.problem.overrun", { count: timing.overrunMinutes }));
  }
  return problems;
}

/** The meeting as marked after a successful send. */
export function markedSent<M extends Pick<Meeting, "state" | "agendaSentAt">>(
  meeting: M,
  now: Date,
): M {
  return {
    ...meeting,
    state: meeting.state === "Planlagt" ? "Dagsorden udsendt" : meeting.state,
    agendaSentAt: now.toISOString(),
  };
}

// ---------------------------------------------------------------- the invitation's body

/** The element id of a point in the tab (`#punkt-12`), for links from the invitation. */
export function pointAnchor(id: AgendaItemId | number): string {
  return `punkt-${id}`;
}

const TIME_ZONE = "Europe/Copenhagen";

function danishDate(iso: IsoDateTime): string {
  return new Intl.DateTimeFormat("da-DK", {
    timeZone: TIME_ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(iso));
}

function danishTime(iso: IsoDateTime): string {
  return new Intl.DateTimeFormat("da-DK", {
    timeZone: TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  })
    .format(new Date(iso))
    .replace(".", ":");
}

/**
 * The agenda as the invitation's body: a heading, the meeting's time and place, then each
 * point numbered with its time-box, type, presenter, indstilling (as paragraphs) and a link to
 * the point in the tab. Every text is escaped (safe-html); links only to https (or the local
 * tab on localhost).
 */
export function agendaBodyHtml(input: {
  meeting: Pick<Meeting, "title" | "start" | "end" | "location">;
  items: readonly Pick<
    AgendaItem,
    "id" | "title" | "kind" | "durationMinutes" | "presenter" | "recommendation"
  >[];
  /** The absolute link to a point in the tab. */
  linkTo: (item: { id: AgendaItemId }) => string;
}): SafeHtml {
  const { meeting, items } = input;
  const when = `${danishDate(meeting.start)}, kl. ${danishTime(meeting.start)}–${danishTime(meeting.end)}`;
  const points = items.map((item, i) => {
    const facts = [
      item.kind,
      item.durationMinutes !== null ? `${item.durationMinutes} min.` : null,
    ].filter((x): x is string => x !== null);
    return markup`<li><p><strong>${i + 1}. ${item.title}</strong> (${facts.join(", ")})</p>${
      item.presenter ? markup`<p>Fremlægger: ${item.presenter.name}</p>` : null
    }${
      item.recommendation.trim() !== ""
        ? markup`<p><strong>Indstilling:</strong></p>${paragraphs(item.recommendation)}`
        : null
    }<p>${link(input.linkTo(item), "Se punktet i Digistyr", { allowLocalhost: true })}</p></li>`;
  });
  return markup`<h2>Dagsorden: ${meeting.title}</h2><p>${when}${
    meeting.location.trim() !== "" ? `, ${meeting.location}` : ""
  }</p><ol>${joinHtml(points)}</ol>`;
}
