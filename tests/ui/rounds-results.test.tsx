/**
 * Prioriteringsrunder after close, with fake ports whose Ballots list reads like SharePoint's
 * (a member reads only their own ballot; the chair and the secretariat read all): the chair's
 * close stores the result, and a member then sees the stored ranking with the spread and the
 * turnout counts, without the "you read only your own" warning; a missing or broken stored
 * result says it is not computed yet (never a crash), to the chair too, who can finish the
 * close to store it; the secretary, in the committee's team but not in Medlemmer or Formand, is
 * not in turnout; a close that cannot read who is in Medlemmer and Formand leaves the round open.
 */
import v8 from "node:v8";

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type { Person } from "../../src/domain/common.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import type { Ballot, BallotEntry, Round } from "../../src/domain/prioritization.js";
import { hasRole, type Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { BallotRepository } from "../../src/ports/repositories.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import RoundsView from "../../src/ui/prioritization/rounds/RoundsView.js";
import type { AppServices } from "../../src/ui/services.js";
import { aRef, aRound, aSetting } from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders, withLayout } from "./support.js";

// jsdom has no layout: the tables (virtualised) need a size to render their rows.
withLayout({ width: 1600, height: 800 });

globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

const NOW = new Date("2026-03-05T10:00:00Z");
const ida: Person = { id: idOf<PersonId>(9), name: "Ida Berg", email: "ida@x.dk" };
/** The committee's team: the voters and the secretary. */
const team = [member, chair, ida, secretary];
const siteGroups: Record<string, Person[]> = {
  Medlemmer: [member, ida],
  Formand: [chair],
  Sekretariat: [secretary],
};

function setup() {
  let who: Me = me(chair, "chair");
  const { memory, repositories } = memoryRepositories(() => who.person);
  /** How many more reads of a group's membership SharePoint refuses. */
  let hidden = 0;
  memory.settings.seed(aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }));
  // The Ballots list's own-items security: members read only the ballots they created.
  const readsAll = () => hasRole(who, "chair") || hasRole(who, "secretary");
  const ballots: BallotRepository = Object.create(repositories.ballots) as BallotRepository;
  ballots.list = async (query) => {
    const all = await repositories.ballots.list(query);
    return readsAll() ? all : all.filter((b) => b.createdBy?.id === who.person.id);
  };
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories: { ...repositories, ballots },
    clock: { now: () => NOW },
    mailer: { send: () => Promise.resolve() },
    directory: {
      membersOf: () => Promise.resolve(team.map((p) => ({ directoryId: `d${p.id}`, ...p }))),
    },
    people: {
      ensure: (email: string) => Promise.resolve(team.find((p) => p.email === email)!),
      groupMembers: (title: string) =>
        hidden-- > 0
          ? Promise.reject(new StoreError("Forbidden", "Access denied"))
          : Promise.resolve(siteGroups[title] ?? []),
    },
  } as unknown as AppServices;
  const view = (id: number) => {
    return renderWithProviders(<RoundsView id={id} />, { services });
  };
  return {
    memory,
    view,
    /** SharePoint hides the groups' membership from the next `calls` reads. */
    hide: (calls: number) => (hidden = calls),
    as: (m: Me) => (who = m),
  };
}

beforeAll(() => void createI18n("da"));

type Memory = ReturnType<typeof setup>["memory"];

function seedRound(memory: Memory, o: Partial<Round> = {}) {
  return memory.rounds.seed(
    aRound({
      title: "Forår 2026",
      method: "Rangordning",
      state: "Åben",
      candidates: [aRef(1, "Digital post"), aRef(2, "Chatbot"), aRef(3, "Droner")],
      ...o,
    }),
  )[0]!;
}

function vote(memory: Memory, round: Round, voter: Person, order: number[]): Ballot {
  const entries: BallotEntry[] = order.map((c, i) => ({ candidate: idOf(c), rank: i + 1 }));
  return memory.ballots.seed({
    title: "b",
    round: aRef(round.id),
    ballotKey: `${round.id}:${voter.id}`,
    voter,
    payload: { entries },
    comment: "",
    createdBy: voter,
    modifiedBy: voter,
  })[0]!;
}

function resultRows(): string[][] {
  const table = screen.getByRole("table", { name: "Resultat" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? ""),
    );
}

async function seriousAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

