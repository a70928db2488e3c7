/**
 * Strategi's rules: open barriers block initiatives (solved or accepted ones do not), the
 * portfolio grouped by goal with money and benefits, needs analyses followed up from the
 * recorded phase change, a handled barrier has an owner, and who may write the strategy.
 */
import { agendaCandidates, type CandidateSources } from "../../src/domain/agenda.js";
import {
  idOf,
  type InitiativeId,
  type MeetingId,
  type StrategyGoalId,
} from "../../src/domain/ids.js";
import type { Role } from "../../src/domain/roles.js";
import { validateBarrier } from "../../src/domain/strategy.js";
import {
  barriersBlocking,
  mayEditStrategyGoals,
  mayEditStrategyWork,
  NEEDS_ANALYSIS_FOLLOW_UP_DAYS,
  needsAnalyses,
  portfolioByGoal,
} from "../../src/domain/strategy-view.js";
import type { BarrierState, Phase } from "../../src/domain/vocabulary.js";
import { aBarrier, aPerson, aRef } from "../support/builders.js";
import { aStoredInitiative } from "../support/builders-lifecycle.js";
import { aStoredBarrier } from "../support/builders-strategy.js";

const I1 = idOf<InitiativeId>(1);

describe("barriers blocking an initiative", () => {
  it.each([
    ["Identificeret", true],
    ["Under håndtering", true],
    ["Løst", false],
    ["Accepteret", false],
  ] as [BarrierState, boolean][])("a %s barrier blocks: %s", (state, blocks) => {
    const barrier = aStoredBarrier({ state, blocks: [aRef(1)], owner: aPerson() });
    expect(barriersBlocking(I1, [barrier]).length).toBe(blocks ? 1 : 0);
  });

  it("does not count a barrier blocking another initiative", () => {
    expect(barriersBlocking(I1, [aStoredBarrier({ blocks: [aRef(2)] })])).toEqual([]);
  });
});

describe("a barrier's validation", () => {
  it.each([
    ["Identificeret", null, true],
    ["Under håndtering", null, false],
    ["Under håndtering", aPerson(), true],
  ] as const)("state %s with owner %j is valid: %s", (state, owner, valid) => {
    const v = validateBarrier(aBarrier({ state, owner }));
    expect(v.ok).toBe(valid);
    if (!v.ok) {
      expect(v.problems).toEqual([
        expect.objectContaining({ code: "validation.barrier.ownerWhenHandled", field: "owner" }),
      ]);
    }
  });
});

describe("the portfolio grouped by goal", () => {
  const goals = [
    { id: idOf<StrategyGoalId>(2), title: "B-mål", sortOrder: 2 },
    { id: idOf<StrategyGoalId>(1), title: "A-mål", sortOrder: 1 },
  ];
  const initiatives = [
    aStoredInitiative({ id: 1, title: "Et", strategyGoal: aRef(1) }),
    aStoredInitiative({ id: 2, title: "To", strategyGoal: aRef(1) }),
    aStoredInitiative({ id: 3, title: "Tre", strategyGoal: aRef(2), phase: "Afvist" }),
    aStoredInitiative({ id: 4, title: "Fire", strategyGoal: null }),
    aStoredInitiative({ id: 5, title: "Fem", strategyGoal: aRef(99) }),
  ];
  const budgetLines = [
    { initiative: aRef<InitiativeId>(1), kind: "Anlæg" as const, amount: 100 },
    { initiative: aRef<InitiativeId>(1), kind: "Drift" as const, amount: 50 },
    { initiative: aRef<InitiativeId>(2), kind: "Gevinst" as const, amount: 70 },
    { initiative: aRef<InitiativeId>(3), kind: "Anlæg" as const, amount: 1000 },
    { initiative: aRef<InitiativeId>(4), kind: "Anlæg" as const, amount: null },
  ];
  const groups = portfolioByGoal({
    goals,
    initiatives,
    budgetLines,
    actionPlans: [{ goal: aRef(1) }, { goal: aRef(1) }, { goal: null }],
    barriers: [
      aStoredBarrier({ blocks: [aRef(2)] }),
      aStoredBarrier({ blocks: [aRef(1)], state: "Løst" }),
    ],
  });

  it("lists goals in their order, then the initiatives without a known goal", () => {
    expect(groups.map((g) => g.goal?.title ?? null)).toEqual(["A-mål", "B-mål", null]);
  });

  it.each([
    [0, { count: 2, cost: 150, benefits: 70, actionPlans: 2, openBarriers: 1 }],
    [1, { count: 0, cost: 0, benefits: 0, actionPlans: 0, openBarriers: 0 }],
    [2, { count: 2, cost: 0, benefits: 0, actionPlans: 0, openBarriers: 0 }],
  ])("group %i sums %j (rejected initiatives left out)", (index, expected) => {
    expect(groups[index]).toEqual(expect.objectContaining(expected));
  });

  it("leaves out the group without a goal when every initiative has one", () => {
    const only = portfolioByGoal({
      goals,
      initiatives: [initiatives[0]!],
      budgetLines: [],
      actionPlans: [],
      barriers: [],
    });
    expect(only.every((g) => g.goal !== null)).toBe(true);
  });
});

