/**
 * One way to show a failed read or write: a Fluent MessageBar with the Danish/English text of
 * the StoreError's kind, the service's own message for `Invalid` (the domain's and the
 * adapters' messages are Danish and name the field), how long to wait when throttled, and a
 * retry button when the caller can retry.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { isStoreError } from "../../domain/errors.js";
import { errorMessageKey } from "../errors.js";

export interface StoreErrorMessageProps {
  error: unknown;
  /** A title naming what failed, e.g. "Tiltaget kunne ikke gemmes". */
  title?: string;
  onRetry?: () => void;
}

export function StoreErrorMessage({ error, title, onRetry }: StoreErrorMessageProps) {
  const { t } = useTranslation();
  const retryAfter = isStoreError(error) ? error.details.retryAfter : undefined;
  const ownMessage = isStoreError(error, "Invalid") && error.message ? error.message : null;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {ownMessage ?? t(errorMessageKey(error))}
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
