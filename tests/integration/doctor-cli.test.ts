/**
 * `npm run doctor` as a process (scripts/doctor.ts) against the local Microsoft 365: exit code 0
 * when every check passes, 1 when one fails (with the row and its fix printed), 2 when the site
 * cannot be reached or the arguments are wrong; `--json` prints one row per line.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

import type { CheckRow } from "../../src/domain/readiness.js";
import {
  type DoctorSite,
  healthySiteImage,
  ownerAdmin,
  rest,
  siteFromImage,
  type SiteImage,
} from "../support/doctor.js";
import { startLocalM365 } from "../support/m365.js";

const SLOW = 60_000;
const root = join(import.meta.dirname, "..", "..");

async function doctor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/doctor.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code: code ?? -1, stdout, stderr };
}

let image: SiteImage;
let sp: DoctorSite;
beforeAll(async () => {
  image = await healthySiteImage();
  sp = await siteFromImage(image);
}, SLOW);
afterAll(() => sp.close());

test(
  "a healthy site: every row OK, exit code 0",
  async () => {
    const out = await doctor([
      "--site",
      sp.siteUrl,
      "--token",
      `dev:${sp.users.chair}`,
      "--admin-token",
      ownerAdmin(sp).replace(/^Bearer /, ""),
    ]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^OK\s+Listen Tiltag \(Initiatives\)$/m);
    expect(out.stdout).toMatch(/^OK\s+ETag kan læses af fanen \(http:\/\/localhost:4300\)$/m);
    expect(out.stdout).toMatch(/i orden, 0 advarsler, 0 fejl\./);
    expect(out.stdout).not.toMatch(/^(FEJL|ADVARSEL)/m);
  },
  SLOW,
);

test(
  "a broken site: the failing row with its fix, exit code 1; --json and --lang en",
  async () => {
    const broken = await siteFromImage(image);
    try {
      const r = rest(broken);
      await r.ok(r.list("LearningLog"), ownerAdmin(broken), { method: "DELETE" });
      const args = [
        "--site",
        broken.siteUrl,
        "--token",
        `dev:${broken.users.chair}`,
        "--admin-token",
        ownerAdmin(broken).replace(/^Bearer /, ""),
      ];
      const text = await doctor([...args, "--lang", "en"]);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(
        /^FAILURE\s+List Læring og netværk \(LearningLog\)\n\s+- The list LearningLog does not exist\.\n\s+How to fix it: Run npm run provision/m,
      );

      const json = await doctor([...args, "--json"]);
      expect(json.code).toBe(1);
      const lines = json.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown);
      const rows = lines.slice(0, -1) as CheckRow[];
      expect(rows.find((row) => row.id === "list:LearningLog")).toMatchObject({
        status: "failure",
        fix: { code: "fix.provision" },
      });
      expect(lines.at(-1)).toMatchObject({ failure: 1, exitCode: 1 });
    } finally {
      await broken.close();
    }
  },
  SLOW,
);

test(
  "a site that does not answer: exit code 2 with the reason",
  async () => {
    const m365 = await startLocalM365();
    const siteUrl = m365.sharepoint;
    await m365.close();
    const out = await doctor([
      "--site",
      siteUrl,
      "--token",
      "dev:niels.fogh@demokommune.onmicrosoft.com",
    ]);
    expect(out.code).toBe(2);
    expect(out.stdout).toMatch(
      /^FEJL\s+SharePoint-webstedet\n\s+- SharePoint-webstedet svarer ikke/m,
    );
    expect(out.stdout).toMatch(/SharePoint-webstedet kunne ikke læses/);
  },
  SLOW,
);

test(
  "wrong arguments: exit code 2 with the usage",
  async () => {
    const out = await doctor(["--site", sp.siteUrl]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/Der mangler et adgangstoken/);
    expect(out.stderr).toMatch(/Brug: npm run doctor/);
  },
  SLOW,
);
