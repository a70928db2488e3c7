/**
 * The agenda use cases with in-memory repositories and a fake calendar: candidates read with
 * indexed filters; a point about an initiative invites its area's representatives (recorded on
 * the point) and removing the area's last point releases them, keeping members and manual
 * attendees; a stale changeKey is re-read and retried once; reordering writes only what
 * changed; sending marks the meeting only after Graph succeeded, a failed update leaves
 * nothing marked, and a retry marks it once.
 */
import { jest } from "@jest/globals";

import { changedAfterSending } from "../../src/domain/agenda.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Person } from "../../src/domain/common.js";
import type { CalendarEventId } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import {
  type AgendaItemId,
  type AreaId,
  idOf,
  type InitiativeId,
  type MeetingId,
  type PersonId,
} from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import type { Directory } from "../../src/ports/directory.js";
import {
  addAgendaPoint,
  agendaItemsOf,
  type AgendaPorts,
  inviteRepresentatives,
  loadCandidates,
  removeAgendaPoint,
  reorderAgenda,
  sendAgenda,
  updateAgendaPoint,
} from "../../src/use-cases/agenda.js";
import {
  aMeeting,
  anAgendaItem,
  anArea,
  anInitiative,
  aPerson,
  aRef,
  aSetting,
} from "../support/builders.js";
import { aScheduledMeeting, FakeCalendar } from "../support/fake-calendar.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { accepted, refusal } from "../support/outcome.js";

const person = (id: number, name: string): Person =>
  aPerson({
    id: idOf<PersonId>(id),
    name,
    email: `${name.split(" ")[0]!.toLowerCase()}@kommune.dk`,
  });
const secretary: Me = { person: person(2, "Birgitte Holm"), roles: ["secretary"] };
const member: Me = { person: person(4, "Jonas Lind"), roles: ["member"] };
const lone = person(20, "Lone Berg");
const clock: Clock = { now: () => new Date("2026-06-01T10:00:00Z") };
const EVENT = "AAMk-juni" as CalendarEventId;
const MEETING = idOf<MeetingId>(5);

function setup(me: Me = secretary) {
  const { memory, repositories } = memoryRepositories(() => me.person);
  const calendar = new FakeCalendar();
  calendar.add(
    aScheduledMeeting({
      id: EVENT,
      subject: "Styregruppemøde juni",
      attendees: [
        { email: "birgitte@kommune.dk", name: "Birgitte Holm" },
        { email: "jonas@kommune.dk", name: "Jonas Lind" },
        // The secretary added Ole by hand in Outlook.
        { email: "ole@kommune.dk", name: "Ole Hansen" },
      ],
    }),
  );
  const directory: Directory = {
    me: () => Promise.reject(new Error("not used")),
    findPeople: () => Promise.resolve([]),
    membersOf: (groupId) =>
      Promise.resolve(
        groupId === "committee-group"
          ? [
              { directoryId: "b", name: "Birgitte Holm", email: "birgitte@kommune.dk" },
              { directoryId: "j", name: "Jonas Lind", email: "jonas@kommune.dk" },
            ]
          : [],
      ),
  };
  memory.settings.seed(aSetting({ key: "committee.teamId", value: "committee-group" }));
  memory.meetings.seed({
    id: MEETING,
    ...aMeeting({
      title: "Styregruppemøde juni",
      start: "2026-06-09T07:00:00Z",
      end: "2026-06-09T09:00:00Z",
      graphEventId: EVENT,
    }),
  });
  memory.areas.seed(
    {
      id: idOf<AreaId>(1),
      ...anArea({ title: "Børn og Unge", representatives: [lone, member.person] }),
    },
    { id: idOf<AreaId>(2), ...anArea({ title: "Teknik", representatives: [] }) },
  );
  memory.initiatives.seed(
    {
      id: idOf<InitiativeId>(1),
      ...anInitiative({
        title: "Digital pladsanvisning",
        phase: "Klar til prioritering",
        area: aRef(1, "Børn og Unge"),
      }),
    },
    {
      id: idOf<InitiativeId>(2),
      ...anInitiative({
        title: "Skolefoto",
        phase: "Klar til prioritering",
        area: aRef(1, "Børn og Unge"),
      }),
    },
    {
      id: idOf<InitiativeId>(3),
      ...anInitiative({
        title: "Vejskilte",
        phase: "Klar til prioritering",
        area: aRef(2, "Teknik"),
      }),
    },
  );
  const ports: AgendaPorts = {
    repositories,
    currentUser: { me: () => Promise.resolve(me) },
    calendar,
    directory,
    clock,
  };
  return { memory, repositories, calendar, ports };
}

