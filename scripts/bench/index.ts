/**
 * `npm run bench [-- --initiatives 10000] [-- --runs 3]`
 * `[-- --only server,portfolio,table,bundle,optimizer,heatmap,reports] [-- --report-initiatives 500]`
 *
 * Prints one table of figures (QUALITY.md "Performance"), each next to what it is compared
 * against in the same run, and writes the numbers to `test-results/bench.json`. Everything runs
 * on loopback against fresh local Microsoft 365 processes with their stores in temp
 * directories, bounded in count and time. See docs/bench.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { benchBundle, type BundleFigures } from "./bundle.js";
import { benchHeatmap, type HeatmapFigures } from "./heatmap.js";
import { FetchRecorder } from "./measure.js";
import { benchOptimizer, optimizerRows } from "./optimizer.js";
import { benchPortfolio, type PortfolioFigures } from "./portfolio.js";
import { benchPortfolioUi, median, type PortfolioUiFigures } from "./portfolio-ui.js";
import { startLocalM365, stopAll } from "./processes.js";
import { benchReports, type ReportFigures } from "./reports.js";
import { benchServer, type ServerFigures } from "./server.js";
import { type Row, table } from "./table.js";

const root = join(import.meta.dirname, "..", "..");
const PARTS = [
  "server",
  "portfolio",
  "table",
  "bundle",
  "optimizer",
  "heatmap",
  "reports",
] as const;
type Part = (typeof PARTS)[number];

function positive(value: string, flag: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`${flag} skal være et helt tal fra 1 til ${max}, ikke "${value}"`);
  }
  return n;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(1)} ms`);
const rate = (r: number) => `${Math.round(r).toLocaleString("en")}/s`;
const x = (r: number) => `${r.toFixed(2)}×`;

function heatmapRows(h: HeatmapFigures): Row[] {
  return [
    {
      figure: `Ressourcer heatmap render, ${h.people} people × ${h.competences} competences × ${h.months} months (Chromium)`,
      value: `${ms(h.render.ms)} (+ ${ms(h.compute.ms)} grid)`,
      against: `data fetch (${h.allocations.toLocaleString("en")} allocations): ${ms(h.fetch.ms)}; aim < 200 ms`,
      ratio: x((h.render.ms + h.compute.ms) / 200),
    },
  ];
}

function serverRows(s: ServerFigures): Row[] {
  const c = `${s.concurrency} in flight`;
  return [
    {
      figure: `Local server: page reads (${s.pageSize} items, ${c})`,
      value: rate(s.pageReads.perSecond),
      against: `bare node:http, same body: ${rate(s.pageReadsFloor.perSecond)}`,
      ratio: x(s.pageReads.perSecond / s.pageReadsFloor.perSecond),
    },
    {
      figure: `Local server: single-item reads (${c})`,
      value: rate(s.itemReads.perSecond),
      against: `bare node:http, same body: ${rate(s.itemReadsFloor.perSecond)}`,
      ratio: x(s.itemReads.perSecond / s.itemReadsFloor.perSecond),
    },
    {
      figure: `Local server: durable writes, POST add (${c})`,
      value: rate(s.writes.perSecond),
      against: `bare SQLite WAL+FULL commits: ${rate(s.writesFloor.perSecond)}`,
      ratio: x(s.writes.perSecond / s.writesFloor.perSecond),
    },
  ];
}

function portfolioRows(p: PortfolioFigures): Row[] {
  const n = p.initiatives.toLocaleString("en");
  const load = (f: PortfolioFigures["adapter"]) => `${ms(f.ms)}, ${f.requests} req, ${mb(f.bytes)}`;
  return [
    {
      figure: `Seed ${n} initiatives (adapter addMany, $batch)`,
      value: `${ms(p.seed.ms)}, ${p.seed.requests} req`,
      against: `limit 60 s; ${p.seed.failed} failed parts`,
      ratio: x(p.seed.ms / 60_000),
    },
    {
      figure: `Portfolio load, ${n} items (adapter list)`,
      value: load(p.adapter),
      against: `raw fetch of same URLs: ${load(p.floor)}`,
      ratio: `${x(p.ratio)} (aim ≤ 1.15×)`,
    },
    {
      figure: "  of which PnPjs pages (same URLs, not mapped)",
      value: load(p.pnp),
      against: `raw fetch of same URLs: ${load(p.floor)}`,
      ratio: x(p.pnp.ms / p.floor.ms),
    },
    {
      figure: `  of which mapping (compiled mapper alone, ${p.mapping.items.toLocaleString("en")} items)`,
      value: `${ms(p.mapping.ms)}, ${((p.mapping.ms * 1000) / Math.max(1, p.mapping.items)).toFixed(2)} µs an item`,
      against: `adapter list: ${ms(p.adapter.ms)}`,
      ratio: `${((100 * p.mapping.ms) / p.adapter.ms).toFixed(1)} % of the load`,
    },
    {
      figure: "Naive load ($select=*, same pipeline)",
      value: load(p.naive),
      against: `adapter list: ${load(p.adapter)}`,
      ratio: `${x(p.naive.ms / p.adapter.ms)} time, ${x(p.naive.bytes / p.adapter.bytes)} bytes`,
    },
    {
      figure: "Overview columns only (raw fetch)",
      value: load(p.overviewColumns),
      against: `adapter list (overview fields): ${load(p.adapter)}`,
      ratio: `${x(p.overviewColumns.ms / p.adapter.ms)} time, ${x(p.overviewColumns.bytes / p.adapter.bytes)} bytes`,
    },
    {
      figure: "Filter by phase + sort (phase, title), in memory",
      value: ms(p.filterSort.ms),
      against: `adapter load: ${ms(p.adapter.ms)} (${p.filterSort.kept} of ${p.filterSort.of} kept)`,
      ratio: x(p.filterSort.ms / p.adapter.ms),
    },
  ];
}

function tableRows(u: PortfolioUiFigures): Row[] {
  const n = u.initiatives.toLocaleString("en");
  const worst = (xs: readonly number[]) => Math.max(...xs);
  return [
    {
      figure: `Portfolio table in Chromium, ${n} rows: navigation to interactive table`,
      value: ms(u.interactiveMs),
      against: `adapter load in Node: ${ms(u.loadMs)}`,
      ratio: x(u.interactiveMs / u.loadMs),
    },
    {
      figure: `  a keystroke in the title search (${u.keystrokesMs.length} measured)`,
      value: `median ${ms(median(u.keystrokesMs))}, worst ${ms(worst(u.keystrokesMs))}`,
      against: "aim < 100 ms each",
      ratio: x(worst(u.keystrokesMs) / 100),
    },
    {
      figure: `  a sort by a header click (${u.sortMs.length} measured)`,
      value: `median ${ms(median(u.sortMs))}, worst ${ms(worst(u.sortMs))}`,
      against: "aim < 100 ms each",
      ratio: x(worst(u.sortMs) / 100),
    },
  ];
}

function reportRows(r: ReportFigures): Row[] {
  const load = (f: ReportFigures["build"]) => `${ms(f.ms)}, ${f.requests} req, ${mb(f.bytes)}`;
  return [
    {
      figure: `Direktørforum report, ${r.rows} ongoing initiatives (read, check, build)`,
      value: load(r.build),
      against: `raw fetch of the same lists: ${load(r.floor)}`,
      ratio: `${x(r.build.ms / r.floor.ms)} (aim < 2 s: ${r.build.ms < 2000 ? "met" : "missed"})`,
    },
    {
      figure: `  of which the report's domain function (${r.initiatives} rows)`,
      value: ms(r.domain.ms),
      against: `whole build: ${ms(r.build.ms)}`,
      ratio: `${((100 * r.domain.ms) / r.build.ms).toFixed(1)} %`,
    },
  ];
}

/** How many of the initial JS's contributors the table lists (bench.json has them all). */
const TOP_CONTRIBUTORS = 12;

