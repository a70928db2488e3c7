/**
 * The site's audit: every irregularity of every check in one list, each dated and placed. The
 * checks name an item, the rule it breaks and who wrote it; to show the finding (the
 * "Uregelmæssigheder" page) and print it (`npm run audit`) it also needs when that person wrote
 * it (the time the server recorded: Modified for the last editor, Created for the author) and the
 * page of the tab the item belongs to (its initiative, round, meeting or the criteria page).
 * Both come from the items the checks read, handed over as `ReadItem`s.
 */
import type { IsoDateTime, Person } from "./common.js";
import { type CheckedList, type Irregularity, sortIrregularities } from "./irregularities.js";

/** A reference as a lookup column gives it. */
interface ItemRef {
  id: number;
  title: string;
}

/**
 * What a check read of one item, as far as the audit needs it: the facts the server sets
 * (Created, Modified, Author, Editor) and the item it belongs to. Every stored entity fits.
 */
export interface ReadItem {
  id: number;
  title?: string;
  created?: IsoDateTime;
  modified?: IsoDateTime;
  createdBy?: Person | null;
  modifiedBy?: Person | null;
  initiative?: ItemRef | null;
  round?: ItemRef | null;
  meeting?: ItemRef | null;
  benefit?: ItemRef | null;
  weightSet?: ItemRef | null;
}

/** Hands over the items a check read of one list (called once or more per list). */
export type OnItemsRead = (list: CheckedList, items: readonly ReadItem[]) => void;

/** The page of the tab that shows what a finding is about. */
export type FindingSubject =
  | { kind: "initiative"; id: number; title: string }
  | { kind: "round"; id: number; title: string }
  | { kind: "meeting"; id: number; title: string }
  /** The criteria and weights page (a comparison of a weight set). */
  | { kind: "weights"; id: number; title: string };

/** An irregularity with when its writer wrote the item and where the tab shows it. */
export interface Finding extends Irregularity {
  /**
   * When `by` last wrote the item, as the server recorded it: Modified when `by` is the item's
   * last editor, else Created when `by` is its author, else Modified. Null when the item is
   * gone (a ballot deleted after close) or the server did not say.
   */
  at: IsoDateTime | null;
  /** The item's page (or the page of what it belongs to); null when the tab has none. */
  subject: FindingSubject | null;
}

/** The items read, by list and id (later reads of the same item win). */
export class ReadItems {
  private readonly byList = new Map<CheckedList, Map<number, ReadItem>>();

  readonly add: OnItemsRead = (list, items) => {
    const known = this.byList.get(list) ?? new Map<number, ReadItem>();
    for (const i of items) known.set(i.id, i);
    this.byList.set(list, known);
  };

  get(list: CheckedList, id: number): ReadItem | undefined {
    return this.byList.get(list)?.get(id);
  }
}

const samePerson = (a: Person | null | undefined, b: Person | null | undefined) =>
  !!a && !!b && a.id === b.id;

/** When `by` last wrote `item` (see `Finding.at`). */
export function writtenAt(item: ReadItem | undefined, by: Person | null): IsoDateTime | null {
  if (!item) return null;
  if (by && samePerson(item.modifiedBy, by)) return item.modified ?? null;
  if (by && samePerson(item.createdBy, by)) return item.created ?? null;
  return item.modified ?? item.created ?? null;
}

/** The page that shows what an item of `list` is about. */
export function subjectOf(
  list: CheckedList,
  id: number,
  read: Pick<ReadItems, "get">,
  params: Irregularity["params"] = {},
): FindingSubject | null {
  const item = read.get(list, id);
  /** A reference with the title of the item as read, if it was (else the lookup's title). */
  const ref = (of: CheckedList, r: ItemRef | null | undefined): ItemRef | null =>
    r ? { id: r.id, title: read.get(of, r.id)?.title ?? r.title } : null;
  const own = (): ItemRef => ({ id, title: item?.title ?? "" });
  const of = (kind: FindingSubject["kind"], r: ItemRef | null): FindingSubject | null =>
    r ? { kind, ...r } : null;
  switch (list) {
    case "Initiatives":
      return of("initiative", own());
    case "Rounds":
      return of("round", own());
    case "Meetings":
      return of("meeting", own());
    case "Ballots":
      return of("round", ref("Rounds", item?.round));
    case "Comparisons":
      return of("weights", item?.weightSet ? { ...item.weightSet } : null);
    case "MinutesApprovals": {
      const fromParams =
        typeof params?.meetingId === "number"
          ? { id: params.meetingId, title: String(params.meeting ?? "") }
          : null;
      return of("meeting", ref("Meetings", item?.meeting ?? fromParams));
    }
    case "PhaseChanges":
    case "BudgetLines":
    case "StatusReports":
    case "Benefits":
      return of("initiative", ref("Initiatives", item?.initiative));
    case "BenefitMeasurements": {
      const benefit = item?.benefit ? read.get("Benefits", item.benefit.id) : undefined;
      return of("initiative", ref("Initiatives", benefit?.initiative));
    }
    default:
      return null;
  }
}

/**
 * The findings of several checks as one list: deduplicated (one per list, item and rule, the
 * first kept), dated and placed from the items read, sorted by list, item and rule.
 */
export function auditFindings(
  irregularities: readonly Irregularity[],
  read: Pick<ReadItems, "get">,
): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const i of irregularities) {
    const key = `${i.list}\u0000${i.item}\u0000${i.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ...i,
      at: writtenAt(read.get(i.list, i.item), i.by),
      subject: subjectOf(i.list, i.item, read, i.params),
    });
  }
  return sortIrregularities(out);
}

/** The writer as the command line prints it: the e-mail (UPN) the site knows, or null. */
export function writerOf(finding: Pick<Irregularity, "by">): string | null {
  const email = finding.by?.email.trim() ?? "";
  return email === "" ? null : email;
}

/** One line of `npm run audit`: exactly list, item, rule and by, in that order. */
export function auditLine(finding: Irregularity): {
  list: CheckedList;
  item: number;
  rule: string;
  by: string | null;
} {
  return { list: finding.list, item: finding.item, rule: finding.rule, by: writerOf(finding) };
}
