/**
 * The lifecycle (issue 4 §4): the transition table, who may make each change, the gates with
 * exactly what is missing, the PhaseChange a change leaves, and the governance figures.
 */
import { type DecisionId, idOf, type InitiativeId } from "../../src/domain/ids.js";
import {
  allowedTargets,
  checkGovernance,
  governanceMetrics,
  mayMakeTransition,
  missingForPhase,
  parkedFromPhase,
  planTransition,
  type TransitionKind,
  transitionKind,
} from "../../src/domain/lifecycle.js";
import { type Initiative, validatePhaseChange } from "../../src/domain/portfolio.js";
import type { Me } from "../../src/domain/roles.js";
import type { Phase } from "../../src/domain/vocabulary.js";
import { aBenefit, aBudgetLine, anAllocation, aPhaseChange, aRef } from "../support/builders.js";
import {
  aClock,
  aCompleteInitiative,
  aStoredInitiative,
  chair,
  completeFacts,
  lead,
  me,
  member,
  noFacts,
  owner,
  secretary,
} from "../support/builders-lifecycle.js";
import { inDanish } from "../support/problem-words.js";

const clock = aClock("2026-05-12T10:00:00Z");
const decision = aRef<DecisionId>(42, "Beslutning 42");

describe("the transition table", () => {
  const cases: [Phase, Phase, Phase | null, TransitionKind | null][] = [
    ["Idé", "Behovsanalyse", null, "forward"],
    ["Behovsanalyse", "Klar til prioritering", null, "forward"],
    ["Klar til prioritering", "Prioriteret", null, "forward"],
    ["Prioriteret", "Planlægning", null, "forward"],
    ["Planlægning", "Gennemførelse", null, "forward"],
    ["Gennemførelse", "I drift", null, "forward"],
    ["I drift", "Gevinstopfølgning", null, "forward"],
    ["Gevinstopfølgning", "Afsluttet", null, "close"],
    ["I drift", "Afsluttet", null, "close"],
    ["Idé", "Klar til prioritering", null, null],
    ["Klar til prioritering", "Planlægning", null, null],
    ["Behovsanalyse", "Idé", null, "back"],
    ["Klar til prioritering", "Behovsanalyse", null, "back"],
    ["Prioriteret", "Klar til prioritering", null, "back"],
    ["Planlægning", "Prioriteret", null, null],
    ["Gennemførelse", "Planlægning", null, null],
    ["Idé", "Parkeret", null, "park"],
    ["Gennemførelse", "Parkeret", null, "park"],
    ["I drift", "Parkeret", null, null],
    ["Gevinstopfølgning", "Parkeret", null, null],
    ["Parkeret", "Planlægning", "Planlægning", "resume"],
    ["Parkeret", "Behovsanalyse", "Planlægning", "resume"],
    ["Parkeret", "Gennemførelse", "Planlægning", null],
    ["Parkeret", "Afvist", "Behovsanalyse", "reject"],
    ["Parkeret", "Afvist", "Gennemførelse", null],
    ["Parkeret", "Afsluttet", "Gennemførelse", "stop"],
    ["Parkeret", "Afsluttet", "Idé", null],
    ["Parkeret", "Gennemførelse", null, "resume"],
    ["Idé", "Afvist", null, "reject"],
    ["Klar til prioritering", "Afvist", null, "reject"],
    ["Prioriteret", "Afvist", null, null],
    ["Prioriteret", "Afsluttet", null, "stop"],
    ["Gennemførelse", "Afsluttet", null, "stop"],
    ["Idé", "Afsluttet", null, null],
    ["Afvist", "Idé", null, "resubmit"],
    ["Afvist", "Behovsanalyse", null, null],
    ["Afsluttet", "Gevinstopfølgning", null, null],
    ["Afsluttet", "Idé", null, null],
    ["Idé", "Idé", null, null],
  ];
  test.each(cases)("%s → %s (parked from %s) is %s", (from, to, parkedFrom, kind) => {
    expect(transitionKind(from, to, parkedFrom)).toBe(kind);
  });

  test("the targets offered from Idé are the next phase, parking and rejection", () => {
    expect(allowedTargets("Idé")).toEqual(["Behovsanalyse", "Parkeret", "Afvist"]);
  });

  test("Afsluttet is final", () => {
    expect(allowedTargets("Afsluttet")).toEqual([]);
  });

  test("a parked initiative comes back where it was parked from or earlier", () => {
    expect(allowedTargets("Parkeret", "Klar til prioritering")).toEqual([
      "Idé",
      "Behovsanalyse",
      "Klar til prioritering",
      "Afvist",
    ]);
  });

  test("where it was parked from is read from the latest parking in the history", () => {
    const history = [
      aPhaseChange({ fromPhase: "Idé", toPhase: "Parkeret", changedAt: "2026-01-01T00:00:00Z" }),
      aPhaseChange({ fromPhase: "Parkeret", toPhase: "Idé", changedAt: "2026-02-01T00:00:00Z" }),
      aPhaseChange({
        fromPhase: "Planlægning",
        toPhase: "Parkeret",
        changedAt: "2026-04-01T00:00:00Z",
      }),
      aPhaseChange({
        fromPhase: "Idé",
        toPhase: "Behovsanalyse",
        changedAt: "2026-03-01T00:00:00Z",
      }),
    ];
    expect(parkedFromPhase(history)).toBe("Planlægning");
    expect(parkedFromPhase([])).toBeNull();
  });
});

