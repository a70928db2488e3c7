/**
 * Fake ports and render helpers for the tab's components (no network, no adapters): the whole
 * App (`renderApp`), or one view inside the same providers the App gives it
 * (`renderWithProviders`: i18n, Fluent theme, the App's query client, the services).
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import type { QueryClient } from "@tanstack/react-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement, ReactNode } from "react";
import { I18nextProvider } from "react-i18next";

import { type Me, type Role } from "../../src/domain/roles.js";
import type { LocalIdentity } from "../../src/host/local-identity.js";
import type { Language } from "../../src/host/locale.js";
import type { ThemeKind } from "../../src/host/theme.js";
import type { TokenProvider } from "../../src/ports/auth.js";
import type { CurrentUser } from "../../src/ports/current-user.js";
import { App, createQueryClient } from "../../src/ui/App.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import { type AppServices, ServicesProvider } from "../../src/ui/services.js";

export function aMe(name: string, roles: Role[]): Me {
  return {
    person: {
      id: 7 as Me["person"]["id"],
      name,
      email: `${name.split(" ")[0]!.toLowerCase()}@kommune.dk`,
    },
    roles,
  };
}

/** Ports the shell does not use yet fail loudly if a test touches them. */
export function fakeServices(currentUser: CurrentUser): AppServices {
  const unused = (port: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => {
          throw new Error(`The test did not fake ${port}.${String(prop)}`);
        },
      },
    );
  return {
    currentUser,
    people: unused("people") as AppServices["people"],
    repositories: unused("repositories") as AppServices["repositories"],
    calendar: unused("calendar") as AppServices["calendar"],
    channel: unused("channel") as AppServices["channel"],
    mailer: unused("mailer") as AppServices["mailer"],
    directory: unused("directory") as AppServices["directory"],
    files: unused("files") as AppServices["files"],
    clock: { now: () => new Date("2026-03-02T09:00:00Z") },
  };
}

/** A CurrentUser like the SharePoint one: who I am is decided by the token the adapters send. */
export function currentUserFromToken(
  tokens: TokenProvider,
  people: Record<string, Me>,
): CurrentUser {
  return {
    me: async () => {
      const token = await tokens.getToken("sharepoint");
      const me = people[token.replace(/^dev:/, "")];
      if (!me) throw new Error(`No such user: ${token}`);
      return me;
    },
  };
}

export function renderApp(options: {
  currentUser: CurrentUser;
  language?: Language;
  theme?: ThemeKind;
  localIdentity?: LocalIdentity;
  onHostThemeChange?: (listener: (theme: ThemeKind) => void) => () => void;
}) {
  return render(
    <App
      services={fakeServices(options.currentUser)}
      i18n={createI18n(options.language ?? "da")}
      initialTheme={options.theme ?? "light"}
      queryClient={createQueryClient()}
      {...(options.localIdentity ? { localIdentity: options.localIdentity } : {})}
      {...(options.onHostThemeChange ? { onHostThemeChange: options.onHostThemeChange } : {})}
    />,
  );
}

export interface ProvidersOptions {
  /** The ports the view reads and writes through (fake or memory ones). */
  services: AppServices;
  /** The UI language (Danish unless told). */
  language?: Language;
  /** A query client to share between renders; a fresh one as the App makes it otherwise. */
  client?: QueryClient;
}

/**
 * The providers the App puts around every view, for rendering one view on its own. The query
 * client is the App's own (`createQueryClient`, no second retry layer), so a test sees the
 * errors and loading states the tab shows.
 */
export function providersFor(options: ProvidersOptions): {
  wrapper: (props: { children: ReactNode }) => ReactElement;
  client: QueryClient;
} {
  const i18n = createI18n(options.language ?? "da");
  const client = options.client ?? createQueryClient();
  const services = options.services;
  function wrapper({ children }: { children: ReactNode }) {
    return (
      <I18nextProvider i18n={i18n}>
        <FluentProvider theme={teamsLightTheme}>
          <QueryClientProvider client={client}>
            <ServicesProvider services={services}>{children}</ServicesProvider>
          </QueryClientProvider>
        </FluentProvider>
      </I18nextProvider>
    );
  }
  return { wrapper, client };
}

/** Renders `ui` inside the App's providers; `rerender` keeps them (and the cache). */
export function renderWithProviders(
  ui: ReactElement,
  options: ProvidersOptions,
): RenderResult & { client: QueryClient } {
  const { wrapper, client } = providersFor(options);
  return Object.assign(render(ui, { wrapper }), { client });
}

/**
 * Gives every element a size for the tests of the describe block it is called in: jsdom has
 * no layout, and TanStack Virtual reads clientWidth/clientHeight to know how many rows to
 * render.
 */
export function withLayout(size: { width: number; height: number } = { width: 1200, height: 400 }) {
  const props = {
    clientHeight: size.height,
    clientWidth: size.width,
    offsetHeight: size.height,
    offsetWidth: size.width,
  };
  const saved = Object.keys(props).map(
    (p) => [p, Object.getOwnPropertyDescriptor(HTMLElement.prototype, p)] as const,
  );
  beforeAll(() => {
    for (const [p, v] of Object.entries(props)) {
      Object.defineProperty(HTMLElement.prototype, p, { configurable: true, get: () => v });
    }
  });
  afterAll(() => {
    for (const [p, descriptor] of saved) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, p, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[p];
    }
  });
}
