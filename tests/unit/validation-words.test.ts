/**
 * Every validation code the domain can return, and every field label it names, has words in
 * the shared texts (da.json and en.json, loaded before any view) in both languages, and a
 * problem worded with them reads as the sentence the user sees.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import * as benefits from "../../src/domain/benefits.js";
import * as funding from "../../src/domain/funding.js";
import * as meetings from "../../src/domain/meetings.js";
import * as personal from "../../src/domain/personal.js";
import * as portfolio from "../../src/domain/portfolio.js";
import * as prioritization from "../../src/domain/prioritization.js";
import type { Problem } from "../../src/domain/problems.js";
import * as resources from "../../src/domain/resources.js";
import * as strategy from "../../src/domain/strategy.js";
import type { FieldRule } from "../../src/domain/validation.js";
import { problemText } from "../../src/ui/components/ProblemMessage.js";
import da from "../../src/ui/i18n/da.json" with { type: "json" };
import en from "../../src/ui/i18n/en.json" with { type: "json" };
import { createI18n } from "../../src/ui/i18n/index.js";

const lookup = (tree: unknown, key: string): unknown =>
  key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], tree);

const ruleTables = Object.entries({
  ...benefits,
  ...funding,
  ...meetings,
  ...personal,
  ...portfolio,
  ...prioritization,
  ...resources,
  ...strategy,
}).filter(([name]) => name.endsWith("_RULES")) as [string, Record<string, FieldRule>][];

const labelCodes = [
  ...new Set(ruleTables.flatMap(([, rules]) => Object.values(rules).map((r) => r.label))),
];

/** The codes and label codes written literally in the domain's source. */
function codesInSource(): string[] {
  const dir = join(process.cwd(), "src/domain");
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const m of text.matchAll(/"((?:validation|fields)\.[a-zA-Z.]+[a-zA-Z])"/g)) {
      if (m[1]) found.add(m[1]);
    }
    // A ballot's payload problems are worded as `validation.<ballot code>`.
    if (file === "tally.ts") {
      for (const m of text.matchAll(/code: "(ballot\.[a-zA-Z]+)"/g))
        found.add(`validation.${m[1]}`);
    }
  }
  return [...found].sort();
}

describe("the words of validation problems", () => {
  it("finds the rule tables and the codes", () => {
    expect(ruleTables.length).toBeGreaterThan(20);
    expect(codesInSource()).toContain("validation.required");
  });

  it.each(labelCodes.map((c) => [c]))("label %s has words in both languages", (code) => {
    expect(code).toMatch(/^fields\.[a-zA-Z]+\.[a-zA-Z]+$/);
    expect(typeof lookup(da, code)).toBe("string");
    expect(typeof lookup(en, code)).toBe("string");
  });

  it.each(codesInSource().map((c) => [c]))("%s has words in both languages", (code) => {
    expect(typeof lookup(da, code)).toBe("string");
    expect(typeof lookup(en, code)).toBe("string");
  });

  it("words a problem with its field's label in the UI language", async () => {
    const p: Problem = {
      code: "validation.maxLength",
      field: "title",
      params: { label: { code: "fields.initiative.title" }, max: 255, length: 256 },
    };
    const i18n = createI18n("da");
    expect(problemText(i18n.t.bind(i18n) as never, p)).toBe(
      "Titel må højst være 255 tegn (er 256).",
    );
    await i18n.changeLanguage("en");
    expect(problemText(i18n.t.bind(i18n) as never, p)).toBe(
      "Title can be at most 255 characters (is 256).",
    );
  });
});
