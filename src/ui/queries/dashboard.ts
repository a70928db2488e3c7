/** The Overblik's data: one query over the dashboard use-case. */
import { useQuery } from "@tanstack/react-query";

import type { Dashboard } from "../../domain/dashboard.js";
import { loadDashboard } from "../../use-cases/dashboard.js";
import { useServices } from "../services.js";
import { queryKeys } from "./keys.js";

/** The signed-in person's dashboard, cached for a minute. */
export function useDashboard() {
  const { currentUser, repositories, clock, people } = useServices();
  return useQuery<Dashboard>({
    queryKey: queryKeys.dashboard(),
    queryFn: () => loadDashboard({ currentUser, repositories, clock, people }),
    staleTime: 60_000,
  });
}
