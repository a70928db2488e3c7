/**
 * The demo data, written through the real SharePoint and Graph adapters as the demo users,
 * against a freshly provisioned local Microsoft 365.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { Clock } from "../../src/domain/clock.js";
import { composeDashboard, type OverdueCard } from "../../src/domain/dashboard.js";
import { overAllocations } from "../../src/domain/resources-capacity.js";
import { PHASES, SOURCES } from "../../src/domain/vocabulary.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import type { Repositories } from "../../src/ports/repositories.js";
import { type SeedAdapters, seedDemoData, type SeedSummary } from "../../src/seed/index.js";
import { loadMinutes, minutesIrregularities } from "../../src/use-cases/minutes.js";
import { loadPortfolioCheck } from "../../src/use-cases/portfolio-audit.js";
import { loadOpenRequests, loadResourceOverview } from "../../src/use-cases/resources.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const NOW = new Date("2026-05-12T10:00:00Z");
const clock: Clock = { now: () => NOW };
/** The phases whose gate (into Gennemførelse) needed allocations: under way or done. */
const ONGOING_OR_DONE = new Set<string>([
  "Gennemførelse",
  "I drift",
  "Gevinstopfølgning",
  "Afsluttet",
]);

let sp: ProvisionedSp;
let first: SeedSummary;
const lines: string[] = [];

function adaptersOn(server: ProvisionedSp): SeedAdapters {
  return {
    as: (upn) => ({
      ...server.adaptersFor(upn),
      calendar: createGraphAdapters({ baseUrl: server.m365.graph, tokens: devTokenProvider(upn) })
        .calendar,
    }),
  };
}

const repos = (upn: string): Repositories => sp.adaptersFor(upn).repositories;

beforeAll(async () => {
  sp = await startProvisionedSp();
  first = await seedDemoData(adaptersOn(sp), clock, (l) => lines.push(l));
}, 60_000);

afterAll(async () => {
  await sp?.close();
}, 60_000);

