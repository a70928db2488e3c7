// Finansiering in headless Chromium against the app as `npm start` starts it, with the demo data
// seeded. When work under way exceeds a frame (the secretary has lowered the first year's Anlæg
// frame below it, as the demo data once had it), "Kør optimering" says by how much and links to
// raising the frame; the secretary follows the link, finds the needed amount filled in, raises
// the frame with a reason, and the optimizer then finds a selection and draws a frontier. axe
// finds no serious or critical violation on Finansiering.
import { buildSelectionModel, frameOverruns } from "../../src/domain/selection.js";
import { hrefForPrioritization } from "../../src/ui/shell/routes.js";
import { loadSelectionBase } from "../../src/use-cases/scenarios.js";
import { type RunningApp, startApp } from "../support/app.js";
import {
  type Browser,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";
import { goToRoute, seriousA11yProblems, signInTo, text } from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
let tab: TestPage;
let year: number;
let needed: number;

const REASON = "Økonomiudvalget har givet en tillægsbevilling til det igangværende arbejde";
const ROOM = 2_000_000;
const repos = (upn: string) => app!.repositoriesAs(upn);

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

/** "Kør optimering" is enabled once the candidates, frames and capacity are read. */
async function runEnabled(page: Page): Promise<void> {
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll("button")].some((b) => b.textContent === name && !b.disabled),
    text("da", "scenarios.run"),
    { timeout: 30_000 },
  );
}

describe("the secretary raises a frame that work under way exceeds", () => {
  it("on the demo data, no frame is exceeded by work under way", async () => {
    const base = await loadSelectionBase(repos(app!.people.secretary));
    expect(frameOverruns(buildSelectionModel(base.input))).toEqual([]);
  });

  it("lowers the first year's Anlæg frame (through the store) 280.000 kr. below the work under way", async () => {
    const r = repos(app!.people.secretary);
    const before = await loadSelectionBase(r);
    const frames = (await r.budgetFrames.list()).filter((f) => f.kind === "Anlæg");
    year = Math.min(...frames.map((f) => f.year));
    const inYear = frames.filter((f) => f.year === year);
    const committed = (before.input.committed ?? [])
      .filter((c) => c.year === year && c.kind === "Anlæg")
      .reduce((s, c) => s + c.amount, 0);
    const total = inYear.reduce((s, f) => s + (f.amount ?? 0), 0);
    const first = inYear[0]!;
    await r.budgetFrames.update({
      ...first,
      amount: (first.amount ?? 0) - (total - (committed - 280_000)),
    });
    const base = await loadSelectionBase(r);
    const overrun = frameOverruns(buildSelectionModel(base.input)).find(
      (o) => o.year === year && o.kind === "Anlæg",
    );
    expect(overrun?.underWay).toBe(committed);
    needed = overrun!.needed;
  });

  it("Kør optimering says by how much the frame is exceeded and links to raising it", async () => {
    const { page } = tab;
    await signInTo(page, app!, app!.people.secretary, hrefForPrioritization("scenarios"));
    await page.getByRole("heading", { level: 1, name: text("da", "scenarios.title") }).waitFor();
    await runEnabled(page);
    await page.getByRole("button", { name: text("da", "scenarios.run") }).click();
    await page
      .getByText(text("da", "scenarios.overrun.title"), { exact: true })
      .waitFor({ timeout: 60_000 });
    await saveScreenshot(page, "funding-1-overrun");
    await page.getByRole("link", { name: new RegExp(`^Hæv rammen ${year} Anlæg til`) }).click();
    await page.getByRole("heading", { level: 1, name: text("da", "funding.title") }).waitFor();
    const form = page.getByRole("form", { name: text("da", "funding.form.heading") });
    const amount = form.getByRole("textbox", { name: text("da", "funding.form.amount") });
    await expect(amount.inputValue()).resolves.toBe(String(Math.ceil(needed)));
  });

  it("raises the frame with a reason, and the change is in the history", async () => {
    const { page } = tab;
    const form = page.getByRole("form", { name: text("da", "funding.form.heading") });
    await form
      .getByRole("textbox", { name: text("da", "funding.form.amount") })
      .fill(String(Math.ceil(needed) + ROOM));
    await form.getByRole("textbox", { name: text("da", "funding.form.reason") }).fill(REASON);
    await form.getByRole("button", { name: text("da", "funding.form.submit") }).click();
    const history = page.getByRole("table", { name: text("da", "funding.history.label") });
    await history.getByText(REASON).waitFor({ timeout: 20_000 });
    const frames = await repos(app!.people.secretary).budgetFrames.list();
    const total = frames
      .filter((f) => f.year === year && f.kind === "Anlæg")
      .reduce((s, f) => s + (f.amount ?? 0), 0);
    expect(total).toBe(Math.ceil(needed) + ROOM);
    await saveScreenshot(page, "funding-2-frames");
  });

  it("Finansiering has no serious or critical accessibility violations", async () => {
    expect(await seriousA11yProblems(tab.page)).toEqual([]);
  });

  it("the optimizer then finds a selection and draws a frontier", async () => {
    const { page } = tab;
    await goToRoute(page, hrefForPrioritization("scenarios"));
    await page.getByRole("heading", { level: 1, name: text("da", "scenarios.title") }).waitFor();
    const run = page.getByRole("button", { name: text("da", "scenarios.run") });
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll("button")].some((b) => b.textContent === name && !b.disabled),
      text("da", "scenarios.run"),
    );
    await run.click();
    await page
      .getByText(text("da", "scenarios.status.optimal"), { exact: true })
      .waitFor({ timeout: 60_000 });
    await expect(
      page.getByText(text("da", "scenarios.overrun.title"), { exact: true }).count(),
    ).resolves.toBe(0);
    await page.getByRole("button", { name: text("da", "scenarios.frontier.draw") }).click();
    await page
      .getByRole("img", { name: text("da", "scenarios.frontier.chartTitle") })
      .waitFor({ timeout: 60_000 });
    await saveScreenshot(page, "funding-3-frontier");
  });
});
