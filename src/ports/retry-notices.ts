/**
 * What the adapters tell the UI while they wait out throttling (429) or an unavailable service
 * (503/504) before retrying, so a slow save is explained rather than silent. The adapters keep
 * retrying within a budget of waiting time per request, so several notices may follow each
 * other for one save.
 */
export interface RetryNotice {
  service: "sharepoint" | "graph";
  /** The HTTP status that made the adapter wait. */
  status: number;
  /** How long the adapter waits before the next attempt, in ms. */
  waitMs: number;
  /** Which retry of the request this wait precedes (1 for the first). */
  attempt?: number;
  /** For a batch: how many of its parts are sent again after the wait. */
  parts?: number;
}

export interface RetryNotices {
  /** Calls `listener` on each wait; returns an unsubscribe function. */
  subscribe(listener: (notice: RetryNotice) => void): () => void;
}
