/**
 * The one import point of the Overblik view: the shell lazily loads this module's default
 * export. The dashboard (issue 3 §4, `src/ui/dashboard/`) replaces the line below with
 *   export { DashboardView as default } from "../dashboard/DashboardView.js";
 * and nothing else in the shell has to change.
 */
export { OverviewPlaceholder as default } from "./OverviewPlaceholder.js";
