// The tab's production bundle (`npm run build` → build/tab/): swc for TypeScript/TSX,
// content-hashed file names, shared chunks split out, and one lazy chunk per capability view
// (React.lazy in src/ui/shell/views.ts). teams-js and MSAL are lazy chunks as well: a tab
// opened outside Teams never downloads them. No inline scripts (the page's CSP forbids them).
// Each build also writes build/tab-stats.json (see TabStatsPlugin): which modules went into
// which chunk, read by the bench's bundle analysis and by tests/unit/bundle-split.test.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";

const root = dirname(fileURLToPath(import.meta.url));

/** Where TabStatsPlugin writes: next to build/tab, not in it (the tab server serves build/tab). */
export const TAB_STATS_FILE = resolve(root, "build/tab-stats.json");

/**
 * Writes, after every successful build, the chunks with their files, whether they are initial
 * (loaded by index.html) and the modules in them (concatenated modules listed one by one), by
 * the module's path relative to the project (`./src/ui/App.tsx`, `./node_modules/...`).
 */
class TabStatsPlugin {
  /** @param {string} file */
  constructor(file) {
    this.file = file;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.done.tap("TabStatsPlugin", (stats) => {
      if (stats.hasErrors()) return;
      const json = stats.toJson({
        all: false,
        chunks: true,
        chunkModules: true,
        nestedModules: true,
        // Every module, not the first few of each chunk with the rest grouped away.
        chunkModulesSpace: Infinity,
        nestedModulesSpace: Infinity,
        groupModulesByAttributes: false,
        groupModulesByCacheStatus: false,
        groupModulesByExtension: false,
        groupModulesByLayer: false,
        groupModulesByPath: false,
        groupModulesByType: false,
        // Modules concatenated into another are "dependent": list them too.
        dependentModules: true,
        runtimeModules: false,
        ids: true,
        hash: true,
      });
      /** @param {import('webpack').StatsModule[]} modules @returns {{ name: string, size: number }[]} */
      const flat = (modules) =>
        modules.flatMap((m) => {
          const inner = [...(m.modules ?? []), ...(m.children ?? [])];
          if (inner.length > 0) return flat(inner);
          return m.type === "module" && m.name ? [{ name: m.name, size: m.size ?? 0 }] : [];
        });
      const chunks = (json.chunks ?? []).map((c) => ({
        id: c.id,
        names: c.names ?? [],
        files: (c.files ?? []).filter((f) => f.endsWith(".js")),
        initial: Boolean(c.initial),
        entry: Boolean(c.entry),
        modules: flat(c.modules ?? []).sort((a, b) => a.name.localeCompare(b.name)),
      }));
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, `${JSON.stringify({ hash: json.hash, chunks }, null, 1)}\n`);
    });
  }
}

/** @returns {import('webpack').Configuration} */
export default (_env, argv) => {
  const production = argv.mode !== "development";
  return {
    mode: production ? "production" : "development",
    target: "web",
    entry: { main: resolve(root, "src/main.tsx") },
    output: {
      path: resolve(root, "build/tab"),
      filename: production ? "[name].[contenthash:12].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:12].js" : "[name].js",
      publicPath: "auto",
      clean: true,
      // Write every file on every build, even one whose content did not change: `npm start`,
      // the bench and the tests rebuild when index.html is older than a source, so its time
      // must be the last build's.
      compareBeforeEmit: false,
    },
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    resolve: {
      extensions: [".tsx", ".ts", ".js", ".json"],
      // Sources import "./x.js" for "./x.ts(x)" (NodeNext + verbatimModuleSyntax).
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "swc-loader",
            options: {
              jsc: {
                parser: { syntax: "typescript", tsx: true },
                target: "es2020",
                transform: { react: { runtime: "automatic", development: !production } },
                experimental: { keepImportAttributes: true },
              },
            },
          },
        },
        // The optimizer's solver (npm `highs`): its WebAssembly is a file of the bundle, fetched
        // only when the loader runs (the first solve; src/adapters/solver/highs-browser.ts).
        {
          test: /[\\/]node_modules[\\/]highs[\\/]build[\\/]highs\.wasm$/,
          type: "asset/resource",
          generator: { filename: production ? "[name].[contenthash:12][ext]" : "[name][ext]" },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          react: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
            name: "react",
            priority: 20,
          },
        },
      },
      runtimeChunk: "single",
    },
    performance: { hints: false },
    plugins: [
      new TabStatsPlugin(TAB_STATS_FILE),
      // highs' loader imports node:module only when it runs in node; never in the tab.
      new webpack.IgnorePlugin({
        resourceRegExp: /^node:module$/,
        contextRegExp: /[\\/]highs[\\/]/,
      }),
      new HtmlWebpackPlugin({
        template: resolve(root, "src/ui/index.html"),
        scriptLoading: "defer",
      }),
    ],
    stats: production ? "summary" : "minimal",
  };
};
