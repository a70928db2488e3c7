/**
 * `npm run package -- --app-id <guid> --host <https url> --client-id <guid> [--site <url>]`:
 * fills manifest/manifest.template.json from configuration, adds the tab's token requests from
 * the permission declaration (manifest/permissions.json) as `webApplicationInfo.nestedAppAuthInfo`,
 * validates the result offline against Microsoft's own schema (shipped in
 * @microsoft/app-manifest, draft-04), and writes build/appPackage.zip with manifest.json,
 * en.json, color.png and outline.png at its root, ready for Teams admin center or "Upload a
 * custom app" (docs/deploy.md).
 *
 * Every value can also come from the environment (DIGISTYR_APP_ID, DIGISTYR_HOST,
 * DIGISTYR_CLIENT_ID, ...); flags win. The app's version is package.json's.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";

import AjvImport from "ajv-draft-04";
import addFormatsImport from "ajv-formats";
import JSZip from "jszip";

import { sharePointScopes, TAB_GRAPH_SCOPES } from "../src/host/permissions.js";

const root = join(import.meta.dirname, "..");
export const MANIFEST_DIR = join(root, "manifest");
export const DEFAULT_OUT = join(root, "build", "appPackage.zip");

/** The manifest schema the template is written for (newest v1.2x Teams accepts). */
export const SCHEMA_VERSION = "1.25";

/** The files at the root of the package, in the order they are written. */
export const PACKAGE_FILES = ["manifest.json", "en.json", "color.png", "outline.png"] as const;

/** Icon sizes Teams requires; it refuses a package whose icons differ. */
const ICON_SIZES: Record<string, number> = { "color.png": 192, "outline.png": 32 };

