/**
 * Figure 2 (issue 4 §8): a portfolio of 10,000 initiatives, more than SharePoint's 5,000-item
 * list view threshold, in the local Microsoft 365.
 *
 * - Seed: the initiatives are written through the real adapter's `addMany` (SharePoint
 *   `$batch`, 100 parts a request), a few batches in flight.
 * - Load: `repositories.initiatives.list({ fields: OVERVIEW_FIELDS })` of
 *   `createSharePointAdapters` (what the overview needs): `$select` names only the overview's
 *   columns (plus Id), pages of 5,000 follow `odata.nextLink`, each item mapped to a slice.
 * - Floor: a raw `fetch` of exactly the URLs the adapter requested, with its headers, bodies
 *   parsed as JSON, nothing else.
 * - Naive: the same PnPjs pipeline and full mapping, but `$select=*` (all columns) plus every
 *   person/lookup projection, to show what naming the columns buys.
 * - Overview columns: a raw fetch of a fixed overview `$select` (title, phase, source, area,
 *   owner, priority, status), kept for comparison with earlier runs.
 * - Mapping: the adapter's compiled mapper of the same field selection over the very items of
 *   those pages, alone (no network): the mapping's share of the load.
 * - Filter and sort: the loaded slices filtered by phase and sorted by phase (lifecycle order)
 *   and title (Danish collation), in memory, by the portfolio view's own domain function
 *   (`portfolioRows` in src/domain/portfolio-view.ts).
 *
 * Every measured load starts on a collected heap, and each round starts with a different load,
 * so garbage left by one load (the naive one leaves most) and the place in the round fall on
 * every load alike.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

import { listSchemas } from "../../lists-schema/index.js";
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { initiativeMap } from "../../src/adapters/sharepoint/maps.js";
import { SpInitiativeRepository } from "../../src/adapters/sharepoint/repositories.js";
import { PAGE_SIZE } from "../../src/adapters/sharepoint/repository.js";
import { createSp } from "../../src/adapters/sharepoint/sp.js";
import type { AreaId } from "../../src/domain/ids.js";
import type { InitiativeDraft } from "../../src/domain/portfolio.js";
import {
  DEFAULT_COLUMNS,
  DEFAULT_SORT,
  EMPTY_FILTERS,
  fieldsFor,
  type PortfolioRow,
  portfolioRows,
} from "../../src/domain/portfolio-view.js";
import type { Phase, Source } from "../../src/domain/vocabulary.js";
import { PHASES, RAGS, SOURCES } from "../../src/domain/vocabulary.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite } from "../../src/provisioning/index.js";
import {
  type Exchange,
  type FetchRecorder,
  median,
  medianOf,
  now,
  type Traffic,
  trafficOf,
} from "./measure.js";
import type { LocalM365 } from "./processes.js";

export interface PortfolioOptions {
  initiatives: number;
  /** Measured runs of each load (the median is reported) after one unmeasured warm-up. */
  runs: number;
}

export interface LoadFigure {
  ms: number;
  requests: number;
  bytes: number;
  items: number;
}

export interface PortfolioFigures {
  initiatives: number;
  seed: { ms: number; requests: number; failed: number };
  adapter: LoadFigure;
  floor: LoadFigure;
  /** The adapter's pages through PnPjs, not mapped to entities. */
  pnp: LoadFigure;
  naive: LoadFigure;
  overviewColumns: LoadFigure;
  /** The compiled mapper alone over the loaded pages' items. */
  mapping: { ms: number; items: number };
  filterSort: { ms: number; kept: number; of: number };
  /** adapter time / floor time. */
  ratio: number;
}

/**
 * A full garbage collection: `--expose-gc` set at run time, `gc` taken from a fresh context
 * (the flag applies to contexts made after it is set).
 */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}
const gc = collector();

const AREAS = [
  "Økonomi og Styring",
  "Borger, Kultur og Velfærd",
  "Børn, Unge og Læring",
  "Klima, Forsyning og Fysisk Planlægning",
  "Sundhed og Ældre",
  "Arbejdsmarked og Ydelser",
];
const WORDS = [
  "digital",
  "selvbetjening",
  "sagsbehandling",
  "borgerrettet",
  "integration",
  "fagsystem",
  "robot",
  "data",
  "platform",
  "overblik",
  "booking",
  "pladsanvisning",
];

function words(i: number, n: number): string {
  const out: string[] = [];
  for (let k = 0; k < n; k += 1) out.push(WORDS[(i * 7 + k * 3) % WORDS.length] as string);
  return out.join(" ");
}

