/**
 * Figure 3: the tab's initial JavaScript, gzipped, next to a bare bundle of the libraries the
 * tab cannot do without (React, react-dom, the Fluent UI v9 components the shell imports,
 * teams-js, MSAL, PnPjs), built by the same webpack in production mode from a tiny generated
 * entry that touches one export of each, so nothing is tree-shaken away.
 *
 * "Initial" is what `build/tab/index.html` loads before anything else (its `<script src>`s);
 * lazy chunks (views, their texts, Graph, teams-js, MSAL) come later and are reported apart as
 * "all chunks", against the team's aim (`ALL_CHUNKS_AIM_KIB`, see docs/bench.md).
 * Sizes are gzip level 9 with node's zlib.
 *
 * What the initial files are made of is read from their source maps and the build's stats
 * (build/tab-stats.json, written by webpack.config.js): minified bytes per npm package or
 * source folder, with each one's share of the gzip size (./bundle-analysis.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import webpack from "webpack";

import {
  type BuiltFile,
  type Contributor,
  contributors,
  groupOf,
  type JsonModule,
  type SourceMapV3,
  tokensOf,
} from "./bundle-analysis.js";
import { tempDir } from "./processes.js";
import { ensureTabBuilt, initialScripts, readTabStats } from "./tab-stats.js";

/** The aim for the initial JS: at most this many times the bare bundle. */
export const INITIAL_AIM_RATIO = 1.15;

/**
 * The aim for every JS chunk together, gzipped (KiB). See docs/bench.md for why this number:
 * the views of today plus room for the ones still to come.
 */
export const ALL_CHUNKS_AIM_KIB = 1250;

export interface ChunkFigure {
  file: string;
  /** The chunk's names (webpackChunkName), empty for a split-off shared chunk. */
  names: string[];
  gzip: number;
  /** The group with the biggest share of it, and that share (0–1). */
  mostly?: { group: string; share: number };
}

export interface BundleFigures {
  /** Whether this run built the tab (it was missing or older than its sources). */
  built: boolean;
  /** Set when the tab was stale but could not be built; the figures are of the old build. */
  buildError?: string;
  initial: { files: string[]; bytes: number; gzip: number };
  /** What the initial files are made of, biggest gzip share first. */
  contributors: Contributor[];
  allChunks: { files: number; gzip: number; aimKiB: number; biggest: ChunkFigure[] };
  bare: { libraries: string[]; bytes: number; gzip: number; buildMs: number };
  /** initial gzip / bare gzip. */
  ratio: number;
  aimRatio: number;
}

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

/** The Fluent UI v9 names the shell imports (App, the shell's components). */
function fluentNamesOfShell(root: string): string[] {
  const files = [
    join(root, "src/ui/App.tsx"),
    ...readdirSync(join(root, "src/ui/shell"))
      .filter((f) => f.endsWith(".tsx") || f.endsWith(".ts"))
      .map((f) => join(root, "src/ui/shell", f)),
  ];
  const names = new Set<string>(["FluentProvider", "webLightTheme"]);
  const re = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"@fluentui\/react-components"/g;
  for (const file of files) {
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(re)) {
      if (m[0].startsWith("import type")) continue;
      for (const part of (m[1] ?? "").split(",")) {
        const spec = part.trim();
        if (spec === "" || spec.startsWith("type ")) continue;
        names.add(spec.split(/\s+as\s+/)[0] as string);
      }
    }
  }
  return [...names].sort();
}

function bareEntry(fluent: readonly string[]): string {
  return `import { createElement, useState } from "react";
import { createRoot } from "react-dom/client";
import { ${fluent.join(", ")} } from "@fluentui/react-components";
import { app, authentication } from "@microsoft/teams-js";
import { PublicClientApplication } from "@azure/msal-browser";
import { spfi, SPBrowser } from "@pnp/sp";
import "@pnp/sp/webs/index.js";
import "@pnp/sp/lists/index.js";
import "@pnp/sp/items/index.js";
import "@pnp/sp/batching.js";
globalThis.__bare = [
  createElement, useState, createRoot,
  ${fluent.join(", ")},
  app.initialize, authentication.getAuthToken,
  PublicClientApplication,
  spfi, SPBrowser,
];
`;
}