export interface AppConfig {
  /** The Teams app's own id (a GUID, fixed for the app's lifetime). */
  appId: string;
  /** Where the tab is hosted: an https URL without query or fragment, no trailing slash. */
  host: string;
  /** The Entra ID app registration's client id (a GUID). */
  clientId: string;
  /** The app's version (semver), from package.json. */
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
  /**
   * The committee's SharePoint site, when known: its tenant's SharePoint scopes are then
   * prefetched by Teams too (`nestedAppAuthInfo`); without it only the Graph token is.
   */
  siteUrl?: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ConfigResult =
  { ok: true; config: AppConfig; out: string | undefined } | { ok: false; errors: string[] };

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// The developer name is at most 32 characters in the schema.
const DEFAULT_DEVELOPER = "Digitaliseringssekretariatet";

export const HELP = `Brug: npm run package -- --app-id <guid> --host <https-adresse> --client-id <guid>

  --app-id       Teams-appens id (et GUID; lav det én gang, fx med "node -p crypto.randomUUID()",
                 og behold det, så Teams genkender opdateringer).   Miljø: DIGISTYR_APP_ID
  --host         Adressen, hvor fanen er hostet, fx https://digistyr.kommune.dk
                                                                    Miljø: DIGISTYR_HOST
  --client-id    Klient-id (Application ID) for app-registreringen i Entra ID.
                                                                    Miljø: DIGISTYR_CLIENT_ID
  --developer    Udgiverens navn i Teams (højst 32 tegn), standard "${DEFAULT_DEVELOPER}".
                                                                    Miljø: DIGISTYR_DEVELOPER
  --website-url  Udgiverens hjemmeside (https), standard --host.    Miljø: DIGISTYR_WEBSITE_URL
  --privacy-url  Privatlivspolitik (https), standard --website-url. Miljø: DIGISTYR_PRIVACY_URL
  --terms-url    Vilkår for brug (https), standard --website-url.   Miljø: DIGISTYR_TERMS_URL
  --site         Styregruppens SharePoint-site (https), så Teams også henter SharePoint-tokenet
                 på forhånd.                                        Miljø: DIGISTYR_SITE_URL
  --out          Hvor pakken skrives, standard build/appPackage.zip.

Versionen er den i package.json. Se docs/deploy.md, afsnit "App-pakken".`;

function httpsUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads and checks the configuration from flags and environment. Every problem is reported
 * at once, each naming the flag and its environment variable.
 */
export function readConfig(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  version: string,
): ConfigResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        "app-id": { type: "string" },
        host: { type: "string" },
        "client-id": { type: "string" },
        developer: { type: "string" },
        "website-url": { type: "string" },
        "privacy-url": { type: "string" },
        "terms-url": { type: "string" },
        site: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
  }
  const pick = (flag: string, envName: string): string | undefined => {
    const v = values[flag];
    const chosen = typeof v === "string" ? v : env[envName];
    return chosen === undefined || chosen.trim() === "" ? undefined : chosen.trim();
  };
  const errors: string[] = [];

  const guid = (flag: string, envName: string, what: string): string => {
    const v = pick(flag, envName);
    if (v === undefined) errors.push(`--${flag} mangler (eller ${envName}): ${what}.`);
    else if (!GUID.test(v))
      errors.push(`--${flag} skal være et GUID (8-4-4-4-12 hexcifre), ikke "${v}".`);
    return v ?? "";
  };
  const appId = guid("app-id", "DIGISTYR_APP_ID", "Teams-appens id, et GUID");
  const clientId = guid("client-id", "DIGISTYR_CLIENT_ID", "klient-id'et fra Entra ID");

  let host = pick("host", "DIGISTYR_HOST");
  if (host === undefined) {
    errors.push("--host mangler (eller DIGISTYR_HOST): adressen, hvor fanen er hostet.");
  } else {
    const url = httpsUrl(host);
    if (!url) {
      errors.push(
        `--host skal være en https-adresse, fx https://digistyr.kommune.dk, ikke "${host}" (Teams indlejrer kun faner over https).`,
      );
    } else if (url.search !== "" || url.hash !== "" || url.username !== "") {
      errors.push(`--host må ikke have forespørgsel, fragment eller brugernavn: "${host}".`);
    } else {
      host = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
    }
  }

  const optionalUrl = (flag: string, envName: string, fallback: string): string => {
    const v = pick(flag, envName);
    if (v === undefined) return fallback;
    if (!httpsUrl(v)) errors.push(`--${flag} skal være en https-adresse, ikke "${v}".`);
    return v;
  };
  const hostUrl = host === undefined ? "" : `${host}/`;
  const websiteUrl = optionalUrl("website-url", "DIGISTYR_WEBSITE_URL", hostUrl);
  const privacyUrl = optionalUrl("privacy-url", "DIGISTYR_PRIVACY_URL", websiteUrl);
  const termsUrl = optionalUrl("terms-url", "DIGISTYR_TERMS_URL", websiteUrl);

  const site = pick("site", "DIGISTYR_SITE_URL");
  let siteUrl: string | undefined;
  if (site !== undefined) {
    const url = httpsUrl(site);
    if (!url)
      errors.push(
        `--site skal være en https-adresse, fx https://kommune.sharepoint.com/sites/digistyr, ikke "${site}".`,
      );
    else siteUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  }

  const developerName = pick("developer", "DIGISTYR_DEVELOPER") ?? DEFAULT_DEVELOPER;
  if (developerName.length > 32)
    errors.push(
      `--developer må højst være 32 tegn (Teams' grænse), "${developerName}" er for langt.`,
    );

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    out: typeof values.out === "string" ? values.out : undefined,
    config: {
      appId,
      host: host ?? "",
      clientId,
      version,
      developerName,
      websiteUrl,
      privacyUrl,
      termsUrl,
      ...(siteUrl === undefined ? {} : { siteUrl }),
    },
  };
}

/** The placeholders of manifest.template.json and their values for a configuration. */
export function placeholders(config: AppConfig): Record<string, string> {
  return {
    APP_ID: config.appId,
    VERSION: config.version,
    HOST: config.host,
    // host includes a port when there is one; Teams compares validDomains with it.
    HOST_NAME: new URL(config.host).host,
    CLIENT_ID: config.clientId,
    DEVELOPER_NAME: config.developerName,
    WEBSITE_URL: config.websiteUrl,
    PRIVACY_URL: config.privacyUrl,
    TERMS_URL: config.termsUrl,
  };
}

