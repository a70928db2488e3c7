/**
 * Demo data written through the app's own ports, as the right demo users: the secretary sets
 * up areas, meetings and the portfolio; proposers write their own proposals and status
 * reports; the chair agrees the weights, opens the round and approves the minutes; each member
 * casts their own ballot with their own identity (ballots are own-items-only in SharePoint).
 * Dates are relative to the day the seed began, so the demo stays current. Batched writes are
 * used wherever the repositories offer them, so the whole seed takes seconds on the local
 * server.
 *
 * Resumable: a run killed at any moment, or stopped by a failure, is completed by the next run
 * with nothing written twice. The seed first writes a marker setting (`demo.seed`) holding the
 * moment it began; every step then finds what an earlier run already wrote by a natural key
 * (src/seed/reconcile.ts) and writes only what is missing, dating everything from the moment
 * in the marker; the marker is marked complete at the end. Calendar events are created with a
 * `transactionId`, so a retried create returns the event already made
 * (https://learn.microsoft.com/graph/api/resources/event). The order of the writes keeps the
 * committee's rules: the gates' records are written in rounds, each initiative's records in
 * the order of its path; the chair's approvals come after the minutes they are pinned to are
 * complete; ballots are written by their own voters after the round opened.
 *
 * A site that has initiatives but no marker is not the seed's: nothing is written there.
 */
