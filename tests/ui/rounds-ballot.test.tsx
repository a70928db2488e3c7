/**
 * Prioriteringsrunder with fake ports (in-memory repositories, a recording channel and mailer):
 * the secretary opens a round over the Klar til prioritering initiatives (notice with the
 * ballot's link); a member ranks with the keyboard, votes and changes the vote; a second ballot
 * refused by the store is shown; Kriteriescore keeps "ikke vurderet" apart from "ingen"; after
 * close the ballot is read-only and the chair sees the stored ranking, spread and each counted
 * ballot; turnout says who has voted and the secretary reminds the others by mail. Closing
 * stores the result (nothing is locked, no «Ikke afgivet» ballots; who did not vote shows as
 * not voted); an interrupted close can be finished; a member voting after close is told the
 * round is closed; a ballot changed by someone else or written in another's name is listed
 * for the chair, naming who wrote it, and not counted, and its author is told; only members
 * are told they read only their own ballot.
 */
import v8 from "node:v8";

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type { Person } from "../../src/domain/common.js";
import type { ChannelPostRequest, MailMessage } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import type { RoundDraft } from "../../src/domain/prioritization.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import RoundsView from "../../src/ui/prioritization/rounds/RoundsView.js";
import type { AppServices } from "../../src/ui/services.js";
import {
  aBudgetLine,
  aCriterion,
  anInitiative,
  aRef,
  aRound,
  aSetting,
  aWeightSet,
} from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { aStoredResultJson } from "../support/builders-tally.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders, withLayout } from "./support.js";

// jsdom has no layout: the tables (virtualised) need a size to render their rows.
withLayout({ width: 1600, height: 800 });

globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

const NOW = new Date("2026-03-05T10:00:00Z");
/** Waits for what loads after who I am and the round (a loaded machine runs jsdom slowly). */
const SLOW = { timeout: 8000 };
const ida: Person = { id: idOf<PersonId>(9), name: "Ida Berg", email: "ida@x.dk" };
const committee = [member, chair, ida];

function setup() {
  let who: Me = me(secretary, "secretary");
  let groupsHidden = 0;
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.settings.seed(
    aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }),
    aSetting({ key: SETTING_KEYS.committeeChannelId, value: "chan-1" }),
  );
  const posts: ChannelPostRequest[] = [];
  const mails: MailMessage[] = [];
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: { now: () => NOW },
    channel: {
      post: (_c: unknown, r: ChannelPostRequest) => {
        posts.push(r);
        return Promise.resolve({ id: "m", postedAt: NOW.toISOString(), webUrl: "https://t/m" });
      },
      list: () => Promise.resolve([]),
    },
    mailer: { send: (m: MailMessage) => Promise.resolve(void mails.push(m)) },
    directory: {
      membersOf: () => Promise.resolve(committee.map((p) => ({ directoryId: `d${p.id}`, ...p }))),
    },
    people: {
      ensure: (email: string) => Promise.resolve(committee.find((p) => p.email === email)!),
      groupMembers: (title: string) =>
        groupsHidden-- > 0
          ? Promise.reject(new StoreError("Forbidden", "Access denied"))
          : Promise.resolve(
              title === "Medlemmer" ? [member, ida] : title === "Formand" ? [chair] : [],
            ),
    },
  } as unknown as AppServices;
  const view = (id: number | null) => {
    return renderWithProviders(<RoundsView id={id} />, { services });
  };
  return {
    memory,
    posts,
    mails,
    view,
    as: (m: Me) => (who = m),
    /** The site groups' membership is hidden from the next `calls` reads. */
    hideGroups: (calls: number) => (groupsHidden = calls),
  };
}

/** createI18n sets up the global i18next instance the hooks use. */
beforeAll(() => void createI18n("da"));

function seedRound(memory: ReturnType<typeof setup>["memory"], o: Partial<RoundDraft> = {}) {
  return memory.rounds.seed(
    aRound({
      title: "Forår 2026",
      state: "Åben",
      candidates: [aRef(1, "Digital post"), aRef(2, "Chatbot"), aRef(3, "Droner")],
      ...o,
    }),
  )[0]!;
}

