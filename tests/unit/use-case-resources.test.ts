import { describe, expect, it } from "@jest/globals";

import type { Person } from "../../src/domain/common.js";
import type { MailMessage } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import {
  type AreaId,
  idOf,
  type InitiativeId,
  type PersonId,
  type ResourceId,
  type ResourceRequestId,
} from "../../src/domain/ids.js";
import { capacityLeft, cellAt } from "../../src/domain/resources-capacity.js";
import type { Role } from "../../src/domain/roles.js";
import type { SitePeople } from "../../src/ports/current-user.js";
import {
  answerResourceRequest,
  loadOpenRequests,
  loadResourceOverview,
  saveInitiativeAllocations,
  saveResource,
  sendResourceRequest,
} from "../../src/use-cases/resources.js";
import { loadSelectionBase, ONGOING_PHASES } from "../../src/use-cases/scenarios.js";
import { anAllocation, anArea, aPerson, aResource } from "../support/builders.js";
import { aClock, aStoredInitiative, me, member, secretary } from "../support/builders-lifecycle.js";
import { initiativeRef, resourceRef } from "../support/builders-resources.js";
import { memoryRepositories } from "../support/memory-repositories.js";

const head = aPerson({ id: idOf<PersonId>(21), name: "Områdechef", email: "chef@x.dk" });
const RUNNING = idOf<InitiativeId>(2);

function setup(who: Person = secretary, roles: Role[] = ["secretary"]) {
  let current = who;
  const { memory, repositories } = memoryRepositories(() => current);
  memory.areas.seed({ id: idOf<AreaId>(1), ...anArea({ title: "Teknik", head }) });
  memory.initiatives.seed(
    aStoredInitiative({ id: 1, title: "Kandidat", phase: "Klar til prioritering" }),
    aStoredInitiative({ id: 2, title: "I gang", phase: "Gennemførelse" }),
  );
  memory.resources.seed(
    {
      id: idOf<ResourceId>(1),
      ...aResource({ title: "Anna", competences: ["Test"], capacityHoursPerMonth: 40 }),
    },
    {
      id: idOf<ResourceId>(2),
      ...aResource({
        title: "Bo",
        competences: ["Test", "It-arkitektur"],
        capacityHoursPerMonth: 60,
        // Half of April away: 30 of April's 30 days → half capacity.
        absences: [{ from: "2026-04-01T00:00:00Z", to: "2026-04-15T00:00:00Z" }],
      }),
    },
    { id: idOf<ResourceId>(3), ...aResource({ title: "Nul", capacityHoursPerMonth: 0 }) },
  );
  const mails: MailMessage[] = [];
  let currentRoles = roles;
  const people: SitePeople = {
    ensure: (email) =>
      email.endsWith("@x.dk") || email.includes("jonas")
        ? Promise.resolve(aPerson({ email }))
        : Promise.reject(new StoreError("NotFound", "no such user")),
    groupMembers: (group) =>
      Promise.resolve(
        group === "Sekretariat" ? [secretary] : group === "Medlemmer" ? [member, head] : [],
      ),
  };
  const ports = {
    repositories,
    currentUser: { me: () => Promise.resolve(me(current, ...currentRoles)) },
    clock: aClock("2026-03-10T09:00:00Z"),
    people,
    mailer: { send: (m: MailMessage) => Promise.resolve(void mails.push(m)) },
  };
  const actAs = (p: Person, ...r: Role[]) => {
    current = p;
    currentRoles = r;
  };
  return { memory, repositories, ports, mails, actAs };
}

describe("the heatmap and the optimizer use the same numbers", () => {
  it("the optimizer's capacity row is the heatmap cell's capacity less the ongoing initiatives' hours", async () => {
    const { memory, ports, repositories } = setup();
    memory.allocations.seed(
      {
        ...anAllocation({
          initiative: initiativeRef(1, "Kandidat"),
          resource: resourceRef(1),
          competence: "Test",
          month: "2026-04-01T00:00:00Z",
          hours: 20,
        }),
        createdBy: secretary,
      },
      {
        ...anAllocation({
          initiative: initiativeRef(2, "I gang"),
          resource: resourceRef(1),
          competence: "Test",
          month: "2026-04-01T00:00:00Z",
          hours: 25,
        }),
        createdBy: secretary,
      },
    );
    const [overview, base] = await Promise.all([
      loadResourceOverview(ports, { from: "2026-03", months: 3 }),
      loadSelectionBase(repositories),
    ]);
    const cell = cellAt(overview.byCompetence, "Test", "2026-04");
    // Anna 40 + Bo's half of 60 (two competences), halved by absence: 40 + 15.
    expect(cell).toMatchObject({ capacity: 55, allocated: 45 });
    const row = base.input.capacity.find((c) => c.competence === "Test" && c.period === "2026-04");
    expect(row?.hours).toBe(30);
    const ongoing = (id: InitiativeId) =>
      id === RUNNING && ONGOING_PHASES.includes("Gennemførelse");
    expect(cell && capacityLeft(cell, ongoing)).toBe(row?.hours);
  });
});

