import {
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
} from "@microsoft/microsoft-graph-client";

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
import { retryAfterSeconds, storeErrorFor, toStoreError } from "./errors.js";

/**
 * The one configured graph-client every Graph adapter uses, in the spirit of PnPjs' pipeline
 * (STYLE.md): our bearer-token middleware → our ThrottleRetryHandler (429/503, 504 for reads,
 * honouring Retry-After within a budget of waiting time) → HTTPMessageHandler (fetch).
 * Production and local mode differ only by `baseUrl` and the TokenProvider.
 *
 * Why not graph-client's RetryHandler: it counts retries (at most 10) and caps each wait at
 * 180 s, so it cannot wait out throttling for a given time, and it reports nothing.
 *
 * Why our own auth middleware: graph-client's AuthenticationHandler sends the token only to
 * https Graph hosts (or `customHosts`), never to the local server's http URL (PLATFORM.md).
 * Why only relative paths: an absolute URL given to `client.api()` bypasses `baseUrl`, and
 * graph-client's PageIterator builds broken next-page URLs over http
 * (reference/wire/graph2-capture.txt), so next links are turned back into relative paths here.
 */

/**
 * How throttled Graph requests and `$batch` parts are retried (src/adapters/retry-policy.ts):
 * within `budgetMs` of waiting per request or batch, honouring Retry-After.
 */
export type GraphRetryOptions = RetryPolicyOptions;

export interface GraphHttpOptions {
  /** The Graph service root including the version: `https://graph.microsoft.com/v1.0`. */
  baseUrl: string;
  tokens: TokenProvider;
  retry?: GraphRetryOptions;
}

