/**
 * Minutes rules: who writes and approves, what an edit does to the meeting's state
 * (Afholdt after the start, approval cleared), the posting record, and the approved minutes as
 * channel posts: split by UTF-8 bytes on point boundaries (a single point longer than a message
 * split on its own), "del i af n" subjects, "Rettet referat" for a correction, every user text
 * escaped (a typed `<script>` stays text).
 */
import type { AgendaItem, Decision, FollowUpAction, Meeting } from "../../src/domain/meetings.js";
import {
  approvalChanges,
  checkApproval,
  checkMinutesEdit,
  editClearsApproval,
  formatPosting,
  type MinutesDocument,
  minutesDocument,
  minutesSubject,
  nextPosting,
  parsePosting,
  splitMinutes,
  stateAfterMinutesEdit,
} from "../../src/domain/minutes.js";
import { byteLength } from "../../src/domain/safe-html.js";
import { aDecision, aFollowUpAction, aMeeting, anAgendaItem, aRef } from "../support/builders.js";
import { chair, me, member, owner, secretary } from "../support/builders-lifecycle.js";

const LINK =
  "https://teams.microsoft.com/l/entity/app/tab?context=%7B%22subEntityId%22%3A%22%23%2Fmoeder%2F1%2Freferat%22%7D";

function stored<R>(draft: object, id: number): R {
  return {
    ...draft,
    id,
    version: "1",
    created: "2026-03-01T00:00:00Z",
    modified: "2026-03-01T00:00:00Z",
    createdBy: null,
    modifiedBy: null,
  } as unknown as R;
}

const meeting = (o: Partial<Meeting> = {}): Meeting => ({
  ...stored<Meeting>(aMeeting(), 1),
  ...o,
});

function doc(points: { title: string; text: string }[]): MinutesDocument {
  const items = points.map((p, i) =>
    stored<AgendaItem>(
      anAgendaItem({ title: p.title, minutesText: p.text, sortOrder: i + 1, kind: "Drøftelse" }),
      i + 1,
    ),
  );
  return minutesDocument(meeting(), items, [], [], { by: chair, at: "2026-03-11T10:00:00Z" });
}

describe("who writes and approves", () => {
  it("the secretary (and site owners) write; members and the chair do not", () => {
    expect(checkMinutesEdit(meeting(), me(secretary, "secretary")).ok).toBe(true);
    expect(checkMinutesEdit(meeting(), me(owner, "owner")).ok).toBe(true);
    expect(checkMinutesEdit(meeting(), me(member, "member"))).toEqual({
      ok: false,
      error: { code: "minutes.problem.notWriter" },
    });
    expect(checkMinutesEdit(meeting(), me(chair, "chair")).ok).toBe(false);
    expect(checkMinutesEdit(meeting({ state: "Aflyst" }), me(secretary, "secretary"))).toEqual({
      ok: false,
      error: { code: "minutes.problem.cancelled" },
    });
  });

  it("the chair approves held minutes; not the secretary, not a site owner outside Formand, not before the meeting is held", () => {
    const held = meeting({ state: "Afholdt" });
    const none = { kind: "none" } as const;
    expect(checkApproval(held, none, me(chair, "chair")).ok).toBe(true);
    expect(checkApproval(held, none, me(owner, "owner"))).toEqual({
      ok: false,
      error: { code: "minutes.refusal.notChair" },
    });
    expect(checkApproval(held, none, me(secretary, "secretary"))).toEqual({
      ok: false,
      error: { code: "minutes.refusal.notChair" },
    });
    expect(
      checkApproval(meeting({ state: "Dagsorden udsendt" }), none, me(chair, "chair")),
    ).toEqual({ ok: false, error: { code: "minutes.refusal.notHeld" } });
  });
});

describe("the meeting's state after an edit", () => {
  const now = new Date("2026-03-10T09:00:00Z"); // an hour after the start

  it("the first save after the start makes a planned meeting (or one with its agenda sent) Afholdt", () => {
    expect(stateAfterMinutesEdit(meeting({ state: "Planlagt" }), now).state).toBe("Afholdt");
    expect(stateAfterMinutesEdit(meeting({ state: "Dagsorden udsendt" }), now).state).toBe(
      "Afholdt",
    );
    const before = new Date("2026-03-10T07:59:00Z");
    expect(stateAfterMinutesEdit(meeting({ state: "Dagsorden udsendt" }), before).state).toBe(
      "Dagsorden udsendt",
    );
  });

  it("an edit after approval clears it (back to Afholdt), after posting too", () => {
    for (const state of ["Referat godkendt", "Referat udsendt"] as const) {
      const approved = meeting({
        state,
        minutesApprovedAt: "2026-03-11T10:00:00Z",
        minutesApprovedBy: chair,
      });
      expect(editClearsApproval(approved)).toBe(true);
      expect(stateAfterMinutesEdit(approved, now)).toEqual({
        state: "Afholdt",
        minutesApprovedAt: null,
        minutesApprovedBy: null,
      });
    }
    expect(editClearsApproval(meeting({ state: "Afholdt" }))).toBe(false);
  });

  it("approval records time and person and starts a posting; a correction after one went out", () => {
    const now2 = new Date("2026-03-11T10:00:00Z");
    expect(approvalChanges(meeting({ channelMessageId: "" }), me(chair, "chair"), now2)).toEqual({
      state: "Referat godkendt",
      minutesApprovedAt: "2026-03-11T10:00:00.000Z",
      minutesApprovedBy: chair,
      channelMessageId: "",
    });
    expect(
      approvalChanges(meeting({ channelMessageId: "101,102" }), me(chair, "chair"), now2)
        .channelMessageId,
    ).toBe("2:");
  });
});

