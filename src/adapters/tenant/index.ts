/**
 * The doctor's `TenantProbe` over plain HTTP (`fetch`), for `npm run doctor` in Node and the
 * Systemtjek page in the browser. Plain requests rather than PnPjs and graph-client because the
 * doctor needs the wire itself: status codes that tell a missing permission from a missing
 * team, the CORS headers a page of the tab's origin gets, and the raw token's claims.
 *
 * Every request reads, or is a probe that cannot change anything: a write to an item or event
 * that does not exist, a mail without a message, a post to a team that does not exist.
 * Throttled requests (429, 503, and 504 for reads) are retried by the adapters' one retry policy
 * (`../retry-policy.ts`: Retry-After honoured, within a budget of waiting time).
 */
import { StoreError, type StoreErrorKind } from "../../domain/errors.js";
import type {
  FieldFacts,
  GroupFacts,
  ListFacts,
  Mask,
  RoleAssignmentFacts,
  RoleDefinitionFacts,
} from "../../domain/readiness.js";
import type { TokenAudience, TokenProvider } from "../../ports/auth.js";
import type {
  ChannelReach,
  EtagExposure,
  MailboxFacts,
  ProbeResult,
  ServiceReach,
  SiteAnswer,
  SiteFacts,
  TenantProbe,
  TokenClaims,
} from "../../ports/tenant.js";
import {
  isRetryableStatus,
  resolveRetryPolicy,
  retryAfterMs,
  RetryBudget,
  type RetryPolicyOptions,
} from "../retry-policy.js";
import { claimsOf } from "./token-claims.js";

export { claimsOf, jwtPayload } from "./token-claims.js";

/**
 * How the ETag check runs:
 * - `origin` (Node, `npm run doctor`): sends the tab's `Origin` and reads the CORS headers a
 *   browser would get (Access-Control-Allow-Origin, -Expose-Headers, and a preflight for
 *   If-Match);
 * - `browser` (the tab): reads an item cross-origin and looks whether the `ETag` header is
 *   visible, and sends a harmless If-Match request to see that its preflight passes;
 * - `none`: no origin to check from.
 */
export type CorsCheck =
  { kind: "origin"; origin: string } | { kind: "browser"; origin: string } | { kind: "none" };

export interface TenantProbeOptions {
  /** Absolute URL of the site, e.g. https://contoso.sharepoint.com/sites/digistyr. */
  siteUrl: string;
  /** Graph base URL including the version, e.g. https://graph.microsoft.com/v1.0. */
  graphBaseUrl: string;
  /** The signed-in user's tokens (the tab's, or `--token` / `--graph-token`). */
  tokens: TokenProvider;
  /**
   * Optional: the provisioning identity's SharePoint token (AllSites.FullControl), used to read
   * lists, fields, levels, groups and role assignments as a site owner.
   */
  adminTokens?: TokenProvider;
  cors: CorsCheck;
  fetch?: typeof fetch;
  /** Retries of throttled requests (tests record the waits instead of sleeping). */
  retry?: RetryPolicyOptions;
}

/** The Settings list's internal field names (lists-schema/Settings.json). */
const SETTINGS = { list: "Settings", key: "SettingKey", value: "Value" } as const;

/** An id no team, group or event has: requests to it answer "not found" once allowed. */
const NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";
const NO_SUCH_CHANNEL = "19:00000000000000000000000000000000@thread.tacv2";
const NO_SUCH_EVENT = "AAMkAGRpZ2lzdHlyLWRvY3Rvci1wcm9iZQ";
/** The largest item id SharePoint can have: no item has it. */
const NO_SUCH_ITEM = 2147483647;

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The error message of a SharePoint or Graph error body. */
function errorMessage(json: unknown, text: string): string {
  if (isRecord(json)) {
    const e = (json["odata.error"] ?? json.error) as Json | undefined;
    if (isRecord(e)) {
      const m = e.message;
      if (typeof m === "string") return m;
      if (isRecord(m) && typeof m.value === "string") return m.value;
    }
  }
  return text.slice(0, 200);
}

