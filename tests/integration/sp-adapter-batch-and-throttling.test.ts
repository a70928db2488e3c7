/**
 * Batched writes and throttling through the adapter against the local SharePoint.
 *
 * - `$batch` parts succeed or fail on their own: SharePoint answers each part separately
 *   (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis;
 *   ../shared/reference/wire/batchtest-output.txt shows a 412 part beside successful ones).
 * - SharePoint Online throttles with 429 or 503 and `Retry-After`; clients are to wait that
 *   long and retry (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online).
 *   The adapter retries within a budget of waiting time per request, not a count. The waits are
 *   recorded by the test instead of slept.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { jest } from "@jest/globals";

import type { RetryWait } from "../../src/adapters/retry-policy.js";
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
    const [problem, ...more] = e.details.problems ?? [];
    expect(more).toEqual([]);
    expect([problem?.code, problem?.field, problem?.params?.min]).toEqual([
      "validation.min",
      "year",
      2000,
    ]);
    expect((await frames.list()).length).toBe(before);
  });

  it("sends a throttled part again in a follow-up batch, never the parts that succeeded", async () => {
    const throttled = throttlePart("Del 2", { times: 1, retryAfter: 3 });
    const options = recordingRetry();
    const notices: RetryWait[] = [];
    try {
      const frames = sp.adaptersFor(sp.users.secretary, {
        retry: { ...options.retry, onRetry: (w) => notices.push(w) },
      }).repositories.budgetFrames;
      const results = await frames.addMany([
        aBudgetFrame({ title: "Del 1", year: 2031 }),
        aBudgetFrame({ title: "Del 2", year: 2032 }),
        aBudgetFrame({ title: "Del 3", year: 2033 }),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true, true]);
      // First batch: three parts; the follow-up carries only the throttled one.
      expect(throttled.batches).toEqual([3, 1]);
      expect(options.waits).toEqual([3000]);
      expect(notices).toEqual([{ status: 429, waitMs: 3000, attempt: 1, spentMs: 3000, parts: 1 }]);
      const stored = (await frames.list({ where: { year: [2031, 2032, 2033] } })).map(
        (f) => f.title,
      );
      expect(stored.sort()).toEqual(["Del 1", "Del 2", "Del 3"]);
    } finally {
      throttled.restore();
    }
  });

  it("a part throttled past the budget keeps its Throttled error; the others are written once", async () => {
    const throttled = throttlePart("Del B", { times: Infinity, retryAfter: 2 });
    const options = recordingRetry([], 5000);
    try {
      const frames = sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames;
      const results = await frames.addMany([
        aBudgetFrame({ title: "Del A", year: 2034 }),
        aBudgetFrame({ title: "Del B", year: 2035 }),
        aBudgetFrame({ title: "Del C", year: 2036 }),
      ]);
      expect(results.map((r) => (r.ok ? "ok" : r.error.kind))).toEqual(["ok", "Throttled", "ok"]);
      // 2 + 2 s of waiting fit in the budget of 5 s, a third round would not.
      expect(throttled.batches).toEqual([3, 1, 1]);
      expect(options.waits).toEqual([2000, 2000]);
      const stored = (await frames.list({ where: { year: [2034, 2035, 2036] } })).map(
        (f) => f.title,
      );
      expect(stored.sort()).toEqual(["Del A", "Del C"]);
    } finally {
      throttled.restore();
    }
  });

  it("a $batch refused as a whole (503) is sent again as a whole, and each part is written once", async () => {
    await sp.queueFault({ status: 503, match: "$batch", count: 2, retryAfter: 1 });
    const options = recordingRetry();
    const frames = sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames;
    const results = await frames.addMany([
      aBudgetFrame({ title: "Hel 1", year: 2037 }),
      aBudgetFrame({ title: "Hel 2", year: 2038 }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(options.waits).toEqual([1000, 1000]);
    const stored = (await frames.list({ where: { year: [2037, 2038] } })).map((f) => f.title);
    expect(stored.sort()).toEqual(["Hel 1", "Hel 2"]);
  });
});

/**
 * The local server throttles whole requests only, so this plays SharePoint's part for one
 * operation of a `$batch`: the part whose body contains `marker` is taken out before the batch
 * reaches the server (so it is not carried out), and the answer gets a 429 part in its place,
 * as SharePoint gives when it sheds one operation, for the first `times` batches carrying it.
 * `batches` records how many parts each `$batch` had.
 */
