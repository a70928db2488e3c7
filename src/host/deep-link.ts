/**
 * Deep links. A Teams deep link to a tab carries a `subEntityId` (context `page.subPageId`);
 * ours are either an initiative id ("42") or a route ("initiativ/42"). Outside Teams the same
 * place is the hash route `#/initiativ/42`.
 */

/** The hash route a Teams sub-entity id opens, or undefined when it names nothing we know. */
export function routeFromSubEntityId(subEntityId: string | null | undefined): string | undefined {
  const raw = (subEntityId ?? "").trim().replace(/^#?\/?/, "");
  if (raw === "") return undefined;
  const bare = /^(\d+)$/.exec(raw);
  if (bare) return `#/initiativ/${bare[1]}`;
  const routed = /^initiativ\/(\d+)$/i.exec(raw);
  if (routed) return `#/initiativ/${routed[1]}`;
  return undefined;
}

/** The sub-entity id to put in a Teams deep link to an initiative. */
export function subEntityIdForInitiative(id: number): string {
  return `initiativ/${id}`;
}
