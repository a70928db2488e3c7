/**
 * The app's PnPjs pipeline (PLATFORM.md, "PnPjs v4"): `spfi(siteUrl).using(DefaultHeaders(),
 * DefaultInit(), <fetch with retry>, DefaultParse(), <bearer token on "auth">)`. Production
 * and local mode differ only by the site URL and the token provider. `SPBrowser()` is avoided
 * on purpose: it fetches a request digest before writes when no Authorization header is set.
 */
import "@pnp/sp/webs/index.js";
import "@pnp/sp/lists/index.js";
import "@pnp/sp/items/index.js";
import "@pnp/sp/site-users/index.js";
import "@pnp/sp/site-groups/index.js";
import "@pnp/sp/batching.js";

import { delay } from "@pnp/core";
import { DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit, type SPFI, spfi } from "@pnp/sp";

import type { TokenProvider } from "../../ports/auth.js";

export type { SPFI };

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
}

export interface SpOptions {
  retry?: RetryOptions;
}

export interface ResolvedRetry {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export function resolveRetry(o: RetryOptions = {}): ResolvedRetry {
  return {
    retries: o.retries ?? 4,
    baseDelayMs: o.baseDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 60_000,
    sleep: o.sleep ?? ((ms) => delay(ms)),
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
          await o.sleep(backoffMs(undefined, attempt, o));
          continue;
        }
        if (!isRetryableStatus(response.status) || attempt >= o.retries) return response;
        attempt += 1;
        // Drain the body so the connection can be reused.
        await response.arrayBuffer();
        await o.sleep(backoffMs(response.headers.get("Retry-After"), attempt, o));
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
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${token}`);
      init.headers = Object.fromEntries(headers.entries());
      return [url, init];
    });
    return instance;
  };
}

/** The PnPjs root for one site. */
export function createSp(siteUrl: string, tokens: TokenProvider, options: SpOptions = {}): SPFI {
  return spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    FetchWithRetry(options.retry),
    DefaultParse(),
    BearerFromProvider(tokens),
  );
}

/** The server-relative path of a site URL (`/sites/digistyr`), used to address lists by URL. */
export function siteRelativePath(siteUrl: string): string {
  return new URL(siteUrl).pathname.replace(/\/+$/, "");
}
