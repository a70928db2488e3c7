/**
 * Composition root of the tab: reads `/runtime-config.json`, starts the Teams host (or the
 * standalone fallback), builds the token provider (local `dev:<upn>` identities, MSAL nested
 * app auth in Teams, MSAL redirect in a browser) and the adapters, and hands the ports to the
 * UI. The only file that imports both adapters and UI. Production and local mode differ only
 * by the base URLs and the token provider. What the first view does not need loads later:
 * the Graph, spreadsheet and solver adapters on their first use (`lazyPort`), each capability's
 * view and texts when it opens (src/ui/shell/views.ts), MSAL and teams-js when needed.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { IMPORT_ACCEPT } from "./adapters/files/accept.js";
import { createSharePointAdapters } from "./adapters/sharepoint/index.js";
import { systemClock } from "./domain/clock.js";
import { authModeFor } from "./host/auth.js";
import { type KeyValueStorage, LocalIdentity } from "./host/local-identity.js";
import type { Language } from "./host/locale.js";
import { TAB_PERMISSIONS } from "./host/permissions.js";
import { createRetryNoticeHub } from "./host/retry-notices.js";
import { fetchRuntimeConfig } from "./host/runtime-config.js";
import { channelTabConfig, isConfigMode } from "./host/tab-config.js";
import { createTabLinks } from "./host/tab-links.js";
import { startHost } from "./host/teams.js";
import { loadTeamsJs, loadTeamsTabConfig } from "./host/teams-js.js";
import type { TokenProvider } from "./ports/auth.js";
import type { DocumentFiles, SpreadsheetFiles } from "./ports/files.js";
import type { PortfolioSolver } from "./ports/solver.js";
import { App } from "./ui/App.js";
import { createTabI18n } from "./ui/i18n/lazy.js";
import type { AppServices } from "./ui/services.js";
import type { SystemCheck } from "./use-cases/doctor.js";

/** A port all of whose members are methods returning promises. */
type AsyncPort<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? T[K] : never;
};

/**
 * A port whose adapter is a chunk of its own, loaded on the first call of any of its methods
 * (and again after a failed load): the first view (Overblik) needs SharePoint only, so Graph,
 * the spreadsheet reader and writer and the solver stay out of the tab's initial download.
 */
function lazyPort<T extends AsyncPort<T>>(load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  const port = () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
  return new Proxy({} as T, {
    get: (_target, name) =>
      // Not "then": a port is not a promise, and `await port` must not call into it.
      typeof name === "string" && name !== "then"
        ? (...args: unknown[]) =>
            port().then((p) => (p as Record<string, (...a: unknown[]) => unknown>)[name]?.(...args))
        : undefined,
  });
}

function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be blocked (third-party iframe settings); the choice then lasts one visit.
    return undefined;
  }
}

const LANGUAGE_KEY = "digistyr.language";

function storedLanguage(storage: KeyValueStorage | undefined): Language | undefined {
  const v = storage?.getItem(LANGUAGE_KEY);
  return v === "da" || v === "en" ? v : undefined;
}

/**
 * Systemtjek: the doctor with the tab's own tokens, loaded on first use (its chunk carries the
 * blueprint of lists-schema and the levels). The browser runs the CORS check itself.
 */
function systemCheckFor(siteUrl: string, graphBaseUrl: string, tokens: TokenProvider): SystemCheck {
  return {
    run: async (options) => {
      const [{ runDoctor }, { tenantBlueprint }, { createTenantProbe }] = await Promise.all([
        import(/* webpackChunkName: "systemtjek-run" */ "./use-cases/doctor.js"),
        import(/* webpackChunkName: "systemtjek-run" */ "./adapters/tenant/blueprint.js"),
        import(/* webpackChunkName: "systemtjek-run" */ "./adapters/tenant/index.js"),
      ]);
      const probe = createTenantProbe({
        siteUrl,
        graphBaseUrl,
        tokens,
        cors: { kind: "browser", origin: window.location.origin },
      });
      return runDoctor(probe, tenantBlueprint(TAB_PERMISSIONS), options);
    },
  };
}

function isEmbedded(): boolean {
  return window.parent !== window || window.opener !== null;
}

