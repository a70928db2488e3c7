import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { killAllM365, type M365Process, spawnM365 } from "../support/m365-process.js";

/**
 * QUALITY.md: "a kill during writes (all acknowledged writes present after restart)".
 * The store commits each write in a WAL transaction with synchronous=FULL before answering; a
 * `$batch` commits all its parts in one such transaction before answering.
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

  /** One `$batch` of `titles.length` adds, each in its own changeset, as PnPjs writes them. */
  function batchOf(items: string, titles: string[]): { body: string; contentType: string } {
    const lines: string[] = [];
    titles.forEach((title, i) => {
      const changeset = `changeset_${i}`;
      lines.push(
        "--batch_b",
        `Content-Type: multipart/mixed; boundary="${changeset}"`,
        "",
        `--${changeset}`,
        "Content-Type: application/http",
        "Content-Transfer-Encoding: binary",
        "",
        `POST ${items} HTTP/1.1`,
        "Accept: application/json",
        "Content-Type: application/json",
        "",
        JSON.stringify({ Title: title }),
        `--${changeset}--`,
      );
    });
    lines.push("--batch_b--", "");
    return { body: lines.join("\n"), contentType: 'multipart/mixed; boundary="batch_b"' };
  }

  test("every $batch answered before a kill -9 is there after a restart, and none is there in part", async () => {
    const first = await spawnM365(["--port", "0", "--data", dir]);
    const { headers, items } = client(first);
    const created = await fetch(`${first.info.sharepoint}/_api/web/lists`, {
      method: "POST",
      headers,
      body: JSON.stringify({ Title: "BatchDurability", BaseTemplate: 100, Description: "" }),
    });
    expect(created.status).toBe(201);
    const list = items.replace("'Durability'", "'BatchDurability'");

    const parts = 10;
    const total = 200;
    const killAfter = 60;
    const acknowledged = new Set<number>();
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (next < total && !killed) {
        const batch = next++;
        const titles = Array.from({ length: parts }, (_, i) => `batch-${batch}-${i}`);
        const { body, contentType } = batchOf(list, titles);
        try {
          const res = await fetch(`${first.info.sharepoint}/_api/$batch`, {
            method: "POST",
            headers: { ...headers, "Content-Type": contentType },
            body,
          });
          const text = await res.text();
          if (res.status === 200 && text.split("HTTP/1.1 201 Created").length === parts + 1)
            acknowledged.add(batch);
        } catch {
          // the connection died with the server: this batch was never acknowledged
          return;
        }
        if (acknowledged.size >= killAfter && !killed) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, writer));
    expect(await first.exited).toBe("SIGKILL");
    expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
    expect(acknowledged.size).toBeLessThan(total);

    const second = await spawnM365(["--port", "0", "--data", dir]);
    const again = client(second);
    const seen: string[] = [];
    let url: string | undefined =
      `${again.items.replace("'Durability'", "'BatchDurability'")}?$select=Id,Title&$top=5000`;
    while (url) {
      const res = await fetch(url, { headers: again.headers });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { value: { Title: string }[]; "odata.nextLink"?: string };
      seen.push(...page.value.map((i) => i.Title));
      url = page["odata.nextLink"];
    }
    // Parts present per batch: all of each answered batch; all or none of any other (one
    // transaction per batch).
    const present = new Map<number, number>();
    for (const title of seen) {
      const batch = Number(/^batch-(\d+)-\d+$/.exec(title)?.[1]);
      present.set(batch, (present.get(batch) ?? 0) + 1);
    }
    expect([...acknowledged].filter((b) => present.get(b) !== parts)).toEqual([]);
    expect([...present.values()].filter((n) => n !== parts)).toEqual([]);
    expect(new Set(seen).size).toBe(seen.length);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