/** A realistic initiative: a title, three short note texts, phase and source spread out. */
export function draftFor(
  i: number,
  areas: readonly { id: AreaId; title: string }[],
): InitiativeDraft {
  return {
    title: `${words(i, 3)} ${i + 1}`.replace(/^./, (c) => c.toUpperCase()),
    strategyGoal: null,
    summary: `Tiltag ${i + 1}: ${words(i, 30)}.`,
    need: `Behov: ${words(i + 1, 40)}.`,
    solution: `Løsning: ${words(i + 2, 40)}.`,
    source: SOURCES[i % SOURCES.length] as Source,
    area: areas[i % areas.length] ?? null,
    owner: null,
    projectLead: null,
    phase: PHASES[i % PHASES.length] as Phase,
    governance: null,
    standaloneGroupFrom: null,
    standaloneGroupTo: null,
    mandatory: i % 17 === 0,
    legalDeadline: null,
    requires: [],
    excludes: [],
    externalRef: `KL-${100000 + i}`,
    resourceNeeds: `Ca. ${(i % 9) + 1} personmåneder.`,
    expectedBenefits: `Færre manuelle sager (${words(i + 3, 12)}).`,
    priority: i % 3 === 0 ? (i % 300) + 1 : null,
    priorityScore: i % 3 === 0 ? ((i * 37) % 1000) / 10 : null,
    latestStatus: i % 4 === 0 ? null : (RAGS[i % RAGS.length] ?? null),
  };
}

/** The built-in columns the repository reads on every entity (id, dates, created/modified by). */
const META_SELECT = [
  "Id",
  "Created",
  "Modified",
  "Author/Id",
  "Author/Title",
  "Author/EMail",
  "Editor/Id",
  "Editor/Title",
  "Editor/EMail",
];

/**
 * The fields the portfolio table loads with its default columns (what the view's `$select`
 * asks for): the default columns' fields plus the filters' fields.
 */
export const OVERVIEW_FIELDS = fieldsFor(DEFAULT_COLUMNS, "table", DEFAULT_SORT);

const OVERVIEW_SELECT =
  "Id,Title,Phase,Source,Priority,LatestStatus,Area/Id,Area/Title,Owner/Id,Owner/Title";

const LISTS = new Set(["Areas", "StrategyGoals", "Initiatives"]);

/** Provisions the lists the initiatives need, adds the areas and seeds the initiatives. */
async function seed(
  m365: LocalM365,
  count: number,
  recorder: FetchRecorder,
): Promise<PortfolioFigures["seed"]> {
  const upn = m365.users[0] as string;
  await provisionSite({
    siteUrl: m365.sharepoint,
    // Provisioning is the admin identity's (AllSites.FullControl), never the tab's.
    tokenProvider: devAdminTokenProvider(upn),
    schemas: listSchemas.filter((s) => LISTS.has(s.name)),
  });
  const { repositories } = createSharePointAdapters(m365.sharepoint, devTokenProvider(upn));
  const areas: { id: AreaId; title: string }[] = [];
  for (const title of AREAS) {
    const a = await repositories.areas.add({
      title,
      abbreviation: title.slice(0, 3).toUpperCase(),
      head: null,
      representatives: [],
      active: true,
    });
    areas.push({ id: a.id, title: a.title });
  }
  // Chunks of 500 (5 `$batch` requests each), 3 chunks in flight: the server writes one
  // transaction per changeset, the client keeps it busy.
  const CHUNK = 500;
  const IN_FLIGHT = 3;
  let failed = 0;
  const { exchanges, value: ms } = await recorder.record(async () => {
    const start = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const from = next;
        next = Math.min(count, next + CHUNK);
        const drafts: InitiativeDraft[] = [];
        for (let i = from; i < next; i += 1) drafts.push(draftFor(i, areas));
        const results = await repositories.initiatives.addMany(drafts);
        failed += results.filter((r) => !r.ok).length;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return performance.now() - start;
  });
  return { ms, requests: exchanges.length, failed };
}

/** Replays `exchanges` (GETs) with the plain global fetch and parses each body as JSON. */
async function rawFetch(exchanges: readonly Exchange[]): Promise<number> {
  let items = 0;
  for (const e of exchanges) {
    const res = await fetch(e.url, { method: e.method, headers: e.headers });
    if (!res.ok) throw new Error(`raw fetch ${e.url}: ${res.status}`);
    const body = (await res.json()) as { value?: unknown[] };
    items += body.value?.length ?? 0;
  }
  return items;
}