it("the secretary opens a round over the ready initiatives and the channel gets the ballot's link", async () => {
  const { memory, posts, view } = setup();
  memory.initiatives.seed(
    anInitiative({ title: "Digital post", phase: "Klar til prioritering" }),
    anInitiative({ title: "Idé-tiltag", phase: "Idé" }),
    anInitiative({ title: "Chatbot", phase: "Klar til prioritering" }),
  );
  view(null);
  const candidates = await screen.findByRole("group", { name: /Kandidater/ });
  expect(within(candidates).getByRole("checkbox", { name: "Digital post" })).toHaveProperty(
    "checked",
    true,
  );
  expect(within(candidates).getByRole("checkbox", { name: "Chatbot" })).toHaveProperty(
    "checked",
    true,
  );
  expect(within(candidates).queryByRole("checkbox", { name: "Idé-tiltag" })).toBeNull();
  fireEvent.change(screen.getByRole("textbox", { name: /Navn på runden/ }), {
    target: { value: "Forår 2026" },
  });
  fireEvent.click(screen.getByRole("radio", { name: "Prikker" }));
  fireEvent.change(screen.getByRole("spinbutton", { name: /Prikker pr. medlem/ }), {
    target: { value: "5" },
  });
  fireEvent.click(within(candidates).getByRole("checkbox", { name: "Chatbot" }));
  fireEvent.click(screen.getByRole("button", { name: "Åbn runden" }));
  expect(await screen.findByText(/Udvalgets kanal har fået besked/)).toBeTruthy();
  const [round] = memory.rounds.all();
  expect(round).toMatchObject({
    state: "Åben",
    method: "Prikker",
    settings: { pointsPerMember: 5 },
  });
  expect(round!.candidates.map((c) => c.title)).toEqual(["Digital post"]);
  expect(posts[0]!.html).toContain(`#/prioritering/runder/${round!.id}"`);
  // The success message and the refreshed list both link to the new round.
  await waitFor(() => expect(screen.getAllByRole("link", { name: "Forår 2026" })).toHaveLength(2));
  for (const link of screen.getAllByRole("link", { name: "Forår 2026" })) {
    expect(link.getAttribute("href")).toBe(`#/prioritering/runder/${round!.id}`);
  }
});

it("a member ranks with Alt+arrows, votes, changes the vote; turnout shows only their own state", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  as(me(member, "member"));
  const first = view(round.id);
  const list = await screen.findByRole("list", { name: "Din rangordning" });
  const droner = within(list).getByText("Droner").closest("li")!;
  droner.focus();
  fireEvent.keyDown(droner, { key: "ArrowUp", altKey: true });
  await screen.findByText("Droner er flyttet til plads 2.");
  fireEvent.click(screen.getByRole("button", { name: "Flyt Droner op" }));
  expect(
    within(list)
      .getAllByRole("listitem")
      .map((li) => li.textContent),
  ).toEqual([
    expect.stringContaining("Droner"),
    expect.stringContaining("Digital post"),
    expect.stringContaining("Chatbot"),
  ]);
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  expect(await screen.findByText("Din stemme er gemt.")).toBeTruthy();
  expect(memory.ballots.all()).toHaveLength(1);
  expect(memory.ballots.all()[0]).toMatchObject({ ballotKey: `${round.id}:${member.id}` });
  expect(memory.ballots.all()[0]!.payload.entries.map((e) => [e.candidate, e.rank])).toEqual([
    [3, 1],
    [1, 2],
    [2, 3],
  ]);
  // Turnout: a member reads only their own ballot, so only their own state, no one else's.
  expect(await screen.findByText("Du har stemt.")).toBeTruthy();
  expect(screen.getByText(/Formanden og sekretariatet følger, hvem der har stemt/)).toBeTruthy();
  expect(screen.queryByRole("list", { name: "Har ikke stemt" })).toBeNull();
  expect(screen.queryByText(/medlemmer har stemt/)).toBeNull();
  // Change the vote.
  await screen.findByRole("button", { name: "Gem ændret stemme" });
  // The confirmation outlives the page's reload after the save.
  expect(screen.getByText("Din stemme er gemt.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Flyt Digital post op" }));
  fireEvent.click(screen.getByRole("button", { name: "Gem ændret stemme" }));
  await waitFor(() =>
    expect(memory.ballots.all()[0]!.payload.entries.map((e) => e.candidate)).toEqual([1, 3, 2]),
  );
  expect(memory.ballots.all()).toHaveLength(1);
  expect(screen.getByText("Resultatet vises, når runden er lukket.")).toBeTruthy();
  first.unmount();
});

