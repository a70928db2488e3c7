/**
 * The Referat tab with fake ports (in-memory repositories, a fake Chefforum channel, a fake
 * directory): the secretary writes a point's minutes and decision (meeting Afholdt, decision
 * stored), adds an action with the people picker; the chair approves and the minutes are posted
 * once; a throttled post shows the failure and "Prøv igen", which finishes exactly once; an edit
 * of approved minutes asks first and clears the approval; members only read. Four eyes: the
 * approval shown comes from the chair's approval item, not the meeting's state; a state forged
 * by the secretary is shown to the chair and the secretary as irregular, naming who wrote it,
 * and offers approval instead of posting; members are not shown it. axe.
 */
import { TextEncoder as NodeTextEncoder } from "node:util";
import v8 from "node:v8";

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type {
  ChannelAddress,
  ChannelMessage,
  ChannelMessageId,
  ChannelPostRequest,
  DirectoryPerson,
} from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type MeetingId, type PersonId } from "../../src/domain/ids.js";
import { minutesContentHash } from "../../src/domain/minutes.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { MeetingState } from "../../src/domain/vocabulary.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import type { Repositories } from "../../src/ports/repositories.js";
import { MinutesTab } from "../../src/ui/meetings/minutes/MinutesTab.js";
import type { AppServices } from "../../src/ui/services.js";
import {
  aDecision,
  aMeeting,
  anAgendaItem,
  anInitiative,
  aPerson,
  aRef,
  aSetting,
} from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders } from "./support.js";

// jsdom's window has no structuredClone (Node has); the in-memory repositories copy with it.
globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

// Nor TextEncoder, which the posts' byte sizes are measured with (browsers have it).
globalThis.TextEncoder ??= NodeTextEncoder;

const NOW = new Date("2026-03-10T11:00:00Z"); // after the meeting
const WAIT = { timeout: 5000 };
const anne = aPerson({ id: idOf<PersonId>(40), name: "Anne Holm", email: "anne@x.dk" });

class FakeChannel implements ChannelPoster {
  readonly messages: ChannelMessage[] = [];
  posts = 0;
  failures: Error[] = [];

  post(_c: ChannelAddress, request: ChannelPostRequest) {
    this.posts += 1;
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    const id = String(500 + this.messages.length) as ChannelMessageId;
    this.messages.unshift({
      id,
      postedAt: NOW.toISOString(),
      webUrl: "",
      html: request.html,
      ...(request.subject ? { subject: request.subject } : {}),
    });
    return Promise.resolve({ id, postedAt: NOW.toISOString(), webUrl: "" });
  }

  list() {
    return Promise.resolve([...this.messages]);
  }
}

function setup(state: "Dagsorden udsendt" | "Afholdt" = "Dagsorden udsendt") {
  let who: Me = me(secretary, "secretary");
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.settings.seed(
    aSetting({ key: SETTING_KEYS.chefforumTeamId, value: "cf" }),
    aSetting({ key: SETTING_KEYS.chefforumChannelId, value: "ref" }),
  );
  memory.meetings.seed({ ...aMeeting({ state }), id: idOf<MeetingId>(1) });
  const [initiative] = memory.initiatives.seed(
    anInitiative({ title: "Chatbot", phase: "Idé", need: "Lange svartider" }),
  );
  memory.agendaItems.seed(
    anAgendaItem({ title: "Velkomst", sortOrder: 1, kind: "Orientering", meeting: aRef(1) }),
    anAgendaItem({
      title: "Chatbot til borgerservice",
      sortOrder: 2,
      kind: "Beslutning",
      meeting: aRef(1),
      initiative: aRef(initiative!.id, "Chatbot"),
    }),
  );
  const channel = new FakeChannel();
  return {
    memory,
    repositories,
    channel,
    as: (next: Me) => {
      who = next;
    },
    who: () => who,
  };
}

/**
 * The meeting in `state`, the chair's approval of the minutes as they are now written by the
 * chair, as approving does (the approval list is written only by Formand).
 */
