/**
 * The servers the bench talks to, each in its own process (as `npm start` runs the local
 * Microsoft 365), so the client's work and the server's work do not share one event loop:
 * - the local Microsoft 365 (`src/emulator/cli.ts`, i.e. `startM365`) with its SQLite store
 *   on disk in a temp directory;
 * - a bare `node:http` server answering a fixed body: the loopback HTTP floor of this machine.
 * Every process started here is killed by `stopAll()` (also on exit).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

import { TAB_SCOPES } from "../../src/host/permissions.js";

const root = join(import.meta.dirname, "..", "..");
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export interface LocalM365 {
  sharepoint: string;
  origin: string;
  users: string[];
  dataDir: string;
  stop(): Promise<void>;
}

async function firstLine(child: ChildProcess, what: string): Promise<string> {
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  return Promise.race([
    once(lines, "line").then(([l]) => l as string),
    exited.then(([code]) => {
      throw new Error(`${what} stopped (${String(code)}) before it was ready: ${stderr}`);
    }),
  ]);
}

function track(child: ChildProcess): () => Promise<void> {
  children.add(child);
  child.on("exit", () => children.delete(child));
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  };
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `digistyr-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** A fresh local Microsoft 365 on a free loopback port with its store in a new temp dir. */
export async function startLocalM365(): Promise<LocalM365> {
  const dataDir = tempDir("m365");
  // One process (not the tsx CLI, which would run the server as a grandchild); a plain
  // `dev:<upn>` carries the tab's declared scopes, as with `npm run m365`.
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/emulator/cli.ts",
      "--port",
      "0",
      "--data",
      dataDir,
      "--scopes",
      TAB_SCOPES.join(","),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  const stop = track(child);
  const info = JSON.parse(await firstLine(child, "the local Microsoft 365")) as {
    sharepoint: string;
    users: string[];
  };
  return {
    sharepoint: info.sharepoint,
    origin: new URL(info.sharepoint).origin,
    users: info.users,
    dataDir,
    stop,
  };
}

const BARE_SERVER = `
const http = require("node:http");
const body = require("node:fs").readFileSync(process.argv[1]);
const type = process.argv[2];
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": type, "Content-Length": String(body.length) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log(String(server.address().port)));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

/** A bare node:http server that answers every request with `body`: the loopback floor. */
export async function startBareServer(
  body: Buffer,
  contentType: string,
): Promise<{ origin: string; stop(): Promise<void> }> {
  const file = join(tempDir("bare"), "body");
  writeFileSync(file, body);
  const child = spawn(process.execPath, ["-e", BARE_SERVER, file, contentType], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = track(child);
  const port = Number(await firstLine(child, "the bare HTTP server"));
  return { origin: `http://127.0.0.1:${port}`, stop };
}

/** Stops every process started here and removes the temp directories. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(async (c) => {
      const exited = once(c, "exit");
      c.kill("SIGTERM");
      await exited;
    }),
  );
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});