import { type Benefit, type StatusReportDraft, statusReportKey } from "../domain/benefits.js";
import type { Clock } from "../domain/clock.js";
import type { Person, Ref } from "../domain/common.js";
import { previousReportingPeriodOf, reportingPeriodOf } from "../domain/dashboard.js";
import { StoreError } from "../domain/errors.js";
import type { FundingProposalDraft } from "../domain/funding.js";
import type { Brand } from "../domain/ids.js";
import { pathFromIdea } from "../domain/lifecycle.js";
import type {
  AgendaItemDraft,
  Decision,
  DecisionDraft,
  FollowUpActionDraft,
  Meeting,
  MeetingDraft,
} from "../domain/meetings.js";
import { approvalDraft, minutesContentHash } from "../domain/minutes.js";
import {
  type Area,
  type BudgetLineDraft,
  gateOf,
  type Initiative,
  type InitiativeDraft,
  type PhaseChange,
  type PhaseChangeDraft,
  type StrategyGoal,
} from "../domain/portfolio.js";
import {
  type BallotEntry,
  ballotKey,
  type Criterion,
  type Round,
} from "../domain/prioritization.js";
import {
  type ActionPlan,
  type ActionPlanDraft,
  type Barrier,
  type BarrierDraft,
  type Setting,
  SETTING_KEYS,
  type SettingDraft,
} from "../domain/strategy.js";
import type { BudgetKind, Phase, Rag } from "../domain/vocabulary.js";
import type { MeetingCalendar } from "../ports/calendar.js";
import type { SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { writeBenefits } from "./benefits.js";
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
import {
  ensureOnce,
  type EnsureSpec,
  oneByOne,
  SeedTally,
  settleAll,
  sharedRead,
  step,
  type StepOptions,
} from "./reconcile.js";
import { writeResources } from "./resources.js";
import { writeStrategyExtras } from "./strategy.js";

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

export interface SeedOptions {
  /** How a step is run again after a passing failure (tests make the waits instant). */
  step?: StepOptions;
}

export interface SeedSummary {
  /** True when this run wrote demo data: all of it, or what an interrupted run left out. */
  seeded: boolean;
  /** True when an earlier run had begun the demo data and this one completed it. */
  resumed: boolean;
  /**
   * Why nothing was written: the demo data was already complete, or the site has initiatives
   * the seed did not write (it is not a demo site).
   */
  skipped?: "complete" | "notDemo";
  /** When the demo data began (its dates are relative to this); absent when not a demo site. */
  anchor?: string;
  /** Items of the demo data per list (internal names): found and written. */
  counts: Record<string, number>;
  /** Items this run wrote per list. */
  written: Record<string, number>;
  /** Calendar events of the demo data (the upcoming meetings), and how many this run made. */
  events: { count: number; written: number };
}

/** The setting that marks a site as the seed's: when it began, and whether it is complete. */
export const DEMO_SEED_KEY = "demo.seed";

interface SeedMarker {
  /** The moment the seed began (ISO); every date of the demo data is relative to it. */
  from: string;
  complete: boolean;
}

function parseMarker(value: string): SeedMarker | null {
  try {
    const v = JSON.parse(value) as Partial<SeedMarker>;
    if (typeof v.from !== "string" || Number.isNaN(Date.parse(v.from))) return null;
    return { from: v.from, complete: v.complete === true };
  } catch {
    return null;
  }
}

function markerDraft(marker: SeedMarker): SettingDraft {
  return {
    title: "Demo-data",
    key: DEMO_SEED_KEY,
    value: JSON.stringify(marker),
    description:
      "Lagt ind af npm start: hvornår demo-data blev påbegyndt (datoerne regnes herfra), og om de er færdige.",
  };
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

/** Of a title: the key most of the lists' demo items are found by. */
const byTitle = (x: { title: string }) => x.title;

/** Everything the parts share: who writes, the dates, and the tally of what was found. */
export interface SeedContext {
  as: (who: DemoPerson) => SeedActor;
  person: (who: DemoPerson) => Person;
  cal: Calendar;
  tally: SeedTally;
  events: { count: number; written: number };
  /** One list's part of the demo data, found or written; read and tried again when passing. */
  ensure: <T, D>(spec: EnsureSpec<T, D>) => Promise<T[]>;
  /** Runs a step (that reads before it writes), again after a passing failure. */
  step: <T>(label: string, run: () => Promise<T>) => Promise<T>;
}

type Begun =
  | { kind: "complete"; from: string }
  | { kind: "notDemo" }
  | { kind: "go"; from: string; resumed: boolean };

/**
 * Finds the marker an earlier run left, or writes it on a site without initiatives. The moment
 * this run tried to write is remembered, so a marker whose answer was lost is still this run's.
 */
async function begin(repo: Repositories, clock: Clock, attempt: { from?: string }): Promise<Begun> {
  const settings = await repo.settings.list();
  const found = settings.find((s) => s.key === DEMO_SEED_KEY);
  if (found) {
    const marker = parseMarker(found.value);
    if (!marker) {
      throw new Error(`Indstillingen ${DEMO_SEED_KEY} kan ikke læses: "${found.value}"`);
    }
    if (marker.complete) return { kind: "complete", from: marker.from };
    return { kind: "go", from: marker.from, resumed: marker.from !== attempt.from };
  }
  if ((await repo.initiatives.list({ limit: 1 })).length > 0) return { kind: "notDemo" };
  attempt.from ??= isoOf(clock.now().getTime());
  await repo.settings.add(markerDraft({ from: attempt.from, complete: false }));
  return { kind: "go", from: attempt.from, resumed: false };
}

/** Marks the demo data complete (the last write of a run). */
async function finish(repo: Repositories, from: string): Promise<void> {
  const found = (await repo.settings.list()).find((s): s is Setting => s.key === DEMO_SEED_KEY);
  if (!found) throw new Error(`Indstillingen ${DEMO_SEED_KEY} er forsvundet`);
  if (parseMarker(found.value)?.complete) return;
  await repo.settings.update({ ...found, ...markerDraft({ from, complete: true }) });
}

function describeFailure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const dateFormat = new Intl.DateTimeFormat("da-DK", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: TIME_ZONE,
});

// ---------------------------------------------------------------- the seed

export async function seedDemoData(
  adapters: SeedAdapters,
  clock: Clock,
  log: (line: string) => void,
  options: SeedOptions = {},
): Promise<SeedSummary> {
  const tally = new SeedTally();
  const events = { count: 0, written: 0 };
  const actors = new Map<DemoPerson, SeedActor>();
  const as = (who: DemoPerson): SeedActor => {
    let a = actors.get(who);
    if (!a) actors.set(who, (a = adapters.as(PEOPLE[who])));
    return a;
  };
  const stepOptions: StepOptions = {
    ...options.step,
    onRepeat: (label, attempt, e) => {
      log(`${label}: ${describeFailure(e)} Trinnet læses og prøves igen (forsøg ${attempt + 1}).`);
      options.step?.onRepeat?.(label, attempt, e);
    },
  };
  const run = <T>(label: string, fn: () => Promise<T>) => step(label, fn, stepOptions);
  const sec = as("secretary");
  const repo = sec.repositories;
  const summary = (over: Partial<SeedSummary>): SeedSummary => ({
    seeded: false,
    resumed: false,
    counts: tally.counts(),
    written: { ...tally.written },
    events: { ...events },
    ...over,
  });

  const attempt: { from?: string } = {};
  const begun = await run("Demo-data", () => begin(repo, clock, attempt));
  if (begun.kind === "notDemo") {
    log("Sitet har allerede tiltag, som demo-data ikke har skrevet: demo-data springes over.");
    return summary({ skipped: "notDemo" });
  }
  if (begun.kind === "complete") {
    log(`Demo-data er allerede lagt ind (påbegyndt ${dateFormat.format(new Date(begun.from))}).`);
    return summary({ skipped: "complete", anchor: begun.from });
  }
  tally.note("Settings", begun.resumed ? 1 : 0, begun.resumed ? 0 : 1);
  if (begun.resumed) {
    log(
      `Fortsætter demo-data, der blev påbegyndt ${dateFormat.format(new Date(begun.from))} og ` +
        "afbrudt: det, der allerede er skrevet, bliver fundet, og kun det manglende skrives.",
    );
  }

  const cal = calendarOf({ now: () => new Date(begun.from) });
  const ctx: SeedContext = {
    as,
    person: (w) => get(people, w),
    cal,
    tally,
    events,
    ensure: async (spec) => {
      const done = await run(spec.what, () => ensureOnce(spec));
      tally.add(done);
      return done.items;
    },
    step: run,
  };
  // One progress line per stage, saying what an earlier run had written when there was any.
  let before = { found: tally.totalFound(), written: tally.totalWritten() };
  const progress = (text: string) => {
    const found = tally.totalFound() - before.found;
    const written = tally.totalWritten() - before.written;
    before = { found: tally.totalFound(), written: tally.totalWritten() };
    log(found > 0 ? `${text} (${found} fandtes allerede, ${written} skrevet nu)` : text);
  };

  // People: every demo user as a user of the site.
  const whoList = Object.keys(PEOPLE) as DemoPerson[];
  const ensured = await Promise.all(
    whoList.map((w) => run("Person", () => sec.people.ensure(PEOPLE[w]))),
  );
  const people = new Map<DemoPerson, Person>(whoList.map((w, i) => [w, ensured[i] as Person]));
  const person = ctx.person;

  // Settings, areas, strategy goals, criteria and budget frames.
  const years = [0, 1, 2, 3].map((k) => cal.year + k);
  const [, areas, goals, criteria] = await Promise.all([
    ctx.ensure({
      list: "Settings",
      what: "Indstilling",
      read: () => repo.settings.list(),
      keyOf: (s) => s.key,
      drafts: settingDrafts(years),
      draftKey: (d) => d.key,
      write: (m) => repo.settings.addMany(m),
    }),
    ctx.ensure({
      list: "Areas",
      what: "Område",
      read: () => repo.areas.list(),
      keyOf: byTitle,
      drafts: AREAS.map((a) => ({
        title: a.title,
        abbreviation: a.abbreviation,
        head: person(a.head),
        representatives: a.representatives.map(person),
        active: true,
      })),
      draftKey: byTitle,
      write: (m) => repo.areas.addMany(m),
    }),
    ctx.ensure({
      list: "StrategyGoals",
      what: "Strategimål",
      read: () => repo.strategyGoals.list(),
      keyOf: byTitle,
      drafts: GOALS.map((g, i) => ({
        title: g.title,
        description: g.description,
        period: `${cal.year}-${cal.year + 3}`,
        owner: person("chair"),
        sortOrder: i + 1,
      })),
      draftKey: byTitle,
      write: (m) => repo.strategyGoals.addMany(m),
    }),
    ctx.ensure({
      list: "Criteria",
      what: "Kriterium",
      read: () => repo.criteria.list(),
      keyOf: byTitle,
      drafts: CRITERIA.map((c, i) => ({
        title: c.title,
        description: c.description,
        levels: c.levels,
        active: true,
        sortOrder: i + 1,
      })),
      draftKey: byTitle,
      write: (m) => repo.criteria.addMany(m),
    }),
    ctx.ensure({
      list: "BudgetFrames",
      what: "Budgetramme",
      read: () => repo.budgetFrames.list(),
      keyOf: byTitle,
      drafts: frameDrafts(years),
      draftKey: byTitle,
      write: (m) => repo.budgetFrames.addMany(m),
    }),
  ]);
  const areaByKey = new Map(AREAS.map((a, i) => [a.key, areas[i] as Area]));
  const goalByKey = new Map<GoalKey, StrategyGoal>(
    GOALS.map((g, i) => [g.key, goals[i] as StrategyGoal]),
  );
  progress(
    `Områder, strategimål, ${criteria.length} kriterier og budgetrammer for ${years.join("-")}.`,
  );

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
    writeInitiatives(ctx, draftOf, cal.year),
    writeMeetings(ctx, MEMBERS.concat("chair").map(person), person("chair")),
  ]);
  const ini = (key: string) => get(initiatives, key);

  // Dependencies between initiatives (the optimizer honours them).
  await writeDependencies(ctx, ini);
  progress(
    `${initiatives.size} tiltag med budgetlinjer og afhængigheder, ${meetings.all.length} møder.`,
  );

  const [p1, p2] = meetings.past;
  const next = meetings.upcoming[0];
  if (!p1 || !p2 || !next) throw new Error("Demo-møderne mangler");

  // Weight set and the open round (the chair), then ballots (each voter as themselves).
  const chair = as("chair").repositories;
  const [weightSet] = await ctx.ensure({
    list: "WeightSets",
    what: "Vægtsæt",
    read: () => chair.weightSets.list(),
    keyOf: byTitle,
    drafts: [
      {
        title: `Kriterievægte ${cal.year}`,
        weights: criteria.map((c, i) => ({ criterion: c.id, weight: CRITERIA[i]?.weight ?? 0 })),
        consistencyRatio: 0.06,
        state: "Godkendt" as const,
        approvedAt: p1.end,
        meeting: ref(p1),
      },
    ],
    draftKey: byTitle,
    write: (m) => chair.weightSets.addMany(m),
  });
  if (!weightSet) throw new Error("Vægtsættet mangler");
  const candidates = INITIATIVES.filter((s) => s.phase === "Klar til prioritering").map((s) =>
    ref(ini(s.key)),
  );
  const [round] = await ctx.ensure({
    list: "Rounds",
    what: "Prioriteringsrunde",
    read: () => chair.rounds.list(),
    keyOf: byTitle,
    drafts: [
      {
        title: `Prioriteringsrunde før mødet i ${next.title.replace(/^Styregruppemøde /, "")}`,
        method: "Kriteriescore" as const,
        candidates,
        opens: cal.day(-6),
        closes: cal.day(8),
        state: "Åben" as const,
        resultsVisibility: "Efter lukning" as const,
        weightSet: ref(weightSet),
        meeting: ref(next),
        settings: { scaleMin: 0, scaleMax: 4 },
      },
    ],
    draftKey: byTitle,
    write: (m) => chair.rounds.addMany(m),
  });
  if (!round) throw new Error("Prioriteringsrunden mangler");

  const voters: DemoPerson[] = ["chair", "maja", "gitte", "hanne"];
  await Promise.all(
    voters.map((v, k) =>
      ctx.step("Stemmeseddel", async () => {
        const wrote = await castBallot(as(v), person(v), round, criteria, k);
        tally.note("Ballots", wrote ? 0 : 1, wrote ? 1 : 0);
      }),
    ),
  );
  progress(
    `Åben prioriteringsrunde med ${candidates.length} kandidater og ${voters.length} afgivne stemmesedler.`,
  );

  // Benefits and measurements, status reports, resources and allocations, and the rest.
  const benefits = await writeBenefits(ctx, ini);
  await Promise.all([
    writeStatusReports(ctx, ini),
    writeResources(ctx, areaByKey, ini),
    writeFunding(ctx, ini),
    writeStrategy(ctx, areaByKey, goalByKey, ini),
    writeStrategyExtras({ ...ctx, secretary: ctx.as("secretary").repositories }),
  ]);
  progress("Gevinster, statusrapporter, ressourcer, finansiering og strategi.");
  const decisions = await writeMeetingRecords(ctx, ini, { p1, p2, next }, benefits);
  progress("Dagsordener, referater og beslutninger.");
  await writeGateRecords(ctx, ini, decisions);
  progress("Faseskift, prioriteter og lovkrav, registreret af dem, der må.");
  await approveMinutes(ctx, [p1, p2]);
  progress("Formandens godkendelser af referaterne.");

  await run("Demo-data", () => finish(repo, begun.from));
  return summary({ seeded: true, resumed: begun.resumed, anchor: begun.from });
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
      // Ongoing solutions already bind about 4.3 M a year in operation: room for new ones.
      amount: 5_500_000,
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
      // The first year carries the big replacements (ESDH, ydelsesplatform): work under way and
      // legal demands bind about 9.9 M of it, so the frame leaves room for new candidates and
      // the optimizer finds a selection on first use.
      amount: k === 0 && f.kind === "Anlæg" ? 12_000_000 : f.amount,
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

