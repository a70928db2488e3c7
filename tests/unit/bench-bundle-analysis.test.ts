/**
 * The bench's bundle analysis (scripts/bench/bundle-analysis.ts): minified bytes attributed to
 * their sources through the source map, grouped by package or source folder, JSON data named
 * by what it holds, and gzip shares that add up to the file's gzip size.
 */
import { gzipSync } from "node:zlib";

import {
  contributors,
  groupOf,
  jsonParts,
  type SourceMapV3,
  textBySource,
  tokensOf,
} from "../../scripts/bench/bundle-analysis.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 VLQ of one number, as source maps write it. */
function vlq(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += B64[digit];
  } while (v > 0);
  return out;
}

/**
 * A map of one-line code where each segment starts at `column` and comes from `source` (an
 * index into `sources`, or null for a segment without a source).
 */
function mapOf(sources: string[], segments: { column: number; source: number | null }[]) {
  let column = 0;
  let source = 0;
  const parts = segments.map((s) => {
    const dc = s.column - column;
    column = s.column;
    if (s.source === null) return vlq(dc);
    const ds = s.source - source;
    source = s.source;
    return `${vlq(dc)}${vlq(ds)}${vlq(0)}${vlq(0)}`;
  });
  return { version: 3, sources, mappings: parts.join(",") } satisfies SourceMapV3;
}

describe("groupOf", () => {
  it.each([
    ["webpack://digistyr/./node_modules/react-dom/cjs/x.js", "react-dom"],
    ["webpack://digistyr/./node_modules/@fluentui/react-table/lib/a.js", "@fluentui/react-table"],
    ["webpack://digistyr/../../main/node_modules/@pnp/sp/items/types.js", "@pnp/sp"],
    ["./node_modules/a/node_modules/@scope/b/index.js", "@scope/b"],
    ["webpack://digistyr/./src/ui/i18n/da.json", "src/ui/i18n"],
    ["./src/ui/shell/Shell.tsx", "src/ui/shell"],
    ["./src/ui/i18n/features/kit.da.json", "src/ui/i18n"],
    ["./src/domain/portfolio.ts", "src/domain"],
    ["./src/main.tsx", "src"],
    ["./lists-schema/Initiatives.json", "lists-schema"],
    ["webpack://digistyr/webpack/runtime/jsonp chunk loading", "webpack"],
    ["", "(unmapped)"],
  ])("%s is %s", (source, group) => {
    expect(groupOf(source)).toBe(group);
  });
});

describe("textBySource", () => {
  it("gives each source the text from its segments' columns to the next segment's", () => {
    const code = "AAAABBBCCcc\nDD";
    const map = mapOf(
      ["a.js", "b.js"],
      [
        { column: 0, source: 0 },
        { column: 4, source: 1 },
        { column: 7, source: null },
        { column: 9, source: 0 },
      ],
    );
    map.mappings += `;${vlq(0)}${vlq(1)}${vlq(0)}${vlq(0)}`;
    const texts = textBySource(code, map);
    expect(texts.get("a.js")?.join("")).toBe("AAAAcc\n");
    expect(texts.get("b.js")?.join("")).toBe("BBBDD");
    expect(texts.get("")?.join("")).toBe("CC");
  });
});

describe("tokensOf and jsonParts", () => {
  it("JSON whose keys webpack shortened is still known by its values", () => {
    const file = { scopes: [{ resource: "graph", scope: "User.Read" }] };
    const built = { Mf: [{ resource: "graph", scope: "User.Read" }] };
    const common = tokensOf(built).filter((t) => tokensOf(file).includes(t));
    expect(common).toEqual(["resource", "graph", "scope", "User.Read"]);
  });

  it("takes out each JSON.parse call with its data's keys and string values", () => {
    const text = `var a=JSON.parse('{"app":{"name":"Dig\\'i"},"nav":1}'),b=2;JSON.parse("{\\"x\\":1}")`;
    const { json, rest } = jsonParts(text);
    expect(json.map((j) => j.tokens)).toEqual([["app", "name", "Dig'i", "nav"], ["x"]]);
    expect(rest).toBe("var a=,b=2;");
    expect(json.map((j) => j.text).join("") + rest).toHaveLength(text.length);
  });
});

describe("contributors", () => {
  const code = `${"x".repeat(3000)}JSON.parse('{"portfolio":{"title":"Portefølje"}}')${"y".repeat(1000)}`;
  const json = code.indexOf("JSON");
  const map = mapOf(
    ["webpack://d/./node_modules/react-dom/a.js", "webpack://d/./src/ui/App.tsx"],
    [
      { column: 0, source: 0 },
      { column: json, source: null },
      { column: code.indexOf("y"), source: 1 },
    ],
  );
  const parts = contributors([
    {
      name: "main.js",
      code,
      map,
      jsonModules: [
        { group: "src/ui/i18n", tokens: ["portfolio", "title", "Portefølje"] },
        { group: "lists-schema", tokens: ["$schema", "name", "title", "Initiatives"] },
      ],
    },
  ]);

  it("groups the bytes by package, source folder and JSON module, biggest first", () => {
    expect(parts.map((p) => p.group).sort()).toEqual(["react-dom", "src/ui", "src/ui/i18n"]);
    const bytes = Object.fromEntries(parts.map((p) => [p.group, p.bytes]));
    expect(bytes["react-dom"]).toBe(3000);
    expect(bytes["src/ui"]).toBe(1000);
    expect(bytes["src/ui/i18n"]).toBe(Buffer.byteLength(code.slice(json, code.indexOf("y"))));
    expect(parts.map((p) => p.gzip)).toEqual([...parts.map((p) => p.gzip)].sort((a, b) => b - a));
  });

  it("shares out the file's real gzip size", () => {
    const total = parts.reduce((s, p) => s + p.gzip, 0);
    expect(total).toBeCloseTo(gzipSync(Buffer.from(code), { level: 9 }).length, 6);
  });

  it("a file without a map is unmapped, its JSON named by what it holds", () => {
    const only = contributors([
      {
        name: "i18n.js",
        code: `(self.c=self.c||[]).push([[1],{1(e){e.exports=JSON.parse('{"portfolio":{}}')}}]);`,
        jsonModules: [{ group: "src/ui/i18n", tokens: ["portfolio"] }],
      },
    ]);
    expect(only.map((p) => p.group).sort()).toEqual(["(unmapped)", "src/ui/i18n"]);
  });
});
