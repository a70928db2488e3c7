/**
 * The portfolio table in Chromium with 10,000 initiatives: the production tab against the local
 * Microsoft 365, signed in as the site owner, measured in the page with `performance.now()`:
 * - from moving to `#/portefolje` to a table with every row counted and its first rows painted
 *   (data loaded, mapped, filtered, sorted and rendered);
 * - each keystroke in the title search, from keydown to the next frame after the table changed;
 * - a click on a column header, from the click to the next frame after the table changed.
 * Next to them, the adapter's own load of the same fields in Node (no rendering).
 */
import { chromium } from "playwright-core";

import { listSchemas } from "../../lists-schema/index.js";
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { DEMO_USERS } from "../../src/demo-tenant/index.js";
import type { AreaId } from "../../src/domain/ids.js";
import type { InitiativeDraft } from "../../src/domain/portfolio.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { provisionSite } from "../../src/provisioning/index.js";
import { buildTab, tabNeedsBuild } from "../../src/tab-server/build.js";
import { startLocalTabServer } from "../../src/tab-server/index.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../../tests/support/browser.js";
import { draftFor, OVERVIEW_FIELDS } from "./portfolio.js";
import type { LocalM365 } from "./processes.js";

export interface PortfolioUiFigures {
  initiatives: number;
  /** The adapter's load of the table's fields in Node, median ms. */
  loadMs: number;
  /** Navigation to an interactive table, median ms over the runs. */
  interactiveMs: number;
  /** Each keystroke of the title search, ms (every one measured). */
  keystrokesMs: number[];
  /** Sorting by a header click, ms per click. */
  sortMs: number[];
}

const AREAS = ["Borger, Kultur og Velfærd", "Økonomi og Stab", "Social og Sundhed"];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function seed(m365: LocalM365, count: number): Promise<void> {
  const owner = m365.users[0] as string;
  await provisionSite({
    siteUrl: m365.sharepoint,
    tokenProvider: devAdminTokenProvider(owner),
    schemas: listSchemas,
  });
  const { repositories } = createSharePointAdapters(m365.sharepoint, devTokenProvider(owner));
  const areas: { id: AreaId; title: string }[] = [];
  for (const title of AREAS) {
    const a = await repositories.areas.add({
      title,
      abbreviation: title.slice(0, 3).toUpperCase(),
      head: null,
      representatives: [],
      active: true,
    });
    areas.push({ id: a.id, title: a.title });
  }
  for (let from = 0; from < count; from += 500) {
    const drafts: InitiativeDraft[] = [];
    for (let i = from; i < Math.min(count, from + 500); i++) drafts.push(draftFor(i, areas));
    const failed = (await repositories.initiatives.addMany(drafts)).filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`${failed.length} initiatives were not written`);
  }
}

/** In the page: resolves with the ms from `since` to the frame after the table next changes. */
const AFTER_TABLE_CHANGE = `(since) => new Promise((resolve) => {
  const table = document.querySelector('[role="table"]');
  const done = () => requestAnimationFrame(() => resolve(performance.now() - window[since]));
  const observer = new MutationObserver(() => { observer.disconnect(); done(); });
  observer.observe(table, { subtree: true, childList: true, characterData: true, attributes: true });
})`;

export async function benchPortfolioUi(
  m365: LocalM365,
  root: string,
  options: { initiatives: number; runs: number },
): Promise<PortfolioUiFigures> {
  await seed(m365, options.initiatives);
  const owner = m365.users[0] as string;
  const { repositories } = createSharePointAdapters(m365.sharepoint, devTokenProvider(owner));
  const loads: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    const start = performance.now();
    const rows = await repositories.initiatives.list({ fields: OVERVIEW_FIELDS });
    loads.push(performance.now() - start);
    if (rows.length !== options.initiatives) throw new Error(`loaded ${rows.length} initiatives`);
  }

  if (tabNeedsBuild(root)) await buildTab(root);
  const tab = await startLocalTabServer({
    m365: { sharepoint: m365.sharepoint, graph: `${m365.origin}/v1.0`, users: m365.users },
    root: `${root}/build/tab`,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const name = DEMO_USERS.find((u) => u.upn === owner)?.displayName ?? owner;
  const interactive: number[] = [];
  const keystrokes: number[] = [];
  const sorts: number[] = [];
  try {
    for (let r = 0; r < options.runs; r++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(tab.url);
      await page
        .getByRole("list", { name: "Demopersoner" })
        .getByRole("button", { name: new RegExp(`^${name}\\b`) })
        .click();
      await page.getByTestId("identity").getByText("Logget ind som").waitFor();
      await page.evaluate(() => {
        (window as unknown as { navStart: number }).navStart = performance.now();
        window.location.hash = "#/portefolje";
      });
      const total = String(options.initiatives + 1);
      await page.waitForFunction(
        (n) =>
          document.querySelector(`[role="table"][aria-rowcount="${n}"] [aria-rowindex="2"]`) !==
          null,
        total,
        { timeout: 120_000 },
      );
      interactive.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) =>
              requestAnimationFrame(() =>
                resolve(performance.now() - (window as unknown as { navStart: number }).navStart),
              ),
            ),
        ),
      );
      // Keystrokes: "1", "12", "123" narrow the titles (each ends in its number), then back.
      const search = page.getByRole("searchbox", { name: "Søg i titler" });
      await search.focus();
      await page.evaluate(() => {
        document.addEventListener(
          "keydown",
          () => ((window as unknown as { keyAt: number }).keyAt = performance.now()),
          { capture: true },
        );
      });
      for (const key of ["1", "2", "3", "Backspace", "Backspace", "Backspace"]) {
        const changed = page.evaluate<number>(`(${AFTER_TABLE_CHANGE})("keyAt")`);
        await page.keyboard.press(key);
        keystrokes.push(await changed);
      }
      // Sorting: the title header, ascending then descending.
      const header = page.getByRole("columnheader").first().getByRole("button");
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => {
          document.addEventListener(
            "pointerdown",
            () => ((window as unknown as { clickAt: number }).clickAt = performance.now()),
            { capture: true, once: true },
          );
        });
        const changed = page.evaluate<number>(`(${AFTER_TABLE_CHANGE})("clickAt")`);
        await header.click();
        sorts.push(await changed);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await tab.close();
  }
  return {
    initiatives: options.initiatives,
    loadMs: median(loads),
    interactiveMs: median(interactive),
    keystrokesMs: keystrokes,
    sortMs: sorts,
  };
}

export { median };
