/**
 * `npm run provision` as its own process against the local Microsoft 365 throttling 30 % of
 * requests with 30 ms of latency: killed with SIGKILL part-way, then run again, it finishes,
 * prints its progress saying how often it waited, and leaves the same site as an unthrottled
 * run (nothing made twice). SharePoint Online throttles with 429 and Retry-After
 * (https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

import { devAdminTokenProvider } from "../../src/host/dev-token.js";
import { PROVISIONING_SCOPES } from "../../src/host/permissions.js";
import { provisionSite } from "../../src/provisioning/index.js";
import { type M365, startLocalM365 } from "../support/m365.js";
import { FIXED_NOW, siteSnapshot } from "../support/site-snapshot.js";

const SLOW = 300_000;
const root = join(import.meta.dirname, "..", "..");

let reference: unknown;
let server: M365;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  const plain = await startLocalM365({ now: FIXED_NOW });
  try {
    await provisionSite({
      siteUrl: plain.sharepoint,
      tokenProvider: devAdminTokenProvider(plain.users[0]!),
    });
    reference = await siteSnapshot(plain);
  } finally {
    await plain.close();
  }
  server = await startLocalM365({
    now: FIXED_NOW,
    faults: { throttle: 0.3, latency: 30, retryAfter: 0, seed: 11 },
  });
}, SLOW);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await server?.close();
});

/**
 * Runs `scripts/provision.ts` in one process (not through the tsx CLI, whose child would survive
 * a kill of its parent); `killAfter` lines of output, it is killed with SIGKILL.
 */
async function provisionProcess(
  killAfter?: number,
): Promise<{ lines: string[]; exit: number | string }> {
  const token = `dev:${server.users[0]!};scp=${PROVISIONING_SCOPES.join(",")}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/provision.ts", "--site", server.sharepoint, "--token", token],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.add(child);
  const exited = once(child, "exit").then(([code, signal]) =>
    code === null ? String(signal) : (code as number),
  );
  const lines: string[] = [];
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    if (killAfter !== undefined && lines.length === killAfter) child.kill("SIGKILL");
  });
  const exit = await exited;
  children.delete(child);
  if (exit !== 0 && exit !== "SIGKILL") throw new Error(`provision exited ${exit}: ${stderr}`);
  return { lines, exit };
}

test(
  "killed part-way under throttling and latency, the next run completes the site with nothing made twice and says it waited",
  async () => {
    // "Provisionerer <url>", then one line per list: killed after the third list.
    const killed = await provisionProcess(4);
    expect(killed.exit).toBe("SIGKILL");
    expect(server.faults.injected).toBeGreaterThan(0);
    expect(await siteSnapshot(server)).not.toEqual(reference);

    const { lines, exit } = await provisionProcess();
    expect(exit).toBe(0);
    expect(lines[0]).toBe(`Provisionerer ${server.sharepoint}`);
    // Progress as before: one line per list, with the waits since the line before.
    expect(lines.filter((l) => /^\S.* \([A-Za-z]+\): /.test(l)).length).toBeGreaterThan(10);
    expect(lines.some((l) => /\(ventede \d+ gange?, [\d,]+ s\)$/.test(l))).toBe(true);
    expect(lines).toContainEqual(
      expect.stringMatching(/^Ventede \d+ gange på SharePoint, i alt .+ \(HTTP 429\)\.$/),
    );
    expect(lines.at(-1)).toMatch(/^Færdig: /);
    expect(await siteSnapshot(server)).toEqual(reference);
  },
  SLOW,
);
