/**
 * `npm run doctor -- --site <url> --token <t> [--graph-token <t>] [--admin-token <t>]
 * [--graph <url>] [--tab-origin <origin>] [--lang da|en] [--json]`: is this tenant ready for
 * Digistyr? Prints one row per check (ok / warning / failure) with the fix for each failure, in
 * the words of the Systemtjek page (src/ui/i18n/features/doctor.*.json).
 *
 * Exit code: 0 when every check passed (warnings allowed), 1 when one failed, 2 when the site
 * could not be read at all (or the arguments are wrong).
 *
 * Tokens: `--token` is the signed-in user's delegated SharePoint token, as the tab gets it;
 * `--graph-token` their Graph token (a real tenant issues one per resource; without it
 * `--token` is sent to Graph too, which is what the local Microsoft 365's `dev:<upn>` token
 * does). `--admin-token` is optional: the provisioning identity's SharePoint token
 * (AllSites.FullControl), used to read lists, groups and the role assignments the tab's token
 * may not read.
 *
 * Graph's base: `--graph`, else derived from the site: a site on a loopback host is the local
 * Microsoft 365, which serves Graph on the same origin (`<origin>/v1.0`); any other site uses
 * https://graph.microsoft.com/v1.0.
 */
import { parseArgs } from "node:util";

import { tenantBlueprint } from "../src/adapters/tenant/blueprint.js";
import { createTenantProbe, graphBaseFor } from "../src/adapters/tenant/index.js";
import type { CheckRow, CheckStatus, CheckText } from "../src/domain/readiness.js";
import { TAB_PERMISSIONS } from "../src/host/permissions.js";
import type { TokenProvider } from "../src/ports/auth.js";
import da from "../src/ui/i18n/features/doctor.da.json" with { type: "json" };
import en from "../src/ui/i18n/features/doctor.en.json" with { type: "json" };
import { countByStatus, doctorExitCode, runDoctor } from "../src/use-cases/doctor.js";
import { refusedArguments, siteAndToken } from "./site-args.js";

/** The tab's origin under `npm start` (its default port). */
const LOCAL_TAB_ORIGIN = "http://localhost:4300";

const HELP = `Brug: npm run doctor -- --site <url> --token <token> [flere valg]

Tjekker, at en lejer er klar til Digistyr: lister og felter som lists-schema, tilladelsesniveauer
og grupper, rettigheder på listerne, tokenets tilladelser, Teams-kanalerne, kalenderen, posten og
at browseren kan læse ETag. Ændrer intet og sender ingen post.

  --site         SharePoint-webstedets adresse, fx https://<lejer>.sharepoint.com/sites/digistyr
                 (lokalt: den "sharepoint"-adresse, som npm run m365 skriver)
  --token        Brugerens delegerede adgangstoken til SharePoint (uden "Bearer "), som fanen
                 får det. Kan også gives i miljøvariablen DIGISTYR_TOKEN.
  --graph-token  Brugerens token til Microsoft Graph. Uden det sendes --token også til Graph
                 (lokalt er dev:<upn> gyldigt for begge).
  --admin-token  Valgfrit: provisioneringsidentitetens token til SharePoint (AllSites.FullControl),
                 så også rettighederne på listerne kan læses.
  --graph        Graphs adresse. Standard: for et lokalt websted (localhost, 127.0.0.1) samme
                 oprindelse + /v1.0 (den lokale Microsoft 365); ellers https://graph.microsoft.com/v1.0
  --tab-origin   Fanens oprindelse til ETag-tjekket, fx https://digistyr.kommune.dk.
                 Standard lokalt: ${LOCAL_TAB_ORIGIN}
  --lang         da (standard) eller en
  --json         Én JSON-linje pr. række i stedet for tekst

Afslutningskode: 0 alle tjek bestået (advarsler tilladt), 1 mindst ét tjek fejlede,
2 SharePoint-webstedet kunne ikke læses (eller forkerte argumenter).

Tokenets tilladelser læses fra dets scp-krav uden at kontrollere signaturen (SharePoint og Graph
kontrollerer den selv); siger tokenet intet (fx et lokalt dev:<upn>), prøves hver tilladelse med
en ufarlig forespørgsel.`;

