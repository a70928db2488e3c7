/**
 * Parsing of SharePoint REST addresses below `<site>/_api/`: `web/lists/getByTitle('Tiltag')`,
 * `web/lists(guid'...')`, `web/getList('/sites/x/Lists/Y')`, `web/siteusers(@v)?@v='i:0#...'`,
 * `roleassignments/addroleassignment(principalid=11, roledefid=1073741826)`.
 *
 * Facts mirrored from SharePoint Online / PnPjs v4:
 * - method names are case-insensitive (`getByTitle` = `getbytitle`);
 * - string literals are single-quoted with `'` doubled, and the path is URL-encoded
 *   (PnPjs `encodePath`: double the quotes, then `encodeURIComponent`);
 * - parameter aliases: `siteusers(@v)?@v='...'` (PnPjs rewrites `'!@v::value'` to an alias,
 *   node_modules/@pnp/sp/spqueryable.js `toRequestUrl`);
 * - GUID literals are written `guid'...'`.
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/use-odata-query-operations-in-sharepoint-rest-requests
 */
import type { ApiDeps } from "../api.js";
import type { RequestContext } from "../http.js";
import type { PrincipalRow } from "./model.js";
import { badRequest } from "./odata-json.js";

export type ArgValue = string | number | boolean | null;

export interface Segment {
  /** Lower-cased name before any parentheses (`getbytitle`). */
  name: string;
  /** The segment as written (decoded), e.g. `getByTitle('Tiltag')`. */
  raw: string;
  hasParens: boolean;
  positional: ArgValue[];
  /** Named arguments by lower-cased name (`principalid=11`). */
  named: Map<string, ArgValue>;
}

/** Splits on `sep` outside single-quoted literals and parentheses. */
function splitTop(s: string, sep: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inQuote) {
      if (c === "'") {
        if (s[i + 1] === "'") i++;
        else inQuote = false;
      }
      continue;
    }
    if (c === "'") inQuote = true;
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth < 0) return undefined;
    } else if (c === sep && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (inQuote || depth !== 0) return undefined;
  parts.push(s.slice(start));
  return parts;
}

function parseLiteral(text: string, url: URL): ArgValue | undefined {
  const t = text.trim();
  if (t.startsWith("@")) {
    const aliased = url.searchParams.get(t);
    if (aliased === null) return undefined;
    return parseLiteral(aliased, url);
  }
  const q = /^(?:guid|datetime|X)?'((?:[^']|'')*)'$/i.exec(t);
  if (q) return (q[1] ?? "").replace(/''/g, "'");
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  if (t.toLowerCase() === "null") return null;
  if (/^-?\d+(\.\d+)?[LlMmDd]?$/.test(t)) return Number(t.replace(/[LlMmDd]$/, ""));
  return undefined;
}

function parseSegment(raw: string, ctx: Pick<RequestContext, "headers" | "url">): Segment {
  const open = raw.indexOf("(");
  if (open < 0) {
    return { name: raw.toLowerCase(), raw, hasParens: false, positional: [], named: new Map() };
  }
  if (!raw.endsWith(")")) badRequest(ctx, `The expression "${raw}" is not valid.`);
  const name = raw.slice(0, open);
  const inner = raw.slice(open + 1, -1);
  const positional: ArgValue[] = [];
  const named = new Map<string, ArgValue>();
  if (inner.trim() !== "") {
    const args = splitTop(inner, ",");
    if (!args) badRequest(ctx, `The expression "${raw}" is not valid.`);
    for (const a of args) {
      const eq = /^\s*([A-Za-z_][\w]*)\s*=(.*)$/s.exec(a);
      const text = eq ? (eq[2] ?? "") : a;
      const value = parseLiteral(text, ctx.url);
      if (value === undefined) badRequest(ctx, `The expression "${raw}" is not valid.`);
      if (eq?.[1]) named.set(eq[1].toLowerCase(), value);
      else positional.push(value);
    }
  }
  return { name: name.toLowerCase(), raw, hasParens: true, positional, named };
}

/**
 * Splits the decoded path after `_api/` into segments. A malformed path (unbalanced quotes or
 * parentheses, bad percent-encoding) is a 400, never a crash.
 */
export function parseApiPath(
  rawPathAfterApi: string,
  ctx: Pick<RequestContext, "headers" | "url">,
): Segment[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathAfterApi);
  } catch {
    badRequest(ctx, "The request URL is not valid: malformed percent-encoding.");
  }
  const trimmed = decoded.replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return [];
  const parts = splitTop(trimmed, "/");
  if (!parts) badRequest(ctx, `The expression "${trimmed}" is not valid.`);
  return parts.filter((p) => p !== "").map((p) => parseSegment(p, ctx));
}

/** The single argument of a segment, positional or named. */
export function argOf(seg: Segment, ...names: string[]): ArgValue | undefined {
  for (const n of names) {
    const v = seg.named.get(n.toLowerCase());
    if (v !== undefined) return v;
  }
  return seg.positional[0];
}

/** The argument as a string, or 400. */
export function stringArg(
  ctx: Pick<RequestContext, "headers">,
  seg: Segment,
  ...names: string[]
): string {
  const v = argOf(seg, ...names);
  if (typeof v !== "string") badRequest(ctx, `The expression "${seg.raw}" is not valid.`);
  return v;
}

/** The argument as an integer, or 400. */
export function intArg(
  ctx: Pick<RequestContext, "headers">,
  seg: Segment,
  ...names: string[]
): number {
  const v = argOf(seg, ...names);
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    badRequest(ctx, `The expression "${seg.raw}" is not valid.`);
  }
  return n;
}

/** The argument as a boolean, or 400. */
export function boolArg(
  ctx: Pick<RequestContext, "headers">,
  seg: Segment,
  name: string,
  fallback?: boolean,
): boolean {
  const v = seg.named.get(name.toLowerCase());
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "boolean") badRequest(ctx, `The expression "${seg.raw}" is not valid.`);
  return v;
}

/** One SharePoint request as the route modules see it. */
export interface SpRequest {
  deps: ApiDeps;
  ctx: RequestContext;
  /** The caller as a site user (ensured on every request). */
  me: PrincipalRow;
  /** Absolute URL of the site, e.g. `http://127.0.0.1:1234/sites/digistyr`. */
  webUrl: string;
}
