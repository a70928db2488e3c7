import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import type Database from "better-sqlite3";

import type { ApiDeps } from "./api.js";
import { DEMO_USERS, type DemoUser, findUserByUpn, SITE_PATH } from "./directory.js";
import {
  type FaultConfig,
  Faults,
  type FaultShape,
  NO_FAULTS,
  type QueuedFault,
  toFaultConfig,
  toQueuedFault,
} from "./faults.js";
import { createGraphApi } from "./graph/index.js";
import {
  encodeBody,
  errorFor,
  header,
  HttpError,
  type HttpResponse,
  type RequestContext,
  STATUS_TEXT,
} from "./http.js";
import { createSharePointApi } from "./sharepoint/index.js";
import { openStore } from "./store.js";

export interface M365Options {
  /** 0 picks a free port. */
  port?: number;
  /** Directory for the SQLite file; omitted = in memory. */
  dataDir?: string;
  faults?: Partial<FaultConfig>;
  now?: () => Date;
  /**
   * The delegated permissions a plain `Bearer dev:<upn>` token carries: the app's declared
   * permissions (the caller passes them; the emulator knows nothing of the app).
   * `Bearer dev:<upn>;scp=A,B` carries exactly A and B whatever this says.
   */
  defaultScopes?: readonly string[];
  /** The largest request body accepted; larger ones get 413. Default {@link MAX_BODY}. */
  maxBodyBytes?: number;
}

export interface M365 {
  /** Absolute URL of the one SharePoint site. */
  sharepoint: string;
  /** Absolute Graph base URL (`.../v1.0`). */
  graph: string;
  /** Demo users' UPNs; the first owns the site. */
  users: string[];
  origin: string;
  port: number;
  faults: Faults;
  db: Database.Database;
  close(): Promise<void>;
}

/** The largest request body accepted by default (50 MB); `M365Options.maxBodyBytes` changes it. */
export const MAX_BODY = 50 * 1024 * 1024;

const CORS_HEADERS = {
  "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, MERGE, DELETE, OPTIONS",
  "Access-Control-Expose-Headers":
    "ETag, Retry-After, Location, request-id, client-request-id, SPRequestGuid",
  "Access-Control-Max-Age": "600",
};

/**
 * Only pages served from this machine (the tab on localhost, the local Teams host page) may call
 * the local Microsoft 365 from a browser: a web page elsewhere must not use the demo identities
 * of a developer's running server. The origin is echoed, never `*`.
 */
export function allowedOrigin(origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  try {
    const u = new URL(origin);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
    return loopback && (u.protocol === "http:" || u.protocol === "https:") ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A loopback `Host` header: `localhost`, `127.0.0.1` or `[::1]`, with any port. The server
 * listens on 127.0.0.1 only, but a web page can still reach it through DNS rebinding: the page's
 * own host name is re-resolved to 127.0.0.1, so the browser treats the local server as the page's
 * origin and sends the attacker's host name in `Host` (CVE-2018-7160, the Node.js inspector,
 * https://nodejs.org/en/blog/vulnerability/march-2018-security-releases/; "Preventing DNS
 * Rebinding Attacks", https://github.com/nccgroup/singularity/wiki/Preventing-DNS-Rebinding-Attacks).
 * The demo identities need no secret, so such a page could act as any demo user; checking
 * `Host` refuses it.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    const u = new URL(`http://${host}`);
    if (u.username || u.password || u.pathname !== "/" || u.search || u.hash) return false;
    hostname = u.hostname;
  } catch {
    return false;
  }
  return ["localhost", "127.0.0.1", "[::1]"].includes(hostname.toLowerCase());
}

/**
 * The declared body size, or undefined when the request says nothing about a body; a
 * `Content-Length` that is not a number is refused by Node's parser before it gets here.
 */
function declaredLength(req: IncomingMessage): number | undefined {
  const raw = header(req.headers, "content-length");
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Whether the request carries a body at all (a length above 0, or chunked). */
function hasBody(req: IncomingMessage): boolean {
  return (declaredLength(req) ?? 0) > 0 || header(req.headers, "transfer-encoding") !== undefined;
}

function tooLarge(shape: FaultShape, limit: number): HttpResponse {
  return errorFor(
    shape,
    413,
    "RequestEntityTooLarge",
    `The request body is larger than ${limit} bytes.`,
  );
}

/**
 * Reads the body, counting as it streams: past `limit` bytes it stops reading and answers 413
 * (a chunked body declares no length up front). The connection is then closed after the answer,
 * so the rest is never read.
 */
function readBody(req: IncomingMessage, shape: FaultShape, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        chunks.length = 0;
        reject(new HttpError(tooLarge(shape, limit)));
        return;
      }
      chunks.push(c);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The authority of an absolute-form request target (`GET http://host/path`), if it is one. */
function authorityOf(url: string | undefined): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url ?? "");
  return m ? m[1] : undefined;
}

