/**
 * Batched writes and throttling through the adapter against the local SharePoint.
 *
 * - `$batch` parts succeed or fail on their own: SharePoint answers each part separately
 *   (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis;
 *   ../shared/reference/wire/batchtest-output.txt shows a 412 part beside successful ones).
 * - SharePoint Online throttles with 429 or 503 and `Retry-After`; clients are to wait that
 *   long and retry (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online).
 *   The waits are recorded by the test instead of slept.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { jest } from "@jest/globals";

import {
  createSharePointAdapters,
  type SharePointAdapters,
} from "../../src/adapters/sharepoint/index.js";
import { StoreError } from "../../src/domain/errors.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { aBudgetFrame, aSetting } from "../support/builders.js";
import { type ProvisionedSp, recordingRetry, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;

let sp: ProvisionedSp;
let secretary: SharePointAdapters;

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

afterEach(async () => {
  // Drop whatever fault a test left queued.
  await fetch(`${sp.m365.origin}/_admin/faults`, { method: "DELETE" });
});

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error("Expected the call to fail");
}

describe("batched writes", () => {
  it("reports the one stale part of a batch as Conflict and applies the others", async () => {
    const frames = secretary.repositories.budgetFrames;
    const added = await frames.addMany([
      aBudgetFrame({ title: "Ramme A", year: 2026 }),
      aBudgetFrame({ title: "Ramme B", year: 2027 }),
      aBudgetFrame({ title: "Ramme C", year: 2028 }),
    ]);
    const [a, b, c] = added.map((r) => {
      if (!r.ok) throw r.error;
      return r.value;
    });
    // Someone else changes B first.
    await frames.update({ ...b!, amount: 1 });

    const results = await frames.updateMany([
      { ...a!, amount: 100 },
      { ...b!, amount: 200 },
      { ...c!, amount: 300 },
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.error.kind))).toEqual(["ok", "Conflict", "ok"]);
    const now = await frames.list({ orderBy: [{ field: "year" }] });
    expect(now.map((f) => [f.title, f.amount])).toEqual([
      ["Ramme A", 100],
      ["Ramme B", 1],
      ["Ramme C", 300],
    ]);
  });

  it("reports a duplicate unique key in one part as Conflict and adds the rest", async () => {
    const settings = secretary.repositories.settings;
    await settings.add(aSetting({ key: "budget.years", value: "2026,2027" }));
    const results = await settings.addMany([
      aSetting({ title: "Direktørforum", key: "direktoerforum.address", value: "df@kommune.dk" }),
      aSetting({ title: "Budgetår igen", key: "budget.years", value: "2030" }),
      aSetting({ title: "Mødeminimum", key: "meetings.minPerYear", value: "4" }),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.error.kind))).toEqual(["ok", "Conflict", "ok"]);
    const keys = (await settings.list()).map((s) => s.key).sort();
    expect(keys).toEqual(["budget.years", "direktoerforum.address", "meetings.minPerYear"]);
  });

  it("refuses a batch with an invalid draft before sending any part", async () => {
    const frames = secretary.repositories.budgetFrames;
    const before = (await frames.list()).length;
    const e = await rejection(
      frames.addMany([
        aBudgetFrame({ title: "God" }),
        aBudgetFrame({ title: "Dårlig", year: 1999 }),
      ]),
    );
    expect(e.kind).toBe("Invalid");
    expect(e.message).toContain("År skal være mindst 2000");
    expect((await frames.list()).length).toBe(before);
  });

  it("sends a throttled part again in a follow-up batch, never the parts that succeeded", async () => {
    // The local server throttles whole requests only, so this test plays SharePoint's part:
    // the first $batch reaches the server without its second part, and the answer gets a
    // 429 part in that place, as SharePoint gives when it sheds one operation.
    const realFetch = globalThis.fetch;
    const batches: number[] = [];
    let throttledOnce = false;
    const spy = jest
      .spyOn(globalThis, "fetch")
      .mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.endsWith("/_api/$batch") || typeof init?.body !== "string") {
          return realFetch(input, init);
        }
        const changeset = /--(changeset_[0-9a-f-]+)\n/.exec(init.body)?.[1];
        const parts = init.body.split(`--${changeset}\n`);
        batches.push(parts.length - 1);
        if (throttledOnce || parts.length < 4) return realFetch(input, init);
        throttledOnce = true;
        parts.splice(2, 1);
        const answer = await realFetch(input, { ...init, body: parts.join(`--${changeset}\n`) });
        const text = await answer.text();
        const boundary = /^--(batchresponse_[0-9a-f-]+)/.exec(text)?.[1] ?? "";
        const answers = text.split(`--${boundary}\r\n`);
        answers.splice(
          2,
          0,
          [
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 429 Too Many Requests",
            "CONTENT-TYPE: application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
            "Retry-After: 3",
            "",
            JSON.stringify({
              "odata.error": {
                code: "-2147024860, Microsoft.SharePoint.SPRequestThrottledException",
                message: { lang: "en-US", value: "The request has been throttled." },
              },
            }),
            "",
          ].join("\r\n"),
        );
        return new Response(answers.join(`--${boundary}\r\n`), {
          status: answer.status,
          headers: answer.headers,
        });
      });
    const options = recordingRetry();
    try {
      const frames = sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames;
      const results = await frames.addMany([
        aBudgetFrame({ title: "Del 1", year: 2031 }),
        aBudgetFrame({ title: "Del 2", year: 2032 }),
        aBudgetFrame({ title: "Del 3", year: 2033 }),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true, true]);
      // First batch: three parts; the follow-up carries only the throttled one.
      expect(batches).toEqual([3, 1]);
      expect(options.waits).toEqual([3000]);
      const stored = (await frames.list({ where: { year: [2031, 2032, 2033] } })).map(
        (f) => f.title,
      );
      expect(stored.sort()).toEqual(["Del 1", "Del 2", "Del 3"]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("throttling", () => {
  it("retries a throttled request after the Retry-After wait and succeeds", async () => {
    await sp.queueFault({ status: 429, match: "/items", retryAfter: 0 });
    const options = recordingRetry();
    const frames = await sp
      .adaptersFor(sp.users.secretary, options)
      .repositories.budgetFrames.list();
    expect(frames.length).toBeGreaterThan(0);
    expect(options.waits).toEqual([0]);
  });

  it("tells the onRetry listener (the UI's retry banner) about each wait", async () => {
    await sp.queueFault({ status: 429, match: "/items", retryAfter: 3 });
    const notices: { status: number; waitMs: number; attempt: number }[] = [];
    const options = recordingRetry();
    await sp
      .adaptersFor(sp.users.secretary, {
        retry: { ...options.retry, onRetry: (w) => notices.push(w) },
      })
      .repositories.budgetFrames.list();
    expect(notices).toEqual([{ status: 429, waitMs: 3000, attempt: 1 }]);
  });

  it("honours Retry-After when SharePoint is busy (503)", async () => {
    await sp.queueFault({ status: 503, match: "/items", retryAfter: 2 });
    const options = recordingRetry();
    await sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames.list();
    expect(options.waits).toEqual([2000]);
  });

  it("surfaces persistent throttling as Throttled after a bounded number of retries", async () => {
    await sp.queueFault({ status: 429, match: "/items", retryAfter: 5, count: 10 });
    const options = recordingRetry();
    const e = await rejection(
      sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames.list(),
    );
    expect(e.kind).toBe("Throttled");
    expect(e.details.retryAfter).toBe(5);
    expect(options.waits).toEqual([5000, 5000, 5000]);
  });

  it("surfaces a server that stays unavailable as Unavailable", async () => {
    await sp.queueFault({ status: 503, match: "/items", retryAfter: 1, count: 10 });
    const e = await rejection(
      sp.adaptersFor(sp.users.secretary, recordingRetry()).repositories.budgetFrames.list(),
    );
    expect(e.kind).toBe("Unavailable");
  });

  it("maps a server that cannot be reached to Unavailable", async () => {
    // A loopback port nobody listens on any more.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const options = recordingRetry();
    const adapters = createSharePointAdapters(
      `http://127.0.0.1:${port}/sites/digistyr`,
      devTokenProvider(sp.users.secretary),
      options,
    );
    const e = await rejection(adapters.repositories.settings.list());
    expect(e.kind).toBe("Unavailable");
    // A read that never reached the server is safe to try again.
    expect(options.waits).toHaveLength(3);
  });
});
