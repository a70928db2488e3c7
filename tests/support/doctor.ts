/**
 * A provisioned local site for the doctor's tests, with the Settings a configured tab has (the
 * demo tenant's teams and channels, Direktørforum's address), plain REST to break it on purpose,
 * and the doctor run in-process through the real adapter.
 *
 * Provisioning takes seconds, so it runs once: the healthy site's SQLite store is kept as an
 * image, and each test starts its own local Microsoft 365 on a copy of it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { tenantBlueprint } from "../../src/adapters/tenant/blueprint.js";
import { createTenantProbe, graphBaseFor } from "../../src/adapters/tenant/index.js";
import { TAB_PERMISSIONS } from "../../src/host/permissions.js";
import { type DoctorReport, runDoctor } from "../../src/use-cases/doctor.js";
import { adminToken, type M365, startLocalM365 } from "./m365.js";
import { type ProvisionedSp, startProvisionedSp } from "./sp.js";

/** What the doctor's tests need of a site. */
export type DoctorSite = Pick<ProvisionedSp, "m365" | "siteUrl" | "users" | "close">;

/** A provisioned, configured site's store, to start copies of. */
export interface SiteImage {
  bytes: Buffer;
  users: ProvisionedSp["users"];
}

/** Provisions a site, writes the healthy Settings and keeps its store. */
export async function healthySiteImage(): Promise<SiteImage> {
  const sp = await startProvisionedSp();
  try {
    await seedSettings(sp);
    return { bytes: sp.m365.db.serialize(), users: sp.users };
  } finally {
    await sp.close();
  }
}

/** A local Microsoft 365 of its own on a copy of the image (removed again on close). */
export async function siteFromImage(
  image: SiteImage,
  options: Parameters<typeof startLocalM365>[0] = {},
): Promise<DoctorSite> {
  const dir = mkdtempSync(join(tmpdir(), "digistyr-doctor-"));
  writeFileSync(join(dir, "m365.sqlite"), image.bytes);
  let m365: M365;
  try {
    m365 = await startLocalM365({ ...options, dataDir: dir });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    m365,
    siteUrl: m365.sharepoint,
    users: image.users,
    close: async () => {
      await m365.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo tenant's teams and channels (src/emulator/directory.ts) and a mailbox. */
export const HEALTHY_SETTINGS: Readonly<Record<string, string>> = {
  "committee.teamId": "7c1d2e3f-0a1b-4c5d-8e9f-000000000001",
  "committee.channelId": "19:generelt-digistyr@thread.tacv2",
  "chefforum.teamId": "7c1d2e3f-0a1b-4c5d-8e9f-000000000002",
  "chefforum.channelId": "19:referater-chefforum@thread.tacv2",
  "direktoerforum.address": "direktoerforum@demokommune.onmicrosoft.com",
};

/** Plain SharePoint REST against the site with a full `Authorization` header value. */
export function rest(sp: Pick<DoctorSite, "siteUrl">) {
  const sitePath = new URL(sp.siteUrl).pathname;
  const call = async (
    path: string,
    authorization: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> => {
    const res = await fetch(`${sp.siteUrl}/_api/${path}`, {
      method: init.method ?? "GET",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        Authorization: authorization,
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return res;
  };
  const ok = async (...args: Parameters<typeof call>): Promise<unknown> => {
    const res = await call(...args);
    const text = await res.text();
    if (!res.ok) throw new Error(`${args[0]}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const list = (name: string) =>
    `web/getList('${encodeURIComponent(`${sitePath}/Lists/${name}`)}')`;
  return { call, ok, list };
}

/** Writes Settings items (as the secretary, who contributes to Settings). */
export async function seedSettings(
  sp: Pick<DoctorSite, "siteUrl" | "users">,
  settings: Readonly<Record<string, string>> = HEALTHY_SETTINGS,
): Promise<void> {
  const r = rest(sp);
  for (const [key, value] of Object.entries(settings)) {
    await r.ok(`${r.list("Settings")}/items`, `Bearer dev:${sp.users.secretary}`, {
      method: "POST",
      body: { Title: key, SettingKey: key, Value: value },
    });
  }
}

/** The site owner as the provisioning identity (AllSites.FullControl). */
export function ownerAdmin(sp: Pick<DoctorSite, "users">): string {
  return adminToken(sp.users.owner);
}

/**
 * Runs the doctor in-process as `npm run doctor` does: `token` (a raw token, without
 * "Bearer ") for SharePoint and Graph, optionally an administrator token, the tab's origin of
 * `npm start`.
 */
export function doctorAs(
  siteUrl: string,
  options: { token: string; adminToken?: string },
): Promise<DoctorReport> {
  const raw = (t: string) => t.replace(/^Bearer\s+/i, "");
  const probe = createTenantProbe({
    siteUrl,
    graphBaseUrl: graphBaseFor(siteUrl),
    tokens: { getToken: () => Promise.resolve(raw(options.token)) },
    ...(options.adminToken
      ? { adminTokens: { getToken: () => Promise.resolve(raw(options.adminToken!)) } }
      : {}),
    cors: { kind: "origin", origin: "http://localhost:4300" },
    retry: { sleep: () => Promise.resolve() },
  });
  return runDoctor(probe, tenantBlueprint(TAB_PERMISSIONS));
}