/**
 * The initiatives, each written by the secretary or by its proposer (their own proposal), and
 * their budget lines by the same writer. A member's idea comes without budget lines (members
 * may not write them; the secretary estimates later).
 */
async function writeInitiatives(
  ctx: SeedContext,
  draftOf: (s: InitiativeSeed) => InitiativeDraft,
  year: number,
): Promise<Map<string, Initiative>> {
  const out = new Map<string, Initiative>();
  const sec = ctx.as("secretary").repositories;
  const readInitiatives = sharedRead(() => sec.initiatives.list());
  const readLines = sharedRead(() => sec.budgetLines.list());
  const writers = new Map<DemoPerson, InitiativeSeed[]>();
  for (const s of INITIATIVES) {
    const who = s.proposer ?? "secretary";
    writers.set(who, [...(writers.get(who) ?? []), s]);
  }
  await Promise.all(
    [...writers].map(async ([who, seeds]) => {
      const repos = ctx.as(who).repositories;
      const made = await ctx.ensure({
        list: "Initiatives",
        what: "Tiltag",
        read: readInitiatives(),
        keyOf: byTitle,
        drafts: seeds.map(draftOf),
        draftKey: byTitle,
        // The secretary in batches; a proposer one proposal at a time, as the intake form does.
        write: (m) =>
          who === "secretary"
            ? repos.initiatives.addMany(m)
            : oneByOne(m, (d) => repos.initiatives.add(d)),
      });
      made.forEach((m, i) => out.set((seeds[i] as InitiativeSeed).key, m));
      const lines = made.flatMap((m, i) => {
        const b = (seeds[i] as InitiativeSeed).budget;
        return b ? budgetLinesOf(b, year).map((l) => ({ ...l, initiative: ref(m) })) : [];
      });
      if (lines.length === 0) return;
      await ctx.ensure({
        list: "BudgetLines",
        what: "Budgetlinje",
        read: readLines(),
        keyOf: (l) => `${l.initiative?.id}|${l.title}`,
        drafts: lines,
        draftKey: (l) => `${l.initiative?.id}|${l.title}`,
        write: (m) => repos.budgetLines.addMany(m),
      });
    }),
  );
  return out;
}

