import type { ApiDeps, SubApi } from "../api.js";
import { errorFor } from "../http.js";

/** Microsoft Graph v1.0 subset (placeholder until the Graph emulation lands). */
export function createGraphApi(_deps: ApiDeps): SubApi {
  return {
    handle: () => errorFor("graph", 501, "NotImplemented", "Graph is not emulated yet"),
  };
}
