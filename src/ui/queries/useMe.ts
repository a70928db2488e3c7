import { useQuery, type UseQueryResult } from "@tanstack/react-query";

import type { Me } from "../../domain/roles.js";
import { useServices } from "../services.js";
import { useIdentity } from "./identity.js";
import { queryKeys } from "./keys.js";

/** How long a read of who I am is reused before it is read again. */
export const ME_STALE_MS = 5 * 60_000;

export interface UseMeOptions {
  /**
   * Read again whenever a component using it mounts (a page whose actions depend on the roles
   * right now, such as an initiative's phase buttons). Others reuse a read for `ME_STALE_MS`.
   */
  fresh?: boolean;
}

/**
 * Who I am and my roles, from the site's SharePoint groups through the `CurrentUser` port.
 * The one query for it: every view shares its cache entry (`queryKeys.me(identity)`).
 */
export function useMe(options: UseMeOptions = {}): UseQueryResult<Me> {
  const { currentUser } = useServices();
  const identity = useIdentity();
  return useQuery<Me>({
    queryKey: queryKeys.me(identity),
    queryFn: () => currentUser.me(),
    staleTime: options.fresh ? 0 : ME_STALE_MS,
  });
}
