/**
 * The channel tab's configuration page (the manifest's `configurationUrl`, `<host>/?mode=config`).
 * Teams opens it when someone adds Digistyr to a channel; the page tells Teams what the tab will
 * be (`pages.config.setConfig` inside the save handler) and that it may be saved
 * (`pages.config.setValidityState(true)`). The page has nothing to choose: the tab always shows
 * the committee's portfolio site, so it is valid at once.
 *
 * teams-js is reached through `TabConfigApi` (bound in `teams-js.ts`), so this is unit-tested
 * with a fake and the library stays in its lazily loaded chunk.
 */

/** What Teams stores for the channel tab (teams-js `pages.InstanceConfig`). */
export interface TabInstanceConfig {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/** teams-js `pages.config.SaveEvent`. */
export interface TabSaveEvent {
  notifySuccess(): void;
  notifyFailure(reason?: string): void;
}

/** The teams-js `pages.config` calls the configuration page uses. */
export interface TabConfigApi {
  registerOnSaveHandler(handler: (event: TabSaveEvent) => void): void;
  setConfig(config: TabInstanceConfig): Promise<void>;
  setValidityState(valid: boolean): void;
}

/** The entity id of Digistyr's channel tab (one kind of tab, so one id). */
export const CHANNEL_TAB_ENTITY_ID = "digistyr";
export const CHANNEL_TAB_DISPLAY_NAME = "Digistyr";

/** True when the page was opened as the configuration page (`?mode=config`). */
export function isConfigMode(search: string): boolean {
  return new URLSearchParams(search).get("mode") === "config";
}

/**
 * The channel tab's configuration, from where the configuration page itself is served:
 * `https://host/app/?mode=config` gives the content URL `https://host/app/`.
 */
export function channelTabConfig(location: {
  origin: string;
  pathname: string;
}): TabInstanceConfig {
  const url = `${location.origin}${location.pathname}`;
  return {
    contentUrl: url,
    websiteUrl: url,
    entityId: CHANNEL_TAB_ENTITY_ID,
    suggestedDisplayName: CHANNEL_TAB_DISPLAY_NAME,
  };
}
