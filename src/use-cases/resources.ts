/**
 * Ressourcer: the register of people with specialist knowledge, allocations per initiative,
 * the capacity heatmaps, and resource requests (indkald ressourcer) from the secretary to an
 * area, answered by the area head.
 *
 * Every write is checked in full before anything is written, and a refusal is a list of
 * problems (codes naming the field), never a half-written state: a confirmed request whose
 * request item cannot be updated has its new allocations removed again.
 * The counts (heatmaps) use only the allocations written by someone allowed to write them
 * (`checkAllocations`); the others are returned as irregular.
 */
import type { Clock } from "../domain/clock.js";
import { err, ok, type Ref, type Result } from "../domain/common.js";
import { isStoreError } from "../domain/errors.js";
import type { AllocationId, InitiativeId, ResourceId, ResourceRequestId } from "../domain/ids.js";
import type { Irregularity } from "../domain/irregularities.js";
import type { Area } from "../domain/portfolio.js";
import { type Problem, problem } from "../domain/problems.js";
import {
  type Allocation,
  type Resource,
  type ResourceDraft,
  type ResourceRequest,
  type ResourceRequestDraft,
  validateResource,
  validateResourceRequest,
} from "../domain/resources.js";
import {
  competenceLoad,
  type LoadGrid,
  type MonthKey,
  monthOf,
  monthRange,
  personLoad,
} from "../domain/resources-capacity.js";
import { type GridRow, planAllocationChanges } from "../domain/resources-grid.js";
import {
  allocationsForRequest,
  checkAllocations,
  checkAllocationsAgainstRegister,
  checkCapacityAgainstAllocations,
  mayAnswer,
  mayManage,
} from "../domain/resources-rules.js";
import type { Me } from "../domain/roles.js";
import { type Competence, COMPETENCES } from "../domain/vocabulary.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Mailer } from "../ports/mail.js";
import type { Repositories } from "../ports/repositories.js";
import { loadRoster } from "./portfolio-audit.js";

export interface ResourcePorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
  /** The site groups (who wrote an allocation may count) and ensuring a person. */
  people?: SitePeople;
}

export interface RequestPorts extends ResourcePorts {
  mailer: Mailer;
}

/** A write's outcome: the value, or every problem found (nothing written). */
export type Saved<T> = Result<T, Problem[]>;

/** How many months the heatmaps show by default. */
export const HEATMAP_MONTHS = 12;

export interface ResourceOverview {
  me: Me;
  resources: Resource[];
  areas: Area[];
  requests: ResourceRequest[];
  /** The allocations that count. */
  allocations: Allocation[];
  /** Allocations written by someone not allowed to: left out of the heatmaps. */
  irregular: Irregularity[];
  months: MonthKey[];
  byCompetence: LoadGrid<Competence>;
  byPerson: LoadGrid<ResourceId>;
  initiatives: Ref<InitiativeId>[];
}

async function checkedAllocations(
  ports: ResourcePorts,
  allocations: Allocation[],
  requests: readonly ResourceRequest[],
  areas: readonly Area[],
): Promise<{ valid: Allocation[]; irregular: Irregularity[] }> {
  if (!ports.people?.groupMembers) return { valid: allocations, irregular: [] };
  const roster = await loadRoster(ports.people);
  return checkAllocations(allocations, { roster, requests, areas });
}

/** The register, the requests and both heatmaps from `from` (default: this month). */
export async function loadResourceOverview(
  ports: ResourcePorts,
  options: { from?: MonthKey; months?: number } = {},
): Promise<ResourceOverview> {
  const r = ports.repositories;
  const months = monthRange(
    options.from ?? monthOf(ports.clock.now().toISOString()),
    options.months ?? HEATMAP_MONTHS,
  );
  const [me, resources, areas, requests, stored, initiatives] = await Promise.all([
    ports.currentUser.me(),
    r.resources.list(),
    r.areas.list(),
    r.resourceRequests.list(),
    r.allocations.list(),
    r.initiatives.list({ fields: ["title"] }),
  ]);
  const checked = await checkedAllocations(ports, stored, requests, areas);
  const input = { resources, allocations: checked.valid, months };
  return {
    me,
    resources,
    areas,
    requests,
    allocations: checked.valid,
    irregular: checked.irregular,
    months,
    byCompetence: competenceLoad(input, COMPETENCES),
    byPerson: personLoad(input),
    initiatives: initiatives
      .map((i) => ({ id: i.id, title: i.title }))
      .sort((a, b) => a.title.localeCompare(b.title, "da")),
  };
}

/** The open requests (Anmodet), oldest first, for Overblik. */
export async function loadOpenRequests(repositories: Repositories): Promise<ResourceRequest[]> {
  const open = await repositories.resourceRequests.list({ where: { state: "Anmodet" } });
  return open.sort((a, b) => a.created.localeCompare(b.created));
}

