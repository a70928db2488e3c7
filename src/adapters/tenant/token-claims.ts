/**
 * What an access token says about its own delegated permissions.
 *
 * - A Microsoft identity platform access token is a JWT whose payload carries the delegated
 *   permissions in `scp`, space-separated
 *   (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#payload-claims).
 *   The payload is only decoded here: the signature is NOT checked. The doctor only reports
 *   what the token claims so an administrator can see which permission is missing; SharePoint
 *   and Graph check the signature of every request themselves, so a forged claim gains nothing.
 * - A local token `dev:<upn>;scp=A,B` carries exactly A and B; a plain `dev:<upn>` carries the
 *   local server's default scopes, which the token itself does not name.
 * Anything else (an opaque token, a JWT without `scp`) says nothing.
 */
import type { TokenClaims } from "../../ports/tenant.js";

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT's payload, or undefined when `token` is not a JWT. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1])) as unknown;
    return payload !== null && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The delegated scopes a raw token (without "Bearer ") claims, when it says. */
export function claimsOf(rawToken: string): TokenClaims {
  const token = rawToken.replace(/^Bearer\s+/i, "").trim();
  const dev = /^dev:[^;]+(?:;scp=(.*))?$/.exec(token);
  if (dev) {
    if (dev[1] === undefined) return { kind: "silent" };
    const scopes = dev[1]
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    return { kind: "claimed", source: "dev", scopes };
  }
  const payload = jwtPayload(token);
  if (payload && typeof payload.scp === "string") {
    return {
      kind: "claimed",
      source: "jwt",
      scopes: payload.scp.split(" ").filter((s) => s !== ""),
    };
  }
  return { kind: "silent" };
}
