import { GraphError } from "@microsoft/microsoft-graph-client";

import { StoreError, type StoreErrorKind } from "../../domain/errors.js";

/**
 * One place that turns Graph failures into the domain's error union (STYLE.md, Errors):
 * 429 → Throttled (with Retry-After), 503/504/network → Unavailable, 401/403 → Forbidden,
 * 404 → NotFound, 409/412 → Conflict, 400/413/422 → Invalid. Graph's error shape:
 * https://learn.microsoft.com/graph/errors
 */

const MESSAGES: Record<StoreErrorKind, string> = {
  Throttled:
    "Microsoft 365 beder os vente lidt (for mange forespørgsler). Prøv igen om et øjeblik.",
  Unavailable: "Microsoft 365 svarer ikke lige nu. Prøv igen senere.",
  Forbidden: "Du har ikke adgang til dette i Microsoft 365.",
  NotFound: "Det findes ikke (længere) i Microsoft 365.",
  Conflict: "Det er blevet ændret af en anden i mellemtiden. Genindlæs og prøv igen.",
  Invalid: "Microsoft 365 afviste oplysningerne.",
};

export function kindOfStatus(status: number): StoreErrorKind {
  if (status === 429) return "Throttled";
  if (status === 401 || status === 403) return "Forbidden";
  if (status === 404 || status === 410) return "NotFound";
  if (status === 409 || status === 412) return "Conflict";
  if (status >= 400 && status < 500) return "Invalid";
  return "Unavailable";
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date). */
export function retryAfterSeconds(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** A StoreError for an HTTP status and Graph's `{ error: { code, message } }` body. */
export function storeErrorFor(
  status: number,
  error: { code?: string | null; message?: string | null } | undefined,
  retryAfter?: number,
): StoreError {
  const kind = kindOfStatus(status);
  const detail = error?.message ? ` (${error.message})` : "";
  const message = kind === "Invalid" ? `${MESSAGES.Invalid}${detail}` : MESSAGES[kind];
  return new StoreError(kind, message, {
    status,
    ...(error?.code ? { code: error.code } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

/** Maps whatever graph-client threw (GraphError, a network failure) to a StoreError. */
export function toStoreError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  if (e instanceof GraphError) {
    if (!(e.statusCode > 0)) {
      return new StoreError("Unavailable", MESSAGES.Unavailable, {
        code: e.code ?? "NetworkError",
      });
    }
    const headers = e.headers;
    return storeErrorFor(
      e.statusCode,
      { code: e.code, message: e.message },
      retryAfterSeconds(headers?.get("Retry-After")),
    );
  }
  return new StoreError("Unavailable", MESSAGES.Unavailable, {
    code: e instanceof Error ? e.name : "Unknown",
  });
}
