import type { TokenProvider } from "../ports/auth.js";

/** Local mode: the local Microsoft 365 accepts `Bearer dev:<upn>`. */
export function devTokenProvider(upn: string): TokenProvider {
  return { getToken: () => Promise.resolve(`dev:${upn}`) };
}