async function candidate(ports: AgendaPorts, key: string) {
  const meeting = await ports.repositories.meetings.get(MEETING);
  const items = await agendaItemsOf(ports.repositories, MEETING);
  const all = (await loadCandidates(ports, meeting, items)).flatMap((g) => g.candidates);
  const c = all.find((x) => x.key === key);
  if (!c) throw new Error(`no candidate ${key}`);
  return c;
}

const emails = (calendar: FakeCalendar) =>
  calendar.events.get(EVENT)!.attendees.map((a) => `${a.email}${a.optional ? " (valgfri)" : ""}`);

describe("candidates", () => {
  test("are read with indexed filters and narrow initiative slices", async () => {
    const { memory, ports } = setup();
    const c = await candidate(ports, "initiative:1");
    expect(c).toMatchObject({
      group: "decision",
      title: "Digital pladsanvisning",
      onAgenda: false,
    });
    const initiativeReads = memory.initiatives.calls.filter(([m]) => m === "list");
    expect(initiativeReads).toHaveLength(2);
    for (const [, q] of initiativeReads) {
      expect(q).toEqual(
        expect.objectContaining({
          where: expect.anything() as unknown,
          fields: expect.anything() as unknown,
        }),
      );
    }
    for (const list of [
      "rounds",
      "scenarios",
      "fundingProposals",
      "statusReports",
      "benefits",
      "actions",
    ] as const) {
      const reads = memory[list].calls.filter(([m]) => m === "list");
      expect(reads).toHaveLength(1);
      expect(reads[0]![1]).toEqual(
        expect.objectContaining({ where: expect.anything() as unknown }),
      );
    }
  });
});

describe("area representatives", () => {
  test("a point about an initiative records its area and invites the representatives as optional attendees", async () => {
    const { ports, calendar } = setup();
    const added = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:1"),
      }),
    );
    expect(added.item).toMatchObject({
      title: "Digital pladsanvisning",
      kind: "Beslutning",
      sortOrder: 1,
      invitedAreas: [{ id: 1, title: "Børn og Unge" }],
    });
    // Jonas is a committee member already invited: only Lone is added.
    expect(added.attendees).toEqual({
      kind: "updated",
      added: ["lone@kommune.dk"],
      removed: [],
      addedNames: ["Lone Berg"],
      removedNames: [],
    });
    expect(emails(calendar)).toEqual([
      "birgitte@kommune.dk",
      "jonas@kommune.dk",
      "ole@kommune.dk",
      "lone@kommune.dk (valgfri)",
    ]);
  });

  test("an area without representatives invites nobody", async () => {
    const { ports, calendar } = setup();
    const added = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:3"),
      }),
    );
    expect(added.item.invitedAreas).toEqual([]);
    expect(added.attendees).toEqual({ kind: "unchanged" });
    expect(calendar.updates).toEqual([]);
  });

  test("removing the area's last point releases only its representatives the app added", async () => {
    const { ports, calendar, repositories } = setup();
    const first = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:1"),
      }),
    );
    const second = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:2"),
      }),
    );
    expect(second.attendees).toEqual({ kind: "unchanged" });
    // Another point of the area remains: nobody leaves.
    expect(await accepted(removeAgendaPoint(ports, MEETING, first.item))).toEqual({
      kind: "unchanged",
    });
    expect(emails(calendar)).toContain("lone@kommune.dk (valgfri)");
    // The last one: Lone leaves; the member Jonas and Ole (added by hand) stay.
    expect(await accepted(removeAgendaPoint(ports, MEETING, second.item))).toEqual({
      kind: "updated",
      added: [],
      removed: ["lone@kommune.dk"],
      addedNames: [],
      removedNames: ["Lone Berg"],
    });
    expect(emails(calendar)).toEqual(["birgitte@kommune.dk", "jonas@kommune.dk", "ole@kommune.dk"]);
    expect(await agendaItemsOf(repositories, MEETING)).toEqual([]);
  });

  test("a representative the secretary added by hand (required) is not removed with the area", async () => {
    const { ports, calendar } = setup();
    calendar.touch(EVENT, {
      attendees: [
        ...calendar.events.get(EVENT)!.attendees,
        { email: "lone@kommune.dk", name: "Lone Berg" },
      ],
    });
    const added = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:1"),
      }),
    );
    expect(added.attendees).toEqual({ kind: "unchanged" });
    await accepted(removeAgendaPoint(ports, MEETING, added.item));
    expect(emails(calendar)).toContain("lone@kommune.dk");
  });

  test("a stale changeKey is read again and retried once", async () => {
    const { ports, calendar } = setup();
    calendar.beforeUpdate.push(() => calendar.touch(EVENT, { location: "Mødelokale 3" }));
    const added = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:1"),
      }),
    );
    expect(added.attendees).toMatchObject({ kind: "updated", added: ["lone@kommune.dk"] });
    // The concurrent change is kept.
    expect(calendar.events.get(EVENT)!.location).toBe("Mødelokale 3");
  });

  test("a second stale changeKey is reported; the point stays and inviting again completes it", async () => {
    const { ports, calendar } = setup();
    calendar.beforeUpdate.push(
      () => calendar.touch(EVENT),
      () => calendar.touch(EVENT),
    );
    const added = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:1"),
      }),
    );
    expect(added.attendees.kind).toBe("failed");
    expect(added.attendees.kind === "failed" && (added.attendees.error as StoreError).kind).toBe(
      "Conflict",
    );
    expect(emails(calendar)).not.toContain("lone@kommune.dk (valgfri)");
    expect(await accepted(inviteRepresentatives(ports, MEETING))).toMatchObject({
      kind: "updated",
      added: ["lone@kommune.dk"],
    });
  });

  test("when Graph refuses the release, the point is not removed", async () => {
    const { ports, calendar, repositories } = setup();
    const added = await accepted(
      addAgendaPoint(ports, MEETING, {
        kind: "candidate",
        candidate: await candidate(ports, "initiative:1"),
      }),
    );
    calendar.failNext("update", new StoreError("Unavailable", "Graph is down"));
    await expect(accepted(removeAgendaPoint(ports, MEETING, added.item))).rejects.toMatchObject({
      kind: "Unavailable",
    });
    expect((await agendaItemsOf(repositories, MEETING)).map((i) => i.id)).toEqual([added.item.id]);
  });
});

