// Indstillinger in headless Chromium against the app started and seeded as `npm start` does:
// 1. a member opening the page is told who may use it;
// 2. the secretary picks Chefforum's team and channel from his own teams (the local Graph's
//    /me/joinedTeams and /teams/{id}/channels), saves, and the Settings list holds them;
//    axe finds no serious or critical violation on the page;
// 3. the next minutes the chair approves are posted to the newly chosen channel, not the old one:
//    the setting takes effect without a reload or a restart.
// One arrangement through the store: the seeded next meeting gets minutes on its first point and
// is marked held (writing minutes through the page is the meetings journey's subject), and the
// chair's page runs with the browser's clock set to a few hours after the meeting's start.
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { Meeting } from "../../src/domain/meetings.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { CHEFFORUM, COMMITTEE_TEAM } from "../../src/seed/people.js";
import { hrefFor, hrefForMeeting } from "../../src/ui/shell/routes.js";
import { type RunningApp, startApp } from "../support/app.js";
import {
  type Browser,
  launchBrowser,
  openPage,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";
import { seededNextMeeting, seriousA11yProblems, signInTo, text } from "./journey.js";

let app: RunningApp | undefined;
let browser: Browser | undefined;
const tabs: TestPage[] = [];
let meeting: Meeting;

const t = (key: string, options: Record<string, unknown> = {}) => text("da", key, options);
const graph = (upn: string) =>
  createGraphAdapters({ baseUrl: app!.m365.graph, tokens: devTokenProvider(upn) });

beforeAll(async () => {
  app = await startApp();
  meeting = (await seededNextMeeting(app)).meeting;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const tab of tabs) await tab.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

async function openAs(upn: string, hash: string, at?: Date): Promise<TestPage> {
  const tab = await openPage(browser!);
  tabs.push(tab);
  if (at) await tab.page.clock.install({ time: at });
  await signInTo(tab.page, app!, upn, hash);
  return tab;
}

async function settingValue(key: string): Promise<string | undefined> {
  const all = await app!.repositoriesAs(app!.people.secretary).settings.list();
  return all.find((s) => s.key === key)?.value;
}

describe("Indstillinger", () => {
  it("tells a member that only owners and the secretariat may use it", async () => {
    const { page } = await openAs(app!.people.members[0]!, hrefFor("settings"));
    await page.getByRole("heading", { level: 1, name: t("settings.title") }).waitFor();
    await page.getByText(t("settings.onlyOwners"), { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: t("settings.save") }).count()).toBe(0);
  });

  it("the secretary picks Chefforum's team and channel from his teams, and they are saved", async () => {
    expect(await settingValue(SETTING_KEYS.chefforumChannelId)).toBe(CHEFFORUM.channelId);
    const { page } = await openAs(app!.people.secretary, hrefFor("settings"));
    await page.getByRole("heading", { level: 1, name: t("settings.title") }).waitFor();
    const chefforum = page.getByRole("group", { name: t("settings.forum.chefforum") });
    const team = chefforum.getByRole("combobox", { name: t("settings.fields.team") });
    // His teams come from Graph: the committee's team is one of them (he is not in Chefforum).
    await team.locator(`option[value="${COMMITTEE_TEAM.teamId}"]`).waitFor({ state: "attached" });
    await team.selectOption(COMMITTEE_TEAM.teamId);
    const channel = chefforum.getByRole("combobox", { name: t("settings.fields.channel") });
    await channel
      .locator(`option[value="${COMMITTEE_TEAM.channelId}"]`)
      .waitFor({ state: "attached" });
    await channel.selectOption(COMMITTEE_TEAM.channelId);
    await page.getByRole("button", { name: t("settings.save") }).click();
    await page.getByText(t("settings.saved"), { exact: true }).waitFor({ timeout: 15_000 });
    expect(await settingValue(SETTING_KEYS.chefforumTeamId)).toBe(COMMITTEE_TEAM.teamId);
    expect(await settingValue(SETTING_KEYS.chefforumChannelId)).toBe(COMMITTEE_TEAM.channelId);
    await saveScreenshot(page, "settings-saved");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("the next approved minutes go to the channel chosen, not the old one", async () => {
    const secretary = app!.repositoriesAs(app!.people.secretary);
    const [point] = await secretary.agendaItems.list({ where: { meeting: meeting.id } });
    if (!point) throw new Error("The seeded next meeting has no agenda point");
    await secretary.agendaItems.update({
      ...point,
      minutesText: "Styregruppen drøftede punktet og tog det til efterretning.",
    });
    const fresh = await secretary.meetings.get(meeting.id);
    await secretary.meetings.update({ ...fresh, state: "Afholdt" });
    const before = {
      chosen: (await graph(app!.people.chair).channel.list(COMMITTEE_TEAM, 50)).length,
      old: (await graph(app!.people.chair).channel.list(CHEFFORUM, 50)).length,
    };

    const onTheDay = new Date(Date.parse(meeting.start) + 3 * 3_600_000);
    const { page } = await openAs(
      app!.people.chair,
      hrefForMeeting(meeting.id, "minutes"),
      onTheDay,
    );
    await page.getByRole("heading", { level: 1, name: meeting.title, exact: true }).waitFor();
    await page.getByRole("button", { name: t("minutes.approval.approve") }).click();
    // Approving asks first, saying what goes to Chefforum.
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: t("minutes.approval.approve") })
      .click();
    await page
      .getByText(t("minutes.approval.postedNow", { count: 1 }), { exact: true })
      .waitFor({ timeout: 30_000 });

    const chosen = await graph(app!.people.chair).channel.list(COMMITTEE_TEAM, 50);
    expect(chosen.length).toBe(before.chosen + 1);
    expect(chosen.filter((m) => (m.subject ?? "").includes(meeting.title))).toHaveLength(1);
    const old = await graph(app!.people.chair).channel.list(CHEFFORUM, 50);
    expect(old.length).toBe(before.old);
  });
});
