/**
 * One word for the committee's SharePoint site in each language: "SharePoint-webstedet" (Danish,
 * as Microsoft's own Danish UI says) and "SharePoint site" (English), never a mix.
 */
import { translations } from "../../src/ui/i18n/index.js";

const { da, en } = translations;

/** Every string in a translation tree. */
function texts(tree: unknown): string[] {
  if (typeof tree === "string") return [tree];
  if (tree && typeof tree === "object") return Object.values(tree).flatMap(texts);
  return [];
}

describe("SharePoint site terminology in the UI texts", () => {
  it.each([
    ["da", texts(da), /SharePoint-site|\bsite(t|s|ts)?\b/i],
    ["en", texts(en), /SharePoint-site|SharePoint web ?site|SharePoint website/i],
  ])("%s uses one word for the site", (_locale, strings, wrong) => {
    expect(strings.length).toBeGreaterThan(0);
    expect(strings.filter((s) => wrong.test(s))).toEqual([]);
  });

  it("the Danish texts say SharePoint-webstedet where the English say SharePoint site", () => {
    expect(texts(da).some((s) => s.includes("SharePoint-webstedet"))).toBe(true);
    expect(texts(en).some((s) => s.includes("SharePoint site"))).toBe(true);
  });
});

/** Every key path of a translation tree, e.g. `portfolio.table.title`. */
function keys(tree: unknown, prefix = ""): string[] {
  if (tree && typeof tree === "object") {
    return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe("translations", () => {
  it("Danish and English hold the same keys", () => {
    const daKeys = new Set(keys(da));
    const enKeys = new Set(keys(en));
    expect([...daKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !daKeys.has(k))).toEqual([]);
  });
});
