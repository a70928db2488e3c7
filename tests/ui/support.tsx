/** Fake ports and a render helper for the tab's components (no network, no adapters). */
import { render } from "@testing-library/react";

import { type Me, type Role } from "../../src/domain/roles.js";
import type { LocalIdentity } from "../../src/host/local-identity.js";
import type { Language } from "../../src/host/locale.js";
import type { ThemeKind } from "../../src/host/theme.js";
import type { TokenProvider } from "../../src/ports/auth.js";
import type { CurrentUser } from "../../src/ports/current-user.js";
import { App, createQueryClient } from "../../src/ui/App.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import type { AppServices } from "../../src/ui/services.js";

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
