import type { Problem } from "./problems.js";

/**
 * The one small error union every adapter maps SharePoint and Graph failures to. The UI
 * switches on `kind`, never on an HTTP status (STYLE.md, Errors).
 */
export type StoreErrorKind =
  "NotFound" | "Conflict" | "Forbidden" | "Throttled" | "Invalid" | "Unavailable";

export class StoreError extends Error {
  override readonly name = "StoreError";

  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    readonly details: {
      /** Seconds the service asked us to wait (Throttled / Unavailable). */
      retryAfter?: number;
      /** The field a validation error names, when the service named one. */
      field?: string;
      /**
       * An `Invalid` draft refused before it was written: what is wrong with it, as codes the
       * UI words (the message is then only for logs).
       */
      problems?: readonly Problem[];
      /** The service's own error code, kept for logs. */
      code?: string;
      status?: number;
    } = {},
  ) {
    super(message);
  }
}

export function isStoreError(e: unknown, kind?: StoreErrorKind): e is StoreError {
  return e instanceof StoreError && (kind === undefined || e.kind === kind);
}
