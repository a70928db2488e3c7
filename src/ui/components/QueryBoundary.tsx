/**
 * The three states around data that is read: loading (a labelled spinner in a polite live
 * region), failed (the StoreError kind in the UI language, with retry) and empty (a plain
 * sentence), and otherwise the content rendered from the data. One way for every view, so a
 * read never shows a blank page or an untranslated error.
 */
import { Spinner, Text } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { StoreErrorMessage } from "./StoreErrorMessage.js";

/** What QueryBoundary reads of a TanStack Query result (or of anything shaped like one). */
export interface QueryState<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch?: () => unknown;
}

export interface QueryBoundaryProps<T> {
  query: QueryState<T>;
  /** Rendered with the data once it is there (and not empty). */
  children: (data: T) => ReactNode;
  /** Whether the data counts as empty; arrays of length 0 do unless told. */
  isEmpty?: (data: T) => boolean;
  /** Shown instead of the content when the data is empty (default: "there is nothing to show"). */
  empty?: ReactNode;
  /** The spinner's label (default: "Loading …" in the UI language). */
  loadingLabel?: string;
  /** A title naming what could not be read. */
  errorTitle?: string;
  /** Retry after an error; the query's own refetch unless told, none when `false`. */
  onRetry?: (() => void) | false;
}

function emptyArray(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0;
}

export function QueryBoundary<T>({
  query,
  children,
  isEmpty = emptyArray,
  empty,
  loadingLabel,
  errorTitle,
  onRetry,
}: QueryBoundaryProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div role="status" aria-live="polite">
        <Spinner size="small" label={loadingLabel ?? t("kit.loading")} />
      </div>
    );
  }
  if (query.isError || query.data === undefined) {
    const retry =
      onRetry === false
        ? undefined
        : (onRetry ?? (query.refetch ? () => void query.refetch?.() : undefined));
    return (
      <StoreErrorMessage
        error={query.error}
        title={errorTitle ?? t("kit.errorTitle")}
        {...(retry ? { onRetry: retry } : {})}
      />
    );
  }
  if (isEmpty(query.data)) {
    return typeof empty === "string" || empty === undefined ? (
      <Text as="p">{empty ?? t("kit.empty")}</Text>
    ) : (
      <>{empty}</>
    );
  }
  return <>{children(query.data)}</>;
}