it("a second ballot refused by the store is shown as such", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory, { method: "Prikker", settings: { pointsPerMember: 4 } });
  as(me(member, "member"));
  view(round.id);
  fireEvent.change(await screen.findByRole("spinbutton", { name: "Prikker til Chatbot" }), {
    target: { value: "3" },
  });
  expect(screen.getByText("1 af 4 prikker tilbage.")).toBeTruthy();
  memory.ballots.failNext("add", new StoreError("Conflict", "BallotKey must be unique"));
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  expect(await screen.findByText("Du har allerede en stemmeseddel i denne runde")).toBeTruthy();
  expect(memory.ballots.all()).toHaveLength(0);
});

it("Kriteriescore keeps Ikke vurderet apart from Ingen", async () => {
  const { memory, view, as } = setup();
  const [nytte, okonomi] = memory.criteria.seed(
    aCriterion({ title: "Nytte" }),
    aCriterion({ title: "Økonomi" }),
  );
  const [ws] = memory.weightSets.seed(
    aWeightSet({
      weights: [
        { criterion: nytte!.id, weight: 0.5 },
        { criterion: okonomi!.id, weight: 0.5 },
      ],
    }),
  );
  const round = seedRound(memory, {
    method: "Kriteriescore",
    weightSet: aRef(ws!.id),
    candidates: [aRef(1, "Digital post")],
  });
  as(me(member, "member"));
  view(round.id);
  const nytteBox = await screen.findByRole("combobox", { name: "Digital post – Nytte" });
  const okonomiBox = screen.getByRole("combobox", { name: "Digital post – Økonomi" });
  expect((okonomiBox as HTMLSelectElement).value).toBe("");
  expect(within(okonomiBox).getByRole("option", { name: "Ikke vurderet" })).toBeTruthy();
  fireEvent.change(nytteBox, { target: { value: "3" } });
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  await screen.findByText("Din stemme er gemt.");
  expect(memory.ballots.all()[0]!.payload.entries).toEqual([
    { candidate: 1, criterionScores: { [String(nytte!.id)]: 3 } },
  ]);
});

it("after close the ballot is read-only; the chair sees the stored ranking, the spread and each counted ballot", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory, { state: "Lukket" });
  const counted = memory.ballots.seed(
    {
      title: "b",
      round: aRef(round.id),
      ballotKey: `${round.id}:${member.id}`,
      voter: member,
      payload: {
        entries: [
          { candidate: idOf(1), rank: 1 },
          { candidate: idOf(2), rank: 2 },
          { candidate: idOf(3), rank: 3 },
        ],
      },
      comment: "",
      createdBy: member,
      modifiedBy: member,
    },
    {
      title: "b",
      round: aRef(round.id),
      ballotKey: `${round.id}:${chair.id}`,
      voter: chair,
      payload: {
        entries: [
          { candidate: idOf(2), rank: 1 },
          { candidate: idOf(1), rank: 2 },
          { candidate: idOf(3), rank: 3 },
        ],
      },
      comment: "",
      createdBy: chair,
      modifiedBy: chair,
    },
  );
  memory.rounds.touch(round.id, { resultJson: aStoredResultJson(round, counted) });
  as(me(chair, "chair"));
  view(round.id);
  expect(await screen.findByText(/Runden tager ikke imod stemmer/)).toBeTruthy();
  expect(screen.queryByRole("button", { name: /stemme/ })).toBeNull();
  expect(screen.getByRole("button", { name: "Flyt Chatbot op" })).toHaveProperty("disabled", true);
  const results = screen.getByRole("table", { name: "Resultat" });
  const rows = within(results).getAllByRole("row").slice(1);
  expect(
    rows.map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ),
  ).toEqual([
    ["1", "Digital post", "3", "50 %", "1 til 2 (std.afv. 0,5, 2 medlemmer)"],
    ["1", "Chatbot", "3", "50 %", "1 til 2 (std.afv. 0,5, 2 medlemmer)"],
    ["3", "Droner", "0", "0 %", "0 til 0 (std.afv. 0, 2 medlemmer)"],
  ]);
  const members = screen.getByRole("table", { name: "Medlemmernes stemmesedler" });
  const memberRow = within(members).getByRole("row", { name: new RegExp(member.name) });
  expect(
    within(memberRow)
      .getAllByRole("cell")
      .map((c) => c.textContent),
  ).toEqual([member.name, "Nr. 1", "Nr. 2", "Nr. 3"]);
  // The member who did not vote has no ballot and is named as not voted.
  expect(within(members).queryByRole("row", { name: new RegExp(ida.name) })).toBeNull();
  expect(screen.getByText("2 stemmesedler er talt med.")).toBeTruthy();
  const notVoted = await screen.findByRole("list", { name: "Har ikke stemt" });
  expect(within(notVoted).getByText(ida.name)).toBeTruthy();
  expect(screen.getByText("2 af 3 medlemmer har stemt.")).toBeTruthy();
  // The chair reads every ballot: no "you read only your own" message, nothing irregular.
  expect(screen.queryByText(/Stemmesedlerne er private/)).toBeNull();
  expect(screen.queryByText("Stemmesedler, der ikke tælles med")).toBeNull();
});