/** Sets `Authorization: Bearer <token>` on every request, whatever its host or scheme. */
export class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly tokens: TokenProvider) {}

  async execute(context: Context): Promise<void> {
    const value = `Bearer ${await this.tokens.getToken("graph")}`;
    if (context.request instanceof Request) {
      context.request.headers.set("Authorization", value);
    } else {
      const options = (context.options ??= {});
      if (options.headers instanceof Headers) options.headers.set("Authorization", value);
      else
        options.headers = { ...(options.headers as Record<string, string>), Authorization: value };
    }
    if (!this.next) throw new Error("BearerTokenMiddleware needs a next middleware");
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A Graph collection page. */
export interface GraphPage<T> {
  value: T[];
  "@odata.nextLink"?: string;
}

/** One request of a JSON batch, in the caller's words. */
export interface BatchPart {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Relative to the service root (`/me/events`); a version prefix or absolute URL is stripped. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Indexes (into the same list of parts) this part must wait for. */
  dependsOn?: number[];
}

export interface BatchOutcome {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface WireResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Retries what Graph throttled (429), what it could not serve (503) and a read a gateway gave up
 * on (504) or that never got an answer, within the policy's budget of waiting time: the wait is
 * Retry-After when Graph sent one, else back-off with jitter
 * (https://learn.microsoft.com/graph/throttling, "Best practices to handle throttling"). Each
 * wait is reported to `onRetry` first, so the UI can say why a send is slow. When the budget is
 * spent, the last answer stands and is mapped to Throttled/Unavailable with its Retry-After.
 * A request whose body is a stream cannot be sent twice and is not retried.
 */
export class ThrottleRetryHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly policy: RetryPolicy) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("ThrottleRetryHandler needs a next middleware");
    const method = methodOf(context);
    const repeatable = !isStreamed(context);
    const budget = new RetryBudget(this.policy);
    for (;;) {
      try {
        await this.next.execute(context);
      } catch (e) {
        // No answer at all (fetch failed): only a read is safe to send again.
        if (!repeatable || !isRead(method) || (e as { name?: unknown }).name === "AbortError")
          throw e;
        const waitMs = budget.nextUnreachable();
        if (waitMs === undefined) throw e;
        await budget.wait(0, waitMs);
        continue;
      }
      const response = context.response;
      if (!response || !repeatable || !isRetryableStatus(response.status, method)) return;
      const waitMs = budget.next(
        retryAfterMs(response.headers.get("Retry-After"), this.policy.now),
      );
      if (waitMs === undefined) return;
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      await budget.wait(response.status, waitMs);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function methodOf(context: Context): string {
  if (context.request instanceof Request) return context.request.method;
  return context.options?.method ?? "GET";
}

/** A body graph-client sends as `application/octet-stream` may be a stream, read only once. */
function isStreamed(context: Context): boolean {
  const headers =
    context.request instanceof Request ? context.request.headers : context.options?.headers;
  let type: string | null | undefined;
  if (headers instanceof Headers) type = headers.get("Content-Type");
  else if (headers)
    type = Object.entries(headers as Record<string, string>).find(
      ([k]) => k.toLowerCase() === "content-type",
    )?.[1];
  return type === "application/octet-stream";
}

/** JSON batching allows at most 20 requests (https://learn.microsoft.com/graph/json-batching). */
export const BATCH_LIMIT = 20;

export class GraphHttp {
  readonly client: Client;
  private readonly root: URL;
  private readonly retry: RetryPolicy;

  constructor(options: GraphHttpOptions) {
    this.root = new URL(options.baseUrl.replace(/\/+$/, ""));
    const segments = this.root.pathname.split("/").filter(Boolean);
    const version = segments.pop() ?? "v1.0";
    const host = `${this.root.origin}${segments.length ? `/${segments.join("/")}` : ""}`;
    this.retry = resolveRetryPolicy(options.retry);
    const auth = new BearerTokenMiddleware(options.tokens);
    const retry = new ThrottleRetryHandler(this.retry);
    const http = new HTTPMessageHandler();
    auth.setNext(retry);
    retry.setNext(http);
    this.client = Client.initWithMiddleware({
      baseUrl: host,
      defaultVersion: version,
      middleware: auth,
    });
  }

  async get<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
    return this.run(() => this.client.api(path).headers(headers).get() as Promise<T>);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.run(() => this.client.api(path).post(body) as Promise<T>);
  }

  async patch<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.run(() => this.client.api(path).headers(headers).patch(body) as Promise<T>);
  }

  async delete(path: string): Promise<void> {
    await this.run(() => this.client.api(path).delete() as Promise<unknown>);
  }

  /** Every item of a collection, following `@odata.nextLink` up to `limit` items. */
  async all<T>(path: string, limit = Infinity, headers: Record<string, string> = {}): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = path;
    while (next !== undefined && out.length < limit) {
      const page: GraphPage<T> = await this.get<GraphPage<T>>(next, headers);
      out.push(...page.value);
      const link = page["@odata.nextLink"];
      next = link ? this.relative(link) : undefined;
    }
    return out.slice(0, limit);
  }

  /**
   * A Graph URL (an absolute next link, or a path that still carries the version) as a path
   * relative to the service root: what `client.api()` and batch parts need.
   */
  relative(url: string): string {
    let path: string;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      const u = new URL(url);
      const rootPath = this.root.pathname.replace(/\/+$/, "");
      path = u.pathname.startsWith(`${rootPath}/`) ? u.pathname.slice(rootPath.length) : u.pathname;
      path += u.search;
    } else path = url.startsWith("/") ? url : `/${url}`;
    return path.replace(/^\/(v1\.0|beta)(?=[/?]|$)/i, "");
  }

  /**
   * Runs requests through JSON `$batch`: chunks of at most 20, ids unique, inner URLs relative
   * and without the version (real Graph answers 400 otherwise; graph-client's
   * BatchRequestContent leaves `/v1.0` in them). Graph evaluates each part against its limits on
   * its own and answers the batch 200 (https://learn.microsoft.com/graph/throttling, "Throttling
   * and batching"), so the retry middleware never sees a throttled part: parts answered 429/503
   * (504 for a GET) are sent again here, after the longest Retry-After among them, with
   * whatever depended on them, within one budget of waiting per chunk; a part that succeeded
   * is never sent again. Outcomes come back in the order of `parts`, whatever order the
   * service answered in.
   */
  async batch(parts: BatchPart[]): Promise<BatchOutcome[]> {
    const outcomes: (BatchOutcome | undefined)[] = new Array<BatchOutcome | undefined>(
      parts.length,
    );
    for (let start = 0; start < parts.length; start += BATCH_LIMIT) {
      const chunk: number[] = [];
      for (let i = start; i < Math.min(parts.length, start + BATCH_LIMIT); i++) {
        const deps = parts[i]!.dependsOn ?? [];
        const earlierFailed = deps.some((d) => {
          if (d >= i) throw new RangeError(`Batch part ${i} depends on a later part ${d}`);
          const o = d < start ? outcomes[d] : undefined;
          return o !== undefined && (o.status < 200 || o.status > 299);
        });
        if (earlierFailed) {
          outcomes[i] = { status: 424, headers: {}, body: { error: { code: "FailedDependency" } } };
        } else chunk.push(i);
      }
      await this.runChunk(parts, chunk, outcomes);
    }
    return outcomes.map((o) => o ?? { status: 424, headers: {}, body: undefined });
  }

  private async runChunk(
    parts: BatchPart[],
    chunk: number[],
    outcomes: (BatchOutcome | undefined)[],
  ): Promise<void> {
    const budget = new RetryBudget(this.retry);
    let pending = chunk.filter((i) => outcomes[i] === undefined);
    while (pending.length > 0) {
      const inChunk = new Set(pending);
      const requests = pending.map((i) => {
        const p = parts[i]!;
        const dependsOn = (p.dependsOn ?? [])
          .filter((d) => inChunk.has(d))
          .map((d) => String(d + 1));
        const headers = { ...(p.headers ?? {}) };
        if (
          p.body !== undefined &&
          !Object.keys(headers).some((k) => k.toLowerCase() === "content-type")
        ) {
          headers["Content-Type"] = "application/json";
        }
        return {
          id: String(i + 1),
          method: p.method,
          url: this.relative(p.url),
          ...(Object.keys(headers).length ? { headers } : {}),
          ...(p.body !== undefined ? { body: p.body } : {}),
          ...(dependsOn.length ? { dependsOn } : {}),
        };
      });
      const answer = await this.post<{ responses?: WireResponse[] }>("/$batch", { requests });
      const byId = new Map((answer.responses ?? []).map((r) => [r.id, r]));
      const retry = new Set<number>();
      let retryAfter: number | undefined;
      let status = 0;
      for (const i of pending) {
        const r = byId.get(String(i + 1));
        const outcome: BatchOutcome = {
          status: r?.status ?? 502,
          headers: r?.headers ?? {},
          body: r?.body,
        };
        outcomes[i] = outcome;
        if (isRetryableStatus(outcome.status, parts[i]!.method)) {
          retry.add(i);
          status = status === 429 ? 429 : outcome.status;
          const h = Object.entries(outcome.headers).find(
            ([k]) => k.toLowerCase() === "retry-after",
          );
          const ms = retryAfterMs(h?.[1], this.retry.now);
          if (ms !== undefined) retryAfter = Math.max(retryAfter ?? 0, ms);
        }
      }
      // A part that failed only because its dependency was throttled goes again with it.
      for (const i of pending) {
        if (outcomes[i]?.status === 424 && (parts[i]!.dependsOn ?? []).some((d) => retry.has(d))) {
          retry.add(i);
        }
      }
      if (retry.size === 0) return;
      // The longest Retry-After among the throttled parts; back-off when none gave one.
      const waitMs = budget.next(retryAfter);
      if (waitMs === undefined) return;
      await budget.wait(status, waitMs, retry.size);
      pending = pending.filter((i) => retry.has(i));
    }
  }

  /** Throws the StoreError a failed batch part stands for. */
  static check(outcome: BatchOutcome): void {
    if (outcome.status >= 200 && outcome.status <= 299) return;
    const body = outcome.body as { error?: { code?: string; message?: string } } | undefined;
    const h = Object.entries(outcome.headers).find(([k]) => k.toLowerCase() === "retry-after");
    throw storeErrorFor(outcome.status, body?.error, retryAfterSeconds(h?.[1]));
  }

  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw toStoreError(e);
    }
  }
}
