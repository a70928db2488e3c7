/**
 * The app's PnPjs pipeline (PLATFORM.md, "PnPjs v4"): `spfi(siteUrl).using(DefaultHeaders(),
 * DefaultInit(), <fetch with retry>, DefaultParse(), <bearer token on "auth">)`. Production
 * and local mode differ only by the site URL and the token provider. `SPBrowser()` is avoided
 * on purpose: it fetches a request digest before writes when no Authorization header is set.
 */
import "@pnp/sp/webs/index.js";

import { delay } from "@pnp/core";
import { body, DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit, spfi, spPost } from "@pnp/sp";
import { createBatch } from "@pnp/sp/batching.js";
import { type IItems, Items } from "@pnp/sp/items/types.js";
import { type IList, List } from "@pnp/sp/lists/types.js";
import { type ISiteGroups, SiteGroups } from "@pnp/sp/site-groups/types.js";
import { type ISiteUser, SiteUser } from "@pnp/sp/site-users/types.js";
import { encodePath } from "@pnp/sp/utils/encode-path-str.js";
import { type IWeb, Web } from "@pnp/sp/webs/types.js";

import type { TokenProvider } from "../../ports/auth.js";

export interface RetryOptions {
  /** How many times a throttled or unavailable request is retried (default 4). */
  retries?: number;
  /** First back-off in ms when the service sends no Retry-After (default 500, doubling). */
  baseDelayMs?: number;
  /** Upper bound of any single wait in ms (default 60 s). */
  maxDelayMs?: number;
  /**
   * How to wait. Tests pass a function that records the wait and returns at once, so the
   * retry logic is exercised without sleeping.
   */
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait (status 429/503/504, or 0 for a network failure), e.g. to show it. */
  onRetry?: (wait: { status: number; waitMs: number; attempt: number }) => void;
}

export interface SpOptions {
  retry?: RetryOptions;
}

export interface ResolvedRetry {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  onRetry: (wait: { status: number; waitMs: number; attempt: number }) => void;
}

export function resolveRetry(o: RetryOptions = {}): ResolvedRetry {
  return {
    retries: o.retries ?? 4,
    baseDelayMs: o.baseDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 60_000,
    sleep: o.sleep ?? ((ms) => delay(ms)),
    onRetry: o.onRetry ?? (() => undefined),
  };
}

/** SharePoint Online throttles with 429 and sheds load with 503; gateways time out with 504. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/**
 * How long to wait before attempt `attempt` (1-based): the service's `Retry-After` (seconds)
 * when it sent one, else exponential back-off; capped.
 * https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 */
export function backoffMs(
  retryAfter: string | null | undefined,
  attempt: number,
  o: ResolvedRetry,
): number {
  const seconds = retryAfter === null || retryAfter === undefined ? NaN : Number(retryAfter);
  const wanted = Number.isFinite(seconds)
    ? Math.max(0, seconds) * 1000
    : o.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(wanted, o.maxDelayMs);
}

/**
 * The `send` step: fetch, and on 429/503/504 wait (honouring Retry-After) and try again, a
 * bounded number of times. When retries run out the last response goes on to the parser,
 * which turns it into an error (mapped to Throttled/Unavailable). A network failure is
 * retried only for GET: a POST that may have reached the server is not safe to repeat.
 */
export function FetchWithRetry(options: RetryOptions = {}) {
  const o = resolveRetry(options);
  return (instance: Queryable) => {
    instance.on.send.replace(async (url: URL, init: RequestInit): Promise<Response> => {
      let attempt = 0;
      for (;;) {
        let response: Response;
        try {
          response = await fetch(url.toString(), init);
        } catch (e) {
          const isGet = (init.method ?? "GET").toUpperCase() === "GET";
          if (!isGet || attempt >= o.retries || (e as Error).name === "AbortError") throw e;
          attempt += 1;
          const waitMs = backoffMs(undefined, attempt, o);
          o.onRetry({ status: 0, waitMs, attempt });
          await o.sleep(waitMs);
          continue;
        }
        if (!isRetryableStatus(response.status) || attempt >= o.retries) return response;
        attempt += 1;
        // Drain the body so the connection can be reused.
        await response.arrayBuffer();
        const waitMs = backoffMs(response.headers.get("Retry-After"), attempt, o);
        o.onRetry({ status: response.status, waitMs, attempt });
        await o.sleep(waitMs);
      }
    });
    return instance;
  };
}

