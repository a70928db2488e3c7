/**
 * An initiative's allocations as a grid: one row per competence and person (the person is
 * optional), one column per month, hours in the cells. The grid is edited as a whole and saved
 * as the changes it makes to the stored allocations; every cell is checked before anything is
 * written.
 */
import type { Ref } from "./common.js";
import type { AllocationId, InitiativeId, ResourceId } from "./ids.js";
import type { Version } from "./ids.js";
import type { Allocation, AllocationDraft } from "./resources.js";
import { validateAllocation } from "./resources.js";
import { type MonthKey, monthOf, monthStart } from "./resources-capacity.js";
import { checkAllocationsAgainstRegister, type RegisterEntry } from "./resources-rules.js";
import type { FieldProblem } from "./validation.js";
import type { Competence } from "./vocabulary.js";

export interface GridRow {
  competence: Competence | null;
  resource: Ref<ResourceId> | null;
  /** Hours per month shown; null or absent is none. */
  hours: Readonly<Record<MonthKey, number | null>>;
}

function rowKey(r: Pick<GridRow, "competence" | "resource">): string {
  return `${r.competence ?? ""}|${r.resource?.id ?? ""}`;
}

/** The grid of an initiative's allocations in the months shown (others are left alone). */
export function gridFromAllocations(
  allocations: readonly Pick<Allocation, "competence" | "resource" | "month" | "hours">[],
  months: readonly MonthKey[],
): GridRow[] {
  const shown = new Set(months);
  const rows = new Map<string, GridRow & { hours: Record<MonthKey, number | null> }>();
  for (const a of allocations) {
    const m = monthOf(a.month);
    const key = rowKey(a);
    const row = rows.get(key) ?? { competence: a.competence, resource: a.resource, hours: {} };
    if (shown.has(m)) row.hours[m] = Math.round(((row.hours[m] ?? 0) + a.hours) * 100) / 100;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** Copies a row's hours in `from` to every later month shown (all rows when `row` is null). */
export function copyMonthForward(
  rows: readonly GridRow[],
  row: number | null,
  from: MonthKey,
  months: readonly MonthKey[],
): GridRow[] {
  const later = months.filter((m) => m > from);
  return rows.map((r, i) => {
    if (row !== null && i !== row) return r;
    const value = r.hours[from] ?? null;
    return { ...r, hours: { ...r.hours, ...Object.fromEntries(later.map((m) => [m, value])) } };
  });
}

export interface AllocationChanges {
  add: AllocationDraft[];
  update: (AllocationDraft & { id: AllocationId; version: Version })[];
  remove: { id: AllocationId; version: Version }[];
}

/** A grid problem: which row and month (null: the row as a whole) it is about. */
export type GridProblem = FieldProblem & { row: number; month: MonthKey | null };

/**
 * The changes that make the stored allocations of the months shown equal the grid: a cell with
 * hours updates the stored allocation of its row and month (or adds one), an emptied cell
 * removes it, and a second stored allocation for the same cell is folded into the first.
 * Problems (bad hours, an unknown person, a person with no capacity, a row with neither
 * competence nor person, two rows for the same competence and person) come back instead of
 * changes: nothing is half-written.
 */
export function planAllocationChanges(
  initiative: Ref<InitiativeId>,
  existing: readonly Allocation[],
  rows: readonly GridRow[],
  months: readonly MonthKey[],
  register: readonly RegisterEntry[],
): { ok: true; value: AllocationChanges } | { ok: false; problems: GridProblem[] } {
  const problems: GridProblem[] = [];
  const seen = new Map<string, number>();
  const wanted = new Map<string, AllocationDraft>();
  rows.forEach((r, row) => {
    const key = rowKey(r);
    if (seen.has(key)) {
      problems.push({
        code: "resources.problem.duplicateRow",
        field: "competence",
        params: { label: { code: "fields.allocation.competence" } },
        row,
        month: null,
      });
      return;
    }
    seen.set(key, row);
    for (const month of months) {
      const hours = r.hours[month];
      if (hours === null || hours === undefined || hours === 0) continue;
      const draft: AllocationDraft = {
        title: `${r.competence ?? r.resource?.title ?? ""} ${month}`.trim().slice(0, 255),
        initiative,
        resource: r.resource,
        competence: r.competence,
        month: monthStart(month),
        hours,
        request: null,
      };
      const v = validateAllocation(draft);
      const found = [
        ...(v.ok ? [] : v.problems),
        ...checkAllocationsAgainstRegister([draft], register),
      ];
      for (const p of found) problems.push({ ...p, index: undefined, row, month } as GridProblem);
      wanted.set(`${key}|${month}`, draft);
    }
  });
  if (problems.length > 0)
    return {
      ok: false,
      problems: problems.map(({ code, params, field, row, month }) => ({
        code,
        ...(params ? { params } : {}),
        field,
        row,
        month,
      })),
    };

  const shown = new Set(months);
  const changes: AllocationChanges = { add: [], update: [], remove: [] };
  const kept = new Set<string>();
  for (const a of existing) {
    const m = monthOf(a.month);
    if (!shown.has(m)) continue;
    const key = `${rowKey(a)}|${m}`;
    const want = wanted.get(key);
    if (!want || kept.has(key)) {
      changes.remove.push({ id: a.id, version: a.version });
      continue;
    }
    kept.add(key);
    if (a.hours !== want.hours)
      changes.update.push({ ...a, hours: want.hours, id: a.id, version: a.version });
  }
  for (const [key, draft] of wanted) if (!kept.has(key)) changes.add.push(draft);
  return { ok: true, value: changes };
}
