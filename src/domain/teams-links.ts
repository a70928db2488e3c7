/**
 * Which meeting links the tab offers as "join the Teams meeting": only https links on a Teams
 * host, so a mistyped or planted address in the Meetings list is never shown as a Teams link.
 * The local emulator hands out the same shape as Teams
 * (https://teams.microsoft.com/l/meetup-join/…, see src/emulator/graph/events.ts), so no
 * exception is needed for it.
 */

const TEAMS_HOST = "teams.microsoft.com";

/** True when `url` is an https URL on teams.microsoft.com or one of its subdomains. */
export function isTeamsJoinUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:") return false;
  if (parsed.username !== "" || parsed.password !== "" || parsed.port !== "") return false;
  const host = parsed.hostname.toLowerCase();
  return host === TEAMS_HOST || host.endsWith(`.${TEAMS_HOST}`);
}

/** What a Teams deep link to one place in Digistyr's personal tab needs. */
export interface TabDeepLinkTarget {
  /** The app id Teams knows the app by (for an org-catalog app: the catalog's id). */
  appId: string;
  /** The tab's entity id (the manifest's static tab `entityId`). */
  entityId: string;
  /** The place in the tab, e.g. `prioritering/runder/7`; Teams hands it back as `subPageId`. */
  subEntityId: string;
  /** Where a client without Teams should go instead (the tab's address with its hash route). */
  webUrl: string;
  /** The label Teams shows for the link. */
  label: string;
}

/**
 * A Teams deep link straight to a place in the tab
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application):
 * `https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&label=…&context={"subEntityId":…}`.
 */
export function teamsTabDeepLink(t: TabDeepLinkTarget): string {
  const query = [
    `webUrl=${encodeURIComponent(t.webUrl)}`,
    `label=${encodeURIComponent(t.label)}`,
    `context=${encodeURIComponent(JSON.stringify({ subEntityId: t.subEntityId }))}`,
  ].join("&");
  return `https://${TEAMS_HOST}/l/entity/${encodeURIComponent(t.appId)}/${encodeURIComponent(t.entityId)}?${query}`;
}
