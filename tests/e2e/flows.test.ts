// Fixes to the existing flows, in headless Chromium against the app started and seeded as
// `npm start` does:
// 1. a meeting held without re-saving: the seeded next meeting, whose stored state is still
//    the one it had before the meeting, reads as held once its end has passed (the browser's
//    clock set after the end); the chair approves (asked first) and the minutes are posted;
// 2. a ballot filled in the grid by keyboard alone: a member who has not voted in the seeded
//    Kriteriescore round reaches the grid with Tab, chooses each cell's level with the arrow
//    keys, moves on with Tab, and casts the ballot with Enter; on a narrow window the page is
//    no wider than the window;
// 3. a proposer's Overblik requests nothing the proposer cannot read (no 404/403 in the console).
import type { Meeting } from "../../src/domain/meetings.js";
import type { Round } from "../../src/domain/prioritization.js";
import { hrefForMeeting, hrefForPrioritization } from "../../src/ui/shell/routes.js";
import { type RunningApp, startApp } from "../support/app.js";
import {
  type Browser,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";
import {
  hasVoted,
  seededNextMeeting,
  seededOpenRound,
  seriousA11yProblems,
  signInTo,
  text,
  waitForDashboard,
} from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
const tabs: TestPage[] = [];
const t = (key: string, options: Record<string, unknown> = {}) => text("da", key, options);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const tab of tabs) await tab.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** A fresh context signed in as `upn` on the hash route; `at` sets the browser's clock. */
async function openAs(
  upn: string,
  hash: string,
  options: { at?: Date; viewport?: { width: number; height: number } } = {},
): Promise<TestPage> {
  const tab = await openPage(browser!, options.viewport ? { viewport: options.viewport } : {});
  tabs.push(tab);
  if (options.at) await tab.page.clock.install({ time: options.at });
  await signInTo(tab.page, app!, upn, hash);
  return tab;
}

describe("a meeting held without re-saving", () => {
  let meeting: Meeting;

  it("reads as held once its end has passed, and the chair approves and posts the minutes", async () => {
    meeting = (await seededNextMeeting(app!)).meeting;
    // Nobody saves the meeting after its start: its stored state is the one from before.
    expect(["Planlagt", "Dagsorden udsendt"]).toContain(meeting.state);
    const afterEnd = new Date(Date.parse(meeting.end) + 60 * 60_000);
    const { page } = await openAs(app!.people.chair, hrefForMeeting(meeting.id, "minutes"), {
      at: afterEnd,
    });
    try {
      await page.getByText(t("meetings.states.Afholdt"), { exact: true }).first().waitFor();
      expect(await page.getByText(t("minutes.approval.notHeld"), { exact: true }).count()).toBe(0);
      const stored = await app!.repositoriesAs(app!.people.chair).meetings.get(meeting.id);
      expect(stored.state).toBe(meeting.state);
      await page.getByRole("button", { name: t("minutes.approval.approve") }).click();
      const dialog = page.getByRole("alertdialog");
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("Chefforums kanal");
      await dialog.getByRole("button", { name: t("minutes.approval.approve") }).click();
      await page
        .getByText(t("minutes.approval.postedNow", { count: 1 }), { exact: true })
        .waitFor({ timeout: 30_000 });
      const after = await app!.repositoriesAs(app!.people.chair).meetings.get(meeting.id);
      expect(after.state).toBe("Referat udsendt");
    } catch (e) {
      await saveScreenshot(page, "flows-meeting-held");
      throw e;
    }
  });
});

