/**
 * Measuring helpers for `npm run bench`: a counting wrapper of the global `fetch` (what PnPjs
 * and the raw floor both call), a monotonic clock and a median over repeated runs.
 */
import { performance } from "node:perf_hooks";

/** One HTTP exchange as the client saw it. */
export interface Exchange {
  method: string;
  url: string;
  /** Request headers as sent (to replay the same request in the floor). */
  headers: Record<string, string>;
  status: number;
  /** Response body bytes (the local server always sends Content-Length). */
  bytes: number;
}

export interface Traffic {
  requests: number;
  bytes: number;
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

/**
 * Wraps `globalThis.fetch` so that every request made while a recording is open is counted.
 * PnPjs's send step (the adapter's FetchWithRetry) calls the global `fetch` at call time, so
 * the adapter and the raw floor are counted the same way, on the client side.
 */
export class FetchRecorder {
  private readonly original: typeof fetch;
  private log: Exchange[] | undefined;

  constructor() {
    this.original = globalThis.fetch;
    const original = this.original;
    const logOf = () => this.log;
    globalThis.fetch = async function countingFetch(
      input: string | URL | Request,
      init?: RequestInit,
    ): Promise<Response> {
      const response = await original.call(globalThis, input, init);
      const log = logOf();
      if (log) {
        const url =
          typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        log.push({
          method: (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase(),
          url,
          headers: headersOf(init),
          status: response.status,
          bytes: Number(response.headers.get("content-length") ?? 0),
        });
      }
      return response;
    };
  }

  /** The un-wrapped fetch, for work that must not be counted. */
  get raw(): typeof fetch {
    return this.original;
  }

  /** Runs `work` and returns its result with the exchanges it made. */
  async record<T>(work: () => Promise<T>): Promise<{ value: T; exchanges: Exchange[] }> {
    if (this.log) throw new Error("FetchRecorder: recordings do not nest");
    const log: Exchange[] = [];
    this.log = log;
    try {
      const value = await work();
      return { value, exchanges: log };
    } finally {
      this.log = undefined;
    }
  }

  restore(): void {
    globalThis.fetch = this.original;
  }
}

export function trafficOf(exchanges: readonly Exchange[]): Traffic {
  return {
    requests: exchanges.length,
    bytes: exchanges.reduce((sum, e) => sum + e.bytes, 0),
  };
}

export function now(): number {
  return performance.now();
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = now();
  const value = await work();
  return { value, ms: now() - start };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `work` `warmup` times unmeasured, then `runs` times, and returns the median time and
 * the last run's value. Runs are sequential: one client, as the tab is.
 */
export async function medianOf<T>(
  runs: number,
  warmup: number,
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; all: number[] }> {
  for (let i = 0; i < warmup; i += 1) await work();
  const all: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i += 1) {
    const r = await timed(work);
    all.push(r.ms);
    value = r.value;
  }
  return { value: value as T, ms: median(all), all };
}

/** Runs `work` with at most `concurrency` in flight until `count` are done or `budgetMs` passes. */
export async function throughput(
  count: number,
  concurrency: number,
  budgetMs: number,
  work: (i: number) => Promise<void>,
): Promise<{ done: number; ms: number; perSecond: number }> {
  let next = 0;
  let done = 0;
  const start = now();
  const worker = async () => {
    while (next < count && now() - start < budgetMs) {
      const i = next;
      next += 1;
      await work(i);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = now() - start;
  return { done, ms, perSecond: (done * 1000) / ms };
}
