// The secretary's first visit in local mode, in headless Chromium against the app started as
// `npm start` starts it, with the demo data seeded: the identity picker in Danish, choosing
// the secretary, her Overblik in Danish with the seeded next meeting (date, Teams link, agenda
// state), then the same dashboard in English. axe-core audits the picker and the dashboard with
// real data (zero serious or critical violations); screenshots are kept as artefacts. Then a
// member writes a ballot in another member's name with their own token through plain REST, and
// the secretary's Uregelmæssigheder page shows it, naming the member.
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { displayNameOf, type RunningApp, startApp } from "../support/app.js";
import {
  axeViolations,
  type Browser,
  describeViolations,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  SCREENSHOT_DIR,
  type TestPage,
} from "../support/browser.js";
import {
  chooseIdentity,
  meetingDay,
  type SeededNextMeeting,
  seededNextMeeting,
  seededOpenRound,
  seriousA11yProblems,
  text,
  waitForDashboard,
} from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
let tab: TestPage;
let next: SeededNextMeeting;

beforeAll(async () => {
  app = await startApp();
  next = await seededNextMeeting(app);
  browser = await launchBrowser();
  // 1280×800: the size of the README's screenshot.
  tab = await openPage(browser, { viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await tab?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

const nextMeetingCard = (page: Page) => page.getByTestId("card-next-meeting");

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

  it("chooses the secretary and lands on her Overblik in Danish, meetings first", async () => {
    const { page } = tab;
    await chooseIdentity(page, app!.people.secretary);
    const identity = page.getByTestId("identity");
    expect(await identity.textContent()).toContain("Mads Kjær");
    expect(await identity.getByRole("list", { name: "Roller" }).textContent()).toBe("Sekretær");
    const menu = page.getByRole("navigation", { name: "Hovedmenu" });
    for (const item of ["Overblik", "Portefølje", "Prioritering", "Møder", "Indstillinger"])
      expect(await menu.getByRole("link", { name: item }).count()).toBe(1);
    await page.getByRole("heading", { level: 1, name: "Overblik" }).waitFor();
    const cards = await waitForDashboard(page, app!.people.secretary);
    expect(cards[0]).toBe("card-next-meeting");
    await page.getByText(text("da", "dashboard.perspective.secretary"), { exact: true }).waitFor();
  });

  it("her dashboard shows the seeded next meeting: title, date, Teams link and agenda state", async () => {
    const { page } = tab;
    const card = nextMeetingCard(page);
    await card.getByRole("heading", { level: 2, name: "Næste møde" }).waitFor();
    const body = (await card.textContent()) ?? "";
    expect(body).toContain(next.meeting.title);
    expect(body).toContain(meetingDay(next.meeting, "da"));
    expect(body).toContain(next.agenda("da"));
    const join = card.getByRole("link", { name: "Deltag i Teams-mødet" });
    expect(await join.getAttribute("href")).toBe(next.meeting.joinUrl);
    await saveScreenshot(page, "secretary-2-overblik-da");
    // The README's picture of the seeded app (viewport only, 1280×800).
    await page.screenshot({ path: `${SCREENSHOT_DIR}/overblik.png` });
  });

  it("the dashboard with real data has no serious or critical accessibility violations", async () => {
    expect(describeViolations(await axeViolations(tab.page))).toEqual([]);
  });

  it("switches to English: menu, headings, the next meeting and the page language follow", async () => {
    const { page } = tab;
    await page.getByLabel("Sprog").selectOption("en");
    await page.getByRole("navigation", { name: "Main menu" }).waitFor();
    const menu = page.getByRole("navigation", { name: "Main menu" });
    expect(await menu.getByRole("link", { name: "Overview" }).count()).toBe(1);
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByTestId("identity").textContent()).toContain("Secretary");
    await waitForDashboard(page, app!.people.secretary, "en");

    const card = nextMeetingCard(page);
    await card.getByRole("heading", { level: 2, name: "Next meeting" }).waitFor();
    const body = (await card.textContent()) ?? "";
    expect(body).toContain(meetingDay(next.meeting, "en"));
    expect(body).toContain(next.agenda("en"));
    const join = card.getByRole("link", { name: "Join the Teams meeting" });
    expect(await join.getAttribute("href")).toBe(next.meeting.joinUrl);
    await saveScreenshot(page, "secretary-3-overview-en");
  });

  it("a member's ballot in another member's name, written by REST with their own token, is on her Uregelmæssigheder page naming the member", async () => {
    const { page } = tab;
    const [attacker = "", victim = ""] = app!.people.members;
    const round = await seededOpenRound(app!);
    const victimPerson = await createSharePointAdapters(
      app!.m365.sharepoint,
      devTokenProvider(attacker),
    ).people.ensure(victim);
    const res = await fetch(
      `${app!.m365.sharepoint}/_api/web/lists/getByTitle('Stemmesedler')/items`,
      {
        method: "POST",
        headers: {
          Accept: "application/json;odata=nometadata",
          "Content-Type": "application/json",
          Authorization: `Bearer dev:${attacker}`,
        },
        body: JSON.stringify({
          Title: "Stemmeseddel",
          RoundId: round.id,
          BallotKey: `${round.id}:${victimPerson.id}`,
          VoterId: victimPerson.id,
          Payload: JSON.stringify({ entries: [] }),
        }),
      },
    );
    expect(res.status).toBe(201);
    const forged = Number(((await res.json()) as { Id: number }).Id);

    await page.getByLabel("Language").selectOption("da");
    const menu = page.getByRole("navigation", { name: "Hovedmenu" });
    await menu.getByRole("link", { name: "Uregelmæssigheder" }).click();
    await page.getByRole("heading", { level: 1, name: "Uregelmæssigheder" }).waitFor();
    const table = page.getByRole("table", { name: "Uregelmæssigheder i Stemmesedler" });
    const row = table
      .getByRole("row")
      .filter({ hasText: `Runde: ${round.title}` })
      .filter({
        has: page.getByRole("cell", { name: String(forged), exact: true }),
      });
    await row.waitFor();
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells).toEqual([
      String(forged),
      `Runde: ${round.title}`,
      text("da", "irregularities.page.sentence.Ballots", {
        what: text("da", "rounds.rules.ballot.voterMismatch", { claimed: victimPerson.name }),
      }),
      displayNameOf(attacker),
      expect.stringMatching(/^\d{1,2}\. \p{L}+ \d{4} kl\. \d{2}\.\d{2}$/u) as unknown as string,
    ]);
    expect(
      await row.getByRole("link", { name: `Runde: ${round.title}` }).getAttribute("href"),
    ).toBe(`#/prioritering/runder/${round.id}`);
    await saveScreenshot(page, "secretary-4-uregelmaessigheder");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("reached nothing beyond loopback and threw no errors in the page", () => {
    expect(tab.record.blocked).toEqual([]);
    expect(tab.record.errors).toEqual([]);
  });
});