async function boot(root: HTMLElement): Promise<void> {
  const config = await fetchRuntimeConfig();
  const storage = browserStorage();
  const host = await startHost({
    isEmbedded: isEmbedded(),
    loadTeams: loadTeamsJs,
    // Outside Teams the app speaks Danish (it is made for a Danish municipality) unless the
    // user chose English before; inside Teams the Teams locale decides.
    browserLocale: storedLanguage(storage) === "en" ? "en-GB" : "da-DK",
    prefersDark: window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false,
    log: (m) => console.info(`Digistyr: ${m}`),
  });
  const { context } = host;
  if (isConfigMode(window.location.search)) {
    // The channel tab's configuration page: no sign-in, no ports, its own small chunk.
    const [{ TabConfigApp }, api] = await Promise.all([
      import(/* webpackChunkName: "config" */ "./ui/config/TabConfigApp.js"),
      context.inTeams ? loadTeamsTabConfig() : Promise.resolve(undefined),
    ]);
    createRoot(root).render(
      <StrictMode>
        <TabConfigApp
          i18n={createTabI18n(context.language)}
          initialTheme={context.theme}
          onHostThemeChange={host.onThemeChange}
          config={channelTabConfig(window.location)}
          {...(api ? { api } : {})}
        />
      </StrictMode>,
    );
    return;
  }
  if (context.deepLinkRoute && (window.location.hash === "" || window.location.hash === "#")) {
    window.history.replaceState(null, "", context.deepLinkRoute);
  }

  let tokens: TokenProvider;
  let localIdentity: LocalIdentity | undefined;
  const loginHint = context.user?.loginHint;
  if (config.mode === "local") {
    localIdentity = new LocalIdentity(config.demoUsers, storage, loginHint);
    tokens = localIdentity.tokenProvider();
  } else {
    const { createMsalTokenProvider } = await import(
      /* webpackChunkName: "msal" */ "./host/msal.js"
    );
    tokens = await createMsalTokenProvider(config, {
      nested: authModeFor(config, context) === "nested",
      ...(loginHint ? { loginHint } : {}),
      redirectUri: `${window.location.origin}${window.location.pathname}`,
    });
  }

  const retries = createRetryNoticeHub();
  const sharePoint = createSharePointAdapters(config.siteUrl, tokens, {
    retry: { onRetry: (w) => retries.notify({ service: "sharepoint", ...w }) },
  });
  let graphAdapters: ReturnType<typeof loadGraph> | undefined;
  const loadGraph = async () => {
    const { createGraphAdapters } = await import(
      /* webpackChunkName: "graph" */ "./adapters/graph/index.js"
    );
    return createGraphAdapters({
      baseUrl: config.graphBaseUrl,
      tokens,
      retry: { onRetry: (w) => retries.notify({ service: "graph", ...w }) },
    });
  };
  // One Graph client for the four ports, made when the first of them is used.
  const graph = () =>
    (graphAdapters ??= loadGraph().catch((e: unknown) => {
      graphAdapters = undefined;
      throw e;
    }));
  const files = lazyPort<Omit<SpreadsheetFiles, "importAccept">>(async () => {
    const { createSpreadsheetFiles } = await import(
      /* webpackChunkName: "files" */ "./adapters/files/index.js"
    );
    return createSpreadsheetFiles();
  });
  const services: AppServices = {
    currentUser: sharePoint.currentUser,
    people: sharePoint.people,
    repositories: sharePoint.repositories,
    calendar: lazyPort(async () => (await graph()).calendar),
    channel: lazyPort(async () => (await graph()).channel),
    mailer: lazyPort(async () => (await graph()).mailer),
    directory: lazyPort(async () => (await graph()).directory),
    teams: lazyPort(async () => (await graph()).teams),
    clock: systemClock,
    documents: lazyPort<DocumentFiles>(async () => {
      const { createDocumentFiles } = await import(
        /* webpackChunkName: "documents" */ "./adapters/files/proposal-docx.js"
      );
      return createDocumentFiles();
    }),
    files: {
      readTable: files.readTable,
      writeWorkbook: files.writeWorkbook,
      importAccept: IMPORT_ACCEPT,
    },
    solver: lazyPort<PortfolioSolver>(async () => {
      const { createBrowserHighsSolver } = await import(
        /* webpackChunkName: "solver" */ "./adapters/solver/highs-browser.js"
      );
      return createBrowserHighsSolver();
    }),
    retries,
    systemCheck: systemCheckFor(config.siteUrl, config.graphBaseUrl, tokens),
    links: createTabLinks({
      tabUrl: `${window.location.origin}${window.location.pathname}`,
      ...(config.mode === "teams" && config.teamsAppId ? { teamsAppId: config.teamsAppId } : {}),
    }),
  };

  createRoot(root).render(
    <StrictMode>
      <App
        services={services}
        i18n={createTabI18n(context.language)}
        initialTheme={context.theme}
        onHostThemeChange={host.onThemeChange}
        onLanguageChange={(language) => storage?.setItem(LANGUAGE_KEY, language)}
        {...(localIdentity ? { localIdentity } : {})}
        {...(loginHint ? { identityKey: loginHint } : {})}
      />
    </StrictMode>,
  );
}

/** Without React or i18n (either may be what failed): a plain message, Danish then English. */
function showStartFailure(root: HTMLElement, error: unknown): void {
  const heading = document.createElement("h1");
  heading.textContent = "Digistyr kunne ikke starte";
  const hint = document.createElement("p");
  hint.textContent =
    "Genindlæs siden. Sker det igen, så kontakt digitaliseringssekretariatet. " +
    "(Digistyr could not start. Reload the page; if it happens again, contact the secretariat.)";
  const detail = document.createElement("p");
  detail.textContent = error instanceof Error ? error.message : String(error);
  root.replaceChildren(heading, hint, detail);
  root.setAttribute("role", "alert");
}

const root = document.getElementById("root");
if (root) {
  boot(root).catch((e: unknown) => {
    console.error(e);
    showStartFailure(root, e);
  });
}
