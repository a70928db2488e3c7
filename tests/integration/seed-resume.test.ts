/**
 * The demo seed killed with kill -9 part-way, again and again, by `npm run seed` in a child
 * process against a running local Microsoft 365, and then run to the end: what it leaves is
 * exactly what one uninterrupted run leaves (the same items per list, no duplicates, the same
 * calendar events), with nothing irregular; a run after that writes nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

import type { Clock } from "../../src/domain/clock.js";
import type { M365 } from "../../src/emulator/server.js";
import { DEMO_SEED_KEY, seedDemoData } from "../../src/seed/index.js";
import {
  copyOf,
  demoIrregularities,
  type DemoSnapshot,
  demoSnapshot,
  provisionedTemplate,
  removeDir,
  seedAdaptersOn,
  serverClockFrom,
} from "../support/demo-seed.js";
import { startLocalM365 } from "../support/m365.js";

const NOW = new Date("2026-05-12T10:00:00Z");
const clock: Clock = { now: () => NOW };
const ROOT = join(import.meta.dirname, "..", "..");
const SLOW = 120_000;

let template: string;
let reference: DemoSnapshot;
/** What one uninterrupted run writes: items in all lists, and calendar events. */
let total: number;

/** Items and calendar events on the server: what the seed's progress is measured by. */
function written(m365: M365): number {
  const n = (sql: string) => (m365.db.prepare(sql).get() as { n: number }).n;
  return n("SELECT COUNT(*) AS n FROM sp_items") + n("SELECT COUNT(*) AS n FROM graph_events");
}

function sizeOf(s: DemoSnapshot): number {
  return Object.values(s.lists).reduce((a, t) => a + t.length, 0) + s.events.length;
}

interface ChildRun {
  /** The signal that ended it (SIGKILL when killed), or null when it exited. */
  signal: NodeJS.Signals | null;
  code: number | null;
  out: string;
  /** What was on the server when it was killed. */
  at?: number;
}

/** Resolves once the server's writes have stopped (what a killed run had in flight is done). */
async function settled(m365: M365): Promise<number> {
  let last = -1;
  for (;;) {
    const n = written(m365);
    if (n === last) return n;
    last = n;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `npm run seed` (one node process: tsx as a loader, so the kill reaches the seed itself)
 * against the server; killed with SIGKILL as soon as the server holds `killAt` items and events
 * (or one more than when it started).
 */
async function seedChild(m365: M365, killAt?: number): Promise<ChildRun> {
  // At least one write of its own: the run has begun (and said whether it resumes).
  const threshold = killAt === undefined ? undefined : Math.max(killAt, (await settled(m365)) + 1);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "scripts", "seed.ts"),
      "--site",
      m365.sharepoint,
      "--graph",
      m365.graph,
      "--from",
      NOW.toISOString(),
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  let at: number | undefined;
  const watch =
    threshold === undefined
      ? undefined
      : setInterval(() => {
          const n = written(m365);
          if (at === undefined && n >= threshold) {
            at = n;
            child.kill("SIGKILL");
          }
        }, 1);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal, out, at });
    });
  });
}

beforeAll(async () => {
  template = await provisionedTemplate();
  const dir = copyOf(template);
  const m365 = await startLocalM365({ dataDir: dir, now: serverClockFrom(NOW) });
  try {
    const before = written(m365);
    await seedDemoData(seedAdaptersOn(m365), clock, () => undefined);
    reference = demoSnapshot(m365.db);
    total = written(m365) - before;
    expect(sizeOf(reference)).toBe(written(m365));
  } finally {
    await m365.close();
    removeDir(dir);
  }
}, SLOW);

afterAll(() => removeDir(template));

test(
  "killed with kill -9 at the first write, a third, two thirds and nearly all of the way, the next run completes it: the same items per list as one uninterrupted run, nothing irregular",
  async () => {
    const dir = copyOf(template);
    const m365 = await startLocalM365({ dataDir: dir, now: serverClockFrom(NOW) });
    try {
      const base = written(m365);
      const points = [1, Math.round(total / 3), Math.round((2 * total) / 3), total - 2];
      const kills: ChildRun[] = [];
      for (const p of points) kills.push(await seedChild(m365, base + p));
      for (const [k, run] of kills.entries()) {
        expect({ k, signal: run.signal }).toEqual({ k, signal: "SIGKILL" });
        expect(run.at).toBeLessThan(base + total);
      }
      // Each run after the first took up what the one before had left.
      expect(kills.slice(1).every((r) => /Fortsætter demo-data/.test(r.out))).toBe(true);

      const last = await seedChild(m365);
      expect(last).toMatchObject({ code: 0, signal: null });
      expect(last.out).toMatch(/genoptaget/);
      expect(demoSnapshot(m365.db)).toEqual(reference);
      expect(await demoIrregularities(m365, clock)).toEqual([]);

      const marker = m365.db
        .prepare(
          `SELECT json_extract(i.data, '$.Value') AS value FROM sp_items i
             JOIN sp_lists l ON l.id = i.list_id
            WHERE l.url_name = 'Settings' AND json_extract(i.data, '$.SettingKey') = ?`,
        )
        .all(DEMO_SEED_KEY) as { value: string }[];
      expect(marker.map((m) => JSON.parse(m.value) as unknown)).toEqual([
        { from: NOW.toISOString().replace(".000", ""), complete: true },
      ]);

      const after = await seedChild(m365);
      expect(after).toMatchObject({ code: 0, signal: null });
      expect(after.out).toMatch(/allerede lagt ind/);
      expect(demoSnapshot(m365.db)).toEqual(reference);
    } finally {
      await m365.close();
      removeDir(dir);
    }
  },
  SLOW,
);