type Dictionary = Record<string, unknown>;

/** `doctor.<code>` in the chosen language, with `{{param}}` filled in. */
function translate(dict: Dictionary, t: CheckText | string): string {
  const { code, params } = typeof t === "string" ? { code: t, params: undefined } : t;
  let node: unknown = (dict as { doctor: Dictionary }).doctor;
  for (const part of code.split(".")) {
    node = node && typeof node === "object" ? (node as Dictionary)[part] : undefined;
  }
  if (typeof node !== "string") return code;
  return node.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params?.[name] ?? ""));
}

function fixedToken(raw: string): TokenProvider {
  const token = raw.replace(/^Bearer\s+/i, "").trim();
  return { getToken: () => Promise.resolve(token) };
}

function isLoopback(url: string): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
}

/** Areas whose passing rows need no detail on the command line (one line each). */
const TERSE_WHEN_OK = new Set<CheckRow["area"]>([
  "lists",
  "levels",
  "groups",
  "permissions",
  "scopes",
]);

function printRow(dict: Dictionary, row: CheckRow): void {
  const label = translate(dict, `status.${row.status}`).toUpperCase().padEnd(9);
  console.log(`${label} ${translate(dict, row.subject)}`);
  if (row.status === "ok" && TERSE_WHEN_OK.has(row.area)) return;
  for (const f of row.findings) console.log(`          - ${translate(dict, f)}`);
  if (row.fix && row.status !== "ok") {
    console.log(`          ${translate(dict, "page.fix")} ${translate(dict, row.fix)}`);
  }
}

async function main(): Promise<number> {
  let values: {
    site?: string;
    token?: string;
    "graph-token"?: string;
    "admin-token"?: string;
    graph?: string;
    "tab-origin"?: string;
    lang?: string;
    json?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        site: { type: "string" },
        token: { type: "string" },
        "graph-token": { type: "string" },
        "admin-token": { type: "string" },
        graph: { type: "string" },
        "tab-origin": { type: "string" },
        lang: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    return refusedArguments(e, HELP);
  }
  const args = siteAndToken(values, HELP, "Angiv SharePoint-webstedets adresse med --site <url>.");
  if (typeof args === "number") return args;
  const { site, token } = args;
  const lang = values.lang ?? "da";
  if (lang !== "da" && lang !== "en") {
    console.error(`--lang skal være da eller en, ikke ${lang}.`);
    return 2;
  }
  const dict = (lang === "en" ? en : da) as Dictionary;

  const spToken = token.replace(/^Bearer\s+/i, "").trim();
  const graphToken = (values["graph-token"] ?? token).replace(/^Bearer\s+/i, "").trim();
  const tokens: TokenProvider = {
    getToken: (audience) => Promise.resolve(audience === "graph" ? graphToken : spToken),
  };
  const tabOrigin = values["tab-origin"] ?? (isLoopback(site) ? LOCAL_TAB_ORIGIN : undefined);
  const probe = createTenantProbe({
    siteUrl: site,
    graphBaseUrl: values.graph ?? graphBaseFor(site),
    tokens,
    ...(values["admin-token"] ? { adminTokens: fixedToken(values["admin-token"]) } : {}),
    cors: tabOrigin ? { kind: "origin", origin: new URL(tabOrigin).origin } : { kind: "none" },
  });

  if (!values.json) console.log(`${translate(dict, "page.title")}: ${site}\n`);
  const report = await runDoctor(probe, tenantBlueprint(TAB_PERMISSIONS), {
    onRow: (row) => (values.json ? console.log(JSON.stringify(row)) : printRow(dict, row)),
  });
  const counts: Record<CheckStatus, number> = countByStatus(report.rows);
  const code = doctorExitCode(report);
  if (values.json) {
    console.log(JSON.stringify({ ...counts, exitCode: code }));
  } else {
    console.log("");
    console.log(
      report.reachable
        ? translate(dict, {
            code: "page.summary",
            params: { ok: counts.ok, warning: counts.warning, failure: counts.failure },
          })
        : translate(dict, "page.unreachable"),
    );
  }
  return code;
}

process.exitCode = await main();
