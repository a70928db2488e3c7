/**
 * The Dagsorden tab's data and writes: the meeting (shared `useMeeting`), its points, who is
 * signed in, the candidates (for the secretary only), and the mutations of
 * src/use-cases/agenda.ts. A write of points reads the points again (not the candidates, whose
 * marks are worked out as the tab renders); sending invalidates every meeting query (the state
 * in the header and the plan).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { isAgendaOpen, mayEditAgenda } from "../../../domain/agenda.js";
import type { AgendaItemId, MeetingId } from "../../../domain/ids.js";
import type { AgendaItem, Meeting } from "../../../domain/meetings.js";
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
} from "../../../use-cases/agenda.js";
import { queryKeys } from "../../queries/keys.js";
import { useMe } from "../../queries/useMe.js";
import { useServices } from "../../services.js";
import { hrefForMeeting } from "../../shell/routes.js";
import { MEETINGS_QUERY_KEY, useMeeting } from "../useMeeting.js";

export const agendaQueryKey = queryKeys.agenda;

function useAgendaPorts(): AgendaPorts & { linkTo: (route: string) => string } {
  const { repositories, currentUser, calendar, directory, clock, links } = useServices();
  return {
    repositories,
    currentUser,
    calendar,
    directory,
    clock,
    // Inside Teams a deep link; elsewhere (and in tests without `links`) the page's own address.
    linkTo: (route) =>
      links ? links.to(route) : `${window.location.origin}${window.location.pathname}${route}`,
  };
}

export function useAgenda(meetingId: number) {
  const ports = useAgendaPorts();
  const client = useQueryClient();
  const id = meetingId as MeetingId;
  const meeting = useMeeting(meetingId);
  const items = useQuery({
    queryKey: [...agendaQueryKey(meetingId), "items"],
    queryFn: () => agendaItemsOf(ports.repositories, id),
  });
  const me = useMe();
  const mayEdit = me.data ? mayEditAgenda(me.data) : false;
  const editable = mayEdit && meeting.data !== undefined && isAgendaOpen(meeting.data);
  const candidates = useQuery({
    // Which candidates are on the agenda is worked out as the tab renders (`isOnAgenda`).
    queryKey: [...agendaQueryKey(meetingId), "candidates"],
    queryFn: () => loadCandidates(ports, meeting.data as Meeting, []),
    enabled: editable && items.data !== undefined,
  });

  // The points changed; the candidates stay (which are on the agenda is worked out as it renders).
  const refresh = () =>
    client.invalidateQueries({ queryKey: [...agendaQueryKey(meetingId), "items"] });

  const add = useMutation({
    mutationFn: (point: NewPoint) => addAgendaPoint(ports, id, point),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: (v: { item: AgendaItem; changes: PointChanges }) =>
      updateAgendaPoint(ports, v.item, v.changes),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (item: AgendaItem) => removeAgendaPoint(ports, id, item),
    onSettled: refresh,
  });
  const reorder = useMutation({
    mutationFn: (inNewOrder: AgendaItem[]) => reorderAgenda(ports, inNewOrder),
    onSettled: refresh,
  });
  const invite = useMutation({
    mutationFn: () => inviteRepresentatives(ports, id),
  });
  const send = useMutation({
    mutationFn: (confirmOverrun: boolean) =>
      sendAgenda(ports, id, { confirmOverrun, meetingRoute: hrefForMeeting(meetingId) }),
    onSettled: () => client.invalidateQueries({ queryKey: MEETINGS_QUERY_KEY }),
  });

  return {
    meeting,
    items,
    me,
    mayEdit,
    editable,
    candidates,
    add,
    update,
    remove,
    reorder,
    invite,
    send,
  };
}

export type AgendaState = ReturnType<typeof useAgenda>;

/** The element id of a point's heading (its anchor is `punkt-<id>` on the list item). */
export function pointTitleId(id: AgendaItemId | number): string {
  return `agenda-point-${id}-title`;
}
