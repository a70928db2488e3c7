/**
 * Møder with fake ports (memory repositories, a fake Graph calendar and directory): the year's
 * plan (table, struck-through cancelled meeting, the minimum warning with cancelled ones not
 * counted, the year picker), the secretary planning a quarterly series with a preview, a
 * meeting Graph failed to create marked "Ikke i kalenderen" and completed by the retry, a
 * member seeing no planning; the meeting page's header (Danish time, state, checked join link,
 * move with a stale changeKey → re-read and said, cancel with a message), and axe.
 */
import v8 from "node:v8";

import { jest } from "@jest/globals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import { StoreError } from "../../src/domain/errors.js";
import { idOf, type MeetingId } from "../../src/domain/ids.js";
import { meetingIdempotencyKey } from "../../src/domain/meeting-plan.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import MeetingPage from "../../src/ui/meetings/MeetingPage.js";
import MeetingsView from "../../src/ui/meetings/MeetingsView.js";
import { MeetingHeader } from "../../src/ui/meetings/plan/MeetingHeader.js";
import type { AppServices } from "../../src/ui/services.js";
import { aMeeting, aSetting } from "../support/builders.js";
import { me, member, secretary } from "../support/builders-lifecycle.js";
import { FakeCalendar } from "../support/fake-calendar.js";
import { COMMITTEE_TEAM_ID, FakeDirectory, MEMBERS } from "../support/meeting-plan-fakes.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders, withLayout } from "./support.js";

globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

jest.setTimeout(30_000);
const WAIT = { timeout: 5000 };

// Wide enough that no column of the tables gives way.
withLayout({ width: 2400, height: 800 });

const NOW = new Date("2026-01-02T10:00:00Z");

function setup(who: Me = me(secretary, "secretary")) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.settings.seed(
    aSetting({ key: SETTING_KEYS.committeeTeamId, value: COMMITTEE_TEAM_ID }),
    aSetting({ key: SETTING_KEYS.minMeetingsPerYear, value: "4" }),
  );
  const calendar = new FakeCalendar();
  const directory = new FakeDirectory();
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    calendar,
    directory,
    clock: { now: () => NOW },
    links: { to: (hash: string) => `https://tab.example/${hash}` },
  } as unknown as AppServices;
  const wrap = (ui: React.ReactNode) => {
    return renderWithProviders(<>{ui}</>, { services });
  };
  return { memory, calendar, directory, wrap };
}

function text(el: HTMLElement): string {
  return (el.textContent ?? "").replace(/\s+/g, " ");
}

