/** Ressourcer's formatting in the UI language: numbers, months, dates. */
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import { formatDate, formatNumber } from "../i18n/format.js";

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
    number: (n: number) => formatNumber(n, language),
    date: (iso: string) => formatDate(iso, language, "short"),
    month: (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`)),
    /** A competence (a stored Danish choice value) in the UI language. */
    competence: (c: string) => t(`resources.competences.${c}`, { defaultValue: c }),
    /** A request's state in the UI language. */
    state: (s: string) => t(`resources.states.${s}`, { defaultValue: s }),
  };
}
