// Rapporter in headless Chromium against the app started and seeded as `npm start` does: the
// secretary builds the Direktørforum report from the demo portfolio, sends it after confirming,
// and the local outbox holds it once with its Excel file attached; the year-one evaluation shows
// the year's figures computed from the seeded meetings; axe finds no serious or critical
// violation on either page.
import { buildEvaluation } from "../../src/domain/reports.js";
import { rosterFrom } from "../../src/domain/roles.js";
import { type RunningApp, startApp } from "../support/app.js";
import { type Browser, launchBrowser, openPage, type TestPage } from "../support/browser.js";
import { seriousA11yProblems, signInTo } from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
let tab: TestPage;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  tab = await openPage(browser, { viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await tab?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

interface OutboxEntry {
  subject: string;
  toRecipients: { emailAddress: { address: string } }[];
  attachments: { name: string; contentType: string; size: number }[];
}

async function outbox(): Promise<OutboxEntry[]> {
  const res = await fetch(`${app!.m365.origin}/_admin/outbox`);
  return ((await res.json()) as { value: OutboxEntry[] }).value;
}

describe("Rapporter", () => {
  it("the secretary sends the Direktørforum report; it is in the outbox once, with its workbook", async () => {
    const { page } = tab;
    await signInTo(page, app!, app!.people.secretary, "#/rapporter");
    await page.getByRole("heading", { level: 1, name: "Rapporter" }).waitFor();
    await page.getByRole("button", { name: "Dan rapporten" }).click();
    await page
      .getByRole("heading", { name: "Porteføljeplan – status til Direktørforum" })
      .waitFor({ timeout: 30_000 });
    expect(await seriousA11yProblems(page)).toEqual([]);

    const before = (await outbox()).length;
    await page.getByRole("button", { name: "Gem og send til Direktørforum" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Send" }).click();
    await page.getByText(/^Rapporten er sendt til /).waitFor({ timeout: 30_000 });

    const sent = (await outbox()).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toMatch(/^Porteføljeplan – status /);
    expect(sent[0]!.attachments).toHaveLength(1);
    expect(sent[0]!.attachments[0]).toMatchObject({
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(sent[0]!.attachments[0]!.name).toMatch(/\.xlsx$/);
    expect(sent[0]!.attachments[0]!.size).toBeGreaterThan(1000);

    // The button is spent: the same report is not sent twice from the page.
    expect(
      await page.getByRole("button", { name: "Gem og send til Direktørforum" }).isDisabled(),
    ).toBe(true);
    await page.getByRole("tab", { name: "Sendte rapporter" }).click();
    const history = page.getByRole("table", { name: "Sendte og gemte rapporter" });
    await history.waitFor();
    expect(await history.getByRole("row").count()).toBe(2);
  });

  it("the evaluation shows the year's figures from the committee's records", async () => {
    const { page } = tab;
    await page.getByRole("tab", { name: "Evaluering" }).click();
    const figures = page.getByTestId("evaluation-figures");
    await figures.waitFor({ timeout: 30_000 });
    const repositories = app!.repositoriesAs(app!.people.secretary);
    const [meetings, decisions] = await Promise.all([
      repositories.meetings.list(),
      repositories.decisions.list(),
    ]);
    const expected = buildEvaluation({
      year: new Date().getUTCFullYear(),
      now: new Date(),
      minMeetings: 4,
      meetings,
      decisions,
      phaseRecords: [],
      initiatives: [],
      rounds: [],
      benefits: [],
      measurements: [],
      fundingProposals: [],
      workItems: [],
      roster: rosterFrom({}),
      sections: [],
    });
    await figures
      .getByText(`Møder afholdt: ${expected.meetings.held} (mindst 4)`)
      .waitFor({ timeout: 10_000 });
    await figures.getByText(`Beslutninger: ${expected.decisions.count}`).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
