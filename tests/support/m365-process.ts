import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

import { TAB_SCOPES } from "../../src/host/permissions.js";

export interface M365Announcement {
  sharepoint: string;
  graph: string;
  users: string[];
}

export interface M365Process {
  info: M365Announcement;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

const root = join(import.meta.dirname, "..", "..");
const running = new Set<ChildProcess>();

/** Kills every process spawnM365 started that is still running (call in afterAll). */
export function killAllM365(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/**
 * Runs the local Microsoft 365 as its own process, as `npm run m365` does (a plain
 * `Bearer dev:<upn>` carries the tab's declared scopes; `--scopes` in `args` overrides them, and
 * `tabScopes: false` starts it as configured by `args` alone), and waits for the one JSON line it
 * prints when ready.
 */
export async function spawnM365(
  args: string[],
  options: {
    tabScopes?: boolean;
    /** `scripts/m365.ts` runs what `npm run m365` runs (it adds the tab's scopes itself). */
    entry?: "src/emulator/cli.ts" | "scripts/m365.ts";
  } = {},
): Promise<M365Process> {
  // One process, not the tsx CLI: that runs the script in a child of its own, so a kill -9 of
  // it would leave the server (the grandchild) running and a durability test would prove nothing.
  // The emulator's own CLI, not scripts/m365.ts, so the scopes are passed on the command line.
  const entry = options.entry ?? "src/emulator/cli.ts";
  const scopes =
    options.tabScopes === false || entry !== "src/emulator/cli.ts" || args.includes("--scopes")
      ? []
      : ["--scopes", TAB_SCOPES.join(",")];
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...scopes, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.on("exit", () => running.delete(child));
  const exited = once(child, "exit").then(([code, signal]) =>
    code === null ? String(signal) : (code as number),
  );
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, "line").then(([l]) => l as string),
    exited.then((code) => {
      throw new Error(`m365 exited (${code}) before announcing itself: ${stderr}`);
    }),
  ]);
  return { info: JSON.parse(first) as M365Announcement, child, exited };
}