/** Sets `Authorization: Bearer <token>` on the "auth" moment, asking the provider each time. */
export function BearerFromProvider(tokens: TokenProvider) {
  return (instance: Queryable) => {
    instance.on.auth(async (url: URL, init: RequestInit): Promise<[URL, RequestInit]> => {
      const token = await tokens.getToken("sharepoint");
      // Kept as a plain object with its keys as given: PnPjs later spreads the caller's own
      // headers (e.g. X-HTTP-Method) over these, and differently-cased duplicates would be
      // joined into one header ("MERGE, MERGE").
      init.headers = {
        ...(init.headers as Record<string, string>),
        Authorization: `Bearer ${token}`,
      };
      return [url, init];
    });
    return instance;
  };
}

/**
 * The parts of PnPjs the adapters use, for one site. PnPjs adds `sp.web`, `web.getList`,
 * `list.items` ... by module augmentation of extensionless paths (`declare module "../fi"`),
 * which TypeScript's NodeNext resolution does not apply; so this builds the same objects from
 * PnPjs's own factories (what those getters call at run time). The requests are identical.
 */
export interface SpSite {
  siteUrl: string;
  /** `/sites/digistyr`. */
  serverRelativeUrl: string;
  web: IWeb;
  retry: ResolvedRetry;
  /** A list by URL (`web/getList('/sites/x/Lists/<name>')`), which survives a renamed title. */
  list(name: string, web?: IWeb): IList;
  items(name: string, web?: IWeb): IItems;
  currentUser(): ISiteUser;
  groupsOf(user: ISiteUser): ISiteGroups;
  /** `web/ensureuser` with a claims login name. */
  ensureUser(logonName: string): Promise<unknown>;
  /** A batched copy of the web and the function that sends the batch (PnPjs `web.batched()`). */
  batched(maxRequests: number): [IWeb, () => Promise<void>];
}

/** The PnPjs root for one site. */
export function createSp(siteUrl: string, tokens: TokenProvider, options: SpOptions = {}): SpSite {
  const sp = spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    FetchWithRetry(options.retry),
    DefaultParse(),
    BearerFromProvider(tokens),
  );
  // Defined at run time by the "@pnp/sp/webs/index.js" import above.
  const web = (sp as unknown as { web: IWeb }).web;
  const serverRelativeUrl = siteRelativePath(siteUrl);
  const list = (name: string, w: IWeb = web) =>
    List(w, `getList('${encodePath(`${serverRelativeUrl}/Lists/${name}`)}')`);
  return {
    siteUrl,
    serverRelativeUrl,
    web,
    retry: resolveRetry(options.retry),
    list,
    items: (name, w) => Items(list(name, w)),
    currentUser: () => SiteUser(web, "currentUser"),
    groupsOf: (user) => SiteGroups(user, "groups"),
    ensureUser: (logonName) => spPost(Web(web, "ensureuser"), body({ logonName })),
    batched: (maxRequests) => {
      // What PnPjs's `_Web.prototype.batched` does.
      const batchedWeb = Web(web);
      const [behavior, execute] = createBatch(batchedWeb, { maxRequests });
      batchedWeb.using(behavior);
      return [batchedWeb, execute];
    },
  };
}

/** The server-relative path of a site URL (`/sites/digistyr`), used to address lists by URL. */
export function siteRelativePath(siteUrl: string): string {
  return new URL(siteUrl).pathname.replace(/\/+$/, "");
}