/** The secretary records three dependencies (the optimizer honours them), once. */
async function writeDependencies(
  ctx: SeedContext,
  ini: (key: string) => Initiative,
): Promise<void> {
  const sec = ctx.as("secretary").repositories;
  const wanted: [string, "requires" | "excludes", string][] = [
    ["journalisering", "requires", "esdh"],
    ["ai-jobcenter", "requires", "ai-politik"],
    ["affaldssensorer", "excludes", "ads"],
  ];
  await ctx.step("Afhængighed", async () => {
    const now = new Map((await sec.initiatives.list()).map((i) => [i.id as number, i]));
    const changes = wanted.flatMap(([key, kind, other]) => {
      const i = now.get(ini(key).id);
      if (!i) throw new Error(`Tiltaget ${ini(key).title} er forsvundet`);
      const target = ini(other);
      if (i[kind].some((r) => r.id === target.id)) return [];
      return [
        kind === "requires" ? { ...i, requires: [ref(target)] } : { ...i, excludes: [ref(target)] },
      ];
    });
    if (changes.length > 0) {
      for (const [k, r] of (await sec.initiatives.updateMany(changes)).entries()) {
        if (!r.ok)
          throw r.error.kind === "Throttled" || r.error.kind === "Unavailable"
            ? r.error
            : new Error(`Afhængighed ${k + 1} kunne ikke gemmes: ${r.error.message}`);
      }
    }
  });
}

