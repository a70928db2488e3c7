/**
 * Beslutningslog with in-memory repositories: every decision newest first, filtered by meeting,
 * initiative and forum, each linking to its meeting's minutes and its initiative; user text
 * shown as text; open actions grouped per owner with overdue marked in words and an icon (by the
 * services' clock, Danish dates); closed actions left out; axe.
 */
import v8 from "node:v8";

import { jest } from "@jest/globals";
import { fireEvent, screen, within } from "@testing-library/react";
import axe from "axe-core";

import { StoreError } from "../../src/domain/errors.js";
import { idOf, type MeetingId, type PersonId } from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import DecisionLogView from "../../src/ui/meetings/decisions/DecisionLogView.js";
import type { AppServices } from "../../src/ui/services.js";
import { aDecision, aFollowUpAction, aMeeting, aPerson, aRef } from "../support/builders.js";
import { chair, me, member, secretary } from "../support/builders-lifecycle.js";
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

// 10:00 Danish time, 1 April 2026.
const NOW = new Date("2026-04-01T08:00:00Z");
const anne = aPerson({ id: idOf<PersonId>(21), name: "Anne Holm", email: "anne@x.dk" });
const bo = aPerson({ id: idOf<PersonId>(22), name: "Bo Ravn", email: "bo@x.dk" });

function setup(who: Me = me(member, "member")) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  // Meetings 1 and 2: minutes approved by the chair. Meeting 3: held, minutes not approved yet.
  memory.meetings.seed(
    {
      ...aMeeting({ title: "Styregruppemøde februar 2026", state: "Referat udsendt" }),
      id: idOf<MeetingId>(1),
    },
    {
      ...aMeeting({ title: "Styregruppemøde marts 2026", state: "Referat godkendt" }),
      id: idOf<MeetingId>(2),
    },
    {
      ...aMeeting({ title: "Styregruppemøde april 2026", state: "Afholdt" }),
      id: idOf<MeetingId>(3),
    },
  );
  memory.minutesApprovals.seed(
    {
      title: "Referat godkendt",
      meeting: aRef(1),
      contentHash: `sha256:${"a".repeat(64)}`,
      approvedAt: "2026-02-04T09:00:00Z",
    },
    {
      title: "Referat godkendt",
      meeting: aRef(2),
      contentHash: `sha256:${"b".repeat(64)}`,
      approvedAt: "2026-03-11T09:00:00Z",
    },
  );
  memory.decisions.seed(
    aDecision({
      title: "Chatbot prioriteres",
      text: "Styregruppen prioriterer chatbotten.\n<script>alert(1)</script>",
      meeting: aRef(1, "Styregruppemøde februar 2026"),
      initiative: aRef(5, "Chatbot"),
      carriedTo: ["ØU"],
      decidedAt: "2026-02-03T09:00:00Z",
    }),
    aDecision({
      title: "Ny proces for gevinster",
      meeting: aRef(2, "Styregruppemøde marts 2026"),
      initiative: null,
      carriedTo: [],
      decidedAt: "2026-03-10T09:00:00Z",
    }),
    aDecision({
      title: "Digital post udvides",
      meeting: aRef(2, "Styregruppemøde marts 2026"),
      initiative: aRef(6, "Digital post"),
      carriedTo: ["DF", "CF"],
      decidedAt: "2026-03-10T09:30:00Z",
    }),
  );
  memory.decisions.seed(
    aDecision({
      title: "Udkast: robotter afprøves",
      meeting: aRef(3, "Styregruppemøde april 2026"),
      decidedAt: "2026-03-31T09:00:00Z",
    }),
  );
  memory.actions.seed(
    aFollowUpAction({
      title: "Business case for chatbot",
      owner: bo,
      due: "2026-03-31T22:00:00Z", // 1 April, Danish date: due today, not overdue
      state: "Åben",
      meeting: aRef(1, "Styregruppemøde februar 2026"),
      initiative: aRef(5, "Chatbot"),
    }),
    aFollowUpAction({
      title: "Gevinstskabelon",
      owner: anne,
      due: "2026-03-30T22:00:00Z", // 31 March: overdue
      state: "I gang",
      meeting: aRef(2, "Styregruppemøde marts 2026"),
    }),
    aFollowUpAction({ title: "Tal med IT", owner: anne, due: null, state: "Åben" }),
    aFollowUpAction({ title: "Gammel opgave", owner: anne, state: "Afsluttet" }),
    aFollowUpAction({ title: "Droppet", owner: bo, state: "Annulleret" }),
  );
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: { now: () => NOW },
  } as unknown as AppServices;
  const view = () => {
    return renderWithProviders(<DecisionLogView />, { services });
  };
  return { memory, view };
}

const text = (el: HTMLElement) => (el.textContent ?? "").replace(/\s+/g, " ").trim();

function decisionRows() {
  const table = screen.getByRole("table", { name: "Beslutninger" });
  return within(table).getAllByRole("row").slice(1);
}

test("every decision, newest first, linking to its meeting's minutes and its initiative; text as text", async () => {
  const { view } = setup();
  view();
  await screen.findByRole("table", { name: "Beslutninger" }, WAIT);
  const rows = decisionRows();
  expect(rows.map((r) => within(r).getAllByRole("cell")[0]!.firstChild!.textContent)).toEqual([
    "Digital post udvides",
    "Ny proces for gevinster",
    "Chatbot prioriteres",
  ]);
  expect(text(rows[0]!)).toContain("Direktørforum (DF), Chefforum (CF)");
  expect(text(rows[1]!)).toContain("Ikke sendt videre");
  expect(
    within(rows[2]!)
      .getByRole("link", { name: "Styregruppemøde februar 2026" })
      .getAttribute("href"),
  ).toBe("#/moeder/1/referat");
  expect(within(rows[2]!).getByRole("link", { name: "Chatbot" }).getAttribute("href")).toBe(
    "#/initiativ/5",
  );
  expect(text(rows[2]!)).toContain("<script>alert(1)</script>");
  expect(document.querySelector("script")).toBeNull();
  expect(screen.getByText("Viser 3 af 3 beslutninger, nyeste først.")).toBeTruthy();
});

