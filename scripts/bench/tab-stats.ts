/**
 * The production build of the tab as the bench and the tests read it: build/tab/index.html (its
 * scripts are the initial JS) and build/tab-stats.json (modules per chunk, written by
 * webpack.config.js), built first when missing or stale.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { buildTab, tabNeedsBuild } from "../../src/tab-server/build.js";

/** What build/tab-stats.json holds (webpack.config.js, TabStatsPlugin). */
export interface TabStats {
  hash: string;
  chunks: {
    id: string | number;
    names: string[];
    files: string[];
    initial: boolean;
    entry: boolean;
    modules: { name: string; size: number }[];
  }[];
}

/** build/tab-stats.json of the project, or an error saying how to get it. */
export function readTabStats(root: string): TabStats {
  const file = join(root, "build", "tab-stats.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as TabStats;
  } catch (e) {
    throw new Error(
      `${file} is missing or unreadable (run npm run build): ${(e as Error).message}`,
    );
  }
}

/** The `<script src>`s of build/tab/index.html, in order. */
export function initialScripts(root: string): string[] {
  const html = readFileSync(join(root, "build", "tab", "index.html"), "utf8");
  return [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1] as string);
}

/**
 * Whether build/tab-stats.json describes the build in build/tab: its initial chunks' files are
 * the scripts index.html loads. False when either is missing (a build from before the stats).
 */
export function tabStatsCurrent(root: string): boolean {
  try {
    const initial = readTabStats(root)
      .chunks.filter((c) => c.initial)
      .flatMap((c) => c.files);
    const scripts = initialScripts(root);
    return initial.length === scripts.length && scripts.every((f) => initial.includes(f));
  } catch {
    return false;
  }
}

/** Builds the tab when it is older than its sources or its stats do not describe it. */
export async function ensureTabBuilt(root: string): Promise<boolean> {
  if (!tabNeedsBuild(root) && tabStatsCurrent(root)) return false;
  await buildTab(root);
  return true;
}
