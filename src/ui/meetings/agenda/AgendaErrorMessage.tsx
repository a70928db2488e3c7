/**
 * A failed write that went to Outlook's calendar (Microsoft Graph) as well as the SharePoint
 * lists — inviting representatives, removing a point, sending — said in words that name both,
 * since the StoreError kind does not tell which service refused. Otherwise like
 * StoreErrorMessage: the kind's text, the service's own message for `Invalid`, the wait when
 * throttled, and a retry button when the caller can retry.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { isStoreError } from "../../../domain/errors.js";

export interface AgendaErrorMessageProps {
  error: unknown;
  title: string;
  onRetry?: () => void;
}

export function AgendaErrorMessage({ error, title, onRetry }: AgendaErrorMessageProps) {
  const { t } = useTranslation();
  const retryAfter = isStoreError(error) ? error.details.retryAfter : undefined;
  const text =
    isStoreError(error, "Invalid") && error.message
      ? error.message
      : t(`agenda.errors.${isStoreError(error) ? error.kind : "Unknown"}`);
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {text}
        {retryAfter !== undefined ? ` ${t("errors.retryAfter", { seconds: retryAfter })}` : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{t("errors.retry")}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
