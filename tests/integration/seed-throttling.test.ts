/**
 * The demo seed against a local Microsoft 365 that throttles 30 % of requests (429 with
 * Retry-After, as SharePoint Online and Graph do:
 * https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online,
 * https://learn.microsoft.com/graph/throttling), with the faults repeatable by seed, and one
 * whose writes are carried out but whose answers are lost on the way back: the seed finishes
 * and leaves exactly what an unthrottled run leaves (items per list, calendar events, channel
 * posts, mails), with nothing irregular.
 */
import type { RetryWait } from "../../src/adapters/retry-policy.js";
import type { Clock } from "../../src/domain/clock.js";
import type { FaultConfig } from "../../src/emulator/faults.js";
import { seedDemoData, type SeedSummary } from "../../src/seed/index.js";
import {
  copyOf,
  countsOf,
  demoIrregularities,
  type DemoSnapshot,
  demoSnapshot,
  instantRetry,
  provisionedTemplate,
  removeDir,
  seedAdaptersOn,
  serverClockFrom,
} from "../support/demo-seed.js";
import { startLocalM365 } from "../support/m365.js";

const NOW = new Date("2026-05-12T10:00:00Z");
const clock: Clock = { now: () => NOW };
const SLOW = 120_000;

let template: string;
let reference: DemoSnapshot;

interface SeedRun {
  summary: SeedSummary;
  snapshot: DemoSnapshot;
  irregular: unknown[];
  waits: RetryWait[];
  injected: number;
  lines: string[];
  repeated: string[];
}

/** The seed on a fresh copy of the provisioned site, with the faults given. */
async function seedRun(faults?: Partial<FaultConfig>): Promise<SeedRun> {
  const dir = copyOf(template);
  const m365 = await startLocalM365({ dataDir: dir, now: serverClockFrom(NOW), faults });
  try {
    const waits: RetryWait[] = [];
    const lines: string[] = [];
    const repeated: string[] = [];
    const summary = await seedDemoData(
      seedAdaptersOn(m365, instantRetry(waits)),
      clock,
      (l) => lines.push(l),
      { step: { sleep: () => Promise.resolve(), onRepeat: (label) => repeated.push(label) } },
    );
    const injected = m365.faults.injected;
    m365.faults.clear();
    return {
      summary,
      snapshot: demoSnapshot(m365.db),
      irregular: await demoIrregularities(m365, clock),
      waits,
      injected,
      lines,
      repeated,
    };
  } finally {
    await m365.close();
    removeDir(dir);
  }
}

beforeAll(async () => {
  template = await provisionedTemplate();
  const clean = await seedRun();
  expect(clean.irregular).toEqual([]);
  reference = clean.snapshot;
}, SLOW);

afterAll(() => removeDir(template));

test("an unthrottled run writes every list's demo items, the Teams meetings and no posts or mails", () => {
  const counts = countsOf(reference);
  expect(counts).toMatchObject({ Initiatives: 41, Meetings: 5, Ballots: 4, MinutesApprovals: 2 });
  expect(Object.keys(counts).length).toBeGreaterThan(20);
  // Three Teams meetings in the secretary's calendar, and the attendees' copies.
  expect(reference.events.length).toBeGreaterThanOrEqual(3);
  expect(reference.posts).toBe(0);
  expect(reference.mails).toBe(0);
});

test.each([3, 7])(
  "under throttle=0.3 (fault seed %d) the seed finishes, waiting as asked, and leaves what an unthrottled run leaves",
  async (seed) => {
    const run = await seedRun({ throttle: 0.3, retryAfter: 0, seed });
    expect(run.injected).toBeGreaterThan(20);
    expect(run.waits.length).toBeGreaterThan(0);
    expect(run.waits.every((w) => w.status === 429)).toBe(true);
    expect(run.summary).toMatchObject({ seeded: true, resumed: false });
    expect(run.snapshot).toEqual(reference);
    expect(run.irregular).toEqual([]);
  },
  SLOW,
);

test(
  "when writes are carried out but their answers are lost (and 30 % throttled), each step is read again and nothing is written twice",
  async () => {
    const real = globalThis.fetch;
    let writes = 0;
    const lost: string[] = [];
    // Every fifth write reaches the server and is carried out; its answer never arrives.
    globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
      const method = (
        init?.method ?? (input instanceof Request ? input.method : "GET")
      ).toUpperCase();
      const response = await real(input, init);
      if (method !== "GET" && response.ok && (writes += 1) % 5 === 0) {
        await response.arrayBuffer();
        lost.push(`${method} ${String(input instanceof Request ? input.url : input)}`);
        throw new TypeError("fetch failed");
      }
      return response;
    };
    let run: SeedRun;
    try {
      run = await seedRun({ throttle: 0.3, retryAfter: 0, seed: 11 });
    } finally {
      globalThis.fetch = real;
    }
    expect(lost.length).toBeGreaterThan(10);
    // Batches, single items and calendar events alike.
    expect(lost.some((l) => l.endsWith("/_api/$batch"))).toBe(true);
    // Steps were read again and completed (a step whose parallel writes lost several answers is
    // run again once; a calendar event the Graph adapter sends again itself, by transactionId).
    expect(run.repeated.length).toBeGreaterThan(0);
    expect(run.lines.some((l) => /prøves igen/.test(l))).toBe(true);
    expect(run.snapshot).toEqual(reference);
    expect(run.irregular).toEqual([]);
  },
  SLOW,
);
