/**
 * The doctor: is this tenant ready for Digistyr? Reads the site, its lists, fields, permission
 * levels, groups and role assignments, the tokens' delegated permissions, the Teams channels
 * named in Indstillinger, the calendar, the mailbox and the browser's view of ETag, through the
 * `TenantProbe` port, and answers one row per check (ok / warning / failure, the fix for each
 * failure). `npm run doctor` prints the rows; the Systemtjek page shows them to site owners.
 *
 * Nothing is changed: every read is a GET or a probe that cannot change anything. One read that
 * fails turns into a failing row of its own; only a site that cannot be read at all stops the
 * doctor (`reachable: false`, exit code 2).
 */
import { isStoreError } from "../domain/errors.js";
import {
  checkGroup,
  checkLevel,
  checkList,
  checkListPermissions,
  type CheckRow,
  checkScope,
  type CheckStatus,
  type CheckText,
  checkWebPermissions,
  type DeclaredPermission,
  excessScopes,
  type ListFacts,
  type PermissionContext,
  type ScopeEvidence,
  scopeSatisfied,
  type TenantBlueprint,
} from "../domain/readiness.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { TokenAudience } from "../ports/auth.js";
import type {
  ChannelReach,
  SiteFacts,
  TenantProbe,
  TokenClaims,
  Unreachable,
} from "../ports/tenant.js";

export type DoctorReport =
  | { reachable: true; site: SiteFacts; rows: CheckRow[] }
  | { reachable: false; why: Unreachable; rows: CheckRow[] };

export interface DoctorOptions {
  /** Called with each row as soon as it is known (the CLI prints as it goes). */
  onRow?: (row: CheckRow) => void;
}

/** The doctor composed with a probe and a blueprint: what the Systemtjek page runs. */
export interface SystemCheck {
  run(options?: DoctorOptions): Promise<DoctorReport>;
}

function text(code: string, params?: CheckText["params"]): CheckText {
  return params ? { code, params } : { code };
}

