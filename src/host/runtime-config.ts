/**
 * The runtime configuration the tab fetches from `/runtime-config.json` (served by the tab
 * server; never inlined, because the page's Content-Security-Policy forbids inline scripts).
 * Production and local mode differ only by these base URLs and by how tokens are obtained.
 */
import { type Role, ROLE_LABELS } from "../domain/roles.js";

/** A demo identity of the local Microsoft 365, with the roles its site groups give it. */
export interface DemoIdentity {
  upn: string;
  displayName: string;
  jobTitle?: string;
  department?: string;
  roles: Role[];
}

interface CommonConfig {
  /** The portfolio site, e.g. `https://contoso.sharepoint.com/sites/digistyr`. */
  siteUrl: string;
  /** Graph base URL including the version, e.g. `https://graph.microsoft.com/v1.0`. */
  graphBaseUrl: string;
}

export interface LocalRuntimeConfig extends CommonConfig {
  mode: "local";
  demoUsers: DemoIdentity[];
}

export interface TeamsRuntimeConfig extends CommonConfig {
  mode: "teams";
  /** The Entra app registration (client) id. */
  clientId: string;
  /** The Entra tenant id (or "organizations"). */
  tenantId: string;
  /**
   * The id Teams uses in deep links into the tab; optional. For an app uploaded to the
   * organisation's app catalog that is the id the catalog assigned (teamsApp `id`), not the
   * manifest's `id` (its `externalId`); for a custom app uploaded by a user it is the manifest's
   * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
   * https://learn.microsoft.com/graph/api/resources/teamsapp
   */
  teamsAppId?: string;
}

export type RuntimeConfig = LocalRuntimeConfig | TeamsRuntimeConfig;

export class RuntimeConfigError extends Error {
  override readonly name = "RuntimeConfigError";
}

const ROLES = new Set(Object.keys(ROLE_LABELS));

function text(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== "string" || v.trim() === "") {
    throw new RuntimeConfigError(`runtime-config.json: "${key}" must be a non-empty string`);
  }
  return v;
}

function url(o: Record<string, unknown>, key: string): string {
  const v = text(o, key);
  try {
    return new URL(v).toString().replace(/\/+$/, "");
  } catch {
    throw new RuntimeConfigError(`runtime-config.json: "${key}" is not an absolute URL: ${v}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function demoIdentity(v: unknown): DemoIdentity {
  if (!isRecord(v))
    throw new RuntimeConfigError("runtime-config.json: a demo user is not an object");
  const roles = Array.isArray(v.roles) ? v.roles : [];
  return {
    upn: text(v, "upn"),
    displayName: text(v, "displayName"),
    ...(typeof v.jobTitle === "string" ? { jobTitle: v.jobTitle } : {}),
    ...(typeof v.department === "string" ? { department: v.department } : {}),
    roles: roles.filter((r): r is Role => typeof r === "string" && ROLES.has(r)),
  };
}

/** Checks the shape of a parsed runtime-config.json; throws `RuntimeConfigError` naming the field. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (!isRecord(raw)) throw new RuntimeConfigError("runtime-config.json is not a JSON object");
  if (raw.mode !== "local" && raw.mode !== "teams") {
    throw new RuntimeConfigError('runtime-config.json: "mode" must be "local" or "teams"');
  }
  const common = { siteUrl: url(raw, "siteUrl"), graphBaseUrl: url(raw, "graphBaseUrl") };
  if (raw.mode === "local") {
    if (!Array.isArray(raw.demoUsers)) {
      throw new RuntimeConfigError('runtime-config.json: "demoUsers" must be an array');
    }
    return { mode: "local", ...common, demoUsers: raw.demoUsers.map(demoIdentity) };
  }
  return {
    mode: "teams",
    ...common,
    clientId: text(raw, "clientId"),
    tenantId: text(raw, "tenantId"),
    ...(typeof raw.teamsAppId === "string" && raw.teamsAppId.trim() !== ""
      ? { teamsAppId: raw.teamsAppId.trim() }
      : {}),
  };
}

/** Fetches and checks `/runtime-config.json`. */
export async function fetchRuntimeConfig(
  fetchFn: typeof fetch = fetch,
  path = "runtime-config.json",
): Promise<RuntimeConfig> {
  const response = await fetchFn(path, { cache: "no-store" });
  if (!response.ok) {
    throw new RuntimeConfigError(`runtime-config.json could not be read (HTTP ${response.status})`);
  }
  return parseRuntimeConfig(await response.json());
}
