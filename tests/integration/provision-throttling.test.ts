/**
 * Provisioning under throttling, against the local Microsoft 365 answering 30 % of requests
 * 429 with `Retry-After` (SharePoint Online throttles with 429/503 and Retry-After:
 * https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online).
 * Provisioning waits each one out within its budget of waiting time and finishes, and a run
 * stopped part-way (the process killed between two requests) is completed by the next run with
 * nothing made twice: in every case the site ends exactly as an unthrottled run leaves it.
 * The faults are seeded, so each case meets the same throttling every time; waits are recorded
 * instead of slept.
 */
import type { RetryWait } from "../../src/adapters/retry-policy.js";
import { devAdminTokenProvider } from "../../src/host/dev-token.js";
import type { TokenProvider } from "../../src/ports/auth.js";
import { ProvisioningError, provisionSite } from "../../src/provisioning/index.js";
import { type M365, startLocalM365 } from "../support/m365.js";
import { FIXED_NOW, siteSnapshot } from "../support/site-snapshot.js";

const SLOW = 240_000;

let reference: unknown;

beforeAll(async () => {
  const server = await startLocalM365({ now: FIXED_NOW });
  try {
    await provisionSite({
      siteUrl: server.sharepoint,
      tokenProvider: devAdminTokenProvider(server.users[0]!),
    });
    reference = await siteSnapshot(server);
  } finally {
    await server.close();
  }
}, SLOW);

/** The local server throttling 30 % of requests, the same ones for the same seed. */
function throttled(seed: number): Promise<M365> {
  return startLocalM365({ now: FIXED_NOW, faults: { throttle: 0.3, retryAfter: 0, seed } });
}

/** Provisioning's retry settings with every wait recorded instead of slept. */
function recorded(waits: RetryWait[]) {
  return {
    onRetry: (w: RetryWait) => waits.push(w),
    sleep: () => Promise.resolve(),
  };
}

/**
 * The provisioning identity's tokens, until request `n`: then the process "dies" before sending
 * it. What the server holds then is what it holds after a kill at any moment between request
 * n-1 being committed and request n arriving.
 */
function killedAtRequest(upn: string, n: number): TokenProvider & { asked: () => number } {
  const tokens = devAdminTokenProvider(upn);
  let asked = 0;
  return {
    asked: () => asked,
    getToken: (resource) => {
      asked += 1;
      if (asked >= n) return Promise.reject(new Error(`killed before request ${n}`));
      return tokens.getToken(resource);
    },
  };
}

test.each([1, 2])(
  "under 30 %% throttling (seed %i) provisioning finishes with the same site as an unthrottled run",
  async (seed) => {
    const server = await throttled(seed);
    try {
      const waits: RetryWait[] = [];
      const summary = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(server.users[0]!),
        retry: recorded(waits),
      });
      expect(summary.lists.every((l) => l.created)).toBe(true);
      // Throttled many times over, every time waited out.
      expect(server.faults.injected).toBeGreaterThan(150);
      expect(waits.length).toBe(server.faults.injected);
      expect(new Set(waits.map((w) => w.status))).toEqual(new Set([429]));
      expect(Math.max(...waits.map((w) => w.attempt))).toBeGreaterThan(1);
      expect(await siteSnapshot(server)).toEqual(reference);
    } finally {
      await server.close();
    }
  },
  SLOW,
);

test.each([
  [3, 40],
  [4, 700],
])(
  "a throttled run killed part-way (seed %i, before request %i) is completed by the next run with nothing made twice",
  async (seed, killAt) => {
    const server = await throttled(seed);
    const owner = server.users[0]!;
    try {
      const dying = killedAtRequest(owner, killAt);
      const interrupted = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: dying,
        retry: recorded([]),
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(interrupted).toBeInstanceOf(ProvisioningError);
      expect(dying.asked()).toBe(killAt);
      expect(await siteSnapshot(server)).not.toEqual(reference);

      const waits: RetryWait[] = [];
      const resumed = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(owner),
        retry: recorded(waits),
      });
      expect(resumed.changed).toBe(true);
      expect(waits.length).toBeGreaterThan(0);
      expect(await siteSnapshot(server)).toEqual(reference);

      // And a further run finds nothing left to do.
      const again = await provisionSite({
        siteUrl: server.sharepoint,
        tokenProvider: devAdminTokenProvider(owner),
        retry: recorded([]),
      });
      expect(again.changed).toBe(false);
    } finally {
      await server.close();
    }
  },
  SLOW,
);
