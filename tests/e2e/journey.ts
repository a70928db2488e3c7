/**
 * Steps and expectations the journeys share. What a page must show is computed from the
 * seeded store (read through the app's own adapters) and worded with the app's own i18n
 * strings, so a journey checks the page against the data rather than against copied text.
 */
import type { Locator } from "playwright-core";

import { nextMeetingOf } from "../../src/domain/dashboard.js";
import type { Meeting } from "../../src/domain/meetings.js";
import type { Round } from "../../src/domain/prioritization.js";
import { type Language } from "../../src/host/locale.js";
import { formatDate } from "../../src/ui/i18n/format.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import { displayNameOf, type RunningApp } from "../support/app.js";
import { axeViolations, describeViolations, type Page } from "../support/browser.js";

const i18n = { da: createI18n("da"), en: createI18n("en") };

/** The app's own string for a key, in the given language. */
export function text(language: Language, key: string, options: Record<string, unknown> = {}) {
  return i18n[language].t(key, options);
}

/** Picks a demo person in the local identity picker and waits for the signed-in header. */
export async function chooseIdentity(page: Page, upn: string): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "Hvem er du?" }).waitFor();
  await page
    .getByRole("list", { name: "Demopersoner" })
    .getByRole("button", { name: new RegExp(`^${displayNameOf(upn)}\\b`) })
    .click();
  await page.getByTestId("identity").getByText("Logget ind som").waitFor();
}

/** Waits until the dashboard has loaded its data (a greeting and its cards) and returns the card ids in order. */
export async function waitForDashboard(page: Page, upn: string, language: Language = "da") {
  await page
    .getByText(text(language, "dashboard.greeting", { name: displayNameOf(upn) }), {
      exact: true,
    })
    .waitFor();
  const cards = page.locator('[data-testid^="card-"]');
  await cards.first().waitFor();
  expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
  return cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
}

export interface SeededNextMeeting {
  meeting: Meeting;
  /** The agenda line the card shows for the meeting's agenda state. */
  agenda: (language: Language) => string;
}

/** The next meeting in the seeded store (as the dashboard picks it) and its agenda state. */
export async function seededNextMeeting(app: RunningApp): Promise<SeededNextMeeting> {
  const repos = app.repositoriesAs(app.people.secretary);
  const meeting = nextMeetingOf(await repos.meetings.list(), new Date());
  if (!meeting) throw new Error("The demo seed planned no upcoming meeting");
  if (!meeting.joinUrl) throw new Error("The seeded next meeting has no Teams link");
  const items = await repos.agendaItems.list({ where: { meeting: meeting.id } });
  const decisions = items.filter((i) => i.kind === "Beslutning").length;
  const sent = meeting.state !== "Planlagt" || meeting.agendaSentAt !== null;
  return {
    meeting,
    agenda: (language) =>
      sent
        ? meeting.agendaSentAt
          ? text(language, "dashboard.nextMeeting.agendaSent", {
              date: formatDate(meeting.agendaSentAt, language),
            })
          : text(language, "dashboard.nextMeeting.agendaSentNoDate")
        : items.length > 0
          ? text(language, "dashboard.nextMeeting.agendaDraft", { count: items.length, decisions })
          : text(language, "dashboard.nextMeeting.agendaEmpty"),
  };
}

/** The seeded open priority round. */
export async function seededOpenRound(app: RunningApp): Promise<Round> {
  const rounds = await app.repositoriesAs(app.people.chair).rounds.list({
    where: { state: "Åben" },
  });
  const round = rounds[0];
  if (rounds.length !== 1 || !round) {
    throw new Error(`Expected one open round in the demo data, found ${rounds.length}`);
  }
  return round;
}

/** Whether a member has a ballot in the round, asked as that member (ballots are own-items-only). */
export async function hasVoted(app: RunningApp, upn: string, round: Round): Promise<boolean> {
  const own = await app.repositoriesAs(upn).ballots.list({ where: { round: round.id } });
  return own.length > 0;
}

/** The meeting's day as the dashboard writes it ("12. maj 2026" / "12 May 2026"). */
export function meetingDay(meeting: Meeting, language: Language): string {
  return formatDate(meeting.start, language, "long");
}

/** Moves a signed-in tab to a hash route (`#/portefolje`, `#/initiativ/7`), as a link does. */
export async function goToRoute(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** Opens the app in a page, picks the demo person and goes to a hash route. */
export async function signInTo(page: Page, app: RunningApp, upn: string, hash: string) {
  await page.goto(app.url);
  await chooseIdentity(page, upn);
  await goToRoute(page, hash);
}

/**
 * Chooses an option of a Fluent Dropdown: opened from the keyboard (Enter), as a keyboard user
 * does, then the option clicked in its list (in a portal). A multiselect Dropdown lists its
 * options as menu item checkboxes.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string): Promise<void> {
  await combobox.focus();
  if ((await combobox.getAttribute("aria-expanded")) !== "true") await combobox.press("Enter");
  await page
    .getByRole("option", { name: option, exact: true })
    .or(page.getByRole("menuitemcheckbox", { name: option, exact: true }))
    .click();
}

/**
 * axe's serious and critical violations on the page, one line per node (`axeViolations` leaves
 * out Fluent UI's focus guards, a known false positive; see tests/support/browser.ts).
 */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  // axeViolations already drops Fluent's focus guards (a known false positive).
  return describeViolations(await axeViolations(page));
}