describe("who may make a change", () => {
  const cases: [string, Me, boolean, Phase, Phase, boolean][] = [
    [
      "the secretary",
      me(secretary, "secretary"),
      false,
      "Klar til prioritering",
      "Prioriteret",
      true,
    ],
    ["the chair", me(chair, "chair", "member"), false, "Gennemførelse", "Parkeret", true],
    [
      "the owner, own idea into analysis",
      me(owner, "contributor"),
      true,
      "Idé",
      "Behovsanalyse",
      true,
    ],
    [
      "the owner, further on",
      me(owner, "contributor"),
      true,
      "Behovsanalyse",
      "Klar til prioritering",
      false,
    ],
    ["the owner, parking own idea", me(owner, "contributor"), true, "Idé", "Parkeret", false],
    ["a member, not owner", me(member, "member"), false, "Idé", "Behovsanalyse", false],
    [
      "a site owner without committee role",
      me(member, "owner"),
      false,
      "Idé",
      "Behovsanalyse",
      false,
    ],
    ["a contributor, not owner", me(member, "contributor"), false, "Idé", "Behovsanalyse", false],
  ];
  test.each(cases)("%s: %s", (_name, actor, isOwner, from, to, allowed) => {
    expect(mayMakeTransition(from, to, actor, isOwner)).toBe(allowed);
  });

  test("the owner's right follows the Owner field, not the role", () => {
    const mine = aStoredInitiative({ owner, need: "Beskrevet" });
    const theirs = aStoredInitiative({ owner: lead, need: "Beskrevet" });
    const actor = me(owner, "contributor");
    expect(planTransition(mine, noFacts(), "Behovsanalyse", actor, "", null, clock).ok).toBe(true);
    const refused = planTransition(theirs, noFacts(), "Behovsanalyse", actor, "", null, clock);
    expect(refused).toEqual({
      ok: false,
      error: {
        kind: "notPermitted",
        message: "Kun sekretæren og formanden kan flytte tiltaget fra Idé til Behovsanalyse.",
      },
    });
  });
});

