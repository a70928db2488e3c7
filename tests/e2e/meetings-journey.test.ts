// The meetings journey (issue 6 §5) in headless Chromium against the app started and seeded as
// `npm start` does. Each step is checked on the page and in the store (the SharePoint lists
// through the app's own adapters, the local Graph calendar and Chefforum's channel through the
// app's Graph adapters):
// 1. the secretary plans next year quarterly: 4 meetings, 4 Teams meetings in the local Graph
//    calendar with the committee's members as attendees, the join link on the meeting's page;
// 2. builds the first meeting's agenda from the candidates: an initiative in Klar til
//    prioritering as a Beslutning point (indstilling, presenter, time-box) and a free point,
//    reordered with Ctrl+↑; the initiative's area representative is invited to the meeting;
// 3. sends the agenda: the event's body holds it, the meeting shows "Dagsorden udsendt";
// 4. on the meeting's day writes the minutes: a decision carried to DF and a follow-up action
//    (owner, due date), with `<script>alert(1)</script>` typed in the minutes text;
// 5. the chair approves: the minutes are in Chefforum's channel exactly once, the `<script>`
//    escaped (text, never an element), and the meeting shows "Referat udsendt";
// 6. the decision is in the decision log, the action under its owner.
// axe audits the plan, the agenda tab, the minutes tab and the decision log.
//
// The meetings are planned in the future (a plan cannot hold past dates), and minutes are
// written "on the meeting's day": the secretary's and the chair's pages for steps 4–5 run with
// the browser's clock (Playwright's clock, flowing from that moment) set to a few hours after the
// first meeting's start, as the app reads the time through its Clock from the browser.
// One arrangement through the store: the seeded areas of the initiatives ready for decision name
// only committee members (already invited) as representatives, so before step 2 the chosen
// initiative's area gets a representative from outside the committee.
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import type { CalendarEventId, ScheduledMeeting } from "../../src/domain/communication.js";
import { openActionsByOwner, type PlanForm, previewPlan } from "../../src/domain/meeting-plan.js";
import type { AgendaItem, Decision, FollowUpAction, Meeting } from "../../src/domain/meetings.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { CHEFFORUM, COMMITTEE_TEAM } from "../../src/seed/people.js";
import {
  hrefFor,
  hrefForDecisionLog,
  hrefForInitiative,
  hrefForMeeting,
} from "../../src/ui/shell/routes.js";
import { displayNameOf, type RunningApp, startApp } from "../support/app.js";
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
const tabs: TestPage[] = [];

const SCRIPT = "<script>alert(1)</script>";
const MINUTES_TEXT = `Sekretariatet gennemgik tiltaget. ${SCRIPT} Styregruppen var enig i indstillingen.`;
const DECISION_TEXT = "Styregruppen godkender tiltaget og sender det videre til Direktørforum.";
const RECOMMENDATION = "Det indstilles, at styregruppen godkender tiltaget & sender det til DF.";
const FREE_POINT = "Orientering fra sekretariatet";
const ACTION_TITLE = "Udarbejd tidsplan for tiltaget";
const LOCATION = "Rådhuset, mødelokale 3";
/** The presenter and the action's owner: a committee member, chosen in the people picker. */
const GITTE = "gitte.iversen@demokommune.onmicrosoft.com";

const repos = (upn: string) => app!.repositoriesAs(upn);
const graph = (upn: string) =>
  createGraphAdapters({ baseUrl: app!.m365.graph, tokens: devTokenProvider(upn) });
const t = (key: string, options: Record<string, unknown> = {}) => text("da", key, options);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Next calendar year: every quarterly date in it lies ahead, whenever the journey runs. */
const YEAR = new Date().getFullYear() + 1;
/** Second Thursday of each quarter's first month, 13:00–15:00 Danish time. */
const PLAN: PlanForm = {
  pattern: { kind: "quarterly", year: YEAR, weekday: 4, nth: 2, monthInQuarter: 0 },
  startTime: "13:00",
  durationMinutes: 120,
  location: LOCATION,
  kind: "Ordinært møde",
};