async function seriousAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("the year's plan", () => {
  function seedYear(memory: ReturnType<typeof setup>["memory"]) {
    memory.meetings.seed(
      {
        id: idOf<MeetingId>(1),
        ...aMeeting({
          title: "Styregruppemøde 3. februar 2026",
          start: "2026-02-03T08:00:00Z",
          end: "2026-02-03T10:00:00Z",
          graphEventId: "AAMk-1",
          joinUrl: "https://teams.microsoft.com/l/meetup-join/1",
          state: "Dagsorden udsendt",
          agendaSentAt: "2026-01-27T08:00:00Z",
        }),
      },
      {
        id: idOf<MeetingId>(2),
        ...aMeeting({
          title: "Styregruppemøde 5. maj 2026",
          start: "2026-05-05T07:00:00Z",
          end: "2026-05-05T09:00:00Z",
          graphEventId: "AAMk-2",
          state: "Aflyst",
        }),
      },
      {
        id: idOf<MeetingId>(3),
        ...aMeeting({
          title: "Temamøde 1. september 2026",
          kind: "Temamøde",
          location: "Byrådssalen",
          start: "2026-09-01T11:00:00Z",
          end: "2026-09-01T12:30:00Z",
          graphEventId: "AAMk-3",
        }),
      },
    );
  }

  test("the table, the cancelled meeting struck through and named, and how many are missing", async () => {
    const { memory, wrap } = setup();
    seedYear(memory);
    wrap(<MeetingsView />);
    const table = await screen.findByRole("table", { name: "Møder i 2026" }, WAIT);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map(text)).toEqual([
      expect.stringContaining("Styregruppemøde 3. februar 2026"),
      expect.stringContaining("Styregruppemøde 5. maj 2026"),
      expect.stringContaining("Temamøde 1. september 2026"),
    ]);
    // Each row is findable by its meeting's id (the end-to-end journey relies on it).
    for (const row of rows) expect(row.getAttribute("data-testid")).toMatch(/^meeting-row-\d+$/);
    expect(text(rows[0]!)).toContain("09.00–11.00");
    expect(text(rows[0]!)).toContain("Dagsorden udsendt");
    expect(text(rows[0]!)).toContain("Udsendt");
    expect(text(rows[0]!)).toContain("I kalenderen");
    expect(text(rows[2]!)).toContain("13.00–14.30");
    expect(text(rows[2]!)).toContain("Temamøde");
    expect(text(rows[2]!)).toContain("Byrådssalen");
    expect(text(rows[2]!)).toContain("Planlagt");
    expect(text(rows[2]!)).toContain("Ikke udsendt");
    expect(text(rows[2]!)).toContain("Intet referat");
    // Cancelled: the state in words, the texts struck through.
    expect(text(rows[1]!)).toContain("Aflyst");
    const cancelledLink = within(rows[1]!).getByRole("link", {
      name: "Styregruppemøde 5. maj 2026",
    });
    expect(cancelledLink.getAttribute("href")).toBe("#/moeder/2");
    expect(getComputedStyle(cancelledLink).textDecorationLine).toBe("line-through");
    expect(screen.getByText("Planlagt: 2. Afholdt: 0. Aflyst: 1. Mindst 4 om året.")).toBeTruthy();
    expect(
      screen.getByText(
        "Styregruppen skal mødes mindst 4 gange i 2026. Der mangler 2 møder (aflyste møder tæller ikke med).",
      ),
    ).toBeTruthy();
    expect(
      screen
        .getByRole("link", { name: "Beslutningslog og opfølgningspunkter" })
        .getAttribute("href"),
    ).toBe("#/moeder/beslutninger");
  });

  test("the year picker shows another year", async () => {
    const { memory, wrap } = setup();
    seedYear(memory);
    wrap(<MeetingsView />);
    await screen.findByRole("table", { name: "Møder i 2026" }, WAIT);
    fireEvent.change(screen.getByRole("combobox", { name: "År" }), { target: { value: "2027" } });
    expect(await screen.findByText("Der er ingen møder i 2027.", undefined, WAIT)).toBeTruthy();
    expect(screen.getByText(/Der mangler 4 møder/)).toBeTruthy();
  });

  test("the secretary plans the first Tuesday of each quarter: preview, then four Teams meetings", async () => {
    const { memory, calendar, wrap } = setup();
    wrap(<MeetingsView />);
    await screen.findByRole("heading", { name: "Planlæg møder" }, WAIT);
    fireEvent.change(screen.getByRole("textbox", { name: "Sted" }), {
      target: { value: "Rådhuset, mødelokale 2" },
    });
    const preview = screen.getByRole("list", { name: "Forhåndsvisning" });
    expect(within(preview).getAllByRole("listitem").map(text)).toEqual([
      "Styregruppemøde 6. januar 2026: tirs. 6. jan. 2026 kl. 09.00–11.00",
      "Styregruppemøde 7. april 2026: tirs. 7. apr. 2026 kl. 09.00–11.00",
      "Styregruppemøde 7. juli 2026: tirs. 7. jul. 2026 kl. 09.00–11.00",
      "Styregruppemøde 6. oktober 2026: tirs. 6. okt. 2026 kl. 09.00–11.00",
    ]);
    expect(memory.meetings.all()).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Opret 4 møder" }));
    expect(await screen.findByText("4 møder er oprettet.", undefined, WAIT)).toBeTruthy();
    expect(
      screen.getByText(/4 af 4 er oprettet som Teams-møder, og medlemmerne er inviteret/),
    ).toBeTruthy();
    expect(memory.meetings.all()).toHaveLength(4);
    expect(calendar.events.size).toBe(4);
    for (const e of calendar.events.values()) {
      expect(e.attendees.map((a) => a.email)).toEqual(MEMBERS.map((m) => m.email));
      expect(e.location).toBe("Rådhuset, mødelokale 2");
    }
    const table = await screen.findByRole("table", { name: "Møder i 2026" }, WAIT);
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(5), WAIT);
    expect(within(table).getAllByText("I kalenderen")).toHaveLength(4);
    expect(screen.queryByText(/Der mangler/)).toBeNull();
    // The same form does not preview the new meetings as clashing with themselves.
    expect(
      screen.getByText("Møderne er oprettet. Ændr formularen for at planlægge flere."),
    ).toBeTruthy();
    expect(screen.queryByText(/Samme tid som/)).toBeNull();
  });

  test("a date that has passed or clashes blocks creating, and says why", async () => {
    const { memory, wrap } = setup();
    seedYear(memory);
    wrap(<MeetingsView />);
    await screen.findByRole("heading", { name: "Planlæg møder" }, WAIT);
    fireEvent.click(screen.getByRole("radio", { name: "Enkelte datoer" }));
    fireEvent.change(screen.getByLabelText("Dato 1"), { target: { value: "2026-09-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Tilføj dato" }));
    fireEvent.change(screen.getByLabelText("Dato 2"), { target: { value: "2026-01-01" } });
    fireEvent.change(screen.getByLabelText("Starttid (dansk tid)"), { target: { value: "13:00" } });
    expect(screen.getByText("Samme tid som Temamøde 1. september 2026.")).toBeTruthy();
    expect(screen.getByText("Tidspunktet er gået.")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Opret 2 møder" }).disabled).toBe(
      true,
    );
    fireEvent.click(screen.getByRole("button", { name: "Fjern dato 2" }));
    fireEvent.change(screen.getByLabelText("Dato 1"), { target: { value: "2026-11-03" } });
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Opret 1 møde" }).disabled).toBe(
      false,
    );
  });

  test("Graph fails for one meeting: it is named and marked 'Ikke i kalenderen', and the retry completes it once", async () => {
    const { memory, calendar, wrap } = setup();
    calendar.failNext("schedule", new StoreError("Unavailable", "Graph svarer ikke."));
    wrap(<MeetingsView />);
    await screen.findByRole("heading", { name: "Planlæg møder" }, WAIT);
    fireEvent.click(screen.getByRole("button", { name: "Opret 4 møder" }));
    expect(
      await screen.findByText(/3 af 4 er oprettet som Teams-møder/, undefined, WAIT),
    ).toBeTruthy();
    expect(
      screen.getByText(/Styregruppemøde 6. januar 2026 er ikke i kalenderen: Graph svarer ikke./),
    ).toBeTruthy();
    const table = await screen.findByRole("table", { name: "Møder i 2026" }, WAIT);
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(5), WAIT);
    const row = within(table).getAllByRole("row")[1]!;
    expect(text(row)).toContain("Ikke i kalenderen");
    expect(calendar.events.size).toBe(3);
    fireEvent.click(
      within(row).getByRole("button", {
        name: "Opret Styregruppemøde 6. januar 2026 i kalenderen",
      }),
    );
    await waitFor(() => expect(within(table).getAllByText("I kalenderen")).toHaveLength(4), WAIT);
    expect(calendar.events.size).toBe(4);
    const first = memory.meetings.all().find((m) => m.title === "Styregruppemøde 6. januar 2026")!;
    expect(first.graphEventId).not.toBe("");
    expect(calendar.calls.filter(([m]) => m === "schedule")).toHaveLength(5);
  });

  test("a member sees the plan but no planning and no retry", async () => {
    const { memory, wrap } = setup(me(member, "member"));
    seedYear(memory);
    memory.meetings.seed({
      id: idOf<MeetingId>(4),
      ...aMeeting({
        title: "Uden kalender",
        start: "2026-11-03T08:00:00Z",
        end: "2026-11-03T10:00:00Z",
      }),
    });
    wrap(<MeetingsView />);
    const table = await screen.findByRole("table", { name: "Møder i 2026" }, WAIT);
    expect(within(table).getByText("Ikke i kalenderen")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Planlæg møder" })).toBeNull();
    // The only buttons are the sortable headers: no retry in any row.
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.flatMap((r) => within(r).queryAllByRole("button"))).toEqual([]);
  });

  test("no serious axe violations with the table and the plan form", async () => {
    const { memory, wrap } = setup();
    seedYear(memory);
    const { container } = wrap(<MeetingsView />);
    await screen.findByRole("table", { name: "Møder i 2026" }, WAIT);
    await screen.findByRole("heading", { name: "Planlæg møder" }, WAIT);
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});

