/**
 * The languages the app speaks. The UI language follows the Teams locale (`app.locale`, e.g.
 * "da-DK"): Danish is the default, English second. Any `en-*` locale gives English; everything
 * else Danish, because the app is made for a Danish municipality and Danish is the language its
 * texts are written in. Pure, so the host (reading the Teams locale), the UI and the adapters
 * (export headers) share it.
 */
export type Language = "da" | "en";

export const LANGUAGES: readonly Language[] = ["da", "en"];

export function languageFromLocale(locale: string | null | undefined): Language {
  const tag = (locale ?? "").trim().toLowerCase();
  return tag === "en" || tag.startsWith("en-") || tag.startsWith("en_") ? "en" : "da";
}

/** The BCP 47 locale used for `Intl` formatting in a language. */
export function formattingLocale(language: Language): string {
  return language === "en" ? "en-GB" : "da-DK";
}
