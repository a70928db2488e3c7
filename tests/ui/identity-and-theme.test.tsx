/**
 * Local mode's identity picker (demo users with their roles; choosing one makes the token
 * provider send that user's `dev:<upn>`, and the header then shows who the server says that
 * is), and the Teams themes: the header's switch and the host's live change both change the
 * FluentProvider's theme.
 */
import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from "@fluentui/react-components";
import { act, fireEvent, screen, within } from "@testing-library/react";

import { LocalIdentity } from "../../src/host/local-identity.js";
import type { DemoIdentity } from "../../src/host/runtime-config.js";
import type { ThemeKind } from "../../src/host/theme.js";
import { aMe, currentUserFromToken, renderApp } from "./support.js";

const MADS = "mads.kjaer@demokommune.onmicrosoft.com";
const BIRGITTE = "birgitte.holm@demokommune.onmicrosoft.com";
const THOMAS = "thomas.berg@demokommune.onmicrosoft.com";

const demoUsers: DemoIdentity[] = [
  {
    upn: BIRGITTE,
    displayName: "Birgitte Holm",
    jobTitle: "Afdelingschef",
    roles: ["chair", "member"],
  },
  {
    upn: MADS,
    displayName: "Mads Kjær",
    jobTitle: "Digitaliseringssekretær",
    roles: ["secretary"],
  },
  { upn: THOMAS, displayName: "Thomas Berg", roles: ["contributor"] },
];

const serverPeople = {
  [MADS]: aMe("Mads Kjær", ["secretary"]),
  [BIRGITTE]: aMe("Birgitte Holm", ["chair", "member"]),
  [THOMAS]: aMe("Thomas Berg", ["contributor"]),
};

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

beforeEach(() => {
  window.history.replaceState(null, "", "/");
});

describe("the identity picker (local mode)", () => {
  test("lists the demo users with their roles in Danish", () => {
    const identity = new LocalIdentity(demoUsers, memoryStorage());
    renderApp({
      currentUser: currentUserFromToken(identity.tokenProvider(), serverPeople),
      localIdentity: identity,
    });
    expect(screen.getByRole("heading", { level: 1, name: "Hvem er du?" }).isConnected).toBe(true);
    const list = screen.getByRole("list", { name: "Demopersoner" });
    const choices = within(list).getAllByRole("button");
    const names = choices.map((b) =>
      within(b)
        .getAllByText(/./)
        .map((e) => e.textContent),
    );
    expect(names[0]).toEqual(expect.arrayContaining(["Birgitte Holm", "Formand", "Medlem"]));
    expect(names[1]).toEqual(expect.arrayContaining(["Mads Kjær", "Sekretær"]));
    expect(names[2]).toEqual(expect.arrayContaining(["Thomas Berg", "Forslagsstiller"]));
    expect(within(choices[1]!).getByText("Digitaliseringssekretær").isConnected).toBe(true);
  });

  test("choosing a person makes the adapters send that person's dev token and shows the shell as them", async () => {
    const identity = new LocalIdentity(demoUsers, memoryStorage());
    const tokens = identity.tokenProvider();
    renderApp({ currentUser: currentUserFromToken(tokens, serverPeople), localIdentity: identity });
    fireEvent.click(screen.getByRole("button", { name: /Mads Kjær/ }));
    expect(await tokens.getToken("sharepoint")).toBe(`dev:${MADS}`);
    expect(await tokens.getToken("graph")).toBe(`dev:${MADS}`);
    const header = screen.getByTestId("identity");
    expect((await within(header).findByText("Mads Kjær")).isConnected).toBe(true);
    expect(within(header).getByText("Sekretær").isConnected).toBe(true);
    expect(screen.getByRole("navigation", { name: "Hovedmenu" }).isConnected).toBe(true);
  });

  test("switching user goes back to the picker, and the next choice is who the header shows", async () => {
    const identity = new LocalIdentity(demoUsers, memoryStorage());
    const tokens = identity.tokenProvider();
    renderApp({ currentUser: currentUserFromToken(tokens, serverPeople), localIdentity: identity });
    fireEvent.click(screen.getByRole("button", { name: /Mads Kjær/ }));
    await within(screen.getByTestId("identity")).findByText("Mads Kjær");
    fireEvent.click(screen.getByRole("button", { name: "Skift bruger" }));
    fireEvent.click(screen.getByRole("button", { name: /Thomas Berg/ }));
    const header = screen.getByTestId("identity");
    expect((await within(header).findByText("Thomas Berg")).isConnected).toBe(true);
    expect(within(header).queryByText("Mads Kjær")).toBeNull();
    expect(await tokens.getToken("sharepoint")).toBe(`dev:${THOMAS}`);
  });
});

/** The CSS variables the FluentProvider injected for its own class. */
function providerThemeCss(): string {
  const provider = document.querySelector(".fui-FluentProvider");
  const cls = [...(provider?.classList ?? [])].find((c) => /^fui-FluentProvider.+/.test(c));
  expect(cls).toBeDefined();
  // The provider writes its theme as CSS variables into a <style> of its own, by CSSOM rules.
  return [...document.querySelectorAll("style")]
    .flatMap((s) => [s.textContent ?? "", ...[...(s.sheet?.cssRules ?? [])].map((r) => r.cssText)])
    .filter((t) => t.includes(`.${cls!}`))
    .join("\n");
}

function background(css: string): string | undefined {
  return /--colorNeutralBackground1:\s*([^;]+);/.exec(css)?.[1]?.trim();
}

describe("Teams themes", () => {
  const mads = { me: () => Promise.resolve(aMe("Mads Kjær", ["secretary"])) };

  test("the theme switch changes the FluentProvider's theme", async () => {
    renderApp({ currentUser: mads });
    await screen.findByRole("heading", { level: 1, name: /Overblik/ });
    expect(background(providerThemeCss())).toBe(teamsLightTheme.colorNeutralBackground1);
    fireEvent.change(screen.getByLabelText("Tema"), { target: { value: "dark" } });
    expect(background(providerThemeCss())).toBe(teamsDarkTheme.colorNeutralBackground1);
    fireEvent.change(screen.getByLabelText("Tema"), { target: { value: "contrast" } });
    expect(background(providerThemeCss())).toBe(teamsHighContrastTheme.colorNeutralBackground1);
  });

  test("a theme change from Teams arrives live", async () => {
    let fromHost: ((t: ThemeKind) => void) | undefined;
    renderApp({
      currentUser: mads,
      theme: "dark",
      onHostThemeChange: (listener) => {
        fromHost = listener;
        return () => (fromHost = undefined);
      },
    });
    await screen.findByRole("heading", { level: 1, name: /Overblik/ });
    expect(background(providerThemeCss())).toBe(teamsDarkTheme.colorNeutralBackground1);
    act(() => fromHost?.("contrast"));
    expect(background(providerThemeCss())).toBe(teamsHighContrastTheme.colorNeutralBackground1);
    expect(screen.getByLabelText<HTMLSelectElement>("Tema").value).toBe("contrast");
  });
});
