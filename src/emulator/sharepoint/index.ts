/**
 * SharePoint REST of the local Microsoft 365, for the one site `/sites/digistyr`: the router
 * below `<site>/_api/` that hands each address to the web, list, field, principal and
 * permission routes, the item routes (items.ts) and `$batch` (batch.ts).
 * Errors are SharePoint's own shape in the dialect the request asked for (odata-json.ts).
 */
import type { ApiDeps, SubApi } from "../api.js";
import { SITE_TITLE } from "../directory.js";
import { type Handler, HttpError, type HttpResponse, type RequestContext } from "../http.js";
import { batchRoute, type PartHandler } from "./batch.js";
import { watchItems } from "./item-store.js";
import { listByUrlRoute, listsRoute } from "./lists.js";
import { watchMetadata } from "./meta-cache.js";
import { ensureSiteUser, migrate, PermissionKind, seedSite } from "./model.js";
import {
  badRequest,
  type Entity,
  entityResponse,
  isVerbose,
  spFail,
  voidResponse,
} from "./odata-json.js";
import {
  demand,
  effectivePermissionsRoute,
  requireScope,
  roleAssignmentsRoute,
  roleDefinitionsRoute,
} from "./permissions.js";
import { principalsRoute } from "./principals.js";
import { parseApiPath, type Segment, type SpRequest } from "./router.js";

/** Stable ids of the one site collection and its root web. */
const SITE_ID = "3f8e2a1c-5b6d-4e7f-9a0b-1c2d3e4f5a6b";
const WEB_ID = "5e1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const SITE_CREATED = "2024-01-02T08:00:00Z";

function webEntity(req: SpRequest): Entity {
  return {
    type: "SP.Web",
    path: "Web",
    props: {
      AllowRssFeeds: true,
      Configuration: 0,
      Created: SITE_CREATED,
      Description: "",
      HasUniqueRoleAssignments: true,
      Id: WEB_ID,
      Language: 1030,
      ServerRelativeUrl: req.deps.sitePath,
      Title: SITE_TITLE,
      Url: req.webUrl,
      WebTemplate: "STS",
    },
  };
}

/**
 * `POST /_api/contextinfo`: the form digest SharePoint wants on writes when no bearer token is
 * used (SP.ContextWebInformation,
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/complete-basic-operations-using-sharepoint-rest-endpoints).
 */
function contextInfo(req: SpRequest): HttpResponse {
  const { ctx } = req;
  if (ctx.method !== "POST") badRequest(ctx, "contextinfo is invoked with POST.");
  requireScope(ctx, "Read");
  const info = {
    FormDigestTimeoutSeconds: 1800,
    FormDigestValue: `0x${Buffer.from(`${req.me.id}:${ctx.user.upn}`).toString("hex").toUpperCase().padEnd(128, "0").slice(0, 128)},${new Date(req.deps.now()).toUTCString()}`,
    LibraryVersion: "16.0.0.0",
    SiteFullUrl: req.webUrl,
    SupportedSchemaVersions: ["14.0.0.0", "15.0.0.0"],
    WebFullUrl: req.webUrl,
  };
  if (isVerbose(ctx)) {
    return {
      status: 200,
      headers: { "Content-Type": "application/json;odata=verbose;charset=utf-8" },
      body: {
        d: {
          GetContextWebInformation: {
            __metadata: { type: "SP.ContextWebInformation" },
            ...info,
            SupportedSchemaVersions: { results: info.SupportedSchemaVersions },
          },
        },
      },
    };
  }
  return {
    status: 200,
    body: {
      "odata.metadata": `${req.webUrl}/_api/$metadata#SP.ContextWebInformation`,
      ...info,
    },
  };
}

/**
 * `GET /_api/web` and everything below it (SP.Web,
 * https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn499819(v=office.15)).
 * Reading the web needs Open; changing it Manage Web and AllSites.Manage.
 */
