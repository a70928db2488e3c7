import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { killAllM365, type M365Process, spawnM365 } from "../support/m365-process.js";

/**
 * QUALITY.md: "a kill during writes (all acknowledged writes present after restart)".
 * The store commits each write in a WAL transaction with synchronous=FULL before answering.
 */
describe("local Microsoft 365 durability", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "digistyr-durable-"));
  });
  afterAll(() => {
    killAllM365();
    rmSync(dir, { recursive: true, force: true });
  });

  function client(m365: M365Process) {
    const headers = {
      // The CLI gives a plain dev token no scopes: creating the list needs AllSites.Manage.
      Authorization: `Bearer dev:${m365.info.users[0]};scp=AllSites.FullControl`,
      Accept: "application/json",
      "Content-Type": "application/json",
    };
    const items = `${m365.info.sharepoint}/_api/web/lists/getByTitle('Durability')/items`;
    return { headers, items };
  }

  test("every write acknowledged before a kill -9 is there after a restart", async () => {
    const first = await spawnM365(["--port", "0", "--data", dir]);
    const { headers, items } = client(first);
    const created = await fetch(`${first.info.sharepoint}/_api/web/lists`, {
      method: "POST",
      headers,
      body: JSON.stringify({ Title: "Durability", BaseTemplate: 100, Description: "" }),
    });
    expect(created.status).toBe(201);

    const total = 1000;
    const killAfter = 400;
    const acknowledged = new Set<string>();
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (next < total && !killed) {
        const title = `write-${next++}`;
        try {
          const res = await fetch(items, {
            method: "POST",
            headers,
            body: JSON.stringify({ Title: title }),
          });
          if (res.status === 201) acknowledged.add(title);
        } catch {
          // the connection died with the server: this write was never acknowledged
          return;
        }
        if (acknowledged.size >= killAfter && !killed) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    expect(await first.exited).toBe("SIGKILL");
    // the server itself is gone, not just a wrapper process
    await expect(fetch(`${new URL(first.info.sharepoint).origin}/_admin/health`)).rejects.toThrow();
    expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
    expect(acknowledged.size).toBeLessThan(total);

    const second = await spawnM365(["--port", "0", "--data", dir]);
    const again = client(second);
    const seen: string[] = [];
    let url: string | undefined = `${again.items}?$select=Id,Title&$top=5000`;
    while (url) {
      const res = await fetch(url, { headers: again.headers });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { value: { Title: string }[]; "odata.nextLink"?: string };
      seen.push(...page.value.map((i) => i.Title));
      url = page["odata.nextLink"];
    }
    const present = new Set(seen);
    const missing = [...acknowledged].filter((t) => !present.has(t));
    expect(missing).toEqual([]);
    expect(present.size).toBe(seen.length);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