describe("loadResourceOverview", () => {
  it("counts only allocations written by someone allowed, and shows the others as irregular", async () => {
    const { memory, ports } = setup();
    memory.allocations.seed(
      { ...anAllocation({ competence: "Test", hours: 10 }), createdBy: secretary },
      { ...anAllocation({ competence: "Test", hours: 99 }), createdBy: member },
    );
    const o = await loadResourceOverview(ports, { from: "2026-03", months: 1 });
    expect(cellAt(o.byCompetence, "Test", "2026-03")?.allocated).toBe(10);
    expect(o.irregular).toMatchObject([
      { list: "Allocations", rule: "allocation.notAllowed", by: member },
    ]);
  });
});

describe("saveResource", () => {
  it("refuses a person who is not a user of the site, naming the field", async () => {
    const { ports, memory } = setup();
    const r = await saveResource(
      ports,
      aResource({ person: aPerson({ email: "ghost@nowhere.dk" }) }),
      null,
    );
    expect(r.ok ? [] : r.error.map((p) => [p.code, p.field])).toEqual([
      ["resources.problem.unknownPerson", "person"],
    ]);
    expect(memory.resources.items.size).toBe(3);
  });

  it("refuses capacity 0 for a person with hours allocated, and writes nothing", async () => {
    const { ports, memory } = setup();
    memory.allocations.seed({ ...anAllocation({ resource: resourceRef(1), hours: 10 }) });
    const stored = await memory.resources.get(idOf<ResourceId>(1));
    const r = await saveResource(ports, { ...stored, capacityHoursPerMonth: 0 }, stored);
    expect(r.ok ? [] : r.error.map((p) => [p.code, p.field])).toEqual([
      ["resources.problem.capacityZeroWithAllocations", "capacityHoursPerMonth"],
    ]);
    expect((await memory.resources.get(idOf<ResourceId>(1))).capacityHoursPerMonth).toBe(40);
  });

  it("refuses a member", async () => {
    const { ports } = setup(member, ["member"]);
    const r = await saveResource(ports, aResource(), null);
    expect(r.ok ? null : r.error[0]?.code).toBe("resources.problem.notSecretary");
  });
});

