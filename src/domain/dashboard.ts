/**
 * Overblik (the dashboard, issue 3 §4): what each card shows, for whom. Pure: it takes the
 * domain objects the dashboard hook loaded and a Clock, and decides what the signed-in person
 * should see. The role decides the angle: the secretary sees who has not reported, a member
 * sees their own voting state, the chair sees rounds ready to close.
 */
import type { Benefit, StatusReport } from "./benefits.js";
import type { Clock } from "./clock.js";
import type { IsoDateTime, Person } from "./common.js";
import type { BenefitId, InitiativeId, MeetingId, RoundId } from "./ids.js";
import { withValidGates } from "./lifecycle.js";
import type { AgendaItem, Meeting } from "./meetings.js";
import type { Area, Initiative, PhaseChange } from "./portfolio.js";
import { checkGates } from "./portfolio-trust.js";
import type { Ballot, Round } from "./prioritization.js";
import type { Me, Roster } from "./roles.js";
import {
  checkStatusReports,
  currentReports,
  missingReports,
  ONGOING_PHASES,
  periodOf,
  shiftPeriod,
} from "./status-reports.js";
import { type Setting, SETTING_KEYS } from "./strategy.js";
import type { MeetingState, Phase, VotingMethod } from "./vocabulary.js";

/** The charter: the committee meets at least 4 times a year (kommissorium E). */
export const DEFAULT_MIN_MEETINGS_PER_YEAR = 4;
/** The secretary is reminded to send the agenda when the meeting is this close. */
export const AGENDA_REMINDER_DAYS = 7;

/**
 * Phases in which a project is under way and reports status each period: the status-report
 * rules' ONGOING_PHASES, so the dashboard's "missing reports" means what those rules mean.
 */
export const REPORTING_PHASES: readonly Phase[] = ONGOING_PHASES;
/** Benefit states in which measurements are still expected. */
const FOLLOWED_BENEFIT_STATES: readonly Benefit["state"][] = ["Godkendt", "Under realisering"];
const MEETING_HELD_STATES: readonly MeetingState[] = [
  "Afholdt",
  "Referat godkendt",
  "Referat udsendt",
];

/** The angle the dashboard takes for the signed-in person. */
export type Perspective = "secretary" | "chair" | "member" | "contributor";

export type DashboardCardKind =
  "rounds" | "nextMeeting" | "awaitingDecision" | "overdue" | "meetingsThisYear";

/** The order of the cards: what the person acts on first comes first. */
export const CARD_ORDER: Readonly<Record<Perspective, readonly DashboardCardKind[]>> = {
  secretary: ["nextMeeting", "overdue", "awaitingDecision", "meetingsThisYear", "rounds"],
  chair: ["rounds", "nextMeeting", "awaitingDecision", "overdue", "meetingsThisYear"],
  member: ["rounds", "nextMeeting", "awaitingDecision", "overdue", "meetingsThisYear"],
  contributor: ["overdue", "nextMeeting", "awaitingDecision"],
};

/**
 * The secretary's view wins (the owner of the site sees it too: they administer everything);
 * then the chair, then a member; anyone else is a contributor (proposer / project owner).
 */
export function perspectiveOf(me: Me): Perspective {
  if (me.roles.includes("secretary") || me.roles.includes("owner")) return "secretary";
  if (me.roles.includes("chair")) return "chair";
  if (me.roles.includes("member")) return "member";
  return "contributor";
}

/**
 * The reporting period key of a date: the quarter on the Danish calendar (Copenhagen time),
 * e.g. `2026-Q2`, as the status-report rules define it (`periodOf`).
 */
export function reportingPeriodOf(date: Date): string {
  return periodOf(date, "quarter").key;
}

