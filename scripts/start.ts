/**
 * `npm start [-- --reset] [-- --build] [-- --port <tab port>] [-- --m365-port <n>]`:
 * 1. starts the local Microsoft 365 with its data kept under `.local/` between runs
 *    (`--reset` starts from empty),
 * 2. provisions the committee's lists through the real provisioning code,
 * 3. [seed hook: demo data when the site is empty],
 * 4. builds the tab when `build/tab` is missing or older than its sources (always with
 *    `--build`),
 * 5. serves the tab (and the local Teams host page) on http://localhost:<port>,
 * 6. prints the URLs and the demo identities. Ctrl-C stops everything.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { createGraphAdapters } from "../src/adapters/graph/index.js";
import { createSharePointAdapters } from "../src/adapters/sharepoint/index.js";
import { systemClock } from "../src/domain/clock.js";
import { DEMO_USERS } from "../src/emulator/directory.js";
import { type M365, startM365 } from "../src/emulator/server.js";
import { devAdminTokenProvider, devTokenProvider } from "../src/host/dev-token.js";
import { TAB_SCOPES } from "../src/host/permissions.js";
import { provisionSite } from "../src/provisioning/index.js";
import { type SeedAdapters, seedDemoData as seedDemo } from "../src/seed/index.js";
import { buildTab, startLocalTabServer, tabNeedsBuild } from "../src/tab-server/index.js";

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

// ---------------------------------------------------------------- seed hook (demo data)
/**
 * Demo data (src/seed) when the site has no initiatives yet, written through the app's own
 * SharePoint and Graph adapters as the demo users; dates are relative to today.
 */
async function seedDemoData(m365: M365): Promise<void> {
  const adapters: SeedAdapters = {
    as: (upn) => ({
      ...createSharePointAdapters(m365.sharepoint, devTokenProvider(upn)),
      calendar: createGraphAdapters({ baseUrl: m365.graph, tokens: devTokenProvider(upn) })
        .calendar,
    }),
  };
  const result = await seedDemo(adapters, systemClock, (line) => console.log(`  ${line}`));
  if (result.seeded) console.log("Demo-data er lagt ind.");
}
// ---------------------------------------------------------------- end of seed hook

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reset: { type: "boolean", default: false },
      build: { type: "boolean", default: false },
      port: { type: "string", default: "4300" },
      "m365-port": { type: "string", default: "4365" },
    },
  });
  const tabPort = port(values.port, "--port");
  const m365Port = port(values["m365-port"], "--m365-port");
  const root = join(import.meta.dirname, "..");
  const dataDir = join(root, ".local", "m365");
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
    const m365 = await startM365({ port: m365Port, dataDir, defaultScopes: TAB_SCOPES });
    stoppers.push(() => m365.close());
    const owner = m365.users[0];
    if (!owner) throw new Error("The local Microsoft 365 has no users");
    const summary = await provisionSite({
      siteUrl: m365.sharepoint,
      tokenProvider: devAdminTokenProvider(owner),
      log: (line) => console.log(`  ${line}`),
    });
    console.log(summary.changed ? "Listerne er oprettet." : "Listerne var allerede på plads.");

    await seedDemoData(m365);

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
