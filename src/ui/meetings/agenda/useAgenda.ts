/**
 * The Dagsorden tab's data and writes, gathered from the meetings hooks (src/ui/queries/meetings.ts):
 * the meeting, its points, who is signed in, the candidates (for the secretary only) and the
 * writes of src/use-cases/agenda.ts. A write of points reads the points again (not the
 * candidates, whose marks are worked out as the tab renders); sending invalidates every meeting
 * query (the state in the header and the plan).
 */
import { isAgendaOpen, mayEditAgenda } from "../../../domain/agenda.js";
import type { AgendaItemId } from "../../../domain/ids.js";
import {
  useAddAgendaPoint,
  useAgendaCandidates,
  useAgendaItems,
  useInviteRepresentatives,
  useMeeting,
  useRemoveAgendaPoint,
  useReorderAgenda,
  useSendAgenda,
  useUpdateAgendaPoint,
} from "../../queries/meetings.js";
import { useMe } from "../../queries/useMe.js";

export function useAgenda(meetingId: number) {
  const meeting = useMeeting(meetingId);
  const items = useAgendaItems(meetingId);
  const me = useMe();
  const mayEdit = me.data ? mayEditAgenda(me.data) : false;
  const editable = mayEdit && meeting.data !== undefined && isAgendaOpen(meeting.data);
  const candidates = useAgendaCandidates(
    meetingId,
    meeting.data,
    editable && items.data !== undefined,
  );
  return {
    meeting,
    items,
    me,
    mayEdit,
    editable,
    candidates,
    add: useAddAgendaPoint(meetingId),
    update: useUpdateAgendaPoint(meetingId),
    remove: useRemoveAgendaPoint(meetingId),
    reorder: useReorderAgenda(meetingId),
    invite: useInviteRepresentatives(meetingId),
    send: useSendAgenda(meetingId),
  };
}

export type AgendaState = ReturnType<typeof useAgenda>;

/** The element id of a point's heading (its anchor is `punkt-<id>` on the list item). */
export function pointTitleId(id: AgendaItemId | number): string {
  return `agenda-point-${id}-title`;
}
