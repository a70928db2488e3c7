/**
 * `npm run seed -- --site <url> --graph <url> [--from <time>]`: writes the demo data (src/seed)
 * into a running local Microsoft 365 (`npm run m365`) whose site is provisioned
 * (`npm run provision`), as `npm start` does for its own server. Safe to run again: a run that
 * was interrupted (Ctrl-C, kill -9, a crash, a throttling Microsoft 365 it gave up on) is
 * completed by the next, with nothing written twice; on complete demo data it writes nothing.
 * Exit codes: 0 done (or nothing to do), 1 failed, 2 wrong arguments.
 */
import { parseArgs } from "node:util";

import { type Clock, systemClock } from "../src/domain/clock.js";
import { runDemoSeed } from "./seed-run.js";

const HELP = `Brug: npm run seed -- --site <url> --graph <url> [--from <tidspunkt>]

  --site   Sitets adresse på den lokale Microsoft 365 (den "sharepoint"-adresse, som
           npm run m365 skriver); sitet skal være provisioneret (npm run provision).
  --graph  Graph-adressen på den lokale Microsoft 365 (.../v1.0).
  --from   Tidspunktet, demo-datas datoer regnes fra (ISO 8601; standard: nu). Bruges kun,
           når demo-data ikke er påbegyndt: en afbrudt kørsel fortsætter med sit eget tidspunkt.

Afbrydes kørslen, fortsætter den næste, hvor den slap, uden at skrive noget to gange.`;

function isUrl(v: string | undefined): v is string {
  return v !== undefined && /^https?:\/\//.test(v);
}

async function main(): Promise<number> {
  let values: { site?: string; graph?: string; from?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        site: { type: "string" },
        graph: { type: "string" },
        from: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    console.error(HELP);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!isUrl(values.site) || !isUrl(values.graph)) {
    console.error("Angiv sitets adresse med --site <url> og Graph-adressen med --graph <url>.\n");
    console.error(HELP);
    return 2;
  }
  let clock: Clock = systemClock;
  if (values.from !== undefined) {
    const from = new Date(values.from);
    if (Number.isNaN(from.getTime())) {
      console.error(`--from skal være et tidspunkt (ISO 8601), ikke "${values.from}".`);
      return 2;
    }
    clock = { now: () => from };
  }
  try {
    await runDemoSeed({ sharepoint: values.site, graph: values.graph }, clock);
    return 0;
  } catch (e) {
    console.error(`Demo-data fejlede: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

process.exitCode = await main();
