/**
 * The Meetings pages share one cache convention: every query about meetings starts with
 * `MEETINGS_QUERY_KEY`, one meeting's list item is `meetingQueryKey(id)`, and a write that changes
 * a meeting invalidates `MEETINGS_QUERY_KEY` so the plan, the header and both tabs read again.
 */
import { useQuery } from "@tanstack/react-query";

import type { MeetingId } from "../../domain/ids.js";
import { queryKeys } from "../queries/keys.js";
import { useServices } from "../services.js";

export const MEETINGS_QUERY_KEY = queryKeys.meetings();

export const meetingQueryKey = queryKeys.meeting;

/** One meeting's list item (Møder). */
export function useMeeting(id: number) {
  const { repositories } = useServices();
  return useQuery({
    queryKey: meetingQueryKey(id),
    queryFn: () => repositories.meetings.get(id as MeetingId),
  });
}
