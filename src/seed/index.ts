/**
 * Demo data written through the app's own ports, as the right demo users: the secretary sets
 * up areas, meetings and the portfolio; proposers write their own proposals and status
 * reports; the chair agrees the weights and opens the round; each member casts their own
 * ballot with their own identity (ballots are own-items-only in SharePoint). Dates are relative
 * to the Clock, so the demo stays current. Batched writes are used wherever the repositories
 * offer them, so the whole seed takes seconds on the local server.
 *
 * Idempotent at the level "seed only if the site has no initiatives".
 */
import { type Benefit, type StatusReportDraft, statusReportKey } from "../domain/benefits.js";
import type { Clock } from "../domain/clock.js";
import type { Person, Ref } from "../domain/common.js";
import { previousReportingPeriodOf, reportingPeriodOf } from "../domain/dashboard.js";
import type { FundingProposalDraft } from "../domain/funding.js";
import type { Brand } from "../domain/ids.js";
import { pathFromIdea } from "../domain/lifecycle.js";
import type {
  AgendaItemDraft,
  DecisionDraft,
  FollowUpActionDraft,
  Meeting,
  MeetingDraft,
} from "../domain/meetings.js";
import { approvalDraft, minutesContentHash } from "../domain/minutes.js";
import type {
  Area,
  BudgetLineDraft,
  Initiative,
  InitiativeDraft,
  PhaseChangeDraft,
  StrategyGoal,
} from "../domain/portfolio.js";
import {
  type BallotEntry,
  ballotKey,
  type Criterion,
  type Round,
} from "../domain/prioritization.js";
import type { AllocationDraft, Resource } from "../domain/resources.js";
import { SETTING_KEYS, type SettingDraft } from "../domain/strategy.js";
import type { BudgetKind, Competence, Phase, Rag } from "../domain/vocabulary.js";
import type { MeetingCalendar } from "../ports/calendar.js";
import type { SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import type { PartResult } from "../ports/repository.js";
import {
  AREAS,
  type BudgetSeed,
  CRITERIA,
  type GoalKey,
  GOALS,
  INITIATIVES,
  type InitiativeSeed,
} from "./content.js";
import {
  CHEFFORUM,
  COMMITTEE_TEAM,
  type DemoPerson,
  DIREKTOERFORUM_ADDRESS,
  MEMBERS,
  PEOPLE,
} from "./people.js";

/** What the seed needs to act as one demo user. */
export interface SeedActor {
  repositories: Repositories;
  people: SitePeople;
  calendar: MeetingCalendar;
}

/** The ports acting as a given user (by sign-in name), built by the caller. */
export interface SeedAdapters {
  as(upn: string): SeedActor;
}

export interface SeedSummary {
  /** False when the site already had initiatives and nothing was written. */
  seeded: boolean;
  /** Items written per list. */
  counts: Record<string, number>;
}

const TIME_ZONE = "Europe/Copenhagen";
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------- dates relative to the clock

function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The UTC instant of `hour`:00 Copenhagen time on the given UTC calendar day. */
function copenhagenAt(day: Date, hour: number): string {
  const guess = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour);
  const shown = Number(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: TIME_ZONE,
      hour: "2-digit",
      hourCycle: "h23",
    }).format(new Date(guess)),
  );
  return isoOf(guess - (shown - hour) * 60 * 60 * 1000);
}

interface Calendar {
  now: Date;
  year: number;
  /** Midnight UTC, `offset` days from today. */
  day(offset: number): string;
  /** The first Tuesday on or after `offset` days from today (the committee meets Tuesdays). */
  tuesday(offset: number): Date;
  monthStart(offset: number): string;
}

function calendarOf(clock: Clock): Calendar {
  const now = clock.now();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    now,
    year: now.getUTCFullYear(),
    day: (offset) => isoOf(today + offset * DAY_MS),
    tuesday: (offset) => {
      const d = new Date(today + offset * DAY_MS);
      return new Date(d.getTime() + ((2 - d.getUTCDay() + 7) % 7) * DAY_MS);
    },
    monthStart: (offset) => isoOf(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)),
  };
}

// ---------------------------------------------------------------- small helpers

function ref<I extends Brand<number, string>>(e: { id: I; title: string }): Ref<I> {
  return { id: e.id, title: e.title };
}

/** The values of a batched write, or the first failure as an error naming the list. */
function must<T>(what: string, results: readonly PartResult<T>[]): T[] {
  return results.map((r, i) => {
    if (!r.ok) throw new Error(`${what} nr. ${i + 1} kunne ikke gemmes: ${r.error.message}`);
    return r.value;
  });
}

function get<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`Demo-data mangler ${String(key)}`);
  return v;
}

/** A deterministic 0..4 score, so every run seeds the same ballots. */
function score(...xs: number[]): number {
  const h = xs.reduce((a, x) => (a * 31 + x * 17 + 7) % 1009, 11);
  return h % 5;
}

// ---------------------------------------------------------------- the seed

