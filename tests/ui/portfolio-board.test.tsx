/**
 * The board by phase with in-memory repositories: moves by keyboard (Ctrl+→), by the "Flyt til"
 * menu (only the user's allowed phases) and by drag and drop, each through changePhase (the
 * initiative's phase and a PhaseChange are written); the dialogs for a reason and a decision,
 * a gate refusal listing what is missing, a conflict that reloads, and "Vis flere".
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";

import { aDecision, aPhaseChange, aRef } from "../support/builders.js";
import { asMember, asSecretary, openDialog, setup, withLayout } from "./portfolio-support.js";

withLayout();

async function toBoard() {
  await screen.findByText(/af [\d.]+ tiltag/, {}, { timeout: 5000 });
  fireEvent.click(screen.getByRole("radio", { name: "Tavle efter fase" }));
  return screen.findByRole("region", { name: "Tavle efter fase" });
}

const card = (title: string) => screen.getByRole("article", { name: title });
const column = (name: RegExp) => screen.getByRole("region", { name });

/** Closes the open menu with Escape (no popup is left open when a test ends). */
async function closeMenu() {
  fireEvent.keyDown(screen.getByRole("menu"), { key: "Escape" });
  await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
}

async function openMoveMenu(title: string) {
  fireEvent.click(within(card(title)).getByRole("button", { name: "Flyt til …" }));
  return screen.findByRole("menu");
}