it("after the chair closes, a member sees the stored ranking of every ballot, without the warning", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  vote(memory, round, member, [1, 2, 3]);
  vote(memory, round, chair, [2, 1, 3]);

  // Before close the member sees no result, and is told they read only their own ballot.
  as(me(member, "member"));
  const open = view(round.id);
  expect(await screen.findByText("Resultatet vises, når runden er lukket.")).toBeTruthy();
  expect(await screen.findByText(/Stemmesedlerne er private/)).toBeTruthy();
  open.unmount();

  as(me(chair, "chair"));
  const chairView = view(round.id);
  fireEvent.click(await screen.findByRole("button", { name: "Luk runden" }));
  fireEvent.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Luk runden" }),
  );
  expect(
    await screen.findByText(/Runden er lukket, og resultatet er gemt: 2 stemmesedler er talt med/),
  ).toBeTruthy();
  await waitFor(() => expect(memory.rounds.all()[0]!.resultJson).toBeTruthy());
  chairView.unmount();

  as(me(member, "member"));
  const memberView = view(round.id);
  await screen.findByRole("table", { name: "Resultat" });
  expect(resultRows()).toEqual([
    ["1", "Digital post", "3", "50 %", "1 til 2 (std.afv. 0,5, 2 medlemmer)"],
    ["1", "Chatbot", "3", "50 %", "1 til 2 (std.afv. 0,5, 2 medlemmer)"],
    ["3", "Droner", "0", "0 %", "0 til 0 (std.afv. 0, 2 medlemmer)"],
  ]);
  // Both ballots counted, though the member reads only their own.
  expect(screen.getByText("2 stemmesedler er talt med.")).toBeTruthy();
  expect(screen.getByText(/Resultatet er beregnet ud fra de gyldige stemmesedler/)).toBeTruthy();
  expect(screen.getByText("2 af 3 medlemmer stemte.")).toBeTruthy();
  expect(screen.queryByText(/Stemmesedlerne er private/)).toBeNull();
  expect(screen.queryByText(/Resultatet er ikke beregnet endnu/)).toBeNull();
  // No one's ballot: the per-member table is the chair's alone.
  expect(screen.queryByRole("table", { name: "Medlemmernes stemmesedler" })).toBeNull();
  expect(screen.queryByRole("list", { name: "Har ikke stemt" })).toBeNull();
  expect(await seriousAxeViolations(memberView.container)).toEqual([]);
});

it("a closed round without a stored result tells a member it is not computed yet; the chair finishes the close", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory, { state: "Lukket" });
  vote(memory, round, member, [3, 2, 1]);
  memory.rounds.touch(round.id, { resultJson: '{"version":1,"method":"Rangordning"' });

  as(me(member, "member"));
  const memberView = view(round.id);
  expect(await screen.findByText(/Resultatet er ikke beregnet endnu/)).toBeTruthy();
  expect(screen.queryByRole("table", { name: "Resultat" })).toBeNull();
  memberView.unmount();

  as(me(chair, "chair"));
  view(round.id);
  // The chair is told the same, and can finish the close.
  expect(await screen.findByText(/Resultatet er ikke beregnet endnu/)).toBeTruthy();
  fireEvent.click(await screen.findByRole("button", { name: "Gennemfør lukningen" }));
  await screen.findByRole("table", { name: "Resultat" });
  expect(JSON.parse(memory.rounds.all()[0]!.resultJson!)).toMatchObject({
    version: 2,
    ballotsCounted: 1,
    turnout: { voters: 3, voted: 1, notVoted: 2 },
  });
});

it("the secretary is in the team but not a voter: not in turnout, and the close adds no ballot", async () => {
  const { memory, view, as } = setup();
  const round = seedRound(memory);
  vote(memory, round, member, [1, 2, 3]);
  as(me(secretary, "secretary"));
  view(round.id);
  const notVoted = await screen.findByRole("list", { name: "Har ikke stemt" });
  expect(
    within(notVoted)
      .getAllByRole("listitem")
      .map((li) => li.textContent),
  ).toEqual([chair.name, ida.name]);
  expect(screen.getByText("1 af 3 medlemmer har stemt.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Luk runden" }));
  fireEvent.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Luk runden" }),
  );
  expect(await screen.findByText(/1 stemmeseddel er talt med/)).toBeTruthy();
  expect(memory.ballots.all()).toHaveLength(1);
  expect(JSON.parse(memory.rounds.all()[0]!.resultJson!)).toMatchObject({
    turnout: { voters: 3, voted: 1, notVoted: 2 },
  });
});

it("a close that cannot read who is in Medlemmer and Formand leaves the round open and says how to fix it", async () => {
  const { memory, view, hide, as } = setup();
  const round = seedRound(memory);
  vote(memory, round, member, [1, 2, 3]);
  as(me(chair, "chair"));
  view(round.id);
  await screen.findByRole("list", { name: "Har ikke stemt" });
  hide(2);
  fireEvent.click(await screen.findByRole("button", { name: "Luk runden" }));
  fireEvent.click(
    within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Luk runden" }),
  );
  expect(
    await screen.findByText(
      /det kunne ikke læses, hvem der er i SharePoint-grupperne Medlemmer og Formand/,
    ),
  ).toBeTruthy();
  expect(memory.rounds.all()[0]!.state).toBe("Åben");
  expect(memory.rounds.all()[0]!.resultJson ?? "").toBe("");
  expect(memory.ballots.all()).toHaveLength(1);
});