/**
 * Replaces `{{NAME}}` inside the template's string values (never in the JSON text, so a value
 * cannot break the JSON structure). An unknown placeholder is a programmer error in the template.
 */
export function fillManifest(template: JsonObject, config: AppConfig): JsonObject {
  const values = placeholders(config);
  const fill = (node: Json): Json => {
    if (typeof node === "string")
      return node.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
        const v = values[name];
        if (v === undefined) throw new Error(`Ukendt pladsholder {{${name}}} i skabelonen`);
        return v;
      });
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === "object")
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  return fill(template) as JsonObject;
}

/**
 * `webApplicationInfo.nestedAppAuthInfo`: the token requests Teams prefetches when the tab
 * loads, one entry per request the tab makes (`scopesFor` in src/host/auth.ts): Graph's
 * declared scopes and, with the site known, its tenant's SharePoint scopes. Each entry must
 * match the app's request exactly (scopes and order) and name the nested-app-auth broker
 * redirect `brk-multihub://<host>` registered on the Entra app
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/authentication/nested-authentication).
 */
export function nestedAppAuthInfo(config: AppConfig): JsonObject[] {
  const redirectUri = `brk-multihub://${new URL(config.host).host}`;
  const requests = [[...TAB_GRAPH_SCOPES]];
  if (config.siteUrl !== undefined) requests.push(sharePointScopes(config.siteUrl));
  return requests.map((scopes) => ({ redirectUri, scopes }));
}

/** The manifest for a configuration: the filled template plus the prefetched token requests. */
export function buildManifest(template: JsonObject, config: AppConfig): JsonObject {
  const manifest = fillManifest(template, config);
  const info = manifest.webApplicationInfo;
  if (info === null || typeof info !== "object" || Array.isArray(info)) {
    throw new Error("Skabelonen mangler webApplicationInfo");
  }
  return {
    ...manifest,
    webApplicationInfo: { ...info, nestedAppAuthInfo: nestedAppAuthInfo(config) },
  };
}

type Validator = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null;
};

// ajv-draft-04 and ajv-formats are CommonJS; under ESM their default export may arrive wrapped.
type AjvInstance = { compile(schema: object): Validator };
type AjvClass = new (options: object) => AjvInstance;
const Ajv = ((AjvImport as unknown as { default?: unknown }).default ??
  AjvImport) as unknown as AjvClass;
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ??
  addFormatsImport) as unknown as (ajv: AjvInstance) => void;

const require = createRequire(import.meta.url);
const validators = new Map<string, Validator>();

/** Microsoft's schema file from @microsoft/app-manifest, e.g. v1.25/MicrosoftTeams.schema.json. */
export function schemaPath(version: string, file: string): string {
  const pkg = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  return join(pkg, "build", "json-schemas", "teams", `v${version}`, file);
}

function validatorFor(version: string, file: string): Validator {
  const key = `${version}/${file}`;
  let v = validators.get(key);
  if (!v) {
    // strict: false because Microsoft's schemas carry annotations ajv does not know;
    // unicodeRegExp: false because some of their patterns (e.g. `\b]` in the localisation
    // schema) are valid only as non-unicode regular expressions, as Microsoft's own tooling
    // compiles them.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(schemaPath(version, file), "utf8")) as object);
    validators.set(key, v);
  }
  return v;
}

function describe(errors: Validator["errors"]): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === "" ? "(rod)" : e.instancePath;
    const extra =
      "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : "";
    return `${where}: ${e.message ?? "ugyldig"}${extra}`;
  });
}