interface SeededMeetings {
  all: Meeting[];
  past: Meeting[];
  upcoming: Meeting[];
}

/**
 * Two past meetings with minutes, and three upcoming ones as Teams meetings in the secretary's
 * calendar with the committee invited. An upcoming meeting's event is made only while its list
 * item is missing, with a `transactionId` of its date: a create repeated after a lost answer or
 * a killed run returns the event already made (and is not counted as written again).
 */
async function writeMeetings(
  ctx: SeedContext,
  attendees: Person[],
  chair: Person,
): Promise<SeededMeetings> {
  const { cal } = ctx;
  const sec = ctx.as("secretary");
  const month = (d: Date) => d.toLocaleDateString("da-DK", { month: "long", timeZone: "UTC" });
  const at = (d: Date) => ({ start: copenhagenAt(d, 9), end: copenhagenAt(d, 11) });
  const pastDays = [cal.tuesday(-115), cal.tuesday(-45)];
  const upcomingDays = [cal.tuesday(12), cal.tuesday(95), cal.tuesday(180)];
  const base = {
    kind: "Ordinært møde" as const,
    location: "Rådhuset, mødelokale 2",
    channelMessageId: "",
  };
  const titleOf = (d: Date) => `Styregruppemøde ${month(d)} ${d.getUTCFullYear()}`;
  const drafts: MeetingDraft[] = [
    ...pastDays.map((d, i): MeetingDraft => ({
      ...base,
      title: titleOf(d),
      ...at(d),
      state: i === 0 ? "Referat udsendt" : "Referat godkendt",
      graphEventId: "",
      joinUrl: "",
      agendaSentAt: isoOf(Date.parse(at(d).start) - 7 * DAY_MS),
      minutesApprovedAt: isoOf(Date.parse(at(d).start) + 5 * DAY_MS),
      minutesApprovedBy: chair,
    })),
    ...upcomingDays.map((d): MeetingDraft => ({
      ...base,
      title: titleOf(d),
      ...at(d),
      state: "Planlagt",
      graphEventId: "",
      joinUrl: "",
      agendaSentAt: null,
      minutesApprovedAt: null,
      minutesApprovedBy: null,
    })),
  ];
  const dayOf = new Map(upcomingDays.map((d) => [titleOf(d), d]));
  // Teams meetings for the upcoming meetings still missing, then the list items with their links.
  const schedule = async (draft: MeetingDraft): Promise<MeetingDraft> => {
    const d = dayOf.get(draft.title);
    if (!d) return draft;
    const event = await sec.calendar.schedule({
      subject: `Digitaliseringsstyregruppen – møde ${d.getUTCDate()}. ${month(d)}`,
      agendaHtml: "<p>Dagsordenen følger, når den er klar.</p>",
      ...at(d),
      timeZone: TIME_ZONE,
      attendees: attendees.map((p) => ({ email: p.email, name: p.name })),
      location: base.location,
      online: true,
      idempotencyKey: `digistyr-demo-${d.toISOString().slice(0, 10)}`,
    });
    // Teams had not yet provisioned the meeting: passing, the step asks again (the create is
    // answered with the event already made, by its transactionId).
    if (!event.joinUrl) throw new StoreError("Unavailable", "Teams-mødet kom tilbage uden link");
    return { ...draft, graphEventId: event.id, joinUrl: event.joinUrl };
  };
  let scheduled = 0;
  const all = await ctx.ensure({
    list: "Meetings",
    what: "Møde",
    read: () => sec.repositories.meetings.list(),
    keyOf: byTitle,
    drafts,
    draftKey: byTitle,
    // One at a time, each upcoming meeting's item right after its event: what got through is
    // found by the next attempt, whichever write failed.
    write: (missing) =>
      oneByOne(missing, async (draft) => {
        const stored = await sec.repositories.meetings.add(await schedule(draft));
        if (dayOf.has(draft.title)) scheduled += 1;
        return stored;
      }),
  });
  ctx.events.count += upcomingDays.length;
  ctx.events.written += scheduled;
  return { all, past: all.slice(0, 2), upcoming: all.slice(2) };
}

