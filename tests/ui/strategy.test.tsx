/**
 * Strategi with in-memory repositories: the portfolio grouped by goal with counts and money and
 * the initiatives without a goal; who sees which add forms; a barrier saved from the form, and
 * refused with its field named when its rule is broken; a blocked initiative's section.
 */
import v8 from "node:v8";

import { jest } from "@jest/globals";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";

import { idOf, type InitiativeId, type PersonId } from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import type { Repositories } from "../../src/ports/repositories.js";
import { BarriersSection } from "../../src/ui/initiative/BarriersSection.js";
import type { AppServices } from "../../src/ui/services.js";
import StrategyView from "../../src/ui/strategy/StrategyView.js";
import {
  aBarrier,
  aBudgetLine,
  anInitiative,
  aPerson,
  aRef,
  aStrategyGoal,
} from "../support/builders.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders, withLayout } from "./support.js";

withLayout({ width: 1400, height: 800 });

globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

const gitte = aPerson({ id: idOf<PersonId>(5), name: "Gitte Iversen" });

function aSite(who: Me) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.strategyGoals.seed({ ...aStrategyGoal({ title: "Bedre service", sortOrder: 1 }) });
  memory.initiatives.seed(
    { ...anInitiative({ title: "Booking", strategyGoal: aRef(1, "Bedre service") }) },
    { ...anInitiative({ title: "Droner", strategyGoal: null }) },
  );
  memory.budgetLines.seed(
    { ...aBudgetLine({ initiative: aRef(1), kind: "Anlæg", amount: 400_000, year: 2026 }) },
    { ...aBudgetLine({ initiative: aRef(1), kind: "Gevinst", amount: 100_000, year: 2027 }) },
  );
  memory.barriers.seed({
    ...aBarrier({ title: "Mangler hjemmel", kind: "Jura", blocks: [aRef(1, "Booking")] }),
  });
  return repositories;
}

function renderView(ui: React.ReactElement, who: Me, repositories: Repositories) {
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: { now: () => new Date("2026-05-12T10:00:00Z") },
  } as unknown as AppServices;
  return renderWithProviders(ui, { services });
}

const member: Me = { person: gitte, roles: ["member"] };

describe("Strategi", () => {
  it("shows the portfolio by goal with counts and money, and the initiatives without a goal", async () => {
    renderView(<StrategyView />, member, aSite(member));
    const table = await screen.findByRole("table", { name: "Porteføljen fordelt på strategimål" });
    const row = within(table).getByText("Bedre service").closest('[role="row"]') as HTMLElement;
    expect(row.textContent).toMatch(/400\.000/);
    expect(row.textContent).toMatch(/100\.000/);
    expect(within(table).getByText("Uden strategimål")).toBeTruthy();
    expect(screen.getByText(/1 tiltag har intet strategimål/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Droner" })).toBeTruthy();
  });

  it.each([
    [["member"], false, true],
    [["chair"], true, true],
    [["contributor"], false, false],
  ] as const)("roles %j: goal form %s, barrier form %s", async (roles, goals, barriers) => {
    const who: Me = { person: gitte, roles: [...roles] };
    renderView(<StrategyView />, who, aSite(who));
    await screen.findByRole("table", { name: "Barrierer" });
    expect(screen.queryByRole("button", { name: "Nyt strategimål" }) !== null).toBe(goals);
    expect(screen.queryByRole("button", { name: "Ny barriere" }) !== null).toBe(barriers);
  });

  it("refuses a barrier being handled without someone responsible, naming the field", async () => {
    const repositories = aSite(member);
    renderView(<StrategyView />, member, repositories);
    fireEvent.click(await screen.findByRole("button", { name: "Ny barriere" }));
    const form = screen.getByRole("form", { name: "Ny barriere" });
    fireEvent.change(within(form).getByRole("textbox", { name: /Barriere/ }), {
      target: { value: "Ingen testdata" },
    });
    fireEvent.change(within(form).getByRole("combobox", { name: /Status/ }), {
      target: { value: "Under håndtering" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Gem barriere" }));
    const alerts = await screen.findAllByRole("alert", {}, { timeout: 10_000 });
    expect(alerts.map((a) => a.textContent).join(" ")).toContain(
      "Ansvarlig skal udfyldes, når barrieren er under håndtering.",
    );
    expect((await repositories.barriers.list()).map((b) => b.title)).toEqual(["Mangler hjemmel"]);
  });

  it("saves a new barrier into the register", async () => {
    const repositories = aSite(member);
    renderView(<StrategyView />, member, repositories);
    fireEvent.click(await screen.findByRole("button", { name: "Ny barriere" }));
    const form = screen.getByRole("form", { name: "Ny barriere" });
    fireEvent.change(within(form).getByRole("textbox", { name: /Barriere/ }), {
      target: { value: "Ingen testdata" },
    });
    fireEvent.change(within(form).getByRole("combobox", { name: /Type/ }), {
      target: { value: "Infrastruktur" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Gem barriere" }));
    const table = screen.getByRole("table", { name: "Barrierer" });
    await within(table).findByText("Ingen testdata", {}, { timeout: 10_000 });
    const saved = (await repositories.barriers.list()).find((b) => b.title === "Ingen testdata");
    expect(saved).toMatchObject({ kind: "Infrastruktur", state: "Identificeret" });
  });
});

describe("an initiative's barriers", () => {
  it.each([
    [1, true],
    [2, false],
  ])("initiative %i shows the open barrier: %s", async (id, shown) => {
    const repositories = aSite(member);
    const read = jest.spyOn(repositories.barriers, "list");
    renderView(<BarriersSection initiative={idOf<InitiativeId>(id)} />, member, repositories);
    if (shown) {
      const region = await screen.findByRole("region", { name: "Blokeret af en barriere" });
      expect(within(region).getByText("Mangler hjemmel")).toBeTruthy();
    } else {
      // The register was read and answered: nothing blocks it, so no section is shown.
      await waitFor(() => expect(read).toHaveBeenCalled());
      await act(async () => {
        await (read.mock.results[0]?.value as Promise<unknown>);
      });
      expect(screen.queryByRole("region")).toBeNull();
    }
  });
});
