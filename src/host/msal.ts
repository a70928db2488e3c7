/**
 * Builds the MSAL client (loaded on demand, its own chunk). Inside Teams:
 * `createNestablePublicClientApplication`, which uses the Teams nested-app-auth bridge that
 * teams-js installs during `app.initialize()` and falls back to a normal browser client when
 * the bridge is absent. Outside Teams: `createStandardPublicClientApplication` with the
 * redirect flow, whose answer is picked up by `handleRedirectPromise` when the page reloads.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/authentication/nested-authentication
 */
import type { TokenProvider } from "../ports/auth.js";
import { msalTokenProvider, scopesFor } from "./auth.js";
import type { TeamsRuntimeConfig } from "./runtime-config.js";

export async function createMsalTokenProvider(
  config: TeamsRuntimeConfig,
  options: { nested: boolean; loginHint?: string; redirectUri: string },
): Promise<TokenProvider> {
  const msal = await import("@azure/msal-browser");
  const configuration = {
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId}`,
      redirectUri: options.redirectUri,
    },
    cache: { cacheLocation: msal.BrowserCacheLocation.LocalStorage },
  };
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
