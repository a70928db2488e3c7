/**
 * Loads the portfolio for a view: only the fields its columns (or board cards) and filters need
 * (a narrow `$select`), with the filters on indexed columns sent as the repository's `where`
 * (the SharePoint adapter sends those as `$filter` and reads lists over 5,000 items in ID-ordered
 * pages of 5,000), cached by TanStack Query by fields and server-side filters. When the whole
 * portfolio with those fields is already cached, it is filtered in memory instead of fetched
 * again. The full filter (text, "no status" …) is always applied in memory by the domain.
 *
 * The phase, priority and mandatory flag shown and counted are the valid ones: every load
 * reads them with the owner and last editor, all recorded changes and the site groups, and
 * replays the record (`checkGates`). So the store does not filter on them (a stored phase may
 * be irregular): those filters are applied in memory to the valid values.
 */
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";

import {
  applyFilters,
  GOVERNANCE_FIELDS,
  governanceSummary,
  type PortfolioField,
  type PortfolioFilters,
  type PortfolioRow,
  type SortKey,
  sortRows,
} from "../../domain/portfolio-view.js";
import { GOVERNANCES } from "../../domain/vocabulary.js";
import { gateFreeWhere, loadCheckedRows } from "../../use-cases/portfolio-audit.js";
import { useServices } from "../services.js";

export const PORTFOLIO_KEY = "portfolio";
const INITIATIVES = [PORTFOLIO_KEY, "initiatives"] as const;

/** The cache key of one load: its fields and its server-side filters. */
export function initiativesKey(fields: readonly PortfolioField[], where: object) {
  return [...INITIATIVES, fields.join(","), where] as const;
}

/** A cached load of every initiative (no `where`) that has at least these fields. */
export function cachedFullSet(
  client: QueryClient,
  fields: readonly PortfolioField[],
): PortfolioRow[] | undefined {
  for (const [key, data] of client.getQueriesData<PortfolioRow[]>({ queryKey: INITIATIVES })) {
    const [, , have, where] = key as unknown as [string, string, string, object];
    if (!data || Object.keys(where).length > 0) continue;
    const set = new Set(have.split(","));
    if (fields.every((f) => set.has(f))) return data;
  }
  return undefined;
}

/** Changes one loaded initiative in every cached load (after a phase change). */
export function patchCachedRow(client: QueryClient, id: number, changes: Partial<PortfolioRow>) {
  client.setQueriesData<PortfolioRow[]>({ queryKey: INITIATIVES }, (old) =>
    old?.map((r) => (r.id === id ? { ...r, ...changes } : r)),
  );
}

export function usePortfolioData(
  fields: readonly PortfolioField[],
  filters: PortfolioFilters,
  sort: readonly SortKey[],
) {
  const { repositories, people } = useServices();
  const client = useQueryClient();
  const [read, setRead] = useState<number | null>(null);
  const where = useMemo(() => gateFreeWhere(filters), [filters]);
  const full = cachedFullSet(client, fields);
  const query = useQuery<PortfolioRow[]>({
    queryKey: initiativesKey(fields, where),
    queryFn: async () => {
      setRead(0);
      const rows = await loadCheckedRows({ repositories, people }, fields, where, ({ read: n }) =>
        setRead(n),
      );
      setRead(null);
      return rows;
    },
    enabled: full === undefined,
    staleTime: 5 * 60_000,
  });
  const loaded = full ?? query.data;
  // Sorted once per load and sort order; a keystroke in the search only filters the sorted rows
  // (filtering keeps their order, so this is `portfolioRows(loaded, filters, sort)`).
  const sorted = useMemo(() => (loaded ? sortRows(loaded, sort) : []), [loaded, sort]);
  const rows = useMemo(() => applyFilters(sorted, filters), [sorted, filters]);
  return {
    rows,
    /** How many initiatives there are in all, when the whole portfolio is loaded. */
    total: full ? full.length : Object.keys(where).length === 0 ? loaded?.length : undefined,
    loaded: loaded !== undefined,
    /** Items read so far while a load runs. */
    read,
    isPending: loaded === undefined && !query.isError,
    isFetching: query.isFetching,
    error: loaded === undefined && query.isError ? query.error : null,
    refetch: () => void query.refetch(),
  };
}

/** The governed initiatives (Governance is indexed: one request per governance). */
export function useGovernanceSummary() {
  const { repositories, people, clock } = useServices();
  return useQuery({
    queryKey: [PORTFOLIO_KEY, "governance"],
    queryFn: async () =>
      governanceSummary(
        await loadCheckedRows({ repositories, people }, GOVERNANCE_FIELDS, {
          governance: [...GOVERNANCES],
        }),
        clock,
      ),
    staleTime: 5 * 60_000,
  });
}
