/**
 * CSV as spreadsheets write it (RFC 4180 plus what Danish Excel does): fields separated by `;`
 * (Danish Excel, since `,` is the decimal mark), `,`, tab or `|`; a field in double quotes may
 * hold separators, line breaks and doubled quotes; lines end in CRLF, LF or CR; an optional
 * first line `sep=;` names the separator. Pure: no IO.
 */

export type Delimiter = ";" | "," | "\t" | "|";

/** In order of preference when two fit a file equally well (Danish files first). */
export const DELIMITERS: readonly Delimiter[] = [";", "\t", ",", "|"];

export type CsvParse =
  | { ok: true; records: string[][] }
  /** `line` is the physical line (1-based) where the unterminated quoted field starts. */
  | { ok: false; line: number };

/** Splits text into records of fields. `limit` stops after that many records (for sniffing). */
export function parseCsv(text: string, delimiter: Delimiter, limit = Infinity): CsvParse {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  const n = text.length;
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = "";
  };
  while (i < n && records.length < limit) {
    const c = text[i];
    if (c === '"' && field === "") {
      // A quoted field: up to the closing quote; "" is a quote.
      const startLine = line;
      i += 1;
      let closed = false;
      while (i < n) {
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          closed = true;
          break;
        }
        if (q === "\n" || (q === "\r" && text[i + 1] !== "\n")) line += 1;
        field += q;
        i += 1;
      }
      if (!closed) return { ok: false, line: startLine };
      // Text after the closing quote (not RFC 4180, but Excel keeps it): part of the field.
      while (i < n && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") {
        field += text[i];
        i += 1;
      }
      continue;
    }
    if (c === delimiter) {
      record.push(field);
      field = "";
      i += 1;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line += 1;
    } else {
      field += c;
      i += 1;
    }
  }
  // The last record, unless the text ended with a line break.
  if (records.length < limit && (field !== "" || record.length > 0)) endRecord();
  return { ok: true, records };
}

/** `sep=;` on the first line, as Excel writes and reads it; null when absent. */
export function separatorHint(text: string): { delimiter: Delimiter; rest: string } | null {
  const m = /^sep=(.)\r?\n?/i.exec(text);
  const d = m?.[1];
  if (!m || !DELIMITERS.includes(d as Delimiter)) return null;
  return { delimiter: d as Delimiter, rest: text.slice(m[0].length) };
}

/**
 * The separator a file uses: the one for which the header has more than one field and most of
 * the first records have as many fields as the header; ties go to the order of DELIMITERS. A file
 * with one column gets `;`.
 */
export function detectDelimiter(text: string, sample = 50): Delimiter {
  let best: { d: Delimiter; score: number; width: number } | null = null;
  for (const d of DELIMITERS) {
    const parsed = parseCsv(text, d, sample);
    if (!parsed.ok) continue;
    const rows = parsed.records.filter((r) => r.some((f) => f.trim() !== ""));
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const score = rows.filter((r) => r.length === width).length / rows.length;
    if (!best || score > best.score || (score === best.score && width > best.width)) {
      best = { d, score, width };
    }
  }
  return best?.d ?? ";";
}
