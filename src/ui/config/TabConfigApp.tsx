/**
 * The root for the configuration page: theme (following Teams, live) and language, around
 * the page. It needs no sign-in and no data, so unlike the tab's App it builds no ports.
 */
import { FluentProvider, makeStyles } from "@fluentui/react-components";
import type { i18n as I18n } from "i18next";
import { useEffect, useState } from "react";
import { I18nextProvider } from "react-i18next";

import type { TabConfigApi, TabInstanceConfig } from "../../host/tab-config.js";
import type { ThemeKind } from "../../host/theme.js";
import { fluentThemeFor } from "../theme.js";
import { TabConfigPage } from "./TabConfigPage.js";

const useStyles = makeStyles({ provider: { minHeight: "100vh" } });

export interface TabConfigAppProps {
  i18n: I18n;
  initialTheme: ThemeKind;
  onHostThemeChange?: (listener: (theme: ThemeKind) => void) => () => void;
  api?: TabConfigApi;
  config: TabInstanceConfig;
}

export function TabConfigApp({
  i18n,
  initialTheme,
  onHostThemeChange,
  api,
  config,
}: TabConfigAppProps) {
  const styles = useStyles();
  const [theme, setTheme] = useState<ThemeKind>(initialTheme);
  useEffect(() => onHostThemeChange?.(setTheme), [onHostThemeChange]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  return (
    <I18nextProvider i18n={i18n}>
      <FluentProvider theme={fluentThemeFor(theme)} className={styles.provider} data-theme={theme}>
        <TabConfigPage {...(api ? { api } : {})} config={config} />
      </FluentProvider>
    </I18nextProvider>
  );
}

export default TabConfigApp;
