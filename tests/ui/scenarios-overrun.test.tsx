/**
 * The optimizer never ends in a dead end: when work under way exceeds a frame, the Scenarier page
 * says by how much, links to raising the frame with the needed amount, and optimises the new
 * candidates within what is left on request.
 */
import { describe, expect, it } from "@jest/globals";
import { configure, fireEvent, screen } from "@testing-library/react";

import { idOf, type MeetingId } from "../../src/domain/ids.js";
import { solveExactly } from "../../src/domain/selection.js";
import type { PortfolioSolver } from "../../src/ports/solver.js";
import ScenariosView from "../../src/ui/prioritization/scenarios/ScenariosView.js";
import type { AppServices } from "../../src/ui/services.js";
import { aBudgetLine, aMeeting, aRef } from "../support/builders.js";
import { me, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { seedPortfolio } from "./scenarios-support.js";
import { renderWithProviders, withLayout } from "./support.js";

withLayout({ width: 1600, height: 800 });
configure({ asyncUtilTimeout: 5000 });

const solver: PortfolioSolver = { solve: (model) => Promise.resolve(solveExactly(model)) };

function setup() {
  const { memory, repositories } = memoryRepositories(() => secretary);
  seedPortfolio(memory);
  // Ongoing work now binds 1.100.000 kr. of the 1.000.000 kr. frame.
  memory.budgetLines.seed(
    aBudgetLine({
      initiative: aRef(10, "Igangværende"),
      year: 2026,
      kind: "Anlæg",
      amount: 900_000,
    }),
  );
  memory.meetings.seed({ id: idOf<MeetingId>(8), ...aMeeting() });
  const services = {
    currentUser: { me: () => Promise.resolve(me(secretary, "secretary")) },
    repositories,
    clock: { now: () => new Date("2026-03-20T10:00:00Z") },
    solver,
  } as unknown as AppServices;
  renderWithProviders(<ScenariosView id={null} />, { services });
}

describe("a frame exceeded by work under way", () => {
  it("says by how much and links to raising the frame with the needed amount filled in", async () => {
    setup();
    await screen.findByText("4 kandidater.");
    fireEvent.click(screen.getByRole("button", { name: "Kør optimering" }));
    await screen.findByText("Igangværende arbejde overskrider en budgetramme");
    expect(
      screen.getByText(
        /Budget 2026 Anlæg: rammen er 1\.000\.000 kr\.; igangværende arbejde binder 1\.100\.000 kr\. og lovkrav og tvungne valg 100\.000 kr\., så rammen er overskredet med 200\.000 kr\./,
      ),
    ).toBeTruthy();
    const link = screen.getByRole("link", { name: "Hæv rammen 2026 Anlæg til 1.200.000 kr." });
    expect(link.getAttribute("href")).toBe("#/finansiering/ramme/2026/anlaeg/1200000");
  });

  it("optimises the new candidates within what is left, showing the overrun", async () => {
    setup();
    await screen.findByText("4 kandidater.");
    fireEvent.click(screen.getByRole("button", { name: "Kør optimering" }));
    fireEvent.click(
      await screen.findByRole("button", { name: "Optimér inden for det, der er tilbage" }),
    );
    await screen.findByText("Optimal løsning fundet (bevist bedst).");
    expect(screen.getByText("Optimeret inden for det, der er tilbage")).toBeTruthy();
    expect(screen.getByRole("link", { name: /Hæv rammen 2026 Anlæg/ })).toBeTruthy();
    // A result to save and a frontier to draw: no dead end.
    expect(screen.getByRole("button", { name: "Beregn effektiv front" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Optimér mod de fulde rammer igen" }));
    await screen.findByText("Igangværende arbejde overskrider en budgetramme");
  });
});
