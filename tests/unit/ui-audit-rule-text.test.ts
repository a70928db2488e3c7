/**
 * Every rule the site's checks can produce has words in Danish and in English. `RULE_FAMILY`
 * lists every code (its type, a record over the union of the checks' rule codes, holds it
 * complete: a new code without an entry does not compile), and this walks each one: its text
 * exists in both languages with the same parameters, and reads as a sentence with every
 * parameter filled in. Every list a finding can name has a name in both languages.
 */
import type { CheckedList } from "../../src/domain/irregularities.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import {
  type AuditRule,
  RULE_FAMILY,
  ruleKey,
  ruleText,
} from "../../src/ui/irregularities/rule-text.js";

const LANGUAGES = ["da", "en"] as const;
const i18n = { da: createI18n("da"), en: createI18n("en") };

const RULES = Object.keys(RULE_FAMILY) as AuditRule[];

/** The list a rule's items are in (for the prioritization rules' lead: "Stemmesedlen …"). */
function listOf(rule: AuditRule): CheckedList {
  const prefix = rule.split(".")[0]!;
  const lists: Record<string, CheckedList> = {
    ballot: "Ballots",
    comparison: "Comparisons",
    round: "Rounds",
    initiative: "Initiatives",
    phaseChange: "PhaseChanges",
    budgetLine: "BudgetLines",
    statusReport: "StatusReports",
    benefitMeasurement: "BenefitMeasurements",
  };
  if (rule.startsWith("minutes.irregular.approved")) return "Meetings";
  if (rule.startsWith("minutes.")) return "MinutesApprovals";
  const list = lists[prefix];
  if (!list) throw new Error(`No list for ${rule}`);
  return list;
}

function template(language: "da" | "en", key: string): unknown {
  return i18n[language].getResource(language, "translation", key);
}

/** A value of the kind the checks give a parameter: times as ISO instants, amounts as numbers. */
function sample(name: string): string | number {
  if (/At$|^(created|modified|opened|closed)$/.test(name)) return "2026-03-02T08:00:00Z";
  if (["value", "min", "max", "total", "counted", "candidate"].includes(name)) return 7;
  return `«${name}»`;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

it("walks every rule code of the checks", () => {
  expect(RULES.length).toBeGreaterThanOrEqual(60);
  for (const family of ["prioritization", "portfolio", "minutes"]) {
    expect(RULES.some((r) => RULE_FAMILY[r] === family)).toBe(true);
  }
});

describe.each(RULES)("%s", (rule) => {
  it("has a text in Danish and in English, with the same parameters", () => {
    const da = template("da", ruleKey(rule));
    const en = template("en", ruleKey(rule));
    expect(typeof da).toBe("string");
    expect(typeof en).toBe("string");
    expect(placeholders(en as string)).toEqual(placeholders(da as string));
  });

  it.each(LANGUAGES)("reads in %s as a sentence with every parameter filled in", (language) => {
    const params = Object.fromEntries(
      placeholders(template(language, ruleKey(rule)) as string).map((p) => [p, sample(p)]),
    );
    const text = ruleText(i18n[language].t, language, {
      list: listOf(rule),
      item: 12,
      rule,
      params,
      by: { id: 5 as never, name: "Lise Bech", email: "lise@x.dk" },
    });
    expect(text).not.toMatch(/\{\{|\}\}|undefined|NaN/);
    expect(text).not.toContain(ruleKey(rule));
    expect(text).toMatch(/^\p{Lu}/u);
    expect(text).toMatch(/\.$/);
  });
});

const LISTS = {
  Ballots: true,
  Comparisons: true,
  Rounds: true,
  Initiatives: true,
  PhaseChanges: true,
  BudgetLines: true,
  BudgetFrames: true,
  StatusReports: true,
  Benefits: true,
  BenefitMeasurements: true,
  Meetings: true,
  MinutesApprovals: true,
  Decisions: true,
  Allocations: true,
  ResourceRequests: true,
  FundingProposals: true,
  Settings: true,
  PortfolioReports: true,
} satisfies Record<CheckedList, true>;

it.each(Object.keys(LISTS))("the list %s has a name in Danish and in English", (list) => {
  for (const language of LANGUAGES) {
    expect(typeof template(language, `irregularities.lists.${list}`)).toBe("string");
  }
});

it("a code from a newer version of the checks reads as the code", () => {
  expect(
    ruleText(i18n.da.t, "da", { list: "Settings", item: 1, rule: "setting.unknown", by: null }),
  ).toBe("setting.unknown");
});