test("filters by meeting, initiative and forum carried to", async () => {
  const { view } = setup();
  view();
  await screen.findByRole("table", { name: "Beslutninger" }, WAIT);
  const titles = () =>
    decisionRows().map((r) => within(r).getAllByRole("cell")[0]!.firstChild!.textContent);

  fireEvent.change(screen.getByRole("combobox", { name: "Møde" }), { target: { value: "2" } });
  expect(titles()).toEqual(["Digital post udvides", "Ny proces for gevinster"]);
  fireEvent.change(screen.getByRole("combobox", { name: "Tiltag" }), { target: { value: "6" } });
  expect(titles()).toEqual(["Digital post udvides"]);
  fireEvent.change(screen.getByRole("combobox", { name: "Møde" }), { target: { value: "" } });
  fireEvent.change(screen.getByRole("combobox", { name: "Tiltag" }), { target: { value: "" } });
  fireEvent.change(screen.getByRole("combobox", { name: "Sendt videre til" }), {
    target: { value: "ØU" },
  });
  expect(titles()).toEqual(["Chatbot prioriteres"]);
  expect(screen.getByText("Viser 1 af 3 beslutninger, nyeste først.")).toBeTruthy();
  fireEvent.change(screen.getByRole("combobox", { name: "Sendt videre til" }), {
    target: { value: "CF" },
  });
  fireEvent.change(screen.getByRole("combobox", { name: "Tiltag" }), { target: { value: "5" } });
  expect(screen.queryByRole("table", { name: "Beslutninger" })).toBeNull();
  expect(screen.getByText("Viser 0 af 3 beslutninger, nyeste først.")).toBeTruthy();
});

test("open actions per owner, overdue said in words; closed ones left out", async () => {
  const { view } = setup();
  view();
  const anneGroup = await screen.findByRole(
    "region",
    { name: "Anne Holm: 2 åbne punkter, 1 overskredet" },
    WAIT,
  );
  const boGroup = screen.getByRole("region", { name: "Bo Ravn: 1 åbent punkt, 0 overskredet" });
  const anneItems = within(anneGroup).getAllByRole("listitem").map(text);
  expect(anneItems).toEqual([
    expect.stringMatching(
      /^Gevinstskabelon \(I gang, frist tirs\. 31\. mar\. 2026\) Fristen er overskredet Styregruppemøde marts 2026$/,
    ),
    "Tal med IT (Åben, frist ingen)",
  ]);
  const boItems = within(boGroup).getAllByRole("listitem");
  expect(text(boItems[0]!)).toContain("Business case for chatbot (Åben, frist ons. 1. apr. 2026)");
  expect(text(boItems[0]!)).not.toContain("overskredet");
  expect(within(boItems[0]!).getByRole("link", { name: "Chatbot" }).getAttribute("href")).toBe(
    "#/initiativ/5",
  );
  expect(screen.queryByText("Gammel opgave")).toBeNull();
  expect(screen.queryByText("Droppet")).toBeNull();
  // The groups come in name order: Anne before Bo.
  const headings = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
  expect(headings).toEqual([
    "Anne Holm: 2 åbne punkter, 1 overskredet",
    "Bo Ravn: 1 åbent punkt, 0 overskredet",
  ]);
});

test("a failed read says so and retries", async () => {
  const { memory, view } = setup();
  memory.decisions.failNext("list", new StoreError("Unavailable", "down"));
  view();
  expect(await screen.findByText("Beslutningerne kunne ikke hentes", undefined, WAIT)).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: /Prøv igen/ }));
  expect(await screen.findByRole("table", { name: "Beslutninger" }, WAIT)).toBeTruthy();
});

test("no serious axe violations", async () => {
  const { view } = setup();
  const { container } = view();
  await screen.findByRole("table", { name: "Beslutninger" }, WAIT);
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  expect(
    result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id),
  ).toEqual([]);
});

describe("only decisions of approved minutes, unless the secretary or the chair asks for drafts", () => {
  test("a member sees no draft and is offered none", async () => {
    const { view } = setup();
    view();
    await screen.findByRole("table", { name: "Beslutninger" }, WAIT);
    expect(screen.queryByText("Udkast: robotter afprøves")).toBeNull();
    expect(screen.queryByRole("switch")).toBeNull();
    expect(screen.getByText("Loggen viser beslutninger fra godkendte referater.")).toBeTruthy();
  });

  test.each([
    ["the secretary", me(secretary, "secretary")],
    ["the chair", me(chair, "chair")],
  ])("%s asks for drafts and sees them marked", async (_who, who) => {
    const { view } = setup(who);
    view();
    await screen.findByRole("table", { name: "Beslutninger" }, WAIT);
    expect(screen.queryByText("Udkast: robotter afprøves")).toBeNull();
    fireEvent.click(
      screen.getByRole("switch", {
        name: "Vis også beslutninger fra referater, der ikke er godkendt endnu",
      }),
    );
    const row = (await screen.findByText("Udkast: robotter afprøves", undefined, WAIT)).closest(
      '[role="row"]',
    ) as HTMLElement;
    expect(within(row).getByText("Kladde")).toBeTruthy();
    expect(screen.getByText("Viser 4 af 4 beslutninger, nyeste først.")).toBeTruthy();
  });
});
