/**
 * Ressourcer's forms as pure state: the allocation grid on an initiative's page (hours kept as
 * typed, one text per row and month) and the register's person form (capacity and absences as
 * typed). Text that is not a number becomes NaN, which the domain refuses naming the field.
 */
import type { Person, Ref } from "../../domain/common.js";
import type { AreaId, PersonId, ResourceId } from "../../domain/ids.js";
import type { Allocation, Resource, ResourceDraft } from "../../domain/resources.js";
import type { MonthKey } from "../../domain/resources-capacity.js";
import { gridFromAllocations, type GridRow } from "../../domain/resources-grid.js";
import type { Competence } from "../../domain/vocabulary.js";

/** Hours as typed, decimal comma allowed: "12,5" → 12.5; "" → null; "x" → NaN. */
export function parseHours(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

function hoursText(n: number | null | undefined): string {
  return n === null || n === undefined ? "" : String(n).replace(".", ",");
}

// ---------------------------------------------------------------- allocation grid

export interface GridFormRow {
  key: number;
  competence: Competence | null;
  resource: Ref<ResourceId> | null;
  hours: Readonly<Record<MonthKey, string>>;
}

export interface GridFormState {
  months: readonly MonthKey[];
  rows: readonly GridFormRow[];
  nextKey: number;
}

export type GridAction =
  | { kind: "reset"; allocations: readonly Allocation[]; months: readonly MonthKey[] }
  | { kind: "cell"; row: number; month: MonthKey; text: string }
  | { kind: "competence"; row: number; competence: Competence | null }
  | { kind: "resource"; row: number; resource: Ref<ResourceId> | null }
  | { kind: "addRow" }
  | { kind: "removeRow"; row: number }
  /** Copies a month to every later month shown, in one row or (row null) every row. */
  | { kind: "copyForward"; row: number | null; from: MonthKey };

export function gridFormOf(allocations: readonly Allocation[], months: readonly MonthKey[]) {
  const rows = gridFromAllocations(allocations, months).map((r, i) => ({
    key: i + 1,
    competence: r.competence,
    resource: r.resource,
    hours: Object.fromEntries(months.map((m) => [m, hoursText(r.hours[m])])),
  }));
  return { months, rows, nextKey: rows.length + 1 };
}

export function gridReducer(state: GridFormState, action: GridAction): GridFormState {
  const edit = (row: number, f: (r: GridFormRow) => GridFormRow) => ({
    ...state,
    rows: state.rows.map((r, i) => (i === row ? f(r) : r)),
  });
  switch (action.kind) {
    case "reset":
      return gridFormOf(action.allocations, action.months);
    case "cell":
      return edit(action.row, (r) => ({
        ...r,
        hours: { ...r.hours, [action.month]: action.text },
      }));
    case "competence":
      return edit(action.row, (r) => ({ ...r, competence: action.competence }));
    case "resource":
      return edit(action.row, (r) => ({ ...r, resource: action.resource }));
    case "addRow":
      return {
        ...state,
        nextKey: state.nextKey + 1,
        rows: [...state.rows, { key: state.nextKey, competence: null, resource: null, hours: {} }],
      };
    case "removeRow":
      return { ...state, rows: state.rows.filter((_, i) => i !== action.row) };
    case "copyForward": {
      const later = state.months.filter((m) => m > action.from);
      return {
        ...state,
        rows: state.rows.map((r, i) =>
          action.row !== null && i !== action.row
            ? r
            : {
                ...r,
                hours: {
                  ...r.hours,
                  ...Object.fromEntries(later.map((m) => [m, r.hours[action.from] ?? ""])),
                },
              },
        ),
      };
    }
  }
}

/** The grid as the domain takes it. */
export function gridRowsOf(state: GridFormState): GridRow[] {
  return state.rows.map((r) => ({
    competence: r.competence,
    resource: r.resource,
    hours: Object.fromEntries(state.months.map((m) => [m, parseHours(r.hours[m] ?? "")])),
  }));
}

// ---------------------------------------------------------------- register form

export interface AbsenceRow {
  key: number;
  /** `yyyy-mm-dd` as the date input gives it. */
  from: string;
  to: string;
}

export interface ResourceFormState {
  title: string;
  email: string;
  area: Ref<AreaId> | null;
  competences: readonly Competence[];
  capacity: string;
  active: boolean;
  absences: readonly AbsenceRow[];
  nextKey: number;
}

export type ResourceFormAction =
  | { kind: "field"; field: "title" | "email" | "capacity"; value: string }
  | { kind: "area"; area: Ref<AreaId> | null }
  | { kind: "competence"; competence: Competence; on: boolean }
  | { kind: "active"; on: boolean }
  | { kind: "addAbsence" }
  | { kind: "absence"; row: number; field: "from" | "to"; value: string }
  | { kind: "removeAbsence"; row: number };

export function resourceFormOf(r: Resource | null): ResourceFormState {
  const absences = (r?.absences ?? []).map((a, i) => ({
    key: i + 1,
    from: a.from.slice(0, 10),
    to: a.to.slice(0, 10),
  }));
  return {
    title: r?.title ?? "",
    email: r?.person?.email ?? "",
    area: r?.area ?? null,
    competences: r?.competences ?? [],
    capacity: r?.capacityHoursPerMonth === null || !r ? "" : String(r.capacityHoursPerMonth),
    active: r?.active ?? true,
    absences,
    nextKey: absences.length + 1,
  };
}

export function resourceFormReducer(
  state: ResourceFormState,
  action: ResourceFormAction,
): ResourceFormState {
  switch (action.kind) {
    case "field":
      return { ...state, [action.field]: action.value };
    case "area":
      return { ...state, area: action.area };
    case "competence":
      return {
        ...state,
        competences: action.on
          ? [...state.competences.filter((c) => c !== action.competence), action.competence]
          : state.competences.filter((c) => c !== action.competence),
      };
    case "active":
      return { ...state, active: action.on };
    case "addAbsence":
      return {
        ...state,
        nextKey: state.nextKey + 1,
        absences: [...state.absences, { key: state.nextKey, from: "", to: "" }],
      };
    case "absence":
      return {
        ...state,
        absences: state.absences.map((a, i) =>
          i === action.row ? { ...a, [action.field]: action.value } : a,
        ),
      };
    case "removeAbsence":
      return { ...state, absences: state.absences.filter((_, i) => i !== action.row) };
  }
}

/** The form as a draft; the person is named by e-mail and made a site user when saved. */
export function resourceDraftOf(state: ResourceFormState, person: Person | null): ResourceDraft {
  const email = state.email.trim();
  return {
    title: state.title.trim(),
    person:
      person && person.email.toLowerCase() === email.toLowerCase()
        ? person
        : email
          ? { id: 0 as PersonId, name: state.title.trim(), email }
          : null,
    area: state.area,
    competences: [...state.competences],
    capacityHoursPerMonth: parseHours(state.capacity),
    active: state.active,
    absences: state.absences.map((a) => ({
      from: a.from ? `${a.from}T00:00:00Z` : "",
      to: a.to ? `${a.to}T00:00:00Z` : "",
    })),
  };
}
