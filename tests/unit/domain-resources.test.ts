import type { AreaId, PersonId, ResourceId } from "../../src/domain/ids.js";
import { idOf } from "../../src/domain/ids.js";
import {
  type Absence,
  validateAllocation,
  validateResource,
  validateResourceRequest,
} from "../../src/domain/resources.js";
import {
  absentShare,
  addMonths,
  capacityIn,
  capacityLeft,
  cellAt,
  competenceLoad,
  monthRange,
  monthsBetween,
  overAllocations,
  personLoad,
} from "../../src/domain/resources-capacity.js";
import {
  copyMonthForward,
  gridFromAllocations,
  type GridRow,
  planAllocationChanges,
} from "../../src/domain/resources-grid.js";
import {
  allocationsForRequest,
  checkAllocations,
  checkAllocationsAgainstRegister,
  checkCapacityAgainstAllocations,
  mayAnswer,
  mayManage,
} from "../../src/domain/resources-rules.js";
import { rosterFrom } from "../../src/domain/roles.js";
import { COMPETENCES } from "../../src/domain/vocabulary.js";
import { anAllocation, aPerson, aResource, aResourceRequest } from "../support/builders.js";
import { me, member, secretary } from "../support/builders-lifecycle.js";
import {
  aStoredAllocation,
  aStoredRequest,
  aStoredResource,
  initiativeRef,
  resourceRef,
} from "../support/builders-resources.js";

const d = (day: string) => `${day}T00:00:00Z`;

