/**
 * A view's narrow read of initiatives against the local SharePoint: `list({ fields })` asks
 * SharePoint only for those columns (plus Id), expands only the people and lookups among
 * them, and hands back entities carrying exactly those values, id and version.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import type { Area, Initiative } from "../../src/domain/portfolio.js";
import { anArea, anInitiative } from "../support/builders.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let area: Area;
let owner: Person;
let added: Initiative;

/** The `$select` and `$expand` of every item read of the Initiatives list while `run` runs. */
async function capturingReads<R>(
  run: () => Promise<R>,
): Promise<{ result: R; reads: { select: string[]; expand: string[] }[] }> {
  const original = globalThis.fetch;
  const reads: { select: string[]; expand: string[] }[] = [];
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (
      /Lists\/Initiatives/i.test(decodeURIComponent(url.pathname)) &&
      /\/items$/i.test(url.pathname)
    ) {
      const split = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
      reads.push({
        select: split(url.searchParams.get("$select")),
        expand: split(url.searchParams.get("$expand")),
      });
    }
    return original(input, init);
  };
  try {
    return { result: await run(), reads };
  } finally {
    globalThis.fetch = original;
  }
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  area = await secretary.repositories.areas.add(anArea({ title: "Social & Sundhed" }));
  owner = await secretary.people.ensure(sp.users.members[0]!);
  added = await secretary.repositories.initiatives.add(
    anInitiative({
      title: "Velfærdsteknologi i hjemmeplejen",
      area: { id: area.id, title: "" },
      owner,
      phase: "Gennemførelse",
      source: "KL/KOMBIT",
      mandatory: true,
      latestStatus: "Rød",
    }),
  );
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("reading initiatives with only a view's fields", () => {
  it("selects only the asked columns plus Id and expands only the asked people and lookups", async () => {
    const { result, reads } = await capturingReads(() =>
      secretary.repositories.initiatives.list({ fields: ["title", "phase", "owner"] }),
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) {
      expect(new Set(r.select)).toEqual(
        new Set(["Id", "Title", "Phase", "Owner/Id", "Owner/Title", "Owner/EMail"]),
      );
      expect(r.expand).toEqual(["Owner"]);
    }
    const row = result.find((i) => i.id === added.id);
    expect(row).toEqual({
      id: added.id,
      version: added.version,
      title: "Velfærdsteknologi i hjemmeplejen",
      phase: "Gennemførelse",
      owner: { id: owner.id, name: owner.name, email: owner.email },
    });
  });

  it("carries the overview's columns with the values stored, and nothing it did not ask for", async () => {
    const fields = [
      "title",
      "phase",
      "area",
      "source",
      "governance",
      "mandatory",
      "latestStatus",
      "modified",
    ] as const;
    const { result, reads } = await capturingReads(() =>
      secretary.repositories.initiatives.list({ fields }),
    );
    for (const r of reads) {
      expect(r.select).not.toContain("Summary");
      expect(r.select).not.toContain("Owner/Id");
      expect(r.expand).toEqual(["Area"]);
    }
    const row = result.find((i) => i.id === added.id);
    expect(row).toMatchObject({
      title: "Velfærdsteknologi i hjemmeplejen",
      phase: "Gennemførelse",
      area: { id: area.id, title: "Social & Sundhed" },
      source: "KL/KOMBIT",
      governance: null,
      mandatory: true,
      latestStatus: "Rød",
      modified: added.modified,
    });
    expect(Object.keys(row!).sort()).toEqual(["id", "version", ...fields].sort());
  });

  it("still filters and sorts on properties it was not asked to show", async () => {
    const repo = secretary.repositories.initiatives;
    await repo.add(
      anInitiative({ title: "Ældre forslag", area: { id: area.id, title: "" }, phase: "Idé" }),
    );
    const { result, reads } = await capturingReads(() =>
      repo.list({
        fields: ["title"],
        where: { phase: "Gennemførelse" },
        orderBy: [{ field: "mandatory", descending: true }],
      }),
    );
    expect(result.map((i) => i.title)).toEqual(["Velfærdsteknologi i hjemmeplejen"]);
    for (const r of reads) expect(r.select).toEqual(expect.arrayContaining(["Phase", "Mandatory"]));
  });

  it("reads whole initiatives when no fields are given", async () => {
    const all = await secretary.repositories.initiatives.list({
      where: { phase: "Gennemførelse" },
    });
    expect(all.find((i) => i.id === added.id)).toMatchObject({
      summary: added.summary,
      owner: { id: owner.id },
    });
    expect(all.find((i) => i.id === added.id)?.createdBy?.email).toMatch(/.+/);
  });
});