it("the secretary reminds the members who have not voted, one escaped mail each", async () => {
  const { memory, mails, view } = setup();
  const round = seedRound(memory, { title: "Forår <2026>" });
  memory.ballots.seed({
    title: "b",
    round: aRef(round.id),
    ballotKey: `${round.id}:${member.id}`,
    voter: member,
    payload: { entries: [] },
    comment: "",
    createdBy: member,
    modifiedBy: member,
  });
  view(round.id);
  fireEvent.click(await screen.findByRole("button", { name: "Send påmindelse til 2 medlemmer" }));
  expect(await screen.findByText("Påmindelse sendt til 2 medlemmer.")).toBeTruthy();
  expect(mails.map((m) => m.to)).toEqual([[chair.email], [ida.email]]);
  expect(mails[0]!.html).toContain("Forår &lt;2026&gt;");
  expect(mails[0]!.html).toContain(`#/prioritering/runder/${round.id}"`);
  expect(screen.queryByText("Din stemmeseddel")).toBeNull();
  // The secretary reads every ballot (Override List Behaviors on the Ballots list): turnout is
  // complete.
  expect(screen.queryByText(/Stemmesedlerne er private/)).toBeNull();
});

it("a member reads only their own ballot and is told so", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  memory.ballots.seed({
    title: "b",
    round: aRef(round.id),
    ballotKey: `${round.id}:${member.id}`,
    voter: member,
    payload: { entries: [{ candidate: idOf(1), rank: 1 }] },
    comment: "",
    createdBy: member,
    modifiedBy: member,
  });
  as(me(member, "member"));
  view(round.id);
  expect(await screen.findByText(/Stemmesedlerne er private: du kan kun se din egen/)).toBeTruthy();
  expect(screen.getByText("Du har stemt.")).toBeTruthy();
});

it("the chair closes the round: the result is stored, nothing is locked, those who did not vote show as not voted", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  memory.ballots.seed({
    title: "b",
    round: aRef(round.id),
    ballotKey: `${round.id}:${member.id}`,
    voter: member,
    payload: {
      entries: [
        { candidate: idOf(2), rank: 1 },
        { candidate: idOf(1), rank: 2 },
        { candidate: idOf(3), rank: 3 },
      ],
    },
    comment: "",
    createdBy: member,
    modifiedBy: member,
  });
  as(me(chair, "chair", "member"));
  view(round.id);
  await screen.findByRole("list", { name: "Har stemt" });
  fireEvent.click(await screen.findByRole("button", { name: "Luk runden" }));
  // Asked first, with the real numbers.
  const dialog = await screen.findByRole("alertdialog", { name: "Luk runden »Forår 2026«?" });
  expect(within(dialog).getByText(/^1 af 3 medlemmer har stemt\./)).toBeTruthy();
  fireEvent.click(within(dialog).getByRole("button", { name: "Luk runden" }));
  expect(
    await screen.findByText(
      /Runden er lukket, og resultatet er gemt: 1 stemmeseddel er talt med\./,
    ),
  ).toBeTruthy();
  expect(memory.rounds.all()[0]!.state).toBe("Lukket");
  expect(JSON.parse(memory.rounds.all()[0]!.resultJson!)).toMatchObject({ ballotsCounted: 1 });
  // Nothing is written to the ballots at close.
  expect(memory.ballots.all()).toHaveLength(1);
  expect(memory.ballots.calls.map(([m]) => m)).not.toContain("add");
  const members = await screen.findByRole("table", { name: "Medlemmernes stemmesedler" });
  expect(within(members).getAllByRole("row")).toHaveLength(2);
  await waitFor(() => expect(screen.getByText("1 af 3 medlemmer har stemt.")).toBeTruthy());
  const notVoted = screen.getByRole("list", { name: "Har ikke stemt" });
  expect(
    within(notVoted)
      .getAllByRole("listitem")
      .map((li) => li.textContent),
  ).toEqual([chair.name, ida.name]);
  expect(screen.getByText("1 stemmeseddel er talt med.")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Luk runden" })).toBeNull();
});