function approvedAs(
  s: ReturnType<typeof setup>,
  state: MeetingState,
  o: { channelMessageId?: string } = {},
) {
  const meeting = s.memory.meetings.all()[0]!;
  const contentHash = minutesContentHash({
    meeting,
    items: s.memory.agendaItems.all(),
    decisions: s.memory.decisions.all(),
    actions: s.memory.actions.all(),
  });
  s.memory.minutesApprovals.seed({
    title: "Referat godkendt",
    meeting: aRef(1, meeting.title),
    contentHash,
    approvedAt: "2026-03-10T10:30:00Z",
    createdBy: chair,
    modifiedBy: chair,
  } as never);
  s.memory.meetings.touch(1, {
    state,
    minutesApprovedAt: "2026-03-10T10:30:00Z",
    minutesApprovedBy: chair,
    modifiedBy: chair,
    ...o,
  });
}

function renderTab(s: ReturnType<typeof setup>) {
  const unused = new Proxy(
    {},
    {
      get: (_t, prop) => {
        throw new Error(`not faked: ${String(prop)}`);
      },
    },
  );
  const found: DirectoryPerson[] = [
    { directoryId: "d-anne", name: anne.name, email: anne.email, department: "IT" },
  ];
  const services = {
    currentUser: { me: () => Promise.resolve(s.who()) },
    repositories: s.repositories satisfies Repositories,
    clock: { now: () => NOW },
    channel: s.channel,
    directory: { findPeople: () => Promise.resolve(found) },
    people: {
      ensure: () => Promise.resolve(anne),
      // Formand: the chair (the secretary is not in it).
      groupMembers: (group: string) => Promise.resolve(group === "Formand" ? [chair] : []),
    },
    links: { to: (hash: string) => `https://teams.example/tab${hash}` },
    mailer: unused,
    calendar: unused,
    files: unused,
  } as unknown as AppServices;
  return renderWithProviders(<MinutesTab meetingId={1} />, { services });
}

const point = (name: string) => screen.findByRole("region", { name }, WAIT);

function type(scope: HTMLElement, label: string, text: string) {
  fireEvent.change(within(scope).getByRole("textbox", { name: label }), {
    target: { value: text },
  });
}

/** Clicks "Godkend referatet" and confirms in the dialog that says what approving does. */
async function approveConfirmed(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole("button", { name: "Godkend referatet" }, WAIT));
  const dialog = await screen.findByRole("alertdialog", {}, WAIT);
  fireEvent.click(within(dialog).getByRole("button", { name: "Godkend referatet" }));
  return dialog;
}

