/**
 * Irregular items: stored items that the committee's counts leave out because they break a rule
 * when read. Anyone with write access to a list can call SharePoint's REST API with their own
 * token and write whatever the list's permissions allow, so every count (tally, turnout,
 * criteria weights, phase, priority, budget sums, status, benefits) is taken only from items
 * that pass the same domain rules on the way out as on the way in, written by someone allowed to
 * write them. Who wrote an item is a fact the server sets (Author/Editor, Created/Modified,
 * the version): a client-written key or voter field is only a claim, checked against those facts.
 *
 * An irregularity names the list, the item, the rule it breaks (a code the UI translates, with
 * parameters), and who wrote it. The chair and the secretary see them ("Uregelmæssigheder"),
 * and `npm run audit` prints them.
 */
import type { Person } from "./common.js";

/**
 * The lists whose items are checked, by their internal (URL) names as in lists-schema. Kept as
 * a string union so the domain does not depend on the schema files.
 */
export type CheckedList =
  | "Ballots"
  | "Comparisons"
  | "Rounds"
  | "Initiatives"
  | "PhaseChanges"
  | "BudgetLines"
  | "BudgetFrames"
  | "StatusReports"
  | "Benefits"
  | "BenefitMeasurements"
  | "Meetings"
  | "MinutesApprovals"
  | "Decisions"
  | "Allocations"
  | "ResourceRequests"
  | "FundingProposals"
  | "Settings"
  | "PortfolioReports";

/** Parameters of a rule's message: plain values the UI formats (numbers, names, dates). */
export type IrregularityParams = Readonly<Record<string, string | number | boolean | null>>;

export interface Irregularity<Code extends string = string> {
  list: CheckedList;
  /** The item's id in its list. */
  item: number;
  /** What is wrong, as a stable code (e.g. `ballot.scoreOutOfRange`); the UI translates it. */
  rule: Code;
  params?: IrregularityParams;
  /**
   * Who wrote the item as the server recorded it: the last editor when the irregularity is in
   * a change (an edit after close), else the author. Null when the server did not say.
   */
  by: Person | null;
}

/** A checked collection: what may be counted, and what may not with the reason. */
export interface Checked<T, Code extends string = string> {
  valid: T[];
  irregular: Irregularity<Code>[];
}

/** Sorted for display and for stable output: by list, then item, then rule. */
export function sortIrregularities<I extends Irregularity>(items: readonly I[]): I[] {
  return [...items].sort(
    (a, b) => a.list.localeCompare(b.list) || a.item - b.item || a.rule.localeCompare(b.rule),
  );
}
