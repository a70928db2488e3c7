/**
 * The channel tab's configuration page (`?mode=config`): what the tab will show, in a few
 * plain lines. There is nothing to choose, so inside Teams the page is valid at once and Teams'
 * own Save button adds the tab.
 */
import { Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import type { TabConfigApi, TabInstanceConfig } from "../../host/tab-config.js";
import { useChannelTabRegistration } from "./useChannelTabRegistration.js";

const useStyles = makeStyles({
  root: {
    maxWidth: "60ch",
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    color: tokens.colorNeutralForeground1,
    "& p": { margin: 0 },
  },
  heading: { margin: 0 },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
});

const SHOWS = ["overview", "portfolio", "work", "followUp"] as const;

export interface TabConfigPageProps {
  /** teams-js `pages.config`, when the page runs inside Teams. */
  api?: TabConfigApi;
  /** What Teams will store for the tab. */
  config: TabInstanceConfig;
}

export function TabConfigPage({ api, config }: TabConfigPageProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  useChannelTabRegistration(api, config);
  return (
    <main className={styles.root} aria-labelledby="config-title">
      <h1 id="config-title" className={styles.heading}>
        <Text as="span" size={600} weight="semibold">
          {t("tabConfig.title")}
        </Text>
      </h1>
      <Text as="p">{t("tabConfig.intro")}</Text>
      <ul className={styles.list}>
        {SHOWS.map((key) => (
          <li key={key}>
            <Text>{t(`tabConfig.shows.${key}`)}</Text>
          </li>
        ))}
      </ul>
      <Text as="p">{t("tabConfig.roles")}</Text>
      {api ? (
        <Text as="p" weight="semibold">
          {t("tabConfig.save")}
        </Text>
      ) : (
        <>
          <Text as="p">{t("tabConfig.outsideTeams")}</Text>
          <Text as="p">
            <Link href={config.contentUrl}>{t("tabConfig.open")}</Link>
          </Text>
        </>
      )}
    </main>
  );
}
