/**
 * The layering fences of eslint.config.js hold: a probe importing across a fence fails with the
 * import rule, an allowed import passes, every folder under src/ belongs to exactly one layer,
 * and no other block sets the import rule (flat config would let a later block replace a
 * layer's fence).
 *
 * Probes are linted with ESLint's Node API as text at a path inside the layer (`lintText` with
 * `filePath`), so nothing is written into src/. The type-aware rules are switched off for the
 * probes: they need the file on disk in the TypeScript program, and the import rule does not
 * use type information.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";

import config, { IMPORT_RULE, LAYERS } from "../../eslint.config.js";

const root = resolve(import.meta.dirname, "../..");

/** The fences' twin for `import()`, which the import rule does not see. */
const DYNAMIC_IMPORT_RULE = "no-restricted-syntax";

const eslint = new ESLint({
  cwd: root,
  overrideConfig: [
    {
      files: ["**/*.{ts,tsx,js}"],
      ...tseslint.configs.disableTypeChecked,
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
  ],
});

/** The messages of the import rule for `source` linted at `path` (relative to the repo). */
async function importProblems(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, path) });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((m) => m.message).join("; "));
  return messages
    .filter((m) => m.ruleId === IMPORT_RULE || m.ruleId === DYNAMIC_IMPORT_RULE)
    .map((m) => m.message);
}

