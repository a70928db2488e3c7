/** Builders for the resource base: stored resources, allocations and requests. */
import type { Person, Ref } from "../../src/domain/common.js";
import {
  type AllocationId,
  idOf,
  type InitiativeId,
  type ResourceId,
  type ResourceRequestId,
  versionOf,
} from "../../src/domain/ids.js";
import type {
  Allocation,
  AllocationDraft,
  Resource,
  ResourceDraft,
  ResourceRequest,
  ResourceRequestDraft,
} from "../../src/domain/resources.js";
import { anAllocation, aResource, aResourceRequest } from "./builders.js";
import { secretary } from "./builders-lifecycle.js";

function meta<I>(id: number, by: Person | null) {
  return {
    id: id as I,
    version: versionOf('"1"'),
    created: "2026-01-05T08:00:00Z",
    modified: "2026-01-05T08:00:00Z",
    createdBy: by,
    modifiedBy: by,
  };
}

export function aStoredResource(id: number, o: Partial<ResourceDraft> = {}): Resource {
  return { ...aResource({ title: `Person ${id}`, ...o }), ...meta<ResourceId>(id, secretary) };
}

export function aStoredAllocation(
  id: number,
  o: Partial<AllocationDraft> = {},
  by: Person | null = secretary,
): Allocation {
  return { ...anAllocation(o), ...meta<AllocationId>(id, by) };
}

export function aStoredRequest(
  id: number,
  o: Partial<ResourceRequestDraft> = {},
  by: Person | null = secretary,
): ResourceRequest {
  return { ...aResourceRequest(o), ...meta<ResourceRequestId>(id, by) };
}

export function initiativeRef(id: number, title = `Tiltag ${id}`): Ref<InitiativeId> {
  return { id: idOf<InitiativeId>(id), title };
}

export function resourceRef(id: number, title = `Person ${id}`): Ref<ResourceId> {
  return { id: idOf<ResourceId>(id), title };
}
