import type { ApiDeps, SubApi } from "../api.js";
import { errorFor } from "../http.js";

/** SharePoint REST for the one site (placeholder until the SharePoint emulation lands). */
export function createSharePointApi(_deps: ApiDeps): SubApi {
  return {
    handle: () =>
      errorFor("sharepoint", 501, "NotImplemented", "SharePoint REST is not emulated yet"),
  };
}
