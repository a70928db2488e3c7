/**
 * `npm run m365 -- --port <n> --data <dir> [--faults "throttle=0.2,latency=30"] [--scopes A,B]`
 * Starts the local Microsoft 365 on loopback and prints one JSON line when ready:
 * {"sharepoint":"http://127.0.0.1:<p>/sites/digistyr","graph":"http://127.0.0.1:<p>/v1.0","users":[...]}
 * Stops cleanly on SIGTERM and SIGINT.
 *
 * `--scopes` are the delegated permissions a plain `Bearer dev:<upn>` token carries (comma
 * separated; `--scopes ""` for none). Without it a plain token carries the caller's default, and
 * run directly (`node --import tsx src/emulator/cli.ts`) none at all: the emulator knows nothing
 * of the app, so `npm run m365` (scripts/m365.ts) and the tests pass the tab's declared scopes.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { parseFaults } from "./faults.js";
import { startM365 } from "./server.js";

/** `A,B , C` → ["A", "B", "C"]; blanks dropped. */
export function parseScopes(spec: string): string[] {
  return spec
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export interface CliDefaults {
  /** What a plain `dev:<upn>` carries when `--scopes` is not given. */
  defaultScopes?: readonly string[];
}

/** Parses the command line, starts the server, announces it and stops on SIGTERM/SIGINT. */
export async function runM365Cli(argv: string[], defaults: CliDefaults = {}): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "0" },
      data: { type: "string" },
      faults: { type: "string" },
      scopes: { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  }
  const defaultScopes =
    values.scopes !== undefined ? parseScopes(values.scopes) : (defaults.defaultScopes ?? []);
  const m365 = await startM365({
    port,
    dataDir: values.data,
    faults: parseFaults(values.faults),
    defaultScopes,
  });
  process.stdout.write(
    `${JSON.stringify({ sharepoint: m365.sharepoint, graph: m365.graph, users: m365.users })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void m365.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Runs the CLI and exits 1 with the message when it cannot start. */
export function mainM365(argv: string[], defaults: CliDefaults = {}): void {
  runM365Cli(argv, defaults).catch((e: unknown) => {
    process.stderr.write(`m365: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  mainM365(process.argv.slice(2));
}
