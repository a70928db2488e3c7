/**
 * The local Graph's JSON $batch: `dependsOn` must be an array of request ids (strings); any
 * other shape makes the whole batch 400, as Graph validates the payload before running any part
 * (https://learn.microsoft.com/graph/json-batching).
 */
import { devToken, type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;
let chair: string;

beforeAll(async () => {
  m365 = await startLocalM365();
  [, chair = ""] = m365.users;
});
afterAll(() => m365.close());

interface BatchAnswer {
  status: number;
  body: {
    error?: { code: string; message: string };
    responses?: { id: string; status: number }[];
  };
}

async function batch(requests: unknown[]): Promise<BatchAnswer> {
  const res = await fetch(`${m365.graph}/$batch`, {
    method: "POST",
    headers: { Authorization: devToken(chair), "Content-Type": "application/json" },
    body: JSON.stringify({ requests }),
  });
  return { status: res.status, body: (await res.json()) as BatchAnswer["body"] };
}

const get = (id: string) => ({ id, method: "GET", url: "/me" });

describe("local Graph $batch: the shape of dependsOn", () => {
  test.each<[string, unknown]>([
    ["a string", "1"],
    ["a number", 1],
    ["an object", { id: "1" }],
    ["null", null],
    ["an array with a number", [1]],
    ["an array with a null", ["1", null]],
  ])("dependsOn as %s makes the whole batch 400", async (_case, dependsOn) => {
    const res = await batch([get("1"), { ...get("2"), dependsOn }]);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("BadRequest");
    expect(res.body.error?.message).toContain("dependsOn");
    expect(res.body.responses).toBeUndefined();
  });

  test("dependsOn as an array of request ids runs the batch", async () => {
    const res = await batch([get("1"), { ...get("2"), dependsOn: ["1"] }]);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.responses?.map((r) => [r.id, r.status]));
    expect(byId.get("1")).toBe(200);
    expect(byId.get("2")).toBe(200);
  });

  test("an empty dependsOn array is accepted", async () => {
    const res = await batch([{ ...get("1"), dependsOn: [] }]);
    expect(res.status).toBe(200);
  });
});
