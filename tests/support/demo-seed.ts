/**
 * For the demo seed's tests: the seed's adapters on a local Microsoft 365 (as `npm start` builds
 * them), a provisioned site kept as a data directory that each run starts from a copy of (so
 * provisioning runs once per test file), what the demo data left on a server (items per list
 * by title, calendar events, channel posts, mails), and every irregularity the committee's
 * pages would show on it.
 */
import { accessSync, constants, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type Database from "better-sqlite3";

import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { RetryPolicyOptions, RetryWait } from "../../src/adapters/retry-policy.js";
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Clock } from "../../src/domain/clock.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite } from "../../src/provisioning/index.js";
import type { SeedAdapters } from "../../src/seed/index.js";
import { PEOPLE } from "../../src/seed/people.js";
import { minutesIrregularities } from "../../src/use-cases/minutes.js";
import { loadPortfolioCheck } from "../../src/use-cases/portfolio-audit.js";
import { prioritizationIrregularities } from "../../src/use-cases/prioritization-irregularities.js";
import { type M365, startLocalM365 } from "./m365.js";

/**
 * A server clock that starts at `start` and runs on with real time, so that what the server
 * stamps (Created, Modified) agrees with a seed run under a fixed Clock at `start`: ballots fall
 * inside the round's window, and records keep their order.
 */
export function serverClockFrom(start: Date): () => Date {
  const t0 = Date.now();
  return () => new Date(start.getTime() + (Date.now() - t0));
}

/**
 * The real retry logic with the waits recorded instead of slept (the jitter at its middle), and
 * a budget of a minute of (recorded) waiting per request.
 */
export function instantRetry(waits: RetryWait[] = []): RetryPolicyOptions {
  return {
    budgetMs: 60_000,
    random: () => 0.5,
    sleep: () => Promise.resolve(),
    onRetry: (w) => waits.push(w),
  };
}

/** The app's own adapters as each demo user, as `npm start` builds them for the seed. */
export function seedAdaptersOn(
  m365: Pick<M365, "sharepoint" | "graph">,
  retry: RetryPolicyOptions = instantRetry(),
): SeedAdapters {
  return {
    as: (upn) => ({
      ...createSharePointAdapters(m365.sharepoint, devTokenProvider(upn), { retry }),
      calendar: createGraphAdapters({ baseUrl: m365.graph, tokens: devTokenProvider(upn), retry })
        .calendar,
    }),
  };
}

/**
 * A new empty directory for a server's data (remove it with `removeDir`): in memory-backed
 * `/dev/shm` where there is one, since what these tests need of the store is that a write
 * acknowledged before a process is killed is there after (the page cache survives a killed
 * process; a flush to disk is for power loss), and every commit's flush would dominate their time.
 */
export function tempDataDir(prefix = "digistyr-seed-"): string {
  const shm = "/dev/shm";
  let base = tmpdir();
  try {
    accessSync(shm, constants.W_OK);
    base = shm;
  } catch {
    // No /dev/shm (not Linux): the system's temporary directory.
  }
  return mkdtempSync(join(base, prefix));
}

/**
 * A provisioned site (no data) in a data directory of its own, made once; `copyOf` gives each
 * run its own copy. The server is closed, so the SQLite files are complete.
 */
export async function provisionedTemplate(): Promise<string> {
  const dir = tempDataDir("digistyr-seed-template-");
  const m365 = await startLocalM365({ dataDir: dir });
  try {
    await provisionSite({
      siteUrl: m365.sharepoint,
      tokenProvider: devAdminTokenProvider(m365.users[0]!),
      log: () => undefined,
    });
  } finally {
    await m365.close();
  }
  return dir;
}

/** A copy of a (closed) server's data directory. */
export function copyOf(dir: string): string {
  const copy = tempDataDir();
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/**
 * What the demo data left on a server, in a form two servers compare by: every list's item
 * titles (sorted, so a doubled or missing item shows), every calendar's events by subject, the
 * notices attendees received, channel posts and mails sent. Read from the server's own store,
 * which sees every item whoever may read it.
 */
export interface DemoSnapshot {
  lists: Record<string, string[]>;
  events: string[];
  notices: number;
  posts: number;
  mails: number;
}

export function demoSnapshot(db: Database.Database): DemoSnapshot {
  const rows = db
    .prepare(
      `SELECT l.url_name AS list, json_extract(i.data, '$.Title') AS title
         FROM sp_items i JOIN sp_lists l ON l.id = i.list_id`,
    )
    .all() as { list: string; title: string | null }[];
  const lists: Record<string, string[]> = {};
  for (const r of rows) (lists[r.list] ??= []).push(r.title ?? "");
  for (const titles of Object.values(lists)) titles.sort();
  const events = (
    db
      .prepare(`SELECT calendar, json_extract(data, '$.subject') AS subject FROM graph_events`)
      .all() as { calendar: string; subject: string }[]
  )
    .map((e) => `${e.calendar} ${e.subject}`)
    .sort();
  const count = (table: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    lists,
    events,
    notices: count("graph_event_notices"),
    posts: count("graph_channel_messages"),
    mails: count("graph_outbox"),
  };
}

/** Items per list, from a snapshot. */
export function countsOf(s: DemoSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(s.lists).map(([list, titles]) => [list, titles.length]));
}

/**
 * Everything the chair and the secretary would be shown as irregular on the site: the
 * portfolio's gates and writers, the minutes' approvals, and prioritization's ballots, rounds
 * and comparisons. Fresh demo data has none.
 */
export async function demoIrregularities(
  m365: Pick<M365, "sharepoint">,
  clock: Clock,
): Promise<unknown[]> {
  const secretary = createSharePointAdapters(m365.sharepoint, devTokenProvider(PEOPLE.secretary));
  const [portfolio, minutes, prioritization] = await Promise.all([
    loadPortfolioCheck({ ...secretary, clock }),
    minutesIrregularities(secretary),
    prioritizationIrregularities(secretary),
  ]);
  return [...portfolio.irregular, ...minutes, ...prioritization];
}

/** Removes a data directory. */
export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
