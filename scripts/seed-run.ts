/**
 * The demo seed as `npm start` and `npm run seed` run it: through the app's own SharePoint and
 * Graph adapters as the demo users, against the local Microsoft 365, with throttled requests
 * waited for and sent again (up to 15 minutes of waiting per request), and its progress printed
 * with how often and how long it waited.
 */
import { createGraphAdapters } from "../src/adapters/graph/index.js";
import {
  type RetryPolicyOptions,
  type RetryWait,
  SCRIPT_BUDGET_MS,
} from "../src/adapters/retry-policy.js";
import { createSharePointAdapters } from "../src/adapters/sharepoint/index.js";
import type { Clock } from "../src/domain/clock.js";
import { devTokenProvider } from "../src/host/dev-token.js";
import { ANNOUNCE_WAIT_MS, formatDuration } from "../src/provisioning/waits.js";
import { type SeedAdapters, seedDemoData, type SeedSummary } from "../src/seed/index.js";

/**
 * The waits for a throttled Microsoft 365: counted on each progress line (since the line
 * before), a long one announced as it starts, and summed up at the end of a stage.
 */
export class Waits {
  private since = { n: 0, ms: 0 };
  private total = { n: 0, ms: 0 };
  private readonly statuses = new Set<number>();

  readonly onRetry = (w: RetryWait): void => {
    this.since = { n: this.since.n + 1, ms: this.since.ms + w.waitMs };
    this.total = { n: this.total.n + 1, ms: this.total.ms + w.waitMs };
    this.statuses.add(w.status);
    if (w.waitMs >= ANNOUNCE_WAIT_MS) {
      console.log(
        `  Venter ${formatDuration(w.waitMs)}: Microsoft 365 svarede ${w.status || "ikke"}.`,
      );
    }
  };

  /** The progress line with the waits since the line before. */
  line(text: string): string {
    const { n, ms } = this.since;
    this.since = { n: 0, ms: 0 };
    return n === 0
      ? text
      : `${text} (ventede ${n === 1 ? "1 gang" : `${n} gange`}, ${formatDuration(ms)})`;
  }

  /** "Ventede 12 gange på Microsoft 365, i alt 3 s (HTTP 429)." or nothing. */
  summary(): string | undefined {
    const { n, ms } = this.total;
    if (n === 0) return undefined;
    const codes = [...this.statuses]
      .sort((a, b) => a - b)
      .map((c) => (c === 0 ? "intet svar" : `HTTP ${c}`))
      .join(", ");
    return `Ventede ${n === 1 ? "1 gang" : `${n} gange`} på Microsoft 365, i alt ${formatDuration(ms)} (${codes}).`;
  }
}

/** Where the local Microsoft 365 answers. */
export interface LocalM365Urls {
  /** The SharePoint site's URL. */
  sharepoint: string;
  /** The Graph base URL (`.../v1.0`). */
  graph: string;
}

/**
 * Writes the demo data (or completes an interrupted run of it), printing its progress; dates are
 * relative to the moment the seed first began.
 */
export async function runDemoSeed(m365: LocalM365Urls, clock: Clock): Promise<SeedSummary> {
  const waits = new Waits();
  const retry: RetryPolicyOptions = { budgetMs: SCRIPT_BUDGET_MS, onRetry: waits.onRetry };
  const adapters: SeedAdapters = {
    as: (upn) => ({
      ...createSharePointAdapters(m365.sharepoint, devTokenProvider(upn), { retry }),
      calendar: createGraphAdapters({ baseUrl: m365.graph, tokens: devTokenProvider(upn), retry })
        .calendar,
    }),
  };
  console.log("Demo-data:");
  const result = await seedDemoData(adapters, clock, (line) =>
    console.log(`  ${waits.line(line)}`),
  );
  if (result.seeded) {
    const written = Object.values(result.written).reduce((a, n) => a + n, 0);
    console.log(
      result.resumed
        ? `Demo-data er gjort færdige: en afbrudt indlæsning er genoptaget, og de ${written} elementer, der manglede, er skrevet.`
        : "Demo-data er lagt ind.",
    );
  }
  const total = waits.summary();
  if (total) console.log(`  ${total}`);
  return result;
}
