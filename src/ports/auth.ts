/**
 * Where adapters get bearer tokens. Production: MSAL (nested app auth in Teams, browser
 * fallback), one token per audience. Local mode: `dev:<upn>` for the chosen demo user.
 * Production and local mode differ only by this provider and the base URLs.
 */
export type TokenAudience = "sharepoint" | "graph";

export interface TokenProvider {
  /** A raw access token (without the "Bearer " prefix). */
  getToken(audience: TokenAudience): Promise<string>;
}
