// Committee members and the chair in local mode, against the seeded app: a member who has not
// voted in the open priority round sees it first on the dashboard with "not voted yet", one
// who has sees that they have voted, and the chair gets the chair's dashboard (the round with
// its closing date and their own vote, then the next meeting). Who has voted is read from the
// store as each member (ballots are own-items-only), not assumed.
import type { Round } from "../../src/domain/prioritization.js";
import { formatDate } from "../../src/ui/i18n/format.js";
import { displayNameOf, type RunningApp, startApp } from "../support/app.js";
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
import { chooseIdentity, hasVoted, seededOpenRound, text, waitForDashboard } from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
const pages: TestPage[] = [];
let round: Round;
let voter: string;
let nonVoter: string;

beforeAll(async () => {
  app = await startApp();
  round = await seededOpenRound(app);
  const voted = await Promise.all(
    app.people.members.map(async (upn) => ({ upn, voted: await hasVoted(app!, upn, round) })),
  );
  const yes = voted.find((v) => v.voted);
  const no = voted.find((v) => !v.voted);
  if (!yes || !no) throw new Error("The demo round needs members who voted and who did not");
  voter = yes.upn;
  nonVoter = no.upn;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** A fresh browser context signed in as the given demo person, on their dashboard. */
async function signInAs(upn: string): Promise<{ tab: TestPage; cards: (string | null)[] }> {
  const tab = await openPage(browser!);
  pages.push(tab);
  await tab.page.goto(app!.url);
  await chooseIdentity(tab.page, upn);
  const cards = await waitForDashboard(tab.page, upn);
  return { tab, cards };
}

const roundsCard = (page: Page) => page.getByTestId("card-rounds");

/** The open round's line in the rounds card. */
const roundLine = (page: Page) =>
  roundsCard(page).getByRole("listitem").filter({ hasText: round.title });

describe("a member who has not voted in the open round", () => {
  let tab: TestPage;

  it("sees the round first on the dashboard, marked as not voted yet", async () => {
    const signedIn = await signInAs(nonVoter);
    tab = signedIn.tab;
    const { page } = tab;
    expect(
      await page.getByTestId("identity").getByRole("list", { name: "Roller" }).textContent(),
    ).toBe("Medlem");
    expect(signedIn.cards[0]).toBe("card-rounds");
    const card = roundsCard(page);
    await card.getByText(text("da", "dashboard.rounds.awaitingMyBallot", { count: 1 })).waitFor();
    const line = roundLine(page);
    expect(await line.count()).toBe(1);
    expect(await line.getByText("Du har ikke stemt endnu", { exact: true }).count()).toBe(1);
    expect(await line.getByText("Du har stemt", { exact: true }).count()).toBe(0);
    expect(await line.textContent()).toContain(
      text("da", "dashboard.rounds.candidates", { count: round.candidates.length }),
    );
    await saveScreenshot(page, `member-not-voted-${displayNameOf(nonVoter)}`);
  });

  it("their dashboard has no serious or critical accessibility violations", async () => {
    expect(describeViolations(await axeViolations(tab.page))).toEqual([]);
  });
});

describe("a member who has voted in the open round", () => {
  it("sees the round marked as voted, and that nothing awaits their ballot", async () => {
    const { tab, cards } = await signInAs(voter);
    const { page } = tab;
    expect(cards[0]).toBe("card-rounds");
    const card = roundsCard(page);
    await card.getByText(text("da", "dashboard.rounds.allVoted"), { exact: true }).waitFor();
    const line = roundLine(page);
    expect(await line.getByText("Du har stemt", { exact: true }).count()).toBe(1);
    expect(await line.getByText("Du har ikke stemt endnu", { exact: true }).count()).toBe(0);
    await saveScreenshot(page, `member-voted-${displayNameOf(voter)}`);
  });
});

describe("the chair", () => {
  it("gets the chair's dashboard: the round with its closing date and their vote, then the next meeting", async () => {
    const { tab, cards } = await signInAs(app!.people.chair);
    const { page } = tab;
    await page.getByText(text("da", "dashboard.perspective.chair"), { exact: true }).waitFor();
    expect(
      await page.getByTestId("identity").getByRole("list", { name: "Roller" }).textContent(),
    ).toMatch(/Formand/);
    expect(cards.slice(0, 2)).toEqual(["card-rounds", "card-next-meeting"]);
    const line = roundLine(page);
    expect(await line.count()).toBe(1);
    const chairVoted = await hasVoted(app!, app!.people.chair, round);
    expect(
      await line
        .getByText(chairVoted ? "Du har stemt" : "Du har ikke stemt endnu", { exact: true })
        .count(),
    ).toBe(1);
    // The seeded round closes in the future, so it is not yet offered for closing.
    expect(round.closes).not.toBeNull();
    expect(await line.textContent()).toContain(`Lukker ${formatDate(round.closes!, "da")} (om `);
    expect(await line.getByText("Klar til at lukke", { exact: true }).count()).toBe(0);
    await saveScreenshot(page, "chair-overblik");
  });

  it("reached nothing beyond loopback and no page threw errors", () => {
    for (const p of pages) {
      expect(p.record.blocked).toEqual([]);
      expect(p.record.errors).toEqual([]);
    }
  });
});
