/**
 * Instants (UTC) ⇄ Graph's `dateTimeTimeZone` (a wall-clock time and a zone). Graph takes
 * Windows or IANA zone names (https://learn.microsoft.com/graph/api/resources/datetimetimezone)
 * and, without a `Prefer: outlook.timezone` header, answers reads in UTC.
 */

const WINDOWS_TO_IANA: Record<string, string> = {
  "romance standard time": "Europe/Paris",
  "w. europe standard time": "Europe/Berlin",
  "central europe standard time": "Europe/Budapest",
  "gmt standard time": "Europe/London",
  "eastern standard time": "America/New_York",
  "pacific standard time": "America/Los_Angeles",
  utc: "UTC",
};

export function ianaZone(timeZone: string): string | undefined {
  const mapped = WINDOWS_TO_IANA[timeZone.toLowerCase()];
  if (mapped) return mapped;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function wallParts(instant: Date, iana: string): WallParts {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: iana,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    weekday: "short",
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "0";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    second: Number(get("second")),
    weekday: WEEKDAYS.indexOf(get("weekday")),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The wall clock of an instant in a zone: `2025-03-04T10:00:00` plus date and weekday. */
export function toWallClock(
  instant: string,
  timeZone: string,
): { dateTime: string; date: string; weekday: number; day: number } {
  const iana = ianaZone(timeZone);
  if (!iana) throw new RangeError(`Unknown time zone ${timeZone}`);
  const p = wallParts(new Date(instant), iana);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return {
    dateTime: `${date}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`,
    date,
    weekday: p.weekday,
    day: p.day,
  };
}

/** The UTC instant (ISO, `...Z`) of a wall-clock time in a zone. */
export function fromWallClock(dateTime: string, timeZone: string): string {
  const iana = ianaZone(timeZone) ?? "UTC";
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(dateTime);
  if (!m) throw new RangeError(`Not a date-time: ${dateTime}`);
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  const offsetAt = (instant: number) => {
    const p = wallParts(new Date(instant), iana);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant;
  };
  let utc = wall - offsetAt(wall);
  const second = offsetAt(utc);
  if (wall - second !== utc) utc = wall - second;
  return new Date(utc).toISOString();
}
