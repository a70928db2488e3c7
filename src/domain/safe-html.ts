/**
 * HTML that leaves the app (a meeting invitation's agenda, a channel post of the minutes, a
 * mail) is built only through this module, so no text a user typed can become markup: every
 * interpolated value is escaped unless it is already `SafeHtml`, and links are allowed only to
 * https addresses.
 *
 * ```ts
 * const body = markup`<p><strong>${point.title}</strong></p>${paragraphs(point.text)}`;
 * ```
 */
/** HTML whose every user-provided part has been escaped; only this module makes one. */
export class SafeHtml {
  readonly #value: string;
  private constructor(value: string) {
    this.#value = value;
  }
  /** @internal the module's only way to make one. */
  static trusted(value: string): SafeHtml {
    return new SafeHtml(value);
  }
  toString(): string {
    return this.#value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The values a template may hold: text (escaped), numbers, SafeHtml, lists of them, or nothing. */
export type HtmlValue =
  string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const mark = (value: string): SafeHtml => SafeHtml.trusted(value);

function isList(v: HtmlValue): v is readonly HtmlValue[] {
  return Array.isArray(v);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return "";
  if (isList(v)) return v.map(render).join("");
  if (v instanceof SafeHtml) return v.toString();
  if (typeof v === "number") return escapeText(String(v));
  return escapeText(v);
}

/** A template tag: the literal parts are trusted markup, every `${value}` is escaped. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return mark(out);
}

/** The finished string to hand to a port (Graph event body, channel post, mail). */
export function toHtmlString(h: SafeHtml): string {
  return h.toString();
}

/** Joins pieces of SafeHtml (escaping any plain text among them). */
export function joinHtml(parts: HtmlValue[], separator: SafeHtml = markup``): SafeHtml {
  const sep = render(separator);
  return mark(parts.map(render).join(sep));
}

/** Plain multi-line text as paragraphs, line breaks kept (`<p>…<br>…</p>`), all escaped. */
export function paragraphs(text: string): SafeHtml {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter((b) => b !== "");
  return mark(blocks.map((b) => `<p>${b.split("\n").map(escapeText).join("<br>")}</p>`).join(""));
}

/** True when `url` is an absolute https URL without credentials (the only links we emit). */
export function isSafeLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && u.username === "" && u.password === "";
  } catch {
    return false;
  }
}

/**
 * A link: `<a href="url">label</a>` when the URL is a safe https address, otherwise the label as
 * text. Local mode's http://localhost tab is allowed too when `allowLocalhost` is set.
 */
export function link(
  url: string,
  label: string,
  opts: { allowLocalhost?: boolean } = {},
): SafeHtml {
  const local =
    opts.allowLocalhost === true && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//i.test(url);
  if (!isSafeLink(url) && !local) return markup`${label}`;
  return markup`<a href="${url}">${label}</a>`;
}

/** The length in UTF-8 bytes (Teams' message limit counts bytes). */
export function byteLength(h: SafeHtml | string): number {
  return new TextEncoder().encode(h.toString()).length;
}
