/**
 * `npm start [-- --reset] [-- --port <n>]`: the local Microsoft 365 with its data kept under
 * `.local/` between runs, the committee's lists provisioned through the real provisioning
 * code, and the demo identities printed. Ctrl-C stops everything.
 *
 * The tab itself (React UI, demo data, local Teams host) arrives with the tab-shell issue; until
 * then this brings up the platform the tab and the tests run on.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { DEMO_USERS } from "../src/emulator/directory.js";
import { startM365 } from "../src/emulator/server.js";
import { devTokenProvider } from "../src/host/dev-token.js";
import { provisionSite } from "../src/provisioning/index.js";

const ROLE_NAMES: Record<string, string> = {
  Ejere: "ejer af sitet",
  Formand: "formand",
  Sekretariat: "sekretær",
  Medlemmer: "medlem",
  Bidragydere: "forslagsstiller / projektejer",
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reset: { type: "boolean", default: false },
      port: { type: "string", default: "4365" },
    },
  });
  const root = join(import.meta.dirname, "..");
  const dataDir = join(root, ".local", "m365");
  if (values.reset) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log("Startede forfra: de lokale data er slettet.");
  }
  const m365 = await startM365({ port: Number(values.port), dataDir });
  const owner = m365.users[0];
  if (!owner) throw new Error("The local Microsoft 365 has no users");
  const summary = await provisionSite({
    siteUrl: m365.sharepoint,
    tokenProvider: devTokenProvider(owner),
    log: (line) => console.log(`  ${line}`),
  });
  console.log(summary.changed ? "Listerne er oprettet." : "Listerne var allerede på plads.");
  console.log("");
  console.log("Lokal Microsoft 365 kører:");
  console.log(`  SharePoint: ${m365.sharepoint}`);
  console.log(`  Graph:      ${m365.graph}`);
  console.log("");
  console.log("Demo-identiteter (send 'Authorization: Bearer dev:<upn>'):");
  for (const u of DEMO_USERS) {
    const roles = u.groups.map((g) => ROLE_NAMES[g] ?? g).join(", ");
    console.log(`  ${u.displayName.padEnd(18)} ${u.upn.padEnd(44)} ${roles}`);
  }
  console.log("");
  console.log("Stop med Ctrl-C.");

  const stop = () => {
    void m365.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`npm start fejlede: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
