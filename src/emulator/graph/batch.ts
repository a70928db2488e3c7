import type { Faults } from "../faults.js";
import type { HttpResponse } from "../http.js";
import {
  fail,
  GRAPH_JSON,
  graphError,
  type GraphRequest,
  isRecord,
  jsonBody,
  str,
} from "./context.js";

/**
 * JSON batching, `POST /v1.0/$batch` (https://learn.microsoft.com/graph/json-batching):
 * - at most 20 requests, ids unique (case-insensitive), else the whole batch is 400;
 * - inner `url` relative to the version: an absolute URL makes the whole batch 400 "Invalid
 *   batch payload format." (microsoftgraph/microsoft-graph-docs-contrib#8576), and a url that
 *   still carries the version (`/v1.0/me`, what graph-client 3.0.7's BatchRequestContent sends,
 *   reference/wire/graph-capture.txt) answers that request 400 "Resource not found for the
 *   segment 'v1.0'." (microsoftgraph/msgraph-sdk-javascript#1178);
 * - `dependsOn`, when present, is an array of request ids (strings), else the whole batch is 400;
 * - a request whose `dependsOn` failed answers 424 Failed Dependency;
 * - responses may come in any order: this server returns them reversed, so clients match by id;
 * - each part goes through the same handlers and the same fault injection as a plain request,
 *   so a part can be throttled (429 + Retry-After) while the batch itself is 200.
 */

export const MAX_BATCH_REQUESTS = 20;

interface Part {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

export type InnerHandler = (req: GraphRequest) => Promise<HttpResponse> | HttpResponse;

function batchError(message: string): never {
  fail(400, "BadRequest", message);
}

function parseParts(input: Record<string, unknown>): Part[] {
  const requests = input.requests;
  if (!Array.isArray(requests)) batchError("Invalid batch payload format.");
  if (requests.length === 0) batchError("Invalid batch payload format: no requests.");
  if (requests.length > MAX_BATCH_REQUESTS) {
    batchError(
      `Number of batch requests must not exceed ${MAX_BATCH_REQUESTS}; this batch has ${requests.length}.`,
    );
  }
  const seen = new Set<string>();
  const parts = requests.map((r): Part => {
    if (!isRecord(r)) batchError("Invalid batch payload format.");
    const id = typeof r.id === "number" ? String(r.id) : str(r.id);
    const method = str(r.method)?.toUpperCase();
    const url = str(r.url);
    if (!id || !method || url === undefined) {
      batchError("Invalid batch payload format: every request needs id, method and url.");
    }
    if (seen.has(id.toLowerCase()))
      batchError(`Request id '${id}' is used more than once in the batch.`);
    seen.add(id.toLowerCase());
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) batchError("Invalid batch payload format.");
    const headers: Record<string, string> = {};
    if (isRecord(r.headers)) {
      for (const [k, v] of Object.entries(r.headers))
        if (typeof v === "string") headers[k.toLowerCase()] = v;
    }
    if (r.body !== undefined && !headers["content-type"]) {
      batchError(`Request '${id}': a body needs a Content-Type header.`);
    }
    if (
      r.dependsOn !== undefined &&
      !(Array.isArray(r.dependsOn) && r.dependsOn.every((d) => typeof d === "string"))
    ) {
      batchError(
        `Invalid batch payload format: dependsOn of request '${id}' must be an array of request ids.`,
      );
    }
    const dependsOn = r.dependsOn ?? [];
    return { id, method, url, headers, body: r.body, dependsOn };
  });
  for (const p of parts) {
    for (const d of p.dependsOn) {
      if (!seen.has(d.toLowerCase()))
        batchError(`Request '${p.id}' depends on '${d}', which is not in the batch.`);
    }
  }
  return parts;
}

