/**
 * Deep links. A Teams deep link to a tab carries a `subEntityId` (context `page.subPageId`);
 * ours are an initiative id ("42") or any route of the tab without its `#/`
 * ("initiativ/42", "prioritering/runder/7", "moeder/12/referat"). Outside Teams the same place
 * is the hash route `#/initiativ/42`.
 */
import { parseRoute } from "../domain/routes.js";

/** The hash route a Teams sub-entity id opens, or undefined when it names nothing we know. */
export function routeFromSubEntityId(subEntityId: string | null | undefined): string | undefined {
  const raw = (subEntityId ?? "").trim().replace(/^#?\/?/, "");
  if (raw === "") return undefined;
  const bare = /^(\d+)$/.exec(raw);
  if (bare) return `#/initiativ/${bare[1]}`;
  const path = raw.replace(/\/+$/, "").toLowerCase();
  if (!/^[a-z0-9/]+$/.test(path)) return undefined;
  const route = parseRoute(`#/${path}`);
  return route.kind === "notFound" ? undefined : `#/${path}`;
}

/** The sub-entity id to put in a Teams deep link to an initiative. */
export function subEntityIdForInitiative(id: number): string {
  return `initiativ/${id}`;
}

/** The sub-entity id of a hash route (`#/prioritering/runder/7` → `prioritering/runder/7`). */
export function subEntityIdForRoute(hash: string): string {
  return hash.replace(/^#?\/?/, "").replace(/\/+$/, "");
}