function detailOf(e: unknown): string {
  if (isStoreError(e)) return e.details.status ? `${e.details.status} ${e.message}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

/** A failing row for a read that failed (the check could not be made). */
function readFailed(id: string, area: CheckRow["area"], subject: CheckText, e: unknown): CheckRow {
  return {
    id,
    area,
    status: "failure",
    subject,
    findings: [text("readFailed", { detail: detailOf(e) })],
    fix: text("fix.readFailed"),
  };
}

/** Runs every check; rows come in the order of `CHECK_AREAS`. */
export async function runDoctor(
  probe: TenantProbe,
  blueprint: TenantBlueprint,
  options: DoctorOptions = {},
): Promise<DoctorReport> {
  const rows: CheckRow[] = [];
  const emit = (row: CheckRow) => {
    rows.push(row);
    options.onRow?.(row);
  };

  const answer = await probe.site();
  if (!answer.reachable) {
    emit({
      id: "site",
      area: "site",
      status: "failure",
      subject: text("site.subject"),
      findings: [text(`site.unreachable.${answer.why.kind}`, { detail: answer.why.detail })],
      fix: text(`fix.unreachable.${answer.why.kind}`),
    });
    return { reachable: false, why: answer.why, rows };
  }
  const site = answer.site;
  emit(siteRow(site));
  // Lists a reader cannot see answer as missing: only an owner's reading tells "missing".
  const seesEverything = site.admin ? site.admin.ownsSite : site.userOwnsSite;

  const lists = await checkLists(probe, blueprint, seesEverything, emit);
  await checkLevelsAndGroups(probe, blueprint, site, lists, emit);
  const evidence = await checkScopes(probe, blueprint, emit);
  const settings = await readSettings(probe);
  await checkTeams(probe, settings, emit);
  await checkCalendar(probe, emit);
  await checkMail(probe, settings, evidence, emit);
  await checkBrowser(probe, emit);
  return { reachable: true, site, rows };
}

/** 0 when every check passed (warnings allowed), 1 when one failed, 2 when the site was unreachable. */
export function doctorExitCode(report: DoctorReport): 0 | 1 | 2 {
  if (!report.reachable) return 2;
  return report.rows.some((r) => r.status === "failure") ? 1 : 0;
}

/** How many rows have each status. */
export function countByStatus(rows: readonly CheckRow[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, warning: 0, failure: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

function siteRow(site: SiteFacts): CheckRow {
  const findings: CheckText[] = [text("site.checkedAs", { user: site.user.title, url: site.url })];
  if (site.admin) findings.push(text("site.adminAs", { user: site.admin.title }));
  const reader = site.admin ?? { title: site.user.title, ownsSite: site.userOwnsSite };
  if (!reader.ownsSite) {
    return {
      id: "site",
      area: "site",
      status: "warning",
      subject: text("site.subject"),
      findings: [...findings, text("site.notOwner", { user: reader.title })],
      fix: text("fix.runAsOwner"),
    };
  }
  return { id: "site", area: "site", status: "ok", subject: text("site.subject"), findings };
}

// ---------------------------------------------------------------------------------------------

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of the results. */
async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) {
    out.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  }
  return out;
}

async function checkLists(
  probe: TenantProbe,
  blueprint: TenantBlueprint,
  seesEverything: boolean,
  emit: (row: CheckRow) => void,
): Promise<Map<string, ListFacts>> {
  let all: ListFacts[];
  try {
    all = await probe.lists();
  } catch (e) {
    emit(readFailed("lists", "lists", text("lists.subject"), e));
    return new Map();
  }
  const byName = new Map(all.map((l) => [l.name.toLowerCase(), l] as const));
  const found = new Map<string, ListFacts>();
  const listIds = new Map<string, string>();
  for (const bp of blueprint.lists) {
    const facts = byName.get(bp.name.toLowerCase());
    if (facts) {
      found.set(bp.name, facts);
      listIds.set(bp.name, facts.id);
    }
  }
  const fields = await inBatches(blueprint.lists, 4, async (bp) => {
    if (!found.has(bp.name)) return { bp, ok: true as const, fields: undefined };
    try {
      return { bp, ok: true as const, fields: await probe.fields(bp.name) };
    } catch (error) {
      return { bp, ok: false as const, error };
    }
  });
  for (const f of fields) {
    if (!f.ok) {
      const subject = text("list.subject", { title: f.bp.title, list: f.bp.name });
      emit(readFailed(`list:${f.bp.name}`, "lists", subject, f.error));
      continue;
    }
    emit(checkList(f.bp, found.get(f.bp.name), f.fields, listIds, { seesEverything }));
  }
  return found;
}

async function checkLevelsAndGroups(
  probe: TenantProbe,
  blueprint: TenantBlueprint,
  site: SiteFacts,
  lists: ReadonlyMap<string, ListFacts>,
  emit: (row: CheckRow) => void,
): Promise<void> {
  try {
    const definitions = await probe.roleDefinitions();
    for (const level of blueprint.levels) {
      emit(checkLevel(level, definitions, blueprint.forbiddenKinds));
    }
  } catch (e) {
    emit(readFailed("levels", "levels", text("levels.subject"), e));
  }

  let groups;
  try {
    groups = await probe.siteGroups();
    for (const g of blueprint.groups) emit(checkGroup(g, groups));
  } catch (e) {
    emit(readFailed("groups", "groups", text("groups.subject"), e));
    return;
  }

  const ctx: PermissionContext = { blueprint, groups, ownerGroup: site.ownerGroup };
  let web;
  try {
    web = await probe.roleAssignments();
  } catch (e) {
    emit(readFailed("permissions:web", "permissions", text("permissions.webSubject"), e));
    return;
  }
  if (web === "denied") {
    emit({
      id: "permissions",
      area: "permissions",
      status: "warning",
      subject: text("permissions.allSubject"),
      findings: [text("permissions.notChecked")],
      fix: text("fix.adminToken"),
    });
    return;
  }
  emit(checkWebPermissions(web, ctx));
  const present = blueprint.lists.filter((bp) => lists.has(bp.name));
  const assignments = await inBatches(present, 4, async (bp) => {
    try {
      const result = await probe.roleAssignments(bp.name);
      return result === "denied"
        ? { bp, ok: false as const, error: new Error("Access denied") }
        : { bp, ok: true as const, result };
    } catch (error) {
      return { bp, ok: false as const, error };
    }
  });
  for (const a of assignments) {
    if (!a.ok) {
      const subject = text("permissions.subject", { title: a.bp.title, list: a.bp.name });
      emit(readFailed(`permissions:${a.bp.name}`, "permissions", subject, a.error));
      continue;
    }
    emit(checkListPermissions(a.bp, lists.get(a.bp.name)!, a.result, ctx));
  }
}

// ---------------------------------------------------------------------------------------------

/** Each declared permission: from the token's claim where it says, else from a probe. */
async function checkScopes(
  probe: TenantProbe,
  blueprint: TenantBlueprint,
  emit: (row: CheckRow) => void,
): Promise<Map<string, ScopeEvidence>> {
  const claims = new Map<TokenAudience, TokenClaims>();
  for (const audience of ["sharepoint", "graph"] as const) {
    try {
      claims.set(audience, await probe.claims(audience));
    } catch {
      claims.set(audience, { kind: "silent" });
    }
  }
  const evidence = new Map<string, ScopeEvidence>();
  const judged = await inBatches(blueprint.permissions, 4, async (declared) => {
    const claim = claims.get(declared.resource)!;
    let e: ScopeEvidence;
    if (claim.kind === "claimed") {
      e = { kind: "claimed", source: claim.source, scopes: claim.scopes };
    } else {
      try {
        const r = await probe.probe(declared.resource, declared.scope);
        e = { kind: "probed", outcome: r.outcome, ...(r.detail ? { detail: r.detail } : {}) };
      } catch (err) {
        e = { kind: "probed", outcome: "unknown", detail: detailOf(err) };
      }
    }
    return { declared, e };
  });
  for (const { declared, e } of judged) {
    evidence.set(declared.scope, e);
    emit(checkScope(declared, e));
  }
  const sp = claims.get("sharepoint");
  if (sp?.kind === "claimed") {
    const extra = excessScopes(blueprint.permissions, sp.scopes);
    if (extra.length > 0) {
      emit({
        id: "scope:excess",
        area: "scopes",
        status: "warning",
        subject: text("scope.excessSubject"),
        findings: [text("scope.excess", { scopes: extra.join(", ") })],
        fix: text("fix.excessScopes", { scopes: extra.join(", ") }),
      });
    }
  }
  return evidence;
}

type Settings = { ok: true; values: ReadonlyMap<string, string> } | { ok: false; error: unknown };

async function readSettings(probe: TenantProbe): Promise<Settings> {
  try {
    return { ok: true, values: await probe.settings() };
  } catch (error) {
    return { ok: false, error };
  }
}

const CHANNELS = [
  {
    id: "channel:chefforum",
    subject: "channel.chefforum",
    team: SETTING_KEYS.chefforumTeamId,
    channel: SETTING_KEYS.chefforumChannelId,
  },
  {
    id: "channel:committee",
    subject: "channel.committee",
    team: SETTING_KEYS.committeeTeamId,
    channel: SETTING_KEYS.committeeChannelId,
  },
] as const;

/**
 * The channels named in Indstillinger: the settings are there, the team and the channel exist
 * and the signed-in user reaches them. A team the user is not a member of is a warning: it
 * exists, but whether the channel does can only be seen by a member (e.g. the chair, who posts
 * the minutes to Chefforum).
 */
async function checkTeams(
  probe: TenantProbe,
  settings: Settings,
  emit: (row: CheckRow) => void,
): Promise<void> {
  for (const c of CHANNELS) {
    const subject = text(c.subject);
    if (!settings.ok) {
      emit(readFailed(c.id, "teams", subject, settings.error));
      continue;
    }
    const teamId = settings.values.get(c.team)?.trim();
    const channelId = settings.values.get(c.channel)?.trim();
    const missing = [!teamId ? c.team : undefined, !channelId ? c.channel : undefined].filter(
      (k): k is NonNullable<typeof k> => k !== undefined,
    );
    if (missing.length > 0) {
      emit({
        id: c.id,
        area: "teams",
        status: "failure",
        subject,
        findings: missing.map((key) => text("channel.settingMissing", { key })),
        fix: text("fix.setting", { keys: missing.join(", ") }),
      });
      continue;
    }
    let reach: ChannelReach;
    try {
      reach = await probe.channel(teamId!, channelId!);
    } catch (e) {
      reach = { kind: "error", detail: detailOf(e) };
    }
    emit(channelRow(c.id, subject, c.team, c.channel, teamId!, channelId!, reach));
  }
}

function channelRow(
  id: string,
  subject: CheckText,
  teamKey: string,
  channelKey: string,
  teamId: string,
  channelId: string,
  reach: ChannelReach,
): CheckRow {
  const row = (status: CheckStatus, finding: CheckText, fix?: CheckText): CheckRow => ({
    id,
    area: "teams",
    status,
    subject,
    findings: [finding],
    ...(fix ? { fix } : {}),
  });
  switch (reach.kind) {
    case "ok":
      return row("ok", text("channel.ok", { team: reach.team, channel: reach.channel }));
    case "teamNotFound":
      return row(
        "failure",
        text("channel.teamNotFound", { key: teamKey, team: teamId }),
        text("fix.teamId", { key: teamKey }),
      );
    case "channelNotFound":
      return row(
        "failure",
        text("channel.channelNotFound", { key: channelKey, channel: channelId, team: reach.team }),
        text("fix.channelId", { key: channelKey }),
      );
    case "notMember":
      return row(
        "warning",
        text("channel.notMember", { team: reach.team ?? teamId }),
        text("fix.runAsMember"),
      );
    case "denied":
      return row("failure", text("channel.denied", { detail: reach.detail }), text("fix.scopes"));
    case "error":
      return row("failure", text("readFailed", { detail: reach.detail }), text("fix.readFailed"));
  }
}

async function checkCalendar(probe: TenantProbe, emit: (row: CheckRow) => void): Promise<void> {
  const subject = text("calendar.subject");
  let reach;
  try {
    reach = await probe.calendar();
  } catch (e) {
    reach = { kind: "error" as const, detail: detailOf(e) };
  }
  const base = { id: "calendar", area: "calendar" as const, subject };
  if (reach.kind === "ok") {
    emit({ ...base, status: "ok", findings: [text("calendar.ok")] });
  } else if (reach.kind === "denied") {
    emit({
      ...base,
      status: "failure",
      findings: [text("calendar.denied", { detail: reach.detail })],
      fix: text("fix.scopes"),
    });
  } else {
    emit({
      ...base,
      status: "failure",
      findings: [text("readFailed", { detail: reach.detail })],
      fix: text("fix.calendar"),
    });
  }
}

/**
 * The mailbox, without sending mail: Mail.Send is granted (the scopes check), the user has a
 * mail address, and Direktørforum's address is set. Whether a mail is delivered is not
 * checked (a licence, sending limits and the recipient's mailbox decide that), and the row says
 * so.
 */
async function checkMail(
  probe: TenantProbe,
  settings: Settings,
  evidence: ReadonlyMap<string, ScopeEvidence>,
  emit: (row: CheckRow) => void,
): Promise<void> {
  const subject = text("mail.subject");
  const failures: CheckText[] = [];
  const warnings: CheckText[] = [];
  /** The fix of the first failure. */
  let fix: CheckText | undefined;
  const send = evidence.get("Mail.Send");
  const sendMissing =
    send !== undefined &&
    (send.kind === "probed"
      ? send.outcome === "missing"
      : !scopeSatisfied("Mail.Send", send.scopes));
  if (sendMissing) {
    failures.push(text("mail.sendMissing"));
    fix = text("fix.scopes");
  }
  let box;
  try {
    box = await probe.mailbox();
  } catch (e) {
    box = { kind: "error" as const, detail: detailOf(e) };
  }
  if (box.kind === "ok") {
    if (!box.address) {
      failures.push(text("mail.noAddress"));
      fix ??= text("fix.mailbox");
    }
  } else {
    failures.push(text("readFailed", { detail: box.detail }));
    fix ??= text(box.kind === "denied" ? "fix.scopes" : "fix.readFailed");
  }
  if (settings.ok) {
    const address = settings.values.get(SETTING_KEYS.direktoerforumAddress)?.trim();
    if (!address) {
      warnings.push(text("mail.addressMissing", { key: SETTING_KEYS.direktoerforumAddress }));
    } else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      failures.push(
        text("mail.addressInvalid", { key: SETTING_KEYS.direktoerforumAddress, address }),
      );
      fix ??= text("fix.setting", { keys: SETTING_KEYS.direktoerforumAddress });
    }
  }
  const status: CheckStatus =
    failures.length > 0 ? "failure" : warnings.length > 0 ? "warning" : "ok";
  if (status === "warning") fix = text("fix.setting", { keys: SETTING_KEYS.direktoerforumAddress });
  const sendsAs =
    status === "ok" && box.kind === "ok" ? [text("mail.ok", { address: box.address ?? "" })] : [];
  emit({
    id: "mail",
    area: "mail",
    status,
    subject,
    // What cannot be checked without sending mail is said on every run.
    findings: [...failures, ...warnings, ...sendsAs, text("mail.notChecked")],
    ...(fix && status !== "ok" ? { fix } : {}),
  });
}

/**
 * ETag must reach the tab: every update and delete sends the item's ETag (If-Match), and a
 * cross-origin page reads only the response headers the server lists in
 * Access-Control-Expose-Headers (https://fetch.spec.whatwg.org/#http-access-control-expose-headers).
 */
async function checkBrowser(probe: TenantProbe, emit: (row: CheckRow) => void): Promise<void> {
  let result;
  try {
    result = await probe.etag();
  } catch (e) {
    result = { kind: "notChecked" as const, reason: "error" as const, detail: detailOf(e) };
  }
  const base = { id: "browser:etag", area: "browser" as const };
  switch (result.kind) {
    case "exposed":
      emit({
        ...base,
        status: "ok",
        subject: text("browser.subject", { origin: result.origin }),
        findings: [text("browser.exposed")],
      });
      return;
    case "notExposed":
      emit({
        ...base,
        status: "failure",
        subject: text("browser.subject", { origin: result.origin }),
        findings: result.problems.map((p) => text(`browser.${p}`, { origin: result.origin })),
        fix: text("fix.etag", { origin: result.origin }),
      });
      return;
    case "notChecked":
      emit({
        ...base,
        status: "warning",
        subject: text("browser.subjectNoOrigin"),
        findings: [text(`browser.notChecked.${result.reason}`, { detail: result.detail ?? "" })],
        ...(result.reason === "noOrigin" ? { fix: text("fix.tabOrigin") } : {}),
      });
  }
}

export type { CheckRow, DeclaredPermission };