export async function seedDemoData(
  adapters: SeedAdapters,
  clock: Clock,
  log: (line: string) => void,
): Promise<SeedSummary> {
  const counts: Record<string, number> = {};
  const count = (list: string, n: number) => (counts[list] = (counts[list] ?? 0) + n);
  const cal = calendarOf(clock);
  const actors = new Map<DemoPerson, SeedActor>();
  const as = (who: DemoPerson): SeedActor => {
    let a = actors.get(who);
    if (!a) actors.set(who, (a = adapters.as(PEOPLE[who])));
    return a;
  };
  const sec = as("secretary");
  const repo = sec.repositories;

  const existing = await repo.initiatives.list({ limit: 1 });
  if (existing.length > 0) {
    log("Sitet har allerede tiltag: demo-data springes over.");
    return { seeded: false, counts };
  }

  // People: every demo user as a user of the site.
  const whoList = Object.keys(PEOPLE) as DemoPerson[];
  const ensured = await Promise.all(whoList.map((w) => sec.people.ensure(PEOPLE[w])));
  const people = new Map<DemoPerson, Person>(whoList.map((w, i) => [w, ensured[i] as Person]));
  const person = (w: DemoPerson) => get(people, w);

  // Settings, areas, strategy goals, criteria and budget frames.
  const years = [0, 1, 2, 3].map((k) => cal.year + k);
  const [, areas, goals, criteria] = await Promise.all([
    repo.settings
      .addMany(settingDrafts(years))
      .then((r) => count("Settings", must("Indstilling", r).length)),
    repo.areas
      .addMany(
        AREAS.map((a) => ({
          title: a.title,
          abbreviation: a.abbreviation,
          head: person(a.head),
          representatives: a.representatives.map(person),
          active: true,
        })),
      )
      .then((r) => must("Område", r)),
    repo.strategyGoals
      .addMany(
        GOALS.map((g, i) => ({
          title: g.title,
          description: g.description,
          period: `${cal.year}-${cal.year + 3}`,
          owner: person("chair"),
          sortOrder: i + 1,
        })),
      )
      .then((r) => must("Strategimål", r)),
    repo.criteria
      .addMany(
        CRITERIA.map((c, i) => ({
          title: c.title,
          description: c.description,
          levels: c.levels,
          active: true,
          sortOrder: i + 1,
        })),
      )
      .then((r) => must("Kriterium", r)),
    repo.budgetFrames
      .addMany(frameDrafts(years))
      .then((r) => count("BudgetFrames", must("Budgetramme", r).length)),
  ]);
  count("Areas", areas.length);
  count("StrategyGoals", goals.length);
  count("Criteria", criteria.length);
  const areaByKey = new Map(AREAS.map((a, i) => [a.key, areas[i] as Area]));
  const goalByKey = new Map<GoalKey, StrategyGoal>(
    GOALS.map((g, i) => [g.key, goals[i] as StrategyGoal]),
  );
  log(`Områder, strategimål, ${criteria.length} kriterier og budgetrammer for ${years.join("-")}.`);

  // Initiatives (proposers write their own) and the meetings, side by side.
  const draftOf = (s: InitiativeSeed): InitiativeDraft => ({
    title: s.title,
    strategyGoal: ref(get(goalByKey, s.goal)),
    summary: s.summary,
    need: s.need,
    solution: s.solution,
    source: s.source,
    area: ref(get(areaByKey, s.area)),
    owner: person(s.owner),
    projectLead: s.lead ? person(s.lead) : null,
    phase: s.phase,
    governance: s.governance ?? (s.phase === "Idé" ? null : "Styregruppe"),
    standaloneGroupFrom: s.governance === "Selvstændig styregruppe" ? cal.day(-40) : null,
    standaloneGroupTo: null,
    mandatory: s.legalDeadlineDays !== undefined,
    legalDeadline: s.legalDeadlineDays !== undefined ? cal.day(s.legalDeadlineDays) : null,
    requires: [],
    excludes: [],
    externalRef: s.externalRef ?? "",
    resourceNeeds: s.resourceNeeds,
    expectedBenefits: s.expectedBenefits,
    priority: s.priority ?? null,
    priorityScore: null,
    latestStatus: s.status ?? null,
  });
  const [initiatives, meetings] = await Promise.all([
    writeInitiatives(as, draftOf, cal.year, count),
    writeMeetings(sec, cal, MEMBERS.concat("chair").map(person), person("chair"), count),
  ]);
  const ini = (key: string) => get(initiatives, key);
  log(`${initiatives.size} tiltag med budgetlinjer og ${meetings.all.length} møder.`);

  // Dependencies between initiatives (the optimizer honours them).
  const withDeps = [
    { ...ini("journalisering"), requires: [ref(ini("esdh"))] },
    { ...ini("ai-jobcenter"), requires: [ref(ini("ai-politik"))] },
    { ...ini("affaldssensorer"), excludes: [ref(ini("ads"))] },
  ];
  for (const [i, r] of (await repo.initiatives.updateMany(withDeps)).entries()) {
    if (!r.ok) throw new Error(`Afhængighed ${i + 1} kunne ikke gemmes: ${r.error.message}`);
  }

  const [p1, p2] = meetings.past;
  const next = meetings.upcoming[0];
  if (!p1 || !p2 || !next) throw new Error("Demo-møderne mangler");

  // Weight set and the open round (the chair), then ballots (each voter as themselves).
  const chair = as("chair").repositories;
  const weightSet = await chair.weightSets.add({
    title: `Kriterievægte ${cal.year}`,
    weights: criteria.map((c, i) => ({ criterion: c.id, weight: CRITERIA[i]?.weight ?? 0 })),
    consistencyRatio: 0.06,
    state: "Godkendt",
    approvedAt: p1.end,
    meeting: ref(p1),
  });
  count("WeightSets", 1);
  const candidates = INITIATIVES.filter((s) => s.phase === "Klar til prioritering").map((s) =>
    ref(ini(s.key)),
  );
  const round = await chair.rounds.add({
    title: `Prioriteringsrunde før mødet i ${next.title.replace(/^Styregruppemøde /, "")}`,
    method: "Kriteriescore",
    candidates,
    opens: cal.day(-6),
    closes: cal.day(8),
    state: "Åben",
    resultsVisibility: "Efter lukning",
    weightSet: ref(weightSet),
    meeting: ref(next),
    settings: { scaleMin: 0, scaleMax: 4 },
  });
  count("Rounds", 1);

  const voters: DemoPerson[] = ["chair", "maja", "gitte", "hanne"];
  await Promise.all(voters.map((v, k) => castBallot(as(v), person(v), round, criteria, k)));
  count("Ballots", voters.length);
  log(
    `Åben prioriteringsrunde med ${candidates.length} kandidater og ${voters.length} afgivne stemmesedler.`,
  );

  // Benefits and measurements, status reports, resources and allocations, and the rest.
  const benefits = await writeBenefits(as, person, ini, cal, count);
  await Promise.all([
    writeStatusReports(as, ini, cal, count),
    writeResources(sec, person, areaByKey, ini, cal, count),
    writeFunding(sec, ini, cal.year, count),
    writeStrategy(as, person, areaByKey, goalByKey, ini, cal, count),
  ]);
  await writeMeetingRecords(as, person, ini, { p1, p2, next }, benefits, cal, count);
  await writeGateRecords(as, ini, { p1, p2 }, cal, count);
  log(
    "Gevinster, statusrapporter, ressourcer, finansiering, dagsordener, referater og beslutninger.",
  );
  return { seeded: true, counts };
}

// ---------------------------------------------------------------- the parts

function settingDrafts(years: number[]): SettingDraft[] {
  return [
    {
      title: "Styregruppens team",
      key: SETTING_KEYS.committeeTeamId,
      value: COMMITTEE_TEAM.teamId,
      description: "Styregruppens eget team; dets medlemmer er styregruppens medlemmer.",
    },
    {
      title: "Styregruppens kanal",
      key: SETTING_KEYS.committeeChannelId,
      value: COMMITTEE_TEAM.channelId,
      description: "Kanalen, hvor nye prioriteringsrunder og påmindelser slås op.",
    },
    {
      title: "Chefforums team",
      key: SETTING_KEYS.chefforumTeamId,
      value: CHEFFORUM.teamId,
      description: "Teamet, hvor godkendte referater slås op.",
    },
    {
      title: "Chefforums kanal til referater",
      key: SETTING_KEYS.chefforumChannelId,
      value: CHEFFORUM.channelId,
      description: "Kanalen i Chefforums team, hvor referaterne slås op.",
    },
    {
      title: "Direktørforums postkasse",
      key: SETTING_KEYS.direktoerforumAddress,
      value: DIREKTOERFORUM_ADDRESS,
      description: "Statusrapporten for porteføljeplanen sendes hertil.",
    },
    {
      title: "Mindste antal møder pr. år",
      key: SETTING_KEYS.minMeetingsPerYear,
      value: "4",
      description: "Kommissoriet: styregruppen mødes mindst 4 gange årligt.",
    },
    {
      title: "Budgetår",
      key: SETTING_KEYS.budgetYears,
      value: years.join(","),
      description: "De budgetår, porteføljen planlægges over.",
    },
  ];
}

