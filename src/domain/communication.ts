/**
 * Value types of the committee's communication through Microsoft 365: meetings in the members'
 * calendars, posts in a team channel, mails, and people of the organisation's directory.
 * Pure data in domain words; the Graph adapters map them to and from the wire.
 */
import type { IsoDateTime } from "./common.js";
import type { Brand } from "./ids.js";

/** A calendar event's id in the organizer's calendar (Graph event id). */
export type CalendarEventId = Brand<string, "CalendarEventId">;
/** A message's id in a team channel. */
export type ChannelMessageId = Brand<string, "ChannelMessageId">;

/** A person in the organisation's directory (not necessarily a user of the portfolio site). */
export interface DirectoryPerson {
  /** The directory's object id. */
  directoryId: string;
  name: string;
  email: string;
  jobTitle?: string;
  department?: string;
}

export interface MeetingAttendee {
  email: string;
  name?: string;
  /** Optional attendees are invited but not expected. */
  optional?: boolean;
}

/** How a meeting repeats. A quarterly series is `{ every: "month", interval: 3 }`. */
export interface MeetingRecurrence {
  every: "day" | "week" | "month";
  interval: number;
  /** For weekly series: the weekdays (0 = Sunday ... 6 = Saturday); default the start's day. */
  weekdays?: number[];
  /** The last date (yyyy-MM-dd, inclusive) or the number of meetings; neither = no end. */
  until?: string;
  count?: number;
}

export interface MeetingRequest {
  subject: string;
  /** The agenda as HTML (already escaped/sanitised by whoever composed it). */
  agendaHtml: string;
  start: IsoDateTime;
  end: IsoDateTime;
  /** The committee's time zone (IANA), used for the invitation's wall-clock times. */
  timeZone: string;
  attendees: MeetingAttendee[];
  location?: string;
  /** Ask for a Teams meeting with a join link (default true). */
  online?: boolean;
  recurrence?: MeetingRecurrence;
  /**
   * A key that makes a retried create return the meeting made the first time instead of
   * making a second one. Use one per intended meeting (e.g. derived from the list item).
   */
  idempotencyKey: string;
}

/** The changes an update may make; omitted fields stay as they are. */
export type MeetingChanges = Partial<
  Pick<
    MeetingRequest,
    | "subject"
    | "agendaHtml"
    | "start"
    | "end"
    | "timeZone"
    | "attendees"
    | "location"
    | "recurrence"
  >
>;

export interface ScheduledMeeting {
  id: CalendarEventId;
  subject: string;
  agendaHtml: string;
  start: IsoDateTime;
  end: IsoDateTime;
  timeZone: string;
  attendees: MeetingAttendee[];
  location: string;
  organizerEmail: string;
  online: boolean;
  /**
   * The Teams join link. Missing when the meeting is not online, or when Teams has not yet
   * provisioned it (then `online` is true and the UI should say the link is missing).
   */
  joinUrl?: string;
  recurrence?: MeetingRecurrence;
  isCancelled: boolean;
  /** Changes whenever the meeting changes. */
  changeKey: string;
  /** Opens the meeting in Outlook on the web. */
  webLink?: string;
}

/** Where a channel post goes. */
export interface ChannelAddress {
  teamId: string;
  channelId: string;
}

export interface ChannelPostRequest {
  /** The post as HTML (the service sanitises it again). */
  html: string;
  subject?: string;
  /** People to @mention: each needs an `<at id="n">Name</at>` in the HTML, n = its index. */
  mentions?: DirectoryPerson[];
}

export interface PostedChannelMessage {
  id: ChannelMessageId;
  postedAt: IsoDateTime;
  webUrl: string;
}

export interface ChannelMessage extends PostedChannelMessage {
  html: string;
  subject?: string;
  author?: { directoryId: string; name: string };
}

export interface MailMessage {
  to: string[];
  cc?: string[];
  subject: string;
  /** The mail body as HTML (already escaped by whoever composed it). */
  html: string;
  /** Keep a copy in the sender's Sent Items (default true). */
  saveToSentItems?: boolean;
  /**
   * Files sent with the mail (Graph fileAttachment). The whole sendMail request must stay under
   * Graph's 4 MB (`checkMailSize` in reports.ts); larger files need an upload session.
   */
  attachments?: MailAttachment[];
}

/** A file attached to a mail. */
export interface MailAttachment {
  name: string;
  /** MIME type, e.g. the .xlsx type. */
  contentType: string;
  bytes: Uint8Array;
}
