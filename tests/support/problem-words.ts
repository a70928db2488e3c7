/**
 * A problem worded as the Danish UI words it (the shared texts and problemText), for tests of
 * long tables of domain problems where the sentence says best what is checked. The code is the
 * contract; these words are what the user reads.
 */
import type { Problem } from "../../src/domain/problems.js";
import { problemText } from "../../src/ui/components/ProblemMessage.js";
import { createI18n } from "../../src/ui/i18n/index.js";

const da = createI18n("da");

export function inDanish(p: Problem): string {
  return problemText(da.t.bind(da), p);
}

/** A row's problem as `<row>: <words>` (an import preview's problems). */
export function inRow(p: Problem & { row: number }): string {
  return `${p.row}: ${inDanish(p)}`;
}
