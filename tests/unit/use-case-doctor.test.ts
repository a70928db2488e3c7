/**
 * The doctor's use case over a fake TenantProbe: the rows in the order of the areas, a read that
 * fails becoming a failing row of its own while the rest is still checked, probes where a token
 * says nothing, the channels, calendar, mail and ETag rows, and the exit codes.
 */
import { StoreError } from "../../src/domain/errors.js";
import { CHECK_AREAS, type CheckRow } from "../../src/domain/readiness.js";
import { countByStatus, doctorExitCode, runDoctor } from "../../src/use-cases/doctor.js";
import { BLUEPRINT, fakeProbe, type FakeTenant, readyTenant } from "../support/builders-doctor.js";

function run(tenant: FakeTenant, onRow?: (row: CheckRow) => void) {
  return runDoctor(fakeProbe(tenant), BLUEPRINT, onRow ? { onRow } : {});
}

async function rowOf(tenant: FakeTenant, id: string): Promise<CheckRow> {
  const report = await run(tenant);
  const row = report.rows.find((r) => r.id === id);
  if (!row) throw new Error(`No row ${id}`);
  return row;
}

test("a ready tenant: every row ok, in the order of the areas, exit code 0", async () => {
  const seen: string[] = [];
  const report = await run(readyTenant(), (row) => seen.push(row.id));
  expect(report.rows.filter((r) => r.status !== "ok")).toEqual([]);
  expect(seen).toEqual(report.rows.map((r) => r.id));
  const areaOrder = report.rows.map((r) => CHECK_AREAS.indexOf(r.area));
  expect(areaOrder).toEqual([...areaOrder].sort((a, b) => a - b));
  expect(new Set(report.rows.map((r) => r.area))).toEqual(new Set(CHECK_AREAS));
  expect(doctorExitCode(report)).toBe(0);
});

test("a site that cannot be read: one failing row and exit code 2", async () => {
  const t = readyTenant();
  t.site = { reachable: false, why: { kind: "notFound", detail: "HTTP 404" } };
  const report = await run(t);
  expect(report.rows).toEqual([
    {
      id: "site",
      area: "site",
      status: "failure",
      subject: { code: "site.subject" },
      findings: [{ code: "site.unreachable.notFound", params: { detail: "HTTP 404" } }],
      fix: { code: "fix.unreachable.notFound" },
    },
  ]);
  expect(doctorExitCode(report)).toBe(2);
});

test("one list's fields that cannot be read fail that row only", async () => {
  const t = readyTenant();
  const probe = fakeProbe(t);
  const report = await runDoctor(
    {
      ...probe,
      fields: (list) =>
        list === "Barriers"
          ? Promise.reject(new StoreError("Unavailable", "Service Unavailable", { status: 503 }))
          : probe.fields(list),
    },
    BLUEPRINT,
  );
  expect(report.rows.filter((r) => r.status !== "ok")).toEqual([
    expect.objectContaining({
      id: "list:Barriers",
      status: "failure",
      findings: [{ code: "readFailed", params: { detail: "503 Service Unavailable" } }],
      fix: { code: "fix.readFailed" },
    }),
  ]);
  expect(doctorExitCode(report)).toBe(1);
});

test("role assignments the token may not read: one warning instead of a row per list", async () => {
  const t = readyTenant();
  t.assignments.set("", "denied");
  const report = await run(t);
  const permissions = report.rows.filter((r) => r.area === "permissions");
  expect(permissions).toEqual([
    expect.objectContaining({
      id: "permissions",
      status: "warning",
      fix: { code: "fix.adminToken" },
    }),
  ]);
  expect(doctorExitCode(report)).toBe(0);
});

