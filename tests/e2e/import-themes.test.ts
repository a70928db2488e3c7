// The secretary imports a Danish Excel CSV (semicolon-separated, Windows-1252, with ÆØÅ) whose
// source values are not the portfolio's own: the wizard suggests the charter's kinds of source
// for "Internt behov", "Borgerforventning" and "Teknologi", the secretary maps the one value it
// cannot place, every valid row comes in, the bad rows are reported by row and field, and a
// second import of the same file creates nothing. Then the main pages are checked by axe in the
// light, dark and high-contrast themes.
import { fileURLToPath } from "node:url";

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

const FIXTURE = fileURLToPath(
  new URL("../fixtures/import/dansk-excel-semikolon.csv", import.meta.url),
);
const VALID = 21;
const BAD_ROWS = [23, 24, 25, 26];

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

const repos = () => app!.repositoriesAs(app!.people.secretary);
const next = (page: Page) =>
  page.getByRole("button", { name: text("da", "import.mapping.next") }).click();
const heading = (page: Page, key: string) =>
  page.getByRole("heading", { level: 2, name: text("da", key) });

async function toValues(page: Page) {
  await page.getByLabel(text("da", "import.file.label")).setInputFiles(FIXTURE);
  await page
    .getByText(text("da", "import.file.size", { count: 25, columns: 8 }), { exact: false })
    .waitFor();
  await page.getByRole("button", { name: text("da", "import.file.next") }).click();
  await heading(page, "import.mapping.heading").waitFor();
}