describe("the secretary writes the minutes", () => {
  test("a point's minutes and decision are saved; the meeting is Afholdt; the phase moves with the decision", async () => {
    const s = setup();
    renderTab(s);
    const chatbot = await point("2. Chatbot til borgerservice");
    type(chatbot, "Referat", 'Drøftet. <script>alert("x")</script>');
    type(chatbot, "Beslutning", "Behovet analyseres.");
    fireEvent.click(within(chatbot).getByRole("checkbox", { name: "DF – Direktørforum" }));
    fireEvent.change(
      within(chatbot).getByRole("combobox", { name: "Flyt tiltagets fase med beslutningen" }),
      { target: { value: "Behovsanalyse" } },
    );
    fireEvent.click(within(chatbot).getByRole("button", { name: "Gem punktet" }));
    expect(
      await within(chatbot).findByText(
        "Punktet er gemt, og tiltaget er flyttet til Behovsanalyse.",
        undefined,
        WAIT,
      ),
    ).toBeTruthy();
    expect(s.memory.meetings.all()[0]!.state).toBe("Afholdt");
    expect(s.memory.agendaItems.all()[1]!.minutesText).toBe('Drøftet. <script>alert("x")</script>');
    expect(s.memory.decisions.all()).toEqual([
      expect.objectContaining({ text: "Behovet analyseres.", carriedTo: ["DF"] }),
    ]);
    expect(s.memory.initiatives.all()[0]!.phase).toBe("Behovsanalyse");
    expect(await screen.findByText("Referatet venter på formandens godkendelse.")).toBeTruthy();
  });

  test("moving the phase needs the decision it is recorded with: said, nothing saved", async () => {
    const s = setup();
    renderTab(s);
    const chatbot = await point("2. Chatbot til borgerservice");
    type(chatbot, "Referat", "Drøftet.");
    fireEvent.change(
      within(chatbot).getByRole("combobox", { name: "Flyt tiltagets fase med beslutningen" }),
      { target: { value: "Behovsanalyse" } },
    );
    expect(
      within(chatbot).getByText("Skriv beslutningen: faseskiftet registreres med den."),
    ).toBeTruthy();
    fireEvent.click(within(chatbot).getByRole("button", { name: "Gem punktet" }));
    await new Promise((r) => setTimeout(r, 50));
    expect(s.memory.agendaItems.all()[1]!.minutesText).toBe("");
    expect(s.memory.meetings.all()[0]!.state).toBe("Dagsorden udsendt");
  });

  test("an action is added with a task, an owner from the people picker and a due date, and removed", async () => {
    const s = setup("Afholdt");
    renderTab(s);
    const form = await screen.findByRole("form", { name: "Nyt opfølgningspunkt" }, WAIT);
    fireEvent.click(within(form).getByRole("button", { name: "Tilføj opfølgningspunkt" }));
    expect(await within(form).findByText("Vælg en ansvarlig.")).toBeTruthy();
    type(form, "Opgave", "Skriv business case");
    const owner = within(form).getByRole("combobox", { name: "Ansvarlig" });
    fireEvent.change(owner, { target: { value: "Anne" } });
    fireEvent.click(await screen.findByRole("option", { name: /Anne Holm/ }, WAIT));
    await waitFor(() => expect(within(form).queryByText("Vælg en ansvarlig.")).toBeNull(), WAIT);
    fireEvent.change(within(form).getByLabelText("Frist"), { target: { value: "2026-04-01" } });
    fireEvent.click(within(form).getByRole("button", { name: "Tilføj opfølgningspunkt" }));
    const actions = await screen.findByRole("region", { name: "Opfølgningspunkter" });
    expect(await within(actions).findByText("Skriv business case", undefined, WAIT)).toBeTruthy();
    expect(s.memory.actions.all()).toEqual([
      expect.objectContaining({
        title: "Skriv business case",
        owner: anne,
        due: "2026-04-01T00:00:00Z",
        meeting: expect.objectContaining({ id: 1 }) as unknown,
      }),
    ]);
    expect(
      await screen.findByText("Opfølgningspunktet »Skriv business case« er gemt.", undefined, WAIT),
    ).toBeTruthy();
    fireEvent.click(
      within(actions).getByRole("button", { name: "Fjern opfølgningspunktet Skriv business case" }),
    );
    expect(
      await screen.findByText(
        "Opfølgningspunktet »Skriv business case« er fjernet.",
        undefined,
        WAIT,
      ),
    ).toBeTruthy();
    expect(s.memory.actions.all()).toEqual([]);
    expect(
      await within(actions).findByText("Ingen opfølgningspunkter fra mødet endnu."),
    ).toBeTruthy();
  });

  test("members read the minutes as text (decisions outside a point too), with no form", async () => {
    const s = setup("Afholdt");
    s.memory.agendaItems.touch(1, { minutesText: "Formanden bød velkommen." });
    s.memory.decisions.seed(
      aDecision({ meeting: aRef(1), agendaItem: null, text: "Scenariet Forår forpligtes." }),
    );
    s.as(me(member, "member"));
    renderTab(s);
    const welcome = await point("1. Velkomst");
    expect(within(welcome).getByText("Formanden bød velkommen.")).toBeTruthy();
    const other = screen.getByRole("region", { name: "Øvrige beslutninger" });
    expect(within(other).getByText("Scenariet Forår forpligtes.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Gem punktet" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Godkend referatet" })).toBeNull();
    expect(screen.queryByRole("form", { name: "Nyt opfølgningspunkt" })).toBeNull();
  });
});

describe("the chair approves, and the minutes go to Chefforum once", () => {
  test("approve → posted once (script as text, link back to the tab) → Referat udsendt", async () => {
    const s = setup("Afholdt");
    s.memory.agendaItems.touch(1, { minutesText: "<script>alert(1)</script>" });
    s.as(me(chair, "chair"));
    renderTab(s);
    const dialog = await approveConfirmed();
    // The dialog said what approving does, with the real numbers.
    expect(dialog.textContent).toMatch(
      /Referatet med 2 punkter, 0 beslutninger og 0 opfølgningspunkter godkendes i dit navn og slås straks op i Chefforums kanal/,
    );
    expect(
      await screen.findByText("Referatet er godkendt og slået op i Chefforum.", undefined, WAIT),
    ).toBeTruthy();
    expect(s.channel.posts).toBe(1);
    expect(s.channel.messages[0]!.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(s.channel.messages[0]!.html).toContain(
      'href="https://teams.example/tab#/moeder/1/referat"',
    );
    expect(s.memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      minutesApprovedBy: chair,
    });
    expect(
      await screen.findByText(
        /Godkendt af Birgitte Holm .*slået op i Chefforum\./,
        undefined,
        WAIT,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Godkend referatet" })).toBeNull();
  });

  test("Teams throttled: the failure is shown, nothing marked sent, Prøv igen posts exactly once", async () => {
    const s = setup("Afholdt");
    s.as(me(chair, "chair"));
    s.channel.failures.push(new StoreError("Throttled", "Too many requests", { retryAfter: 30 }));
    renderTab(s);
    await approveConfirmed();
    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain("Microsoft Teams har travlt lige nu og beder os vente.");
    expect(alert.textContent).toContain("(Ventetid: 30 s.)");
    expect(alert.textContent).toContain("0 af 1 dele er slået op");
    expect(s.memory.meetings.all()[0]!.state).toBe("Referat godkendt");
    expect(s.memory.meetings.all()[0]!.channelMessageId).toBe("");
    fireEvent.click(await within(alert).findByRole("button", { name: "Prøv igen" }, WAIT));
    expect(
      await screen.findByText("Referatet er godkendt og slået op i Chefforum.", undefined, WAIT),
    ).toBeTruthy();
    expect(s.channel.messages).toHaveLength(1);
    expect(s.memory.meetings.all()[0]).toMatchObject({
      state: "Referat udsendt",
      channelMessageId: "500",
    });
  });

  test("approved but not posted (another session stopped): the chair can finish the posting", async () => {
    const s = setup("Afholdt");
    approvedAs(s, "Referat godkendt");
    s.as(me(chair, "chair"));
    renderTab(s);
    fireEvent.click(
      await screen.findByRole("button", { name: "Slå referatet op i Chefforum" }, WAIT),
    );
    // Posting cannot be taken back: asked first.
    const dialog = await screen.findByRole("alertdialog", {}, WAIT);
    expect(dialog.textContent).toMatch(
      /slås op i Chefforums kanal, hvor det ikke kan trækkes tilbage/,
    );
    fireEvent.click(within(dialog).getByRole("button", { name: "Slå referatet op i Chefforum" }));
    await waitFor(() => expect(s.memory.meetings.all()[0]!.state).toBe("Referat udsendt"), WAIT);
    expect(s.channel.posts).toBe(1);
  });
});

describe("an edit after approval", () => {
  test("is announced, asked before saving, and clears the approval (back to Afholdt)", async () => {
    const s = setup("Afholdt");
    approvedAs(s, "Referat udsendt", { channelMessageId: "42" });
    renderTab(s);
    expect(await screen.findByText("Referatet er godkendt", undefined, WAIT)).toBeTruthy();
    const welcome = await point("1. Velkomst");
    type(welcome, "Referat", "Rettet tekst");
    fireEvent.click(within(welcome).getByRole("button", { name: "Gem punktet" }));
    // (jsdom: tabster's modalizer marks the surface aria-hidden while it opens.)
    const dialog = await screen.findByRole("alertdialog", {
      name: "Godkendelsen fjernes",
      hidden: true,
    });
    // Cancel: nothing saved.
    fireEvent.click(within(dialog).getByRole("button", { name: "Annuller", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
    expect(s.memory.agendaItems.all()[0]!.minutesText).toBe("");
    fireEvent.click(within(welcome).getByRole("button", { name: "Gem punktet" }));
    fireEvent.click(
      within(await screen.findByRole("alertdialog", { hidden: true })).getByRole("button", {
        name: "Gem og fjern godkendelsen",
        hidden: true,
      }),
    );
    expect(await within(welcome).findByText("Punktet er gemt.", undefined, WAIT)).toBeTruthy();
    expect(s.memory.agendaItems.all()[0]!.minutesText).toBe("Rettet tekst");
    expect(s.memory.meetings.all()[0]).toMatchObject({
      state: "Afholdt",
      minutesApprovedAt: null,
      minutesApprovedBy: null,
      channelMessageId: "42",
    });
    expect(
      await screen.findByText(
        /^Referatet er ændret, siden Birgitte Holm godkendte det .*Det venter på formandens nye godkendelse\.$/,
        undefined,
        WAIT,
      ),
    ).toBeTruthy();
  });
});

describe("four eyes: the approval shown is the chair's, not the meeting's state", () => {
  function forged() {
    const s = setup("Afholdt");
    s.memory.agendaItems.touch(1, { minutesText: "Formanden bød velkommen." });
    // The secretary wrote the state and the chair as approver straight into the list.
    s.memory.meetings.touch(1, {
      state: "Referat godkendt",
      minutesApprovedAt: "2026-03-10T10:30:00Z",
      minutesApprovedBy: chair,
      modifiedBy: secretary,
    });
    return s;
  }
  const irregular =
    "Mødet står som »Referat godkendt«, men formanden har ikke godkendt referatet. Mødet blev sidst ændret af Mads Kjær. Referatet regnes ikke som godkendt og slås ikke op.";

  test("the secretary sees the forged state as irregular, naming who wrote it, and no approval", async () => {
    const s = forged();
    renderTab(s);
    expect(await screen.findByText("Godkendelsen er ikke i orden", undefined, WAIT)).toBeTruthy();
    expect(screen.getByText(irregular)).toBeTruthy();
    expect(screen.getByText("Referatet venter på formandens godkendelse.")).toBeTruthy();
    expect(screen.queryByText(/Godkendt af/)).toBeNull();
  });

  test("the chair is offered approval, not posting; approving settles it and posts once", async () => {
    const s = forged();
    s.as(me(chair, "chair"));
    renderTab(s);
    expect(await screen.findByText(irregular, undefined, WAIT)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Slå referatet op i Chefforum" })).toBeNull();
    await approveConfirmed();
    expect(
      await screen.findByText("Referatet er godkendt og slået op i Chefforum.", undefined, WAIT),
    ).toBeTruthy();
    expect(s.channel.posts).toBe(1);
    expect(s.memory.minutesApprovals.all()).toEqual([
      expect.objectContaining({ createdBy: chair }),
    ]);
    await waitFor(() => expect(screen.queryByText(irregular)).toBeNull(), WAIT);
  });

  test("members read the minutes as not approved, without the irregularities", async () => {
    const s = forged();
    s.as(me(member, "member"));
    renderTab(s);
    expect(
      await screen.findByText("Referatet venter på formandens godkendelse.", undefined, WAIT),
    ).toBeTruthy();
    expect(screen.queryByText("Godkendelsen er ikke i orden")).toBeNull();
  });

  test("a refusal by a minutes rule is shown in words, not as a code", async () => {
    const s = setup("Afholdt");
    approvedAs(s, "Referat godkendt");
    s.as(me(chair, "chair"));
    renderTab(s);
    const post = await screen.findByRole("button", { name: "Slå referatet op i Chefforum" }, WAIT);
    // Meanwhile the minutes are changed straight in the list: the approval no longer matches.
    s.memory.agendaItems.touch(1, { minutesText: "Ændret bag om ryggen" });
    fireEvent.click(post);
    fireEvent.click(
      within(await screen.findByRole("alertdialog", {}, WAIT)).getByRole("button", {
        name: "Slå referatet op i Chefforum",
      }),
    );
    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain(
      "Formanden har ikke godkendt referatet, som det ser ud nu, så det slås ikke op.",
    );
    expect(s.channel.posts).toBe(0);
  });
});

test("the tab has no serious or critical axe violations", async () => {
  const s = setup("Afholdt");
  const { container } = renderTab(s);
  await point("2. Chatbot til borgerservice");
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  const serious = result.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
});

describe("a meeting whose end has passed is held without anyone saving it again", () => {
  test("the chair sees it held and may approve, though the agenda was the last thing saved", async () => {
    // Stored as "Dagsorden udsendt"; the clock is after the meeting's end; nothing was saved since.
    const s = setup("Dagsorden udsendt");
    s.as(me(chair, "chair"));
    renderTab(s);
    expect(
      await screen.findByText("Referatet venter på formandens godkendelse.", undefined, WAIT),
    ).toBeTruthy();
    expect(screen.queryByText("Mødet er ikke afholdt endnu.")).toBeNull();
    await approveConfirmed();
    expect(
      await screen.findByText("Referatet er godkendt og slået op i Chefforum.", undefined, WAIT),
    ).toBeTruthy();
    expect(s.memory.meetings.all()[0]!.state).toBe("Referat udsendt");
  });
});