/** Errors of a filled manifest against Microsoft's schema for its manifestVersion. */
export function validateManifest(manifest: unknown): string[] {
  const version =
    manifest !== null && typeof manifest === "object" && "manifestVersion" in manifest
      ? String(manifest.manifestVersion)
      : SCHEMA_VERSION;
  if (version !== SCHEMA_VERSION)
    return [`/manifestVersion: skabelonen er skrevet til ${SCHEMA_VERSION}, ikke "${version}"`];
  const validate = validatorFor(version, "MicrosoftTeams.schema.json");
  return validate(manifest) ? [] : describe(validate.errors);
}

/** Errors of a localisation file (en.json) against Microsoft's localisation schema. */
export function validateLocalization(file: unknown): string[] {
  const validate = validatorFor(SCHEMA_VERSION, "MicrosoftTeams.Localization.schema.json");
  return validate(file) ? [] : describe(validate.errors);
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(...png.subarray(12, 16)) !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`App-pakken blev ikke lavet:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PackageError";
  }
}

export interface AppPackage {
  manifest: JsonObject;
  zip: Buffer;
}

/**
 * Fills and validates the manifest, checks the localisation file and the icons, and zips
 * the four files. Throws PackageError listing every problem; writes nothing itself.
 */
export async function buildAppPackage(
  config: AppConfig,
  manifestDir: string = MANIFEST_DIR,
): Promise<AppPackage> {
  const read = (name: string) => readFileSync(join(manifestDir, name));
  const template = JSON.parse(read("manifest.template.json").toString("utf8")) as JsonObject;
  const manifest = buildManifest(template, config);
  const problems = validateManifest(manifest).map((e) => `manifest.json ${e}`);

  const localization = JSON.parse(read("en.json").toString("utf8")) as unknown;
  problems.push(...validateLocalization(localization).map((e) => `en.json ${e}`));

  const icons = new Map<string, Buffer>();
  for (const [name, size] of Object.entries(ICON_SIZES)) {
    const png = read(name);
    const actual = pngSize(png);
    if (!actual) problems.push(`${name} er ikke en PNG-fil`);
    else if (actual.width !== size || actual.height !== size)
      problems.push(
        `${name} skal være ${size}×${size} pixel, men er ${actual.width}×${actual.height}`,
      );
    icons.set(name, png);
  }
  if (problems.length > 0) throw new PackageError(problems);

  const zip = new JSZip();
  // A fixed date makes the zip byte-identical for the same input (reproducible builds).
  const date = new Date(Date.UTC(2024, 0, 1));
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date });
  zip.file("en.json", read("en.json"), { date });
  for (const [name, png] of icons) zip.file(name, png, { date });
  const bytes = await zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 9 },
  });
  return { manifest, zip: bytes };
}

/** The command: returns the exit code (0 written, 1 invalid manifest, 2 bad configuration). */
export async function main(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: { log: (line: string) => void; error: (line: string) => void } = console,
): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    out.log(HELP);
    return 0;
  }
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const result = readConfig(args, env, pkg.version);
  if (!result.ok) {
    out.error(`App-pakken blev ikke lavet, konfigurationen er ufuldstændig:`);
    for (const e of result.errors) out.error(`  - ${e}`);
    out.error("");
    out.error(HELP);
    return 2;
  }
  const target = result.out === undefined ? DEFAULT_OUT : resolve(result.out);
  try {
    const { zip } = await buildAppPackage(result.config);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, zip);
    out.log(`App-pakken er skrevet: ${target}`);
    out.log(`  app-id ${result.config.appId}, version ${result.config.version}`);
    out.log(`  fanen: ${result.config.host}/`);
    out.log(`  gyldig efter Microsofts manifestskema v${SCHEMA_VERSION}`);
    if (result.config.siteUrl === undefined) {
      out.log(
        "  uden --site: Teams henter kun Graph-tokenet på forhånd, SharePoint-tokenet ved første brug",
      );
    }
    out.log(
      "Når pakken er lagt i organisationens appkatalog: skriv det app-id, kataloget har givet den (Teams admin center → Teams apps → Manage apps → Digistyr → App ID; det er ikke --app-id), i runtime-config.json som teamsAppId. Dybe links til fanen bruger det.",
    );
    return 0;
  } catch (e) {
    out.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
