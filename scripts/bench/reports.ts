/**
 * The Direktørforum report of a portfolio of ongoing initiatives (default 500), each with its
 * recorded path to Gennemførelse (a decision and five phase-change records), a published status
 * report, two budget lines, a cash benefit and a measurement, all written by the secretary
 * through the real adapter's `addMany` on a provisioned site of the local Microsoft 365.
 *
 * - Build: `previewPortfolioReport` of src/use-cases/reports.ts through the SharePoint adapters,
 *   as Rapporter calls it: every list read (paged), the roster, the trust checks (gate replay,
 *   budget lines, status reports, measurements) and the report built by the domain.
 * - Floor: a raw `fetch` of exactly the URLs the build requested, with its headers, bodies
 *   parsed as JSON, nothing else.
 * - Domain: `buildPortfolioReport` alone over the same facts (no network).
 */
import { listSchemas } from "../../lists-schema/index.js";
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { DecisionId } from "../../src/domain/ids.js";
import { DECISION_PHASES, pathFromIdea } from "../../src/domain/lifecycle.js";
import { buildPortfolioReport } from "../../src/domain/reports.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite } from "../../src/provisioning/index.js";
import { loadPortfolioCheck } from "../../src/use-cases/portfolio-audit.js";
import { previewPortfolioReport } from "../../src/use-cases/reports.js";
import { type Exchange, type FetchRecorder, median, now, trafficOf } from "./measure.js";
import type { LoadFigure } from "./portfolio.js";
import type { LocalM365 } from "./processes.js";

export interface ReportOptions {
  initiatives: number;
  runs: number;
}

export interface ReportFigures {
  initiatives: number;
  seed: { ms: number; items: number; failed: number };
  build: LoadFigure;
  floor: LoadFigure;
  domain: { ms: number };
  rows: number;
}

function failedOf(results: readonly { ok: boolean }[]): number {
  return results.filter((r) => !r.ok).length;
}

async function inChunks<T, R extends { ok: boolean }>(
  items: readonly T[],
  size: number,
  write: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let k = 0; k < items.length; k += size) out.push(...(await write(items.slice(k, k + size))));
  return out;
}

/** Provisions the site and writes the portfolio as the secretary. */
async function seed(m365: LocalM365, count: number): Promise<ReportFigures["seed"]> {
  const [owner, , secretaryUpn] = m365.users as [string, string, string];
  await provisionSite({
    siteUrl: m365.sharepoint,
    tokenProvider: devAdminTokenProvider(owner),
    schemas: listSchemas,
    log: () => undefined,
  });
  const { repositories: r, people } = createSharePointAdapters(
    m365.sharepoint,
    devTokenProvider(secretaryUpn),
  );
  const secretary = await people.ensure(secretaryUpn);
  const start = performance.now();
  const area = await r.areas.add({
    title: "Borger, Kultur og Velfærd",
    abbreviation: "BKV",
    head: null,
    representatives: [],
    active: true,
  });
  let failed = 0;
  const initiatives = await inChunks(
    Array.from({ length: count }, (_, i) => ({
      title: `Igangværende tiltag ${i + 1}`,
      strategyGoal: null,
      summary: "",
      need: "",
      solution: "",
      source: "Fagområdets behov" as const,
      area: { id: area.id, title: area.title },
      owner: secretary,
      projectLead: null,
      phase: "Gennemførelse" as const,
      governance: "Styregruppe" as const,
      standaloneGroupFrom: null,
      standaloneGroupTo: null,
      mandatory: false,
      legalDeadline: null,
      requires: [],
      excludes: [],
      externalRef: "",
      resourceNeeds: "",
      expectedBenefits: "",
      priority: null,
      priorityScore: null,
      latestStatus: null,
    })),
    500,
    (c) => r.initiatives.addMany(c),
  );
  failed += failedOf(initiatives);
  const refs = initiatives.flatMap((p) => (p.ok ? [{ id: p.value.id, title: p.value.title }] : []));
  const decisions = await inChunks(
    refs.map((ref) => ({
      title: `Beslutning om ${ref.title}`,
      meeting: null,
      agendaItem: null,
      initiative: ref,
      text: "Prioriteret af styregruppen.",
      carriedTo: [],
      decidedAt: "2026-01-10T10:00:00Z",
    })),
    500,
    (c) => r.decisions.addMany(c),
  );
  failed += failedOf(decisions);
  const decisionOf = new Map<number, { id: DecisionId; title: string }>();
  for (const d of decisions) {
    if (d.ok && d.value.initiative) {
      decisionOf.set(d.value.initiative.id, { id: d.value.id, title: d.value.title });
    }
  }
  const path = pathFromIdea("Gennemførelse");
  // In order, initiative by initiative: the server's order of creation is the records' order.
  const records = refs.flatMap((ref) =>
    path.map((step) => ({
      title: `${step.from} → ${step.to}`,
      initiative: ref,
      fromPhase: step.from,
      toPhase: step.to,
      changedAt: "2026-01-15T10:00:00Z",
      decision: DECISION_PHASES.includes(step.to) ? (decisionOf.get(ref.id) ?? null) : null,
      reason: "Registreret til målingen.",
    })),
  );
  failed += failedOf(await inChunks(records, 500, (c) => r.phaseChanges.addMany(c)));
  const lines = refs.flatMap((ref, i) => [
    {
      title: "Anlæg",
      initiative: ref,
      year: 2026,
      kind: "Anlæg" as const,
      amount: 100_000 * (1 + (i % 30)),
    },
    { title: "Drift", initiative: ref, year: 2027, kind: "Drift" as const, amount: 50_000 },
  ]);
  failed += failedOf(await inChunks(lines, 500, (c) => r.budgetLines.addMany(c)));
  const rag = (i: number) => (["Grøn", "Gul", "Rød"] as const)[i % 3]!;
  const reports = refs.map((ref, i) => ({
    title: "Status 4. kvartal",
    initiative: ref,
    period: "2026-Q4",
    reportKey: `${ref.id}:2026-Q4`,
    overall: rag(i),
    overallText: "Forløber som planlagt, med en enkelt forsinkelse hos leverandøren.",
    scope: { rag: rag(i), text: "" },
    time: { rag: rag(i + 1), text: "" },
    cost: { rag: rag(i + 2), text: "" },
    benefits: { rag: rag(i), text: "" },
    state: "Publiceret" as const,
    publishedAt: "2026-11-20T10:00:00Z",
    snapshot: {},
  }));
  failed += failedOf(await inChunks(reports, 500, (c) => r.statusReports.addMany(c)));
  const benefits = await inChunks(
    refs.map((ref) => ({
      title: "Sparede timer",
      initiative: ref,
      kind: "Økonomisk" as const,
      isCash: true,
      isDisbenefit: false,
      indicator: "Kroner sparet om året",
      unit: "kr.",
      direction: "Højere er bedre" as const,
      baseline: 0,
      baselineDate: "2026-01-01T00:00:00Z",
      targetPessimistic: 100_000,
      targetExpected: 200_000,
      targetOptimistic: 300_000,
      targetDate: "2027-12-31T00:00:00Z",
      owner: secretary,
      measurementPlan: "",
      measurementIntervalMonths: null,
      firstMeasurementDate: null,
      nextMeasurementDue: null,
      modelVersion: null,
      state: "Under realisering" as const,
    })),
    500,
    (c) => r.benefits.addMany(c),
  );
  failed += failedOf(benefits);
  const measurements = benefits.flatMap((b) =>
    b.ok
      ? [
          {
            title: "Måling",
            benefit: { id: b.value.id, title: b.value.title },
            measuredAt: "2026-10-01T00:00:00Z",
            value: 80_000,
            milestone: null,
            comment: "",
          },
        ]
      : [],
  );
  failed += failedOf(await inChunks(measurements, 500, (c) => r.benefitMeasurements.addMany(c)));
  const items =
    refs.length * 2 +
    records.length +
    lines.length +
    reports.length +
    benefits.length +
    measurements.length;
  return { ms: performance.now() - start, items, failed };
}

