/**
 * How the SharePoint and Graph adapters, and provisioning, ride out throttling: one policy,
 * used by the PnPjs `send` step, the graph-client middleware and the part-wise retries of
 * `$batch` in both services.
 *
 * What the services ask of a client:
 * - SharePoint Online answers 429 ("Too many requests") or 503 ("Server Too Busy") with a
 *   `Retry-After` header; the client waits that many seconds and tries again, since throttled
 *   requests still count against its limits
 *   (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online).
 * - Microsoft Graph answers 429 with `Retry-After`: wait that long, retry, and while it keeps
 *   answering 429 keep using the delay it gives; without `Retry-After`, back off exponentially.
 *   In a JSON `$batch` each request is evaluated on its own, so single parts can be throttled
 *   while the batch answers 200 (https://learn.microsoft.com/graph/throttling, "Best practices
 *   to handle throttling" and "Throttling and batching").
 * - Back-off with random jitter, so that many clients throttled at once do not come back in
 *   step (https://learn.microsoft.com/azure/architecture/best-practices/transient-faults,
 *   "Retry strategies" and "Avoid the thundering herd").
 *
 * The limit is time, not a count: one request (or one batch, counting all its rounds) may wait
 * up to `budgetMs` in total. A throttled service often asks for more than a handful of retries
 * in a row, and how many fit in a minute depends on what `Retry-After` says, not on us. Each
 * wait is `Retry-After` exactly when the service sent one (never shorter: retrying sooner only
 * prolongs throttling), otherwise exponential back-off with jitter, capped at `maxDelayMs`. A
 * service that keeps refusing while asking for less than `baseDelayMs` (e.g. `Retry-After: 0`)
 * is given the back-off anyway from the {@link IMMEDIATE_RETRIES}+1st retry on, so the budget
 * always ends the retries. When the next
 * wait would not fit in what is left of the budget, the last answer stands (mapped to
 * Throttled/Unavailable with the service's Retry-After) instead of waiting part-way.
 *
 * Everything that takes time is injected (`sleep`, `now`, `random`), so the retries are tested
 * without sleeping and without chance.
 */

/** One wait before a retry, as the adapters report it (the UI's retry banner, provisioning's log). */
export interface RetryWait {
  /** The HTTP status that made us wait (429, 503, 504), or 0 for a network failure. */
  status: number;
  /** How long we wait now, in ms. */
  waitMs: number;
  /** Which retry this is for the request or batch (1 for the first). */
  attempt: number;
  /** The time waited so far for this request or batch, including this wait, in ms. */
  spentMs: number;
  /** For a `$batch`: how many of its parts are sent again after this wait. */
  parts?: number;
}

export interface RetryPolicyOptions {
  /**
   * The most time one request (or one batch) may spend waiting for retries, in ms. Default 2
   * minutes in the app (someone is looking at a spinner); provisioning and scripts use longer.
   */
  budgetMs?: number;
  /** First back-off in ms when the service gives no Retry-After (default 1 s, doubling). */
  baseDelayMs?: number;
  /** Upper bound of one back-off in ms (default 30 s); a longer Retry-After is still honoured. */
  maxDelayMs?: number;
  /**
   * The most time spent waiting for a read that got no answer at all (network down, server
   * gone), in ms; default 10 s. Shorter than `budgetMs`: a service that throttles is there and
   * says when to come back, one that does not answer may be gone for long.
   */
  unreachableBudgetMs?: number;
  /**
   * An optional ceiling on the number of retries of one request, whatever the budget says
   * (none by default). `0` turns retrying off.
   */
  retries?: number;
  /** How to wait. Tests pass a function that records the wait and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ x < 1, for the jitter; tests pass a constant. */
  random?: () => number;
  /** The current time in ms, to read a `Retry-After` given as an HTTP date. */
  now?: () => number;
  /** Told before each wait, e.g. to show it in the UI or print it. */
  onRetry?: (wait: RetryWait) => void;
}

export type RetryPolicy = Required<RetryPolicyOptions>;