describe("gates: exactly what is missing", () => {
  const bare = aStoredInitiative({ need: "", solution: "", area: null, owner: null });
  const messages = (i: Initiative, facts = noFacts(), to: Phase = "Klar til prioritering") =>
    missingForPhase(i, facts, to).map((p) => `${p.field}: ${inDanish(p)}`);

  const cases: [string, Initiative, ReturnType<typeof noFacts>, Phase, string[]][] = [
    [
      "Behovsanalyse needs the need",
      bare,
      noFacts(),
      "Behovsanalyse",
      ["need: Behov skal beskrives."],
    ],
    [
      "Klar til prioritering needs solution, area, owner, a cost estimate and an owned benefit",
      bare,
      noFacts(),
      "Klar til prioritering",
      [
        "need: Behov skal beskrives.",
        "solution: Løsning skal beskrives.",
        "area: Område skal udfyldes.",
        "owner: Ejer skal udfyldes.",
        "budgetLines: Budgetlinjer: der skal være et omkostningsoverslag (mindst én linje for anlæg eller drift).",
        "benefits: Gevinster: der skal være mindst én forventet gevinst.",
      ],
    ],
    [
      "a saving alone is no cost estimate, a dis-benefit no benefit, and a benefit needs an owner",
      aCompleteInitiative(),
      noFacts({
        budgetLines: [aBudgetLine({ kind: "Gevinst", amount: 100_000 })],
        benefits: [
          aBenefit({ title: "Ventetid", owner: null }),
          aBenefit({ title: "Mere support", isDisbenefit: true, owner: null }),
        ],
      }),
      "Klar til prioritering",
      [
        "budgetLines: Budgetlinjer: der skal være et omkostningsoverslag (mindst én linje for anlæg eller drift).",
        "benefits: Gevinsten »Ventetid« mangler en gevinstejer.",
      ],
    ],
    [
      "Prioriteret adds nothing to the fields",
      aCompleteInitiative(),
      completeFacts(),
      "Prioriteret",
      [],
    ],
    [
      "Planlægning needs the governance chosen",
      aCompleteInitiative({ governance: null }),
      completeFacts(),
      "Planlægning",
      ["governance: Styring skal vælges (styregruppens rolle)."],
    ],
    [
      "Gennemførelse needs a project lead and planned allocations",
      aCompleteInitiative({ projectLead: null }),
      completeFacts({ allocations: [anAllocation({ hours: 0 })] }),
      "Gennemførelse",
      [
        "projectLead: Projektleder skal udfyldes.",
        "allocations: Allokeringer: der skal være planlagte ressourcer (mindst én allokering med timer).",
      ],
    ],
    [
      "Gevinstopfølgning needs baseline, expected target and target date of each benefit",
      aCompleteInitiative(),
      completeFacts({
        benefits: [
          aBenefit({ title: "Tid", owner: lead, baseline: null, targetDate: null }),
          aBenefit({ title: "Kvalitet", owner: lead, targetExpected: null }),
        ],
      }),
      "Gevinstopfølgning",
      [
        "benefits: Gevinsten »Tid« mangler: Baseline.",
        "benefits: Gevinsten »Tid« mangler: Måldato.",
        "benefits: Gevinsten »Kvalitet« mangler: Forventet mål.",
      ],
    ],
    [
      "Afsluttet needs every benefit concluded, dis-benefits included",
      bare,
      noFacts({
        benefits: [
          aBenefit({ title: "A", state: "Realiseret" }),
          aBenefit({ title: "B", state: "Under realisering" }),
          aBenefit({ title: "C", state: "Ikke realiseret", isDisbenefit: true }),
        ],
      }),
      "Afsluttet",
      ["benefits: Gevinsten »B« skal afsluttes (realiseret eller ikke realiseret)."],
    ],
    ["Parkeret has no gate", bare, noFacts(), "Parkeret", []],
    ["Afvist has no field gate", bare, noFacts(), "Afvist", []],
  ];
  test.each(cases)("%s", (_name, initiative, facts, to, expected) => {
    expect(messages(initiative, facts, to)).toEqual(expected);
  });
});

