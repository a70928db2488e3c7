// Ressourcer in headless Chromium against the app with the demo data: the secretary puts 30
// hours of Test on a month where the only tester is away, and the heatmap shows the
// over-allocation (with the initiative on focus); she moves the hours to a free month and it is
// gone. Then she asks an area for a competence: the area head gets a mail with a link, opens
// it, confirms with a person, and the request has become allocations. axe finds no serious or
// critical violation on the page.
import { addMonths, monthOf } from "../../src/domain/resources-capacity.js";
import { PEOPLE } from "../../src/seed/people.js";
import { type RunningApp, startApp } from "../support/app.js";
import {
  type Browser,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";
import { goToRoute, seriousA11yProblems, signInTo } from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
let tab: TestPage;

const THIS_MONTH = monthOf(new Date().toISOString());
const monthLabel = (month: string) =>
  new Intl.DateTimeFormat("da-DK", { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  tab = await openPage(browser, { viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await tab?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** The Test row's cell in the competence heatmap for the month `offset` months from now. */
function testCell(page: Page, offset: number) {
  const grid = page.getByRole("grid", { name: "Allokeret mod kapacitet pr. kompetence og måned" });
  return grid
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "Test", exact: true }) })
    .locator(`td[data-col="${offset}"]`);
}

/** Waits (the page reads again after a save) until the text of `read` passes `ok`. */
async function eventually(read: () => Promise<string | null>, ok: (t: string) => boolean) {
  let last = "";
  for (let i = 0; i < 40; i += 1) {
    last = (await read()) ?? "";
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

async function koersel() {
  const initiatives = await app!.repositoriesAs(app!.people.secretary).initiatives.list();
  const found = initiatives.find((i) => i.title === "Digital arbejdsgang for kørselsgodtgørelse");
  if (!found) throw new Error("the demo data has no kørselsgodtgørelse initiative");
  return found;
}

async function saveGridCell(page: Page, month: string, hours: string) {
  const cell = page.getByLabel(`Timer, Test, Sara Nielsen, ${monthLabel(month)}`, { exact: true });
  await cell.fill(hours);
}

describe("over-allocation in the heatmap", () => {
  it("appears when hours are allocated to a month the only tester is away", async () => {
    const { page } = tab;
    const initiative = await koersel();
    // Sara Nielsen, the demo's only tester, is away the whole month four months from now.
    const away = addMonths(THIS_MONTH, 4);
    await signInTo(page, app!, app!.people.secretary, `#/initiativ/${initiative.id}`);
    const grid = page.getByTestId("allocation-grid");
    await grid.waitFor();
    await saveGridCell(page, away, "30");
    await grid.getByRole("button", { name: "Gem allokeringer" }).click();
    await grid.getByText("Allokeringerne er gemt.").waitFor();

    await goToRoute(page, "#/ressourcer");
    await page.getByRole("heading", { level: 1, name: "Ressourcer" }).waitFor();
    const cell = testCell(page, 4);
    await cell.waitFor();
    expect(await cell.textContent()).toContain("overbooket");
    expect(await cell.textContent()).toContain("30 / 0");
    await cell.focus();
    const detail = page.getByRole("tooltip");
    await detail.waitFor();
    expect(await detail.textContent()).toContain(`${initiative.title}: 30 timer`);
    await saveScreenshot(page, "resources-1-over-allocation");
  });

  it("the page has no serious or critical accessibility violations", async () => {
    expect(await seriousA11yProblems(tab.page)).toEqual([]);
  });

  it("disappears when the hours are moved to a month with room", async () => {
    const { page } = tab;
    const initiative = await koersel();
    await goToRoute(page, `#/initiativ/${initiative.id}`);
    const grid = page.getByTestId("allocation-grid");
    await grid.waitFor();
    await saveGridCell(page, addMonths(THIS_MONTH, 4), "");
    await saveGridCell(page, addMonths(THIS_MONTH, 3), "30");
    await grid.getByRole("button", { name: "Gem allokeringer" }).click();
    await grid.getByText("Allokeringerne er gemt.").waitFor();

    await goToRoute(page, "#/ressourcer");
    const moved = testCell(page, 3);
    await moved.waitFor();
    expect(
      await eventually(
        () => testCell(page, 4).textContent(),
        (t) => !t.includes("overbooket"),
      ),
    ).not.toContain("overbooket");
    expect(
      await eventually(
        () => moved.textContent(),
        (t) => t.includes("30 / 40"),
      ),
    ).toContain("30 / 40");
    expect(await moved.textContent()).not.toContain("overbooket");
  });
});

describe("indkald ressourcer", () => {
  let requestId = 0;

  it("the secretary asks Skoler & Uddannelse for a tester; the area head gets a mail with a link", async () => {
    const { page } = tab;
    await goToRoute(page, "#/ressourcer");
    await page.getByRole("button", { name: "Indkald ressourcer" }).click();
    const form = page.getByRole("form", { name: "Indkald ressourcer fra et område" });
    await form.getByLabel("Emne").fill("Tester til kørselsgodtgørelse");
    await form.getByLabel("Område").selectOption({ label: "Skoler & Uddannelse" });
    await form.getByLabel("Tiltag").selectOption({ label: (await koersel()).title });
    await form.getByLabel("Kompetence").selectOption("Test");
    await form.getByLabel("Timer").fill("20");
    const from = addMonths(THIS_MONTH, 6);
    await form.getByLabel("Behov fra").fill(`${from}-01`);
    await form.getByLabel("Behov til").fill(`${addMonths(from, 1)}-15`);
    await form.getByRole("button", { name: "Send indkaldelse" }).click();
    await form.waitFor({ state: "detached" });

    const requests = await app!.repositoriesAs(app!.people.secretary).resourceRequests.list();
    const sent = requests.find((r) => r.title === "Tester til kørselsgodtgørelse");
    expect(sent?.state).toBe("Anmodet");
    requestId = sent?.id ?? 0;
    const outbox = (await (await fetch(`${app!.m365.origin}/_admin/outbox`)).json()) as {
      value: unknown[];
    };
    const mail = outbox.value
      .map((m) => JSON.stringify(m))
      .find((m) => m.includes("kørselsgodtgørelse"));
    expect(mail).toContain(PEOPLE.hanne);
    expect(mail).toContain(`#/ressourcer#anmodning-${requestId}`);
  });

  it("the area head opens the link, confirms with a person, and the request becomes allocations", async () => {
    const head = await openPage(browser!);
    try {
      const { page } = head;
      await signInTo(page, app!, PEOPLE.hanne, `#/ressourcer#anmodning-${requestId}`);
      const panel = page.getByTestId(`request-panel-${requestId}`);
      await panel.waitFor();
      await panel
        .getByLabel("Person, der stilles til rådighed")
        .selectOption({ label: "Sara Nielsen" });
      await panel.getByRole("button", { name: "Bekræft" }).click();
      await panel.waitFor({ state: "detached" });
      await saveScreenshot(page, "resources-2-request-confirmed");
      expect(head.record.errors).toEqual([]);
    } finally {
      await head.close();
    }
    const r = app!.repositoriesAs(app!.people.secretary);
    const request = await r.resourceRequests.get(requestId as never);
    expect(request.state).toBe("Bekræftet");
    const created = (await r.allocations.list()).filter((a) => a.request?.id === requestId);
    expect(created.map((a) => [monthOf(a.month), a.hours, a.resource?.title])).toEqual([
      [addMonths(THIS_MONTH, 6), 10, "Sara Nielsen"],
      [addMonths(THIS_MONTH, 7), 10, "Sara Nielsen"],
    ]);
  });

  it("reached nothing beyond loopback and threw no errors in the page", () => {
    expect(tab.record.blocked).toEqual([]);
    expect(tab.record.errors).toEqual([]);
  });
});
