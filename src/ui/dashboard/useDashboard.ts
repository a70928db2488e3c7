/**
 * The dashboard's query (ui/queries/dashboard.ts) and its key, for the views and the pages
 * whose writes change what it shows.
 */
import { queryKeys } from "../queries/keys.js";

export { useDashboard } from "../queries/dashboard.js";

export const DASHBOARD_QUERY_KEY = queryKeys.dashboard();
