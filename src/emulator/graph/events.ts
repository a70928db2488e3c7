import { randomBytes } from "node:crypto";

import type { ApiDeps } from "../api.js";
import { type DemoGroup, type DemoUser, TENANT_ID } from "../directory.js";
import { header, type HttpResponse } from "../http.js";
import { sql } from "../store.js";
import {
  fail,
  type GraphRequest,
  isRecord,
  jsonBody,
  key,
  metadata,
  ok,
  page,
  project,
  selectOf,
  str,
  topOf,
} from "./context.js";
import { compileFilter, FilterSyntaxError } from "./odata-filter.js";
import { findUserByMail, groupMail } from "./people.js";
import { isKnownTimeZone, normalizeWallClock, toUtcIso } from "./timezones.js";

/**
 * Calendar events of the local Graph: users' and groups' calendars, attendees' copies,
 * online meetings, recurrence, `transactionId`, and the notices attendees receive.
 * Resource: https://learn.microsoft.com/graph/api/resources/event
 */

/** Whose calendar a request addresses: a user's own, or a Microsoft 365 group's. */
export type CalendarOwner = { kind: "user"; user: DemoUser } | { kind: "group"; group: DemoGroup };

interface EventRow {
  seq: number;
  id: string;
  calendar: string;
  master_id: string | null;
  transaction_id: string | null;
  start_utc: string;
  end_utc: string;
  data: string;
}

type EventData = Record<string, unknown>;

export type NoticeKind = "created" | "updated" | "cancelled";