describe("the meeting page's header", () => {
  async function plannedMeeting(s: ReturnType<typeof setup>) {
    const [meeting] = s.memory.meetings.seed(
      aMeeting({
        title: "Styregruppemøde 10. marts 2026",
        start: "2026-03-10T08:00:00Z",
        end: "2026-03-10T10:00:00Z",
        location: "Rådhuset, mødelokale 2",
      }),
    );
    const event = await s.calendar.schedule({
      subject: meeting!.title,
      agendaHtml: "",
      start: meeting!.start,
      end: meeting!.end,
      timeZone: "Europe/Copenhagen",
      attendees: MEMBERS.map((m) => ({ email: m.email, name: m.name })),
      idempotencyKey: meetingIdempotencyKey(meeting!),
    });
    return s.memory.meetings.touch(meeting!.id, {
      graphEventId: event.id,
      joinUrl: event.joinUrl ?? "",
    });
  }

  test("title, Danish date and time, place, state and the Teams join link; the page keeps both tabs", async () => {
    const s = setup(me(member, "member"));
    const meeting = await plannedMeeting(s);
    s.wrap(<MeetingPage id={meeting.id} page="agenda" />);
    expect(
      await screen.findByRole(
        "heading",
        { level: 1, name: "Styregruppemøde 10. marts 2026" },
        WAIT,
      ),
    ).toBeTruthy();
    expect(screen.getByText("tirsdag den 10. marts 2026 kl. 09.00–11.00 (dansk tid)")).toBeTruthy();
    expect(screen.getByText("Sted: Rådhuset, mødelokale 2")).toBeTruthy();
    expect(screen.getByText("Planlagt")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Deltag i Teams-mødet" }).getAttribute("href")).toBe(
      meeting.joinUrl,
    );
    expect(screen.getByRole("tab", { name: "Dagsorden" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Referat" })).toBeTruthy();
    // A member may not move or cancel.
    expect(screen.queryByRole("button", { name: "Flyt mødet" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Aflys mødet" })).toBeNull();
  });

  test("a missing link is said plainly; a link that is not Teams is not offered", async () => {
    const s = setup();
    const [a, b] = s.memory.meetings.seed(
      aMeeting({ title: "Uden link", start: "2026-03-10T08:00:00Z", end: "2026-03-10T10:00:00Z" }),
      aMeeting({
        title: "Mærkeligt link",
        joinUrl: "https://evil.example/l/meetup-join/1",
        start: "2026-03-11T08:00:00Z",
        end: "2026-03-11T10:00:00Z",
      }),
    );
    const first = s.wrap(<MeetingHeader meeting={a!} />);
    // The secretary's actions appear once the roles are read.
    await screen.findByRole("button", { name: "Flyt mødet" }, WAIT);
    expect(screen.getByText("Mødet har intet Teams-link endnu.")).toBeTruthy();
    expect(screen.getByText("Ikke i kalenderen")).toBeTruthy();
    first.unmount();
    s.wrap(<MeetingHeader meeting={b!} />);
    await screen.findByRole("button", { name: "Flyt mødet" }, WAIT);
    expect(
      screen.getByText("Mødets link er ikke et Teams-link og vises derfor ikke."),
    ).toBeTruthy();
    expect(screen.queryByRole("link")).toBeNull();
  });

  test("the secretary moves the meeting; the Teams meeting and the item follow", async () => {
    const s = setup();
    const meeting = await plannedMeeting(s);
    s.wrap(<MeetingPage id={meeting.id} page="agenda" />);
    fireEvent.click(await screen.findByRole("button", { name: "Flyt mødet" }, WAIT));
    const dialog = await screen.findByRole("dialog", undefined, WAIT);
    const submit = within(dialog).getByRole<HTMLButtonElement>("button", { name: "Flyt" });
    expect(within(dialog).getByLabelText<HTMLInputElement>("Ny dato").value).toBe("2026-03-10");
    fireEvent.change(within(dialog).getByLabelText("Ny dato"), {
      target: { value: "2026-04-14" },
    });
    // Enabled once the Teams meeting (its changeKey) has been read.
    await waitFor(() => expect(submit.disabled).toBe(false), WAIT);
    fireEvent.click(submit);
    expect(
      await screen.findByText(
        "tirsdag den 14. april 2026 kl. 09.00–11.00 (dansk tid)",
        undefined,
        WAIT,
      ),
    ).toBeTruthy();
    expect(s.calendar.events.get(meeting.graphEventId)!.start).toBe("2026-04-14T07:00:00.000Z");
    expect(s.memory.meetings.all()[0]!.start).toBe("2026-04-14T07:00:00.000Z");
  });

  test("a meeting changed in Outlook meanwhile: the move is refused, re-read and said; the second try moves it", async () => {
    const s = setup();
    const meeting = await plannedMeeting(s);
    s.wrap(<MeetingPage id={meeting.id} page="agenda" />);
    fireEvent.click(await screen.findByRole("button", { name: "Flyt mødet" }, WAIT));
    const dialog = await screen.findByRole("dialog", undefined, WAIT);
    const submit = within(dialog).getByRole<HTMLButtonElement>("button", { name: "Flyt" });
    await waitFor(() => expect(submit.disabled).toBe(false), WAIT);
    s.calendar.touch(meeting.graphEventId, { location: "Ændret i Outlook" });
    fireEvent.change(within(dialog).getByLabelText("Starttid (dansk tid)"), {
      target: { value: "13:00" },
    });
    fireEvent.click(submit);
    expect(
      await within(dialog).findByText(/Teams-mødet er ændret i Outlook/, undefined, WAIT),
    ).toBeTruthy();
    expect(s.memory.meetings.all()[0]!.start).toBe("2026-03-10T08:00:00Z");
    // The event was read again: the second try carries the new changeKey.
    await waitFor(
      () => expect(s.calendar.calls.filter(([m]) => m === "get").length).toBeGreaterThan(1),
      WAIT,
    );
    await waitFor(() => expect(submit.disabled).toBe(false), WAIT);
    fireEvent.click(submit);
    expect(
      await screen.findByText(
        "tirsdag den 10. marts 2026 kl. 13.00–15.00 (dansk tid)",
        undefined,
        WAIT,
      ),
    ).toBeTruthy();
    expect(s.calendar.events.get(meeting.graphEventId)!.start).toBe("2026-03-10T12:00:00.000Z");
  });

  test("the secretary cancels with a message: attendees told, the meeting stays as Aflyst", async () => {
    const s = setup();
    const meeting = await plannedMeeting(s);
    s.wrap(<MeetingPage id={meeting.id} page="agenda" />);
    fireEvent.click(await screen.findByRole("button", { name: "Aflys mødet" }, WAIT));
    const dialog = await screen.findByRole("dialog", undefined, WAIT);
    fireEvent.change(within(dialog).getByLabelText("Besked til deltagerne"), {
      target: { value: "Vi mødes i april i stedet." },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Aflys mødet" }));
    expect(
      await screen.findByText("Mødet er aflyst. Deltagerne har fået besked.", undefined, WAIT),
    ).toBeTruthy();
    expect(s.memory.meetings.all()[0]!.state).toBe("Aflyst");
    expect(s.calendar.events.has(meeting.graphEventId)).toBe(false);
    expect(s.calendar.notices.filter((n) => n.kind === "cancelled").map((n) => n.comment)).toEqual(
      MEMBERS.map(() => "Vi mødes i april i stedet."),
    );
    expect(screen.queryByRole("button", { name: "Flyt mødet" })).toBeNull();
  });

  test("a Teams meeting without its link yet: the secretary fetches it when Teams has it", async () => {
    const s = setup();
    s.calendar.withoutJoinUrl = true;
    const meeting = await plannedMeeting(s);
    expect(meeting.joinUrl).toBe("");
    s.wrap(<MeetingPage id={meeting.id} page="agenda" />);
    const fetchLink = await screen.findByRole("button", { name: "Hent Teams-linket" }, WAIT);
    expect(screen.getByText("Mødet har intet Teams-link endnu.")).toBeTruthy();
    fireEvent.click(fetchLink);
    expect(
      await screen.findByText(
        "Teams har stadig ikke givet mødet et link. Prøv igen om lidt.",
        undefined,
        WAIT,
      ),
    ).toBeTruthy();
    const url = "https://teams.microsoft.com/l/meetup-join/19%3Ameeting_late/0";
    s.calendar.touch(meeting.graphEventId, { joinUrl: url });
    fireEvent.click(screen.getByRole("button", { name: "Hent Teams-linket" }));
    expect(
      (await screen.findByRole("link", { name: "Deltag i Teams-mødet" }, WAIT)).getAttribute(
        "href",
      ),
    ).toBe(url);
  });

  test("no serious axe violations in the secretary's header and the move dialog", async () => {
    const s = setup();
    const meeting = await plannedMeeting(s);
    const { container } = s.wrap(<MeetingHeader meeting={meeting} />);
    fireEvent.click(await screen.findByRole("button", { name: "Flyt mødet" }, WAIT));
    const dialog = await screen.findByRole("dialog", undefined, WAIT);
    const submit = within(dialog).getByRole<HTMLButtonElement>("button", { name: "Flyt" });
    const close = within(dialog).getByRole("button", { name: "Luk" });
    // The Teams meeting has been read (its changeKey): nothing more is loading.
    await waitFor(() => expect(submit.disabled).toBe(false), WAIT);
    expect(await seriousAxeViolations(dialog)).toEqual([]);
    fireEvent.click(close);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull(), WAIT);
    expect(await seriousAxeViolations(container)).toEqual([]);
  });

  test("not in the calendar: the secretary's retry adds it", async () => {
    const s = setup();
    const [meeting] = s.memory.meetings.seed(
      aMeeting({ start: "2026-03-10T08:00:00Z", end: "2026-03-10T10:00:00Z" }),
    );
    s.wrap(<MeetingPage id={meeting!.id} page="agenda" />);
    fireEvent.click(await screen.findByRole("button", { name: "Opret i kalenderen" }, WAIT));
    expect(await screen.findByRole("link", { name: "Deltag i Teams-mødet" }, WAIT)).toBeTruthy();
    expect(s.calendar.events.size).toBe(1);
    expect(screen.queryByText("Ikke i kalenderen")).toBeNull();
  });
});
