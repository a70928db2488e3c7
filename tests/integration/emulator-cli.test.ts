import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { killAllM365, spawnM365 } from "../support/m365-process.js";

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
});
