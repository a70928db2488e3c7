/**
 * SharePoint failures in domain words (ARCHITECTURE.md, "Decisions already taken"): the UI
 * switches on `StoreError.kind`, never on HTTP status. SharePoint's error body in minimal
 * metadata is `{"odata.error":{"code":"<n>, <Exception>","message":{"lang","value"}}}` and in
 * verbose `{"error":{...}}`
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest).
 */
import { StoreError } from "../../domain/errors.js";
import { retryAfterMs } from "../retry-policy.js";

export interface SpErrorBody {
  code: string;
  message: string;
}

interface HttpRequestErrorLike {
  isHttpRequestError: true;
  status: number;
  message: string;
  response: Response;
}

function isHttpRequestError(e: unknown): e is HttpRequestErrorLike {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { isHttpRequestError?: unknown }).isHttpRequestError === true
  );
}

/** Parses SharePoint's error JSON out of a body text; tolerant of anything else. */
export function parseSpErrorBody(text: string): SpErrorBody | undefined {
  const start = text.indexOf("{");
  if (start < 0) return undefined;
  try {
    const json = JSON.parse(text.slice(start)) as Record<string, unknown>;
    const e = (json["odata.error"] ?? json.error) as
      { code?: unknown; message?: unknown } | undefined;
    if (!e) return undefined;
    const msg = e.message;
    const message =
      typeof msg === "string"
        ? msg
        : typeof msg === "object" &&
            msg !== null &&
            typeof (msg as { value?: unknown }).value === "string"
          ? (msg as { value: string }).value
          : "";
    return { code: typeof e.code === "string" ? e.code : "", message };
  } catch {
    return undefined;
  }
}

/** The column a SharePoint message names, e.g. "The property 'Foo' does not exist ...". */
function fieldIn(message: string): string | undefined {
  const m =
    // "... duplicate values were found in the following field(s) in the list: [Title]."
    /field\(s\) in the list: \[([^\],]+)\]/i.exec(message) ??
    /(?:property|field|column|felt(?:et)?)\s+'([^']+)'/i.exec(message) ??
    /'([A-Za-z_][A-Za-z0-9_]*)'/.exec(message);
  return m?.[1];
}

export interface ErrorContext {
  /** Danish description of what was attempted, e.g. "Tiltag 7". */
  what?: string;
  /** Maps a SharePoint internal name to the domain property, when known. */
  fieldOf?: (internalName: string) => string | undefined;
}

/** Turns SharePoint's status and error body into a StoreError. */
export function toStoreErrorFromParts(
  status: number,
  body: SpErrorBody | undefined,
  retryAfter: string | null,
  ctx: ErrorContext = {},
): StoreError {
  const code = body?.code ?? "";
  const spMessage = body?.message ?? "";
  const what = ctx.what ?? "Elementet";
  // Seconds, as SharePoint sends it; an HTTP date is turned into the seconds still to wait.
  const raMs = retryAfterMs(retryAfter);
  const ra = raMs === undefined ? undefined : Math.ceil(raMs / 1000);
  const named = fieldIn(spMessage);
  const field = named ? (ctx.fieldOf?.(named) ?? named) : undefined;
  const details = {
    code,
    status,
    ...(ra !== undefined ? { retryAfter: ra } : {}),
    ...(field !== undefined ? { field } : {}),
  };

  if (/SPDuplicateValuesFoundException/i.test(code) || /duplicate value/i.test(spMessage)) {
    return new StoreError(
      "Conflict",
      `${what} findes allerede: værdien skal være unik${named ? ` (${named})` : ""}.`,
      details,
    );
  }
  if (/SPQueryThrottledException/i.test(code) || /list view threshold/i.test(spMessage)) {
    return new StoreError(
      "Invalid",
      "Forespørgslen rammer SharePoints grænse på 5.000 elementer (listevisningsgrænsen); filtrér på en indekseret kolonne.",
      { code, status },
    );
  }
  switch (status) {
    case 404:
      return new StoreError(
        "NotFound",
        `${what} findes ikke (eller du har ikke adgang til det).`,
        details,
      );
    case 409:
    case 412:
      return new StoreError(
        "Conflict",
        `${what} er blevet ændret af en anden, siden du hentede det. Hent det igen og gentag ændringen.`,
        details,
      );
    case 401:
    case 403:
      return new StoreError(
        "Forbidden",
        `Du har ikke adgang til at gøre dette (${what}).`,
        details,
      );
    case 429:
      return new StoreError(
        "Throttled",
        "SharePoint beder os vente (for mange forespørgsler). Prøv igen om lidt.",
        details,
      );
    case 400:
      return new StoreError(
        "Invalid",
        `SharePoint afviste ${what.toLowerCase()}: ${spMessage || "ugyldige data"}`,
        details,
      );
    case 500:
    case 502:
    case 503:
    case 504:
      return new StoreError(
        "Unavailable",
        "SharePoint er ikke tilgængelig lige nu. Prøv igen om lidt.",
        details,
      );
    default:
      return new StoreError(
        status >= 500 ? "Unavailable" : "Invalid",
        `SharePoint svarede ${status}: ${spMessage || "ukendt fejl"}`,
        details,
      );
  }
}

/**
 * Maps anything PnPjs throws: `HttpRequestError` (status + body), a network failure
 * (`TypeError: fetch failed`) as Unavailable; StoreErrors pass through; anything else is a
 * programmer error and is rethrown unchanged.
 */
export async function toStoreError(e: unknown, ctx: ErrorContext = {}): Promise<StoreError> {
  if (e instanceof StoreError) return e;
  if (isHttpRequestError(e)) {
    let text = "";
    try {
      text = await e.response.clone().text();
    } catch {
      // The body was already read by PnPjs: its message carries the text after "::>".
      text = e.message.split("::>")[1] ?? "";
    }
    return toStoreErrorFromParts(
      e.status,
      parseSpErrorBody(text),
      e.response.headers.get("Retry-After"),
      ctx,
    );
  }
  // Node's fetch fails with `TypeError: fetch failed` (its cause names the socket error); the
  // error may come from another realm (test VMs), so it is recognised by shape, not class.
  const message = typeof e === "object" && e !== null ? (e as { message?: unknown }).message : "";
  if (
    typeof message === "string" &&
    /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/i.test(message)
  ) {
    return new StoreError(
      "Unavailable",
      "SharePoint kan ikke nås. Tjek forbindelsen og prøv igen.",
      {
        code: message,
      },
    );
  }
  throw e;
}

/** Runs a SharePoint call and maps its failure. */
export async function mapErrors<T>(ctx: ErrorContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw await toStoreError(e, ctx);
  }
}
