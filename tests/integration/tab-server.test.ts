/**
 * The tab server: the page's Content-Security-Policy directive by directive, the runtime
 * config it reads from the local Microsoft 365 (demo users with roles from SharePoint group
 * membership), the local Teams host page in local mode only, and 404/405 for the rest. And
 * the point of roles coming from the server: through the app's real SharePoint adapter, a
 * member's attempt to write to the agenda list is refused by the local SharePoint itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { isStoreError, StoreError } from "../../src/domain/errors.js";
import type { MeetingId } from "../../src/domain/ids.js";
import { parseRuntimeConfig } from "../../src/host/runtime-config.js";
import { startLocalTabServer, startTabServer, type TabServer } from "../../src/tab-server/index.js";
import { aMeeting, anAgendaItem, aRef } from "../support/builders.js";
import { adminToken } from "../support/m365.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const TEAMS_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.microsoft365.com",
];

function directives(header: string | null): Map<string, string[]> {
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** A raw GET with the path sent exactly as given (fetch would normalise "/../"). */
function rawGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

let sp: ProvisionedSp;
let bundle: string;
let local: TabServer & { teamsHostUrl: string };
let teams: TabServer;

beforeAll(async () => {
  // A stand-in bundle: the server's behaviour does not depend on what webpack wrote.
  bundle = mkdtempSync(join(tmpdir(), "digistyr-tab-"));
  writeFileSync(
    join(bundle, "index.html"),
    '<!doctype html><html lang="da"><head><script defer src="main.0123456789ab.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(bundle, "main.0123456789ab.js"), "console.log('tab');");
  sp = await startProvisionedSp();
  local = await startLocalTabServer({ m365: sp.m365, root: bundle });
  teams = await startTabServer({
    root: bundle,
    mode: "teams",
    config: () =>
      Promise.resolve({
        mode: "teams",
        siteUrl: "https://demokommune.sharepoint.com/sites/digistyr",
        graphBaseUrl: "https://graph.microsoft.com/v1.0",
        clientId: "11111111-2222-3333-4444-555555555555",
        tenantId: "0b5a6f1e-3c1d-4a7e-9f52-6d2c8e1a4b01",
      }),
    sharePointOrigin: "https://demokommune.sharepoint.com",
    graphOrigin: "https://graph.microsoft.com",
  });
});

afterAll(async () => {
  await Promise.allSettled([local?.close(), teams?.close(), sp?.close()]);
  rmSync(bundle, { recursive: true, force: true });
});

describe("the page's Content-Security-Policy", () => {
  test("in Teams mode allows scripts only from itself (and WebAssembly compilation), connections only to SharePoint, Graph and login, and framing only by Teams and Microsoft 365", async () => {
    const r = await fetch(`${teams.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = directives(r.headers.get("content-security-policy"));
    expect(Object.fromEntries(csp)).toEqual({
      "default-src": ["'self'"],
      // 'wasm-unsafe-eval': the optimizer's HiGHS WebAssembly compiles (no JavaScript eval).
      "script-src": ["'self'", "'wasm-unsafe-eval'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "connect-src": [
        "'self'",
        "https://demokommune.sharepoint.com",
        "https://graph.microsoft.com",
        "https://login.microsoftonline.com",
        // teams-js fetches its list of valid Teams hosts from Microsoft's CDN.
        "https://res.cdn.office.net",
      ],
      "frame-src": ["'self'", "https://login.microsoftonline.com"],
      "frame-ancestors": TEAMS_ANCESTORS,
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
    });
  });

  test("in local mode also lets the local Teams host page frame the tab and connects to the local Microsoft 365", async () => {
    const r = await fetch(`${local.url}/index.html`);
    const csp = directives(r.headers.get("content-security-policy"));
    expect(csp.get("frame-ancestors")).toEqual(["'self'", ...TEAMS_ANCESTORS]);
    // SharePoint and Graph share the local server's origin: listed once.
    expect(csp.get("connect-src")).toEqual([
      "'self'",
      sp.m365.origin,
      "https://login.microsoftonline.com",
      "https://res.cdn.office.net",
    ]);
    expect(csp.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});

describe("the runtime config", () => {
  test("in local mode lists the demo users with roles from their SharePoint groups, in the announced order", async () => {
    const r = await fetch(`${local.url}/runtime-config.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const config = parseRuntimeConfig(await r.json());
    expect(config.mode).toBe("local");
    if (config.mode !== "local") return;
    expect(config.siteUrl).toBe(sp.m365.sharepoint);
    expect(config.graphBaseUrl).toBe(sp.m365.graph);
    expect(config.demoUsers.map((u) => u.upn)).toEqual(sp.m365.users);
    const roles = Object.fromEntries(config.demoUsers.map((u) => [u.displayName, u.roles]));
    expect(roles["Niels Fogh"]).toEqual(["owner"]);
    expect(roles["Birgitte Holm"]).toEqual(["chair", "member"]);
    expect(roles["Mads Kjær"]).toEqual(["secretary"]);
    expect(roles["Jonas Lind"]).toEqual(["member"]);
    expect(roles["Thomas Berg"]).toEqual(["contributor"]);
    const mads = config.demoUsers.find((u) => u.displayName === "Mads Kjær");
    expect(mads?.jobTitle).toBe("Digitaliseringssekretær");
  });

  test("follows group membership changes on the site without a restart", async () => {
    const secretariat = `${sp.siteUrl}/_api/web/sitegroups/getbyname('Sekretariat')/users`;
    // Group membership is managed by the site owner with AllSites.FullControl (provisioning's
    // identity), never by the tab's token.
    const added = await fetch(secretariat, {
      method: "POST",
      headers: {
        Authorization: adminToken(sp.users.owner),
        Accept: "application/json",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        LoginName: "i:0#.f|membership|sara.nielsen@demokommune.onmicrosoft.com",
      }),
    });
    expect(added.ok).toBe(true);
    const config = parseRuntimeConfig(
      await (await fetch(`${local.url}/runtime-config.json`)).json(),
    );
    const sara =
      config.mode === "local"
        ? config.demoUsers.find((u) => u.displayName === "Sara Nielsen")
        : undefined;
    expect(sara?.roles).toEqual(["secretary", "contributor"]);
  });

  test("in Teams mode carries the Entra app and the production URLs", async () => {
    const config = parseRuntimeConfig(
      await (await fetch(`${teams.url}/runtime-config.json`)).json(),
    );
    expect(config).toEqual({
      mode: "teams",
      siteUrl: "https://demokommune.sharepoint.com/sites/digistyr",
      graphBaseUrl: "https://graph.microsoft.com/v1.0",
      clientId: "11111111-2222-3333-4444-555555555555",
      tenantId: "0b5a6f1e-3c1d-4a7e-9f52-6d2c8e1a4b01",
    });
  });
});

describe("the local Teams host page", () => {
  test("is served in local mode with the same policy and no inline script", async () => {
    const r = await fetch(local.teamsHostUrl);
    expect(r.status).toBe(200);
    expect(directives(r.headers.get("content-security-policy")).get("script-src")).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
    ]);
    const html = await r.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc="\/teams-host\.js"/);
      expect(body!.trim()).toBe("");
    }
    const script = await fetch(`${local.url}/teams-host.js`);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('case "getContext"');
  });

  test("gets the team, channel, site and demo users (with Danish role names) to answer getContext", async () => {
    const config = (await (await fetch(`${local.url}/teams-host-config.json`)).json()) as {
      siteUrl: string;
      team: { name: string };
      channel: { id: string };
      users: { displayName: string; roles: string[] }[];
    };
    expect(config.siteUrl).toBe(sp.m365.sharepoint);
    expect(config.team.name).toBe("Digitaliseringsstyregruppen");
    expect(config.channel.id).toMatch(/^19:/);
    expect(config.users.find((u) => u.displayName === "Mads Kjær")?.roles).toEqual(["Sekretær"]);
  });

  test.each(["/teams-host.html", "/teams-host.js", "/teams-host-config.json"])(
    "%s does not exist in Teams mode",
    async (path) => {
      expect((await fetch(`${teams.url}${path}`)).status).toBe(404);
    },
  );
});

