/**
 * The channel tab's configuration page (`?mode=config`, the manifest's configurationUrl): a
 * short Danish page saying what the tab will show; inside Teams it registers the save handler
 * and marks itself valid, and saving hands Teams the tab's content URL, website URL, entity id
 * and display name. teams-js is replaced by a fake of the `pages.config` surface the host binds.
 */
import { jest } from "@jest/globals";
import { act, render, screen, within } from "@testing-library/react";

import type { Language } from "../../src/host/locale.js";
import type { TabConfigApi, TabInstanceConfig, TabSaveEvent } from "../../src/host/tab-config.js";
import { channelTabConfig } from "../../src/host/tab-config.js";
import { TabConfigApp } from "../../src/ui/config/TabConfigApp.js";
import { createI18n } from "../../src/ui/i18n/index.js";

interface FakePagesConfig extends TabConfigApi {
  validity: boolean[];
  saved: TabInstanceConfig[];
  /** What Teams does when the user selects Save: calls the handler and awaits its answer. */
  save(): Promise<"success" | { failure: string | undefined }>;
}

function fakePagesConfig(setConfigFails?: Error): FakePagesConfig {
  let handler: ((e: TabSaveEvent) => void) | undefined;
  const fake: FakePagesConfig = {
    validity: [],
    saved: [],
    registerOnSaveHandler: (h) => {
      handler = h;
    },
    setConfig: (config) => {
      if (setConfigFails) return Promise.reject(setConfigFails);
      fake.saved.push(config);
      return Promise.resolve();
    },
    setValidityState: (valid) => {
      fake.validity.push(valid);
    },
    save: () =>
      new Promise((resolve, reject) => {
        if (!handler) {
          reject(new Error("No save handler was registered"));
          return;
        }
        handler({
          notifySuccess: () => resolve("success"),
          notifyFailure: (reason) => resolve({ failure: reason }),
        });
      }),
  };
  return fake;
}

const CONFIG = channelTabConfig({ origin: "https://digistyr.kommune.dk", pathname: "/" });

function renderConfig(options: { api?: TabConfigApi; language?: Language } = {}) {
  return render(
    <TabConfigApp
      i18n={createI18n(options.language ?? "da")}
      initialTheme="light"
      config={CONFIG}
      {...(options.api ? { api: options.api } : {})}
    />,
  );
}

describe("the channel tab's configuration page inside Teams", () => {
  test("says in Danish what the tab will show and that Save adds it", () => {
    renderConfig({ api: fakePagesConfig() });
    screen.getByRole("heading", { level: 1, name: "Tilføj Digistyr til kanalen" });
    const lines = within(screen.getByRole("list"))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^se overblikket: åbne prioriteringsrunder, næste møde/);
    expect(lines.join(" ")).toMatch(/porteføljen af digitaliseringstiltag/);
    screen.getByText("Der er intet at vælge. Vælg Gem for at tilføje fanen.");
    expect(document.documentElement.lang).toBe("da");
  });

  test("marks itself valid at once, so Teams enables its Save button", () => {
    const teams = fakePagesConfig();
    renderConfig({ api: teams });
    expect(teams.validity).toContain(true);
    expect(teams.validity).not.toContain(false);
  });

  test("saving hands Teams the tab's content URL, website URL, entity id and name, then reports success", async () => {
    const teams = fakePagesConfig();
    renderConfig({ api: teams });
    let outcome: Awaited<ReturnType<FakePagesConfig["save"]>> | undefined;
    await act(async () => {
      outcome = await teams.save();
    });
    expect(outcome).toBe("success");
    expect(teams.saved).toEqual([
      {
        contentUrl: "https://digistyr.kommune.dk/",
        websiteUrl: "https://digistyr.kommune.dk/",
        entityId: "digistyr",
        suggestedDisplayName: "Digistyr",
      },
    ]);
  });

  test("when Teams refuses the configuration, the save reports failure with the reason", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const teams = fakePagesConfig(new Error("Invalid contentUrl"));
      renderConfig({ api: teams });
      let outcome: Awaited<ReturnType<FakePagesConfig["save"]>> | undefined;
      await act(async () => {
        outcome = await teams.save();
      });
      expect(outcome).toEqual({ failure: "Invalid contentUrl" });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("Invalid contentUrl"));
    } finally {
      warn.mockRestore();
    }
  });

  test("follows the Teams language: English when Teams is in English", () => {
    renderConfig({ api: fakePagesConfig(), language: "en" });
    screen.getByRole("heading", { level: 1, name: "Add Digistyr to the channel" });
    screen.getByText("There is nothing to choose. Select Save to add the tab.");
    expect(document.documentElement.lang).toBe("en");
  });
});

describe("the configuration page outside Teams", () => {
  test("explains where it is used and links to the tab instead of offering to save", () => {
    renderConfig();
    screen.getByRole("heading", { level: 1, name: "Tilføj Digistyr til kanalen" });
    screen.getByText(/bruges, når Digistyr tilføjes som fane i en Teams-kanal/);
    expect(screen.getByRole("link", { name: "Åbn Digistyr" }).getAttribute("href")).toBe(
      "https://digistyr.kommune.dk/",
    );
    expect(screen.queryByText(/Vælg Gem/)).toBeNull();
  });
});
