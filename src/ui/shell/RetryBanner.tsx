/**
 * Says so while SharePoint or Graph makes us wait before a retry (429 throttling, 503/504), so a
 * slow save is explained: "SharePoint har travlt — prøver igen om 5 s". It hides itself once
 * the wait is over. A polite live region: screen readers hear it without losing their place.
 */
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import type { RetryNotice } from "../../ports/retry-notices.js";
import { useServices } from "../services.js";

/** How long the banner stays after the wait ends (the retry usually succeeds by then). */
const LINGER_MS = 1500;

export function RetryBanner() {
  const { t } = useTranslation();
  const { retries } = useServices();
  const [notice, setNotice] = useState<RetryNotice | null>(null);

  useEffect(() => {
    if (!retries) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = retries.subscribe((n) => {
      setNotice(n);
      clearTimeout(timer);
      timer = setTimeout(() => setNotice(null), n.waitMs + LINGER_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [retries]);

  return (
    <div role="status" aria-live="polite">
      {notice ? (
        <MessageBar intent="warning" data-testid="retry-banner">
          <MessageBarBody>
            {t(notice.status === 429 ? "retry.throttled" : "retry.unavailable", {
              service: notice.service === "graph" ? "Microsoft 365" : "SharePoint",
              seconds: Math.max(1, Math.ceil(notice.waitMs / 1000)),
            })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
