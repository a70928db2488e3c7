/**
 * The portfolio's queries on 10,000 initiatives, over SharePoint's list view threshold. On a list
 * of more than 5,000 items SharePoint refuses (500, SPQueryThrottledException) a query whose
 * first filter clause alone matches more than 5,000 items, even on an indexed column
 * (https://learn.microsoft.com/troubleshoot/sharepoint/lists-and-libraries/items-exceeds-list-view-threshold).
 * The portfolio's own reads (the table's and the board's default views, every filter the view
 * offers) must stay within that rule: unfiltered reads are ID-ordered pages of 5,000, which
 * SharePoint always serves, and a filter SharePoint refuses as too broad is read the same way
 * and filtered by the adapter, with the same answer.
 *
 * The portfolio here is a mature one: more than half of it closed (Afsluttet), so that one
 * phase, and "not mandatory", are each broader than the threshold.
 */
import { jest } from "@jest/globals";

import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { AreaId } from "../../src/domain/ids.js";
import type { InitiativeDraft } from "../../src/domain/portfolio.js";
import {
  applyFilters,
  DEFAULT_COLUMNS,
  DEFAULT_SORT,
  EMPTY_FILTERS,
  fieldsFor,
  type PortfolioField,
  type PortfolioFilters,
  type PortfolioRow,
  serverWhere,
} from "../../src/domain/portfolio-view.js";
import { GOVERNANCES, type Phase, PHASES, RAGS, SOURCES } from "../../src/domain/vocabulary.js";
import { anArea, anInitiative } from "../support/builders.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 600_000;
const COUNT = 10_000;
/** Initiatives 1..CLOSED are closed: more than the threshold. */
const CLOSED = 5_500;
const OPEN_PHASES = PHASES.filter((p) => p !== "Afsluttet");

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
const areas: { id: AreaId; title: string }[] = [];

function draft(i: number): InitiativeDraft {
  return anInitiative({
    title: `Tiltag ${i}`,
    area: areas[i % areas.length] ?? null,
    phase: i <= CLOSED ? "Afsluttet" : (OPEN_PHASES[i % OPEN_PHASES.length] ?? "Idé"),
    source: SOURCES[i % SOURCES.length],
    mandatory: i % 17 === 0,
    latestStatus: i % 4 === 0 ? null : (RAGS[i % RAGS.length] ?? null),
    governance: i % 5 === 0 ? (GOVERNANCES[i % 2] ?? null) : null,
    priority: i % 3 === 0 ? i % 300 : null,
  });
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  for (const title of ["Økonomi og Styring", "Børn, Unge og Læring", "Sundhed og Ældre"]) {
    const a = await secretary.repositories.areas.add(
      anArea({ title, abbreviation: title.slice(0, 3).toUpperCase() }),
    );
    areas.push({ id: a.id, title: a.title });
  }
  const results = await secretary.repositories.initiatives.addMany(
    Array.from({ length: COUNT }, (_, i) => draft(i + 1)),
  );
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`${failed.length} inserts failed`);
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

interface Sent {
  filter: string | null;
  status: number;
}

/** Every SharePoint item read sent while `fn` runs: its `$filter` and the answer's status. */
async function readsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; sent: Sent[] }> {
  const original = globalThis.fetch;
  const sent: Sent[] = [];
  const spy = jest
    .spyOn(globalThis, "fetch")
    .mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
      const response = await original(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname.endsWith("/items")) {
        sent.push({ filter: url.searchParams.get("$filter"), status: response.status });
      }
      return response;
    });
  try {
    return { value: await fn(), sent };
  } finally {
    spy.mockRestore();
  }
}

const TABLE_FIELDS = fieldsFor(DEFAULT_COLUMNS, "table", DEFAULT_SORT);
const BOARD_FIELDS = fieldsFor(DEFAULT_COLUMNS, "board", DEFAULT_SORT);

function load(
  fields: readonly PortfolioField[],
  filters: PortfolioFilters = EMPTY_FILTERS,
  adapters: SharePointAdapters = secretary,
) {
  return adapters.repositories.initiatives.list({
    fields: [...fields],
    where: serverWhere(filters),
  }) as Promise<PortfolioRow[]>;
}

const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id);