/** The reporting period key before the one `date` falls in. */
export function previousReportingPeriodOf(date: Date): string {
  return shiftPeriod(periodOf(date, "quarter"), -1).key;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days (UTC) from `now` to `iso`: 0 today, 1 tomorrow, -1 yesterday. */
function daysFrom(now: Date, iso: IsoDateTime): number {
  return Math.floor(Date.parse(iso) / DAY_MS) - Math.floor(now.getTime() / DAY_MS);
}

// ---------------------------------------------------------------- input and output

/** What the dashboard hook loads (lists may hold more than needed: this function filters). */
export interface DashboardInput {
  me: Me;
  rounds: readonly Round[];
  /** The ballots the person can see: a member only sees their own. */
  ballots: readonly Ballot[];
  meetings: readonly Meeting[];
  agendaItems: readonly AgendaItem[];
  initiatives: readonly Initiative[];
  areas: readonly Area[];
  statusReports: readonly StatusReport[];
  benefits: readonly Benefit[];
  settings: readonly Setting[];
  /**
   * What the counts are checked with: the site groups' roster and the initiatives' recorded
   * changes. With it, phases and the mandatory flag are the valid ones and only status reports
   * written by someone allowed to count (`checkedInput`); without it, items count as loaded.
   */
  trust?: DashboardTrust;
}

export interface DashboardTrust {
  roster: Roster;
  /** The recorded changes of (at least) the loaded initiatives. */
  phaseChanges: readonly PhaseChange[];
}

/**
 * The input as the committee may count it: each initiative with its valid gates (phase,
 * priority, mandatory flag), and of the status reports only valid ones, each period's current
 * one (a report in someone else's name is not a report and hides no missing one).
 */
export function checkedInput(input: DashboardInput): DashboardInput {
  if (!input.trust) return input;
  const { roster, phaseChanges } = input.trust;
  const { gates } = checkGates(input.initiatives, phaseChanges, roster);
  const initiatives = input.initiatives.map((i) => {
    const replay = gates.get(i.id);
    return replay ? withValidGates(i, replay) : i;
  });
  const byId = new Map<number, Initiative>(input.initiatives.map((i) => [i.id, i]));
  const statusReports = currentReports(checkStatusReports(input.statusReports, byId, roster).valid);
  return { ...input, initiatives, statusReports, trust: undefined };
}

export interface InitiativeSummary {
  id: InitiativeId;
  title: string;
  area: string | null;
  phase: Phase;
  mandatory: boolean;
  legalDeadline: IsoDateTime | null;
}

export interface RoundSummary {
  id: RoundId;
  title: string;
  method: VotingMethod;
  closes: IsoDateTime | null;
  /** Days until it closes (negative once the closing date has passed); null without a date. */
  daysLeft: number | null;
  candidateCount: number;
  /** Whether I have cast my ballot; null when I do not vote (secretary, contributor). */
  voted: boolean | null;
  /** The closing date has passed and the round is still open: the chair should close it. */
  readyToClose: boolean;
}

export interface RoundsCard {
  kind: "rounds";
  rounds: RoundSummary[];
  /** The person votes in rounds (a member or the chair). */
  votes: boolean;
  /** The person closes rounds (the chair). */
  closes: boolean;
  awaitingMyBallot: number;
  readyToClose: number;
}

/** `empty`: nothing on the agenda yet; `draft`: points being prepared; `sent`: sent out. */
export type AgendaState = "empty" | "draft" | "sent";

export interface NextMeetingCard {
  kind: "nextMeeting";
  meeting: {
    id: MeetingId;
    title: string;
    start: IsoDateTime;
    end: IsoDateTime;
    location: string;
    /** The Teams join link; null when the meeting has none (yet). */
    joinUrl: string | null;
    state: MeetingState;
    daysUntil: number;
    agendaState: AgendaState;
    agendaSentAt: IsoDateTime | null;
    agendaItemCount: number;
    decisionItemCount: number;
  } | null;
  /** Secretary only: the meeting is close and its agenda has not been sent. */
  agendaDue: boolean;
  /** Secretary only: nothing is planned ahead. */
  noneScheduled: boolean;
}

export interface AwaitingDecisionCard {
  kind: "awaitingDecision";
  /** Phase `Klar til prioritering`, oldest mandatory (legal deadline) first. */
  readyForPrioritization: InitiativeSummary[];
  /** Initiatives on the next meeting's agenda as a decision point. */
  onNextAgenda: InitiativeSummary[];
  /** Distinct initiatives in the two lists. */
  total: number;
  /** Contributor: only their own initiatives are listed. */
  scope: "all" | "mine";
}

export interface MissingStatusReport {
  initiative: InitiativeSummary;
  /** Who should report: the project lead, else the owner. */
  responsible: Person | null;
  /** The last published report's overall status was red. */
  lastWasRed: boolean;
}

export interface OverdueBenefit {
  id: BenefitId;
  title: string;
  initiative: string | null;
  owner: Person | null;
  due: IsoDateTime;
  daysOverdue: number;
}

export interface OverdueCard {
  kind: "overdue";
  period: string;
  /** Ongoing initiatives without a published status report for the current period. */
  missingStatusReports: MissingStatusReport[];
  /** Benefits whose next measurement is past due. */
  overdueBenefits: OverdueBenefit[];
  /** Totals over the whole portfolio (the lists may be narrowed to the person's own). */
  totalMissingStatusReports: number;
  totalOverdueBenefits: number;
  /**
   * `all`: every item with the people responsible (secretary, chair); `area`: the items of
   * the member's own area(s) and their own; `mine`: the person's own (contributor).
   */
  scope: "all" | "area" | "mine";
}

export interface MeetingsThisYearCard {
  kind: "meetingsThisYear";
  year: number;
  held: number;
  planned: number;
  minimum: number;
  /** Held plus planned is below the minimum. */
  belowMinimum: boolean;
  /** How many more meetings must be planned to reach the minimum. */
  missing: number;
}

export type DashboardCard =
  RoundsCard | NextMeetingCard | AwaitingDecisionCard | OverdueCard | MeetingsThisYearCard;

export interface Dashboard {
  perspective: Perspective;
  me: Person;
  /** The cards in the order the perspective shows them. */
  cards: DashboardCard[];
}

// ---------------------------------------------------------------- the cards

function summarize(i: Initiative): InitiativeSummary {
  return {
    id: i.id,
    title: i.title,
    area: i.area?.title ?? null,
    phase: i.phase,
    mandatory: i.mandatory,
    legalDeadline: i.legalDeadline,
  };
}

function isSamePerson(p: Person | null, me: Person): boolean {
  return (
    p !== null &&
    (p.id === me.id || (!!p.email && p.email.toLowerCase() === me.email.toLowerCase()))
  );
}

function isMine(i: Initiative, me: Person): boolean {
  return isSamePerson(i.owner, me) || isSamePerson(i.projectLead, me);
}

function roundsCard(input: DashboardInput, perspective: Perspective, now: Date): RoundsCard {
  const me = input.me.person;
  const votes = perspective === "member" || perspective === "chair";
  const closes = perspective === "chair";
  const myBallotRounds = new Set<number>(
    input.ballots
      .filter((b) => isSamePerson(b.voter ?? b.createdBy, me))
      .flatMap((b) => (b.round ? [b.round.id] : [])),
  );
  const rounds = input.rounds
    .filter((r) => r.state === "Åben")
    .map((r): RoundSummary => {
      const daysLeft = r.closes ? daysFrom(now, r.closes) : null;
      return {
        id: r.id,
        title: r.title,
        method: r.method,
        closes: r.closes,
        daysLeft,
        candidateCount: r.candidates.length,
        voted: votes ? myBallotRounds.has(r.id) : null,
        readyToClose: r.closes !== null && Date.parse(r.closes) <= now.getTime(),
      };
    })
    .sort(
      (a, b) =>
        (a.closes ? Date.parse(a.closes) : Infinity) - (b.closes ? Date.parse(b.closes) : Infinity),
    );
  return {
    kind: "rounds",
    rounds,
    votes,
    closes,
    awaitingMyBallot: votes ? rounds.filter((r) => r.voted === false && !r.readyToClose).length : 0,
    readyToClose: rounds.filter((r) => r.readyToClose).length,
  };
}

/** The first meeting that has not ended yet and is not cancelled (a meeting in progress is still "next"). */
export function nextMeetingOf(meetings: readonly Meeting[], now: Date): Meeting | undefined {
  return meetings
    .filter((m) => m.state !== "Aflyst" && Date.parse(m.end) > now.getTime())
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
}

function nextMeetingCard(
  input: DashboardInput,
  perspective: Perspective,
  now: Date,
  next: Meeting | undefined,
): NextMeetingCard {
  if (!next) {
    return {
      kind: "nextMeeting",
      meeting: null,
      agendaDue: false,
      noneScheduled: perspective === "secretary",
    };
  }
  const items = input.agendaItems.filter((a) => a.meeting?.id === next.id);
  const sent = next.state !== "Planlagt" || next.agendaSentAt !== null;
  const agendaState: AgendaState = sent ? "sent" : items.length > 0 ? "draft" : "empty";
  const daysUntil = daysFrom(now, next.start);
  return {
    kind: "nextMeeting",
    meeting: {
      id: next.id,
      title: next.title,
      start: next.start,
      end: next.end,
      location: next.location,
      joinUrl: next.joinUrl.trim() === "" ? null : next.joinUrl,
      state: next.state,
      daysUntil,
      agendaState,
      agendaSentAt: next.agendaSentAt,
      agendaItemCount: items.length,
      decisionItemCount: items.filter((a) => a.kind === "Beslutning").length,
    },
    agendaDue: perspective === "secretary" && !sent && daysUntil <= AGENDA_REMINDER_DAYS,
    noneScheduled: false,
  };
}

function byUrgency(a: Initiative, b: Initiative): number {
  // Legal demands with the nearest deadline first, then the rest by title.
  const da = a.legalDeadline ? Date.parse(a.legalDeadline) : Infinity;
  const db = b.legalDeadline ? Date.parse(b.legalDeadline) : Infinity;
  if (da !== db) return da - db;
  if (a.mandatory !== b.mandatory) return a.mandatory ? -1 : 1;
  return a.title.localeCompare(b.title, "da");
}

function awaitingDecisionCard(
  input: DashboardInput,
  perspective: Perspective,
  next: Meeting | undefined,
): AwaitingDecisionCard {
  const me = input.me.person;
  const mine = perspective === "contributor";
  const visible = input.initiatives.filter((i) => !mine || isMine(i, me));
  const ready = visible.filter((i) => i.phase === "Klar til prioritering").sort(byUrgency);
  const onAgendaIds = new Set<number>(
    next
      ? input.agendaItems
          .filter((a) => a.meeting?.id === next.id && a.kind === "Beslutning" && a.initiative)
          .map((a) => a.initiative?.id ?? 0)
      : [],
  );
  const onAgenda = visible.filter((i) => onAgendaIds.has(i.id)).sort(byUrgency);
  const ids = new Set([...ready, ...onAgenda].map((i) => i.id));
  return {
    kind: "awaitingDecision",
    readyForPrioritization: ready.map(summarize),
    onNextAgenda: onAgenda.map(summarize),
    total: ids.size,
    scope: mine ? "mine" : "all",
  };
}

function overdueCard(input: DashboardInput, perspective: Perspective, now: Date): OverdueCard {
  const me = input.me.person;
  // Who has not reported is the status-report rule's answer for this quarter.
  const missing = missingReports(input.initiatives, input.statusReports, now, "quarter");
  const period = missing.period.key;
  const notReported = new Set<number>(missing.missing.map((m) => m.initiative.id));
  const lastOverall = new Map<number, { at: string; red: boolean }>();
  for (const r of input.statusReports) {
    if (r.state !== "Publiceret" || !r.initiative) continue;
    const at = r.publishedAt ?? r.period;
    const seen = lastOverall.get(r.initiative.id);
    if (!seen || seen.at < at) lastOverall.set(r.initiative.id, { at, red: r.overall === "Rød" });
  }
  const missingAll = input.initiatives
    .filter((i) => notReported.has(i.id))
    .sort((a, b) => a.title.localeCompare(b.title, "da"));
  const overdueAll = input.benefits
    .filter(
      (b) =>
        FOLLOWED_BENEFIT_STATES.includes(b.state) &&
        b.nextMeasurementDue !== null &&
        Date.parse(b.nextMeasurementDue) < now.getTime(),
    )
    .sort(
      (a, b) => Date.parse(a.nextMeasurementDue ?? "") - Date.parse(b.nextMeasurementDue ?? ""),
    );

  const scope: OverdueCard["scope"] =
    perspective === "contributor" ? "mine" : perspective === "member" ? "area" : "all";
  const myAreas = new Set<number>(
    input.areas
      .filter((a) => isSamePerson(a.head, me) || a.representatives.some((p) => isSamePerson(p, me)))
      .map((a) => a.id),
  );
  const initiativeById = new Map(input.initiatives.map((i) => [i.id as number, i]));
  const relevant = (i: Initiative | undefined): boolean => {
    if (!i) return false;
    if (scope === "all") return true;
    if (isMine(i, me)) return true;
    return scope === "area" && i.area !== null && myAreas.has(i.area.id);
  };
  const benefitRelevant = (b: Benefit): boolean =>
    scope === "all" ||
    isSamePerson(b.owner, me) ||
    relevant(b.initiative ? initiativeById.get(b.initiative.id) : undefined);

  return {
    kind: "overdue",
    period,
    missingStatusReports: missingAll.filter(relevant).map((i) => ({
      initiative: summarize(i),
      responsible: i.projectLead ?? i.owner,
      lastWasRed: lastOverall.get(i.id)?.red ?? false,
    })),
    overdueBenefits: overdueAll.filter(benefitRelevant).map((b) => ({
      id: b.id,
      title: b.title,
      initiative: b.initiative?.title ?? null,
      owner: b.owner,
      due: b.nextMeasurementDue ?? "",
      daysOverdue: -daysFrom(now, b.nextMeasurementDue ?? ""),
    })),
    totalMissingStatusReports: missingAll.length,
    totalOverdueBenefits: overdueAll.length,
    scope,
  };
}

/** The configured minimum number of meetings per year; the charter's 4 when unset or invalid. */
export function minMeetingsPerYear(settings: readonly Setting[]): number {
  const raw = settings.find((s) => s.key === SETTING_KEYS.minMeetingsPerYear)?.value.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MIN_MEETINGS_PER_YEAR;
}

function meetingsThisYearCard(input: DashboardInput, now: Date): MeetingsThisYearCard {
  const year = now.getUTCFullYear();
  const thisYear = input.meetings.filter(
    (m) => m.state !== "Aflyst" && new Date(m.start).getUTCFullYear() === year,
  );
  const held = thisYear.filter(
    (m) => MEETING_HELD_STATES.includes(m.state) || Date.parse(m.end) <= now.getTime(),
  ).length;
  const planned = thisYear.length - held;
  const minimum = minMeetingsPerYear(input.settings);
  const missing = Math.max(0, minimum - held - planned);
  return {
    kind: "meetingsThisYear",
    year,
    held,
    planned,
    minimum,
    belowMinimum: missing > 0,
    missing,
  };
}

/** The dashboard of the signed-in person, at the clock's time (counting `checkedInput`). */
export function composeDashboard(given: DashboardInput, clock: Clock): Dashboard {
  const input = checkedInput(given);
  const now = clock.now();
  const perspective = perspectiveOf(input.me);
  const next = nextMeetingOf(input.meetings, now);
  const build: Record<DashboardCardKind, () => DashboardCard> = {
    rounds: () => roundsCard(input, perspective, now),
    nextMeeting: () => nextMeetingCard(input, perspective, now, next),
    awaitingDecision: () => awaitingDecisionCard(input, perspective, next),
    overdue: () => overdueCard(input, perspective, now),
    meetingsThisYear: () => meetingsThisYearCard(input, now),
  };
  return {
    perspective,
    me: input.me.person,
    cards: CARD_ORDER[perspective].map((k) => build[k]()),
  };
}
