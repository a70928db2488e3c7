/**
 * Figure 1: the local Microsoft 365 as a server. On a fresh instance (store on disk) with the
 * Initiatives list provisioned and a few hundred items in it, a client with a few requests in
 * flight measures:
 * - page reads/s: `GET .../items?$select=<the adapter's columns>&$expand=...&$top=100`;
 * - single-item reads/s: `GET .../items(<id>)` with the same `$select`;
 * - durable writes/s: `POST .../items` (one add, committed to SQLite with `synchronous=FULL`
 *   before the answer).
 * Compared with, in the same run and with the same client:
 * - reads: a bare `node:http` server answering the very same body (the HTTP floor);
 * - writes: bare better-sqlite3 in a temp dir with the store's own pragmas, one durable insert
 *   transaction at a time (the storage floor).
 */
import { join } from "node:path";

import Database from "better-sqlite3";

import { listSchemas } from "../../lists-schema/index.js";
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { initiativeAdapter, initiativeMap } from "../../src/adapters/sharepoint/maps.js";
import type { Ref } from "../../src/domain/common.js";
import { type AreaId, idOf } from "../../src/domain/ids.js";
import type { InitiativeDraft } from "../../src/domain/portfolio.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite } from "../../src/provisioning/index.js";
import { now, throughput } from "./measure.js";
import { type LocalM365, startBareServer, tempDir } from "./processes.js";

export interface ServerOptions {
  /** Items in the list before reading. */
  items: number;
  /** Requests in flight. */
  concurrency: number;
  /** Upper bound of requests and of time for each measurement. */
  maxRequests: number;
  budgetMs: number;
}

export interface Rate {
  perSecond: number;
  done: number;
  ms: number;
}

export interface ServerFigures {
  concurrency: number;
  pageSize: number;
  pageReads: Rate;
  pageReadsFloor: Rate;
  itemReads: Rate;
  itemReadsFloor: Rate;
  writes: Rate;
  writesFloor: Rate;
}

const PAGE = 100;

function draft(i: number, area: Ref<AreaId>): InitiativeDraft {
  return {
    title: `Bench-tiltag ${i}`,
    strategyGoal: null,
    summary: "Et tiltag til måling af den lokale server.",
    need: "Behovet beskrives her med et par sætninger, som et rigtigt forslag ville.",
    solution: "Løsningen beskrives her med et par sætninger, som et rigtigt forslag ville.",
    source: "Fagområdets behov",
    area,
    owner: null,
    projectLead: null,
    phase: "Idé",
    governance: null,
    standaloneGroupFrom: null,
    standaloneGroupTo: null,
    mandatory: false,
    legalDeadline: null,
    requires: [],
    excludes: [],
    externalRef: `B-${i}`,
    resourceNeeds: "",
    expectedBenefits: "",
    priority: null,
    priorityScore: null,
    latestStatus: null,
  };
}

async function drained(res: Response, what: string): Promise<void> {
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${Buffer.from(body).toString()}`);
}

export async function benchServer(m365: LocalM365, options: ServerOptions): Promise<ServerFigures> {
  const upn = m365.users[0] as string;
  const tokens = devTokenProvider(upn);
  await provisionSite({
    siteUrl: m365.sharepoint,
    tokenProvider: devAdminTokenProvider(upn),
    schemas: listSchemas.filter((s) => ["Areas", "StrategyGoals", "Initiatives"].includes(s.name)),
  });
  const { repositories } = createSharePointAdapters(m365.sharepoint, tokens);
  const area = await repositories.areas.add({
    title: "Økonomi og Styring",
    abbreviation: "ØS",
    head: null,
    representatives: [],
    active: true,
  });
  const ref = { id: area.id, title: area.title };
  const seeded = await repositories.initiatives.addMany(
    Array.from({ length: options.items }, (_, i) => draft(i, ref)),
  );
  const ids = seeded.flatMap((r) => (r.ok ? [r.value.id] : []));
  if (ids.length !== options.items) throw new Error("the server bench could not seed its items");

  const items = `${m365.sharepoint}/_api/web/getList('${new URL(m365.sharepoint).pathname}/Lists/Initiatives')/items`;
  const select = [
    "Id",
    "Created",
    "Modified",
    "Author/Id",
    "Author/Title",
    "Author/EMail",
    "Editor/Id",
    "Editor/Title",
    "Editor/EMail",
    ...initiativeMap.select,
  ].join(",");
  const expand = ["Author", "Editor", ...initiativeMap.expand].join(",");
  const query = `$select=${encodeURIComponent(select)}&$expand=${encodeURIComponent(expand)}`;
  const headers = { Authorization: `Bearer dev:${upn}`, Accept: "application/json" };
  const { concurrency, maxRequests, budgetMs } = options;

  const pageUrl = `${items}?${query}&$top=${PAGE}`;
  const itemUrl = (i: number) => `${items}(${ids[i % ids.length]})?${query}`;
  const pageReads = await throughput(maxRequests, concurrency, budgetMs, async () =>
    drained(await fetch(pageUrl, { headers }), "page read"),
  );
  const itemReads = await throughput(maxRequests, concurrency, budgetMs, async (i) =>
    drained(await fetch(itemUrl(i), { headers }), "item read"),
  );

  // The floor: the same bodies from a bare node:http server, same client, same concurrency.
  const pageRes = await fetch(pageUrl, { headers });
  const pageBody = Buffer.from(await pageRes.arrayBuffer());
  const itemRes = await fetch(itemUrl(0), { headers });
  const itemBody = Buffer.from(await itemRes.arrayBuffer());
  const type = pageRes.headers.get("content-type") ?? "application/json";
  const barePage = await startBareServer(pageBody, type);
  const bareItem = await startBareServer(itemBody, type);
  const pageReadsFloor = await throughput(maxRequests, concurrency, budgetMs, async () =>
    drained(await fetch(`${barePage.origin}/items?${query}`, { headers }), "bare page"),
  );
  const itemReadsFloor = await throughput(maxRequests, concurrency, budgetMs, async () =>
    drained(await fetch(`${bareItem.origin}/items(1)?${query}`, { headers }), "bare item"),
  );
  await barePage.stop();
  await bareItem.stop();

  // Durable writes: one add per request, as the adapter's `add` sends it.
  const writeHeaders = { ...headers, "Content-Type": "application/json" };
  const writes = await throughput(maxRequests, concurrency, budgetMs, async (i) => {
    const body = JSON.stringify(initiativeAdapter.write(draft(100_000 + i, ref)));
    await drained(await fetch(items, { method: "POST", headers: writeHeaders, body }), "add");
  });

  return {
    concurrency,
    pageSize: PAGE,
    pageReads,
    pageReadsFloor,
    itemReads,
    itemReadsFloor,
    writes,
    writesFloor: sqliteFloor(maxRequests, budgetMs),
  };
}

/** One durable insert transaction at a time into a bare SQLite file with the store's pragmas. */
function sqliteFloor(maxRequests: number, budgetMs: number): Rate {
  const db = new Database(join(tempDir("sqlite"), "floor.sqlite"));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, data TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO items (data) VALUES (?)");
    const add = db.transaction((data: string) => insert.run(data));
    const body = JSON.stringify(
      initiativeAdapter.write(draft(0, { id: idOf<AreaId>(1), title: "x" })),
    );
    const start = now();
    let done = 0;
    while (done < maxRequests && now() - start < budgetMs) {
      add(body);
      done += 1;
    }
    const ms = now() - start;
    return { done, ms, perSecond: (done * 1000) / ms };
  } finally {
    db.close();
  }
}
