/**
 * The site's findings (`auditSite`) through the services' ports: one query, read again whenever
 * the page opens (the attacks it shows can be written at any moment).
 */
import { useQuery, type UseQueryResult } from "@tanstack/react-query";

import { auditSite, type Finding } from "../../use-cases/audit.js";
import { queryKeys } from "../queries/index.js";
import { useServices } from "../services.js";

export function useAudit(): UseQueryResult<Finding[]> {
  const { repositories, people, clock } = useServices();
  return useQuery<Finding[]>({
    queryKey: queryKeys.audit(),
    queryFn: () => auditSite({ repositories, people, clock }),
    staleTime: 0,
  });
}
