/**
 * The Scenarier page (issue 5 §3) with in-memory repositories and the brute-force reference as
 * the solver port: run, force out with a reason, infeasibility explained, the frontier, save and
 * compare two scenarios, commit one at a meeting.
 */
import { describe, expect, it } from "@jest/globals";
import { configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import { StoreError } from "../../src/domain/errors.js";
import { idOf, type MeetingId, type RoundId } from "../../src/domain/ids.js";
import { relativeGap, solveExactly, type SolveOutcome } from "../../src/domain/selection.js";
import type { PortfolioSolver, SolveOptions } from "../../src/ports/solver.js";
import ScenariosView from "../../src/ui/prioritization/scenarios/ScenariosView.js";
import type { AppServices } from "../../src/ui/services.js";
import { aMeeting, aRef, aRound } from "../support/builders.js";
import { me, secretary } from "../support/builders-lifecycle.js";
import { aStoredBallot, aStoredResultJson } from "../support/builders-tally.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { seedPortfolio } from "./scenarios-support.js";
import { renderWithProviders, withLayout } from "./support.js";

// jsdom has no layout: the tables (virtualised) need a size to render their rows.
withLayout({ width: 1600, height: 800 });

// The whole suite runs four jest projects on two cores: give renders room before failing.
configure({ asyncUtilTimeout: 5000 });

const solver: PortfolioSolver = { solve: (model) => Promise.resolve(solveExactly(model)) };

function setup(options: { solver?: PortfolioSolver } = {}) {
  const { memory, repositories } = memoryRepositories(() => secretary);
  seedPortfolio(memory);
  memory.meetings.seed({ id: idOf<MeetingId>(8), ...aMeeting() });
  const unused = new Proxy(
    {},
    {
      get: (_t, prop) => {
        throw new Error(`not faked: ${String(prop)}`);
      },
    },
  );
  const services = {
    currentUser: { me: () => Promise.resolve(me(secretary, "secretary")) },
    repositories,
    clock: { now: () => new Date("2026-03-20T10:00:00Z") },
    solver: options.solver ?? solver,
    mailer: unused,
    people: unused,
    calendar: unused,
    channel: unused,
    directory: unused,
    files: unused,
  } as unknown as AppServices;
  const { container } = renderWithProviders(<ScenariosView id={null} />, { services });
  return { memory, container };
}

async function runOptimizer() {
  await screen.findByText("4 kandidater.");
  fireEvent.click(screen.getByRole("button", { name: "Kør optimering" }));
  await screen.findByText("Optimal løsning fundet (bevist bedst).");
}

function candidateRow(title: string) {
  const table = screen.getByRole("table", { name: "Kandidater og om de er valgt" });
  return within(table).getByRole("row", { name: new RegExp(`^${title}`) });
}

function forceChoice(title: string, direction: "Tving ind" | "Tving ud", reason: string) {
  const form = screen.getByRole("form", { name: "Tving ind eller ud" });
  const [candidate, dir] = within(form).getAllByRole("combobox");
  const option = within(candidate!).getByRole<HTMLOptionElement>("option", { name: title });
  fireEvent.change(candidate!, { target: { value: option.value } });
  fireEvent.change(dir!, { target: { value: direction === "Tving ind" ? "in" : "out" } });
  fireEvent.change(within(form).getByRole("textbox", { name: /Begrundelse/ }), {
    target: { value: reason },
  });
  fireEvent.click(within(form).getByRole("button", { name: "Tilføj" }));
}

async function saveAs(name: string) {
  fireEvent.change(screen.getByRole("textbox", { name: /Scenariets navn/ }), {
    target: { value: name },
  });
  fireEvent.click(screen.getByRole("button", { name: "Gem scenarie" }));
  await screen.findByText(`Scenariet »${name}« er gemt.`);
}

function commitAs(name: string) {
  const scenario = screen.getByRole("combobox", { name: /^Scenarie/ });
  const option = within(scenario).getByRole<HTMLOptionElement>("option", { name });
  fireEvent.change(scenario, { target: { value: option.value } });
  fireEvent.change(screen.getByRole("combobox", { name: /^Møde/ }), { target: { value: "8" } });
  fireEvent.change(screen.getByRole("textbox", { name: /Beslutningstekst/ }), {
    target: { value: "Styregruppen prioriterer scenariet." },
  });
  fireEvent.click(screen.getByRole("button", { name: "Beslut og flyt til Prioriteret" }));
}

describe("the Scenarier page", () => {
  it("runs the optimizer: the chosen set, totals per constraint, and why a candidate was left out", async () => {
    setup();
    await runOptimizer();
    expect(screen.getByText("3 tiltag valgt, samlet værdi 75, udgift 800.000 kr.")).toBeTruthy();
    expect(within(candidateRow("Beta")).getByText("Ja")).toBeTruthy();
    expect(within(candidateRow("Delta")).getByText("Ja (lovkrav)")).toBeTruthy();
    const alfa = candidateRow("Alfa");
    expect(within(alfa).getByText("Nej")).toBeTruthy();
    expect(
      within(alfa).getByText(
        /Alfa er ikke valgt: Budget 2026 Anlæg.*overskrides med 500\.000 kr\./,
      ),
    ).toBeTruthy();
    const totals = screen.getByRole("table", { name: "Forbrug pr. begrænsning" });
    expect(
      within(totals).getByRole("row", { name: /Kapacitet It-arkitektur 2026-03/ }).textContent,
    ).toContain("30 timer");
  });

  it("forces a candidate out with its reason and solves again; an impossible forced set is explained", async () => {
    setup();
    await runOptimizer();
    forceChoice("Beta", "Tving ud", "Afventer udbud");
    expect(await screen.findByText("Beta er tvunget ud: Afventer udbud")).toBeTruthy();
    await waitFor(() => expect(within(candidateRow("Alfa")).getByText("Ja")).toBeTruthy());
    expect(within(candidateRow("Beta")).getByText("Nej (tvunget ud: Afventer udbud)")).toBeTruthy();

    forceChoice("Beta", "Tving ind", "Politisk ønske");
    forceChoice("Alfa", "Tving ind", "Politisk ønske");
    expect(await screen.findByText("Begrænsningerne kan ikke overholdes")).toBeTruthy();
    expect(screen.getByText(/overskrides med 200\.000 kr\./)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Fjern tvunget valg for Alfa" }));
    await waitFor(() => expect(within(candidateRow("Beta")).getByText(/^Ja/)).toBeTruthy());
  });

  it("stops at the time limit the user chooses and says how far the selection is at most from the best", async () => {
    const asked: SolveOptions[] = [];
    let bound: number | null = null;
    const stopped: PortfolioSolver = {
      solve: (model, o = {}) => {
        asked.push(o);
        const best = solveExactly(model);
        const value = best.solution?.value ?? 0;
        // What HiGHS reports when its time limit ends the search before the bound meets the value.
        return Promise.resolve({
          ...best,
          status: "timeLimit",
          bound: bound ?? null,
          gap: bound === null ? null : relativeGap(value, bound),
        } satisfies SolveOutcome);
      },
    };
    setup({ solver: stopped });
    await screen.findByText("4 kandidater.");
    fireEvent.change(screen.getByRole("spinbutton", { name: "Tidsgrænse (sekunder)" }), {
      target: { value: "12" },
    });
    bound = 75 / (1 - 0.009434); // proven gap 0.9434 %: shown as at most 0,95 %
    fireEvent.click(screen.getByRole("button", { name: "Kør optimering" }));
    expect(
      await screen.findByText(
        "Tidsgrænsen blev nået: den bedste løsning fundet er bevist højst 0,95 % fra det bedste.",
      ),
    ).toBeTruthy();
    expect(asked.at(-1)?.timeLimitSeconds).toBe(12);
    expect(screen.getByText("3 tiltag valgt, samlet værdi 75, udgift 800.000 kr.")).toBeTruthy();

    bound = null;
    fireEvent.click(screen.getByRole("button", { name: "Kør optimering" }));
    expect(
      await screen.findByText(
        "Tidsgrænsen blev nået, før det kunne bevises, hvor langt løsningen højst er fra det bedste.",
      ),
    ).toBeTruthy();
  });

  it("shows how far at most from the best the search is while it runs, and stops when asked with the best found", async () => {
    // A search that reports the best selection so far and goes on until it is stopped.
    const searching: PortfolioSolver = {
      solve: (model, o = {}) =>
        new Promise((resolve) => {
          const best = solveExactly(model).solution!;
          const progress = {
            seconds: 4.2,
            solution: best,
            bound: best.value / (1 - 0.0123),
            gap: 0.0123,
          };
          setTimeout(() => o.onProgress?.(progress), 0);
          o.signal?.addEventListener("abort", () =>
            resolve({ status: "stopped", ...progress, explanation: [] }),
          );
        }),
    };
    setup({ solver: searching });
    await screen.findByText("4 kandidater.");
    fireEvent.click(screen.getByRole("button", { name: "Kør optimering" }));
    expect(
      await screen.findByText(
        "Bedste fundet indtil nu: samlet værdi 75, bevist højst 1,23 % fra det bedste (4 s).",
      ),
    ).toBeTruthy();
    expect(screen.getByRole("button", { name: "Kør optimering" })).toHaveProperty("disabled", true);

    fireEvent.click(screen.getByRole("button", { name: "Stop og brug den bedste løsning" }));
    expect(
      await screen.findByText(
        "Stoppet: den bedste løsning fundet er bevist højst 1,23 % fra det bedste.",
      ),
    ).toBeTruthy();
    expect(screen.getByText("3 tiltag valgt, samlet værdi 75, udgift 800.000 kr.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Stop og brug den bedste løsning" })).toBeNull();
  });

  it("draws the efficient frontier as a chart with a table, the chosen scenario marked", async () => {
    setup();
    await runOptimizer();
    fireEvent.click(screen.getByRole("button", { name: "Beregn effektiv front" }));
    expect(await screen.findByRole("img", { name: /Bedste samlede værdi/ })).toBeTruthy();
    const table = screen.getByRole("table", { name: "Effektiv front som tabel" });
    const marked = within(table).getByRole("row", { name: /Valgt scenarie/ });
    expect(marked.textContent).toContain("75");
    expect(screen.getByText("Det valgte scenarie ligger på den effektive front.")).toBeTruthy();
  });

  it("saves two scenarios, compares them side by side and commits one at a meeting", async () => {
    const { memory } = setup();
    await runOptimizer();
    await saveAs("Anbefalet");
    forceChoice("Beta", "Tving ud", "Afventer udbud");
    await waitFor(() => expect(within(candidateRow("Alfa")).getByText("Ja")).toBeTruthy());
    await saveAs("Uden Beta");

    fireEvent.click(await screen.findByRole("checkbox", { name: /^Anbefalet/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: /^Uden Beta/ }));
    const compare = await screen.findByRole("table", { name: "To scenarier side om side" });
    expect(within(compare).getByRole("columnheader", { name: "Anbefalet" })).toBeTruthy();
    expect(within(compare).getByRole("columnheader", { name: "Uden Beta" })).toBeTruthy();
    expect(within(compare).getByRole("row", { name: /Samlet værdi/ }).textContent).toContain("75");
    expect(within(compare).getByRole("row", { name: /^Beta/ }).textContent).toBe("BetaMedIkke med");
    expect(within(compare).getByText("Beta ud (Afventer udbud)")).toBeTruthy();

    const scenario = screen.getByRole("combobox", { name: /^Scenarie/ });
    const option = within(scenario).getByRole<HTMLOptionElement>("option", { name: "Anbefalet" });
    fireEvent.change(scenario, { target: { value: option.value } });
    fireEvent.change(screen.getByRole("combobox", { name: /^Møde/ }), { target: { value: "8" } });
    fireEvent.change(screen.getByRole("textbox", { name: /Beslutningstekst/ }), {
      target: { value: "Styregruppen prioriterer det anbefalede scenarie." },
    });
    fireEvent.click(screen.getByRole("button", { name: "Beslut og flyt til Prioriteret" }));
    expect(
      await screen.findByText("Beslutningen er registreret; 3 tiltag er flyttet til Prioriteret."),
    ).toBeTruthy();
    const initiatives = await memory.initiatives.list();
    expect(initiatives.filter((i) => i.phase === "Prioriteret").map((i) => i.title)).toEqual([
      "Beta",
      "Gamma",
      "Delta",
    ]);
    const [decision] = await memory.decisions.list();
    expect(decision?.meeting?.id).toBe(8);
    await waitFor(() =>
      expect(screen.getByRole("checkbox", { name: /^Anbefalet.*\(besluttet\)$/ })).toBeTruthy(),
    );
  });

  it("refuses a commit whose initiatives are not ready, listing what blocks which, with nothing written", async () => {
    const { memory } = setup();
    await runOptimizer();
    await saveAs("Anbefalet");
    memory.initiatives.touch(3, { solution: "" });
    commitAs("Anbefalet");
    const blockers = await screen.findByRole("list", { name: "Det, der forhindrer beslutningen" });
    expect(
      screen.getByText(
        "Intet er registreret: 1 af de valgte tiltag kan ikke gå til Prioriteret endnu.",
      ),
    ).toBeTruthy();
    expect(within(blockers).getByRole("listitem").textContent).toBe(
      "Gamma: Løsning skal beskrives.",
    );
    expect(await memory.decisions.list()).toEqual([]);
    expect((await memory.initiatives.list()).filter((i) => i.phase === "Prioriteret")).toEqual([]);
  });

  it("says so when a write fails mid-way and the moves already made are put back", async () => {
    const { memory } = setup();
    await runOptimizer();
    await saveAs("Anbefalet");
    memory.scenarios.failNext("update", new StoreError("Conflict", "Scenariet er ændret."));
    commitAs("Anbefalet");
    expect(
      await screen.findByText("Beslutningen kunne ikke gennemføres (Scenariet er ændret)."),
    ).toBeTruthy();
    expect(
      screen.getByText(
        /^3 tiltag, der allerede var flyttet, er ført tilbage til Klar til prioritering.*Beslutningen står i beslutningsloggen som ikke gennemført\.$/,
      ),
    ).toBeTruthy();
    expect((await memory.initiatives.list()).filter((i) => i.phase === "Prioriteret")).toEqual([]);
    expect((await memory.phaseChanges.list()).map((c) => c.toPhase)).toEqual([
      "Prioriteret",
      "Prioriteret",
      "Prioriteret",
      "Klar til prioritering",
      "Klar til prioritering",
      "Klar til prioritering",
    ]);
  });

  it("asks for a reason before forcing a choice", async () => {
    setup();
    await runOptimizer();
    const form = screen.getByRole("form", { name: "Tving ind eller ud" });
    fireEvent.click(within(form).getByRole("button", { name: "Tilføj" }));
    expect(await within(form).findByText("Begrundelse skal udfyldes.")).toBeTruthy();
    expect(within(form).getByText("Vælg et tiltag.")).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Tvungne valg" })).toBeNull();
  });

  it("has no serious or critical axe violations with a result, the frontier and a comparison on screen", async () => {
    const { container } = setup();
    await runOptimizer();
    await saveAs("Anbefalet");
    await saveAs("Igen");
    fireEvent.click(await screen.findByRole("checkbox", { name: /^Anbefalet/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: /^Igen/ }));
    await screen.findByRole("table", { name: "To scenarier side om side" });
    fireEvent.click(screen.getByRole("button", { name: "Beregn effektiv front" }));
    await screen.findByRole("img", { name: /Bedste samlede værdi/ });
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });

  it("takes the values from a chosen closed round, and says when the round gives none", async () => {
    const { memory } = setup();
    const [dots] = memory.rounds.seed(
      {
        id: idOf<RoundId>(5),
        ...aRound({
          title: "Prikker marts",
          state: "Lukket",
          method: "Prikker",
          candidates: [aRef(1, "Alfa"), aRef(2, "Beta")],
        }),
      },
      {
        id: idOf<RoundId>(6),
        ...aRound({ title: "Samtykke april", state: "Lukket", method: "Samtykke" }),
      },
    );
    // The result stored when the round was closed (see closeRound).
    memory.rounds.touch(dots!.id, {
      resultJson: aStoredResultJson(dots!, [
        aStoredBallot(dots!, 21, [
          { candidate: idOf(1), points: 3 },
          { candidate: idOf(2), points: 1 },
        ]),
      ]),
    });
    await screen.findByText("4 kandidater.");
    const source = screen.getByRole("combobox", { name: "Værdi fra" });
    await within(source).findByRole("option", { name: "Lukket runde: Prikker marts" });
    fireEvent.change(source, { target: { value: "5" } });
    await screen.findByText("2 kandidater.");
    fireEvent.click(screen.getByRole("button", { name: "Kør optimering" }));
    await screen.findByText("Optimal løsning fundet (bevist bedst).");
    expect(candidateRow("Alfa").textContent).toContain("Alfa75");
    expect(screen.queryByText(/prioritetsscore bruges/)).toBeNull();

    fireEvent.change(source, { target: { value: "6" } });
    expect(await screen.findByText(/prioritetsscore bruges/)).toBeTruthy();
    // The result of the other candidates is gone until the optimizer runs again.
    expect(screen.queryByRole("table", { name: "Kandidater og om de er valgt" })).toBeNull();
  });
});
