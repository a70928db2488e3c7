import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { hasRole } from "../../domain/roles.js";
import { useMe } from "../queries/useMe.js";
import {
  hrefFor,
  hrefForIrregularities,
  hrefForSystemCheck,
  type Route,
  VIEW_KEYS,
} from "./routes.js";

/** Routes that belong to the portfolio view in the menu. */
const PORTFOLIO_ROUTE_KINDS: readonly Route["kind"][] = [
  "initiative",
  "intake",
  "import",
  "statusReports",
];

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  link: {
    display: "block",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: "none",
    // The hover and selected backgrounds come with their own foregrounds: in high contrast they
    // are #1aebff with black text (white on it would be 1.46:1).
    ":hover": {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      color: tokens.colorNeutralForeground1Hover,
    },
    ":focus-visible": {
      outlineStyle: "solid",
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    color: tokens.colorNeutralForeground1Selected,
    fontWeight: tokens.fontWeightSemibold,
    borderLeftStyle: "solid",
    borderLeftWidth: tokens.strokeWidthThicker,
    borderLeftColor: tokens.colorCompoundBrandStroke,
  },
});

/**
 * The main menu: a labelled `nav` with a list of links, so every view is reachable by Tab and
 * Enter, announced as a list, with `aria-current="page"` on the open one. The chair and the
 * secretary also get Uregelmæssigheder (every irregular item); site owners Systemtjek (the
 * doctor's checks).
 */
export function Navigation({ route }: { route: Route }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  const owner = me.data ? hasRole(me.data, "owner") : false;
  const auditor = me.data ? hasRole(me.data, "chair") || hasRole(me.data, "secretary") : false;
  const checking = route.kind === "systemCheck";
  const auditing = route.kind === "irregularities";
  return (
    <nav aria-label={t("nav.label")}>
      <ul className={styles.list}>
        {VIEW_KEYS.map((view) => {
          const current =
            (route.kind === "view" && route.view === view) ||
            (view === "portfolio" && PORTFOLIO_ROUTE_KINDS.includes(route.kind)) ||
            (view === "prioritization" && route.kind === "prioritization") ||
            (view === "funding" && route.kind === "fundingFrame") ||
            (view === "meetings" && (route.kind === "meeting" || route.kind === "decisionLog"));
          return (
            <li key={view}>
              <a
                href={hrefFor(view)}
                className={current ? `${styles.link} ${styles.current}` : styles.link}
                aria-current={current ? "page" : undefined}
              >
                {t(`nav.${view}`)}
              </a>
            </li>
          );
        })}
        {auditor && (
          <li>
            <a
              href={hrefForIrregularities()}
              className={auditing ? `${styles.link} ${styles.current}` : styles.link}
              aria-current={auditing ? "page" : undefined}
            >
              {t("nav.irregularities")}
            </a>
          </li>
        )}
        {owner && (
          <li>
            <a
              href={hrefForSystemCheck()}
              className={checking ? `${styles.link} ${styles.current}` : styles.link}
              aria-current={checking ? "page" : undefined}
            >
              {t("nav.systemCheck")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