it("an interrupted close is shown and can be finished", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  as(me(chair, "chair"));
  view(round.id);
  await screen.findByRole("list", { name: "Har stemt" }, SLOW);
  memory.ballots.failNext("list", new StoreError("Unavailable", "SharePoint svarer ikke"));
  fireEvent.click(await screen.findByRole("button", { name: "Luk runden" }));
  fireEvent.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Luk runden" }),
  );
  expect(await screen.findByText("Runden kunne ikke lukkes", undefined, SLOW)).toBeTruthy();
  expect(memory.rounds.all()[0]!.state).toBe("Lukket");
  expect(
    await screen.findByText(/Resultatet er ikke beregnet endnu/, undefined, SLOW),
  ).toBeTruthy();
  fireEvent.click(
    (await screen.findAllByRole("button", { name: "Gennemfør lukningen" }, SLOW))[0]!,
  );
  expect(
    await screen.findByText(/Runden er lukket, og resultatet er gemt: 0 stemmesedler er talt med/),
  ).toBeTruthy();
  expect(JSON.parse(memory.rounds.all()[0]!.resultJson!)).toMatchObject({ ballotsCounted: 0 });
});

it("a close that cannot read who may vote leaves the round open and says how to fix it", async () => {
  const { memory, view, as, hideGroups } = setup();
  const round = seedRound(memory);
  as(me(chair, "chair"));
  view(round.id);
  await screen.findByRole("list", { name: "Har stemt" }, SLOW);
  // Hidden from the close's two reads (Medlemmer, Formand).
  hideGroups(2);
  fireEvent.click(await screen.findByRole("button", { name: "Luk runden" }));
  fireEvent.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Luk runden" }),
  );
  expect(await screen.findByText(/lade alle se gruppernes medlemmer/)).toBeTruthy();
  expect(memory.rounds.all()[0]!.state).toBe("Åben");
  expect(await screen.findByRole("button", { name: "Gennemfør lukningen" }, SLOW)).toBeTruthy();
});

it("a closed round without a stored result tells the chair it is not computed; finishing the close stores it", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory, { state: "Lukket" });
  as(me(chair, "chair"));
  view(round.id);
  expect(
    await screen.findByText(/Resultatet er ikke beregnet endnu/, undefined, SLOW),
  ).toBeTruthy();
  fireEvent.click(await screen.findByRole("button", { name: "Gennemfør lukningen" }, SLOW));
  await screen.findByRole("table", { name: "Resultat" });
  expect(memory.rounds.all()[0]!.resultJson).toBeTruthy();
});

it("a member voting after the round was closed gets a clear Danish message", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  as(me(ida, "member"));
  view(round.id);
  await screen.findByRole("button", { name: "Afgiv stemme" });
  // Meanwhile the chair closes the round: the round, read again before saving, says so.
  memory.rounds.touch(round.id, { state: "Lukket" });
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  const alert = await screen.findByRole("alert");
  expect(within(alert).getByText("Runden er lukket")).toBeTruthy();
  expect(
    within(alert).getByText(
      "Runden blev lukket, før din stemme blev gemt. Stemmer kan ikke længere afgives eller ændres.",
    ),
  ).toBeTruthy();
  expect(screen.queryByText("Du har allerede en stemmeseddel i denne runde")).toBeNull();
  // The page is read again: the form is closed.
  expect(await screen.findByText(/Runden tager ikke imod stemmer/)).toBeTruthy();
  expect(memory.ballots.all()).toHaveLength(0);
});

