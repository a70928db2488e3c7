/**
 * Figure 3: the tab's initial JavaScript, gzipped, next to a bare bundle of the libraries the
 * tab cannot do without (React, react-dom, the Fluent UI v9 components the shell imports,
 * teams-js, MSAL, PnPjs), built by the same webpack in production mode from a tiny generated
 * entry that touches one export of each, so nothing is tree-shaken away.
 *
 * "Initial" is what `build/tab/index.html` loads before anything else (its `<script src>`s);
 * lazy chunks (views, teams-js, MSAL) come later and are reported apart as "all chunks".
 * Sizes are gzip level 9 with node's zlib.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import webpack from "webpack";

import { buildTab, tabNeedsBuild } from "../../src/tab-server/build.js";
import { tempDir } from "./processes.js";

export interface BundleFigures {
  /** Whether this run built the tab (it was missing or older than its sources). */
  built: boolean;
  /** Set when the tab was stale but could not be built; the figures are of the old build. */
  buildError?: string;
  initial: { files: string[]; bytes: number; gzip: number };
  allChunks: { files: number; gzip: number };
  bare: { libraries: string[]; bytes: number; gzip: number; buildMs: number };
  /** initial gzip / bare gzip. */
  ratio: number;
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

export async function benchBundle(root: string): Promise<BundleFigures> {
  let built = false;
  let buildError: string | undefined;
  if (tabNeedsBuild(root)) {
    try {
      await buildTab(root);
      built = true;
    } catch (e) {
      buildError = (e as Error).message;
    }
  }
  const tab = join(root, "build", "tab");
  const html = readFileSync(join(tab, "index.html"), "utf8");
  const files = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1] as string);
  const initialBytes = files.map((f) => readFileSync(join(tab, f)));
  const all = readdirSync(tab).filter((f) => f.endsWith(".js"));
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
    allChunks: {
      files: all.length,
      gzip: all.reduce((s, f) => s + gz(readFileSync(join(tab, f))), 0),
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
  };
}
