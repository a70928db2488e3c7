import { ComingSoonView } from "../components/ComingSoon.js";

/** Stands in for the dashboard until `src/ui/dashboard/DashboardView` exists (see ./index.ts). */
export function OverviewPlaceholder() {
  return <ComingSoonView view="overview" />;
}
