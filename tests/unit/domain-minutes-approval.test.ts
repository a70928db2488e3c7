/**
 * Four eyes on minutes and one poster at a time: the fingerprint of the minutes (what an edit
 * changes and what it does not), which approvals count (written and last changed by someone in
 * Formand, valid), the status the chair's newest approval gives, a meeting whose state claims
 * an approval it does not have (irregular, naming who wrote it), what approving and posting
 * need, and the posting claim (its own, another's still alive, one left over).
 */
import type { Meeting } from "../../src/domain/meetings.js";
import {
  approvalStatus,
  checkApproval,
  checkApprovals,
  checkPosting,
  claimState,
  editClearsApproval,
  formatClaim,
  type MinutesApprovalStatus,
  type MinutesContent,
  minutesContentHash,
  minutesStanding,
  parseClaim,
  POSTING_CLAIM_TTL_MS,
  postingPending,
} from "../../src/domain/minutes.js";
import { sha256Hex } from "../../src/domain/sha256.js";
import { aPerson, aRef } from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import {
  anApproval,
  aStoredAction,
  aStoredDecision,
  aStoredMeeting,
  aStoredPoint,
  chairRoster,
} from "../support/builders-minutes.js";

const meeting = aStoredMeeting({ id: 1 });
const points = [
  aStoredPoint({ id: 1, title: "Velkomst", sortOrder: 1, kind: "Orientering", minutesText: "" }),
  aStoredPoint({ id: 2, title: "Chatbot", sortOrder: 2, minutesText: "Drøftet.\nVidere." }),
];
const decisions = [
  aStoredDecision({
    id: 7,
    agendaItem: aRef(2, "Chatbot"),
    initiative: aRef(5, "Chatbot"),
    text: "Prioriteres.",
    carriedTo: ["ØU", "CF"],
  }),
];
const actions = [aStoredAction({ id: 3, title: "Business case", decision: aRef(7) })];
const doneAction = { ...actions[0]!, state: "Afsluttet" as const };
const content: MinutesContent = { meeting, items: points, decisions, actions };
const hash = minutesContentHash(content);

describe("SHA-256", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
    ["æøå", "6c228cdba89548a1af198f33819536422fb01b66e51f761cf2ec38d1fb4178a6"],
  ])("of %j is the standard digest", (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });
});

describe("the fingerprint of the minutes", () => {
  it("is sha256 of the content, the same for the same minutes in any order", () => {
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(
      minutesContentHash({
        meeting,
        items: [...points].reverse(),
        decisions,
        actions: [...actions].reverse(),
      }),
    ).toBe(hash);
  });

  it.each<[string, Partial<MinutesContent> | (() => MinutesContent)]>([
    ["a point's text", { items: [points[0]!, { ...points[1]!, minutesText: "Afvist." }] }],
    ["a point's title", { items: [points[0]!, { ...points[1]!, title: "Chatbot 2" }] }],
    ["the points' order", { items: [{ ...points[0]!, sortOrder: 3 }, points[1]!] }],
    ["a point removed", { items: [points[1]!] }],
    ["a decision's text", { decisions: [{ ...decisions[0]!, text: "Afvist." }] }],
    ["a decision's forums", { decisions: [{ ...decisions[0]!, carriedTo: ["ØU"] }] }],
    ["a decision removed", { decisions: [] }],
    ["an action's task", { actions: [{ ...actions[0]!, title: "Noget andet" }] }],
    ["an action's owner", { actions: [{ ...actions[0]!, owner: chair }] }],
    ["an action's due date", { actions: [{ ...actions[0]!, due: "2026-05-01T00:00:00Z" }] }],
    ["the meeting's title", { meeting: { ...meeting, title: "Andet møde" } }],
    ["the meeting's place", { meeting: { ...meeting, location: "Online" } }],
  ])("changes with %s", (_what, change) => {
    const changed = typeof change === "function" ? change() : { ...content, ...change };
    expect(minutesContentHash(changed)).not.toBe(hash);
  });

  it.each<[string, Partial<MinutesContent>]>([
    ["an action's progress", { actions: [doneAction] }],
    [
      "a renamed owner",
      { actions: [{ ...actions[0]!, owner: { ...actions[0]!.owner!, name: "Nyt navn" } }] },
    ],
    [
      "a renamed initiative",
      { decisions: [{ ...decisions[0]!, initiative: aRef(5, "Ny titel") }] },
    ],
    [
      "the same date written differently",
      { meeting: { ...meeting, start: "2026-03-10T08:00:00.000Z" } },
    ],
    [
      "Windows line breaks",
      { items: [points[0]!, { ...points[1]!, minutesText: "Drøftet.\r\nVidere." }] },
    ],
  ])("does not change with %s", (_what, change) => {
    expect(minutesContentHash({ ...content, ...change })).toBe(hash);
  });
});

