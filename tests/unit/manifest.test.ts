import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

import JSZip from "jszip";

import {
  type AppConfig,
  buildAppPackage,
  buildManifest,
  fillManifest,
  type JsonObject,
  main,
  MANIFEST_DIR,
  PACKAGE_FILES,
  PackageError,
  readConfig,
  SCHEMA_VERSION,
  schemaPath,
  validateLocalization,
  validateManifest,
} from "../../scripts/package-app.js";
import { scopesFor } from "../../src/host/auth.js";
import { TAB_PERMISSIONS } from "../../src/host/permissions.js";

const APP_ID = "8a3c1f0e-52b4-4b7e-9a61-0c2f4d9e7b13";
const CLIENT_ID = "0f6d2c7a-1e3b-4c9d-8f05-7a2b6e4d1c98";
const HOST = "https://digistyr.example.dk";
const version = (
  JSON.parse(readFileSync(join(MANIFEST_DIR, "..", "package.json"), "utf8")) as {
    version: string;
  }
).version;

function sampleConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const result = readConfig(
    ["--app-id", APP_ID, "--host", HOST, "--client-id", CLIENT_ID],
    {},
    version,
  );
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return { ...result.config, ...overrides };
}

const template = (): JsonObject =>
  JSON.parse(readFileSync(join(MANIFEST_DIR, "manifest.template.json"), "utf8")) as JsonObject;
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(join(MANIFEST_DIR, name), "utf8"));

// Minimal typed views of the parts of the manifest the tests read.
interface Filled {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  staticTabs: { entityId: string; contentUrl?: string; scopes: string[]; name?: string }[];
  configurableTabs: { configurationUrl: string; scopes: string[] }[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  permissions: string[];
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  name: { short: string; full: string };
  description: { short: string; full: string };
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "digistyr-package-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("the filled manifest", () => {
  const manifest = fillManifest(template(), sampleConfig()) as unknown as Filled;

  it("is valid against Microsoft's official schema from @microsoft/app-manifest", () => {
    expect(schemaPath(SCHEMA_VERSION, "MicrosoftTeams.schema.json")).toMatch(
      /@microsoft[/\\]app-manifest[/\\]build[/\\]json-schemas[/\\]teams[/\\]v1\.25[/\\]/,
    );
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json",
    );
    expect(manifest.manifestVersion).toBe("1.25");
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("leaves no placeholder unfilled", () => {
    expect(JSON.stringify(template())).toMatch(/\{\{APP_ID\}\}/);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{[A-Z_]*\}\}/);
  });

  it("refuses a template with a placeholder it cannot fill", () => {
    expect(() => fillManifest({ id: "{{APP_GUID}}" }, sampleConfig())).toThrow(
      "Ukendt pladsholder {{APP_GUID}} i skabelonen",
    );
  });

  it("carries the app id, the package.json version and the Entra app", () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe(version);
    expect(manifest.webApplicationInfo).toEqual({
      id: CLIENT_ID,
      resource: `api://digistyr.example.dk/${CLIENT_ID}`,
    });
    expect(manifest.validDomains).toEqual(["digistyr.example.dk"]);
    expect(manifest.permissions).toEqual(["identity"]);
  });

  it("has a personal static tab and a configurable channel tab on the host", () => {
    const personal = manifest.staticTabs.find((t) => t.contentUrl !== undefined);
    expect(personal).toMatchObject({ contentUrl: `${HOST}/`, scopes: ["personal"] });
    expect(personal?.name).toBe("Overblik");
    expect(manifest.configurableTabs).toHaveLength(1);
    expect(manifest.configurableTabs[0]?.configurationUrl.startsWith(`${HOST}/`)).toBe(true);
    expect(manifest.configurableTabs[0]?.scopes).toEqual(["team"]);
  });

  it("is Danish by default with English in en.json", () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: "da-dk",
      additionalLanguages: [{ languageTag: "en-us", file: "en.json" }],
    });
    expect(manifest.description.short).toContain("digitaliseringsstyregruppen");
    const en = readJson("en.json") as Record<string, string>;
    expect(validateLocalization(en)).toEqual([]);
    expect(en["description.short"]).toContain("digitalisation committee");
    expect(en["staticTabs[0].name"]).toBe("Overview");
    expect(en["name.full"]).not.toBe(manifest.name.full);
  });

  it("keeps a path in the host and drops its trailing slash", () => {
    const result = readConfig(
      ["--app-id", APP_ID, "--client-id", CLIENT_ID, "--host", "https://apps.kommune.dk/digistyr/"],
      {},
      version,
    );
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const filled = fillManifest(template(), result.config) as unknown as Filled;
    expect(filled.staticTabs[0]?.contentUrl).toBe("https://apps.kommune.dk/digistyr/");
    expect(filled.validDomains).toEqual(["apps.kommune.dk"]);
    expect(validateManifest(filled)).toEqual([]);
  });
});

