/**
 * SharePoint REST `$batch`: an OData v3 multipart/mixed request whose parts are single HTTP
 * requests, writes grouped in changesets
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis).
 *
 * Facts mirrored from SharePoint Online and PnPjs v4 (../shared/reference/wire/pnp-capture.txt,
 * node_modules/@pnp/sp/batching.js):
 * - PnPjs writes LF line endings, absolute inner URLs, the tunnelled verb (MERGE, DELETE) in the
 *   request line, and copies only Accept, Content-Type and IF-Match into each part;
 * - the answer is flat: one `--batchresponse_<guid>` part per inner request, in request order,
 *   changesets included, ending `--batchresponse_<guid>--` and CRLF; PnPjs' parser splits on LF,
 *   reads the status line and `Name: value` headers, and joins the body lines;
 * - SharePoint runs each part on its own: one failing part (e.g. a stale ETag, 412) fails only
 *   itself, the others are still applied;
 * - batches do not nest: a part that is itself a `$batch` answers 400.
 */
import type { ApiDeps } from "../api.js";
import {
  encodeBody,
  header,
  HttpError,
  type HttpResponse,
  type RequestContext,
  STATUS_TEXT,
} from "../http.js";
import { transaction } from "../store.js";
import { CODES, formatOf, spErrorResponse } from "./item-errors.js";

interface InnerRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

class MalformedBatch extends Error {}

function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Splits a multipart body into its parts (without the delimiter lines). */
function splitParts(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | undefined;
  let closed = false;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join("\n"));
      current = undefined;
      closed = true;
      break;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join("\n"));
      current = [];
      continue;
    }
    if (current) current.push(line);
    else if (trimmed !== "") throw new MalformedBatch("Text before the first boundary");
  }
  if (!closed) throw new MalformedBatch(`The closing boundary '--${boundary}--' is missing`);
  return parts;
}

/** Reads `Name: value` lines up to the first blank line. */
function readHeaders(lines: string[], from: number): [Record<string, string>, number] {
  const headers: Record<string, string> = {};
  let i = from;
  for (; i < lines.length; i += 1) {
    const line = (lines[i] as string).trimEnd();
    if (line === "") return [headers, i + 1];
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MalformedBatch(`Malformed header line '${line}'`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, i];
}

/** One `application/http` part: its MIME headers, then the request line, headers and body. */
function parseHttpPart(part: string): InnerRequest {
  const lines = part.split("\n");
  const [mime, start] = readHeaders(lines, 0);
  if (!(mime["content-type"] ?? "").toLowerCase().startsWith("application/http"))
    throw new MalformedBatch("A batch part must be application/http");
  const requestLine = (lines[start] ?? "").trim();
  const m = /^([A-Za-z]+)\s+(\S+)(?:\s+HTTP\/\d\.\d)?$/.exec(requestLine);
  if (!m) throw new MalformedBatch(`Malformed request line '${requestLine}'`);
  const [headers, bodyStart] = readHeaders(lines, start + 1);
  const body = lines.slice(bodyStart).join("\n").trim();
  return { method: (m[1] as string).toUpperCase(), url: m[2] as string, headers, body };
}

function parseBatch(body: string, boundary: string): InnerRequest[] {
  const out: InnerRequest[] = [];
  for (const part of splitParts(body, boundary)) {
    const lines = part.split("\n");
    const [mime] = readHeaders(lines, 0);
    const type = mime["content-type"] ?? "";
    if (type.toLowerCase().startsWith("multipart/mixed")) {
      const inner = boundaryOf(type);
      if (!inner) throw new MalformedBatch("A changeset has no boundary");
      const [, start] = readHeaders(lines, 0);
      for (const p of splitParts(lines.slice(start).join("\n"), inner)) out.push(parseHttpPart(p));
    } else {
      out.push(parseHttpPart(part));
    }
  }
  return out;
}

/** True for a `…/_api/$batch` path, however its `$` and letters are written. */
function isBatchPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return /\/_api\/\$batch\/?$/i.test(decoded);
}

/** Answers one request of a batch at once (the site's own routes, without `$batch`). */
export type PartHandler = (ctx: RequestContext) => HttpResponse;

