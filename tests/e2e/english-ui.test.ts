// The English UI shows no Danish but the data itself. The secretary (who sees the most pages)
// switches to English and visits every page of the tab: the overview, the portfolio and its
// pages, one initiative, Prioritering (criteria, rounds, one round, scenarios), Møder (the year
// plan, one meeting's agenda and minutes, the decision log), the irregularities page and the
// views still to come. On each, no text on the page is a Danish UI string: the app's own Danish
// texts (every `*.da.json`) that differ from their English counterpart are looked for, short
// ones as a whole text, longer ones (and the fixed parts of texts with parameters) anywhere.
// Text that is, or holds, what users wrote (a title, a decision's text) is data and left alone.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { DEMO_GROUPS } from "../../src/demo-tenant/index.js";
import { type RunningApp, startApp } from "../support/app.js";
import {
  type Browser,
  launchBrowser,
  openPage,
  type Page,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";
import { chooseIdentity, goToRoute, waitForDashboard } from "./journey.js";

const I18N = join(process.cwd(), "src", "ui", "i18n");

type Texts = Record<string, string>;

function flatten(tree: unknown, prefix = "", into: Texts = {}): Texts {
  if (tree !== null && typeof tree === "object") {
    for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
      flatten(v, prefix ? `${prefix}.${k}` : k, into);
    }
  } else if (typeof tree === "string") {
    into[prefix] = tree;
  }
  return into;
}

function readTexts(language: "da" | "en"): Texts {
  const base = flatten(JSON.parse(readFileSync(join(I18N, `${language}.json`), "utf8")));
  const features = readdirSync(join(I18N, "features")).filter((f) =>
    f.endsWith(`.${language}.json`),
  );
  for (const f of features) {
    flatten(JSON.parse(readFileSync(join(I18N, "features", f), "utf8")), "", base);
  }
  return base;
}

/** Danish UI texts to look for: whole short texts, and the fixed parts of longer ones. */
function danishOnly(): { whole: Set<string>; parts: Set<string> } {
  const da = readTexts("da");
  const en = readTexts("en");
  const whole = new Set<string>();
  const parts = new Set<string>();
  for (const [key, value] of Object.entries(da)) {
    // Unchanged in English, or a name English keeps and explains ("CF – Chefforum (…)").
    if (en[key] === value || !/\p{L}/u.test(value) || en[key]?.includes(value)) continue;
    const fixed = value
      .split(/\{\{[^}]*\}\}|<[^>]*>|\$t\([^)]*\)/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    if (fixed.length === 1 && fixed[0] === value.trim()) {
      if (value.trim().length >= 14) parts.add(value.trim());
      else whole.add(value.trim());
    } else {
      for (const p of fixed) if (p.length >= 14 && /\s/.test(p)) parts.add(p);
    }
  }
  return { whole, parts };
}

const DANISH = danishOnly();

let app: RunningApp | undefined;
let browser: Browser | undefined;
let tab: TestPage;

beforeAll(async () => {
  app = await startApp();
  DATA = await dataTexts(app);
  browser = await launchBrowser();
  tab = await openPage(browser, { viewport: { width: 1366, height: 900 } });
});

afterAll(async () => {
  await tab?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** Every text node on the page (and every accessible name given by aria-label), trimmed. */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest("script,style,noscript")) continue;
      const t = (n.textContent ?? "").replace(/\s+/g, " ").trim();
      if (t) out.push(t);
    }
    for (const el of Array.from(document.querySelectorAll("[aria-label],[placeholder],[title]"))) {
      for (const a of ["aria-label", "placeholder", "title"]) {
        const v = el.getAttribute(a)?.replace(/\s+/g, " ").trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** Free-text fields of stored items: what users wrote, in Danish, is data. */
const FREE_TEXT = new Set([
  "title",
  "name",
  "description",
  "text",
  "recommendation",
  "minutesText",
  "location",
  "summary",
  "comment",
  "note",
]);

function freeTexts(value: unknown, into: Set<string>, key = ""): Set<string> {
  if (Array.isArray(value)) for (const v of value) freeTexts(v, into, key);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) freeTexts(v, into, k);
  } else if (typeof value === "string" && FREE_TEXT.has(key) && value.trim().length >= 6) {
    for (const line of value.split(/\n+/)) {
      const t = line.replace(/\s+/g, " ").trim();
      if (t.length >= 6) into.add(t);
    }
  }
  return into;
}