describe("months", () => {
  it.each([
    ["2026-01", 1, "2026-02"],
    ["2026-12", 1, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["2026-05", 24, "2028-05"],
  ])("%s plus %i months is %s", (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
  });

  it("lists the months of a period, both ends included", () => {
    expect(monthsBetween(d("2026-11-15"), d("2027-02-01"))).toEqual([
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
    expect(monthRange("2026-03", 3)).toEqual(["2026-03", "2026-04", "2026-05"]);
  });
});

describe("absence reduces capacity", () => {
  it.each<[string, Absence[], number]>([
    ["no absence", [], 0],
    ["the whole month", [{ from: d("2026-04-01"), to: d("2026-04-30") }], 1],
    ["half of April", [{ from: d("2026-04-01"), to: d("2026-04-15") }], 0.5],
    ["a period around the month", [{ from: d("2026-03-20"), to: d("2026-05-02") }], 1],
    ["another month", [{ from: d("2026-05-01"), to: d("2026-05-31") }], 0],
    [
      "overlapping periods count once",
      [
        { from: d("2026-04-01"), to: d("2026-04-15") },
        { from: d("2026-04-10"), to: d("2026-04-15") },
      ],
      0.5,
    ],
  ])("%s: share of April away is %d", (_, absences, share) => {
    expect(absentShare(absences, "2026-04")).toBeCloseTo(share);
  });

  it.each<[string, Partial<Parameters<typeof aResource>[0]>, number]>([
    ["full capacity", { capacityHoursPerMonth: 100 }, 100],
    [
      "half the month away",
      { capacityHoursPerMonth: 100, absences: [{ from: d("2026-04-01"), to: d("2026-04-15") }] },
      50,
    ],
    ["inactive", { capacityHoursPerMonth: 100, active: false }, 0],
    ["no capacity", { capacityHoursPerMonth: null }, 0],
  ])("%s gives %i hours in April", (_, o, hours) => {
    expect(capacityIn(aStoredResource(1, o ?? {}), "2026-04")).toBe(hours);
  });
});

describe("competence × month", () => {
  const months = ["2026-03", "2026-04"];
  const resources = [
    aStoredResource(1, { competences: ["It-arkitektur", "Test"], capacityHoursPerMonth: 80 }),
    aStoredResource(2, { competences: ["It-arkitektur"], capacityHoursPerMonth: 40 }),
  ];

  it("splits a person's capacity evenly over their competences and adds people up", () => {
    const grid = competenceLoad({ resources, allocations: [], months }, COMPETENCES);
    expect(grid.rows.map((r) => r.key)).toEqual(["It-arkitektur", "Test"]);
    expect(cellAt(grid, "It-arkitektur", "2026-03")?.capacity).toBe(80);
    expect(cellAt(grid, "Test", "2026-03")?.capacity).toBe(40);
  });

  it("counts an allocation for its own competence, else its person's first", () => {
    const allocations = [
      anAllocation({ competence: null, resource: resourceRef(1), hours: 10 }),
      anAllocation({ competence: "Test", resource: resourceRef(1), hours: 5 }),
    ];
    const grid = competenceLoad({ resources, allocations, months }, COMPETENCES);
    expect(cellAt(grid, "It-arkitektur", "2026-03")?.allocated).toBe(10);
    expect(cellAt(grid, "Test", "2026-03")?.allocated).toBe(5);
  });

  it("marks over-allocation and names the initiatives causing it, most hours first", () => {
    const allocations = [
      anAllocation({ initiative: initiativeRef(1, "Alfa"), competence: "Test", hours: 30 }),
      anAllocation({ initiative: initiativeRef(2, "Beta"), competence: "Test", hours: 25 }),
      anAllocation({ initiative: initiativeRef(1, "Alfa"), competence: "Test", hours: 5 }),
    ];
    const grid = competenceLoad({ resources, allocations, months }, COMPETENCES);
    const cell = cellAt(grid, "Test", "2026-03");
    expect(cell).toMatchObject({ capacity: 40, allocated: 60, over: 20 });
    expect(cell?.initiatives.map((i) => [i.initiative.title, i.hours])).toEqual([
      ["Alfa", 35],
      ["Beta", 25],
    ]);
    expect(overAllocations(grid).map((o) => [o.row.key, o.cell.month])).toEqual([
      ["Test", "2026-03"],
    ]);
  });

  it("moving the allocation to another month removes the over-allocation", () => {
    const before = [anAllocation({ competence: "Test", hours: 50 })];
    const after = [anAllocation({ competence: "Test", hours: 50, month: d("2026-05-01") })];
    expect(
      overAllocations(competenceLoad({ resources, allocations: before, months }, COMPETENCES)),
    ).toHaveLength(1);
    expect(
      overAllocations(competenceLoad({ resources, allocations: after, months }, COMPETENCES)),
    ).toHaveLength(0);
  });

  it("a competence with allocations but nobody registered is over by all its hours", () => {
    const grid = competenceLoad(
      {
        resources,
        allocations: [anAllocation({ competence: "Jura og GDPR", resource: null, hours: 12 })],
        months,
      },
      COMPETENCES,
    );
    expect(cellAt(grid, "Jura og GDPR", "2026-03")).toMatchObject({ capacity: 0, over: 12 });
  });

  it("what is left for new work is capacity less the committed initiatives' hours", () => {
    const allocations = [
      anAllocation({ initiative: initiativeRef(1), competence: "Test", hours: 30 }),
      anAllocation({ initiative: initiativeRef(2), competence: "Test", hours: 25 }),
    ];
    const cell = cellAt(
      competenceLoad({ resources, allocations, months }, COMPETENCES),
      "Test",
      "2026-03",
    );
    expect(cell && capacityLeft(cell, (id) => id === initiativeRef(1).id)).toBe(10);
    expect(cell && capacityLeft(cell, () => true)).toBe(0);
  });
});

describe("person × month", () => {
  it("counts only allocations naming the person, against their capacity after absence", () => {
    const resources = [
      aStoredResource(1, {
        title: "Anna",
        capacityHoursPerMonth: 60,
        absences: [{ from: d("2026-04-01"), to: d("2026-04-30") }],
      }),
    ];
    const allocations = [
      anAllocation({ resource: resourceRef(1), hours: 20, month: d("2026-04-01") }),
      anAllocation({ resource: null, hours: 99, month: d("2026-04-01") }),
    ];
    const grid = personLoad({ resources, allocations, months: ["2026-03", "2026-04"] });
    expect(cellAt(grid, idOf<ResourceId>(1), "2026-03")).toMatchObject({
      capacity: 60,
      allocated: 0,
    });
    expect(cellAt(grid, idOf<ResourceId>(1), "2026-04")).toMatchObject({
      capacity: 0,
      allocated: 20,
      over: 20,
    });
  });
});

describe("bad input names the field", () => {
  it.each<[string, Parameters<typeof anAllocation>[0], string, string]>([
    ["negative hours", { hours: -5 }, "validation.min", "hours"],
    [
      "neither person nor competence",
      { resource: null, competence: null },
      "resources.problem.competenceOrPerson",
      "competence",
    ],
    ["no initiative", { initiative: null }, "validation.required", "initiative"],
  ])("an allocation with %s is refused", (_, o, code, field) => {
    const v = validateAllocation(anAllocation(o));
    expect(v.ok ? [] : v.problems.map((p) => [p.code, p.field])).toContainEqual([code, field]);
  });

  it("an allocation without a person but with a competence is fine", () => {
    expect(validateAllocation(anAllocation({ resource: null })).ok).toBe(true);
  });

  it.each<[string, Parameters<typeof aResource>[0], string, string]>([
    ["negative capacity", { capacityHoursPerMonth: -1 }, "validation.min", "capacityHoursPerMonth"],
    ["no person", { person: null }, "validation.required", "person"],
    [
      "an absence ending before it starts",
      { absences: [{ from: d("2026-04-10"), to: d("2026-04-01") }] },
      "validation.order",
      "absences",
    ],
    [
      "an absence without an end",
      { absences: [{ from: d("2026-04-10"), to: "" }] },
      "validation.required",
      "absences",
    ],
  ])("a resource with %s is refused", (_, o, code, field) => {
    const v = validateResource(aResource(o));
    expect(v.ok ? [] : v.problems.map((p) => [p.code, p.field])).toContainEqual([code, field]);
  });

  it("a refused request needs a reason", () => {
    const v = validateResourceRequest(aResourceRequest({ state: "Afvist", reason: " " }));
    expect(v.ok ? [] : v.problems.map((p) => p.field)).toEqual(["reason"]);
  });

  const register = [
    { id: idOf<ResourceId>(1), capacityHoursPerMonth: 40, active: true },
    { id: idOf<ResourceId>(2), capacityHoursPerMonth: 0, active: true },
  ];
  it.each<[string, Parameters<typeof anAllocation>[0], string[]]>([
    ["a known person with capacity", { resource: resourceRef(1) }, []],
    [
      "an unknown person",
      { resource: resourceRef(9) },
      ["resources.problem.unknownPerson:resource"],
    ],
    [
      "a person with capacity 0",
      { resource: resourceRef(2) },
      ["resources.problem.capacityZeroWithAllocations:hours"],
    ],
    ["a person with capacity 0 and no hours", { resource: resourceRef(2), hours: 0 }, []],
    ["no person", { resource: null }, []],
  ])("allocating to %s", (_, o, problems) => {
    expect(
      checkAllocationsAgainstRegister([anAllocation(o)], register).map(
        (p) => `${p.code}:${p.field}`,
      ),
    ).toEqual(problems);
  });

  it.each<[number | null, number, boolean]>([
    [0, 10, true],
    [null, 10, true],
    [0, 0, false],
    [40, 10, false],
  ])("capacity %p with %i hours allocated is refused: %s", (capacity, hours, refused) => {
    expect(
      checkCapacityAgainstAllocations({ capacityHoursPerMonth: capacity }, hours).map(
        (p) => p.field,
      ),
    ).toEqual(refused ? ["capacityHoursPerMonth"] : []);
  });
});

describe("resource requests", () => {
  const head = aPerson({ id: idOf<PersonId>(21), name: "Områdechef" });
  const area = { head };

  it.each<[string, Parameters<typeof me>, "Anmodet" | "Bekræftet" | "Afvist", string | null]>([
    ["the area head answers an open request", [head, "member"], "Anmodet", null],
    ["someone else may not", [member, "member"], "Anmodet", "resources.problem.notAreaHead"],
    [
      "the secretary may not either",
      [secretary, "secretary"],
      "Anmodet",
      "resources.problem.notAreaHead",
    ],
    [
      "an answered request is not answered again",
      [head, "member"],
      "Bekræftet",
      "resources.problem.alreadyAnswered",
    ],
  ])("%s", (_, who, state, code) => {
    const r = mayAnswer(me(...who), { state }, area);
    expect(r.ok ? null : r.error.code).toBe(code);
  });

  it("only the secretary manages the register", () => {
    expect(mayManage(me(secretary, "secretary")).ok).toBe(true);
    const r = mayManage(me(member, "member"));
    expect(r.ok ? null : r.error.code).toBe("resources.problem.notSecretary");
  });

  it("a confirmed request spreads its hours over its months, adding up exactly", () => {
    const request = aStoredRequest(5, {
      hours: 100,
      neededFrom: d("2026-04-01"),
      neededTo: d("2026-06-30"),
      initiative: initiativeRef(3),
    });
    const r = allocationsForRequest(request, resourceRef(1));
    const drafts = r.ok ? r.value : [];
    expect(drafts.map((a) => [a.month, a.hours])).toEqual([
      [d("2026-04-01"), 33.33],
      [d("2026-05-01"), 33.33],
      [d("2026-06-01"), 33.34],
    ]);
    expect(
      drafts.every((a) => a.request?.id === request.id && a.competence === request.competence),
    ).toBe(true);
  });

  it("a request without a start has no period", () => {
    const r = allocationsForRequest(aStoredRequest(5, { neededFrom: null }), null);
    expect(r.ok ? null : r.error.code).toBe("resources.problem.noPeriod");
  });
});

describe("which allocations count", () => {
  const head = aPerson({ id: idOf<PersonId>(21), name: "Områdechef" });
  const roster = rosterFrom({ secretary: [secretary], member: [member, head] });
  const areas = [{ id: idOf<AreaId>(1), head }];
  const requests = [
    aStoredRequest(1, { state: "Bekræftet", area: { id: idOf<AreaId>(1), title: "A" } }),
    aStoredRequest(2, { state: "Anmodet", area: { id: idOf<AreaId>(1), title: "A" } }),
  ];
  const ref = (id: number) => ({ id: id as never, title: "r" });

  it.each<[string, ReturnType<typeof aStoredAllocation>, boolean]>([
    ["written by the secretary", aStoredAllocation(1, {}, secretary), true],
    [
      "by the area head through a confirmed request",
      aStoredAllocation(2, { request: ref(1) }, head),
      true,
    ],
    [
      "by the area head through an open request",
      aStoredAllocation(3, { request: ref(2) }, head),
      false,
    ],
    [
      "by a member through the confirmed request",
      aStoredAllocation(4, { request: ref(1) }, member),
      false,
    ],
    ["by a member without a request", aStoredAllocation(5, {}, member), false],
    ["with no author recorded", aStoredAllocation(6, {}, null), false],
  ])("an allocation %s counts: %s", (_, allocation, counts) => {
    const checked = checkAllocations([allocation], { roster, requests, areas });
    expect(checked.valid.length === 1).toBe(counts);
    if (!counts)
      expect(checked.irregular[0]).toMatchObject({
        list: "Allocations",
        rule: "allocation.notAllowed",
      });
  });
});

describe("the allocation grid", () => {
  const months = ["2026-03", "2026-04", "2026-05"];
  const register = [{ id: idOf<ResourceId>(1), capacityHoursPerMonth: 40, active: true }];

  it("groups an initiative's allocations by competence and person, summing a month", () => {
    const rows = gridFromAllocations(
      [
        anAllocation({ resource: resourceRef(1), competence: "Test", hours: 5 }),
        anAllocation({ resource: resourceRef(1), competence: "Test", hours: 7 }),
        anAllocation({ resource: null, competence: "Test", hours: 3, month: d("2026-04-01") }),
      ],
      months,
    );
    expect(rows.map((r) => [r.competence, r.resource?.id ?? null, r.hours])).toEqual([
      ["Test", 1, { "2026-03": 12 }],
      ["Test", null, { "2026-04": 3 }],
    ]);
  });

  it.each<[string, number | null, GridRow[]]>([
    [
      "one row",
      0,
      [
        {
          competence: "Test",
          resource: null,
          hours: { "2026-03": 10, "2026-04": 10, "2026-05": 10 },
        },
        { competence: "Jura og GDPR", resource: null, hours: { "2026-03": 4 } },
      ],
    ],
    [
      "every row",
      null,
      [
        {
          competence: "Test",
          resource: null,
          hours: { "2026-03": 10, "2026-04": 10, "2026-05": 10 },
        },
        {
          competence: "Jura og GDPR",
          resource: null,
          hours: { "2026-03": 4, "2026-04": 4, "2026-05": 4 },
        },
      ],
    ],
  ])("copies a month to the next ones for %s", (_, row, expected) => {
    const rows: GridRow[] = [
      { competence: "Test", resource: null, hours: { "2026-03": 10, "2026-04": 2 } },
      { competence: "Jura og GDPR", resource: null, hours: { "2026-03": 4 } },
    ];
    expect(copyMonthForward(rows, row, "2026-03", months)).toEqual(expected);
  });

  it("plans adds, updates and removes, folding a second allocation of a cell into the first", () => {
    const existing = [
      aStoredAllocation(1, { resource: resourceRef(1), competence: "Test", hours: 5 }),
      aStoredAllocation(2, { resource: resourceRef(1), competence: "Test", hours: 5 }),
      aStoredAllocation(3, {
        resource: resourceRef(1),
        competence: "Test",
        hours: 8,
        month: d("2026-04-01"),
      }),
      aStoredAllocation(4, {
        resource: resourceRef(1),
        competence: "Test",
        hours: 8,
        month: d("2027-01-01"),
      }),
    ];
    const plan = planAllocationChanges(
      initiativeRef(1),
      existing,
      [{ competence: "Test", resource: resourceRef(1), hours: { "2026-03": 10, "2026-05": 6 } }],
      months,
      register,
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.update.map((u) => [u.id, u.hours])).toEqual([[1, 10]]);
    expect(plan.value.remove.map((r) => r.id)).toEqual([2, 3]);
    expect(plan.value.add.map((a) => [a.month, a.hours])).toEqual([[d("2026-05-01"), 6]]);
  });

  it("refuses two rows for the same competence and person", () => {
    const row: GridRow = { competence: "Test", resource: null, hours: { "2026-03": 1 } };
    const plan = planAllocationChanges(initiativeRef(1), [], [row, row], months, register);
    expect(plan.ok ? [] : plan.problems.map((p) => [p.code, p.row])).toEqual([
      ["resources.problem.duplicateRow", 1],
    ]);
  });
});
