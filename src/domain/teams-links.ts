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
