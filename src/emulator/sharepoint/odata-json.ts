/**
 * SharePoint REST's two JSON dialects, as the local SharePoint answers them:
 * - minimal metadata (`Accept: application/json`, PnPjs' default): entities carry
 *   `odata.type`, `odata.id`, `odata.editLink`; collections are `{ value: [...] }`; errors are
 *   `{ "odata.error": { code, message: { lang, value } } }`;
 * - verbose (`Accept: application/json;odata=verbose`, PnPjs' field creation): entities are
 *   `{ d: { __metadata: { id, uri, type }, ... } }`, collections `{ d: { results: [...] } }`,
 *   multi-valued properties `{ results: [...] }`, errors `{ error: { code, message } }`.
 * See https://learn.microsoft.com/sharepoint/dev/sp-add-ins/get-to-know-the-sharepoint-rest-service
 * and ../shared/reference/wire/pnp-capture.txt (field creation is verbose both ways).
 */
import type { HttpResponse, RequestContext } from "../http.js";
import { header, HttpError } from "../http.js";
import { MAX_FILTER_CLAUSES, MAX_FILTER_NESTING } from "./odata-query.js";

/** SharePoint's error codes (`<hresult>, <exception type>`) used by the local SharePoint. */
export const SP_ERR = {
  argument: "-1, System.ArgumentException",
  argumentField: "-2147024809, System.ArgumentException",
  invalidQuery: "-1, Microsoft.SharePoint.Client.InvalidClientQueryException",
  unauthorized: "-2147024891, System.UnauthorizedAccessException",
  fileNotFound: "-2147024894, System.IO.FileNotFoundException",
  spException: "-2146232832, Microsoft.SharePoint.SPException",
  listExists: "-2130575342, Microsoft.SharePoint.SPException",
  duplicateField: "-2130575340, Microsoft.SharePoint.SPException",
  notUnique: "-2130575322, Microsoft.SharePoint.SPException",
  clientService: "-1, Microsoft.SharePoint.Client.ClientServiceException",
} as const;

export const ACCESS_DENIED =
  "Access denied. You do not have permission to perform this action or access this resource.";

/** True when the client asked for verbose JSON (`odata=verbose` in Accept). */
export function isVerbose(ctx: Pick<RequestContext, "headers">): boolean {
  return /odata=verbose/i.test(header(ctx.headers, "accept") ?? "");
}

/** An error response in the dialect the request asked for. */
export function spErrorResponse(
  ctx: Pick<RequestContext, "headers">,
  status: number,
  code: string,
  message: string,
): HttpResponse {
  const inner = { code, message: { lang: "en-US", value: message } };
  return isVerbose(ctx)
    ? {
        status,
        headers: { "Content-Type": "application/json;odata=verbose;charset=utf-8" },
        body: { error: inner },
      }
    : { status, body: { "odata.error": inner } };
}

/** Throws a SharePoint-shaped error; the router turns it into the response. */
export function spFail(
  ctx: Pick<RequestContext, "headers">,
  status: number,
  code: string,
  message: string,
): never {
  throw new HttpError(spErrorResponse(ctx, status, code, message), message);
}

/** 403 as SharePoint answers a user lacking the permission (System.UnauthorizedAccessException). */
export function accessDenied(ctx: Pick<RequestContext, "headers">): never {
  spFail(ctx, 403, SP_ERR.unauthorized, ACCESS_DENIED);
}

/** 400 for a request SharePoint's OData layer cannot understand. */
export function badRequest(ctx: Pick<RequestContext, "headers">, message: string): never {
  spFail(ctx, 400, SP_ERR.invalidQuery, message);
}

/**
 * The JSON body as an object. SharePoint answers 400 InvalidClientQueryException to a body that
 * is not JSON ("Invalid JSON. A token was not recognized in the JSON content.").
 */
