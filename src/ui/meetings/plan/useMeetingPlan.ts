/**
 * The meeting plan's helpers for its views: this year by the services' clock, whether the
 * signed-in person plans, and dates and times of meetings in Danish time in the UI language.
 * Its data and writes are the meetings hooks (src/ui/queries/meetings.ts).
 */
import { useTranslation } from "react-i18next";

import { formattingLocale, languageFromLocale } from "../../../domain/language.js";
import { copenhagenWallClock, mayPlanMeetings } from "../../../domain/meeting-plan.js";
import { useMe } from "../../queries/useMe.js";
import { useServices } from "../../services.js";

/** The Danish year today, by the services' clock. */
export function useThisYear(): number {
  const { clock } = useServices();
  return copenhagenWallClock(clock.now().toISOString()).year;
}

/** Whether the signed-in person plans, moves and cancels meetings. */
export function useMayPlan(): boolean {
  const me = useMe();
  return me.data ? mayPlanMeetings(me.data) : false;
}

/** Dates and times of meetings in Danish time, in the UI language. */
export function useMeetingFormat() {
  const { t, i18n } = useTranslation();
  const language = languageFromLocale(i18n.language);
  const locale = formattingLocale(language);
  const zone = "Europe/Copenhagen";
  const dateFormat = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: zone,
  });
  const shortDate = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: zone,
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  });
  return {
    t,
    language,
    /** "tirsdag den 3. marts 2026" / "Tuesday 3 March 2026". */
    date: (iso: string) => dateFormat.format(new Date(iso)),
    shortDate: (iso: string) => shortDate.format(new Date(iso)),
    time: (iso: string) => timeFormat.format(new Date(iso)),
    /** "09.00–11.00". */
    timeRange: (start: string, end: string) =>
      `${timeFormat.format(new Date(start))}–${timeFormat.format(new Date(end))}`,
  };
}
