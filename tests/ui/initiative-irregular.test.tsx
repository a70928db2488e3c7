/**
 * The initiative page when items were written around the app: the page shows the last valid
 * phase; the chair and the secretary are told the stored phase is irregular, by whom, and see
 * every irregularity listed; the owner and members see only the valid values. A budget line
 * written by someone not allowed is left out of the sums.
 */
import { screen, within } from "@testing-library/react";

import { idOf, type PersonId } from "../../src/domain/ids.js";
import { aBudgetLine, aPerson, aRef } from "../support/builders.js";
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

/** The owner writes her own item's phase, priority and mandatory flag, unrecorded. */
function withDirectEdit(me: ReturnType<typeof aUser>) {
  const seeded = seededRepositories(() => me);
  seeded.memory.initiatives.touch(1, {
    phase: "Gennemførelse",
    priority: 1,
    modifiedBy: sara,
  });
  return seeded;
}

async function lifecycle() {
  return screen.findByRole("region", { name: "Livscyklus" });
}

describe("the initiative page with an irregular phase", () => {
  it.each([
    ["the secretary", aUser(mads, "secretary")],
    ["the chair", aUser(birgitte, "chair", "member")],
  ])("%s sees the last valid phase and is told the stored one is irregular", async (_n, me) => {
    const { repositories } = withDirectEdit(me);
    renderInitiative({ me, repositories });
    const p = await lifecycle();
    expect(text(p)).toContain("Nuværende fase:Behovsanalyse");
    expect(text(p)).toContain("Fasen er uregelmæssig");
    expect(text(p)).toContain(
      "Tiltaget står som Gennemførelse på listen, men den fase er ikke kommet gennem et registreret faseskift. Siden og alle optællinger bruger den sidste gyldige fase, Behovsanalyse. Senest ændret af Sara Dahl.",
    );
    const list = within(await screen.findByRole("region", { name: "Uregelmæssigheder" })).getByRole(
      "list",
      { name: "Uregelmæssigheder" },
    );
    const items = within(list)
      .getAllByRole("listitem")
      .map((li) => text(li));
    expect(items).toEqual([
      "Fasen står som Gennemførelse, men det er ikke kommet gennem et registreret faseskift. Den sidste gyldige fase er Behovsanalyse. Skrevet af Sara Dahl",
      "Prioriteten står som 1 (score —), men er ikke registreret af formanden eller sekretariatet. Den gyldige prioritet er — (score —). Skrevet af Sara Dahl",
    ]);
  });

  it("the owner sees the valid phase and priority, without the notice or the list", async () => {
    const me = aUser(sara, "contributor");
    const { repositories } = withDirectEdit(me);
    renderInitiative({ me, repositories });
    const p = await lifecycle();
    expect(text(p)).toContain("Nuværende fase:Behovsanalyse");
    expect(text(p)).not.toContain("uregelmæssig");
    expect(screen.queryByRole("region", { name: "Uregelmæssigheder" })).toBeNull();
    const details = await screen.findByRole("region", { name: "Oplysninger" });
    expect(text(details)).toContain("FaseBehovsanalyse");
    expect(text(details)).not.toContain("Gennemførelse");
  });

  it("in English, the notice names the phases and who changed the item", async () => {
    const me = aUser(mads, "secretary");
    const { repositories } = withDirectEdit(me);
    renderInitiative({ me, repositories, language: "en" });
    const p = await screen.findByRole("region", { name: "Lifecycle" });
    expect(text(p)).toContain("The phase is irregular");
    expect(text(p)).toContain(
      "The list says Implementation, but that phase did not come through a recorded phase change. The page and every count use the last valid phase, Needs analysis. Last changed by Sara Dahl.",
    );
  });

  it("a budget line written by someone not allowed is left out of the sums and listed", async () => {
    const me = aUser(mads, "secretary");
    const { memory, repositories } = seededRepositories(() => me);
    const ulla = aPerson({ id: idOf<PersonId>(30), name: "Ulla Fremmed", email: "ulla@x.dk" });
    memory.budgetLines.seed({
      ...aBudgetLine({ initiative: aRef(1), year: 2026, kind: "Anlæg", amount: 5_000_000 }),
      createdBy: ulla,
      modifiedBy: ulla,
    });
    renderInitiative({ me, repositories });
    const budget = await screen.findByRole("region", { name: "Budget" });
    expect(text(budget).replace(/\u00a0/g, " ")).toContain("I alt400.000 kr.");
    const list = await screen.findByRole("region", { name: "Uregelmæssigheder" });
    expect(text(list)).toContain(
      "Budgetlinjen på »Digital pladsanvisning« er skrevet af en, der ikke må skrive tiltagets budget. Skrevet af Ulla Fremmed",
    );
  });

  it("a member sees a regular initiative as before: no notice", async () => {
    const me = aUser(jonas, "member");
    const { repositories } = seededRepositories(() => me);
    renderInitiative({ me, repositories });
    const p = await lifecycle();
    expect(text(p)).toContain("Nuværende fase:Behovsanalyse");
    expect(text(p)).not.toContain("uregelmæssig");
  });
});
