// Lint with type information, import sorting and the layering fences of docs/architecture.md.
//
// The fences: every file under src/ belongs to exactly one layer (LAYERS below, one folder
// each), and each layer gets ONE block with ONE `@typescript-eslint/no-restricted-imports`
// rule listing everything it may not import (and, from the same lists, `no-restricted-syntax`
// for dynamic `import()`, which the import rule does not see). Flat config replaces a rule's
// options when a later block matching the same file sets the rule again, so two blocks over the
// same file would silently drop the first one's fence: the layers' folders do not overlap, and
// no other block sets these rules (tests/unit/lint-fences.test.ts checks both, and probes each
// fence).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The rule every fence uses (it can allow `import type` per pattern). */
export const IMPORT_RULE = "@typescript-eslint/no-restricted-imports";

/**
 * Everything an import can reach inside the repository, by folder name (a relative import
 * passes through the folder: `../../ports/x.js`). `main` is the composition root, src/main.tsx.
 */
const PLACES = {
  domain: ["**/domain/**"],
  ports: ["**/ports/**"],
  "use-cases": ["**/use-cases/**"],
  adapters: ["**/adapters/**"],
  host: ["**/host/**"],
  ui: ["**/ui/**"],
  main: ["**/main.js", "**/main.tsx", "**/main"],
  emulator: ["**/emulator/**"],
  "tab-server": ["**/tab-server/**"],
  seed: ["**/seed/**"],
  provisioning: ["**/provisioning/**"],
  "demo-tenant": ["**/demo-tenant/**"],
  "lists-schema": ["**/lists-schema/**"],
  manifest: ["**/manifest/**"],
  scripts: ["**/scripts/**"],
  tests: ["**/tests/**"],
};

/** npm packages, by what they are for. */
const PACKAGES = {
  pnp: ["@pnp/*"],
  graphClient: ["@microsoft/microsoft-graph-client"],
  teams: ["@microsoft/teams-js", "@microsoft/app-manifest"],
  msal: ["@azure/*"],
  react: [
    "react",
    "react/*",
    "react-dom",
    "react-dom/*",
    "@fluentui/*",
    "@tanstack/*",
    "i18next",
    "react-i18next",
  ],
  node: [
    "node:*",
    "fs",
    "fs/*",
    "http",
    "https",
    "net",
    "path",
    "url",
    "os",
    "crypto",
    "child_process",
  ],
  sqlite: ["better-sqlite3"],
  exceljs: ["exceljs"],
  solver: ["highs", "highs/*"],
};

/** Any package at all (a bare specifier), for the layers that import nothing from npm. */
const ANY_PACKAGE = "^(?![./])";

/**
 * The allowed edges. `may` and `typesFrom` name PLACES (a layer may always import its own
 * files); `packages` names the PACKAGES it may use, or "none" for no npm package at all.
 * Everything else is refused with the layer's message.
 */