describe("points", () => {
  test("reordering writes only the points whose position changed, in one batch", async () => {
    const { ports, memory, repositories } = setup();
    memory.agendaItems.seed(
      ...["A", "B", "C", "D"].map((title, i) => ({
        id: idOf<AgendaItemId>(i + 1),
        ...anAgendaItem({ title, meeting: aRef(5), sortOrder: i + 1 }),
      })),
    );
    const items = await agendaItemsOf(repositories, MEETING);
    const batch = jest.spyOn(memory.agendaItems, "updateMany");
    // C moves up above B.
    const written = await accepted(
      reorderAgenda(ports, [items[0]!, items[2]!, items[1]!, items[3]!]),
    );
    expect(written).toBe(2);
    expect(batch).toHaveBeenCalledTimes(1);
    const batches = memory.agendaItems.calls.filter(([m]) => m === "update");
    expect(batches.map(([, e]) => (e as { title: string }).title)).toEqual(["C", "B"]);
    expect((await agendaItemsOf(repositories, MEETING)).map((i) => i.title)).toEqual([
      "A",
      "C",
      "B",
      "D",
    ]);
  });

  test("a free point is added last; edits are saved with the version read", async () => {
    const { ports, repositories, memory } = setup();
    memory.agendaItems.seed({
      id: idOf<AgendaItemId>(1),
      ...anAgendaItem({ meeting: aRef(5), sortOrder: 3 }),
    });
    const { item } = await accepted(
      addAgendaPoint(ports, MEETING, { kind: "free", title: " Eventuelt " }),
    );
    expect(item).toMatchObject({ title: "Eventuelt", sortOrder: 4, kind: "Orientering" });
    await accepted(updateAgendaPoint(ports, item, { durationMinutes: 10, kind: "Drøftelse" }));
    expect(await repositories.agendaItems.get(item.id)).toMatchObject({
      durationMinutes: 10,
      kind: "Drøftelse",
    });
    // The old version again: Conflict, nothing overwritten.
    await expect(
      accepted(updateAgendaPoint(ports, item, { durationMinutes: 99 })),
    ).rejects.toMatchObject({
      kind: "Conflict",
    });
  });

  test("a member may not change the agenda: refused with the code, nothing written", async () => {
    const { ports, repositories } = setup(member);
    expect(
      await refusal(addAgendaPoint(ports, MEETING, { kind: "free", title: "Mit punkt" })),
    ).toEqual({ code: "agenda.problem.notEditor" });
    expect(await agendaItemsOf(repositories, MEETING)).toEqual([]);
  });
});