describe("the portfolio's reads on 10,000 initiatives", () => {
  let all: PortfolioRow[] = [];

  it(
    "reads the table's default view as unfiltered pages SharePoint serves",
    async () => {
      const { value, sent } = await readsDuring(() => load(TABLE_FIELDS));
      all = value;
      expect(all).toHaveLength(COUNT);
      expect(sent).toEqual([
        { filter: null, status: 200 },
        { filter: null, status: 200 },
      ]);
    },
    SLOW,
  );

  it(
    "reads the board's default view the same way",
    async () => {
      const { value, sent } = await readsDuring(() => load(BOARD_FIELDS));
      expect(value).toHaveLength(COUNT);
      expect(sent.every((s) => s.status === 200 && s.filter === null)).toBe(true);
    },
    SLOW,
  );

  const narrow: [string, Partial<PortfolioFilters>][] = [
    ...OPEN_PHASES.map((p): [string, Partial<PortfolioFilters>] => [`phase ${p}`, { phases: [p] }]),
    ["two open phases", { phases: ["Idé", "Prioriteret"] }],
    ["mandatory", { mandatory: true }],
    ...SOURCES.map((s): [string, Partial<PortfolioFilters>] => [`source ${s}`, { sources: [s] }]),
    ...RAGS.map((r): [string, Partial<PortfolioFilters>] => [`status ${r}`, { statuses: [r] }]),
    ...GOVERNANCES.map((g): [string, Partial<PortfolioFilters>] => [
      `governance ${g}`,
      { governances: [g] },
    ]),
  ];

  it.each(narrow)(
    "answers the filter on %s with SharePoint filtering, never refused",
    async (_name, partial) => {
      const filters = { ...EMPTY_FILTERS, ...partial };
      const { value, sent } = await readsDuring(() => load(TABLE_FIELDS, filters));
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((s) => s.status === 200 && s.filter !== null)).toBe(true);
      expect(ids(value)).toEqual(ids(applyFilters(all, filters)));
    },
    SLOW,
  );

  const broad: [string, Partial<PortfolioFilters>, string][] = [
    ["the closed phase (5,500 initiatives)", { phases: ["Afsluttet"] }, "Phase eq 'Afsluttet'"],
    ["not mandatory (9,412 initiatives)", { mandatory: false }, "Mandatory eq 0"],
  ];

  it.each(broad)(
    "answers the filter on %s, too broad for SharePoint, from ID-ordered pages",
    async (_name, partial, filter) => {
      const filters = { ...EMPTY_FILTERS, ...partial };
      const fresh = sp.adaptersFor(sp.users.secretary);
      const first = await readsDuring(() => load(TABLE_FIELDS, filters, fresh));
      // SharePoint refuses the filter once; the whole list is then read in ID-ordered pages.
      expect(first.sent).toEqual([
        { filter, status: 500 },
        { filter: null, status: 200 },
        { filter: null, status: 200 },
      ]);
      expect(ids(first.value)).toEqual(ids(applyFilters(all, filters)));
      expect(first.value.length).toBeGreaterThan(5_000);

      // The repository remembers the filter as too broad: it is not refused a second time.
      const again = await readsDuring(() => load(TABLE_FIELDS, filters, fresh));
      expect(again.sent.map((s) => s.status)).toEqual([200, 200]);
      expect(ids(again.value)).toEqual(ids(first.value));
    },
    SLOW,
  );

  it(
    "asks again with the next clause first when the first one is too broad, and remembers it",
    async () => {
      const fresh = sp.adaptersFor(sp.users.secretary);
      const area = areas[0] as { id: AreaId };
      const filters = { ...EMPTY_FILTERS, phases: ["Afsluttet" as Phase], areas: [area.id] };
      const first = await readsDuring(() => load(TABLE_FIELDS, filters, fresh));
      expect(first.sent).toEqual([
        { filter: `Phase eq 'Afsluttet' and AreaId eq ${area.id}`, status: 500 },
        { filter: `AreaId eq ${area.id} and Phase eq 'Afsluttet'`, status: 200 },
      ]);
      expect(ids(first.value)).toEqual(ids(applyFilters(all, filters)));

      const closedOnly = { ...EMPTY_FILTERS, phases: ["Afsluttet" as Phase] };
      const again = await readsDuring(() => load(TABLE_FIELDS, closedOnly, fresh));
      expect(again.sent).toEqual([
        { filter: null, status: 200 },
        { filter: null, status: 200 },
      ]);
      expect(ids(again.value)).toEqual(ids(applyFilters(all, closedOnly)));
    },
    SLOW,
  );

  it(
    "answers a broad filter combined with a narrow one on the narrow one first",
    async () => {
      const filters = { ...EMPTY_FILTERS, mandatory: false, phases: ["Prioriteret" as Phase] };
      const { value, sent } = await readsDuring(() => load(TABLE_FIELDS, filters));
      expect(sent).toEqual([{ filter: "Phase eq 'Prioriteret' and Mandatory eq 0", status: 200 }]);
      expect(ids(value)).toEqual(ids(applyFilters(all, filters)));
    },
    SLOW,
  );
});
