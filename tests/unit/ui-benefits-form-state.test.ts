/**
 * The benefit form's state: typed numbers (Danish decimals), the one kind choice written as
 * kind and cash flag, and the draft the domain checks.
 */
import { validateBenefit } from "../../src/domain/benefits.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import {
  benefitFormReducer,
  draftOf,
  initialForm,
  parseNumber,
} from "../../src/ui/benefits/form-state.js";
import { aRisingBenefit } from "../support/builders-benefits.js";

const initiative = { id: 4 as InitiativeId, title: "Fakturarobot" };

describe("typed numbers", () => {
  it.each([
    ["", null],
    ["12", 12],
    ["12,5", 12.5],
    ["1.500,5", 1500.5],
    ["1 500", 1500],
    ["-3.25", -3.25],
    ["tolv", Number.NaN],
  ])("%j is %p", (text, expected) => {
    expect(parseNumber(text)).toEqual(expected);
  });
});

describe("the form's draft", () => {
  test("a stored benefit's form gives back the benefit's fields", () => {
    const b = aRisingBenefit({
      measurementIntervalMonths: 6,
      firstMeasurementDate: "2026-02-01T00:00:00Z",
    });
    const d = draftOf(initialForm(initiative, b, 2));
    expect(d).toMatchObject({
      kind: b.kind,
      isCash: b.isCash,
      baseline: b.baseline,
      targetExpected: b.targetExpected,
      owner: b.owner,
      measurementIntervalMonths: 6,
    });
  });

  test("the kind choice writes kind and cash flag; a wrong-side target is caught at its field", () => {
    let s = initialForm(initiative, null, 1);
    const steps = [
      { type: "text", field: "title", value: "Færre opkald" },
      { type: "text", field: "indicator", value: "Opkald pr. måned" },
      { type: "class", value: "qualitative" },
      { type: "number", field: "baseline", value: "100" },
      { type: "number", field: "targetExpected", value: "80" },
      { type: "date", field: "firstMeasurementDate", value: "2026-03-01T00:00:00Z" },
    ] as const;
    for (const a of steps) s = benefitFormReducer(s, a);
    const d = draftOf(s);
    expect([d.kind, d.isCash, d.modelVersion, d.nextMeasurementDue]).toEqual([
      "Kvalitativ",
      false,
      1,
      "2026-03-01T00:00:00Z",
    ]);
    const v = validateBenefit(d);
    expect(v.ok ? [] : v.problems.map((p) => [p.code, p.field])).toEqual([
      ["validation.benefit.targetWrongSide", "targetExpected"],
    ]);
    const flipped = validateBenefit(
      draftOf(benefitFormReducer(s, { type: "direction", value: "Lavere er bedre" })),
    );
    expect(flipped.ok).toBe(true);
  });
});