/** E-mails (lower case) of the committee's members: the members group of its team. */
let committee: Set<string>;
/** The planned meetings, earliest first, and the one the journey continues with. */
let planned: Meeting[];
let meeting: Meeting;
/** The initiative put on the agenda, and the representative its area invites. */
let initiative: Initiative;
let representative: { email: string; name: string };
let initiativePoint: AgendaItem;
let decision: Decision;
let action: FollowUpAction;
/** The chair's count of Chefforum's channel messages before approving. */
let messagesBefore: number;

beforeAll(async () => {
  app = await startApp();
  const members = await graph(app.people.secretary).directory.membersOf(COMMITTEE_TEAM.teamId);
  committee = new Set(members.map((m) => m.email.toLowerCase()));
  if (!committee.has(GITTE)) throw new Error("The demo committee has no Gitte Iversen");
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const tab of tabs) await tab.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** A fresh context signed in as `upn` on the hash route; `at` sets the browser's clock. */
async function openAs(upn: string, hash: string, at?: Date): Promise<TestPage> {
  const tab = await openPage(browser!);
  tabs.push(tab);
  tab.page.on("dialog", (d) => {
    tab.record.errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  if (at) await tab.page.clock.install({ time: at });
  await signInTo(tab.page, app!, upn, hash);
  return tab;
}

/** Retries `check` until it passes or `ms` have gone (a write the page started may be in flight). */
async function eventually<T>(check: () => Promise<T>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function event(m: Meeting): Promise<ScheduledMeeting> {
  return graph(app!.people.secretary).calendar.get(m.graphEventId as CalendarEventId);
}

/** What the local Graph told attendees about an event (its admin route). */
async function noticesOf(eventId: string): Promise<{ kind: string; recipient: string }[]> {
  const res = await fetch(
    `${app!.m365.origin}/_admin/graph/notices?eventId=${encodeURIComponent(eventId)}`,
  );
  if (!res.ok) throw new Error(`notices: HTTP ${res.status}`);
  return ((await res.json()) as { value: { kind: string; recipient: string }[] }).value;
}

async function chefforumMessages() {
  return graph(app!.people.chair).channel.list(CHEFFORUM, 50);
}

/** Text of stored HTML: tags dropped, the entities safe-html writes decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&#x0*27;|&apos;/gi, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** The meeting page's state badge, exactly its text. */
const stateBadge = (page: Page, state: string) =>
  page.locator(".fui-Badge").getByText(t(`meetings.states.${state}`), { exact: true });

const meetingHeading = (page: Page) =>
  page.getByRole("heading", { level: 1, name: meeting.title, exact: true });

/** Picks a person in a people picker (a Fluent Combobox searching the directory). */
async function pickPerson(page: Page, combobox: ReturnType<Page["getByRole"]>, upn: string) {
  const name = displayNameOf(upn);
  await combobox.fill(name.split(" ")[0]!);
  await page.getByRole("option", { name: new RegExp(`^${escapeRegExp(name)} \\(`) }).click();
  await expect(combobox.inputValue()).resolves.toBe(name);
}

describe("1. the secretary plans the year", () => {
  let tab: TestPage;

  it("plans four quarterly meetings: the preview, then the list items with Teams meetings", async () => {
    const existing = await repos(app!.people.secretary).meetings.list();
    const preview = previewPlan(PLAN, existing, new Date());
    expect(preview.canCreate).toBe(true);
    expect(preview.meetings).toHaveLength(4);

    tab = await openAs(app!.people.secretary, hrefFor("meetings"));
    const { page } = tab;
    await page.getByRole("heading", { level: 1, name: t("meetings.title") }).waitFor();
    await page
      .getByRole("combobox", { name: t("meetings.plan.year"), exact: true })
      .selectOption(String(YEAR));
    await page
      .getByRole("heading", { level: 2, name: t("meetings.plan.heading", { year: YEAR }) })
      .waitFor();

    const form = page.getByRole("region", { name: t("meetings.planForm.title") });
    await form.getByRole("radio", { name: t("meetings.planForm.modes.quarterly") }).check();
    await expect(
      form.getByRole("spinbutton", { name: t("meetings.planForm.year"), exact: true }).inputValue(),
    ).resolves.toBe(String(YEAR));
    await form.getByRole("combobox", { name: t("meetings.planForm.nth") }).selectOption("2");
    await form.getByRole("combobox", { name: t("meetings.planForm.weekday") }).selectOption("4");
    await form
      .getByRole("combobox", { name: t("meetings.planForm.monthInQuarter") })
      .selectOption("0");
    await form.getByLabel(t("meetings.planForm.startTime")).fill(PLAN.startTime);
    await form
      .getByRole("spinbutton", { name: t("meetings.planForm.duration") })
      .fill(String(PLAN.durationMinutes));
    await form
      .getByRole("textbox", { name: t("meetings.planForm.location"), exact: true })
      .fill(LOCATION);

    // The preview lists the four meetings before anything is written.
    const previewList = form.getByRole("list", { name: t("meetings.planForm.preview") });
    await expect(previewList.getByRole("listitem").count()).resolves.toBe(4);
    for (const m of preview.meetings) {
      await previewList.getByText(new RegExp(`^${escapeRegExp(m.draft.title)}:`)).waitFor();
    }
    await form.getByRole("button", { name: t("meetings.planForm.create", { count: 4 }) }).click();
    await form
      .getByText(t("meetings.planForm.inCalendar", { count: 4, total: 4 }), { exact: false })
      .waitFor({ timeout: 30_000 });
    await form.getByText(t("meetings.planForm.created", { count: 4 })).waitFor();

    // The list items: four, planned, each with its Teams meeting and join link.
    const titles = preview.meetings.map((m) => m.draft.title);
    const after = await repos(app!.people.secretary).meetings.list();
    planned = after
      .filter((m) => titles.includes(m.title))
      .sort((a, b) => a.start.localeCompare(b.start));
    expect(planned.map((m) => m.title)).toEqual(titles);
    meeting = planned[0]!;
    const instant = (iso: string) => Date.parse(iso);
    expect(planned.map((m) => instant(m.start))).toEqual(
      preview.meetings.map((m) => instant(m.draft.start)),
    );
    for (const m of planned) {
      expect(m).toMatchObject({ state: "Planlagt", location: LOCATION, kind: "Ordinært møde" });
      expect(m.graphEventId).not.toBe("");
      expect(m.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    }

    // The table shows them in the calendar.
    for (const m of planned) {
      const row = page.getByTestId(`meeting-row-${m.id}`);
      await row.getByRole("link", { name: m.title, exact: true }).waitFor();
      await row.getByText(t("meetings.states.Planlagt"), { exact: true }).waitFor();
      await row.getByText(t("meetings.calendar.status.inCalendar"), { exact: true }).waitFor();
    }
    await saveScreenshot(page, "meetings-1-plan");
  });

  it("made exactly four events in the local Graph calendar, the committee's members invited", async () => {
    const events = await graph(app!.people.secretary).calendar.listBetween(
      `${YEAR}-01-01T00:00:00Z`,
      `${YEAR + 1}-01-01T00:00:00Z`,
    );
    const ours = events.filter((e) => planned.some((m) => m.title === e.subject));
    expect(ours).toHaveLength(4);
    expect(ours.map((e) => e.id).sort()).toEqual(planned.map((m) => m.graphEventId).sort());
    for (const m of planned) {
      const e = ours.find((x) => x.id === m.graphEventId)!;
      expect(Date.parse(e.start)).toBe(Date.parse(m.start));
      expect(Date.parse(e.end)).toBe(Date.parse(m.end));
      expect(e.online).toBe(true);
      expect(e.joinUrl).toBe(m.joinUrl);
      expect(e.location).toBe(LOCATION);
      expect(new Set(e.attendees.map((a) => a.email.toLowerCase()))).toEqual(committee);
      // Each member was sent the invitation once.
      const created = (await noticesOf(e.id)).filter((n) => n.kind === "created");
      expect(created.map((n) => n.recipient.toLowerCase()).sort()).toEqual([...committee].sort());
    }
  });

  it("the plan has no serious or critical accessibility violations", async () => {
    expect(await seriousA11yProblems(tab.page)).toEqual([]);
  });

  it("the meeting's page shows the checked Teams join link", async () => {
    const { page } = tab;
    await page
      .getByTestId(`meeting-row-${meeting.id}`)
      .getByRole("link", { name: meeting.title })
      .click();
    await meetingHeading(page).waitFor();
    await stateBadge(page, "Planlagt").waitFor();
    const join = page.getByRole("link", { name: t("meetings.header.join") });
    await expect(join.getAttribute("href")).resolves.toBe(meeting.joinUrl);
    await page
      .getByText(t("meetings.header.location", { location: LOCATION }), { exact: true })
      .waitFor();
    await saveScreenshot(page, "meetings-1-meeting-page");
  });
});

describe("2. the secretary builds the agenda from candidates", () => {
  let tab: TestPage;

  beforeAll(async () => {
    // The arrangement: the chosen initiative's area names a representative outside the committee
    // (the seeded areas with initiatives ready for decision name members only), so inviting
    // them changes the meeting's attendees.
    const owner = repos(app!.people.owner);
    const ready = await owner.initiatives.list({
      where: { phase: "Klar til prioritering" },
      orderBy: [{ field: "title" }],
    });
    const areas = await owner.areas.list();
    const outsider = areas
      .flatMap((a) => a.representatives)
      .find((p) => !committee.has(p.email.toLowerCase()));
    if (!outsider) throw new Error("The demo areas name no representative outside the committee");
    const chosen = ready.find((i) => i.area !== null);
    if (!chosen) throw new Error("No initiative in Klar til prioritering has an area");
    initiative = chosen;
    const area = areas.find((a) => a.id === initiative.area!.id)!;
    const own = area.representatives.find((p) => !committee.has(p.email.toLowerCase()));
    if (own) representative = { email: own.email, name: own.name };
    else {
      await owner.areas.update({ ...area, representatives: [...area.representatives, outsider] });
      representative = { email: outsider.email, name: outsider.name };
    }
  });

  const point = (page: Page, number: number, title: string) =>
    page.getByRole("article", { name: t("agenda.point.heading", { number, title }), exact: true });

  it("adds a free point and the initiative in Klar til prioritering from the candidates", async () => {
    tab = await openAs(app!.people.secretary, hrefForMeeting(meeting.id));
    const { page } = tab;
    await meetingHeading(page).waitFor();
    await page.getByRole("tab", { name: t("meetings.page.agenda"), selected: true }).waitFor();
    await page.getByText(t("agenda.notSent"), { exact: true }).waitFor();

    await page.getByRole("textbox", { name: t("agenda.candidates.freeTitle") }).fill(FREE_POINT);
    await page.getByRole("button", { name: t("agenda.candidates.addFree") }).click();
    await point(page, 1, FREE_POINT).waitFor();

    const group = page.getByRole("region", { name: /^Til beslutning: klar til prioritering/ });
    await group.getByText(initiative.title, { exact: true }).waitFor();
    await group
      .getByRole("button", { name: t("agenda.candidates.addNamed", { title: initiative.title }) })
      .click();
    await point(page, 2, initiative.title).waitFor();
    await group.getByText(t("agenda.candidates.onAgenda"), { exact: true }).waitFor();
    // The area's representative is invited, and the page says so.
    await page
      .getByRole("status")
      .getByText(t("agenda.attendees.added", { who: representative.name }))
      .waitFor({ timeout: 15_000 });

    const items = await repos(app!.people.secretary).agendaItems.list({
      where: { meeting: meeting.id },
    });
    expect(items).toHaveLength(2);
    initiativePoint = items.find((i) => i.initiative?.id === initiative.id)!;
    expect(initiativePoint).toMatchObject({ kind: "Beslutning", title: initiative.title });
    expect(initiativePoint.invitedAreas.map((a) => a.id)).toEqual([initiative.area!.id]);
  });

  it("the area representative is among the Graph event's attendees (optional), the members kept", async () => {
    const e = await event(meeting);
    const emails = e.attendees.map((a) => a.email.toLowerCase());
    expect(emails).toContain(representative.email.toLowerCase());
    expect(
      e.attendees.find((a) => a.email.toLowerCase() === representative.email.toLowerCase()),
    ).toMatchObject({ optional: true });
    for (const m of committee) expect(emails).toContain(m);
    expect(emails).toHaveLength(committee.size + 1);
    // The representative got the invitation and has the meeting in their own calendar.
    const told = (await noticesOf(e.id)).filter(
      (n) => n.recipient.toLowerCase() === representative.email.toLowerCase(),
    );
    expect(told.map((n) => n.kind)).toEqual(["created"]);
    const theirs = await graph(representative.email).calendar.listBetween(
      meeting.start,
      meeting.end,
    );
    expect(theirs.map((x) => x.subject)).toContain(meeting.title);
  });

  it("sets the point's type, time-box, presenter and indstilling, and saves it", async () => {
    const { page } = tab;
    const p = point(page, 2, initiative.title);
    await expect(
      p.getByRole("combobox", { name: t("agenda.point.kind"), exact: true }).inputValue(),
    ).resolves.toBe("Beslutning");
    await p.getByRole("spinbutton", { name: t("agenda.point.duration") }).fill("30");
    await pickPerson(page, p.getByRole("combobox", { name: t("agenda.point.presenter") }), GITTE);
    await p.getByRole("textbox", { name: t("agenda.point.recommendation") }).fill(RECOMMENDATION);
    await p
      .getByRole("button", { name: t("agenda.point.saveNamed", { title: initiative.title }) })
      .click();
    await page
      .getByRole("status")
      .getByText(t("agenda.point.saved", { title: initiative.title }))
      .waitFor();
    initiativePoint = await eventually(async () => {
      const saved = await repos(app!.people.secretary).agendaItems.get(initiativePoint.id);
      expect(saved).toMatchObject({
        kind: "Beslutning",
        durationMinutes: 30,
        recommendation: RECOMMENDATION,
      });
      expect(saved.presenter?.email.toLowerCase()).toBe(GITTE);
      return saved;
    });
  });

  it("moves the initiative's point first with Ctrl+↑ on the point; the new order is announced and stored", async () => {
    const { page } = tab;
    const p = point(page, 2, initiative.title);
    await p.focus();
    await page.keyboard.press("Control+ArrowUp");
    await page
      .getByRole("status")
      .getByText(t("agenda.order.moved", { title: initiative.title, position: 1, count: 2 }))
      .waitFor();
    await point(page, 1, initiative.title).waitFor();
    await point(page, 2, FREE_POINT).waitFor();
    // Focus stays on the moved point, so the keyboard user can keep moving it.
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute("data-point-id")),
    ).resolves.toBe(String(initiativePoint.id));
    await eventually(async () => {
      const items = await repos(app!.people.secretary).agendaItems.list({
        where: { meeting: meeting.id },
      });
      const ordered = [...items].sort((a, b) => a.sortOrder - b.sortOrder);
      expect(ordered.map((i) => i.title)).toEqual([initiative.title, FREE_POINT]);
    });
    await saveScreenshot(page, "meetings-2-agenda");
  });

  it("the agenda tab has no serious or critical accessibility violations", async () => {
    expect(await seriousA11yProblems(tab.page)).toEqual([]);
  });

  it("3. sends the agenda: the event's body holds it, and the meeting shows Dagsorden udsendt", async () => {
    const { page } = tab;
    await page.getByRole("button", { name: t("agenda.send.send"), exact: true }).click();
    // Asked first, then sent.
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: t("agenda.send.send"), exact: true })
      .click();
    await page.getByText(t("agenda.send.done"), { exact: true }).waitFor({ timeout: 30_000 });
    await stateBadge(page, "Dagsorden udsendt").waitFor();

    const stored = await repos(app!.people.secretary).meetings.get(meeting.id);
    expect(stored.state).toBe("Dagsorden udsendt");
    expect(stored.agendaSentAt).not.toBeNull();
    meeting = stored;

    const e = await event(meeting);
    const body = textOf(e.agendaHtml);
    expect(body).toContain(`Dagsorden: ${meeting.title}`);
    const first = body.indexOf(`1. ${initiative.title}`);
    const second = body.indexOf(`2. ${FREE_POINT}`);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(body).toContain("Beslutning, 30 min.");
    expect(body).toContain(`Fremlægger: ${displayNameOf(GITTE)}`);
    expect(body).toContain(RECOMMENDATION);
    // The indstilling's "&" is escaped in the HTML, and each point links to the tab.
    expect(e.agendaHtml).toContain("tiltaget &amp; sender");
    expect(e.agendaHtml).toContain(`#/moeder/${meeting.id}#punkt-${initiativePoint.id}"`);
    // Sending changed only the body: the representative is still invited.
    expect(e.attendees.map((a) => a.email.toLowerCase())).toContain(
      representative.email.toLowerCase(),
    );
    await saveScreenshot(page, "meetings-3-agenda-sent");
  });

  it("a member reads the sent agenda in the tab", async () => {
    const member = app!.people.members.find((m) => m !== GITTE)!;
    const { page } = await openAs(member, hrefForMeeting(meeting.id));
    await meetingHeading(page).waitFor();
    await stateBadge(page, "Dagsorden udsendt").waitFor();
    await page
      .getByRole("region", {
        name: t("agenda.point.recommendationOf", { title: initiative.title }),
      })
      .getByText(RECOMMENDATION)
      .waitFor();
    await expect(
      page.getByRole("button", { name: t("agenda.send.send"), exact: true }).count(),
    ).resolves.toBe(0);
  });
});

describe("4. the secretary writes the minutes on the meeting's day", () => {
  let tab: TestPage;
  const pointRegion = (page: Page, number: number, title: string) =>
    page.getByRole("region", { name: t("minutes.point.heading", { number, title }), exact: true });

  it("writes the decision point's minutes (a typed <script> among them) and the decision, carried to DF", async () => {
    const onTheDay = new Date(Date.parse(meeting.start) + 2 * 3_600_000);
    tab = await openAs(app!.people.secretary, hrefForMeeting(meeting.id, "minutes"), onTheDay);
    const { page } = tab;
    await meetingHeading(page).waitFor();
    await page.getByRole("tab", { name: t("meetings.page.minutes"), selected: true }).waitFor();
    const region = pointRegion(page, 1, initiative.title);
    await region
      .getByRole("textbox", { name: t("minutes.point.minutes"), exact: true })
      .fill(MINUTES_TEXT);
    await region
      .getByRole("textbox", { name: t("minutes.point.decision"), exact: true })
      .fill(DECISION_TEXT);
    await region.getByRole("checkbox", { name: t("minutes.forums.DF") }).check();
    await region.getByRole("button", { name: t("minutes.point.save") }).click();
    await region.getByText(t("minutes.point.saved"), { exact: true }).waitFor({ timeout: 15_000 });
    await stateBadge(page, "Afholdt").waitFor();

    const r = repos(app!.people.secretary);
    expect((await r.agendaItems.get(initiativePoint.id)).minutesText).toBe(MINUTES_TEXT);
    const decisions = await r.decisions.list({ where: { meeting: meeting.id } });
    expect(decisions).toHaveLength(1);
    decision = decisions[0]!;
    expect(decision).toMatchObject({
      text: DECISION_TEXT,
      carriedTo: ["DF"],
      agendaItem: { id: initiativePoint.id },
      initiative: { id: initiative.id },
    });
    expect((await r.meetings.get(meeting.id)).state).toBe("Afholdt");
    // The initiative's phase was not moved (no phase chosen with the decision).
    expect((await r.initiatives.get(initiative.id)).phase).toBe("Klar til prioritering");
  });

  it("adds a follow-up action with an owner and a due date, following from the decision", async () => {
    const { page } = tab;
    const due = new Date(Date.parse(meeting.start) + 30 * 86_400_000).toISOString().slice(0, 10);
    const form = page.getByRole("form", { name: t("minutes.actions.addForm") });
    await form.getByRole("textbox", { name: t("minutes.actions.task") }).fill(ACTION_TITLE);
    await pickPerson(
      page,
      form.getByRole("combobox", { name: t("minutes.actions.ownerLabel") }),
      GITTE,
    );
    await form.getByLabel(t("minutes.actions.dueLabel")).fill(due);
    await form
      .getByRole("combobox", { name: t("minutes.actions.decision") })
      .selectOption({ label: decision.title });
    await form.getByRole("button", { name: t("minutes.actions.add") }).click();
    const list = page.getByRole("list", { name: t("minutes.actions.title") });
    await list.getByText(ACTION_TITLE, { exact: true }).waitFor({ timeout: 15_000 });
    await list
      .getByText(
        new RegExp(`^${escapeRegExp(t("minutes.actions.owner", { name: displayNameOf(GITTE) }))}`),
      )
      .waitFor();

    const actions = await repos(app!.people.secretary).actions.list({
      where: { meeting: meeting.id },
    });
    expect(actions).toHaveLength(1);
    action = actions[0]!;
    expect(action).toMatchObject({
      title: ACTION_TITLE,
      state: "Åben",
      decision: { id: decision.id },
      meeting: { id: meeting.id },
    });
    expect(action.owner?.email.toLowerCase()).toBe(GITTE);
    expect(action.due?.slice(0, 10)).toBe(due);
    await saveScreenshot(page, "meetings-4-minutes");
  });

  it("the minutes tab has no serious or critical accessibility violations", async () => {
    expect(await seriousA11yProblems(tab.page)).toEqual([]);
  });
});

describe("5. the chair approves; the minutes go to Chefforum once", () => {
  let tab: TestPage;

  it("approves: posted to Chefforum's channel, the meeting shows Referat udsendt", async () => {
    messagesBefore = (await chefforumMessages()).length;
    const onTheDay = new Date(Date.parse(meeting.start) + 3 * 3_600_000);
    tab = await openAs(app!.people.chair, hrefForMeeting(meeting.id, "minutes"), onTheDay);
    const { page } = tab;
    await meetingHeading(page).waitFor();
    await page.getByText(t("minutes.approval.awaiting"), { exact: true }).waitFor();
    // The chair reads the minutes as text: the typed <script> is shown, not run.
    await page.getByText(MINUTES_TEXT, { exact: true }).waitFor();
    // The decision reads as its label, then its text, then the forums: one under the other.
    const read = page.getByRole("region", {
      name: t("minutes.point.heading", { number: 1, title: initiative.title }),
      exact: true,
    });
    const boxes = await Promise.all(
      [
        read.getByText(t("minutes.point.decision"), { exact: true }),
        read.getByText(DECISION_TEXT, { exact: true }),
        read.getByText(t("minutes.point.carriedTo", { forums: t("minutes.forums.DF") }), {
          exact: true,
        }),
      ].map(async (l) => (await l.boundingBox())!),
    );
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height - 1);
    }
    await page.getByRole("button", { name: t("minutes.approval.approve") }).click();
    await page
      .getByRole("alertdialog")
      .getByRole("button", { name: t("minutes.approval.approve") })
      .click();
    await page
      .getByText(t("minutes.approval.postedNow", { count: 1 }), { exact: true })
      .waitFor({ timeout: 30_000 });
    await stateBadge(page, "Referat udsendt").waitFor();

    const stored = await repos(app!.people.chair).meetings.get(meeting.id);
    expect(stored.state).toBe("Referat udsendt");
    expect(stored.minutesApprovedAt).not.toBeNull();
    expect(stored.minutesApprovedBy?.name).toBe(displayNameOf(app!.people.chair));
    meeting = stored;
    await saveScreenshot(page, "meetings-5-approved");
  });

  it("Chefforum's channel holds the minutes exactly once, the <script> escaped", async () => {
    const messages = await chefforumMessages();
    expect(messages.length).toBe(messagesBefore + 1);
    const ours = messages.filter((m) => (m.subject ?? "").includes(meeting.title));
    expect(ours).toHaveLength(1);
    const post = ours[0]!;
    expect(meeting.channelMessageId).toBe(post.id);
    expect(post.subject).toMatch(/^Referat: /);
    expect(post.html).not.toMatch(/<script/i);
    expect(post.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const body = textOf(post.html);
    expect(body).toContain(MINUTES_TEXT);
    expect(body).toContain(DECISION_TEXT);
    expect(body).toContain("Direktørforum (DF)");
    expect(body).toContain(ACTION_TITLE);
    expect(body).toContain(`Ansvarlig: ${displayNameOf(GITTE)}`);
    expect(post.html).toContain(`#/moeder/${meeting.id}/referat"`);
  });

  it("nothing ran: no script element from the minutes, no dialog, no page error", async () => {
    const { page, record } = tab;
    const injected = await page.evaluate(
      () =>
        [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("alert(1)"))
          .length,
    );
    expect(injected).toBe(0);
    expect(record.errors).toEqual([]);
  });

  it("the chair's minutes (read only, approved) have no serious or critical accessibility violations", async () => {
    expect(await seriousA11yProblems(tab.page)).toEqual([]);
  });

  it("opened again, the page does not post again", async () => {
    const again = await openAs(
      app!.people.chair,
      hrefForMeeting(meeting.id, "minutes"),
      new Date(Date.parse(meeting.start) + 4 * 3_600_000),
    );
    const { page } = again;
    await meetingHeading(page).waitFor();
    await page.getByText(new RegExp(escapeRegExp(t("minutes.approval.posted")))).waitFor();
    await stateBadge(page, "Referat udsendt").waitFor();
    expect(await page.getByRole("button", { name: t("minutes.approval.approve") }).count()).toBe(0);
    expect(await page.getByRole("button", { name: t("minutes.approval.postNow") }).count()).toBe(0);
    expect((await chefforumMessages()).length).toBe(messagesBefore + 1);
  });
});