function throttlePart(marker: string, o: { times: number; retryAfter: number }) {
  const realFetch = globalThis.fetch;
  const batches: number[] = [];
  let left = o.times;
  const spy = jest
    .spyOn(globalThis, "fetch")
    .mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.endsWith("/_api/$batch") || typeof init?.body !== "string") {
        return realFetch(input, init);
      }
      const changeset = /--(changeset_[0-9a-f-]+)\n/.exec(init.body)?.[1] ?? "";
      const closing = `--${changeset}--`;
      const end = init.body.indexOf(closing);
      const [head = "", ...parts] = init.body.slice(0, end).split(`--${changeset}\n`);
      batches.push(parts.length);
      const at = parts.findIndex((p) => p.includes(marker));
      if (at < 0 || left <= 0) return realFetch(input, init);
      left -= 1;
      const kept = parts.filter((_, k) => k !== at);
      const sent = [head, ...kept].join(`--${changeset}\n`) + init.body.slice(end);
      let boundary = "batchresponse_00000000-0000-0000-0000-000000000000";
      let answers: string[] = [];
      let status = 200;
      let headers: HeadersInit = { "Content-Type": `multipart/mixed; boundary=${boundary}` };
      if (kept.length > 0) {
        const answer = await realFetch(input, { ...init, body: sent });
        const text = await answer.text();
        boundary = /^--(batchresponse_[0-9a-f-]+)/.exec(text)?.[1] ?? boundary;
        answers = text
          .slice(0, text.lastIndexOf(`--${boundary}--`))
          .split(`--${boundary}\r\n`)
          .slice(1);
        status = answer.status;
        headers = answer.headers;
      }
      answers.splice(
        at,
        0,
        [
          "Content-Type: application/http",
          "Content-Transfer-Encoding: binary",
          "",
          "HTTP/1.1 429 Too Many Requests",
          "CONTENT-TYPE: application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
          `Retry-After: ${o.retryAfter}`,
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
      const body = answers.map((a) => `--${boundary}\r\n${a}`).join("") + `--${boundary}--\r\n`;
      return new Response(body, { status, headers });
    });
  return { batches, restore: () => spy.mockRestore() };
}

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
    const notices: RetryWait[] = [];
    const options = recordingRetry();
    await sp
      .adaptersFor(sp.users.secretary, {
        retry: { ...options.retry, onRetry: (w) => notices.push(w) },
      })
      .repositories.budgetFrames.list();
    expect(notices).toEqual([{ status: 429, waitMs: 3000, attempt: 1, spentMs: 3000 }]);
  });

  it("honours Retry-After when SharePoint is busy (503)", async () => {
    await sp.queueFault({ status: 503, match: "/items", retryAfter: 2 });
    const options = recordingRetry();
    await sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames.list();
    expect(options.waits).toEqual([2000]);
  });

  it("keeps retrying as long as the waits fit in the budget, however many retries that is", async () => {
    // Eight refusals in a row: the old limit of four retries gave up; the budget does not.
    await sp.queueFault({ status: 429, match: "/items", retryAfter: 1, count: 8 });
    const options = recordingRetry([], 120_000);
    const frames = await sp
      .adaptersFor(sp.users.secretary, options)
      .repositories.budgetFrames.list();
    expect(frames.length).toBeGreaterThan(0);
    expect(options.waits).toEqual(Array<number>(8).fill(1000));
  });

  it("backs off with jitter when SharePoint asks for no wait and keeps refusing", async () => {
    await sp.queueFault({ status: 503, match: "/items", retryAfter: 0, count: 5 });
    const options = recordingRetry([], 120_000);
    await sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames.list();
    // Three at once, then the back-off (base 1 s, doubling, jitter fixed at its middle).
    expect(options.waits).toEqual([0, 0, 0, 750, 1500]);
  });

  it("surfaces persistent throttling as Throttled once the budget of waiting is spent", async () => {
    await sp.queueFault({ status: 429, match: "/items", retryAfter: 2, count: 10 });
    const options = recordingRetry([], 5000);
    const e = await rejection(
      sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames.list(),
    );
    expect(e.kind).toBe("Throttled");
    expect(e.details.retryAfter).toBe(2);
    // 2 + 2 s fit in 5 s; a third wait would not.
    expect(options.waits).toEqual([2000, 2000]);
  });

  it("does not wait at all when SharePoint asks for more than the whole budget", async () => {
    await sp.queueFault({ status: 429, match: "/items", retryAfter: 3600 });
    const options = recordingRetry();
    const e = await rejection(
      sp.adaptersFor(sp.users.secretary, options).repositories.budgetFrames.list(),
    );
    expect(e.kind).toBe("Throttled");
    expect(e.details.retryAfter).toBe(3600);
    expect(options.waits).toEqual([]);
  });

  it("surfaces a server that stays unavailable as Unavailable", async () => {
    await sp.queueFault({ status: 503, match: "/items", retryAfter: 1, count: 10 });
    const e = await rejection(
      sp.adaptersFor(sp.users.secretary, recordingRetry()).repositories.budgetFrames.list(),
    );
    expect(e.kind).toBe("Unavailable");
  });

  it("retries a read that timed out at a gateway (504), never a write", async () => {
    const frames = sp.adaptersFor(sp.users.secretary, recordingRetry()).repositories.budgetFrames;
    await sp.queueFault({ status: 504, match: "/items", method: "GET", retryAfter: 0 });
    expect((await frames.list()).length).toBeGreaterThan(0);

    // A write that timed out may have been carried out: sending it again could add it twice.
    const before = (await frames.list()).length;
    const options = recordingRetry();
    await sp.queueFault({ status: 504, match: "/items", method: "POST", retryAfter: 0 });
    const e = await rejection(
      sp
        .adaptersFor(sp.users.secretary, options)
        .repositories.budgetFrames.add(aBudgetFrame({ title: "Efter 504", year: 2040 })),
    );
    expect(e.kind).toBe("Unavailable");
    expect(options.waits).toEqual([]);
    expect((await frames.list()).length).toBe(before);
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
    // A read that never reached the server is safe to try again: back-off within the budget.
    expect(options.waits).toEqual([750, 1500]);
  });
});