const ATTENDEE_TYPES = new Set(["required", "optional", "resource"]);
const PATTERN_TYPES = new Set([
  "daily",
  "weekly",
  "absoluteMonthly",
  "relativeMonthly",
  "absoluteYearly",
  "relativeYearly",
]);
const RANGE_TYPES = new Set(["endDate", "noEnd", "numbered"]);
const DAYS = new Set([
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Properties a PATCH may change (others are read-only on the event resource). */
const WRITABLE = new Set([
  "subject",
  "body",
  "start",
  "end",
  "location",
  "locations",
  "attendees",
  "recurrence",
  "isOnlineMeeting",
  "onlineMeetingProvider",
  "importance",
  "sensitivity",
  "showAs",
  "categories",
  "reminderMinutesBeforeStart",
  "isReminderOn",
  "responseRequested",
  "allowNewTimeProposals",
  "hideAttendees",
  "isAllDay",
]);

/** Fields an attendee's copy follows from the organizer's event. */
const SHARED = [
  "subject",
  "body",
  "bodyPreview",
  "start",
  "end",
  "location",
  "locations",
  "attendees",
  "recurrence",
  "type",
  "isOnlineMeeting",
  "onlineMeetingProvider",
  "onlineMeeting",
  "importance",
  "sensitivity",
  "isAllDay",
  "originalStartTimeZone",
  "originalEndTimeZone",
];

function newEventId(): string {
  // Exchange item ids are long base64 strings starting "AAMk"; url-safe here so they can sit
  // in a path segment unescaped.
  return `AAMkAD${randomBytes(30).toString("base64url")}`;
}

function newChangeKey(): string {
  return randomBytes(12).toString("base64");
}

function graphNow(now: Date): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

function invalid(message: string): never {
  fail(400, "ErrorInvalidRequest", message);
}

function dateTimeTimeZone(v: unknown, name: string): { dateTime: string; timeZone: string } {
  if (!isRecord(v)) invalid(`'${name}' must be a dateTimeTimeZone with dateTime and timeZone.`);
  const dt = str(v.dateTime);
  const tz = str(v.timeZone) ?? "UTC";
  const wall = dt === undefined ? undefined : normalizeWallClock(dt);
  if (!wall) invalid(`'${name}.dateTime' is not a valid date-time: '${String(v.dateTime)}'.`);
  if (!isKnownTimeZone(tz)) {
    fail(
      400,
      "TimeZoneNotSupportedException",
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${tz}'.`,
    );
  }
  return { dateTime: wall, timeZone: tz };
}

function itemBody(v: unknown): { contentType: "html" | "text"; content: string } {
  if (!isRecord(v)) invalid("'body' must be an itemBody with contentType and content.");
  const type = (str(v.contentType) ?? "text").toLowerCase();
  if (type !== "html" && type !== "text") {
    fail(
      400,
      "RequestBodyRead",
      `Cannot convert the literal '${type}' to the expected type 'microsoft.graph.bodyType'.`,
    );
  }
  const content = str(v.content) ?? "";
  if (type === "text") return { contentType: "text", content };
  // Exchange stores HTML bodies as a whole document and returns them that way.
  const wrapped = /<html[\s>]/i.test(content)
    ? content
    : `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${content}\r\n</body>\r\n</html>\r\n`;
  return { contentType: "html", content: wrapped };
}

function previewOf(body: { contentType: string; content: string }): string {
  const text =
    body.contentType === "html"
      ? body.content
          .replace(/<head[\s\S]*?<\/head>/gi, "")
          .replace(/<[^>]*>/g, " ")
          .replace(/&nbsp;/g, " ")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&")
      : body.content;
  return text.replace(/\s+/g, " ").trim().slice(0, 255);
}

function attendeesOf(v: unknown): Record<string, unknown>[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) invalid("'attendees' must be an array.");
  return v.map((a, i) => {
    if (!isRecord(a) || !isRecord(a.emailAddress))
      invalid(`attendees[${i}] needs an emailAddress.`);
    const address = str(a.emailAddress.address)?.trim();
    if (!address || !/^[^@\s]+@[^@\s]+$/.test(address)) {
      fail(
        400,
        "ErrorInvalidRecipients",
        `At least one recipient isn't valid: '${address ?? ""}'.`,
      );
    }
    const type = str(a.type) ?? "required";
    if (!ATTENDEE_TYPES.has(type)) {
      fail(
        400,
        "RequestBodyRead",
        `Cannot convert the literal '${type}' to the expected type 'microsoft.graph.attendeeType'.`,
      );
    }
    const known = findUserByMail(address);
    return {
      type,
      status: { response: "none", time: "0001-01-01T00:00:00Z" },
      emailAddress: { name: str(a.emailAddress.name) ?? known?.displayName ?? address, address },
    };
  });
}

function locationOf(v: unknown): Record<string, unknown> {
  const displayName = isRecord(v) ? (str(v.displayName) ?? "") : "";
  return {
    displayName,
    locationType: "default",
    uniqueIdType: displayName ? "private" : "unknown",
    address: {},
    coordinates: {},
  };
}

function recurrenceOf(v: unknown, startTimeZone: string): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (!isRecord(v) || !isRecord(v.pattern) || !isRecord(v.range)) {
    invalid("'recurrence' needs a pattern and a range.");
  }
  const p = v.pattern;
  const r = v.range;
  const type = str(p.type) ?? "";
  if (!PATTERN_TYPES.has(type)) invalid(`Recurrence pattern type '${type}' is not supported.`);
  const interval = p.interval ?? 1;
  if (
    typeof interval !== "number" ||
    !Number.isInteger(interval) ||
    interval < 1 ||
    interval > 999
  ) {
    invalid("Recurrence pattern interval must be a whole number from 1 to 999.");
  }
  const daysOfWeek = Array.isArray(p.daysOfWeek) ? p.daysOfWeek.map(String) : [];
  if (daysOfWeek.some((d) => !DAYS.has(d))) invalid("Recurrence daysOfWeek holds an unknown day.");
  if (type === "weekly" && daysOfWeek.length === 0) {
    invalid("A weekly recurrence needs at least one day in daysOfWeek.");
  }
  const dayOfMonth = typeof p.dayOfMonth === "number" ? p.dayOfMonth : 0;
  if (
    (type === "absoluteMonthly" || type === "absoluteYearly") &&
    (dayOfMonth < 1 || dayOfMonth > 31)
  ) {
    invalid("An absolute monthly or yearly recurrence needs dayOfMonth 1 to 31.");
  }
  const rangeType = str(r.type) ?? "";
  if (!RANGE_TYPES.has(rangeType))
    invalid(`Recurrence range type '${rangeType}' is not supported.`);
  const startDate = str(r.startDate) ?? "";
  if (!DATE.test(startDate)) invalid("Recurrence range needs a startDate (yyyy-MM-dd).");
  const endDate = str(r.endDate) ?? "0001-01-01";
  if (rangeType === "endDate" && (!DATE.test(endDate) || endDate < startDate)) {
    invalid("Recurrence range of type endDate needs an endDate on or after its startDate.");
  }
  const occurrences = typeof r.numberOfOccurrences === "number" ? r.numberOfOccurrences : 0;
  if (rangeType === "numbered" && (!Number.isInteger(occurrences) || occurrences < 1)) {
    invalid("Recurrence range of type numbered needs numberOfOccurrences of at least 1.");
  }
  return {
    pattern: {
      type,
      interval,
      month: typeof p.month === "number" ? p.month : 0,
      dayOfMonth,
      daysOfWeek,
      firstDayOfWeek: str(p.firstDayOfWeek) ?? "sunday",
      index: str(p.index) ?? "first",
    },
    range: {
      type: rangeType,
      startDate,
      endDate,
      recurrenceTimeZone: str(r.recurrenceTimeZone) ?? startTimeZone,
      numberOfOccurrences: occurrences,
    },
  };
}

