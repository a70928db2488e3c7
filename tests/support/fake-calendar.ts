/**
 * The one fake Outlook calendar (the MeetingCalendar port) for use-case and UI tests, and a
 * builder for an event already in it.
 */
import type {
  CalendarEventId,
  MeetingChanges,
  MeetingRequest,
  ScheduledMeeting,
} from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import type { MeetingCalendar } from "../../src/ports/calendar.js";

/** A Teams meeting in the organizer's calendar; `overrides` as the test needs. */
export function aScheduledMeeting(
  overrides: Partial<ScheduledMeeting> & { id: string },
): ScheduledMeeting {
  return {
    subject: "Styregruppemøde",
    agendaHtml: "",
    start: "2026-06-09T07:00:00Z",
    end: "2026-06-09T09:00:00Z",
    timeZone: "Europe/Copenhagen",
    attendees: [],
    location: "",
    organizerEmail: "birgitte@kommune.dk",
    online: true,
    isCancelled: false,
    changeKey: "ck0",
    ...overrides,
    id: overrides.id,
  };
}

type Method = keyof MeetingCalendar;

export interface Notice {
  eventId: string;
  kind: "created" | "updated" | "cancelled";
  recipient: string;
  comment?: string;
}

/**
 * One organizer's Outlook calendar in memory, behaving like the MeetingCalendar contract: the
 * idempotency key gives back the same event, an update needs the current changeKey (else
 * Conflict), a cancel removes the event, attendees' notices are recorded, and faults can be
 * queued per method (before the work, or after it with the answer lost).
 */
export class FakeCalendar implements MeetingCalendar {
  readonly events = new Map<string, ScheduledMeeting>();
  readonly byKey = new Map<string, string>();
  readonly calls: [Method, unknown][] = [];
  readonly notices: Notice[] = [];
  /** The changes of every update that was applied, in order. */
  readonly updates: MeetingChanges[] = [];
  /** Run one each, just before an update is applied (a concurrent edit in Outlook). */
  readonly beforeUpdate: (() => void)[] = [];
  private failures: { method: Method; error: StoreError; afterWork: boolean }[] = [];
  private seq = 0;
  /** When set, new meetings come back without a join link (Teams not yet provisioned). */
  withoutJoinUrl = false;
  /** Called while a schedule is under way (to make something happen meanwhile). */
  onSchedule: (() => void) | null = null;

  /**
   * The next call of `method` rejects. With `afterWork` the work is done first and only the
   * answer is lost (as when the network drops the response).
   */
  failNext(method: Method, error: StoreError, options: { afterWork?: boolean } = {}): void {
    this.failures.push({ method, error, afterWork: options.afterWork === true });
  }

  private failure(method: Method, afterWork: boolean): void {
    const i = this.failures.findIndex((f) => f.method === method && f.afterWork === afterWork);
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      throw f!.error;
    }
  }

  /** An event already in the calendar (made in Outlook, or by an earlier plan). */
  add(event: ScheduledMeeting): void {
    this.events.set(event.id, structuredClone(event));
  }

  /** The event as the calendar holds it now. */
  event(id: string): ScheduledMeeting {
    const e = this.events.get(id);
    if (!e) throw new Error(`No event ${id}`);
    return e;
  }

  /** Someone changes the event in Outlook: a new changeKey. */
  touch(id: string, changes: Partial<ScheduledMeeting> = {}): void {
    const e = this.events.get(id);
    if (!e) throw new Error(`No event ${id}`);
    this.events.set(id, { ...e, ...changes, changeKey: `ck-${++this.seq}` });
  }

  async schedule(request: MeetingRequest): Promise<ScheduledMeeting> {
    await Promise.resolve();
    this.calls.push(["schedule", request]);
    this.failure("schedule", false);
    this.onSchedule?.();
    const known = this.byKey.get(request.idempotencyKey);
    let event = known ? this.events.get(known) : undefined;
    if (!event) {
      const id = `AAMk-${++this.seq}`;
      event = {
        id: id as CalendarEventId,
        subject: request.subject,
        agendaHtml: request.agendaHtml,
        start: request.start,
        end: request.end,
        timeZone: request.timeZone,
        attendees: request.attendees,
        location: request.location ?? "",
        organizerEmail: "mads@x.dk",
        online: true,
        ...(this.withoutJoinUrl
          ? {}
          : { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3Ameeting_${id}/0` }),
        isCancelled: false,
        changeKey: `ck-${++this.seq}`,
      };
      this.events.set(id, event);
      this.byKey.set(request.idempotencyKey, id);
      for (const a of request.attendees)
        this.notices.push({ eventId: id, kind: "created", recipient: a.email });
    }
    this.failure("schedule", true);
    return structuredClone(event);
  }

  async update(
    id: CalendarEventId,
    changes: MeetingChanges,
    version: { changeKey: string },
  ): Promise<ScheduledMeeting> {
    await Promise.resolve();
    this.calls.push(["update", { id, changes, version }]);
    this.beforeUpdate.shift()?.();
    this.failure("update", false);
    const e = this.events.get(id);
    if (!e) throw new StoreError("NotFound", "The specified object was not found in the store.");
    if (e.changeKey !== version.changeKey) {
      throw new StoreError("Conflict", "The change key does not match.", { status: 412 });
    }
    const next = { ...e, ...changes, changeKey: `ck-${++this.seq}` };
    this.events.set(id, next);
    this.updates.push(changes);
    for (const a of next.attendees)
      this.notices.push({ eventId: id, kind: "updated", recipient: a.email });
    this.failure("update", true);
    return structuredClone(next);
  }

  async cancel(id: CalendarEventId, message: string): Promise<void> {
    await Promise.resolve();
    this.calls.push(["cancel", { id, message }]);
    this.failure("cancel", false);
    const e = this.events.get(id);
    if (!e) throw new StoreError("NotFound", "The specified object was not found in the store.");
    this.events.delete(id);
    for (const a of e.attendees)
      this.notices.push({ eventId: id, kind: "cancelled", recipient: a.email, comment: message });
    this.failure("cancel", true);
  }

  async get(id: CalendarEventId): Promise<ScheduledMeeting> {
    await Promise.resolve();
    this.calls.push(["get", id]);
    this.failure("get", false);
    const e = this.events.get(id);
    if (!e) throw new StoreError("NotFound", "The specified object was not found in the store.");
    return structuredClone(e);
  }

  async listBetween(from: string, to: string): Promise<ScheduledMeeting[]> {
    await Promise.resolve();
    this.calls.push(["listBetween", { from, to }]);
    return [...this.events.values()]
      .filter((e) => e.start >= from && e.start < to)
      .sort((a, b) => a.start.localeCompare(b.start));
  }
}
