/**
 * Fake Graph ports for the meeting plan's use-case and UI tests: a calendar that behaves like
 * the MeetingCalendar contract (idempotency key → the same event; changeKey checked on update;
 * cancel removes the event; attendees' notices recorded) and a directory with one group.
 */
import type {
  CalendarEventId,
  DirectoryPerson,
  MeetingChanges,
  MeetingRequest,
  ScheduledMeeting,
} from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import type { MeetingCalendar } from "../../src/ports/calendar.js";
import type { Directory } from "../../src/ports/directory.js";

type Method = keyof MeetingCalendar;

export interface Notice {
  eventId: string;
  kind: "created" | "updated" | "cancelled";
  recipient: string;
  comment?: string;
}

export class FakeCalendar implements MeetingCalendar {
  readonly events = new Map<string, ScheduledMeeting>();
  readonly byKey = new Map<string, string>();
  readonly calls: [Method, unknown][] = [];
  readonly notices: Notice[] = [];
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
    this.failure("update", false);
    const e = this.events.get(id);
    if (!e) throw new StoreError("NotFound", "The specified object was not found in the store.");
    if (e.changeKey !== version.changeKey) {
      throw new StoreError("Conflict", "The change key does not match.", { status: 412 });
    }
    const next = { ...e, ...changes, changeKey: `ck-${++this.seq}` };
    this.events.set(id, next);
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

export const COMMITTEE_TEAM_ID = "team-committee";

export const MEMBERS: DirectoryPerson[] = [
  { directoryId: "u1", name: "Birgitte Holm", email: "bh@x.dk" },
  { directoryId: "u2", name: "Jonas Lind", email: "jonas@x.dk" },
  { directoryId: "u3", name: "Mads Kjær", email: "mads@x.dk" },
];

/** A directory whose only group is the committee's; `failNext` makes membersOf reject once. */
export class FakeDirectory implements Directory {
  private failure: StoreError | null = null;
  constructor(private readonly members: DirectoryPerson[] = MEMBERS) {}

  failNext(error: StoreError): void {
    this.failure = error;
  }

  me(): Promise<DirectoryPerson> {
    return Promise.resolve(this.members[2]!);
  }

  findPeople(): Promise<DirectoryPerson[]> {
    return Promise.resolve([]);
  }

  async membersOf(groupId: string): Promise<DirectoryPerson[]> {
    await Promise.resolve();
    if (this.failure) {
      const e = this.failure;
      this.failure = null;
      throw e;
    }
    if (groupId !== COMMITTEE_TEAM_ID) throw new StoreError("NotFound", "No such group");
    return this.members;
  }
}
