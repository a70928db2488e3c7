import { useQuery } from "@tanstack/react-query";

import type { Me } from "../../domain/roles.js";
import { useServices } from "../services.js";

/**
 * Who I am and my roles, from the site's SharePoint groups through the `CurrentUser` port.
 * `identityKey` changes when a local demo user is switched, so the cache never mixes users.
 */
export function useMe(identityKey: string) {
  const { currentUser } = useServices();
  return useQuery<Me>({
    queryKey: ["me", identityKey],
    queryFn: () => currentUser.me(),
    staleTime: 5 * 60_000,
  });
}
