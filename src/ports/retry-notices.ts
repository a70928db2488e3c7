/**
 * What the adapters tell the UI while they wait out throttling (429) or an unavailable service
 * (503/504) before retrying, so a slow save is explained rather than silent (issue 4 §7).
 */
export interface RetryNotice {
  service: "sharepoint" | "graph";
  /** The HTTP status that made the adapter wait. */
  status: number;
  /** How long the adapter waits before the next attempt, in ms. */
  waitMs: number;
}

export interface RetryNotices {
  /** Calls `listener` on each wait; returns an unsubscribe function. */
  subscribe(listener: (notice: RetryNotice) => void): () => void;
}
