/**
 * Sign-in behind the `TokenProvider` port (PLATFORM.md, "Auth"). Inside Teams: MSAL nested app
 * authentication (`createNestablePublicClientApplication`), where only silent and popup flows
 * work. In a browser: a normal MSAL public client with redirect. Locally: `dev:<upn>` for the
 * chosen demo identity. SharePoint and Graph tokens are separate requests (a token has one
 * audience). `acquireTokenSilent` always comes first; MSAL caches tokens and refreshes them
 * silently, so the interactive flow runs only when Entra asks for it.
 */
import type { TokenAudience, TokenProvider } from "../ports/auth.js";
import type { RuntimeConfig } from "./runtime-config.js";
import type { HostContext } from "./teams.js";

export type AuthMode = "local" | "nested" | "browser";

/** Local config → dev identities; else nested app auth inside Teams, the browser flow outside. */
export function authModeFor(config: RuntimeConfig, host: Pick<HostContext, "inTeams">): AuthMode {
  if (config.mode === "local") return "local";
  return host.inTeams ? "nested" : "browser";
}

/** Delegated Graph permissions the app uses (meetings, channel posts, mail, group members). */
export const GRAPH_SCOPES: readonly string[] = [
  "User.Read",
  "Calendars.ReadWrite",
  "ChannelMessage.Send",
  "Mail.Send",
  "GroupMember.Read.All",
];

/** The scopes per audience: `https://<tenant>.sharepoint.com/.default` and Graph's own. */
export function scopesFor(siteUrl: string): Record<TokenAudience, string[]> {
  return {
    sharepoint: [`${new URL(siteUrl).origin}/.default`],
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
