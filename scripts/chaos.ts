/**
 * `npm run chaos [-- --seed <n|random>] [--faults "throttle=0.3"]`: the secretary's quarterly
 * cycle (scripts/chaos-cycle.ts) through the app's own use-cases against the local Microsoft 365
 * run as a child process with throttling, killed with SIGKILL once at a random moment and
 * started again on the same data; the interrupted step is then retried as a person would. At the
 * end it counts what exists (items per list, calendar events, channel posts, mails in the
 * outbox) against a reference run of the same cycle without faults or crash.
 *
 * Its last line: `chaos: <n> steps, lost 0, duplicated 0, <seconds> s`, or the counts that differ.
 * Exit 0 only when nothing is lost or duplicated. The seed (default 1) fixes where the crash
 * lands and which requests are throttled; `--seed random` picks one and prints it.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import Database from "better-sqlite3";

import { createGraphAdapters } from "../src/adapters/graph/index.js";
import { type RetryPolicyOptions, SCRIPT_BUDGET_MS } from "../src/adapters/retry-policy.js";
import { createSharePointAdapters } from "../src/adapters/sharepoint/index.js";
import { devAdminTokenProvider, devTokenProvider } from "../src/host/dev-token.js";
import { provisionSite } from "../src/provisioning/index.js";
import { type SeedAdapters, seedDemoData } from "../src/seed/index.js";
import { cycleSteps, type Step } from "./chaos-cycle.js";
import { ChildM365, freePort } from "./chaos-server.js";

/** The demo data's dates are counted from this moment in every run. */
const DEMO_FROM = new Date("2026-05-12T10:00:00Z");
/** How often a step is tried before the run gives up on it. */
const ATTEMPTS = 5;

/** A small deterministic generator (mulberry32), so a seed gives the same crash. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Counts = Record<string, number>;

/** What exists on the server: items per list, and Graph's events, channel posts and mails. */
function countsIn(dataDir: string): Counts {
  const db = new Database(join(dataDir, "m365.sqlite"), { readonly: true });
  try {
    const counts: Counts = {};
    const lists = db
      .prepare(
        "SELECT l.title AS title, COUNT(i.id) AS n FROM sp_lists l LEFT JOIN sp_items i ON i.list_id = l.id GROUP BY l.title",
      )
      .all() as { title: string; n: number }[];
    for (const l of lists) counts[`liste ${l.title}`] = l.n;
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    counts["kalenderbegivenheder"] = n("SELECT COUNT(*) AS n FROM graph_events");
    counts["kanalindlæg"] = n("SELECT COUNT(*) AS n FROM graph_channel_messages");
    counts["mails i udbakken"] = n("SELECT COUNT(*) AS n FROM graph_outbox");
    return counts;
  } finally {
    db.close();
  }
}

/** Provisions the site and writes the demo data, without faults: the cycle's starting point. */
async function prepareBase(dir: string): Promise<void> {
  const server = new ChildM365(await freePort(), dir, "");
  const urls = await server.start();
  try {
    const owner = urls.users[0];
    if (!owner) throw new Error("The local Microsoft 365 has no users");
    await provisionSite({ siteUrl: urls.sharepoint, tokenProvider: devAdminTokenProvider(owner) });
    const adapters: SeedAdapters = {
      as: (upn) => ({
        ...createSharePointAdapters(urls.sharepoint, devTokenProvider(upn)),
        calendar: createGraphAdapters({ baseUrl: urls.graph, tokens: devTokenProvider(upn) })
          .calendar,
      }),
    };
    await seedDemoData(adapters, { now: () => DEMO_FROM }, () => undefined);
  } finally {
    await server.stop();
  }
}

interface RunResult {
  counts: Counts;
  /** The writes (requests that are not reads) each step sent. */
  writes: number[];
  retried: string[];
  killedIn: string | null;
}

/**
 * Runs the cycle on a copy of the base. With `crash`, the server is killed with SIGKILL as the
 * crash's write (its n-th request that is not a read) of its step is sent, so it dies with that
 * write in flight, and started again at once; the step that failed is tried again.
 */