describe("sending the agenda", () => {
  function ready() {
    const s = setup();
    s.memory.agendaItems.seed(
      {
        id: idOf<AgendaItemId>(1),
        ...anAgendaItem({
          title: "Pladsanvisning <script>alert(1)</script>",
          meeting: aRef(5),
          sortOrder: 1,
          kind: "Beslutning",
          recommendation: "Tiltaget godkendes.",
          durationMinutes: 30,
        }),
      },
      {
        id: idOf<AgendaItemId>(2),
        ...anAgendaItem({
          title: "Eventuelt",
          meeting: aRef(5),
          sortOrder: 2,
          kind: "Orientering",
          durationMinutes: 10,
        }),
      },
    );
    const sendPorts = { ...s.ports, linkTo: (route: string) => `https://tab.example/${route}` };
    return { ...s, sendPorts };
  }
  const options = { confirmOverrun: false, meetingRoute: "#/moeder/5" };

  test("writes the event's body, then marks the meeting Dagsorden udsendt with the time", async () => {
    const { sendPorts, calendar, repositories } = ready();
    const out = await sendAgenda(sendPorts, MEETING, options);
    expect(out.ok).toBe(true);
    const body = calendar.events.get(EVENT)!.agendaHtml;
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).not.toContain("<script>");
    expect(body).toContain('href="https://tab.example/#/moeder/5#punkt-1"');
    expect(await repositories.meetings.get(MEETING)).toMatchObject({
      state: "Dagsorden udsendt",
      agendaSentAt: "2026-06-01T10:00:00.000Z",
    });
  });

  test("a failed Graph update leaves nothing marked; a retry marks it once", async () => {
    const { sendPorts, calendar, repositories, memory } = ready();
    calendar.failNext("update", new StoreError("Throttled", "Too many requests"));
    await expect(sendAgenda(sendPorts, MEETING, options)).rejects.toMatchObject({
      kind: "Throttled",
    });
    expect(await repositories.meetings.get(MEETING)).toMatchObject({
      state: "Planlagt",
      agendaSentAt: null,
    });
    expect(memory.meetings.calls.filter(([m]) => m === "update")).toHaveLength(0);
    const retried = await sendAgenda(sendPorts, MEETING, options);
    expect(retried.ok).toBe(true);
    expect(memory.meetings.calls.filter(([m]) => m === "update")).toHaveLength(1);
    expect(calendar.updates.filter((u) => u.agendaHtml !== undefined)).toHaveLength(1);
    expect((await repositories.meetings.get(MEETING)).state).toBe("Dagsorden udsendt");
  });

  test("a stale changeKey while sending is read again and retried once", async () => {
    const { sendPorts, calendar, repositories } = ready();
    calendar.beforeUpdate.push(() => calendar.touch(EVENT, { location: "Byrådssalen" }));
    expect((await sendAgenda(sendPorts, MEETING, options)).ok).toBe(true);
    expect(calendar.events.get(EVENT)!.location).toBe("Byrådssalen");
    expect((await repositories.meetings.get(MEETING)).state).toBe("Dagsorden udsendt");
  });

  test("problems are returned before anything is written", async () => {
    const { sendPorts, calendar, memory, repositories } = ready();
    const [decision] = await agendaItemsOf(repositories, MEETING);
    memory.agendaItems.touch(decision!.id, { recommendation: "", durationMinutes: 150 });
    const out = await sendAgenda(sendPorts, MEETING, options);
    expect(out).toEqual({
      ok: false,
      problems: [
        {
          code: "agenda.problem.missingRecommendation",
          params: { itemId: 1, title: decision!.title },
        },
        { code: "agenda.problem.overrun", params: { count: 40 } },
      ],
    });
    expect(calendar.updates).toEqual([]);
    expect(memory.meetings.calls.filter(([m]) => m === "update")).toHaveLength(0);
  });

  test("the sent time is never before the newest point sent (the list's clock may run ahead)", async () => {
    const { sendPorts, memory, repositories } = ready();
    // The list stamped the last edit 20 s after what this client's clock says now.
    memory.agendaItems.touch(1, { modified: "2026-06-01T10:00:20Z" });
    expect((await sendAgenda(sendPorts, MEETING, options)).ok).toBe(true);
    const meeting = await repositories.meetings.get(MEETING);
    expect(meeting.agendaSentAt).toBe("2026-06-01T10:00:20.000Z");
    expect(changedAfterSending(meeting, await agendaItemsOf(repositories, MEETING))).toBe(false);
  });

  test("removing a point after sending renumbers those below, so the change stays visible", async () => {
    const { sendPorts, ports, repositories } = ready();
    expect((await sendAgenda(sendPorts, MEETING, options)).ok).toBe(true);
    const [first] = await agendaItemsOf(repositories, MEETING);
    await accepted(removeAgendaPoint(ports, MEETING, first!));
    const rest = await agendaItemsOf(repositories, MEETING);
    expect(rest.map((i) => [i.title, i.sortOrder])).toEqual([["Eventuelt", 1]]);
    // Rewritten: the list stamps it with the time of the change (after AgendaSentAt).
    expect(rest[0]!.version).not.toBe("1");
  });

  test("a concurrent change of the meeting item is read again when marking", async () => {
    const { sendPorts, memory, repositories } = ready();
    memory.meetings.failNext("update", new StoreError("Conflict", "changed"));
    expect((await sendAgenda(sendPorts, MEETING, options)).ok).toBe(true);
    expect((await repositories.meetings.get(MEETING)).state).toBe("Dagsorden udsendt");
  });
});
