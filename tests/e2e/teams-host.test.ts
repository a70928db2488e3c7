// The in-Teams path without Teams: the local Teams host page frames the tab and answers
// teams-js (initialize, getContext, theme changes). Opened in dark theme, the tab starts in
// Teams' dark theme as the user the host names, and follows live theme changes; a deep link
// (the subEntityId Teams puts in the context) opens the initiative it names. Adding the tab to a
// channel opens the configuration page, which Teams' Save button then saves with the tab's URL.
import { subEntityIdForInitiative } from "../../src/host/deep-link.js";
import { type RunningApp, startApp } from "../support/app.js";
import {
  type Browser,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";

/**
 * What the page tried to reach beyond loopback, less the one request teams-js makes by design:
 * its list of valid domains from Microsoft's CDN (allowed by the tab's CSP, as teams-js needs
 * it). Offline here it is refused, and teams-js falls back to the list it ships with.
 */
function beyondLoopback(blocked: readonly string[]): string[] {
  return blocked.filter(
    (url) => !url.startsWith("https://res.cdn.office.net/teams-js/validDomains/"),
  );
}

let app: RunningApp | undefined;
let browser: Browser | undefined;
let host: TestPage;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  host = await openPage(browser);
});

afterAll(async () => {
  await host?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

const tab = (page: Page) => page.frameLocator("#tab");

/** Relative luminance (WCAG) of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  if (r === undefined || g === undefined || b === undefined)
    throw new Error(`Not a colour: ${css}`);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The Fluent provider's theme name and background colour inside the tab. */
async function tabTheme(page: Page): Promise<{ theme: string | null; background: string }> {
  const provider = tab(page).locator(".fui-FluentProvider").first();
  return {
    theme: await provider.getAttribute("data-theme"),
    background: await provider.evaluate((el) => getComputedStyle(el).backgroundColor),
  };
}

describe("the tab inside the local Teams host", () => {
  it("opens in dark theme as the member the host signs in, without the identity picker", async () => {
    const { page } = host;
    const member = app!.people.members[0]!;
    await page.goto(`${app!.teamsHostUrl}?user=${encodeURIComponent(member)}&theme=dark`);
    const identity = tab(page).getByTestId("identity");
    await identity.getByText("Logget ind som").waitFor();
    expect(await identity.getByRole("list", { name: "Roller" }).textContent()).toBe("Medlem");
    await tab(page).getByRole("heading", { level: 1, name: "Overblik" }).waitFor();

    // The tab really talked teams-js to its host.
    const calls = await page.evaluate(
      () => (window as unknown as { teamsHostLog: string[] }).teamsHostLog,
    );
    expect(calls).toEqual(expect.arrayContaining(["initialize", "getContext"]));

    const { theme, background } = await tabTheme(page);
    expect(theme).toBe("dark");
    expect(luminance(background)).toBeLessThan(0.05);
    await saveScreenshot(page, "teams-host-1-dark");
  });

  it("follows a live theme change from the host: light, then high contrast", async () => {
    const { page } = host;
    await page.getByLabel("Tema").selectOption("default");
    await tab(page).locator('.fui-FluentProvider[data-theme="light"]').first().waitFor();
    expect(luminance((await tabTheme(page)).background)).toBeGreaterThan(0.8);
    await saveScreenshot(page, "teams-host-2-light");

    await page.getByLabel("Tema").selectOption("contrast");
    await tab(page).locator('.fui-FluentProvider[data-theme="contrast"]').first().waitFor();
    // Teams' high-contrast theme is black.
    expect(luminance((await tabTheme(page)).background)).toBeLessThan(0.01);
    await saveScreenshot(page, "teams-host-3-contrast");
  });

  it("a deep link to an initiative (subEntityId) opens that initiative in the tab", async () => {
    const { page } = host;
    const initiative = (
      await app!.repositoriesAs(app!.people.secretary).initiatives.list({ limit: 1 })
    )[0];
    if (!initiative) throw new Error("The demo seed wrote no initiatives");
    await page.getByLabel("Dybt link (subEntityId)").fill(subEntityIdForInitiative(initiative.id));
    await page.getByRole("button", { name: "Genindlæs fanen" }).click();
    await tab(page)
      .getByRole("heading", { level: 1, name: new RegExp(`^Tiltag nr\\. ${initiative.id}\\b`) })
      .waitFor();
    const hash = await page.evaluate(
      () => (document.getElementById("tab") as HTMLIFrameElement).contentWindow?.location.hash,
    );
    expect(hash).toBe(`#/initiativ/${initiative.id}`);
    await saveScreenshot(page, "teams-host-4-deep-link");
  });

  it("reached nothing beyond loopback and threw no errors in the page", () => {
    expect(beyondLoopback(host.record.blocked)).toEqual([]);
    expect(host.record.errors).toEqual([]);
  });
});

describe("adding the tab to a channel in the local Teams host", () => {
  let config: TestPage;

  afterAll(async () => {
    await config?.close().catch(() => undefined);
  });

  it("shows the Danish configuration page, which enables Save and saves the tab's URL and name", async () => {
    config = await openPage(browser!);
    const { page } = config;
    const user = encodeURIComponent(app!.people.secretary);
    await page.goto(`${app!.teamsHostUrl}?mode=config&user=${user}`);
    await tab(page)
      .getByRole("heading", { level: 1, name: "Tilføj Digistyr til kanalen" })
      .waitFor();
    expect(await tab(page).getByRole("listitem").count()).toBe(4);

    // The page told the host it is valid, so Teams' Save button is enabled.
    const save = page.getByRole("button", { name: "Gem", exact: true });
    await page.locator("#controls button:enabled", { hasText: /^Gem$/ }).waitFor();
    await saveScreenshot(page, "teams-host-5-channel-tab-config");
    await save.click();
    await page.getByText("Fanen er gemt i kanalen.", { exact: true }).waitFor();

    const tabUrl = new URL("/", app!.url).href;
    const saved = await page.evaluate(
      () => (window as unknown as { teamsHostTabConfig: { settings: unknown } }).teamsHostTabConfig,
    );
    expect(saved.settings).toEqual({
      contentUrl: tabUrl,
      websiteUrl: tabUrl,
      entityId: "digistyr",
      suggestedDisplayName: "Digistyr",
    });
    const calls = await page.evaluate(
      () => (window as unknown as { teamsHostLog: string[] }).teamsHostLog,
    );
    expect(calls).toEqual(
      expect.arrayContaining([
        "settings.setValidityState",
        "settings.setSettings",
        "settings.save.success",
      ]),
    );
    expect(beyondLoopback(config.record.blocked)).toEqual([]);
    expect(config.record.errors).toEqual([]);
  });
});
