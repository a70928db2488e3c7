/**
 * One lazily loaded module (its own webpack chunk) per capability, so the first view a member
 * opens does not download the optimizer, the charts or the other views.
 */
import { type ComponentType, lazy, type LazyExoticComponent } from "react";

import type { ViewKey } from "./routes.js";

export const VIEW_COMPONENTS: Readonly<Record<ViewKey, LazyExoticComponent<ComponentType>>> = {
  overview: lazy(() => import(/* webpackChunkName: "overblik" */ "../overview/index.js")),
  portfolio: lazy(
    () => import(/* webpackChunkName: "portefolje" */ "../portfolio/PortfolioView.js"),
  ),
  prioritization: lazy(
    () => import(/* webpackChunkName: "prioritering" */ "../prioritering/PrioritizationView.js"),
  ),
  meetings: lazy(() => import(/* webpackChunkName: "moeder" */ "../moeder/MeetingsView.js")),
  resources: lazy(
    () => import(/* webpackChunkName: "ressourcer" */ "../ressourcer/ResourcesView.js"),
  ),
  funding: lazy(
    () => import(/* webpackChunkName: "finansiering" */ "../finansiering/FundingView.js"),
  ),
  benefits: lazy(() => import(/* webpackChunkName: "gevinster" */ "../gevinster/BenefitsView.js")),
  reports: lazy(() => import(/* webpackChunkName: "rapporter" */ "../rapporter/ReportsView.js")),
  settings: lazy(
    () => import(/* webpackChunkName: "indstillinger" */ "../indstillinger/SettingsView.js"),
  ),
};

export const InitiativeView = lazy(
  () => import(/* webpackChunkName: "initiativ" */ "../initiative/InitiativeView.js"),
);

export const IntakeView = lazy(
  () => import(/* webpackChunkName: "nyt-forslag" */ "../intake/IntakeView.js"),
);

export const ImportView = lazy(
  () => import(/* webpackChunkName: "import" */ "../import/ImportView.js"),
);

export const StatusReportsView = lazy(
  () => import(/* webpackChunkName: "statusrapporter" */ "../status/StatusReportsView.js"),
);

export const PRIORITIZATION_COMPONENTS = {
  criteria: lazy(
    () => import(/* webpackChunkName: "kriterier" */ "../prioritering/criteria/CriteriaView.js"),
  ),
  rounds: lazy(
    () => import(/* webpackChunkName: "runder" */ "../prioritering/rounds/RoundsView.js"),
  ),
  scenarios: lazy(
    () => import(/* webpackChunkName: "scenarier" */ "../prioritering/scenarios/ScenariosView.js"),
  ),
} as const;

/** One meeting: its agenda and minutes (issue 6). */
export const MeetingPageView = lazy(
  () => import(/* webpackChunkName: "moede" */ "../moeder/MeetingPage.js"),
);

/** The decision log and open actions (issue 6). */
export const DecisionLogView = lazy(
  () => import(/* webpackChunkName: "beslutninger" */ "../moeder/decisions/DecisionLogView.js"),
);

/** Systemtjek: the doctor's checks, for site owners. */
export const SystemCheckView = lazy(
  () => import(/* webpackChunkName: "systemtjek" */ "../systemtjek/SystemCheckView.js"),
);
