/**
 * What a token says about its delegated permissions: a JWT's `scp` claim (decoded only, the
 * signature is not checked), a local `dev:<upn>;scp=A,B`, or nothing.
 */
import { claimsOf, jwtPayload } from "../../src/adapters/tenant/token-claims.js";

function base64Url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

/** A JWT with this payload and a signature that is not one (it is never checked). */
function jwt(payload: object): string {
  return `${base64Url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${base64Url(JSON.stringify(payload))}.not-a-signature`;
}

describe("token claims", () => {
  test.each([
    [
      "a JWT's scp, space-separated",
      jwt({ aud: "https://graph.microsoft.com", scp: "User.Read Mail.Send  Calendars.ReadWrite" }),
      { kind: "claimed", source: "jwt", scopes: ["User.Read", "Mail.Send", "Calendars.ReadWrite"] },
    ],
    [
      "a JWT with a Bearer prefix",
      `Bearer ${jwt({ scp: "AllSites.Write" })}`,
      { kind: "claimed", source: "jwt", scopes: ["AllSites.Write"] },
    ],
    [
      "a JWT without scp (an app-only token)",
      jwt({ roles: ["Sites.Read.All"] }),
      { kind: "silent" },
    ],
    [
      "a local token with scopes",
      "dev:niels@kommune.dk;scp=AllSites.FullControl,User.Read",
      { kind: "claimed", source: "dev", scopes: ["AllSites.FullControl", "User.Read"] },
    ],
    [
      "a local token with no scopes at all",
      "dev:niels@kommune.dk;scp=",
      { kind: "claimed", source: "dev", scopes: [] },
    ],
    ["a plain local token", "dev:niels@kommune.dk", { kind: "silent" }],
    ["an opaque token", "EwBwA8l6BAAU", { kind: "silent" }],
    ["three parts that are not JSON", "a.b.c", { kind: "silent" }],
  ])("%s", (_name, token, expected) => {
    expect(claimsOf(token)).toEqual(expected);
  });

  test("the payload is decoded as UTF-8 from base64url", () => {
    expect(jwtPayload(jwt({ name: "Birgitte Holm – Formand ø", n: "??>>" }))).toEqual({
      name: "Birgitte Holm – Formand ø",
      n: "??>>",
    });
  });
});
