/**
 * `npm run audit -- --site <url> --token <t>`: every irregular item on the site, one JSON line
 * each, `{"list":"<internal list name>","item":<id>,"rule":"<code>","by":"<upn>"|null}`, then
 * `{"findings":N}`. The same findings as the tab's "Uregelmæssigheder" page (`auditSite`):
 * items the committee's counts leave out because they break a rule when read, naming who wrote
 * them as SharePoint recorded it (the author, or the last editor for a change).
 *
 * Exit code: 0 with or without findings; 2 when the site cannot be read (no answer, 401 or 403
 * on the first read, a list or site group that cannot be read) or the arguments are wrong.
 *
 * The token is a delegated SharePoint token of someone who reads every item: the chair or the
 * secretary (or a site owner). Locally `dev:<upn>`; on a tenant the signed-in user's token.
 */
import { parseArgs } from "node:util";

import { createSharePointAdapters } from "../src/adapters/sharepoint/index.js";
import { auditLine } from "../src/domain/audit.js";
import { systemClock } from "../src/domain/clock.js";
import { auditSite } from "../src/use-cases/audit.js";
import { refusedArguments, siteAndToken } from "./site-args.js";

const HELP = `Brug: npm run audit -- --site <url> --token <token>

Læser webstedet og skriver én JSON-linje pr. uregelmæssigt element (det, som styregruppens
optællinger udelader, fordi det bryder en regel), og til sidst antallet:

  {"list":"<listens interne navn>","item":<id>,"rule":"<regel>","by":"<hvem skrev det>"}
  {"findings":N}

  --site   SharePoint-webstedets adresse, fx https://<lejer>.sharepoint.com/sites/digistyr
           (lokalt: den "sharepoint"-adresse, som npm run m365 skriver)
  --token  Et delegeret adgangstoken til SharePoint (uden "Bearer ") for formanden, sekretæren
           eller en ejer af webstedet, som kan læse alle elementer (lokalt dev:<upn>). Kan også
           gives i miljøvariablen DIGISTYR_TOKEN.

Afslutningskode: 0 med eller uden fund, 2 når webstedet ikke kan læses (intet svar, 401/403)
eller argumenterne er forkerte.`;

/** The first read: does the site answer this token at all? A reason when it does not. */
async function firstRead(site: string, token: string): Promise<string | null> {
  const url = `${site.replace(/\/+$/, "")}/_api/web?$select=Title`;
  try {
    const res = await fetch(url, {
      headers: { Accept: "application/json;odata=nometadata", Authorization: `Bearer ${token}` },
    });
    if (res.ok) return null;
    if (res.status === 401)
      return "SharePoint afviser tokenet (401): det er ugyldigt eller udløbet.";
    if (res.status === 403)
      return "SharePoint nægter adgang (403): tokenet må ikke læse webstedet.";
    return `SharePoint-webstedet svarer ${res.status} på ${url}.`;
  } catch (e) {
    return `SharePoint-webstedet svarer ikke (${e instanceof Error ? e.message : String(e)}).`;
  }
}

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
  const args = siteAndToken(values, HELP, "Angiv SharePoint-webstedets adresse med --site <url>.");
  if (typeof args === "number") return args;
  const { site, token: raw } = args;
  const token = raw.replace(/^Bearer\s+/i, "").trim();
  const refused = await firstRead(site, token);
  if (refused) {
    console.error(refused);
    return 2;
  }
  const sharePoint = createSharePointAdapters(site, { getToken: () => Promise.resolve(token) });
  let findings;
  try {
    findings = await auditSite({ ...sharePoint, clock: systemClock });
  } catch (e) {
    console.error(`Webstedet kunne ikke læses helt: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  for (const f of findings) console.log(JSON.stringify(auditLine(f)));
  console.log(JSON.stringify({ findings: findings.length }));
  return 0;
}

process.exitCode = await main();