/** Runs one inner request as the batch's caller, through the site's own handler. */
function runInner(ctx: RequestContext, dispatch: PartHandler, inner: InnerRequest): HttpResponse {
  let url: URL;
  try {
    const parsed = new URL(inner.url, ctx.url);
    // Inner URLs name the site's public host; answer from this server's origin so links
    // (odata.nextLink) point back here.
    url = new URL(`${parsed.pathname}${parsed.search}`, ctx.origin);
  } catch {
    return spErrorResponse("minimal", 400, CODES.invalidQuery, `Invalid URL '${inner.url}'.`);
  }
  if (isBatchPath(url.pathname)) {
    // SharePoint does not nest batches: this part fails, the batch's other parts still run.
    return spErrorResponse(
      formatOf(inner.headers.accept),
      400,
      CODES.invalidQuery,
      "A $batch request cannot contain another $batch request.",
    );
  }
  let method = inner.method;
  const tunnelled = inner.headers["x-http-method"];
  if (method === "POST" && tunnelled) method = tunnelled.toUpperCase();
  const authorization = header(ctx.headers, "authorization");
  const innerCtx: RequestContext = {
    method,
    url,
    headers: { ...inner.headers, ...(authorization ? { authorization } : {}) },
    body: Buffer.from(inner.body, "utf8"),
    user: ctx.user,
    scopes: ctx.scopes,
    origin: ctx.origin,
  };
  try {
    return dispatch(innerCtx);
  } catch (e) {
    if (e instanceof HttpError) return e.response;
    process.stderr.write(`m365 $batch: ${(e as Error).stack ?? String(e)}\n`);
    return spErrorResponse(
      formatOf(inner.headers.accept),
      500,
      "-2146233088, System.InvalidOperationException",
      "The local Microsoft 365 failed on this request.",
    );
  }
}

function responsePart(res: HttpResponse): string {
  const { bytes, contentType } = encodeBody(res);
  const lines = [
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    // PnPjs' parser needs a reason phrase after the code.
    `HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? "Unknown"}`,
  ];
  const headers: Record<string, string> = {};
  if (contentType) headers["CONTENT-TYPE"] = contentType;
  for (const [name, value] of Object.entries(res.headers ?? {})) {
    headers[name.toLowerCase() === "content-type" ? "CONTENT-TYPE" : name] = value;
  }
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push("", bytes.toString("utf8"));
  return lines.join("\r\n");
}

/**
 * `POST /_api/$batch`: runs each inner request through `dispatch` (the site's own handler) as
 * the same user, in order, and answers one flat multipart reply. Called by the router in
 * index.ts. Mimics SharePoint REST batching
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis).
 *
 * Group commit: the parts run in one SQLite transaction, without giving way to other requests
 * in between, and the answer is sent after its one commit (WAL, synchronous FULL: one fsync for
 * the whole batch instead of one per write). Each part still succeeds or fails on its own: a
 * failing write is rolled back to its own savepoint and the others are committed. An answered
 * batch is durable as a whole; a batch cut off by a crash before its answer leaves none of its
 * writes (answered one by one, its first parts would have stayed).
 */
export function batchRoute(
  deps: ApiDeps,
  ctx: RequestContext,
  dispatch: PartHandler,
): HttpResponse {
  const fmt = formatOf(header(ctx.headers, "accept"));
  const contentType = header(ctx.headers, "content-type");
  const boundary = boundaryOf(contentType);
  if (!boundary || !(contentType ?? "").toLowerCase().startsWith("multipart/mixed")) {
    return spErrorResponse(
      fmt,
      400,
      CODES.invalidQuery,
      "The batch request must have a multipart/mixed Content-Type with a boundary.",
    );
  }
  let requests: InnerRequest[];
  try {
    requests = parseBatch(ctx.body.toString("utf8"), boundary);
  } catch (e) {
    if (!(e instanceof MalformedBatch)) throw e;
    return spErrorResponse(
      fmt,
      400,
      CODES.invalidQuery,
      `The batch request is malformed: ${e.message}.`,
    );
  }
  const id = crypto.randomUUID();
  // In order, one at a time: later parts see earlier writes, as in SharePoint.
  const answers = transaction(deps.db, () =>
    requests.map((inner) => runInner(ctx, dispatch, inner)),
  );
  const parts = answers.map(responsePart);
  const body =
    parts.map((p) => `--batchresponse_${id}\r\n${p}\r\n`).join("") + `--batchresponse_${id}--\r\n`;
  return {
    status: 200,
    headers: { "Content-Type": `multipart/mixed; boundary=batchresponse_${id}` },
    body,
  };
}
