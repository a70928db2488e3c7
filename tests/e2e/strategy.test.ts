// Strategi in headless Chromium against the app started and seeded as `npm start` does:
// a committee member sees the strategy goals with the portfolio grouped by goal, the areas'
// action plans and the barrier register; registers a new barrier blocking an initiative, and
// the initiative's page shows it; axe finds no serious or critical violation on the page in the
// light, dark and high-contrast themes (switched in the header, as a user does).
import type { Initiative } from "../../src/domain/portfolio.js";
import { hrefFor, hrefForInitiative } from "../../src/ui/shell/routes.js";
import { type RunningApp, startApp } from "../support/app.js";
import {
  type Browser,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";
import { chooseOption, goToRoute, seriousA11yProblems, signInTo, text } from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
let tab: TestPage;
let member: string;

const t = (key: string, options: Record<string, unknown> = {}) => text("da", key, options);
const BARRIER = "Ingen testdata uden personoplysninger";

beforeAll(async () => {
  app = await startApp();
  member = app.people.members[0]!;
  browser = await launchBrowser();
  tab = await openPage(browser, { viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await tab?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

const region = (page: Page, key: string) => page.getByRole("region", { name: t(key), exact: true });

describe("Strategi", () => {
  let blocked: Initiative;

  it("shows the goals with the portfolio by goal, the action plans and the barriers", async () => {
    const r = app!.repositoriesAs(member);
    const [goals, plans, barriers] = await Promise.all([
      r.strategyGoals.list(),
      r.actionPlans.list(),
      r.barriers.list(),
    ]);
    expect(goals.length).toBeGreaterThan(0);
    await signInTo(tab.page, app!, member, hrefFor("strategy"));
    const { page } = tab;
    await page.getByRole("heading", { level: 1, name: t("strategy.title") }).waitFor();
    const byGoal = page.getByRole("table", { name: t("strategy.goals.table") });
    await byGoal.getByText(goals[0]!.title, { exact: true }).waitFor();
    const planTable = page.getByRole("table", { name: t("strategy.plans.table") });
    await planTable.getByText(plans[0]!.title, { exact: true }).waitFor();
    const barrierTable = page.getByRole("table", { name: t("strategy.barriers.table") });
    await barrierTable.getByText(barriers[0]!.title, { exact: true }).waitFor();
  });

  it("registers a barrier blocking an initiative", async () => {
    const { page } = tab;
    const r = app!.repositoriesAs(member);
    const [initiatives, barriers] = await Promise.all([r.initiatives.list(), r.barriers.list()]);
    const already = new Set(barriers.flatMap((b) => b.blocks.map((x) => x.id)));
    blocked = initiatives
      .filter((i) => !already.has(i.id) && i.phase !== "Afvist")
      .sort((a, b) => a.title.localeCompare(b.title, "da"))[0]!;

    const section = region(page, "strategy.barriers.title");
    await section.getByRole("button", { name: t("strategy.barriers.add") }).click();
    const form = page.getByRole("form", { name: t("strategy.barriers.add") });
    await form.getByRole("textbox", { name: t("fields.barrier.title") }).fill(BARRIER);
    await form
      .getByRole("combobox", { name: t("fields.barrier.kind") })
      .selectOption({ label: t("strategy.barrierKinds.Jura") });
    await chooseOption(
      page,
      form.getByRole("combobox", { name: t("strategy.barriers.blocks") }),
      blocked.title,
    );
    await page.keyboard.press("Escape");
    await form.getByRole("button", { name: t("strategy.barriers.save") }).click();
    const barrierTable = page.getByRole("table", { name: t("strategy.barriers.table") });
    await barrierTable.getByText(BARRIER, { exact: true }).waitFor({ timeout: 15_000 });

    const stored = (await r.barriers.list()).find((b) => b.title === BARRIER);
    expect(stored).toMatchObject({ kind: "Jura", state: "Identificeret" });
    expect(stored?.blocks.map((b) => b.id)).toEqual([blocked.id]);
    expect(stored?.createdBy?.email.toLowerCase()).toBe(member);
    await saveScreenshot(page, "strategy-barrier");
  });

  it("the blocked initiative's page shows the barrier", async () => {
    const { page } = tab;
    await goToRoute(page, hrefForInitiative(blocked.id));
    await page.getByRole("heading", { level: 1, name: blocked.title }).waitFor();
    const section = page.getByRole("region", {
      name: t("strategy.blocked.title", { count: 1 }),
    });
    await section.getByText(BARRIER, { exact: true }).waitFor();
  });

  it.each([
    ["display.themeLight", "light"],
    ["display.themeDark", "dark"],
    ["display.themeContrast", "contrast"],
  ])("has no serious or critical accessibility violation in %s", async (theme, kind) => {
    const { page } = tab;
    await goToRoute(page, hrefFor("strategy"));
    await page.getByRole("heading", { level: 1, name: t("strategy.title") }).waitFor();
    await page
      .getByRole("table", { name: t("strategy.barriers.table") })
      .getByText(BARRIER, { exact: true })
      .waitFor();
    await page
      .getByRole("combobox", { name: t("display.theme"), exact: true })
      .selectOption({ label: t(theme) });
    // The theme is applied and Fluent's colour transitions have run (axe reads computed colours).
    await page.locator(`.fui-FluentProvider[data-theme="${kind}"]`).first().waitFor();
    await page.waitForFunction(() => document.getAnimations().length === 0);
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
