/**
 * Ressourcer's capacity heatmap at size: 50 people, 30 competences, 36 months. The data (the
 * register and its allocations, 50 × 36 × 2) is seeded on a fresh local server and fetched
 * through the tab's adapters (the fetch time). The heatmap is then rendered in Debian's
 * Chromium (playwright-core) from that data, each allocation's competence spread over 30 (the
 * list's choice column holds the vocabulary's 10; the grid shown is 30 × 36 cells), and timed
 * in the page: the grid computed (domain), React committed and the layout done. Medians.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

import { build } from "esbuild";
import { chromium } from "playwright-core";

import { listSchemas } from "../../lists-schema/index.js";
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Ref } from "../../src/domain/common.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import type { AllocationDraft } from "../../src/domain/resources.js";
import type { LoadInput } from "../../src/domain/resources-capacity.js";
import { monthRange, monthStart } from "../../src/domain/resources-capacity.js";
import { COMPETENCES } from "../../src/domain/vocabulary.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite } from "../../src/provisioning/index.js";
import { median, medianOf } from "./measure.js";
import type { LocalM365 } from "./processes.js";

const CHROMIUM = "/usr/bin/chromium";
const LISTS = new Set([
  "Areas",
  "StrategyGoals",
  "Initiatives",
  "Resources",
  "ResourceRequests",
  "Allocations",
]);

export interface HeatmapFigures {
  people: number;
  competences: number;
  months: number;
  allocations: number;
  seedMs: number;
  /** Register and allocations read through the adapters. */
  fetch: { ms: number; all: number[] };
  /** The grid computed (domain) in the page. */
  compute: { ms: number; all: number[] };
  /** React commit and layout in the page. */
  render: { ms: number; all: number[] };
  cells: number;
  overCells: number;
}

async function pageScript(root: string): Promise<string> {
  const out = await build({
    entryPoints: [join(root, "scripts", "bench", "heatmap-page.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    jsx: "automatic",
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return out.outputFiles[0]?.text ?? "";
}

export async function benchHeatmap(
  m365: LocalM365,
  root: string,
  options: { runs: number; people?: number; competences?: number; months?: number },
): Promise<HeatmapFigures> {
  const peopleCount = options.people ?? 50;
  const competenceCount = options.competences ?? 30;
  const monthCount = options.months ?? 36;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const upn = m365.users[0] as string;
  await provisionSite({
    siteUrl: m365.sharepoint,
    tokenProvider: devAdminTokenProvider(upn),
    schemas: listSchemas.filter((s) => LISTS.has(s.name)),
  });
  const { repositories, people } = createSharePointAdapters(m365.sharepoint, devTokenProvider(upn));
  const persons = await Promise.all(m365.users.map((u) => people.ensure(u)));
  const months = monthRange("2026-01", monthCount);

  const seedStart = performance.now();
  const area = await repositories.areas.add({
    title: "Økonomi & Stab",
    abbreviation: "ØS",
    head: null,
    representatives: [],
    active: true,
  });
  const initiatives: Ref<InitiativeId>[] = [];
  for (let i = 0; i < 8; i += 1) {
    const added = await repositories.initiatives.add({
      title: `Tiltag ${i + 1}`,
      strategyGoal: null,
      summary: "",
      need: "",
      solution: "",
      source: "Fagområdets behov",
      area: { id: area.id, title: area.title },
      owner: null,
      projectLead: null,
      phase: "Gennemførelse",
      governance: null,
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
    });
    initiatives.push({ id: added.id, title: added.title });
  }
  const resources = await repositories.resources.addMany(
    Array.from({ length: peopleCount }, (_, p) => ({
      title: `Person ${p + 1}`,
      person: persons[p % persons.length] ?? null,
      area: null,
      competences: [p, p + 3].map((k) => COMPETENCES[k % COMPETENCES.length] ?? "Test"),
      capacityHoursPerMonth: 120,
      active: true,
      absences:
        p % 10 === 0
          ? [{ from: `${months[5]}-01T00:00:00Z`, to: `${months[5]}-15T00:00:00Z` }]
          : [],
    })),
  );
  const resourceRefs = resources.flatMap((r) =>
    r.ok ? [{ id: r.value.id, title: r.value.title }] : [],
  );
  const drafts: AllocationDraft[] = resourceRefs.flatMap((r, p) =>
    months.flatMap((m, k) =>
      [0, 1].map((j) => ({
        title: `${r.title} ${m}`,
        initiative: initiatives[(p + j) % initiatives.length] ?? null,
        resource: r,
        competence: COMPETENCES[(p + j * 3) % COMPETENCES.length] ?? null,
        month: monthStart(m),
        hours: 30 + ((p * 7 + k * 13 + j * 5) % 50),
        request: null,
      })),
    ),
  );
  for (let i = 0; i < drafts.length; i += 500) {
    await repositories.allocations.addMany(drafts.slice(i, i + 500));
  }
  const seedMs = performance.now() - seedStart;

  const fetched = await medianOf(options.runs, 1, () =>
    Promise.all([repositories.resources.list(), repositories.allocations.list()]),
  );
  const [register, allocations] = fetched.value;

  // 30 competences: each person offers three, each allocation counts for one of them.
  const names = Array.from(
    { length: competenceCount },
    (_, i) => `Kompetence ${String(i + 1).padStart(2, "0")}`,
  );
  const index = new Map<number, number>(register.map((r, i) => [r.id as number, i]));
  const input: LoadInput = {
    months,
    resources: register.map((r, i) => ({
      ...r,
      competences: [0, 1, 2].map((k) => names[(i + k * 10) % competenceCount]) as never,
    })),
    allocations: allocations.map((a, n) => ({
      ...a,
      competence: names[
        ((index.get(a.resource?.id as number) ?? 0) + (n % 3) * 10) % competenceCount
      ] as never,
    })),
  };

  const script = await pageScript(root);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.setContent(
      '<!doctype html><html lang="da"><body><div id="root"></div></body></html>',
    );
    await page.addScriptTag({ content: script });
    const result = await page.evaluate(
      ([data, comps, runs]) => window.benchHeatmap(data, comps, runs),
      [input, names, Math.max(5, options.runs * 2)] as const,
    );
    // The first mount loads styles and warms the JIT: left out of the median.
    const compute = result.computeMs.slice(1);
    const render = result.renderMs.slice(1);
    return {
      people: peopleCount,
      competences: competenceCount,
      months: monthCount,
      allocations: allocations.length,
      seedMs,
      fetch: { ms: fetched.ms, all: fetched.all },
      compute: { ms: median(compute), all: compute },
      render: { ms: median(render), all: render },
      cells: result.cells,
      overCells: result.overCells,
    };
  } finally {
    await browser.close();
  }
}
