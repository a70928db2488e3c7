/**
 * The tab loads each capability's texts with its view (src/ui/i18n/lazy.ts): every view must
 * name the texts its modules show, the shell must show none of them, and loading and switching
 * language must bring the texts in.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

import { createI18n } from "../../src/ui/i18n/index.js";
import {
  createTabI18n,
  FEATURES,
  featuresPending,
  loadedFeatures,
  switchLanguage,
} from "../../src/ui/i18n/lazy.js";
import {
  code,
  namespacesUsedBy,
  reachable,
  rel,
  resolveImport,
  ROOT,
} from "../support/source-graph.js";

const VIEWS = join(ROOT, "src/ui/shell/views.ts");
const FEATURE_DIR = join(ROOT, "src/ui/i18n/features");

/** Each `lazyView(() => import("..."), [features])` of views.ts: the module and its features. */
function lazyViews(): { module: string; features: string[] }[] {
  const re = /lazyView\(\s*\(\)\s*=>\s*import\(\s*["']([^"']+)["']\s*\)\s*,\s*\[([^\]]*)\]/g;
  return [...code(VIEWS).matchAll(re)].map((m) => ({
    module: resolveImport(VIEWS, m[1] as string) ?? `(unresolved) ${m[1]}`,
    features: [...(m[2] as string).matchAll(/["']([^"']+)["']/g)].map((f) => f[1] as string),
  }));
}

/** The namespaces the files reached from `entry` use, with the files that use each. */
function namespacesFrom(entries: string[], stop?: (file: string) => boolean) {
  const used = new Map<string, string[]>();
  for (const file of reachable(entries, { followDynamic: true, ...(stop ? { stop } : {}) })) {
    if (!file.includes("/src/ui/") || file.endsWith(".json")) continue;
    for (const ns of namespacesUsedBy(file, FEATURES)) {
      used.set(ns, [...(used.get(ns) ?? []), rel(file)]);
    }
  }
  return used;
}

describe("the features whose texts load with their views", () => {
  it("are the files of src/ui/i18n/features/ but the kit's, in both languages", () => {
    const files = readdirSync(FEATURE_DIR).filter((f) => f.endsWith(".json"));
    const names = [...new Set(files.map((f) => f.replace(/\.(da|en)\.json$/, "")))];
    expect(names.filter((n) => n !== "kit").sort()).toEqual([...FEATURES].sort());
    for (const n of names) {
      expect(files).toEqual(expect.arrayContaining([`${n}.da.json`, `${n}.en.json`]));
    }
  });

  it("every lazy view names the features whose texts its modules use", () => {
    const views = lazyViews();
    expect(views.length).toBeGreaterThanOrEqual(10);
    const missing = views.flatMap((v) =>
      [...namespacesFrom([v.module])]
        .filter(([ns]) => !v.features.includes(ns))
        .map(([ns, files]) => `${rel(v.module)} shows ${ns}.* (${files.join(", ")})`),
    );
    expect(missing).toEqual([]);
  });

  it("the shell (everything the tab loads before a view) shows no feature's texts", () => {
    const lazyModules = new Set(lazyViews().map((v) => v.module));
    const shell = namespacesFrom([join(ROOT, "src/main.tsx")], (f) => lazyModules.has(f));
    expect([...shell].map(([ns, files]) => `${ns}.* in ${files.join(", ")}`)).toEqual([]);
  });
});

describe("loading a feature's texts", () => {
  it("a tab instance starts with the shell's and the kit's texts only", () => {
    const i18n = createTabI18n("da");
    expect(i18n.t("app.name")).toBe("Digistyr");
    expect(i18n.t("kit.empty")).toBe("Der er intet at vise.");
    expect(loadedFeatures(i18n)).toEqual([]);
    expect(i18n.t("portfolio.title")).toBe("portfolio.title");
  });

  it("brings the texts in, in the language shown, and is then done", async () => {
    const all = createI18n("da");
    const i18n = createTabI18n("da");
    const pending = featuresPending(i18n, ["portfolio", "status"]);
    expect(pending).toBeInstanceOf(Promise);
    expect(featuresPending(i18n, ["status", "portfolio"])).toBe(pending);
    await pending;
    expect(i18n.t("portfolio.title")).toBe(all.t("portfolio.title"));
    expect(i18n.t("status.title")).toBe(all.t("status.title"));
    expect(i18n.getResource("en", "translation", "portfolio")).toBeUndefined();
    expect(featuresPending(i18n, ["portfolio", "status"])).toBeUndefined();
    expect(loadedFeatures(i18n)).toEqual(["portfolio", "status"]);
  });

  it("switching language loads the new language's texts of the features loaded so far", async () => {
    const all = createI18n("en");
    const i18n = createTabI18n("da");
    await featuresPending(i18n, ["meetings"]);
    await switchLanguage(i18n, "en");
    expect(i18n.language).toBe("en");
    expect(i18n.t("meetings.title")).toBe(all.t("meetings.title"));
    expect(i18n.t("meetings.title")).not.toBe(createI18n("da").t("meetings.title"));
  });

  it("an instance with every text (tests, tools) needs no loading", () => {
    expect(featuresPending(createI18n("en"), FEATURES)).toBeUndefined();
  });
});
