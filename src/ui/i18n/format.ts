/**
 * Dates, numbers and Danish kroner per language, with `Intl` (no hand-rolled formats).
 * Danish: "1.250.000 kr." and "3. marts 2025"; English: "DKK 1,250,000" and "3 March 2025".
 */
import { formattingLocale, type Language } from "../../domain/language.js";

const dkkCache = new Map<string, Intl.NumberFormat>();

/** An amount in DKK, whole kroner unless `decimals` asks for øre. */
export function formatDkk(amount: number, language: Language, decimals = 0): string {
  const key = `${language}:${decimals}`;
  let f = dkkCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(formattingLocale(language), {
      style: "currency",
      currency: "DKK",
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    dkkCache.set(key, f);
  }
  return f.format(amount);
}

export function formatNumber(value: number, language: Language, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(formattingLocale(language), { maximumFractionDigits }).format(value);
}

export type DateStyle = "long" | "short" | "dateTime";

/**
 * A date in the committee's time zone (Europe/Copenhagen by default), so a meeting at 09:00
 * in Vejle reads 09:00 wherever the browser is.
 */
export function formatDate(
  date: Date | string,
  language: Language,
  style: DateStyle = "long",
  timeZone = "Europe/Copenhagen",
): string {
  const d = typeof date === "string" ? new Date(date) : date;
  const options: Intl.DateTimeFormatOptions =
    style === "short"
      ? { day: "numeric", month: "numeric", year: "numeric" }
      : style === "long"
        ? { day: "numeric", month: "long", year: "numeric" }
        : { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(formattingLocale(language), { ...options, timeZone }).format(d);
}
