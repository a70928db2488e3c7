import type { DemoUser } from "../directory.js";
import { header, HttpError, type HttpResponse, type RequestContext } from "../http.js";

/**
 * Shared plumbing of the local Microsoft Graph: the parsed request every route handler gets,
 * Graph-shaped answers and errors, `$select` and paging.
 *
 * Error shape, `request-id` / `client-request-id` headers:
 * https://learn.microsoft.com/graph/errors
 */

/** Graph answers JSON with OData minimal metadata. */
export const GRAPH_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** One Graph request after routing has split its path. */
export interface GraphRequest {
  method: string;
  /** Path segments after `/v1.0`, decoded (`["me", "events"]`). */
  segments: string[];
  query: URLSearchParams;
  /** The request URL, absolute, on this server. */
  url: URL;
  /** The raw body; parse with {@link jsonBody}. */
  body: Buffer;
  user: DemoUser;
  /**
   * The delegated permissions of the token (its `scp` claim), as the server parsed them; inner
   * `$batch` requests carry the outer request's token, so the same scopes.
   */
  scopes: ReadonlySet<string>;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  headers: RequestContext["headers"];
}

/** `https://graph.microsoft.com/v1.0`, here on this server's origin. */
export function serviceRoot(req: Pick<GraphRequest, "origin">): string {
  return `${req.origin}/v1.0`;
}

export function metadata(req: Pick<GraphRequest, "origin">, fragment: string): string {
  return `${serviceRoot(req)}/$metadata#${fragment}`;
}

/** A Graph error answer: `{ error: { code, message, innerError: { "request-id", date } } }`. */
export function graphError(status: number, code: string, message: string): HttpResponse {
  const requestId = crypto.randomUUID();
  return {
    status,
    headers: { "Content-Type": GRAPH_JSON, "request-id": requestId },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ""),
          "request-id": requestId,
          "client-request-id": requestId,
        },
      },
    },
  };
}

/** Throws a Graph error out of a handler. */
export function fail(status: number, code: string, message: string): never {
  throw new HttpError(graphError(status, code, message));
}

export function ok(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const res: HttpResponse = { status, headers: { ...headers } };
  if (body !== undefined) {
    res.body = body;
    res.headers = { "Content-Type": GRAPH_JSON, ...res.headers };
  }
  return res;
}

/** The JSON body of a write; malformed JSON is Graph's 400 BadRequest. */
export function jsonBody(req: GraphRequest): Record<string, unknown> {
  if (req.body.length === 0) fail(400, "BadRequest", "Empty Payload. JSON content expected.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString("utf8"));
  } catch {
    fail(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
  if (!isRecord(parsed)) {
    fail(400, "BadRequest", "Unable to read JSON request payload: an object is expected.");
  }
  return parsed;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** `$select=a,b` as a list, or undefined. */
export function selectOf(req: GraphRequest): string[] | undefined {
  const raw = req.query.get("$select");
  if (!raw) return undefined;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Keeps only the selected properties (plus `always`, e.g. `id`), and every `@odata.*`. */
export function project(
  entity: Record<string, unknown>,
  select: string[] | undefined,
  always: string[] = [],
): Record<string, unknown> {
  if (!select) return entity;
  const wanted = new Set([...select, ...always].map((s) => s.toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k.startsWith("@odata.") || wanted.has(k.toLowerCase())) out[k] = v;
  }
  return out;
}

/**
 * `$top` within Graph's limits. Graph answers 400 for a `$top` outside 1..max
 * (https://learn.microsoft.com/graph/query-parameters#top-parameter).
 */
export function topOf(req: GraphRequest, fallback: number, max: number): number {
  const raw = req.query.get("$top");
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    fail(
      400,
      "BadRequest",
      `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`,
    );
  }
  return n;
}

/** The absolute `@odata.nextLink` for the page after `offset + pageSize`, keeping other options. */
export function nextLink(req: GraphRequest, param: "$skip" | "$skiptoken", value: string): string {
  const url = new URL(req.url.href);
  const params = new URLSearchParams(url.search);
  params.set(param, value);
  // Graph's next links carry `$` unencoded in option names; keep them readable.
  const search = [...params.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return `${url.origin}${url.pathname}?${search}`;
}

/** Opaque `$skiptoken` for an offset, as Graph's directory and Teams use. */
export function skipToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

export function offsetFromSkipToken(req: GraphRequest): number {
  const token = req.query.get("$skiptoken");
  if (!token) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m?.[1]) fail(400, "BadRequest", "Invalid skip token.");
  return Number(m[1]);
}

/** One page of a collection with an absolute next link when more remain. */
export function page<T>(
  req: GraphRequest,
  all: T[],
  opts: { pageSize: number; offset: number; paging: "$skip" | "$skiptoken" },
): { value: T[]; nextLink?: string } {
  const value = all.slice(opts.offset, opts.offset + opts.pageSize);
  const end = opts.offset + value.length;
  if (end >= all.length) return { value };
  const token = opts.paging === "$skip" ? String(end) : skipToken(end);
  return { value, nextLink: nextLink(req, opts.paging, token) };
}

/** Echoes the caller's `client-request-id` and adds a `request-id`, as Graph does. */
export function withRequestIds(
  req: Pick<GraphRequest, "headers">,
  res: HttpResponse,
): HttpResponse {
  const headers = { ...res.headers };
  const requestId = headers["request-id"] ?? crypto.randomUUID();
  headers["request-id"] = requestId;
  headers["client-request-id"] = header(req.headers, "client-request-id") ?? requestId;
  return { ...res, headers };
}

/** Escapes a value for OData key syntax in `@odata.context` (`users('x')`). */
export function key(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}
