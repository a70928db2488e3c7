/** Ressourcer's formatting in the UI language: numbers, months, dates. */
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import { formattingLocale } from "../../domain/language.js";
import { formatDate } from "../i18n/format.js";

/** One number format per language: a heatmap formats a few thousand numbers per render. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Parameters<typeof formattingLocale>[0]): Intl.NumberFormat {
  let f = numberFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(formattingLocale(language), { maximumFractionDigits: 2 });
    numberFormats.set(language, f);
  }
  return f;
}

export function useResourceFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  const monthFormat = new Intl.DateTimeFormat(language === "da" ? "da-DK" : "en-GB", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  return {
    t,
    language,
    number: (n: number) => numberFormat(language).format(n),
    date: (iso: string) => formatDate(iso, language, "short"),
    month: (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`)),
    /** A competence (a stored Danish choice value) in the UI language. */
    competence: (c: string) => t(`resources.competences.${c}`, { defaultValue: c }),
    /** A request's state in the UI language. */
    state: (s: string) => t(`resources.states.${s}`, { defaultValue: s }),
  };
}