/**
 * One ballot by the voter as themselves. One ballot per member per round is the first one they
 * wrote (no unique column holds it): a voter who has one already is left as they are, so a
 * repeated run adds no second one. True when it wrote one.
 */
async function castBallot(
  voter: SeedActor,
  who: Person,
  round: Round,
  criteria: Criterion[],
  k: number,
): Promise<boolean> {
  const own = await voter.repositories.ballots.list({ where: { round: round.id } });
  if (own.some((b) => b.createdBy?.id === who.id)) return false;
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
  return true;
}

async function writeStatusReports(
  ctx: SeedContext,
  ini: (key: string) => Initiative,
): Promise<void> {
  const { cal } = ctx;
  const sec = ctx.as("secretary").repositories;
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
  const readReports = sharedRead(() => sec.statusReports.list());
  await Promise.all(
    [...byWriter].map(async ([writer, drafts]) => {
      const repos = ctx.as(writer).repositories;
      await ctx.ensure({
        list: "StatusReports",
        what: "Statusrapport",
        read: readReports(),
        keyOf: (r) => r.reportKey,
        drafts,
        draftKey: (r) => r.reportKey,
        write: (m) => repos.statusReports.addMany(m),
      });
    }),
  );
}

async function writeFunding(ctx: SeedContext, ini: (key: string) => Initiative): Promise<void> {
  const { year } = ctx.cal;
  const sec = ctx.as("secretary").repositories;
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
  await ctx.ensure({
    list: "FundingProposals",
    what: "Finansieringsforslag",
    read: () => sec.fundingProposals.list(),
    keyOf: byTitle,
    drafts: proposals,
    draftKey: byTitle,
    write: (m) => sec.fundingProposals.addMany(m),
  });
}

async function writeStrategy(
  ctx: SeedContext,
  areaByKey: ReadonlyMap<string, Area>,
  goalByKey: ReadonlyMap<GoalKey, StrategyGoal>,
  ini: (key: string) => Initiative,
): Promise<void> {
  const { cal, person } = ctx;
  const sec = ctx.as("secretary").repositories;
  const plans = ctx.ensure<ActionPlan, ActionPlanDraft>({
    list: "ActionPlans",
    what: "Handleplan",
    read: () => sec.actionPlans.list(),
    keyOf: byTitle,
    draftKey: byTitle,
    write: (m) => sec.actionPlans.addMany(m),
    drafts: [
      {
        title: `Handleplan for digital velfærd ${cal.year}`,
        area: ref(get(areaByKey, "SF")),
        goal: ref(get(goalByKey, "drift")),
        initiatives: ["tale-til-tekst", "omsorgsjournal", "skaermbesoeg"].map((k) => ref(ini(k))),
        period: String(cal.year),
        state: "Vedtaget",
        responsible: person("gitte"),
        description: "Velfærdsteknologi og mobile arbejdsgange i hjemmeplejen.",
      },
      {
        title: `Handleplan for borgerrettet digitalisering ${cal.year}-${cal.year + 1}`,
        area: ref(get(areaByKey, "BKV")),
        goal: ref(get(goalByKey, "service")),
        initiatives: ["digital-post-hjaelp", "webtilgaengelighed", "digital-post-overgang"].map(
          (k) => ref(ini(k)),
        ),
        period: `${cal.year}-${cal.year + 1}`,
        state: "I gang",
        responsible: person("mette"),
        description: "Alle borgere skal kunne bruge kommunens digitale løsninger, også med hjælp.",
      },
    ],
  });
  const barriers = ctx.ensure<Barrier, BarrierDraft>({
    list: "Barriers",
    what: "Barriere",
    read: () => sec.barriers.list(),
    keyOf: byTitle,
    draftKey: byTitle,
    write: (m) => sec.barriers.addMany(m),
    drafts: [
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
    ],
  });
  const readComments = sharedRead(() => sec.comments.list());
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
    ).map(([who, key, title, body]) => {
      const repos = ctx.as(who).repositories;
      return ctx.ensure({
        list: "Comments",
        what: "Kommentar",
        read: readComments(),
        keyOf: (c) => `${c.initiative?.id}|${c.title}`,
        drafts: [
          {
            title,
            initiative: ref(ini(key)),
            body,
            replyTo: null,
            deleted: false,
            editedAt: null,
          },
        ],
        draftKey: (c) => `${c.initiative?.id}|${c.title}`,
        write: (m) => oneByOne(m, (d) => repos.comments.add(d)),
      });
    }),
  );
  const gitte = ctx.as("gitte").repositories;
  const learning = ctx.ensure({
    list: "LearningLog",
    what: "Erfaring",
    read: () => sec.learningLog.list(),
    keyOf: byTitle,
    drafts: [
      {
        title: "KL's Digitaliseringskonference",
        kind: "Konference" as const,
        eventDate: cal.day(-70),
        attendees: [person("gitte"), person("jonas")],
        learnings:
          "Flere kommuner deler erfaringer med AI i jobcentre; vi bør tale med dem før vi går i gang.",
        link: "",
      },
    ],
    draftKey: byTitle,
    write: (m) => oneByOne(m, (d) => gitte.learningLog.add(d)),
  });
  await Promise.all([plans, barriers, comments, learning]);
}

