/** Dates, relative days and reporting periods for the dashboard, in the UI language. */
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import { type DateStyle, formatDate } from "../i18n/format.js";

export function useDashboardFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  return {
    t,
    language,
    date: (iso: string, style: DateStyle = "long") => formatDate(iso, language, style),
    /** "i dag", "i morgen", "om 5 dage", "for 3 dage siden". */
    relative: (days: number) =>
      days >= 0 ? t("dashboard.inDays", { count: days }) : t("dashboard.daysAgo", { count: -days }),
    /** `2026-Q2` as "2. kvartal 2026" / "Q2 2026". */
    period: (p: string) => {
      const m = /^(\d{4})-Q([1-4])$/.exec(p);
      return m ? t("dashboard.period", { year: m[1], quarter: m[2] }) : p;
    },
  };
}
