/**
 * The app's PnPjs pipeline (PLATFORM.md, "PnPjs v4"): `spfi(siteUrl).using(DefaultHeaders(),
 * DefaultInit(), <fetch with retry>, DefaultParse(), <bearer token on "auth">)`. Production
 * and local mode differ only by the site URL and the token provider. `SPBrowser()` is avoided
 * on purpose: it fetches a request digest before writes when no Authorization header is set.
 */
import "@pnp/sp/webs/index.js";

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
import {
  isRead,
  isRetryableStatus,
  resolveRetryPolicy,
  retryAfterMs,
  RetryBudget,
  type RetryPolicy,
  type RetryPolicyOptions,
} from "../retry-policy.js";

/**
 * How a throttled (429/503), timed-out (504, reads only) or unreachable (reads only) request is
 * retried: within a budget of waiting time, honouring Retry-After (src/adapters/retry-policy.ts).
 */
export type RetryOptions = RetryPolicyOptions;

export interface SpOptions {
  retry?: RetryOptions;
}

export type ResolvedRetry = RetryPolicy;

/** The retry policy of the app's SharePoint adapters (a two-minute budget per request). */
export function resolveRetry(o: RetryOptions = {}): ResolvedRetry {
  return resolveRetryPolicy(o);
}

/** The caller gave up on the request (an AbortSignal): not a failure to retry. */
function isAbort(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError";
}

/**
 * The `send` step: fetch, and on 429/503 (and 504 for a read) wait and try again, within the
 * policy's budget of waiting time: Retry-After when SharePoint sends it, else back-off with
 * jitter. When the budget is spent the last answer goes on to the parser, which turns it into
 * an error (mapped to Throttled/Unavailable, with SharePoint's Retry-After). A network failure
 * is retried only for a read: a write that may have reached the server is not safe to repeat.
 * https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 */
export function FetchWithRetry(options: RetryOptions = {}) {
  const policy = resolveRetry(options);
  return (instance: Queryable) => {
    instance.on.send.replace(async (url: URL, init: RequestInit): Promise<Response> => {
      const method = init.method ?? "GET";
      const budget = new RetryBudget(policy);
      for (;;) {
        let response: Response;
        try {
          response = await fetch(url.toString(), init);
        } catch (e) {
          if (!isRead(method) || isAbort(e) || init.signal?.aborted) throw e;
          const waitMs = budget.nextUnreachable();
          if (waitMs === undefined) throw e;
          await budget.wait(0, waitMs);
          continue;
        }
        if (!isRetryableStatus(response.status, method) || init.signal?.aborted) return response;
        const waitMs = budget.next(retryAfterMs(response.headers.get("Retry-After"), policy.now));
        if (waitMs === undefined) return response;
        // Drain the body so the connection can be reused.
        await response.arrayBuffer();
        await budget.wait(response.status, waitMs);
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
  const retry = resolveRetry(options.retry);
  const sp = spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    FetchWithRetry(retry),
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
    retry,
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