function frameDrafts(years: number[]) {
  const frames: {
    kind: BudgetKind;
    amount: number;
    source: "Anlæg" | "Driftsbudget" | "Forventet effektiviseringsgevinst";
    title: string;
  }[] = [
    { kind: "Anlæg", amount: 6_000_000, source: "Anlæg", title: "Anlægsramme til digitalisering" },
    {
      kind: "Drift",
      amount: 3_000_000,
      source: "Driftsbudget",
      title: "Driftsramme til digitale løsninger",
    },
    {
      kind: "Gevinst",
      amount: 2_500_000,
      source: "Forventet effektiviseringsgevinst",
      title: "Forventet effektiviseringsgevinst",
    },
  ];
  return years.flatMap((year, k) =>
    frames.map((f) => ({
      title: `${f.title} ${year}`,
      year,
      kind: f.kind,
      // The first years carry the big replacements (ESDH, ydelsesplatform).
      amount: k === 0 && f.kind === "Anlæg" ? 9_000_000 : f.amount,
      source: f.source,
    })),
  );
}

/** Budget lines over the four budget years from an initiative's money profile. */
export function budgetLinesOf(b: BudgetSeed, year: number): Omit<BudgetLineDraft, "initiative">[] {
  const lines: Omit<BudgetLineDraft, "initiative">[] = [];
  const start = year + b.from;
  const last = year + 3;
  if (b.capex > 0 && start >= year) {
    const split = b.capex > 1_000_000 && start + 1 <= last;
    lines.push({
      title: `Anlæg ${start}`,
      year: start,
      kind: "Anlæg",
      amount: split ? Math.round(b.capex * 0.6) : b.capex,
    });
    if (split) {
      lines.push({
        title: `Anlæg ${start + 1}`,
        year: start + 1,
        kind: "Anlæg",
        amount: b.capex - Math.round(b.capex * 0.6),
      });
    }
  }
  for (let y = Math.max(start + 1, year); y <= last; y += 1) {
    if (b.opex > 0) lines.push({ title: `Drift ${y}`, year: y, kind: "Drift", amount: b.opex });
    if (b.gain > 0) {
      const amount = y === start + 1 ? Math.round(b.gain / 2) : b.gain;
      lines.push({ title: `Gevinst ${y}`, year: y, kind: "Gevinst", amount });
    }
  }
  return lines;
}

async function writeInitiatives(
  as: (who: DemoPerson) => SeedActor,
  draftOf: (s: InitiativeSeed) => InitiativeDraft,
  year: number,
  count: (list: string, n: number) => void,
): Promise<Map<string, Initiative>> {
  const out = new Map<string, Initiative>();
  const bySecretary = INITIATIVES.filter((s) => !s.proposer);
  const byProposer = INITIATIVES.filter((s) => s.proposer);
  const sec = as("secretary").repositories;
  await Promise.all([
    (async () => {
      const made = must("Tiltag", await sec.initiatives.addMany(bySecretary.map(draftOf)));
      made.forEach((m, i) => out.set((bySecretary[i] as InitiativeSeed).key, m));
      const lines = made.flatMap((m, i) => {
        const b = (bySecretary[i] as InitiativeSeed).budget;
        return b ? budgetLinesOf(b, year).map((l) => ({ ...l, initiative: ref(m) })) : [];
      });
      count("Initiatives", made.length);
      count("BudgetLines", must("Budgetlinje", await sec.budgetLines.addMany(lines)).length);
    })(),
    // A proposer writes their own proposal; members may not write budget lines, so a
    // member's idea comes without them (the secretary estimates later).
    ...byProposer.map(async (s) => {
      const repos = as(s.proposer as DemoPerson).repositories;
      if (s.budget) {
        const r = await repos.initiatives.addWithBudget(draftOf(s), budgetLinesOf(s.budget, year));
        out.set(s.key, r.initiative);
        count("BudgetLines", must("Budgetlinje", r.budgetLines).length);
      } else {
        out.set(s.key, await repos.initiatives.add(draftOf(s)));
      }
      count("Initiatives", 1);
    }),
  ]);
  return out;
}

interface SeededMeetings {
  all: Meeting[];
  past: Meeting[];
  upcoming: Meeting[];
}

async function writeMeetings(
  sec: SeedActor,
  cal: Calendar,
  attendees: Person[],
  chair: Person,
  count: (list: string, n: number) => void,
): Promise<SeededMeetings> {
  const month = (d: Date) => d.toLocaleDateString("da-DK", { month: "long", timeZone: "UTC" });
  const at = (d: Date) => ({ start: copenhagenAt(d, 9), end: copenhagenAt(d, 11) });
  const pastDays = [cal.tuesday(-115), cal.tuesday(-45)];
  const upcomingDays = [cal.tuesday(12), cal.tuesday(95), cal.tuesday(180)];
  const base = {
    kind: "Ordinært møde" as const,
    location: "Rådhuset, mødelokale 2",
    channelMessageId: "",
  };

  // Upcoming meetings are Teams meetings in the secretary's calendar, attendees invited.
  const scheduled = await Promise.all(
    upcomingDays.map((d) =>
      sec.calendar.schedule({
        subject: `Digitaliseringsstyregruppen – møde ${d.getUTCDate()}. ${month(d)}`,
        agendaHtml: "<p>Dagsordenen følger, når den er klar.</p>",
        ...at(d),
        timeZone: TIME_ZONE,
        attendees: attendees.map((p) => ({ email: p.email, name: p.name })),
        location: base.location,
        online: true,
        idempotencyKey: `digistyr-demo-${d.toISOString().slice(0, 10)}`,
      }),
    ),
  );
  const drafts: MeetingDraft[] = [
    ...pastDays.map((d, i): MeetingDraft => ({
      ...base,
      title: `Styregruppemøde ${month(d)} ${d.getUTCFullYear()}`,
      ...at(d),
      state: i === 0 ? "Referat udsendt" : "Referat godkendt",
      graphEventId: "",
      joinUrl: "",
      agendaSentAt: isoOf(Date.parse(at(d).start) - 7 * DAY_MS),
      minutesApprovedAt: isoOf(Date.parse(at(d).start) + 5 * DAY_MS),
      minutesApprovedBy: chair,
    })),
    ...upcomingDays.map((d, i): MeetingDraft => {
      const event = scheduled[i];
      if (!event?.joinUrl) throw new Error("Teams-mødet kom tilbage uden link");
      return {
        ...base,
        title: `Styregruppemøde ${month(d)} ${d.getUTCFullYear()}`,
        ...at(d),
        state: "Planlagt",
        graphEventId: event.id,
        joinUrl: event.joinUrl,
        agendaSentAt: null,
        minutesApprovedAt: null,
        minutesApprovedBy: null,
      };
    }),
  ];
  const all = must("Møde", await sec.repositories.meetings.addMany(drafts));
  count("Meetings", all.length);
  return { all, past: all.slice(0, 2), upcoming: all.slice(2) };
}

