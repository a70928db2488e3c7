/**
 * Capacity against allocation, per competence and month and per person and month: the numbers
 * the heatmap shows and the optimizer's capacity rows are built from (one function for both, so
 * they cannot disagree).
 *
 * Choices made here:
 * - A person's capacity in a month is their registered hours per month, less the share of the
 *   month's calendar days they are absent (an absence of 15 of 30 days halves it). Inactive
 *   people and people without a capacity count 0.
 * - A person with several competences offers their capacity split evenly between them.
 * - An allocation counts for its own competence, else its person's first competence; one with
 *   neither is left out. It counts in the month of its `month` (UTC).
 * - A cell is over-allocated when more hours are allocated than there is capacity (with no
 *   capacity at all, any hours are over). The initiatives in a cell are listed by hours, most
 *   first, so the ones that cause the over-allocation come first.
 */
import type { Ref } from "./common.js";
import type { InitiativeId, ResourceId } from "./ids.js";
import type { Absence, AllocationDraft, ResourceDraft } from "./resources.js";
import type { Competence } from "./vocabulary.js";

/** A month as `2026-03`. */
export type MonthKey = string;

const DAY = 86_400_000;

/** The month (`2026-03`) of an ISO date-time. */
export function monthOf(iso: string): MonthKey {
  return iso.slice(0, 7);
}

