import type { IsoDateTime } from "../../domain/common.js";
import type {
  CalendarEventId,
  MeetingAttendee,
  MeetingChanges,
  MeetingRecurrence,
  MeetingRequest,
  ScheduledMeeting,
} from "../../domain/communication.js";
import { StoreError } from "../../domain/errors.js";
import type { MeetingCalendar } from "../../ports/calendar.js";
import type { GraphHttp } from "./graph-http.js";
import { fromWallClock, ianaZone, toWallClock } from "./time.js";

/**
 * MeetingCalendar on Microsoft Graph calendar events in the signed-in user's calendar
 * (`/me/events`, Calendars.ReadWrite): Teams meetings through `isOnlineMeeting` +
 * `onlineMeetingProvider: "teamsForBusiness"`, series through `recurrence`, retried creates made
 * safe by `transactionId` (https://learn.microsoft.com/graph/api/user-post-events,
 * https://learn.microsoft.com/graph/api/resources/event).
 */

interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

interface GraphEvent {
  id: string;
  subject?: string | null;
  body?: { contentType?: string; content?: string } | null;
  start: GraphDateTime;
  end: GraphDateTime;
  originalStartTimeZone?: string | null;
  location?: { displayName?: string } | null;
  attendees?: { type?: string; emailAddress?: { name?: string; address?: string } }[];
  organizer?: { emailAddress?: { address?: string } } | null;
  isOnlineMeeting?: boolean;
  onlineMeeting?: { joinUrl?: string | null } | null;
  recurrence?: {
    pattern: { type: string; interval: number; daysOfWeek?: string[] };
    range: { type: string; endDate?: string; numberOfOccurrences?: number };
  } | null;
  isCancelled?: boolean;
  changeKey?: string;
  webLink?: string;
}

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Ask Graph to answer date-times in UTC, whatever the mailbox's zone. */
const UTC_PREFERENCE = { Prefer: 'outlook.timezone="UTC"' };

export interface GraphMeetingCalendarOptions {
  /** The zone used when an update moves a meeting without naming one. */
  defaultTimeZone?: string;
}

export class GraphMeetingCalendar implements MeetingCalendar {
  private readonly defaultTimeZone: string;

  constructor(
    private readonly http: GraphHttp,
    options: GraphMeetingCalendarOptions = {},
  ) {
    this.defaultTimeZone = options.defaultTimeZone ?? "Europe/Copenhagen";
  }

  async schedule(request: MeetingRequest): Promise<ScheduledMeeting> {
    validate(request);
    if (!request.idempotencyKey.trim()) {
      throw new StoreError("Invalid", "Mødet mangler en nøgle mod dobbeltoprettelse.", {
        field: "idempotencyKey",
      });
    }
    const online = request.online ?? true;
    const created = await this.http.post<GraphEvent>("/me/events", {
      ...toGraph(request, request.timeZone),
      isOnlineMeeting: online,
      ...(online ? { onlineMeetingProvider: "teamsForBusiness" } : {}),
      transactionId: request.idempotencyKey,
    });
    let meeting = fromGraph(created);
    if (online && !meeting.joinUrl) {
      // Graph can answer 201 before Teams has provisioned the meeting (PLATFORM.md, Meetings):
      // read it once more; if the link is still missing the caller sees joinUrl undefined.
      meeting = await this.get(meeting.id);
    }
    return meeting;
  }

  /**
   * PATCH with `If-Match: W/"<changeKey>"`, so Graph refuses (412 → `Conflict`) a change to a
   * meeting someone else changed since it was read
   * (https://learn.microsoft.com/graph/api/event-update).
   */
  async update(
    id: CalendarEventId,
    changes: MeetingChanges,
    version: { changeKey: string },
  ): Promise<ScheduledMeeting> {
    if (!version.changeKey.trim()) {
      throw new StoreError("Invalid", "Mødets version (changeKey) mangler; læs mødet igen.", {
        field: "changeKey",
      });
    }
    const timeZone = changes.timeZone ?? this.defaultTimeZone;
    validate({ ...changes, timeZone });
    if (changes.start && changes.end && changes.end <= changes.start) {
      throw new StoreError("Invalid", "Mødet skal slutte efter det starter.", { field: "end" });
    }
    const updated = await this.http.patch<GraphEvent>(
      `/me/events/${encodeURIComponent(id)}`,
      toGraph(changes, timeZone),
      { "If-Match": `W/"${version.changeKey}"` },
    );
    return fromGraph(updated);
  }