/**
 * The agendas, the past meetings' minutes (points, decisions, follow-up actions; among the
 * decisions the two the gates' records refer to), then the chair's approval of each past
 * meeting's minutes, pinned to the minutes as stored once they are complete: fresh demo data
 * shows nothing irregular. Returns the decisions.
 */
async function writeMeetingRecords(
  ctx: SeedContext,
  ini: (key: string) => Initiative,
  m: { p1: Meeting; p2: Meeting; next: Meeting },
  benefits: Benefit[],
): Promise<Decision[]> {
  const { cal, person } = ctx;
  const sec = ctx.as("secretary").repositories;
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
  const pointKey = (a: Pick<AgendaItemDraft, "meeting" | "sortOrder">) =>
    `${a.meeting?.id}|${a.sortOrder}`;
  const agenda = await ctx.ensure({
    list: "AgendaItems",
    what: "Dagsordenspunkt",
    read: () => sec.agendaItems.list(),
    keyOf: pointKey,
    draftKey: pointKey,
    write: (x) => sec.agendaItems.addMany(x),
    drafts: [
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
    ],
  });
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
    // The committee's decisions the gates' records of the later phases refer to.
    {
      title: PLAN_DECISION,
      meeting: ref(m.p1),
      agendaItem: null,
      initiative: null,
      text: "Styregruppen godkendte porteføljeplanen: de prioriterede tiltag planlægges og gennemføres i planens rækkefølge.",
      carriedTo: [],
      decidedAt: decided(m.p1),
    },
    {
      title: CLOSING_DECISION,
      meeting: ref(m.p2),
      agendaItem: null,
      initiative: null,
      text: "Styregruppen afsluttede tiltag, hvis gevinster er fulgt op, og afviste forslag, der ikke passer til strategien.",
      carriedTo: [],
      decidedAt: decided(m.p2),
    },
  ];
  const made = await ctx.ensure({
    list: "Decisions",
    what: "Beslutning",
    read: () => sec.decisions.list(),
    keyOf: byTitle,
    drafts: decisions,
    draftKey: byTitle,
    write: (x) => sec.decisions.addMany(x),
  });
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
  await ctx.ensure({
    list: "Actions",
    what: "Opfølgningspunkt",
    read: () => sec.actions.list(),
    keyOf: byTitle,
    drafts: actions,
    draftKey: byTitle,
    write: (x) => sec.actions.addMany(x),
  });

  return made;
}

/**
 * The chair's approvals of the past meetings' minutes, written as the chair (only Formand can
 * write them) and pinned to the minutes as stored (read back, as the minutes page reads them),
 * so fresh demo data shows nothing irregular. Written last: every decision, action and agenda
 * point of those meetings is then in place (a later one would change the minutes and leave the
 * approval stale). An approval an earlier run wrote is found by its meeting.
 */
async function approveMinutes(ctx: SeedContext, meetings: readonly Meeting[]): Promise<void> {
  const sec = ctx.as("secretary").repositories;
  const chair = ctx.as("chair").repositories;
  const approvals = await ctx.step("Godkendelse af referat", async () => {
    const drafts = await Promise.all(
      meetings.map(async (meeting) => {
        const [stored, items, decisions, actions] = await Promise.all([
          sec.meetings.get(meeting.id),
          sec.agendaItems.list({ where: { meeting: meeting.id } }),
          sec.decisions.list({ where: { meeting: meeting.id } }),
          sec.actions.list({ where: { meeting: meeting.id } }),
        ]);
        return approvalDraft(
          stored,
          minutesContentHash({ meeting: stored, items, decisions, actions }),
          new Date(stored.minutesApprovedAt ?? stored.end),
        );
      }),
    );
    return ensureOnce({
      list: "MinutesApprovals",
      what: "Godkendelse af referat",
      read: () => chair.minutesApprovals.list(),
      keyOf: (a) => String(a.meeting?.id),
      drafts,
      draftKey: (a) => String(a.meeting?.id),
      write: (x) => chair.minutesApprovals.addMany(x),
    });
  });
  ctx.tally.add(approvals);
}