describe("a ballot filled in the grid by keyboard alone", () => {
  let round: Round;
  let voter: string;

  /** The focused element's accessible label (the grid cells carry theirs in aria-label). */
  const focusedLabel = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute("aria-label") ?? el.textContent ?? "") : "";
    });

  it("reaches every cell with Tab, chooses levels with the arrow keys and casts with Enter", async () => {
    round = await seededOpenRound(app!);
    expect(round.method).toBe("Kriteriescore");
    const notVoted: string[] = [];
    for (const m of app!.people.members) {
      if (!(await hasVoted(app!, m, round))) notVoted.push(m);
    }
    voter = notVoted[0]!;
    expect(voter).toBeTruthy();
    const { page } = await openAs(voter, hrefForPrioritization("rounds", round.id));
    try {
      const grid = page.getByRole("table", { name: t("rounds.grid.caption") });
      await grid.waitFor();
      const cells = grid.getByRole("combobox");
      const labels = await cells.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
      expect(labels.length).toBeGreaterThan(1);
      // From the top of the page, Tab until the first cell has focus.
      await page.locator("body").focus();
      for (let i = 0; i < 60 && (await focusedLabel(page)) !== labels[0]; i++) {
        await page.keyboard.press("Tab");
      }
      expect(await focusedLabel(page)).toBe(labels[0]);
      // Each cell in the grid's reading order: a level by arrow key, then Tab to the next.
      const chosen: string[] = [];
      for (const [i, label] of labels.entries()) {
        expect(await focusedLabel(page)).toBe(label);
        const presses = (i % 5) + 1; // "Ikke vurderet" → Ingen (1), Lav (2), … Ekstrem (5)
        for (let k = 0; k < presses; k++) await page.keyboard.press("ArrowDown");
        chosen.push(String(presses - 1));
        await page.keyboard.press("Tab");
      }
      expect(
        await cells.evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value)),
      ).toEqual(chosen);
      // Tab on to the submit button and press Enter.
      const submit = t("rounds.ballot.submit");
      for (let i = 0; i < 20 && (await focusedLabel(page)) !== submit; i++) {
        await page.keyboard.press("Tab");
      }
      expect(await focusedLabel(page)).toBe(submit);
      await page.keyboard.press("Enter");
      await page.getByText(t("rounds.ballot.saved"), { exact: true }).waitFor({ timeout: 30_000 });
      // The member's own turnout: only their own state.
      await page.getByText(t("rounds.turnout.ownVoted"), { exact: true }).waitFor();
      const own = await app!.repositoriesAs(voter).ballots.list({ where: { round: round.id } });
      expect(own).toHaveLength(1);
      const rated = own[0]!.payload.entries.flatMap((e) => Object.values(e.criterionScores ?? {}));
      expect(rated).toHaveLength(labels.length);
      expect(await seriousA11yProblems(page)).toEqual([]);
    } catch (e) {
      await saveScreenshot(page, "flows-ballot-keyboard");
      throw e;
    }
  });

  it("on a narrow window the page is no wider than the window; the grid scrolls in its box", async () => {
    round ??= await seededOpenRound(app!);
    voter ??= app!.people.members[0]!;
    const { page } = await openAs(voter, hrefForPrioritization("rounds", round.id), {
      viewport: { width: 360, height: 740 },
    });
    try {
      await page.getByRole("table", { name: t("rounds.grid.caption") }).waitFor();
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        window: document.documentElement.clientWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.window);
    } catch (e) {
      await saveScreenshot(page, "flows-ballot-narrow");
      throw e;
    }
  });
});

describe("pages a role cannot use are not requested for it", () => {
  it("a proposer's Overblik asks for nothing the proposer cannot read (no 404 or 403)", async () => {
    const proposer = app!.people.contributors[0]!;
    const tab = await openPage(browser!);
    tabs.push(tab);
    const refused: string[] = [];
    tab.page.on("response", (r) => {
      if (r.status() === 404 || r.status() === 403) refused.push(`${r.status()} ${r.url()}`);
    });
    await signInTo(tab.page, app!, proposer, "#/");
    try {
      await waitForDashboard(tab.page, proposer);
      expect(refused).toEqual([]);
      expect(tab.record.consoleErrors.filter((e) => /\b40[34]\b/.test(e))).toEqual([]);
    } catch (e) {
      await saveScreenshot(tab.page, "flows-proposer-overview");
      throw e;
    }
  });
});
