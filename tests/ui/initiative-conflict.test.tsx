/**
 * Editing an initiative when someone else saved it meanwhile (`memory.initiatives.touch`):
 * the conflict dialog shows both versions field by field with the differing ones marked, and
 * each choice does what it says: keep mine writes my values over the new version, use the
 * stored one discards mine, cancel keeps editing (and saving again asks again). Other store
 * errors show with StoreErrorMessage (throttled with its wait).
 */
import { act, fireEvent, screen, within } from "@testing-library/react";

import { StoreError } from "../../src/domain/errors.js";
import {
  aUser,
  birgitte,
  jonas,
  mads,
  renderInitiative,
  sara,
  seededRepositories,
  text,
} from "./initiative-support.js";
import { withLayout } from "./support.js";

// The tables are virtualised: a tall region so all their rows are rendered.
withLayout({ width: 1200, height: 4000 });

async function openForm() {
  fireEvent.click(
    await screen.findByRole("button", { name: "Redigér tiltaget" }, { timeout: 5000 }),
  );
  return screen.findByRole("region", { name: "Redigér tiltaget" });
}

function type(form: HTMLElement, label: string, value: string) {
  fireEvent.change(within(form).getByRole("textbox", { name: label }), { target: { value } });
}

async function click(scope: HTMLElement, name: string) {
  await act(() => Promise.resolve(fireEvent.click(within(scope).getByRole("button", { name }))));
}

function setup() {
  const me = aUser(mads, "secretary");
  const { memory, repositories } = seededRepositories(() => me);
  renderInitiative({ me, repositories });
  return memory;
}

/** Birgitte saves a new title and summary while Mads edits. */
function birgitteSaves(memory: ReturnType<typeof setup>) {
  memory.initiatives.touch(1, {
    title: "Digital pladsanvisning 2.0",
    summary: "Birgittes resumé.",
    modifiedBy: birgitte,
    modified: "2026-03-02T08:45:00Z",
  });
}

