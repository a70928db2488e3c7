/**
 * The lifecycle panel: the current phase, the targets this user may choose with what is missing
 * before each (shown before trying), the change through changePhase with reason and decision,
 * the history updating; a member sees no targets; governance with the standalone group's dates.
 */
import { act, fireEvent, screen, within } from "@testing-library/react";

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

async function panel() {
  return screen.findByRole("region", { name: "Livscyklus" });
}

async function click(scope: HTMLElement, name: string) {
  await act(() => Promise.resolve(fireEvent.click(within(scope).getByRole("button", { name }))));
}

describe("the lifecycle panel", () => {
  it("lists the secretary's targets, each with what is missing before it", async () => {
    const me = aUser(mads, "secretary");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const p = await panel();
    expect(text(p)).toContain("Nuværende fase:Behovsanalyse");
    const radios = within(p)
      .getAllByRole("radio")
      .map((r) => r.getAttribute("value"));
    expect(radios).toEqual(["Idé", "Klar til prioritering", "Parkeret", "Afvist"]);
    const missing = within(p).getByRole("list", { name: "Det mangler før Klar til prioritering" });
    expect(
      within(missing)
        .getAllByRole("listitem")
        .map((li) => text(li)),
    ).toEqual([
      "Løsning skal beskrives.",
      // A missing benefit links straight to the benefit form.
      "Gevinsten »Tilfredse forældre« mangler en gevinstejer. Registrér en gevinst",
    ]);
    // Before Idé nothing is missing.
    const ide = within(p).getByRole("radio", { name: "Idé" });
    expect(text(document.getElementById(ide.getAttribute("aria-describedby")!)!)).toBe(
      "Alt, der kræves, er udfyldt.",
    );
  });

  it("refuses a gate with everything missing, then moves the phase and the history updates", async () => {
    const me = aUser(mads, "secretary");
    const { memory, repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    let p = await panel();
    fireEvent.click(within(p).getByRole("radio", { name: "Klar til prioritering" }));
    await click(p, "Skift fase til Klar til prioritering");
    const refusal = await within(p).findByRole("alert");
    expect(text(refusal)).toContain("Tiltaget kan ikke gå til Klar til prioritering endnu.");
    expect(text(refusal)).toContain("Løsning skal beskrives.");
    // Nothing new is recorded: the initiative's phase change and its mandatory flag's record.
    expect(memory.phaseChanges.all()).toHaveLength(2);

    // Parking needs a reason; with one, the change goes through.
    fireEvent.click(within(p).getByRole("radio", { name: "Parkeret" }));
    fireEvent.change(within(p).getByRole("textbox", { name: "Begrundelse" }), {
      target: { value: "Afventer KOMBIT." },
    });
    await click(p, "Skift fase til Parkeret");
    expect(await screen.findByText("Tiltaget er flyttet til Parkeret.")).toBeTruthy();
    p = await panel();
    await within(p).findByText("Parkeret", { selector: ".fui-Badge" });
    expect(memory.initiatives.all().find((i) => i.id === 1)!.phase).toBe("Parkeret");
    expect(memory.phaseChanges.all().at(-1)).toMatchObject({
      fromPhase: "Behovsanalyse",
      toPhase: "Parkeret",
      reason: "Afventer KOMBIT.",
      createdBy: mads,
    });
    const history = await screen.findByRole("region", { name: "Fasehistorik" });
    await within(history).findByText("Behovsanalyse → Parkeret");
    expect(text(history)).toContain("Afventer KOMBIT.");
  });

  it("asks for the committee's decision where the phase needs one, from the decisions list", async () => {
    const me = aUser(mads, "secretary");
    const { memory, repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const p = await panel();
    fireEvent.click(within(p).getByRole("radio", { name: "Afvist" }));
    fireEvent.change(within(p).getByRole("textbox", { name: "Begrundelse" }), {
      target: { value: "Ikke vores opgave." },
    });
    const decision = await within(p).findByRole("combobox", { name: /Styregruppens beslutning/ });
    fireEvent.click(decision);
    const option = await screen.findByRole("option", { name: "Budget 2027 vedtaget" });
    expect(screen.getByRole("group", { name: "Beslutninger om dette tiltag" })).toBeTruthy();
    fireEvent.click(option);
    await click(p, "Skift fase til Afvist");
    expect(await screen.findByText("Tiltaget er flyttet til Afvist.")).toBeTruthy();
    expect(memory.phaseChanges.all().at(-1)).toMatchObject({
      toPhase: "Afvist",
      decision: { id: 6, title: "Budget 2027 vedtaget" },
    });
  });

  it("offers a member no phase change", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const p = await panel();
    expect(text(p)).toContain("Du kan ikke skifte fase for dette tiltag.");
    expect(within(p).queryAllByRole("radio")).toHaveLength(0);
    expect(within(p).queryByRole("button", { name: "Redigér styring" })).toBeNull();
  });

  it("edits the governance with the standalone group's set-up and dissolved dates", async () => {
    const me = aUser(mads, "secretary");
    const { memory, repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const p = await panel();
    await click(p, "Redigér styring");
    const styring = within(p).getByRole("combobox", { name: "Styring" });
    fireEvent.click(styring);
    fireEvent.click(await screen.findByRole("option", { name: "Selvstændig styregruppe" }));
    // The domain asks for the set-up date of a standalone group.
    await click(p, "Gem styring");
    expect(text(await within(p).findByText(/kan ikke gemmes endnu/))).toBeTruthy();
    expect(text(p)).toContain("Selvstændig styregruppe fra skal udfyldes");
    fireEvent.change(within(p).getByLabelText("Selvstændig styregruppe oprettet"), {
      target: { value: "2026-04-01" },
    });
    fireEvent.change(within(p).getByLabelText("Selvstændig styregruppe nedlagt"), {
      target: { value: "2026-12-31" },
    });
    await click(p, "Gem styring");
    expect(await within(p).findByText("Styringen er gemt.")).toBeTruthy();
    expect(memory.initiatives.all().find((i) => i.id === 1)).toMatchObject({
      governance: "Selvstændig styregruppe",
      standaloneGroupFrom: "2026-04-01T00:00:00Z",
      standaloneGroupTo: "2026-12-31T00:00:00Z",
    });
    expect(text(p)).toContain(
      "Selvstændig styregruppe · selvstændig styregruppe oprettet 1. april 2026 · nedlagt 31. december 2026",
    );
  });
});