export function jsonBody(ctx: RequestContext): Record<string, unknown> {
  if (ctx.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.body.toString("utf8"));
  } catch {
    badRequest(ctx, "Invalid JSON. A token was not recognized in the JSON content.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    badRequest(ctx, "Invalid JSON. The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** Unwraps verbose `{ results: [...] }` multi-values; plain arrays pass through. */
export function multiValue(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v as unknown[];
  if (v && typeof v === "object" && Array.isArray((v as { results?: unknown }).results)) {
    return (v as { results: unknown[] }).results;
  }
  return undefined;
}

/** A SharePoint entity before rendering: its type, address and properties. */
export interface Entity {
  /** e.g. `SP.List`, `SP.FieldText`, `SP.User`. */
  type: string;
  /** Address relative to `_api/`, e.g. `Web/Lists(guid'...')`. */
  path: string;
  props: Record<string, unknown>;
  /** Navigation properties, rendered only when `$expand`ed. */
  nav?: Record<string, () => Entity | Entity[] | undefined>;
  etag?: string;
}

interface Shape {
  select: string[] | undefined;
  expand: string[];
}

function parseList(v: string | null): string[] | undefined {
  if (v === null || v.trim() === "") return undefined;
  return v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `$select` and `$expand` of the request. */
export function shapeOf(url: URL): Shape {
  return {
    select: parseList(url.searchParams.get("$select")),
    expand: parseList(url.searchParams.get("$expand")) ?? [],
  };
}

/** The part of each path below `name` (`Owner/Title` → `Title` under `Owner`). */
function below(paths: string[], name: string): string[] {
  const lower = name.toLowerCase();
  return paths
    .filter((p) => p.toLowerCase().startsWith(`${lower}/`))
    .map((p) => p.slice(name.length + 1));
}

function apiBase(ctx: RequestContext, sitePath: string): string {
  return `${ctx.origin}${sitePath}/_api/`;
}

function renderOne(
  ctx: RequestContext,
  sitePath: string,
  e: Entity,
  shape: Shape,
  verbose: boolean,
): Record<string, unknown> {
  const base = apiBase(ctx, sitePath);
  const out: Record<string, unknown> = {};
  if (verbose) {
    const meta: Record<string, unknown> = {
      id: `${base}${e.path}`,
      uri: `${base}${e.path}`,
      type: e.type,
    };
    if (e.etag) meta.etag = e.etag;
    out.__metadata = meta;
  } else {
    out["odata.type"] = e.type;
    out["odata.id"] = `${base}${e.path}`;
    if (e.etag) out["odata.etag"] = e.etag;
    out["odata.editLink"] = e.path;
  }
  const selected = shape.select;
  const wantAll = !selected || selected.includes("*");
  const navNames = Object.keys(e.nav ?? {});
  for (const [k, v] of Object.entries(e.props)) {
    if (navNames.includes(k)) continue;
    if (wantAll || selected.some((s) => s.toLowerCase() === k.toLowerCase())) {
      out[k] = verbose && Array.isArray(v) ? { results: v } : v;
    }
  }
  for (const name of navNames) {
    const lower = name.toLowerCase();
    const expanded = shape.expand.some(
      (x) => x.toLowerCase() === lower || x.toLowerCase().startsWith(`${lower}/`),
    );
    if (!expanded) continue;
    const subSelect = selected ? below(selected, name) : [];
    const bare = selected?.some((s) => s.toLowerCase() === lower) ?? false;
    if (selected && !wantAll && subSelect.length === 0 && !bare) continue;
    const sub: Shape = {
      select: subSelect.length > 0 && !bare ? subSelect : undefined,
      expand: below(shape.expand, name),
    };
    const value = e.nav?.[name]?.();
    if (value === undefined) {
      out[name] = null;
    } else if (Array.isArray(value)) {
      const items = value.map((v) => renderOne(ctx, sitePath, v, sub, verbose));
      out[name] = verbose ? { results: items } : items;
    } else {
      out[name] = renderOne(ctx, sitePath, value, sub, verbose);
    }
  }
  return out;
}

/** A 200/201 answer with one entity, honouring `$select`/`$expand` and the JSON dialect. */
export function entityResponse(
  ctx: RequestContext,
  sitePath: string,
  e: Entity,
  opts: { status?: number; set?: string; headers?: Record<string, string> } = {},
): HttpResponse {
  const verbose = isVerbose(ctx);
  const body = renderOne(ctx, sitePath, e, shapeOf(ctx.url), verbose);
  const headers: Record<string, string> = { ...opts.headers };
  if (e.etag) headers.ETag = e.etag;
  if (verbose) {
    headers["Content-Type"] = "application/json;odata=verbose;charset=utf-8";
    return { status: opts.status ?? 200, headers, body: { d: body } };
  }
  const set = opts.set ?? e.type;
  return {
    status: opts.status ?? 200,
    headers,
    body: { "odata.metadata": `${apiBase(ctx, sitePath)}$metadata#${set}/@Element`, ...body },
  };
}

/** A 200 answer with a collection (`value` / `d.results`). */
export function collectionResponse(
  ctx: RequestContext,
  sitePath: string,
  entities: Entity[],
  set: string,
): HttpResponse {
  const verbose = isVerbose(ctx);
  const shape = shapeOf(ctx.url);
  const items = entities.map((e) => renderOne(ctx, sitePath, e, shape, verbose));
  if (verbose) {
    return {
      status: 200,
      headers: { "Content-Type": "application/json;odata=verbose;charset=utf-8" },
      body: { d: { results: items } },
    };
  }
  return {
    status: 200,
    body: { "odata.metadata": `${apiBase(ctx, sitePath)}$metadata#${set}`, value: items },
  };
}

/** The answer of a method returning nothing (`{"odata.null":true}` / `{d:{<Name>:null}}`). */
export function voidResponse(ctx: RequestContext, method: string): HttpResponse {
  return isVerbose(ctx)
    ? {
        status: 200,
        headers: { "Content-Type": "application/json;odata=verbose;charset=utf-8" },
        body: { d: { [method]: null } },
      }
    : { status: 200, body: { "odata.null": true } };
}

/** SharePoint's timestamps: ISO 8601 in UTC without milliseconds. */
export function spDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

type Literal = string | number | boolean | null;

function textOf(v: unknown): string {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

/**
 * A small `$filter` for the metadata collections (lists, fields, users, groups): comparisons
 * `Prop eq|ne|gt|ge|lt|le <literal>` joined by `and` / `or`, parentheses, `not`, and
 * `startswith(Prop,'x')` / `substringof('x',Prop)`. Item queries have their own engine.
 */
export function compileFilter(
  ctx: Pick<RequestContext, "headers">,
  expr: string,
): (props: Record<string, unknown>) => boolean {
  const tokens = expr.match(/'(?:[^']|'')*'|\(|\)|,|[^\s(),]+/g) ?? [];
  let pos = 0;
  const fail = (): never =>
    badRequest(ctx, `The expression "${expr}" is not valid: a $filter this server understands.`);
  const peek = () => tokens[pos];
  const next = () => tokens[pos++] ?? fail();
  // Bounded like the item filter (odata-query.ts): the predicates recurse.
  let nesting = 0;
  let clauses = 0;
  const enter = () => {
    if (++nesting > MAX_FILTER_NESTING) fail();
  };
  const joined = () => {
    if (++clauses >= MAX_FILTER_CLAUSES) fail();
  };

  const literal = (t: string): Literal => {
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === "true" || t === "false") return t === "true";
    if (t === "null") return null;
    const n = Number(t);
    if (!Number.isNaN(n)) return n;
    return fail();
  };
  const prop = (p: Record<string, unknown>, name: string): unknown => {
    const key = Object.keys(p).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : p[key];
  };
  type Pred = (p: Record<string, unknown>) => boolean;

  const primary = (): Pred => {
    const t = next();
    if (t === "(") {
      enter();
      const inner = orExpr();
      if (next() !== ")") fail();
      nesting--;
      return inner;
    }
    if (t.toLowerCase() === "not") {
      enter();
      const inner = primary();
      nesting--;
      return (p) => !inner(p);
    }
    const fn = t.toLowerCase();
    if ((fn === "startswith" || fn === "substringof") && peek() === "(") {
      next();
      const a = next();
      if (next() !== ",") fail();
      const b = next();
      if (next() !== ")") fail();
      if (fn === "startswith") {
        const want = String(literal(b));
        return (p) => textOf(prop(p, a)).startsWith(want);
      }
      const want = String(literal(a));
      return (p) => textOf(prop(p, b)).includes(want);
    }
    const op = next().toLowerCase();
    const value = literal(next());
    return (p) => {
      const raw = prop(p, t);
      const have = typeof raw === "string" || typeof raw === "number" ? raw : (raw ?? null);
      switch (op) {
        case "eq":
          return typeof have === "string" && typeof value === "string"
            ? have.toLowerCase() === value.toLowerCase()
            : have === value;
        case "ne":
          return have !== value;
        case "gt":
          return (have as number) > (value as number);
        case "ge":
          return (have as number) >= (value as number);
        case "lt":
          return (have as number) < (value as number);
        case "le":
          return (have as number) <= (value as number);
        default:
          return fail();
      }
    };
  };
  const andExpr = (): Pred => {
    let left = primary();
    while (peek()?.toLowerCase() === "and") {
      next();
      joined();
      const l = left;
      const r = primary();
      left = (p) => l(p) && r(p);
    }
    return left;
  };
  function orExpr(): Pred {
    let left = andExpr();
    while (peek()?.toLowerCase() === "or") {
      next();
      joined();
      const l = left;
      const r = andExpr();
      left = (p) => l(p) || r(p);
    }
    return left;
  }
  const pred = orExpr();
  if (pos !== tokens.length) fail();
  return pred;
}

/** Applies `$filter` and `$top` of the request to a metadata collection. */
export function filterEntities(ctx: RequestContext, entities: Entity[]): Entity[] {
  const filter = ctx.url.searchParams.get("$filter");
  let out = entities;
  if (filter && filter.trim() !== "") {
    const pred = compileFilter(ctx, filter);
    out = out.filter((e) => pred(e.props));
  }
  const top = ctx.url.searchParams.get("$top");
  if (top !== null) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 0) badRequest(ctx, `Invalid $top value '${top}'.`);
    out = out.slice(0, n);
  }
  return out;
}
