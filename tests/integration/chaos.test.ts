/**
 * `npm run chaos` with its fixed seed: the quarterly cycle under throttling survives the local
 * Microsoft 365 being killed with SIGKILL mid-step, with nothing lost and nothing duplicated.
 * It runs as CI runs it, in a child process, and is judged by its last line and exit code.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const SLOW = 600_000;

function runChaos(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "scripts", "chaos.ts"), ...args],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => resolve({ code, out }));
  });
}

test(
  "the cycle with seed 1 loses nothing and duplicates nothing after a crash of the server",
  async () => {
    const { code, out } = await runChaos(["--seed", "1"]);
    const lines = out.trim().split("\n");
    const last = lines[lines.length - 1] ?? "";
    expect(last).toMatch(/^chaos: \d+ steps, lost 0, duplicated 0, [\d.]+ s$/);
    expect(out).toMatch(/Serveren blev dræbt i "[^"]+"/);
    expect(code).toBe(0);
  },
  SLOW,
);
