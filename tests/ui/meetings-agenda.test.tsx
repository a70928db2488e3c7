/**
 * Dagsorden with fake ports (in-memory repositories, a fake calendar): the secretary adds a
 * point from the candidates (marked afterwards, the area's representative invited), reorders
 * by keyboard with an announcement (only changed positions written), sees a time over-run
 * warned in words, saves an indstilling, sends (a Graph failure says nothing was marked; the
 * retry marks it); a member reads the ordered points with indstilling and presenter.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

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
import { AgendaTab } from "../../src/ui/meetings/agenda/AgendaTab.js";
import type { AppServices } from "../../src/ui/services.js";
import { parseRoute } from "../../src/ui/shell/routes.js";
import {
  aMeeting,
  anAgendaItem,
  anArea,
  anInitiative,
  aPerson,
  aRef,
} from "../support/builders.js";
import { aScheduledMeeting, FakeCalendar } from "../support/fake-calendar.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders } from "./support.js";

const WAIT = { timeout: 5000 };
const person = (id: number, name: string): Person =>
  aPerson({
    id: idOf<PersonId>(id),
    name,
    email: `${name.split(" ")[0]!.toLowerCase()}@kommune.dk`,
  });
const secretary: Me = { person: person(2, "Birgitte Holm"), roles: ["secretary"] };
const member: Me = { person: person(4, "Jonas Lind"), roles: ["member"] };
const lone = person(20, "Lone Berg");
const mads = person(3, "Mads Kjær");
const EVENT = "AAMk-juni" as CalendarEventId;
const MEETING = idOf<MeetingId>(5);

function setup(who: Me, meeting: Partial<Parameters<typeof aMeeting>[0]> = {}) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.meetings.seed({
    id: MEETING,
    ...aMeeting({
      title: "Styregruppemøde juni",
      start: "2026-06-09T07:00:00Z",
      end: "2026-06-09T09:00:00Z",
      graphEventId: EVENT,
      ...meeting,
    }),
  });
  memory.areas.seed({
    id: idOf<AreaId>(1),
    ...anArea({ title: "Børn og Unge", representatives: [lone] }),
  });
  memory.initiatives.seed({
    id: idOf<InitiativeId>(1),
    ...anInitiative({
      title: "Digital pladsanvisning",
      phase: "Klar til prioritering",
      area: aRef(1, "Børn og Unge"),
    }),
  });
  const calendar = new FakeCalendar();
  calendar.add(
    aScheduledMeeting({
      id: EVENT,
      subject: "Styregruppemøde juni",
      attendees: [{ email: "birgitte@kommune.dk", name: "Birgitte Holm" }],
    }),
  );
  const unused = new Proxy(
    {},
    {
      get: (_t, prop) => {
        throw new Error(`not faked: ${String(prop)}`);
      },
    },
  );
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: { now: () => new Date("2026-06-01T10:00:00Z") },
    calendar,
    directory: {
      me: () => Promise.reject(new Error("not used")),
      findPeople: () => Promise.resolve([{ directoryId: "m", name: mads.name, email: mads.email }]),
      membersOf: () => Promise.resolve([]),
    },
    people: { ensure: () => Promise.resolve(mads) },
    links: { to: (route: string) => `https://teams.example/tab${route}` },
    mailer: unused,
    channel: unused,
    files: unused,
  } as unknown as AppServices;
  const view = renderWithProviders(<AgendaTab meetingId={MEETING} />, { services });
  return { memory, calendar, view };
}

function seedPoints(memory: ReturnType<typeof setup>["memory"], minutes: number[] = [30, 30, 30]) {
  memory.agendaItems.seed(
    ...["Godkendelse af dagsorden", "Porteføljestatus", "Eventuelt"].map((title, i) => ({
      id: idOf<AgendaItemId>(i + 1),
      ...anAgendaItem({
        title,
        meeting: aRef(5, "Styregruppemøde juni"),
        sortOrder: i + 1,
        kind: "Orientering" as const,
        durationMinutes: minutes[i] ?? null,
      }),
    })),
  );
}

const point = (name: RegExp) => screen.getByRole("article", { name });

/** Clicks "Send dagsorden" and confirms in the dialog that says what sending does. */
async function sendConfirmed(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole("button", { name: "Send dagsorden" }, WAIT));
  const dialog = await screen.findByRole("alertdialog", { name: "Send dagsordenen?" }, WAIT);
  fireEvent.click(within(dialog).getByRole("button", { name: "Send dagsorden" }));
  return dialog;
}

