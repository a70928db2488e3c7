/** Weights, CR and dates on the criteria page, in the UI language. */
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../../domain/language.js";
import { formatDate, formatNumber } from "../../i18n/format.js";

export function useAhpFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    language,
    percent: (share: number) => `${formatNumber(share * 100, language, 1)} %`,
    cr: (cr: number) => formatNumber(cr, language, 3),
    date: (iso: string) => formatDate(iso, language, "long"),
    dateTime: (iso: string) => formatDate(iso, language, "dateTime"),
  };
}