// ---------------------------------------------------------------- register

/**
 * Adds or updates a person in the register (the secretary). The person must be a user of the
 * site; their capacity cannot go to 0 while hours are allocated to them.
 */
export async function saveResource(
  ports: ResourcePorts,
  draft: ResourceDraft,
  existing: Pick<Resource, "id" | "version"> | null,
): Promise<Saved<Resource | ResourceId>> {
  const me = await ports.currentUser.me();
  const allowed = mayManage(me);
  if (!allowed.ok) return err([allowed.error]);
  const valid = validateResource(draft);
  const problems: Problem[] = valid.ok ? [] : [...valid.problems];
  const named = draft.person;
  if (named && ports.people) {
    try {
      // The person named (by e-mail) becomes the site user the list refers to.
      draft = { ...draft, person: await ports.people.ensure(named.email) };
    } catch (e) {
      if (!isStoreError(e, "NotFound") && !isStoreError(e, "Invalid")) throw e;
      problems.push(
        problem(
          "resources.problem.unknownPerson",
          { label: { code: "fields.resource.person" }, name: named.email },
          "person",
        ),
      );
    }
  }
  if (existing) {
    const allocated = await ports.repositories.allocations.list({
      where: { resource: existing.id },
    });
    problems.push(
      ...checkCapacityAgainstAllocations(
        draft,
        allocated.reduce((s, a) => s + a.hours, 0),
      ),
    );
  }
  if (problems.length > 0) return err(problems);
  if (existing) {
    await ports.repositories.resources.update({
      ...draft,
      id: existing.id,
      version: existing.version,
    });
    return ok(existing.id);
  }
  return ok(await ports.repositories.resources.add(draft));
}

// ---------------------------------------------------------------- allocations

/** An initiative's allocations (all of them, as stored). */
export function loadInitiativeAllocations(
  repositories: Repositories,
  initiative: InitiativeId,
): Promise<Allocation[]> {
  return repositories.allocations.list({ where: { initiative } });
}

/** The register as the allocation grid offers it. */
export function loadRegister(repositories: Repositories): Promise<Resource[]> {
  return repositories.resources.list();
}

/**
 * Saves an initiative's allocation grid for the months shown (the secretary): every cell is
 * checked against the rules and the register first; then the changes are written.
 */
export async function saveInitiativeAllocations(
  ports: ResourcePorts,
  initiative: Ref<InitiativeId>,
  rows: readonly GridRow[],
  months: readonly MonthKey[],
): Promise<Saved<{ added: number; updated: number; removed: number }>> {
  const me = await ports.currentUser.me();
  const allowed = mayManage(me);
  if (!allowed.ok) return err([allowed.error]);
  const [existing, register] = await Promise.all([
    ports.repositories.allocations.list({ where: { initiative: initiative.id } }),
    ports.repositories.resources.list(),
  ]);
  const plan = planAllocationChanges(initiative, existing, rows, months, register);
  if (!plan.ok) return err(plan.problems);
  const { add, update, remove } = plan.value;
  const results = await Promise.all([
    add.length ? ports.repositories.allocations.addMany(add) : [],
    update.length ? ports.repositories.allocations.updateMany(update) : [],
    remove.length ? ports.repositories.allocations.removeMany(remove) : [],
  ]);
  const failed = results.flat().find((p) => !p.ok);
  if (failed && !failed.ok) throw failed.error;
  return ok({ added: add.length, updated: update.length, removed: remove.length });
}

/** Moves one allocation to another month (the secretary). */
export async function moveAllocation(
  ports: ResourcePorts,
  allocation: Allocation,
  month: MonthKey,
): Promise<Saved<AllocationId>> {
  const me = await ports.currentUser.me();
  const allowed = mayManage(me);
  if (!allowed.ok) return err([allowed.error]);
  await ports.repositories.allocations.update({
    ...allocation,
    month: `${month}-01T00:00:00Z`,
  });
  return ok(allocation.id);
}

// ---------------------------------------------------------------- requests

/** What the secretary asks of an area. */
export type NewRequest = Pick<
  ResourceRequestDraft,
  "title" | "area" | "initiative" | "competence" | "hours" | "neededFrom" | "neededTo" | "message"
>;

