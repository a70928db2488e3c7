/**
 * Lists larger than SharePoint's list view threshold (5,000 items), through the adapter:
 * every item comes back exactly once through `odata.nextLink` paging, a query on an indexed
 * column is filtered by SharePoint, and a query on a non-indexed column is never sent as a
 * `$filter` (SharePoint Online refuses it with SPQueryThrottledException,
 * https://learn.microsoft.com/sharepoint/dev/general-development/query-throttling-and-indexing)
 * but answered from ID-ordered pages instead.
 */
import { jest } from "@jest/globals";

import { mapErrors } from "../../src/adapters/sharepoint/errors.js";
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { StoreError } from "../../src/domain/errors.js";
import type { AreaId } from "../../src/domain/ids.js";
import type { InitiativeDraft } from "../../src/domain/portfolio.js";
import { anArea, anInitiative } from "../support/builders.js";
import { devToken } from "../support/m365.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 180_000;
const COUNT = 6_000;

let sp: ProvisionedSp;
let secretary: SharePointAdapters;

function draft(i: number, area: { id: AreaId; title: string }): InitiativeDraft {
  return anInitiative({
    title: `Tiltag ${i}`,
    area,
    phase: i % 100 === 0 ? "Prioriteret" : "Idé",
    priorityScore: i % 50,
    externalRef: `KL-${i}`,
  });
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  const area = await secretary.repositories.areas.add(anArea());
  const ref = { id: area.id, title: area.title };
  // Inserted through $batch, 100 parts per request.
  const results = await secretary.repositories.initiatives.addMany(
    Array.from({ length: COUNT }, (_, i) => draft(i + 1, ref)),
  );
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`${failed.length} inserts failed`);
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

/** The `$filter` of every SharePoint request the adapter sends while `fn` runs. */
async function filtersSentDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(globalThis, "fetch");
  try {
    await fn();
    return spy.mock.calls.flatMap(([input]) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const f = url.searchParams.get("$filter");
      return f === null ? [] : [f];
    });
  } finally {
    spy.mockRestore();
  }
}

describe("lists beyond the 5,000-item threshold", () => {
  it(
    "reads all 6,000 initiatives, each exactly once, reporting progress per page",
    async () => {
      const progress: number[] = [];
      const all = await secretary.repositories.initiatives.list({
        onProgress: ({ read }) => progress.push(read),
      });
      expect(all).toHaveLength(COUNT);
      expect(new Set(all.map((i) => i.id)).size).toBe(COUNT);
      expect(new Set(all.map((i) => i.title)).size).toBe(COUNT);
      // Pages of at most 5,000 (SharePoint's maximum $top).
      expect(progress).toEqual([5_000, COUNT]);
    },
    SLOW,
  );

  it(
    "filters on an indexed column in SharePoint itself",
    async () => {
      let found: { title: string }[] = [];
      const filters = await filtersSentDuring(async () => {
        found = await secretary.repositories.initiatives.list({ where: { phase: "Prioriteret" } });
      });
      expect(filters).toEqual(["Phase eq 'Prioriteret'"]);
      expect(found).toHaveLength(COUNT / 100);
      expect(found.map((i) => i.title)).toContain("Tiltag 100");
    },
    SLOW,
  );

  it(
    "answers a query on a non-indexed column without ever sending it as a $filter",
    async () => {
      // SharePoint itself refuses this filter on a list this large.
      const raw = await fetch(
        `${sp.siteUrl}/_api/web/getList('/sites/digistyr/Lists/Initiatives')/items?$filter=PriorityScore eq 7&$top=10`,
        { headers: { Authorization: devToken(sp.users.secretary), Accept: "application/json" } },
      );
      expect(raw.status).toBe(500);
      expect(await raw.text()).toContain("SPQueryThrottledException");

      let found: { priorityScore: number | null }[] = [];
      const filters = await filtersSentDuring(async () => {
        found = await secretary.repositories.initiatives.list({ where: { priorityScore: 7 } });
      });
      expect(filters).toEqual([]);
      expect(found).toHaveLength(COUNT / 50);
      expect(found.every((i) => i.priorityScore === 7)).toBe(true);
    },
    SLOW,
  );

  it(
    "maps SharePoint's list view threshold refusal to Invalid with a clear Danish message",
    async () => {
      const site = sp.siteFor(sp.users.secretary);
      const e = await mapErrors({ what: "Tiltagene" }, () =>
        site.items("Initiatives").filter("PriorityScore eq 7").top(10)(),
      ).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).kind).toBe("Invalid");
      expect((e as StoreError).message).toContain("grænse på 5.000 elementer");
    },
    SLOW,
  );

  it(
    "combines an indexed filter sent to SharePoint with a non-indexed one applied locally",
    async () => {
      let found: { title: string }[] = [];
      const filters = await filtersSentDuring(async () => {
        found = await secretary.repositories.initiatives.list({
          where: { externalRef: "KL-4200", priorityScore: 0 },
        });
      });
      expect(filters).toEqual(["ExternalRef eq 'KL-4200'"]);
      expect(found.map((i) => i.title)).toEqual(["Tiltag 4200"]);
    },
    SLOW,
  );
});
