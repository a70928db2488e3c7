/**
 * Every prioritization rule reads as a sentence in Danish and in English, naming who wrote the
 * item and, where the rule has them, the candidate, criterion, values and times.
 */
import type { Person } from "../../src/domain/common.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import type { IrregularityParams } from "../../src/domain/irregularities.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import { irregularityText } from "../../src/ui/prioritization/irregularities.js";
import type { PrioritizationRule } from "../../src/use-cases/prioritization-irregularities.js";

const lise: Person = { id: idOf<PersonId>(5), name: "Lise Bech", email: "lise@x.dk" };

/** Each rule with the parameters the checks give it. */
const RULES = {
  "ballot.malformed": {},
  "ballot.notCandidate": { candidate: 9 },
  "ballot.duplicateCandidate": { candidate: 1 },
  "ballot.unknownCriterion": { candidate: 1, criterion: "7" },
  "ballot.scoreOutOfRange": { candidate: 1, criterion: "2", value: 1_000_000, min: 0, max: 4 },
  "ballot.rankMissing": { candidate: 1, value: 1.5 },
  "ballot.ranksNotConsecutive": { ranks: "1, 3" },
  "ballot.pointsInvalid": { candidate: 1, value: -5 },
  "ballot.pointsOverLimit": { total: 12, max: 10 },
  "ballot.noPrice": { candidate: 1 },
  "ballot.overBudget": { total: 1_100_000, max: 1_000_000 },
  "ballot.objectionWithoutReason": { candidate: 1 },
  "ballot.noRound": {},
  "ballot.noAuthor": {},
  "ballot.authorNotVoter": {},
  "ballot.voterMismatch": { claimed: "Jonas Lind" },
  "ballot.keyMismatch": { key: "1:4" },
  "ballot.createdBeforeOpen": { created: "2026-02-28T08:00:00Z", opened: "2026-03-01T08:00:00Z" },
  "ballot.createdAfterClose": { created: "2026-03-16T08:00:00Z", closed: "2026-03-15T16:00:00Z" },
  "ballot.extra": { counted: 3 },
  "ballot.editedByOther": {},
  "ballot.changedAfterClose": { modified: "2026-03-16T08:00:00Z", closed: "2026-03-15T16:00:00Z" },
  "ballot.deletedAfterClose": {},
  "ballot.notCountedAtClose": {},
  "ballot.roundNotCountable": { method: "Prikker" },
  "comparison.noAuthor": {},
  "comparison.authorNotVoter": {},
  "comparison.keyMismatch": { key: "1:1:2:4", claimed: 4, claimedName: "Jonas Lind" },
  "comparison.malformed": {},
  "comparison.sameCriterion": { criterion: 1 },
  "comparison.extra": { counted: 3 },
  "comparison.editedByOther": {},
  "comparison.valueOutOfRange": { value: 1_000_000, min: -9, max: 9 },
  "round.resultMissing": {},
  "round.resultInvalid": {},
} satisfies Record<PrioritizationRule, IrregularityParams>;

const listOf = (rule: string) =>
  rule.startsWith("ballot.")
    ? "Ballots"
    : rule.startsWith("comparison.")
      ? "Comparisons"
      : "Rounds";

describe.each(["da", "en"] as const)("in %s", (language) => {
  const i18n = createI18n(language);
  const names = {
    candidates: new Map([
      [1, "Digital post"],
      [9, "Chatbot"],
    ]),
    criteria: new Map([[2, "Økonomi"]]),
  };

  it.each(Object.entries(RULES))("%s reads as a sentence naming who wrote it", (rule, params) => {
    const text = irregularityText(
      i18n.t,
      language,
      { list: listOf(rule), item: 12, rule, params, by: lise },
      names,
    );
    expect(text).toContain("12");
    expect(text).toContain("Lise Bech");
    expect(text).not.toMatch(/\{\{|rounds\.rules|undefined|NaN/);
    expect(text).toMatch(/\.$/);
  });
});

it("names the candidate, criterion, value and range of the 1,000,000 score, in both languages", () => {
  const rule = {
    list: "Ballots" as const,
    item: 12,
    rule: "ballot.scoreOutOfRange",
    params: RULES["ballot.scoreOutOfRange"],
    by: lise,
  };
  const names = { candidates: new Map([[1, "Digital post"]]), criteria: new Map([[2, "Økonomi"]]) };
  expect(irregularityText(createI18n("da").t, "da", rule, names)).toBe(
    "Stemmeseddel 12 fra Lise Bech giver Digital post værdien 1000000 på kriterium Økonomi, hvor 0–4 er tilladt, og tælles ikke med.",
  );
  expect(irregularityText(createI18n("en").t, "en", rule, names)).toBe(
    "Ballot 12 from Lise Bech gives Digital post the value 1000000 on criterion Økonomi, where 0–4 is allowed, and is not counted.",
  );
  expect(irregularityText(createI18n("da").t, "da", { ...rule, by: null }, names, true)).toMatch(
    /^Din stemmeseddel \(nr\. 12\) giver Digital post/,
  );
});
