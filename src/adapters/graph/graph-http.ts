import {
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";

import type { TokenProvider } from "../../ports/auth.js";
import { retryAfterSeconds, storeErrorFor, toStoreError } from "./errors.js";

/**
 * The one configured graph-client every Graph adapter uses, in the spirit of PnPjs' pipeline
 * (STYLE.md): our bearer-token middleware → graph-client's RetryHandler (429/503/504, honouring
 * Retry-After) → HTTPMessageHandler (fetch). Production and local mode differ only by
 * `baseUrl` and the TokenProvider.
 *
 * Why our own auth middleware: graph-client's AuthenticationHandler sends the token only to
 * https Graph hosts (or `customHosts`), never to the local server's http URL (PLATFORM.md).
 * Why only relative paths: an absolute URL given to `client.api()` bypasses `baseUrl`, and
 * graph-client's PageIterator builds broken next-page URLs over http
 * (reference/wire/graph2-capture.txt), so next links are turned back into relative paths here.
 */

export interface GraphRetryOptions {
  /** Retries of a throttled/unavailable request (graph-client's RetryHandler; default 3). */
  maxRetries?: number;
  /** Seconds to wait when the service gave no Retry-After (default 3). */
  delaySeconds?: number;
  /** Rounds of retrying the throttled parts of a `$batch` (default 4). */
  batchAttempts?: number;
  /** Waits between batch rounds; tests may shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /** Told each time Graph answers 429/503/504 and a retry follows (the wait in ms), e.g. to show it. */
  onRetry?: (wait: { status: number; waitMs: number }) => void;
}

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

/** JSON batching allows at most 20 requests (https://learn.microsoft.com/graph/json-batching). */
/**
 * Sits below graph-client's RetryHandler: sees every attempt's response and reports a
 * throttled/unavailable one (with the wait the RetryHandler will honour), so the UI can say
 * why a send is slow. It changes nothing.
 */
export class RetryObserver implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly onRetry: (wait: { status: number; waitMs: number }) => void,
    private readonly delaySeconds: number,
  ) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("RetryObserver needs a next middleware");
    await this.next.execute(context);
    const status = context.response?.status ?? 0;
    if (RETRIABLE.has(status)) {
      const seconds = retryAfterSeconds(context.response?.headers.get("Retry-After"));
      this.onRetry({ status, waitMs: (seconds ?? this.delaySeconds) * 1000 });
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export const BATCH_LIMIT = 20;
const RETRIABLE = new Set([429, 503, 504]);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GraphHttp {
  readonly client: Client;
  private readonly root: URL;
  private readonly retry: Required<Omit<GraphRetryOptions, "sleep" | "onRetry">> & {
    sleep: (ms: number) => Promise<void>;
  };
  private readonly onRetry: (wait: { status: number; waitMs: number }) => void;

  constructor(options: GraphHttpOptions) {
    this.root = new URL(options.baseUrl.replace(/\/+$/, ""));
    const segments = this.root.pathname.split("/").filter(Boolean);
    const version = segments.pop() ?? "v1.0";
    const host = `${this.root.origin}${segments.length ? `/${segments.join("/")}` : ""}`;
    this.retry = {
      maxRetries: options.retry?.maxRetries ?? 3,
      delaySeconds: options.retry?.delaySeconds ?? 3,
      batchAttempts: options.retry?.batchAttempts ?? 4,
      sleep: options.retry?.sleep ?? defaultSleep,
    };
    this.onRetry = options.retry?.onRetry ?? (() => undefined);
    const auth = new BearerTokenMiddleware(options.tokens);
    const retry = new RetryHandler(
      new RetryHandlerOptions(this.retry.delaySeconds, this.retry.maxRetries),
    );
    const observe = new RetryObserver(this.onRetry, this.retry.delaySeconds);
    const http = new HTTPMessageHandler();
    auth.setNext(retry);
    retry.setNext(observe);
    observe.setNext(http);
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
   * BatchRequestContent leaves `/v1.0` in them). Parts answered 429/503/504 are sent again,
   * after the longest Retry-After among them, with whatever depended on them; graph-client's
   * RetryHandler sees only the outer 200. Outcomes come back in the order of `parts`, whatever
   * order the service answered in.
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
    let pending = chunk.filter((i) => outcomes[i] === undefined);
    for (let attempt = 1; pending.length > 0; attempt++) {
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
      let wait = 0;
      for (const i of pending) {
        const r = byId.get(String(i + 1));
        const outcome: BatchOutcome = {
          status: r?.status ?? 502,
          headers: r?.headers ?? {},
          body: r?.body,
        };
        outcomes[i] = outcome;
        if (RETRIABLE.has(outcome.status)) {
          retry.add(i);
          const h = Object.entries(outcome.headers).find(
            ([k]) => k.toLowerCase() === "retry-after",
          );
          wait = Math.max(
            wait,
            retryAfterSeconds(h?.[1]) ?? this.retry.delaySeconds * 2 ** (attempt - 1),
          );
        }
      }
      // A part that failed only because its dependency was throttled goes again with it.
      for (const i of pending) {
        if (outcomes[i]?.status === 424 && (parts[i]!.dependsOn ?? []).some((d) => retry.has(d))) {
          retry.add(i);
        }
      }
      if (retry.size === 0 || attempt >= this.retry.batchAttempts) return;
      this.onRetry({ status: 429, waitMs: wait * 1000 });
      await this.retry.sleep(wait * 1000);
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