async function castBallot(
  voter: SeedActor,
  who: Person,
  round: Round,
  criteria: Criterion[],
  k: number,
): Promise<void> {
  // One ballot per member per round is the first one they wrote (no unique column holds it):
  // a voter who has one already is left as they are, so a repeated run adds no second one.
  const own = await voter.repositories.ballots.list({ where: { round: round.id } });
  if (own.some((b) => b.createdBy?.id === who.id)) return;
  const entries: BallotEntry[] = round.candidates.map((c, ci) => ({
    candidate: c.id,
    criterionScores: Object.fromEntries(criteria.map((cr, j) => [String(cr.id), score(k, ci, j)])),
  }));
  await voter.repositories.ballots.add({
    title: `Stemmeseddel fra ${who.name}`,
    round: ref(round),
    ballotKey: ballotKey(round.id, who.id),
    voter: who,
    payload: { entries },
    comment: k === 0 ? "Lovkravene bør gå forrest." : "",
  });
}

async function writeBenefits(
  as: (who: DemoPerson) => SeedActor,
  person: (w: DemoPerson) => Person,
  ini: (key: string) => Initiative,
  cal: Calendar,
  count: (list: string, n: number) => void,
) {
  const sec = as("secretary").repositories;
  // Every indicator counts up (a saving, a share), as the register's targets rise from
  // pessimistic to optimistic; a due date in the past makes the follow-up overdue.
  const specs: {
    key: string;
    title: string;
    indicator: string;
    unit: string;
    baseline: number;
    targets: [number, number, number];
    owner: DemoPerson;
    due: number;
    state: Benefit["state"];
    cash: boolean;
    measured: number[];
  }[] = [
    {
      key: "fakturarobot",
      title: "Flere fakturaer bogføres automatisk",
      indicator: "Andel fakturaer bogført automatisk",
      unit: "%",
      baseline: 0,
      targets: [40, 50, 60],
      owner: "chair",
      due: -20,
      state: "Under realisering",
      cash: false,
      measured: [32, 46],
    },
    {
      key: "fakturarobot",
      title: "Færre rykkergebyrer",
      indicator: "Sparede rykkergebyrer pr. år",
      unit: "kr.",
      baseline: 0,
      targets: [60_000, 90_000, 120_000],
      owner: "chair",
      due: 40,
      state: "Under realisering",
      cash: true,
      measured: [30_000],
    },
    {
      key: "skaermbesoeg",
      title: "Færre kørte kilometer i hjemmeplejen",
      indicator: "Sparede kilometer pr. måned",
      unit: "km",
      baseline: 0,
      targets: [4_000, 7_000, 10_000],
      owner: "camilla",
      due: -45,
      state: "Under realisering",
      cash: true,
      measured: [2_500],
    },
    {
      key: "skaermbesoeg",
      title: "Borgertilfredshed med skærmbesøg",
      indicator: "Andel tilfredse borgere",
      unit: "%",
      baseline: 0,
      targets: [60, 75, 85],
      owner: "camilla",
      due: 60,
      state: "Godkendt",
      cash: false,
      measured: [],
    },
    {
      key: "ksd",
      title: "Færre tabte refusioner",
      indicator: "Sparet tabt refusion pr. år",
      unit: "kr.",
      baseline: 0,
      targets: [350_000, 500_000, 650_000],
      owner: "jesper",
      due: 30,
      state: "Under realisering",
      cash: true,
      measured: [430_000],
    },
    {
      key: "digital-post-borger",
      title: "Lavere portoudgifter",
      indicator: "Sparet porto pr. år",
      unit: "kr.",
      baseline: 0,
      targets: [300_000, 400_000, 500_000],
      owner: "jonas",
      due: -10,
      state: "Under realisering",
      cash: true,
      measured: [250_000],
    },
    {
      key: "digital-byggesag",
      title: "Kortere sagsbehandlingstid i byggesager",
      indicator: "Sparede dage pr. sag i gennemsnit",
      unit: "dage",
      baseline: 0,
      targets: [9, 16, 24],
      owner: "maja",
      due: 75,
      state: "Under realisering",
      cash: false,
      measured: [13],
    },
    {
      key: "faelles-sprog",
      title: "Ensartet dokumentation",
      indicator: "Andel journaler efter Fælles Sprog III",
      unit: "%",
      baseline: 35,
      targets: [80, 90, 98],
      owner: "camilla",
      due: -5,
      state: "Godkendt",
      cash: false,
      measured: [],
    },
    {
      key: "omsorgsjournal",
      title: "Mere tid hos borgeren",
      indicator: "Sparet dokumentationstid pr. medarbejder pr. dag",
      unit: "min.",
      baseline: 0,
      targets: [10, 15, 20],
      owner: "camilla",
      due: 120,
      state: "Godkendt",
      cash: false,
      measured: [],
    },
    {
      key: "ai-jobcenter",
      title: "Kortere forberedelse til samtaler",
      indicator: "Sparet forberedelsestid pr. samtale",
      unit: "min.",
      baseline: 0,
      targets: [8, 13, 18],
      owner: "jesper",
      due: 240,
      state: "Foreslået",
      cash: false,
      measured: [],
    },
  ];
  const benefits = must(
    "Gevinst",
    await sec.benefits.addMany(
      specs.map((s) => {
        return {
          title: s.title,
          initiative: ref(ini(s.key)),
          kind: s.cash || s.unit === "kr." ? ("Økonomisk" as const) : ("Kvalitativ" as const),
          isCash: s.cash,
          isDisbenefit: false,
          indicator: s.indicator,
          unit: s.unit,
          baseline: s.baseline,
          targetPessimistic: s.targets[0],
          targetExpected: s.targets[1],
          targetOptimistic: s.targets[2],
          targetDate: cal.day(365),
          owner: person(s.owner),
          measurementPlan: "Måles efter idriftsættelse og derefter hvert halve år.",
          nextMeasurementDue: cal.day(s.due),
          state: s.state,
        };
      }),
    ),
  );
  count("Benefits", benefits.length);
  const measurements = benefits.flatMap((b, i) => {
    const s = specs[i];
    if (!s) return [];
    return [
      {
        title: "Baseline",
        benefit: ref(b),
        measuredAt: cal.day(-400),
        value: s.baseline,
        milestone: "Baseline" as const,
        comment: "",
      },
      ...s.measured.map((v, k) => ({
        title: k === 0 ? "Måling efter idriftsættelse" : "Løbende måling",
        benefit: ref(b),
        measuredAt: cal.day(-200 + k * 120),
        value: v,
        milestone: k === 0 ? ("Efter idriftsættelse" as const) : ("Løbende" as const),
        comment: k === 0 ? "Målt på tre måneders data." : "",
      })),
    ];
  });
  count(
    "BenefitMeasurements",
    must("Gevinstmåling", await sec.benefitMeasurements.addMany(measurements)).length,
  );
  return benefits;
}

