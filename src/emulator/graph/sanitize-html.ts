/**
 * What Teams does to the HTML of a posted chatMessage: it keeps formatting and strips what
 * could run or restyle the client (script, style, frames, event handlers, `javascript:` links).
 * Teams' own list of kept tags is not published; this keeps the formatting the chatMessage
 * docs show (https://learn.microsoft.com/graph/api/chatmessage-post) and the `<at id="n">`
 * mentions, and makes everything else inert text or removes it.
 *
 * A small pure function with no dependency: a tokenizer over tags, comments and text, a stack
 * that closes what the author left open and drops stray end tags, and attributes rebuilt from
 * an allow-list with every value re-escaped.
 */

const ALLOWED_TAGS = new Set([
  "p",
  "br",
  "hr",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "strike",
  "sub",
  "sup",
  "ul",
  "ol",
  "li",
  "a",
  "h1",
  "h2",
  "h3",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  "caption",
  "span",
  "div",
  "blockquote",
  "code",
  "pre",
  "at",
]);

const VOID_TAGS = new Set(["br", "hr"]);

/** Elements dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "noscript",
  "template",
  "svg",
  "math",
  "xml",
  "head",
  "title",
  "textarea",
  "select",
  "noembed",
  "noframes",
]);

const ALLOWED_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(["href", "title"]),
  at: new Set(["id"]),
  td: new Set(["colspan", "rowspan"]),
  th: new Set(["colspan", "rowspan", "scope"]),
  ol: new Set(["start"]),
  "*": new Set(["title"]),
};

const TAG =
  /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const ENTITY = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  colon: ":",
  tab: "\t",
  newline: "\n",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);?/g, (all, body: string) => {
    if (body.startsWith("#x") || body.startsWith("#X")) {
      return String.fromCodePoint(Math.min(parseInt(body.slice(2), 16), 0x10ffff));
    }
    if (body.startsWith("#"))
      return String.fromCodePoint(Math.min(Number(body.slice(1)), 0x10ffff));
    return NAMED[body.toLowerCase()] ?? all;
  });
}

function escapeText(s: string): string {
  return s.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Links may point only at the web: http(s) and mailto. */
function isSafeUrl(raw: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const url = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (!scheme) return false;
  return ["http", "https", "mailto"].includes(scheme[1]!.toLowerCase());
}

function cleanAttributes(tag: string, raw: string): string {
  const allowed = ALLOWED_ATTRIBUTES[tag];
  let out = "";
  for (const m of raw.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    if (!(allowed?.has(name) || ALLOWED_ATTRIBUTES["*"]!.has(name))) continue;
    if (name === "href" && !isSafeUrl(value)) continue;
    if (
      (name === "colspan" ||
        name === "rowspan" ||
        name === "start" ||
        (tag === "at" && name === "id")) &&
      !/^\d{1,4}$/.test(value.trim())
    )
      continue;
    out += ` ${name}="${escapeAttribute(decodeEntities(value))}"`;
  }
  return out;
}

/** Sanitizes chatMessage HTML the way Teams stores it: formatting kept, nothing executable. */
export function sanitizeTeamsHtml(html: string): string {
  let out = "";
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > i) {
      out += escapeTextKeepingEntities(html.slice(i, textEnd));
      i = textEnd;
      continue;
    }
    // At a "<".
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith("<!", i) || html.startsWith("<?", i)) {
      const end = html.indexOf(">", i);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      out += "&lt;";
      i += 1;
      continue;
    }
    i = TAG.lastIndex;
    const closing = m[1] === "/";
    const name = m[2]!.toLowerCase();
    if (DROP_WITH_CONTENT.has(name)) {
      // Void elements (embed, frame) have no content or end tag to look for.
      if (closing || name === "embed" || name === "frame") continue;
      const close = new RegExp(`</${name}\\s*>`, "ig");
      close.lastIndex = i;
      const end = close.exec(html);
      i = end ? close.lastIndex : html.length;
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) continue; // the tag goes, its text stays (and is escaped)
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at === -1) continue;
      while (open.length > at) out += `</${open.pop()}>`;
      continue;
    }
    out += `<${name}${cleanAttributes(name, m[3] ?? "")}>`;
    if (!VOID_TAGS.has(name)) open.push(name);
  }
  while (open.length > 0) out += `</${open.pop()}>`;
  return out;
}

/** Text keeps well-formed entities (`&amp;`, `&#230;`) and escapes bare `&`, `<`, `>`. */
function escapeTextKeepingEntities(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "&") {
      const m = ENTITY.exec(text.slice(i));
      if (m) {
        out += m[0];
        i += m[0].length - 1;
      } else out += "&amp;";
    } else out += escapeText(c);
  }
  return out;
}
