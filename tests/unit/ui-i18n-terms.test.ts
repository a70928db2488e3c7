/**
 * One word for the committee's SharePoint site in each language: "SharePoint-webstedet" (Danish,
 * as Microsoft's own Danish UI says) and "SharePoint site" (English), never a mix.
 */
import da from "../../src/ui/i18n/da.json" with { type: "json" };
import en from "../../src/ui/i18n/en.json" with { type: "json" };

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
