// The tab's production bundle (`npm run build` → build/tab/): swc for TypeScript/TSX,
// content-hashed file names, shared chunks split out, and one lazy chunk per capability view
// (React.lazy in src/ui/shell/views.ts). teams-js and MSAL are lazy chunks as well: a tab
// opened outside Teams never downloads them. No inline scripts (the page's CSP forbids them).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";

const root = dirname(fileURLToPath(import.meta.url));

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
