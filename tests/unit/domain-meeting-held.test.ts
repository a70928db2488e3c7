/**
 * A meeting's state as of a moment (held once its end has passed, without anyone saving it
 * again), the title a moved meeting gets, and the date an agenda gives a closed round (from the
 * round's closing record, not its planned close).
 */
import { agendaCandidates, type CandidateSources } from "../../src/domain/agenda.js";
import {
  meetingAsOf,
  meetingStateAt,
  meetingTitle,
  titleAfterMove,
} from "../../src/domain/meeting-plan.js";
import { checkApproval } from "../../src/domain/minutes.js";
import type { MeetingState } from "../../src/domain/vocabulary.js";
import { aMeeting } from "../support/builders.js";
import { chair, me } from "../support/builders-lifecycle.js";

const END = "2026-03-10T10:00:00Z";

describe("a meeting whose end has passed is held", () => {
  const cases: { state: MeetingState; now: string; expected: MeetingState }[] = [
    { state: "Planlagt", now: "2026-03-10T09:59:59Z", expected: "Planlagt" },
    { state: "Planlagt", now: "2026-03-10T10:00:00Z", expected: "Afholdt" },
    { state: "Dagsorden udsendt", now: "2026-03-10T09:00:00Z", expected: "Dagsorden udsendt" },
    { state: "Dagsorden udsendt", now: "2026-03-11T00:00:00Z", expected: "Afholdt" },
    { state: "Aflyst", now: "2026-03-11T00:00:00Z", expected: "Aflyst" },
    { state: "Referat godkendt", now: "2026-03-11T00:00:00Z", expected: "Referat godkendt" },
    { state: "Referat udsendt", now: "2026-03-11T00:00:00Z", expected: "Referat udsendt" },
    { state: "Afholdt", now: "2026-03-11T00:00:00Z", expected: "Afholdt" },
  ];
  test.each(cases)("$state at $now reads as $expected", ({ state, now, expected }) => {
    const m = aMeeting({ state, end: END });
    expect(meetingStateAt(m, new Date(now))).toBe(expected);
    expect(meetingAsOf(m, new Date(now)).state).toBe(expected);
  });

  test("the chair may approve a meeting that ended with its agenda sent and was never saved again", () => {
    const m = aMeeting({ state: "Dagsorden udsendt", end: END });
    const asOf = meetingAsOf(m, new Date("2026-03-10T11:00:00Z"));
    expect(checkApproval(asOf, { kind: "none" }, me(chair, "chair")).ok).toBe(true);
  });

  test("the meeting itself is not changed", () => {
    const m = aMeeting({ state: "Planlagt", end: END });
    meetingAsOf(m, new Date("2026-04-01T00:00:00Z"));
    expect(m.state).toBe("Planlagt");
  });
});

describe("a moved meeting's title follows its new date", () => {
  test("a generated title gets the new date", () => {
    expect(
      titleAfterMove(
        meetingTitle("2027-09-14", "Ordinært møde"),
        "2027-09-14T07:00:00Z",
        "2027-09-21T07:00:00Z",
      ),
    ).toBe("Styregruppemøde 21. september 2027");
  });

  test("a date inside a longer title is replaced, in Danish time", () => {
    expect(
      titleAfterMove(
        "Temamøde 1. januar 2027 om data",
        "2026-12-31T23:30:00Z",
        "2027-02-02T08:00:00Z",
      ),
    ).toBe("Temamøde 2. februar 2027 om data");
  });

  test("a title without the old date stays as it is", () => {
    expect(titleAfterMove("Strategiseminar", "2027-09-14T07:00:00Z", "2027-09-21T07:00:00Z")).toBe(
      "Strategiseminar",
    );
  });
});

describe("a closed round on the agenda carries the date it was closed", () => {
  const round = {
    id: 3,
    title: "Runde 2027",
    state: "Lukket" as const,
    closes: "2026-12-15T16:00:00Z",
    meeting: { id: 1, title: "Styregruppemøde" },
    modified: "2026-12-09T12:00:00Z",
    resultJson: JSON.stringify({ closedAt: "2026-12-07T10:00:00Z" }),
  } as unknown as CandidateSources["rounds"][number];

  function reasonOf(r: CandidateSources["rounds"][number]) {
    const sources = {
      meetingId: 1,
      asOf: new Date("2026-12-10T00:00:00Z"),
      readyForDecision: [],
      rounds: [r],
      scenarios: [],
      fundingProposals: [],
      redInitiatives: [],
      overdueReports: [],
      benefits: [],
      measurements: [],
      actions: [],
    } as unknown as CandidateSources;
    return agendaCandidates(sources, [])
      .flatMap((g) => g.candidates)
      .find((c) => c.key === "round:3")?.reason;
  }

  test("the closing record's time, not the planned close", () => {
    expect(reasonOf(round)).toEqual({ kind: "roundClosed", closes: "2026-12-07T10:00:00Z" });
  });

  test("without a closing record, the round's last change (the server's time of the close)", () => {
    expect(reasonOf({ ...round, resultJson: "" })).toEqual({
      kind: "roundClosed",
      closes: "2026-12-09T12:00:00Z",
    });
  });
});