describe("the posting record", () => {
  it("reads the plain form of the first posting and the revision form of corrections", () => {
    expect(parsePosting("")).toEqual({ revision: 1, ids: [] });
    expect(parsePosting("101,102")).toEqual({ revision: 1, ids: ["101", "102"] });
    expect(parsePosting("3:201")).toEqual({ revision: 3, ids: ["201"] });
    expect(parsePosting("2:")).toEqual({ revision: 2, ids: [] });
    expect(formatPosting({ revision: 1, ids: ["1", "2"] })).toBe("1,2");
    expect(formatPosting({ revision: 2, ids: ["9"] })).toBe("2:9");
    expect(nextPosting({ revision: 1, ids: [] })).toEqual({ revision: 1, ids: [] });
    expect(nextPosting({ revision: 2, ids: ["5"] })).toEqual({ revision: 3, ids: [] });
  });
});

describe("subjects", () => {
  const d = { meetingTitle: "Styregruppemøde marts", start: "2026-03-10T08:00:00Z" };
  it("names the meeting and date, the part when there are several, a correction as such", () => {
    expect(minutesSubject(d, 1, 1, 1)).toBe("Referat: Styregruppemøde marts, 10. marts 2026");
    expect(minutesSubject(d, 1, 2, 3)).toBe(
      "Referat: Styregruppemøde marts, 10. marts 2026 (del 2 af 3)",
    );
    expect(minutesSubject(d, 2, 1, 1)).toBe(
      "Rettet referat (1. rettelse): Styregruppemøde marts, 10. marts 2026",
    );
  });
});

