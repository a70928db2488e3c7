/**
 * The retry policy the SharePoint and Graph adapters and provisioning share: waits honour
 * Retry-After (SharePoint Online and Graph ask for exactly that:
 * https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online,
 * https://learn.microsoft.com/graph/throttling), else exponential back-off with jitter
 * (https://learn.microsoft.com/azure/architecture/best-practices/transient-faults), and the
 * retries end when a budget of waiting time is spent, not after a count. No test sleeps: the
 * policy's sleep, clock and chance are injected.
 */
import {
  backoffMs,
  IMMEDIATE_RETRIES,
  INTERACTIVE_BUDGET_MS,
  isRetryableStatus,
  resolveRetryPolicy,
  retryAfterMs,
  RetryBudget,
  type RetryPolicyOptions,
  type RetryWait,
  SCRIPT_BUDGET_MS,
  waitBeforeRetry,
} from "../../src/adapters/retry-policy.js";

function policy(o: RetryPolicyOptions = {}) {
  return resolveRetryPolicy({ random: () => 0.5, sleep: () => Promise.resolve(), ...o });
}

/** Every wait a budget grants for a run of answers, until it grants none. */
function waitsFor(retryAfters: (number | undefined)[], o: RetryPolicyOptions = {}): number[] {
  const budget = new RetryBudget(policy(o));
  const out: number[] = [];
  for (const ra of retryAfters) {
    const w = budget.next(ra);
    if (w === undefined) break;
    out.push(w);
  }
  return out;
}

describe("Retry-After", () => {
  test.each([
    ["delay-seconds", "3", 3000],
    ["zero", "0", 0],
    ["spaces around", " 12 ", 12_000],
    ["an HTTP date 5 s ahead", "Wed, 21 Oct 2026 07:28:05 GMT", 5000],
    ["an HTTP date in the past", "Wed, 21 Oct 2026 07:27:00 GMT", 0],
    ["absent", undefined, undefined],
    ["empty", "", undefined],
    ["not a number nor a date", "soon", undefined],
    ["negative", "-1", undefined],
  ])("%s (%p) is %p ms", (_name, header, ms) => {
    const now = () => Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(retryAfterMs(header, now)).toBe(ms);
  });
});

describe("what is retried", () => {
  test.each([
    [429, "GET", true],
    [429, "POST", true],
    [503, "POST", true],
    [503, "DELETE", true],
    [504, "GET", true],
    // A gateway timeout does not say whether the write was carried out: not repeated.
    [504, "POST", false],
    [504, "PATCH", false],
    [500, "GET", false],
    [404, "GET", false],
    [412, "POST", false],
  ])("%i on %s: %p", (status, method, retried) => {
    expect(isRetryableStatus(status, method)).toBe(retried);
  });
});

describe("the wait before a retry", () => {
  test("is the service's Retry-After exactly, however long", () => {
    expect(waitBeforeRetry(1, 7000, policy())).toBe(7000);
    // Longer than any back-off cap: still honoured, not shortened.
    expect(waitBeforeRetry(2, 90_000, policy({ maxDelayMs: 30_000 }))).toBe(90_000);
  });

  test.each([
    // attempt, random, expected: base 1000 doubling, half fixed and half jitter.
    [1, 0, 500],
    [1, 0.5, 750],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [4, 0, 4000],
    // Capped at maxDelayMs (30 s) before the jitter.
    [10, 0, 15_000],
    [10, 0.999, 29_985],
  ])("without Retry-After, retry %i with chance %p waits %i ms", (attempt, r, ms) => {
    expect(backoffMs(attempt, policy({ random: () => r }))).toBe(ms);
    expect(waitBeforeRetry(attempt, undefined, policy({ random: () => r }))).toBe(ms);
  });

  test("a service that keeps asking for no wait gets the back-off after a few immediate retries", () => {
    const p = policy({ random: () => 0 });
    const waits = [1, 2, 3, 4, 5, 6].map((a) => waitBeforeRetry(a, 0, p));
    expect(IMMEDIATE_RETRIES).toBe(3);
    expect(waits).toEqual([0, 0, 0, 500, 1000, 2000]);
    // A Retry-After of at least the first back-off is kept as it is, however often it comes.
    expect(waitBeforeRetry(8, 1000, p)).toBe(1000);
    expect(waitBeforeRetry(9, 5000, p)).toBe(5000);
  });
});

describe("the budget", () => {
  test("is two minutes of waiting per request in the app, fifteen for scripts", () => {
    expect(resolveRetryPolicy().budgetMs).toBe(INTERACTIVE_BUDGET_MS);
    expect(INTERACTIVE_BUDGET_MS).toBe(120_000);
    expect(resolveRetryPolicy({}, { budgetMs: SCRIPT_BUDGET_MS }).budgetMs).toBe(900_000);
    expect(resolveRetryPolicy({ budgetMs: 5000 }, { budgetMs: SCRIPT_BUDGET_MS }).budgetMs).toBe(
      5000,
    );
  });

  test("allows as many retries as fit, not a fixed count", () => {
    // Retry-After 10 s: twelve waits fit in two minutes, the thirteenth does not.
    expect(waitsFor(Array<number>(20).fill(10_000))).toHaveLength(12);
    // Retry-After 1 s: far more than any count of old (4).
    expect(waitsFor(Array<number>(60).fill(1000))).toHaveLength(60);
  });

  test("gives up at once when the service asks for more than is left, without waiting part-way", () => {
    expect(waitsFor([60_000, 50_000, 30_000])).toEqual([60_000, 50_000]);
    expect(waitsFor([3_600_000])).toEqual([]);
  });

  test("ends even when the service asks for no wait at all", () => {
    const waits = waitsFor(Array<number>(1000).fill(0), { budgetMs: 60_000 });
    expect(waits.length).toBeLessThan(20);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  test("counts waits across the retries of one request and reports each before sleeping", async () => {
    const events: string[] = [];
    const seen: RetryWait[] = [];
    const budget = new RetryBudget(
      policy({
        onRetry: (w) => {
          seen.push(w);
          events.push(`notice ${w.waitMs}`);
        },
        sleep: (ms) => {
          events.push(`sleep ${ms}`);
          return Promise.resolve();
        },
      }),
    );
    await budget.wait(429, budget.next(2000)!);
    await budget.wait(503, budget.next(3000)!, 4);
    expect(events).toEqual(["notice 2000", "sleep 2000", "notice 3000", "sleep 3000"]);
    expect(seen).toEqual([
      { status: 429, waitMs: 2000, attempt: 1, spentMs: 2000 },
      { status: 503, waitMs: 3000, attempt: 2, spentMs: 5000, parts: 4 },
    ]);
  });

  test("a read that got no answer at all is retried with back-off within ten seconds only", () => {
    const budget = new RetryBudget(policy({ random: () => 0.5 }));
    const waits: number[] = [];
    for (let w = budget.nextUnreachable(); w !== undefined; w = budget.nextUnreachable()) {
      waits.push(w);
    }
    // 0.75 + 1.5 + 3 s fit in 10 s; 6 s more would not.
    expect(waits).toEqual([750, 1500, 3000]);
  });

  test("an explicit ceiling on retries still applies (0: no retry)", () => {
    expect(waitsFor([0, 0, 0], { retries: 0 })).toEqual([]);
    expect(waitsFor([0, 0, 0], { retries: 2 })).toEqual([0, 0]);
  });
});