describe("editing an initiative someone else changed meanwhile", () => {
  it("saves with the version read when nobody else saved", async () => {
    const memory = setup();
    const form = await openForm();
    type(form, "Titel", "Digital pladsanvisning for alle");
    await click(form, "Gem");
    expect(await screen.findByText("Tiltaget er gemt.")).toBeTruthy();
    const stored = memory.initiatives.all().find((i) => i.id === 1)!;
    expect(stored).toMatchObject({ title: "Digital pladsanvisning for alle", version: "2" });
    const update = memory.initiatives.calls.find(([m]) => m === "update")![1];
    expect(update).toMatchObject({ id: 1, version: "1" });
  });

  it("shows both versions side by side, marks the differing fields and who saved when", async () => {
    const memory = setup();
    const form = await openForm();
    type(form, "Titel", "Mads' titel");
    birgitteSaves(memory);
    await click(form, "Gem");
    const dialog = await screen.findByRole("alertdialog", {
      name: "Tiltaget er ændret af en anden",
    });
    expect(text(dialog)).toContain("Birgitte Holm gemte tiltaget 2. marts 2026 kl. 09.45");
    expect(text(dialog)).toContain("2 felter er forskellige.");
    const table = within(dialog).getByRole("table");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => text(h));
    expect(headers).toEqual(["Felt", "Din version", "Gemt af Birgitte Holm"]);
    const rows = within(table).getAllByRole("row").slice(1);
    const titleRow = rows.find((r) => text(r).startsWith("Titel"))!;
    expect(
      within(titleRow)
        .getAllByRole("cell")
        .map((c) => text(c)),
    ).toEqual(["TitelForskellig", "Mads' titel", "Digital pladsanvisning 2.0"]);
    const summaryRow = rows.find((r) => text(r).startsWith("Resumé"))!;
    expect(text(summaryRow)).toContain("Forskellig");
    const sourceRow = rows.find((r) => text(r).startsWith("Kilde"))!;
    expect(text(sourceRow)).toBe("KildeKL/KOMBITKL/KOMBIT");
    expect(rows.filter((r) => r.querySelector('[data-differs="true"]'))).toHaveLength(2);
    // The differing fields come first, in view when the dialog opens.
    expect(rows.slice(0, 2).map((r) => r.querySelector('[data-differs="true"]') !== null)).toEqual([
      true,
      true,
    ]);
    // Nothing was written by the refused save.
    expect(memory.initiatives.all().find((i) => i.id === 1)!.title).toBe(
      "Digital pladsanvisning 2.0",
    );
  });

  it("'Behold mine' saves my values over the new version", async () => {
    const memory = setup();
    const form = await openForm();
    type(form, "Titel", "Mads' titel");
    birgitteSaves(memory);
    await click(form, "Gem");
    const dialog = await screen.findByRole("alertdialog");
    await click(dialog, "Behold mine");
    expect(await screen.findByText("Tiltaget er gemt.")).toBeTruthy();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    const stored = memory.initiatives.all().find((i) => i.id === 1)!;
    // Mine for every field of the form (title and the summary I saw), on top of version 2.
    expect(stored).toMatchObject({
      title: "Mads' titel",
      summary: "Forældre søger pladser digitalt.",
      version: "3",
    });
    const updates = memory.initiatives.calls.filter(([m]) => m === "update").map(([, e]) => e);
    expect(updates).toMatchObject([{ version: "1" }, { version: "2" }]);
  });

  it("'Brug den gemte' discards mine and shows the stored version", async () => {
    const memory = setup();
    const form = await openForm();
    type(form, "Titel", "Mads' titel");
    birgitteSaves(memory);
    await click(form, "Gem");
    await click(await screen.findByRole("alertdialog"), "Brug den gemte");
    expect(
      (
        await screen.findByRole("heading", {
          level: 1,
          name: "Tiltag nr. 1: Digital pladsanvisning 2.0",
        })
      ).isConnected,
    ).toBe(true);
    expect(screen.queryByRole("region", { name: "Redigér tiltaget" })).toBeNull();
    expect(memory.initiatives.all().find((i) => i.id === 1)).toMatchObject({
      title: "Digital pladsanvisning 2.0",
      version: "2",
    });
    expect(memory.initiatives.calls.filter(([m]) => m === "update")).toHaveLength(1);
  });

  it("'Annullér' keeps editing with my values; saving again asks again, never overwrites", async () => {
    const memory = setup();
    const form = await openForm();
    type(form, "Titel", "Mads' titel");
    birgitteSaves(memory);
    await click(form, "Gem");
    await click(await screen.findByRole("alertdialog"), "Annullér");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    const still = screen.getByRole("region", { name: "Redigér tiltaget" });
    expect(within(still).getByRole<HTMLInputElement>("textbox", { name: "Titel" }).value).toBe(
      "Mads' titel",
    );
    await click(still, "Gem");
    expect(await screen.findByRole("alertdialog")).toBeTruthy();
    expect(memory.initiatives.all().find((i) => i.id === 1)!.title).toBe(
      "Digital pladsanvisning 2.0",
    );
  });

  it("shows a throttled save with its wait, and keeps the form", async () => {
    const memory = setup();
    const form = await openForm();
    type(form, "Titel", "Mads' titel");
    memory.initiatives.failNext(
      "update",
      new StoreError("Throttled", "Too many requests", { retryAfter: 12 }),
    );
    await click(form, "Gem");
    const alert = await within(form).findByRole("alert");
    expect(text(alert)).toContain("Tiltaget kunne ikke gemmes");
    expect(text(alert)).toContain("Ventetid: 12 s.");
    expect(screen.getByRole("region", { name: "Redigér tiltaget" })).toBeTruthy();
  });

  it("names the field the domain refuses, and writes nothing", async () => {
    const memory = setup();
    const form = await openForm();
    type(form, "Titel", "");
    await click(form, "Gem");
    const alerts = await within(form).findAllByRole("alert");
    // At the field (its validation message) and in the summary above the buttons.
    expect(alerts.map((a) => text(a))).toEqual([
      "Titel skal udfyldes.",
      expect.stringContaining("Titel skal udfyldes."),
    ]);
    expect(within(form).getByRole("textbox", { name: "Titel" }).getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(memory.initiatives.calls.filter(([m]) => m === "update")).toHaveLength(0);
  });

  it("offers editing to the secretary, the chair and the owner, not to other members", async () => {
    for (const [me, may] of [
      [aUser(birgitte, "chair"), true],
      [aUser(sara, "contributor"), true],
      [aUser(jonas, "member"), false],
    ] as const) {
      const { repositories } = seededRepositories(() => me);
      const view = renderInitiative({ me, repositories });
      await screen.findByRole("region", { name: "Oplysninger" }, { timeout: 5000 });
      expect([
        me.person.name,
        screen.queryByRole("button", { name: "Redigér tiltaget" }) !== null,
      ]).toEqual([me.person.name, may]);
      view.unmount();
    }
  });
});
