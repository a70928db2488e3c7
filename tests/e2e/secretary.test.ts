// The secretary's first visit in local mode, in headless Chromium against the app started as
// `npm start` starts it: the identity picker in Danish, choosing the secretary, the shell in
// Danish with her role, then switching to English. axe-core audits the picker and the
// overview (zero serious or critical violations); screenshots are kept as artefacts.
import { type RunningApp, startApp } from "../support/app.js";
import {
  axeViolations,
  type Browser,
  describeViolations,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";

const secretaryButton = (page: Page) => page.getByRole("button", { name: /^Mads Kjær\b/ });

let app: RunningApp | undefined;
let browser: Browser | undefined;
let tab: TestPage;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  tab = await openPage(browser);
});

afterAll(async () => {
  await tab?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

describe("the secretary in local mode", () => {
  it("sees the identity picker in Danish, listing the demo people with their roles", async () => {
    const { page } = tab;
    await page.goto(app!.url);
    await page.getByRole("heading", { level: 1, name: "Hvem er du?" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("da");
    const people = page.getByRole("list", { name: "Demopersoner" }).getByRole("button");
    expect(await people.count()).toBeGreaterThanOrEqual(10);
    // Each person is one button named by what it shows: name, job and roles.
    const named = page.getByRole("button", {
      name: "Mads Kjær Digitaliseringssekretær, Økonomi & Stab Sekretær",
      exact: true,
    });
    expect(await named.count()).toBe(1);
    await saveScreenshot(page, "secretary-1-identity-picker");
  });

  it("the identity picker has no serious or critical accessibility violations", async () => {
    expect(describeViolations(await axeViolations(tab.page))).toEqual([]);
  });

  it("chooses the secretary and lands on the overview in Danish, signed in with her role", async () => {
    const { page } = tab;
    await secretaryButton(page).click();
    const identity = page.getByTestId("identity");
    await identity.getByText("Logget ind som").waitFor();
    expect(await identity.textContent()).toContain("Mads Kjær");
    expect(await identity.getByRole("list", { name: "Roller" }).textContent()).toBe("Sekretær");
    const menu = page.getByRole("navigation", { name: "Hovedmenu" });
    for (const item of ["Overblik", "Portefølje", "Prioritering", "Møder", "Indstillinger"])
      expect(await menu.getByRole("link", { name: item }).count()).toBe(1);
    await page.getByRole("heading", { level: 1, name: "Overblik" }).waitFor();
    await saveScreenshot(page, "secretary-2-overview-da");
  });

  it("the overview has no serious or critical accessibility violations", async () => {
    expect(describeViolations(await axeViolations(tab.page))).toEqual([]);
  });

  it("switches to English: menu, headings and the page language follow", async () => {
    const { page } = tab;
    await page.getByLabel("Sprog").selectOption("en");
    await page.getByRole("navigation", { name: "Main menu" }).waitFor();
    const menu = page.getByRole("navigation", { name: "Main menu" });
    expect(await menu.getByRole("link", { name: "Overview" }).count()).toBe(1);
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByTestId("identity").textContent()).toContain("Secretary");
    await saveScreenshot(page, "secretary-3-overview-en");
  });

  it("reached nothing beyond loopback and threw no errors in the page", () => {
    expect(tab.record.blocked).toEqual([]);
    expect(tab.record.errors).toEqual([]);
  });
});