/** The demo data's free texts as the secretary reads them. */
async function dataTexts(app: RunningApp): Promise<string[]> {
  const repos = app.repositoriesAs(app.people.secretary);
  const lists = await Promise.all(
    [
      repos.areas,
      repos.strategyGoals,
      repos.initiatives,
      repos.budgetLines,
      repos.criteria,
      repos.rounds,
      repos.scenarios,
      repos.meetings,
      repos.agendaItems,
      repos.decisions,
      repos.actions,
      repos.resources,
      repos.fundingProposals,
      repos.benefits,
      repos.statusReports,
    ].map((r) => (r.list() as Promise<unknown[]>).catch(() => [])),
  );
  const texts = freeTexts(lists, new Set<string>());
  // Teams and channels are named in Microsoft 365 (Indstillinger lists them): data too.
  for (const g of DEMO_GROUPS) {
    texts.add(g.displayName);
    for (const c of g.channels) texts.add(c.displayName);
  }
  return [...texts];
}

let DATA: string[] = [];

function isData(t: string): boolean {
  return DATA.some((d) => t.includes(d) || d.includes(t));
}

function danishIn(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const t of texts) {
    if (isData(t)) continue;
    if (DANISH.whole.has(t)) found.add(t);
    for (const p of DANISH.parts) if (t.includes(p)) found.add(`${p} (in "${t}")`);
  }
  return [...found];
}

async function settled(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, {
    timeout: 30_000,
  });
  // Texts of a lazily loaded view arrive with it; let a last render land.
  await page.waitForTimeout(300);
}

describe("the English UI", () => {
  it("has Danish texts to look for and the data's own texts to leave alone", () => {
    expect(DANISH.whole.size + DANISH.parts.size).toBeGreaterThan(200);
    expect(DATA.length).toBeGreaterThan(50);
  });

  it("shows no Danish UI text on any page the secretary can reach", async () => {
    const { page } = tab;
    const secretary = app!.people.secretary;
    await page.goto(app!.url);
    await chooseIdentity(page, secretary);
    await waitForDashboard(page, secretary, "da");
    await page.getByLabel("Sprog").selectOption("en");
    await waitForDashboard(page, secretary, "en");

    const repos = app!.repositoriesAs(secretary);
    const [initiatives, rounds, meetings] = await Promise.all([
      repos.initiatives.list(),
      repos.rounds.list(),
      repos.meetings.list(),
    ]);
    const held = meetings.find(
      (m) => m.state === "Referat godkendt" || m.state === "Referat udsendt",
    );
    const routes = [
      "overblik",
      "portefolje",
      "portefolje/nyt",
      "portefolje/import",
      "portefolje/status",
      `initiativ/${initiatives[0]!.id}`,
      "prioritering/kriterier",
      "prioritering/runder",
      `prioritering/runder/${rounds[0]!.id}`,
      "prioritering/scenarier",
      "moeder",
      `moeder/${meetings[0]!.id}/dagsorden`,
      `moeder/${(held ?? meetings[0]!).id}/referat`,
      "moeder/beslutninger",
      "uregelmaessigheder",
      "ressourcer",
      "finansiering",
      "gevinster",
      "rapporter",
      "indstillinger",
    ];
    const danish: string[] = [];
    for (const route of routes) {
      await goToRoute(page, `#/${route}`);
      await settled(page);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      for (const d of danishIn(await pageTexts(page))) danish.push(`#/${route}: ${d}`);
      await saveScreenshot(page, `english-${route.replace(/\//g, "-")}`);
    }
    expect(danish).toEqual([]);
  });
});
