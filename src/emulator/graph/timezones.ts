/**
 * Time zones of Graph's `dateTimeTimeZone`: Windows names ("Romance Standard Time") and IANA
 * names ("Europe/Copenhagen") are both accepted by Graph
 * (https://learn.microsoft.com/graph/api/resources/datetimetimezone). The local Graph keeps
 * the zone the client gave and converts to UTC only to sort and filter.
 */

/** The Windows zones a Danish municipality's clients plausibly send, mapped to IANA. */
const WINDOWS_TO_IANA: Record<string, string> = {
  "romance standard time": "Europe/Paris",
  "w. europe standard time": "Europe/Berlin",
  "central europe standard time": "Europe/Budapest",
  "central european standard time": "Europe/Warsaw",
  "gmt standard time": "Europe/London",
  "greenwich standard time": "Atlantic/Reykjavik",
  "fle standard time": "Europe/Kiev",
  "e. europe standard time": "Europe/Chisinau",
  "greenland standard time": "America/Godthab",
  "eastern standard time": "America/New_York",
  "pacific standard time": "America/Los_Angeles",
  "tokyo standard time": "Asia/Tokyo",
  utc: "UTC",
  "coordinated universal time": "UTC",
};

function ianaOf(timeZone: string): string | undefined {
  const mapped = WINDOWS_TO_IANA[timeZone.toLowerCase()];
  if (mapped) return mapped;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function isKnownTimeZone(timeZone: string): boolean {
  return ianaOf(timeZone) !== undefined;
}

function offsetMs(instant: number, iana: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: iana,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/** Graph writes date-times with seven fractional digits: `2025-03-04T10:00:00.0000000`. */
export function normalizeWallClock(dateTime: string): string | undefined {
  const m = WALL.exec(dateTime.replace(/Z$/, ""));
  if (!m) return undefined;
  const frac = (m[7] ?? "").padEnd(7, "0");
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}.${frac}`;
}

/** The UTC instant of a wall-clock time in a zone, as ISO `...Z`. */
export function toUtcIso(dateTime: string, timeZone: string): string | undefined {
  const iana = ianaOf(timeZone);
  const wall = normalizeWallClock(dateTime);
  if (!iana || !wall) return undefined;
  const guess = Date.parse(`${wall.slice(0, 23)}Z`);
  let utc = guess - offsetMs(guess, iana);
  const second = offsetMs(utc, iana);
  if (guess - second !== utc) utc = guess - second;
  return new Date(utc).toISOString();
}
