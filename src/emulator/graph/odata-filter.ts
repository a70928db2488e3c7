/**
 * The slice of OData `$filter` the app writes against Graph: `eq ne gt ge lt le`, `and`,
 * `or`, `not`, parentheses, `startswith(prop,'x')`, string / number / boolean / null
 * literals, and property paths such as `start/dateTime`.
 * https://learn.microsoft.com/graph/filter-query-parameter
 *
 * Anything else is refused with the error Graph gives for an unparsable filter, so a client
 * never silently gets an unfiltered list.
 */

export type Filter = (row: Record<string, unknown>) => boolean;

type Token =
  | { t: "str"; v: string }
  | { t: "num"; v: number }
  | { t: "id"; v: string }
  | { t: "("; v: "(" }
  | { t: ")"; v: ")" }
  | { t: ","; v: "," };

type Node =
  | { k: "lit"; v: string | number | boolean | null }
  | { k: "prop"; path: string[] }
  | { k: "cmp"; op: string; a: Node; b: Node }
  | { k: "and" | "or"; a: Node; b: Node }
  | { k: "not"; a: Node }
  | { k: "fn"; name: string; args: Node[] };

export class FilterSyntaxError extends Error {}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError("Unterminated string literal");
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i];
        i++;
      }
      out.push({ t: "str", v });
    } else if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c, v: c } as Token);
      i++;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw new FilterSyntaxError(`Unexpected '${c}'`);
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else {
      const m = /^[A-Za-z_@][A-Za-z0-9_/.@]*/.exec(src.slice(i));
      if (!m) throw new FilterSyntaxError(`Unexpected '${c}'`);
      out.push({ t: "id", v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

/**
 * How deep parentheses, `not` and function calls may nest, and how many `and`/`or` clauses one
 * filter may join: the parser and evaluator recurse, and without a bound a long crafted filter
 * overflows the stack (a 500 instead of Graph's 400).
 */
export const MAX_FILTER_NESTING = 100;
export const MAX_FILTER_CLAUSES = 1000;

function parse(tokens: Token[]): Node {
  let pos = 0;
  let nesting = 0;
  let clauses = 0;
  const enter = () => {
    nesting++;
    if (nesting > MAX_FILTER_NESTING) {
      throw new FilterSyntaxError(`The filter nests deeper than ${MAX_FILTER_NESTING} levels`);
    }
  };
  const joined = () => {
    clauses++;
    if (clauses >= MAX_FILTER_CLAUSES) {
      throw new FilterSyntaxError(`The filter joins more than ${MAX_FILTER_CLAUSES} clauses`);
    }
  };
  const peek = () => tokens[pos];
  const isWord = (w: string) => {
    const t = peek();
    return t?.t === "id" && t.v.toLowerCase() === w;
  };
  const expect = (t: Token["t"]) => {
    const tok = tokens[pos];
    if (tok?.t !== t) throw new FilterSyntaxError(`Expected '${t}'`);
    pos++;
  };

  function orExpr(): Node {
    let a = andExpr();
    while (isWord("or")) {
      pos++;
      joined();
      a = { k: "or", a, b: andExpr() };
    }
    return a;
  }
  function andExpr(): Node {
    let a = unary();
    while (isWord("and")) {
      pos++;
      joined();
      a = { k: "and", a, b: unary() };
    }
    return a;
  }
  function unary(): Node {
    if (isWord("not")) {
      pos++;
      enter();
      const a = unary();
      nesting--;
      return { k: "not", a };
    }
    return comparison();
  }
  function comparison(): Node {
    const a = primary();
    const t = peek();
    if (t?.t === "id" && COMPARISONS.has(t.v.toLowerCase())) {
      pos++;
      return { k: "cmp", op: t.v.toLowerCase(), a, b: primary() };
    }
    return a;
  }
  function primary(): Node {
    const t = tokens[pos++];
    if (!t) throw new FilterSyntaxError("Unexpected end of expression");
    if (t.t === "(") {
      enter();
      const e = orExpr();
      expect(")");
      nesting--;
      return e;
    }
    if (t.t === "str" || t.t === "num") return { k: "lit", v: t.v };
    if (t.t === "id") {
      const low = t.v.toLowerCase();
      if (low === "null") return { k: "lit", v: null };
      if (low === "true" || low === "false") return { k: "lit", v: low === "true" };
      if (peek()?.t === "(") {
        pos++;
        enter();
        const args: Node[] = [];
        if (peek()?.t !== ")") {
          args.push(orExpr());
          while (peek()?.t === ",") {
            pos++;
            args.push(orExpr());
          }
        }
        expect(")");
        nesting--;
        if (!["startswith", "endswith", "contains"].includes(low)) {
          throw new FilterSyntaxError(`Unsupported function '${t.v}'`);
        }
        return { k: "fn", name: low, args };
      }
      return { k: "prop", path: t.v.split("/") };
    }
    throw new FilterSyntaxError(`Unexpected '${t.v}'`);
  }

  const node = orExpr();
  if (pos !== tokens.length) throw new FilterSyntaxError("Unexpected trailing tokens");
  return node;
}

function valueAt(row: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = row;
  for (const p of path) {
    if (typeof v !== "object" || v === null) return null;
    const rec = v as Record<string, unknown>;
    const key = Object.keys(rec).find((k) => k.toLowerCase() === p.toLowerCase());
    v = key === undefined ? null : rec[key];
  }
  return v ?? null;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Date-times compare as instants (a missing offset means UTC, as Graph reads it). */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === "string" && typeof b === "string") {
    if (ISO_DATE_TIME.test(a) && ISO_DATE_TIME.test(b)) {
      const zone = (s: string) => (/(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`);
      return Date.parse(zone(a)) - Date.parse(zone(b));
    }
    return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  }
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return undefined;
}

function evaluate(n: Node, row: Record<string, unknown>): unknown {
  switch (n.k) {
    case "lit":
      return n.v;
    case "prop":
      return valueAt(row, n.path);
    case "and":
      return evaluate(n.a, row) === true && evaluate(n.b, row) === true;
    case "or":
      return evaluate(n.a, row) === true || evaluate(n.b, row) === true;
    case "not":
      return evaluate(n.a, row) !== true;
    case "fn": {
      const [x, y] = n.args.map((a) => evaluate(a, row));
      if (typeof x !== "string" || typeof y !== "string") return false;
      const [hay, needle] = [x.toLowerCase(), y.toLowerCase()];
      if (n.name === "startswith") return hay.startsWith(needle);
      if (n.name === "endswith") return hay.endsWith(needle);
      return hay.includes(needle);
    }
    case "cmp": {
      const a = evaluate(n.a, row);
      const b = evaluate(n.b, row);
      if (n.op === "eq" || n.op === "ne") {
        const same = a === null || b === null ? a === b : compare(a, b) === 0;
        return n.op === "eq" ? same : !same;
      }
      const c = compare(a, b);
      if (c === undefined) return false;
      if (n.op === "gt") return c > 0;
      if (n.op === "ge") return c >= 0;
      if (n.op === "lt") return c < 0;
      return c <= 0;
    }
  }
}

/** Compiles a `$filter` expression; throws {@link FilterSyntaxError} when it can't. */
export function compileFilter(expression: string): Filter {
  const tree = parse(tokenize(expression));
  return (row) => evaluate(tree, row) === true;
}
