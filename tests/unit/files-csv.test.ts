/**
 * CSV import files (issue 4 §6) as Danish and other spreadsheets write them: encoding and
 * separator detected, quoted fields with separators, quotes and line breaks, and Danish errors
 * for files that cannot be read.
 */
import {
  decodeText,
  type Delimiter,
  detectDelimiter,
  parseCsv,
  readTable,
} from "../../src/adapters/files/index.js";
import { isStoreError } from "../../src/domain/errors.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 for the characters these tests use (Latin-1 plus the euro sign). */
const cp1252 = (s: string) =>
  Uint8Array.from([...s].map((ch) => (ch === "€" ? 0x80 : ch.charCodeAt(0))));
const withBom = (b: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b]);
const utf16le = (s: string) => {
  const out = [0xff, 0xfe];
  for (let i = 0; i < s.length; i += 1) out.push(s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8);
  return Uint8Array.from(out);
};
const ab = (b: Uint8Array): ArrayBuffer => b.slice().buffer;

describe("text encoding", () => {
  test.each([
    ["UTF-8 with BOM", withBom(utf8("Område;Beløb\nÆrø;5 €")), "utf-8"],
    ["UTF-8 without BOM", utf8("Område;Beløb\nÆrø;5 €"), "utf-8"],
    ["Windows-1252 (Danish Excel's CSV)", cp1252("Område;Beløb\nÆrø;5 €"), "windows-1252"],
    ["UTF-16 LE (Excel's Unicode text)", utf16le("Område;Beløb\nÆrø;5 €"), "utf-16le"],
  ])("%s decodes æøå and € and drops the byte-order mark", (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: "Område;Beløb\nÆrø;5 €", encoding });
  });

  test("Windows-1252's curly quotes and dashes decode to their Unicode characters", () => {
    const bytes = Uint8Array.from([0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0x85]);
    expect(decodeText(bytes).text).toBe("\u201ca\u201d \u2013 \u2026");
  });
});

