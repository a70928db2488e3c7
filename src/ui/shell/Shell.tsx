import { Link, makeStyles, Spinner, Text, Toaster, tokens } from "@fluentui/react-components";
import { Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { Language } from "../../host/locale.js";
import type { ThemeKind } from "../../host/theme.js";
import { IdentityScope } from "../queries/identity.js";
import { DisplayControls } from "./DisplayControls.js";
import { IdentityHeader } from "./IdentityHeader.js";
import { Navigation } from "./Navigation.js";
import { RetryBanner } from "./RetryBanner.js";
import { hrefFor, type Route } from "./routes.js";
import { APP_TOASTER_ID } from "./toaster.js";
import { useHashRoute } from "./useHashRoute.js";
import {
  DecisionLogView,
  FundingFrameView,
  ImportView,
  InitiativeView,
  IntakeView,
  IrregularitiesView,
  MeetingPageView,
  PRIORITIZATION_COMPONENTS,
  StatusReportsView,
  SystemCheckView,
  VIEW_COMPONENTS,
} from "./views.js";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    display: "grid",
    // minmax(0, 1fr): wide content (a grid, a table) scrolls inside its own box instead of
    // widening the page; on a narrow window the menu goes above the content.
    gridTemplateColumns: "minmax(11rem, 14rem) minmax(0, 1fr)",
    gridTemplateRows: "auto 1fr",
    gridTemplateAreas: '"header header" "nav main"',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    "@media (max-width: 40rem)": {
      gridTemplateColumns: "minmax(0, 1fr)",
      gridTemplateRows: "auto auto 1fr",
      gridTemplateAreas: '"header" "nav" "main"',
    },
  },
  skip: {
    position: "absolute",
    left: "-10000px",
    top: "auto",
    ":focus": {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
    },
  },
  header: {
    gridArea: "header",
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: "flex", flexDirection: "column" },
  nav: {
    gridArea: "nav",
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: {
    gridArea: "main",
    minWidth: 0,
    padding: tokens.spacingHorizontalXXL,
    "@media (max-width: 40rem)": { padding: tokens.spacingHorizontalM },
    ":focus": { outlineStyle: "none" },
  },
});

export interface ShellProps {
  language: Language;
  theme: ThemeKind;
  onLanguageChange: (language: Language) => void;
  onThemeChange: (theme: ThemeKind) => void;
  /** Changes when the signed-in (or chosen demo) user changes; scopes the cache of who I am. */
  identityKey: string;
  onSwitchUser?: () => void;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">{t("notFound.title")}</h1>
      <Text as="p">{t("notFound.body")}</Text>
      <Link href={hrefFor("overview")}>{t("notFound.back")}</Link>
    </section>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.kind) {
    case "view": {
      const View = VIEW_COMPONENTS[route.view];
      return <View />;
    }
    case "initiative":
      return <InitiativeView id={route.id} />;
    case "intake":
      return <IntakeView draft={route.draft} />;
    case "import":
      return <ImportView />;
    case "statusReports":
      return <StatusReportsView />;
    case "prioritization": {
      const Page = PRIORITIZATION_COMPONENTS[route.page];
      return <Page id={route.id} />;
    }
    case "meeting":
      return <MeetingPageView id={route.id} page={route.page} />;
    case "decisionLog":
      return <DecisionLogView />;
    case "systemCheck":
      return <SystemCheckView />;
    case "irregularities":
      return <IrregularitiesView />;
    case "fundingFrame":
      return <FundingFrameView frame={route} />;
    default:
      return <NotFound />;
  }
}

function routeKey(route: Route): string {
  switch (route.kind) {
    case "view":
      return route.view;
    case "initiative":
      return `i${route.id}`;
    case "intake":
      return `intake${route.draft ?? ""}`;
    case "prioritization":
      return `prio-${route.page}${route.id ?? ""}`;
    case "meeting":
      return `m${route.id}`;
    case "notFound":
      return "404";
    default:
      return route.kind;
  }
}

/** The tab's frame: skip link, header with identity and display settings, menu, content. */
export function Shell(props: ShellProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const route = useHashRoute();
  const main = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  const key = routeKey(route);

  // After navigating, move focus to the content so keyboard and screen-reader users land on
  // the new view rather than staying in the menu. Not on the first render.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    main.current?.focus();
  }, [key]);

  return (
    <IdentityScope identity={props.identityKey}>
      <div className={styles.root}>
        <a
          className={styles.skip}
          href="#main"
          onClick={(e) => {
            e.preventDefault();
            main.current?.focus();
          }}
        >
          {t("app.skipToContent")}
        </a>
        <header className={styles.header}>
          <div className={styles.brand}>
            <Text weight="semibold" size={500}>
              {t("app.name")}
            </Text>
            <Text size={200}>{t("app.tagline")}</Text>
          </div>
          <IdentityHeader {...(props.onSwitchUser ? { onSwitchUser: props.onSwitchUser } : {})} />
          <DisplayControls
            language={props.language}
            theme={props.theme}
            onLanguageChange={props.onLanguageChange}
            onThemeChange={props.onThemeChange}
          />
        </header>
        <div className={styles.nav}>
          <Navigation route={route} />
        </div>
        <main id="main" ref={main} tabIndex={-1} className={styles.main}>
          <RetryBanner />
          <Suspense fallback={<Spinner label={t("app.loading")} />}>
            <RouteView key={key} route={route} />
          </Suspense>
        </main>
        <Toaster toasterId={APP_TOASTER_ID} position="top-end" pauseOnHover pauseOnWindowBlur />
      </div>
    </IdentityScope>
  );
}