test("a token that says nothing: each permission is probed", async () => {
  const t = readyTenant();
  t.claims = { sharepoint: { kind: "silent" }, graph: { kind: "silent" } };
  t.probes.set("Mail.Send", { outcome: "missing" });
  t.probes.set("Team.ReadBasic.All", { outcome: "unknown", detail: "HTTP 500" });
  const report = await run(t);
  const status = (id: string) => report.rows.find((r) => r.id === id)?.status;
  expect(status("scope:graph:User.Read")).toBe("ok");
  expect(status("scope:graph:Mail.Send")).toBe("failure");
  expect(status("scope:graph:Team.ReadBasic.All")).toBe("warning");
  expect(status("scope:sharepoint:AllSites.Write")).toBe("ok");
  // The mail row knows Mail.Send is missing.
  expect(report.rows.find((r) => r.id === "mail")!.findings[0]).toEqual({
    code: "mail.sendMissing",
  });
});

test.each<[string, (t: FakeTenant) => void, string, "failure" | "warning", string[]]>([
  [
    "a channel setting missing",
    (t) => t.settings.delete("committee.teamId"),
    "channel:committee",
    "failure",
    ["channel.settingMissing"],
  ],
  [
    "a team that does not exist",
    (t) => t.channels.set("team-2/channel-2", { kind: "teamNotFound" }),
    "channel:chefforum",
    "failure",
    ["channel.teamNotFound"],
  ],
  [
    "a channel that does not exist",
    (t) => t.channels.set("team-2/channel-2", { kind: "channelNotFound", team: "Chefforum" }),
    "channel:chefforum",
    "failure",
    ["channel.channelNotFound"],
  ],
  [
    "a team the user is not a member of",
    (t) => t.channels.set("team-2/channel-2", { kind: "notMember", team: "Chefforum" }),
    "channel:chefforum",
    "warning",
    ["channel.notMember"],
  ],
  [
    "a calendar refused",
    (t) => (t.calendar = { kind: "denied", detail: "HTTP 403" }),
    "calendar",
    "failure",
    ["calendar.denied"],
  ],
  [
    "a user without a mail address",
    (t) => (t.mailbox = { kind: "ok", address: null }),
    "mail",
    "failure",
    ["mail.noAddress", "mail.notChecked"],
  ],
  [
    "Direktørforum's address not set",
    (t) => t.settings.delete("direktoerforum.address"),
    "mail",
    "warning",
    ["mail.addressMissing", "mail.notChecked"],
  ],
  [
    "Direktørforum's address not an address",
    (t) => t.settings.set("direktoerforum.address", "Direktørforum"),
    "mail",
    "failure",
    ["mail.addressInvalid", "mail.notChecked"],
  ],
  [
    "ETag hidden from the tab",
    (t) =>
      (t.etag = {
        kind: "notExposed",
        origin: "https://digistyr.kommune.dk",
        problems: ["etagHidden", "ifMatchRefused"],
      }),
    "browser:etag",
    "failure",
    ["browser.etagHidden", "browser.ifMatchRefused"],
  ],
  [
    "no tab origin to check from",
    (t) => (t.etag = { kind: "notChecked", reason: "noOrigin" }),
    "browser:etag",
    "warning",
    ["browser.notChecked.noOrigin"],
  ],
])("%s", async (_name, change, id, status, codes) => {
  const t = readyTenant();
  change(t);
  const row = await rowOf(t, id);
  expect(row.status).toBe(status);
  expect(row.findings.map((f) => f.code)).toEqual(codes);
  expect(row.fix).toBeDefined();
});

test("Settings that cannot be read fail both channel rows", async () => {
  const t = readyTenant();
  const probe = fakeProbe(t);
  const report = await runDoctor(
    { ...probe, settings: () => Promise.reject(new Error("boom")) },
    BLUEPRINT,
  );
  const channels = report.rows.filter((r) => r.area === "teams");
  expect(channels.map((r) => [r.id, r.status, r.findings[0]?.code])).toEqual([
    ["channel:chefforum", "failure", "readFailed"],
    ["channel:committee", "failure", "readFailed"],
  ]);
});

test("the counts of a report", async () => {
  const t = readyTenant();
  t.calendar = { kind: "error", detail: "HTTP 500" };
  t.settings.delete("direktoerforum.address");
  const report = await run(t);
  const counts = countByStatus(report.rows);
  expect(counts.failure).toBe(1);
  expect(counts.warning).toBe(1);
  expect(counts.ok).toBe(report.rows.length - 2);
});