describe("seedDemoData on an empty site", () => {
  it("reports that it seeded, with a line per step", () => {
    expect(first.seeded).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(4);
  });

  it("writes about 40 initiatives covering every phase and every source", async () => {
    const initiatives = await repos(sp.users.secretary).initiatives.list();
    expect(initiatives.length).toBeGreaterThanOrEqual(38);
    expect(initiatives.length).toBeLessThanOrEqual(45);
    expect(new Set(initiatives.map((i) => i.phase))).toEqual(new Set(PHASES));
    expect(new Set(initiatives.map((i) => i.source))).toEqual(new Set(SOURCES));
    const legal = initiatives.filter((i) => i.source === "Nye lovkrav");
    expect(legal.length).toBeGreaterThan(0);
    expect(legal.every((i) => i.mandatory && i.legalDeadline !== null)).toBe(true);
    expect(initiatives.every((i) => i.area !== null && i.owner !== null)).toBe(true);
  });

  it("has proposers' own proposals written by the proposers themselves", async () => {
    const initiatives = await repos(sp.users.secretary).initiatives.list();
    const authors = new Set(initiatives.map((i) => i.createdBy?.email.toLowerCase()));
    for (const contributor of sp.users.contributors) expect(authors).toContain(contributor);
    expect(authors).toContain(sp.users.secretary);
  });

  it("writes budget lines of every kind over four budget years, and frames per year and kind", async () => {
    const r = repos(sp.users.secretary);
    const [lines, frames] = await Promise.all([r.budgetLines.list(), r.budgetFrames.list()]);
    expect(new Set(lines.map((l) => l.year))).toEqual(new Set([2026, 2027, 2028, 2029]));
    expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(["Anlæg", "Drift", "Gevinst"]));
    expect(frames.map((f) => `${f.year}:${f.kind}`).sort()).toEqual(
      [2026, 2027, 2028, 2029].flatMap((y) => [`${y}:Anlæg`, `${y}:Drift`, `${y}:Gevinst`]).sort(),
    );
  });

  it("holds the charter's areas with heads, six criteria with levels and an approved weight set", async () => {
    const r = repos(sp.users.secretary);
    const [areas, criteria, weightSets] = await Promise.all([
      r.areas.list(),
      r.criteria.list(),
      r.weightSets.list(),
    ]);
    expect(areas.map((a) => a.abbreviation).sort()).toEqual(
      ["AEY", "BKV", "BMB", "KFFS", "S&U", "S&F", "ØS"].sort(),
    );
    expect(areas.every((a) => a.head !== null)).toBe(true);
    expect(criteria).toHaveLength(6);
    expect(criteria.every((c) => c.levels.extreme !== "" && c.levels.none !== "")).toBe(true);
    const approved = weightSets.filter((w) => w.state === "Godkendt");
    expect(approved).toHaveLength(1);
    const sum = approved[0]!.weights.reduce((s, w) => s + w.weight, 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it("has two past meetings with minutes, decisions carried to other forums and follow-up actions, some overdue", async () => {
    const r = repos(sp.users.secretary);
    const [meetings, agenda, decisions, actions] = await Promise.all([
      r.meetings.list(),
      r.agendaItems.list(),
      r.decisions.list(),
      r.actions.list(),
    ]);
    const past = meetings.filter((m) => Date.parse(m.end) < NOW.getTime());
    expect(past).toHaveLength(2);
    expect(past.every((m) => m.state.startsWith("Referat"))).toBe(true);
    for (const m of past) {
      const points = agenda.filter((a) => a.meeting?.id === m.id);
      expect(points.length).toBeGreaterThanOrEqual(3);
      expect(points.every((a) => a.minutesText !== "")).toBe(true);
      expect(decisions.some((d) => d.meeting?.id === m.id)).toBe(true);
    }
    expect(decisions.some((d) => d.carriedTo.length > 0)).toBe(true);
    const overdue = actions.filter(
      (a) => a.due !== null && Date.parse(a.due) < NOW.getTime() && a.state !== "Afsluttet",
    );
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(actions.length).toBeGreaterThan(overdue.length);
  });

  it("has the past meetings' minutes approved by the chair, with nothing irregular", async () => {
    const secretary = { ...sp.adaptersFor(sp.users.secretary), clock };
    const meetings = await secretary.repositories.meetings.list();
    const past = meetings.filter((m) => Date.parse(m.end) < NOW.getTime());
    for (const m of past) {
      const page = await loadMinutes(secretary, m.id);
      expect(page.standing).toMatchObject({
        status: { kind: "approved", by: { name: "Birgitte Holm" } },
        irregular: [],
      });
    }
    expect(await minutesIrregularities(secretary)).toEqual([]);
  });

  it("plans the next meeting as a Teams meeting whose event id and join link are on the list item", async () => {
    const meetings = await repos(sp.users.secretary).meetings.list({
      orderBy: [{ field: "start" }],
    });
    const upcoming = meetings.filter((m) => Date.parse(m.start) > NOW.getTime());
    expect(upcoming.length).toBeGreaterThanOrEqual(1);
    const next = upcoming[0]!;
    expect(next.joinUrl).toMatch(/^https:\/\//);
    expect(next.graphEventId).not.toBe("");
    const { calendar } = createGraphAdapters({
      baseUrl: sp.m365.graph,
      tokens: devTokenProvider(sp.users.secretary),
    });
    const event = await calendar.get(next.graphEventId as Parameters<typeof calendar.get>[0]);
    expect(event.joinUrl).toBe(next.joinUrl);
    expect(event.attendees.length).toBeGreaterThanOrEqual(8);
    // The next meeting has an agenda in preparation with decision points.
    const agenda = await repos(sp.users.secretary).agendaItems.list({
      where: { meeting: next.id },
    });
    expect(agenda.some((a) => a.kind === "Beslutning" && a.initiative !== null)).toBe(true);
  });

  it("opens one priority round of ready candidates with ballots from some members, each visible only to its voter", async () => {
    const rounds = await repos(sp.users.secretary).rounds.list();
    const open = rounds.filter((r) => r.state === "Åben");
    expect(open).toHaveLength(1);
    const round = open[0]!;
    const initiatives = await repos(sp.users.secretary).initiatives.list({
      where: { phase: "Klar til prioritering" },
    });
    expect(round.candidates.map((c) => c.id).sort()).toEqual(initiatives.map((i) => i.id).sort());

    // The site owner, the chair and the secretary see every ballot; a member only their own.
    const all = await repos(sp.users.owner).ballots.list();
    const voters = new Set(all.map((b) => b.voter?.email.toLowerCase()));
    const committee = [sp.users.chair, ...sp.users.members];
    expect(all.length).toBeGreaterThan(1);
    expect(all.length).toBeLessThan(committee.length);
    expect(all.every((b) => b.payload.entries.length === round.candidates.length)).toBe(true);
    const voted = sp.users.members.find((u) => voters.has(u))!;
    const notVoted = sp.users.members.find((u) => !voters.has(u))!;
    expect(await repos(voted).ballots.list()).toHaveLength(1);
    expect(await repos(notVoted).ballots.list()).toHaveLength(0);
    for (const reader of [sp.users.chair, sp.users.secretary]) {
      expect(await repos(reader).ballots.list()).toHaveLength(all.length);
    }
  });

  it("leaves status reports (some red) and benefit follow-ups overdue, as the secretary's dashboard shows", async () => {
    const r = repos(sp.users.secretary);
    const [me, reports, benefits, measurements, initiatives] = await Promise.all([
      sp.adaptersFor(sp.users.secretary).currentUser.me(),
      r.statusReports.list(),
      r.benefits.list(),
      r.benefitMeasurements.list(),
      r.initiatives.list(),
    ]);
    expect(reports.some((x) => x.overall === "Rød" && x.state === "Publiceret")).toBe(true);
    expect(benefits.every((b) => b.baseline !== null && b.targetExpected !== null)).toBe(true);
    expect(measurements.length).toBeGreaterThan(benefits.length);
    const dashboard = composeDashboard(
      {
        me,
        rounds: [],
        ballots: [],
        meetings: [],
        agendaItems: [],
        initiatives,
        areas: [],
        statusReports: reports,
        benefits,
        settings: [],
      },
      clock,
    );
    const overdue = dashboard.cards.find((c): c is OverdueCard => c.kind === "overdue")!;
    expect(overdue.missingStatusReports.length).toBeGreaterThanOrEqual(2);
    expect(overdue.overdueBenefits.length).toBeGreaterThanOrEqual(2);
    // Some ongoing initiatives have reported this quarter: not everything is missing.
    expect(reports.some((x) => x.period === "2026-Q2" && x.state === "Publiceret")).toBe(true);
  });

  it("writes resources with allocations, funding proposals, strategy and settings", async () => {
    const r = repos(sp.users.secretary);
    const [resources, allocations, funding, plans, barriers, settings] = await Promise.all([
      r.resources.list(),
      r.allocations.list(),
      r.fundingProposals.list(),
      r.actionPlans.list(),
      r.barriers.list(),
      r.settings.list(),
    ]);
    expect(resources.length).toBeGreaterThanOrEqual(4);
    expect(allocations.length).toBeGreaterThan(resources.length);
    expect(funding.length).toBeGreaterThanOrEqual(2);
    expect(plans.length).toBeGreaterThanOrEqual(2);
    expect(barriers.length).toBeGreaterThanOrEqual(2);
    const byKey = Object.fromEntries(settings.map((s) => [s.key, s.value]));
    expect(byKey).toMatchObject({
      "meetings.minPerYear": "4",
      "budget.years": "2026,2027,2028,2029",
      "committee.teamId": "7c1d2e3f-0a1b-4c5d-8e9f-000000000001",
      "committee.channelId": expect.stringMatching(/^19:/) as unknown,
      "chefforum.teamId": "7c1d2e3f-0a1b-4c5d-8e9f-000000000002",
      "chefforum.channelId": expect.stringMatching(/^19:/) as unknown,
      "direktoerforum.address": expect.stringContaining("@") as unknown,
    });
  });

  it("gives every initiative from Gennemførelse on its allocations, and shows an over-allocation and one open resource request", async () => {
    const adapters = sp.adaptersFor(sp.users.secretary);
    const [initiatives, allocations, open, overview] = await Promise.all([
      adapters.repositories.initiatives.list(),
      adapters.repositories.allocations.list(),
      loadOpenRequests(adapters.repositories),
      loadResourceOverview({ ...adapters, clock }, { months: 6 }),
    ]);
    const staffed = new Set(allocations.filter((a) => a.hours > 0).map((a) => a.initiative?.id));
    const needing = initiatives.filter((i) => ONGOING_OR_DONE.has(i.phase));
    expect(needing.length).toBeGreaterThan(0);
    expect(needing.filter((i) => !staffed.has(i.id)).map((i) => i.title)).toEqual([]);
    expect(open.map((r) => r.state)).toEqual(["Anmodet"]);
    expect(overAllocations(overview.byCompetence).length).toBeGreaterThan(0);
    expect(overview.irregular).toEqual([]);
  });

  it("records every initiative's phase, priority and mandatory flag through allowed changes: fresh demo data has no portfolio irregularities", async () => {
    const secretary = sp.adaptersFor(sp.users.secretary);
    const check = await loadPortfolioCheck({ ...secretary, clock });
    expect(check.irregular).toEqual([]);
    const initiatives = await secretary.repositories.initiatives.list();
    // Every stored phase is the valid one, and the later phases do have a recorded history.
    for (const i of initiatives) expect(check.gates.get(i.id)?.valid.phase).toBe(i.phase);
    const later = initiatives.filter((i) => i.phase !== "Idé");
    expect(later.every((i) => (check.gates.get(i.id)?.records.length ?? 0) > 0)).toBe(true);
    // Owners moved their own ideas into needs analysis; the secretary recorded the rest.
    const records = await secretary.repositories.phaseChanges.list();
    const writers = new Set(records.map((r) => r.createdBy?.email.toLowerCase()));
    expect(writers).toContain(sp.users.secretary);
    expect(writers.size).toBeGreaterThan(2);
  });

  it("does nothing the second time: the demo data is marked complete", async () => {
    const before = (await repos(sp.users.secretary).initiatives.list()).length;
    const again: string[] = [];
    const second = await seedDemoData(adaptersOn(sp), clock, (l) => again.push(l));
    expect(second).toMatchObject({ seeded: false, skipped: "complete" });
    expect(second.written).toEqual({});
    expect(again.join(" ")).toMatch(/allerede lagt ind/);
    expect((await repos(sp.users.secretary).initiatives.list()).length).toBe(before);
    expect(await repos(sp.users.secretary).meetings.list()).toHaveLength(first.counts.Meetings!);
  });
});