function joinUrlFor(organizerId: string): string {
  const thread = `19:meeting_${randomBytes(24).toString("base64url")}@thread.v2`;
  const context = JSON.stringify({ Tid: TENANT_ID, Oid: organizerId });
  return `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=${encodeURIComponent(context)}`;
}

export class EventStore {
  /** How many of the next online meetings are answered before their join URL exists. */
  deferJoinUrl = 0;

  constructor(private readonly deps: ApiDeps) {
    deps.db.exec(`
      CREATE TABLE IF NOT EXISTS graph_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        calendar TEXT NOT NULL,
        master_id TEXT,
        transaction_id TEXT,
        start_utc TEXT NOT NULL,
        end_utc TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS graph_events_transaction
        ON graph_events (calendar, transaction_id)
        WHERE transaction_id IS NOT NULL AND master_id IS NULL;
      CREATE INDEX IF NOT EXISTS graph_events_master ON graph_events (master_id);
      CREATE INDEX IF NOT EXISTS graph_events_calendar ON graph_events (calendar, seq);
      CREATE TABLE IF NOT EXISTS graph_event_notices (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        comment TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS graph_event_notices_event ON graph_event_notices (event_id);
    `);
  }

  /** The notices attendees received, oldest first; all events when `eventId` is omitted. */
  notices(eventId?: string): Record<string, unknown>[] {
    const rows = (
      eventId
        ? sql(
            this.deps.db,
            "SELECT * FROM graph_event_notices WHERE event_id = ? ORDER BY seq",
          ).all(eventId)
        : sql(this.deps.db, "SELECT * FROM graph_event_notices ORDER BY seq").all()
    ) as {
      event_id: string;
      kind: string;
      recipient: string;
      subject: string;
      comment: string | null;
      at: string;
    }[];
    return rows.map((r) => ({
      eventId: r.event_id,
      kind: r.kind,
      recipient: r.recipient,
      subject: r.subject,
      comment: r.comment,
      at: r.at,
    }));
  }

  /** Routes `.../events...` for one calendar; `rest` is the path after `events`. */
  handle(req: GraphRequest, owner: CalendarOwner, rest: string[]): HttpResponse | undefined {
    const [id, action, ...more] = rest;
    if (more.length > 0) return undefined;
    if (id === undefined) {
      if (req.method === "GET") return this.list(req, owner);
      if (req.method === "POST") return this.create(req, owner);
      return methodNotAllowed();
    }
    if (action === undefined) {
      if (req.method === "GET") return this.getOne(req, owner, id);
      if (req.method === "PATCH") return this.update(req, owner, id);
      if (req.method === "DELETE") return this.remove(req, owner, id);
      return methodNotAllowed();
    }
    if (action.toLowerCase() === "cancel") {
      if (req.method !== "POST") return methodNotAllowed();
      return this.cancel(req, owner, id);
    }
    return undefined;
  }

