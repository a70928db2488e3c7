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
  /** The JSON modules of the file's chunk (from the build's stats), to name its JSON data. */
  jsonModules?: readonly JsonModule[];
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
 * The group of a module path, as webpack names it in its maps and stats
 * (`webpack://digistyr/./node_modules/@fluentui/react-table/lib/...`, `./src/ui/i18n/da.json`,
 * `../../main/node_modules/react-dom/...` when node_modules is a symlink,
 * `webpack://digistyr/webpack/runtime/...`): the npm package (the one after the last
 * `node_modules/`), else the source folder up to two levels under `src/` (`src/ui/i18n`,
 * `src/domain`), else `webpack` for its runtime, else the path's first folder (`lists-schema`).
 */
export function groupOf(source: string): string {
  if (source === "") return "(unmapped)";
  const path = source.replace(/^webpack:\/\/[^/]*\//, "").replace(/^(\.\.?\/)+/, "");
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1] ?? ""}` : (parts[0] ?? path);
  }
  const src = /(?:^|\/)(src\/.*)$/.exec(path)?.[1];
  if (src) return src.split("/").slice(0, -1).slice(0, 3).join("/");
  if (path.startsWith("webpack/") || path.includes("(webpack)")) return "webpack";
  const slash = path.indexOf("/");
  return slash > 0 ? path.slice(0, slash) : path;
}

/**
 * A JSON module webpack may have put in a file: webpack emits JSON as `JSON.parse('...')`
 * without a source map, so such text is matched to its module by what the data holds: its keys
 * and string values at any depth (webpack may shorten the keys of JSON the code reads by name,
 * never the values).
 */
export interface JsonModule {
  group: string;
  /** `tokensOf` the module's data. */
  tokens: readonly string[];
}

/** The keys and string values of JSON data at any depth (at most `limit`), to match it by. */
export function tokensOf(data: unknown, limit = 5000): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (out.size >= limit) return;
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, inner] of Object.entries(v)) {
        out.add(k);
        walk(inner);
      }
    }
  };
  walk(data);
  return [...out];
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
};

/** The value of the JavaScript string literal starting at `text[start]` (a quote), and its end. */
function stringLiteralAt(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text[start];
  if (quote !== "'" && quote !== '"') return undefined;
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === quote) return { value, end: i + 1 };
    if (c !== "\\") {
      value += c;
      continue;
    }
    const n = text[++i] ?? "";
    if (n in ESCAPES) value += ESCAPES[n];
    else if (n === "x") {
      value += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === "u" && text[i + 1] === "{") {
      const close = text.indexOf("}", i);
      value += String.fromCodePoint(parseInt(text.slice(i + 2, close), 16));
      i = close;
    } else if (n === "u") {
      value += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n === "\n") {
      // a line continuation
    } else value += n;
  }
  return undefined;
}

/** Splits unmapped text into its `JSON.parse("...")` calls, each with `tokensOf` its data, and the rest. */
export function jsonParts(text: string): {
  json: { text: string; tokens: string[] }[];
  rest: string;
} {
  const json: { text: string; tokens: string[] }[] = [];
  let rest = "";
  let from = 0;
  for (;;) {
    const at = text.indexOf("JSON.parse(", from);
    if (at < 0) break;
    const literal = stringLiteralAt(text, at + "JSON.parse(".length);
    if (!literal) {
      rest += text.slice(from, at + 1);
      from = at + 1;
      continue;
    }
    const end = text[literal.end] === ")" ? literal.end + 1 : literal.end;
    let tokens: string[] = [];
    try {
      tokens = tokensOf(JSON.parse(literal.value));
    } catch {
      // not JSON after all: counted, matching nothing
    }
    rest += text.slice(from, at);
    json.push({ text: text.slice(at, end), tokens });
    from = end;
  }
  return { json, rest: rest + text.slice(from) };
}

/** The module a JSON literal most likely is: the most tokens in common, for the tokens there are. */
function jsonGroup(tokens: readonly string[], modules: readonly JsonModule[]): string {
  let best: { group: string; score: number } | undefined;
  for (const m of modules) {
    const mine = new Set(m.tokens);
    const common = tokens.filter((k) => mine.has(k)).length;
    const score = common / Math.max(1, new Set([...tokens, ...m.tokens]).size);
    if (common > 0 && (!best || score > best.score)) best = { group: m.group, score };
  }
  return best?.group ?? "(json)";
}

const gz = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;

/** Contributors to the given files, biggest gzip share first. */
export function contributors(files: readonly BuiltFile[]): Contributor[] {
  const total = new Map<string, Contributor>();
  for (const file of files) {
    const fileGzip = gz(file.code);
    // Without a map (a chunk of JSON only) everything is unmapped: JSON data or webpack's.
    const texts = file.map ? textBySource(file.code, file.map) : new Map([["", [file.code]]]);
    const groups = new Map<string, string[]>();
    const add = (g: string, parts: readonly string[]) => {
      if (parts.every((p) => p === "")) return;
      const list = groups.get(g);
      if (list) list.push(...parts);
      else groups.set(g, [...parts]);
    };
    for (const [source, parts] of texts) {
      if (source === "") {
        const { json, rest } = jsonParts(parts.join(""));
        for (const j of json) add(jsonGroup(j.tokens, file.jsonModules ?? []), [j.text]);
        add("(unmapped)", [rest]);
      } else add(groupOf(source), parts);
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
