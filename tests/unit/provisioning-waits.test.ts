/**
 * What `npm run provision` prints about waiting for a throttling SharePoint: the waits since the
 * previous progress line on each line, long waits as they start, and the total at the end.
 */
import {
  ANNOUNCE_WAIT_MS,
  describeWait,
  formatDuration,
  WaitTally,
} from "../../src/provisioning/waits.js";

describe("durations", () => {
  test.each([
    [0, "0 s"],
    [500, "0,5 s"],
    [1000, "1 s"],
    [12_340, "12,3 s"],
    [60_000, "1 min"],
    [125_000, "2 min 5 s"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("the waits in the output", () => {
  test("each progress line tells the waits since the line before, and only those", () => {
    const tally = new WaitTally();
    expect(tally.line("Områder (Areas): oprettet")).toBe("Områder (Areas): oprettet");
    tally.add({ status: 429, waitMs: 1000, attempt: 1, spentMs: 1000 });
    tally.add({ status: 429, waitMs: 2500, attempt: 2, spentMs: 3500 });
    expect(tally.line("Tiltag (Initiatives): oprettet")).toBe(
      "Tiltag (Initiatives): oprettet (ventede 2 gange, 3,5 s)",
    );
    tally.add({ status: 503, waitMs: 0, attempt: 1, spentMs: 0 });
    expect(tally.line("Møder (Meetings): uændret")).toBe(
      "Møder (Meetings): uændret (ventede 1 gang, 0 s)",
    );
    expect(tally.line("Indstillinger (Settings): uændret")).toBe(
      "Indstillinger (Settings): uændret",
    );
    expect(tally.summary()).toBe(
      "Ventede 3 gange på SharePoint, i alt 3,5 s (HTTP 429, HTTP 503).",
    );
  });

  test("a run without waits has no summary", () => {
    expect(new WaitTally().summary()).toBeUndefined();
  });

  test("a long wait is announced with its reason and the attempt that follows", () => {
    expect(ANNOUNCE_WAIT_MS).toBe(5000);
    expect(describeWait({ status: 429, waitMs: 30_000, attempt: 1, spentMs: 30_000 })).toBe(
      "Venter 30 s: SharePoint svarede 429 (for mange forespørgsler); forsøg 2.",
    );
    expect(describeWait({ status: 0, waitMs: 6000, attempt: 2, spentMs: 7000 })).toBe(
      "Venter 6 s: SharePoint svarede ikke; forsøg 3.",
    );
  });
});