  async cancel(id: CalendarEventId, message: string): Promise<void> {
    await this.http.post(`/me/events/${encodeURIComponent(id)}/cancel`, { Comment: message });
  }

  async get(id: CalendarEventId): Promise<ScheduledMeeting> {
    return fromGraph(
      await this.http.get<GraphEvent>(`/me/events/${encodeURIComponent(id)}`, UTC_PREFERENCE),
    );
  }

  async listBetween(from: IsoDateTime, to: IsoDateTime): Promise<ScheduledMeeting[]> {
    const utc = (iso: IsoDateTime) => new Date(iso).toISOString().slice(0, 19);
    const filter = `start/dateTime ge '${utc(from)}' and start/dateTime lt '${utc(to)}'`;
    const path = `/me/events?$filter=${encodeURIComponent(filter)}&$orderby=${encodeURIComponent("start/dateTime")}&$top=50`;
    const events = await this.http.all<GraphEvent>(path, Infinity, UTC_PREFERENCE);
    return events.map(fromGraph);
  }
}

function validate(r: Partial<MeetingRequest>): void {
  if (r.subject !== undefined && !r.subject.trim()) {
    throw new StoreError("Invalid", "Mødet skal have en titel.", { field: "subject" });
  }
  for (const [field, value] of [
    ["start", r.start],
    ["end", r.end],
  ] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      throw new StoreError(
        "Invalid",
        `Mødets ${field === "start" ? "start" : "slut"} er ikke et gyldigt tidspunkt.`,
        { field },
      );
    }
  }
  if (r.start !== undefined && r.end !== undefined && Date.parse(r.end) <= Date.parse(r.start)) {
    throw new StoreError("Invalid", "Mødet skal slutte efter det starter.", { field: "end" });
  }
  if (r.timeZone !== undefined && !ianaZone(r.timeZone)) {
    throw new StoreError("Invalid", `Ukendt tidszone: ${r.timeZone}.`, { field: "timeZone" });
  }
  for (const a of r.attendees ?? []) {
    if (!EMAIL.test(a.email)) {
      throw new StoreError("Invalid", `Ugyldig e-mailadresse på deltager: ${a.email}`, {
        field: "attendees",
      });
    }
  }
  if (r.recurrence) {
    const { interval, count, until } = r.recurrence;
    if (!Number.isInteger(interval) || interval < 1) {
      throw new StoreError("Invalid", "Gentagelsens interval skal være et helt tal på mindst 1.", {
        field: "recurrence",
      });
    }
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
      throw new StoreError("Invalid", "Antal gentagelser skal være mindst 1.", {
        field: "recurrence",
      });
    }
    if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until)) {
      throw new StoreError("Invalid", "Gentagelsens slutdato skal være en dato (åååå-mm-dd).", {
        field: "recurrence",
      });
    }
  }
}

function toGraph(r: MeetingChanges, timeZone: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.subject !== undefined) out.subject = r.subject;
  if (r.agendaHtml !== undefined) out.body = { contentType: "html", content: r.agendaHtml };
  if (r.start !== undefined)
    out.start = { dateTime: toWallClock(r.start, timeZone).dateTime, timeZone };
  if (r.end !== undefined) out.end = { dateTime: toWallClock(r.end, timeZone).dateTime, timeZone };
  if (r.location !== undefined) out.location = { displayName: r.location };
  if (r.attendees !== undefined) {
    out.attendees = r.attendees.map((a) => ({
      type: a.optional ? "optional" : "required",
      emailAddress: { address: a.email, ...(a.name ? { name: a.name } : {}) },
    }));
  }
  if (r.recurrence !== undefined) {
    if (r.start === undefined) {
      throw new StoreError("Invalid", "En gentagelse kræver mødets start.", {
        field: "recurrence",
      });
    }
    out.recurrence = toGraphRecurrence(r.recurrence, r.start, timeZone);
  }
  return out;
}

