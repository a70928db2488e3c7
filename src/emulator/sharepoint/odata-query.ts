/**
 * A pure parser and evaluator for the OData v3 query options SharePoint's list item endpoint
 * accepts (`$filter`, `$orderby`, `$select`, `$expand`), limited to what PnPjs users write:
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/use-odata-query-operations-in-sharepoint-rest-requests
 *
 * SharePoint turns these options into CAML, so comparisons follow CAML rather than strict OData:
 * text compares case-insensitively, and a comparison against a multi-valued column (multi-lookup,
 * multi-person, multi-choice) holds when it holds for any one of its values.
 */

export type LiteralType = "string" | "number" | "boolean" | "null" | "datetime";

/** A literal; `datetime'...'` literals carry epoch milliseconds. */
export interface Literal {
  kind: "literal";
  type: LiteralType;
  value: string | number | boolean | null;
}

/** A column, or a projection of a person/lookup column such as `Owner/EMail`. */
export interface FieldRef {
  kind: "field";
  path: string[];
}

export type FunctionName = "substringof" | "startswith";

export interface Call {
  kind: "call";
  name: FunctionName;
  args: Operand[];
}

export type Operand = Literal | FieldRef | Call;

export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type FilterExpr =
  | { kind: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { kind: "not"; expr: FilterExpr }
  | { kind: "compare"; op: ComparisonOp; left: Operand; right: Operand }
  | { kind: "test"; operand: Operand };

export interface OrderKey {
  path: string[];
  descending: boolean;
}

/** A query option SharePoint would refuse as malformed (it answers 400). */
export class ODataQueryError extends Error {}

type Token =
  | { t: "(" | ")" | "," }
  | { t: "string"; v: string }
  | { t: "number"; v: number }
  | { t: "datetime"; v: string }
  | { t: "word"; v: string };

const COMPARISON_OPS: readonly string[] = ["eq", "ne", "gt", "ge", "lt", "le"];
const FUNCTIONS: readonly string[] = ["substringof", "startswith"];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const readQuoted = (start: number): [string, number] => {
    // OData escapes a quote inside a string literal by doubling it: 'O''Brien'.
    let j = start + 1;
    let s = "";
    for (;;) {
      if (j >= src.length) throw new ODataQueryError(`Unterminated string literal at ${start}`);
      const c = src[j] as string;
      if (c === "'") {
        if (src[j + 1] === "'") {
          s += "'";
          j += 2;
          continue;
        }
        return [s, j + 1];
      }
      s += c;
      j += 1;
    }
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c });
      i += 1;
    } else if (c === "'") {
      const [v, next] = readQuoted(i);
      out.push({ t: "string", v });
      i = next;
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?[dDmMlLfF]?/.exec(src.slice(i));
      if (!m) throw new ODataQueryError(`Unexpected '${c}' at ${i}`);
      out.push({ t: "number", v: Number(m[0].replace(/[dDmMlLfF]$/, "")) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
      const word = (m as RegExpExecArray)[0];
      i += word.length;
      if (word.toLowerCase() === "datetime" && src[i] === "'") {
        const [v, next] = readQuoted(i);
        out.push({ t: "datetime", v });
        i = next;
      } else {
        out.push({ t: "word", v: word });
      }
    } else {
      throw new ODataQueryError(`Unexpected '${c}' at ${i}`);
    }
  }
  return out;
}

/**
 * How deep parentheses and `not` may nest, and how many `and`/`or` clauses one filter may join.
 * The parser and evaluator recurse, so without a bound a long crafted filter (a `$batch` body
 * can carry megabytes of URL) overflows the stack and the server answers 500 instead of 400.
 */
export const MAX_FILTER_NESTING = 100;
export const MAX_FILTER_CLAUSES = 1000;

class Parser {
  private pos = 0;
  private nesting = 0;
  private clauses = 0;
  constructor(private readonly tokens: Token[]) {}

  private enter(): void {
    this.nesting += 1;
    if (this.nesting > MAX_FILTER_NESTING)
      throw new ODataQueryError(`The filter nests deeper than ${MAX_FILTER_NESTING} levels`);
  }

  private joined(): void {
    this.clauses += 1;
    if (this.clauses >= MAX_FILTER_CLAUSES)
      throw new ODataQueryError(`The filter joins more than ${MAX_FILTER_CLAUSES} clauses`);
  }

  parse(): FilterExpr {
    const e = this.or();
    if (this.pos < this.tokens.length)
      throw new ODataQueryError("Unexpected text after expression");
    return e;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t?.t === "word" && t.v.toLowerCase() === word;
  }

  private expect(kind: "(" | ")" | ","): void {
    if (this.peek()?.t !== kind) throw new ODataQueryError(`Expected '${kind}'`);
    this.pos += 1;
  }