/** Default budget of waiting per request in the app: two minutes. */
export const INTERACTIVE_BUDGET_MS = 2 * 60_000;
/** Default budget of waiting per request for provisioning and scripts: fifteen minutes. */
export const SCRIPT_BUDGET_MS = 15 * 60_000;
/** Retries that may follow a `Retry-After: 0` at once before the back-off applies anyway. */
export const IMMEDIATE_RETRIES = 3;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function resolveRetryPolicy(
  o: RetryPolicyOptions = {},
  defaults: { budgetMs?: number } = {},
): RetryPolicy {
  return {
    budgetMs: o.budgetMs ?? defaults.budgetMs ?? INTERACTIVE_BUDGET_MS,
    baseDelayMs: o.baseDelayMs ?? 1000,
    maxDelayMs: o.maxDelayMs ?? 30_000,
    unreachableBudgetMs: o.unreachableBudgetMs ?? 10_000,
    retries: o.retries ?? Infinity,
    sleep: o.sleep ?? realSleep,
    random: o.random ?? Math.random,
    now: o.now ?? Date.now,
    onRetry: o.onRetry ?? (() => undefined),
  };
}

/**
 * `Retry-After` in ms: delay-seconds, or an HTTP date (RFC 9110 §10.2.3) measured from `now`;
 * undefined when absent or unreadable.
 */
export function retryAfterMs(
  value: string | null | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names its weekday and month ("Wed, 21 Oct 2015 07:28:00 GMT").
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}

/**
 * Whether an answer is worth sending again. 429 and 503 are how SharePoint and Graph throttle:
 * the request was not carried out, so any method may be repeated. 504 (a gateway gave up
 * waiting) says nothing about whether the service carried the request out, so only a read is
 * repeated: repeating a create could make two.
 */
export function isRetryableStatus(status: number, method = "GET"): boolean {
  if (status === 429 || status === 503) return true;
  return status === 504 && isRead(method);
}

/** GET and HEAD change nothing, so a read that failed on the way may be sent again. */
export function isRead(method: string | undefined): boolean {
  const m = (method ?? "GET").toUpperCase();
  return m === "GET" || m === "HEAD";
}

/** Exponential back-off before retry `attempt` (1-based), capped, with "equal jitter". */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (policy.random() * full) / 2);
}

/** The wait before retry `attempt`: Retry-After when given (never shorter), else the back-off. */
export function waitBeforeRetry(
  attempt: number,
  retryAfter: number | undefined,
  policy: RetryPolicy,
): number {
  if (retryAfter === undefined) return backoffMs(attempt, policy);
  if (attempt <= IMMEDIATE_RETRIES || retryAfter >= policy.baseDelayMs) return retryAfter;
  // Asked again and again for less than the first back-off: the back-off, so the budget ends it.
  return Math.max(retryAfter, backoffMs(attempt - IMMEDIATE_RETRIES, policy));
}

/** The retries of one request (or one batch): what has been waited, and what may still be. */
export class RetryBudget {
  /** Retries so far. */
  attempt = 0;
  /** Time waited so far, in ms. */
  spentMs = 0;

  constructor(readonly policy: RetryPolicy) {}

  /**
   * The wait before the next retry, counted against the budget; undefined when there is to be
   * no retry (the budget would be exceeded, or the ceiling on retries is reached).
   */
  next(retryAfter: number | undefined): number | undefined {
    return this.grant(
      waitBeforeRetry(this.attempt + 1, retryAfter, this.policy),
      this.policy.budgetMs,
    );
  }

  /** Like `next`, after a failure without any answer: back-off within the smaller budget. */
  nextUnreachable(): number | undefined {
    const limit = Math.min(this.policy.budgetMs, this.policy.unreachableBudgetMs);
    return this.grant(backoffMs(this.attempt + 1, this.policy), limit);
  }

  private grant(wait: number, limitMs: number): number | undefined {
    if (this.attempt >= this.policy.retries) return undefined;
    const attempt = this.attempt + 1;
    if (this.spentMs + wait > limitMs) return undefined;
    this.attempt = attempt;
    this.spentMs += wait;
    return wait;
  }

  /** Reports the wait `next` granted, then waits it. */
  async wait(status: number, waitMs: number, parts?: number): Promise<void> {
    this.policy.onRetry({
      status,
      waitMs,
      attempt: this.attempt,
      spentMs: this.spentMs,
      ...(parts !== undefined ? { parts } : {}),
    });
    await this.policy.sleep(waitMs);
  }
}
