/**
 * Everything provisioning makes on the local site, read back over SharePoint REST as the
 * provisioning identity, in a form two servers can be compared by: every list with its
 * properties, fields and role assignments, the site groups and the permission levels. Server
 * addresses and generated ids (GUIDs) are replaced by their order of first appearance, so two
 * sites built the same way compare equal, and anything made twice (a list, a field, a group, a
 * level or an assignment) or written more often (a list's or field's properties) shows.
 */
import { adminToken, type M365 } from "./m365.js";

/** A fixed clock for servers whose sites are compared: lists carry their creation time. */
export const FIXED_NOW = () => new Date("2026-05-04T08:00:00Z");

type Json = Record<string, unknown>;

export async function siteSnapshot(server: M365): Promise<unknown> {
  const owner = server.users[0]!;
  const get = async (path: string): Promise<Json[]> => {
    for (;;) {
      const res = await fetch(`${server.sharepoint}/_api/${path}`, {
        headers: { Accept: "application/json", Authorization: adminToken(owner) },
      });
      // The server may be throttling (fault injection): a read is simply sent again.
      if (res.status === 429 || res.status === 503) {
        await res.arrayBuffer();
        continue;
      }
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { value: Json[] }).value;
    }
  };
  const lists = await get("web/lists");
  const perList: unknown[] = [];
  for (const list of lists) {
    const at = `web/lists(guid'${String(list.Id)}')`;
    perList.push({
      list,
      fields: await get(`${at}/fields`),
      roleAssignments: await get(`${at}/roleassignments?$expand=Member,RoleDefinitionBindings`),
    });
  }
  const snapshot = {
    lists: perList,
    groups: await get("web/sitegroups"),
    roleDefinitions: await get("web/roledefinitions"),
  };
  return normalise(JSON.stringify(snapshot), server.origin);
}

function normalise(text: string, origin: string): unknown {
  const ids = new Map<string, string>();
  const renamed = text
    .split(origin)
    .join("<origin>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (g) => {
      const key = g.toLowerCase();
      if (!ids.has(key)) ids.set(key, `guid#${ids.size + 1}`);
      return ids.get(key)!;
    });
  return JSON.parse(renamed) as unknown;
}
