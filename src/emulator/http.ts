import type { IncomingHttpHeaders } from "node:http";

import type { DemoUser } from "./directory.js";
import type { FaultShape } from "./faults.js";

/** One request as the local Microsoft 365 sees it, after authentication. */
export interface RequestContext {
  /** Upper-case HTTP method, after `X-HTTP-Method` tunnelling has been applied. */
  method: string;
  /** The absolute request URL (origin of this server). */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The demo user the bearer token names. */
  user: DemoUser;
  /**
   * The delegated permissions the token carries (its `scp` claim), e.g. `AllSites.Write`,
   * `Calendars.ReadWrite`. `Bearer dev:<upn>` carries the server's default scopes
   * (`M365Options.defaultScopes`); `Bearer dev:<upn>;scp=A,B` carries exactly A and B.
   */
  scopes: ReadonlySet<string>;
  /** `http://127.0.0.1:<port>`: used to build absolute links such as `odata.nextLink`. */
  origin: string;
}

/** A response as a value, so `$batch` can run inner requests through the same handlers. */
export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
}

export type Handler = (ctx: RequestContext) => Promise<HttpResponse> | HttpResponse;

export const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Payload Too Large",
  421: "Misdirected Request",
  424: "Failed Dependency",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Serialises a response body and fills in Content-Type. */
export function encodeBody(res: HttpResponse): { bytes: Buffer; contentType?: string } {
  const b = res.body;
  if (b === undefined || b === null) return { bytes: Buffer.alloc(0) };
  if (Buffer.isBuffer(b)) return { bytes: b };
  if (typeof b === "string") return { bytes: Buffer.from(b, "utf8") };
  return {
    bytes: Buffer.from(JSON.stringify(b), "utf8"),
    contentType:
      "application/json;odata=minimalmetadata;streaming=true;IEEE754Compatible=false;charset=utf-8",
  };
}

/** Errors thrown inside handlers carry their own HTTP response. */
export class HttpError extends Error {
  constructor(
    readonly response: HttpResponse,
    message?: string,
  ) {
    super(message ?? `HTTP ${response.status}`);
  }
}

/** An error answer in the shape of the service the path belongs to. */
export function errorFor(
  shape: FaultShape,
  status: number,
  code: string,
  message: string,
): HttpResponse {
  if (shape === "graph") {
    return {
      status,
      body: {
        error: {
          code,
          message,
          innerError: { "request-id": crypto.randomUUID(), date: new Date().toISOString() },
        },
      },
    };
  }
  return { status, body: { "odata.error": { code, message: { lang: "en-US", value: message } } } };
}
