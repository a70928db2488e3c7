/**
 * The composition root's small hub between the adapters (which call `notify` when they wait
 * before a retry) and the UI (which subscribes through the RetryNotices port).
 */
import type { RetryNotice, RetryNotices } from "../ports/retry-notices.js";

export interface RetryNoticeHub extends RetryNotices {
  notify(notice: RetryNotice): void;
}

export function createRetryNoticeHub(): RetryNoticeHub {
  const listeners = new Set<(notice: RetryNotice) => void>();
  return {
    notify: (notice) => {
      for (const listener of listeners) listener(notice);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