describe("the board", () => {
  it("moves a card to the next phase with Ctrl+→ through changePhase, keeping focus on it", async () => {
    const { memory, show } = setup({
      initiatives: [{ id: 1, title: "Digital post", phase: "Idé", need: "Færre breve" }],
    });
    show();
    await toBoard();
    expect(within(column(/^Idé, 1 tiltag/)).getByRole("article").textContent).toContain(
      "Digital post",
    );
    card("Digital post").focus();
    fireEvent.keyDown(card("Digital post"), { key: "ArrowRight", ctrlKey: true });
    expect(
      (await screen.findByText("»Digital post« er flyttet til Behovsanalyse.")).isConnected,
    ).toBe(true);
    const moved = within(column(/^Behovsanalyse, 1 tiltag/)).getByRole("article", {
      name: "Digital post",
    });
    expect(within(column(/^Idé, 0 tiltag/)).queryByRole("article")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(moved));
    expect(memory.initiatives.all()[0]!.phase).toBe("Behovsanalyse");
    expect(memory.phaseChanges.all()).toEqual([
      expect.objectContaining({
        fromPhase: "Idé",
        toPhase: "Behovsanalyse",
        initiative: { id: 1, title: "Digital post" },
        createdBy: asSecretary.person,
      }),
    ]);
  });

  it("lists only the allowed target phases in the menu, and nothing for a member", async () => {
    const { show } = setup({ initiatives: [{ id: 1, title: "Digital post", phase: "Idé" }] });
    const view = show();
    await toBoard();
    const menu = await openMoveMenu("Digital post");
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((m) => m.textContent),
    ).toEqual(["Behovsanalyse", "Parkeret", "Afvist"]);
    await closeMenu();
    view.unmount();

    setup({ as: asMember, initiatives: [{ id: 1, title: "Digital post", phase: "Idé" }] }).show();
    await toBoard();
    expect(card("Digital post").getAttribute("draggable")).toBe("false");
    const none = await openMoveMenu("Digital post");
    expect(within(none).getByRole("menuitem").textContent).toBe("Du kan ikke flytte dette tiltag.");
    await closeMenu();
    fireEvent.keyDown(card("Digital post"), { key: "ArrowRight", ctrlKey: true });
    expect(screen.getByText("Du kan ikke flytte dette tiltag.").isConnected).toBe(true);
  });

  it("offers a parked card only the phases it may resume into, from its history", async () => {
    const { memory, show } = setup({
      initiatives: [{ id: 1, title: "På pause", phase: "Parkeret" }],
    });
    memory.phaseChanges.seed(
      aPhaseChange({
        initiative: aRef(1, "På pause"),
        fromPhase: "Behovsanalyse",
        toPhase: "Parkeret",
        changedAt: "2026-01-05T10:00:00Z",
      }),
    );
    show();
    await toBoard();
    const menu = await openMoveMenu("På pause");
    await waitFor(() =>
      expect(
        within(menu)
          .getAllByRole("menuitem")
          .map((m) => m.textContent),
      ).toEqual(["Idé", "Behovsanalyse", "Afvist"]),
    );
    await closeMenu();
  });

  it("shows exactly what is missing at a gate, with a link to the initiative", async () => {
    const { memory, show } = setup({
      initiatives: [{ id: 1, title: "Uden behov", phase: "Idé", need: "" }],
    });
    show();
    await toBoard();
    fireEvent.click(
      within(await openMoveMenu("Uden behov")).getByRole("menuitem", {
        name: "Behovsanalyse",
      }),
    );
    const dialog = await openDialog("»Uden behov« kan ikke flyttes til Behovsanalyse endnu");
    expect(dialog.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Behov skal beskrives.",
    ]);
    expect(
      dialog.getByRole("link", { name: "Åbn tiltaget og udfyld det" }).getAttribute("href"),
    ).toBe("#/initiativ/1");
    expect(memory.initiatives.all()[0]!.phase).toBe("Idé");
    expect(memory.phaseChanges.all()).toEqual([]);
    fireEvent.click(dialog.getByRole("button", { name: "Luk" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
  });

  it("asks for a reason before parking, then records it", async () => {
    const { memory, show } = setup({
      initiatives: [{ id: 1, title: "Digital post", phase: "Idé" }],
    });
    show();
    await toBoard();
    fireEvent.click(
      within(await openMoveMenu("Digital post")).getByRole("menuitem", {
        name: "Parkeret",
      }),
    );
    const dialog = await openDialog("Flyt »Digital post« til Parkeret");
    expect(dialog.queryByRole("combobox")).toBeNull();
    const confirm = dialog.getByRole("button", { name: "Flyt" });
    expect(confirm.hasAttribute("disabled")).toBe(true);
    fireEvent.change(dialog.getByRole("textbox", { name: /Begrundelse/ }), {
      target: { value: "Afventer KOMBIT" },
    });
    fireEvent.click(confirm);
    await screen.findByText("»Digital post« er flyttet til Parkeret.");
    expect(memory.phaseChanges.all()).toEqual([
      expect.objectContaining({ fromPhase: "Idé", toPhase: "Parkeret", reason: "Afventer KOMBIT" }),
    ]);
  });

  it("asks for a reason and a decision of the committee before rejecting", async () => {
    const { memory, show } = setup({
      initiatives: [{ id: 1, title: "Digital post", phase: "Idé" }],
    });
    memory.decisions.seed(
      { ...aDecision({ title: "Anden sag", decidedAt: "2026-02-01T10:00:00Z" }) },
      {
        ...aDecision({
          title: "Afvisning af digital post",
          initiative: aRef(1, "Digital post"),
          decidedAt: "2026-01-10T10:00:00Z",
        }),
      },
    );
    show();
    await toBoard();
    fireEvent.click(
      within(await openMoveMenu("Digital post")).getByRole("menuitem", {
        name: "Afvist",
      }),
    );
    const dialog = await openDialog("Flyt »Digital post« til Afvist");
    fireEvent.change(dialog.getByRole("textbox", { name: /Begrundelse/ }), {
      target: { value: "Løses af KL" },
    });
    const decision = dialog.getByRole("combobox", { name: /Styregruppens beslutning/ });
    fireEvent.click(decision);
    const options = await screen.findAllByRole("option");
    // The initiative's own decision first.
    expect(options.map((o) => o.textContent)).toEqual([
      "Afvisning af digital post (10.1.2026)",
      "Anden sag (1.2.2026)",
    ]);
    fireEvent.click(options[0]!);
    fireEvent.click(dialog.getByRole("button", { name: "Flyt" }));
    await screen.findByText("»Digital post« er flyttet til Afvist.");
    expect(memory.phaseChanges.all()).toEqual([
      expect.objectContaining({
        toPhase: "Afvist",
        reason: "Løses af KL",
        decision: { id: 2, title: "Afvisning af digital post" },
      }),
    ]);
  });

  it("says when someone else changed the initiative, and reloads the board", async () => {
    const { memory, show } = setup({
      initiatives: [{ id: 1, title: "Digital post", phase: "Idé", need: "x" }],
    });
    show();
    await toBoard();
    memory.initiatives.touch(1, { title: "Digital post og SMS" });
    const lists = memory.initiatives.calls.filter(([m]) => m === "list").length;
    fireEvent.keyDown(card("Digital post"), { key: "ArrowRight", ctrlKey: true });
    expect((await screen.findByText("En anden har ændret tiltaget")).isConnected).toBe(true);
    expect(
      screen.getByText(/er ændret af en anden, siden porteføljen blev hentet/).isConnected,
    ).toBe(true);
    expect((await screen.findByRole("article", { name: "Digital post og SMS" })).isConnected).toBe(
      true,
    );
    expect(memory.initiatives.calls.filter(([m]) => m === "list").length).toBeGreaterThan(lists);
    expect(memory.initiatives.all()[0]!.phase).toBe("Idé");
    expect(memory.phaseChanges.all()).toEqual([]);
  });

  it("moves by drag and drop onto an allowed column, and explains a column it may not go to", async () => {
    const { memory, show } = setup({
      initiatives: [{ id: 1, title: "Digital post", phase: "Idé", need: "x" }],
    });
    show();
    await toBoard();
    const dataTransfer = { setData: () => undefined, dropEffect: "", effectAllowed: "" };
    fireEvent.dragStart(card("Digital post"), { dataTransfer });
    const drift = column(/^I drift/);
    fireEvent.dragEnter(drift, { dataTransfer });
    expect(
      screen.getByText(
        "»Digital post« kan ikke gå fra Idé til I drift: det er ikke et tilladt faseskift.",
      ).isConnected,
    ).toBe(true);
    // Not a drop target: dragover is not accepted there, but it is on Behovsanalyse.
    expect(fireEvent.dragOver(drift, { dataTransfer })).toBe(true);
    const next = column(/^Behovsanalyse/);
    expect(fireEvent.dragOver(next, { dataTransfer })).toBe(false);
    fireEvent.drop(next, { dataTransfer });
    await screen.findByText("»Digital post« er flyttet til Behovsanalyse.");
    expect(memory.initiatives.all()[0]!.phase).toBe("Behovsanalyse");
  });

  it("shows 50 cards a column and more on request", async () => {
    const { show } = setup({
      initiatives: Array.from({ length: 60 }, (_, i) => ({
        title: `Idé ${String(i + 1).padStart(2, "0")}`,
        phase: "Idé" as const,
      })),
    });
    show();
    await toBoard();
    const ide = column(/^Idé, 60 tiltag/);
    expect(within(ide).getAllByRole("article")).toHaveLength(50);
    fireEvent.click(within(ide).getByRole("button", { name: "Vis flere (10 til)" }));
    expect(within(ide).getAllByRole("article")).toHaveLength(60);
    expect(within(ide).queryByRole("button", { name: /Vis flere/ })).toBeNull();
  });
});