describe("importing a Danish Excel CSV with values to map", () => {
  let before: number;

  it("lists the column nothing reads, with where its content could go", async () => {
    const { page } = tab;
    before = (await repos().initiatives.list({ fields: ["title"] })).length;
    await signInTo(page, app!, app!.people.secretary, "#/portefolje/import");
    await page.getByRole("heading", { level: 1, name: text("da", "import.title") }).waitFor();
    await toValues(page);
    const unmapped = page.getByRole("list", { name: text("da", "import.unmapped.heading") });
    await expect(unmapped.textContent()).resolves.toContain("»Kompetencer«");
    await expect(unmapped.textContent()).resolves.toContain(
      text("da", "import.unmapped.into", { target: text("da", "fields.initiative.resourceNeeds") }),
    );
  });

  it("suggests the charter's kinds of source and lets the unknown value be mapped", async () => {
    const { page } = tab;
    await next(page);
    await heading(page, "import.values.heading").waitFor();
    const meaning = (value: string) =>
      page.getByRole("combobox", {
        name: text("da", "import.values.meaningFor", {
          field: text("da", "import.fields.source"),
          value,
        }),
      });
    for (const [value, source] of [
      ["Internt behov", "Fagområdets behov"],
      ["Borgerforventning", "Borgernes forventninger"],
      ["Teknologi", "Modnet teknologi"],
    ] as const) {
      expect((await meaning(value).textContent())?.trim()).toBe(source);
    }
    await chooseOption(page, meaning("Ny idé fra chefgruppen"), "Lederforum");
    expect(await seriousA11yProblems(page)).toEqual([]);
    await saveScreenshot(page, "import-values");
    await next(page);
    await heading(page, "import.preview.heading").waitFor();
  });

  it("previews every valid row and reports each bad row by row and field", async () => {
    const { page } = tab;
    await page
      .getByText(text("da", "import.preview.counts", { ready: VALID, invalid: BAD_ROWS.length }), {
        exact: true,
      })
      .waitFor();
    const grid = page.getByRole("table", { name: text("da", "import.preview.tableLabel") });
    const invalid = grid
      .getByRole("row")
      .filter({ hasText: text("da", "import.preview.actions.invalid") });
    const lines = (await invalid.allTextContents()).map((l) => l.replace(/\s+/g, " "));
    expect(lines.map((l) => Number(/^\d+/.exec(l)?.[0]))).toEqual(BAD_ROWS);
    expect(lines[0]).toContain("Lovpligtig: »måske« skal være ja eller nej.");
    expect(lines[1]).toContain("Lovkravsfrist: »31-02-2027« er ikke en dato");
    expect(lines[2]).toContain("Titel skal udfyldes.");
    expect(lines[3]).toContain("Lovkravsfrist skal ligge mellem 2020-01-01 og 2100-12-31.");
  });

  it("imports all valid rows, owned by the secretary", async () => {
    const { page } = tab;
    await page
      .getByRole("button", { name: text("da", "import.preview.start", { count: VALID }) })
      .click();
    await page
      .getByText(text("da", "import.run.doneWithFailures"))
      .or(page.getByText(text("da", "import.run.doneTitle")))
      .first()
      .waitFor({ timeout: 60_000 });
    await page
      .getByText(
        text("da", "import.run.summary", { created: VALID, updated: 0, skipped: 0, failed: 0 }),
        { exact: false },
      )
      .waitFor();
    const all = await repos().initiatives.list();
    expect(all.length).toBe(before + VALID);
    const one = all.find((i) => i.title === "Åbne data om legepladser");
    expect(one?.source).toBe("Fagområdets behov");
    expect(one?.owner?.email.toLowerCase()).toBe(app!.people.secretary.toLowerCase());
    expect(all.find((i) => i.title === "Idékatalog fra ledergruppen")?.source).toBe("Lederforum");
  });

  it("a second import of the same file creates nothing: the values are remembered, every row exists", async () => {
    const { page } = tab;
    await page.getByRole("button", { name: text("da", "import.run.another") }).click();
    await toValues(page);
    await next(page);
    await heading(page, "import.values.heading").waitFor();
    expect(
      (
        await page
          .getByRole("combobox", {
            name: text("da", "import.values.meaningFor", {
              field: text("da", "import.fields.source"),
              value: "Ny idé fra chefgruppen",
            }),
          })
          .textContent()
      )?.trim(),
    ).toBe("Lederforum");
    await next(page);
    await heading(page, "import.preview.heading").waitFor();
    await page
      .getByText(
        text("da", "import.preview.breakdown", {
          create: 0,
          update: 0,
          skip: VALID,
          empty: 0,
        }),
        { exact: true },
      )
      .waitFor();
    await page.getByText(text("da", "import.preview.nothing"), { exact: true }).waitFor();
    expect((await repos().initiatives.list({ fields: ["title"] })).length).toBe(before + VALID);
  });
});

describe("the main pages in every theme", () => {
  const PAGES: [string, string][] = [
    ["#/overblik", "overblik"],
    ["#/portefolje", "portefolje"],
    ["#/moeder", "moeder"],
    ["#/prioritering", "prioritering"],
    ["#/portefolje/import", "import"],
  ];

  it.each([
    ["light", "display.themeLight"],
    ["dark", "display.themeDark"],
    ["contrast", "display.themeContrast"],
  ])("%s: no serious or critical axe violation, contrast included", async (kind, label) => {
    const { page } = tab;
    await page.getByLabel(text("da", "display.theme")).selectOption({ label: text("da", label) });
    await page.locator(`.fui-FluentProvider[data-theme="${kind}"]`).first().waitFor();
    // Colours are judged as they settle: a button caught mid-transition (Fluent animates colour
    // changes) on a busy machine reads as a contrast failure that no user sees.
    await page.addStyleTag({
      content:
        "*, *::before, *::after { transition: none !important; animation: none !important; }",
    });
    const problems: string[] = [];
    for (const [hash, name] of PAGES) {
      await goToRoute(page, hash);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle").catch(() => undefined);
      for (const p of await seriousA11yProblems(page)) problems.push(`${name}: ${p}`);
      await saveScreenshot(page, `theme-${kind}-${name}`);
    }
    expect(problems).toEqual([]);
  });
});
