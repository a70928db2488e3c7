/**
 * Building the tab on demand for `npm start`: when `build/tab` is missing or older than the
 * sources it is built from (or always, with `--build`), run webpack in production mode.
 */
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the bundle is built from, relative to the project root. */
export const TAB_SOURCES = [
  "src/main.tsx",
  "src/ui",
  "src/host",
  "src/adapters",
  "src/domain",
  "src/ports",
  "lists-schema",
  "webpack.config.js",
  "package-lock.json",
];

function newestMtime(path: string): number {
  let s;
  try {
    s = statSync(path);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `build/tab/index.html` is missing or older than any source. */
export function tabNeedsBuild(projectRoot: string): boolean {
  let built: number;
  try {
    built = statSync(join(projectRoot, "build", "tab", "index.html")).mtimeMs;
  } catch {
    return true;
  }
  return TAB_SOURCES.some((p) => newestMtime(join(projectRoot, p)) > built);
}

/** Runs `webpack --mode production` in the project; rejects when it fails. */
export function buildTab(projectRoot: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production"],
      { cwd: projectRoot, stdio: "inherit" },
    );
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`webpack failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