/** Reads every page of `url` following odata.nextLink with the plain global fetch. */
async function rawPaged(url: string, headers: Record<string, string>): Promise<number> {
  let items = 0;
  let next: string | undefined = url;
  while (next) {
    const res = await fetch(next, { headers });
    if (!res.ok) throw new Error(`raw fetch ${next}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { value?: unknown[]; "odata.nextLink"?: string };
    items += body.value?.length ?? 0;
    next = body["odata.nextLink"];
  }
  return items;
}

type Load = () => Promise<number>;

/**
 * Runs every load once unmeasured, then `runs` rounds of all loads one after the other, so
 * each load sees the same machine (other work on a shared machine shifts them alike), each
 * round starting one load further and each load on a collected heap; returns each load's median
 * time with its traffic.
 */
async function measureLoads<K extends string>(
  recorder: FetchRecorder,
  runs: number,
  loads: Record<K, Load>,
): Promise<Record<K, LoadFigure>> {
  const keys = Object.keys(loads) as K[];
  const times = new Map<K, number[]>(keys.map((k) => [k, []]));
  const last = new Map<K, { items: number; traffic: Traffic }>();
  for (let round = 0; round <= runs; round += 1) {
    for (let i = 0; i < keys.length; i += 1) {
      const k = keys[(i + round) % keys.length] as K;
      gc();
      const start = now();
      const { value, exchanges } = await recorder.record(loads[k]);
      const ms = now() - start;
      if (round > 0) times.get(k)?.push(ms);
      last.set(k, { items: value, traffic: trafficOf(exchanges) });
    }
  }
  const out = {} as Record<K, LoadFigure>;
  for (const k of keys) {
    const l = last.get(k) as { items: number; traffic: Traffic };
    out[k] = { ms: median(times.get(k) ?? []), ...l.traffic, items: l.items };
  }
  return out;
}

/**
 * What the overview does with a loaded portfolio: keep the initiatives in the phases asked
 * for and sort by phase (in lifecycle order) and then title (Danish collation), with the
 * portfolio view's domain function.
 */
export function filterAndSort<T extends PortfolioRow>(
  all: readonly T[],
  phases: readonly Phase[],
): T[] {
  return portfolioRows(all, { ...EMPTY_FILTERS, phases: [...phases] }, DEFAULT_SORT);
}

export async function benchPortfolio(
  m365: LocalM365,
  recorder: FetchRecorder,
  options: PortfolioOptions,
): Promise<PortfolioFigures> {
  const seeded = await seed(m365, options.initiatives, recorder);
  const upn = m365.users[0] as string;
  const tokens = devTokenProvider(upn);
  const { repositories } = createSharePointAdapters(m365.sharepoint, tokens);

  let loaded: PortfolioRow[] = [];
  const adapterLoad = async () => {
    loaded = await repositories.initiatives.list({ fields: OVERVIEW_FIELDS });
    return loaded.length;
  };
  // One load first, to learn the URLs the adapter asks for.
  const { exchanges } = await recorder.record(adapterLoad);
  if (loaded.length !== options.initiatives) {
    throw new Error(`the adapter loaded ${loaded.length} of ${options.initiatives} initiatives`);
  }
  const pages = exchanges.filter((e) => e.method === "GET");
  const first = pages[0];
  if (!first) throw new Error("the adapter made no GET request");

  // The same PnPjs pipeline outside the repository: its pages alone, and `$select=*`.
  const site = createSp(m365.sharepoint, tokens);
  const mapper = new SpInitiativeRepository(site);
  const select = [...META_SELECT, ...initiativeMap.select];
  const expand = ["Author", "Editor", ...initiativeMap.expand];
  const listed = new URL(first.url).searchParams;
  const split = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
  const pnpPages = async (columns: string[], map: boolean, expanded = expand) => {
    const items = site
      .items("Initiatives")
      .select(...columns)
      .expand(...expanded)
      .top(PAGE_SIZE);
    let n = 0;
    for await (const page of items as AsyncIterable<Record<string, unknown>[]>) {
      if (map) for (const item of page) mapper.toEntity(item);
      n += page.length;
    }
    return n;
  };
  const columns = new URL(first.url);
  columns.search = "";
  columns.searchParams.set("$select", OVERVIEW_SELECT);
  columns.searchParams.set("$expand", "Area,Owner");
  columns.searchParams.set("$top", String(PAGE_SIZE));

  const figures = await measureLoads(recorder, options.runs, {
    adapter: adapterLoad,
    floor: () => rawFetch(pages),
    pnp: () => pnpPages(split(listed.get("$select")), false, split(listed.get("$expand"))),
    naive: () => pnpPages(["*", ...select.filter((c) => c.includes("/"))], true),
    overviewColumns: () => rawPaged(columns.href, first.headers),
  });

  // The mapping alone: the same selection's compiled mapper over the items of the pages the
  // adapter read (parsed once, outside the timing).
  const items: Record<string, unknown>[] = [];
  for (const e of pages) {
    const res = await recorder.raw(e.url, { method: e.method, headers: e.headers });
    items.push(...((await res.json()) as { value: Record<string, unknown>[] }).value);
  }
  const { map } = mapper.selectionFor(OVERVIEW_FIELDS);
  const mapTimes: number[] = [];
  for (let run = 0; run <= Math.max(5, options.runs); run += 1) {
    gc();
    const start = now();
    for (const item of items) map(item);
    if (run > 0) mapTimes.push(now() - start);
  }
  const mapping = { ms: median(mapTimes) };

  const wanted: Phase[] = PHASES.filter((_, i) => i % 2 === 0);
  let kept = 0;
  const sorts = await medianOf(Math.max(5, options.runs), 1, () => {
    kept = filterAndSort(loaded, wanted).length;
    return Promise.resolve();
  });

  return {
    initiatives: options.initiatives,
    seed: seeded,
    ...figures,
    mapping: { ms: mapping.ms, items: items.length },
    filterSort: { ms: sorts.ms, kept, of: loaded.length },
    ratio: figures.adapter.ms / figures.floor.ms,
  };
}