async function writeStatusReports(
  as: (who: DemoPerson) => SeedActor,
  ini: (key: string) => Initiative,
  cal: Calendar,
  count: (list: string, n: number) => void,
): Promise<void> {
  const period = reportingPeriodOf(cal.now);
  const previous = previousReportingPeriodOf(cal.now);
  const quarterStart = Date.UTC(cal.year, Math.floor(cal.now.getUTCMonth() / 3) * 3, 1);
  const publishedNow = isoOf(quarterStart + (cal.now.getTime() - quarterStart) / 2);
  const publishedBefore = isoOf(quarterStart - 20 * DAY_MS);
  // [initiative, last quarter's overall, this quarter's overall or null = not reported yet]
  const plan: [string, Rag, Rag | "Kladde" | null, string][] = [
    [
      "ydelsesplatform",
      "Grøn",
      "Gul",
      "KOMBITs tidsplan er skubbet en måned; test er flyttet tilsvarende.",
    ],
    ["esdh", "Grøn", "Grøn", "Udbuddet er afsluttet, og kontrakten er underskrevet."],
    ["barnets-lov", "Rød", null, "Leverandøren har ikke leveret modulet til børnesamtaler."],
    ["koersel", "Grøn", null, "Appen er valgt, og lønafdelingen er klar til test."],
    ["mitid-erhverv", "Gul", "Gul", "To fagsystemer mangler; leverandøren har lovet en dato."],
    [
      "nis2",
      "Rød",
      "Kladde",
      "Central logning er forsinket, og beredskabsplanen mangler godkendelse.",
    ],
    ["digital-post-overgang", "Grøn", null, "Svarfunktionen er i test hos borgerservice."],
    ["omsorgsjournal", "Gul", null, "Udrulning i tre af seks grupper; telefoner er forsinket."],
    ["byggesag", "Grøn", "Grøn", "Statussiden er i drift for nye sager."],
    ["elevplan", "Grøn", "Grøn", "Alle skoler er i gang; uddannelsen af lærere fortsætter."],
    // In operation and in benefit follow-up they still report each quarter (ONGOING_PHASES).
    ["fakturarobot", "Grøn", "Grøn", "Robotterne bogfører 80 % af fakturaerne uden rettelser."],
    ["digital-byggesag", "Grøn", "Grøn", "Sagsbehandlingstiden er faldet som forventet."],
    ["faelles-sprog", "Gul", "Gul", "To grupper dokumenterer endnu ikke efter Fælles Sprog III."],
    ["skaermbesoeg", "Grøn", null, "Flere borgere har takket ja til skærmbesøg."],
    ["ksd", "Grøn", "Grøn", "Opgraderingen kører stabilt; gevinsterne måles i næste kvartal."],
    ["digital-post-borger", "Grøn", "Grøn", "Færre breve sendes fysisk end før overgangen."],
  ];
  const rag = (r: Rag, text = "") => ({ rag: r, text });
  const draft = (
    key: string,
    p: string,
    overall: Rag,
    text: string,
    published: string | null,
  ): StatusReportDraft => {
    const i = ini(key);
    return {
      title: `Status ${p}: ${i.title}`.slice(0, 255),
      initiative: ref(i),
      period: p,
      reportKey: statusReportKey(i.id, p),
      overall,
      overallText: text,
      scope: rag("Grøn"),
      time: rag(overall, overall === "Grøn" ? "" : text),
      cost: rag(overall === "Rød" ? "Gul" : "Grøn"),
      benefits: rag("Grøn"),
      state: published ? "Publiceret" : "Kladde",
      publishedAt: published,
      snapshot: { phase: i.phase },
    };
  };
  // Project leads who are proposers report themselves; the secretary reports for the rest.
  const byWriter = new Map<DemoPerson, StatusReportDraft[]>();
  for (const [key, before, now, text] of plan) {
    const lead = INITIATIVES.find((s) => s.key === key)?.lead;
    const writer: DemoPerson = lead === "thomas" || lead === "sara" ? lead : "secretary";
    const list = byWriter.get(writer) ?? [];
    list.push(draft(key, previous, before, "Status fra sidste kvartal.", publishedBefore));
    if (now === "Kladde") list.push(draft(key, period, "Rød", text, null));
    else if (now) list.push(draft(key, period, now, text, publishedNow));
    byWriter.set(writer, list);
  }
  await Promise.all(
    [...byWriter].map(async ([writer, drafts]) => {
      const made = must(
        "Statusrapport",
        await as(writer).repositories.statusReports.addMany(drafts),
      );
      count("StatusReports", made.length);
    }),
  );
}

async function writeResources(
  sec: SeedActor,
  person: (w: DemoPerson) => Person,
  areaByKey: ReadonlyMap<string, Area>,
  ini: (key: string) => Initiative,
  cal: Calendar,
  count: (list: string, n: number) => void,
): Promise<void> {
  const specs: {
    who: DemoPerson;
    name: string;
    area: string;
    competences: Competence[];
    capacity: number;
  }[] = [
    {
      who: "thomas",
      name: "Thomas Berg",
      area: "SF",
      competences: ["Projektledelse", "Forandringsledelse"],
      capacity: 140,
    },
    {
      who: "sara",
      name: "Sara Nielsen",
      area: "SU",
      competences: ["Uddannelse og implementering", "Test", "Forretningsudvikling"],
      capacity: 120,
    },
    {
      who: "gitte",
      name: "Gitte Iversen",
      area: "OS",
      competences: ["It-arkitektur", "Informationssikkerhed"],
      capacity: 40,
    },
    {
      who: "secretary",
      name: "Mads Kjær",
      area: "OS",
      competences: ["Projektledelse", "Forretningsudvikling"],
      capacity: 60,
    },
    {
      who: "owner",
      name: "Niels Fogh",
      area: "OS",
      competences: ["Integration og data", "It-arkitektur"],
      capacity: 100,
    },
  ];
  const resources = must(
    "Ressource",
    await sec.repositories.resources.addMany(
      specs.map((s) => ({
        title: s.name,
        person: person(s.who),
        area: ref(get(areaByKey, s.area)),
        competences: s.competences,
        capacityHoursPerMonth: s.capacity,
        active: true,
      })),
    ),
  );
  count("Resources", resources.length);
  const res = new Map<DemoPerson, Resource>(specs.map((s, i) => [s.who, resources[i] as Resource]));
  // Thomas is over-allocated for the next three months: the resource view should warn.
  const plan: [DemoPerson, string, Competence, number, number][] = [
    ["thomas", "ydelsesplatform", "Projektledelse", 80, 6],
    ["thomas", "omsorgsjournal", "Forandringsledelse", 50, 3],
    ["thomas", "barnets-lov", "Projektledelse", 40, 4],
    ["sara", "elevplan", "Uddannelse og implementering", 60, 4],
    ["sara", "koersel", "Test", 30, 3],
    ["sara", "pladsanvisning", "Forretningsudvikling", 20, 6],
    ["gitte", "nis2", "Informationssikkerhed", 25, 6],
    ["gitte", "mitid-erhverv", "It-arkitektur", 10, 3],
    ["secretary", "esdh", "Projektledelse", 40, 6],
    ["owner", "serviceplatform", "Integration og data", 30, 5],
  ];
  const allocations: AllocationDraft[] = plan.flatMap(([who, key, competence, hours, months]) =>
    Array.from({ length: months }, (_, m) => ({
      title: `${get(res, who).title} på ${ini(key).title}`.slice(0, 255),
      initiative: ref(ini(key)),
      resource: ref(get(res, who)),
      competence,
      month: cal.monthStart(m),
      hours,
    })),
  );
  count(
    "Allocations",
    must("Allokering", await sec.repositories.allocations.addMany(allocations)).length,
  );
}

