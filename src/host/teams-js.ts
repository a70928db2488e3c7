/**
 * The one place that binds teams-js to the host's `TeamsApi`. Loaded on demand (a separate
 * chunk), so a tab opened outside Teams never downloads the library.
 */
import type { TabConfigApi } from "./tab-config.js";
import type { TeamsApi, TeamsContext } from "./teams.js";

export async function loadTeamsJs(): Promise<TeamsApi> {
  const { app } = await import("@microsoft/teams-js");
  return {
    initialize: () => app.initialize(),
    getContext: async (): Promise<TeamsContext> => {
      const c = await app.getContext();
      return {
        app: { locale: c.app.locale, theme: c.app.theme },
        page: { id: c.page.id, subPageId: c.page.subPageId },
        user: c.user
          ? {
              id: c.user.id,
              loginHint: c.user.loginHint,
              userPrincipalName: c.user.userPrincipalName,
              tenant: c.user.tenant ? { id: c.user.tenant.id } : undefined,
            }
          : undefined,
        team: c.team
          ? {
              groupId: c.team.groupId,
              displayName: c.team.displayName,
              internalId: c.team.internalId,
            }
          : undefined,
        channel: c.channel ? { id: c.channel.id, displayName: c.channel.displayName } : undefined,
        sharePointSite: c.sharePointSite
          ? { teamSiteUrl: c.sharePointSite.teamSiteUrl }
          : undefined,
      };
    },
    onThemeChange: (handler) => app.registerOnThemeChangeHandler(handler),
  };
}

/**
 * teams-js `pages.config` for the channel tab's configuration page. Call after the host has
 * initialised teams-js (the import is then the already loaded chunk).
 */
export async function loadTeamsTabConfig(): Promise<TabConfigApi> {
  const { pages } = await import("@microsoft/teams-js");
  return {
    registerOnSaveHandler: (handler) => pages.config.registerOnSaveHandler(handler),
    setConfig: (config) => pages.config.setConfig(config),
    setValidityState: (valid) => pages.config.setValidityState(valid),
  };
}
