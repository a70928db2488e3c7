/**
 * `npm run provision -- --site <url> [--token <t>]`: makes a SharePoint site match
 * lists-schema (groups, Digistyr's permission levels, lists, fields, indexes, unique values,
 * item-level security and list permissions). Safe to run again: a second run changes nothing
 * and says so, and a run that stopped part-way (killed, or SharePoint throttling for longer than
 * it waits) is completed by the next. Throttled requests are retried within a budget of 15
 * minutes of waiting each, honouring Retry-After; the output says when and how long it waited.
 * The token is the provisioning identity's delegated SharePoint token with
 * AllSites.FullControl, issued to a site owner (docs/deploy.md); against the local Microsoft 365
 * it is `dev:<upn>;scp=AllSites.FullControl` of the site owner.
 */
import { parseArgs } from "node:util";

import type { RetryWait } from "../src/adapters/retry-policy.js";
import { ProvisioningError, provisionSite } from "../src/provisioning/index.js";
import { ANNOUNCE_WAIT_MS, describeWait, WaitTally } from "../src/provisioning/waits.js";
import { refusedArguments, siteAndToken } from "./site-args.js";

const HELP = `Brug: npm run provision -- --site <url> [--token <token>]

  --site   Sitets adresse, fx https://<lejer>.sharepoint.com/sites/digistyr
           (lokalt: den "sharepoint"-adresse, som npm run m365 skriver)
  --token  Provisioneringsidentitetens delegerede adgangstoken til SharePoint (uden "Bearer "),
           med AllSites.FullControl, udstedt til en ejer af sitet.
           Kan også gives i miljøvariablen DIGISTYR_TOKEN.

Token til et rigtigt site med CLI for Microsoft 365 og provisioneringens egen app-registrering
(som skal tillade "public client flows"):
  m365 login --authType deviceCode --appId <klient-id> --tenant <lejer-id>
  m365 util accesstoken get --resource https://<lejer>.sharepoint.com --new
Lokalt: dev:<upn>;scp=AllSites.FullControl for sitets ejer,
  fx dev:niels.fogh@demokommune.onmicrosoft.com;scp=AllSites.FullControl.
Se docs/deploy.md, afsnit 3 og 4.

Beder SharePoint om at vente (HTTP 429/503 med Retry-After), venter kørslen og prøver igen,
op til 15 minutter pr. forespørgsel; udskriften siger hvor ofte og hvor længe. Afbrydes
kørslen, fortsætter den næste, hvor den slap, uden at oprette noget to gange.`;

async function main(): Promise<number> {
  let values: { site?: string; token?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        site: { type: "string" },
        token: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    return refusedArguments(e, HELP);
  }
  const args = siteAndToken(values, HELP, "Angiv sitets adresse med --site <url>.");
  if (typeof args === "number") return args;
  const { site, token } = args;

  console.log(`Provisionerer ${site}`);
  // SharePoint may throttle (429/503 with Retry-After): every wait is counted on the progress
  // lines, a long one is announced as it starts, and the total closes the output.
  const waits = new WaitTally();
  const onRetry = (w: RetryWait) => {
    waits.add(w);
    if (w.waitMs >= ANNOUNCE_WAIT_MS) console.log(`  ${describeWait(w)}`);
  };
  const printWaits = () => {
    const total = waits.summary();
    if (total) console.log(total);
  };
  try {
    const summary = await provisionSite({
      siteUrl: site,
      token,
      log: (line) => console.log(waits.line(line)),
      retry: { onRetry },
    });
    printWaits();
    if (summary.changed) {
      const created = summary.lists.filter((l) => l.created).length;
      const changed = summary.lists.filter((l) => l.changed && !l.created).length;
      console.log(
        `Færdig: ${created} lister oprettet, ${changed} lister ændret` +
          (summary.groupsCreated.length > 0
            ? `, grupper oprettet: ${summary.groupsCreated.join(", ")}`
            : "") +
          (summary.levelsCreated.length > 0
            ? `, tilladelsesniveauer oprettet: ${summary.levelsCreated.join(", ")}`
            : "") +
          (summary.levelsCorrected.length > 0
            ? `, tilladelsesniveauer rettet: ${summary.levelsCorrected.join(", ")}`
            : "") +
          ".",
      );
    } else {
      console.log("Færdig: ingen ændringer, sitet svarer allerede til lists-schema.");
    }
    return 0;
  } catch (e) {
    printWaits();
    if (e instanceof ProvisioningError) {
      console.error(`Fejl: ${e.message}`);
      return 1;
    }
    console.error(`Fejl: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

process.exitCode = await main();
