/** Builders for the AHP tests: criteria ids and a member's judgements from a matrix's rows. */
import type { Judgement } from "../../src/domain/ahp.js";
import { type CriterionId, idOf } from "../../src/domain/ids.js";

export function criteriaIds(n: number): CriterionId[] {
  return Array.from({ length: n }, (_, i) => idOf<CriterionId>(i + 1));
}

/**
 * The judgements behind a published matrix, read from its upper triangle: an entry ≥ 1 is the
 * signed Saaty value itself, an entry 1/v becomes −v.
 */
export function judgementsFromMatrix(rows: readonly (readonly number[])[]): Judgement[] {
  const ids = criteriaIds(rows.length);
  const out: Judgement[] = [];
  rows.forEach((row, i) =>
    row.forEach((x, j) => {
      if (j <= i) return;
      const value = x >= 1 ? Math.round(x) : -Math.round(1 / x);
      out.push({ a: ids[i] as CriterionId, b: ids[j] as CriterionId, value });
    }),
  );
  return out;
}
