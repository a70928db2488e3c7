/**
 * The one import point of the Overblik view: the shell lazily loads this module's default
 * export, the dashboard of `src/ui/dashboard/`.
 */
export { DashboardView as default } from "../dashboard/DashboardView.js";