describe("which approvals count", () => {
  it("only those written and last changed by someone in Formand, valid by the list's rules", () => {
    const good = anApproval({ id: 1, contentHash: hash });
    const bySecretary = anApproval({ id: 2, createdBy: secretary });
    const editedBySecretary = anApproval({ id: 3, modifiedBy: secretary });
    const noHash = anApproval({ id: 4, contentHash: "abc" });
    const anonymous = anApproval({ id: 5, createdBy: null });
    const checked = checkApprovals(
      [good, bySecretary, editedBySecretary, noHash, anonymous],
      chairRoster(),
    );
    expect(checked.valid).toEqual([good]);
    expect(checked.irregular).toEqual([
      expect.objectContaining({
        list: "MinutesApprovals",
        item: 2,
        rule: "minutes.irregular.approvalByNonChair",
        by: secretary,
      }),
      expect.objectContaining({
        item: 3,
        rule: "minutes.irregular.approvalEditedByNonChair",
        by: secretary,
      }),
      expect.objectContaining({ item: 4, rule: "minutes.irregular.approvalInvalid", by: chair }),
      expect.objectContaining({ item: 5, rule: "minutes.irregular.approvalByNonChair", by: null }),
    ]);
    expect(checked.irregular[0]!.params).toEqual({
      meeting: "Styregruppemøde marts",
      meetingId: 1,
    });
  });

  it("a chair's approval stops counting when the person is no longer in Formand", () => {
    const formerChair = aPerson({ id: 99 as never, name: "Tidligere formand" });
    const checked = checkApprovals([anApproval({ createdBy: formerChair })], chairRoster());
    expect(checked.valid).toEqual([]);
    expect(
      checkApprovals([anApproval({ createdBy: formerChair })], chairRoster(formerChair)).valid,
    ).toHaveLength(1);
  });
});

describe("the approval status", () => {
  it.each<[string, ReturnType<typeof anApproval>[], MinutesApprovalStatus["kind"]]>([
    ["no approval", [], "none"],
    ["the chair approved these minutes", [anApproval({ contentHash: hash })], "approved"],
    ["the chair approved other minutes", [anApproval()], "stale"],
    [
      "an older approval matches, the newest does not",
      [
        anApproval({ id: 1, contentHash: hash, created: "2026-03-11T10:00:00Z" }),
        anApproval({ id: 2, created: "2026-03-12T10:00:00Z" }),
      ],
      "stale",
    ],
    [
      "the newest matches",
      [
        anApproval({ id: 1, created: "2026-03-11T10:00:00Z" }),
        anApproval({ id: 2, contentHash: hash, created: "2026-03-12T10:00:00Z" }),
      ],
      "approved",
    ],
  ])("%s → %s", (_what, approvals, kind) => {
    expect(approvalStatus(approvals, hash).kind).toBe(kind);
  });

  it("names the chair from Author and the time the chair gave", () => {
    expect(approvalStatus([anApproval({ contentHash: hash })], hash)).toMatchObject({
      kind: "approved",
      by: chair,
      at: "2026-03-11T10:00:00Z",
    });
  });
});

describe("a meeting's standing", () => {
  const standing = (m: Meeting, approvals: ReturnType<typeof anApproval>[]) =>
    minutesStanding({
      meeting: m,
      approvals,
      content: { items: points, decisions, actions },
      roster: chairRoster(),
    });

  it("approved by the chair, matching: approved, nothing irregular", () => {
    const s = standing({ ...meeting, state: "Referat godkendt" }, [
      anApproval({ contentHash: hash }),
    ]);
    expect(s).toEqual({
      status: expect.objectContaining({ kind: "approved" }) as unknown,
      contentHash: hash,
      irregular: [],
    });
  });

  it("the secretary set Referat godkendt (and an approver) without an approval: irregular, naming the secretary", () => {
    const forged = {
      ...meeting,
      state: "Referat godkendt" as const,
      minutesApprovedBy: chair,
      minutesApprovedAt: "2026-03-11T10:00:00Z",
      modifiedBy: secretary,
    };
    const s = standing(forged, [anApproval({ id: 4, createdBy: secretary, contentHash: hash })]);
    expect(s.status.kind).toBe("none");
    expect(s.irregular).toEqual([
      {
        list: "Meetings",
        item: 1,
        rule: "minutes.irregular.approvedWithoutApproval",
        params: { meeting: "Styregruppemøde marts", state: "Referat godkendt" },
        by: secretary,
      },
      expect.objectContaining({ list: "MinutesApprovals", item: 4, by: secretary }),
    ]);
    expect(checkPosting(forged, s.status)).toEqual({
      ok: false,
      error: { code: "minutes.refusal.noValidApproval" },
    });
  });

  it("minutes changed after the chair's approval while the meeting still says posted: irregular, naming who changed them", () => {
    const editor = aPerson({ id: 55 as never, name: "Anne Redaktør" });
    const changedPoints = [
      points[0]!,
      {
        ...points[1]!,
        minutesText: "Ændret bagefter.",
        modified: "2026-03-20T10:00:00Z",
        modifiedBy: editor,
      },
    ];
    const s = minutesStanding({
      meeting: { ...meeting, state: "Referat udsendt", modifiedBy: chair },
      approvals: [anApproval({ contentHash: hash })],
      content: { items: changedPoints, decisions, actions },
      roster: chairRoster(),
    });
    expect(s.status.kind).toBe("stale");
    expect(s.irregular).toEqual([
      expect.objectContaining({
        rule: "minutes.irregular.approvedButChanged",
        params: expect.objectContaining({ approvedBy: "Birgitte Holm" }) as unknown,
        by: editor,
      }),
    ]);
  });

  it("held minutes with a stale approval (edited, awaiting a new one) are not irregular", () => {
    const s = standing({ ...meeting, state: "Afholdt" }, [anApproval()]);
    expect(s.status.kind).toBe("stale");
    expect(s.irregular).toEqual([]);
  });

  it("approvals of other meetings are not this meeting's", () => {
    const other = anApproval({ contentHash: hash, meeting: aRef(2, "Andet møde") });
    expect(standing({ ...meeting, state: "Afholdt" }, [other]).status.kind).toBe("none");
  });
});