function inner(res: HttpResponse, id: string): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) {
    // Per-part headers Graph returns; the transport-level ones stay on the outer response.
    if (/^(content-type|retry-after|location|etag|odata-version)$/i.test(k)) headers[k] = v;
  }
  const out: Record<string, unknown> = { id, status: res.status, headers };
  if (res.body !== undefined && res.body !== null) {
    if (Buffer.isBuffer(res.body)) out.body = res.body.toString("base64");
    else out.body = res.body;
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type"))
      headers["Content-Type"] = GRAPH_JSON;
  }
  return out;
}

export async function runBatch(
  req: GraphRequest,
  faults: Faults,
  handle: InnerHandler,
): Promise<HttpResponse> {
  const parts = parseParts(jsonBody(req));
  const results = new Map<string, HttpResponse>();
  const pending = [...parts];
  // Dependencies first; a dependency cycle leaves parts that can never run: they fail with 424.
  while (pending.length > 0) {
    const i = pending.findIndex((p) => p.dependsOn.every((d) => results.has(d.toLowerCase())));
    if (i === -1) {
      for (const p of pending.splice(0)) results.set(p.id.toLowerCase(), failedDependency());
      break;
    }
    const [p] = pending.splice(i, 1) as [Part];
    const failedDep = p.dependsOn.some((d) => {
      const r = results.get(d.toLowerCase());
      return !r || r.status < 200 || r.status > 299;
    });
    if (failedDep) {
      results.set(p.id.toLowerCase(), failedDependency());
      continue;
    }
    results.set(p.id.toLowerCase(), await runPart(req, p, faults, handle));
  }
  const responses = parts.map((p) => inner(results.get(p.id.toLowerCase())!, p.id)).reverse();
  return { status: 200, headers: { "Content-Type": GRAPH_JSON }, body: { responses } };
}

function failedDependency(): HttpResponse {
  return {
    status: 424,
    headers: { "Content-Type": GRAPH_JSON },
    body: {
      error: {
        code: "FailedDependency",
        message: "The request could not be run because a request it depends on failed.",
        innerError: { "request-id": crypto.randomUUID(), date: new Date().toISOString() },
      },
    },
  };
}

async function runPart(
  outer: GraphRequest,
  p: Part,
  faults: Faults,
  handle: InnerHandler,
): Promise<HttpResponse> {
  const relative = p.url.startsWith("/") ? p.url : `/${p.url}`;
  const version = /^\/(v1\.0|beta)(\/|$|\?)/i.exec(relative);
  if (version) {
    return {
      status: 400,
      headers: { "Content-Type": GRAPH_JSON },
      body: {
        error: {
          code: "BadRequest",
          message: `Resource not found for the segment '${version[1]}'.`,
          innerError: { "request-id": crypto.randomUUID(), date: new Date().toISOString() },
        },
      },
    };
  }
  const url = new URL(`/v1.0${relative}`, outer.origin);
  const fault = faults.pick(url.pathname, p.method, "graph");
  if (fault) return fault;
  let body = Buffer.alloc(0);
  if (p.body !== undefined) {
    body =
      typeof p.body === "string" && !/json/i.test(p.headers["content-type"] ?? "")
        ? Buffer.from(p.body, "base64")
        : Buffer.from(typeof p.body === "string" ? p.body : JSON.stringify(p.body), "utf8");
  }
  let segments: string[];
  try {
    segments = url.pathname
      .slice("/v1.0/".length)
      .split("/")
      .filter(Boolean)
      .map(decodeURIComponent);
  } catch {
    return graphError(400, "BadRequest", "Invalid request URL.");
  }
  if (segments[0]?.toLowerCase() === "$batch") {
    return {
      status: 400,
      headers: { "Content-Type": GRAPH_JSON },
      body: { error: { code: "BadRequest", message: "A batch can't contain another batch." } },
    };
  }
  return handle({
    method: p.method,
    segments,
    query: url.searchParams,
    url,
    body,
    user: outer.user,
    scopes: outer.scopes,
    origin: outer.origin,
    headers: { ...outer.headers, ...p.headers },
  });
}
