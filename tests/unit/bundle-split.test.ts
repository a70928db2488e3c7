/**
 * The tab's initial chunks (what index.html loads before anything else) hold what the first view
 * needs and nothing of the lazily loaded views, their texts, or the adapters and libraries only
 * some views use. Read from the production build's stats (build/tab-stats.json, written by
 * webpack.config.js), so a static import that pulls a view into `main` fails here rather than
 * silently growing the download.
 *
 * The build is the one `npm start` and the end-to-end tests use: made here only when it is
 * missing or older than its sources (about one to three minutes on 2 cores), reused otherwise.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

import { groupOf } from "../../scripts/bench/bundle-analysis.js";
import {
  ensureTabBuilt,
  initialScripts,
  readTabStats,
  type TabStats,
} from "../../scripts/bench/tab-stats.js";
import { code, reachable, rel, resolveImport, ROOT } from "../support/source-graph.js";

const VIEWS = join(ROOT, "src/ui/shell/views.ts");

/** src/ui folders the shell and every view share: never a view's own. */
const SHARED_UI = new Set(["components", "queries", "i18n", "shell", "identity", "config"]);

/** npm packages only some views (or only Teams, or only production sign-in) use. */
const LAZY_PACKAGES = [
  "exceljs",
  "highs",
  "@microsoft/microsoft-graph-client",
  "@microsoft/teams-js",
  "@azure/msal-browser",
  "@tanstack/react-virtual",
  "@fluentui/react-dialog",
  "@fluentui/react-table",
  "@fluentui/react-combobox",
];

/** Source folders of adapters the first view (Overblik) does not use. */
const LAZY_SOURCE_FOLDERS = ["src/adapters/graph", "src/adapters/solver"];

let stats: TabStats;
/** Every module of the initial chunks, by path relative to the project. */
let initialModules: string[];

beforeAll(async () => {
  await ensureTabBuilt(ROOT);
  stats = readTabStats(ROOT);
  initialModules = stats.chunks
    .filter((c) => c.initial)
    .flatMap((c) => c.modules.map((m) => m.name.replace(/^\.\//, "")));
}, 900_000);

/** The modules each `lazyView(() => import("..."))` of views.ts loads. */
function lazyViewEntries(): string[] {
  const re = /lazyView\(\s*\(\)\s*=>\s*import\(\s*["']([^"']+)["']/g;
  return [...code(VIEWS).matchAll(re)].map((m) => {
    const file = resolveImport(VIEWS, m[1] as string);
    if (!file) throw new Error(`views.ts imports ${m[1]}, which does not exist`);
    return file;
  });
}

/** A view's own files: reached from a view and in a src/ui folder that is not shared. */
function viewOwnFiles(): string[] {
  const files = reachable(lazyViewEntries(), { followDynamic: true });
  return [...files].map(rel).filter((f) => {
    const m = /^src\/ui\/([^/]+)\//.exec(f);
    return m !== null && !SHARED_UI.has(m[1] as string);
  });
}

describe("the tab's initial chunks", () => {
  it("are the scripts index.html loads, and hold the shell", () => {
    const initialFiles = stats.chunks.filter((c) => c.initial).flatMap((c) => c.files);
    expect([...initialFiles].sort()).toEqual([...initialScripts(ROOT)].sort());
    expect(initialModules).toEqual(
      expect.arrayContaining(["src/main.tsx", "src/ui/App.tsx", "src/ui/shell/Shell.tsx"]),
    );
  });

  it("hold no module of a lazily loaded view", () => {
    const own = viewOwnFiles();
    expect(own).toEqual(
      expect.arrayContaining([
        "src/ui/portfolio/PortfolioView.tsx",
        "src/ui/dashboard/DashboardView.tsx",
      ]),
    );
    expect(own.filter((f) => initialModules.includes(f))).toEqual([]);
  });

  it("hold no capability's texts, only the shell's and the kit's", () => {
    const texts = initialModules.filter((m) => m.startsWith("src/ui/i18n/"));
    expect(texts).toEqual(expect.arrayContaining(["src/ui/i18n/da.json", "src/ui/i18n/en.json"]));
    const features = readdirSync(join(ROOT, "src/ui/i18n/features"))
      .filter((f) => f.endsWith(".json") && !f.startsWith("kit."))
      .map((f) => `src/ui/i18n/features/${f}`);
    expect(features.filter((f) => initialModules.includes(f))).toEqual([]);
  });

  it("hold none of the libraries and adapters only some views use", () => {
    const packages = new Set(initialModules.map(groupOf));
    expect(LAZY_PACKAGES.filter((p) => packages.has(p))).toEqual([]);
    expect(
      initialModules.filter((m) => LAZY_SOURCE_FOLDERS.some((f) => m.startsWith(`${f}/`))),
    ).toEqual([]);
    expect(
      initialModules.filter(
        (m) => m.startsWith("src/adapters/files/") && !m.endsWith("/accept.ts"),
      ),
    ).toEqual([]);
    // Non-vacuous: the libraries the first view needs are there, named the same way.
    expect([...packages]).toEqual(expect.arrayContaining(["react-dom", "@pnp/sp", "i18next"]));
  });
});