function bundleRows(b: BundleFigures): Row[] {
  const note = b.buildError ? " [stale build]" : b.built ? " [built now]" : "";
  const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)} %`;
  const chunkName = (c: BundleFigures["allChunks"]["biggest"][number]) =>
    `${c.names[0] ?? c.file}${c.mostly ? ` (${pct(c.mostly.share, 1)} ${c.mostly.group})` : ""}`;
  return [
    {
      figure: `Tab initial JS, gzip (${b.initial.files.length} files)${note}`,
      value: kb(b.initial.gzip),
      against: `bare bundle of the libraries: ${kb(b.bare.gzip)}`,
      ratio: `${x(b.ratio)} (aim ≤ ${x(b.aimRatio)})`,
    },
    ...b.contributors.slice(0, TOP_CONTRIBUTORS).map((c) => ({
      figure: `  of which ${c.group}`,
      value: `${kb(c.gzip)} (${kb(c.bytes)} minified)`,
      against: `initial JS: ${kb(b.initial.gzip)}`,
      ratio: pct(c.gzip, b.initial.gzip),
    })),
    {
      figure: `Tab all JS chunks, gzip (${b.allChunks.files} files)`,
      value: kb(b.allChunks.gzip),
      against: `aim ≤ ${b.allChunks.aimKiB.toLocaleString("en")} KiB; bare bundle: ${kb(b.bare.gzip)}`,
      ratio: `${x(b.allChunks.gzip / (b.allChunks.aimKiB * 1024))} of aim`,
    },
    ...b.allChunks.biggest.slice(0, 5).map((c) => ({
      figure: `  lazy: ${chunkName(c)}`,
      value: kb(c.gzip),
      against: `all JS chunks: ${kb(b.allChunks.gzip)}`,
      ratio: pct(c.gzip, b.allChunks.gzip),
    })),
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      initiatives: { type: "string", default: "10000" },
      runs: { type: "string", default: "3" },
      only: { type: "string", default: PARTS.join(",") },
      "report-initiatives": { type: "string", default: "500" },
    },
    strict: true,
  });
  const initiatives = positive(values.initiatives, "--initiatives", 50_000);
  const runs = positive(values.runs, "--runs", 20);
  const reportInitiatives = positive(values["report-initiatives"], "--report-initiatives", 5_000);
  const only = new Set(values.only.split(",").map((s) => s.trim()));
  for (const p of only) {
    if (!PARTS.includes(p as Part))
      throw new Error(`--only kender ${PARTS.join(", ")}, ikke "${p}"`);
  }

  const started = performance.now();
  const recorder = new FetchRecorder();
  const rows: Row[] = [];
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "",
  };
  const step = (line: string) => process.stderr.write(`bench: ${line}\n`);
  try {
    if (only.has("server")) {
      step("local server (reads and durable writes) ...");
      const m365 = await startLocalM365();
      const s = await benchServer(m365, {
        items: 300,
        concurrency: 4,
        maxRequests: 2000,
        budgetMs: 4000,
      });
      await m365.stop();
      results.server = s;
      rows.push(...serverRows(s));
    }
    if (only.has("portfolio")) {
      step(`portfolio of ${initiatives} initiatives (seed, then ${runs} runs of each load) ...`);
      const m365 = await startLocalM365();
      const p = await benchPortfolio(m365, recorder, { initiatives, runs });
      await m365.stop();
      results.portfolio = p;
      rows.push(...portfolioRows(p));
    }
    if (only.has("table")) {
      step(`portfolio table in Chromium with ${initiatives} initiatives (${runs} runs) ...`);
      const m365 = await startLocalM365();
      const u = await benchPortfolioUi(m365, root, { initiatives, runs });
      await m365.stop();
      results.table = u;
      rows.push(...tableRows(u));
    }
    if (only.has("bundle")) {
      step("tab bundle and the bare bundle of its libraries (webpack) ...");
      const b = await benchBundle(root);
      results.bundle = b;
      rows.push(...bundleRows(b));
    }
    if (only.has("optimizer")) {
      step(`optimizer (HiGHS: 60 and 300 candidates, ${runs} runs each) and tally ...`);
      const o = await benchOptimizer({ runs });
      results.optimizer = o;
      rows.push(...optimizerRows(o));
    }
    if (only.has("heatmap")) {
      step("Ressourcer heatmap (seed, fetch, render in Chromium) ...");
      const m365 = await startLocalM365();
      const h = await benchHeatmap(m365, root, { runs });
      await m365.stop();
      results.heatmap = h;
      rows.push(...heatmapRows(h));
    }
    if (only.has("reports")) {
      step(
        `Direktørforum report of ${reportInitiatives} ongoing initiatives (seed, then ${runs} runs) ...`,
      );
      const m365 = await startLocalM365();
      const r = await benchReports(m365, recorder, { initiatives: reportInitiatives, runs });
      await m365.stop();
      results.reports = r;
      rows.push(...reportRows(r));
    }
  } finally {
    recorder.restore();
    await stopAll();
  }
  results.totalMs = performance.now() - started;

  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write(
    `${cpus().length} × ${String(results.cpu)}, Node ${process.version}; medians of ${runs} runs; ` +
      `took ${ms(results.totalMs as number)}.\n`,
  );
  const out = join(root, "test-results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write("Numbers written to test-results/bench.json.\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