describe("the secretary builds the agenda", () => {
  test("adds a point from the candidates: it is listed, marked among the candidates, and the area's representative is invited", async () => {
    const { memory, calendar } = setup(secretary);
    const add = await screen.findByRole(
      "button",
      { name: "Tilføj Digital pladsanvisning til dagsordenen" },
      WAIT,
    );
    expect(screen.getByText("Klar til prioritering")).toBeTruthy();
    fireEvent.click(add);
    const added = await screen.findByRole("article", { name: /1\. Digital pladsanvisning/ }, WAIT);
    expect(within(added).getByLabelText("Punkttype")).toHaveProperty("value", "Beslutning");
    await screen.findByText("Er på dagsordenen", undefined, WAIT);
    expect(screen.queryByRole("button", { name: /Tilføj Digital pladsanvisning/ })).toBeNull();
    await screen.findByText(/Inviteret som områdets repræsentant: Lone Berg/, undefined, WAIT);
    expect(calendar.event(EVENT).attendees).toContainEqual({
      email: "lone@kommune.dk",
      name: "Lone Berg",
      optional: true,
    });
    expect(memory.agendaItems.all()).toEqual([
      expect.objectContaining({
        title: "Digital pladsanvisning",
        kind: "Beslutning",
        sortOrder: 1,
        initiative: { id: 1, title: "Digital pladsanvisning" },
        invitedAreas: [{ id: 1, title: "Børn og Unge" }],
      }),
    ]);
  });

  test("when Graph refuses the invitation the point stays, the page says so, and inviting again completes it", async () => {
    const { memory, calendar } = setup(secretary);
    calendar.failNext("update", new StoreError("Unavailable", "Graph is down"));
    fireEvent.click(
      await screen.findByRole(
        "button",
        { name: "Tilføj Digital pladsanvisning til dagsordenen" },
        WAIT,
      ),
    );
    await screen.findByText("Områdets repræsentanter er ikke inviteret", undefined, WAIT);
    expect(memory.agendaItems.all()).toHaveLength(1);
    expect(calendar.event(EVENT).attendees.map((a) => a.email)).toEqual(["birgitte@kommune.dk"]);
    fireEvent.click(screen.getByRole("button", { name: "Invitér repræsentanterne igen" }));
    await screen.findByText(/Inviteret som områdets repræsentant: Lone Berg/, undefined, WAIT);
    expect(screen.queryByText("Områdets repræsentanter er ikke inviteret")).toBeNull();
    expect(calendar.event(EVENT).attendees.map((a) => a.email)).toEqual([
      "birgitte@kommune.dk",
      "lone@kommune.dk",
    ]);
  });

  test("removing the area's point takes its representative off the meeting again", async () => {
    const { memory, calendar } = setup(secretary);
    fireEvent.click(
      await screen.findByRole(
        "button",
        { name: "Tilføj Digital pladsanvisning til dagsordenen" },
        WAIT,
      ),
    );
    await screen.findByText(/Inviteret som områdets repræsentant/, undefined, WAIT);
    fireEvent.click(screen.getByRole("button", { name: "Fjern punkt: Digital pladsanvisning" }));
    await screen.findByText(
      /Fjernet fra mødet \(områdets sidste punkt er taget af\): Lone Berg/,
      undefined,
      WAIT,
    );
    expect(calendar.event(EVENT).attendees.map((a) => a.email)).toEqual(["birgitte@kommune.dk"]);
    expect(memory.agendaItems.all()).toEqual([]);
    await screen.findByRole(
      "button",
      { name: "Tilføj Digital pladsanvisning til dagsordenen" },
      WAIT,
    );
  });

  test("adds a free point", async () => {
    const { memory } = setup(secretary);
    fireEvent.change(await screen.findByLabelText("Overskrift på et frit punkt", undefined, WAIT), {
      target: { value: "Eventuelt" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Tilføj frit punkt" }));
    await screen.findByRole("article", { name: /1\. Eventuelt/ }, WAIT);
    expect(memory.agendaItems.all().map((i) => i.title)).toEqual(["Eventuelt"]);
  });

  test("reorders with Ctrl+arrow keys, announces the new place, and writes only what changed", async () => {
    const { memory } = setup(secretary);
    seedPoints(memory);
    const last = await screen.findByRole("article", { name: /3\. Eventuelt/ }, WAIT);
    last.focus();
    fireEvent.keyDown(last, { key: "ArrowUp", ctrlKey: true });
    await screen.findByText("Eventuelt er flyttet til plads 2 af 3.", undefined, WAIT);
    const headings = () =>
      within(screen.getByRole("list", { name: "Dagsordenens punkter" }))
        .getAllByRole("heading", { level: 3 })
        .map((h) => h.textContent);
    expect(headings()).toEqual([
      "1. Godkendelse af dagsorden",
      "2. Eventuelt",
      "3. Porteføljestatus",
    ]);
    await waitFor(() => {
      const updates = memory.agendaItems.calls.filter(([m]) => m === "update");
      expect(updates.map(([, e]) => (e as { title: string }).title)).toEqual([
        "Eventuelt",
        "Porteføljestatus",
      ]);
    }, WAIT);
    // Focus stays on the moved point.
    await waitFor(() => expect(document.activeElement?.textContent).toContain("Eventuelt"), WAIT);
    // The first point cannot move further up: said, not silently ignored.
    await waitFor(
      () =>
        expect(memory.agendaItems.get(idOf<AgendaItemId>(3))).resolves.toMatchObject({
          sortOrder: 2,
        }),
      WAIT,
    );
    const first = point(/1\. Godkendelse af dagsorden/);
    await waitFor(() => expect(first.getAttribute("aria-busy")).toBeNull(), WAIT);
    fireEvent.keyDown(first, { key: "ArrowUp", ctrlKey: true });
    await screen.findByText(
      "Godkendelse af dagsorden er allerede det første punkt.",
      undefined,
      WAIT,
    );
  });

  test("the move buttons reorder too", async () => {
    const { memory } = setup(secretary);
    seedPoints(memory);
    fireEvent.click(
      await screen.findByRole("button", { name: "Flyt ned: Godkendelse af dagsorden" }, WAIT),
    );
    await screen.findByText(
      "Godkendelse af dagsorden er flyttet til plads 2 af 3.",
      undefined,
      WAIT,
    );
    await waitFor(async () => {
      const stored = await memory.agendaItems.get(idOf<AgendaItemId>(1));
      expect(stored.sortOrder).toBe(2);
    }, WAIT);
  });

  test("drag and drop moves a point to where it is dropped", async () => {
    const { memory } = setup(secretary);
    seedPoints(memory);
    const last = await screen.findByRole("article", { name: /3\. Eventuelt/ }, WAIT);
    const first = point(/1\. Godkendelse af dagsorden/);
    const dataTransfer = { setData: () => undefined, effectAllowed: "", dropEffect: "" };
    fireEvent.dragStart(last, { dataTransfer });
    fireEvent.dragOver(first, { dataTransfer });
    fireEvent.drop(first, { dataTransfer });
    await screen.findByText("Eventuelt er flyttet til plads 1 af 3.", undefined, WAIT);
    await waitFor(async () => {
      const stored = await memory.agendaItems.list({ orderBy: [{ field: "sortOrder" }] });
      expect(stored.map((i) => i.title)).toEqual([
        "Eventuelt",
        "Godkendelse af dagsorden",
        "Porteføljestatus",
      ]);
    }, WAIT);
  });

  test("an over-run of the meeting's length is warned in words and must be confirmed to send", async () => {
    const { memory, calendar } = setup(secretary);
    seedPoints(memory, [60, 45, 30]);
    await screen.findByText("Samlet tid: 135 af mødets 120 minutter.", undefined, WAIT);
    expect(screen.getByText("Tiden overskrides")).toBeTruthy();
    expect(
      screen.getByText("Punkterne varer tilsammen 15 minutter længere end mødet."),
    ).toBeTruthy();
    const dialog = await sendConfirmed();
    expect(
      within(dialog).getByText(/^Dagsordenen med 3 punkter sendes til alle mødets deltagere/),
    ).toBeTruthy();
    await screen.findByText(
      "Tiden overskrides med 15 minutter: bekræft, at dagsordenen skal sendes alligevel.",
      undefined,
      WAIT,
    );
    expect(calendar.updates).toEqual([]);
    fireEvent.click(
      screen.getByRole("checkbox", {
        name: "Send alligevel, selvom tiden overskrides med 15 minutter",
      }),
    );
    await sendConfirmed();
    await screen.findByText(/Dagsordenen er sendt med mødeindkaldelsen/, undefined, WAIT);
    expect(calendar.updates).toHaveLength(1);
  });

  test("a Beslutning point needs its indstilling: saved, then sent; a Graph failure marks nothing and the retry marks it", async () => {
    const { memory, calendar } = setup(secretary);
    memory.agendaItems.seed({
      id: idOf<AgendaItemId>(1),
      ...anAgendaItem({
        title: "Digital pladsanvisning",
        meeting: aRef(5),
        kind: "Beslutning",
        durationMinutes: 20,
      }),
    });
    await sendConfirmed();
    await screen.findByText(
      "Digital pladsanvisning er et beslutningspunkt uden indstilling.",
      undefined,
      WAIT,
    );
    const article = point(/1\. Digital pladsanvisning/);
    fireEvent.change(within(article).getByLabelText(/Indstilling/), {
      target: { value: "Sekretariatet indstiller, at <b>tiltaget</b> godkendes." },
    });
    fireEvent.click(
      within(article).getByRole("button", { name: "Gem punkt: Digital pladsanvisning" }),
    );
    await screen.findByText("Digital pladsanvisning er gemt.", undefined, WAIT);
    await waitFor(async () => {
      const stored = await memory.agendaItems.get(idOf<AgendaItemId>(1));
      expect(stored.recommendation).toBe("Sekretariatet indstiller, at <b>tiltaget</b> godkendes.");
    }, WAIT);

    calendar.failNext("update", new StoreError("Unavailable", "Graph is down"));
    await sendConfirmed();
    await screen.findByText("Dagsordenen blev ikke sendt", undefined, WAIT);
    expect(screen.getByText(/Mødet er ikke markeret som udsendt/)).toBeTruthy();
    expect((await memory.meetings.get(MEETING)).agendaSentAt).toBeNull();

    // Found once the confirmation has closed (until then the page behind it is hidden).
    fireEvent.click(await screen.findByRole("button", { name: "Prøv igen" }, WAIT));
    await screen.findByText(/Dagsordenen er sendt med mødeindkaldelsen/, undefined, WAIT);
    expect(await memory.meetings.get(MEETING)).toMatchObject({
      state: "Dagsorden udsendt",
      agendaSentAt: "2026-06-01T10:00:00.000Z",
    });
    expect(memory.meetings.calls.filter(([m]) => m === "update")).toHaveLength(1);
    expect(calendar.event(EVENT).agendaHtml).toContain("&lt;b&gt;tiltaget&lt;/b&gt;");
    expect(calendar.event(EVENT).agendaHtml).toContain(
      'href="https://teams.example/tab#/moeder/5#punkt-1"',
    );
    await screen.findByRole("button", { name: "Send dagsorden igen" }, WAIT);
  });

  test("editing after sending says 'ændret efter udsendelse'", async () => {
    const { memory } = setup(secretary, {
      state: "Dagsorden udsendt",
      agendaSentAt: "2026-05-01T10:00:00Z",
    });
    memory.agendaItems.seed({
      id: idOf<AgendaItemId>(1),
      ...anAgendaItem({ title: "Eventuelt", meeting: aRef(5), kind: "Orientering" }),
      // Memory repositories stamp their writes 2026-03-02; this one was edited after sending.
      modified: "2026-05-02T10:00:00Z",
    });
    await screen.findByText("Ændret efter udsendelse", undefined, WAIT);
    expect(screen.getByRole("button", { name: "Send dagsorden igen" })).toBeTruthy();
  });

  test("axe finds nothing serious in the builder", async () => {
    const { memory, view } = setup(secretary);
    seedPoints(memory);
    await screen.findByRole("article", { name: /3\. Eventuelt/ }, WAIT);
    await screen.findByRole("button", { name: /Tilføj Digital pladsanvisning/ }, WAIT);
    const results = await axe.run(view.container, {
      rules: { "color-contrast": { enabled: false } },
    });
    expect(
      results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});

describe("links to a point", () => {
  test("the address of a point opens the meeting's agenda and focuses the point", async () => {
    expect(parseRoute("#/moeder/5#punkt-2")).toEqual({ kind: "meeting", id: 5, page: "agenda" });
    window.location.hash = "#/moeder/5#punkt-2";
    try {
      const { memory } = setup(member, { state: "Dagsorden udsendt" });
      seedPoints(memory);
      await screen.findByRole("article", { name: /2\. Porteføljestatus/ }, WAIT);
      await waitFor(
        () => expect(document.activeElement?.textContent).toContain("Porteføljestatus"),
        WAIT,
      );
    } finally {
      window.location.hash = "";
    }
  });
});

describe("members read the agenda", () => {
  test("the ordered points with type, time-box, presenter and indstilling, nothing to edit", async () => {
    const { memory } = setup(member, {
      state: "Dagsorden udsendt",
      agendaSentAt: "2026-06-01T10:00:00Z",
    });
    memory.agendaItems.seed(
      {
        id: idOf<AgendaItemId>(1),
        ...anAgendaItem({
          title: "Eventuelt",
          meeting: aRef(5),
          sortOrder: 2,
          kind: "Orientering",
          durationMinutes: null,
        }),
      },
      {
        id: idOf<AgendaItemId>(2),
        ...anAgendaItem({
          title: "Digital pladsanvisning <script>",
          meeting: aRef(5),
          sortOrder: 1,
          kind: "Beslutning",
          durationMinutes: 20,
          presenter: mads,
          recommendation: "Sekretariatet indstiller,\nat tiltaget godkendes.",
        }),
      },
    );
    const list = await screen.findByRole("list", { name: "Dagsordenens punkter" }, WAIT);
    expect(
      within(list)
        .getAllByRole("heading", { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(["1. Digital pladsanvisning <script>", "2. Eventuelt"]);
    const first = point(/1\. Digital pladsanvisning/);
    expect(within(first).getByText("Beslutning")).toBeTruthy();
    expect(within(first).getByText("20 minutter")).toBeTruthy();
    expect(within(first).getByText("Mads Kjær")).toBeTruthy();
    expect(within(first).getByText(/at tiltaget godkendes/)).toBeTruthy();
    expect(screen.getByText(/Dagsordenen blev udsendt/)).toBeTruthy();
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
    expect(document.querySelector("script")).toBeNull();
  });
});
