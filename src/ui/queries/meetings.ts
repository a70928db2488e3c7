/**
 * The Meetings pages' data: one hook per use-case (src/use-cases/{meetings,meeting-plan,agenda,
 * minutes}.ts), keys from keys.ts. Every query about meetings is under `queryKeys.meetings()`,
 * so a write that changes a meeting invalidates that root and the plan, the header, both tabs
 * and the decision log read again.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { MeetingId } from "../../domain/ids.js";
import type { PlanForm } from "../../domain/meeting-plan.js";
import type { AgendaItem, FollowUpAction, Meeting } from "../../domain/meetings.js";
import {
  addAgendaPoint,
  agendaItemsOf,
  type AgendaPorts,
  inviteRepresentatives,
  loadCandidates,
  type NewPoint,
  type PointChanges,
  removeAgendaPoint,
  reorderAgenda,
  sendAgenda,
  updateAgendaPoint,
} from "../../use-cases/agenda.js";
import {
  addMeetingToCalendar,
  cancelMeeting,
  createPlannedMeetings,
  loadMeetingPlan,
  type MeetingLinks,
  type MoveMeeting,
  moveMeeting,
  readMeetingEvent,
} from "../../use-cases/meeting-plan.js";
import { loadDecisionLog, loadMeeting } from "../../use-cases/meetings.js";
import {
  type ActionInput,
  approveMinutes,
  loadMinutes,
  type MinutesPage,
  type PointMinutesInput,
  postApprovedMinutes,
  removeAction,
  saveAction,
  savePointMinutes,
} from "../../use-cases/minutes.js";
import { useServices } from "../services.js";
import { hrefForMeeting } from "../shell/routes.js";
import { queryKeys } from "./keys.js";

/** An absolute link to a route of the tab: a Teams deep link inside Teams, else the page's own. */
export function useTabLink(): (route: string) => string {
  const { links } = useServices();
  return (route) =>
    links?.to(route) ?? `${window.location.origin}${window.location.pathname}${route}`;
}

/** The links a meeting's invitation carries. */
export function useMeetingLinks(): MeetingLinks {
  const link = useTabLink();
  return { link };
}

// ---------------------------------------------------------------- meetings

/** One meeting's list item (Møder). */
export function useMeeting(id: number) {
  const { repositories, clock } = useServices();
  return useQuery({
    queryKey: queryKeys.meeting(id),
    queryFn: () => loadMeeting({ repositories, clock }, id as MeetingId),
  });
}

/** Every decision and the open follow-up actions. */
export function useDecisionLog() {
  const { repositories, currentUser } = useServices();
  return useQuery({
    queryKey: queryKeys.decisionLog(),
    queryFn: () => loadDecisionLog({ repositories, currentUser }),
  });
}

// ---------------------------------------------------------------- plan

function useAfterPlanWrite() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.meetings() }),
      client.invalidateQueries({ queryKey: queryKeys.dashboard() }),
    ]);
}

export function useMeetingPlan(year: number) {
  const { currentUser, repositories, clock } = useServices();
  return useQuery({
    queryKey: queryKeys.meetingPlan(year),
    queryFn: () => loadMeetingPlan({ currentUser, repositories, clock }, year),
  });
}

/** The meeting's Teams event in the signed-in (planning) person's calendar, for its changeKey. */
export function useMeetingEvent(meeting: Meeting | undefined, enabled: boolean) {
  const { calendar } = useServices();
  return useQuery({
    queryKey: queryKeys.meetingEvent(meeting?.id ?? 0, meeting?.graphEventId ?? ""),
    queryFn: () => readMeetingEvent({ calendar }, meeting!),
    enabled: enabled && meeting !== undefined,
    retry: false,
  });
}

export function useCreatePlan() {
  const services = useServices();
  const links = useMeetingLinks();
  const after = useAfterPlanWrite();
  return useMutation({
    mutationFn: (form: PlanForm) => createPlannedMeetings(services, form, links),
    onSettled: after,
  });
}

export function useAddToCalendar() {
  const services = useServices();
  const links = useMeetingLinks();
  const after = useAfterPlanWrite();
  return useMutation({
    mutationFn: (id: number) => addMeetingToCalendar(services, id as MeetingId, links),
    onSettled: after,
  });
}

export function useMoveMeeting() {
  const services = useServices();
  const after = useAfterPlanWrite();
  return useMutation({
    mutationFn: (input: MoveMeeting) => moveMeeting(services, input),
    // A Conflict re-reads the event too (its query is under the meeting's key).
    onSettled: after,
  });
}

export function useCancelMeeting() {
  const services = useServices();
  const after = useAfterPlanWrite();
  return useMutation({
    mutationFn: (input: { meeting: Meeting; message: string }) => cancelMeeting(services, input),
    onSettled: after,
  });
}

// ---------------------------------------------------------------- agenda

function useAgendaPorts(): AgendaPorts & { linkTo: (route: string) => string } {
  const { repositories, currentUser, calendar, directory, clock } = useServices();
  const linkTo = useTabLink();
  return { repositories, currentUser, calendar, directory, clock, linkTo };
}

