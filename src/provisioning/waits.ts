/**
 * What `npm run provision` says about the time it spent waiting for SharePoint: each progress
 * line tells how often and how long provisioning waited since the line before, a long wait is
 * announced as it starts (so a pause is explained), and the last line sums it up. SharePoint
 * asks a throttled client to wait (429/503 with Retry-After)
 * (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online).
 */
import type { RetryWait } from "../adapters/retry-policy.js";

/** A wait at least this long is announced when it starts. */
export const ANNOUNCE_WAIT_MS = 5000;

const seconds = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 1 });

/** "0,5 s", "12 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${seconds.format(ms / 1000)} s`;
  const total = Math.round(ms / 1000);
  const rest = total % 60;
  return `${Math.floor(total / 60)} min${rest > 0 ? ` ${rest} s` : ""}`;
}

function reason(status: number): string {
  if (status === 429) return "SharePoint svarede 429 (for mange forespørgsler)";
  if (status === 503) return "SharePoint svarede 503 (travlt)";
  if (status === 0) return "SharePoint svarede ikke";
  return `SharePoint svarede ${status}`;
}

/** "Venter 30 s: SharePoint svarede 429 (for mange forespørgsler); forsøg 2." */
export function describeWait(w: RetryWait): string {
  return `Venter ${formatDuration(w.waitMs)}: ${reason(w.status)}; forsøg ${w.attempt + 1}.`;
}

function times(n: number): string {
  return n === 1 ? "1 gang" : `${n} gange`;
}

/** Counts the waits, for the progress lines and the summary. */
export class WaitTally {
  private count = 0;
  private ms = 0;
  private totalCount = 0;
  private totalMs = 0;
  private readonly statuses = new Set<number>();

  add(w: RetryWait): void {
    this.count += 1;
    this.ms += w.waitMs;
    this.totalCount += 1;
    this.totalMs += w.waitMs;
    this.statuses.add(w.status);
  }

  /** The progress line, with the waits since the line before: "…: oprettet (ventede 3 gange, 2 s)". */
  line(progress: string): string {
    if (this.count === 0) return progress;
    const out = `${progress} (ventede ${times(this.count)}, ${formatDuration(this.ms)})`;
    this.count = 0;
    this.ms = 0;
    return out;
  }

  /** The last line: how often and how long in all, and why; undefined when there was no wait. */
  summary(): string | undefined {
    if (this.totalCount === 0) return undefined;
    const codes = [...this.statuses]
      .sort((a, b) => a - b)
      .map((s) => (s === 0 ? "intet svar" : `HTTP ${s}`))
      .join(", ");
    return `Ventede ${times(this.totalCount)} på SharePoint, i alt ${formatDuration(this.totalMs)} (${codes}).`;
  }
}
