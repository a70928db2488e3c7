/**
 * Who may do what with the resource base, what a write must satisfy against the register, and
 * which stored allocations count:
 * - The secretary keeps the register and writes allocations.
 * - The secretary asks an area for a competence (a resource request, Anmodet); only the area's
 *   head answers it: Bekræftet creates the allocations, Afvist needs a reason. An answered
 *   request is not answered again.
 * - An allocation counts when the secretary wrote it, or when the head of the area of the
 *   confirmed request it names wrote it. Anything else is irregular: left out and shown.
 */
import type { Person, Ref } from "./common.js";
import type { AreaId, ResourceId, ResourceRequestId } from "./ids.js";
import type { Checked, Irregularity } from "./irregularities.js";
import type { AreaDraft } from "./portfolio.js";
import { type Outcome, refuse } from "./problems.js";
import type {
  Allocation,
  AllocationDraft,
  ResourceDraft,
  ResourceRequest,
  ResourceRequestDraft,
} from "./resources.js";
import { monthsBetween, monthStart } from "./resources-capacity.js";
import type { Me, Roster } from "./roles.js";
import { type FieldProblem, fieldProblem } from "./validation.js";

export type ResourceRefusal =
  | "resources.problem.notSecretary"
  | "resources.problem.notAreaHead"
  | "resources.problem.alreadyAnswered"
  | "resources.problem.noPeriod";

/** The secretary keeps the register, writes allocations and sends requests. */
export function canManageResources(me: Me): boolean {
  return me.roles.includes("secretary");
}

/** Whether `me` heads the area. */
export function isAreaHead(me: Pick<Me, "person">, area: Pick<AreaDraft, "head">): boolean {
  return !!area.head && area.head.id === me.person.id;
}

export function mayManage(me: Me): Outcome<true, ResourceRefusal> {
  return canManageResources(me)
    ? { ok: true, value: true }
    : refuse("resources.problem.notSecretary");
}

/** Only the head of the request's area answers it, and only while it is Anmodet. */
export function mayAnswer(
  me: Me,
  request: Pick<ResourceRequestDraft, "state">,
  area: Pick<AreaDraft, "head"> | null,
): Outcome<true, ResourceRefusal> {
  if (request.state !== "Anmodet") return refuse("resources.problem.alreadyAnswered");
  if (!area || !isAreaHead(me, area)) return refuse("resources.problem.notAreaHead");
  return { ok: true, value: true };
}

/**
 * The allocations a confirmed request creates: its hours spread evenly over the months from
 * Behov fra to Behov til (all in Behov fra's month without an end), for the named person (or
 * the competence alone). A request without a start has no period.
 */
export function allocationsForRequest(
  request: Pick<
    ResourceRequest,
    "id" | "title" | "initiative" | "competence" | "hours" | "neededFrom" | "neededTo"
  >,
  resource: Ref<ResourceId> | null,
): Outcome<AllocationDraft[], ResourceRefusal> {
  if (!request.neededFrom) return refuse("resources.problem.noPeriod");
  const months = monthsBetween(request.neededFrom, request.neededTo ?? request.neededFrom);
  const hours = request.hours ?? 0;
  const share = Math.round((hours / months.length) * 100) / 100;
  const ref: Ref<ResourceRequestId> = { id: request.id, title: request.title };
  return {
    ok: true,
    value: months.map((m, i) => ({
      title: request.title,
      initiative: request.initiative,
      resource,
      competence: request.competence,
      month: monthStart(m),
      // The last month takes the rounding rest, so the months add up to the request's hours.
      hours:
        i === months.length - 1
          ? Math.round((hours - share * (months.length - 1)) * 100) / 100
          : share,
      request: ref,
    })),
  };
}

/** The register as allocation checks need it. */
export type RegisterEntry = Pick<ResourceDraft, "capacityHoursPerMonth" | "active"> & {
  id: ResourceId;
};

/**
 * Allocations against the register: a person that is not in it is unknown, and hours for a
 * person with no capacity (0 or none registered) cannot be allocated. One problem per
 * allocation at most, with `index` naming which.
 */
export function checkAllocationsAgainstRegister(
  drafts: readonly Pick<AllocationDraft, "resource" | "hours">[],
  register: readonly RegisterEntry[],
): (FieldProblem & { index: number })[] {
  const byId = new Map(register.map((r) => [r.id as number, r]));
  const out: (FieldProblem & { index: number })[] = [];
  drafts.forEach((d, index) => {
    if (!d.resource) return;
    const r = byId.get(d.resource.id);
    if (!r) {
      out.push({
        ...fieldProblem("resources.problem.unknownPerson", "resource", {
          label: { code: "fields.allocation.resource" },
          name: d.resource.title,
        }),
        index,
      });
    } else if (d.hours > 0 && !r.capacityHoursPerMonth) {
      out.push({
        ...fieldProblem("resources.problem.capacityZeroWithAllocations", "hours", {
          label: { code: "fields.allocation.hours" },
          name: d.resource.title,
        }),
        index,
      });
    }
  });
  return out;
}

/** A person whose capacity is set to 0 (or none) cannot keep hours allocated to them. */
export function checkCapacityAgainstAllocations(
  draft: Pick<ResourceDraft, "capacityHoursPerMonth">,
  allocatedHours: number,
): FieldProblem[] {
  return !draft.capacityHoursPerMonth && allocatedHours > 0
    ? [
        fieldProblem("resources.problem.capacityZeroWithAllocations", "capacityHoursPerMonth", {
          label: { code: "fields.resource.capacityHoursPerMonth" },
          hours: allocatedHours,
        }),
      ]
    : [];
}

export type AllocationRule = "allocation.notAllowed";

/**
 * The allocations that count: written by the secretary, or by the head of the area of the
 * confirmed request the allocation names. The rest are irregular, naming who wrote them.
 */
export function checkAllocations(
  allocations: readonly Allocation[],
  facts: {
    roster: Roster;
    requests: readonly Pick<ResourceRequest, "id" | "state" | "area">[];
    areas: readonly { id: AreaId; head: Person | null }[];
  },
): Checked<Allocation, AllocationRule> {
  const requests = new Map(facts.requests.map((r) => [r.id as number, r]));
  const heads = new Map(facts.areas.map((a) => [a.id as number, a.head?.id]));
  const valid: Allocation[] = [];
  const irregular: Irregularity<AllocationRule>[] = [];
  for (const a of allocations) {
    const author = a.createdBy;
    const bySecretary = !!author && facts.roster.rolesOf(author.id).includes("secretary");
    const request = a.request ? requests.get(a.request.id) : undefined;
    const byHead =
      !!author &&
      !!request &&
      request.state === "Bekræftet" &&
      !!request.area &&
      heads.get(request.area.id) === author.id;
    if (bySecretary || byHead) valid.push(a);
    else
      irregular.push({
        list: "Allocations",
        item: a.id,
        rule: "allocation.notAllowed",
        by: author,
      });
  }
  return { valid, irregular };
}