function pathOf(url: string | undefined): string {
  const target = url ?? "/";
  const raw = authorityOf(target) === undefined ? target : target.replace(/^[^:]+:\/\/[^/?#]*/, "");
  const path = raw.split("?")[0] ?? "/";
  return path.startsWith("/") ? path : `/${path}`;
}

function shapeOf(path: string): FaultShape {
  return path.startsWith("/v1.0") || path.startsWith("/beta") ? "graph" : "sharepoint";
}

function unauthorized(shape: FaultShape, origin: string): HttpResponse {
  // SharePoint Online answers 401 with a WWW-Authenticate challenge; Graph with
  // InvalidAuthenticationToken (https://learn.microsoft.com/graph/errors).
  if (shape === "graph") {
    return errorFor(
      "graph",
      401,
      "InvalidAuthenticationToken",
      "Access token is empty or invalid.",
    );
  }
  return {
    status: 401,
    headers: {
      "WWW-Authenticate": `Bearer realm="local", client_id="00000003-0000-0ff1-ce00-000000000000", trusted_issuers="${origin}"`,
    },
    body: {
      error_description: "Invalid or missing bearer token. Local mode expects 'Bearer dev:<upn>'.",
    },
  };
}

/**
 * The user and scopes of a local token: `dev:<upn>` (the default scopes) or
 * `dev:<upn>;scp=A,B` (exactly A and B, as an access token's space-separated `scp` claim).
 */
function identityFromAuth(
  req: IncomingMessage,
  defaultScopes: ReadonlySet<string>,
): { user: DemoUser; scopes: ReadonlySet<string> } | undefined {
  const auth = header(req.headers, "authorization");
  const m = auth?.match(/^Bearer\s+dev:([^;\s]+)\s*(?:;\s*scp=(.*))?$/i);
  const user = m?.[1] ? findUserByUpn(m[1].trim()) : undefined;
  if (!user) return undefined;
  if (m?.[2] === undefined) return { user, scopes: defaultScopes };
  const scopes = new Set(
    m[2]
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
  return { user, scopes };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError({ status: 400, body: { error: "Body is not valid JSON" } });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the local Microsoft 365 on loopback: SharePoint REST under `/sites/digistyr/_api`,
 * Microsoft Graph under `/v1.0`, and unauthenticated admin routes under `/_admin` (health,
 * fault injection, the mail outbox).
 */
export async function startM365(options: M365Options = {}): Promise<M365> {
  const db = openStore(options.dataDir);
  const faults = new Faults({ ...NO_FAULTS, ...options.faults });
  const now = options.now ?? (() => new Date());
  const defaultScopes: ReadonlySet<string> = new Set(options.defaultScopes ?? []);
  const maxBody = options.maxBodyBytes ?? MAX_BODY;
  const deps: ApiDeps = { db, faults, sitePath: SITE_PATH, now };
  const sharepoint = createSharePointApi(deps);
  const graph = createGraphApi(deps);
  let origin = "";

  function admin(method: string, path: string, body: unknown, url: URL): HttpResponse {
    if (path === "/health") return { status: 200, body: { ok: true } };
    if (path === "/faults" && method === "GET") {
      return { status: 200, body: { config: faults.config, injected: faults.injected } };
    }
    if (path === "/faults" && (method === "POST" || method === "PUT")) {
      const config = toFaultConfig(body);
      if (typeof config === "string") return { status: 400, body: { error: config } };
      faults.config = config;
      return { status: 200, body: { config: faults.config } };
    }
    if (path === "/faults" && method === "DELETE") {
      faults.clear();
      return { status: 204 };
    }
    if (path === "/faults/queue" && method === "POST") {
      const list = (Array.isArray(body) ? body : [body]) as unknown[];
      const checked = list.map(toQueuedFault);
      const problem = checked.find((f): f is string => typeof f === "string");
      if (problem !== undefined) return { status: 400, body: { error: problem } };
      for (const f of checked as QueuedFault[]) faults.enqueue(f);
      return { status: 204 };
    }
    for (const api of [sharepoint, graph]) {
      const r = api.admin?.(method, path, body, url);
      if (r) return r;
    }
    return { status: 404, body: { error: `No admin route ${method} ${path}` } };
  }

  /**
   * One request, in this order: the `Host` header (loopback only, before anything else), CORS
   * preflight, the admin routes (no token), then the token of a SharePoint or Graph request is
   * checked BEFORE the body is read: a request without a valid token is answered 401 without
   * reading or buffering a byte of its body. Only then the declared size (413 when over
   * the limit), the body (counted while it streams), faults and the handler.
   */
  async function route(
    req: IncomingMessage,
    state: { bodyRead: boolean; writeContinue: () => void },
  ): Promise<HttpResponse> {
    const path = pathOf(req.url);
    // An absolute-form target names the server itself, and then Host is ignored (RFC 9112 §3.2.2).
    const host = authorityOf(req.url) ?? header(req.headers, "host");
    if (!isLoopbackHost(host)) {
      // A request without Host, or with an invalid one, is 400 (RFC 9112 §3.2); a well-formed
      // Host that names another server is 421 Misdirected Request (RFC 9110 §15.5.20): this
      // server answers only for loopback names.
      const status = host && /^[^\s/?#@]+$/.test(host) ? 421 : 400;
      return errorFor(
        shapeOf(path),
        status,
        status === 421 ? "MisdirectedRequest" : "BadRequest",
        "The local Microsoft 365 answers only requests addressed to localhost, 127.0.0.1 or [::1].",
      );
    }
    const url = new URL(req.url ?? "/", origin);
    let method = (req.method ?? "GET").toUpperCase();
    if (method === "OPTIONS") {
      return {
        status: 204,
        headers: {
          "Access-Control-Allow-Headers":
            header(req.headers, "access-control-request-headers") ?? "*",
        },
      };
    }
    const body = async (shape: FaultShape): Promise<Buffer> => {
      if ((declaredLength(req) ?? 0) > maxBody) throw new HttpError(tooLarge(shape, maxBody));
      // A client that sent `Expect: 100-continue` sends the body only when invited, i.e. here.
      if (/^100-continue$/i.test(header(req.headers, "expect") ?? "")) state.writeContinue();
      const bytes = await readBody(req, shape, maxBody);
      state.bodyRead = true;
      return bytes;
    };
    if (path.startsWith("/_admin/") || path === "/_admin") {
      // The admin routes take no token; they are for tests and scripts, never for a web page.
      // A browser always sends Origin on a cross-origin fetch and on every POST, so refusing it
      // stops any site the developer visits from switching on faults or reading the outbox.
      if (header(req.headers, "origin") !== undefined) {
        return { status: 403, body: { error: "The admin routes do not answer web pages." } };
      }
      return admin(method, path.slice("/_admin".length), parseJson(await body("sharepoint")), url);
    }
    const isSp = path.toLowerCase().startsWith(`${SITE_PATH}/_api`);
    const isGraph = path.startsWith("/v1.0/") || path === "/v1.0";
    if (!isSp && !isGraph) {
      return { status: 404, body: { error: `Nothing here: ${path}` } };
    }
    const shape: FaultShape = isGraph ? "graph" : "sharepoint";
    const identity = identityFromAuth(req, defaultScopes);
    if (!identity) return unauthorized(shape, origin);
    const { user, scopes } = identity;
    const bytes = await body(shape);
    if (faults.config.latency > 0) await sleep(faults.config.latency);
    const fault = faults.pick(path, method, shapeOf(path));
    if (fault) return fault;
    if (isSp && method === "POST") {
      // SharePoint REST tunnels MERGE/PUT/DELETE through POST + X-HTTP-Method.
      const tunnelled = header(req.headers, "x-http-method");
      if (tunnelled) method = tunnelled.toUpperCase();
    }
    const ctx: RequestContext = {
      method,
      url,
      headers: req.headers,
      body: bytes,
      user,
      scopes,
      origin,
    };
    return (isSp ? sharepoint : graph).handle(ctx);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: HttpResponse;
    const state = { bodyRead: false, writeContinue: () => res.writeContinue() };
    try {
      answer = await route(req, state);
    } catch (e) {
      if (e instanceof HttpError) answer = e.response;
      else {
        process.stderr.write(`m365: ${(e as Error).stack ?? String(e)}\n`);
        answer = errorFor(
          shapeOf(req.url ?? "/"),
          500,
          "InternalServerError",
          "The local Microsoft 365 failed on this request.",
        );
      }
    }
    const { bytes, contentType } = encodeBody(answer);
    const headers: Record<string, string> = { ...CORS_HEADERS, ...answer.headers };
    const origin = allowedOrigin(header(req.headers, "origin"));
    if (origin) {
      headers["Access-Control-Allow-Origin"] = origin;
      headers.Vary = "Origin";
    }
    if (contentType && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) {
      headers["Content-Type"] = contentType;
    }
    headers["Content-Length"] = String(bytes.length);
    // Answered without reading the body it was sent (401, 413, a refused Host, ...): close the
    // connection after the answer instead of reading the rest to keep it alive.
    const unread = !state.bodyRead && hasBody(req) && !req.complete;
    if (unread) headers.Connection = "close";
    res.writeHead(answer.status, STATUS_TEXT[answer.status] ?? "", headers);
    res.end(bytes, () => {
      if (unread) req.socket.destroy();
    });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    // Whatever goes wrong while answering one request must not stop the server: a rejection
    // here would be unhandled and end the process.
    onRequest(req, res).catch((e: unknown) => {
      process.stderr.write(`m365: ${(e as Error).stack ?? String(e)}\n`);
      res.destroy();
    });
  };
  const server: Server = createServer(handler);
  // `Expect: 100-continue` goes through the same checks: the 100 is sent only once the token
  // and the declared size are accepted (Node would otherwise send it before any check).
  server.on("checkContinue", handler);
  server.on("clientError", (_err, socket) => {
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    sharepoint: `${origin}${SITE_PATH}`,
    graph: `${origin}/v1.0`,
    users: DEMO_USERS.map((u) => u.upn),
    origin,
    port,
    faults,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