describe("planning a phase change", () => {
  const actor = me(secretary, "secretary");

  test("a forward step gives the PhaseChange to store and the new phase", () => {
    const i = aCompleteInitiative({ id: 9, title: "Digital post", phase: "Klar til prioritering" });
    const result = planTransition(
      i,
      completeFacts(),
      "Prioriteret",
      actor,
      " Runde 1 ",
      decision,
      clock,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        phaseChange: {
          title: "Klar til prioritering → Prioriteret",
          initiative: { id: idOf<InitiativeId>(9), title: "Digital post" },
          fromPhase: "Klar til prioritering",
          toPhase: "Prioriteret",
          changedAt: "2026-05-12T10:00:00.000Z",
          decision,
          reason: "Runde 1",
        },
        changedBy: secretary,
        phase: "Prioriteret",
      },
    });
  });

  test.each([
    ["forward", "Idé", "Behovsanalyse"],
    ["parking", "Gennemførelse", "Parkeret"],
    ["closing", "I drift", "Afsluttet"],
  ] as const)("the PhaseChange of %s passes the list's validation", (_n, from, to) => {
    const i = aCompleteInitiative({ phase: from });
    const facts = completeFacts({ benefits: [aBenefit({ owner: lead, state: "Realiseret" })] });
    const result = planTransition(i, facts, to, actor, "Besluttet på mødet", decision, clock);
    expect(result.ok && validatePhaseChange(result.value.phaseChange)).toEqual({ ok: true });
  });

  const refusals: [string, Initiative, Phase, string, boolean, string[]][] = [
    [
      "Prioriteret without a decision",
      aCompleteInitiative({ phase: "Klar til prioritering" }),
      "Prioriteret",
      "",
      false,
      ["decision"],
    ],
    [
      "rejection without reason or decision",
      aStoredInitiative(),
      "Afvist",
      "",
      false,
      ["decision", "reason"],
    ],
    ["parking without a reason", aStoredInitiative(), "Parkeret", "  ", false, ["reason"]],
    [
      "a step back without a reason",
      aCompleteInitiative({ phase: "Prioriteret" }),
      "Klar til prioritering",
      "",
      false,
      ["reason"],
    ],
    [
      "closing without a decision, benefits open",
      aCompleteInitiative({ phase: "Gevinstopfølgning" }),
      "Afsluttet",
      "",
      false,
      ["benefits", "decision"],
    ],
  ];
  test.each(refusals)(
    "refuses %s, naming the fields",
    (_n, i, to, reason, withDecision, fields) => {
      const result = planTransition(
        i,
        completeFacts(),
        to,
        actor,
        reason,
        withDecision ? decision : null,
        clock,
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.kind).toBe("gate");
      expect(result.error.kind === "gate" && result.error.missing.map((m) => m.field)).toEqual(
        fields,
      );
    },
  );

  test("a change outside the table is refused before permissions and gates", () => {
    const result = planTransition(
      aStoredInitiative(),
      noFacts(),
      "I drift",
      me(member),
      "",
      null,
      clock,
    );
    expect(result).toEqual({
      ok: false,
      error: { kind: "notAllowed", message: "Fase kan ikke skiftes fra Idé til I drift." },
    });
  });

  test("moving to the phase it is in is refused", () => {
    const result = planTransition(aStoredInitiative(), noFacts(), "Idé", actor, "", null, clock);
    expect(result.ok === false && result.error.message).toBe("Tiltaget er allerede i fasen Idé.");
  });

  test("a parked initiative resumes only up to where it was parked", () => {
    const parked = aCompleteInitiative({ phase: "Parkeret" });
    const history = [aPhaseChange({ fromPhase: "Prioriteret", toPhase: "Parkeret" })];
    const facts = completeFacts({ history });
    expect(planTransition(parked, facts, "Prioriteret", actor, "Genoptaget", null, clock).ok).toBe(
      true,
    );
    expect(
      planTransition(parked, facts, "Planlægning", actor, "Genoptaget", null, clock),
    ).toMatchObject({
      ok: false,
      error: { kind: "notAllowed" },
    });
  });

  test("resuming into a later phase must meet the gates of every phase before it", () => {
    const parked = aStoredInitiative({ phase: "Parkeret", need: "" });
    const history = [aPhaseChange({ fromPhase: "Gennemførelse", toPhase: "Parkeret" })];
    const result = planTransition(
      parked,
      noFacts({ history }),
      "Gennemførelse",
      actor,
      "Igen",
      null,
      clock,
    );
    expect(
      result.ok === false && result.error.kind === "gate" && result.error.missing[0]?.field,
    ).toBe("need");
  });
});

