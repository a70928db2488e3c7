/**
 * The portfolio table with in-memory repositories: narrow loading, the count, virtualised rows
 * with their ARIA size, sorting by header (Shift adds a key), filters and title search, the
 * column chooser, saved views (save, apply, overwrite, delete, a broken one, surviving a
 * reload), and the export of exactly the current view.
 */
import { jest } from "@jest/globals";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";

import { PORTFOLIO_COLUMNS } from "../../src/domain/export-columns.js";
import { storageKey } from "../../src/ui/portfolio/useViewState.js";
import { aRef } from "../support/builders.js";
import {
  AREAS,
  asMember,
  asSecretary,
  initiativeLists,
  openDialog,
  setup,
  withLayout,
} from "./portfolio-support.js";

withLayout();

const FOUR = [
  {
    id: 1,
    title: "Øget selvbetjening",
    phase: "Idé" as const,
    area: AREAS[0]!,
    source: "KL/KOMBIT" as const,
    priority: 3,
    externalRef: "KL-1",
  },
  {
    id: 2,
    title: "Ansøgning om plads",
    phase: "Gennemførelse" as const,
    area: AREAS[1]!,
    source: "Staten" as const,
    latestStatus: "Rød" as const,
    mandatory: true,
    priority: 1,
    externalRef: "KL-2",
  },
  {
    id: 3,
    title: "Zoneplan digital",
    phase: "Behovsanalyse" as const,
    area: AREAS[0]!,
    source: "KL/KOMBIT" as const,
    latestStatus: "Grøn" as const,
    externalRef: "KL-3",
  },
  {
    id: 4,
    title: "Åben data",
    phase: "Parkeret" as const,
    area: AREAS[1]!,
    source: "Lederforum" as const,
    priority: 2,
    externalRef: "KL-4",
  },
];

/** Titles of the data rows in the DOM, in order. */
function shownTitles(): string[] {
  const table = screen.getByRole("table", { name: "Tiltag i porteføljen" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) => within(r).getAllByRole("cell")[0]!.textContent ?? "");
}

async function loaded() {
  return screen.findByText(/af [\d.]+ tiltag|tiltag matcher filtrene/, {}, { timeout: 5000 });
}

/** Closes the open menu with Escape (no popup is left open when a test ends). */
async function closeMenu() {
  fireEvent.keyDown(screen.getByRole("menu"), { key: "Escape" });
  await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
}

/** Picks an option of a dropdown (a multiselect lists its options as menu item checkboxes). */
async function choose(label: string, option: string) {
  const box = screen.getByRole("combobox", { name: label });
  fireEvent.click(box);
  await waitFor(() => expect(box.getAttribute("aria-expanded")).toBe("true"));
  const item =
    screen.queryByRole("option", { name: option }) ??
    (await screen.findByRole("menuitemcheckbox", { name: option }));
  fireEvent.click(item);
  // Close the listbox again.
  fireEvent.keyDown(screen.getByRole("combobox", { name: label }), { key: "Escape" });
}

