/**
 * Rapporter with fake ports (in-memory repositories, a recording mailer, a fake channel and
 * workbook writer): the secretary builds the Direktørforum report, sees its ongoing initiatives,
 * sends it after a confirmation and reads it in the history with who made it; a report with no
 * ongoing initiative and a bad address are said in words; a member only reads; the evaluation
 * shows the year's figures; the English page shows English words.
 */
import v8 from "node:v8";

import { fireEvent, screen, waitFor, within } from "@testing-library/react";

import type { Me } from "../../src/domain/roles.js";
import type { Language } from "../../src/host/locale.js";
import ReportsView from "../../src/ui/reports/ReportsView.js";
import type { AppServices } from "../../src/ui/services.js";
import { MEMBER, reportsSetup, SECRETARY } from "../support/reports-fakes.js";
import { renderWithProviders, withLayout } from "./support.js";

withLayout();

// jsdom's window has no structuredClone (Node has); the in-memory repositories copy with it.
globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

async function renderView(
  options: { who?: Me; language?: Language } & Parameters<typeof reportsSetup>[0] = {},
) {
  const s = await reportsSetup(options);
  if (options.who) s.as(options.who);
  const services = {
    ...s.ports,
    calendar: {},
    directory: {},
    links: { to: (route: string) => `https://tab.example/${route}` },
  } as unknown as AppServices;
  return {
    s,
    view: renderWithProviders(<ReportsView />, { services, language: options.language ?? "da" }),
  };
}

describe("the secretary", () => {
  it("builds the report, sends it after confirming, and finds it in the history", async () => {
    const { s } = await renderView();
    fireEvent.click(await screen.findByRole("button", { name: "Dan rapporten" }));
    expect(
      await screen.findByRole("heading", { name: "Porteføljeplan – status til Direktørforum" }),
    ).toBeTruthy();
    const table = screen.getByRole("table", { name: "Igangværende tiltag (1)" });
    expect(within(table).getByText("Tiltag 1")).toBeTruthy();
    expect(within(table).queryByText("Tiltag 2")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Gem og send til Direktørforum" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Send rapporten?" });
    expect(within(dialog).getByText(/df@kommune\.dk/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Send" }));
    expect(
      await screen.findByText("Rapporten er sendt til df@kommune.dk.", undefined, {
        timeout: 5000,
      }),
    ).toBeTruthy();
    expect(screen.getByText("Chefforum er orienteret i kanalen.")).toBeTruthy();
    expect(s.sent).toHaveLength(1);

    // jsdom runs no close animation: Fluent leaves the page aria-hidden behind the closed dialog.
    fireEvent.click(screen.getByRole("tab", { name: "Sendte rapporter", hidden: true }));
    const history = await screen.findByRole("table", {
      name: "Sendte og gemte rapporter",
      hidden: true,
    });
    expect(within(history).getByText("Mads Kjær")).toBeTruthy();
    expect(within(history).getByText("Orienteret")).toBeTruthy();
  });

  it("is told in words that there is nothing to report, and nothing is sent", async () => {
    const { s } = await renderView({ phases: ["Idé", "Behovsanalyse"] });
    fireEvent.click(await screen.findByRole("button", { name: "Dan rapporten" }));
    expect(await screen.findByText(/Der er ingen igangværende tiltag/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Gem og send til Direktørforum" })).toBeNull();
    expect(s.sent).toEqual([]);
  });

  it("is told that the Direktørforum address is not a mail address, and cannot send", async () => {
    await renderView({ address: "direktørforum" });
    fireEvent.click(await screen.findByRole("button", { name: "Dan rapporten" }));
    expect(await screen.findByText(/»direktørforum«, er ikke en mailadresse/)).toBeTruthy();
    const send = screen.getByRole("button", { name: "Gem og send til Direktørforum" });
    expect(send.hasAttribute("disabled") || send.getAttribute("aria-disabled") === "true").toBe(
      true,
    );
  });

  it("sees the year's figures in the evaluation", async () => {
    await renderView();
    fireEvent.click(await screen.findByRole("tab", { name: "Evaluering" }));
    const figures = await screen.findByTestId("evaluation-figures");
    expect(within(figures).getByText("Møder afholdt: 0 (mindst 4)")).toBeTruthy();
    expect(within(figures).getByText("Beslutninger: 1")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Proces- og effektevaluering 2026" })).toBeTruthy();
  });
});

describe("a member", () => {
  it("reads the history but cannot make or send reports", async () => {
    await renderView({ who: MEMBER });
    expect(await screen.findByText(/Du kan læse de sendte rapporter/)).toBeTruthy();
    expect(screen.queryByRole("tab", { name: "Porteføljeplan" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Dan rapporten" })).toBeNull();
    expect(await screen.findByText("Der er ikke gemt nogen rapporter endnu.")).toBeTruthy();
  });
});

describe("in English", () => {
  it("shows the page in English", async () => {
    await renderView({ language: "en", who: SECRETARY });
    expect(await screen.findByRole("button", { name: "Build the report" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Reports" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Build the report" }));
    await waitFor(() =>
      expect(
        screen.getByRole("heading", { name: "Portfolio plan – status for Direktørforum" }),
      ).toBeTruthy(),
    );
    expect(screen.getByRole("button", { name: "Print / save as PDF" })).toBeTruthy();
  });
});
