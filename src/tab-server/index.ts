/**
 * The tab server's entry points. `startLocalTabServer` is what `npm start` and the end-to-end
 * tests use: the tab in local mode against a running local Microsoft 365.
 */
import { localRuntimeConfig, type M365Announcement } from "./local-config.js";
import { startTabServer, type TabServer } from "./server.js";

export { buildTab, tabNeedsBuild } from "./build.js";
export { contentSecurityPolicy, cspDirectives, TEAMS_FRAME_ANCESTORS } from "./csp.js";
export { localRuntimeConfig, readDemoIdentities, teamsHostConfig } from "./local-config.js";
export { startTabServer, type TabServer, type TabServerOptions } from "./server.js";

export function startLocalTabServer(options: {
  m365: M365Announcement;
  /** The built tab (`build/tab`). */
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
}): Promise<TabServer & { teamsHostUrl: string }> {
  const { m365 } = options;
  return startTabServer({
    root: options.root,
    port: options.port ?? 0,
    mode: "local",
    config: () => localRuntimeConfig(m365),
    sharePointOrigin: new URL(m365.sharepoint).origin,
    graphOrigin: new URL(m365.graph).origin,
  }) as Promise<TabServer & { teamsHostUrl: string }>;
}