describe("the portfolio table", () => {
  it("loads only the columns' and filters' fields, shows the count and links each title", async () => {
    const { memory, show } = setup({ initiatives: FOUR });
    show();
    expect((await loaded()).textContent).toBe("4 af 4 tiltag");
    const table = screen.getByRole("table", { name: "Tiltag i porteføljen" });
    expect(table.getAttribute("aria-rowcount")).toBe("5");
    // Default sort: phase in lifecycle order, then title.
    expect(shownTitles()).toEqual([
      "Øget selvbetjening",
      "Zoneplan digital",
      "Ansøgning om plads",
      "Åben data",
    ]);
    const link = screen.getByRole("link", { name: "Zoneplan digital" });
    expect(link.getAttribute("href")).toBe("#/initiativ/3");
    const load = initiativeLists(memory).find((q) => !q.where?.governance)!;
    expect(load.where).toEqual({});
    // The columns' and filters' fields, and what the gate check reads (score, last editor).
    expect([...load.fields!].sort()).toEqual(
      [
        "area",
        "governance",
        "latestStatus",
        "mandatory",
        "modifiedBy",
        "owner",
        "phase",
        "priority",
        "priorityScore",
        "source",
        "title",
      ].sort(),
    );
    expect(load.fields).not.toContain("summary");
  });

  it("renders only the rows in view and tells the size with aria-rowcount/aria-rowindex", async () => {
    const many = Array.from({ length: 600 }, (_, i) => ({
      title: `Tiltag ${String(i + 1).padStart(4, "0")}`,
      phase: "Idé" as const,
    }));
    const { show } = setup({ initiatives: many });
    show();
    expect((await loaded()).textContent).toBe("600 af 600 tiltag");
    const table = screen.getByRole("table", { name: "Tiltag i porteføljen" });
    expect(table.getAttribute("aria-rowcount")).toBe("601");
    const rows = within(table).getAllByRole("row");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.getAttribute("aria-rowindex")).toBe("1");
    expect(rows[1]!.getAttribute("aria-rowindex")).toBe("2");
    expect(rows[1]!.textContent).toContain("Tiltag 0001");
  });

  it("sorts by a header, toggles the direction, and Shift-click adds a second key", async () => {
    const { show } = setup({ initiatives: FOUR });
    show();
    await loaded();
    const titleHeader = () => screen.getByRole("columnheader", { name: /^Titel/ });
    fireEvent.click(within(titleHeader()).getByRole("button"));
    expect(titleHeader().getAttribute("aria-sort")).toBe("ascending");
    // Danish collation: Z before Ø and Å.
    expect(shownTitles()).toEqual([
      "Ansøgning om plads",
      "Zoneplan digital",
      "Øget selvbetjening",
      "Åben data",
    ]);
    fireEvent.click(within(titleHeader()).getByRole("button"));
    expect(titleHeader().getAttribute("aria-sort")).toBe("descending");
    expect(shownTitles()[0]).toBe("Åben data");

    fireEvent.click(
      within(screen.getByRole("columnheader", { name: /^Område/ })).getByRole("button"),
    );
    fireEvent.click(within(titleHeader()).getByRole("button"), { shiftKey: true });
    // Area (Børn… before Økonomi…), then title.
    expect(shownTitles()).toEqual([
      "Ansøgning om plads",
      "Åben data",
      "Zoneplan digital",
      "Øget selvbetjening",
    ]);
    expect(titleHeader().getAttribute("aria-sort")).toBeNull();
    expect(titleHeader().textContent).toContain("sortering 2");
    // Empty values last: priority ascending puts the one without a priority at the end.
    fireEvent.click(
      within(screen.getByRole("columnheader", { name: /^Prioritet/ })).getByRole("button"),
    );
    expect(shownTitles().at(-1)).toBe("Zoneplan digital");
  });

  it("filters by phase, status ('Ingen status'), mandatory and title search, in memory once all is loaded", async () => {
    const { memory, show } = setup({ initiatives: FOUR });
    show();
    await loaded();
    const loads = initiativeLists(memory).length;

    await choose("Fase", "Idé");
    await choose("Fase", "Parkeret");
    await waitFor(() => expect(screen.getByText("2 af 4 tiltag").isConnected).toBe(true));
    expect(shownTitles()).toEqual(["Øget selvbetjening", "Åben data"]);

    fireEvent.click(screen.getByRole("button", { name: "Nulstil filtre" }));
    await choose("Seneste status", "Ingen status");
    await waitFor(() => expect(shownTitles()).toEqual(["Øget selvbetjening", "Åben data"]));

    fireEvent.click(screen.getByRole("button", { name: "Nulstil filtre" }));
    await choose("Lovpligtig", "Ja");
    await waitFor(() => expect(shownTitles()).toEqual(["Ansøgning om plads"]));

    fireEvent.click(screen.getByRole("button", { name: "Nulstil filtre" }));
    fireEvent.change(screen.getByRole("searchbox", { name: "Søg i titler" }), {
      target: { value: "DIGITAL" },
    });
    await waitFor(() => expect(shownTitles()).toEqual(["Zoneplan digital"]));
    expect(screen.getByText("1 af 4 tiltag").isConnected).toBe(true);

    await choose("Område", "Børn, Unge og Læring");
    await waitFor(() =>
      expect(screen.getByText("Ingen tiltag matcher filtrene.").isConnected).toBe(true),
    );
    // The whole portfolio was cached: no filter fetched again.
    expect(initiativeLists(memory)).toHaveLength(loads);
  });

  it("sends the indexed filters as `where` when the whole portfolio is not cached, but not the gates (their stored values may be irregular)", async () => {
    window.localStorage.setItem(
      storageKey(asSecretary.person.id),
      JSON.stringify({
        viewId: null,
        payload: JSON.stringify({
          v: 1,
          filters: { phases: ["Idé"], sources: ["KL/KOMBIT"], statuses: ["none"], text: "selv" },
        }),
      }),
    );
    const { memory, show } = setup({ initiatives: FOUR });
    show();
    expect((await loaded()).textContent).toBe("1 tiltag matcher filtrene");
    const load = initiativeLists(memory).find((q) => !q.where?.governance)!;
    expect(load.where).toEqual({ source: ["KL/KOMBIT"] });
    expect(shownTitles()).toEqual(["Øget selvbetjening"]);
  });

  it("shows and filters by the valid phase: an initiative whose stored phase was written around the record is in the phase its record says", async () => {
    window.localStorage.setItem(
      storageKey(asSecretary.person.id),
      JSON.stringify({
        viewId: null,
        payload: JSON.stringify({ v: 1, filters: { phases: ["Gennemførelse"] } }),
      }),
    );
    const { memory, show } = setup({ initiatives: FOUR });
    // Zoneplan's author writes Gennemførelse on the item; nothing is recorded.
    memory.initiatives.touch(3, { phase: "Gennemførelse" });
    show();
    await loaded();
    expect(shownTitles()).toEqual(["Ansøgning om plads"]);
  });

  it("adds a chosen column, loading its field", async () => {
    const { memory, show } = setup({ initiatives: FOUR });
    show();
    await loaded();
    fireEvent.click(screen.getByRole("button", { name: "Kolonner" }));
    fireEvent.click(await screen.findByRole("menuitemcheckbox", { name: "Ekstern reference" }));
    expect(
      (await screen.findByRole("columnheader", { name: /^Ekstern reference/ })).isConnected,
    ).toBe(true);
    await waitFor(() => expect(screen.getByText("KL-3").isConnected).toBe(true));
    expect(initiativeLists(memory).some((q) => q.fields?.includes("externalRef"))).toBe(true);
    // Unchecking removes it again.
    fireEvent.click(screen.getByRole("menuitemcheckbox", { name: "Lovpligtig" }));
    await waitFor(() =>
      expect(screen.queryByRole("columnheader", { name: /^Lovpligtig/ })).toBeNull(),
    );
    await closeMenu();
  });

  it("saves the view, applies it again, and keeps it across a reload of the tab", async () => {
    const { memory, show } = setup({ initiatives: FOUR });
    const first = show();
    await loaded();
    fireEvent.change(screen.getByRole("searchbox", { name: "Søg i titler" }), {
      target: { value: "plads" },
    });
    fireEvent.click(
      within(screen.getByRole("columnheader", { name: /^Prioritet/ })).getByRole("button"),
    );
    fireEvent.click(screen.getByRole("button", { name: "Gem som …" }));
    const naming = await openDialog("Gem visningen");
    fireEvent.change(naming.getByRole("textbox", { name: /Navn på visningen/ }), {
      target: { value: "Pladser" },
    });
    fireEvent.click(naming.getByRole("button", { name: "Gem" }));
    expect((await screen.findByText("Visningen »Pladser« er gemt.")).isConnected).toBe(true);
    const [saved] = memory.personalItems.all();
    expect(saved).toMatchObject({ title: "Pladser", kind: "Visning" });
    expect(JSON.parse(saved!.payload)).toMatchObject({
      v: 1,
      filters: { text: "plads" },
      sort: [{ column: "priority", descending: false }],
      mode: "table",
    });

    // Change the page, then apply the saved view.
    fireEvent.click(screen.getByRole("button", { name: "Nulstil filtre" }));
    await waitFor(() => expect(shownTitles()).toHaveLength(4));
    fireEvent.click(screen.getByRole("combobox", { name: "Visning" }));
    fireEvent.click(await screen.findByRole("option", { name: "Pladser" }));
    await waitFor(() => expect(shownTitles()).toEqual(["Ansøgning om plads"]));

    // Reload: a fresh render and cache read the stored view back.
    first.unmount();
    show();
    await loaded();
    expect(shownTitles()).toEqual(["Ansøgning om plads"]);
    expect(screen.getByRole<HTMLInputElement>("searchbox", { name: "Søg i titler" }).value).toBe(
      "plads",
    );
    await waitFor(() =>
      expect(screen.getByRole("combobox", { name: "Visning" }).textContent).toContain("Pladser"),
    );
    expect(screen.getByRole("columnheader", { name: /^Prioritet/ }).getAttribute("aria-sort")).toBe(
      "ascending",
    );
  });

  it("overwrites and deletes the chosen view", async () => {
    const { memory, show } = setup({ initiatives: FOUR });
    memory.personalItems.seed({
      title: "Alle",
      kind: "Visning",
      payload: JSON.stringify({ v: 1 }),
    });
    show();
    await loaded();
    fireEvent.click(screen.getByRole("combobox", { name: "Visning" }));
    fireEvent.click(await screen.findByRole("option", { name: "Alle" }));
    await screen.findByText("Visningen »Alle« er anvendt.");
    await choose("Kilde", "Staten");
    fireEvent.click(screen.getByRole("button", { name: "Gem ændringer" }));
    await waitFor(() =>
      expect(
        (JSON.parse(memory.personalItems.all()[0]!.payload) as { filters: { sources: string[] } })
          .filters.sources,
      ).toEqual(["Staten"]),
    );
    await screen.findByText("Visningen »Alle« er gemt.");
    fireEvent.click(screen.getByRole("button", { name: "Slet visning" }));
    const dialog = await openDialog();
    fireEvent.click(dialog.getByRole("button", { name: "Slet visning" }));
    await screen.findByText("Visningen »Alle« er slettet.");
    expect(memory.personalItems.all()).toEqual([]);
  });

  it("a saved view that cannot be read is reported and the page keeps working", async () => {
    const { memory, show } = setup({ initiatives: FOUR });
    memory.personalItems.seed({ title: "Gammel", kind: "Visning", payload: '{"filters":' });
    show();
    await loaded();
    fireEvent.click(screen.getByRole("combobox", { name: "Visning" }));
    fireEvent.click(await screen.findByRole("option", { name: "Gammel" }));
    expect((await screen.findByText(/Visningen »Gammel« kunne ikke læses/)).isConnected).toBe(true);
    expect(shownTitles()).toHaveLength(4);
  });

  it("a broken stored view in this browser falls back to the default view", async () => {
    window.localStorage.setItem(storageKey(asSecretary.person.id), "{not json");
    const { show } = setup({ initiatives: FOUR });
    show();
    expect((await loaded()).textContent).toBe("4 af 4 tiltag");
  });

  it("exports the current view's rows and columns to .xlsx and offers the download", async () => {
    const { show, writeWorkbook } = setup({ initiatives: FOUR });
    const created: Blob[] = [];
    const createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return "blob:portefolje";
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    try {
      show();
      await loaded();
      await choose("Kilde", "KL/KOMBIT");
      fireEvent.click(
        within(screen.getByRole("columnheader", { name: /^Titel/ })).getByRole("button"),
      );
      await waitFor(() =>
        expect(shownTitles()).toEqual(["Zoneplan digital", "Øget selvbetjening"]),
      );
      fireEvent.click(screen.getByRole("button", { name: "Eksportér til Excel" }));
      expect(
        (await screen.findByText("2 tiltag eksporteret til portefolje-2026-03-02.xlsx."))
          .isConnected,
      ).toBe(true);
      expect(writeWorkbook).toHaveBeenCalledTimes(1);
      const [rows, columns, language] = writeWorkbook.mock.calls[0]!;
      expect(language).toBe("da");
      expect(columns.map((c) => c.key)).toEqual([
        "title",
        "phase",
        "area",
        "source",
        "owner",
        "governance",
        "mandatory",
        "latestStatus",
        "priority",
      ]);
      expect(columns[0]).toBe(PORTFOLIO_COLUMNS.title);
      expect(rows.map((r) => columns.map((c) => c.value(r)).slice(0, 4))).toEqual([
        ["Zoneplan digital", "Behovsanalyse", "Økonomi og Styring", "KL/KOMBIT"],
        ["Øget selvbetjening", "Idé", "Økonomi og Styring", "KL/KOMBIT"],
      ]);
      expect(clicked).toHaveLength(1);
      expect(clicked[0]!.download).toBe("portefolje-2026-03-02.xlsx");
      expect(clicked[0]!.href).toBe("blob:portefolje");
      expect(created[0]!.type).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
    } finally {
      click.mockRestore();
    }
  });

  it("offers Nyt forslag and Statusrapporter to everyone, Importér only to secretary and chair", async () => {
    const { show } = setup({ as: asMember, initiatives: FOUR });
    const view = show();
    await loaded();
    const nav = screen.getByRole("navigation", { name: "Handlinger i porteføljen" });
    expect(within(nav).getByRole("link", { name: "Nyt forslag" }).getAttribute("href")).toBe(
      "#/portefolje/nyt",
    );
    expect(within(nav).getByRole("link", { name: "Statusrapporter" }).getAttribute("href")).toBe(
      "#/portefolje/status",
    );
    expect(within(nav).queryByRole("link", { name: "Importér" })).toBeNull();
    view.unmount();
    setup({ as: asSecretary, initiatives: FOUR }).show();
    await loaded();
    expect(
      within(screen.getByRole("navigation", { name: "Handlinger i porteføljen" }))
        .getByRole("link", { name: "Importér" })
        .getAttribute("href"),
    ).toBe("#/portefolje/import");
  });

  it("shows a failed load with the store's message and retries", async () => {
    const { memory, show } = setup({
      initiatives: [{ title: "Et tiltag", area: aRef(1, "Økonomi og Styring") }],
    });
    const { StoreError } = await import("../../src/domain/errors.js");
    // The table's load fails once (the governance summary reads on its own).
    const list = memory.initiatives.list.bind(memory.initiatives);
    let failed = false;
    memory.initiatives.list = (q?: { where?: { governance?: unknown } }) => {
      if (!failed && !q?.where?.governance) {
        failed = true;
        return Promise.reject(new StoreError("Unavailable", "nede"));
      }
      return list(q as never);
    };
    show();
    const alert = await screen.findByText("Tiltagene kunne ikke hentes");
    expect(alert.isConnected).toBe(true);
    act(() => {
      fireEvent.click(screen.getAllByRole("button", { name: "Prøv igen" })[0]!);
    });
    await waitFor(() => expect(screen.getByText(/af 1 tiltag/).isConnected).toBe(true));
  });
});
