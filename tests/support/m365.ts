import { type M365, startM365 } from "../../src/emulator/server.js";
import { PROVISIONING_SCOPES, TAB_SCOPES } from "../../src/host/permissions.js";

export type { M365 };

/**
 * Starts the local Microsoft 365 in-process on a random loopback port (in-memory store); a plain
 * `dev:<upn>` token carries the tab's declared scopes.
 */
export function startLocalM365(options: Parameters<typeof startM365>[0] = {}): Promise<M365> {
  return startM365({ port: 0, defaultScopes: TAB_SCOPES, ...options });
}

/** The `Authorization` header value the local server accepts for a demo user. */
export function devToken(upn: string): string {
  return `Bearer dev:${upn}`;
}

/** The provisioning identity's header: exactly the provisioning scopes (AllSites.FullControl). */
export function adminToken(upn: string): string {
  return `Bearer dev:${upn};scp=${PROVISIONING_SCOPES.join(",")}`;
}

/** A token with exactly these scopes, for tests of what a missing consent does. */
export function scopedToken(upn: string, scopes: readonly string[]): string {
  return `Bearer dev:${upn};scp=${scopes.join(",")}`;
}