describe("the three probes of the fences fail lint with the import rule", () => {
  test.each([
    ["React imported into the domain", "src/domain/probe.ts", 'import { useState } from "react";'],
    [
      "@pnp/sp imported into a use-case",
      "src/use-cases/probe.ts",
      'import { spfi } from "@pnp/sp";',
    ],
    [
      "ui/ imported into the host",
      "src/host/probe.ts",
      'import { Shell } from "../ui/shell/Shell.js";',
    ],
  ])("%s", async (_name, path, source) => {
    const problems = await importProblems(path, `${source}\nexport const probe = 1;\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/restricted/);
  });
});

const refused: [string, string, string][] = [
  ["the domain: node:fs", "src/domain/probe.ts", 'import { readFileSync } from "node:fs";'],
  ["the domain: a port", "src/domain/probe.ts", 'import type { X } from "../ports/repository.js";'],
  ["the domain: the UI", "src/domain/probe.ts", 'import { X } from "../ui/theme.js";'],
  ["the domain: any npm package", "src/domain/probe.ts", 'import { X } from "some-library";'],
  ["a port: an adapter", "src/ports/probe.ts", 'import { X } from "../adapters/files/index.js";'],
  [
    "a use-case: an adapter",
    "src/use-cases/probe.ts",
    'import { X } from "../adapters/graph/index.js";',
  ],
  ["a use-case: the host", "src/use-cases/probe.ts", 'import { X } from "../host/locale.js";'],
  ["a use-case: React", "src/use-cases/probe.ts", 'import { useState } from "react";'],
  ["the host: a use-case", "src/host/probe.ts", 'import { X } from "../use-cases/intake.js";'],
  ["the host: React", "src/host/probe.ts", 'import { useState } from "react";'],
  [
    "an adapter: the host",
    "src/adapters/files/probe.ts",
    'import { X } from "../../host/locale.js";',
  ],
  ["an adapter: the UI", "src/adapters/graph/probe.ts", 'import { X } from "../../ui/theme.js";'],
  ["an adapter: React", "src/adapters/graph/probe.ts", 'import { useState } from "react";'],
  [
    "the UI: a port's value",
    "src/ui/shell/probe.ts",
    'import { X } from "../../ports/repository.js";',
  ],
  [
    "the UI: a host value",
    "src/ui/shell/probe.ts",
    'import { startHost } from "../../host/teams.js";',
  ],
  [
    "the UI: an adapter",
    "src/ui/shell/probe.ts",
    'import { X } from "../../adapters/sharepoint/index.js";',
  ],
  ["the UI: PnPjs", "src/ui/probe.tsx", 'import { spfi } from "@pnp/sp";'],
  [
    "the UI: graph-client",
    "src/ui/probe.tsx",
    'import { Client } from "@microsoft/microsoft-graph-client";',
  ],
  ["the UI: the emulator", "src/ui/probe.tsx", 'import { X } from "../emulator/directory.js";'],
  ["the emulator: the domain", "src/emulator/probe.ts", 'import { X } from "../domain/roles.js";'],
  ["the emulator: PnPjs", "src/emulator/sharepoint/probe.ts", 'import { spfi } from "@pnp/sp";'],
  [
    "the tab server: the emulator",
    "src/tab-server/probe.ts",
    'import { X } from "../emulator/directory.js";',
  ],
  [
    "the composition root: the emulator",
    "src/main.tsx",
    'import { X } from "./emulator/server.js";',
  ],
];

refused.push(
  [
    "the domain: React, loaded dynamically",
    "src/domain/probe.ts",
    'export const r = import("react");',
  ],
  [
    "the host: the UI, loaded dynamically",
    "src/host/probe.ts",
    'export const s = import("../ui/shell/Shell.js");',
  ],
  [
    "the UI: a host module, loaded dynamically",
    "src/ui/shell/probe.ts",
    'export const t = import("../../host/teams.js");',
  ],
);

const allowed: [string, string, string][] = [
  ["the domain: itself", "src/domain/probe.ts", 'import { X } from "./roles.js";'],
  ["a use-case: the domain", "src/use-cases/probe.ts", 'import { X } from "../domain/roles.js";'],
  [
    "a use-case: a port",
    "src/use-cases/probe.ts",
    'import type { X } from "../ports/repository.js";',
  ],
  [
    "the host: the domain's routes",
    "src/host/probe.ts",
    'import { parseRoute } from "../domain/routes.js";',
  ],
  ["the host: MSAL", "src/host/probe.ts", 'import type { X } from "@azure/msal-browser";'],
  [
    "an adapter: a port and PnPjs",
    "src/adapters/sharepoint/probe.ts",
    'import type { X } from "../../ports/repository.js";\nimport { spfi } from "@pnp/sp";',
  ],
  ["the UI: a use-case", "src/ui/shell/probe.ts", 'import { X } from "../../use-cases/intake.js";'],
  [
    "the UI: a port's type",
    "src/ui/shell/probe.ts",
    'import type { X } from "../../ports/repository.js";',
  ],
  [
    "the UI: a host type",
    "src/ui/shell/probe.ts",
    'import type { ThemeKind } from "../../host/theme.js";',
  ],
  ["the UI: Fluent UI", "src/ui/probe.tsx", 'import { Button } from "@fluentui/react-components";'],
  [
    "the emulator: the demo tenant",
    "src/emulator/probe.ts",
    'import { X } from "../demo-tenant/index.js";',
  ],
  [
    "the tab server: the demo tenant",
    "src/tab-server/probe.ts",
    'import { X } from "../demo-tenant/index.js";',
  ],
  [
    "the composition root: adapters and UI",
    "src/main.tsx",
    'import { X } from "./adapters/files/index.js";\nimport { App } from "./ui/App.js";',
  ],
];

describe("each layer imports only along its allowed edges", () => {
  test.each(refused)("refused: %s", async (_name, path, source) => {
    expect(await importProblems(path, `${source}\nexport const probe = 1;\n`)).toHaveLength(1);
  });

  test.each(allowed)("allowed: %s", async (_name, path, source) => {
    expect(await importProblems(path, `${source}\nexport const probe = 1;\n`)).toEqual([]);
  });
});

describe("the fences cover src/ once", () => {
  test("every entry under src/ belongs to exactly one layer", () => {
    const entries = readdirSync(join(root, "src")).map((name) => `src/${name}`);
    const owners = entries.map((entry) => ({
      entry,
      layers: LAYERS.filter((l) => l.dir === entry).map((l) => l.name),
    }));
    expect(owners.filter((o) => o.layers.length !== 1)).toEqual([]);
  });

  test("only the layers' fences set the import rule", () => {
    const blocks = config.filter((block) =>
      Object.keys(block.rules ?? {}).some(
        (rule) => rule === IMPORT_RULE || rule === "no-restricted-imports",
      ),
    );
    expect(blocks.map((b) => b.files)).toEqual(
      LAYERS.map((l) => [l.dir.endsWith(".tsx") ? l.dir : `${l.dir}/**/*.{ts,tsx,js}`]),
    );
  });

  test("a file deep in a layer gets that layer's fence", async () => {
    for (const layer of LAYERS) {
      const path = layer.dir.endsWith(".tsx") ? layer.dir : `${layer.dir}/a/b/probe.ts`;
      const computed = (await eslint.calculateConfigForFile(join(root, path))) as Linter.Config;
      const rule = computed.rules?.[IMPORT_RULE] as [unknown, { patterns: { message: string }[] }];
      expect(rule[1].patterns[0]?.message).toBe(layer.message);
    }
  });
});
