/**
 * The Referat tab's data and writes: one query for the meeting's minutes (its points,
 * decisions, actions and the initiatives they concern), and mutations that go through
 * src/use-cases/minutes.ts. Every write changes the meeting (state, version), so it invalidates
 * MEETINGS_QUERY_KEY (the header, the plan and both tabs read again) and the initiative pages
 * (decisions and phases show there).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { MeetingId } from "../../../domain/ids.js";
import type { FollowUpAction, Meeting } from "../../../domain/meetings.js";
import type { MinutesPage } from "../../../use-cases/minutes.js";
import {
  type ActionInput,
  approveMinutes,
  loadMinutes,
  type PointMinutesInput,
  postApprovedMinutes,
  removeAction,
  saveAction,
  savePointMinutes,
} from "../../../use-cases/minutes.js";
import { useServices } from "../../services.js";
import { hrefForMeeting } from "../../shell/routes.js";
import { meetingQueryKey, MEETINGS_QUERY_KEY } from "../useMeeting.js";

export const minutesQueryKey = (id: number) => [...meetingQueryKey(id), "minutes"] as const;

export function useMinutesPage(id: number) {
  const services = useServices();
  return useQuery({
    queryKey: minutesQueryKey(id),
    queryFn: () => loadMinutes(services, id as MeetingId),
  });
}

/** The absolute link back to the meeting's minutes in the tab (a Teams deep link in Teams). */
export function useMinutesLink(id: number): string {
  const { links } = useServices();
  const hash = hrefForMeeting(id, "minutes");
  return links?.to(hash) ?? `${window.location.origin}${window.location.pathname}${hash}`;
}

function useAfterWrite() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: MEETINGS_QUERY_KEY }),
      client.invalidateQueries({ queryKey: ["initiative"] }),
    ]);
}

export function useSavePoint() {
  const services = useServices();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (input: PointMinutesInput) => savePointMinutes(services, input),
    onSettled: after,
  });
}

export function useSaveAction() {
  const services = useServices();
  const after = useAfterWrite();
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
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (input: { meeting: Meeting; action: FollowUpAction }) =>
      removeAction(services, input),
    onSettled: after,
  });
}

export function useApproveMinutes(id: number) {
  const services = useServices();
  const after = useAfterWrite();
  const meetingLink = useMinutesLink(id);
  return useMutation({
    mutationFn: (page: MinutesPage) => approveMinutes(services, { ...page, meetingLink }),
    onSettled: after,
  });
}

export function usePostMinutes(id: number) {
  const services = useServices();
  const after = useAfterWrite();
  const meetingLink = useMinutesLink(id);
  return useMutation({
    mutationFn: () => postApprovedMinutes(services, { meetingId: id as MeetingId, meetingLink }),
    onSettled: after,
  });
}
