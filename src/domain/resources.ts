/**
 * The resource base (ressourcegrundlag, DESIGN.md §2.4): people with specialist knowledge,
 * their allocations to initiatives, and the secretary's requests to an area for a competence.
 */
import type { IsoDateTime, Person, Ref, Stored } from "./common.js";
import type { AllocationId, AreaId, InitiativeId, ResourceId, ResourceRequestId } from "./ids.js";
import {
  checkDates,
  checkOrder,
  type FieldProblem,
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";
import {
  type Competence,
  COMPETENCES,
  RESOURCE_REQUEST_STATES,
  type ResourceRequestState,
} from "./vocabulary.js";

/** A month has at most 31 × 24 = 744 hours. */
export const HOURS_PER_MONTH_MAX = 744;
/** A person's capacity per month as registered (full time is about 160). */
export const CAPACITY_MAX = 200;

/** A period a person is away (both days included), as ISO date-times in UTC. */
export interface Absence {
  from: IsoDateTime;
  to: IsoDateTime;
}

export interface ResourceDraft {
  title: string;
  person: Person | null;
  area: Ref<AreaId> | null;
  competences: Competence[];
  capacityHoursPerMonth: number | null;
  active: boolean;
  /** Periods of absence; they reduce the capacity of the months they fall in. */
  absences: Absence[];
}
export type Resource = Stored<ResourceDraft, ResourceId>;

export const RESOURCE_RULES: Rules<ResourceDraft> = {
  title: { label: "fields.resource.title", required: true, maxLength: TEXT_MAX },
  person: { label: "fields.resource.person", required: true },
  competences: { label: "fields.resource.competences", oneOf: COMPETENCES },
  capacityHoursPerMonth: {
    label: "fields.resource.capacityHoursPerMonth",
    min: 0,
    max: CAPACITY_MAX,
  },
};

/** Each absence needs both dates, as dates, the end not before the start. */
export function checkAbsences(absences: readonly Absence[]): FieldProblem[] {
  const label = { code: "fields.resource.absences" };
  for (const a of absences) {
    if (!a.from || !a.to) return [fieldProblem("validation.required", "absences", { label })];
    const dates = checkDates(a, {
      from: "fields.resource.absences",
      to: "fields.resource.absences",
    });
    if (dates.length > 0) return [fieldProblem("validation.date", "absences", { label })];
    if (Date.parse(a.from) > Date.parse(a.to))
      return [
        fieldProblem("validation.order", "absences", {
          from: { code: "fields.resource.absenceFrom" },
          to: { code: "fields.resource.absenceTo" },
        }),
      ];
  }
  return [];
}

export function validateResource(d: ResourceDraft): Validation {
  return validateWith(RESOURCE_RULES, d, (x) => checkAbsences(x.absences ?? []));
}

export interface AllocationDraft {
  title: string;
  initiative: Ref<InitiativeId> | null;
  /** The person, when one is named; else the competence is asked of the area as a whole. */
  resource: Ref<ResourceId> | null;
  competence: Competence | null;
  /** The first day of the month (UTC). */
  month: IsoDateTime;
  hours: number;
  /** The confirmed resource request this allocation was created by, if any. */
  request: Ref<ResourceRequestId> | null;
}
export type Allocation = Stored<AllocationDraft, AllocationId>;

export const ALLOCATION_RULES: Rules<AllocationDraft> = {
  title: { label: "fields.allocation.title", required: true, maxLength: TEXT_MAX },
  initiative: { label: "fields.allocation.initiative", required: true },
  competence: { label: "fields.allocation.competence", oneOf: COMPETENCES },
  month: { label: "fields.allocation.month", required: true },
  hours: { label: "fields.allocation.hours", required: true, min: 0, max: HOURS_PER_MONTH_MAX },
};

export function validateAllocation(d: AllocationDraft): Validation {
  return validateWith(ALLOCATION_RULES, d, (x) => [
    ...checkDates(x, { month: "fields.allocation.month" }),
    ...(!x.resource && !x.competence
      ? [
          fieldProblem("resources.problem.competenceOrPerson", "competence", {
            label: { code: "fields.allocation.competence" },
          }),
        ]
      : []),
  ]);
}

export interface ResourceRequestDraft {
  title: string;
  area: Ref<AreaId> | null;
  initiative: Ref<InitiativeId> | null;
  competence: Competence;
  hours: number | null;
  neededFrom: IsoDateTime | null;
  neededTo: IsoDateTime | null;
  state: ResourceRequestState;
  /** The resource the area named in its answer. */
  resource: Ref<ResourceId> | null;
  /** The secretary's words to the area. */
  message: string;
  /** The area head's reason for refusing (required when Afvist). */
  reason: string;
}
export type ResourceRequest = Stored<ResourceRequestDraft, ResourceRequestId>;

export const RESOURCE_REQUEST_RULES: Rules<ResourceRequestDraft> = {
  title: { label: "fields.resourceRequest.title", required: true, maxLength: TEXT_MAX },
  area: { label: "fields.resourceRequest.area", required: true },
  competence: { label: "fields.resourceRequest.competence", required: true, oneOf: COMPETENCES },
  hours: { label: "fields.resourceRequest.hours", min: 0 },
  state: { label: "fields.resourceRequest.state", required: true, oneOf: RESOURCE_REQUEST_STATES },
  message: { label: "fields.resourceRequest.message", maxLength: NOTE_MAX },
  reason: { label: "fields.resourceRequest.reason", maxLength: NOTE_MAX },
};

export function validateResourceRequest(d: ResourceRequestDraft): Validation {
  return validateWith(RESOURCE_REQUEST_RULES, d, (x) => [
    ...checkDates(x, {
      neededFrom: "fields.resourceRequest.neededFrom",
      neededTo: "fields.resourceRequest.neededTo",
    }),
    ...checkOrder(x.neededFrom, x.neededTo, "neededTo", {
      from: "fields.resourceRequest.neededFrom",
      to: "fields.resourceRequest.neededTo",
    }),
    ...(x.state === "Afvist" && !x.reason?.trim()
      ? [
          fieldProblem("validation.required", "reason", {
            label: { code: "fields.resourceRequest.reason" },
          }),
        ]
      : []),
  ]);
}