function useRefreshAgendaItems(meetingId: number) {
  const client = useQueryClient();
  // The points changed; the candidates stay (which are on the agenda is worked out as it renders).
  return () => client.invalidateQueries({ queryKey: queryKeys.agendaItems(meetingId) });
}

export function useAgendaItems(meetingId: number) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: queryKeys.agendaItems(meetingId),
    queryFn: () => agendaItemsOf(repositories, meetingId as MeetingId),
  });
}

export function useAgendaCandidates(
  meetingId: number,
  meeting: Meeting | undefined,
  enabled: boolean,
) {
  const ports = useAgendaPorts();
  return useQuery({
    // Which candidates are on the agenda is worked out as the tab renders (`isOnAgenda`).
    queryKey: queryKeys.agendaCandidates(meetingId),
    queryFn: () => loadCandidates(ports, meeting as Meeting, []),
    enabled: enabled && meeting !== undefined,
  });
}

export function useAddAgendaPoint(meetingId: number) {
  const ports = useAgendaPorts();
  const refresh = useRefreshAgendaItems(meetingId);
  return useMutation({
    mutationFn: (point: NewPoint) => addAgendaPoint(ports, meetingId as MeetingId, point),
    onSettled: refresh,
  });
}

export function useUpdateAgendaPoint(meetingId: number) {
  const ports = useAgendaPorts();
  const refresh = useRefreshAgendaItems(meetingId);
  return useMutation({
    mutationFn: (v: { item: AgendaItem; changes: PointChanges }) =>
      updateAgendaPoint(ports, v.item, v.changes),
    onSettled: refresh,
  });
}

export function useRemoveAgendaPoint(meetingId: number) {
  const ports = useAgendaPorts();
  const refresh = useRefreshAgendaItems(meetingId);
  return useMutation({
    mutationFn: (item: AgendaItem) => removeAgendaPoint(ports, meetingId as MeetingId, item),
    onSettled: refresh,
  });
}

export function useReorderAgenda(meetingId: number) {
  const ports = useAgendaPorts();
  const refresh = useRefreshAgendaItems(meetingId);
  return useMutation({
    mutationFn: (inNewOrder: AgendaItem[]) => reorderAgenda(ports, inNewOrder),
    onSettled: refresh,
  });
}

export function useInviteRepresentatives(meetingId: number) {
  const ports = useAgendaPorts();
  return useMutation({
    mutationFn: () => inviteRepresentatives(ports, meetingId as MeetingId),
  });
}

export function useSendAgenda(meetingId: number) {
  const ports = useAgendaPorts();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirmOverrun: boolean) =>
      sendAgenda(ports, meetingId as MeetingId, {
        confirmOverrun,
        meetingRoute: hrefForMeeting(meetingId),
      }),
    // The state in the header and the plan changes.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.meetings() }),
  });
}

// ---------------------------------------------------------------- minutes

/** The absolute link back to the meeting's minutes in the tab (a Teams deep link in Teams). */
export function useMinutesLink(id: number): string {
  return useTabLink()(hrefForMeeting(id, "minutes"));
}

export function useMinutesPage(id: number) {
  const services = useServices();
  return useQuery({
    queryKey: queryKeys.minutes(id),
    queryFn: () => loadMinutes(services, id as MeetingId),
  });
}

/** Every write of minutes changes the meeting and may change initiatives (decisions, phases). */
function useAfterMinutesWrite() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.meetings() }),
      client.invalidateQueries({ queryKey: queryKeys.initiatives() }),
    ]);
}

export function useSavePoint() {
  const services = useServices();
  const after = useAfterMinutesWrite();
  return useMutation({
    mutationFn: (input: PointMinutesInput) => savePointMinutes(services, input),
    onSettled: after,
  });
}

export function useSaveAction() {
  const services = useServices();
  const after = useAfterMinutesWrite();
  return useMutation({
    mutationFn: (input: {
      meeting: Meeting;
      action: ActionInput;
      existing: FollowUpAction | null;
    }) => saveAction(services, input),
    onSettled: after,
  });
}

export function useRemoveAction() {
  const services = useServices();
  const after = useAfterMinutesWrite();
  return useMutation({
    mutationFn: (input: { meeting: Meeting; action: FollowUpAction }) =>
      removeAction(services, input),
    onSettled: after,
  });
}

export function useApproveMinutes(id: number) {
  const services = useServices();
  const after = useAfterMinutesWrite();
  const meetingLink = useMinutesLink(id);
  return useMutation({
    mutationFn: (page: MinutesPage) => approveMinutes(services, { ...page, meetingLink }),
    onSettled: after,
  });
}

export function usePostMinutes(id: number) {
  const services = useServices();
  const after = useAfterMinutesWrite();
  const meetingLink = useMinutesLink(id);
  return useMutation({
    mutationFn: () => postApprovedMinutes(services, { meetingId: id as MeetingId, meetingLink }),
    onSettled: after,
  });
}
