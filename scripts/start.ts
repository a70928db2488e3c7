/**
 * `npm start [-- --reset] [-- --build] [-- --port <tab port>] [-- --m365-port <n>]
 *  [-- --data <dir>] [-- --faults <spec>] [-- --prepare-only]`:
 * 1. starts the local Microsoft 365 with its data kept under `.local/m365` (or `--data`)
 *    between runs (`--reset` starts from empty); `--faults "throttle=0.3,latency=30"` makes it
 *    throttle like a busy tenant (docs/local-m365.md),
 * 2. provisions the committee's lists through the real provisioning code,
 * 3. writes the demo data (src/seed) through the app's own adapters as the demo users, printing
 *    its progress; a seed that was interrupted (Ctrl-C, kill -9, a crash) is completed, with
 *    nothing written twice, and the output says so,
 * 4. builds the tab when `build/tab` is missing or older than its sources (always with
 *    `--build`),
 * 5. serves the tab (and the local Teams host page) on http://localhost:<port>,
 * 6. prints the URLs and the demo identities. Ctrl-C stops everything.
 * With `--prepare-only` it stops after step 3 (the data is ready), exiting 0.
 *
 * Throttled requests (429/503 with Retry-After) are waited for and sent again, up to 15
 * minutes of waiting per request, in provisioning and in the seed alike; each progress line
 * says how often and how long it waited.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { SCRIPT_BUDGET_MS } from "../src/adapters/retry-policy.js";
import { systemClock } from "../src/domain/clock.js";
import { DEMO_USERS } from "../src/emulator/directory.js";
import { parseFaults } from "../src/emulator/faults.js";
import { type M365, startM365 } from "../src/emulator/server.js";
import { devAdminTokenProvider } from "../src/host/dev-token.js";
import { TAB_SCOPES } from "../src/host/permissions.js";
import { provisionSite } from "../src/provisioning/index.js";
import { buildTab, startLocalTabServer, tabNeedsBuild } from "../src/tab-server/index.js";
import { runDemoSeed, Waits } from "./seed-run.js";

const ROLE_NAMES: Record<string, string> = {
  Ejere: "ejer af sitet",
  Formand: "formand",
  Sekretariat: "sekretær",
  Medlemmer: "medlem",
  Bidragydere: "forslagsstiller / projektejer",
};

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${flag} skal være et portnummer (0-65535), ikke "${value}"`);
  }
  return n;
}

/** Provisioning as the site owner (the provisioning identity), with its waits printed. */
async function provision(m365: M365): Promise<void> {
  const owner = m365.users[0];
  if (!owner) throw new Error("The local Microsoft 365 has no users");
  const waits = new Waits();
  const summary = await provisionSite({
    siteUrl: m365.sharepoint,
    tokenProvider: devAdminTokenProvider(owner),
    retry: { budgetMs: SCRIPT_BUDGET_MS, onRetry: waits.onRetry },
    log: (line) => console.log(`  ${waits.line(line)}`),
  });
  console.log(summary.changed ? "Listerne er oprettet." : "Listerne var allerede på plads.");
  const total = waits.summary();
  if (total) console.log(`  ${total}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reset: { type: "boolean", default: false },
      build: { type: "boolean", default: false },
      port: { type: "string", default: "4300" },
      "m365-port": { type: "string", default: "4365" },
      data: { type: "string" },
      faults: { type: "string" },
      "prepare-only": { type: "boolean", default: false },
    },
  });
  const tabPort = port(values.port, "--port");
  const m365Port = port(values["m365-port"], "--m365-port");
  const root = join(import.meta.dirname, "..");
  const dataDir = values.data ?? join(root, ".local", "m365");
  const faults = parseFaults(values.faults);
  if (values.reset) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log("Startede forfra: de lokale data er slettet.");
  }

  const stoppers: (() => Promise<void>)[] = [];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled(stoppers.reverse().map((s) => s())).then(() => process.exit(code));
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));

  try {
    const m365 = await startM365({ port: m365Port, dataDir, defaultScopes: TAB_SCOPES, faults });
    stoppers.push(() => m365.close());
    if (values.faults) console.log(`Lokal Microsoft 365 med fejl: ${values.faults}`);
    await provision(m365);
    await runDemoSeed(m365, systemClock);
    if (values["prepare-only"]) {
      console.log("Data er klar.");
      stop(0);
      return;
    }

    if (values.build || tabNeedsBuild(root)) {
      console.log("Bygger fanen (webpack) …");
      await buildTab(root);
    }
    const tab = await startLocalTabServer({
      m365,
      root: join(root, "build", "tab"),
      port: tabPort,
    });
    stoppers.push(() => tab.close());

    console.log("");
    console.log(`Digistyr kører: ${tab.url}`);
    console.log(`I en lokal Teams-vært: ${tab.teamsHostUrl}`);
    console.log("");
    console.log("Lokal Microsoft 365:");
    console.log(`  SharePoint: ${m365.sharepoint}`);
    console.log(`  Graph:      ${m365.graph}`);
    console.log("");
    console.log(
      "Demo-identiteter (vælg en i appen, eller send 'Authorization: Bearer dev:<upn>'):",
    );
    for (const u of DEMO_USERS) {
      const roles = u.groups.map((g) => ROLE_NAMES[g] ?? g).join(", ");
      console.log(`  ${u.displayName.padEnd(18)} ${u.upn.padEnd(44)} ${roles}`);
    }
    console.log("");
    console.log("Stop med Ctrl-C.");
  } catch (e) {
    console.error(`npm start fejlede: ${e instanceof Error ? e.message : String(e)}`);
    stop(1);
  }
}

void main();
