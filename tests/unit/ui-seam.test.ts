/**
 * The UI's one seam, held by reading the sources: views reach data through the hooks of
 * src/ui/queries (one per use-case), never by calling TanStack Query themselves or a
 * repository; and tables are the kit's DataTable, so only src/ui/components writes Fluent UI's
 * table markup.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = process.cwd();
const UI = join(ROOT, "src", "ui");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = filesUnder(UI).map((path) => ({
  file: relative(ROOT, path).replace(/\\/g, "/"),
  text: readFileSync(path, "utf8"),
}));

const FLUENT_TABLE =
  /import\s*\{[^}]*\b(Table|TableRow|TableCell|TableHeader|TableHeaderCell|TableBody|DataGrid)\b[^}]*\}\s*from\s*"@fluentui\/react-components"/s;

describe("the UI seam", () => {
  it("reads every UI source (the checks below are not vacuous)", () => {
    expect(sources.filter((s) => s.file.endsWith(".tsx")).length).toBeGreaterThan(50);
  });

  it("writes Fluent UI table markup only in the kit (src/ui/components)", () => {
    const outside = sources
      .filter((s) => !s.file.startsWith("src/ui/components/") && FLUENT_TABLE.test(s.text))
      .map((s) => s.file);
    expect(outside).toEqual([]);
    expect(sources.some((s) => s.file === "src/ui/components/DataTable.tsx")).toBe(true);
  });

  it("has no component calling TanStack Query itself: data comes through src/ui/queries", () => {
    const calling = sources
      .filter(
        (s) =>
          s.file.endsWith(".tsx") &&
          /\buse(Query|Mutation|Queries|InfiniteQuery)\s*\(/.test(s.text),
      )
      .map((s) => s.file);
    expect(calling).toEqual([]);
  });

  it("calls no repository from the UI: views and hooks reach data through use-cases", () => {
    const calling = sources
      .filter((s) => /\brepositories\.\w+\.\w+\s*\(/.test(s.text))
      .map((s) => s.file);
    expect(calling).toEqual([]);
  });
});