// ---------------------------------------------------------------- the gates' record

const PLAN_DECISION = "Porteføljeplanen godkendt";
const CLOSING_DECISION = "Tiltag afsluttet og afvist";

/** A record of the gates, and who writes it. */
interface GateRecord {
  writer: DemoPerson;
  draft: PhaseChangeDraft;
}

/** What one record of an initiative is recognised by: the gate it sets, from where to where. */
function recordKey(
  r: Pick<PhaseChangeDraft, "initiative" | "gate" | "fromPhase" | "toPhase">,
): string {
  return `${r.initiative?.id}|${gateOf(r)}|${r.fromPhase ?? ""}|${r.toPhase}`;
}

/**
 * The recorded changes behind every demo initiative's phase, priority and mandatory flag, by
 * people allowed to make them (only recorded changes count): each owner moves their own idea
 * into needs analysis; the secretary records the rest, with the committee's decisions where a
 * phase needs one and a reason where a change needs one.
 *
 * The records count in the server's order of creation, so they are written in rounds: round k
 * holds the k-th record of every initiative, and starts only when every record of round k-1 is
 * stored. A throttled part sent again, or a run that stopped part-way, can then only leave each
 * initiative's records as a prefix of its path, which the next round (or run) continues.
 */
async function writeGateRecords(
  ctx: SeedContext,
  ini: (key: string) => Initiative,
  decisions: readonly Decision[],
): Promise<void> {
  const { cal } = ctx;
  const sec = ctx.as("secretary").repositories;
  const decisionTitled = (title: string) => {
    const d = decisions.find((x) => x.title === title);
    if (!d) throw new Error(`Beslutningen "${title}" mangler`);
    return d;
  };
  const plan = decisionTitled(PLAN_DECISION);
  const closing = decisionTitled(CLOSING_DECISION);
  const own = (title: string, key: string) =>
    decisions.find((d) => d.title === title && d.initiative?.id === ini(key).id);
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

  // Each initiative's records in the order they count: its path, then its other gates.
  const chains: GateRecord[][] = INITIATIVES.map((s) => {
    const i = ini(s.key);
    const path = pathFromIdea(s.phase);
    const chain: GateRecord[] = path.map((stepOf, k) => ({
      writer: k === 0 ? s.owner : "secretary",
      draft: {
        title: `${stepOf.from} → ${stepOf.to}`,
        initiative: ref(i),
        fromPhase: stepOf.from,
        toPhase: stepOf.to,
        changedAt: cal.day(-300 + k * 30),
        decision: decisionFor(s.key, stepOf.to),
        reason: reasons[stepOf.to] ?? "",
      },
    }));
    const at = cal.day(-300 + path.length * 30);
    const gate = { initiative: ref(i), fromPhase: s.phase, toPhase: s.phase, changedAt: at };
    if (s.legalDeadlineDays !== undefined) {
      chain.push({
        writer: "secretary",
        draft: {
          ...gate,
          title: "Lovpligtigt",
          decision: null,
          reason: "Lovkrav med frist.",
          gate: "Lovpligtig",
          mandatory: true,
        },
      });
    }
    if (s.priority !== undefined) {
      chain.push({
        writer: "secretary",
        draft: {
          ...gate,
          title: `Prioritet ${s.priority}`,
          decision: ref(plan),
          reason: "",
          gate: "Prioritet",
          priority: s.priority,
          priorityScore: null,
        },
      });
    }
    return chain;
  });

  // What is stored, read once and kept up to date with what the rounds write; read again when
  // a round has to be run again.
  let known: PhaseChange[] | undefined;
  const rounds = Math.max(...chains.map((c) => c.length));
  for (let k = 0; k < rounds; k += 1) {
    const byWriter = new Map<DemoPerson, PhaseChangeDraft[]>();
    for (const c of chains) {
      const r = c[k];
      if (r) byWriter.set(r.writer, [...(byWriter.get(r.writer) ?? []), r.draft]);
    }
    const done = await ctx.step("Faseskift", async () => {
      const stored = known ?? (await sec.phaseChanges.list());
      known = undefined;
      const made = await settleAll(
        [...byWriter].map(([who, drafts]) => {
          const repos = ctx.as(who).repositories;
          return ensureOnce({
            list: "PhaseChanges",
            what: "Faseskift",
            read: () => Promise.resolve(stored),
            keyOf: recordKey,
            drafts,
            draftKey: recordKey,
            write: (m) => repos.phaseChanges.addMany(m),
          });
        }),
      );
      known = [...stored, ...made.flatMap((e) => e.items)];
      return made;
    });
    for (const e of done) ctx.tally.add(e);
  }
}
