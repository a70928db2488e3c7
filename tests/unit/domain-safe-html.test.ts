import {
  byteLength,
  escapeText,
  isSafeLink,
  joinHtml,
  link,
  markup,
  paragraphs,
  type SafeHtml,
  toHtmlString,
} from "../../src/domain/safe-html.js";

describe("SafeHtml", () => {
  it("escapes every interpolated text and keeps the template's own markup", () => {
    const typed = `<script>alert("x")</script> & 'co'`;
    const out = toHtmlString(markup`<p><strong>${typed}</strong></p>`);
    expect(out).toBe(
      "<p><strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</strong></p>",
    );
  });

  it("nests SafeHtml without escaping it twice, and joins lists", () => {
    const items = ["a<b", "c"].map((t) => markup`<li>${t}</li>`);
    expect(toHtmlString(markup`<ul>${items}</ul>`)).toBe("<ul><li>a&lt;b</li><li>c</li></ul>");
    expect(toHtmlString(joinHtml(["x", markup`<br>`, "<y>"]))).toBe("x<br>&lt;y&gt;");
    expect(toHtmlString(joinHtml(["a", "b"], markup`, `))).toBe("a, b");
    expect(toHtmlString(markup`${null}${undefined}${false}${3}`)).toBe("3");
  });

  it("turns typed text into paragraphs with line breaks, all escaped", () => {
    expect(toHtmlString(paragraphs("Linje 1\nLinje <2>\r\n\r\nAfsnit 2\n\n\n"))).toBe(
      "<p>Linje 1<br>Linje &lt;2&gt;</p><p>Afsnit 2</p>",
    );
  });

  it("links only to https addresses (and localhost when asked); anything else is text", () => {
    expect(toHtmlString(link("https://x.example/?a=1&b=2", "Se <punkt>"))).toBe(
      '<a href="https://x.example/?a=1&amp;b=2">Se &lt;punkt&gt;</a>',
    );
    expect(toHtmlString(link("javascript:alert(1)", "klik"))).toBe("klik");
    expect(toHtmlString(link('https://x.example/" onclick="a', "k"))).toBe(
      '<a href="https://x.example/&quot; onclick=&quot;a">k</a>',
    );
    expect(toHtmlString(link("http://localhost:3000/#/moeder/1", "m"))).toBe("m");
    expect(
      toHtmlString(link("http://localhost:3000/#/moeder/1", "m", { allowLocalhost: true })),
    ).toBe('<a href="http://localhost:3000/#/moeder/1">m</a>');
    expect(isSafeLink("https://user:pw@x.example/")).toBe(false);
  });

  it("cannot be made from a plain string cast to the type", () => {
    const fake = "<b>x</b>" as unknown as SafeHtml;
    expect(toHtmlString(markup`${fake}`)).toBe("&lt;b&gt;x&lt;/b&gt;");
    expect(escapeText("æøå")).toBe("æøå");
    expect(byteLength(markup`æ`)).toBe(2);
  });
});
