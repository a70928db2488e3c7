import { type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;
beforeAll(async () => {
  m365 = await startLocalM365();
});
afterAll(() => m365.close());

describe("local Microsoft 365 core", () => {
  test("announces a SharePoint site, a Graph base and demo users, site owner first", () => {
    expect(m365.sharepoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sites\/digistyr$/);
    expect(m365.graph).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
    expect(m365.users[0]).toBe("niels.fogh@demokommune.onmicrosoft.com");
    expect(m365.users.length).toBeGreaterThanOrEqual(5);
  });

  test.each([
    ["no token", undefined],
    ["an unknown user", "Bearer dev:nobody@example.invalid"],
    ["a non-dev token", "Bearer eyJhbGciOi"],
  ])("answers 401 to SharePoint and Graph with %s", async (_name, auth) => {
    const headers: Record<string, string> = auth ? { Authorization: auth } : {};
    const sp = await fetch(`${m365.sharepoint}/_api/web/currentUser`, { headers });
    expect(sp.status).toBe(401);
    const graph = await fetch(`${m365.graph}/me`, { headers });
    expect(graph.status).toBe(401);
    const body = (await graph.json()) as { error: { code: string } };
    expect(body.error.code).toBe("InvalidAuthenticationToken");
  });

  test("a queued fault answers 429 with Retry-After once, in the service's own error shape", async () => {
    await fetch(`${m365.origin}/_admin/faults/queue`, {
      method: "POST",
      body: JSON.stringify({ status: 429, match: "/v1.0/me", retryAfter: 2 }),
    });
    const auth = { Authorization: `Bearer dev:${m365.users[1]}` };
    const first = await fetch(`${m365.graph}/me`, { headers: auth });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe(
      "TooManyRequests",
    );
    const second = await fetch(`${m365.graph}/me`, { headers: auth });
    expect(second.status).not.toBe(429);
  });

  test.each([
    ["a queued fault with an unknown status", "/faults/queue", { status: "abc" }],
    ["a queued fault with a status HTTP has not", "/faults/queue", { status: 600 }],
    ["a null queued fault", "/faults/queue", null],
    ["a null among queued faults", "/faults/queue", [{ status: 429 }, null]],
    ["a queued fault with a negative count", "/faults/queue", { status: 429, count: -1 }],
    ["a throttle probability above 1", "/faults", { throttle: 5 }],
    ["an unknown fault setting", "/faults", { explode: 1 }],
    ["a latency that is not a number", "/faults", { latency: "slow" }],
  ])("refuses %s with 400 and keeps answering", async (_name, path, body) => {
    const res = await fetch(`${m365.origin}/_admin${path}`, {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const me = await fetch(`${m365.graph}/me`, {
      headers: { Authorization: `Bearer dev:${m365.users[1]}` },
    });
    expect(me.status).toBe(200);
    expect((await fetch(`${m365.origin}/_admin/faults`)).status).toBe(200);
  });

  test("a web page (a request with an Origin) can neither set faults nor read the outbox", async () => {
    const origin = { Origin: "https://evil.example" };
    const set = await fetch(`${m365.origin}/_admin/faults`, {
      method: "POST",
      headers: origin,
      body: JSON.stringify({ throttle: 1 }),
    });
    expect(set.status).toBe(403);
    expect((await fetch(`${m365.origin}/_admin/outbox`, { headers: origin })).status).toBe(403);
    const faults = (await (await fetch(`${m365.origin}/_admin/faults`)).json()) as {
      config: { throttle: number };
    };
    expect(faults.config.throttle).toBe(0);
  });

  test("survives a malformed admin body with 400", async () => {
    const res = await fetch(`${m365.origin}/_admin/faults`, { method: "POST", body: "{not json" });
    expect(res.status).toBe(400);
    const health = await fetch(`${m365.origin}/_admin/health`);
    expect(health.status).toBe(200);
  });

  test.each([
    ["http://localhost:4300", "http://localhost:4300"],
    ["http://127.0.0.1:5173", "http://127.0.0.1:5173"],
    ["https://evil.example", null],
    ["http://localhost.evil.example", null],
  ])("answers a browser from %s with Access-Control-Allow-Origin %s", async (origin, allowed) => {
    const res = await fetch(`${m365.sharepoint}/_api/web/currentUser`, {
      headers: { Authorization: `Bearer dev:${m365.users[1]}`, Origin: origin },
    });
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed);
  });
});
