/**
 * The tab's root: Fluent UI Teams theme (following the host, switchable), i18n, the data
 * cache (TanStack Query), the ports, and either the local identity picker or the shell.
 */
import { FluentProvider, makeStyles } from "@fluentui/react-components";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { i18n as I18n } from "i18next";
import { useEffect, useMemo, useState } from "react";
import { I18nextProvider } from "react-i18next";

import { type Language, languageFromLocale } from "../domain/language.js";
import type { LocalIdentity } from "../host/local-identity.js";
import type { ThemeKind } from "../host/theme.js";
import { fluentLabelHooks } from "./components/fluent-labels.js";
import { switchLanguage } from "./i18n/lazy.js";
import { IdentityPicker } from "./identity/IdentityPicker.js";
import { useLocalIdentity } from "./identity/useLocalIdentity.js";
import { type AppServices, ServicesProvider } from "./services.js";
import { Shell } from "./shell/Shell.js";
import { fluentThemeFor } from "./theme.js";

const useStyles = makeStyles({
  provider: {
    minHeight: "100vh",
    // Fluent copies the provider's classes onto every portal's mount node (a layer over the
    // page at z-index 1000000): there it must stay as tall as its content, or once a dropdown,
    // dialog or toast has opened it covers the window and swallows every click on the page.
    "&[data-portal-node]": { minHeight: "auto" },
  },
});

export interface AppProps {
  services: AppServices;
  i18n: I18n;
  initialTheme: ThemeKind;
  /** Live theme changes from Teams; returns an unsubscribe function. */
  onHostThemeChange?: (listener: (theme: ThemeKind) => void) => () => void;
  /** Told when the user switches language (the composition root remembers it). */
  onLanguageChange?: (language: Language) => void;
  /** Local mode: the demo identity picker and the chosen user. */
  localIdentity?: LocalIdentity;
  /** Who is signed in outside local mode (keys the cache). */
  identityKey?: string;
  queryClient?: QueryClient;
}

export function createQueryClient(): QueryClient {
  // The adapters already retry throttling with back-off; a second retry layer here would only
  // multiply the wait before a clear error is shown.
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

export function App(props: AppProps) {
  const styles = useStyles();
  const [queryClient] = useState(() => props.queryClient ?? createQueryClient());
  const [theme, setTheme] = useState<ThemeKind>(props.initialTheme);
  const [language, setLanguage] = useState<Language>(languageFromLocale(props.i18n.language));
  const chosen = useLocalIdentity(props.localIdentity);

  const { onHostThemeChange } = props;
  useEffect(() => onHostThemeChange?.(setTheme), [onHostThemeChange]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // The page behind the provider takes the theme's background too: content wider or taller
  // than the window (a wide table) must not stand on a white page in the dark themes.
  useEffect(() => {
    const root = document.documentElement;
    root.style.backgroundColor = fluentThemeFor(theme).colorNeutralBackground1;
    root.style.colorScheme = theme === "light" ? "light" : "dark";
  }, [theme]);

  const changeLanguage = (next: Language) => {
    setLanguage(next);
    // The texts of the views opened so far load in the new language first (src/ui/i18n/lazy.ts).
    switchLanguage(props.i18n, next).catch((e: unknown) => console.error(e));
    props.onLanguageChange?.(next);
  };

  const identity = props.localIdentity;
  let content;
  if (identity && !chosen) {
    content = (
      <IdentityPicker
        users={identity.users}
        onChoose={(upn) => {
          queryClient.clear();
          identity.choose(upn);
        }}
      />
    );
  } else {
    content = (
      <Shell
        language={language}
        theme={theme}
        onLanguageChange={changeLanguage}
        onThemeChange={setTheme}
        identityKey={chosen?.upn ?? props.identityKey ?? "me"}
        {...(identity ? { onSwitchUser: () => identity.clear() } : {})}
      />
    );
  }

  // Fluent's built-in English labels in the UI language (follows `language`).
  const labelHooks = useMemo(
    () => fluentLabelHooks((key) => props.i18n.t(key, { lng: language })),
    [props.i18n, language],
  );

  return (
    <I18nextProvider i18n={props.i18n}>
      <FluentProvider
        theme={fluentThemeFor(theme)}
        className={styles.provider}
        data-theme={theme}
        customStyleHooks_unstable={labelHooks}
      >
        <QueryClientProvider client={queryClient}>
          <ServicesProvider services={props.services}>{content}</ServicesProvider>
        </QueryClientProvider>
      </FluentProvider>
    </I18nextProvider>
  );
}
