import type Database from "better-sqlite3";

import type { Faults } from "./faults.js";
import type { HttpResponse, RequestContext } from "./http.js";

/** What a sub-API (SharePoint REST, Graph) gets from the server. */
export interface ApiDeps {
  db: Database.Database;
  faults: Faults;
  /** Server-relative URL of the one site, e.g. `/sites/digistyr`. */
  sitePath: string;
  /** The server's clock (tests may pin it). */
  now: () => Date;
}

/** A sub-API: the main handler and optional unauthenticated `/_admin/...` routes. */
export interface SubApi {
  handle(ctx: RequestContext): Promise<HttpResponse> | HttpResponse;
  /** Answers an admin route it owns (path after `/_admin`), or undefined. */
  admin?(method: string, path: string, body: unknown, url: URL): HttpResponse | undefined;
}