/**
 * Recurrence: https://learn.microsoft.com/graph/api/resources/patternedrecurrence. A
 * quarterly series is `absoluteMonthly` with `interval: 3` on the start's day of month.
 */
function toGraphRecurrence(r: MeetingRecurrence, start: IsoDateTime, timeZone: string): unknown {
  const wall = toWallClock(start, timeZone);
  const pattern =
    r.every === "day"
      ? { type: "daily", interval: r.interval }
      : r.every === "week"
        ? {
            type: "weekly",
            interval: r.interval,
            daysOfWeek: (r.weekdays ?? [wall.weekday]).map((d) => DAY_NAMES[d]),
            firstDayOfWeek: "monday",
          }
        : { type: "absoluteMonthly", interval: r.interval, dayOfMonth: wall.day };
  const range =
    r.until !== undefined
      ? { type: "endDate", startDate: wall.date, endDate: r.until }
      : r.count !== undefined
        ? { type: "numbered", startDate: wall.date, numberOfOccurrences: r.count }
        : { type: "noEnd", startDate: wall.date };
  return { pattern, range: { ...range, recurrenceTimeZone: timeZone } };
}

function fromGraphRecurrence(r: GraphEvent["recurrence"]): MeetingRecurrence | undefined {
  if (!r) return undefined;
  const every: MeetingRecurrence["every"] =
    r.pattern.type === "daily" ? "day" : r.pattern.type === "weekly" ? "week" : "month";
  const out: MeetingRecurrence = { every, interval: r.pattern.interval };
  if (every === "week" && r.pattern.daysOfWeek?.length) {
    out.weekdays = r.pattern.daysOfWeek.map((d) => DAY_NAMES.indexOf(d.toLowerCase()));
  }
  if (r.range.type === "endDate" && r.range.endDate) out.until = r.range.endDate;
  if (r.range.type === "numbered" && r.range.numberOfOccurrences)
    out.count = r.range.numberOfOccurrences;
  return out;
}

/** Exchange returns HTML bodies as a whole document; the agenda is what is inside `<body>`. */
function agendaOf(body: GraphEvent["body"]): string {
  const content = body?.content ?? "";
  const inner = /<body[^>]*>([\s\S]*)<\/body>/i.exec(content)?.[1] ?? content;
  return inner.replace(/^\s+|\s+$/g, "");
}

function fromGraph(e: GraphEvent): ScheduledMeeting {
  const attendees: MeetingAttendee[] = (e.attendees ?? []).map((a) => ({
    email: a.emailAddress?.address ?? "",
    ...(a.emailAddress?.name ? { name: a.emailAddress.name } : {}),
    ...(a.type === "optional" ? { optional: true } : {}),
  }));
  const joinUrl = e.onlineMeeting?.joinUrl ?? undefined;
  const recurrence = fromGraphRecurrence(e.recurrence);
  return {
    id: e.id as CalendarEventId,
    subject: e.subject ?? "",
    agendaHtml: agendaOf(e.body),
    start: fromWallClock(e.start.dateTime, e.start.timeZone),
    end: fromWallClock(e.end.dateTime, e.end.timeZone),
    timeZone: e.originalStartTimeZone ?? e.start.timeZone,
    attendees,
    location: e.location?.displayName ?? "",
    organizerEmail: e.organizer?.emailAddress?.address ?? "",
    online: e.isOnlineMeeting === true,
    ...(joinUrl ? { joinUrl } : {}),
    ...(recurrence ? { recurrence } : {}),
    isCancelled: e.isCancelled === true,
    changeKey: e.changeKey ?? "",
    ...(e.webLink ? { webLink: e.webLink } : {}),
  };
}
