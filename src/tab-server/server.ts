/**
 * The small web server of the tab: serves the webpack bundle (`build/tab/`) and
 * `/runtime-config.json`, with the Content-Security-Policy of `csp.ts` on every page. In local
 * mode it also serves the local Teams host page (`/teams-host.html`), which frames the tab and
 * answers teams-js like Teams does. Listens on loopback only.
 */
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

import type { RuntimeConfig } from "../host/runtime-config.js";
import { contentSecurityPolicy } from "./csp.js";
import { teamsHostConfig } from "./local-config.js";

export interface TabServerOptions {
  /** The built tab (`build/tab`). */
  root: string;
  /** 0 picks a free port. */
  port?: number;
  /** Read for every `/runtime-config.json` request (local mode re-reads group membership). */
  config: () => Promise<RuntimeConfig>;
  /** Whether the config is local mode; decides the CSP and the Teams host page. */
  mode: RuntimeConfig["mode"];
  /** SharePoint and Graph origins for connect-src. */
  sharePointOrigin: string;
  graphOrigin: string;
}

export interface TabServer {
  url: string;
  port: number;
  /** `/teams-host.html` in local mode. */
  teamsHostUrl?: string;
  close(): Promise<void>;
}

const PUBLIC_DIR = join(import.meta.dirname, "public");

/** The local Teams host page and its own script and styles (separate files: CSP). */
const TEAMS_HOST_FILES: Readonly<Record<string, string>> = {
  "/teams-host.html": "teams-host.html",
  "/teams-host.js": "teams-host.js",
  "/teams-host.css": "teams-host.css",
};

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  // The optimizer's HiGHS WebAssembly: streaming compilation needs this type.
  ".wasm": "application/wasm",
};

/** File names webpack content-hashes can be cached for a year. */
const HASHED = /\.[0-9a-f]{12}\.js(\.map)?$/;

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
  head = false,
) {
  res.writeHead(status, {
    "Content-Length": String(Buffer.byteLength(body)),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...headers,
  });
  res.end(head ? undefined : body);
}

async function readIfFile(path: string): Promise<Buffer | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? await readFile(path) : undefined;
  } catch {
    return undefined;
  }
}

export async function startTabServer(options: TabServerOptions): Promise<TabServer> {
  const local = options.mode === "local";
  const csp = contentSecurityPolicy({
    sharePointOrigin: options.sharePointOrigin,
    graphOrigin: options.graphOrigin,
    local,
  });
  const root = resolve(options.root);

  const page = (res: ServerResponse, body: Buffer, head: boolean) =>
    send(
      res,
      200,
      body,
      {
        "Content-Type": TYPES[".html"]!,
        "Content-Security-Policy": csp,
        "Cache-Control": "no-cache",
      },
      head,
    );

  const notFound = (res: ServerResponse, head: boolean) =>
    send(res, 404, "Not found", { "Content-Type": TYPES[".txt"]! }, head);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      send(res, 405, "Method not allowed", { "Content-Type": TYPES[".txt"]!, Allow: "GET, HEAD" });
      return;
    }
    const head = method === "HEAD";
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      send(res, 400, "Bad request", { "Content-Type": TYPES[".txt"]! }, head);
      return;
    }

    if (path === "/runtime-config.json" || (local && path === "/teams-host-config.json")) {
      let config: RuntimeConfig;
      try {
        config = await options.config();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        send(res, 502, JSON.stringify({ error: message }), { "Content-Type": TYPES[".json"]! });
        return;
      }
      const body =
        path === "/runtime-config.json" || config.mode !== "local"
          ? config
          : teamsHostConfig(config);
      send(
        res,
        200,
        JSON.stringify(body),
        { "Content-Type": TYPES[".json"]!, "Cache-Control": "no-store" },
        head,
      );
      return;
    }

    const hostFile = TEAMS_HOST_FILES[path];
    if (hostFile) {
      if (!local) return notFound(res, head);
      const body = await readFile(join(PUBLIC_DIR, hostFile));
      if (hostFile.endsWith(".html")) return page(res, body, head);
      send(
        res,
        200,
        body,
        { "Content-Type": TYPES[extname(hostFile)]!, "Cache-Control": "no-cache" },
        head,
      );
      return;
    }

    if (path === "/" || path === "/index.html") {
      const body = await readIfFile(join(root, "index.html"));
      if (!body) {
        send(
          res,
          503,
          "The tab is not built yet: run `npm run build`.",
          { "Content-Type": TYPES[".txt"]! },
          head,
        );
        return;
      }
      return page(res, body, head);
    }

    // Static files of the bundle, never outside it.
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return notFound(res, head);
    const body = await readIfFile(file);
    if (!body) return notFound(res, head);
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const headers: Record<string, string> = {
      "Content-Type": type,
      "Cache-Control": HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
    };
    if (type.startsWith("text/html")) headers["Content-Security-Policy"] = csp;
    send(res, 200, body, headers, head);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        send(res, 500, `Internal error: ${String(e)}`, { "Content-Type": TYPES[".txt"]! });
      } else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  // "localhost" (not 127.0.0.1) in printed URLs: a browser treats it as a secure context.
  const url = `http://localhost:${port}`;
  return {
    url,
    port,
    ...(local ? { teamsHostUrl: `${url}/teams-host.html` } : {}),
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