it("ballots changed by someone else or cast in another's name are listed for the chair, naming who wrote them; their authors are told", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  const [changed, forged] = memory.ballots.seed(
    {
      title: "b",
      round: aRef(round.id),
      ballotKey: `${round.id}:${member.id}`,
      voter: member,
      payload: { entries: [{ candidate: idOf(3), rank: 1 }] },
      comment: "",
      createdBy: member,
      modifiedBy: secretary,
    },
    {
      title: "b",
      round: aRef(round.id),
      ballotKey: `${round.id}:${chair.id}`,
      voter: chair,
      payload: { entries: [{ candidate: idOf(2), rank: 1 }] },
      comment: "",
      createdBy: ida,
      modifiedBy: ida,
    },
  );
  as(me(chair, "chair"));
  const chairPage = view(round.id);
  const list = await screen.findByRole("list", { name: "Stemmesedler, der ikke tælles med" });
  expect(
    within(list)
      .getAllByRole("listitem")
      .map((li) => li.textContent),
  ).toEqual([
    `Stemmeseddel ${changed!.id} fra ${secretary.name} er senest ændret af en anden end forfatteren og tælles ikke med.`,
    `Stemmeseddel ${forged!.id} fra ${ida.name} er afgivet i en andens navn (${chair.name}) og tælles ikke med for nogen.`,
  ]);
  // The chair has not voted: the ballot in their name is not theirs.
  const notVoted = await screen.findByRole("list", { name: "Har ikke stemt" });
  await waitFor(() => expect(within(notVoted).getAllByRole("listitem")).toHaveLength(3));
  chairPage.unmount();

  as(me(member, "member"));
  view(round.id);
  expect(
    await screen.findByText(
      `Din stemmeseddel (nr. ${changed!.id}) er senest ændret af en anden end forfatteren og tælles ikke med.`,
    ),
  ).toBeTruthy();
  expect(screen.queryByText("Stemmesedler, der ikke tælles med")).toBeNull();
});

async function seriousAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

it("the open form and a ballot page have no serious or critical axe violations", async () => {
  const { memory, view, as } = setup();
  memory.initiatives.seed(anInitiative({ title: "Digital post", phase: "Klar til prioritering" }));
  const list = view(null);
  await screen.findByRole("group", { name: /Kandidater/ });
  expect(await seriousAxeViolations(list.container)).toEqual([]);
  list.unmount();
  const round = seedRound(memory);
  as(me(member, "member"));
  const ballot = view(round.id);
  await screen.findByRole("list", { name: "Din rangordning" });
  await screen.findByText("Du har ikke stemt endnu.");
  expect(await seriousAxeViolations(ballot.container)).toEqual([]);
});

it("Budget: picks within the amount, shows what is left, and the refusal when over it", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory, { method: "Budget", settings: { budgetPerMember: 1_000_000 } });
  memory.budgetLines.seed(
    aBudgetLine({ initiative: aRef(1), kind: "Anlæg", year: 2026, amount: 600_000 }),
    aBudgetLine({ initiative: aRef(2), kind: "Anlæg", year: 2026, amount: 700_000 }),
  );
  as(me(member, "member"));
  view(round.id);
  const droner = await screen.findByRole("checkbox", { name: /Droner \(ingen anlægspris/ });
  expect(droner).toHaveProperty("disabled", true);
  fireEvent.click(screen.getByRole("checkbox", { name: /^Digital post/ }));
  expect(
    screen.getByText(/^Valgt for 600\.000 kr\. af 1\.000\.000 kr\.; 400\.000 kr\. tilbage\./),
  ).toBeTruthy();
  fireEvent.click(screen.getByRole("checkbox", { name: /^Chatbot/ }));
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  expect(await screen.findByText(/for meget/)).toBeTruthy();
  expect(memory.ballots.all()).toHaveLength(0);
  fireEvent.click(screen.getByRole("checkbox", { name: /^Chatbot/ }));
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  await screen.findByText("Din stemme er gemt.");
  expect(memory.ballots.all()[0]!.payload.entries).toEqual([{ candidate: 1 }]);
});

