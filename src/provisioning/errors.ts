import type { StoreErrorKind } from "../domain/errors.js";

/** What provisioning was doing when SharePoint refused, so the message can name it. */
export interface ProvisioningStep {
  /** Internal list name (lists-schema file name). */
  list?: string;
  /** Danish display title of the list. */
  listTitle?: string;
  /** Internal field name. */
  field?: string;
  /** A short Danish description of the step, e.g. "oprette feltet". */
  action: string;
}

/**
 * SharePoint refused a provisioning step. The message is Danish and names the list and the
 * field, so the person running `npm run provision` knows what to fix.
 */
export class ProvisioningError extends Error {
  override readonly name = "ProvisioningError";

  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    readonly step: ProvisioningStep,
    readonly details: { status?: number; code?: string; serviceMessage?: string } = {},
  ) {
    super(message);
  }
}

interface HttpRequestErrorLike {
  isHttpRequestError: true;
  status: number;
  message: string;
}

function isHttpRequestError(e: unknown): e is HttpRequestErrorLike {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { isHttpRequestError?: unknown }).isHttpRequestError === true
  );
}

/** The status of a PnPjs HttpRequestError, or undefined for anything else. */
export function httpStatusOf(e: unknown): number | undefined {
  return isHttpRequestError(e) ? e.status : undefined;
}

/**
 * SharePoint's own error text. PnPjs puts the response body after "::> " in the message;
 * the body is `{"odata.error":{code,message:{value}}}` (minimal metadata) or
 * `{"error":{code,message:{value}}}` (verbose), see PLATFORM.md.
 */
function serviceError(e: HttpRequestErrorLike): { code?: string; message?: string } {
  const at = e.message.indexOf("::> ");
  if (at < 0) return {};
  const text = e.message.slice(at + 4);
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const err = (body["odata.error"] ?? body.error) as
      { code?: string; message?: { value?: string } | string } | undefined;
    if (!err) return { message: text.slice(0, 500) };
    const message = typeof err.message === "string" ? err.message : err.message?.value;
    return { code: err.code, message };
  } catch {
    return { message: text.slice(0, 500) };
  }
}

function kindOf(status: number | undefined): StoreErrorKind {
  if (status === undefined) return "Unavailable";
  if (status === 401 || status === 403) return "Forbidden";
  if (status === 404) return "NotFound";
  if (status === 409 || status === 412) return "Conflict";
  if (status === 429) return "Throttled";
  if (status >= 500) return "Unavailable";
  return "Invalid";
}

function where(step: ProvisioningStep): string {
  const list = step.list
    ? ` for listen "${step.listTitle ?? step.list}" (${step.list})`
    : " for sitet";
  const field = step.field ? `, felt ${step.field}` : "";
  return `${list}${field}`;
}

/** Wraps whatever a step threw in a ProvisioningError naming the list and field. */
export function toProvisioningError(e: unknown, step: ProvisioningStep): ProvisioningError {
  if (e instanceof ProvisioningError) return e;
  if (isHttpRequestError(e)) {
    const { code, message } = serviceError(e);
    const kind = kindOf(e.status);
    const reason =
      kind === "Forbidden"
        ? "adgang nægtet: provisioneringen skal køre som ejer af sitet med et token, der har AllSites.FullControl (se docs/deploy.md)"
        : `HTTP ${e.status}`;
    return new ProvisioningError(
      kind,
      `SharePoint afviste at ${step.action}${where(step)}: ${reason}${message ? ` (${message})` : ""}`,
      step,
      { status: e.status, code, serviceMessage: message },
    );
  }
  const text = e instanceof Error ? e.message : String(e);
  return new ProvisioningError(
    "Unavailable",
    `Kunne ikke ${step.action}${where(step)}: ${text}`,
    step,
  );
}