async function runCycle(
  base: string,
  faults: string,
  crash: { step: number; request: number } | null,
  log: (line: string) => void,
): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), "digistyr-chaos-"));
  cpSync(base, dir, { recursive: true });
  const server = new ChildM365(await freePort(), dir, faults);
  const retried: string[] = [];
  const writes: number[] = [];
  let current = 0;
  let killedIn: string | null = null;
  const realFetch = globalThis.fetch;
  try {
    const urls = await server.start();
    const retry: RetryPolicyOptions = { budgetMs: SCRIPT_BUDGET_MS };
    const steps: Step[] = cycleSteps(urls, retry);
    let armed: { remaining: number; step: Step } | null = null;
    // Set from the fetch wrapper; an object, so the loop below reads what the wrapper wrote.
    const crashState: { restarting: Promise<unknown> | null } = { restarting: null };
    globalThis.fetch = (input, init) => {
      const sent = realFetch(input, init);
      // Only writes count: a read in flight is simply sent again, a write is what can be lost
      // or doubled.
      const method = (
        init?.method ?? (input instanceof Request ? input.method : "GET")
      ).toUpperCase();
      if (method === "GET" || method === "HEAD") return sent;
      writes[current] = (writes[current] ?? 0) + 1;
      if (armed && --armed.remaining === 0) {
        killedIn = armed.step.name;
        armed = null;
        crashState.restarting = server.kill().then(() => server.start());
      }
      return sent;
    };
    for (const [index, step] of steps.entries()) {
      current = index;
      writes[index] = 0;
      if (crash && crash.step === index) armed = { remaining: crash.request, step };
      for (let attempt = 1; ; attempt++) {
        try {
          await step.run();
          break;
        } catch (e) {
          if (crashState.restarting) await crashState.restarting;
          if (attempt >= ATTEMPTS) throw e;
          retried.push(step.name);
          log(`  ${step.name}: ${e instanceof Error ? e.message : String(e)}; prøver igen`);
        }
      }
      // A crash armed for a request the step never made lands in the next step instead.
      if (armed) armed.step = steps[index + 1] ?? step;
      if (crashState.restarting) await crashState.restarting;
      log(`  ${step.name}: færdig`);
    }
    globalThis.fetch = realFetch;
    await server.stop();
    return { counts: countsIn(dir), writes, retried, killedIn };
  } finally {
    globalThis.fetch = realFetch;
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lost and duplicated per count: what the reference has that the chaos run lacks, and more. */
export function compareCounts(reference: Counts, actual: Counts) {
  const lost: string[] = [];
  const duplicated: string[] = [];
  let lostN = 0;
  let duplicatedN = 0;
  for (const key of new Set([...Object.keys(reference), ...Object.keys(actual)])) {
    const d = (actual[key] ?? 0) - (reference[key] ?? 0);
    if (d < 0) {
      lostN -= d;
      lost.push(`${key} ${-d}`);
    } else if (d > 0) {
      duplicatedN += d;
      duplicated.push(`${key} ${d}`);
    }
  }
  return { lostN, duplicatedN, lost, duplicated };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: "string", default: "1" },
      faults: { type: "string", default: "throttle=0.3" },
    },
  });
  const seed = values.seed === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) {
    console.error(`--seed skal være et heltal eller "random", ikke "${values.seed}".`);
    return 2;
  }
  const started = Date.now();
  const random = rng(seed);
  const faults = `${values.faults},retryAfter=0,seed=${seed}`;
  console.log(`chaos: frø ${seed}, fejl "${faults}"`);

  const base = mkdtempSync(join(tmpdir(), "digistyr-chaos-base-"));
  try {
    console.log("Forbereder site og demodata …");
    await prepareBase(base);
    console.log("Referencekørsel uden fejl …");
    const reference = await runCycle(base, "", null, console.log);
    const stepCount = reference.writes.length;
    // A step that writes, and one of its writes as the reference run made them, so the crash
    // always lands on a write in flight (retries under throttling send some again: the same
    // write then counts once more, which only moves the crash earlier).
    const writing = reference.writes.flatMap((n, step) => (n > 0 ? [step] : []));
    const step = writing[Math.floor(random() * writing.length)] ?? 0;
    const crash = { step, request: 1 + Math.floor(random() * (reference.writes[step] ?? 1)) };
    console.log(
      `Kørsel med fejl; serveren dræbes i trin ${crash.step + 1}, skrivning nr. ${crash.request} …`,
    );
    const chaos = await runCycle(base, faults, crash, console.log);
    const { lostN, duplicatedN, lost, duplicated } = compareCounts(reference.counts, chaos.counts);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Serveren blev dræbt i "${chaos.killedIn ?? "intet trin"}"; trin prøvet igen: ${chaos.retried.join(", ") || "ingen"}.`,
    );
    if (chaos.killedIn === null) {
      console.log(`chaos: ${stepCount} steps, the server was never killed, ${seconds} s`);
      return 1;
    }
    const details = [
      lost.length > 0 ? `lost: ${lost.join(", ")}` : "",
      duplicated.length > 0 ? `duplicated: ${duplicated.join(", ")}` : "",
    ].filter((s) => s !== "");
    console.log(
      `chaos: ${stepCount} steps, lost ${lostN}, duplicated ${duplicatedN}, ${seconds} s${details.length > 0 ? ` (${details.join("; ")})` : ""}`,
    );
    return lostN === 0 && duplicatedN === 0 ? 0 : 1;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

process.exitCode = await main();
