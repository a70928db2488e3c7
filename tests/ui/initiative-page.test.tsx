/**
 * The initiative page with in-memory repositories: each section shows what the lists hold
 * (Danish dates and amounts, readable labels, RAG in words), the related lists are read with
 * the indexed Initiative filter, a missing initiative says so and links back, a throttled load
 * says how long to wait.
 */
import { fireEvent, screen, within } from "@testing-library/react";
import axe from "axe-core";

import { StoreError } from "../../src/domain/errors.js";
import { aComment, aRef } from "../support/builders.js";
import {
  aUser,
  jonas,
  mads,
  renderInitiative,
  seededRepositories,
  text,
} from "./initiative-support.js";
import { withLayout } from "./support.js";

// The tables are virtualised: a tall region so all their rows are rendered.
withLayout({ width: 1200, height: 4000 });

async function region(name: string) {
  return screen.findByRole("region", { name });
}

describe("the initiative page", () => {
  it("names the initiative in its heading and shows every field with readable labels", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    expect(
      (
        await screen.findByRole("heading", {
          level: 1,
          name: "Tiltag nr. 1: Digital pladsanvisning",
        })
      ).isConnected,
    ).toBe(true);
    const details = await region("Oplysninger");
    const t = text(details);
    expect(t).toContain("KildeKL/KOMBIT");
    expect(t).toContain("OmrådeBørn og Unge");
    expect(t).toContain("EjerSara Dahl");
    expect(t).toContain("ProjektlederThomas Berg");
    expect(t).toContain("LovpligtigtJa");
    expect(t).toContain("Lovkrav senest1. oktober 2026");
    expect(t).toContain("Ekstern referenceKOMBIT-42");
    expect(t).toContain("LøsningIkke udfyldt");
    // Line breaks of user text are kept (pre-wrap), not turned into markup.
    const need = within(details).getByText(/Pladsanvisningen bruger papirblanketter/);
    expect(need.textContent).toBe(
      "Pladsanvisningen bruger papirblanketter.\nForældre venter i telefonkø.",
    );
    expect(need.tagName).toBe("P");
    expect(
      within(details).getByRole("link", { name: "Fælles datagrundlag" }).getAttribute("href"),
    ).toBe("#/initiativ/2");
  });

  it("shows the recorded changes: from → to (or the gate set), who, when, reason and decision", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const history = await region("Fasehistorik");
    const rows = within(history).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(
      within(rows[2]!)
        .getAllByRole("cell")
        .map((c) => text(c))
        .slice(0, 2),
    ).toEqual(["Markeret som lovpligtigt", "Mads Kjær"]);
    const cells = within(rows[1]!)
      .getAllByRole("cell")
      .map((c) => text(c));
    expect(cells).toEqual([
      "Idé → Behovsanalyse",
      "Birgitte Holm",
      "15. januar 2026 kl. 11.30",
      "Behovet er beskrevet af området.",
      "Godkendt til analyse",
    ]);
  });

  it("lists the decisions and agenda points it appeared in, with the meeting's title and date", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const r = await region("Beslutninger og dagsordenspunkter");
    const decisions = within(r).getByRole("list", { name: "Beslutninger" });
    expect(text(decisions)).toContain("Godkendt til analyse");
    expect(text(decisions)).toContain("Besluttet 14. januar 2026");
    expect(text(decisions)).toContain("Styregruppen beder om en behovsanalyse.");
    expect(text(decisions)).not.toContain("Budget 2027 vedtaget");
    const agenda = within(r).getByRole("list", { name: "Dagsordenspunkter" });
    expect(text(agenda)).toContain("Digital pladsanvisning: forslag");
    expect(text(agenda)).toContain("Styregruppemøde januar 2026, 14. januar 2026");
    expect(text(agenda)).toContain("Beslutning");
  });

  it("shows status reports with period, overall RAG in words and published or draft", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const r = await region("Statusrapporter");
    const rows = within(r)
      .getAllByRole("row")
      .slice(1)
      .map((row) => text(row));
    expect(rows).toEqual([
      expect.stringMatching(/^2026-Q2Grøn.*Kladde$/),
      expect.stringMatching(/^2026-Q1Gul Lidt forsinket\.Publiceret 20\. februar 2026$/),
    ]);
  });

  it("sums the budget lines by year and kind, with totals in Danish kroner", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const r = await region("Budget");
    const rows = within(r)
      .getAllByRole("row")
      .map((row) =>
        within(row)
          .queryAllByRole("cell")
          .map((c) => text(c).replace(/\u00a0/g, " ")),
      );
    expect(rows.slice(1)).toEqual([
      ["2026", "400.000 kr.", "50.000 kr.", "0 kr.", "450.000 kr."],
      ["2027", "0 kr.", "0 kr.", "120.000 kr.", "-120.000 kr."],
      ["I alt", "400.000 kr.", "50.000 kr.", "120.000 kr.", "330.000 kr."],
    ]);
  });

  it("summarises the benefits (count, expected value, owners) and links to the benefits view", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const r = await region("Gevinster");
    const t = text(r).replace(/\u00a0/g, " ");
    expect(t).toContain("Antal gevinster2 gevinster");
    expect(t).toContain("Forventet økonomisk gevinst250.000 kr.");
    expect(t).toContain("GevinstejereJonas Lind (1 gevinst mangler en gevinstejer)");
    expect(within(r).getByRole("link", { name: "Gå til gevinster" }).getAttribute("href")).toBe(
      "#/gevinster",
    );
  });

  it("shows the resource needs and the allocations with their hours", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const r = await region("Ressourcer");
    expect(text(r)).toContain("En projektleder halv tid i et år.");
    const rows = within(r)
      .getAllByRole("row")
      .map((row) => text(row));
    expect(rows[1]).toBe("Thomas BergProjektledelse1. april 202640");
    expect(rows[2]).toBe("I alt40");
  });

  it("reads each related list filtered on its indexed Initiative lookup", async () => {
    const me = aUser(jonas, "member");
    const { memory, repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    await region("Fasehistorik");
    for (const list of [
      "phaseChanges",
      "decisions",
      "agendaItems",
      "statusReports",
      "budgetLines",
      "benefits",
      "allocations",
      "comments",
    ] as const) {
      const lists = memory[list].calls.filter(([m]) => m === "list");
      // The benefits are read by the page's summary and by the register section alike.
      expect([list, lists.length > 0]).toEqual([list, true]);
      for (const call of lists)
        expect([list, call]).toEqual([list, ["list", { where: { initiative: 1 } }]]);
    }
    expect(memory.meetings.calls).toEqual([["get", 3]]);
  });

  it("says when the initiative does not exist and links back to the portfolio", async () => {
    const me = aUser(mads, "secretary");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories, id: 99 });
    expect((await screen.findByText("Tiltaget findes ikke")).isConnected).toBe(true);
    expect(screen.getByText(/Der er intet tiltag nr\. 99/).isConnected).toBe(true);
    expect(screen.getByRole("link", { name: "Gå til porteføljen" }).getAttribute("href")).toBe(
      "#/portefolje",
    );
  });

  it("shows a throttled load with how long to wait, and retries", async () => {
    const me = aUser(mads, "secretary");
    const { memory, repositories } = seededRepositories(() => me);
    memory.initiatives.failNext(
      "get",
      new StoreError("Throttled", "Too many requests", { retryAfter: 30 }),
    );
    renderInitiative({ me, repositories });
    const alert = await screen.findByRole("alert");
    expect(text(alert)).toContain("Tiltaget kunne ikke hentes");
    expect(text(alert)).toContain("Ventetid: 30 s.");
    within(alert).getByRole("button", { name: "Prøv igen" }).click();
    expect(
      (await screen.findByRole("heading", { level: 1, name: /Digital pladsanvisning/ }))
        .isConnected,
    ).toBe(true);
  });

  it("has no serious or critical axe violations, reading or editing", async () => {
    const me = aUser(mads, "secretary");
    const { memory, repositories } = seededRepositories(() => me);
    memory.comments.seed({
      ...aComment({ initiative: aRef(1), body: "Et spørgsmål" }),
      createdBy: jonas,
    });
    const { container } = renderInitiative({ me, repositories });
    await screen.findByRole("article", { name: "Kommentar fra Jonas Lind" });
    const serious = async () =>
      (await axe.run(container, { rules: { "color-contrast": { enabled: false } } })).violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(await serious()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Redigér tiltaget" }));
    await screen.findByRole("region", { name: "Redigér tiltaget" });
    expect(await serious()).toEqual([]);
  });
});