describe("needs analyses", () => {
  const asOf = new Date("2026-06-01T00:00:00Z");
  const change = (initiative: number, toPhase: Phase, created: string) => ({
    initiative: aRef<InitiativeId>(initiative),
    toPhase,
    created,
  });

  it.each([
    ["entered 10 days ago", "2026-05-22T00:00:00Z", 10, false],
    [`entered ${NEEDS_ANALYSIS_FOLLOW_UP_DAYS} days ago`, "2026-03-03T00:00:00Z", 90, true],
  ] as const)("one %s is followed up: %s", (_name, created, days, due) => {
    const [a] = needsAnalyses({
      initiatives: [aStoredInitiative({ id: 1, phase: "Behovsanalyse" })],
      phaseChanges: [change(1, "Behovsanalyse", created)],
      asOf,
    });
    expect(a).toEqual(expect.objectContaining({ days, followUpDue: due, startedAt: created }));
  });

  it("counts from the latest entry into the phase, by the server's Created", () => {
    const [a] = needsAnalyses({
      initiatives: [aStoredInitiative({ id: 1, phase: "Behovsanalyse" })],
      phaseChanges: [
        change(1, "Behovsanalyse", "2025-01-01T00:00:00Z"),
        change(1, "Behovsanalyse", "2026-05-31T00:00:00Z"),
      ],
      asOf,
    });
    expect(a?.days).toBe(1);
  });

  it("has no start when none is recorded, and leaves out other phases", () => {
    const list = needsAnalyses({
      initiatives: [
        aStoredInitiative({ id: 1, phase: "Behovsanalyse" }),
        aStoredInitiative({ id: 2, phase: "Idé" }),
      ],
      phaseChanges: [],
      asOf,
    });
    expect(list).toEqual([
      expect.objectContaining({ startedAt: null, days: null, followUpDue: false }),
    ]);
  });
});

describe("who may write the strategy", () => {
  it.each([
    [["chair"], true, true],
    [["secretary"], true, true],
    [["member"], false, true],
    [["contributor"], false, false],
    [["owner"], false, false],
  ] as [Role[], boolean, boolean][])(
    "roles %j: goals %s, plans and barriers %s",
    (roles, goals, work) => {
      expect(mayEditStrategyGoals({ roles })).toBe(goals);
      expect(mayEditStrategyWork({ roles })).toBe(work);
    },
  );
});

describe("open barriers as agenda candidates", () => {
  const sources = (barriers: ReturnType<typeof aStoredBarrier>[]): CandidateSources => ({
    meetingId: idOf<MeetingId>(1),
    asOf: new Date("2026-06-01T08:00:00Z"),
    readyForDecision: [],
    rounds: [],
    scenarios: [],
    fundingProposals: [],
    redInitiatives: [],
    overdueReports: [],
    benefits: [],
    measurements: [],
    actions: [],
    barriers,
  });

  it.each([
    ["Identificeret", 1],
    ["Under håndtering", 1],
    ["Løst", 0],
    ["Accepteret", 0],
  ] as [BarrierState, number][])("a %s barrier is offered %i time(s)", (state, count) => {
    const groups = agendaCandidates(
      sources([aStoredBarrier({ id: 3, title: "Ingen hjemmel", state, owner: aPerson() })]),
      [],
    );
    const barriers = groups.find((g) => g.group === "barriers")?.candidates ?? [];
    expect(barriers.length).toBe(count);
  });

  it("offers the barrier as a discussion naming its kind and what it blocks, marked once on the agenda", () => {
    const barrier = aStoredBarrier({
      id: 3,
      title: "Ingen hjemmel",
      kind: "Jura",
      blocks: [aRef(1), aRef(2)],
    });
    const [group] = agendaCandidates(sources([barrier]), [
      { title: "Barriere: Ingen hjemmel", initiative: null, fundingProposal: null, benefit: null },
    ]);
    expect(group?.candidates[0]).toEqual(
      expect.objectContaining({
        key: "barrier:3",
        title: "Barriere: Ingen hjemmel",
        kind: "Drøftelse",
        onAgenda: true,
        reason: { kind: "barrierOpen", barrierKind: "Jura", state: "Identificeret", blocks: 2 },
      }),
    );
  });
});