export const LAYERS = [
  {
    name: "domain",
    dir: "src/domain",
    may: [],
    packages: "none",
    message: "The domain is pure: it imports nothing outside itself (no IO, no framework).",
  },
  {
    name: "ports",
    dir: "src/ports",
    may: ["domain"],
    packages: "none",
    message: "Ports speak domain words only.",
  },
  {
    name: "use-cases",
    dir: "src/use-cases",
    may: ["domain", "ports"],
    packages: "none",
    message: "Use-cases import the domain and the ports only; adapters come in through ports.",
  },
  {
    name: "adapters",
    dir: "src/adapters",
    may: ["domain", "ports", "lists-schema"],
    packages: ["pnp", "graphClient", "exceljs", "solver"],
    message: "Adapters implement ports with the domain's words; they know no host, UI or use-case.",
  },
  {
    name: "host",
    dir: "src/host",
    may: ["domain", "ports", "manifest"],
    packages: ["msal", "teams"],
    message: "The host (Teams, sign-in, runtime config) imports ports and domain, never the UI.",
  },
  {
    name: "ui",
    dir: "src/ui",
    may: ["domain", "use-cases"],
    typesFrom: ["ports", "host"],
    packages: ["react"],
    message:
      "The UI reaches data through use-cases; from ports and host it imports types only (the composition root, src/main.tsx, builds the rest).",
  },
  {
    name: "main",
    dir: "src/main.tsx",
    may: ["domain", "ports", "use-cases", "adapters", "host", "ui"],
    packages: ["react", "pnp", "graphClient", "msal", "teams", "exceljs", "solver"],
    message: "The composition root wires the app's layers; it needs no server-side code.",
  },
  {
    name: "emulator",
    dir: "src/emulator",
    may: ["demo-tenant"],
    packages: ["node", "sqlite"],
    message:
      "The local Microsoft 365 emulates the wire and imports nothing from the app (only the demo tenant's data).",
  },
  {
    name: "tab-server",
    dir: "src/tab-server",
    may: ["domain", "demo-tenant"],
    typesFrom: ["host"],
    packages: ["node"],
    message:
      "The tab server serves the bundle and the runtime config; it knows the demo tenant's data, not the emulator's code.",
  },
  {
    name: "seed",
    dir: "src/seed",
    may: ["domain", "ports"],
    packages: "none",
    message: "The seed writes demo data through the ports.",
  },
  {
    name: "provisioning",
    dir: "src/provisioning",
    may: ["domain", "ports", "lists-schema", "adapters"],
    packages: ["pnp"],
    message:
      "Provisioning turns lists-schema into a site through PnPjs, with the adapters' retry policy.",
  },
  {
    name: "demo-tenant",
    dir: "src/demo-tenant",
    may: [],
    packages: "none",
    message:
      "The demo tenant is data that the emulator and the tab server read; it imports nothing.",
  },
];

function filesOf(layer) {
  return layer.dir.endsWith(".tsx") ? [layer.dir] : [`${layer.dir}/**/*.{ts,tsx,js}`];
}

/**
 * A glob of PLACES or PACKAGES as a regular expression over an import's source, for dynamic
 * `import()` (which the import rule does not see). Written without "/" (as \x2F), because
 * the selector syntax ends a regular expression at the first slash.
 */
function globToRegex(glob) {
  const slash = "\\x2F";
  const inside = /^\*\*\/(.+?)(\/\*\*)?$/.exec(glob);
  if (inside) {
    const name = inside[1].replace(/[.]/g, "\\.");
    return inside[2] ? `(^|${slash})${name}${slash}` : `(^|${slash})${name}$`;
  }
  const escaped = glob.replace(/[.]/g, "\\.").replace(/\//g, slash);
  return escaped.endsWith("*") ? `^${escaped.slice(0, -1)}` : `^${escaped}$`;
}

/** The one import rule of a layer, and the same fence for dynamic `import()`. */
function fence(layer) {
  const own = new Set([layer.name, ...layer.may]);
  const typesOnly = new Set(layer.typesFrom ?? []);
  const refused = Object.entries(PLACES)
    .filter(([name]) => !own.has(name) && !typesOnly.has(name))
    .flatMap(([, globs]) => globs);
  const patterns = [{ group: refused, message: layer.message }];
  for (const name of typesOnly) {
    patterns.push({
      group: PLACES[name],
      allowTypeImports: true,
      message: `${layer.message} (\`import type\` from ${name} is fine)`,
    });
  }
  if (layer.packages === "none") {
    patterns.push({ regex: ANY_PACKAGE, message: layer.message });
  } else {
    const allowed = new Set(layer.packages);
    const packages = Object.entries(PACKAGES)
      .filter(([name]) => !allowed.has(name))
      .flatMap(([, globs]) => globs);
    patterns.push({ group: packages, message: layer.message });
  }
  const dynamic = patterns.flatMap((p) => (p.regex ? [p.regex] : p.group.map(globToRegex)));
  const selector = `ImportExpression > Literal.source[value=/${dynamic.join("|")}/]`;
  return {
    files: filesOf(layer),
    rules: {
      [IMPORT_RULE]: ["error", { patterns }],
      "no-restricted-syntax": ["error", { selector, message: layer.message }],
    },
  };
}

export default tseslint.config(
  { ignores: ["node_modules/", "build/", "dist/", "coverage/", ".local/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "tests/support/*.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  ...LAYERS.map(fence),
  {
    files: filesOf(LAYERS.find((l) => l.name === "domain")),
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: "No IO in the domain." }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Pass a Clock." },
      ],
    },
  },
  {
    files: ["tests/**/*.ts", "tests/**/*.tsx"],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  prettier,
);
