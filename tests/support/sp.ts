/**
 * A provisioned local SharePoint for adapter tests: starts the local Microsoft 365 on a random
 * loopback port, provisions every list of lists-schema with the real provisioning function as
 * the site owner (the first demo user), and builds the app's SharePoint adapters for any demo
 * user. Only the base URL and the token provider differ from production.
 */
import {
  createSharePointAdapters,
  type SharePointAdapters,
} from "../../src/adapters/sharepoint/index.js";
import { createSp, type SpOptions, type SpSite } from "../../src/adapters/sharepoint/sp.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite } from "../../src/provisioning/index.js";
import { type M365, startLocalM365 } from "./m365.js";

export interface ProvisionedSp {
  m365: M365;
  siteUrl: string;
  /** Demo users by role, as the local directory seeds them (src/emulator/directory.ts). */
  users: {
    owner: string;
    chair: string;
    secretary: string;
    members: string[];
    contributors: string[];
  };
  /** The app's adapters acting as `upn`. Waits are recorded, not slept, unless asked. */
  adaptersFor(upn: string, options?: SpOptions): SharePointAdapters;
  siteFor(upn: string, options?: SpOptions): SpSite;
  /** Queues a one-off fault on the local server (`POST /_admin/faults/queue`). */
  queueFault(fault: {
    status: 429 | 503 | 500 | 504;
    match?: string;
    method?: string;
    count?: number;
    retryAfter?: number;
  }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Retry settings for tests: the real logic, with waits recorded instead of slept, the jitter
 * fixed at its middle, and a budget of 5 s of waiting per request (the app's is 2 minutes), so
 * a fault queued more often than that fits is seen to give up.
 */
export function recordingRetry(
  waits: number[] = [],
  budgetMs = 5000,
): SpOptions & { waits: number[] } {
  return {
    waits,
    retry: {
      budgetMs,
      random: () => 0.5,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  };
}

export async function startProvisionedSp(): Promise<ProvisionedSp> {
  const m365 = await startLocalM365();
  const [owner, chair, secretary, ...rest] = m365.users;
  if (!owner || !chair || !secretary) throw new Error("The local directory lacks demo users");
  await provisionSite({
    siteUrl: m365.sharepoint,
    tokenProvider: devAdminTokenProvider(owner),
    log: () => undefined,
  });
  const byLocal = (prefix: string) => m365.users.filter((u) => u.startsWith(prefix));
  return {
    m365,
    siteUrl: m365.sharepoint,
    users: {
      owner,
      chair,
      secretary,
      // Members and contributors as src/emulator/directory.ts seeds them.
      members: rest.filter(
        (u) => !byLocal("thomas.berg").includes(u) && !byLocal("sara.nielsen").includes(u),
      ),
      contributors: [...byLocal("thomas.berg"), ...byLocal("sara.nielsen")],
    },
    adaptersFor: (upn, options = recordingRetry()) =>
      createSharePointAdapters(m365.sharepoint, devTokenProvider(upn), options),
    siteFor: (upn, options = recordingRetry()) =>
      createSp(m365.sharepoint, devTokenProvider(upn), options),
    queueFault: async (fault) => {
      const r = await fetch(`${m365.origin}/_admin/faults/queue`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(fault),
      });
      if (!r.ok) throw new Error(`Queueing a fault failed: ${r.status}`);
    },
    close: () => m365.close(),
  };
}
