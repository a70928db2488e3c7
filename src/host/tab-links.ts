/**
 * The `TabLinks` the app gives to the pages: a Teams deep link to the personal tab when the
 * Teams app's id is known (runtime-config `teamsAppId`), otherwise the tab's address with the
 * hash route (local mode, or a tab served outside Teams).
 */
import { teamsTabDeepLink } from "../domain/teams-links.js";
import type { TabLinks } from "../ports/tab-links.js";
import { subEntityIdForRoute } from "./deep-link.js";

export interface TabLinkOptions {
  /** The tab's address without hash, e.g. `https://digistyr.kommune.dk/`. */
  tabUrl: string;
  /** The Teams app's id; without it links are plain web links. */
  teamsAppId?: string;
  /** The personal tab's entity id (manifest). */
  entityId?: string;
  label?: string;
}

export function createTabLinks(o: TabLinkOptions): TabLinks {
  const base = o.tabUrl.replace(/#.*$/, "");
  return {
    to(route: string): string {
      const hash = `#/${subEntityIdForRoute(route)}`;
      const webUrl = `${base}${hash}`;
      if (!o.teamsAppId) return webUrl;
      return teamsTabDeepLink({
        appId: o.teamsAppId,
        entityId: o.entityId ?? "digistyr",
        subEntityId: subEntityIdForRoute(route),
        webUrl,
        label: o.label ?? "Digistyr",
      });
    },
  };
}
