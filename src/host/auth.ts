/**
 * Sign-in behind the `TokenProvider` port. Inside Teams: MSAL nested app authentication
 * (`createNestablePublicClientApplication`), where only silent and popup flows work
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/authentication/nested-authentication). In a browser: a normal MSAL public client with redirect. Locally: `dev:<upn>` for the
 * chosen demo identity. SharePoint and Graph tokens are separate requests (a token has one
 * audience). `acquireTokenSilent` always comes first; MSAL caches tokens and refreshes them
 * silently, so the interactive flow runs only when Entra asks for it.
 */
import type { TokenAudience, TokenProvider } from "../ports/auth.js";
import { sharePointScopes, TAB_GRAPH_SCOPES } from "./permissions.js";
import type { RuntimeConfig } from "./runtime-config.js";
import type { HostContext } from "./teams.js";

export type AuthMode = "local" | "nested" | "browser";

/** Local config → dev identities; else nested app auth inside Teams, the browser flow outside. */
export function authModeFor(config: RuntimeConfig, host: Pick<HostContext, "inTeams">): AuthMode {
  if (config.mode === "local") return "local";
  return host.inTeams ? "nested" : "browser";
}

/** The tab's delegated Graph permissions, from the one declaration (manifest/permissions.json). */
export const GRAPH_SCOPES: readonly string[] = TAB_GRAPH_SCOPES;

/**
 * The scopes per audience, both from the declaration. A token has one audience, so Graph and
 * SharePoint are two token requests.
 *
 * SharePoint is asked for its explicit scope, `https://<tenant>.sharepoint.com/AllSites.Write`,
 * not `https://<tenant>.sharepoint.com/.default`:
 * - `.default` asks for every SharePoint permission configured on the app registration. If that
 *   registration ever also holds AllSites.Manage or AllSites.FullControl (say, someone reused it
 *   to run provisioning), a `.default` token would carry them into the tab. The explicit scope
 *   asks for what the tab needs and no more. It is not a fence on its own: Entra may also put
 *   permissions already granted to the same client for SharePoint into the token. So
 *   provisioning has its own app registration, and the tab's never holds more than the
 *   declaration (docs/deploy.md).
 * - Nested app authentication supports incremental and dynamic consent
 *   (https://learn.microsoft.com/microsoftteams/platform/concepts/authentication/nested-authentication),
 *   so a missing consent for this one scope can be asked for when it is first needed; with
 *   `.default` only the registration's static list can be consented.
 * - The Teams manifest's `webApplicationInfo.nestedAppAuthInfo`, with which Teams prefetches
 *   the token, must name exactly the scopes the app requests, in the same order; the app
 *   package writes them from the same declaration (`scripts/package-app.ts`).
 * - `.default` cannot be combined with other scopes in one request, so a later extra scope
 *   would need a different request shape anyway.
 */
export function scopesFor(siteUrl: string): Record<TokenAudience, string[]> {
  return {
    sharepoint: sharePointScopes(siteUrl),
    graph: [...GRAPH_SCOPES],
  };
}

/** The slice of MSAL's `IPublicClientApplication` used here (so tests can pass a fake). */
export interface MsalAccount {
  username: string;
  homeAccountId: string;
}
export interface MsalClient {
  getActiveAccount(): MsalAccount | null;
  getAllAccounts(): MsalAccount[];
  setActiveAccount(account: MsalAccount | null): void;
  acquireTokenSilent(request: {
    scopes: string[];
    account?: MsalAccount;
  }): Promise<{ accessToken: string; account: MsalAccount | null }>;
  ssoSilent(request: {
    scopes: string[];
    loginHint?: string;
  }): Promise<{ accessToken: string; account: MsalAccount | null }>;
  acquireTokenPopup(request: {
    scopes: string[];
    loginHint?: string;
  }): Promise<{ accessToken: string; account: MsalAccount | null }>;
  acquireTokenRedirect(request: { scopes: string[]; loginHint?: string }): Promise<void>;
}

/** MSAL errors that mean "the user has to take part" (consent, sign-in, no account yet). */
export function isInteractionRequired(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, errorCode } = e as { name?: unknown; errorCode?: unknown };
  if (name === "InteractionRequiredAuthError") return true;
  return (
    typeof errorCode === "string" &&
    [
      "interaction_required",
      "consent_required",
      "login_required",
      "no_account_error",
      "no_tokens_found",
      "native_account_unavailable",
    ].includes(errorCode)
  );
}

export interface MsalTokenProviderOptions {
  scopes: Record<TokenAudience, string[]>;
  /** The Teams user's login hint, used to find or sign in the right account. */
  loginHint?: string;
  /** "popup" in Teams (redirects are not possible there); "redirect" in a browser tab. */
  interaction: "popup" | "redirect";
}

/** Thrown after a redirect was started: the page is navigating away. */
export class RedirectingError extends Error {
  override readonly name = "RedirectingError";
}

/** A token provider on MSAL: silent first, interactive only when MSAL says so. */
export function msalTokenProvider(
  client: MsalClient,
  options: MsalTokenProviderOptions,
): TokenProvider {
  const interactive = new Map<TokenAudience, Promise<string>>();
  const hint = options.loginHint?.toLowerCase();
  /** The account MSAL signed in during this session (for the login hint, when there is one). */
  let signedIn: MsalAccount | undefined;

  const isHinted = (a: MsalAccount) =>
    !hint || a.username.toLowerCase() === hint || a.homeAccountId === signedIn?.homeAccountId;

  // With a login hint (the Teams user), only that person's account may be used: the cache is in
  // sessionStorage, so on a shared device or after an account switch in Teams it can hold (and
  // have active) someone else's account, whose tokens must not be sent for this user.
  const account = (): MsalAccount | undefined => {
    const active = client.getActiveAccount();
    if (active && isHinted(active)) return active;
    const found = client.getAllAccounts().find(isHinted);
    if (found) client.setActiveAccount(found);
    return found;
  };

  const remember = (result: { accessToken: string; account: MsalAccount | null }) => {
    if (result.account) {
      signedIn = result.account;
      client.setActiveAccount(result.account);
    }
    return result.accessToken;
  };

  const interact = (audience: TokenAudience, scopes: string[]): Promise<string> => {
    // Parallel requests for the same audience share one popup.
    const running = interactive.get(audience);
    if (running) return running;
    const request = { scopes, ...(options.loginHint ? { loginHint: options.loginHint } : {}) };
    const started =
      options.interaction === "popup"
        ? client.acquireTokenPopup(request).then(remember)
        : client.acquireTokenRedirect(request).then(() => {
            throw new RedirectingError("Signing in: the page is redirecting to Microsoft Entra");
          });
    const done = started.finally(() => interactive.delete(audience));
    interactive.set(audience, done);
    return done;
  };

  return {
    async getToken(audience) {
      const scopes = options.scopes[audience];
      const acc = account();
      try {
        if (acc) return remember(await client.acquireTokenSilent({ scopes, account: acc }));
        if (options.loginHint) {
          return remember(await client.ssoSilent({ scopes, loginHint: options.loginHint }));
        }
      } catch (e) {
        if (!isInteractionRequired(e)) throw e;
      }
      return interact(audience, scopes);
    },
  };
}
