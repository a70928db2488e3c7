import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { TAB_SCOPES } from "../../src/host/permissions.js";
import { killAllM365, type M365Process, spawnM365 } from "../support/m365-process.js";

async function status(m365: M365Process, path: string, token: string): Promise<number> {
  const res = await fetch(`${m365.info.graph}${path}`, { headers: { Authorization: token } });
  await res.arrayBuffer();
  return res.status;
}

async function stop(m365: M365Process): Promise<void> {
  m365.child.kill("SIGTERM");
  expect(await m365.exited).toBe(0);
}

describe("npm run m365", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "digistyr-m365-"));
  });
  afterAll(() => {
    killAllM365();
    rmSync(dir, { recursive: true, force: true });
  });

  test("announces itself on one JSON line, listens on loopback and stops cleanly on SIGTERM", async () => {
    const m365 = await spawnM365(["--port", "0", "--data", dir]);
    const { sharepoint, graph, users } = m365.info;
    expect(sharepoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sites\/digistyr$/);
    expect(graph).toBe(`${new URL(sharepoint).origin}/v1.0`);
    expect(users.length).toBeGreaterThanOrEqual(5);

    const health = await fetch(`${new URL(graph).origin}/_admin/health`);
    expect(health.status).toBe(200);
    const anonymous = await fetch(`${graph}/me`);
    expect(anonymous.status).toBe(401);

    m365.child.kill("SIGTERM");
    expect(await m365.exited).toBe(0);
  });

  test("injects the faults given on the command line: 429 with the Retry-After asked for", async () => {
    const m365 = await spawnM365(["--port", "0", "--faults", "throttle=1,retryAfter=3"]);
    const res = await fetch(`${m365.info.sharepoint}/_api/web/currentUser`, {
      headers: { Authorization: `Bearer dev:${m365.info.users[0]}`, Accept: "application/json" },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    const body = (await res.json()) as { "odata.error": { code: string } };
    expect(body["odata.error"].code).toMatch(/Throttled/);
    m365.child.kill("SIGTERM");
    expect(await m365.exited).toBe(0);
  });

  test("refuses an invalid fault specification with a clear message", async () => {
    await expect(spawnM365(["--port", "0", "--faults", "throttle=2"])).rejects.toThrow(
      /probability between 0 and 1/,
    );
  });

  test("npm run m365 (scripts/m365.ts) gives a plain dev token the tab's declared scopes", async () => {
    const m365 = await spawnM365(["--port", "0"], { entry: "scripts/m365.ts" });
    const plain = `Bearer dev:${m365.info.users[1]}`;
    expect(TAB_SCOPES).toEqual(expect.arrayContaining(["User.Read", "Team.ReadBasic.All"]));
    expect(await status(m365, "/me", plain)).toBe(200);
    expect(await status(m365, "/me/joinedTeams", plain)).toBe(200);
    // Nothing the tab does not declare: Group.Read.All is not among its scopes.
    expect(TAB_SCOPES).not.toContain("Group.Read.All");
    expect(await status(m365, `/groups/7c1d2e3f-0a1b-4c5d-8e9f-000000000001/events`, plain)).toBe(
      403,
    );
    await stop(m365);
  });

  test("--scopes gives a plain dev token exactly those scopes, also through npm run m365", async () => {
    for (const entry of ["src/emulator/cli.ts", "scripts/m365.ts"] as const) {
      const m365 = await spawnM365(["--port", "0", "--scopes", "User.Read"], { entry });
      const plain = `Bearer dev:${m365.info.users[1]}`;
      expect({ entry, me: await status(m365, "/me", plain) }).toEqual({ entry, me: 200 });
      expect({ entry, users: await status(m365, "/users", plain) }).toEqual({ entry, users: 403 });
      await stop(m365);
    }
  });

  test("without configured scopes a plain dev token carries none; scp= still carries its own", async () => {
    const m365 = await spawnM365(["--port", "0"], { tabScopes: false });
    const upn = m365.info.users[1] ?? "";
    const res = await fetch(`${m365.info.graph}/me`, {
      headers: { Authorization: `Bearer dev:${upn}` },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "Authorization_RequestDenied",
    );
    expect(await status(m365, "/me", `Bearer dev:${upn};scp=User.Read`)).toBe(200);
    await stop(m365);
  });
});
