/**
 * What the tab's JavaScript is made of: each minified byte of a built file is attributed to the
 * source it came from through the file's source map (as source-map-explorer does), sources are
 * grouped by npm package or by source folder, and each group's share of the file's gzip size is
 * estimated by gzipping the group's bytes on their own and scaling the results to the file's
 * real gzip size (gzip of a whole file is less than the sum of its parts, so the parts are
 * scaled down together).
 *
 * Pure functions over the files' text and maps; `bundle.ts` reads the files.
 */
import { gzipSync } from "node:zlib";

/** The fields of a source map (v3) this reads. */
export interface SourceMapV3 {
  version: number;
  sources: string[];
  mappings: string;
}

export interface BuiltFile {
  name: string;
  code: string;
  map?: SourceMapV3;
}

export interface Contributor {
  /** An npm package (`@fluentui/react-table`), a source folder (`src/ui/i18n`), or `webpack`. */
  group: string;
  /** Minified bytes (UTF-8). */
  bytes: number;
  /** The group's estimated share of the files' gzip size. */
  gzip: number;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** One line's segments of a source map: [generated column, source index?]... (VLQ, base64). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64_VALUE.get(c);
    if (digit === undefined) throw new Error(`source map: "${c}" is not base64`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * The generated text of each source: every mapped segment runs from its column to the next
 * segment's (or the line's end). Text before a line's first segment or in segments without a
 * source goes to `""`.
 */
export function textBySource(code: string, map: SourceMapV3): Map<string, string[]> {
  if (map.version !== 3) throw new Error(`source map version ${map.version}, expected 3`);
  const out = new Map<string, string[]>();
  const add = (source: string, text: string) => {
    if (text === "") return;
    const list = out.get(source);
    if (list) list.push(text);
    else out.set(source, [text]);
  };
  const lines = code.split("\n");
  const mapLines = map.mappings.split(";");
  let sourceIndex = 0;
  lines.forEach((line, i) => {
    const segments = (mapLines[i] ?? "").split(",").filter((s) => s !== "");
    let column = 0;
    const starts: { column: number; source: string }[] = [];
    for (const segment of segments) {
      const v = decodeSegment(segment);
      column += v[0] ?? 0;
      if (v.length >= 4) {
        sourceIndex += v[1] ?? 0;
        starts.push({ column, source: map.sources[sourceIndex] ?? "" });
      } else {
        starts.push({ column, source: "" });
      }
    }
    add("", line.slice(0, starts[0]?.column ?? line.length));
    starts.forEach((s, k) => add(s.source, line.slice(s.column, starts[k + 1]?.column)));
    if (i < lines.length - 1) add(starts.at(-1)?.source ?? "", "\n");
  });
  return out;
}

/**
 * The group of a source path as webpack names it in its maps
 * (`webpack://digistyr/./node_modules/@fluentui/react-table/lib/...`,
 * `webpack://digistyr/./src/ui/i18n/da.json`, `webpack://digistyr/webpack/runtime/...`):
 * the npm package (the one after the last `node_modules/`), else the source folder two levels
 * under `src/` (`src/ui/i18n`, `src/domain`), else `webpack` for its runtime and `(unmapped)`.
 */
export function groupOf(source: string): string {
  if (source === "") return "(unmapped)";
  const path = source.replace(/^webpack:\/\/[^/]*\//, "").replace(/^\.\//, "");
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1] ?? ""}` : (parts[0] ?? path);
  }
  const src = /(?:^|\/)(src\/.*)$/.exec(path)?.[1];
  if (src) {
    const dirs = src.split("/").slice(0, -1);
    return dirs.slice(0, 3).join("/");
  }
  if (path.startsWith("webpack/") || path.includes("(webpack)")) return "webpack";
  return path;
}

const gz = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;

/** Contributors to the given files, biggest gzip share first. */
export function contributors(files: readonly BuiltFile[]): Contributor[] {
  const total = new Map<string, Contributor>();
  for (const file of files) {
    const fileGzip = gz(file.code);
    const texts = file.map
      ? textBySource(file.code, file.map)
      : new Map([[`(no map: ${file.name})`, [file.code]]]);
    const groups = new Map<string, string[]>();
    for (const [source, parts] of texts) {
      const g = file.map ? groupOf(source) : source;
      const list = groups.get(g);
      if (list) list.push(...parts);
      else groups.set(g, [...parts]);
    }
    const alone = [...groups].map(([group, parts]) => {
      const text = parts.join("");
      return { group, bytes: Buffer.byteLength(text), gzip: gz(text) };
    });
    const sum = alone.reduce((s, g) => s + g.gzip, 0);
    for (const g of alone) {
      const share = sum === 0 ? 0 : (g.gzip / sum) * fileGzip;
      const c = total.get(g.group) ?? { group: g.group, bytes: 0, gzip: 0 };
      c.bytes += g.bytes;
      c.gzip += share;
      total.set(g.group, c);
    }
  }
  return [...total.values()].sort((a, b) => b.gzip - a.gzip);
}
