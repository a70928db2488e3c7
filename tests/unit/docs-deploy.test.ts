/**
 * docs/deploy.md stays true: its permission tables are the declaration (manifest/permissions.json)
 * row for row, the Content-Security-Policy it prints is the one `src/tab-server/csp.ts` sends,
 * and the steps an administrator cannot guess are there (public client flows for a CLI login,
 * the org catalog's app id for deep links, people rather than nested groups in the site groups).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import {
  type DelegatedPermission,
  PROVISIONING_PERMISSIONS,
  TAB_PERMISSIONS,
} from "../../src/host/permissions.js";
import { contentSecurityPolicy, cspDirectives } from "../../src/tab-server/csp.js";
import { markedBlock, tableRows } from "../support/markdown.js";

const deploy = readFileSync(join(import.meta.dirname, "../../docs/deploy.md"), "utf8");

const API: Record<DelegatedPermission["resource"], string> = {
  graph: "Microsoft Graph",
  sharepoint: "SharePoint",
};

/** A declaration as the page's table rows: API, permission, admin consent, why. */
const asRows = (permissions: readonly DelegatedPermission[]) =>
  permissions.map((p) => [API[p.resource], p.scope, p.adminConsent ? "yes" : "no", p.why]);

describe("docs/deploy.md", () => {
  it.each([
    ["tab", TAB_PERMISSIONS],
    ["provisioning", PROVISIONING_PERMISSIONS],
  ] as const)("lists exactly the %s permissions of the declaration", (name, permissions) => {
    const rows = tableRows(markedBlock(deploy, `permissions:${name}`));
    expect(rows.map((r) => r.map((cell) => cell.replace(/`/g, "")))).toEqual(asRows(permissions));
  });

  it("never tells anyone to give the tab AllSites.Manage or AllSites.FullControl", () => {
    const tab = tableRows(markedBlock(deploy, "permissions:tab")).map((r) => r[1]);
    expect(tab.join(" ")).not.toMatch(/AllSites\.(Manage|FullControl)|\.default/);
  });

  it("prints the Content-Security-Policy that src/tab-server/csp.ts sends, 'wasm-unsafe-eval' included", () => {
    const block = markedBlock(deploy, "csp");
    const fenced = /```\n([\s\S]*?)\n\s*```/.exec(block)?.[1];
    expect(fenced).toBeDefined();
    const printed = fenced!
      .split("\n")
      .map((l) => l.trim())
      .join(" ");
    const sent = contentSecurityPolicy({
      sharePointOrigin: "https://<tenant>.sharepoint.com",
      graphOrigin: "https://graph.microsoft.com",
      local: false,
    });
    expect(printed).toBe(sent);
    expect(printed).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it("lets teams-js fetch its valid Teams hosts from Microsoft's CDN, and connects to no other CDN", () => {
    // The endpoint as the installed teams-js has it (its validOriginsCdnEndpoint).
    const constants = readFileSync(
      join(
        import.meta.dirname,
        "../../node_modules/@microsoft/teams-js/dist/esm/packages/teams-js/src/internal/constants.js",
      ),
      "utf8",
    );
    const endpoint = /new URL\("(https:\/\/[^"]+validDomains\.json)"\)/.exec(constants)?.[1];
    expect(endpoint).toBeDefined();
    const connect = cspDirectives({
      sharePointOrigin: "https://x.sharepoint.com",
      graphOrigin: "https://graph.microsoft.com",
      local: false,
    }).find((d) => d[0] === "connect-src");
    expect(connect).toContain(new URL(endpoint!).origin);
    expect(connect?.slice(1)).toEqual([
      "'self'",
      "https://x.sharepoint.com",
      "https://graph.microsoft.com",
      "https://login.microsoftonline.com",
      new URL(endpoint!).origin,
    ]);
  });

  it("names the public client flows setting the CLI login needs, on the provisioning registration", () => {
    const section = deploy.slice(
      deploy.indexOf("## 3. Register the provisioning identity"),
      deploy.indexOf("## 5. Run provisioning"),
    );
    expect(section).toMatch(/\*\*Allow public client flows\*\* to\s+\*\*Yes\*\*/);
    expect(section).toMatch(/m365 login --authType deviceCode --appId <provisioning client id>/);
    expect(section).toContain("AllSites.FullControl");
  });

  it("tells deep links to use the app id the org catalog assigns, in the runtime config", () => {
    expect(deploy).toMatch(/"teamsAppId": "<the app id the org catalog assigned/);
    expect(deploy).toMatch(/catalog's id/);
    expect(deploy).toContain("appCatalogs/teamsApps?$filter=externalId eq '<manifest id>'");
  });

  it("warns against nesting Entra ID or Microsoft 365 groups in the committee's groups", () => {
    const section = deploy.slice(deploy.indexOf("## 6. Put people in the groups"));
    expect(section).toMatch(/Add people, not groups/);
    expect(section).toMatch(/Entra ID security group or a Microsoft 365 group/);
    expect(section).toMatch(/does not expand nested groups/);
  });
});