async function writeFunding(
  sec: SeedActor,
  ini: (key: string) => Initiative,
  year: number,
  count: (list: string, n: number) => void,
): Promise<void> {
  const proposals: FundingProposalDraft[] = [
    {
      title: "Finansiering af ny ydelsesplatform",
      initiatives: [ref(ini("ydelsesplatform"))],
      source: "Central digitaliseringspulje",
      forum: "ØU",
      state: "Godkendt",
      amountsByYear: [
        { year, amount: 1_440_000 },
        { year: year + 1, amount: 960_000 },
      ],
      rationale: "Obligatorisk overgang til KOMBITs platform; finansieres af den centrale pulje.",
    },
    {
      title: "AI-assistent i jobcentret finansieret af gevinsten",
      initiatives: [ref(ini("ai-jobcenter"))],
      source: "Forventet effektiviseringsgevinst",
      forum: "DF",
      state: "Indstillet",
      amountsByYear: [
        { year, amount: 720_000 },
        { year: year + 1, amount: 480_000 },
      ],
      rationale: "Investeringen tjenes hjem på under to år gennem sparet forberedelsestid.",
    },
    {
      title: "Barnets Lov og webtilgængelighed",
      initiatives: [ref(ini("barnets-lov")), ref(ini("webtilgaengelighed"))],
      source: "Puljer",
      forum: "ØU",
      state: "Kladde",
      amountsByYear: [{ year, amount: 1_300_000 }],
      rationale: "Lovkrav med frist i år; søges fra puljen til lovbundne opgaver.",
    },
  ];
  count(
    "FundingProposals",
    must("Finansieringsforslag", await sec.repositories.fundingProposals.addMany(proposals)).length,
  );
}

async function writeStrategy(
  as: (who: DemoPerson) => SeedActor,
  person: (w: DemoPerson) => Person,
  areaByKey: ReadonlyMap<string, Area>,
  goalByKey: ReadonlyMap<GoalKey, StrategyGoal>,
  ini: (key: string) => Initiative,
  cal: Calendar,
  count: (list: string, n: number) => void,
): Promise<void> {
  const sec = as("secretary").repositories;
  const plans = sec.actionPlans.addMany([
    {
      title: `Handleplan for digital velfærd ${cal.year}`,
      area: ref(get(areaByKey, "SF")),
      goal: ref(get(goalByKey, "drift")),
      initiatives: ["tale-til-tekst", "omsorgsjournal", "skaermbesoeg"].map((k) => ref(ini(k))),
      period: String(cal.year),
      state: "Vedtaget",
      description: "Velfærdsteknologi og mobile arbejdsgange i hjemmeplejen.",
    },
    {
      title: `Handleplan for borgerrettet digitalisering ${cal.year}-${cal.year + 1}`,
      area: ref(get(areaByKey, "BKV")),
      goal: ref(get(goalByKey, "service")),
      initiatives: ["digital-post-hjaelp", "webtilgaengelighed", "digital-post-overgang"].map((k) =>
        ref(ini(k)),
      ),
      period: `${cal.year}-${cal.year + 1}`,
      state: "I gang",
      description: "Alle borgere skal kunne bruge kommunens digitale løsninger, også med hjælp.",
    },
  ]);
  const barriers = sec.barriers.addMany([
    {
      title: "For få med data- og integrationskompetencer",
      kind: "Kompetencer",
      description: "Integrationsopgaverne venter på de samme to personer.",
      owner: person("gitte"),
      state: "Under håndtering",
      blocks: ["serviceplatform", "aula-fravaer"].map((k) => ref(ini(k))),
    },
    {
      title: "Uklar hjemmel til brug af AI på borgerdata",
      kind: "Jura",
      description:
        "Vi mangler en juridisk vurdering af AI-forordningen og databeskyttelsesreglerne.",
      owner: person("secretary"),
      state: "Identificeret",
      blocks: [ref(ini("ai-jobcenter"))],
    },
    {
      title: "Forældede telefoner i hjemmeplejen",
      kind: "Infrastruktur",
      description: "Telefonerne kan ikke køre den nye app.",
      owner: person("camilla"),
      state: "Under håndtering",
      blocks: [ref(ini("omsorgsjournal"))],
    },
  ]);
  const comments = Promise.all(
    (
      [
        [
          "mette",
          "booking",
          "Foreningerne",
          "Foreningerne spørger til booking hver uge. Kan de komme med i første fase?",
        ],
        [
          "maja",
          "ai-jobcenter",
          "Data og ansvar",
          "Hvem har ansvaret, hvis resuméet er forkert? Det bør stå i risikovurderingen.",
        ],
        [
          "hanne",
          "pladsanvisning",
          "Forældrenes feedback",
          "Forældrerådet vil gerne teste løsningen før sommerferien.",
        ],
      ] as const
    ).map(([who, key, title, body]) =>
      as(who).repositories.comments.add({
        title,
        initiative: ref(ini(key)),
        body,
        replyTo: null,
        deleted: false,
        editedAt: null,
      }),
    ),
  );
  const learning = as("gitte").repositories.learningLog.add({
    title: "KL's Digitaliseringskonference",
    kind: "Konference",
    eventDate: cal.day(-70),
    attendees: [person("gitte"), person("jonas")],
    learnings:
      "Flere kommuner deler erfaringer med AI i jobcentre; vi bør tale med dem før vi går i gang.",
    link: "",
  });
  const [p, b, c] = await Promise.all([plans, barriers, comments, learning]);
  count("ActionPlans", must("Handleplan", p).length);
  count("Barriers", must("Barriere", b).length);
  count("Comments", c.length);
  count("LearningLog", 1);
}