describe("saveInitiativeAllocations", () => {
  const months = ["2026-03", "2026-04"];
  it("writes the grid's changes: adds, updates and removes in the months shown", async () => {
    const { ports, memory } = setup();
    memory.allocations.seed(
      {
        ...anAllocation({
          initiative: initiativeRef(1),
          resource: resourceRef(1),
          competence: "Test",
          month: "2026-03-01T00:00:00Z",
          hours: 10,
        }),
      },
      {
        ...anAllocation({
          initiative: initiativeRef(1),
          resource: resourceRef(1),
          competence: "Test",
          month: "2026-04-01T00:00:00Z",
          hours: 10,
        }),
      },
    );
    const r = await saveInitiativeAllocations(
      ports,
      initiativeRef(1),
      [
        { competence: "Test", resource: resourceRef(1), hours: { "2026-03": 15, "2026-04": null } },
        { competence: "Jura og GDPR", resource: null, hours: { "2026-04": 8 } },
      ],
      months,
    );
    expect(r).toEqual({ ok: true, value: { added: 1, updated: 1, removed: 1 } });
    const stored = [...memory.allocations.items.values()] as unknown as {
      month: string;
      hours: number;
      competence: string;
    }[];
    expect(stored.map((a) => [a.competence, a.month.slice(0, 7), a.hours]).sort()).toEqual([
      ["Jura og GDPR", "2026-04", 8],
      ["Test", "2026-03", 15],
    ]);
  });

  it.each<
    [
      string,
      {
        competence: "Test" | null;
        resource: ReturnType<typeof resourceRef> | null;
        hours: Record<string, number>;
      },
      string,
      string,
    ]
  >([
    [
      "negative hours",
      { competence: "Test", resource: resourceRef(1), hours: { "2026-03": -4 } },
      "validation.min",
      "hours",
    ],
    [
      "an unknown person",
      { competence: "Test", resource: resourceRef(77, "Ukendt"), hours: { "2026-03": 4 } },
      "resources.problem.unknownPerson",
      "resource",
    ],
    [
      "a person with capacity 0",
      { competence: "Test", resource: resourceRef(3, "Nul"), hours: { "2026-03": 4 } },
      "resources.problem.capacityZeroWithAllocations",
      "hours",
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_, row, code, field) => {
    const { ports, memory } = setup();
    const ok = {
      competence: "Test" as const,
      resource: resourceRef(2),
      hours: { "2026-04": 5 },
    };
    const r = await saveInitiativeAllocations(ports, initiativeRef(1), [ok, row], months);
    expect(r.ok ? [] : r.error.map((p) => [p.code, p.field])).toEqual([[code, field]]);
    expect(memory.allocations.items.size).toBe(0);
  });
});

describe("resource requests", () => {
  const draft = {
    title: "Tester til Kandidat",
    area: { id: idOf<AreaId>(1), title: "Teknik" },
    initiative: initiativeRef(1, "Kandidat"),
    competence: "Test" as const,
    hours: 30,
    neededFrom: "2026-04-01T00:00:00Z",
    neededTo: "2026-06-30T00:00:00Z",
    message: "Vi mangler en tester.",
  };
  const link = (id: ResourceRequestId) => `https://tab/#/ressourcer#anmodning-${id}`;

  it("stores the request as Anmodet and mails the area head a deep link", async () => {
    const { ports, mails, repositories } = setup();
    const r = await sendResourceRequest(ports, draft, link);
    expect(r.ok && r.value.mailed).toBe(true);
    const id = r.ok ? r.value.request.id : 0;
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(["chef@x.dk"]);
    expect(mails[0]?.html).toContain(`#/ressourcer#anmodning-${id}`);
    expect((await loadOpenRequests(repositories)).map((q) => q.state)).toEqual(["Anmodet"]);
  });

  it("refuses a request without hours or start, naming the fields, and sends nothing", async () => {
    const { ports, mails, memory } = setup();
    const r = await sendResourceRequest(ports, { ...draft, hours: -3, neededFrom: null }, link);
    expect(r.ok ? [] : r.error.map((p) => p.field).sort()).toEqual(
      ["hours", "hours", "neededFrom"].sort(),
    );
    expect(mails).toHaveLength(0);
    expect(memory.resourceRequests.items.size).toBe(0);
  });

  it("the area head confirms: the allocations are created and the request is Bekræftet", async () => {
    const { ports, memory, actAs } = setup();
    const sent = await sendResourceRequest(ports, draft, link);
    const id = sent.ok ? sent.value.request.id : idOf<ResourceRequestId>(0);
    actAs(head, "member");
    const r = await answerResourceRequest(ports, id, {
      kind: "confirm",
      resource: resourceRef(1, "Anna"),
    });
    expect(r.ok).toBe(true);
    const allocations = [...memory.allocations.items.values()] as unknown as {
      hours: number;
      request: { id: number };
    }[];
    expect(allocations.map((a) => a.hours)).toEqual([10, 10, 10]);
    expect(allocations.every((a) => a.request.id === id)).toBe(true);
    expect((await memory.resourceRequests.get(id)).state).toBe("Bekræftet");
    // Written by the area head through the confirmed request: they count.
    actAs(secretary, "secretary");
    const o = await loadResourceOverview(ports, { from: "2026-04", months: 3 });
    expect(o.irregular).toEqual([]);
    expect(cellAt(o.byCompetence, "Test", "2026-05")?.allocated).toBe(10);
  });

  it("a refusal needs a reason; with one the request is Afvist and nothing is allocated", async () => {
    const { ports, memory, actAs } = setup();
    const sent = await sendResourceRequest(ports, draft, link);
    const id = sent.ok ? sent.value.request.id : idOf<ResourceRequestId>(0);
    actAs(head, "member");
    const empty = await answerResourceRequest(ports, id, { kind: "refuse", reason: "  " });
    expect(empty.ok ? [] : empty.error.map((p) => p.field)).toEqual(["reason"]);
    const r = await answerResourceRequest(ports, id, { kind: "refuse", reason: "Ingen ledige" });
    expect(r.ok).toBe(true);
    expect((await memory.resourceRequests.get(id)).state).toBe("Afvist");
    expect(memory.allocations.items.size).toBe(0);
  });

  it("only the area head answers", async () => {
    const { ports, actAs } = setup();
    const sent = await sendResourceRequest(ports, draft, link);
    const id = sent.ok ? sent.value.request.id : idOf<ResourceRequestId>(0);
    actAs(member, "member");
    const r = await answerResourceRequest(ports, id, { kind: "confirm", resource: null });
    expect(r.ok ? null : r.error[0]?.code).toBe("resources.problem.notAreaHead");
  });

  it("if the request cannot be marked Bekræftet, the new allocations are removed again", async () => {
    const { ports, memory, actAs } = setup();
    const sent = await sendResourceRequest(ports, draft, link);
    const id = sent.ok ? sent.value.request.id : idOf<ResourceRequestId>(0);
    actAs(head, "member");
    memory.resourceRequests.failNext("update", new StoreError("Conflict", "changed meanwhile"));
    await expect(
      answerResourceRequest(ports, id, { kind: "confirm", resource: null }),
    ).rejects.toThrow();
    expect(memory.allocations.items.size).toBe(0);
    expect((await memory.resourceRequests.get(id)).state).toBe("Anmodet");
  });
});
