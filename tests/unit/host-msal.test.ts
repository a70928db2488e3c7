/**
 * The MSAL configuration the Teams tab signs in with: the tenant's authority, the redirect
 * address, and a token cache that does not outlive the browser session (shared municipal PCs).
 */
import { msalConfiguration } from "../../src/host/msal.js";
import type { TeamsRuntimeConfig } from "../../src/host/runtime-config.js";

const teams: TeamsRuntimeConfig = {
  mode: "teams",
  siteUrl: "https://demokommune.sharepoint.com/sites/digistyr",
  graphBaseUrl: "https://graph.microsoft.com/v1.0",
  clientId: "client",
  tenantId: "tenant",
};

describe("MSAL configuration", () => {
  it("keeps the token cache in sessionStorage, never localStorage", () => {
    const configuration = msalConfiguration(teams, "https://app.example/auth");
    expect(configuration.cache?.cacheLocation).toBe("sessionStorage");
  });

  it("signs in against the tenant's authority with the app's client id and redirect address", () => {
    const configuration = msalConfiguration(teams, "https://app.example/auth");
    expect(configuration.auth).toEqual({
      clientId: "client",
      authority: "https://login.microsoftonline.com/tenant",
      redirectUri: "https://app.example/auth",
    });
  });
});
