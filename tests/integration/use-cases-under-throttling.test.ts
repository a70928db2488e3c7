/**
 * Use cases that write many items, run through the app's own adapters against the local
 * Microsoft 365 throttling 30 % of SharePoint and Graph requests (429 with Retry-After) with
 * 30 ms of latency on each: they finish, and every item exists exactly once. SharePoint Online
 * and Graph throttle this way
 * (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online,
 * https://learn.microsoft.com/graph/throttling); the adapters wait each one out within their
 * budget of waiting time. The faults are seeded; the waits are recorded instead of slept.
 */
import { readFileSync } from "node:fs";

import { createSpreadsheetFiles } from "../../src/adapters/files/index.js";
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { RetryWait } from "../../src/adapters/retry-policy.js";
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { suggestMapping } from "../../src/domain/import.js";
import type { PlanForm } from "../../src/domain/meeting-plan.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import {
  type ImportPorts,
  loadImportBasis,
  prepareImport,
  runImport,
} from "../../src/use-cases/import.js";
import { createPlannedMeetings, loadMeetingPlan } from "../../src/use-cases/meeting-plan.js";
import { anArea, aSetting } from "../support/builders.js";
import { accepted } from "../support/outcome.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 240_000;
const FIXTURE = new URL("../fixtures/import/kl-kombit-200.csv", import.meta.url);
const COMMITTEE_GROUP = "7c1d2e3f-0a1b-4c5d-8e9f-000000000001";

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
const waits: RetryWait[] = [];

/** The app's retry policy (two minutes of waiting per request), its waits recorded, not slept. */
const retry = {
  onRetry: (w: RetryWait) => waits.push(w),
  sleep: () => Promise.resolve(),
};

async function setFaults(config: object): Promise<void> {
  const r = await fetch(`${sp.m365.origin}/_admin/faults`, {
    method: "POST",
    body: JSON.stringify(config),
  });
  if (!r.ok) throw new Error(`Setting faults failed: ${r.status}`);
}

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary, { retry });
  for (const [title, abbreviation] of [
    ["Borger, Kultur og Velfærd", "BKV"],
    ["Økonomi og Stab", "ØS"],
    ["Social og Sundhed", "SOS"],
  ] as const) {
    await secretary.repositories.areas.add(anArea({ title, abbreviation }));
  }
  await secretary.repositories.settings.add(
    aSetting({ title: "Budgetår", key: "budget.years", value: "2026,2027,2028,2029" }),
  );
  await secretary.repositories.settings.add(
    aSetting({ key: SETTING_KEYS.committeeTeamId, value: COMMITTEE_GROUP }),
  );
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

beforeEach(async () => {
  waits.length = 0;
  await setFaults({ throttle: 0.3, latency: 30, retryAfter: 0, seed: 5 });
});

afterEach(async () => {
  await fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" });
});

test(
  "an import of 197 initiatives with their budget lines finishes under throttling, each row once",
  async () => {
    const bytes = readFileSync(FIXTURE);
    const table = await createSpreadsheetFiles().readTable(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      "kl-kombit-200.csv",
    );
    const ports: ImportPorts = { repositories: secretary.repositories, people: secretary.people };
    const basis = await loadImportBasis(ports.repositories);
    const preview = await prepareImport(ports, basis, table, suggestMapping(table.headers), {
      onExisting: "skip",
      defaultSource: "KL/KOMBIT",
      defaultArea: null,
    });
    expect(preview.counts.create).toBe(197);

    const summary = await runImport(ports.repositories, preview.rows);
    expect(summary).toMatchObject({ created: 197, failed: 0, stoppedBy: null });
    expect(sp.m365.faults.injected).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(0);

    await fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" });
    const initiatives = await secretary.repositories.initiatives.list();
    const refs = initiatives.map((i) => i.externalRef);
    expect(refs).toHaveLength(197);
    expect(new Set(refs).size).toBe(197);
    const lines = await secretary.repositories.budgetLines.list();
    const expected = preview.rows.reduce(
      (n, row) => n + (row.action.kind === "create" ? row.budgetLines.length : 0),
      0,
    );
    expect(lines).toHaveLength(expected);
  },
  SLOW,
);

test(
  "a year of meetings (list items and Teams meetings) is planned under throttling, each once",
  async () => {
    const graph = createGraphAdapters({
      baseUrl: sp.m365.graph,
      tokens: devTokenProvider(sp.users.secretary),
      retry,
    });
    const ports = {
      ...secretary,
      calendar: graph.calendar,
      directory: graph.directory,
      clock: { now: () => new Date("2026-06-01T08:00:00Z") },
    };
    const form: PlanForm = {
      pattern: { kind: "interval", firstDate: "2027-01-05", everyMonths: 1, count: 12 },
      startTime: "09:00",
      durationMinutes: 120,
      location: "Rådhuset, mødelokale 2",
      kind: "Ordinært møde",
    };
    const result = await accepted(
      createPlannedMeetings(ports, form, {
        link: (route: string) => `https://tab.example/app${route}`,
      }),
    );
    expect(result.notCreated).toEqual([]);
    expect(result.created.map((o) => o.calendarError)).toEqual(
      Array<null>(result.created.length).fill(null),
    );
    expect(result.created.length).toBeGreaterThanOrEqual(10);
    expect(new Set(waits.map((w) => w.status))).toContain(429);

    await fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" });
    const page = await loadMeetingPlan(ports, 2027);
    expect(page.meetings).toHaveLength(result.created.length);
    const events = await graph.calendar.listBetween("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
    expect(events).toHaveLength(result.created.length);
    expect(events.map((e) => e.id).sort()).toEqual(page.meetings.map((m) => m.graphEventId).sort());
  },
  SLOW,
);
