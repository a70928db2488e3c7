/** Stored entities for the report rules' tests: a draft with an id and the server's facts. */
import type { Person, StoredMeta } from "../../src/domain/common.js";
import { type PersonId, versionOf } from "../../src/domain/ids.js";

export const secretary: Person = { id: 10 as PersonId, name: "Mads Sekretær", email: "mads@x.dk" };
export const chair: Person = { id: 11 as PersonId, name: "Hanne Formand", email: "hanne@x.dk" };
export const member: Person = { id: 12 as PersonId, name: "Ole Medlem", email: "ole@x.dk" };

/** A stored entity: the draft, its id, and Created/Author as the server would set them. */
export function stored<T extends StoredMeta<number>>(
  draft: Omit<T, keyof StoredMeta<number>>,
  id: number,
  meta: { created?: string; by?: Person | null } = {},
): T {
  const created = meta.created ?? "2026-01-15T09:00:00Z";
  const by = meta.by === undefined ? secretary : meta.by;
  return {
    ...draft,
    id,
    version: versionOf(`"${id},1"`),
    created,
    modified: created,
    createdBy: by,
    modifiedBy: by,
  } as unknown as T;
}
