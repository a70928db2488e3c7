/**
 * The meeting plan's data and actions through the ports: the year's plan and a meeting's Teams
 * event are read with TanStack Query; the use cases in src/use-cases/meeting-plan.ts write; every
 * write invalidates MEETINGS_QUERY_KEY (the plan, the header and both tabs read again) and the
 * dashboard (its meeting cards).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import type { MeetingId } from "../../../domain/ids.js";
import { formattingLocale, languageFromLocale } from "../../../domain/language.js";
import {
  copenhagenWallClock,
  mayPlanMeetings,
  type PlanForm,
} from "../../../domain/meeting-plan.js";
import type { Meeting } from "../../../domain/meetings.js";
import {
  addMeetingToCalendar,
  cancelMeeting,
  createPlannedMeetings,
  loadMeetingPlan,
  type MeetingLinks,
  type MoveMeeting,
  moveMeeting,
  readMeetingEvent,
} from "../../../use-cases/meeting-plan.js";
import { DASHBOARD_QUERY_KEY } from "../../dashboard/useDashboard.js";
import { useMe } from "../../queries/useMe.js";
import { useServices } from "../../services.js";
import { meetingQueryKey, MEETINGS_QUERY_KEY } from "../useMeeting.js";

/** The links the invitation carries: a Teams deep link inside Teams, else the tab's address. */
export function useMeetingLinks(): MeetingLinks {
  const { links } = useServices();
  return {
    link: (hash: string) =>
      links?.to(hash) ?? `${window.location.origin}${window.location.pathname}${hash}`,
  };
}

/** The Danish year today, by the services' clock. */
export function useThisYear(): number {
  const { clock } = useServices();
  return copenhagenWallClock(clock.now().toISOString()).year;
}

export function useMeetingPlan(year: number) {
  const { currentUser, repositories, clock } = useServices();
  return useQuery({
    queryKey: [...MEETINGS_QUERY_KEY, "plan", year],
    queryFn: () => loadMeetingPlan({ currentUser, repositories, clock }, year),
  });
}

/** Whether the signed-in person plans, moves and cancels meetings. */
export function useMayPlan(): boolean {
  const me = useMe();
  return me.data ? mayPlanMeetings(me.data) : false;
}

/** The meeting's Teams event in the signed-in (planning) person's calendar, for its changeKey. */
export function useMeetingEvent(meeting: Meeting | undefined, enabled: boolean) {
  const { calendar } = useServices();
  return useQuery({
    queryKey: [...meetingQueryKey(meeting?.id ?? 0), "event", meeting?.graphEventId ?? ""],
    queryFn: () => readMeetingEvent({ calendar }, meeting!),
    enabled: enabled && meeting !== undefined,
    retry: false,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: MEETINGS_QUERY_KEY }),
      client.invalidateQueries({ queryKey: DASHBOARD_QUERY_KEY }),
    ]);
}

export function useCreatePlan() {
  const services = useServices();
  const links = useMeetingLinks();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (form: PlanForm) => createPlannedMeetings(services, form, links),
    onSettled: refresh,
  });
}

export function useAddToCalendar() {
  const services = useServices();
  const links = useMeetingLinks();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => addMeetingToCalendar(services, id as MeetingId, links),
    onSettled: refresh,
  });
}

export function useMoveMeeting() {
  const services = useServices();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: MoveMeeting) => moveMeeting(services, input),
    // A Conflict re-reads the event too (its query is under the meeting's key).
    onSettled: refresh,
  });
}

export function useCancelMeeting() {
  const services = useServices();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { meeting: Meeting; message: string }) => cancelMeeting(services, input),
    onSettled: refresh,
  });
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
