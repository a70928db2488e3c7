/**
 * Wall-clock times in a zone and instants, on both sides of the wire: the adapter writes
 * Graph's dateTimeTimeZone, the local Graph sorts and filters by the UTC instant
 * (https://learn.microsoft.com/graph/api/resources/datetimetimezone).
 */
import { fromWallClock, toWallClock } from "../../src/adapters/graph/time.js";
import { normalizeWallClock, toUtcIso } from "../../src/emulator/graph/timezones.js";

describe("time zones", () => {
  test.each([
    ["winter, Copenhagen", "2026-01-15T10:00:00", "Europe/Copenhagen", "2026-01-15T09:00:00.000Z"],
    ["summer, Copenhagen", "2026-06-15T10:00:00", "Europe/Copenhagen", "2026-06-15T08:00:00.000Z"],
    ["Windows name", "2026-06-15T10:00:00", "Romance Standard Time", "2026-06-15T08:00:00.000Z"],
    ["UTC", "2026-06-15T10:00:00", "UTC", "2026-06-15T10:00:00.000Z"],
    ["the day DST starts", "2026-03-29T12:00:00", "Europe/Copenhagen", "2026-03-29T10:00:00.000Z"],
  ])("%s: local %s in %s is %s", (_name, wall, zone, utc) => {
    expect(toUtcIso(wall, zone)).toBe(utc);
    expect(fromWallClock(wall, zone)).toBe(utc);
    expect(toWallClock(utc, zone).dateTime).toBe(wall);
  });

  test("a quarterly meeting keeps 10:00 local time across daylight saving", () => {
    expect(toWallClock("2026-03-04T09:00:00Z", "Europe/Copenhagen").dateTime).toBe(
      "2026-03-04T10:00:00",
    );
    expect(toWallClock("2026-06-04T08:00:00Z", "Europe/Copenhagen").dateTime).toBe(
      "2026-06-04T10:00:00",
    );
  });

  test("Graph's seven-digit fractions are written, and unknown zones are refused", () => {
    expect(normalizeWallClock("2026-03-04T10:00")).toBe("2026-03-04T10:00:00.0000000");
    expect(normalizeWallClock("2026-03-04T10:00:00.5")).toBe("2026-03-04T10:00:00.5000000");
    expect(normalizeWallClock("4. marts kl. 10")).toBeUndefined();
    expect(toUtcIso("2026-03-04T10:00:00", "Mars/Olympus")).toBeUndefined();
  });
});
