/**
 * The members' calendars: the committee's meetings as Outlook/Teams meetings.
 *
 * Errors: every method rejects with a `StoreError` (`NotFound | Conflict | Forbidden |
 * Throttled | Invalid | Unavailable`); throttling has already been retried when it surfaces.
 */
import type { IsoDateTime } from "../domain/common.js";
import type {
  CalendarEventId,
  MeetingChanges,
  MeetingRequest,
  ScheduledMeeting,
} from "../domain/communication.js";

export interface MeetingCalendar {
  /**
   * Puts a meeting in the organizer's calendar and invites the attendees. Creating again with
   * the same `idempotencyKey` returns the meeting already made (no duplicate). An online
   * meeting comes back with its Teams `joinUrl`, or without one when Teams has not provided it.
   */
  schedule(request: MeetingRequest): Promise<ScheduledMeeting>;
  /**
   * Changes a meeting; attendees are told. `version.changeKey` is the `changeKey` of the
   * ScheduledMeeting the caller read and edits: when the meeting has changed since, nothing is
   * changed and the call rejects with `StoreError("Conflict")` (no lost update; re-read and
   * try again).
   */
  update(
    id: CalendarEventId,
    changes: MeetingChanges,
    version: { changeKey: string },
  ): Promise<ScheduledMeeting>;
  /**
   * Cancels a meeting with a message to the attendees; it leaves the organizer's calendar.
   * Not guarded by a version: it cancels whatever version is current.
   */
  cancel(id: CalendarEventId, message: string): Promise<void>;
  /** One meeting of the organizer's calendar. */
  get(id: CalendarEventId): Promise<ScheduledMeeting>;
  /** The meetings (series counted once, by their first start) starting in `[from, to)`, earliest first. */
  listBetween(from: IsoDateTime, to: IsoDateTime): Promise<ScheduledMeeting[]>;
}