async function writeMeetingRecords(
  as: (who: DemoPerson) => SeedActor,
  person: (w: DemoPerson) => Person,
  ini: (key: string) => Initiative,
  m: { p1: Meeting; p2: Meeting; next: Meeting },
  benefits: Benefit[],
  cal: Calendar,
  count: (list: string, n: number) => void,
): Promise<void> {
  const sec = as("secretary").repositories;
  const item = (
    meeting: Meeting,
    sortOrder: number,
    kind: AgendaItemDraft["kind"],
    title: string,
    o: Partial<AgendaItemDraft> = {},
  ): AgendaItemDraft => ({
    title,
    meeting: ref(meeting),
    sortOrder,
    kind,
    initiative: null,
    fundingProposal: null,
    benefit: null,
    presenter: person("secretary"),
    durationMinutes: kind === "Orientering" ? 10 : 20,
    recommendation: "",
    minutesText: "",
    invitedAreas: [],
    ...o,
  });
  const skaermbesoeg = benefits.find((b) => b.title === "Færre kørte kilometer i hjemmeplejen");
  const agenda = must(
    "Dagsordenspunkt",
    await sec.agendaItems.addMany([
      item(m.p1, 1, "Beslutning", "Kriterier og vægte for prioritering", {
        presenter: person("chair"),
        recommendation:
          "Sekretariatet indstiller, at styregruppen godkender de seks kriterier og vægtene.",
        minutesText: "Kriterier og vægte blev godkendt med en tilføjelse om gennemførlighed.",
      }),
      item(m.p1, 2, "Orientering", "Porteføljen og kommende tiltag fra KL/KOMBIT", {
        minutesText: "Sekretariatet gennemgik porteføljen. Taget til efterretning.",
      }),
      item(m.p1, 3, "Beslutning", "Digital pladsanvisning i dagtilbud", {
        initiative: ref(ini("pladsanvisning")),
        presenter: person("sara"),
        recommendation: "Det indstilles, at tiltaget prioriteres og planlægges i år.",
        minutesText: "Tiltaget blev prioriteret som nummer ét.",
      }),
      item(m.p1, 4, "Beslutning", "Finansiering af ny ydelsesplatform", {
        initiative: ref(ini("ydelsesplatform")),
        presenter: person("jesper"),
        recommendation: "Det indstilles, at finansieringsforslaget sendes til Økonomiudvalget.",
        minutesText: "Godkendt. Forslaget sendes til ØU.",
      }),
      item(m.p2, 1, "Orientering", "Status på NIS2", {
        initiative: ref(ini("nis2")),
        presenter: person("gitte"),
        minutesText: "Central logning er forsinket. Styregruppen bad om en plan til næste møde.",
      }),
      item(m.p2, 2, "Drøftelse", "Barnets Lov: rød status", {
        initiative: ref(ini("barnets-lov")),
        presenter: person("thomas"),
        recommendation: "Styregruppen drøfter, om der skal sættes flere ressourcer af.",
        minutesText: "Der sættes ekstra projektledelse af. Chefforum orienteres.",
      }),
      item(m.p2, 3, "Beslutning", "Udbud af nyt ESDH-system", {
        initiative: ref(ini("esdh")),
        presenter: person("chair"),
        recommendation:
          "Det indstilles, at udbuddet igangsættes, og at der nedsættes en selvstændig styregruppe.",
        minutesText: "Godkendt. Selvstændig styregruppe nedsættes; sagen går til Direktørforum.",
      }),
      item(m.next, 1, "Beslutning", "Resultat af prioriteringsrunden", {
        presenter: person("chair"),
        recommendation:
          "Formanden fremlægger resultatet af runden; styregruppen beslutter rækkefølgen.",
      }),
      item(m.next, 2, "Beslutning", "Fælles booking af lokaler", {
        initiative: ref(ini("booking")),
        presenter: person("mette"),
        recommendation: "Det indstilles, at tiltaget prioriteres med start i år.",
      }),
      item(m.next, 3, "Beslutning", "AI-assistent til sagsresumé i jobcentret", {
        initiative: ref(ini("ai-jobcenter")),
        presenter: person("jesper"),
        recommendation:
          "Det indstilles, at tiltaget prioriteres, når risikovurderingen foreligger.",
      }),
      item(m.next, 4, "Orientering", "Gevinstopfølgning: skærmbesøg i hjemmeplejen", {
        initiative: ref(ini("skaermbesoeg")),
        benefit: skaermbesoeg ? ref(skaermbesoeg) : null,
        presenter: person("thomas"),
      }),
    ]),
  );
  count("AgendaItems", agenda.length);
  const point = (meeting: Meeting, sortOrder: number) => {
    const a = agenda.find((x) => x.meeting?.id === meeting.id && x.sortOrder === sortOrder);
    if (!a) throw new Error("Dagsordenspunkt mangler");
    return ref(a);
  };
  const decided = (meeting: Meeting) => meeting.end;
  const decisions: DecisionDraft[] = [
    {
      title: "Kriterier og vægte godkendt",
      meeting: ref(m.p1),
      agendaItem: point(m.p1, 1),
      initiative: null,
      text: "Styregruppen godkendte seks kriterier og vægtene for prioritering.",
      carriedTo: [],
      decidedAt: decided(m.p1),
    },
    {
      title: "Digital pladsanvisning prioriteres",
      meeting: ref(m.p1),
      agendaItem: point(m.p1, 3),
      initiative: ref(ini("pladsanvisning")),
      text: "Tiltaget prioriteres som nummer ét og planlægges i år.",
      carriedTo: ["DF"],
      decidedAt: decided(m.p1),
    },
    {
      title: "Finansiering af ny ydelsesplatform til ØU",
      meeting: ref(m.p1),
      agendaItem: point(m.p1, 4),
      initiative: ref(ini("ydelsesplatform")),
      text: "Finansieringsforslaget sendes til Økonomiudvalget.",
      carriedTo: ["ØU"],
      decidedAt: decided(m.p1),
    },
    {
      title: "Ekstra projektledelse til Barnets Lov",
      meeting: ref(m.p2),
      agendaItem: point(m.p2, 2),
      initiative: ref(ini("barnets-lov")),
      text: "Der sættes ekstra projektledelse af, og Chefforum orienteres om forsinkelsen.",
      carriedTo: ["CF"],
      decidedAt: decided(m.p2),
    },
    {
      title: "Udbud af ESDH-system igangsættes",
      meeting: ref(m.p2),
      agendaItem: point(m.p2, 3),
      initiative: ref(ini("esdh")),
      text: "Udbuddet igangsættes, og der nedsættes en selvstændig styregruppe.",
      carriedTo: ["DF", "CF"],
      decidedAt: decided(m.p2),
    },
  ];
  const made = must("Beslutning", await sec.decisions.addMany(decisions));
  count("Decisions", made.length);
  const decision = (title: string) => {
    const d = made.find((x) => x.title === title);
    if (!d) throw new Error("Beslutning mangler");
    return ref(d);
  };
  const actions: FollowUpActionDraft[] = [
    {
      title: "Send finansieringsforslaget til ØU",
      description: "",
      owner: person("secretary"),
      due: isoOf(Date.parse(m.p1.start) + 14 * DAY_MS),
      state: "Afsluttet",
      meeting: ref(m.p1),
      decision: decision("Finansiering af ny ydelsesplatform til ØU"),
      initiative: ref(ini("ydelsesplatform")),
    },
    {
      title: "Indhent tilbud på fælles bookingløsning",
      description: "Mindst to tilbud før næste møde.",
      owner: person("mette"),
      due: cal.day(-12),
      state: "Åben",
      meeting: ref(m.p2),
      decision: null,
      initiative: ref(ini("booking")),
    },
    {
      title: "Genopretningsplan for Barnets Lov",
      description: "Plan med ny tidsplan fra leverandøren.",
      owner: person("thomas"),
      due: cal.day(-5),
      state: "I gang",
      meeting: ref(m.p2),
      decision: decision("Ekstra projektledelse til Barnets Lov"),
      initiative: ref(ini("barnets-lov")),
    },
    {
      title: "Plan for central logning (NIS2)",
      description: "",
      owner: person("gitte"),
      due: cal.day(6),
      state: "I gang",
      meeting: ref(m.p2),
      decision: null,
      initiative: ref(ini("nis2")),
    },
    {
      title: "Risikovurdering af AI-assistenten",
      description: "Jura og informationssikkerhed.",
      owner: person("gitte"),
      due: cal.day(10),
      state: "Åben",
      meeting: ref(m.p2),
      decision: null,
      initiative: ref(ini("ai-jobcenter")),
    },
    {
      title: "Nedsæt styregruppe for ESDH",
      description: "",
      owner: person("chair"),
      due: cal.day(-30),
      state: "Afsluttet",
      meeting: ref(m.p2),
      decision: decision("Udbud af ESDH-system igangsættes"),
      initiative: ref(ini("esdh")),
    },
  ];
  const storedActions = must("Opfølgningspunkt", await sec.actions.addMany(actions));
  count("Actions", storedActions.length);

  // The chair's approvals of the two past meetings' minutes, written as the chair (only Formand
  // can write them), pinned to the minutes as stored: fresh demo data shows nothing irregular.
  const approvals = [m.p1, m.p2].map((meeting) =>
    approvalDraft(
      meeting,
      minutesContentHash({
        meeting,
        items: agenda.filter((x) => x.meeting?.id === meeting.id),
        decisions: made.filter((x) => x.meeting?.id === meeting.id),
        actions: storedActions.filter((x) => x.meeting?.id === meeting.id),
      }),
      new Date(meeting.minutesApprovedAt ?? meeting.end),
    ),
  );
  const approved = must(
    "Godkendelse af referat",
    await as("chair").repositories.minutesApprovals.addMany(approvals),
  );
  count("MinutesApprovals", approved.length);
}