describe("governance", () => {
  test.each([
    ["committee as steering group, no dates", "Styregruppe", null, null, []],
    [
      "reference group with a standalone group date",
      "Referencegruppe",
      "2026-01-01T00:00:00Z",
      null,
      ["standaloneGroupFrom"],
    ],
    ["interim, not yet set up", "Styregruppe indtil selvstændig styregruppe", null, null, []],
    [
      "standalone group without set-up date",
      "Selvstændig styregruppe",
      null,
      null,
      ["standaloneGroupFrom"],
    ],
    [
      "dissolved without set-up date",
      "Styregruppe indtil selvstændig styregruppe",
      null,
      "2026-06-01T00:00:00Z",
      ["standaloneGroupFrom"],
    ],
  ] as const)("%s", (_n, governance, from, to, fields) => {
    const problems = checkGovernance(
      aStoredInitiative({ governance, standaloneGroupFrom: from, standaloneGroupTo: to }),
    );
    expect(problems.map((p) => p.field)).toEqual(fields);
  });

  const portfolio = [
    aStoredInitiative({ id: 1, phase: "Gennemførelse", governance: "Styregruppe" }),
    aStoredInitiative({ id: 2, phase: "Planlægning", governance: "Referencegruppe" }),
    // set up in the period, still running at its end
    aStoredInitiative({
      id: 3,
      phase: "Gennemførelse",
      governance: "Styregruppe indtil selvstændig styregruppe",
      standaloneGroupFrom: "2026-03-01T00:00:00Z",
    }),
    // set up before, dissolved in the period after 100 days
    aStoredInitiative({
      id: 4,
      phase: "I drift",
      governance: "Styregruppe indtil selvstændig styregruppe",
      standaloneGroupFrom: "2025-11-22T00:00:00Z",
      standaloneGroupTo: "2026-03-02T00:00:00Z",
    }),
    // interim, no group yet: the committee still steers it
    aStoredInitiative({
      id: 5,
      phase: "Planlægning",
      governance: "Styregruppe indtil selvstændig styregruppe",
    }),
    // dissolved before the period: not counted
    aStoredInitiative({
      id: 6,
      phase: "Afsluttet",
      governance: "Selvstændig styregruppe",
      standaloneGroupFrom: "2024-01-01T00:00:00Z",
      standaloneGroupTo: "2024-12-31T00:00:00Z",
    }),
    // not yet governed
    aStoredInitiative({ id: 7, phase: "Behovsanalyse", governance: "Styregruppe" }),
  ];

  test("counts groups set up and dissolved, their lifetimes and the committee's share", () => {
    const m = governanceMetrics(portfolio, {
      from: "2026-01-01T00:00:00Z",
      to: "2027-01-01T00:00:00Z",
    });
    expect(m.setUp).toBe(1);
    expect(m.dissolved).toBe(1);
    expect(m.meanLifetimeDays).toBe(100);
    expect(m.active.map((a) => [a.initiative.id, a.days, a.dissolved])).toEqual([
      [3, 306, false],
      [4, 100, true],
    ]);
    expect(m.governed).toBe(5);
    // 1 and 2 by role, 5 before its group exists, 4 after its group was dissolved; not 3.
    expect(m.governedByCommittee).toBe(4);
    expect(m.committeeShare).toBeCloseTo(0.8);
  });

  test("a period with nothing governed has no share and no mean lifetime", () => {
    const m = governanceMetrics([aStoredInitiative()], {
      from: "2026-01-01T00:00:00Z",
      to: "2026-04-01T00:00:00Z",
    });
    expect(m).toMatchObject({
      setUp: 0,
      dissolved: 0,
      active: [],
      meanLifetimeDays: null,
      committeeShare: null,
    });
  });

  test("a group dissolved on the period's first day counts in that period", () => {
    const m = governanceMetrics([portfolio[3] as Initiative], {
      from: "2026-03-02T00:00:00Z",
      to: "2026-04-01T00:00:00Z",
    });
    expect(m.dissolved).toBe(1);
  });
});
