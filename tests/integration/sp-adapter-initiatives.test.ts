/**
 * The initiative repository (PnPjs) against the local SharePoint, provisioned from
 * lists-schema: person and lookup fields round-trip, every update and delete carries the
 * ETag so a stale version is a Conflict, validation happens before any request, OData
 * literals are quoted, and lists are addressed by URL so a renamed title does not matter.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import { isStoreError, StoreError } from "../../src/domain/errors.js";
import type { Area, Initiative, StrategyGoal } from "../../src/domain/portfolio.js";
import { aBudgetLine, anArea, anInitiative, aStrategyGoal } from "../support/builders.js";
import { adminToken } from "../support/m365.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let area: Area;
let goal: StrategyGoal;
let owner: Person;
let lead: Person;

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  area = await secretary.repositories.areas.add(
    anArea({ title: "Skoler & Uddannelse", abbreviation: "SU" }),
  );
  goal = await secretary.repositories.strategyGoals.add(aStrategyGoal());
  owner = await secretary.people.ensure(sp.users.members[0]!);
  lead = await secretary.people.ensure(sp.users.contributors[0]!);
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error("Expected the call to fail");
}

describe("initiatives through the SharePoint adapter", () => {
  it("round-trips people, lookups, multi-lookups, dates and choices", async () => {
    const repo = secretary.repositories.initiatives;
    const other = await repo.add(
      anInitiative({ title: "Fælles datagrundlag", area: { id: area.id, title: "" } }),
    );
    const added = await repo.add(
      anInitiative({
        title: "Digital pladsanvisning",
        area: { id: area.id, title: "" },
        strategyGoal: { id: goal.id, title: "" },
        owner,
        projectLead: lead,
        phase: "Behovsanalyse",
        source: "KL/KOMBIT",
        mandatory: true,
        legalDeadline: "2027-01-01T00:00:00Z",
        requires: [{ id: other.id, title: "" }],
        externalRef: "KOMBIT-42",
        latestStatus: "Gul",
      }),
    );
    const read = await repo.get(added.id);
    expect(read).toMatchObject({
      title: "Digital pladsanvisning",
      area: { id: area.id, title: "Skoler & Uddannelse" },
      strategyGoal: { id: goal.id, title: goal.title },
      owner: { id: owner.id, name: owner.name, email: owner.email },
      projectLead: { id: lead.id, name: lead.name },
      phase: "Behovsanalyse",
      source: "KL/KOMBIT",
      mandatory: true,
      legalDeadline: "2027-01-01T00:00:00Z",
      requires: [{ id: other.id, title: "Fælles datagrundlag" }],
      excludes: [],
      externalRef: "KOMBIT-42",
      latestStatus: "Gul",
      governance: null,
    });
    expect(read.version).toBe('"1"');
    expect(read.createdBy?.email.toLowerCase()).toBe(sp.users.secretary.toLowerCase());
  });

  it("updates with the version read and refuses a stale version as Conflict", async () => {
    const repo = secretary.repositories.initiatives;
    const first = await repo.add(
      anInitiative({ title: "Robotter i lønbogholderiet", area: { id: area.id, title: "" } }),
    );
    const v2 = await repo.update({ ...first, phase: "Klar til prioritering" });
    expect(v2).not.toBe(first.version);
    expect((await repo.get(first.id)).phase).toBe("Klar til prioritering");

    // A second editor still holding the first version must not overwrite the change.
    const stale = await rejection(repo.update({ ...first, title: "Overskrevet" }));
    expect(stale.kind).toBe("Conflict");
    expect(stale.message).toMatch(/ændret af en anden/);
    expect((await repo.get(first.id)).title).toBe("Robotter i lønbogholderiet");

    expect((await rejection(repo.remove(first.id, first.version))).kind).toBe("Conflict");
    await repo.remove(first.id, v2);
    expect((await rejection(repo.get(first.id))).kind).toBe("NotFound");
  });

  it("refuses an invalid draft with its problems as codes naming the field, before writing anything", async () => {
    const repo = secretary.repositories.initiatives;
    const before = (await repo.list()).length;
    const e = await rejection(
      repo.add(anInitiative({ title: "x".repeat(256), area: { id: area.id, title: "" } })),
    );
    expect(e.kind).toBe("Invalid");
    expect(e.details.field).toBe("title");
    expect(e.details.problems).toEqual([
      {
        code: "validation.maxLength",
        field: "title",
        params: { label: { code: "fields.initiative.title" }, max: 255, length: 256 },
      },
    ]);
    expect((await repo.list()).length).toBe(before);
  });

  it("finds by an indexed column whatever quotes the value holds, and searches text", async () => {
    const repo = secretary.repositories.initiatives;
    await repo.add(
      anInitiative({
        title: "Borgerens overblik",
        externalRef: "KL-'O''Brien'",
        area: { id: area.id, title: "" },
      }),
    );
    const found = await repo.list({ where: { externalRef: "KL-'O''Brien'" } });
    expect(found.map((i) => i.title)).toEqual(["Borgerens overblik"]);
    const searched = await repo.list({ search: "OVERBLIK borgerens" });
    expect(searched.map((i) => i.title)).toEqual(["Borgerens overblik"]);
    const byArea = await repo.list({ where: { area: area.id, phase: ["Idé", "Behovsanalyse"] } });
    expect(byArea.length).toBeGreaterThan(0);
    expect(byArea.every((i: Initiative) => i.area?.id === area.id)).toBe(true);
  });

  it("maps SharePoint's refusal of a lookup to a missing item to Invalid, naming the property", async () => {
    const e = await rejection(
      secretary.repositories.initiatives.add(
        anInitiative({
          title: "Afhænger af noget der ikke findes",
          area: { id: area.id, title: "" },
          requires: [{ id: 99_999 as never, title: "" }],
        }),
      ),
    );
    expect(e.kind).toBe("Invalid");
    expect(e.details.status).toBe(400);
    expect(e.details.field).toBe("requires");
  });

  it("adds an initiative with its budget lines in one batch", async () => {
    const { initiative, budgetLines } = await secretary.repositories.initiatives.addWithBudget(
      anInitiative({ title: "Ny ESDH-løsning", area: { id: area.id, title: "" } }),
      [
        aBudgetLine({ title: "Implementering", year: 2026, kind: "Anlæg", amount: 900_000 }),
        aBudgetLine({ title: "Licens", year: 2027, kind: "Drift", amount: 300_000 }),
      ].map(({ initiative: _ignored, ...line }) => line),
    );
    expect(budgetLines.map((r) => r.ok)).toEqual([true, true]);
    const stored = await secretary.repositories.budgetLines.list({
      where: { initiative: initiative.id },
      orderBy: [{ field: "year" }],
    });
    expect(stored.map((l) => [l.title, l.year, l.kind, l.amount, l.initiative?.title])).toEqual([
      ["Implementering", 2026, "Anlæg", 900_000, "Ny ESDH-løsning"],
      ["Licens", 2027, "Drift", 300_000, "Ny ESDH-løsning"],
    ]);
  });

  it("keeps working when a site owner renames the list's display title in SharePoint (lists are addressed by URL)", async () => {
    const rename = await fetch(
      `${sp.siteUrl}/_api/web/getList('/sites/digistyr/Lists/Initiatives')`,
      {
        method: "POST",
        headers: {
          Authorization: adminToken(sp.users.owner),
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-HTTP-Method": "MERGE",
          "IF-Match": "*",
        },
        body: JSON.stringify({ Title: "Tiltag (omdøbt)" }),
      },
    );
    expect(rename.status).toBeLessThan(300);
    const all = await secretary.repositories.initiatives.list();
    expect(all.length).toBeGreaterThan(0);
  });

  it("maps a member's write to a list they may only read as Forbidden", async () => {
    const member = sp.adaptersFor(sp.users.members[1]!);
    const e = await rejection(
      member.repositories.areas.add(anArea({ title: "Nyt område", abbreviation: "NYT" })),
    );
    expect(isStoreError(e, "Forbidden")).toBe(true);
  });
});
