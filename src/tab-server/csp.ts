/**
 * The Content-Security-Policy of the tab's pages (issue 3 §1): scripts only from the tab's own
 * origin (no inline scripts, so the runtime config is fetched, never inlined), styles also
 * inline (Griffel, Fluent UI's CSS-in-JS, injects <style> elements), connections only to the
 * configured SharePoint site, Graph, the Entra login host and teams-js's CDN, and framing only by the Teams and
 * Microsoft 365 hosts listed in
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements
 * (plus the tab's own origin in local mode, for the local Teams host page).
 */

export const TEAMS_FRAME_ANCESTORS: readonly string[] = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.microsoft365.com",
];

export const LOGIN_ORIGIN = "https://login.microsoftonline.com";

/**
 * Where teams-js (2.19 and later) fetches the list of valid Teams host origins,
 * `https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json`, on every
 * `app.initialize()` (its `validOriginsCdnEndpoint`; it falls back to its bundled list when the
 * fetch fails). Microsoft's CSP guidance for tabs asks to allow this CDN
 * (https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements, "Content
 * Security Policy"); only this origin is added, and only to connect-src.
 */
export const TEAMS_JS_CDN_ORIGIN = "https://res.cdn.office.net";

export interface CspOptions {
  sharePointOrigin: string;
  graphOrigin: string;
  /** Local mode adds 'self' to frame-ancestors for the local Teams host page. */
  local: boolean;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The directives, in order, each as [name, ...sources]. */
export function cspDirectives(o: CspOptions): [string, ...string[]][] {
  return [
    ["default-src", "'self'"],
    // The optimizer's HiGHS WebAssembly cannot compile without 'wasm-unsafe-eval' (it allows
    // WebAssembly compilation only, not eval of JavaScript).
    ["script-src", "'self'", "'wasm-unsafe-eval'"],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    [
      "connect-src",
      ...unique(["'self'", o.sharePointOrigin, o.graphOrigin, LOGIN_ORIGIN, TEAMS_JS_CDN_ORIGIN]),
    ],
    // MSAL's silent renewal outside Teams runs in a hidden iframe on the login host; the local
    // Teams host page frames the tab itself.
    ["frame-src", "'self'", LOGIN_ORIGIN],
    ["frame-ancestors", ...(o.local ? ["'self'"] : []), ...TEAMS_FRAME_ANCESTORS],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
  ];
}

export function contentSecurityPolicy(o: CspOptions): string {
  return cspDirectives(o)
    .map((d) => d.join(" "))
    .join("; ");
}