function webRoute(req: SpRequest, rest: Segment[]): HttpResponse {
  const { ctx, deps } = req;
  const [head, ...more] = rest;
  if (!head) {
    if (ctx.method !== "GET") {
      demand(req, "Manage", PermissionKind.ManageWeb);
      badRequest(ctx, "Updating the web is not supported by this server.");
    }
    demand(req, "Read", PermissionKind.Open);
    return entityResponse(ctx, deps.sitePath, webEntity(req), { set: "SP.ApiData.Webs" });
  }
  switch (head.name) {
    case "lists":
      return listsRoute(req, head, more);
    case "getlist":
      return listByUrlRoute(req, head, more);
    case "roledefinitions":
      return roleDefinitionsRoute(req, head, more);
    case "roleassignments":
      return roleAssignmentsRoute(req, undefined, head, more);
    case "effectivebasepermissions":
      return effectivePermissionsRoute(req);
    case "breakroleinheritance":
    case "resetroleinheritance":
      // The root web always has its own permissions: only those who may manage permissions
      // may ask, and nothing changes.
      if (ctx.method !== "POST")
        badRequest(ctx, `The HTTP method '${ctx.method}' is not supported.`);
      demand(req, "FullControl", PermissionKind.ManagePermissions);
      return voidResponse(
        ctx,
        head.name === "breakroleinheritance" ? "BreakRoleInheritance" : "ResetRoleInheritance",
      );
    default: {
      const principal = principalsRoute(req, head, more);
      if (principal) return principal;
      badRequest(ctx, `The expression "web/${head.raw}" is not valid.`);
    }
  }
}

/** `GET /_api/site` (SP.Site): needs Open on the root web and AllSites.Read. */
function siteRoute(req: SpRequest, rest: Segment[]): HttpResponse {
  demand(req, "Read", PermissionKind.Open);
  if (rest.length > 0 || req.ctx.method !== "GET") {
    badRequest(req.ctx, `The expression "site/${rest[0]?.raw ?? ""}" is not valid.`);
  }
  return entityResponse(
    req.ctx,
    req.deps.sitePath,
    {
      type: "SP.Site",
      path: "Site",
      props: {
        Id: SITE_ID,
        ServerRelativeUrl: req.deps.sitePath,
        Url: req.webUrl,
        ReadOnly: false,
      },
    },
    { set: "SP.ApiData.Sites" },
  );
}

/**
 * SharePoint REST for the one site: lists, fields, items, users, groups, permissions and
 * `$batch` under `<site>/_api/`. Creates the site's tables and seeds its users and groups.
 */
export function createSharePointApi(deps: ApiDeps): SubApi {
  migrate(deps.db);
  seedSite(deps.db);
  watchMetadata(deps.db);
  watchItems(deps.db);
  const apiPrefix = `${deps.sitePath}/_api`.toLowerCase();

  function dispatch(ctx: RequestContext, inBatch: boolean): HttpResponse {
    const path = ctx.url.pathname;
    if (!path.toLowerCase().startsWith(apiPrefix)) {
      spFail(
        ctx,
        404,
        "-1, Microsoft.SharePoint.Client.ResourceNotFoundException",
        `Cannot find resource for the request ${path}.`,
      );
    }
    const req: SpRequest = {
      deps,
      ctx,
      me: ensureSiteUser(deps.db, ctx.user),
      webUrl: `${ctx.origin}${deps.sitePath}`,
    };
    const [first, ...rest] = parseApiPath(path.slice(apiPrefix.length), ctx);
    if (!first) badRequest(ctx, "The request URL names no resource below _api.");
    switch (first.name) {
      case "$batch":
        // Batches do not nest (batch.ts refuses such a part before it gets here).
        if (inBatch) badRequest(ctx, "A $batch request cannot contain another $batch request.");
        if (ctx.method !== "POST") badRequest(ctx, "$batch is invoked with POST.");
        // The envelope needs a SharePoint scope; each part is checked on its own route.
        requireScope(ctx, "Read");
        return batchRoute(deps, ctx, part);
      case "contextinfo":
        return contextInfo(req);
      case "web":
        return webRoute(req, rest);
      case "site":
        return siteRoute(req, rest);
      default:
        return spFail(
          ctx,
          404,
          "-1, Microsoft.SharePoint.Client.ResourceNotFoundException",
          `Cannot find resource for the request ${first.raw}.`,
        );
    }
  }

  /** Runs one request; SharePoint-shaped errors thrown by the routes become their responses. */
  const answer = (ctx: RequestContext, inBatch: boolean): HttpResponse => {
    try {
      return dispatch(ctx, inBatch);
    } catch (e) {
      if (e instanceof HttpError) return e.response;
      throw e;
    }
  };
  const part: PartHandler = (ctx) => answer(ctx, true);
  const handle: Handler = (ctx) => answer(ctx, false);

  return { handle };
}
