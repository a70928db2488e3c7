/**
 * Headless Chromium for the end-to-end tests: Debian's own /usr/bin/chromium driven by
 * playwright-core (no downloaded browsers). Pages may reach loopback only; anything else is
 * aborted and recorded, so a journey that tries to call a real tenant fails visibly instead of
 * hanging. Screenshots go to test-results/screenshots/ (kept by CI as artefacts), and axe-core
 * audits a page for serious and critical accessibility violations.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import {
  type Browser,
  type BrowserContextOptions,
  chromium,
  type ConsoleMessage,
  type Page,
} from "playwright-core";

export type { Browser, Page };

const root = join(import.meta.dirname, "..", "..");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const SCREENSHOT_DIR = join(root, "test-results", "screenshots");
const AXE = join(root, "node_modules", "axe-core", "axe.min.js");

const LOOPBACK = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/** Launches Debian's Chromium; fails with the install command when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium); .ci/run does this`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What a page did that a journey may want to assert never happened. */
export interface PageRecord {
  /** Requests to anything but loopback, aborted. */
  blocked: string[];
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** Console messages of type error (includes Content-Security-Policy refusals). */
  consoleErrors: string[];
}

export interface TestPage {
  page: Page;
  record: PageRecord;
  close(): Promise<void>;
}

/**
 * A fresh context and page (own storage, so identities chosen in one test do not leak into
 * another). Danish locale and a laptop-sized viewport unless told otherwise.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const record: PageRecord = { blocked: [], errors: [], consoleErrors: [] };
  await context.route(
    (url) => !LOOPBACK.test(url.href) && url.protocol !== "data:" && url.protocol !== "blob:",
    async (route) => {
      record.blocked.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  const page = await context.newPage();
  page.on("pageerror", (e) => record.errors.push(e.message));
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") record.consoleErrors.push(m.text());
  });
  return { page, record, close: () => context.close() };
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-zA-Z0-9æøåÆØÅ_-]+/g, "-")}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: "serious" | "critical";
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending nodes, with axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

interface AxeResult {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

/**
 * Runs axe-core on the page (WCAG 2.0/2.1 A and AA plus best practices) and returns the
 * serious and critical violations. axe is injected with `page.addScriptTag({ path })`; when
 * the page's Content-Security-Policy refuses that inline script (ours does: scripts only from
 * its own origin), the same file is evaluated through the DevTools protocol instead, which
 * the page's CSP does not govern, so the page is audited exactly as it is served.
 */
export async function axeViolations(page: Page, context = "body"): Promise<AxeViolation[]> {
  const present = () => page.evaluate(() => "axe" in window);
  if (!(await present())) {
    try {
      await page.addScriptTag({ path: AXE });
    } catch (e) {
      if (!/Content Security Policy/i.test(String(e))) throw e;
    }
    if (!(await present())) await page.evaluate(readFileSync(AXE, "utf8"));
  }
  const result = await page.evaluate(
    (selector) =>
      (
        window as unknown as {
          axe: { run(c: string, o: object): Promise<unknown> };
        }
      ).axe.run(selector, {
        runOnly: {
          type: "tag",
          values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
        resultTypes: ["violations"],
      }),
    context,
  );
  const serious = (result as AxeResult).violations
    .filter(
      (v): v is AxeResult["violations"][number] & { impact: "serious" | "critical" } =>
        v.impact === "serious" || v.impact === "critical",
    )
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(" "),
        summary: n.failureSummary ?? "",
      })),
    }));
  return withoutFocusGuards(page, serious);
}

/**
 * Drops axe's `aria-hidden-focus` finding on Fluent UI's focus guards — the empty
 * `<i data-tabster-dummy aria-hidden="true" tabindex="0">` tabster puts at the ends of the body,
 * which move focus on and are never read: a known false positive (microsoft/tabster#288) that
 * comes and goes with timing. A node is dropped only when every element its selector matches is
 * such a guard; everything else is kept.
 */
async function withoutFocusGuards(page: Page, violations: AxeViolation[]): Promise<AxeViolation[]> {
  const kept: AxeViolation[] = [];
  for (const v of violations) {
    const nodes: AxeViolation["nodes"] = [];
    for (const node of v.nodes) {
      const guard =
        v.id === "aria-hidden-focus" &&
        (await page.evaluate((selector) => {
          const found = [...document.querySelectorAll(selector)];
          return (
            found.length > 0 &&
            found.every(
              (el) =>
                el.tagName === "I" &&
                el.hasAttribute("data-tabster-dummy") &&
                el.getAttribute("aria-hidden") === "true" &&
                el.childNodes.length === 0,
            )
          );
        }, node.target));
      if (!guard) nodes.push(node);
    }
    if (nodes.length > 0) kept.push({ ...v, nodes });
  }
  return kept;
}

/** One readable line per violation and node, for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target}: ${n.summary}`),
  );
}
