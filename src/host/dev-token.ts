import type { TokenProvider } from "../ports/auth.js";
import { PROVISIONING_SCOPES } from "./permissions.js";

/**
 * Local mode: the local Microsoft 365 accepts `Bearer dev:<upn>`, which carries the tab's
 * declared scopes (the server is started with them as its default).
 */
export function devTokenProvider(upn: string): TokenProvider {
  return { getToken: () => Promise.resolve(`dev:${upn}`) };
}

/**
 * Local mode, the provisioning identity: `dev:<upn>;scp=...` with exactly the scopes the
 * provisioning declaration names (AllSites.FullControl), as a separate admin app registration's
 * token would carry them.
 */
export function devAdminTokenProvider(upn: string): TokenProvider {
  const token = `dev:${upn};scp=${PROVISIONING_SCOPES.join(",")}`;
  return { getToken: () => Promise.resolve(token) };
}