// ---------------------------------------------------------------- the gates' record

/**
 * The recorded changes behind every demo initiative's phase, priority and mandatory flag, by
 * people allowed to make them (only recorded changes count): each owner moves their own idea
 * into needs analysis; the secretary records the rest, with the committee's decisions where a
 * phase needs one and a reason where a change needs one. Written in order, owners first, so
 * the server's order of creation is the order of the changes.
 */
async function writeGateRecords(
  as: (who: DemoPerson) => SeedActor,
  ini: (key: string) => Initiative,
  m: { p1: Meeting; p2: Meeting },
  cal: Calendar,
  count: (list: string, n: number) => void,
): Promise<void> {
  const sec = as("secretary").repositories;
  // Decisions the later phases refer to: those of the demo meetings, and two of their own.
  const existing = await sec.decisions.list();
  const [plan, closing] = must(
    "Beslutning",
    await sec.decisions.addMany([
      {
        title: "Porteføljeplanen godkendt",
        meeting: ref(m.p1),
        agendaItem: null,
        initiative: null,
        text: "Styregruppen godkendte porteføljeplanen: de prioriterede tiltag planlægges og gennemføres i planens rækkefølge.",
        carriedTo: [],
        decidedAt: m.p1.end,
      },
      {
        title: "Tiltag afsluttet og afvist",
        meeting: ref(m.p2),
        agendaItem: null,
        initiative: null,
        text: "Styregruppen afsluttede tiltag, hvis gevinster er fulgt op, og afviste forslag, der ikke passer til strategien.",
        carriedTo: [],
        decidedAt: m.p2.end,
      },
    ]),
  );
  if (!plan || !closing) throw new Error("Beslutning mangler");
  count("Decisions", 2);
  const own = (title: string, key: string) =>
    existing.find((d) => d.title === title && d.initiative?.id === ini(key).id);
  const decisionFor = (key: string, to: Phase) => {
    if (to === "Prioriteret") return ref(own("Digital pladsanvisning prioriteres", key) ?? plan);
    if (to === "Planlægning") {
      const esdh = own("Udbud af ESDH-system igangsættes", key);
      return esdh ? ref(esdh) : null;
    }
    return to === "Afvist" || to === "Afsluttet" ? ref(closing) : null;
  };
  const reasons: Partial<Record<Phase, string>> = {
    Parkeret: "Afventer den nye affaldskontrakt.",
    Afvist: "Passer ikke til strategien; borgerservice prioriterer selvbetjening.",
  };

  const byOwner = new Map<DemoPerson, PhaseChangeDraft[]>();
  const bySecretary: PhaseChangeDraft[] = [];
  for (const s of INITIATIVES) {
    const i = ini(s.key);
    const path = pathFromIdea(s.phase);
    path.forEach((step, k) => {
      const record: PhaseChangeDraft = {
        title: `${step.from} → ${step.to}`,
        initiative: ref(i),
        fromPhase: step.from,
        toPhase: step.to,
        changedAt: cal.day(-300 + k * 30),
        decision: decisionFor(s.key, step.to),
        reason: reasons[step.to] ?? "",
      };
      if (k === 0) byOwner.set(s.owner, [...(byOwner.get(s.owner) ?? []), record]);
      else bySecretary.push(record);
    });
    const at = cal.day(-300 + path.length * 30);
    const gate = { initiative: ref(i), fromPhase: s.phase, toPhase: s.phase, changedAt: at };
    if (s.legalDeadlineDays !== undefined) {
      bySecretary.push({
        ...gate,
        title: "Lovpligtigt",
        decision: null,
        reason: "Lovkrav med frist.",
        gate: "Lovpligtig",
        mandatory: true,
      });
    }
    if (s.priority !== undefined) {
      bySecretary.push({
        ...gate,
        title: `Prioritet ${s.priority}`,
        decision: ref(plan),
        reason: "",
        gate: "Prioritet",
        priority: s.priority,
        priorityScore: null,
      });
    }
  }
  await Promise.all(
    [...byOwner].map(async ([who, records]) => {
      const made = must("Faseskift", await as(who).repositories.phaseChanges.addMany(records));
      count("PhaseChanges", made.length);
    }),
  );
  count("PhaseChanges", must("Faseskift", await sec.phaseChanges.addMany(bySecretary)).length);
}