describe("everything else", () => {
  test("content-hashed scripts are cached for a year, the page is revalidated", async () => {
    const js = await fetch(`${local.url}/main.0123456789ab.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${local.url}/`)).headers.get("cache-control")).toBe("no-cache");
  });

  test.each(["/nope.js", "/%2e%2e/package.json", "/../package.json", "/src/main.tsx"])(
    "%s is 404",
    async (path) => {
      expect(await rawGet(local.port, path)).toBe(404);
    },
  );

  test("writes are not allowed", async () => {
    const r = await fetch(`${local.url}/runtime-config.json`, { method: "POST", body: "{}" });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("roles are enforced by the server, not only hidden in the UI", () => {
  let meeting: MeetingId;

  beforeAll(async () => {
    const secretary = sp.adaptersFor(sp.users.secretary).repositories;
    meeting = (await secretary.meetings.add(aMeeting({ title: "Styregruppemøde, marts" }))).id;
  });

  test("the secretary can add and edit agenda items", async () => {
    const agenda = sp.adaptersFor(sp.users.secretary).repositories.agendaItems;
    const item = await agenda.add(
      anAgendaItem({ title: "Godkendelse af dagsorden", meeting: aRef<MeetingId>(meeting) }),
    );
    await agenda.update({ ...item, title: "Godkendelse af dagsorden og referat" });
    expect((await agenda.get(item.id)).title).toBe("Godkendelse af dagsorden og referat");
  });

  test("a member's attempt to add an agenda item is refused by SharePoint as Forbidden", async () => {
    const member = sp.users.members.find((u) => u.startsWith("jonas.lind"))!;
    const agenda = sp.adaptersFor(member).repositories.agendaItems;
    const attempt = agenda.add(
      anAgendaItem({ title: "Mit eget punkt", meeting: aRef<MeetingId>(meeting) }),
    );
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({ kind: "Forbidden" });
  });

  test("a member's attempt to edit the secretary's agenda item is refused, and the item is unchanged", async () => {
    const secretary = sp.adaptersFor(sp.users.secretary).repositories.agendaItems;
    const item = await secretary.add(
      anAgendaItem({ title: "Status på porteføljen", meeting: aRef<MeetingId>(meeting) }),
    );
    const member = sp.users.members.find((u) => u.startsWith("jonas.lind"))!;
    const memberAgenda = sp.adaptersFor(member).repositories.agendaItems;
    const seen = await memberAgenda.get(item.id);
    let refused: unknown;
    try {
      await memberAgenda.update({ ...seen, title: "Ændret af et medlem" });
    } catch (e) {
      refused = e;
    }
    expect(isStoreError(refused, "Forbidden")).toBe(true);
    expect((await secretary.get(item.id)).title).toBe("Status på porteføljen");
  });
});
