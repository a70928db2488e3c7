/**
 * The decision log holds the decisions of approved minutes: a meeting whose state says its
 * minutes are approved and which has the chair's approval (an item in MinutesApprovals, a list
 * only Formand can write). Decisions of minutes not yet approved are drafts: shown only when the
 * secretary or the chair asks for them, and marked as drafts.
 */
import type { Stored } from "../../src/domain/common.js";
import { idOf, type MeetingId, versionOf } from "../../src/domain/ids.js";
import {
  approvedMinutesMeetings,
  decisionLogEntries,
  mayShowDraftDecisions,
} from "../../src/domain/meeting-plan.js";
import type { Decision } from "../../src/domain/meetings.js";
import type { MeetingState } from "../../src/domain/vocabulary.js";
import { aDecision, aRef } from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";

const decision = (id: number, meeting: number | null) =>
  ({
    ...aDecision({ title: `B${id}`, meeting: meeting === null ? null : aRef(meeting) }),
    id,
    version: versionOf('"1"'),
  }) as unknown as Stored<ReturnType<typeof aDecision>, never> as unknown as Decision;

const meetings: { id: MeetingId; state: MeetingState }[] = [
  { id: idOf<MeetingId>(1), state: "Referat udsendt" },
  { id: idOf<MeetingId>(2), state: "Referat godkendt" },
  { id: idOf<MeetingId>(3), state: "Afholdt" },
  // Says approved, but the chair never approved (a forged state): not approved.
  { id: idOf<MeetingId>(4), state: "Referat udsendt" },
];
const approvals = [{ meeting: aRef(1) }, { meeting: aRef(2) }, { meeting: aRef(3) }];

describe("which meetings' minutes are approved", () => {
  test("the state says so and the chair's approval exists", () => {
    expect([...approvedMinutesMeetings(meetings, approvals)].sort()).toEqual([1, 2]);
  });
});

describe("the decision log's entries", () => {
  const decisions = [
    decision(10, 1),
    decision(11, 2),
    decision(12, 3),
    decision(13, 4),
    decision(14, null),
  ];
  const approved = approvedMinutesMeetings(meetings, approvals);

  test("only decisions of approved minutes by default", () => {
    expect(
      decisionLogEntries(decisions, approved, false).map((e) => [e.decision.id, e.draft]),
    ).toEqual([
      [10, false],
      [11, false],
    ]);
  });

  test("with drafts asked for, every decision, the drafts marked", () => {
    expect(
      decisionLogEntries(decisions, approved, true).map((e) => [e.decision.id, e.draft]),
    ).toEqual([
      [10, false],
      [11, false],
      [12, true],
      [13, true],
      [14, true],
    ]);
  });
});

describe("who may ask for drafts", () => {
  test.each([
    { who: me(secretary, "secretary"), may: true },
    { who: me(chair, "chair"), may: true },
    { who: me(member, "member"), may: false },
  ])("$who.roles → $may", ({ who, may }) => {
    expect(mayShowDraftDecisions(who)).toBe(may);
  });
});
