/**
 * Sane ranges as domain rules, each problem a code naming the field: amounts of kroner up to
 * AMOUNT_MAX, dates between DATE_MIN and DATE_MAX, a legal deadline not before 2020, and text
 * lengths counted as SharePoint counts them (UTF-16 units) against its own limits.
 */
import { validateBenefit } from "../../src/domain/benefits.js";
import { validateFundingProposal } from "../../src/domain/funding.js";
import {
  validateBudgetFrame,
  validateBudgetLine,
  validateInitiative,
} from "../../src/domain/portfolio.js";
import {
  AMOUNT_MAX,
  DATE_MAX,
  DATE_MIN,
  LEGAL_DEADLINE_MIN,
  NOTE_MAX,
  TEXT_MAX,
} from "../../src/domain/validation.js";
import { aBudgetLine, anInitiative } from "../support/builders.js";
import { inDanish } from "../support/problem-words.js";

const problemsOf = (v: { ok: true } | { ok: false; problems: { field: string }[] }) =>
  v.ok ? [] : v.problems;

describe("the limits are SharePoint's own", () => {
  test("a single line of text holds 255 characters, a plain note 63,999", () => {
    expect([TEXT_MAX, NOTE_MAX]).toEqual([255, 63_999]);
  });

  test.each([
    ["a title of 255 characters", { title: "x".repeat(255) }, []],
    ["a title of 256", { title: "x".repeat(256) }, ["Titel må højst være 255 tegn (er 256)."]],
    [
      "an emoji counts two, as SharePoint stores it",
      { title: `${"x".repeat(254)}👍` },
      ["Titel må højst være 255 tegn (er 256)."],
    ],
    ["a summary of 63,999", { summary: "x".repeat(63_999) }, []],
    [
      "a summary of 64,000",
      { summary: "x".repeat(64_000) },
      ["Resumé må højst være 63999 tegn (er 64000)."],
    ],
  ])("%s", (_, o, words) => {
    const v = validateInitiative(anInitiative(o));
    expect(v.ok ? [] : v.problems.map(inDanish)).toEqual(words);
  });
});

describe("amounts", () => {
  test.each([
    ["1 billion kr. is the most", AMOUNT_MAX, []],
    [
      "99,999,999,999,999 kr. is refused, naming the field",
      99_999_999_999_999,
      ["Beløb må højst være 1.000.000.000 kr."],
    ],
    ["a negative amount is refused", -1, ["Beløb skal være mindst 0."]],
  ])("a budget line: %s", (_, amount, words) => {
    const v = validateBudgetLine(aBudgetLine({ amount }));
    expect(v.ok ? [] : v.problems.map(inDanish)).toEqual(words);
  });

  test("a budget frame and a benefit's target have the same ceiling", () => {
    const frame = validateBudgetFrame({
      title: "Ramme",
      year: 2027,
      kind: "Anlæg",
      amount: AMOUNT_MAX + 1,
      source: null,
    });
    expect(problemsOf(frame).map((p) => p.field)).toEqual(["amount"]);
    const benefit = validateBenefit({
      title: "Færre opkald",
      initiative: { id: 1 as never, title: "A" },
      kind: "Økonomisk",
      indicator: "Opkald",
      unit: "kr.",
      baseline: null,
      targetPessimistic: null,
      targetExpected: 99_999_999_999_999,
      targetOptimistic: null,
      isDisbenefit: false,
      owner: null,
      measurementPlan: "",
      targetDate: null,
      nextMeasurementDue: null,
      state: "Foreslået",
    } as never);
    expect(problemsOf(benefit).map((p) => p.field)).toContain("targetExpected");
  });

  test("a funding proposal's yearly amount has the same ceiling", () => {
    const v = validateFundingProposal({
      title: "Pulje",
      initiatives: [{ id: 1 as never, title: "A" }],
      source: "Puljer",
      forum: "ØU",
      state: "Kladde",
      rationale: "",
      amountsByYear: [{ year: 2027, amount: AMOUNT_MAX * 10 }],
    } as never);
    expect(v.ok ? [] : v.problems.map(inDanish)).toEqual([
      "Beløb pr. år må højst være 1.000.000.000 kr.",
    ]);
  });
});

describe("dates", () => {
  test.each([
    [
      "a legal deadline in 2001 is a mistyped year",
      "2001-07-01T00:00:00Z",
      ["Lovkravsfrist skal ligge mellem 2020-01-01 og 2100-12-31."],
    ],
    ["from 2020 it is taken", LEGAL_DEADLINE_MIN, []],
    [
      "after 2100 it is not",
      "2101-01-01T00:00:00Z",
      ["Lovkravsfrist skal ligge mellem 2020-01-01 og 2100-12-31."],
    ],
    [
      "a year before 2000 is said once",
      "0202-01-01T00:00:00Z",
      ["Lovkravsfrist skal ligge mellem 2020-01-01 og 2100-12-31."],
    ],
  ])("%s", (_, legalDeadline, words) => {
    const v = validateInitiative(anInitiative({ mandatory: true, legalDeadline }));
    expect(v.ok ? [] : v.problems.map(inDanish)).toEqual(words);
  });

  test.each([
    ["before 2000", "1999-12-31T00:00:00Z", false],
    ["at the first day", DATE_MIN, true],
    ["at the last", DATE_MAX, true],
  ])("any other date field: %s", (_, standaloneGroupFrom, ok) => {
    const v = validateInitiative(anInitiative({ standaloneGroupFrom }));
    expect(problemsOf(v).some((p) => p.field === "standaloneGroupFrom")).toBe(!ok);
  });
});
