/**
 * One lazily loaded module (its own webpack chunk) per capability, so the first view a member
 * opens does not download the optimizer, the charts or the other views; each view names the
 * capabilities whose texts it shows (src/ui/i18n/lazy.ts), which load in the language shown,
 * in parallel with the view's chunk. tests/unit/ui-i18n-lazy.test.ts checks that every view
 * names the texts its modules use, and tests/unit/bundle-split.test.ts that none of these
 * modules is in the tab's initial chunks.
 */
import { type ComponentType, createElement, lazy } from "react";
import { useTranslation } from "react-i18next";

import { type Feature, featuresPending } from "../i18n/lazy.js";
import type { Route, ViewKey } from "./routes.js";

type FundingFrameRoute = Extract<Route, { kind: "fundingFrame" }>;

/**
 * A view loaded on first render: its module and its features' texts are fetched together, and
 * the view shows (the shell's Suspense spinner meanwhile) once both are in.
 */
export function lazyView<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  features: readonly Feature[],
): ComponentType<P> {
  const Loaded = lazy(load) as unknown as ComponentType<P>;
  function LazyView(props: P) {
    const { i18n } = useTranslation();
    const texts = featuresPending(i18n, features);
    if (texts) {
      // Start the view's chunk now rather than after its texts; `lazy` reuses the same load.
      load().catch(() => undefined);
      // Suspend until the texts are in, as `lazy` does: the nearest Suspense shows its fallback
      // and renders this again when the promise settles (a failed load reaches the error
      // boundary on that render, and is tried again). Not `use`: it changes how React's test
      // mode flushes every render that passes through here, texts loaded or not.
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- Suspense's protocol
      throw texts;
    }
    return createElement(Loaded, props);
  }
  return LazyView;
}

/** Finansiering opened at one frame (a link from the optimizer to raise it). */
export const FundingFrameView = lazyView<{ frame: FundingFrameRoute }>(
  () => import(/* webpackChunkName: "finansiering" */ "../funding/FundingView.js"),
  ["funding"],
);

export const VIEW_COMPONENTS: Readonly<Record<ViewKey, ComponentType>> = {
  overview: lazyView(() => import(/* webpackChunkName: "overblik" */ "../overview/index.js"), []),
  portfolio: lazyView(
    () => import(/* webpackChunkName: "portefolje" */ "../portfolio/PortfolioView.js"),
    ["portfolio"],
  ),
  prioritization: lazyView(
    () => import(/* webpackChunkName: "prioritering" */ "../prioritization/PrioritizationView.js"),
    ["prioritization"],
  ),
  meetings: lazyView(
    () => import(/* webpackChunkName: "moeder" */ "../meetings/MeetingsView.js"),
    ["meetings"],
  ),
  resources: lazyView(
    () => import(/* webpackChunkName: "ressourcer" */ "../resources/ResourcesView.js"),
    ["resources"],
  ),
  funding: lazyView(
    () => import(/* webpackChunkName: "finansiering" */ "../funding/FundingView.js"),
    ["funding"],
  ),
  benefits: lazyView(
    () => import(/* webpackChunkName: "gevinster" */ "../benefits/BenefitsView.js"),
    ["benefits"],
  ),
  reports: lazyView(
    () => import(/* webpackChunkName: "rapporter" */ "../reports/ReportsView.js"),
    ["reports"],
  ),
  strategy: lazyView(
    () => import(/* webpackChunkName: "strategi" */ "../strategy/StrategyView.js"),
    ["strategy", "initiative"],
  ),
  settings: lazyView(
    () => import(/* webpackChunkName: "indstillinger" */ "../settings/SettingsView.js"),
    ["settings"],
  ),
};

export const InitiativeView = lazyView(
  () => import(/* webpackChunkName: "initiativ" */ "../initiative/InitiativeView.js"),
  ["initiative", "irregularities", "resources", "strategy", "benefits"],
);

export const IntakeView = lazyView(
  () => import(/* webpackChunkName: "nyt-forslag" */ "../intake/IntakeView.js"),
  ["intake"],
);

export const ImportView = lazyView(
  () => import(/* webpackChunkName: "import" */ "../import/ImportView.js"),
  ["import"],
);

export const StatusReportsView = lazyView(
  () => import(/* webpackChunkName: "statusrapporter" */ "../status/StatusReportsView.js"),
  ["status"],
);

export const PRIORITIZATION_COMPONENTS = {
  criteria: lazyView(
    () => import(/* webpackChunkName: "kriterier" */ "../prioritization/criteria/CriteriaView.js"),
    ["ahp", "rounds"],
  ),
  rounds: lazyView(
    () => import(/* webpackChunkName: "runder" */ "../prioritization/rounds/RoundsView.js"),
    ["rounds"],
  ),
  scenarios: lazyView(
    () =>
      import(/* webpackChunkName: "scenarier" */ "../prioritization/scenarios/ScenariosView.js"),
    ["scenarios"],
  ),
} as const;

/** One meeting: its agenda and minutes (the person picker is the intake form's). */
export const MeetingPageView = lazyView(
  () => import(/* webpackChunkName: "moede" */ "../meetings/MeetingPage.js"),
  ["meetings", "agenda", "minutes", "intake"],
);

/** The decision log and open actions. */
export const DecisionLogView = lazyView(
  () => import(/* webpackChunkName: "beslutninger" */ "../meetings/decisions/DecisionLogView.js"),
  ["meetings"],
);

/** Systemtjek: the doctor's checks, for site owners. */
export const SystemCheckView = lazyView(
  () => import(/* webpackChunkName: "systemtjek" */ "../system-check/SystemCheckView.js"),
  ["doctor"],
);

/** Uregelmæssigheder: every irregular item, for the chair and the secretary. */
export const IrregularitiesView = lazyView(
  () =>
    import(/* webpackChunkName: "uregelmaessigheder" */ "../irregularities/IrregularitiesView.js"),
  ["irregularities", "initiative", "minutes", "rounds"],
);
