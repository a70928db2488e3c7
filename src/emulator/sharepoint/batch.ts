import type { ApiDeps } from "../api.js";
import { errorFor, type Handler, type HttpResponse, type RequestContext } from "../http.js";

/**
 * `POST /_api/$batch`: runs each inner request through `dispatch` (the site's own handler)
 * and answers one flat multipart reply. Called by the router in index.ts.
 */
export function batchRoute(
  _deps: ApiDeps,
  _ctx: RequestContext,
  _dispatch: Handler,
): Promise<HttpResponse> {
  return Promise.resolve(
    errorFor("sharepoint", 501, "NotImplemented", "$batch is not emulated yet"),
  );
}
