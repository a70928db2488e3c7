/**
 * `npm run m365 -- --port <n> --data <dir> [--faults "throttle=0.2,latency=30"]`
 * Starts the local Microsoft 365 on loopback and prints one JSON line when ready:
 * {"sharepoint":"http://127.0.0.1:<p>/sites/digistyr","graph":"http://127.0.0.1:<p>/v1.0","users":[...]}
 * Stops cleanly on SIGTERM and SIGINT.
 */
import { parseArgs } from "node:util";

import { parseFaults } from "./faults.js";
import { startM365 } from "./server.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      data: { type: "string" },
      faults: { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  }
  const m365 = await startM365({ port, dataDir: values.data, faults: parseFaults(values.faults) });
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

main().catch((e: unknown) => {
  process.stderr.write(`m365: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
