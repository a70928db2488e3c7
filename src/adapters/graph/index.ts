import type { TokenProvider } from "../../ports/auth.js";
import { GraphChannelPoster } from "./channel-poster.js";
import { GraphDirectory } from "./directory.js";
import { GraphHttp, type GraphRetryOptions } from "./graph-http.js";
import { GraphMailer } from "./mailer.js";
import { GraphMeetingCalendar } from "./meeting-calendar.js";
import { GraphTeamsCatalog } from "./teams-catalog.js";

export { GraphChannelPoster } from "./channel-poster.js";
export { GraphDirectory } from "./directory.js";
export {
  type BatchOutcome,
  type BatchPart,
  GraphHttp,
  type GraphRetryOptions,
} from "./graph-http.js";
export { GraphMailer } from "./mailer.js";
export { GraphMeetingCalendar } from "./meeting-calendar.js";
export { GraphTeamsCatalog } from "./teams-catalog.js";

export interface GraphAdaptersOptions {
  /** `https://graph.microsoft.com/v1.0` in production; the local server's `.../v1.0` locally. */
  baseUrl: string;
  tokens: TokenProvider;
  retry?: GraphRetryOptions;
  /** The committee's time zone (IANA); default Europe/Copenhagen. */
  timeZone?: string;
}

/** The Graph-backed ports. Production and local mode differ only by baseUrl and tokens. */
export function createGraphAdapters(options: GraphAdaptersOptions) {
  const http = new GraphHttp(options);
  return {
    calendar: new GraphMeetingCalendar(http, {
      defaultTimeZone: options.timeZone ?? "Europe/Copenhagen",
    }),
    channel: new GraphChannelPoster(http),
    mailer: new GraphMailer(http),
    directory: new GraphDirectory(http),
    teams: new GraphTeamsCatalog(http),
  };
}