function errorCode(json: unknown): string {
  if (isRecord(json)) {
    const e = (json["odata.error"] ?? json.error) as Json | undefined;
    if (isRecord(e) && typeof e.code === "string") return e.code;
  }
  return "";
}

function kindOf(status: number): StoreErrorKind {
  if (status === 403 || status === 401) return "Forbidden";
  if (status === 404) return "NotFound";
  if (status === 409 || status === 412) return "Conflict";
  if (status === 429) return "Throttled";
  if (status >= 500) return "Unavailable";
  return "Invalid";
}

function failure(a: Answer): StoreError {
  return new StoreError(kindOf(a.status), errorMessage(a.json, a.text), {
    status: a.status,
    code: errorCode(a.json),
  });
}

function describe(a: Answer): string {
  return `HTTP ${a.status}${a.text ? `: ${errorMessage(a.json, a.text)}` : ""}`;
}

function values(json: unknown): Json[] {
  if (!isRecord(json)) return [];
  const v = json.value ?? (isRecord(json.d) ? (json.d.results ?? json.d) : undefined);
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function results(v: unknown): unknown[] {
  if (Array.isArray(v)) return v as unknown[];
  if (isRecord(v) && Array.isArray(v.results)) return v.results as unknown[];
  return [];
}

function str(v: unknown): string {
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

function maskOf(v: unknown): Mask {
  const o = isRecord(v) ? v : {};
  return { High: Number(o.High ?? 0), Low: Number(o.Low ?? 0) };
}

function roleDefinition(d: Json): RoleDefinitionFacts {
  return {
    id: Number(d.Id),
    name: str(d.Name),
    roleTypeKind: Number(d.RoleTypeKind ?? 0),
    mask: maskOf(d.BasePermissions),
  };
}

export function createTenantProbe(options: TenantProbeOptions): TenantProbe {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const policy = resolveRetryPolicy(options.retry);
  const siteUrl = options.siteUrl.replace(/\/+$/, "");
  const sitePath = new URL(siteUrl).pathname.replace(/\/+$/, "");
  const graph = options.graphBaseUrl.replace(/\/+$/, "");
  const structureTokens = options.adminTokens ?? options.tokens;

  async function send(
    url: string,
    tokens: TokenProvider,
    audience: TokenAudience,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const token = await tokens.getToken(audience);
    const headers: Record<string, string> = {
      Accept: audience === "sharepoint" ? "application/json;odata=nometadata" : "application/json",
      Authorization: `Bearer ${token}`,
      ...init.headers,
    };
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    const method = init.method ?? "GET";
    const budget = new RetryBudget(policy);
    for (;;) {
      const res = await doFetch(url, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await res.text();
      if (isRetryableStatus(res.status, method)) {
        const wait = budget.next(retryAfterMs(res.headers.get("retry-after"), policy.now));
        if (wait !== undefined) {
          await budget.wait(res.status, wait);
          continue;
        }
      }
      let json: unknown;
      try {
        json = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, json, text };
    }
  }

  const sp = (path: string, tokens = structureTokens, init?: Parameters<typeof send>[3]) =>
    send(`${siteUrl}/_api/${path}`, tokens, "sharepoint", init);
  const gr = (path: string, init?: Parameters<typeof send>[3]) =>
    send(`${graph}${path}`, options.tokens, "graph", init);

  async function read(path: string, tokens = structureTokens): Promise<unknown> {
    const a = await sp(path, tokens);
    if (a.status < 200 || a.status > 299) throw failure(a);
    return a.json;
  }

  /** `getList('<site path>/Lists/<name>')`, encoded as PnPjs encodes it. */
  const listPath = (name: string) =>
    `web/getList('${encodeURIComponent(`${sitePath}/Lists/${name}`.replace(/'/g, "''"))}')`;

  async function whoAmI(tokens: TokenProvider, ownerGroupId: number | undefined) {
    const me = (await read(
      "web/currentuser?$select=Id,Title,LoginName,IsSiteAdmin",
      tokens,
    )) as Json;
    let owns = me.IsSiteAdmin === true;
    if (!owns && ownerGroupId !== undefined) {
      const groups = values(await read("web/currentuser/groups?$select=Id", tokens));
      owns = groups.some((g) => Number(g.Id) === ownerGroupId);
    }
    return { title: str(me.Title), login: str(me.LoginName), owns };
  }

  async function site(): Promise<SiteAnswer> {
    let first: Answer;
    try {
      first = await sp("web?$select=Title,Url", options.tokens);
    } catch (e) {
      return {
        reachable: false,
        why: { kind: "network", detail: e instanceof Error ? e.message : String(e) },
      };
    }
    if (first.status !== 200) {
      const detail = describe(first);
      const why =
        first.status === 401
          ? ({ kind: "unauthorized", detail } as const)
          : first.status === 403
            ? ({ kind: "forbidden", detail } as const)
            : first.status === 404
              ? ({ kind: "notFound", detail } as const)
              : ({ kind: "other", status: first.status, detail } as const);
      return { reachable: false, why };
    }
    const web = isRecord(first.json) ? first.json : {};
    let ownerGroup: SiteFacts["ownerGroup"];
    try {
      const g = (await read("web/associatedownergroup?$select=Id,Title", options.tokens)) as Json;
      ownerGroup = { id: Number(g.Id), title: str(g.Title) };
    } catch {
      ownerGroup = undefined;
    }
    const user = await whoAmI(options.tokens, ownerGroup?.id);
    const facts: SiteFacts = {
      url: str(web.Url) || siteUrl,
      title: str(web.Title),
      user: { title: user.title, login: user.login },
      userOwnsSite: user.owns,
      ...(ownerGroup ? { ownerGroup } : {}),
    };
    if (options.adminTokens) {
      const admin = await whoAmI(options.adminTokens, ownerGroup?.id);
      facts.admin = { title: admin.title, ownsSite: admin.owns };
    }
    return { reachable: true, site: facts };
  }

  async function lists(): Promise<ListFacts[]> {
    const rows = values(
      await read(
        "web/lists?$select=Id,Title,ReadSecurity,WriteSecurity,EnableVersioning,HasUniqueRoleAssignments,RootFolder/ServerRelativeUrl&$expand=RootFolder",
      ),
    );
    const out: ListFacts[] = [];
    for (const l of rows) {
      const url = str(isRecord(l.RootFolder) ? l.RootFolder.ServerRelativeUrl : "");
      const m = /\/Lists\/([^/]+)\/?$/i.exec(url);
      if (!m?.[1]) continue;
      out.push({
        name: decodeURIComponent(m[1]),
        title: str(l.Title),
        id: str(l.Id),
        readSecurity: Number(l.ReadSecurity ?? 1),
        writeSecurity: Number(l.WriteSecurity ?? 1),
        versioning: l.EnableVersioning === true,
        uniquePermissions: l.HasUniqueRoleAssignments === true,
      });
    }
    return out;
  }

  async function fields(list: string): Promise<FieldFacts[]> {
    return values(await read(`${listPath(list)}/fields`)).map((f) => ({
      name: str(f.InternalName),
      typeName: str(f.TypeAsString),
      required: f.Required === true,
      indexed: f.Indexed === true,
      unique: f.EnforceUniqueValues === true,
      choices: results(f.Choices).map(str),
      ...(f.LookupList ? { lookupListId: str(f.LookupList) } : {}),
    }));
  }

  async function roleDefinitions(): Promise<RoleDefinitionFacts[]> {
    return values(
      await read("web/roledefinitions?$select=Id,Name,RoleTypeKind,BasePermissions"),
    ).map(roleDefinition);
  }

  async function siteGroups(): Promise<GroupFacts[]> {
    return values(await read("web/sitegroups?$select=Id,Title,OnlyAllowMembersViewMembership")).map(
      (g) => ({
        id: Number(g.Id),
        title: str(g.Title),
        membershipVisibleToAll: g.OnlyAllowMembersViewMembership !== true,
      }),
    );
  }

  async function roleAssignments(list?: string): Promise<RoleAssignmentFacts[] | "denied"> {
    const a = await sp(
      `${list ? listPath(list) : "web"}/roleassignments?$expand=Member,RoleDefinitionBindings`,
    );
    if (a.status === 403) return "denied";
    if (a.status !== 200) throw failure(a);
    return values(a.json).map((r) => ({
      principalId: Number(r.PrincipalId),
      principal: str(isRecord(r.Member) ? r.Member.Title : "") || `#${str(r.PrincipalId)}`,
      levels: results(r.RoleDefinitionBindings).filter(isRecord).map(roleDefinition),
    }));
  }

  async function claims(audience: TokenAudience): Promise<TokenClaims> {
    return claimsOf(await options.tokens.getToken(audience));
  }

  /** Decides a probe from its status: which statuses mean present, which missing. */
  function decide(a: Answer, present: readonly number[]): ProbeResult {
    if (present.includes(a.status)) return { outcome: "present" };
    if (a.status === 403) return { outcome: "missing" };
    return { outcome: "unknown", detail: describe(a) };
  }

  const GRAPH_PROBES: Record<string, () => Promise<ProbeResult>> = {
    "User.Read": async () => decide(await gr("/me?$select=id"), [200]),
    "User.ReadBasic.All": async () => decide(await gr("/users?$top=1&$select=id"), [200]),
    "GroupMember.Read.All": async () =>
      decide(await gr(`/groups/${NO_SUCH_ID}/members?$top=1&$select=id`), [404]),
    "Calendars.ReadBasic": async () => decide(await gr("/me/events?$top=1&$select=id"), [200]),
    "Calendars.Read": async () => decide(await gr("/me/events?$top=1&$select=id"), [200]),
    // A change to an event that does not exist: allowed it is "not found" (or a malformed id).
    "Calendars.ReadWrite": async () =>
      decide(await gr(`/me/events/${NO_SUCH_EVENT}`, { method: "PATCH", body: {} }), [404, 400]),
    // A post to a team that does not exist.
    "ChannelMessage.Send": async () =>
      decide(
        await gr(`/teams/${NO_SUCH_ID}/channels/${encodeURIComponent(NO_SUCH_CHANNEL)}/messages`, {
          method: "POST",
          body: {},
        }),
        [404, 400],
      ),
    "ChannelMessage.Read.All": async () =>
      decide(
        await gr(
          `/teams/${NO_SUCH_ID}/channels/${encodeURIComponent(NO_SUCH_CHANNEL)}/messages?$top=1`,
        ),
        [404],
      ),
    // A mail without a message cannot be sent: allowed it is a 400.
    "Mail.Send": async () => decide(await gr("/me/sendMail", { method: "POST", body: {} }), [400]),
    "Team.ReadBasic.All": async () => decide(await gr("/me/joinedTeams?$select=id"), [200]),
    "Channel.ReadBasic.All": async () =>
      decide(await gr(`/teams/${NO_SUCH_ID}/channels?$select=id`), [404]),
  };

  /**
   * AllSites.Write without writing: an item with a property no list has, sent to a list the
   * user may add items to. SharePoint refuses it with 400 once the scope allows the write, 403
   * before. Lists tried: PersonalItems (every committee member adds their own), then Settings.
   */
  async function probeSharePointWrite(): Promise<ProbeResult> {
    for (const name of ["PersonalItems", SETTINGS.list]) {
      const perms = await sp(`${listPath(name)}/EffectiveBasePermissions`, options.tokens);
      if (perms.status !== 200) continue;
      const mask = maskOf(perms.json);
      // SP.PermissionKind.AddListItems = 2 (bit 1 of Low).
      if (Math.floor(mask.Low / 2) % 2 !== 1) continue;
      const a = await sp(`${listPath(name)}/items`, options.tokens, {
        method: "POST",
        body: { DigistyrDoctorProbe: "" },
      });
      return decide(a, [400]);
    }
    return { outcome: "unknown", detail: "no list the user may add items to" };
  }

  async function probe(audience: TokenAudience, scope: string): Promise<ProbeResult> {
    if (audience === "graph") {
      const run = GRAPH_PROBES[scope];
      return run ? run() : { outcome: "unknown", detail: "no probe for this permission" };
    }
    switch (scope) {
      case "AllSites.Read":
        return decide(await sp("web?$select=Id", options.tokens), [200]);
      case "AllSites.Write":
        return probeSharePointWrite();
      default:
        return { outcome: "unknown", detail: "no probe for this permission" };
    }
  }

  async function settings(): Promise<ReadonlyMap<string, string>> {
    const rows = values(
      await read(
        `${listPath(SETTINGS.list)}/items?$select=${SETTINGS.key},${SETTINGS.value}&$top=5000`,
      ),
    );
    const out = new Map<string, string>();
    for (const r of rows) out.set(str(r[SETTINGS.key]), str(r[SETTINGS.value]));
    return out;
  }

  /** A 403 for lack of a permission rather than of team membership (Graph says "scope"). */
  const isScopeDenial = (a: Answer) =>
    /scope|insufficient privileges|access is denied/i.test(errorMessage(a.json, a.text));

  async function channel(teamId: string, channelId: string): Promise<ChannelReach> {
    const team = await gr(`/teams/${encodeURIComponent(teamId)}?$select=id,displayName`);
    if (team.status === 404 || team.status === 400) return { kind: "teamNotFound" };
    if (team.status === 403) {
      return isScopeDenial(team)
        ? { kind: "denied", detail: describe(team) }
        : { kind: "notMember" };
    }
    if (team.status !== 200) return { kind: "error", detail: describe(team) };
    const teamName = str(isRecord(team.json) ? team.json.displayName : "") || teamId;
    const ch = await gr(
      `/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}?$select=id,displayName`,
    );
    if (ch.status === 404 || ch.status === 400) return { kind: "channelNotFound", team: teamName };
    if (ch.status === 403) {
      return isScopeDenial(ch)
        ? { kind: "denied", detail: describe(ch) }
        : { kind: "notMember", team: teamName };
    }
    if (ch.status !== 200) return { kind: "error", detail: describe(ch) };
    return {
      kind: "ok",
      team: teamName,
      channel: str(isRecord(ch.json) ? ch.json.displayName : "") || channelId,
    };
  }

  async function calendar(): Promise<ServiceReach> {
    const a = await gr("/me/events?$top=1&$select=id");
    if (a.status === 200) return { kind: "ok" };
    if (a.status === 403) return { kind: "denied", detail: describe(a) };
    return { kind: "error", detail: describe(a) };
  }

  async function mailbox(): Promise<MailboxFacts> {
    const a = await gr("/me?$select=id,mail,userPrincipalName");
    if (a.status === 200) {
      const mail = isRecord(a.json) ? a.json.mail : undefined;
      return { kind: "ok", address: typeof mail === "string" && mail !== "" ? mail : null };
    }
    if (a.status === 403) return { kind: "denied", detail: describe(a) };
    return { kind: "error", detail: describe(a) };
  }

  /** An item of Settings the user can read (SharePoint answers an item with its ETag). */
  async function etagTarget(): Promise<string | undefined> {
    const a = await sp(`${listPath(SETTINGS.list)}/items?$select=Id&$top=1`, options.tokens);
    const first = values(a.json)[0];
    if (a.status !== 200 || !first) return undefined;
    return `${siteUrl}/_api/${listPath(SETTINGS.list)}/items(${Number(first.Id)})`;
  }

  const headerList = (h: string | null) =>
    (h ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s !== "");

  async function etag(): Promise<EtagExposure> {
    const cors = options.cors;
    if (cors.kind === "none") return { kind: "notChecked", reason: "noOrigin" };
    // Without an item, the command line still sees the CORS headers on the site itself; the
    // browser can only look for the ETag header on an item.
    const target =
      (await etagTarget()) ??
      (cors.kind === "origin" ? `${siteUrl}/_api/web?$select=Id` : undefined);
    if (!target) return { kind: "notChecked", reason: "noItem" };
    const token = await options.tokens.getToken("sharepoint");
    const problems: ("originRefused" | "etagHidden" | "ifMatchRefused")[] = [];
    if (cors.kind === "origin") {
      // What a browser on the tab's origin would be told (the Fetch standard's CORS check).
      const res = await doFetch(target, {
        headers: {
          Accept: "application/json;odata=nometadata",
          Authorization: `Bearer ${token}`,
          Origin: cors.origin,
        },
      });
      await res.arrayBuffer();
      const allow = res.headers.get("access-control-allow-origin");
      if (allow !== "*" && allow !== cors.origin) problems.push("originRefused");
      const exposed = headerList(res.headers.get("access-control-expose-headers"));
      if (!exposed.includes("etag") && !exposed.includes("*")) problems.push("etagHidden");
      const pre = await doFetch(target, {
        method: "OPTIONS",
        headers: {
          Origin: cors.origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,content-type,if-match,x-http-method",
        },
      });
      await pre.arrayBuffer();
      const preAllow = pre.headers.get("access-control-allow-origin");
      const allowed = headerList(pre.headers.get("access-control-allow-headers"));
      if (
        pre.status < 200 ||
        pre.status > 299 ||
        (preAllow !== "*" && preAllow !== cors.origin) ||
        (!allowed.includes("if-match") && !allowed.includes("*"))
      ) {
        problems.push("ifMatchRefused");
      }
    } else {
      // In the browser: the browser runs the CORS check itself; a refused one is a TypeError.
      try {
        const res = await doFetch(target, {
          headers: {
            Accept: "application/json;odata=nometadata",
            Authorization: `Bearer ${token}`,
          },
        });
        await res.arrayBuffer();
        if (res.headers.get("etag") === null) problems.push("etagHidden");
      } catch {
        problems.push("originRefused");
      }
      if (!problems.includes("originRefused")) {
        try {
          // If-Match on an item that does not exist: the preflight must allow it; the answer
          // is "not found" and nothing changes.
          const res = await doFetch(target.replace(/items\(\d+\)$/, `items(${NO_SUCH_ITEM})`), {
            method: "POST",
            headers: {
              Accept: "application/json;odata=nometadata",
              Authorization: `Bearer ${token}`,
              "Content-Type": "application/json",
              "If-Match": "*",
              "X-HTTP-Method": "MERGE",
            },
            body: "{}",
          });
          await res.arrayBuffer();
        } catch {
          problems.push("ifMatchRefused");
        }
      }
    }
    return problems.length === 0
      ? { kind: "exposed", origin: cors.origin }
      : { kind: "notExposed", origin: cors.origin, problems };
  }

  return {
    site,
    lists,
    fields,
    roleDefinitions,
    siteGroups,
    roleAssignments,
    claims,
    probe,
    settings,
    channel,
    calendar,
    mailbox,
    etag,
  };
}

/**
 * The Graph base for a site: the local Microsoft 365 serves Graph on the site's own origin
 * (`<origin>/v1.0`), so a site on a loopback host gets that; any other site gets
 * `https://graph.microsoft.com/v1.0`.
 */
export function graphBaseFor(siteUrl: string): string {
  const u = new URL(siteUrl);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
  return loopback ? `${u.origin}/v1.0` : "https://graph.microsoft.com/v1.0";
}
