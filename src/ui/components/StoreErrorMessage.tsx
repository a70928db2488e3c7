/**
 * One way to show a failed read or write: a Fluent MessageBar with the Danish/English text of
 * the StoreError's kind, the problems of a draft refused as `Invalid` (`details.problems`,
 * worded with problemText), the service's own message for any other `Invalid`, how long to
 * wait when throttled, and a retry button when the caller can retry.
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
import { useProblemText } from "./ProblemMessage.js";

export interface StoreErrorMessageProps {
  error: unknown;
  /** A title naming what failed, e.g. "Tiltaget kunne ikke gemmes". */
  title?: string;
  onRetry?: () => void;
}

export function StoreErrorMessage({ error, title, onRetry }: StoreErrorMessageProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const retryAfter = isStoreError(error) ? error.details.retryAfter : undefined;
  const invalid = isStoreError(error, "Invalid") ? error : null;
  const problems = invalid?.details.problems ?? [];
  const ownMessage = invalid && problems.length === 0 && invalid.message ? invalid.message : null;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {problems.length === 1 && problems[0] ? (
          text(problems[0])
        ) : problems.length > 1 ? (
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.code}-${i}`}>{text(p)}</li>
            ))}
          </ul>
        ) : (
          (ownMessage ?? t(errorMessageKey(error)))
        )}
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