async function buildBare(root: string, entry: string): Promise<{ bytes: Buffer; ms: number }> {
  const dir = tempDir("bare-bundle");
  writeFileSync(join(dir, "entry.mjs"), entry);
  const start = performance.now();
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(
      {
        mode: "production",
        target: "web",
        context: dir,
        entry: join(dir, "entry.mjs"),
        output: { path: join(dir, "out"), filename: "bare.js" },
        resolve: { modules: [join(root, "node_modules")] },
        devtool: false,
        performance: { hints: false },
        optimization: { splitChunks: false, runtimeChunk: false },
      },
      (err, s) => (err || !s ? reject(err ?? new Error("webpack gave no stats")) : resolve(s)),
    );
  });
  if (stats.hasErrors()) {
    throw new Error(`the bare bundle failed:\n${stats.toString({ all: false, errors: true })}`);
  }
  const ms = performance.now() - start;
  const out = join(dir, "out");
  const bytes = Buffer.concat(
    readdirSync(out)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(out, f))),
  );
  return { bytes, ms };
}

/** The JSON modules of a chunk, with the tokens of their data (read from the sources). */
function jsonModulesOf(root: string, modules: readonly { name: string }[]): JsonModule[] {
  return modules
    .filter((m) => m.name.endsWith(".json"))
    .flatMap((m) => {
      try {
        const data: unknown = JSON.parse(readFileSync(join(root, m.name), "utf8"));
        return [{ group: groupOf(m.name), tokens: tokensOf(data) }];
      } catch {
        return [];
      }
    });
}

/** A built file with its source map and JSON modules, for the analysis. */
function builtFile(root: string, file: string, modules: readonly { name: string }[]): BuiltFile {
  const tab = join(root, "build", "tab");
  const code = readFileSync(join(tab, file), "utf8");
  let map: SourceMapV3 | undefined;
  try {
    map = JSON.parse(readFileSync(join(tab, `${file}.map`), "utf8")) as SourceMapV3;
  } catch {
    map = undefined;
  }
  return { name: file, code, ...(map ? { map } : {}), jsonModules: jsonModulesOf(root, modules) };
}

function mostlyOf(
  root: string,
  file: string,
  modules: readonly { name: string }[],
): Pick<ChunkFigure, "mostly"> {
  const parts = contributors([builtFile(root, file, modules)]);
  const total = parts.reduce((s, p) => s + p.gzip, 0);
  const top = parts[0];
  return top && total > 0 ? { mostly: { group: top.group, share: top.gzip / total } } : {};
}

export async function benchBundle(root: string): Promise<BundleFigures> {
  let built = false;
  let buildError: string | undefined;
  try {
    built = await ensureTabBuilt(root);
  } catch (e) {
    buildError = (e as Error).message;
  }
  const tab = join(root, "build", "tab");
  const files = initialScripts(root);
  const stats = readTabStats(root);
  const chunkOf = (file: string) => stats.chunks.find((c) => c.files.includes(file));
  const initialFiles: BuiltFile[] = files.map((f) => {
    const chunk = chunkOf(f);
    if (!chunk) {
      throw new Error(`build/tab-stats.json does not know ${f}: it is older than the build`);
    }
    return builtFile(root, f, chunk.modules);
  });
  const initialBytes = initialFiles.map((f) => Buffer.from(f.code));
  const all = readdirSync(tab).filter((f) => f.endsWith(".js"));
  const chunks: ChunkFigure[] = all.map((file) => ({
    file,
    names: chunkOf(file)?.names ?? [],
    gzip: gz(readFileSync(join(tab, file))),
  }));
  const fluent = fluentNamesOfShell(root);
  const bare = await buildBare(root, bareEntry(fluent));
  const initialGzip = initialBytes.reduce((s, b) => s + gz(b), 0);
  const bareGzip = gz(bare.bytes);
  return {
    built,
    ...(buildError ? { buildError } : {}),
    initial: {
      files,
      bytes: initialBytes.reduce((s, b) => s + b.length, 0),
      gzip: initialGzip,
    },
    contributors: contributors(initialFiles),
    allChunks: {
      files: all.length,
      gzip: chunks.reduce((s, c) => s + c.gzip, 0),
      aimKiB: ALL_CHUNKS_AIM_KIB,
      biggest: chunks
        .filter((c) => !files.includes(c.file))
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 8)
        .map((c) => ({ ...c, ...mostlyOf(root, c.file, chunkOf(c.file)?.modules ?? []) })),
    },
    bare: {
      libraries: [
        "react",
        "react-dom",
        `@fluentui/react-components (${fluent.length} names)`,
        "@microsoft/teams-js",
        "@azure/msal-browser",
        "@pnp/sp",
      ],
      bytes: bare.bytes.length,
      gzip: bareGzip,
      buildMs: bare.ms,
    },
    ratio: initialGzip / bareGzip,
    aimRatio: INITIAL_AIM_RATIO,
  };
}
