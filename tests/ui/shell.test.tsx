/**
 * The shell with fake ports: Danish navigation with landmarks and a skip link, switching to
 * English, views that are not built yet saying "kommer snart", deep links to an initiative,
 * the identity header with roles from the CurrentUser port, and its Danish error message.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";

import { StoreError } from "../../src/domain/errors.js";
import { aMe, renderApp } from "./support.js";

const mads = { me: () => Promise.resolve(aMe("Mads Kjær", ["secretary"])) };

const DANISH_MENU = [
  "Overblik",
  "Portefølje",
  "Prioritering",
  "Møder",
  "Ressourcer",
  "Finansiering",
  "Gevinster",
  "Rapporter",
  "Strategi",
  "Indstillinger",
];

function goTo(hash: string) {
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  });
}

beforeEach(() => {
  window.history.replaceState(null, "", "/");
});

describe("the shell", () => {
  test("shows the Danish main menu in a navigation landmark, with a skip link to the content", async () => {
    renderApp({ currentUser: mads });
    const nav = screen.getByRole("navigation", { name: "Hovedmenu" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((l) => l.textContent)).toEqual(DANISH_MENU);
    expect(links[0]!.getAttribute("aria-current")).toBe("page");
    expect(links[1]!.getAttribute("href")).toBe("#/portefolje");
    expect(screen.getByRole("link", { name: "Gå til indhold" }).getAttribute("href")).toBe("#main");
    expect(screen.getByRole("main").getAttribute("id")).toBe("main");
    expect((await screen.findByRole("heading", { level: 1, name: /Overblik/ })).isConnected).toBe(
      true,
    );
  });

  test("switches to English and back", async () => {
    renderApp({ currentUser: mads });
    await screen.findByRole("heading", { level: 1, name: /Overblik/ });
    fireEvent.change(screen.getByLabelText("Sprog"), { target: { value: "en" } });
    const nav = await screen.findByRole("navigation", { name: "Main menu" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((l) => l.textContent),
    ).toEqual([
      "Overview",
      "Portfolio",
      "Prioritisation",
      "Meetings",
      "Resources",
      "Funding",
      "Benefits",
      "Reports",
      "Strategy",
      "Settings",
      // Mads is the secretary: the page of irregular items is in his menu.
      "Irregularities",
    ]);
    expect(screen.getByRole("heading", { level: 1, name: /Overview/ }).isConnected).toBe(true);
    expect(document.documentElement.lang).toBe("en");
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "da" } });
    expect((await screen.findByRole("navigation", { name: "Hovedmenu" })).isConnected).toBe(true);
  });

  test("#/prioritering leads to its three pages, each with its own address", async () => {
    renderApp({ currentUser: mads });
    goTo("#/prioritering");
    await screen.findByRole("heading", { level: 1, name: "Prioritering" });
    const links = screen
      .getAllByRole("link")
      .filter((a) => a.getAttribute("href")?.startsWith("#/prioritering/"));
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Kriterier og vægte", "#/prioritering/kriterier"],
      ["Prioriteringsrunder", "#/prioritering/runder"],
      ["Scenarier og optimering", "#/prioritering/scenarier"],
    ]);
    goTo("#/prioritering/runder/7");
    // The round's own page (tested in tests/ui/rounds-*.test.tsx) replaces the way in.
    await waitFor(() => expect(screen.queryByText(/helhedsbetragtning/)).toBeNull());
    const current = within(screen.getByRole("navigation")).getByRole("link", { current: "page" });
    expect(current.textContent).toContain("Prioritering");
  });

  test("a deep link to an initiative opens its page naming the initiative", async () => {
    window.history.replaceState(null, "", "/#/initiativ/42");
    renderApp({ currentUser: mads });
    // The page itself (its data and sections) is tested in tests/ui/initiative-*.test.tsx.
    expect(
      (
        await screen.findByRole(
          "heading",
          { level: 1, name: /^Tiltag nr\. 42\b/ },
          { timeout: 5000 },
        )
      ).isConnected,
    ).toBe(true);
    expect(screen.queryByText(/Kommer snart/)).toBeNull();
  });

  test("an unknown address says the page does not exist and links to the overview", async () => {
    window.history.replaceState(null, "", "/#/findes-ikke");
    renderApp({ currentUser: mads });
    expect(
      (await screen.findByRole("heading", { level: 1, name: "Siden findes ikke" })).isConnected,
    ).toBe(true);
    expect(screen.getByRole("link", { name: "Gå til overblikket" }).getAttribute("href")).toBe(
      "#/overblik",
    );
  });

  test("the header says who I am and my roles from SharePoint group membership", async () => {
    renderApp({
      currentUser: { me: () => Promise.resolve(aMe("Birgitte Holm", ["chair", "member"])) },
    });
    const identity = screen.getByTestId("identity");
    expect((await within(identity).findByText("Birgitte Holm")).isConnected).toBe(true);
    const roles = within(identity).getByRole("list", { name: "Roller" });
    expect(
      within(roles)
        .getAllByRole("listitem")
        .map((r) => r.textContent),
    ).toEqual(["Formand", "Medlem"]);
  });

  test("when the site cannot be reached the header says so in Danish", async () => {
    renderApp({
      currentUser: { me: () => Promise.reject(new StoreError("Unavailable", "ECONNREFUSED")) },
    });
    expect((await screen.findByRole("alert")).textContent).toContain(
      "SharePoint-webstedet kan ikke nås lige nu. Tjek forbindelsen og prøv igen.",
    );
  });
});
