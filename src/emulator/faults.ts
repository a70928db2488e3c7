import type { HttpResponse } from "./http.js";

/**
 * Fault injection for the local Microsoft 365: random throttling (429), random unavailability
 * (503), both with `Retry-After`, and added latency; plus a queue of one-off faults that tests
 * set through the admin endpoint so a test is deterministic.
 *
 * Real services: SharePoint Online answers 429 or 503 with `Retry-After`
 * (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online);
 * Graph answers 429 with `Retry-After`
 * (https://learn.microsoft.com/graph/throttling).
 */
export interface FaultConfig {
  /** Probability 0..1 that a request is answered 429. */
  throttle: number;
  /** Probability 0..1 that a request is answered 503. */
  unavailable: number;
  /** Milliseconds added before every answer. */
  latency: number;
  /** Seconds in `Retry-After`. */
  retryAfter: number;
  /**
   * Makes the random faults repeatable: the same seed and the same requests in the same order
   * give the same faults. Without it they follow Math.random.
   */
  seed?: number;
}

/** A one-off fault: the next `count` requests whose path contains `match` (and method) fail. */
export interface QueuedFault {
  status: 429 | 503 | 500 | 504;
  /** Substring of the path (e.g. "/messages", "/_api/web/lists"); empty matches all. */
  match?: string;
  method?: string;
  count?: number;
  retryAfter?: number;
}

export const NO_FAULTS: FaultConfig = { throttle: 0, unavailable: 0, latency: 0, retryAfter: 1 };

/** Parses `--faults "throttle=0.2,unavailable=0.05,latency=30,retryAfter=1,seed=7"`. */
export function parseFaults(spec: string | undefined): FaultConfig {
  const cfg = { ...NO_FAULTS };
  if (!spec) return cfg;
  for (const part of spec.split(",")) {
    const [k, v] = part.split("=").map((s) => s.trim());
    const n = Number(v);
    if (!k || v === undefined || !Number.isFinite(n) || n < 0) {
      throw new Error(`Invalid fault "${part}": use name=value, e.g. throttle=0.2,latency=30`);
    }
    if (k === "throttle" || k === "unavailable") {
      if (n > 1) throw new Error(`Fault ${k} is a probability between 0 and 1`);
      cfg[k] = n;
    } else if (k === "latency" || k === "retryAfter" || k === "seed") cfg[k] = n;
    else throw new Error(`Unknown fault "${k}" (throttle, unavailable, latency, retryAfter, seed)`);
  }
  return cfg;
}

const QUEUED_STATUSES: readonly number[] = [429, 503, 500, 504];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isNonNegative(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0;
}

/**
 * Checks a fault the admin endpoint was sent; returns it, or what is wrong. The admin routes
 * take no token, so a bad body must be a 400: an unknown status once reached `writeHead` and
 * the thrown RangeError stopped the whole server.
 */
export function toQueuedFault(v: unknown): QueuedFault | string {
  if (!isRecord(v)) return "a queued fault is a JSON object";
  if (typeof v.status !== "number" || !QUEUED_STATUSES.includes(v.status))
    return `status must be one of ${QUEUED_STATUSES.join(", ")}`;
  if (v.match !== undefined && typeof v.match !== "string") return "match must be a string";
  if (v.method !== undefined && typeof v.method !== "string") return "method must be a string";
  if (v.count !== undefined && !(Number.isInteger(v.count) && (v.count as number) >= 1))
    return "count must be a whole number of at least 1";
  if (v.retryAfter !== undefined && !isNonNegative(v.retryAfter))
    return "retryAfter must be a number of seconds, 0 or more";
  return v as unknown as QueuedFault;
}

/** Checks a fault configuration sent to the admin endpoint (missing keys mean no fault). */
export function toFaultConfig(v: unknown): FaultConfig | string {
  if (v === undefined) return { ...NO_FAULTS };
  if (!isRecord(v)) return "the fault configuration is a JSON object";
  const cfg = { ...NO_FAULTS };
  for (const [k, value] of Object.entries(v)) {
    if (!(k in NO_FAULTS) && k !== "seed")
      return `unknown fault "${k}" (throttle, unavailable, latency, retryAfter, seed)`;
    if (!isNonNegative(value)) return `${k} must be a number, 0 or more`;
    if ((k === "throttle" || k === "unavailable") && value > 1)
      return `${k} is a probability between 0 and 1`;
    cfg[k as keyof FaultConfig] = value;
  }
  return cfg;
}

export type FaultShape = "sharepoint" | "graph";

/** A small seeded generator (mulberry32): 0 ≤ x < 1, the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = Math.floor(seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private queue: Required<QueuedFault>[] = [];
  private current: FaultConfig;
  private random: () => number;
  /** Counts of injected faults, for tests and the admin endpoint. */
  injected = 0;

  constructor(
    config: FaultConfig = { ...NO_FAULTS },
    private readonly fixedRandom?: () => number,
  ) {
    this.current = config;
    this.random = this.randomFor(config);
  }

  /** The configuration in force; setting it with a `seed` starts that seed's sequence afresh. */
  get config(): FaultConfig {
    return this.current;
  }

  set config(config: FaultConfig) {
    this.current = config;
    this.random = this.randomFor(config);
  }

  private randomFor(config: FaultConfig): () => number {
    if (this.fixedRandom) return this.fixedRandom;
    return config.seed !== undefined ? seededRandom(config.seed) : Math.random;
  }

  enqueue(f: QueuedFault): void {
    this.queue.push({
      status: f.status,
      match: f.match ?? "",
      method: (f.method ?? "").toUpperCase(),
      count: f.count ?? 1,
      retryAfter: f.retryAfter ?? this.config.retryAfter,
    });
  }

  clear(): void {
    this.queue = [];
    this.config = { ...NO_FAULTS };
  }

  /** Decides whether this request fails; returns the failure response or undefined. */
  pick(path: string, method: string, shape: FaultShape): HttpResponse | undefined {
    const q = this.queue.find((f) => path.includes(f.match) && (!f.method || f.method === method));
    if (q) {
      q.count -= 1;
      if (q.count <= 0) this.queue.splice(this.queue.indexOf(q), 1);
      return this.failure(q.status, q.retryAfter, shape);
    }
    const r = this.random();
    if (r < this.config.throttle) return this.failure(429, this.config.retryAfter, shape);
    if (r < this.config.throttle + this.config.unavailable)
      return this.failure(503, this.config.retryAfter, shape);
    return undefined;
  }

  private failure(status: number, retryAfter: number, shape: FaultShape): HttpResponse {
    this.injected += 1;
    const headers: Record<string, string> = { "Retry-After": String(retryAfter) };
    if (shape === "graph") {
      return {
        status,
        headers,
        body: {
          error: {
            code: status === 429 ? "TooManyRequests" : "serviceNotAvailable",
            message:
              status === 429
                ? "Too many requests. Please retry after the time in the Retry-After header."
                : "The service is temporarily unavailable.",
            innerError: { "request-id": crypto.randomUUID(), date: new Date().toISOString() },
          },
        },
      };
    }
    return {
      status,
      headers,
      body: {
        "odata.error": {
          code:
            status === 429
              ? "-2147024860, Microsoft.SharePoint.SPRequestThrottledException"
              : "-2147024891, Microsoft.SharePoint.SPServerBusyException",
          message: {
            lang: "en-US",
            value:
              status === 429
                ? "The request has been throttled. Retry after the number of seconds in Retry-After."
                : "The server is busy. Please try again later.",
          },
        },
      },
    };
  }
}
