/** Dates, numbers and DKK per language through Intl (Danish first, English second). */
import { formatDate, formatDkk, formatNumber } from "../../src/ui/i18n/format.js";

// Intl puts non-breaking spaces between amount and currency; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatting per language", () => {
  test.each([
    [1250000, "da", "1.250.000 kr."],
    [1250000, "en", "DKK 1,250,000"],
    [-45000, "da", "-45.000 kr."],
    [0, "da", "0 kr."],
  ] as const)("%d DKK in %s is %s", (amount, language, text) => {
    expect(plain(formatDkk(amount, language))).toBe(text);
  });

  test("øre when asked for", () => {
    expect(plain(formatDkk(1234.5, "da", 2))).toBe("1.234,50 kr.");
    expect(plain(formatDkk(1234.5, "en", 2))).toBe("DKK 1,234.50");
  });

  test.each([
    [1234.567, "da", "1.234,57"],
    [1234.567, "en", "1,234.57"],
  ] as const)("the number %d in %s is %s", (n, language, text) => {
    expect(plain(formatNumber(n, language))).toBe(text);
  });

  test.each([
    ["2026-03-02T08:00:00Z", "da", "long", "2. marts 2026"],
    ["2026-03-02T08:00:00Z", "en", "long", "2 March 2026"],
    ["2026-03-02T08:00:00Z", "da", "short", "2.3.2026"],
    ["2026-03-02T08:00:00Z", "en", "short", "02/03/2026"],
  ] as const)("%s in %s (%s) is %s", (iso, language, style, text) => {
    expect(plain(formatDate(iso, language, style))).toBe(text);
  });

  test("times are shown in the committee's time zone, whatever the browser's", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Copenhagen.
    expect(plain(formatDate(new Date("2025-12-31T23:30:00Z"), "da", "dateTime"))).toBe(
      "1. januar 2026 kl. 00.30",
    );
    expect(plain(formatDate(new Date("2025-12-31T23:30:00Z"), "en", "dateTime"))).toBe(
      "1 January 2026 at 00:30",
    );
  });
});