describe("what approving and posting need", () => {
  const approved: MinutesApprovalStatus = {
    kind: "approved",
    approval: anApproval({ contentHash: hash }),
    by: chair,
    at: "2026-03-11T10:00:00Z",
  };
  const stale: MinutesApprovalStatus = { ...approved, kind: "stale" };
  const none: MinutesApprovalStatus = { kind: "none" };
  const chairMe = me(chair, "chair");

  it.each<[Meeting["state"], MinutesApprovalStatus, string | null]>([
    ["Afholdt", none, null],
    ["Afholdt", stale, null],
    ["Afholdt", approved, null], // the state's write after an approval did not go through
    ["Referat godkendt", none, null], // a forged state: the chair's approval settles it
    ["Referat udsendt", stale, null],
    ["Referat godkendt", approved, "minutes.refusal.alreadyApproved"],
    ["Planlagt", none, "minutes.refusal.notHeld"],
    ["Dagsorden udsendt", none, "minutes.refusal.notHeld"],
    ["Aflyst", none, "minutes.refusal.cancelled"],
  ])("the chair approving %s with %o: %s", (state, status, code) => {
    const result = checkApproval({ state }, status, chairMe);
    expect(result.ok ? null : result.error.code).toBe(code);
  });

  it("members, the secretary and site owners outside Formand do not approve", () => {
    for (const who of [me(member, "member"), me(secretary, "secretary"), me(chair, "owner")]) {
      expect(checkApproval({ state: "Afholdt" }, none, who)).toEqual({
        ok: false,
        error: { code: "minutes.refusal.notChair" },
      });
    }
  });

  it.each<[Meeting["state"], MinutesApprovalStatus, string | null]>([
    ["Referat godkendt", approved, null],
    ["Referat godkendt", none, "minutes.refusal.noValidApproval"],
    ["Referat godkendt", stale, "minutes.refusal.noValidApproval"],
    ["Afholdt", approved, "minutes.refusal.notApprovedState"],
    ["Referat udsendt", approved, "minutes.refusal.notApprovedState"],
  ])("posting %s with %o: %s", (state, status, code) => {
    const result = checkPosting({ state }, status);
    expect(result.ok ? null : result.error.code).toBe(code);
    expect(postingPending({ state }, status)).toBe(code === null);
  });

  it("an edit clears the approval when the state says approved or the approval is valid", () => {
    expect(editClearsApproval({ state: "Afholdt" }, approved)).toBe(true);
    expect(editClearsApproval({ state: "Referat godkendt" }, none)).toBe(true);
    expect(editClearsApproval({ state: "Afholdt" }, stale)).toBe(false);
  });
});

describe("the posting claim", () => {
  const now = new Date("2026-03-11T10:00:00Z");
  const claim = (at: number, token = "other") =>
    formatClaim({ token, person: chair.id, at: new Date(now.getTime() + at).toISOString() });

  it("is written and read back", () => {
    const text = claim(0, "t-1");
    expect(text).toBe("t-1|2|2026-03-11T10:00:00.000Z");
    expect(parseClaim(text)).toEqual({ token: "t-1", person: 2, at: "2026-03-11T10:00:00.000Z" });
    expect(parseClaim("")).toBeNull();
    expect(parseClaim(undefined)).toBeNull();
    expect(parseClaim("a|b")).toBeNull();
    expect(parseClaim("a|2|not a date")).toBeNull();
  });

  it.each<[string, string, "free" | "mine" | "held"]>([
    ["no claim", "", "free"],
    ["unreadable", "garbage", "free"],
    ["my own", claim(-5_000, "mine"), "mine"],
    ["another poster's, just now", claim(-5_000), "held"],
    ["another poster's, just under the limit", claim(-POSTING_CLAIM_TTL_MS + 1_000), "held"],
    ["another poster's, left over", claim(-POSTING_CLAIM_TTL_MS - 1_000), "free"],
    ["dated impossibly far ahead", claim(POSTING_CLAIM_TTL_MS + 1_000), "free"],
  ])("%s → %s", (_what, stored, state) => {
    expect(claimState(stored, "mine", now)).toBe(state);
  });
});
