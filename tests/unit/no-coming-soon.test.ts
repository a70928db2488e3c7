/**
 * Every view of the menu is built: no source file shows a "coming soon" placeholder and no text
 * of the UI says "Kommer snart" / "Coming soon" in either language.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const SRC = join(import.meta.dirname, "..", "..", "src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const sources = filesUnder(SRC).filter((f) => /\.(tsx?|json)$/.test(f));

test("no source file uses a coming-soon placeholder", () => {
  const placeholders = sources.filter((f) => /ComingSoon/.test(readFileSync(f, "utf8")));
  expect(placeholders).toEqual([]);
});

test("no UI text says a view is coming soon", () => {
  const texts = sources.filter((f) => f.includes(join("ui", "i18n")) && f.endsWith(".json"));
  expect(texts.length).toBeGreaterThan(0);
  const saying = texts.filter((f) => /kommer snart|coming soon/i.test(readFileSync(f, "utf8")));
  expect(saying).toEqual([]);
});