  private calendarId(owner: CalendarOwner): string {
    return owner.kind === "user" ? owner.user.id : owner.group.id;
  }

  private contextOf(owner: CalendarOwner): string {
    return owner.kind === "user"
      ? `users(${key(owner.user.id)})/events`
      : `groups(${key(owner.group.id)})/events`;
  }

  private row(owner: CalendarOwner, id: string): EventRow {
    const row = sql(this.deps.db, "SELECT * FROM graph_events WHERE id = ? AND calendar = ?").get(
      id,
      this.calendarId(owner),
    ) as EventRow | undefined;
    if (!row) fail(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    return row;
  }

  private present(req: GraphRequest, data: EventData, select?: string[]): Record<string, unknown> {
    const withTag = { "@odata.etag": `W/"${String(data.changeKey)}"`, ...data };
    return project(withTag, select, ["id"]);
  }

  /** `POST /me/events`, `/users/{id}/events`, `/groups/{id}/events` (https://learn.microsoft.com/graph/api/user-post-events). */
  private create(req: GraphRequest, owner: CalendarOwner): HttpResponse {
    const input = jsonBody(req);
    const calendar = this.calendarId(owner);
    const transactionId = str(input.transactionId) ?? null;
    if (transactionId) {
      // A retried create with the same transactionId answers 201 with the event already made,
      // and makes no second one (transactionId on https://learn.microsoft.com/graph/api/resources/event:
      // "avoid redundant POST operations in case of client retries to create the same event").
      const existing = sql(
        this.deps.db,
        "SELECT * FROM graph_events WHERE calendar = ? AND transaction_id = ? AND master_id IS NULL",
      ).get(calendar, transactionId) as EventRow | undefined;
      if (existing) {
        return ok(201, {
          "@odata.context": metadata(req, `${this.contextOf(owner)}/$entity`),
          ...this.present(req, JSON.parse(existing.data) as EventData),
        });
      }
    }
    if (input.start === undefined || input.end === undefined) {
      invalid("An event needs both 'start' and 'end'.");
    }
    const start = dateTimeTimeZone(input.start, "start");
    const end = dateTimeTimeZone(input.end, "end");
    const startUtc = toUtcIso(start.dateTime, start.timeZone)!;
    const endUtc = toUtcIso(end.dateTime, end.timeZone)!;
    if (endUtc < startUtc) invalid("The event's end must not be before its start.");
    const body =
      input.body === undefined
        ? { contentType: "html" as const, content: "" }
        : itemBody(input.body);
    const attendees = attendeesOf(input.attendees);
    const recurrence = recurrenceOf(input.recurrence, start.timeZone);
    const now = graphNow(this.deps.now());
    const id = newEventId();
    const organizer =
      owner.kind === "user"
        ? { emailAddress: { name: owner.user.displayName, address: owner.user.upn } }
        : { emailAddress: { name: owner.group.displayName, address: groupMail(owner.group) } };
    const organizerId = owner.kind === "user" ? owner.user.id : owner.group.id;
    const isOnlineMeeting = input.isOnlineMeeting === true;
    const provider = isOnlineMeeting
      ? (str(input.onlineMeetingProvider) ?? "teamsForBusiness")
      : "unknown";
    const event: EventData = {
      id,
      createdDateTime: now,
      lastModifiedDateTime: now,
      changeKey: newChangeKey(),
      categories: Array.isArray(input.categories) ? input.categories.map(String) : [],
      transactionId,
      originalStartTimeZone: start.timeZone,
      originalEndTimeZone: end.timeZone,
      iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(24).toString("hex").toUpperCase()}`,
      reminderMinutesBeforeStart:
        typeof input.reminderMinutesBeforeStart === "number"
          ? input.reminderMinutesBeforeStart
          : 15,
      isReminderOn: input.isReminderOn !== false,
      hasAttachments: false,
      subject: str(input.subject) ?? "",
      bodyPreview: previewOf(body),
      importance: str(input.importance) ?? "normal",
      sensitivity: str(input.sensitivity) ?? "normal",
      isAllDay: input.isAllDay === true,
      isCancelled: false,
      isOrganizer: true,
      responseRequested: input.responseRequested !== false,
      seriesMasterId: null,
      showAs: str(input.showAs) ?? "busy",
      type: recurrence ? "seriesMaster" : "singleInstance",
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
      onlineMeetingUrl: null,
      isOnlineMeeting,
      onlineMeetingProvider: provider,
      allowNewTimeProposals: input.allowNewTimeProposals !== false,
      hideAttendees: input.hideAttendees === true,
      recurrence,
      responseStatus: { response: "organizer", time: "0001-01-01T00:00:00Z" },
      body,
      start,
      end,
      location: locationOf(input.location),
      locations: [],
      attendees,
      organizer,
      onlineMeeting: isOnlineMeeting ? { joinUrl: joinUrlFor(organizerId) } : null,
    };
    const write = this.deps.db.transaction(() => {
      this.insert(event, calendar, null, transactionId, startUtc, endUtc);
      this.syncCopies(event, organizer.emailAddress.address, startUtc, endUtc);
      this.notify(id, String(event.subject), attendees, "created");
    });
    write();
    let answer = event;
    if (isOnlineMeeting && this.deferJoinUrl > 0) {
      // Graph may answer the create before Teams has provisioned the meeting: 201 without
      // onlineMeeting.joinUrl (PLATFORM.md, Meetings); a later GET has it.
      this.deferJoinUrl -= 1;
      answer = { ...event, onlineMeeting: null };
    }
    return ok(201, {
      "@odata.context": metadata(req, `${this.contextOf(owner)}/$entity`),
      ...this.present(req, answer),
    });
  }

  private insert(
    event: EventData,
    calendar: string,
    masterId: string | null,
    transactionId: string | null,
    startUtc: string,
    endUtc: string,
  ): void {
    sql(
      this.deps.db,
      "INSERT INTO graph_events (id, calendar, master_id, transaction_id, start_utc, end_utc, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).run(
      String(event.id),
      calendar,
      masterId,
      transactionId,
      startUtc,
      endUtc,
      JSON.stringify(event),
    );
  }

  /**
   * Attendees who are people of this tenant get the meeting in their own calendar, as Exchange
   * delivers invitations; their copy follows the organizer's changes.
   */
  private syncCopies(
    master: EventData,
    organizerAddress: string,
    startUtc: string,
    endUtc: string,
  ): void {
    const masterId = String(master.id);
    const existing = sql(this.deps.db, "SELECT * FROM graph_events WHERE master_id = ?").all(
      masterId,
    ) as EventRow[];
    const attendees = (master.attendees as Record<string, unknown>[]).map((a) =>
      String((a.emailAddress as Record<string, unknown>).address).toLowerCase(),
    );
    const wanted = new Map<string, DemoUser>();
    for (const address of attendees) {
      const u = findUserByMail(address);
      if (u && u.upn.toLowerCase() !== organizerAddress.toLowerCase()) wanted.set(u.id, u);
    }
    const now = graphNow(this.deps.now());
    for (const row of existing) {
      const copy = JSON.parse(row.data) as EventData;
      if (wanted.has(row.calendar)) {
        for (const k of SHARED) copy[k] = master[k];
        copy.lastModifiedDateTime = now;
        copy.changeKey = newChangeKey();
        sql(
          this.deps.db,
          "UPDATE graph_events SET data = ?, start_utc = ?, end_utc = ? WHERE id = ?",
        ).run(JSON.stringify(copy), startUtc, endUtc, row.id);
        wanted.delete(row.calendar);
      } else if (copy.isCancelled !== true) {
        // Removed from the meeting: their copy is cancelled, as the removal notice says.
        copy.isCancelled = true;
        copy.subject = `Aflyst: ${String(copy.subject)}`;
        copy.lastModifiedDateTime = now;
        copy.changeKey = newChangeKey();
        sql(this.deps.db, "UPDATE graph_events SET data = ? WHERE id = ?").run(
          JSON.stringify(copy),
          row.id,
        );
      }
    }
    for (const u of wanted.values()) {
      const copy: EventData = {
        ...master,
        id: newEventId(),
        changeKey: newChangeKey(),
        transactionId: null,
        isOrganizer: false,
        responseStatus: { response: "notResponded", time: "0001-01-01T00:00:00Z" },
      };
      copy.webLink = `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(String(copy.id))}&exvsurl=1&path=/calendar/item`;
      this.insert(copy, u.id, masterId, null, startUtc, endUtc);
    }
  }

  private notify(
    eventId: string,
    subject: string,
    attendees: Record<string, unknown>[],
    kind: NoticeKind,
    comment?: string,
  ): void {
    const at = this.deps.now().toISOString();
    const insert = sql(
      this.deps.db,
      "INSERT INTO graph_event_notices (event_id, kind, recipient, subject, comment, at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const a of attendees) {
      const address = String((a.emailAddress as Record<string, unknown>).address);
      insert.run(eventId, kind, address, subject, comment ?? null, at);
    }
  }

  /** `GET /me/events` (https://learn.microsoft.com/graph/api/user-list-events). */
  private list(req: GraphRequest, owner: CalendarOwner): HttpResponse {
    const rows = sql(
      this.deps.db,
      "SELECT * FROM graph_events WHERE calendar = ? ORDER BY seq",
    ).all(this.calendarId(owner)) as EventRow[];
    // Filters and sorts on start/end read the instant in UTC, as Graph does without a
    // Prefer: outlook.timezone header.
    let items = rows.map((r) => {
      const data = JSON.parse(r.data) as EventData;
      const view: EventData = {
        ...data,
        start: { dateTime: r.start_utc, timeZone: "UTC" },
        end: { dateTime: r.end_utc, timeZone: "UTC" },
      };
      return { data, view };
    });
    const filter = req.query.get("$filter");
    if (filter) {
      let f: (row: Record<string, unknown>) => boolean;
      try {
        f = compileFilter(filter);
      } catch (e) {
        if (e instanceof FilterSyntaxError)
          fail(400, "BadRequest", `Invalid filter clause: ${e.message}`);
        throw e;
      }
      items = items.filter((i) => f(i.view));
    }
    const orderby = req.query.get("$orderby");
    if (orderby) {
      const keys = orderby.split(",").map((part) => {
        const [path = "", dir = "asc"] = part.trim().split(/\s+/);
        return { path: path.split("/"), desc: dir.toLowerCase() === "desc" };
      });
      const at = (o: EventData, path: string[]): string => {
        const v = path.reduce<unknown>((acc, p) => (isRecord(acc) ? acc[p] : undefined), o);
        return typeof v === "string" || typeof v === "number" || typeof v === "boolean"
          ? String(v)
          : "";
      };
      items.sort((a, b) => {
        for (const k of keys) {
          const x = at(a.view, k.path);
          const y = at(b.view, k.path);
          const c = x < y ? -1 : x > y ? 1 : 0;
          if (c !== 0) return k.desc ? -c : c;
        }
        return 0;
      });
    }
    const skipRaw = req.query.get("$skip") ?? "0";
    const offset = Number(skipRaw);
    if (!Number.isInteger(offset) || offset < 0)
      fail(400, "BadRequest", `Invalid $skip value '${skipRaw}'.`);
    const select = selectOf(req);
    const { value, nextLink } = page(req, items, {
      pageSize: topOf(req, 10, 1000),
      offset,
      paging: "$skip",
    });
    return ok(200, {
      "@odata.context": metadata(
        req,
        `${this.contextOf(owner)}${select ? `(${select.join(",")})` : ""}`,
      ),
      ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
      value: value.map((i) => this.present(req, i.data, select)),
    });
  }

  /** `GET /me/events/{id}` (https://learn.microsoft.com/graph/api/event-get). */
  private getOne(req: GraphRequest, owner: CalendarOwner, id: string): HttpResponse {
    const row = this.row(owner, id);
    return ok(200, {
      "@odata.context": metadata(req, `${this.contextOf(owner)}/$entity`),
      ...this.present(req, JSON.parse(row.data) as EventData, selectOf(req)),
    });
  }

  /**
   * `PATCH /me/events/{id}` (https://learn.microsoft.com/graph/api/event-update). With
   * `If-Match` (see {@link requireCurrentVersion}) a stale version is refused with 412 and the
   * event is left as it was; without it the change is applied, as Graph does.
   */
  private update(req: GraphRequest, owner: CalendarOwner, id: string): HttpResponse {
    const input = jsonBody(req);
    const row = this.row(owner, id);
    const event = JSON.parse(row.data) as EventData;
    requireCurrentVersion(req, event);
    const isOrganizerCopy = row.master_id === null;
    if (event.isCancelled === true) invalid("A cancelled meeting can't be changed.");
    const before = (event.attendees as Record<string, unknown>[]).map((a) =>
      String((a.emailAddress as Record<string, unknown>).address).toLowerCase(),
    );
    for (const [k, v] of Object.entries(input)) {
      if (!WRITABLE.has(k)) continue;
      if (
        !isOrganizerCopy &&
        k !== "categories" &&
        k !== "showAs" &&
        k !== "isReminderOn" &&
        k !== "reminderMinutesBeforeStart"
      ) {
        // Only the organizer changes the meeting itself; an attendee's copy keeps their own settings.
        fail(403, "ErrorAccessDenied", "Only the organizer can change the meeting.");
      }
      if (k === "start" || k === "end") event[k] = dateTimeTimeZone(v, k);
      else if (k === "body") {
        event.body = itemBody(v);
        event.bodyPreview = previewOf(event.body as { contentType: string; content: string });
      } else if (k === "attendees") event.attendees = attendeesOf(v);
      else if (k === "location") event.location = locationOf(v);
      else if (k === "recurrence") {
        event.recurrence = recurrenceOf(v, (event.start as { timeZone: string }).timeZone);
        event.type = event.recurrence ? "seriesMaster" : "singleInstance";
      } else if (k === "isOnlineMeeting") {
        event.isOnlineMeeting = v === true;
        if (v === true && !event.onlineMeeting) {
          event.onlineMeeting = {
            joinUrl: joinUrlFor(owner.kind === "user" ? owner.user.id : owner.group.id),
          };
          event.onlineMeetingProvider = "teamsForBusiness";
        }
      } else event[k] = v;
    }
    const start = event.start as { dateTime: string; timeZone: string };
    const end = event.end as { dateTime: string; timeZone: string };
    event.originalStartTimeZone = start.timeZone;
    event.originalEndTimeZone = end.timeZone;
    const startUtc = toUtcIso(start.dateTime, start.timeZone)!;
    const endUtc = toUtcIso(end.dateTime, end.timeZone)!;
    if (endUtc < startUtc) invalid("The event's end must not be before its start.");
    event.lastModifiedDateTime = graphNow(this.deps.now());
    event.changeKey = newChangeKey();
    const write = this.deps.db.transaction(() => {
      sql(
        this.deps.db,
        "UPDATE graph_events SET data = ?, start_utc = ?, end_utc = ? WHERE id = ?",
      ).run(JSON.stringify(event), startUtc, endUtc, id);
      if (!isOrganizerCopy) return;
      const organizer = (event.organizer as { emailAddress: { address: string } }).emailAddress
        .address;
      this.syncCopies(event, organizer, startUtc, endUtc);
      const attendees = event.attendees as Record<string, unknown>[];
      const address = (a: Record<string, unknown>) =>
        String((a.emailAddress as Record<string, unknown>).address).toLowerCase();
      const now = new Set(attendees.map(address));
      const subject = String(event.subject);
      this.notify(
        id,
        subject,
        attendees.filter((a) => before.includes(address(a))),
        "updated",
      );
      this.notify(
        id,
        subject,
        attendees.filter((a) => !before.includes(address(a))),
        "created",
      );
      const removed = before
        .filter((a) => !now.has(a))
        .map((a) => ({ emailAddress: { address: a } }));
      this.notify(id, subject, removed, "cancelled");
    });
    write();
    return ok(200, {
      "@odata.context": metadata(req, `${this.contextOf(owner)}/$entity`),
      ...this.present(req, event),
    });
  }

  /** Marks attendees' copies cancelled and tells every attendee. */
  private cancelForAttendees(event: EventData, comment: string | undefined): void {
    const now = graphNow(this.deps.now());
    const copies = sql(this.deps.db, "SELECT * FROM graph_events WHERE master_id = ?").all(
      String(event.id),
    ) as EventRow[];
    for (const row of copies) {
      const copy = JSON.parse(row.data) as EventData;
      copy.isCancelled = true;
      copy.subject = `Aflyst: ${String(copy.subject)}`;
      copy.lastModifiedDateTime = now;
      copy.changeKey = newChangeKey();
      sql(this.deps.db, "UPDATE graph_events SET data = ? WHERE id = ?").run(
        JSON.stringify(copy),
        row.id,
      );
    }
    this.notify(
      String(event.id),
      String(event.subject),
      event.attendees as Record<string, unknown>[],
      "cancelled",
      comment,
    );
  }

  /**
   * `POST /me/events/{id}/cancel` with `{ Comment }` → 202: attendees are told and their copies
   * show `isCancelled`; the meeting leaves the organizer's calendar
   * (https://learn.microsoft.com/graph/api/event-cancel).
   */
  private cancel(req: GraphRequest, owner: CalendarOwner, id: string): HttpResponse {
    const input = req.body.length > 0 ? jsonBody(req) : {};
    const row = this.row(owner, id);
    if (row.master_id !== null) {
      fail(
        400,
        "ErrorAccessDenied",
        "Your request can't be completed. You need to be an organizer to cancel a meeting.",
      );
    }
    const event = JSON.parse(row.data) as EventData;
    const comment = str(input.Comment) ?? str(input.comment);
    this.deps.db.transaction(() => {
      this.cancelForAttendees(event, comment);
      sql(this.deps.db, "DELETE FROM graph_events WHERE id = ?").run(id);
    })();
    return { status: 202 };
  }

  /**
   * `DELETE /me/events/{id}` → 204. Deleting a meeting from the organizer's calendar sends
   * attendees a cancellation (https://learn.microsoft.com/graph/api/event-delete). With
   * `If-Match` (see {@link requireCurrentVersion}) a stale version is refused with 412 and
   * nothing is deleted.
   */
  private remove(req: GraphRequest, owner: CalendarOwner, id: string): HttpResponse {
    const row = this.row(owner, id);
    const event = JSON.parse(row.data) as EventData;
    requireCurrentVersion(req, event);
    this.deps.db.transaction(() => {
      if (row.master_id === null && event.isCancelled !== true)
        this.cancelForAttendees(event, undefined);
      sql(this.deps.db, "DELETE FROM graph_events WHERE id = ?").run(id);
    })();
    return { status: 204 };
  }
}

/**
 * Optimistic concurrency on an Outlook item: an `If-Match` header names the version the client
 * edits, as the event's `@odata.etag` (`W/"<changeKey>"`), its bare `changeKey`, or `*` (any
 * version). When it names another version than the current one the request fails with
 * 412 `ErrorIrresolvableConflict` (Graph's error shape, https://learn.microsoft.com/graph/errors)
 * and nothing is changed; without the header the request applies to whatever version is current.
 * The change key identifies one version of an item and changes with every change
 * (https://learn.microsoft.com/graph/api/resources/event, `changeKey`;
 * https://learn.microsoft.com/exchange/client-developer/web-service-reference/itemid, `ChangeKey`);
 * updates: https://learn.microsoft.com/graph/api/event-update.
 */
function requireCurrentVersion(req: GraphRequest, event: EventData): void {
  const ifMatch = header(req.headers, "If-Match");
  if (ifMatch === undefined) return;
  const current = String(event.changeKey);
  const matches = ifMatch.split(",").some((raw) => {
    const tag = raw.trim();
    if (tag === "*") return true;
    const weak = /^W\/"(.*)"$/.exec(tag)?.[1];
    const quoted = /^"(.*)"$/.exec(tag)?.[1];
    return (weak ?? quoted ?? tag) === current;
  });
  if (!matches) {
    fail(
      412,
      "ErrorIrresolvableConflict",
      "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
    );
  }
}

export function methodNotAllowed(): never {
  fail(405, "Request_BadRequest", "The HTTP method is not allowed on this resource.");
}
