/**
 * The local Microsoft 365 as a child process for `npm run chaos`: started on a fixed port and
 * data folder, killed with SIGKILL (no clean shutdown: what SQLite had committed is all that
 * survives, as after a crash of a real host), and started again on the same port and data.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

/** A free loopback port, so a restarted server answers at the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerUrls {
  sharepoint: string;
  graph: string;
  origin: string;
  users: string[];
}

export class ChildM365 {
  private child: ChildProcess | null = null;
  /** How often it was killed. */
  kills = 0;

  constructor(
    private readonly port: number,
    private readonly dataDir: string,
    private readonly faults: string,
  ) {}

  /** Starts the server (`npm run m365`) and resolves with its addresses once it answers. */
  start(): Promise<ServerUrls> {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(ROOT, "scripts", "m365.ts"),
        "--port",
        String(this.port),
        "--data",
        this.dataDir,
        ...(this.faults ? ["--faults", this.faults] : []),
      ],
      { stdio: ["ignore", "pipe", "pipe"], cwd: ROOT },
    );
    this.child = child;
    return new Promise((resolve, reject) => {
      let out = "";
      let err = "";
      child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
      const onData = (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (!line) return;
        child.stdout?.off("data", onData);
        const urls = JSON.parse(line) as Omit<ServerUrls, "origin">;
        resolve({ ...urls, origin: new URL(urls.sharepoint).origin });
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code, signal) => {
        if (this.child === child) this.child = null;
        reject(new Error(`m365 ended (${signal ?? code}) before it answered: ${err.trim()}`));
      });
    });
  }

  /** SIGKILL: the process ends at once, mid-request if a request is in flight. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    this.kills++;
    const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await ended;
  }

  /** SIGTERM: a clean stop. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await ended;
  }
}