describe("6. the decision log", () => {
  let tab: TestPage;

  it("shows the decision with its meeting, initiative and forum", async () => {
    const member = app!.people.members.find((m) => m !== GITTE)!;
    tab = await openAs(member, hrefForDecisionLog());
    const { page } = tab;
    await page.getByRole("heading", { level: 1, name: t("meetings.log.title") }).waitFor();
    const table = page.getByRole("table", { name: t("meetings.log.decisions") });
    const row = table.getByRole("row").filter({ hasText: DECISION_TEXT });
    await row.waitFor();
    const cells = row.getByRole("cell");
    await expect(cells.nth(0).textContent()).resolves.toContain(decision.title);
    await cells.nth(2).getByRole("link", { name: meeting.title, exact: true }).waitFor();
    await expect(
      cells.nth(2).getByRole("link", { name: meeting.title }).getAttribute("href"),
    ).resolves.toBe(hrefForMeeting(meeting.id, "minutes"));
    await cells.nth(3).getByRole("link", { name: initiative.title, exact: true }).waitFor();
    await expect(cells.nth(4).textContent()).resolves.toBe(t("meetings.forums.DF"));

    // Filtered by the forum DF, the decision is still there.
    await page.getByRole("combobox", { name: t("meetings.log.filterForum") }).selectOption("DF");
    await row.waitFor();
  });

  it("shows the action under its owner", async () => {
    const { page } = tab;
    // The heading counts the owner's open and overdue actions, as the store holds them.
    const groups = openActionsByOwner(
      await repos(app!.people.secretary).actions.list(),
      new Date(),
    );
    const gitte = groups.find((g) => g.owner?.email.toLowerCase() === GITTE)!;
    expect(gitte.actions.map((a) => a.action.id)).toContain(action.id);
    const owner = page.getByRole("region", {
      name: t("meetings.log.ownerHeading", {
        name: displayNameOf(GITTE),
        count: gitte.actions.length,
        overdue: gitte.overdue,
      }),
      exact: true,
    });
    await owner.waitFor();
    const item = owner.getByRole("listitem").filter({ hasText: ACTION_TITLE });
    await item.waitFor();
    await item.getByRole("link", { name: meeting.title, exact: true }).waitFor();
    await saveScreenshot(page, "meetings-6-decision-log");
  });

  it("the decision is on the initiative's page too, with its meeting and forum", async () => {
    const { page } = tab;
    await goToRoute(page, hrefForInitiative(initiative.id));
    const list = page.getByRole("list", { name: t("initiative.decisions.title"), exact: true });
    const item = list.getByRole("listitem").filter({ hasText: DECISION_TEXT });
    await item.waitFor();
    await item.getByText(new RegExp(escapeRegExp(` · ${meeting.title} · `))).waitFor();
    await item
      .getByText(new RegExp(escapeRegExp(t("initiative.decisions.carriedTo", { forums: "DF" }))))
      .waitFor();
    await goToRoute(page, hrefForDecisionLog());
    await page.getByRole("table", { name: t("meetings.log.decisions") }).waitFor();
  });

  it("the decision log has no serious or critical accessibility violations", async () => {
    expect(await seriousA11yProblems(tab.page)).toEqual([]);
  });
});

describe("throughout", () => {
  it("no page threw, no dialog opened, and nothing left the machine", () => {
    expect(tabs.length).toBeGreaterThanOrEqual(6);
    for (const { record } of tabs) {
      expect(record.errors).toEqual([]);
      expect(record.blocked).toEqual([]);
    }
  });
});
