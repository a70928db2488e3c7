/**
 * What provisioning makes of a site, as the doctor's expectations (`TenantBlueprint`): every
 * list and field of lists-schema, Digistyr's permission levels with their masks, the
 * committee's groups and each group's level on each list; plus the delegated permissions the
 * tab's tokens must carry, handed in from the declaration (`src/host/permissions.ts`) by the
 * composition roots (`src/main.tsx`, `scripts/doctor.ts`).
 *
 * Imports no PnPjs: the tab loads it (in the Systemtjek chunk) as well as `npm run doctor`.
 */
import { listSchemas } from "../../../lists-schema/index.js";
import type { ListSchema, SiteGroupName } from "../../../lists-schema/types.js";
import {
  FORBIDDEN_FOR_COMMITTEE,
  FULL_CONTROL,
  LEVEL_KEYS,
  LEVEL_OF,
} from "../../domain/permission-levels.js";
import type { DeclaredPermission, ListBlueprint, TenantBlueprint } from "../../domain/readiness.js";

/** The committee's site groups, as provisioning creates them (src/provisioning/index.ts). */
export const COMMITTEE_GROUPS: readonly SiteGroupName[] = [
  "Medlemmer",
  "Formand",
  "Sekretariat",
  "Bidragydere",
];

function listBlueprint(schema: ListSchema): ListBlueprint {
  return {
    name: schema.name,
    title: schema.title,
    readSecurity: schema.readSecurity,
    writeSecurity: schema.writeSecurity,
    fields: schema.fields.map((f) => ({
      name: f.name,
      type: f.type,
      required: f.required ?? false,
      indexed: f.indexed ?? false,
      unique: f.unique ?? false,
      ...(f.choices ? { choices: f.choices } : {}),
      ...(f.lookupList ? { lookupList: f.lookupList } : {}),
    })),
    grants: LEVEL_KEYS.flatMap((level) =>
      (schema.permissions[level] ?? []).map((group) => ({ group, level })),
    ),
  };
}

export function tenantBlueprint(
  permissions: readonly DeclaredPermission[],
  schemas: readonly ListSchema[] = listSchemas,
): TenantBlueprint {
  return {
    lists: schemas.map(listBlueprint),
    levels: LEVEL_KEYS.map((key) => {
      const level = LEVEL_OF[key];
      return {
        key,
        name: level.name,
        ...(level.kind === "builtIn" ? { roleTypeKind: level.roleTypeKind } : {}),
        mask: { ...level.mask },
      };
    }),
    groups: COMMITTEE_GROUPS,
    fullControl: { roleTypeKind: FULL_CONTROL.roleTypeKind, mask: { ...FULL_CONTROL.mask } },
    forbiddenKinds: FORBIDDEN_FOR_COMMITTEE,
    permissions,
  };
}
