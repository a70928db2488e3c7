/**
 * The app's own import graph, read from the sources: which files a module reaches through
 * relative imports, and which translation keys a file names. For the tests that keep the tab's
 * lazy loading honest (tests/unit/ui-i18n-lazy.test.ts, tests/unit/bundle-split.test.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");

/** `./x.js` → the file it means (`x.ts`, `x.tsx`, `x/index.ts`), or undefined outside the app. */
export function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = resolve(dirname(from), spec);
  if (/\.json$/.test(base)) return existsSync(base) ? base : undefined;
  const stem = base.replace(/\.js$/, "");
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`, `${stem}/index.tsx`]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** A file's text without its comments, so commented-out imports and keys do not count. */
export function code(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1");
}

const STATIC = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^;"']*?\sfrom\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']/g;

/** The relative imports of a file (type-only ones left out): static, and `import("...")`. */
export function importsOf(file: string): { static: string[]; dynamic: string[] } {
  const src = code(file);
  const stat: string[] = [];
  const dyn: string[] = [];
  for (const m of src.matchAll(STATIC)) {
    if (m[2]) continue;
    const r = resolveImport(file, m[3] as string);
    if (r) stat.push(r);
  }
  for (const m of src.matchAll(DYNAMIC)) {
    const r = resolveImport(file, m[1] as string);
    if (r) dyn.push(r);
  }
  return { static: stat, dynamic: dyn };
}

/**
 * Every file reached from `entries` (absolute paths) through static imports, and through
 * `import("...")` too when `followDynamic`; `stop` files are neither entered nor listed.
 */
export function reachable(
  entries: readonly string[],
  options: { followDynamic?: boolean; stop?: (file: string) => boolean } = {},
): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file) || options.stop?.(file)) continue;
    seen.add(file);
    if (file.endsWith(".json")) continue;
    const { static: stat, dynamic } = importsOf(file);
    todo.push(...stat, ...(options.followDynamic ? dynamic : []));
  }
  return seen;
}

/**
 * The translation namespaces (of `namespaces`) a file names: any string or template literal
 * starting with `<namespace>.` and a letter, as `t("portfolio.title")` or a `labelKey`.
 */
export function namespacesUsedBy(file: string, namespaces: readonly string[]): Set<string> {
  const re = new RegExp(`["'\`](${namespaces.join("|")})\\.[A-Za-z]`, "g");
  return new Set([...code(file).matchAll(re)].map((m) => m[1] as string));
}

/** A path relative to the project root, with forward slashes. */
export function rel(file: string): string {
  return relative(ROOT, file).split("\\").join("/");
}