  private or(): FilterExpr {
    let left = this.and();
    while (this.isWord("or")) {
      this.pos += 1;
      this.joined();
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    while (this.isWord("and")) {
      this.pos += 1;
      this.joined();
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterExpr {
    if (this.isWord("not")) {
      this.pos += 1;
      this.enter();
      const expr = this.unary();
      this.nesting -= 1;
      return { kind: "not", expr };
    }
    return this.comparison();
  }

  private comparison(): FilterExpr {
    if (this.peek()?.t === "(") {
      this.pos += 1;
      this.enter();
      const inner = this.or();
      this.expect(")");
      this.nesting -= 1;
      return inner;
    }
    const left = this.operand();
    const t = this.peek();
    if (t?.t === "word" && COMPARISON_OPS.includes(t.v.toLowerCase())) {
      this.pos += 1;
      return {
        kind: "compare",
        op: t.v.toLowerCase() as ComparisonOp,
        left,
        right: this.operand(),
      };
    }
    if (left.kind === "call") return { kind: "test", operand: left };
    if (left.kind === "field" || (left.kind === "literal" && left.type === "boolean")) {
      // A bare boolean column (`IsActive`) or literal is a test of itself.
      return { kind: "test", operand: left };
    }
    throw new ODataQueryError("Expected a comparison operator");
  }

  private operand(): Operand {
    const t = this.peek();
    if (!t) throw new ODataQueryError("Unexpected end of expression");
    this.pos += 1;
    switch (t.t) {
      case "string":
        return { kind: "literal", type: "string", value: t.v };
      case "number":
        return { kind: "literal", type: "number", value: t.v };
      case "datetime": {
        const ms = Date.parse(t.v);
        if (Number.isNaN(ms)) throw new ODataQueryError(`Invalid datetime '${t.v}'`);
        return { kind: "literal", type: "datetime", value: ms };
      }
      case "word": {
        const lower = t.v.toLowerCase();
        if (lower === "true" || lower === "false")
          return { kind: "literal", type: "boolean", value: lower === "true" };
        if (lower === "null") return { kind: "literal", type: "null", value: null };
        if (FUNCTIONS.includes(lower) && this.peek()?.t === "(") {
          this.pos += 1;
          const args: Operand[] = [this.operand()];
          while (this.peek()?.t === ",") {
            this.pos += 1;
            args.push(this.operand());
          }
          this.expect(")");
          if (args.length !== 2) throw new ODataQueryError(`${lower} takes two arguments`);
          return { kind: "call", name: lower as FunctionName, args };
        }
        if (["and", "or", "not", ...COMPARISON_OPS].includes(lower))
          throw new ODataQueryError(`Unexpected '${t.v}'`);
        return { kind: "field", path: t.v.split("/") };
      }
      default:
        throw new ODataQueryError(`Unexpected '${t.t}'`);
    }
  }
}

/** Parses a `$filter` value; throws ODataQueryError when malformed. */
export function parseFilter(src: string): FilterExpr {
  if (src.trim() === "") throw new ODataQueryError("Empty $filter");
  return new Parser(tokenize(src)).parse();
}

/** Parses `$orderby`: `Modified desc,Title` (asc is the default). */
export function parseOrderBy(src: string): OrderKey[] {
  return splitList(src).map((part) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:\s+(asc|desc))?$/i.exec(
      part,
    );
    if (!m?.[1]) throw new ODataQueryError(`Invalid $orderby '${part}'`);
    return { path: m[1].split("/"), descending: m[2]?.toLowerCase() === "desc" };
  });
}

/** Parses `$select` / `$expand` into paths (`Owner/Title` → ["Owner", "Title"]). */
export function parsePathList(src: string): string[][] {
  return splitList(src).map((part) => {
    if (part === "*") return ["*"];
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\/([A-Za-z_][A-Za-z0-9_]*|\*))*$/.test(part))
      throw new ODataQueryError(`Invalid path '${part}'`);
    return part.split("/");
  });
}

function splitList(src: string): string[] {
  return src
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Every column path the expression reads. */
export function fieldPaths(expr: FilterExpr): string[][] {
  const out: string[][] = [];
  const visitOperand = (o: Operand): void => {
    if (o.kind === "field") out.push(o.path);
    else if (o.kind === "call") o.args.forEach(visitOperand);
  };
  const visit = (e: FilterExpr): void => {
    switch (e.kind) {
      case "and":
      case "or":
        visit(e.left);
        visit(e.right);
        return;
      case "not":
        visit(e.expr);
        return;
      case "compare":
        visitOperand(e.left);
        visitOperand(e.right);
        return;
      case "test":
        visitOperand(e.operand);
    }
  };
  visit(expr);
  return out;
}

/**
 * The column of the first clause, the one SharePoint's list view threshold looks at: a filter
 * over a large list must start with an indexed column.
 */
export function firstClauseField(expr: FilterExpr): string[] | undefined {
  if (expr.kind === "and" || expr.kind === "or") return firstClauseField(expr.left);
  if (expr.kind === "not") return firstClauseField(expr.expr);
  return fieldPaths(expr)[0];
}

/**
 * The first clause of a filter as SharePoint's list view threshold evaluates it: the leftmost
 * operand of a chain of `and`s (an `or` or `not` is one clause with everything under it). On a
 * list over the threshold, SharePoint narrows by this clause through its index first; if that
 * alone matches more items than the threshold the query is throttled
 * (https://learn.microsoft.com/troubleshoot/sharepoint/lists-and-libraries/items-exceeds-list-view-threshold).
 */
export function firstClause(expr: FilterExpr): FilterExpr {
  return expr.kind === "and" ? firstClause(expr.left) : expr;
}

/** Resolves a column path of the current row to its value (arrays for multi-valued columns). */
export type Resolver = (path: string[]) => unknown;

type Scalar = string | number | boolean | null;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: false });

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v) ?? "";
}

