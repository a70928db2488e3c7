/** Dates on the rounds pages, in the UI language. */
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../../domain/language.js";
import { formatDate } from "../../i18n/format.js";

export function useRoundFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    language,
    date: (iso: string | null) => (iso ? formatDate(iso, language, "long") : null),
  };
}