describe("the token requests Teams prefetches (webApplicationInfo.nestedAppAuthInfo)", () => {
  const SITE = "https://demokommune.sharepoint.com/sites/digistyr";
  type Info = { redirectUri: string; scopes: string[] }[];
  const infoOf = (m: JsonObject) =>
    (m.webApplicationInfo as unknown as { nestedAppAuthInfo: Info }).nestedAppAuthInfo;

  it("are exactly the requests the tab makes, in its order, from the permission declaration", () => {
    const manifest = buildManifest(template(), sampleConfig({ siteUrl: SITE }));
    const requests = scopesFor(SITE);
    expect(infoOf(manifest)).toEqual([
      { redirectUri: "brk-multihub://digistyr.example.dk", scopes: requests.graph },
      { redirectUri: "brk-multihub://digistyr.example.dk", scopes: requests.sharepoint },
    ]);
    const declared = TAB_PERMISSIONS.map((p) => p.scope);
    const prefetched = infoOf(manifest).flatMap((e) => e.scopes.map((s) => s.split("/").pop()));
    expect(prefetched.sort()).toEqual([...declared].sort());
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("without the site only the Graph request is prefetched", () => {
    const manifest = buildManifest(template(), sampleConfig());
    expect(infoOf(manifest)).toEqual([
      { redirectUri: "brk-multihub://digistyr.example.dk", scopes: scopesFor(SITE).graph },
    ]);
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("never prefetches provisioning's permissions", () => {
    const manifest = buildManifest(template(), sampleConfig({ siteUrl: SITE }));
    expect(JSON.stringify(manifest)).not.toMatch(/FullControl|AllSites\.Manage|\.default/);
  });

  it("reads the site from --site or DIGISTYR_SITE_URL and refuses one that is not https", () => {
    const base = ["--app-id", APP_ID, "--host", HOST, "--client-id", CLIENT_ID];
    const flag = readConfig([...base, "--site", `${SITE}/`], {}, version);
    expect(flag.ok && flag.config.siteUrl).toBe(SITE);
    const env = readConfig(base, { DIGISTYR_SITE_URL: SITE }, version);
    expect(env.ok && env.config.siteUrl).toBe(SITE);
    const bad = readConfig(
      [...base, "--site", "http://kommune.sharepoint.com/sites/x"],
      {},
      version,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.join("\n")).toMatch(/--site skal være en https-adresse/);
  });

  it("the command tells where deep links get their app id: the org catalog's, not --app-id", async () => {
    const lines: string[] = [];
    const code = await main(
      [
        "--app-id",
        APP_ID,
        "--host",
        HOST,
        "--client-id",
        CLIENT_ID,
        "--out",
        join(tempDir(), "p.zip"),
      ],
      {},
      { log: (l) => lines.push(l), error: (l) => lines.push(l) },
    );
    expect(code).toBe(0);
    expect(lines.join("\n")).toMatch(
      /teamsAppId[\s\S]*ikke --app-id|ikke --app-id[\s\S]*teamsAppId/,
    );
  });
});

describe("schema validation refuses what Teams would refuse", () => {
  const valid = () => fillManifest(template(), sampleConfig()) as Record<string, unknown>;
  it.each<[string, (m: Record<string, unknown>) => void, RegExp]>([
    ["an id that is not a GUID", (m) => (m.id = "digistyr"), /^\/id: must match pattern/],
    [
      "a short name over 30 characters",
      (m) => ((m.name as { short: string }).short = "Digitaliseringsstyregruppens app"),
      /^\/name\/short: must NOT have more than 30 characters/,
    ],
    [
      "a developer without a privacy URL",
      (m) => delete (m.developer as Record<string, unknown>).privacyUrl,
      /^\/developer: must have required property 'privacyUrl'/,
    ],
    ["an accent colour by name", (m) => (m.accentColor = "blue"), /^\/accentColor: must match/],
    [
      "a property the schema does not know",
      (m) => (m.tabs = []),
      /^\(rod\): must NOT have additional properties \(tabs\)/,
    ],
    [
      "a configurable tab in personal scope",
      (m) => ((m.configurableTabs as { scopes: string[] }[])[0]!.scopes = ["personal"]),
      /^\/configurableTabs\/0\/scopes\/0: must be equal to one of the allowed values/,
    ],
  ])("%s", (_name, spoil, expected) => {
    const manifest = valid();
    spoil(manifest);
    const errors = validateManifest(manifest);
    expect(errors.some((e) => expected.test(e))).toBe(true);
  });

  it("a localisation file with an empty name", () => {
    const en = { ...(readJson("en.json") as object), "name.short": "" };
    expect(validateLocalization(en).join("\n")).toMatch(/\/name\.short/);
  });
});

describe("configuration", () => {
  const noArgs: string[] = [];
  it.each<[string, string[], Record<string, string>, RegExp[]]>([
    [
      "nothing given names all three required values",
      noArgs,
      {},
      [/--app-id mangler \(eller DIGISTYR_APP_ID\)/, /--client-id mangler/, /--host mangler/],
    ],
    [
      "an app id that is not a GUID",
      ["--app-id", "digistyr", "--client-id", CLIENT_ID, "--host", HOST],
      {},
      [/--app-id skal være et GUID.*"digistyr"/],
    ],
    [
      "a host over plain http",
      ["--app-id", APP_ID, "--client-id", CLIENT_ID, "--host", "http://digistyr.example.dk"],
      {},
      [/--host skal være en https-adresse.*Teams indlejrer kun faner over https/],
    ],
    [
      "a host with a query",
      ["--app-id", APP_ID, "--client-id", CLIENT_ID, "--host", `${HOST}/?x=1`],
      {},
      [/--host må ikke have forespørgsel/],
    ],
    [
      "a privacy URL that is not https",
      ["--app-id", APP_ID, "--client-id", CLIENT_ID, "--host", HOST, "--privacy-url", "ftp://x"],
      {},
      [/--privacy-url skal være en https-adresse/],
    ],
    [
      "a developer name over 32 characters",
      ["--app-id", APP_ID, "--client-id", CLIENT_ID, "--host", HOST],
      { DIGISTYR_DEVELOPER: "Digitaliseringssekretariatet i Kommunen" },
      [/--developer må højst være 32 tegn/],
    ],
    ["an unknown flag", ["--app", APP_ID], {}, [/Unknown option '--app'/]],
  ])("refuses %s with a clear message", (_name, args, env, expected) => {
    const result = readConfig(args, env, version);
    expect(result.ok).toBe(false);
    const text = result.ok ? "" : result.errors.join("\n");
    for (const e of expected) expect(text).toMatch(e);
  });

  it("reads the environment, and flags win over it", () => {
    const result = readConfig(
      ["--host", "https://flag.example.dk"],
      {
        DIGISTYR_APP_ID: APP_ID,
        DIGISTYR_CLIENT_ID: CLIENT_ID,
        DIGISTYR_HOST: "https://env.example.dk",
      },
      version,
    );
    expect(result).toMatchObject({
      ok: true,
      config: { appId: APP_ID, clientId: CLIENT_ID, host: "https://flag.example.dk" },
    });
  });
});

describe("npm run package", () => {
  it("writes a zip with exactly the four files, its manifest.json the filled one", async () => {
    const out = join(tempDir(), "appPackage.zip");
    const lines: string[] = [];
    const code = await main(
      ["--app-id", APP_ID, "--host", HOST, "--client-id", CLIENT_ID, "--out", out],
      {},
      { log: (l) => lines.push(l), error: (l) => lines.push(l) },
    );
    expect(code).toBe(0);
    expect(lines.join("\n")).toContain(`App-pakken er skrevet: ${out}`);

    const zip = await JSZip.loadAsync(readFileSync(out));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    expect(names).toEqual([...PACKAGE_FILES].sort());

    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as unknown;
    expect(manifest).toEqual(buildManifest(template(), sampleConfig()));
    expect(validateManifest(manifest)).toEqual([]);
    for (const name of ["en.json", "color.png", "outline.png"]) {
      const inZip = await zip.file(name)!.async("nodebuffer");
      expect(inZip.equals(readFileSync(join(MANIFEST_DIR, name)))).toBe(true);
    }
  });

  it("writes nothing and exits 2 when configuration is missing", async () => {
    const out = join(tempDir(), "appPackage.zip");
    const errors: string[] = [];
    const code = await main(
      ["--out", out],
      {},
      { log: () => undefined, error: (l) => errors.push(l) },
    );
    expect(code).toBe(2);
    expect(errors.join("\n")).toMatch(/konfigurationen er ufuldstændig[\s\S]*--app-id mangler/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a template that breaks the schema, naming the field", async () => {
    const dir = tempDir();
    cpSync(MANIFEST_DIR, dir, { recursive: true });
    const broken = template();
    (broken.name as JsonObject).short = "Digitaliseringsstyregruppens portefølje";
    writeFileSync(join(dir, "manifest.template.json"), JSON.stringify(broken));
    await expect(buildAppPackage(sampleConfig(), dir)).rejects.toThrow(PackageError);
    await expect(buildAppPackage(sampleConfig(), dir)).rejects.toThrow(
      /manifest\.json \/name\/short: must NOT have more than 30 characters/,
    );
  });

  it("refuses icons of the wrong size", async () => {
    const dir = tempDir();
    cpSync(MANIFEST_DIR, dir, { recursive: true });
    cpSync(join(MANIFEST_DIR, "color.png"), join(dir, "outline.png"));
    await expect(buildAppPackage(sampleConfig(), dir)).rejects.toThrow(
      /outline\.png skal være 32×32 pixel, men er 192×192/,
    );
  });
});

/** A small PNG reader (8-bit RGB/RGBA, non-interlaced, all five filters) for the icon tests. */
function decodePng(png: Buffer): {
  width: number;
  height: number;
  colorType: number;
  pixel(x: number, y: number): [number, number, number, number];
} {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      colorType = data[9]!;
      expect(data[12]).toBe(0); // not interlaced
    } else if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  expect([2, 6]).toContain(colorType);
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= bpp ? out[y * stride + i - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + i]! : 0;
      const c = i >= bpp && y > 0 ? out[(y - 1) * stride + i - bpp]! : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter];
      if (predictor === undefined) throw new Error(`Unknown PNG filter ${filter}`);
      out[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    colorType,
    pixel: (x, y) => {
      const i = y * stride + x * bpp;
      return [out[i]!, out[i + 1]!, out[i + 2]!, bpp === 4 ? out[i + 3]! : 255];
    },
  };
}

function allPixels(img: ReturnType<typeof decodePng>): [number, number, number, number][] {
  const pixels: [number, number, number, number][] = [];
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) pixels.push(img.pixel(x, y));
  return pixels;
}

describe("the icons", () => {
  it("colour icon is 192×192 and fully opaque", () => {
    const img = decodePng(readFileSync(join(MANIFEST_DIR, "color.png")));
    expect([img.width, img.height]).toEqual([192, 192]);
    const pixels = allPixels(img);
    expect(pixels.every(([, , , alpha]) => alpha === 255)).toBe(true);
    // A glyph on a background: more than one colour.
    expect(new Set(pixels.map((p) => p.join(","))).size).toBeGreaterThan(1);
  });

  it("outline icon is 32×32, white on a transparent background", () => {
    const img = decodePng(readFileSync(join(MANIFEST_DIR, "outline.png")));
    expect([img.width, img.height]).toEqual([32, 32]);
    expect(img.colorType).toBe(6);
    const pixels = allPixels(img);
    const transparent = pixels.filter(([, , , alpha]) => alpha === 0);
    const drawn = pixels.filter(([, , , alpha]) => alpha > 0);
    expect(drawn.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    expect(transparent.length).toBeGreaterThan(pixels.length / 2);
    expect(drawn.length).toBeGreaterThan(0);
    // The corners are background.
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ] as const)
      expect(img.pixel(x, y)[3]).toBe(0);
  });
});