/** The first day of a month as an ISO date-time in UTC. */
export function monthStart(month: MonthKey): string {
  return `${month}-01T00:00:00Z`;
}

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: MonthKey, n: number): MonthKey {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${year}-${String(mm + 1).padStart(2, "0")}`;
}

/** The months from `from`'s to `to`'s (at least `from`'s), at most 120. */
export function monthsBetween(from: string, to: string): MonthKey[] {
  const start = monthOf(from);
  const end = monthOf(to < from ? from : to);
  const out: MonthKey[] = [];
  for (let m = start; out.length < 120; m = addMonths(m, 1)) {
    out.push(m);
    if (m >= end) break;
  }
  return out;
}

function daysIn(month: MonthKey): number {
  const start = Date.parse(monthStart(month));
  return Math.round((Date.parse(monthStart(addMonths(month, 1))) - start) / DAY);
}

/** The share (0..1) of a month's calendar days covered by the absences (overlaps once). */
export function absentShare(absences: readonly Absence[], month: MonthKey): number {
  const first = Date.parse(monthStart(month)) / DAY;
  const days = daysIn(month);
  const away = new Set<number>();
  for (const a of absences) {
    const from = Math.floor(Date.parse(a.from) / DAY);
    const to = Math.floor(Date.parse(a.to) / DAY);
    if (Number.isNaN(from) || Number.isNaN(to)) continue;
    for (let d = Math.max(from, first); d <= Math.min(to, first + days - 1); d++) away.add(d);
  }
  return away.size / days;
}

/** What a person registers, as the capacity needs it. */
export type CapacityResource = Pick<
  ResourceDraft,
  "title" | "active" | "capacityHoursPerMonth" | "competences" | "absences"
> & { id: ResourceId };

/** What an allocation contributes to the load. */
export type LoadAllocation = Pick<
  AllocationDraft,
  "initiative" | "resource" | "competence" | "month" | "hours"
>;

/** A person's hours in a month after absence (0 when inactive or without capacity). */
export function capacityIn(resource: CapacityResource, month: MonthKey): number {
  if (!resource.active || !resource.capacityHoursPerMonth) return 0;
  return round2(resource.capacityHoursPerMonth * (1 - absentShare(resource.absences ?? [], month)));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The competence an allocation counts for: its own, else its person's first. */
export function competenceOf(
  a: Pick<LoadAllocation, "competence" | "resource">,
  resources: ReadonlyMap<ResourceId, CapacityResource>,
): Competence | null {
  return a.competence ?? (a.resource ? resources.get(a.resource.id)?.competences[0] : null) ?? null;
}

/** One initiative's hours in a cell. */
export interface CellShare {
  initiative: Ref<InitiativeId>;
  hours: number;
}

/** Allocated against capacity in one row (competence or person) and month. */
export interface LoadCell {
  month: MonthKey;
  capacity: number;
  allocated: number;
  /** Hours allocated beyond capacity (0 when within). */
  over: number;
  /** The initiatives allocated here, most hours first. */
  initiatives: CellShare[];
}

export interface LoadRow<K extends string | number> {
  key: K;
  label: string;
  cells: LoadCell[];
}

/** A heatmap: rows × months. */
export interface LoadGrid<K extends string | number> {
  months: MonthKey[];
  rows: LoadRow<K>[];
}

export interface LoadInput {
  resources: readonly CapacityResource[];
  allocations: readonly LoadAllocation[];
  /** The months to show, in order. */
  months: readonly MonthKey[];
}

/** The months from `from` for `count` months. */
export function monthRange(from: MonthKey, count: number): MonthKey[] {
  return Array.from({ length: count }, (_, i) => addMonths(from, i));
}

class Accumulator {
  readonly capacity = new Map<string, number>();
  readonly allocated = new Map<string, Map<number, CellShare>>();
  add(key: string, a: LoadAllocation): void {
    if (!a.initiative) return;
    const shares = this.allocated.get(key) ?? new Map<number, CellShare>();
    const share = shares.get(a.initiative.id) ?? { initiative: a.initiative, hours: 0 };
    share.hours = round2(share.hours + a.hours);
    shares.set(a.initiative.id, share);
    this.allocated.set(key, shares);
  }
  cell(key: string, month: MonthKey): LoadCell {
    const capacity = round2(this.capacity.get(key) ?? 0);
    const initiatives = [...(this.allocated.get(key)?.values() ?? [])].sort(
      (x, y) => y.hours - x.hours || x.initiative.title.localeCompare(y.initiative.title),
    );
    const allocated = round2(initiatives.reduce((s, i) => s + i.hours, 0));
    return {
      month,
      capacity,
      allocated,
      over: round2(Math.max(0, allocated - capacity)),
      initiatives,
    };
  }
}

/**
 * Competence × month: each competence's capacity (its people's, split evenly over their
 * competences, after absence) against the hours allocated for it. Rows are the competences
 * that have capacity or allocations, in `order`'s order (the vocabulary's).
 */
export function competenceLoad(
  input: LoadInput,
  order: readonly Competence[],
): LoadGrid<Competence> {
  const acc = new Accumulator();
  const byId = new Map(input.resources.map((r) => [r.id, r]));
  const inMonths = new Set(input.months);
  const used = new Set<Competence>();
  for (const r of input.resources) {
    if (r.competences.length === 0) continue;
    for (const m of input.months) {
      const c = capacityIn(r, m) / r.competences.length;
      for (const comp of r.competences) {
        const k = `${comp}|${m}`;
        acc.capacity.set(k, (acc.capacity.get(k) ?? 0) + c);
        if (c > 0) used.add(comp);
      }
    }
  }
  for (const a of input.allocations) {
    const comp = competenceOf(a, byId);
    const m = monthOf(a.month);
    if (!comp || !inMonths.has(m) || !a.hours) continue;
    used.add(comp);
    acc.add(`${comp}|${m}`, a);
  }
  return {
    months: [...input.months],
    rows: order
      .filter((c) => used.has(c))
      .map((c) => ({
        key: c,
        label: c,
        cells: input.months.map((m) => acc.cell(`${c}|${m}`, m)),
      })),
  };
}

/** Person × month: each person's capacity after absence against the hours allocated to them. */
export function personLoad(input: LoadInput): LoadGrid<ResourceId> {
  const acc = new Accumulator();
  const inMonths = new Set(input.months);
  for (const r of input.resources)
    for (const m of input.months) acc.capacity.set(`${r.id}|${m}`, capacityIn(r, m));
  for (const a of input.allocations) {
    const m = monthOf(a.month);
    if (!a.resource || !inMonths.has(m) || !a.hours) continue;
    acc.add(`${a.resource.id}|${m}`, a);
  }
  return {
    months: [...input.months],
    rows: [...input.resources]
      .sort((a, b) => a.title.localeCompare(b.title, "da"))
      .map((r) => ({
        key: r.id,
        label: r.title,
        cells: input.months.map((m) => acc.cell(`${r.id}|${m}`, m)),
      })),
  };
}

/** A cell of a grid, or undefined. */
export function cellAt<K extends string | number>(
  grid: LoadGrid<K>,
  key: K,
  month: MonthKey,
): LoadCell | undefined {
  const i = grid.months.indexOf(month);
  return i < 0 ? undefined : grid.rows.find((r) => r.key === key)?.cells[i];
}

/**
 * What is left of a cell's capacity for new work: its capacity minus the hours the `committed`
 * initiatives already have there, never below 0. The optimizer's capacity row for the cell's
 * competence and month is exactly this.
 */
export function capacityLeft(cell: LoadCell, committed: (id: InitiativeId) => boolean): number {
  const used = cell.initiatives.reduce((s, i) => s + (committed(i.initiative.id) ? i.hours : 0), 0);
  return round2(Math.max(0, cell.capacity - used));
}

/** Every over-allocated cell of a grid, with its row. */
export function overAllocations<K extends string | number>(
  grid: LoadGrid<K>,
): { row: LoadRow<K>; cell: LoadCell }[] {
  return grid.rows.flatMap((row) =>
    row.cells.filter((c) => c.over > 0).map((cell) => ({ row, cell })),
  );
}
