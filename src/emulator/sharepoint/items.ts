import type { ApiDeps } from "../api.js";
import { errorFor, type HttpResponse, type RequestContext } from "../http.js";
import type { ListRow, PrincipalRow } from "./model.js";

/**
 * Item routes of one list: `.../items`, `.../items(<id>)`, with the rest of the path after
 * `items` in `subpath` (e.g. "", "(3)"). Called by the router in index.ts.
 */
export function itemsRoute(
  _deps: ApiDeps,
  _ctx: RequestContext,
  _me: PrincipalRow,
  _list: ListRow,
  _subpath: string,
): HttpResponse {
  return errorFor("sharepoint", 501, "NotImplemented", "Items are not emulated yet");
}
