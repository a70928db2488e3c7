/**
 * Builds the MSAL client (loaded on demand, its own chunk). Inside Teams:
 * `createNestablePublicClientApplication`, which uses the Teams nested-app-auth bridge that
 * teams-js installs during `app.initialize()` and falls back to a normal browser client when
 * the bridge is absent. Outside Teams: `createStandardPublicClientApplication` with the
 * redirect flow, whose answer is picked up by `handleRedirectPromise` when the page reloads.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/authentication/nested-authentication
 */
import type { BrowserCacheLocation, Configuration } from "@azure/msal-browser";

import type { TokenProvider } from "../ports/auth.js";
import { msalTokenProvider, scopesFor } from "./auth.js";
import type { TeamsRuntimeConfig } from "./runtime-config.js";

/** Where MSAL keeps its token cache: the browser tab's session storage. */
const CACHE_LOCATION: BrowserCacheLocation = "sessionStorage";

/**
 * The MSAL configuration. The token cache lives in sessionStorage, not localStorage: on a
 * shared municipal PC the tokens then go when the tab or browser closes instead of staying for
 * the next person at the machine.
 */
export function msalConfiguration(config: TeamsRuntimeConfig, redirectUri: string): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId}`,
      redirectUri,
    },
    cache: { cacheLocation: CACHE_LOCATION },
  };
}

export async function createMsalTokenProvider(
  config: TeamsRuntimeConfig,
  options: { nested: boolean; loginHint?: string; redirectUri: string },
): Promise<TokenProvider> {
  const msal = await import("@azure/msal-browser");
  const configuration = msalConfiguration(config, options.redirectUri);
  const pca = options.nested
    ? await msal.createNestablePublicClientApplication(configuration)
    : await msal.createStandardPublicClientApplication(configuration);
  if (!options.nested) {
    const result = await pca.handleRedirectPromise();
    if (result?.account) pca.setActiveAccount(result.account);
  }
  return msalTokenProvider(pca, {
    scopes: scopesFor(config.siteUrl),
    ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    interaction: options.nested ? "popup" : "redirect",
  });
}
