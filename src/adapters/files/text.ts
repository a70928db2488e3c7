/**
 * Bytes of a text file to a string. Danish Excel saves "CSV (semikolonsepareret)" in
 * Windows-1252, "CSV UTF-8" with a byte-order mark, and "Unicode-tekst" as UTF-16 LE; other
 * tools write UTF-8 without a mark. The mark decides when there is one; otherwise the bytes are
 * UTF-8 when they decode as UTF-8 without an error, and Windows-1252 when they do not.
 */

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** Windows-1252's 0x80–0x9F (the rest is Latin-1); the five unassigned bytes map to U+0080+b. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
  0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * Windows-1252 decoded by table rather than TextDecoder: a Node built without full ICU has no
 * windows-1252 decoder, and the table is short.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  const chunk: number[] = [];
  for (const b of bytes) {
    chunk.push(b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The text of a file and the encoding it was read in. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    // The one way a fatal decode fails (a TypeError, though not always of this realm's class).
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}