describe("the minutes as posts", () => {
  it("one message for short minutes, with points in order, decisions, forums, actions and the link", () => {
    const items = [
      stored<AgendaItem>(
        anAgendaItem({ title: "Chatbot", sortOrder: 2, minutesText: "Drøftet." }),
        2,
      ),
      stored<AgendaItem>(anAgendaItem({ title: "Velkomst", sortOrder: 1, kind: "Orientering" }), 1),
    ];
    const decisions = [
      stored<Decision>(
        aDecision({
          agendaItem: aRef(2, "Chatbot"),
          initiative: aRef(5, "Chatbot til borgerservice"),
          text: "Tiltaget prioriteres.",
          carriedTo: ["ØU", "CF"],
        }),
        7,
      ),
    ];
    const actions = [
      stored<FollowUpAction>(aFollowUpAction({ title: "Business case", decision: aRef(7) }), 1),
      stored<FollowUpAction>(
        aFollowUpAction({ title: "Send til ØU", decision: null, due: null }),
        2,
      ),
    ];
    const posts = splitMinutes(
      minutesDocument(meeting(), items, decisions, actions, {
        by: chair,
        at: "2026-03-11T10:00:00Z",
      }),
      { revision: 1, meetingLink: LINK },
    );
    expect(posts).toHaveLength(1);
    const html = posts[0]!.html;
    expect(posts[0]!.subject).toBe("Referat: Styregruppemøde marts, 10. marts 2026");
    expect(html.indexOf("1. Velkomst")).toBeLessThan(html.indexOf("2. Chatbot"));
    expect(html).toContain("Godkendt af Birgitte Holm den 11. marts 2026.");
    expect(html).toContain("Beslutning (tiltag: Chatbot til borgerservice):");
    expect(html).toContain("Bæres videre til: Økonomiudvalget (ØU), Chefforum (CF).");
    expect(html).toContain("Business case (Ansvarlig: Jonas Lind, frist 1. april 2026)");
    expect(html).toContain("Øvrige opfølgningspunkter");
    expect(html).toContain(`<a href="${LINK}">Åbn referatet i Digistyr</a>`);
    expect(html).not.toContain("Del 1 af");
  });

  it("decisions made at the meeting outside an agenda point (a committed scenario) are in the minutes", () => {
    const decisions = [
      stored<Decision>(
        aDecision({ agendaItem: null, text: "Scenariet Forår forpligtes.", carriedTo: [] }),
        3,
      ),
    ];
    const actions = [
      stored<FollowUpAction>(aFollowUpAction({ title: "Meld ud", decision: aRef(3) }), 1),
    ];
    const d = minutesDocument(meeting(), [], decisions, actions);
    expect(d.otherDecisions).toEqual([
      expect.objectContaining({
        text: "Scenariet Forår forpligtes.",
        actions: [expect.objectContaining({ title: "Meld ud" })],
      }),
    ]);
    expect(d.otherActions).toEqual([]);
    const html = splitMinutes(d, { revision: 1, meetingLink: LINK })[0]!.html;
    expect(html).toContain("<h3>Øvrige beslutninger</h3>");
    expect(html).toContain("Scenariet Forår forpligtes.");
    expect(html).toContain("Meld ud (Ansvarlig: Jonas Lind");
  });

  it("escapes every user text: a typed <script> stays text", () => {
    const posts = splitMinutes(
      doc([{ title: "<b>Fed</b>", text: 'Hej <script>alert("x")</script> & farvel' }]),
      { revision: 1, meetingLink: LINK },
    );
    const html = posts[0]!.html;
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>Fed");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; farvel");
    expect(html).toContain("&lt;b&gt;Fed&lt;/b&gt;");
  });

  it("a link that is not https (or the local tab) becomes text", () => {
    const posts = splitMinutes(doc([{ title: "A", text: "x" }]), {
      revision: 1,
      meetingLink: "javascript:alert(1)",
    });
    expect(posts[0]!.html).not.toContain("<a ");
  });

  it("splits long minutes by UTF-8 bytes on point boundaries, every part within the limit", () => {
    // Æ, ø and å are two bytes each: a count of characters would be wrong.
    const text = "Æbler og pærer på række. ".repeat(300); // ~7.8 KB each
    const points = Array.from({ length: 8 }, (_, i) => ({ title: `Punkt ${i + 1}`, text }));
    const posts = splitMinutes(doc(points), { revision: 1, meetingLink: LINK, maxBytes: 20_000 });
    expect(posts.length).toBeGreaterThan(2);
    const total = posts.length;
    posts.forEach((p, i) => {
      expect(byteLength(p.html)).toBeLessThanOrEqual(20_000);
      expect(p.subject).toBe(
        `Referat: Styregruppemøde marts, 10. marts 2026 (del ${i + 1} af ${total})`,
      );
      expect(p.html).toContain(`Del ${i + 1} af ${total}.`);
      expect(p.html).toContain("Åbn referatet i Digistyr");
      expect(p.html).not.toContain("(fortsat)"); // no point was cut
    });
    // Each point appears exactly once, whole, in order.
    const all = posts.map((p) => p.html).join("");
    for (let i = 1; i <= 8; i += 1) {
      expect(all.split(`<h3>${i}. Punkt ${i}</h3>`)).toHaveLength(2);
    }
    expect(new Set(posts.map((p) => p.subject)).size).toBe(total);
  });

  it("a single point longer than a message is split on its own and continues under its heading", () => {
    const long = Array.from({ length: 40 }, (_, i) => `Afsnit ${i}: ${"ø".repeat(500)}`).join(
      "\n\n",
    ); // ~40 KB
    const oneWord = "x".repeat(30_000); // no spaces at all
    const posts = splitMinutes(
      doc([
        { title: "Kort", text: "Kort punkt." },
        { title: "Langt", text: long },
        { title: "Uden mellemrum", text: oneWord },
      ]),
      { revision: 1, meetingLink: LINK, maxBytes: 16_000 },
    );
    posts.forEach((p) => expect(byteLength(p.html)).toBeLessThanOrEqual(16_000));
    const all = posts.map((p) => p.html).join("");
    expect(all).toContain("2. Langt (fortsat)");
    expect(all).toContain("3. Uden mellemrum (fortsat)");
    // Nothing lost: every paragraph of the long point is there, and all the x's.
    for (let i = 0; i < 40; i += 1) expect(all).toContain(`Afsnit ${i}: `);
    expect(all.match(/x/g)?.length).toBeGreaterThanOrEqual(30_000);
    // The short point shares no message with the long one's start: it stays whole in part 1.
    expect(posts[0]!.html).toContain("1. Kort");
  });

  it("a correction is marked 'Rettet referat' in subject and text", () => {
    const posts = splitMinutes(doc([{ title: "A", text: "Rettet tekst" }]), {
      revision: 2,
      meetingLink: LINK,
    });
    expect(posts[0]!.subject).toMatch(/^Rettet referat \(1\. rettelse\): /);
    expect(posts[0]!.html).toContain("<strong>Rettet referat.</strong>");
  });

  it("the split does not depend on the link's length (a retry elsewhere finds the same parts)", () => {
    const text = "ord ".repeat(3000);
    const d = doc(Array.from({ length: 6 }, (_, i) => ({ title: `P${i}`, text })));
    const a = splitMinutes(d, { revision: 1, meetingLink: LINK, maxBytes: 20_000 });
    const b = splitMinutes(d, { revision: 1, meetingLink: "http://localhost:5173/#/moeder/1" });
    const c = splitMinutes(d, {
      revision: 1,
      meetingLink: "http://localhost:5173/#/moeder/1",
      maxBytes: 20_000,
    });
    expect(a.map((p) => p.subject)).toEqual(c.map((p) => p.subject));
    expect(b.length).toBeLessThanOrEqual(a.length);
  });
});