/** Replays `exchanges` (GETs) with the plain global fetch and parses each body as JSON. */
async function rawFetch(exchanges: readonly Exchange[]): Promise<number> {
  let items = 0;
  await Promise.all(
    exchanges
      .filter((e) => e.method === "GET")
      .map(async (e) => {
        const res = await fetch(e.url, { method: e.method, headers: e.headers });
        if (!res.ok) throw new Error(`raw fetch ${e.url}: ${res.status}`);
        const body = (await res.json()) as { value?: unknown[] };
        items += body.value?.length ?? 0;
      }),
  );
  return items;
}

export async function benchReports(
  m365: LocalM365,
  recorder: FetchRecorder,
  options: ReportOptions,
): Promise<ReportFigures> {
  const seeded = await seed(m365, options.initiatives);
  const secretaryUpn = m365.users[2] as string;
  const adapters = createSharePointAdapters(m365.sharepoint, devTokenProvider(secretaryUpn));
  const ports = {
    ...adapters,
    clock: { now: () => new Date("2026-12-08T10:00:00Z") },
  };
  const buildTimes: number[] = [];
  const floorTimes: number[] = [];
  let last: { exchanges: Exchange[]; rows: number } = { exchanges: [], rows: 0 };
  let floorItems = 0;
  for (let round = 0; round <= options.runs; round += 1) {
    const start = now();
    const { value, exchanges } = await recorder.record(() => previewPortfolioReport(ports));
    const ms = now() - start;
    if (!value.ok) throw new Error(`the report was refused: ${value.error.code}`);
    last = { exchanges, rows: value.value.initiatives.length };
    const floorStart = now();
    floorItems = await rawFetch(exchanges);
    const floorMs = now() - floorStart;
    if (round > 0) {
      buildTimes.push(ms);
      floorTimes.push(floorMs);
    }
  }
  // The domain alone, over the facts the build read (checked as the use-case checks them).
  const r = adapters.repositories;
  const [check, initiatives, frames, benefits, decisions] = await Promise.all([
    loadPortfolioCheck(ports),
    r.initiatives.list({ fields: ["title", "phase", "created"] }),
    r.budgetFrames.list(),
    r.benefits.list(),
    r.decisions.list(),
  ]);
  const domainStart = now();
  buildPortfolioReport({
    initiatives: initiatives.map((i) => ({
      id: i.id,
      title: i.title,
      phase: check.gates.get(i.id)?.valid.phase ?? i.phase,
      created: i.created,
    })),
    phaseRecords: [...check.gates.values()].flatMap((g) => g.records),
    statusReports: check.statusReports,
    budgetLines: check.budgetLines,
    frames,
    benefits,
    measurements: check.benefitMeasurements,
    decisions,
    since: null,
    largerThreshold: 5_000_000,
    now: new Date("2026-12-08T10:00:00Z"),
  });
  const domainMs = now() - domainStart;
  const traffic = trafficOf(last.exchanges);
  return {
    initiatives: options.initiatives,
    seed: seeded,
    build: { ms: median(buildTimes), ...traffic, items: last.rows },
    floor: { ms: median(floorTimes), ...traffic, items: floorItems },
    domain: { ms: domainMs },
    rows: last.rows,
  };
}