function seedScoreRound(memory: ReturnType<typeof setup>["memory"]) {
  const [nytte, okonomi] = memory.criteria.seed(
    aCriterion({ title: "Nytte" }),
    aCriterion({ title: "Økonomi" }),
  );
  const [ws] = memory.weightSets.seed(
    aWeightSet({
      weights: [
        { criterion: nytte!.id, weight: 0.5 },
        { criterion: okonomi!.id, weight: 0.5 },
      ],
    }),
  );
  const round = seedRound(memory, { method: "Kriteriescore", weightSet: aRef(ws!.id) });
  return { round, nytte: nytte!, okonomi: okonomi! };
}

it("Kriteriescore is one grid: candidates as rows, criteria as columns, each cell named candidate – criterion, in row order", async () => {
  const { memory, view, as } = setup();
  const { round } = seedScoreRound(memory);
  as(me(member, "member"));
  view(round.id);
  const grid = await screen.findByRole("table", { name: /kandidater i rækkerne/ });
  expect(
    within(grid)
      .getAllByRole("columnheader")
      .map((h) => h.textContent),
  ).toEqual(["Nytte", "Økonomi"]);
  expect(
    within(grid)
      .getAllByRole("rowheader")
      .map((h) => h.textContent),
  ).toEqual(["Digital post", "Chatbot", "Droner"]);
  // The tab order is the reading order: row by row, criterion by criterion.
  expect(
    within(grid)
      .getAllByRole("combobox")
      .map((c) => c.getAttribute("aria-label")),
  ).toEqual([
    "Digital post – Nytte",
    "Digital post – Økonomi",
    "Chatbot – Nytte",
    "Chatbot – Økonomi",
    "Droner – Nytte",
    "Droner – Økonomi",
  ]);
  for (const cell of within(grid).getAllByRole("combobox")) {
    expect(cell.getAttribute("tabindex")).not.toBe("-1");
  }
  expect(screen.getByText(/Tab og Skift\+Tab går fra felt til felt, række for række/)).toBeTruthy();
});

it("an empty ballot asks first and says it counts as taking part without a view", async () => {
  const { memory, view, as } = setup();
  const { round } = seedScoreRound(memory);
  as(me(member, "member"));
  view(round.id);
  await screen.findByRole("table", { name: /kandidater i rækkerne/ });
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  const dialog = await screen.findByRole("alertdialog", {
    name: "Afgiv en stemmeseddel uden holdning?",
  });
  expect(
    within(dialog).getByText(/ikke vurderet nogen af de 3 kandidater.*deltagelse uden holdning/),
  ).toBeTruthy();
  fireEvent.click(within(dialog).getByRole("button", { name: "Annullér" }));
  await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  expect(memory.ballots.all()).toHaveLength(0);
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  fireEvent.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", {
      name: "Afgiv tom stemmeseddel",
    }),
  );
  expect(await screen.findByText("Din stemme er gemt.")).toBeTruthy();
  expect(memory.ballots.all()[0]!.payload.entries).toEqual([]);
});

it("a ballot with a view is cast without being asked", async () => {
  const { memory, view, as } = setup();
  const { round, nytte } = seedScoreRound(memory);
  as(me(member, "member"));
  view(round.id);
  fireEvent.change(await screen.findByRole("combobox", { name: "Chatbot – Nytte" }), {
    target: { value: "0" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Afgiv stemme" }));
  expect(await screen.findByText("Din stemme er gemt.")).toBeTruthy();
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(memory.ballots.all()[0]!.payload.entries).toEqual([
    { candidate: 2, criterionScores: { [String(nytte.id)]: 0 } },
  ]);
});

it("a proposer opening a round is told who can see it, and nothing it cannot read is requested", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  as(me(ida, "contributor"));
  view(round.id);
  expect(
    await screen.findByText(/Kun styregruppens medlemmer, formanden og sekretariatet/),
  ).toBeTruthy();
  expect(screen.queryByText(/findes ikke/)).toBeNull();
  expect(memory.ballots.calls).toEqual([]);
  expect(memory.rounds.calls).toEqual([]);
});
