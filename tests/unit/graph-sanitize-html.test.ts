/**
 * Teams keeps a message's formatting and makes everything else inert
 * (https://learn.microsoft.com/graph/api/chatmessage-post): the local Graph's sanitiser.
 */
import { sanitizeTeamsHtml } from "../../src/emulator/graph/sanitize-html.js";

describe("sanitizeTeamsHtml keeps formatting", () => {
  test.each([
    ["paragraphs and emphasis", "<p>Hej <b>alle</b>, <i>se</i> <u>her</u></p>"],
    ["lists", "<ul><li>Et</li><li>To</li></ul><ol><li>Tre</li></ol>"],
    ["headings", "<h1>A</h1><h2>B</h2><h3>C</h3>"],
    [
      "tables",
      '<table><thead><tr><th colspan="2">Navn</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    ],
    ["https links", '<a href="https://intra.example/ref?a=1&amp;b=2">referat</a>'],
    ["mailto links", '<a href="mailto:sekretariat@demokommune.dk">skriv</a>'],
    ["mentions", '<at id="0">Jonas Lind</at> og <at id="1">Maja</at>'],
    ["line breaks and code", "linje<br>ny linje<pre><code>x &lt; y</code></pre>"],
    ["entities and Danish letters", "Æbler &amp; pærer &#230; &quot;citat&quot; ø"],
  ])("%s", (_name, html) => {
    expect(sanitizeTeamsHtml(html)).toBe(html);
  });
});

describe("sanitizeTeamsHtml makes the dangerous inert", () => {
  test.each([
    ["script with its content", "<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"],
    ["script in capitals", "<SCRIPT>alert(1)</SCRIPT>ok", "ok"],
    ["unclosed script swallows the rest", "ok<script>alert(1)", "ok"],
    ["style with its content", "<style>p{display:none}</style><p>x</p>", "<p>x</p>"],
    ["iframe", '<iframe src="https://evil.example"></iframe>x', "x"],
    ["object and embed", "<object data=x></object><embed src=x>y", "y"],
    ["svg with onload", '<svg onload="alert(1)"><circle/></svg>z', "z"],
    ["event handler attributes", '<p onclick="alert(1)" title="t">x</p>', '<p title="t">x</p>'],
    ["img with onerror is dropped", '<img src=x onerror="alert(1)">x', "x"],
    ["javascript: links lose their href", '<a href="javascript:alert(1)">x</a>', "<a>x</a>"],
    ["obfuscated javascript: links", '<a href="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"],
    ["javascript: with a tab inside", '<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"],
    ["data: links", '<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a>x</a>"],
    [
      "style attributes",
      '<span style="background:url(javascript:alert(1))">x</span>',
      "<span>x</span>",
    ],
    ["comments", "a<!-- <script>alert(1)</script> -->b", "ab"],
    ["unknown tags keep their text", "<form><input value=x><button>Send</button></form>", "Send"],
    ["a stray < is escaped", "1 < 2 and 3 > 2", "1 &lt; 2 and 3 &gt; 2"],
    ["a nested tag trick", "<scr<script>ipt>alert(1)</script>", "&lt;scr"],
    ["bare ampersands are escaped", "R&D", "R&amp;D"],
    [
      "attribute values are re-quoted",
      "<a href='https://x.example/?q=\"a\"'>x</a>",
      '<a href="https://x.example/?q=&quot;a&quot;">x</a>',
    ],
    ["unclosed tags are closed", "<p><b>fed", "<p><b>fed</b></p>"],
    ["stray end tags are dropped", "x</div></p>y", "xy"],
    [
      "non-numeric mention ids are dropped",
      '<at id="x" onmouseover="a()">Jonas</at>',
      "<at>Jonas</at>",
    ],
  ])("%s", (_name, html, expected) => {
    expect(sanitizeTeamsHtml(html)).toBe(expected);
  });

  test("no output of a hostile mix contains anything executable", () => {
    const hostile = [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)//>",
      '<a href=" javascript:alert(1)">x</a>',
      "<body onload=alert(1)>",
      '<div onpointerenter="x()">d</div>',
      "<math><mi xlink:href=javascript:alert(1)>m</mi></math>",
      "<<script>script>alert(1)<</script>/script>",
    ].join("");
    const out = sanitizeTeamsHtml(hostile);
    expect(out).not.toMatch(/<script|<img|<body|\son\w+=|javascript:|<math/i);
  });
});