/** Brings a column value to the literal's type so the two compare. */
function coerce(v: unknown, type: LiteralType): Scalar {
  if (v === null || v === undefined) return null;
  if (type === "datetime") {
    if (typeof v === "number") return v;
    const ms = Date.parse(asText(v));
    return Number.isNaN(ms) ? null : ms;
  }
  if (type === "number") {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    const n = Number(v);
    return Number.isNaN(n) ? asText(v) : n;
  }
  if (type === "boolean") {
    if (typeof v === "boolean") return v;
    if (v === 1 || v === "1" || v === "true") return true;
    if (v === 0 || v === "0" || v === "false") return false;
    return asText(v);
  }
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return asText(v);
}

/** Orders two scalar values: empty first, numbers numerically, text case-insensitively. */
export function compareValues(a: unknown, b: unknown): number {
  const ea = isEmpty(a);
  const eb = isEmpty(b);
  if (ea || eb) return ea && eb ? 0 : ea ? -1 : 1;
  if (Array.isArray(a)) return compareValues(a[0], b);
  if (Array.isArray(b)) return compareValues(a, b[0]);
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

function compareOne(op: ComparisonOp, value: unknown, lit: Literal): boolean {
  if (lit.type === "null") {
    if (op === "eq") return isEmpty(value);
    if (op === "ne") return !isEmpty(value);
    return false;
  }
  const v = coerce(value, lit.type);
  if (v === null) return op === "ne";
  let c: number;
  if (lit.type === "string") c = collator.compare(String(v), String(lit.value));
  else if (typeof v !== typeof lit.value) return op === "ne";
  else c = compareValues(v, lit.value);
  switch (op) {
    case "eq":
      return c === 0;
    case "ne":
      return c !== 0;
    case "gt":
      return c > 0;
    case "ge":
      return c >= 0;
    case "lt":
      return c < 0;
    case "le":
      return c <= 0;
  }
}

const FLIPPED: Record<ComparisonOp, ComparisonOp> = {
  eq: "eq",
  ne: "ne",
  gt: "lt",
  ge: "le",
  lt: "gt",
  le: "ge",
};

function valueOf(o: Operand, resolve: Resolver): unknown {
  if (o.kind === "literal") return o.value;
  if (o.kind === "field") return resolve(o.path);
  return callValue(o, resolve);
}

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  return (typeof v === "string" ? v : JSON.stringify(v)).toLowerCase();
}

function callValue(c: Call, resolve: Resolver): boolean {
  const [a, b] = c.args.map((o) => valueOf(o, resolve));
  // substringof(needle, haystack) and startswith(haystack, prefix), like CAML Contains and
  // BeginsWith: case-insensitive, any value of a multi-valued column.
  const anyOf = (hay: unknown, test: (s: string) => boolean): boolean =>
    Array.isArray(hay) ? hay.some((h) => test(text(h))) : test(text(hay));
  if (c.name === "substringof") return anyOf(b, (s) => s.includes(text(a)));
  return anyOf(a, (s) => s.startsWith(text(b)));
}

function compareOperands(
  op: ComparisonOp,
  left: Operand,
  right: Operand,
  resolve: Resolver,
): boolean {
  if (left.kind === "literal" && right.kind !== "literal")
    return compareOperands(FLIPPED[op], right, left, resolve);
  const value = valueOf(left, resolve);
  let lit: Literal;
  if (right.kind === "literal") lit = right;
  else {
    const rv = valueOf(right, resolve);
    lit = {
      kind: "literal",
      type:
        rv === null || rv === undefined
          ? "null"
          : typeof rv === "number"
            ? "number"
            : typeof rv === "boolean"
              ? "boolean"
              : "string",
      value: rv === undefined ? null : (rv as Scalar),
    };
  }
  if (Array.isArray(value)) {
    if (lit.type === "null") return compareOne(op, value, lit);
    const hits = value.some((v) => compareOne(op === "ne" ? "eq" : op, v, lit));
    return op === "ne" ? !hits : hits;
  }
  return compareOne(op, value, lit);
}

/** Evaluates a parsed `$filter` against one row. */
export function evaluateFilter(expr: FilterExpr, resolve: Resolver): boolean {
  switch (expr.kind) {
    case "and":
      return evaluateFilter(expr.left, resolve) && evaluateFilter(expr.right, resolve);
    case "or":
      return evaluateFilter(expr.left, resolve) || evaluateFilter(expr.right, resolve);
    case "not":
      return !evaluateFilter(expr.expr, resolve);
    case "compare":
      return compareOperands(expr.op, expr.left, expr.right, resolve);
    case "test": {
      const v = valueOf(expr.operand, resolve);
      return v === true || v === 1;
    }
  }
}