/** The mail to the area head: what is asked, and a link to answer it in the tab. */
export function requestMail(
  request: Pick<
    ResourceRequest,
    "title" | "competence" | "hours" | "neededFrom" | "neededTo" | "message"
  > & {
    initiative: Ref<InitiativeId> | null;
  },
  to: string,
  link: string,
) {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const period = [request.neededFrom, request.neededTo]
    .filter(Boolean)
    .map((d) => (d as string).slice(0, 10))
    .join(" – ");
  return {
    to: [to],
    subject: `Ressourceindkaldelse: ${request.competence}${request.initiative ? ` til ${request.initiative.title}` : ""}`,
    html:
      `<p>Sekretariatet beder om ${esc(String(request.hours ?? 0))} timer ${esc(request.competence)}` +
      (request.initiative ? ` til ${esc(request.initiative.title)}` : "") +
      (period ? ` i perioden ${esc(period)}` : "") +
      `.</p>` +
      (request.message ? `<p>${esc(request.message)}</p>` : "") +
      `<p><a href="${esc(link)}">Bekræft eller afvis anmodningen i Digistyr</a></p>`,
  };
}

/**
 * Sends a request to an area (the secretary): it is stored as Anmodet, and its area head gets a
 * mail with a link to answer it. The link is made from the stored request's id.
 */
export async function sendResourceRequest(
  ports: RequestPorts,
  draft: NewRequest,
  linkTo: (id: ResourceRequestId) => string,
): Promise<Saved<{ request: ResourceRequest; mailed: boolean }>> {
  const me = await ports.currentUser.me();
  const allowed = mayManage(me);
  if (!allowed.ok) return err([allowed.error]);
  const full: ResourceRequestDraft = {
    ...draft,
    state: "Anmodet",
    resource: null,
    reason: "",
  };
  const valid = validateResourceRequest(full);
  const problems: Problem[] = valid.ok ? [] : [...valid.problems];
  if (!full.neededFrom)
    problems.push(
      problem(
        "validation.required",
        { label: { code: "fields.resourceRequest.neededFrom" } },
        "neededFrom",
      ),
    );
  if (!full.hours || full.hours <= 0)
    problems.push(
      problem(
        "validation.min",
        { label: { code: "fields.resourceRequest.hours" }, min: 1 },
        "hours",
      ),
    );
  const area = full.area ? await ports.repositories.areas.get(full.area.id) : null;
  if (area && !area.head?.email)
    problems.push(problem("resources.problem.areaWithoutHead", { area: area.title }, "area"));
  if (problems.length > 0 || !area?.head) return err(problems);
  const request = await ports.repositories.resourceRequests.add(full);
  try {
    await ports.mailer.send(requestMail(request, area.head.email, linkTo(request.id)));
    return ok({ request, mailed: true });
  } catch {
    return ok({ request, mailed: false });
  }
}

export type Answer =
  { kind: "confirm"; resource: Ref<ResourceId> | null } | { kind: "refuse"; reason: string };

/**
 * The area head answers a request. Confirming creates the allocations (the hours spread over
 * the period's months) and then marks the request Bekræftet; if marking fails, the new
 * allocations are removed again. Refusing needs a reason.
 */
export async function answerResourceRequest(
  ports: ResourcePorts,
  id: ResourceRequestId,
  answer: Answer,
): Promise<Saved<ResourceRequestId>> {
  const r = ports.repositories;
  const [me, request] = await Promise.all([ports.currentUser.me(), r.resourceRequests.get(id)]);
  const area = request.area ? await r.areas.get(request.area.id) : null;
  const allowed = mayAnswer(me, request, area);
  if (!allowed.ok) return err([allowed.error]);
  if (answer.kind === "refuse") {
    const next: ResourceRequestDraft = {
      ...request,
      state: "Afvist",
      reason: answer.reason.trim(),
    };
    const valid = validateResourceRequest(next);
    if (!valid.ok) return err(valid.problems);
    await r.resourceRequests.update({ ...next, id: request.id, version: request.version });
    return ok(id);
  }
  const drafts = allocationsForRequest(request, answer.resource);
  if (!drafts.ok) return err([drafts.error]);
  if (!request.initiative)
    return err([
      problem(
        "validation.required",
        { label: { code: "fields.resourceRequest.initiative" } },
        "initiative",
      ),
    ]);
  const register = await r.resources.list();
  const problems = checkAllocationsAgainstRegister(drafts.value, register).map(
    ({ index: _index, ...p }) => p,
  );
  if (problems.length > 0) return err(problems);
  const added = await r.allocations.addMany(drafts.value);
  const created = added.flatMap((p) => (p.ok ? [p.value] : []));
  const undo = () =>
    created.length
      ? r.allocations.removeMany(created.map((a) => ({ id: a.id, version: a.version })))
      : Promise.resolve([]);
  const failed = added.find((p) => !p.ok);
  if (failed && !failed.ok) {
    await undo();
    throw failed.error;
  }
  try {
    await r.resourceRequests.update({
      ...request,
      state: "Bekræftet",
      resource: answer.resource,
      id: request.id,
      version: request.version,
    });
  } catch (e) {
    await undo();
    throw e;
  }
  return ok(id);
}