describe("separator", () => {
  test.each<[string, string, Delimiter]>([
    ["Danish Excel: semicolons with decimal commas", "Titel;Beløb\nA;1,5\nB;2,5\n", ";"],
    ["English: commas", "Title,Amount\nA,1.5\nB,2.5\n", ","],
    ["tabs", "Titel\tBeløb\nA\t1,5\n", "\t"],
    ["pipes", "Titel|Beløb\nA|1,5\n", "|"],
    ["commas inside quoted fields do not count", 'Titel;Beløb\n"A, B og C";"1,5"\n', ";"],
    ["a separator only inside quotes is not the separator", 'Titel,Note\nA,"x;y;z"\n', ","],
    ["one column defaults to semicolon", "Titel\nA\nB\n", ";"],
  ])("%s", (_name, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe("CSV fields", () => {
  test.each<[string, string, string[][]]>([
    [
      "plain fields, LF",
      "a;b\nc;d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "CRLF and a final line break",
      "a;b\r\nc;d\r\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "old Mac CR",
      "a;b\rc;d\r",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "empty fields kept",
      ";b;\n;;",
      [
        ["", "b", ""],
        ["", "", ""],
      ],
    ],
    ["separator inside quotes", '"a;1";b', [["a;1", "b"]]],
    ["doubled quotes are a quote", '"Projekt ""Ny"" platform";b', [['Projekt "Ny" platform', "b"]]],
    [
      "line breaks inside quotes",
      '"linje 1\r\nlinje 2";b\nc;d',
      [
        ["linje 1\r\nlinje 2", "b"],
        ["c", "d"],
      ],
    ],
    ["an empty quoted field", '"";b', [["", "b"]]],
    ["a quote inside an unquoted field is text", 'tommer 5";b', [['tommer 5"', "b"]]],
    ["blank lines are empty records", "a;b\n\nc;d", [["a", "b"], [""], ["c", "d"]]],
  ])("%s", (_name, text, records) => {
    expect(parseCsv(text, ";")).toEqual({ ok: true, records });
  });

  test("an unterminated quoted field is reported at the line it starts", () => {
    expect(parseCsv('a;b\nc;"d\ne;f\n', ";")).toEqual({ ok: false, line: 2 });
  });
});

describe("readTable on CSV dialects", () => {
  const expected = {
    headers: ["Ekstern reference", "Titel", "Område", "Anlæg 2026"],
    rows: [
      ["KL-1", "Ny ydelsesplatform; fase 2", "Børn og Unge", "1.234.567"],
      ["KL-2", 'Sag "Åben" i Ærø', "Økonomi", ""],
    ],
  };
  const danish =
    'Ekstern reference;Titel;Område;Anlæg 2026\r\nKL-1;"Ny ydelsesplatform; fase 2";Børn og Unge;1.234.567\r\nKL-2;"Sag ""Åben"" i Ærø";Økonomi;\r\n';

  test.each<[string, Uint8Array, string, object]>([
    [
      "Danish Excel CSV: ; and Windows-1252",
      cp1252(danish),
      "liste.csv",
      { encoding: "windows-1252", delimiter: ";" },
    ],
    [
      "Excel CSV UTF-8 with BOM",
      withBom(utf8(danish)),
      "liste.csv",
      { encoding: "utf-8", delimiter: ";" },
    ],
    [
      "Excel's sep= line",
      cp1252(`sep=;\r\n${danish}`),
      "liste.csv",
      { encoding: "windows-1252", delimiter: ";" },
    ],
    [
      "comma-separated UTF-8 with a trailing empty column",
      utf8(
        'Ekstern reference,Titel,Område,Anlæg 2026,\nKL-1,"Ny ydelsesplatform; fase 2",Børn og Unge,1.234.567,\nKL-2,"Sag ""Åben"" i Ærø",Økonomi,,\n\n\n',
      ),
      "liste.txt",
      { encoding: "utf-8", delimiter: "," },
    ],
    [
      "tab-separated UTF-16 (Unicode text)",
      utf16le(
        danish
          .replaceAll(";", "\t")
          .replace('"Ny ydelsesplatform\t fase 2"', '"Ny ydelsesplatform; fase 2"'),
      ),
      "liste.txt",
      { encoding: "utf-16le", delimiter: "\t" },
    ],
  ])("%s gives the same table", async (_name, bytes, name, how) => {
    const table = await readTable(ab(bytes), name);
    expect(table).toEqual({ format: "csv", ...how, ...expected });
  });

  test("short rows are padded to the header's width", async () => {
    const table = await readTable(ab(utf8("a;b;c\n1\n1;2;3;4\n")), "x.csv");
    expect(table.headers).toEqual(["a", "b", "c", ""]);
    expect(table.rows).toEqual([
      ["1", "", "", ""],
      ["1", "2", "3", "4"],
    ]);
  });

  test("headers are trimmed, cells are left as they are", async () => {
    const table = await readTable(ab(utf8(" Titel ;Beløb\n A ; 1,5 \n")), "x.csv");
    expect(table.headers).toEqual(["Titel", "Beløb"]);
    expect(table.rows).toEqual([[" A ", " 1,5 "]]);
  });
});

describe("files that cannot be read give a Danish message", () => {
  const xlsHeader = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
  test.each<[string, Uint8Array, string, RegExp]>([
    ["an empty file", new Uint8Array(0), "tom.csv", /»tom\.csv« er tom/],
    ["only blank lines", utf8("\n\n;;\n"), "blank.csv", /ingen kolonneoverskrifter/],
    [
      "the old .xls format",
      xlsHeader,
      "gammel.xls",
      /gamle Excel-format \(\.xls\).*\.xlsx eller CSV/,
    ],
    ["a PDF", utf8("%PDF-1.4"), "rapport.pdf", /hverken en CSV-fil eller en Excel-projektmappe/],
    [
      "a quote never closed",
      utf8('Titel;Note\nA;"ups\nB;c\n'),
      "x.csv",
      /^Linje 2: .*citationstegn/,
    ],
    ["a quote never closed after sep=", utf8('sep=;\nTitel;Note\nA;"ups\n'), "x.csv", /^Linje 3: /],
    [
      "a zip that is not a workbook",
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      "x.xlsx",
      /kan ikke læses som en Excel-projektmappe/,
    ],
  ])("%s", async (_name, bytes, name, message) => {
    const e: unknown = await readTable(ab(bytes), name).catch((x: unknown) => x);
    expect(isStoreError(e, "Invalid")).toBe(true);
    expect((e as Error).message).toMatch(message);
  });
});
