/**
 * The identity the cache belongs to. The shell provides it (the signed-in user, or the chosen
 * demo user in local mode), so every "who am I" read under it shares one cache entry and a
 * switch of user never shows the previous user's roles.
 */
import { createContext, type ReactNode, useContext } from "react";

/** The identity outside any scope (a view rendered on its own, as in tests). */
export const DEFAULT_IDENTITY = "me";

const IdentityContext = createContext<string>(DEFAULT_IDENTITY);

export function IdentityScope({ identity, children }: { identity: string; children: ReactNode }) {
  return <IdentityContext.Provider value={identity}>{children}</IdentityContext.Provider>;
}

export function useIdentity(): string {
  return useContext(IdentityContext);
}
