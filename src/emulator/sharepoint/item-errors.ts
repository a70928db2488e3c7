/**
 * SharePoint Online's error answers for the item routes. SharePoint puts `"<HRESULT>, <.NET
 * exception type>"` in `code`; minimal metadata wraps it in `odata.error`, verbose in `error`
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest).
 */
import { HttpError, type HttpResponse } from "../http.js";

export type ODataFormat = "minimal" | "verbose" | "nometadata";

export const CONTENT_TYPE: Record<ODataFormat, string> = {
  minimal:
    "application/json;odata=minimalmetadata;streaming=true;IEEE754Compatible=false;charset=utf-8",
  verbose: "application/json;odata=verbose;charset=utf-8",
  nometadata:
    "application/json;odata=nometadata;streaming=true;IEEE754Compatible=false;charset=utf-8",
};

/** The format the caller's `Accept` asks for (PnPjs sends `application/json`: minimal). */
export function formatOf(accept: string | undefined): ODataFormat {
  const a = (accept ?? "").toLowerCase();
  if (a.includes("odata=verbose")) return "verbose";
  if (a.includes("odata=nometadata")) return "nometadata";
  return "minimal";
}

export function spErrorResponse(
  fmt: ODataFormat,
  status: number,
  code: string,
  message: string,
): HttpResponse {
  const error = { code, message: { lang: "en-US", value: message } };
  return {
    status,
    headers: { "Content-Type": CONTENT_TYPE[fmt] },
    body: fmt === "verbose" ? { error } : { "odata.error": error },
  };
}

/** Thrown inside the item routes; itemsRoute turns it into the answer. */
export function fail(fmt: ODataFormat, status: number, code: string, message: string): never {
  throw new HttpError(spErrorResponse(fmt, status, code, message));
}

export const CODES = {
  /** Unknown property in a body, malformed query option (400). */
  invalidQuery: "-1, Microsoft.SharePoint.Client.InvalidClientQueryException",
  /** Unknown field in `$select` / bad `$expand` (400). */
  spException: "-1, Microsoft.SharePoint.SPException",
  /** Unknown column in `$filter` / `$orderby`, missing item (400/404). */
  argument: "-2147024809, System.ArgumentException",
  /** Field validation (required, length, choices, range, lookups) (400). */
  fieldValidation: "-2146232832, Microsoft.SharePoint.SPFieldValidationException",
  /** Stale If-Match (412); ../shared/reference/wire/batchtest-output.txt. */
  versionConflict: "-2130575305, Microsoft.SharePoint.SPException",
  /**
   * EnforceUniqueValues violated: SharePoint Online answers 500 with this code, as PnPjs
   * reports it ("[500] ... -2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException",
   * https://github.com/nittygritty-uk/Atvero-Issues/issues/135).
   */
  duplicate: "-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException",
  /** List view threshold (500). */
  throttled: "-2147024860, Microsoft.SharePoint.SPQueryThrottledException",
  /** No permission (403). */
  accessDenied: "-2147024891, System.UnauthorizedAccessException",
} as const;

export const MESSAGES = {
  accessDenied:
    "Access denied. You do not have permission to perform this action or access this resource.",
  itemMissing: "Item does not exist. It may have been deleted by another user.",
  threshold: "The attempted operation is prohibited because it exceeds the list view threshold.",
} as const;
