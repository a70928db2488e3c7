/**
 * The doctor's adapter over a scripted `fetch`. Its view of ETag from the tab's origin: on the command line
 * it reads the CORS headers a browser would get (allowed origin, exposed ETag, a preflight that
 * allows If-Match); in the browser it looks for the ETag header itself and treats a refused
 * request (a TypeError) as a refused origin. And throttled reads are retried.
 */
import {
  type CorsCheck,
  createTenantProbe,
  graphBaseFor,
} from "../../src/adapters/tenant/index.js";

const SITE = "https://kommune.sharepoint.com/sites/digistyr";
const ORIGIN = "https://digistyr.kommune.dk";

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** A fetch that answers the Settings item query, the item and the preflight as told. */
function scriptedFetch(answers: {
  item: Record<string, string> | "refused";
  preflight?: Record<string, string>;
  merge?: "refused";
}) {
  const calls: Call[] = [];
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    const method = init?.method ?? "GET";
    calls.push({ url, method, headers: (init?.headers ?? {}) as Record<string, string> });
    if (url.includes("/items?")) {
      return Promise.resolve(Response.json({ value: [{ Id: 4 }] }));
    }
    if (method === "OPTIONS") {
      return Promise.resolve(new Response(null, { status: 204, headers: answers.preflight ?? {} }));
    }
    if (method === "POST") {
      if (answers.merge === "refused") return Promise.reject(new TypeError("Failed to fetch"));
      return Promise.resolve(new Response("{}", { status: 404 }));
    }
    if (answers.item === "refused") return Promise.reject(new TypeError("Failed to fetch"));
    return Promise.resolve(new Response("{}", { status: 200, headers: answers.item }));
  };
  return { calls, fetchFn: fetchFn };
}

function probeWith(cors: CorsCheck, fetchFn: typeof fetch) {
  return createTenantProbe({
    siteUrl: SITE,
    graphBaseUrl: "https://graph.microsoft.com/v1.0",
    tokens: { getToken: () => Promise.resolve("token") },
    cors,
    fetch: fetchFn,
  });
}

const GOOD_PREFLIGHT = {
  "Access-Control-Allow-Origin": ORIGIN,
  "Access-Control-Allow-Headers": "Authorization, Content-Type, If-Match, X-HTTP-Method",
};

describe("from the command line (the tab's Origin sent)", () => {
  test("exposed: origin allowed, ETag exposed, If-Match allowed; the Origin is the tab's", async () => {
    const { calls, fetchFn } = scriptedFetch({
      item: {
        "Access-Control-Allow-Origin": ORIGIN,
        "Access-Control-Expose-Headers": "Retry-After, ETag",
        ETag: '"3"',
      },
      preflight: GOOD_PREFLIGHT,
    });
    expect(await probeWith({ kind: "origin", origin: ORIGIN }, fetchFn).etag()).toEqual({
      kind: "exposed",
      origin: ORIGIN,
    });
    const item = calls.find((c) => c.url.endsWith("/items(4)") && c.method === "GET")!;
    expect(item.headers.Origin).toBe(ORIGIN);
  });

  test.each([
    [
      "ETag not in the exposed headers",
      { "Access-Control-Allow-Origin": ORIGIN, "Access-Control-Expose-Headers": "Retry-After" },
      GOOD_PREFLIGHT,
      ["etagHidden"],
    ],
    [
      "another origin allowed",
      {
        "Access-Control-Allow-Origin": "https://other.example",
        "Access-Control-Expose-Headers": "ETag",
      },
      GOOD_PREFLIGHT,
      ["originRefused"],
    ],
    [
      "a preflight without If-Match",
      { "Access-Control-Allow-Origin": ORIGIN, "Access-Control-Expose-Headers": "*" },
      { "Access-Control-Allow-Origin": ORIGIN, "Access-Control-Allow-Headers": "Authorization" },
      ["ifMatchRefused"],
    ],
  ])("%s", async (_name, item, preflight, problems) => {
    const { fetchFn } = scriptedFetch({ item, preflight });
    expect(await probeWith({ kind: "origin", origin: ORIGIN }, fetchFn).etag()).toEqual({
      kind: "notExposed",
      origin: ORIGIN,
      problems,
    });
  });
});

describe("in the browser", () => {
  test("the ETag header visible: exposed", async () => {
    const { fetchFn } = scriptedFetch({ item: { ETag: '"3"' } });
    expect((await probeWith({ kind: "browser", origin: ORIGIN }, fetchFn).etag()).kind).toBe(
      "exposed",
    );
  });

  test.each([
    ["no ETag header visible", { item: {} }, ["etagHidden"]],
    ["the request refused by CORS", { item: "refused" as const }, ["originRefused"]],
    [
      "the If-Match request refused by CORS",
      { item: { ETag: '"3"' }, merge: "refused" as const },
      ["ifMatchRefused"],
    ],
  ])("%s", async (_name, answers, problems) => {
    const { fetchFn } = scriptedFetch(answers);
    expect(await probeWith({ kind: "browser", origin: ORIGIN }, fetchFn).etag()).toEqual({
      kind: "notExposed",
      origin: ORIGIN,
      problems,
    });
  });

  test("the If-Match request goes to an item that does not exist", async () => {
    const { calls, fetchFn } = scriptedFetch({ item: { ETag: '"3"' } });
    await probeWith({ kind: "browser", origin: ORIGIN }, fetchFn).etag();
    const merge = calls.find((c) => c.method === "POST")!;
    expect(merge.url).toMatch(/\/items\(2147483647\)$/);
    expect(merge.headers["If-Match"]).toBe("*");
  });
});

test("without an origin nothing is checked", async () => {
  const { calls, fetchFn } = scriptedFetch({ item: {} });
  expect(await probeWith({ kind: "none" }, fetchFn).etag()).toEqual({
    kind: "notChecked",
    reason: "noOrigin",
  });
  expect(calls).toEqual([]);
});

test("a throttled read is sent again after Retry-After, by the adapters' retry policy", async () => {
  const waits: number[] = [];
  let calls = 0;
  const fetchFn = (() => {
    calls++;
    return Promise.resolve(
      calls === 1
        ? new Response("", { status: 429, headers: { "Retry-After": "2" } })
        : Response.json({ value: [{ Id: 1073741829, Name: "Full Control", RoleTypeKind: 5 }] }),
    );
  }) as typeof fetch;
  const probe = createTenantProbe({
    siteUrl: SITE,
    graphBaseUrl: "https://graph.microsoft.com/v1.0",
    tokens: { getToken: () => Promise.resolve("token") },
    cors: { kind: "none" },
    fetch: fetchFn,
    retry: {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  });
  expect((await probe.roleDefinitions()).map((d) => d.name)).toEqual(["Full Control"]);
  expect(waits).toEqual([2000]);
});

test.each([
  ["http://127.0.0.1:4365/sites/digistyr", "http://127.0.0.1:4365/v1.0"],
  ["http://localhost:4365/sites/digistyr", "http://localhost:4365/v1.0"],
  ["https://kommune.sharepoint.com/sites/digistyr", "https://graph.microsoft.com/v1.0"],
])(
  "Graph's base for %s is %s (the local Microsoft 365 serves Graph on the site's origin)",
  (site, graph) => {
    expect(graphBaseFor(site)).toBe(graph);
  },
);
